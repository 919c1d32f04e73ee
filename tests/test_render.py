"""incident_map: escaping, offline self-containment, legend, layers by date, CLI (no browser)."""

from __future__ import annotations

import base64
import gzip
import json
import re

import geopandas as gpd
import pytest
from shapely.geometry import LineString, Point
from typer.testing import CliRunner

import geokarabakh as gk
from geokarabakh.cli import app
from geokarabakh.render import incident_map, write_map

HOSTILE = (
    "<script>window.__pwned=1</script> <img src=x onerror=alert(1)> `tick` "
    "${document.title} {{ 7*7 }} {% if 1 %}x{% endif %} \u2028 </script><b>"
)


def incidents(**extra) -> gpd.GeoDataFrame:
    rows = [
        {
            "id": "a",
            "date": "2020-11-23",
            "date_precision": "day",
            "type": "landmine",
            "place": "Tartar district",
            "place_resolved": "Tartar District",
            "geo_precision": 3,
            "killed": 1,
            "injured": 5,
            "source": "https://example.org/a",
            "notes": "officer killed",
            "geometry": Point(46.93, 40.34),
        },
        {
            "id": "hostile",
            "date": "2021-06-01",
            "date_precision": "month",
            "type": "shelling",
            "place": HOSTILE,
            "place_resolved": "Shusha",
            "geo_precision": 1,
            "killed": None,
            "injured": 2,
            "source": "javascript:alert(2)",
            "notes": HOSTILE,
            "geometry": Point(46.75, 39.76),
        },
        {
            "id": "c",
            "date": "2023-09-19",
            "date_precision": "day",
            "type": "<i>odd type</i>",
            "place": "Khojavend",
            "place_resolved": None,
            "geo_precision": 3,
            "killed": 6,
            "injured": 0,
            "source": "news",
            "notes": None,
            "geometry": Point(47.0, 39.7),
        },
        {
            "id": "nowhere",
            "date": "2022-01-01",
            "date_precision": "year",
            "type": "landmine",
            "place": "unknown",
            "place_resolved": None,
            "geo_precision": None,
            "killed": 0,
            "injured": 0,
            "source": None,
            "notes": None,
            "geometry": None,
        },
    ]
    for row in rows:
        row.update(extra)
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")


def page(m) -> str:
    return m.get_root().render()


def payload(text: str) -> dict:
    found = re.search(
        r'<script type="application/octet-stream" id="\w+_incidents">(.*?)</script>', text, re.S
    )
    assert found, "no embedded incident data"
    return json.loads(gzip.decompress(base64.b64decode(found[1])))


def value(column: dict, i: int):
    code = column["c"][i] if "c" in column else i
    return None if code < 0 else column["v"][code]


def test_hostile_text_never_reaches_the_page_raw():
    text = page(incident_map(incidents(), offline=True))
    for raw in ("<script>window.__pwned", "<img src=x", "</script><b>", "\u2028", "<i>odd type"):
        assert raw not in text
    data = payload(text)
    position = [value(data["id"], i) for i in range(len(data["lat"]))].index("hostile")
    assert value(data["notes"], position) == HOSTILE  # intact: no template evaluation either
    assert value(data["place"], position) == HOSTILE
    assert "&lt;i&gt;odd type&lt;/i&gt;" in text  # the legend escapes type names


def test_offline_page_is_self_contained():
    text = page(incident_map(incidents(), offline=True))
    assert not re.search(r"<script[^>]*\bsrc=", text)
    assert not re.search(r"<link[^>]*\bhref=", text)
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", text)
    assert "tile.openstreetmap" not in text and "arcgisonline" not in text
    assert "L.markerClusterGroup" in text and "GK.outline(" in text
    assert "sourceMappingURL" not in text


def test_default_page_inlines_its_scripts_and_puts_tiles_over_the_vector_base():
    text = page(incident_map(incidents()))
    assert "tile.openstreetmap.org" in text and "World_Imagery" in text
    assert not re.search(r"<script[^>]*\bsrc=", text)  # works with no network
    assert not re.search(r"<link[^>]*\bhref=", text)
    assert "L.markerClusterGroup" in text and "GK.outline(" in text
    assert "bootstrap" not in text  # folium's unused defaults are dropped
    assert "OpenStreetMap" in text and "GeoNames" in text
    shown = re.findall(r"var (gk_layer_\w+) = GK\.tiles\(\"([^\"]+)\"", text)
    added = {name for name, _ in shown if f"{name}.addTo(" in text}
    assert [url for name, url in shown if name in added] == [
        "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    ]
    satellite = page(incident_map(incidents(), tiles="satellite"))
    shown = re.findall(r"var (gk_layer_\w+) = GK\.tiles\(\"([^\"]+)\"", satellite)
    assert [url for name, url in shown if f"{name}.addTo(" in satellite] == [
        "https://server.arcgisonline.com/ArcGIS/rest/services/World_Imagery/MapServer/tile/{z}/{y}/{x}"
    ]


@pytest.mark.parametrize(
    "options", [{"tiles": "none"}, {"offline": True}, {"tiles": "satellite", "offline": True}]
)
def test_no_tiles_page_asks_no_server(options):
    text = page(incident_map(incidents(), **options))
    assert (
        "GK.tiles(" not in text and "tile.openstreetmap" not in text and "arcgisonline" not in text
    )


def test_unknown_tiles_name_the_choices():
    with pytest.raises(gk.InvalidInput, match="'tiles'.*options are: osm, satellite, none"):
        incident_map(incidents(), tiles="google")
    result = CliRunner().invoke(app, ["map", "--tiles", "google", "-o", "never.html"])
    assert result.exit_code == 2 and "osm, satellite, none" in result.output


def test_legend_says_how_sure_each_location_is():
    text = page(incident_map(incidents()))
    legend = re.search(r'<div id="\w+_legend" class="gk-legend.*?</div></div>', text, re.S)[0]
    assert "How sure the location is" in legend
    for css, meaning in (
        ("gk-p1", "the place itself"),
        ("gk-p2", "near the place"),
        ("gk-p3", "only the district or region"),
    ):
        assert re.search(rf'<span class="gk-dot {css}"></span>[^<]*{meaning}', legend)
    assert "approximate, a few km off" in legend


def test_payload_columns_and_unmapped_count():
    m = incident_map(incidents(), title="Mines & <shells>")
    text = page(m)
    data = payload(text)
    assert len(data["lat"]) == 3  # the row without a location is counted, not drawn
    assert "1 without a location not shown" in text
    assert "<title>Mines &amp; &lt;shells&gt;</title>" in text
    ids = [value(data["id"], i) for i in range(3)]
    assert ids == ["a", "hostile", "c"]
    assert data["killed"] == [1, None, 6] and data["injured"] == [5, 2, 0]
    assert data["radius"][0] > data["radius"][1] > 0
    assert value(data["date_precision"], 1) == "month"
    assert "Tartar" in value(data["names"], 0) and "Тертер" in value(data["names"], 0)
    assert value(data["resolved"], 0).startswith("Tartar District (district")
    colors = {value(data["type"], i): data["colors"][data["type"]["c"][i]] for i in range(3)}
    assert len(set(colors.values())) == 3


def test_legend_lists_types_sizes_and_reference_layers():
    text = page(incident_map(incidents(), offline=True))
    legend = re.search(r'<div id="\w+_legend" class="gk-legend.*?</div></div>', text, re.S)
    assert legend
    for needle in (
        "landmine",
        "shelling",
        "Killed + injured",
        "Line of contact 2020-2023",
        "Reference layers (approximate)",
    ):
        assert needle in legend[0]


def test_reference_layers_follow_the_date_range():
    early = page(incident_map(incidents(date="2000-05-01")))
    assert "Line of contact 1994-2020" in early
    assert "Line of contact 2020-2023" not in early
    late = page(incident_map(incidents(), start="2021-01-01", end="2021-12-31"))
    assert "Line of contact 2020-2023" in late
    assert "Line of contact 1994-2020" in late  # the old minefields' line is always drawn
    assert "Blockade of the Lachin road" not in late  # 2022-12-12 on: outside the range
    assert len(payload(late)["lat"]) == 1
    # of the area held on each day, only the periods of the range are drawn
    assert "2020-12-01 \u2013 2022-08-26" in late and "2016-04-02 \u2013 2020-09-27" not in late
    assert "1994-05-12 \u2013 2016-04-02" in early and "2016-04-02 \u2013 2020-09-27" not in early
    assert "2020-12-01 \u2013 2022-08-26" not in early


def test_custom_reference_layers_are_labelled_with_dates_and_approximate():
    layer = gpd.GeoDataFrame(
        [
            {
                "name": "Test {{ line }}",
                "kind": "line_of_contact",
                "valid_from": "2020-01-01",
                "valid_to": None,
                "source": "mine",
                "accuracy": "rough",
                "geometry": LineString([(46.5, 39.5), (47.0, 40.0)]),
            }
        ],
        crs="EPSG:4326",
    )
    text = page(incident_map(incidents(), reference=layer))
    # the layer control's label (JSON in the page); no brace reaches folium's second template pass
    label = json.loads(re.search(r'^\s*("[^\n]*Test [^\n]*") : ', text, re.M)[1])
    assert (
        label.split("</span> ")[1]
        == "Test &#123;&#123; line &#125;&#125; (approximate) · from 2020-01-01"
    )


def test_bad_input_gets_clear_errors():
    with pytest.raises(gk.InvalidInput, match="start"):
        incident_map(incidents(), start="23/11/2020")
    with pytest.raises(gk.InvalidInput, match="after end"):
        incident_map(incidents(), start="2022-01-01", end="2021-01-01")
    with pytest.raises(gk.InvalidInput, match=r"row 2.*'date'"):
        incident_map(incidents().assign(date=["2020-01-01", "soon", "2020-01-02", "2020-01-03"]))
    with pytest.raises(gk.InvalidInput, match="GeoDataFrame"):
        incident_map([{"date": "2020-01-01"}])


def test_empty_range_still_makes_a_map():
    text = page(incident_map(incidents(), start="2010-01-01", end="2010-12-31"))
    assert payload(text)["lat"] == [] and "0 incidents" in text


def test_projected_input_is_reprojected():
    projected = incidents().to_crs("EPSG:32638")
    data = payload(page(incident_map(projected)))
    assert data["lon"][0] == pytest.approx(46.93, abs=1e-4)
    assert data["lat"][0] == pytest.approx(40.34, abs=1e-4)


def test_write_map_is_atomic(tmp_path, monkeypatch):
    target = tmp_path / "map.html"
    target.write_text("old")
    m = incident_map(incidents())
    monkeypatch.setattr(type(m.get_root()), "render", lambda self, **kw: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        write_map(m, target)
    assert target.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["map.html"]


def test_cli_map_sample_and_errors(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(app, ["map", "--offline", "--from", "2021-01-01"])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "karabakh-incidents.html").read_text(encoding="utf-8")
    days = payload(text)["day"]
    assert days and min(days) >= 18628  # 2021-01-01
    bad = runner.invoke(app, ["map", "--from", "yesterday", "-o", "x.html"])
    assert bad.exit_code == 2 and "start" in bad.output and not (tmp_path / "x.html").exists()
    missing = runner.invoke(app, ["map", "nope.csv"])
    assert missing.exit_code == 2


def test_offline_labels_show_both_administrations_names():
    from geokarabakh.render import _map_label

    gaz = gk.Gazetteer.default()
    assert _map_label(gaz.resolve("Khankendi")) == "Khankendi / Stepanakert"
    assert _map_label(gaz.resolve("Khojavend")) == "Khojavend / Martuni"
    assert _map_label(gaz.resolve("Shusha")) == "Shusha"  # Shushi is the same name
    assert _map_label(gaz.resolve("Tartar")) == "Tartar"  # never under two administrations
    assert _map_label(gaz.resolve("Goris")) == "Goris"
    # issue 14: the place's own Armenian name, not GeoNames' abbreviations or old names
    assert _map_label(gaz.resolve("Aghdam")) == "Aghdam / Akna"
    assert _map_label(gaz.resolve("Qubadli")) == "Gubadli / Kashunik"
    assert _map_label(gaz.resolve("Martakert")) == "Aghdara / Martakert"
    assert "Berdaygi" not in _map_label(gaz.resolve("Askeran"))


def test_too_many_incidents_for_one_page_say_so(monkeypatch):
    from geokarabakh import render

    monkeypatch.setattr(render, "PAGE_LIMIT", 2)
    with pytest.warns(UserWarning, match="3 incidents make a page that is slow.*GeoParquet"):
        incident_map(incidents())


def test_risk_belt_layer_and_its_shares_only_when_asked():
    assert "Mine-risk belt" not in page(incident_map(incidents()))
    text = page(incident_map(incidents(), risk_belt=True))
    legend = re.search(r'<div id="\w+_legend" class="gk-legend.*?</div></div>', text, re.S)[0]
    from geokarabakh.analysis import km_to_front

    km = km_to_front(incidents().dropna(subset=["geometry"]))
    for band, low, high in (
        ("0–2 km", 0, 2),
        ("2–5 km", 2, 5),
        ("5–10 km", 5, 10),
        ("over 10 km", 10, 1e9),
    ):
        n = int(((km >= low) & (km < high)).sum())
        assert f'{band}: {100 * n / 3:.0f}% <span class="gk-muted">({n} of 3)</span>' in legend
    assert '"interactive":false' in text  # the belt never takes clicks from the incidents


def test_an_unknown_date_is_drawn_in_any_range_and_listed_last():
    frame = incidents()
    frame.loc[0, ["date", "date_precision"]] = None
    data = payload(page(incident_map(frame, start="2021-01-01", end="2021-01-31")))
    assert data["day"][-1] is None and value(data["id"], len(data["day"]) - 1) == "a"
    with pytest.raises(gk.InvalidInput, match=r"row 1.*'date'"):
        incident_map(frame.assign(date=["soon", *frame["date"][1:]]))
