"""Translation on Ray: a local Ray instance fills the catalogs byte for byte as a local run."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from localize.cli import main
from localize.config import load_config
from localize.mt.cluster import LOOPBACK_ONLY, RayError, RayRunner, engine_recipe
from localize.mt.engine import CTranslate2Engine, EngineRegistry
from localize.mt.models import install, list_models
from localize.workspace import run_extract, translate_locale
from tests.conftest import msgfmt_check

FIXTURES = Path(__file__).parent / "fixtures" / "models"
PAGE = """\
Why it matters Waarom dit telt
The model learns from feedback.
Open the settings and choose a language.
Share this article with %(count)d friends.
Read the <b>full report</b> on the website.
模型从反馈中学习。
"""


@pytest.fixture(scope="module")
def ray_instance() -> Iterator[None]:
    """One local Ray instance of two CPUs for the module (runners use it, and leave it),
    on the loopback address only, as a runner starts one."""
    saved = {name: os.environ.get(name) for name in (LOOPBACK_ONLY, "RAY_USAGE_STATS_ENABLED")}
    os.environ.update(dict.fromkeys(saved, "0"))
    ray = pytest.importorskip("ray", reason="Ray is the ray extra: pip install 'localize[ray]'")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    assert ray.util.get_node_ip_address() == "127.0.0.1"
    yield
    ray.shutdown()
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture
def project(tmp_path: Path) -> Path:
    models = tmp_path / "models"
    for name in ("translate-en_nl-1_0", "translate-zh_en-1_0"):
        install(FIXTURES / f"{name}.argosmodel", models)
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "page.txt").write_text(PAGE, encoding="utf-8")
    config = load_config(tmp_path).override(sources=[tmp_path / "pages"],
                                            output=tmp_path / "locales")
    run_extract(config, base=tmp_path)
    return tmp_path


def translated(project: Path, runner: RayRunner | None, cache: Path) -> dict[str, bytes]:
    """The Dutch catalogs after ``translate --to nl`` in a fresh copy of ``project``."""
    work = cache.parent / f"project-{sum(1 for _ in cache.parent.iterdir())}"
    shutil.copytree(project, work)
    config = load_config(work).override(sources=[work / "pages"], output=work / "locales")
    run = translate_locale(config, "nl", models_dir=work / "models", cache_dir=cache,
                           runner=runner)
    assert run.report.filled > 0 and run.written
    for path in run.paths:
        msgfmt_check(path)
    return {p.name: p.read_bytes() for p in run.paths}


@pytest.mark.parametrize("ship", [False, True], ids=["models at the same path", "models shipped"])
def test_ray_fills_the_catalogs_exactly_as_a_local_run(ray_instance: None, project: Path,
                                                      tmp_path: Path, ship: bool) -> None:
    local = translated(project, None, tmp_path / "local")
    runner = RayRunner(ship_models=ship)
    on_ray = translated(project, runner, tmp_path / "ray")
    assert runner.chunks > 0  # the model ran on Ray's actors, not here
    assert on_ray == local
    # the outputs went to the memory: a second run translates nothing, on Ray or here
    again = RayRunner(ship_models=ship)
    assert translated(project, again, tmp_path / "ray") == local
    assert again.chunks == 0


def test_the_ray_option_takes_an_optional_address(project: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)
    monkeypatch.setenv("LOCALIZE_MODELS_DIR", str(project / "models"))
    result = CliRunner().invoke(main, ["translate", "--ray", "--to", "nl", "--dry-run",
                                       "-o", "locales"])
    assert result.exit_code == 0, result.output
    assert "nl: would fill" in result.output


def test_without_ray_installed_the_message_says_how_to_get_it(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray now fails
    engine = CTranslate2Engine(list_models(project / "models")[0])
    with pytest.raises(RayError, match=r"pip install 'localize\[ray\]'"):
        list(RayRunner()(engine, [["The model learns."]]))


def test_a_pivot_is_rebuilt_on_the_worker_from_both_models(project: Path) -> None:
    registry = EngineRegistry(list_models(project / "models"))
    recipe = engine_recipe(registry.engine_for("zh", "nl"))
    first, second = recipe["pivot"]
    assert (first["model"]["source"], second["model"]["target"]) == ("zh", "nl")
    assert first["settings"]["intra_threads"] is not None  # resolved here, not on the worker
