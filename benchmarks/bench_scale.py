"""Benchmark: localize at the scale of a large site, each figure against a peer in the same run.

1. Re-extract with every message changed, over 1,000 / 4,000 / 10,000 / 40,000 one-sentence
   pages whose catalogs are fully translated, against GNU ``msgmerge --previous`` merging
   the same template into the same catalogs (both as whole processes); how often the fuzzy
   match is the one msgmerge picks, and (up to ``--exhaustive-max`` messages) the one a
   comparison of every pair picks.
2. A one-page change on a 10,000-page site (pages made from the seeds, as in
   ``bench_extract.py``) against the first full run, and the catalogs of the incremental
   run compared byte for byte with a ``--no-cache`` run; peak memory (RSS) of each.
3. Translation throughput on the fixture models: a local run against a local Ray instance
   (``--ray``), catalogs compared byte for byte. On a 2-core machine this measures Ray's
   overhead, not a speed-up.

Run: python benchmarks/bench_scale.py [--sizes 1000 4000 10000 40000] [--site-pages 10000]
     [--ray-sentences 2000] [--skip merge site ray]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from difflib import SequenceMatcher
from itertools import pairwise
from pathlib import Path

from bench_extract import make_documents

from localize.catalogs.fuzzy import FUZZY_THRESHOLD
from localize.fsio import read_catalog, write_catalog
from localize.mt.cluster import LOOPBACK_ONLY

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "models"


def _options(joined: str) -> list[str]:
    return joined.split("|")


SUBJECTS = _options(
    "The team|Our editors|A new model|The research group|This update|The company|Developers|"
    "The open source community|A small startup|The lab|Every user|The new release|"
    "The platform|Most readers|The assistant|The benchmark|A volunteer|The report|"
    "Our newsletter|The dataset")
VERBS = _options(
    "improves|explains|changes|describes|tests|measures|shows|reviews|compares|announces|"
    "supports|replaces|publishes|tracks|summarises|questions|builds|trains|evaluates|documents")
ADJECTIVES = _options(
    "cheap|fast|careful|simple|open|private|small|large|public|local|modern|shared|early|"
    "honest|useful|strong|quiet|clear|fair|safe|new|old|slow|rare|common|visual|formal|daily|"
    "global|basic")
EDITED = _options("clever|bright|rough|hidden|steady|gentle|secure|precise|narrow|broad")
NOUNS = _options(
    "search results|code reviews|training runs|translations|models|inference servers|"
    "lesson plans|summaries|messages|data centres|speech tools|image generators|licences|"
    "reasoning tests|datasets|agents|price lists|context windows|skills|feedback forms|"
    "chat bots|voice assistants|robots|spreadsheets|news feeds|maps|libraries|archives|forums|"
    "exams|games|classrooms|hospitals|factories|farms|studios|newsrooms|courts|museums|markets")
TAILS = _options(
    "this week|in a short video|for the first time|after a long debate|with a public demo|"
    "in three languages|before the summer|on a small laptop|at a conference in Paris|"
    "with help from students|in a new paper|without any cloud service|"
    "for schools and libraries|during a live event|in plain language|with open data|"
    "for small businesses|on mobile phones|in an online course|over several months")
Parts = tuple[str, str, str, str, str]


# --- Generated sites ----------------------------------------------------------------------

def sentences(count: int, seed: int) -> list[Parts]:
    """``count`` different sentences (subject, verb, adjective, noun, phrase)."""
    rng = random.Random(seed)
    seen: dict[Parts, None] = {}
    while len(seen) < count:
        parts = (rng.choice(SUBJECTS), rng.choice(VERBS), rng.choice(ADJECTIVES),
                 rng.choice(NOUNS), rng.choice(TAILS))
        seen[parts] = None
    return list(seen)


def text(parts: Parts) -> str:
    subject, verb, adjective, noun, tail = parts
    return f"{subject} {verb} the {adjective} {noun} {tail}."


def edited(all_parts: Sequence[Parts]) -> list[str]:
    """Every sentence with its adjective replaced by a new one (all still different)."""
    out: dict[str, None] = {}
    for number, (subject, verb, _, noun, tail) in enumerate(all_parts):
        for step in range(len(EDITED)):
            candidate = text((subject, verb, EDITED[(number + step) % len(EDITED)], noun, tail))
            if candidate not in out:
                out[candidate] = None
                break
        else:
            raise RuntimeError("not enough edits for a unique sentence")
    return list(out)


def write_pages(folder: Path, texts: Sequence[str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for number, line in enumerate(texts):
        (folder / f"page{number:05d}.txt").write_text(line + "\n", encoding="utf-8")


def translate_by_hand(project: Path) -> None:
    """A translator's pass: every entry of the Dutch and Chinese catalogs gets a translation."""
    for locale in ("nl", "zh"):
        path = project / "locales" / locale / "LC_MESSAGES" / "messages-en.po"
        catalog = read_catalog(path)
        for entry in catalog:
            entry.msgstr = f"[{locale}] " + " ".join(reversed(entry.msgid.split()))
        write_catalog(path, catalog)


# --- Processes, timed, with their peak memory ---------------------------------------------

def run(command: Sequence[str], cwd: Path, env: dict[str, str] | None = None
        ) -> tuple[float, float]:
    """Seconds and peak RSS (MiB) of one process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(command)} failed: {process.stderr.read().decode()[-800:]}"
                           if process.stderr else f"{command} failed")
    return seconds, usage.ru_maxrss / 1024


def localize(project: Path, *args: str) -> tuple[float, float]:
    env = os.environ | {"LOCALIZE_CACHE_DIR": str(project / "cache"), "CI": "1",
                        "SOURCE_DATE_EPOCH": "1700000000"}  # dates pinned: runs compare by bytes
    return run([sys.executable, "-m", "localize", *args], project, env)


def msgmerge(old: Path, pot: Path, out: Path) -> float:
    return run(["msgmerge", "--quiet", "--previous", "-o", str(out), str(old), str(pot)],
               out.parent)[0]


# --- 1. Re-extract with every message changed, against msgmerge ----------------------------

def every_pair(old: Sequence[str], new: Sequence[str]) -> list[str | None]:
    """The fuzzy match of each new message when every unused old one is compared."""
    left = list(old)
    found: list[str | None] = []
    matcher = SequenceMatcher(autojunk=False)
    for message in new:
        best, best_score = None, FUZZY_THRESHOLD
        matcher.set_seq2(message)
        for candidate in left:
            matcher.set_seq1(candidate)
            if matcher.real_quick_ratio() <= best_score or matcher.quick_ratio() <= best_score:
                continue
            score = matcher.ratio()
            if score > best_score:
                best, best_score = candidate, score
        if best is not None:
            left.remove(best)
        found.append(best)
    return found


def previous(path: Path) -> dict[str, str | None]:
    return {e.msgid: e.previous_msgid for e in read_catalog(path)}


def merge_scaling(size: int, work: Path, *, peer: bool, exhaustive: bool) -> dict[str, float]:
    """Extract, translate every entry, change every page, re-extract; msgmerge on the same."""
    project = work / f"merge{size}"
    parts = sentences(size, seed=size)
    write_pages(project / "pages", [text(p) for p in parts])
    first, _ = localize(project, "extract", "pages")
    translate_by_hand(project)
    po = {loc: project / "locales" / loc / "LC_MESSAGES" / "messages-en.po" for loc in ("nl", "zh")}
    old = {loc: shutil.copy(path, project / f"old-{loc}.po") for loc, path in po.items()}
    write_pages(project / "pages", edited(parts))
    again, rss = localize(project, "extract", "pages")
    row = {"messages": float(size), "first": first, "again": again, "rss": rss,
           "msgmerge": float("nan"), "same_as_msgmerge": float("nan"),
           "same_as_every_pair": float("nan")}
    ours = previous(po["nl"])
    if peer:
        pot = project / "locales" / "messages-en.pot"
        row["msgmerge"] = sum(msgmerge(Path(old[loc]), pot, project / f"msgmerge-{loc}.po")
                              for loc in po)
        theirs = previous(project / "msgmerge-nl.po")
        row["same_as_msgmerge"] = sum(ours[m] == theirs.get(m) for m in ours) / len(ours)
    if exhaustive:
        before = [e.msgid for e in read_catalog(Path(old["nl"])) if e.msgstr]
        expected = every_pair(before, list(ours))
        row["same_as_every_pair"] = sum(ours[m] == e for m, e in zip(ours, expected,
                                                                       strict=True)) / len(ours)
    return row


def report_merge(rows: list[dict[str, float]]) -> None:
    print("\n1. re-extract with every message changed (whole processes; msgmerge: nl + zh)")
    print(f"{'messages':>9} {'first':>8} {'again':>8} {'msgmerge':>9} {'ratio':>6} "
          f"{'peak MiB':>9} {'=msgmerge':>10} {'=every pair':>12}")
    for r in rows:
        print(f"{int(r['messages']):>9} {r['first']:>8.2f} {r['again']:>8.2f} "
              f"{r['msgmerge']:>9.2f} {r['again'] / r['msgmerge']:>6.2f} {r['rss']:>9.0f} "
              f"{r['same_as_msgmerge']:>10.1%} {r['same_as_every_pair']:>12.1%}")
    for small, large in pairwise(rows):
        print(f"re-extract {int(large['messages'])}/{int(small['messages'])}: "
              f"{large['again'] / small['again']:.2f}x for "
              f"{large['messages'] / small['messages']:.2g}x the messages")


# --- 2. A one-page change on a large site ---------------------------------------------------

def catalogs(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.po*"))}


def differences(mine: dict[str, bytes], theirs: dict[str, bytes]) -> str:
    """The first differing lines of two sets of catalogs, or '' when they are the same."""
    for name in sorted(set(mine) | set(theirs)):
        a, b = mine.get(name, b"").splitlines(), theirs.get(name, b"").splitlines()
        if a != b:
            at = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y),
                      min(len(a), len(b)))
            return f"{name}:{at + 1}: {a[at:at + 1]!r} / {b[at:at + 1]!r}"
    return ""


def site_change(pages: int, work: Path) -> dict[str, float]:
    """First full run, an idle re-run, a one-page change; the change again without the cache."""
    project = work / f"site{pages}"
    (project / "pages").mkdir(parents=True)
    chars = make_documents(project / "pages", pages, seed=1)
    full, full_rss = localize(project, "extract", "pages")
    idle, _ = localize(project, "extract", "pages")
    changed = project / "pages" / f"page{pages // 2:05d}.txt"
    changed.write_text(changed.read_text(encoding="utf-8")
                       + "This page was corrected after publication.\n", encoding="utf-8")
    twin = work / f"site{pages}-no-cache"
    shutil.copytree(project, twin, ignore=shutil.ignore_patterns("cache"))
    one, one_rss = localize(project, "extract", "pages")
    cold, _ = localize(twin, "extract", "pages", "--no-cache")
    return {"pages": float(pages), "chars": float(chars), "full": full, "full_rss": full_rss,
            "idle": idle, "one": one, "one_rss": one_rss, "no_cache": cold,
            "identical": _same(catalogs(project / "locales"), catalogs(twin / "locales"))}


def _same(mine: dict[str, bytes], theirs: dict[str, bytes]) -> float:
    found = differences(mine, theirs)
    if found:
        print(f"catalogs differ: {found}", file=sys.stderr)
    return float(not found)


def report_site(rows: list[dict[str, float]]) -> None:
    print("\n2. one-page change (whole processes)")
    print(f"{'pages':>7} {'M chars':>8} {'first run':>10} {'idle rerun':>11} {'one page':>9} "
          f"{'ratio':>6} {'no cache':>9} {'same bytes':>11} {'peak MiB':>14}")
    for r in rows:
        print(f"{int(r['pages']):>7} {r['chars'] / 1e6:>8.2f} {r['full']:>10.2f} "
              f"{r['idle']:>11.2f} {r['one']:>9.2f} {r['one'] / r['full']:>6.3f} "
              f"{r['no_cache']:>9.2f} {'yes' if r['identical'] else 'NO':>11} "
              f"{r['full_rss']:>6.0f} / {r['one_rss']:<6.0f}")


# --- 3. Translation: here against a local Ray instance ---------------------------------------

def ray_throughput(count: int, work: Path) -> dict[str, float]:
    """``translate --to nl`` of ``count`` sentences on the fixture en→nl model, here and on Ray."""
    project = work / "translate"
    (project / "pages").mkdir(parents=True)
    lines = [text(p) for p in sentences(count, seed=7)]
    (project / "pages" / "page.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    localize(project, "models", "install", "--models-dir", "models",
             str(FIXTURES / "translate-en_nl-1_0.argosmodel"))
    localize(project, "extract", "pages")
    twin = work / "translate-ray"
    shutil.copytree(project, twin)
    here, _ = localize(project, "translate", "--to", "nl", "--models-dir", "models")
    env = os.environ | {LOOPBACK_ONLY: "0", "RAY_USAGE_STATS_ENABLED": "0"}  # as --ray does
    ray_start = run([sys.executable, "-c", "import ray; ray.init(include_dashboard=False); "
                     "ray.shutdown()"], work, env)[0]
    on_ray, _ = localize(twin, "translate", "--to", "nl", "--models-dir", "models", "--ray")
    return {"sentences": float(count), "here": here, "ray": on_ray, "ray_start": ray_start,
            "identical": _same(catalogs(project / "locales"), catalogs(twin / "locales"))}


def report_ray(row: dict[str, float]) -> None:
    n = row["sentences"]
    print(f"\n3. translate --to nl, {int(n)} sentences, fixture en→nl model "
          f"({os.cpu_count()} CPUs; whole processes)")
    print(f"here: {row['here']:.2f} s ({n / row['here']:.0f} sentences/s); "
          f"--ray (local instance): {row['ray']:.2f} s ({n / row['ray']:.0f} sentences/s), "
          f"of which starting and stopping Ray alone takes {row['ray_start']:.2f} s; "
          f"catalogs {'byte-identical' if row['identical'] else 'DIFFERENT'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 4000, 10000, 40000])
    parser.add_argument("--peer-max", type=int, default=10000,
                        help="largest size msgmerge is run on (it grows with the square)")
    parser.add_argument("--exhaustive-max", type=int, default=1000,
                        help="largest size compared with a comparison of every pair")
    parser.add_argument("--site-pages", type=int, nargs="+", default=[2500, 10000])
    parser.add_argument("--ray-sentences", type=int, default=2000)
    parser.add_argument("--skip", nargs="*", default=[], choices=["merge", "site", "ray"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if "merge" not in args.skip:
            report_merge([merge_scaling(n, work, peer=n <= args.peer_max,
                                        exhaustive=n <= args.exhaustive_max)
                          for n in args.sizes])
        if "site" not in args.skip:
            report_site([site_change(n, work) for n in args.site_pages])
        if "ray" not in args.skip:
            report_ray(ray_throughput(args.ray_sentences, work))


if __name__ == "__main__":
    main()
