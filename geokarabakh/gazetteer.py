"""The gazetteer: places with every name they carry, and lookup by any spelling.

Lookup is normalise-then-match, in three tiers, best first:

1. the folded name (:func:`geokarabakh.names.fold`) matches exactly — score 1;
2. the phonetic skeleton matches (``Terter`` for ``Tartar``) — score 0.9–0.98;
3. a fuzzy match (rapidfuzz) for typos, first among names that start with the
   same sound, then over all — score ≤ 0.9.

The qualifiers a query carries then re-rank the candidates: the kind asked for
("Tartar district" is the district, "Tartar" the town), the country
("Martuni, Armenia") and a containing district ("Tagavard, Khojavend").
Ties go to places in the Karabakh area of interest, then to bigger ones.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, fields, replace
from functools import cache, lru_cache
from typing import TYPE_CHECKING

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from geokarabakh._data import data_dir
from geokarabakh.errors import InvalidInput, PlaceNotFound
from geokarabakh.names import (
    Query,
    adjective_readings,
    english_form,
    fold,
    genitive_readings,
    markless_readings,
    skeleton,
    split_query,
    strip_qualifiers,
)

if TYPE_CHECKING:
    import pandas as pd
    import shapely

KINDS = ("settlement", "district", "province", "region", "feature")
AREAS = ("district", "province", "region")
# Nagorno-Karabakh, the seven districts around it and the line-of-contact districts.
AREA_OF_INTEREST = (45.4, 38.8, 47.9, 40.75)  # west, south, east, north
MIN_SCORE = 0.7  # below this, "not found" (with suggestions) beats a likely wrong place
MARKLESS_SCORE = 0.98  # an exact spelling once the query's missing ç and ş are restored
LOOSE_MIN_LETTERS = 5  # a shorter name ("Baş", "Вели") must match a spelling exactly
LOOSE_MARGIN = (
    0.04  # a loose match must beat every other place by this much (or lie within SAME_PLACE_KM)
)
SAME_PLACE_KM = 5.0  # candidates this close are one answer, not a choice between two
TOWN_POPULATION = 5000  # a town this size is the one meant by a name its villages share...
DWARFS = 2  # ...when it has at least this many times the population of each
NEAR_SETTLEMENT_KM = 15.0  # "X, near Y" when Y is a settlement, not an area
CENTRE_KM = 3.0  # a town this close to an area's centre is that area's namesake centre
_EARTH_KM = 6371.0088
_SCALE = math.cos(math.radians(40.0))  # equirectangular x scale: enough to pick the nearest
_MAX_QUERY = 200


@dataclass(frozen=True, slots=True)
class Place:
    """A place in the gazetteer, as a lookup returns it.

    ``names`` holds every other name the place carries, in every script;
    ``score`` says how well the query matched (1 = an exact spelling);
    ``matched`` is the spelling that matched. ``distance_km`` is set by
    :meth:`Gazetteer.reverse`.
    """

    id: str
    name: str
    kind: str
    lat: float
    lon: float
    country: str
    district: str | None = None
    population: int = 0
    names: tuple[str, ...] = ()
    source: str = ""
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north
    score: float = 1.0
    matched: str = ""
    distance_km: float | None = None
    note: str = field(default="", compare=False)
    former_districts: tuple[
        str, ...
    ] = ()  # districts it belonged to before a reform (reports use them)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(
                f"place {self.id}: kind {self.kind!r} is not one of {', '.join(KINDS)}"
            )
        if not (-90 <= self.lat <= 90 and -180 <= self.lon <= 180):
            raise ValueError(
                f"place {self.id}: latitude {self.lat}, longitude {self.lon} out of range"
            )

    def matching(self, score: float, matched: str) -> Place:
        """This place as a lookup answers it: with its ``score`` and the spelling ``matched``.

        (``dataclasses.replace`` does the same, five times slower: lookups make one per answer.)
        """
        answer = object.__new__(Place)
        for name in _PLACE_FIELDS:
            object.__setattr__(answer, name, getattr(self, name))
        object.__setattr__(answer, "score", score)
        object.__setattr__(answer, "matched", matched)
        return answer

    @property
    def all_names(self) -> tuple[str, ...]:
        """The primary name followed by every other name."""
        return (self.name, *self.names)

    def to_dict(self) -> dict:
        """A JSON-ready dict of the place."""
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "lat": self.lat,
            "lon": self.lon,
            "country": self.country,
            "district": self.district,
            "population": self.population,
            "score": round(self.score, 3),
            "matched": self.matched,
            "names": list(self.names),
            "source": self.source,
            "distance_km": self.distance_km,
        }


_PLACE_FIELDS = tuple(f.name for f in fields(Place))


@dataclass(frozen=True, slots=True)
class _Candidate:
    """A ranked match, before it becomes a :class:`Place` carrying its score."""

    base: Place
    score: float
    spelling: str

    def place(self) -> Place:
        return self.base.matching(self.score, self.spelling)


@cache
def _key(spelling: str) -> str:
    """The folded spelling without qualifier words: the form every index keys on (cached)."""
    return strip_qualifiers(fold(spelling))[0]


_sound = lru_cache(maxsize=None)(skeleton)  # the phonetic key, cached for the load


def in_box(
    lon: float, lat: float, box: tuple[float, float, float, float], *, margin: float = 0.0
) -> bool:
    """Is the point inside ``box`` (west, south, east, north), widened by ``margin`` degrees?"""
    return box[0] - margin <= lon <= box[2] + margin and box[1] - margin <= lat <= box[3] + margin


def haversine_km(lat1, lon1, lat2, lon2):
    """Great-circle distance in km; works on scalars and numpy arrays."""
    lat1, lon1, lat2, lon2 = map(np.radians, (lat1, lon1, lat2, lon2))
    a = (
        np.sin((lat2 - lat1) / 2) ** 2
        + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * _EARTH_KM * np.arcsin(np.sqrt(a))


class Gazetteer:
    """Places and their names, with lookup by any spelling, search and reverse lookup.

    >>> gaz = Gazetteer.default()
    >>> gaz.resolve("Tərtər rayonu").kind
    'district'
    """

    def __init__(
        self, places: Iterable[Place], unlocated: dict[str, tuple[str, ...]] | None = None
    ) -> None:
        self.places: tuple[Place, ...] = tuple(places)
        # villages known by name only: folded name -> districts (see unlocated_districts)
        self._unlocated_names = unlocated or {}
        self._countries = sorted({place.country for place in self.places})
        self._exact: dict[str, list[int]] = defaultdict(list)
        self._skeleton: dict[str, list[int]] = defaultdict(list)
        self._folded: list[list[str]] = []  # folded spellings of each place
        fuzzy_names: set[str] = set()
        for index, place in enumerate(self.places):
            self._folded.append([])
            for spelling in place.all_names:
                folded = _key(spelling)
                if not folded:
                    continue
                self._folded[index].append(folded)
                if index not in self._exact[folded]:
                    self._exact[folded].append(index)
                if not _in_fuzzy_scripts(spelling):
                    continue  # romanised CJK or Indic forms match exactly, never loosely
                fuzzy_names.add(folded)
                key = _sound(folded)
                if len(key) >= 3 and index not in self._skeleton[key]:
                    self._skeleton[key].append(index)
        self._folded_names = sorted(fuzzy_names)
        # Fuzzy search looks first among names whose skeleton starts like the query's:
        # typos rarely touch the first sound, and a block is a fifteenth of all names.
        self._fuzzy_blocks: dict[str, list[str]] = defaultdict(list)
        for folded in self._folded_names:
            self._fuzzy_blocks[_sound(folded)[:1]].append(folded)
        self._area_keys = self._index_areas()
        names = Counter(place.name for place in self.places)
        # places whose name another place shares ("Mughanli" of Aghjabadi and of Zangilan)
        self._namesaked = {i for i, place in enumerate(self.places) if names[place.name] > 1}
        settlements = [i for i, p in enumerate(self.places) if p.kind == "settlement"]
        self._settlements = np.array(settlements, dtype=np.int64)
        self._settlement_lat = np.array([self.places[i].lat for i in settlements])
        self._settlement_lon = np.array([self.places[i].lon for i in settlements])
        self._resolve_cached = lru_cache(maxsize=65536)(self._resolve_uncached)
        self._tree: shapely.STRtree | None = None  # of settlements, built by the first nearest()

    # -- construction -------------------------------------------------------------------

    @classmethod
    def default(cls) -> Gazetteer:
        """The bundled gazetteer (GeoNames plus the curated tables), loaded once."""
        return _default_gazetteer()

    @classmethod
    def from_tables(
        cls, geonames: str, *curated: str, villages: str = "", missing: str = ""
    ) -> Gazetteer:
        """Build from CSV text: the GeoNames table, curated tables that add or enrich, villages,
        and the villages known by name only (``villages_missing.csv``)."""
        return cls(_merge_tables(geonames, curated, villages), _unlocated_table(missing))

    def _index_areas(self) -> dict[str, list[Place]]:
        """Folded and skeleton names of every district, province and region."""
        keys: dict[str, list[Place]] = defaultdict(list)
        for place in self.places:
            if place.kind in AREAS:
                for spelling in place.all_names:
                    folded = _key(spelling)
                    for key in {folded, _sound(folded)}:
                        if key:
                            keys[key].append(place)
        return keys

    # -- lookup -------------------------------------------------------------------------

    def resolve(self, query: str, *, kind: str | None = None, country: str | None = None) -> Place:
        """The best place for ``query``; raise :class:`PlaceNotFound` with suggestions if none.

        ``kind`` and ``country`` narrow the choice like a qualifier in the query does.
        """
        self._check_options(kind, country)
        found = self._resolve_cached(_check_query(query), kind, country)
        if isinstance(found, Place):
            return found
        raise PlaceNotFound(*found)

    def _resolve_uncached(self, text: str, kind: str | None, country: str | None) -> Place | tuple:
        """The best place, or the arguments of the PlaceNotFound to raise (cached too)."""
        bare = None  # a name without qualifiers needs no taking apart
        if kind is None and country is None and not _DELIMITERS.search(text):
            folded = fold(text)
            if folded and strip_qualifiers(folded)[0] == folded:
                hits = self._exact.get(folded, [])
                if len(hits) == 1 and hits[0] not in self._namesaked:
                    return self.places[hits[0]].matching(1.0, folded)  # the commonest case
                bare = Query(name=folded)
        try:
            query = bare or self._query(text, kind, country)
            ranked = self._ranked(query, fuzzy_always=False)
        except PlaceNotFound as error:
            return self._unlocated(text, split_query(text).name) or (
                text,
                error.suggestions,
                error.reason,
            )
        exact = bool(ranked) and ranked[0].score >= 1.0
        if not exact and (unlocated := self._unlocated(text, query.name)):
            return unlocated
        if not exact and (why := _not_places().get(query.name)):
            # a world place or a common word, not a misspelling: nothing to suggest
            return (text, [], f"{text!r} is not a place of the region ({why})")
        if not ranked or ranked[0].score < MIN_SCORE:
            return (text, self.suggest(query.name))
        best = ranked[0]
        if not exact and (doubt := self._doubt(query, ranked)):
            return (text, _labels(c.base for c in ranked[:5]), f"{text!r} is {doubt}")
        if namesakes := _namesakes(ranked):
            return (
                text,
                _labels(c.base for c in namesakes[:5]),
                f"{text!r} names {len(namesakes)} places {SAME_PLACE_KM:g}+ km apart; "
                "add the district",
            )
        return best.place()

    def _doubt(self, query: Query, ranked: list[_Candidate]) -> str:
        """Why a loose (sound-alike, typo) best match is not clearly the one meant; "" if it is."""
        best = ranked[0]
        letters = len(query.name.replace(" ", ""))
        markless = best.score == MARKLESS_SCORE  # a known spelling: "Туг", "Tug" for Tuğ
        if letters < LOOSE_MIN_LETTERS and not markless:
            return f"too short ({letters} letters) to match a spelling loosely"
        in_aoi = in_box(best.base.lon, best.base.lat, AREA_OF_INTEREST)
        if best.score < 0.9 or not in_aoi:  # a sound-alike far away must be a typo too
            edits = OSA.distance(query.name.replace(" ", ""), best.spelling.replace(" ", ""))
            allowed = 2 if letters >= 8 and in_aoi else 1
            if edits > allowed:
                return f"{edits} letters away from {best.base.name!r}"
        for other in ranked[1:]:
            if best.score - other.score >= LOOSE_MARGIN:
                break
            if other.spelling == best.spelling or other.base.name == best.base.name:
                continue  # a namesake of the name meant: ranked as if it were typed exactly
            if (
                haversine_km(best.base.lat, best.base.lon, other.base.lat, other.base.lon)
                > SAME_PLACE_KM
            ):
                return f"as close to {other.base.name!r} as to {best.base.name!r}"
        return ""

    def search(
        self, query: str, *, limit: int = 10, kind: str | None = None, country: str | None = None
    ) -> list[Place]:
        """Every candidate for ``query``, best first, each with its score."""
        ranked = self._ranked(self._query(_check_query(query), kind, country), fuzzy_always=True)
        return [c.place() for c in ranked if c.score >= MIN_SCORE / 2][:limit]

    def _unlocated(self, text: str, name: str) -> tuple | None:
        """The PlaceNotFound of a village known by name and district but not located (see
        :meth:`unlocated_districts`): it names the village's district first among the
        suggestions, never a look-alike elsewhere."""
        districts = self.unlocated_districts(name)
        if not districts:
            return None
        return (
            text,
            _labels(self.areas_named(districts)) + self.suggest(name, limit=3),
            f"{text!r} is a village of {' or '.join(districts)} whose location the gazetteer "
            "does not hold",
        )

    def unlocated_districts(self, name: str) -> tuple[str, ...]:
        """The districts of a village the gazetteer knows by name only, with no coordinates
        ("Qapanlı" -> ("Tartar",)); () for any other name."""
        return self._unlocated_names.get(_key(name), ())

    def areas_named(self, districts: tuple[str, ...]) -> tuple[Place, ...]:
        """The district places of district names, those the gazetteer holds."""
        areas = (self._resolve_cached(d, "district", None) for d in districts)
        return tuple(a for a in areas if isinstance(a, Place) and a.kind in AREAS)

    def unlocated_villages(self) -> dict[str, tuple[Place, ...]]:
        """Folded name -> districts, for each village known by name only (see
        :meth:`unlocated_districts`; a located namesake elsewhere may carry the name too):
        where a text naming it puts its event, district-wide."""
        table = {}
        for key, districts in self._unlocated_names.items():
            located = [self.places[i] for i in self._exact.get(key, ())]
            areas = tuple(
                area
                for area in self.areas_named(districts)
                if not any(_holds(area, place, loose=False) for place in located)
            )  # a row of villages_missing.csv whose village is located since
            if areas:
                table[key] = areas
        return table

    def suggest(self, name: str, *, limit: int = 5) -> list[str]:
        """Up to ``limit`` places with spellings close to ``name``, best first, labelled as
        every suggestion is: "Aghdam (settlement, Tovuz)"."""
        folded = fold(name)
        hits = process.extract(
            folded, self._folded_names, scorer=fuzz.QRatio, limit=limit * 4, score_cutoff=40
        )
        places = (self.places[self._exact[self._folded_names[p]][0]] for _, _, p in hits)
        return _labels(places)[:limit]

    def _query(self, text: str, kind: str | None, country: str | None) -> Query:
        query = split_query(text)
        if not query.name:
            raise PlaceNotFound(text, [], reason=f"{text!r} holds no place name, only qualifiers")
        self._check_options(kind, country)
        if kind is None and country is None:
            return query
        return replace(query, kind=kind or query.kind, country=(country or query.country))

    def _check_options(self, kind: object, country: object) -> None:
        """``kind`` one of :data:`KINDS` and ``country`` a code the gazetteer holds, or None."""
        if kind is not None and (not isinstance(kind, str) or kind not in KINDS):
            raise InvalidInput(f"kind {kind!r} is not one of {', '.join(KINDS)}", field="kind")
        if country is not None and (not isinstance(country, str) or country not in self._countries):
            raise InvalidInput(
                f"country {country!r} is not one of {', '.join(self._countries)} "
                "(ISO 3166-1 alpha-2, upper case)",
                field="country",
            )

    def _candidates(self, query: Query, fuzzy_always: bool) -> dict[int, tuple[float, str]]:
        """Place index -> (match score, matched folded spelling)."""
        found: dict[int, tuple[float, str]] = {}
        name = next((n for n in (query.name, *query.alternatives) if n in self._exact), query.name)
        for index in self._exact.get(name, ()):
            found[index] = (1.0, name)
        if not found:  # "Ciraqli", "Susa": Azerbaijani typed without its marks
            for reading in markless_readings(name):
                for index in self._exact.get(reading, ()):
                    found.setdefault(index, (MARKLESS_SCORE, reading))
            if found:
                return found  # a known spelling, not a sound-alike
        key = _sound(name)
        if len(key) >= 3:
            for index in self._skeleton.get(key, ()):
                if index not in found:
                    spelling = max(self._folded[index], key=lambda s: fuzz.ratio(name, s))
                    found[index] = (0.9 + 0.08 * fuzz.ratio(name, spelling) / 100, spelling)
        if fuzzy_always or not found:
            for spelling, ratio in self._fuzzy(name, key[:1], everywhere=fuzzy_always):
                for index in self._exact[spelling]:
                    score = 0.9 * ratio / 100
                    if found.get(index, (0.0, ""))[0] < score:
                        found[index] = (score, spelling)
        return found

    def _fuzzy(self, name: str, block: str, *, everywhere: bool) -> list[tuple[str, float]]:
        """Spellings within a typo or two of ``name``: its block first, then all names."""
        for names in ((self._fuzzy_blocks.get(block, []),) if not everywhere else ()) + (
            self._folded_names,
        ):
            hits = process.extract(name, names, scorer=fuzz.ratio, limit=25, score_cutoff=70)
            if hits:
                return [(spelling, ratio) for spelling, ratio, _ in hits]
        return []

    def _ranked(self, query: Query, fuzzy_always: bool) -> list[_Candidate]:
        """Candidates best first, as places carrying their score and matched spelling."""
        candidates = self._candidates(query, fuzzy_always)
        inside = self._within_qualifiers(query, candidates)
        centres = self._namesake_centres(inside) if query.kind is None else {}
        scored = []
        for index, (score, spelling) in inside.items():
            place = self.places[index]
            score *= (
                centres.get(index, 1.0)
                if query.kind is None
                else _kind_factor(place.kind, query.kind)
            )
            in_aoi = in_box(place.lon, place.lat, AREA_OF_INTEREST)
            scored.append((round(score, 4), in_aoi, place.population, -index, spelling))
        scored.sort(reverse=True)
        return [_Candidate(self.places[-item[3]], item[0], item[4]) for item in scored]

    def _within_qualifiers(
        self, query: Query, candidates: dict[int, tuple[float, str]]
    ) -> dict[int, tuple[float, str]]:
        """Only the candidates inside the country and every area the query names.

        A qualifier that names nothing the gazetteer knows, or that leaves no candidate,
        raises :class:`PlaceNotFound` saying so (with the candidates outside it as
        suggestions): a qualifier is never silently ignored.
        """
        inside = dict(candidates)
        if query.country:
            inside = {i: c for i, c in inside.items() if self.places[i].country == query.country}
        for name in query.context:
            holds = self._holder(name)
            if holds is None:
                raise PlaceNotFound(
                    query.name,
                    [],
                    reason=f"the qualifier {name!r} names no district, "
                    "province, region or settlement the gazetteer knows",
                )
            # a place of that district by name; else one inside its approximate box (reports
            # give a neighbouring district: "Tapgaragoyunlu in Tartar region", of Goranboy)
            inside = {i: c for i, c in inside.items() if holds(self.places[i], False)} or {
                i: c for i, c in inside.items() if holds(self.places[i], True)
            }
        if candidates and not inside:
            outside = sorted(candidates, key=lambda i: -candidates[i][0])[:5]
            where = ", ".join(filter(None, (query.country, *query.context)))
            raise PlaceNotFound(
                query.name,
                _labels(self.places[i] for i in outside),
                reason=f"no place {query.name!r} in {where}",
            )
        return inside

    def _holder(self, name: str):
        """A test of "lies in the area (or near the settlement) ``name``" (given ``loose``, as for
        :func:`_holds`), or None if the gazetteer knows no such area or settlement."""
        areas = []
        # "tovuzskogo" (rayona) is Tovuz; else "aghdamin" (Sarıcalı kəndi) is Aghdam
        for readings in ((name, *adjective_readings(name)), genitive_readings(name)):
            areas = [
                a
                for reading in readings
                for key in (reading, skeleton(reading))
                for a in self._area_keys.get(key, ())
            ]
            if areas:
                break
        if areas:
            return lambda place, loose: any(_holds(area, place, loose) for area in areas)
        towns = [
            self.places[i] for i in self._exact.get(name, ()) if self.places[i].kind == "settlement"
        ]
        if towns:
            return lambda place, loose: any(
                _holds(place, town, loose)
                if place.kind in AREAS
                else haversine_km(town.lat, town.lon, place.lat, place.lon) <= NEAR_SETTLEMENT_KM
                for town in towns
            )
        return None

    def _namesake_centres(self, candidates: dict[int, tuple[float, str]]) -> dict[int, float]:
        """Without a kind in the query, decide between a town and an area of the same name.

        The town wins when it is the area's centre ("Tartar" is the town, not the
        district); a lesser namesake inside the area loses to it ("Syunik" is the
        province, not the village).
        Returns a score factor per candidate that loses.
        """
        areas = [i for i in candidates if self.places[i].kind in AREAS]
        towns = [i for i in candidates if self.places[i].kind == "settlement"]
        factors: dict[int, float] = {}
        for area_index in areas:
            area = self.places[area_index]
            for town_index in towns:
                if candidates[town_index][0] != candidates[area_index][0]:
                    continue
                town = self.places[town_index]
                if _is_centre(town, area):
                    factors[area_index] = 0.97
                elif area.bbox and in_box(town.lon, town.lat, area.bbox):
                    factors.setdefault(town_index, 0.97)
        return factors

    # -- reverse ------------------------------------------------------------------------

    def reverse(self, lat: float, lon: float) -> Place:
        """The nearest settlement to a point, with ``distance_km`` and its ``district``."""
        for name, value in (("lat", lat), ("lon", lon)):
            if (
                isinstance(value, (bool, np.bool_))
                or not isinstance(value, (int, float, np.number))
                or not np.isfinite(value)
            ):
                raise InvalidInput(f"{value!r} is not a finite number", field=name)
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise InvalidInput(f"latitude {lat}, longitude {lon} out of range", field="lat/lon")
        distances = haversine_km(lat, lon, self._settlement_lat, self._settlement_lon)
        best = int(np.argmin(distances))
        place = self.places[self._settlements[best]]
        return replace(place, score=1.0, distance_km=round(float(distances[best]), 3))

    def nearest(self, lats: Sequence[float], lons: Sequence[float]) -> pd.DataFrame:
        """Nearest settlement to each point, vectorised.

        Columns: ``nearest_place``, ``nearest_place_km``, ``district``.
        """
        import pandas as pd
        import shapely

        try:
            lat, lon = np.asarray(lats, dtype=float), np.asarray(lons, dtype=float)
        except (TypeError, ValueError) as error:
            raise InvalidInput(f"coordinates must be numbers: {error}", field="lat/lon") from None
        with np.errstate(invalid="ignore"):
            bad = ~(
                np.isfinite(lat) & np.isfinite(lon) & (np.abs(lat) <= 90) & (np.abs(lon) <= 180)
            )
        if lat.shape != lon.shape or bad.any():
            row = int(np.flatnonzero(bad)[0]) + 1 if lat.shape == lon.shape else None
            raise InvalidInput(
                "each point needs a finite latitude (-90..90) and longitude "
                "(-180..180), as many of one as of the other",
                row=row,
                field="lat/lon",
            )
        tree = self._tree
        if tree is None:
            tree = self._tree = shapely.STRtree(
                shapely.points(self._settlement_lon * _SCALE, self._settlement_lat)
            )
        points = shapely.points(lon * _SCALE, lat)
        query_index, tree_index = tree.query_nearest(points, all_matches=False)
        order = np.argsort(query_index)
        chosen = self._settlements[tree_index[order]]
        places = [self.places[i] for i in chosen]
        km = haversine_km(
            lat,
            lon,
            self._settlement_lat[tree_index[order]],
            self._settlement_lon[tree_index[order]],
        )
        return pd.DataFrame(
            {
                "nearest_place": [p.name for p in places],
                "nearest_place_km": np.round(km, 3),
                "district": [p.district for p in places],
            }
        )

    # -- iteration ----------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.places)

    def __iter__(self) -> Iterator[Place]:
        return iter(self.places)

    def spellings(self) -> dict[str, tuple[Place, ...]]:
        """Every folded spelling (qualifiers stripped) and the places that carry it."""
        return {
            name: tuple(self.places[i] for i in indices) for name, indices in self._exact.items()
        }


def _holds(area: Place, place: Place, loose: bool = True) -> bool:
    """Does ``area`` hold ``place``: itself, a place of its district, or (``loose``, or no
    district known) a place in its extent? The boxes of neighbouring districts overlap."""
    if area.id == place.id:
        return True  # "Gubadli District, Qubadli": the area names itself
    if area.kind != "region" and place.district:
        districts = {fold(d) for d in (place.district, *place.former_districts)}
        if any(strip_qualifiers(fold(n))[0] in districts for n in area.all_names):
            return True
        if not loose:
            return False
    return area.bbox is not None and in_box(place.lon, place.lat, area.bbox)


def _namesakes(ranked: list[_Candidate]) -> list[_Candidate]:
    """The best match and the places elsewhere that match as well or share its name, when no
    town among them dwarfs the rest; [] when the best match is the one meant.

    Places of the area of interest outrank their namesakes outside it, as in the ranking.
    A town wins when it has :data:`TOWN_POPULATION` people and :data:`DWARFS` times as many
    as each namesake (a harvested village has no population: 0), or is the centre of the
    district of its name.
    """
    best = ranked[0]
    in_aoi = in_box(best.base.lon, best.base.lat, AREA_OF_INTEREST)
    rivals = [
        c
        for c in ranked[1:]
        if (c.score == best.score or c.base.name == best.base.name)
        and in_box(c.base.lon, c.base.lat, AREA_OF_INTEREST) == in_aoi
        and haversine_km(best.base.lat, best.base.lon, c.base.lat, c.base.lon) > SAME_PLACE_KM
    ]
    people = best.base.population
    if not rivals or (
        people >= TOWN_POPULATION and all(people >= DWARFS * c.base.population for c in rivals)
    ):
        return []
    if best.base.kind == "settlement" and any(
        c.base.kind in AREAS and _is_centre(best.base, c.base) for c in ranked
    ):
        return []  # the centre of the district of that name ("Khojavend")
    return [best, *rivals]


def _is_centre(town: Place, area: Place) -> bool:
    """Is ``town`` the centre of ``area`` (within :data:`CENTRE_KM` of the area's point)?"""
    return haversine_km(area.lat, area.lon, town.lat, town.lon) < CENTRE_KM


def _labels(places: Iterable[Place]) -> list[str]:
    """Distinct labels that tell namesakes apart: "Aghdam (settlement, Tovuz)"."""
    labels = (f"{p.name} ({p.kind}, {p.district or p.country})" for p in places)
    return list(dict.fromkeys(labels))


def _kind_factor(kind: str, wanted: str) -> float:
    """How much a place's kind costs when the query asks for the kind ``wanted``."""
    if kind == wanted or (wanted == "district" and kind in AREAS):
        return 1.0
    if wanted == "region" and kind in AREAS:
        return 0.97
    return 0.85


_DELIMITERS = re.compile(r"[,;()\[\]/]")  # what split_query splits qualifiers on
_OTHER_SCRIPTS = re.compile("[\u0590-\U0010ffff]")


def _in_fuzzy_scripts(spelling: str) -> bool:
    """Latin, Greek, Cyrillic or Armenian: the scripts whose spellings may match loosely."""
    return not _OTHER_SCRIPTS.search(spelling)


def _check_query(query: object) -> str:
    if not isinstance(query, str):
        raise InvalidInput(
            f"a place name must be a string, not {type(query).__name__}", field="name"
        )
    text = query.strip()
    if not text:
        raise PlaceNotFound(query, [], reason="empty place name")
    if len(text) > _MAX_QUERY:
        raise PlaceNotFound(
            text[:40] + "…", [], reason=f"a place name of {len(text)} characters is too long"
        )
    if not any(ch.isalpha() for ch in text):
        raise PlaceNotFound(text, [], reason=f"{text!r} holds no letters")
    return text


# -- loading ------------------------------------------------------------------------------


def _float(value: str) -> float | None:
    return float(value) if value not in ("", None) else None


def _split_names(value: str) -> list[str]:
    return [n.strip() for n in (value or "").split("|") if n.strip()]


def _merge_tables(geonames: str, curated: Iterable[str], villages: str = "") -> list[Place]:
    """GeoNames rows, curated rows (new places, or enrichment of a GeoNames id), villages."""
    by_id: dict[str, dict] = {}
    not_places = _not_places()
    for row in csv.DictReader(io.StringIO(geonames)):
        # GeoNames' alternate names include world namesakes ("Paris" for a Syunik village).
        names = [n for n in _split_names(row["names"]) if _key(n) not in not_places]
        by_id[f"geonames:{row['geonames_id']}"] = {
            "id": f"geonames:{row['geonames_id']}",
            "kind": row["kind"],
            "name": primary_name(row["name"], row["country"]),
            "names": [row["name"], *names],
            "lat": float(row["lat"]),
            "lon": float(row["lon"]),
            "country": row["country"],
            "admin1": row["admin1"],
            "admin1_name": row["admin1_name"],
            "district": None,
            "population": int(row["population"] or 0),
            "source": row["source"],
            "bbox": None,
            "note": "",
        }
    for table in curated:
        for line, row in enumerate(csv.DictReader(io.StringIO(table)), 2):
            _apply_curated(by_id, row, line)
    if villages:
        _merge_villages(by_id, villages)
    admin1_district = {
        (p["country"], p["admin1"]): _AREA_SUFFIX.sub("", p["name"])
        for p in by_id.values()
        if p["kind"] in AREAS and p.get("admin1")
    }
    places = []
    for record in by_id.values():
        district = record["district"]
        if district is None and record["kind"] not in AREAS:
            district = admin1_district.get((record["country"], record.get("admin1", "")))
            if district is None and record.get("admin1_name"):
                district = (
                    primary_name(
                        strip_qualifiers(record["admin1_name"].replace("'", ""))[0],
                        record["country"],
                    )
                    or None
                )
        places.append(
            Place(
                id=record["id"],
                name=record["name"],
                kind=record["kind"],
                lat=record["lat"],
                lon=record["lon"],
                country=record["country"],
                district=district,
                population=record["population"],
                source=record["source"],
                bbox=record["bbox"],
                names=tuple(dict.fromkeys(n for n in record["names"] if n != record["name"])),
                note=record["note"],
                former_districts=record.get("former_districts", ()),
            )
        )
    return places


def _apply_curated(by_id: dict[str, dict], row: dict, line: int) -> None:
    bbox = tuple(float(v) for v in row["bbox"].split()) if row.get("bbox") else None
    districts = _split_names(row.get("district", ""))
    fields = {
        "kind": row["kind"],
        "country": row["country"],
        "district": districts[0] if districts else None,
        "former_districts": tuple(districts[1:]),
        "admin1": row.get("admin1", ""),
        "bbox": bbox,
        "note": row.get("note", ""),
    }
    key = f"geonames:{row['geonames_id']}" if row.get("geonames_id") else None
    if key and key in by_id:
        record = by_id[key]
        record.update({k: v for k, v in fields.items() if v})
        # the curated names first: a place's own names before GeoNames' alternates (old names,
        # abbreviations), so the first Armenian-script name is the one the curated row gives
        record["names"] = [row["name"]] + _split_names(row["names"]) + record["names"]
        if row.get("population"):
            record["population"] = int(row["population"])
        if row.get("lat") and row.get("lon"):
            record["lat"], record["lon"] = float(row["lat"]), float(row["lon"])
        record["source"] = "; ".join(
            dict.fromkeys(f"{record['source']}; {row['source']}".split("; "))
        )
        return
    lat, lon = _float(row.get("lat", "")), _float(row.get("lon", ""))
    if lat is None or lon is None:
        raise InvalidInput("a curated place needs lat and lon", row=line, field="lat/lon")
    by_id[row["id"]] = {
        **fields,
        "id": row["id"],
        "name": row["name"],
        "lat": lat,
        "lon": lon,
        "population": int(row["population"] or 0) if row.get("population") else 0,
        "names": _split_names(row["names"]),
        "source": row["source"],
        "admin1_name": "",
    }


def primary_name(name: str, country: str) -> str:
    """The naming policy: a place's current official name, as English texts transliterate it.

    Azerbaijani names are transliterated (Laçın → Lachin, Qırmızı Bazar → Girmizi Bazar);
    the names of Armenia are GeoNames' romanisation already. Every other name a place
    carries stays in :attr:`Place.names`.
    """
    return english_form(name) if country == "AZ" else name


@lru_cache(maxsize=1)
def _not_places() -> dict[str, str]:
    """Folded names that are not places of the region (world places, common words) -> why."""
    text = data_dir().joinpath("not_places.csv").read_text(encoding="utf-8")
    return {
        strip_qualifiers(fold(row["name"]))[0] or fold(row["name"]): row["why"]
        for row in csv.DictReader(io.StringIO(text))
    }


UNLOCATED_TABLE = "villages_missing.csv"
_ALSO = re.compile(r"^(?P<name>[^(]+?)\s*\((?P<also>[^)]*)\)$")


def _unlocated_table(text: str) -> dict[str, tuple[str, ...]]:
    """Folded name -> districts of the villages of a ``villages_missing.csv`` text: named by
    the district lists, searched for and not found with coordinates."""
    table: dict[str, set[str]] = defaultdict(set)
    for row in csv.DictReader(io.StringIO(text)):
        names = [row["name"].strip()]
        if match := _ALSO.match(names[0]):  # "Əlibəyli (Alibeyli)": a second spelling,
            also = match["also"]  # but "Kürdlər (Ağdam)", "Qaralar (Tovuz)" name the district
            a_spelling = " " not in also and english_form(also) != row["district"]
            names = [match["name"], *([also] if a_spelling else [])]
        for name in names:
            if re.search(r"[;~0-9(]", name) or len(name.split()) > 3 or name == row["district"]:
                continue  # a note ("Most Tartar plains villages (~70; ...)"), not a name
            for spelling in {name, english_form(name)}:  # "Cəmilli", "Jamilli"
                table[_key(spelling)].add(row["district"])
    return {key: tuple(sorted(districts)) for key, districts in table.items() if key}


VILLAGE_NAME_COLUMNS = ("name_az", "name_en", "name_hy", "name_hy_latin", "name_ru", "other_names")


def village_name(row: dict) -> str:
    """A village's primary name by the naming policy (see :func:`primary_name`)."""
    if row["country"] == "AZ" and row["name_az"]:
        return english_form(row["name_az"])
    return row["name_hy_latin"] or row["name_en"] or english_form(row["name_az"])


def _merge_villages(by_id: dict[str, dict], text: str, same_place_km: float = 3.0) -> None:
    """Add the village table: a village that a place already there names within 3 km enriches it."""
    by_name: dict[str, list[dict]] = defaultdict(list)
    for record in by_id.values():
        if record["kind"] == "settlement":
            for spelling in (record["name"], *record["names"]):
                by_name[_key(spelling)].append(record)
    for line, row in enumerate(csv.DictReader(io.StringIO(text)), 2):
        names = [n for column in VILLAGE_NAME_COLUMNS for n in _split_names(row[column])]
        lat, lon = _float(row["lat"]), _float(row["lon"])
        if lat is None or lon is None:
            raise InvalidInput("a village needs lat and lon", row=line, field="lat/lon")
        same = next(
            (
                r
                for n in names
                for r in by_name.get(_key(n), ())
                if r["country"] == row["country"]
                and haversine_km(lat, lon, r["lat"], r["lon"]) <= same_place_km
            ),
            None,
        )
        districts = _split_names(row["district"])
        if same is not None:
            same["names"] = same["names"] + names
            same["district"] = same["district"] or districts[0]
            same["former_districts"] = (*same.get("former_districts", ()), *districts[1:])
            same["source"] = "; ".join(
                dict.fromkeys(f"{same['source']}; {row['source']}".split("; "))
            )
            continue
        record = {
            "id": row["id"],
            "name": village_name(row),
            "kind": "settlement",
            "lat": lat,
            "lon": lon,
            "country": row["country"],
            "district": districts[0],
            "former_districts": tuple(districts[1:]),
            "admin1": "",
            "admin1_name": "",
            "population": 0,
            "names": names,
            "source": row["source"],
            "bbox": None,
            "note": row["note"],
        }
        by_id[row["id"]] = record
        for spelling in names:
            by_name[_key(spelling)].append(record)


_AREA_SUFFIX = re.compile(r"\s+(District|Province|Rayon|Rayonu|Marz|Region|Autonomous Republic)$")
CURATED_TABLES = ("admin_areas.csv", "places_curated.csv")
VILLAGE_TABLE = "villages.csv"


@lru_cache(maxsize=1)
def _default_gazetteer() -> Gazetteer:
    root = data_dir()
    geonames = root.joinpath("geonames_places.csv").read_text(encoding="utf-8")
    curated = [root.joinpath(name).read_text(encoding="utf-8") for name in CURATED_TABLES]
    villages = root.joinpath(VILLAGE_TABLE).read_text(encoding="utf-8")
    missing = root.joinpath(UNLOCATED_TABLE).read_text(encoding="utf-8")
    return Gazetteer.from_tables(geonames, *curated, villages=villages, missing=missing)
