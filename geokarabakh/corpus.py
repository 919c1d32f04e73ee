"""Incidents from a corpus of millions of articles, on Dask.

A corpus is a folder of saved articles (.txt / .html, recursively), a JSON Lines
file, or a Parquet file or folder; records and rows carry ``text`` (or ``html``),
``published`` and ``url``. The work is the one :mod:`geokarabakh.extract` does in
one process, cut into tasks:

1. **extract** — each task reads a slice of the corpus (a thousand files, a block
   of lines, a Parquet row group) and extracts its articles; the gazetteer and the
   extractor's automaton are built once per worker process (a worker plugin warms
   them when the worker joins; tasks find them in the process's cache), never sent
   over the network. An article that cannot be read or extracted becomes a row of
   the errors table (its source and the reason); the run goes on.
2. **merge** — one shuffle on the incident's date brings every report of one
   incident to one partition (two reports are one incident only on the same stated
   day: :func:`geokarabakh.extract.same_incident`), where they merge in reading order
   exactly as :func:`~geokarabakh.extract.extract_from_files` merges them, ``source``
   listing every article.

Dask is imported only when a corpus is run, so ``import geokarabakh`` stays light.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Iterable
from functools import lru_cache
from os import PathLike
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geokarabakh.errors import GeokarabakhError, InvalidInput
from geokarabakh.extract.article import (
    MIN_CONFIDENCE,
    article_records,
    incident_frame,
    merge_reports,
)
from geokarabakh.extract.dates import parse_published
from geokarabakh.extract.places import place_finder
from geokarabakh.extract.text import article_paths, article_text, read_article
from geokarabakh.gazetteer import Gazetteer, Place

__all__ = ["extract_corpus", "extract_corpus_with_errors", "is_dask"]

FILES_PER_TASK = 1000
JSONL_BLOCK = "1MiB"  # about a thousand articles per task
MAX_PER_ARTICLE = 4096  # incidents one article may give (the order key's room)
_PART_SHIFT = 30  # article order key: partition << 30 | position in the partition

# Records crossing the shuffle: the incident's fields plus what the merge needs.
_RECORD_DTYPES = {
    "date": object,
    "date_precision": object,
    "type": object,
    "place": object,
    "place_resolved": object,
    "match_score": "float64",
    "geo_precision": "float64",
    "lat": "float64",
    "lon": "float64",
    "killed": "float64",
    "injured": "float64",
    "source": object,
    "notes": object,
    "victims": object,
    "confidence": "float64",
    "sentence": object,
    "_place": object,
    "_dated": bool,
    "_order": "int64",
    "_error": object,
}
_COUNTS = ("killed", "injured", "geo_precision")
ERROR_COLUMNS = ("source", "reason")


def is_dask(frame: object) -> bool:
    """Is ``frame`` a Dask (or dask-geopandas) collection? Answered without importing Dask."""
    return type(frame).__module__.split(".")[0] in ("dask", "dask_geopandas", "dask_expr")


def extract_corpus(
    source: str | PathLike[str],
    client=None,
    *,
    published: str | dt.date | None = None,
    min_confidence: float = MIN_CONFIDENCE,
):
    """Incidents from a corpus, as a lazy dask-geopandas GeoDataFrame.

    ``client`` is a ``distributed.Client`` (a LocalCluster, or any cluster by its
    scheduler address): its workers build the gazetteer once each, and computing the frame
    runs there (a new Client is Dask's default); without one, and with no Client around, the
    graph runs on Dask's local scheduler, in this process. ``published`` overrides every
    article's own date, as in :func:`~geokarabakh.extract.extract_from_files`. The frame's
    index is the reading
    order of each incident's first report: ``.compute().sort_index()`` gives the rows
    the one-process run gives, in its order. See :func:`extract_corpus_with_errors`
    for the articles that failed.
    """
    return extract_corpus_with_errors(
        source, client, published=published, min_confidence=min_confidence
    )[0]


def extract_corpus_with_errors(
    source: str | PathLike[str],
    client=None,
    *,
    published: str | dt.date | None = None,
    min_confidence: float = MIN_CONFIDENCE,
):
    """(incidents, errors): the lazy incidents frame of :func:`extract_corpus` and a lazy
    dask DataFrame of the articles that failed (``source``, ``reason``)."""
    incidents, errors, _ = _extraction(source, client, published, min_confidence, start=False)
    return incidents, errors


def _extraction(
    source: str | PathLike[str],
    client,
    published: str | dt.date | None,
    min_confidence: float,
    *,
    start: bool,
):
    """(incidents, errors, futures). ``start=True`` begins the extraction now, on
    ``client`` (``futures``: one per partition, to watch) or in this process (no futures),
    and the incidents and errors then share it. The futures come from ``client.compute``
    rather than ``futures_of`` of a collection: walking a dask-expr graph while the client
    runs can deadlock on Python 3.11's ``cached_property`` lock."""
    import dask
    import dask.dataframe as dd
    import dask_geopandas

    fixed = parse_published(published)
    if client is not None:
        _warm_workers(client)
    with dask.config.set({"dataframe.convert-string": False}):
        parts = _partitions(Path(source), fixed)
        futures = client.compute(parts) if start and client is not None else []
        records = dd.from_delayed(futures or parts, meta=_record_frame([]), verify_meta=False)
        if start and client is None:
            records = records.persist()
        errors = records[~records["_error"].isna()][["source", "_error"]].rename(
            columns={"_error": "reason"}
        )
        found = records[records["_error"].isna()]
        merged = found.shuffle(on="date").map_partitions(
            _merge_partition, min_confidence, meta=_incident_meta()
        )
        return dask_geopandas.from_dask_dataframe(merged, geometry="geometry"), errors, futures


# -- reading the corpus -------------------------------------------------------------------


def _partitions(source: Path, fixed: dt.date | None) -> list:
    """One delayed task per slice of the corpus, each giving a frame of records."""
    import dask

    if source.is_dir() and not _is_parquet_folder(source):
        paths = [str(p) for p in article_paths([source])]
        if not paths:
            raise InvalidInput("no .txt or .html articles in this folder", path=str(source))
        return [
            dask.delayed(_extract_files, pure=True)(
                start, paths[start : start + FILES_PER_TASK], fixed
            )
            for start in range(0, len(paths), FILES_PER_TASK)
        ]
    if not source.exists():
        raise InvalidInput("no such file or folder", path=str(source))
    if source.suffix.lower() == ".parquet" or _is_parquet_folder(source):
        import dask.dataframe as dd
        import pyarrow.parquet as pq

        names = pq.read_schema(next(iter(_parquet_files(source)))).names
        text = "text" if "text" in names else "html" if "html" in names else None
        if text is None:
            raise InvalidInput(
                "a Parquet corpus needs a 'text' or 'html' column (has: " + ", ".join(names) + ")",
                path=str(source),
            )
        columns = [text, *(c for c in ("published", "url") if c in names)]
        table = dd.read_parquet(source, columns=columns, split_row_groups=True)
        return [
            dask.delayed(_extract_table, pure=True)(number, part, str(source), fixed)
            for number, part in enumerate(table.to_delayed())
        ]
    if source.suffix.lower() in (".jsonl", ".ndjson", ".json"):
        import dask.bag as db

        lines = db.read_text(
            str(source), blocksize=JSONL_BLOCK, encoding="utf-8", linedelimiter="\n"
        )
        return [
            dask.delayed(_extract_lines, pure=True)(number, block, str(source), fixed)
            for number, block in enumerate(lines.to_delayed())
        ]
    raise InvalidInput(
        "a corpus is a folder of .txt/.html files, a JSON Lines file (.jsonl) or "
        "Parquet (.parquet)",
        path=str(source),
    )


def _is_parquet_folder(path: Path) -> bool:
    return path.is_dir() and (
        path.suffix.lower() == ".parquet" or next(path.glob("*.parquet"), None) is not None
    )


def _parquet_files(path: Path) -> Iterable[Path]:
    return sorted(path.rglob("*.parquet")) if path.is_dir() else [path]


def _extract_files(start: int, paths: list[str], fixed: dt.date | None) -> pd.DataFrame:
    def articles():
        for position, path in enumerate(paths, start):
            try:
                text, page_date = read_article(path)
            except (GeokarabakhError, OSError) as error:
                yield position, path, error
                continue
            yield position, path, (text, fixed or page_date)

    return _extract(articles())


def _extract_lines(number: int, lines: list[str], file: str, fixed: dt.date | None) -> pd.DataFrame:
    def articles():
        for position, line in enumerate(lines):
            order = number << _PART_SHIFT | position
            where = f"{file}, block {number + 1}, line {position + 1}"
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                if not isinstance(record, dict):
                    raise InvalidInput("a line must be a JSON object")
            except (ValueError, InvalidInput) as error:
                yield order, where, error
                continue
            yield order, *_article(record, where, fixed)

    return _extract(articles())


def _extract_table(
    number: int, table: pd.DataFrame, file: str, fixed: dt.date | None
) -> pd.DataFrame:
    records = table.to_dict("records")
    return _extract(
        (
            number << _PART_SHIFT | position,
            *_article(record, f"{file}, part {number + 1}, row {position + 1}", fixed),
        )
        for position, record in enumerate(records)
    )


def _article(
    record: dict, where: str, fixed: dt.date | None
) -> tuple[str, tuple[str, dt.date | None] | Exception]:
    """(source, (text, date) or the error) of one record with text or html, published, url;
    ``where`` names it when it has no url."""
    url = record.get("url")
    source = url if isinstance(url, str) and url else where
    html = record.get("html") if record.get("text") is None else None
    raw = record.get("text") if html is None else html
    if not isinstance(raw, str):
        return source, InvalidInput(
            f"the text is {type(raw).__name__}, not a string",
            field="text" if html is None else "html",
        )
    try:
        text, page_date = article_text(raw, html=html is not None)
        given = record.get("published")
        own = (
            None
            if not isinstance(given, (str, dt.date)) and pd.isna(given)
            else parse_published(given.date() if isinstance(given, dt.datetime) else given)
        )
    except (GeokarabakhError, ValueError) as error:
        return source, error
    return source, (text, fixed or own or page_date)


def _extract(
    articles: Iterable[tuple[int, str, tuple[str, dt.date | None] | Exception]],
) -> pd.DataFrame:
    """Records of every incident in ``articles`` (order, source, (text, date) or error);
    an article that fails gives one row with ``_error`` instead."""
    gazetteer = Gazetteer.default()
    rows: list[dict] = []
    for order, source, article in articles:
        if isinstance(article, Exception):
            rows.append(
                {"source": source, "_order": order * MAX_PER_ARTICLE, "_error": _reason(article)}
            )
            continue
        text, date = article
        try:
            records = article_records(text, date, source=source, gazetteer=gazetteer)
            if len(records) >= MAX_PER_ARTICLE:
                raise InvalidInput(
                    f"{len(records)} incidents in one article; at most "
                    f"{MAX_PER_ARTICLE - 1} are read"
                )
        except Exception as error:  # noqa: BLE001 - one bad article must not stop the run
            rows.append(
                {"source": source, "_order": order * MAX_PER_ARTICLE, "_error": _reason(error)}
            )
            continue
        for n, record in enumerate(records):
            when, _, place = record.pop("_identity")
            rows.append(
                {
                    **record,
                    "_place": place.id,
                    "_dated": when is not None,
                    "_order": order * MAX_PER_ARTICLE + n,
                }
            )
    return _record_frame(rows)


def _reason(error: BaseException) -> str:
    return " ".join(f"{type(error).__name__}: {error}".split())[:500]


def _record_frame(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=list(_RECORD_DTYPES))
    frame["_dated"] = frame["_dated"].fillna(False)
    return frame.astype(_RECORD_DTYPES)


# -- merging ------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _places() -> dict[str, Place]:
    return {place.id: place for place in Gazetteer.default()}


def _merge_partition(records: pd.DataFrame, min_confidence: float) -> gpd.GeoDataFrame:
    """Every report of the partition's dates, in reading order -> incidents, one per row."""
    places = _places()
    rows = []
    for row in records.sort_values("_order", kind="stable").to_dict("records"):
        row = {k: (None if v is None or v != v else v) for k, v in row.items()}  # NaN -> None
        for column in _COUNTS:
            row[column] = None if row[column] is None else int(row[column])
        date = dt.date.fromisoformat(row["date"]) if row.pop("_dated") else None
        row["_identity"] = (date, row["type"], places[row.pop("_place")])
        del row["_error"]
        rows.append(row)
    kept = [r for r in merge_reports(rows) if r["confidence"] >= min_confidence]
    gdf = incident_frame(kept, None).astype(_incident_meta().dtypes.to_dict())
    gdf.index = pd.Index([r["_order"] for r in kept], dtype="int64")
    return gdf


@lru_cache(maxsize=1)
def _incident_meta() -> gpd.GeoDataFrame:
    meta = incident_frame([], None)
    meta["confidence"] = meta["confidence"].astype("float64")
    meta.index = pd.Index([], dtype="int64")
    return meta


# -- workers ------------------------------------------------------------------------------


def _warm() -> int:
    """Build this process's gazetteer and automaton (cached for its life) and import what
    the tasks use (a second or so: not the first task's to pay); the build count."""
    import dask.dataframe  # noqa: F401
    import dask_geopandas  # noqa: F401
    import pyarrow.parquet  # noqa: F401

    place_finder(Gazetteer.default())
    _places()
    return place_finder.cache_info().misses


def _warm_workers(client) -> None:
    from distributed.diagnostics.plugin import WorkerPlugin

    class Warm(WorkerPlugin):
        name = "geokarabakh-warm"

        def setup(self, worker) -> None:
            _warm()

    client.register_plugin(Warm())


# -- a whole run --------------------------------------------------------------------------


def run_corpus(
    source: str | PathLike[str],
    output: str | PathLike[str],
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    published: str | dt.date | None = None,
    min_confidence: float = MIN_CONFIDENCE,
) -> tuple[int, pd.DataFrame]:
    """Extract ``source`` into ``output`` (GeoParquet: a folder of parts; other formats: one
    file) on a LocalCluster of ``workers`` processes, on the cluster at ``scheduler``, or
    in this process; a progress bar on a terminal. Returns (incidents written, errors)."""
    from geokarabakh.export import write_incidents

    client, cluster = _connect(workers, scheduler)
    try:
        with _local_progress(client):
            incidents, errors, futures = _extraction(
                source, client, published, min_confidence, start=True
            )
        _watch(futures)
        target = Path(output)
        if target.suffix.lower() != ".parquet":
            incidents = incidents.compute().sort_index()
        write_incidents(incidents, target)
        count = len(incidents) if not is_dask(incidents) else parquet_rows(target)
        return count, errors.compute().sort_index().reset_index(drop=True)
    finally:
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()


def parquet_rows(path: str | PathLike[str]) -> int:
    """Rows in a GeoParquet file or folder of parts, from the files' footers."""
    import pyarrow.parquet as pq

    return sum(pq.ParquetFile(file).metadata.num_rows for file in _parquet_files(Path(path)))


def _connect(workers: int | None, scheduler: str | None):
    """(client, cluster we started) for the options; (None, None) to run in this process."""
    if workers is not None and scheduler is not None:
        raise InvalidInput(
            "give --workers (a cluster on this machine) or --scheduler (an existing one), not both"
        )
    if workers is None and scheduler is None:
        return None, None
    from distributed import Client, LocalCluster

    if scheduler is not None:
        try:
            return Client(scheduler), None  # within distributed.comm.timeouts.connect
        except OSError as error:
            raise InvalidInput(
                f"cannot reach the Dask scheduler at {scheduler}: {error}", field="scheduler"
            ) from None
    if workers is None or workers < 1:
        raise InvalidInput(f"--workers must be at least 1, not {workers}", field="workers")
    import dask

    # Dask's statistical profiler samples each worker 100 times a second for the dashboard's
    # profile page: about 9% of a worker's CPU here (benchmarks/bench_extract.py). Off.
    with dask.config.set({"distributed.worker.profile.enabled": False}):
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=":0",
            silence_logs=logging.ERROR,
        )
    return Client(cluster), cluster


def _local_progress(client):
    """Dask's own progress bar on stderr for a run in this process, when it is a terminal."""
    import contextlib
    import sys

    if client is not None or not sys.stderr.isatty():
        return contextlib.nullcontext()
    from dask.diagnostics import ProgressBar

    return ProgressBar(out=sys.stderr)


def _watch(futures: list) -> None:
    """Wait for the extraction started on a cluster: a bar of its tasks on a terminal."""
    from geokarabakh.progress import track

    if not futures:  # done already, in this process
        return
    from distributed import as_completed, wait

    for _ in track(as_completed(futures), "extracting articles", total=len(futures), min_items=2):
        pass
    wait(futures)


def write_errors(errors: pd.DataFrame, output: str | PathLike[str]) -> Path:
    """The errors table beside ``output``: OUTPUT.errors.jsonl, one {source, reason} a line."""
    import orjson

    from geokarabakh.export import write_atomic

    target = Path(output)
    target = target.with_name(target.name + ".errors.jsonl")
    lines = b"".join(
        orjson.dumps(record) + b"\n" for record in errors[list(ERROR_COLUMNS)].to_dict("records")
    )
    write_atomic(target, lambda tmp: tmp.write_bytes(lines))
    return target
