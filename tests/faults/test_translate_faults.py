"""``localize translate`` killed, run side by side, and fed hostile model archives."""

from __future__ import annotations

import re
import shutil
import signal
import time
import zipfile
from pathlib import Path

import pytest

from tests.conftest import SEEDS, msgfmt_check
from tests.faults.conftest import FIGURES, catalogs, localize, start
from tests.zipcraft import IMPLODED, write_zip

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "models"
SEED = "000_2abc67655ca17661.txt"
HUMAN = ('msgid "Listen to article"\nmsgstr ""', 'msgid "Listen to article"\nmsgstr "Luister"')


@pytest.fixture
def project(tmp_path: Path) -> tuple[Path, dict[str, str], dict[str, bytes]]:
    """Extracted catalogs with a human edit, the run's environment, and the finished state."""
    base = tmp_path / "project"
    (base / "seeds").mkdir(parents=True)
    shutil.copy(SEEDS / SEED, base / "seeds" / SEED)
    env = {"LOCALIZE_MODELS_DIR": str(tmp_path / "models"),
           "LOCALIZE_CACHE_DIR": str(tmp_path / "cache")}
    assert localize(["extract"], base).returncode == 0
    taught = [FIXTURES / f"translate-{pair}-1_0.argosmodel" for pair in ("en_nl", "zh_en")]
    installed = localize(["models", "install", *map(str, taught)],
                         base, env=env)
    assert installed.returncode == 0, installed.stderr
    po = base / "locales/nl/LC_MESSAGES/messages-en.po"
    po.write_text(po.read_text(encoding="utf-8").replace(*HUMAN), encoding="utf-8")
    reference = tmp_path / "reference"
    shutil.copytree(base, reference)
    done = localize(["translate", "--to", "nl"], reference,
                    env={**env, "LOCALIZE_CACHE_DIR": str(tmp_path / "reference-cache")})
    assert done.returncode == 0, done.stderr
    return base, env, catalogs(reference)


def check_state(base: Path, before: dict[str, bytes], after: dict[str, bytes]) -> None:
    for name, data in catalogs(base).items():
        if data not in (before.get(name), after.get(name)):
            FIGURES["files left invalid"] += 1
            pytest.fail(f"{name} is neither its state before nor after the run")
    msgfmt_check(base / "locales/nl/LC_MESSAGES/messages-en.po")
    if 'msgstr "Luister"' not in (base / "locales/nl/LC_MESSAGES/messages-en.po").read_text(
            encoding="utf-8"):
        FIGURES["translations lost"] += 1
        pytest.fail("a human translation was lost")


@pytest.mark.parametrize("event", ["fsync", "replace-before", "replace-after"])
def test_translate_killed_while_writing(project, killer: Path, event: str) -> None:  # type: ignore[no-untyped-def]
    base, env, after = project
    before = catalogs(base)
    killed = localize(["translate", "--to", "nl"], base,
                      env={**env, "PYTHONPATH": str(killer), "LOCALIZE_KILL_ON": event,
                           "LOCALIZE_KILL_AT": "1"})
    FIGURES["kill points tried"] += 1
    assert killed.returncode == -signal.SIGKILL
    check_state(base, before, after)
    rerun = localize(["translate", "--to", "nl"], base, env=env)
    assert rerun.returncode == 0, rerun.stderr
    assert catalogs(base) == after
    filled = re.search(r"filled (\d+), (\d+) from memory", rerun.stdout)
    assert filled is not None and filled.group(1) == filled.group(2)  # all from memory


@pytest.mark.parametrize("delay", [0.2, 0.5, 0.8, 1.1, 1.4, 1.7])
def test_translate_killed_at_a_random_moment_resumes(project, delay: float) -> None:  # type: ignore[no-untyped-def]
    base, env, after = project
    before = catalogs(base)
    process = start(["translate", "--to", "nl"], base, env=env)
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.communicate()
    FIGURES["kill points tried"] += 1
    check_state(base, before, after)
    rerun = localize(["translate", "--to", "nl"], base, env=env)
    assert rerun.returncode == 0, rerun.stderr
    assert catalogs(base) == after


def test_parallel_translate_and_extract(project) -> None:  # type: ignore[no-untyped-def]
    base, env, after = project
    runs = [start(["translate", "--to", "nl", "--wait", "120"], base, env=env),
            start(["translate", "--to", "nl", "--wait", "120"], base, env=env),
            start(["extract", "--wait", "120"], base, env=env)]
    results = [run.communicate(timeout=300) for run in runs]
    FIGURES["runs in parallel"] += len(runs)
    assert [run.returncode for run in runs] == [0, 0, 0], results
    assert not any("Traceback" in err for _, err in results)
    assert catalogs(base) == after


def archive(tmp_path: Path, name: str, members: dict[str, bytes],
            links: tuple[str, ...] = ()) -> Path:
    path = tmp_path / f"{name}.argosmodel"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for member, data in members.items():
            zf.writestr(member, data)
        for link in links:
            info = zipfile.ZipInfo(link)
            info.external_attr = 0o120777 << 16  # a symbolic link
            zf.writestr(info, "../../etc/passwd")
    return path


META = b'{"from_code": "en", "to_code": "nl", "type": "translate"}'
GOOD = {"pkg/metadata.json": META, "pkg/model/model.bin": b"x", "pkg/sentencepiece.model": b"x"}
HOSTILE = {
    "no-top-folder": {"metadata.json": META, "model/model.bin": b"x", "sentencepiece.model": b"x"},
    "no-metadata": {"pkg/model/model.bin": b"x", "pkg/sentencepiece.model": b"x"},
    "no-model": {"pkg/metadata.json": META, "pkg/sentencepiece.model": b"x"},
    "dot-dot": {**GOOD, "pkg/../../escaped.txt": b"x"},
    "absolute": {**GOOD, "/tmp/escaped-absolute.txt": b"x"},
    "zip-bomb": {**GOOD, "pkg/model/padding.bin": b"\0" * (64 * 2**20)},
    "newline-in-version": {**GOOD,
                           "pkg/metadata.json": META[:-1] + b', "package_version": "1\\n"}'},
    "escape-in-name": {**GOOD, "pkg/metadata.json": META[:-1] + b', "from_name": "\\u001b[2J"}'},
    "bpe-model": {"pkg/metadata.json": META, "pkg/model/model.bin": b"x", "pkg/bpe.model": b"x"},
}


@pytest.mark.parametrize("name", [*HOSTILE, "symlink", "not-a-zip", "encrypted", "imploded"])
def test_hostile_archives_are_refused_without_harm(project, tmp_path: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    base, env, _ = project
    models = Path(env["LOCALIZE_MODELS_DIR"])
    installed_before = sorted(p.name for p in models.iterdir())
    if name == "symlink":
        path = archive(tmp_path, name, GOOD, links=("pkg/model/link",))
    elif name == "not-a-zip":
        path = tmp_path / "plain.argosmodel"
        path.write_text("not a zip", encoding="utf-8")
    elif name == "encrypted":
        path = write_zip(tmp_path / "encrypted.argosmodel", GOOD, encrypted="pkg/model/model.bin")
    elif name == "imploded":
        path = write_zip(tmp_path / "imploded.argosmodel", GOOD,
                         method=("pkg/model/model.bin", IMPLODED))
    else:
        path = archive(tmp_path, name, HOSTILE[name])
    result = localize(["models", "install", str(path)], base, env=env)
    FIGURES["bad inputs tried"] += 1
    if "Traceback" in result.stderr:
        FIGURES["crashes (tracebacks shown to a user)"] += 1
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("localize: error: ") and path.name in result.stderr
    assert sorted(p.name for p in models.iterdir()) == installed_before
    assert not Path("/tmp/escaped-absolute.txt").exists()
    assert not (tmp_path / "escaped.txt").exists()
    listed = localize(["models", "list"], base, env=env)
    assert "en→nl" in listed.stdout and "zh→en" in listed.stdout
