"""A whole batch in this process (``--scheduler synchronous``): output, errors, resume."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.batch.helpers import errors, manifest, sorted_tables
from tests.batch.warcs import indonesian, mixed_items, truncate, write_jsonl, write_warc
from warta.batch.job import BatchError, run_batch
from warta.batch.run import Options
from warta.cli import main

SYNC = "synchronous"


@pytest.fixture
def crawl(tmp_path: Path) -> Path:
    """A gzipped WARC (with a truncated last record), a plain WARC and a JSONL file."""
    folder = tmp_path / "crawl"
    folder.mkdir()
    truncate(write_warc(folder / "a.warc.gz", mixed_items(0, 4), gzip=True))
    write_warc(folder / "b.warc", [indonesian(i) for i in range(10, 13)], gzip=False)
    write_jsonl(folder / "c.jsonl", range(20, 22))
    return folder


def test_batch_keeps_indonesian_pages_and_reports_the_rest(crawl: Path, tmp_path: Path
                                                          ) -> None:
    out = tmp_path / "out"
    result = run_batch([str(crawl)], out, scheduler=SYNC, partition_size=3)
    counts = result.manifest["counts"]
    tables = sorted_tables(out)
    # a.warc.gz: 4 pages, the last truncated; b.warc: 3 pages; c.jsonl: 2 pages, 1 bad line
    assert counts["kept"] == len(tables["articles"]) == 3 + 3 + 2
    assert counts["records"] == (1 + 4 + 4) + (1 + 3) + 3
    # two warcinfo records and a request record are not responses
    assert counts["skipped"] == {"http-status": 1, "language": 1, "not-a-response": 3,
                                 "not-html": 1}
    reasons = sorted((e["reason"], Path(e["input"]).name) for e in errors(out))
    assert reasons == [("bad-json", "c.jsonl"), ("truncated", "a.warc.gz")]
    truncated = next(e for e in errors(out) if e["reason"] == "truncated")
    assert truncated["record_id"].startswith("<urn:uuid:")
    assert len({row["record_id"] for row in tables["articles"]}) == counts["kept"]
    assert {row["language"] for row in tables["articles"]} == {"id"}
    assert counts["rows"] == {table: len(found) for table, found in tables.items()}
    assert tables["entities"] and tables["events"]
    assert manifest(out)["complete"] and not result.failed_partitions
    assert [(Path(i["path"]).name, i["kind"]) for i in manifest(out)["inputs"]] == [
        ("a.warc.gz", "warc"), ("b.warc", "warc"), ("c.jsonl", "jsonl")]
    assert manifest(out)["warta_version"] and manifest(out)["timings"]["total_s"] > 0


def test_domain_allow_list(crawl: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_batch([str(crawl / "b.warc")], out, scheduler=SYNC,
                       options=Options(domains=frozenset({"warta1.example.id"})))
    urls = [row["url"] for row in sorted_tables(out)["articles"]]
    assert urls == [indonesian(10).url]  # 10 % 3 == 1
    assert result.manifest["counts"]["skipped"]["domain"] == 2


def test_running_again_changes_nothing(crawl: Path, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from warta.batch import job

    out = tmp_path / "out"
    run_batch([str(crawl)], out, scheduler=SYNC, partition_size=3)
    first = sorted_tables(out)
    monkeypatch.setattr(job, "open_client", None)  # all done: no cluster may be started
    again = run_batch([str(crawl)], out, partition_size=3)
    counts = again.manifest["counts"]
    assert counts["partitions_resumed"] == counts["partitions"]
    assert sorted_tables(out) == first
    assert len(errors(out)) == 2


def test_a_killed_run_resumed_equals_an_uninterrupted_run(crawl: Path, tmp_path: Path) -> None:
    whole, resumed = tmp_path / "whole", tmp_path / "resumed"
    run_batch([str(crawl)], whole, scheduler=SYNC, partition_size=2)
    command = [sys.executable, "-m", "warta", "batch", str(crawl), "--out", str(resumed),
               "--scheduler", SYNC, "--partition-size", "2"]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    markers = resumed / "_partitions"
    deadline = time.monotonic() + 60
    while len(list(markers.glob("*.json"))) < 2 and time.monotonic() < deadline:
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    done_before = len(list(markers.glob("*.json")))
    assert not (resumed / "manifest.json").exists()  # it really died mid-run
    (resumed / "articles" / ".part-x.parquet.0.tmp").write_bytes(b"half a part")
    result = run_batch([str(crawl)], resumed, scheduler=SYNC, partition_size=2)
    assert result.manifest["counts"]["partitions_resumed"] == done_before >= 2
    assert sorted_tables(resumed) == sorted_tables(whole)
    assert errors(resumed) == errors(whole)
    assert manifest(resumed)["counts"] | {"partitions_resumed": 0} == \
        manifest(whole)["counts"]
    assert not [p for p in resumed.rglob(".*") if p.is_file()]  # no temporary file left


def test_an_output_folder_inside_the_input_folder_is_not_read(crawl: Path) -> None:
    out = crawl / "out"
    first = run_batch([str(crawl)], out, scheduler=SYNC)
    again = run_batch([str(crawl)], out, scheduler=SYNC)  # out/errors.jsonl is not input
    assert again.manifest["counts"] == first.manifest["counts"] | {
        "partitions_resumed": first.manifest["counts"]["partitions"]}


def test_output_of_another_plan_is_refused(crawl: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_batch([str(crawl / "b.warc")], out, scheduler=SYNC, partition_size=2)
    with pytest.raises(BatchError, match="another run"):
        run_batch([str(crawl / "b.warc")], out, scheduler=SYNC, partition_size=3)


def test_cli_batch_then_ingest_from_parquet(crawl: Path, tmp_path: Path) -> None:
    out, db = tmp_path / "out", f"sqlite:///{tmp_path / 'a.db'}"
    runner = CliRunner()
    done = runner.invoke(main, ["batch", str(crawl), "--out", str(out), "--scheduler", SYNC,
                                "--json"])
    assert done.exit_code == 0, done.output
    assert '"kept": 8' in done.stdout
    stored = runner.invoke(main, ["ingest", "--from-parquet", str(out), "--db", db, "--json"])
    assert stored.exit_code == 0, stored.output
    assert '"stored": 8' in stored.stdout
    again = runner.invoke(main, ["ingest", "--from-parquet", str(out), "--db", db, "--json"])
    assert '"skipped": 8' in again.stdout


def test_cli_messages_for_bad_use(tmp_path: Path) -> None:
    runner = CliRunner()
    empty = tmp_path / "empty"
    empty.mkdir()
    result = runner.invoke(main, ["batch", str(empty), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1 and "no WARC, JSONL or page files" in result.output
    gone = tmp_path / "gone.warc.gz"
    result = runner.invoke(main, ["batch", str(gone), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1 and f"{gone}: no such file" in result.output
    assert not (tmp_path / "o").exists()
    result = runner.invoke(main, ["ingest", "--from-parquet", str(empty), "--db",
                                  f"sqlite:///{tmp_path / 'a.db'}"])
    assert result.exit_code == 1 and "not the output of warta batch" in result.output
    page = tmp_path / "a.html"
    page.write_text("<p>halo</p>")
    result = runner.invoke(main, ["ingest", str(page), "--from-parquet", str(empty), "--db",
                                  f"sqlite:///{tmp_path / 'a.db'}"])
    assert result.exit_code == 1 and "in a command of their own" in result.output


def test_parts_written_out_of_sight_are_a_failed_partition(
        crawl: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers on other machines writing to their own disk: the run must not say done."""
    from warta.batch import cluster
    from warta.batch.run import PartitionReport

    monkeypatch.setattr(cluster, "process_partition",
                        lambda part, out, options: PartitionReport(part.id, part.input))
    result = run_batch([str(crawl / "b.warc")], tmp_path / "out", scheduler=SYNC)
    assert result.failed_partitions and not result.manifest["complete"]
    [entry] = result.manifest["partitions"]
    assert entry["status"] == "failed" and "--out must be storage" in entry["reason"]
