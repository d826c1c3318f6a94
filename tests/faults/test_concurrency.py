"""Runs side by side on the same catalogs: they queue or stop cleanly; nothing is corrupted."""

from __future__ import annotations

from pathlib import Path

from tests.faults.conftest import FIGURES, catalogs, judge, start


def test_parallel_runs_queue_behind_the_lock(scenario) -> None:  # type: ignore[no-untyped-def]
    project, before, after = scenario
    runs = [start(["extract", "--wait", "120"], project) for _ in range(3)]
    results = [run.communicate(timeout=180) for run in runs]
    FIGURES["runs in parallel"] += len(runs)
    assert [run.returncode for run in runs] == [0, 0, 0], results
    judge(project, before, after)
    assert catalogs(project) == after


def test_a_run_that_cannot_wait_stops_with_a_clear_message(scenario) -> None:  # type: ignore[no-untyped-def]
    project, before, after = scenario
    runs = [start(["extract", "--wait", "0"], project) for _ in range(4)]
    results = [run.communicate(timeout=180) for run in runs]
    FIGURES["runs in parallel"] += len(runs)
    codes = [run.returncode for run in runs]
    assert 0 in codes and set(codes) <= {0, 2}, results
    for run, (_out, err) in zip(runs, results, strict=True):
        if "Traceback" in err:
            FIGURES["crashes (tracebacks shown to a user)"] += 1
        if run.returncode == 2:
            assert "another localize run is writing these catalogs" in err
            assert len(err.strip().splitlines()) == 1
    judge(project, before, after)


def test_compile_and_extract_side_by_side(scenario) -> None:  # type: ignore[no-untyped-def]
    project, _, after = scenario
    runs = [start(["extract", "--wait", "120"], project),
            start(["compile", "--use-fuzzy"], project)]
    results = [run.communicate(timeout=180) for run in runs]
    FIGURES["runs in parallel"] += len(runs)
    assert [run.returncode for run in runs] == [0, 0], results
    for name, data in catalogs(project).items():
        if name.endswith((".po", ".pot")):
            assert data == after[name]
    assert Path(project / "locales/nl/LC_MESSAGES/messages.mo").exists()
