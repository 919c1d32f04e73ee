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
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import pyogrio
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shapely.geometry import Point
from typer.testing import CliRunner

from geokarabakh.cli import app
from geokarabakh.dates import parse_date
from geokarabakh.errors import InvalidInput
from geokarabakh.export import write_incidents
from geokarabakh.incidents import new_incidents, read_incidents

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
    with pytest.raises(
        InvalidInput,
        match=r"quote\.csv, row 6, field 'source': a quote opened "
        r"in this value is never closed: it runs over 23 line",
    ):
        read_incidents(path)
    gdf = read_incidents(path, errors="collect")
    assert len(gdf) == 4 and [(e["row"], e["field"]) for e in gdf.attrs["errors"]] == [
        (6, "source")
    ]


def test_a_quoted_value_with_line_breaks_is_still_one_row(tmp_path):
    path = write(
        tmp_path,
        "multi.csv",
        HEADER + '2021-06-01,landmine,Tartar,1,0,"two\nlines, one comma"\n' + ROW.format(2),
    )
    assert read_incidents(path)["source"].tolist() == ["two\nlines, one comma", "APA"]


def test_rows_are_numbered_as_a_spreadsheet_shows_them_across_multi_line_cells(tmp_path):
    path = write(
        tmp_path,
        "rows.csv",
        HEADER + '2021-06-01,landmine,Tartar,1,0,"a\nb\nc"\nyesterday,landmine,Tartar,1,0,APA\n',
    )
    with pytest.raises(InvalidInput, match=r"row 3, field 'date'"):
        read_incidents(path)


@pytest.mark.parametrize(
    "text", ["The quick brown fox\n", "The quick brown fox\njumps\n", "name,colour\n"]
)
def test_a_file_without_the_required_columns_is_an_error_even_without_rows(tmp_path, text):
    with pytest.raises(InvalidInput, match="missing required column 'date'"):
        read_incidents(write(tmp_path, "prose.csv", text))
    result = runner.invoke(
        app, ["export", str(tmp_path / "prose.csv"), "-o", str(tmp_path / "o.geojson")]
    )
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
    with pytest.raises(
        InvalidInput,
        match=r"two\.gpkg, field 'layer': the file has 2 layers "
        r"\(first, second\); pick one with --layer",
    ):
        read_incidents(path)
    assert read_incidents(path, layer="second").loc[0, "source"] == "second"
    with pytest.raises(InvalidInput, match=r"no layer 'third'; the file has: first, second"):
        read_incidents(path, layer="third")
    with pytest.raises(InvalidInput, match="field 'layer': only GeoPackage, KML"):
        read_incidents(write(tmp_path, "b.csv", HEADER + ROW.format(1)), layer="first")
    result = runner.invoke(
        app, ["export", str(path), "--layer", "first", "-o", str(tmp_path / "o.csv")]
    )
    assert result.exit_code == 0, result.output
    assert not [w for w in recwarn if "layer" in str(w.message).lower()]


@pytest.mark.parametrize(
    ("text", "dayfirst", "expected"),
    [
        ("03/04/2021", True, "2021-04-03"),
        ("03/04/2021", False, "2021-03-04"),
        ("23/11/2020", None, "2020-11-23"),
        ("11/23/2020", None, "2020-11-23"),
        ("04/04/2021", None, "2021-04-04"),
        ("03.04.2021", None, "2021-04-03"),
        ("2020-11-23 23:59", None, "2020-11-23"),
        ("2020-11-23T04:30:00Z", None, "2020-11-23"),
    ],
)
def test_slashed_dates_need_an_order_only_when_it_is_not_evident(text, dayfirst, expected):
    assert parse_date(text, dayfirst=dayfirst)[0] == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("03/04/2021", "could be day/month or month/day"),
        ("2020-11-23 25:99", "'25:99' in '2020-11-23 25:99' is not a time of day"),
        ("2020-11-23T12:00:61", "is not a time of day"),
        ("2020-11-23 soon", "is not a time of day"),
    ],
)
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
    path.write_bytes(
        (HEADER + ROW.format(1) * 400).encode() + b"2021-06-02,landmine,Tar\x00tar,1,0,x\n"
    )
    assert path.stat().st_size > 8192
    with pytest.raises(InvalidInput, match=r"NUL byte at offset \d+, line 402"):
        read_incidents(path)
    escaped = write(
        tmp_path, "nul.json", json.dumps([{"date": "2021", "place": "Tartar", "notes": "a\x00b"}])
    )
    with pytest.raises(InvalidInput, match=r"row 1, field 'notes': the value holds a NUL"):
        read_incidents(escaped)


def test_utf16_with_a_byte_order_mark_is_read_and_without_one_is_named(tmp_path):
    text = "date\tplace\n2021-06-01\tŞuşa\n"
    path = tmp_path / "excel.txt"
    path.write_bytes(text.encode("utf-16"))
    assert read_incidents(path).loc[0, "place_resolved"] == "Shusha"
    path.write_bytes(text.encode("utf-16-le"))
    with pytest.raises(
        InvalidInput, match="UTF-16 text without a byte-order mark; save it as UTF-8"
    ):
        read_incidents(path)


def test_a_value_over_the_csv_modules_limit_reads_back(tmp_path):
    gdf = read_incidents(write(tmp_path, "a.csv", HEADER + ROW.format(1)))
    gdf["notes"] = "x" * 200_000
    out = write_incidents(gdf, tmp_path / "long.csv")
    assert read_incidents(out).loc[0, "notes"] == "x" * 200_000


# -- files destroyed --------------------------------------------------------------------------


def _sample_csv(tmp_path):
    return write(tmp_path, "s.csv", HEADER + ROW.format(1) + ROW.format(2))


@pytest.mark.parametrize("command", [["map"], ["export"]])
def test_an_output_that_is_the_input_is_refused(tmp_path, command):
    path = _sample_csv(tmp_path)
    before = path.read_bytes()
    result = runner.invoke(app, [*command, str(path), "-o", str(path)])
    assert result.exit_code == 2 and "the output is the input" in result.stderr, result.output
    assert path.read_bytes() == before
    link = tmp_path / "link.csv"
    link.symlink_to(path)
    result = runner.invoke(app, [*command, str(path), "-o", str(link)])
    assert result.exit_code == 2 and path.read_bytes() == before


def test_extract_refuses_to_write_over_an_article(tmp_path):
    article = write(tmp_path, "article.txt", "A landmine exploded in Tartar on 23 November 2020.")
    result = runner.invoke(app, ["extract", str(article), "-o", str(article)])
    assert result.exit_code == 2 and "the output is the input" in result.stderr
    assert article.read_text().startswith("A landmine")


def test_a_map_output_must_be_html(tmp_path):
    path = _sample_csv(tmp_path)
    result = runner.invoke(app, ["map", str(path), "-o", str(tmp_path / "other.csv")])
    assert result.exit_code == 2 and "must be a .html page" in result.stderr
    assert not (tmp_path / "other.csv").exists()


def test_a_symlinked_output_replaces_its_target_atomically(tmp_path):
    gdf = read_incidents(_sample_csv(tmp_path))
    target = tmp_path / "real.geojson"
    target.write_text("old")
    link = tmp_path / "link.geojson"
    link.symlink_to(target)
    write_incidents(gdf, link)
    assert link.is_symlink() and len(json.loads(target.read_text())["features"]) == 2


def test_a_fifo_is_written_through(tmp_path):
    gdf = read_incidents(_sample_csv(tmp_path))
    fifo = tmp_path / "pipe.geojson"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    write_incidents(gdf, fifo)
    out, _ = reader.communicate(timeout=30)
    assert stat.S_ISFIFO(fifo.stat().st_mode) and len(json.loads(out)["features"]) == 2


def test_a_device_is_written_to_not_replaced(tmp_path):
    gdf = read_incidents(_sample_csv(tmp_path))
    assert write_incidents(gdf, "/dev/null").as_posix() == "/dev/null"
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    with pytest.raises(OSError, match="/dev/full"):
        write_incidents(gdf, "/dev/full")
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


@pytest.mark.parametrize(
    ("command", "check"),
    [
        (["export", "{csv}", "-o", "-"], lambda out: len(json.loads(out)["features"]) == 2),
        (
            ["map", "{csv}", "-o", "-", "--offline"],
            lambda out: out.lstrip().startswith("<!DOCTYPE html>"),
        ),
        (["layers", "--date", "2021-06-01", "-o", "-"], lambda out: json.loads(out)["features"]),
    ],
)
def test_dash_is_stdout(tmp_path, command, check):
    csv_path = str(_sample_csv(tmp_path))
    result = runner.invoke(app, [part.format(csv=csv_path) for part in command])
    assert result.exit_code == 0, result.output
    assert check(result.stdout) and not (tmp_path / "-").exists()


def test_temporary_files_are_named_after_the_output_and_stale_ones_removed(tmp_path):
    gdf = read_incidents(_sample_csv(tmp_path))
    out = tmp_path / "out.geojson"
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    stale = tmp_path / f".out.geojson.geokarabakh-tmp-{dead.stdout.strip()}-0badc0de.geojson"
    stale.write_bytes(b"x" * 1000)  # as a killed write leaves it
    running = tmp_path / f".out.geojson.geokarabakh-tmp-{os.getpid()}-00000000.geojson"
    running.write_bytes(b"")  # a write still going on in a live process: left alone
    seen = []
    write_incidents(gdf, out)
    from geokarabakh import export

    export.write_atomic(
        tmp_path / "x.geojson", lambda tmp: seen.append(tmp.name) or tmp.write_text("{}")
    )
    assert seen[0].startswith(".x.geojson.geokarabakh-tmp-") and seen[0].endswith(".geojson")
    assert not stale.exists() and running.exists()


def test_a_killed_write_leaves_a_recognisable_file_the_next_run_removes(tmp_path):
    out = tmp_path / "big.geojson"
    script = (
        "import os, sys; from pathlib import Path; from geokarabakh.export import write_atomic\n"
        "def write(tmp):\n    tmp.write_bytes(b'x' * 100000); os.kill(os.getpid(), 9)\n"
        f"write_atomic(Path({str(out)!r}), write)\n"
    )
    subprocess.run([sys.executable, "-c", script], check=False)
    [left] = [p.name for p in tmp_path.iterdir()]
    assert left.startswith(".big.geojson.geokarabakh-tmp-") and not out.exists()
    write_incidents(read_incidents(write(tmp_path / "..", "k.csv", HEADER + ROW.format(1))), out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.geojson"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_a_permission_error_names_the_users_path(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    gdf = read_incidents(_sample_csv(tmp_path))
    with pytest.raises(PermissionError) as caught:
        write_incidents(gdf, folder / "out.geojson")
    assert caught.value.filename == str(folder / "out.geojson")


def test_a_failed_write_names_the_users_path_not_the_temporary(tmp_path, monkeypatch):
    gdf = read_incidents(_sample_csv(tmp_path))

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(args[0]))

    monkeypatch.setattr(os, "replace", refuse)
    result = runner.invoke(
        app, ["export", str(tmp_path / "s.csv"), "-o", str(tmp_path / "o.geojson")]
    )
    assert result.exit_code == 2
    assert str(tmp_path / "o.geojson") in result.stderr and "geokarabakh-tmp" not in result.stderr
    assert gdf is not None and sorted(p.name for p in tmp_path.iterdir()) == ["s.csv"]


# -- outputs that hurt their reader -----------------------------------------------------------

HOSTILE = {
    "id": 'x"><NetworkLink><Link><href>http://127.0.0.1:9/</href></Link></NetworkLink><a b="',
    "notes": "a ]]> b <![CDATA[ <b>bold</b> \x01\x0b\x1f & &amp; ",
    "source": '=HYPERLINK("http://127.0.0.1:9/","click")',
    'we<ird "col">': "+1+2",
}


def _hostile(tmp_path):
    gdf = read_incidents(_sample_csv(tmp_path))
    for name, value in HOSTILE.items():
        gdf.loc[0, name] = value
    return gdf


def test_kml_escapes_every_value_and_name_and_gdal_reads_it_back(tmp_path):
    gdf = _hostile(tmp_path)
    path = write_incidents(gdf, tmp_path / "h.kml")
    text = path.read_text(encoding="utf-8")
    from xml.etree import ElementTree

    root = ElementTree.fromstring(text.encode())  # well-formed
    assert not root.findall(".//{http://www.opengis.net/kml/2.2}NetworkLink")
    back = pyogrio.read_dataframe(path)
    assert len(back) == 2 and back.loc[0, "id"] == HOSTILE["id"]
    assert (
        back.loc[0, "description"] == "a ]]> b <![CDATA[ <b>bold</b>  & &amp; "
    )  # XML-illegal left out
    ours = read_incidents(path)
    assert ours["id"].tolist() == gdf["id"].tolist() and ours.loc[0, 'we<ird "col">'] == "+1+2"
    assert ours["place"].tolist() == gdf["place"].tolist()
    assert ours["source"].tolist() == gdf["source"].tolist()


def test_csv_cells_that_a_spreadsheet_would_run_get_an_apostrophe(tmp_path):
    gdf = _hostile(tmp_path)
    gdf.loc[1, "notes"] = "@SUM(1)"
    gdf.loc[0, "place"] = "-Tartar"
    gdf.loc[1, "source"] = "'=already quoted"
    path = write_incidents(
        gdf.drop(columns=["notes"]).assign(notes=["\tx", "@SUM(1)"]), tmp_path / "h.csv"
    )
    cells = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert cells.loc[0, "source"] == "'" + HOSTILE["source"] and cells.loc[0, "place"] == "'-Tartar"
    assert cells.loc[1, "source"] == "''=already quoted" and cells.loc[1, "notes"] == "'@SUM(1)"
    assert cells.loc[0, 'we<ird "col">'] == "'+1+2" and cells.loc[0, "lon"].startswith("46.")
    back = read_incidents(path)  # the reader takes the apostrophe off again
    assert back["source"].tolist() == [HOSTILE["source"], "'=already quoted"]
    assert back.loc[1, "notes"] == "@SUM(1)"
    for suffix in ("geojson", "gpkg"):  # other formats keep the values exact
        again = read_incidents(write_incidents(gdf, tmp_path / f"h.{suffix}"))
        assert again.loc[0, "source"] == HOSTILE["source"] and again.loc[1, "notes"] == "@SUM(1)"


def test_a_lone_surrogate_is_an_error_naming_row_and_field(tmp_path):
    gdf = read_incidents(_sample_csv(tmp_path))
    gdf.loc[1, "notes"] = "bad \udc80 bytes"
    for suffix in ("geojson", "gpkg", "csv", "kml"):
        with pytest.raises(
            InvalidInput, match="row 2, field 'notes': the text holds a NUL or a lone surrogate"
        ):
            write_incidents(gdf, tmp_path / f"out.{suffix}")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.csv"]


# -- tracebacks and misleading messages -------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        (
            "cells.json",
            '[{"date": "2021-01-01", "place": "Tartar", "notes": ["a"], "killed": {"x": 1}}]',
            "row 1, field 'killed': '{\"x\": 1}' is not a whole number",
        ),
        (
            "cells2.json",
            '[{"date": ["2021"], "place": "Tartar"}]',
            "row 1, field 'date': cannot read the date",
        ),
        ("deep.json", "[" * 2000 + "]" * 2000, "JSON nested too deeply"),
        (
            "crs.geojson",
            '{"type": "FeatureCollection", "crs": "EPSG:3857", "features": []}',
            "field 'crs': the GeoJSON declares the CRS EPSG:3857",
        ),
        (
            "crs2.geojson",
            '{"type": "FeatureCollection", "crs": {"properties": 5}, "features": []}',
            "field 'crs': the GeoJSON declares the CRS",
        ),
        (
            "case.csv",
            "date,place,type,TYPE\n2021-01-01,Tartar,mine,x\n",
            "the columns 'type' and 'TYPE' differ only in case",
        ),
        (
            "case2.json",
            '[{"id": "a", "ID": "b", "date": "2021", "place": "Tartar"}]',
            "the columns 'id' and 'ID' differ only in case",
        ),
    ],
)
def test_bad_files_get_one_line_not_a_traceback(tmp_path, name, text, message):
    path = write(tmp_path, name, text)
    with pytest.raises(InvalidInput, match=message.replace("(", r"\(").replace("{", r"\{")):
        read_incidents(path)
    result = runner.invoke(app, ["export", str(path), "-o", str(tmp_path / "out.gpkg")])
    assert (
        result.exit_code == 2 and result.stderr.count("\n") == 1 and message[:20] in result.stderr
    )


def test_a_fid_column_goes_to_geopackage_and_back(tmp_path):
    path = write(tmp_path, "fid.csv", "date,place,id,FID\n2021-01-01,Tartar,a,x\n")
    out = write_incidents(read_incidents(path), tmp_path / "fid.gpkg")
    back = read_incidents(out)
    assert back.loc[0, "id"] == "a" and back.loc[0, "FID"] == "x"


def test_a_geopackage_without_geometry_is_read_by_its_places(tmp_path):
    path = tmp_path / "table.gpkg"
    pyogrio.write_dataframe(pd.DataFrame({"date": ["2021-01-01"], "place": ["Tartar"]}), path)
    assert read_incidents(path).loc[0, "place_resolved"] == "Tartar"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            bytes(range(256)) * 4,
            "a binary file, not CSV, JSON or GeoJSON text (NUL byte at offset 0",
        ),
        (b"date,place\n\xff\xfe2021\n", "not UTF-8 text (byte 0xff on line 2)"),
        (
            "date,place\n2021-01-01,Tartar\n".encode("utf-16-le"),
            "UTF-16 text without a byte-order mark",
        ),
    ],
)
def test_binary_and_utf16_on_stdin_get_one_line(tmp_path, data, message):
    result = runner.invoke(app, ["map", "-", "-o", str(tmp_path / "m.html")], input=data)
    assert result.exit_code == 2 and "<stdin>" in result.stderr and message in result.stderr, (
        result.output
    )
    assert "Traceback" not in result.output and not (tmp_path / "m.html").exists()


def test_utf16_with_a_bom_on_stdin_is_read(tmp_path):
    data = "date,place\n2021-01-01,Tartar\n".encode("utf-16")
    result = runner.invoke(app, ["map", "-", "-o", str(tmp_path / "m.html")], input=data)
    assert result.exit_code == 0 and "1 incident(s)" in result.stderr


def test_user_text_is_printed_literally_never_as_markup(tmp_path):
    result = runner.invoke(
        app,
        [
            "map",
            "--from",
            "[red]x[/] [link=http://127.0.0.1:9]y[/link]",
            "-o",
            str(tmp_path / "m.html"),
        ],
    )
    assert result.exit_code == 2
    assert "'[red]x[/] [link=http://127.0.0.1:9]y[/link]'" in result.stderr
    result = runner.invoke(app, ["map", "--from", "[/bold]", "-o", str(tmp_path / "m.html")])
    assert result.exit_code == 2 and "'[/bold]'" in result.stderr
    result = runner.invoke(app, ["resolve", "-n", "2", "Shusha", "[bold]Tartar"])
    assert "Shusha → Shusha" in result.stdout and "[bold]" in result.output


# -- the Python API ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def three():
    return new_incidents(
        [
            {"id": f"i{n}", "date": f"2021-06-0{n}", "place": "Tartar", "killed": n}
            for n in (1, 2, 3)
        ]
    )


def test_a_nan_point_is_written_as_no_geometry_and_an_infinite_one_is_an_error(tmp_path, three):
    gdf = three.copy()
    gdf.loc[0, "geometry"] = Point(np.nan, np.nan)
    document = json.loads(write_incidents(gdf, tmp_path / "n.geojson").read_text())
    assert document["features"][0]["geometry"] is None
    assert document["features"][1]["geometry"]["coordinates"][0] == pytest.approx(46.93161)
    gdf.loc[1, "geometry"] = Point(math.inf, 40)
    with pytest.raises(
        InvalidInput, match=r"row 2, field 'geometry': the point \(inf, 40\) is not"
    ):
        write_incidents(gdf, tmp_path / "n.geojson")


def test_incident_map_takes_nan_points_and_aware_dates_and_refuses_infinite_casualties(three):
    from geokarabakh.render import incident_map

    gdf = three.copy()
    gdf.loc[0, "geometry"] = Point(np.nan, np.nan)
    gdf["date"] = pd.to_datetime(gdf["date"]).dt.tz_localize("Asia/Baku")
    page = incident_map(gdf).get_root().render()
    assert "(1 without a location not shown)" in page
    gdf["killed"] = [1.0, math.inf, 2.0]
    with pytest.raises(InvalidInput, match="row 2, field 'killed': inf is not a whole number"):
        incident_map(gdf)
    gdf["killed"] = 1
    gdf.loc[2, "geometry"] = Point(200, 146)
    with pytest.raises(InvalidInput, match=r"row 3, field 'geometry': the point \(200, 146\)"):
        incident_map(gdf)


def test_analysis_refuses_a_point_off_the_earth(three):
    from geokarabakh.analysis import analyse_incidents

    gdf = three.copy()
    gdf.loc[1, "geometry"] = Point(200, 146)
    with pytest.raises(InvalidInput, match=r"row 2, field 'geometry': the point \(200, 146\)"):
        analyse_incidents(gdf)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda gaz: gaz.reverse("39.7", "46.7"), "field 'lat': '39.7' is not a finite number"),
        (lambda gaz: gaz.reverse(math.nan, 46.7), "field 'lat': nan is not a finite number"),
        (lambda gaz: gaz.nearest([39.7, math.nan], [46.7, 46.8]), "row 2, field 'lat/lon'"),
        (lambda gaz: gaz.nearest([39.7], [46.7, 46.8]), "as many of one as of the other"),
        (
            lambda gaz: gaz.resolve("Shusha", kind=["district"]),
            "field 'kind': kind \\['district'\\] is not",
        ),
        (
            lambda gaz: gaz.resolve("Shusha", country="XX"),
            "field 'country': country 'XX' is not one of AM, AZ",
        ),
        (
            lambda gaz: gaz.search("Shusha", country="az"),
            "field 'country': country 'az' is not one of",
        ),
    ],
)
def test_gazetteer_calls_with_wrong_arguments_get_invalid_input(call, message):
    from geokarabakh.gazetteer import Gazetteer

    with pytest.raises(InvalidInput, match=message):
        call(Gazetteer.default())


def test_layers_at_a_missing_date_is_invalid_input():
    from geokarabakh.layers import layers_at

    with pytest.raises(InvalidInput, match="field 'date': the date is missing"):
        layers_at(pd.NaT)


# -- messages that tell the truth -------------------------------------------------------------


def test_map_counts_the_incidents_it_shows(tmp_path):
    result = runner.invoke(app, ["map", "--from", "2030-01-01", "-o", str(tmp_path / "m.html")])
    assert result.exit_code == 0, result.output
    assert "wrote a map of 0 incident(s) (14 outside --from/--to left out)" in result.stderr
    result = runner.invoke(
        app, ["map", "--from", "2021-01-01", "--to", "2021-12-31", "-o", str(tmp_path / "m.html")]
    )
    shown = int(result.stderr.split("map of ")[1].split()[0])
    assert 0 < shown < 14


def test_layers_without_a_date_say_so(tmp_path):
    result = runner.invoke(app, ["layers", "-o", str(tmp_path / "l.geojson")])
    assert result.exit_code == 0 and "None" not in result.stderr and "(every date)" in result.stderr


def test_an_empty_point_is_a_row_without_a_location(tmp_path):
    document = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "geometry": None, "properties": {"date": "2021", "place": "Tartar"}}
        ],
    }
    gdf = read_incidents(write(tmp_path, "e.geojson", json.dumps(document)))
    gdf.loc[0, "geometry"] = Point()
    again = new_incidents(gdf.drop(columns=["place"]).assign(place=None), errors="collect")
    assert again.attrs["errors"][0]["message"].startswith("no coordinates and no place name")
    assert new_incidents(gdf).loc[0, "place_resolved"] == "Tartar"


def test_a_table_of_thousands_of_columns_is_refused_at_once(tmp_path):
    from geokarabakh.incidents import MAX_COLUMNS

    columns = ["date", "place", *(f"c{i}" for i in range(20_000))]
    path = write(
        tmp_path,
        "wide.csv",
        ",".join(columns) + "\n" + ",".join(["2021-01-01", "Tartar", *["v"] * 20_000]) + "\n",
    )
    with pytest.raises(
        InvalidInput, match=r"wide\.csv: 20,002 columns; a table of incidents has at most 1,000"
    ):
        read_incidents(path)
    wide = read_incidents(
        write(
            tmp_path,
            "ok.csv",
            ",".join(columns[:MAX_COLUMNS])
            + "\n"
            + ",".join(["2021-01-01", "Tartar", *["v"] * (MAX_COLUMNS - 2)])
            + "\n",
        )
    )
    assert wide.shape == (1, MAX_COLUMNS - 2 + 14)


# -- fuzz: random bytes, CSV shapes and JSON ----------------------------------------------------

FUZZ = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
COLUMNS = [
    "date",
    "place",
    "lat",
    "lon",
    "killed",
    "injured",
    "type",
    "notes",
    "id",
    "district",
    "geometry",
    "Date",
    "x y",
    "",
]
CELLS = st.one_of(
    st.sampled_from(
        [
            "2021-06-01",
            "03/04/2021",
            "2020-11-23 25:99",
            "Tartar",
            "Şuşa",
            "Шуша",
            "40.3",
            "46.9",
            "1,000",
            "1e20",
            "-1",
            '=HYPERLINK("x")',
            "'=1",
            "",
            " ",
            '"',
            '""',
            "a\nb",
            "a,b",
            "a;b",
            "\t",
            "[]",
            "{}",
            "null",
            "\x00",
            "\ud800",
        ]
    ),
    st.text(max_size=12),
)
COMPARED = ["id", "date", "date_precision", "type", "place", "killed", "injured", "notes"]


def _round_trips(gdf, tmp_path):
    """What was read writes to CSV, GeoJSON and GeoPackage and reads back the same."""
    for suffix in ("csv", "geojson", "gpkg"):
        back = read_incidents(write_incidents(gdf, tmp_path / f"fuzz-out.{suffix}"))
        pd.testing.assert_frame_equal(
            pd.DataFrame(back[COMPARED]), pd.DataFrame(gdf[COMPARED]), check_dtype=False
        )
        assert back.geom_equals_exact(gdf.geometry, tolerance=1e-6).all()


def _read_or_one_line(path, tmp_path):
    try:
        gdf = read_incidents(path)
    except InvalidInput:
        return None
    _round_trips(gdf, tmp_path)
    return gdf


@FUZZ
@given(
    data=st.binary(max_size=400), suffix=st.sampled_from([".csv", ".json", ".geojson", ".txt", ""])
)
def test_fuzz_random_bytes(tmp_path, data, suffix):
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)
    _read_or_one_line(path, tmp_path)


@FUZZ
@given(
    header=st.lists(st.sampled_from(COLUMNS), min_size=1, max_size=6),
    rows=st.lists(st.lists(CELLS, max_size=7), max_size=5),
    delimiter=st.sampled_from([",", ";", "\t"]),
    quote=st.booleans(),
)
def test_fuzz_csv_shapes(tmp_path, header, rows, delimiter, quote):
    def cell(value):
        return '"' + value.replace('"', '""') + '"' if quote else value

    text = "\n".join(delimiter.join(cell(v) for v in row) for row in [header, *rows])
    path = tmp_path / "fuzz.csv"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    _read_or_one_line(path, tmp_path)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | CELLS,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(COLUMNS + ["type", "features", "coordinates"]), inner, max_size=4
        )
    ),
    max_leaves=12,
)
RECORD = st.fixed_dictionaries(
    {"date": CELLS, "place": CELLS},
    optional={name: JSON for name in ("killed", "lat", "lon", "notes", "id", "geometry")},
)


@FUZZ
@given(
    document=st.one_of(
        JSON,
        st.lists(RECORD, max_size=4),
        st.builds(
            lambda records: {
                "type": "FeatureCollection",
                "features": [
                    {"type": "Feature", "geometry": r.pop("geometry", None), "properties": r}
                    for r in records
                ],
            },
            st.lists(RECORD, max_size=3),
        ),
    )
)
def test_fuzz_json(tmp_path, document):
    path = tmp_path / "fuzz.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    _read_or_one_line(path, tmp_path)


@FUZZ
@given(
    data=st.one_of(
        st.binary(max_size=300),
        st.lists(st.lists(CELLS, max_size=5), max_size=4).map(
            lambda rows: "\n".join(
                ",".join(r) for r in [["date", "place", "killed"], *rows]
            ).encode("utf-8", "surrogatepass")
        ),
    ),
    command=st.sampled_from(["export", "map"]),
)
def test_fuzz_cli_leaves_the_output_alone_on_failure(tmp_path, data, command):
    tmp_path = Path(tempfile.mkdtemp(dir=tmp_path))  # one folder per example
    source = tmp_path / "in.csv"
    source.write_bytes(data)
    out = tmp_path / ("out.html" if command == "map" else "out.geojson")
    out.write_text("the old output")
    result = runner.invoke(app, [command, str(source), "-o", str(out)])
    assert isinstance(result.exception, SystemExit | None), repr(result.exception)
    if result.exit_code == 0:
        assert out.read_text(encoding="utf-8") != "the old output"
    else:
        assert result.exit_code == 2 and result.stderr.startswith("error: ")
        assert len(result.stderr.strip().splitlines()) == 1
        assert out.read_text() == "the old output"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv", out.name]


def test_control_characters_from_the_input_reach_the_terminal_escaped(tmp_path):
    path = write(tmp_path, "esc.csv", "\x1b[31mname\x1b[2J,x\u2028y\n1,2\n")
    result = runner.invoke(app, ["export", str(path), "-o", str(tmp_path / "o.geojson")])
    assert result.exit_code == 2 and "\x1b" not in result.stderr and "\u2028" not in result.stderr
    assert "\\x1b[31mname\\x1b[2J" in result.stderr and len(result.stderr.splitlines()) == 1
    result = runner.invoke(app, ["resolve", "Tartar\x1b[2J"])
    assert "\x1b" not in result.output


def test_the_writers_refuse_what_could_not_be_read_back(tmp_path, three):
    gdf = three.assign(TYPE="x")
    for suffix in ("gpkg", "kml", "csv", "geojson"):
        with pytest.raises(InvalidInput, match="the columns 'type' and 'TYPE' differ only in case"):
            write_incidents(gdf, tmp_path / f"case.{suffix}")
    gdf = three.copy()
    gdf.loc[0, "notes"] = "cut\x00here"
    with pytest.raises(InvalidInput, match="row 1, field 'notes': the text holds a NUL"):
        write_incidents(gdf, tmp_path / "nul.gpkg")
    assert not list(tmp_path.iterdir())
