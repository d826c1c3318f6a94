#!/usr/bin/env python3
"""Take a screenshot of a preview page with its states highlighted (the README's picture).

Opens the page in Debian's headless Chromium through Playwright (the ``test``
extra), ticks "Highlight states", and writes a PNG of the window, scrolled to
``--line`` if given.

Usage::

    apt-get install chromium fonts-wqy-microhei   # the font: Chinese text
    .venv/bin/localize preview
    .venv/bin/python tools/preview_screenshot.py \\
        preview/nl/000_2abc67655ca17661.html docs/preview.png --line 17
"""

from __future__ import annotations

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("page", type=Path, help="a page of the preview folder")
    parser.add_argument("png", type=Path, help="where to write the screenshot")
    parser.add_argument("--width", type=int, default=960)
    parser.add_argument("--height", type=int, default=640)
    parser.add_argument("--line", type=int, help="scroll to this line of the page first")
    args = parser.parse_args()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": args.width, "height": args.height})
        anchor = f"#L{args.line}" if args.line else ""
        page.goto(args.page.resolve().as_uri() + anchor)
        page.check("#highlight")
        page.screenshot(path=str(args.png))
        browser.close()
    print(f"wrote {args.png} ({args.png.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
