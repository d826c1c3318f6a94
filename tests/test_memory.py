"""The SQLite translation memory and the caching engine wrapper."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import pytest

from localize.cache import default_cache_dir
from localize.mt.memory import (
    CachedEngine,
    MemoryKey,
    Remembered,
    TranslationMemory,
)

KEY = MemoryKey("m", "en", "nl", "g", "masks-1")


class UpperEngine:
    """A fake engine through the protocol: upper-cases, counts texts, can fail midway."""

    name = "fake"
    model_id = "fake-1"
    source = "en"
    target = "nl"

    def __init__(self, fail_after: int | None = None) -> None:
        self.seen: list[str] = []
        self.calls = 0
        self.fail_after = fail_after

    def translate(self, texts: Sequence[str]) -> list[str]:
        if self.fail_after is not None and len(self.seen) >= self.fail_after:
            raise KeyboardInterrupt
        self.calls += 1
        self.seen.extend(texts)
        return [t.upper() for t in texts]


def test_default_cache_dir_resolution(tmp_path: Path) -> None:
    assert default_cache_dir({"LOCALIZE_CACHE_DIR": str(tmp_path)}) == tmp_path
    assert default_cache_dir({"XDG_CACHE_HOME": "/c"}) == Path("/c/localize")


def test_store_and_lookup_are_keyed_by_model_direction_glossary_and_strategy(
    tmp_path: Path,
) -> None:
    with TranslationMemory(tmp_path / "tm.sqlite3") as tm:
        tm.store(KEY, [("Save", "Opslaan", True)])
        assert tm.lookup(KEY, ["Save", "Open"]) == {"Save": Remembered("Opslaan", True)}
        for other in (replace(KEY, model="m2"), replace(KEY, target_lang="zh"),
                      replace(KEY, glossary="g2"), replace(KEY, strategy="numbers-1")):
            assert tm.lookup(other, ["Save"]) == {}
        assert len(tm) == 1


def test_output_that_broke_its_stand_ins_is_remembered_as_rejected(tmp_path: Path) -> None:
    engine = UpperEngine()
    with TranslationMemory(tmp_path / "tm.sqlite3") as tm:
        cached = CachedEngine(engine, tm, "g", strategy="masks-1",
                              judge=lambda s, t: s.count("⟦0⟧") == t.count("⟦0⟧"))
        assert cached.translate(["save ⟦0⟧", "save"]) == ["SAVE ⟦0⟧", "SAVE"]
        found = cached.cached(["save ⟦0⟧", "save"])
        assert found["save"].ok and found["save ⟦0⟧"].ok
        broken = CachedEngine(UpperEngine(), tm, "g", strategy="masks-1",
                              judge=lambda s, t: False)
        broken.translate(["open ⟦0⟧"])
        assert broken.cached(["open ⟦0⟧"]) == {"open ⟦0⟧": Remembered("OPEN ⟦0⟧", False)}


def test_database_is_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "tm.sqlite3"
    with TranslationMemory(path) as tm:
        tm.store(KEY, [("a", "b", True)])
    mode = sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_second_pass_translates_nothing(tmp_path: Path) -> None:
    engine = UpperEngine()
    with TranslationMemory(tmp_path / "tm.sqlite3") as tm:
        first = CachedEngine(engine, tm, "g").translate(["a", "b", "a"])
        again = CachedEngine(engine, tm, "g")
        assert again.translate(["b", "a"]) == ["B", "A"]
    assert first == ["A", "B", "A"]
    assert engine.seen == ["a", "b"]
    assert (again.hits, again.misses) == (2, 0)


def test_interrupted_run_resumes_from_committed_chunks(tmp_path: Path) -> None:
    texts = [f"t{i}" for i in range(10)]
    path = tmp_path / "tm.sqlite3"
    with TranslationMemory(path) as tm, pytest.raises(KeyboardInterrupt):
        CachedEngine(UpperEngine(fail_after=6), tm, "g", chunk=3).translate(texts)
    resumed = UpperEngine()
    with TranslationMemory(path) as tm:
        out = CachedEngine(resumed, tm, "g", chunk=3).translate(texts)
    assert out == [t.upper() for t in texts]
    assert resumed.seen == texts[6:]


def test_concurrent_writers_share_the_database(tmp_path: Path) -> None:
    path = tmp_path / "tm.sqlite3"
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            with TranslationMemory(path) as tm:
                for i in range(20):
                    tm.store(KEY, [(f"{n}-{i}", "x", True)])
        except BaseException as err:  # pragma: no cover - reported below
            errors.append(err)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with TranslationMemory(path) as tm:
        assert len(tm) == 80


def test_progress_counts_hits_and_chunks(tmp_path: Path) -> None:
    steps: list[int] = []
    with TranslationMemory(tmp_path / "tm.sqlite3") as tm:
        tm.store(MemoryKey("fake-1", "en", "nl", "g", "plain"), [("a", "A", True)])
        CachedEngine(UpperEngine(), tm, "g", chunk=2, progress=steps.append).translate(
            ["a", "b", "c", "d"])
    assert steps == [1, 2, 1]
