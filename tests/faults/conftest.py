"""The fault suite: real processes killed, run side by side, and fed bad input.

Each test records what it tried in ``FIGURES``; the totals are printed at the end
of the pytest run so CI shows them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from collections import Counter
from pathlib import Path

import pytest

from localize.fsio import LOCK_NAME
from tests.conftest import gnu

FIGURES: Counter[str] = Counter()

# Kills the process with SIGKILL at the N-th call of a chosen file operation, so
# the suite can stop a real run at every write step without hooks in the code.
_KILLER = textwrap.dedent("""
    import os, signal
    _event = os.environ.get("LOCALIZE_KILL_ON", "")
    _at = int(os.environ.get("LOCALIZE_KILL_AT", "0"))
    _seen = 0

    def _tick(name):
        global _seen
        if name == _event:
            _seen += 1
            if _seen == _at:
                os.kill(os.getpid(), signal.SIGKILL)

    _fsync, _replace = os.fsync, os.replace

    def fsync(fd):
        _tick("fsync")
        return _fsync(fd)

    def replace(src, dst, **kw):
        _tick("replace-before")
        result = _replace(src, dst, **kw)
        _tick("replace-after")
        return result

    os.fsync, os.replace = fsync, replace
""")


@pytest.fixture
def killer(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding the sitecustomize that kills at a chosen file operation."""
    folder = tmp_path_factory.mktemp("killer")
    (folder / "sitecustomize.py").write_text(_KILLER, encoding="utf-8")
    return folder


def localize(args: list[str], cwd: Path, *, env: dict[str, str] | None = None,
             timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run ``python -m localize`` as a real process."""
    return subprocess.run([sys.executable, "-m", "localize", *args], cwd=cwd, text=True,
                          capture_output=True, env={**os.environ, **(env or {})},
                          timeout=timeout, check=False)


def start(args: list[str], cwd: Path, *, env: dict[str, str] | None = None
          ) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "localize", *args], cwd=cwd, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, **(env or {})})


PAGE_BEFORE = """\
Why it matters Waarom dit telt
Audience Voor wie Creators Creators
Listen to article
The model learns from feedback.
模型从反馈中学习。
"""
PAGE_AFTER = PAGE_BEFORE.replace("Listen to article", "Listen to this article").replace(
    "模型从反馈中学习。", "模型从反馈中不断学习。") + "Level Niveau Expert Expert\n"
EDIT = ('msgid "Listen to article"\nmsgstr ""',
        'msgid "Listen to article"\nmsgstr "Luister naar het artikel"')


def catalogs(project: Path) -> dict[str, bytes]:
    return {str(p.relative_to(project)): p.read_bytes()
            for p in sorted((project / "locales").rglob("*"))
            if p.is_file() and p.name != LOCK_NAME and not p.name.endswith(".tmp")}


@pytest.fixture
def scenario(tmp_path: Path) -> tuple[Path, dict[str, bytes], dict[str, bytes]]:
    """A project with a translator's edit; its files before a run and after a whole run."""
    project = tmp_path / "project"
    (project / "seeds").mkdir(parents=True)
    (project / "seeds" / "page.txt").write_text(PAGE_BEFORE, encoding="utf-8")
    assert localize(["extract"], project).returncode == 0
    po = project / "locales" / "nl" / "LC_MESSAGES" / "messages-en.po"
    po.write_text(po.read_text(encoding="utf-8").replace(*EDIT), encoding="utf-8")
    (project / "seeds" / "page.txt").write_text(PAGE_AFTER, encoding="utf-8")
    before = catalogs(project)
    reference = tmp_path / "reference"
    shutil.copytree(project, reference)
    assert localize(["extract"], reference).returncode == 0
    return project, before, catalogs(reference)


def judge(project: Path, before: dict[str, bytes], after: dict[str, bytes]) -> None:
    """Every file is in its before or after state, valid, and the translator's edit is there."""
    for name, data in catalogs(project).items():
        if data not in (before.get(name), after.get(name)):
            FIGURES["files left invalid"] += 1
            pytest.fail(f"{name} is neither its state before nor after the run")
        if name.endswith(".po"):
            result = subprocess.run([gnu("msgfmt"), "--check", "-o", "/dev/null",
                                     str(project / name)], capture_output=True, check=False)
            if result.returncode:
                FIGURES["files left invalid"] += 1
                pytest.fail(f"{name} fails msgfmt --check")
    nl = (project / "locales/nl/LC_MESSAGES/messages-en.po").read_text(encoding="utf-8")
    if "Luister naar het artikel" not in nl:
        FIGURES["translations lost"] += 1
        pytest.fail("the translator's edit was lost")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not FIGURES:
        return
    terminalreporter.section("fault suite figures")
    for key in ("kill points tried", "runs in parallel", "bad inputs tried",
                "crashes (tracebacks shown to a user)", "translations lost",
                "files left invalid"):
        terminalreporter.write_line(f"{key}: {FIGURES.get(key, 0)}")
