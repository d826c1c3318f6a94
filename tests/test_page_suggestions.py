"""Page suggestions: English–Dutch pairs of a reading close behind the splitter's best one,
written as fuzzy entries for review and never as finished translations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from localize.catalogs.merge import PAGE_SUGGESTION, merge_catalog
from localize.catalogs.model import Catalog, Entry
from localize.catalogs.pofile import write_po
from localize.catalogs.provenance import FUZZY, MACHINE, PAGE, Stamp
from localize.cli import main
from localize.fsio import read_catalog
from localize.sources.collect import PageTranslation, collect, messages_from_line
from localize.sources.documents import read_text
from localize.sources.splitcache import decode_split, encode_split
from localize.splitting import LineSplit, Segment, Splitter, Suggestion
from localize.splitting.segment import SUGGEST_FLOOR, SUGGEST_GAP, likeliest
from tests.conftest import msgfmt_check
from tests.splitview import pairs

SPLITTER = Splitter()

# Rows of labels and values in which a name runs into the next label: the best reading
# glues the label to the name, a close one pairs it with its translation.
ROWS = {
    "Podcast Podcast Denkwerk Episodes Afleveringen 120 Hosts Presentatoren 2":
        ("Hosts", "Presentatoren"),
    "Album Album Zeewind 12 Tracks Nummers 3 Producers Producenten": ("Tracks", "Nummers"),
    "Show Show Nachtlicht Seasons Seizoenen 4 Hosts Presentatoren 3": ("Hosts", "Presentatoren"),
}
ROW = next(iter(ROWS))


@pytest.mark.parametrize("line", list(ROWS))
def test_label_in_a_row_with_names_is_suggested(line: str) -> None:
    result = SPLITTER.split_line(line)
    [found] = result.suggestions
    assert (found.first.text, found.second.text) == ROWS[line]
    assert (found.first.lang, found.second.lang) == ("en", "nl")
    assert ROWS[line] not in pairs(result)  # the best reading does not make it
    for half in (found.first, found.second):
        assert line[half.start : half.end] == half.text
    assert SUGGEST_FLOOR <= found.confidence <= 1.0
    assert 0.0 <= found.behind <= SUGGEST_GAP


def test_a_suggestion_never_overlaps_a_pair_of_the_best_reading() -> None:
    for line in ROWS:
        result = SPLITTER.split_line(line)
        paired = [result.segments[i] for pair in result.pairs for i in pair]
        for found in result.suggestions:
            for segment in paired:
                assert found.second.end <= segment.start or segment.end <= found.first.start


@pytest.mark.parametrize("line", [
    "The committee met in Utrecht on Monday to discuss the Language Model Act.",
    "Discovering Language Model Behaviors with Model-Written Evaluations",
    "Why it matters Waarom dit telt",
    "Level Niveau Expert Expert",
    "Privacy settings Privacy-instellingen 隐私设置",
])
def test_sentences_titles_and_plain_pairs_get_no_suggestion(line: str) -> None:
    assert SPLITTER.split_line(line).suggestions == ()


def test_a_triple_is_three_pairs_not_a_suggestion() -> None:
    result = SPLITTER.split_line("Search history Zoekgeschiedenis 搜索历史")
    assert [s.lang for s in result.segments] == ["en", "nl", "zh"]
    assert result.pairs == ((0, 1), (0, 2), (1, 2))
    assert result.suggestions == ()


def test_suggestions_do_not_change_the_best_reading() -> None:
    plain = Splitter()
    plain._weights = plain._weights._replace(suggest_gap=0.0)  # no runner-ups at all
    for line in ROWS:
        ours, theirs = SPLITTER.split_line(line), plain.split_line(line)
        assert theirs.suggestions == ()
        assert (ours.segments, ours.pairs, ours.pair_confidence) == (
            theirs.segments, theirs.pairs, theirs.pair_confidence)


def test_json_shape_lists_suggestions_only_where_there_are_some() -> None:
    shape = SPLITTER.split_line(ROW).to_dict()
    english, dutch = ROWS[ROW]
    at, to = ROW.index(english), ROW.index(dutch)
    assert shape["suggestions"] == [{
        "segments": [{"text": english, "lang": "en", "start": at, "end": at + len(english)},
                     {"text": dutch, "lang": "nl", "start": to, "end": to + len(dutch)}],
        "confidence": pytest.approx(shape["suggestions"][0]["confidence"]),  # type: ignore[index]
        "behind": pytest.approx(shape["suggestions"][0]["behind"]),  # type: ignore[index]
    }]
    assert "suggestions" not in SPLITTER.split_line("Level Niveau").to_dict()


def test_split_command_prints_suggestions(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(ROW + "\nLevel Niveau\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["split", str(page), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    first, second = (json.loads(line) for line in result.output.splitlines())
    assert [s["text"] for s in first["suggestions"][0]["segments"]] == list(ROWS[ROW])
    assert "suggestions" not in second


def test_split_cache_keeps_suggestions() -> None:
    result = SPLITTER.split_line(ROW)
    row = json.loads(json.dumps(encode_split(result)))
    assert decode_split(ROW, row) == result
    plain = SPLITTER.split_line("Level Niveau")
    assert decode_split("Level Niveau", json.loads(json.dumps(encode_split(plain)))) == plain


# --- Collect and merge ------------------------------------------------------------------------

def _suggesting(line: str, first: tuple[str, str], second: tuple[str, str],
                confidence: float = 0.8) -> LineSplit:
    """A line of one unpaired segment with a hand-made suggestion inside it."""
    a, b = line.index(first[0]), line.index(second[0])
    return LineSplit(line, (Segment(line, "und", 0, len(line)),), (), (), (
        Suggestion(Segment(first[0], first[1], a, a + len(first[0])),
                   Segment(second[0], second[1], b, b + len(second[0])), confidence, 0.5),))


def test_a_suggestion_becomes_a_suggested_message() -> None:
    line = _suggesting("Acme Founded Opgericht", ("Founded", "en"), ("Opgericht", "nl"))
    [message] = messages_from_line(line)
    assert (message.text, message.translations, message.suggested) == (
        "Founded", (("nl", "Opgericht"),), True)
    # Dutch first on the page: the English side is still the source
    line = _suggesting("Acme Opgericht Founded", ("Opgericht", "nl"), ("Founded", "en"))
    [message] = messages_from_line(line)
    assert (message.text, message.translations) == ("Founded", (("nl", "Opgericht"),))


def test_a_pair_on_any_page_wins_over_a_suggestion() -> None:
    lines = {"Acme Founded Opgericht": _suggesting("Acme Founded Opgericht", ("Founded", "en"),
                                                   ("Opgericht", "nl"), 0.7)}
    collection = collect([read_text("\n".join(lines))], lambda ls: [lines[x] for x in ls])
    found = collection.translation("Founded", "nl")
    assert found is not None and found.suggestion and found.text == "Opgericht"
    assert "0.70" in found.reason
    paired = LineSplit("Founded Gesticht", (Segment("Founded", "en", 0, 7),
                                            Segment("Gesticht", "nl", 8, 16)), ((0, 1),), (0.3,))
    lines["Founded Gesticht"] = paired
    collection = collect([read_text("\n".join(lines))], lambda ls: [lines[x] for x in ls])
    found = collection.translation("Founded", "nl")
    assert found is not None and not found.suggestion and found.text == "Gesticht"


def _template(msgid: str) -> Catalog:
    catalog = Catalog(header={"X-Source-Language": "en"})
    catalog.add(Entry(msgid=msgid, references=["p.txt:1"]))
    return catalog


SUGGESTED = PageTranslation("Opgericht", 0.99, "a close reading pairs it", suggestion=True)


def test_a_suggestion_is_fuzzy_with_its_note_whatever_the_threshold() -> None:
    merged = merge_catalog(_template("Founded"), None, locale="nl", page_threshold=0.0,
                           page_translation=lambda _: SUGGESTED)
    entry = merged.get("Founded")
    assert entry is not None and entry.msgstr == "Opgericht" and entry.fuzzy
    assert entry.translator_comments[0] == (
        f"{PAGE_SUGGESTION} (a close reading pairs it); check before use")
    assert entry.ours is not None and (entry.ours.kind, entry.ours.state) == (PAGE, FUZZY)
    again = merge_catalog(_template("Founded"), merged, locale="nl", page_threshold=0.0,
                          page_translation=lambda _: SUGGESTED)
    assert write_po(again) == write_po(merged)


def test_a_suggestion_never_replaces_work_already_there() -> None:
    human = Entry(msgid="Founded", msgstr="Sinds")
    machine = Entry(msgid="Founded", msgstr="Gevonden", flags=["fuzzy"])
    machine.put_stamp(Stamp.make(MACHINE, "en", "nl", text="Gevonden", state=FUZZY))
    finished = merge_catalog(_template("Founded"), None, locale="nl", page_threshold=0.9,
                             page_translation=lambda _: PageTranslation("Gesticht", 0.95, "x"))
    for old_entry in (human, machine, finished.get("Founded")):
        assert old_entry is not None
        old = Catalog()
        old.add(old_entry)
        merged = merge_catalog(_template("Founded"), old, locale="nl", page_threshold=0.9,
                               page_translation=lambda _: SUGGESTED)
        entry = merged.get("Founded")
        assert entry is not None and entry.msgstr == old_entry.msgstr
        assert entry.fuzzy == old_entry.fuzzy


def test_a_pair_replaces_an_earlier_suggestion_and_a_new_suggestion_updates_it() -> None:
    first = merge_catalog(_template("Founded"), None, locale="nl", page_threshold=0.9,
                          page_translation=lambda _: SUGGESTED)
    other = PageTranslation("Gesticht", 0.6, "a close reading pairs it", suggestion=True)
    updated = merge_catalog(_template("Founded"), first, locale="nl", page_threshold=0.9,
                            page_translation=lambda _: other)
    entry = updated.get("Founded")
    assert entry is not None and entry.msgstr == "Gesticht" and entry.fuzzy
    paired = merge_catalog(_template("Founded"), updated, locale="nl", page_threshold=0.9,
                           page_translation=lambda _: PageTranslation("Opgericht", 0.97, "x"))
    entry = paired.get("Founded")
    assert entry is not None and entry.msgstr == "Opgericht" and not entry.fuzzy
    assert not any(c.startswith(PAGE_SUGGESTION) for c in entry.translator_comments)


# --- Extract on disk ---------------------------------------------------------------------------

def test_extract_writes_suggestions_fuzzy_and_never_over_human_work(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = list(ROWS)
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "a.txt").write_text("\n".join(rows[:2]) + "\n", encoding="utf-8")
    (tmp_path / "localize.toml").write_text('sources = ["pages"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["extract"])
    assert result.exit_code == 0, result.output
    path = tmp_path / "locales" / "nl" / "LC_MESSAGES" / "messages-en.po"
    catalog = read_catalog(path)
    for msgid, msgstr in (("Hosts", "Presentatoren"), ("Tracks", "Nummers")):
        entry = catalog.get(msgid)
        assert entry is not None and entry.msgstr == msgstr and entry.fuzzy
        assert entry.translator_comments[0].startswith(PAGE_SUGGESTION)
        assert entry.ours is not None and entry.ours.kind == PAGE
    pair = catalog.get("Episodes")
    assert pair is not None and pair.msgstr == "Afleveringen"  # a pair of the best reading
    msgfmt_check(path)

    # a translator fills one suggestion in their own way and accepts another as it is
    text = path.read_text(encoding="utf-8")
    text = text.replace('msgid "Tracks"\nmsgstr "Nummers"', 'msgid "Tracks"\nmsgstr "Titels"')
    path.write_text(text, encoding="utf-8")
    edited = read_catalog(path)
    accepted = edited.get("Hosts")
    assert accepted is not None
    accepted.set_fuzzy(False)
    path.write_text(write_po(edited), encoding="utf-8")
    result = CliRunner().invoke(main, ["extract"])
    assert result.exit_code == 0, result.output
    catalog = read_catalog(path)
    mine, taken = catalog.get("Tracks"), catalog.get("Hosts")
    assert mine is not None and mine.msgstr == "Titels" and mine.human
    assert taken is not None and taken.msgstr == "Presentatoren" and not taken.fuzzy and taken.human
    msgfmt_check(path)



def test_of_overlapping_readings_the_likeliest_is_suggested() -> None:
    """Readings behind the best one may overlap: the one with the higher confidence is the
    suggestion, whichever is closer to the best reading; readings apart are all kept."""
    line = "Gadget-2 Pro Team pick Keuze van het team Ada Bos More Meer"

    def at(first: str, second: str, confidence: float, behind: float) -> Suggestion:
        a, b = line.index(first), line.index(second)
        return Suggestion(Segment(first, "en", a, a + len(first)),
                          Segment(second, "nl", b, b + len(second)), confidence, behind)

    closer = at("Pro Team pick", "Keuze van het team", 0.2, 1.0)
    likelier = at("Team pick", "Keuze van het team", 0.6, 1.5)
    apart = at("More", "Meer", 0.5, 3.0)
    assert likeliest([apart, closer, likelier]) == (likelier, apart)
    assert likeliest([closer]) == (closer,)
