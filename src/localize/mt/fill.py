"""Filling a catalog's missing translations with machine translation.

Rules (docs/translate.md explains them):

* Only live entries with no translation are filled, plus machine translations
  whose source changed (after re-extract they are fuzzy with a
  ``previous_msgid``). A human translation (a msgstr without the ``# mt:``
  comment) is never touched.
* The text translated is the msgid. For a non-English source with a ``#. en:``
  English version, the English version is translated instead (en→target): it is
  a person's translation, better input than a first machine hop. Without one,
  a source with no direct model pivots through English.
* Three steps, kept apart so the middle one can run anywhere: *plan* (which
  entries, masked and cut into engine inputs under a placeholder strategy),
  *translate* (every input of a direction in one batch, through the translation
  memory), *decide* (read the outputs back, post-edit, check the invariant, write).
* Strategies are tried in turn (``strategy.py``: the masks a model was taught,
  else the stand-ins it copies best, then segments); an entry no strategy
  translates with its placeholders intact is left empty for a person, with a
  note saying why. Nothing that breaks a placeholder is written.
* Output is marked fuzzy (unless ``fuzzy=False``) and stamped (a
  ``# localize:mt:...`` comment, see :mod:`localize.catalogs.provenance`) after
  a note naming model and direction. An entry whose glossary terms the
  translation does not use says so in that note, and is always fuzzy.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from localize.catalogs.model import Catalog, Entry
from localize.catalogs.provenance import FINAL, FUZZY, MACHINE, REVIEW, Stamp
from localize.errors import ModelError
from localize.mt.engine import Engine, PivotEngine
from localize.mt.masking import Masked, mask_text, restore
from localize.mt.memory import CachedEngine, ChunkRunner, TranslationMemory
from localize.mt.postedit import check_translation, polish, respace, soft_problems
from localize.mt.strategy import (
    CALIBRATED,
    Prepared,
    decode,
    judge,
    knows_masks,
    memory_key,
    prepare,
    probe_inputs,
    probe_score,
)
from localize.terms.glossary import Glossary

__all__ = [
    "EngineFor",
    "FillReport",
    "Outcome",
    "Progress",
    "combine_reports",
    "decide",
    "fill_catalog",
]

log = logging.getLogger(__name__)

DEFAULT_SOURCE = "en"

EngineFor = Callable[[str, str], Engine]
Progress = Callable[[int, int], None]  # (texts done so far, texts in the run)


@dataclass(frozen=True)
class FillReport:
    """What a fill did (or, in a dry run, would do) to one catalog."""

    target: str
    filled: int = 0  # entries written, from the model or the memory
    from_memory: int = 0  # of those, found in the translation memory
    flagged: int = 0  # of those, marked for review (a glossary term not used)
    skipped_no_model: int = 0  # entries left empty: no model for their pair
    kept_human: int = 0  # human translations left as they are
    replaced: int = 0  # of the filled, stale machine translations redone
    failed: int = 0  # entries the model could not translate (left as they were)
    missing_models: tuple[str, ...] = ()  # one message per pair without a model
    dry_run: bool = False
    left_for_review: int = 0  # no strategy kept the placeholders: left empty, with a note
    by_strategy: tuple[tuple[str, int], ...] = ()  # entries written per strategy
    strategies: tuple[str, ...] = ()  # per direction, the strategies tried and why
    plurals: int = 0  # of the filled, plural entries (every form written, always fuzzy)


def combine_reports(reports: Sequence[FillReport]) -> FillReport:
    """One report for the catalogs of one locale: counts added, messages kept once."""
    first = reports[0]
    strategies: dict[str, int] = {}
    for report in reports:
        for name, count in report.by_strategy:
            strategies[name] = strategies.get(name, 0) + count

    def total(name: str) -> int:
        return sum(int(getattr(r, name)) for r in reports)

    return FillReport(
        target=first.target, filled=total("filled"), from_memory=total("from_memory"),
        flagged=total("flagged"), skipped_no_model=total("skipped_no_model"),
        kept_human=total("kept_human"), replaced=total("replaced"), failed=total("failed"),
        missing_models=tuple(dict.fromkeys(m for r in reports for m in r.missing_models)),
        dry_run=first.dry_run, left_for_review=total("left_for_review"),
        by_strategy=tuple(sorted(strategies.items())),
        strategies=tuple(dict.fromkeys(s for r in reports for s in r.strategies)),
        plurals=total("plurals"))


@dataclass
class _Job:
    entry: Entry
    source: str  # language of ``masked``
    masked: Masked
    stale: bool
    via_english: bool
    problems: list[str] = field(default_factory=list)  # why the strategies so far failed
    form: int | None = None  # a plural entry's part: 0 its msgid, 1 its msgid_plural
    nplurals: int = 2  # the catalog's Plural-Forms, for a plural entry


@dataclass
class _Plan:
    jobs: dict[str, list[_Job]] = field(default_factory=dict)  # by source language
    kept_human: int = 0


def _is_stale_machine(entry: Entry) -> bool:
    return (entry.machine_translated and entry.fuzzy and entry.previous_msgid is not None
            and entry.previous_msgid != entry.msgid)


def _needs_fill(entry: Entry, source: str, target: str, plan: _Plan) -> bool | None:
    """None: leave alone; False: fill an empty entry; True: redo a stale machine one."""
    if entry.obsolete or not entry.msgid.strip() or source == target:
        return None
    if not entry.has_text:
        return False
    if not entry.machine_translated:
        plan.kept_human += 1
        return None
    return True if _is_stale_machine(entry) else None


def _plan(catalog: Catalog, target: str, only_source: str | None,
          glossary: Glossary | None) -> _Plan:
    plan = _Plan()
    for entry in catalog:
        source = entry.source_lang or catalog.source_lang or DEFAULT_SOURCE
        if only_source is not None and source != only_source:
            continue
        stale = _needs_fill(entry, source, target, plan)
        if stale is None:
            continue
        text, via_english = entry.msgid, False
        if source not in (DEFAULT_SOURCE, target) and target != DEFAULT_SOURCE and entry.english:
            text, source, via_english = entry.english, DEFAULT_SOURCE, True
        jobs = plan.jobs.setdefault(source, [])
        if entry.msgid_plural is None:
            masked = mask_text(text, source=source, target=target, glossary=glossary)
            jobs.append(_Job(entry, source, masked, stale, via_english))
            continue
        for form, part in enumerate((entry.msgid, entry.msgid_plural)):
            masked = mask_text(part, source=source, target=target, glossary=glossary)
            jobs.append(_Job(entry, source, masked, stale, False, form=form,
                             nplurals=_nplurals(catalog)))
    return plan


def _nplurals(catalog: Catalog) -> int:
    found = re.search(r"nplurals\s*=\s*(\d+)", catalog.header.get("Plural-Forms", ""))
    return int(found.group(1)) if found else 2


def _mark(job: _Job, engine: Engine, text: str, problems: list[str], fuzzy: bool,
          parts: dict[int, dict[int, tuple[str, list[str]]]]) -> bool:
    """Write the translation of ``job``; False while a plural entry awaits its other part."""
    entry = job.entry
    if job.form is not None:
        done = parts.setdefault(id(entry), {})
        done[job.form] = (text, problems)
        if len(done) < 2:
            return False
        singular, plural = done[0][0], done[1][0]
        problems = done[0][1] + done[1][1]
        forms = [plural] if job.nplurals == 1 else [singular] + [plural] * (job.nplurals - 1)
        entry.msgstr_plural = dict(enumerate(forms))
        fuzzy = True  # one plural translation stands for every form but the first: check it
    else:
        entry.msgstr = text
    entry.previous_msgctxt = entry.previous_msgid = entry.previous_msgid_plural = None
    entry.set_fuzzy(fuzzy or bool(problems))
    route = f"{engine.source}>{engine.target}"
    if isinstance(engine, PivotEngine):
        route = f"{engine.source}>{engine.first.target}>{engine.target}"
    note = f"machine translation ({engine.model_id}, {route}"
    if job.via_english:
        note += ", from the English version"
    if job.form is not None:
        note += ", plural forms from the singular and plural sources"
    note += "), not reviewed"
    if problems:
        note += "; " + "; ".join(problems) + "; check before use"
    stamp = Stamp.make(MACHINE, engine.source, engine.target,
                       text=entry.msgstr if job.form is None else "\x00".join(forms),
                       state=FUZZY if entry.fuzzy else FINAL, note=note)
    entry.put_stamp(stamp, note)
    return True


def _leave_for_review(entry: Entry, problems: Sequence[str], engine: Engine) -> None:
    """Write nothing for ``entry``; a note (and a ``review`` stamp) says why it needs a person."""
    shown = list(dict.fromkeys(problems))[:4]
    note = ("not translated: machine translation did not keep the placeholders ("
            + "; ".join(shown) + "); translate by hand")
    entry.put_stamp(Stamp.make(MACHINE, engine.source, engine.target, text="", state=REVIEW,
                               note=note), note)


@dataclass
class _Counts:
    filled: int = 0
    from_memory: int = 0
    flagged: int = 0
    replaced: int = 0
    skipped: int = 0
    failed: int = 0
    review: int = 0
    plurals: int = 0
    missing: list[str] = field(default_factory=list)
    by_strategy: dict[str, int] = field(default_factory=dict)
    strategies: list[str] = field(default_factory=list)


@dataclass
class _Options:
    fuzzy: bool
    dry_run: bool
    progress: Progress | None
    glossary: Glossary | None
    memory: TranslationMemory | None
    runner: ChunkRunner | None = None  # where the engine runs (here by default)
    total: int = 0
    done: int = 0
    parts: dict[int, dict[int, tuple[str, list[str]]]] = field(default_factory=dict)

    @property
    def version(self) -> str:
        return self.glossary.version if self.glossary is not None else "none"

    def advance(self, n: int) -> None:
        self.done += n
        if self.progress is not None:
            self.progress(self.done, self.total)


# --- Plan: which strategies for an engine ----------------------------------------------------


def _through_memory(engine: Engine, strategy: str, opts: _Options,
                    progress: bool = False) -> Engine | CachedEngine:
    if opts.memory is None:
        return engine
    return CachedEngine(engine, opts.memory, opts.version, strategy=memory_key(strategy),
                        judge=judge(strategy), progress=opts.advance if progress else None,
                        runner=opts.runner)


def _strategies(engine: Engine, source: str, opts: _Options) -> tuple[list[str], str] | None:
    """The strategies to try in turn, and why; None in a dry run that would need the model."""
    if knows_masks(engine):
        return ["masks", "segments"], "the model knows the mask tokens"
    scores: dict[str, int] = {}
    for family in CALIBRATED:
        inputs = probe_inputs(family, source)
        runner = _through_memory(engine, family, opts)
        if opts.dry_run:
            found = runner.cached(inputs) if isinstance(runner, CachedEngine) else {}
            if len(found) < len(set(inputs)):
                return None
            outputs = [found[i].translation for i in inputs]
        else:
            outputs = runner.translate(inputs)
        scores[family] = probe_score(family, source, outputs)
    best = max(CALIBRATED, key=lambda f: scores[f])
    shown = ", ".join(f"{f} {scores[f]}" for f in CALIBRATED)
    return [best, "segments"], (f"the model was not taught mask tokens; calibration "
                                f"(of {len(probe_inputs(best, source))}: {shown}) chose {best}")


# --- Decide: read the outputs back and write ----------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """What :func:`decide` made of one entry's outputs."""

    text: str = ""
    problems: tuple[str, ...] = ()  # the invariant broken: not written
    soft: tuple[str, ...] = ()  # written, flagged for review
    failed: bool = False  # the engine gave no output


def decide(prepared: Prepared, outputs: Mapping[str, str], glossary: Glossary | None,
           langs: tuple[str, str]) -> Outcome:
    """Read the engine's outputs for one prepared text back, post-edit and check them."""
    masked, spans = prepared.masked, prepared.masked.spans
    pieces: list[str] = []
    problems: list[str] = []
    for part in prepared.parts:
        if part.input is None:
            pieces.append(part.text)
            continue
        output = outputs[part.input]
        if not output.strip():
            return Outcome(failed=True)
        decoded = decode(part, output, prepared.strategy, spans)
        problems += decoded.problems
        pieces.append(polish(part.text, decoded.text, spans, langs))
    if problems:
        return Outcome(problems=tuple(problems))
    # Parts translated on their own meet kept text at their edges: space those joins too.
    canonical = respace(masked.text, "".join(pieces), spans, langs)
    restored = restore(masked, canonical)
    problems = restored.problems() + check_translation(masked, canonical, restored.text, langs)
    if problems:
        return Outcome(problems=tuple(problems))
    return Outcome(restored.text,
                    soft=tuple(soft_problems(masked.original, restored.text, glossary, langs)))


def _translate_all(engine: Engine, strategy: str, inputs: list[str],
                   opts: _Options) -> dict[str, str]:
    opts.total += len(inputs)
    runner = _through_memory(engine, strategy, opts, progress=True)
    outputs = dict(zip(inputs, runner.translate(inputs), strict=True)) if inputs else {}
    if not isinstance(runner, CachedEngine):
        opts.advance(len(inputs))
    return outputs


def _one_pass(jobs: list[_Job], engine: Engine, strategy: str, counts: _Counts,
              opts: _Options) -> list[_Job]:
    """Translate ``jobs`` under one strategy; the jobs it could not do are returned."""
    prepared = {id(job): prepare(job.masked, strategy, job.source) for job in jobs}
    inputs = list(dict.fromkeys(i for p in prepared.values() if p is not None for i in p.inputs))
    runner = _through_memory(engine, strategy, opts)
    cached = runner.cached(inputs) if isinstance(runner, CachedEngine) else {}
    outputs = _translate_all(engine, strategy, inputs, opts)
    langs = (engine.source, engine.target)
    left: list[_Job] = []
    for job in jobs:
        ready = prepared[id(job)]
        if ready is None:
            left.append(job)
            continue
        outcome = decide(ready, outputs, opts.glossary, langs)
        if outcome.failed:
            log.warning("no translation for %r; left as it was", job.entry.msgid[:60])
            counts.failed += 1
        elif outcome.problems:
            log.debug("%s did not keep the placeholders of %r: %s", strategy,
                      job.entry.msgid[:60], "; ".join(outcome.problems))
            job.problems += outcome.problems
            left.append(job)
        else:
            if outcome.soft:  # the entry's # mt-review: comment and the summary report it
                log.info("flagged %r: %s", job.entry.msgid[:60], "; ".join(outcome.soft))
                counts.flagged += 1
            if not _mark(job, engine, outcome.text, list(outcome.soft), opts.fuzzy, opts.parts):
                continue
            counts.filled += 1
            counts.plurals += job.form is not None
            counts.replaced += job.stale
            counts.from_memory += all(i in cached for i in ready.inputs)
            counts.by_strategy[strategy] = counts.by_strategy.get(strategy, 0) + 1
    return left


def _dry_run(jobs: Sequence[_Job], engine: Engine, counts: _Counts, opts: _Options) -> None:
    entries = {id(j.entry): j for j in jobs}.values()  # a plural entry has two jobs
    counts.filled += len(entries)
    counts.plurals += sum(1 for j in entries if j.form is not None)
    counts.replaced += sum(1 for j in entries if j.stale)
    chosen = _strategies(engine, jobs[0].source, opts) if opts.memory is not None else None
    if chosen is None:
        return
    runner = _through_memory(engine, chosen[0][0], opts)
    assert isinstance(runner, CachedEngine)
    for job in jobs:
        ready = prepare(job.masked, chosen[0][0], job.source)
        if ready is not None:
            found = runner.cached(ready.inputs)
            counts.from_memory += all(i in found and found[i].ok for i in ready.inputs)


def _run_direction(jobs: list[_Job], engine: Engine, counts: _Counts, opts: _Options) -> None:
    if opts.dry_run:
        _dry_run(jobs, engine, counts, opts)
        return
    chosen = _strategies(engine, jobs[0].source, opts)
    assert chosen is not None
    strategies, why = chosen
    counts.strategies.append(f"{engine.source}→{engine.target}: {', then '.join(strategies)} "
                             f"({why})")
    for strategy in strategies:
        jobs = _one_pass(jobs, engine, strategy, counts, opts)
    for job in {id(j.entry): j for j in jobs}.values():  # a plural entry once
        log.info("left for review %r: %s", job.entry.msgid[:60], "; ".join(job.problems))
        _leave_for_review(job.entry, job.problems, engine)
        counts.review += 1


def fill_catalog(
    catalog: Catalog,
    *,
    target: str,
    engine_for: EngineFor,
    glossary: Glossary | None = None,
    memory: TranslationMemory | None = None,
    only_source: str | None = None,
    fuzzy: bool = True,
    dry_run: bool = False,
    progress: Progress | None = None,
    runner: ChunkRunner | None = None,
) -> FillReport:
    """Machine-translate the missing entries of ``catalog`` into ``target``, in place.

    ``runner`` runs the engine on the texts the memory does not have (here by
    default, or on a cluster: :mod:`localize.mt.cluster`); the outputs go through
    the memory, and what is written is decided here, the same wherever they ran.
    """
    plan = _plan(catalog, target, only_source, glossary)
    counts = _Counts()
    opts = _Options(fuzzy, dry_run, progress, glossary, memory, runner)
    for source, jobs in sorted(plan.jobs.items()):
        try:
            engine = engine_for(source, target)
        except ModelError as err:
            counts.skipped += len(jobs)
            counts.missing.append(err.message)
            opts.total += len(jobs)
            opts.advance(len(jobs))
            continue
        _run_direction(jobs, engine, counts, opts)
    return FillReport(
        target=target, filled=counts.filled, from_memory=counts.from_memory,
        flagged=counts.flagged, skipped_no_model=counts.skipped, kept_human=plan.kept_human,
        replaced=counts.replaced, failed=counts.failed, missing_models=tuple(counts.missing),
        dry_run=dry_run, left_for_review=counts.review,
        by_strategy=tuple(sorted(counts.by_strategy.items())),
        strategies=tuple(counts.strategies), plurals=counts.plurals,
    )
