"""Write incidents for GIS tools: GeoJSON (RFC 7946), GeoPackage, CSV with lat/lon, KML,
GeoParquet and FlatGeobuf.

The format comes from the file's suffix (a table, :data:`DRIVERS`) or ``driver=``.
Every write goes to a temporary file beside the target and is renamed over it
only when complete, so a failure never leaves a truncated file where a good
one was.

GeoJSON follows RFC 7946: lon/lat WGS 84 with no ``crs`` member, coordinates
rounded to 6 decimals (about 0.1 m), each feature with a stable ``id`` (the
incident's), dates as ISO strings and ``null`` where a value is missing —
never ``NaN``.

GeoParquet (``.parquet``) is one file for a GeoDataFrame and a folder of
partition files for a dask-geopandas frame (what ``extract_corpus`` gives);
both are read back by ``read_incidents``, ``geopandas.read_parquet``, QGIS and
DuckDB. FlatGeobuf (``.fgb``) keeps the rows in their order (no spatial index,
which would sort them along a curve).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import os
import secrets
import shutil
from collections.abc import Callable
from os import PathLike
from pathlib import Path

import geopandas as gpd
import numpy as np
import orjson
import pandas as pd
import shapely

from geokarabakh.errors import InvalidInput

__all__ = ["DRIVERS", "LAYER", "PRECISION", "write_incidents"]

DRIVERS = {".geojson": "GeoJSON", ".json": "GeoJSON", ".gpkg": "GPKG", ".csv": "CSV",
           ".kml": "KML", ".parquet": "Parquet", ".fgb": "FlatGeobuf"}
PRECISION = 6  # decimal places of a coordinate: about 0.1 m
LAYER = "incidents"  # the layer name in GeoPackage and KML


def write_incidents(gdf: gpd.GeoDataFrame, path: str | PathLike[str], *,
                    driver: str | None = None) -> Path:
    """Write ``gdf`` to ``path`` atomically; the format comes from the suffix or ``driver``.

    ``driver`` is one of ``GeoJSON``, ``GPKG``, ``CSV``, ``KML``, ``Parquet``, ``FlatGeobuf``
    (any case). A dask-geopandas frame is written as partitioned GeoParquet (a folder).
    Returns the path written.

    >>> import geokarabakh as gk
    >>> gk.write_incidents(gk.sample_incidents(), "incidents.geojson")  # doctest: +SKIP
    """
    path = Path(path)
    driver = _driver(path, driver)
    from geokarabakh.corpus import is_dask

    if is_dask(gdf):
        if driver != "Parquet":
            raise InvalidInput(f"a dask frame is written as GeoParquet (.parquet), not {driver}",
                               path=str(path))
        _atomic_folder(path, lambda tmp: _write_parquet_parts(gdf, tmp))
        return path
    table = _prepare(gdf)
    _atomic(path, lambda tmp: _WRITERS[driver](table, tmp))
    return path


def _driver(path: Path, driver: str | None) -> str:
    names = {name.lower(): name for name in DRIVERS.values()}
    if driver is not None:
        if driver.lower() not in names:
            raise InvalidInput(f"unknown driver {driver!r}; options are: "
                               + ", ".join(sorted(set(DRIVERS.values()))), field="driver")
        return names[driver.lower()]
    if path.suffix.lower() not in DRIVERS:
        raise InvalidInput(f"cannot tell the format from the suffix {path.suffix or '(none)'!r}; "
                           "use one of " + ", ".join(DRIVERS) + " or pass driver=", path=str(path))
    return DRIVERS[path.suffix.lower()]


def _prepare(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """A copy in EPSG:4326 with a unique text ``id`` on every row."""
    if not isinstance(gdf, gpd.GeoDataFrame):
        raise InvalidInput(f"expected a GeoDataFrame of incidents, not {type(gdf).__name__}")
    if gdf.crs is None:
        west, south, east, north = gdf.total_bounds if len(gdf) else (0, 0, 0, 0)
        if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
            raise InvalidInput("the GeoDataFrame has no CRS and its coordinates are not lon/lat",
                               field="geometry")
        gdf = gdf.set_crs("EPSG:4326")
    elif not gdf.crs.equals("EPSG:4326"):
        gdf = gdf.to_crs("EPSG:4326")
    gdf = gdf.reset_index(drop=True)
    if gdf.geometry.name != "geometry":
        gdf = gdf.rename_geometry("geometry")
    ids = gdf["id"] if "id" in gdf.columns else pd.Series(pd.NA, index=gdf.index, dtype=object)
    ids = ids.astype(object).where(ids.notna(), None)
    if ids.isna().any():
        ids = pd.Series(_fill_ids(gdf, ids.tolist()), index=gdf.index, dtype=object)
    ids = ids.map(str)
    duplicated = ids[ids.duplicated(keep=False)]
    if len(duplicated):
        first = duplicated.iloc[0]
        rows = [str(i + 1) for i in duplicated.index[duplicated == first]]
        raise InvalidInput(f"the id {first!r} is used by rows {' and '.join(rows)}; ids must be "
                           "unique", row=int(rows[-1]), field="id")
    gdf = gdf.copy()
    if "id" in gdf.columns:
        gdf["id"] = ids
    else:
        gdf.insert(0, "id", ids)
    return gdf


def _fill_ids(gdf: gpd.GeoDataFrame, ids: list) -> list[str]:
    """Missing ids from a hash of the row's values and point, made unique."""
    wkb = shapely.to_wkb(gdf.geometry.array, hex=True)
    values = gdf.drop(columns=["geometry", *(["id"] if "id" in gdf.columns else [])])
    taken = {i for i in ids if i is not None}
    for position, own in enumerate(ids):
        if own is not None:
            continue
        key = json.dumps(_json_row(values.iloc[position]), sort_keys=True, default=str)
        base = "gk-" + hashlib.blake2b((key + str(wkb[position])).encode(), digest_size=6).hexdigest()
        candidate, count = base, 1
        while candidate in taken:
            count += 1
            candidate = f"{base}-{count}"
        taken.add(candidate)
        ids[position] = candidate
    return ids


def _json_row(row: pd.Series) -> dict:
    return {str(k): _jsonable(v) for k, v in row.items()}


def _jsonable(value: object) -> object:
    """A JSON-ready scalar: None for every kind of missing or non-finite value."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, dt.datetime):  # pd.Timestamp too: a date alone when there is no time
        if value.tzinfo is None and value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (str, list, dict)):
        return value
    return str(value)


def _columns_as_lists(frame: pd.DataFrame) -> dict[str, list]:
    """Each column as a list of JSON-ready values, each distinct value converted once."""
    out: dict[str, list] = {}
    for name in frame.columns:
        column = frame[name]
        if column.dtype.kind == "f":  # numpy floats: NaN and infinities become None
            values = column.to_numpy()
            out[str(name)] = np.where(np.isfinite(values), values, None).tolist()
            continue
        try:
            codes, uniques = pd.factorize(column, use_na_sentinel=True)
        except TypeError:  # unhashable values (lists, dicts)
            out[str(name)] = [_jsonable(v) for v in column.tolist()]
            continue
        converted = [_jsonable(v) for v in uniques.tolist()] + [None]
        out[str(name)] = [converted[code] for code in codes.tolist()]
    return out


def _points(gdf: gpd.GeoDataFrame) -> list[dict | None]:
    """GeoJSON geometry objects, coordinates rounded to :data:`PRECISION` decimals."""
    geometry = gdf.geometry.array
    missing = shapely.is_missing(geometry) | shapely.is_empty(geometry)
    kinds = shapely.get_type_id(geometry)
    if np.all(missing | (kinds == 0)):  # all points: a fast path
        xy = np.round(shapely.get_coordinates(geometry[~missing]), PRECISION).tolist()
        it = iter(xy)
        return [None if gone else {"type": "Point", "coordinates": next(it)} for gone in missing]
    rounded = shapely.transform(geometry, lambda c: np.round(c, PRECISION))
    return [None if gone else json.loads(shapely.to_geojson(g))
            for g, gone in zip(rounded, missing, strict=True)]


def _write_geojson(gdf: gpd.GeoDataFrame, path: Path) -> None:
    geometries = _points(gdf)
    properties = _columns_as_lists(gdf.drop(columns="geometry"))
    names = list(properties)
    rows = zip(*properties.values(), strict=True)
    id_at = names.index("id")
    features = [{"type": "Feature", "id": values[id_at], "geometry": geometry,
                 "properties": dict(zip(names, values, strict=True))}
                for values, geometry in zip(rows, geometries, strict=True)]
    with open(path, "xb") as out:  # orjson: UTF-8, compact, NaN as null; ~10x json.dumps
        out.write(orjson.dumps({"type": "FeatureCollection", "features": features}) + b"\n")
        _sync(out)


def _flat(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Columns GDAL can store: lists and dicts become JSON text."""
    nested = [name for name in gdf.columns if name != "geometry" and gdf[name].dtype == object
              and pd.api.types.infer_dtype(gdf[name], skipna=True) not in ("string", "empty")]
    if not nested:
        return gdf
    gdf = gdf.copy()
    for name in nested:
        gdf[name] = gdf[name].map(
            lambda v: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v)
    return gdf


def _write_gpkg(gdf: gpd.GeoDataFrame, path: Path) -> None:
    import pyogrio

    pyogrio.write_dataframe(_flat(gdf), path, layer=LAYER, driver="GPKG")


def _write_kml(gdf: gpd.GeoDataFrame, path: Path) -> None:
    """GDAL's LIBKML driver (else KML): the place names each placemark, the notes describe it."""
    import pyogrio

    if "w" in pyogrio.list_drivers().get("LIBKML", ""):
        # LIBKML takes the placemark's id, name and description from these fields.
        renamed = {old: new for old, new in (("place", "name"), ("notes", "description"))
                   if old in gdf.columns and new not in gdf.columns}
        pyogrio.write_dataframe(_flat(gdf.rename(columns=renamed)), path, layer=LAYER,
                                driver="LIBKML")
    else:
        pyogrio.write_dataframe(_flat(gdf), path, layer=LAYER, driver="KML",
                                dataset_options={"NameField": "place", "DescriptionField": "notes"})


def _write_csv(gdf: gpd.GeoDataFrame, path: Path) -> None:
    """UTF-8 CSV with ``lat`` and ``lon`` columns instead of the geometry; points only."""
    geometry = gdf.geometry.array
    kinds = shapely.get_type_id(geometry)
    present = ~(shapely.is_missing(geometry) | shapely.is_empty(geometry))
    not_points = np.flatnonzero(present & (kinds != 0))
    if len(not_points):
        row = int(not_points[0])
        raise InvalidInput(f"CSV holds points only; this geometry is a {geometry[row].geom_type}",
                           row=row + 1, field="geometry")
    table = pd.DataFrame(gdf.drop(columns="geometry"))
    table["lat"] = np.round(shapely.get_y(geometry), PRECISION)
    table["lon"] = np.round(shapely.get_x(geometry), PRECISION)
    with open(path, "x", encoding="utf-8", newline="") as out:
        table.to_csv(out, index=False, lineterminator="\n")
        _sync(out)


def _write_parquet(gdf: gpd.GeoDataFrame, path: Path) -> None:
    """GeoParquet 1.1 with a bbox covering column, so readers can skip row groups."""
    import pyarrow as pa

    table = _flat(gdf)
    try:
        table.to_parquet(path, index=False, write_covering_bbox=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError) as error:
        raise InvalidInput(f"a column Parquet cannot store: {error}", path=str(path)) from None


def _write_fgb(gdf: gpd.GeoDataFrame, path: Path) -> None:
    import pyogrio

    pyogrio.write_dataframe(_flat(gdf), path, layer=LAYER, driver="FlatGeobuf",
                            layer_options={"SPATIAL_INDEX": "NO"})


_WRITERS: dict[str, Callable[[gpd.GeoDataFrame, Path], None]] = {
    "GeoJSON": _write_geojson, "GPKG": _write_gpkg, "CSV": _write_csv, "KML": _write_kml,
    "Parquet": _write_parquet, "FlatGeobuf": _write_fgb,
}


def _write_parquet_parts(frame, folder: Path) -> None:
    """One GeoParquet file per partition of a dask-geopandas frame, computed on its cluster;
    object columns are written as text, so every part has one schema."""
    def part(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
        gdf = _flat(_prepare(gdf))
        text = [c for c in gdf.columns if c != "geometry" and gdf[c].dtype == object]
        return gdf.astype(dict.fromkeys(text, pd.StringDtype("pyarrow")))

    frame.map_partitions(part, meta=part(frame._meta)).to_parquet(folder, write_index=False)


def _atomic_folder(path: Path, write: Callable[[Path], None]) -> None:
    """Like :func:`_atomic` for a folder: written beside ``path``, then renamed into place;
    an old file or folder at ``path`` is replaced only once the new one is complete."""
    parent = path.parent
    if not parent.is_dir():
        raise FileNotFoundError(f"no such directory: {parent}")
    tmp = parent / f".{path.name}.{secrets.token_hex(4)}.tmp"
    old = parent / f".{path.name}.{secrets.token_hex(4)}.old"
    try:
        write(tmp)
        if path.exists():
            os.replace(path, old)
        os.replace(tmp, path)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        if old.exists() and not path.exists():
            os.replace(old, path)
        raise
    if old.is_dir():
        shutil.rmtree(old)
    else:
        old.unlink(missing_ok=True)


def _sync(handle) -> None:
    handle.flush()
    os.fsync(handle.fileno())


def _atomic(path: Path, write: Callable[[Path], None]) -> None:
    """Run ``write`` on a fresh temporary path beside ``path``, then rename it into place.

    On any failure the temporary file (and GDAL's side files) are removed and
    ``path`` is left as it was.
    """
    if path.is_dir():
        raise InvalidInput("is a directory; give a file name", path=str(path))
    parent = path.parent
    if not parent.is_dir():
        raise FileNotFoundError(f"no such directory: {parent}")
    tmp = parent / f".{path.name}.{secrets.token_hex(4)}.tmp{path.suffix}"
    try:
        write(tmp)
        if path.exists():
            shutil.copymode(path, tmp)
        os.replace(tmp, path)
    except BaseException:
        for leftover in parent.glob(f"{tmp.name}*"):
            leftover.unlink(missing_ok=True)
        raise
