"""The splitter's word data cache: built on first use, rebuilt when it does not match."""

from __future__ import annotations

import gzip
import os
from importlib import resources
from pathlib import Path

import pytest

from localize.cache import default_cache_dir
from localize.splitting.wordstore import (
    SOURCES,
    Table,
    WordData,
    load_word_data,
    stem,
    translation_keys,
)


def _packaged_fields(name: str) -> list[str]:
    raw = resources.files("localize").joinpath("data", name).read_bytes()
    text = gzip.decompress(raw).decode("utf-8")
    return text[text.find("\n") + 1 :].split()


def _table(items: dict[str, str]) -> Table:
    offsets, records = Table.build(items)
    return Table(memoryview(offsets), records, 0, len(records))


def test_table_finds_every_key_and_nothing_else() -> None:
    items = {"ab": "1", "abc": "2", "b": "3 4", "één": "x|y", "长": "z"}
    table = _table(items)
    for key, value in items.items():
        assert table.get(key) == value
    for missing in ("a", "abcd", "bc", "", "é", "ab\t1"):
        assert table.get(missing) is None


def test_table_of_one_bucket() -> None:
    table = _table({"only": "1"})
    assert table.get("only") == "1"
    assert table.get("other") is None


def test_damaged_offsets_are_refused() -> None:
    offsets, records = Table.build({"a": "1", "b": "2"})
    with pytest.raises(ValueError):
        Table(memoryview(offsets), records[:-1], 0, len(records) - 1 + 1)


def test_cache_file_is_built_once_and_matches_the_packaged_data(tmp_path: Path) -> None:
    first = load_word_data(tmp_path)
    files = list(tmp_path.glob("split-data-*.bin"))
    assert len(files) == 1
    stamp = files[0].stat().st_mtime_ns
    second = load_word_data(tmp_path)
    assert files[0].stat().st_mtime_ns == stamp  # read, not written again
    words = _packaged_fields(SOURCES[0])
    for data in (first, second):
        for word, en, nl in list(zip(words[0::3], words[1::3], words[2::3], strict=True))[::997]:
            assert data.words.get(word) == f"{en} {nl}"
        lexicon = _packaged_fields(SOURCES[2])
        for word, translations in list(zip(lexicon[0::2], lexicon[1::2], strict=True))[::331]:
            keys = translation_keys(set(translations.split("|")))
            assert data.lexicon.get(word) == "|".join(sorted(keys))
        trigrams = _packaged_fields(SOURCES[1])
        assert data.trigrams == {t: int(x) / 100.0
                                 for t, x in zip(trigrams[0::2], trigrams[1::2], strict=True)}


@pytest.mark.parametrize("damage", ["truncated", "garbage", "empty", "other-format"])
def test_a_damaged_cache_file_is_built_again(tmp_path: Path, damage: str) -> None:
    load_word_data(tmp_path)
    (path,) = tmp_path.glob("split-data-*.bin")
    good = path.read_bytes()
    bad = {"truncated": good[: len(good) // 2], "garbage": os.urandom(4096), "empty": b"",
           "other-format": good.replace(b"localize-split-data-", b"localize-split-data-x", 1)}
    path.write_bytes(bad[damage])
    data = load_word_data(tmp_path)
    assert data.words.get("hello") is not None
    assert path.read_bytes() == good


def test_an_unwritable_cache_folder_is_no_error(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    data = load_word_data(blocked / "cache")
    assert isinstance(data, WordData)
    assert data.words.get("hello") is not None


def test_cache_folder_follows_the_environment(tmp_path: Path) -> None:
    assert default_cache_dir({"LOCALIZE_CACHE_DIR": str(tmp_path)}) == tmp_path
    assert default_cache_dir({"XDG_CACHE_HOME": "/c"}) == Path("/c/localize")
    assert default_cache_dir({}) == Path.home() / ".cache" / "localize"


def test_translation_keys_hold_each_translation_and_its_stem() -> None:
    assert stem("werken") == "werk"
    assert stem("testing") == "test"
    assert stem("dat") == "dat"  # three letters stay
    assert translation_keys({"werken", "baan"}) == {"w:werken", "w:werk", "w:baan"}
