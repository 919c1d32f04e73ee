"""Benchmark incident_map against GeoDataFrame.explore() and a plain folium.Marker loop.

For 100,000 and 1,000,000 synthetic incidents with realistic text — a unique note of one or
two sentences (155 characters on average: names of real villages, numbers, dates) and a
unique source URL each, as real data has: time to build the page (map + HTML text), the
page's size, and the time headless Chromium takes from navigation until the page is ready
(incident_map: its data unpacked and its clusters built; the others: the load event), then one
more frame. It also prints what the same page would weigh with the data as plain JSON (the
way before packing). explore() runs up to 100,000, the Marker loop for 10,000 only. Chromium
gets no network: CDN scripts the other pages link are served from the local XStatic packages,
anything else gets an empty answer. Targets (issue 15): 100,000 incidents <= 6 MB, ready <= 2 s.

    python benchmarks/bench_render.py            # 100,000 and 1,000,000
    python benchmarks/bench_render.py 10000      # other sizes
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import folium
import geopandas as gpd
import numpy as np
import pandas as pd

from geokarabakh.render import incident_map
from geokarabakh.snapshot import CHROMIUM, CHROMIUM_ARGS

TYPES = ["landmine", "unexploded ordnance", "shelling", "air strike", "armed clash"]
PLACES = [
    ("Shusha", "Shusha"),
    ("Tartar district", "Tartar District"),
    ("Aghdam", "Aghdam"),
    ("near Fizuli", "Fuzuli"),
    ("Khojavend", "Khojavend"),
    ("Lachin", "Lachin"),
]


WHO = [
    "A civilian",
    "A shepherd",
    "Two deminers",
    "An ANAMA deminer",
    "A tractor driver",
    "A 14-year-old boy",
    "Three servicemen",
    "A Russian peacekeeper",
    "A construction worker",
    "Two brothers",
    "A woman collecting firewood",
    "A police officer",
    "A HALO Trust surveyor",
    "Four soldiers",
    "A truck driver",
    "A farmer",
    "Two journalists",
    "A road worker",
]
WHAT = [
    "was killed",
    "was injured",
    "were wounded",
    "died of his wounds in hospital",
    "lost a leg",
    "suffered shrapnel wounds",
    "were killed",
    "was seriously injured",
]
HOW = [
    "when an anti-tank mine exploded under the vehicle",
    "by an anti-personnel mine",
    "by unexploded cluster munition",
    "after stepping on a PMN-2 mine",
    "when their car hit a TM-62 mine",
    "while clearing a field",
    "while grazing cattle",
    "by an explosive device left in a house",
    "by a mortar round found near the road",
    "during demining of an orchard",
    "on a path the army had not yet cleared",
]
WHERE = [
    "near",
    "{} km north of",
    "{} km south-east of",
    "on the road to",
    "in the outskirts of",
    "in a field beside",
    "close to the former line of contact near",
]
AFTER = [
    "",
    " He was taken to the district hospital.",
    " The ministry opened an inquiry.",
    " The area had been marked as cleared in {}.",
    " Demining resumed on {} after a pause.",
    " It was the {}th mine incident in the district this year.",
    " Relatives said he had returned to the village the week before.",
]
DOMAINS = [
    "apa.az",
    "report.az",
    "azatutyun.am",
    "news.am",
    "trend.az",
    "oc-media.org",
    "armenpress.am",
    "interfax.ru",
    "jam-news.net",
    "reuters.com",
]


def realistic_text(
    rng: np.random.Generator, n: int, days: pd.DatetimeIndex, villages: list[str]
) -> tuple[list[str], list[str]]:
    """A unique note and source URL per incident, worded as reports are."""
    notes, sources = [], []
    for i in range(n):
        village = villages[rng.integers(len(villages))]
        where = WHERE[rng.integers(len(WHERE))].format(rng.integers(1, 15))
        after = AFTER[rng.integers(len(AFTER))]
        after = after.format(
            rng.integers(2, 40) if "{}th" in after else f"{days[rng.integers(n)]:%d %B %Y}"
        )
        note = (
            f"{WHO[rng.integers(len(WHO))]} {WHAT[rng.integers(len(WHAT))]} "
            f"{HOW[rng.integers(len(HOW))]} {where} {village} on {days[i]:%d %B %Y}.{after}"
        )
        notes.append(note)
        slug = "-".join(note.lower().replace(".", "").split()[:7])
        sources.append(
            f"https://{DOMAINS[rng.integers(len(DOMAINS))]}/{days[i]:%Y/%m/%d}/"
            f"{slug}-{rng.integers(100000, 999999)}"
        )
    return notes, sources


def synthetic(n: int, seed: int = 1) -> gpd.GeoDataFrame:
    """``n`` incidents in the incident schema, spread over Karabakh and 2020-2024."""
    from geokarabakh.gazetteer import Gazetteer

    rng = np.random.default_rng(seed)
    villages = sorted({p.name for p in Gazetteer.default() if p.kind == "settlement"})
    days = pd.Timestamp("2020-11-10") + pd.to_timedelta(rng.integers(0, 1300, n), unit="D")
    place = rng.integers(0, len(PLACES), n)
    notes, sources = realistic_text(rng, n, days, villages)
    frame = pd.DataFrame(
        {
            "id": [f"bench-{i}" for i in range(n)],
            "date": days.strftime("%Y-%m-%d"),
            "date_precision": "day",
            "type": np.array(TYPES)[rng.integers(0, len(TYPES), n)],
            "place": [PLACES[p][0] for p in place],
            "place_resolved": [PLACES[p][1] for p in place],
            "geo_precision": rng.integers(1, 4, n),
            "killed": rng.poisson(0.3, n),
            "injured": rng.poisson(0.8, n),
            "source": sources,
            "notes": notes,
        }
    )
    return gpd.GeoDataFrame(
        frame,
        geometry=gpd.points_from_xy(rng.uniform(46.2, 47.6, n), rng.uniform(39.2, 40.5, n)),
        crs="EPSG:4326",
    )


def build_ours(gdf: gpd.GeoDataFrame) -> str:
    return incident_map(gdf).get_root().render()


def plain_json_size(gdf: gpd.GeoDataFrame, packed_page: str) -> int:
    """The page's size had the data stayed plain JSON (the way before packing)."""
    from geokarabakh.render import _packed, _payload, _prepare, _script_json

    payload = _payload(_prepare(gdf, None, None)[0])
    return len(packed_page.encode()) - len(_packed(payload)) + len(_script_json(payload).encode())


def build_explore(gdf: gpd.GeoDataFrame) -> str:
    return gdf.explore(column="type", tiles="OpenStreetMap").get_root().render()


def build_markers(gdf: gpd.GeoDataFrame) -> str:
    m = folium.Map(location=[39.8, 46.8], zoom_start=8)
    for row in gdf.itertuples():
        folium.Marker(
            [row.geometry.y, row.geometry.x],
            tooltip=f"{row.date} {row.type}",
            popup=f"{row.place}: {row.notes}",
        ).add_to(m)
    return m.get_root().render()


def timed(build, gdf) -> tuple[float, str]:
    start = time.perf_counter()
    text = build(gdf)
    return time.perf_counter() - start, text


def local_assets() -> dict[str, tuple[bytes, str]]:
    """CDN file names -> local XStatic copies."""
    import xstatic.pkg.jquery as jquery
    import xstatic.pkg.leaflet as leaflet
    import xstatic.pkg.leaflet_markercluster as cluster

    files = {}
    for package, names in (
        (leaflet, ("leaflet.js", "leaflet.css")),
        (jquery, ("jquery.min.js",)),
        (cluster, ("leaflet.markercluster.js", "MarkerCluster.css", "MarkerCluster.Default.css")),
    ):
        for name in names:
            kind = "text/css" if name.endswith(".css") else "application/javascript"
            files[name] = ((Path(package.BASE_DIR) / name).read_bytes(), kind)
    files["jquery-3.7.1.min.js"] = files["jquery.min.js"]
    return files


def page_ready(browser, path: Path, ours: bool, assets: dict) -> float:
    page = browser.new_page(viewport={"width": 1280, "height": 800})

    def route(r):
        url = r.request.url
        if url.startswith("file:"):
            return r.continue_()
        name = url.split("?")[0].rsplit("/", 1)[-1]
        if name in assets:
            body, kind = assets[name]
            return r.fulfill(status=200, body=body, content_type=kind)
        return r.fulfill(status=200, body=b"", content_type="text/plain")

    page.route("**/*", route)
    start = time.perf_counter()
    page.goto(path.as_uri(), wait_until="load", timeout=600_000)
    if ours:
        page.wait_for_function("window.gkReady === true", timeout=600_000, polling=50)
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    elapsed = time.perf_counter() - start
    page.close()
    return elapsed


def main(sizes: list[int]) -> None:
    from playwright.sync_api import sync_playwright

    assets = local_assets()
    results = []
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=CHROMIUM_ARGS,
        )
        for n in sizes:
            gdf = synthetic(n)
            builders = [("incident_map", build_ours, True)]
            if n <= 100_000:
                builders.append(("explore()", build_explore, False))
            if n <= 10_000:
                builders.append(("folium.Marker loop", build_markers, False))
            for label, build, ours in builders:
                seconds, text = timed(build, gdf)
                path = Path(folder) / f"{n}-{label.split()[0]}.html"
                path.write_text(text, encoding="utf-8")
                ready = page_ready(browser, path, ours, assets)
                results.append((n, label, seconds, len(text.encode("utf-8")), ready))
                print(
                    f"{n:>9,} {label:<20} build {seconds:7.2f} s  html {len(text) / 1e6:7.1f} MB"
                    f"  ready {ready:6.2f} s",
                    flush=True,
                )
                if ours:
                    print(
                        f"{'':>9} {'(plain JSON data)':<20} "
                        f"html {plain_json_size(gdf, text) / 1e6:7.1f} MB",
                        flush=True,
                    )
        browser.close()
    print("\nratios (other / incident_map): build time, HTML size, time to ready")
    for n in sizes:
        rows = {label: (s, b, r) for size, label, s, b, r in results if size == n}
        ours = rows["incident_map"]
        for label, (s, b, r) in rows.items():
            if label != "incident_map":
                print(
                    f"{n:>9,} {label:<20} build x{s / ours[0]:5.1f}  size x{b / ours[1]:5.1f}"
                    f"  ready x{r / ours[2]:5.1f}"
                )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100_000, 1_000_000])
