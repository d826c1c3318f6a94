"""The preview of the seeds after extract, translate (test models) and compile.

The text of every message is judged against GNU ``msgunfmt``'s reading of the
compiled catalog, and its state against the catalogs as the library reads them.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import urllib.request
from collections import Counter

import pytest

from localize.catalogs.pofile import read_po
from localize.fsio import read_catalog
from localize.site import Counts, state_of
from tests.conftest import gnu
from tests.site.conftest import SEED_000, Project, Span, read_page


def compiled(project: Project, locale: str) -> dict[str, str]:
    """msgid → msgstr of a locale's messages.mo, as GNU msgunfmt reads it."""
    mo = project.root / "locales" / locale / "LC_MESSAGES" / "messages.mo"
    text = subprocess.run([gnu("msgunfmt"), str(mo)], capture_output=True, text=True,
                          check=True).stdout
    return {e.msgid: e.msgstr for e in read_po(text) if e.msgid}


def by_msgid(spans: list[Span], msgid: str) -> Span:
    found = [s for s in spans if s.msgid == msgid]
    assert found, msgid
    return found[0]


def test_dutch_page_shows_the_pages_own_translation_as_human(seeds_site: Project) -> None:
    spans, _ = read_page(seeds_site.out / "nl" / f"{SEED_000}.html")
    span = by_msgid(spans, "Why it matters")
    assert (span.text, span.state, span.line) == ("Waarom dit telt", "human", 10)
    assert span.attrs["data-ref"] == f"seeds/{SEED_000}.txt:10"
    assert span.attrs["data-catalog"].startswith("locales/nl/LC_MESSAGES/messages-en.po:")
    assert span.attrs["lang"] == "nl"
    assert "msgid: Why it matters" in span.attrs["title"]


def test_dutch_page_shows_machine_output_for_review_and_the_source_to_readers(
        seeds_site: Project) -> None:
    spans, _ = read_page(seeds_site.out / "nl" / f"{SEED_000}.html")
    catalog = read_catalog(seeds_site.root / "locales" / "nl" / "LC_MESSAGES" / "messages-en.po")
    machine = [s for s in spans if s.state == "machine"]
    assert machine
    for span in machine:
        entry = catalog.get(span.msgid)
        assert entry is not None and entry.machine_translated and entry.fuzzy
        # compile leaves fuzzy output out: the reader gets the source; reviewers the candidate
        assert span.text == span.msgid and span.attrs["lang"] == "en"
        assert span.attrs["data-candidate"] == entry.msgstr
    assert by_msgid(spans, "Listen to article").state == "machine"


def test_chinese_page_shows_english_text_as_missing(seeds_site: Project) -> None:
    spans, _ = read_page(seeds_site.out / "zh" / f"{SEED_000}.html")
    span = by_msgid(spans, "Why it matters")
    assert (span.text, span.state, span.attrs["lang"]) == ("Why it matters", "missing", "en")
    english = [s for s in spans if s.attrs["data-catalog"].startswith(
        "locales/zh/LC_MESSAGES/messages-en.po")]
    assert len(english) > 50 and {s.state for s in english} == {"missing"}


@pytest.mark.parametrize("locale", ["en", "nl", "zh"])
def test_every_message_shows_what_gettext_gives_in_the_state_its_catalog_holds(
        seeds_site: Project, locale: str) -> None:
    mo = compiled(seeds_site, locale)
    folder = seeds_site.root / "locales" / locale / "LC_MESSAGES"
    catalogs = {p.stem.split("-")[-1]: read_catalog(p) for p in folder.glob("messages-*.po")}
    states: Counter[str] = Counter()
    for page in sorted((seeds_site.out / locale).glob("*.html")):
        spans, lines = read_page(page)
        assert lines == list(range(1, len(lines) + 1))
        source = seeds_site.root / "seeds" / f"{page.stem}.txt"
        assert len(lines) == len(source.read_text(encoding="utf-8").splitlines())
        for span in spans:
            assert span.text == mo.get(span.msgid, span.msgid), span.msgid
            lang = _lang_of(span, catalogs)
            entry = catalogs[lang].get(span.msgid) if lang in catalogs else None
            assert span.state == state_of(entry, own_language=lang == locale[:2]), span.msgid
            states[span.state] += 1
    expected = {"en": {"source", "missing"}, "nl": {"source", "human", "machine", "missing"},
                "zh": {"source", "missing"}}[locale]
    assert expected <= set(states), states


def _lang_of(span: Span, catalogs: dict[str, object]) -> str:
    """The source language of a message: from the catalog that holds it, else its own."""
    catalog = span.attrs.get("data-catalog")
    if catalog:
        return re.search(r"messages-(\w+)\.po:", catalog).group(1)  # type: ignore[union-attr]
    return span.attrs["lang"]


def test_index_lists_every_page_in_every_locale_with_its_completion(seeds_site: Project
                                                                    ) -> None:
    index = (seeds_site.out / "index.html").read_text(encoding="utf-8")
    pages = sorted(p.stem for p in (seeds_site.root / "seeds").iterdir())
    for stem in pages:
        for locale in ("en", "nl", "zh"):
            assert f'href="{locale}/{stem}.html"' in index
            spans, _ = read_page(seeds_site.out / locale / f"{stem}.html")
            counts = Counts.of(state for _, state in {(s.msgid, s.state) for s in spans})
            row = index.split(f'data-page="{stem}.html"')[1].split("</tr>")[0]
            cell = row.split(f'data-locale="{locale}"')[1].split("</td>")[0]
            for state, count in counts.parts():
                assert f'<span data-state="{state}">{count} {state}</span>' in cell


def test_a_second_build_is_byte_identical(seeds_site: Project) -> None:
    before = {p: p.read_bytes() for p in seeds_site.out.rglob("*.html")}
    seeds_site.ok("preview")
    assert {p: p.read_bytes() for p in seeds_site.out.rglob("*.html")} == before


def test_serve_prints_a_loopback_address_and_serves_the_pages(seeds_site: Project) -> None:
    command = [sys.executable, "-m", "localize", "preview", "--serve", "--port", "0",
               "--out", "served"]
    process = subprocess.Popen(command, cwd=seeds_site.root, env=_env(seeds_site),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        process.stdout.readline()  # wrote ... pages
        address = process.stdout.readline()
        found = re.fullmatch(r"serving (http://127\.0\.0\.1:(\d+)/) \(Ctrl-C to stop\)\n",
                             address)
        assert found, address
        with urllib.request.urlopen(found[1] + f"nl/{SEED_000}.html", timeout=10) as reply:
            assert reply.status == 200
            assert "Waarom dit telt" in reply.read().decode("utf-8")
        with urllib.request.urlopen(found[1], timeout=10) as reply:
            assert f'href="zh/{SEED_000}.html"' in reply.read().decode("utf-8")
    finally:
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=10)
    assert process.returncode == 0, err
    assert out.endswith("stopped\n")


def test_serve_on_a_port_in_use_is_a_usage_error(seeds_site: Project) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = seeds_site.run("preview", "--serve", "--port", str(port), "--out", "busy")
    assert result.exit_code == 2
    assert f"cannot serve on 127.0.0.1:{port}" in result.output
    assert "pick another with --port" in result.output


def _env(project: Project) -> dict[str, str]:
    return {**os.environ, **project.env}
