#!/usr/bin/env python3
"""Fit the splitter's pair confidence and report its calibration.

Runs the splitter over gold files of the shared benchmark, records the
features of every pair it finds (:class:`localize.splitting.confidence.PairFeatures`)
and whether the pair is right (the benchmark's own pair matching), fits a
logistic regression (Newton's method, a little L2) and prints the
coefficients to paste into ``CALIBRATION``, then the share of right pairs in
each confidence band for every set, with the current and with the fitted
coefficients.

Examples::

    python tools/build_split_confidence.py
    python tools/build_split_confidence.py --fit dev/site.jsonl --heldout glib20,bash,tar,wget:7
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from localize.splitting import Splitter  # noqa: E402
from localize.splitting.confidence import CALIBRATION, Calibration, PairFeatures  # noqa: E402

Record = dict[str, Any]
BANDS = (0.0, 0.5, 0.7, 0.8, 0.9, 0.95, 0.98, 1.0001)
FIT = ("dev/site.jsonl", "dev/seeds.jsonl", "dev/concat.jsonl")
FIT_HELDOUT = ("glib20,bash,tar,wget:7", "libc,polkit-1,avahi,make,shadow,gstreamer-1.0:23")


def load_scorer(bench: Path) -> ModuleType:
    """The benchmark's ``score.py`` as a module."""
    spec = importlib.util.spec_from_file_location("bench_score", bench / "score.py")
    if spec is None or spec.loader is None:
        sys.exit(f"build_split_confidence: no score.py in {bench}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def heldout(bench: Path, spec: str, n: int = 300) -> list[Record]:
    """Lines built by ``make_concat.py`` from ``DOMAIN,...:SEED``."""
    domains, _, seed = spec.partition(":")
    cmd = [sys.executable, str(bench / "make_concat.py"), "--domains", *domains.split(","),
           "--seed", seed or "1", "--n", str(n), "--prefix", "H"]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return [json.loads(x) for x in out.splitlines() if x]


def observe(splitter: Splitter, scorer: ModuleType,
            gold: list[Record]) -> list[tuple[PairFeatures, bool]]:
    """Every pair the splitter finds in ``gold``'s lines: its features and whether it is right.

    The lines are one document, with the site lexicon built from them, as
    ``localize split`` reads a file.
    """
    found = []
    texts = [g["text"] for g in gold]
    explained = splitter.explain_lines(texts, splitter.site_lexicon([texts]))
    for record, (result, features) in zip(gold, explained, strict=True):
        right = scorer.pairset(record)
        for (a, b), feats in zip(result.pairs, features, strict=True):
            x, y = sorted((scorer.norm(result.segments[a].text),
                           scorer.norm(result.segments[b].text)))
            found.append((feats, (record["id"], x, y) in right))
    return found


def fit(rows: list[tuple[PairFeatures, bool]], l2: float = 0.01) -> Calibration:
    """Logistic regression by Newton's method."""
    x = np.array([[1.0, *f.vector()] for f, _ in rows])
    y = np.array([1.0 if ok else 0.0 for _, ok in rows])
    w = np.zeros(x.shape[1])
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        grad = x.T @ (p - y) + l2 * np.r_[0.0, w[1:]]
        hess = x.T @ (x * (p * (1 - p))[:, None]) + l2 * np.diag(np.r_[0.0, np.ones(len(w) - 1)])
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return Calibration(round(float(w[0]), 3), tuple(round(float(v), 3) for v in w[1:]))


def bands(rows: list[tuple[PairFeatures, bool]], calibration: Calibration) -> str:
    """Right pairs / pairs in each confidence band."""
    cells = []
    for lo, hi in itertools.pairwise(BANDS):
        sel = [ok for f, ok in rows if lo <= calibration.confidence(f) < hi]
        if sel:
            cells.append(f"[{lo:.2f}, {min(hi, 1.0):.2f}]: {sum(sel)}/{len(sel)} "
                         f"({sum(sel) / len(sel):.3f})")
    return " · ".join(cells)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bench", type=Path, default=ROOT.parent / "shared" / "bench")
    ap.add_argument("--fit", nargs="*", default=list(FIT), help="gold files to fit on")
    ap.add_argument("--heldout", action="append", default=None, metavar="DOMAINS:SEED",
                    help="held-out sets to fit on as well (default: seeds 7 and 23)")
    ap.add_argument("--check", action="append", default=[], metavar="DOMAINS:SEED",
                    help="held-out sets only to report on")
    args = ap.parse_args()
    scorer = load_scorer(args.bench)
    splitter = Splitter()
    sets: list[tuple[str, list[tuple[PairFeatures, bool]], bool]] = []
    for name in args.fit:
        path = Path(name) if Path(name).is_absolute() else args.bench / name
        gold = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x]
        sets.append((name, observe(splitter, scorer, gold), True))
    for spec in args.heldout or list(FIT_HELDOUT):
        rows = observe(splitter, scorer, heldout(args.bench, spec))
        sets.append((f"held-out {spec}", rows, True))
    for spec in args.check:
        sets.append((f"held-out {spec} (check)",
                     observe(splitter, scorer, heldout(args.bench, spec)), False))
    fitted = fit([row for _, rows, used in sets if used for row in rows])
    print(f"fitted: {fitted!r}")
    for label, calibration in (("current", CALIBRATION), ("fitted", fitted)):
        print(f"\n{label}:")
        for name, rows, _ in sets:
            print(f"  {name}: {bands(rows, calibration)}")


if __name__ == "__main__":
    main()
