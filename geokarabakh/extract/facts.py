"""What one sentence says of an event: type, figures, dates, places and the cues that
tell background, hedging and a new incident."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from itertools import combinations

from geokarabakh.extract.casualties import Count, casualties, without_birth_years
from geokarabakh.extract.dates import ACCUSATION, Date, DateBasis, event_dates
from geokarabakh.extract.lexicon import (
    BODY_FOUND,
    COREFERENCE,
    DAMAGE,
    GENERIC,
    HEDGE,
    NEW_INCIDENT,
    NO_CASUALTIES,
    NO_ONE,
    NOT_AN_EVENT,
    NOT_SAVED,
    PERFECT,
    RESULT_OPENING,
    SEPARATE_INCIDENT,
    STATISTIC,
    STATISTIC_MIN,
    TYPE_RES,
    WAR,
)
from geokarabakh.extract.places import (
    Anchor,
    Hit,
    PlaceFinder,
    compatible_places,
    district_of,
    sentence_anchors,
    within_area,
)
from geokarabakh.extract.text import TOKEN, Sentence, lower_word
from geokarabakh.gazetteer import AREAS, Place
from geokarabakh.names import fold, strip_qualifiers


@dataclass(slots=True)
class Facts:
    """What one event sentence says."""

    text: str
    paragraph: int
    kinds: list[tuple[int, str, str | None]]  # (rank, type, detail)
    killed: Count
    injured: Count
    victims: set[str]
    dates: list[Date]
    anchors: list[Anchor]
    said_dates: list[Date]  # the day of a statement or dateline: the event's only if no other
    hedged: bool
    new_cue: bool
    separate: bool  # "in a separate incident", "в тот же день": never one told before
    coreference: bool
    zero_killed: bool
    zero_injured: bool
    headline: bool = False
    yearless: list[str] = field(default_factory=list)  # days whose year the text does not give
    listed: bool = False  # one place of a listed shelling (see listed_places)


def date_rank(date: Date) -> tuple[int, int, bool]:
    """Which of an incident's dates is its own: days before months before years (a month or a
    year beside a day is background: "on Monday, in fields mined in November 2020"), then
    explicit before relative before inferred, then a day named by its number before "today"
    or "on Monday" ("Earlier today, the ministry reported fire near Shusha on July 13")."""
    how = ("explicit", "relative", "text-year").index(date.how) if date.how != "published" else 9
    return PRECISION_RANK[date.precision], how, not any(c.isdigit() for c in date.surface)


def has_figures(fact: Facts) -> bool:
    return fact.killed.total is not None or fact.injured.total is not None


def towns_of(anchors: Iterable[Anchor]) -> list[Place]:
    """The towns, villages and features among anchors (not areas, not "between X and Y")."""
    return [a.place for a in anchors if a.place.kind not in AREAS and a.other is None]


PRECISION_RANK = {"day": 0, "month": 1, "year": 2}

FIRE_KINDS = frozenset({"shelling", "shooting", "air strike"})  # attacks that hit many at once


def listed_places(fact: Facts) -> list[Facts]:
    """A sentence of fire on several places with no figure ("Qapanlı of Tartar district,
    Çıraqlı of Aghdam district and Alxanlı were shelled"): one part per place, each with the
    districts that hold it, since each place was hit; [] when it is not such a list."""
    if has_figures(fact) or not any(kind in FIRE_KINDS for _, kind, _ in fact.kinds):
        return []
    if any(a.other is not None for a in fact.anchors):
        return []  # "between X and Y": one stretch
    areas = [a for a in fact.anchors if a.place.kind in AREAS and not a.unlocated]
    towns = list(
        {
            (a.place.id, a.unlocated and a.surface): a
            for a in fact.anchors
            if a.unlocated or a.place.kind not in AREAS and not _as_area(a)
        }.values()
    )
    if len(towns) <= 1 and len(areas) <= 1:
        return []  # "Tərtər rayonunun Qarağacı kəndinə": one place, not a list
    located = [a.place for a in towns if not a.unlocated]
    if not damage_only(fact) and any(
        compatible_places(a, b, km=3.0) for a, b in combinations(located, 2)
    ):
        return []  # one place told twice, or a village and its neighbour: one scene
    held = []
    for town in towns:  # its own district by name; else the areas whose box holds it
        own = [a for a in areas if a.place.id == town.place.id or district_of(town.place, a.place)]
        if not town.unlocated:
            own = own or [a for a in areas if within_area(town.place, a.place)]
        if not own and not town.unlocated and len(areas) == 1 != len(towns):
            area = areas[0]  # "Tərtər rayonunun Qapanlı, Qarağacı ...": not Qubadli's Qarağacı
            if area.place.country == town.place.country:
                town = replace(town, place=area.place, unlocated=True)
        held.append([town, *own])
    holding = {a.place.id for group in held for a in group[1:]}
    finest = min((AREAS.index(a.place.kind) for a in areas), default=0)
    alone = [
        [a] for a in areas if a.place.id not in holding and AREAS.index(a.place.kind) == finest
    ]  # "Tərtər rayonunun Qapanlı": a village the gazetteer lacks, its district stands in
    parts = held + alone
    if len(parts) < 2 or len({group[0].place.country for group in parts}) > 1:
        return []  # fire across the border: one side's place is where it came from
    return [replace(fact, anchors=group, listed=True) for group in parts]


def damage_only(fact: Facts) -> bool:
    """Does the sentence tell only of houses hit ("27 ev zədələnib"), each place named its
    own damage?"""
    return bool(fact.kinds) and all(detail == DAMAGE for _, _, detail in fact.kinds)


def _as_area(anchor: Anchor) -> bool:
    """Is a town named as an area ("Sədərək rayonu", "Бабекского района": a district the
    gazetteer holds as its centre)? It qualifies the list's places; it is not one of them."""
    return strip_qualifiers(fold(anchor.surface.split()[-1]))[1] in AREAS


def _statistic(lower: str) -> bool:
    """Does the sentence give a figure over a period ("more than 200 soldiers")?"""
    for match in STATISTIC.finditer(lower):
        digits = re.sub(r"\D", "", match.group(1) or match.group(2))
        if digits and int(digits) >= STATISTIC_MIN:
            return True
    return False


def background(raw: str) -> bool:
    """Does a sentence tell a count over time ("in total", "since", "more than 200")?"""
    lower = raw.lower()
    return bool(GENERIC.search(lower)) or _statistic(lower)


def goes_on(raw: str) -> bool:
    """Does a sentence open as the result of the one before ("As a result, ...")?"""
    return RESULT_OPENING.match(raw.lower()) is not None


LIST_PLACES = 5  # more places than this in one sentence with no figure: a list


_CLAUSE_GOES_ON = re.compile(r"[ \t]*[,;:]")


def sentence_facts(
    text: str,
    sentence: Sentence,
    hits: list[Hit],
    finder: PlaceFinder,
    basis: DateBasis,
    text_areas: dict[str, Place],
) -> Facts | None:
    """The facts of one sentence, or None when it tells of no incident."""
    raw = text[sentence.start : sentence.end]
    lower = raw.lower()
    kinds = [
        (rank, kind, detail)
        for rank, (kind, detail, pattern) in enumerate(TYPE_RES)
        if pattern.search(lower)
    ]
    cased = TOKEN.findall(without_birth_years(raw))
    tokens = [lower_word(t).replace("’", "'") for t in cased]
    headline = not raw.rstrip().endswith(
        (".", "!", "?", "։", "…", '"', "”", "»")
    ) and not _CLAUSE_GOES_ON.match(text, sentence.end)  # a clause of a longer sentence
    # a headline capitalises every word: no names to count there
    killed, injured, victims = casualties(tokens, None if headline else cased)
    if killed.total is None and (not_saved := NOT_SAVED.search(lower)):
        killed.add(1, not_saved.group(0))
        killed.converted += 1  # counted injured before: the wounded who died
    elif killed.total is None and (body := BODY_FOUND.search(lower)):
        killed.add(1, body.group(0))
    zero_all = bool(NO_CASUALTIES.search(lower))
    zero = NO_ONE.search(lower)
    zero_killed = zero_all or bool(
        zero and re.search(r"killed|deaths|fatalities|tələfat", zero.group(0))
    )
    zero_injured = zero_all or bool(zero and re.search(r"hurt|injur|wound", zero.group(0)))
    has_count = (
        killed.total is not None or injured.total is not None or killed.vague or injured.vague
    )
    if not kinds and not has_count and not (zero_killed or zero_injured):
        return None
    specific = any(rank < len(TYPE_RES) - 1 for rank, _, _ in kinds) or any(
        kind == "explosive" for _, kind, _ in kinds
    )
    if (not specific and WAR.search(lower)) or _statistic(lower):
        return None
    if (
        not has_count
        and not any(kind == "explosive" for _, kind, _ in kinds)
        and ACCUSATION.search(lower)
    ):
        return None  # "Baku blamed Yerevan for laying the mines": a statement, no event
    if not (has_count or zero_killed or zero_injured) and NOT_AN_EVENT.search(lower):
        return None  # "children were taught the dangers of mines", "взрывные работы", a denial
    yearless: list[str] = []
    dates, said_dates = event_dates(raw, basis, sentence.start, yearless)
    generic = {m.group(0) for m in GENERIC.finditer(lower)}
    if generic and not (
        generic == {"since"}
        and not PERFECT.search(lower)
        and any(d.precision == "day" for d in dates)
    ):
        return None  # a count over time; but "on Monday ..., the first since the war" is one
    anchors = sentence_anchors(text, sentence, hits, finder, text_areas)
    fired = any(kind in FIRE_KINDS for _, kind, _ in kinds)
    if len({a.place.id for a in anchors}) > LIST_PLACES and not has_count and not fired:
        anchors = []  # "work went on in Tartar, Aghdam, Lachin, Fuzuli, ...": a list, no scene
    if headline:
        # a headline: short on detail ("blast in Tartar"), so the body's places come first,
        # and its figures restate the body's rather than add to them
        anchors = [replace(a, score=a.score * 0.6) for a in anchors]
        killed.additive = injured.additive = False
    return Facts(
        text=" ".join(raw.split()),
        paragraph=sentence.paragraph,
        kinds=kinds,
        killed=killed,
        injured=injured,
        victims=victims,
        dates=dates,
        said_dates=said_dates,
        anchors=anchors,
        hedged=bool(HEDGE.search(lower)),
        new_cue=bool(NEW_INCIDENT.search(lower)),
        separate=bool(SEPARATE_INCIDENT.search(lower)),
        coreference=bool(COREFERENCE.search(lower)),
        zero_killed=zero_killed,
        zero_injured=zero_injured,
        headline=headline,
        yearless=yearless,
    )
