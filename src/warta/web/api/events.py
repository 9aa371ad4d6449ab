"""Events: stored PLOVER events, newest story first, with the filters of `warta events`."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from warta.archive.base import Archive
from warta.archive.query import (
    EVENT_COLUMNS,
    Filters,
    ParsedQuery,
    article_where,
    event_hit,
    event_where,
    parse_query,
)
from warta.web.deps import (
    DEFAULT_LIMIT,
    NO_NUL,
    ArchiveDep,
    CursorParam,
    FiltersDep,
    Limit,
    offload,
)
from warta.web.problems import Problem, responses
from warta.web.schemas import EventOut, Page

from .common import after_published, next_cursor, published_cursor

router = APIRouter(tags=["events"])


@router.get("/events", response_model=Page[EventOut], responses=responses(400, 422, 503),
            summary="PLOVER events, newest first")
async def list_events(
    request: Request, archive: ArchiveDep, filters: FiltersDep,
    q: Annotated[str | None, Query(max_length=500, pattern=NO_NUL,
                                   description="only events of articles matching this "
                                   "search text")] = None,
    limit: Limit = DEFAULT_LIMIT, cursor: CursorParam = None,
) -> dict[str, Any]:
    """Events under the filters; `type` and `country` apply to each event itself (its type,
    and a party with that code), the other filters to the article reporting it."""
    parsed = parse_query(q) if q is not None else None
    if parsed is not None and parsed.empty:
        raise Problem(400, "q: give at least one word to look for (a query of only "
                      "-exclusions or punctuation finds nothing)")
    return await offload(request, newest_events, archive, filters, parsed, limit, cursor)


def newest_events(archive: Archive, filters: Filters, parsed: ParsedQuery | None, limit: int,
                  cursor: str | None) -> dict[str, Any]:
    where = event_where(filters, article_where(archive, filters, query=parsed,
                                               event_level=True))
    key = published_cursor("events", cursor, 2)
    if key is not None:
        after_published(where, key[0], ("e.article_id", key[1], "<"),
                        ("e.position", key[2], ">"))
    rows = archive.fetchall(
        f"SELECT {EVENT_COLUMNS} FROM events e JOIN articles a ON a.id = e.article_id"
        f" JOIN pages p ON p.id = a.page_id WHERE {where.sql()}"
        " ORDER BY a.published DESC NULLS LAST, e.article_id DESC, e.position LIMIT ?",
        (*where.params, limit + 1))
    return {"items": [event_hit(row).to_dict() for row in rows[:limit]], "limit": limit,
            "next_cursor": next_cursor("events", rows, limit, "published", "article_id",
                                       "position")}
