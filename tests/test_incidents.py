"""Reading incidents: formats, loose columns, geocoding, dates, bad input, the sample."""

from __future__ import annotations

import json

import numpy as np
import pytest
from shapely.geometry import Point

from geokarabakh.dates import parse_date
from geokarabakh.errors import InvalidInput
from geokarabakh.export import write_incidents
from geokarabakh.gazetteer import Gazetteer
from geokarabakh.incidents import (
    COLUMNS,
    new_incidents,
    read_incidents,
    sample_incidents,
)

GAZ = Gazetteer.default()


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return path


# -- formats -------------------------------------------------------------------------------


def test_csv_comma_geocodes_and_keeps_the_reported_name(tmp_path):
    path = write(
        tmp_path,
        "a.csv",
        "date,type,place,killed,injured,source\n"
        "2020-11-23,landmine,Tartar district,1,,Crisis24\n"
        "2024-04-27,landmine,Şuşa,0,1,APA\n",
    )
    gdf = read_incidents(path)
    assert list(gdf.columns) == list(COLUMNS)
    assert gdf.crs == "EPSG:4326"
    assert gdf["place"].tolist() == ["Tartar district", "Şuşa"]
    assert gdf["place_resolved"].tolist() == ["Tartar District", "Shusha"]
    assert gdf["geo_precision"].tolist() == [3, 1]
    shusha = GAZ.resolve("Shusha")
    assert gdf.geometry[1].equals(Point(shusha.lon, shusha.lat))
    assert gdf["killed"].tolist()[0] == 1 and gdf["injured"].isna().tolist() == [True, False]
    assert gdf.attrs["errors"] == []


def test_csv_semicolon_bom_and_decimal_comma(tmp_path):
    path = tmp_path / "b.csv"
    path.write_bytes(
        "\ufeffDate;Location;Latitude;Longitude;Fatalities\n"
        "23.11.2020;Tartar;40,34201;46,93161;1\n".encode("utf-8")
    )
    gdf = read_incidents(path)
    assert gdf.loc[0, "date"] == "2020-11-23"
    assert gdf.geometry[0].equals(Point(46.93161, 40.34201))
    assert gdf.loc[0, "killed"] == 1
    assert gdf.loc[0, "geo_warning"] is None


def test_json_records_and_acled_api_shape(tmp_path):
    records = [{"date": "2021-01-28", "place": "Tartar", "killed": 0, "injured": 1, "extra": "x"}]
    for document in (records, {"data": records}):
        gdf = read_incidents(write(tmp_path, "c.json", json.dumps(document)))
        assert gdf.loc[0, "place_resolved"] == "Tartar"
        assert gdf.loc[0, "extra"] == "x"  # extra columns pass through


def test_geojson_points_and_null_geometry(tmp_path):
    document = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": "a",
                "geometry": {"type": "Point", "coordinates": [46.75, 39.76]},
                "properties": {"date": "2020-12-18", "place": "Shusha"},
            },
            {
                "type": "Feature",
                "id": "b",
                "geometry": None,
                "properties": {"date": "2020", "place": "Aghdam district"},
            },
        ],
    }
    gdf = read_incidents(write(tmp_path, "d.geojson", json.dumps(document)))
    assert gdf["id"].tolist() == ["a", "b"]
    assert gdf.geometry[0].equals(Point(46.75, 39.76))
    assert gdf.loc[1, "place_resolved"] == "Aghdam District"
    assert gdf.loc[1, "date_precision"] == "year"


def test_acled_export(tmp_path):
    header = (
        "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,"
        "actor1,country,admin1,admin2,location,latitude,longitude,geo_precision,source,notes,"
        "fatalities\n"
    )
    rows = (
        "AZE1234,23 November 2020,2020,1,Political violence,Explosions/Remote violence,"
        "Remote explosive/landmine/IED,Unidentified,Azerbaijan,Tartar,,Tartar,40.3420,46.9316,2,"
        'Crisis24,"A landmine exploded.",1\n'
        "AZE1235,November 2020,2020,3,Political violence,Explosions/Remote violence,"
        "Shelling/artillery/missile attack,Military Forces,Azerbaijan,Tartar,,Tartar,"
        "40.3420,46.9316,3,Source,,0\n"
    )
    gdf = read_incidents(write(tmp_path, "acled.csv", header + rows))
    assert gdf["id"].tolist() == ["AZE1234", "AZE1235"]
    assert gdf["type"].tolist() == ["landmine", "shelling"]
    assert gdf["date_precision"].tolist() == ["day", "month"]
    assert gdf["killed"].tolist() == [1, 0] and gdf["injured"].isna().all()
    assert gdf["geo_precision"].tolist() == [2, 3]
    assert gdf.loc[0, "actor1"] == "Unidentified" and gdf.loc[0, "event_type"].startswith(
        "Explosions"
    )


# -- geocoding -----------------------------------------------------------------------------


class CountingGazetteer:
    def __init__(self) -> None:
        self.calls: list[str] = []

    def resolve(self, name, *, kind=None, country=None):
        self.calls.append(name)
        return GAZ.resolve(name, kind=kind, country=country)


def test_each_distinct_place_is_resolved_once():
    gazetteer = CountingGazetteer()
    records = [{"date": "2022-01-01", "place": name} for name in ["Shusha", "Tartar"] * 50]
    gdf = new_incidents(records, gazetteer=gazetteer)
    assert len(gdf) == 100
    assert sorted(gazetteer.calls) == ["Shusha", "Tartar"]


def test_coordinates_far_from_the_named_place_are_flagged():
    gdf = new_incidents(
        [
            {"date": "2022-01-01", "place": "Shusha", "lat": 40.18, "lon": 44.51},
            {"date": "2022-01-01", "place": "Shusha", "lat": 39.76, "lon": 46.75},
        ]
    )
    assert gdf.geometry[0].equals(Point(44.51, 40.18))  # kept, not silently replaced
    assert "km from Shusha" in gdf.loc[0, "geo_warning"]
    assert gdf.loc[1, "geo_warning"] is None


def test_point_outside_the_named_district_is_flagged():
    gdf = new_incidents(
        [{"date": "2022-01-01", "place": "Shusha", "district": "Qazax", "lat": 39.76, "lon": 46.75}]
    )
    assert "outside Qazax District" in gdf.loc[0, "geo_warning"]


def test_place_not_in_the_named_district_is_an_error_not_a_guess():
    with pytest.raises(InvalidInput, match=r"row 1, field .place.: no place .shusha. in qazax"):
        new_incidents([{"date": "2022-01-01", "place": "Shusha", "district": "Qazax"}])


# -- dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2020-11-23", ("2020-11-23", "day")),
        ("23.11.2020", ("2020-11-23", "day")),
        ("23 November 2020", ("2020-11-23", "day")),
        ("November 23, 2020", ("2020-11-23", "day")),
        ("23 ноября 2020", ("2020-11-23", "day")),
        ("2020-11-23T04:30:00", ("2020-11-23", "day")),
        ("November 2020", ("2020-11-01", "month")),
        ("2020-11", ("2020-11-01", "month")),
        ("2020", ("2020-01-01", "year")),
    ],
)
def test_dates(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("yesterday", "cannot read the date 'yesterday'"),
        ("31.02.2020", "'31.02.2020' is not a real date"),
        ("1066", "implausible"),
    ],
)
def test_bad_dates(text, message):
    with pytest.raises(ValueError, match=message):
        parse_date(text)


def test_precision_cannot_claim_more_than_the_date():
    with pytest.raises(InvalidInput, match="row 1, field 'date_precision': 'day' claims more"):
        new_incidents([{"date": "November 2020", "date_precision": "day", "place": "Tartar"}])


# -- bad input -----------------------------------------------------------------------------

GOOD = "2020-11-23,landmine,Tartar,,,1\n"


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            "2020-11-23,landmine,Xyzzyville,,,1\n",
            "row 3, field 'place': no place matches 'Xyzzyville'; did you mean:",
        ),
        ("2020-11-23,landmine,Tertr,,,1\n", None),  # a misspelling that still resolves
        (
            "yesterday,landmine,Tartar,,,1\n",
            "row 3, field 'date': cannot read the date 'yesterday'",
        ),
        (
            "2020-11-23,landmine,Tartar,146,46.9,1\n",
            "row 3, field 'lat': latitude 146 is out of range (-90 to 90)",
        ),
        (
            "2020-11-23,landmine,Tartar,46.9,40.3,several\n",
            "row 3, field 'killed': 'several' is not a whole number",
        ),
        (
            "2020-11-23,landmine,Tartar,46.9,40.3,1e20\n",
            "row 3, field 'killed': '1e20' is not a whole number",
        ),
        (
            "2020-11-23,landmine,Tartar,46.9,40.3,inf\n",
            "row 3, field 'killed': 'inf' is not a whole number",
        ),
        (
            "2020-11-23,landmine,Tartar,46.9,40.3,99999999999999999999999\n",
            "field 'killed': '99999999999999999999999'",
        ),
        (
            "2020-11-23,landmine,Tartar,46.9,40.3,-1\n",
            "row 3, field 'killed': '-1' is not a whole number",
        ),
        (
            "2020-11-23,landmine,Tartar,46.9,40.3,2.5\n",
            "row 3, field 'killed': '2.5' is not a whole number",
        ),
        (
            "2020-11-23,landmine,Tartar,40.3,,1\n",
            "row 3, field 'lon': a latitude without a longitude",
        ),
        ("2020-11-23,landmine,,,,1\n", "row 3, field 'place': no coordinates and no place name"),
        (
            "2020-11-23,landmine,Tartar,,,1,surplus\n",
            "row 3: the row has 7 values but the header names 6",
        ),
    ],
)
def test_bad_rows_name_file_row_and_field(tmp_path, row, expected):
    path = write(tmp_path, "bad.csv", "date,type,place,lat,lon,killed\n" + GOOD + row)
    if expected is None:
        assert len(read_incidents(path)) == 2
        return
    with pytest.raises(InvalidInput) as caught:
        read_incidents(path)
    assert str(caught.value).startswith(f"{path}, ")
    assert expected in str(caught.value)


def test_suggests_spellings_for_unknown_places(tmp_path):
    path = write(tmp_path, "s.csv", "date,place\n2020-01-01,Shusha\n2020-01-01,Qxqx\n")
    with pytest.raises(InvalidInput, match=r"'Qxqx'; did you mean: .+\?") as caught:
        read_incidents(path)
    assert caught.value.row == 3 and caught.value.field == "place"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "the file is empty"),
        (b"  \n\n", "the file is empty"),
        (b"PK\x03\x04\x14\x00\x06\x00binary", "a binary file, not CSV, JSON or GeoJSON text"),
        (b"date,place\n2020-01-01,T\xe9rt\xe9r\n", "not UTF-8 text (byte 0xe9 on line 2)"),
        (
            b"place,killed\nTartar,1\n",
            "missing required column 'date' (columns found: place, killed)",
        ),
        (b"date,killed\n2020-01-01,1\n", "missing required column 'place or lat/lon'"),
    ],
)
def test_bad_files(tmp_path, content, expected):
    path = tmp_path / "f.csv"
    path.write_bytes(content)
    with pytest.raises(InvalidInput) as caught:
        read_incidents(path)
    assert str(caught.value).startswith(str(path))
    assert expected in str(caught.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{not json", "not valid JSON"),
        ('{"rows": 1}', "expected a list of records or a GeoJSON FeatureCollection"),
        (
            json.dumps(
                {
                    "type": "FeatureCollection",
                    "features": [
                        {
                            "type": "Feature",
                            "properties": {"date": "2020"},
                            "geometry": {"type": "LineString", "coordinates": [[46, 40], [47, 40]]},
                        }
                    ],
                }
            ),
            "row 1, field 'geometry': the geometry is a LineString; an incident is a Point",
        ),
    ],
)
def test_bad_json(tmp_path, text, expected):
    with pytest.raises(InvalidInput, match=expected.replace("(", r"\(").replace(")", r"\)")):
        read_incidents(write(tmp_path, "g.geojson", text))


def test_collect_returns_good_rows_and_reports_every_bad_one(tmp_path):
    path = write(
        tmp_path,
        "m.csv",
        "date,place,lat,lon,killed\n"
        "2020-11-23,Tartar,,,1\n"
        "someday,Xyzzyville,,,1\n"
        "2021-01-01,Shusha,146,46.7,\n"
        "2021-01-02,Shusha,,,2\n",
    )
    with pytest.raises(InvalidInput, match=r"row 3, field 'date'.*\(1 more bad rows"):
        read_incidents(path)
    gdf = read_incidents(path, errors="collect")
    assert gdf["date"].tolist() == ["2020-11-23", "2021-01-02"]
    report = gdf.attrs["errors"]
    assert [(e["row"], e["field"]) for e in report] == [(3, "date"), (3, "place"), (4, "lat")]
    assert "Xyzzyville" in report[1]["message"]
    assert len(gdf) + len({e["row"] for e in report}) == 4  # no row dropped silently


# -- new_incidents and ids -----------------------------------------------------------------


def test_new_incidents_accepts_points_and_dataframes():
    gdf = new_incidents(
        [
            {
                "date": "2023-09-19",
                "type": "Landmine",
                "place": "road",
                "geometry": Point(46.9476, 39.6805),
                "killed": 2,
            }
        ]
    )
    assert gdf.geometry[0].equals(Point(46.9476, 39.6805))
    assert gdf.loc[0, "type"] == "landmine"
    again = new_incidents(gdf.drop(columns="geometry").assign(lat=39.6805, lon=46.9476))
    assert again.loc[0, "id"] == gdf.loc[0, "id"]


def test_ids_are_stable_and_unique():
    records = [{"date": "2020-01-01", "place": "Tartar"}] * 2 + [
        {"date": "2020-01-02", "place": "Tartar"}
    ]
    first, second = new_incidents(records), new_incidents(records)
    assert first["id"].tolist() == second["id"].tolist()
    assert first["id"].is_unique
    with pytest.raises(
        InvalidInput, match="row 2, field 'id': the id 'x' is already used by row 1"
    ):
        new_incidents([{"id": "x", "date": "2020", "place": "Tartar"}] * 2)


def test_errors_option_is_checked():
    with pytest.raises(InvalidInput, match="errors='ignore'; options are"):
        new_incidents([{"date": "2020", "place": "Tartar"}], errors="ignore")


# -- the bundled sample --------------------------------------------------------------------


def test_sample_holds_the_two_seed_reports_with_sources():
    gdf = sample_incidents()
    assert gdf.attrs["errors"] == []
    assert gdf["source"].notna().all() and gdf["id"].is_unique
    tartar = gdf[gdf["date"] == "2020-11-23"].iloc[0]
    assert tartar["place_resolved"] == "Tartar District" and tartar["killed"] == 1
    road = gdf[gdf["date"] == "2023-09-19"]
    assert road["killed"].sum() == 6 and set(road["type"]) == {"landmine"}
    assert gdf["geo_warning"].isna().all()
    west, south, east, north = gdf.total_bounds
    assert west > 45 and east < 48.5 and south > 38.8 and north < 41.5
    assert not np.isnan(gdf["match_score"]).any()


def test_unreadable_gdal_file(tmp_path):
    path = tmp_path / "broken.gpkg"
    path.write_bytes(b"not a geopackage")
    with pytest.raises(InvalidInput, match="broken.gpkg: GDAL cannot read it"):
        read_incidents(path)


@pytest.mark.parametrize(
    ("cell", "count"),
    [("1,000", 1000), ("1.000", 1000), ("12 000", 12000), ("3", 3), ("3.0", 3), ("0", 0)],
)
def test_casualty_counts_read_thousands_separators_never_as_one(tmp_path, cell, count):
    path = write(tmp_path, "n.csv", f'date,place,killed\n2020-11-23,Tartar,"{cell}"\n')
    assert read_incidents(path).loc[0, "killed"] == count


def test_an_empty_date_is_kept_as_unknown_and_survives_a_round_trip(tmp_path):
    """A report whose source gave no year keeps its place and figures; the date stays empty
    (never guessed) through every format that reads back."""
    path = write(
        tmp_path, "u.csv", "date,date_precision,place,killed\n,day,Tartar,1\n2021-03-04,,Shusha,\n"
    )
    gdf = read_incidents(path)
    assert gdf["date"].tolist() == [None, "2021-03-04"]
    assert gdf["date_precision"].tolist() == [None, "day"] and gdf["killed"].tolist()[0] == 1
    for suffix in ("csv", "geojson", "gpkg", "parquet", "fgb"):
        write_incidents(gdf, tmp_path / f"out.{suffix}")
        back = read_incidents(tmp_path / f"out.{suffix}")
        assert back["date"].tolist() == [None, "2021-03-04"], suffix
