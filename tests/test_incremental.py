"""Incremental extract: unchanged documents come from the split cache, and the catalogs are
exactly those of a full run; documents are streamed, never all held at once."""

from __future__ import annotations

import logging
import re
import shutil
import sqlite3
import weakref
import zlib
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import localize.workspace.sources as workspace_sources
from localize.cli import main
from localize.config import load_config
from localize.sources.collect import messages_from_line
from localize.sources.documents import Document
from localize.sources.incremental import SiteSplitter, document_digest, settings_digest
from localize.sources.splitcache import SplitStore
from localize.splitting import Splitter
from localize.terms.glossary import load_glossary
from localize.workspace import find_sources, read_documents, run_extract
from localize.workspace.extract import ExtractReport, glossary_pairs

ROOT = Path(__file__).resolve().parent.parent
# label pairs the site repeats, each line a little different (the lexicon counts lines)
LABELS = ["Reading time Leestijd {n} min", "Privacy policy隐私政策  {n}",
          "Level Niveau Expert Expert · {n}", "Why it matters Waarom dit telt {n} min"]


def page(n: int, labels: int = 4) -> str:
    lines = [label.format(n=n + 3) for label in LABELS[:labels]]
    lines += [f"Article {n} explains how model number {n} learns from feedback.",
              f"第{n}篇文章介绍了模型如何学习。", ""]
    return "\n".join(lines) + "\n"


def make_site(folder: Path, count: int, labels: int = 4) -> Path:
    pages = folder / "pages"
    pages.mkdir(parents=True)
    for n in range(count):
        (pages / f"page{n:03d}.txt").write_text(page(n, labels if n else 4), encoding="utf-8")
    return folder


def extract(project: Path, *, cache: bool = True) -> ExtractReport:
    config = load_config(project).override(sources=[project / "pages"],
                                           output=project / "locales")
    return run_extract(config, base=project, cache=cache, cache_dir=project.parent / "cache")


def catalogs(project: Path) -> dict[str, bytes]:
    return {str(p.relative_to(project)): p.read_bytes()
            for p in sorted((project / "locales").rglob("*.po*"))}


def full_run_of(project: Path, tmp_path: Path) -> dict[str, bytes]:
    """The catalogs a run without the cache writes for the same pages and old catalogs."""
    twin = tmp_path / "twin" / project.name
    if twin.exists():
        shutil.rmtree(twin)
    shutil.copytree(project, twin)
    for po in (twin / "locales").rglob("*.po*"):  # the state before the run, as in project
        po.write_bytes((project.parent / "before" / po.relative_to(twin)).read_bytes())
    extract(twin, cache=False)
    return catalogs(twin)


def remember(project: Path) -> None:
    before = project.parent / "before"
    if before.exists():
        shutil.rmtree(before)
    shutil.copytree(project / "locales", before / "locales")


def test_an_unchanged_site_is_not_split_again(tmp_path: Path) -> None:
    project = make_site(tmp_path / "site", 12)
    first = extract(project)
    assert first.split == first.documents == 12
    written = catalogs(project)
    again = extract(project)
    assert again.split == 0 and not again.written
    assert catalogs(project) == written


def test_a_changed_page_is_split_again_and_the_catalogs_are_those_of_a_full_run(
        tmp_path: Path) -> None:
    project = make_site(tmp_path / "site", 12)
    extract(project)
    remember(project)
    (project / "pages" / "page005.txt").write_text(
        page(5).replace("learns from feedback", "learns from its mistakes"), encoding="utf-8")
    report = extract(project)
    assert report.split == 1
    assert catalogs(project) == full_run_of(project, tmp_path)
    entry = "Article 5 explains how model number 5 learns from its mistakes."
    assert entry.encode() in catalogs(project)["locales/messages-en.pot"]


def test_a_pair_the_site_now_repeats_more_often_re_splits_the_pages_that_hold_it(
        tmp_path: Path) -> None:
    # "Level Niveau" is on two pages (support level 1); a third raises it, which changes the
    # lexicon slice of those two pages, not of the others
    project = make_site(tmp_path / "site", 10, labels=2)
    (project / "pages" / "page001.txt").write_text(page(1, 3), encoding="utf-8")
    extract(project)
    remember(project)
    (project / "pages" / "page002.txt").write_text(page(2, 3), encoding="utf-8")
    report = extract(project)
    assert report.split == 3  # the changed page, and the two that hold the pair
    assert catalogs(project) == full_run_of(project, tmp_path)


def test_the_split_cache_is_safe_to_delete_or_damage(tmp_path: Path,
                                                    caplog: pytest.LogCaptureFixture) -> None:
    project = make_site(tmp_path / "site", 6)
    extract(project)
    written = catalogs(project)
    store = tmp_path / "cache" / "splits.sqlite3"
    with sqlite3.connect(store) as db:  # rows of the wrong shape: misses, not errors
        db.execute("UPDATE splits SET data = ?", (zlib.compress(b'[[1, "x"]]'),))
    assert extract(project).split == 6 and catalogs(project) == written
    store.unlink()
    assert extract(project).split == 6 and catalogs(project) == written
    for extra in store.parent.glob("splits.sqlite3-*"):
        extra.unlink()
    store.write_bytes(b"this is not a database" * 100)
    with caplog.at_level(logging.WARNING):
        report = extract(project)
    assert report.split == 6 and catalogs(project) == written
    assert "split cache" in caplog.text and "delete the file" in caplog.text


def test_no_cache_reads_and_keeps_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                          ) -> None:
    monkeypatch.chdir(make_site(tmp_path / "site", 4))
    monkeypatch.setenv("LOCALIZE_CACHE_DIR", str(tmp_path / "cache"))
    result = CliRunner().invoke(main, ["extract", "pages", "--no-cache"])
    assert result.exit_code == 0, result.output
    assert "from 4 documents" in result.output and "split cache" not in result.output
    assert not (tmp_path / "cache" / "splits.sqlite3").exists()
    CliRunner().invoke(main, ["extract", "pages"])
    result = CliRunner().invoke(main, ["extract", "pages"])
    assert "4 unchanged, from the split cache" in result.output
    assert (tmp_path / "cache" / "splits.sqlite3").is_file()


def test_new_splitter_settings_give_new_keys() -> None:
    assert settings_digest([("model", "model")]) != settings_digest([])
    assert settings_digest([("a", "b"), ("c", "d")]) == settings_digest([("c", "d"), ("a", "b")])


def test_each_document_is_split_as_the_splitter_splits_it_with_the_whole_lexicon(
        tmp_path: Path) -> None:
    """The cache's two passes (lexicon slices, lines without a pair kept from the first pass)
    give each line what a fresh splitter gives the whole document with the lexicon."""
    make_site(tmp_path, 8)
    documents = read_documents(find_sources([ROOT / "seeds", tmp_path / "pages"]), base=ROOT)
    pairs = glossary_pairs(load_glossary(ROOT / "glossary"))
    with SplitStore.temporary() as store:
        ours = SiteSplitter(Splitter(extra_pairs=pairs), store, settings_digest(pairs))
        site = ours.site_lexicon(documents)
        assert site.digest == Splitter(extra_pairs=pairs).site_lexicon(
            d.lines for d in documents).digest
        assert len(site) >= 4
        got = list(ours.messages(((d, document_digest(d)) for d in documents), site))
    for document, numbered in got:
        fresh = Splitter(extra_pairs=pairs).split_lines(document.lines, site)
        expected = [(n, messages_from_line(s)) for n, s in enumerate(fresh, start=1)]
        assert [x for x in numbered if x[1]] == [x for x in expected if x[1]], document.path


def test_documents_are_streamed_not_held(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                         ) -> None:
    project = make_site(tmp_path / "site", 30)
    alive: weakref.WeakSet[Document] = weakref.WeakSet()
    most = [0]
    real = workspace_sources.read_document

    def reading(*args: Any, **kwargs: Any) -> Document:
        document = real(*args, **kwargs)
        alive.add(document)
        most[0] = max(most[0], len(alive))
        return document

    monkeypatch.setattr(workspace_sources, "read_document", reading)
    report = extract(project)
    assert report.documents == 30 and most[0] <= 3


def test_a_source_saved_between_the_passes_is_read_again(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_site(tmp_path / "site", 3)
    target = project / "pages" / "page001.txt"
    real = workspace_sources.read_document
    reads = [0]

    def saving(path: Path, **kwargs: Any) -> Document:
        document = real(path, **kwargs)
        if path.resolve() == target:
            reads[0] += 1
            if reads[0] == 1:
                target.write_text(page(1).replace("feedback", "praise"), encoding="utf-8")
        return document

    monkeypatch.setattr(workspace_sources, "read_document", saving)
    extract(project)
    assert b"learns from praise." in catalogs(project)["locales/messages-en.pot"]
    assert reads[0] == 4  # both passes, twice


def test_a_source_that_keeps_changing_stops_extract(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_site(tmp_path / "site", 3)
    monkeypatch.chdir(project)
    target = project / "pages" / "page001.txt"
    real = workspace_sources.read_document
    count = [0]

    def saving(path: Path, **kwargs: Any) -> Document:
        document = real(path, **kwargs)
        if path.resolve() == target:
            count[0] += 1
            target.write_text(page(1) + f"Saved {count[0]} times.\n", encoding="utf-8")
        return document

    monkeypatch.setattr(workspace_sources, "read_document", saving)
    result = CliRunner().invoke(main, ["extract", "pages"])
    assert result.exit_code == 2, result.output
    assert "page001.txt: changed while localize was reading it" in result.output
    assert not (project / "locales").exists()


def test_the_templates_creation_date_changes_only_with_the_template(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_site(tmp_path / "site", 3)
    pot = project / "locales" / "messages-en.pot"

    def run_at(epoch: int) -> str:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch))
        extract(project)
        found = re.search(r'"POT-Creation-Date: ([^\\]*)', pot.read_text(encoding="utf-8"))
        assert found is not None
        return found.group(1)

    first = run_at(1_700_000_000)
    assert run_at(1_700_100_000) == first  # nothing changed
    page1 = project / "pages" / "page001.txt"
    page1.write_text("\n" + page(1), encoding="utf-8")  # only the references move
    moved = run_at(1_700_200_000)
    assert moved != first
    page1.write_text("\n" + page(1) + "A new sentence on the page.\n", encoding="utf-8")
    assert run_at(1_700_300_000) not in (first, moved)
