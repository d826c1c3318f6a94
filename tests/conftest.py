"""Shared fixtures: the project's seeds, GNU gettext tools and a pinned clock."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(autouse=True)
def pinned_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pin header dates so catalogs written in tests are reproducible."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


def gnu(tool: str) -> str:
    """The path of a GNU gettext tool, or skip the test with a reason."""
    found = shutil.which(tool)
    if found is None:
        pytest.skip(f"GNU gettext's {tool} is not installed")
    return found


def msgfmt_check(path: Path) -> str:
    """Run ``msgfmt --check --statistics`` on a catalog; fail the test on any error."""
    result = subprocess.run(
        [gnu("msgfmt"), "--check", "--statistics", "-o", "/dev/null", str(path)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stderr
