"""Reliability, for real: concurrent ingests, kill -9 and resume, bad archives, old schemas.

The ingests run as separate ``python -m warta ingest`` processes on both backends.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import warta
from tests.archive.pages import page_html, write_pages
from warta.archive import Archive, open_archive
from warta.archive.schema import latest_version
from warta.cli import main
from warta.errors import ArchiveError


def _ingest_cmd(url: str, *paths: Path, jobs: int = 1) -> list[str]:
    return [sys.executable, "-m", "warta", "ingest", *map(str, paths), "--db", url,
            "-j", str(jobs), "--json"]


def _env() -> dict[str, str]:
    return {key: value for key, value in os.environ.items() if key != "WARTA_DB"}


def _start(url: str, *paths: Path, jobs: int = 1) -> subprocess.Popen[str]:
    return subprocess.Popen(_ingest_cmd(url, *paths, jobs=jobs), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=_env())


def _finish(proc: subprocess.Popen[str]) -> dict[str, Any]:
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    summary: dict[str, Any] = json.loads(out)
    return summary


def _assert_each_page_once(url: str, expected: int) -> None:
    with open_archive(url) as archive:
        assert archive.count("pages") == expected
        assert archive.count("articles") == expected
        assert archive.fetchval("SELECT count(DISTINCT content_hash) AS n FROM pages") == expected
        assert archive.fetchval("SELECT count(DISTINCT body) AS n FROM articles") == expected
        # No half-written page: every article has its chrome and attributions.
        assert archive.fetchval(
            "SELECT count(*) AS n FROM articles a WHERE NOT EXISTS"
            " (SELECT 1 FROM chrome_links c WHERE c.article_id = a.id) OR NOT EXISTS"
            " (SELECT 1 FROM attributions t WHERE t.article_id = a.id)") == 0


def test_two_processes_ingesting_overlapping_pages_at_once(archive_url: str,
                                                           tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    write_pages(pages, range(90))
    first = tmp_path / "a"
    second = tmp_path / "b"
    first.mkdir()
    second.mkdir()
    for path in sorted(pages.iterdir()):
        index = int(path.stem.split("-")[1])
        if index < 60:
            (first / path.name).write_bytes(path.read_bytes())
        if index >= 30:
            (second / path.name).write_bytes(path.read_bytes())
    procs = [_start(archive_url, first), _start(archive_url, second)]
    summaries = [_finish(proc) for proc in procs]
    assert sum(s["stored"] for s in summaries) == 90
    assert sum(s["skipped"] for s in summaries) == 30
    _assert_each_page_once(archive_url, 90)


@pytest.mark.parametrize("jobs", [1, 2])
def test_kill_9_mid_ingest_then_resume_stores_every_page_once(
        archive_url: str, tmp_path: Path, jobs: int) -> None:
    total = 240
    write_pages(tmp_path / "pages", range(total))
    proc = _start(archive_url, tmp_path / "pages", jobs=jobs)
    committed = _kill_after(proc, archive_url, pages=25)
    assert 25 <= committed < total, "the ingest ended before it could be killed"
    resumed = _finish(_start(archive_url, tmp_path / "pages", jobs=jobs))
    assert (resumed["skipped"], resumed["stored"]) == (committed, total - committed)
    _assert_each_page_once(archive_url, total)


def _kill_after(proc: subprocess.Popen[str], url: str, *, pages: int) -> int:
    """SIGKILL the ingest once ``pages`` pages are committed; return how many were."""
    deadline = time.monotonic() + 60
    with open_archive(url) as archive:
        while time.monotonic() < deadline and proc.poll() is None:
            if archive.count("pages") >= pages:
                break
            time.sleep(0.02)
        os.kill(proc.pid, signal.SIGKILL)
        proc.communicate(timeout=30)
        assert proc.returncode == -signal.SIGKILL
        return archive.count("pages")


@pytest.mark.parametrize("where", ["file-as-folder", "missing-folder", "folder-as-file"])
def test_unusable_archive_path_is_one_clear_line(tmp_path: Path, where: str) -> None:
    (page,) = write_pages(tmp_path / "p", [1])
    (tmp_path / "biasa.txt").write_text("bukan folder")
    (tmp_path / "folder.db").mkdir()
    target = {"file-as-folder": tmp_path / "biasa.txt" / "warta.db",
              "missing-folder": tmp_path / "tidak-ada" / "warta.db",
              "folder-as-file": tmp_path / "folder.db"}[where]
    proc = subprocess.run(_ingest_cmd(f"sqlite:///{target}", page), capture_output=True,
                          text=True, env=_env(), timeout=60)
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in proc.stderr
    assert lines[0].startswith(f"error sqlite:///{target}: ")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write into read-only folders")
def test_read_only_folder_is_one_clear_line(tmp_path: Path) -> None:
    (page,) = write_pages(tmp_path / "p", [1])
    locked = tmp_path / "terkunci"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        result = CliRunner().invoke(main, ["ingest", str(page), "--db",
                                           f"sqlite:///{locked / 'warta.db'}"])
    finally:
        locked.chmod(0o700)
    assert result.exit_code == 1 and "permission denied" in result.stderr


def test_postgresql_that_does_not_answer_is_one_clear_line(tmp_path: Path) -> None:
    (page,) = write_pages(tmp_path / "p", [1])
    result = CliRunner().invoke(main, ["ingest", str(page), "--db",
                                       "postgresql://postgres:rahasia@127.0.0.1:9/test"])
    assert result.exit_code == 1
    assert result.stderr.startswith("error postgresql://postgres:***@127.0.0.1:9/test: "
                                    "cannot connect to PostgreSQL")
    assert len(result.stderr.strip().splitlines()) == 1 and "rahasia" not in result.stderr


def test_archive_from_schema_version_1_is_upgraded_and_keeps_its_rows(archive_url: str) -> None:
    with open_archive(archive_url, upgrade=False) as old:
        assert old.migrate(target=1) == [1] and old.schema_version() == 1
        _write_version_1_rows(old)
    with open_archive(archive_url) as archive:
        assert archive.schema_version() == latest_version(archive.backend)
        assert (archive.count("pages"), archive.count("articles"), archive.count("entities"),
                archive.count("article_entities")) == (1, 1, 1, 1)
        row = archive.fetchone("SELECT source, warta_version FROM pages")
        assert row == {"source": "lama.html", "warta_version": None}
        raw = page_html(9).encode()
        saved = archive.save(warta.extract(raw, name="baru.html"), raw, source="baru.html")
        assert saved.article_id is not None and archive.count("articles") == 2
        versions = archive.fetchall("SELECT version, name FROM schema_version ORDER BY version")
    assert versions[:2] == [{"version": 1, "name": "initial"},
                            {"version": 2, "name": "filters_and_version"}]


def _write_version_1_rows(archive: Archive) -> None:
    with archive.transaction():
        page_id = archive.fetchval(
            "INSERT INTO pages (content_hash, source, kind, raw_size, raw)"
            " VALUES (?, ?, ?, ?, ?) RETURNING id", ("ab" * 32, "lama.html", "html", 3, b"x"))
        article_id = archive.fetchval(
            "INSERT INTO articles (page_id, title, body, body_hash) VALUES (?, ?, ?, ?)"
            " RETURNING id", (page_id, "Berita Lama", "Isi berita lama.", "cd" * 32))
        entity_id = archive.fetchval(
            "INSERT INTO entities (key, name, type, country) VALUES (?, ?, ?, ?) RETURNING id",
            ("GPE|IDN|Kupang", "Kupang", "GPE", "IDN"))
        archive.execute("INSERT INTO article_entities (article_id, entity_id, mention_count)"
                        " VALUES (?, ?, ?)", (article_id, entity_id, 1))


def test_archive_from_a_newer_warta_is_refused(archive_url: str) -> None:
    with open_archive(archive_url) as archive:
        archive.execute("INSERT INTO schema_version (version, name) VALUES (?, ?)",
                        (99, "future"))
    with pytest.raises(ArchiveError, match="newer than this warta"):
        open_archive(archive_url)
