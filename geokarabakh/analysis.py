"""Place incidents against the reference layers that stood on their own dates.

All work is on whole arrays (pyproj + shapely 2), distances in UTM zone 38N
(EPSG:32638). The layers are approximate (a few km), so are these columns.
"""

from __future__ import annotations

import datetime as dt

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import Transformer

from geokarabakh.errors import InvalidInput
from geokarabakh.incidents import in_wgs84, refuse_off_earth
from geokarabakh.layers import CEASEFIRE_1994, load_layers

__all__ = ["ANALYSIS_COLUMNS", "BELT_KM", "analyse_incidents", "km_to_front", "mine_risk_belt"]

ANALYSIS_COLUMNS = [
    "km_to_contact_line",
    "km_to_1994_line",
    "side_of_1994_line",
    "side_that_day",
    "in_peacekeeping_zone",
    "in_corridor",
    "district",
    "nearest_settlement",
    "nearest_settlement_km",
]
_TO_UTM = Transformer.from_crs("EPSG:4326", "EPSG:32638", always_xy=True)
_FROM_UTM = Transformer.from_crs("EPSG:32638", "EPSG:4326", always_xy=True)
_NONE = np.array(None, dtype=object)  # "no answer" in np.where over text arrays
BELT_KM = (2, 5, 10)  # the mine-risk belt's bands: 0-2, 2-5 and 5-10 km from the front


def _utm(geometry: shapely.Geometry) -> shapely.Geometry:
    return shapely.transform(
        geometry, lambda xy: np.column_stack(_TO_UTM.transform(xy[:, 0], xy[:, 1]))
    )


def _dated(
    layers: gpd.GeoDataFrame, kind: str
) -> list[tuple[np.datetime64, np.datetime64, shapely.Geometry]]:
    """(from, to, UTM geometry) for each layer of ``kind``; open bounds become far dates."""
    out = []
    for row in layers[layers["kind"] == kind].itertuples():
        start = np.datetime64(row.valid_from or dt.date.min, "D")
        end = np.datetime64(row.valid_to or dt.date.max, "D")
        geometry = _utm(row.geometry)
        shapely.prepare(geometry)
        out.append((start, end, geometry))
    return out


def _one(layers: gpd.GeoDataFrame, kind: str, name: str | None = None) -> shapely.Geometry:
    rows = layers[(layers["kind"] == kind) & ((layers["name"] == name) if name else True)]
    if len(rows) != 1:
        raise InvalidInput(
            f"expected one {kind} layer{f' named {name!r}' if name else ''}, found {len(rows)}",
            field="layers",
        )
    geometry = _utm(rows.geometry.iloc[0])
    shapely.prepare(geometry)
    return geometry


def analyse_incidents(
    incidents: gpd.GeoDataFrame, *, gazetteer=None, date_column: str = "date"
) -> gpd.GeoDataFrame:
    """A copy of ``incidents`` with the analysis columns added.

    ``km_to_contact_line``: km to the line of contact standing on the incident's date
    (1994 line from 12 May 1994, its course after the April 2016 changes from 2 Apr 2016, the
    2020 line from 10 Nov 2020 until 20 Sep 2023; NaN otherwise or without a date).
    ``km_to_1994_line``: km to the 1994-2020 line (its 1994 course) whatever the date (a
    legacy-minefield indicator). ``side_of_1994_line``: ``arm_held`` or ``az_held`` (the areas
    held 1994-2020) or ``outside`` (not in Azerbaijan). ``side_that_day``: the same
    for the area held by Armenian forces on the incident's date (``control_area`` of that day;
    ``az_held`` everywhere in Azerbaijan from 1 Oct 2023; None before 12 May 1994 or without a
    date). ``in_peacekeeping_zone``,
    ``in_corridor``: inside the area / Lachin corridor standing that day. ``district``,
    ``nearest_settlement``, ``nearest_settlement_km``: from the gazetteer
    (``Gazetteer.default()`` unless one is given). Rows without a point get NaN / None.

    A dask-geopandas frame gives a lazy one, analysed partition by partition on its cluster.
    """
    from geokarabakh.corpus import is_dask

    if is_dask(incidents):
        meta = analyse_incidents(incidents._meta, gazetteer=gazetteer, date_column=date_column)
        return incidents.map_partitions(
            analyse_incidents, gazetteer=gazetteer, date_column=date_column, meta=meta
        )
    if date_column not in incidents.columns:
        raise InvalidInput(
            f"no {date_column!r} column (columns: {', '.join(map(str, incidents.columns))})",
            field=date_column,
        )
    incidents = in_wgs84(incidents)
    out = incidents.copy()
    layers = load_layers()
    geoms = np.asarray(incidents.geometry.values, dtype=object)
    lon, lat = shapely.get_x(geoms), shapely.get_y(geoms)
    has_point = np.isfinite(lon) & np.isfinite(lat)
    refuse_off_earth(lon, lat, has_point)
    x, y = _TO_UTM.transform(np.where(has_point, lon, 0.0), np.where(has_point, lat, 0.0))
    points = shapely.points(np.column_stack([x, y]))
    points[~has_point] = None
    dates = pd.to_datetime(incidents[date_column], errors="coerce", format="ISO8601")
    days = dates.to_numpy(dtype="datetime64[D]")
    dated = ~np.isnat(days)

    # the 1994 course of the line
    line_1994 = _one(layers[layers["valid_from"] == CEASEFIRE_1994], "line_of_contact")
    km_1994 = shapely.distance(points, line_1994) / 1000.0
    out["km_to_1994_line"] = np.round(km_1994, 3)
    km_contact = np.full(len(out), np.nan)
    for start, end, line in _dated(layers, "line_of_contact") + _dated(layers, "ceasefire_line"):
        when = dated & (days >= start) & (days < end)
        km_contact[when] = shapely.distance(points[when], line) / 1000.0
    out["km_to_contact_line"] = np.round(km_contact, 3)

    held = _one(layers[layers["valid_from"] == CEASEFIRE_1994], "control_area")  # the 1994 area
    azerbaijan = _one(layers, "country", "Azerbaijan")
    side = np.where(
        shapely.intersects(held, points),
        "arm_held",
        np.where(shapely.intersects(azerbaijan, points), "az_held", "outside"),
    )
    out["side_of_1994_line"] = pd.Series(
        np.where(has_point, side, _NONE), index=out.index, dtype=object
    )
    known = dated & has_point & (days >= np.datetime64(CEASEFIRE_1994, "D"))
    that_day = np.where(known, np.where(side == "outside", "outside", "az_held"), _NONE).astype(
        object
    )
    for start, end, area in _dated(layers, "control_area"):
        rows = np.flatnonzero(known & (days >= start) & (days < end))
        that_day[rows[shapely.intersects(area, points[rows])]] = "arm_held"
    out["side_that_day"] = pd.Series(that_day, index=out.index, dtype=object)

    for column, kind in (
        ("in_peacekeeping_zone", "peacekeeping_zone"),
        ("in_corridor", "corridor"),
    ):
        inside = np.zeros(len(out), dtype=bool)
        for start, end, area in _dated(layers, kind):
            when = dated & has_point & (days >= start) & (days < end)
            inside[when] |= shapely.intersects(area, points[when])
        out[column] = inside

    if gazetteer is None:
        from geokarabakh.gazetteer import Gazetteer

        gazetteer = Gazetteer.default()
    near = gazetteer.nearest(np.where(has_point, lat, 0.0), np.where(has_point, lon, 0.0))
    for column, source in (("district", "district"), ("nearest_settlement", "nearest_place")):
        values = np.where(has_point, near[source].to_numpy(dtype=object), None)
        out[column] = pd.Series(values, index=out.index, dtype=object)
    out["nearest_settlement_km"] = np.where(
        has_point, near["nearest_place_km"].to_numpy(dtype=float), np.nan
    )
    return out


def _front() -> shapely.Geometry:
    """The 1994-2020 line of contact and the 2020-2023 line, in UTM: where most mines were laid."""
    layers = load_layers()
    lines = layers[layers["kind"].isin(["line_of_contact", "ceasefire_line"])]
    return _utm(
        shapely.GeometryCollection(list(lines.geometry))
    )  # no union: it would move vertices


def km_to_front(incidents: gpd.GeoDataFrame) -> np.ndarray:
    """Km from each incident to the nearer of the 1994-2020 and 2020-2023 lines, whatever its
    date (NaN without a point)."""
    frame = in_wgs84(incidents)
    geoms = np.asarray(frame.geometry.values, dtype=object)
    lon, lat = shapely.get_x(geoms), shapely.get_y(geoms)
    has_point = np.isfinite(lon) & np.isfinite(lat)
    x, y = _TO_UTM.transform(np.where(has_point, lon, 0.0), np.where(has_point, lat, 0.0))
    km = shapely.distance(shapely.points(np.column_stack([x, y])), _front()) / 1000.0
    return np.where(has_point, km, np.nan)


def mine_risk_belt(bands_km: tuple[float, ...] = BELT_KM) -> gpd.GeoDataFrame:
    """Bands on both sides of the 1994-2020 and 2020-2023 lines (0-2, 2-5, 5-10 km by default):
    ``inner_km``, ``outer_km``, ``geometry`` (EPSG:4326). As approximate as the lines."""
    front, rows, inner = _front(), [], 0.0
    for outer in bands_km:
        band = shapely.buffer(front, outer * 1000.0, quad_segs=4)
        if inner:
            band = shapely.difference(band, shapely.buffer(front, inner * 1000.0, quad_segs=4))
        band = shapely.transform(
            band.simplify(100.0),
            lambda xy: np.column_stack(_FROM_UTM.transform(xy[:, 0], xy[:, 1])),
        )
        rows.append({"inner_km": inner, "outer_km": float(outer), "geometry": band})
        inner = float(outer)
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")
