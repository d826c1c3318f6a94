#!/usr/bin/env python3
"""Tune the splitter's weights by coordinate search on tuning sets of the shared benchmark.

The objective is the sum over the tuning sets of character accuracy,
boundary F1 and twice the pair F1 (``--weight-site`` counts ``dev/site.jsonl``
more). Each weight of :class:`localize.splitting.align.Weights` (and the name
costs of :mod:`localize.splitting.lexicon`) is multiplied in turn by a few
factors; a change is kept when the objective rises. The script prints the
weights it ends with and the scores of the check sets (held-out sets it did
not tune on) before and after, so a gain that does not carry over shows.

Example::

    python tools/build_split_weights.py --rounds 2
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_split_confidence import heldout, load_scorer  # noqa: E402

from localize.splitting import Splitter, lexicon  # noqa: E402
from localize.splitting.align import Weights  # noqa: E402

Record = dict[str, Any]
TUNE = ("dev/site.jsonl", "dev/seeds.jsonl", "dev/concat.jsonl")
TUNE_HELDOUT = ("glib20,bash,tar,wget:7", "libc,polkit-1,avahi,make,shadow,gstreamer-1.0:23")
CHECK_HELDOUT = (
    "systemd,gettext-tools,grep,sed,findutils,diffutils:11",
    "appstream,gnutls30,libidn2,gdk-pixbuf,at-spi2-core,Linux-PAM:41",
    "gettext-runtime,man-db,psmisc,xdg-user-dirs,adduser:31",
    "bash,libc,systemd,glib20,wget:53",
)
FACTORS = (0.5, 0.75, 1.25, 1.5)
NAME_KNOBS = ("NAME_BASE", "NAME_SLOPE")
SKIP = ("max_half",)


def scores(splitter: Splitter, scorer: Any, gold: list[Record]) -> tuple[float, float, float]:
    """Character accuracy, boundary F1 and pair F1 of the splitter on one set (one document)."""
    texts = [g["text"] for g in gold]
    results = splitter.split_lines(texts, splitter.site_lexicon([texts]))
    pred = {g["id"]: {"id": g["id"], "segments": [{"text": s.text, "lang": s.lang}
                                                  for s in r.segments],
                      "pairs": [list(p) for p in r.pairs]}
            for g, r in zip(gold, results, strict=True)}
    res = scorer.score({g["id"]: g for g in gold}, pred)
    return res["char_lang_acc"], res["boundary_P_R_F1"][2], res["pair_P_R_F1"][2]


def objective(splitter: Splitter, scorer: Any, sets: list[tuple[str, list[Record]]],
              site_weight: float) -> float:
    total = 0.0
    for name, gold in sets:
        acc, boundary, pair = scores(splitter, scorer, gold)
        total += (site_weight if name.endswith("site.jsonl") else 1.0) * (acc + boundary + 2 * pair)
    return total


def report(splitter: Splitter, scorer: Any, sets: list[tuple[str, list[Record]]]) -> None:
    for name, gold in sets:
        acc, boundary, pair = scores(splitter, scorer, gold)
        print(f"  {name}: {acc:.4f} / {boundary:.4f} / {pair:.4f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bench", type=Path, default=ROOT.parent / "shared" / "bench")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--weight-site", type=float, default=2.0)
    args = ap.parse_args()
    scorer = load_scorer(args.bench)
    tune = [(name, [json.loads(x) for x in (args.bench / name).read_text("utf-8").splitlines()
                    if x]) for name in TUNE]
    tune += [(f"held-out {spec}", heldout(args.bench, spec)) for spec in TUNE_HELDOUT]
    check = [(f"held-out {spec}", heldout(args.bench, spec)) for spec in CHECK_HELDOUT]
    splitter = Splitter()
    print("check sets before:")
    report(splitter, scorer, check)
    best = objective(splitter, scorer, tune, args.weight_site)
    print(f"objective {best:.4f}")
    for _ in range(args.rounds):
        improved = False
        for field in [name for name in Weights._fields if name not in SKIP]:
            for factor in FACTORS:
                old = splitter._weights
                splitter._weights = old._replace(**{field: getattr(old, field) * factor})
                got = objective(splitter, scorer, tune, args.weight_site)
                if got > best + 1e-6:
                    best, improved = got, True
                    print(f"{field} x{factor}: {best:.4f}")
                else:
                    splitter._weights = old
        for knob in NAME_KNOBS:
            for factor in FACTORS:
                old_value = getattr(lexicon, knob)
                setattr(lexicon, knob, old_value * factor)
                splitter._model._cache.clear()  # token information holds the name cost
                got = objective(splitter, scorer, tune, args.weight_site)
                if got > best + 1e-6:
                    best, improved = got, True
                    print(f"{knob} x{factor}: {best:.4f}")
                else:
                    setattr(lexicon, knob, old_value)
                    splitter._model._cache.clear()
        if not improved:
            break
    print(f"\nweights: {splitter._weights!r}")
    print("lexicon: " + ", ".join(f"{k} = {getattr(lexicon, k)!r}" for k in NAME_KNOBS))
    print("check sets after:")
    report(splitter, scorer, check)


if __name__ == "__main__":
    main()
