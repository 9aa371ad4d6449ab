"""WARC and ARC files → raw records: their offsets for planning, then the records of a range.

FastWARC reads WARC (gzipped or not) several times faster than warcio; warcio reads ARC,
which FastWARC does not, and stands in when FastWARC is not installed. Both readers yield the
same ``WarcRecord`` (the record block unparsed), and ``parse_http`` reads the HTTP response in
it the same way for both, so a record means the same thing whichever reader read it.

Every record of a gzipped WARC is a gzip member of its own, so a reader can start at any
record's offset: a partition is (file, first record's offset, number of records).
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Literal

Reader = Literal["fastwarc", "warcio"]
ARC_SUFFIXES = (".arc", ".arc.gz")
WARC_SUFFIXES = (".warc", ".warc.gz", *ARC_SUFFIXES)


@dataclass(frozen=True, slots=True)
class WarcRecord:
    """One record as stored: its headers of interest and the block (HTTP headers + body)."""

    offset: int
    record_id: str
    warc_type: str
    url: str | None
    date: str | None
    block: bytes
    # Content-Length announced in the record header; a longer one than ``block`` = truncated.
    declared_length: int


@dataclass(frozen=True, slots=True)
class HttpResponse:
    status: int | None
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


class DamagedInput(Exception):
    """The file cannot be read past ``offset`` (corrupt gzip member, broken WARC header)."""

    def __init__(self, offset: int, problem: str) -> None:
        self.offset = offset
        super().__init__(f"unreadable after byte {offset:,}: {problem}")


def is_arc(path: str | Path) -> bool:
    return str(path).lower().endswith(ARC_SUFFIXES)


def default_reader(path: str | Path) -> Reader:
    """FastWARC for WARC when installed; warcio for ARC and as the fallback."""
    if is_arc(path):
        return "warcio"
    try:
        import fastwarc  # noqa: F401
    except ImportError:
        return "warcio"
    return "fastwarc"


def record_offsets(path: str | Path, *, reader: Reader | None = None
                   ) -> tuple[list[int], DamagedInput | None]:
    """The byte offset of every record, in file order (bodies are not kept), and the damage
    that stopped the scan early, if any."""
    offsets: list[int] = []
    try:
        for record in read_records(path, 0, None, reader=reader, bodies=False):
            offsets.append(record.offset)
    except DamagedInput as exc:
        return offsets, exc
    return offsets, None


def read_records(path: str | Path, start: int, count: int | None, *,
                 reader: Reader | None = None, bodies: bool = True) -> Iterator[WarcRecord]:
    """Up to ``count`` records (all when None) from the record at byte ``start``.

    Raises ``DamagedInput`` when the file cannot be read further.
    """
    chosen = "warcio" if is_arc(path) else reader or default_reader(path)  # FastWARC: no ARC
    records = _fastwarc_records if chosen == "fastwarc" else _warcio_records
    with Path(path).open("rb") as handle:
        handle.seek(start)
        for n, record in enumerate(records(handle, start, bodies=bodies, arc=is_arc(path))):
            if count is not None and n >= count:
                return
            yield record


def _fastwarc_records(handle: BinaryIO, start: int, *, bodies: bool, arc: bool
                      ) -> Iterator[WarcRecord]:
    from fastwarc.warc import ArchiveIterator

    position = start
    try:
        for record in ArchiveIterator(handle, parse_http=False):
            position = record.stream_pos  # from the start of the file, not of ``start``
            block = record.reader.read() if bodies else b""
            headers = record.headers
            warc_type = str(record.record_type).rsplit(".", 1)[-1]  # "WarcRecordType.response"
            yield WarcRecord(position, headers.get("WARC-Record-ID") or f"offset:{position}",
                             warc_type, headers.get("WARC-Target-URI"),
                             headers.get("WARC-Date"), block, int(record.content_length))
    except OSError as exc:  # FastWARC reports a broken gzip member or header as OSError
        raise DamagedInput(position, str(exc)) from exc


def _warcio_records(handle: BinaryIO, start: int, *, bodies: bool, arc: bool
                    ) -> Iterator[WarcRecord]:
    from warcio.archiveiterator import ArchiveIterator  # type: ignore[import-untyped]
    from warcio.exceptions import ArchiveLoadFailed  # type: ignore[import-untyped]

    iterator = ArchiveIterator(handle, no_record_parse=True, arc2warc=True)
    position = start
    try:
        for record in iterator:
            # The block first: asking warcio for the offset before reading it loses the block.
            block = record.raw_stream.read() if bodies else b""
            position = iterator.get_record_offset()
            headers = record.rec_headers
            length = headers.get_header("Content-Length")
            # ARC records have no id (warcio makes up a random one): name them by offset,
            # which is the same on every run.
            record_id = f"offset:{position}" if arc else headers.get_header("WARC-Record-ID")
            yield WarcRecord(position, record_id or f"offset:{position}", record.rec_type,
                             headers.get_header("WARC-Target-URI"),
                             headers.get_header("WARC-Date"), block,
                             int(length) if length and length.isdigit() else len(block))
    except (ArchiveLoadFailed, OSError, EOFError, gzip.BadGzipFile) as exc:
        raise DamagedInput(position, str(exc).splitlines()[0][:200]) from exc


def parse_http(block: bytes) -> HttpResponse:
    """Status, headers (lower-case names) and body of an HTTP response block.

    A block that is not an HTTP response gives ``status=None``. A chunked body is
    de-chunked; a compressed one is left as is (``read_page`` gunzips pages itself).
    """
    head, sep, body = block.partition(b"\r\n\r\n")
    if not sep:
        head, sep, body = block.partition(b"\n\n")
    lines = head.decode("latin-1").splitlines()
    if not sep or not lines or not lines[0].startswith("HTTP/"):
        return HttpResponse(None, {}, block)
    parts = lines[0].split()
    status = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, colon, value = line.partition(":")
        if colon:
            headers[name.strip().lower()] = value.strip()
    if "chunked" in headers.get("transfer-encoding", "").lower():
        body = dechunk(body)
    return HttpResponse(status, headers, body)


def dechunk(body: bytes) -> bytes:
    """The payload of a chunked HTTP body; what cannot be parsed is kept as it stands."""
    out = bytearray()
    rest = body
    while rest:
        size_line, sep, rest = rest.partition(b"\r\n")
        try:
            size = int(size_line.split(b";")[0].strip() or b"x", 16)
        except ValueError:
            return body  # not really chunked (a crawler already de-chunked it)
        if not sep or size == 0:
            break
        out += rest[:size]
        rest = rest[size + 2:]
    return bytes(out)
