"""The command line: output, exit codes, errors on stderr."""

import json

from typer.testing import CliRunner

from geokarabakh.cli import app

runner = CliRunner()


def test_resolve_prints_each_name():
    result = runner.invoke(app, ["resolve", "Tartar", "Tərtər rayonu", "Шуша", "Stepanakert", "Martuni, Armenia"])
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
