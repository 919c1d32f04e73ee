"""Corpus scale on Dask: the same incidents as the one-process run, merged across partitions,
on a real scheduler and workers; GeoParquet and FlatGeobuf round trips; the errors table."""

from __future__ import annotations

import io
import json
import random
import subprocess
import sys
import time
from pathlib import Path

import cloudpickle
import geopandas as gpd
import pandas as pd
import pytest
from geopandas.testing import assert_geodataframe_equal
from typer.testing import CliRunner

import geokarabakh as gk
from geokarabakh import corpus
from geokarabakh.cli import app
from geokarabakh.extract import extract_from_files

runner = CliRunner()

PLACES = [
    ("Sugovushan", "Tartar"),
    ("Aghdam", "Aghdam"),
    ("Shusha", "Shusha"),
    ("Tagavard", "Khojavend"),
    ("Gubadli", "Gubadli"),
    ("Fuzuli", "Fuzuli"),
    ("Kalbajar", "Kalbajar"),
    ("Zangilan", "Zangilan"),
]
TELLINGS = [
    "{n} {victims} were injured on {day} when a landmine exploded near {place} in {district} "
    "district, officials said.",
    "A mine blast near {place}, {district} district, on {day} wounded {n} {victims}, the "
    "prosecutor's office reported.",
    "On {day}, {n} {victims} were hurt after their vehicle hit an anti-tank mine outside {place}.",
]
FILLER = "Demining teams say contamination is heaviest along the former line of contact."


def articles(incidents: int = 80, tellings: int = 3, seed: int = 3) -> list[tuple[str, str]]:
    """(url, text): each incident told by several articles, shuffled so that the reports
    of one incident land in different partitions."""
    rng = random.Random(seed)
    out = []
    for number in range(incidents):
        place, district = PLACES[number % len(PLACES)]
        day = pd.Timestamp("2021-03-01") + pd.Timedelta(days=number // 2)
        facts = {
            "n": ["two", "three", "four"][number % 3],
            "place": place,
            "district": district,
            "victims": ["civilians", "deminers", "soldiers"][number % 3],
            "day": f"{day.day} {day.month_name()} {day.year}",
        }
        for telling in range(tellings):
            text = TELLINGS[telling % len(TELLINGS)].format(**facts) + "\n\n" + FILLER
            out.append((f"https://news.example/{number}/{telling}", text))
    rng.shuffle(out)
    return out


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    for position, (_, text) in enumerate(articles()):
        sub = root / f"part{position % 3}"
        sub.mkdir(exist_ok=True)
        (sub / f"article-{position:04d}.txt").write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def single(folder) -> gpd.GeoDataFrame:
    return extract_from_files(folder)


@pytest.fixture
def small_tasks(monkeypatch):
    monkeypatch.setattr(corpus, "FILES_PER_TASK", 25)
    monkeypatch.setattr(corpus, "JSONL_BLOCK", 2000)


def in_reading_order(frame) -> pd.DataFrame:
    return pd.DataFrame(frame.compute().sort_index().reset_index(drop=True))


def test_the_corpus_run_gives_the_one_process_incidents(folder, single, small_tasks):
    lazy = gk.extract_corpus(folder)
    assert lazy.npartitions > 1 and type(lazy).__module__.startswith("dask_geopandas")
    # the graph carries paths, not the gazetteer (its places alone pickle to ~460 kB)
    graph = cloudpickle.dumps(dict(lazy.__dask_graph__()))
    assert len(graph) < 100_000 and b"Sugovushan" not in graph
    pd.testing.assert_frame_equal(in_reading_order(lazy), pd.DataFrame(single))
    assert len(single) == 80  # 240 articles, each incident told three times
    assert (single["source"].str.count("; ") == 2).all()
    paths = [str(p) for p in sorted(folder.rglob("*.txt"))]
    tasks = (
        single["source"].str.split("; ").map(lambda group: {paths.index(s) // 25 for s in group})
    )
    assert (tasks.map(len) > 1).mean() > 0.9  # most were told in different partitions


def test_jsonl_and_parquet_corpora_name_their_urls(tmp_path, small_tasks):
    items = articles(incidents=20)
    jsonl = tmp_path / "corpus.jsonl"
    jsonl.write_text(
        "".join(
            json.dumps({"url": url, "text": text, "published": "2021-06-01"}) + "\n"
            for url, text in items
        )
        + "not json\n",
        encoding="utf-8",
    )
    table = pd.DataFrame(
        {
            "url": [u for u, _ in items],
            "html": [f"<html><body><article><p>{t}</p></article></body></html>" for _, t in items],
            "published": pd.to_datetime([None] + ["2021-06-01"] * (len(items) - 1)),
        }
    )
    table.to_parquet(tmp_path / "corpus.parquet", row_group_size=15)
    from_jsonl, errors = corpus.extract_corpus_with_errors(jsonl)
    from_jsonl = in_reading_order(from_jsonl)
    from_parquet = in_reading_order(gk.extract_corpus(tmp_path / "corpus.parquet"))
    assert len(from_jsonl) == len(from_parquet) == 20
    for frame in (from_jsonl, from_parquet):
        sources = frame["source"].str.split("; ")
        assert sources.map(len).eq(3).all()
        assert all(s.startswith("https://news.example/") for group in sources for s in group)
    reasons = errors.compute()
    assert len(reasons) == 1 and "corpus.jsonl" in reasons["source"].iloc[0]
    assert "JSONDecodeError" in reasons["reason"].iloc[0]


def test_progress_in_this_process_on_a_terminal_only(tmp_path, monkeypatch, capsys):
    jsonl = tmp_path / "corpus.jsonl"
    jsonl.write_text(
        "".join(json.dumps({"url": u, "text": t}) + "\n" for u, t in articles(incidents=3)),
        encoding="utf-8",
    )
    assert corpus.run_corpus(jsonl, tmp_path / "a.parquet")[0] == 3
    assert capsys.readouterr().err == ""
    assert corpus.run_corpus(jsonl, tmp_path / "a.geojson")[0] == 3  # other formats: one file
    geojson, parquet = (
        gk.read_incidents(tmp_path / f"a.{suffix}").sort_values("id", ignore_index=True)
        for suffix in ("geojson", "parquet")
    )
    assert_geodataframe_equal(geojson, parquet)
    monkeypatch.setattr(sys, "stderr", FakeTerminal())
    assert corpus.run_corpus(jsonl, tmp_path / "b.parquet")[0] == 3
    assert "Completed" in sys.stderr.getvalue()  # dask's own bar


def test_a_bad_article_is_recorded_and_the_run_goes_on(tmp_path, single, folder):
    (tmp_path / "good.txt").write_text(articles(incidents=1, tellings=1)[0][1], encoding="utf-8")
    (tmp_path / "utf16.txt").write_bytes("Ağdam".encode("utf-16"))
    output = tmp_path / "out.parquet"
    result = runner.invoke(app, ["extract", str(tmp_path), "-o", str(output), "--workers", "1"])
    assert result.exit_code == 1, result.output  # written, and the exit code says one was lost
    assert "found 1 incident(s)" in result.output and "1 article(s) failed" in result.output
    log = [json.loads(line) for line in (tmp_path / "out.parquet.errors.jsonl").open()]
    assert log[0]["source"].endswith("utf16.txt") and "not UTF-8" in log[0]["reason"]
    assert len(gk.read_incidents(output)) == 1


def start(*command: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen(
        [str(Path(sys.executable).with_name("dask")), *command],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        **kwargs,
    )


def test_cli_on_a_real_scheduler_and_two_workers(tmp_path, folder, single, small_tasks):
    """`dask scheduler` and two `dask worker`s on 127.0.0.1, the CLI against them."""
    from distributed import Client

    scheduler_file = tmp_path / "scheduler.json"
    processes = [
        start(
            "scheduler",
            "--host",
            "127.0.0.1",
            "--port",
            "0",
            "--no-dashboard",
            "--scheduler-file",
            str(scheduler_file),
        )
    ]
    try:
        for _ in range(2):
            processes.append(
                start(
                    "worker",
                    "--scheduler-file",
                    str(scheduler_file),
                    "--host",
                    "127.0.0.1",
                    "--nthreads",
                    "1",
                    "--no-dashboard",
                    "--no-nanny",
                    "--memory-limit",
                    "1GiB",
                )
            )
        deadline = time.monotonic() + 60
        while not scheduler_file.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        address = json.loads(scheduler_file.read_text())["address"]
        with Client(address, timeout="30s") as client:
            client.wait_for_workers(2, timeout=60)
            output = tmp_path / "incidents.parquet"
            result = runner.invoke(
                app, ["extract", str(folder), "-o", str(output), "--scheduler", address]
            )
            assert result.exit_code == 0, result.output
            assert f"found {len(single)} incident(s)" in result.output
            # built once in each worker process, not per task; never shipped in the graph
            assert set(client.run(lambda: corpus.place_finder.cache_info().misses).values()) == {1}
        assert output.is_dir() and len(list(output.glob("*.parquet"))) > 1
        import duckdb
        import shapely

        ids, points = zip(
            *duckdb.sql(f"SELECT id, geometry FROM '{output}/*.parquet'").fetchall(), strict=False
        )
        assert sorted(ids) == sorted(single["id"])
        assert shapely.from_wkb(points[0]).equals(single.set_index("id").geometry[ids[0]])
        back = gk.read_incidents(output).sort_values("id", ignore_index=True)
        expected = single.sort_values("id", ignore_index=True)
        assert_geodataframe_equal(back, expected)
        mapped = runner.invoke(app, ["map", str(output), "-o", str(tmp_path / "map.html")])
        assert mapped.exit_code == 0 and f"map of {len(single)} incident(s)" in mapped.output
        exported = runner.invoke(app, ["export", str(output), "-o", str(tmp_path / "x.gpkg")])
        assert exported.exit_code == 0 and f"wrote {len(single)} incident(s)" in exported.output
    finally:
        for process in processes:  # ours, by pid; nothing of theirs needs a clean shutdown
            process.kill()
            process.wait(timeout=30)


@pytest.mark.parametrize("suffix", ["parquet", "fgb"])
def test_sample_and_extracted_incidents_round_trip_exactly(tmp_path, single, suffix):
    for name, frame in (("sample", gk.sample_incidents()), ("extracted", single)):
        path = gk.write_incidents(frame, tmp_path / f"{name}.{suffix}")
        assert_geodataframe_equal(gk.read_incidents(path), frame)
    if suffix == "parquet":  # GeoParquet: what QGIS, DuckDB and geopandas look for
        import pyarrow.parquet as pq

        metadata = json.loads(pq.read_schema(path).metadata[b"geo"])
        assert metadata["columns"]["geometry"]["encoding"] == "WKB"
        back = gpd.read_parquet(path)
        assert back["id"].tolist() == frame["id"].tolist()
        assert back.geom_equals(frame.geometry).all()


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_local_cluster_and_analysis_on_partitions(folder, single, small_tasks, monkeypatch):
    from distributed import Client, LocalCluster

    with (
        LocalCluster(n_workers=1, processes=False, dashboard_address=":0") as cluster,
        Client(cluster) as client,
    ):
        monkeypatch.setattr(sys, "stderr", FakeTerminal())
        lazy, _, futures = corpus._extraction(
            folder, client, None, corpus.MIN_CONFIDENCE, start=True
        )
        corpus._watch(futures)  # the bar of the extraction's tasks, on a terminal
        assert "extracting articles" in sys.stderr.getvalue()
        monkeypatch.undo()
        analysed = gk.analyse_incidents(lazy)
        assert type(analysed).__module__.startswith("dask_geopandas")
        result = in_reading_order(analysed)
    assert_geodataframe_equal(gpd.GeoDataFrame(result), gk.analyse_incidents(single))


@pytest.mark.parametrize(
    "arguments, message",
    [
        (["--workers", "1", "--scheduler", "tcp://127.0.0.1:1"], "not both"),
        (["--scheduler", "tcp://127.0.0.1:1"], "cannot reach the Dask scheduler"),
    ],
)
def test_cli_corpus_options_are_checked(tmp_path, folder, arguments, message):
    import dask

    output = tmp_path / "out.parquet"
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        result = runner.invoke(app, ["extract", str(folder), "-o", str(output), *arguments])
    assert result.exit_code == 2 and message in result.output
    assert not output.exists()


def test_import_stays_light():
    code = (
        "import sys, geokarabakh; "
        "print(any(m.startswith(('dask', 'distributed')) for m in sys.modules))"
    )
    assert (
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout.strip()
        == "False"
    )


def test_an_empty_or_unknown_corpus_is_named(tmp_path):
    with pytest.raises(gk.InvalidInput, match="no .txt or .html articles"):
        gk.extract_corpus(tmp_path)
    (tmp_path / "archive.xlsx").write_bytes(b"PK")
    with pytest.raises(gk.InvalidInput, match="archive.xlsx.*a corpus is a folder"):
        gk.extract_corpus(tmp_path / "archive.xlsx")


def test_parquet_without_geometry_is_named(tmp_path):
    path = tmp_path / "plain.parquet"
    pd.DataFrame({"date": ["2021-03-01"], "place": ["Aghdam"]}).to_parquet(path)
    with pytest.raises(gk.InvalidInput, match="plain.parquet.*not GeoParquet"):
        gk.read_incidents(path)
