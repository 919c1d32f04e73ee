"""The words the extractor reads, by language (English, Russian, Azerbaijani, Armenian):
numbers, victims, casualty verbs, event and place cue words, and the patterns built on them."""

from __future__ import annotations

import re

from geokarabakh.names import word_set

NUMBER_WORDS = {
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
    # Azerbaijani ("on", ten, only before a noun: see AZ_TEN)
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
ARTICLES = {"a", "an", "single", "lone"}  # count 1 only right before a victim noun


VAGUE = word_set(
    "several some many few numerous dozens scores hundreds multiple various unspecified "
    "несколько нескольких neçə nece"
)
# Victim nouns -> category (None: people in general).
VICTIMS = {
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
    }
} | {"he", "she", "şəxs"}
AZ_TEN = ("on", "nəfər")  # Azerbaijani "on" (ten) counts only before "nəfər": it is also English
KILL = word_set(
    "killed kill kills killing died die dies dead death deaths lives life fatalities perished "
    "succumbed погиб погибли погибла погибло погибших убит убиты убита скончался скончалась "
    "скончались həlak helak öldü ölüb zohvel զոհվել զոհվեց həyatını heyatini"
)  # "həyatını itirib": lost his life
INJURE = word_set(
    "injured injure injures injuring wounded wound wounding wounds hurt injuries injury "
    "hospitalized hospitalised maimed amputated amputation ранен ранены ранена ранено "
    "пострадал пострадали пострадала пострадавших ранения ранение ранений госпитализирован "
    "госпитализированы госпитализирована ампутировали ампутирована yaralandı yaralanıb "
    "yaralanıblar yaralanib yaralandi xəsarət xesaret վիրավորվել վիրավորվեց"
)
# A verb form that says one person ("погиб", "ранена"), when no figure is given.
ONE_VERBS = word_set(
    "погиб погибла убит убита скончался скончалась ранен ранена пострадал пострадала "
    "госпитализирован госпитализирована получил получила ампутировали ампутирована amputated "
    "amputation"
)
# Died of wounds, fatally wounded, later died: the wound is the death's, not another victim.
FATAL = {"fatally", "mortally", "смертельно"}
WOUND_NOUNS = {"wounds", "wound", "injuries", "injury", "ранений", "ранения", "ранение"}
CAUSE = word_set("of from to от his her their its полученных the")
LATER = {"later", "subsequently", "afterwards", "позже", "впоследствии", "затем", "sonra"}
IN_HOSPITAL = {"hospital", "больнице", "госпитале", "xəstəxanada"}
NEGATION = {"not", "не", "never"}
LIMB_LOSS = {"lost", "amputated", "amputation", "ампутировали", "ампутирована"}
CONJUNCTIONS = {"and", "but", "и", "а", "но", "və"}
LIMBS = word_set("leg legs foot feet arm arms hand hands limb limbs eye eyes")
# Russian puts the verb before its subject as often as after
RIGHTWARD = word_set(
    "killed kill kills killing injured injure injures injuring wounded wound wounding hurt "
    "death deaths lives maimed погиб погибли погибла погибло убит убиты убита скончался "
    "скончалась скончались ранен ранены ранена ранено пострадал пострадали пострадала "
    "госпитализирован госпитализированы госпитализирована ранения ранение injury injuries"
)
AUX = word_set("was were been being is are be got get have has had")
PASSIVE = AUX - {"have", "has", "had"}  # "had wounded two" is active; "had been" is not
ADVERBS = word_set(
    "lightly slightly seriously severely critically badly fatally also reportedly mortally "
    "gravely moderately the of at least"
)
LEFT_STOPS = word_set(
    ", ; : ( ) when while after as because where which who that said according but — – if "
    "когда после который которые что но а"
)
RIGHT_STOPS = word_set(
    ", ; : ( ) . in on at near when while after as during from who which that — – by with "
    "around в во на при у возле около под когда после от из-за"
)
ADDITIVE = {"also", "another", "further", "additional", "more"}

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
TYPE_RES = tuple((kind, detail, re.compile(pattern)) for kind, detail, pattern in _TYPE_RULES)
WAR = re.compile(
    r"\b(?:fighting|war|wars|hostilities|clashes|offensive|battles?|genocide|"
    r"massacre)\b"
)
GENERIC = re.compile(
    r"\b(?:since the end|as of|"
    r"in recent years|over the past|с начала|с момента|с окончания|за последние|"
    r"в общей сложности|всего|bəri|ümumilikdə|indiyədək|indiyə qədər|"
    r"regularly|often|frequently|since|so far|in total|a total of|total|"
    r"annually|every year|per year|to date|overall|statistics|thousands of|"
    r"hundreds of|over the years|have been killed|have died|similar incidents)\b"
)
PERFECT = re.compile(r"\b(?:have|has)\s+(?:been\s+)?(?:killed|injured|wounded|hurt|maimed|died)\b")
HEDGE = re.compile(
    r"\b(?:reportedly|unconfirmed|unverified|allegedly|alleged|rumou?rs?|possibly|"
    r"may have|might have|could not be (?:independently )?(?:confirmed|verified)|"
    r"not (?:yet )?(?:been )?confirmed|unclear|not clear|uncertain)\b"
)
# "more than 200 soldiers", "около 300 человек": a figure over a period, not one incident's
STATISTIC = re.compile(
    r"\b(?:more than|over|nearly|almost|about|around|some|up to|"
    r"более|свыше|около|почти|больше|не менее)\s+(\d[\d,.]*)|"
    r"\b(\d[\d,.]*)-?(?:dən|dan)\s+(?:çox|artıq)\b"
)
STATISTIC_MIN = 50  # single incidents since 1994 (mines, a missile strike) stay below this
NEW_INCIDENT = re.compile(
    r"\b(?:another|separately|separate incident|second incident|"
    r"in a separate|elsewhere|a different)\b"
)
COREFERENCE = re.compile(
    r"\b(?:the|this|that|these|same|monday's|tuesday's|wednesday's|"
    r"thursday's|friday's|saturday's|sunday's) (?:blast|explosion|incident|"
    r"attack|mine|victims?|people|area|vehicle)\b|\bthe same\b|\bthese\b|\bother\b|"
    r"\bothers\b|\balso\b|\bboth\b"
)
NO_CASUALTIES = re.compile(r"\bno (?:casualties|victims)\b|\bwithout casualties\b")
NO_ONE = re.compile(
    r"\b(?:no one|nobody|no-one|none) (?:was|were|has been|had been) "
    r"(?:killed|hurt|injured|wounded)\b|\bno (?:injuries|deaths|fatalities)\b"
)
TIME_PAREN = re.compile(r"\([^()]*\d{1,2}[:.]\d{2}[^()]*\)")

# Words before a place that make it the event's place, or merely mentioned.
LOCATIVE = word_set(
    "in near at outside between around on of into inside across nearby close outskirts "
    "vicinity territory area within v vo bei dans pres yaxinliginda kendinde rayonunda в во "
    "под около возле близ у между"
)
NEAR_WORDS = word_set(
    "near outside outskirts vicinity around close nearby km kilometres kilometers area "
    "environs direction towards road highway between под около возле близ у между"
)
NEAR_AFTER = {"yaxınlığında", "ətrafında", "yaxinliginda", "etrafinda"}  # Azerbaijani: after
MENTION_WORDS = word_set(
    "hospital clinic treatment treated taken transferred evacuated brought airlifted capital "
    "embassy ministry government told said announced reporters visit visited meeting summit "
    "talks native born headquarters office officials authorities press conference statement "
    "flew returned moved sent delivered resolution corridor blockade blamed blaming accused "
    "accusing spokesman spokeswoman spokesperson minister briefing больницу больнице "
    "госпиталь заявили сообщили xəstəxanaya прокуратура прокуратуры администрации "
    "администрация полиции больницы госпиталя"
)
SPEECH_AFTER = word_set(
    "said says announced reported stated claimed accused denied officials authorities "
    "government blamed blames accuses denies insisted insists warned urged condemned called "
    "demanded hospital clinic based ministry embassy prokurorluğu prokurorluq icra "
    "xəstəxanası xəstəxanasına nazirliyi şöbəsi bildirib bildirdi"
)
# Words that end a mention's reach: past them, a place is the event's again ("officials
# said a mine exploded in X").
EVENT_WORDS = word_set(
    "exploded explosion blast mine landmine struck hit stepped detonated went shelling "
    "shelled fired взрыв подорвался подорвались partlayış"
)
FILLER = word_set("the a an of village town city settlement district region its this")
RESIDENT = word_set(
    "resident residents native inhabitant inhabitants житель жительница жители жителя "
    "уроженец уроженка"
)
RESIDENT_AFTER = {"sakini", "sakinləri", "sakinlərindən", "sakin"}
FROM = {"from", "со", "с", "из"}  # with ORIGIN_WORDS between: where people or fire came from
ORIGIN_WORDS = FILLER | {
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
FROM_AFTER = {"istiqamətindən", "tərəfdən", "mövqelərindən", "ərazisindən", "tərəfindən"}
FEATURE_NOUNS = word_set(
    "tunnel bridge road highway checkpoint reservoir pass dam field cemetery village town "
    "city settlement"
)
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
KIND_FORMS = {
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
STOP_SPELLINGS = word_set(
    "bank banka bard bert chalet dogs gay nor sen sis swan tala tous satin saki moses omar "
    "lenin kirov yuri ismail nizami babak talib sabir madina vahan narek arum ara gel mola "
    "shen tex kur bina dili gos bum ish zar uba lal march may mart aprel azad azat chinar "
    "fontan ganja karin masis sevan gurgen samur murov nadel sabira razin amber amberd kala "
    "qala eller dast arpa garni vedi vank jermuk"
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
