"""Gazetteer speed and accuracy against the plain way, in one run.

Run: ``python benchmarks/bench_gazetteer.py [N]``

Prints the time to load the bundled gazetteer, then resolves a mixed list of
N names drawn from the gazetteer itself — a third exact spellings, a third
variants (another script, a qualifier, upper case), a third typos — with

- ``Gazetteer.resolve`` on fresh (uncached) names, and on a realistic list that
  repeats names the way incident tables do (cached);
- the plain way: ``rapidfuzz.process.extractOne`` over every known spelling.

Accuracy counts an answer right when it lands within 5 km of the place the
name was drawn from.
"""

from __future__ import annotations

import random
import sys
import time

from rapidfuzz import process

from geokarabakh.gazetteer import Gazetteer, _default_gazetteer, haversine_km

QUALIFIERS = (
    "{} district",
    "the town of {}",
    "{}, Azerbaijan",
    "{} (Armenia)",
    "{} rayonu",
    "{} village",
)


def typo(name: str, rng: random.Random) -> str:
    """One edit: drop, double or swap a letter away from the first."""
    if len(name) < 5:
        return name + name[-1]
    i = rng.randrange(1, len(name) - 1)
    edit = rng.choice(("drop", "double", "swap"))
    if edit == "drop":
        return name[:i] + name[i + 1 :]
    if edit == "double":
        return name[:i] + name[i] + name[i:]
    return name[:i] + name[i + 1] + name[i] + name[i + 2 :]


def workload(gaz: Gazetteer, n: int, seed: int = 7) -> list[tuple[str, tuple[float, float]]]:
    """N (query, true lat/lon) pairs: exact names, variants and typos."""
    rng = random.Random(seed)
    places = [p for p in gaz if p.kind != "feature"]
    queries = []
    for i in range(n):
        place = rng.choice(places)
        spelling = rng.choice(place.all_names)
        if i % 3 == 1:
            spelling = (
                rng.choice(QUALIFIERS).format(spelling) if rng.random() < 0.5 else spelling.upper()
            )
        elif i % 3 == 2:
            spelling = typo(place.name, rng)
        queries.append((spelling, (place.lat, place.lon)))
    return queries


def accuracy(answers: list[tuple[float, float] | None], truth: list[tuple[float, float]]) -> float:
    right = sum(
        1
        for got, want in zip(answers, truth, strict=False)
        if got is not None and haversine_km(got[0], got[1], want[0], want[1]) < 5
    )
    return right / len(truth)


def main(n: int = 30_000) -> None:
    t0 = time.perf_counter()
    _default_gazetteer.cache_clear()
    gaz = Gazetteer.default()
    load = time.perf_counter() - t0
    print(
        f"load: Gazetteer.default() {load * 1000:.0f} ms for {len(gaz)} places, "
        f"{len(gaz.spellings())} distinct spellings"
    )

    queries = workload(gaz, n)
    texts = [q for q, _ in queries]
    truth = [t for _, t in queries]

    def ours(names: list[str]) -> tuple[float, list]:
        start = time.perf_counter()
        answers = []
        for name in names:
            try:
                place = gaz.resolve(name)
                answers.append((place.lat, place.lon))
            except LookupError:
                answers.append(None)
        return time.perf_counter() - start, answers

    gaz._resolve_cached.cache_clear()
    unique = list(dict.fromkeys(texts))
    cold, cold_answers = ours(unique)
    by_text = dict(zip(unique, cold_answers, strict=False))
    cold_acc = accuracy([by_text[t] for t in texts], truth)
    print(
        f"gazetteer, uncached: {len(unique)} distinct names in {cold:.2f} s = "
        f"{len(unique) / cold:,.0f} names/s, accuracy {cold_acc:.1%}"
    )

    rng = random.Random(1)
    repeated = [
        rng.choice(texts[: max(1, n // 20)]) for _ in range(n)
    ]  # a table reusing ~5% of names
    warm, _ = ours(repeated)
    print(
        f"gazetteer, realistic table ({n} rows, {len(set(repeated))} distinct): {warm:.3f} s = "
        f"{n / warm:,.0f} names/s"
    )

    # The plain way: one fuzzy scan over every spelling per name.
    spellings = []
    coords = []
    for place in gaz:
        for spelling in place.all_names:
            spellings.append(spelling)
            coords.append((place.lat, place.lon))
    sample = texts[: min(len(texts), 3000)]
    start = time.perf_counter()
    plain_answers = []
    for name in sample:
        hit = process.extractOne(name, spellings, score_cutoff=60)
        plain_answers.append(coords[hit[2]] if hit else None)
    plain = time.perf_counter() - start
    plain_rate = len(sample) / plain
    plain_acc = accuracy(plain_answers, truth[: len(sample)])
    print(
        f"plain extractOne over {len(spellings)} spellings: {len(sample)} names in {plain:.2f} s = "
        f"{plain_rate:,.0f} names/s, accuracy {plain_acc:.1%}"
    )
    print(
        f"ratio: uncached {len(unique) / cold / plain_rate:.0f}x, "
        f"realistic {n / warm / plain_rate:.0f}x "
        f"the plain way's speed; accuracy {cold_acc:.1%} vs {plain_acc:.1%}"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30_000)
