"""Incidents: the one schema every part shares, and readers that produce it.

An incident table is a GeoDataFrame in EPSG:4326 with these columns, in order
(extra columns pass through after them):

=================  ==========================================================
``id``             stable text id (the input's own, else a hash of the row)
``date``           ISO date ``YYYY-MM-DD``; the first day of the period when
                   only the month or year is known; missing when the source
                   gives no year (``notes`` says why): kept, never guessed
``date_precision`` ``day``, ``month`` or ``year`` (missing with the date)
``type``           ``landmine``, ``shelling``, ... (lower case), or missing
``place``          the place name as reported
``place_resolved`` the gazetteer's name for it, when it resolved
``match_score``    how well ``place`` matched (0–1), when it resolved
``geo_precision``  ACLED's 1 = the town itself, 2 = near a town or part of a
                   district, 3 = a whole district or region
``geo_warning``    why the row's own coordinates look wrong for its place, or missing
``killed``         whole number ≥ 0, or missing when not reported
``injured``        likewise
``source``         where the facts come from
``notes``          free text
``geometry``       Point(lon, lat)
=================  ==========================================================

Rows without coordinates are geocoded with the gazetteer (each distinct name
once); rows with coordinates keep them, and get a ``geo_warning`` when they
fall far from the place they name.

Bad rows raise :class:`~geokarabakh.errors.InvalidInput` naming the file, the
row and the field. With ``errors="collect"`` the good rows come back and
``gdf.attrs["errors"]`` lists every problem as ``{"row", "field", "value",
"message"}`` dicts (empty when all is well); no row is dropped silently.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import re
from collections.abc import Callable, Container, Iterable, Mapping, Sequence
from functools import lru_cache
from importlib import resources
from os import PathLike
from pathlib import Path
from typing import Literal, cast

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geokarabakh._data import data_dir
from geokarabakh.dates import parse_date
from geokarabakh.errors import InvalidInput, PlaceNotFound
from geokarabakh.gazetteer import AREAS, Gazetteer, Place, haversine_km, in_box
from geokarabakh.progress import track

__all__ = [
    "COLUMNS",
    "PRECISIONS",
    "new_incidents",
    "read_incidents",
    "sample_incidents",
]

COLUMNS = (
    "id",
    "date",
    "date_precision",
    "type",
    "place",
    "place_resolved",
    "match_score",
    "geo_precision",
    "geo_warning",
    "killed",
    "injured",
    "source",
    "notes",
    "geometry",
)
PRECISIONS = ("day", "month", "year")
Errors = Literal["raise", "collect"]

# Input column names, folded (lower case, runs of other characters -> "_"), by priority.
_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "event_id_cnty", "event_id", "incident_id", "uid", "fid"),
    "date": ("date", "event_date", "incident_date", "date_of_incident", "day"),
    "date_precision": ("date_precision", "time_precision"),
    "type": ("type", "incident_type", "sub_event_type", "event_type", "category", "kind"),
    "place": (
        "place",
        "location",
        "place_as_reported",
        "place_name",
        "locality",
        "site",
        "settlement",
        "village",
        "town",
        "name",
    ),
    "district": ("district", "admin2", "rayon", "region"),
    "place_resolved": ("place_resolved",),
    "match_score": ("match_score",),
    "geo_precision": ("geo_precision", "geoprecision", "location_precision"),
    "lat": ("lat", "latitude", "y"),
    "lon": ("lon", "lng", "long", "longitude", "x"),
    "killed": ("killed", "fatalities", "deaths", "dead", "number_killed"),
    "injured": ("injured", "wounded", "injuries", "number_injured"),
    "source": ("source", "sources", "url", "link", "reference"),
    "notes": ("notes", "note", "description", "details", "summary", "comment"),
    "geometry": ("geometry",),
}
# Our own derived columns: recomputed on every read, never taken as extras.
_DERIVED = ("geo_warning",)
# Input columns that help reading and also pass through to the output under their own name.
_PASSED_ON = ("district",)

# Incident types as reports and ACLED write them -> our type.
_TYPES = {
    "remote explosive landmine ied": "landmine",
    "landmine": "landmine",
    "land mine": "landmine",
    "mine": "landmine",
    "mine explosion": "landmine",
    "landmine explosion": "landmine",
    "anti tank mine": "landmine",
    "anti personnel mine": "landmine",
    "uxo": "unexploded ordnance",
    "unexploded ordnance": "unexploded ordnance",
    "shelling artillery missile attack": "shelling",
    "shelling": "shelling",
    "artillery": "shelling",
    "air drone strike": "air strike",
    "drone strike": "air strike",
    "armed clash": "armed clash",
}
# The reported facts an id is hashed from when the input has none.
_ID_FACTS = (
    "date",
    "type",
    "place",
    "district",
    "lat",
    "lon",
    "killed",
    "injured",
    "source",
    "notes",
)
_ACLED_PRECISION = {"1": "day", "2": "month", "3": "month"}  # ACLED: day, week, month known
_KIND_PRECISION = {"settlement": 1, "feature": 2, "district": 3, "province": 3, "region": 3}
# How far given coordinates may lie from a named settlement / feature before a warning.
_NEAR_KM = 25.0
_AREA_MARGIN_DEG = 0.25  # district boxes are approximate to 10-20 km (gazetteer/CURATED.md)
_AREA_NEAR_KM = 60.0  # an area without a box: distance from its centre
# Latitudes and longitudes of the wider Caucasus: a swapped pair falling here gets a hint.
_NEAR_WEST, _NEAR_SOUTH, _NEAR_EAST, _NEAR_NORTH = 38.0, 36.0, 52.0, 44.0

_DECIMAL_COMMA = re.compile(r"^\s*(-?\d+),(\d+)\s*$")


# -- building the table ---------------------------------------------------------------------


def new_incidents(
    records: Iterable[Mapping] | pd.DataFrame,
    *,
    errors: Errors = "raise",
    gazetteer: Gazetteer | None = None,
    dayfirst: bool | None = None,
) -> gpd.GeoDataFrame:
    """Validate and coerce records into the incident schema (see the module docstring).

    Each record needs a ``date`` field (empty when unknown) and either ``lat``/``lon``
    (or a ``geometry`` Point) or a ``place`` the gazetteer resolves. Keys are matched loosely
    (``event_date``, ``latitude``, ``location``...). Row numbers in errors
    count records from 1. ``dayfirst`` orders slashed dates (:func:`parse_date`).

    >>> gdf = new_incidents([{"date": "23 November 2020", "place": "Tartar district",
    ...                       "type": "landmine", "killed": 1}])
    >>> print(*gdf.loc[0, ["date", "place_resolved", "geo_precision"]], sep=" | ")
    2020-11-23 | Tartar District | 3
    """
    frame = records if isinstance(records, pd.DataFrame) else pd.DataFrame(list(records))
    return _build(
        frame,
        rows=np.arange(1, len(frame) + 1),
        path=None,
        errors=errors,
        gazetteer=gazetteer,
        dayfirst=dayfirst,
    )


_WHOLE_NUMBERS = ("geo_precision", "killed", "injured")


def schema_frame(
    rows: Sequence[Mapping], extra: Sequence[str] = (), gazetteer: Gazetteer | None = None
) -> gpd.GeoDataFrame:
    """Rows this package made already in the schema (ISO ``date``, a resolved place, ``lat``
    and ``lon``, stripped text) as the GeoDataFrame :func:`new_incidents` would give, columns
    ``extra`` after the schema's, without checking them again (only ``geo_warning`` is
    worked out): the extractor's path, where the checks cost more than finding the
    incidents (``benchmarks/bench_extract.py``)."""
    gazetteer = gazetteer or Gazetteer.default()
    names = (*COLUMNS, *extra)  # in their final order: reordering costs as much again
    if len(rows) > _CELLWISE_ROWS:
        return _columnwise_frame(rows, names, gazetteer)
    # An article's few rows: filling the cells of a copied blank frame costs a third of
    # building its columns (pandas' checks per column), the same frame.
    floats = tuple(
        name for name in names if name not in _TYPED and _floats([row.get(name) for row in rows])
    )
    frame = _blank_frame(len(rows), tuple(extra), floats).copy()
    for i, row in enumerate(rows):
        for j, name in enumerate(names):
            frame.iat[i, j] = (
                shapely.Point(row["lon"], row["lat"])
                if name == "geometry"
                else _cell(row, name, gazetteer)
            )
    frame.attrs["errors"] = []
    return frame


_CELLWISE_ROWS = 8  # up to this many rows, cells are filled in a cached blank frame
_TYPED = ("geometry", "geo_warning", "match_score", *_WHOLE_NUMBERS)  # types not from values


def _columnwise_frame(
    rows: Sequence[Mapping], names: Sequence[str], gazetteer: Gazetteer
) -> gpd.GeoDataFrame:
    """:func:`schema_frame` built column by column (the one definition of the column types)."""
    index = pd.RangeIndex(len(rows))  # one index for every column: nothing to align
    columns: dict[str, object] = {}
    for name in names:
        if name == "geometry":
            columns[name] = gpd.points_from_xy(
                [row["lon"] for row in rows], [row["lat"] for row in rows], crs="EPSG:4326"
            )
            continue
        values = [_cell(row, name, gazetteer) for row in rows]
        if name in _WHOLE_NUMBERS:
            missing = np.array([v is None for v in values], dtype=bool)
            numbers = np.array([0 if v is None else v for v in values], dtype="int64")
            columns[name] = pd.arrays.IntegerArray(numbers, missing)
        elif name == "match_score" or _floats(values):
            columns[name] = np.array([np.nan if v is None else v for v in values], dtype=float)
        else:  # object, as new_incidents gives (pandas would infer its string type)
            cells = np.empty(len(values), dtype=object)
            cells[:] = values
            columns[name] = pd.Series(cells, index=index, dtype=object, copy=False)
    frame = pd.DataFrame(columns, index=index, copy=False)
    gdf = gpd.GeoDataFrame(frame, geometry="geometry", crs="EPSG:4326", copy=False)
    gdf.attrs["errors"] = []
    return gdf


def _floats(values: list) -> bool:
    """Is a column of these values (at least one) a float column?"""
    return bool(values) and all(isinstance(v, float) for v in values)


def _cell(row: Mapping, name: str, gazetteer: Gazetteer) -> object:
    """A row's value of column ``name`` (not ``geometry``): as given, but ``geo_warning``
    worked out."""
    if name == "geo_warning":
        return _far_from(_resolved(row["place"], gazetteer), row["lat"], row["lon"])
    return row.get(name)


@lru_cache(maxsize=4 * (_CELLWISE_ROWS + 1))
def _blank_frame(n: int, extra: tuple[str, ...], floats: tuple[str, ...]) -> gpd.GeoDataFrame:
    """A frame of ``n`` placeholder rows with :func:`schema_frame`'s columns, ``floats`` of
    type float (copy it: frames are mutable)."""
    placeholder = {"lat": 0.0, "lon": 0.0, "place": None} | dict.fromkeys(floats, 0.0)
    return _columnwise_frame([placeholder] * n, (*COLUMNS, *extra), Gazetteer.default())


def _resolved(name: object, gazetteer: Gazetteer) -> Place | None:
    if not isinstance(name, str):
        return None
    try:
        return gazetteer.resolve(name)
    except PlaceNotFound:
        return None


class _Problems:
    """Problems found while building, each tied to an input row."""

    def __init__(self, path: str | None) -> None:
        self.path = path
        self.items: list[dict] = []

    def add(self, row: int | None, field: str | None, value: object, message: str) -> None:
        self.items.append(
            {
                "row": row,
                "field": field,
                "value": None if value is None else str(value),
                "message": message,
            }
        )

    def add_mask(
        self, mask: np.ndarray, rows: np.ndarray, field: str, values: pd.Series, message
    ) -> None:
        """Add a problem for each row where ``mask`` holds; ``message(value)`` words it."""
        for position in np.flatnonzero(mask):
            value = values.iloc[position]
            self.add(int(rows[position]), field, value, message(value))

    def bad_rows(self) -> set[int]:
        return {item["row"] for item in self.items}

    def error(self, item: dict) -> InvalidInput:
        return InvalidInput(item["message"], path=self.path, row=item["row"], field=item["field"])

    def finish(self, errors: Errors) -> list[dict]:
        """Raise the first problem (by row) in ``raise`` mode; else return them all, sorted."""
        ordered = sorted(self.items, key=lambda i: (i["row"] is not None, i["row"] or 0))
        if errors == "raise" and ordered:
            first = ordered[0]
            more = len({i["row"] for i in ordered}) - 1
            if more:
                first = {
                    **first,
                    "message": first["message"] + f" ({more} more bad rows; "
                    "errors='collect' or --keep-going lists them all)",
                }
            raise self.error(first)
        return ordered


def _fold_column(name: object) -> str:
    return re.sub(r"[^0-9a-z]+", "_", str(name).replace("\ufeff", "").strip().lower()).strip("_")


def check_columns(columns: Iterable[object], path: str | None) -> None:
    """At most :data:`MAX_COLUMNS`; names that fold to the same name (``type``, ``TYPE``) are
    ambiguous."""
    columns = list(columns)
    if len(columns) > MAX_COLUMNS:
        raise InvalidInput(
            f"{len(columns):,} columns; a table of incidents has at most "
            f"{MAX_COLUMNS:,} (is it the right file?)",
            path=path,
        )
    seen: dict[str, object] = {}
    for column in columns:
        folded = _fold_column(column)
        if folded in seen:
            raise InvalidInput(
                f"the columns {seen[folded]!r} and {column!r} differ only in case or "
                "punctuation; rename one",
                path=path,
                field=str(column),
            )
        seen[folded] = column


def _require_columns(found: Iterable[object], path: str | None) -> None:
    """A date and a place or lat/lon (or geometry) column, else an error listing the columns."""
    found = list(found)
    columns = _match_columns(found)
    has_coordinates = "geometry" in columns or ("lat" in columns and "lon" in columns)
    missing = [
        name
        for name, ok in (
            ("date", "date" in columns),
            ("place or lat/lon", "place" in columns or has_coordinates),
        )
        if not ok
    ]
    if missing:
        raise InvalidInput(
            f"missing required column {missing[0]!r} (columns found: "
            + ", ".join(map(str, found))[:300]
            + ")",
            path=path,
            field=missing[0],
        )


def _find_bad_text(frame: pd.DataFrame, rows: np.ndarray, problems: _Problems) -> None:
    """A NUL (GDAL cuts the value there) or a lone surrogate (no file can store it) is an error."""
    for column in frame.columns:
        values = frame[column]
        if values.dtype != object and not pd.api.types.is_string_dtype(values.dtype):
            continue
        try:
            if not BAD_TEXT.search("".join(values)):  # all text and clean: the usual case, quick
                continue
        except TypeError:  # not all text
            pass
        bad = np.array(
            [isinstance(v, str) and bool(BAD_TEXT.search(v)) for v in values], dtype=bool
        )
        problems.add_mask(
            bad,
            rows,
            str(column),
            values.astype(object),
            lambda v: (
                "the value holds a NUL character (\\x00)"
                if "\x00" in v
                else "the value holds a lone surrogate (\\ud800-\\udfff), not text"
            ),
        )


BAD_TEXT = re.compile("[\x00\ud800-\udfff]")  # text no file keeps intact: NUL, lone surrogates


def _match_columns(columns: Iterable[object]) -> dict[str, object]:
    """Our column name -> the input's column, for each one the input has."""
    folded: dict[str, object] = {}
    for column in columns:
        folded.setdefault(_fold_column(column), column)
    found: dict[str, object] = {}
    taken: set[str] = set()
    for ours, aliases in _ALIASES.items():
        for alias in aliases:
            if alias in folded and alias not in taken:
                found[ours] = folded[alias]
                taken.add(alias)
                break
    return found


def _per_unique(series: pd.Series, function, missing: object = None) -> np.ndarray:
    """``function`` applied to each distinct non-missing value once, spread back over the rows."""
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    values = np.empty(len(uniques) + 1, dtype=object)
    values[:-1] = [function(value) for value in uniques]
    values[-1] = missing
    return values[codes]


def _clean_text(value: object) -> str | None:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


def _text(series: pd.Series) -> pd.Series:
    """Stripped text (object dtype), None for empty cells; numbers, lists and objects their text."""
    try:
        return pd.Series(_per_unique(series, _clean_text), index=series.index, dtype=object)
    except TypeError:  # unhashable cells: lists and objects from JSON
        series = pd.Series(
            [
                json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v
                for v in series
            ],
            index=series.index,
            dtype=object,
        )
        return pd.Series(_per_unique(series, _clean_text), index=series.index, dtype=object)


def _to_float(text: str) -> float:
    try:
        return float(_DECIMAL_COMMA.sub(r"\1.\2", text))
    except ValueError:
        return np.nan


MAX_COLUMNS = 1_000  # a table of incidents has a few dozen; thousands mean a wrong file
MAX_CASUALTIES = 100_000  # more in one incident is a typo or an overflow, not a report
_THOUSANDS = re.compile(r"^\d{1,3}(?:([,. '\u00a0])\d{3})(?:\1\d{3})*$")


def _count(text: str) -> float:
    """A casualty count: a whole number 0..MAX_CASUALTIES, thousands separators read as such.

    "1,000" and "1.000" are a thousand (never 1); "3.0" is 3; "1e20", "inf" and "2.5" are NaN.
    """
    text = text.strip()
    if _THOUSANDS.match(text):
        text = re.sub(r"\D", "", text)
    value = _to_float(text)
    if not (0 <= value <= MAX_CASUALTIES) or value != round(value):
        return np.nan
    return value


def _numbers(text: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """Floats from text (a decimal comma is read too) and a mask of unreadable cells."""
    values = pd.Series(_per_unique(text, _to_float, np.nan).astype(float), index=text.index)
    bad = (text.notna() & values.isna()).to_numpy(dtype=bool)
    return values.astype("Float64"), bad


def _build(
    frame: pd.DataFrame,
    *,
    rows: np.ndarray,
    path: str | None,
    errors: Errors,
    gazetteer: Gazetteer | None,
    problems: _Problems | None = None,
    dayfirst: bool | None = None,
) -> gpd.GeoDataFrame:
    """Validate a raw table into the incident schema; ``rows`` numbers its rows for errors."""
    if errors not in ("raise", "collect"):
        raise InvalidInput(f"errors={errors!r}; options are: 'raise', 'collect'", field="errors")
    problems = problems or _Problems(path)
    frame = frame.reset_index(drop=True)
    check_columns(frame.columns, path)
    columns = _match_columns(frame.columns)
    if len(frame):
        _require_columns(frame.columns, path)
    n = len(frame)
    _find_bad_text(frame, rows, problems)

    texts: dict[str, pd.Series] = {}

    def text(name: str) -> pd.Series:
        if name not in texts:
            texts[name] = (
                _text(frame[columns[name]])
                if name in columns
                else pd.Series(np.full(n, None, dtype=object), index=frame.index)
            )
        return texts[name]

    out: dict[str, object] = {}
    # dates
    dates = text("date")
    parsed = _per_unique(dates, lambda v: _try(lambda t: parse_date(t, dayfirst=dayfirst), v))
    good_date = np.array([isinstance(p, tuple) for p in parsed], dtype=bool)
    out["date"] = [p[0] if ok else None for p, ok in zip(parsed, good_date, strict=True)]
    bad = dates.notna().to_numpy() & ~good_date  # an empty date stays empty: "date unknown"
    for position in np.flatnonzero(bad):
        problems.add(int(rows[position]), "date", dates.iloc[position], str(parsed[position]))
    shown = pd.Series(
        [p[1] if ok else None for p, ok in zip(parsed, good_date, strict=True)], dtype=object
    )
    out["date_precision"] = _precision(
        text("date_precision"),
        shown,
        rows,
        problems,
        acled=_fold_column(columns.get("date_precision", "")) == "time_precision",
    ).where(dates.notna().to_numpy(), None)
    # type
    out["type"] = _per_unique(text("type"), _incident_type)
    # numbers
    for name in ("killed", "injured"):
        raw = text(name)
        values = pd.Series(_per_unique(raw, _count, np.nan).astype(float), index=raw.index)
        bad = (raw.notna() & values.isna()).to_numpy(dtype=bool)
        problems.add_mask(
            bad,
            rows,
            name,
            raw,
            lambda v: (
                f"{v!r} is not a whole number from 0 to {MAX_CASUALTIES:,}; leave it "
                "empty if the report gives none and put the words in notes"
            ),
        )
        out[name] = values.astype("Int64")
    precision_given, bad = _numbers(text("geo_precision"))
    raw = text("geo_precision")
    problems.add_mask(
        bad | (precision_given.notna() & ~precision_given.isin([1, 2, 3])).to_numpy(dtype=bool),
        rows,
        "geo_precision",
        raw,
        lambda v: f"{v!r} is not 1, 2 or 3",
    )
    precision_given = precision_given.where(precision_given.isin([1, 2, 3])).astype("Int64")
    # coordinates
    lat, lon = _coordinates(frame, columns, text, rows, problems)
    # places
    places = text("place")
    district = text("district")
    query = places.where(
        district.isna() | places.isna() | _contains(places, district), places + ", " + district
    )
    place_resolved, match_score, geo_precision, warning, lat, lon = _geocode(
        query,
        places,
        district,
        lat,
        lon,
        precision_given,
        rows,
        problems,
        gazetteer or Gazetteer.default(),
    )
    given_resolved = text("place_resolved")
    given_score, _ = _numbers(text("match_score"))
    keep_given = given_resolved.notna().to_numpy()
    out["place"] = places
    out["place_resolved"] = given_resolved.where(keep_given, place_resolved)
    out["match_score"] = np.where(
        keep_given, given_score.to_numpy(dtype=float, na_value=np.nan), match_score
    )
    out["geo_precision"] = geo_precision
    out["geo_warning"] = warning
    out["source"] = text("source")
    out["notes"] = text("notes")
    out["id"] = _ids(text("id"), text, rows, problems)

    report = problems.finish(errors)
    good = ~np.isin(rows, list(problems.bad_rows()))
    result = pd.DataFrame({name: _column(out[name], n) for name in COLUMNS if name != "geometry"})
    consumed = {c for ours, c in columns.items() if ours not in _PASSED_ON} | {
        c for c in frame.columns if _fold_column(c) in _DERIVED
    }
    extras = {}
    for column in frame.columns:
        if column not in consumed and str(column) not in result.columns:
            values = frame[column]
            text_like = values.dtype == object or pd.api.types.is_string_dtype(values.dtype)
            extras[str(column)] = _text(values) if text_like else values.reset_index(drop=True)
    if extras:  # all at once: one column at a time is quadratic in the number of columns
        result = pd.concat([result, pd.DataFrame(extras, index=result.index)], axis=1)
    geometry = gpd.points_from_xy(lon, lat, crs="EPSG:4326")
    gdf = gpd.GeoDataFrame(result, geometry=geometry, crs="EPSG:4326")
    gdf = gdf[[*COLUMNS, *(c for c in result.columns if c not in COLUMNS)]]
    gdf = gdf.loc[good].reset_index(drop=True)
    gdf.attrs["errors"] = report
    return gdf


def _try(function, value):
    try:
        return function(value)
    except ValueError as error:
        return error


def _column(values: object, n: int) -> pd.Series:
    """A schema column with missing values as None (text) or <NA> (numbers)."""
    series = values if isinstance(values, pd.Series) else pd.Series(values)
    series = series.reset_index(drop=True)
    if series.dtype == "string" or series.dtype == object:
        return series.astype(object).where(series.notna(), None)
    return series


def _contains(places: pd.Series, district: pd.Series) -> pd.Series:
    """Does the place text already name the district?"""
    return pd.Series(
        [
            isinstance(p, str) and isinstance(d, str) and d.lower() in p.lower()
            for p, d in zip(places, district, strict=True)
        ],
        index=places.index,
    )


def _incident_type(text: str) -> str:
    """Our name for an incident type: ACLED's and reports' wordings mapped, else lower case."""
    text = text.lower()
    return _TYPES.get(re.sub(r"[^\w]+", " ", text).strip(), text)


def _precision(
    given: pd.Series, shown: pd.Series, rows: np.ndarray, problems: _Problems, *, acled: bool
) -> pd.Series:
    """date_precision: the given one (checked against what the date shows), else what it shows."""
    given = pd.Series(
        _per_unique(given, lambda v: _ACLED_PRECISION.get(v, v) if acled else v.lower()),
        dtype=object,
    )
    unknown = (given.notna() & ~given.isin(PRECISIONS)).to_numpy(dtype=bool)
    problems.add_mask(
        unknown,
        rows,
        "date_precision",
        given,
        lambda v: f"{v!r} is not one of {', '.join(PRECISIONS)}",
    )
    rank = {p: i for i, p in enumerate(PRECISIONS)}
    finer = np.array(
        [
            isinstance(g, str) and g in rank and isinstance(s, str) and rank[g] < rank[s]
            for g, s in zip(given, shown, strict=True)
        ],
        dtype=bool,
    )
    problems.add_mask(
        finer, rows, "date_precision", given, lambda v: f"{v!r} claims more than the date shows"
    )
    return given.where(given.notna() & ~unknown, shown)


def _coordinates(
    frame: pd.DataFrame, columns: dict, text, rows: np.ndarray, problems: _Problems
) -> tuple[np.ndarray, np.ndarray]:
    """Latitude and longitude arrays (NaN where missing), checked."""
    n = len(frame)
    lat = np.full(n, np.nan)
    lon = np.full(n, np.nan)
    if "lat" in columns and "lon" in columns:
        raw_lat, raw_lon = text("lat"), text("lon")
        lat_values, bad_lat = _numbers(raw_lat)
        lon_values, bad_lon = _numbers(raw_lon)
        problems.add_mask(
            bad_lat, rows, "lat", raw_lat, lambda v: f"latitude {v!r} is not a number"
        )
        problems.add_mask(
            bad_lon, rows, "lon", raw_lon, lambda v: f"longitude {v!r} is not a number"
        )
        lat = lat_values.to_numpy(dtype=float, na_value=np.nan, copy=True)
        lon = lon_values.to_numpy(dtype=float, na_value=np.nan, copy=True)
    elif "geometry" in columns:
        geometry = frame[columns["geometry"]]
        for position, value in enumerate(geometry):
            if (
                value is None
                or (isinstance(value, float) and np.isnan(value))
                or isinstance(value, shapely.Point)
                and value.is_empty
            ):
                continue  # no location: geocoded from the place, if any
            if isinstance(value, shapely.Point):
                lon[position], lat[position] = value.x, value.y
            else:
                kind = getattr(value, "geom_type", type(value).__name__)
                problems.add(
                    int(rows[position]),
                    "geometry",
                    kind,
                    f"the geometry is a {kind}; an incident is a Point",
                )
    lat_raw, lon_raw = pd.Series(lat), pd.Series(lon)
    if "lat" in columns and "lon" in columns:  # one of the pair empty (not unreadable)
        lat_empty, lon_empty = text("lat").isna().to_numpy(), text("lon").isna().to_numpy()
        problems.add_mask(
            lat_empty & ~np.isnan(lon),
            rows,
            "lat",
            lat_raw,
            lambda v: "a longitude without a latitude",
        )
        problems.add_mask(
            lon_empty & ~np.isnan(lat),
            rows,
            "lon",
            lon_raw,
            lambda v: "a latitude without a longitude",
        )
    with np.errstate(invalid="ignore"):
        bad_lat, bad_lon = np.abs(lat) > 90, np.abs(lon) > 180
        swapped = (
            bad_lat
            & (lon >= _NEAR_SOUTH)
            & (lon <= _NEAR_NORTH)
            & (lat >= _NEAR_WEST)
            & (lat <= _NEAR_EAST)
        )
    problems.add_mask(
        bad_lat & ~swapped,
        rows,
        "lat",
        lat_raw,
        lambda v: f"latitude {v:g} is out of range (-90 to 90)",
    )
    problems.add_mask(
        swapped,
        rows,
        "lat",
        lat_raw,
        lambda v: (
            f"latitude {v:g} is out of range (-90 to 90); are latitude and longitude swapped?"
        ),
    )
    problems.add_mask(
        bad_lon, rows, "lon", lon_raw, lambda v: f"longitude {v:g} is out of range (-180 to 180)"
    )
    bad = bad_lat | bad_lon | (np.isnan(lat) != np.isnan(lon))
    lat[bad] = np.nan
    lon[bad] = np.nan
    return lat, lon


def _geocode(
    query: pd.Series,
    places: pd.Series,
    district: pd.Series,
    lat: np.ndarray,
    lon: np.ndarray,
    precision_given: pd.Series,
    rows: np.ndarray,
    problems: _Problems,
    gazetteer: Gazetteer,
):
    """Resolve each distinct place once; fill missing coordinates, flag far ones.

    A row's own coordinates are checked against the place it names; any point
    is checked against the district a ``district`` column names.
    """
    found = _resolve_unique(query, gazetteer)
    resolved = [found.get(q) if isinstance(q, str) else None for q in query]
    place = [r if isinstance(r, Place) else None for r in resolved]
    has_xy = ~np.isnan(lat)
    n = len(query)
    already_bad = problems.bad_rows()
    for position in np.flatnonzero(~has_xy).tolist():
        row = int(rows[position])
        if row in already_bad and pd.isna(places.iloc[position]):
            continue
        outcome = resolved[position]
        if outcome is None:
            problems.add(
                row, "place", None, "no coordinates and no place name: give lat/lon or a place"
            )
        elif isinstance(outcome, PlaceNotFound):
            problems.add(row, "place", places.iloc[position], str(outcome))
    place_lat = np.array([p.lat if p else np.nan for p in place])
    place_lon = np.array([p.lon if p else np.nan for p in place])
    fill = ~has_xy & ~np.isnan(place_lat)
    lat = np.where(fill, place_lat, lat)
    lon = np.where(fill, place_lon, lon)
    kind_precision = pd.array(
        [_KIND_PRECISION[p.kind] if p else pd.NA for p in place], dtype="Int64"
    )
    given = precision_given.reset_index(drop=True)
    geo_precision = given.where(given.notna(), pd.Series(kind_precision))
    warning = np.full(n, None, dtype=object)
    for position in np.flatnonzero(has_xy & ~np.isnan(place_lat)).tolist():
        warning[position] = _far_from(place[position], lat[position], lon[position])
    areas = _resolve_unique(district, gazetteer, kind="district")
    for position, name in enumerate(district):
        area = areas.get(name) if isinstance(name, str) else None
        if not isinstance(area, Place) or np.isnan(lat[position]) or area.kind not in AREAS:
            continue
        km = float(haversine_km(lat[position], lon[position], area.lat, area.lon))
        if _far(area, lat[position], lon[position], km):
            note = f"the point lies outside {area.name}, the district the row names"
            warning[position] = f"{warning[position]}; {note}" if warning[position] else note
    return (
        [p.name if p else None for p in place],
        np.array([p.score if p else np.nan for p in place], dtype=float),
        geo_precision,
        warning,
        lat,
        lon,
    )


def _resolve_unique(
    names: pd.Series, gazetteer: Gazetteer, *, kind: str | None = None
) -> dict[str, Place | PlaceNotFound]:
    """Each distinct name resolved once: the place, or the error saying why not."""
    found: dict[str, Place | PlaceNotFound] = {}
    for name in track(names.dropna().unique(), "geocoding places"):
        try:
            found[name] = gazetteer.resolve(name, kind=kind)
        except PlaceNotFound as error:
            found[name] = error
    return found


def _far_from(place: Place | None, lat: float, lon: float) -> str | None:
    """The warning for coordinates far from the place their row's name resolves to."""
    if place is None:
        return None
    km = float(haversine_km(lat, lon, place.lat, place.lon))
    if not _far(place, lat, lon, km):
        return None
    return (
        f"the coordinates lie {km:.0f} km from {place.name} ({place.kind}, {place.country}), "
        "which the place name resolves to"
    )


def _far(place: Place, lat: float, lon: float, km: float) -> bool:
    if place.kind in AREAS:
        if place.bbox:
            return not in_box(lon, lat, place.bbox, margin=_AREA_MARGIN_DEG)
        return km > _AREA_NEAR_KM
    return km > _NEAR_KM


def in_wgs84(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The one conversion to EPSG:4326 (lon/lat): ``frame`` itself when it is in it or has no
    CRS (taken as lon/lat, as the schema says), else a converted copy."""
    if frame.crs is None or frame.crs.equals("EPSG:4326"):
        return frame
    return frame.to_crs("EPSG:4326")


def refuse_first(mask: np.ndarray, message: Callable[[int], str], field: str) -> None:
    """Raise InvalidInput for the first row (counted from 1) where ``mask`` holds, if any."""
    rows = np.flatnonzero(mask)
    if len(rows):
        row = int(rows[0])
        raise InvalidInput(message(row), row=row + 1, field=field)


def refuse_off_earth(lon: np.ndarray, lat: np.ndarray, present: np.ndarray) -> None:
    """InvalidInput for the first present point not a lon/lat pair in range (NaN: absent)."""
    with np.errstate(invalid="ignore"):
        off_earth = present & ((np.abs(lon) > 180) | (np.abs(lat) > 90))
    refuse_first(
        off_earth,
        lambda row: (
            f"the point ({lon[row]:g}, {lat[row]:g}) is not a longitude/latitude pair in range"
        ),
        "geometry",
    )


def unique_id(key: str, taken: Container[str], prefix: str = "gk") -> str:
    """The one id maker: a hash of ``key`` (an incident's facts), stable across runs, with
    ``-2``, ``-3``... appended while it is in ``taken``."""
    digest = hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=6).hexdigest()
    base = candidate = f"{prefix}-{digest}"
    count = 1
    while candidate in taken:
        count += 1
        candidate = f"{base}-{count}"
    return candidate


def _ids(given: pd.Series, text, rows: np.ndarray, problems: _Problems) -> list[str]:
    """The input's ids (checked unique), else a hash of the reported facts, made unique."""
    ids: list[str | None] = given.tolist()
    seen: dict[str, int] = {}
    for position, own in enumerate(ids):
        if own is None:
            continue
        if own in seen:
            problems.add(
                int(rows[position]), "id", own, f"the id {own!r} is already used by row {seen[own]}"
            )
        seen.setdefault(own, int(rows[position]))
    missing = [position for position, own in enumerate(ids) if own is None]
    if missing:
        facts = [text(name).iloc[missing].fillna("") for name in _ID_FACTS]
        keys = facts[0].str.cat(facts[1:], sep="\x1f")
        for position, key in zip(missing, keys, strict=True):
            candidate = unique_id(key, seen)
            seen[candidate] = int(rows[position])
            ids[position] = candidate
    return cast(list[str], ids)  # every None was filled


# -- reading files --------------------------------------------------------------------------

# File suffix -> reader. Text formats are parsed here; the rest go through GDAL (pyogrio).
_READERS = {
    ".csv": "csv",
    ".tsv": "csv",
    ".txt": "csv",
    ".json": "json",
    ".geojson": "json",
    ".gpkg": "gdal",
    ".kml": "gdal",
    ".kmz": "gdal",
    ".shp": "gdal",
    ".fgb": "gdal",
    ".gml": "gdal",
    ".parquet": "gdal",  # GeoParquet, a file or a folder of parts, read with pyarrow
}
_SNIFF_BYTES = 8192
# A CSV cell a spreadsheet would run as a formula; written with a leading apostrophe
# (export.py), which the reader takes off again.
FORMULA_START = re.compile(r"'*[=+\-@\t\r]")
_KML_DISPLAY = (
    "timestamp",
    "begin",
    "end",
    "altitudeMode",
    "tessellate",
    "extrude",
    "visibility",
    "drawOrder",
    "icon",
)


def read_incidents(
    path: str | PathLike[str],
    *,
    errors: Errors = "raise",
    gazetteer: Gazetteer | None = None,
    dayfirst: bool | None = None,
    layer: str | None = None,
) -> gpd.GeoDataFrame:
    """Read incidents from CSV, JSON, GeoJSON, an ACLED export, or a GeoPackage / KML.

    CSV may use commas, semicolons or tabs, with or without a UTF-8 BOM; JSON is
    a list of records (or ``{"data": [...]}`` as ACLED's API gives). Columns are
    matched loosely (``Date`` / ``event_date``, ``lat`` / ``latitude``,
    ``place`` / ``location``). Rows are numbered as a spreadsheet shows them
    (the header is row 1) for CSV, and from 1 for records and features.

    ``errors="raise"`` (the default) stops at the first bad row with an
    :class:`~geokarabakh.errors.InvalidInput` naming file, row and field;
    ``errors="collect"`` returns the good rows with every problem listed in
    ``gdf.attrs["errors"]``. ``dayfirst`` orders slashed dates such as 03/04/2021
    (:func:`parse_date`); ``layer`` picks the layer of a GeoPackage that has several.
    """
    path = Path(path)
    name = str(path)
    kind = _READERS.get(path.suffix.lower())
    if kind == "gdal":
        frame, rows, problems = _read_gdal(path, layer)
    elif layer is not None:
        raise InvalidInput(
            "only GeoPackage, KML and other GDAL formats have layers", path=name, field="layer"
        )
    else:
        text = _read_text(path)
        if kind is None:
            kind = "json" if text.lstrip()[:1] in ("{", "[") else "csv"
        frame, rows, problems = (_read_csv if kind == "csv" else _read_json)(text, name)
        if kind == "csv":  # a header without the columns is not a table of incidents
            _require_columns(frame.columns, name)
    if errors == "raise" and problems.items:
        problems.finish("raise")
    return _build(
        frame,
        rows=rows,
        path=name,
        errors=errors,
        gazetteer=gazetteer,
        problems=problems,
        dayfirst=dayfirst,
    )


def _read_text(path: Path) -> str:
    """The file as text; clear errors for empty, binary and non-UTF-8 files."""
    data = path.read_bytes()
    if not data.strip():
        raise InvalidInput("the file is empty", path=str(path))
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # Excel's "Unicode text"
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise InvalidInput(
                "UTF-16 text that does not decode; save it as UTF-8", path=str(path)
            ) from None
        if "\x00" in text:
            line = text.count("\n", 0, text.index("\x00")) + 1
            raise InvalidInput(
                f"a NUL character on line {line}; text files hold none", path=str(path), row=line
            )
        return text
    if b"\x00" in data:
        head = data[:_SNIFF_BYTES]
        offset = data.index(0)
        if head[1::2].count(0) > len(head) // 4 or head[0::2].count(0) > len(head) // 4:
            hint = (
                "UTF-16 text without a byte-order mark; save it as UTF-8 (in a spreadsheet: "
                "Save as > CSV UTF-8)"
            )
        elif head.startswith(b"PK\x03\x04"):
            hint = (
                "a binary file, not CSV, JSON or GeoJSON text; it looks like a ZIP or Excel "
                "file: save the sheet as CSV (UTF-8)"
            )
        else:
            hint = "a binary file, not CSV, JSON or GeoJSON text"
        raise InvalidInput(
            f"{hint} (NUL byte at offset {offset}, line {data[:offset].count(10) + 1})",
            path=str(path),
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InvalidInput(
            f"not UTF-8 text (byte 0x{data[error.start]:02x} on line {line}); save it as UTF-8",
            path=str(path),
            row=line,
        ) from None


def _read_csv(text: str, name: str) -> tuple[pd.DataFrame, np.ndarray, _Problems]:
    """Parse CSV text: the delimiter is whichever of , ; tab the header uses most.

    Rows are numbered as a spreadsheet shows them: one per record, the header
    is row 1, a value with line breaks stays in its row.
    """
    problems = _Problems(name)
    header_line = next((line for line in text.split("\n") if line.strip()), None)
    if header_line is None:
        raise InvalidInput("the file holds only blank characters", path=name)
    delimiter = max(",;\t", key=header_line.count)
    csv.field_size_limit(max(csv.field_size_limit(), len(text)))  # read what we write
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    records: list[list[str]] = []
    rows: list[int] = []
    row = line = 0
    try:
        for fields in reader:
            row += 1
            lines, line = reader.line_num - line, reader.line_num
            if not "".join(fields).strip():
                continue
            if header is None:
                header = [field.strip() for field in fields]
                _check_header(header, name, row)
                check_columns(header, name)
                continue
            if len(fields) > len(header):
                problems.add(
                    row,
                    None,
                    None,
                    f"the row has {len(fields)} values but the header "
                    f"names {len(header)} columns (quote values that contain "
                    f"{delimiter!r})",
                )
                continue
            if lines > 1 and (swallowed := _swallowed(fields, header, delimiter)):
                column, count = swallowed
                problems.add(
                    row,
                    column,
                    None,
                    f"a quote opened in this value is never closed: it "
                    f"runs over {count} line(s) that look like rows; close it, or write "
                    'a quote inside a quoted value as ""',
                )
                continue
            records.append(fields + [""] * (len(header) - len(fields)))
            rows.append(row)
    except csv.Error as error:
        raise InvalidInput(f"malformed CSV: {error}", path=name, row=row + 1) from None
    frame = pd.DataFrame(records, columns=header, dtype=object)
    quoted = f"{delimiter}'" in text or f"{delimiter}\"'" in text or "\n'" in text
    for column in frame.columns if quoted else ():  # "'=1+2" as write_incidents writes it -> "=1+2"
        codes, uniques = pd.factorize(frame[column])
        plain = [v[1:] if v[:1] == "'" and FORMULA_START.match(v, 1) else v for v in uniques]
        if plain != list(uniques):
            frame[column] = np.array(plain, dtype=object)[codes]
    return frame, np.array(rows, dtype=np.int64), problems


def _swallowed(fields: list[str], header: list[str], delimiter: str) -> tuple[str, int] | None:
    """The column whose value swallowed whole rows (an unclosed quote), and how many lines."""
    if len(header) < 3:  # too few separators to tell a row from a sentence
        return None
    for column, value in zip(header, fields, strict=False):
        lines = value.split("\n")[1:]
        looks_like_rows = sum(line.count(delimiter) >= len(header) - 1 for line in lines)
        if looks_like_rows:
            return column, looks_like_rows
    return None


def _check_header(header: list[str], name: str, row: int = 1) -> None:
    seen: set[str] = set()
    for column in header:
        if not column:
            raise InvalidInput("the header has an empty column name", path=name, row=row)
        if column in seen:
            raise InvalidInput(
                f"the column {column!r} appears twice in the header",
                path=name,
                row=row,
                field=column,
            )
        seen.add(column)


def _read_json(text: str, name: str) -> tuple[pd.DataFrame, np.ndarray, _Problems]:
    """Parse a list of records, ``{"data": [...]}``, or a GeoJSON Feature(Collection)."""
    problems = _Problems(name)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidInput(
            f"not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})", path=name
        ) from None
    except RecursionError:
        raise InvalidInput("JSON nested too deeply to be incidents", path=name) from None
    if isinstance(document, dict) and document.get("type") in ("FeatureCollection", "Feature"):
        return _geojson_records(document, name, problems)
    if isinstance(document, dict):
        lists = [
            key
            for key in ("incidents", "data", "records", "features")
            if isinstance(document.get(key), list)
        ]
        if not lists:
            raise InvalidInput(
                "expected a list of records or a GeoJSON FeatureCollection, found "
                "an object with keys " + ", ".join(map(str, list(document)[:8])),
                path=name,
            )
        document = document[lists[0]]
    if not isinstance(document, list):
        raise InvalidInput(
            f"expected a list of records, found a JSON {type(document).__name__}", path=name
        )
    records, rows = [], []
    for number, record in enumerate(document, 1):
        if not isinstance(record, dict):
            problems.add(
                number, None, None, f"a record must be a JSON object, not {_json_kind(record)}"
            )
            continue
        records.append(record)
        rows.append(number)
    try:
        frame = pd.DataFrame(records)
    except UnicodeEncodeError:  # pandas' string type cannot hold a lone surrogate (reported later)
        frame = pd.DataFrame(records, dtype=object)
    return frame, np.array(rows, dtype=np.int64), problems


def _json_kind(value: object) -> str:
    return {
        list: "an array",
        str: "a string",
        int: "a number",
        float: "a number",
        bool: "true/false",
        type(None): "null",
    }.get(type(value), type(value).__name__)


def _geojson_records(document: dict, name: str, problems: _Problems):
    crs = document.get("crs") or ""
    if isinstance(crs, dict) and isinstance(crs.get("properties"), dict):
        crs = crs["properties"].get("name", "")
    if crs and not re.search(r"CRS84|EPSG:?:?4326", str(crs)):
        raise InvalidInput(
            f"the GeoJSON declares the CRS {crs}; only WGS 84 lon/lat (RFC 7946) is read",
            path=name,
            field="crs",
        )
    features = document.get("features") if document["type"] == "FeatureCollection" else [document]
    if not isinstance(features, list):
        raise InvalidInput("a FeatureCollection needs a 'features' array", path=name)
    records, rows = [], []
    for number, feature in enumerate(features, 1):
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            problems.add(number, None, None, "not a GeoJSON Feature")
            continue
        properties = feature.get("properties") or {}
        if not isinstance(properties, dict):
            problems.add(number, "properties", None, "'properties' must be an object")
            continue
        record = dict(properties)
        if "id" in feature and not any(_fold_column(k) in _ALIASES["id"] for k in record):
            record["id"] = feature["id"]
        geometry = feature.get("geometry")
        if geometry is not None:
            coordinates = geometry.get("coordinates") if isinstance(geometry, dict) else None
            if not isinstance(geometry, dict) or geometry.get("type") != "Point":
                kind = geometry.get("type") if isinstance(geometry, dict) else _json_kind(geometry)
                problems.add(
                    number, "geometry", kind, f"the geometry is a {kind}; an incident is a Point"
                )
                continue
            if (
                not isinstance(coordinates, list)
                or len(coordinates) < 2
                or not all(
                    isinstance(c, (int, float)) and not isinstance(c, bool) for c in coordinates[:2]
                )
            ):
                problems.add(
                    number,
                    "geometry",
                    json.dumps(coordinates),
                    "Point coordinates must be [longitude, latitude] numbers",
                )
                continue
            record = {
                k: v
                for k, v in record.items()
                if _fold_column(k) not in (*_ALIASES["lat"], *_ALIASES["lon"])
            }
            record["lon"], record["lat"] = coordinates[0], coordinates[1]
        records.append(record)
        rows.append(number)
    try:
        frame = pd.DataFrame(records)
    except UnicodeEncodeError:  # pandas' string type cannot hold a lone surrogate (reported later)
        frame = pd.DataFrame(records, dtype=object)
    return frame, np.array(rows, dtype=np.int64), problems


def _read_gdal(path: Path, layer: str | None) -> tuple[pd.DataFrame, np.ndarray, _Problems]:
    """One layer of any vector format GDAL reads (GeoPackage, KML...), points in any CRS.

    A file with several layers needs ``layer``; the error lists them.
    """
    import pyogrio
    from pyogrio.errors import CRSError, DataLayerError, DataSourceError, FieldError, GeometryError

    if not path.exists():
        raise FileNotFoundError(f"no such file: {path}")
    try:
        if path.suffix.lower() == ".parquet":  # GeoParquet: one table, read with pyarrow
            if layer is not None:
                raise InvalidInput(
                    "only GeoPackage, KML and other GDAL formats have layers",
                    path=str(path),
                    field="layer",
                )
            gdf = _read_geoparquet(path)
        else:
            names = [str(name) for name in pyogrio.list_layers(path)[:, 0]]
            if layer is not None and layer not in names:
                raise InvalidInput(
                    f"no layer {layer!r}; the file has: {', '.join(names)}",
                    path=str(path),
                    field="layer",
                )
            if layer is None and len(names) > 1:
                raise InvalidInput(
                    f"the file has {len(names)} layers ({', '.join(names)}); pick "
                    "one with --layer (layer= in Python)",
                    path=str(path),
                    field="layer",
                )
            gdf = pyogrio.read_dataframe(path, layer=layer)
    except (DataSourceError, DataLayerError, FieldError, GeometryError, CRSError) as error:
        raise InvalidInput(f"GDAL cannot read it: {error}", path=str(path)) from None
    if not isinstance(gdf, gpd.GeoDataFrame):  # a table without geometry: lat/lon columns, places
        return pd.DataFrame(gdf), np.arange(1, len(gdf) + 1), _Problems(str(path))
    gdf = in_wgs84(gdf)
    frame = pd.DataFrame(gdf.drop(columns=gdf.geometry.name))
    if path.suffix.lower() in (".kml", ".kmz"):  # how a placemark is drawn, not what happened
        frame = frame.drop(columns=[c for c in _KML_DISPLAY if c in frame.columns])
    frame["geometry"] = list(gdf.geometry.array)
    return frame, np.arange(1, len(frame) + 1), _Problems(str(path))


def _read_geoparquet(path: Path) -> gpd.GeoDataFrame:
    """A GeoParquet file or folder of parts (geopandas leaves out the bbox covering column)."""
    import pyarrow as pa

    try:
        return gpd.read_parquet(path)
    except (pa.ArrowException, ValueError, OSError) as error:
        raise InvalidInput(f"not GeoParquet: {error}", path=str(path)) from None


@lru_cache(maxsize=1)
def _sample() -> gpd.GeoDataFrame:
    with resources.as_file(data_dir().joinpath("sample_incidents.csv")) as path:
        return read_incidents(path)


def sample_incidents() -> gpd.GeoDataFrame:
    """The bundled sample: real mine incidents 2020–2024, with their sources."""
    return _sample().copy()
