"""URLs → pages in the archive: fetch, find the canonical address, extract, store, record.

Steps for each URL (``collect_urls``):
1. canonical form (``urls.canonical_url``); a URL that already gave a page, or that failed
   and is not due for another try, is skipped without a request;
2. fetch it politely (``fetch.Fetcher``); a failure is recorded in ``fetch_failures``;
3. decode it with the server's charset (``decode.fetched_page``) and read its
   ``rel=canonical``: when the canonical page is already stored the URL is recorded as another
   name of it; an AMP page is replaced by its canonical page, fetched instead;
4. extract article and facts in the executor (a thread, or worker processes), so fetching goes
   on meanwhile;
5. store the page (``Archive.save_prepared``; same bytes are stored once) and record every
   name it was reached by (asked, final after redirects, canonical) in ``fetched_urls``.

The archive is used only from the thread running the event loop. A run stopped at any point
loses nothing already recorded; running it again fetches only what is missing.
"""

from __future__ import annotations

import asyncio
import dataclasses
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Executor
from dataclasses import dataclass, field

from warta.archive.base import Archive, SaveResult
from warta.archive.ingest import IngestSummary, Outcome, Status
from warta.archive.writer import Prepared, prepare
from warta.collect import store
from warta.collect.config import CollectSettings
from warta.collect.decode import fetched_page
from warta.collect.fetch import Fetched, Fetcher, FetchError
from warta.collect.urls import canonical_url, page_links
from warta.errors import WartaError
from warta.extraction import extract_page
from warta.models import Page
from warta.settings import DEFAULT_SETTINGS, Settings

# Media types of pages warta reads; a missing Content-Type is tried as a page.
PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
# What happened to one URL: ``Outcome.name`` is the URL (canonical form).
CollectOutcome = Outcome


@dataclass(slots=True)
class CollectSummary(IngestSummary):
    """``IngestSummary`` counts of one run over URLs, and where the time went.

    ``skipped`` counts known URLs, other names of stored pages and pages whose bytes are
    stored already.
    """

    network_seconds: float = 0.0  # summed over pages: request sent to last byte received
    extract_seconds: float = 0.0  # summed over pages: extraction and rows, in the worker
    save_seconds: float = 0.0


@dataclass(frozen=True, slots=True)
class _Got:
    """A fetched page ready for extraction, with every name it was reached by."""

    fetched: Fetched
    page: Page
    names: tuple[str, ...]
    canonical: str | None
    amp: bool = False


@dataclass(slots=True)
class Claims:
    """URLs taken by a run, each with an event set once its task is done, and the URLs whose
    task waits for another's (so two pages naming each other never both wait). The
    collectors of one watch round share them, so a URL two sources list is fetched once."""

    done: dict[str, asyncio.Event] = field(default_factory=dict)
    waiting: set[str] = field(default_factory=set)


class Collector:
    """Fetch and store URLs of one source into ``archive`` (see the module steps)."""

    def __init__(self, archive: Archive, fetcher: Fetcher, *, source: str,
                 settings: CollectSettings, executor: Executor | None = None,
                 page_settings: Settings = DEFAULT_SETTINGS,
                 on_url: Callable[[CollectOutcome], None] | None = None,
                 claims: Claims | None = None) -> None:
        self.archive = archive
        self.fetcher = fetcher
        self.source = source
        self.settings = settings
        self.executor = executor
        self.page_settings = page_settings
        self.summary = CollectSummary()
        self._on_url = on_url
        self._claims = claims or Claims()

    async def collect(self, urls: Iterable[str], *, retry_failed: bool = False) -> CollectSummary:
        """Fetch and store the new ones of ``urls``; ``retry_failed`` also asks again for
        URLs whose failure is not due for a retry yet (a user naming them on purpose)."""
        started = time.monotonic()
        todo = self._new_urls(urls, retry_failed=retry_failed)
        # More tasks than fetch slots, so extraction of one page overlaps fetching of others.
        slots = asyncio.Semaphore(self.settings.concurrency * 2)

        async def one(url: str) -> None:
            try:
                async with slots:
                    self._record(await self._collect_one(url))
            finally:
                self._claims.done[url].set()

        await asyncio.gather(*(one(url) for url in todo))
        self.summary.seconds += time.monotonic() - started
        return self.summary

    def _new_urls(self, urls: Iterable[str], *, retry_failed: bool) -> list[str]:
        wanted: list[str] = []
        for url in urls:
            try:
                wanted.append(canonical_url(url))
            except ValueError as exc:
                self._record(CollectOutcome(url, "failed", "bad-url", f"{url}: {exc}"))
        wanted = [url for url in dict.fromkeys(wanted) if url not in self._claims.done]
        known = store.known_urls(self.archive, wanted)
        held = set() if retry_failed else store.held_back(self.archive, wanted)
        for url in wanted:
            if url in known:
                self._record(CollectOutcome(url, "skipped", "already stored"))
            elif url in held:
                self._record(CollectOutcome(url, "skipped", "failed before; retry not due"))
        todo = [url for url in wanted if url not in known and url not in held]
        self._claims.done.update((url, asyncio.Event()) for url in todo)
        return todo

    async def _collect_one(self, url: str) -> CollectOutcome:
        try:
            got = await self._fetch_page(url)
        except FetchError as exc:
            return self._fail(store.Failure(url, exc.reason, str(exc), exc.status,
                                            exc.retry_in))
        except WartaError as exc:
            return self._fail(store.Failure(url, exc.reason, f"{url}: {exc.problem}"))
        if isinstance(got, CollectOutcome):
            return got
        loop = asyncio.get_running_loop()
        prepared, seconds = await loop.run_in_executor(
            self.executor, prepare_timed, got.page, got.fetched.body, self.archive.stems_text,
            self.page_settings)
        self.summary.extract_seconds += seconds
        if isinstance(prepared, str):
            return self._fail(store.Failure(url, "extraction-failed", prepared))
        return self._save(url, got, prepared)

    async def _fetch_page(self, url: str) -> _Got | CollectOutcome:
        fetched = await self._fetch(url)
        got = self._decode(url, fetched)
        if got.canonical and got.canonical not in got.names:
            await self._wait_for(url, got.canonical)
            if store.known_urls(self.archive, [got.canonical]):
                return self._alias(url, got)
            if got.amp:
                return await self._canonical_of_amp(url, got)
        return got

    async def _fetch(self, url: str) -> Fetched:
        fetched = await self.fetcher.fetch(url)
        self.summary.network_seconds += fetched.wire_seconds
        if fetched.content_type and fetched.content_type not in PAGE_TYPES:
            raise FetchError(url, "not-a-page", f"{fetched.content_type} is not an HTML page",
                             status=fetched.status)
        return fetched

    def _decode(self, url: str, fetched: Fetched) -> _Got:
        final = _canonical_or_none(fetched.final_url) or url
        page = fetched_page(fetched.body, name=url, url=final, charset=fetched.charset,
                            fetched_at=fetched.fetched_at, settings=self.page_settings)
        links = page_links(page.text, fetched.final_url) if page.kind == "html" else None
        canonical = links.canonical if links else None
        if canonical:
            page = dataclasses.replace(page, url=canonical)
        return _Got(fetched, page, tuple(dict.fromkeys((url, final))), canonical,
                    amp=bool(links and links.amp))

    async def _wait_for(self, url: str, canonical: str) -> None:
        """When this run is fetching the canonical page too, let it finish first, so the
        page is fetched and stored once (unless that task is itself waiting: no cycles)."""
        done = self._claims.done.get(canonical)
        if done is None or done.is_set() or canonical in self._claims.waiting:
            return
        self._claims.waiting.add(url)
        try:
            await done.wait()
        finally:
            self._claims.waiting.discard(url)

    def _alias(self, url: str, got: _Got) -> CollectOutcome:
        """The canonical page is stored: remember this URL as another name of it."""
        assert got.canonical is not None
        digest = self.archive.fetchval("SELECT content_hash FROM fetched_urls WHERE url = ?",
                                       (got.canonical,))
        store.record_fetched(self.archive, got.names, fetched=got.fetched,
                             content_hash=digest, source=self.source, canonical=got.canonical)
        return CollectOutcome(url, "skipped", "another URL of a stored page")

    async def _canonical_of_amp(self, url: str, amp: _Got) -> _Got:
        """The canonical page of an AMP page, fetched instead (the AMP page if that fails).

        The canonical URL is not claimed here (``_wait_for`` already waited for a task that
        claimed it): a claim is an event its own task sets when done, and waiting on one
        nobody sets would hang. Should another source ask for it meanwhile, the page is
        fetched twice but stored once (same bytes).
        """
        assert amp.canonical is not None
        try:
            got = self._decode(amp.canonical, await self._fetch(amp.canonical))
        except WartaError:
            return amp
        names = (*amp.names, *got.names, amp.canonical)
        return _Got(got.fetched, got.page, tuple(dict.fromkeys(names)), amp.canonical)

    def _save(self, url: str, got: _Got, prepared: Prepared) -> CollectOutcome:
        started = time.monotonic()
        saved: SaveResult | Exception = self.archive.save_prepared([(prepared, url)])[0]
        if isinstance(saved, Exception):
            return self._fail(store.Failure(url, "save-failed", f"{url}: could not be saved "
                                            f"({type(saved).__name__}: {saved})"))
        names = [*got.names, *([got.canonical] if got.canonical else [])]
        with self.archive.transaction():
            store.record_fetched(self.archive, names, fetched=got.fetched,
                                 content_hash=prepared.content_hash, source=self.source,
                                 canonical=got.canonical)
        self.summary.save_seconds += time.monotonic() - started
        if saved.skipped:
            return CollectOutcome(url, "skipped", "same page already stored")
        status: Status = "stored" if saved.article_id is not None else "no_story"
        return CollectOutcome(url, status, article_id=saved.article_id)

    def _fail(self, failure: store.Failure) -> CollectOutcome:
        store.record_failure(self.archive, failure, source=self.source,
                             settings=self.settings)
        return CollectOutcome(failure.url, "failed", failure.reason, failure.message)

    def _record(self, outcome: CollectOutcome) -> None:
        self.summary.add(outcome)
        if self._on_url is not None:
            self._on_url(outcome)


def prepare_timed(page: Page, raw: bytes, stem: bool, settings: Settings
                  ) -> tuple[Prepared | str, float]:
    """``prepare_page`` and the seconds it took in the worker (not waiting for one)."""
    started = time.perf_counter()
    prepared = prepare_page(page, raw, stem, settings)
    return prepared, time.perf_counter() - started


def prepare_page(page: Page, raw: bytes, stem: bool, settings: Settings) -> Prepared | str:
    """Extraction and rows of one fetched page, or a one-line message (runs in a worker)."""
    try:
        return prepare(extract_page(page, settings=settings), raw, stem=stem)
    except WartaError as exc:
        return str(exc)
    except Exception as exc:  # a bug on one page must not stop the run
        return f"{page.name}: extraction failed ({type(exc).__name__}: {exc})"


def _canonical_or_none(url: str) -> str | None:
    try:
        return canonical_url(url)
    except ValueError:
        return None
