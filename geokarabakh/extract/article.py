"""The article is the unit: its sentences, helped by their neighbours, become incidents
and then rows of the incidents GeoDataFrame (also for files and folders of articles)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import replace
from itertools import combinations
from os import PathLike

import geopandas as gpd

from geokarabakh.errors import InvalidInput
from geokarabakh.extract.dates import (
    Date,
    DateBasis,
    TextYears,
    dateline,
    event_dates,
    parse_published,
    wire_date,
)
from geokarabakh.extract.facts import (
    Facts,
    background,
    goes_on,
    has_figures,
    listed_places,
    sentence_facts,
    towns_of,
)
from geokarabakh.extract.grouping import (
    group_facts,
    incident_record,
    merge_incidents,
    same_incident,
)
from geokarabakh.extract.places import (
    compatible_places,
    place_finder,
    sentence_anchors,
    text_areas,
)
from geokarabakh.extract.text import (
    Sentence,
    article_paths,
    read_article,
    split_clauses,
    split_sentences,
)
from geokarabakh.gazetteer import Gazetteer
from geokarabakh.incidents import schema_frame, unique_id
from geokarabakh.progress import track

EXTRA_COLUMNS = ("victims", "confidence", "sentence")


MIN_CONFIDENCE = 0.35


# -- public API -----------------------------------------------------------------------------


def extract_incidents(
    text: str,
    published: str | dt.date | None = None,
    *,
    source: str | None = None,
    gazetteer: Gazetteer | None = None,
    min_confidence: float = MIN_CONFIDENCE,
) -> gpd.GeoDataFrame:
    """Incidents told in a news text, as the incidents GeoDataFrame.

    ``published`` (ISO date or :class:`datetime.date`) anchors relative dates
    ("on Monday", "Tuesday September 19"); without it a dateline at the top of
    the text is used, else a day and month with no year take theirs from the
    text (the nearest full date; with a weekday, the first agreeing year from
    the latest year the text names), never from the machine's clock: an
    incident whose year stays unknown keeps an empty ``date`` and says why in
    ``notes``. Each row also keeps ``sentence`` (the sentence
    with most of its facts), ``confidence`` (0–1) and ``victims``. Rows below
    ``min_confidence`` are left out; a text with no incident gives no rows.

    >>> gdf = extract_incidents("A landmine explosion in Tartar district killed a soldier "
    ...                         "on 23 November 2020.")
    >>> print(*gdf.loc[0, ["date", "place", "geo_precision", "type", "killed"]], sep=" | ")
    2020-11-23 | Tartar district | 3 | landmine | 1
    """
    records = article_records(text, published, source=source, gazetteer=gazetteer)
    return incident_frame([r for r in records if r["confidence"] >= min_confidence], gazetteer)


_SCENE = re.compile(
    r"\b(?:incident|explosion|blast|it|this)\s+(?:occurred|happened|took place)\b|"
    r"произош|случил|baş verib|baş verdi|hadisə|"
    # "The village of Mets Masrik is located in ...": where "a border village" was
    r"\b(?:village|town)\b[^.]{0,40}\b(?:is|lies) (?:located|situated)\b|"
    r"\b(?:село|деревня|поселок|посёлок)\b[^.]{0,40}\bрасположен",
    re.IGNORECASE,
)


def _quiet_after(
    sentences: list[Sentence], analysed: list[Facts | None], index: int, most: int
) -> list[Sentence]:
    """Up to ``most`` sentences after ``index`` that tell no event of their own."""
    quiet = []
    for later in range(index + 1, min(index + 1 + most, len(sentences))):
        if analysed[later] is not None:
            break
        quiet.append(sentences[later])
    return quiet


LEAD_SENTENCES = 3  # a news lead: the sentences that tell when, before the event's


def _lead_dates(
    text: str, lead: list[Sentence], basis: DateBasis, yearless: list[str]
) -> list[Date]:
    """The day the lead gives the first event, told before it ("Ötən gecə ... Ağdam
    rayonunda 50 ev dağıdılıb. ... artilleriya atəşi"): a relative day ("last night",
    "ötən gecə"), the latest before the event sentence, in the first sentences only."""
    for sentence in reversed(lead[:LEAD_SENTENCES]):
        dates = event_dates(text[sentence.start : sentence.end], basis, sentence.start, yearless)
        if relative := [d for d in dates[0] if d.how == "relative"]:
            return relative
    return []


def _two_events(fact: Facts) -> bool:
    """Does one sentence tell events on two days, or at two towns more than 3 km apart?"""
    days = {d.value for d in fact.dates if d.precision == "day"}
    towns = list({p.id: p for p in towns_of(fact.anchors)}.values())
    return len(days) > 1 or any(
        not compatible_places(a, b, km=3.0) for a, b in combinations(towns, 2)
    )


def _clause_part(fact: Facts, kinds: list) -> Facts:
    """A clause of a sentence telling two events, with the sentence's event words when it
    has none of its own; one with a place and figures is one part of a list ("a woman was
    killed in X, and two in Y"), an incident of its own."""
    return replace(
        fact,
        kinds=fact.kinds or kinds,
        listed=fact.listed or bool(towns_of(fact.anchors)) and has_figures(fact),
    )


def article_records(
    text: str,
    published: object,
    *,
    source: str | None,
    gazetteer: Gazetteer | None,
) -> list[dict]:
    """The incidents of one text as records."""
    if not isinstance(text, str):
        raise InvalidInput(f"the text must be a string, not {type(text).__name__}", field="text")
    text = unicodedata.normalize("NFC", text)
    published_date = parse_published(published)
    found = published_date is not None
    article = None  # with the publication date given, each sentence is scanned for dates alone
    if published_date is None:
        published_date = dateline(text)  # a scan of the whole text, which its sentences share
        found, article = published_date is not None, text
    reference = published_date
    wire = wire_date(text, reference, found)
    if wire is not None:  # relative days count from the wire's own day
        reference, found = wire, True
        published_date = published_date or wire
    # never the clock: a text with no publication date is read against its own years
    basis = DateBasis(
        reference, found, None if found else TextYears.of(text), article=article, text=text
    )
    gazetteer = gazetteer or Gazetteer.default()
    finder = place_finder(gazetteer)
    hits = finder.hits(text)
    areas, district = text_areas(text, hits, finder)
    sentences, analysed = [], []
    for sentence in split_sentences(text):
        fact = sentence_facts(text, sentence, hits, finder, basis, areas)
        parts = [(sentence, fact)]
        if fact is not None and _two_events(fact):
            clauses = [
                (c, sentence_facts(text, c, hits, finder, basis, areas))
                for c in split_clauses(text, sentence)
            ]
            if sum(f is not None and has_figures(f) for _, f in clauses) >= 2:
                parts = [(c, f if f is None else _clause_part(f, fact.kinds)) for c, f in clauses]
        if fact is not None and len(parts) == 1:
            parts = [(sentence, part) for part in listed_places(fact)] or parts
        for part, part_fact in parts:
            sentences.append(part)
            analysed.append(part_fact)
    facts: list[Facts] = []
    for index, (sentence, fact) in enumerate(zip(sentences, analysed, strict=True)):
        if fact is None:
            continue
        if (
            index
            and analysed[index - 1] is None
            and not (fact.dates or fact.anchors)
            and goes_on(text[sentence.start : sentence.end])
            and background(text[sentences[index - 1].start : sentences[index - 1].end])
        ):
            continue  # "In all, 10,000 shells hit the district. As a result, 7 died": the count's
        # The article is the unit: "Two men went to the village of X on Thursday. One of them
        # was killed ...", "A mine injured two men. The incident occurred near X.": a sentence
        # next to the event sentence gives the place or day it lacks (the one before first;
        # the one after when it tells no event of its own and goes on in the same paragraph
        # or says where the incident "occurred").
        scene = [s for s in sentences[index - 1 : index] if s.paragraph == sentence.paragraph]
        # "the incident occurred on 29 January" says it best, even after "the ministry said"
        quiet = _quiet_after(sentences, analysed, index, 2)
        occurred = [s for s in quiet if _SCENE.search(text, s.start, s.end)]
        if occurred:
            scene.insert(0, occurred[0])
        elif quiet and quiet[0].paragraph == sentence.paragraph:
            scene.append(quiet[0])
        if not facts and not fact.dates:
            fact.dates = _lead_dates(text, sentences[:index], basis, fact.yearless)
        for other in scene:
            if not fact.dates:
                fact.dates = event_dates(
                    text[other.start : other.end], basis, other.start, fact.yearless
                )[0]
            if not fact.anchors:
                fact.anchors = [
                    replace(a, score=a.score * 0.8)
                    for a in sentence_anchors(text, other, hits, finder, areas)
                ]
        facts.append(fact)
    published_day = published_date if found else None
    incidents = merge_incidents(group_facts(facts, published_day), published_day)
    kinds = {i.kind[1:] for i in incidents if i.kind is not None}
    if len(kinds) == 1:  # a roundup of one kind: "5 мая у Агдама погибли два сапера" is one too
        told = next(i.kind for i in incidents if i.kind is not None)
        for incident in incidents:
            incident.kind = incident.kind or told
    records = []
    for incident in incidents:
        record = incident_record(
            incident,
            source=source,
            published_date=published_date if found else None,
            published_found=found,
            text_district=district,
            gazetteer=gazetteer,
        )
        if record is not None:
            records.append(record)
    return records


def incident_frame(records: list[dict], gazetteer: Gazetteer | None) -> gpd.GeoDataFrame:
    """Records -> the incidents GeoDataFrame, each with a stable id from its facts."""
    rows = [{k: v for k, v in r.items() if not k.startswith("_")} for r in records]
    seen: set[str] = set()
    for row in rows:
        key = "\x1f".join(str(row[k]) for k in ("source", "date", "place", "type", "sentence"))
        row["id"] = unique_id(key, seen, prefix="ex")
        seen.add(row["id"])
    return schema_frame(rows, EXTRA_COLUMNS, gazetteer)


def extract_from_files(
    paths: str | PathLike[str] | Iterable[str | PathLike[str]],
    published: str | dt.date | None = None,
    *,
    gazetteer: Gazetteer | None = None,
    min_confidence: float = MIN_CONFIDENCE,
) -> gpd.GeoDataFrame:
    """Incidents from saved articles: files (plain text or HTML) or folders of them.

    ``source`` is the file's path; ``published`` applies to every file, else each
    file's dateline or HTML date is used (an incident whose year stays unknown keeps an
    empty ``date``, as in :func:`extract_incidents`). The same incident told by several
    articles becomes one row whose ``source`` lists them all.
    """
    if isinstance(paths, (str, PathLike)):
        paths = [paths]
    fixed = parse_published(published)

    def records() -> Iterable[dict]:
        for path in track(list(article_paths(paths)), "extracting articles"):
            text, page_date = read_article(path)
            yield from article_records(
                text, fixed or page_date, source=str(path), gazetteer=gazetteer
            )

    return incident_frame(
        [r for r in merge_reports(records()) if r["confidence"] >= min_confidence], gazetteer
    )


def merge_reports(records: Iterable[dict]) -> list[dict]:
    """Records in reading order -> one record per incident; a report of an incident already
    seen (:func:`same_incident` on ``_identity``) adds its source to the first report's,
    its figures where the first had none, and the higher confidence."""
    kept: list[dict] = []
    by_date: dict[str, list[dict]] = {}  # duplicates share a date
    for record in records:
        same_day = by_date.setdefault(record["date"], [])
        for first in same_day:
            if same_incident(first["_identity"], record["_identity"]):
                first["source"] = "; ".join(dict.fromkeys([first["source"], record["source"]]))
                first["confidence"] = max(first["confidence"], record["confidence"])
                for column in ("killed", "injured"):
                    if first[column] is None:
                        first[column] = record[column]
                break
        else:
            kept.append(record)
            same_day.append(record)
    return kept
