"""End to end: ``localize extract``, ``compile`` and ``stats`` on real files and real judges."""

from __future__ import annotations

import gettext
import json
import shutil
import subprocess
import sys
from pathlib import Path

import filelock
import polib
import pytest
from babel.messages.pofile import read_po as babel_read_po
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from localize.cli import main
from localize.fsio import LOCK_NAME, read_catalog, write_catalog
from tests.conftest import SEEDS, msgfmt_check

PAGE = """\
Why it matters Waarom dit telt
Audience Voor wie Creators Creators
Listen to article
The model learns from feedback.
"""


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder with one small page as its only source."""
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "page.txt").write_text(PAGE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def po(project: Path, lang: str, source: str = "en") -> Path:
    """The catalog of ``lang`` for the texts written in ``source``."""
    return project / "locales" / lang / "LC_MESSAGES" / f"messages-{source}.po"


def mo(project: Path, lang: str) -> Path:
    """The one .mo the site loads for ``lang``."""
    return project / "locales" / lang / "LC_MESSAGES" / "messages.mo"


def snapshot(project: Path) -> dict[str, bytes]:
    return {str(p.relative_to(project)): p.read_bytes()
            for p in sorted((project / "locales").rglob("*")) if p.is_file()
            and p.name != LOCK_NAME}


def test_seeds_become_valid_catalogs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(SEEDS, tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    result = run("extract")
    assert result.exit_code == 0, result.output
    assert "documents" in result.output
    written = sorted((tmp_path / "locales").rglob("*.po*"))
    assert [p.relative_to(tmp_path).as_posix() for p in written] == [
        "locales/en/LC_MESSAGES/messages-nl.po", "locales/en/LC_MESSAGES/messages-zh.po",
        "locales/messages-en.pot", "locales/messages-nl.pot", "locales/messages-zh.pot",
        "locales/nl/LC_MESSAGES/messages-en.po", "locales/nl/LC_MESSAGES/messages-zh.po",
        "locales/zh/LC_MESSAGES/messages-en.po", "locales/zh/LC_MESSAGES/messages-nl.po"]
    for path in written:
        msgfmt_check(path)
    nl = read_catalog(po(tmp_path, "nl"))
    entry = nl.get("Why it matters")
    assert entry is not None and entry.msgstr == "Waarom dit telt" and not entry.fuzzy
    assert "seeds/000_2abc67655ca17661.txt:10" in entry.references
    assert run("compile").exit_code == 0
    with mo(tmp_path, "nl").open("rb") as handle:
        assert gettext.GNUTranslations(handle).gettext("Why it matters") == "Waarom dit telt"
    with mo(tmp_path, "en").open("rb") as handle:  # English texts are the msgids themselves
        assert gettext.GNUTranslations(handle).gettext("Why it matters") == "Why it matters"


def test_other_readers_see_the_same_catalog(project: Path) -> None:
    run("extract")
    ours = read_catalog(po(project, "nl"))
    theirs = polib.pofile(str(po(project, "nl")))
    assert {e.msgid: e.msgstr for e in theirs} == {e.msgid: e.msgstr for e in ours}
    with po(project, "nl").open("rb") as handle:
        babel = babel_read_po(handle)
    assert {m.id: m.string for m in babel if m.id} == {e.msgid: e.msgstr for e in ours}
    assert babel.locale is not None and str(babel.locale) == "nl"


def test_catalog_conventions(project: Path) -> None:
    run("extract")
    nl = read_catalog(po(project, "nl"))
    assert nl.header["Language"] == "nl"
    assert nl.header["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
    assert nl.header["Content-Type"] == "text/plain; charset=UTF-8"
    audience = nl.get("Audience")
    assert audience is not None and audience.msgstr == "Voor wie"
    assert nl.source_lang == "en" and nl.header["X-Source-Language"] == "en"
    assert not any(c.startswith("lang:") for e in nl for c in e.auto_comments)
    assert not po(project, "en").exists()  # no catalog copies a locale's own texts
    zh = read_catalog(po(project, "zh"))
    assert zh.header["Plural-Forms"] == "nplurals=1; plural=0;"
    assert zh.get("Listen to article") is not None and not zh.get("Listen to article").translated


def test_second_run_writes_identical_bytes(project: Path) -> None:
    run("extract")
    before = snapshot(project)
    result = run("extract")
    assert "wrote" not in result.output
    assert snapshot(project) == before


def test_translator_work_survives_a_rerun(project: Path) -> None:
    run("extract")
    path = po(project, "nl")
    text = path.read_text(encoding="utf-8").replace(
        'msgid "Listen to article"\nmsgstr ""',
        '# Anne: check the tone\n#, no-wrap\nmsgid "Listen to article"\n'
        'msgstr "Luister naar het artikel"')
    path.write_text(text, encoding="utf-8")
    run("extract")
    entry = read_catalog(path).get("Listen to article")
    assert entry is not None
    assert entry.msgstr == "Luister naar het artikel"
    assert entry.translator_comments == ["Anne: check the tone"]
    assert "no-wrap" not in entry.flags  # as msgmerge: flags other than fuzzy are the template's


def test_changed_and_removed_sources(project: Path) -> None:
    run("extract")
    path = po(project, "nl")
    text = path.read_text(encoding="utf-8")
    text = text.replace('msgid "Listen to article"\nmsgstr ""',
                        'msgid "Listen to article"\nmsgstr "Luister naar artikel"')
    text = text.replace('msgid "The model learns from feedback."\nmsgstr ""',
                        'msgid "The model learns from feedback."\nmsgstr "Het model leert."')
    path.write_text(text, encoding="utf-8")
    page = project / "seeds" / "page.txt"
    page.write_text(PAGE.replace("Listen to article", "Listen to this article")
                    .replace("The model learns from feedback.\n", ""), encoding="utf-8")
    run("extract")
    catalog = read_catalog(path)
    changed = catalog.get("Listen to this article")
    assert changed is not None and changed.fuzzy
    assert changed.msgstr == "Luister naar artikel"
    assert changed.previous_msgid == "Listen to article"
    assert '#| msgid "Listen to article"' in path.read_text(encoding="utf-8")
    gone = catalog.get("The model learns from feedback.")
    assert gone is not None and gone.obsolete and gone.msgstr == "Het model leert."
    msgfmt_check(path)


def test_stats_table_and_json(project: Path) -> None:
    run("extract")
    table = run("stats")
    assert table.exit_code == 0 and "nl" in table.output
    rows = {row["locale"]: row for row in json.loads(run("stats", "--format", "json").output)}
    assert rows["nl"]["translated"] == 3  # the three aligned pairs on the page
    assert rows["nl"]["total"] == rows["nl"]["translated"] + rows["nl"]["untranslated"]
    assert [c["catalog"] for c in rows["nl"]["catalogs"]] == ["messages-en"]
    assert rows["en"]["total"] == 0  # every text is English already: no work in en


def test_compile_leaves_fuzzy_out_unless_asked(project: Path) -> None:
    run("extract")
    path = po(project, "nl")
    path.write_text(path.read_text(encoding="utf-8").replace(
        'msgid "Listen to article"\nmsgstr ""',
        '#, fuzzy\nmsgid "Listen to article"\nmsgstr "Luister"'), encoding="utf-8")
    def lookup() -> str:
        with mo(project, "nl").open("rb") as handle:
            return gettext.GNUTranslations(handle).gettext("Listen to article")

    run("compile")
    assert lookup() == "Listen to article"
    run("compile", "--use-fuzzy")
    assert lookup() == "Luister"


@pytest.mark.parametrize(
    ("setup", "args", "message"),
    [
        (lambda p: None, ["extract", "missing/"], "missing: no such file or folder"),
        (lambda p: (p / "seeds" / "logo.png").write_bytes(b"\x89PNG\x00\x00\x01"), ["extract"],
         "seeds/logo.png: binary file"),
        (lambda p: po(p, "nl").write_text('msgid "a"\nmsgstr "b\n', encoding="utf-8"),
         ["extract"], "messages-en.po:2: unterminated"),
    ],
    ids=["missing-path", "binary-source", "malformed-po"],
)
def test_bad_input_exits_2_and_writes_nothing(project: Path, setup, args, message) -> None:  # type: ignore[no-untyped-def]
    run("extract")
    (project / "seeds" / "page.txt").write_text(PAGE + "A new line\n", encoding="utf-8")
    setup(project)
    before = snapshot(project)
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output
    assert snapshot(project) == before


def test_a_held_lock_stops_a_second_run(project: Path) -> None:
    (project / "locales").mkdir()
    with filelock.FileLock(str(project / "locales" / LOCK_NAME)):
        result = CliRunner().invoke(main, ["extract", "--wait", "0.2"])
    assert result.exit_code == 2
    assert "another localize run" in result.output
    assert not (project / "locales" / "messages-en.pot").exists()


def test_python_dash_m_runs_the_cli() -> None:
    result = subprocess.run([sys.executable, "-m", "localize", "--help"], capture_output=True,
                            text=True, check=True)
    assert "extract" in result.stdout


def test_english_version_reaches_translators_of_chinese_entries(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """zh source → machine English → ``#. en (machine):`` in nl; reviewed English → ``#. en:``."""
    fixtures = Path(__file__).parent / "fixtures" / "models"
    monkeypatch.setenv("LOCALIZE_MODELS_DIR", str(project / "models"))
    monkeypatch.setenv("LOCALIZE_CACHE_DIR", str(project / "cache"))
    (project / "seeds" / "page.txt").write_text(PAGE + "删除文件\n", encoding="utf-8")
    run("extract")
    assert run("models", "install", str(fixtures / "translate-zh_en-1_0.argosmodel")).exit_code == 0
    assert run("translate", "--to", "en").exit_code == 0
    machine = read_catalog(po(project, "en", "zh")).get("删除文件")
    assert machine is not None and machine.machine_translated and machine.msgstr
    run("extract")
    nl = read_catalog(po(project, "nl", "zh")).get("删除文件")
    assert nl is not None and f"en (machine): {machine.msgstr}" in nl.auto_comments
    template = read_catalog(project / "locales" / "messages-zh.pot").get("删除文件")
    assert template is not None and template.auto_comments == nl.auto_comments  # msgmerge-stable
    en_po = po(project, "en", "zh")
    en_po.write_text(en_po.read_text(encoding="utf-8").replace(
        f'msgstr "{machine.msgstr}"', 'msgstr "Delete the file"'), encoding="utf-8")
    run("extract")
    nl = read_catalog(po(project, "nl", "zh")).get("删除文件")
    assert nl is not None and nl.english == "Delete the file"


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.dictionaries(st.sampled_from(["Listen to article",
                                              "The model learns from feedback.",
                                              "Why it matters", "Audience"]),
                             st.text(st.characters(blacklist_categories=("Cs", "Cc")),
                                     min_size=1, max_size=30).filter(str.strip),
                             min_size=1),
       changed_page=st.booleans())
def test_rerunning_extract_never_loses_a_translators_edit(
        project: Path, edits: dict[str, str], changed_page: bool) -> None:
    run("extract")
    path = po(project, "nl")
    catalog = read_catalog(path)
    for msgid, text in edits.items():
        entry = catalog.get(msgid)
        assert entry is not None
        entry.msgstr = text
        entry.set_fuzzy(False)
    write_catalog(path, catalog)
    page = PAGE + ("One more line of text.\n" if changed_page else "")
    (project / "seeds" / "page.txt").write_text(page, encoding="utf-8")
    run("extract")
    again = read_catalog(path)
    for msgid, text in edits.items():
        entry = again.get(msgid)
        assert entry is not None and entry.msgstr == text
    (project / "seeds" / "page.txt").write_text(PAGE, encoding="utf-8")
    shutil.rmtree(project / "locales")


def test_a_reader_that_leaves_early_is_no_error(tmp_path: Path) -> None:
    """``localize split page.txt | head -1``: no error message when the pipe closes."""
    page = tmp_path / "page.txt"
    page.write_text("Why it matters Waarom dit telt\n" * 20000, encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "localize", "split", str(page)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.readline()
    process.stdout.close()
    error = process.stderr.read().decode()
    assert process.wait() == 141
    assert error == ""
