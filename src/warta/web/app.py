"""The web app: ``create_app(archive_url)`` → FastAPI with the JSON API and the HTML pages.

- ``/api/v1/…``: the JSON API (``warta.web.api``), OpenAPI at ``/api/v1/openapi.json``,
  interactive docs at ``/api/v1/docs``; errors are problem documents (``problems``);
- ``/`` and the rest: the HTML pages of ``warta.web.pages`` and ``/static``, when present.

The archive is opened once here (so a wrong URL fails before the server binds), then lent
to requests by ``deps.ArchivePool``; search results are kept by ``search_cache`` while the
archive is unchanged. Read-only unless ``allow_ingest``.
"""

from __future__ import annotations

import gc
import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import import_module
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from warta.archive import archive_url
from warta.settings import Settings
from warta.web import problems
from warta.web.api import ROUTERS
from warta.web.deps import ArchivePool
from warta.web.search_cache import SearchCache

log = logging.getLogger("warta.web")
API_PREFIX = "/api/v1"
# Garbage collection thresholds of a serving process (``prepare_to_serve``; Python's
# defaults are 700, 10, 10).
SERVE_GC_THRESHOLD = (50_000, 20, 100)


def create_app(archive_url: str, *, allow_ingest: bool = False,
               settings: Settings | None = None) -> FastAPI:
    """The app on the archive at ``archive_url``; raises ``ArchiveError`` when it cannot be
    read (a missing SQLite file is an error, not a new archive)."""
    pool = ArchivePool(archive_url)
    first = pool.open()
    if first.backend == "sqlite":     # it watches the file for commits (search_cache)
        search_cache = SearchCache(first)
    else:
        search_cache = SearchCache(None)
        pool.release(first)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        pool.close()
        search_cache.close()

    app = FastAPI(
        title="warta", version=_version(), lifespan=lifespan,
        description="Indonesian news articles and the facts in them: search, events, "
                    "entities, quantities, syndicated stories. See docs/json-api.md.",
        openapi_url=f"{API_PREFIX}/openapi.json", docs_url=f"{API_PREFIX}/docs",
        redoc_url=None)
    app.state.pool = pool
    app.state.search_cache = search_cache
    app.state.archive_url = archive_url
    app.state.allow_ingest = allow_ingest
    app.state.settings = settings or Settings.from_env()
    problems.install(app)
    for router in ROUTERS:
        app.include_router(router, prefix=API_PREFIX)
    _mount_pages(app)
    return app


def _mount_pages(app: FastAPI) -> None:
    """Include ``warta.web.pages.router`` and ``STATIC_DIR`` when that module exists."""
    try:
        pages = import_module("warta.web.pages")
    except ModuleNotFoundError as exc:
        if exc.name != "warta.web.pages":
            log.warning("HTML pages not mounted: %s", exc)
        return
    except Exception as exc:  # their module failing must not take the API down
        log.warning("HTML pages not mounted: %s: %s", type(exc).__name__, exc)
        return
    router = getattr(pages, "router", None)
    if router is not None:
        app.include_router(router)
    static = getattr(pages, "STATIC_DIR", None)
    if static is not None and Path(static).is_dir():
        app.mount("/static", StaticFiles(directory=static), name="static")


def _version() -> str:
    try:
        return version("warta")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0"


def app_from_env() -> FastAPI:
    """The app of ``warta serve --workers N``: each worker process builds its own from
    ``WARTA_SERVE_DB`` and ``WARTA_SERVE_INGEST`` (set by the command)."""
    app = create_app(os.environ.get("WARTA_SERVE_DB") or archive_url(None),
                     allow_ingest=bool(os.environ.get("WARTA_SERVE_INGEST")))
    prepare_to_serve()
    return app


def prepare_to_serve() -> None:
    """Garbage collection for a long-running server process, once the app is built.

    What start-up made (modules, routes, pydantic schemas: most of the heap) lives as long
    as the process: ``gc.freeze`` takes it out of every later collection, and the young
    generation is collected after ``SERVE_GC_THRESHOLD[0]`` allocations, not 700. At the
    defaults, with 50 clients searching (bench/web.py), py-spy found the server collecting
    in 7 % of its samples, against 10 % in ``query.search`` itself."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*SERVE_GC_THRESHOLD)
