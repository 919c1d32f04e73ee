"""Incident analysis: columns follow each incident's own date; vectorised equals a plain loop."""

from __future__ import annotations

import csv
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely
from pyproj import Transformer
from shapely.geometry import Point

from geokarabakh import InvalidInput
from geokarabakh.analysis import ANALYSIS_COLUMNS, analyse_incidents
from geokarabakh.layers import layers_at

LAYERS = Path(__file__).resolve().parent.parent / "gazetteer" / "layers"
with (LAYERS / "vertices.csv").open(encoding="utf-8") as handle:
    PLACES = {row["key"]: (float(row["lon"]), float(row["lat"])) for row in csv.DictReader(handle)}
TO_UTM = Transformer.from_crs("EPSG:4326", "EPSG:32638", always_xy=True)


def incidents(rows: list[tuple[str, str | None]]) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"id": range(len(rows)), "date": [d for _, d in rows]},
        geometry=[Point(*PLACES[k]) if k else None for k, _ in rows],
        crs="EPSG:4326",
    )


def test_adds_every_column_and_keeps_the_input() -> None:
    frame = incidents([("shusha", "2021-06-01")])
    out = analyse_incidents(frame)
    assert set(ANALYSIS_COLUMNS) <= set(out.columns)
    assert list(frame.columns) == ["id", "date", "geometry"]
    assert out.crs == "EPSG:4326"
    assert out["nearest_settlement"].iloc[0] == "Shusha"
    assert out["nearest_settlement_km"].iloc[0] < 1.5
    assert out["district"].iloc[0] == "Shusha"


def test_the_contact_line_switches_on_10_november_2020() -> None:
    out = analyse_incidents(incidents([("shusha", "2020-11-09"), ("shusha", "2020-11-10")]))
    before, after = out["km_to_contact_line"]
    assert before == pytest.approx(out["km_to_1994_line"].iloc[0])
    assert after < 5 < before  # Shusha sat 30+ km behind the 1994 line, ~2 km from the 2020 one
    assert out["km_to_1994_line"].nunique() == 1


@pytest.mark.parametrize("day", [None, "not a date", "1990-01-01", "2024-01-01"])
def test_no_line_stood_then_gives_nan(day: str | None) -> None:
    out = analyse_incidents(incidents([("aghdam", day)]))
    assert np.isnan(out["km_to_contact_line"].iloc[0])
    assert out["km_to_1994_line"].iloc[0] > 5
    assert not out["in_corridor"].iloc[0]


def test_side_of_the_1994_line() -> None:
    out = analyse_incidents(incidents([("aghdam", "2015-01-01"), ("horadiz", "2015-01-01")]))
    assert list(out["side_of_1994_line"]) == ["arm_held", "az_held"]
    armenia = gpd.GeoDataFrame(
        {"date": ["2015-01-01"] * 2},
        crs=4326,
        geometry=[Point(44.51, 40.18), Point(46.34168, 39.51111)],
    )  # Yerevan, Goris
    assert list(analyse_incidents(armenia)["side_of_1994_line"]) == ["outside", "outside"]


def test_corridor_and_zone_follow_the_incident_date() -> None:
    out = analyse_incidents(
        incidents(
            [
                ("lachin", "2021-06-01"),
                ("lachin", "2022-09-15"),
                ("mets_shen", "2022-09-15"),
                ("khankendi", "2021-06-01"),
                ("khankendi", "2024-07-01"),
                ("shusha", "2021-06-01"),
            ]
        )
    )
    assert list(out["in_corridor"]) == [True, False, True, False, False, False]
    # Mets Shen, held by Armenian forces until Sep 2023, lies in both (the zone is the area held
    # after the handovers, issue 14)
    assert list(out["in_peacekeeping_zone"]) == [False, False, True, True, False, False]


def test_rows_without_a_point_get_empty_values() -> None:
    out = analyse_incidents(incidents([(None, "2021-06-01"), ("shusha", "2021-06-01")]))
    first = out.iloc[0]
    assert np.isnan(first["km_to_1994_line"]) and np.isnan(first["nearest_settlement_km"])
    assert first["side_of_1994_line"] is None and first["nearest_settlement"] is None
    assert out.iloc[1]["nearest_settlement"] == "Shusha"


def test_reprojects_input_in_another_crs() -> None:
    frame = incidents([("aghdam", "2015-01-01")])
    out = analyse_incidents(frame.to_crs("EPSG:32638"))
    assert out["side_of_1994_line"].iloc[0] == "arm_held"


def test_a_missing_date_column_names_it() -> None:
    frame = incidents([("aghdam", "2015-01-01")]).rename(columns={"date": "when"})
    with pytest.raises(InvalidInput, match="'date'"):
        analyse_incidents(frame)
    assert analyse_incidents(frame, date_column="when")["side_of_1994_line"].iloc[0] == "arm_held"


def test_vectorised_equals_a_plain_per_row_loop() -> None:
    rng = np.random.default_rng(7)
    n = 300
    lon, lat = rng.uniform(45.9, 47.6, n), rng.uniform(39.3, 40.6, n)
    days = rng.choice(
        ["1999-03-01", "2020-11-09", "2020-11-10", "2022-01-01", "2023-06-01", "2025-01-01"], n
    )
    frame = gpd.GeoDataFrame({"date": days}, geometry=gpd.points_from_xy(lon, lat), crs=4326)
    out = analyse_incidents(frame)
    for i in range(n):
        standing = layers_at(days[i])
        x, y = TO_UTM.transform(lon[i], lat[i])
        here = Point(x, y)
        lines = standing[standing["kind"].isin(["line_of_contact", "ceasefire_line"])]
        expected = (
            (
                shapely.transform(
                    lines.geometry.iloc[0],
                    lambda xy: np.column_stack(TO_UTM.transform(xy[:, 0], xy[:, 1])),
                ).distance(here)
                / 1000
            )
            if len(lines)
            else np.nan
        )
        assert out["km_to_contact_line"].iloc[i] == pytest.approx(expected, abs=2e-3, nan_ok=True)
        corridors = standing[standing["kind"] == "corridor"]
        assert out["in_corridor"].iloc[i] == any(
            g.intersects(Point(lon[i], lat[i])) for g in corridors.geometry
        )


def test_side_that_day_follows_the_front_of_the_incident_date() -> None:
    out = analyse_incidents(
        incidents(
            [
                ("shusha", "2020-10-20"),
                ("shusha", "2020-11-08"),
                ("hadrut", "2020-10-08"),
                ("hadrut", "2020-10-09"),
                ("tartar", "2020-10-20"),
                ("khankendi", "2023-09-19"),
                ("khankendi", "2023-10-01"),
                ("khankendi", "1990-01-01"),
                ("khankendi", None),
                (None, "2020-10-20"),
            ]
        )
    )
    assert list(out["side_that_day"]) == [
        "arm_held",
        "az_held",
        "arm_held",
        "az_held",
        "az_held",
        "arm_held",
        "az_held",
        None,
        None,
        None,
    ]
    goris = gpd.GeoDataFrame(
        {"date": ["2020-10-20"]}, crs=4326, geometry=[Point(46.34168, 39.51111)]
    )
    assert analyse_incidents(goris)["side_that_day"].iloc[0] == "outside"


def test_mine_risk_belt_bands_agree_with_the_distance_to_the_front() -> None:
    from geokarabakh.analysis import BELT_KM, km_to_front, mine_risk_belt

    rng = np.random.default_rng(3)
    n = 400
    frame = gpd.GeoDataFrame(
        geometry=gpd.points_from_xy(rng.uniform(45.9, 47.6, n), rng.uniform(39.2, 40.6, n)),
        crs=4326,
    )
    km = km_to_front(frame)
    old = analyse_incidents(frame.assign(date="2000-01-01"))["km_to_1994_line"].to_numpy()
    assert (km <= old + 5e-4).all() and (
        km < old - 1
    ).any()  # the nearer of two lines (old: 3 decimals)
    belt = mine_risk_belt()
    assert list(zip(belt["inner_km"], belt["outer_km"], strict=False)) == [(0, 2), (2, 5), (5, 10)]
    edges = (0, *BELT_KM)
    clear = np.min([np.abs(km - e) for e in edges[1:]], axis=0) > 0.3  # off the simplified edges
    for (inner, outer), band in zip(
        zip(edges, edges[1:], strict=False), belt.geometry, strict=False
    ):
        inside = band.contains(frame.geometry).to_numpy()
        expected = (km >= inner) & (km < outer)
        assert (inside[clear] == expected[clear]).all()
        assert expected[clear].sum() > 5
    assert np.isnan(km_to_front(gpd.GeoDataFrame(geometry=[None], crs=4326))).all()
