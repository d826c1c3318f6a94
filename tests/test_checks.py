"""Quality checks on real catalogs written with write_po and validated by msgfmt --check."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from localize.catalogs.headers import make_header
from localize.catalogs.model import Catalog, Entry
from localize.catalogs.pofile import write_po
from localize.checks.core import (
    CHECKS,
    ERROR,
    WARNING,
    Finding,
    check_catalogs,
    format_findings,
    placeholders,
    run_checks,
)
from localize.cli import main
from localize.errors import CatalogError
from localize.terms.glossary import Glossary, load_glossary
from tests.conftest import gnu, msgfmt_check

ROOT = Path(__file__).resolve().parent.parent
STAMP = "2023-11-14 22:13+0000"


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary(ROOT / "glossary")


def catalog(locale: str, *entries: Entry) -> Catalog:
    header = make_header(locale, {}, project="test", created=STAMP, revised=STAMP)
    return Catalog(header=header, entries=list(entries))


def entry(msgid: str, msgstr: str, lang: str = "en", flags: tuple[str, ...] = ()) -> Entry:
    return Entry(msgid, msgstr, auto_comments=[f"lang: {lang}"], flags=list(flags))


def write(tmp_path: Path, cat: Catalog, locale: str) -> Path:
    """Write a catalog where localize keeps it, and make sure GNU msgfmt accepts it."""
    path = tmp_path / "locales" / locale / "LC_MESSAGES" / "messages.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(write_po(cat), encoding="utf-8")
    return path


CASES = [
    # (id, locale, source language, msgid, msgstr, expected checks)
    ("nl-drops-term", "nl", "en", "We train agents with reinforcement learning.",
     "We trainen agenten met beloningsleren.", {"glossary"}),
    ("nl-keeps-english-term", "nl", "en", "We train agents with reinforcement learning.",
     "We trainen agenten met reinforcement learning.", set()),
    ("nl-dutch-alternative", "nl", "en", "We train agents with reinforcement learning.",
     "We trainen agenten met versterkend leren.", set()),
    ("nl-plural-inflected", "nl", "en", "Neural networks learn from training data.",
     "Neurale netwerken leren van trainingsdata.", set()),
    ("nl-groot-taalmodel", "nl", "en", "Large language models can hallucinate.",
     "Grote taalmodellen kunnen hallucinaties produceren.", set()),
    ("nl-taalmodellen", "nl", "en", "Language models predict the next token.",
     "Taalmodellen voorspellen het volgende token.", set()),
    ("nl-drops-llm", "nl", "en", "Large language models can hallucinate.",
     "Grote modellen kunnen hallucinaties produceren.", {"glossary"}),
    ("nl-closed-compound", "nl", "en", "Current deep learning models are not perfect.",
     "Huidige deep-learningmodellen zijn niet perfect.", set()),
    ("nl-compound-with-taalmodel", "nl", "en", "Research on language models",
     "Taalmodelonderzoek", set()),
    ("zh-shared-form", "nl", "zh", "推理需要大量算力。",
     "Inferentie vraagt veel rekenkracht.", set()),
    ("zh-shared-form-missing", "nl", "zh", "推理需要大量算力。",
     "Dit vraagt veel rekenkracht.", {"glossary"}),
    ("zh-different-term", "zh", "en", "We train agents with reinforcement learning.",
     "我们用增强学习训练智能体。", {"glossary"}),
    ("zh-correct-term", "zh", "en", "We train agents with reinforcement learning.",
     "我们用强化学习训练智能体。", set()),
    ("zh-longest-needed", "zh", "en", "Large language models can hallucinate.",
     "语言模型会产生幻觉。", {"glossary"}),
    ("zh-longest-given", "zh", "en", "Large language models can hallucinate.",
     "大型语言模型会产生幻觉。", set()),
    ("zh-alternative", "zh", "en", "Large language models can hallucinate.",
     "大语言模型会产生幻觉。", set()),
    ("nl-open-space-ai", "nl", "en", "OpenAI released GPT-4.", "Open AI bracht GPT-4 uit.",
     {"names"}),
    ("zh-gpt-space-4", "zh", "en", "OpenAI released GPT-4.", "OpenAI发布了GPT 4。", {"names"}),
    ("nl-gpt-case", "nl", "en", "OpenAI released GPT-4.", "OpenAI bracht Gpt-4 uit.", {"names"}),
    ("zh-name-dropped", "zh", "en", "OpenAI released GPT-4.", "该公司发布了GPT-4。", {"names"}),
    ("zh-names-kept", "zh", "en", "OpenAI co-founder Ilya Sutskever",
     "OpenAI联合创始人Ilya Sutskever", set()),
    ("zh-source-to-nl", "nl", "zh", "强化学习和神经网络很重要。",
     "Reinforcement learning en neurale netwerken zijn belangrijk.", set()),
    ("zh-source-to-nl-drops", "nl", "zh", "强化学习很重要。", "Beloningsleren is belangrijk.",
     {"glossary"}),
    ("zh-source-to-en", "en", "zh", "OpenAI联合创始人", "OpenAI co-founder", set()),
    ("printf-differs", "nl", "en", "Read %s files", "Lees %d bestanden", {"placeholders"}),
    ("named-printf-differs", "nl", "en", "Hello %(name)s", "Hallo %(naam)s", {"placeholders"}),
    ("positional-reordered", "nl", "en", "%1$s of %2$s", "%2$s van %1$s", set()),
    ("brace-differs", "zh", "en", "{count} models", "{n}个模型", {"placeholders"}),
    ("brace-index", "nl", "en", "{0} and {1}", "{1} en {0}", set()),
    ("tag-missing", "nl", "en", "Read the <b>paper</b>", "Lees het artikel", {"placeholders"}),
    ("tag-attributes-may-differ", "nl", "en", '<a href="/en">More</a>',
     '<a href="/nl">Meer</a>', set()),
    ("percent-in-prose", "nl", "en", "About 36% of occupations", "Ongeveer 36% van de beroepen",
     set()),
    ("english-left-in-nl", "nl", "en",
     "A product update that may change what people can do this week.",
     "A product update that may change what people can do this week.", {"language"}),
    ("english-left-in-zh", "zh", "en", "The model is trained on data.",
     "The model is trained on data.", {"script"}),
    ("chinese-in-nl", "nl", "en", "The model is trained on data.", "模型用数据训练。", {"script"}),
    ("name-only-in-zh", "zh", "en", "OpenAI", "OpenAI", set()),
    ("same-language-skipped", "nl", "nl", "Waarom dit telt", "whatever", set()),
]


@pytest.mark.parametrize(("locale", "lang", "msgid", "msgstr", "expected"),
                         [pytest.param(*c[1:], id=c[0]) for c in CASES])
def test_checks_on_a_written_catalog(tmp_path: Path, glossary: Glossary, locale: str, lang: str,
                                     msgid: str, msgstr: str, expected: set[str]) -> None:
    path = write(tmp_path, catalog(locale, entry(msgid, msgstr, lang)), locale)
    msgfmt_check(path)
    findings = check_catalogs([path], glossary=glossary)
    assert {f.check for f in findings} == expected, format_findings(findings)
    assert all(f.locale == locale and f.path == str(path) and f.line for f in findings)
    assert all(f.msgid == msgid and f.msgstr == msgstr for f in findings)


def test_message_shows_both_sides(glossary: Glossary) -> None:
    cat = catalog("nl", entry("We use reinforcement learning.", "We gebruiken beloningsleren."))
    (finding,) = run_checks(cat, glossary=glossary)
    assert finding.message == (
        "'reinforcement learning' in source needs 'reinforcement learning' (or 'RL', "
        "'versterkend leren', 'bekrachtigingsleren') in translation")
    text = format_findings([finding])
    assert "msgid:  We use reinforcement learning." in text
    assert "msgstr: We gebruiken beloningsleren." in text
    assert text.endswith("1 error, 0 warnings\n")


@pytest.mark.parametrize(("msgid", "msgstr", "flag"), [
    pytest.param("Read %s files", "Lees %d bestanden", "c-format", id="c-format"),
    pytest.param("%(n)d files", "%(m)d bestanden", "python-format", id="python-format"),
    pytest.param("{n} files", "{m} bestanden", "python-brace-format", id="brace-format"),
    pytest.param("line\n", "regel", "", id="trailing-newline"),
])
def test_agrees_with_msgfmt_check(tmp_path: Path, glossary: Glossary, msgid: str, msgstr: str,
                                  flag: str) -> None:
    """What GNU msgfmt --check rejects, the checks report as an error too."""
    flags = (flag,) if flag else ()
    path = write(tmp_path, catalog("nl", entry(msgid, msgstr, flags=flags)), "nl")
    result = subprocess.run([gnu("msgfmt"), "--check", "-o", "/dev/null", str(path)],
                            capture_output=True, text=True, check=False)
    assert result.returncode != 0
    findings = check_catalogs([path], glossary=glossary)
    assert findings and all(f.severity == ERROR for f in findings)


def test_fuzzy_findings_are_warnings(glossary: Glossary) -> None:
    cat = catalog("zh", entry("reinforcement learning", "增强学习", flags=("fuzzy",)))
    (finding,) = run_checks(cat, glossary=glossary)
    assert (finding.check, finding.severity) == ("glossary", WARNING)


def test_untranslated_obsolete_and_header_are_skipped(glossary: Glossary) -> None:
    old = entry("reinforcement learning", "增强学习")
    old.obsolete = True
    cat = catalog("zh", entry("reinforcement learning", ""), old, entry("", "header-like"))
    assert run_checks(cat, glossary=glossary) == []


def test_plural_forms_pair_with_msgid_plural(glossary: Glossary) -> None:
    plural = Entry("%d neural network", msgid_plural="%d neural networks",
                   msgstr_plural={0: "%d neuraal netwerk", 1: "%d netwerken"},
                   auto_comments=["lang: en"])
    (finding,) = run_checks(catalog("nl", plural), glossary=glossary)
    assert (finding.check, finding.msgid, finding.msgstr) == (
        "glossary", "%d neural networks", "%d netwerken")


def test_missing_source_language_means_english(glossary: Glossary) -> None:
    cat = catalog("zh", Entry("reinforcement learning", "增强学习"))
    assert [f.check for f in run_checks(cat, glossary=glossary)] == ["glossary"]


def test_only_runs_the_named_checks(glossary: Glossary) -> None:
    cat = catalog("nl", entry("OpenAI uses %s", "Open AI gebruikt"))
    assert {f.check for f in run_checks(cat, glossary=glossary)} == {"names", "placeholders"}
    assert {f.check for f in run_checks(cat, glossary=glossary, only=["names"])} == {"names"}


def test_registry_entries_are_complete() -> None:
    assert {"glossary", "names", "placeholders", "newlines", "script", "language"} <= set(CHECKS)
    for name, registered in CHECKS.items():
        assert registered.name == name
        assert registered.severity in (ERROR, WARNING)
        assert registered.title and "\n" not in registered.title


def test_placeholders_counts_kinds() -> None:
    found = placeholders("%s %1$d %(x)s %% {0} {name} {{literal}} <br/> <i>a</i>")
    assert found == {"%s": 1, "%1$d": 1, "%(x)s": 1, "{0}": 1, "{name}": 1, "<br/>": 1,
                     "<i>": 1, "</i>": 1}


def test_finding_serialises() -> None:
    finding = Finding("names", ERROR, "nl", "a.po", 3, "OpenAI", "Open AI", "m")
    assert json.loads(format_findings([finding], "json")) == [finding.to_dict()]


def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder with the real glossary and settings, as the current folder."""
    (tmp_path / "glossary").mkdir()
    terms = (ROOT / "glossary" / "terms.csv").read_text(encoding="utf-8")
    (tmp_path / "glossary" / "terms.csv").write_text(terms, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.localize]\nlocales = ["en", "nl", "zh"]\noutput = "locales"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_cli_exit_1_on_errors_and_default_catalogs(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    here = project(tmp_path, monkeypatch)
    write(here, catalog("nl", entry("OpenAI trained GPT-4.", "Open AI trainde GPT 4.")), "nl")
    write(here, catalog("zh", entry("neural networks", "神经网络")), "zh")
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1, result.output
    assert "locales/nl/LC_MESSAGES/messages.po:" in result.stdout
    assert "[names] name 'OpenAI' in source is written 'Open AI' in translation" in result.stdout
    assert result.stdout.endswith("2 errors, 0 warnings\n")


def test_cli_json_and_locale_filter(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    here = project(tmp_path, monkeypatch)
    write(here, catalog("nl", entry("OpenAI trained GPT-4.", "Open AI trainde GPT 4.")), "nl")
    write(here, catalog("zh", entry("neural networks", "神经网络")), "zh")
    clean = CliRunner().invoke(main, ["check", "--locale", "zh", "--format", "json"])
    assert clean.exit_code == 0, clean.output
    assert json.loads(clean.stdout) == []
    nl_po = "locales/nl/LC_MESSAGES/messages.po"
    dirty = CliRunner().invoke(main, ["check", "--format", "json", nl_po])
    assert dirty.exit_code == 1
    assert {f["check"] for f in json.loads(dirty.stdout)} == {"names"}


def test_cli_warnings_alone_exit_0(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    here = project(tmp_path, monkeypatch)
    write(here, catalog("zh", entry("reinforcement learning", "增强学习", flags=("fuzzy",))), "zh")
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith("0 errors, 1 warning\n")


def test_cli_without_catalogs_says_what_to_do(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    project(tmp_path, monkeypatch)
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 2
    assert "run `localize extract` first" in result.stderr


def test_catalog_outside_lc_messages_needs_a_language(tmp_path: Path, glossary: Glossary) -> None:
    path = tmp_path / "loose.po"
    cat = catalog("nl", entry("a", "b"))
    del cat.header["Language"]
    path.write_text(write_po(cat), encoding="utf-8")
    with pytest.raises(CatalogError, match="pass --locale"):
        check_catalogs([path], glossary=glossary)
    assert check_catalogs([path], glossary=glossary, locale="nl") == []
