"""Packages from an index: listing and installing against an index served on 127.0.0.1."""

from __future__ import annotations

import json
import threading
import zipfile
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from localize.cli import main
from localize.errors import ModelError
from localize.mt.index import DEFAULT_INDEX, find_package, index_url, read_index
from localize.mt.models import list_models
from tests.zipcraft import write_zip

FIXTURES = Path(__file__).parent / "fixtures" / "models"
EN_NL = (FIXTURES / "translate-en_nl-1_0.argosmodel").read_bytes()
ZH_EN = (FIXTURES / "translate-zh_en-1_0.argosmodel").read_bytes()


def _hostile(tmp: Path) -> bytes:
    path = tmp / "hostile.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("pkg/metadata.json", '{"from_code": "en", "to_code": "de"}')
        zf.writestr("pkg/model/model.bin", "x")
        zf.writestr("pkg/sentencepiece.model", "x")
        zf.writestr("pkg/../../escaped.txt", "x")
    return path.read_bytes()


def _encrypted(tmp: Path) -> bytes:
    members = {"pkg/metadata.json": b'{"from_code": "en", "to_code": "fr"}',
               "pkg/model/model.bin": b"x", "pkg/sentencepiece.model": b"x"}
    return write_zip(tmp / "enc.zip", members, encrypted="pkg/model/model.bin").read_bytes()


class Site:
    """What the loopback server answers: path -> (status, body, bytes actually sent)."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.routes: dict[str, tuple[int, bytes, int | None]] = {}
        self.hits: list[str] = []

    def add(self, path: str, body: bytes, *, status: int = 200, cut: int | None = None) -> str:
        self.routes[path] = (status, body, cut)
        return self.base + path

    def index(self, entries: list[dict[str, object]]) -> str:
        return self.add("/index.json", json.dumps(entries).encode())


def entry(code: str, version: str, *links: str, src: str = "en", tgt: str = "nl") -> dict[
        str, object]:
    return {"code": code, "type": "translate", "from_code": src, "to_code": tgt,
            "from_name": "English", "to_name": "Dutch", "package_version": version,
            "argos_version": "1.9", "links": list(links)}


@pytest.fixture
def site() -> Iterator[Site]:
    holder: list[Site] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            served = holder[0]
            served.hits.append(self.path)
            status, body, cut = served.routes.get(self.path, (404, b"not found", None))
            self.send_response(status)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body if cut is None else body[:cut])  # cut: a truncated download
            self.wfile.flush()
            self.close_connection = True

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    holder.append(Site(f"http://127.0.0.1:{server.server_address[1]}"))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield holder[0]
    finally:
        server.shutdown()
        server.server_close()


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), env=env)
    return result.exit_code, result.output


def test_index_url_precedence() -> None:
    assert index_url(None, {}) == DEFAULT_INDEX
    assert DEFAULT_INDEX.startswith("https://raw.githubusercontent.com/argosopentech/")
    assert index_url(None, {"LOCALIZE_MODELS_INDEX": "http://127.0.0.1:1/i.json"}) == (
        "http://127.0.0.1:1/i.json")
    assert index_url("http://127.0.0.1:2/x", {"LOCALIZE_MODELS_INDEX": "y"}) == (
        "http://127.0.0.1:2/x")


def test_available_lists_the_index(site: Site) -> None:
    url = site.index([entry("translate-en_nl", "1.8", site.base + "/a"),
                      entry("translate-zh_en", "1.9", site.base + "/b", src="zh", tgt="en"),
                      {"type": "sbd", "code": "sbd-en"}, "junk"])
    code, output = run("models", "available", "--index", url)
    assert code == 0, output
    assert output.splitlines() == ["translate-en_nl\ten→nl\tv1.8\tEnglish → Dutch",
                                   "translate-zh_en\tzh→en\tv1.9\tEnglish → Dutch"]


def test_install_by_code_takes_the_newest_and_follows_working_links(
    site: Site, tmp_path: Path,
) -> None:
    old = site.add("/old.argosmodel", ZH_EN)
    new = site.add("/new.argosmodel", EN_NL)
    url = site.index([entry("translate-en_nl", "0.9", old),
                      entry("translate-en_nl", "1.0", site.base + "/gone", new)])
    models = tmp_path / "models"
    code, output = run("models", "install", "translate-en_nl", "--models-dir", str(models),
                       env={"LOCALIZE_MODELS_INDEX": url})
    assert code == 0, output
    assert f"installed translate-en_nl-1_0 (en→nl) in {models}" in output
    assert [m.pair for m in list_models(models)] == ["en→nl"]
    assert site.hits == ["/index.json", "/gone", "/new.argosmodel"]


def test_names_from_the_index_never_become_paths(site: Site, tmp_path: Path) -> None:
    link = site.add("/p.argosmodel", EN_NL)
    url = site.index([entry("translate-en_nl", "1.0", link) | {"code": "translate-../../escaped"}])
    package = find_package(read_index(url), "translate-../../escaped", url)
    folder = tmp_path / "downloads"
    folder.mkdir()
    from localize.mt.index import download

    path = download(package, folder)
    assert path.parent == folder and path.read_bytes() == EN_NL
    assert not (tmp_path / "escaped-1.0.argosmodel").exists()


def test_an_unknown_code_names_what_the_index_has(site: Site, tmp_path: Path) -> None:
    url = site.index([entry("translate-en_nl", "1.0", site.base + "/x")])
    code, output = run("models", "install", "translate-en_xx", "--index", url,
                       "--models-dir", str(tmp_path))
    assert code == 2
    assert "no package 'translate-en_xx' in the index; similar: translate-en_nl" in output


@pytest.mark.parametrize("case", ["truncated", "hostile", "encrypted", "wrong-pair", "not-a-zip",
                                  "missing"])
def test_a_bad_download_is_refused_as_install_file_refuses(site: Site, tmp_path: Path,
                                                           case: str) -> None:
    models = tmp_path / "models"
    run("models", "install", str(FIXTURES / "translate-zh_en-1_0.argosmodel"),
        "--models-dir", str(models))
    before = sorted(p.name for p in models.iterdir())
    body, src, tgt, cut, message = {
        "truncated": (EN_NL, "en", "nl", len(EN_NL) // 2, "download truncated"),
        "hostile": (_hostile(tmp_path), "en", "de", None, "escapes the package folder"),
        "encrypted": (_encrypted(tmp_path), "en", "fr", None, "is encrypted"),
        "wrong-pair": (ZH_EN, "en", "nl", None, "translates zh→en, not en→nl"),
        "not-a-zip": (b"<html>moved</html>", "en", "nl", None, "not a zip archive"),
        "missing": (b"", "en", "nl", None, "HTTP 404"),
    }[case]
    link = site.add("/pkg.argosmodel", body, cut=cut) if case != "missing" else (
        site.base + "/nothing")
    url = site.index([entry(f"translate-{src}_{tgt}", "1.0", link, src=src, tgt=tgt)])
    code, output = run("models", "install", f"translate-{src}_{tgt}", "--index", url,
                       "--models-dir", str(models))
    assert code == 2, output
    assert output.startswith("localize: error: ") and message in output
    assert "Traceback" not in output
    assert sorted(p.name for p in models.iterdir()) == before
    assert not (tmp_path / "escaped.txt").exists()


@pytest.mark.parametrize(("body", "message"), [
    (b"{not json", "invalid JSON"),
    (b'{"packages": []}', "expected a JSON list"),
])
def test_a_broken_index_is_a_clear_error(site: Site, body: bytes, message: str) -> None:
    url = site.add("/index.json", body)
    with pytest.raises(ModelError, match=message) as err:
        read_index(url)
    assert err.value.path == url


def test_only_web_links_are_followed(site: Site, tmp_path: Path) -> None:
    url = site.index([entry("translate-en_nl", "1.0", "file:///etc/passwd")])
    package = find_package(read_index(url), "en_nl", url)
    assert package.links == ("file:///etc/passwd",)
    code, output = run("models", "install", "en-nl", "--index", url, "--models-dir",
                       str(tmp_path))
    assert code == 2 and "only http:// and https:// links are followed" in output
