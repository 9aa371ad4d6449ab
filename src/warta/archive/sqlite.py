"""The embedded archive: one SQLite file in WAL mode, with an FTS5 index of stemmed text.

WAL lets readers run while one writer commits; ``busy_timeout`` makes a second writer
(another ``warta ingest`` on the same file) wait for the lock instead of failing, and every
write transaction starts with ``BEGIN IMMEDIATE`` so two writers never deadlock upgrading a
read lock. ``synchronous=NORMAL`` in WAL mode keeps every committed transaction across a
killed process (only a power cut can lose the last ones). A writing connection keeps a
larger page cache (``WRITE_CACHE_KIB``) than SQLite's default.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from warta.archive.base import Archive, Params, Row, archive_error
from warta.archive.stemming import stem_text

# Seconds a writer waits for another process's write lock before giving up.
BUSY_TIMEOUT = 60.0
# Page cache of a writing connection, KiB (SQLite's default is 2 MiB). Saving articles
# inserts into indexes at random places (LSH band keys of each article, entities, full
# text); with the default cache each transaction reads most of those index pages back from
# the file: ingesting 10,000 pages, the writer spent 8.7 s of its 23.4 CPU seconds in the
# kernel, 5.4 of 21.4 with this cache (one run each). Memory is taken only as pages are read.
WRITE_CACHE_KIB = 65_536
# WAL pages after which a commit copies the WAL back into the file (SQLite's default is
# 1,000, 4 MB): a page that many transactions change is copied once per checkpoint, so
# fewer checkpoints copy less; writer CPU per saved page fell about 10 % (0.80 -> 0.69 ms
# with BATCH_PAGES 100; one run each). The WAL grows to about 40 MB between checkpoints.
WAL_CHECKPOINT_PAGES = 10_000
# The archive_state column holding the highest id ever handed out, per table.
_ISSUED = {"articles": "last_article_id", "stories": "last_story_id"}


class SQLiteArchive(Archive):
    """An archive in one SQLite file (``sqlite:///warta.db``)."""

    backend = "sqlite"
    stems_text = True
    version_table_sql = (
        "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY,"
        " name TEXT NOT NULL,"
        " applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))")

    def __init__(self, path: str, *, url: str, readonly: bool = False) -> None:
        super().__init__(url)
        self.path = path
        self.readonly = readonly
        self._conn = connect(path, url=url, readonly=readonly)

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self._conn.execute("BEGIN" if self.readonly else "BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    def _execute(self, sql: str, params: Params) -> int:
        return self._conn.execute(sql, params).rowcount

    def _executemany(self, sql: str, rows: list[Params]) -> None:
        self._conn.executemany(sql, rows)

    def _fetchall(self, sql: str, params: Params) -> list[Row]:
        return [dict(row) for row in self._conn.execute(sql, params).fetchall()]

    def _fetchtuples(self, sql: str, params: Params) -> list[tuple[Any, ...]]:
        cursor = self._conn.cursor()
        cursor.row_factory = None
        rows: list[tuple[Any, ...]] = cursor.execute(sql, params).fetchall()
        return rows

    def reserve_ids(self, table: str, count: int) -> list[int]:
        """The ids after the highest ever handed out (``archive_state``; a deleted row's id
        is never given again): ``BEGIN IMMEDIATE`` keeps every other writer out until this
        transaction ends, and the next free id is remembered in it."""
        assert self.in_transaction, "reserve ids inside a transaction"
        column = _ISSUED[table]
        key = f"next_id:{table}"
        start = self.txn_state.get(key)
        if start is None:
            top, issued = self._fetchtuples(
                f"SELECT coalesce(max(id), 0), (SELECT {column} FROM archive_state"
                f" WHERE id = 1) FROM {table}", ())[0]
            start = max(int(top), int(issued or 0)) + 1
        self.txn_state[key] = start + count
        self._execute(f"UPDATE archive_state SET {column} = ? WHERE id = 1",
                      (start + count - 1,))
        return list(range(start, start + count))

    def _run_script(self, script: str) -> None:
        from warta.archive.schema import sqlite_statements

        for statement in sqlite_statements(script):
            self._conn.execute(statement)

    def _lock_schema(self) -> None:
        """Nothing to do: BEGIN IMMEDIATE already holds the file's write lock."""

    def _close(self) -> None:
        self._conn.close()

    def _is_retryable(self, exc: Exception) -> bool:
        text = str(exc).lower()
        return isinstance(exc, sqlite3.OperationalError) and ("locked" in text or "busy" in text)

    def index_articles(self, articles: Sequence[tuple[int, str | None, str,
                                                      tuple[str, str] | None]]) -> None:
        rows = [(article_id, *(stemmed or (stem_text(title or ""), stem_text(body))))
                for article_id, title, body, stemmed in articles]
        self.insert_rows("articles_fts (rowid, title, body)", rows, conflict=False)


def connect(path: str, *, url: str, readonly: bool) -> sqlite3.Connection:
    """Open the file in autocommit mode with WAL, a busy timeout and foreign keys on."""
    if path != ":memory:":
        check_folder(Path(path), url=url, readonly=readonly)
    target = f"file:{path}?mode=ro" if readonly else path
    try:
        conn = sqlite3.connect(target, timeout=BUSY_TIMEOUT, isolation_level=None,
                               check_same_thread=False, uri=readonly)
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT * 1000)}")
        conn.execute("PRAGMA foreign_keys = ON")
        if not readonly:
            _wal(conn)
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute(f"PRAGMA cache_size = -{WRITE_CACHE_KIB}")
            conn.execute(f"PRAGMA wal_autocheckpoint = {WAL_CHECKPOINT_PAGES}")
    except sqlite3.Error as exc:
        raise archive_error(url, f"cannot open the SQLite file {path} ({exc})") from exc
    return conn


def _wal(conn: sqlite3.Connection) -> None:
    """Switch to WAL unless already there. The switch can fail at once with "database is
    locked" (SQLite calls no busy handler for it) while another process writes the file:
    wait and try again, up to ``BUSY_TIMEOUT``."""
    deadline = time.monotonic() + BUSY_TIMEOUT
    while True:
        try:
            if str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower() != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            text = str(exc).lower()
            if ("locked" not in text and "busy" not in text) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def check_folder(path: Path, *, url: str, readonly: bool) -> None:
    """Fail early, in one line, when the archive file cannot be created or written."""
    folder = path.parent if str(path.parent) else Path()
    if path.is_dir():
        raise archive_error(url, f"{path} is a folder, not an archive file")
    if not folder.exists():
        raise archive_error(url, f"folder {folder} does not exist")
    if not folder.is_dir():
        raise archive_error(url, f"{folder} is not a folder")
    if readonly:
        if not path.exists():
            raise archive_error(url, f"no archive at {path}")
        return
    if path.exists() and not _writable(path):
        raise archive_error(url, f"cannot write the archive file {path} (permission denied)")
    if not _writable(folder):
        raise archive_error(url, f"cannot write in folder {folder} (permission denied); the "
                            "archive needs it for its file and WAL journal")


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK)
