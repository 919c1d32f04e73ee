"""Incidents out of news text: where, when, what happened and to whom.

One pass per text:

1. **clean** — saved HTML becomes its main text with trafilatura (navigation,
   cookie and sign-in text dropped); plain text is used as it is;
2. **split** into paragraphs and sentences;
3. **places** — one Aho–Corasick automaton over every folded gazetteer
   spelling runs over a folded copy of the text that maps back to the
   original offsets, so any script and spelling matches; the words around a
   hit ("X district", "village of X", "between X and Y", "hospital in X")
   pick the kind of place and tell the event's place from places merely
   mentioned;
4. **per sentence** — event words give the type, casualty phrases the
   killed and injured counts ("four police officers and two civilians" = 6;
   "several" stays unknown; people named without a figure count one each),
   victims, dates (absolute in English, Russian and Azerbaijani forms, or
   relative to the publication date), and cues for background, hedging and
   new incidents; a figure over a period ("more than 200 soldiers", "since
   2020") and the start of a period ("since November 2020") tell no incident;
5. **the article** — a sentence next to an event sentence gives the place or
   day it lacks ("The incident occurred near X");
6. **incidents** — event sentences group into incidents (a new date, a place
   that does not fit, "another"/"separately", or figures at a town more than
   3 km from the incident's own start one; a sentence telling two days or two
   towns is cut into its clauses first), duplicates merge, and each gets the
   most precise location the text supports.

Nothing is invented: an incident without a place or a date gives no row, and
counts the text does not state stay missing. Without a publication date a
day with no year takes its year from the text, never from the machine's
clock; when the text gives none the incident is told in ``attrs["undated"]``.
Every stage is linear in the length of the text (a 1 MB text takes seconds).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import combinations, pairwise
from os import PathLike
from pathlib import Path
from typing import Any, cast

import ahocorasick
import geopandas as gpd

from geokarabakh.dates import MONTH_NAMES, WEEKDAY_NAMES
from geokarabakh.errors import InvalidInput
from geokarabakh.gazetteer import AREA_OF_INTEREST, AREAS, Gazetteer, Place, haversine_km, in_box
from geokarabakh.incidents import new_incidents, unique_id
from geokarabakh.names import fold, fold_with_offsets, strip_qualifiers, word_set
from geokarabakh.progress import track

__all__ = ["EXTRA_COLUMNS", "extract_from_files", "extract_incidents", "read_article"]

EXTRA_COLUMNS = ("victims", "confidence", "sentence")
TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_MIN_CONFIDENCE = 0.35

# -- words ----------------------------------------------------------------------------------

_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "dozen": 12,
    "both": 2,
    "a": 1,
    "an": 1,
    "single": 1,
    "lone": 1,
    # Russian, in the case forms a casualty figure takes
    **dict.fromkeys(("один", "одна", "одного", "одной", "одну"), 1),
    **dict.fromkeys(("два", "две", "двух", "двое", "двоих"), 2),
    **dict.fromkeys(("три", "трех", "трёх", "трое", "троих"), 3),
    **dict.fromkeys(("четыре", "четырех", "четырёх", "четверо", "четверых"), 4),
    **dict.fromkeys(("пять", "пяти", "пятеро", "пятерых"), 5),
    **dict.fromkeys(("шесть", "шести", "шестеро", "шестерых"), 6),
    **dict.fromkeys(("семь", "семи", "семеро", "семерых"), 7),
    **dict.fromkeys(("восемь", "восьми"), 8),
    **dict.fromkeys(("девять", "девяти"), 9),
    **dict.fromkeys(("десять", "десяти"), 10),
    # Azerbaijani ("on", ten, only before a noun: see _AZ_TEN)
    "bir": 1,
    "iki": 2,
    "üç": 3,
    "uc": 3,
    "dörd": 4,
    "dord": 4,
    "beş": 5,
    "bes": 5,
    "altı": 6,
    "alti": 6,
    "yeddi": 7,
    "səkkiz": 8,
    "sekkiz": 8,
    "doqquz": 9,
}
_ARTICLES = {"a", "an", "single", "lone"}  # count 1 only right before a victim noun


_VAGUE = word_set(
    "several some many few numerous dozens scores hundreds multiple various unspecified "
    "несколько нескольких neçə nece"
)
# Victim nouns -> category (None: people in general).
_VICTIMS = {
    **dict.fromkeys(
        (
            "civilian",
            "civilians",
            "resident",
            "residents",
            "villager",
            "villagers",
            "driver",
            "drivers",
            "shepherd",
            "shepherds",
            "farmer",
            "farmers",
            "worker",
            "workers",
            "employee",
            "employees",
            "builder",
            "builders",
            "engineer",
            "engineers",
            "journalist",
            "journalists",
            "citizen",
            "citizens",
            "child",
            "children",
            "boy",
            "boys",
            "girl",
            "girls",
            "teenager",
            "teenagers",
            "herder",
            "herders",
            "labourer",
            "labourers",
            "laborer",
            "laborers",
            "resident's",
        ),
        "civilians",
    ),
    **dict.fromkeys(("policeman", "policemen", "police", "policewoman", "gendarme"), "police"),
    **dict.fromkeys(
        (
            "soldier",
            "soldiers",
            "serviceman",
            "servicemen",
            "troops",
            "officer",
            "officers",
            "conscript",
            "conscripts",
            "fighter",
            "fighters",
            "sergeant",
            "servicemembers",
            "servicemember",
            "military",
            "lieutenant",
            "private",
            "major",
            "captain",
        ),
        "military",
    ),
    **dict.fromkeys(
        ("deminer", "deminers", "sapper", "sappers", "de-miner", "de-miners"), "deminers"
    ),
    **dict.fromkeys(("peacekeeper", "peacekeepers"), "peacekeepers"),
    **dict.fromkeys(("official", "officials", "rescuer", "rescuers"), "officials"),
    **dict.fromkeys(
        (
            "people",
            "person",
            "persons",
            "man",
            "men",
            "woman",
            "women",
            "others",
            "other",
            "individuals",
            "individual",
            "victims",
            "victim",
            "members",
            "member",
            "passengers",
            "passenger",
        ),
        None,
    ),
    # Russian (the case forms a casualty sentence uses) and Azerbaijani
    **dict.fromkeys(
        (
            "человек",
            "человека",
            "люди",
            "людей",
            "мужчина",
            "мужчины",
            "женщина",
            "женщины",
            "сотрудник",
            "сотрудника",
            "сотрудники",
            "сотрудников",
            "nəfər",
            "nefer",
            "şəxs",
            "sexs",
            "şəxsi",
            "şəxslər",
            "kişi",
            "qadın",
        ),
        None,
    ),
    **dict.fromkeys(
        (
            "житель",
            "жителя",
            "жители",
            "жителей",
            "мирный",
            "мирных",
            "мирные",
            "гражданский",
            "гражданских",
            "гражданские",
            "пастух",
            "пастуха",
            "водитель",
            "водителя",
            "водители",
            "тракторист",
            "тракториста",
            "рабочий",
            "рабочих",
            "рабочие",
            "ребенок",
            "ребёнок",
            "ребенка",
            "ребёнка",
            "дети",
            "детей",
            "подросток",
            "подростка",
            "фермер",
            "mülki",
            "mulki",
            "sakin",
            "sakini",
            "sakinləri",
            "çoban",
            "sürücü",
            "sürücüsü",
            "işçi",
            "işçisi",
            "işçilər",
            "fermer",
            "uşaq",
            "mülkilər",
        ),
        "civilians",
    ),
    **dict.fromkeys(
        ("полицейский", "полицейского", "полицейские", "полицейских", "polis", "polislər"), "police"
    ),
    **dict.fromkeys(
        (
            "военнослужащий",
            "военнослужащего",
            "военнослужащие",
            "военнослужащих",
            "солдат",
            "солдата",
            "солдаты",
            "военный",
            "военного",
            "военные",
            "военных",
            "офицер",
            "офицера",
            "hərbçi",
            "hərbçilər",
            "hərbi",
            "qulluqçu",
            "qulluqçular",
            "əsgər",
            "əsgərlər",
            "zabit",
        ),
        "military",
    ),
    **dict.fromkeys(
        (
            "сапер",
            "сапёр",
            "сапера",
            "сапёра",
            "саперы",
            "сапёры",
            "саперов",
            "сапёров",
            "минер",
            "минёр",
            "minaaxtaran",
            "minaaxtaranlar",
            "sapyor",
        ),
        "deminers",
    ),
    **dict.fromkeys(
        ("миротворец", "миротворца", "миротворцы", "миротворцев", "sülhməramlı", "sülhməramlılar"),
        "peacekeepers",
    ),
}
# Nouns that name one person: with a casualty verb and no figure, they count 1.
_SINGULAR = {
    w
    for w in _VICTIMS
    if not w.endswith(
        (
            "s",
            "men",
            "lar",
            "lər",
            "ları",
            "ləri",
            "ы",
            "и",
            "ие",
            "ые",
            "ей",
            "ов",
            "ев",
            "ых",
            "их",
        )
    )
    and w
    not in {
        "people",
        "men",
        "women",
        "children",
        "police",
        "military",
        "troops",
        "other",
        "major",
        "private",
        "люди",
        "человек",
        "hərbi",
        "рабочие",
        "nəfər",
        "nefer",
    }
} | {"he", "she", "şəxs"}
_AZ_TEN = ("on", "nəfər")  # Azerbaijani "on" (ten) counts only before "nəfər": it is also English
_KILL = word_set(
    "killed kill kills killing died die dies dead death deaths lives life fatalities perished "
    "succumbed погиб погибли погибла погибло погибших убит убиты убита скончался скончалась "
    "скончались həlak helak öldü ölüb zohvel զոհվել զոհվեց həyatını heyatini"
)  # "həyatını itirib": lost his life
_INJURE = word_set(
    "injured injure injures injuring wounded wound wounding wounds hurt injuries injury "
    "hospitalized hospitalised maimed amputated amputation ранен ранены ранена ранено "
    "пострадал пострадали пострадала пострадавших ранения ранение ранений госпитализирован "
    "госпитализированы госпитализирована ампутировали ампутирована yaralandı yaralanıb "
    "yaralanıblar yaralanib yaralandi xəsarət xesaret վիրավորվել վիրավորվեց"
)
# A verb form that says one person ("погиб", "ранена"), when no figure is given.
_ONE_VERBS = word_set(
    "погиб погибла убит убита скончался скончалась ранен ранена пострадал пострадала "
    "госпитализирован госпитализирована получил получила ампутировали ампутирована amputated "
    "amputation"
)
# Died of wounds, fatally wounded, later died: the wound is the death's, not another victim.
_FATAL = {"fatally", "mortally", "смертельно"}
_WOUND_NOUNS = {"wounds", "wound", "injuries", "injury", "ранений", "ранения", "ранение"}
_CAUSE = word_set("of from to от his her their its полученных the")
_LATER = {"later", "subsequently", "afterwards", "позже", "впоследствии", "затем", "sonra"}
_IN_HOSPITAL = {"hospital", "больнице", "госпитале", "xəstəxanada"}
_NEGATION = {"not", "не", "never"}
_LIMB_LOSS = {"lost", "amputated", "amputation", "ампутировали", "ампутирована"}
_CONJUNCTIONS = {"and", "but", "и", "а", "но", "və"}
_LIMBS = word_set("leg legs foot feet arm arms hand hands limb limbs eye eyes")
# Russian puts the verb before its subject as often as after
_RIGHTWARD = word_set(
    "killed kill kills killing injured injure injures injuring wounded wound wounding hurt "
    "death deaths lives maimed погиб погибли погибла погибло убит убиты убита скончался "
    "скончалась скончались ранен ранены ранена ранено пострадал пострадали пострадала "
    "госпитализирован госпитализированы госпитализирована ранения ранение injury injuries"
)
_AUX = word_set("was were been being is are be got get have has had")
_PASSIVE = _AUX - {"have", "has", "had"}  # "had wounded two" is active; "had been" is not
_ADVERBS = word_set(
    "lightly slightly seriously severely critically badly fatally also reportedly mortally "
    "gravely moderately the of at least"
)
_LEFT_STOPS = word_set(
    ", ; : ( ) when while after as because where which who that said according but — – if "
    "когда после который которые что но а"
)
_RIGHT_STOPS = word_set(
    ", ; : ( ) . in on at near when while after as during from who which that — – by with "
    "around в во на при у возле около под когда после от из-за"
)
_ADDITIVE = {"also", "another", "further", "additional", "more"}

_TYPE_RULES = (  # (type, detail for notes, pattern), most specific first
    (
        "landmine",
        "anti-tank mine",
        r"anti[- ]?tank mines?|\btm-?\d{2}\b|противотанков|tank əleyhinə",
    ),
    (
        "landmine",
        "anti-personnel mine",
        r"anti[- ]?personnel mines?|\bpmn-?\d?\b|противопехотн|piyada əleyhinə",
    ),
    (
        "landmine",
        None,
        (
            r"land ?mines?|\bmines?\b(?![- ](?:action|clear|agency))|minefield|\bмин[аыуе]\b|"
            r"\bmina(?:ya|da|dan|nın|nin|lar\w*|ları)?\b|ական"
        ),
    ),
    (
        "unexploded ordnance",
        None,
        (
            r"unexploded|\buxo\b|ordnance|grenade|cluster (?:munition|bomb)|submunition|"
            r"shell exploded|projectile"
        ),
    ),
    ("shelling", None, r"shelling|shelled|artillery|mortar|rocket fire|обстрел"),
    (
        "shooting",
        None,
        r"shooting|\bshot\b|gunfire|sniper|opened fire|\bfired\b|\batəş(?!kəs)|стрельб|обстрелял",
    ),
    ("air strike", None, r"drone (?:strike|attack)|air ?strike|airstrike|kamikaze drone"),
    ("explosive", None, r"explosion|exploded|explosive|blast|detonat|взрыв|подорвал|partlay|պայթ"),
)
_TYPE_RES = tuple((kind, detail, re.compile(pattern)) for kind, detail, pattern in _TYPE_RULES)
_WAR = re.compile(
    r"\b(?:fighting|war|wars|hostilities|clashes|offensive|battles?|genocide|"
    r"massacre)\b"
)
_GENERIC = re.compile(
    r"\b(?:since the end|as of|"
    r"in recent years|over the past|с начала|с момента|с окончания|за последние|"
    r"в общей сложности|всего|bəri|ümumilikdə|indiyədək|indiyə qədər|"
    r"regularly|often|frequently|since|so far|in total|a total of|total|"
    r"annually|every year|per year|to date|overall|statistics|thousands of|"
    r"hundreds of|over the years|have been killed|have died|similar incidents)\b"
)
_PERFECT = re.compile(r"\b(?:have|has)\s+(?:been\s+)?(?:killed|injured|wounded|hurt|maimed|died)\b")
_HEDGE = re.compile(
    r"\b(?:reportedly|unconfirmed|unverified|allegedly|alleged|rumou?rs?|possibly|"
    r"may have|might have|could not be (?:independently )?(?:confirmed|verified)|"
    r"not (?:yet )?(?:been )?confirmed|unclear|not clear|uncertain)\b"
)
# "more than 200 soldiers", "около 300 человек": a figure over a period, not one incident's
_STATISTIC = re.compile(
    r"\b(?:more than|over|nearly|almost|about|around|some|up to|"
    r"более|свыше|около|почти|больше|не менее)\s+(\d[\d,.]*)|"
    r"\b(\d[\d,.]*)-?(?:dən|dan)\s+(?:çox|artıq)\b"
)
_STATISTIC_MIN = 50  # single incidents since 1994 (mines, a missile strike) stay below this
_NEW_INCIDENT = re.compile(
    r"\b(?:another|separately|separate incident|second incident|"
    r"in a separate|elsewhere|a different)\b"
)
_COREFERENCE = re.compile(
    r"\b(?:the|this|that|these|same|monday's|tuesday's|wednesday's|"
    r"thursday's|friday's|saturday's|sunday's) (?:blast|explosion|incident|"
    r"attack|mine|victims?|people|area|vehicle)\b|\bthe same\b|\bthese\b|\bother\b|"
    r"\bothers\b|\balso\b|\bboth\b"
)
_NO_CASUALTIES = re.compile(r"\bno (?:casualties|victims)\b|\bwithout casualties\b")
_NO_ONE = re.compile(
    r"\b(?:no one|nobody|no-one|none) (?:was|were|has been|had been) "
    r"(?:killed|hurt|injured|wounded)\b|\bno (?:injuries|deaths|fatalities)\b"
)
_TIME_PAREN = re.compile(r"\([^()]*\d{1,2}[:.]\d{2}[^()]*\)")

# Words before a place that make it the event's place, or merely mentioned.
_LOCATIVE = word_set(
    "in near at outside between around on of into inside across nearby close outskirts "
    "vicinity territory area within v vo bei dans pres yaxinliginda kendinde rayonunda в во "
    "под около возле близ у между"
)
_NEAR_WORDS = word_set(
    "near outside outskirts vicinity around close nearby km kilometres kilometers area "
    "environs direction towards road highway between под около возле близ у между"
)
_NEAR_AFTER = {"yaxınlığında", "ətrafında", "yaxinliginda", "etrafinda"}  # Azerbaijani: after
_MENTION_WORDS = word_set(
    "hospital clinic treatment treated taken transferred evacuated brought airlifted capital "
    "embassy ministry government told said announced reporters visit visited meeting summit "
    "talks native born headquarters office officials authorities press conference statement "
    "flew returned moved sent delivered resolution corridor blockade blamed blaming accused "
    "accusing spokesman spokeswoman spokesperson minister briefing больницу больнице "
    "госпиталь заявили сообщили xəstəxanaya прокуратура прокуратуры администрации "
    "администрация полиции больницы госпиталя"
)
_SPEECH_AFTER = word_set(
    "said says announced reported stated claimed accused denied officials authorities "
    "government blamed blames accuses denies insisted insists warned urged condemned called "
    "demanded hospital clinic based ministry embassy prokurorluğu prokurorluq icra "
    "xəstəxanası xəstəxanasına nazirliyi şöbəsi bildirib bildirdi"
)
# Words that end a mention's reach: past them, a place is the event's again ("officials
# said a mine exploded in X").
_EVENT_WORDS = word_set(
    "exploded explosion blast mine landmine struck hit stepped detonated went shelling "
    "shelled fired взрыв подорвался подорвались partlayış"
)
_FILLER = word_set("the a an of village town city settlement district region its this")
_RESIDENT = word_set(
    "resident residents native inhabitant inhabitants житель жительница жители жителя "
    "уроженец уроженка"
)
_RESIDENT_AFTER = {"sakini", "sakinləri", "sakinlərindən", "sakin"}
_FROM = {"from", "со", "с", "из"}  # with _ORIGIN_WORDS between: where people or fire came from
_ORIGIN_WORDS = _FILLER | {
    "direction",
    "positions",
    "position",
    "territory",
    "side",
    "armenian",
    "azerbaijani",
    "стороны",
    "позиций",
    "направления",
    "территории",
    "села",
    "города",
    "района",
}
_FROM_AFTER = {"istiqamətindən", "tərəfdən", "mövqelərindən", "ərazisindən", "tərəfindən"}
_FEATURE_NOUNS = word_set(
    "tunnel bridge road highway checkpoint reservoir pass dam field cemetery village town "
    "city settlement"
)
# Case endings of Russian and Armenian words (folded), for names written inflected.
_INFLECTIONS = (
    "skogo",
    "skomu",
    "skoy",
    "skiy",
    "skii",
    "skom",
    "skaya",
    "skuyu",
    "skie",
    "skikh",
    "ium",
    "um",
    "its",
    "ov",
    "om",
    "oy",
    "in",
    "e",
    "u",
    "y",
    "i",
    "a",
    "n",
)
_KIND_FORMS = {
    "rayone": "district",
    "rayona": "district",
    "rayonom": "district",
    "oblasti": "province",
    "sele": "settlement",
    "sela": "settlement",
    "gorode": "settlement",
    "goroda": "settlement",
    "derevne": "settlement",
    "poselke": "settlement",
    "gyughum": "settlement",
    "shrjanum": "district",
    "kendi": "settlement",
    "kendinde": "settlement",
    "rayonunda": "district",
}
# Common words and personal names that are also some place's spelling.
_STOP_SPELLINGS = word_set(
    "bank banka bard bert chalet dogs gay nor sen sis swan tala tous satin saki moses omar "
    "lenin kirov yuri ismail nizami babak talib sabir madina vahan narek arum ara gel mola "
    "shen tex kur bina dili gos bum ish zar uba lal march may mart aprel azad azat chinar "
    "fontan ganja karin masis sevan gurgen samur murov nadel sabira razin amber amberd kala "
    "qala eller dast arpa garni vedi vank jermuk"
)
_STOP_SPELLINGS -= {
    "ganja",
    "sevan",
    "garni",
    "vedi",
    "vank",
    "jermuk",
    "masis",
    "kala",
    "qala",
    "amberd",
    "murov",
    "arpa",
}  # real places a report names in a place context
_STOP_SPELLINGS |= {"nagorno", "karabakh", "artsakh", "armenia", "azerbaijan", "russia", "baku'"}

# -- dates ----------------------------------------------------------------------------------


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


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
_DATE_PATTERNS = tuple(
    (name, re.compile(pattern, re.IGNORECASE))
    for name, pattern in (
        # Azerbaijani: "2024-cü il 21 iyun", "Mayın 29-da", "İyunun 1-də", "dekabrın 5-i"
        (
            "az_ydm",
            (
                rf"\b(?P<y>{_YEAR})-?(?:ci|cı|cu|cü|ji)?\s+(?:il(?:in)?)\s+(?P<d>\d{{1,2}})"
                rf"\s+(?P<mon>{_MON})(?![^\W\d_])"
            ),
        ),
        (
            "az_md",
            (
                rf"(?:\b(?P<y>{_YEAR})-?(?:ci|cı|cu|cü|ji)?\s+il(?:in)?\s+)?(?<![^\W\d_])"
                rf"(?P<mon>{_AZ_MON})\w\w\s+(?P<d>\d{{1,2}})"
                rf"(?:-?(?:[^\W\d_]{{1,4}}))?(?!\d)"
            ),
        ),
        ("ymd", rf"\b(?P<y>{_YEAR})-(?P<m>\d{{1,2}})-(?P<d>\d{{1,2}})\b"),
        ("dmy_num", rf"\b(?P<d>\d{{1,2}})[./](?P<m>\d{{1,2}})[./](?P<y>{_YEAR})\b"),
        (
            "dmy",
            (
                rf"(?:\b(?P<wd>{_WD}),?\s+)?(?:the\s+)?\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+"
                rf"(?P<mon>{_MON})(?![^\W\d_])\.?(?:,?\s+(?P<y>{_YEAR})\b)?"
            ),
        ),
        (
            "mdy",
            (
                rf"(?:\b(?P<wd>{_WD}),?\s+)?(?<![^\W\d_])(?P<mon>{_MON})\.?\s+(?P<d>\d{{1,2}})"
                rf"(?:st|nd|rd|th)?(?!\d|:)(?:,?\s+(?P<y>{_YEAR})\b)?"
            ),
        ),
        ("my", rf"(?<![^\W\d_])(?P<mon>{_MON})\.?,?\s+(?:of\s+)?(?P<y>{_YEAR})\b"),
        ("wd", rf"(?:\b(?P<last>last|this|past)\s+)?\b(?P<wd>{_WD})\b"),
        (
            "rel",
            (
                r"\b(?P<rel>yesterday|today|tonight|last night|this morning|this afternoon|"
                r"this evening|earlier today|overnight|вчера|сегодня|dünən|bu gün)\b"
            ),
        ),
        ("y", rf"\b(?:in|during|of)\s+(?P<y>{_YEAR})\b"),
    )
)
_RELATIVE_DAYS = {"yesterday": -1, "last night": -1, "overnight": -1, "вчера": -1, "dünən": -1}
_WEEKDAY_CYCLE = 11  # a weekday repeats on a day and month within 11 years
# Words that make a date the start or end of a period ("since November 2020"), not an event's day.
_PERIOD_WORDS = word_set("since until till from through с со до начиная")
_PERIOD_AFTER = {"bəri", "etibarən", "qədər"}  # Azerbaijani postpositions: "...-dən bəri"


@dataclass(frozen=True, slots=True)
class _Date:
    """A date found in a sentence: the day, its precision, and how it was read."""

    value: dt.date
    precision: str  # day, month, year
    how: str  # explicit, relative, text-year (the year from the text), published
    surface: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class _TextYears:
    """What a text without a publication date says about years: its full dates (offset, date)
    and the latest year it names. Year-less dates take their year from these, never from
    the machine's clock."""

    full: tuple[tuple[int, dt.date, str], ...]
    latest: int | None

    @classmethod
    def of(cls, text: str) -> _TextYears:
        full = tuple(
            (offset, d.value, d.surface)
            for offset, d in _find_dates(text, None, False)
            if d.precision == "day" and d.how == "explicit"
        )
        years = [int(y) for y in re.findall(rf"(?<!\d){_YEAR}(?!\d)", text)]
        return cls(full, max(years) if years else None)


def _resolve_date(
    name: str,
    match: re.Match[str],
    reference: dt.date | None,
    published: bool,
    years: _TextYears | None = None,
    offset: int = 0,
) -> _Date | None:
    """One date match read against the publication date, else against the text's own years
    (``years``; ``offset`` places the match in the text)."""
    groups = match.groupdict()
    surface = match.group(0)
    weekday = WEEKDAY_NAMES.get((groups.get("wd") or "").lower())
    if name == "rel":
        if reference is None or not published:
            return None
        offset = _RELATIVE_DAYS.get(groups["rel"].lower(), 0)
        return _Date(reference + dt.timedelta(days=offset), "day", "relative", surface)
    if name == "wd":
        if reference is None or not published or weekday is None:
            return None
        back = (reference.weekday() - weekday) % 7
        if back == 0 and (groups.get("last") or "").lower() in ("last", "past"):
            back = 7
        return _Date(reference - dt.timedelta(days=back), "day", "relative", surface)
    month = (
        int(groups["m"])
        if groups.get("m")
        else MONTH_NAMES.get((groups.get("mon") or "").lower().replace("i\u0307", "i").rstrip("."))
    )
    if month is None or not 1 <= month <= 12:
        return None
    mon_word = groups.get("mon") or ""
    if mon_word == "may" and not groups.get("y") and name != "az_md":
        return None  # the verb, not the month
    if mon_word.lower() in ("mar", "jan", "jun", "dec") and mon_word.islower():
        return None
    year = int(groups["y"]) if groups.get("y") else None
    if name in ("y", "my") and year is None:
        return None  # the patterns require the year; kept for the type checker
    if name == "y":
        return _Date(dt.date(cast(int, year), 1, 1), "year", "explicit", surface)
    if name == "my":
        return _Date(dt.date(cast(int, year), month, 1), "month", "explicit", surface)
    day = int(groups["d"])
    if year is not None:
        try:
            value = dt.date(year, month, day)
        except ValueError:
            return None
        note = ""
        if weekday is not None and value.weekday() != weekday:
            note = f"{surface!r}: the weekday does not match the date"
        return _Date(value, "day", "explicit", surface, note)
    if reference is not None and published:
        return _year_for(month, day, weekday, reference, surface)
    return _year_from_text(month, day, weekday, years, offset, surface)


def _real_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _year_for(
    month: int, day: int, weekday: int | None, reference: dt.date, surface: str
) -> _Date | None:
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
        return _Date(candidates[0], "day", "relative", surface)
    agreeing = [c for c in candidates if c.weekday() == weekday]
    if agreeing:
        return _Date(agreeing[0], "day", "relative", surface)
    return _Date(
        candidates[0],
        "day",
        "relative",
        surface,
        f"{surface!r}: the weekday does not match {candidates[0].isoformat()}",
    )


def _year_from_text(
    month: int, day: int, weekday: int | None, years: _TextYears | None, offset: int, surface: str
) -> _Date | None:
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
            return _Date(
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
                return _Date(
                    real,
                    "day",
                    "text-year",
                    surface,
                    f"year {year} inferred from the weekday in {surface!r}: the first "
                    f"that agrees from {years.latest}, the latest year the text names",
                )
    return None


def _find_dates(
    text: str,
    reference: dt.date | None,
    published: bool,
    years: _TextYears | None = None,
    base: int = 0,
    yearless: list[str] | None = None,
) -> list[tuple[int, _Date]]:
    """Every date in ``text`` with its offset, longest forms first, none overlapping.
    ``base`` is the offset of ``text`` in the article; the surfaces of days whose year is
    unknown go to ``yearless``."""
    taken = bytearray(len(text))  # 1 where an earlier (longer) form matched
    found: list[tuple[int, _Date]] = []
    for name, pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if taken.find(1, start, end) != -1:
                continue
            taken[start:end] = b"\x01" * (end - start)
            date = _resolve_date(name, match, reference, published, years, base + start)
            if date is not None:
                found.append((start, date))
            elif (
                yearless is not None
                and not published
                and name not in ("y", "my")
                and not match.groupdict().get("y")
            ):
                yearless.append(match.group(0))
    return sorted(found, key=lambda item: item[0])


_WIRE_DATELINE = re.compile(  # "BAKU, Dec 27 (Reuters) -", "STEPANAKERT, 3 May —"
    r"\W*[A-ZА-ЯƏ][A-ZА-ЯƏ'’./-]+(?:\s[A-ZА-ЯƏ][A-ZА-ЯƏ'’./-]+){0,2},\s+(?P<date>[^()\n]{3,40}?)"
    r"\s*(?:\([^()\n]{2,40}\)\s*)?[-–—]{1,2}\s"
)
_STATEMENT = word_set(
    "said says told announced reported stated added confirmed statement reporters briefing "
    "wrote posted заявил заявили сообщил сообщили сообщает bildirib bildirdi açıqlamasında"
)
_ACCUSATION = re.compile(
    r"\b(?:blam(?:e|ed|es|ing)|accus(?:e|ed|es|ing)|responsible for|laying|"
    r"planting|planted)\b|обвини|обвиня|ittiham|günahland"
)


def _event_dates(
    raw: str,
    reference: dt.date | None,
    published: bool,
    years: _TextYears | None = None,
    base: int = 0,
    yearless: list[str] | None = None,
) -> tuple[list[_Date], list[_Date]]:
    """A sentence's dates: the event's, and those of a dateline or a statement ("the ministry
    said on Saturday"), which date the event only when nothing else does. The start or end of
    a period ("since November 2020", "until 2025") is background and dates nothing."""
    wire = _WIRE_DATELINE.match(raw)
    event, said = [], []
    for offset, date in _find_dates(raw, reference, published, years, base, yearless):
        words = [t.lower() for t in _TOKEN.findall(raw[max(0, offset - 50) : offset])][-4:]
        after = [t.lower() for t in _TOKEN.findall(raw[offset + len(date.surface) :][:30])][:2]
        if set(words[-2:]) & _PERIOD_WORDS or set(after) & _PERIOD_AFTER:
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


def _wire_date(text: str, reference: dt.date | None, published: bool) -> dt.date | None:
    """The day of a wire dateline opening the text ("BAKU, Dec 27 (Reuters) -")."""
    for line in text[:400].lstrip().splitlines()[:4]:
        if (wire := _WIRE_DATELINE.match(line)) is not None:
            found = _find_dates(wire.group("date"), reference, published)
            days = [
                d.value
                for _, d in found
                if d.precision == "day" and (published or d.how == "explicit")
            ]  # no year guessed
            return days[0] if days else None
    return None


def _dateline(text: str) -> dt.date | None:
    """A full date near the top of an article (its dateline), if any."""
    head = text[:300]
    for start, date in _find_dates(head, None, False):
        if (
            date.precision == "day"
            and date.how == "explicit"
            and "\n" in text[start:]
            and text[:start].count("\n") <= 3
        ):
            return date.value
    return None


def _parse_published(published: object) -> dt.date | None:
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
            if match and (date := _resolve_date(name, match, None, False)):
                return date.value
        raise InvalidInput(
            f"cannot read the publication date {published!r}; write it as 2023-09-19",
            field="published",
        )
    raise InvalidInput(
        f"the publication date must be a date or text, not {type(published).__name__}",
        field="published",
    )


# -- places ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Hit:
    """A place name found in the text."""

    start: int  # offsets into the original text
    end: int
    key: str  # folded spelling
    kind: str | None  # asked for by a qualifier ("district", "village of")
    qualifier_end: int  # end offset including a following qualifier word


class _Finder:
    """Every gazetteer spelling in one Aho–Corasick automaton over folded text."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.spellings = gazetteer.spellings()
        self.automaton = ahocorasick.Automaton()
        for key in self.spellings:
            if len(key) < 3 or key in _STOP_SPELLINGS or key.isdigit():
                continue
            self.automaton.add_word(key, key)
        self.automaton.make_automaton()
        self.areas = [p for p in gazetteer.places if p.kind in AREAS]

    def hits(self, text: str) -> list[_Hit]:
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
        hits: list[_Hit] = []
        covered = -1
        spans = _word_spans(folded)
        words = ([a for a, _ in spans], [b for _, b in spans])
        for first, end, key in found:
            if first < covered:
                continue
            start, stop = offsets[first], offsets[end - 1] + 1
            surface = text[start:stop]
            if not self._proper(surface, key) or _patronymic(folded, end):
                continue
            kind, qualifier_end = self._qualifier(folded, offsets, words, first, end)
            hits.append(_Hit(start, stop, key, kind, qualifier_end))
            covered = end
        return hits

    def _proper(self, surface: str, key: str) -> bool:
        """A name as written in a report: some word capitalised; short names exactly."""
        if len(key) <= 3:
            places = self.spellings.get(key, ())
            return any(surface == p.name for p in places)
        return any(word[:1].isupper() for word in surface.split())

    def _inflected(self, folded: str, offsets: list[int], text: str) -> list[tuple[int, int, str]]:
        """Cyrillic and Armenian words whose stem is a known spelling ("Шуше", "Շուշիում")."""
        found = []
        for match in re.finditer(r"[a-z]{4,}", folded):
            original = text[offsets[match.start()]]
            if not ("\u0400" <= original <= "\u04ff" or "\u0530" <= original <= "\u058f"):
                continue
            word = match.group(0)
            if word in self.spellings:
                continue
            for ending in _INFLECTIONS:
                if not word.endswith(ending) or len(word) - len(ending) < 3:
                    continue
                stem = word[: -len(ending)]
                stems = [stem]
                if ending.startswith("sk") and stem.endswith("n"):  # "Шушинского": Shush(a)-in-sk
                    stems.append(stem[:-2] if stem.endswith("in") else stem[:-1])
                for key in (k for st in stems for k in (st, st + "a", st + "i")):
                    if key in self.spellings and key not in _STOP_SPELLINGS:
                        found.append((match.start(), match.end(), key))
                        break
                else:
                    continue
                break
        return found

    @staticmethod
    def _qualifier(
        folded: str, offsets: list[int], words: tuple[list[int], list[int]], first: int, end: int
    ) -> tuple[str | None, int]:
        """The kind a neighbouring word asks for, and where the name with its qualifier ends."""
        starts, ends = words
        after = [(starts[i], ends[i]) for i in [bisect_right(starts, end)] if i < len(starts)]
        if after:
            word = folded[after[0][0] : after[0][1]]
            kind = strip_qualifiers(word)[1] or _KIND_FORMS.get(word)
            if kind:
                return kind, offsets[after[0][1] - 1] + 1
        last = bisect_left(ends, first)  # words[:last] end before the name
        before = [folded[starts[i] : ends[i]] for i in range(max(0, last - 2), last)]
        if len(before) == 2 and before[1] in ("of", "v") and strip_qualifiers(before[0])[1]:
            return strip_qualifiers(before[0])[1], offsets[end - 1] + 1
        return None, offsets[end - 1] + 1


_PATRONYMIC_FOLDED = re.compile(
    r" (?:oglu|ogly|qizi|gizi|kyzy|kizi|[a-z]+(?:ovich|evich|ovna|evna|ichna))\b"
)


def _patronymic(folded: str, end: int) -> bool:
    """Is the name ending at ``end`` a person's, followed by a patronymic ("Vəli oğlu")?"""
    return _PATRONYMIC_FOLDED.match(folded, end) is not None


def _word_spans(folded: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(r"[a-z0-9]+", folded)]


@lru_cache(maxsize=8)
def _finder(gazetteer: Gazetteer) -> _Finder:
    return _Finder(gazetteer)


# -- text structure -------------------------------------------------------------------------

_ABBREVIATIONS = word_set(
    "a.m p.m mr mrs ms dr st no vs u.s u.n jan feb aug sept sep oct nov dec gen col lt sgt "
    "capt maj km approx etc e.g i.e inc ltd jr sr"
)
_SENTENCE_END = re.compile(r"[.!?…։]+[\"”»’)]*\s+(?=[\"“«(]?[^\W_a-zа-яա-ֆ])")
_TOKEN = re.compile(r"\d+(?:[.,:]\d+)*|[^\W\d_]+(?:[-'’][^\W\d_]+)*|[^\w\s]")


@dataclass(frozen=True, slots=True)
class _Sentence:
    start: int
    end: int
    paragraph: int


def _sentences(text: str) -> list[_Sentence]:
    """Sentences with their offsets and paragraph number; a line break ends a sentence unless
    the next line goes on in lower case (hard-wrapped text)."""
    out: list[_Sentence] = []
    paragraph = 0
    position = 0
    for block in re.split(r"(\n[ \t]*\n\s*)", text):
        if not block.strip() or block.startswith("\n") and not block.strip():
            position += len(block)
            if block.strip() == "":
                paragraph += 1
            continue
        lines = block.split("\n")
        offset = position
        pieces: list[tuple[int, int]] = []
        for line in lines:
            start, end = offset, offset + len(line)
            if pieces and line.strip()[:1].islower():
                pieces[-1] = (pieces[-1][0], end)
            elif line.strip():
                pieces.append((start, end))
            offset = end + 1
        for start, end in pieces:
            cut = start
            for match in _SENTENCE_END.finditer(text, start, end):
                before = text[cut : match.start()].split()
                last_word = before[-1].lower().rstrip(".") if before else ""
                if last_word in _ABBREVIATIONS or (len(last_word) == 1 and last_word.isalpha()):
                    continue
                out.append(_Sentence(cut, match.start() + len(match.group(0).rstrip()), paragraph))
                cut = match.end()
            if text[cut:end].strip():
                out.append(_Sentence(cut, end, paragraph))
        position += len(block)
    return [s for s in out if text[s.start : s.end].strip()]


# -- casualties -----------------------------------------------------------------------------


@dataclass(slots=True)
class _Count:
    """A casualty figure for one sentence: the known sum, whether part is vague, and notes."""

    total: int | None = None  # None: no figure stated
    vague: list[str] = field(default_factory=list)
    additive: bool = False
    phrases: list[str] = field(default_factory=list)
    converted: int = 0  # killed who were first counted injured ("later died of wounds")

    def add(self, value: int | None, phrase: str) -> None:
        if value is None:
            self.vague.append(phrase)
        else:
            self.total = (self.total or 0) + value
        self.phrases.append(phrase)


def _number(token: str) -> int | None:
    if token.isdigit():
        value = int(token)
        return value if value < 1000 else None
    return _NUMBER_WORDS.get(token)


def _groups(
    tokens: Sequence[str], verb_adjacent_end: bool
) -> tuple[list[tuple[int | None, str]], set[str]]:
    """Number-and-noun groups in a stretch of words: "four police officers and two civilians"."""
    groups: list[tuple[int | None, str]] = []
    victims: set[str] = set()
    pending: tuple[int | None, int, str] | None = None  # value, index, word
    for index, token in enumerate(tokens):
        if token in _VAGUE or (token == "few" and index and tokens[index - 1] == "a"):
            pending = (None, index, token)
            continue
        value = _number(token)
        if (token, tokens[index + 1] if index + 1 < len(tokens) else "") == _AZ_TEN:
            value = 10
        if token == "another" or (token == "other" and index and tokens[index - 1] == "the"):
            value = 1  # "another person", "the other (was wounded)"
        if value is not None and not (token in ("a", "an") and pending and pending[0] is None):
            if pending and pending[0] is not None and token in _ARTICLES:
                continue
            pending = (value, index, token)
            continue
        if (
            token == "police"
            and index + 1 < len(tokens)
            and tokens[index + 1] in ("officer", "officers", "man", "men", "woman", "women")
        ):
            continue
        if token in ("them", "those", "whom") and pending is not None and index - pending[1] <= 2:
            groups.append((pending[0], f"{pending[2]} of {token}"))  # "one of them"
            pending = None
            continue
        if token in _VICTIMS:
            category = _VICTIMS[token]
            if (
                token in ("officer", "officers", "men", "man", "women", "woman")
                and index
                and tokens[index - 1] == "police"
            ):
                category = "police"
            if category:
                victims.add(category)
            if pending is not None and index - pending[1] <= 4:
                groups.append((pending[0], f"{pending[2]} {token}"))
            pending = None
            continue
        if token in (",", "and", "including", "plus") or token.isalpha():
            continue
        pending = None
    if (
        pending is not None
        and verb_adjacent_end
        and pending[2] not in _ARTICLES
        and pending[1] >= len(tokens) - 2
    ):
        groups.append((pending[0], pending[2]))
    return groups, victims


def _casualties(
    tokens: Sequence[str], cased: Sequence[str] | None = None
) -> tuple[_Count, _Count, set[str]]:
    """Killed and injured figures stated in one sentence's tokens (``cased``: the same tokens
    as written, for people named without a figure), and the victims named."""
    killed, injured = _Count(), _Count()
    victims: set[str] = set()
    cased = cased if cased is not None else [t.lower() for t in tokens]  # None: count no names
    for index, token in enumerate(tokens):
        before = tokens[max(0, index - 3) : index]
        if token in ("həyatını", "heyatini") and tokens[index + 1 : index + 2] not in (
            ["itirib"],
            ["itirdi"],
            ["itiriblər"],
            ["itirmişdir"],
        ):
            continue
        if token in _KILL:
            count = killed
        elif token in _INJURE or (token == "lost" and _LIMBS & set(tokens[index + 1 : index + 4])):
            count = injured  # "lost his leg": injured, the victim before the verb
            if token in _LIMB_LOSS and any(t in _INJURE and t not in _LIMB_LOSS for t in tokens):
                continue  # "three were hurt; one lost a foot": one of those three
            if (
                token in _WOUND_NOUNS
                and set(before) & _CAUSE
                and set(tokens[max(0, index - 5) : index]) & _KILL
            ):
                continue  # "died of his wounds": the death's cause, counted as killed
            if _FATAL & set(before):
                count = killed  # "fatally wounded"
        else:
            continue
        if before[-1:] and before[-1] in _NEGATION:
            continue  # "was not hurt", "не пострадал"
        if token in ("life", "lives") and not (
            index and tokens[index - 1] in ("their", "his", "her", "the", "lost", "claimed")
        ):
            continue
        if token == "death" and index + 1 < len(tokens) and tokens[index + 1] == "toll":
            continue
        groups: list[tuple[int | None, str]] = []
        window: list[str] = []
        right_window: list[str] = []
        previous = [t for t in tokens[max(0, index - 3) : index] if t not in _ADVERBS]
        passive = bool(previous) and previous[-1] in _PASSIVE
        if token in _RIGHTWARD and not passive:
            right = index + 1
            while right < len(tokens) and tokens[right] in _ADVERBS | {"of", "the", "at", "least"}:
                right += 1
            stop = right
            while (
                stop < len(tokens)
                and tokens[stop] not in _RIGHT_STOPS
                and tokens[stop] not in _KILL | _INJURE | _AUX
            ):
                stop += 1
            window = right_window = list(tokens[right:stop])
            if window[:1] and window[0] in _CONJUNCTIONS:  # "погибли и двое ранены": next clause
                window = right_window = []
            groups, found = _groups(window, verb_adjacent_end=False)
            if window and _number(window[0]) is not None and not groups:
                groups = [(_number(window[0]), window[0])]
            victims |= found
        subject: list[str] = []
        if not groups:
            start = index
            while (
                start > 0
                and tokens[start - 1] not in _LEFT_STOPS
                and tokens[start - 1] not in _KILL | _INJURE
            ):
                start -= 1
            subject = list(tokens[start:index])
            window = [t for t in subject if t not in _AUX and t not in _ADVERBS - {"the"}]
            if "no" in window or "nobody" in window:  # "no one was hurt": a zero, read apart
                continue
            groups, found = _groups(window, verb_adjacent_end=True)
            outer = start
            for _ in range(2 if not groups else 0):
                # "Two civilians, a man and his son, were injured": the outermost phrase counts
                if outer < 2 or tokens[outer - 1] != ",":
                    break
                end, outer = outer - 1, outer - 1
                while (
                    outer > 0
                    and tokens[outer - 1] not in _LEFT_STOPS
                    and tokens[outer - 1] not in _KILL | _INJURE
                ):
                    outer -= 1
                groups = (
                    _groups(
                        [t for t in tokens[outer:end] if t not in _AUX], verb_adjacent_end=False
                    )[0]
                    or groups
                )
            victims |= found
        later = token in _KILL and bool(
            set(tokens[max(0, index - 2) : index]) & _LATER
            or token == "succumbed"
            or set(tokens[index + 1 : index + 5]) & (_IN_HOSPITAL | _WOUND_NOUNS)
        )
        if not groups and later and injured.total is not None and "and" in subject[-2:]:
            groups = [(injured.total, token)]  # "were wounded and later died": the same people
        if not groups and not count.vague and count.total is None:  # else the same person
            named = (
                []
                if set(subject + right_window) & _NOT_ONLY_NAMES
                else _named_people(cased[index + 1 : index + 1 + len(right_window)])
                or _named_people(cased[index - len(subject) : index])
                or (
                    _named_people(
                        cased[max(0, index - len(subject) - 8) : index - len(subject) - 1]
                    )
                    if index - len(subject) >= 1
                    and tokens[index - len(subject) - 1] == ","
                    and not [t for t in subject if t not in _AUX | _ADVERBS]
                    else []
                )
            )
            one = _one_victim(tokens, index, subject) or _one_victim(tokens, index, right_window)
            if named:
                groups = [(len(named), ", ".join(named))]
            elif one:
                groups = [(1, one)]
        for value, phrase in groups:
            count.add(value, phrase)
        if later and groups:  # "later died in hospital", "died of his wounds": counted injured
            killed.converted += sum(v for v, _ in groups if v is not None)
        if groups and any(t in _ADDITIVE for t in window + list(tokens[max(0, index - 2) : index])):
            count.additive = True
    return killed, injured, victims


_PATRONYMIC = word_set("oğlu oglu qızı qizi оглу кызы ogly kyzy gizi")
# A victim noun or a possessive beside the names: "Ali Aliyev and his son" are not just names.
_NOT_ONLY_NAMES = set(_VICTIMS) | {"his", "her", "their", "its", "его", "её", "их"}
_NOT_NAMES = {
    *MONTH_NAMES,
    *WEEKDAY_NAMES,
    *_VICTIMS,
    *_FILLER,
    *_KIND_FORMS,
    *_EVENT_WORDS,
    *_KILL,
    *_INJURE,
    "district",
    "region",
    "province",
    "rayonu",
    "район",
    "района",
    "районе",
    "mine",
    "mines",
    "landmine",
    "blast",
    "explosion",
    "shelling",
    "attack",
    "strike",
    "drone",
    "rocket",
    "missile",
    "device",
    "ordnance",
    "incident",
}


def _named_people(words: Sequence[str]) -> list[str]:
    """People named in a stretch of words as written: runs of two or more capitalised words
    ("Farid Aliyev", "Вугар Алиев и Рашад Мамедов" = two; a patronymic belongs to its run)."""
    people: list[str] = []
    run: list[str] = []
    for word in [*words, "."]:
        name_like = (
            word[:1].isupper()
            and word.isalpha()
            and not word.isupper()
            and word.lower() not in _NOT_NAMES
        )
        if name_like or (run and word.lower() in _PATRONYMIC):
            run.append(word)
            continue
        if len(run) >= 2:
            people.append(" ".join(run))
        run = []
    return people


def _one_victim(tokens: Sequence[str], index: int, subject: list[str]) -> str | None:
    """The word that makes a casualty one person when no figure is given: a verb form that
    says one ("погиб"), or a subject naming one person ("the driver", "he")."""
    token = tokens[index]
    if token in _ONE_VERBS:
        return token
    if token in _WOUND_NOUNS and index and tokens[index - 1] in _ONE_VERBS:
        return tokens[index - 1]  # "получил ранения"
    words = set(subject)
    if words & {"and", "were", "are", "have", "и", "və", "they"} or words & _VAGUE:
        return None
    plural = [w for w in subject if w in _VICTIMS and w not in _SINGULAR]
    singular = [w for w in subject if w in _SINGULAR]
    return singular[0] if singular and not plural else None


# -- sentences and incidents ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Anchor:
    """A place a sentence puts the event at."""

    place: Place
    surface: str
    near: bool  # "near X", "between X and Y", a road: not the place itself
    score: float
    other: Place | None = None  # the second place of "between X and Y"


@dataclass(slots=True)
class _Facts:
    """What one event sentence says."""

    text: str
    paragraph: int
    kinds: list[tuple[int, str, str | None]]  # (rank, type, detail)
    killed: _Count
    injured: _Count
    victims: set[str]
    dates: list[_Date]
    anchors: list[_Anchor]
    said_dates: list[_Date]  # the day of a statement or dateline: the event's only if no other
    hedged: bool
    new_cue: bool
    coreference: bool
    zero_killed: bool
    zero_injured: bool
    headline: bool = False
    yearless: list[str] = field(default_factory=list)  # days whose year the text does not give


def _date_rank(date: _Date) -> tuple[int, int]:
    """Which of an incident's dates is its own: days before months before years (a month or a
    year beside a day is background: "on Monday, in fields mined in November 2020"), then
    explicit before relative before inferred."""
    how = ("explicit", "relative", "text-year").index(date.how) if date.how != "published" else 9
    return PRECISION_RANK[date.precision], how


def _counted(fact: _Facts) -> bool:
    return fact.killed.total is not None or fact.injured.total is not None


def _towns(anchors: Iterable[_Anchor]) -> list[Place]:
    """The towns, villages and features among anchors (not areas, not "between X and Y")."""
    return [a.place for a in anchors if a.place.kind not in AREAS and a.other is None]


@dataclass(slots=True)
class _Incident:
    """Event sentences told of one incident, with what is read from them kept up to date as
    :meth:`add` brings more, so that a long roundup stays linear."""

    facts: list[_Facts] = field(default_factory=list)
    told: _Date | None = None  # the best date its sentences give the event (see _date_rank)
    said: _Date | None = None  # the best statement or dateline day, used when no other
    by_place: dict[tuple, _Anchor] = field(default_factory=dict)  # the surest anchor per place
    body_towns: dict[str, Place] = field(default_factory=dict)  # towns named outside headlines
    body_counted: bool = False  # a sentence outside headlines gives a figure
    kind: tuple[int, str, str | None] | None = None  # the most specific (rank, type, detail)
    _location: tuple | None | bool = False  # False: not computed since the last add

    def __post_init__(self) -> None:
        facts, self.facts = self.facts, []
        self.add(facts)

    def add(self, facts: list[_Facts]) -> None:
        for fact in facts:
            self.facts.append(fact)
            for date in fact.dates:
                if self.told is None or _date_rank(date) < _date_rank(self.told):
                    self.told = date
            for kind in fact.kinds:
                if self.kind is None or kind < self.kind:
                    self.kind = kind
            for date in fact.said_dates:
                if self.said is None or _date_rank(date) < _date_rank(self.said):
                    self.said = date
            for anchor in fact.anchors:
                key = (anchor.place.id, anchor.other and anchor.other.id, anchor.near)
                if key not in self.by_place or anchor.score > self.by_place[key].score:
                    self.by_place[key] = anchor
            if not fact.headline:
                self.body_towns.update((p.id, p) for p in _towns(fact.anchors))
                self.body_counted = self.body_counted or _counted(fact)
        self._location = False

    @property
    def date(self) -> _Date | None:
        return self.told or self.said

    @property
    def anchors(self) -> list[_Anchor]:
        """One anchor per place (the surest), surest first."""
        return sorted(self.by_place.values(), key=lambda a: -a.score)


PRECISION_RANK = {"day": 0, "month": 1, "year": 2}


def _statistic(lower: str) -> bool:
    """Does the sentence give a figure over a period ("more than 200 soldiers")?"""
    for match in _STATISTIC.finditer(lower):
        digits = re.sub(r"\D", "", match.group(1) or match.group(2))
        if digits and int(digits) >= _STATISTIC_MIN:
            return True
    return False


def _analyse(
    text: str,
    sentence: _Sentence,
    hits: list[_Hit],
    finder: _Finder,
    reference: dt.date | None,
    published: bool,
    text_areas: dict[str, Place],
    years: _TextYears | None = None,
) -> _Facts | None:
    """The facts of one sentence, or None when it tells of no incident."""
    raw = text[sentence.start : sentence.end]
    lower = raw.lower()
    kinds = [
        (rank, kind, detail)
        for rank, (kind, detail, pattern) in enumerate(_TYPE_RES)
        if pattern.search(lower)
    ]
    cased = _TOKEN.findall(raw)
    tokens = [t.lower().replace("’", "'").replace("i\u0307", "i") for t in cased]
    headline = not raw.rstrip().endswith((".", "!", "?", "։", "…", '"', "”", "»"))
    # a headline capitalises every word: no names to count there
    killed, injured, victims = _casualties(tokens, None if headline else cased)
    zero_all = bool(_NO_CASUALTIES.search(lower))
    zero = _NO_ONE.search(lower)
    zero_killed = zero_all or bool(zero and re.search(r"killed|deaths|fatalities", zero.group(0)))
    zero_injured = zero_all or bool(zero and re.search(r"hurt|injur|wound", zero.group(0)))
    has_count = (
        killed.total is not None or injured.total is not None or killed.vague or injured.vague
    )
    if not kinds and not has_count and not (zero_killed or zero_injured):
        return None
    specific = any(rank < len(_TYPE_RES) - 1 for rank, _, _ in kinds) or any(
        kind == "explosive" for _, kind, _ in kinds
    )
    if (_WAR.search(lower) and not specific) or _statistic(lower):
        return None
    if (
        _ACCUSATION.search(lower)
        and not has_count
        and not any(kind == "explosive" for _, kind, _ in kinds)
    ):
        return None  # "Baku blamed Yerevan for laying the mines": a statement, no event
    yearless: list[str] = []
    dates, said_dates = _event_dates(raw, reference, published, years, sentence.start, yearless)
    generic = {m.group(0) for m in _GENERIC.finditer(lower)}
    if generic and not (
        generic == {"since"}
        and not _PERFECT.search(lower)
        and any(d.precision == "day" for d in dates)
    ):
        return None  # a count over time; but "on Monday ..., the first since the war" is one
    anchors = _anchors(text, sentence, hits, finder, text_areas)
    if headline:
        # a headline: short on detail ("blast in Tartar"), so the body's places come first,
        # and its figures restate the body's rather than add to them
        anchors = [replace(a, score=a.score * 0.6) for a in anchors]
        killed.additive = injured.additive = False
    return _Facts(
        text=" ".join(raw.split()),
        paragraph=sentence.paragraph,
        kinds=kinds,
        killed=killed,
        injured=injured,
        victims=victims,
        dates=dates,
        said_dates=said_dates,
        anchors=anchors,
        hedged=bool(_HEDGE.search(lower)),
        new_cue=bool(_NEW_INCIDENT.search(lower)),
        coreference=bool(_COREFERENCE.search(lower)),
        zero_killed=zero_killed,
        zero_injured=zero_injured,
        headline=headline,
        yearless=yearless,
    )


def _anchors(
    text: str, sentence: _Sentence, hits: list[_Hit], finder: _Finder, text_areas: dict[str, Place]
) -> list[_Anchor]:
    """The places a sentence puts its event at, each with how sure that is."""
    low = bisect_left(hits, sentence.start, key=lambda h: h.start)
    high = bisect_left(hits, sentence.end, lo=low, key=lambda h: h.start)
    inside = [h for h in hits[low:high] if h.end <= sentence.end]
    muted = [m.span() for m in _TIME_PAREN.finditer(text, sentence.start, sentence.end)]
    candidates: list[tuple[int, _Anchor, bool]] = []  # (position, anchor, merely mentioned)
    skip: set[int] = set()
    for position, hit in enumerate(inside):
        if position in skip or any(s <= hit.start < e for s, e in muted):
            continue
        before = [
            t.lower() for t in _TOKEN.findall(text[max(sentence.start, hit.start - 60) : hit.start])
        ][-6:]
        after = [
            t.lower()
            for t in _TOKEN.findall(
                text[hit.qualifier_end : min(sentence.end, hit.qualifier_end + 30)]
            )
        ][:2]
        core = [t for t in before if t not in _FILLER]
        score = 0.5
        if set(core[-2:]) & _LOCATIVE:
            score += 1.0
        # a hospital, a ministry, a statement: unless an event word comes between it and the place
        said = [i for i, t in enumerate(before) if t in _MENTION_WORDS]
        mentioned = bool(said) and not set(before[said[-1] :]) & (_EVENT_WORDS | _KILL | _INJURE)
        mentioned = (
            mentioned or bool(after) and (after[0] in _SPEECH_AFTER or after[:2] == ["-", "based"])
        )
        if mentioned:
            score -= 2.0
        if core[-1:] and core[-1] in _RESIDENT or after[:2] and set(after[:2]) & _RESIDENT_AFTER:
            score -= 1.0  # "a resident of X district", "житель Тертерского района": a home
        origin = [i for i, t in enumerate(before) if t in _FROM]
        if (
            origin
            and all(t in _ORIGIN_WORDS for t in before[origin[-1] + 1 :])
            and not set(before[origin[-1] - 2 : origin[-1]])
            & {"km", "kilometres", "kilometers", "miles", "metres", "meters"}
            or after[:1]
            and after[0] in _FROM_AFTER
        ):
            score -= 2.0  # "rescuers from X", "fired from the direction of X": where from
        near = bool(set(core[-2:]) & _NEAR_WORDS)
        if after[:1] and after[0] in _NEAR_AFTER:
            near, score = True, score + 1.0
        place = _choose(finder.spellings[hit.key], hit.kind, text_areas)
        surface = text[hit.start : hit.qualifier_end]
        other = None
        if before[-1:] in (["between"], ["между"]) and position + 1 < len(inside):
            nxt = inside[position + 1]
            if re.fullmatch(r"\s*(?:and|&|и|və|և|ու)\s*", text[hit.qualifier_end : nxt.start]):
                other = _choose(finder.spellings[nxt.key], nxt.kind, text_areas)
                surface = f"between {surface} and {text[nxt.start : nxt.qualifier_end]}"
                skip.add(position + 1)
                near = True
        noun = [
            t
            for t in before[-3:]
            if t in _FEATURE_NOUNS - {"village", "town", "city", "settlement"}
        ]
        if noun and place.kind in AREAS:
            surface = text[
                text.rfind(
                    noun[-1], max(sentence.start, hit.start - 60), hit.start
                ) : hit.qualifier_end
            ]
        if place.kind == "feature" and place.name.lower().endswith(("road", "highway")):
            near = True
        candidates.append(
            (position, _Anchor(place, " ".join(surface.split()), near, score, other), mentioned)
        )
    # "a resident of X in the Y region", "X village of Y district", "X, Y district": X is
    # where the event sentence puts it when Y is, however X itself was introduced
    for (pos_a, a, mentioned), (pos_b, b, _) in pairwise(candidates):
        if (
            pos_b == pos_a + 1
            and not mentioned
            and b.score > a.score
            and a.other is None
            and a.place.kind not in AREAS
            and b.place.kind in AREAS
            and _TIED.fullmatch(text[inside[pos_a].qualifier_end : inside[pos_b].start])
            and _within(a.place, b.place)
        ):
            candidates[candidates.index((pos_a, a, mentioned))] = (
                pos_a,
                replace(a, score=b.score),
                mentioned,
            )
    return [a for _, a, _ in candidates if a.score > 0]


_TIED = re.compile(r"\s*(?:,|\(|\s(?:in|of|в)(?:\s+the)?)\s*", re.IGNORECASE)


def _choose(places: Sequence[Place], kind: str | None, text_areas: dict[str, Place]) -> Place:
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
            _within(place, area, margin=0) for area in text_areas.values() if area.id != place.id
        )
        return kind_fit, in_named, in_box(place.lon, place.lat, AREA_OF_INTEREST), place.population

    return max(places, key=rank)


@lru_cache(maxsize=65536)
def _within(place: Place, area: Place, *, margin: float = 0.2) -> bool:
    """Is ``place`` inside the district/province ``area``, by district name or by its box
    widened by ``margin`` degrees (boxes are approximate and borders have moved)?"""
    if area.kind not in AREAS or place.kind in AREAS and place.id == area.id:
        return False
    if place.district and fold(place.district) in _area_keys(area.all_names):
        return True
    return area.bbox is not None and in_box(place.lon, place.lat, area.bbox, margin=margin)


@lru_cache(maxsize=4096)
def _area_keys(names: tuple[str, ...]) -> frozenset[str]:
    """An area's names folded, qualifier words ("district") stripped (cached per area)."""
    return frozenset(strip_qualifiers(fold(n))[0] for n in names)


def _compatible(a: Place, b: Place, *, km: float = 25.0) -> bool:
    """Could two places name the same incident's location (two settlements: within ``km``)?"""
    if a.id == b.id:
        return True
    if a.kind in AREAS and b.kind in AREAS:
        return False
    if a.kind in AREAS:
        return _within(b, a)
    if b.kind in AREAS:
        return _within(a, b)
    return haversine_km(a.lat, a.lon, b.lat, b.lon) <= km


def _group(facts: list[_Facts]) -> list[_Incident]:
    """Event sentences in reading order -> incidents."""
    incidents: list[_Incident] = []
    current: _Incident | None = None
    for fact in facts:
        if current is None:
            current = _Incident([fact])
            incidents.append(current)
            continue
        date = current.date
        new_date = any(
            d.precision == "day"
            and date is not None
            and date.precision == "day"
            and d.value != date.value
            for d in fact.dates
        )
        places = list({a.place.id: a.place for a in current.by_place.values()}.values())
        clash = bool(fact.anchors and places) and not any(
            _compatible(a.place, p) for a in fact.anchors for p in places
        )
        has_own = bool(fact.anchors or fact.dates)
        if (
            new_date
            or (fact.new_cue and has_own)
            or (clash and not fact.coreference)
            or _told_apart(fact, current)
        ):
            current = _Incident([fact])
            incidents.append(current)
        else:
            current.add([fact])
    return incidents


def _told_apart(fact: _Facts, incident: _Incident) -> bool:
    """A sentence telling an event of its own — figures, and a town or village more than 3 km
    from every one the incident names, with nothing pointing back ("the blast", "also") — is
    another incident, even on the same day: "A mine exploded near X on 1 May, killing one. A
    mine exploded near Y on 1 May, killing three." gives two. Headlines sum up: they count
    for neither side."""
    if fact.coreference or fact.headline or not _counted(fact) or not incident.body_counted:
        return False
    mine, theirs = _towns(fact.anchors), incident.body_towns.values()
    return (
        bool(mine)
        and bool(theirs)
        and not any(_compatible(a, b, km=3.0) for a in mine for b in theirs)
    )


def _identity(
    incident: _Incident, location: tuple | None
) -> tuple[dt.date | None, str | None, Place | None]:
    """What tells two reports of one incident apart: (stated day, type, gazetteer place);
    ``location`` is the incident's :func:`_location`."""
    return (
        incident.date.value if incident.date else None,
        _kind(incident)[0],
        location[4] if location else None,
    )


def same_incident(
    a: tuple[dt.date | None, str | None, Place | None],
    b: tuple[dt.date | None, str | None, Place | None],
) -> bool:
    """Two :func:`_identity` values of one incident reported twice: same stated day, same
    kind, places within 3 km or one inside the other's district."""
    (da, ta, pa), (db, tb, pb) = a, b
    if da is None or db is None or da != db:
        return False
    if ta and tb and ta != tb:
        return False
    return pa is not None and pb is not None and _compatible(pa, pb, km=3.0)


def _same(a: _Incident, b: _Incident) -> bool:
    """Two incidents that are one reported twice: same day, same kind, fitting places."""
    return same_incident(_identity(a, _location(a)), _identity(b, _location(b)))


def _merge(incidents: list[_Incident]) -> list[_Incident]:
    merged: list[_Incident] = []
    by_day: dict[dt.date, list[_Incident]] = {}  # only incidents of one day can be the same
    for incident in incidents:
        day = incident.date.value if incident.date is not None else None
        for existing in by_day.get(day, []) if day is not None else []:
            if _same(existing, incident):
                existing.add(incident.facts)
                break
        else:
            merged.append(incident)
            if day is not None:
                by_day.setdefault(day, []).append(incident)
    return merged


def _kind(incident: _Incident) -> tuple[str | None, str | None]:
    if incident.kind is None:
        return None, None
    return incident.kind[1], incident.kind[2]


def _total(counts: list[_Count], zero: bool) -> tuple[int | None, list[str]]:
    """One incident's figure from its sentences: the largest stated total, plus additions
    ("also", "another"); unknown while a vague word ("several") is part of it, unless a
    later sentence states a larger total of its own."""
    value: int | None = None
    vague: list[str] = []
    for count in counts:
        if count.additive and (value is not None or vague):
            if count.total is not None:
                value = (value or 0) + count.total
            vague += count.vague
        elif count.total is not None and (value is None or count.total > value):
            if vague and not count.vague and count.total > 1:
                vague = []
            value = count.total
            vague += count.vague
        else:
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


def _location(incident: _Incident) -> tuple[float, float, int, str, Place, float] | None:
    """(lat, lon, geo_precision, place as reported, gazetteer place, score): the most precise
    location every named area agrees with."""
    if incident._location is False:
        incident._location = _locate(incident)
    return cast("tuple[float, float, int, str, Place, float] | None", incident._location)


def _locate(incident: _Incident) -> tuple[float, float, int, str, Place, float] | None:
    anchors = incident.anchors  # one per place, surest first
    if not anchors:
        return None
    areas = sorted(
        (a for a in anchors if a.place.kind in AREAS and a.other is None),
        key=lambda a: _area_size(a.place),
    )
    finer = [a for a in anchors if a.place.kind not in AREAS or a.other is not None]
    fits = [a for a in finer if all(_within(a.place, x.place) for x in areas)]
    if not fits and finer and not areas:
        fits = finer
    if fits:
        best = max(fits, key=lambda a: (a.score, not a.near))
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


def _named_apart(anchor: _Anchor, areas: list[_Anchor]) -> bool:
    return all(a.surface not in anchor.surface for a in areas)


def _record(
    incident: _Incident,
    *,
    source: str | None,
    published_date: dt.date | None,
    published_found: bool,
) -> dict | None:
    location = _location(incident)
    date = incident.date
    notes: list[str] = []
    how = date.how if date else None
    if date is None:
        if published_date is None:
            return None
        date = _Date(published_date, "month", "published", "")
        notes.append("date not stated; the publication date is used")
    if date.note:
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
    converted = sum(f.killed.converted for f in incident.facts)
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
        "date": date.value.isoformat(),
        "date_precision": date.precision,
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


# -- public API -----------------------------------------------------------------------------


def extract_incidents(
    text: str,
    published: str | dt.date | None = None,
    *,
    source: str | None = None,
    gazetteer: Gazetteer | None = None,
    min_confidence: float = _MIN_CONFIDENCE,
) -> gpd.GeoDataFrame:
    """Incidents told in a news text, as the incidents GeoDataFrame.

    ``published`` (ISO date or :class:`datetime.date`) anchors relative dates
    ("on Monday", "Tuesday September 19"); without it a dateline at the top of
    the text is used, else a day and month with no year take theirs from the
    text (the nearest full date; with a weekday, the first agreeing year from
    the latest year the text names), never from the machine's clock: an
    incident whose year stays unknown gives no row and is told in
    ``gdf.attrs["undated"]``. Each row also keeps ``sentence`` (the sentence
    with most of its facts), ``confidence`` (0–1) and ``victims``. Rows below
    ``min_confidence`` are left out; a text with no incident gives no rows.

    >>> gdf = extract_incidents("A landmine explosion in Tartar district killed a soldier "
    ...                         "on 23 November 2020.")
    >>> print(*gdf.loc[0, ["date", "place", "geo_precision", "type", "killed"]], sep=" | ")
    2020-11-23 | Tartar district | 3 | landmine | 1
    """
    undated: list[str] = []
    records = _records(text, published, source=source, gazetteer=gazetteer, undated=undated)
    gdf = _frame([r for r in records if r["confidence"] >= min_confidence], gazetteer)
    gdf.attrs["undated"] = undated
    return gdf


_SCENE = re.compile(
    r"\b(?:incident|explosion|blast|it|this)\s+(?:occurred|happened|took place)\b|"
    r"произош|случил|baş verib|baş verdi|hadisə",
    re.IGNORECASE,
)


_CLAUSE_BREAK = re.compile(
    r";\s+|,\s+(?:and|but|while|whereas|а|и|но|və)\s+|\s+(?:while|whereas)\s+"
)


def _two_events(fact: _Facts) -> bool:
    """Does one sentence tell events on two days, or at two towns more than 3 km apart?"""
    days = {d.value for d in fact.dates if d.precision == "day"}
    towns = list({p.id: p for p in _towns(fact.anchors)}.values())
    return len(days) > 1 or any(not _compatible(a, b, km=3.0) for a, b in combinations(towns, 2))


def _clauses(text: str, sentence: _Sentence) -> list[_Sentence]:
    """A sentence cut where its clauses join ("; ", ", and ", ", while ")."""
    cuts = [m.span() for m in _CLAUSE_BREAK.finditer(text, sentence.start, sentence.end)]
    starts = [sentence.start] + [end for _, end in cuts]
    ends = [start for start, _ in cuts] + [sentence.end]
    return [_Sentence(a, b, sentence.paragraph) for a, b in zip(starts, ends, strict=True)]


def _records(
    text: str,
    published: object,
    *,
    source: str | None,
    gazetteer: Gazetteer | None,
    undated: list[str] | None = None,
) -> list[dict]:
    """The incidents of one text as records; incidents left out because their day has no
    year (no publication date, none in the text) are told in ``undated``."""
    if not isinstance(text, str):
        raise InvalidInput(f"the text must be a string, not {type(text).__name__}", field="text")
    text = unicodedata.normalize("NFC", text)
    published_date = _parse_published(published)
    found = published_date is not None
    if published_date is None:
        published_date = _dateline(text)
        found = published_date is not None
    reference = published_date
    wire = _wire_date(text, reference, found)
    if wire is not None:  # relative days count from the wire's own day
        reference, found = wire, True
        published_date = published_date or wire
    years = None if found else _TextYears.of(text)  # never the machine's clock
    finder = _finder(gazetteer or Gazetteer.default())
    hits = finder.hits(text)
    text_areas = {}
    for hit in hits:
        if hit.kind in AREAS:
            place = _choose(finder.spellings[hit.key], hit.kind, {})
            text_areas[place.id] = place
    sentences, analysed = [], []
    for sentence in _sentences(text):
        fact = _analyse(text, sentence, hits, finder, reference, found, text_areas, years)
        parts = [(sentence, fact)]
        if fact is not None and _two_events(fact):
            clauses = [
                (c, _analyse(text, c, hits, finder, reference, found, text_areas, years))
                for c in _clauses(text, sentence)
            ]
            if sum(f is not None and _counted(f) for _, f in clauses) >= 2:
                parts = [
                    (c, f if f is None or f.kinds else replace(f, kinds=fact.kinds))
                    for c, f in clauses
                ]
        for part, part_fact in parts:
            sentences.append(part)
            analysed.append(part_fact)
    facts: list[_Facts] = []
    for index, (sentence, fact) in enumerate(zip(sentences, analysed, strict=True)):
        if fact is None:
            continue
        # The article is the unit: "Two men went to the village of X on Thursday. One of them
        # was killed ...", "A mine injured two men. The incident occurred near X.": a sentence
        # next to the event sentence gives the place or day it lacks (the one before first;
        # the one after when it tells no event of its own and goes on in the same paragraph
        # or says where the incident "occurred").
        scene = [s for s in sentences[index - 1 : index] if s.paragraph == sentence.paragraph]
        if index + 1 < len(sentences) and analysed[index + 1] is None:
            after = sentences[index + 1]
            if after.paragraph == sentence.paragraph or _SCENE.search(text, after.start, after.end):
                scene.append(after)
        for other in scene:
            if not fact.dates:
                fact.dates = _event_dates(
                    text[other.start : other.end],
                    reference,
                    found,
                    years,
                    other.start,
                    fact.yearless,
                )[0]
            if not fact.anchors:
                fact.anchors = [
                    replace(a, score=a.score * 0.8)
                    for a in _anchors(text, other, hits, finder, text_areas)
                ]
        facts.append(fact)
    incidents = _merge(_group(facts))
    kinds = {i.kind[1:] for i in incidents if i.kind is not None}
    if len(kinds) == 1:  # a roundup of one kind: "5 мая у Агдама погибли два сапера" is one too
        told = next(i.kind for i in incidents if i.kind is not None)
        for incident in incidents:
            incident.kind = incident.kind or told
    records = []
    for incident in incidents:
        record = _record(
            incident,
            source=source,
            published_date=published_date if found else None,
            published_found=found,
        )
        if record is not None:
            records.append(record)
        elif (
            undated is not None
            and incident.date is None
            and _location(incident) is not None
            and (days := [d for f in incident.facts for d in f.yearless])
        ):
            undated.append(
                f"{source + ': ' if source else ''}{incident.facts[0].text!r}: "
                f"{days[0]!r} has no year and no publication date is known; "
                "give the publication date (--published) to place it"
            )
    return records


def _frame(records: list[dict], gazetteer: Gazetteer | None) -> gpd.GeoDataFrame:
    rows = [{k: v for k, v in r.items() if not k.startswith("_")} for r in records]
    seen: set[str] = set()
    for row in rows:  # a stable id from the facts that make the incident
        key = "\x1f".join(str(row[k]) for k in ("source", "date", "place", "type", "sentence"))
        row["id"] = unique_id(key, seen, prefix="ex")
        seen.add(row["id"])
    gdf = new_incidents(rows, gazetteer=gazetteer) if rows else new_incidents([])
    for column in EXTRA_COLUMNS:
        if column not in gdf.columns:
            gdf[column] = None
    return gdf


def read_article(path: str | PathLike[str]) -> tuple[str, dt.date | None]:
    """The main text of a saved article (plain text or HTML) and its date when the page
    states one; HTML loses its navigation and boilerplate through trafilatura."""
    path = Path(path)
    try:
        raw = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InvalidInput(
            f"not UTF-8 text (byte {error.start}): save the article as UTF-8", path=str(path)
        ) from None
    return article_text(
        raw,
        html=path.suffix.lower() in HTML_SUFFIXES
        or (path.suffix.lower() not in TEXT_SUFFIXES and raw.lstrip()[:1] == "<"),
    )


def article_text(raw: str, *, html: bool) -> tuple[str, dt.date | None]:
    """The main text of an article given as text (``html=False``: as it is) or as a saved
    page, and the page's date when it states one."""
    if html:
        import trafilatura

        document: Any = trafilatura.bare_extraction(  # a Document (its type names a dict too)
            raw, with_metadata=True, include_comments=False, include_tables=False
        )
        if document is None or not (document.text or "").strip():
            return "", None
        date = None
        if document.date:
            try:
                date = dt.date.fromisoformat(str(document.date)[:10])
            except ValueError:
                date = None
        body: str = document.text
        if document.title and not body.startswith(document.title):
            body = document.title + "\n\n" + body
        return body.replace("\n", "\n\n"), date
    return raw, None


def _article_paths(paths: Iterable[str | PathLike[str]]) -> list[Path]:
    out: list[Path] = []
    for item in paths:
        path = Path(item)
        if path.is_dir():
            out += sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES + HTML_SUFFIXES
            )
        elif path.is_file():
            out.append(path)
        else:
            raise InvalidInput("no such file or folder", path=str(path))
    return out


def extract_from_files(
    paths: str | PathLike[str] | Iterable[str | PathLike[str]],
    published: str | dt.date | None = None,
    *,
    gazetteer: Gazetteer | None = None,
    min_confidence: float = _MIN_CONFIDENCE,
) -> gpd.GeoDataFrame:
    """Incidents from saved articles: files (plain text or HTML) or folders of them.

    ``source`` is the file's path; ``published`` applies to every file, else each
    file's dateline or HTML date is used (incidents whose year stays unknown are told in
    ``gdf.attrs["undated"]``). The same incident told by several
    articles becomes one row whose ``source`` lists them all.
    """
    if isinstance(paths, (str, PathLike)):
        paths = [paths]
    fixed = _parse_published(published)
    undated: list[str] = []

    def records() -> Iterable[dict]:
        for path in track(list(_article_paths(paths)), "extracting articles"):
            text, page_date = read_article(path)
            yield from _records(
                text, fixed or page_date, source=str(path), gazetteer=gazetteer, undated=undated
            )

    gdf = _frame(
        [r for r in merge_reports(records()) if r["confidence"] >= min_confidence], gazetteer
    )
    gdf.attrs["undated"] = undated
    return gdf


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
