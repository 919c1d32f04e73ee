"""The corpus run on Dask against the plain one-process run, on generated articles.

Articles (default 100,000) in one JSON Lines file: reports of random mine incidents in real
villages (``bench_extract.generate``: real-shaped news sentences and background paragraphs)
each told by one to three articles, plus the hand-written reports of
``benchmarks/extract_eval`` (5%), shuffled. Printed:

1. the plain way: one process, one loop (parse each line, extract, merge duplicates, build the
   GeoDataFrame) -- what ``extract_from_files`` does, without reading files;
2. ``extract_corpus`` on a LocalCluster of 1 and of 2 worker processes (one thread each),
   clusters started and warmed first, timed from submit to the GeoParquet folder written:
   articles/s, the speed-up from 1 to 2 workers, the peak memory (RSS) of each worker;
3. memory against size: the 2-worker peak on a fifth of the articles and on all of them;
4. the bytes the merge shuffles: the records that cross it, per million articles.

    python benchmarks/bench_corpus.py [--articles 100000] [--skip-serial]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_extract import EVAL, generate  # noqa: E402

from geokarabakh import (  # noqa: E402
    Gazetteer,
    corpus,  # noqa: E402
    write_incidents,
)
from geokarabakh.extract.article import article_records, incident_frame, merge_reports  # noqa: E402


def make_corpus(n: int, path: Path, seed: int = 11) -> None:
    """``n`` articles as JSON Lines (url, text, published)."""
    rng = random.Random(seed)
    with open(EVAL / "labels.csv", encoding="utf-8") as handle:
        published = {row["file"]: row["published"] or None for row in csv.DictReader(handle)}
    real = [((EVAL / name).read_text(encoding="utf-8"), date) for name, date in published.items()]
    stories = generate(n // 2 + 1, Gazetteer.default(), seed=seed)
    lines: list[str] = []
    while len(lines) < n:
        if rng.random() < 0.05:
            text, date = rng.choice(real)
        else:
            _, text, _ = stories[rng.randrange(len(stories))]
            date = None
        lines.append(
            json.dumps(
                {"url": f"https://news.example/{len(lines)}", "text": text, "published": date},
                ensure_ascii=False,
            )
        )
    rng.shuffle(lines)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def serial(path: Path) -> tuple[float, float, int]:
    """The plain way: one process, one loop; (seconds, CPU seconds, incidents)."""
    start, cpu = time.perf_counter(), time.process_time()
    gazetteer = Gazetteer.default()
    records = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            article = json.loads(line)
            records += article_records(
                article["text"], article["published"], source=article["url"], gazetteer=gazetteer
            )
    gdf = incident_frame([r for r in merge_reports(records) if r["confidence"] >= 0.35], gazetteer)
    return time.perf_counter() - start, time.process_time() - cpu, len(gdf)


def _plain_slice(path: str, count: int) -> float:
    """Seconds for the plain loop's extraction over the first ``count`` articles."""
    gazetteer = Gazetteer.default()
    article_records("warm up", None, source=None, gazetteer=gazetteer)
    with open(path, encoding="utf-8") as handle:
        articles = [json.loads(line) for _, line in zip(range(count), handle, strict=False)]
    start = time.perf_counter()
    for article in articles:
        article_records(
            article["text"], article["published"], source=article["url"], gazetteer=gazetteer
        )
    return time.perf_counter() - start


def ceiling(path: Path, count: int = 5000) -> float:
    """The speed-up two processes can get on this machine now: the same plain loop in one
    process, then in two at once (a control for other programs sharing the cores)."""
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(1) as one:
        alone = one.submit(_plain_slice, str(path), count).result()
    with ProcessPoolExecutor(2) as two:
        together = max(two.map(_plain_slice, [str(path)] * 2, [count] * 2))
    return 2 * alone / together


def _peak_mb() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss, not inherited from the
    process that started it)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def on_cluster(path: Path, workers: int, folder: Path) -> tuple[float, float, int, list[float]]:
    """(seconds, worker CPU seconds, incidents, peak MB per worker) on a fresh LocalCluster,
    started as ``geokarabakh extract --workers N`` starts it."""
    client, cluster = corpus._connect(workers, None)
    try:
        corpus._warm_workers(client)  # as a run does; not timed: a cluster is started once
        client.run(corpus._warm)
        corpus._warm()  # this process's one-off imports (Dask's dataframe, about a second) too
        cpu = sum(client.run(_cpu_seconds).values())
        start = time.perf_counter()
        incidents, _ = corpus.extract_corpus_with_errors(path, client)
        out = write_incidents(incidents, folder / f"incidents-{workers}.parquet")
        seconds = time.perf_counter() - start
        cpu = sum(client.run(_cpu_seconds).values()) - cpu
        count = corpus.parquet_rows(out)
        peaks = sorted(client.run(_peak_mb).values())
    finally:
        client.close()
        cluster.close()
    assert out.is_dir()
    return seconds, cpu, count, peaks


def shuffled_bytes(path: Path) -> int:
    """Bytes of the records that cross the merge's shuffle (in memory, pandas deep size)."""
    import dask.dataframe as dd

    parts = corpus._partitions(path, None)
    records = dd.from_delayed(parts, meta=corpus._record_frame([]), verify_meta=False)
    found = records[records["_error"].isna()]
    return int(
        found.map_partitions(lambda f: f.memory_usage(deep=True, index=False).sum())
        .compute(scheduler="synchronous")
        .sum()
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--skip-serial", action="store_true")
    args = parser.parse_args()
    n = args.articles
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path, small = folder / "corpus.jsonl", folder / "small.jsonl"
        make_corpus(n, path)
        make_corpus(n // 5, small)
        size = path.stat().st_size
        print(
            f"{n:,} articles, {size / 1e6:.0f} MB of JSON Lines; "
            f"{len(corpus._partitions(path, None))} tasks of {corpus.JSONL_BLOCK}"
        )
        rates = {}
        print(
            "  (CPU: articles per CPU-second of the processes doing the work, and the share of "
            "the wall time they got a core -- under 100% when other programs compete)"
        )
        if not args.skip_serial:
            seconds, cpu, count = serial(path)
            rates[0] = n / seconds
            print(
                f"  plain, one process, one loop:    {rates[0]:7.0f} articles/s  "
                f"({seconds:6.1f} s, {count:,} incidents; CPU {n / cpu:.0f}/s, "
                f"{cpu / seconds:.0%}; peak {_peak_mb():.0f} MB)"
            )
        for workers in (1, 2):
            seconds, cpu, count, peaks = on_cluster(path, workers, folder)
            rates[workers] = n / seconds
            print(
                f"  extract_corpus, {workers} worker(s):       {rates[workers]:7.0f} articles/s  "
                f"({seconds:6.1f} s, {count:,} incidents; CPU {n / cpu:.0f}/s, "
                f"{cpu / seconds / workers:.0%}; peak per worker "
                + ", ".join(f"{p:.0f}" for p in peaks)
                + " MB)"
            )
        print(f"  control: two plain processes at once get {ceiling(path):.2f}x of one, now")
        print(
            f"  speed-up 1 -> 2 workers: {rates[2] / rates[1]:.2f}x"
            + (
                f"; 2 workers against the plain loop: {rates[2] / rates[0]:.2f}x"
                if 0 in rates
                else ""
            )
        )
        _, _, _, small_peaks = on_cluster(small, 2, folder)
        print(
            f"  memory against size, 2 workers: peak {max(small_peaks):.0f} MB at {n // 5:,} "
            f"articles, {max(peaks):.0f} MB at {n:,}"
        )
        moved = shuffled_bytes(small)
        print(
            f"  shuffled by the merge: {moved / (n // 5) * 1e6 / 1e6:.0f} MB per million "
            "articles (records in memory)"
        )


if __name__ == "__main__":
    main()
