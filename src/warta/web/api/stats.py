"""Statistics of the archive (the numbers `warta` prints about it) and a health check."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from warta.archive.base import redact
from warta.archive.query import stats
from warta.web.deps import ArchiveDep, offload
from warta.web.problems import responses
from warta.web.schemas import Stats

router = APIRouter(tags=["stats"])


@router.get("/stats", response_model=Stats, responses=responses(422, 503),
            summary="Counts and spans of the archive")
async def get_stats(request: Request, archive: ArchiveDep,
                    top: Annotated[int, Query(ge=1, le=100, description="outlets listed")] = 10,
                    ) -> dict[str, Any]:
    """Rows per table, first and last publication, syndicated stories, the largest outlets
    and the events per PLOVER type."""
    return await offload(request, stats, archive, top=top)


@router.get("/health", responses=responses(503), summary="Is the archive readable?")
async def health(archive: ArchiveDep, request: Request) -> dict[str, Any]:
    """`ok` with the archive (password hidden), its schema version and whether ingest is on."""
    return {"status": "ok", "archive": redact(archive.url), "backend": archive.backend,
            "schema_version": archive.schema_version(),
            "ingest": bool(request.app.state.allow_ingest)}
