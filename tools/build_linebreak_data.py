#!/usr/bin/env python3
"""Build the line-breaking data the PO writer wraps with.

GNU gettext 0.21 wraps PO strings with libunistring 1.0, whose line-breaking
classes are those of Unicode 14.0 (UAX #14) and whose column widths are its own
reading of Unicode 14.0's East Asian Width. This tool writes
``src/localize/data/linebreak.tsv``: one ``START<TAB>CLASS<TAB>WIDTH`` line per
run of code points that share a class and a width, START in hex.

Inputs: Unicode's ``LineBreak.txt`` and ``emoji-data.txt`` (Debian's
``unicode-data`` package installs them under /usr/share/unicode; version 14.0
or 15.0), and Python's own ``unicodedata``, which must be Unicode 14.0
(Python 3.11) so that "assigned" and "wide" mean what they mean to
libunistring 1.0.

Usage::

    apt-get install unicode-data
    python3.11 tools/build_linebreak_data.py
"""

from __future__ import annotations

import argparse
import re
import unicodedata
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "src" / "localize" / "data"
UNICODE = Path("/usr/share/unicode")

# Classes whose behaviour libunistring fixes once and for all (UAX #14 leaves
# them to the implementation): CB is treated as ID, SA and XX as AL, NL as BK,
# CJ as NS, and LF and CR (never raw in a PO string) as BK.
_RESOLVED = {"CB": "ID", "SA": "AL", "XX": "AL", "NL": "BK", "CJ": "NS", "LF": "BK",
             "CR": "BK", "SG": "AL"}

# Three characters whose class Unicode 15.0 changed; libunistring 1.0 has 14.0's.
_UNICODE_15_CHANGES = {0x1DCD: "CM", 0x1DFC: "CM", 0x2057: "AL"}

# Blocks that libunistring 1.0 counts as double width even where a code point
# is not assigned yet (for assigned ones, East Asian Width W and F decide).
_WIDE_BLOCKS = [
    (0x2E80, 0xA4CF), (0xF900, 0xFAFF), (0xFE10, 0xFE1F), (0xFE30, 0xFE6F),
    (0xFF00, 0xFF60), (0x1F200, 0x1F320), (0x20000, 0x3FFFF),
]

# Where unassigned code points are ID by default (LineBreak.txt's @missing lines).
_IDEOGRAPHIC_DEFAULT = [(0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF),
                        (0x20000, 0x2FFFD), (0x30000, 0x3FFFD), (0x1F000, 0x1FAFF),
                        (0x1FC00, 0x1FFFD)]

# Jamo that libunistring gives no width: they join the syllable before them.
_JAMO_NONSPACING = [(0x1160, 0x11FF), (0xD7B0, 0xD7C6), (0xD7CB, 0xD7FB)]


def _ranges(path: Path) -> tuple[str, list[tuple[int, int, str, bool]]]:
    """(version, [(first, last, value, reserved)]) of a UCD file's explicit lines."""
    text = path.read_text(encoding="utf-8")
    version = re.search(r"-(\d+\.\d+\.\d+)\.txt", text[:200])
    out: list[tuple[int, int, str, bool]] = []
    for line in text.splitlines():
        body, _, comment = line.partition("#")
        if body.strip():
            span, value = (part.strip() for part in body.split(";")[:2])
            first, _, last = span.partition("..")
            out.append((int(first, 16), int(last or first, 16), value,
                        comment.split()[:1] == ["Cn"]))
    return (version[1] if version else "?"), out


def _assigned(cp: int) -> bool:
    return unicodedata.category(chr(cp)) != "Cn"


def _classes(linebreak: Path, emoji: Path) -> list[str]:
    version, ranges = _ranges(linebreak)
    table = ["XX"] * 0x110000
    reserved = [True] * 0x110000  # not assigned in the file's Unicode version
    for first, last, value, unassigned in ranges:
        table[first : last + 1] = [value] * (last - first + 1)
        reserved[first : last + 1] = [unassigned] * (last - first + 1)
    pictographic = [False] * 0x110000
    for first, last, value, _ in _ranges(emoji)[1]:
        if value == "Extended_Pictographic":
            pictographic[first : last + 1] = [True] * (last - first + 1)
    out = []
    for cp, value in enumerate(table):
        if version.startswith("15.") and cp in _UNICODE_15_CHANGES:
            value = _UNICODE_15_CHANGES[cp]
        if not _assigned(cp) and not reserved[cp]:  # assigned after Unicode 14.0
            value = "ID" if pictographic[cp] or _default_ideographic(cp) else "XX"
        value = _RESOLVED.get(value, value)
        wide = unicodedata.east_asian_width(chr(cp)) in "FWH"
        if value in ("OP", "CP"):
            value += "2" if wide and _assigned(cp) else "1"
        elif value == "ID":
            value = "ID2" if pictographic[cp] and not _assigned(cp) else "ID1"
        out.append(value)
    return out


def _default_ideographic(cp: int) -> bool:
    """The ranges where UAX #14 makes unassigned code points ID."""
    return any(a <= cp <= b for a, b in _IDEOGRAPHIC_DEFAULT)


def _width(cp: int) -> int:
    """Columns as libunistring 1.0 counts them: -1 for C0/C1 controls, 0, 1 or 2."""
    if 0xD800 <= cp < 0xE000:
        return 1
    ch = chr(cp)
    category = unicodedata.category(ch)
    if category != "Cn" and (
        unicodedata.bidirectional(ch) == "NSM" or category in ("Cc", "Cf")
        or unicodedata.name(ch, "").startswith("ZERO WIDTH ")
        or any(a <= cp <= b for a, b in _JAMO_NONSPACING)
    ):
        return -1 if 0 < cp < 0xA0 else 0
    if category != "Cn":
        return 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return 2 if any(a <= cp <= b for a, b in _WIDE_BLOCKS) else 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--linebreak", type=Path, default=UNICODE / "LineBreak.txt")
    parser.add_argument("--emoji", type=Path, default=UNICODE / "emoji" / "emoji-data.txt")
    parser.add_argument("--out", type=Path, default=DATA / "linebreak.tsv")
    args = parser.parse_args()
    if unicodedata.unidata_version != "14.0.0":
        parser.error("needs Python's Unicode 14.0 (Python 3.11), not "
                     f"{unicodedata.unidata_version}")
    classes = _classes(args.linebreak, args.emoji)
    lines = ["# line-breaking class and column width per run of code points, as libunistring 1.0"
             " (Unicode 14.0) has them; built by tools/build_linebreak_data.py"]
    last: tuple[str, int] | None = None
    for cp in range(0x110000):
        key = (classes[cp], _width(cp))
        if key != last:
            lines.append(f"{cp:X}\t{key[0]}\t{key[1]}")
            last = key
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({len(lines) - 1} runs)")


if __name__ == "__main__":
    main()
