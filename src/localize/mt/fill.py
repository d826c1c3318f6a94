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
* Every missing text of a direction goes to the engine in one batch (through the
  translation memory, which commits chunk by chunk).
* Output is marked fuzzy (unless ``fuzzy=False``) and stamped (a
  ``# localize:mt:...`` comment, see :mod:`localize.catalogs.provenance`) after
  a note naming model and direction. An entry whose masks did not survive says
  what was lost in that note, and is always fuzzy.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from localize.catalogs.model import Catalog, Entry
from localize.catalogs.provenance import FINAL, FUZZY, MACHINE, Stamp
from localize.errors import ModelError
from localize.mt.engine import Engine, PivotEngine
from localize.mt.masking import Masked, mask_text, restore
from localize.mt.memory import CachedEngine, TranslationMemory
from localize.terms.glossary import Glossary

__all__ = [
    "EngineFor",
    "FillReport",
    "Progress",
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
    flagged: int = 0  # of those, marked for review (a mask was lost)
    skipped_no_model: int = 0  # entries left empty: no model for their pair
    kept_human: int = 0  # human translations left as they are
    replaced: int = 0  # of the filled, stale machine translations redone
    failed: int = 0  # entries the model could not translate (left as they were)
    missing_models: tuple[str, ...] = ()  # one message per pair without a model
    dry_run: bool = False


@dataclass
class _Job:
    entry: Entry
    source: str  # language of ``text``
    masked: Masked
    stale: bool
    via_english: bool


@dataclass
class _Plan:
    jobs: dict[str, list[_Job]] = field(default_factory=dict)  # by source language
    kept_human: int = 0


def _is_stale_machine(entry: Entry) -> bool:
    return (entry.machine_translated and entry.fuzzy and entry.previous_msgid is not None
            and entry.previous_msgid != entry.msgid)


def _needs_fill(entry: Entry, source: str, target: str, plan: _Plan) -> bool | None:
    """None: leave alone; False: fill an empty entry; True: redo a stale machine one."""
    if (entry.obsolete or not entry.msgid.strip() or entry.msgid_plural is not None
            or source == target):
        return None
    if not entry.translated:
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
        masked = mask_text(text, source=source, target=target, glossary=glossary)
        plan.jobs.setdefault(source, []).append(_Job(entry, source, masked, stale, via_english))
    return plan


def _mark(job: _Job, engine: Engine, text: str, problems: list[str], fuzzy: bool) -> None:
    entry = job.entry
    entry.msgstr = text
    entry.previous_msgctxt = entry.previous_msgid = entry.previous_msgid_plural = None
    entry.set_fuzzy(fuzzy or bool(problems))
    route = f"{engine.source}>{engine.target}"
    if isinstance(engine, PivotEngine):
        route = f"{engine.source}>{engine.first.target}>{engine.target}"
    note = f"machine translation ({engine.model_id}, {route}"
    if job.via_english:
        note += ", from the English version"
    note += "), not reviewed"
    if problems:
        note += "; " + "; ".join(problems) + "; check before use"
    stamp = Stamp.make(MACHINE, engine.source, engine.target, text=text,
                       state=FUZZY if entry.fuzzy else FINAL, note=note)
    entry.put_stamp(stamp, note)


@dataclass
class _Counts:
    filled: int = 0
    from_memory: int = 0
    flagged: int = 0
    replaced: int = 0
    skipped: int = 0
    failed: int = 0
    missing: list[str] = field(default_factory=list)


def _run_direction(jobs: Sequence[_Job], engine: Engine, memory: TranslationMemory | None,
                   glossary_version: str, counts: _Counts, opts: _Options) -> None:
    texts = list(dict.fromkeys(j.masked.text for j in jobs))
    cached: CachedEngine | None = None
    known: dict[str, str] = {}
    if memory is not None:
        cached = CachedEngine(engine, memory, glossary_version, progress=opts.advance)
        known = cached.cached(texts)
    counts.from_memory += sum(1 for j in jobs if j.masked.text in known)
    if opts.dry_run:
        counts.filled += len(jobs)
        counts.replaced += sum(1 for j in jobs if j.stale)
        return
    translations = dict(zip(texts, (cached or engine).translate(texts), strict=True))
    if cached is None:
        opts.advance(len(texts))
    for job in jobs:
        output = translations[job.masked.text]
        if not output.strip():
            log.warning("no translation for %r; left as it was", job.entry.msgid[:60])
            counts.failed += 1
            continue
        restored = restore(job.masked, output)
        problems = restored.problems()
        if problems:  # the entry's # mt-review: comment and the summary report it
            log.info("flagged %r: %s", job.entry.msgid[:60], "; ".join(problems))
            counts.flagged += 1
        _mark(job, engine, restored.text, problems, opts.fuzzy)
        counts.filled += 1
        counts.replaced += job.stale


@dataclass
class _Options:
    fuzzy: bool
    dry_run: bool
    progress: Progress | None
    total: int = 0
    done: int = 0

    def advance(self, n: int) -> None:
        self.done += n
        if self.progress is not None:
            self.progress(self.done, self.total)


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
) -> FillReport:
    """Machine-translate the missing entries of ``catalog`` into ``target``, in place."""
    plan = _plan(catalog, target, only_source, glossary)
    counts = _Counts()
    opts = _Options(fuzzy, dry_run, progress,
                    total=sum(len({j.masked.text for j in js}) for js in plan.jobs.values()))
    version = glossary.version if glossary is not None else "none"
    for source, jobs in sorted(plan.jobs.items()):
        try:
            engine = engine_for(source, target)
        except ModelError as err:
            counts.skipped += len(jobs)
            counts.missing.append(err.message)
            opts.advance(len({j.masked.text for j in jobs}))
            continue
        _run_direction(jobs, engine, memory, version, counts, opts)
    return FillReport(
        target=target, filled=counts.filled, from_memory=counts.from_memory,
        flagged=counts.flagged, skipped_no_model=counts.skipped, kept_human=plan.kept_human,
        replaced=counts.replaced, failed=counts.failed, missing_models=tuple(counts.missing),
        dry_run=dry_run,
    )
