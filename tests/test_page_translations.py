"""Page translations with the splitter's confidence: collect, merge, settings, extract."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from localize.catalogs.merge import PAGE_UNCERTAIN, merge_catalog
from localize.catalogs.model import Catalog, Entry
from localize.catalogs.provenance import FUZZY, MACHINE, Stamp
from localize.cli import main
from localize.config import load_config
from localize.errors import ConfigError
from localize.fsio import read_catalog
from localize.sources.collect import PageTranslation, collect, messages_from_line
from localize.sources.documents import read_text
from localize.splitting import LineSplit, Segment


def split(*parts: tuple[str, str], pairs: tuple[tuple[int, int], ...] = (),
          confidence: tuple[float, ...] = ()) -> LineSplit:
    """A LineSplit built by hand from (text, lang) parts joined by single spaces."""
    segments, at = [], 0
    for text, lang in parts:
        segments.append(Segment(text, lang, at, at + len(text)))
        at += len(text) + 1
    line = " ".join(text for text, _ in parts)
    return LineSplit(line, tuple(segments), pairs, confidence)


def template(msgid: str) -> Catalog:
    catalog = Catalog(header={"X-Source-Language": "en"})
    catalog.add(Entry(msgid=msgid, references=["p.txt:1"]))
    return catalog


def test_messages_carry_the_pair_confidence() -> None:
    line = split(("Sort by date", "en"), ("Sorteer op datum", "nl"), pairs=((0, 1),),
                 confidence=(0.42,))
    [message] = messages_from_line(line)
    assert message.translations == (("nl", "Sorteer op datum"),)
    assert message.confidences == (0.42,)


def test_collection_keeps_the_best_confidence_and_counts_disagreement() -> None:
    lines = {
        "Sort by date Sorteer op datum": split(
            ("Sort by date", "en"), ("Sorteer op datum", "nl"), pairs=((0, 1),),
            confidence=(0.6,)),
        "Sort by date Sorteer op datum ·": split(
            ("Sort by date", "en"), ("Sorteer op datum", "nl"), ("·", "und"), pairs=((0, 1),),
            confidence=(0.97,)),
    }
    collection = collect([read_text("\n".join(lines))], lambda ls: [lines[x] for x in ls])
    found = collection.translation("Sort by date", "nl")
    assert found == PageTranslation("Sorteer op datum", 0.97, "splitter confidence 0.97")

    other = {"Sort by date Op datum sorteren": split(
        ("Sort by date", "en"), ("Op datum sorteren", "nl"), pairs=((0, 1),), confidence=(0.99,))}
    lines |= other
    collection = collect([read_text("\n".join(lines))], lambda ls: [lines[x] for x in ls])
    found = collection.translation("Sort by date", "nl")
    assert found is not None
    assert found.text == "Sorteer op datum"  # the most frequent
    assert found.confidence == pytest.approx(2 / 3)
    assert "2 ways" in found.reason


def test_confident_page_translation_is_finished() -> None:
    merged = merge_catalog(template("Sort by date"), None, locale="nl", page_threshold=0.9,
                           page_translation=lambda _: PageTranslation("Sorteer op datum", 0.95,
                                                                      "splitter confidence 0.95"))
    entry = merged.get("Sort by date")
    assert entry is not None
    assert (entry.msgstr, entry.fuzzy) == ("Sorteer op datum", False)
    assert entry.ours is not None and (entry.ours.kind, entry.ours.state) == ("page", "final")
    assert entry.person_comments == []


def test_uncertain_page_translation_is_fuzzy_with_a_note() -> None:
    found = PageTranslation("Sorteer op", 0.41, "splitter confidence 0.41")
    merged = merge_catalog(template("Sort by date"), None, locale="nl", page_threshold=0.9,
                           page_translation=lambda _: found)
    entry = merged.get("Sort by date")
    assert entry is not None
    assert entry.msgstr == "Sorteer op" and entry.fuzzy
    assert entry.translator_comments[0] == (
        f"{PAGE_UNCERTAIN} (splitter confidence 0.41); check before use")
    assert entry.ours is not None and (entry.ours.kind, entry.ours.state) == ("page", "fuzzy")
    # merging again (the catalog as old) neither duplicates the note nor finishes the entry
    again = merge_catalog(template("Sort by date"), merged, locale="nl", page_threshold=0.9,
                          page_translation=lambda _: found)
    entry = again.get("Sort by date")
    assert entry is not None and entry.fuzzy and len(entry.translator_comments) == 2


def test_uncertain_page_translation_does_not_replace_machine_output() -> None:
    old = Catalog()
    machine = Entry(msgid="Sort by date", msgstr="Sorteren op datum", flags=["fuzzy"])
    machine.put_stamp(Stamp.make(MACHINE, "en", "nl", text=machine.msgstr, state=FUZZY))
    old.add(machine)
    merged = merge_catalog(template("Sort by date"), old, locale="nl", page_threshold=0.9,
                           page_translation=lambda _: PageTranslation("Sorteer", 0.3, "low"))
    entry = merged.get("Sort by date")
    assert entry is not None and entry.msgstr == "Sorteren op datum"


def test_plain_string_is_a_sure_translation() -> None:
    merged = merge_catalog(template("Sort by date"), None, locale="nl", page_threshold=0.99,
                           page_translation=lambda _: "Sorteer op datum")
    entry = merged.get("Sort by date")
    assert entry is not None and not entry.fuzzy


@pytest.mark.parametrize("value", ["1.5", "-0.1", '"high"', "true"])
def test_page_confidence_setting_is_checked(tmp_path: Path, value: str) -> None:
    (tmp_path / "localize.toml").write_text(f"page_confidence = {value}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="page_confidence"):
        load_config(tmp_path)


def test_page_confidence_setting_is_read(tmp_path: Path) -> None:
    assert load_config(tmp_path).page_confidence == 0.9
    (tmp_path / "localize.toml").write_text("page_confidence = 0.75\n", encoding="utf-8")
    assert load_config(tmp_path).page_confidence == 0.75


def test_extract_writes_uncertain_pairs_as_fuzzy(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "a.txt").write_text(
        "Save changes Wijzigingen opslaan\nDelete account Account verwijderen\n",
        encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    catalogs = {}
    for threshold in (0.0, 1.0):
        (tmp_path / "localize.toml").write_text(
            f'sources = ["pages"]\noutput = "out{threshold:g}"\npage_confidence = {threshold}\n',
            encoding="utf-8")
        result = CliRunner().invoke(main, ["extract"])
        assert result.exit_code == 0, result.output
        catalogs[threshold] = tmp_path / f"out{threshold:g}" / "nl" / "LC_MESSAGES" / (
            "messages-en.po")
    sure = read_catalog(catalogs[0.0]).get("Save changes")
    doubt = read_catalog(catalogs[1.0]).get("Save changes")
    assert sure is not None and doubt is not None
    assert sure.msgstr == doubt.msgstr == "Wijzigingen opslaan"
    assert not sure.fuzzy and doubt.fuzzy  # no confidence reaches 1.0 exactly
    assert any(c.startswith(PAGE_UNCERTAIN) for c in doubt.translator_comments)
    if shutil.which("msgfmt") is None:
        pytest.skip("GNU msgfmt is not installed")
    subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(catalogs[1.0])], check=True)
