"""Time ``analyse_incidents`` on 100,000 incidents against a plain per-row shapely loop.

The loop runs on a subset (default 2,000 rows) and is extrapolated to the full count;
both are timed in the same run, on the same random incidents.

    python benchmarks/bench_analysis.py [--n 100000] [--loop-subset 2000]
"""

from __future__ import annotations

import argparse
import time

import geopandas as gpd
import numpy as np
import shapely
from pyproj import Transformer
from shapely.geometry import Point

from geokarabakh import Gazetteer, analyse_incidents, layers_at, load_layers

DAYS = np.array(
    [
        "1999-03-01",
        "2016-04-02",
        "2020-11-09",
        "2021-06-01",
        "2022-09-15",
        "2023-05-01",
        "2025-01-01",
    ]
)


def incidents(n: int, seed: int = 1) -> gpd.GeoDataFrame:
    rng = np.random.default_rng(seed)
    lon, lat = rng.uniform(45.5, 47.8, n), rng.uniform(39.2, 40.7, n)
    return gpd.GeoDataFrame(
        {"date": rng.choice(DAYS, n)}, geometry=gpd.points_from_xy(lon, lat), crs=4326
    )


def per_row(frame: gpd.GeoDataFrame, gazetteer: Gazetteer) -> list[dict]:
    """The plain way: one incident at a time, one transform and one test per layer."""
    to_utm = Transformer.from_crs("EPSG:4326", "EPSG:32638", always_xy=True)

    def utm(geometry):
        return shapely.transform(
            geometry, lambda xy: np.column_stack(to_utm.transform(xy[:, 0], xy[:, 1]))
        )

    layers = load_layers()
    line_1994 = utm(layers.query("kind == 'line_of_contact'").geometry.iloc[0])
    held = layers.query("kind == 'control_area'").geometry.iloc[0]
    azerbaijan = layers.query("kind == 'country' and name == 'Azerbaijan'").geometry.iloc[0]
    rows = []
    for day, point in zip(frame["date"], frame.geometry, strict=False):
        standing = layers_at(day)
        here = Point(to_utm.transform(point.x, point.y))
        lines = standing[standing["kind"].isin(["line_of_contact", "ceasefire_line"])]
        place = gazetteer.reverse(point.y, point.x)
        rows.append(
            {
                "km_to_contact_line": utm(lines.geometry.iloc[0]).distance(here) / 1000
                if len(lines)
                else np.nan,
                "km_to_1994_line": line_1994.distance(here) / 1000,
                "side_of_1994_line": "arm_held"
                if held.contains(point)
                else "az_held"
                if azerbaijan.contains(point)
                else "outside",
                "in_corridor": any(
                    g.contains(point) for g in standing.query("kind == 'corridor'").geometry
                ),
                "nearest_settlement": place.name,
                "district": place.district,
            }
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--loop-subset", type=int, default=2_000)
    args = parser.parse_args()
    frame = incidents(args.n)
    gazetteer = Gazetteer.default()
    analyse_incidents(frame.head(10), gazetteer=gazetteer)  # warm caches (layers, gazetteer tree)

    start = time.perf_counter()
    out = analyse_incidents(frame, gazetteer=gazetteer)
    vectorised = time.perf_counter() - start

    subset = frame.head(args.loop_subset)
    start = time.perf_counter()
    looped = per_row(subset, gazetteer)
    loop_subset = time.perf_counter() - start
    loop_full = loop_subset * args.n / args.loop_subset

    agree = np.allclose(
        out["km_to_1994_line"].head(args.loop_subset),
        [r["km_to_1994_line"] for r in looped],
        atol=2e-3,
    )
    print(f"incidents: {args.n:,}")
    print(
        f"analyse_incidents (vectorised): {vectorised:8.2f} s  ({args.n / vectorised:,.0f} rows/s)"
    )
    print(
        f"per-row shapely loop: {loop_subset:8.2f} s for {args.loop_subset:,} rows -> "
        f"{loop_full:8.1f} s extrapolated to {args.n:,} (not measured at full size)"
    )
    print(
        f"ratio (loop / vectorised): {loop_full / vectorised:,.0f}x; "
        f"results agree on the subset: {agree}"
    )


if __name__ == "__main__":
    main()
