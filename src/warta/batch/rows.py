"""Extraction ⇄ Parquet rows: the five tables of a batch output and the way back.

Every table is keyed by ``record_id`` (the WARC-Record-ID, the page path, or JSONL
``file@offset+n``); fact tables add ``position``, the fact's place in its article. Columns
are plain Parquet types (string, int64, bool, binary, list<string>) so pyarrow.dataset,
DuckDB and Spark read them as they are; docs/batch.md lists them.

``articles`` keeps the raw page (``raw``, as served) and what is needed to rebuild the
``Extraction`` (``extraction_from_rows``), so ``warta ingest --from-parquet`` stores pages in
the archive without extracting them again.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pyarrow as pa

from warta.models import (
    CHROME_LISTS,
    Article,
    Attribution,
    Chrome,
    Entity,
    Event,
    Extraction,
    Facts,
    Quantity,
)
from warta.page import read_page

Row = dict[str, Any]
_TEXT_LIST = pa.list_(pa.string())
FACT_TYPES: dict[str, type] = {"entities": Entity, "events": Event, "quantities": Quantity,
                               "attributions": Attribution}
TABLES = ("articles", *FACT_TYPES)

ARTICLES = pa.schema([
    ("record_id", pa.string()), ("input", pa.string()), ("name", pa.string()),
    ("url", pa.string()), ("fetched", pa.string()), ("id", pa.string()),
    ("kind", pa.string()), ("encoding", pa.string()), ("truncated", pa.bool_()),
    ("language", pa.string()), ("content_hash", pa.string()),
    ("title", pa.string()), ("body", _TEXT_LIST), ("published", pa.string()),
    ("outlet", pa.string()), ("wire_sources", _TEXT_LIST), ("authors", _TEXT_LIST),
    *[(f"chrome_{name}", _TEXT_LIST) for name in CHROME_LISTS],
    ("problems", _TEXT_LIST), ("has_story", pa.bool_()), ("raw", pa.binary()),
])


def _fact_schema(record_type: type) -> pa.Schema:
    """record_id, position, then the dataclass fields with their plain Parquet types."""
    kinds = {"str": pa.string(), "str | None": pa.string(), "int": pa.int64(),
             "bool": pa.bool_(), "tuple[str, ...]": _TEXT_LIST}
    columns = [("record_id", pa.string()), ("position", pa.int64())]
    for item in dataclasses.fields(record_type):
        kind = str(item.type)
        columns.append((item.name, kinds.get(kind, pa.string())))
    return pa.schema(columns)


SCHEMAS: dict[str, pa.Schema] = {"articles": ARTICLES, **{
    table: _fact_schema(record_type) for table, record_type in FACT_TYPES.items()}}


def article_row(extraction: Extraction, raw: bytes, *, record_id: str, input_name: str,
                language: str) -> Row:
    page, article = extraction.page, extraction.article
    return {
        "record_id": record_id, "input": input_name, "name": page.name, "url": page.url,
        "fetched": page.fetched, "id": extraction.id, "kind": page.kind,
        "encoding": page.encoding, "truncated": page.truncated, "language": language,
        "content_hash": hashlib.sha256(raw).hexdigest(), "title": article.title,
        "body": list(article.body), "published": article.published,
        "outlet": article.outlet, "wire_sources": list(article.wire_sources),
        "authors": list(article.authors),
        **{f"chrome_{name}": list(getattr(extraction.chrome, name)) for name in CHROME_LISTS},
        "problems": list(extraction.problems), "has_story": extraction.has_story, "raw": raw,
    }


def fact_rows(extraction: Extraction, *, record_id: str) -> dict[str, list[Row]]:
    """The rows of the four fact tables for one extraction."""
    out: dict[str, list[Row]] = {}
    for table in FACT_TYPES:
        records = getattr(extraction.facts, table)
        out[table] = [{"record_id": record_id, "position": position,
                       **{item.name: _plain(getattr(record, item.name))
                          for item in dataclasses.fields(record)}}
                      for position, record in enumerate(records)]
    return out


def to_table(table: str, rows: Sequence[Row]) -> pa.Table:
    schema = SCHEMAS[table]
    return pa.Table.from_pydict({name: [row[name] for row in rows] for name in schema.names},
                                schema=schema)


def extraction_from_rows(article: Mapping[str, Any], facts: Mapping[str, Iterable[Row]]
                         ) -> Extraction:
    """The ``Extraction`` a batch wrote as these rows (``facts``: rows per fact table).

    The page is decoded again from ``raw`` (reading, not extracting: the text syndication
    needs); everything extracted comes from the rows.
    """
    page = read_page(bytes(article["raw"]), name=article["name"], url=article["url"])
    page = dataclasses.replace(page, fetched=article["fetched"])
    return Extraction(
        id=article["id"], page=page,
        article=Article(title=article["title"], body=tuple(article["body"] or ()),
                        published=article["published"], outlet=article["outlet"],
                        wire_sources=tuple(article["wire_sources"] or ()),
                        authors=tuple(article["authors"] or ())),
        chrome=Chrome(**{name: tuple(article[f"chrome_{name}"] or ())
                         for name in CHROME_LISTS}),
        facts=Facts(**{table: tuple(_record(FACT_TYPES[table], row) for row in sorted(
            facts.get(table, ()), key=lambda row: int(row["position"])))
            for table in FACT_TYPES}),
        problems=tuple(article["problems"] or ()))


def _record(record_type: type, row: Mapping[str, Any]) -> Any:
    values = {}
    for item in dataclasses.fields(record_type):
        value = row[item.name]
        values[item.name] = tuple(value) if isinstance(value, list) else value
    return record_type(**values)


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value
