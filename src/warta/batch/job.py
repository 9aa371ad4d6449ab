"""One batch run, start to end (``run_batch``):

1. expand the inputs (folders → their WARC, JSONL and page files) and plan the partitions
   (``inputs.plan``: WARC files are scanned once, headers only, for record offsets);
2. refuse an output folder holding partitions of another plan (other inputs or partition
   size): mixing them would duplicate rows; delete temporary files a killed run left;
3. process every partition not yet done, on Dask or in this process (``cluster.py``; no
   cluster is started when all are done); a partition that fails as a whole (its worker
   died too often, a full disk) is reported and left for the next run;
4. write OUT/errors.jsonl (bad inputs, then bad records, in plan order) and OUT/manifest.json
   (inputs, partitions, counts, warta version, timings).

Run again with the same inputs and OUT, it skips the partitions marked done and ends with
the output an uninterrupted run would have written.
"""

from __future__ import annotations

import dataclasses
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from warta.batch import inputs, parquet
from warta.batch.cluster import (
    SYNCHRONOUS,
    open_client,
    run_here,
    run_partitions,
)
from warta.batch.inputs import Partition
from warta.batch.rows import TABLES
from warta.batch.run import Options, PartitionReport
from warta.errors import WartaError

# Records per partition: a task of a few seconds to a minute, enough for the scheduler's
# per-task cost to vanish, small enough to spread a single WARC file over the workers.
PARTITION_SIZE = 200


class BatchError(WartaError):
    """The batch cannot start (bad output folder, no inputs)."""

    reason = "batch"


@dataclass(slots=True)
class BatchCallbacks:
    """Hooks for a progress display: the plan, the cluster's dashboard, each partition."""

    on_plan: Callable[[Sequence[Partition]], None] = lambda parts: None
    on_cluster: Callable[[str | None], None] = lambda link: None
    on_partition: Callable[[Partition, PartitionReport | BaseException], None] = \
        lambda part, result: None


@dataclass(slots=True)
class BatchResult:
    manifest: dict[str, Any]
    failed_partitions: list[str] = field(default_factory=list)


def run_batch(paths: Sequence[str], out: str | Path, *, scheduler: str | None = None,
              workers: int = 2, partition_size: int = PARTITION_SIZE,
              options: Options | None = None, callbacks: BatchCallbacks | None = None
              ) -> BatchResult:
    """Run the batch over ``paths`` into ``out`` (the steps in the module docstring)."""
    hooks = callbacks or BatchCallbacks()
    options = options or Options()
    started = time.perf_counter()
    folder = Path(out)
    inside = folder.resolve()  # an --out inside an input folder is output, not input
    names = [name for name in inputs.expand(paths)
             if not Path(name).resolve().is_relative_to(inside)]
    if not names:
        raise BatchError(", ".join(paths) or "-", "no WARC, JSONL or page files to read")
    missing = [name for name in names if not Path(name).is_file()]
    if missing:
        raise BatchError(missing[0], "no such file" + (
            f" (and {len(missing) - 1} more missing inputs)" if len(missing) > 1 else ""))
    parts, problems = inputs.plan(names, size=partition_size, reader=options.reader)
    planned = time.perf_counter()
    _check_output(folder, parts)
    parquet.remove_leftovers(folder)
    hooks.on_plan(parts)
    reports: dict[str, PartitionReport] = {}
    failures: dict[str, str] = {}

    def done(part: Partition, result: PartitionReport | BaseException) -> None:
        if isinstance(result, PartitionReport) and parquet.read_marker(folder, part.id) is None:
            result = BatchError(str(folder), "a worker wrote this partition where this "
                                "machine cannot see it: --out must be storage every worker "
                                "and this machine share")
        if isinstance(result, PartitionReport):
            reports[part.id] = result
        else:
            failures[part.id] = f"{type(result).__name__}: {result}"
        hooks.on_partition(part, result)

    todo = []
    for part in parts:  # done by an earlier run: not sent to the cluster at all
        marker = parquet.read_marker(folder, part.id)
        if marker is None:
            todo.append(part)
        else:
            done(part, dataclasses.replace(PartitionReport.from_dict(marker), resumed=True))
    if scheduler == SYNCHRONOUS or not todo:
        hooks.on_cluster(None)
        run_here(todo, out=str(folder), options=options, on_done=done)
    else:
        with open_client(scheduler, workers=workers) as (client, dashboard):
            hooks.on_cluster(dashboard)
            run_partitions(client, todo, out=str(folder), options=options, on_done=done)
    ran = time.perf_counter()
    extra = [{"record_id": None, "input": p.input, "reason": p.reason, "message": p.message}
             for p in problems]
    errors = parquet.merge_errors(folder, [part.id for part in parts], extra)
    manifest = _manifest(names, parts, reports, failures, errors=errors, options=options,
                         settings={"scheduler": scheduler or f"LocalCluster({workers})",
                                   "partition_size": partition_size},
                         timings={"plan_s": planned - started, "run_s": ran - planned,
                                  "total_s": time.perf_counter() - started})
    parquet.write_manifest(folder, manifest)
    return BatchResult(manifest, sorted(failures))


def _check_output(folder: Path, parts: Sequence[Partition]) -> None:
    if folder.exists() and not folder.is_dir():
        raise BatchError(str(folder), "is a file, not a folder for the output")
    foreign = parquet.foreign_parts(folder, [part.id for part in parts])
    if foreign:
        raise BatchError(str(folder), f"holds {len(foreign)} part files of another run "
                         f"(other inputs or --partition-size), e.g. {foreign[0]}: "
                         "use a new --out folder, or the inputs and size of that run")


def _manifest(names: Sequence[str], parts: Sequence[Partition],
              reports: dict[str, PartitionReport], failures: dict[str, str], *, errors: int,
              options: Options, settings: dict[str, Any], timings: dict[str, float]
              ) -> dict[str, Any]:
    from warta import __version__

    skipped: Counter[str] = Counter()
    rows: Counter[str] = Counter()
    for report in reports.values():
        skipped.update(report.skipped)
        rows.update(report.rows)
    return {
        "warta_version": __version__,
        "finished_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "complete": not failures,
        "inputs": _inputs_entry(names),
        "settings": {**settings, "reader": options.reader or "auto",
                     "domains": sorted(options.domains) if options.domains else None},
        "counts": {
            "records": sum(r.records for r in reports.values()),
            "kept": sum(r.kept for r in reports.values()),
            "skipped": dict(sorted(skipped.items())),
            "errors": errors,
            "rows": {table: rows[table] for table in TABLES},
            "partitions": len(parts), "partitions_resumed":
                sum(r.resumed for r in reports.values()),
            "partitions_failed": len(failures),
        },
        "timings": {key: round(value, 3) for key, value in timings.items()},
        "partitions": [_partition_entry(part, reports.get(part.id), failures.get(part.id))
                       for part in parts],
    }


def _inputs_entry(names: Sequence[str]) -> list[dict[str, Any]]:
    """WARC and JSONL files one by one; loose pages as one entry (there may be millions)."""
    files = [{"path": name, "kind": kind, "bytes": Path(name).stat().st_size}
             for name in names if (kind := inputs.input_kind(name)) != "pages"]
    pages = [name for name in names if inputs.input_kind(name) == "pages"]
    if pages:
        files.append({"path": None, "kind": "pages", "files": len(pages),
                      "bytes": sum(Path(name).stat().st_size for name in pages)})
    return files


def _partition_entry(part: Partition, report: PartitionReport | None, failure: str | None
                     ) -> dict[str, Any]:
    entry: dict[str, Any] = {"id": part.id, "kind": part.kind, "input": part.input,
                             "start": part.start, "count": part.count}
    if report is not None:
        entry.update(status="done", records=report.records, kept=report.kept,
                     skipped=report.skipped, failed=report.failed, rows=report.rows,
                     seconds=report.seconds, resumed=report.resumed)
    else:
        entry.update(status="failed", reason=failure)
    return entry
