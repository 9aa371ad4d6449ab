"""Entities: look one up by name, list them, or read one entity's profile."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request

from warta.archive.base import Archive
from warta.archive.query import (
    EntityProfile,
    QueryError,
    _Where,
    country_code,
    entity_ids,
    entity_profile_by_id,
)
from warta.web.deps import (
    DEFAULT_LIMIT,
    MAX_ID,
    ArchiveDep,
    CursorParam,
    Limit,
    Text,
    decode_cursor,
    offload,
)
from warta.web.problems import Problem, from_query_error, responses
from warta.web.schemas import EntityProfile as EntityProfileOut
from warta.web.schemas import EntitySummary, Page

from .common import next_cursor

router = APIRouter(tags=["entities"])
TOP = 10          # roles, names and co-occurring entities in a profile
PROFILE_EVENTS = 20


@router.get("/entities", response_model=Page[EntitySummary],
            responses=responses(422, 503), summary="Entities by name, type and country")
async def list_entities(
    request: Request, archive: ArchiveDep,
    name: Annotated[Text, Query(description="exactly this name (any case)")] = None,
    prefix: Annotated[Text, Query(description="names starting with this (any case)")] = None,
    type: Annotated[Literal["PER", "ORG", "GPE", "LOC"] | None,
                    Query(description="entity type")] = None,
    country: Annotated[Text, Query(description="ISO3 code or country name")] = None,
    limit: Limit = DEFAULT_LIMIT, cursor: CursorParam = None,
) -> dict[str, Any]:
    """Canonical entities in id order (oldest first), each with the articles naming it."""
    return await offload(request, entity_page, archive, name, prefix, type, country, limit,
                         cursor)


def entity_page(archive: Archive, name: str | None, prefix: str | None, type: str | None,
                country: str | None, limit: int, cursor: str | None) -> dict[str, Any]:
    where = _Where()
    if name is not None and name.strip():
        ids = entity_ids(archive, name.strip())
        where.add(f"en.id IN ({', '.join('?' * len(ids))})" if ids else "1 = 0", *ids)
    if prefix is not None and prefix.strip():
        pattern = prefix.strip().lower().replace("\\", "\\\\").replace("%", "\\%")
        where.add("lower(en.name) LIKE ? ESCAPE '\\'", pattern.replace("_", "\\_") + "%")
    if type is not None:
        where.add("en.type = ?", type)
    if country is not None and country.strip():
        try:
            where.add("en.country = ?", country_code(country))
        except QueryError as exc:
            raise from_query_error(exc) from None
    if cursor is not None:
        where.add("en.id > ?", decode_cursor(cursor, "entities", int)[0])
    rows = archive.fetchall(
        "SELECT en.id, en.name, en.type, en.country, (SELECT count(*) FROM article_entities"
        f" ae WHERE ae.entity_id = en.id) AS articles FROM entities en WHERE {where.sql()}"
        " ORDER BY en.id LIMIT ?", (*where.params, limit + 1))
    return {"items": rows[:limit], "limit": limit,
            "next_cursor": next_cursor("entities", rows, limit, "id")}


@router.get("/entities/{entity_id}", response_model=EntityProfileOut,
            responses=responses(404, 422, 503), summary="What the archive knows of an entity")
async def get_entity(request: Request, archive: ArchiveDep,
               entity_id: Annotated[int, Path(ge=1, le=MAX_ID)]) -> dict[str, Any]:
    """The profile of `warta entity`: roles, surface forms, mentions per month, the entities
    named with it, the newest events of the articles naming it, and others of that name."""
    found = await offload(request, profile_by_id, archive, entity_id)
    if found is None:
        raise Problem(404, f"entity {entity_id}: not in the archive")
    return found.to_dict()


def profile_by_id(archive: Archive, entity_id: int) -> EntityProfile | None:
    """``query.entity_profile`` for one entity id (the CLI picks by name)."""
    return entity_profile_by_id(archive, entity_id, top=TOP, n_events=PROFILE_EVENTS)
