"""The offline map in headless Chromium with every external request blocked.

Needs Debian's chromium at /usr/bin/chromium (tests/run.sh installs it): skipped when it
is missing, except under CI (the CI variable set), where that is a failure.
"""

from __future__ import annotations

import os
from pathlib import Path

import geopandas as gpd
import pytest
from shapely.geometry import Point

from geokarabakh.render import incident_map, write_map
from geokarabakh.snapshot import CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
HOSTILE = (
    '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2;alert(1)"> '
    "`tick` ${document.title} {{ 7*7 }}"
)


def _incidents() -> gpd.GeoDataFrame:
    rows = [
        {
            "id": "hostile",
            "date": "2021-06-14",
            "date_precision": "day",
            "type": "landmine",
            "place": "Shusha <b>bold</b>",
            "place_resolved": "Shusha",
            "geo_precision": 1,
            "killed": 1,
            "injured": 2,
            "source": "https://example.org/report?a=1&b=<2>",
            "notes": HOSTILE,
            "geometry": Point(46.75, 39.76),
        },
        {
            "id": "js-source",
            "date": "2022-10-02",
            "date_precision": "day",
            "type": "shelling",
            "place": "Tagavard",
            "place_resolved": "Taghavard",
            "geo_precision": 1,
            "killed": 0,
            "injured": 1,
            "source": "javascript:alert(3)",
            "notes": "plain",
            "geometry": Point(46.92, 39.668),
        },
    ]
    # a dense field near Aghdam, so clusters form
    rows += [
        {
            "id": f"field-{i}",
            "date": f"2023-0{1 + i % 9}-1{i % 10}",
            "type": "unexploded ordnance",
            "place": "Aghdam",
            "killed": 0,
            "injured": i % 3,
            "source": "survey",
            "geometry": Point(46.93 + (i % 10) * 0.004, 39.99 + (i // 10) * 0.004),
        }
        for i in range(60)
    ]
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing (CI must install Debian's chromium)")
        pytest.skip(f"{CHROMIUM} is missing")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=CHROMIUM_ARGS,
        )
        yield launched
        launched.close()


def _open(browser, path: Path, tile: bytes | None = None):
    """``path`` open in a new page with every external request aborted, or, with ``tile``,
    tile requests answered from memory (no network); returns (page, events)."""
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    events = {"console": [], "dialogs": [], "external": [], "errors": []}
    page.on("console", lambda m: events["console"].append(f"{m.type}: {m.text}"))
    page.on("pageerror", lambda e: events["errors"].append(str(e)))

    def dialog(d):
        events["dialogs"].append(d.message)
        d.dismiss()

    page.on("dialog", dialog)

    def route(r):
        url = r.request.url
        if url.startswith(("file:", "data:", "blob:", "about:")):
            r.continue_()
        elif tile is not None and url.startswith("https://tile.openstreetmap.org/"):
            r.fulfill(status=200, body=tile, content_type="image/png")
        else:
            events["external"].append(url)
            r.abort()

    page.route("**/*", route)
    page.goto(path.as_uri())
    page.wait_for_function("window.gkReady === true", timeout=20000)
    return page, events


@pytest.fixture(scope="module")
def loaded(browser, tmp_path_factory):
    """The offline map open in a page; yields (page, events)."""
    path = write_map(
        incident_map(_incidents(), offline=True, title="Browser test"),
        tmp_path_factory.mktemp("map") / "offline.html",
    )
    page, events = _open(browser, path)
    yield page, events
    page.close()


def test_markers_clusters_and_lines_render(loaded):
    page, events = loaded
    assert page.evaluate("gkMaps[0].incidents.n") == 62
    page.wait_for_selector(".marker-cluster", timeout=5000)
    page.evaluate("gkMaps[0].map.setView([39.76, 46.75], 13, {animate: false})")
    page.wait_for_selector(".leaflet-overlay-pane canvas", state="attached", timeout=5000)
    page.evaluate("gkMaps[0].map.fitBounds(gkMaps[0].cluster.getBounds(), {animate: false})")
    assert page.locator(".leaflet-overlay-pane svg path").count() >= 5  # reference lines
    assert page.locator(".gk-line-label").count() >= 1
    assert page.locator(".gk-place-label").count() > 10  # the offline base says where things are
    assert page.locator(".gk-legend").is_visible()
    assert "Browser test" in page.locator(".gk-title").inner_text()


def test_layer_control_hides_and_shows_a_layer(loaded):
    page, _ = loaded
    page.hover(".leaflet-control-layers")
    label = page.locator(
        ".leaflet-control-layers-overlays label", has_text="Line of contact 2020-2023"
    )
    box = label.locator("input")
    paths = ".leaflet-overlay-pane svg path"
    before = page.locator(paths).count()
    box.uncheck()
    assert page.locator(paths).count() < before
    box.check()
    assert page.locator(paths).count() == before
    page.mouse.move(600, 400)


def test_popup_shows_hostile_text_literally(loaded):
    page, events = loaded
    point = page.evaluate("""() => {
        const api = gkMaps[0], marker = api.incidents.markerOf("hostile");
        api.map.setView(marker.getLatLng(), 13, {animate: false});
        const p = api.map.latLngToContainerPoint(marker.getLatLng());
        const box = api.map.getContainer().getBoundingClientRect();
        return [p.x + box.left, p.y + box.top];
    }""")
    page.wait_for_timeout(400)
    page.mouse.click(point[0], point[1])
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(timeout=5000)
    text = popup.inner_text()
    assert HOSTILE in text
    assert "Shusha <b>bold</b>" in text
    assert popup.locator("img, script, b").count() == 0
    link = popup.locator("a")
    assert link.count() == 1 and link.get_attribute("href").startswith("https://example.org/report")
    assert "Shusha" in text and "Шуша" in text  # the resolved place with its names
    assert page.evaluate("window.__pwned") is None
    assert page.title() == "Browser test"
    page.wait_for_timeout(500)  # the popup's fade-in
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "render-offline-popup.png"))


def test_javascript_source_is_not_a_link(loaded):
    page, _ = loaded
    html = page.evaluate(
        "gkMaps[0].incidents.popupContent(gkMaps[0].incidents.markerOf('js-source')._gkIndex).outerHTML"
    )
    assert "javascript:alert(3)" in html and "<a" not in html


def test_time_filter_filters_markers_and_fades_layers(loaded):
    page, _ = loaded
    shown = page.evaluate("""() => {
        const api = gkMaps[0], day = Date.UTC(2021, 5, 14) / 864e5;
        api.time.setRange(day, day);
        return api.incidents.indices.length;
    }""")
    assert shown == 1
    assert page.locator(".gk-time-count").inner_text() == "1 of 62 incidents"
    assert page.locator(".gk-time-range").inner_text() == "2021-06-14 – 2021-06-14"
    restored = page.evaluate("""() => { const api = gkMaps[0];
        api.time.setRange(api.time._first, api.time._last); return api.incidents.indices; }""")
    assert restored is None


def test_time_filter_fades_each_period_of_the_held_area_by_its_own_dates(loaded):
    page, _ = loaded
    opacity = page.evaluate("""() => {
        const api = gkMaps[0], day = Date.UTC(2021, 5, 14) / 864e5, out = {};
        api.time.setRange(day, day);
        api.map.eachLayer(l => { if (l.feature && /^Area held/.test(l.feature.properties.name))
            out[l.feature.properties.dates] = l.options.opacity; });
        api.time.setRange(api.time._first, api.time._last);
        return out;
    }""")
    faded = opacity.pop("2022-08-26 \u2013 2023-09-20")
    assert opacity == {"2020-12-01 \u2013 2022-08-26": 1} and faded < 0.5


def test_heat_layer_draws(loaded):
    page, _ = loaded
    painted = page.evaluate("""() => {
        const api = gkMaps[0];
        api.map.setView([39.99, 46.95], 12, {animate: false});
        api.map.addLayer(api.heat);
        const c = document.querySelector("canvas.gk-heat");
        const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
        let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i]) n++;
        api.map.removeLayer(api.heat);
        return n;
    }""")
    assert painted > 1000


def test_no_dialog_no_errors_no_network(loaded):
    _, events = loaded
    assert events["dialogs"] == []
    assert events["errors"] == []
    assert [c for c in events["console"] if c.startswith("error")] == []
    assert events["external"] == []


def _pixels(page, lat: float, lon: float, half: int):
    """RGB pixels of the (2 * half)-pixel square of the screen centred on (lat, lon)."""
    from io import BytesIO

    from PIL import Image

    x, y = page.evaluate(f"""() => {{
        const map = gkMaps[0].map, p = map.latLngToContainerPoint([{lat}, {lon}]);
        const box = map.getContainer().getBoundingClientRect();
        return [p.x + box.left, p.y + box.top];
    }}""")
    shot = page.screenshot(
        clip={"x": x - half, "y": y - half, "width": 2 * half, "height": 2 * half}
    )
    return Image.open(BytesIO(shot)).convert("RGB")


def _reddish(image) -> int:
    return sum(1 for r, g, b in image.get_flattened_data() if r > 150 and g < 120 and b < 110)


def test_default_page_draws_markers_and_base_with_the_network_blocked(browser, tmp_path):
    path = write_map(incident_map(_incidents()), tmp_path / "default.html")
    page, events = _open(browser, path)
    try:
        page.wait_for_function("!gkMaps[0].tilesLoading()", timeout=10000)
        page.wait_for_selector(".marker-cluster", timeout=5000)
        assert events["external"], "the default page asks for tiles"
        assert all(url.startswith("https://tile.openstreetmap.org/") for url in events["external"])
        assert page.evaluate(
            "[...document.querySelectorAll('.leaflet-tile')]"
            ".every(t => t.style.visibility === 'hidden')"
        )
        assert page.locator(".leaflet-gkOutline-pane path").count() >= 1  # countries
        assert page.locator(".gk-place-label").first.is_visible()
        page.evaluate("gkMaps[0].map.setView([39.76, 46.75], 15, {animate: false})")
        page.wait_for_timeout(300)
        assert _reddish(_pixels(page, 39.76, 46.75, 6)) > 50  # the landmine's marker is drawn
        assert events["errors"] == [] and events["dialogs"] == []
    finally:
        page.close()


def test_tiles_that_load_cover_the_base_and_its_labels(browser, tmp_path):
    from io import BytesIO

    from PIL import Image

    tile = BytesIO()
    Image.new("RGB", (256, 256), (40, 200, 90)).save(tile, format="PNG")
    path = write_map(incident_map(_incidents()), tmp_path / "tiles.html")
    page, events = _open(browser, path, tile=tile.getvalue())
    try:
        page.wait_for_function("!gkMaps[0].tilesLoading()", timeout=10000)
        page.wait_for_timeout(400)  # the tiles' fade-in
        assert page.evaluate("gkMaps[0].map.getContainer().classList.contains('gk-tiles-live')")
        assert not page.locator(".gk-place-label").first.is_visible()
        screen = Image.open(BytesIO(page.screenshot())).convert("RGB")
        _, commonest = max(screen.getcolors(1 << 20))
        assert commonest == (40, 200, 90)  # the tiles, not the vector base, fill the map
        assert events["external"] == []
    finally:
        page.close()


def test_a_district_level_incident_looks_different_and_its_popup_says_why(browser, tmp_path):
    rows = [
        {
            "id": "exact",
            "date": "2021-05-01",
            "type": "landmine",
            "place": "Shusha",
            "geo_precision": 1,
            "killed": 5,
            "geometry": Point(46.75, 39.76),
        },
        {
            "id": "district",
            "date": "2021-05-02",
            "type": "landmine",
            "place": "Lachin district",
            "geo_precision": 3,
            "killed": 5,
            "geo_warning": "coordinates 30 km from Lachin district",
            "geometry": Point(46.25, 40.05),
        },
    ]
    gdf = gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")
    page, events = _open(
        browser, write_map(incident_map(gdf, tiles="none", risk_belt=True), tmp_path / "p.html")
    )
    try:
        looks = {}
        for name, lat, lon in (("exact", 39.76, 46.75), ("district", 40.05, 46.25)):
            page.evaluate(f"gkMaps[0].map.setView([{lat}, {lon}], 15, {{animate: false}})")
            page.wait_for_timeout(300)
            looks[name] = (
                _reddish(_pixels(page, lat, lon, 4)),
                _reddish(_pixels(page, lat, lon, 12)),
            )
        assert looks["exact"][0] > 40  # filled
        assert looks["district"][0] == 0 and looks["district"][1] > 20  # hollow: a ring only
        point = page.evaluate("""() => {
            const map = gkMaps[0].map, p = map.latLngToContainerPoint([40.05, 46.25]);
            const box = map.getContainer().getBoundingClientRect();
            return [p.x + box.left, p.y + box.top]; }""")
        page.mouse.click(point[0], point[1])
        popup = page.locator(".leaflet-popup-content")
        popup.wait_for(timeout=5000)
        text = popup.inner_text()
        assert "only the district or region is known: drawn hollow" in text
        assert "coordinates 30 km from Lachin district" in text
        # the exact one lies 1.6 km from the 2020 line, in the shaded belt: clicks still reach it
        page.evaluate(
            "gkMaps[0].map.closePopup(); "
            "gkMaps[0].map.setView([39.76, 46.75], 15, {animate: false})"
        )
        page.wait_for_timeout(300)
        point = page.evaluate("""() => {
            const map = gkMaps[0].map, p = map.latLngToContainerPoint([39.76, 46.75]);
            const box = map.getContainer().getBoundingClientRect();
            return [p.x + box.left, p.y + box.top]; }""")
        page.mouse.click(point[0], point[1])
        page.locator(".leaflet-popup-content", has_text="the place itself").wait_for(timeout=5000)
        assert events["external"] == [] and events["errors"] == []
    finally:
        page.close()


def test_histogram_and_play_button_move_the_filter_and_the_lines(loaded):
    page, _ = loaded
    bars = page.locator(".gk-histogram .gk-bar")
    assert bars.count() == 28  # 2021-06 .. 2023-09, one bar a month
    assert bars.first.get_attribute("title") == "2021-06: 1 incident"
    blockade = """() => { let opacity = null;
        gkMaps[0].map.eachLayer(l => { if (l.feature && /Blockade/.test(l.feature.properties.name))
            opacity = l._path.getAttribute('stroke-opacity'); });
        return opacity; }"""
    page.click(".gk-play")
    assert (
        page.locator(".gk-time-range").inner_text() == "2021-06-14 – 2021-06-30"
    )  # from the first day
    assert page.locator(".gk-time-count").inner_text() == "1 of 62 incidents"
    assert float(page.evaluate(blockade)) < 0.2  # the blockade began in December 2022: faded
    assert page.locator(".gk-bar-out").count() == 27
    page.wait_for_function(
        "document.querySelector('.gk-time-range').textContent.startsWith('2021-07')", timeout=3000
    )  # the next month
    page.click(".gk-play")  # pause
    page.wait_for_timeout(1200)
    assert page.locator(".gk-time-range").inner_text().startswith("2021-07")
    bars.nth(19).click()  # 2023-01: the blockade stood
    assert page.locator(".gk-time-range").inner_text() == "2023-01-01 – 2023-01-31"
    assert float(page.evaluate(blockade)) == 1
    page.evaluate("gkMaps[0].time.setRange(gkMaps[0].time._first, gkMaps[0].time._last)")
    assert page.locator(".gk-bar-out").count() == 0


def test_phone_sized_screen_folds_legend_and_time_filter_and_popups_fit(browser, tmp_path):
    path = write_map(incident_map(_incidents(), tiles="none"), tmp_path / "phone.html")
    page = browser.new_page(viewport={"width": 360, "height": 640})
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
    try:
        page.goto(path.as_uri())
        page.wait_for_function("window.gkReady === true", timeout=20000)
        legend, time = page.locator(".gk-legend"), page.locator(".gk-time")
        assert legend.bounding_box()["height"] < 50 and time.bounding_box()["height"] < 50
        assert not page.locator(".gk-histogram").is_visible()
        legend.locator(".gk-fold").click()
        assert page.locator(".gk-legend h2", has_text="How sure the location is").is_visible()
        shown = legend.bounding_box()
        assert (
            shown["x"] >= 0 and shown["x"] + shown["width"] <= 360 and shown["height"] < 640 * 0.5
        )
        legend.locator(".gk-fold").click()
        time.locator(".gk-fold").click()
        assert page.locator(".gk-histogram").is_visible()
        page.evaluate(
            """() => { const api = gkMaps[0], marker = api.incidents.markerOf("hostile");
            api.map.setView(marker.getLatLng(), 15, {animate: false}); """
            "api.incidents.openPopup(marker); }"
        )
        box = page.locator(".leaflet-popup").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    finally:
        page.close()


def test_an_incident_of_unknown_date_shows_in_every_range_and_says_so(browser, tmp_path):
    """An extracted report whose text gives no year keeps an empty date: the page draws it
    whatever the time filter, leaves it out of the per-month bars and says "date unknown"."""
    frame = _incidents().iloc[:2].copy()
    frame.loc[1, ["date", "date_precision"]] = None
    page, events = _open(browser, write_map(incident_map(frame, offline=True), tmp_path / "u.html"))
    shown = page.evaluate("""() => {
        const api = gkMaps[0], day = Date.UTC(2021, 5, 14) / 864e5;
        api.incidents.setRange(day + 1, day + 1);
        return [api.incidents.indices, api.incidents.popupContent(1).textContent,
                api.incidents.data.day];
    }""")
    assert shown[0] == [1] and "date unknown" in shown[1] and shown[2][1] is None
    assert page.locator(".gk-histogram .gk-bar").count() == 1
    assert page.locator(".gk-histogram .gk-bar").first.get_attribute("title") == (
        "2021-06: 1 incident"
    )
    assert not events["errors"] and not events["external"]
    page.close()
