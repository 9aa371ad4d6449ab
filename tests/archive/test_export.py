"""Export (warta.archive.export): every record kind in every format, read back; PLOVER shape."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tests.archive.search_corpus import article_ids, corpus_url
from warta.archive import Archive, open_archive
from warta.archive.export import COLUMNS, WHATS, ExportError, What, export, records
from warta.archive.query import Filters

__all__ = ["corpus_url"]
DOCS = Path(__file__).resolve().parents[2] / "docs" / "export.md"


@pytest.fixture(scope="module")
def corpus(corpus_url: str) -> Iterator[Archive]:
    with open_archive(corpus_url) as archive:
        yield archive


def _csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("what", WHATS)
def test_every_format_reads_back_the_same_records(corpus: Archive, tmp_path: Path,
                                                  what: What) -> None:
    expected = list(records(corpus, what))
    assert expected and all(list(row) == [c.name for c in COLUMNS[what]] for row in expected)
    jsonl = io.StringIO()
    assert export(corpus, what=what, fmt="jsonl", out=jsonl) == len(expected)
    assert [json.loads(line) for line in jsonl.getvalue().splitlines()] == expected
    assert export(corpus, what=what, fmt="parquet", out=tmp_path / "x.parquet") == len(expected)
    table = pq.read_table(tmp_path / "x.parquet")
    assert table.column_names == [c.name for c in COLUMNS[what]]
    assert table.to_pylist() == expected
    assert export(corpus, what=what, fmt="csv", out=tmp_path / "x.csv") == len(expected)
    rows = _csv_rows((tmp_path / "x.csv").read_text(encoding="utf-8"))
    assert len(rows) == len(expected) and list(rows[0]) == [c.name for c in COLUMNS[what]]
    lists = [c.name for c in COLUMNS[what] if c.kind == "list"]
    for row, want in zip(rows, expected, strict=True):
        assert all(row[name] == ";".join(want[name]) for name in lists)
    assert not list(tmp_path.glob("*.part"))


def test_events_are_plover_records(corpus: Archive, corpus_url: str) -> None:
    ids = article_ids(corpus_url)
    rows = list(records(corpus, "events", Filters.parse(country="ISR")))
    assert len(rows) == 2
    by_outlet = {row["source"]: row for row in rows}
    origin = by_outlet["WartaKita.id"]
    assert re.fullmatch(r"warta-[0-9a-f]{16}-0", origin["event_id"])
    assert origin["event_id"] != by_outlet["KabarDesa.com"]["event_id"]
    assert (origin["event_type"], origin["mode"], origin["source_actor"],
            origin["target_actor"], origin["mediator_actor"]) == (
        "ASSAULT", None, ["ISR"], ["PSE"], [])
    assert (origin["story_date"], origin["location"], origin["language"]) == (
        "2025-03-02", "Gaza utara", "id")
    assert origin["article_id"] == ids["serangan-gaza"] and origin["is_origin"] is True
    assert by_outlet["KabarDesa.com"]["is_origin"] is False
    assert origin["evidence"].startswith("Israel kembali menyerang")


def test_filters_apply_per_event_and_per_article(corpus: Archive) -> None:
    arrests = list(records(corpus, "events", Filters.parse(event_type="COERCE")))
    assert {row["event_type"] for row in arrests} == {"COERCE"} and len(arrests) == 2
    garut = list(records(corpus, "articles", Filters.parse(entity="Garut")))
    assert {row["title"] for row in garut} == {
        "Polisi Tangkap Dua Tersangka Penyerangan Pos Ronda di Garut",
        "Banjir Bandang Rendam Ratusan Rumah di Garut"}
    killed = list(records(corpus, "quantities", Filters(origins_only=True), query="gaza"))
    assert [(row["kind"], row["value"], row["qualifier"]) for row in killed] == [
        ("killed", 14, "at_least")]
    named = list(records(corpus, "entities", Filters.parse(outlet="SuaraPesisir.net")))
    hendra = next(row for row in named if row["name"] == "Hendra Wiratama")
    assert hendra["type"] == "PER" and "Hendra" in hendra["mentions"]


def test_parquet_needs_a_file_and_a_missing_folder_is_one_line(corpus: Archive,
                                                               tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="not written to standard output"):
        export(corpus, what="events", fmt="parquet", out=None)
    with pytest.raises(ExportError, match="does not exist"):
        export(corpus, what="events", fmt="csv", out=tmp_path / "tidak" / "ada.csv")
    with pytest.raises(ExportError, match="unknown record kind"):
        export(corpus, what="orang", fmt="csv", out=None)  # type: ignore[arg-type]


def test_docs_describe_every_exported_column() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for what, columns in COLUMNS.items():
        section = text.split(f"## {what}", 1)[1].split("\n## ", 1)[0]
        for column in columns:
            assert f"| `{column.name}` |" in section, (what, column.name)
