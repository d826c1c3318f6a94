"""Every catalog the writer produces is a fixed point of GNU msgcat and msgmerge.

Catalogs are generated from a rich alphabet (words, hyphens, digits, CJK
ideographs and punctuation, Latin-1, double spaces, escapes, control
characters, long unbreakable words, format directives) with plurals, contexts,
previous msgids, obsolete entries, flags, comments and references. GNU's tools
must give back our bytes exactly, at the default width, at other widths and
with ``--no-wrap``.

``LOCALIZE_GNU_EXAMPLES`` sets the number of generated catalogs (default 100;
2,000 for a thorough local run).
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from localize.catalogs.headers import make_header
from localize.catalogs.model import Catalog, Entry
from localize.catalogs.pofile import read_po, write_po
from tests.conftest import gnu

EXAMPLES = int(os.environ.get("LOCALIZE_GNU_EXAMPLES", "100"))
DATE = "2024-01-01 00:00+0000"

_WORD = st.text("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=12)
_HAN = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=1,
               max_size=40)
_CJK_PUNCTUATION = st.sampled_from(list("。，、；：？！「」『』（）《》〈〉【】…—·～“”‘’　"))
_LATIN1 = st.text(st.characters(min_codepoint=0xA0, max_codepoint=0xFF), min_size=1, max_size=6)
_ESCAPES = st.sampled_from(["\n", "\t", '"', "\\", "\r", "\a", "\b", "\f", "\v", "\x01", "\x1b",
                            "\x7f", "\x85", "\u2028", "\u200b", "\u00ad", "\ufeff"])
_LONG = st.text("abcdefghijklmnopqrstuvwxyz", min_size=60, max_size=120)
_DIRECTIVES = st.sampled_from(["%s", "%d", "% d", "%(name)s", "%(some name)s", "%(名字)s",
                               "%-5.2f", "%*d", "%%", "%", "%(", "{0}", "{name}", "{foo.bar}",
                               "{0:>10}", "{a[key]}", "{x:{w}}", "{{", "}}", "{", "{名}"])
_ANY = st.characters(blacklist_categories=("Cs", "Co", "Cn"),
                     blacklist_characters="\x00\x04")  # GNU: end of string, context separator
_ATOM = st.one_of(
    _WORD, _WORD, _WORD, st.sampled_from([" ", " ", " ", "  ", "-", "--", "-", "'", ".", ",",
                                          "e.g.", "—", "!", "?", "(", ")", "/"]),
    st.integers(0, 10**6).map(str), _HAN, _CJK_PUNCTUATION, _LATIN1, _ESCAPES, _LONG,
    _DIRECTIVES, _ANY,
)
TEXT = st.lists(_ATOM, max_size=40).map("".join)
_COMMENT = st.text(st.characters(blacklist_categories=("Cs", "Co", "Cn", "Cc", "Zl", "Zp")),
                   max_size=60).map(lambda s: s.rstrip("\\"))  # GNU joins a line ending in \\
_REFERENCE = st.builds(lambda d, n, line: f"{d}{n}.txt" + (f":{line}" if line else ""),
                       st.sampled_from(["seeds/", "./seeds/", "pages/ünï/", ""]),
                       st.text("abcdefghij_0123456789", min_size=1, max_size=30),
                       st.integers(0, 99999))
_FLAGS = st.lists(st.sampled_from(["python-format", "python-brace-format", "no-python-format",
                                   "no-c-format", "no-wrap", "possible-python-format",
                                   "range: 1..5"]), max_size=2)


@st.composite
def entries(draw: st.DrawFn) -> Entry:
    msgid = draw(TEXT) or "x"
    plural = draw(st.one_of(st.none(), TEXT.map(lambda t: t or "y")))
    entry = Entry(msgid=msgid, msgctxt=draw(st.one_of(st.none(), st.none(), TEXT)),
                  msgid_plural=plural, flags=draw(_FLAGS),
                  translator_comments=draw(st.lists(_COMMENT, max_size=2)),
                  auto_comments=draw(st.lists(_COMMENT, max_size=2)),
                  references=draw(st.lists(_REFERENCE, max_size=15)))
    if plural is None:
        entry.msgstr = draw(TEXT)
    else:
        entry.msgstr_plural = {0: draw(TEXT), 1: draw(TEXT)}
    translated = bool(entry.msgstr or entry.msgstr_plural.get(0))
    if translated and draw(st.booleans()):
        entry.set_fuzzy(True)  # msgmerge keeps a previous msgid only on fuzzy entries
        entry.previous_msgid = draw(st.one_of(st.none(), TEXT))
        if entry.previous_msgid is not None:  # PO has no previous msgctxt on its own
            entry.previous_msgctxt = draw(st.one_of(st.none(), st.none(), TEXT))
    entry.obsolete = draw(st.integers(0, 9)) == 0
    return entry


@st.composite
def catalogs(draw: st.DrawFn) -> Catalog:
    header = make_header("nl", {}, project="site", created=DATE, revised=DATE)
    catalog = Catalog(header=header, header_comments=["Dutch translations."])
    for number, entry in enumerate(draw(st.lists(entries(), min_size=1, max_size=8))):
        entry.obsolete = entry.obsolete and number > 0  # msgcat writes nothing for no messages
        if entry.key not in catalog:
            catalog.add(entry)
    return catalog


def _template(catalog: Catalog) -> Catalog:
    """The template extract would write for ``catalog``: its live entries, untranslated."""
    header = make_header(None, {}, project="site", created=DATE, revised=DATE)
    template = Catalog(header=header, header_flags=["fuzzy"])
    for entry in catalog:
        template.add(Entry(msgid=entry.msgid, msgctxt=entry.msgctxt,
                           msgid_plural=entry.msgid_plural,
                           msgstr_plural={0: "", 1: ""} if entry.msgid_plural else {},
                           auto_comments=list(entry.auto_comments),
                           references=list(entry.references),
                           flags=[f for f in entry.flags if f != "fuzzy"]))
    return template


def _run(*args: str) -> str:
    done = subprocess.run(list(args), capture_output=True, check=False)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    return done.stdout.decode("utf-8")


_WIDTHS = st.one_of(st.sampled_from([79, 79, None, 0]), st.integers(1, 140))


@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(catalog=catalogs(), width=_WIDTHS)
def test_msgcat_and_msgmerge_give_our_bytes_back(catalog: Catalog, width: int | None) -> None:
    msgcat, msgmerge = gnu("msgcat"), gnu("msgmerge")
    options = {None: ["--no-wrap"], 79: []}.get(width, [f"--width={width}"])
    ours = write_po(catalog, width=width)
    with tempfile.TemporaryDirectory() as folder:
        po, pot = Path(folder) / "nl.po", Path(folder) / "messages.pot"
        po.write_bytes(ours.encode("utf-8"))
        pot.write_bytes(write_po(_template(catalog), width=width).encode("utf-8"))
        assert _run(msgcat, *options, str(po)) == ours
        assert _run(msgmerge, "--quiet", "--previous", *options, str(po), str(pot)) == ours
    assert write_po(read_po(ours), width=width) == ours


def test_a_reference_written_with_and_without_dot_slash_is_one_reference(tmp_path: Path) -> None:
    catalog = Catalog(header=make_header("nl", {}, project="site", created=DATE, revised=DATE))
    catalog.add(Entry(msgid="A", references=["seeds/0.txt", "./seeds/0.txt"]))
    ours = write_po(catalog)
    assert "#: seeds/0.txt\n" in ours
    po = tmp_path / "a.po"
    po.write_bytes(ours.encode("utf-8"))
    assert _run(gnu("msgcat"), str(po)) == ours
