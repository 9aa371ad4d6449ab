"""Ingest: extract + facts + save, for many pages; idempotent by content hash.

Steps, in order (``ingest``):
1. expand the inputs: files, folders (their .html/.htm/.txt/.xhtml/.gz pages, recursively),
   and ``-``, which reads a list of paths from stdin, one per line (``find … | warta ingest -``);
2. read each page's bytes and hash them (sha256); a page already in the archive, or seen
   earlier in this run, is skipped before any extraction;
3. extract article and facts in worker processes (``jobs``; one means in this process),
   ``CHUNK_PAGES`` pages per task, with a bounded number of pages in flight; the workers
   also prepare what is stored
   (``writer.prepare``: rows, fingerprint, LSH band keys), so the writer only runs SQL;
4. save the results in this process, up to ``BATCH_PAGES`` pages or ``BATCH_SECONDS`` of
   arrivals per transaction: the archive has a single writer per run, and a run killed at
   any point loses only the pages of the uncommitted transaction (a page that cannot be
   saved is retried alone, so it fails alone);
5. count stored / skipped / failed pages, with a reason for every failure.

Running the same ingest again after a crash stores every page exactly once: committed pages
are skipped by hash, the rest (a lost transaction included) are extracted and stored.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeRemainingColumn,
)

from warta.archive import similarity
from warta.archive.base import Archive, SaveResult
from warta.archive.writer import Prepared, content_hash, prepare
from warta.errors import WartaError
from warta.extraction import extract
from warta.models import Extraction
from warta.settings import DEFAULT_SETTINGS, Settings

PAGE_SUFFIXES = (".html", ".htm", ".txt", ".xhtml", ".gz")
# Pages in flight per worker: enough to keep workers busy while the writer commits a batch,
# few enough to bound memory (four chunks per worker).
IN_FLIGHT_PER_JOB = 128
# Pages handed to a worker at once: each hand-over costs the writer process pickling, pipe
# and thread work, so fewer, larger ones leave it more time to write (bench corpus, 2 jobs:
# 8 pages took 0.23 ms of its CPU per page, 32 pages 0.15 ms).
CHUNK_PAGES = 32
# Pages saved per transaction: at most this many, gathered over at most this long. The
# writer's statements are per transaction, not per page, so on a busy machine (where each
# round trip to PostgreSQL waits for a CPU) larger transactions keep it ahead of the workers;
# on SQLite each commit writes every index page it changed to the WAL, so more pages per
# commit write fewer pages each (writer CPU 0.80 ms/page at 50 pages, 0.65 at 200).
BATCH_PAGES = 200
BATCH_SECONDS = 1.0
# Garbage collection thresholds of the writer during an ingest. The writer makes many
# short-lived rows per page while it holds a large long-lived heap (the fingerprint cache of
# stories.py, the pages in flight): at Python's default (700, 10, 10) the collector rescans
# that heap so often that it took a quarter of the writer's CPU. Workers keep the defaults.
WRITER_GC_THRESHOLD = (50_000, 20, 100)
_DEFAULT_GC_THRESHOLD = gc.get_threshold()
# Pages read and looked up in the archive at once (by content hash) before extraction.
LOOKUP_PAGES = 32
Status = Literal["stored", "no_story", "skipped", "failed"]


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one input page; ``reason`` is set for skipped and failed pages."""

    name: str
    status: Status
    reason: str | None = None
    message: str | None = None
    article_id: int | None = None


@dataclass(slots=True)
class IngestSummary:
    """Counts of one ingest run; ``failures`` keeps the outcome of every failed page."""

    stored: int = 0
    no_story: int = 0  # stored pages in which no story was found (counted in ``stored``)
    skipped: int = 0
    failures: list[Outcome] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def failed(self) -> int:
        return len(self.failures)

    @property
    def total(self) -> int:
        return self.stored + self.skipped + self.failed

    @property
    def reasons(self) -> Counter[str]:
        """Failed pages per reason code (``empty``, ``binary``, ``unreadable``, …)."""
        return Counter(outcome.reason or "error" for outcome in self.failures)

    def add(self, outcome: Outcome) -> None:
        if outcome.status == "failed":
            self.failures.append(outcome)
        elif outcome.status == "skipped":
            self.skipped += 1
        else:
            self.stored += 1
            self.no_story += outcome.status == "no_story"


@dataclass(frozen=True, slots=True)
class _Job:
    name: str
    raw: bytes
    digest: str


def ingest(archive: Archive, inputs: Iterable[str], *, jobs: int | None = None,
           url: str | None = None, on_page: Callable[[Outcome], None] | None = None,
           settings: Settings = DEFAULT_SETTINGS) -> IngestSummary:
    """Extract and store every page of ``inputs`` (paths, already expanded); see the steps."""
    started = time.monotonic()
    summary = IngestSummary()

    def record(outcome: Outcome) -> None:
        summary.add(outcome)
        if on_page is not None:
            on_page(outcome)

    todo = _new_pages(archive, inputs, record=record, settings=settings)
    workers = jobs or os.cpu_count() or 1
    stem = archive.stems_text
    if workers > 1:
        similarity.warm_up()
    extracted = (_extract_here(todo, url=url, settings=settings, stem=stem) if workers == 1
                 else _extract_in_pool(todo, workers=workers, url=url, settings=settings,
                                       stem=stem))
    batch: list[tuple[_Job, Prepared]] = []
    opened = 0.0
    with _fewer_collections() if workers > 1 else nullcontext():  # not for extraction here
        for job, result in extracted:
            if isinstance(result, Outcome):
                record(result)
                continue
            if not batch:
                opened = time.monotonic()
            batch.append((job, result))
            if len(batch) >= BATCH_PAGES or time.monotonic() - opened >= BATCH_SECONDS:
                save_batch(archive, batch, record=record)
        save_batch(archive, batch, record=record)
    summary.seconds = time.monotonic() - started
    return summary


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Run the block with ``WRITER_GC_THRESHOLD``, then restore the thresholds it found."""
    found = gc.get_threshold()
    gc.set_threshold(*WRITER_GC_THRESHOLD)
    try:
        yield
    finally:
        gc.set_threshold(*found)


def expand_inputs(paths: Iterable[str], *, stdin: Iterable[str] | None = None
                  ) -> Iterator[str]:
    """Files as given, folders as their page files (sorted), ``-`` as paths read from stdin."""
    for raw in paths:
        if raw == "-":
            lines = sys.stdin if stdin is None else stdin
            yield from expand_inputs([line.strip() for line in lines if line.strip()], stdin=())
            continue
        path = Path(raw)
        if path.is_dir():
            yield from sorted(str(p) for p in path.rglob("*")
                              if p.is_file() and p.name.lower().endswith(PAGE_SUFFIXES))
        else:
            yield raw


def save_batch(archive: Archive, batch: list[tuple[_Job, Prepared]], *,
               record: Callable[[Outcome], None]) -> None:
    """Store prepared pages in one transaction, record their outcomes, empty ``batch``."""
    if not batch:
        return
    results = archive.save_prepared([(prepared, job.name) for job, prepared in batch])
    for (job, _), saved in zip(batch, results, strict=True):
        record(_saved_outcome(job, saved))
    batch.clear()


def save_page(archive: Archive, job: _Job, result: Extraction | Outcome) -> Outcome:
    """Store one extracted page in its own transaction; a failure becomes an Outcome."""
    if isinstance(result, Outcome):
        return result
    try:
        saved = archive.save(result, job.raw, source=job.name)
    except Exception as exc:
        return _saved_outcome(job, exc)
    return _saved_outcome(job, saved)


def _saved_outcome(job: _Job, saved: SaveResult | Exception) -> Outcome:
    if isinstance(saved, Exception):
        return Outcome(job.name, "failed", "save-failed",
                       f"{job.name}: could not be saved ({type(saved).__name__}: {saved})")
    if saved.skipped:
        return Outcome(job.name, "skipped", "already stored")
    status: Status = "stored" if saved.article_id is not None else "no_story"
    return Outcome(job.name, status, article_id=saved.article_id)


def extract_job(name: str, raw: bytes, url: str | None, settings: Settings
                ) -> Extraction | Outcome:
    """Extraction of one page, or a failed Outcome with its reason (runs in a worker)."""
    try:
        return extract(raw, name=name, url=url, settings=settings)
    except WartaError as exc:
        return Outcome(name, "failed", exc.reason, str(exc))
    except Exception as exc:  # a bug on one page must not stop the run
        return Outcome(name, "failed", "extraction-failed",
                       f"{name}: extraction failed ({type(exc).__name__}: {exc})")


def prepare_job(name: str, raw: bytes, url: str | None, settings: Settings, stem: bool
                ) -> Prepared | Outcome:
    """``extract_job`` plus ``writer.prepare`` (runs in a worker): what the writer stores."""
    return _prepare_one(name, raw, extract_job(name, raw, url, settings), stem)


def _prepare_one(name: str, raw: bytes, result: Extraction | Outcome, stem: bool
                 ) -> Prepared | Outcome:
    if isinstance(result, Outcome):
        return result
    try:
        return prepare(result, raw, stem=stem)
    except Exception as exc:  # a bug on one page must not stop the run
        return Outcome(name, "failed", "extraction-failed",
                       f"{name}: preparing the rows failed ({type(exc).__name__}: {exc})")


def _new_pages(archive: Archive, inputs: Iterable[str], *, record: Callable[[Outcome], None],
               settings: Settings) -> Iterator[_Job]:
    """Read and hash each page; yield those neither stored nor seen earlier in this run.

    Pages are looked up in the archive ``LOOKUP_PAGES`` at a time (one query, not one each).
    """
    seen: set[str] = set()
    group: list[_Job] = []
    for name in inputs:
        try:
            raw = _read(name, settings)
        except OSError as exc:
            record(Outcome(name, "failed", "unreadable",
                           f"{name}: cannot be read ({exc.strerror or exc})"))
            continue
        group.append(_Job(name, raw, content_hash(raw)))
        if len(group) >= LOOKUP_PAGES:
            yield from _unseen(archive, group, seen, record=record)
            group = []
    yield from _unseen(archive, group, seen, record=record)


def _unseen(archive: Archive, group: list[_Job], seen: set[str], *,
            record: Callable[[Outcome], None]) -> Iterator[_Job]:
    stored = archive.stored_pages([job.digest for job in group]) if group else set()
    for job in group:
        if job.digest in seen or job.digest in stored:
            record(Outcome(job.name, "skipped", "already stored"))
            continue
        seen.add(job.digest)
        yield job


def _read(name: str, settings: Settings) -> bytes:
    """Up to ``max_page_bytes + 1`` bytes of a page (one more tells a page too large)."""
    limit = settings.max_page_bytes + 1
    try:
        with open(name, "rb") as handle:  # noqa: PTH123  (no Path, no stat: per page)
            # ``read(n)`` allocates n bytes first (50 MB by default): ask for the file's
            # size, then for the rest when more comes (a growing file, a pipe)
            want = min(os.fstat(handle.fileno()).st_size + 1, limit)
            data = handle.read(want)
            if len(data) < want or len(data) == limit:
                return data
            return data + handle.read(limit - len(data))
    except OSError:
        if Path(name).is_dir():
            raise IsADirectoryError(21, "is a folder, not a page") from None
        raise


def _extract_here(todo: Iterable[_Job], *, url: str | None, settings: Settings, stem: bool
                  ) -> Iterator[tuple[_Job, Prepared | Outcome]]:
    for job in todo:
        yield job, prepare_job(job.name, job.raw, url, settings, stem)


def _extract_in_pool(todo: Iterable[_Job], *, workers: int, url: str | None,
                     settings: Settings, stem: bool
                     ) -> Iterator[tuple[_Job, Prepared | Outcome]]:
    """Results in completion order, ``CHUNK_PAGES`` pages per task; at most
    IN_FLIGHT_PER_JOB × workers pages in flight.

    Workers are forked from this process (they never touch its archive connection and
    leave with ``os._exit``) and, on Linux, die with it: a killed ingest leaves no worker
    behind. When a worker dies (a crash in a C library, out of memory), the pool is
    replaced and the pages it held are extracted again one by one, each in a worker of
    its own, so only the page that kills a worker fails.
    """
    pending: dict[Future[list[Prepared | Outcome]], list[_Job]] = {}
    orphans: list[_Job] = []
    pool = _new_pool(workers)
    in_flight = max(1, workers * IN_FLIGHT_PER_JOB // CHUNK_PAGES)
    try:
        for chunk in _chunks(todo, CHUNK_PAGES):
            if len(pending) >= in_flight:
                yield from _finished(pending, orphans)
            tasks = [(job.name, job.raw) for job in chunk]
            try:
                future = pool.submit(prepare_jobs, tasks, url, settings, stem)
            except BrokenProcessPool:
                pool.shutdown(wait=False, cancel_futures=True)
                pool = _new_pool(workers)
                future = pool.submit(prepare_jobs, tasks, url, settings, stem)
            pending[future] = chunk
        while pending:
            yield from _finished(pending, orphans)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    for job in orphans:
        yield job, _extract_alone(job, url=url, settings=settings, stem=stem)


def prepare_jobs(tasks: list[tuple[str, bytes]], url: str | None, settings: Settings,
                 stem: bool) -> list[Prepared | Outcome]:
    """``prepare_job`` for each (name, raw) page of one task (runs in a worker).

    All pages are extracted first, then all prepared: run back to back, each stage finds
    its code and data still in the CPU caches (preparing a page right after extracting it
    took half as long again on the bench corpus).
    """
    extracted = [extract_job(name, raw, url, settings) for name, raw in tasks]
    return [_prepare_one(name, raw, result, stem)
            for (name, raw), result in zip(tasks, extracted, strict=True)]


def _chunks(todo: Iterable[_Job], size: int) -> Iterator[list[_Job]]:
    chunk: list[_Job] = []
    for job in todo:
        chunk.append(job)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _new_pool(workers: int) -> ProcessPoolExecutor:
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    return ProcessPoolExecutor(max_workers=workers, mp_context=context,
                               initializer=_start_worker)


def _finished(pending: dict[Future[list[Prepared | Outcome]], list[_Job]],
              orphans: list[_Job]) -> Iterator[tuple[_Job, Prepared | Outcome]]:
    """Finished pages; those lost with a dead worker go to ``orphans``."""
    done, _ = wait(pending, return_when=FIRST_COMPLETED)
    for future in done:
        chunk = pending.pop(future)
        if isinstance(future.exception(), BrokenProcessPool):
            orphans += chunk
        else:
            yield from zip(chunk, future.result(), strict=True)


def _extract_alone(job: _Job, *, url: str | None, settings: Settings, stem: bool
                   ) -> Prepared | Outcome:
    """Extract one page in a worker of its own: a page that kills it fails alone."""
    with _new_pool(1) as pool:
        try:
            return pool.submit(prepare_job, job.name, job.raw, url, settings, stem).result()
        except BrokenProcessPool:
            return Outcome(job.name, "failed", "worker-died",
                           f"{job.name}: the extraction worker died on this page "
                           "(a crash or out of memory)")


def _start_worker() -> None:
    """Set up a forked worker: die with the ingest process; leave what it inherited out of
    garbage collection (``gc.freeze``), so collections scan only what extraction allocates,
    not the writer's whole heap."""
    gc.freeze()
    gc.set_threshold(*_DEFAULT_GC_THRESHOLD)
    _die_with_parent()


def _die_with_parent() -> None:
    """Ask Linux to SIGKILL this worker when the ingest process dies (prctl PDEATHSIG)."""
    if sys.platform != "linux":
        return
    import ctypes

    pr_set_pdeathsig = 1
    ctypes.CDLL(None).prctl(pr_set_pdeathsig, signal.SIGKILL)


class IngestProgress:
    """A rich progress bar (pages, rate, ETA) on stderr, fed by ``ingest``'s ``on_page``.

    Hidden when stderr is not a terminal.
    """

    def __init__(self, total: int, *, console: Console) -> None:
        self._progress = Progress(
            TextColumn("[bold]ingest[/bold]"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[rate]} pages/s"), TextColumn("ETA"),
            TimeRemainingColumn(), TextColumn("{task.fields[counts]}"),
            console=console, disable=not console.is_terminal, transient=False)
        self._task = self._progress.add_task("ingest", total=total, rate="–", counts="")
        self._summary = IngestSummary()

    def __enter__(self) -> IngestProgress:
        self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._progress.stop()

    def __call__(self, outcome: Outcome) -> None:
        self._summary.add(outcome)
        speed = self._progress.tasks[0].speed
        counts = (f"stored {self._summary.stored} · skipped {self._summary.skipped}"
                  f" · failed {self._summary.failed}")
        self._progress.update(self._task, advance=1, counts=counts,
                              rate="–" if speed is None else f"{speed:.1f}")
