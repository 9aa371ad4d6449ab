"""The collect commands: ``warta watch``, ``warta sources``, ``warta reextract``, and the URL
half of ``warta ingest``. Importing this module loads only click and rich."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, NoReturn

import click
from rich.console import Console
from rich.table import Table

from warta.errors import WartaError

if TYPE_CHECKING:
    from warta.archive.base import Archive
    from warta.collect.config import CollectSettings
    from warta.collect.pipeline import CollectOutcome, CollectSummary
    from warta.collect.watch import SourceRound

_DB_HELP = "Archive: sqlite:///FILE or postgresql://… [env WARTA_DB; default sqlite:///warta.db]."


def _stderr() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def _fail(err: Console, message: str) -> NoReturn:
    err.print(f"[red]error[/red] {message}", markup=True, highlight=False)
    sys.exit(1)


def _open(err: Console, db_url: str | None, *, readonly: bool = False) -> Archive:
    from warta.archive import open_archive

    try:
        return open_archive(db_url, readonly=readonly)
    except WartaError as exc:
        _fail(err, str(exc))


def _interval(ctx: click.Context, param: click.Parameter, value: str) -> float:
    from warta.collect.timing import parse_interval

    try:
        return parse_interval(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


@contextmanager
def _executor(jobs: int | None) -> Iterator[Executor]:
    """Extraction runs in one thread beside the fetching by default (fetching politely is
    slower than extracting); ``-j N`` uses N worker processes."""
    if not jobs or jobs == 1:
        with ThreadPoolExecutor(max_workers=1) as pool:
            yield pool
        return
    import multiprocessing

    from warta.archive import similarity

    similarity.warm_up()
    context = multiprocessing.get_context(
        "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        list(pool.map(int, range(jobs)))  # start the workers before the event loop runs
        yield pool


def _print_failure(err: Console, outcome: CollectOutcome) -> None:
    if outcome.status == "failed":
        err.print(f"[red]failed[/red] {outcome.message}", markup=True, highlight=False)


def ingest_urls(urls: Sequence[str], *, db_url: str | None, jobs: int | None,
                as_json: bool, settings: CollectSettings | None = None) -> int:
    """``warta ingest URL…``: fetch and store the pages; returns how many failed."""
    import asyncio

    from warta.archive import archive_url
    from warta.collect.config import DEFAULT_COLLECT
    from warta.collect.fetch import Fetcher
    from warta.collect.pipeline import Collector

    err = _stderr()
    settings = settings or DEFAULT_COLLECT
    archive = _open(err, db_url)

    async def run(executor: Executor) -> CollectSummary:
        async with Fetcher(settings) as fetcher:
            collector = Collector(archive, fetcher, source="ingest", settings=settings,
                                  executor=executor,
                                  on_url=lambda outcome: _print_failure(err, outcome))
            return await collector.collect(urls, retry_failed=True)

    try:
        with archive, _executor(jobs) as executor:
            summary = asyncio.run(run(executor))
    except KeyboardInterrupt:
        err.print("interrupted: pages already stored are kept; run the same command again "
                  "to fetch the rest")
        sys.exit(130)
    if as_json:
        click.echo(json.dumps(summary_json(summary, archive_url(db_url)), ensure_ascii=False))
    _print_summary(err, summary)
    return summary.failed


def summary_json(summary: CollectSummary, url: str | None = None) -> dict[str, Any]:
    from warta.archive.base import redact

    return {**({"archive": redact(url)} if url else {}), "urls": summary.total,
            "stored": summary.stored, "no_story": summary.no_story,
            "skipped": summary.skipped, "failed": summary.failed,
            "seconds": round(summary.seconds, 3),
            "network_seconds": round(summary.network_seconds, 3),
            "extract_seconds": round(summary.extract_seconds, 3),
            "failures": [{"url": o.name, "reason": o.reason, "message": o.message}
                         for o in summary.failures]}


def _print_summary(err: Console, summary: CollectSummary, *, indent: str = "") -> None:
    err.print(f"{indent}{summary.total} URLs in {summary.seconds:.1f} s: stored "
              f"{summary.stored} ({summary.no_story} without a story), skipped "
              f"{summary.skipped} (known or same page), failed {summary.failed}")
    if summary.failed:
        err.print(f"{indent}  failures: " + ", ".join(
            f"{reason} {n}" for reason, n in summary.reasons.most_common()))


# --- warta watch ---------------------------------------------------------------------------


@click.command("watch")
@click.argument("sources", nargs=-1, required=True)
@click.option("--db", "db_url", envvar="WARTA_DB", metavar="URL", help=_DB_HELP)
@click.option("--every", default="10m", show_default=True, callback=_interval,
              help="Time between rounds: 90, 30s, 10m, 1h30m, 1d.")
@click.option("--once", is_flag=True, help="One round, then exit (for cron).")
@click.option("--rate", type=click.FloatRange(min=0.01), default=None,
              help="Requests per second per host [default: 1; a sources file may set one "
                   "per outlet].")
@click.option("--host-concurrency", type=click.IntRange(min=1), default=None,
              help="Requests at once per host [default: 2].")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Extraction worker processes [default: one thread].")
@click.option("--json", "as_json", is_flag=True, help="Print each round as JSON on stdout.")
def watch_command(sources: tuple[str, ...], db_url: str | None, every: float, once: bool,
                  rate: float | None, host_concurrency: int | None, jobs: int | None,
                  as_json: bool) -> None:
    """Follow SOURCE feeds and sitemaps and store the pages they list that are new.

    SOURCE is an RSS/Atom feed URL, a (news) sitemap or sitemap index URL, or a YAML
    sources file of outlets (the sample: `warta sources --sample`). Each round fetches
    only items not in the archive; failed fetches are recorded and retried in later
    rounds with back-off (see `warta sources`).
    """
    import dataclasses

    from warta.collect.config import DEFAULT_COLLECT, HostPolicy
    from warta.collect.sources import sources_from_args, with_source_policies
    from warta.collect.watch import watch

    err = _stderr()
    try:
        found = sources_from_args(sources)
    except WartaError as exc:
        _fail(err, str(exc))
    settings = DEFAULT_COLLECT
    if rate is not None or host_concurrency is not None:
        settings = dataclasses.replace(settings, host=HostPolicy(
            rate=rate or settings.host.rate,
            concurrency=host_concurrency or settings.host.concurrency))
    settings = with_source_policies(settings, found)
    archive = _open(err, db_url)

    def report(rounds: list[SourceRound]) -> None:
        if as_json:
            click.echo(json.dumps([_round_json(r) for r in rounds], ensure_ascii=False))
        _print_round(err, rounds)

    try:
        with archive, _executor(jobs) as executor:
            watch(archive, found, settings=settings, every=every, once=once,
                  executor=executor, on_round=report)
    except KeyboardInterrupt:
        err.print("stopped: what was stored is kept; the next round resumes from there")
        sys.exit(130)


def _round_json(result: SourceRound) -> dict[str, Any]:
    return {"source": result.name, "listings": result.listings,
            "new_items": result.new_items, "listing_errors": result.listing_errors,
            "error": result.error, **summary_json(result.summary)}


def _print_round(err: Console, rounds: list[SourceRound]) -> None:
    for result in rounds:
        err.print(f"{result.name}: {result.listings} feeds/sitemaps, {result.new_items} new "
                  "items", highlight=False)
        for message in result.listing_errors:
            err.print(f"  [yellow]feed failed[/yellow] {message}", markup=True,
                      highlight=False)
        if result.error:
            err.print(f"  [red]error[/red] {result.error}", markup=True, highlight=False)
        _print_summary(err, result.summary, indent="  ")


# --- warta sources -------------------------------------------------------------------------


@click.command("sources")
@click.option("--db", "db_url", envvar="WARTA_DB", metavar="URL", help=_DB_HELP)
@click.option("--failures", "show_failures", is_flag=True,
              help="List every failed URL: status, reason, attempts, next retry.")
@click.option("--sample", is_flag=True,
              help="Print the path of the sample sources file shipped with warta.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def sources_command(db_url: str | None, show_failures: bool, sample: bool,
                    as_json: bool) -> None:
    """Show each watched source: last success, pages stored, failures."""
    if sample:
        from warta.collect.sources import sample_sources_path

        click.echo(str(sample_sources_path()))
        return
    from warta.collect import store

    err = _stderr()
    with _open(err, db_url, readonly=True) as archive:
        rows = store.failures(archive) if show_failures else store.source_report(archive)
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, default=str))
        return
    out = Console(highlight=False) if sys.stdout.isatty() else Console(highlight=False,
                                                                        width=200)
    if not rows:
        err.print("no failures recorded" if show_failures else
                  "no sources yet: run `warta watch SOURCE…` first")
        return
    columns = (("url", "status", "reason", "attempts", "last_failed", "retry_at", "source")
               if show_failures else
               ("source", "feeds", "last_success", "pages", "failures", "retrying",
                "last_error"))
    table = Table(*columns)
    for row in rows:
        table.add_row(*("" if row.get(c) is None else str(row[c]) for c in columns))
    out.print(table)


# --- warta reextract -----------------------------------------------------------------------


@click.command("reextract")
@click.option("--db", "db_url", envvar="WARTA_DB", metavar="URL", help=_DB_HELP)
@click.option("--all", "every_page", is_flag=True,
              help="Every stored page, not only those extracted by another warta version.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON on stdout.")
def reextract_command(db_url: str | None, every_page: bool, as_json: bool) -> None:
    """Extract stored pages again from their raw bytes, without fetching anything.

    By default only pages extracted by another warta version (pages.warta_version).
    """
    from warta.collect.reextract import pages_to_reextract, reextract

    err = _stderr()
    with _open(err, db_url) as archive:
        ids = pages_to_reextract(archive, every_page=every_page)
        summary = reextract(archive, ids)
    if as_json:
        click.echo(json.dumps({"pages": len(ids), "reextracted": summary.pages,
                               "with_story": summary.with_story,
                               "failed": len(summary.failures),
                               "failures": summary.failures,
                               "seconds": round(summary.seconds, 3)}, ensure_ascii=False))
    err.print(f"{len(ids)} pages: {summary.pages} extracted again ({summary.with_story} with a "
              f"story), {len(summary.failures)} failed, in {summary.seconds:.1f} s")
    for message in summary.failures[:20]:
        err.print(f"  {message}", highlight=False)
    sys.exit(1 if summary.failures else 0)
