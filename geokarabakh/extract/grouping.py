"""Event sentences into incidents: a new day, a place that does not fit, or a cue starts
another; an incident told twice merges; each becomes one record."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import cast

from geokarabakh.extract.casualties import Count
from geokarabakh.extract.dates import Date
from geokarabakh.extract.facts import Facts, damage_only, date_rank, has_figures, towns_of
from geokarabakh.extract.lexicon import MINES_FOUND
from geokarabakh.extract.places import (
    Anchor,
    compatible_places,
    named_village,
    names_area,
    shares_name,
    within_area,
)
from geokarabakh.gazetteer import AREAS, Gazetteer, Place


@dataclass(slots=True)
class _Incident:
    """Event sentences told of one incident, with what is read from them kept up to date as
    :meth:`add` brings more, so that a long roundup stays linear."""

    facts: list[Facts] = field(default_factory=list)
    told: Date | None = None  # the best date its sentences give the event (see date_rank)
    said: Date | None = None  # the best statement or dateline day, used when no other
    by_place: dict[tuple, Anchor] = field(default_factory=dict)  # the surest anchor per place
    body_towns: dict[str, Place] = field(default_factory=dict)  # towns named outside headlines
    body_counted: bool = False  # a sentence outside headlines gives a figure
    kind: tuple[int, str, str | None] | None = None  # the most specific (rank, type, detail)
    apart: bool = False  # opened by a cue ("in another incident"): never merged into an earlier
    _cached_location: tuple | None | bool = False  # False: not computed since the last add

    def __post_init__(self) -> None:
        facts, self.facts = self.facts, []
        self.add(facts)

    def add(self, facts: list[Facts]) -> None:
        for fact in facts:
            self.facts.append(fact)
            for date in fact.dates:
                if self.told is None or date_rank(date) < date_rank(self.told):
                    self.told = date
            for kind in fact.kinds:
                if self.kind is None or kind < self.kind:
                    self.kind = kind
            for date in fact.said_dates:
                if self.said is None or date_rank(date) < date_rank(self.said):
                    self.said = date
            for anchor in fact.anchors:
                key = (anchor.place.id, anchor.other and anchor.other.id, anchor.near)
                if key not in self.by_place or anchor.score > self.by_place[key].score:
                    self.by_place[key] = anchor
            if not fact.headline:
                self.body_towns.update((p.id, p) for p in towns_of(fact.anchors))
                self.body_counted = self.body_counted or has_figures(fact)
        self._cached_location = False

    def takes_day_of(self, other: _Incident) -> None:
        """Dated as ``other`` where its own sentences give no day: a place hit in the same
        attack."""
        self.told, self.said = self.told or other.told, self.said or other.said

    @property
    def date(self) -> Date | None:
        return self.told or self.said

    @property
    def anchors(self) -> list[Anchor]:
        """One anchor per place (the surest), surest first."""
        return sorted(self.by_place.values(), key=lambda a: -a.score)


def group_facts(facts: list[Facts], published: dt.date | None = None) -> list[_Incident]:
    """Event sentences in reading order -> incidents. A heading after the body has begun
    opens what follows: it goes with the next sentence's incident. ``published``: the
    text's publication date, if known."""
    incidents: list[_Incident] = []
    current: _Incident | None = None
    heading: list[Facts] = []
    for fact in facts:
        if current is None:
            current = _Incident([fact])
            incidents.append(current)
            continue
        if fact.headline and (heading or not all(f.headline for f in current.facts[-1:])):
            heading.append(fact)
            continue
        date = current.date
        new_date = any(
            d.precision == "day"
            and date is not None
            and date.precision == "day"
            and d.value != date.value
            for d in fact.dates
        ) or (date is None and not fact.dates and _other_day(fact, current))
        places = list({a.place.id: a.place for a in current.by_place.values()}.values())
        clash = bool(fact.anchors and places) and not any(
            compatible_places(a.place, p) for a in fact.anchors for p in places
        )
        has_own = bool(fact.anchors or fact.dates)
        damaged = False
        cued = fact.new_cue and has_own
        if _background_day(fact, current, places, published):
            current = _Incident([*heading, fact])
            incidents.append(current)
        elif fact.listed and places:  # each place of a listed shelling, on the list's day
            previous, before = current, heading
            if _summed_up(current, places, fact):
                incidents.pop()  # current: "fire on villages of Tavush. ... on X, Y and Z"
                if not has_figures(fact):  # a part with figures: the total is not its own
                    before = [*current.facts, *heading]
            current = _Incident([*before, fact], apart=True)
            current.takes_day_of(previous)
            incidents.append(current)
        elif (
            new_date
            or cued
            or (clash and not fact.coreference)
            or _told_apart(fact, current)
            or (damaged := _damage_elsewhere(fact, current))
        ):
            previous = current
            current = _Incident([*heading, fact], apart=cued and fact.separate or damaged)
            if damaged and not new_date:  # houses hit in the same attack, on its day
                current.takes_day_of(previous)
            incidents.append(current)
        else:
            current.add([*heading, fact])
        heading = []
    if current is not None:
        current.add(heading)
    return incidents


def _summed_up(incident: _Incident, places: list[Place], listed: Facts) -> bool:
    """Does a list of places go on from an incident placed only at their area, with no
    figures ("Shots were heard in villages of Tavush province", then the villages)? The
    list tells that incident place by place."""
    return (
        not incident.apart
        and all(p.kind in AREAS for p in places)
        and not any(a.unlocated for a in incident.anchors)
        and (has_figures(listed) or not any(map(has_figures, incident.facts)))
        and all(
            any(within_area(a.place, p) for p in places)
            for a in listed.anchors
            if a.place.kind not in AREAS
        )
    )


BACKGROUND_DAYS = 7  # a day this long before the publication is no longer news


def _background_day(
    fact: Facts, incident: _Incident, places: list[Place], published: dt.date | None
) -> bool:
    """A day a week or more before the publication, told paragraphs after an undated
    incident, in a sentence with no place, no figure and nothing pointing back ("...launched
    a large-scale attack on Sept. 27", under a report of shelling today): background, not the
    incident's day."""
    return (
        bool(fact.dates and places)
        and published is not None
        and all((published - d.value).days >= BACKGROUND_DAYS for d in fact.dates)
        and incident.told is None
        and not fact.anchors
        and not has_figures(fact)
        and not fact.coreference
        and fact.paragraph - incident.facts[-1].paragraph >= 2
    )


def _other_day(fact: Facts, incident: _Incident) -> bool:
    """With no year to date them, do the sentence and the incident name different days
    ("Mayın 29-da ... Mayın 30-da ...": a roundup whose days stay unknown)?"""
    told = {d.lower() for f in incident.facts for d in f.yearless}
    return bool(told) and bool(fact.yearless) and not told & {d.lower() for d in fact.yearless}


def _told_apart(fact: Facts, incident: _Incident) -> bool:
    """A sentence telling an event of its own — figures, and a town or village more than 3 km
    from every one the incident names, with nothing pointing back ("the blast", "also") — is
    another incident, even on the same day: "A mine exploded near X on 1 May, killing one. A
    mine exploded near Y on 1 May, killing three." gives two. Headlines sum up: they count
    for neither side."""
    if fact.coreference or fact.headline or not has_figures(fact) or not incident.body_counted:
        return False
    theirs = incident.body_towns.values()
    areas = [a.place for a in fact.anchors if a.place.kind in AREAS]
    if any(shares_name(town, area) for town in theirs for area in areas):
        return False  # "Laçında ..., Laçın rayonunun Sus kəndi": the town named was the district
    return bool(theirs) and _towns_elsewhere(fact, incident, km=3.0)


def _towns_elsewhere(fact: Facts, incident: _Incident, km: float) -> bool:
    """Does the sentence name towns or villages, none within ``km`` of one the incident
    names outside headlines?"""
    mine, theirs = towns_of(fact.anchors), incident.body_towns.values()
    return bool(mine) and not any(compatible_places(a, b, km=km) for a in mine for b in theirs)


def _damage_elsewhere(fact: Facts, incident: _Incident) -> bool:
    """Houses hit in a town or village the incident does not name, with no figure ("17
    houses damaged in Afatli village", after "8 residents of Aghdam region injured"): that
    place was hit too, an incident of its own. After an incident with neither a place nor a
    figure, the houses tell where it was."""
    if has_figures(fact) or not damage_only(fact):
        return False
    if not (incident.by_place or incident.body_counted):
        return False
    return _towns_elsewhere(fact, incident, km=0.5)


def _identity(
    incident: _Incident, location: tuple | None
) -> tuple[dt.date | None, str | None, Place | None]:
    """What tells two reports of one incident apart: (stated day, type, gazetteer place);
    ``location`` is the incident's :func:`incident_location`."""
    return (
        incident.date.value if incident.date else None,
        _kind(incident)[0],
        location[4] if location else None,
    )


_FIRE = {"shelling", "shooting"}  # "opened fire", "shelled": reports mix them for one attack


def same_incident(
    a: tuple[dt.date | None, str | None, Place | None],
    b: tuple[dt.date | None, str | None, Place | None],
) -> bool:
    """Two :func:`_identity` values of one incident reported twice: same stated day, same
    kind (shelling and shooting count as one), places within 3 km or one inside the other's
    district."""
    (da, ta, pa), (db, tb, pb) = a, b
    if da is None or db is None or da != db:
        return False
    if ta and tb and ta != tb and not {ta, tb} <= _FIRE:
        return False
    return pa is not None and pb is not None and compatible_places(pa, pb, km=3.0)


def _same(a: _Incident, b: _Incident, published: dt.date | None) -> bool:
    """Two incidents that are one reported twice: same day (an undated one: the day of
    ``published``, the article's), same kind, fitting places."""
    (da, ta, pa), (db, tb, pb) = (_identity(i, incident_location(i)) for i in (a, b))
    return same_incident((da or published, ta, pa), (db or published, tb, pb))


def merge_incidents(
    incidents: list[_Incident], published: dt.date | None = None
) -> list[_Incident]:
    """Incidents of one article told twice, as one: "A villager was hurt by a mine ... The
    prosecutor's office said today that the villager ..." (undated: ``published``)."""
    merged: list[_Incident] = []
    by_day: dict[dt.date, list[_Incident]] = {}  # only incidents of one day can be the same
    for incident in incidents:
        day = incident.date.value if incident.date is not None else published
        for existing in by_day.get(day, []) if day is not None and not incident.apart else []:
            if _same(existing, incident, published):
                existing.add(incident.facts)
                break
        else:
            merged.append(incident)
            if day is not None:
                by_day.setdefault(day, []).append(incident)
    return merged


_PRESENCE_KINDS = frozenset({"landmine", "unexploded ordnance"})  # what lies there, no event


def _mines_lie_there(
    incident: _Incident, date: Date | None, killed: int | None, injured: int | None, vague: list
) -> bool:
    """Does the incident only say that mines are there ("new mines are being laid", "the
    threat posed by mines")? No day of its own, or mines found that day ("350 mines were
    found on 21 November"); no victim, no blast: no event."""
    return (
        (
            date is None
            or date.how == "published"
            or any(MINES_FOUND.search(f.text) for f in incident.facts)
        )
        and killed is None
        and injured is None
        and not vague
        and not any(f.zero_killed or f.zero_injured for f in incident.facts)
        and {kind for f in incident.facts for _, kind, _ in f.kinds} <= _PRESENCE_KINDS
    )


def _deaths_among_injured(facts: list[Facts]) -> int:
    """The dead told as a part of the injured counted in an earlier sentence: "four
    servicemen suffered from the blast. ... one of the servicemen died" (7 injured, 1 killed,
    not 8 and 1; within one sentence, :func:`casualties` reads the parts)."""
    injured_before = False
    deaths = 0
    for fact in facts:
        if injured_before and fact.killed.partitive and not fact.killed.converted:
            deaths += fact.killed.total or 0
        injured_before = injured_before or fact.injured.total is not None
    return deaths


def _kind(incident: _Incident) -> tuple[str | None, str | None]:
    if incident.kind is None:
        return None, None
    return incident.kind[1], incident.kind[2]


def _total(counts: list[Count], zero: bool) -> tuple[int | None, list[str]]:
    """One incident's figure from its sentences: the largest stated total, plus additions
    ("also", "another"); unknown while a vague word ("several") is part of it, unless a
    later sentence states a larger total of its own. A vague word after a stated total that
    adds nothing ("Two were injured. They received multiple wounds") tells the same people,
    and so do the parts of a total ("Two were injured. One of them ... Another ...")."""
    value: int | None = None
    vague: list[str] = []
    parts = False
    for count in counts:
        parts = parts or count.partitive
        if value is not None and (count.partitive or (parts and count.another)):
            continue
        if count.additive and (value is not None or vague):
            if count.total is not None:
                value = (value or 0) + count.total
            vague += count.vague
        elif count.total is not None and (value is None or count.total > value):
            if vague and not count.vague and count.total > 1:
                vague = []
            value = count.total
            vague += count.vague
        elif value is None or vague:
            vague += count.vague
    if value is None and not vague and zero:
        return 0, []
    if vague:
        return None, vague
    return value, []


def _area_size(place: Place) -> float:
    """Rank of an area by size: districts before provinces before regions, then by box."""
    box = place.bbox
    return ("district", "province", "region").index(place.kind) * 100 + (
        (box[2] - box[0]) * (box[3] - box[1]) if box else 50
    )


def incident_location(incident: _Incident) -> tuple[float, float, int, str, Place, float] | None:
    """(lat, lon, geo_precision, place as reported, gazetteer place, score): the most precise
    location every named area agrees with."""
    if incident._cached_location is False:
        incident._cached_location = _locate(incident)
    return cast("tuple[float, float, int, str, Place, float] | None", incident._cached_location)


def _locate(incident: _Incident) -> tuple[float, float, int, str, Place, float] | None:
    anchors = incident.anchors  # one per place, surest first
    if not anchors:
        return None
    areas = sorted(
        (a for a in anchors if a.place.kind in AREAS and a.other is None),
        key=lambda a: _area_size(a.place),
    )
    finer = [a for a in anchors if a.place.kind not in AREAS or a.other is not None]
    fits = [a for a in finer if all(within_area(a.place, x.place) for x in areas)]
    if not fits and finer and not areas:
        fits = finer
    if fits:
        # a village of the named district before the district's namesake centre ("Martuni
        # district police ... in Karmir Shuka": Karmir Shuka)
        best = max(fits, key=lambda a: (a.score, not a.near, not _centre_of(a.place, areas)))
        lat, lon = best.place.lat, best.place.lon
        if best.other is not None:
            lat, lon = (lat + best.other.lat) / 2, (lon + best.other.lon) / 2
        precision = 2 if best.near or best.place.kind == "feature" else 1
        reported = best.surface
        linear = best.place.kind == "feature" or best.other is not None
        if areas and linear:  # a road or a stretch inside a named district: that district
            area = areas[0]
            return lat, lon, 3, f"{area.surface}; {best.surface}", area.place, area.place.score
        if areas and _named_apart(best, areas):
            reported = f"{best.surface}, {areas[0].surface}"
        return lat, lon, precision, reported, best.place, best.place.score
    area = areas[0]
    return area.place.lat, area.place.lon, 3, area.surface, area.place, area.place.score


def _unlocated_note(village: str, district: Place) -> str:
    return (
        f"the village {village!r} has no coordinates in the gazetteer; placed at "
        f"{district.name}, its district"
    )


def _village_district(
    village: str, text_district: Place | None, gazetteer: Gazetteer | None
) -> Place | None:
    """The district of a village the gazetteer knows by name only ("Qapanlı kəndi" ->
    Tartar District), when it has one district, or the text names one of its districts."""
    if gazetteer is None or not (districts := gazetteer.unlocated_districts(village)):
        return None
    areas = gazetteer.areas_named(districts)
    if text_district is not None and any(a.id == text_district.id for a in areas):
        return text_district
    return areas[0] if len(districts) == 1 and areas else None


def _centre_of(place: Place, areas: list[Anchor]) -> bool:
    """Is ``place`` the namesake of a named area (the town Martuni of Martuni district)?"""
    return any(shares_name(place, area.place) for area in areas)


def _named_apart(anchor: Anchor, areas: list[Anchor]) -> bool:
    return all(a.surface not in anchor.surface for a in areas)


def incident_record(
    incident: _Incident,
    *,
    source: str | None,
    published_date: dt.date | None,
    published_found: bool,
    text_district: Place | None = None,
    gazetteer: Gazetteer | None = None,
) -> dict | None:
    """An incident as a record, or None when it tells no event. An incident whose sentences
    name no place the gazetteer locates is placed, with a note, in the district of the
    village it names when the gazetteer knows that village by name only, else (if it gives
    figures) in ``text_district``, the one district the whole text names: a village missing
    from the gazetteer does not lose the incident."""
    location = incident_location(incident)
    date = incident.date
    notes: list[str] = []
    if (
        location is not None
        and location[4].kind in AREAS
        and gazetteer is not None
        and gazetteer.unlocated_districts(location[3])
        and not names_area(location[3], location[4])
    ):
        notes.append(_unlocated_note(location[3], location[4]))  # "Əlibəyli": Tovuz District
    if location is None:
        village = next(filter(None, (named_village(f.text) for f in incident.facts)), None)
        place = _village_district(village, text_district, gazetteer) if village else None
        if village is not None and place is not None:
            notes.append(_unlocated_note(village, place))
        elif text_district is not None and any(map(has_figures, incident.facts)):
            place = text_district
            notes.append(
                (f"the village {village!r} is not in the gazetteer" if village else "no place")
                + f"; placed at {place.name}, the one district the text names"
            )
        if place is not None:
            location = (place.lat, place.lon, 3, village or place.name, place, place.score)
    how = date.how if date else None
    if date is None and published_date is not None:
        date = Date(published_date, "month", "published", "")
        notes.append("date not stated; the publication date is used")
    elif date is None:  # left empty, never guessed; a text with no day at all tells no event
        days = [d for f in incident.facts for d in f.yearless]
        if not days:
            return None
        notes.append(f"date unknown: {days[0]!r} has no year and no publication date is known")
    if date is not None and date.note:
        notes.append(date.note)
    if location is None:
        return None
    lat, lon, geo_precision, reported, place, _ = location
    kind, detail = _kind(incident)
    if detail:
        notes.append(detail)
    facts = sorted(
        incident.facts,
        key=lambda f: not f.killed.additive and not f.injured.additive and f.headline,
    )  # headlines last: they sum up what the body says
    killed, vague_killed = _total(
        [f.killed for f in facts], any(f.zero_killed for f in incident.facts)
    )
    injured, vague_injured = _total(
        [f.injured for f in facts], any(f.zero_injured for f in incident.facts)
    )
    if _mines_lie_there(incident, date, killed, injured, vague_killed + vague_injured):
        return None
    converted = sum(f.killed.converted for f in incident.facts) + _deaths_among_injured(
        incident.facts
    )
    if converted and injured is not None and killed is not None:
        injured = max(0, injured - converted) or None  # wounded who later died count as killed
    for label, words in (("killed", vague_killed), ("injured", vague_injured)):
        if words:
            notes.append(f"{label}: " + ", ".join(dict.fromkeys(words)) + " (number not stated)")
    hedged = any(f.hedged for f in incident.facts)
    if hedged:
        notes.append("the report is hedged (unconfirmed or alleged)")
    confidence = 0.2 + (0.1 if kind else 0.0)
    confidence += {1: 0.3, 2: 0.28, 3: 0.25}[geo_precision]
    if date is not None:
        confidence += {"explicit": 0.2, "relative": 0.18, "text-year": 0.12, "published": 0.03}[
            date.how
        ] * (1.0 if date.precision == "day" else 0.7)
    confidence += (
        0.15
        if (killed is not None or injured is not None)
        else (0.08 if vague_killed or vague_injured else 0.0)
    )
    if hedged:
        confidence *= 0.6
    if not published_found and how in ("text-year",):
        confidence -= 0.05
    victims = sorted(
        {v for f in incident.facts for v in f.victims},
        key=["civilians", "police", "military", "deminers", "peacekeepers", "officials"].index,
    )

    def weight(position: int) -> tuple:  # the sentence telling most, the earliest of those
        fact = incident.facts[position]
        told = (
            bool(fact.anchors)
            + bool(fact.dates)
            + sum(c.total is not None or bool(c.vague) for c in (fact.killed, fact.injured))
        )
        return told, not fact.headline, -position

    best = incident.facts[max(range(len(incident.facts)), key=weight)]
    return {
        "date": date.value.isoformat() if date else None,
        "date_precision": date.precision if date else None,
        "type": kind,
        "place": reported,
        "place_resolved": place.name,
        "match_score": 1.0,
        "geo_precision": geo_precision,
        "lat": round(lat, 6),
        "lon": round(lon, 6),
        "killed": killed,
        "injured": injured,
        "source": source,
        "notes": "; ".join(notes) or None,
        "victims": ", ".join(victims) or None,
        "confidence": round(max(0.0, min(1.0, confidence)), 2),
        "sentence": best.text,
        "_identity": _identity(incident, location),
    }
