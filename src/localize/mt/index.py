"""A package index in Argos Translate's format, and downloading a package from it.

An index (``index.json``) is a JSON list of objects: ``code``
(``translate-en_nl``), ``from_code``, ``to_code``, ``from_name``, ``to_name``,
``package_version``, ``links`` (download URLs) and more. Nothing is downloaded
unless asked: :func:`read_index` fetches the index, :func:`download` one
package's archive, which :func:`localize.mt.models.install` then checks exactly
as it checks a file given by hand (the index has no checksums).

The default index is Argos Translate's public one; ``LOCALIZE_MODELS_INDEX``
overrides it, and so does ``--index`` on the command line.
"""

from __future__ import annotations

import http.client
import json
import logging
import os
import tempfile
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from localize.errors import ModelError
from localize.mt.models import MAX_TOTAL_SIZE, ModelInfo, install

__all__ = [
    "DEFAULT_INDEX",
    "IndexPackage",
    "download",
    "find_package",
    "index_url",
    "install_from_index",
    "read_index",
]

log = logging.getLogger(__name__)

DEFAULT_INDEX = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/index.json"
MAX_INDEX = 16 * 1024**2
TIMEOUT = 60.0
_CHUNK = 1024**2

DownloadProgress = Callable[[int, int | None], None]  # (bytes so far, bytes in all or None)


@dataclass(frozen=True)
class IndexPackage:
    """One translate package of an index."""

    code: str
    from_code: str
    to_code: str
    package_version: str
    links: tuple[str, ...]
    from_name: str = ""
    to_name: str = ""

    @property
    def pair(self) -> str:
        return f"{self.from_code}→{self.to_code}"

    @property
    def version_key(self) -> tuple[int, ...]:
        return tuple(int(p) for p in self.package_version.split(".") if p.isdigit())


def index_url(flag: str | None = None, env: Mapping[str, str] | None = None) -> str:
    """The index to read: ``--index`` > ``LOCALIZE_MODELS_INDEX`` > Argos Translate's own."""
    env = os.environ if env is None else env
    return flag or env.get("LOCALIZE_MODELS_INDEX") or DEFAULT_INDEX


def _open(url: str) -> Any:
    if not url.startswith(("https://", "http://")):
        raise ModelError("refused: only http:// and https:// links are followed", path=url)
    request = urllib.request.Request(url, headers={"User-Agent": "localize"})
    try:
        return urllib.request.urlopen(request, timeout=TIMEOUT)
    except urllib.error.HTTPError as err:
        raise ModelError(f"cannot download: HTTP {err.code} {err.reason}", path=url) from err
    except (urllib.error.URLError, OSError, http.client.HTTPException) as err:
        reason = getattr(err, "reason", err)
        raise ModelError(f"cannot download: {reason}", path=url) from err


def _text(item: Mapping[str, Any], key: str) -> str:
    value = item.get(key, "")
    return value if isinstance(value, str) and value.isprintable() else ""


def _package(item: object) -> IndexPackage | None:
    if not isinstance(item, dict) or item.get("type", "translate") != "translate":
        return None
    source, target = _text(item, "from_code"), _text(item, "to_code")
    links = item.get("links", [])
    if not source or not target or not isinstance(links, list):
        return None
    return IndexPackage(
        code=_text(item, "code") or f"translate-{source}_{target}",
        from_code=source, to_code=target,
        package_version=_text(item, "package_version"),
        links=tuple(link for link in links if isinstance(link, str) and link.isprintable()),
        from_name=_text(item, "from_name"), to_name=_text(item, "to_name"),
    )


def read_index(url: str) -> list[IndexPackage]:
    """The translate packages the index at ``url`` lists, sorted by code and version."""
    with _open(url) as response:
        try:
            data = response.read(MAX_INDEX + 1)
        except (OSError, http.client.HTTPException) as err:
            raise ModelError(f"cannot download the index: {err}", path=url) from err
    if len(data) > MAX_INDEX:
        raise ModelError(f"refused: the index is larger than {MAX_INDEX} bytes", path=url)
    try:
        items = json.loads(data.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as err:
        raise ModelError(f"not a package index: invalid JSON ({err})", path=url) from err
    if not isinstance(items, list):
        raise ModelError("not a package index: expected a JSON list of packages", path=url)
    packages = [p for p in map(_package, items) if p is not None]
    return sorted(packages, key=lambda p: (p.code, p.version_key))


def find_package(packages: list[IndexPackage], code: str, url: str) -> IndexPackage:
    """The newest package for ``code`` (``translate-en_nl``, or the pair ``en_nl``/``en-nl``)."""
    wanted = code if code.startswith("translate-") else "translate-" + code.replace("-", "_")
    found = [p for p in packages if p.code == wanted and p.links]
    if not found:
        near = ", ".join(sorted({p.code for p in packages if wanted[10:12] in p.code})[:8])
        hint = f"; similar: {near}" if near else ""
        raise ModelError(f"no package {code!r} in the index{hint}", path=url)
    return max(found, key=lambda p: p.version_key)


def _copy(response: Any, out: BinaryIO, url: str, progress: DownloadProgress | None) -> int:
    length = response.headers.get("Content-Length")
    total = int(length) if length and length.isdigit() else None
    if total is not None and total > MAX_TOTAL_SIZE:
        raise ModelError(f"refused: the package is {total} bytes (at most {MAX_TOTAL_SIZE})",
                         path=url)
    done = 0
    while True:
        try:
            chunk = response.read(_CHUNK)
        except (OSError, http.client.HTTPException) as err:
            raise ModelError(f"download interrupted after {done} bytes ({err})",
                             path=url) from err
        if not chunk:
            break
        done += len(chunk)
        if done > MAX_TOTAL_SIZE:
            raise ModelError(f"refused: the package is larger than {MAX_TOTAL_SIZE} bytes",
                             path=url)
        out.write(chunk)
        if progress is not None:
            progress(done, total)
    if total is not None and done != total:
        raise ModelError(f"download truncated: {done} of {total} bytes", path=url)
    return done


def download(package: IndexPackage, folder: Path,
             progress: DownloadProgress | None = None) -> Path:
    """Download ``package`` into ``folder`` (the first of its links that works)."""
    errors: list[str] = []
    target = folder / "download.argosmodel"  # never a name taken from the index
    for url in package.links:
        try:
            with _open(url) as response, open(target, "wb") as out:
                size = _copy(response, out, url, progress)
        except ModelError as err:
            errors.append(str(err))
            log.warning("%s", err)
            continue
        log.info("downloaded %s (%d bytes) from %s", package.code, size, url)
        return target
    raise ModelError(f"could not download {package.code}: " + "; ".join(errors or ["no links"]))


def install_from_index(code: str, models_dir: Path, url: str,
                       progress: DownloadProgress | None = None) -> ModelInfo:
    """Download the newest package for ``code`` from the index at ``url``, check and install it."""
    package = find_package(read_index(url), code, url)
    with tempfile.TemporaryDirectory(prefix="localize-download-") as tmp:
        archive = download(package, Path(tmp), progress)
        return install(archive, models_dir, expect=(package.from_code, package.to_code))
