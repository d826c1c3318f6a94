#!/usr/bin/env python3
"""Build the splitter's English–Dutch word lexicon from the FreeDict dictionaries.

Reads the dictd files that Debian's ``dict-freedict-eng-nld`` and
``dict-freedict-nld-eng`` packages install (or that ``--root`` points at, for
example a folder where ``dpkg-deb -x`` unpacked the packages) and writes
``src/localize/data/split_lexicon.tsv.gz``: one ``word<TAB>translation|...``
line per English or Dutch word (both directions), lower-cased, single words
only. The dictionaries are GPL-2+ (FreeDict project); the file header says so.

Usage::

    apt-get download dict-freedict-eng-nld dict-freedict-nld-eng
    for d in dict-freedict-*.deb; do dpkg-deb -x "$d" /tmp/freedict; done
    python tools/build_split_lexicon.py --root /tmp/freedict
"""

from __future__ import annotations

import argparse
import gzip
import re
import unicodedata
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "src" / "localize" / "data"
WORD = re.compile(r"^[a-zà-ÿ][a-zà-ÿ'\-]*$")
B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def _b64(text: str) -> int:
    value = 0
    for ch in text:
        value = value * 64 + B64.index(ch)
    return value


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("\u2010", "-")
    return text.strip().lower()


def _entries(root: Path, name: str) -> list[tuple[str, list[str]]]:
    base = root / "usr" / "share" / "dictd" / f"freedict-{name}"
    with gzip.open(base.with_suffix(".dict.dz"), "rb") as fh:
        body = fh.read()
    out = []
    for line in base.with_suffix(".index").read_text(encoding="utf-8").splitlines():
        head, off, size = line.split("\t")
        if head.startswith("00database"):
            continue
        text = body[_b64(off) : _b64(off) + _b64(size)].decode("utf-8").splitlines()
        senses = []
        for row in text[1:]:
            row = re.sub(r"^\s*\d+\.\s*", "", row)
            senses.extend(part for part in (_norm(p) for p in row.split(",")) if part)
        out.append((_norm(head), senses))
    return out


def build(root: Path) -> set[tuple[str, str]]:
    """English–Dutch single-word pairs from both dictionary directions."""
    pairs: set[tuple[str, str]] = set()
    for name, en_first in (("eng-nld", True), ("nld-eng", False)):
        for head, senses in _entries(root, name):
            for sense in senses:
                en, nl = (head, sense) if en_first else (sense, head)
                if WORD.match(en) and WORD.match(nl) and en != nl:
                    pairs.add((en, nl))
    return pairs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", type=Path, default=Path("/"))
    args = ap.parse_args()
    pairs = build(args.root)
    grouped: dict[str, set[str]] = {}
    for en, nl in pairs:
        grouped.setdefault(en, set()).add(nl)
        grouped.setdefault(nl, set()).add(en)
    with gzip.open(DATA / "split_lexicon.tsv.gz", "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write("# word\ttranslations (English<->Dutch); FreeDict eng-nld, nld-eng (GPL-2+)\n")
        for word in sorted(grouped):
            fh.write(f"{word}\t{'|'.join(sorted(grouped[word]))}\n")
    print(f"wrote {len(pairs)} pairs ({len(grouped)} words) to {DATA / 'split_lexicon.tsv.gz'}")


if __name__ == "__main__":
    main()
