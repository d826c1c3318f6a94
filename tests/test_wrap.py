from __future__ import annotations

import subprocess
from collections.abc import Iterable
from pathlib import Path

import pytest

from localize.catalogs import wrap
from localize.catalogs.model import Catalog, Entry
from localize.catalogs.pofile import read_po, write_po
from tests.conftest import gnu

HEADER = {"Content-Type": "text/plain; charset=UTF-8"}

# Each of these once came out differently from GNU's msgcat, or is a case its
# line breaking treats specially.
CASES = {
    "fits-in-77-not-after-msgid": "Since the beginning of 2021, I started leading the Applied AI "
                                  "Research team.",
    "hyphens": "A long message that goes past the seventy-nine column limit of GNU gettext, so "
               "it breaks after the hyphen in well-known words like state-of-the-art ones",
    "han-without-spaces": "在多伦多大学读本科时深度学习三巨头之一的Geoffrey Hinton"
                          "就成了他的导师当时这个领域一片荒芜但他的学习动机非常明确"
                          "就是要对AI做出哪怕非常小但有意义的贡献",
    "han-punctuation": "AlexNet的出现使得深度学习大放异彩，并让AI在过去10年里得到突飞猛进的发展。"
                       "（这是第二句。）「引号」《书名》、顿号：冒号！",
    "unbreakable": "Averyveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryvery"
                   "longword and then more words after it",
    "escapes": 'Quotes "inside" and a back\\slash and a\ttab and \\"both\\" at the 77th column'
               ' "edge"',
    "embedded-newlines": "Line one\nLine two is long enough to need wrapping on its own when it "
                         "is written out\n\nAfter an empty line\n",
    "controls": "bell\a back\b feed\f tab\t vt\v cr\r esc\x1b del\x7f next\x85line\u2028"
                "separator and more text to fill the line beyond its edge",
    "double-spaces": "Two  spaces  between  words  keep  their  place  when  a  line  is  broken "
                     "at  the  edge  of  the  page",
    "latin-1": "Één ÿ§ß «guillemets» ¿qué? ¡sí! señor, this line has Latin-1 letters and goes on "
               "past the edge of the page",
    "break-before-escape": "x" * 70 + ' "quoted"',
    "only-newline-at-edge": "y" * 76 + "\n",
    "korean-japanese-emoji": "한국어 문장은 공백으로 나뉩니다 "
                             "そして日本語のカタカナ表記はカタカナです 👍🏽 "
                             "🇳🇱🇳🇱 family 👨‍👩‍👧 end",
}


def _msgcat(path: Path, *options: str) -> bytes:
    return subprocess.run([gnu("msgcat"), *options, str(path)], check=True,
                          capture_output=True).stdout


def _catalog(texts: Iterable[str], flags: list[str] | None = None) -> Catalog:
    catalog = Catalog(header=dict(HEADER))
    for text in texts:
        catalog.add(Entry(msgid=text, msgstr=text, flags=list(flags or [])))
    return catalog


@pytest.mark.parametrize("width", [79, None, 0, 20, 40, 120],
                         ids=["default", "no-wrap", "width-0", "w20", "w40", "w120"])
@pytest.mark.parametrize("text", list(CASES.values()), ids=list(CASES))
def test_strings_match_gnu_msgcat(tmp_path: Path, text: str, width: int | None) -> None:
    options = {None: ["--no-wrap"], 79: []}.get(width, [f"--width={width}"])
    path = tmp_path / "ours.po"
    ours = write_po(_catalog([text]), width=width).encode("utf-8")
    path.write_bytes(ours)
    assert _msgcat(path, *options).decode("utf-8") == ours.decode("utf-8")


def test_string_that_fits_in_77_columns_but_not_after_msgid() -> None:
    text = CASES["fits-in-77-not-after-msgid"]
    assert wrap.string_lines("msgid", text) == ['msgid ""', f'"{text}"']


def test_break_after_hyphen_and_between_ideographs() -> None:
    lines = wrap.string_lines("msgid", "word " * 14 + "state-of-the-art")
    assert lines[1:] == ['"' + "word " * 14 + 'state-"', '"of-the-art"']
    han = wrap.string_lines("msgstr", "汉" * 50)
    assert han[1:] == ['"' + "汉" * 38 + '"', '"' + "汉" * 12 + '"']


def test_no_line_starts_with_closing_punctuation() -> None:
    lines = wrap.string_lines("msgstr", "汉" * 37 + "字。" + "汉" * 10)
    assert all(not line.startswith('"。') for line in lines)


def test_width_counts_escapes_and_wide_characters() -> None:
    assert wrap.display_width("a\\n汉") == 5
    assert wrap.display_width("e\u0301") == 1  # combining accent takes no column
    assert wrap.display_width("\x01") == 0


def test_format_directives_stay_whole(tmp_path: Path) -> None:
    text = "x" * 66 + " %(some name)s and more words to fill the second line"
    flagged = _catalog([text], flags=["python-format"])
    lines = write_po(flagged).splitlines()
    assert '"%(some name)s and more words to fill the second line"' in lines
    path = tmp_path / "f.po"
    path.write_text(write_po(flagged), encoding="utf-8")
    assert _msgcat(path).decode("utf-8") == write_po(flagged)


def test_references_fill_the_page_as_gnu_does(tmp_path: Path) -> None:
    catalog = _catalog(["a"])
    entry = catalog.get("a")
    assert entry is not None
    entry.references = [f"seeds/page_{n:03d}.txt:{n * 7}" for n in range(30)]
    entry.references += ["./seeds/dotted.txt:012", "seeds/page_001.txt:7", "no-line-number"]
    path = tmp_path / "r.po"
    path.write_text(write_po(catalog), encoding="utf-8")
    for options in ([], ["--width=40"], ["--no-wrap"], ["--width=0"]):
        width = {"--width=40": 40, "--no-wrap": None, "--width=0": 0}.get(
            options[0] if options else "", 79)
        path.write_text(write_po(catalog, width=width), encoding="utf-8")
        assert _msgcat(path, *options).decode("utf-8") == write_po(catalog, width=width)
    text = write_po(catalog)
    assert "seeds/dotted.txt:12" in text and "./seeds" not in text
    assert text.count("seeds/page_001.txt:7") == 1
    assert all(len(line) <= 79 for line in text.splitlines() if line.startswith("#:"))


def test_legacy_cjk_charsets_count_wide_columns(tmp_path: Path) -> None:
    text = "深度学习的出现使得人工智能大放异彩，Δ和Ж在这种编码里也占两列 and words" * 2
    catalog = _catalog([text])
    catalog.header["Content-Type"] = "text/plain; charset=GBK"
    ours = write_po(catalog).encode("gbk")
    path = tmp_path / "gbk.po"
    path.write_bytes(ours)
    assert _msgcat(path) == ours
    assert write_po(catalog) != write_po(_catalog([text]))  # UTF-8 counts Δ as one column


def test_writer_is_linear_in_line_length(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each character is looked up a bounded number of times, however long the line."""
    calls = 0
    real = wrap._CharData.props

    def counting(self: wrap._CharData, ch: str) -> tuple[int, int]:
        nonlocal calls
        calls += 1
        return real(self, ch)

    monkeypatch.setattr(wrap._CharData, "props", counting)
    for size in (20_000, 80_000):
        calls = 0
        catalog = _catalog(["这是一个没有空格的很长的中文句子" * (size // 16)])
        lines = write_po(catalog).splitlines()
        assert 2 * size // 38 <= len(lines) <= 2 * size // 38 + 10  # 38 ideographs a line
        # msgid and msgstr: a class and a width per character, each computed at
        # most twice (GNU redoes the first line), and one width sum for the fast path.
        assert calls <= 2 * 5 * size


def test_a_100k_character_chinese_line_is_written_and_read_back(tmp_path: Path) -> None:
    text = "深度学习让人工智能在过去十年里得到突飞猛进的发展" * 4_000  # 96,000 characters
    catalog = _catalog([text])
    written = write_po(catalog)
    assert read_po(written).get(text) is not None
    path = tmp_path / "long.po"
    path.write_text(written, encoding="utf-8")
    assert _msgcat(path).decode("utf-8") == written
