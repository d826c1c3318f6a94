"""Names: person-name lists, name particles, acronyms, rows of product names.

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

from localize.splitting.lexicon import KIND_NUM, KIND_SYM, KIND_WORD, TokenInfo

__all__ = ["acronyms", "name_costs", "name_row", "neutral_names"]

NAME_IN_CHINESE = -0.6  # a name's cost inside Chinese text (lexicon: any name's)
PARTICLE = 1.0  # a short lower-case word inside a name (*de*, *van*, *El*-like particles)
# the particles of Dutch (and a few neighbouring) surnames, a closed class, as a token's
# letters (*'t* and *'s* without their apostrophe)
PARTICLES = frozenset({"van", "von", "de", "der", "den", "het", "t", "ten", "ter", "te", "s",
                       "la", "le", "du", "da", "di", "del", "dos", "das"})
PARTICLES_MAX = 3
OPENING_PARTICLES = frozenset({"in", "op", "uit"})  # only before another particle (*in 't*)
# academic and professional titles before a name (*prof. dr.*, *ir.*), as a token's letters
TITLES = frozenset({"prof", "dr", "drs", "ir", "ing", "mr", "ds"})
# words that end a company's name (*Slikveld Systems*, *Quillmoor Labs*)
COMPANY_WORDS = frozenset({
    "labs", "lab", "systems", "software", "ventures", "capital", "dynamics", "robotics",
    "technologies", "analytics", "networks", "solutions", "partners", "holdings", "industries",
    "inc", "ltd", "llc", "bv", "gmbh", "studios"})
COMPANY_ZIPF = 4.5  # a word more common than this before one is an ordinary word
COGNATE_HEAD = 4  # letters a word and its Dutch cognate share (*Robotics Robotica*)
TITLED_WORDS = 2  # capitalised words after a title that are the name (*dr. Saskia Broer*)
LEXICAL = 5.5  # nats: a word leaning this far to a language is no given name (*Ministerie*)
PARTICLES_COST = 0.3  # nats: each word of such a run, alone or in a segment (no word there)
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
        if (not (letters.isalpha() and letters.islower() and len(letters) <= TAIL_LETTERS)
                or letters in TITLES):  # a title opens the next name, it ends no list
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

    (*Pieter de Wit*.) Two or three name particles between capitalised words
    (*Karel van 't Veld*, *Anna van der Meer*) make a person's name, unless
    the word before them is plainly a word of one language (*Ministerie van de
    ...*): its words become neutral names, the particles cost a little
    anywhere (they are no Dutch words there). A capitalised word's own cost as
    a name is part of its token information
    (:func:`localize.splitting.lexicon.name_cost`).
    """
    out = list(infos)
    for t in range(1, len(infos) - 1):
        info = infos[t]
        if (info.kind == KIND_WORD and not info.name and not info.title and info.unit
                and info.norm.isalpha() and infos[t - 1].title and infos[t + 1].title
                and info.und < -PARTICLE):
            out[t] = info._replace(und=-PARTICLE)
    for first, last in _particle_runs(infos):
        given = out[first - 1]
        if given.kind != KIND_WORD or abs(given.en - given.nl) >= LEXICAL:
            continue  # *Hof van Justitie van de Europese Unie*: an institution, not a person
        for t in range(first, last):
            out[t] = out[t]._replace(und=max(out[t].und, -PARTICLES_COST), en=-PARTICLES_COST,
                                     nl=-PARTICLES_COST, name=True, brand=True)
        for t in (first - 1, last):  # the given name and the surname (*Meer*, *Hof*: any word)
            out[t] = _neutral(out[t])
    _titles(out)
    _companies(out)
    _double_surnames(out)
    _shared_words_in_names(out)
    for t in range(1, len(infos)):
        info, before = infos[t], infos[t - 1]
        if (info.title and not info.name and before.name and before.kind == KIND_WORD
                and any(ch.isdigit() for ch in before.norm) and info.und < -PARTICLE):
            out[t] = info._replace(und=-PARTICLE)  # a model's edition: *Vortex-7 Max*
    return out


def _neutral(info: TokenInfo) -> TokenInfo:
    """A word as part of a person's or a company's name: no evidence of a language, and cheap
    standing alone."""
    return info._replace(en=0.0, nl=0.0, und=max(info.und, -0.2), name=True)


def _shared_words_in_names(out: list[TokenInfo]) -> None:
    """Make a capitalised word both languages use alike and often (*Alex*, *Nova*) a neutral
    name where it stands beside a name (*Alex Vermeulen*) or before a version (*Nova 5*), in
    place; elsewhere it is a word (*Mentor Begeleider*: a label and its translation)."""
    named = [info.kind == KIND_WORD and info.name and info.cap for info in out]
    for t, info in enumerate(out):  # after a name, or a list's name (*A Bakker, Mark ...*)
        after = t + 1 < len(out) and not out[t].comma
        if info.shared and info.title and not info.name and (
                (t > 0 and named[t - 1]) or (after and named[t + 1])
                or (after and out[t + 1].kind == KIND_NUM and out[t + 1].name)):
            out[t] = _neutral(info)._replace(zh=max(info.zh, NAME_IN_CHINESE))


def _double_surnames(out: list[TokenInfo]) -> None:
    """Make a double surname joined by a particle (*Jansen-de Vries*) and the given name
    before it neutral names, in place."""
    for t in range(len(out) - 1):
        head, _, particle = out[t].norm.rpartition("-")
        if not (out[t].title and head.isalpha() and particle in PARTICLES and out[t + 1].title):
            continue
        for at in range(max(0, t - 1), t + 2):
            if out[at].title:
                out[at] = _neutral(out[at])


def _companies(out: list[TokenInfo]) -> None:
    """Make a capitalised word and the company word after it (*Slikveld Systems*, *Tide
    Harbor Capital*) neutral names, in place. The first word must be a name, a rarer word or
    a Dutch one: *Operating Systems* is an English term."""
    for t in range(1, len(out)):
        before = out[t - 1]
        if not (out[t].title and out[t].norm in COMPANY_WORDS and before.title
                and before.kind == KIND_WORD and not before.function
                and (before.name or before.zipf < COMPANY_ZIPF or before.en < before.nl)):
            continue
        if t + 1 < len(out) and out[t + 1].norm[:COGNATE_HEAD] == out[t].norm[:COGNATE_HEAD]:
            continue  # *Topics Onderwerpen Robotics Robotica*: a label and its Dutch
        for at in (t - 1, t):
            out[at] = _neutral(out[at])
        out[t] = out[t]._replace(joined=True)


def _titles(out: list[TokenInfo]) -> None:
    """Make titles before a name (*dr. Saskia Broer*) and the capitalised words after them
    neutral names, in place."""
    t = 0
    while t < len(out):
        end = t
        while end < len(out) and out[end].kind == KIND_WORD and out[end].norm in TITLES:
            end += 1
        if end > t and end < len(out) and out[end].title:
            for title in range(t, end):
                out[title] = out[title]._replace(en=-PARTICLES_COST, nl=-PARTICLES_COST,
                                                 und=-0.2, name=True, brand=True)
            stop = min(len(out), end + TITLED_WORDS)
            while end < stop and out[end].title:
                out[end] = _neutral(out[end])
                end += 1
        t = end + 1


def _particle_runs(infos: Sequence[TokenInfo]) -> list[tuple[int, int]]:
    """Runs of two or three name particles between capitalised words (*van der*, *van 't*)."""
    found: list[tuple[int, int]] = []
    t = 1
    while t < len(infos) - 2:
        end = t
        if infos[t].norm in OPENING_PARTICLES and infos[t + 1].norm in PARTICLES:
            end += 1
        while end < len(infos) - 1 and end - t < PARTICLES_MAX and infos[end].norm in PARTICLES:
            end += 1
        if end - t >= 2 and infos[t - 1].title and infos[end].title:
            found.append((t, end))
            t = end
        else:
            t += 1
    return found


def acronyms(tokens: Sequence[str], infos: Sequence[TokenInfo]) -> list[TokenInfo]:
    """``infos`` where a short all-capital word among words that are not is a neutral name.

    (*Voorwaarden CC BY-SA*: however common *cc* and *by* are as words, written
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


ROW_NAME = 1.0  # nats: each name of a row
ROW_ALONE = 6.0  # nats: the most a word alone costs
ROW_JOIN = 1.0  # a name of two words (or a capitalised article and a word)
ROW_NAMED = 3.0  # ... whose first word is a name by itself (*Zephyr Max*)


def name_row(tokens: Sequence[str], infos: Sequence[TokenInfo]) -> list[tuple[int, int]] | None:
    """The names of a row of names (*Pixora Draw·X 2 Silent Canvas Glint*), or ``None``.

    Each name is a capitalised article or nothing, one or two words, the
    numbers of its version (*3.5*, *7B*) and perhaps an edition (*Pro*). Where
    the shapes allow several cuts, the cheapest wins: a word that is common as
    an ordinary word (*Silent*, *Cloud*) is no name alone but joins its
    neighbour, while a word that is a fine name alone (*Zephyr*, a brand
    written with inner capitals or digits) keeps to itself.
    """
    n = len(tokens)
    kinds = [_row_kind(tok, info) for tok, info in zip(tokens, infos, strict=True)]
    for t in range(1, n):  # *Lumo X2*: a model number after a word is that name's version
        if kinds[t] == "brand" and kinds[t - 1] == "word" and MODEL_NUMBER.fullmatch(tokens[t]):
            kinds[t] = "value"
    if "sep" in kinds:
        return _separated_row(kinds)
    if not n or "" in kinds or kinds[0] == "value":
        return None
    alone = [min(ROW_ALONE, -info.und) for info in infos]
    named = [info.name for info in infos]
    common = [not info.name and info.zipf >= ROW_COMMON for info in infos]
    best: list[tuple[float, list[tuple[int, int]]] | None] = [None] * (n + 1)
    best[0] = (0.0, [])
    for i in range(n):
        found = best[i]
        if found is None:
            continue
        for j, cost in _row_names(kinds, alone, (named, common), i):
            total = found[0] + ROW_NAME + cost
            before = best[j]
            if before is None or total < before[0]:
                best[j] = (total, [*found[1], (i, j)])
    end = best[n]
    return None if end is None else end[1]


MODEL_NUMBER = re.compile(r"[A-Za-z]\d{1,4}(?:\.\d{1,2})?")  # *X2*, *S500*, *k1.5* (not *AI2*)
ROW_COMMON = 4.5  # Zipf: a word this frequent is a common word (*Cloud*), no name alone
ROW_SEPARATED = 4  # tokens one name between a row's separators may hold


def _separated_row(kinds: Sequence[str]) -> list[tuple[int, int]] | None:
    """A row whose names stand between separators (*· Atlas · Harbor Cloud · Vortex 2*):
    each separator alone, and each stretch between them one name."""
    out: list[tuple[int, int]] = []
    start = 0
    for t in range(len(kinds) + 1):
        if t < len(kinds) and kinds[t] != "sep":
            continue
        if t > start:
            part = kinds[start:t]
            if ("" in part or part[0] == "value" or "sep" in part
                    or t - start > ROW_SEPARATED):
                return None
            out.append((start, t))
        if t < len(kinds):
            out.append((t, t + 1))
        start = t + 1
    return out if any(b - a > 1 or kinds[a] != "sep" for a, b in out) else None


def _row_kind(token: str, info: TokenInfo) -> str:
    """``value``, ``article``, ``brand`` (a whole name), ``word``, ``sep`` (a symbol between
    names), or ``""`` (no name)."""
    if info.kind == KIND_SYM and (not info.punct or token == "、"):
        return "sep"
    if info.kind == KIND_NUM or (info.kind == KIND_WORD and info.value and (
            token[0].isdigit() or (token[0] == "v" and token[1:2].isdigit()))):
        return "value"  # a version (*3.5*, *70B*, *v2*), not a name written with digits (*AI2*)
    if info.kind != KIND_WORD or not (token[0].isalnum() and token[-1].isalnum()):
        return ""
    if info.title and info.function:
        return "article"
    if not info.title and any(map(str.isdigit, token)):
        return "brand"  # a lower-case model name with digits (*q4-mini*)
    if info.brand or not info.title:
        return "brand" if info.name or info.brand or token.isupper() else ""
    return "word"


def _row_names(kinds: Sequence[str], alone: Sequence[float],
               words: tuple[Sequence[bool], Sequence[bool]], i: int) -> list[tuple[int, float]]:
    """The names that may start at token ``i`` of a row: (end, cost besides ``ROW_NAME``).

    ``words``: per token, whether it is a name by itself, and whether it is a common word.
    """
    named, common = words
    n = len(kinds)
    opener = 1 if kinds[i] == "article" else 0
    out: list[tuple[int, float]] = []
    for heads in (1, 2):
        last = i + opener + heads
        if last > n or any(k not in ("word", "brand") for k in kinds[i + opener : last]):
            break
        versioned = last < n and kinds[last] == "value"
        if heads == 2 and ("brand" in kinds[i + opener : last] or (not versioned and (
                named[last - 1] or not (common[last - 2] or common[last - 1])))):
            break  # a brand is a whole name; two words are one where an ordinary word ends it
            # and one of them is common (*Zephyr Max*, *Silent Canvas*; not *Tuvo Klarn*),
            # or where a version follows them (*Tuvo Klarn 3*: a family and its model)
        end = last
        while end < n and kinds[end] == "value":
            end += 1
        if heads == 2 and versioned and not opener:
            cost = ROW_JOIN
        elif opener or heads == 2:
            cost = ROW_JOIN + ROW_NAMED * named[i + opener]
        else:
            cost = alone[i] * (0.5 if end > last else 1.0)
        out.append((end, cost))
        if end > last and end < n and kinds[end] == "word" and _edition(kinds, end):
            out.append((end + 1, cost))  # an edition is free where its shape allows one
    return out


def _edition(kinds: Sequence[str], t: int) -> bool:
    """Whether the word ``t`` after a version may be that name's edition.

    Not when the next word goes on with it as a name of two words (*Draw·X 2
    Silent Canvas*): an edition is followed by the end, a brand, an article,
    or a word that opens a versioned name (*Atlas 2.5 Pro Borealis 3*).
    """
    after = t + 1
    if after >= len(kinds) or kinds[after] in ("brand", "article"):
        return True
    return kinds[after] == "word" and after + 1 < len(kinds) and kinds[after + 1] == "value"
