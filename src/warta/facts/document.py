"""The working document the fact components read and fill, one article at a time."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from warta.models import Article, Attribution, Entity, Event, Quantity

# A sentence ends at . ! ? (optionally followed by a closing quote) before a space and a
# capital, digit or opening quote. Abbreviations common in Indonesian news are protected.
_ABBREVIATIONS = ("dr", "drs", "ir", "h", "hj", "prof", "no", "tgl", "jl", "st", "kh", "mr",
                  "ny", "sdr", "bpk", "kec", "kab", "dsb", "dll", "pt", "tbk", "u.s", "a.n")
_SENTENCE_BREAK = re.compile(r"""(?<=[.!?])["”’']?\s+(?=["“‘']?[A-Z0-9])""")


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: its text, the 1-based paragraph it is in, and its offset there."""

    text: str
    paragraph: int
    start: int


@dataclass(slots=True)
class Mention:
    """One occurrence of an entity in the text (headline is paragraph 0)."""

    text: str
    paragraph: int
    start: int
    end: int


@dataclass(slots=True)
class FactsDoc:
    """An article being read: sentences, and the facts found so far.

    Components run in order (entities → attributions → events → quantities) and each
    fills its own list; later components read the earlier ones (an event takes its
    ``source`` from attributions and its actors' countries from entities).
    ``mentions`` maps an entity's index in ``entities`` to where it occurs.
    """

    article: Article
    sentences: list[Sentence]
    entities: list[Entity] = field(default_factory=list)
    mentions: dict[int, list[Mention]] = field(default_factory=dict)
    attributions: list[Attribution] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    # Derived views a component computes once per document and reuses (name → value).
    cache: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_article(cls, article: Article) -> FactsDoc:
        return cls(article=article, sentences=split_sentences(article.body))

    @property
    def published(self) -> str | None:
        return self.article.published


def split_sentences(paragraphs: tuple[str, ...] | list[str]) -> list[Sentence]:
    """Sentences of each paragraph, numbered by paragraph from 1 like the schema's."""
    sentences: list[Sentence] = []
    for number, paragraph in enumerate(paragraphs, start=1):
        start = 0
        for match in _SENTENCE_BREAK.finditer(paragraph):
            piece = paragraph[start:match.start()]
            if _ends_with_abbreviation(piece):
                continue
            sentences.append(Sentence(piece.strip(), number, start))
            start = match.end()
        if paragraph[start:].strip():
            sentences.append(Sentence(paragraph[start:].strip(), number, start))
    return sentences


def _ends_with_abbreviation(piece: str) -> bool:
    last = piece.rsplit(None, 1)[-1].lower().rstrip(".") if piece.split() else ""
    return last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha())
