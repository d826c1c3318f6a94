"""The preview in a real browser: Debian's headless Chromium, driven by Playwright.

Pages are served by the preview's own server on 127.0.0.1; every request a
page makes is recorded and must stay on that server. The hostile page is
opened with the Content-Security-Policy bypassed, so that escaping, not the
policy, is what keeps its ``<script>`` lines from running.
"""

from __future__ import annotations

import shutil
import struct
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.site.conftest import HOSTILE, HOSTILE_NL, SEED_000, Project, make_hostile

playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is in .[test]")

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
TRANSPARENT = "rgba(0, 0, 0, 0)"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if shutil.which(CHROMIUM) is None:
        pytest.skip("Debian's chromium is not installed (.ci/run installs it)")
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


def serve(folder: Path) -> Iterator[str]:
    from localize.site import make_server

    server = make_server(folder, 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def seeds_url(seeds_site: Project) -> Iterator[str]:
    yield from serve(seeds_site.out)


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = make_hostile(tmp_path_factory.mktemp("hostile"))
    project.ok("preview")
    yield from serve(project.out)


class Watched:
    """A page, with every request, dialog and script error it caused."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("dialog", self._dialog)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def stayed_on(self, origin: str) -> None:
        assert self.requests and all(url.startswith(origin) for url in self.requests), \
            self.requests
        assert not self.dialogs and not self.errors, (self.dialogs, self.errors)


@pytest.fixture
def watched(browser: Any, request: pytest.FixtureRequest) -> Iterator[Watched]:
    options = getattr(request, "param", {})
    context = browser.new_context(viewport={"width": 1000, "height": 700}, **options)
    try:
        yield Watched(context.new_page())
    finally:
        context.close()


def message(page: Any, msgid: str) -> Any:
    return page.locator(f'span.m[data-msgid="{msgid}"]').first


def test_the_dom_shows_each_locale_what_its_readers_get(watched: Watched, seeds_url: str
                                                        ) -> None:
    page = watched.page
    page.goto(f"{seeds_url}nl/{SEED_000}.html")
    assert page.evaluate("document.documentElement.lang") == "nl"
    assert page.locator("div.line").count() == 90
    why = message(page, "Why it matters")
    assert why.inner_text() == "Waarom dit telt"
    assert why.get_attribute("data-state") == "human"
    assert f"source: seeds/{SEED_000}.txt:10" in why.get_attribute("title")
    listen = message(page, "Listen to article")
    assert (listen.inner_text(), listen.get_attribute("data-state")) == (
        "Listen to article", "machine")
    page.goto(f"{seeds_url}zh/{SEED_000}.html")
    why = message(page, "Why it matters")
    assert (why.inner_text(), why.get_attribute("data-state")) == ("Why it matters", "missing")
    assert page.locator("#L10").inner_text() == "Why it matters"  # the line as a reader sees it
    watched.stayed_on(seeds_url)


@pytest.mark.parametrize("watched", [{"java_script_enabled": True},
                                     {"java_script_enabled": False}],
                         ids=["javascript", "no-javascript"], indirect=True)
def test_the_locale_switch_and_the_index_links(watched: Watched, seeds_url: str) -> None:
    page = watched.page
    page.goto(f"{seeds_url}en/{SEED_000}.html")
    assert message(page, "Why it matters").inner_text() == "Why it matters"
    page.get_by_role("navigation").get_by_role("link", name="Nederlands").click()
    page.wait_for_url(f"{seeds_url}nl/{SEED_000}.html")
    assert message(page, "Why it matters").inner_text() == "Waarom dit telt"
    assert page.locator("nav a[aria-current=page]").inner_text() == "Nederlands"
    page.get_by_role("link", name="中文").click()
    page.wait_for_url(f"{seeds_url}zh/{SEED_000}.html")
    page.get_by_role("link", name="All pages").click()
    page.wait_for_url(f"{seeds_url}index.html")
    links = page.locator("td a")
    assert links.count() == 4 * 3
    page.locator('tr[data-page="001_1ecc4ac9d5d48fc0.html"] td[data-locale="nl"] a').click()
    page.wait_for_url(f"{seeds_url}nl/001_1ecc4ac9d5d48fc0.html")
    assert page.locator("div.line").count() > 300
    watched.stayed_on(seeds_url)


@pytest.mark.parametrize("watched", [{"java_script_enabled": True},
                                     {"java_script_enabled": False}],
                         ids=["javascript", "no-javascript"], indirect=True)
def test_the_toggle_highlights_each_state(watched: Watched, seeds_url: str) -> None:
    page = watched.page
    page.goto(f"{seeds_url}nl/{SEED_000}.html")
    states = ["human", "machine", "missing", "source"]
    spans = {s: page.locator(f'span.m[data-state="{s}"]').first for s in states}

    def backgrounds() -> dict[str, str]:
        return {s: span.evaluate("e => getComputedStyle(e).backgroundColor")
                for s, span in spans.items()}

    assert set(backgrounds().values()) == {TRANSPARENT}  # a reader's page: nothing marked
    assert not page.locator(".ln").first.is_visible()
    page.get_by_label("Highlight states").check()
    marked = backgrounds()
    assert TRANSPARENT not in marked.values() and len(set(marked.values())) == len(states)
    after = spans["machine"].evaluate("e => getComputedStyle(e, '::after').content")
    assert spans["machine"].get_attribute("data-candidate") in after
    assert page.locator(".ln").first.is_visible()
    page.get_by_label("Highlight states").uncheck()
    assert set(backgrounds().values()) == {TRANSPARENT}
    watched.stayed_on(seeds_url)


def test_a_screenshot_of_a_rendered_page(watched: Watched, seeds_url: str,
                                         tmp_path: Path) -> None:
    page = watched.page
    page.goto(f"{seeds_url}nl/{SEED_000}.html#L17")
    page.get_by_label("Highlight states").check()
    path = tmp_path / "preview.png"
    page.screenshot(path=str(path))
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (1000, 700)
    assert len(data) > 20_000  # text and colours, not a blank page
    watched.stayed_on(seeds_url)


@pytest.mark.parametrize("watched", [{"bypass_csp": True}], ids=["csp-bypassed"],
                         indirect=True)
@pytest.mark.parametrize("locale", ["en", "nl", "zh"])
def test_source_lines_with_script_never_run_or_break_the_page(watched: Watched,
                                                              hostile_url: str,
                                                              locale: str) -> None:
    page = watched.page
    page.goto(f"{hostile_url}{locale}/hostile.html")
    assert page.locator("div.line").count() == len(HOSTILE)
    last = HOSTILE_NL if locale == "nl" else HOSTILE[-1]
    assert page.locator("#L6").inner_text() == last  # the line after them all
    assert page.locator("#L4").inner_text() == HOSTILE[3]
    texts = page.locator("span.m").all_inner_texts()
    if locale != "nl":
        assert HOSTILE[1] in texts and HOSTILE[4] in texts
    page.get_by_label("Highlight states").check()
    for span in page.locator("span.m").all():
        span.hover()
    page.wait_for_timeout(200)
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert page.evaluate("document.scripts.length") == 0
    assert page.locator("main img, main b, main svg, main script").count() == 0
    assert page.locator("main").count() == 1 and page.locator("header nav").count() == 1
    watched.stayed_on(hostile_url)
