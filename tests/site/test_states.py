"""A message's state from its catalog entry, and its text from the compiled catalog."""

from __future__ import annotations

import gettext
import io
import subprocess
from pathlib import Path

import pytest

from localize.catalogs.model import Catalog, Entry
from localize.catalogs.mofile import write_mo
from localize.catalogs.pofile import write_po
from localize.catalogs.provenance import FINAL, FUZZY, MACHINE, PAGE, REVIEW, Stamp
from localize.site import Counts, LocaleLookup, state_of
from tests.conftest import gnu


def stamped(msgid: str, msgstr: str, kind: str, state: str, *, fuzzy: bool) -> Entry:
    entry = Entry(msgid, msgstr, flags=["fuzzy"] if fuzzy else [], auto_comments=["lang: en"])
    entry.put_stamp(Stamp.make(kind, "en", "nl", text=msgstr, state=state), "a note")
    return entry


def person_edit(entry: Entry, msgstr: str) -> Entry:
    entry.msgstr = msgstr
    return entry


def accepted(entry: Entry) -> Entry:
    entry.set_fuzzy(False)
    return entry


def obsolete(entry: Entry) -> Entry:
    entry.obsolete = True
    return entry


CASES = {
    "no entry": (None, "missing"),
    "empty": (Entry("Save"), "missing"),
    "a person's translation": (Entry("Save", "Opslaan"), "human"),
    "a person's fuzzy translation": (Entry("Save", "Opslaan", flags=["fuzzy"]), "fuzzy"),
    "a page translation": (stamped("Save", "Opslaan", PAGE, FINAL, fuzzy=False), "human"),
    "an uncertain page translation": (stamped("Save", "Opslaan", PAGE, FUZZY, fuzzy=True),
                                      "fuzzy"),
    "machine output": (stamped("Save", "Bewaar", MACHINE, FUZZY, fuzzy=True), "machine"),
    "machine output not marked fuzzy": (stamped("Save", "Bewaar", MACHINE, FINAL, fuzzy=False),
                                        "machine"),
    "machine output a person accepted": (
        accepted(stamped("Save", "Bewaar", MACHINE, FUZZY, fuzzy=True)), "human"),
    "machine output a person edited, still fuzzy": (
        person_edit(stamped("Save", "Bewaar", MACHINE, FUZZY, fuzzy=True), "Opslaan"), "fuzzy"),
    "left for review": (stamped("Save", "", MACHINE, REVIEW, fuzzy=False), "missing"),
    "obsolete": (obsolete(Entry("Save", "Opslaan")), "missing"),
}


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_state_of_an_entry(case: str) -> None:
    entry, state = CASES[case]
    assert state_of(entry, own_language=False) == state
    assert state_of(entry, own_language=True) == "source"


@pytest.fixture
def lookup(tmp_path: Path) -> LocaleLookup:
    """The Dutch lookup over a catalog of English texts, compiled by GNU msgfmt."""
    catalog = Catalog(header={"Language": "nl", "Content-Type": "text/plain; charset=UTF-8",
                              "Plural-Forms": "nplurals=2; plural=(n != 1);"})
    for case in ("a person's translation", "machine output", "an uncertain page translation",
                 "left for review"):
        entry = CASES[case][0]
        assert entry is not None
        catalog.add(Entry(**{**entry.__dict__, "msgid": case}))
    catalog.add(Entry("Impact", "Impact"))
    po = tmp_path / "messages-en.po"
    po.write_text(write_po(catalog, 79), encoding="utf-8")
    mo = tmp_path / "messages.mo"
    subprocess.run([gnu("msgfmt"), "-o", str(mo), str(po)], check=True)
    with mo.open("rb") as handle:
        translations = gettext.GNUTranslations(handle)
    ours = gettext.GNUTranslations(io.BytesIO(write_mo(catalog)))
    for entry in catalog:  # localize's own .mo gives the same lookup
        assert ours.gettext(entry.msgid) == translations.gettext(entry.msgid)
    return LocaleLookup("nl", translations, {"en": (catalog, "locales/nl/messages-en.po")})


def test_a_reader_gets_what_gettext_gives(lookup: LocaleLookup) -> None:
    shown = lookup.show("a person's translation", "en")
    assert (shown.text, shown.lang, shown.state, shown.candidate) == (
        "Opslaan", "nl", "human", None)
    assert shown.catalog == "locales/nl/messages-en.po"  # built here: no line to name


@pytest.mark.parametrize(("msgid", "state", "candidate"), [
    ("machine output", "machine", "Bewaar"),
    ("an uncertain page translation", "fuzzy", "Opslaan"),
])
def test_a_fuzzy_translation_is_left_out_and_offered_to_reviewers(
        lookup: LocaleLookup, msgid: str, state: str, candidate: str) -> None:
    shown = lookup.show(msgid, "en")
    assert (shown.text, shown.lang, shown.state) == (msgid, "en", state)
    assert shown.candidate == candidate and not shown.stale


def test_missing_and_own_language_messages(lookup: LocaleLookup) -> None:
    assert lookup.show("left for review", "en").state == "missing"
    assert lookup.show("not in the catalog", "en").state == "missing"
    shown = lookup.show("Waarom dit telt", "nl")
    assert (shown.text, shown.lang, shown.state, shown.catalog) == (
        "Waarom dit telt", "nl", "source", None)
    assert lookup.show("Impact", "en").lang == "nl"  # translated, even if the same word
    assert lookup.show("Nieuws", "zh").state == "missing"  # no catalog of Chinese texts


def test_a_translation_the_compiled_catalog_lacks_is_stale(tmp_path: Path) -> None:
    catalog = Catalog(entries=[Entry("Save", "Opslaan")])
    lookup = LocaleLookup("nl", gettext.NullTranslations(), {"en": (catalog, "nl.po")})
    shown = lookup.show("Save", "en")
    assert (shown.text, shown.state, shown.candidate, shown.stale) == (
        "Save", "human", "Opslaan", True)


def test_counts_of_states_and_their_sum() -> None:
    pages = (Counts.of(states) for states in (["human", "missing", "human"], ["source"], []))
    total = Counts.sum(pages)
    assert total.parts() == [("human", 2), ("machine", 0), ("fuzzy", 0), ("missing", 1),
                             ("source", 1)]
    assert (total.total, round(total.done)) == (4, 75)
    assert Counts().done == 100.0  # a page with nothing to translate is done
