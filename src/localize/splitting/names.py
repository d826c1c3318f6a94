"""Person-name lists: runs of capitalised names that carry no language evidence.

Paper listings and credits write authors as "Firstname Lastname, Firstname
Lastname et al.". Surnames are rarely in the word lists, so their spelling is
scored by character trigrams and often reads as Dutch (or English) by chance.
A name list is recognised by its shape alone: groups of two to four
capitalised tokens (an initial such as ``M.`` counts) separated by commas, at
least two groups, or one group followed by a short lower-case abbreviation
ending in a full stop (``et al.``). The tokens of a list become neutral names.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from localize.splitting.lexicon import KIND_SYM, KIND_WORD, TokenInfo

__all__ = ["acronyms", "name_costs", "neutral_names"]

PARTICLE = 1.0  # a short lower-case word inside a name (*de*, *van*, *El*-like particles)
ACRONYM_LETTERS = (2, 4)
GROUP_MIN = 2
GROUP_MAX = 3
TAIL_MAX = 2  # tokens of a trailing abbreviation
TAIL_LETTERS = 3
# a word ending in a comma, or a short abbreviation ("al."): lines without either hold no list
MARKS = re.compile(r"(?<!\S)[^\W\d_]\S*,(?!\S)|(?<!\S)[^\W\d_]{1,3}\.(?!\S)")


def _capitalised(token: str, first: bool) -> bool:
    """A name-shaped token: a capital, then letters (or an initial with a full stop).

    A token with a capital inside ("SuperpositionNelson": a title glued to the
    first author) may only open a group.
    """
    core = token.rstrip(",")
    if core.endswith(".") and len(core) == 2:
        return core[0].isupper()
    letters = core.replace("-", "").replace("'", "").replace("’", "")
    if len(core) < 2 or not core[0].isupper() or not letters.isalpha():
        return False
    return first or not any(ch.isupper() for ch in core[1:])


def _tail(tokens: Sequence[str], t: int, end: int) -> int:
    """End of a short lower-case abbreviation starting at ``t`` (``t`` itself when none)."""
    for size in range(1, TAIL_MAX + 1):
        last = t + size - 1
        if last >= end:
            break
        word = tokens[last]
        letters = word.rstrip(".")
        if not (letters.isalpha() and letters.islower() and len(letters) <= TAIL_LETTERS):
            break
        if word.endswith("."):
            return last + 1
    return t


def _lists(tokens: Sequence[str], end: int) -> list[tuple[int, int]]:
    """Token ranges of the name lists among ``tokens[:end]``."""
    found: list[tuple[int, int]] = []
    t = 0
    while t < end:
        if not _capitalised(tokens[t], True):
            t += 1
            continue
        groups = 0
        cur = t
        stop = t
        while cur < end:
            size = 0
            while cur + size < end and size < GROUP_MAX and _capitalised(
                tokens[cur + size], size == 0
            ):
                size += 1
                if tokens[cur + size - 1].endswith(","):
                    break
            if size < (1 if groups == 0 else GROUP_MIN):
                break
            comma = tokens[cur + size - 1].endswith(",")
            closed = comma or cur + size == end or _tail(tokens, cur + size, end) > cur + size
            if not closed or (size < GROUP_MIN and not comma):
                break
            groups += 1
            cur += size
            stop = cur
            if not comma:
                break
        tail = _tail(tokens, stop, end)
        if groups >= 2 or (groups == 1 and tail > stop and stop - t >= GROUP_MIN):
            found.append((t, max(stop, tail)))
            t = max(stop, tail)
        else:
            t += 1
    return found


def neutral_names(tokens: Sequence[str], infos: Sequence[TokenInfo]) -> list[TokenInfo]:
    """``infos`` with the tokens of person-name lists made neutral names."""
    out = list(infos)
    if not MARKS.search(" ".join(tokens)):
        return out  # no comma after a word and no short abbreviation: no list
    words = [tok if info.kind != KIND_SYM else "" for tok, info in zip(tokens, infos, strict=True)]
    for first, last in _lists(words, len(words)):
        for t in range(first, last):
            info = out[t]
            if info.kind == KIND_WORD:
                out[t] = info._replace(en=0.0, nl=0.0, zh=max(info.zh, -0.6), und=-0.2,
                                 name=True, brand=True)
    return out


def name_costs(infos: Sequence[TokenInfo]) -> list[TokenInfo]:
    """``infos`` where a short lower-case word between two capitalised ones may be part of a name.

    (*Pieter de Wit*.) A capitalised word's own cost as a name is part of its
    token information (:func:`localize.splitting.lexicon.name_cost`).
    """
    out = list(infos)
    for t in range(1, len(infos) - 1):
        info = infos[t]
        if (info.kind == KIND_WORD and not info.name and not info.title and info.unit
                and info.norm.isalpha() and infos[t - 1].title and infos[t + 1].title
                and info.und < -PARTICLE):
            out[t] = info._replace(und=-PARTICLE)
    for t in range(1, len(infos)):
        info, before = infos[t], infos[t - 1]
        if (info.title and not info.name and before.name and before.kind == KIND_WORD
                and any(ch.isdigit() for ch in before.norm) and info.und < -PARTICLE):
            out[t] = info._replace(und=-PARTICLE)  # a model's edition: *Nimbus-2 Pro*
    return out


def acronyms(tokens: Sequence[str], infos: Sequence[TokenInfo]) -> list[TokenInfo]:
    """``infos`` where a short all-capital word among words that are not is a neutral name.

    (*Licentie CC BY 4.0*: however common *cc* and *by* are as words, written
    so between sentence-case words they are an acronym and a licence's name.) In
    a line written in capitals (*READ MORE LEES MEER*) capitals say nothing.
    """
    shouted = [info.kind == KIND_WORD and _acronym(tok) for tok, info in zip(tokens, infos,
                                                                            strict=True)]
    if not any(shouted):
        return list(infos)
    words = [t for t, info in enumerate(infos) if info.kind == KIND_WORD]
    out = list(infos)
    for at, t in enumerate(words):
        if not shouted[t] or out[t].name:
            continue
        around = words[max(0, at - 1) : at] + words[at + 1 : at + 2]
        if any(not shouted[n] and any(ch.islower() for ch in tokens[n]) for n in around):
            info = out[t]
            out[t] = info._replace(en=0.0, nl=0.0, zh=max(info.zh, -0.6), und=-0.2, name=True)
    return out


def _acronym(token: str) -> bool:
    core = token.strip(".,;:!?()[]\"'")
    low, high = ACRONYM_LETTERS
    return low <= len(core) <= high and core.isalpha() and core.isupper()
