"""What the translation benchmarks share: test sentences with placeholders, and scoring a
placeholder strategy on a model.

For one engine and one strategy, :func:`score_strategy` reports, over a set of
source texts: *survival* (the share of texts whose every stand-in came back
exactly once and in order) and *written* (the share that also passed post-editing
and the invariant, so would be written to a catalog). :func:`score_cascade` runs
the strategy chain ``fill_catalog`` picks for the model and reports the share of
entries written and which strategy wrote them.
"""

from __future__ import annotations

import itertools
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from localize.catalogs.model import Catalog, Entry
from localize.mt.engine import Engine
from localize.mt.fill import decide, fill_catalog
from localize.mt.masking import mask_text
from localize.mt.strategy import CALIBRATED, decode, prepare
from localize.terms.glossary import Glossary, load_glossary

ROOT = Path(__file__).resolve().parent.parent
STRATEGIES = (*CALIBRATED, "segments")

# What stands in a mask slot of the test corpus (cycled), and the markup that wraps some.
SLOT_VALUES = ("%s", "{name}", "%(count)d", "OpenAI", "https://example.com/docs", "%d",
               "GPT-4", "{0}")
WRAP = ("<b>", "</b>")

# A page of the kind the site holds: do-not-translate names, format strings, markup, URLs.
PAGE = (
    "Read more about OpenAI",
    "%s new articles",
    "Welcome, {name}!",
    "Page %d of %d",
    "<b>Latest news</b>",
    "Click <a href=\"https://example.com/signup\">here</a> to continue.",
    "See https://example.com/docs for details.",
    "%(count)d minutes ago",
    "OpenAI released a new model.",
    "Search for {query}",
    "{user} wrote about GPT-4",
    "Save file",
    "Your password has been updated.",
    "No articles found",
    "Share this article",
    "Hello %(name)s",
    "<b>Save</b> file",
    "Delete {0}",
    "By <i>{author}</i>",
    "Subscribe to the newsletter",
)


def glossary() -> Glossary:
    """The project's glossary (its do-not-translate names are masked)."""
    return load_glossary(ROOT / "glossary")


def corpus_sentences(count: int, seed: int) -> list[str]:
    """Held-out sentences of the test corpus that carry masks, the masks made real placeholders.

    Mask slots take format strings, names and URLs in turn; a phrase the corpus wraps in
    a pair of masks is wrapped in ``<b>...</b>``.
    """
    sys.path.insert(0, str(ROOT / "tools"))
    from model_corpus import MAX_TRAINED_MASK, corpus, mask  # type: ignore[import-not-found]

    values = itertools.cycle(SLOT_VALUES)
    out: dict[str, None] = {}
    for triple in corpus(count * 40, seed):
        text = triple.en
        used = [i for i in range(MAX_TRAINED_MASK + 2) if mask(i) in text]
        if not used:
            continue
        wrapped = len(used) > 1 and text.startswith(mask(0)) and text.endswith(mask(used[-1]))
        for i in used:
            value = (WRAP[0] if i == 0 else WRAP[1]) if wrapped and i in (0, used[-1]) else (
                next(values))
            text = text.replace(mask(i), value)
        out.setdefault(text)
        if len(out) == count:
            break
    return list(out)


@dataclass(frozen=True)
class StrategyScore:
    strategy: str
    texts: int
    carrying: int  # texts whose engine inputs hold at least one placeholder or stand-in
    survived: int  # of those, every stand-in back exactly once, in order
    written: int  # of all texts, those that passed post-editing and the invariant

    @property
    def survival(self) -> float:
        return self.survived / self.carrying if self.carrying else 1.0

    @property
    def written_share(self) -> float:
        return self.written / self.texts


def score_strategy(engine: Engine, strategy: str, texts: Sequence[str],
                   terms: Glossary | None) -> StrategyScore:
    """Translate ``texts`` under one strategy (one batch) and score what came back."""
    source, target = engine.source, engine.target
    prepared = [prepare(mask_text(t, source=source, target=target, glossary=terms), strategy,
                        source) for t in texts]
    inputs = list(dict.fromkeys(i for p in prepared if p is not None for i in p.inputs))
    outputs = dict(zip(inputs, engine.translate(inputs), strict=True))
    carrying = survived = written = 0
    for p in prepared:
        if p is None:
            continue
        parts = [part for part in p.parts if part.input is not None]
        if any(part.slots for part in parts) or (strategy == "segments" and p.masked.spans):
            carrying += 1
            survived += all(outputs[part.input].strip() and not decode(  # type: ignore[index]
                part, outputs[part.input], strategy, p.masked.spans).problems  # type: ignore
                for part in parts)
        outcome = decide(p, outputs, terms, (source, target))
        written += not (outcome.problems or outcome.failed)
    return StrategyScore(strategy, len(texts), carrying, survived, written)


@dataclass(frozen=True)
class CascadeScore:
    entries: int
    written: int
    left_for_review: int
    by_strategy: tuple[tuple[str, int], ...]
    strategies: tuple[str, ...]
    seconds: float


def score_cascade(engine: Engine, texts: Sequence[str], terms: Glossary | None) -> CascadeScore:
    """Fill a catalog of ``texts`` as ``localize translate`` does; what share is written."""
    catalog = Catalog(entries=[Entry(t, auto_comments=[f"lang: {engine.source}"])
                               for t in dict.fromkeys(texts)])
    start = time.perf_counter()
    report = fill_catalog(catalog, target=engine.target, engine_for=lambda s, t: engine,
                          glossary=terms)
    return CascadeScore(len(catalog), report.filled, report.left_for_review,
                        report.by_strategy, report.strategies, time.perf_counter() - start)


def print_scores(label: str, scores: Sequence[StrategyScore], cascade: CascadeScore) -> None:
    print(f"  {label}: {scores[0].texts} texts")
    for s in scores:
        print(f"    {s.strategy:<9} placeholders survived {s.survival:6.1%} "
              f"({s.survived}/{s.carrying} texts carrying them)   written {s.written_share:6.1%}")
    shown = ", ".join(f"{k} {v}" for k, v in cascade.by_strategy)
    print(f"    as `localize translate` runs it: written {cascade.written}/{cascade.entries} "
          f"({cascade.written / cascade.entries:.1%}; {shown}), left for review "
          f"{cascade.left_for_review}")
    for line in cascade.strategies:
        print(f"      {line}")
