"""The model store: resolving the folder, installing, listing, removing, refusing bad archives."""

from __future__ import annotations

import json
import os
import stat
import zipfile
from pathlib import Path

import pytest

from localize.errors import ModelError
from localize.mt.models import install, list_models, remove, resolve_models_dir
from tests.zipcraft import IMPLODED, write_zip

FIXTURES = Path(__file__).parent / "fixtures" / "models"
EN_NL = FIXTURES / "translate-en_nl-1_0.argosmodel"
ZH_EN = FIXTURES / "translate-zh_en-1_0.argosmodel"

META = json.dumps({"from_code": "en", "to_code": "de", "package_version": "1.0"}).encode()
GOOD = {
    "pkg/metadata.json": META,
    "pkg/model/model.bin": b"\0" * 64,
    "pkg/model/config.json": b"{}",
    "pkg/sentencepiece.model": b"sp",
}


def make_zip(path: Path, members: dict[str, bytes], *, symlink: str | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
        if symlink is not None:
            info = zipfile.ZipInfo(symlink)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            zf.writestr(info, "/etc/passwd")
    return path


@pytest.fixture
def store(tmp_path: Path) -> Path:
    """A models folder with the real en→nl test model installed."""
    folder = tmp_path / "models"
    install(EN_NL, folder)
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_models_dir_precedence(tmp_path: Path) -> None:
    env = {"LOCALIZE_MODELS_DIR": "/env", "ARGOS_PACKAGES_DIR": "/argos", "XDG_DATA_HOME": "/x"}
    assert resolve_models_dir(Path("/flag"), Path("/cfg"), env) == Path("/flag")
    assert resolve_models_dir(None, Path("/cfg"), env) == Path("/env")
    del env["LOCALIZE_MODELS_DIR"]
    assert resolve_models_dir(None, Path("/cfg"), env) == Path("/cfg")
    assert resolve_models_dir(None, None, env) == Path("/argos")
    del env["ARGOS_PACKAGES_DIR"]
    assert resolve_models_dir(None, None, env) == Path("/x/argos-translate/packages")


def test_install_real_fixtures_and_list(store: Path) -> None:
    info = install(ZH_EN, store)
    assert info.pair == "zh→en"
    listed = list_models(store)
    assert [(m.name, m.pair) for m in listed] == [
        ("translate-en_nl-1_0", "en→nl"), ("translate-zh_en-1_0", "zh→en")]
    assert all((m.model_dir / "model.bin").is_file() and m.sentencepiece.is_file()
               for m in listed)
    assert [p.name for p in store.iterdir() if p.name.startswith(".") and p.is_dir()] == []


def test_fixture_checksums_are_recorded() -> None:
    import hashlib

    sums = dict(line.split()[::-1] for line in (FIXTURES / "SHA256SUMS").read_text().splitlines())
    assert len(sums) == 3
    for name in (EN_NL.name, ZH_EN.name, "translate-en_nl-naive-1_0.argosmodel"):
        assert hashlib.sha256((FIXTURES / name).read_bytes()).hexdigest() == sums[name]


def test_reinstall_replaces_in_place(store: Path) -> None:
    before = list_models(store)[0].model_id
    install(EN_NL, store)
    assert [m.model_id for m in list_models(store)] == [before]


def test_remove_by_name_and_by_pair(store: Path) -> None:
    install(ZH_EN, store)
    assert remove("zh-en", store).name == "translate-zh_en-1_0"
    assert remove("translate-en_nl-1_0", store).pair == "en→nl"
    assert list_models(store) == []


def test_remove_unknown_names_what_is_installed(store: Path) -> None:
    with pytest.raises(ModelError, match=r"no installed package 'fr-de'.*en→nl"):
        remove("fr-de", store)


def test_list_skips_foreign_folders(store: Path) -> None:
    (store / "junk").mkdir()
    sbd = store / "sbd-pkg"
    sbd.mkdir()
    (sbd / "metadata.json").write_text('{"type": "sbd", "from_code": "en", "to_code": "en"}')
    assert [m.name for m in list_models(store)] == ["translate-en_nl-1_0"]
    assert list_models(store.parent / "absent") == []


BAD_ARCHIVES = {
    "empty": ({}, None, "empty"),
    "two-top-folders": ({**GOOD, "other/x": b""}, None, "one top-level folder"),
    "file-at-root": ({"metadata.json": META}, None, "one top-level folder|is a file"),
    "no-metadata": ({k: v for k, v in GOOD.items() if "metadata" not in k}, None,
                    "missing metadata.json"),
    "no-model-bin": ({k: v for k, v in GOOD.items() if "model.bin" not in k}, None,
                     "missing model/model.bin"),
    "no-sentencepiece": ({k: v for k, v in GOOD.items() if "sentencepiece" not in k}, None,
                         "missing sentencepiece.model"),
    "bad-json": ({**GOOD, "pkg/metadata.json": b"{nope"}, None, "not valid JSON"),
    "no-to-code": ({**GOOD, "pkg/metadata.json": b'{"from_code": "en"}'}, None, "no to_code"),
    "dot-dot": ({**GOOD, "pkg/../../evil.txt": b"x"}, None, "escapes"),
    "absolute": ({**GOOD, "/tmp/evil.txt": b"x"}, None, "absolute"),
    "symlink": (GOOD, "pkg/model/link", "link"),
    "zip-bomb": ({**GOOD, "pkg/model/big.bin": b"\0" * (8 * 1024**2)}, None, "zip bomb"),
}


@pytest.mark.parametrize("case", list(BAD_ARCHIVES), ids=list(BAD_ARCHIVES))
def test_bad_archives_are_refused_and_break_nothing(store: Path, tmp_path: Path,
                                                    case: str) -> None:
    members, symlink, message = BAD_ARCHIVES[case]
    archive = make_zip(tmp_path / f"{case}.argosmodel", members, symlink=symlink)
    before = snapshot(store)
    with pytest.raises(ModelError, match=message) as err:
        install(archive, store)
    assert err.value.path == str(archive)
    assert snapshot(store) == before
    assert not (tmp_path / "evil.txt").exists()
    assert [p.name for p in store.iterdir() if p.is_dir()] == ["translate-en_nl-1_0"]


def test_not_a_zip_is_refused(store: Path, tmp_path: Path) -> None:
    archive = tmp_path / "model.argosmodel"
    archive.write_text("hello")
    with pytest.raises(ModelError, match="not a zip archive"):
        install(archive, store)


def test_size_cap_counts_uncompressed_bytes(store: Path, tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "big.argosmodel", GOOD)
    with pytest.raises(ModelError, match="bytes uncompressed"):
        install(archive, store, max_total=100)


def test_a_layout_only_package_installs(store: Path, tmp_path: Path) -> None:
    info = install(make_zip(tmp_path / "de.argosmodel", GOOD), store)
    assert (info.name, info.pair, info.package_version) == ("pkg", "en→de", "1.0")


def test_an_interrupted_replacement_is_restored(tmp_path: Path) -> None:
    """A package moved aside by an install that died comes back on the next operation."""
    models_dir = tmp_path / "models"
    info = install(FIXTURES / "translate-en_nl-1_0.argosmodel", models_dir)
    os.replace(info.path, models_dir / f".replaced-{info.name}-12345")
    (models_dir / ".installing-abc").mkdir()
    install(FIXTURES / "translate-zh_en-1_0.argosmodel", models_dir)
    assert sorted(p.name for p in models_dir.iterdir() if p.is_dir()) == [
        "translate-en_nl-1_0", "translate-zh_en-1_0"]
    assert [m.pair for m in list_models(models_dir)] == ["en→nl", "zh→en"]


@pytest.mark.parametrize(
    ("field", "value"),
    [("package_version", "1.0\n"), ("from_name", "English\r\nX-Injected: yes"),
     ("to_name", "Dutch\x1b[2J"), ("description", "line\u2028break")],
    ids=["newline-in-version", "crlf-in-name", "escape-sequence", "line-separator"],
)
def test_metadata_with_control_characters_is_refused(store: Path, tmp_path: Path, field: str,
                                                     value: str) -> None:
    meta = {"from_code": "en", "to_code": "de", "package_version": "1.0", field: value}
    archive = make_zip(tmp_path / "ctl.argosmodel",
                       {**GOOD, "pkg/metadata.json": json.dumps(meta).encode()})
    before = snapshot(store)
    with pytest.raises(ModelError, match=f"field '{field}' holds a control character"):
        install(archive, store)
    assert snapshot(store) == before


def test_an_installed_package_with_control_characters_is_skipped(store: Path) -> None:
    folder = store / "pkg"
    (folder / "model").mkdir(parents=True)
    (folder / "model" / "model.bin").write_bytes(b"x")
    (folder / "metadata.json").write_text(json.dumps(
        {"from_code": "en", "to_code": "de", "from_name": "a\nb"}))
    assert [m.name for m in list_models(store)] == ["translate-en_nl-1_0"]


@pytest.mark.parametrize("kind", ["encrypted", "imploded"])
def test_members_zipfile_cannot_read_are_refused(store: Path, tmp_path: Path, kind: str) -> None:
    archive = tmp_path / f"{kind}.argosmodel"
    if kind == "encrypted":
        write_zip(archive, GOOD, encrypted="pkg/model/model.bin")
        message = "member 'pkg/model/model.bin' is encrypted"
    else:
        write_zip(archive, GOOD, method=("pkg/model/model.bin", IMPLODED))
        message = "member 'pkg/model/model.bin' uses an unsupported compression method"
    before = snapshot(store)
    with pytest.raises(ModelError, match=message):
        install(archive, store)
    assert snapshot(store) == before


def test_a_bpe_package_is_refused_naming_the_limitation(store: Path, tmp_path: Path) -> None:
    members = {k: v for k, v in GOOD.items() if "sentencepiece" not in k}
    archive = make_zip(tmp_path / "bpe.argosmodel", {**members, "pkg/bpe.model": b"#version"})
    with pytest.raises(ModelError, match=r"uses bpe\.model .* SentencePiece packages only"):
        install(archive, store)
    installed = store / "bpe-pkg"
    (installed / "model").mkdir(parents=True)
    (installed / "model" / "model.bin").write_bytes(b"x")
    (installed / "bpe.model").write_text("#version: 0.2\n")
    (installed / "metadata.json").write_text(json.dumps({"from_code": "en", "to_code": "de"}))
    assert [m.name for m in list_models(store)] == ["translate-en_nl-1_0"]


def test_a_package_for_another_pair_than_expected_is_refused(store: Path) -> None:
    with pytest.raises(ModelError, match="translates zh→en, not en→nl as its index entry says"):
        install(ZH_EN, store, expect=("en", "nl"))
    assert [m.name for m in list_models(store)] == ["translate-en_nl-1_0"]
