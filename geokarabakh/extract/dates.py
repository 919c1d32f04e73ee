"""Dates in sentences: absolute forms in four languages, relative days read against the
publication date, a wire dateline, and the year of a day the text gives without one.

``dateparser`` (``search_dates`` with the text's language, ``PREFER_DATES_FROM='past'``,
the publication date as ``RELATIVE_BASE``) was tried 2026-12-01 on the 58 development
texts of ``benchmarks/extract_eval/real`` that tell an incident: it found the labelled
day somewhere in the text for 36 of 66 incidents, these patterns for 44 (both together
45), and took 0.84-0.91 s against 0.06 s (14x): not used."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import cast

from geokarabakh.dates import MONTH_NAMES, WEEKDAY_NAMES
from geokarabakh.errors import InvalidInput
from geokarabakh.extract.lexicon import NUMBER_WORDS, number, words
from geokarabakh.extract.text import TOKEN, lower_word

# -- dates ----------------------------------------------------------------------------------


def _alternation(words: Iterable[str]) -> str:
    """A regex matching the longest of ``words`` at a position, their common beginnings
    factored out ("янв(?:аря|арь)"): half the time of the plain alternation of 71 month names."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here

    def branch(node: dict[str, dict]) -> str:
        ways = [re.escape(char) + branch(child) for char, child in sorted(node.items()) if char]
        if not ways:
            return ""
        if len(ways) == 1 and "" not in node:
            return ways[0]
        return "(?:" + "|".join(ways) + ")" + ("?" if "" in node else "")

    return branch(trie)


_MON = _alternation(MONTH_NAMES)
_WD = _alternation(WEEKDAY_NAMES)
_YEAR = r"(?:19[89]\d|20\d\d)"
# Azerbaijani months that take the genitive ("Mayın 29-da", "aprelin 3-ü", "İyunun 1-də")
_AZ_MON = "|".join(
    f"{month}(?=(?-i:{ending}|{ending.upper()}))"
    for month, ending in (
        ("yanvar", "ın"),
        ("fevral", "ın"),
        ("mart", "ın"),
        ("aprel", "in"),
        ("may", "ın"),
        ("iyun", "un"),
        ("iyul", "un"),
        ("avqust", "un"),
        ("sentyabr", "ın"),
        ("oktyabr", "ın"),
        ("noyabr", "ın"),
        ("dekabr", "ın"),
    )
)  # case-sensitive endings: "ı" would match "i"
# Russian days written as ordinals ("Двадцать седьмого декабря", as ministries' statements
# are read out): the genitive of 1st to 31st
_RU_UNITS = {
    "первого": 1,
    "второго": 2,
    "третьего": 3,
    "четвертого": 4,
    "четвёртого": 4,
    "пятого": 5,
    "шестого": 6,
    "седьмого": 7,
    "восьмого": 8,
    "девятого": 9,
}
_RU_TENS = {
    "десятого": 10,
    "одиннадцатого": 11,
    "двенадцатого": 12,
    "тринадцатого": 13,
    "четырнадцатого": 14,
    "пятнадцатого": 15,
    "шестнадцатого": 16,
    "семнадцатого": 17,
    "восемнадцатого": 18,
    "девятнадцатого": 19,
    "двадцатого": 20,
    "тридцатого": 30,
}
_RU_ORDINAL_DAYS = {
    **_RU_UNITS,
    **_RU_TENS,
    **{f"двадцать {word}": 20 + day for word, day in _RU_UNITS.items()},
    "тридцать первого": 31,
}
_RU_ORDINAL = "|".join(sorted(_RU_ORDINAL_DAYS, key=len, reverse=True))
# counts of days in words ("two days later", "три дня назад"): 1 to 10
_COUNT = "|".join(
    sorted((w for w, n in NUMBER_WORDS.items() if 1 < n <= 10), key=len, reverse=True)
)
_DATE_PATTERNS = tuple(
    (name, re.compile(pattern, re.IGNORECASE))
    for name, pattern in (
        # A night between two days, dated by the day it ends in: "в ночь с 27 на 28 мая",
        # "avqustun 11-dən 12-sinə keçən gecə", "հոկտեմբերի 29-ի լույս 30-ի գիշերը",
        # "the night of May 4-5", "the night of 4 to 5 May"
        (
            "night",
            (
                rf"(?<![^\W\d_])в\s+ночь\s+с\s+\d{{1,2}}(?:-?го)?\s+на\s+(?P<d>\d{{1,2}})"
                rf"(?:-?е|-?го)?\s+(?P<mon>{_MON})(?![^\W\d_])(?:\s+(?P<y>{_YEAR}))?"
            ),
        ),
        (
            "night",
            (
                rf"(?<![^\W\d_])(?P<mon>{_AZ_MON})\w\w\s+\d{{1,2}}-?[^\W\d_]{{1,4}}\s+"
                rf"(?P<d>\d{{1,2}})-?[^\W\d_]{{1,5}}\s+keçən\s+gecə"
            ),
        ),
        ("night", rf"(?P<mon>{_MON})\s+\d{{1,2}}-ի\s+լույս\s+(?P<d>\d{{1,2}})-ի\s+գիշեր"),
        (
            "night",
            (
                rf"\bnight\s+of\s+(?P<mon>{_MON})\s+\d{{1,2}}\s*(?:-|–|to)\s*(?P<d>\d{{1,2}})"
                rf"(?!\d)(?:,?\s+(?P<y>{_YEAR})\b)?"
            ),
        ),
        (
            "night",
            (
                rf"\bnight\s+of\s+\d{{1,2}}\s*(?:-|–|to)\s*(?P<d>\d{{1,2}})\s+(?P<mon>{_MON})"
                rf"(?![^\W\d_])(?:,?\s+(?P<y>{_YEAR})\b)?"
            ),
        ),
        # Azerbaijani: "2024-cü il 21 iyun", "Mayın 29-da", "İyunun 1-də", "dekabrın 5-i",
        # "avqust ayının 2-də"
        (
            "az_ydm",
            (
                rf"\b(?P<y>{_YEAR})-?(?:ci|cı|cu|cü|ji)?\s+(?:il(?:in)?)\s+(?P<d>\d{{1,2}})"
                rf"\s+(?P<mon>{_MON})(?![^\W\d_])"
            ),
        ),
        # Armenian: "2023 թվականի մայիսի 5-ին", "2023 թ. մայիսի 5-ին"
        (
            "hy_ymd",
            (rf"\b(?P<y>{_YEAR})\s*թ(?:վականի|\.)?\s+(?P<mon>{_MON})\s+(?P<d>\d{{1,2}})(?!\d)"),
        ),
        (
            "az_md",
            (
                rf"(?:\b(?P<y>{_YEAR})-?(?:ci|cı|cu|cü|ji)?\s+il(?:in)?\s+)?(?<![^\W\d_])"
                rf"(?P<mon>{_AZ_MON}|{_MON}(?=\s+ayının))(?:\w\w|\s+ayının)\s+(?P<d>\d{{1,2}})"
                rf"(?:-?(?:[^\W\d_]{{1,4}}))?(?!\d)"
            ),
        ),
        ("ymd", rf"\b(?P<y>{_YEAR})-(?P<m>\d{{1,2}})-(?P<d>\d{{1,2}})\b"),
        ("ym", rf"\b(?P<y>{_YEAR})-(?P<m>\d\d)\b(?!-\d)"),  # a page's "2023-04"
        ("dmy_num", rf"\b(?P<d>\d{{1,2}})[./](?P<m>\d{{1,2}})[./](?P<y>{_YEAR})\b"),
        (
            "dmy",
            (
                rf"(?:\b(?P<wd>{_WD}),?\s+)?(?:the\s+)?"
                rf"(?:\b(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:and|и)\s+)?"  # "10 and 11 August"
                rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th|-?го)?(?:\s+of)?\s+"
                rf"(?P<mon>{_MON})(?![^\W\d_])\.?(?:,?\s+(?P<y>{_YEAR})\b)?"
            ),
        ),
        (
            "mdy",
            (
                rf"(?:\b(?P<wd>{_WD}),?\s+)?(?<![^\W\d_])(?P<mon>{_MON})\.?\s+(?P<d>\d{{1,2}})"
                rf"(?:st|nd|rd|th)?(?!\d|:)(?:\s+and\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?!\d|:))?"
                rf"(?:,?\s+(?P<y>{_YEAR})\b)?"
            ),
        ),
        (
            "dmy_words",
            rf"(?<![^\W\d_])(?P<dw>{_RU_ORDINAL})\s+(?P<mon>{_MON})(?![^\W\d_])"
            rf"(?:\s+(?P<y>{_YEAR})\b)?",
        ),
        ("my", rf"(?<![^\W\d_])(?P<mon>{_MON})\.?,?\s+(?:of\s+)?(?P<y>{_YEAR})\b"),
        ("wd", rf"(?:\b(?P<last>last|this|past)\s+)?\b(?P<wd>{_WD})\b"),
        (
            "rel",
            (
                r"\b(?P<rel>yesterday|today|tonight|last night|this morning|this afternoon|"
                r"this evening|earlier today|overnight|вчера|накануне|сегодня|dünən|ötən gün|"
                r"ötən gecə|прошлой ночью|минувшей ночью|bu gün|երեկ|անցած գիշեր|"
                r"նախօրեին|այսօր)"
                r"(?![^\W\d_])"
            ),
        ),
        ("y", rf"\b(?:in|during|of)\s+(?P<y>{_YEAR})\b"),
        (
            "ago",  # counted back from the publication day
            rf"(?<![^\W\d_])(?:(?P<n>\d{{1,2}}|{_COUNT})\s+(?:days?\s+ago|дн(?:я|ей)\s+назад|"
            rf"gün\s+(?:əvvəl|öncə)|օր\s+առաջ)|the\s+day\s+before\s+yesterday|позавчера|"
            rf"srağagün)(?![^\W\d_])",
        ),
        (
            "later",  # counted on from the day the text gave before
            rf"(?<![^\W\d_])(?:(?P<n>\d{{1,2}}|{_COUNT})\s+(?:days?\s+later|дн(?:я|ей)\s+спустя|"
            rf"gün\s+sonra|օր\s+անց)|(?:the\s+)?(?:next|following)\s+day|"
            rf"на\s+(?:следующий|другой)\s+день|ertəsi\s+gün|հաջորդ\s+օրը)(?![^\W\d_])",
        ),
    )
)
# the words of the "ago" and "later" forms: their patterns run near these words only, and
# only in a text that has one as written or capitalised (a substring test: 15x a regex's speed)
_COUNTED = [
    "ago",
    "later",
    "next day",
    "following day",
    "day before yesterday",
    "назад",
    "спустя",
    "позавчера",
    "следующий день",
    "другой день",
    "əvvəl",
    "öncə",
    "sonra",
    "srağagün",
    "ertəsi",
    "առաջ",
    "անց",
    "հաջորդ",
]
_COUNTED_WORDS = [*_COUNTED, *(w[0].upper() + w[1:] for w in _COUNTED)]
_COUNTED_DAYS = re.compile("|".join(_COUNTED_WORDS))
_RELATIVE_DAYS = {
    "yesterday": -1,
    "last night": -1,
    "overnight": -1,
    "вчера": -1,
    "dünən": -1,
    "ötən gün": -1,  # "the past day"
    "ötən gecə": -1,  # "the past night"
    "прошлой ночью": -1,
    "минувшей ночью": -1,
    "անցած գիշեր": -1,
    "երեկ": -1,
    "накануне": -1,  # the day before the report's
    "նախօրեին": -1,
}
_WEEKDAY_CYCLE = 11  # a weekday repeats on a day and month within 11 years
# Words that make a date the start or end of a period ("since November 2020"), not an event's day.
_PERIOD_WORDS = words("period_words")
_PERIOD_AFTER = words("period_after")  # Azerbaijani postpositions: "...-dən bəri"
_DOCUMENT = words("document")  # "the agreement of 19 April 2024": a document's day
# an Azerbaijani day with the ablative or terminative ending: "sentyabrın 27-dən" (from),
# "noyabrın 2-dək" (until): a period's start or end
_PERIOD_ENDING = re.compile(r"\d-?(?:dən|dan|tən|tan|dək|dak|yədək|yadək)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Date:
    """A date found in a sentence: the day, its precision, and how it was read."""

    value: dt.date
    precision: str  # day, month, year
    how: str  # explicit, relative, text-year (the year from the text), published
    surface: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class TextYears:
    """What a text without a publication date says about years: its full dates (offset, date;
    a month with its year, "April 2023", "2023-04", counts as its first day) and the latest
    year it names. Year-less dates take their year from these, never from the machine's
    clock."""

    full: tuple[tuple[int, dt.date, str], ...]
    latest: int | None

    @classmethod
    def of(cls, text: str) -> TextYears:
        full = tuple(
            (offset, d.value, d.surface)
            for offset, d in _find_dates(text)
            if d.precision in ("day", "month") and d.how == "explicit"
        )
        years = [int(y) for y in re.findall(rf"(?<!\d){_YEAR}(?!\d)", text)]
        return cls(full, max(years) if years else None)


@dataclass(frozen=True, slots=True)
class DateBasis:
    """What a text's dates are read against: ``reference``, the day relative dates count
    from (``published``: the text's own publication or wire date, not a guess), else the
    text's own ``years``. ``article`` is the whole text when the text read is a span of it:
    the article is scanned for dates once, and each span takes the dates inside it."""

    reference: dt.date | None = None
    published: bool = False
    years: TextYears | None = None
    article: str | None = None
    text: str | None = None  # the whole text, which "the next day" counts back through


NO_BASIS = DateBasis()  # explicit dates only


def _resolve_date(
    name: str, match: re.Match[str], basis: DateBasis = NO_BASIS, article: str = "", at: int = 0
) -> Date | None:
    """One date match read against the publication date, else against the text's own years;
    "the next day" against the day before it in ``article``, where the match is at ``at``."""
    reference, published = basis.reference, basis.published
    groups = match.groupdict()
    surface = match.group(0)
    weekday = WEEKDAY_NAMES.get((groups.get("wd") or "").lower())
    if name in ("rel", "ago"):
        if reference is None or not published:
            return None
        back = (
            -_RELATIVE_DAYS.get(groups["rel"].lower(), 0)
            if name == "rel"
            else _days(groups["n"])
            if groups["n"]
            else 2  # "the day before yesterday"
        )
        return Date(reference - dt.timedelta(days=back), "day", "relative", surface)
    if name == "later":
        before = _day_before(article, at, basis)
        if before is None:
            return None
        days = _days(groups["n"]) if groups["n"] else 1
        return Date(
            before.value + dt.timedelta(days=days),
            "day",
            "relative",
            surface,
            f"{surface!r} counted from {before.surface!r}",
        )
    if name == "wd":
        if reference is None or not published or weekday is None:
            return None
        back = (reference.weekday() - weekday) % 7
        if back == 0 and (groups.get("last") or "").lower() in ("last", "past"):
            back = 7
        return Date(reference - dt.timedelta(days=back), "day", "relative", surface)
    month = (
        int(groups["m"])
        if groups.get("m")
        else MONTH_NAMES.get(lower_word(groups.get("mon") or "").rstrip("."))
    )
    if month is None or not 1 <= month <= 12:
        return None
    mon_word = groups.get("mon") or ""
    if mon_word == "may" and not groups.get("y") and name != "az_md":
        return None  # the verb, not the month
    if mon_word.lower() in ("mar", "jan", "jun", "dec") and mon_word.islower():
        return None
    year = int(groups["y"]) if groups.get("y") else None
    if name in ("y", "my", "ym") and year is None:
        return None  # the patterns require the year; kept for the type checker
    if name == "y":
        return Date(dt.date(cast(int, year), 1, 1), "year", "explicit", surface)
    if name in ("my", "ym"):
        return Date(dt.date(cast(int, year), month, 1), "month", "explicit", surface)
    day = int(groups["d"]) if groups.get("d") else _RU_ORDINAL_DAYS[groups["dw"].lower()]
    if year is not None:
        try:
            value = dt.date(year, month, day)
        except ValueError:
            return None
        note = ""
        if weekday is not None and value.weekday() != weekday:
            note = f"{surface!r}: the weekday does not match the date"
        return Date(value, "day", "explicit", surface, note)
    if reference is not None and published:
        return _year_for(month, day, weekday, reference, surface)
    return _year_from_text(month, day, weekday, basis.years, at, surface)


def _days(count: str) -> int:
    """A count of days in digits or words (the "ago" and "later" patterns take no other)."""
    return cast(int, number(lower_word(count)))


def _day_before(article: str, start: int, basis: DateBasis) -> Date | None:
    """The nearest day ``article`` gives before ``start``: what "the next day" counts from."""
    starts, ordered = _by_start(article)
    for index in range(bisect_left(starts, start) - 1, -1, -1):
        name, match = ordered[index]
        date = _resolve_date(name, match, basis, article, match.start())
        if date is not None and date.precision == "day":
            return date
    return None


def _real_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _year_for(
    month: int, day: int, weekday: int | None, reference: dt.date, surface: str
) -> Date | None:
    """The year for a day and month: the latest one not after the publication day (a day of
    slack), within a year of it."""
    candidates = [
        v
        for year in (reference.year + 1, reference.year, reference.year - 1)
        if (v := _real_date(year, month, day)) is not None
        and v <= reference + dt.timedelta(days=1)
        and (reference - v).days <= 366
    ]
    if not candidates:
        return None
    if weekday is None:
        return Date(candidates[0], "day", "relative", surface)
    agreeing = [c for c in candidates if c.weekday() == weekday]
    if agreeing:
        return Date(agreeing[0], "day", "relative", surface)
    return Date(
        candidates[0],
        "day",
        "relative",
        surface,
        f"{surface!r}: the weekday does not match {candidates[0].isoformat()}",
    )


def _year_from_text(
    month: int, day: int, weekday: int | None, years: TextYears | None, offset: int, surface: str
) -> Date | None:
    """A day and month with no year and no publication date: the year of the nearest full date
    the text gives (the closest day to it, a year either side); else, with a weekday, the first
    year agreeing with it from the latest year the text names. Else unknown (None)."""
    if years is None:
        return None
    if years.full:
        before = bisect_right(years.full, offset, key=lambda f: f[0])  # full[:before] precede
        _, near, near_surface = years.full[before - 1] if before else years.full[0]
        candidates = [
            v
            for year in (near.year - 1, near.year, near.year + 1)
            if (v := _real_date(year, month, day)) is not None
            and (weekday is None or v.weekday() == weekday)
        ]
        if candidates:
            value = min(candidates, key=lambda v: abs((v - near).days))
            return Date(
                value,
                "day",
                "text-year",
                surface,
                f"year {value.year} of {surface!r} taken from {near_surface!r} in the text",
            )
    if weekday is not None and years.latest is not None:
        for year in range(years.latest, years.latest + _WEEKDAY_CYCLE + 1):
            real = _real_date(year, month, day)
            if real is not None and real.weekday() == weekday:
                return Date(
                    real,
                    "day",
                    "text-year",
                    surface,
                    f"year {year} inferred from the weekday in {surface!r}: the first "
                    f"that agrees from {years.latest}, the latest year the text names",
                )
    return None


_NEEDS_DIGIT = frozenset(
    {"night", "az_ydm", "hy_ymd", "az_md", "ymd", "ym", "dmy_num", "dmy", "mdy", "my", "y"}
)
_NEEDS_MONTH = frozenset({"night", "az_ydm", "hy_ymd", "az_md", "dmy", "mdy", "dmy_words", "my"})
_DIGIT = re.compile(r"\d")
_NIGHT_WORDS = ("ночь", "gecə", "գիշեր", "night", "Night")  # in every "night" form
_ANY_MONTH = re.compile(rf"(?<![^\W\d_])(?:{_MON})", re.IGNORECASE)
_ANY_WEEKDAY = re.compile(rf"\b(?:{_WD})\b", re.IGNORECASE)
WINDOW = 40  # a date reaches this far around its month or weekday word ("Wednesday, the 22nd of")


def _windows(word: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` within :data:`WINDOW` characters of a ``word``, overlaps merged: the
    forms built on a month or weekday name are looked for there only, not at every position
    (the long alternation of names is the slow part)."""
    spans: list[tuple[int, int]] = []
    for match in word.finditer(text):
        start, end = max(0, match.start() - WINDOW), min(len(text), match.end() + WINDOW)
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


@lru_cache(maxsize=256)
def _scan(text: str) -> tuple[tuple[str, re.Match[str]], ...]:
    """Every date form in ``text``, longest forms first, none overlapping (patterns that need
    a digit are skipped where the text has none, those built on a month or weekday name are
    run near such names only). Cached: an article's head and its one-sentence texts are
    scanned once."""
    has_digit = _DIGIT.search(text) is not None
    whole = [(0, len(text))]
    ordinals = "го " in text  # a day written as a Russian ordinal ("третьего мая")
    nights = any(word in text for word in _NIGHT_WORDS)
    counted = (  # "two days later", "три дня назад"
        _windows(_COUNTED_DAYS, text) if any(w in text for w in _COUNTED_WORDS) else []
    )
    months = _windows(_ANY_MONTH, text) if has_digit or ordinals else []
    taken = bytearray(len(text))  # 1 where an earlier (longer) form matched
    found = []
    for name, pattern in _DATE_PATTERNS:
        if (
            name in _NEEDS_DIGIT
            and not has_digit
            or name == "dmy_words"
            and not ordinals
            or name == "night"
            and not nights
        ):
            continue
        spans = (
            months
            if name in _NEEDS_MONTH
            else _windows(_ANY_WEEKDAY, text)
            if name == "wd"
            else counted
            if name in ("ago", "later")
            else whole
        )
        for first, last in spans:
            for match in pattern.finditer(text, first, last):
                start, end = match.span()
                if taken.find(1, start, end) != -1:
                    continue
                taken[start:end] = b"\x01" * (end - start)
                found.append((name, match))
    return tuple(found)


@lru_cache(maxsize=256)
def _by_start(text: str) -> tuple[list[int], list[tuple[str, re.Match[str]]]]:
    """:func:`_scan` of ``text`` in the order of the text, with the starts: a span's dates
    are found by bisection, not by reading every date of the article for every sentence."""
    ordered = sorted(_scan(text), key=lambda found: found[1].start())
    return [match.start() for _, match in ordered], ordered


def _find_dates(
    text: str, basis: DateBasis = NO_BASIS, base: int = 0, yearless: list[str] | None = None
) -> list[tuple[int, Date]]:
    """Every date in ``text`` with its offset, longest forms first, none overlapping.
    ``base`` is the offset of ``text`` in the article; the surfaces of days whose year is
    unknown go to ``yearless``."""
    found: list[tuple[int, Date]] = []
    published = basis.published
    whole = basis.text or basis.article or text
    if basis.article is not None:  # a span of the article, which is scanned whole
        end = base + len(text)
        starts, ordered = _by_start(basis.article)
        matches = []
        for index in range(bisect_left(starts, base), bisect_left(starts, end)):
            if ordered[index][1].end() <= end:
                matches.append(ordered[index])
        shift = -base  # matches are placed in the article
    else:
        matches, shift = list(_scan(text)), 0
    for name, match in matches:
        start = match.start() + shift
        date = _resolve_date(name, match, basis, whole, base + start)
        if date is not None:
            found.append((start, date))
            if (second := _second_day(match, date)) is not None:
                found.append((start, second))
        elif (
            yearless is not None
            and not published
            and name not in ("y", "my", "ym")
            and not match.groupdict().get("y")
        ):
            yearless.append(match.group(0))
    return sorted(found, key=lambda item: item[0])


def _second_day(match: re.Match[str], date: Date) -> Date | None:
    """The other day of "August 10 and 11", "10 and 11 August": same month and year."""
    other = match.groupdict().get("d2")
    if other is None or date.precision != "day":
        return None
    try:
        return replace(date, value=date.value.replace(day=int(other)))
    except ValueError:
        return None


# "BAKU, Dec 27 (Reuters) -", "STEPANAKERT, 3 May —", "БАКУ, 4 мая. /ТАСС/.",
# "KALBAJAR, Azerbaijan, December 15. "
_WIRE_DATELINE = re.compile(
    r"\W*[A-ZА-ЯƏ][A-ZА-ЯƏ'’./-]+(?:\s[A-ZА-ЯƏ][A-ZА-ЯƏ'’./-]+){0,2},\s+(?P<date>[^()\n/]{3,40}?)"
    r"(?:\s*(?:\([^()\n]{2,40}\)\s*)?[-–—]{1,2}\s|\.?\s*/[^/\n]{2,30}/\.?|(?<=\d)\.\s)"
)
_STATEMENT = words("statement")
ACCUSATION = re.compile(
    r"\b(?:blam(?:e|ed|es|ing)|accus(?:e|ed|es|ing)|responsible for|"
    r"(?:laying|planting|planted)(?: new| the| [\d,.]+)? (?:land|anti-\w+ )?mines)\b|"
    r"обвини|обвиня|ittiham|günahland"
)


# what a line that is only a date may hold besides it: "18 апреля 2021 г. 10:13"
_BARE = re.compile(r"[\W\d_]*(?:г|года|il|year)?[\W\d_]*", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[,.;:!?()]")


def _document(before: list[str], clause: str) -> bool:
    """Is a date a document's ("the agreement of 19 April 2024", "19 aprel 2024-cü il tarixdə
    əldə olunmuş razılaşma", "the 10 November 2020 statement")? ``before``: the words before
    it; ``clause``: what follows it up to the next punctuation."""
    return bool(
        before[-2:-1]
        and before[-2] in _DOCUMENT
        and before[-1] in ("of", "от", "dated")
        or {t.lower() for t in TOKEN.findall(clause)[:8]} & _DOCUMENT
    )


def _night_before(date: Date, basis: DateBasis) -> bool:
    """Does a period start a day or two before publication ("shelling from April 27 night",
    published the 28th)? Its start is the event's day, not background."""
    reference = basis.reference if basis.published else None
    return (
        date.precision == "day"
        and reference is not None
        and 0 <= (reference - date.value).days <= 2
    )


def event_dates(
    raw: str, basis: DateBasis, base: int = 0, yearless: list[str] | None = None
) -> tuple[list[Date], list[Date]]:
    """A sentence's dates: the event's, and those of a dateline or a statement ("the ministry
    said on Saturday"), which date the event only when nothing else does. The start or end of
    a period ("since November 2020", "until 2025") is background and dates nothing."""
    wire = _WIRE_DATELINE.match(raw)
    event, said = [], []
    for offset, date in _find_dates(raw, basis, base, yearless):
        words = [t.lower() for t in TOKEN.findall(raw[max(0, offset - 50) : offset])][-4:]
        rest = raw[offset + len(date.surface) :]
        after = [t.lower() for t in TOKEN.findall(rest[:30])][:2]
        clause = _CLAUSE_END.split(rest[:60], maxsplit=1)[0]
        if (
            set(words[-2:]) & _PERIOD_WORDS
            and not _night_before(date, basis)
            or set(after) & _PERIOD_AFTER
            or _document(words, clause)
            or _PERIOD_ENDING.search(date.surface)
        ):
            continue
        if _BARE.fullmatch(raw[:offset] + rest):
            said.append(date)  # a line that is only a date, under a headline: the page's
            continue
        said_at = [i for i, w in enumerate(words) if w in _STATEMENT]
        reported = bool(said_at) and bool(set(words[said_at[-1] + 1 :]) & {"ki", "that", "что"})
        if (wire and offset < wire.end()) or (said_at and not reported):
            said.append(
                date
                if date.note
                else replace(
                    date, note=f"{date.surface!r} dates the report; the event may be earlier"
                )
            )
        else:
            event.append(date)
    return event, said


def wire_dateline(text: str, start: int) -> int | None:
    """Where the names of a wire dateline opening at ``start`` end ("BAKU, 4 May (AFP) -"):
    the city there is where the report was filed, not where the event was."""
    wire = _WIRE_DATELINE.match(text, start)
    if wire is None:
        wire = _AGENCY_DATELINE.match(text, start)
        return wire.end() if wire else None
    return wire.start("date")


# a dateline with no date: "YEREVAN (PanARMENIAN.Net) —", "BAKU (Reuters) -"
_AGENCY_DATELINE = re.compile(
    r"\W*[A-ZА-ЯƏ][A-ZА-ЯƏ'’./-]+(?:\s[A-ZА-ЯƏ][A-ZА-ЯƏ'’./-]+){0,2}\s*\([^()\n]{2,40}\)\s*"
    r"[-–—]{1,2}\s"
)


def wire_date(text: str, reference: dt.date | None, published: bool) -> dt.date | None:
    """The day of a wire dateline opening the text ("BAKU, Dec 27 (Reuters) -")."""
    for line in text[:400].lstrip().splitlines()[:4]:
        if (wire := _WIRE_DATELINE.match(line)) is not None:
            found = _find_dates(wire.group("date"), DateBasis(reference, published))
            days = [
                d.value
                for _, d in found
                if d.precision == "day" and (published or d.how == "explicit")
            ]  # no year guessed
            return days[0] if days else None
    return None


def dateline(text: str) -> dt.date | None:
    """A full date near the top of an article (its dateline), if any: on one of its first
    four lines, near that line's start (a date far into a sentence tells of something)."""
    # the head's dates, off the scan of the whole text that its sentences use too
    for start, date in _find_dates(text[:300], DateBasis(article=text)):
        if (
            date.precision == "day"
            and date.how == "explicit"
            and "\n" in text[start:]
            and text[:start].count("\n") <= 3
            and start - text.rfind("\n", 0, start) <= 40
        ):
            return date.value
    return None


def parse_published(published: object) -> dt.date | None:
    if published is None or published == "":
        return None
    if isinstance(published, dt.datetime):
        return published.date()
    if isinstance(published, dt.date):
        return published
    if isinstance(published, str):
        for name, pattern in _DATE_PATTERNS:
            if name not in ("ymd", "dmy_num", "dmy"):
                continue
            match = pattern.fullmatch(published.strip()[:10]) or pattern.fullmatch(
                published.strip()
            )
            if match and (date := _resolve_date(name, match)):
                return date.value
        raise InvalidInput(
            f"cannot read the publication date {published!r}; write it as 2023-09-19",
            field="published",
        )
    raise InvalidInput(
        f"the publication date must be a date or text, not {type(published).__name__}",
        field="published",
    )
