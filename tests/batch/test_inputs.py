"""Inputs → partitions → records: WARC (both readers), JSONL, folders; HTTP parsing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tests.batch.warcs import (
    indonesian,
    mixed_items,
    truncate,
    write_arc,
    write_jsonl,
    write_warc,
)
from warta.batch import inputs, warc
from warta.batch.inputs import Partition, plan, read_partition


def _records(parts: list[Partition], reader: warc.Reader | None = None) -> list[inputs.Record]:
    return [record for part in parts for record in read_partition(part, reader=reader)]


@pytest.mark.parametrize("gzip", [True, False])
def test_partitions_cover_every_record_once_whatever_the_size(tmp_path: Path, gzip: bool
                                                              ) -> None:
    path = write_warc(tmp_path / f"a.warc{'.gz' if gzip else ''}", mixed_items(0, 6),
                      gzip=gzip)
    whole = _records(plan([str(path)], size=1000)[0])
    assert len(whole) == 1 + 6 + 4  # warcinfo, pages, the four other records
    for size in (1, 3, 4):
        parts, problems = plan([str(path)], size=size)
        assert not problems
        assert [p.count for p in parts][:-1] == [size] * (len(parts) - 1)
        assert [r.record_id for r in _records(parts)] == [r.record_id for r in whole]


def test_plan_is_deterministic_and_ids_depend_on_size(tmp_path: Path) -> None:
    path = str(write_warc(tmp_path / "a.warc.gz", mixed_items(0, 5), gzip=True))
    first, again = plan([path], size=3)[0], plan([path], size=3)[0]
    assert first == again
    assert not {p.id for p in first} & {p.id for p in plan([path], size=4)[0]}


@pytest.mark.parametrize("gzip", [True, False])
def test_fastwarc_and_warcio_read_the_same_records(tmp_path: Path, gzip: bool) -> None:
    path = truncate(write_warc(tmp_path / f"a.warc{'.gz' if gzip else ''}",
                               mixed_items(0, 4), gzip=gzip))
    parts = plan([str(path)], size=3, reader="warcio")[0]
    assert parts == plan([str(path)], size=3, reader="fastwarc")[0]
    assert _records(parts, "fastwarc") == _records(parts, "warcio")


def test_record_fields_from_the_warc(tmp_path: Path) -> None:
    path = truncate(write_warc(tmp_path / "a.warc.gz", mixed_items(0, 3), gzip=True))
    records = _records(plan([str(path)], size=100)[0])
    page = records[1]
    assert (page.warc_type, page.status, page.url) == (
        "response", 200, indonesian(0).url)
    assert page.raw == indonesian(0).body and page.record_id.startswith("<urn:uuid:")
    assert records[4].status == 404
    assert records[-1].problem is not None and records[-1].problem.startswith("truncated")


def test_damaged_gzip_member_is_a_plan_problem_and_earlier_records_survive(tmp_path: Path
                                                                          ) -> None:
    path = write_warc(tmp_path / "a.warc.gz", [indonesian(i) for i in range(4)], gzip=True)
    offsets, _ = warc.record_offsets(path)
    data = bytearray(path.read_bytes())
    data[offsets[3] + 20:offsets[3] + 60] = bytes(40)  # zeros inside the third page's member
    path.write_bytes(bytes(data))
    parts, problems = plan([str(path)], size=100)
    assert [p.reason for p in problems] == ["damaged-input"]
    assert str(path) in problems[0].message
    assert sum(p.count for p in parts) == 3


def test_arc_records_are_read_by_warcio_with_ids_by_offset(tmp_path: Path) -> None:
    path = write_arc(tmp_path / "old.arc", range(3))
    assert warc.default_reader(path) == "warcio"
    parts, problems = plan([str(path)], size=2, reader="fastwarc")  # ARC: warcio anyway
    records = _records(parts)
    assert not problems and len(parts) == 2
    assert [r.warc_type for r in records] == ["warcinfo", "response", "response", "response"]
    assert [r.raw for r in records[1:]] == [indonesian(i).body for i in range(3)]
    assert records[0].record_id == "offset:0" and all(r.problem is None for r in records)
    assert len({r.record_id for r in records}) == 4
    assert records[2].record_id == f"offset:{parts[1].start}"  # the 2nd partition's first
    assert records[1].fetched == "2026-03-01T08:00:00Z"


def test_jsonl_lines_and_a_bad_line(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "pages.jsonl", range(5))
    parts, _ = plan([str(path)], size=2)
    records = _records(parts)
    assert len(records) == 6 and len(parts) == 3
    assert [r.problem is not None for r in records] == [False, True, False, False, False, False]
    assert records[0].url == "https://jsonl.example.id/0"
    assert len({r.record_id for r in records}) == 6


def test_folder_expands_to_pages_warc_and_jsonl(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    write_warc(tmp_path / "sub" / "c.warc.gz", [indonesian(0)], gzip=True)
    write_jsonl(tmp_path / "b.jsonl", range(2), bad_line=False)
    (tmp_path / "a.html").write_text("<p>halo</p>")
    (tmp_path / "notes.md").write_text("not an input")
    names = inputs.expand([str(tmp_path)])
    assert [Path(n).name for n in names] == ["a.html", "b.jsonl", "c.warc.gz"]
    parts, problems = plan([*names, str(tmp_path / "missing.warc")], size=10)
    assert {p.kind for p in parts} == {"pages", "jsonl", "warc"}
    assert [p.reason for p in problems] == ["unreadable"]


_TOKEN = st.text(st.characters(min_codepoint=33, max_codepoint=126, exclude_characters=":"),
                 min_size=1, max_size=12)


@given(status=st.integers(100, 599), headers=st.dictionaries(_TOKEN, _TOKEN, max_size=5),
       body=st.binary(max_size=300))
def test_parse_http_reads_back_what_was_written(status: int, headers: dict[str, str],
                                                body: bytes) -> None:
    headers = {k: v for k, v in headers.items() if k.lower() != "transfer-encoding"}
    head = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    parsed = warc.parse_http(f"HTTP/1.1 {status} X\r\n{head}\r\n".encode() + body)
    assert parsed.status == status and parsed.body == body
    assert parsed.headers == {k.lower(): v for k, v in headers.items()}


@given(st.binary(max_size=500))
def test_a_block_that_is_not_http_is_kept_whole(block: bytes) -> None:
    assume(not block.startswith(b"HTTP/"))
    parsed = warc.parse_http(block)
    assert parsed.status is None and parsed.body == block


@given(st.lists(st.binary(min_size=1, max_size=40), max_size=6))
def test_dechunk_joins_the_chunks(chunks: list[bytes]) -> None:
    body = b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for chunk in chunks) + b"0\r\n\r\n"
    assert warc.dechunk(body) == b"".join(chunks)


_NO_SURROGATES = st.characters(blacklist_categories=("Cs",))


@settings(max_examples=60, deadline=None)
@given(lines=st.lists(st.binary(max_size=60).filter(lambda b: b"\n" not in b and b.strip()),
                      max_size=6),
       pages=st.lists(st.tuples(st.text(_NO_SURROGATES, max_size=20),
                                st.text(_NO_SURROGATES, min_size=1, max_size=40)),
                      max_size=4))
def test_any_jsonl_gives_one_record_per_line(tmp_path_factory: pytest.TempPathFactory,
                                             lines: list[bytes],
                                             pages: list[tuple[str, str]]) -> None:
    good = [json.dumps({"url": url, "html": html}).encode() for url, html in pages]
    path = tmp_path_factory.mktemp("jsonl") / "x.jsonl"
    path.write_bytes(b"\n".join([*lines, *good]) + b"\n")
    records = _records(plan([str(path)], size=3)[0])
    assert len(records) == len(lines) + len(good)
    assert [(r.url, r.raw, r.problem) for r in records[len(lines):]] == [
        (url, html.encode(), None) for url, html in pages]
    assert len({r.record_id for r in records}) == len(records)
