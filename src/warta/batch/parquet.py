"""The output folder: part files per table, done markers, errors.jsonl and manifest.json.

    OUT/articles/part-<partition>.parquet      one part per partition and table (also
    OUT/entities/ … OUT/attributions/          when empty, so every table has a schema)
    OUT/_partitions/<partition>.json           done marker: the partition's counts
    OUT/_partitions/<partition>.errors.jsonl   its bad records
    OUT/errors.jsonl, OUT/manifest.json        written at the end of every run

A part is written under a temporary name and renamed into place, and the done marker is
written (the same way) only after all parts of its partition: a partition without a marker
is done again from scratch, and its parts are replaced, so a killed run leaves no half
partition in the output. Names starting with ``_`` or ``.`` are not part of the datasets
(pyarrow.dataset, DuckDB, Spark skip them).
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from warta.batch.rows import TABLES

MARKERS = "_partitions"
# zstd: much smaller than snappy on text and raw HTML, and read by every engine of note.
COMPRESSION = "zstd"


def part_path(out: Path, table: str, partition_id: str) -> Path:
    return out / table / f"part-{partition_id}.parquet"


def marker_path(out: Path, partition_id: str) -> Path:
    return out / MARKERS / f"{partition_id}.json"


def errors_path(out: Path, partition_id: str) -> Path:
    return out / MARKERS / f"{partition_id}.errors.jsonl"


def write_part(out: Path, table: str, partition_id: str, data: pa.Table) -> None:
    final = part_path(out, table, partition_id)
    final.parent.mkdir(parents=True, exist_ok=True)
    temp = final.with_name(f".{final.name}.{uuid.uuid4().hex}.tmp")
    pq.write_table(data, temp, compression=COMPRESSION)
    temp.replace(final)


def write_text(path: Path, text: str) -> None:
    """Write a file whole or not at all (temporary name, fsync, rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    with temp.open("w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    temp.replace(path)


def write_marker(out: Path, partition_id: str, report: dict[str, Any],
                 errors: Sequence[dict[str, Any]]) -> None:
    write_text(errors_path(out, partition_id), "".join(
        json.dumps(error, ensure_ascii=False) + "\n" for error in errors))
    write_text(marker_path(out, partition_id), json.dumps(report, ensure_ascii=False))


def read_marker(out: Path, partition_id: str) -> dict[str, Any] | None:
    """The report of a finished partition, or None when it is not done."""
    try:
        found: dict[str, Any] = json.loads(marker_path(out, partition_id).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return found


def foreign_parts(out: Path, partition_ids: Iterable[str]) -> list[str]:
    """Part files and markers in ``out`` that belong to none of these partitions."""
    known = set(partition_ids)
    found = [path for table in TABLES for path in (out / table).glob("part-*.parquet")
             if path.name[len("part-"):-len(".parquet")] not in known]
    found += [path for path in (out / MARKERS).glob("*.json")
              if path.name[:-len(".json")] not in known]
    return sorted(str(path) for path in found)


def remove_leftovers(out: Path) -> int:
    """Delete temporary files a killed run left behind; returns how many."""
    found = [path for folder in (*TABLES, MARKERS) for path in (out / folder).glob(".*.tmp")]
    found += list(out.glob(".*.tmp"))
    for path in found:
        path.unlink(missing_ok=True)
    return len(found)


def merge_errors(out: Path, partition_ids: Iterable[str], extra: Iterable[dict[str, Any]]
                 ) -> int:
    """Write OUT/errors.jsonl: input-level problems, then each partition's, in plan order."""
    lines = [json.dumps(error, ensure_ascii=False) + "\n" for error in extra]
    for partition_id in partition_ids:
        path = errors_path(out, partition_id)
        if path.exists():
            lines += path.read_text("utf-8").splitlines(keepends=True)
    write_text(out / "errors.jsonl", "".join(lines))
    return len(lines)


def write_manifest(out: Path, manifest: dict[str, Any]) -> None:
    write_text(out / "manifest.json", json.dumps(manifest, indent=1, ensure_ascii=False) + "\n")
