"""WARC, JSONL and page inputs for the batch tests, built from our own made-up pages."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tests.archive.pages import page_html

ENGLISH_HTML = """<!DOCTYPE html><html lang="en"><head><title>Council Approves New Bridge</title>
</head><body><article><h1>Council Approves New Bridge Over the River</h1>
<p>The city council voted on Tuesday evening to approve the construction of a new bridge over
the river, after months of debate about its cost and the traffic it would bring downtown.</p>
<p>Engineers said the work would begin next spring and take about two years to finish, while
the old crossing would stay open to cars and buses for most of that time.</p>
<p>Residents who spoke at the meeting were divided, with some praising the plan and others
asking the council to spend the money on schools and parks in their neighbourhoods.</p>
</article></body></html>
"""


@dataclass(frozen=True)
class Item:
    """One record: a response (HTTP status, content type, body) or another WARC type."""

    url: str
    body: bytes
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    warc_type: str = "response"


def indonesian(index: int) -> Item:
    return Item(f"https://warta{index % 3}.example.id/berita/{index}", page_html(index).encode())


def mixed_items(first: int, count: int) -> list[Item]:
    """``count`` Indonesian pages plus the records a crawl also holds: an English page, an
    image, a 404 page and a request record."""
    items = [indonesian(i) for i in range(first, first + count)]
    items.insert(1, Item("https://news.example.com/bridge", ENGLISH_HTML.encode()))
    items.insert(2, Item("https://warta0.example.id/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(64),
                         content_type="image/png"))
    items.insert(3, Item("https://warta1.example.id/hilang", b"<html>tidak ada</html>",
                         status=404))
    items.insert(4, Item("https://warta2.example.id/berita/0", b"", warc_type="request"))
    return items


def write_warc(path: Path, items: list[Item], *, gzip: bool) -> Path:
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests"}))
        for item in items:
            if item.warc_type == "request":
                record = writer.create_warc_record(item.url, "request",
                                                   payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"))
            else:
                http = StatusAndHeaders(f"{item.status} X", [("Content-Type", item.content_type)],
                                        protocol="HTTP/1.1")
                record = writer.create_warc_record(item.url, item.warc_type,
                                                   payload=io.BytesIO(item.body),
                                                   http_headers=http)
            writer.write_record(record)
    return path


def truncate(path: Path) -> Path:
    """Cut the file in the middle of its last record, which must be a sizeable page."""
    with path.open("rb") as handle:
        iterator = ArchiveIterator(handle)
        for record in iterator:
            record.content_stream().read()
            last = iterator.get_record_offset()
    data = path.read_bytes()
    path.write_bytes(data[:last + (len(data) - last) // 2])
    return path


def write_jsonl(path: Path, indexes: range, *, bad_line: bool = True) -> Path:
    lines = [json.dumps({"url": f"https://jsonl.example.id/{i}", "html": page_html(i)})
             for i in indexes]
    if bad_line:
        lines.insert(1, "{not json")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_arc(path: Path, indexes: range) -> Path:
    """An ARC (version 1) file: its file header record, then one HTTP response per page."""

    def record(url: str, mime: str, content: bytes) -> bytes:
        return f"{url} 127.0.0.1 20260301080000 {mime} {len(content)}\n".encode() + content

    header = b"1 0 tests\nURL IP-address Archive-date Content-type Archive-length\n"
    chunks = [record(f"filedesc://{path.name}", "text/plain", header)]
    for index in indexes:
        http = b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n" + page_html(index).encode()
        chunks.append(record(indonesian(index).url, "text/html", http))
    path.write_bytes(b"\n\n".join(chunks) + b"\n")
    return path
