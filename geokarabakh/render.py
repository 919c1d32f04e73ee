"""Interactive incident maps: every incident over the reference layers that stood on its date.

:func:`incident_map` returns a :class:`folium.Map`. The incidents travel once, as columns
of gzipped JSON; one script (``render.js``, beside this module) builds clustered canvas markers,
a heat layer, popups, tooltips and a time filter from it in the browser, so a map of 100,000
incidents stays small and quick. Every page inlines Leaflet and MarkerCluster from the XStatic
packages and draws a vector base from the shipped data beneath its tiles, so it shows every
incident and line with no network: online tiles cover the base when they load.
``tiles="none"`` (or ``offline=True``) leaves tiles out altogether.

Report text is untrusted: it reaches the page only inside that base64 data (other text as JSON
with ``<``, ``>``, ``&``, U+2028/9 escaped) and is put into the page by ``textContent``.
Nothing of it passes through folium's templates, which insert popup and tooltip text raw and
re-read a MacroElement's output as a Jinja template.
"""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import html
import json
import math
import os
import re
import warnings
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, cast

import folium
import geopandas as gpd
import numpy as np
import orjson
import pandas as pd
import shapely
from branca.element import Element, MacroElement
from folium.map import Layer

from geokarabakh.analysis import BELT_KM, km_to_front, mine_risk_belt
from geokarabakh.dates import as_date
from geokarabakh.errors import InvalidInput
from geokarabakh.export import write_atomic
from geokarabakh.gazetteer import AREA_OF_INTEREST, Gazetteer, Place
from geokarabakh.incidents import in_wgs84
from geokarabakh.layers import CONTEXT_KINDS, load_layers
from geokarabakh.names import fold, skeleton

__all__ = ["REFERENCE_STYLES", "TYPE_COLORS", "incident_map", "write_map"]

TYPE_COLORS = {
    "landmine": "#d7301f",
    "unexploded ordnance": "#fc8d59",
    "shelling": "#6a3d9a",
    "air strike": "#1f78b4",
    "armed clash": "#33a02c",
    "unspecified": "#8c8c8c",
}
ALWAYS_DRAWN = CONTEXT_KINDS | {"line_of_contact"}  # whatever the incidents' dates
_MORE_COLORS = (
    "#e7298a",
    "#a6761d",
    "#1b9e77",
    "#666666",
    "#b2df8a",
    "#fb9a99",
    "#cab2d6",
    "#ffff99",
    "#80b1d3",
    "#bc80bd",
)
REFERENCE_STYLES = {
    "line_of_contact": {"color": "#c0392b", "weight": 3, "dashArray": "9 5"},
    "control_area": {
        "color": "#c0392b",
        "weight": 1,
        "fillColor": "#c0392b",
        "fillOpacity": 0.07,
        "dashArray": "3 4",
    },
    "ceasefire_line": {"color": "#1f4e9c", "weight": 3},
    "peacekeeping_zone": {
        "color": "#2e86c1",
        "weight": 1.5,
        "fillColor": "#2e86c1",
        "fillOpacity": 0.1,
        "dashArray": "5 4",
    },
    "corridor": {"color": "#8e44ad", "weight": 1, "fillColor": "#8e44ad", "fillOpacity": 0.15},
    "corridor_road": {"color": "#8e44ad", "weight": 3.5},
    "blockade_point": {
        "radius": 7,
        "color": "#000000",
        "weight": 2,
        "fillColor": "#f1c40f",
        "fillOpacity": 1,
    },
    "checkpoint": {
        "radius": 7,
        "color": "#000000",
        "weight": 2,
        "fillColor": "#e67e22",
        "fillOpacity": 1,
    },
    "border": {"color": "#555555", "weight": 2, "dashArray": "2 5"},
    "nkao_outline": {"color": "#7f8c8d", "weight": 2, "dashArray": "6 3 2 3", "fill": False},
}
_DEFAULT_STYLE = {"color": "#34495e", "weight": 2, "fillOpacity": 0.1}
_SIZE_EXAMPLES = (0, 1, 5, 20)
# ACLED geo_precision: how the marker looks (render.js precisionStyle), what it means
_PRECISION_LEGEND = (
    ("gk-p1", "1 or not stated: the place itself"),
    ("gk-p2", "2: near the place, or part of a district"),
    ("gk-p3", "3: only the district or region; drawn at its centre"),
)
_TITLE = "Incidents in and around Nagorno-Karabakh"
_EPOCH = dt.date(1970, 1, 1)
_SCRIPTS = re.compile(r"^[\u0000-\u024f\u1e00-\u1eff\u0400-\u04ff\u0530-\u058f\u2000-\u206f\s]+$")
_MAX_NAMES = 20
_OUTLINE_BOX = (43.5, 38.4, 50.5, 41.8)  # west, south, east, north: where country names go

_OSM_ATTRIBUTION = (
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
)
_ESRI = (
    "https://server.arcgisonline.com/ArcGIS/rest/services/World_Imagery/MapServer/tile/{z}/{y}/{x}"
)
_ESRI_ATTRIBUTION = (
    "Tiles &copy; Esri &mdash; Source: Esri, Maxar, Earthstar Geographics, and the GIS User "
    "Community"
)
_GEONAMES_ATTRIBUTION = 'Places: <a href="https://www.geonames.org/">GeoNames</a> (CC BY 4.0)'
_NATURAL_EARTH_ATTRIBUTION = (
    'Borders: <a href="https://www.naturalearthdata.com/">Natural Earth</a>'
)
_OSM = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
TILES = ("osm", "satellite", "none")
PAGE_LIMIT = 500_000  # incidents; above it one page is slow to open (benchmarks/bench_render.py)


def incident_map(
    incidents: gpd.GeoDataFrame,
    *,
    start: str | dt.date | None = None,
    end: str | dt.date | None = None,
    tiles: str = "osm",
    offline: bool = False,
    title: str | None = None,
    reference: gpd.GeoDataFrame | None = None,
    show_heat: bool = False,
    risk_belt: bool = False,
) -> folium.Map:
    """An interactive map of ``incidents`` over the reference layers valid over their dates.

    Parameters
    ----------
    incidents : GeoDataFrame
        The incident schema (:mod:`geokarabakh.incidents`); ``date`` is required, other
        columns are shown when present. Rows without a location are counted, not drawn.
        A row whose date is missing (its source gave no year) is drawn whatever the dates
        chosen, marked "date unknown": it may belong to any of them.
    start, end : ISO date, optional
        Keep incidents from ``start`` to ``end`` (inclusive); also the time filter's span.
    tiles : {"osm", "satellite", "none"}
        The online tiles shown first (the other is offered in the layer control); the vector
        base lies beneath them and shows wherever they do not load. ``"none"``: no tiles and
        no request to any server.
    offline : bool
        The same as ``tiles="none"``.
    title : str, optional
        Shown above the map with the date range.
    reference : GeoDataFrame, optional
        Reference layers (:func:`geokarabakh.layers.load_layers` by default); those that
        stood at some time in the range are drawn, countries go into the vector base.
    show_heat : bool
        Show the heat layer on opening (it is always in the layer control).
    risk_belt : bool
        Shade the mine-risk belt, 0-2, 2-5 and 5-10 km on both sides of the 1994-2020 and
        2020-2023 lines, and give in the legend the share of the map's incidents in each band.

    >>> import geokarabakh as gk
    >>> gk.incident_map(gk.sample_incidents(), offline=True).save("map.html")  # doctest: +SKIP
    """
    if tiles not in TILES:
        raise InvalidInput(
            f"unknown tiles {tiles!r}; options are: {', '.join(TILES)}", field="tiles"
        )
    tiles = "none" if offline else tiles
    first_day = None if start is None else as_date(start, "start")
    last_day = None if end is None else as_date(end, "end")
    if first_day and last_day and first_day > last_day:
        raise InvalidInput(f"start {first_day} is after end {last_day}", field="start")
    frame, unmapped = _prepare(incidents, first_day, last_day)
    if len(frame) > PAGE_LIMIT:
        warnings.warn(
            f"{len(frame):,} incidents make a page that is slow to open (over "
            f"{PAGE_LIMIT:,}): map a shorter period (start, end; --from/--to) or write "
            "them to GeoParquet or GeoPackage for QGIS (geokarabakh export FILE -o "
            "incidents.gpkg)",
            stacklevel=2,
        )
    days = frame["_day"].dropna().to_numpy()
    span = (
        first_day or (_day_date(days.min()) if len(days) else None),
        last_day or (_day_date(days.max()) if len(days) else None),
    )
    layers = _reference_frame(reference)
    groups = _reference_groups(layers, span)

    m = folium.Map(
        tiles=None,
        control_scale=True,
        zoom_start=8,
        maxZoom=18,
        minZoom=6,
        location=[
            (AREA_OF_INTEREST[1] + AREA_OF_INTEREST[3]) / 2,
            (AREA_OF_INTEREST[0] + AREA_OF_INTEREST[2]) / 2,
        ],
    )
    name = m.get_name()
    shown_title = title or _TITLE
    m.get_root().title = html.escape(shown_title)  # type: ignore[attr-defined]  # branca: dynamic
    m.default_js, m.default_css = [], []
    _Code(head=_assets()).add_to(m)

    countries = layers[layers["kind"] == "country"] if len(layers) else layers
    if tiles != "none":
        for key, label, url, attribution, labelled in (
            ("osm", "OpenStreetMap", _OSM, _OSM_ATTRIBUTION, True),
            ("satellite", "Satellite (Esri World Imagery)", _ESRI, _ESRI_ATTRIBUTION, False),
        ):
            options = {"attribution": attribution, "maxZoom": 18}
            _JsLayer(
                f"GK.tiles({_script_json(url)}, {_script_json(options)}, {str(labelled).lower()})",
                name=label,
                overlay=False,
                show=key == tiles,
            ).add_to(m)
        _JsLayer("L.layerGroup()", name="No tiles", overlay=False, show=False).add_to(m)
    _JsLayer(
        f"GK.outline({name}, {_script_json(_outline_data(countries))})",
        name="Base map (offline data)",
        overlay=True,
    ).add_to(m)

    payload = _payload(frame)
    data_id, legend_id, api = f"{name}_incidents", f"{name}_legend", f"{name}_gk"
    options = {
        "legend": legend_id,
        "range": [_day(span[0]) if span[0] else 0, _day(span[1]) if span[1] else 0],
        "bounds": _bounds(frame),
        "attribution": [_GEONAMES_ATTRIBUTION]
        + ([_NATURAL_EARTH_ATTRIBUTION] if len(countries) else []),
    }
    _Code(
        body=f'<script type="application/octet-stream" id="{data_id}">{_packed(payload)}</script>'
        + _legend_html(legend_id, payload, groups, _belt_shares(frame) if risk_belt else None)
        + _title_html(shown_title, span, len(frame), unmapped),
        script=f"var {api} = GK.setup({name}, {_script_json(data_id)}, {_script_json(options)});",
    ).add_to(m)
    _JsLayer(
        f"{api}.cluster", name=_swatch_label("Incidents (clustered)", "#d7301f"), overlay=True
    ).add_to(m)
    _JsLayer(f"{api}.heat", name="Heat map of incidents", overlay=True, show=show_heat).add_to(m)
    for group in groups + ([_belt_group()] if risk_belt else []):
        _JsLayer(
            f"GK.reference({name}, {_script_json(group['geojson'])}, "
            f"{_script_json(group['meta'])})",
            name=_swatch_label(group["label"], group["style"].get("color", "#333")),
            overlay=True,
        ).add_to(m)
    folium.LayerControl(collapsed=True, position="topright").add_to(m)
    return m


def write_map(m: folium.Map, path: str | os.PathLike[str]) -> Path:
    """Save the map's page to ``path`` atomically (:func:`geokarabakh.export.write_atomic`)."""
    page = m.get_root().render()
    return write_atomic(path, lambda tmp: tmp.write_text(page, encoding="utf-8"))


# -- folium elements that never re-read their content as a template -----------------------


class _Raw(Element):
    """Text put into a figure section verbatim (folium re-parses MacroElement output)."""

    def __init__(self, text: str) -> None:
        super().__init__(template="{{ this.text }}")
        self.text = text


class _Code(MacroElement):
    """Raw header, body and script text for the page."""

    def __init__(self, *, head: str = "", body: str = "", script: str = "") -> None:
        super().__init__()
        self._name = "GkCode"
        self.head, self.body, self.script = head, body, script

    def render(self, **kwargs) -> None:  # type: ignore[override]  # folium's render returns None
        figure: Any = self.get_root()  # a branca Figure: header, html and script
        for section, text in (
            (figure.header, self.head),
            (figure.html, self.body),
            (figure.script, self.script),
        ):
            if text:
                section.add_child(_Raw(text), name=self.get_name())


class _JsLayer(Layer):
    """A layer given as a JavaScript expression, listed in the layer control."""

    def __init__(self, expression: str, *, name: str, overlay: bool, show: bool = True) -> None:
        super().__init__(name=name, overlay=overlay, control=True, show=show)
        self._name = "GkLayer"
        self.expression = expression

    def render(self, **kwargs) -> None:  # type: ignore[override]  # folium's render returns None
        script = cast(Any, self.get_root()).script
        script.add_child(_Raw(f"var {self.get_name()} = {self.expression};"), name=self.get_name())
        if self.show:
            script.add_child(
                _Raw(f"{self.get_name()}.addTo({cast(Any, self._parent).get_name()});"),
                name=self.get_name() + "_add",
            )


# -- escaping -------------------------------------------------------------------------------

_SCRIPT_ESCAPES = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def _script_json(value: object) -> str:
    """JSON safe inside a ``<script>`` element and as a JavaScript expression."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False).translate(
        _SCRIPT_ESCAPES
    )


def _label_text(text: str) -> str:
    """Text for HTML that folium's layer control re-reads as a template: no ``{`` survives."""
    return html.escape(text).replace("{", "&#123;").replace("}", "&#125;")


def _swatch_label(text: str, color: str) -> str:
    return (
        f'<span class="gk-swatch" style="background:{html.escape(color)}"></span> '
        f"{_label_text(text)}"
    )


# -- the incidents ------------------------------------------------------------------------


def _day(date: dt.date) -> int:
    return (date - _EPOCH).days


def _day_date(day: int) -> dt.date:
    return _EPOCH + dt.timedelta(days=int(day))


def drawn_in_range(dates: pd.Series, start: dt.date | None, end: dt.date | None) -> np.ndarray:
    """Which incidents of these ISO ``dates`` a map from ``start`` to ``end`` draws: those of
    the range, and those of unknown date, which may be of any day."""
    return _drawn(_days(dates), start, end)


def _days(dates: pd.Series) -> pd.Series:
    """ISO dates as days since 1970-01-01 (missing where the date is); InvalidInput naming the
    row of the first that is not one."""
    given = dates.astype("string").str.strip().replace("", pd.NA)
    parsed = pd.to_datetime(given, format="ISO8601", errors="coerce")
    if (wrong := parsed.isna() & given.notna()).any():
        position = int(np.flatnonzero(wrong.to_numpy())[0])
        raise InvalidInput(
            f"not an ISO date (YYYY-MM-DD): {dates.iloc[position]!r}",
            row=position + 1,
            field="date",
        )
    if parsed.dt.tz is not None:  # the day where it happened, not in UTC
        parsed = parsed.dt.tz_localize(None)
    return ((parsed.dt.normalize() - pd.Timestamp(_EPOCH)) // pd.Timedelta(days=1)).astype("Int64")


def _drawn(day: pd.Series, start: dt.date | None, end: dt.date | None) -> np.ndarray:
    keep = np.ones(len(day), dtype=bool)
    if start:
        keep &= (day >= _day(start)).fillna(True).to_numpy(dtype=bool)
    if end:
        keep &= (day <= _day(end)).fillna(True).to_numpy(dtype=bool)
    return keep


def _prepare(
    incidents: gpd.GeoDataFrame, start: dt.date | None, end: dt.date | None
) -> tuple[gpd.GeoDataFrame, int]:
    """Points in EPSG:4326 with a ``_day`` column (missing for an unknown date), in the date
    range, in date order (rows of nearby dates share words and numbers: the packed page is a
    fifth smaller), undated last; and the unmapped count."""
    if not isinstance(incidents, gpd.GeoDataFrame):
        raise InvalidInput(
            f"incident_map needs a GeoDataFrame of incidents, not {type(incidents).__name__}",
            field="incidents",
        )
    if "date" not in incidents.columns:
        raise InvalidInput("the incidents have no 'date' column", field="date")
    frame = in_wgs84(incidents)
    day = _days(frame["date"])
    keep = _drawn(day, start, end)
    frame = frame[keep].copy()
    frame["_day"] = day.to_numpy()[keep]
    geometry = frame.geometry
    x, y = shapely.get_x(geometry.array), shapely.get_y(geometry.array)  # NaN unless a Point
    is_point = (shapely.get_type_id(geometry.array) == 0).astype(bool)
    missing = (geometry.isna() | geometry.is_empty).to_numpy() | (
        is_point & (np.isnan(x) | np.isnan(y))
    )
    with np.errstate(invalid="ignore"):
        off_earth = np.flatnonzero(is_point & ~missing & ~((np.abs(x) <= 180) & (np.abs(y) <= 90)))
    if len(off_earth):
        row = int(off_earth[0])
        raise InvalidInput(
            f"the point ({x[row]:g}, {y[row]:g}) is not a longitude/latitude pair in range",
            row=int(np.flatnonzero(keep)[row]) + 1,
            field="geometry",
        )
    frame = frame[~missing]
    points = frame.geometry.to_numpy()
    not_point = shapely.get_type_id(points) != 0
    if not_point.any():
        points = np.where(not_point, shapely.point_on_surface(points), points)
        frame = frame.set_geometry(gpd.GeoSeries(points, index=frame.index, crs=frame.crs))
    return frame.sort_values("_day", kind="stable", na_position="last"), int(missing.sum())


def _factorized(values: pd.Series) -> dict:
    """A column as ``{"v": distinct values, "c": codes}`` (code -1 for missing)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    return {"v": [_plain(v) for v in uniques], "c": codes.tolist()}


def _text_column(values: pd.Series) -> dict:
    """Like :func:`_factorized`, without the codes when every row has its own value (notes,
    sources and ids usually do): ``{"v": one value a row}``."""
    column = _factorized(values)
    if len(column["v"]) == len(values) and not values.isna().any():
        del column["c"]  # the codes would be 0, 1, 2, ...
    return column


def _plain(value: object) -> object:
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating, float)):
        return None if math.isnan(value) else float(value)
    return value if isinstance(value, (int, str)) else str(value)


def _column(frame: pd.DataFrame, name: str) -> pd.Series:
    if name in frame.columns:
        return frame[name].astype(object).where(frame[name].notna(), None)
    return pd.Series([None] * len(frame), index=frame.index, dtype=object)


def _counts(frame: pd.DataFrame, name: str) -> pd.Series:
    """Casualty counts as floats (NaN when missing); anything but a whole number ≥ 0 is an error."""
    if name not in frame.columns:
        return pd.Series(np.nan, index=frame.index)
    values = pd.to_numeric(frame[name], errors="coerce").astype(float)
    with np.errstate(invalid="ignore"):
        bad = np.flatnonzero(
            values.notna() & ~(np.isfinite(values) & (values >= 0) & (values == np.round(values)))
        )
    if len(bad):
        label = frame.index[bad[0]]
        raise InvalidInput(
            f"{frame[name].iloc[bad[0]]} is not a whole number of people",
            field=name,
            row=int(label) + 1 if isinstance(label, (int, np.integer)) else None,
        )
    return values


def _payload(frame: gpd.GeoDataFrame) -> dict:
    """The incidents as columns: numbers as arrays, text factorised (each distinct value once)."""
    types = _column(frame, "type").map(lambda v: str(v).strip().lower() if v is not None else None)
    types = types.where(types.notna() & (types != ""), "unspecified")
    type_column = _factorized(types)
    killed, injured = _counts(frame, "killed"), _counts(frame, "injured")
    casualties = killed.fillna(0).to_numpy() + injured.fillna(0).to_numpy()
    resolved, names = _resolved(frame)
    return {
        "lat": np.round(frame.geometry.y.to_numpy(), 5).tolist(),
        "lon": np.round(frame.geometry.x.to_numpy(), 5).tolist(),
        "day": [None if pd.isna(d) else int(d) for d in frame["_day"]],
        "radius": np.round(_radius(casualties), 1).tolist(),
        "killed": [None if math.isnan(v) else int(v) for v in killed],
        "injured": [None if math.isnan(v) else int(v) for v in injured],
        "type": type_column,
        "colors": _type_colors(type_column["v"]),
        "id": _text_column(_column(frame, "id")),
        "date_precision": _factorized(_column(frame, "date_precision")),
        "place": _factorized(_column(frame, "place")),
        "resolved": _factorized(resolved),
        "names": _factorized(names),
        "geo_precision": _factorized(_column(frame, "geo_precision")),
        "geo_warning": _factorized(_column(frame, "geo_warning")),
        "source": _text_column(_column(frame, "source")),
        "notes": _text_column(_column(frame, "notes")),
    }


def _packed(payload: dict) -> str:
    """The payload as gzipped JSON in base64: report text in it is inert, and the page is small.

    The browser unpacks it with ``DecompressionStream`` (render.js ``unpack``).
    """
    return base64.b64encode(gzip.compress(orjson.dumps(payload), compresslevel=6, mtime=0)).decode(
        "ascii"
    )


def _radius(casualties: np.ndarray) -> np.ndarray:
    """Marker radius in pixels: area grows with killed + injured, capped."""
    return np.minimum(5 + 2.2 * np.sqrt(np.maximum(casualties, 0)), 18)


def _type_colors(types: list[str]) -> list[str]:
    """A colour for each incident type: fixed ones for known types, then a palette."""
    extra = iter(_MORE_COLORS * (len(types) // len(_MORE_COLORS) + 1))
    return [TYPE_COLORS.get(t) or next(extra) for t in types]


def _resolved(frame: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """For each row: the resolved place described (kind, district, country) and all its names."""
    names_given = _column(frame, "place_resolved")
    described: dict[str, tuple[str, str | None]] = {}
    for name in names_given.dropna().unique():
        rows = frame[names_given == name]
        place = _gazetteer_place(
            str(name), float(rows.geometry.y.median()), float(rows.geometry.x.median())
        )
        if place is None:
            described[name] = (str(name), None)
            continue
        where = ", ".join(
            filter(
                None,
                (
                    place.kind,
                    place.district if place.district != place.name else None,
                    place.country,
                ),
            )
        )
        described[name] = (f"{place.name} ({where})", _names_text(place))
    return (
        names_given.map(lambda v: described[v][0] if v is not None else None),
        names_given.map(lambda v: described[v][1] if v is not None else None),
    )


def _gazetteer_place(name: str, lat: float, lon: float) -> Place | None:
    """The gazetteer place called ``name`` nearest to (lat, lon), if any."""
    candidates = _places_by_name().get(name, ())
    if not candidates:
        return None
    return min(candidates, key=lambda p: (p.lat - lat) ** 2 + ((p.lon - lon) * 0.77) ** 2)


@lru_cache(maxsize=1)
def _places_by_name() -> dict[str, tuple[Place, ...]]:
    found: dict[str, list[Place]] = {}
    for place in Gazetteer.default():
        found.setdefault(place.name, []).append(place)
    return {key: tuple(value) for key, value in found.items()}


def _names_text(place: Place) -> str | None:
    """Every Latin, Armenian and Cyrillic name of a place, side by side, primary first.

    All-lower-case forms are dropped: in GeoNames they are search keys and romanised
    Persian or Arabic spellings (``shwshy``), not names people write.
    """
    names = [n for n in place.all_names if _SCRIPTS.match(n) and not n.islower()]
    if len(names) > _MAX_NAMES:
        names = names[:_MAX_NAMES] + ["…"]
    return " · ".join(names) if len(names) > 1 else None


def _bounds(frame: gpd.GeoDataFrame) -> list[list[float]]:
    if not len(frame):
        west, south, east, north = AREA_OF_INTEREST
    else:
        west, south, east, north = frame.total_bounds
    pad = max(0.05, 0.05 * max(east - west, north - south))
    return [[south - pad, west - pad], [north + pad, east + pad]]


# -- reference layers and the vector base --------------------------------------------------


def _reference_frame(reference: gpd.GeoDataFrame | None) -> gpd.GeoDataFrame:
    if reference is None:
        from geokarabakh.layers import load_layers

        return load_layers()
    missing = {"name", "kind", "valid_from", "valid_to"} - set(reference.columns)
    if missing:
        raise InvalidInput(
            f"reference layers lack column(s) {', '.join(sorted(missing))}", field="reference"
        )
    return in_wgs84(reference)


def _layer_date(value: object) -> dt.date | None:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return None
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def _reference_groups(
    layers: gpd.GeoDataFrame, span: tuple[dt.date | None, dt.date | None]
) -> list[dict]:
    """Reference layers standing at some time in ``span``, one group per source file (of a file's
    dated rows, those standing in the span: of the daily control areas, the steps of those days).

    Context (borders, the former NKAO) and the 1994–2020 line of contact — where the old
    minefields lie, whatever the incident's date — are always drawn.
    """
    if not len(layers):
        return []
    layers = layers[layers["kind"] != "country"]
    key = layers["file"] if "file" in layers.columns else layers["name"]
    groups = []
    for _, rows in layers.groupby(key, sort=False):
        if not set(rows["kind"]) & ALWAYS_DRAWN and span[0] and span[1]:
            known = (span[0], span[1])
            rows = rows[
                [
                    _overlaps(_layer_date(a), _layer_date(b), known)
                    for a, b in zip(rows["valid_from"], rows["valid_to"], strict=False)
                ]
            ]  # e.g. the daily control steps
            if not len(rows):
                continue
        starts = [_layer_date(v) for v in rows["valid_from"]]
        ends = [_layer_date(v) for v in rows["valid_to"]]
        known_starts = [d for d in starts if d is not None]
        known_ends = [d for d in ends if d is not None]
        first = min(known_starts) if len(known_starts) == len(starts) else None
        last = max(known_ends) if len(known_ends) == len(ends) else None
        groups.append(_reference_group(rows, first, last))
    return groups


def _overlaps(first: dt.date | None, last: dt.date | None, span: tuple[dt.date, dt.date]) -> bool:
    """Did a layer standing from ``first`` until ``last`` (exclusive) stand on a day of ``span``?"""
    return (first is None or first <= span[1]) and (last is None or last > span[0])


def _dates_text(first: dt.date | None, last: dt.date | None) -> str:
    if first and last:
        return f"{first} – {last}"
    if first:
        return f"from {first}"
    if last:
        return f"until {last}"
    return "no dates (context)"


def _reference_group(rows: gpd.GeoDataFrame, first: dt.date | None, last: dt.date | None) -> dict:
    name = min(rows["name"].astype(str), key=len)
    dates = _dates_text(first, last)
    approximate = "" if "approximate" in name.lower() else " (approximate)"
    features, labels = [], []
    for row in rows.itertuples():
        geometry = row.geometry
        if geometry is None or geometry.is_empty:
            continue
        if geometry.geom_type == "LinearRing":
            geometry = shapely.LineString(geometry.coords)
        style = REFERENCE_STYLES.get(row.kind, _DEFAULT_STYLE)
        properties = {
            "name": str(row.name),
            "style": style,
            "dates": _dates_text(_layer_date(row.valid_from), _layer_date(row.valid_to)),
            "from": _day(start) if (start := _layer_date(row.valid_from)) else None,
            "to": _day(end) if (end := _layer_date(row.valid_to)) else None,
            "accuracy": str(getattr(row, "accuracy", "") or "approximate"),
            "source": str(getattr(row, "source", "") or ""),
        }
        features.append(
            {
                "type": "Feature",
                "properties": properties,
                "geometry": _rounded(shapely.geometry.mapping(geometry)),
            }
        )
        line = _longest_line(geometry)
        if line is not None:
            point = line.interpolate(0.5, normalized=True)
            labels.append(
                [
                    round(point.y, 5),
                    round(point.x, 5),
                    re.sub(r"\s*\(approximate\)", "", str(row.name), flags=re.I),
                ]
            )
    style = REFERENCE_STYLES.get(rows["kind"].iloc[0], _DEFAULT_STYLE)
    return {
        "label": f"{name}{approximate} · {dates}",
        "name": name,
        "dates": dates,
        "style": style,
        "geojson": {"type": "FeatureCollection", "features": features},
        "meta": {
            "from": _day(first) if first else None,
            "to": _day(last) if last else None,
            "labels": labels,
        },
    }


def _longest_line(geometry) -> shapely.LineString | None:
    if geometry.geom_type == "LineString":
        return geometry
    if geometry.geom_type == "MultiLineString":
        return max(geometry.geoms, key=lambda g: g.length)
    return None


def _rounded(mapping: dict) -> dict:
    def walk(value):
        if isinstance(value, (list, tuple)):
            return [walk(v) for v in value]
        return round(value, 5) if isinstance(value, float) else value

    return {"type": mapping["type"], "coordinates": walk(mapping["coordinates"])}


def _map_label(place: Place) -> str:
    """A settlement's label: where two administrations named places (the former NKAO and the
    area held 1994-2020), its Armenian name beside its official one when they differ (an
    Armenian-script name that is also in use in Latin letters).

    ``Khankendi / Stepanakert``, ``Khojavend / Martuni``; ``Shusha`` stays alone (Shushi is
    the same name). Popups show every name; labels keep to two.
    """
    if place.country != "AZ" or not _two_administrations().contains(
        shapely.Point(place.lon, place.lat)
    ):
        return place.name
    own = skeleton(fold(place.name))
    latin_forms = {fold(name): name for name in place.names if name.isascii()}
    # Only the place's first Armenian-script name: a curated row's when it has one (GeoNames'
    # alternates also carry abbreviations and old names such as Akn, Berdaygi, Sanasar).
    armenian = [name for name in place.names if any("\u0531" <= ch <= "\u0587" for ch in name)]
    for name in armenian[:1]:
        folded = fold(name)
        if folded in latin_forms and skeleton(folded) != own:  # in use in Latin letters too
            return f"{place.name} / {latin_forms[folded]}"
    return place.name


@lru_cache(maxsize=1)
def _two_administrations() -> shapely.Geometry:
    """Where two administrations named places: the former NKAO and the area held 1994-2020."""
    layers = load_layers()
    area = shapely.union_all(
        list(layers[layers["kind"].isin(["nkao_outline", "control_area"])].geometry)
    )
    shapely.prepare(area)
    return area


def _outline_data(countries: gpd.GeoDataFrame) -> dict:
    """Countries, district names and settlements for the offline vector base."""
    features, labels = [], []
    for row in countries.itertuples():
        geometry = row.geometry.simplify(0.005, preserve_topology=True)
        features.append(
            {
                "type": "Feature",
                "properties": {},
                "geometry": _rounded(shapely.geometry.mapping(geometry)),
            }
        )
        point = row.geometry.intersection(shapely.box(*_OUTLINE_BOX)).point_on_surface()
        if not point.is_empty:
            labels.append([round(point.y, 4), round(point.x, 4), str(row.name)])
    districts: list[list[object]] = []
    places: list[tuple[float, float, str, int]] = []
    for place in Gazetteer.default():
        if place.kind in ("district", "province"):
            if place.bbox:
                west, south, east, north = place.bbox
                lat, lon = (south + north) / 2, (west + east) / 2
            else:
                lat, lon = place.lat, place.lon
            districts.append([round(lat, 4), round(lon, 4), place.name])
        elif place.kind == "settlement":
            places.append(
                (round(place.lat, 4), round(place.lon, 4), _map_label(place), place.population)
            )
    places.sort(key=lambda p: -p[3])
    return {
        "countries": {"type": "FeatureCollection", "features": features},
        "countryLabels": labels,
        "districts": districts,
        "places": places,
    }


# -- legend, title, assets ----------------------------------------------------------------

_BELT_COLORS = ("#99000d", "#cb181d", "#fb6a4a")  # nearest band darkest


def _belt_group() -> dict:
    """The mine-risk belt (analysis.mine_risk_belt) as a reference group for the page."""
    features = []
    for band, color in zip(mine_risk_belt().itertuples(), _BELT_COLORS, strict=False):
        features.append(
            {
                "type": "Feature",
                "geometry": _rounded(shapely.geometry.mapping(band.geometry)),
                "properties": {
                    "name": f"Mine-risk belt: {band.inner_km:g}–{band.outer_km:g} km from the "
                    "1994–2020 or 2020–2023 line",
                    "style": {"stroke": False, "fillColor": color, "fillOpacity": 0.22},
                    "dates": "whatever the date: the old minefields stay",
                    "accuracy": "as approximate as the lines (a few km)",
                    "source": "buffers of this project's lines",
                },
            }
        )
    return {
        "label": "Mine-risk belt (approximate)",
        "style": {"color": _BELT_COLORS[0]},
        "geojson": {"type": "FeatureCollection", "features": features},
        "meta": {"from": None, "to": None, "labels": [], "interactive": False},
    }


def _belt_shares(frame: gpd.GeoDataFrame) -> list[tuple[str, int]]:
    """(band, incidents in it) for each band of the belt, then beyond it."""
    km = km_to_front(frame)
    edges = (0.0, *map(float, BELT_KM))
    shares = [
        (f"{a:g}–{b:g} km", int(((km >= a) & (km < b)).sum()))
        for a, b in zip(edges, edges[1:], strict=False)
    ]
    return shares + [(f"over {edges[-1]:g} km", int((km >= edges[-1]).sum()))]


def _legend_html(
    element_id: str, payload: dict, groups: list[dict], belt: list[tuple[str, int]] | None = None
) -> str:
    counts: np.ndarray | list[int] = (
        np.bincount(
            np.asarray(payload["type"]["c"], dtype=np.int64), minlength=len(payload["type"]["v"])
        )
        if payload["type"]["c"]
        else []
    )
    types = "".join(
        f'<li><span class="gk-dot" style="width:11px;height:11px;background:{color}"></span>'
        f'{html.escape(str(kind))} <span class="gk-muted">({int(count)})</span></li>'
        for kind, color, count in sorted(
            zip(payload["type"]["v"], payload["colors"], counts, strict=False),
            key=lambda item: -item[2],
        )
    )
    sizes = "".join(
        f'<li><span class="gk-dot" style="width:{2 * r:.0f}px;height:{2 * r:.0f}px;'
        f'background:#fff"></span>{n}</li>'
        for n, r in zip(
            _SIZE_EXAMPLES, _radius(np.array(_SIZE_EXAMPLES, dtype=float)), strict=False
        )
    )
    precision = "".join(
        f'<li><span class="gk-dot {css}"></span>{html.escape(text)}</li>'
        for css, text in _PRECISION_LEGEND
    )
    lines = "".join(
        f"<li>{_legend_swatch(g['style'])}<span>{html.escape(g['name'])} "
        f'<span class="gk-muted">{html.escape(g["dates"])}</span></span></li>'
        for g in groups
    )
    return (
        f'<div id="{element_id}" class="gk-legend leaflet-control" style="display:none">'
        f"<h2>Incident type</h2><ul>{types}</ul>"
        f'<h2>Killed + injured</h2><ul class="gk-sizes">{sizes}</ul>'
        f"<h2>How sure the location is</h2><ul>{precision}</ul>"
        + (f"<h2>Reference layers (approximate)</h2><ul>{lines}</ul>" if lines else "")
        + (_belt_legend(belt) if belt else "")
        + '<div class="gk-muted">Numbered circles: clusters of incidents</div>'
        + '<div class="gk-muted">Lines drawn by this project: approximate, a few km off in places'
        + "</div></div>"
    )


def _belt_legend(belt: list[tuple[str, int]]) -> str:
    total = sum(n for _, n in belt)
    rows = "".join(
        f'<li><span class="gk-area" style="background:{color}55"></span>{html.escape(band)}: '
        f"{100 * n / total if total else 0:.0f}% "
        f'<span class="gk-muted">({n:,} of {total:,})</span></li>'
        for (band, n), color in zip(belt, (*_BELT_COLORS, "#ffffff"), strict=False)
    )
    return (
        "<h2>Mine-risk belt: incidents by distance to the 1994–2020 or 2020–2023 line</h2>"
        f"<ul>{rows}</ul>"
    )


def _legend_swatch(style: dict) -> str:
    color = html.escape(style.get("color", "#333"))
    if "radius" in style:
        return (
            f'<span class="gk-dot" style="width:12px;height:12px;'
            f'background:{html.escape(style.get("fillColor", color))}"></span>'
        )
    dash = "dashed" if style.get("dashArray") else "solid"
    if "fillColor" in style:
        return (
            f'<span class="gk-area" style="border:1.5px {dash} {color};'
            f'background:{html.escape(style["fillColor"])}33"></span>'
        )
    return f'<span class="gk-line" style="border-top:3px {dash} {color}"></span>'


def _title_html(
    title: str, span: tuple[dt.date | None, dt.date | None], shown: int, unmapped: int
) -> str:
    dates = f"{span[0]} – {span[1]}" if span[0] and span[1] else "no dates"
    line = f"{dates} · {shown:,} incident{'s' if shown != 1 else ''}"
    if unmapped:
        line += f" ({unmapped:,} without a location not shown)"
    return (
        f'<div class="gk-title"><h1>{html.escape(title)}</h1>'
        f'<div class="gk-muted">{html.escape(line)} · lines approximate</div></div>'
    )


def _assets() -> str:
    """Header tags: Leaflet, MarkerCluster and our runtime, all inlined."""
    return (
        _library_assets()
        + _style(_package_text("render.css"))
        + _script(_package_text("render.js"))
    )


@lru_cache(maxsize=1)
def _library_assets() -> str:
    import xstatic.pkg.leaflet as leaflet
    import xstatic.pkg.leaflet_markercluster as cluster

    base, cluster_base = Path(leaflet.BASE_DIR), Path(cluster.BASE_DIR)
    css = re.sub(
        r"url\(images/([\w.-]+\.png)\)",
        lambda m: (
            "url(data:image/png;base64,"
            + base64.b64encode((base / "images" / m[1]).read_bytes()).decode()
            + ")"
        ),
        (base / "leaflet.css").read_text(encoding="utf-8"),
    )
    return (
        _style(css)
        + _script((base / "leaflet.js").read_text(encoding="utf-8"))
        + _style((cluster_base / "MarkerCluster.css").read_text(encoding="utf-8"))
        + _style((cluster_base / "MarkerCluster.Default.css").read_text(encoding="utf-8"))
        + _script((cluster_base / "leaflet.markercluster.js").read_text(encoding="utf-8"))
    )


def _package_text(name: str) -> str:
    return resources.files("geokarabakh").joinpath(name).read_text(encoding="utf-8")


def _script(code: str) -> str:
    code = re.sub(r"//# sourceMappingURL=\S+", "", code)
    return "<script>" + re.sub(r"</(script)", r"<\\/\1", code, flags=re.I) + "</script>"


def _style(code: str) -> str:
    code = re.sub(r"/\*# sourceMappingURL=\S+ \*/", "", code)
    return "<style>" + re.sub(r"</(style)", r"<\\/\1", code, flags=re.I) + "</style>"
