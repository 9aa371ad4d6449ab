"""Wire shapes of the JSON API, kept apart from ``warta.models`` (the library's records).

Field names follow the ``to_dict()`` of the query records (``warta.archive.query``) and the
export columns (``warta.archive.export.COLUMNS``), so the API, ``--json`` and the exports
read alike. Lists are cut into pages: ``Page[T]`` holds ``items`` and ``next_cursor``
(None on the last page); pass it back as ``?cursor=`` for the next page.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")


class Out(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class Page(Out, Generic[T]):
    """One page of a list; ``next_cursor`` is None when there is nothing after it."""

    items: list[T]
    limit: int = Field(description="the most items a page holds (the `limit` asked)")
    next_cursor: str | None = Field(
        description="opaque: pass as `cursor` to read the next page; null on the last page")


# --- articles ----------------------------------------------------------------------------


class ArticleSummary(Out):
    id: int
    title: str | None
    outlet: str | None
    published: str | None = Field(description="ISO 8601 date or time, as the page gave it")
    url: str | None
    story_id: int | None = Field(description="the syndicated story it belongs to")
    n_copies: int = Field(description="copies of its story in the archive (1: not syndicated)")


class SearchHit(Out):
    article_id: int
    score: float = Field(description="relevance; higher is better (comparable within one "
                         "backend only)")
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    story_id: int | None
    n_copies: int
    snippet: str = Field(description="about 28 words around the matched words")
    highlights: list[tuple[int, int]] = Field(
        description="[start, end) character offsets of matched words in `snippet`")


class ArticleEntity(Out):
    id: int
    name: str
    type: str
    country: str | None
    role: str | None
    mention_count: int


class ArticleEvent(Out):
    id: int
    position: int
    type: str = Field(description="PLOVER 2.0 type")
    mode: str | None
    actors: list[str]
    recipients: list[str]
    mediators: list[str]
    date: str | None
    location: str | None
    source: str | None = Field(description="who the article credits for it")
    historical: bool
    evidence: str


class ArticleQuantity(Out):
    id: int
    position: int
    kind: str
    value: int
    qualifier: str
    who: str | None
    country: str | None
    source: str | None
    historical: bool


class ArticleAttribution(Out):
    id: int
    position: int
    speaker: str
    cue: str
    direct: bool
    paragraph: int


class ArticleDetail(Out):
    id: int
    title: str | None
    body: str = Field(description="paragraphs separated by a blank line")
    published: str | None
    outlet: str | None
    authors: list[str]
    wire_sources: list[str]
    url: str | None
    kind: str = Field(description="html or text: how the page was ingested")
    fetched: str | None
    ingested_at: str | None
    content_hash: str = Field(description="sha256 of the raw page as ingested")
    problems: list[str] = Field(description="why the article may be unusable, if anything")
    story_id: int | None
    chrome: dict[str, list[str]] = Field(
        description="headline lists around the story: inline, related, popular, picks, latest")
    entities: list[ArticleEntity]
    events: list[ArticleEvent]
    quantities: list[ArticleQuantity]
    attributions: list[ArticleAttribution]


# --- events and quantities ---------------------------------------------------------------


class EventOut(Out):
    event_id: int
    article_id: int
    position: int
    type: str
    mode: str | None
    actors: list[str]
    recipients: list[str]
    mediators: list[str]
    date: str | None
    location: str | None
    source: str | None
    historical: bool
    evidence: str
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    story_id: int | None


class QuantityOut(Out):
    id: int
    article_id: int
    position: int
    kind: str = Field(description="killed, injured, displaced, detained, …")
    value: int
    qualifier: str = Field(description="exact, at_least, at_most or approx")
    who: str | None
    country: str | None
    attributed_to: str | None
    historical: bool
    title: str | None
    published: str | None
    outlet: str | None
    url: str | None


# --- entities ----------------------------------------------------------------------------


class EntitySummary(Out):
    id: int
    name: str
    type: str = Field(description="PER, ORG, GPE or LOC")
    country: str | None
    articles: int = Field(description="articles naming it")


class RoleCount(Out):
    role: str
    articles: int


class NameCount(Out):
    text: str
    count: int


class MonthCount(Out):
    month: str
    articles: int
    mentions: int


class EntityProfile(Out):
    id: int
    name: str
    type: str
    country: str | None
    n_articles: int
    n_mentions: int
    first_seen: str | None
    last_seen: str | None
    roles: list[RoleCount]
    names: list[NameCount]
    timeline: list[MonthCount]
    co_occurring: list[EntitySummary]
    events: list[EventOut]
    others: list[EntitySummary] = Field(description="other entities with the same name")


# --- stories -----------------------------------------------------------------------------


class StorySummary(Out):
    id: int
    origin_article_id: int | None
    first_published: str | None
    n_copies: int
    n_outlets: int
    title: str | None = Field(description="headline of the origin copy")
    outlet: str | None = Field(description="outlet of the origin copy")


class StoryCopy(Out):
    article_id: int
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    wire_sources: list[str]
    is_origin: bool


class StoryDetail(Out):
    id: int
    origin_article_id: int | None
    first_published: str | None
    n_copies: int
    n_outlets: int
    copies: list[StoryCopy]


# --- stats and ingest --------------------------------------------------------------------


class OutletCount(Out):
    outlet: str
    articles: int


class TypeCount(Out):
    type: str
    events: int


class Stats(Out):
    counts: dict[str, int]
    first_published: str | None
    last_published: str | None
    syndicated_stories: int
    outlets: list[OutletCount]
    event_types: list[TypeCount]


class IngestResult(Out):
    stored: bool = Field(description="true when the page was written to the archive now")
    skipped: bool = Field(description="true when the same page was already stored")
    article_id: int | None
    extraction: dict[str, Any] = Field(
        description="the `warta extract` JSON: input, article, chrome, facts, problems")
