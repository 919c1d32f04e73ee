"""The command line: output, exit codes, errors on stderr."""

import json

from typer.testing import CliRunner

from geokarabakh.cli import app

runner = CliRunner()


def test_resolve_prints_each_name():
    result = runner.invoke(
        app, ["resolve", "Tartar", "Tərtər rayonu", "Шуша", "Stepanakert", "Martuni, Armenia"]
    )
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if "→" in line]
    assert len(lines) == 5
    assert "Tartar (settlement, AZ" in lines[0] and "Tartar District (district, AZ" in lines[1]
    assert "Shusha" in lines[2] and "Khankendi" in lines[3] and "(settlement, AM" in lines[4]


def test_resolve_json():
    result = runner.invoke(app, ["resolve", "--json", "Khojavend"])
    assert result.exit_code == 0
    [record] = json.loads(result.stdout)
    assert record["query"] == "Khojavend" and record["name"] == "Khojavend"
    assert record["kind"] == "settlement" and record["country"] == "AZ"
    assert "Martuni" in record["names"]


def test_resolve_unknown_exits_non_zero_with_suggestions_on_stderr():
    result = runner.invoke(app, ["resolve", "Tartar", "Khojavendqqqq zzz"])
    assert result.exit_code == 1
    assert "not found" in result.stderr and "did you mean" in result.stderr
    assert "Tartar" in result.stdout


def test_resolve_empty_name_is_an_error_not_a_crash():
    result = runner.invoke(app, ["resolve", ""])
    assert result.exit_code == 1
    assert "empty place name" in result.stderr and "Traceback" not in result.output


def test_map_reads_incidents_piped_on_stdin(tmp_path):
    geojson = (
        '{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": '
        '{"type": "Point", "coordinates": [46.75, 39.76]}, "properties": {"date": "2021-06-14", '
        '"type": "landmine", "place": "Shusha", "killed": 1, "injured": 0}}]}'
    )
    out = tmp_path / "piped.html"
    result = runner.invoke(app, ["map", "-", "-o", str(out)], input=geojson)
    assert result.exit_code == 0, result.output
    assert "1 incident" in result.stderr and out.stat().st_size > 10_000


def test_map_names_stdin_in_errors(tmp_path):
    result = runner.invoke(app, ["map", "-", "-o", str(tmp_path / "x.html")], input="")
    assert result.exit_code == 2
    assert "<stdin>" in result.stderr and "empty" in result.stderr
    assert not (tmp_path / "x.html").exists()
