"""Stamps: localize's record of its own output, read back after any tool's rewrite."""

from __future__ import annotations

import io

import polib
import pytest
from babel.messages import pofile as babel_po

from localize.catalogs.model import Catalog, Entry
from localize.catalogs.pofile import read_po, write_po
from localize.catalogs.provenance import (
    FINAL,
    FUZZY,
    MACHINE,
    PAGE,
    Stamp,
    clean_note,
    parse_stamp,
    text_digest,
)

NOTE = ("machine translation (translate-en_nl-1_0-1.0@f565e9e2ff, en>nl), not reviewed; "
        "lost placeholder '%(name)s'; check before use")


def machine(text: str = "Bestand opslaan", *, fuzzy: bool = True) -> Entry:
    entry = Entry(msgid="Save file", msgstr=text, flags=["fuzzy"] if fuzzy else [],
                  translator_comments=["Keep it short."])
    entry.put_stamp(Stamp.make(MACHINE, "en", "nl", text=text,
                               state=FUZZY if fuzzy else FINAL, note=NOTE), NOTE)
    return entry


def test_stamp_round_trips() -> None:
    stamp = Stamp.make(PAGE, "en", "zh-Hans", text="保存", state=FINAL, note="from the page")
    assert parse_stamp(stamp.render()) == stamp
    assert stamp.render().startswith("localize:page:en>zh_Hans:final:")
    assert " " not in stamp.render() and "-" not in stamp.render()


@pytest.mark.parametrize("comment", [
    "mt: MT = Marieke Tromp, approved",
    "mt: engine=ctranslate2 model=m en→nl",  # no digest: cannot be ours
    "localize:mt:en>nl:fuzzy:3f9a0c21be and some words",
    "localize:mt:en>nl:maybe:3f9a0c21be",
    "Localize:mt:en>nl:fuzzy:3f9a0c21be",
])
def test_a_persons_comment_is_never_a_stamp(comment: str) -> None:
    assert parse_stamp(comment) is None
    entry = Entry(msgid="Save", msgstr="Opslaan", translator_comments=[comment])
    assert entry.human and not entry.machine_translated
    entry.adopt_if_reviewed()
    entry.drop_stamp()
    assert entry.translator_comments == [comment]


def test_first_release_comment_is_read_and_replaced() -> None:
    legacy = f"mt: engine=ctranslate2 model=m en→nl fuzzy=yes sha={text_digest('Opslaan')}"
    entry = Entry(msgid="Save", msgstr="Opslaan", flags=["fuzzy"],
                  translator_comments=[legacy, "mt-review: lost x; check before use", "mine"])
    assert entry.machine_translated
    entry.set_fuzzy(False)  # a person accepts it
    entry.adopt_if_reviewed()
    assert entry.translator_comments == ["mine"]


def test_edit_or_accept_makes_it_human_and_adoption_removes_only_ours() -> None:
    untouched, edited, accepted = machine(), machine(), machine()
    edited.msgstr = "Bestand bewaren"
    accepted.set_fuzzy(False)
    assert untouched.machine_translated and not untouched.human
    for entry in (edited, accepted):
        assert entry.human and not entry.machine_translated
        entry.adopt_if_reviewed()
        assert entry.translator_comments == ["Keep it short."]
    final = machine(fuzzy=False)
    assert final.machine_translated  # written final: only an edit makes it human


def test_plural_forms_are_all_covered_by_the_digest() -> None:
    entry = Entry(msgid="%d file", msgid_plural="%d files", msgstr_plural={0: "a", 1: "b"})
    before = entry.translation_digest
    entry.msgstr_plural[1] = "c"
    assert entry.translation_digest != before


@pytest.mark.parametrize("width", [78, 30, 12, 0])
def test_polib_rewrap_keeps_the_stamp_and_our_note_is_still_found(width: int) -> None:
    catalog = Catalog(header={"Content-Type": "text/plain; charset=UTF-8"}, entries=[machine()])
    po = polib.pofile(write_po(catalog), wrapwidth=width)
    entry = read_po(po.__unicode__()).entries[0]
    assert entry.machine_translated
    entry.set_fuzzy(False)
    entry.adopt_if_reviewed()
    assert " ".join(entry.translator_comments) == "Keep it short."


@pytest.mark.parametrize("width", [76, 20])
def test_babel_rewrap_keeps_the_stamp(width: int) -> None:
    catalog = Catalog(header={"Content-Type": "text/plain; charset=UTF-8"}, entries=[machine()])
    parsed = babel_po.read_po(io.BytesIO(write_po(catalog).encode("utf-8")))
    out = io.BytesIO()
    babel_po.write_po(out, parsed, width=width)
    entry = read_po(out.getvalue().decode("utf-8")).get("Save file")
    assert entry is not None and entry.machine_translated
    entry.msgstr = "Bewaar"
    entry.adopt_if_reviewed()
    assert entry.translator_comments == ["Keep it short."]


def test_notes_hold_one_line_whatever_the_metadata() -> None:
    note = clean_note("machine translation (model 1.0\n#, fuzzy\nmsgid \"x\"\x1b[31m)")
    assert "\n" not in note and "\x1b" not in note
    entry = Entry(msgid="Save", msgstr="Opslaan")
    entry.put_stamp(Stamp.make(MACHINE, "en", "nl", text="Opslaan", state=FINAL, note=note),
                    note)
    text = write_po(Catalog(entries=[entry]))
    assert read_po(text).entries[0].translator_comments == [note, entry.stamp.render()]  # type: ignore[union-attr]
