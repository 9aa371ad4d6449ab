"""Export: articles, events, entities or quantities as CSV, JSON Lines or Parquet.

    >>> from warta.archive.export import export
    >>> export(archive, what="events", fmt="jsonl", out=sys.stdout,   # doctest: +SKIP
    ...        filters=Filters.parse(country="ISR"))

Steps (``export``):
1. the articles under the filters (``query.article_where``; for events the type and the
   country apply to each event, as in ``query.events``), read ``BATCH`` ids at a time in id
   order, so memory stays flat on any archive size;
2. the records of those articles (``RECORDS[what]``): one row per article, per event (the
   PLOVER-compatible shape of docs/export.md), per entity named in an article, or per
   counted quantity;
3. written as they come: CSV (a header row; lists joined by ``;``; true/false; empty for
   null), JSON Lines (one object per line, lists as lists), or Parquet (typed columns, lists
   as list<string>, one row group per batch). A file is written beside its target and moved
   into place at the end, so a failed export never leaves half a file under the name asked.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Literal

from warta.archive.base import Archive, decode_row
from warta.archive.query import Filters, _in, _Where, article_where, event_where, parse_query
from warta.errors import WartaError

What = Literal["articles", "events", "entities", "quantities"]
Format = Literal["csv", "jsonl", "parquet"]
WHATS: tuple[What, ...] = ("articles", "events", "entities", "quantities")
FORMATS: tuple[Format, ...] = ("csv", "jsonl", "parquet")
BATCH = 500            # articles read per round trip
LIST_SEPARATOR = ";"   # how CSV writes a list (codes and names never contain it)
Kind = Literal["int", "float", "str", "bool", "list"]
Row = dict[str, Any]


class ExportError(WartaError):
    """An export that cannot be written as asked; the message says what to do instead."""

    reason = "export"


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    kind: Kind
    doc: str


def _columns(*spec: tuple[str, Kind, str]) -> tuple[Column, ...]:
    return tuple(Column(name, kind, doc) for name, kind, doc in spec)


COLUMNS: dict[What, tuple[Column, ...]] = {
    "articles": _columns(
        ("article_id", "int", "archive id of the article"),
        ("story_id", "int", "syndicated story it belongs to (warta story ID)"),
        ("is_origin", "bool", "true for the copy of its story that ran first"),
        ("published", "str", "publication date or time, ISO 8601"),
        ("outlet", "str", "publishing outlet"),
        ("title", "str", "headline"),
        ("url", "str", "page URL, when known"),
        ("authors", "list", "bylines"),
        ("wire_sources", "list", "credited wire agencies (Antara, Reuters, …)"),
        ("content_hash", "str", "sha256 of the raw page as ingested"),
        ("body", "str", "article text, paragraphs separated by a blank line")),
    "events": _columns(
        ("event_id", "str", "stable id: warta-<first 16 hex of the page hash>-<position>"),
        ("story_date", "str", "publication date of the reporting article (YYYY-MM-DD)"),
        ("date", "str", "date of the event itself when the text gives it (may be YYYY-MM)"),
        ("event_type", "str", "PLOVER 2.0 type (ASSAULT, PROTEST, …)"),
        ("mode", "str", "PLOVER 2.0 mode of that type, or empty"),
        ("source_actor", "list", "doers: ISO3 codes, IGO:<name>, NGO:<name>"),
        ("target_actor", "list", "those acted upon (PLOVER recipients), same codes"),
        ("mediator_actor", "list", "third parties brokering, same codes"),
        ("location", "str", "where it happened, as written"),
        ("historical", "bool", "true for background events well before the story"),
        ("evidence", "str", "short verbatim piece of the sentence"),
        ("attributed_to", "str", "who the article credits for the claim"),
        ("source", "str", "publishing outlet (the news source)"),
        ("title", "str", "headline of the reporting article"),
        ("url", "str", "page URL, when known"),
        ("article_id", "int", "archive id of the reporting article"),
        ("story_id", "int", "syndicated story of that article"),
        ("is_origin", "bool", "true when the article is its story's first copy"),
        ("language", "str", "language of the text: id")),
    "entities": _columns(
        ("article_id", "int", "archive id of the article naming it"),
        ("entity_id", "int", "archive id of the canonical entity"),
        ("name", "str", "canonical name"),
        ("type", "str", "PER, ORG, GPE or LOC"),
        ("country", "str", "ISO3 code, when known"),
        ("role", "str", "role or office given in this article"),
        ("mention_count", "int", "times named in this article"),
        ("mentions", "list", "surface forms in this article"),
        ("published", "str", "publication date of the article"),
        ("outlet", "str", "publishing outlet")),
    "quantities": _columns(
        ("article_id", "int", "archive id of the article"),
        ("position", "int", "order in the article"),
        ("kind", "str", "killed, injured, displaced, detained, …"),
        ("value", "int", "the number"),
        ("qualifier", "str", "exact, at_least, at_most or approx"),
        ("who", "str", "who was counted, as written"),
        ("country", "str", "ISO3 code of those counted, when known"),
        ("attributed_to", "str", "who the article credits for the number"),
        ("historical", "bool", "true for figures of earlier events"),
        ("published", "str", "publication date of the article"),
        ("outlet", "str", "publishing outlet"),
        ("url", "str", "page URL, when known")),
}


def export(archive: Archive, *, what: What, fmt: Format, out: str | Path | IO[str] | None,
           filters: Filters | None = None, query: str | None = None) -> int:
    """Write the records of ``what`` under ``filters`` as ``fmt``; return the row count.

    ``out`` is a file path, an open text stream, or None for standard output (not for
    Parquet, which is binary and needs a file).
    """
    if what not in WHATS:
        raise ExportError("--what", f"unknown record kind {what!r}; one of {', '.join(WHATS)}")
    if fmt not in FORMATS:
        raise ExportError("--format", f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    if fmt == "parquet" and (out is None or not isinstance(out, str | Path)):
        raise ExportError("--format parquet", "Parquet is binary and is not written to "
                          "standard output: give a file with -o FILE.parquet")
    batches = record_batches(archive, what, filters or Filters(), query=query)
    if fmt == "parquet":
        assert isinstance(out, str | Path)
        return _to_file(Path(out), lambda path: write_parquet(batches, what, path))
    writer = write_csv if fmt == "csv" else write_jsonl
    if out is None or not isinstance(out, str | Path):
        stream = out if out is not None else _stdout()
        return writer(batches, what, stream)

    def write_text(path: Path) -> int:
        with path.open("w", encoding="utf-8", newline="") as handle:
            return writer(batches, what, handle)

    return _to_file(Path(out), write_text)


def _stdout() -> IO[str]:
    import sys

    return sys.stdout


def _to_file(target: Path, write: Callable[[Path], int]) -> int:
    """Write to ``target.part`` and move it into place only when the writer finished."""
    folder = target.parent if str(target.parent) else Path()
    if not folder.is_dir():
        raise ExportError(str(target), f"folder {folder} does not exist")
    part = target.with_name(target.name + ".part")
    try:
        count = write(part)
        part.replace(target)
    except OSError as exc:
        raise ExportError(str(target), f"cannot be written ({exc.strerror or exc})") from exc
    finally:
        part.unlink(missing_ok=True)
    return count


# --- records -----------------------------------------------------------------------------


def record_batches(archive: Archive, what: What, filters: Filters, *,
                   query: str | None = None) -> Iterator[list[Row]]:
    """Lists of records (dicts with the keys of ``COLUMNS[what]``), in article id order."""
    parsed = parse_query(query) if query else None
    where = article_where(archive, filters, query=parsed, event_level=what == "events")
    read = RECORDS[what]
    for ids in _article_ids(archive, where):
        rows = read(archive, ids, filters)
        if rows:
            yield rows


def records(archive: Archive, what: What, filters: Filters | None = None, *,
            query: str | None = None) -> Iterator[Row]:
    """The records of ``what`` one by one (for the web UI and scripts)."""
    for batch in record_batches(archive, what, filters or Filters(), query=query):
        yield from batch


def _article_ids(archive: Archive, where: _Where) -> Iterator[list[int]]:
    last = 0
    while True:
        rows = archive.fetchall(f"SELECT a.id FROM articles a WHERE {where.sql()} AND a.id > ?"
                                " ORDER BY a.id LIMIT ?", (*where.params, last, BATCH))
        if not rows:
            return
        ids = [int(row["id"]) for row in rows]
        yield ids
        last = ids[-1]


_ORIGIN = ("EXISTS (SELECT 1 FROM stories s WHERE s.id = a.story_id"
           " AND s.origin_article_id = a.id)")


def _article_records(archive: Archive, ids: Sequence[int], filters: Filters) -> list[Row]:
    rows = archive.fetchall(
        f"SELECT a.id AS article_id, a.story_id, {_ORIGIN} AS is_origin, a.published,"
        " a.outlet, a.title, p.url, a.authors, a.wire_sources, p.content_hash, a.body"
        f" FROM articles a JOIN pages p ON p.id = a.page_id WHERE {_in('a.id', ids)}"
        " ORDER BY a.id", tuple(ids))
    return [_typed(decode_row(row), "articles") for row in rows]


def _event_records(archive: Archive, ids: Sequence[int], filters: Filters) -> list[Row]:
    where = event_where(filters, _Where())
    rows = archive.fetchall(
        "SELECT e.position, e.type AS event_type, e.mode, e.actors, e.recipients, e.mediators,"
        " e.date, e.location, e.historical, e.evidence, e.source AS attributed_to,"
        " a.outlet AS source, a.published, a.title, p.url, a.id AS article_id, a.story_id,"
        f" {_ORIGIN} AS is_origin, p.content_hash FROM events e"
        " JOIN articles a ON a.id = e.article_id JOIN pages p ON p.id = a.page_id"
        f" WHERE {_in('e.article_id', ids)} AND {where.sql()} ORDER BY e.article_id, e.position",
        (*ids, *where.params))
    return [plover_record(decode_row(row)) for row in rows]


def plover_record(row: Row) -> Row:
    """A stored event row → the PLOVER-compatible record of docs/export.md."""
    published = row.pop("published")
    row.update(event_id=f"warta-{row.pop('content_hash')[:16]}-{row.pop('position')}",
               story_date=published[:10] if published else None,
               source_actor=row.pop("actors"), target_actor=row.pop("recipients"),
               mediator_actor=row.pop("mediators"), language="id")
    return _typed(row, "events")


def _entity_records(archive: Archive, ids: Sequence[int], filters: Filters) -> list[Row]:
    marks = _in("ae.article_id", ids)
    surface: dict[tuple[int, int], list[str]] = {}
    for row in archive.fetchall("SELECT article_id, entity_id, text FROM mentions"
                                f" WHERE {_in('article_id', ids)} ORDER BY id", tuple(ids)):
        surface.setdefault((int(row["article_id"]), int(row["entity_id"])), []).append(
            row["text"])
    rows = archive.fetchall(
        "SELECT ae.article_id, ae.entity_id, en.name, en.type, en.country, ae.role,"
        " ae.mention_count, a.published, a.outlet FROM article_entities ae"
        " JOIN entities en ON en.id = ae.entity_id JOIN articles a ON a.id = ae.article_id"
        f" WHERE {marks} ORDER BY ae.article_id, ae.entity_id", tuple(ids))
    return [_typed({**row, "mentions": surface.get(
        (int(row["article_id"]), int(row["entity_id"])), [])}, "entities") for row in rows]


def _quantity_records(archive: Archive, ids: Sequence[int], filters: Filters) -> list[Row]:
    rows = archive.fetchall(
        "SELECT q.article_id, q.position, q.kind, q.value, q.qualifier, q.who, q.country,"
        " q.source AS attributed_to, q.historical, a.published, a.outlet, p.url"
        " FROM quantities q JOIN articles a ON a.id = q.article_id"
        f" JOIN pages p ON p.id = a.page_id WHERE {_in('q.article_id', ids)}"
        " ORDER BY q.article_id, q.position", tuple(ids))
    return [_typed(decode_row(row), "quantities") for row in rows]


RECORDS: dict[What, Callable[[Archive, Sequence[int], Filters], list[Row]]] = {
    "articles": _article_records, "events": _event_records,
    "entities": _entity_records, "quantities": _quantity_records}


def _typed(row: Row, what: What) -> Row:
    """The record with exactly the columns of ``what``, in order, each of its kind."""
    out: Row = {}
    for column in COLUMNS[what]:
        value = row.get(column.name)
        if value is None:
            out[column.name] = [] if column.kind == "list" else None
        elif column.kind == "bool":
            out[column.name] = bool(value)
        elif column.kind == "int":
            out[column.name] = int(value)
        elif column.kind == "list":
            out[column.name] = [str(item) for item in value]
        else:
            out[column.name] = value
    return out


# --- writers -----------------------------------------------------------------------------


def write_csv(batches: Iterable[list[Row]], what: What, stream: IO[str]) -> int:
    """CSV with a header; lists joined by ``;``, booleans true/false, null empty."""
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow([column.name for column in COLUMNS[what]])
    count = 0
    for batch in batches:
        writer.writerows([_csv_cell(value) for value in row.values()] for row in batch)
        count += len(batch)
    return count


def _csv_cell(value: Any) -> Any:
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value


def write_jsonl(batches: Iterable[list[Row]], what: What, stream: IO[str]) -> int:
    """One JSON object per line, keys in ``COLUMNS[what]`` order."""
    count = 0
    for batch in batches:
        stream.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in batch)
        count += len(batch)
    return count


def write_parquet(batches: Iterable[list[Row]], what: What, path: Path) -> int:
    """A Parquet file with typed columns (lists as list<string>), a row group per batch."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise ExportError("--format parquet", "Parquet needs pyarrow: pip install "
                          "'warta[export]' (or write csv or jsonl)") from exc
    types = {"int": pa.int64(), "float": pa.float64(), "str": pa.string(),
             "bool": pa.bool_(), "list": pa.list_(pa.string())}
    schema = pa.schema([pa.field(column.name, types[column.kind]) for column in COLUMNS[what]])
    count = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        for batch in batches:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
    return count
