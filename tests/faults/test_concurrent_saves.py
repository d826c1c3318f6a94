"""A translator saves a catalog while extract or translate runs: the save is never lost.

Each test pauses a real run between reading the catalogs and writing them (by
wrapping the stage that computes the new catalogs) and saves the Dutch catalog
there, as Poedit would: through polib, a different writer than ours.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import polib
import pytest
from click.testing import CliRunner

import localize.workspace.extract
import localize.workspace.translate
from localize.cli import main
from localize.fsio import read_catalog
from localize.mt.models import install
from tests.conftest import msgfmt_check
from tests.faults.conftest import FIGURES, PAGE_AFTER, PAGE_BEFORE

FIXTURES = Path(__file__).parent.parent / "fixtures" / "models"
SAVED = ("Listen to article", "Luister naar het artikel (opgeslagen tijdens de run)")


def nl_po(project: Path) -> Path:
    return project / "locales" / "nl" / "LC_MESSAGES" / "messages-en.po"


def save_in_poedit(path: Path, msgid: str, text: str) -> None:
    po = polib.pofile(str(path))
    found = po.find(msgid)
    assert found is not None, msgid
    found.msgstr = text
    found.tcomment = "saved while localize ran"
    po.save(str(path))


STAGES = {"extract_catalogs": localize.workspace.extract,
          "fill_catalog": localize.workspace.translate}


def pausing(monkeypatch: pytest.MonkeyPatch, name: str,
            action: Callable[[int], None]) -> list[int]:
    """Wrap the stage ``name`` of a run so ``action(call number)`` runs after each call;
    returns the call counter."""
    module = STAGES[name]
    real = getattr(module, name)
    calls = [0]

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        result = real(*args, **kwargs)
        calls[0] += 1
        action(calls[0])
        return result

    monkeypatch.setattr(module, name, wrapper)
    return calls


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LOCALIZE_CACHE_DIR", str(tmp_path / "cache"))
    models = tmp_path / "models"
    install(FIXTURES / "translate-en_nl-1_0.argosmodel", models)
    monkeypatch.setenv("LOCALIZE_MODELS_DIR", str(models))
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "page.txt").write_text(PAGE_BEFORE, encoding="utf-8")
    assert CliRunner().invoke(main, ["extract"]).exit_code == 0
    return tmp_path


def test_a_save_during_extract_is_merged(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (project / "seeds" / "page.txt").write_text(PAGE_AFTER.replace("Listen to this article",
                                                                   "Listen to article"))
    pausing(monkeypatch, "extract_catalogs",
            lambda n: n == 1 and save_in_poedit(nl_po(project), *SAVED))
    result = CliRunner().invoke(main, ["extract"])
    FIGURES["runs in parallel"] += 1
    assert result.exit_code == 0, result.output
    after = read_catalog(nl_po(project))
    saved = after.get(SAVED[0])
    assert saved is not None and saved.msgstr == SAVED[1]
    assert "saved while localize ran" in saved.translator_comments
    level = after.get("Level")  # and the run's own work is there too
    assert level is not None and level.msgstr == "Niveau"
    msgfmt_check(nl_po(project))


def test_a_save_during_translate_is_merged(project: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    pausing(monkeypatch, "fill_catalog",
            lambda n: n == 1 and save_in_poedit(nl_po(project), *SAVED))
    result = CliRunner().invoke(main, ["translate", "--to", "nl"])
    FIGURES["runs in parallel"] += 1
    assert result.exit_code == 0, result.output
    after = read_catalog(nl_po(project))
    saved = after.get(SAVED[0])
    assert saved is not None and saved.msgstr == SAVED[1] and saved.human
    machine = after.get("The model learns from feedback.")
    assert machine is not None and machine.machine_translated
    msgfmt_check(nl_po(project))


@pytest.mark.parametrize("command", [["extract"], ["translate", "--to", "nl"]])
def test_a_file_that_keeps_changing_stops_the_run_and_stays_as_saved(
    project: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    stage = "extract_catalogs" if command[0] == "extract" else "fill_catalog"
    (project / "seeds" / "page.txt").write_text(PAGE_AFTER.replace("Listen to this article",
                                                                   "Listen to article"))
    texts = iter(f"{SAVED[1]} {n}" for n in range(1, 10))
    calls = pausing(monkeypatch, stage,
                    lambda n: save_in_poedit(nl_po(project), SAVED[0], next(texts)))
    result = CliRunner().invoke(main, command)
    FIGURES["runs in parallel"] += 1
    assert result.exit_code == 2, result.output
    assert "messages-en.po: changed while localize was running" in result.output
    assert "it is left as it was saved" in result.output
    saved = read_catalog(nl_po(project)).get(SAVED[0])
    assert saved is not None and saved.msgstr == f"{SAVED[1]} {calls[0]}"  # the last save
