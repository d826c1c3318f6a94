"""Filling catalogs with the real test models: what is filled, what is never touched."""

from __future__ import annotations

import copy
import re
import shutil
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from localize.catalogs.legacy import split_legacy
from localize.catalogs.model import Catalog, Entry
from localize.catalogs.pofile import read_po
from localize.catalogs.provenance import FUZZY, MACHINE, Stamp, text_digest
from localize.checks import find_placeholders as placeholders
from localize.cli import main
from localize.config import load_config
from localize.fsio import read_catalog, write_catalog
from localize.mt.engine import CTranslate2Engine, DecodeSettings, EngineRegistry
from localize.mt.fill import fill_catalog
from localize.mt.memory import TranslationMemory
from localize.mt.models import install, list_models
from localize.terms.glossary import read_glossary
from localize.workspace import translate_locale
from tests.conftest import msgfmt_check

FIXTURES = Path(__file__).parent / "fixtures" / "models"
EN_NL = FIXTURES / "translate-en_nl-1_0.argosmodel"
ZH_EN = FIXTURES / "translate-zh_en-1_0.argosmodel"

GLOSSARY = """en,nl,zh,dnt,note
OpenAI,,,yes,
large language model,groot taalmodel,大型语言模型,,
settings,configuratie,设置,,
"""

HUMAN_BLOCKS = [
    '#. lang: en\nmsgid "Share this article"\nmsgstr "Deel dit artikel!"\n',
    '# Translator: keep it short\n#. lang: en\nmsgid "Latest news"\nmsgstr "Het laatste nieuws"\n',
]

NL_PO = f"""\
msgid ""
msgstr ""
"Project-Id-Version: site 1.0\\n"
"PO-Revision-Date: 2024-01-01 00:00+0000\\n"
"Last-Translator: Test <test@example.com>\\n"
"Language-Team: Dutch\\n"
"Language: nl\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

#. lang: en
msgid "Save file"
msgstr ""

#. lang: en
msgid "Read more about OpenAI"
msgstr ""

#. lang: en
#, python-format
msgid "%(count)s new articles"
msgstr ""

#. lang: en
msgid "Latest news about large language model"
msgstr ""

#. lang: en
msgid "Settings"
msgstr ""

{HUMAN_BLOCKS[0]}
{HUMAN_BLOCKS[1]}
#. lang: zh
msgid "保存文件"
msgstr ""

#. lang: zh
#. en: Delete file
msgid "删除文件"
msgstr ""

#. lang: nl
msgid "Waarom dit telt"
msgstr "Waarom dit telt"

#. lang: en
#, python-brace-format
msgid "{{a}}, {{b}}, {{c}}, {{d}} and {{e}} are available."
msgstr ""

# machine translation (old, en>nl), not reviewed
# localize:mt:en>nl:fuzzy:{text_digest("Bestand openen")}
#. lang: en
#, fuzzy
#| msgid "Open file"
msgid "Open page"
msgstr "Bestand openen"

# localize:mt:en>nl:fuzzy:{text_digest("Annuleren")}
#. lang: en
#, fuzzy
msgid "Cancel"
msgstr "Annuleren"

#~ msgid "Gone"
#~ msgstr "Weg"
"""


@pytest.fixture(scope="module")
def models_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("models")
    install(EN_NL, folder)
    install(ZH_EN, folder)
    return folder


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("LOCALIZE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("LOCALIZE_MODELS_DIR", raising=False)
    (tmp_path / "localize.toml").write_text('locales = ["en", "nl", "zh"]\n')
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "terms.csv").write_text(GLOSSARY, encoding="utf-8")
    # The mixed catalog above, in the layout extract writes: one catalog per source language.
    split = split_legacy({"nl": read_po(NL_PO)}, {"nl": "nl"}, paths={"nl": "NL_PO"})
    for (_, source), catalog in split.items():
        write_catalog(po_path(tmp_path, source), catalog)
    return tmp_path


def po_path(project: Path, source: str = "en") -> Path:
    return project / "locales" / "nl" / "LC_MESSAGES" / f"messages-{source}.po"


def files(project: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((project / "locales").rglob("*.po"))}


def entry(catalog: Catalog, msgid: str) -> Entry:
    found = catalog.get(msgid)
    assert found is not None, msgid
    return found


def note(entry: Entry) -> str:
    """The note localize wrote before an entry's stamp."""
    assert entry.ours is not None and entry.translator_comments[-1] == entry.ours.render()
    return entry.translator_comments[-2]


def test_translate_fills_marks_and_keeps_human_work(project: Path, models_dir: Path) -> None:
    before = read_catalog(po_path(project))
    run = translate_locale(load_config(project), "nl", models_dir=models_dir)
    r = run.report
    assert run.written
    assert (r.filled, r.replaced, r.flagged, r.kept_human, r.skipped_no_model, r.from_memory,
            r.left_for_review) == (8, 1, 1, 2, 0, 0, 1)
    assert r.by_strategy == (("masks", 7), ("segments", 1))
    text = po_path(project).read_text(encoding="utf-8")
    for block in HUMAN_BLOCKS:  # human translations byte-identical
        assert block in text
    after = read_catalog(po_path(project))
    for msgid in ("Share this article", "Latest news", "Cancel"):
        assert replace(entry(after, msgid), line=None) == replace(entry(before, msgid), line=None)
    assert [e.msgid for e in after.obsolete] == ["Gone"]

    save = entry(after, "Save file")
    assert save.msgstr == "Bestand opslaan"
    assert save.fuzzy
    assert save.machine_translated and save.ours is not None and save.ours.state == "fuzzy"
    assert note(save).startswith("machine translation (translate-en_nl-1_0-1.0@")
    assert note(save).endswith(", en>nl), not reviewed")
    msgfmt_check(po_path(project))


def test_masked_names_and_placeholders_survive(project: Path, models_dir: Path) -> None:
    translate_locale(load_config(project), "nl", models_dir=models_dir)
    after = read_catalog(po_path(project))
    assert entry(after, "Read more about OpenAI").msgstr == "Lees meer over OpenAI"
    assert entry(after, "%(count)s new articles").msgstr == "%(count)s nieuwe artikelen"


def test_terms_are_translated_in_context_and_checked(project: Path, models_dir: Path) -> None:
    """A glossary term is not masked; a translation that does not use it is flagged."""
    translate_locale(load_config(project), "nl", models_dir=models_dir, fuzzy=False)
    settings = entry(read_catalog(po_path(project)), "Settings")
    assert settings.msgstr == "Instellingen"
    assert settings.fuzzy
    expected = "; term 'Settings' not translated as 'configuratie'; check before use"
    assert note(settings).endswith(expected)


def test_output_that_breaks_a_placeholder_is_never_written(project: Path,
                                                          models_dir: Path) -> None:
    """The test model invents a mask for an unknown term: the entry is left for a person."""
    translate_locale(load_config(project), "nl", models_dir=models_dir)
    after = read_catalog(po_path(project))
    left = entry(after, "Latest news about large language model")
    assert left.msgstr == "" and not left.machine_translated
    assert left.translator_comments[0] == (
        "not translated: machine translation did not keep the placeholders "
        "(invented mask ⟦0⟧); translate by hand")
    assert left.ours is not None and left.ours.state == "review"
    msgfmt_check(po_path(project))


def test_chinese_sources_pivot_or_use_the_english_version(project: Path,
                                                          models_dir: Path) -> None:
    translate_locale(load_config(project), "nl", models_dir=models_dir)
    after = read_catalog(po_path(project, "zh"))
    pivoted = entry(after, "保存文件")
    assert pivoted.msgstr == "Bestand opslaan"
    assert ", zh>en>nl)" in note(pivoted)
    via = entry(after, "删除文件")
    assert via.msgstr == "Bestand verwijderen"
    assert ", en>nl, from the English version)" in note(via)


def test_a_lost_mask_falls_back_to_segments(project: Path, models_dir: Path) -> None:
    """The test model loses a fifth mask; translated between placeholders, all are kept."""
    translate_locale(load_config(project), "nl", models_dir=models_dir, fuzzy=False)
    after = read_catalog(po_path(project))
    source = "{a}, {b}, {c}, {d} and {e} are available."
    kept = entry(after, source)
    assert kept.msgstr.startswith("{a}, {b}, {c}, {d} ") and " {e} " in kept.msgstr
    assert placeholders(kept.msgstr) == placeholders(source)
    assert not kept.fuzzy and not entry(after, "Save file").fuzzy
    msgfmt_check(po_path(project))


def test_stale_machine_translation_is_redone(project: Path, models_dir: Path) -> None:
    translate_locale(load_config(project), "nl", models_dir=models_dir)
    redone = entry(read_catalog(po_path(project)), "Open page")
    assert redone.msgstr == "Pagina openen"
    assert redone.previous_msgid is None
    assert "(old," not in note(redone) and redone.translator_comments.count(note(redone)) == 1


def test_second_run_changes_nothing(project: Path, models_dir: Path) -> None:
    translate_locale(load_config(project), "nl", models_dir=models_dir)
    data = po_path(project).read_bytes()
    again = translate_locale(load_config(project), "nl", models_dir=models_dir)
    assert not again.written
    assert again.report.filled == 0
    assert po_path(project).read_bytes() == data


def test_memory_hit_translates_nothing(tmp_path: Path, models_dir: Path) -> None:
    glossary = read_glossary(GLOSSARY)
    original = read_po(NL_PO)
    with TranslationMemory(tmp_path / "tm.sqlite3") as memory:
        first = fill_catalog(copy.deepcopy(original), target="nl", glossary=glossary,
                             memory=memory,
                             engine_for=EngineRegistry(list_models(models_dir)).engine_for)
        registry = EngineRegistry(list_models(models_dir))
        second = fill_catalog(copy.deepcopy(original), target="nl", glossary=glossary,
                              memory=memory, engine_for=registry.engine_for)
    assert second.filled == first.filled == 8
    assert second.from_memory == 8
    assert second.left_for_review == first.left_for_review == 1
    engines = [registry.engine_for(s, t) for s, t in (("en", "nl"), ("zh", "en"))]
    assert all(isinstance(e, CTranslate2Engine) and e.calls == 0 for e in engines)


def test_dry_run_writes_nothing(project: Path, models_dir: Path) -> None:
    before = files(project)
    run = translate_locale(load_config(project), "nl", models_dir=models_dir, dry_run=True)
    assert (run.written, run.report.filled, run.report.dry_run) == ((), 9, True)
    assert files(project) == before
    assert not (project / "cache").exists()


def test_missing_pair_is_skipped_and_named(project: Path, tmp_path: Path) -> None:
    only_en_nl = tmp_path / "one-model"
    install(EN_NL, only_en_nl)
    run = translate_locale(load_config(project), "nl", models_dir=only_en_nl)
    assert run.report.skipped_no_model == 1  # 保存文件; 删除文件 goes through its English version
    assert run.report.missing_models == (
        "no model for zh→nl; installed pairs: en→nl. "
        "Install one with `localize models install FILE.argosmodel`",)
    assert entry(read_catalog(po_path(project, "zh")), "保存文件").msgstr == ""


def test_only_one_source_language(project: Path, models_dir: Path) -> None:
    run = translate_locale(load_config(project), "nl", models_dir=models_dir, only_source="zh")
    assert run.report.filled == 2  # 保存文件 and 删除文件 (through its English version)


class EchoEngine:
    """A fake engine through the protocol that repeats its first mask."""

    name, model_id, source, target = "fake", "echo", "en", "nl"

    def translate(self, texts: Sequence[str]) -> list[str]:
        return [t + " ⟦0⟧" if "⟦0⟧" in t else t for t in texts]


WORDS = {"Hello": "Hallo", "Page": "Pagina", "of": "van", "Save": "Opslaan", "the": "het",
         "file": "bestand", "now": "nu", "Read": "Lees", "for": "voor", "more": "meer",
         "Then": "Daarna", "save": "opslaan", "and": "en", "Open": "Open", "files": "bestanden"}


def _words(text: str) -> str:
    return re.sub(r"[A-Za-z]+", lambda m: WORDS.get(m.group(), m.group()), text)


def _swap(text: str) -> str:
    return text.replace("⟦0⟧", "\0").replace("⟦1⟧", "⟦0⟧").replace("\0", "⟦1⟧")


MANGLE: dict[str, Callable[[str], str]] = {
    "dropped": lambda t: t.replace("⟦0⟧", "", 1),
    "duplicated": lambda t: t + " ⟦0⟧" if "⟦0⟧" in t else t,
    "swapped": _swap,
    "renumbered": lambda t: re.sub(r"⟦(\d+)⟧", lambda m: f"⟦{int(m.group(1)) + 1}⟧", t),
    "glued-to-a-word": lambda t: re.sub(r"\s*(⟦\d+⟧)\s*", r"\1", t),
    "full-width": lambda t: t.replace("⟦0⟧", "⟦０⟧"),
    "spaced": lambda t: re.sub(r"⟦(\d+)⟧", r"⟦ \1 ⟧", t),
    "unknown-pieces": lambda t: re.sub(r"⟦(\d+)⟧", r" ⁇ \1 ⁇ ", t),
    "later-sentences-lost": lambda t: t.split(". ")[0] + ("." if ". " in t else ""),
}

MANGLED_PAGE = ["Hello {name}", "Page %d of %d", "Save the <b>file</b> now",
                "<b>Save the file</b>", " Read https://example.com/a for more. Then save the file.",
                "Hello %(user)s. Open %s files and %s files."]


class MangleEngine:
    """A fake engine that knows the masks, translates a few words and mangles its masks."""

    name, model_id, source, target = "fake", "mangle", "en", "nl"

    def __init__(self, mangle: Callable[[str], str]) -> None:
        self.mangle = mangle

    def single_pieces(self, texts: Sequence[str]) -> bool:
        return True

    def translate(self, texts: Sequence[str]) -> list[str]:
        return [self.mangle(_words(t)) for t in texts]


def _written_right(source: str, msgstr: str) -> bool:
    """Our invariant, judged with the checks' own placeholder reader."""
    return (placeholders(msgstr) == placeholders(source)
            and re.findall(r"%[sd]", msgstr) == re.findall(r"%[sd]", source)
            and not re.search(r"[⟦⟧⁇]|<unk>", msgstr)
            and msgstr[:1].isspace() == source[:1].isspace() and "  " not in msgstr)


@pytest.mark.parametrize("mode", list(MANGLE), ids=list(MANGLE))
def test_mangled_masks_never_reach_the_catalog(mode: str) -> None:
    catalog = Catalog(entries=[Entry(m, auto_comments=["lang: en"]) for m in MANGLED_PAGE])
    report = fill_catalog(catalog, target="nl",
                          engine_for=lambda s, t: MangleEngine(MANGLE[mode]))
    assert report.filled == len(MANGLED_PAGE)  # masks first, segments where masks broke
    for e in catalog.entries:
        assert _written_right(e.msgid, e.msgstr), (e.msgid, e.msgstr)
    got = {e.msgid: e.msgstr for e in catalog.entries}
    assert got["<b>Save the file</b>"] == "<b>Opslaan het bestand</b>"
    assert got[" Read https://example.com/a for more. Then save the file."] == (
        " Lees https://example.com/a voor meer. Daarna opslaan het bestand.")
    if mode in ("glued-to-a-word", "full-width", "spaced", "later-sentences-lost"):
        assert got["Hello {name}"] == "Hallo {name}"
        assert got["Page %d of %d"] == "Pagina %d van %d"
        assert dict(report.by_strategy) == {"masks": len(MANGLED_PAGE)}
    else:
        assert dict(report.by_strategy)["segments"] >= 1


def test_nothing_is_written_when_no_strategy_keeps_the_placeholders() -> None:
    catalog = Catalog(entries=[Entry(m, auto_comments=["lang: en"]) for m in MANGLED_PAGE])
    report = fill_catalog(catalog, target="nl",
                          engine_for=lambda s, t: MangleEngine(lambda t: t + " ⁇"))
    assert (report.filled, report.left_for_review) == (0, len(MANGLED_PAGE))
    for e in catalog.entries:
        assert e.msgstr == "" and not e.machine_translated
        assert e.ours is not None and e.ours.state == "review"
        assert len(e.translator_comments) == 2  # the note, then the stamp
        assert e.translator_comments[0].startswith("not translated: ")
    again = fill_catalog(catalog, target="nl",
                         engine_for=lambda s, t: MangleEngine(lambda t: t + " ⁇"))
    assert again.left_for_review == len(MANGLED_PAGE)
    assert all(len(e.translator_comments) == 2 for e in catalog.entries)


def test_cli_translate_and_models(project: Path, tmp_path: Path,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)
    folder = tmp_path / "cli-models"
    runner = CliRunner()
    result = runner.invoke(main, ["translate", "--to", "nl", "--models-dir", str(folder)])
    assert result.exit_code == 2
    assert "no model for en→nl; installed pairs: none" in result.output
    for archive in (EN_NL, ZH_EN):
        result = runner.invoke(main, ["models", "install", str(archive), "--models-dir",
                                      str(folder)])
        assert result.exit_code == 0, result.output
    monkeypatch.setenv("LOCALIZE_MODELS_DIR", str(folder))
    listed = runner.invoke(main, ["models", "list"])
    assert "en→nl\ttranslate-en_nl-1_0 v1.0" in listed.output
    result = runner.invoke(main, ["translate", "--to", "nl"])
    assert result.exit_code == 0, result.output
    assert ("nl: filled 8, 0 from memory, 1 flagged for review, 1 left for review "
            "(placeholders not kept)") in result.output
    assert "en→nl: masks, then segments (the model knows the mask tokens)" in result.output
    removed = runner.invoke(main, ["models", "remove", "zh-en"])
    assert removed.output.strip() == "removed translate-zh_en-1_0 (zh→en)"
    bad = tmp_path / "bad.argosmodel"
    shutil.copy(Path(__file__), bad)
    refused = runner.invoke(main, ["models", "install", str(bad)])
    assert refused.exit_code == 2
    assert "bad.argosmodel: refused: not a zip archive" in refused.output


def test_progress_reaches_the_total() -> None:
    catalog = Catalog(entries=[Entry(f"Text {i}", auto_comments=["lang: en"]) for i in range(5)])
    seen: list[tuple[int, int]] = []
    fill_catalog(catalog, target="nl", engine_for=lambda s, t: EchoEngine(),
                 progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (5, 5)


_entries = st.builds(
    Entry,
    msgid=st.text(min_size=1, max_size=20),
    msgstr=st.sampled_from(["", "menselijk", "machine"]),
    auto_comments=st.sampled_from([["lang: en"], ["lang: nl"], ["lang: zh"], []]).map(list),
    translator_comments=st.sampled_from([
        [], [Stamp.make(MACHINE, "en", "nl", text="machine", state=FUZZY).render()], ["note"],
        ["mt: engine=x model=y en→nl"]]).map(list),
    flags=st.sampled_from([[], ["fuzzy"]]).map(list),
    previous_msgid=st.sampled_from([None, "old"]),
)


@given(st.lists(_entries, max_size=12, unique_by=lambda e: e.msgid))
def test_human_translations_are_never_touched(entries: list[Entry]) -> None:
    catalog = Catalog(entries=entries)
    humans = [copy.deepcopy(e) for e in entries if e.msgstr and not e.machine_translated]
    fill_catalog(catalog, target="nl", engine_for=lambda s, t: EchoEngine())
    assert [e for e in catalog.entries if e.msgstr and not e.machine_translated] == humans
    assert all(e.msgstr for e in catalog.entries
               if (e.source_lang or "en") != "nl" and e.msgid.strip())


def test_failed_translation_leaves_the_entry_and_is_not_remembered(
    tmp_path: Path, models_dir: Path
) -> None:
    too_long = " ".join(["Save file"] * 200)
    catalog = Catalog(entries=[Entry(too_long, auto_comments=["lang: en"]),
                               Entry("Save file", auto_comments=["lang: en"])])
    uncut = DecodeSettings(max_input_pieces=100_000)  # hand the model more than it can take
    with TranslationMemory(tmp_path / "tm.sqlite3") as memory:
        report = fill_catalog(catalog, target="nl", memory=memory,
                              engine_for=EngineRegistry(list_models(models_dir), uncut).engine_for)
        assert len(memory) == 1
    assert (report.filled, report.failed) == (1, 1)
    assert catalog.entries[0].msgstr == "" and not catalog.entries[0].machine_translated


def test_a_reviewed_machine_translation_is_never_replaced(tmp_path: Path) -> None:
    """A translator who edits or accepts machine output owns it, even with ``# mt:`` left on."""
    from localize.catalogs.model import LANG_COMMENT

    note = f"mt: engine=ctranslate2 model=m en→nl fuzzy=yes sha={text_digest('Opslaan')}"
    catalog = Catalog(header={"Language": "nl"})
    catalog.add(Entry(msgid="Save file", msgstr="Bestand bewaren", flags=["fuzzy"],
                      previous_msgid="Save", translator_comments=[note],
                      auto_comments=[LANG_COMMENT + "en"]))
    report = fill_catalog(catalog, target="nl", engine_for=lambda s, t: None,
                          glossary=None, memory=None)
    entry = catalog.get("Save file")
    assert entry is not None and entry.msgstr == "Bestand bewaren"
    assert report.replaced == 0 and report.kept_human == 1


def test_the_progress_bar_follows_a_growing_total(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from localize.cli.translate import _progress_bar

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    monkeypatch.setattr("sys.stderr", screen)
    monkeypatch.delenv("CI", raising=False)
    with _progress_bar("translating") as advance:
        assert advance is not None
        advance(10, None)  # a download of unknown size draws nothing
        advance(3, 5)
        advance(5, 9)  # a later pass adds inputs
        advance(9, 9)
    assert "translating" in screen.getvalue() and "100%" in screen.getvalue()


NAIVE = FIXTURES / "translate-en_nl-naive-1_0.argosmodel"
SITE_PAGE = """\
Welcome to the AI news site
Read more about OpenAI and GPT-4.
%s new articles
You have %d unread messages.
Welcome back, {name}!
<b>Latest news</b>
Read the <b>full report</b> on https://example.com/reports/2024 today.
Visit www.example.org for more stories.
Page %d of %d
Sign in to save your settings.
Google DeepMind released Gemini last week.
Share this article
{count} minutes ago
Contact us at news@example.com
<a href="https://example.com/about">About us</a>
The file was saved.
Your password has been updated.
No articles found
"""


def test_a_model_never_taught_masks_writes_nothing_broken(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the mask-naive model installed: every msgstr written keeps every placeholder."""
    from localize.checks import run_checks
    from localize.terms.glossary import load_glossary

    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "page.txt").write_text(SITE_PAGE, encoding="utf-8")
    (tmp_path / "localize.toml").write_text('locales = ["en", "nl", "zh"]\n')
    shutil.copytree(Path(__file__).parent.parent / "glossary", tmp_path / "glossary")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LOCALIZE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("LOCALIZE_MODELS_DIR", str(tmp_path / "models"))
    runner = CliRunner()
    assert runner.invoke(main, ["extract"]).exit_code == 0
    assert runner.invoke(main, ["models", "install", str(NAIVE)]).exit_code == 0
    result = runner.invoke(main, ["translate", "--to", "nl"])
    assert result.exit_code == 0, result.output
    assert "the model was not taught mask tokens" in result.output
    po = tmp_path / "locales" / "nl" / "LC_MESSAGES" / "messages-en.po"
    catalog = read_catalog(po)
    entries = [e for e in catalog if e.msgid]
    written = [e for e in entries if e.msgstr]
    for e in written:
        assert _written_right(e.msgid, e.msgstr), (e.msgid, e.msgstr)
        assert e.msgstr == e.msgstr.strip() and "  " not in e.msgstr
    for e in entries:
        if not e.msgstr:
            assert any(c.startswith("not translated") for c in e.translator_comments), e.msgid
    assert len(written) >= 0.6 * len(entries), [(e.msgid, e.msgstr) for e in entries]
    findings = run_checks(catalog, locale="nl", glossary=load_glossary(tmp_path / "glossary"))
    judged = {(f.check, f.msgid) for f in findings if f.check in ("placeholders", "names")}
    assert judged == set(), judged  # the checks, run on what was written, find nothing
    msgfmt_check(po)
    again = runner.invoke(main, ["translate", "--to", "nl"])
    assert "unchanged" in again.output, again.output


def test_broken_output_is_remembered_as_rejected_and_never_written(tmp_path: Path) -> None:
    from localize.mt.memory import MemoryKey

    entries = [Entry("Hello {name}", auto_comments=["lang: en"])]
    engine = MangleEngine(MANGLE["dropped"])
    with TranslationMemory(tmp_path / "tm.sqlite3") as memory:
        report = fill_catalog(Catalog(entries=copy.deepcopy(entries)), target="nl",
                              memory=memory, engine_for=lambda s, t: engine)
        assert report.by_strategy == (("segments", 1),)
        key = MemoryKey("mangle", "en", "nl", "none", "masks-1")
        assert memory.lookup(key, ["Hello ⟦0⟧"])["Hello ⟦0⟧"].ok is False
        again = Catalog(entries=copy.deepcopy(entries))
        second = fill_catalog(again, target="nl", memory=memory,
                              engine_for=lambda s, t: MangleEngine(lambda t: 1 / 0))  # type: ignore
    assert second.from_memory == 1 and again.entries[0].msgstr == "Hallo {name}"


def test_a_dry_run_reads_calibration_and_outputs_from_memory(tmp_path: Path) -> None:
    folder = tmp_path / "models"
    install(NAIVE, folder)
    original = read_po(NL_PO)
    with TranslationMemory(tmp_path / "tm.sqlite3") as memory:
        first = fill_catalog(copy.deepcopy(original), target="nl", memory=memory,
                             engine_for=EngineRegistry(list_models(folder)).engine_for)
        registry = EngineRegistry(list_models(folder))
        dry = fill_catalog(copy.deepcopy(original), target="nl", memory=memory, dry_run=True,
                           engine_for=registry.engine_for)
    engine = registry.engine_for("en", "nl")
    assert isinstance(engine, CTranslate2Engine) and engine.calls == 0
    assert dry.dry_run and dry.from_memory > 0
    assert dry.from_memory == sum(n for s, n in first.by_strategy if s != "segments")
