"""Placeholder checks: format strings, markup, newlines, numbers and URLs as the source has them."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence

from localize.checks.base import ERROR, Unit, check

__all__ = ["placeholders"]


_PRINTF = re.compile(
    r"%(?:\(\w+\))?(?:\d+\$)?[-+#0]*(?:\d+|\*)?(?:\.(?:\d+|\*))?"
    r"(?:hh|h|ll|l|L|q|j|z|t)?[diouxXeEfFgGcsrap%]"
)
_BRACE = re.compile(r"\{\{|\}\}|\{(?:\w*)(?:![rsa])?(?::[^{}]*)?\}")
_TAG = re.compile(r"<(/?)([A-Za-z][\w:-]*)(?:\s[^<>]*?)?(/?)>")


def placeholders(text: str, flags: Sequence[str] = ()) -> Counter[str]:
    """The format placeholders and markup tags in ``text``, counted.

    >>> sorted(placeholders("%(n)d of {total} <b>files</b>"))
    ['%(n)d', '</b>', '<b>', '{total}']
    """
    found: Counter[str] = Counter()
    if "no-c-format" not in flags and "no-python-format" not in flags:
        found.update(p for p in (m.group() for m in _PRINTF.finditer(text)) if p != "%%")
    if "no-python-brace-format" not in flags:
        found.update(p for p in (m.group() for m in _BRACE.finditer(text)) if p not in ("{{", "}}"))
    found.update(f"<{m.group(1)}{m.group(2).lower()}{m.group(3)}>" for m in _TAG.finditer(text))
    return found


@check("placeholders", ERROR, "format placeholders and markup tags must match the source")
def _placeholders(unit: Unit) -> Iterator[str]:
    source = placeholders(unit.source, unit.flags)
    target = placeholders(unit.target, unit.flags)
    for p in sorted(source - target):
        yield f"placeholder '{p}' in source, missing in translation"
    for p in sorted(target - source):
        yield f"placeholder '{p}' in translation, not in source"


@check("newlines", ERROR, "source and translation must both begin and end with a newline, or not")
def _newlines(unit: Unit) -> Iterator[str]:
    for where, test in (("begin", str.startswith), ("end", str.endswith)):
        if test(unit.source, "\n") != test(unit.target, "\n"):
            side = "source" if test(unit.source, "\n") else "translation"
            yield f"only the {side} {where}s with a newline (msgfmt --check rejects this)"


_NUMBER = re.compile(r"\d(?:[\d.,\u00a0\u202f' ]*\d)?")
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"']+[^\s<>\"'.,;:!?)\]}]")


def numbers(text: str) -> Counter[str]:
    """The numbers of ``text`` as digit strings: ``1,204`` and ``1.204`` are the same number
    written the English and the Dutch way, and both give ``1204``."""
    found: Counter[str] = Counter()
    for match in _NUMBER.finditer(_URL.sub(" ", text)):
        found[re.sub(r"\D", "", match.group())] += 1
    return found


@check("numbers", ERROR, "the numbers of the source must be in the translation")
def _numbers(unit: Unit) -> Iterator[str]:
    source, target = numbers(unit.source), numbers(unit.target)
    if not source or not target:
        return  # written in words on one side: nothing to compare
    for n in sorted(source - target):
        yield f"number {n} in source, missing in translation"
    for n in sorted(target - source):
        yield f"number {n} in translation, not in source"


@check("urls", ERROR, "URLs must be in the translation exactly as in the source")
def _urls(unit: Unit) -> Iterator[str]:
    source = Counter(m.group() for m in _URL.finditer(unit.source))
    target = Counter(m.group() for m in _URL.finditer(unit.target))
    for url in sorted(source - target):
        yield f"URL {url} in source, missing or changed in translation"
    for url in sorted(target - source):
        yield f"URL {url} in translation, not in source"
