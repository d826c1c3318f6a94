"""Property and fuzz tests: no exception other than our own escapes the readers and writers."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from localize.catalogs.model import Catalog, Entry
from localize.catalogs.pofile import read_po, write_po
from localize.errors import CatalogError, InputError
from localize.sources.documents import decode
from tests.faults.conftest import FIGURES

# Fragments that PO files are made of, so that random text often gets deep into the parser.
PIECES = ['msgid "', 'msgstr "', "msgctxt ", "msgid_plural ", "msgstr[0] ", "msgstr[9] ", '"',
          "\\", "\\n", "\\x", "#~ ", "#| ", "#, fuzzy", "#. ", "#: a:1", "# ", "\n", "\r\n",
          " ", "é", "中", '""', "Plural-Forms: nplurals=2; plural=n;", "\\\"", "\ufeff"]
po_soup = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=5)), max_size=60).map(
    "".join)


@settings(max_examples=400)
@given(po_soup)
def test_reader_raises_only_catalog_errors(text: str) -> None:
    FIGURES["bad inputs tried"] += 1
    try:
        catalog = read_po(text, path="fuzz.po")
    except CatalogError as err:
        assert err.path == "fuzz.po"
        return
    again = read_po(write_po(catalog))  # whatever we accept, we write back readably
    assert [(e.msgid, e.msgstr, e.obsolete) for e in again.entries] == [
        (e.msgid, e.msgstr, e.obsolete) for e in catalog.entries
        if not e.obsolete or (e.msgstr_plural.get(0) if e.msgid_plural else e.msgstr)]


entries = st.builds(
    Entry,
    msgid=st.text(min_size=1, max_size=80),
    msgstr=st.text(max_size=80),
    msgctxt=st.none() | st.text(max_size=10),
    translator_comments=st.lists(st.text(max_size=30).map(lambda s: " ".join(s.split())),
                                 max_size=2),
    flags=st.lists(st.sampled_from(["fuzzy", "python-format", "no-wrap"]), max_size=2,
                   unique=True),
    obsolete=st.booleans(),
)


@settings(max_examples=200)
@given(st.lists(entries, max_size=8, unique_by=lambda e: (e.msgctxt, e.msgid)))
def test_write_then_read_gives_the_same_catalog(items: list[Entry]) -> None:
    catalog = Catalog(header={"Language": "nl"}, entries=items)
    again = read_po(write_po(catalog))
    # as GNU writes them: flags in its order, fuzzy only on a translated entry, an
    # obsolete entry without a translation left out
    expected = [(e.msgctxt, e.msgid, e.msgstr, e.translator_comments,
                 [f for f in ("fuzzy", "python-format", "no-wrap")
                  if f in e.flags and (f != "fuzzy" or e.msgstr)], e.obsolete)
                for e in sorted(items, key=lambda e: e.obsolete) if e.msgstr or not e.obsolete]
    assert [(e.msgctxt, e.msgid, e.msgstr, e.translator_comments, e.flags, e.obsolete)
            for e in again.entries] == expected


@settings(max_examples=300)
@given(st.binary(max_size=300))
def test_decoder_raises_only_input_errors(data: bytes) -> None:
    FIGURES["bad inputs tried"] += 1
    try:
        text, _ = decode(data, path="fuzz.txt")
    except InputError as err:
        assert err.path == "fuzz.txt"
        return
    assert isinstance(text, str)
