"""SIGKILL at every write step of extract and compile: each file is left as before or as after."""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest

from tests.faults.conftest import FIGURES, catalogs, judge, localize, start


@pytest.mark.parametrize("event", ["fsync", "replace-before", "replace-after"])
@pytest.mark.parametrize("at", [1, 2, 3, 4, 5, 6])  # six files: three of each source language
def test_extract_killed_at_a_write_step(scenario, killer: Path, event: str, at: int) -> None:  # type: ignore[no-untyped-def]
    project, before, after = scenario
    env = {"PYTHONPATH": str(killer), "LOCALIZE_KILL_ON": event, "LOCALIZE_KILL_AT": str(at)}
    killed = localize(["extract"], project, env=env)
    FIGURES["kill points tried"] += 1
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    judge(project, before, after)
    rerun = localize(["extract"], project)
    assert rerun.returncode == 0, rerun.stderr
    assert catalogs(project) == after
    assert not list((project / "locales").rglob("*.tmp"))


@pytest.mark.parametrize("delay", [0.3, 0.6, 0.9, 1.2, 1.5])
def test_extract_killed_at_a_random_moment(scenario, delay: float) -> None:  # type: ignore[no-untyped-def]
    project, before, after = scenario
    process = start(["extract"], project)
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.communicate()
    FIGURES["kill points tried"] += 1
    judge(project, before, after)
    assert localize(["extract"], project).returncode == 0
    assert catalogs(project) == after


@pytest.mark.parametrize("at", [1, 2, 3])
def test_compile_killed_while_writing(scenario, killer: Path, at: int) -> None:  # type: ignore[no-untyped-def]
    project, _, _ = scenario
    assert localize(["extract"], project).returncode == 0
    assert localize(["compile"], project).returncode == 0
    done = catalogs(project)
    env = {"PYTHONPATH": str(killer), "LOCALIZE_KILL_ON": "replace-before",
           "LOCALIZE_KILL_AT": str(at)}
    for mo in (project / "locales").rglob("*.mo"):
        mo.unlink()
    killed = localize(["compile"], project, env=env)
    FIGURES["kill points tried"] += 1
    assert killed.returncode == -signal.SIGKILL
    for name, data in catalogs(project).items():
        assert data == done[name]  # each .mo is absent or complete, never half-written
    assert localize(["compile"], project).returncode == 0
    assert catalogs(project) == done
