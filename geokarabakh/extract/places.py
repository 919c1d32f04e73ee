"""Places in text: every gazetteer spelling in one Aho-Corasick automaton over folded text,
and the words around a hit that make it the event's place or a mere mention.

Inflected names are read by their endings (:data:`~geokarabakh.extract.lexicon.INFLECTIONS`,
``AZ_CASE_ENDINGS``). ``pymorphy3`` lemmas (nouns by their normal form, "-ский"
adjectives by their stem) in place of the Russian endings were tried 2026-12-01 on the
real development texts: Russian facts right 36/92 before and after, the 78 texts read in
0.62 s instead of 0.45 s (+38%): not used."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import pairwise

import ahocorasick

from geokarabakh.dates import MONTH_NAMES
from geokarabakh.errors import GeokarabakhError
from geokarabakh.extract.dates import wire_dateline
from geokarabakh.extract.lexicon import (
    AZ_CASE_ENDINGS,
    EVENT_WORDS,
    FEATURE_NOUNS,
    FILLER,
    FROM,
    FROM_AFTER,
    INFLECTIONS,
    INJURE,
    KILL,
    KIND_FORMS,
    LOCATIVE,
    MENTION_WORDS,
    NEAR_AFTER,
    NEAR_WORDS,
    ORIGIN_WORDS,
    RESIDENT,
    RESIDENT_AFTER,
    SPEECH_AFTER,
    STOP_SPELLINGS,
    TIME_PAREN,
)
from geokarabakh.extract.text import TOKEN, Sentence
from geokarabakh.gazetteer import AREA_OF_INTEREST, AREAS, Gazetteer, Place, haversine_km, in_box
from geokarabakh.names import fold, fold_with_offsets, strip_qualifiers

# -- places ---------------------------------------------------------------------------------


SURE_FUZZY = 0.95  # the gazetteer's confidence that a misspelt village is the one it holds


@dataclass(frozen=True, slots=True)
class Hit:
    """A place name found in the text."""

    start: int  # offsets into the original text
    end: int
    key: str  # folded spelling
    kind: str | None  # asked for by a qualifier ("district", "village of")
    qualifier_end: int  # end offset including a following qualifier word


class PlaceFinder:
    """Every gazetteer spelling in one Aho–Corasick automaton over folded text."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.spellings = gazetteer.spellings()
        # a village known by name only stands for its district ("Əlibəyli": Tovuz District)
        self.unlocated = gazetteer.unlocated_villages()
        for key, districts in self.unlocated.items():
            self.spellings.setdefault(key, districts)
        self.automaton = ahocorasick.Automaton()
        for key in self.spellings:
            if len(key) < 3 or key in STOP_SPELLINGS or key.isdigit():
                continue
            self.automaton.add_word(key, key)
        self.automaton.make_automaton()
        self.areas = [p for p in gazetteer.places if p.kind in AREAS]
        self.gazetteer = gazetteer

    def hits(self, text: str) -> list[Hit]:
        folded, offsets = fold_with_offsets(text)
        found: list[tuple[int, int, str]] = []
        for last, key in self.automaton.iter(folded):
            first = last - len(key) + 1
            if (first > 0 and folded[first - 1] != " ") or (
                last + 1 < len(folded) and folded[last + 1] != " "
            ):
                continue
            found.append((first, last + 1, key))
        found += self._inflected(folded, offsets, text)
        found.sort(key=lambda item: (item[0], -(item[1] - item[0])))
        hits: list[Hit] = []
        covered = -1
        spans = _word_spans(folded)
        words = ([a for a, _ in spans], [b for _, b in spans])
        for first, end, key in found:
            if first < covered:
                continue
            start, stop = offsets[first], offsets[end - 1] + 1
            surface = text[start:stop]
            if (
                not self._proper(surface, key)
                or _not_a_place(folded, end)
                or surface.lower() in MONTH_NAMES  # "Հոկտեմբերի" (of October), not Hoktember
            ):
                continue
            kind, qualifier_end = self._qualifier(folded, offsets, words, first, end)
            hits.append(Hit(start, stop, key, kind, qualifier_end))
            covered = end
        return sorted(hits + self._misspelt_villages(text, hits), key=lambda h: h.start)

    def _misspelt_villages(self, text: str, hits: list[Hit]) -> list[Hit]:
        """Names written as villages ("Zənguşalı kəndində") or districts ("Кяльбаджарского
        района") that no spelling matched, found by the gazetteer's fuzzy match when it is
        sure (a spelling it lacks, a letter off); a village only when the text names an area
        that holds it."""
        areas = {p.id: p for h in hits for p in self.spellings[h.key] if p.kind in AREAS}
        starts = [h.start for h in hits]  # in order, not overlapping
        found = []
        for kind, matches in (
            ("settlement", _NAMED_VILLAGE.finditer(text)),
            ("district", _named_districts(text)),
        ):
            for match in matches:
                group = next(g for g, value in match.groupdict().items() if value)
                start, end = match.span(group)
                before = bisect_left(starts, end) - 1  # the last hit starting before it ends
                if before >= 0 and hits[before].end > start:
                    continue
                query = match.group(group) if kind == "settlement" else match.group()
                try:
                    place = self.gazetteer.resolve(query, kind=kind)
                except GeokarabakhError:
                    continue
                if (
                    place.score >= SURE_FUZZY
                    and place.matched in self.spellings
                    and (
                        kind == "district"
                        or any(
                            district_of(place, a) or within_area(place, a) for a in areas.values()
                        )
                    )
                ):
                    qualified = match.end() if kind == "district" else end
                    found.append(Hit(start, end, place.matched, kind, qualified))
        return sorted(found, key=lambda h: h.start)

    def _proper(self, surface: str, key: str) -> bool:
        """A name as written in a report: some word capitalised; short names exactly; a
        Russian adjective of a district in lower case ("в лачинском направлении")."""
        if len(key) <= 3:
            places = self.spellings.get(key, ())
            return any(surface == p.name or surface in p.names for p in places)
        return any(word[:1].isupper() for word in surface.split()) or (
            _RU_ADJECTIVE.fullmatch(surface) is not None
            and any(p.kind == "district" for p in self.spellings.get(key, ()))
        )

    def _inflected(self, folded: str, offsets: list[int], text: str) -> list[tuple[int, int, str]]:
        """Cyrillic and Armenian words whose stem is a known spelling ("Шуше", "Շուշիում"),
        and in an Azerbaijani text (one with "ə") capitalised Latin words with a case ending
        ("Şuşada", "Kəlbəcərin")."""
        found = []
        azerbaijani = "ə" in text or "Ə" in text
        for match in re.finditer(r"[a-z]{4,}", folded):
            original = text[offsets[match.start()]]
            word = match.group(0)
            if azerbaijani and original.isupper() and original.isascii() | (original in "ƏÇĞİÖŞÜ"):
                if word not in self.spellings:
                    found += self._az_stem(word, match.start(), match.end())
                continue
            if not ("\u0400" <= original <= "\u04ff" or "\u0530" <= original <= "\u058f"):
                continue
            if word in self.spellings:
                continue
            for ending in INFLECTIONS:
                if not word.endswith(ending) or len(word) - len(ending) < 3:
                    continue
                stem = word[: -len(ending)]
                stems = [stem]
                if ending.startswith("sk") and stem.endswith("n"):  # "Шушинского": Shush(a)-in-sk
                    stems.append(stem[:-2] if stem.endswith("in") else stem[:-1])
                # "Агдеринском": Agder(e); "Ходжавенском": Khodzhaven(d)
                vowels = ("", "a", "i", "e", "d") if ending.startswith("sk") else ("", "a", "i")
                # the name's first words as written: "Վայոց Ձորի" (Vayots Dzor), "Вайоц Дзоре"
                head = _HEAD_WORD.search(folded, max(0, match.start() - 40), match.start())
                for key in (st + v for st in stems for v in vowels):
                    if key in self.spellings and key not in STOP_SPELLINGS:
                        found.append((match.start(), match.end(), key))
                        break
                    if head and f"{head.group(1)} {key}" in self.spellings:
                        found.append((head.start(1), match.end(), f"{head.group(1)} {key}"))
                        break
                else:
                    continue
                break
        return found

    def _az_stem(self, word: str, start: int, end: int) -> list[tuple[int, int, str]]:
        for ending in AZ_CASE_ENDINGS:
            stem = word[: -len(ending)]
            if (
                word.endswith(ending)
                and len(stem) >= 4
                and stem in self.spellings
                and stem not in STOP_SPELLINGS
            ):
                return [(start, end, stem)]
        return []

    @staticmethod
    def _qualifier(
        folded: str, offsets: list[int], words: tuple[list[int], list[int]], first: int, end: int
    ) -> tuple[str | None, int]:
        """The kind a neighbouring word asks for, and where the name with its qualifier ends."""
        starts, ends = words
        after = [(starts[i], ends[i]) for i in [bisect_right(starts, end)] if i < len(starts)]
        if after:
            word = folded[after[0][0] : after[0][1]]
            kind = strip_qualifiers(word)[1] or KIND_FORMS.get(word)
            if kind:
                return kind, offsets[after[0][1] - 1] + 1
        last = bisect_left(ends, first)  # words[:last] end before the name
        before = [folded[starts[i] : ends[i]] for i in range(max(0, last - 2), last)]
        if len(before) == 2 and before[1] in ("of", "v") and strip_qualifiers(before[0])[1]:
            return strip_qualifiers(before[0])[1], offsets[end - 1] + 1
        return None, offsets[end - 1] + 1


_HEAD_WORD = re.compile(r"\b([a-z]{2,}) $")  # the word before an inflected one, folded
_RU_ADJECTIVE = re.compile(r"[а-яё]+ск(?:ого|ому|ом|ой|ий|ая|ую|ое|ие|их)")
# a patronymic ("Vəli oğlu") or "republic" ("Naxçıvan Muxtar Respublikası": autonomous,
# not the village Muxtar) after a name: a person's or a title's word, not a place; "of the
# Republic of Armenia" ("общине Варденис Республики Армения") names the country it is in
_NOT_A_PLACE_AFTER = re.compile(
    r" (?:oglu|oghlu|ogly|qizi|gizi|kyzy|kizi|[a-z]+(?:ovich|evich|ovna|evna|ichna)|"
    r"respublik[a-z]*(?! (?:armen|azerba)))\b"
)


def _not_a_place(folded: str, end: int) -> bool:
    """Is the name ending at ``end`` a word of a person's name or of a title?"""
    return _NOT_A_PLACE_AFTER.match(folded, end) is not None


def _word_spans(folded: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(r"[a-z0-9]+", folded)]


@lru_cache(maxsize=8)
def place_finder(gazetteer: Gazetteer) -> PlaceFinder:
    return PlaceFinder(gazetteer)


@dataclass(frozen=True, slots=True)
class Anchor:
    """A place a sentence puts the event at."""

    place: Place
    surface: str
    near: bool  # "near X", "between X and Y", a road: not the place itself
    score: float
    other: Place | None = None  # the second place of "between X and Y"
    unlocated: bool = False  # a village known by name only: ``place`` is its district


def sentence_anchors(
    text: str,
    sentence: Sentence,
    hits: list[Hit],
    finder: PlaceFinder,
    text_areas: dict[str, Place],
) -> list[Anchor]:
    """The places a sentence puts its event at, each with how sure that is."""
    low = bisect_left(hits, sentence.start, key=lambda h: h.start)
    high = bisect_left(hits, sentence.end, lo=low, key=lambda h: h.start)
    inside = [h for h in hits[low:high] if h.end <= sentence.end]
    muted = [m.span() for m in TIME_PAREN.finditer(text, sentence.start, sentence.end)]
    if (wire := wire_dateline(text, sentence.start)) is not None:
        muted.append((sentence.start, wire))  # "BAKU, 4 May (AFP) -": filed there
    candidates: list[tuple[int, Anchor, bool]] = []  # (position, anchor, merely mentioned)
    skip: set[int] = set()
    owner: dict[int, int] = {}  # a hit's position -> where the genitive naming its area starts
    for position, hit in enumerate(inside):
        if position in skip or any(s <= hit.start < e for s, e in muted):
            continue
        if position + 1 < len(inside) and _genitive_of(text, hit, inside[position + 1]):
            owner[position + 1] = hit.start  # "Tovuzun Ağdam kəndi": Tovuz says which Aghdam
            continue
        if _SURNAME_AFTER.match(text, hit.end):
            continue  # "Ararat Avalyan", "Шуша Алиева": a given name
        before, after = _words_around(text, hit, sentence.start, sentence.end)
        core = [t for t in before if t not in FILLER]
        score = 0.5
        if set(core[-2:]) & LOCATIVE:
            score += 1.0
        # a hospital, a ministry, a statement: unless an event word comes between it and the place
        said = [i for i, t in enumerate(before) if t in MENTION_WORDS]
        mentioned = bool(said) and not set(before[said[-1] :]) & (EVENT_WORDS | KILL | INJURE)
        mentioned = (
            mentioned
            or bool(after)
            and (
                after[0] in SPEECH_AFTER
                or after[:2] == ["-", "based"]
                or after[0] in UNIT_WORDS
                and len(after) > 1
                and after[1] in SPEECH_AFTER
            )
        )
        if mentioned:
            score -= 2.0
        if _home(core, after):
            score -= 1.0
        origin = [i for i, t in enumerate(before) if t in FROM]
        if (
            origin
            and all(t in ORIGIN_WORDS for t in before[origin[-1] + 1 :])
            and not set(before[origin[-1] - 2 : origin[-1]])
            & {"km", "kilometres", "kilometers", "miles", "metres", "meters"}
            or _fired_from(text, hit.qualifier_end, sentence.end)
        ):
            score -= 2.0  # "rescuers from X", "fired from the direction of X": where from
        near = bool(set(core[-2:]) & NEAR_WORDS)
        if after[:1] and after[0] in NEAR_AFTER:
            near, score = True, score + 1.0
        place = choose_place(finder.spellings[hit.key], hit.kind, text_areas)
        surface = text[owner.get(position, hit.start) : hit.qualifier_end]
        if (villages := _villages_of(text, hit)) is not None:
            # "Tərtərin Qapanlı kəndi", "Tovuzun sərhəd kəndləri": the district holding them
            place = choose_place(finder.spellings[hit.key], "district", text_areas)
            surface = text[hit.start : villages]
        other = None
        if before[-1:] in (["between"], ["между"]) and position + 1 < len(inside):
            nxt = inside[position + 1]
            if re.fullmatch(r"\s*(?:and|&|и|və|և|ու)\s*", text[hit.qualifier_end : nxt.start]):
                other = choose_place(finder.spellings[nxt.key], nxt.kind, text_areas)
                surface = f"between {surface} and {text[nxt.start : nxt.qualifier_end]}"
                skip.add(position + 1)
                near = True
        noun = [
            t for t in before[-3:] if t in FEATURE_NOUNS - {"village", "town", "city", "settlement"}
        ]
        if noun and place.kind in AREAS:
            surface = text[
                text.rfind(
                    noun[-1], max(sentence.start, hit.start - 60), hit.start
                ) : hit.qualifier_end
            ]
        if place.kind == "feature" and place.name.lower().endswith(("road", "highway")):
            near = True
        districts = () if hit.kind in AREAS else finder.unlocated.get(hit.key, ())
        unlocated = place in districts
        named = [a for a in districts if a.id in text_areas]
        if named and not unlocated and not district_of(place, named[0]):
            place, unlocated = named[0], True  # "Jamilli, Kalbajar District": not Khojaly's
        elif unlocated and (
            text_areas
            and place.id not in text_areas
            or position not in owner
            and _after_a_name(text, sentence.start, hit.start)
        ):
            continue  # "Kirants, Tovuz district": not the Kirants known by name; "Ibadulla
            # Mardanli": a surname
        anchor = Anchor(place, " ".join(surface.split()), near, score, other, unlocated)
        candidates.append((position, anchor, mentioned))
    # "a resident of X in the Y region", "X village of Y district", "X, Y district": X is
    # where the event sentence puts it when Y is, however X itself was introduced
    qualifiers = set()
    for (pos_a, a, mentioned), (pos_b, b, _) in pairwise(candidates):
        between = text[inside[pos_a].qualifier_end : inside[pos_b].start]
        tied = pos_b == pos_a + 1 and _TIED.fullmatch(between)
        if (
            tied
            and not b.unlocated
            and b.place.kind not in AREAS
            and (
                shares_name(b.place, a.place)
                if a.unlocated
                else "," not in between and district_of(a.place, b.place)
            )
        ):
            qualifiers.add(pos_b)  # "Chamanli village of Aghdam": the district, not its town
        elif (
            tied
            and not mentioned
            and b.score > a.score
            and a.other is None
            and a.place.kind not in AREAS
            and b.place.kind in AREAS
            and within_area(a.place, b.place)
        ):
            candidates[candidates.index((pos_a, a, mentioned))] = (
                pos_a,
                replace(a, score=b.score),
                mentioned,
            )
    return [a for p, a, _ in candidates if a.score > 0 and p not in qualifiers]


# words between a place and "-dən" that keep it the origin: "X kəndi istiqamətində yerləşən
# mövqelərdən" (from positions lying in the direction of X village)
_ORIGIN_PATH = frozenset(
    {
        "kəndi",
        "kendi",
        "rayonunun",
        "rayonu",
        "istiqamətində",
        "istiqametinde",
        "yerləşən",
        "yerlesen",
        "ərazisində",
    }
)


_WORD_BEFORE = re.compile(r"(?<![\w.])([^\W\d_][\w'’-]*)\s+\Z")


# a surname right after a name: Armenian, Russian and Azerbaijani endings
_SURNAME_AFTER = re.compile(
    r"\s+[A-ZА-ЯЁ][a-zа-яё]+(?:yan|ian|yants|ov|ova|ev|eva|zade|zadə|ян|янц|ов|ова|ев|ева)\b"
)


def _after_a_name(text: str, start: int, at: int) -> bool:
    """Does a capitalised word, not the sentence's first, come right before ``at`` (a
    given name before a surname: "Ibadulla Mardanli")?"""
    match = _WORD_BEFORE.search(text, max(start, at - 40), at)
    return match is not None and match.group(1)[0].isupper() and match.start(1) > start


def _fired_from(text: str, end: int, stop: int) -> bool:
    """Does an Azerbaijani ablative after a place make it where fire came from ("X
    istiqamətindən", "X rayonunun Yuxarı Şorca kəndi istiqamətində yerləşən mövqelərdən")?
    Names between them (capitalised) are a village of X."""
    for token in TOKEN.findall(text[end : min(stop, end + 80)])[:6]:
        lower = token.lower()
        if lower in FROM_AFTER:
            return True
        if lower not in _ORIGIN_PATH and not token[:1].isupper():
            return False
    return False


def _home(core: list[str], after: list[str]) -> bool:
    """Do the words around a place name it as someone's home ("a resident of X district",
    "житель Тертерского района", "Tərtər rayon sakini")? ``core``: the words before, fillers
    left out; ``after``: the words after."""
    return bool(core[-1:] and core[-1] in RESIDENT or set(after[:2]) & RESIDENT_AFTER)


def _words_around(text: str, hit: Hit, start: int, end: int) -> tuple[list[str], list[str]]:
    """The six words before a hit and the two after its qualifier, in lower case, within
    ``start``..``end`` (its sentence, or the whole text)."""
    before = [t.lower() for t in TOKEN.findall(text[max(start, hit.start - 60) : hit.start])]
    after = TOKEN.findall(text[hit.qualifier_end : min(end, hit.qualifier_end + 30)])
    return before[-6:], [t.lower() for t in after[:2]]


def text_areas(
    text: str, hits: list[Hit], finder: PlaceFinder
) -> tuple[dict[str, Place], Place | None]:
    """The areas a text names with a qualifier ("X district", "X marzi"), by id, and the one
    district among them it names other than as someone's home, whatever the sentence (a
    prosecutor's office of X district): where an incident whose village the gazetteer lacks
    happened (None when it names no such district or several)."""
    areas: dict[str, Place] = {}
    districts: dict[str, Place] = {}
    for hit, following in zip(hits, [*hits[1:], None], strict=False):
        kind = hit.kind
        if kind is None and (
            following is not None
            and _genitive_of(text, hit, following)
            or _villages_of(text, hit) is not None
        ):
            kind = "district"  # "Tovuzun Ağdam kəndi", "Tovuzun sərhəd kəndləri": Tovuz's
        if kind not in AREAS:
            continue
        place = choose_place(finder.spellings[hit.key], kind, {})
        if place.kind not in AREAS:
            continue
        areas[place.id] = place
        before, after = _words_around(text, hit, 0, len(text))
        if place.kind == "district" and not _home([t for t in before if t not in FILLER], after):
            districts[place.id] = place
    return areas, next(iter(districts.values())) if len(districts) == 1 else None


_AZ_GENITIVE = re.compile(r"(?:n?[ıiuü]n)\Z")


_VILLAGES_AFTER = re.compile(r"\s+(?:\w+\s+){0,2}kənd\w*", re.IGNORECASE)  # "sərhəd kəndləri"


def _genitive(text: str, hit: Hit) -> bool:
    """Is ``hit`` written in the Azerbaijani genitive ("Tovuzun", "Tərtərin")?"""
    surface = text[hit.start : hit.end]
    return fold(surface) != hit.key and _AZ_GENITIVE.search(surface) is not None


def _genitive_of(text: str, hit: Hit, following: Hit) -> bool:
    """Is ``hit`` a genitive right before another name ("Tovuzun Ağdam kəndi"): the area
    that holds it?"""
    return not text[hit.end : following.start].strip() and _genitive(text, hit)


def _villages_of(text: str, hit: Hit) -> int | None:
    """Where "Tərtərin Qapanlı kəndi" or "Tovuzun sərhəd kəndləri" ends, when ``hit`` is a
    genitive before villages (else None)."""
    match = _VILLAGES_AFTER.match(text, hit.end) if _genitive(text, hit) else None
    return match.end() if match is not None else None


_TIED = re.compile(r"\s*(?:,|\(|\s(?:in|of|в)(?:\s+the)?)\s*", re.IGNORECASE)


def choose_place(places: Sequence[Place], kind: str | None, text_areas: dict[str, Place]) -> Place:
    """The place a spelling means here: the kind a qualifier asks for, then one inside a
    district the text names, then the Karabakh area, then the biggest."""

    def rank(place: Place) -> tuple:
        if kind is None:
            kind_fit = 2 if place.kind in ("settlement", "feature") else 1
        elif kind == "district":
            kind_fit = {"district": 3, "region": 2, "province": 2}.get(place.kind, 0)
        else:
            kind_fit = (
                3 if place.kind == kind else (1 if kind in AREAS and place.kind in AREAS else 0)
            )
        in_named = any(
            within_area(place, area, margin=0)
            for area in text_areas.values()
            if area.id != place.id
        )
        return kind_fit, in_named, in_box(place.lon, place.lat, AREA_OF_INTEREST), place.population

    return max(places, key=rank)


@lru_cache(maxsize=65536)
def within_area(place: Place, area: Place, *, margin: float = 0.2) -> bool:
    """Is ``place`` inside the district/province ``area``, by district name or by its box
    widened by ``margin`` degrees (boxes are approximate and borders have moved)?"""
    if area.kind not in AREAS or place.kind in AREAS and place.id == area.id:
        return False
    if district_of(place, area):
        return True
    return area.bbox is not None and in_box(place.lon, place.lat, area.bbox, margin=margin)


def district_of(place: Place, area: Place) -> bool:
    """Is ``area`` the district (or province) the gazetteer gives ``place``, now or before,
    by name?"""
    keys = _area_keys(area.all_names)
    return place.district is not None and any(
        fold(d) in keys for d in (place.district, *place.former_districts)
    )


@lru_cache(maxsize=4096)
def _area_keys(names: tuple[str, ...]) -> frozenset[str]:
    """An area's names folded, qualifier words ("district") stripped (cached per area)."""
    return frozenset(strip_qualifiers(fold(n))[0] for n in names)


def names_area(surface: str, area: Place) -> bool:
    """Is ``surface`` one of the area's own names ("Aghdam district")?"""
    return strip_qualifiers(fold(surface))[0] in _area_keys(area.all_names)


def shares_name(a: Place, b: Place) -> bool:
    """Do two places carry a name in common, qualifiers aside (Martuni, Martuni District)?"""
    return bool(_area_keys(a.all_names) & _area_keys(b.all_names))


def compatible_places(a: Place, b: Place, *, km: float = 25.0) -> bool:
    """Could two places name the same incident's location (two settlements: within ``km``)?"""
    if a.id == b.id:
        return True
    if a.kind in AREAS and b.kind in AREAS:
        return False
    if a.kind in AREAS:
        return within_area(b, a)
    if b.kind in AREAS:
        return within_area(a, b)
    return haversine_km(a.lat, a.lon, b.lat, b.lon) <= km


# "near the district's Chirag village", "the village of Chirag", "села Чираг", "Çıraq kəndi",
# "Չիրաղ գյուղում": a village named as one, whatever the gazetteer knows
_NAMED_VILLAGE = re.compile(
    r"\b(?P<en>[A-Z][\w'’-]+)\s+village\b|\bvillage\s+of\s+(?P<en2>[A-Z][\w'’-]+)|"
    r"\b(?:сел[аоеу]|селом|деревн[еиюя]|пос[её]лк[аеу]?)\s+(?P<ru>[А-ЯЁ][\w-]+)|"
    r"\b(?P<az>[A-ZÇƏĞIİÖŞÜ][\w'’-]+)\s+kənd(?:i|in|ində|inin|inə|indən)\b|"
    r"(?P<hy>[Ա-Ֆ][\w-]+)\s+գյուղ"
)


# "Sarıcalı kənd xəstəxanasına", "Ağdam rayon polis şöbəsi": a village's or a district's
# hospital or office, named before it
UNIT_WORDS = frozenset({"kənd", "şəhər", "rayon"})

# a district named with its word ("Кяльбаджарского района", "Tərtər rayonu", "Fuzuli
# district"): a spelling the gazetteer lacks is looked up by its fuzzy match
_RAYON_RU, _RAYON_AZ = r"район[аеу]?", r"rayon(?:u|unun|una|unda|undan)"  # "district"
_NAMED_DISTRICT = re.compile(
    r"\b(?P<en>[A-Z][\w'’-]+)\s+district\b|"
    rf"\b(?P<ru>[А-ЯЁ][а-яё-]+ск(?:ого|ом|ий|ому))\s+{_RAYON_RU}\b|"
    rf"\b(?P<az>[A-ZÇƏĞIİÖŞÜ][\w'’-]+)\s+{_RAYON_AZ}\b|"
    r"(?P<hy>[Ա-Ֆ][\w-]+)\s+շրջան"
)
_DISTRICT_WORD = re.compile(rf"\b(?:district|{_RAYON_RU}|{_RAYON_AZ})\b|շրջան")


def _named_districts(text: str) -> Iterator[re.Match[str]]:
    """:data:`_NAMED_DISTRICT` matches, looked for just before each district word (a scan of
    the whole text for capitalised words is the slow way)."""
    for word in _DISTRICT_WORD.finditer(text):
        for match in _NAMED_DISTRICT.finditer(text, max(0, word.start() - 40), word.end()):
            if match.end() == word.end():
                yield match


def named_village(text: str) -> str | None:
    """The first village a text names as one ("near Chirag village", "села Чираг"), as
    written: the place of an incident whose village the gazetteer lacks."""
    match = _NAMED_VILLAGE.search(text)
    return next(v for v in match.groups() if v) if match else None
