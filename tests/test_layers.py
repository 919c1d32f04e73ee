"""Reference layers: GeoJSON validity, dates switching on the day, and the cited facts."""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import json
import re
from pathlib import Path

import geopandas as gpd
import jsonschema
import numpy as np
import pytest
import shapely
import shapely.ops
from pyproj import Geod, Transformer
from shapely.geometry import LineString, Point

from geokarabakh import InvalidInput
from geokarabakh.layers import CONTEXT_KINDS, layers_at, load_layers

LAYERS = Path(__file__).resolve().parent.parent / "gazetteer" / "layers"
BUILD = LAYERS.parent / "build"  # the scripts that make the data (not shipped)
FILES = sorted(LAYERS.glob("*.geojson"))
TO_UTM = Transformer.from_crs("EPSG:4326", "EPSG:32638", always_xy=True)
with (LAYERS / "vertices.csv").open(encoding="utf-8") as handle:
    ROWS = list(csv.DictReader(handle))
PLACES = {row["key"]: (float(row["lon"]), float(row["lat"])) for row in ROWS}
with (LAYERS / "control_changes.csv").open(encoding="utf-8") as handle:
    CONTROL = list(csv.DictReader(handle))
PLACES |= {
    row["key"]: (float(row["lon"]), float(row["lat"]))
    for row in CONTROL
    if row["key"] not in PLACES
}
NKAO_SIDES = {row["key"]: row["nkao_1923_1991"] for row in ROWS if row["nkao_1923_1991"]}
NKAO_AREA_KM2 = (
    4388  # a.osmarks.net/content/wikipedia_en_all_maxi_2020-08/A/Nagorno-Karabakh_Autonomous_Oblast
)

POSITION = {
    "type": "array",
    "minItems": 2,
    "maxItems": 3,
    "prefixItems": [
        {"type": "number", "minimum": -180, "maximum": 180},
        {"type": "number", "minimum": -90, "maximum": 90},
    ],
}
LINE = {"type": "array", "minItems": 2, "items": POSITION}
RING = {"type": "array", "minItems": 4, "items": POSITION}
GEOMETRY = {
    "oneOf": [
        {"properties": {"type": {"const": "Point"}, "coordinates": POSITION}},
        {"properties": {"type": {"const": "LineString"}, "coordinates": LINE}},
        {
            "properties": {
                "type": {"const": "MultiLineString"},
                "coordinates": {"type": "array", "items": LINE},
            }
        },
        {
            "properties": {
                "type": {"const": "Polygon"},
                "coordinates": {"type": "array", "items": RING},
            }
        },
        {
            "properties": {
                "type": {"const": "MultiPolygon"},
                "coordinates": {"type": "array", "items": {"type": "array", "items": RING}},
            }
        },
    ],
    "required": ["type", "coordinates"],
    "type": "object",
}
DATE = {"oneOf": [{"type": "null"}, {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}]}
SCHEMA = {
    "type": "object",
    "required": ["type", "features"],
    "not": {"required": ["crs"]},
    "properties": {
        "type": {"const": "FeatureCollection"},
        "features": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["type", "properties", "geometry"],
                "properties": {
                    "type": {"const": "Feature"},
                    "geometry": GEOMETRY,
                    "properties": {
                        "type": "object",
                        "required": [
                            "name",
                            "kind",
                            "valid_from",
                            "valid_to",
                            "source",
                            "accuracy",
                        ],
                        "properties": {
                            "name": {"type": "string", "minLength": 3},
                            "kind": {"type": "string"},
                            "valid_from": DATE,
                            "valid_to": DATE,
                            "source": {"type": "string", "minLength": 10},
                            "accuracy": {"type": "string", "minLength": 10},
                        },
                    },
                },
            },
        },
    },
}


def at(key: str) -> Point:
    return Point(*PLACES[key])


def layer(kind: str, day: str) -> shapely.Geometry:
    rows = layers_at(day)
    rows = rows[rows["kind"] == kind]
    assert len(rows) == 1, f"{len(rows)} {kind} layers on {day}"
    return rows.geometry.iloc[0]


def utm(geometry: shapely.Geometry) -> shapely.Geometry:
    return shapely.transform(
        geometry, lambda xy: np.column_stack(TO_UTM.transform(xy[:, 0], xy[:, 1]))
    )


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
    assert all(
        end is None or start < end
        for start, end in zip(dated.valid_from, dated.valid_to, strict=False)
    )


@pytest.mark.parametrize(
    ("day", "present", "absent"),
    [
        ("1994-05-11", set(), {"line_of_contact", "control_area"}),
        ("1994-05-12", {"line_of_contact", "control_area"}, {"ceasefire_line"}),
        ("2020-11-09", {"line_of_contact"}, {"ceasefire_line", "peacekeeping_zone", "corridor"}),
        ("2020-11-10", {"ceasefire_line", "peacekeeping_zone", "corridor"}, {"line_of_contact"}),
        ("2022-08-25", {"corridor"}, set()),
        ("2022-08-26", set(), {"corridor", "corridor_road"}),
        ("2022-08-30", {"corridor"}, {"blockade_point"}),
        ("2022-12-12", {"blockade_point"}, {"checkpoint"}),
        ("2023-04-22", {"blockade_point"}, {"checkpoint"}),
        ("2023-04-23", {"checkpoint", "ceasefire_line", "blockade_point"}, set()),
        ("2023-04-28", {"checkpoint", "blockade_point"}, set()),  # suspended from 18:00 that day
        ("2023-04-29", {"checkpoint"}, {"blockade_point"}),
        ("2023-05-15", {"checkpoint", "corridor"}, {"blockade_point"}),
        ("2023-09-20", {"checkpoint", "peacekeeping_zone"}, {"ceasefire_line", "blockade_point"}),
        ("2024-06-12", {"checkpoint"}, {"peacekeeping_zone", "corridor"}),
    ],
)
def test_layers_switch_exactly_on_their_dates(day: str, present: set, absent: set) -> None:
    kinds = set(layers_at(day)["kind"])
    assert present <= kinds
    assert not absent & kinds
    assert kinds >= CONTEXT_KINDS


def test_the_corridor_changes_route_on_30_august_2022() -> None:
    before, after = layer("corridor", "2022-08-25"), layer("corridor", "2022-08-30")
    assert "original" in layers_at("2022-08-25").query("kind == 'corridor'").name.iloc[0]
    assert "new" in layers_at("2022-08-30").query("kind == 'corridor'").name.iloc[0]
    assert before.contains(at("lachin")) and not after.contains(at("lachin"))
    assert before.contains(at("sus")) and not after.contains(at("sus"))
    assert after.contains(at("mets_shen"))


def test_a_date_outside_every_range_gives_only_context() -> None:
    assert set(layers_at("1990-01-01")["kind"]) == {"border", "country", "nkao_outline"}
    assert set(layers_at(dt.datetime(1980, 5, 1, 12))["kind"]) == {
        "border",
        "country",
        "nkao_outline",
    }


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


@pytest.mark.parametrize(
    ("key", "held"),
    [
        ("talish", True),
        ("madagiz", True),
        ("goyarkh", True),
        ("chilaburt", True),
        ("martakert", True),
        ("aghdam", True),
        ("marzili", True),
        ("fuzuli", True),
        ("kurdlar", True),
        ("khankendi", True),
        ("lachin", True),
        ("jabrayil", True),
        ("horadiz", False),
        ("tartar", False),
        ("chayli", False),
        ("shikharkh", False),
        ("guzanli", False),
        ("alkhanli", False),
        ("ashaghi_aghjakand", False),
        # issue 14: the line meets the Araz between Mehdili and Jojug Marjanli, 2 km apart; east of
        # Aghdam it runs east of Shuraabad and Garadaghli, Armenian-held until 20 Nov 2020
        ("mehdili", True),
        ("jojug_marjanli", False),
        ("shuraabad", True),
        ("garadaghli", True),
    ],
)
def test_sides_of_the_1994_line(key: str, held: bool) -> None:
    assert layer("control_area", "2000-01-01").contains(at(key)) is held


@pytest.mark.parametrize(
    "key",
    ["goyarkh", "chilaburt", "chayli", "yusifjanli", "marzili", "talish", "alkhanli", "kurdlar"],
)
def test_frontline_villages_lie_near_the_1994_line(key: str) -> None:
    assert utm(layer("line_of_contact", "2000-01-01")).distance(utm(at(key))) < 8000


@pytest.mark.parametrize(
    ("key", "inside"),
    [
        ("khankendi", True),
        ("askeran", True),
        ("khojavend", True),
        ("martakert", True),
        ("goyarkh", True),
        ("chilaburt", True),
        ("shosh", True),
        ("shusha", False),
        ("hadrut", False),
        ("talish", False),
        ("madagiz", False),
        ("aghdam", False),
        ("qizil_kangarli", False),
        ("yukhari_veysalli", False),
        ("lachin", False),
        ("az-village-sighnag", False),
        ("az-village-dashalty", False),
        ("mets_shen", True),
        ("hin_shen", True),
    ],
)
def test_the_2020_peacekeeping_area(key: str, inside: bool) -> None:
    zone = layer("peacekeeping_zone", "2021-06-01")
    assert zone.contains(at(key)) is inside
    assert zone.boundary.equals(layer("ceasefire_line", "2021-06-01"))


def test_the_peacekeeping_area_is_the_area_held_after_the_handovers_and_inside_the_1994_area() -> (
    None
):
    zone = layer("peacekeeping_zone", "2021-06-01")
    assert zone.equals(layer("control_area", "2021-06-01"))
    assert utm(zone).difference(utm(layer("control_area", "2000-01-01")).buffer(1)).area < 1
    km2 = abs(Geod(ellps="WGS84").geometry_area_perimeter(zone)[0]) / 1e6
    # sources give 2,800-3,170 km2 for the area held after Nov 2020; drawn: about 2,750 (within 10%)
    assert 2800 * 0.9 <= km2 <= 3170, km2


@pytest.mark.parametrize("day", ["2021-06-01", "2023-01-01"])
def test_the_corridor_is_5_km_wide_wherever_it_is_measured(day: str) -> None:
    road, corridor = utm(layer("corridor_road", day)), utm(layer("corridor", day))
    coords = np.asarray(road.coords)
    widths = []
    for a, b in itertools.pairwise(coords):
        length = np.hypot(*(b - a))
        if length < 6000:
            continue
        for fraction in (0.4, 0.5, 0.6):
            centre = a + (b - a) * fraction
            if (
                utm(at("zabukh")).distance(Point(centre)) < 4000
            ):  # the corridor stops short of Zabukh
                continue
            normal = np.array([-(b - a)[1], (b - a)[0]]) / length
            probe = LineString([centre - normal * 8000, centre + normal * 8000])
            pieces = shapely.intersection(probe, corridor)
            piece = min(getattr(pieces, "geoms", [pieces]), key=lambda g: g.distance(Point(centre)))
            widths.append(piece.length)
    assert len(widths) >= 3
    assert np.allclose(widths, 5000, rtol=0.03), widths


def test_shusha_is_not_in_either_corridor() -> None:
    for day in ("2021-06-01", "2023-01-01"):
        assert not layer("corridor", day).contains(at("shusha"))


def test_checkpoint_and_blockade_point_lie_on_the_new_road() -> None:
    road = utm(layer("corridor_road", "2023-04-25"))
    assert road.distance(utm(layer("checkpoint", "2023-04-25"))) < 10
    assert road.distance(utm(layer("blockade_point", "2023-04-25"))) < 10


def test_cli_writes_the_layers_of_a_day_and_lists_them(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from geokarabakh.cli import app

    target = tmp_path / "layers.geojson"
    result = CliRunner().invoke(app, ["layers", "--date", "2021-06-01", "-o", str(target)])
    assert result.exit_code == 0, result.output
    written = gpd.read_file(target)
    assert set(written["kind"]) == set(layers_at("2021-06-01")["kind"])
    assert not list(tmp_path.glob(".*.tmp"))
    listing = CliRunner().invoke(app, ["layers", "--list"])
    assert (
        listing.exit_code == 0
        and "line_of_contact" in listing.output
        and "1994-05-12" in listing.output
    )


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


@pytest.mark.parametrize(
    "day",
    [
        "1900-01-01",
        "1923-07-06",
        "1923-07-07",
        "1991-11-25",
        "1991-11-26",
        "2000-01-01",
        "2021-06-01",
        "2030-01-01",
    ],
)
def test_the_nkao_outline_is_context_returned_on_every_date(day: str) -> None:
    rows = layers_at(day).query("kind == 'nkao_outline'")
    assert len(rows) == 1 and rows.geometry.iloc[0].equals(nkao())
    assert (rows.valid_from.iloc[0], rows.valid_to.iloc[0]) == (
        dt.date(1923, 7, 7),
        dt.date(1991, 11, 26),
    )


def test_the_nkao_outline_covers_about_the_cited_4388_km2() -> None:
    geodesic_km2 = abs(Geod(ellps="WGS84").geometry_area_perimeter(nkao())[0]) / 1e6
    assert abs(geodesic_km2 / NKAO_AREA_KM2 - 1) < 0.15, geodesic_km2
    assert (
        f"{geodesic_km2:.0f} km2" in load_layers().query("kind == 'nkao_outline'").accuracy.iloc[0]
    )


@pytest.mark.parametrize(
    ("key", "inside"),
    [
        ("shusha", True),
        ("khankendi", True),
        ("hadrut", True),
        ("martakert", True),
        ("askeran", True),
        ("khojavend", True),
        ("talish", True),
        ("charektar", True),
        ("lachin", False),
        ("kalbajar", False),
        ("aghdam", False),
        ("fuzuli", False),
        ("tartar", False),
        ("goris", False),
        ("ashaghi_aghjakand", False),
        ("dadivank", False),
    ],
)
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


# -- who held a place on any day (issue 14) ---------------------------------------------------


def _day_before(day: str) -> str:
    return (dt.date.fromisoformat(day) - dt.timedelta(days=1)).isoformat()


def _dated_facts() -> list[tuple[str, str, str]]:
    """(key, day, side) for every change the table dates to the day, and the day before it."""
    facts = []
    on_the_line = {row["key"] for row in ROWS if row["held_1994_2020"] == "line"}  # split villages
    for previous, row in itertools.pairwise(CONTROL):
        if (
            row["key"] == previous["key"]
            and row["precision"].startswith("day")
            and row["key"] not in on_the_line
        ):
            facts += [
                (row["key"], row["date"], row["held_by"]),
                (row["key"], _day_before(row["date"]), previous["held_by"]),
            ]
    return facts


def _held(key: str, day: str) -> bool:
    """Is the settlement inside that day's control area? (Natural Earth's generalised Araz leaves
    a few riverside villages up to 2 km inside Iran: they are moved to the nearest point of
    Azerbaijan, as the build does.)"""
    if "control_area" not in set(layers_at(day)["kind"]):
        return False
    area, point = layer("control_area", day), at(key)
    azerbaijan = load_layers().query("kind == 'country' and name == 'Azerbaijan'").geometry.iloc[0]
    if not azerbaijan.contains(point):
        point = shapely.ops.nearest_points(azerbaijan.buffer(-1e-4), point)[0]
    return area.contains(point)


def test_every_settlement_dated_to_the_day_is_on_its_side_that_day_and_the_day_before() -> None:
    facts = _dated_facts()
    assert len({(key, day) for key, day, side in facts if day >= "2020-09-27"}) >= 120
    wrong = [
        (key, day, side)
        for key, day, side in facts
        if _held(key, day) != (side == "arm")
        or (side == "corridor" and not layer("corridor", "2021-06-01").contains(at(key)))
    ]
    assert not wrong


@pytest.mark.parametrize(
    ("key", "day", "held"),
    [
        ("talish", "2020-10-02", True),
        ("talish", "2020-10-03", False),
        ("madagiz", "2020-10-03", False),
        ("hadrut", "2020-10-08", True),
        ("hadrut", "2020-10-09", False),
        ("fuzuli", "2020-10-16", True),
        ("fuzuli", "2020-10-17", False),
        ("az-village-zangilan-zangilan", "2020-10-19", True),
        ("az-village-zangilan-zangilan", "2020-10-20", False),
        ("shusha", "2020-11-07", True),
        ("shusha", "2020-11-08", False),
        ("az-village-sighnag", "2020-11-08", True),
        ("az-village-sighnag", "2020-11-09", False),
        ("aghdam", "2020-11-19", True),
        ("aghdam", "2020-11-20", False),
        ("kalbajar", "2020-11-24", True),
        ("kalbajar", "2020-11-25", False),
        ("gulabird", "2020-11-08", True),
        ("gulabird", "2020-11-10", False),
        ("khankendi", "2020-11-10", True),
        ("khankendi", "2023-09-19", True),
        ("martakert", "2022-01-01", True),
        ("goyarkh", "2023-09-20", False),
        ("khankendi", "2023-09-25", True),
        ("khankendi", "2023-10-01", False),
        ("khojavend", "2021-06-01", True),
        ("goyarkh", "2023-09-19", True),
        ("shosh", "2023-01-01", True),
        ("tartar", "2020-10-20", False),
        ("horadiz", "2000-01-01", False),
        ("mehdili", "2016-06-01", True),
        (
            "mehdili",
            "2020-11-01",
            False,
        ),  # 'early October 2020', not dated to the day: checked after the month
        # April 2016: Lalatapa taken (announced 2 Apr, confirmed by AFP); Talish, which Azerbaijan
        # claimed,
        # stayed Armenian-held (OC Media 2018: the heights around it were lost, the village was not)
        ("lalatapa", "2016-04-01", True),
        ("lalatapa", "2016-04-02", False),
        ("lalatapa", "2016-04-06", False),
        ("talish", "2016-04-06", True),
    ],
)
def test_who_held_a_settlement_on_a_day(key: str, day: str, held: bool) -> None:
    assert _held(key, day) is held


def test_the_corridor_towns_left_the_held_area_for_the_corridor_then_azerbaijan() -> None:
    for key in ("lachin", "sus", "zabukh"):
        assert _held(key, "2020-11-30") and not _held(key, "2020-12-01")
        assert layer("corridor", "2021-06-01").contains(at(key))
    for day in ("2022-08-30", "2023-01-01", "2023-04-01", "2023-06-01"):
        corridor = layer("corridor", day)
        assert not any(corridor.contains(at(key)) for key in ("lachin", "sus", "zabukh")), day
        assert corridor.contains(at("mets_shen")) and corridor.contains(at("hin_shen"))


def test_the_2022_road_changes_from_the_tegh_link_to_kornidzor_on_30_march_2023() -> None:
    # the Aghavno-Tegh section was closed in the night of 29-30 Mar 2023 (Armenia had said 1 Apr)
    before, after = layer("corridor_road", "2023-03-29"), layer("corridor_road", "2023-03-30")
    tegh, kornidzor = utm(at("tegh")), utm(at("kornidzor"))
    assert utm(before).distance(tegh) < 10 and utm(after).distance(tegh) > 2000
    assert utm(after).distance(kornidzor) < 2000


@pytest.mark.parametrize(
    "day",
    [
        "1994-05-12",
        "2005-01-01",
        "2016-04-05",
        "2020-09-26",
        "2020-09-27",
        "2020-10-20",
        "2020-11-09",
        "2020-11-10",
        "2020-12-01",
        "2022-08-26",
        "2023-09-19",
        "2023-09-20",
        "2023-09-30",
    ],
)
def test_one_control_area_on_every_day_of_the_contract(day: str) -> None:
    rows = layers_at(day).query("kind == 'control_area'")
    assert len(rows) == 1
    row = rows.iloc[0]
    assert row.valid_from <= dt.date.fromisoformat(day) < row.valid_to
    assert "control_changes.csv" in row.source and row.derivation and "pproximate" in row.accuracy


@pytest.mark.parametrize("day", ["1994-05-11", "2023-10-01", "2024-01-01"])
def test_no_control_area_before_the_1994_ceasefire_or_after_september_2023(day: str) -> None:
    assert "control_area" not in set(layers_at(day)["kind"])


def test_the_held_area_only_shrinks_after_1994_and_stays_within_the_1994_area() -> None:
    steps = load_layers().query("kind == 'control_area'").sort_values("valid_from")
    assert len(steps) >= 20
    assert steps.valid_from.iloc[0] == dt.date(1994, 5, 12) and steps.valid_to.iloc[-1] == dt.date(
        2023, 10, 1
    )
    assert all(
        a == b for a, b in zip(steps.valid_to.iloc[:-1], steps.valid_from.iloc[1:], strict=False)
    )  # no gap
    areas = [utm(g) for g in steps.geometry]
    for earlier, later in itertools.pairwise(areas):
        assert later.difference(earlier.buffer(1)).area < 1
    # the April 2016 changes included: the only change between 1994 and the 2020 war, a loss
    assert list(steps.valid_from.iloc[1:3]) == [dt.date(2016, 4, 2), dt.date(2020, 9, 27)]
    assert all(area.difference(areas[0].buffer(1)).area < 1 for area in areas)


def test_seysulan_on_the_line_stayed_armenian_held_from_1994_to_september_2023() -> None:
    # Azerbaijan claimed it on 2 Apr 2016; the Armenian side denied it and the BBC found it
    # Armenian-held in 2021
    assert utm(layer("line_of_contact", "2016-04-05")).distance(utm(at("seysulan"))) < 10
    around = utm(at("seysulan")).buffer(1000).intersection(utm(layer("control_area", "1994-05-12")))
    assert around.area > 1e6
    for day in ("2016-04-06", "2021-06-01", "2023-09-30"):
        assert around.difference(utm(layer("control_area", day)).buffer(1)).area < 1, day
    assert "control_area" not in set(layers_at("2023-10-01")["kind"])


def test_the_april_2016_changes_give_a_line_and_area_from_2016_that_differ_only_at_lalatapa() -> (
    None
):
    assert layer("control_area", "2016-04-01").equals(layer("control_area", "1994-05-12"))
    before, after = (
        utm(layer("control_area", "2016-04-01")),
        utm(layer("control_area", "2016-04-05")),
    )
    lost = before.difference(after)
    # sources: 8 km2 (Armenian officials) to 20 km2 (Azerbaijan) for the whole war; the Talish
    # heights
    # (no coordinate) are not drawn
    assert 1 < lost.area / 1e6 < 20 and lost.contains(utm(at("lalatapa")))
    old, new = (
        utm(layer("line_of_contact", "2016-04-01")),
        utm(layer("line_of_contact", "2016-04-05")),
    )
    assert not old.equals(new) and old.distance(utm(at("lalatapa"))) > 500
    moved = [Point(xy) for xy in new.coords if old.distance(Point(xy)) > 10]
    assert moved and all(p.distance(utm(at("lalatapa"))) < 3000 for p in moved)
    assert layer("line_of_contact", "2020-11-09").equals(layer("line_of_contact", "2016-04-05"))


def test_every_control_row_cites_a_source_and_starts_held_on_12_may_1994() -> None:
    keys = {}
    for row in CONTROL:
        assert row["source"].strip() and row["held_by"] in {"arm", "az", "corridor"}
        dt.date.fromisoformat(row["date"])
        keys.setdefault(row["key"], row)
    assert all(row["date"] == "1994-05-12" and row["held_by"] == "arm" for row in keys.values())


def _script(name: str):
    """A build script of the layers (build_layers, compare_naturalearth), imported."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, BUILD / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_side_by_side_with_natural_earth_and_the_readme_states_the_figures() -> None:
    module = _script("compare_naturalearth")
    rows = module.compare()
    held = [row["iou"] for row in rows if row["ours"].startswith("control_area")]
    assert min(held) > 0.92  # the 1994 held areas agree (0.92-0.94 before issue 14)
    line = next(row for row in rows if row["ours"] == "line_of_contact 1994")
    assert line["mean_km"] < 3.7 and line["max_km"] < 11  # closer than before issue 14
    zone = next(row for row in rows if row["ours"].startswith("peacekeeping_zone"))
    # Natural Earth's 2020 line is stale: Shusha, Talish and Madagiz on the Armenian side; ours not
    assert zone["note"].count("ours out, NE in") == 3
    readme = (LAYERS / "README.md").read_text(encoding="utf-8")
    assert module.markdown(rows) in readme


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "k,K,39.8,46.7,x,1994-05-12,day,held,src,",
            ":2: held_by: not one of arm, az, corridor ('held')",
        ),
        ("k,K,39.8,46.7,x,1994-05-12,day,arm,,", ":2: source: no source"),
        ("k,K,39.8,east,x,1994-05-12,day,arm,src,", ":2: lat/lon: not numbers"),
        (
            "k,K,39.8,46.7,x,2020-10-03,day,az,src,",
            ":2: date: a settlement's first row must be 1994-05-12",
        ),
        ("k,K,39.8,46.7,x,12/05/1994,day,arm,src,", ":2: date: not an ISO date"),
    ],
)
def test_a_bad_control_row_names_its_line_and_field(
    tmp_path: Path, line: str, message: str
) -> None:
    module = _script("build_layers")
    path = tmp_path / "control.csv"
    path.write_text(
        "key,name,lat,lon,coordinates,date,precision,held_by,source,note\n" + line + "\n",
        encoding="utf-8",
    )
    with pytest.raises(SystemExit, match=re.escape(message)):
        module.load_control(path)
