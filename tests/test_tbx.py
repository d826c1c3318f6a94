"""TBX export and import: structure, lossless round trip, TBX v3 input, errors, the CLI."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from localize.cli import main
from localize.errors import GlossaryError
from localize.terms.glossary import Glossary, load_glossary, read_glossary, write_glossary
from localize.terms.tbx import load_tbx, read_tbx, write_tbx

ROOT = Path(__file__).resolve().parent.parent
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SMALL = """en,nl,zh,dnt,note
reinforcement learning|RL,reinforcement learning|versterkend leren,强化学习|RL,,core term
OpenAI,,,yes,organisation
"""


@pytest.fixture(scope="module")
def project_glossary() -> Glossary:
    return load_glossary(ROOT / "glossary")


def test_round_trip_of_the_project_glossary_loses_nothing(project_glossary: Glossary) -> None:
    again = read_tbx(write_tbx(project_glossary), path="g.tbx")
    assert again.terms == project_glossary.terms
    assert [t.note for t in again.terms] == [t.note for t in project_glossary.terms]
    assert again.version == project_glossary.version
    assert write_glossary(again) == write_glossary(project_glossary)


def test_structure_is_tbx_basic() -> None:
    root = ET.fromstring(write_tbx(read_glossary(SMALL)))
    assert root.tag == "martif" and root.get("type") == "TBX-Basic"
    entries = root.findall("./text/body/termEntry")
    assert [e.get("id") for e in entries] == ["t0001", "t0002"]
    rl, openai = entries
    assert rl.findtext("note") == "core term"
    assert [s.get(XML_LANG) for s in rl.findall("langSet")] == ["en", "nl", "zh-Hans"]
    en_terms = rl.findall("./langSet[1]/tig")
    assert [t.findtext("term") for t in en_terms] == ["reinforcement learning", "RL"]
    assert [t.findtext("termNote[@type='administrativeStatus']") for t in en_terms] == [
        "preferredTerm-admn-sts", "admittedTerm-admn-sts"]
    zh = [t.findtext("term") for t in openai.findall("./langSet[3]/tig")]
    assert zh == ["OpenAI"]
    assert openai.findtext("./langSet[2]/tig/termNote[@type='transferComment']") == (
        "do not translate")
    assert rl.find(".//termNote[@type='transferComment']") is None


TBX_V3 = """<?xml version="1.0" encoding="UTF-8"?>
<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en">
  <tbxHeader><fileDesc><sourceDesc><p>sample</p></sourceDesc></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="c1">
      <langSec xml:lang="en">
        <termSec><term>neural net</term>
          <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></termSec>
        <termSec><term>neural network</term>
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
      </langSec>
      <langSec xml:lang="nl-NL"><termSec><term>neuraal netwerk</term></termSec></langSec>
      <langSec xml:lang="zh-CN"><termSec><term>神经网络</term></termSec></langSec>
      <langSec xml:lang="fr"><termSec><term>réseau de neurones</term></termSec></langSec>
    </conceptEntry>
  </body></text>
</tbx>
"""


def test_reads_tbx_v3_with_namespace_and_regional_codes() -> None:
    (term,) = read_tbx(TBX_V3).terms
    assert term.en == ("neural network", "neural net")  # the preferred term comes first
    assert term.nl == ("neuraal netwerk",) and term.zh == ("神经网络",)
    assert not term.dnt and term.line == 5


@pytest.mark.parametrize(("text", "line", "words"), [
    pytest.param("<martif><text><body><termEntry>\n</martif>", 2, "not well-formed",
                 id="malformed"),
    pytest.param("<xliff version='1.2'/>", 1, "not a TBX document", id="wrong-root"),
    pytest.param(TBX_V3.replace('<langSec xml:lang="nl-NL"><termSec><term>neuraal netwerk'
                                "</term></termSec></langSec>", ""), 5, "empty nl cell",
                 id="missing-language"),
    pytest.param(TBX_V3.replace("<term>neural net</term>", ""), 5, "without a <term>",
                 id="empty-term-section"),
])
def test_errors_name_path_and_line(text: str, line: int, words: str) -> None:
    with pytest.raises(GlossaryError) as caught:
        read_tbx(text, path="in.tbx")
    assert (caught.value.path, caught.value.line) == ("in.tbx", line)
    assert words in caught.value.message


def test_load_tbx_rejects_bad_utf8(tmp_path: Path) -> None:
    path = tmp_path / "g.tbx"
    path.write_bytes(b"<martif>\n<text>\xff</text></martif>")
    with pytest.raises(GlossaryError) as caught:
        load_tbx(path)
    assert caught.value.line == 2


def test_translate_toolkit_reads_the_export(tmp_path: Path, project_glossary: Glossary) -> None:
    """Translate Toolkit (what Weblate imports TBX with) sees every entry."""
    try:
        from translate.storage import tbx as ttk_tbx  # type: ignore[import-not-found]
    except ImportError:
        pytest.skip("translate-toolkit is not installed (pip install translate-toolkit)")
    path = tmp_path / "g.tbx"
    path.write_text(write_tbx(project_glossary), encoding="utf-8")
    store = ttk_tbx.tbxfile.parsefile(str(path))
    units = store.units
    assert len(units) == len(project_glossary.terms)
    first = project_glossary.terms[0]
    assert (units[0].source, units[0].target) == (first.en[0], first.nl[0])


def test_cli_export_and_import_round_trip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                          ) -> None:
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "terms.csv").write_text(SMALL, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    exported = runner.invoke(main, ["glossary", "export", "--format", "tbx", "-o", "g.tbx"])
    assert exported.exit_code == 0, exported.output
    imported = runner.invoke(main, ["glossary", "import", "g.tbx"])
    assert imported.exit_code == 0, imported.output
    assert imported.stdout == write_glossary(read_glossary(SMALL))
    stdout = runner.invoke(main, ["glossary", "export"])
    assert stdout.stdout == (tmp_path / "g.tbx").read_text(encoding="utf-8")


def test_cli_import_error_is_one_line_and_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tbx"
    bad.write_text("<martif><text>", encoding="utf-8")
    result = CliRunner().invoke(main, ["glossary", "import", str(bad)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"localize: error: {bad}:1: not well-formed TBX")
