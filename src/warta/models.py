"""Records shared by every room of warta.

They are frozen dataclasses; ``to_dict()`` gives exactly the JSON shape of the gold
schema (``shared/gold/SCHEMA.md`` in the project's evaluation kit), and
``from_dict()`` reads it back.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import PurePath
from typing import Any, Literal

PageKind = Literal["html", "text"]
CHROME_LISTS = ("inline", "related", "popular", "picks", "latest")
NO_STORY = "no story found (home page, index, error page or login wall?)"


@dataclass(frozen=True, slots=True)
class Page:
    """One input page, decoded to text.

    ``name`` is how the user named it (a path, or ``-`` for stdin); ``kind`` says whether
    ``text`` is an HTML document as served or the visible text a crawler saved.
    """

    name: str
    kind: PageKind
    text: str
    url: str | None = None
    fetched: str | None = None
    encoding: str | None = None
    # True when the page was cut to Settings.max_html_chars before extraction.
    truncated: bool = False


@dataclass(frozen=True, slots=True)
class Article:
    """The story itself: headline, paragraphs and metadata."""

    title: str | None = None
    body: tuple[str, ...] = ()
    published: str | None = None
    outlet: str | None = None
    wire_sources: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        """True when no story paragraph was found."""
        return not self.body

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "body": list(self.body),
            "published": self.published,
            "outlet": self.outlet,
            "wire_sources": list(self.wire_sources),
            "authors": list(self.authors),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        return cls(
            title=data.get("title"),
            body=tuple(data.get("body") or ()),
            published=data.get("published"),
            outlet=data.get("outlet"),
            wire_sources=tuple(data.get("wire_sources") or ()),
            authors=tuple(data.get("authors") or ()),
        )


@dataclass(frozen=True, slots=True)
class Chrome:
    """Headline lists that surround the story, each in page order."""

    inline: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    popular: tuple[str, ...] = ()
    picks: tuple[str, ...] = ()
    latest: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, list[str]]:
        return {name: list(getattr(self, name)) for name in CHROME_LISTS}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Chrome:
        return cls(**{name: tuple(data.get(name) or ()) for name in CHROME_LISTS})


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, organisation or place named in the story, with all its mentions."""

    name: str
    type: Literal["PER", "ORG", "GPE", "LOC"]
    mentions: tuple[str, ...] = ()
    country: str | None = None
    role: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """A PLOVER event read from the story."""

    type: str
    mode: str | None = None
    actors: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()
    mediators: tuple[str, ...] = ()
    date: str | None = None
    location: str | None = None
    source: str | None = None
    historical: bool = False
    evidence: str = ""


@dataclass(frozen=True, slots=True)
class Quantity:
    """A counted group of people or things (killed, injured, detained ...)."""

    kind: str
    value: int
    qualifier: Literal["exact", "at_least", "at_most", "approx"] = "exact"
    who: str | None = None
    country: str | None = None
    source: str | None = None
    historical: bool = False


@dataclass(frozen=True, slots=True)
class Attribution:
    """A claim the story credits to a speaker."""

    speaker: str
    cue: str
    direct: bool
    paragraph: int


@dataclass(frozen=True, slots=True)
class Facts:
    """What the story says happened: filled by the facts room."""

    entities: tuple[Entity, ...] = ()
    events: tuple[Event, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    attributions: tuple[Attribution, ...] = ()

    def to_dict(self) -> dict[str, list[dict[str, Any]]]:
        return {
            "entities": [_record_dict(ent) for ent in self.entities],
            "events": [_record_dict(event) for event in self.events],
            "quantities": [_record_dict(qty) for qty in self.quantities],
            "attributions": [_record_dict(attr) for attr in self.attributions],
        }


def _record_dict(record: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for item in fields(record):
        value = getattr(record, item.name)
        out[item.name] = list(value) if isinstance(value, tuple) else value
    return out


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything warta read from one page; ``to_dict()`` is the ``warta extract`` JSON.

    ``problems`` lists why the article may be unusable ("no story found", ...): an
    empty article is flagged there rather than raised as an error.
    """

    id: str
    page: Page
    article: Article
    chrome: Chrome
    facts: Facts = field(default_factory=Facts)
    problems: tuple[str, ...] = ()

    @property
    def has_story(self) -> bool:
        """False when no story was found (the body may then hold list or menu text)."""
        return bool(self.article.body) and NO_STORY not in self.problems

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "input": {
                "file": PurePath(self.page.name).name,
                "kind": self.page.kind,
                "url": self.page.url,
                "fetched": self.page.fetched,
            },
            "article": self.article.to_dict(),
            "chrome": self.chrome.to_dict(),
        }
        out.update(self.facts.to_dict())
        out["problems"] = list(self.problems)
        return out
