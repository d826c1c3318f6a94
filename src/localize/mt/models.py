"""The model store: Argos Translate packages (``.argosmodel``) installed in one folder.

A package is a zip archive holding one top-level folder with ``metadata.json``
(``from_code``, ``to_code``, ...), ``model/`` (a CTranslate2 model) and
``sentencepiece.model``. Installing validates the whole archive before writing
anything, extracts into a temporary folder inside the models folder and renames
it into place, so a bad archive or an interrupted install never leaves a broken
package behind and never touches the packages already installed.

The default folder is Argos Translate's own, so packages installed with Argos's
tools are found, and packages installed here are found by Argos.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import shutil
import stat
import tempfile
import unicodedata
import zipfile
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Any

import filelock

from localize.errors import ModelError

__all__ = [
    "INSTALL_HINT",
    "MAX_RATIO",
    "MAX_TOTAL_SIZE",
    "ModelInfo",
    "default_models_dir",
    "install",
    "list_models",
    "remove",
    "resolve_models_dir",
]

log = logging.getLogger(__name__)

INSTALL_HINT = "Install one with `localize models install FILE.argosmodel`"
MAX_TOTAL_SIZE = 4 * 1024**3  # uncompressed bytes; real Argos packages are 50-400 MB
MAX_RATIO = 200  # uncompressed/compressed per member; weights compress about 1.1x
MAX_MEMBERS = 10_000
MAX_METADATA = 1024**2
_LOCK = ".localize-models.lock"
_REQUIRED = ("metadata.json", "model/model.bin", "sentencepiece.model")
_BPE_REFUSAL = ("uses bpe.model (subword-nmt BPE with Moses tokenization); localize runs "
                "SentencePiece packages only: use a package with sentencepiece.model")
# What Python's zipfile can read; anything else (implode, shrink, ...) is refused up front.
_READABLE = frozenset({zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2,
                       zipfile.ZIP_LZMA})


def _control_field(meta: object, where: str = "") -> str | None:
    """The first field (dotted path) of ``meta`` whose text holds a control character."""
    if isinstance(meta, str):
        return where or "value" if any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp")
                                        for c in meta) else None
    if isinstance(meta, dict):
        for key, value in meta.items():
            found = _control_field(key, where) or _control_field(value, f"{where}.{key}".strip("."))
            if found:
                return found
    if isinstance(meta, list):
        for i, value in enumerate(meta):
            found = _control_field(value, f"{where}[{i}]")
            if found:
                return found
    return None


@dataclass(frozen=True)
class ModelInfo:
    """An installed package: its folder and what it translates."""

    name: str
    source: str
    target: str
    path: Path
    package_version: str = ""
    target_prefix: str = ""

    @property
    def pair(self) -> str:
        return f"{self.source}→{self.target}"

    @property
    def model_dir(self) -> Path:
        return self.path / "model"

    @property
    def sentencepiece(self) -> Path:
        return self.path / "sentencepiece.model"

    @cached_property
    def model_id(self) -> str:
        """Names this exact model: folder, version and a hash of its files' identity."""
        digest = hashlib.sha256()
        for rel in ("metadata.json", "model/config.json", "sentencepiece.model"):
            with contextlib.suppress(OSError):
                digest.update((self.path / rel).read_bytes())
        with contextlib.suppress(OSError):
            digest.update(str((self.model_dir / "model.bin").stat().st_size).encode())
        version = f"-{self.package_version}" if self.package_version else ""
        return f"{self.name}{version}@{digest.hexdigest()[:10]}"


def default_models_dir(env: Mapping[str, str] | None = None) -> Path:
    """Argos Translate's packages folder: ``ARGOS_PACKAGES_DIR`` or the XDG data home."""
    env = os.environ if env is None else env
    if env.get("ARGOS_PACKAGES_DIR"):
        return Path(env["ARGOS_PACKAGES_DIR"])
    data_home = env.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home) / "argos-translate" / "packages"


def resolve_models_dir(
    flag: Path | None = None,
    configured: Path | None = None,
    env: Mapping[str, str] | None = None,
) -> Path:
    """The models folder: flag > ``LOCALIZE_MODELS_DIR`` > config > Argos's own folder."""
    env = os.environ if env is None else env
    if flag is not None:
        return flag
    if env.get("LOCALIZE_MODELS_DIR"):
        return Path(env["LOCALIZE_MODELS_DIR"])
    if configured is not None:
        return configured
    return default_models_dir(env)


# --- Reading installed packages ---------------------------------------------------------


def _read_info(folder: Path) -> ModelInfo | None:
    """The package in ``folder``, or None (with a log line) when it is not a translate package."""
    try:
        meta = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        log.warning("skipping %s: no readable metadata.json (%s)", folder, err)
        return None
    if not isinstance(meta, dict) or meta.get("type", "translate") != "translate":
        return None
    if _control_field(meta):
        log.warning("skipping %s: metadata.json field %r holds a control character", folder,
                    _control_field(meta))
        return None
    if not (folder / "sentencepiece.model").is_file() and (folder / "bpe.model").is_file():
        log.warning("skipping %s: it %s", folder, _BPE_REFUSAL)
        return None
    source, target = meta.get("from_code"), meta.get("to_code")
    if not isinstance(source, str) or not isinstance(target, str):
        log.warning("skipping %s: metadata.json lacks from_code/to_code", folder)
        return None
    if not (folder / "model" / "model.bin").is_file():
        log.warning("skipping %s: no model/model.bin", folder)
        return None
    return ModelInfo(
        name=folder.name,
        source=source,
        target=target,
        path=folder,
        package_version=str(meta.get("package_version", "")),
        target_prefix=str(meta.get("target_prefix", "") or ""),
    )


def list_models(models_dir: Path) -> list[ModelInfo]:
    """The translate packages installed in ``models_dir``, sorted by name."""
    try:
        folders = sorted(p for p in models_dir.iterdir() if p.is_dir())
    except FileNotFoundError:
        return []
    except OSError as err:
        raise ModelError(f"cannot read models folder: {err.strerror}", path=models_dir) from err
    infos = (_read_info(p) for p in folders if not p.name.startswith("."))
    return [info for info in infos if info is not None]


# --- Validating archives ------------------------------------------------------------------


def _member_path(info: zipfile.ZipInfo, archive: Path) -> PurePosixPath:
    name = info.filename
    if "\\" in name or "\x00" in name:
        raise ModelError(f"refused: member {name!r} has a backslash or NUL in its name",
                         path=archive)
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        raise ModelError(f"refused: member {name!r} has an absolute path", path=archive)
    parts = PurePosixPath(name).parts
    if any(part in ("..", ".") for part in parts) or not parts:
        raise ModelError(f"refused: member {name!r} escapes the package folder", path=archive)
    kind = stat.S_IFMT(info.external_attr >> 16)  # 0 when the archiver wrote no file type
    if kind and kind not in (stat.S_IFREG, stat.S_IFDIR):
        raise ModelError(f"refused: member {name!r} is a link or special file", path=archive)
    return PurePosixPath(*parts)


def _check_sizes(members: list[zipfile.ZipInfo], archive: Path, max_total: int) -> None:
    if len(members) > MAX_MEMBERS:
        raise ModelError(f"refused: {len(members)} members (at most {MAX_MEMBERS})", path=archive)
    total = sum(m.file_size for m in members)
    if total > max_total:
        raise ModelError(f"refused: {total} bytes uncompressed (at most {max_total})",
                         path=archive)
    for m in members:
        if m.file_size > 1024**2 and m.file_size > MAX_RATIO * max(m.compress_size, 1):
            raise ModelError(f"refused: member {m.filename!r} expands {m.file_size} bytes from "
                             f"{m.compress_size} (a zip bomb?)", path=archive)


def _check_metadata(zf: zipfile.ZipFile, top: str, archive: Path) -> dict[str, Any]:
    info = zf.getinfo(f"{top}/metadata.json")
    if info.file_size > MAX_METADATA:
        raise ModelError("refused: metadata.json is too large", path=archive)
    try:
        meta = json.loads(zf.read(info).decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as err:
        raise ModelError(f"refused: metadata.json is not valid JSON ({err})", path=archive) from err
    if not isinstance(meta, dict):
        raise ModelError("refused: metadata.json is not a JSON object", path=archive)
    for key in ("from_code", "to_code"):
        if not isinstance(meta.get(key), str) or not meta[key]:
            raise ModelError(f"refused: metadata.json has no {key}", path=archive)
    field = _control_field(meta)
    if field is not None:
        raise ModelError(f"refused: metadata.json field {field!r} holds a control character "
                         "(a newline, tab or the like)", path=archive)
    return meta


def _check_members(members: list[zipfile.ZipInfo], archive: Path) -> None:
    for m in members:
        if m.flag_bits & 0x1:
            raise ModelError(f"refused: member {m.filename!r} is encrypted", path=archive)
        if m.compress_type not in _READABLE:
            raise ModelError(f"refused: member {m.filename!r} uses an unsupported compression "
                             f"method ({m.compress_type}); repack it with deflate",
                             path=archive)


def _validate(zf: zipfile.ZipFile, archive: Path, max_total: int,
              expect: tuple[str, str] | None = None) -> str:
    """Check the archive's layout and sizes; returns its top-level folder name."""
    members = zf.infolist()
    if not members:
        raise ModelError("refused: the archive is empty", path=archive)
    paths = [_member_path(m, archive) for m in members]
    tops = {p.parts[0] for p in paths}
    if len(tops) != 1:
        shown = ", ".join(sorted(tops)[:5])
        raise ModelError(f"refused: expected one top-level folder, found {shown}", path=archive)
    top = tops.pop()
    if any(len(p.parts) == 1 and not m.is_dir() for p, m in zip(paths, members, strict=True)):
        raise ModelError(f"refused: {top!r} is a file, not the package folder", path=archive)
    names = {str(p) for p in paths}
    if f"{top}/sentencepiece.model" not in names and f"{top}/bpe.model" in names:
        raise ModelError(f"refused: the package {_BPE_REFUSAL}", path=archive)
    missing = [rel for rel in _REQUIRED if f"{top}/{rel}" not in names]
    if missing:
        raise ModelError(f"refused: not an Argos package, missing {', '.join(missing)} "
                         f"in {top}/", path=archive)
    _check_sizes(members, archive, max_total)
    _check_members(members, archive)
    meta = _check_metadata(zf, top, archive)
    if expect is not None and (meta["from_code"], meta["to_code"]) != expect:
        raise ModelError(f"refused: the package translates {meta['from_code']}→"
                         f"{meta['to_code']}, not {expect[0]}→{expect[1]} as its index entry "
                         "says", path=archive)
    return top


# --- Installing and removing --------------------------------------------------------------


@contextlib.contextmanager
def _store_lock(models_dir: Path) -> Iterator[None]:
    try:
        models_dir.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise ModelError(f"cannot create models folder: {err.strerror}", path=models_dir) from err
    with filelock.FileLock(str(models_dir / _LOCK), timeout=60):
        _recover(models_dir)
        yield


def _recover(models_dir: Path) -> None:
    """Finish what an interrupted install or remove left behind (we hold the lock).

    A package moved aside for replacement goes back if its successor never
    arrived; staging and trash folders are deleted. Left in place, hidden
    folders would break Argos Translate's own package listing.
    """
    for leftover in sorted(models_dir.glob(".*")):
        if not leftover.is_dir():
            continue
        if leftover.name.startswith(".replaced-"):
            name = leftover.name[len(".replaced-"):].rsplit("-", 1)[0]
            if not (models_dir / name).exists():
                os.replace(leftover, models_dir / name)
                log.warning("restored %s after an interrupted install", name)
                continue
        if leftover.name.startswith((".replaced-", ".installing-", ".removing-")):
            shutil.rmtree(leftover, ignore_errors=True)


def _extract(zf: zipfile.ZipFile, dest: Path, max_total: int, archive: Path) -> None:
    """Extract member by member, counting bytes so lying headers cannot overrun the cap."""
    written = 0
    for member in zf.infolist():
        target = dest / _member_path(member, archive)
        if member.is_dir():
            target.mkdir(parents=True, exist_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        with zf.open(member) as src, open(target, "wb") as out:
            while chunk := src.read(1024**2):
                written += len(chunk)
                if written > max_total:
                    raise ModelError("refused: archive expands past the size cap", path=archive)
                out.write(chunk)


def install(archive: Path, models_dir: Path, *, max_total: int = MAX_TOTAL_SIZE,
            expect: tuple[str, str] | None = None) -> ModelInfo:
    """Validate and install an ``.argosmodel``, replacing an installed package of that name.

    With ``expect`` (``(from_code, to_code)``), a package for another pair is refused.
    """
    if not archive.is_file():
        raise ModelError("no such file", path=archive)
    if not zipfile.is_zipfile(archive):
        raise ModelError("refused: not a zip archive (an .argosmodel is a zip file)", path=archive)
    try:
        with zipfile.ZipFile(archive) as zf:
            top = _validate(zf, archive, max_total, expect)
            with _store_lock(models_dir):
                return _install_validated(zf, top, archive, models_dir, max_total)
    except (zipfile.BadZipFile, EOFError, zlib.error) as err:
        raise ModelError(f"refused: corrupt zip archive ({err})", path=archive) from err
    except (NotImplementedError, RuntimeError) as err:  # what zipfile raises for what it
        raise ModelError(f"refused: cannot extract ({err})", path=archive) from err
    except OSError as err:
        raise ModelError(f"cannot install: {err}", path=archive) from err


def _install_validated(
    zf: zipfile.ZipFile, top: str, archive: Path, models_dir: Path, max_total: int
) -> ModelInfo:
    staging = Path(tempfile.mkdtemp(prefix=".installing-", dir=models_dir))
    try:
        _extract(zf, staging, max_total, archive)
        info = _read_info(staging / top)
        if info is None:
            raise ModelError("refused: not a translate package", path=archive)
        dest = models_dir / top
        old = None
        if dest.exists():
            old = models_dir / f".replaced-{top}-{os.getpid()}"
            os.replace(dest, old)
        os.replace(staging / top, dest)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        log.info("installed %s (%s) into %s", top, info.pair, models_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    result = _read_info(dest)
    assert result is not None
    return result


def _find(models: list[ModelInfo], name: str, models_dir: Path) -> ModelInfo:
    by_name = [m for m in models if m.name == name]
    if by_name:
        return by_name[0]
    wanted = name.replace("->", "→").replace("_", "→").replace("-", "→")
    by_pair = [m for m in models if m.pair == wanted]
    if len(by_pair) == 1:
        return by_pair[0]
    if by_pair:
        names = ", ".join(m.name for m in by_pair)
        raise ModelError(f"{name} matches several packages ({names}); remove one by name",
                         path=models_dir)
    installed = ", ".join(f"{m.name} ({m.pair})" for m in models) or "none"
    raise ModelError(f"no installed package {name!r}; installed: {installed}", path=models_dir)


def remove(name: str, models_dir: Path) -> ModelInfo:
    """Remove an installed package given its folder name or its pair (``en→nl``, ``en-nl``)."""
    with _store_lock(models_dir):
        info = _find(list_models(models_dir), name, models_dir)
        trash = models_dir / f".removing-{info.name}-{os.getpid()}"
        try:
            os.replace(info.path, trash)
        except OSError as err:
            raise ModelError(f"cannot remove: {err.strerror}", path=info.path) from err
        shutil.rmtree(trash, ignore_errors=True)
    log.info("removed %s (%s)", info.name, info.pair)
    return info
