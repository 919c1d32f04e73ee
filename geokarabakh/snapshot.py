"""Maps for reports: an :func:`~geokarabakh.render.incident_map` page as PNG or PDF.

The page is opened in headless Chromium (Debian's ``/usr/bin/chromium`` through Playwright,
or the browser named by ``GEOKARABAKH_CHROMIUM``) in print mode: the interactive controls are
hidden; the title with its date range, the legend, the attribution and the note that the
lines are approximate stay. Tiles that load within ``tile_wait`` seconds are drawn; where
they do not, the page's own vector base shows. Files are written atomically.

>>> import geokarabakh as gk
>>> gk.save_png(gk.incident_map(gk.sample_incidents()), "map.png")  # doctest: +SKIP
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import folium

from geokarabakh.errors import GeokarabakhError, InvalidInput
from geokarabakh.export import write_atomic
from geokarabakh.render import write_map

__all__ = ["save_pdf", "save_png"]

CHROMIUM = "/usr/bin/chromium"  # Debian's
# How headless Chromium starts here (as root, no GPU, no calls home): the snapshots, the
# browser tests, the render benchmark and the README picture all launch it with these.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
_LOCAL = ("file:", "data:", "blob:", "about:")


def save_png(
    m: folium.Map,
    path: str | os.PathLike[str],
    *,
    width: int = 1600,
    height: int = 1000,
    scale: float = 1,
    network: bool = True,
    tile_wait: float = 10,
) -> Path:
    """Save the map as a PNG of ``width`` x ``height`` CSS pixels, times ``scale``.

    ``network=False`` blocks every request the page makes (tiles too): the vector base shows.
    """
    return _snapshot(m, Path(path), _Shot("png", width, height, scale, network, tile_wait))


def save_pdf(
    m: folium.Map,
    path: str | os.PathLike[str],
    *,
    width: int = 1600,
    height: int = 1000,
    network: bool = True,
    tile_wait: float = 10,
) -> Path:
    """Save the map as a one-page PDF of ``width`` x ``height`` CSS pixels (96 to the inch)."""
    return _snapshot(m, Path(path), _Shot("pdf", width, height, 1, network, tile_wait))


@dataclass(frozen=True)
class _Shot:
    """What to take: ``png`` or ``pdf``, its size in CSS pixels, and how to load the page."""

    kind: str
    width: int
    height: int
    scale: float
    network: bool
    tile_wait: float  # seconds to wait for tiles before the vector base shows instead


def _snapshot(m: folium.Map, path: Path, shot: _Shot) -> Path:
    for name, number, low, high in (
        ("width", shot.width, 200, 10000),
        ("height", shot.height, 200, 10000),
        ("scale", shot.scale, 0.5, 4),
    ):
        if not low <= number <= high:
            raise InvalidInput(f"{name} {number} is outside {low}..{high}", field=name)
    chromium = os.environ.get("GEOKARABAKH_CHROMIUM", CHROMIUM)
    if not os.path.exists(chromium):
        raise GeokarabakhError(
            f"no Chromium at {chromium}: install Debian's chromium "
            "(apt-get install chromium) or set GEOKARABAKH_CHROMIUM"
        )
    with tempfile.TemporaryDirectory() as folder:
        page_path = write_map(m, Path(folder) / "map.html")
        # Playwright's sync API refuses to run inside an event loop (Jupyter): use a thread.
        with ThreadPoolExecutor(1) as pool:
            image = pool.submit(_shoot, chromium, page_path, shot).result()
    write_atomic(path, lambda tmp: tmp.write_bytes(image))
    return path


def _shoot(chromium: str, page_path: Path, shot: _Shot) -> bytes:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(
                viewport={"width": shot.width, "height": shot.height},
                device_scale_factor=shot.scale,
            )
            if not shot.network:
                page.route(
                    "**/*",
                    lambda r: r.continue_() if r.request.url.startswith(_LOCAL) else r.abort(),
                )
            page.add_init_script("window.gkPrint = true;")
            page.goto(page_path.as_uri())
            page.wait_for_function("window.gkReady === true", timeout=120_000)
            # tiles still missing show the vector base beneath
            with contextlib.suppress(PlaywrightTimeout):
                page.wait_for_function("!gkMaps[0].tilesLoading()", timeout=shot.tile_wait * 1000)
            page.wait_for_timeout(200)  # the last canvas frame
            if shot.kind == "png":
                return page.screenshot(type="png")
            page.emulate_media(media="screen")
            return page.pdf(
                width=f"{shot.width}px",
                height=f"{shot.height}px",
                print_background=True,
                page_ranges="1",
            )
        finally:
            browser.close()
