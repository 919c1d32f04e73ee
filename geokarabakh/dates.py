"""Dates as reports write them: the one parser of the project, and its month words.

:func:`parse_date` reads a date cell of a table (``23.11.2020``, ``November 2020``, ...);
the extractor finds dates in prose with the same :data:`MONTH_NAMES`; :func:`as_date`
takes what a caller passes for a day (text, ``date``, ``datetime``, ``Timestamp``).
"""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from geokarabakh.errors import InvalidInput


def _numbered(words: str, first: int = 1) -> dict[str, int]:
    """Words in their order (months of the year, days of the week) -> their number."""
    return {word: number for number, word in enumerate(words.split(), first)}


MONTH_NAMES = {  # month words in English, Russian, Azerbaijani, Armenian -> 1..12
    **_numbered(
        "january february march april may june july august september october november december"
    ),
    **_numbered("jan feb mar apr may jun jul aug sep oct nov dec"),
    "sept": 9,
    **_numbered(
        "января февраля марта апреля мая июня июля августа сентября октября ноября декабря"
    ),
    **_numbered("январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь"),
    **_numbered("yanvar fevral mart aprel may iyun iyul avqust sentyabr oktyabr noyabr dekabr"),
    **_numbered(
        "հունվարի փետրվարի մարտի ապրիլի մայիսի հունիսի հուլիսի օգոստոսի սեպտեմբերի հոկտեմբերի "
        "նոյեմբերի դեկտեմբերի"
    ),
}
_ISO_DAY = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](.*))?")
_DOTTED_DAY = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_SLASHED_DAY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_ISO_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_YEAR = re.compile(r"\d{4}")
_ORDINAL = re.compile(r"^(\d{1,2})(?:st|nd|rd|th|-?го|-?е)?$")
_DATE_FORMS = "2020-11-23, 23.11.2020, 23 November 2020, November 2020 or 2020"
WEEKDAY_NAMES = {  # weekday words in English, Russian, Azerbaijani, Armenian -> 0 (Monday)..6
    **_numbered("monday tuesday wednesday thursday friday saturday sunday", 0),
    **_numbered("понедельник вторник среду четверг пятницу субботу воскресенье", 0),
    **{
        d: i
        for i, d in enumerate(
            ("bazar ertəsi", "çərşənbə axşamı", "çərşənbə", "cümə axşamı", "cümə", "şənbə", "bazar")
        )
    },
    **_numbered("երկուշաբթի երեքշաբթի չորեքշաբթի հինգշաբթի ուրբաթ շաբաթ կիրակի", 0),
}


def as_date(value: str | dt.date | dt.datetime | pd.Timestamp, field: str = "date") -> dt.date:
    """A day given as ISO text or a date-like value, as ``datetime.date``; else InvalidInput.

    >>> as_date("2021-06-01"), as_date(pd.Timestamp("2021-06-01 13:00"))
    (datetime.date(2021, 6, 1), datetime.date(2021, 6, 1))
    """
    if value is pd.NaT or value is None:
        raise InvalidInput("the date is missing", field=field)
    if isinstance(value, dt.datetime | pd.Timestamp):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise InvalidInput(f"not an ISO date (YYYY-MM-DD): {value!r}", field=field) from None


def parse_date(text: str, *, dayfirst: bool | None = None) -> tuple[str, str]:
    """Parse a date as reports write it; return ``(iso_date, precision)``.

    >>> parse_date("23.11.2020"), parse_date("November 2020"), parse_date("2020")
    (('2020-11-23', 'day'), ('2020-11-01', 'month'), ('2020-01-01', 'year'))

    Dotted dates are day first (23.11.2020). A slashed one whose order is not
    evident (03/04/2021: 3 April or March 4?) needs ``dayfirst`` True or False.
    A time after an ISO date must be a real time. Raises :class:`ValueError`
    with a message saying what is wrong.
    """
    text = str(text).strip()
    year, month, day, precision = _date_parts(text, dayfirst)
    if not 1900 <= year <= 2100:
        raise ValueError(f"the year {year} in {text!r} is implausible")
    try:
        return dt.date(year, month, day).isoformat(), precision
    except ValueError:
        raise ValueError(f"{text!r} is not a real date") from None


def _date_parts(text: str, dayfirst: bool | None) -> tuple[int, int, int, str]:
    if m := _ISO_DAY.fullmatch(text):
        if m[4] is not None:
            _check_time(m[4], text)
        return int(m[1]), int(m[2]), int(m[3]), "day"
    if m := _DOTTED_DAY.fullmatch(text):
        return int(m[3]), int(m[2]), int(m[1]), "day"
    if m := _SLASHED_DAY.fullmatch(text):
        first, second = int(m[1]), int(m[2])
        if dayfirst is None and first != second and first <= 12 and second <= 12:
            raise ValueError(
                f"{text!r} could be day/month or month/day; say which (dayfirst=, "
                "--dayfirst or --monthfirst) or write it as YYYY-MM-DD"
            )
        if dayfirst is False or (dayfirst is None and second > 12):
            first, second = second, first
        return int(m[3]), second, first, "day"
    if m := _ISO_MONTH.fullmatch(text):
        return int(m[1]), int(m[2]), 1, "month"
    if _YEAR.fullmatch(text):
        return int(text), 1, 1, "year"
    words = [
        w
        for w in re.split(r"[\s,./\-]+", text.lower())
        if w and w not in ("of", "the", "il", "г", "года")
    ]
    for day_at, month_at in ((0, 1), (1, 0)):  # "23 November 2020", "November 23, 2020"
        if (
            len(words) == 3
            and words[month_at] in MONTH_NAMES
            and (m := _ORDINAL.match(words[day_at]))
            and _YEAR.fullmatch(words[2])
        ):
            return int(words[2]), MONTH_NAMES[words[month_at]], int(m[1]), "day"
    if len(words) == 2 and words[0] in MONTH_NAMES and _YEAR.fullmatch(words[1]):
        return int(words[1]), MONTH_NAMES[words[0]], 1, "month"
    raise ValueError(f"cannot read the date {text!r}; write it as {_DATE_FORMS}")


def _check_time(time: str, text: str) -> None:
    """A time of day as ISO 8601 writes it (``04:30``, ``04:30:00.5Z``, ``04:30+04:00``)."""
    time = time.strip().removesuffix("UTC").strip()
    try:
        dt.time.fromisoformat(time)
    except ValueError:
        raise ValueError(f"{time!r} in {text!r} is not a time of day (HH:MM or HH:MM:SS)") from None
