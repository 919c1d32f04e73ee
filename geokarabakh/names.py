"""Place-name normalisation: script folding, transliteration and qualifiers.

Two keys are derived from any spelling of a name:

- :func:`fold` — lower case Latin with diacritics removed and Armenian,
  Cyrillic and Azerbaijani letters transliterated (``Şuşa`` → ``shusha``,
  ``Шуша`` → ``shusha``, ``Շուշի`` → ``shushi``, ``Xocavənd`` → ``xocavend``).
- :func:`skeleton` — a coarser phonetic key that also merges the usual
  transliteration variants (Azerbaijani ``x``/``c`` = ``kh``/``j``, ``kh``/``h``,
  ``gh``/``g``, ``dzh``/``j``, vowels): ``Tartar``, ``Terter`` and ``Тертер``
  all become ``trtr``; ``Xocavənd`` and ``Khojavend`` both ``hjvnd``.

:func:`split_query` peels the qualifiers a report wraps around a name
("the town of", "district", "rayonu", ", Azerbaijan") and says what they
imply about the kind of place and its country.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from unidecode import unidecode

# Letters whose transliteration is more than "strip the accent".
_LATIN = {
    "ə": "e",
    "ǝ": "e",
    "ä": "a",
    "ş": "sh",
    "ç": "ch",
    "ğ": "gh",
    "ı": "i",
    "ß": "ss",
    "æ": "ae",
    "ø": "o",
    "ł": "l",
    "đ": "d",
    "ʻ": "",
    "ʼ": "",
    "’": "",
    "‘": "",
    "'": "",
    "`": "",
    "ʿ": "",
}
_CYRILLIC = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "е": "e",
    "ё": "yo",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "й": "y",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "yu",
    "я": "ya",
    "і": "i",
    "ї": "yi",
    "є": "ye",
    "ә": "e",
    "ғ": "gh",
    "ҹ": "j",
    "һ": "h",
    "ө": "o",
    "ү": "u",
    "ҝ": "g",
    "ј": "y",
    "ң": "ng",
    "қ": "q",
}
_ARMENIAN = {
    "ա": "a",
    "բ": "b",
    "գ": "g",
    "դ": "d",
    "ե": "e",
    "զ": "z",
    "է": "e",
    "ը": "e",
    "թ": "t",
    "ժ": "zh",
    "ի": "i",
    "լ": "l",
    "խ": "kh",
    "ծ": "ts",
    "կ": "k",
    "հ": "h",
    "ձ": "dz",
    "ղ": "gh",
    "ճ": "ch",
    "մ": "m",
    "յ": "y",
    "ն": "n",
    "շ": "sh",
    "ո": "o",
    "չ": "ch",
    "պ": "p",
    "ջ": "j",
    "ռ": "r",
    "ս": "s",
    "վ": "v",
    "տ": "t",
    "ր": "r",
    "ց": "ts",
    "ւ": "v",
    "փ": "p",
    "ք": "k",
    "և": "ev",
    "օ": "o",
    "ֆ": "f",
    "ու": "u",
}
_TRANSLIT = {**_LATIN, **_CYRILLIC, **_ARMENIAN}
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_ASCII_MARKS = re.compile("['`]")  # the ASCII letters of _LATIN that fold to nothing

# Skeleton: merge transliteration variants, then drop inner vowels and doubles.
_SKELETON_STEPS = (
    ("shch", "sh"),
    ("ch", "C"),
    ("dzh", "j"),
    ("dz", "j"),
    ("zh", "j"),
    ("kh", "h"),
    ("gh", "g"),
    ("x", "h"),
    ("c", "j"),
    ("C", "ch"),
    ("q", "g"),
    ("w", "v"),
    ("y", "i"),
    ("ph", "p"),
    ("th", "t"),
    ("ck", "k"),
)
_LEADING_Y = re.compile(r"^y(?=[aeiou])")
_VOWELS = re.compile(r"(?<!^)[aeiou]")
_DOUBLES = re.compile(r"(.)\1+")


# Azerbaijani Latin to the English transliteration English texts use (Şuşa → Shusha).
_AZ_ENGLISH = {
    "ə": "a",
    "ı": "i",
    "ş": "sh",
    "ç": "ch",
    "ğ": "gh",
    "x": "kh",
    "q": "g",
    "c": "j",
    "ö": "o",
    "ü": "u",
}
_AZ_LETTERS = re.compile("[əƏıİşŞçÇğĞöÖüÜxXqQ]")
_AZ_ENGLISH_RE = re.compile("|".join(_AZ_ENGLISH), re.IGNORECASE)


def english_form(name: str) -> str:
    """The English transliteration of an Azerbaijani Latin name; other names unchanged.

    A name is taken for Azerbaijani when it holds a letter English spellings do not
    use that way (ə ı ş ç ğ ö ü x q).

    >>> [english_form(n) for n in ("Qırmızı Bazar", "Kəlbəcər", "Tuğ", "Goris")]
    ['Girmizi Bazar', 'Kalbajar', 'Tugh', 'Goris']
    """
    if not _AZ_LETTERS.search(name):
        return name

    def swap(match: re.Match[str]) -> str:
        letter = match.group(0)
        english = _AZ_ENGLISH.get(letter.lower(), letter)  # "I" matches "ı" when case is ignored
        return english.capitalize() if letter.isupper() else english

    return _AZ_ENGLISH_RE.sub(swap, unicodedata.normalize("NFC", name).replace("İ", "I"))


def word_set(text: str) -> frozenset[str]:
    """A word list written as one text, words separated by spaces (compact, greppable)."""
    return frozenset(text.split())


def fold(text: str) -> str:
    """Lower-case Latin form of ``text``: scripts transliterated, accents and punctuation gone.

    >>> fold("Tərtər rayonu"), fold("Шуша"), fold("Ստեփանակերտ"), fold("თბილისი")
    ('terter rayonu', 'shusha', 'stepanakert', 't bilisi')
    """
    if text.isascii():  # the common case, and the fast one (what fold_with_offsets gives it)
        return _NON_ALNUM.sub(" ", _ASCII_MARKS.sub("", text.lower())).strip()
    return fold_with_offsets(unicodedata.normalize("NFC", text))[0].strip()


@lru_cache(maxsize=8192)
def _fold_char(ch: str) -> str:
    """The folded form of one character: "", letters and digits, or " " for anything else."""
    lower = "i" if ch == "İ" else ch.lower()
    lower = "".join(_TRANSLIT.get(c, c) for c in lower)
    lower = "".join(c for c in unicodedata.normalize("NFKD", lower) if not unicodedata.combining(c))
    if not lower.isascii():  # other scripts (Georgian, Arabic, Persian...): unidecode's tables
        lower = unidecode(lower).lower()
    return "".join(c if ("a" <= c <= "z" or "0" <= c <= "9") else " " for c in lower)


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """:func:`fold` of ``text`` (spaces single, not stripped) and, for each folded character,
    the offset of the character of ``text`` it came from (one more offset: ``len(text)``).

    The one folding of the project: :func:`fold` is this without the offsets.
    """
    out: list[str] = []
    offsets: list[int] = []
    space = True
    done = 0  # text[:done] is folded
    for run in _FOLD_RUNS.finditer(text):
        start, end = run.span()
        if start > done and not space:  # ASCII punctuation and spaces between: one space
            out.append(" ")
            offsets.append(done)
            space = True
        chunk = run.group()
        if chunk.isascii() and "'" not in chunk and "`" not in chunk:  # a plain word: as it is
            out.append(chunk.lower())
            offsets.extend(range(start, end))
            space = False
        else:
            space = _fold_chars(text, start, end, out, offsets, space)
        done = end
    if done < len(text) and not space:
        out.append(" ")
        offsets.append(done)
    offsets.append(len(text))
    return "".join(out), offsets


# Runs folded as a whole: ASCII words (with the marks that fold to nothing), anything else
_FOLD_RUNS = re.compile(r"[A-Za-z0-9'`]+|[^\x00-\x7f]+")


def _fold_chars(
    text: str, i: int, end: int, out: list[str], offsets: list[int], space: bool
) -> bool:
    """Fold ``text[i:end]`` one character at a time onto ``out`` and ``offsets``; returns
    whether the folded text now ends in a space."""
    while i < end:
        ch = text[i]
        if ch in "ոՈ" and i + 1 < end and text[i + 1] in "ւՒ":
            piece, step = "u", 2
        else:
            piece, step = _fold_char(ch), 1
        for c in piece:
            if c == " ":
                if not space:
                    out.append(" ")
                    offsets.append(i)
                    space = True
            else:
                out.append(c)
                offsets.append(i)
                space = False
        i += step
    return space


def skeleton(folded: str) -> str:
    """Coarse phonetic key of an already folded name, for variant spellings.

    >>> skeleton("tartar") == skeleton("terter") == skeleton(fold("Тертер"))
    True
    """
    key = _LEADING_Y.sub("", folded.replace(" ", ""))
    for old, new in _SKELETON_STEPS:
        key = key.replace(old, new)
    return _DOUBLES.sub(r"\1", _VOWELS.sub("", key))


# Qualifier words, folded. Each maps to the kind of place it asks for.
_KIND_WORDS = {
    "district": "district",
    "districts": "district",
    "rayon": "district",
    "rayonu": "district",
    "raion": "district",
    "rajon": "district",
    "rn": "district",
    "rayoni": "district",
    "raioni": "district",
    "rayonunun": "district",
    "rayonunda": "district",
    "region": "district",
    "regional": "district",
    "oblast": "province",
    "oblasti": "province",
    "shrjan": "district",
    "shrjani": "district",
    "shrjanum": "district",
    "bolgesi": "region",
    "iqtisadi": "region",
    "province": "province",
    "marz": "province",
    "marzi": "province",
    "marzum": "province",
    "provincia": "province",
    "city": "settlement",
    "town": "settlement",
    "village": "settlement",
    "settlement": "settlement",
    "sheheri": "settlement",
    "seheri": "settlement",
    "kendi": "settlement",
    "qesebesi": "settlement",
    "gorod": "settlement",
    "selo": "settlement",
    "derevnya": "settlement",
    "poselok": "settlement",
    # Russian and Azerbaijani case forms: "в Физулинском районе", "Tərtər rayonunda", "kəndində"
    "rayona": "district",
    "rayone": "district",
    "rayonom": "district",
    "rayonakh": "district",
    "oblastyu": "province",
    "goroda": "settlement",
    "gorode": "settlement",
    "sela": "settlement",
    "sele": "settlement",
    "derevne": "settlement",
    "derevni": "settlement",
    "poselke": "settlement",
    "poselka": "settlement",
    "kendinde": "settlement",
    "kendine": "settlement",
    "kendinin": "settlement",
    "kendinden": "settlement",
    "kendini": "settlement",
    "gyughi": "settlement",
    "gyughum": "settlement",
    "sheherinde": "settlement",
    "rayonuna": "district",
    "qyugh": "settlement",
    "gyugh": "settlement",
    "kaghak": "settlement",
    "kaghaq": "settlement",
}
_FILLER_WORDS = word_set(
    "the of in near at a an g s p liberated occupied v vo na okolo vozle bliz pod u former "
    "area vicinity administrative municipality territory erazisinde erazisi yaxinlighinda "
    "etrafinda"
)
_COUNTRY_WORDS = {
    "azerbaijan": "AZ",
    "azerbaycan": "AZ",
    "azerbajdzhan": "AZ",
    "azerbaidzhan": "AZ",
    "adrbejan": "AZ",
    "adrbejjan": "AZ",
    "armenia": "AM",
    "ermenistan": "AM",
    "armeniya": "AM",
    "hayastan": "AM",
}
# Words that name a kind of feature, not a place, when they stand alone.
_GENERIC_FEATURES = word_set(
    "tunnel tunnels road roads highway bridge checkpoint junction pass section stretch "
    "outskirts border field fields farm forest river mine minefield post position positions "
    "one two its their"
)
# Russian adjectival forms of a name next to a kind word: "Ходжавендский район".
_RUSSIAN_ADJECTIVE = re.compile(r"(?<=\w{3})sk(?:iy|ii|ij|aya|aia|oy|ogo|om|ovo)$")
# Azerbaijani "Y rayonu(nun) X kəndi" (also "Y r-nu"), Armenian "Y-i shrjani X gyugh":
# the district before the name.
_AZ_GENITIVE = re.compile(r"^(.+?)\s+(?:rayonunun|rayonu|shrjani)\s+(.+)$")
# "р-н", "р-на", "r-nu": abbreviated "district" (folded, the hyphen is a space)
_DISTRICT_ABBREVIATION = re.compile(r"\br n(?:a|e|u|un|unun)?\b")
# Azerbaijani "Ağdamın Sarıcalı kəndi": the district's genitive before "X kəndi".
_AZ_POSSESSIVE = re.compile(r"^(\S+(?:in|un))\s+(.+?\s+kend\w*)\b(.*)$")
# Russian "село X Y-ского района": the district as an adjective after the name.
_RUSSIAN_GENITIVE = re.compile(r"^(.+?)\s+(\w+sk(?:ogo|om|oy)\s+(?:rayona|rayone|oblasti|marza))$")
_PARTS = re.compile(r"\s*(?:,|;|\(|\)|\[|\]|/|\bin\b|\bof\b|\bnear\b)\s*")


@dataclass(frozen=True, slots=True)
class Query:
    """A place query taken apart: the name, what kind it asks for, and its context."""

    name: str
    kind: str | None = None
    country: str | None = None
    context: tuple[str, ...] = ()
    alternatives: tuple[
        str, ...
    ] = ()  # other readings of the name, tried when it has no exact match


def strip_qualifiers(folded: str) -> tuple[str, str | None, str | None]:
    """Remove qualifier words from a folded phrase; return (rest, kind, country)."""
    kind = country = None
    kept = []
    for word in folded.split():
        if word in _KIND_WORDS:
            kind = _KIND_WORDS[word]
        elif word in _COUNTRY_WORDS:
            country = _COUNTRY_WORDS[word]
        elif word not in _FILLER_WORDS:
            kept.append(word)
    return " ".join(kept), kind, country


_AREA_KINDS = ("district", "province")  # a leading qualifier of these kinds yields to "село X"


def _kind_of(part: str) -> str | None:
    """The kind a qualifier word in ``part`` asks for, if any ("с.", "g." say settlement)."""
    words = part.split()
    return "settlement" if words and words[0] in ("s", "g", "p") else strip_qualifiers(part)[1]


def split_query(text: str) -> Query:
    """Take a place phrase apart into name, kind, country and context names.

    >>> split_query("Tagavard village of Khojavand district")
    Query(name='tagavard', kind='settlement', country=None, context=('khojavand',), alternatives=())
    >>> split_query("Martuni, Armenia")
    Query(name='martuni', kind=None, country='AM', context=(), alternatives=())
    """
    kind = country = None
    names: list[str] = []
    alternatives: tuple[str, ...] = ()
    # Azerbaijani genitive: "Ağdam rayonunun Sarıcalı kəndi" = "Sarıcalı village, Aghdam district"
    folded = _DISTRICT_ABBREVIATION.sub("rayonu", fold_keep_delims(text))
    folded = _AZ_GENITIVE.sub(r"\2, \1 district", folded)
    folded = _AZ_POSSESSIVE.sub(r"\2\3, \1", folded)
    folded = _RUSSIAN_GENITIVE.sub(r"\1, \2", folded)
    parts = _PARTS.split(folded)
    if len(parts) > 1 and _kind_of(parts[0]) in _AREA_KINDS and _kind_of(parts[1]) == "settlement":
        parts[:2] = parts[1], parts[0]  # "Ходжавендский район, село Туг": the village first
    for part in parts:
        rest, part_kind, part_country = strip_qualifiers(part)
        if rest and not names and set(rest.split()) <= _GENERIC_FEATURES:
            continue  # "a tunnel in Khojavend district": the place is the district
        if part_kind and not names and _RUSSIAN_ADJECTIVE.search(rest):
            rest, alternatives = _adjective_stems(rest)
        if not names:
            kind = part_kind or kind
        country = part_country or country
        if rest:
            names.append(rest)
    if not names:
        return Query(name="", kind=kind, country=country)
    return Query(
        name=names[0],
        kind=kind,
        country=country,
        context=tuple(names[1:]),
        alternatives=alternatives,
    )


_MARKLESS = re.compile(r"[cgs](?!h)")  # ç, ğ and ş typed without their marks: c, g and s
_MARKLESS_LETTERS = 5  # readings of at most this many such letters: 2**5 spellings


def markless_readings(folded: str) -> tuple[str, ...]:
    """The spellings a folded name typed without Azerbaijani marks may stand for: each
    ``c``, ``g``, ``s`` may be ``ç``, ``ğ``, ``ş`` (folded ``ch``, ``gh``, ``sh``). Fewest changes
    first; () for a name with none of them or too many.

    >>> markless_readings("susa")
    ('susha', 'shusa', 'shusha')
    """
    spots = [m.start() for m in _MARKLESS.finditer(folded)]
    if not spots or len(spots) > _MARKLESS_LETTERS:
        return ()
    readings = []
    for marks in sorted(itertools.product((False, True), repeat=len(spots)), key=sum)[1:]:
        letters = list(folded)
        for spot, marked in zip(spots, marks, strict=True):
            if marked:
                letters[spot] += "h"
        readings.append("".join(letters))
    return tuple(readings)


def adjective_readings(word: str) -> tuple[str, ...]:
    """The names a Russian adjective may stand for (``tovuzskogo`` → ``tovuz``, ...); else ()."""
    if not _RUSSIAN_ADJECTIVE.search(word):
        return ()
    stem, others = _adjective_stems(word)
    return (stem, *others)


def genitive_readings(word: str) -> tuple[str, ...]:
    """The names an Azerbaijani or Armenian genitive may stand for (``shushanin`` → ``shusha``,
    ``aghdamin`` → ``aghdam``, ``hadruti`` → ``hadrut``); else ()."""
    return tuple(
        word[: -len(ending)]
        for ending in ("nin", "nun", "in", "un", "i")
        if word.endswith(ending) and len(word) > len(ending) + 2
    )


def _adjective_stems(word: str) -> tuple[str, tuple[str, ...]]:
    """Readings of a Russian adjectival place name: ``shushinskiy`` → ``shusha`` and others."""
    stem = _RUSSIAN_ADJECTIVE.sub("", word)
    short = stem[:-2] if stem.endswith(("in", "en")) else stem
    readings = dict.fromkeys((stem, short + "a", short + "i", short, stem + "a"))
    return stem, tuple(readings)[1:]


def fold_keep_delims(text: str) -> str:
    """Like :func:`fold`, but keep the delimiters :func:`split_query` splits on."""
    pieces = re.split(r"([,;()\[\]/])", text)
    return " ".join(p if p in ",;()[]/" else fold(p) for p in pieces)
