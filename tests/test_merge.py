from __future__ import annotations

from localize.catalogs.merge import merge_catalog
from localize.catalogs.model import Catalog, Entry
from localize.catalogs.provenance import FINAL, FUZZY, MACHINE, Stamp


def template(*msgids: str, lang: str = "en") -> Catalog:
    catalog = Catalog(header={"X-Source-Language": lang})
    for number, msgid in enumerate(msgids, start=1):
        catalog.add(Entry(msgid=msgid, references=[f"page.txt:{number}"]))
    return catalog


def no_pages(_msgid: str) -> str | None:
    return None


def test_translator_work_survives() -> None:
    old = Catalog()
    old.add(Entry(msgid="Why it matters", msgstr="Daarom telt het",
                  translator_comments=["checked by Anne"], flags=["fuzzy", "no-wrap"]))
    merged = merge_catalog(template("Why it matters"), old, locale="nl",
                           page_translation=lambda _: "Waarom dit telt")
    entry = merged.get("Why it matters")
    assert entry is not None
    assert entry.msgstr == "Daarom telt het"  # the page never overrides a translator
    assert entry.translator_comments == ["checked by Anne"]
    assert entry.flags == ["fuzzy"]  # as msgmerge: only fuzzy is the translator's flag
    assert entry.references == ["page.txt:1"]


def test_changed_source_becomes_fuzzy_with_previous_msgid() -> None:
    old = Catalog()
    old.add(Entry(msgid="Quick editorial signal", msgstr="Snelle redactionele duiding"))
    merged = merge_catalog(template("Quick editorial signals"), old, locale="nl",
                           page_translation=no_pages)
    entry = merged.get("Quick editorial signals")
    assert entry is not None
    assert entry.fuzzy
    assert entry.msgstr == "Snelle redactionele duiding"
    assert entry.previous_msgid == "Quick editorial signal"
    assert not merged.obsolete  # used for the fuzzy match, so not kept as obsolete


def test_removed_source_becomes_obsolete() -> None:
    old = Catalog()
    old.add(Entry(msgid="Listen to article", msgstr="Luister naar artikel",
                  references=["page.txt:9"], translator_comments=["keep"]))
    old.add(Entry(msgid="Untranslated and gone"))
    merged = merge_catalog(template("Something else entirely"), old, locale="nl",
                           page_translation=no_pages)
    assert [e.msgid for e in merged.obsolete] == ["Listen to article"]
    stale = merged.obsolete[0]
    assert stale.msgstr == "Luister naar artikel"
    assert stale.translator_comments == ["keep"]
    assert stale.references == []


def test_obsolete_entry_comes_back_when_its_source_returns() -> None:
    old = Catalog()
    old.add(Entry(msgid="Videos", msgstr="Video's", obsolete=True))
    merged = merge_catalog(template("Videos"), old, locale="nl", page_translation=no_pages)
    entry = merged.get("Videos")
    assert entry is not None and not entry.obsolete and entry.msgstr == "Video's"


def test_page_translation_replaces_machine_output() -> None:
    old = Catalog()
    old.add(machine_entry("Audience", "Publiek", fuzzy=True))
    merged = merge_catalog(template("Audience"), old, locale="nl",
                           page_translation=lambda _: "Voor wie")
    entry = merged.get("Audience")
    assert entry is not None
    assert (entry.msgstr, entry.fuzzy, entry.machine_translated) == ("Voor wie", False, False)
    assert entry.ours is not None and entry.ours.kind == "page"
    assert entry.translator_comments == ["a translator's own note", entry.ours.render()]


def test_page_translation_is_stamped_with_the_catalogs_source_language() -> None:
    merged = merge_catalog(template("深度学习崛起十年", lang="zh"), None, locale="nl",
                           page_translation=lambda _: "Tien jaar deep learning")
    entry = merged.get("深度学习崛起十年")
    assert entry is not None and entry.ours is not None
    assert (entry.ours.kind, entry.ours.source, entry.ours.target) == ("page", "zh", "nl")


def test_template_comments_reach_every_catalog() -> None:
    fresh = template("深度学习崛起十年", lang="zh")
    fresh.entries[0].auto_comments.append("en: A decade of deep learning")
    merged = merge_catalog(fresh, None, locale="nl", page_translation=no_pages)
    entry = merged.get("深度学习崛起十年")
    assert entry is not None and entry.english == "A decade of deep learning"
    assert not entry.translated


def test_a_partly_translated_plural_is_kept_as_obsolete() -> None:
    old = Catalog()
    old.add(Entry(msgid="%d file", msgid_plural="%d files", msgstr_plural={0: "%d bestand",
                                                                            1: ""},
                  translator_comments=["second form to do"]))
    old.add(Entry(msgid="Gone too"))
    merged = merge_catalog(template("Other"), old, locale="nl", page_translation=no_pages)
    kept = {e.msgid: e for e in merged.obsolete}
    assert set(kept) == {"%d file"}
    assert kept["%d file"].msgstr_plural == {0: "%d bestand", 1: ""}
    assert kept["%d file"].translator_comments == ["second form to do"]


def test_a_singular_translation_carries_into_a_new_plural_as_fuzzy() -> None:
    old = Catalog()
    old.add(Entry(msgid="%d file", msgstr="%d bestand(en)"))
    fresh = Catalog(entries=[Entry(msgid="%d file", msgid_plural="%d files")])
    entry = merge_catalog(fresh, old, locale="nl", page_translation=no_pages).get("%d file")
    assert entry is not None and entry.msgstr_plural == {0: "%d bestand(en)"} and entry.fuzzy


def machine_entry(msgid: str, text: str, *, fuzzy: bool) -> Entry:
    entry = Entry(msgid=msgid, msgstr=text, flags=["fuzzy"] if fuzzy else [],
                  translator_comments=["a translator's own note"])
    note = "machine translation (test-model, en>nl), not reviewed"
    entry.put_stamp(Stamp.make(MACHINE, "en", "nl", text=text, state=FUZZY if fuzzy else FINAL,
                               note=note), note)
    return entry


def test_machine_output_a_person_edited_or_accepted_is_human() -> None:
    untouched = machine_entry("Audience", "Publiek", fuzzy=True)
    edited = machine_entry("Audience", "Publiek", fuzzy=True)
    edited.msgstr = "Doelgroep"
    accepted = machine_entry("Audience", "Publiek", fuzzy=True)
    accepted.set_fuzzy(False)
    assert untouched.machine_translated
    assert not edited.machine_translated
    assert not accepted.machine_translated
    assert machine_entry("Audience", "Publiek", fuzzy=False).machine_translated


def test_reviewed_machine_output_stays_human_when_its_source_changes() -> None:
    old = Catalog()
    accepted = machine_entry("Quick editorial signal", "Snel redactioneel signaal", fuzzy=True)
    accepted.set_fuzzy(False)  # a translator reviewed it and cleared the flag
    old.add(accepted)
    merged = merge_catalog(template("Quick editorial signals"), old, locale="nl",
                           page_translation=no_pages)
    entry = merged.get("Quick editorial signals")
    assert entry is not None and entry.fuzzy and entry.msgstr == "Snel redactioneel signaal"
    assert not entry.machine_translated
    assert entry.stamp is None
    assert entry.translator_comments == ["a translator's own note"]
