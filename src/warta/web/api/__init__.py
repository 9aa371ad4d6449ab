"""The JSON API under /api/v1: one router per resource (see docs/json-api.md)."""

from __future__ import annotations

from fastapi import APIRouter

from warta.web.api import articles, entities, events, ingest, quantities, stats, stories

ROUTERS: tuple[APIRouter, ...] = (articles.router, entities.router, events.router,
                                  quantities.router, stories.router, stats.router,
                                  ingest.router)
__all__ = ["ROUTERS"]
