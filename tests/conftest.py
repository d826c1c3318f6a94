"""Shared fixtures: the project's seeds, GNU gettext tools and a pinned clock."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(autouse=True)
def pinned_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pin header dates so catalogs written in tests are reproducible."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


@pytest.fixture(autouse=True)
def own_cache(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Each test's split cache and translation memory in a folder of its own, never the user's."""
    monkeypatch.setenv("LOCALIZE_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


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


# --- Every catalog the tests write is a fixed point of GNU msgcat and msgmerge -------------

_JUDGED: dict[tuple[bytes, bytes | None, int | None], str | None] = {}


@pytest.fixture(autouse=True)
def gnu_fixed_points(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
                     ) -> Iterator[None]:
    """Record each catalog localize writes in the test; after it, GNU ``msgcat`` (at the width
    it was written with) must give the same bytes back, and so must ``msgmerge --previous``
    with its template. A difference fails the test."""
    import localize.fsio as fsio
    from localize.errors import LocalizeError

    widths: dict[str, int | None] = {}
    written: list[tuple[Path, bytes, int | None, bytes | None]] = []
    real_write, real_stage = fsio.write_po, fsio._stage

    def write_po(catalog: Any, width: int | None = 79) -> str:
        text = real_write(catalog, width)
        widths[text] = width
        return text

    def stage(path: Path, data: bytes) -> str:
        if path.suffix in (".po", ".pot"):
            try:
                header = fsio.parse_catalog(data, path).header
            except LocalizeError:
                return real_stage(path, data)  # not a catalog: a test's own bytes
            text = data.decode(fsio.po_codec(fsio.header_charset(header)))
            written.append((path, data, widths.get(text, 79), _template_of(path, written)))
        return real_stage(path, data)

    monkeypatch.setattr(fsio, "write_po", write_po)
    monkeypatch.setattr(fsio, "_stage", stage)
    yield
    if not written or shutil.which("msgcat") is None:
        return
    work = tmp_path_factory.mktemp("gnu-judge")
    problems = [p for p in (_judge(path, data, width, template, work)
                            for path, data, width, template in written) if p]
    assert not problems, "\n".join(problems)


def _template_of(path: Path, written: list[tuple[Path, bytes, int | None, bytes | None]]
                 ) -> bytes | None:
    """The template a catalog of ``<locale>/LC_MESSAGES/`` was merged from, if we wrote one."""
    if path.suffix != ".po" or path.parent.name != "LC_MESSAGES":
        return None
    template = path.parent.parent.parent / f"{path.stem}.pot"
    for done, data, _, _ in reversed(written):
        if done == template:
            return data
    return template.read_bytes() if template.is_file() else None


def _judge(path: Path, data: bytes, width: int | None, template: bytes | None,
           work: Path) -> str | None:
    key = (data, template, width)
    if key not in _JUDGED:
        _JUDGED[key] = _differences(path, data, width, template, work)
    return _JUDGED[key]


def _differences(path: Path, data: bytes, width: int | None, template: bytes | None,
                 work: Path) -> str | None:
    entries = data.count(b"\nmsgid ") + data.count(b"\n#~ msgid ")
    if entries < 2:
        return None  # a header alone: GNU writes nothing back for it
    option = ["--no-wrap"] if width is None else [f"--width={width}"]
    mine = work / f"{len(_JUDGED)}{path.suffix}"
    mine.write_bytes(data)
    again = subprocess.run(["msgcat", *option, "-o", "-", str(mine)], capture_output=True,
                           check=False).stdout
    if again != data:
        return f"{path}: msgcat {' '.join(option)} changes it\n{_diff(data, again)}"
    if template is not None and _charset(template) == _charset(data):
        # (msgmerge converts a catalog to its template's charset: a latin-1 catalog of a
        # UTF-8 template comes back UTF-8, so only same-charset pairs are its fixed points)
        pot = work / f"{len(_JUDGED)}.pot"
        pot.write_bytes(template)
        merged = subprocess.run(["msgmerge", "--quiet", "--previous", *option, "-o", "-",
                                 str(mine), str(pot)], capture_output=True, check=False).stdout
        if merged != data:
            return (f"{path}: msgmerge --previous {' '.join(option)} with its template changes "
                    f"it\n{_diff(data, merged)}")
    return None


def _charset(data: bytes) -> str:
    import re

    found = re.search(rb"charset=([\w.:-]+)", data[:4096])
    return found.group(1).decode().upper() if found else "UTF-8"


def _diff(ours: bytes, theirs: bytes) -> str:
    import difflib

    lines = difflib.unified_diff(ours.decode("utf-8", "replace").splitlines(),
                                 theirs.decode("utf-8", "replace").splitlines(),
                                 "ours", "gnu", lineterm="", n=1)
    return "\n".join(list(lines)[:30])
