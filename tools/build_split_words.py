#!/usr/bin/env python3
"""Build the splitter's English/Dutch word model from the ``wordfreq`` package.

Writes ``src/localize/data/split_words.tsv.gz`` (word, English and Dutch Zipf
frequency times ten; 0 where the word is not in that language's list) and
``src/localize/data/split_trigrams.tsv.gz`` (character trigram, log-odds of
Dutch over English times one hundred) for words outside the lists.

Loading wordfreq's own tables takes most of a second; the compact files load
in a fraction of that, which keeps ``localize split`` quick to start.

Usage: ``python tools/build_split_words.py [--top 60000]``
"""

from __future__ import annotations

import argparse
import gzip
import math
import unicodedata
from collections import Counter
from pathlib import Path

import wordfreq

DATA = Path(__file__).resolve().parent.parent / "src" / "localize" / "data"
LANGS = ("en", "nl")


def _clean(word: str) -> str:
    return unicodedata.normalize("NFKC", word).lower()


def _usable(word: str) -> bool:
    return bool(word) and any(c.isalpha() for c in word) and "\t" not in word


def build_words(top: int) -> dict[str, tuple[int, int]]:
    """Zipf x10 for the ``top`` words of each language, looked up in both."""
    freqs = {lang: wordfreq.get_frequency_dict(lang) for lang in LANGS}
    chosen: set[str] = set()
    for lang in LANGS:
        chosen.update(w for w in wordfreq.top_n_list(lang, top) if _usable(w))
    table: dict[str, tuple[int, int]] = {}
    for word in sorted(chosen):
        zipfs = []
        for lang in LANGS:
            f = freqs[lang].get(word, 0.0)
            zipfs.append(round(10 * (math.log10(f) + 9)) if f > 0 else 0)
        table[_clean(word)] = (max(zipfs[0], 0), max(zipfs[1], 0))
    return table


def build_trigrams(top: int) -> dict[str, int]:
    """Log-odds (nl over en) of character trigrams, counted over word types."""
    counts = {}
    for lang in LANGS:
        c: Counter[str] = Counter()
        for word in wordfreq.top_n_list(lang, top):
            if not word.isalpha():
                continue
            padded = f"^{_clean(word)}$"
            c.update(padded[i : i + 3] for i in range(len(padded) - 2))
        counts[lang] = c
    totals = {lang: sum(c.values()) for lang, c in counts.items()}
    out: dict[str, int] = {}
    for gram in set(counts["en"]) | set(counts["nl"]):
        en, nl = counts["en"][gram], counts["nl"][gram]
        if en + nl < 4:
            continue
        odds = math.log((nl + 0.5) / totals["nl"]) - math.log((en + 0.5) / totals["en"])
        if abs(odds) >= 0.2:
            out[gram] = round(100 * odds)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--top", type=int, default=60000)
    args = ap.parse_args()
    words = build_words(args.top)
    with gzip.open(DATA / "split_words.tsv.gz", "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write("# word\ten_zipf_x10\tnl_zipf_x10 (from wordfreq)\n")
        for word, (en, nl) in sorted(words.items()):
            fh.write(f"{word}\t{en}\t{nl}\n")
    grams = build_trigrams(args.top)
    with gzip.open(DATA / "split_trigrams.tsv.gz", "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write("# trigram\tlog_odds_nl_over_en_x100 (from wordfreq word types)\n")
        for gram, odds in sorted(grams.items()):
            fh.write(f"{gram}\t{odds}\n")
    print(f"wrote {len(words)} words and {len(grams)} trigrams to {DATA}")


if __name__ == "__main__":
    main()
