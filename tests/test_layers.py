"""Reference layers: GeoJSON validity, dates switching on the day, and the cited facts."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import geopandas as gpd
import jsonschema
import numpy as np
import pytest
import shapely
from pyproj import Geod, Transformer
from shapely.geometry import LineString, Point

from geokarabakh import InvalidInput
from geokarabakh.layers import CONTEXT_KINDS, layers_at, load_layers

LAYERS = Path(__file__).resolve().parent.parent / "gazetteer" / "layers"
FILES = sorted(LAYERS.glob("*.geojson"))
TO_UTM = Transformer.from_crs("EPSG:4326", "EPSG:32638", always_xy=True)
with (LAYERS / "vertices.csv").open(encoding="utf-8") as handle:
    ROWS = list(csv.DictReader(handle))
PLACES = {row["key"]: (float(row["lon"]), float(row["lat"])) for row in ROWS}
NKAO_SIDES = {row["key"]: row["nkao_1923_1991"] for row in ROWS if row["nkao_1923_1991"]}
NKAO_AREA_KM2 = 4388  # a.osmarks.net/content/wikipedia_en_all_maxi_2020-08/A/Nagorno-Karabakh_Autonomous_Oblast

POSITION = {"type": "array", "minItems": 2, "maxItems": 3, "prefixItems": [
    {"type": "number", "minimum": -180, "maximum": 180}, {"type": "number", "minimum": -90, "maximum": 90}]}
LINE = {"type": "array", "minItems": 2, "items": POSITION}
RING = {"type": "array", "minItems": 4, "items": POSITION}
GEOMETRY = {"oneOf": [
    {"properties": {"type": {"const": "Point"}, "coordinates": POSITION}},
    {"properties": {"type": {"const": "LineString"}, "coordinates": LINE}},
    {"properties": {"type": {"const": "MultiLineString"}, "coordinates": {"type": "array", "items": LINE}}},
    {"properties": {"type": {"const": "Polygon"}, "coordinates": {"type": "array", "items": RING}}},
    {"properties": {"type": {"const": "MultiPolygon"},
                    "coordinates": {"type": "array", "items": {"type": "array", "items": RING}}}},
], "required": ["type", "coordinates"], "type": "object"}
DATE = {"oneOf": [{"type": "null"}, {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}]}
SCHEMA = {
    "type": "object", "required": ["type", "features"], "not": {"required": ["crs"]},
    "properties": {"type": {"const": "FeatureCollection"}, "features": {"type": "array", "minItems": 1, "items": {
        "type": "object", "required": ["type", "properties", "geometry"],
        "properties": {"type": {"const": "Feature"}, "geometry": GEOMETRY, "properties": {
            "type": "object", "required": ["name", "kind", "valid_from", "valid_to", "source", "accuracy"],
            "properties": {"name": {"type": "string", "minLength": 3}, "kind": {"type": "string"},
                           "valid_from": DATE, "valid_to": DATE,
                           "source": {"type": "string", "minLength": 10},
                           "accuracy": {"type": "string", "minLength": 10}}}}}}},
}


def at(key: str) -> Point:
    return Point(*PLACES[key])


def layer(kind: str, day: str) -> shapely.Geometry:
    rows = layers_at(day)
    rows = rows[rows["kind"] == kind]
    assert len(rows) == 1, f"{len(rows)} {kind} layers on {day}"
    return rows.geometry.iloc[0]


def utm(geometry: shapely.Geometry) -> shapely.Geometry:
    return shapely.transform(geometry, lambda xy: np.column_stack(TO_UTM.transform(xy[:, 0], xy[:, 1])))


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_every_layer_is_rfc7946_and_reads_back(path: Path) -> None:
    collection = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.validate(collection, SCHEMA)
    frame = gpd.read_file(path)
    assert len(frame) == len(collection["features"])
    assert frame.geometry.is_valid.all() and not frame.geometry.is_empty.any()
    for geometry in frame.geometry:  # RFC 7946: exterior rings counter-clockwise
        for polygon in getattr(geometry, "geoms", [geometry]):
            if polygon.geom_type == "Polygon":
                assert polygon.exterior.is_ccw
    dated = frame[~frame["kind"].isin(CONTEXT_KINDS)]
    assert dated["accuracy"].str.contains("pproximate").all()


def test_every_dated_layer_has_a_start_before_its_end() -> None:
    frame = load_layers()
    dated = frame[~frame["kind"].isin(CONTEXT_KINDS)]
    assert dated["valid_from"].map(lambda d: isinstance(d, dt.date)).all()
    assert all(end is None or start < end for start, end in zip(dated.valid_from, dated.valid_to))


@pytest.mark.parametrize(("day", "present", "absent"), [
    ("1994-05-11", set(), {"line_of_contact", "control_area"}),
    ("1994-05-12", {"line_of_contact", "control_area"}, {"ceasefire_line"}),
    ("2020-11-09", {"line_of_contact"}, {"ceasefire_line", "peacekeeping_zone", "corridor"}),
    ("2020-11-10", {"ceasefire_line", "peacekeeping_zone", "corridor"}, {"line_of_contact"}),
    ("2022-08-25", {"corridor"}, set()),
    ("2022-08-26", set(), {"corridor", "corridor_road"}),
    ("2022-08-30", {"corridor"}, {"blockade_point"}),
    ("2022-12-12", {"blockade_point"}, {"checkpoint"}),
    ("2023-04-22", {"blockade_point"}, {"checkpoint"}),
    ("2023-04-23", {"checkpoint", "ceasefire_line"}, set()),
    ("2023-09-20", {"checkpoint", "peacekeeping_zone"}, {"ceasefire_line", "blockade_point"}),
    ("2024-06-12", {"checkpoint"}, {"peacekeeping_zone", "corridor"}),
])
def test_layers_switch_exactly_on_their_dates(day: str, present: set, absent: set) -> None:
    kinds = set(layers_at(day)["kind"])
    assert present <= kinds
    assert not absent & kinds
    assert CONTEXT_KINDS <= kinds


def test_the_corridor_changes_route_on_30_august_2022() -> None:
    before, after = layer("corridor", "2022-08-25"), layer("corridor", "2022-08-30")
    assert "original" in layers_at("2022-08-25").query("kind == 'corridor'").name.iloc[0]
    assert "new" in layers_at("2022-08-30").query("kind == 'corridor'").name.iloc[0]
    assert before.contains(at("lachin")) and not after.contains(at("lachin"))
    assert before.contains(at("sus")) and not after.contains(at("sus"))
    assert after.contains(at("mets_shen"))


def test_a_date_outside_every_range_gives_only_context() -> None:
    assert set(layers_at("1990-01-01")["kind"]) == {"border", "country", "nkao_outline"}
    assert set(layers_at(dt.datetime(1980, 5, 1, 12))["kind"]) == {"border", "country", "nkao_outline"}


@pytest.mark.parametrize("bad", ["2021-13-01", "yesterday", "", "2021/06/01"])
def test_a_bad_date_is_a_clear_error(bad: str) -> None:
    with pytest.raises(InvalidInput, match="ISO date"):
        layers_at(bad)


def test_the_1994_line_runs_about_200_km_from_the_armenian_border_to_the_araz() -> None:
    line = layer("line_of_contact", "2000-01-01")
    assert 180 <= utm(line).length / 1000 <= 215
    countries = load_layers().query("kind == 'country'").set_index("name").geometry
    start, end = Point(line.coords[0]), Point(line.coords[-1])
    assert countries["Armenia"].distance(start) < 1e-3
    assert countries["Iran"].distance(end) < 1e-3


@pytest.mark.parametrize(("key", "held"), [
    ("talish", True), ("madagiz", True), ("goyarkh", True), ("chilaburt", True), ("martakert", True),
    ("aghdam", True), ("marzili", True), ("fuzuli", True), ("kurdlar", True), ("khankendi", True),
    ("lachin", True), ("jabrayil", True),
    ("horadiz", False), ("tartar", False), ("chayli", False), ("shikharkh", False), ("guzanli", False),
    ("mirashelli", False), ("alkhanli", False), ("ashaghi_aghjakand", False),
])
def test_sides_of_the_1994_line(key: str, held: bool) -> None:
    assert layer("control_area", "2000-01-01").contains(at(key)) is held


@pytest.mark.parametrize("key", ["goyarkh", "chilaburt", "chayli", "yusifjanli", "marzili", "talish",
                                 "alkhanli", "kurdlar"])
def test_frontline_villages_lie_near_the_1994_line(key: str) -> None:
    assert utm(layer("line_of_contact", "2000-01-01")).distance(utm(at(key))) < 8000


@pytest.mark.parametrize(("key", "inside"), [
    ("khankendi", True), ("askeran", True), ("khojavend", True), ("martakert", True),
    ("goyarkh", True), ("chilaburt", True), ("shosh", True),
    ("shusha", False), ("hadrut", False), ("talish", False), ("madagiz", False), ("aghdam", False),
    ("qizil_kangarli", False), ("yukhari_veysalli", False), ("lachin", False),
])
def test_the_2020_peacekeeping_area(key: str, inside: bool) -> None:
    zone = layer("peacekeeping_zone", "2021-06-01")
    assert zone.contains(at(key)) is inside
    assert zone.exterior.equals(layer("ceasefire_line", "2021-06-01"))


@pytest.mark.parametrize("day", ["2021-06-01", "2023-01-01"])
def test_the_corridor_is_5_km_wide_wherever_it_is_measured(day: str) -> None:
    road, corridor = utm(layer("corridor_road", day)), utm(layer("corridor", day))
    coords = np.asarray(road.coords)
    widths = []
    for a, b in zip(coords[:-1], coords[1:]):
        length = np.hypot(*(b - a))
        if length < 6000:
            continue
        for fraction in (0.4, 0.5, 0.6):
            centre = a + (b - a) * fraction
            normal = np.array([-(b - a)[1], (b - a)[0]]) / length
            probe = LineString([centre - normal * 8000, centre + normal * 8000])
            pieces = shapely.intersection(probe, corridor)
            piece = min(getattr(pieces, "geoms", [pieces]), key=lambda g: g.distance(Point(centre)))
            widths.append(piece.length)
    assert len(widths) >= 6
    assert np.allclose(widths, 5000, rtol=0.03), widths


def test_shusha_is_not_in_either_corridor() -> None:
    for day in ("2021-06-01", "2023-01-01"):
        assert not layer("corridor", day).contains(at("shusha"))


def test_checkpoint_and_blockade_point_lie_on_the_new_road() -> None:
    road = utm(layer("corridor_road", "2023-05-01"))
    assert road.distance(utm(layer("checkpoint", "2023-05-01"))) < 10
    assert road.distance(utm(layer("blockade_point", "2023-05-01"))) < 10


def test_cli_writes_the_layers_of_a_day_and_lists_them(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from geokarabakh.cli import app

    target = tmp_path / "layers.geojson"
    result = CliRunner().invoke(app, ["layers", "--date", "2021-06-01", "-o", str(target)])
    assert result.exit_code == 0, result.output
    written = gpd.read_file(target)
    assert set(written["kind"]) == set(layers_at("2021-06-01")["kind"])
    assert [p.name for p in tmp_path.iterdir()] == ["layers.geojson"]  # no temporary left
    listing = CliRunner().invoke(app, ["layers", "--list"])
    assert listing.exit_code == 0 and "line_of_contact" in listing.output and "1994-05-12" in listing.output


def test_cli_bad_date_is_one_error_line_and_exit_2(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from geokarabakh.cli import app

    target = tmp_path / "layers.geojson"
    result = CliRunner().invoke(app, ["layers", "--date", "2021-02-30", "-o", str(target)])
    assert result.exit_code == 2
    assert "not an ISO date" in result.output and len(result.output.strip().splitlines()) == 1
    assert not target.exists()


def nkao() -> shapely.Geometry:
    rows = load_layers().query("kind == 'nkao_outline'")
    assert len(rows) == 1
    return rows.geometry.iloc[0]


@pytest.mark.parametrize("day", ["1900-01-01", "1923-07-06", "1923-07-07", "1991-11-25", "1991-11-26",
                                 "2000-01-01", "2021-06-01", "2030-01-01"])
def test_the_nkao_outline_is_context_returned_on_every_date(day: str) -> None:
    rows = layers_at(day).query("kind == 'nkao_outline'")
    assert len(rows) == 1 and rows.geometry.iloc[0].equals(nkao())
    assert (rows.valid_from.iloc[0], rows.valid_to.iloc[0]) == (dt.date(1923, 7, 7), dt.date(1991, 11, 26))


def test_the_nkao_outline_covers_about_the_cited_4388_km2() -> None:
    geodesic_km2 = abs(Geod(ellps="WGS84").geometry_area_perimeter(nkao())[0]) / 1e6
    assert abs(geodesic_km2 / NKAO_AREA_KM2 - 1) < 0.15, geodesic_km2
    assert f"{geodesic_km2:.0f} km2" in load_layers().query("kind == 'nkao_outline'").accuracy.iloc[0]


@pytest.mark.parametrize(("key", "inside"), [
    ("shusha", True), ("khankendi", True), ("hadrut", True), ("martakert", True), ("askeran", True),
    ("khojavend", True), ("talish", True), ("charektar", True),
    ("lachin", False), ("kalbajar", False), ("aghdam", False), ("fuzuli", False), ("tartar", False),
    ("goris", False), ("ashaghi_aghjakand", False), ("dadivank", False),
])
def test_places_inside_and_outside_the_nkao(key: str, inside: bool) -> None:
    assert nkao().contains(at(key)) is inside
    assert NKAO_SIDES[key] == ("in" if inside else "out")


def test_every_vertex_marked_for_the_nkao_lies_on_its_side() -> None:
    assert len(NKAO_SIDES) >= 30
    wrong = [key for key, side in NKAO_SIDES.items() if nkao().contains(at(key)) != (side == "in")]
    assert not wrong


def test_the_nkao_was_an_enclave_joined_to_armenia_by_the_lachin_corridor() -> None:
    armenia = load_layers().query("kind == 'country' and name == 'Armenia'").geometry.iloc[0]
    assert utm(nkao()).distance(utm(armenia)) > 3000
    for day in ("2021-06-01", "2023-01-01"):
        corridor = layer("corridor", day)
        assert corridor.intersects(nkao()) and utm(corridor).distance(utm(armenia)) < 10
