"""Articles: the newest first (with the CLI's filters), full-text search, one in full."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request, Response
from pydantic import TypeAdapter

from warta.archive import query
from warta.archive.base import Archive
from warta.archive.query import (
    RANKED_MATCHES,
    Filters,
    _in,
    _Where,
    article_where,
    story,
    story_of,
)
from warta.web.deps import (
    DEFAULT_LIMIT,
    MAX_ID,
    NO_NUL,
    ArchiveDep,
    CursorParam,
    FiltersDep,
    Limit,
    decode_cursor,
    encode_cursor,
    offload,
    offload_lent,
)
from warta.web.problems import Problem, invalid, responses
from warta.web.schemas import ArticleDetail, ArticleSummary, Page, SearchHit, StoryDetail
from warta.web.search_cache import SearchCache

from .common import next_cursor, published_cursor

router = APIRouter(tags=["articles"])
# Search pages go this deep at most (the matches search ranks): past it, narrow the search
# with words or filters.
MAX_SEARCH_DEPTH = RANKED_MATCHES
ArticleId = Annotated[int, Path(ge=1, le=MAX_ID, description="archive id of the article")]


@dataclass(frozen=True, slots=True)
class _SearchPage:
    """``Page[SearchHit]`` as the search answers it: the hits as ``query`` made them."""

    items: list[query.SearchHit]
    limit: int
    next_cursor: str | None


# Search pages go to JSON straight from the hits (pydantic-core, no dict per hit and no
# validation of what the archive made): a quarter of a millisecond less per search served.
# ``response_model`` still documents them; tests/web check the two agree.
_SEARCH_PAGE_JSON = TypeAdapter(_SearchPage)


@router.get("/articles", response_model=Page[ArticleSummary],
            responses=responses(422, 503), summary="Articles, newest first")
async def list_articles(request: Request, archive: ArchiveDep, filters: FiltersDep,
                        limit: Limit = DEFAULT_LIMIT, cursor: CursorParam = None
                        ) -> dict[str, Any]:
    """Articles under the filters of `warta search`, newest published first (undated last)."""
    return await offload(request, newest_articles, archive, filters, limit, cursor)


def newest_articles(archive: Archive, filters: Filters, limit: int, cursor: str | None
                    ) -> dict[str, Any]:
    """One page newest first; the dated articles, then the undated ones (two index range
    scans: an ``OR`` over the cursor's date and id would scan the whole date index)."""
    where = article_where(archive, filters)
    key = published_cursor("articles", cursor, 1)
    if key is None or key[0] is not None:
        dated = _Where(list(where.clauses), list(where.params))
        dated.add("a.published IS NOT NULL")
        if key is not None:
            dated.add("a.published <= ? AND (a.published < ? OR a.id < ?)", key[0], key[0],
                      key[1])
        ids = archive.fetchall(
            f"SELECT a.id, a.published FROM articles a WHERE {dated.sql()}"
            " ORDER BY a.published DESC, a.id DESC LIMIT ?", (*dated.params, limit + 1))
    else:
        ids = []
    if len(ids) <= limit:
        undated = _Where(list(where.clauses), list(where.params))
        undated.add("a.published IS NULL")
        if key is not None and key[0] is None:
            undated.add("a.id < ?", key[1])
        ids += archive.fetchall(
            f"SELECT a.id, a.published FROM articles a WHERE {undated.sql()}"
            " ORDER BY a.id DESC LIMIT ?", (*undated.params, limit + 1 - len(ids)))
    page = [int(row["id"]) for row in ids[:limit]]
    rows = {int(row["id"]): row for row in archive.fetchall(
        "SELECT a.id, a.title, a.outlet, a.published, a.story_id, p.url,"
        " coalesce(s.n_copies, 1) AS n_copies FROM articles a JOIN pages p ON p.id = a.page_id"
        f" LEFT JOIN stories s ON s.id = a.story_id WHERE {_in('a.id', page)}", tuple(page))}
    return {"items": [rows[article_id] for article_id in page if article_id in rows],
            "limit": limit,
            "next_cursor": next_cursor("articles", ids, limit, "published", "id")}


@router.get("/articles/search", response_model=Page[SearchHit],
            responses=responses(400, 422, 503), summary="Full-text search")
async def search_articles(
    request: Request, filters: FiltersDep,
    q: Annotated[str, Query(min_length=1, max_length=500, pattern=NO_NUL,
                            description="search text: words (stemmed), \"phrases\", OR, "
                            "-excluded (docs/search.md)", examples=["banjir garut"])],
    limit: Limit = DEFAULT_LIMIT, cursor: CursorParam = None,
) -> Response:
    """The best articles for `q` under the filters, best first, with a snippet each.

    Only the 500 newest matches are ranked (docs/search.md): pages go by rank through
    them, and after them there is no next page.
    """
    offset = 0 if cursor is None else int(decode_cursor(cursor, "search", int)[0])
    if not 0 <= offset < MAX_SEARCH_DEPTH:
        raise invalid("cursor", "not a cursor of this list")
    # one more hit than the page tells whether there is a next one, never past the depth
    fetch = min(limit + 1, MAX_SEARCH_DEPTH - offset)
    cache: SearchCache = request.app.state.search_cache
    hits, generation = cache.lookup(q, filters, limit=fetch, offset=offset)
    if hits is None:
        hits = await offload_lent(request, cache.search, q, filters, limit=fetch,
                                  offset=offset, generation=generation)
    more = len(hits) > limit and offset + limit < MAX_SEARCH_DEPTH
    page = _SearchPage(hits[:limit], limit,
                       encode_cursor("search", offset + limit) if more else None)
    return Response(_SEARCH_PAGE_JSON.dump_json(page), media_type="application/json")



@router.get("/articles/{article_id}", response_model=ArticleDetail,
            responses=responses(404, 422, 503), summary="One article with its facts")
async def get_article(archive: ArchiveDep, article_id: ArticleId) -> dict[str, Any]:
    """The article, its page fields, the chrome around it and its facts: entities, events,
    quantities, attributions."""
    row = archive.article(article_id)
    if row is None:
        raise Problem(404, f"article {article_id}: not in the archive")
    return row


@router.get("/articles/{article_id}/story", response_model=StoryDetail,
            responses=responses(404, 422, 503), summary="The story an article belongs to")
async def get_article_story(archive: ArchiveDep, article_id: ArticleId) -> dict[str, Any]:
    """Every copy of the syndicated story of this article, the origin first."""
    story_id = story_of(archive, article_id)
    view = None if story_id is None else story(archive, story_id)
    if view is None:
        raise Problem(404, f"article {article_id}: not in the archive or in no story")
    return view.to_dict()
