from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from localize.errors import InputError
from localize.sources.documents import normalize_line, read_document

ZH = "深度学习崛起十年:“开挂”的OpenAI革新者\n他加入了谷歌大脑。\n"
ZH_TRADITIONAL = "深度學習崛起十年:開掛的革新者\n他加入了谷歌大腦。\n"
NL = "Café, coöperatie en één ideeën\nWaarom dit telt\n"


@pytest.mark.parametrize(
    ("data", "encoding", "expected"),
    [
        (ZH.encode("utf-8"), "utf-8", ZH),
        (codecs.BOM_UTF8 + ZH.encode("utf-8"), "utf-8-sig", ZH),
        (ZH.encode("utf-16"), "utf-16", ZH),
        (ZH.encode("utf-16-le"), "utf-16-le", ZH),
        (ZH.encode("gb18030"), "gb18030", ZH),
        (ZH_TRADITIONAL.encode("big5"), "big5", ZH_TRADITIONAL),
        (NL.encode("cp1252"), "cp1252", NL),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16le-no-bom", "gb18030", "big5", "cp1252"],
)
def test_encodings_are_recognised(tmp_path: Path, data: bytes, encoding: str,
                                  expected: str) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes(data)
    document = read_document(path)
    assert document.encoding == encoding
    assert document.lines == tuple(expected.splitlines())


def test_binary_file_is_refused_by_name(tmp_path: Path) -> None:
    path = tmp_path / "image.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00")
    with pytest.raises(InputError, match="binary file") as caught:
        read_document(path)
    assert caught.value.path == str(path)


def test_undecodable_file_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes(b"fine line\nsecond line\n\x81\x8d\x8f\x90\x9d bad\n")
    with pytest.raises(InputError, match="UTF-8") as caught:
        read_document(path)
    assert caught.value.line == 3


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="document not found"):
        read_document(tmp_path / "nope.txt")


def test_line_numbers_follow_every_line_ending(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes("one\r\ntwo\rthree\nfour\u2028still four".encode())
    assert read_document(path).lines == ("one", "two", "three", "four still four")


def test_empty_file_has_no_lines(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert read_document(path).lines == ()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("cafe\u0301", "café"),
        ("a\u00a0b\u2009c\u202fd", "a b c d"),
        ("zero\u200bwidth\u200d\ufeff", "zerowidth"),
        ("bell\x07 and tab\t", "bell and tab "),
        ("全角\u3000空格", "全角\u3000空格"),
    ],
    ids=["nfc", "odd-spaces", "zero-width", "controls", "ideographic-space-kept"],
)
def test_normalize_line(raw: str, expected: str) -> None:
    assert normalize_line(raw) == expected
