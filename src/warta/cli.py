"""The ``warta`` command: one thin function per subcommand over the library."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from rich.console import Console

from warta.errors import WartaError
from warta.extraction import extract
from warta.facts_view import facts_tables
from warta.models import Extraction
from warta.render import render_article

if TYPE_CHECKING:  # the archive is imported by the commands that use it, not at start-up
    from warta.archive.ingest import IngestSummary

PAGE_SUFFIXES = (".html", ".htm", ".txt", ".xhtml", ".gz")


@click.group()
@click.version_option(package_name="warta")
def main() -> None:
    """warta: Indonesian news pages → clean articles and the facts inside them."""


@main.command("extract")
@click.argument("paths", nargs=-1, required=True)
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Write DIR/NAME.json for each input NAME.ext instead of printing.")
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="json",
              show_default=True, help="JSON documents, or a readable article for a person.")
@click.option("--url", help="The page's URL, when known (helps outlet and date detection).")
@click.option("--no-facts", is_flag=True, help="Stop after the article: leave facts empty.")
def extract_command(paths: tuple[str, ...], out_dir: Path | None, fmt: str,
                    url: str | None, no_facts: bool) -> None:
    """Extract the article from each PATH (an HTML page, crawled text, a folder, or -)."""
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    out = Console(highlight=False, soft_wrap=True)
    inputs = list(_expand(paths, err))
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
    done, empty, failed = 0, 0, 0
    for path in inputs:
        try:
            result = extract(path, url=url, with_facts=not no_facts)
        except WartaError as exc:
            failed += 1
            err.print(f"[red]error[/red] {exc}", markup=True)
            continue
        done += 1
        if result.problems:
            empty += not result.has_story
            err.print(f"[yellow]warning[/yellow] {result.page.name}: "
                      f"{'; '.join(result.problems)}", markup=True)
        _emit(result, out_dir=out_dir, fmt=fmt, out=out, many=len(inputs) > 1)
    if len(inputs) > 1 or failed:
        err.print(f"{len(inputs)} inputs: {done} extracted ({empty} without a story), "
                  f"{failed} failed")
    if failed:
        sys.exit(1)


@main.command("facts")
@click.argument("paths", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print the facts as JSON instead.")
def facts_command(paths: tuple[str, ...], as_json: bool) -> None:
    """Print the facts of each PATH: entities, events, quantities and attributions."""
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    out = Console(highlight=False)
    if not out.is_terminal:
        out = Console(highlight=False, width=160)  # piped: wide enough for the evidence
    failed = 0
    for path in _expand(paths, err):
        try:
            result = extract(path)
        except WartaError as exc:
            failed += 1
            err.print(f"[red]error[/red] {exc}", markup=True)
            continue
        if as_json:
            out.out(json.dumps({"id": result.id, **result.facts.to_dict()}, ensure_ascii=False))
        else:
            out.print(facts_tables(result))
    if failed:
        sys.exit(1)


def _expand(paths: tuple[str, ...], err: Console) -> Iterator[str]:
    for raw in paths:
        path = Path(raw)
        if raw != "-" and path.is_dir():
            found = sorted(p for p in path.rglob("*")
                           if p.is_file() and p.name.lower().endswith(PAGE_SUFFIXES))
            if not found:
                err.print(f"warning {raw}: folder holds no .html, .htm, .txt or .gz pages")
            yield from (str(p) for p in found)
        else:
            yield raw


def _emit(result: Extraction, *, out_dir: Path | None, fmt: str, out: Console,
          many: bool) -> None:
    if fmt == "text":
        text = render_article(result)
    else:
        text = json.dumps(result.to_dict(), ensure_ascii=False,
                          indent=None if many and out_dir is None else 1)
    if out_dir is None:
        out.out(text, highlight=False)
        return
    suffix = ".json" if fmt == "json" else ".txt"
    (out_dir / f"{result.id}{suffix}").write_text(text + "\n", encoding="utf-8")


# --- warta ingest (archive room) --------------------------------------------------------


@main.command("ingest")
@click.argument("paths", nargs=-1)
@click.option("--db", "db_url", envvar="WARTA_DB", metavar="URL",
              help="Archive: sqlite:///FILE or postgresql://… [env WARTA_DB; default "
                   "sqlite:///warta.db].")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Extraction worker processes [default: one per core].")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON on stdout.")
@click.option("--from-parquet", "from_parquet", metavar="DIR",
              type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="Store the output of `warta batch --out DIR` without extracting again.")
def ingest_command(paths: tuple[str, ...], db_url: str | None, jobs: int | None,
                   as_json: bool, from_parquet: Path | None) -> None:
    """Extract each PATH and store it in the archive; pages already stored are skipped.

    PATH is a page, a folder of pages, - to read a list of paths or URLs from stdin, one
    per line, or an http(s) URL, fetched politely (robots.txt, rate limits; see docs/collect.md).
    Exits 1 when a page failed (each is listed with its reason).
    """
    from warta.archive import archive_url, open_archive
    from warta.archive.ingest import IngestProgress, expand_inputs, ingest

    err = Console(stderr=True, highlight=False, soft_wrap=True)
    if "-" in paths:  # the list on stdin may name URLs as well as paths
        listed = tuple(line.strip() for line in sys.stdin if line.strip())
        paths = tuple(p for p in paths if p != "-") + listed
    urls = tuple(p for p in paths if p.lower().startswith(("http://", "https://")))
    url_failed = 0
    if urls:  # fetched from the web (warta.collect), then the files, if any
        from warta.collect.command import ingest_urls

        url_failed = ingest_urls(urls, db_url=db_url, jobs=jobs, as_json=as_json)
        paths = tuple(p for p in paths if p not in urls)
        if not paths and from_parquet is None:
            sys.exit(1 if url_failed else 0)
    names = list(expand_inputs(paths))
    if not names and from_parquet is None:
        err.print("[red]error[/red] no pages to ingest", markup=True)
        sys.exit(1)
    if names and from_parquet is not None:
        err.print("[red]error[/red] --from-parquet loads a batch output: ingest the pages "
                  "in a command of their own", markup=True)
        sys.exit(1)
    try:
        archive = open_archive(db_url)
    except WartaError as exc:
        err.print(f"[red]error[/red] {exc}", markup=True)
        sys.exit(1)
    try:
        if from_parquet is not None:  # batch output, stored without extracting again
            from warta.batch.load import count_articles, ingest_parquet

            with archive, IngestProgress(count_articles(from_parquet), console=err) as bar:
                summary = ingest_parquet(archive, from_parquet, on_page=bar)
        else:
            with archive, IngestProgress(len(names), console=err) as progress:
                summary = ingest(archive, names, jobs=jobs, on_page=progress)
    except WartaError as exc:
        err.print(f"[red]error[/red] {exc}", markup=True)
        sys.exit(1)
    except KeyboardInterrupt:
        err.print("interrupted: pages already stored are kept; run the same command again "
                  "to store the rest")
        sys.exit(130)
    if as_json:
        click.echo(json.dumps(_ingest_json(summary, archive_url(db_url)), ensure_ascii=False))
    _print_ingest_summary(err, summary, archive_url(db_url))
    sys.exit(1 if summary.failed or url_failed else 0)


def _print_ingest_summary(err: Console, summary: IngestSummary, url: str) -> None:
    from warta.archive.base import redact

    rate = summary.total / summary.seconds if summary.seconds else 0.0
    err.print(f"{summary.total} pages in {summary.seconds:.1f} s ({rate:.1f} pages/s) "
              f"into {redact(url)}")
    err.print(f"  stored  {summary.stored} ({summary.no_story} without a story)")
    err.print(f"  skipped {summary.skipped} (already in the archive)")
    if not summary.failed:
        return
    reasons = ", ".join(f"{reason} {n}" for reason, n in summary.reasons.most_common())
    err.print(f"  failed  {summary.failed}: {reasons}")
    for outcome in summary.failures[:20]:
        err.print(f"    {outcome.message}")
    if summary.failed > 20:
        err.print(f"    … and {summary.failed - 20} more")


def _ingest_json(summary: IngestSummary, url: str) -> dict[str, Any]:
    from warta.archive.base import redact

    return {"archive": redact(url), "pages": summary.total, "stored": summary.stored,
            "no_story": summary.no_story, "skipped": summary.skipped,
            "failed": summary.failed, "seconds": round(summary.seconds, 3),
            "reasons": dict(summary.reasons),
            "failures": [{"input": o.name, "reason": o.reason, "message": o.message}
                         for o in summary.failures]}


# --- warta search | events | entity | story | export (archive queries) ------------------
# Thin skins over warta.archive.query and warta.archive.export; tables from archive.render.

_DB_HELP = "Archive: sqlite:///FILE or postgresql://… [env WARTA_DB; default sqlite:///warta.db]."


def _db_option(command: Any) -> Any:
    return click.option("--db", "db_url", envvar="WARTA_DB", metavar="URL",
                        help=_DB_HELP)(command)


def _filter_options(command: Any) -> Any:
    options = [
        click.option("--since", metavar="DATE", help="Published on or after (YYYY[-MM[-DD]])."),
        click.option("--until", metavar="DATE", help="Published on or before (YYYY[-MM[-DD]])."),
        click.option("--outlet", metavar="NAME", help="Only this outlet (any case)."),
        click.option("--entity", metavar="NAME", help="Only articles naming this entity."),
        click.option("--country", metavar="CODE",
                     help="ISO3 code (ISR), IGO:/NGO: code, or a country name (Jepang)."),
        click.option("--type", "event_type", metavar="TYPE",
                     help="PLOVER event type (ASSAULT, PROTEST, …)."),
        click.option("--origins-only", is_flag=True,
                     help="One copy per syndicated story: the one that ran first."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _fail(err: Console, message: str) -> None:
    err.print(f"[red]error[/red] {message}", markup=True, highlight=False)
    sys.exit(1)


def _table_console() -> Console:
    out = Console(highlight=False)
    return out if out.is_terminal else Console(highlight=False, width=160)


def _query_filters(err: Console, **options: Any) -> Any:
    from warta.archive.query import Filters

    try:
        return Filters.parse(**options)
    except WartaError as exc:
        _fail(err, str(exc))


def _open_for_reading(err: Console, db_url: str | None) -> Any:
    from warta.archive import open_archive

    try:
        return open_archive(db_url, readonly=True)
    except WartaError as exc:
        _fail(err, str(exc))


def _print_json(document: Any) -> None:
    click.echo(json.dumps(document, ensure_ascii=False))


@main.command("search")
@click.argument("query")
@_filter_options
@click.option("-n", "--limit", type=click.IntRange(min=1), default=20, show_default=True,
              help="Articles to show.")
@click.option("--json", "as_json", is_flag=True, help="Print the hits as JSON.")
@_db_option
def search_command(query: str, limit: int, as_json: bool, db_url: str | None,
                   **filter_options: Any) -> None:
    """Full-text search: words (stemmed), "exact phrases", OR, -excluded words."""
    from warta.archive.query import search
    from warta.archive.render import search_table

    err = Console(stderr=True, highlight=False, soft_wrap=True)
    filters = _query_filters(err, **filter_options)
    with _open_for_reading(err, db_url) as archive:
        try:
            hits = search(archive, query, filters, limit=limit)
        except WartaError as exc:
            _fail(err, str(exc))
    if as_json:
        _print_json({"query": query, "filters": filters.to_dict(),
                     "hits": [hit.to_dict() for hit in hits]})
    elif hits:
        _table_console().print(search_table(hits, query=query))
    else:
        err.print(f"no articles match {query!r}")


@main.command("events")
@_filter_options
@click.option("-q", "--query", metavar="TEXT", help="Only events of articles matching TEXT.")
@click.option("-n", "--limit", type=click.IntRange(min=1), default=50, show_default=True,
              help="Events to show.")
@click.option("--json", "as_json", is_flag=True, help="Print the events as JSON.")
@_db_option
def events_command(query: str | None, limit: int, as_json: bool, db_url: str | None,
                   **filter_options: Any) -> None:
    """PLOVER events, newest story first; --type and --country apply to each event."""
    from warta.archive.query import events
    from warta.archive.render import events_table

    err = Console(stderr=True, highlight=False, soft_wrap=True)
    filters = _query_filters(err, **filter_options)
    with _open_for_reading(err, db_url) as archive:
        try:
            found = events(archive, filters, query=query, limit=limit)
        except WartaError as exc:
            _fail(err, str(exc))
    if as_json:
        _print_json({"filters": filters.to_dict(), "events": [e.to_dict() for e in found]})
    elif found:
        _table_console().print(events_table(found))
    else:
        err.print("no events match")


@main.command("entity")
@click.argument("name")
@click.option("--json", "as_json", is_flag=True, help="Print the profile as JSON.")
@_db_option
def entity_command(name: str, as_json: bool, db_url: str | None) -> None:
    """What the archive knows of NAME: role, mentions over time, company, events."""
    from warta.archive.query import entity_profile
    from warta.archive.render import entity_view

    err = Console(stderr=True, highlight=False, soft_wrap=True)
    with _open_for_reading(err, db_url) as archive:
        profile = entity_profile(archive, name)
        if profile is None:
            like = archive.fetchall("SELECT DISTINCT name FROM entities WHERE lower(name)"
                                    " LIKE ? ORDER BY name LIMIT 5", (f"%{name.lower()}%",))
            hint = "; did you mean " + ", ".join(repr(row["name"]) for row in like) + "?" \
                if like else ""
            _fail(err, f"{name}: no entity of that name in the archive{hint}")
    assert profile is not None
    if as_json:
        _print_json(profile.to_dict())
    else:
        _table_console().print(entity_view(profile))


@main.command("story")
@click.argument("story_id", type=int)
@click.option("--article", "by_article", is_flag=True,
              help="ID is an article id: show the story that article belongs to.")
@click.option("--json", "as_json", is_flag=True, help="Print the story as JSON.")
@_db_option
def story_command(story_id: int, by_article: bool, as_json: bool, db_url: str | None) -> None:
    """All copies of story ID and the outlet that ran it first."""
    from warta.archive.query import story, story_of
    from warta.archive.render import story_table

    err = Console(stderr=True, highlight=False, soft_wrap=True)
    with _open_for_reading(err, db_url) as archive:
        wanted = story_of(archive, story_id) if by_article else story_id
        view = None if wanted is None else story(archive, wanted)
    if view is None:
        _fail(err, f"{'article' if by_article else 'story'} {story_id}: not in the archive")
    assert view is not None
    if as_json:
        _print_json(view.to_dict())
    else:
        _table_console().print(story_table(view))


@main.command("export")
@click.option("--what", type=click.Choice(["articles", "events", "entities", "quantities"]),
              required=True, help="Records to export (events: PLOVER-compatible, see "
              "docs/export.md).")
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl", "parquet"]),
              help="Output format [default: from the -o suffix, else jsonl].")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to FILE instead of stdout (Parquet needs a file).")
@click.option("-q", "--query", metavar="TEXT", help="Only articles matching this search.")
@_filter_options
@_db_option
def export_command(what: str, fmt: str | None, output: Path | None, query: str | None,
                   db_url: str | None, **filter_options: Any) -> None:
    """Export articles, events, entities or quantities as CSV, JSON Lines or Parquet."""
    from warta.archive.export import export

    err = Console(stderr=True, highlight=False, soft_wrap=True)
    fmt = fmt or _format_of(output)
    filters = _query_filters(err, **filter_options)
    if fmt == "parquet" and output is None:
        _fail(err, "--format parquet: Parquet is binary and is not written to standard "
                   "output: give a file with -o FILE.parquet")
    with _open_for_reading(err, db_url) as archive:
        try:
            count = export(archive, what=what, fmt=fmt, out=output,  # type: ignore[arg-type]
                           filters=filters, query=query)
        except WartaError as exc:
            _fail(err, str(exc))
    if output is not None:
        err.print(f"{count} {what} written to {output} ({fmt})")


def _format_of(output: Path | None) -> str:
    suffix = output.suffix.lower() if output is not None else ""
    return {".csv": "csv", ".parquet": "parquet", ".pq": "parquet"}.get(suffix, "jsonl")


# --- warta serve (web room) -------------------------------------------------------------

def _is_loopback(host: str) -> bool:
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@main.command("serve")
@_db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind. Anything but loopback is reachable from other "
                   "machines: given explicitly, it is used with a warning.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--allow-ingest", is_flag=True,
              help="Let visitors paste or upload pages and store them (POST /api/v1/ingest). "
                   "Off by default: the server only reads the archive.")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Server processes (each with its own archive connections).")
@click.option("--log-level", type=click.Choice(["critical", "error", "warning", "info",
                                                 "debug"]), default="info", show_default=True)
def serve_command(db_url: str | None, host: str, port: int, allow_ingest: bool, workers: int,
                  log_level: str) -> None:
    """Serve the archive: JSON API under /api/v1 (docs at /api/v1/docs) and HTML pages."""
    import os

    from warta.archive import archive_url
    from warta.archive.base import redact

    err = Console(stderr=True, highlight=False, soft_wrap=True)
    try:
        import uvicorn

        from warta.web.app import create_app, prepare_to_serve
    except ImportError as exc:
        _fail(err, f"warta serve needs the web extra: pip install 'warta[web]' ({exc})")
    url = archive_url(db_url)
    try:
        app = create_app(url, allow_ingest=allow_ingest)
    except WartaError as exc:
        _fail(err, str(exc))
    if not _is_loopback(host):
        err.print(f"[yellow]warning[/yellow] binding {host}: the archive is reachable from "
                  "other machines, without authentication"
                  + (", and anyone can store pages in it (--allow-ingest)" if allow_ingest
                     else ""), markup=True)
    mode = "read-write (ingest on)" if allow_ingest else "read-only"
    shown = f"[{host}]" if ":" in host else host
    err.print(f"serving {redact(url)} ({mode}) on http://{shown}:{port}/ "
              f"— API docs at http://{shown}:{port}/api/v1/docs")
    if workers == 1:
        prepare_to_serve()
        uvicorn.run(app, host=host, port=port, log_level=log_level)
        return
    os.environ["WARTA_SERVE_DB"] = url
    os.environ["WARTA_SERVE_INGEST"] = "1" if allow_ingest else ""
    uvicorn.run("warta.web.app:app_from_env", factory=True, host=host, port=port,
                workers=workers, log_level=log_level)


# --- warta batch (crawl scale: WARC on Dask, Parquet out; its own package) ---------------
from warta.batch.command import batch_command  # noqa: E402  (click only; Dask loads on use)

main.add_command(batch_command)

# --- warta watch | sources | reextract (collecting from the web; httpx loads on use) ------
from warta.collect.command import (  # noqa: E402
    reextract_command,
    sources_command,
    watch_command,
)

main.add_command(watch_command)
main.add_command(sources_command)
main.add_command(reextract_command)
