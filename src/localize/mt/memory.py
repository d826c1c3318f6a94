"""The translation memory: engine output kept in SQLite, and the engine wrapper that uses it.

Rows are keyed by model id, direction (source and target language), glossary
version, placeholder strategy (it decides the engine input: ``masks-1``,
``numbers-1``, ``segments-1``...) and the engine input itself, so a new model, a
changed glossary or another strategy never reuses stale output. Each row records
whether its output kept every stand-in of its input (``ok``): output that broke
them is remembered as rejected, so a rerun skips straight to the next strategy
instead of taking it for a good translation. :class:`CachedEngine` commits each
chunk of new translations as it comes, so an interrupted run resumes where it
stopped. The database runs in WAL mode with a busy timeout: several runs may
share it.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from localize.cache import default_cache_dir, open_database
from localize.errors import LocalizeError, WriteError
from localize.mt.engine import Engine

__all__ = [
    "DEFAULT_CHUNK",
    "CachedEngine",
    "ChunkRunner",
    "MemoryKey",
    "Remembered",
    "TranslationMemory",
    "run_here",
]

log = logging.getLogger(__name__)

DEFAULT_CHUNK = 64
# The table of the first release (no strategy, no verdict) is left alone and unread.
_SCHEMA = """
CREATE TABLE IF NOT EXISTS outputs (
    model TEXT NOT NULL,
    source_lang TEXT NOT NULL,
    target_lang TEXT NOT NULL,
    glossary TEXT NOT NULL,
    strategy TEXT NOT NULL,
    source TEXT NOT NULL,
    translation TEXT NOT NULL,
    ok INTEGER NOT NULL,
    created REAL NOT NULL,
    PRIMARY KEY (model, source_lang, target_lang, glossary, strategy, source)
) WITHOUT ROWID
"""


@dataclass(frozen=True)
class MemoryKey:
    """What an output depends on besides its input text."""

    model: str
    source_lang: str
    target_lang: str
    glossary: str
    strategy: str


@dataclass(frozen=True)
class Remembered:
    """A stored output and whether it kept its input's stand-ins."""

    translation: str
    ok: bool
_BATCH = 500  # SQLite's bound-variable limit is generous, but keep IN lists short


class TranslationMemory:
    """A SQLite translation memory; the connection opens on first use."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._conn: sqlite3.Connection | None = None

    @classmethod
    def in_cache(cls, cache_dir: Path | None = None) -> TranslationMemory:
        """The memory at ``<cache dir>/memory.sqlite3``."""
        return cls((cache_dir or default_cache_dir()) / "memory.sqlite3")

    def _connect(self) -> sqlite3.Connection:
        if self._conn is None:
            try:
                conn = open_database(self.path, _SCHEMA)
            except (OSError, sqlite3.Error) as err:
                raise WriteError(f"cannot open translation memory: {err}",
                                   path=self.path) from err
            self._conn = conn
        return self._conn

    def lookup(self, key: MemoryKey, texts: Iterable[str]) -> dict[str, Remembered]:
        """The stored outputs of those ``texts`` that have one."""
        conn = self._connect()
        wanted = list(dict.fromkeys(texts))
        found: dict[str, Remembered] = {}
        try:
            for i in range(0, len(wanted), _BATCH):
                chunk = wanted[i:i + _BATCH]
                marks = ",".join("?" * len(chunk))
                rows = conn.execute(
                    "SELECT source, translation, ok FROM outputs WHERE model=? AND "
                    "source_lang=? AND target_lang=? AND glossary=? AND strategy=? AND "
                    f"source IN ({marks})",
                    (key.model, key.source_lang, key.target_lang, key.glossary, key.strategy,
                     *chunk),
                )
                found.update((s, Remembered(t, bool(ok))) for s, t, ok in rows)
        except sqlite3.Error as err:
            raise LocalizeError(f"cannot read translation memory: {err}", path=self.path) from err
        return found

    def store(self, key: MemoryKey, rows: Iterable[tuple[str, str, bool]]) -> None:
        """Store ``(input, output, ok)`` rows and commit at once."""
        conn = self._connect()
        now = time.time()
        values = [(key.model, key.source_lang, key.target_lang, key.glossary, key.strategy,
                   s, t, int(ok), now) for s, t, ok in rows]
        try:
            with conn:
                conn.executemany("INSERT OR REPLACE INTO outputs VALUES (?,?,?,?,?,?,?,?,?)",
                                 values)
        except sqlite3.Error as err:
            raise WriteError(f"cannot write translation memory: {err}", path=self.path) from err

    def __len__(self) -> int:
        row = self._connect().execute("SELECT count(*) FROM outputs").fetchone()
        return int(row[0])

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> TranslationMemory:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


Progress = Callable[[int], None]
Judge = Callable[[str, str], bool]  # (input, output) -> the output kept the input's stand-ins
# Runs an engine on chunks of texts, anywhere: yields (chunk number, its outputs) as each
# chunk is done, in any order.
ChunkRunner = Callable[[Engine, Sequence[Sequence[str]]], Iterable[tuple[int, list[str]]]]


def run_here(engine: Engine, chunks: Sequence[Sequence[str]]) -> Iterator[tuple[int, list[str]]]:
    """The chunks translated in this process, one engine call each, in order."""
    for number, chunk in enumerate(chunks):
        yield number, engine.translate(chunk)


class CachedEngine:
    """An engine whose output goes through the memory: hits skip the model.

    Misses are translated in chunks of ``chunk`` texts, one engine call each, and
    every chunk is committed as it is done, each output with ``judge``'s verdict.
    An empty output is a failure of the engine and is not stored. ``runner`` runs
    the chunks (:func:`run_here` by default; :mod:`localize.mt.cluster` runs them
    on a Ray cluster): the calls, and so the outputs, are the same wherever.
    """

    def __init__(self, inner: Engine, memory: TranslationMemory, glossary_version: str,
                 *, strategy: str = "plain", judge: Judge | None = None,
                 chunk: int = DEFAULT_CHUNK, progress: Progress | None = None,
                 runner: ChunkRunner | None = None) -> None:
        self.inner = inner
        self.runner = runner or run_here
        self.memory = memory
        self.glossary_version = glossary_version
        self.strategy = strategy
        self.judge = judge
        self.chunk = max(1, chunk)
        self.progress = progress
        self.hits = 0
        self.misses = 0

    @property
    def name(self) -> str:
        return self.inner.name

    @property
    def model_id(self) -> str:
        return self.inner.model_id

    @property
    def source(self) -> str:
        return self.inner.source

    @property
    def target(self) -> str:
        return self.inner.target

    def key(self) -> MemoryKey:
        inner = self.inner
        return MemoryKey(inner.model_id, inner.source, inner.target, self.glossary_version,
                         self.strategy)

    def cached(self, texts: Sequence[str]) -> dict[str, Remembered]:
        """The memory's outputs for ``texts``, without calling the engine."""
        return self.memory.lookup(self.key(), texts)

    def translate(self, texts: Sequence[str]) -> list[str]:
        known = {s: r.translation for s, r in self.cached(texts).items()}
        self.hits += sum(1 for t in texts if t in known)
        if self.progress is not None and known:
            self.progress(sum(1 for t in dict.fromkeys(texts) if t in known))
        missing = [t for t in dict.fromkeys(texts) if t not in known]
        judge = self.judge or (lambda s, t: True)
        chunks = [missing[i:i + self.chunk] for i in range(0, len(missing), self.chunk)]
        for number, out in self.runner(self.inner, chunks) if chunks else ():
            chunk = chunks[number]
            self.memory.store(self.key(), ((s, t, judge(s, t))
                                           for s, t in zip(chunk, out, strict=True)
                                           if t.strip() or not s.strip()))
            known.update(zip(chunk, out, strict=True))
            self.misses += len(chunk)
            log.debug("translated and stored %d texts (%s, %s)", len(chunk),
                      self.inner.model_id, self.strategy)
            if self.progress is not None:
                self.progress(len(chunk))
        return [known[t] for t in texts]
