"""Building the preview of small projects: hostile text, odd documents, the output folder."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from localize.fsio import read_catalog, write_catalog
from localize.site import page_names
from tests.site.conftest import HOSTILE, HOSTILE_NL, Project, make_hostile, make_project, read_page

# The elements the templates write; anything else came from the text.
ALLOWED_TAGS = {"html", "head", "meta", "title", "style", "body", "header", "div", "h1", "nav",
                "ul", "li", "a", "span", "input", "label", "main", "p", "svg", "rect", "table",
                "thead", "tbody", "tfoot", "tr", "th", "td"}


class _Tags(HTMLParser):
    """Every element of a page, and the text of each line without its number."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.links: list[str] = []  # every href, src or action
        self.lines: list[str] = []
        self._in_line = self._in_number = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        found = dict(attrs)
        self.links += [v or "" for k, v in attrs if k in ("href", "src", "action", "srcset")]
        if tag == "div" and found.get("class") == "line":
            self.lines.append("")
            self._in_line = True
        self._in_number = tag == "a" and found.get("class") == "ln"

    def handle_endtag(self, tag: str) -> None:
        if tag == "div":
            self._in_line = False
        if tag == "a":
            self._in_number = False

    def handle_data(self, data: str) -> None:
        if self._in_line and not self._in_number:
            self.lines[-1] += data


def parsed(path: Path) -> _Tags:
    parser = _Tags()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


@pytest.fixture
def hostile(tmp_path: Path) -> Project:
    return make_hostile(tmp_path)


def test_source_text_and_translations_are_text_never_markup(hostile: Project) -> None:
    hostile.ok("preview")
    for locale in ("en", "nl", "zh"):
        page = parsed(hostile.out / locale / "hostile.html")
        assert page.tags <= ALLOWED_TAGS, page.tags - ALLOWED_TAGS
        assert len(page.lines) == len(HOSTILE)
    english = parsed(hostile.out / "en" / "hostile.html")
    assert english.lines[1:] == HOSTILE[1:]  # every character shown as written
    dutch = parsed(hostile.out / "nl" / "hostile.html")
    assert dutch.lines[0] == "Waarom dit telt"
    assert dutch.lines[-1] == HOSTILE_NL
    spans, _ = read_page(hostile.out / "nl" / "hostile.html")
    assert {s.msgid for s in spans} >= {HOSTILE[1], HOSTILE[-1]}
    raw = (hostile.out / "nl" / "hostile.html").read_text(encoding="utf-8")
    assert "<script" not in raw.lower() and "<img" not in raw.lower()


def test_every_page_forbids_scripts_and_requests(hostile: Project) -> None:
    hostile.ok("preview")
    for page in [hostile.out / "index.html", *hostile.out.glob("*/*.html")]:
        raw = page.read_text(encoding="utf-8")
        assert "default-src 'none'; style-src 'sha256-" in raw
        links = parsed(page).links
        assert links and all(":" not in link and not link.startswith("/") for link in links)


def test_documents_in_every_supported_encoding(tmp_path: Path) -> None:
    texts = {
        "utf8.txt": (b"Coffee is ready for everyone.", "Coffee is ready for everyone."),
        "bom.txt": ("\ufeffThe café is open.".encode(), "The café is open."),
        "utf16.txt": ("请保存你的工作。".encode("utf-16"), "请保存你的工作。"),
        "gb18030.txt": ("大型语言模型改变世界。".encode("gb18030"), "大型语言模型改变世界。"),
        "big5.txt": ("機器學習很有趣。".encode("big5"), "機器學習很有趣。"),
        "cp1252.txt": ("The naïve “résumé” costs €5.".encode("cp1252"),
                       "The naïve “résumé” costs €5."),
    }
    project = make_project(tmp_path, {name: data for name, (data, _) in texts.items()})
    project.ok("extract")
    project.ok("compile")
    project.ok("preview")
    for name, (_, expected) in texts.items():
        for locale in ("en", "nl", "zh"):
            spans, _ = read_page(project.out / locale / f"{Path(name).stem}.html")
            assert expected in {s.text for s in spans}, (name, locale)


def test_pages_without_messages_and_very_long_pages(tmp_path: Path) -> None:
    long_line = " ".join(f"Sentence number {n} is here." for n in range(800))
    lines = [f"Paragraph {n} tells the reader something new." for n in range(3000)]
    project = make_project(tmp_path, {
        "empty.txt": "", "numbers.txt": "2022\n\n42 — 17\n", "long.txt": "\n".join(
            [*lines, long_line, "The end."]) + "\n"})
    project.ok("extract")
    project.ok("compile")
    result = project.ok("preview", "-l", "nl")
    assert "wrote 3 pages in 1 locale to preview" in result.output
    for name, count in (("empty", 0), ("numbers", 3)):
        page = parsed(project.out / "nl" / f"{name}.html")
        assert len(page.lines) == count
        text = (project.out / "nl" / f"{name}.html").read_text(encoding="utf-8")
        assert "This page has no messages to translate." in text
    spans, numbers = read_page(project.out / "nl" / "long.html")
    assert numbers == list(range(1, 3003))
    assert [s.line for s in spans].count(3001) == 800
    assert {s.state for s in spans} == {"missing"}
    index = (project.out / "index.html").read_text(encoding="utf-8")
    assert index.count('<span data-state="missing">0 missing</span>') == 2
    assert not (project.out / "en").exists()


def test_pages_named_after_their_file_stem_made_unique(tmp_path: Path) -> None:
    assert page_names(["a/Intro.txt", "b/intro.md", "c/intro-2.txt", "d/x"]) == [
        "Intro", "intro-2", "intro-2-2", "x"]
    project = make_project(tmp_path, {})
    for folder in ("a", "b"):
        (tmp_path / "seeds" / folder).mkdir()
        (tmp_path / "seeds" / folder / "intro.txt").write_text(f"Welcome to {folder}.\n")
    project.ok("extract")
    project.ok("compile")
    project.ok("preview")
    index = (project.out / "index.html").read_text(encoding="utf-8")
    assert 'href="nl/intro.html"' in index and 'href="nl/intro-2.html"' in index
    assert "seeds/b/intro.txt" in (project.out / "nl" / "intro-2.html").read_text()


def test_a_folder_that_is_not_a_preview_is_never_replaced(hostile: Project) -> None:
    theirs = hostile.root / "site"
    theirs.mkdir()
    (theirs / "notes.txt").write_text("mine")
    result = hostile.run("preview", "--out", "site")
    assert result.exit_code == 2
    assert "site: the folder holds files and is not a preview" in result.output
    assert [p.name for p in theirs.iterdir()] == ["notes.txt"]
    (hostile.root / "file").write_text("x")
    assert hostile.run("preview", "--out", "file").exit_code == 2
    assert sorted(p.name for p in hostile.root.iterdir() if p.name.startswith(".")) == []


def test_a_new_build_replaces_the_old_one_whole(hostile: Project) -> None:
    hostile.ok("preview")
    (hostile.root / "seeds" / "extra.txt").write_text("One more page.\n")
    hostile.ok("preview")
    assert (hostile.out / "nl" / "extra.html").is_file()
    (hostile.root / "seeds" / "extra.txt").unlink()
    hostile.ok("preview")
    assert not (hostile.out / "nl" / "extra.html").exists()
    assert sorted(p.name for p in hostile.root.iterdir() if p.name.startswith(".")) == []


def test_uncompiled_catalogs_and_a_missing_project_are_usage_errors(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"page.txt": "Hello there.\n"})
    result = project.run("preview")
    assert result.exit_code == 2 and "no catalogs yet" in result.output
    project.ok("extract")
    result = project.run("preview")
    assert result.exit_code == 2
    assert "locales/en/LC_MESSAGES/messages.mo: no compiled catalog; run `localize compile` " \
           "first" in result.output
    assert not project.out.exists()
    (tmp_path / "locales" / "nl" / "LC_MESSAGES" / "messages.mo").write_bytes(b"\xde\x12junk")
    result = project.run("preview", "-l", "nl")
    assert result.exit_code == 2 and "not a valid .mo file" in result.output


def test_a_bad_document_stops_the_build_before_anything_is_written(hostile: Project) -> None:
    (hostile.root / "seeds" / "binary.txt").write_bytes(b"\x00\x01\x02" * 10)
    result = hostile.run("preview")
    assert result.exit_code == 2 and "seeds/binary.txt: binary file" in result.output
    assert not hostile.out.exists()


def test_a_catalog_newer_than_its_compiled_file_is_reported(hostile: Project) -> None:
    po = hostile.root / "locales" / "nl" / "LC_MESSAGES" / "messages-en.po"
    catalog = read_catalog(po)
    entry = catalog.get("Click \"><img src=x onerror=\"window.pwned=2\"> to see the image.")
    assert entry is not None
    entry.msgstr = "Klik om de afbeelding te zien."
    write_catalog(po, catalog)
    result = hostile.ok("preview")
    assert "warning: nl: 1 message shows other text than the catalogs hold; run " \
           "`localize compile`" in result.output
    spans, _ = read_page(hostile.out / "nl" / "hostile.html")
    [span] = [s for s in spans if s.msgid == entry.msgid]
    assert (span.state, span.text, span.attrs["data-candidate"]) == (
        "human", entry.msgid, "Klik om de afbeelding te zien.")
    hostile.ok("compile")
    assert "warning" not in hostile.ok("preview").output
