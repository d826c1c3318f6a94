"""Whole-pipeline golden files: a small page in, the template and catalogs out, byte for byte.

Header dates are pinned by SOURCE_DATE_EPOCH (see conftest). After a deliberate change
to the output, regenerate with ``LOCALIZE_UPDATE_GOLDEN=1 pytest tests/test_golden.py``
and review the diff.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from localize.cli import main
from tests.conftest import msgfmt_check

GOLDEN = Path(__file__).parent / "golden"
OUTPUTS = ["messages-en.pot", "messages-zh.pot", "en/LC_MESSAGES/messages-zh.po",
           "nl/LC_MESSAGES/messages-en.po", "nl/LC_MESSAGES/messages-zh.po",
           "zh/LC_MESSAGES/messages-en.po"]


@pytest.mark.parametrize("name", OUTPUTS)
def test_extract_output_matches_the_golden_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                name: str) -> None:
    (tmp_path / "seeds").mkdir()
    shutil.copy(GOLDEN / "page.txt", tmp_path / "seeds" / "page.txt")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "no-terms").mkdir()  # an empty glossary folder: no term pairs
    result = CliRunner().invoke(main, ["extract", "--glossary", str(tmp_path / "no-terms")])
    assert result.exit_code == 0, result.output
    produced = tmp_path / "locales" / name
    expected = GOLDEN / "locales" / name
    if os.environ.get("LOCALIZE_UPDATE_GOLDEN"):
        expected.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(produced, expected)
    assert produced.read_text(encoding="utf-8") == expected.read_text(encoding="utf-8")
    msgfmt_check(produced)
    assert sorted(p.relative_to(tmp_path / "locales").as_posix()
                  for p in (tmp_path / "locales").rglob("*.po*")) == sorted(OUTPUTS)
