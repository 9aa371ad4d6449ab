"""FastAPI dependencies: the archive (one connection per request, from a small pool),
the settings, the CLI's filters as query parameters, limits and cursors.

An ``Archive`` holds one connection and is not thread-safe: ``ArchiveDep`` lends each
request a read-only archive of its own from ``ArchivePool`` and takes it back afterwards
(a connection that failed with an unexpected error is closed instead of reused). The pool
keeps at most ``MAX_IDLE`` idle connections. Dependencies and endpoints are ``async``
(no thread hop for the cheap work: a lookup by id takes a tenth of a millisecond); an
endpoint hands queries that may take milliseconds (search, lists) to ``offload``, which
runs them on at most ``DB_THREADS`` threads.
"""

from __future__ import annotations

import base64
import binascii
import json
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from typing import Annotated, Any, Concatenate, ParamSpec, TypeVar

import anyio
from fastapi import Depends, Query, Request

from warta.archive import Archive, open_archive
from warta.archive.query import Filters, QueryError
from warta.errors import WartaError
from warta.settings import Settings
from warta.web.problems import Problem, from_query_error, invalid

MAX_IDLE = 16            # idle archive connections kept for the next requests
# Threads running archive queries at once (per process). SQLite and psycopg release the GIL
# while a query runs, so a few threads use the cores; many more only fight over the GIL.
DB_THREADS = 8
# SQLite file bytes each pooled reader maps instead of read()ing page by page: a filtered
# search checking thousands of matches ran about a third faster on the 100,000-article
# bench archive. Mapped pages are the OS page cache, shared, not memory per connection.
READER_MMAP_BYTES = 1 << 30
DEFAULT_LIMIT = 20
MAX_LIMIT = 100
NO_NUL = r"^[^\x00]*$"   # PostgreSQL text cannot hold NUL; refuse it as a 422 up front


class ArchivePool:
    """Read-only archives of one URL, lent to one request at a time."""

    def __init__(self, url: str, *, max_idle: int = MAX_IDLE) -> None:
        self.url = url
        self.max_idle = max_idle
        self._idle: list[Archive] = []
        self._lock = threading.Lock()
        self._closed = False

    def open(self) -> Archive:
        archive = open_archive(self.url, readonly=True)
        if archive.backend == "postgresql":  # the API never writes through the pool
            archive.execute("SET default_transaction_read_only = on")
        else:  # read pages straight from the OS cache, shared by every connection
            archive.execute(f"PRAGMA mmap_size = {READER_MMAP_BYTES}")
        return archive

    def acquire(self) -> Archive:
        with self._lock:
            if self._idle:
                return self._idle.pop()
        return self.open()

    def release(self, archive: Archive, *, healthy: bool = True) -> None:
        with self._lock:
            if healthy and not self._closed and len(self._idle) < self.max_idle:
                self._idle.append(archive)
                return
        archive.close()

    @contextmanager
    def lent(self) -> Iterator[Archive]:
        """An archive for the ``with`` block, taken back after it (closed instead when the
        block failed with an unexpected error: its connection may be broken)."""
        archive = self.acquire()
        healthy = True
        try:
            yield archive
        except (Problem, WartaError):
            raise
        except Exception:
            healthy = False
            raise
        finally:
            self.release(archive, healthy=healthy)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
        for archive in idle:
            archive.close()


async def get_archive(request: Request) -> AsyncIterator[Archive]:
    pool: ArchivePool = request.app.state.pool
    with pool.lent() as archive:
        yield archive


P = ParamSpec("P")
R = TypeVar("R")


async def offload(request: Request, function: Callable[P, R], *args: P.args,
                  **kwargs: P.kwargs) -> R:
    """Run ``function`` (archive work that may take milliseconds) on a worker thread, at
    most ``DB_THREADS`` at once, so the event loop keeps answering other requests."""
    limiter = getattr(request.app.state, "db_limiter", None)
    if limiter is None:
        limiter = request.app.state.db_limiter = anyio.CapacityLimiter(DB_THREADS)
    return await anyio.to_thread.run_sync(lambda: function(*args, **kwargs), limiter=limiter)


async def offload_lent(request: Request, function: Callable[Concatenate[Archive, P], R],
                       *args: P.args, **kwargs: P.kwargs) -> R:
    """``offload`` with an archive lent in the worker thread, for the call only. Under load
    a request holding an ``ArchiveDep`` keeps it while it waits for a thread, so the pool
    opens a connection per waiting request (past ``MAX_IDLE`` each is closed again, its
    caches lost); lent here, at most ``DB_THREADS`` are in use and they stay warm."""
    pool: ArchivePool = request.app.state.pool

    def lent_call() -> R:
        with pool.lent() as archive:
            return function(archive, *args, **kwargs)

    return await offload(request, lent_call)


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


ArchiveDep = Annotated[Archive, Depends(get_archive)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


# --- the CLI's filters -------------------------------------------------------------------

DAY = r"^\d{4}(-\d{1,2}(-\d{1,2})?)?$"


async def get_filters(
    since: Annotated[str | None, Query(
        description="published on or after: YYYY, YYYY-MM or YYYY-MM-DD",
        pattern=DAY, max_length=10, examples=["2025-03"])] = None,
    until: Annotated[str | None, Query(
        description="published on or before (the whole day, month or year)",
        pattern=DAY, max_length=10, examples=["2025-06-30"])] = None,
    outlet: Annotated[str | None, Query(
        description="only this outlet (exact spelling first, then any case)",
        max_length=200, pattern=NO_NUL)] = None,
    entity: Annotated[str | None, Query(
        description="only articles naming an entity of this name (any case)",
        max_length=200, pattern=NO_NUL)] = None,
    country: Annotated[str | None, Query(
        description="ISO 3166 alpha-3 code (ISR), IGO:/NGO: code, or a country name (Jepang)",
        max_length=100, pattern=NO_NUL)] = None,
    type: Annotated[str | None, Query(
        description="PLOVER event type, any case (ASSAULT, PROTEST, …)",
        max_length=20, pattern=NO_NUL)] = None,
    origins_only: Annotated[bool, Query(
        description="one copy per syndicated story: the one that ran first")] = False,
) -> Filters:
    """The filters of ``warta search|events|export``; a wrong one is a 422 naming it."""
    try:
        found = Filters.parse(since=since, until=until, outlet=outlet, entity=entity,
                              country=country, event_type=type, origins_only=origins_only)
    except QueryError as exc:
        raise from_query_error(exc) from None
    if found.until == date.max:  # "until the end of 9999": no bound (the day after overflows)
        found = replace(found, until=None)
    return found


FiltersDep = Annotated[Filters, Depends(get_filters)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="items per page")]
CursorParam = Annotated[str | None, Query(
    max_length=500, pattern=r"^[A-Za-z0-9_-]*$",
    description="`next_cursor` of the previous page")]
Text = Annotated[str | None, Query(max_length=200, pattern=NO_NUL)]
# SQLite and PostgreSQL ids are signed 64-bit: anything larger is refused as a 422.
MAX_ID = 2**63 - 1


# --- cursors -----------------------------------------------------------------------------


def encode_cursor(kind: str, *key: Any) -> str:
    """An opaque cursor: base64url of ``[kind, key…]`` (the last item's sort key and id)."""
    raw = json.dumps([kind, *key], separators=(",", ":"), ensure_ascii=False)
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(text: str, kind: str, *types: type | tuple[type, ...]) -> list[Any]:
    """The key of a cursor made by ``encode_cursor(kind, …)``, each part of its type."""
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        found = json.loads(raw.decode())
    except (ValueError, binascii.Error, UnicodeDecodeError):
        found = None
    if (not isinstance(found, list) or len(found) != len(types) + 1 or found[0] != kind
            or not all(_is(value, want) for value, want in zip(found[1:], types, strict=True))):
        raise invalid("cursor", "not a cursor of this list: pass `next_cursor` of the "
                      "previous page as it was given")
    return found[1:]


def _is(value: Any, want: type | tuple[type, ...]) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int) and not -MAX_ID <= value <= MAX_ID:
        return False
    if isinstance(value, str) and "\x00" in value:
        return False
    return isinstance(value, want)
