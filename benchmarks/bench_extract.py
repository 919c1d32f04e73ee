"""Score ``extract_incidents`` on hand-labelled reports and time it on generated articles.

Two parts, one run, each against a plain baseline (one regex per gazetteer
spelling, the first place and first date in the text, the number in front of
"killed" / "injured"):

1. precision and recall of incidents and of each field (place, date, type,
   killed, injured) on ``benchmarks/extract_eval`` (texts written for the
   project, each stating a real incident's facts; see its README);
2. articles per second on a folder of generated articles (default 10,000),
   reading the files too, in one process and on a Dask LocalCluster of 2 worker
   processes (`geokarabakh extract --workers 2`), plus field accuracy there;
3. seconds for one long text (the hand-labelled texts repeated to 100 KB and
   1 MB): the time per megabyte must not grow with the length.

    python benchmarks/bench_extract.py [--articles 10000] [--baseline-subset 300] [--long 1000000]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import random
import re
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import pandas as pd

from geokarabakh import Gazetteer, extract_from_files, extract_incidents
from geokarabakh.dates import parse_date
from geokarabakh.errors import PlaceNotFound
from geokarabakh.extract.article import article_records
from geokarabakh.names import fold

EVAL = Path(__file__).parent / "extract_eval"
FIELDS = ("place", "date", "type", "killed", "injured")


# -- the plain baseline -----------------------------------------------------------------------


class Baseline:
    """One incident per text: first gazetteer name (one regex per spelling), first date."""

    _DATE = re.compile(
        r"\b\d{1,2} (?:January|February|March|April|May|June|July|August|September|"
        r"October|November|December) \d{4}\b|\b(?:January|February|March|April|May|"
        r"June|July|August|September|October|November|December) \d{1,2}, \d{4}\b"
    )
    _TEN = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
    _WORDS = {**{w: n for n, w in enumerate(_TEN, 1)}, "a": 1, "an": 1}

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.patterns = [
            (re.compile(rf"\b{re.escape(s)}\b"), s) for s in gazetteer.spellings() if len(s) >= 4
        ]

    def count(self, text: str, verbs: str) -> int | None:
        match = re.search(
            rf"\b(\d+|{'|'.join(self._WORDS)})\b(?:\s+\w+){{0,3}}?\s+(?:was |were )?"
            rf"(?:{verbs})\b",
            text,
            re.IGNORECASE,
        )
        if not match:
            return None
        word = match.group(1).lower()
        return int(word) if word.isdigit() else self._WORDS[word]

    def __call__(self, text: str, published: str | None) -> list[dict]:
        folded = fold(text)
        first = min(
            ((m.start(), s) for p, s in self.patterns if (m := p.search(folded))), default=None
        )
        if first is None:
            return []
        try:
            place = self.gazetteer.resolve(first[1])
        except PlaceNotFound:
            return []
        dates = self._DATE.findall(text)
        date = parse_date(dates[0])[0] if dates else published
        if date is None:
            return []
        lower = text.lower()
        kind = (
            "landmine"
            if re.search(r"\bmines?\b|landmine", lower)
            else "explosive"
            if re.search(r"explosion|blast", lower)
            else None
        )
        return [
            {
                "lat": place.lat,
                "lon": place.lon,
                "date": date,
                "type": kind,
                "killed": self.count(text, "killed|died|dead"),
                "injured": self.count(text, "injured|wounded|hurt"),
            }
        ]


def ours(text: str, published: str | None) -> list[dict]:
    gdf = extract_incidents(text, published)
    return [
        {
            "lat": r.geometry.y,
            "lon": r.geometry.x,
            "date": r.date,
            "type": r.type,
            "killed": None if pd.isna(r.killed) else int(r.killed),
            "injured": None if pd.isna(r.injured) else int(r.injured),
        }
        for r in gdf.itertuples()
    ]


# -- scoring --------------------------------------------------------------------------------


def placed(row: dict, gold: dict, gazetteer: Gazetteer, margin: float = 0.1) -> bool:
    """Within 5 km of the gold settlement when the gazetteer knows it, else inside the gold
    district's box (boxes are approximate to 10-20 km: widened by ``margin`` degrees)."""
    if not gold.get("place") and not gold.get("district"):
        return True  # the label gives no place (a road between districts): not scored
    if gold.get("place"):  # with its district: the gazetteer refuses to pick among namesakes
        town = gazetteer.resolve(", ".join(filter(None, (gold["place"], gold.get("district")))))
        return abs(row["lat"] - town.lat) < 0.045 and abs(row["lon"] - town.lon) < 0.06
    area = gazetteer.resolve(gold["district"], kind="district")
    west, south, east, north = area.bbox
    return (
        west - margin <= row["lon"] <= east + margin
        and south - margin <= row["lat"] <= north + margin
    )


def agree(row: dict, gold: dict, gazetteer: Gazetteer) -> dict[str, bool]:
    return {
        "place": placed(row, gold, gazetteer),
        "date": row["date"] == gold["date"],
        "type": row["type"] == gold["type"],
        "killed": row["killed"] == gold["killed"],
        "injured": row["injured"] == gold["injured"],
    }


def score(
    predictions: dict[str, list[dict]], golds: dict[str, list[dict]], gazetteer: Gazetteer
) -> dict[str, tuple[float, float]]:
    """Per field: precision = right values / values given; recall = right / values in the gold.
    Incidents: a row is right when it matches a gold incident on place and date."""
    given, right, wanted = defaultdict(int), defaultdict(int), defaultdict(int)
    for gold_rows in golds.values():
        for gold in gold_rows:
            wanted["incident"] += 1
            for f in FIELDS:
                wanted[f] += f == "place" or gold[f] is not None
    for name, rows in predictions.items():
        free = list(golds.get(name, []))
        for row in rows:
            given["incident"] += 1
            for f in FIELDS:
                given[f] += (row[f] is not None) if f != "place" else 1
            if not free:
                continue
            best = max(free, key=lambda g: sum(agree(row, g, gazetteer).values()))
            checks = agree(row, best, gazetteer)
            if not (checks["place"] or checks["date"]):
                continue
            free.remove(best)
            right["incident"] += checks["place"] and checks["date"]
            for f in FIELDS:
                right[f] += checks[f] and (f == "place" or best[f] is not None)
    return {
        k: (right[k] / given[k] if given[k] else 1.0, right[k] / wanted[k] if wanted[k] else 1.0)
        for k in ("incident", *FIELDS)
    }


def gold_incident(row: dict[str, str]) -> dict:
    """One labelled incident of a ``labels.csv`` row (empty cells: not stated)."""
    return {
        "date": row["date"],
        "type": row["type"] or None,
        "district": row["district"],
        "place": row["place"] or None,
        "killed": int(row["killed"]) if row["killed"] else None,
        "injured": int(row["injured"]) if row["injured"] else None,
    }


def load_eval() -> tuple[
    dict[str, str], dict[str, str | None], dict[str, list[dict]], dict[str, str]
]:
    """Texts, publication dates, gold incidents and split (``dev``: used while building the
    extractor; ``held-out``: written afterwards, ``h1``-``h25``, since partly tuned on;
    ``held-out-2``: ``h26``-``h37``, written after those fixes) by file name. A text with no
    labels row, or only one without a date, tells no incident."""
    texts, published, golds, split = {}, {}, defaultdict(list), {}
    for path in sorted(EVAL.glob("*.txt")):
        texts[path.name] = path.read_text(encoding="utf-8")
        golds[path.name] = []
    with open(EVAL / "labels.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            published[row["file"]] = row["published"] or None
            split[row["file"]] = row["split"]
            if not row["date"]:  # a row without a date: the text tells no incident
                continue
            golds[row["file"]].append(gold_incident(row))
    return texts, published, dict(golds), {name: split.get(name, "dev") for name in texts}


REAL = EVAL / "real"


def load_real(folder: Path) -> tuple[dict[str, str], dict, dict, dict[str, tuple[str, str, str]]]:
    """Real articles: texts from ``folder`` (not in the repository: their rights stay with
    their publishers), labels from ``real/labels.csv``; each text's SHA-256 must match the
    labelled one. Returns texts, publication dates, gold incidents and (split, lang, kind)."""
    texts: dict[str, str] = {}
    published: dict[str, str | None] = {}
    golds: dict[str, list[dict]] = defaultdict(list)
    about: dict[str, tuple[str, str, str]] = {}
    with open(REAL / "labels.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            name = row["file"]
            if name not in texts:
                raw = (folder / name).read_bytes()
                if hashlib.sha256(raw).hexdigest() != row["sha256"]:
                    raise SystemExit(f"{folder / name}: not the text that was labelled")
                texts[name] = raw.decode("utf-8")
                golds[name] = []
            published[name] = row["published"] or None
            about[name] = (row["split"], row["lang"], row["kind"])
            if row["date"]:
                golds[name].append(gold_incident(row))
    return texts, published, dict(golds), about


def facts(
    predictions: dict[str, list[dict]], golds: dict[str, list[dict]], gazetteer: Gazetteer
) -> tuple[int, int, int]:
    """(facts right, facts, texts fully right). Facts: date, place, killed and injured of
    each labelled incident (a figure the text does not give is right when none is given);
    "no incident" of a text that tells none; every row matching no incident is one wrong."""
    right = total = whole = 0
    for name, gold_rows in golds.items():
        rows = list(predictions.get(name, []))
        before = right
        if not gold_rows:
            total += 1 + max(0, len(rows) - 1)
            right += not rows
        for gold in gold_rows:
            total += 4
            if not rows:
                continue
            best = max(rows, key=lambda r: sum(agree(r, gold, gazetteer).values()))
            checks = agree(best, gold, gazetteer)
            if checks["place"] or checks["date"]:
                rows.remove(best)
                right += sum(checks[f] for f in ("date", "place", "killed", "injured"))
        if gold_rows:
            total += len(rows)  # rows left over: incidents the text does not tell
        whole += right - before == (4 * len(gold_rows) or 1) and not (gold_rows and rows)
    return right, total, whole


def real_tables(folder: Path, gazetteer: Gazetteer, baseline: Baseline) -> None:
    """Scores on the real articles per split and language."""
    texts, published, golds, about = load_real(folder)
    methods = {"geokarabakh.extract": ours, "baseline": baseline}
    predictions = {n: {f: m(t, published[f]) for f, t in texts.items()} for n, m in methods.items()}
    print(f"\nReal articles ({REAL.name}/labels.csv, texts from {folder}): facts right")
    print(
        f"  {'split':9}{'lang':5}{'texts':>6}{'incidents':>10}{'ours':>16}{'whole':>7}"
        f"{'baseline':>16}"
    )
    for part in ("dev", "held-out"):
        for lang in ("en", "ru", "az", "hy", "all"):
            files = [f for f in texts if about[f][0] == part and lang in (about[f][1], "all")]
            if not files:
                continue
            gold = {f: golds[f] for f in files}
            mine = facts({f: predictions["geokarabakh.extract"][f] for f in files}, gold, gazetteer)
            base = facts({f: predictions["baseline"][f] for f in files}, gold, gazetteer)
            print(
                f"  {part:9}{lang:5}{len(files):6}{sum(len(g) for g in gold.values()):10}"
                f"{mine[0] / mine[1]:>9.0%} {mine[0]:>3}/{mine[1]:<3}{mine[2]:>6}"
                f"{base[0] / base[1]:>9.0%} {base[0]:>3}/{base[1]:<3}"
            )
    for part in ("dev", "held-out"):
        files = [f for f in texts if about[f][0] == part]
        results = {
            name: score({f: p[f] for f in files}, {f: golds[f] for f in files}, gazetteer)
            for name, p in predictions.items()
        }
        table(f"Real articles, {part}: incidents and fields", results)


# -- generated articles ---------------------------------------------------------------------

NUMBERS = ["one", "two", "three", "four", "five", "six"]
VICTIMS = [
    ("civilian", "civilians"),
    ("deminer", "deminers"),
    ("soldier", "soldiers"),
    ("tractor driver", "tractor drivers"),
    ("shepherd", "shepherds"),
]
OPENINGS = [
    "{n_k} {vk} {was_k} killed and {n_i} {vi} {was_i} injured on {when} when a {weapon} exploded "
    "near the village of {village} in {district} district, officials said.",
    "A {weapon} blast near {village}, {district} district, on {when} left {n_k} {vk} dead and "
    "{n_i} {vi} wounded, the prosecutor's office reported.",
    "On {when}, {n_i} {vi} {was_i} hurt and {n_k} {vk} died after their vehicle hit a {weapon} "
    "outside {village} in the {district} district.",
]
BACKGROUND = [
    "Mine clearance in the region is expected to take years, and the authorities again asked "
    "residents to keep to roads that have been checked.",
    "Talks between Baku and Yerevan on a peace treaty resumed last month; delegations discussed "
    "border crossings and transport links.",
    "Demining teams say contamination is heaviest along the former line of contact, where fields "
    "and orchards were mined during decades of confrontation.",
]


def generate(n: int, gazetteer: Gazetteer, seed: int = 7) -> list[tuple[str, str, dict]]:
    """``n`` articles (name, text, truth) about random incidents in real villages."""
    rng = random.Random(seed)
    districts = {
        p.name.removesuffix(" District"): p
        for p in gazetteer.places
        if p.kind == "district" and p.country == "AZ" and p.bbox
    }
    villages = [
        p
        for p in gazetteer.places
        if p.kind == "settlement"
        and p.district in districts
        and p.population < 5000
        and len(p.name) > 4
        and " " not in p.name
        and districts[p.district].bbox[0] <= p.lon <= districts[p.district].bbox[2]
        and districts[p.district].bbox[1] <= p.lat <= districts[p.district].bbox[3]
    ]
    out = []
    for i in range(n):
        village = rng.choice(villages)
        day = pd.Timestamp("2021-01-01") + pd.Timedelta(days=rng.randrange(1200))
        killed, injured = rng.randrange(1, 5), rng.randrange(1, 5)
        (vk1, vkn), (vi1, vin) = rng.choice(VICTIMS), rng.choice(VICTIMS)
        text = rng.choice(OPENINGS).format(
            n_k=NUMBERS[killed - 1].capitalize() if rng.random() < 0.5 else str(killed),
            n_i=NUMBERS[injured - 1],
            vk=vk1 if killed == 1 else vkn,
            vi=vi1 if injured == 1 else vin,
            was_k="was" if killed == 1 else "were",
            was_i="was" if injured == 1 else "were",
            when=f"{day.day} {day.month_name()} {day.year}",
            weapon=rng.choice(["landmine", "anti-tank mine", "mine"]),
            village=village.name,
            district=village.district,
        )
        text = text[0].upper() + text[1:]
        body = "\n\n".join([text, *rng.sample(BACKGROUND, 2)])
        out.append(
            (
                f"article-{i:05d}.txt",
                body,
                {
                    "date": day.date().isoformat(),
                    "district": village.district,
                    "type": "landmine",
                    "killed": killed,
                    "injured": injured,
                },
            )
        )
    return out


def time_long_texts(texts: dict[str, str], gazetteer: Gazetteer, longest: int) -> None:
    """Seconds for one text of growing length (every hand-labelled text, repeated)."""
    corpus = "\n\n".join(texts[name] for name in sorted(texts)) + "\n\n"
    print("\nOne long text (the hand-labelled texts repeated), read against 2024-06-01:")
    rates = []
    for size in sorted({min(100_000, longest), longest}):
        text = (corpus * (size // len(corpus) + 1))[:size]
        start, cpu = time.perf_counter(), time.process_time()
        found = article_records(text, "2024-06-01", source=None, gazetteer=gazetteer)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        rates.append(cpu / size * 1e6)
        print(
            f"  {size / 1e3:7.0f} KB: {seconds:6.2f} s ({cpu:6.2f} s of CPU, {rates[-1]:5.2f} "
            f"per MB), {len(found)} incidents"
        )
    if len(rates) == 2:
        print(
            f"  growth of the CPU time per MB from the shortest to the longest: "
            f"{rates[1] / rates[0]:.2f}x (1.00 = linear)"
        )


# -- main -----------------------------------------------------------------------------------


def table(title: str, results: dict[str, dict[str, tuple[float, float]]]) -> None:
    print(f"\n{title}")
    print(f"  {'':10}" + "".join(f"{name:>24}" for name in results))
    print(f"  {'':10}" + "".join(f"{'precision':>13}{'recall':>11}" for _ in results))
    for key in ("incident", *FIELDS):
        print(
            f"  {key:10}"
            + "".join(f"{r[key][0]:>13.2f}{r[key][1]:>11.2f}" for r in results.values())
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument(
        "--baseline-subset",
        type=int,
        default=300,
        help="time the baseline on this many generated articles",
    )
    parser.add_argument(
        "--long",
        type=int,
        default=1_000_000,
        help="length in characters of the longest single text timed",
    )
    parser.add_argument(
        "--real-texts",
        type=Path,
        default=REAL / "texts",
        help="folder of the real articles labelled in extract_eval/real/labels.csv",
    )
    args = parser.parse_args()
    gazetteer = Gazetteer.default()
    extract_incidents("warm-up: a mine exploded in Tartar district on 1 May 2021.")
    baseline = Baseline(gazetteer)

    texts, published, golds, split = load_eval()
    predictions = {
        name: {f: method(t, published.get(f)) for f, t in texts.items()}
        for name, method in (("geokarabakh.extract", ours), ("baseline", baseline))
    }
    for part in dict.fromkeys(split.values()):  # dev, held-out, held-out-2 (file-name order)
        files = [f for f in texts if split[f] == part]
        results = {
            name: score({f: p[f] for f in files}, {f: golds[f] for f in files}, gazetteer)
            for name, p in predictions.items()
        }
        table(
            f"Hand-labelled {part} set ({EVAL.name}): {len(files)} texts, "
            f"{sum(len(golds[f]) for f in files)} incidents",
            results,
        )

    if args.real_texts.is_dir():
        real_tables(args.real_texts, gazetteer, baseline)
    else:
        print(f"\n(no real article texts in {args.real_texts}: their scores are skipped)")

    time_long_texts(texts, gazetteer, args.long)

    articles = generate(args.articles, gazetteer)
    with tempfile.TemporaryDirectory() as folder:
        for name, text, _ in articles:
            (Path(folder) / name).write_text(text, encoding="utf-8")
        start = time.perf_counter()
        gdf = extract_from_files(folder)
        ours_seconds = time.perf_counter() - start
        with tempfile.TemporaryDirectory() as out:
            # Two cores: the same folder as `geokarabakh extract --workers 2` runs it (Dask;
            # DESIGN.md: no home-made process pools), the cluster started and warmed first.
            from bench_corpus import on_cluster

            cluster_seconds, _, cluster_count, _ = on_cluster(Path(folder), 2, Path(out))
    subset = articles[: args.baseline_subset]
    start = time.perf_counter()
    base_predictions = {name: baseline(text, None) for name, text, _ in subset}
    base_seconds = time.perf_counter() - start
    our_predictions = {name: ours(text, None) for name, text, _ in subset}
    start = time.perf_counter()
    for _, text, _ in articles:
        extract_incidents(text)
    ours_memory_seconds = time.perf_counter() - start
    start = time.perf_counter()
    for _, text, _ in articles:
        article_records(text, None, source=None, gazetteer=gazetteer)
    core_seconds = time.perf_counter() - start
    truth = {name: [t] for name, _, t in articles}
    generated = {
        "geokarabakh.extract": score(
            our_predictions, {n: truth[n] for n, _, _ in subset}, gazetteer
        ),
        "baseline": score(base_predictions, {n: truth[n] for n, _, _ in subset}, gazetteer),
    }
    table(f"Generated articles (first {len(subset)} of {len(articles)})", generated)
    ours_rate = len(articles) / ours_seconds
    base_rate = len(subset) / base_seconds
    print(f"\nSpeed on {len(articles)} generated articles ({len(gdf)} incidents found):")
    print(
        f"  geokarabakh extract_from_files (folder, read + extract + merge): "
        f"{ours_rate:8.0f} articles/s"
    )
    print(
        f"  the same folder on 2 cores (extract --workers 2, {cluster_count} incidents):    "
        f"{len(articles) / cluster_seconds:8.0f} articles/s"
    )
    print(
        f"  geokarabakh extract_incidents (one call per article, {len(articles)} articles): "
        f"{len(articles) / ours_memory_seconds:8.0f} articles/s"
    )
    print(
        f"  of which text analysis alone (no GeoDataFrame, {len(articles)} articles):   "
        f"{len(articles) / core_seconds:8.0f} articles/s"
    )
    print(
        f"  baseline, one regex per spelling (in memory, {len(subset)} articles):       "
        f"{base_rate:8.0f} articles/s"
    )
    print(f"  ratio (ours from files / baseline in memory): {ours_rate / base_rate:.1f}x")


if __name__ == "__main__":
    main()
