"""The splitter compiled at installation: built where a compiler is, the same results as its
sources, and never run once its sources have changed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import localize.splitting
from localize.compiled import STAMP, source_digest

ROOT = Path(__file__).resolve().parent.parent
SPLITTING = Path(localize.splitting.__file__).parent
COMPILED = localize.splitting.RUNS_AS == "compiled"
LINES = [
    "Why it matters Waarom dit telt",
    "Reading time Leestijd 6 min · Share Delen ↗",
    "Back issues Oude nummers · No. 42 Nr. 42",
    "Listen now立即收听 ▸ 31:07",
    "开源模型 Quillo k2.5 Marrow Pro",
    "Volgens de onderzoekers is het model “good enough for most tasks”, maar niet overal.",
]
SHOW = ("import logging; logging.basicConfig(level=logging.INFO); "
        "import localize.splitting as s, localize.splitting.segment as g; "
        "print(s.RUNS_AS, Path(g.__file__).suffix)")


def _split(tmp_path: Path, **env: str) -> str:
    page = tmp_path / "page.txt"
    page.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    seeds = sorted(str(p) for p in (ROOT / "seeds").glob("*.txt"))
    out = []
    for source in [str(page), *seeds]:
        done = subprocess.run([sys.executable, "-m", "localize", "split", source, "--format",
                               "jsonl"], capture_output=True, text=True, check=True,
                              env={**os.environ, **env})
        out.append(done.stdout)
    return "".join(out)


def _show(src: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    env.pop("LOCALIZE_SPLITTER", None)
    return subprocess.run([sys.executable, "-c", "from pathlib import Path; " + SHOW],
                          capture_output=True, text=True, check=True, env=env)


def test_the_installation_compiled_the_splitter() -> None:
    if os.environ.get("LOCALIZE_PURE_PYTHON") or shutil.which("cc") is None:
        pytest.skip("installed without compiling (no C compiler, or LOCALIZE_PURE_PYTHON)")
    if not COMPILED and (SPLITTING / STAMP).is_file():
        pytest.skip("the splitter's sources were edited after installation")
    assert COMPILED, "a C compiler is here, but the splitter was not compiled at installation"


@pytest.mark.skipif(not COMPILED, reason="the splitter runs from its sources here")
def test_compiled_and_source_split_alike(tmp_path: Path) -> None:
    compiled = _split(tmp_path)
    assert compiled == _split(tmp_path, LOCALIZE_SPLITTER="source")
    assert compiled.count("\n") > 100


@pytest.mark.skipif(not COMPILED, reason="the splitter runs from its sources here")
def test_compiled_modules_are_not_run_once_their_sources_changed(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(SPLITTING.parent, src / "localize")
    for shared in SPLITTING.parent.parent.glob("localize_splitting__mypyc*"):
        shutil.copy2(shared, src)
    assert _show(src).stdout.split() == ["compiled", Path(localize.splitting.segment.__file__)
                                         .suffix]
    edited = src / "localize" / "splitting" / "finish.py"
    edited.write_text(edited.read_text("utf-8") + "\n# edited\n", encoding="utf-8")
    assert source_digest(edited.parent) != (SPLITTING / STAMP).read_text("ascii").strip()
    shown = _show(src)
    assert shown.stdout.split() == ["source", ".py"]
    assert "older than their sources" in shown.stderr
