"""Writing incidents: each format, round trips, RFC 7946 GeoJSON, atomic writes, the CLI."""

from __future__ import annotations

import json

import geopandas as gpd
import jsonschema
import numpy as np
import pandas as pd
import pyogrio
import pytest
from shapely.geometry import LineString, Point
from typer.testing import CliRunner

from geokarabakh import export
from geokarabakh.cli import app
from geokarabakh.errors import InvalidInput
from geokarabakh.export import write_incidents
from geokarabakh.incidents import COLUMNS, new_incidents, read_incidents

# A compact GeoJSON schema (RFC 7946) for a FeatureCollection of Points.
_POSITION = {"type": "array", "minItems": 2, "maxItems": 3, "items": {"type": "number"}}
GEOJSON_SCHEMA = {
    "type": "object",
    "required": ["type", "features"],
    "not": {"required": ["crs"]},
    "properties": {
        "type": {"const": "FeatureCollection"},
        "features": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["type", "geometry", "properties"],
                "properties": {
                    "type": {"const": "Feature"},
                    "id": {"type": ["string", "number"]},
                    "properties": {"type": ["object", "null"]},
                    "geometry": {
                        "oneOf": [
                            {"type": "null"},
                            {
                                "type": "object",
                                "required": ["type", "coordinates"],
                                "properties": {
                                    "type": {"const": "Point"},
                                    "coordinates": _POSITION,
                                },
                            },
                        ]
                    },
                },
            },
        },
    },
}


@pytest.fixture(scope="module")
def incidents() -> gpd.GeoDataFrame:
    """Three incidents: one geocoded, one with its own coordinates, one with gaps."""
    return new_incidents(
        [
            {
                "id": "a",
                "date": "23 November 2020",
                "type": "landmine",
                "place": "Tartar district",
                "killed": 1,
                "source": "Crisis24",
                "notes": "officer killed; several injured",
                "extra": "x",
            },
            {
                "id": "b",
                "date": "2023-09-19",
                "type": "landmine",
                "place": "Shusha",
                "lat": 39.7612345678,
                "lon": 46.7487654321,
                "killed": 2,
                "injured": 0,
                "source": "news",
            },
            {
                "id": "c",
                "date": "November 2022",
                "place": "Tagavard, Khojavend",
                "source": "Today.az",
            },
        ]
    )


SUFFIXES = ("geojson", "json", "gpkg", "csv", "kml", "parquet", "fgb")


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_round_trip_through_read_incidents(tmp_path, incidents, suffix):
    path = write_incidents(incidents, tmp_path / f"out.{suffix}")
    back = read_incidents(path)
    assert back.attrs["errors"] == []
    columns = [c for c in COLUMNS if c != "geometry"]
    pd.testing.assert_frame_equal(pd.DataFrame(back[columns]), pd.DataFrame(incidents[columns]))
    assert back.geom_equals_exact(incidents.geometry, tolerance=1e-6).all()
    if suffix != "kml":
        assert back["extra"].tolist() == ["x", None, None]


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_round_trip_through_geopandas(tmp_path, incidents, suffix):
    path = write_incidents(incidents, tmp_path / f"out.{suffix}")
    back = gpd.read_parquet(path) if suffix == "parquet" else gpd.read_file(path)
    assert len(back) == 3
    assert back["id"].tolist() == ["a", "b", "c"]
    # GDAL's GeoJSON and GPKG readers turn ISO date strings into dates: same values
    assert [str(d)[:10] for d in back["date"]] == ["2020-11-23", "2023-09-19", "2022-11-01"]
    if suffix == "csv":
        xy = np.c_[back["lon"].astype(float), back["lat"].astype(float)]
    else:
        xy = np.c_[back.geometry.x, back.geometry.y]
    assert np.allclose(xy, np.c_[incidents.geometry.x, incidents.geometry.y], atol=1e-6)


def test_geojson_follows_rfc_7946(tmp_path, incidents):
    path = write_incidents(incidents, tmp_path / "out.geojson")
    text = path.read_text(encoding="utf-8")
    document = json.loads(text, parse_constant=lambda c: pytest.fail(f"{c} in GeoJSON"))
    jsonschema.validate(document, GEOJSON_SCHEMA)
    features = document["features"]
    assert [f["id"] for f in features] == ["a", "b", "c"]
    assert features[1]["geometry"]["coordinates"] == [46.748765, 39.761235]  # lon, lat; 6 places
    props = features[2]["properties"]
    assert props["killed"] is None and props["injured"] is None and props["geo_warning"] is None
    assert props["date"] == "2022-11-01" and props["date_precision"] == "month"
    assert features[0]["properties"]["killed"] == 1
    assert "NaN" not in text


def test_geojson_opens_in_gdal_with_the_right_layer_and_fields(tmp_path, incidents):
    path = write_incidents(incidents, tmp_path / "incidents.geojson")
    info = pyogrio.read_info(path)
    assert info["features"] == 3
    assert info["geometry_type"] == "Point"
    assert [str(f) for f in info["fields"]] == [c for c in COLUMNS if c != "geometry"] + ["extra"]
    assert pyogrio.list_layers(path)[0][0] == "incidents"


def test_geopackage_layer(tmp_path, incidents):
    path = write_incidents(incidents, tmp_path / "out.gpkg")
    assert pyogrio.list_layers(path).tolist() == [["incidents", "Point"]]
    info = pyogrio.read_info(path, layer="incidents")
    assert info["features"] == 3 and "killed" in list(info["fields"])


def test_csv_has_lat_lon_and_no_geometry(tmp_path, incidents):
    path = write_incidents(incidents, tmp_path / "out.csv")
    header = path.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header[-2:] == ["lat", "lon"] and "geometry" not in header


def test_other_crs_is_written_as_lon_lat(tmp_path, incidents):
    path = write_incidents(incidents.to_crs("EPSG:3857"), tmp_path / "out.geojson")
    coordinates = json.loads(path.read_text())["features"][1]["geometry"]["coordinates"]
    assert coordinates == pytest.approx([46.748765, 39.761235], abs=1e-6)


def test_missing_ids_are_filled_stably(tmp_path, incidents):
    plain = incidents.drop(columns="id")
    first = json.loads(write_incidents(plain, tmp_path / "1.geojson").read_text())
    second = json.loads(write_incidents(plain, tmp_path / "2.geojson").read_text())
    ids = [f["id"] for f in first["features"]]
    assert ids == [f["id"] for f in second["features"]] and len(set(ids)) == 3


@pytest.mark.parametrize(
    ("frame", "path", "message"),
    [
        ("same", "out.shp", "cannot tell the format from the suffix '.shp'"),
        ("dupes", "out.geojson", "the id 'a' is used by rows 1 and 2"),
        ("line", "out.csv", "CSV holds points only; this geometry is a LineString"),
        ("table", "out.geojson", "expected a GeoDataFrame of incidents, not DataFrame"),
    ],
)
def test_bad_writes(tmp_path, incidents, frame, path, message):
    data = {
        "same": incidents,
        "dupes": incidents.assign(id=["a", "a", "c"]),
        "line": incidents.set_geometry([LineString([(46, 40), (47, 40)]), Point(46, 40), None]),
        "table": pd.DataFrame(incidents.drop(columns="geometry")),
    }[frame]
    with pytest.raises(InvalidInput, match=message):
        write_incidents(data, tmp_path / path)
    assert not list(tmp_path.iterdir())


def test_driver_overrides_the_suffix(tmp_path, incidents):
    path = write_incidents(incidents, tmp_path / "out.txt", driver="geojson")
    assert json.loads(path.read_text())["type"] == "FeatureCollection"
    with pytest.raises(
        InvalidInput, match="unknown driver .shapefile.; options are: CSV, FlatGeobuf, GPKG"
    ):
        write_incidents(incidents, tmp_path / "out.txt", driver="shapefile")


@pytest.mark.parametrize("suffix", ["geojson", "gpkg"])
def test_a_failed_write_leaves_the_old_file_intact(tmp_path, incidents, monkeypatch, suffix):
    path = write_incidents(incidents, tmp_path / f"out.{suffix}")
    before = path.read_bytes()
    driver = export.DRIVERS[f".{suffix}"]
    real = export._WRITERS[driver]

    def half_then_fail(gdf, target):
        real(gdf, target)  # a complete file at the temporary path...
        with open(target, "r+b") as handle:  # ...cut in half, then the disk "fills up"
            handle.truncate(len(before) // 2)
        raise OSError(28, "No space left on device")

    monkeypatch.setitem(export._WRITERS, driver, half_then_fail)
    with pytest.raises(OSError, match="No space left"):
        write_incidents(incidents.iloc[:1], path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary left behind
    assert len(read_incidents(path)) == 3


def test_overwrite_replaces_and_keeps_permissions(tmp_path, incidents):
    path = write_incidents(incidents, tmp_path / "out.geojson")
    path.chmod(0o640)
    write_incidents(incidents.iloc[:1], path)
    assert len(json.loads(path.read_text())["features"]) == 1
    assert path.stat().st_mode & 0o777 == 0o640


# -- CLI -----------------------------------------------------------------------------------

runner = CliRunner()


def test_cli_export_writes_the_file(tmp_path):
    source = tmp_path / "in.csv"
    source.write_text("date,type,place,killed\n2020-11-23,landmine,Tartar district,1\n")
    out = tmp_path / "out.gpkg"
    result = runner.invoke(app, ["export", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "wrote 1 incident(s)" in result.output
    assert len(gpd.read_file(out)) == 1


def test_cli_export_bad_input_is_one_line_and_exit_2(tmp_path):
    source = tmp_path / "in.csv"
    source.write_text("date,place\n2020-11-23,Tartar\n2020-11-24,Xyzzyville\n")
    out = tmp_path / "out.geojson"
    result = runner.invoke(app, ["export", str(source), "-o", str(out)])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {source}, row 3, field 'place'")
    assert not out.exists()
    kept = runner.invoke(app, ["export", str(source), "-o", str(out), "--keep-going"])
    assert kept.exit_code == 1
    assert "skipped:" in kept.output and "row 3" in kept.output
    assert len(json.loads(out.read_text())["features"]) == 1


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_an_empty_table_round_trips(tmp_path, suffix):
    path = write_incidents(new_incidents([]), tmp_path / f"empty.{suffix}")
    back = read_incidents(path)
    assert len(back) == 0 and list(back.columns[: len(COLUMNS)]) == list(COLUMNS)
