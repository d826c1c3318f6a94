"""Reading source documents: encoding detection and Unicode normalisation.

Line numbers are kept exactly as an editor shows them (lines end at ``\\n``,
``\\r\\n`` or ``\\r``), so references in the catalogs point at the right place.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from localize.errors import InputError
from localize.fsio import read_limited

__all__ = ["Document", "decode", "normalize_line", "read_document", "read_text"]


DEFAULT_MAX_BYTES = 16 * 1024**2


@dataclass(frozen=True)
class Document:
    """A source document: its path (as given) and its normalised lines."""

    path: str
    lines: tuple[str, ...]
    encoding: str


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Zero-width and formatting characters that only get in the way of matching.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_ODD_SPACE = re.compile(r"[\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\t\x0b\x0c\x85]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def read_document(path: Path, *, display: str | None = None,
                  max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read and decode a source file; refuse binary files and unknown encodings by name.

    Files over ``max_bytes`` (and FIFOs and devices) are refused after reading at
    most that much.
    """
    name = display or str(path)
    data = read_limited(path, InputError, "document", limit=max_bytes, display=name,
                        hint="; split the file or raise the limit with --max-size")
    text, encoding = decode(data, path=name)
    return Document(path=name, lines=tuple(normalize_line(x) for x in _lines(text)),
                    encoding=encoding)


def read_text(text: str, *, path: str = "<stdin>") -> Document:
    """A document from text already decoded (standard input, tests)."""
    return Document(path=path, lines=tuple(normalize_line(x) for x in _lines(text)),
                    encoding="utf-8")


def decode(data: bytes, *, path: str) -> tuple[str, str]:
    """Decode bytes as UTF-8 (with or without BOM), UTF-16/32 with BOM, GB18030, Big5 or cp1252."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as err:
                raise _bad_encoding(data, err, encoding, path) from err
    if b"\x00" in data:
        utf16 = _guess_utf16(data)
        if utf16:
            return data.decode(utf16), utf16
        raise InputError("binary file (contains NUL bytes); expected a text document", path=path)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as err:
        first_error = err
    for encoding in _legacy_candidates(data):
        return data.decode(encoding), encoding
    raise _bad_encoding(data, first_error, "utf-8", path)


def _bad_encoding(data: bytes, err: UnicodeDecodeError, encoding: str, path: str) -> InputError:
    line = data[: err.start].count(b"\n") + 1
    return InputError(
        f"cannot decode as {encoding} (byte {data[err.start]:#04x}) nor as GB18030, Big5 or "
        "cp1252; convert the file to UTF-8 (iconv -f ENCODING -t UTF-8)",
        path=path, line=line,
    )


def _guess_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: accepted when one byte order gives plainly readable text."""
    if len(data) % 2:
        return None
    best, best_score = None, 0.95
    for encoding in ("utf-16-le", "utf-16-be"):
        text = _decoded(data, encoding)
        if text:
            score = sum(1 for ch in text if _readable(ch)) / len(text)
            if score > best_score:
                best, best_score = encoding, score
    return best


def _readable(ch: str) -> bool:
    return ch in "\n\r\t" or ("\u0020" <= ch < "\u3400" and ch.isprintable()) or (
        "\u3400" <= ch <= "\u9fff") or "\uff00" <= ch <= "\uffef"


def _legacy_candidates(data: bytes) -> list[str]:
    """Legacy encodings that decode ``data`` and give plausible text, best first.

    GB18030 decodes almost any byte string, so it must show mostly characters of
    GB2312 (the common simplified set); Big5 text read as GB18030 does not.
    """
    found: list[str] = []
    gb = _decoded(data, "gb18030")
    if gb is not None and _common_han_share(gb) >= 0.9:
        found.append("gb18030")
    big5 = _decoded(data, "big5")
    if big5 is not None and _han_count(big5) > 0:
        found.append("big5")
    latin = _decoded(data, "cp1252")
    if latin is not None and _han_count(gb or "") == 0:
        found.append("cp1252")
    return found


def _decoded(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _han_count(text: str) -> int:
    return sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")


def _common_han_share(text: str) -> float:
    han = [ch for ch in text if ord(ch) > 0x7F]
    if not han:
        return 0.0
    common = 0
    for ch in han:
        try:
            ch.encode("gb2312")
        except UnicodeEncodeError:
            continue
        common += 1
    return common / len(han)


def _lines(text: str) -> list[str]:
    lines = re.split(r"\r\n|\r|\n", text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def normalize_line(line: str) -> str:
    """NFC, odd spaces to plain spaces, zero-width and control characters removed.

    >>> normalize_line("caf\\u0065\\u0301\\u00a0bar\\u200b")
    'café bar'
    """
    line = unicodedata.normalize("NFC", line)
    if line.isascii():
        return _CONTROL.sub("", _ODD_SPACE.sub(" ", line))
    return _CONTROL.sub("", _ODD_SPACE.sub(" ", line.translate(_INVISIBLE)))
