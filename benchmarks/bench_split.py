#!/usr/bin/env python3
"""Benchmark the splitter against lingua on the shared gold files and on held-out lines.

In one run, on the same lines:

- scores both systems with the shared scorer (``score.py``); each set is one
  document, split the way ``localize split FILE`` splits a file (with the
  site lexicon of its own lines);
- the precision of our pairs in each confidence band (the calibration);
- the same on ``benchmarks/data/heldout_site.jsonl`` and ``heldout2_site.jsonl`` to
  ``heldout5_site.jsonl``: 160, 120, 150, 150 and 150 site lines written apart from
  the dev set (with its targets);
- end to end: the lines of each site set written as one page and run
  through the real ``localize extract`` in a temporary project: of the page
  translations written as finished in the Dutch catalog, the share that is
  right, the share of the gold English–Dutch pairs they cover, and what
  became of the rest (fuzzy or missing); how many fuzzy page suggestions
  (pairs of a reading behind the splitter's best) were written, and how many
  of them are gold pairs;
- speed: whole processes, ``localize split FILE --format jsonl`` (compiled at
  installation, and from its sources) against a process running lingua on the
  same file (best of ``--repeat``, interleaved), plus warm in-process chars/s;
- that ten times the input takes at most twelve times the time (CPU time of this
  process, best of seven; the small input is every tenth line, the same mix).

Examples::

    python benchmarks/bench_split.py
    python benchmarks/bench_split.py --heldout glib20,bash,tar:7 --heldout systemd,wget,sed:11
    python benchmarks/bench_split.py --gold /tmp/other.jsonl --no-lingua --no-e2e

A held-out spec is ``DOMAIN,DOMAIN,...:SEED``; its lines are built with
``make_concat.py`` from those catalogs (use catalogs that ``dev/concat.jsonl``
was not built from). The script ends with the targets that were missed, if
any, and exits 1 then.
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any, NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from localize.catalogs.merge import PAGE_SUGGESTION  # noqa: E402
from localize.catalogs.pofile import read_po  # noqa: E402
from localize.config import DEFAULTS  # noqa: E402
from localize.splitting import RUNS_AS, LineSplit, Splitter  # noqa: E402

Record = dict[str, Any]
Predictor = Callable[[list[str]], list[Record]]

DEFAULT_GOLD = ("dev/site.jsonl", "dev/seeds.jsonl", "dev/concat.jsonl")
# site lines of the same families written apart from the dev set, never tuned on as a whole
HELDOUT_SITE = tuple(ROOT / "benchmarks" / "data" / f"heldout{n}_site.jsonl"
                     for n in ("", "2", "3", "4", "5"))
DEFAULT_HELDOUT = [
    "systemd,gettext-tools,grep,sed,findutils,diffutils:11",
    "appstream,gnutls30,libidn2,gdk-pixbuf,at-spi2-core,Linux-PAM:41",
]
# (char_lang_acc, boundary_f1, pair_f1): the dev sets, then held-out sets (no regression)
TARGETS = {"dev": (0.99, 0.97, 0.95), "other": (0.97, 0.90, 0.90)}
E2E_TARGETS = (0.98, 0.85)  # precision of finished page translations, coverage of gold pairs
SPEED_TARGET = 2.0  # whole processes: localize split at least this many times faster
SPEED_TURNS = 3  # --same-as: runs of each version, interleaved, for its in-process speed
BANDS = (0.0, 0.5, 0.7, 0.8, 0.9, 0.95, 0.98, 1.0001)

LINGUA_SCRIPT = '''
import json, sys
from lingua import Language, LanguageDetectorBuilder
names = {Language.ENGLISH: "en", Language.DUTCH: "nl", Language.CHINESE: "zh"}
detector = LanguageDetectorBuilder.from_languages(*names).build()
out = sys.stdout
for number, line in enumerate(open(sys.argv[1], encoding="utf-8"), start=1):
    line = line.rstrip("\\n")
    segs = [{"text": line[r.start_index:r.end_index].strip(), "lang": names[r.language]}
            for r in detector.detect_multiple_languages_of(line)]
    out.write(json.dumps({"line": number, "segments": segs}, ensure_ascii=False) + "\\n")
'''


def _load_scorer(bench: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_score", bench / "score.py")
    if spec is None or spec.loader is None:
        sys.exit(f"bench_split: no score.py in {bench}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _read(path: Path) -> list[Record]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _record(got: LineSplit) -> Record:
    segs = [{"text": s.text, "lang": s.lang} for s in got.segments]
    return {"segments": segs, "pairs": [list(p) for p in got.pairs],
            "pair_confidence": list(got.pair_confidence)}


def _ours(per_line: bool = False) -> Predictor:
    """Our splitter on a whole document (site lexicon, then ``split_lines``) or line by line."""
    splitter = Splitter()

    def predict(texts: list[str]) -> list[Record]:
        if per_line:
            return [_record(splitter.split_line(t)) for t in texts]
        site = splitter.site_lexicon([texts])
        return [_record(got) for got in splitter.split_lines(texts, site)]

    return predict


def _lingua() -> Predictor | None:
    try:
        from lingua import Language, LanguageDetectorBuilder
    except ImportError:
        return None
    names = {Language.ENGLISH: "en", Language.DUTCH: "nl", Language.CHINESE: "zh"}
    detector = LanguageDetectorBuilder.from_languages(*names).build()

    def one(text: str) -> Record:
        segs = [
            {"text": text[r.start_index : r.end_index].strip(), "lang": names[r.language]}
            for r in detector.detect_multiple_languages_of(text)
        ]
        segs = [s for s in segs if s["text"]]
        pairs = []
        for i, seg in enumerate(segs):
            if seg["lang"] != "en":
                continue
            for j in range(i + 1, len(segs)):
                if segs[j]["lang"] in ("nl", "zh"):
                    pairs.append([i, j])
                    break
                if segs[j]["lang"] == "en":
                    break
        return {"segments": segs, "pairs": pairs}

    def predict(texts: list[str]) -> list[Record]:
        return [one(t) for t in texts]

    return predict


def _run(
    systems: list[Predictor], gold: list[Record], repeat: int
) -> list[tuple[dict[str, Record], float]]:
    """Predictions and chars/s of each system; runs are interleaved, best of ``repeat``."""
    texts = [g["text"] for g in gold]
    chars = sum(len(t) for t in texts)
    best = [float("inf")] * len(systems)
    preds: list[list[Record]] = [[] for _ in systems]
    for _ in range(repeat):
        for n, predict in enumerate(systems):
            start = time.perf_counter()
            preds[n] = predict(texts)
            best[n] = min(best[n], time.perf_counter() - start)
    return [
        ({g["id"]: dict(p, id=g["id"]) for g, p in zip(gold, pred, strict=True)}, chars / t)
        for pred, t in zip(preds, best, strict=True)
    ]


def _row(name: str, system: str, res: Record, speed: float) -> str:
    return (
        f"| {name} | {system} | {res['char_lang_acc']:.4f} | {res['boundary_P_R_F1'][2]:.4f} "
        f"| {res['pair_P_R_F1'][2]:.4f} | {speed:,.0f} |"
    )


def _heldout(bench: Path, spec: str, n: int) -> tuple[str, list[Record]]:
    domains, _, seed = spec.partition(":")
    cmd = [sys.executable, str(bench / "make_concat.py"), "--domains", *domains.split(","),
           "--seed", seed or "1", "--n", str(n), "--prefix", "H"]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return f"heldout {domains} seed {seed or 1}", [json.loads(x) for x in out.splitlines() if x]


def _bands(scorer: ModuleType, gold: dict[str, Record], pred: dict[str, Record]) -> list[str]:
    """Right pairs / pairs of ours in each confidence band."""
    rows: list[tuple[float, bool]] = []
    for gid, record in pred.items():
        right = scorer.pairset(gold[gid])
        segs = record["segments"]
        for (a, b), confidence in zip(record["pairs"], record["pair_confidence"], strict=True):
            x, y = sorted((scorer.norm(segs[a]["text"]), scorer.norm(segs[b]["text"])))
            rows.append((confidence, (gid, x, y) in right))
    cells = []
    for lo, hi in itertools.pairwise(BANDS):
        sel = [ok for c, ok in rows if lo <= c < hi]
        if sel:
            cells.append(f"{lo:.2f}–{min(hi, 1.0):.2f}: {sum(sel)}/{len(sel)} "
                         f"= {sum(sel) / len(sel):.3f}")
    return cells


def _timed(splitter: Splitter, lines: list[str]) -> float:
    """Best of seven runs, in seconds of this process's CPU time (other jobs on the machine
    disturb it less than wall time)."""
    best = float("inf")
    for _ in range(7):
        start = time.process_time()
        splitter.split_lines(lines)
        best = min(best, time.process_time() - start)
    return best


def _scaling(texts: list[str]) -> list[tuple[str, float, float]]:
    """Seconds for 1x and 10x input: one long line, and a document of many lines.

    The 1x input is every tenth line, so that it holds the same mix as the 10x one.
    """
    splitter = Splitter()
    big = " ".join(texts)
    small = " ".join(texts[::10])
    splitter.split_lines([*texts, big, small])
    long_line = (_timed(splitter, [small]), _timed(splitter, [big]))
    many = (_timed(splitter, texts[::10]), _timed(splitter, texts))
    return [("one long line", *long_line), ("many lines", *many)]


def _env(tmp: Path | None = None) -> dict[str, str]:
    """The environment of the processes we start; with ``tmp``, bytecode and the word data
    cache are kept there (as an installed package keeps its bytecode)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    if tmp is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
        env["LOCALIZE_CACHE_DIR"] = str(tmp / "cache")
    return env


class Timing(NamedTuple):
    """Seconds of one command: the first (cold) run, and the best of the others, wall and CPU."""

    cold: float
    wall: float
    cpu: float


def _time_run(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _processes(texts: list[str], repeat: int, lingua: bool,
               revision: str | None = None) -> dict[str, Timing]:
    """``localize split FILE``, the same from the splitter's sources when it is compiled,
    optionally the same command of a git ``revision`` (from its sources), and (with
    ``lingua``) a lingua process on the same file.

    Each command runs once cold (no bytecode, no word data cache), then ``repeat``
    times more, interleaved, with both kept as an installation keeps them.
    """
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        page = tmp / "page.txt"
        page.write_text("\n".join(texts) + "\n", encoding="utf-8")
        script = tmp / "lingua_split.py"
        script.write_text(LINGUA_SCRIPT, encoding="utf-8")
        split = [sys.executable, "-m", "localize", "split", str(page), "--format", "jsonl"]
        env = _env(tmp)
        commands = {"localize": (split, env)}
        if RUNS_AS == "compiled":  # the same code from its sources, to show what compiling gives
            commands["sources"] = (split, {**env, "LOCALIZE_SPLITTER": "source"})
        if revision is not None:
            commands[revision] = (split, {**env, "PYTHONPATH": str(_export(revision, tmp))})
        if lingua:
            commands["lingua"] = ([sys.executable, str(script), str(page)], env)
        cold = {name: _time_run(*command)[0] for name, command in commands.items()}
        best = dict.fromkeys(commands, (float("inf"), float("inf")))
        for _ in range(repeat):
            for name, command in commands.items():
                wall, cpu = _time_run(*command)
                best[name] = (min(best[name][0], wall), min(best[name][1], cpu))
    return {name: Timing(cold[name], *best[name]) for name in commands}


def _export(revision: str, into: Path) -> Path:
    """The ``src`` folder of a git revision of this repository, written under ``into``."""
    target = into / f"rev-{revision}"
    target.mkdir()
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", revision, "src"], check=True,
                             capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target / "src"


def _end_to_end(scorer: ModuleType, gold: list[Record], threshold: float) -> dict[str, float]:
    """The gold lines as one page through ``localize extract``: the Dutch catalog, judged."""
    want: set[tuple[str, str]] = set()
    for record in gold:
        segs = record["segments"]
        for a, b in record["pairs"]:
            langs = {segs[a]["lang"]: segs[a]["text"], segs[b]["lang"]: segs[b]["text"]}
            if set(langs) == {"en", "nl"}:
                want.add((scorer.norm(langs["en"]), scorer.norm(langs["nl"])))
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        (project / "site").mkdir()
        (project / "site" / "page.txt").write_text(
            "\n".join(g["text"] for g in gold) + "\n", encoding="utf-8")
        (project / "localize.toml").write_text(
            f'sources = ["site"]\npage_confidence = {threshold}\n', encoding="utf-8")
        subprocess.run([sys.executable, "-m", "localize", "extract"], cwd=project, check=True,
                       stdout=subprocess.DEVNULL, env=_env())
        # the Dutch catalog of the English texts: one catalog per source language
        text = (project / "locales" / "nl" / "LC_MESSAGES" / "messages-en.po").read_text("utf-8")
    catalog = read_po(text)
    if catalog.source_lang != "en":
        sys.exit(f"bench_split: the Dutch catalog of English texts says {catalog.source_lang}")
    finished: set[tuple[str, str]] = set()
    fuzzy: set[tuple[str, str]] = set()
    suggested: set[tuple[str, str]] = set()
    for entry in catalog.entries:
        if entry.obsolete or not entry.msgstr:
            continue
        key = (scorer.norm(entry.msgid), scorer.norm(entry.msgstr))
        (fuzzy if entry.fuzzy else finished).add(key)
        if entry.fuzzy and any(c.startswith(PAGE_SUGGESTION) for c in entry.translator_comments):
            suggested.add(key)
    right = finished & want
    return {"finished": len(finished), "right": len(right), "gold": len(want),
            "precision": len(right) / len(finished) if finished else 0.0,
            "coverage": len(right) / len(want) if want else 0.0,
            "fuzzy_gold": len((fuzzy & want) - finished),
            "missing": len(want - finished - fuzzy),
            "suggested": len(suggested), "suggested_right": len(suggested & want)}


def _report_processes(label: str, lines: list[str], args: argparse.Namespace,
                      peer: Predictor | None) -> list[str]:
    """Print the whole-process times on one file; return the speed target if missed."""
    got = _processes(lines, args.repeat, peer is not None, args.same_as)
    chars = sum(len(t) + 1 for t in lines)
    print(f"\nwhole processes, {label} ({len(lines)} lines, {chars:,} chars), best of "
          f"{args.repeat} after a cold run:")
    lingua = got.get("lingua")
    for name, timing in got.items():
        versus = (f"; lingua / this: {lingua.wall / timing.wall:.2f}x "
                  f"(CPU {lingua.cpu / timing.cpu:.2f}x)" if lingua and name != "lingua" else "")
        what = {"localize": f"localize split ({RUNS_AS})", "lingua": "lingua",
                "sources": "localize split (its sources)"}.get(name, f"localize split at {name}")
        print(f"- {what}: {timing.wall:.3f} s (CPU {timing.cpu:.3f} s, cold {timing.cold:.2f} s)"
              f"{versus}")
    if lingua is not None and lingua.wall / got["localize"].wall < SPEED_TARGET:
        return [f"speed, {label}: {lingua.wall / got['localize'].wall:.2f}x lingua "
                "(whole processes)"]
    return []


SAME_SCRIPT = '''
import json, sys, time
from localize.splitting import Splitter
sets = json.load(open(sys.argv[1], encoding="utf-8"))
out = open(sys.argv[2], "w", encoding="utf-8") if sys.argv[2] != "-" else None
speed = {}
for name, texts in sets:
    splitter = Splitter()
    explained = splitter.explain_lines(texts, splitter.site_lexicon([texts]))
    for result, features in explained if out else ():
        record = {"set": name, "text": result.text,
                  "segments": [[s.text, s.lang, s.start, s.end] for s in result.segments],
                  "pairs": [list(p) for p in result.pairs],
                  "pair_confidence": [repr(c) for c in result.pair_confidence],
                  "features": [[repr(float(x)) for x in (f.margin, f.linked, f.unlinked,
                                                         f.capitals)] for f in features]}
        out.write(json.dumps(record, ensure_ascii=False) + "\\n")
    best = [float("inf"), float("inf")]
    for _ in range(3):
        for n, fresh in enumerate((False, True)):  # warm: as the table above measures
            start = time.perf_counter()
            if fresh:  # a new splitter: word data and every token's evidence to work out
                splitter = Splitter()
            splitter.split_lines(texts, splitter.site_lexicon([texts]))
            best[n] = min(best[n], time.perf_counter() - start)
    speed[name] = [sum(len(t) for t in texts) / b for b in best]
print(json.dumps(speed))
'''


def _same_as(revision: str, sets: list[tuple[str, list[Record]]]) -> list[str]:
    """Split every set with the splitter of a git revision and with this one; compare the
    results line for line (segments, pairs, confidences and the features behind them)."""
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        (tmp / "sets.json").write_text(json.dumps(
            [(name, [g["text"] for g in gold]) for name, gold in sets]), encoding="utf-8")
        (tmp / "same.py").write_text(SAME_SCRIPT, encoding="utf-8")
        versions = ((_export(revision, tmp), tmp / "old.jsonl"), (ROOT / "src", tmp / "new.jsonl"))
        speeds: list[dict[str, list[float]]] = [{}, {}]
        for turn in range(SPEED_TURNS):  # interleaved; the first turn also writes the results
            for n, (src, out) in enumerate(versions):
                env = {**_env(tmp), "PYTHONPATH": str(src)}
                done = subprocess.run(
                    [sys.executable, str(tmp / "same.py"), str(tmp / "sets.json"),
                     str(out) if turn == 0 else "-"],
                    check=True, env=env, capture_output=True, text=True)
                for name, speed in json.loads(done.stdout).items():
                    seen = speeds[n].get(name, [0.0, 0.0])
                    speeds[n][name] = [max(a, b) for a, b in zip(seen, speed, strict=True)]
        outputs = [out.read_text("utf-8").splitlines() for _, out in versions]
    old, new = outputs
    print(f"\nsame output as {revision}, line for line (segments, pairs, confidences, "
          f"features); in-process chars/s of each, best of {3 * SPEED_TURNS} (interleaved), "
          "warm (the splitter used before) and fresh (a new splitter each time):")
    missed = []
    for name, gold in sets:
        pairs = [(a, b) for a, b in zip(old, new, strict=True) if json.loads(a)["set"] == name]
        same = sum(a == b for a, b in pairs)
        (warm_old, fresh_old), (warm_new, fresh_new) = speeds[0][name], speeds[1][name]
        print(f"- {name}: {same}/{len(pairs)} lines identical; warm {revision} "
              f"{warm_old:,.0f} chars/s, now {warm_new:,.0f} ({warm_new / warm_old:.2f}x); "
              f"fresh {fresh_old:,.0f}, now {fresh_new:,.0f} ({fresh_new / fresh_old:.2f}x)")
        if same != len(pairs) or len(pairs) != len(gold):
            missed.append(f"same output as {revision}, {name}: {same}/{len(gold)} lines")
    return missed


def _arguments() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bench", type=Path, default=ROOT.parent / "shared" / "bench",
                    help="folder with score.py, make_concat.py and dev/ (default ../shared/bench)")
    ap.add_argument("--gold", type=Path, nargs="*", default=None,
                    help="gold files (default: " + " ".join(DEFAULT_GOLD)
                    + " and benchmarks/data/heldout*_site.jsonl)")
    ap.add_argument("--heldout", action="append", default=None, metavar="DOMAINS:SEED",
                    help="held-out set to build and score (default: "
                    + " and ".join(DEFAULT_HELDOUT) + ")")
    ap.add_argument("--no-heldout", action="store_true", help="score the gold files only")
    ap.add_argument("--n", type=int, default=300, help="lines per held-out set")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--no-lingua", action="store_true")
    ap.add_argument("--no-e2e", action="store_true", help="skip the end-to-end extract")
    ap.add_argument("--threshold", type=float, default=float(DEFAULTS["page_confidence"]),
                    help="page_confidence for the end-to-end extract (default: the setting's)")
    ap.add_argument("--per-line", action="store_true", help="also time split_line line by line")
    ap.add_argument("--dump", type=Path, help="write our predictions here (one file per set)")
    ap.add_argument("--same-as", metavar="REVISION",
                    help="check that the splitter of this git revision gives the same output, "
                    "line for line, on every set, and time its whole process too")
    return ap.parse_args()


def _set_name(bench: Path, path: Path) -> str:
    """How a gold file is named in the report: relative to the bench or to this repository."""
    for base in (bench, ROOT):
        if path.is_relative_to(base):
            return str(path.relative_to(base))
    return str(path)


def _missed(name: str, res: Record) -> list[str]:
    """The targets a set's scores miss."""
    want = TARGETS["dev" if name.startswith("dev/") or name.endswith("site.jsonl") else "other"]
    got = (res["char_lang_acc"], res["boundary_P_R_F1"][2], res["pair_P_R_F1"][2])
    labels = ("char_lang_acc", "boundary_f1", "pair_f1")
    return [f"{name}: {lab} {g:.4f} < {t}" for lab, g, t in zip(labels, got, want, strict=True)
            if g < t]


def _score_set(args: argparse.Namespace, scorer: ModuleType, name: str, gold: list[Record],
               systems: list[tuple[str, Predictor]]) -> tuple[list[str], list[str]]:
    """Print one set's rows; return the targets it misses and its confidence bands."""
    index = {g["id"]: g for g in gold}
    for _, predict in systems:
        predict([gold[0]["text"]])
    results = _run([p for _, p in systems], gold, args.repeat)
    missed = _missed(name, scorer.score(index, results[0][0]))
    for (system, _), (pred, speed) in zip(systems, results, strict=True):
        print(_row(name, system, scorer.score(index, pred), speed))
    if systems[-1][0] == "lingua":
        ratio = results[0][1] / results[-1][1]
        print(f"| {name} | speed ratio localize/lingua (in process) | | | | {ratio:.2f}x |")
    if args.dump:
        args.dump.mkdir(parents=True, exist_ok=True)
        dump = args.dump / (name.replace("/", "_").replace(" ", "_") + ".jsonl")
        with dump.open("w", encoding="utf-8") as fh:
            for rec in results[0][0].values():
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return missed, _bands(scorer, index, results[0][0])


def main() -> None:
    args = _arguments()
    scorer = _load_scorer(args.bench)
    golds = args.gold or [*(args.bench / name for name in DEFAULT_GOLD), *HELDOUT_SITE]
    sets = [(_set_name(args.bench, p), _read(p)) for p in golds]
    specs = [] if args.no_heldout else (args.heldout or DEFAULT_HELDOUT)
    sets += [_heldout(args.bench, spec, args.n) for spec in specs]
    systems: list[tuple[str, Predictor]] = [("localize", _ours())]
    if args.per_line:
        systems.append(("localize, line by line", _ours(per_line=True)))
    peer = None if args.no_lingua else _lingua()
    if peer is not None:
        systems.append(("lingua", peer))
    print("| set | system | char_lang_acc | boundary_f1 | pair_f1 | chars/s |")
    print("| --- | --- | --- | --- | --- | --- |")
    missed: list[str] = []
    calibration = []
    for name, gold in sets:
        got, cells = _score_set(args, scorer, name, gold, systems)
        missed += got
        calibration.append((name, cells))
    print("\npair precision by confidence band (right/pairs):")
    for name, cells in calibration:
        print(f"- {name}: " + " · ".join(cells))
    site = [gold for name, gold in sets if name.endswith("site.jsonl")]
    for name, gold in [] if args.no_e2e else sets:
        if not name.endswith("site.jsonl"):
            continue
        e2e = _end_to_end(scorer, gold, args.threshold)
        print(f"\nend to end, {name} (its lines as one page, localize extract, page_confidence "
              f"{args.threshold}): {e2e['finished']} finished page translations in nl, "
              f"{e2e['right']} right: precision {e2e['precision']:.3f}; coverage of the "
              f"{e2e['gold']} gold en–nl pairs {e2e['coverage']:.3f}; of the rest "
              f"{e2e['fuzzy_gold']} fuzzy, {e2e['missing']} missing; page suggestions "
              f"written {e2e['suggested']}, right {e2e['suggested_right']}")
        if e2e["precision"] < E2E_TARGETS[0] or e2e["coverage"] < E2E_TARGETS[1]:
            missed.append(f"end to end, {name}: precision {e2e['precision']:.3f}, "
                          f"coverage {e2e['coverage']:.3f}")
    texts = [g["text"] for _, gold in sets for g in gold]
    files = [("all the sets' lines as one file", texts)]
    files += [("the site lines as one page", [g["text"] for g in gold]) for gold in site[:1]]
    missed += [m for label, lines in files for m in _report_processes(label, lines, args, peer)]
    if args.same_as:
        missed += _same_as(args.same_as, sets)
    for what, small, big in _scaling(texts):
        print(f"scaling, {what}: 1x {small * 1000:.1f} ms, 10x {big * 1000:.1f} ms, "
              f"ratio {big / small:.2f} (limit 12)")
        if big > 12 * small:
            missed.append(f"scaling, {what}: {big / small:.2f}x")
    print("targets: all met" if not missed else "targets missed:\n  " + "\n  ".join(missed))
    sys.exit(1 if missed else 0)


if __name__ == "__main__":
    main()
