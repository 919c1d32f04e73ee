"""Row-by-row checks of the hand-curated gazetteer tables in ``gazetteer/``.

Each curated CSV is listed in ``CURATED_FILES``; every row of every file is a
separate test case, so a failure names the file and the row id.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

GAZETTEER_DIR = Path(__file__).resolve().parent.parent / "gazetteer"

# Add further curated tables here (e.g. "places_curated.csv"); ids must be unique across all of
# them.
CURATED_FILES = ["admin_areas.csv", "places_curated.csv"]

COLUMNS = [
    "id",
    "kind",
    "name",
    "country",
    "lat",
    "lon",
    "district",
    "admin1",
    "bbox",
    "population",
    "geonames_id",
    "names",
    "source",
    "note",
]
REQUIRED = ["id", "kind", "name", "country", "lat", "lon", "names", "source"]
KINDS = {"settlement", "district", "province", "region", "feature"}
COUNTRIES = {"AZ", "AM"}
# The South Caucasus window the project covers: Armenia's west (Gyumri, 43.85 E) to Baku and Astara.
LAT_RANGE = (38.3, 41.9)
LON_RANGE = (43.4, 50.9)
QUALIFIER = re.compile(r"\b(district|rayon|rayonu|province|marz|район|марз)\b", re.IGNORECASE)


def _existing_files() -> list[str]:
    return [name for name in CURATED_FILES if (GAZETTEER_DIR / name).exists()]


def _read(name: str) -> tuple[list[str], list[dict[str, str]]]:
    with open(GAZETTEER_DIR / name, newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def _row_cases() -> list:
    cases = []
    for name in _existing_files():
        _, rows = _read(name)
        for lineno, row in enumerate(rows, start=2):
            cases.append(pytest.param(name, lineno, row, id=f"{name}:{row.get('id') or lineno}"))
    return cases


def test_admin_areas_file_is_present():
    assert (GAZETTEER_DIR / "admin_areas.csv").exists()


@pytest.mark.parametrize("name", _existing_files())
def test_header(name: str):
    header, rows = _read(name)
    assert header == COLUMNS, f"{name}: header {header} != {COLUMNS}"
    assert rows, f"{name}: no rows"


def test_ids_unique_across_files():
    seen: dict[str, str] = {}
    for name in _existing_files():
        _, rows = _read(name)
        for lineno, row in enumerate(rows, start=2):
            where = f"{name} line {lineno}"
            assert row["id"] not in seen, (
                f"duplicate id {row['id']!r} in {where} and {seen[row['id']]}"
            )
            seen[row["id"]] = where


@pytest.mark.parametrize(("name", "lineno", "row"), _row_cases())
def test_row(name: str, lineno: int, row: dict[str, str]):
    where = f"{name} line {lineno} ({row.get('id')})"
    for col in REQUIRED:
        assert (row.get(col) or "").strip(), f"{where}: {col} is empty"
    assert row["kind"] in KINDS, f"{where}: kind {row['kind']!r} not in {sorted(KINDS)}"
    assert row["country"] in COUNTRIES, (
        f"{where}: country {row['country']!r} not in {sorted(COUNTRIES)}"
    )

    lat, lon = float(row["lat"]), float(row["lon"])
    assert LAT_RANGE[0] <= lat <= LAT_RANGE[1], f"{where}: lat {lat} outside {LAT_RANGE}"
    assert LON_RANGE[0] <= lon <= LON_RANGE[1], f"{where}: lon {lon} outside {LON_RANGE}"

    if row["bbox"]:
        parts = row["bbox"].split()
        assert len(parts) == 4, f"{where}: bbox must be 'west south east north'"
        west, south, east, north = map(float, parts)
        assert west < east and south < north, f"{where}: bbox {row['bbox']!r} is inverted"
        assert west <= lon <= east and south <= lat <= north, (
            f"{where}: bbox {row['bbox']!r} misses ({lat}, {lon})"
        )
    if row["kind"] in {"settlement", "feature"}:
        assert not row["bbox"], f"{where}: {row['kind']} rows carry no bbox"
        assert row["district"], f"{where}: {row['kind']} rows need a district"
    else:
        assert not row["district"], f"{where}: district is for settlements and features only"

    if row["population"]:
        assert row["population"].isdigit(), (
            f"{where}: population {row['population']!r} is not an integer"
        )
    if row["geonames_id"]:
        assert row["geonames_id"].isdigit(), (
            f"{where}: geonames_id {row['geonames_id']!r} is not an integer"
        )

    names = row["names"].split("|")
    assert all(n.strip() == n and n for n in names), (
        f"{where}: empty or padded name in {row['names']!r}"
    )
    bad = [n for n in names if QUALIFIER.search(n)]
    assert not bad, f"{where}: names carry qualifier words: {bad}"
