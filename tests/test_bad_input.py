"""Careless and hostile input (issue 12): never silently wrong, never clobbered, one clear line.

Each test reproduces one item of the issue; the fuzz tests at the end feed random bytes,
CSV shapes and JSON to the reader and the command line.
"""

from __future__ import annotations

import json
import math
import os
import stat
import subprocess
import sys

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
from shapely.geometry import Point
from typer.testing import CliRunner

from geokarabakh.cli import app
from geokarabakh.errors import InvalidInput
from geokarabakh.export import write_incidents
from geokarabakh.incidents import new_incidents, parse_date, read_incidents

runner = CliRunner()
HEADER = "date,type,place,killed,injured,source\n"
ROW = "2021-06-0{},landmine,Tartar,1,0,APA\n"


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# -- silently wrong data ----------------------------------------------------------------------

def test_an_unclosed_quote_that_swallows_rows_is_an_error_naming_the_row(tmp_path):
    rows = [f"2021-06-{day:02},landmine,Tartar,1,0,APA\n" for day in range(1, 29)]
    rows[4] = '2021-06-05,landmine,Tartar,1,0,"He said ""hi"" and left\n'
    path = write(tmp_path, "quote.csv", HEADER + "".join(rows))
    with pytest.raises(InvalidInput, match=r"quote\.csv, row 6, field 'source': a quote opened "
                                           r"in this value is never closed: it runs over 23 line"):
        read_incidents(path)
    gdf = read_incidents(path, errors="collect")
    assert len(gdf) == 4 and [(e["row"], e["field"]) for e in gdf.attrs["errors"]] == [(6, "source")]


def test_a_quoted_value_with_line_breaks_is_still_one_row(tmp_path):
    path = write(tmp_path, "multi.csv", HEADER + '2021-06-01,landmine,Tartar,1,0,"two\nlines, one comma"\n'
                 + ROW.format(2))
    assert read_incidents(path)["source"].tolist() == ["two\nlines, one comma", "APA"]


def test_rows_are_numbered_as_a_spreadsheet_shows_them_across_multi_line_cells(tmp_path):
    path = write(tmp_path, "rows.csv", HEADER + '2021-06-01,landmine,Tartar,1,0,"a\nb\nc"\n'
                 "yesterday,landmine,Tartar,1,0,APA\n")
    with pytest.raises(InvalidInput, match=r"row 3, field 'date'"):
        read_incidents(path)


@pytest.mark.parametrize("text", ["The quick brown fox\n", "The quick brown fox\njumps\n",
                                  "name,colour\n"])
def test_a_file_without_the_required_columns_is_an_error_even_without_rows(tmp_path, text):
    with pytest.raises(InvalidInput, match="missing required column 'date'"):
        read_incidents(write(tmp_path, "prose.csv", text))
    result = runner.invoke(app, ["export", str(tmp_path / "prose.csv"), "-o", str(tmp_path / "o.geojson")])
    assert result.exit_code == 2 and "missing required column" in result.stderr
    assert not (tmp_path / "o.geojson").exists()


@pytest.mark.parametrize("column", ["district", "admin2", "Rayon", "region"])
def test_a_district_column_helps_geocoding_and_passes_through(tmp_path, column):
    path = write(tmp_path, "d.csv", f"date,place,{column}\n2021-06-01,Tartar,Tartar District\n")
    gdf = read_incidents(path)
    assert gdf.loc[0, column] == "Tartar District"
    out = write_incidents(gdf, tmp_path / "d.gpkg")
    assert read_incidents(out).loc[0, column] == "Tartar District"


def _two_layers(tmp_path):
    gdf = read_incidents(write(tmp_path, "a.csv", HEADER + ROW.format(1)))
    path = tmp_path / "two.gpkg"
    pyogrio.write_dataframe(gdf, path, layer="first")
    pyogrio.write_dataframe(gdf.assign(source="second"), path, layer="second", append=False)
    return path


def test_a_geopackage_with_several_layers_needs_one_named(tmp_path, recwarn):
    path = _two_layers(tmp_path)
    with pytest.raises(InvalidInput, match=r"two\.gpkg, field 'layer': the file has 2 layers "
                                           r"\(first, second\); pick one with --layer"):
        read_incidents(path)
    assert read_incidents(path, layer="second").loc[0, "source"] == "second"
    with pytest.raises(InvalidInput, match=r"no layer 'third'; the file has: first, second"):
        read_incidents(path, layer="third")
    result = runner.invoke(app, ["export", str(path), "--layer", "first", "-o", str(tmp_path / "o.csv")])
    assert result.exit_code == 0, result.output
    assert not [w for w in recwarn if "layer" in str(w.message).lower()]


@pytest.mark.parametrize(("text", "dayfirst", "expected"), [
    ("03/04/2021", True, "2021-04-03"), ("03/04/2021", False, "2021-03-04"),
    ("23/11/2020", None, "2020-11-23"), ("11/23/2020", None, "2020-11-23"),
    ("04/04/2021", None, "2021-04-04"), ("03.04.2021", None, "2021-04-03"),
    ("2020-11-23 23:59", None, "2020-11-23"), ("2020-11-23T04:30:00Z", None, "2020-11-23"),
])
def test_slashed_dates_need_an_order_only_when_it_is_not_evident(text, dayfirst, expected):
    assert parse_date(text, dayfirst=dayfirst)[0] == expected


@pytest.mark.parametrize(("text", "message"), [
    ("03/04/2021", "could be day/month or month/day"),
    ("2020-11-23 25:99", "'25:99' in '2020-11-23 25:99' is not a time of day"),
    ("2020-11-23T12:00:61", "is not a time of day"),
    ("2020-11-23 soon", "is not a time of day"),
])
def test_ambiguous_dates_and_impossible_times_are_errors(text, message):
    with pytest.raises(ValueError, match=message):
        parse_date(text)


def test_dayfirst_reaches_the_reader_and_the_cli(tmp_path):
    path = write(tmp_path, "us.csv", "date,place\n03/04/2021,Tartar\n")
    with pytest.raises(InvalidInput, match="row 2, field 'date': '03/04/2021' could be"):
        read_incidents(path)
    assert read_incidents(path, dayfirst=False).loc[0, "date"] == "2021-03-04"
    out = tmp_path / "us.geojson"
    result = runner.invoke(app, ["export", str(path), "--monthfirst", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text())["features"][0]["properties"]["date"] == "2021-03-04"


def test_a_nul_byte_anywhere_is_an_error(tmp_path):
    path = tmp_path / "nul.csv"
    path.write_bytes((HEADER + ROW.format(1) * 400).encode() + b"2021-06-02,landmine,Tar\x00tar,1,0,x\n")
    assert path.stat().st_size > 8192
    with pytest.raises(InvalidInput, match=r"NUL byte at offset \d+, line 402"):
        read_incidents(path)
    escaped = write(tmp_path, "nul.json", json.dumps([{"date": "2021", "place": "Tartar",
                                                       "notes": "a\x00b"}]))
    with pytest.raises(InvalidInput, match=r"row 1, field 'notes': the value holds a NUL"):
        read_incidents(escaped)


def test_utf16_with_a_byte_order_mark_is_read_and_without_one_is_named(tmp_path):
    text = "date\tplace\n2021-06-01\tŞuşa\n"
    path = tmp_path / "excel.txt"
    path.write_bytes(text.encode("utf-16"))
    assert read_incidents(path).loc[0, "place_resolved"] == "Shusha"
    path.write_bytes(text.encode("utf-16-le"))
    with pytest.raises(InvalidInput, match="UTF-16 text without a byte-order mark; save it as UTF-8"):
        read_incidents(path)


def test_a_value_over_the_csv_modules_limit_reads_back(tmp_path):
    gdf = read_incidents(write(tmp_path, "a.csv", HEADER + ROW.format(1)))
    gdf["notes"] = "x" * 200_000
    out = write_incidents(gdf, tmp_path / "long.csv")
    assert read_incidents(out).loc[0, "notes"] == "x" * 200_000
