"""Batch output → archive, without extracting again (``warta ingest --from-parquet OUT``).

Steps (``ingest_parquet``):
1. list the partitions in OUT/articles (part files; the fact tables have one part each with
   the same name), in name order;
2. per partition, read its articles and facts; pages already in the archive (same content
   hash) are skipped before anything is rebuilt;
3. rebuild each ``Extraction`` from its rows (``rows.extraction_from_rows``) and store it with
   its raw page through ``Archive.save_prepared``, ``BATCH_PAGES`` pages per transaction.

The outcomes and summary are those of ``warta ingest``, so the command prints the same.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from warta.archive.base import Archive, SaveResult
from warta.archive.ingest import IngestSummary, Outcome
from warta.archive.writer import Prepared, prepare
from warta.batch import rows
from warta.errors import WartaError

# Pages stored per transaction (as ``warta ingest`` does).
BATCH_PAGES = 20


class NotBatchOutput(WartaError):
    reason = "not-batch-output"


def count_articles(out: str | Path) -> int:
    """Articles in a batch output (from the Parquet footers; nothing is read)."""
    return sum(pq.ParquetFile(path).metadata.num_rows for path in _article_parts(Path(out)))


def ingest_parquet(archive: Archive, out: str | Path, *,
                   on_page: Callable[[Outcome], None] | None = None) -> IngestSummary:
    """Store every article of batch output ``out`` in ``archive`` (steps above)."""
    started = time.monotonic()
    summary = IngestSummary()

    def record(outcome: Outcome) -> None:
        summary.add(outcome)
        if on_page is not None:
            on_page(outcome)

    batch: list[tuple[Prepared, str]] = []
    for source, prepared in _prepared_pages(archive, Path(out), record):
        batch.append((prepared, source))
        if len(batch) >= BATCH_PAGES:
            _save(archive, batch, record)
    _save(archive, batch, record)
    summary.seconds = time.monotonic() - started
    return summary


def _article_parts(out: Path) -> list[Path]:
    if not (out / "articles").is_dir():
        raise NotBatchOutput(str(out), "has no articles/ folder: not the output of warta "
                             "batch (give the folder passed to warta batch --out)")
    return sorted((out / "articles").glob("part-*.parquet"))


def _prepared_pages(archive: Archive, out: Path, record: Callable[[Outcome], None]
                    ) -> Iterator[tuple[str, Prepared]]:
    for part in _article_parts(out):
        articles = pq.read_table(part).to_pylist()
        stored = archive.stored_pages([row["content_hash"] for row in articles])
        seen: set[str] = set()
        facts = _facts_of(out, part.name)
        for row in articles:
            source = f"{row['input']}#{row['record_id']}"
            if row["content_hash"] in stored or row["content_hash"] in seen:
                record(Outcome(source, "skipped", "already stored"))
                continue
            seen.add(row["content_hash"])
            try:
                extraction = rows.extraction_from_rows(row, facts.get(row["record_id"], {}))
                yield source, prepare(extraction, bytes(row["raw"]), stem=archive.stems_text)
            except Exception as exc:  # one bad row must not stop the load
                record(Outcome(source, "failed", "bad-row",
                               f"{source}: cannot be rebuilt ({type(exc).__name__}: {exc})"))


def _facts_of(out: Path, part_name: str) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """Fact rows of one partition by record id, then table."""
    by_record: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(dict)
    for table in rows.FACT_TYPES:
        path = out / table / part_name
        if not path.exists():
            continue
        for row in pq.read_table(path).to_pylist():
            by_record[row["record_id"]].setdefault(table, []).append(row)
    return by_record


def _save(archive: Archive, batch: list[tuple[Prepared, str]],
          record: Callable[[Outcome], None]) -> None:
    if not batch:
        return
    for (_, source), saved in zip(batch, archive.save_prepared(batch), strict=True):
        record(_outcome(source, saved))
    batch.clear()


def _outcome(source: str, saved: SaveResult | Exception) -> Outcome:
    if isinstance(saved, Exception):
        return Outcome(source, "failed", "save-failed",
                       f"{source}: could not be saved ({type(saved).__name__}: {saved})")
    if saved.skipped:
        return Outcome(source, "skipped", "already stored")
    return Outcome(source, "stored" if saved.article_id is not None else "no_story",
                   article_id=saved.article_id)

