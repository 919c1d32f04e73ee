"""The words the extractor reads: the word lists of ``lexicon.toml`` (one table per concept, one
key per language: English, Russian, Azerbaijani, Armenian), the sets derived from them, and the
patterns of event types and cues."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from geokarabakh.names import word_set

_LEXICON = tomllib.loads((Path(__file__).with_name("lexicon.toml")).read_text(encoding="utf-8"))
_T = TypeVar("_T")


class Clued:
    """A pattern looked for only in texts that hold one of its clues, words every match
    holds: testing for a few words costs a tenth of running a long alternation."""

    def __init__(self, pattern: str, clues: tuple[str, ...], flags: int = 0) -> None:
        self.pattern = re.compile(pattern, flags)
        self.clues = clues

    def _clued(self, text: str) -> bool:
        return any(clue in text for clue in self.clues)

    def search(self, text: str) -> re.Match[str] | None:
        return self.pattern.search(text) if self._clued(text) else None

    def sub(self, replacement: str, text: str) -> str:
        return self.pattern.sub(replacement, text) if self._clued(text) else text


def words(concept: str) -> frozenset[str]:
    """Every language's words for ``concept`` (a table of ``lexicon.toml``)."""
    return frozenset(w for text in _LEXICON[concept].values() for w in text.split())


def categories(concept: str, value: Callable[[str], _T]) -> dict[str, _T]:
    """Word -> ``value(category)`` for a table of categories (``[victims.military]``)."""
    return {
        word: value(category)
        for category, languages in _LEXICON[concept].items()
        for text in languages.values()
        for word in text.split()
    }


NUMBER_WORDS = categories("numbers", int)


def number(token: str) -> int | None:
    """The figure a lower-case token gives in digits (under 1000: a larger one is a year, a
    distance or a toll) or in words ("two", "два", "iki", "երկու"); None for any other."""
    if token.isdigit():
        value = int(token)
        return value if value < 1000 else None
    return NUMBER_WORDS.get(token)


ARTICLES = {"a", "an", "single", "lone"}  # count 1 only right before a victim noun


VAGUE = words("vague")
# Victim nouns -> category (None: people in general).
VICTIMS = categories("victims", lambda c: None if c == "people" else c)
# Nouns that name one person: with a casualty verb and no figure, they count 1.
SINGULAR = {
    w
    for w in VICTIMS
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
        "քաղաքացիական",  # an adjective: "civilian (population)"
    }
} | {"he", "she", "şəxs"}
AZ_TEN = ("on", "nəfər")  # Azerbaijani "on" (ten) counts only before "nəfər": it is also English
KILL = words("kill")  # "həyatını itirib": lost his life
INJURE = words("injure")
MINE_VICTIM = words("mine_victim")  # hit by a mine: victims
FELL = frozenset(_LEXICON["mine_victim"]["az"].split())  # a victim only after "mina...": fell
HIT = frozenset(_LEXICON["mine_victim"]["en"].split())  # a victim only before "a mine"
# A verb form that says one person ("погиб", "ранена"), when no figure is given.
ONE_VERBS = words("one_verbs")
# Died of wounds, fatally wounded, later died: the wound is the death's, not another victim.
FATAL = words("fatal")
WOUND_NOUNS = words("wound_nouns")
WOUND_KINDS = words("wound_kinds")
CAUSE = words("cause")
LATER = words("later")
IN_HOSPITAL = words("in_hospital")
NEGATION = words("negation")
NEGATION_AFTER = words("negation_after")
LIMB_LOSS = words("limb_loss")
CONJUNCTIONS = words("conjunctions")
AND = words("and")
LIMBS = words("limbs")
VEHICLES = words("vehicles")
LOST = words("lost")
# Russian puts the verb before its subject as often as after
RIGHTWARD = words("rightward")
AUX = words("aux")
LIGHT_VERBS = words("light_verbs")
PASSIVE = AUX - {"have", "has", "had"}  # "had wounded two" is active; "had been" is not
ADVERBS = words("adverbs")
LEFT_STOPS = words("left_stops")
RIGHT_STOPS = words("right_stops")
ADDITIVE = words("additive")

DAMAGE = "damage to houses"  # the detail of sentences telling only of houses hit
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
            r"land ?mines?|\bmines?\b(?![- ](?:action|clear|agency|maps?\b))|minefield|"
            r"\bмин[аыуе]\b|"
            # Armenian "ական" (mine) as a word: "-ական" ends adjectives ("հայկական")
            r"\bmina(?:ya|da|dan|nın|nin|lar\w*|ları)?\b|\bական(?!անետ)"
        ),
    ),
    (
        "unexploded ordnance",
        None,
        (
            r"unexploded|\buxo\b|ordnance|grenade|cluster (?:munition|bomb)|submunition|"
            r"shell exploded|projectile|неразорвавш|боеприпас|partlamamış|չպայթած"
        ),
    ),
    (
        "shelling",
        None,
        r"shelling|shelled|artillery|mortar|rocket fire|smerch|\bmissiles?\b|"
        r"обстрел|артиллери(?!йск\w* снаряд)|минометн|миномёт|"
        r"artilleriya|minaatan|top mərmi|գնդակոծ|հրետան|հրետակոծ|ռմբակոծ|ականանետ|հրթիռ|"
        # shells fell on / landed in a place: "kəndlərinə mərmilər düşüb", "упали снаряды"
        r"\bshells? (?:fell|landed)|mərmi(?:lər)?\w* düş|"
        r"снаряд\w* (?:упал|попал)|(?:упал|упали|попал|попали) \w*\s?снаряд",
    ),
    (
        "shooting",
        None,
        r"shooting|\bshots?\b|gunfire|sniper|\bfired\b|\batəş(?!kəs)|\batışma|стрельб|обстрелял|"
        # a ceasefire violated: fire opened ("atəşkəsin pozulması", "нарушили режим перемирия")
        r"violat\w* (?:of )?the ceasefire|ceasefire violations?|atəşkəs\w* poz|"
        r"наруш\w* (?:режим\w* )?(?:прекращения огня|перемири)|հրադադար\w* (?:ռեժիմ\w* )?խախտ|"
        r"open(?:s|ed|ing)? fire|under fire|subjected to fire|machine.?guns?|assault rifles?|"
        r"small arms|"
        r"открыл[аи]? огонь|вел[аи]? огонь|"
        r"կրակոց|կրակ(?:ել|եց|ում|ի)|փոխհրաձգ",
    ),
    (
        "air strike",
        None,
        r"drone (?:strike|attack)|air ?strike|airstrike|kamikaze drone|անօդաչու|"
        r"\bбпла\b|беспилотник|\bpua\b|pilotsuz uçan|dron zərbə",
    ),
    ("explosive", None, r"explosion|exploded|explosive|blast|detonat|взрыв|подорвал|partlay|պայթ"),
    (  # houses hit, no weapon named ("Qaradağlı kəndində 27 ev zədələnib"): the least specific
        "shelling",
        DAMAGE,
        r"\b(?:houses?|homes?|buildings?)\b[^.]{0,20}\b(?:damaged|destroyed)|"
        r"\b(?:damaged|destroyed)\b[^.]{0,15}\b(?:houses?|homes?)\b|"
        r"\bдом(?:а|ов|ам)?\b[^.]{0,20}(?:поврежд|разруш)|"
        r"(?:поврежден|разрушен)\w*[^.]{0,20}\bдом(?:а|ов)?\b|"
        r"\bev(?:i|lər|ləri)?\b[^.]{0,20}(?:zədələn|dağıl)|\bev(?:ə|lərə) ziyan|"
        r"տ(?:ուն|ներ|ան)\w*[^.]{0,20}վնասվ(?:ել|ած)|վնասվ(?:ել|ած)\w*[^.]{0,20}տ(?:ուն|ներ)",
    ),
)
TYPE_RES = tuple((kind, detail, re.compile(pattern)) for kind, detail, pattern in _TYPE_RULES)
WAR = re.compile(
    r"\b(?:fighting|war|wars|hostilities|clashes|offensive|battles?|genocide|"
    r"massacre)\b|"
    r"\bвойн[аыуе]\b|боев\w* действи|\bв ходе бо[её]в|müharibə|"
    r"պատերազմ|մարտերի"
)
GENERIC = re.compile(
    r"\b(?:since the end|as of|"
    r"in recent years|over the past|с начала|с момента|с окончания|за последние|"
    r"после окончания|после завершения|after the end of|"
    r"в общей сложности|всего|bəri|ümumilikdə|indiyədək|indiyə qədər|"
    r"regularly|often|frequently|since|so far|in total|a total of|total|"
    r"annually|every year|per year|to date|overall|statistics|thousands of|"
    r"hundreds of|over the years|have been killed|have died|similar incidents|"
    # "killed or injured": a toll over people and time, never one event's
    r"(?:killed|died|dead) or (?:injured|wounded|maimed)|погибли или|"
    r"həlak olub və ya|sonrakı dövrdə|"
    # "since 2001": "2001-ci ildən", "с 2001 года"; "64 such incidents"
    r"\d{4}-(?:ci|cı|cu|cü) ildən|с \d{4} года|belə hadisə|"
    # a toll between two days or as of one: "с 10 ноября 2022 года по 26 декабря 2023 года",
    # "from January 1 to March 5", "по данным на 6 октября", "հոկտեմբերի 6-ի դրությամբ"
    r"с \d{1,2} \w+(?: \d{4}(?: года| г\.)?)? по \d{1,2}|"
    r"from (?:\w+ \d{1,2}|\d{1,2} \w+)(?:,? \d{4})? (?:to|until|till|through) "
    r"(?:\w+ \d|\d{1,2} \w)|"
    r"по состоянию на|по (?:\w+ )?данным на|դրությամբ)\b"
)
# no event when no one is hurt: the danger of mines taught or warned of, demining at work, a
# report denied ("the threats posed by mines", "mine awareness day", "ականների վտանգի մասին
# իրազեկվածության", "взрывные работы будут проводиться", "не соответствует действительности")
NOT_AN_EVENT = re.compile(
    r"\b(?:threats? posed by|dangers? (?:of|posed by)|in case of|how to (?:stay|remain) safe|"
    r"awareness|risk education|опасност[ьи] мин|как вести себя|"
    r"maarifləndirmə|təhlükəsi barədə|qorunmaq üçün|təhlükəsizlik (?:tələbləri|qaydaları))|"
    r"իրազեկ|"
    # demining at work: ground cleared, charges set off on purpose ("взрывные работы")
    r"\bcontrolled (?:explosions?|detonations?|demolitions?)|\bвзрывн\w* работ|"
    r"\bразминирован\w*|\bразминировал\w*|ականազերծել են|ականազերծման|մաքրվել է|մաքրելու|"
    r"minalardan təmizlənib|"  # "(ground) was cleared of mines"; "təmizlənməmiş": not cleared
    r"\bdemining (?:work|operations)|\bпо обезвреживанию|minatəmizləmə (?:işləri|əməliyyatları)|"
    r"վնասազերծման աշխատանք|"
    r"\bбудут (?:работать|проводиться)|\bwill be (?:carried out|conducted)|"  # planned
    r"\bmine[- ]?(?:infected|contaminated) areas?\b|\bposters?\b|"  # where mines lie; a campaign
    # a report denied: "не соответствует действительности", "həqiqətə uyğun deyil"
    r"не соответству\w* действительности|\bопроверг\w*|həqiqətə uyğun (?:deyil|olmayan)|"
    r"\btəkzib\w*|\b(?:is|are|was|were) (?:not true|false|untrue)\b|\bdenied\b|"
    r"իրականությանը չի համապատասխանում|հերք"
)
# a sentence that goes on from the one before: "As a result, ...", "Nəticədə ..."
RESULT_OPENING = re.compile(
    r"\W*(?:as a result|nəticədə|в результате|в итоге|որի արդյունքում|արդյունքում)\b"
)
PERFECT = re.compile(r"\b(?:have|has)\s+(?:been\s+)?(?:killed|injured|wounded|hurt|maimed|died)\b")
HEDGE = re.compile(
    r"\b(?:reportedly|unconfirmed|unverified|allegedly|alleged|rumou?rs?|possibly|"
    r"may have|might have|could not be (?:independently )?(?:confirmed|verified)|"
    r"not (?:yet )?(?:been )?confirmed|unclear|not clear|uncertain)\b"
)
# "more than 200 soldiers", "около 300 человек": a figure over a period, not one incident's
# a figure of a distance, an area, a share or a time is no count: "about 4,500 meters", "около
# 16:55", "over 60%"
_MEASURE = (
    r"(?![\d,.]|\s*(?:m\b|km|kilomet|met(?:er|re)|miles|ha\b|hectare|square|sq\b|%|percent|"
    r":|[ap]\.m|hours?|minutes|tons|tonnes|м\b|км|метр|гектар|кв|час|минут|metr|hektar|kv))"
)
STATISTIC = re.compile(
    r"\b(?:more than|over|nearly|almost|about|around|some|up to|"
    r"более|свыше|около|почти|больше|не менее)\s+(\d[\d,.]*)" + _MEASURE + "|"
    r"\b(\d[\d,.]*)-?(?:dən|dan)\s+(?:çox|artıq)\b"
)
# mines found, not set off: "350 mines were found", "обнаружены мины", "minalar aşkarlanıb"
MINES_FOUND = re.compile(
    r"\b(?:found|discovered|uncovered|detected|neutrali[sz]ed|defused)\b|обнаружен|найден|"
    r"обезврежен|aşkarlan|aşkar edil|zərərsizləşdiril|հայտնաբերվ|վնասազերծ",
    re.IGNORECASE,
)
# one wounded who then died: "doctors could not save him", "спасти его не удалось"
BODY_FOUND = Clued(  # one dead found: "обнаружено тело одного из них", "cəsədi tapılıb"
    (
        r"\b(?:the )?body of [^.]{0,60}?(?:was|has been) (?:found|discovered|recovered)|"
        r"\b(?:found|discovered|recovered) (?:the |a |his |her )?(?:dead )?body\b|"
        r"(?:обнаружено|найдено) тело\b|\bтело [^.]{0,60}?(?:обнаружено|найдено)|"
        r"\bcəsədi (?:tapıl|aşkar)|\bդին [^.]{0,40}?հայտնաբեր"
    ),
    ("body", "тело", "cəsədi", "դին"),
)
NOT_SAVED = re.compile(
    r"\b(?:could not|couldn't|failed to|were unable to) save (?:him|her|his life|her life)\b|"
    r"не удалось спасти|спасти (?:его|ее|её) не удалось|"
    r"həyatını xilas etmək mümkün olma"
)
STATISTIC_MIN = 50  # single incidents since 1994 (mines, a missile strike) stay below this
SEPARATE_INCIDENT = re.compile(  # another incident, even on the same day at the same place
    r"\b(?:(?:another|separate|second) incident|in a separate|on the same day|"
    r"в тот же день|в этот же день|в другом (?:случае|инциденте)|в отдельном|"
    r"həmin gün|eyni gündə|digər (?:hadisə|insident)|"
    r"նույն օրը|մեկ այլ)\b"
)
NEW_INCIDENT = re.compile(  # SEPARATE_INCIDENT's words too ("in a separate", "second incident")
    r"\b(?:another|separately|elsewhere|a different)\b|" + SEPARATE_INCIDENT.pattern
)
COREFERENCE = re.compile(
    r"\b(?:the|this|that|these|same|monday's|tuesday's|wednesday's|"
    r"thursday's|friday's|saturday's|sunday's) (?:blast|explosion|incident|"
    r"attack|mine|victims?|people|area|vehicle)\b|\bthe same\b|\bthese\b|\bother\b|"
    r"\bothers\b|\balso\b|\bboth\b"
)
NO_CASUALTIES = Clued(
    (
        r"\bno (?:casualties|victims|losses)\b|\bwithout (?:casualties|losses)\b|"
        r"\bruled out (?:any )?casualties\b|"
        r"\b(?:обошлось )?без (?:жертв|пострадавших|потерь)|\b(?:жертв|пострадавших|потерь) нет\b|"
        r"\bнет (?:жертв|потерь)\b|"
        r"\bникто (?:из [а-яё]+ )?не пострадал|"
        # the one person there unhurt: "водитель не пострадал", "the driver was unhurt"
        r"\b(?:водитель|тракторист|он|она) не пострадал|"
        r"\b(?:the driver|he|she) (?:was|escaped) (?:unhurt|uninjured|unharmed)\b|"
        r"\b(?:ölən|həlak olan) və yaralanan (?:olmayıb|yoxdur)|"
        r"\b(?:tələfat|itki|xəsarət alan) (?:yoxdur|olmayıb)|"
        # "զոհեր և վիրավորներ չկան", "Տուժածներ` մայրաքաղաքում չկան" (none hurt in the capital)
        r"(?:զոհեր|տուժածներ|կորուստներ)(?:\W+\w+){0,2}?\W+չկան|կորուստներ չունի"
    ),
    # a word every match holds
    ("no ", "without", "ruled out", "без ", "нет", "никто", "не пострадал", "unhurt", "uninjured")
    + ("unharmed", "olmayıb", "yoxdur", "չկան", "չունի"),
)
NO_ONE = re.compile(
    r"\b(?:no one|nobody|no-one|none) (?:was|were|has been|had been) "
    r"(?:killed|hurt|injured|wounded)\b|\bno (?:injuries|deaths|fatalities)\b|"
    r"\binsan tələfatı (?:qeydə alınmayıb|yoxdur|olmayıb)"  # no loss of life
)
TIME_PAREN = re.compile(r"\([^()]*\d{1,2}[:.]\d{2}[^()]*\)")

# Words before a place that make it the event's place, or merely mentioned.
LOCATIVE = words("locative")
NEAR_WORDS = words("near_words")
NEAR_AFTER = words("near_after")  # Azerbaijani: after
MENTION_WORDS = words("mention_words")
SPEECH_AFTER = words("speech_after")
# Words that end a mention's reach: past them, a place is the event's again ("officials
# said a mine exploded in X").
EVENT_WORDS = words("event_words")
FILLER = words("filler")
ANIMALS = words("animals")
RESIDENT = words("resident")
RESIDENT_AFTER = words("resident_after")
FROM = words("from")  # with ORIGIN_WORDS between: where people or fire came from
ORIGIN_WORDS = FILLER | {
    "direction",
    "their",
    "its",
    "in",
    "of",
    "armed",
    "forces",
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
FROM_AFTER = words("from_after")
FEATURE_NOUNS = words("feature_nouns")
# Case endings of Russian and Armenian words (folded), for names written inflected.
INFLECTIONS = (
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
    "yum",
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
# Azerbaijani case endings (folded), longest first: "Şuşada", "Kəlbəcərin", "Füzulidən".
AZ_CASE_ENDINGS = (
    "daki",
    "deki",
    "dan",
    "den",
    "tan",
    "ten",
    "nin",
    "nun",
    "ya",
    "ye",
    "na",
    "ne",
    "in",
    "un",
    "da",
    "de",
    "ta",
    "te",
    "a",
    "e",
    "i",
    "u",
)
KIND_FORMS = categories("kind_forms", str)
# Common words and personal names that are also some place's spelling.
STOP_SPELLINGS = word_set(
    "bank banka bard bert chalet dogs gay nor sen sis swan tala tous satin saki moses omar "
    "lenin kirov yuri ismail nizami babak talib sabir madina vahan narek arum ara gel mola "
    "shen tex kur bina dili gos bum ish zar uba lal march may mart aprel azad azat chinar "
    "fontan ganja karin masis sevan gurgen samur murov nadel sabira razin amber amberd kala "
    "qala eller dast arpa garni vedi vank jermuk mulki akan akani karmir"
)
STOP_SPELLINGS -= {
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
STOP_SPELLINGS |= {"nagorno", "karabakh", "artsakh", "armenia", "azerbaijan", "russia", "baku'"}
