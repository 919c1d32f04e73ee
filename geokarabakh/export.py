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
import glob
import json
import math
import os
import re
import secrets
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable
from os import PathLike
from pathlib import Path

import geopandas as gpd
import numpy as np
import orjson
import pandas as pd
import shapely

from geokarabakh.errors import InvalidInput
from geokarabakh.incidents import (
    BAD_TEXT,
    FORMULA_START,
    _per_unique,
    check_columns,
    in_wgs84,
    refuse_first,
    refuse_off_earth,
    unique_id,
)

__all__ = ["DRIVERS", "LAYER", "PRECISION", "write_atomic", "write_incidents"]

DRIVERS = {
    ".geojson": "GeoJSON",
    ".json": "GeoJSON",
    ".gpkg": "GPKG",
    ".csv": "CSV",
    ".kml": "KML",
    ".parquet": "Parquet",
    ".fgb": "FlatGeobuf",
}
PRECISION = 6  # decimal places of a coordinate: about 0.1 m
LAYER = "incidents"  # the layer name in GeoPackage and KML


def write_incidents(
    gdf: gpd.GeoDataFrame, path: str | PathLike[str], *, driver: str | None = None
) -> Path:
    """Write ``gdf`` to ``path`` atomically; the format comes from the suffix or ``driver``.

    ``driver`` is one of ``GeoJSON``, ``GPKG``, ``CSV``, ``KML``, ``Parquet``, ``FlatGeobuf``
    (any case). Returns the path written. ``-`` writes to stdout (GeoJSON unless ``driver``
    says otherwise); a symlink, FIFO or device is written through (:func:`write_atomic`).
    A dask-geopandas frame is written as partitioned GeoParquet (a folder).

    >>> import geokarabakh as gk
    >>> gk.write_incidents(gk.sample_incidents(), "incidents.geojson")  # doctest: +SKIP
    """
    stdout, target = str(path) == "-", Path(path)
    if driver is None and (stdout or target.suffix.lower() not in DRIVERS and _special(target)):
        driver = "GeoJSON"  # stdout, /dev/stdout, a FIFO: GeoJSON unless told otherwise
    driver = _driver(target, driver)
    from geokarabakh.corpus import is_dask

    if is_dask(gdf):
        if driver != "Parquet" or stdout:
            raise InvalidInput(
                f"a dask frame is written as GeoParquet (.parquet), not {driver}"
                + (" on stdout" if stdout else ""),
                path=str(path),
            )
        _atomic_folder(target, lambda tmp: _write_parquet_parts(gdf, tmp))
        return target
    suffix = {name: suffix for suffix, name in reversed(DRIVERS.items())}[driver]
    table = _prepare(gdf)
    return write_atomic(path, lambda tmp: _WRITERS[driver](table, tmp), suffix=suffix)


def _driver(path: Path, driver: str | None) -> str:
    names = {name.lower(): name for name in DRIVERS.values()}
    if driver is not None:
        if driver.lower() not in names:
            raise InvalidInput(
                f"unknown driver {driver!r}; options are: "
                + ", ".join(sorted(set(DRIVERS.values()))),
                field="driver",
            )
        return names[driver.lower()]
    if path.suffix.lower() not in DRIVERS:
        raise InvalidInput(
            f"cannot tell the format from the suffix {path.suffix or '(none)'!r}; "
            "use one of " + ", ".join(DRIVERS) + " or pass driver=",
            path=str(path),
        )
    return DRIVERS[path.suffix.lower()]


def _prepare(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """A copy in EPSG:4326 with a unique text ``id`` on every row."""
    if not isinstance(gdf, gpd.GeoDataFrame):
        raise InvalidInput(f"expected a GeoDataFrame of incidents, not {type(gdf).__name__}")
    if gdf.crs is None:
        west, south, east, north = gdf.total_bounds if len(gdf) else (0, 0, 0, 0)
        if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
            raise InvalidInput(
                "the GeoDataFrame has no CRS and its coordinates are not lon/lat", field="geometry"
            )
        gdf = gdf.set_crs("EPSG:4326")
    gdf = in_wgs84(gdf)
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
        raise InvalidInput(
            f"the id {first!r} is used by rows {' and '.join(rows)}; ids must be unique",
            row=int(rows[-1]),
            field="id",
        )
    check_columns(gdf.columns, None)  # what read_incidents could not read back
    _check_encodable(gdf)
    gdf = gdf.copy()
    gdf["geometry"] = _finite_points(gdf.geometry)
    if "id" in gdf.columns:
        gdf["id"] = ids
    else:
        gdf.insert(0, "id", ids)
    return gdf


def _finite_points(geometry: gpd.GeoSeries) -> gpd.GeoSeries:
    """Points with a NaN coordinate become missing; an infinite or out-of-range one is an error."""
    array = geometry.array
    x, y = shapely.get_x(array), shapely.get_y(array)  # NaN for anything but a Point
    is_point = shapely.get_type_id(array) == 0
    nan = is_point & (np.isnan(x) | np.isnan(y))
    refuse_off_earth(x, y, is_point)
    return geometry.where(~nan, None) if nan.any() else geometry


def _check_encodable(gdf: pd.DataFrame) -> None:
    """Text every format can store: a NUL or a lone surrogate (from bad decoding) is an error."""
    for name in gdf.columns:
        values = gdf[name]
        if values.dtype != object:
            continue
        try:
            distinct = pd.unique(values)
        except TypeError:  # lists, dicts: their JSON text is escaped
            continue
        if BAD_TEXT.search("".join(v for v in distinct if isinstance(v, str))):
            row = next(i for i, v in enumerate(values) if isinstance(v, str) and BAD_TEXT.search(v))
            raise InvalidInput(
                "the text holds a NUL or a lone surrogate (\\ud800-\\udfff), "
                "which files cannot store intact",
                row=row + 1,
                field=str(name),
            )


def _fill_ids(gdf: gpd.GeoDataFrame, ids: list) -> list[str]:
    """Missing ids from a hash of the row's values and point, made unique."""
    wkb = shapely.to_wkb(gdf.geometry.array, hex=True)
    values = gdf.drop(columns=["geometry", *(["id"] if "id" in gdf.columns else [])])
    taken = {i for i in ids if i is not None}
    for position, own in enumerate(ids):
        if own is not None:
            continue
        key = json.dumps(_json_row(values.iloc[position]), sort_keys=True, default=str)
        candidate = unique_id(key + str(wkb[position]), taken)
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
            finite = values.astype(object)
            finite[~np.isfinite(values)] = None
            out[str(name)] = finite.tolist()
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
    return [
        None if gone else json.loads(shapely.to_geojson(g))
        for g, gone in zip(rounded, missing, strict=True)
    ]


def _write_geojson(gdf: gpd.GeoDataFrame, path: Path) -> None:
    geometries = _points(gdf)
    properties = _columns_as_lists(gdf.drop(columns="geometry"))
    names = list(properties)
    rows = zip(*properties.values(), strict=True)
    id_at = names.index("id")
    features = [
        {
            "type": "Feature",
            "id": values[id_at],
            "geometry": geometry,
            "properties": dict(zip(names, values, strict=True)),
        }
        for values, geometry in zip(rows, geometries, strict=True)
    ]
    with open(path, "xb") as out:  # orjson: UTF-8, compact, NaN as null; ~10x json.dumps
        out.write(orjson.dumps({"type": "FeatureCollection", "features": features}) + b"\n")
        _sync(out)


def _flat(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Columns GDAL can store: lists and dicts become JSON text."""
    nested = [
        name
        for name in gdf.columns
        if name != "geometry"
        and gdf[name].dtype == object
        and pd.api.types.infer_dtype(gdf[name], skipna=True) not in ("string", "empty")
    ]
    if not nested:
        return gdf
    gdf = gdf.copy()
    for name in nested:
        gdf[name] = gdf[name].map(
            lambda v: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v
        )
    return gdf


def _write_gpkg(gdf: gpd.GeoDataFrame, path: Path) -> None:
    import pyogrio

    # GeoPackage keeps its row ids in a column, "fid" unless the table has a column of that name
    fid = "gk_fid" if any(str(name).lower() == "fid" for name in gdf.columns) else "fid"
    pyogrio.write_dataframe(
        _flat(gdf), path, layer=LAYER, driver="GPKG", layer_options={"FID": fid}
    )


def _write_kml(gdf: gpd.GeoDataFrame, path: Path) -> None:
    """KML 2.2 built with an XML library, so every value and name is escaped.

    The id is the placemark's id, the place names it, the notes describe it
    (GDAL reads them back as ``id``, ``Name``, ``description``); every other
    column goes into ``ExtendedData``. Characters XML cannot hold (control
    characters other than tab and line breaks) are left out.
    """
    from xml.etree import ElementTree as ET

    kml = ET.Element("kml", xmlns="http://www.opengis.net/kml/2.2")
    document = ET.SubElement(kml, "Document", id="root_doc")
    own = {"id": None, "place": "name", "notes": "description"}  # placemark parts, not data
    names = [str(name) for name in gdf.columns if name != "geometry" and name not in own]
    schema = ET.SubElement(document, "Schema", name=LAYER, id=f"{LAYER}.schema")
    for name in names:
        kind = gdf[name].dtype.kind
        ET.SubElement(
            schema,
            "SimpleField",
            name=_xml_text(name),
            type={"i": "int", "u": "int", "f": "double"}.get(kind, "string"),
        )
    folder = ET.SubElement(document, "Folder")
    ET.SubElement(folder, "name").text = LAYER
    columns = _columns_as_lists(_flat(gdf.drop(columns="geometry")))
    geometries = _points(gdf)
    for position, geometry in enumerate(geometries):
        values = {name: columns[name][position] for name in names}
        placemark = ET.SubElement(folder, "Placemark", id=_xml_text(columns["id"][position]))
        for column, tag in own.items():
            if tag and column in columns and columns[column][position] is not None:
                ET.SubElement(placemark, tag).text = _xml_text(columns[column][position])
        data = ET.SubElement(
            ET.SubElement(placemark, "ExtendedData"), "SchemaData", schemaUrl=f"#{LAYER}.schema"
        )
        for name, value in values.items():
            if value is not None:
                ET.SubElement(data, "SimpleData", name=_xml_text(name)).text = _xml_text(value)
        if geometry is not None and geometry["type"] == "Point":
            point = ET.SubElement(placemark, "Point")
            ET.SubElement(point, "coordinates").text = ",".join(map(repr, geometry["coordinates"]))
    with open(path, "xb") as out:
        ET.ElementTree(kml).write(out, encoding="UTF-8", xml_declaration=True)
        _sync(out)


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(value: object) -> str:
    """Text XML 1.0 can hold: the characters it forbids are left out."""
    return _NOT_XML.sub(
        "",
        value
        if isinstance(value, str)
        else json.dumps(value)
        if isinstance(value, (list, dict))
        else str(value),
    )


def _write_csv(gdf: gpd.GeoDataFrame, path: Path) -> None:
    """UTF-8 CSV with ``lat`` and ``lon`` columns instead of the geometry; points only.

    A text cell starting with ``= + - @``, a tab or a carriage return gets a leading
    apostrophe, so spreadsheets show it instead of running it; read_incidents takes it off.
    """
    geometry = gdf.geometry.array
    kinds = shapely.get_type_id(geometry)
    present = ~(shapely.is_missing(geometry) | shapely.is_empty(geometry))
    refuse_first(
        present & (kinds != 0),
        lambda row: f"CSV holds points only; this geometry is a {geometry[row].geom_type}",
        "geometry",
    )
    table = pd.DataFrame(gdf.drop(columns="geometry"))
    text = [
        name
        for name in table.columns  # a spreadsheet must not run report text as a formula
        if table[name].dtype == object or pd.api.types.is_string_dtype(table[name].dtype)
    ]
    for name in text:
        try:
            table[name] = _per_unique(table[name], _neutralised)
        except TypeError:  # lists, dicts
            table[name] = table[name].map(_neutralised)
    table["lat"] = np.round(shapely.get_y(geometry), PRECISION)
    table["lon"] = np.round(shapely.get_x(geometry), PRECISION)
    with open(path, "x", encoding="utf-8", newline="") as out:
        table.to_csv(out, index=False, lineterminator="\n")
        _sync(out)


def _neutralised(value: object) -> object:
    """Text a spreadsheet would run as a formula, with a leading apostrophe."""
    return "'" + value if isinstance(value, str) and FORMULA_START.match(value) else value


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

    pyogrio.write_dataframe(
        _flat(gdf), path, layer=LAYER, driver="FlatGeobuf", layer_options={"SPATIAL_INDEX": "NO"}
    )


_WRITERS: dict[str, Callable[[gpd.GeoDataFrame, Path], None]] = {
    "GeoJSON": _write_geojson,
    "GPKG": _write_gpkg,
    "CSV": _write_csv,
    "KML": _write_kml,
    "Parquet": _write_parquet,
    "FlatGeobuf": _write_fgb,
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
    """Like :func:`write_atomic` for a folder: written beside ``path`` (under the same
    temporary names), then renamed into place; an old file or folder at ``path`` is replaced
    only once the new one is complete."""
    if _special(path):
        raise InvalidInput(
            "a folder of GeoParquet parts cannot be written to a FIFO or device", path=str(path)
        )
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    parent = target.parent
    if not parent.is_dir():
        raise FileNotFoundError(f"no such directory: {parent}")
    _remove_stale(target)
    stem = f".{target.name}.{_TEMPORARY}-{os.getpid()}-{secrets.token_hex(4)}"
    tmp, old = parent / f"{stem}.tmp", parent / f"{stem}.old"
    try:
        write(tmp)
        if target.exists():
            os.replace(target, old)
        os.replace(tmp, target)
    except BaseException as error:
        shutil.rmtree(tmp, ignore_errors=True)
        if old.exists() and not target.exists():
            os.replace(old, target)
        if isinstance(error, OSError):
            raise _naming(error, path) from None
        raise
    if old.is_dir():
        shutil.rmtree(old)
    else:
        old.unlink(missing_ok=True)


def _sync(handle) -> None:
    handle.flush()
    os.fsync(handle.fileno())


_TEMPORARY = (
    "geokarabakh-tmp"  # in every temporary file's name: ".out.gpkg.geokarabakh-tmp-PID-HEX.gpkg"
)


def write_atomic(
    path: str | PathLike[str], write: Callable[[Path], object], *, suffix: str | None = None
) -> Path:
    """Run ``write`` on a fresh temporary path, then put the result at ``path``.

    A regular file (or a new one) is replaced by a rename, so a failure never
    leaves a truncated file where a good one was; a symlink has its target
    replaced. A FIFO, a device or ``-`` (stdout) is written straight through
    once the output is complete. Temporary files are named after the output
    and ``geokarabakh-tmp``; those left by a killed run are removed by the next.
    ``suffix`` is the temporary file's (it tells GDAL the format); default the path's.
    """
    if str(path) == "-":
        return _write_through(None, write, suffix or "")
    path = Path(path)
    suffix = path.suffix if suffix is None else suffix
    if path.is_dir():
        raise InvalidInput("is a directory; give a file name", path=str(path))
    if _special(path):  # a FIFO, a device, /dev/stdout
        return _write_through(path, write, suffix)
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    parent = target.parent
    if not parent.is_dir():
        raise FileNotFoundError(f"no such directory: {parent}")
    _remove_stale(target)
    tmp = parent / f".{target.name}.{_TEMPORARY}-{os.getpid()}-{secrets.token_hex(4)}{suffix}"
    try:
        os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))  # can we write here?
        tmp.unlink()
        write(tmp)
        if target.exists():
            shutil.copymode(target, tmp)
        os.replace(tmp, target)
    except BaseException as error:
        for leftover in parent.glob(f"{glob.escape(tmp.name)}*"):
            leftover.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise _naming(error, path) from None
        raise
    return path


def _special(path: Path) -> bool:
    """Is ``path`` (followed through symlinks) a FIFO, a device or the like?"""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _write_through(path: Path | None, write: Callable[[Path], object], suffix: str) -> Path:
    """Write into a private temporary folder, then copy the bytes to ``path`` (None: stdout)."""
    with tempfile.TemporaryDirectory(prefix=_TEMPORARY) as folder:
        tmp = Path(folder) / f"output{suffix}"
        write(tmp)
        with open(tmp, "rb") as source:
            if path is None:
                sys.stdout.flush()
                shutil.copyfileobj(source, sys.stdout.buffer)
                sys.stdout.buffer.flush()
                return Path("-")
            try:
                with open(path, "wb") as out:
                    shutil.copyfileobj(source, out)
            except OSError as error:
                raise _naming(error, path) from None
    return path


def _remove_stale(target: Path) -> None:
    """Remove temporary files of ``target`` left by runs that no longer exist."""
    pattern = re.compile(re.escape(f".{target.name}.{_TEMPORARY}-") + r"(\d+)-")
    for leftover in target.parent.glob(f".{glob.escape(target.name)}.{_TEMPORARY}-*"):
        match = pattern.match(leftover.name)
        if match and not _alive(int(match[1])):
            if leftover.is_dir() and not leftover.is_symlink():  # a folder of GeoParquet parts
                shutil.rmtree(leftover, ignore_errors=True)
            else:
                leftover.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def _naming(error: OSError, path: Path) -> OSError:
    """The same error naming the user's path, not a temporary file."""
    return type(error)(error.errno, error.strerror or str(error), str(path))
