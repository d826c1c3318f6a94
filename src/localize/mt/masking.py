"""Masking what a model must not translate, and restoring it after translation.

Before translation, what must come back byte for byte (format strings such as
``%s``, ``%(name)s``, ``%1$s``, ``{name}``, ``{0}``; markup tags and entities;
URLs and e-mail addresses; do-not-translate names) is replaced by numbered mask
tokens ``⟦0⟧``, ``⟦1⟧``... This masked text is the canonical form every
placeholder strategy (``strategy.py``) starts from. After translation each mask
is put back as it was written. Glossary terms are not masked: they inflect, so
the model translates them in context and the result is checked afterwards.

>>> m = mask_text("Hello %(name)s, see <b>news</b>", source="en", target="nl")
>>> m.text
'Hello ⟦0⟧, see ⟦1⟧news⟦2⟧'
>>> restore(m, "Hallo ⟦0⟧, zie ⟦1⟧nieuws⟦2⟧").text
'Hallo %(name)s, zie <b>nieuws</b>'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from localize.terms.glossary import Glossary

__all__ = [
    "MASK_RE",
    "Masked",
    "Restored",
    "Span",
    "find_placeholders",
    "mask_index",
    "mask_text",
    "mask_token",
    "restore",
]

# Tolerant of what a model does to a mask token it copies: spaces inside (``⟦ 0 ⟧``),
# full-width digits, the look-alike white square brackets 〚〛 and the full-width [].
MASK_RE = re.compile(r"[⟦〚［]\s*([0-9０-９]+)\s*[⟧〛］]")

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("url", re.compile(r"(?:https?|ftp)://[^\s<>\"']+[^\s<>\"'.,;:!?)\]}]"
                       r"|www\.[^\s<>\"']+[^\s<>\"'.,;:!?)\]}]")),
    ("email", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    ("markup", re.compile(r"</?[A-Za-z][\w:-]*(?:\s+[^<>]*?)?/?>|&(?:#\d+|#x[0-9a-fA-F]+|\w+);")),
    ("placeholder", re.compile(
        r"%(?:\(\w+\)|\d+\$)?[#0+-]*(?:\d+|\*)?(?:\.\d+)?(?:hh|h|ll|l|L|z|j|t)?[diouxXeEfFgGcrsa%]"
        r"|\{[A-Za-z_]?\w*(?:\.\w+|\[\w+\])*(?:![rsa])?(?::[^{}]*)?\}")),
)


def mask_index(match: re.Match[str]) -> int:
    """The index of a mask found by :data:`MASK_RE` (full-width digits read as digits)."""
    return int(match.group(1).translate(_FULL_WIDTH_DIGITS))


_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def mask_token(i: int) -> str:
    """The mask for the ``i``-th span: ``⟦i⟧``."""
    return f"⟦{i}⟧"


@dataclass(frozen=True)
class Span:
    """One masked piece of the source: what it was and what goes back in the target."""

    kind: str  # url, email, markup, placeholder, name, literal (text that looks like a mask)
    source: str
    target: str

    def describe(self) -> str:
        return f"{self.kind} {self.source!r}"


@dataclass(frozen=True)
class Masked:
    """A text with its spans replaced by mask tokens, span ``i`` by ``⟦i⟧``."""

    original: str
    text: str
    spans: tuple[Span, ...]


@dataclass(frozen=True)
class Restored:
    """A translation with its masks put back, and what went wrong with them."""

    text: str
    lost: tuple[Span, ...] = ()
    duplicated: tuple[Span, ...] = ()
    unexpected: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not (self.lost or self.duplicated or self.unexpected)

    def problems(self) -> list[str]:
        """One phrase per problem, e.g. ``lost placeholder '%(name)s'``."""
        return ([f"lost {s.describe()}" for s in self.lost]
                + [f"duplicated {s.describe()}" for s in self.duplicated]
                + [f"invented mask {t}" for t in self.unexpected])


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    span: Span


def _pattern_spans(text: str) -> list[_Found]:
    # Text that reads as a mask already (a literal "［0］") is masked too, so that every
    # mask in the masked text is one of ours; it comes back as written.
    found = [_Found(m.start(), m.end(), Span("literal", m.group(), m.group()))
             for m in MASK_RE.finditer(text)]
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if kind == "placeholder" and m.group() == "%%":
                continue  # a literal percent sign translates as itself
            found.append(_Found(m.start(), m.end(), Span(kind, m.group(), m.group())))
    return found


def _name_spans(text: str, source: str, glossary: Glossary | None) -> list[_Found]:
    if glossary is None or not len(glossary):
        return []
    return [_Found(m.start, m.end, Span("name", m.text, m.text))
            for m in glossary.find(text, source) if m.term.dnt]


def find_placeholders(text: str) -> list[Span]:
    """Format strings, markup, URLs and e-mail addresses in ``text``, in order."""
    return [f.span for f in _select(_pattern_spans(text))]


def _select(found: Sequence[_Found]) -> list[_Found]:
    """Leftmost, then longest, non-overlapping spans; patterns win ties over terms."""
    chosen: list[_Found] = []
    end = 0
    for f in sorted(found, key=lambda f: (f.start, -(f.end - f.start))):
        if f.start >= end and f.end > f.start:
            chosen.append(f)
            end = f.end
    return chosen


def mask_text(text: str, *, source: str, target: str, glossary: Glossary | None = None) -> Masked:
    """Replace placeholders, markup, URLs and do-not-translate names by ``⟦i⟧`` tokens."""
    del target  # what is masked comes back as written, whatever the target language
    chosen = _select(_pattern_spans(text) + _name_spans(text, source, glossary))
    out, pos = [], 0
    for i, f in enumerate(chosen):
        out.append(text[pos:f.start])
        out.append(mask_token(i))
        pos = f.end
    out.append(text[pos:])
    return Masked(text, "".join(out), tuple(f.span for f in chosen))


def restore(masked: Masked, translated: str) -> Restored:
    """Put each span back where the model left its mask; report lost or extra masks."""
    counts: dict[int, int] = {}
    unexpected: list[str] = []

    def put_back(m: re.Match[str]) -> str:
        i = mask_index(m)
        if i >= len(masked.spans):
            unexpected.append(m.group())
            return ""
        counts[i] = counts.get(i, 0) + 1
        return masked.spans[i].target

    text = MASK_RE.sub(put_back, translated)
    lost = tuple(s for i, s in enumerate(masked.spans) if counts.get(i, 0) == 0)
    duplicated = tuple(s for i, s in enumerate(masked.spans) if counts.get(i, 0) > 1)
    return Restored(text, lost, duplicated, tuple(unexpected))
