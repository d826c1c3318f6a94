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
from localize.checks import (
    CHECKS,
    ERROR,
    WARNING,
    Finding,
    check_catalogs,
    find_placeholders,
    format_findings,
    run_checks,
)
from localize.cli import main
from localize.errors import CatalogError
from localize.fsio import read_catalog
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
     "A product update that may change what people can do this week.",
     {"language", "same-as-source"}),
    ("english-left-in-zh", "zh", "en", "The model is trained on data.",
     "The model is trained on data.", {"script", "same-as-source"}),
    ("same-short-label", "nl", "en", "Expert", "Expert", {"same-as-source"}),
    ("same-name-and-number", "nl", "en", "GPT-4 (2023)", "GPT-4 (2023)", set()),
    ("number-changed", "nl", "en", "Reading time 8 min", "Leestijd 6 min", {"numbers"}),
    ("number-written-the-dutch-way", "nl", "en", "1,204 views and $2.5 billion",
     "1.204 weergaven en 2,5 miljard dollar", set()),
    ("number-spelled-out", "nl", "en", "Read 2 articles", "Lees twee artikelen", set()),
    ("url-changed", "nl", "en", "See https://example.com/en/about for more",
     "Zie https://example.com/nl/about voor meer", {"urls"}),
    ("url-kept", "zh", "en", "See https://example.com/a?b=1 now", "现在请看 https://example.com/a?b=1",
     set()),
    ("edge-space-added", "nl", "en", "Read more", "Lees verder ", {"edge-whitespace"}),
    ("edge-space-kept", "nl", "en", " Read more", " Lees verder", set()),
    ("doubled-space", "nl", "en", "Read the full story", "Lees het  hele verhaal",
     {"doubled-space"}),
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
    found = find_placeholders("%s %1$d %(x)s %% {0} {name} {{literal}} <br/> <i>a</i>")
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


def test_cli_names_each_problem_by_file_and_line(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """English left as Dutch, spaces at the edges and doubled, a changed number: each found."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "page.txt").write_text(
        "The power of continuous learning\nRead more\nListen to the whole story\n"
        "Reading time 8 min\n", encoding="utf-8")
    assert CliRunner().invoke(main, ["extract"]).exit_code == 0
    path = tmp_path / "locales" / "nl" / "LC_MESSAGES" / "messages-en.po"
    text = path.read_text(encoding="utf-8")
    for msgid, msgstr in [("The power of continuous learning", "The power of continuous learning"),
                          ("Read more", "Lees verder "), ("Listen to the whole story",
                                                          "Luister naar het  hele verhaal"),
                          ("Reading time 8 min", "Leestijd 6 min")]:
        text = text.replace(f'msgid "{msgid}"\nmsgstr ""', f'msgid "{msgid}"\nmsgstr "{msgstr}"')
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--locale", "nl"])
    assert result.exit_code == 1, result.output
    catalog = read_catalog(path)
    for msgid, check_id in [("The power of continuous learning", "same-as-source"),
                            ("The power of continuous learning", "language"),
                            ("Read more", "edge-whitespace"),
                            ("Listen to the whole story", "doubled-space"),
                            ("Reading time 8 min", "numbers")]:
        found = catalog.get(msgid)
        assert found is not None
        where = f"locales/nl/LC_MESSAGES/messages-en.po:{found.line}:"
        assert any(line.startswith(where) and f"[{check_id}]" in line
                   for line in result.stdout.splitlines()), (check_id, result.stdout)


def test_a_page_label_the_same_in_both_languages_is_no_finding(glossary: Glossary) -> None:
    from localize.catalogs.provenance import FINAL, PAGE, Stamp

    label = entry("Creators", "Creators")
    label.put_stamp(Stamp.make(PAGE, "en", "nl", text="Creators", state=FINAL))
    title = entry("The power of continuous learning", "The power of continuous learning")
    title.put_stamp(Stamp.make(PAGE, "en", "nl", text=title.msgstr, state=FINAL))
    findings = run_checks(catalog("nl", label, title), glossary=glossary,
                          only=["same-as-source"])
    assert [f.msgid for f in findings] == ["The power of continuous learning"]


@pytest.mark.parametrize(("header", "forms", "expected"), [
    ("nplurals=2; plural=(n != 1);", 2, []),
    (None, 2, ["no Plural-Forms header, but 1 plural entries"]),
    ("nplurals=2; plural=(n != 1);", 3, ["has 3 forms, the header says nplurals=2"]),
    ("nplurals=3; plural=(n==1 ? 0 : n==2 ? 1 : 2);", 3,
     ["nplurals=3 in the header, 2 in CLDR for nl"]),
    ("nplurals=two", 2, ["is not 'nplurals=N; plural=EXPR;'"]),
], ids=["fits", "missing", "entry-does-not-fit", "differs-from-cldr", "malformed"])
def test_plural_forms_present_and_consistent(glossary: Glossary, header: str | None, forms: int,
                                             expected: list[str]) -> None:
    cat = catalog("nl")
    if header is None:
        del cat.header["Plural-Forms"]
    else:
        cat.header["Plural-Forms"] = header
    cat.add(Entry(msgid="%d file", msgid_plural="%d files",
                  msgstr_plural={i: f"%d bestand{i}" for i in range(forms)}))
    messages = [f.message for f in run_checks(cat, glossary=glossary, only=["plural-forms"])]
    assert len(messages) == len(expected)
    assert all(e in m for e, m in zip(expected, messages, strict=True)), messages
