"""Masking what a model must not translate, and restoring it after translation.

Before translation, format strings (``%s``, ``%(name)s``, ``%1$s``, ``{name}``,
``{0}``), markup tags and entities, URLs and e-mail addresses, do-not-translate
names and glossary terms are replaced by numbered mask tokens ``⟦0⟧``, ``⟦1⟧``...
After translation each mask is put back: the original text for placeholders,
markup, URLs and names; the glossary's preferred target form for a term. A mask
the model lost, duplicated or invented is reported, so the entry can be flagged
for review instead of being written silently wrong.

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
    "mask_text",
    "mask_token",
    "restore",
]

# Tolerant of the spaces a model may put inside a mask token.
MASK_RE = re.compile(r"⟦\s*(\d+)\s*⟧")

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("url", re.compile(r"(?:https?|ftp)://[^\s<>\"']+[^\s<>\"'.,;:!?)\]}]"
                       r"|www\.[^\s<>\"']+[^\s<>\"'.,;:!?)\]}]")),
    ("email", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    ("markup", re.compile(r"</?[A-Za-z][\w:-]*(?:\s+[^<>]*?)?/?>|&(?:#\d+|#x[0-9a-fA-F]+|\w+);")),
    ("placeholder", re.compile(
        r"%(?:\(\w+\)|\d+\$)?[#0+-]*(?:\d+|\*)?(?:\.\d+)?(?:hh|h|ll|l|L|z|j|t)?[diouxXeEfFgGcrsa%]"
        r"|\{[A-Za-z_]?\w*(?:\.\w+|\[\w+\])*(?:![rsa])?(?::[^{}]*)?\}")),
)


def mask_token(i: int) -> str:
    """The mask for the ``i``-th span: ``⟦i⟧``."""
    return f"⟦{i}⟧"


@dataclass(frozen=True)
class Span:
    """One masked piece of the source: what it was and what goes back in the target."""

    kind: str  # url, email, markup, placeholder, name, term
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
    found = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if kind == "placeholder" and m.group() == "%%":
                continue  # a literal percent sign translates as itself
            found.append(_Found(m.start(), m.end(), Span(kind, m.group(), m.group())))
    return found


def _term_spans(text: str, source: str, target: str, glossary: Glossary | None) -> list[_Found]:
    if glossary is None or not len(glossary):
        return []
    found = []
    for match in glossary.find(text, source):
        if match.term.dnt:
            span = Span("name", match.text, match.text)
        else:
            rendered = match.term.preferred(target)
            # Only accepted forms (or one capitalized at a sentence start) are masked;
            # inflected matches ("networks") are left to the model, as the preferred
            # form would lose the inflection.
            forms = match.term.forms(source)
            if rendered is None or not forms:
                continue
            if match.text not in forms:
                if match.text not in {_capitalized(f) for f in forms}:
                    continue
                rendered = _capitalized(rendered)  # a term opening a sentence
            span = Span("term", match.text, rendered)
        found.append(_Found(match.start, match.end, span))
    return found


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


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
    """Replace placeholders, markup, URLs, names and glossary terms by ``⟦i⟧`` tokens."""
    chosen = _select(_pattern_spans(text) + _term_spans(text, source, target, glossary))
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
        i = int(m.group(1))
        if i >= len(masked.spans):
            unexpected.append(m.group())
            return ""
        counts[i] = counts.get(i, 0) + 1
        return masked.spans[i].target

    text = MASK_RE.sub(put_back, translated)
    lost = tuple(s for i, s in enumerate(masked.spans) if counts.get(i, 0) == 0)
    duplicated = tuple(s for i, s in enumerate(masked.spans) if counts.get(i, 0) > 1)
    return Restored(text, lost, duplicated, tuple(unexpected))
