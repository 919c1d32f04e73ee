"""Development check: spellings made from the village table itself, by kind.

Each village of ``gazetteer/villages.csv`` is asked for under its names (Azerbaijani, English,
Russian, Armenian, other), its Azerbaijani name typed without marks (ş as sh, and as s), a typo
of its English name, and qualified forms ("X village, D district", "D rayonunun X kəndi").
Right = within 3 km. These spellings come from the data the gazetteer is built on, so they
test the rules (qualifiers, namesakes, marks), not the coverage; the held-out names do that.

    python benchmarks/gazetteer_eval/variants.py [KIND]   # KIND: also list its misses
"""

from __future__ import annotations

import csv
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

from geokarabakh.gazetteer import Gazetteer, PlaceNotFound, haversine_km

VILLAGES = Path(__file__).resolve().parents[2] / "gazetteer" / "villages.csv"
MARKS_AS_DIGRAPHS = str.maketrans({"ə": "a", "ı": "i", "ş": "sh", "ç": "ch", "ğ": "gh"})
MARKS_DROPPED = str.maketrans({"ə": "e", "ı": "i", "ş": "s", "ç": "c", "ğ": "g"})
MARKS_DROPPED.update(str.maketrans({"ö": "o", "ü": "u", "Ş": "S", "Ç": "C", "İ": "I", "Ə": "E"}))
MARKS_AS_DIGRAPHS.update(str.maketrans({"ö": "o", "ü": "u", "Ş": "Sh", "Ç": "Ch", "İ": "I"}))


def typo(name: str, rng: random.Random) -> str:
    """``name`` with one letter dropped, doubled, swapped with the next or changed."""
    i = rng.randrange(1, len(name) - 1)
    return rng.choice(
        (
            name[:i] + name[i + 1 :],
            name[:i] + name[i] + name[i:],
            name[:i] + name[i + 1] + name[i] + name[i + 2 :],
            name[:i] + rng.choice("aeiou") + name[i + 1 :],
        )
    )


def queries(row: dict, rng: random.Random) -> list[tuple[str, str]]:
    """(kind, query) for one village row."""
    district = row["district"].split("|")[0]
    az, en = row["name_az"], row["name_en"] or row["name_hy_latin"]
    out = [("azerbaijani", az)] if az else []
    if az and az.translate(MARKS_AS_DIGRAPHS) != az:
        out += [("az marks as sh/ch/gh", az.translate(MARKS_AS_DIGRAPHS))]
        out += [("az marks dropped", az.translate(MARKS_DROPPED))]
    if az:
        out.append(("az qualified", f"{district} rayonunun {az} kəndi"))
    if en:
        out += [("english", en), ("en qualified", f"{en} village, {district} district")]
        if len(en) >= 7:
            out.append(("typo", typo(en, rng)))
    out += [("russian", name) for name in row["name_ru"].split("|")[:1] if name]
    out += [("armenian", row["name_hy"])] if row["name_hy"] else []
    out += [("other names", name) for name in row["other_names"].split("|") if name]
    return out


def main() -> None:
    gazetteer = Gazetteer.default()
    rng = random.Random(7)
    tally: dict[str, Counter] = defaultdict(Counter)
    misses: dict[str, list[str]] = defaultdict(list)
    for row in csv.DictReader(VILLAGES.open(encoding="utf-8")):
        lat, lon = float(row["lat"]), float(row["lon"])
        for kind, query in queries(row, rng):
            try:
                place = gazetteer.resolve(query)
            except PlaceNotFound as error:
                tally[kind]["not found"] += 1
                misses[kind].append(f"{query}: {error}")
                continue
            km = haversine_km(lat, lon, place.lat, place.lon)
            outcome = "right" if km <= 3 else "wrong > 25 km" if km > 25 else "wrong"
            tally[kind][outcome] += 1
            if outcome != "right":
                misses[kind].append(f"{query} ({row['id']}) -> {place.name}, {place.district}")
    print(f"{'kind':22} {'n':>5} {'right':>6} {'not found':>10} {'wrong>25km':>11}")
    for kind, counts in tally.items():
        n = sum(counts.values())
        print(
            f"{kind:22} {n:5} {counts['right'] / n:6.0%} {counts['not found']:10} "
            f"{counts['wrong > 25 km']:11}"
        )
    for kind in sys.argv[1:]:
        print(f"\n{kind}:", *misses[kind], sep="\n  ")


if __name__ == "__main__":
    main()
