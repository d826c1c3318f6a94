"""The splitter's word data, read lazily from a compact cache of the packaged files.

The packaged data (``localize/data/split_*.tsv.gz``, built by the
``tools/build_split_*.py`` scripts) takes a fifth of a second to decompress
and turn into dictionaries, more than a page takes to split. So the first
use writes it as one binary file in the user's cache folder
(``$LOCALIZE_CACHE_DIR``, else ``$XDG_CACHE_HOME/localize``, else
``~/.cache/localize``), named after a digest of the packaged files: new data
gets a new file, and a file that is missing or does not match is built
again. Deleting it is always safe. Where the folder cannot be written, the
data is built in memory for the process.

In the file, the words and the lexicon are hash tables of text records that
stay as bytes, mapped into memory: a look-up hashes the key (CRC-32), finds
its bucket and searches the bucket's few records. Nothing is read or
converted that is not looked up, so the data is ready in a few milliseconds.
"""

from __future__ import annotations

import logging
import marshal
import mmap
import os
import sys
import zlib
from array import array
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple, Protocol

from localize.cache import default_cache_dir

__all__ = ["SOURCES", "Table", "WordData", "load_word_data", "stem",
           "translation_keys"]

log = logging.getLogger(__name__)

SOURCES = ("split_words.tsv.gz", "split_trigrams.tsv.gz", "split_lexicon.tsv.gz")
MAGIC = b"localize-split-data-3"  # change it when the file's content or its derivation changes
HEADER = 256  # bytes: the header line, padded; the sections follow, aligned
RECORDS_PER_BUCKET = 4
EN_SUFFIXES = ("ing", "ed", "es", "s", "ly", "er")
NL_SUFFIXES = ("heid", "en", "te", "de", "e", "s", "t", "d")
# the suffixes in the order they are tried, grouped by their last letter
_SUFFIXES_BY_LAST = {last: tuple(x for x in EN_SUFFIXES + NL_SUFFIXES if x[-1] == last)
                     for last in {x[-1] for x in EN_SUFFIXES + NL_SUFFIXES}}


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The word without its first matching English or Dutch suffix (three letters stay)."""
    for suffix in _SUFFIXES_BY_LAST.get(word[-1:], ()):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def translation_keys(translations: set[str]) -> set[str]:
    """The link keys of a word's translations: each translation and its stem."""
    return {"w:" + t for t in translations} | {"w:" + stem(t) for t in translations}


class Buffer(Protocol):
    """Bytes or a memory-mapped file: what a :class:`Table` searches."""

    def find(self, sub: bytes, start: int, end: int, /) -> int: ...

    def __getitem__(self, index: slice, /) -> bytes: ...

    def __len__(self) -> int: ...


class Table:
    """A read-only map from words to text values, searched in place in a buffer of records."""

    __slots__ = ("_base", "_buckets", "_data", "_offsets")

    def __init__(self, offsets: memoryview, data: Buffer, base: int, size: int) -> None:
        """``offsets``: where each bucket starts in the ``size`` bytes of records at ``base``."""
        self._offsets = offsets.cast("I")
        self._buckets = len(self._offsets) - 1
        self._data = data
        self._base = base
        if (self._buckets < 1 or self._offsets[0] != 0 or self._offsets[-1] != size
                or base + size > len(data)):
            raise ValueError("damaged word table")

    @staticmethod
    def build(items: Mapping[str, str]) -> tuple[bytes, bytes]:
        """The bucket offsets and the records of a table holding ``items``.

        Keys and values hold no tabs or line breaks. Each record is a line
        break, the key, a tab and the value; a bucket's records follow each other.
        """
        count = max(1, len(items) // RECORDS_PER_BUCKET)
        buckets: list[list[bytes]] = [[] for _ in range(count)]
        for key, value in items.items():
            raw = key.encode("utf-8")
            buckets[zlib.crc32(raw) % count].append(b"\n" + raw + b"\t" + value.encode("utf-8"))
        offsets = array("I", [0])
        parts = []
        for records in buckets:
            part = b"".join(records)
            parts.append(part)
            offsets.append(offsets[-1] + len(part))
        return offsets.tobytes(), b"".join(parts)

    def get(self, key: str) -> str | None:
        """The value of ``key``, or None."""
        raw = key.encode("utf-8")
        bucket = zlib.crc32(raw) % self._buckets
        start = self._base + self._offsets[bucket]
        end = self._base + self._offsets[bucket + 1]
        at = self._data.find(b"\n" + raw + b"\t", start, end)
        if at < 0:
            return None
        at += len(raw) + 2
        stop = self._data.find(b"\n", at, end)
        return self._data[at : end if stop < 0 else stop].decode("utf-8")


class WordData(NamedTuple):
    """The splitter's word data: Zipf frequencies, trigram odds and the bilingual lexicon."""

    words: Table  # word -> "en_zipf_x10 nl_zipf_x10"
    trigrams: dict[str, float]  # trigram -> log-odds of Dutch over English
    lexicon: Table  # word -> link keys of its translations (see translation_keys), sorted


def load_word_data(folder: Path | None = None) -> WordData:
    """The word data, from the cache file in ``folder`` (default: the cache folder,
    :func:`localize.cache.default_cache_dir`).

    The file is (re)built from the packaged data when it is missing or does not
    match; when it cannot be written, the data built in memory is used as it is.
    """
    packaged = [_packaged(name) for name in SOURCES]
    key = _key(packaged)
    path = (default_cache_dir() if folder is None else folder) / f"split-data-{key}.bin"
    try:
        with path.open("rb") as fh:
            return _decode(mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ), key)
    except FileNotFoundError:
        pass
    except (OSError, ValueError, EOFError, TypeError) as err:
        log.debug("rebuilding the splitter's word data cache %s: %s", path, err)
    data = _encode(packaged, key)
    _write(path, data)
    return _decode(data, key)


DATA = Path(__file__).resolve().parent.parent / "data"  # the package's data folder


def _packaged(name: str) -> bytes:
    # a path, not importlib.resources: that module takes 5 ms to import, a tenth of a start
    return (DATA / name).read_bytes()


def _key(packaged: list[bytes]) -> str:
    """The digest that names the cache file: of the packaged files, the format (with the
    suffixes that make the stems of the stored link keys), the platform."""
    rules = repr((EN_SUFFIXES, NL_SUFFIXES, RECORDS_PER_BUCKET, HEADER)).encode()
    check = zlib.crc32(MAGIC + rules + b"|%d|" % marshal.version + sys.byteorder.encode())
    sizes = 0
    for blob in packaged:
        check = zlib.crc32(blob, check)
        sizes = sizes * 1_000_003 + len(blob)
    return f"{check:08x}{sizes % 2**32:08x}"


def _fields(blob: bytes) -> list[str]:
    """The whitespace-separated fields of a gzipped data file, after its header line."""
    import gzip  # here and in _write, not at the top: only a new cache file needs them

    text = gzip.decompress(blob).decode("utf-8")
    if text.startswith("#"):
        text = text[text.find("\n") + 1 :]
    return text.split()


def _encode(packaged: list[bytes], key: str) -> bytes:
    """The cache file for the packaged data (given in the order of :data:`SOURCES`)."""
    words, trigrams, lexicon = (_fields(blob) for blob in packaged)
    zipfs = {w: f"{en} {nl}" for w, en, nl in zip(*(iter(words),) * 3, strict=True)}
    odds = {t: int(x) / 100.0 for t, x in zip(*(iter(trigrams),) * 2, strict=True)}
    lex = {w: "|".join(sorted(translation_keys(set(packed.split("|")))))
           for w, packed in zip(*(iter(lexicon),) * 2, strict=True)}
    sections = [*Table.build(zipfs), *Table.build(lex), marshal.dumps(odds)]
    header = b" ".join([MAGIC, key.encode(), *(b"%d" % len(part) for part in sections)])
    return header.ljust(HEADER - 1) + b"\n" + b"".join(_padded(part) for part in sections)


def _padded(part: bytes) -> bytes:
    """A section padded to a multiple of 8 bytes, so that the next one is aligned."""
    return part + b"\0" * (-len(part) % 8)


def _decode(data: Buffer, key: str) -> WordData:
    """The word data in a cache file; ValueError when the file is not the one expected."""
    fields = data[:HEADER].split()
    if len(fields) != 7 or fields[:2] != [MAGIC, key.encode()]:
        raise ValueError("not the cache file of this data")
    sizes = [int(x) for x in fields[2:]]
    starts = [HEADER]
    for size in sizes:
        starts.append(starts[-1] + size + (-size % 8))
    if starts[-1] != len(data):
        raise ValueError("truncated cache file")
    view = memoryview(data)  # type: ignore[arg-type]
    parts = [view[at : at + size] for at, size in zip(starts, sizes, strict=False)]
    odds = marshal.loads(parts[4])
    if not isinstance(odds, dict):
        raise ValueError("damaged cache file")
    return WordData(Table(parts[0], data, starts[1], sizes[1]), odds,
                    Table(parts[2], data, starts[3], sizes[3]))


def _write(path: Path, data: bytes) -> None:
    """Write the cache file atomically; a folder that cannot be written is no error."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        import tempfile

        fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError as err:
        log.debug("could not write the splitter's word data cache %s: %s", path, err)
