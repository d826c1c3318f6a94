"""After translation: the edits users of Argos and LibreTranslate get, and the one invariant.

:func:`polish` works on one translated part in the canonical masked form
(``⟦i⟧`` standing for each span): the source's outer whitespace, the spacing
around each mask as in the source, one copy of a word a model repeated for a
short label, trailing punctuation and first-letter case mirrored for labels.

:func:`check_translation` is the invariant a msgstr must meet to be written:
the same placeholders (format strings, markup, URLs, e-mail addresses) and
names as the source, as a multiset, with printf-style ones in the same order
and tags nested as in the source; no mask remnant (``⟦``, ``⟧``, their
look-alikes, ``⁇``, ``<unk>``); the source's spacing around every placeholder
and its outer whitespace. :func:`soft_problems` lists what is written but
flagged for review (a glossary term the translation does not use).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from localize.mt.masking import MASK_RE, Masked, Span, find_placeholders, mask_index
from localize.mt.strategy import order_sensitive
from localize.terms.glossary import Glossary

__all__ = ["REMNANTS", "check_translation", "polish", "respace", "soft_problems", "spaced"]

REMNANTS = re.compile(r"[⟦⟧〚〛⁇]|<unk>|\[\s*X\s*\d+|\d+\s*X\s*\]")
_SPACED_LANGS = frozenset({"en", "nl"})
_END_PUNCT = re.compile(r"[.!?:;…。！？：；]+$")
_TO_ZH = {".": "。", "!": "！", "?": "？", ":": "：", ";": "；"}
_FROM_ZH = {v: k for k, v in _TO_ZH.items()}
_TAG = re.compile(r"<(/?)([A-Za-z][\w:-]*)(?:\s[^<>]*?)?(/?)>")
_WORD = re.compile(r"\S+")
LABEL_WORDS = 4  # a source of at most this many words, without a sentence end, is a label


def spaced(lang: str) -> bool:
    """Whether ``lang`` separates words with spaces (so spacing around a mask can be mirrored)."""
    return lang.split("_")[0].split("-")[0] in _SPACED_LANGS


def _outer(text: str) -> tuple[str, str]:
    core = text.strip()
    if not core:
        return text, ""
    start = text.index(core[0])
    return text[:start], text[start + len(core):]


def _is_label(source: str) -> bool:
    plain = MASK_RE.sub("", source).strip()
    return (0 < len(plain.split()) <= LABEL_WORDS and not _END_PUNCT.search(plain)
            and "\n" not in plain)


def _repeats(words: Sequence[str]) -> int:
    """The length of the shortest phrase ``words`` repeats (``len(words)`` if none)."""
    folded = [w.casefold() for w in words]
    for size in range(1, len(words) // 2 + 1):
        if len(words) % size == 0 and folded == folded[:size] * (len(words) // size):
            return size
    return len(words)


def _dedupe(source: str, text: str) -> str:
    """One copy of a word or phrase a model repeated for a short source ("Opslaan Opslaan")."""
    words, source_words = _WORD.findall(text), MASK_RE.sub("", source).split()
    if len(source_words) > 2 or len(words) < 2 or _repeats(source_words) < len(source_words):
        return text  # a longer source, or one that repeats itself ("Bye bye")
    size = _repeats(words)
    return text if size == len(words) else " ".join(words[:size])


def _mirror_punctuation(source: str, text: str, target: str) -> str:
    src_end = _END_PUNCT.search(source.rstrip())
    out = text.rstrip()
    out_end = _END_PUNCT.search(out)
    if src_end is None:
        return out[:out_end.start()].rstrip() if out_end and _is_label(source) else out
    if out_end is not None or MASK_RE.search(out[-4:] if out else ""):
        return out
    mark = src_end.group()
    table = _TO_ZH if target == "zh" else _FROM_ZH
    return out + "".join(table.get(c, c) for c in mark)


def _mirror_case(source: str, text: str) -> str:
    src = MASK_RE.sub("", source).lstrip()
    if not src or not text or not src[0].isalpha() or not text[0].isalpha():
        return text
    if src[0].isupper() and text[0].islower():
        return text[0].upper() + text[1:]
    first_word = text.split(maxsplit=1)[0]
    if (src[0].islower() and text[0].isupper() and not text[1:2].isupper()
            and first_word not in source):  # not a name the source also has
        return text[0].lower() + text[1:]
    return text


def _side(text: str, at: int) -> str:
    """What stands at ``at``: 'edge', 'mask' (another mask), 'space', 'glued' (a letter or
    digit) or 'mark' (punctuation, whose spacing follows the target language's rules)."""
    if at < 0 or at >= len(text):
        return "edge"
    if text[at] in "⟦⟧〚〛［］":
        return "mask"
    if text[at].isspace():
        return "space"
    return "glued" if text[at].isalnum() else "mark"


def _want(side: str, mask: Span, langs: tuple[str, str]) -> str:
    """The spacing a mask's side should have in the output.

    'glued' (no space), 'apart' (not glued to a letter or digit) or 'any'.
    """
    if side == "mask":
        return "any"  # next to another placeholder: nothing to mirror
    if spaced(langs[0]) and spaced(langs[1]):
        return "glued" if side == "glued" else "apart"
    if spaced(langs[1]):
        # From Chinese: a placeholder is a word of its own in the target; markup hugs text.
        return "any" if mask.kind == "markup" else "apart"
    return "glued"  # into Chinese: no spaces around it


def _neighbour(text: str, at: int, spans: Sequence[Span]) -> str:
    """Like :func:`_side`, but a neighbouring mask of markup counts as 'mark' (tags hug
    what they wrap), and one of any other kind as 'word' (two placeholders glued)."""
    side = _side(text, at)
    if side != "mask":
        return side
    m = None
    for m in MASK_RE.finditer(text, max(0, at - 12), at + 13):
        if m.start() <= at < m.end():
            break
    else:
        return "mark"
    i = mask_index(m)
    return "mark" if i >= len(spans) or spans[i].kind == "markup" else "word"


def _glued(kind: str, neighbour: str) -> bool:
    return neighbour == "glued" or (neighbour == "word" and kind != "markup")


def respace(source: str, text: str, spans: Sequence[Span], langs: tuple[str, str]) -> str:
    """Put the source's spacing back on both sides of every mask the output holds.

    Between two spaced languages a side glued to a word in the source is glued, any
    other kept apart from words (and from other placeholders); out of Chinese a
    placeholder is kept apart from words; into Chinese it is glued.
    """
    sides: dict[int, tuple[str, str]] = {}
    for m in MASK_RE.finditer(source):
        sides[mask_index(m)] = (_side(source, m.start() - 1), _side(source, m.end()))
    out: list[str] = []
    pos = 0
    for m in MASK_RE.finditer(text):
        i = mask_index(m)
        if i >= len(spans) or i not in sides:
            continue
        before = _want(sides[i][0], spans[i], langs)
        after = _want(sides[i][1], spans[i], langs)
        kind = spans[i].kind
        chunk = text[pos:m.start()]
        if before == "glued" and chunk.strip():
            chunk = chunk.rstrip(" ")
        elif before == "apart" and _glued(kind, _neighbour(text, m.start() - 1, spans)):
            chunk += " "
        out += [chunk, m.group()]
        pos = m.end()
        rest = text[pos:]
        if after == "glued" and rest.strip():
            pos += len(rest) - len(rest.lstrip(" "))
        elif after == "apart" and rest[:1].isalnum():
            out.append(" ")
    out.append(text[pos:])
    return "".join(out)


def polish(source: str, text: str, spans: Sequence[Span], langs: tuple[str, str]) -> str:
    """Post-edit one translated part (canonical masked form) against its source part."""
    lead, trail = _outer(source)
    core = re.sub(r"[ \t]{2,}", " ", text.strip()) if "  " not in source else text.strip()
    core = _dedupe(source, core)
    core = _mirror_punctuation(source.strip(), core, langs[1])
    core = _mirror_case(source, core)
    core = respace(source.strip(), core, spans, langs)
    return lead + core + trail


# --- The invariant ----------------------------------------------------------------------------


def _tag_pairs(text: str) -> tuple[Counter[tuple[str, str]], bool]:
    """Each closing tag with the opening tag it closes; False when tags are not nested."""
    stack: list[str] = []
    pairs: Counter[tuple[str, str]] = Counter()
    for m in _TAG.finditer(text):
        if m.group(3):
            continue
        if not m.group(1):
            stack.append(m.group())
            continue
        if not stack or _TAG.match(stack[-1]).group(2) != m.group(2):  # type: ignore[union-attr]
            return pairs, False
        pairs[(stack.pop(), m.group())] += 1
    return pairs, True


def _spacing_problems(source: str, text: str, spans: Sequence[Span],
                      langs: tuple[str, str]) -> list[str]:
    """Masks glued to a word (or to another placeholder) where they should stand apart,
    or spaced where the source glues them to a word.

    Both texts are in the canonical masked form. A placeholder may move: its new
    neighbours are judged by what the source had on that side.
    """
    want = {mask_index(m): (m.start(), m.end()) for m in MASK_RE.finditer(source)}
    both = spaced(langs[0]) and spaced(langs[1])
    problems = []
    for m in MASK_RE.finditer(text):
        i = mask_index(m)
        if i not in want or i >= len(spans):
            continue
        s_start, s_end = want[i]
        for s_side, t_side in ((_side(source, s_start - 1), _neighbour(text, m.start() - 1, spans)),
                               (_side(source, s_end), _neighbour(text, m.end(), spans))):
            wanted = _want(s_side, spans[i], langs)
            if (wanted == "apart" and _glued(spans[i].kind, t_side)) or (
                    both and wanted == "glued" and t_side == "space"):
                problems.append(f"spacing around {spans[i].describe()} differs from the source")
                break
    return problems


def check_translation(source: Masked, canonical: str, text: str,
                      langs: tuple[str, str]) -> list[str]:
    """Why ``text`` may not be written as the translation of ``source`` (empty: it may).

    ``canonical`` is the translation in the masked form, before the spans went back.
    """
    names = [s.source for s in source.spans if s.kind == "name"]
    problems = _spacing_problems(source.text, canonical, source.spans, langs)
    problems += _invariant(source.original, text, names)
    return problems


def _invariant(source: str, text: str, names: Sequence[str]) -> list[str]:
    problems: list[str] = []
    if not text.strip():
        return ["empty translation"]
    remnant = REMNANTS.search(text)
    if remnant is not None and not REMNANTS.search(source):
        problems.append(f"mask remnant {remnant.group()!r}")
    want = Counter(s.source for s in find_placeholders(source))
    got = Counter(s.source for s in find_placeholders(text))
    problems += [f"lost {s!r}" for s in sorted((want - got).elements())]
    problems += [f"unexpected {s!r}" for s in sorted((got - want).elements())]
    ordered = [s.source for s in find_placeholders(source) if order_sensitive(s)]
    if not problems and ordered != [s.source for s in find_placeholders(text)
                                    if order_sensitive(s)]:
        problems.append("placeholders out of order")
    pairs, nested = _tag_pairs(text)
    if not problems and (not nested or pairs != _tag_pairs(source)[0]):
        problems.append("markup not nested as in the source")
    for name in dict.fromkeys(names):
        if text.count(name) < source.count(name):
            problems.append(f"lost name {name!r}")
    if _outer(source) != _outer(text):
        problems.append("leading or trailing whitespace differs from the source")
    if "  " in text and "  " not in source:
        problems.append("doubled spaces the source does not have")
    return problems


def soft_problems(source: str, text: str, glossary: Glossary | None,
                  langs: tuple[str, str]) -> list[str]:
    """What a written translation is flagged for: glossary terms it does not use."""
    if glossary is None or not len(glossary):
        return []
    problems = []
    for match in glossary.find(source, langs[0]):
        term = match.term
        forms = term.forms(langs[1])
        if term.dnt or not forms or glossary.search(text, term, langs[1]):
            continue
        problems.append(f"term {match.text!r} not translated as {forms[0]!r}")
    return list(dict.fromkeys(problems))
