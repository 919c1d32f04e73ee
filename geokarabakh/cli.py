"""The ``geokarabakh`` command: thin wrappers over the library.

Errors print as one line on stderr with a non-zero exit code (2 for bad
input); ``--debug`` shows the full traceback instead.
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from geokarabakh.errors import GeokarabakhError, InvalidInput, PlaceNotFound
from geokarabakh.gazetteer import Gazetteer, Place

app = typer.Typer(
    name="geokarabakh",
    help="Map incidents in and around Nagorno-Karabakh: resolve place names, read and export "
    "incidents, draw dated reference layers and interactive maps, offline.",
    epilog='Examples:  geokarabakh resolve Tartar "Tərtər rayonu" Шуша  ·  geokarabakh map  ·  '
    "geokarabakh map incidents.csv -o map.html --png map.png  ·  geokarabakh export acled.csv "
    "-o out.gpkg  ·  geokarabakh extract article.txt | geokarabakh map -  ·  "
    "geokarabakh layers --date 2021-06-01 -o layers.geojson",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
stdout = Console(soft_wrap=True)
stderr = Console(stderr=True, soft_wrap=True)
_state = {"debug": False}
DayFirst = Annotated[
    bool | None,
    typer.Option(
        "--dayfirst/--monthfirst",
        help="Read slashed dates "
        "such as 03/04/2021 day first (3 April) or month "
        "first (March 4); without either, an ambiguous one "
        "is an error.",
    ),
]
Layer = Annotated[
    str | None, typer.Option("--layer", help="The layer to read from a GeoPackage with several.")
]


@app.callback()
def main(
    debug: Annotated[bool, typer.Option("--debug", help="Show full tracebacks on errors.")] = False,
) -> None:
    """geokarabakh: incidents in and around Nagorno-Karabakh, as maps."""
    _state["debug"] = debug


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def terminal_text(text: str) -> str:
    """``text`` on one line with no control characters: they are shown escaped (``\\x1b``)."""
    return _CONTROL.sub(lambda m: m[0].encode("unicode_escape").decode("ascii"), text)


def fail(error: BaseException, code: int = 2) -> typer.Exit:
    """Print ``error`` as one line on stderr (or re-raise it under --debug); return the exit."""
    if _state["debug"]:
        raise error
    stderr.print(
        f"[bold red]error:[/] {escape(terminal_text(str(error)))}", markup=True, highlight=False
    )
    return typer.Exit(code)


@app.command()
def resolve(
    names: Annotated[list[str], typer.Argument(help="Place names, in any script or spelling.")],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print JSON (one array) instead of a table.")
    ] = False,
    candidates: Annotated[
        int,
        typer.Option(
            "--candidates", "-n", min=1, max=50, help="Show this many candidates per name."
        ),
    ] = 1,
) -> None:
    """Resolve place names to coordinates, kind, country and match score.

    Exits with 1 if any name is not found (its suggestions go to stderr).
    """
    gazetteer = Gazetteer.default()
    results: list[tuple[str, Place]] = []
    missing = 0
    for name in names:
        try:
            places = (
                [gazetteer.resolve(name)]
                if candidates == 1
                else gazetteer.search(name, limit=candidates)
            )
            if not places:
                raise PlaceNotFound(name, gazetteer.suggest(name))
        except PlaceNotFound as error:
            missing += 1
            stderr.print(f"not found: {terminal_text(str(error))}", markup=False, highlight=False)
            continue
        except GeokarabakhError as error:
            raise fail(error) from None
        results.extend((name, place) for place in places)
    if as_json:
        print(
            json.dumps(
                [{"query": q, **p.to_dict()} for q, p in results], ensure_ascii=False, indent=2
            )
        )
    for query, place in [] if as_json else results:
        where = ", ".join(filter(None, (place.kind, place.country, place.district)))
        stdout.print(
            f"{escape(terminal_text(query))} → [bold]{escape(place.name)}[/] ({escape(where)})  "
            f"{place.lat:.5f}, {place.lon:.5f}  "
            f"score {place.score:.2f}",
            highlight=False,
        )
        if place.names:
            stdout.print(
                "    also: " + ", ".join(_display_names(place)), markup=False, highlight=False
            )
    if missing:
        raise typer.Exit(1)


_SCRIPTS = (("armenian", "\u0530", "\u058f"), ("cyrillic", "\u0400", "\u04ff"))


# The help is given here, not as a docstring: typer keeps a docstring's line breaks in the
# command list of --help, and this one is too long for one line.
@app.command(
    help="Dated reference layers (line of contact, 2020 line, Lachin corridor, borders); "
    "all approximate."
)
def layers(
    date: Annotated[
        str | None, typer.Option("--date", "-d", help="Layers standing on this ISO date.")
    ] = None,
    output: Annotated[
        str | None, typer.Option("--output", "-o", help="Write GeoJSON here (else stdout).")
    ] = None,
    list_: Annotated[
        bool, typer.Option("--list", help="List every layer with its dates and source.")
    ] = False,
) -> None:
    from geokarabakh.layers import layers_at, load_layers

    try:
        frame = load_layers() if list_ or date is None else layers_at(date)
    except GeokarabakhError as error:
        raise fail(error) from None
    if list_ or output is None and date is None:
        for row in frame.itertuples():
            dates = f"{row.valid_from or '…'} – {row.valid_to or '…'}"
            stdout.print(f"{row.kind:18} {dates:25} {row.name}", markup=False, highlight=False)
            stdout.print(f"{'':18} source: {row.source[:160]}", markup=False, highlight=False)
        return
    frame = frame.drop(columns=["file"])
    for column in ("valid_from", "valid_to"):
        frame[column] = frame[column].map(lambda d: d.isoformat() if d else None)
    text = frame.to_json(drop_id=True, ensure_ascii=False)
    if output is None:
        print(text)
        return
    from geokarabakh.export import write_atomic

    try:
        write_atomic(output, lambda tmp: tmp.write_text(text + "\n", encoding="utf-8"))
    except (GeokarabakhError, OSError) as error:
        raise fail(error) from None
    standing = f" standing on {date}" if date else " (every date)"
    stderr.print(
        f"wrote {len(frame)} layer feature(s){standing} to {output}", markup=False, highlight=False
    )


@app.command()
def export(
    file: Annotated[
        Path, typer.Argument(help="Incidents: CSV, JSON, GeoJSON, ACLED export, GeoPackage, KML.")
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="Write here; the suffix picks the format (.geojson, .json, .gpkg, .csv, .kml).",
        ),
    ],
    keep_going: Annotated[
        bool,
        typer.Option(
            "--keep-going",
            help="Skip bad rows (each one is listed on stderr) instead of stopping at the first.",
        ),
    ] = False,
    dayfirst: DayFirst = None,
    layer: Layer = None,
) -> None:
    """Read incidents, geocode them offline, write GeoJSON / GeoPackage / CSV / KML.

    Exits with 2 on bad input; with --keep-going, writes the good rows and exits
    with 1 if any row was skipped.
    """
    from geokarabakh.export import write_incidents
    from geokarabakh.incidents import read_incidents

    try:
        _check_output(output, file)
        gdf = read_incidents(
            file, errors="collect" if keep_going else "raise", dayfirst=dayfirst, layer=layer
        )
        write_incidents(gdf, output)
    except (GeokarabakhError, OSError) as error:
        raise fail(error) from None
    problems = gdf.attrs.get("errors", [])
    for item in problems:
        where = ", ".join(
            filter(
                None,
                (
                    f"row {item['row']}" if item["row"] is not None else "",
                    f"field {item['field']!r}" if item["field"] else "",
                ),
            )
        )
        stderr.print(
            terminal_text(f"skipped: {file}, {where}: {item['message']}"),
            markup=False,
            highlight=False,
        )
    flagged = int(gdf["geo_warning"].notna().sum())
    stderr.print(
        f"wrote {len(gdf)} incident(s) to {output}"
        + (f"; {len({i['row'] for i in problems})} bad row(s) skipped" if problems else "")
        + (
            f"; {flagged} with a geo_warning (coordinates far from the place named)"
            if flagged
            else ""
        ),
        markup=False,
        highlight=False,
    )
    if problems:
        raise typer.Exit(1)


@app.command("map")
def map_(
    file: Annotated[
        Path | None,
        typer.Argument(
            help="Incidents (CSV, JSON, GeoJSON, ACLED export, "
            "GeoPackage, KML), or - for GeoJSON/JSON/CSV on "
            "stdin; the bundled sample if omitted."
        ),
    ] = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML page to write.")] = Path(
        "karabakh-incidents.html"
    ),
    start: Annotated[
        str | None, typer.Option("--from", help="First day to show (YYYY-MM-DD).")
    ] = None,
    end: Annotated[str | None, typer.Option("--to", help="Last day to show (YYYY-MM-DD).")] = None,
    tiles: Annotated[
        str,
        typer.Option(
            "--tiles", help="Online tiles over the page's own vector base: osm, satellite or none."
        ),
    ] = "osm",
    offline: Annotated[
        bool,
        typer.Option(
            "--offline", help="The same as --tiles none: the page asks no server for anything."
        ),
    ] = False,
    title: Annotated[str | None, typer.Option("--title", help="Title shown above the map.")] = None,
    dayfirst: DayFirst = None,
    layer: Layer = None,
    png: Annotated[
        Path | None, typer.Option("--png", help="Also save the map as a PNG (headless Chromium).")
    ] = None,
    pdf: Annotated[
        Path | None, typer.Option("--pdf", help="Also save the map as a one-page PDF.")
    ] = None,
    size: Annotated[
        str, typer.Option("--size", help="PNG / PDF size in CSS pixels, WIDTHxHEIGHT.")
    ] = "1600x1000",
    scale: Annotated[float, typer.Option("--scale", help="PNG pixels per CSS pixel.")] = 1.0,
    risk_belt: Annotated[
        bool,
        typer.Option(
            "--risk-belt",
            help="Shade 0-2, 2-5 and 5-10 km on both "
            "sides of the 1994-2020 and 2020-2023 lines, with the "
            "share of incidents in each band.",
        ),
    ] = False,
) -> None:
    """Draw incidents over the reference lines of their dates as an interactive HTML map.

    The page works with no network: its scripts are inlined and its own vector base lies
    beneath the online tiles.
    """
    from geokarabakh.dates import as_date
    from geokarabakh.incidents import read_incidents, sample_incidents
    from geokarabakh.render import drawn_in_range, incident_map, write_map
    from geokarabakh.snapshot import save_pdf, save_png

    try:
        _check_output(output, file, suffixes=(".html", ".htm"))
        width, _, height = size.lower().partition("x")
        if not (width.isdigit() and height.isdigit()):
            raise InvalidInput(f"not WIDTHxHEIGHT: {size!r}", field="size")
        if file is None:
            gdf = sample_incidents()
        elif str(file) == "-":
            gdf = _read_stdin(lambda path: read_incidents(path, dayfirst=dayfirst))
        else:
            gdf = read_incidents(file, dayfirst=dayfirst, layer=layer)
        m = incident_map(
            gdf,
            start=start,
            end=end,
            tiles=tiles,
            offline=offline,
            title=title,
            risk_belt=risk_belt,
        )
        write_map(m, output)
        first = None if start is None else as_date(start, "start")
        last = None if end is None else as_date(end, "end")
        shown = int(drawn_in_range(gdf["date"], first, last).sum())
        left_out = f" ({len(gdf) - shown} outside --from/--to left out)" if shown < len(gdf) else ""
        stderr.print(
            f"wrote a map of {shown} incident(s){left_out} to {output}",
            markup=False,
            highlight=False,
        )
        if png:
            save_png(m, png, width=int(width), height=int(height), scale=scale)
            stderr.print(f"wrote {png}", markup=False, highlight=False)
        if pdf:
            save_pdf(m, pdf, width=int(width), height=int(height))
            stderr.print(f"wrote {pdf}", markup=False, highlight=False)
    except (GeokarabakhError, OSError) as error:
        raise fail(error) from None


def _check_output(output: Path, *inputs: Path | None, suffixes: tuple[str, ...] = ()) -> None:
    """Refuse an output that is one of the inputs, or (for a map) not an HTML page."""
    if str(output) == "-":
        return
    for source in inputs:
        if source is None or str(source) == "-":
            continue
        same = (
            os.path.samefile(source, output)
            if source.exists() and output.exists()
            else os.path.realpath(source) == os.path.realpath(output)
        )
        if same:
            raise InvalidInput(
                f"the output is the input {source}; write to another file",
                path=str(output),
                field="output",
            )
    if suffixes and output.suffix.lower() not in suffixes:
        raise InvalidInput(
            f"the output must be a {suffixes[0]} page (or - for stdout)",
            path=str(output),
            field="output",
        )


def _read_stdin(read):
    """Read incidents piped in (``geokarabakh extract a.txt | geokarabakh map -``)."""
    import tempfile

    data = sys.stdin.buffer.read()  # bytes: the reader names binary and UTF-16 input
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "stdin"  # no suffix: the reader tells JSON from CSV by the text
        path.write_bytes(data)
        try:
            return read(path)
        except GeokarabakhError as error:  # name stdin, not the temporary file
            raise InvalidInput(str(error).replace(str(path), "<stdin>")) from None


@app.command()
def extract(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Articles: plain text or saved HTML files, or folders of them (UTF-8, any script)."
        ),
    ],
    published: Annotated[
        str | None,
        typer.Option(
            "--published",
            help="Publication date "
            "(YYYY-MM-DD) that relative dates count from; "
            "else each article's dateline or page date.",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write here; the suffix picks "
            "the format (.geojson, .gpkg, .csv, .kml). "
            "GeoJSON on stdout if omitted.",
        ),
    ] = None,
    min_confidence: Annotated[
        float,
        typer.Option(
            "--min-confidence", min=0.0, max=1.0, help="Leave out incidents less sure than this."
        ),
    ] = 0.35,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers", min=1, help="Run on Dask: a local cluster of N worker processes."
        ),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler", help="Run on the Dask cluster at this address (tcp://HOST:8786)."
        ),
    ] = None,
) -> None:
    """Find incidents in news articles: place, date, type, killed and injured, with the sentence.

    A corpus (a folder, a JSON Lines file or Parquet with text or html, published and url)
    runs on Dask with --workers or --scheduler, or for .jsonl / .parquet input; articles that
    fail are listed in OUTPUT.errors.jsonl, the run goes on and exits with 1.
    """
    from geokarabakh.export import write_incidents
    from geokarabakh.extract import extract_from_files

    if (
        workers is not None
        or scheduler is not None
        or any(p.suffix.lower() in (".jsonl", ".ndjson", ".parquet") for p in paths)
    ):
        _extract_corpus(paths, output, published, min_confidence, workers, scheduler)
        return
    try:
        if output is not None:
            _check_output(output, *paths)
        gdf = extract_from_files(paths, published, min_confidence=min_confidence)
        write_incidents(gdf, "-" if output is None else output)
    except (GeokarabakhError, OSError) as error:
        raise fail(error) from None
    if undated := int(gdf["date"].isna().sum()):
        stderr.print(
            f"{undated} incident(s) without a date: their text gives no year and no "
            "publication date is known (give --published YYYY-MM-DD)",
            markup=False,
            highlight=False,
        )
    stderr.print(
        f"found {len(gdf)} incident(s)" + (f"; wrote {output}" if output else ""),
        markup=False,
        highlight=False,
    )


def _extract_corpus(
    paths: list[Path],
    output: Path | None,
    published: str | None,
    min_confidence: float,
    workers: int | None,
    scheduler: str | None,
) -> None:
    """``geokarabakh extract CORPUS -o OUT [--workers N | --scheduler ADDRESS]`` on Dask."""
    from geokarabakh.corpus import run_corpus, write_errors

    try:
        if len(paths) != 1 or output is None:
            raise InvalidInput(
                "a corpus run takes one CORPUS (a folder, .jsonl or .parquet) "
                "and -o OUTPUT (.parquet writes a folder of parts)"
            )
        _check_output(output, *paths)
        count, errors = run_corpus(
            paths[0],
            output,
            workers=workers,
            scheduler=scheduler,
            published=published,
            min_confidence=min_confidence,
        )
        log = write_errors(errors, output) if len(errors) else None
    except (GeokarabakhError, OSError) as error:
        raise fail(error) from None
    for item in errors.head(5).itertuples():
        stderr.print(
            terminal_text(f"skipped: {item.source}: {item.reason}"), markup=False, highlight=False
        )
    stderr.print(
        f"found {count} incident(s); wrote {output}"
        + (f"; {len(errors)} article(s) failed, listed in {log}" if log else ""),
        markup=False,
        highlight=False,
    )
    if log:  # as export --keep-going: the output is written, the exit code says rows were lost
        raise typer.Exit(1)


def _display_names(place, limit: int = 6) -> list[str]:
    """A few of the place's other names: Latin forms first, then one Armenian and one Cyrillic."""
    latin = [n for n in place.names if all(ch < "\u0370" for ch in n)][: limit - 2]
    others = []
    for _, low, high in _SCRIPTS:
        others += [n for n in place.names if any(low <= ch <= high for ch in n)][:1]
    return latin + others


def run() -> None:
    """Entry point that keeps tracebacks out of users' way."""
    try:
        app()
    except (GeokarabakhError, OSError) as error:
        if _state["debug"]:
            raise
        print(f"error: {terminal_text(str(error))}", file=sys.stderr)
        sys.exit(2)
