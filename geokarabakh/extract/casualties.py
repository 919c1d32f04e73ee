"""Killed and injured figures of one sentence: number-and-noun groups around a casualty
verb, people named without a figure, and the victims' categories."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from geokarabakh.dates import MONTH_NAMES, WEEKDAY_NAMES
from geokarabakh.extract.lexicon import (
    ADDITIVE,
    ADVERBS,
    AND,
    ANIMALS,
    ARTICLES,
    AUX,
    AZ_TEN,
    CAUSE,
    CONJUNCTIONS,
    EVENT_WORDS,
    FATAL,
    FELL,
    FILLER,
    HIT,
    IN_HOSPITAL,
    INJURE,
    KILL,
    KIND_FORMS,
    LATER,
    LEFT_STOPS,
    LIGHT_VERBS,
    LIMB_LOSS,
    LIMBS,
    LOST,
    MINE_VICTIM,
    NEGATION,
    NEGATION_AFTER,
    ONE_VERBS,
    PASSIVE,
    RIGHT_STOPS,
    RIGHTWARD,
    SINGULAR,
    VAGUE,
    VEHICLES,
    VICTIMS,
    WOUND_KINDS,
    WOUND_NOUNS,
    Clued,
    number,
    words,
)

# -- casualties -----------------------------------------------------------------------------


@dataclass(slots=True)
class Count:
    """A casualty figure for one sentence: the known sum, whether part is vague, and notes."""

    total: int | None = None  # None: no figure stated
    vague: list[str] = field(default_factory=list)
    additive: bool = False
    partitive: bool = False  # "one of them": a part of people counted before
    another: bool = False  # additive by "another" alone: after "one of them", the next part
    phrases: list[str] = field(default_factory=list)
    converted: int = 0  # killed who were first counted injured ("later died of wounds")

    def add(self, value: int | None, phrase: str) -> None:
        if value is None:
            self.vague.append(phrase)
        else:
            self.total = (self.total or 0) + value
        self.phrases.append(phrase)


_THEM = ("them", "those", "whom", "них")  # "one of them": a part of people counted before
_OF_THEM = tuple(f" of {word}" for word in _THEM)
_OF_THEM_BEFORE = {"onlardan", "них"}  # "onlardan biri", "из них один": one of them


def _without_wound_count(subject: list[str]) -> list[str]:
    """The words before a wound noun without the count of wounds ("received two [gunshot]
    wounds", "multiple shrapnel wounds"): it counts wounds, not people."""
    for size in (1, 2):
        if (
            len(subject) >= size
            and _quantity(subject[-size])
            and (size == 1 or subject[-1] in WOUND_KINDS)
        ):
            return subject[:-size]
    return subject


def _animals_counted(tokens: Sequence[str]) -> bool:
    """Does a figure count animals ("11 cows", "19 inək"), and none people?"""
    if ANIMALS.isdisjoint(tokens):
        return False  # most sentences: no need to look for figures
    counted = {
        token
        for i, token in enumerate(tokens)
        if any(number(t) is not None for t in tokens[max(0, i - 3) : i])
    }
    return bool(counted & ANIMALS) and not counted & VICTIMS.keys()


def _quantity(token: str) -> bool:
    """A figure or a vague amount ("two", "several")."""
    return token in VAGUE or (number(token) is not None and token not in ARTICLES)


# skipped between a casualty word and its figure on its right: "killed at least 3",
# "ранения получили трое"
_RIGHT_SKIP = ADVERBS | LIGHT_VERBS | {"of", "the", "at", "least"}
_PART_OF = {"including", "among", "включая", "среди"}
_LOST = (["itirib"], ["itirdi"], ["itiriblər"], ["itirmişdir"])
_CHANGED = (["dəyişib"], ["dəyişdi"], ["dəyişiblər"], ["dəyişmişdir"])
# A death only before its verb: "həyatını itirib" (lost his life), "dünyasını dəyişib" (passed away)
_LIFE = {"həyatını": _LOST, "heyatini": _LOST, "dünyasını": _CHANGED}
_AGE = {
    "years",
    "year",
    "year-old",
    "yaşlı",
    "лет",
    "года",
    "տարեկան",
    "ամյա",
    "ամեա",
}  # and "летн..."


def _groups(
    tokens: Sequence[str], verb_adjacent_end: bool
) -> tuple[list[tuple[int | None, str]], set[str]]:
    """Number-and-noun groups in a stretch of words: "four police officers and two civilians"."""
    groups: list[tuple[int | None, str]] = []
    victims: set[str] = set()
    pending: tuple[int | None, int, str] | None = None  # value, index, word
    ages = False  # in a list of ages: "two women, aged 94 and 41"
    for index, token in enumerate(tokens):
        if token == "aged":
            ages, pending = True, None
            continue
        if ages and (token.isdigit() or token in (",", "and", "-")):
            continue
        ages = False
        if token in VAGUE or (token == "few" and index and tokens[index - 1] == "a"):
            pending = (None, index, token)
            continue
        value = number(token)
        if (token, tokens[index + 1] if index + 1 < len(tokens) else "") == AZ_TEN:
            value = 10
        if token == "another" or (token == "other" and index and tokens[index - 1] == "the"):
            value = 1  # "another person", "the other (was wounded)"
        if (
            value is not None
            and index > 1
            and tokens[index - 1] == "-"
            and tokens[index - 2].isdigit()
        ):
            pending = None  # "2025-12-03": a date's part, not a count
            continue
        if token.isdigit() and (
            (index + 1 < len(tokens) and tokens[index + 1] in MONTH_NAMES)
            or (index and tokens[index - 1] in MONTH_NAMES)
        ):
            pending = None  # "получила 26 декабря ранение", "on December 26": a day
            continue
        if (
            _age_word(token)
            and pending is not None
            and index - pending[1] <= 1 + (tokens[index - 1] == "-")
        ):  # "41 лет", "41-летний", "a 41-year-old man"
            pending = None  # "a 2 years old girl", "41 лет": an age, not a count
            continue
        if value is not None and not (token in ("a", "an") and pending and pending[0] is None):
            if pending and pending[0] is not None and token in ARTICLES:
                continue
            pending = (value, index, token)
            continue
        if (
            token == "police"
            and index + 1 < len(tokens)
            and tokens[index + 1] in ("officer", "officers", "man", "men", "woman", "women")
        ):
            continue
        if token in ANIMALS or token in LIMBS:
            pending = None  # "11 cows", "3 barmağı" (fingers): no people
            continue
        if token in _THEM and pending is not None and index - pending[1] <= 2:
            groups.append((pending[0], f"{pending[2]} of {token}"))  # "one of them"
            pending = None
            continue
        if token in VICTIMS:
            category = VICTIMS[token]
            if (
                token in ("officer", "officers", "men", "man", "women", "woman")
                and index
                and tokens[index - 1] == "police"
            ):
                category = "police"
            if category:
                victims.add(category)
            if pending is not None and index - pending[1] <= 4:
                between = tokens[pending[1] + 1 : index]
                # "one of the servicemen" ("of" may be dropped as filler before this)
                of = " of the" if between in (["of", "the"], ["the"]) else ""
                groups.append((pending[0], f"{pending[2]}{of} {token}"))
            elif (
                token in SINGULAR
                and index + 2 < len(tokens)
                and tokens[index + 1] in AND
                and number(tokens[index + 2]) is not None
            ):
                groups.append((1, token))  # "пограничник и три сотрудника": one and three
            pending = None
            continue
        if token in (",", "and", "including", "plus") or token.isalpha():
            continue
        pending = None
    if (
        pending is not None
        and verb_adjacent_end
        and pending[2] not in ARTICLES
        and pending[1] >= len(tokens) - 2
    ):
        groups.append((pending[0], pending[2]))
    return groups, victims


def casualties(
    tokens: Sequence[str], cased: Sequence[str] | None = None
) -> tuple[Count, Count, set[str]]:
    """Killed and injured figures stated in one sentence's tokens (``cased``: the same tokens
    as written, for people named without a figure), and the victims named."""
    killed, injured, struck = Count(), Count(), Count()
    victims: set[str] = set()
    if _animals_counted(tokens):
        return killed, injured, victims  # "11 cows killed in the farm, 19 injured"
    cased = cased if cased is not None else [t.lower() for t in tokens]  # None: count no names
    for index, token in enumerate(tokens):
        before = tokens[max(0, index - 3) : index]
        if token in _LIFE and tokens[index + 1 : index + 2] not in _LIFE[token]:
            continue
        if token in KILL:
            count = killed
        elif token in MINE_VICTIM:
            if token in FELL and not (index and tokens[index - 1].startswith("mina")):
                continue  # "düşüb" alone: fell
            if token in HIT and not any(t.endswith("mine") for t in tokens[index + 1 : index + 4]):
                continue  # "a shell hit the yard"
            if VEHICLES & {*tokens[max(0, index - 2) : index], *tokens[index + 1 : index + 3]}:
                continue  # "подорвался автомобиль": the car struck it; its people are told apart
            count = struck
        elif token in INJURE or (
            token in LOST and LIMBS & {*tokens[index + 1 : index + 4], *tokens[index - 1 : index]}
        ):
            count = injured  # "lost his leg": injured, the victim before the verb
            if token in LIMB_LOSS and any(t in INJURE and t not in LIMB_LOSS for t in tokens):
                continue  # "three were hurt; one lost a foot": one of those three
            if (
                token in WOUND_NOUNS
                and set(before) & CAUSE
                and set(tokens[max(0, index - 5) : index]) & KILL
            ):
                continue  # "died of his wounds": the death's cause, counted as killed
            if FATAL & set(before):
                count = killed  # "fatally wounded"
        else:
            continue
        if (
            before[-1:]
            and before[-1] in NEGATION
            or tokens[index + 1 : index + 2]
            and (tokens[index + 1] in NEGATION_AFTER)
        ):
            continue  # "was not hurt", "не пострадал", "վիրավորներ չկան"
        if token in ("life", "lives") and (
            not (index and tokens[index - 1] in ("their", "his", "her", "the", "lost", "claimed"))
            or {"danger", "threat", "risk"} & set(tokens[index + 1 : index + 16])
        ):
            continue  # "their lives are not in danger": alive
        if token == "death" and index + 1 < len(tokens) and tokens[index + 1] == "toll":
            continue
        groups: list[tuple[int | None, str]] = []
        window: list[str] = []
        right_window: list[str] = []
        right = index + 1  # where right_window starts
        previous = [t for t in tokens[max(0, index - 3) : index] if t not in ADVERBS]
        passive = bool(previous) and previous[-1] in PASSIVE
        if token in RIGHTWARD and not passive:
            right = index + 1
            while right < len(tokens) and tokens[right] in _RIGHT_SKIP:
                right += 1
            stop = right
            while (
                stop < len(tokens)
                and tokens[stop] not in RIGHT_STOPS
                and tokens[stop] not in KILL | INJURE | AUX
            ):
                stop += 1
            window = right_window = list(tokens[right:stop])
            if window[:1] and window[0] in CONJUNCTIONS:  # "погибли и двое ранены": next clause
                window = right_window = []
            groups, found = _groups(window, verb_adjacent_end=False)
            if window and number(window[0]) is not None and not groups and not _aged_or_day(window):
                groups = [(number(window[0]), window[0])]
            victims |= found
        elif tokens[index + 1 : index + 2] in (["alan"], ["olan"]):
            # an Azerbaijani participle names its victim after it: "xəsarət alan əməkdaşın",
            # "həlak olan 2 hərbçi"
            window = right_window = [
                t for t in tokens[index + 2 : index + 5] if t not in RIGHT_STOPS
            ][:2]
            groups, found = _groups(window, verb_adjacent_end=False)
            victims |= found
        subject: list[str] = []
        if not groups:
            start = index
            while (
                start > 0
                and tokens[start - 1] not in LEFT_STOPS
                and tokens[start - 1] not in KILL | INJURE
            ):
                start -= 1
            subject = list(tokens[start:index])
            if token in WOUND_NOUNS:  # "received multiple shrapnel wounds": wounds, not people
                subject = _without_wound_count(subject)
            window = [t for t in subject if t not in AUX and t not in ADVERBS - {"the"}]
            if "no" in window or "nobody" in window:  # "no one was hurt": a zero, read apart
                continue
            groups, found = _groups(window, verb_adjacent_end=True)
            if subject[:1] and subject[0] in _PART_OF:
                groups = []  # "4 civilians, including a girl, were killed": the whole counts
            outer = start
            for _ in range(2 if not groups else 0):
                # "Two civilians, a man and his son, were injured": the outermost phrase counts
                if outer < 2 or tokens[outer - 1] != ",":
                    break
                end, outer = outer - 1, outer - 1
                while (
                    outer > 0
                    and tokens[outer - 1] not in LEFT_STOPS
                    and tokens[outer - 1] not in KILL | INJURE
                ):
                    outer -= 1
                groups = (
                    _groups(
                        [t for t in tokens[outer:end] if t not in AUX], verb_adjacent_end=False
                    )[0]
                    or groups
                )
            groups = groups or _enumerated(tokens, start)
            victims |= found
        later = token in KILL and bool(
            set(tokens[max(0, index - 2) : index]) & LATER
            or token == "succumbed"
            or set(tokens[index + 1 : index + 5]) & IN_HOSPITAL
            or _died_of_wounds(tokens, index)
        )
        if not groups and later and injured.total is not None and "and" in subject[-2:]:
            groups = [(injured.total, token)]  # "were wounded and later died": the same people
        if not groups and not count.vague and count.total is None:  # else the same person
            named = (
                []
                if set(subject + right_window) & _NOT_ONLY_NAMES
                and not _apposition(cased[index - len(subject) : index], right_window)
                and not _apposition(cased[right : right + len(right_window)], [])
                else _named_people(cased[right : right + len(right_window)])
                or _named_people(cased[index - len(subject) : index])
                or (
                    _named_people(
                        cased[max(0, index - len(subject) - 8) : index - len(subject) - 1]
                    )
                    if index - len(subject) >= 1
                    and tokens[index - len(subject) - 1] == ","
                    and not [t for t in subject if t not in AUX | ADVERBS]
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
        added = {t for t in window + list(tokens[max(0, index - 2) : index]) if t in ADDITIVE}
        if groups and added:
            count.additive = True
            count.another = added == {"another"}
        if any(phrase.endswith(_OF_THEM) or " of the " in phrase for _, phrase in groups) or (
            groups and _OF_THEM_BEFORE & set(window)
        ):
            count.partitive = True
    if struck.total is not None and injured.total is None and not injured.vague:
        alive = struck.total - (killed.total or 0)  # "8 hit a mine, one of them died": 7
        if alive > 0:
            injured.add(alive, ", ".join(struck.phrases))
    return killed, injured, victims


def _apposition(subject: Sequence[str], right: list[str]) -> bool:
    """A plural victim noun before two or more names and nothing else of the kind: "kənd
    sakinləri A və B", "the villagers A and B" (the names are the victims, counted)."""
    lower = [w.lower() for w in subject]
    nouns = [i for i, w in enumerate(lower) if w in _NOT_ONLY_NAMES]
    return (
        bool(nouns)
        and not set(right) & _NOT_ONLY_NAMES
        and all(lower[i] in VICTIMS and lower[i] not in SINGULAR | _OTHERS for i in nouns)
        and len(_named_people(subject[nouns[-1] + 1 :])) >= 2
    )


_OTHERS = {"other", "others", "другие", "digər"}
_PATRONYMIC = words("patronymic")
# A victim noun or a possessive beside the names: "Ali Aliyev and his son" are not just names.
_NOT_ONLY_NAMES = set(VICTIMS) | {"his", "her", "their", "its", "его", "её", "их"}
_NOT_NAMES = {
    *MONTH_NAMES,
    *WEEKDAY_NAMES,
    *VICTIMS,
    *FILLER,
    *KIND_FORMS,
    *EVENT_WORDS,
    *KILL,
    *INJURE,
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


def _died_of_wounds(tokens: Sequence[str], index: int) -> bool:
    """Died of wounds ("died of his wounds", "скончался от полученных ранений"): the death
    word at ``index``, its cause words, then a wound; "погиб и семь получили ранения" is not."""
    after = index + 1
    while after < min(len(tokens), index + 4) and tokens[after] in CAUSE:
        after += 1
    return after < len(tokens) and tokens[after] in WOUND_NOUNS


_LIST_DASHES = {"–", "—", ":"}


def _enumerated(tokens: Sequence[str], start: int) -> list[tuple[int | None, str]]:
    """A figure that opens a list of the victims' names ending at ``start``, before a dash:
    "3 nəfər – A (operator), B, C həlak olub", "two people: A, B and C were killed"."""
    for back in range(start - 1, max(-1, start - 40), -1):
        token = tokens[back]
        if token in KILL or token in INJURE or token == ".":
            return []
        if token in _LIST_DASHES:
            return _groups(list(tokens[max(0, back - 3) : back]), verb_adjacent_end=True)[0]
    return []


# A victim's year of birth ("Ali Aliyev, born in 1965, and ...", "Али Алиев 1965 года
# рождения и ...", "1965-ci il təvəllüdlü Əli Əliyev"): dropped before names are counted, so the
# names it sits between read as one list, and the year is no figure.
_BIRTH_YEAR = Clued(
    r"(?P<comma>,\s*)?(?:\(\s*)?(?:born(?:\s+in)?\s+(?:19|20)\d\d|(?:19|20)\d\d\s*(?:-?\w{0,3}\s+il\s+"
    r"təvəllüd(?:lü|ü)|года\s+рождения|г\.\s*р\.|թ\.?\s*ծնված))(?:\s*\))?(?(comma)(?:\s*,)?|)",
    ("born", "рожд", "г.р", "г. р", "təvəllüd", "ծնված"),
    re.IGNORECASE,
)


def without_birth_years(raw: str) -> str:
    """``raw`` with its victims' years of birth dropped (see :data:`_BIRTH_YEAR`)."""
    return _BIRTH_YEAR.sub(" ", raw)


def _named_people(words: Sequence[str]) -> list[str]:
    """People named in a stretch of words as written: runs of two or more capitalised words
    ("Farid Aliyev", "Вугар Алиев и Рашад Мамедов" = two; a patronymic belongs to its run;
    an initial too: "Q.Hüseynov", "А. Мамедов")."""
    people: list[str] = []
    run: list[str] = []
    words = [*words, "."]
    for i, word in enumerate(words):
        name_like = (
            word[:1].isupper()
            and word.isalpha()
            and not word.isupper()
            and word.lower() not in _NOT_NAMES
        )
        if name_like or (run and word.lower() in _PATRONYMIC):
            run.append(word)
            continue
        if word == "." and run and _initial(run[-1]) and i + 1 < len(words):
            run[-1] += "."  # the initial's dot: the name goes on
            continue
        if _initial(word) and words[i + 1 : i + 2] == ["."]:
            run.append(word)
            continue
        if len(run) >= 2:
            people.append(" ".join(run))
        run = []
    return people


def _aged_or_day(words: Sequence[str]) -> bool:
    """Does the figure opening ``words`` give an age ("41-летний", "41 yaşlı") or a day
    ("ранение 26 декабря")?"""
    after = [w for w in words[1:3] if w != "-"]
    return bool(after) and (_age_word(after[0]) or (words[1] in MONTH_NAMES))


def _age_word(word: str) -> bool:
    """A word after a figure that makes it an age: "years", "лет", "14-летний" ("летник")."""
    return word in _AGE or word.startswith("летн")


def _initial(word: str) -> bool:
    return len(word) == 1 and word.isupper()


def _one_victim(tokens: Sequence[str], index: int, subject: list[str]) -> str | None:
    """The word that makes a casualty one person when no figure is given: a verb form that
    says one ("погиб"), or a subject naming one person ("the driver", "he")."""
    token = tokens[index]
    if token in ONE_VERBS:
        return token
    if token in WOUND_NOUNS and index and tokens[index - 1] in ONE_VERBS:
        return tokens[index - 1]  # "получил ранения"
    words = set(subject)
    if words & {"and", "were", "are", "have", "и", "və", "they"} or words & VAGUE:
        return None
    plural = [w for w in subject if w in VICTIMS and w not in SINGULAR]
    singular = [w for w in subject if w in SINGULAR]
    return singular[0] if singular and not plural else None
