"""Stories: clusters of syndicated copies of one text, and every copy of one story."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request

from warta.archive.base import Archive
from warta.archive.query import QueryError, _Where, parse_day, story
from warta.web.deps import (
    DAY,
    DEFAULT_LIMIT,
    MAX_ID,
    ArchiveDep,
    CursorParam,
    Limit,
    decode_cursor,
    encode_cursor,
    offload,
)
from warta.web.problems import Problem, from_query_error, invalid, responses
from warta.web.schemas import Page, StoryDetail, StorySummary

router = APIRouter(tags=["stories"])


@router.get("/stories", response_model=Page[StorySummary], responses=responses(422, 503),
            summary="Syndicated stories, newest first")
async def list_stories(
    request: Request, archive: ArchiveDep,
    min_copies: Annotated[int, Query(ge=1, le=1_000_000,
                                     description="stories with at least this many copies "
                                     "(1 lists every story)")] = 2,
    since: Annotated[str | None, Query(pattern=DAY, max_length=10,
                                       description="first published on or after")] = None,
    until: Annotated[str | None, Query(pattern=DAY, max_length=10,
                                       description="first published on or before")] = None,
    limit: Limit = DEFAULT_LIMIT, cursor: CursorParam = None,
) -> dict[str, Any]:
    """Stories by the date of their first copy, newest first, with the origin's headline."""
    try:
        first = parse_day(since, option="--since", end=False)
        last = parse_day(until, option="--until", end=True)
    except QueryError as exc:
        raise from_query_error(exc) from None
    if first and last and first > last:
        raise invalid("since", f"{first} is after until {last}")
    return await offload(request, story_page, archive, min_copies, first, last, limit, cursor)


def story_page(archive: Archive, min_copies: int, first: date | None, last: date | None,
               limit: int, cursor: str | None) -> dict[str, Any]:
    where = _Where()
    where.add("s.n_copies >= ?", min_copies)
    if first:
        where.add("s.first_published >= ?", first.isoformat())
    if last and last < date.max:
        where.add("s.first_published < ?", (last + timedelta(days=1)).isoformat())
    if cursor is not None:
        published, story_id = decode_cursor(cursor, "stories", (str, type(None)), int)
        if published is None:
            where.add("(s.first_published IS NULL AND s.id < ?)", story_id)
        else:
            where.add("(s.first_published < ? OR s.first_published IS NULL OR"
                      " (s.first_published = ? AND s.id < ?))", published, published, story_id)
    rows = archive.fetchall(
        "SELECT s.id, s.origin_article_id, s.first_published, s.n_copies, s.n_outlets,"
        " o.title, o.outlet FROM stories s LEFT JOIN articles o ON o.id = s.origin_article_id"
        f" WHERE {where.sql()} ORDER BY s.first_published DESC NULLS LAST, s.id DESC LIMIT ?",
        (*where.params, limit + 1))
    more = len(rows) > limit
    last_row = rows[limit - 1] if more else None
    return {"items": rows[:limit], "limit": limit,
            "next_cursor": encode_cursor("stories", last_row["first_published"],
                                         last_row["id"]) if last_row else None}


@router.get("/stories/{story_id}", response_model=StoryDetail,
            responses=responses(404, 422, 503), summary="Every copy of one story")
async def get_story(archive: ArchiveDep,
              story_id: Annotated[int, Path(ge=1, le=MAX_ID)]) -> dict[str, Any]:
    """The copies of the story, the origin (the copy that ran first) leading."""
    view = story(archive, story_id)
    if view is None:
        raise Problem(404, f"story {story_id}: not in the archive")
    return view.to_dict()
