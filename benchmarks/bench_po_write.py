"""Benchmark: writing PO files, against GNU ``msgcat`` in the same run.

1. One entry whose msgid and msgstr are Chinese lines without spaces of 20,000
   and 80,000 characters: seconds for ``write_po`` and the 80k/20k ratio
   (linear growth is 4), with ``msgcat`` rewriting the same files as the peer.
2. A large catalog (the committed catalogs' entries, repeated with numbered
   variants): ``write_po`` against ``msgcat`` rewriting the same file. msgcat's
   time includes reading the file and starting the process, so the sizes are
   large enough for its start-up (a few milliseconds) not to matter.

Every output is also checked to be byte-identical to msgcat's.

Run: python benchmarks/bench_po_write.py [--repeat 3] [--copies 8]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from localize.catalogs.model import Catalog, Entry
from localize.catalogs.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
SENTENCE = "深度学习让人工智能在过去十年里得到突飞猛进的发展并改变了许多行业的工作方式"


def best(seconds: Callable[[], float], repeat: int) -> float:
    """The fastest of ``repeat`` runs (the least disturbed by other work on the machine)."""
    return min(seconds() for _ in range(repeat))


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def msgcat_seconds(path: Path, expected: str) -> float:
    msgcat = shutil.which("msgcat")
    assert msgcat, "GNU gettext's msgcat is needed as the peer"
    start = time.perf_counter()
    out = subprocess.run([msgcat, str(path)], capture_output=True, check=True).stdout
    elapsed = time.perf_counter() - start
    assert out.decode("utf-8") == expected, f"msgcat rewrote {path}"
    return elapsed


def long_line(size: int) -> Catalog:
    text = (SENTENCE * (size // len(SENTENCE) + 1))[:size]
    catalog = Catalog(header={"Content-Type": "text/plain; charset=UTF-8", "Language": "zh"})
    catalog.add(Entry(msgid=text, msgstr=text))
    return catalog


def large_catalog(copies: int) -> Catalog:
    """The committed catalogs' entries, ``copies`` times over with numbered variants."""
    sources = sorted((ROOT / "locales").glob("*/LC_MESSAGES/messages-*.po"))
    catalogs = [read_po(p.read_text(encoding="utf-8"), path=str(p)) for p in sources]
    big = Catalog(header=dict(catalogs[0].header))
    for copy in range(copies):
        for catalog in catalogs:
            for entry in catalog.entries:
                key = f"{entry.msgid} ({copy})"
                if big.get(key) is None:
                    big.add(Entry(msgid=key, msgstr=entry.msgstr and f"{entry.msgstr} ({copy})",
                                  translator_comments=list(entry.translator_comments),
                                  auto_comments=list(entry.auto_comments),
                                  references=list(entry.references), flags=list(entry.flags)))
    return big


def bench_long_lines(work: Path, repeat: int) -> None:
    print("long Chinese line without spaces (msgid and msgstr), best of", repeat)
    ours: dict[int, float] = {}
    for size in (20_000, 80_000):
        catalog = long_line(size)
        text = write_po(catalog)
        path = work / f"long{size}.po"
        path.write_text(text, encoding="utf-8")
        ours[size] = best(lambda c=catalog: timed(lambda: write_po(c)), repeat)
        peer = best(lambda p=path, t=text: msgcat_seconds(p, t), repeat)
        print(f"  {size:>6,} characters: write_po {ours[size]:.3f} s, msgcat {peer:.3f} s "
              f"(ratio {ours[size] / peer:.2f})")
    print(f"  80k/20k time ratio: {ours[80_000] / ours[20_000]:.2f} (linear: 4)")


def bench_large_catalog(work: Path, repeat: int, copies: int) -> None:
    catalog = large_catalog(copies)
    text = write_po(catalog)
    path = work / "large.po"
    path.write_text(text, encoding="utf-8")
    lines = text.count("\n")
    entries = len(catalog.entries)
    ours = best(lambda: timed(lambda: write_po(catalog)), repeat)
    peer = best(lambda: msgcat_seconds(path, text), repeat)
    print(f"large catalog: {entries:,} entries, {lines:,} lines, {len(text):,} characters")
    print(f"  write_po {ours:.3f} s ({entries / ours:,.0f} entries/s), msgcat {peer:.3f} s "
          f"({entries / peer:,.0f} entries/s); ratio {ours / peer:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--copies", type=int, default=8)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        bench_long_lines(Path(folder), args.repeat)
        bench_large_catalog(Path(folder), args.repeat, args.copies)


if __name__ == "__main__":
    main()
