"""A single 5 MB line, and broken glossaries, through the real command."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from localize.cli import main
from localize.fsio import read_catalog
from tests.conftest import msgfmt_check
from tests.faults.conftest import FIGURES, PAGE_BEFORE, catalogs


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "page.txt").write_text(PAGE_BEFORE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_five_megabyte_line_is_extracted(project: Path) -> None:
    unit = "Why it matters Waarom dit telt 深度学习崛起十年。 6 min • The model learns. "
    line = unit * (5 * 2**20 // len(unit.encode("utf-8")) + 1)
    (project / "seeds" / "long.txt").write_text(line + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract"])
    FIGURES["bad inputs tried"] += 1
    assert result.exit_code == 0, result.output
    nl = project / "locales/nl/LC_MESSAGES/messages-en.po"
    msgfmt_check(nl)
    entry = read_catalog(nl).get("Why it matters")
    assert entry is not None and entry.msgstr == "Waarom dit telt"
    assert "seeds/long.txt:1" in entry.references


GLOSSARIES = {
    "missing-columns": (b"en,nl\nmodel,model\n", "terms.csv:1:"),
    "duplicate-term": (b"en,nl,zh,dnt,note\nagent,agent,\xe6\x99\xba\xe8\x83\xbd\xe4\xbd\x93,,\n"
                       b"Agent,makelaar,\xe4\xbb\xa3\xe7\x90\x86,,\n", "terms.csv:3:"),
    "empty-target": (b"en,nl,zh,dnt,note\nagent,,\xe6\x99\xba\xe8\x83\xbd\xe4\xbd\x93,,\n",
                     "terms.csv:2:"),
    "bad-utf8": (b"en,nl,zh,dnt,note\nagent,agent,\xff\xfe,,\n", "terms.csv"),
}


@pytest.mark.parametrize("name", GLOSSARIES)
@pytest.mark.parametrize("command", [["extract"], ["check"], ["glossary", "export"]])
def test_broken_glossary_is_refused_by_file_and_line(project: Path, name: str,
                                                    command: list[str]) -> None:
    assert CliRunner().invoke(main, ["extract"]).exit_code == 0
    (project / "glossary").mkdir()
    data, where = GLOSSARIES[name]
    (project / "glossary" / "terms.csv").write_bytes(data)
    (project / "seeds" / "page.txt").write_text(PAGE_BEFORE + "A new line\n", encoding="utf-8")
    before = catalogs(project)
    result = CliRunner().invoke(main, command)
    FIGURES["bad inputs tried"] += 1
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        FIGURES["crashes (tracebacks shown to a user)"] += 1
    assert result.exit_code == 2, result.output
    assert result.output.startswith(f"localize: error: glossary/{where}")
    assert len(result.output.strip().splitlines()) == 1
    assert catalogs(project) == before
