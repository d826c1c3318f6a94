"""Benchmark: localize's engine vs argostranslate vs one raw CTranslate2 call, same model.

One run, the same package (``tests/fixtures/models/translate-en_nl-1_0.argosmodel``
unless ``--model``) and the same sentences:

* **localize**: ``CTranslate2Engine.translate`` over all sentences (one batch);
* **argostranslate**: its per-string ``translate()``, run in its own virtual
  environment (``--argos-python``; install with ``pip install argostranslate``)
  as a subprocess, with its sentence splitter replaced by "the whole string is
  one sentence" (the splitter would download a model first) and its default
  thread settings, then again with ``ARGOS_INTRA_THREADS=1``;
* **raw**: ``ctranslate2.Translator.translate_batch`` over all pre-tokenized
  sentences with the same thread settings, the floor for any wrapper.

Reports the share of outputs identical to argostranslate's, sentences per
second, and the ratios. ``--threads`` also times the localize engine for several
``intra_threads``/``inter_threads``/batch settings.

Then, for both en→nl test models (the taught one and the mask-naive one, which
was never shown a mask token), placeholders per strategy: over held-out corpus
sentences whose masks are made real placeholders, names and URLs, and over a
site-like page, the share whose placeholders survived each strategy, the share
that would be written, and the same for the strategy chain ``localize translate``
picks for the model. These are TEST models: the figures show how the strategies
behave, not what a real model does (``bench_real_models.py`` measures real ones).

Run: python benchmarks/bench_translate.py [--sentences 400] [--argos-python PATH] [--threads]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from localize.mt.engine import (
    BEAM_SIZE,
    LENGTH_PENALTY,
    CTranslate2Engine,
    DecodeSettings,
    default_threads,
)
from localize.mt.models import ModelInfo, install

sys.path.insert(0, str(Path(__file__).resolve().parent))
from mtcases import (
    PAGE,
    STRATEGIES,
    corpus_sentences,
    glossary,
    print_scores,
    score_cascade,
    score_strategy,
)

ROOT = Path(__file__).resolve().parent.parent
OPTIONS = {"repeat": 3}  # every timing is the best of this many runs (the machine is shared)
FIXTURES = ROOT / "tests" / "fixtures" / "models"
DEFAULT_MODEL = FIXTURES / "translate-en_nl-1_0.argosmodel"
NAIVE_MODEL = FIXTURES / "translate-en_nl-naive-1_0.argosmodel"

ARGOS_RUNNER = r"""
import json, os, sys, time
t0 = time.perf_counter()
from argostranslate import package, sbd, translate
imported = time.perf_counter() - t0
# No sentence splitting: each string is one sentence (the splitters need downloads).
for cls in (sbd.MiniSBDSentencizer, sbd.StanzaSentencizer, sbd.SpacySentencizerSmall):
    cls.split_sentences = lambda self, text: [text]
package.install_from_path(sys.argv[1])
sentences = json.load(open(sys.argv[2], encoding="utf-8"))
tr = translate.get_translation_from_codes(sys.argv[3], sys.argv[4])
tr.translate("warm up")
seconds = float("inf")
for _ in range(int(sys.argv[5])):
    start = time.perf_counter()
    out = [tr.translate(s) for s in sentences]
    seconds = min(seconds, time.perf_counter() - start)
json.dump({"outputs": out, "seconds": seconds, "import_seconds": imported}, sys.stdout)
"""


def sentences(count: int, seed: int) -> list[str]:
    """Distinct source sentences of the kind the test model knows (argos caches repeats)."""
    sys.path.insert(0, str(ROOT / "tools"))
    from model_corpus import corpus  # type: ignore[import-not-found]

    seen: dict[str, None] = {}
    for triple in corpus(count * 20, seed):
        if "⟦" not in triple.en:
            seen.setdefault(triple.en)
        if len(seen) == count:
            break
    return list(seen)


def run_localize(model: ModelInfo, texts: list[str],
                 settings: DecodeSettings) -> tuple[list[str], float]:
    engine = CTranslate2Engine(model, settings)
    engine.translate(["warm up"])
    best, out = float("inf"), []
    for _ in range(OPTIONS["repeat"]):
        start = time.perf_counter()
        out = engine.translate(texts)
        best = min(best, time.perf_counter() - start)
    return out, best


def run_pair(model: ModelInfo, texts: list[str]) -> tuple[list[str], float, list[str], float]:
    """localize and one raw ``translate_batch``, timed alternately (best of N each).

    The raw call gets pre-tokenized input: tokenizing and decoding are not timed
    for it, while localize's time includes both.
    """
    import ctranslate2
    import sentencepiece

    engine = CTranslate2Engine(model, DecodeSettings())
    engine.translate(["warm up"])
    sp = sentencepiece.SentencePieceProcessor(model_file=str(model.sentencepiece))
    inter, intra = default_threads()  # the same thread settings as localize's
    tr = ctranslate2.Translator(str(model.model_dir), device="cpu", compute_type="auto",
                                inter_threads=inter, intra_threads=intra)
    tokens = [sp.encode(t, out_type=str) for t in texts]
    tr.translate_batch([sp.encode("warm up", out_type=str)])
    t_ours = t_raw = float("inf")
    ours, res = [], []
    for _ in range(OPTIONS["repeat"]):
        start = time.perf_counter()
        ours = engine.translate(texts)
        t_ours = min(t_ours, time.perf_counter() - start)
        start = time.perf_counter()
        res = tr.translate_batch(tokens, beam_size=BEAM_SIZE, length_penalty=LENGTH_PENALTY,
                                 replace_unknowns=True, max_batch_size=32)
        t_raw = min(t_raw, time.perf_counter() - start)
    raw = [sp.decode_pieces(r.hypotheses[0]) for r in res]
    return ours, t_ours, [o[1:] if o.startswith(" ") else o for o in raw], t_raw


def run_argos(python: str, archive: Path, texts: list[str], source: str, target: str,
              intra_threads: str | None) -> dict[str, Any] | None:
    if not Path(python).exists():
        print(f"argostranslate: {python} not found; skipped", file=sys.stderr)
        return None
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "HOME": home, "XDG_DATA_HOME": f"{home}/data",
               "XDG_CONFIG_HOME": f"{home}/config", "XDG_CACHE_HOME": f"{home}/cache",
               "ARGOS_PACKAGES_DIR": f"{home}/packages", "ARGOS_DEVICE_TYPE": "cpu"}
        if intra_threads is not None:
            env["ARGOS_INTRA_THREADS"] = intra_threads
        data = Path(home) / "sentences.json"
        data.write_text(json.dumps(texts), encoding="utf-8")
        proc = subprocess.run(
            [python, "-c", ARGOS_RUNNER, str(archive), str(data), source, target,
             str(OPTIONS["repeat"])],
            capture_output=True, text=True, env=env, check=False)
    if proc.returncode != 0:
        print(f"argostranslate failed:\n{proc.stderr[-2000:]}", file=sys.stderr)
        return None
    result: dict[str, Any] = json.loads(proc.stdout)
    return result


def identical(a: list[str], b: list[str]) -> float:
    return sum(x == y for x, y in zip(a, b, strict=True)) / len(a)


def thread_table(model: ModelInfo, texts: list[str]) -> list[dict[str, Any]]:
    rows = []
    for intra, inter, batch, btype in [(0, 1, 32, "examples"), (1, 1, 32, "examples"),
                                       (2, 1, 32, "examples"), (0, 2, 32, "examples"),
                                       (1, 2, 32, "examples"), (1, 2, 32, "tokens"),
                                       (1, 2, 64, "examples")]:
        settings = DecodeSettings(intra_threads=intra, inter_threads=inter,
                                  max_batch_size=batch, batch_type=btype)
        _, seconds = run_localize(model, texts, settings)
        rows.append({"intra_threads": intra, "inter_threads": inter, "max_batch_size": batch,
                     "batch_type": btype, "sentences_per_s": len(texts) / seconds})
    return rows


def strategy_figures(archive: Path, held_out: int) -> dict[str, Any]:
    """Placeholder survival per strategy and the share written, on one test model."""
    terms = glossary()
    with tempfile.TemporaryDirectory() as tmp:
        model = install(archive, Path(tmp))
        engine = CTranslate2Engine(model)
        figures: dict[str, Any] = {"model": model.name}
        print(f"placeholders, {model.name} (a test model: {archive.name})")
        for label, texts in (("held-out corpus sentences", corpus_sentences(held_out, 99)),
                             ("site page", list(PAGE))):
            scores = [score_strategy(engine, s, texts, terms) for s in STRATEGIES]
            cascade = score_cascade(engine, texts, terms)
            print_scores(label, scores, cascade)
            figures[label] = {
                "texts": len(texts),
                "survival": {s.strategy: s.survival for s in scores},
                "written": {s.strategy: s.written_share for s in scores},
                "chain_written": cascade.written / cascade.entries,
                "chain_by_strategy": dict(cascade.by_strategy),
                "chain": list(cascade.strategies),
            }
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    parser.add_argument("--sentences", type=int, default=400)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--argos-python", default=os.environ.get(
        "ARGOS_PYTHON", "/work/argosenv/bin/python"))
    parser.add_argument("--threads", action="store_true", help="Also time thread settings.")
    parser.add_argument("--json", type=Path, help="Write the figures here too.")
    parser.add_argument("--repeat", type=int, default=3, help="Best of N runs.")
    parser.add_argument("--held-out", type=int, default=150,
                        help="Held-out sentences with placeholders per model.")
    parser.add_argument("--naive-model", type=Path, default=NAIVE_MODEL)
    parser.add_argument("--skip-speed", action="store_true", help="Only the placeholder figures.")
    args = parser.parse_args()
    OPTIONS["repeat"] = args.repeat

    placeholders = {"taught": strategy_figures(args.model, args.held_out),
                    "naive": strategy_figures(args.naive_model, args.held_out)}
    if args.skip_speed:
        if args.json:
            args.json.write_text(json.dumps({"placeholders": placeholders}, indent=2),
                                 encoding="utf-8")
        return
    texts = sentences(args.sentences, args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        model = install(args.model, Path(tmp))
        ours, t_ours, raw, t_raw = run_pair(model, texts)
        argos = run_argos(args.argos_python, args.model, texts, model.source, model.target, None)
        argos1 = run_argos(args.argos_python, args.model, texts, model.source, model.target, "1")
        threads = thread_table(model, texts) if args.threads else []

    n = len(texts)
    figures: dict[str, Any] = {
        "sentences": n, "model": model.name,
        "localize_per_s": n / t_ours, "raw_per_s": n / t_raw,
        "localize_vs_raw": t_raw / t_ours, "identical_to_raw": identical(ours, raw),
        "threads": threads, "placeholders": placeholders,
    }
    print(f"{n} sentences, model {model.name}")
    print(f"  localize (one batch)        {n / t_ours:9.1f} sentences/s")
    print(f"  raw CTranslate2 batch       {n / t_raw:9.1f} sentences/s "
          f"(localize at {t_raw / t_ours:.0%} of raw; identical output {identical(ours, raw):.1%})")
    for label, result in (("argostranslate (default)", argos),
                          ("argostranslate (intra=1)", argos1)):
        if result is None:
            continue
        rate, same = n / result["seconds"], identical(ours, result["outputs"])
        key = "argos" if result is argos else "argos_intra1"
        figures.update({f"{key}_per_s": rate, f"{key}_identical": same,
                        f"{key}_speedup": result["seconds"] / t_ours,
                        f"{key}_import_s": result["import_seconds"]})
        print(f"  {label:<27} {rate:9.1f} sentences/s (localize {result['seconds'] / t_ours:.1f}x "
              f"faster; identical output {same:.1%}; import {result['import_seconds']:.1f} s)")
    for row in threads:
        print("  threads intra={intra_threads} inter={inter_threads} batch={max_batch_size} "
              "{batch_type}: {sentences_per_s:.1f} sentences/s".format(**row))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
