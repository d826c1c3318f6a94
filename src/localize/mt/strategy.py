"""Placeholder strategies: how the masked spans of a text reach a model and come back.

A text is first masked (``masking.mask_text``: every span that must come back
byte for byte becomes ``⟦i⟧``). :func:`prepare` then cuts it into parts: its
outer whitespace and wrapping markup (``<b>...</b>`` around the whole text) are
peeled off and kept, the rest is cut into sentences, and each sentence becomes
one engine input in which the masks stand as the strategy's *stand-ins*:

* ``masks``: ``⟦0⟧``, ``⟦1⟧``... for models whose vocabulary holds them as single
  known pieces (models taught to copy them);
* ``numbers`` (``101``, ``202``...), ``names`` (invented capitalised names) and
  ``brackets`` (``[X0X]``): things models never taught masks already copy; which
  one a model copies best is measured by :func:`calibrate`;
* ``segments``: the text between the masks is translated piece by piece and the
  masks stay where they are; it keeps every placeholder by construction, at the
  cost of word order, so it is the last resort.

:func:`decode` reads one output back into the canonical masked form, or says why
it cannot (a stand-in lost, duplicated, invented or out of order). Preparing,
running the engine and decoding are separate steps, so a batch of inputs can be
translated anywhere and decoded here with the same result.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from localize.mt.masking import MASK_RE, Masked, Span, mask_index, mask_token
from localize.sources.sentences import split_sentences

__all__ = [
    "CALIBRATED",
    "FAMILIES",
    "SEGMENTS",
    "Decoded",
    "Family",
    "Part",
    "Prepared",
    "VocabularyProbe",
    "decode",
    "judge",
    "knows_masks",
    "memory_key",
    "order_sensitive",
    "prepare",
    "probe_inputs",
    "probe_score",
]

_NUMBERS = (101, 202, 303, 404, 505, 606, 707, 808, 909, 1212, 1313, 1414, 1515, 1616, 1717,
            1818)
_NAMES = ("Zorvan", "Quimel", "Davrok", "Pelzin", "Morvek", "Tasnil", "Korbyn", "Velmar",
          "Brixan", "Cadmor", "Fenlow", "Gorwyn", "Harvel", "Jaskor", "Lunvik", "Nesbar")
_LETTER = re.compile(r"[^\W\d_]")
_UNNAMED_PRINTF = re.compile(r"%[#0+-]*(?:\d+|\*)?(?:\.\d+)?(?:hh|h|ll|l|L|z|j|t)?[a-zA-Z]$|\{\}$")
_OPEN_TAG = re.compile(r"<([A-Za-z][\w:-]*)(?:\s[^<>]*)?>$")
_CLOSE_TAG = re.compile(r"</([A-Za-z][\w:-]*)\s*>$")


@runtime_checkable
class VocabularyProbe(Protocol):
    """An engine that can tell whether its vocabulary holds ``texts`` as single known pieces."""

    def single_pieces(self, texts: Sequence[str]) -> bool: ...


@dataclass(frozen=True)
class Family:
    """Stand-ins of one kind: the ``k``-th is ``make(k)``; ``find`` locates them in output."""

    name: str
    make: Callable[[int], str]
    find: re.Pattern[str]
    read: Callable[[re.Match[str]], int | None]
    limit: int  # at most this many stand-ins in one input
    version: int = 1

    @property
    def key(self) -> str:
        """Names the strategy in the translation memory (it changes the engine input)."""
        return f"{self.name}-{self.version}"


def _table_reader(values: Sequence[str]) -> Callable[[re.Match[str]], int | None]:
    index = {v.casefold(): k for k, v in enumerate(values)}
    return lambda m: index.get(m.group(1).casefold())


MASKS = Family("masks", mask_token, MASK_RE, mask_index, 64)
NUMBERS = Family("numbers", lambda k: str(_NUMBERS[k]), re.compile(r"(?<![\d.,])(\d+)(?![\d])"),
                 _table_reader([str(n) for n in _NUMBERS]), len(_NUMBERS))
NAMES = Family("names", lambda k: _NAMES[k],
               re.compile(r"\b(" + "|".join(_NAMES) + r")\b", re.IGNORECASE),
               _table_reader(_NAMES), len(_NAMES))
BRACKETS = Family("brackets", lambda k: f"[X{k}X]",
                  re.compile(r"[\[［]\s*X\s*([0-9０-９]+)\s*X\s*[\]］]", re.IGNORECASE),
                  mask_index, 64)
FAMILIES = {f.name: f for f in (MASKS, NUMBERS, NAMES, BRACKETS)}
SEGMENTS = "segments-1"  # the memory key of the segments strategy


@dataclass(frozen=True)
class Part:
    """A piece of a masked text: kept as it is (``input`` None) or one engine input.

    ``slots[k]`` is the global mask index that stand-in ``k`` of the input stands for.
    """

    text: str
    input: str | None = None
    slots: tuple[int, ...] = ()


@dataclass(frozen=True)
class Prepared:
    """A masked text cut into parts under one strategy."""

    masked: Masked
    strategy: str  # a Family name or "segments"
    parts: tuple[Part, ...]

    @property
    def inputs(self) -> list[str]:
        return [p.input for p in self.parts if p.input is not None]


@dataclass(frozen=True)
class Decoded:
    """One engine output read back: the canonical masked text, or what went wrong."""

    text: str
    problems: tuple[str, ...] = ()


def order_sensitive(span: Span) -> bool:
    """Whether the span's position among its kind matters (``%s``, ``%d``, ``{}``)."""
    return span.kind == "placeholder" and bool(_UNNAMED_PRINTF.match(span.source))


def _has_letters(text: str) -> bool:
    return bool(_LETTER.search(MASK_RE.sub(" ", text)))


# --- Preparing -----------------------------------------------------------------------------


def _peel(masked: Masked) -> tuple[str, str, str]:
    """``(head, inner, tail)``: outer whitespace and wrapping markup pairs kept aside."""
    text = masked.text
    core = text.strip()
    start = len(text) - len(text.lstrip())
    head, tail = text[:start], text[start + len(core):]
    while True:
        masks = list(MASK_RE.finditer(core))
        if len(masks) < 2 or masks[0].start() != 0 or masks[-1].end() != len(core):
            break
        first, last = masks[0], masks[-1]
        opened = _OPEN_TAG.match(masked.spans[mask_index(first)].source)
        closed = _CLOSE_TAG.match(masked.spans[mask_index(last)].source)
        inner = core[first.end():last.start()]
        if (opened is None or closed is None or opened.group(1) != closed.group(1)
                or not inner.strip() or not _balanced(inner, masked)):
            break
        head += core[:first.end()] + inner[:len(inner) - len(inner.lstrip())]
        tail = inner[len(inner.rstrip()):] + core[last.start():] + tail
        core = inner.strip()
    return head, core, tail


def _balanced(inner: str, masked: Masked) -> bool:
    """Whether the tags inside ``inner`` close what they open (so the outer pair wraps it)."""
    depth = 0
    for m in MASK_RE.finditer(inner):
        source = masked.spans[mask_index(m)].source
        if _OPEN_TAG.match(source) and not source.endswith("/>"):
            depth += 1
        elif _CLOSE_TAG.match(source):
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def _sentences(text: str, lang: str) -> list[tuple[str, bool]]:
    """``text`` cut into sentences and the whitespace between them (``True``: a sentence)."""
    out: list[tuple[str, bool]] = []
    pos = 0
    for sentence in split_sentences(text, lang):
        at = text.find(sentence, pos)
        if at > pos:
            out.append((text[pos:at], False))
        out.append((sentence, True))
        pos = at + len(sentence)
    if pos < len(text):
        out.append((text[pos:], False))
    return out


def _stand_in_part(sentence: str, family: Family) -> Part | None:
    """One sentence as an engine input with the family's stand-ins; None if it cannot be."""
    slots: list[int] = []

    def swap(m: re.Match[str]) -> str:
        slots.append(mask_index(m))
        return family.make(len(slots) - 1)

    if len(MASK_RE.findall(sentence)) > family.limit:
        return None
    plain = MASK_RE.sub(" ", sentence)
    if family.find.search(plain) and any(family.read(m) is not None
                                          for m in family.find.finditer(plain)):
        return None  # the sentence already holds one of the stand-ins
    return Part(sentence, MASK_RE.sub(swap, sentence), tuple(slots))


def _segment_parts(sentence: str) -> list[Part]:
    """The text between masks as separate inputs (outer whitespace kept), masks kept."""
    parts: list[Part] = []
    pos = 0
    for m in [*MASK_RE.finditer(sentence), None]:
        end = len(sentence) if m is None else m.start()
        piece = sentence[pos:end]
        core = piece.strip()
        if core and _has_letters(core):
            lead = piece[:len(piece) - len(piece.lstrip())]
            trail = piece[len(piece.rstrip()):]
            parts += [Part(lead), Part(core, core), Part(trail)]
        else:
            parts.append(Part(piece))
        if m is not None:
            parts.append(Part(m.group()))
            pos = m.end()
    return [p for p in parts if p.text]


def prepare(masked: Masked, strategy: str, lang: str) -> Prepared | None:
    """Cut ``masked`` into kept parts and engine inputs; None if the strategy cannot take it."""
    head, inner, tail = _peel(masked)
    parts = [Part(head)]
    for text, is_sentence in _sentences(inner, lang):
        if not is_sentence or not _has_letters(text):
            parts.append(Part(text))
        elif strategy == "segments":
            parts += _segment_parts(text)
        else:
            part = _stand_in_part(text, FAMILIES[strategy])
            if part is None:
                return None
            parts.append(part)
    parts.append(Part(tail))
    return Prepared(masked, strategy, tuple(p for p in parts if p.text))


# --- Decoding -------------------------------------------------------------------------------


def decode(part: Part, output: str, strategy: str, spans: Sequence[Span]) -> Decoded:
    """Read the engine's ``output`` for ``part`` back into the canonical masked form."""
    if strategy == "segments" or not part.slots:
        stray = MASK_RE.search(output)
        if stray is not None:
            return Decoded(output, (f"invented mask {stray.group()}",))
        return Decoded(output)
    family = FAMILIES[strategy]
    seen: list[int] = []
    problems: list[str] = []

    def back(m: re.Match[str]) -> str:
        k = family.read(m)
        if k is None:
            return m.group()  # an ordinary number or word, not a stand-in
        if k >= len(part.slots):
            problems.append(f"invented mask {m.group().strip()}")
            return ""
        seen.append(k)
        return mask_token(part.slots[k])

    text = family.find.sub(back, output)
    for k, slot in enumerate(part.slots):
        count = seen.count(k)
        if count != 1:
            problems.append(f"{'lost' if count == 0 else 'duplicated'} {spans[slot].describe()}")
    ordered = [k for k in seen if order_sensitive(spans[part.slots[k]])]
    if ordered != sorted(ordered):
        problems.append("placeholders out of order: " + ", ".join(
            repr(spans[part.slots[k]].source) for k in ordered))
    return Decoded(text, tuple(problems))


# --- Choosing a strategy for a model ------------------------------------------------------

# Sentences of the kind a site's catalogs hold, with masks where placeholders stand.
_PROBES = {
    "en": ("Read more about ⟦0⟧", "⟦0⟧ new messages", "Welcome, ⟦0⟧!", "Page ⟦0⟧ of ⟦1⟧",
           "Click ⟦0⟧ to continue.", "⟦0⟧ and ⟦1⟧ are available.", "Search for ⟦0⟧",
           "⟦0⟧ minutes ago", "⟦0⟧ released a new model.", "Hello ⟦0⟧",
           "⟦0⟧ wrote about ⟦1⟧", "⟦0⟧, ⟦1⟧ and ⟦2⟧ are available."),
    "nl": ("Lees meer over ⟦0⟧", "⟦0⟧ nieuwe berichten", "Welkom, ⟦0⟧!", "Pagina ⟦0⟧ van ⟦1⟧",
           "Klik op ⟦0⟧ om verder te gaan.", "⟦0⟧ en ⟦1⟧ zijn beschikbaar.", "Zoeken naar ⟦0⟧",
           "⟦0⟧ minuten geleden", "⟦0⟧ heeft een nieuw model uitgebracht.", "Hallo ⟦0⟧"),
    "zh": ("阅读更多关于⟦0⟧的内容", "⟦0⟧条新消息", "欢迎，⟦0⟧！", "第⟦0⟧页，共⟦1⟧页",
           "点击⟦0⟧继续。", "⟦0⟧和⟦1⟧可用。", "搜索⟦0⟧", "⟦0⟧分钟前", "⟦0⟧发布了新模型。",
           "你好⟦0⟧"),
}
CALIBRATED = ("numbers", "names", "brackets", "masks")  # in this order on a tie
_PROBE_SPAN = Span("placeholder", "{}", "{}")


def probe_inputs(family: str, lang: str) -> list[str]:
    """The calibration sentences for ``lang`` with ``family``'s stand-ins."""
    inputs = []
    for probe in _PROBES.get(lang, _PROBES["en"]):
        part = _stand_in_part(probe, FAMILIES[family])
        assert part is not None and part.input is not None
        inputs.append(part.input)
    return inputs


def probe_score(family: str, lang: str, outputs: Sequence[str]) -> int:
    """How many calibration sentences came back with every stand-in exact and in order."""
    score = 0
    for probe, output in zip(_PROBES.get(lang, _PROBES["en"]), outputs, strict=True):
        part = _stand_in_part(probe, FAMILIES[family])
        assert part is not None
        spans = [_PROBE_SPAN] * len(part.slots)
        score += output.strip() != "" and not decode(part, output, family, spans).problems
    return score


def knows_masks(engine: object) -> bool:
    """Whether the engine's vocabulary holds the mask tokens as single known pieces."""
    return isinstance(engine, VocabularyProbe) and engine.single_pieces(
        [mask_token(i) for i in range(4)])


def judge(strategy: str) -> Callable[[str, str], bool]:
    """Whether an output kept every stand-in of its input once (the memory's verdict)."""
    if strategy == "segments":
        return lambda source, output: bool(output.strip()) and not MASK_RE.search(output)
    family = FAMILIES[strategy]

    def kept(source: str, output: str) -> bool:
        wanted = sorted(k for m in family.find.finditer(source)
                        if (k := family.read(m)) is not None)
        got = sorted(k for m in family.find.finditer(output)
                     if (k := family.read(m)) is not None)
        return bool(output.strip()) and wanted == got

    return kept


def memory_key(strategy: str) -> str:
    """The strategy's name in the translation memory (a new version never reuses old rows)."""
    return SEGMENTS if strategy == "segments" else FAMILIES[strategy].key
