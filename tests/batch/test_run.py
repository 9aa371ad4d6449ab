"""One partition in this process: a record that breaks fails alone, the rest is written."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from tests.batch.helpers import sorted_tables
from tests.batch.warcs import indonesian, write_warc
from warta.batch import run
from warta.batch.inputs import plan
from warta.batch.parquet import errors_path
from warta.models import Extraction, Facts, Quantity


def _one_partition(tmp_path: Path, pages: int = 3) -> run.Partition:
    warc = write_warc(tmp_path / "a.warc.gz", [indonesian(i) for i in range(pages)], gzip=True)
    [part], _ = plan([str(warc)], size=100)
    return part


def _errors(out: Path, part: run.Partition) -> list[str]:
    return errors_path(out, part.id).read_text().splitlines()


def test_a_value_too_big_for_its_column_fails_that_record_only(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = run.extract_page

    def huge_number_on_page_1(page: Any, **kwargs: Any) -> Extraction:
        extraction = real(page, **kwargs)
        if page.url != indonesian(1).url:
            return extraction
        return dataclasses.replace(extraction, facts=Facts(
            quantities=(Quantity(kind="killed", value=2**70),)))

    monkeypatch.setattr(run, "extract_page", huge_number_on_page_1)
    part, out = _one_partition(tmp_path), tmp_path / "out"
    report = run.process_partition(part, str(out), run.Options())
    assert (report.kept, report.failed) == (2, 1)
    [line] = _errors(out, part)
    assert '"reason": "unstorable"' in line and "does not fit" in line
    urls = {row["url"] for row in sorted_tables(out)["articles"]}
    assert urls == {indonesian(0).url, indonesian(2).url}
    assert not sorted_tables(out)["quantities"]


def test_a_crash_on_one_record_fails_that_record_only(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = run.filters.is_indonesian

    def crash_on_page_2(sample: str, **kwargs: Any) -> tuple[bool, str]:
        if "nomor 2." in sample:
            raise RuntimeError("boom")
        return real(sample, **kwargs)

    monkeypatch.setattr(run.filters, "is_indonesian", crash_on_page_2)
    part, out = _one_partition(tmp_path), tmp_path / "out"
    report = run.process_partition(part, str(out), run.Options())
    assert (report.records, report.kept, report.failed) == (4, 2, 1)
    [line] = _errors(out, part)
    assert '"reason": "internal-error"' in line and "RuntimeError: boom" in line


def test_a_partition_marked_done_is_not_done_again(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    part, out = _one_partition(tmp_path, pages=2), tmp_path / "out"
    first = run.process_partition(part, str(out), run.Options())
    monkeypatch.setattr(run, "extract_page", None)  # would fail if anything were extracted
    again = run.process_partition(part, str(out), run.Options())
    assert again.resumed and dataclasses.replace(again, resumed=False) == first
