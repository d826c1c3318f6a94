"""The split cache: what the splitter made of each document, kept between runs of extract.

Rows live in one SQLite file in the user's cache folder (``splits.sqlite3`` in
:func:`localize.cache.default_cache_dir`), keyed by a digest of everything
the result depends on: the document's lines, the code and data of the splitter
and of sentence cutting, the glossary's word pairs the splitter is given and,
for the final split, the part of the site lexicon the document's words can
meet. A change to any of these gives new keys, so a row is never stale; old rows
are simply not read again. The file is safe to delete at any time, and a cache
that cannot be opened or written only costs speed (a warning says so).

:meth:`SplitStore.temporary` is the same store in a folder removed on close:
``localize extract --no-cache`` runs the same two passes through it, so a full
run reads nothing kept and still holds no document's results in memory.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import shutil
import sqlite3
import tempfile
import zlib
from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import Any

from localize.cache import open_database
from localize.sources.collect import Message
from localize.splitting import LineSplit, Segment, Suggestion

__all__ = [
    "SplitStore",
    "code_digest",
    "decode_messages",
    "decode_split",
    "digest",
    "encode_messages",
    "encode_split",
]

log = logging.getLogger(__name__)

FORMAT = "localize-splits-1"  # changes when the rows' layout changes
_FLUSH = 256  # rows written per transaction
_SCHEMA = "CREATE TABLE IF NOT EXISTS splits (key TEXT PRIMARY KEY, data BLOB NOT NULL)"
# The code and data whose change must give new keys: the splitter, sentence cutting and
# the turning of split lines into messages.
_CODE = ("splitting/*.py", "data/split_*", "sources/sentences.py", "sources/collect.py",
         "sources/splitcache.py", "sources/incremental.py")


def digest(*parts: str) -> str:
    """A sha256 hex digest of ``parts`` (joined so that no two lists of parts collide)."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass")
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


@functools.cache
def code_digest() -> str:
    """A digest of the installed splitter's code and data, and of the code after it."""
    root = resources.files("localize")
    h = hashlib.sha256(FORMAT.encode())
    for pattern in _CODE:
        folder, _, name = pattern.rpartition("/")
        base = root.joinpath(folder)
        names = sorted(p.name for p in base.iterdir()
                       if Path(p.name).match(name) and p.is_file())
        for found in names:
            h.update(f"{folder}/{found}\0".encode())
            h.update(base.joinpath(found).read_bytes())
    return h.hexdigest()


# --- Rows: compact JSON of splits and messages ------------------------------------------------

def encode_split(split: LineSplit) -> list[Any]:
    """A line's split without its text: segments as ``[start, end, lang]`` (their text too
    where it is not the line's slice), pairs and confidences, and any suggestions as
    ``[start, end, lang, start, end, lang, confidence, behind]``."""
    segments = [[s.start, s.end, s.lang] if split.text[s.start:s.end] == s.text
                else [s.start, s.end, s.lang, s.text] for s in split.segments]
    row = [segments, [list(p) for p in split.pairs], list(split.pair_confidence)]
    if split.suggestions:
        row.append([[s.first.start, s.first.end, s.first.lang, s.second.start, s.second.end,
                     s.second.lang, s.confidence, s.behind] for s in split.suggestions])
    return row


def decode_split(text: str, data: Sequence[Any]) -> LineSplit:
    """The split of line ``text`` from :func:`encode_split`'s row."""
    segments, pairs, confidence = data[:3]
    return LineSplit(
        text=text,
        segments=tuple(Segment(s[3] if len(s) > 3 else text[s[0]:s[1]], s[2], s[0], s[1])
                       for s in segments),
        pairs=tuple((int(a), int(b)) for a, b in pairs),
        pair_confidence=tuple(float(c) for c in confidence),
        suggestions=tuple(
            Suggestion(Segment(text[a:b], la, a, b), Segment(text[c:d], lc, c, d),
                       float(conf), float(behind))
            for a, b, la, c, d, lc, conf, behind in (data[3] if len(data) > 3 else ())))


def encode_messages(numbered: Iterable[tuple[int, Sequence[Message]]]) -> list[Any]:
    """``[line number, [[text, lang, translations, confidences], ...]]`` for lines with messages
    (a suggested message has a fifth item, ``1``)."""
    return [[number, [[m.text, m.lang, [list(t) for t in m.translations], list(m.confidences)]
                      + ([1] if m.suggested else []) for m in messages]]
            for number, messages in numbered if messages]


def decode_messages(data: Sequence[Any]) -> list[tuple[int, list[Message]]]:
    """The messages of each line from :func:`encode_messages`'s row."""
    return [(int(number), [Message(row[0], row[1], tuple((a, b) for a, b in row[2]),
                                   tuple(float(c) for c in row[3]), suggested=len(row) > 4)
                           for row in messages])
            for number, messages in data]


# --- The store ------------------------------------------------------------------------------

class SplitStore:
    """Rows of JSON by key, in SQLite; opened on first use, written in batches."""

    def __init__(self, path: Path, *, owned_folder: Path | None = None) -> None:
        self.path = path
        self._folder = owned_folder  # a temporary folder, removed on close
        self._conn: sqlite3.Connection | None = None
        self._failed = False
        self._pending: dict[str, bytes] = {}
        self.hits = 0
        self.misses = 0

    @classmethod
    def in_cache(cls, cache_dir: Path) -> SplitStore:
        """The store at ``<cache dir>/splits.sqlite3``."""
        return cls(cache_dir / "splits.sqlite3")

    @classmethod
    def temporary(cls) -> SplitStore:
        """A store for one run, in a temporary folder removed on close."""
        folder = Path(tempfile.mkdtemp(prefix="localize-splits-"))
        return cls(folder / "splits.sqlite3", owned_folder=folder)

    def _connect(self) -> sqlite3.Connection | None:
        if self._conn is None and not self._failed:
            try:
                conn = open_database(self.path, _SCHEMA)
                self._conn = conn
            except (OSError, sqlite3.Error) as err:
                self._fail("open", err)
        return self._conn

    def _fail(self, what: str, err: Exception) -> None:
        if not self._failed:
            log.warning("split cache %s: cannot %s it (%s); every document is split "
                        "(delete the file if it is damaged)", self.path, what, err)
        self._failed = True
        self._pending.clear()

    def get(self, key: str) -> Any | None:
        """The row stored under ``key``, or None."""
        data = self._pending.get(key)
        if data is None:
            conn = self._connect()
            if conn is None:
                self.misses += 1
                return None
            try:
                row = conn.execute("SELECT data FROM splits WHERE key=?", (key,)).fetchone()
            except sqlite3.Error as err:
                self._fail("read", err)
                row = None
            data = row[0] if row else None
        if data is None:
            self.misses += 1
            return None
        try:
            value = json.loads(zlib.decompress(data))
        except (zlib.error, ValueError):
            self.misses += 1
            return None  # a damaged row: computed again and replaced
        self.hits += 1
        return value

    def put(self, key: str, value: Any) -> None:
        """Store ``value`` (JSON) under ``key``; written with the next batch."""
        if self._failed:
            return
        self._pending[key] = zlib.compress(json.dumps(value, ensure_ascii=False,
                                                      separators=(",", ":")).encode(), 1)
        if len(self._pending) >= _FLUSH:
            self.flush()

    def flush(self) -> None:
        """Write the pending rows in one transaction."""
        conn = self._connect() if self._pending else None
        if conn is None:
            return
        try:
            with conn:
                conn.executemany("INSERT OR REPLACE INTO splits VALUES (?, ?)",
                                 list(self._pending.items()))
        except sqlite3.Error as err:
            self._fail("write", err)
        self._pending.clear()

    def close(self) -> None:
        self.flush()
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)

    def __enter__(self) -> SplitStore:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
