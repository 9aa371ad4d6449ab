"""``warta reextract``: extract stored raw pages again, without fetching anything.

For each page chosen (by default those extracted by another warta version, or before versions
were recorded): read its raw bytes from ``pages.raw``, decode them as when they were first read
(fetched pages with the charset their server named, kept in ``fetched_urls``), extract, and in
one transaction replace the page with its new extraction and recount the story it was in. A page
that fails keeps its old extraction. Running it twice does nothing the second time.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from warta.archive.base import Archive
from warta.archive.stories import delete_bands, refresh_story
from warta.archive.writer import write_prepared
from warta.collect.decode import fetched_page
from warta.collect.pipeline import prepare_page
from warta.errors import WartaError
from warta.models import Page
from warta.page.read import read_page
from warta.settings import DEFAULT_SETTINGS, Settings


@dataclass(slots=True)
class ReextractSummary:
    pages: int = 0
    with_story: int = 0
    failures: list[str] = field(default_factory=list)  # one message per failed page
    seconds: float = 0.0


def pages_to_reextract(archive: Archive, *, every_page: bool = False) -> list[int]:
    """Ids of the pages extracted by another warta version (or all, with ``every_page``)."""
    from warta import __version__

    if every_page:
        rows = archive.fetchall("SELECT id FROM pages ORDER BY id")
    else:
        rows = archive.fetchall("SELECT id FROM pages WHERE warta_version IS NULL"
                                " OR warta_version <> ? ORDER BY id", (__version__,))
    return [int(row["id"]) for row in rows]


def reextract(archive: Archive, page_ids: list[int], *,
              settings: Settings = DEFAULT_SETTINGS,
              on_page: Callable[[int, str | None], None] | None = None) -> ReextractSummary:
    """Extract the given stored pages again (see the module docstring)."""
    started = time.monotonic()
    summary = ReextractSummary()
    for page_id in page_ids:
        problem = _reextract_one(archive, page_id, settings=settings, summary=summary)
        if problem is not None:
            summary.failures.append(problem)
        if on_page is not None:
            on_page(page_id, problem)
    summary.seconds = time.monotonic() - started
    return summary


def _reextract_one(archive: Archive, page_id: int, *, settings: Settings,
                   summary: ReextractSummary) -> str | None:
    row = archive.fetchone("SELECT id, content_hash, source, url, fetched FROM pages"
                           " WHERE id = ?", (page_id,))
    raw = archive.page_raw(page_id)
    if row is None or raw is None:
        return f"page {page_id}: not in the archive"
    name = str(row["source"])
    try:
        page = _page(archive, raw, row, settings=settings)
    except WartaError as exc:
        return str(exc)
    prepared = prepare_page(page, raw, archive.stems_text, settings)
    if isinstance(prepared, str):
        return prepared
    with archive.transaction():
        old = archive.fetchone("SELECT id, story_id FROM articles WHERE page_id = ?",
                               (page_id,))
        story_id = None if old is None else old["story_id"]
        if old is not None:
            delete_bands(archive, int(old["id"]))
        archive.execute("DELETE FROM pages WHERE id = ?", (page_id,))
        saved = write_prepared(archive, prepared, source=name)
        if story_id is not None:
            _recount(archive, int(story_id))
    summary.pages += 1
    summary.with_story += saved.article_id is not None
    return None


def _page(archive: Archive, raw: bytes, row: dict[str, object], *,
          settings: Settings) -> Page:
    url = None if row["url"] is None else str(row["url"])
    fetched = None if row["fetched"] is None else str(row["fetched"])
    collected = archive.fetchone("SELECT charset FROM fetched_urls WHERE content_hash = ?"
                                 " ORDER BY fetched_at LIMIT 1", (row["content_hash"],))
    name = str(row["source"])
    if collected is not None and url is not None:
        return fetched_page(raw, name=name, url=url, charset=collected["charset"],
                            fetched_at=fetched, settings=settings)
    page = read_page(raw, name=name, url=url, settings=settings)
    return dataclasses.replace(page, fetched=fetched)


def _recount(archive: Archive, story_id: int) -> None:
    """The story the old article was in: recounted, or removed when it has no copy left."""
    if archive.fetchval("SELECT count(*) AS n FROM articles WHERE story_id = ?", (story_id,)):
        refresh_story(archive, story_id)
    else:
        archive.execute("DELETE FROM stories WHERE id = ?", (story_id,))
