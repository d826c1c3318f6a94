"""Opt-in benchmark for REAL Argos Translate packages: placeholders, names and speed.

For users who have installed the real packages (``localize models install
translate-en_nl translate-zh_en``, or ``argospm``): for each en→nl and zh→en
package in ``--models-dir`` it reports

* whether the model's vocabulary holds the mask tokens (the probe), and what the
  calibration run chooses;
* per placeholder strategy: the share of sentences whose placeholders came back
  exact and in order, and the share that would be written;
* names kept (do-not-translate names present verbatim in what is written);
* the share of a site-like page ``localize translate`` writes, and its throughput.

Never part of the tests. localize's own test models are refused (they are tiny
TEST models: their figures are no real-model rates); ``bench_translate.py``
measures those.

Run: python benchmarks/bench_real_models.py --models-dir ~/.local/share/argos-translate/packages
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from localize.catalogs.model import Catalog, Entry
from localize.mt.engine import CTranslate2Engine
from localize.mt.fill import fill_catalog
from localize.mt.masking import mask_text
from localize.mt.models import ModelInfo, list_models
from localize.mt.strategy import knows_masks

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

# Chinese sentences of the site's kind for zh→en (names, placeholders, markup, URLs).
PAGE_ZH = (
    "阅读更多关于OpenAI的内容", "%s篇新文章", "欢迎，{name}！", "第%d页，共%d页", "<b>最新新闻</b>",
    "请访问 https://example.com/docs 了解详情。", "%(count)d分钟前", "OpenAI发布了新模型。",
    "搜索{query}", "{user}写了关于GPT-4的文章", "保存文件", "您的密码已更新。", "未找到文章",
    "分享这篇文章", "你好%(name)s", "<b>保存</b>文件", "删除{0}", "订阅新闻简报",
    "谷歌和DeepMind发布了Gemini。", "点击<a href=\"/x\">这里</a>继续。",
)
WANTED = (("en", "nl"), ("zh", "en"))


def _is_test_model(model: ModelInfo) -> bool:
    try:
        meta = json.loads((model.path / "metadata.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return "test model" in str(meta.get("description", "")).lower()


def _names_kept(texts: list[str], engine: CTranslate2Engine) -> tuple[int, int]:
    """(names in the sources, of those present verbatim in what is written)."""
    terms = glossary()
    catalog = Catalog(entries=[Entry(t, auto_comments=[f"lang: {engine.source}"])
                               for t in dict.fromkeys(texts)])
    fill_catalog(catalog, target=engine.target, engine_for=lambda s, t: engine, glossary=terms)
    total = kept = 0
    for entry in catalog.entries:
        names = [s.source for s in mask_text(entry.msgid, source=engine.source,
                                             target=engine.target, glossary=terms).spans
                 if s.kind == "name"]
        total += len(names)
        kept += sum(1 for n in names if entry.msgstr and n in entry.msgstr)
    return total, kept


def bench(model: ModelInfo, held_out: int) -> dict[str, Any]:
    engine = CTranslate2Engine(model)
    terms = glossary()
    texts = list(PAGE_ZH) if model.source == "zh" else (
        corpus_sentences(held_out, 99) + list(PAGE))
    print(f"{model.name} ({model.pair}, version {model.package_version or '?'}): "
          f"the vocabulary {'holds' if knows_masks(engine) else 'lacks'} the mask tokens")
    scores = [score_strategy(engine, s, texts, terms) for s in STRATEGIES]
    cascade = score_cascade(engine, texts, terms)
    print_scores("sentences with placeholders and names", scores, cascade)
    names, kept = _names_kept(texts, engine)
    print(f"    names kept verbatim in what is written: {kept} of {names}")
    start = time.perf_counter()
    plain = [t for t in texts if "%" not in t and "{" not in t and "<" not in t]
    engine.translate(plain)
    rate = len(plain) / (time.perf_counter() - start)
    print(f"    throughput: {rate:.1f} sentences/s ({len(plain)} plain sentences, one batch)")
    return {"model": model.name, "pair": model.pair, "knows_masks": knows_masks(engine),
            "survival": {s.strategy: s.survival for s in scores},
            "written": {s.strategy: s.written_share for s in scores},
            "chain_written": cascade.written / cascade.entries,
            "chain_by_strategy": dict(cascade.by_strategy),
            "names": names, "names_kept": kept, "sentences_per_s": rate}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models-dir", type=Path, required=True,
                        help="Folder holding the real packages (e.g. Argos's packages folder).")
    parser.add_argument("--held-out", type=int, default=150)
    parser.add_argument("--json", type=Path, help="Write the figures here too.")
    parser.add_argument("--check-with-test-models", action="store_true",
                        help="Run on localize's test models too, to check this script works "
                             "(their figures are no real-model rates).")
    args = parser.parse_args()
    models = [m for m in list_models(args.models_dir) if (m.source, m.target) in WANTED]
    tests = [] if args.check_with_test_models else [m for m in models if _is_test_model(m)]
    if args.check_with_test_models:
        print("CHECKING THE SCRIPT ON TEST MODELS: these figures are not real-model rates\n")
    for m in tests:
        print(f"skipping {m.name}: a localize TEST model, not a real package", file=sys.stderr)
    models = [m for m in models if m not in tests]
    if not models:
        sys.exit(f"no real en→nl or zh→en package in {args.models_dir}; install them with "
                 "`localize models install translate-en_nl translate-zh_en`")
    figures = [bench(m, args.held_out) for m in models]
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
