"""Word evidence for the splitter: English/Dutch word models and a bilingual lexicon.

The data files under ``localize/data/`` are built by ``tools/build_split_words.py``
(from the ``wordfreq`` package) and ``tools/build_split_lexicon.py`` (from the
FreeDict English–Dutch dictionaries). They are read lazily, on first use, through
a cache file (:mod:`localize.splitting.wordstore`).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from typing import NamedTuple

from localize.splitting.wordstore import WordData, load_word_data, stem, translation_keys

__all__ = ["TokenInfo", "WordModel", "is_han_char", "name_cost"]

LN10 = math.log(10.0)
# English endings of Latin words and their Dutch spelling (*detection* / *detectie*)
COGNATE_ENDINGS = (("tion", "tie"), ("sion", "sie"), ("ty", "teit"), ("ism", "isme"),
                   ("ics", "ica"), ("ive", "ief"), ("ical", "isch"), ("ure", "uur"))
COGNATE_STEM = 3  # letters before the ending
COGNATE_ZIPF = 2.5  # how common the English word must be
COGNATE_EVIDENCE = 3.0  # nats: an unlisted word spelling a listed English one the Dutch way
MAX_EVIDENCE = 6.0  # nats: one word never outweighs a handful of others
FLOOR_ZIPF = 1.0  # a word missing from a language's list is about this rare there
INFLECTED_LETTERS = 5  # an unlisted word this long may be read by its listed other number
INFLECTED_ZIPF = 3.0  # how common that other number must be
INFLECTED_DROP = 0.5  # Zipf: the unlisted form counts as this much rarer
# (ending of an unlisted word, what replaces it in the listed form it is read by)
INFLECTIONS = (("ers", ""), ("ers", "e"), ("er", ""), ("er", "e"), ("s", ""), ("", "s"))
SHARED_ABBREVIATION = 2.0  # Zipf: a dotted abbreviation this common in both lists is neutral
HAN_RANGES = (
    (0x2E80, 0x2FFF),
    (0x3040, 0x30FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0x20000, 0x2FFFF),
)
EDGE_PUNCT = re.compile(r"^[\W_]+|[\W_]+$")
SUBWORD_SPLIT = re.compile(r"[-‐'’/._]+")
PATH = re.compile(r"[^\W\d_][\w.-]*(?:/[\w.-]+)+")  # *owner/repo*, *src/main.py*
# a web address or domain name (*kestrel.ai*, *www.example.com/blog*): a name in any language
DOMAIN = re.compile(r"(?:https?://)?(?:[a-z0-9-]+\.)+(?:com|org|net|io|ai|nl|be|eu|dev|app|co|"
                    r"cn|de|uk|edu|gov|info)(?:/\S*)?")
SENTENCE_END = frozenset(".!?:;。！？：；")
NAME_BASE = 0.4  # nats: cost of an unknown capitalised word standing alone as a name
NAME_SLOPE = 1.2  # nats per Zipf unit above NAME_ZIPF: common words are rarely names
NAME_ZIPF = 2.0
NAME_MAX = 6.0
NEUTRAL_ZIPF = 0.6  # Zipf: a listed word this close in frequency in both lists leans to neither
NEUTRAL_TOP = 4.5  # Zipf: ... and is a name (capitalised) only when rarer than this
SHARED_WORD_ZIPF = 3.5  # Zipf: a word this common in both lists is a word, not a name
FUNCTION_ZIPF = 5.5  # Zipf: a word of three letters or fewer this frequent is a function word
PUNCT = frozenset(",.;:!?…，。、；：！？")

KIND_WORD, KIND_HAN, KIND_NUM, KIND_SYM = 0, 1, 2, 3
LONGEST_WORD = 64  # longer tokens (hashes, URLs, runs of letters) carry no word evidence
ACRONYM = 4  # letters: a shorter all-capital part is an acronym, a longer one a shouted word


def is_han_char(ch: str) -> bool:
    """True for a Chinese (CJK) character (one of :data:`HAN_RANGES`)."""
    code = ord(ch)
    return (0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0x2E80 <= code <= 0x2FFF
            or 0x3040 <= code <= 0x30FF or 0xF900 <= code <= 0xFAFF or 0x20000 <= code <= 0x2FFFF)


def _han_count(token: str) -> int:
    """How many Chinese characters a token holds."""
    if token.isascii() or max(token) < "\u2e80":  # the first of HAN_RANGES
        return 0
    return sum(map(is_han_char, token))


class TokenInfo(NamedTuple):
    """What the splitter knows about one whitespace-delimited token.

    ``en``, ``nl`` and ``zh`` are log-scores (nats, at most 0) of the token inside
    a segment of that language; ``und`` is its score standing alone. (A named
    tuple rather than a frozen dataclass: thousands are made and varied per page.)
    """

    kind: int
    en: float
    nl: float
    zh: float
    und: float
    name: bool
    brand: bool
    cap: bool
    weight: float
    ends_sentence: bool
    norm: str
    latin_tail: bool
    latin_head: bool
    bare: str
    keys: tuple[tuple[str, float], ...]
    targets: tuple[str, ...]
    glued: bool = False  # set per position: no space before this token (a script change)
    punct: bool = False  # only sentence punctuation (",", "."): part of the text around it
    function: bool = False  # a short, very frequent word (*of*, *van*): it takes what follows
    marker: bool = False  # a list number (*3.*, *2)*)
    value: bool = False  # digits with at most two letters (*12.4k*, *v0.9.2*): a label's value
    unit: bool = False  # letters only, at most three (*min*, *TB*): may follow a number
    title: bool = False  # a capital, then a small letter (*Model*; not *DOS*, *iOS*)
    zipf: float = 0.0  # Zipf frequency of the word in the language that uses it more (0: unknown)
    comma: bool = False  # ends in a comma: what follows goes on with the same list or clause
    colon: bool = False  # ends in a colon (a label or a speaker before what they say)
    joined: bool = False  # set per position: continues a name no segment may cut (*Reed Labs*)
    shared: bool = False  # a word both lists hold alike and often (*Mentor*): a name only by place


class WordModel:
    """English/Dutch word frequencies, trigram odds and lexicon, with a token cache."""

    def __init__(self, extra_pairs: Iterable[tuple[str, str]] = ()) -> None:
        self._data: WordData | None = None
        self._zipfs_found: dict[str, tuple[float, float] | None] = {}
        self._compounds: dict[str, tuple[str, str] | None] = {}
        self._lex: dict[str, set[str]] = {}  # added pairs (glossary)
        self._cache: dict[str, TokenInfo] = {}
        self._extra: list[tuple[str, str]] = []
        for a, b in extra_pairs:
            self.add_pair(a, b)

    @property
    def _loaded(self) -> bool:
        return self._data is not None

    def _load(self) -> WordData:
        self._data = load_word_data()
        for a, b in self._extra:
            self.add_pair(a, b)
        return self._data

    def add_pair(self, en: str, nl: str) -> None:
        """Record that ``en`` and ``nl`` (words or short phrases) translate each other."""
        if not self._loaded:
            self._extra.append((en, nl))
            return
        a, b = _fold(en), _fold(nl)
        if not a or not b or a == b:
            return
        for x, y in ((a, b), (b, a)):
            self._lex.setdefault(x, set()).add(y)
            for px, py in zip(x.split(), y.split(), strict=False):
                if px != py:
                    self._lex.setdefault(px, set()).add(py)
        self._cache.clear()

    def info(self, token: str) -> TokenInfo:
        """Features of ``token`` (cached)."""
        found = self._cache.get(token)
        if found is None:
            if not self._loaded:
                self._load()
            found = self._build(token)
            if token[-1] in ",，、":
                found = found._replace(comma=True)
            elif token[-1] in ":：":
                found = found._replace(colon=True)
            if len(self._cache) < 500_000:
                self._cache[token] = found
        return found

    def _z(self, word: str) -> tuple[float, float] | None:
        """Zipf frequencies (en, nl) of a listed word."""
        if word in self._zipfs_found:
            return self._zipfs_found[word]
        data = self._data or self._load()
        found = data.words.get(word)
        if found is None:
            zipfs = None
        else:
            en, nl = found.split()
            zipfs = (int(en) / 10.0, int(nl) / 10.0)
        self._zipfs_found[word] = zipfs
        return zipfs

    def _build(self, token: str) -> TokenInfo:
        han = _han_count(token)
        alnum = list(filter(str.isalnum, token))
        ends = token[-1] in SENTENCE_END
        if han:
            latin = len(alnum) - han
            tail, head = token[-1], token[0]
            return TokenInfo(KIND_HAN, -15.0, -15.0, 0.0, -50.0, False, False, False,
                             3.0 * han + latin,
                             ends, _fold(token), tail.isascii() and tail.isalpha(),
                             head.isascii() and head.isalpha(), _bare(token), (), ())
        if not alnum:
            return TokenInfo(KIND_SYM, 0.0, 0.0, 0.0, 0.0, False, False, False, 0.0, ends, "",
                             False, False, "", (), (), punct=all(ch in PUNCT for ch in token))
        if len(token) > LONGEST_WORD:
            return TokenInfo(KIND_WORD, 0.0, 0.0, -1.5, -50.0, False, False, False,
                             float(len(alnum)), ends, "", False, False, "", (), ())
        core = EDGE_PUNCT.sub("", token)
        norm = _fold(core)
        letters = sum(map(str.isalpha, alnum))
        if letters == 0:
            digits = "".join(ch for ch in norm if ch.isdigit())
            keys = (("w:" + norm, 1.0), ("n:" + digits, 1.0))
            return TokenInfo(KIND_NUM, 0.0, 0.0, 0.0, -0.2, True, True, False,
                             float(len(alnum)), ends, norm, False, False, _bare(norm), keys, (),
                             marker=token[-1] in ".)" and token[:-1].isdigit())
        bracketed = token[0] in "([{（" or token.rstrip(".,;:!?")[-1:] in ")]}）"
        # an absolute path or API route (*/v1/users/list*) names a place, whatever its parts
        rooted = token[0] == "/" and token.count("/") >= 2 and PATH.fullmatch(norm) is not None
        return self._word(core, norm, len(alnum), ends, bracketed, rooted)

    def _word(self, core: str, norm: str, size: int, ends: bool, bracketed: bool,
              rooted: bool = False) -> TokenInfo:
        cap = core[:1].isupper()
        z_en, z_nl, known = self._zipfs(norm)
        shared = False
        if "." in norm and self._z(norm) is not None and min(z_en, z_nl) >= SHARED_ABBREVIATION:
            diff, evident, neutral = 0.0, False, True  # "e.g.", "i.e.": written in both languages
        elif known and not any(ch in norm for ch in "-‐/"):
            diff, evident = (z_nl - z_en) * LN10, True
            alike = abs(z_en - z_nl) < NEUTRAL_ZIPF and max(z_en, z_nl) < NEUTRAL_TOP
            # common in both lists (*Mentor*, *Designer*): a word, a label, unless
            # names.name_costs finds it beside a name
            shared = alike and min(z_en, z_nl) >= SHARED_WORD_ZIPF
            neutral = alike and not shared
        elif not known and core.isalpha() and self._english_cognate(norm) is not None:
            diff, evident, neutral = COGNATE_EVIDENCE, True, False  # *hallucinatie*
        else:
            diff, evident = self._parts_odds(core)
            neutral = not evident
        path = rooted or self._path(norm) or DOMAIN.fullmatch(norm) is not None
        name = path or _looks_like_name(core, max(z_en, z_nl), neutral)
        if name:
            diff *= 0.0 if path else 0.5
        diff = max(-MAX_EVIDENCE, min(MAX_EVIDENCE, diff))
        if name or not core.isalpha() or abs(diff) < 1.5:
            same = 1.5
        else:
            same = 0.8 if max(z_en, z_nl) < 4.0 else 0.3
        keys = self._keys(norm, name, same)
        targets = self._targets(norm)
        dutch = dutch_cognate(norm) if known and z_en > z_nl and core.isalpha() else None
        if dutch is not None and "w:" + dutch not in targets:
            targets = (*targets, "w:" + dutch)  # a Latin word's Dutch spelling translates it
        if name or (cap and not known):
            zh = -0.6
        elif cap:
            zh = -0.8
        elif not known or size <= 3 or any(ch in core for ch in "-_./") or bracketed:
            zh = -1.5
        else:
            zh = -4.0
        zipf = max(z_en, z_nl) if known else self._compound_zipf(norm)
        title = core[:1].isupper() and core[1:2].islower()
        und = -0.2 if name else -name_cost(zipf) if title else -50.0
        brand = path or (name and _looks_like_brand(core, max(z_en, z_nl)))
        letters = sum(map(str.isalpha, core))
        digits = any(map(str.isdigit, core))
        return TokenInfo(KIND_WORD, min(0.0, -diff), min(0.0, diff), zh, und, name, brand, cap,
                         float(size), ends, norm, True, True, _bare(norm), keys, targets,
                         function=len(core) <= 3 and max(z_en, z_nl) >= FUNCTION_ZIPF,
                         value=digits and letters <= 2,
                         unit=not digits and 1 <= letters <= 3 and core.isalpha(),
                         title=title, zipf=zipf, shared=shared)

    def _path(self, norm: str) -> bool:
        """A repository or file path (*owner/repo*): a part that is no listed word.

        (*and/or*, *km/h* and *input/output* join listed words; an amount such as
        *$20/month* opens with a number.)
        """
        if "/" not in norm or not PATH.fullmatch(norm):
            return False
        return any(self._z(part) is None for part in norm.split("/"))

    def _english_cognate(self, norm: str) -> str | None:
        """The English word that ``norm`` (or its singular) spells the Dutch way
        (*hallucinatie*: *hallucination*, *citaties*: *citation*), when the English list
        holds it."""
        singulars = [norm]  # a Dutch plural of such a word (*citaties*, *modaliteiten*)
        singulars += [norm[:-1]] if norm.endswith("s") else []
        singulars += [norm[:-2]] if norm.endswith("en") else []
        for word in singulars:
            for english, dutch in COGNATE_ENDINGS:
                if word.endswith(dutch) and len(word) - len(dutch) >= COGNATE_STEM:
                    found = self._z(word[: -len(dutch)] + english)
                    if found is not None and found[0] >= COGNATE_ZIPF:
                        return word[: -len(dutch)] + english
        return None

    def _parts_odds(self, core: str) -> tuple[float, bool]:
        """Evidence of a hyphenated or unknown word: the sum over its lower-case parts."""
        total, evident = 0.0, False
        for part in SUBWORD_SPLIT.split(core):
            if len(part) < 2 or not part.isalpha() or (part.isupper() and len(part) <= ACRONYM):
                continue
            low = _fold(part)
            found = self._z(low)
            if found is not None:
                z_en, z_nl = max(found[0], FLOOR_ZIPF), max(found[1], FLOOR_ZIPF)
                total += (z_nl - z_en) * LN10
                evident = evident or abs(z_nl - z_en) >= 0.6
            else:
                odds, strong = self._oov_odds(low)
                total += odds
                evident = evident or strong
        return total, evident

    def _oov_odds(self, norm: str) -> tuple[float, bool]:
        """Dutch-over-English log-odds of an unknown word: compound parts, then trigrams."""
        odds = self._trigram_odds(norm)
        parts = self._compound(norm)
        if parts is not None:
            left, right = (self._z(p) or (0.0, 0.0) for p in parts)
            diff = (left[1] - left[0] + right[1] - right[0]) * LN10
            return max(-MAX_EVIDENCE, min(MAX_EVIDENCE, diff)) + 0.5 * odds, True
        return odds, abs(odds) >= 3.0

    def _compound_zipf(self, norm: str) -> float:
        """How common the rarer part of an unknown compound is (0 when it is no compound)."""
        parts = self._compound(norm) if norm.isalpha() else None
        if parts is None:
            return 0.0
        return min(max(self._z(p) or (0.0, 0.0)) for p in parts)

    def _compound(self, norm: str) -> tuple[str, str] | None:
        """The best split of an unknown word into two listed words (a linking s or e dropped)."""
        if norm not in self._compounds:
            self._compounds[norm] = self._best_compound(norm)
        return self._compounds[norm]

    def _best_compound(self, norm: str) -> tuple[str, str] | None:
        letters = "".join(ch for ch in norm if ch.isalpha())
        if len(letters) > LONGEST_WORD:
            return None
        best: tuple[float, tuple[str, str]] | None = None
        for cut in range(3, len(letters) - 2):
            head, tail = letters[:cut], letters[cut:]
            right = self._z(tail) or self._inflected(tail)
            if right is None:
                continue
            left = self._z(head)
            if left is None and head[-1] in "se":
                head = head[:-1]
                left = self._z(head)
            if left is None:
                continue
            strength = min(max(left), max(right))
            if strength >= 2.5 and (best is None or strength > best[0]):
                best = (strength, (head, tail))
        return None if best is None else best[1]

    def _zipfs(self, norm: str) -> tuple[float, float, bool]:
        found = self._z(norm)
        if found is None and norm and not norm.isalnum():
            parts = [self._z(p) for p in SUBWORD_SPLIT.split(norm) if p]
            known = [p for p in parts if p is not None]
            if known:
                en = sum(p[0] for p in known) / len(known)
                nl = sum(p[1] for p in known) / len(known)
                return max(en, FLOOR_ZIPF), max(nl, FLOOR_ZIPF), True
        if found is None:
            found = self._inflected(norm)
        if found is None:
            return 0.0, 0.0, False
        return max(found[0], FLOOR_ZIPF), max(found[1], FLOOR_ZIPF), True

    def _inflected(self, norm: str) -> tuple[float, float] | None:
        """Zipf frequencies of an unlisted word by a listed form of it, a little lower: its
        other number (*models* / *model*, Dutch *grafen* / *graf*), or the word it makes an
        agent noun of (*maintainer* / *maintain*, *uploader* / *upload*)."""
        if len(norm) < INFLECTED_LETTERS or not norm.isalpha():
            return None
        for ending, base in INFLECTIONS:
            if norm.endswith(ending) and len(norm) - len(ending) >= INFLECTED_LETTERS - 1:
                found = self._z(norm[: len(norm) - len(ending)] + base)
                if found is not None and max(found) >= INFLECTED_ZIPF:
                    return found[0] - INFLECTED_DROP, found[1] - INFLECTED_DROP
        if norm.endswith("en"):  # a Dutch plural of a Dutch word (*grafen*: *graf*)
            found = self._z(norm[:-2])
            if found is not None and found[1] >= INFLECTED_ZIPF and found[1] > found[0]:
                return found[0] - INFLECTED_DROP, found[1] - INFLECTED_DROP
        return None

    def _trigram_odds(self, norm: str) -> float:
        padded = f"^{norm}$"
        odds = (self._data or self._load()).trigrams
        grams = [odds.get(padded[i : i + 3], 0.0) for i in range(len(padded) - 2)]
        if not grams:
            return 0.0
        return 0.3 * sum(grams)

    def _keys(self, norm: str, name: bool, same: float) -> tuple[tuple[str, float], ...]:
        keys: dict[str, float] = {"w:" + norm: same}
        for part in () if norm.isalnum() else SUBWORD_SPLIT.split(norm):
            if len(part) >= 3 and part != norm:
                keys.setdefault("w:" + part, 0.8)
        root = stem(norm)
        if root != norm:
            keys.setdefault("w:" + root, 0.7)
        if len(norm) >= 5 and not name:
            keys.setdefault("p:" + norm[:4], 0.5)
        if len(norm) >= 7 and self._z(norm) is None:
            for part in self._compound(norm) or ():
                keys.setdefault("w:" + part, 0.8)
        return tuple(keys.items())

    def _targets(self, norm: str) -> tuple[str, ...]:
        """Link keys of the translations of a word, of its parts, or else of its stem."""
        lexicon = (self._data or self._load()).lexicon
        words = [norm] if norm.isalnum() else [
            norm, *(p for p in SUBWORD_SPLIT.split(norm) if len(p) >= 3 and p != norm)]
        found = [x for x in map(lexicon.get, words) if x]
        added = [x for x in map(self._lex.get, words) if x] if self._lex else []
        if not found and not added:
            root = stem(norm)
            found = [x for x in (lexicon.get(root),) if x]
            added = [x for x in (self._lex.get(root),) if x]
        if len(found) <= 1 and not added:
            return tuple(found[0].split("|")) if found else ()  # stored sorted
        out = {key for x in found for key in x.split("|")}
        out.update(translation_keys({t for x in added for t in x}))
        return tuple(sorted(out))


def dutch_cognate(norm: str) -> str | None:
    """How Dutch spells an English word of Latin origin (*detection*: *detectie*), if it has
    one of the endings of :data:`COGNATE_ENDINGS`; also in the plural (*citations*:
    *citaties*, *modalities*: *modaliteiten*)."""
    for english, dutch in COGNATE_ENDINGS:
        if norm.endswith(english) and len(norm) - len(english) >= COGNATE_STEM:
            return norm[: -len(english)] + dutch
    if norm.endswith("ies"):  # *modalities*: *modaliteiten*
        single = dutch_cognate(norm[:-3] + "y")
        return None if single is None else single + "en"
    if norm.endswith("s") and not norm.endswith("ss"):  # *citations*: *citaties*
        single = dutch_cognate(norm[:-1])
        return None if single is None else single + "s"
    return None


def name_cost(zipf: float) -> float:
    """Nats a capitalised word costs standing alone as (part of) a name.

    The cost grows with the word's frequency as an ordinary word: *Hoekstra*
    is cheap, *Research* is not.
    """
    return min(NAME_MAX, NAME_BASE + NAME_SLOPE * max(0.0, zipf - NAME_ZIPF))


def _bare(text: str) -> str:
    return "".join(filter(str.isalnum, _fold(text)))


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace("\u2010", "-").strip().lower()


def _looks_like_brand(core: str, zipf: float) -> bool:
    """Product and project names, acronyms, versions: spelled the same in any language."""
    if any(ch.isdigit() for ch in core):
        return True
    letters = [ch for ch in core if ch.isalpha()]
    upper = sum(1 for ch in letters if ch.isupper())
    if upper == len(letters):
        return len(letters) <= 4 and zipf < 4.5
    return upper >= 2 or (upper == 1 and not core[0].isupper())


def _looks_like_name(core: str, zipf: float, neutral: bool) -> bool:
    """Names, acronyms, versions: words that pass untranslated between languages."""
    if core.isalpha():  # the common case: no digits, no inner punctuation
        letters = core
    else:
        if any(map(str.isdigit, core)):
            # "$20/month", "20-minute": an amount with a word, not a name
            words = [p for p in SUBWORD_SPLIT.split(core.lstrip("$€£#")) if p.isalpha()]
            return not (words and all(p.islower() and len(p) >= 3 for p in words))
        last = SUBWORD_SPLIT.split(core)[-1]
        if last and last.islower() and last != core:
            return False
        letters = "".join(filter(str.isalpha, core))
    upper = sum(map(str.isupper, letters))
    if upper == len(letters):
        return zipf < 4.5 if len(letters) <= 4 else neutral
    if upper >= 2 or (upper == 1 and not core[0].isupper()):
        return True
    return core[0].isupper() and neutral
