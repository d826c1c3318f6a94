from __future__ import annotations

import subprocess
from pathlib import Path

import polib
import pytest
from babel.messages.pofile import read_po as babel_read_po
from hypothesis import given
from hypothesis import strategies as st

from localize.catalogs.model import Catalog, Entry
from localize.catalogs.pofile import escape, read_po, unescape, write_po
from localize.errors import CatalogError
from tests.conftest import gnu, msgfmt_check

HEADER = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: nl\\n"\n'
    '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
)

SAMPLE = HEADER + """\
# a translator's note
#. lang: en
#: seeds/a.txt:3 seeds/b.txt:9
#, fuzzy, python-format
#| msgid "Old %s"
msgid "New %s"
msgstr "Nieuw %s"

msgctxt "menu"
msgid "File"
msgstr "Bestand"

msgid "one file"
msgid_plural "%d files"
msgstr[0] "een bestand"
msgstr[1] "%d bestanden"

#~ msgid "Gone"
#~ msgstr "Weg"
"""


def test_read_keeps_every_part() -> None:
    catalog = read_po(SAMPLE)
    entry = catalog.get("New %s")
    assert entry is not None
    assert entry.translator_comments == ["a translator's note"]
    assert entry.auto_comments == ["lang: en"]
    assert entry.references == ["seeds/a.txt:3", "seeds/b.txt:9"]
    assert entry.flags == ["fuzzy", "python-format"]
    assert entry.previous_msgid == "Old %s"
    assert catalog.get("File", "menu") is not None
    plural = catalog.get("one file")
    assert plural is not None and plural.msgstr_plural == {0: "een bestand", 1: "%d bestanden"}
    gone = catalog.get("Gone")
    assert gone is not None and gone.obsolete and gone.msgstr == "Weg"
    assert catalog.header["Language"] == "nl"


def test_write_then_read_is_identity() -> None:
    text = write_po(read_po(SAMPLE))
    assert text == SAMPLE
    assert write_po(read_po(text)) == text


def test_written_file_passes_msgfmt_and_other_readers(tmp_path: Path) -> None:
    path = tmp_path / "nl.po"
    path.write_text(write_po(read_po(SAMPLE)), encoding="utf-8")
    msgfmt_check(path)
    assert polib.pofile(str(path)).find("New %s").msgstr == "Nieuw %s"
    with path.open("rb") as handle:
        babel_catalog = babel_read_po(handle)
    assert babel_catalog.get("File", context="menu").string == "Bestand"


@pytest.mark.parametrize(
    "text",
    [
        "A short one",
        "A long message that goes past the seventy-nine column limit of GNU gettext, so it wraps "
        "at spaces into several lines like msgcat does",
        "Line one\nLine two\n",
        "在多伦多大学读本科时,深度学习三巨头之一的Geoffrey Hinton就成了他的导师,"
        "当时这个领域一片荒芜,但他的学习动机非常明确,就是要对AI做出哪怕非常小但有意义的贡献。",
        "Averyveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryverylongword",
        'Quotes "inside" and a back\\slash and a\ttab',
    ],
    ids=["short", "long-latin", "newlines", "long-han", "unbreakable", "escapes"],
)
def test_wrapping_matches_gnu_msgcat(tmp_path: Path, text: str) -> None:
    catalog = Catalog(header={"Content-Type": "text/plain; charset=UTF-8"})
    catalog.add(Entry(msgid=text, msgstr=text))
    ours = tmp_path / "ours.po"
    ours.write_text(write_po(catalog), encoding="utf-8")
    theirs = tmp_path / "theirs.po"
    subprocess.run([gnu("msgcat"), str(ours), "-o", str(theirs)], check=True)
    body = theirs.read_text(encoding="utf-8").split("\n\n", 1)[1]
    assert ours.read_text(encoding="utf-8").split("\n\n", 1)[1] == body


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (HEADER + 'msgid "a\nmsgstr "b"\n', 7, "unterminated"),
        (HEADER + 'msgid "a\\q"\nmsgstr "b"\n', 7, "invalid escape"),
        (HEADER + 'msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', 10, "duplicate message"),
        (HEADER + 'msgid "a"\n', 7, "no msgstr"),
        (HEADER + 'msgid "a"\nmsgstr "b"\nmsgstr "c"\n', 9, "duplicate msgstr"),
        ('#. lang: en\nmsgstr "b"\n', 2, "no msgid"),
        (HEADER + 'msgid "a"\nmsgstr[0] "b"\n', 7, "without msgid_plural"),
        (HEADER + 'nonsense here\n', 7, "unexpected"),
        ('msgid ""\nmsgstr ""\n"broken header line\\n"\n', 1, "malformed header"),
        ('msgid ""\nmsgstr ""\n"Plural-Forms: nplurals=two\\n"\n', 1, "Plural-Forms"),
        ("<html><body>not a catalog</body></html>\n", 1, "unexpected"),
    ],
    ids=["unterminated", "bad-escape", "duplicate", "no-msgstr", "two-msgstr", "no-msgid",
         "plural-index",
         "garbage", "broken-header", "broken-plural-forms", "not-a-catalog"],
)
def test_malformed_catalogs_name_the_line(text: str, line: int, message: str) -> None:
    with pytest.raises(CatalogError) as caught:
        read_po(text, path="locales/nl/LC_MESSAGES/messages.po")
    assert caught.value.line == line
    assert message in str(caught.value)
    assert str(caught.value).startswith(f"locales/nl/LC_MESSAGES/messages.po:{line}: ")


def test_crlf_bom_and_missing_final_newline_are_read() -> None:
    text = "\ufeff" + SAMPLE.replace("\n", "\r\n").rstrip("\r\n")
    assert write_po(read_po(text)) == SAMPLE


def test_escape_round_trip() -> None:
    assert unescape(escape('a"b\\c\n\t')) == 'a"b\\c\n\t'


printable = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
                    max_size=200)


@given(msgid=printable.filter(bool), msgstr=printable, comment=printable.map(
    lambda s: " ".join(s.split())))
def test_any_entry_survives_write_and_read(msgid: str, msgstr: str, comment: str) -> None:
    catalog = Catalog(header={"Language": "nl"})
    catalog.add(Entry(msgid=msgid, msgstr=msgstr, translator_comments=[comment] if comment else []))
    again = read_po(write_po(catalog))
    entry = again.get(msgid)
    assert entry is not None
    assert entry.msgstr == msgstr
    assert entry.translator_comments == ([comment] if comment else [])
