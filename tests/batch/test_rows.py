"""Extraction → Parquet rows → Extraction gives back the same record."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pyarrow.parquet as pq
from hypothesis import given, settings
from hypothesis import strategies as st

import warta
from tests.archive.pages import page_html
from warta.batch import rows
from warta.models import Attribution, Entity, Event, Extraction, Facts, Quantity

_TEXT = st.text(max_size=20)
_OPT = st.none() | _TEXT
_TEXTS = st.lists(_TEXT, max_size=3).map(tuple)
FACTS = st.builds(
    Facts,
    entities=st.lists(st.builds(Entity, name=_TEXT, type=st.sampled_from(["PER", "ORG", "GPE"]),
                                mentions=_TEXTS, country=_OPT, role=_OPT), max_size=3).map(tuple),
    events=st.lists(st.builds(Event, type=_TEXT, mode=_OPT, actors=_TEXTS, recipients=_TEXTS,
                              mediators=_TEXTS, date=_OPT, location=_OPT, source=_OPT,
                              historical=st.booleans(), evidence=_TEXT), max_size=3).map(tuple),
    quantities=st.lists(st.builds(Quantity, kind=_TEXT, value=st.integers(-2**62, 2**62),
                                  qualifier=st.sampled_from(["exact", "at_least", "approx"]),
                                  who=_OPT, country=_OPT, source=_OPT,
                                  historical=st.booleans()), max_size=3).map(tuple),
    attributions=st.lists(st.builds(Attribution, speaker=_TEXT, cue=_TEXT,
                                    direct=st.booleans(), paragraph=st.integers(0, 99)),
                          max_size=3).map(tuple))
RAW = page_html(7).encode()
URL = "https://warta.example.id/berita/7"


def _extraction() -> Extraction:
    page = dataclasses.replace(warta.read_page(RAW, name=URL, url=URL),
                               fetched="2026-03-01T10:00:00Z")
    return warta.extract_page(page)


BASE = _extraction()


def _through_parquet(extraction: Extraction, folder: Path) -> Extraction:
    article = rows.article_row(extraction, RAW, record_id="r1", input_name="a.warc.gz",
                               language="id")
    pq.write_table(rows.to_table("articles", [article]), folder / "articles.parquet")
    facts = rows.fact_rows(extraction, record_id="r1")
    for table, table_rows in facts.items():
        pq.write_table(rows.to_table(table, table_rows), folder / f"{table}.parquet")
    [read_back] = pq.read_table(folder / "articles.parquet").to_pylist()
    by_table = {table: pq.read_table(folder / f"{table}.parquet").to_pylist()
                for table in facts}
    return rows.extraction_from_rows(read_back, by_table)


def test_a_real_extraction_survives_parquet(tmp_path: Path) -> None:
    assert BASE.facts.entities and BASE.facts.events  # the page has facts to carry
    assert _through_parquet(BASE, tmp_path) == BASE


@settings(max_examples=40, deadline=None)
@given(facts=FACTS, problems=_TEXTS)
def test_any_facts_survive_parquet(tmp_path_factory: object, facts: Facts,
                                   problems: tuple[str, ...]) -> None:
    folder = tmp_path_factory.mktemp("rows")  # type: ignore[attr-defined]
    extraction = dataclasses.replace(BASE, facts=facts, problems=problems)
    assert _through_parquet(extraction, folder) == extraction


def test_columns_are_plain_types() -> None:
    allowed = {"string", "int64", "bool", "binary", "list<item: string>"}
    for table, schema in rows.SCHEMAS.items():
        assert schema.names[0] == "record_id", table
        assert {str(field.type) for field in schema} <= allowed, table
