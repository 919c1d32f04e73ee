"""Text and its structure: an article's main text (trafilatura for saved pages), its
paragraphs, sentences, clauses and tokens."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from os import PathLike
from pathlib import Path
from typing import Any

from geokarabakh.errors import InvalidInput
from geokarabakh.extract.lexicon import words

TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")


# -- text structure -------------------------------------------------------------------------

_ABBREVIATIONS = words("abbreviations")
_SENTENCE_END = re.compile(
    r"[.!?…։]+[\"”»’)]*\s+(?=[\"“«(]?[^\W_a-zа-яա-ֆ])|"
    # pasted paragraphs lose their space: "of this year.We reiterate" (not "Report.Az")
    r"(?<=[a-zа-яёəöüğışç]{3})\.(?=[A-ZА-ЯЁƏÖÜĞİŞÇ][a-zа-яёəöüğışç]+)"
    r"(?!(?:Az|Ru|Am|Ge|Com|Org|Net|Info|News|Media|Tv)\b)"
)


def lower_word(word: str) -> str:
    """``word`` in lower case, Turkish "İ" as "i" (``str.lower`` gives "i" and a dot)."""
    return word.lower().replace("i\u0307", "i")


TOKEN = re.compile(r"\d+(?:[.,:]\d+)*|[^\W\d_]+(?:[-'’][^\W\d_]+)*|[^\w\s]")


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    paragraph: int


def split_sentences(text: str) -> list[Sentence]:
    """Sentences with their offsets and paragraph number; a line break ends a sentence unless
    the next line goes on in lower case (hard-wrapped text)."""
    out: list[Sentence] = []
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
                initial = len(last_word) == 1 and last_word.isalpha() and match.group(0)[0] == "."
                if last_word in _ABBREVIATIONS or initial:
                    continue  # "Dr. X", "M. Məmmədov"; Armenian "է։" (is) ends a sentence
                out.append(Sentence(cut, match.start() + len(match.group(0).rstrip()), paragraph))
                cut = match.end()
            if text[cut:end].strip():
                out.append(Sentence(cut, end, paragraph))
        position += len(block)
    return [s for s in out if text[s.start : s.end].strip()]


_CLAUSE_BREAK = re.compile(
    r";\s+|,\s+(?:and|but|while|whereas|а|и|но|və)\s+|\s+(?:while|whereas)\s+"
)


def split_clauses(text: str, sentence: Sentence) -> list[Sentence]:
    """A sentence cut where its clauses join ("; ", ", and ", ", while ")."""
    cuts = [m.span() for m in _CLAUSE_BREAK.finditer(text, sentence.start, sentence.end)]
    starts = [sentence.start] + [end for _, end in cuts]
    ends = [start for start, _ in cuts] + [sentence.end]
    return [Sentence(a, b, sentence.paragraph) for a, b in zip(starts, ends, strict=True)]


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


def article_paths(paths: Iterable[str | PathLike[str]]) -> list[Path]:
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
