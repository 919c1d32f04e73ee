"""Make the README's picture: `geokarabakh map` of the bundled sample, as headless Chromium
draws it.

Run from the repository root (needs the test extras and Debian's chromium)::

    python docs/readme_picture.py            # writes docs/map.png

Every request that is not for the local file is blocked, so the picture shows what a reader
with no network sees: the vector base (the tiles do not load), the dated reference layers, the
incidents, the legend and the time filter with its histogram.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

import geokarabakh as gk
from geokarabakh.render import write_map
from geokarabakh.snapshot import CHROMIUM, CHROMIUM_ARGS

OUTPUT = Path(__file__).with_name("map.png")


def main(output: Path = OUTPUT) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        page_path = write_map(gk.incident_map(gk.sample_incidents()), Path(tmp) / "map.html")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM,
                args=CHROMIUM_ARGS,
            )
            page = browser.new_page(viewport={"width": 1200, "height": 760})
            page.route(
                "**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort()
            )
            page.goto(page_path.resolve().as_uri())
            page.wait_for_function("window.gkReady === true", timeout=20000)
            page.wait_for_timeout(800)  # let the canvas layers finish drawing
            png = page.screenshot()
            browser.close()
    partial = output.with_suffix(".tmp")
    partial.write_bytes(png)
    partial.replace(output)  # never leave a half-written picture
    print(f"wrote {output}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUTPUT)
