"""Incidents out of news text: where, when, what happened and to whom.

One pass per text, one module per stage:

1. :mod:`~geokarabakh.extract.text` — saved HTML becomes its main text with
   ``trafilatura`` (navigation, cookie and sign-in text dropped); plain text
   is used as it is; then paragraphs, sentences, clauses and tokens;
2. :mod:`~geokarabakh.extract.places` — one Aho–Corasick automaton
   (``pyahocorasick``) over every folded gazetteer spelling runs over a folded
   copy of the text that maps back to the original offsets, so any script and
   spelling matches, inflected Russian and Armenian forms and Azerbaijani
   case endings too; the words
   around a hit ("X district", "village of X", "between X and Y", "hospital
   in X") pick the kind of place and tell the event's place from places
   merely mentioned;
3. :mod:`~geokarabakh.extract.dates` — absolute dates in English, Russian,
   Azerbaijani and Armenian forms, days relative to the publication date or
   a wire dateline, and the year of a day given without one (from the text,
   never from the machine's clock);
4. :mod:`~geokarabakh.extract.casualties` — killed and injured figures
   ("four police officers and two civilians" = 6; "several" stays unknown;
   people named without a figure count one each) and the victims;
5. :mod:`~geokarabakh.extract.facts` — per sentence: event words give the
   type, and cues tell background, hedging and a new incident; a figure over
   a period ("more than 200 soldiers", "since 2020") tells no incident;
6. :mod:`~geokarabakh.extract.grouping` — event sentences group into
   incidents (a new date, a place that does not fit, "another", or figures at
   a town more than 3 km away), duplicates merge, and each gets the most
   precise location the text supports;
7. :mod:`~geokarabakh.extract.article` — the article is the unit: a sentence
   next to an event sentence gives the place or day it lacks, a sentence
   telling two events is cut into clauses, and the incidents become rows of
   the incidents GeoDataFrame.

The words of each language are data (:mod:`~geokarabakh.extract.lexicon`,
read from ``lexicon.toml``). ``dateparser`` and ``pymorphy3`` were tried on the
real development texts and are not used: neither raised the score and both cost
time (figures in :mod:`~geokarabakh.extract.dates`,
:mod:`~geokarabakh.extract.places` and ``benchmarks/extract_eval/README.md``).

Nothing is invented: an incident without a place or a date gives no row, and
counts the text does not state stay missing. Every stage is linear in the
length of the text (a 1 MB text takes seconds).
"""

from geokarabakh.extract.article import (
    EXTRA_COLUMNS,
    extract_from_files,
    extract_incidents,
    merge_reports,
)
from geokarabakh.extract.grouping import same_incident
from geokarabakh.extract.text import article_text, read_article

__all__ = [
    "EXTRA_COLUMNS",
    "article_text",
    "extract_from_files",
    "extract_incidents",
    "merge_reports",
    "read_article",
    "same_incident",
]
