#!/usr/bin/env python3
"""Benchmark the splitter against lingua on the shared gold files and on held-out lines.

Scores both systems with the shared scorer (``score.py``) on the same lines in
the same run, times both (warm: models loaded, best of ``--repeat`` runs) and
checks that ten times the input takes at most twelve times the time.

Examples::

    python benchmarks/bench_split.py
    python benchmarks/bench_split.py --heldout glib20,bash,tar:7 --heldout systemd,wget,sed:11
    python benchmarks/bench_split.py --gold /tmp/other.jsonl --no-lingua

A held-out spec is ``DOMAIN,DOMAIN,...:SEED``; its lines are built with
``make_concat.py`` from those catalogs (use catalogs that ``dev/concat.jsonl``
was not built from). The script ends with the targets of issue 3 that were
missed, if any, and exits 1 then.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from localize.splitting import LineSplit, Splitter  # noqa: E402

Record = dict[str, Any]
Predictor = Callable[[list[str]], list[Record]]


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


def _ours(per_line: bool = False) -> Predictor:
    """Our splitter on a whole document (``split_lines``) or line by line."""
    splitter = Splitter()

    def record(got: LineSplit) -> Record:
        segs = [{"text": s.text, "lang": s.lang} for s in got.segments]
        return {"segments": segs, "pairs": [list(p) for p in got.pairs]}

    def predict(texts: list[str]) -> list[Record]:
        if per_line:
            return [record(splitter.split_line(t)) for t in texts]
        return [record(got) for got in splitter.split_lines(texts)]

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


def _timed(splitter: Splitter, lines: list[str]) -> float:
    """Best of three runs, in seconds."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        splitter.split_lines(lines)
        best = min(best, time.perf_counter() - start)
    return best


def _scaling(texts: list[str]) -> list[tuple[str, float, float]]:
    """Seconds for 1x and 10x input: one long line, and a document of many lines."""
    splitter = Splitter()
    big = " ".join(texts)
    splitter.split_lines([*texts, big])
    long_line = (_timed(splitter, [big[: len(big) // 10]]), _timed(splitter, [big]))
    many = (_timed(splitter, texts[::10]), _timed(splitter, texts))
    return [("one long line", *long_line), ("many lines", *many)]


def _startup() -> float:
    code = "from localize.splitting import split_line; split_line('Why it matters Waarom dit telt')"
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT,
                   env={"PYTHONPATH": str(ROOT / "src")})
    return time.perf_counter() - start


DEFAULT_HELDOUT = [
    "systemd,gettext-tools,grep,sed,findutils,diffutils:11",
    "appstream,gnutls30,libidn2,gdk-pixbuf,at-spi2-core,Linux-PAM:41",
]
# Targets of issue 3: (char_lang_acc, boundary_f1, pair_f1); seeds, then every other set.
TARGETS = {"seeds": (0.99, 0.95, 0.95), "other": (0.97, 0.90, 0.90)}


def _arguments() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bench", type=Path, default=ROOT.parent / "shared" / "bench",
                    help="folder with score.py, make_concat.py and dev/ (default ../shared/bench)")
    ap.add_argument("--gold", type=Path, nargs="*", default=None,
                    help="gold files (default: dev/seeds.jsonl dev/concat.jsonl)")
    ap.add_argument("--heldout", action="append", default=None, metavar="DOMAINS:SEED",
                    help="held-out set to build and score (default: "
                    + " and ".join(DEFAULT_HELDOUT) + ")")
    ap.add_argument("--no-heldout", action="store_true", help="score the gold files only")
    ap.add_argument("--n", type=int, default=300, help="lines per held-out set")
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--no-lingua", action="store_true")
    ap.add_argument("--per-line", action="store_true", help="also time split_line line by line")
    ap.add_argument("--dump", type=Path, help="write our predictions here (one file per set)")
    return ap.parse_args()


def _missed(name: str, res: Record) -> list[str]:
    """The targets a set's scores miss."""
    want = TARGETS["seeds" if "seeds" in name else "other"]
    got = (res["char_lang_acc"], res["boundary_P_R_F1"][2], res["pair_P_R_F1"][2])
    labels = ("char_lang_acc", "boundary_f1", "pair_f1")
    return [f"{name}: {lab} {g:.4f} < {t}" for lab, g, t in zip(labels, got, want, strict=True)
            if g < t]


def _score_set(args: argparse.Namespace, scorer: ModuleType, name: str, gold: list[Record],
               systems: list[tuple[str, Predictor]]) -> list[str]:
    """Print one set's rows; return the targets it misses."""
    index = {g["id"]: g for g in gold}
    for _, predict in systems:
        predict([gold[0]["text"]])
    results = _run([p for _, p in systems], gold, args.repeat)
    missed = _missed(name, scorer.score(index, results[0][0]))
    for (system, _), (pred, speed) in zip(systems, results, strict=True):
        print(_row(name, system, scorer.score(index, pred), speed))
    if systems[-1][0] == "lingua":
        ratio = results[0][1] / results[-1][1]
        print(f"| {name} | speed ratio localize/lingua | | | | {ratio:.2f}x |")
        if ratio < 1.0:
            missed.append(f"{name}: speed {ratio:.2f}x lingua")
    if args.dump:
        args.dump.mkdir(parents=True, exist_ok=True)
        dump = args.dump / (name.replace("/", "_").replace(" ", "_") + ".jsonl")
        with dump.open("w", encoding="utf-8") as fh:
            for rec in results[0][0].values():
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return missed


def main() -> None:
    args = _arguments()
    scorer = _load_scorer(args.bench)
    golds = args.gold or [args.bench / "dev" / "seeds.jsonl", args.bench / "dev" / "concat.jsonl"]
    sets = [(str(p.relative_to(args.bench)) if p.is_relative_to(args.bench) else str(p), _read(p))
            for p in golds]
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
    missed = [m for name, gold in sets for m in _score_set(args, scorer, name, gold, systems)]
    texts = [g["text"] for _, gold in sets for g in gold]
    print()
    for what, small, big in _scaling(texts):
        print(f"scaling, {what}: 1x {small * 1000:.1f} ms, 10x {big * 1000:.1f} ms, "
              f"ratio {big / small:.2f} (limit 12)")
        if big > 12 * small:
            missed.append(f"scaling, {what}: {big / small:.2f}x")
    print(f"startup (new process, import + first line): {_startup():.2f} s")
    print("targets: all met" if not missed else "targets missed:\n  " + "\n  ".join(missed))
    sys.exit(1 if missed else 0)


if __name__ == "__main__":
    with tempfile.TemporaryDirectory():
        main()
