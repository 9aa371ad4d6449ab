"""The ``warta`` command: one thin function per subcommand over the library."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
from rich.console import Console

from warta.archive.base import redact
from warta.archive.ingest import IngestSummary, expand_inputs
from warta.errors import WartaError
from warta.extraction import extract
from warta.facts_view import facts_tables
from warta.models import Extraction
from warta.render import render_article

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
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", "db_url", envvar="WARTA_DB", metavar="URL",
              help="Archive: sqlite:///FILE or postgresql://… [env WARTA_DB; default "
                   "sqlite:///warta.db].")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Extraction worker processes [default: one per core].")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON on stdout.")
def ingest_command(paths: tuple[str, ...], db_url: str | None, jobs: int | None,
                   as_json: bool) -> None:
    """Extract each PATH and store it in the archive; pages already stored are skipped.

    PATH is a page, a folder of pages, or - to read a list of paths from stdin, one per
    line. Exits 1 when a page failed (each is listed with its reason).
    """
    from warta.archive import archive_url, open_archive
    from warta.archive.ingest import IngestProgress, ingest

    err = Console(stderr=True, highlight=False, soft_wrap=True)
    names = list(expand_inputs(paths))
    if not names:
        err.print("[red]error[/red] no pages to ingest", markup=True)
        sys.exit(1)
    try:
        archive = open_archive(db_url)
    except WartaError as exc:
        err.print(f"[red]error[/red] {exc}", markup=True)
        sys.exit(1)
    try:
        with archive, IngestProgress(len(names), console=err) as progress:
            summary = ingest(archive, names, jobs=jobs, on_page=progress)
    except KeyboardInterrupt:
        err.print("interrupted: pages already stored are kept; run the same command again "
                  "to store the rest")
        sys.exit(130)
    if as_json:
        click.echo(json.dumps(_ingest_json(summary, archive_url(db_url)), ensure_ascii=False))
    _print_ingest_summary(err, summary, archive_url(db_url))
    sys.exit(1 if summary.failed else 0)


def _print_ingest_summary(err: Console, summary: IngestSummary, url: str) -> None:
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
    return {"archive": redact(url), "pages": summary.total, "stored": summary.stored,
            "no_story": summary.no_story, "skipped": summary.skipped,
            "failed": summary.failed, "seconds": round(summary.seconds, 3),
            "reasons": dict(summary.reasons),
            "failures": [{"input": o.name, "reason": o.reason, "message": o.message}
                         for o in summary.failures]}
