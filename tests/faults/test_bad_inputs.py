"""Bad sources and catalogs through the real command: one clear line, exit 2, nothing written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from localize.cli import main
from localize.fsio import read_catalog
from tests.faults.conftest import FIGURES, PAGE_BEFORE, catalogs

HEADER = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
          '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n')


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "page.txt").write_text(PAGE_BEFORE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(main, ["extract"]).exit_code == 0
    return tmp_path


def nl_po(project: Path) -> Path:
    return project / "locales" / "nl" / "LC_MESSAGES" / "messages-en.po"


def refused(project: Path, expected: str) -> None:
    """Extract must refuse with one line naming ``expected``, exit 2, and write nothing."""
    before = catalogs(project)
    result = CliRunner().invoke(main, ["extract"])
    FIGURES["bad inputs tried"] += 1
    crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
    if "Traceback" in result.output or crashed:
        FIGURES["crashes (tracebacks shown to a user)"] += 1
    assert result.exit_code == 2, result.output
    assert expected in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert catalogs(project) == before


CATALOGS: dict[str, tuple[str, str]] = {
    "unterminated": (HEADER + 'msgid "a"\nmsgstr "b\n', "messages-en.po:7: unterminated"),
    "bad-escape": (HEADER + 'msgid "a\\z"\nmsgstr "b"\n', "messages-en.po:6: invalid escape"),
    "duplicate": (HEADER + 'msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n',
                  "messages-en.po:9: duplicate message"),
    "broken-header": ('msgid ""\nmsgstr ""\n"no colon here\\n"\n',
                      "messages-en.po:1: malformed header"),
    "broken-plural-forms": ('msgid ""\nmsgstr ""\n"Plural-Forms: nplurals=x\\n"\n',
                            "messages-en.po:1: malformed Plural-Forms"),
    "too-many-plurals": (HEADER + 'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "b"\nmsgstr[1] "c"\n'
                         'msgstr[2] "d"\n', "messages-en.po:6: 3 plural forms"),
    "not-a-catalog": ("<!DOCTYPE html>\n<html></html>\n", "messages-en.po:1: unexpected"),
    "binary": ("\x00\x01\x02", "not a gettext catalog"),
}


@pytest.mark.parametrize("name", CATALOGS)
def test_malformed_catalog_is_refused(project: Path, name: str) -> None:
    text, expected = CATALOGS[name]
    nl_po(project).write_text(text, encoding="utf-8")
    refused(project, expected)


def test_catalog_in_latin1_is_refused(project: Path) -> None:
    nl_po(project).write_bytes(HEADER.encode() + 'msgid "a"\nmsgstr "café"\n'.encode("latin-1"))
    refused(project, "messages-en.po:7: catalog is not valid UTF-8")


@pytest.mark.parametrize(
    "damage",
    [lambda t: t.replace("\n", "\r\n"), lambda t: "\ufeff" + t, lambda t: t.rstrip("\n")],
    ids=["crlf", "bom", "no-final-newline"],
)
def test_tolerable_catalog_quirks_keep_every_translation(project: Path,
                                                         damage: Callable[[str], str]) -> None:
    path = nl_po(project)
    text = path.read_text(encoding="utf-8").replace(
        'msgid "Listen to article"\nmsgstr ""', 'msgid "Listen to article"\nmsgstr "Luister"')
    path.write_bytes(damage(text).encode("utf-8"))
    result = CliRunner().invoke(main, ["extract"])
    FIGURES["bad inputs tried"] += 1
    assert result.exit_code == 0, result.output
    entry = read_catalog(path).get("Listen to article")
    assert entry is not None and entry.msgstr == "Luister"
    assert path.read_bytes().startswith(b"# ")  # rewritten in the canonical form


SOURCES: dict[str, tuple[bytes, str | None]] = {
    "gb18030": ("深度学习崛起十年\n".encode("gb18030"), None),
    "big5": ("深度學習崛起十年\n".encode("big5"), None),
    "utf16": ("Waarom dit telt\n".encode("utf-16"), None),
    "cp1252": ("Café coöperatie\n".encode("cp1252"), None),
    "empty": (b"", None),
    "binary": (b"\x7fELF\x02\x01\x01\x00\x00\x00", "seeds/extra.txt: binary file"),
    "undecodable": (b"ok\n\x81\x30\xff\xfe\x00bad", "seeds/extra.txt"),
}


@pytest.mark.parametrize("name", SOURCES)
def test_source_encodings(project: Path, name: str) -> None:
    data, error = SOURCES[name]
    (project / "seeds" / "extra.txt").write_bytes(data)
    if error is not None:
        refused(project, error)
        return
    result = CliRunner().invoke(main, ["extract"])
    FIGURES["bad inputs tried"] += 1
    assert result.exit_code == 0, result.output
    text = data.decode({"gb18030": "gb18030", "big5": "big5", "utf16": "utf-16",
                        "cp1252": "cp1252"}.get(name, "utf-8")).strip()
    if text:
        pot = "".join(p.read_text(encoding="utf-8")
                      for p in sorted((project / "locales").glob("messages-*.pot")))
        assert text in pot
        assert "seeds/extra.txt:1" in pot


def test_missing_source(project: Path) -> None:
    before = catalogs(project)
    result = CliRunner().invoke(main, ["extract", "nowhere.txt"])
    FIGURES["bad inputs tried"] += 1
    assert result.exit_code == 2
    assert result.output.strip() == "localize: error: nowhere.txt: no such file or folder"
    assert catalogs(project) == before


def test_oversized_document_is_refused_by_name(project: Path) -> None:
    with (project / "seeds" / "huge.txt").open("wb") as handle:
        handle.truncate(50 * 2**20)  # 50 MB (sparse: the limit is checked before reading)
    refused(project, "seeds/huge.txt: 50.0 MB is over the limit of 16 MB a document")
