"""Batch inputs → partitions → records: WARC/ARC files, folders of pages, JSONL of {url, html}.

``plan`` splits the inputs deterministically: a WARC file into runs of ``size`` records
(from the first record's byte offset), a JSONL file into runs of ``size`` lines (from the
first line's byte offset), the loose pages of all folders into runs of ``size`` files. The
same inputs and size always give the same partitions with the same ids, so a resumed run
knows which are done. ``read_partition`` gives the records of one partition (in a worker).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from warta.batch import warc

PAGE_SUFFIXES = (".html", ".htm", ".txt", ".xhtml", ".html.gz", ".htm.gz")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
InputKind = Literal["warc", "jsonl", "pages"]


@dataclass(frozen=True, slots=True)
class Partition:
    """A slice of the input processed as one task, with its own part files.

    ``input`` is the WARC/JSONL file (``start`` the byte offset of its first record or
    line), or for loose pages the first page; ``pages`` lists the page files.
    """

    id: str
    kind: InputKind
    input: str
    start: int
    count: int
    pages: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Record:
    """One input item: a WARC record, a JSONL line or a page file.

    ``problem`` says why it cannot be used (truncated record, bad JSON); ``status`` and
    ``content_type`` come from the HTTP response when there is one.
    """

    record_id: str
    input: str
    raw: bytes
    url: str | None = None
    fetched: str | None = None
    warc_type: str | None = None
    status: int | None = None
    content_type: str | None = None
    problem: str | None = None


@dataclass(frozen=True, slots=True)
class PlanProblem:
    """Part of an input that cannot be read: the whole file, or everything after a byte."""

    input: str
    reason: str
    message: str


def input_kind(path: str) -> InputKind:
    name = path.lower()
    if name.endswith(warc.WARC_SUFFIXES):
        return "warc"
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    return "pages"


def expand(inputs: Iterable[str]) -> list[str]:
    """Files as given; folders as their WARC, JSONL and page files, sorted, recursively."""
    wanted = (*warc.WARC_SUFFIXES, *JSONL_SUFFIXES, *PAGE_SUFFIXES)
    out: list[str] = []
    for raw in inputs:
        path = Path(raw)
        if path.is_dir():
            out += sorted(str(p) for p in path.rglob("*")
                          if p.is_file() and p.name.lower().endswith(wanted))
        else:
            out.append(raw)
    return out


def plan(inputs: Iterable[str], *, size: int, reader: warc.Reader | None = None
         ) -> tuple[list[Partition], list[PlanProblem]]:
    """The partitions of ``inputs`` (already expanded) and what could not be read."""
    partitions: list[Partition] = []
    problems: list[PlanProblem] = []
    pages: list[str] = []
    for name in inputs:
        path = Path(name)
        if not path.is_file():
            problems.append(PlanProblem(name, "unreadable", f"{name}: no such file"))
            continue
        kind = input_kind(name)
        if kind == "pages":
            pages.append(name)
            continue
        offsets, damage = (warc.record_offsets(name, reader=reader) if kind == "warc"
                           else _line_offsets(path))
        if damage is not None:
            problems.append(PlanProblem(name, "damaged-input", f"{name}: {damage}"))
        partitions += _runs(kind, name, offsets, size=size, stamp=_stamp(path))
    for first in range(0, len(pages), size):
        chunk = tuple(pages[first:first + size])
        stamp = "\0".join(f"{page}:{_stamp(Path(page))}" for page in chunk)
        partitions.append(Partition(_partition_id("pages", chunk[0], 0, len(chunk), stamp),
                                    "pages", chunk[0], 0, len(chunk), chunk))
    return partitions, problems


def _runs(kind: InputKind, name: str, offsets: list[int], *, size: int, stamp: str
          ) -> list[Partition]:
    return [Partition(_partition_id(kind, name, offsets[first], count, stamp), kind, name,
                      offsets[first], count)
            for first in range(0, len(offsets), size)
            for count in (min(size, len(offsets) - first),)]


def _partition_id(kind: str, name: str, start: int, count: int, stamp: str) -> str:
    """Stable for the same slice of the same file (path, size): the part files' name."""
    key = "\0".join((kind, str(Path(name).resolve()), str(start), str(count), stamp))
    return f"{Path(name).name[:40]}-{hashlib.sha256(key.encode()).hexdigest()[:12]}"


def _stamp(path: Path) -> str:
    return str(path.stat().st_size)


def _line_offsets(path: Path) -> tuple[list[int], Exception | None]:
    offsets: list[int] = []
    position = 0
    with path.open("rb") as handle:
        for line in handle:
            if line.strip():
                offsets.append(position)
            position += len(line)
    return offsets, None


def read_partition(part: Partition, *, reader: warc.Reader | None = None
                   ) -> Iterator[Record]:
    """The records of one partition, in input order; unusable ones carry a ``problem``."""
    if part.kind == "warc":
        yield from _warc_records(part, reader)
    elif part.kind == "jsonl":
        yield from _jsonl_records(part)
    else:
        for name in part.pages:
            yield _page_record(name)


def _warc_records(part: Partition, reader: warc.Reader | None) -> Iterator[Record]:
    read = 0
    try:
        for item in warc.read_records(part.input, part.start, part.count, reader=reader):
            read += 1
            yield warc_record(part.input, item)
    except warc.DamagedInput as exc:
        yield Record(f"offset:{exc.offset}", part.input, b"",
                     problem=f"damaged-input: {exc} ({part.count - read} records lost)")


def warc_record(name: str, item: warc.WarcRecord) -> Record:
    """A WARC record as a batch record (HTTP response parsed; truncation noted)."""
    if item.warc_type != "response":  # skipped whole, so its body does not matter
        return Record(item.record_id, name, b"", item.url, item.date, item.warc_type)
    if len(item.block) < item.declared_length:
        return Record(item.record_id, name, b"", item.url, item.date, item.warc_type,
                      problem=f"truncated: {len(item.block):,} of "
                              f"{item.declared_length:,} bytes")
    http = warc.parse_http(item.block)
    if http.status is None:
        return Record(item.record_id, name, b"", item.url, item.date, item.warc_type,
                      problem="bad-http: the record holds no HTTP response")
    return Record(item.record_id, name, http.body, item.url, item.date, item.warc_type,
                  http.status, http.headers.get("content-type"))


def _jsonl_records(part: Partition) -> Iterator[Record]:
    with Path(part.input).open("rb") as handle:
        handle.seek(part.start)
        done = 0
        while done < part.count:
            line = handle.readline()
            if not line:
                break
            if not line.strip():
                continue
            done += 1
            yield _jsonl_record(part.input, part.start, done, line)


def _jsonl_record(name: str, start: int, nth: int, line: bytes) -> Record:
    record_id = f"{name}@{start}+{nth}"
    try:
        item = json.loads(line)
    except ValueError as exc:
        return Record(record_id, name, b"", problem=f"bad-json: {exc}")
    if not isinstance(item, dict) or not isinstance(item.get("html"), str):
        return Record(record_id, name, b"",
                      problem='bad-json: expected an object with "html" (and "url")')
    url = item.get("url") if isinstance(item.get("url"), str) else None
    fetched = item.get("fetched") if isinstance(item.get("fetched"), str) else None
    own_id = item.get("id")
    return Record(str(own_id) if own_id is not None else record_id, name,
                  item["html"].encode("utf-8"), url, fetched)


def _page_record(name: str) -> Record:
    try:
        raw = Path(name).read_bytes()
    except OSError as exc:
        return Record(name, name, b"", problem=f"unreadable: {exc.strerror or exc}")
    return Record(name, name, raw)
