"""Dated reference layers: the 1994 line of contact, the 2020 line and peacekeeping area,
the Lachin corridor on its two routes, and context (borders, countries, the outline of the
former Nagorno-Karabakh Autonomous Oblast).

Every layer is approximate and says so in its ``accuracy`` column; see
``gazetteer/layers/README.md`` for the facts each one was drawn from.

A layer stands on day ``d`` when ``valid_from <= d < valid_to`` (``valid_to`` is the
first day it no longer stood; a missing bound is open). Context layers (kinds in
``CONTEXT_KINDS``) are returned for every day whatever their dates: the border and
countries have none; the NKAO outline keeps its historical dates (1923-07-07 to
1991-11-26) as information, since it is drawn for orientation, not as a line that stood.

>>> import geokarabakh as gk
>>> sorted(set(gk.layers_at("2021-06-01").kind))[:3]
['border', 'ceasefire_line', 'control_area']
"""

from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache

import geopandas as gpd
import pandas as pd
from shapely.geometry import shape

from geokarabakh._data import data_dir
from geokarabakh.dates import as_date
from geokarabakh.errors import InvalidInput

__all__ = ["CEASEFIRE_1994", "CONTEXT_KINDS", "layers_at", "load_layers"]

CONTEXT_KINDS = frozenset({"border", "country", "nkao_outline"})
CEASEFIRE_1994 = dt.date(1994, 5, 12)  # Bishkek Protocol: the first day a control_area stands
COLUMNS = ["name", "kind", "valid_from", "valid_to", "source", "accuracy", "geometry"]


@lru_cache(maxsize=1)
def _load() -> gpd.GeoDataFrame:
    """Read every ``layers/*.geojson`` once (from the wheel or the source checkout)."""
    folder = data_dir().joinpath("layers")
    rows = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".geojson"):
            continue
        collection = json.loads(entry.read_text(encoding="utf-8"))
        for number, item in enumerate(collection["features"]):
            try:
                properties = {key: item["properties"][key] for key in COLUMNS[:-1]}
                properties["geometry"] = shape(item["geometry"])
            except (KeyError, TypeError, ValueError) as error:
                raise InvalidInput(
                    f"{entry.name}: feature {number}: bad or missing {error}", field="layers"
                ) from None
            properties["derivation"] = item["properties"].get("derivation")  # control_area steps
            properties["file"] = entry.name
            rows.append(properties)
    frame = gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")
    for column in ("valid_from", "valid_to"):
        frame[column] = pd.Series(
            [None if pd.isna(d) else d.date() for d in pd.to_datetime(frame[column])],
            index=frame.index,
            dtype=object,
        )
    return frame


def load_layers() -> gpd.GeoDataFrame:
    """All reference layers, every date: columns ``name, kind, valid_from, valid_to, source,
    accuracy, derivation, file, geometry`` (EPSG:4326; dates as ``datetime.date`` or None)."""
    return _load().copy()


def standing(frame: gpd.GeoDataFrame, day: dt.date) -> pd.Series:
    """Boolean mask: the dated rows of ``frame`` that stood on ``day`` (context rows excluded,
    even the NKAO outline on a day within 1923-1991)."""
    starts = frame["valid_from"].map(lambda d: d is None or d <= day).astype(bool)
    ends = frame["valid_to"].map(lambda d: d is None or day < d).astype(bool)
    return starts & ends & ~frame["kind"].isin(CONTEXT_KINDS)


def layers_at(date: str | dt.date | dt.datetime) -> gpd.GeoDataFrame:
    """The layers that stood on ``date``, plus the context layers (border, countries, NKAO outline).

    From 12 May 1994 to 30 Sep 2023 exactly one row has kind ``control_area``: the area held by
    Armenian forces that day (one dated step of ``control_area.geojson``, drawn from the dated
    control of settlements in ``gazetteer/layers/control_changes.csv``; its ``derivation`` says
    what changed on its first day). From 1 Oct 2023 none.

    >>> sorted(layers_at("2000-01-01").kind.unique())
    ['border', 'control_area', 'country', 'line_of_contact', 'nkao_outline']
    """
    day = as_date(date)
    frame = _load()
    keep = standing(frame, day) | frame["kind"].isin(CONTEXT_KINDS)
    return frame[keep].reset_index(drop=True)
