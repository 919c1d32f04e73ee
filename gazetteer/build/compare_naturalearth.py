"""Compare this project's reference layers with Natural Earth's Karabakh lines, side by side.

Run from the repository root; prints the Markdown table of ``gazetteer/layers/README.md``:

    python gazetteer/build/compare_naturalearth.py

Natural Earth (public domain, "Made with Natural Earth") copies are in ``naturalearth/`` beside
this script (the derived files of the project's reference extraction; see its README). Lines are
compared by distance in UTM 38N: points every 100 m along each line, to the other line, both
ways (mean of both directions; the maximum is the Hausdorff distance). Areas by IoU
(intersection over union) in UTM 38N.
"""

from __future__ import annotations

import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

HERE = Path(__file__).resolve().parent.parent / "layers"  # the layers it compares
NE = HERE / "naturalearth"
UTM = "EPSG:32638"
TOWNS = {
    "Shusha": (46.74989, 39.76006),
    "Talish": (46.74083, 40.38139),
    "Madagiz": (46.72944, 40.33139),
}


def _ours(file: str, kind: str, valid_from: str | None = None) -> shapely.Geometry:
    frame = gpd.read_file(HERE / file)
    frame = frame[frame["kind"] == kind]
    if valid_from:
        frame = frame[frame["valid_from"].astype(str) == valid_from]
    return frame.to_crs(UTM).geometry.union_all()


def _ne(file: str, variant: str | None = None) -> shapely.Geometry:
    """A Natural Earth geometry: the feature of that variant, else the file's first feature."""
    frame = gpd.read_file(NE / file)
    frame = frame[frame["variant"] == variant] if variant else frame.iloc[:1]
    return frame.to_crs(UTM).geometry.union_all()


def _one_way(a: shapely.Geometry, b: shapely.Geometry) -> np.ndarray:
    """Distances (m) from points every 100 m along ``a`` to ``b``."""
    parts = getattr(a, "geoms", [a])
    points = [part.interpolate(d) for part in parts for d in np.arange(0, part.length, 100.0)]
    return shapely.distance(np.asarray(points, dtype=object), b)


def line_distance_km(a: shapely.Geometry, b: shapely.Geometry) -> tuple[float, float]:
    """(mean of both directions, maximum) distance in km between two lines."""
    there, back = _one_way(a, b), _one_way(b, a)
    return (float(there.mean() + back.mean()) / 2000, float(max(there.max(), back.max())) / 1000)


def iou(a: shapely.Geometry, b: shapely.Geometry) -> float:
    return float(shapely.intersection(a, b).area / shapely.union(a, b).area)


def _contains(area_utm: shapely.Geometry, lonlat: tuple[float, float]) -> bool:
    point = gpd.GeoSeries([shapely.Point(lonlat)], crs="EPSG:4326").to_crs(UTM).iloc[0]
    return bool(area_utm.contains(point))


def compare() -> list[dict]:
    """One row per pair of layers compared."""
    held_1994 = _ours("control_area.geojson", "control_area", "1994-05-12")
    zone = _ours("peacekeeping_zone_2020.geojson", "peacekeeping_zone")
    nkao = _ours("nkao_outline_1923.geojson", "nkao_outline")
    line_1994 = _ours("line_of_contact_1994.geojson", "line_of_contact", "1994-05-12")
    ne_zone = _ne("ne_derived_ceasefire_2020.geojson", "area_excl_corridor")
    ne_nkao = _ne("ne_derived_nkao_1991_polygon.geojson")
    rows = []
    for variant in ("ne50m", "hybrid_10m_line_50m_border", "ne10m_line_on_worldatlas_aze"):
        rows.append(
            {
                "ours": "control_area from 1994-05-12",
                "natural_earth": f"1994 held area ({variant})",
                "iou": iou(held_1994, _ne("ne_derived_area_1994_polygons.geojson", variant)),
            }
        )
    mean, most = line_distance_km(line_1994, _ne("ne_derived_loc_1994_line.geojson"))
    rows.append(
        {
            "ours": "line_of_contact 1994",
            "natural_earth": "Ceasefire Line 1994 (10m, merged)",
            "mean_km": mean,
            "max_km": most,
        }
    )
    mean, most = line_distance_km(zone.boundary, ne_zone.boundary)
    rows.append(
        {
            "ours": "peacekeeping_zone / ceasefire_line 2020",
            "iou": iou(zone, ne_zone),
            "natural_earth": "Ceasefire Line 2020 area without the corridor",
            "mean_km": mean,
            "max_km": most,
            "note": "; ".join(
                f"{town}: ours {'in' if _contains(zone, xy) else 'out'}, NE "
                f"{'in' if _contains(ne_zone, xy) else 'out'}"
                for town, xy in TOWNS.items()
            ),
        }
    )
    mean, most = line_distance_km(nkao.boundary, ne_nkao.boundary)
    rows.append(
        {
            "ours": "nkao_outline",
            "natural_earth": "NKAO c. 1991 (v5 lines, closed)",
            "iou": iou(nkao, ne_nkao),
            "mean_km": mean,
            "max_km": most,
        }
    )
    return rows


def markdown(rows: list[dict]) -> str:
    def cell(row: dict, key: str, digits: int) -> str:
        return f"{row[key]:.{digits}f}" if key in row else "–"

    lines = [
        "| this project | Natural Earth | IoU | mean km | max km | notes |",
        "|---|---|---|---|---|---|",
    ]
    lines += [
        f"| {r['ours']} | {r['natural_earth']} | {cell(r, 'iou', 3)} | {cell(r, 'mean_km', 1)} | "
        f"{cell(r, 'max_km', 1)} | {r.get('note', '')} |"
        for r in rows
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.stdout.write(markdown(compare()) + "\n")
