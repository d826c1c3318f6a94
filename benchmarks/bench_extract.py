"""Benchmark: ``localize extract`` over 200 and 1,000 documents made from the seeds.

The documents are varied (lines sampled from a seed, numbers and dates changed,
names swapped), so no two are copies. Reports documents per second for each
size, the ratio of the two times (linear growth is about 5x), and, as a peer
measured in the same run, GNU ``msgmerge --previous`` merging the same template
into the same catalog that localize's merge step handles.

Run: python benchmarks/bench_extract.py [--sizes 200 1000] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from localize.catalogs.merge import merge_catalog
from localize.config import load_config
from localize.fsio import read_catalog
from localize.workspace import run_extract

ROOT = Path(__file__).resolve().parent.parent
NAMES = ["OpenAI", "Anthropic", "DeepMind", "Mistral", "Meta AI", "Google", "Hugging Face"]
MONTHS = ["January", "March", "June", "September", "December"]


def make_documents(folder: Path, count: int, seed: int) -> int:
    """Write ``count`` varied documents into ``folder``; returns their total size in characters."""
    rng = random.Random(seed)
    seeds = [p.read_text(encoding="utf-8").splitlines() for p in sorted((ROOT / "seeds").glob("*"))]
    total = 0
    for number in range(count):
        lines = seeds[number % len(seeds)]
        start = rng.randrange(max(1, len(lines) - 12))
        picked = lines[start : start + rng.randint(6, 14)]
        text = "\n".join(_vary(line, rng) for line in picked) + "\n"
        (folder / f"page{number:05d}.txt").write_text(text, encoding="utf-8")
        total += len(text)
    return total


def _vary(line: str, rng: random.Random) -> str:
    line = re.sub(r"\b(19|20)\d\d\b", lambda _: str(rng.randint(2015, 2026)), line)
    line = re.sub(r"\b\d{1,2}\b", lambda _: str(rng.randint(1, 28)), line)
    line = line.replace("OpenAI", rng.choice(NAMES))
    return line.replace("December", rng.choice(MONTHS))


def time_extract(count: int, seed: int, work: Path) -> tuple[float, int, int]:
    """Seconds for one extract of ``count`` fresh documents, their characters and messages."""
    project = work / f"n{count}"
    (project / "pages").mkdir(parents=True)
    chars = make_documents(project / "pages", count, seed)
    config = load_config(project).override(sources=[project / "pages"], output=project / "out")
    started = time.perf_counter()
    report = run_extract(config, base=project)
    return time.perf_counter() - started, chars, report.messages


def time_merge_peer(project: Path) -> tuple[float, float]:
    """localize's merge vs ``msgmerge --previous`` on the same template and Dutch catalog."""
    pot = project / "out" / "messages-en.pot"
    po = project / "out" / "nl" / "LC_MESSAGES" / "messages-en.po"
    template, old = read_catalog(pot), read_catalog(po)
    started = time.perf_counter()
    merge_catalog(template, old, locale="nl", page_translation=lambda _: None)
    ours = time.perf_counter() - started
    msgmerge = shutil.which("msgmerge")
    if msgmerge is None:
        return ours, float("nan")
    started = time.perf_counter()
    subprocess.run([msgmerge, "--quiet", "--previous", "-o", "/dev/null", str(po), str(pot)],
                   check=True)
    return ours, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs=2, default=[200, 1000])
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    small, large = args.sizes
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        results = {n: time_extract(n, args.seed, work) for n in (small, large)}
        ours, peer = time_merge_peer(work / f"n{large}")
    print(f"{'documents':>10} {'chars':>10} {'messages':>9} {'seconds':>8} {'docs/s':>8}")
    for n, (seconds, chars, messages) in results.items():
        print(f"{n:>10} {chars:>10} {messages:>9} {seconds:>8.2f} {n / seconds:>8.1f}")
    ratio = results[large][0] / results[small][0]
    print(f"time ratio {large}/{small}: {ratio:.2f} (linear: {large / small:.1f})")
    print(f"merge of the {large}-document template into nl: localize {ours:.3f} s, "
          f"msgmerge --previous {peer:.3f} s, ratio {ours / peer:.2f}")


if __name__ == "__main__":
    main()
