"""``warta watch``: rounds over sources, each fetching only what is new.

One round (``watch_round``), for every source at once, each on its own so one bad source never
stops the others:
1. check each feed or sitemap with a conditional GET (ETag / Last-Modified kept in
   ``watched_feeds``); a sitemap index is followed to its sitemaps, each with its own state;
2. take the item URLs not yet in the archive, plus the source's failed URLs due for a retry;
3. fetch and store them (``pipeline.Collector``).
``watch`` repeats rounds every ``every`` seconds (or runs one with ``once``).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field

from warta.archive.base import Archive
from warta.collect import store
from warta.collect.config import CollectSettings
from warta.collect.fetch import Fetched, Fetcher, FetchError
from warta.collect.listings import ListingError, read_listing
from warta.collect.pipeline import Claims, Collector, CollectOutcome, CollectSummary
from warta.collect.sources import Source
from warta.collect.urls import canonical_url


@dataclass(slots=True)
class SourceRound:
    """One source in one round: listings checked, new items, what became of them."""

    name: str
    listings: int = 0
    listing_errors: list[str] = field(default_factory=list)
    new_items: int = 0
    summary: CollectSummary = field(default_factory=CollectSummary)
    error: str | None = None


async def watch_round(archive: Archive, sources: Sequence[Source], *, fetcher: Fetcher,
                      settings: CollectSettings, executor: Executor | None = None,
                      on_url: Callable[[CollectOutcome], None] | None = None
                      ) -> list[SourceRound]:
    """One round over ``sources`` (see the module steps)."""
    rounds = [SourceRound(source.name) for source in sources]
    claims = Claims()

    async def one(source: Source, result: SourceRound) -> None:
        try:
            await _watch_source(archive, source, result, fetcher=fetcher, settings=settings,
                                executor=executor, on_url=on_url, claims=claims)
        except Exception as exc:  # one bad source must not stop the others
            result.error = f"{source.name}: {type(exc).__name__}: {exc}"

    await asyncio.gather(*(one(source, result) for source, result in zip(
        sources, rounds, strict=True)))
    return rounds


async def _watch_source(archive: Archive, source: Source, result: SourceRound, *,
                        fetcher: Fetcher, settings: CollectSettings,
                        executor: Executor | None,
                        on_url: Callable[[CollectOutcome], None] | None,
                        claims: Claims) -> None:
    items: list[str] = []
    for url in source.listings:
        items += await _check_listing(archive, url, source.name, result, fetcher=fetcher,
                                      settings=settings, depth=0)
    items += store.due_retries(archive, source.name)
    collector = Collector(archive, fetcher, source=source.name, settings=settings,
                          executor=executor, on_url=on_url, claims=claims)
    result.summary = await collector.collect(items)


async def _check_listing(archive: Archive, url: str, source: str, result: SourceRound, *,
                         fetcher: Fetcher, settings: CollectSettings, depth: int) -> list[str]:
    """The new item URLs of one feed or sitemap (and of the sitemaps an index lists)."""
    result.listings += 1
    state = store.feed_state(archive, url) or {}
    headers = {}
    if state.get("etag"):
        headers["If-None-Match"] = str(state["etag"])
    if state.get("last_modified"):
        headers["If-Modified-Since"] = str(state["last_modified"])
    try:
        fetched = await fetcher.fetch(url, max_bytes=settings.max_listing_bytes,
                                      headers=headers)
        listing = None if fetched.not_modified else read_listing(
            fetched.body, max_bytes=settings.max_listing_bytes)
    except (FetchError, ListingError) as exc:
        failure = _listing_failure(url, exc)
        result.listing_errors.append(failure.message)
        with archive.transaction():
            store.save_feed_check(archive, url, source=source, error=failure.message)
            store.record_failure(archive, failure, source=source, settings=settings)
        return []
    if listing is None:  # 304: nothing new since the last check
        _save_check(archive, url, source=source, kind=None, fetched=fetched, new=0)
        return []
    items: list[str] = []
    if listing.kind == "sitemapindex" and depth < settings.sitemap_depth:
        for child in listing.children:
            items += await _check_listing(archive, child, source, result, fetcher=fetcher,
                                          settings=settings, depth=depth + 1)
    new = _new_items(archive, listing.items)
    result.new_items += len(new)
    _save_check(archive, url, source=source, kind=listing.kind, fetched=fetched, new=len(new))
    return items + new


def _new_items(archive: Archive, urls: Sequence[str]) -> list[str]:
    canonical = []
    for url in urls:
        try:
            canonical.append(canonical_url(url))
        except ValueError:
            continue  # a feed entry without a usable link is not an item
    canonical = list(dict.fromkeys(canonical))
    known = store.known_urls(archive, canonical) | store.held_back(archive, canonical)
    return [url for url in canonical if url not in known]


def _save_check(archive: Archive, url: str, *, source: str, kind: str | None,
                fetched: Fetched, new: int) -> None:
    with archive.transaction():
        store.save_feed_check(archive, url, source=source, kind=kind, fetched=fetched,
                              new_items=new)
        store.clear_failures(archive, [url])


def _listing_failure(url: str, exc: FetchError | ListingError) -> store.Failure:
    if isinstance(exc, FetchError):
        return store.Failure(url, exc.reason, str(exc), exc.status, exc.retry_in)
    return store.Failure(url, "not-a-listing", f"{url}: {exc}")


def watch(archive: Archive, sources: Sequence[Source], *, settings: CollectSettings,
          every: float, once: bool, executor: Executor | None = None,
          on_round: Callable[[list[SourceRound]], None] | None = None,
          on_url: Callable[[CollectOutcome], None] | None = None) -> None:
    """Run rounds every ``every`` seconds (start to start) until interrupted, or one."""

    async def run() -> None:
        async with Fetcher(settings) as fetcher:
            while True:
                started = time.monotonic()
                rounds = await watch_round(archive, sources, fetcher=fetcher,
                                           settings=settings, executor=executor,
                                           on_url=on_url)
                if on_round is not None:
                    on_round(rounds)
                if once:
                    return
                await asyncio.sleep(max(0.0, every - (time.monotonic() - started)))

    asyncio.run(run())
