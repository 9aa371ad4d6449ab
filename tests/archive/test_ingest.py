"""Ingest: folders, stdin lists, skips, bad pages with reasons, workers, the CLI."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tests.archive.pages import NO_STORY_HTML, write_pages
from warta.archive import Archive, open_archive
from warta.archive.ingest import IngestSummary, Outcome, expand_inputs, ingest
from warta.cli import main


def _bad_pages(folder: Path) -> None:
    (folder / "kosong.html").write_bytes(b"")
    (folder / "gambar.html").write_bytes(bytes(range(256)) * 40)
    (folder / "indeks.html").write_text(NO_STORY_HTML, encoding="utf-8")


def test_ingest_a_folder_then_again_skips_everything(archive: Archive, tmp_path: Path) -> None:
    write_pages(tmp_path / "halaman", range(12))
    names = list(expand_inputs([str(tmp_path / "halaman")]))
    seen: list[Outcome] = []
    first = ingest(archive, names, jobs=1, on_page=seen.append)
    assert (first.stored, first.skipped, first.failed) == (12, 0, 0)
    assert len(seen) == 12 and all(outcome.article_id for outcome in seen)
    again = ingest(archive, names, jobs=1)
    assert (again.stored, again.skipped, again.failed) == (0, 12, 0)
    assert archive.count("pages") == archive.count("articles") == 12


def test_bad_pages_are_counted_with_reasons_and_the_rest_stored(archive: Archive,
                                                                 tmp_path: Path) -> None:
    write_pages(tmp_path, range(3))
    _bad_pages(tmp_path)
    names = [*expand_inputs([str(tmp_path)]), str(tmp_path / "hilang.html")]
    summary = ingest(archive, names, jobs=1)
    assert (summary.stored, summary.no_story, summary.failed) == (4, 1, 3)
    assert summary.reasons == {"empty": 1, "binary": 1, "unreadable": 1}
    assert all(outcome.message and outcome.name in outcome.message
               for outcome in summary.failures)
    assert archive.count("articles") == 3 and archive.count("pages") == 4


def test_duplicate_files_in_one_run_are_stored_once(archive: Archive, tmp_path: Path) -> None:
    (path,) = write_pages(tmp_path / "a", [7])
    copy = tmp_path / "salinan.html"
    copy.write_bytes(path.read_bytes())
    summary = ingest(archive, [str(path), str(copy)], jobs=1)
    assert (summary.stored, summary.skipped) == (1, 1)


def test_worker_processes_give_the_same_archive(tmp_path: Path) -> None:
    write_pages(tmp_path / "p", range(16))
    names = list(expand_inputs([str(tmp_path / "p")]))
    with open_archive(f"sqlite:///{tmp_path / 'w.db'}") as archive:
        summary = ingest(archive, names, jobs=2)
        titles = {row["title"] for row in archive.fetchall("SELECT title FROM articles")}
    assert summary.stored == 16 and len(titles) == 16


def test_expand_inputs_reads_paths_from_stdin(tmp_path: Path) -> None:
    paths = write_pages(tmp_path, range(2))
    listed = list(expand_inputs(["-"], stdin=[f"{paths[0]}\n", "\n", f"{tmp_path}\n"]))
    assert listed == [str(paths[0]), str(paths[0]), str(paths[1])]


def test_summary_counts() -> None:
    summary = IngestSummary()
    for status in ("stored", "no_story", "skipped"):
        summary.add(Outcome("x", status))  # type: ignore[arg-type]
    summary.add(Outcome("y", "failed", "empty", "y: file is empty"))
    assert (summary.total, summary.stored, summary.no_story, summary.failed) == (4, 2, 1, 1)


def test_cli_ingest_prints_a_summary_and_exits_1_on_bad_pages(tmp_path: Path) -> None:
    write_pages(tmp_path / "p", range(4))
    _bad_pages(tmp_path / "p")
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    result = CliRunner().invoke(main, ["ingest", str(tmp_path / "p"), "--db", db, "-j", "1",
                                       "--json"])
    assert result.exit_code == 1
    summary = json.loads(result.stdout)
    assert (summary["stored"], summary["no_story"], summary["failed"]) == (5, 1, 2)
    assert summary["reasons"] == {"empty": 1, "binary": 1}
    assert "stored  5 (1 without a story)" in result.stderr
    assert "kosong.html: file is empty" in result.stderr


def test_cli_ingest_reads_a_path_list_on_stdin_and_warta_db(tmp_path: Path,
                                                            archive_url: str) -> None:
    paths = write_pages(tmp_path / "p", range(3))
    stdin = "".join(f"{path}\n" for path in paths)
    result = CliRunner(env={"WARTA_DB": archive_url}).invoke(
        main, ["ingest", "-", "-j", "1"], input=stdin)
    assert result.exit_code == 0, result.output
    assert "stored  3 (0 without a story)" in result.stderr
    with open_archive(archive_url) as archive:
        assert archive.count("articles") == 3


def test_cli_ingest_with_nothing_to_do(tmp_path: Path) -> None:
    (tmp_path / "kosong").mkdir()
    result = CliRunner().invoke(main, ["ingest", str(tmp_path / "kosong"),
                                       "--db", f"sqlite:///{tmp_path / 'x.db'}"])
    assert result.exit_code == 1 and "no pages to ingest" in result.stderr


def test_a_worker_that_dies_fails_its_pages_and_the_run_goes_on(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import warta.archive.ingest as ingest_module

    real_extract = ingest_module.extract

    def fragile(raw: bytes, *, name: str, **kwargs: Any) -> Any:
        if name.endswith("mati.html"):
            os._exit(1)  # the worker process dies, as on a crash in a C library
        return real_extract(raw, name=name, **kwargs)

    monkeypatch.setattr(ingest_module, "extract", fragile)  # forked workers inherit it
    paths = write_pages(tmp_path / "p", range(6))
    (tmp_path / "p" / "mati.html").write_bytes(paths[0].read_bytes() + b"<!-- lain -->")
    names = list(expand_inputs([str(tmp_path / "p")]))
    with open_archive(f"sqlite:///{tmp_path / 'w.db'}") as archive:
        summary = ingest(archive, names, jobs=2)
    assert (summary.stored, summary.failed) == (6, 1)
    assert summary.reasons == {"worker-died": 1}
    assert summary.failures[0].name.endswith("mati.html")


def test_a_task_gives_each_page_its_own_result_in_order(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker extracts a task's pages, then prepares them: a page that fails either
    step fails alone, in its place."""
    import warta.archive.ingest as ingest_module
    from warta.archive.writer import Prepared
    from warta.settings import DEFAULT_SETTINGS

    real_prepare = ingest_module.prepare

    def fragile(extraction: Any, raw: bytes, *, stem: bool) -> Any:
        if extraction.page.name == "rusak.html":
            raise ValueError("rusak")
        return real_prepare(extraction, raw, stem=stem)

    monkeypatch.setattr(ingest_module, "prepare", fragile)
    good = [path.read_bytes() for path in write_pages(tmp_path, range(3))]
    tasks = [("a.html", good[0]), ("kosong.html", b""), ("rusak.html", good[1]),
             ("b.html", good[2])]
    results = ingest_module.prepare_jobs(tasks, None, DEFAULT_SETTINGS, True)
    assert [type(result) for result in results] == [Prepared, Outcome, Outcome, Prepared]
    assert [getattr(result, "reason", None) for result in results] == \
        [None, "empty", "extraction-failed", None]
    assert results[2].message == \
        "rusak.html: preparing the rows failed (ValueError: rusak)"
    assert [result.extraction.page.name for result in results
            if isinstance(result, Prepared)] == ["a.html", "b.html"]


def test_read_takes_up_to_one_byte_more_than_the_limit(tmp_path: Path) -> None:
    """Files of any size and a pipe (no size to ask for) read as far as the limit + 1."""
    import dataclasses
    import threading

    from warta.archive.ingest import _read
    from warta.settings import DEFAULT_SETTINGS

    settings = dataclasses.replace(DEFAULT_SETTINGS, max_page_bytes=10)
    for size in (0, 1, 9, 10, 11, 12, 50):
        path = tmp_path / f"{size}.html"
        path.write_bytes(bytes(range(65, 65 + size)))
        assert _read(str(path), settings) == bytes(range(65, 65 + min(size, 11)))
    fifo = tmp_path / "pipa"
    os.mkfifo(fifo)
    writer = threading.Thread(target=fifo.write_bytes, args=(b"x" * 30,))
    writer.start()
    assert _read(str(fifo), settings) == b"x" * 11
    writer.join()
    with pytest.raises(IsADirectoryError, match="is a folder, not a page"):
        _read(str(tmp_path), settings)
