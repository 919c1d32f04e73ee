"""Score the gazetteer on hand-labelled place names: development and held-out side by side.

Run: ``python benchmarks/gazetteer_eval/evaluate.py``

Each set is a CSV (``query, category, expect, lat, lon, kind, ...``) labelled by
hand before any run. An answer is right when ``expect`` is ``place`` and the place
resolved lies within 3 km (villages) or 5 km (towns) of the labelled point, or when
``expect`` is ``not_found`` and ``resolve`` raises ``PlaceNotFound``. Printed per
category: right, "not found" for a real place (a miss the user sees), and wrong
places more than 25 km away (the misses a user cannot see). Then the calibration:
for each score band, how many of the places returned were right.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

from geokarabakh import Gazetteer, PlaceNotFound
from geokarabakh.gazetteer import haversine_km

HERE = Path(__file__).parent
SETS = ("dev.csv", "heldout.csv")
BANDS = ((1.0, 1.01), (0.9, 1.0), (0.8, 0.9), (0.7, 0.8))


def score(path: Path, gaz: Gazetteer) -> tuple[dict, list[tuple[float, bool]]]:
    """Per category [n, right, not found, wrong > 25 km]; and (score, right) of each answer."""
    table: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    answers: list[tuple[float, bool]] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            counts = table[row["category"]]
            counts[0] += 1
            try:
                place = gaz.resolve(row["query"])
            except PlaceNotFound:
                counts[1 if row["expect"] == "not_found" else 2] += 1
                continue
            if row["expect"] == "not_found":
                counts[3] += 1
                answers.append((place.score, False))
                continue
            km = float(haversine_km(float(row["lat"]), float(row["lon"]), place.lat, place.lon))
            right = km <= (5.0 if row["kind"] == "town" else 3.0)
            counts[1] += right
            counts[3] += km > 25
            answers.append((place.score, right))
    return table, answers


def main() -> None:
    gaz = Gazetteer.default()
    results = {name: score(HERE / name, gaz) for name in SETS if (HERE / name).is_file()}
    categories = sorted({c for table, _ in results.values() for c in table})
    print(f"{'category':18}" + "".join(f"{name:>36}" for name in results))
    print(f"{'':18}" + "".join(f"{'n  right  not-found  wrong>25km':>36}" for _ in results))
    for category in [*categories, "all"]:
        line = f"{category:18}"
        for table, _ in results.values():
            counts = (
                [sum(c[i] for c in table.values()) for i in range(4)]
                if category == "all"
                else table.get(category, [0, 0, 0, 0])
            )
            n, right, missing, wrong = counts
            share = f"{right / n:.0%}" if n else "-"
            line += f"{n:>12} {right:>4} {share:>5} {missing:>5} {wrong:>6}"
        print(line)
    print("\ncalibration: share of returned places that were right, by score band")
    for low, high in BANDS:
        line = f"  score {low:.1f}{'' if high > 1 else f'-{high:.1f}'}".ljust(20)
        for _, answers in results.values():
            band = [right for s, right in answers if low <= s < high]
            line += (
                f"{len(band):>12} answers {sum(band) / len(band):>5.0%}" if band else f"{'-':>26}"
            )
        print(line)


if __name__ == "__main__":
    main()
