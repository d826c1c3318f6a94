"""A write that fails (full disk, read-only file system): the original stays, the error names it."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from localize.cli import main
from localize.errors import WriteError
from localize.fsio import atomic_write
from tests.faults.conftest import FIGURES, PAGE_AFTER, catalogs


def failing(code: int):  # type: ignore[no-untyped-def]
    def fail(*_args: object, **_kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    return fail


@pytest.mark.parametrize(("target", "code"), [("fsync", errno.ENOSPC), ("replace", errno.EROFS)],
                         ids=["disk-full", "read-only"])
def test_atomic_write_keeps_the_original(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         target: str, code: int) -> None:
    path = tmp_path / "messages.po"
    path.write_bytes(b"original")
    monkeypatch.setattr(os, target, failing(code))
    with pytest.raises(WriteError) as caught:
        atomic_write(path, b"new content")
    assert caught.value.path == str(path)
    assert os.strerror(code) in str(caught.value)
    assert path.read_bytes() == b"original"
    assert [p.name for p in tmp_path.iterdir()] == ["messages.po"]


@pytest.mark.parametrize(("target", "code"), [("fsync", errno.ENOSPC), ("replace", errno.EROFS)],
                         ids=["disk-full", "read-only"])
def test_extract_reports_the_file_and_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              target: str, code: int) -> None:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "page.txt").write_text(PAGE_AFTER, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(main, ["extract"]).exit_code == 0
    (tmp_path / "seeds" / "page.txt").write_text(PAGE_AFTER + "Another line\n", encoding="utf-8")
    before = catalogs(tmp_path)
    monkeypatch.setattr(os, target, failing(code))
    result = CliRunner().invoke(main, ["extract"])
    FIGURES["bad inputs tried"] += 1
    assert result.exit_code == 2
    assert "messages-en.pot: cannot write: " + os.strerror(code) in result.output
    assert "Traceback" not in result.output
    assert catalogs(tmp_path) == before
