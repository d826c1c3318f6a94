"""Projects for the preview tests: the seeds after extract, translate (test models) and compile,
and small projects made of the pages a test needs."""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from localize.cli import main
from localize.fsio import read_catalog, write_catalog
from localize.mt.models import install

ROOT = Path(__file__).resolve().parent.parent.parent
MODELS = ROOT / "tests" / "fixtures" / "models"
SEED_000 = "000_2abc67655ca17661"


@dataclass(frozen=True)
class Project:
    """A project folder and the environment its commands run in."""

    root: Path
    env: Mapping[str, str]

    @property
    def out(self) -> Path:
        return self.root / "preview"

    def run(self, *args: str) -> Result:
        """Run ``localize ARGS`` in the project folder."""
        with pytest.MonkeyPatch.context() as patch:
            patch.chdir(self.root)
            for key, value in self.env.items():
                patch.setenv(key, value)
            return CliRunner().invoke(main, list(args))

    def ok(self, *args: str) -> Result:
        result = self.run(*args)
        assert result.exit_code == 0, (args, result.output)
        return result


def make_project(root: Path, pages: Mapping[str, str | bytes], *,
                 locales: str = '["en", "nl", "zh"]', models: Path | None = None) -> Project:
    """A project with ``pages`` in ``seeds/`` and the project's glossary."""
    (root / "seeds").mkdir(parents=True)
    for name, text in pages.items():
        path = root / "seeds" / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    shutil.copytree(ROOT / "glossary", root / "glossary")
    (root / "localize.toml").write_text(f"locales = {locales}\n", encoding="utf-8")
    env = {"LOCALIZE_CACHE_DIR": str(root / "cache"), "SOURCE_DATE_EPOCH": "1700000000",
           "LOCALIZE_MODELS_DIR": str(models or root / "models")}
    return Project(root, env)


HOSTILE = [
    "Why it matters Waarom dit telt",
    '<script>window.pwned = 1; alert("pwned")</script> is how a page runs code.',
    'Click "><img src=x onerror="window.pwned=2"> to see the image.',
    '</div></main><script>document.body.textContent = ""</script>',
    '<b onmouseover="window.pwned=3">Bold</b> text is written with a tag & an &amp; entity.',
    "This line comes after the markup.",
]
HOSTILE_NL = '<script>window.pwned = 4</script>Deze regel "komt" na de <b>opmaak</b>.'


def make_hostile(root: Path) -> Project:
    """A page of markup and script, extracted, with a translator's msgstr of the same kind,
    and compiled."""
    project = make_project(root, {"hostile.txt": "\n".join(HOSTILE) + "\n"})
    project.ok("extract")
    po = root / "locales" / "nl" / "LC_MESSAGES" / "messages-en.po"
    catalog = read_catalog(po)
    entry = catalog.get(HOSTILE[-1])
    assert entry is not None
    entry.msgstr = HOSTILE_NL
    write_catalog(po, catalog)
    project.ok("compile")
    return project


@pytest.fixture(scope="session")
def test_models(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The en→nl and zh→en test models installed in a folder of their own (no en→zh)."""
    folder = tmp_path_factory.mktemp("models")
    for name in ("translate-en_nl-1_0", "translate-zh_en-1_0"):
        install(MODELS / f"{name}.argosmodel", folder)
    return folder


@pytest.fixture(scope="session")
def seeds_site(tmp_path_factory: pytest.TempPathFactory, test_models: Path) -> Project:
    """The seeds extracted, translated into Dutch by the test models, compiled and previewed."""
    root = tmp_path_factory.mktemp("seeds-site")
    pages = {p.name: p.read_bytes() for p in sorted((ROOT / "seeds").iterdir())}
    project = make_project(root, pages, models=test_models)
    project.ok("extract")
    project.ok("translate", "--to", "nl")
    project.ok("compile")
    project.ok("preview")
    return project


@dataclass(frozen=True)
class Span:
    """A message of a rendered page: its attributes and the text a reader sees."""

    attrs: Mapping[str, str]
    text: str
    line: int

    @property
    def state(self) -> str:
        return self.attrs["data-state"]

    @property
    def msgid(self) -> str:
        return self.attrs["data-msgid"]


class _Messages(HTMLParser):
    """The ``span.m`` elements of a page and the ``div.line`` they stand in."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.spans: list[Span] = []
        self.lines: list[int] = []
        self._open: dict[str, str] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        if tag == "div" and found.get("class") == "line":
            self.lines.append(int(found["data-line"]))
        if tag == "span" and found.get("class") == "m":
            assert self._open is None, "a message inside a message"
            self._open, self._text = found, []

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "span" and self._open is not None:
            self.spans.append(Span(self._open, "".join(self._text), self.lines[-1]))
            self._open = None


def read_page(path: Path) -> tuple[list[Span], list[int]]:
    """The messages of a rendered page, and its line numbers in order."""
    parser = _Messages()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser.spans, parser.lines
