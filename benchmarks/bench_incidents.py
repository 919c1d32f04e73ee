"""Read, geocode and write 100,000 incidents: geokarabakh against the plain way, same run.

The plain way is what a script written without this package does: pandas reads
the CSV, a per-row Python loop calls a geopy-style geocoder
(``OfflineGeocoder().geocode``, so the same offline data) for rows without
coordinates, pandas parses the dates, and ``GeoDataFrame.to_file`` writes.
geokarabakh resolves each distinct name once and validates every row.

The gazetteer's own lookup cache is cleared before each side, so both pay for
resolving each distinct name once; the plain loop still gains from that cache
on repeats, which makes the ratio conservative.

    python benchmarks/bench_incidents.py [--rows 100000] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geokarabakh.export import write_incidents
from geokarabakh.gazetteer import AREA_OF_INTEREST, Gazetteer
from geokarabakh.geocoder import OfflineGeocoder
from geokarabakh.incidents import read_incidents

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _name_pool(gazetteer: Gazetteer, size: int, rng: random.Random) -> list[str]:
    """Spellings (Latin, Cyrillic, Armenian) of places in the Karabakh area that resolve."""
    west, south, east, north = AREA_OF_INTEREST
    spellings = [
        name
        for place in gazetteer.places
        if west <= place.lon <= east and south <= place.lat <= north
        for name in place.all_names
        if all(ch < "\u0370" or "\u0400" <= ch <= "\u058f" for ch in name)
    ]
    rng.shuffle(spellings)
    pool = []
    for name in spellings:
        try:
            gazetteer.resolve(name)
        except LookupError:
            continue
        pool.append(name)
        if len(pool) == size:
            break
    return pool


def make_csv(path: Path, rows: int, seed: int, gazetteer: Gazetteer) -> int:
    """Write ``rows`` synthetic incidents; return how many distinct place names they use."""
    rng = random.Random(seed)
    pool = _name_pool(gazetteer, 2000, rng)
    records = []
    for number in range(rows):
        day = rng.randint(1, 28)
        month = rng.randint(1, 12)
        year = rng.randint(2020, 2024)
        date = rng.choice(
            (
                f"{year}-{month:02d}-{day:02d}",
                f"{day:02d}.{month:02d}.{year}",
                f"{day} {_MONTHS[month - 1]} {year}",
            )
        )
        place = rng.choice(pool)
        lat = lon = ""
        if rng.random() < 0.2:  # a fifth carry their own coordinates, near the place
            found = gazetteer.resolve(place)
            lat, lon = (
                f"{found.lat + rng.uniform(-0.01, 0.01):.5f}",
                f"{found.lon + rng.uniform(-0.01, 0.01):.5f}",
            )
        records.append(
            {
                "id": f"inc-{number}",
                "date": date,
                "type": "landmine",
                "place": place,
                "lat": lat,
                "lon": lon,
                "killed": rng.randint(0, 3),
                "injured": rng.randint(0, 5),
                "source": "synthetic benchmark row",
            }
        )
    pd.DataFrame.from_records(records).to_csv(path, index=False)
    return len(pool)


def plain_way(source: Path, out: Path) -> dict[str, float]:
    times = {}
    start = time.perf_counter()
    frame = pd.read_csv(source, dtype=str, keep_default_na=False)
    geocoder = OfflineGeocoder()
    lats, lons = [], []
    for row in frame.itertuples(index=False):  # the per-row loop
        if row.lat and row.lon:
            lats.append(float(row.lat))
            lons.append(float(row.lon))
            continue
        location = geocoder.geocode(row.place)
        lats.append(location.latitude if location else None)
        lons.append(location.longitude if location else None)
    frame["date"] = pd.to_datetime(frame["date"], format="mixed", dayfirst=True).dt.strftime(
        "%Y-%m-%d"
    )
    frame = frame.drop(columns=["lat", "lon"])
    gdf = gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(lons, lats), crs="EPSG:4326")
    times["read+geocode"] = time.perf_counter() - start
    start = time.perf_counter()
    gdf.to_file(out.with_suffix(".geojson"))
    times["write GeoJSON"] = time.perf_counter() - start
    start = time.perf_counter()
    gdf.to_file(out.with_suffix(".gpkg"), layer="incidents")
    times["write GPKG"] = time.perf_counter() - start
    return times


def geokarabakh_way(source: Path, out: Path) -> dict[str, float]:
    times = {}
    start = time.perf_counter()
    gdf = read_incidents(source)
    times["read+geocode"] = time.perf_counter() - start
    start = time.perf_counter()
    write_incidents(gdf, out.with_suffix(".geojson"))
    times["write GeoJSON"] = time.perf_counter() - start
    start = time.perf_counter()
    write_incidents(gdf, out.with_suffix(".gpkg"))
    times["write GPKG"] = time.perf_counter() - start
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    gazetteer = Gazetteer.default()
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "incidents.csv"
        distinct = make_csv(source, args.rows, args.seed, gazetteer)
        print(
            f"{args.rows:,} incidents, {distinct:,} distinct place spellings, "
            f"80% without coordinates"
        )
        results = {}
        for name, way in (("plain", plain_way), ("geokarabakh", geokarabakh_way)):
            gazetteer._resolve_cached.cache_clear()
            results[name] = way(source, Path(folder) / name)
        print(f"{'step':16}{'plain (s)':>12}{'geokarabakh (s)':>18}{'ratio':>10}")
        for step in results["plain"]:
            plain, ours = results["plain"][step], results["geokarabakh"][step]
            print(f"{step:16}{plain:12.2f}{ours:18.2f}{plain / ours:9.1f}x")
        plain, ours = sum(results["plain"].values()), sum(results["geokarabakh"].values())
        print(f"{'total':16}{plain:12.2f}{ours:18.2f}{plain / ours:9.1f}x")


if __name__ == "__main__":
    main()
