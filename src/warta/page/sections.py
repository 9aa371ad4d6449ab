"""Chrome section headings ("Berita Terkait", "Terpopuler", ...) → the chrome list they fill."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal, cast

import yaml

SectionName = Literal["related", "popular", "picks", "latest", "ignored"]
_TRIM = re.compile(r"^[\W_]+|[\W_]+$")
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")


@dataclass(frozen=True, slots=True)
class _Table:
    headings: dict[str, SectionName]
    keywords: dict[str, SectionName]
    max_keyword_words: int


@cache
def _table() -> _Table:
    text = resources.files("warta.page").joinpath("data/sections.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    headings = {_key(heading): cast(SectionName, section)
                for section, names in data["headings"].items() for heading in names}
    keywords = {word.casefold(): cast(SectionName, section)
                for section, words in data["keywords"].items() for word in words}
    return _Table(headings, keywords, int(data["max_keyword_words"]))


def _key(text: str) -> str:
    return " ".join(_TRIM.sub("", text).casefold().split())


def section_of_heading(line: str) -> SectionName | None:
    """The chrome list a heading line opens, or None when the line is not a heading."""
    if len(line) > 60:
        return None
    table = _table()
    key = _key(line)
    if key in table.headings:
        return table.headings[key]
    words = _WORD.findall(key)
    if not words or len(words) > table.max_keyword_words:
        return None
    for word in words:
        if word in table.keywords:
            return table.keywords[word]
    return None
