"""Reading a batch output back for comparisons."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow.dataset as ds

from warta.batch.rows import TABLES


def sorted_tables(out: Path) -> dict[str, list[dict[str, Any]]]:
    """Every table's rows, sorted by record and position (row order across parts is free)."""
    return {table: sorted(ds.dataset(out / table, format="parquet").to_table().to_pylist(),
                          key=lambda row: (row["record_id"], row.get("position", 0)))
            for table in TABLES}


def manifest(out: Path) -> dict[str, Any]:
    found: dict[str, Any] = json.loads((out / "manifest.json").read_text("utf-8"))
    return found


def errors(out: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (out / "errors.jsonl").read_text("utf-8").splitlines()]
