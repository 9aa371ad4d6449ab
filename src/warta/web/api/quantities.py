"""Quantities: counted people (killed, injured, displaced, …), newest article first."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from warta.archive.base import Archive, decode_row
from warta.archive.query import Filters, ParsedQuery, article_where, parse_query
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
from warta.web.schemas import Page, QuantityOut

from .common import after_published, next_cursor, published_cursor

router = APIRouter(tags=["quantities"])


@router.get("/quantities", response_model=Page[QuantityOut],
            responses=responses(400, 422, 503), summary="Counted quantities, newest first")
async def list_quantities(
    request: Request, archive: ArchiveDep, filters: FiltersDep,
    kind: Annotated[str | None, Query(max_length=40, pattern=r"^[a-z_]+$",
                                      description="only this kind: killed, injured, …",
                                      examples=["killed"])] = None,
    min_value: Annotated[int | None, Query(ge=0, le=2**62,
                                           description="only values at least this")] = None,
    q: Annotated[str | None, Query(max_length=500, pattern=NO_NUL,
                                   description="only quantities of articles matching this "
                                   "search text")] = None,
    limit: Limit = DEFAULT_LIMIT, cursor: CursorParam = None,
) -> dict[str, Any]:
    """Quantities of the articles under the filters (the records of `warta export --what
    quantities`), newest article first, in text order within one."""
    parsed = parse_query(q) if q is not None else None
    if parsed is not None and parsed.empty:
        raise Problem(400, "q: give at least one word to look for")
    return await offload(request, newest_quantities, archive, filters, parsed, kind,
                         min_value, limit, cursor)


def newest_quantities(archive: Archive, filters: Filters, parsed: ParsedQuery | None,
                      kind: str | None, min_value: int | None, limit: int,
                      cursor: str | None) -> dict[str, Any]:
    where = article_where(archive, filters, query=parsed)
    if kind is not None:
        where.add("q.kind = ?", kind)
    if min_value is not None:
        where.add("q.value >= ?", min_value)
    key = published_cursor("quantities", cursor, 2)
    if key is not None:
        after_published(where, key[0], ("q.article_id", key[1], "<"),
                        ("q.position", key[2], ">"))
    rows = archive.fetchall(
        "SELECT q.id, q.article_id, q.position, q.kind, q.value, q.qualifier, q.who,"
        " q.country, q.source AS attributed_to, q.historical, a.title, a.published,"
        " a.outlet, p.url FROM quantities q JOIN articles a ON a.id = q.article_id"
        f" JOIN pages p ON p.id = a.page_id WHERE {where.sql()}"
        " ORDER BY a.published DESC NULLS LAST, q.article_id DESC, q.position LIMIT ?",
        (*where.params, limit + 1))
    rows = [decode_row(row) for row in rows]
    return {"items": rows[:limit], "limit": limit,
            "next_cursor": next_cursor("quantities", rows, limit, "published", "article_id",
                                       "position")}
