"""The per-record and per-partition work of a batch; no Dask here (``cluster.py`` maps it).

``process_record`` decides what one record is, in order:
1. unusable (truncated, damaged, bad JSON) → failed, with the reason;
2. not a WARC response, not HTTP 200, not HTML, or from a host off the allow-list → skipped;
3. decoded (``read_page``); a page that cannot be read (empty, binary, too large) → failed;
4. not Indonesian (py3langid on a prose sample, ``filters.is_indonesian``) → skipped;
5. extract + facts (``extract_page``) → kept, with its rows; a crash → failed.

``process_partition`` runs it over one partition and writes the partition's part files and
done marker (``parquet.py``); a partition already marked done is not read again, so a task
Dask runs twice (a worker died after finishing it) writes nothing twice.
"""

from __future__ import annotations

import dataclasses
import os
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import pyarrow as pa

from warta.batch import filters, inputs, parquet, rows
from warta.batch.inputs import Partition, Record
from warta.batch.warc import Reader
from warta.errors import WartaError
from warta.extraction import extract_page
from warta.models import Extraction
from warta.page import read_page
from warta.settings import DEFAULT_SETTINGS, Settings

Status = Literal["kept", "skipped", "failed"]


@dataclass(frozen=True, slots=True)
class Options:
    """What every worker needs to know; picklable."""

    domains: frozenset[str] | None = None
    reader: Reader | None = None
    settings: Settings = DEFAULT_SETTINGS


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one record; ``reason`` is a short code, ``message`` names the record."""

    status: Status
    reason: str | None = None
    message: str | None = None
    extraction: Extraction | None = None
    language: str | None = None


@dataclass(slots=True)
class PartitionReport:
    """Counts of one finished partition (its done marker)."""

    id: str
    input: str
    records: int = 0
    kept: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    failed: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    resumed: bool = False

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PartitionReport:
        names = {item.name for item in dataclasses.fields(cls)}
        return cls(**{key: value for key, value in data.items() if key in names})


def process_record(record: Record, options: Options) -> Outcome:
    """Keep, skip or fail one record (the steps in the module docstring)."""
    if record.problem is not None:
        reason, _, detail = record.problem.partition(": ")
        return Outcome("failed", reason, f"{record.record_id}: {detail or reason}")
    if record.warc_type is not None and record.warc_type != "response":
        return Outcome("skipped", "not-a-response")
    if record.status is not None and record.status != 200:
        return Outcome("skipped", "http-status")
    if record.warc_type is not None and not filters.is_html(record.content_type, record.raw):
        return Outcome("skipped", "not-html")
    if not filters.domain_allowed(record.url, options.domains):
        return Outcome("skipped", "domain")
    try:
        page = read_page(record.raw, name=record.url or record.record_id, url=record.url,
                         settings=options.settings)
    except WartaError as exc:
        return Outcome("failed", exc.reason, f"{record.record_id}: {exc.problem}")
    keep, language = filters.is_indonesian(filters.prose_sample(page.text, kind=page.kind),
                                           settings=options.settings)
    if not keep:
        return Outcome("skipped", "language", language=language)
    page = dataclasses.replace(page, fetched=record.fetched)
    try:
        extraction = extract_page(page, settings=options.settings)
    except WartaError as exc:
        return Outcome("failed", exc.reason, f"{record.record_id}: {exc.problem}")
    except Exception as exc:  # a bug on one page must not stop the batch
        return Outcome("failed", "extraction-failed",
                       f"{record.record_id}: extraction failed ({type(exc).__name__}: {exc})")
    return Outcome("kept", extraction=extraction, language=language)


def process_partition(part: Partition, out: str, options: Options) -> PartitionReport:
    """Process one partition and write its parts and done marker (skipped when done)."""
    folder = Path(out)
    done = parquet.read_marker(folder, part.id)
    if done is not None:
        return dataclasses.replace(PartitionReport.from_dict(done), resumed=True)
    started = time.perf_counter()
    report = PartitionReport(part.id, part.input)
    tables: dict[str, list[rows.Row]] = {table: [] for table in rows.TABLES}
    errors: list[dict[str, Any]] = []
    skipped: Counter[str] = Counter()
    for record in inputs.read_partition(part, reader=options.reader):
        report.records += 1
        outcome = _outcome(record, options)
        if outcome.status == "skipped":
            skipped[outcome.reason or "skipped"] += 1
        elif outcome.status == "failed":
            errors.append(_error(record.record_id, record.input, outcome))
        elif outcome.extraction is not None:
            _add_rows(tables, record, outcome)
    for table, data in arrow_tables(tables, errors).items():
        parquet.write_part(folder, table, part.id, data)
    report.kept = len(tables["articles"])  # those that could not be stored are errors now
    report.failed, report.skipped = len(errors), dict(sorted(skipped.items()))
    report.rows = {table: len(table_rows) for table, table_rows in tables.items()}
    report.seconds = round(time.perf_counter() - started, 3)
    parquet.write_marker(folder, part.id, {**report.to_dict(), "pid": os.getpid()}, errors)
    return report


def _outcome(record: Record, options: Options) -> Outcome:
    try:
        return process_record(record, options)
    except Exception as exc:  # a bug on one record must not cost the partition
        return Outcome("failed", "internal-error",
                       f"{record.record_id}: {type(exc).__name__}: {exc}")


def _error(record_id: str, input_name: str, outcome: Outcome) -> dict[str, Any]:
    return {"record_id": record_id, "input": input_name, "reason": outcome.reason,
            "message": outcome.message}


def arrow_tables(tables: dict[str, list[rows.Row]], errors: list[dict[str, Any]]
                 ) -> dict[str, Any]:
    """The Arrow tables of these rows. Should a value not fit its column (an integer beyond
    int64), the records at fault are found one by one, moved to ``errors`` and their rows
    dropped from ``tables``, so the rest of the partition is still written."""
    try:
        return {table: rows.to_table(table, found) for table, found in tables.items()}
    except (pa.ArrowException, OverflowError, TypeError):
        pass
    bad: dict[str, str] = {}
    for row in tables["articles"]:
        record_id = row["record_id"]
        try:
            for table, found in tables.items():
                rows.to_table(table, [r for r in found if r["record_id"] == record_id])
        except (pa.ArrowException, OverflowError, TypeError) as exc:
            bad[record_id] = row["input"]
            errors.append(_error(record_id, row["input"], Outcome(
                "failed", "unstorable", f"{record_id}: a value does not fit its Parquet "
                f"column ({type(exc).__name__}: {exc})")))
    for found in tables.values():
        found[:] = [row for row in found if row["record_id"] not in bad]
    return {table: rows.to_table(table, found) for table, found in tables.items()}


def _add_rows(tables: dict[str, list[rows.Row]], record: Record, outcome: Outcome) -> None:
    extraction = outcome.extraction
    assert extraction is not None
    tables["articles"].append(rows.article_row(
        extraction, record.raw, record_id=record.record_id, input_name=record.input,
        language=outcome.language or "und"))
    for table, fact_rows in rows.fact_rows(extraction, record_id=record.record_id).items():
        tables[table] += fact_rows
