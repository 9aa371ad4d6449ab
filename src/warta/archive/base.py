"""The Archive: one interface over SQLite and PostgreSQL; one test suite runs against both.

SQL given to an archive is written once, with ``?`` placeholders; the PostgreSQL backend
translates it for psycopg (so write PostgreSQL's jsonb ``?`` operator as ``jsonb_exists``).
Rows come back as plain dicts; ``decode_row`` makes JSON, boolean and time columns read the
same on both backends.

    with archive.transaction():                 # one transaction, re-entrant
        archive.execute("UPDATE articles SET story_id = ? WHERE id = ?", (story, art))
        rows = archive.fetchall("SELECT id FROM stories WHERE n_copies > ?", (1,))

Outside ``transaction()`` every statement commits on its own. Inside it, every call on the
archive (also from hooks such as ``stories.assign_stories``) joins the open transaction. An
Archive holds one connection: use one Archive per thread or process.
"""

from __future__ import annotations

import gzip
import json
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from warta.archive import writer
from warta.archive.schema import TABLES, migrations
from warta.errors import ArchiveError
from warta.models import Extraction

Backend = Literal["sqlite", "postgresql"]
Params = Sequence[Any]
Row = dict[str, Any]
# Columns stored as JSON text (SQLite) or jsonb (PostgreSQL), decoded on read.
JSON_COLUMNS = frozenset({"wire_sources", "authors", "problems", "actors", "recipients",
                          "mediators"})
BOOL_COLUMNS = frozenset({"historical", "direct"})
# A save that loses a lock race (deadlock, busy file) is retried this many times.
SAVE_ATTEMPTS = 5
# Bound parameters per multi-row statement (SQLite allows 32,766, PostgreSQL 65,535).
MAX_PARAMS = 30_000


@dataclass(frozen=True, slots=True)
class SaveResult:
    """What ``Archive.save`` did with one page.

    ``skipped`` is True when a page with the same content hash was already stored.
    ``article_id`` is None when the page was skipped or holds no story (the page itself
    is still stored, so it is not extracted again).
    """

    article_id: int | None
    skipped: bool
    page_id: int | None = None


class Archive(ABC):
    """A store of pages, articles and their facts (see docs/archive-schema.md)."""

    backend: Backend
    # DDL creating the schema_version table if missing (backend-specific types).
    version_table_sql: str

    # True when the backend's full-text index needs stemmed text (``index_articles``).
    stems_text = False

    def __init__(self, url: str) -> None:
        self.url = url
        self._depth = 0
        # State of the open transaction (locks taken, staged cache entries); cleared at its end.
        self.txn_state: dict[str, Any] = {}
        self._on_commit: list[Callable[[], None]] = []

    # --- connection and transactions -------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[Archive]:
        """Run the block in one transaction; nested blocks join the outer one."""
        if self._depth:
            self._depth += 1
            try:
                yield self
            finally:
                self._depth -= 1
            return
        self.txn_state = {}
        self._on_commit = []
        try:
            with self._transaction():
                self._depth = 1
                try:
                    yield self
                finally:
                    self._depth = 0
            for hook in self._on_commit:
                hook()
        finally:
            self.txn_state = {}
            self._on_commit = []

    def on_commit(self, hook: Callable[[], None]) -> None:
        """Call ``hook`` once the open transaction commits (never when it rolls back)."""
        if not self._depth:
            hook()
            return
        self._on_commit.append(hook)

    @property
    def in_transaction(self) -> bool:
        return self._depth > 0

    def execute(self, sql: str, params: Params = ()) -> int:
        """Run one statement written with ``?`` placeholders; return the affected row count."""
        return self._execute(sql, params)

    def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        """Run one statement once per parameter row."""
        rows = list(rows)
        if rows:
            self._executemany(sql, rows)

    def fetchall(self, sql: str, params: Params = ()) -> list[Row]:
        """Rows of a query as dicts (JSON and boolean columns are left as stored)."""
        return self._fetchall(sql, params)

    def fetchtuples(self, sql: str, params: Params = ()) -> list[tuple[Any, ...]]:
        """Rows of a query as tuples in column order, undecoded: for queries of many rows,
        where building a dict per row costs more than the query."""
        return self._fetchtuples(sql, params)

    def fetchone(self, sql: str, params: Params = ()) -> Row | None:
        rows = self._fetchall(sql, params)
        return rows[0] if rows else None

    def fetchval(self, sql: str, params: Params = ()) -> Any:
        """The first column of the first row, or None."""
        row = self.fetchone(sql, params)
        return None if row is None else next(iter(row.values()))

    def close(self) -> None:
        self._close()

    def insert_rows(self, target: str, rows: Sequence[Sequence[Any]], *,
                    conflict: bool = True, returning: str | None = None) -> list[Row]:
        """Insert many rows in one statement (per ``MAX_PARAMS`` values, not one per row).

        ``target`` is ``"table (col, …)"``; ``conflict`` adds ``ON CONFLICT DO NOTHING``;
        ``returning`` names columns to read back from the inserted rows.
        """
        if not rows:
            return []
        tail = (" ON CONFLICT DO NOTHING" if conflict else "") + \
            (f" RETURNING {returning}" if returning else "")
        out: list[Row] = []
        size = max(1, MAX_PARAMS // max(1, len(rows[0])))
        for start in range(0, len(rows), size):
            chunk = rows[start:start + size]
            one = "(" + ", ".join("?" * len(chunk[0])) + ")"
            sql = f"INSERT INTO {target} VALUES {', '.join([one] * len(chunk))}{tail}"
            values = [value for row in chunk for value in row]
            if returning:
                out += self.fetchall(sql, values)
            else:
                self.execute(sql, values)
        return out

    @abstractmethod
    def reserve_ids(self, table: str, count: int) -> list[int]:
        """``count`` unused ids of ``table`` (``articles`` or ``stories``), for rows this
        transaction inserts with explicit ids: rows that refer to them can be decided
        before they exist. Call inside a transaction; never hands out an id twice."""

    def any_of(self, column: str, values: Sequence[Any]) -> tuple[str, list[Any]]:
        """A condition ``column`` is one of ``values`` and its parameters; ``values`` must
        not be empty (PostgreSQL: ``= ANY(?)``, one statement text for any count)."""
        return f"{column} IN ({', '.join('?' * len(values))})", list(values)

    # --- schema ------------------------------------------------------------------------

    def migrate(self, *, target: int | None = None) -> list[int]:
        """Apply the missing migrations up to ``target`` (default: the latest) in order.

        Each runs in its own transaction under the schema lock, so two processes opening a
        new archive at once apply each migration exactly once. Returns the versions applied.
        """
        steps = migrations(self.backend)
        target = steps[-1].version if target is None else target
        with self.transaction():
            self._lock_schema()
            self._execute(self.version_table_sql, ())
        self.check_version(newest=steps[-1].version)
        applied = []
        for step in steps[:target]:
            with self.transaction():
                self._lock_schema()
                if self.schema_version() >= step.version:
                    continue
                self._run_script(step.sql)
                self.execute("INSERT INTO schema_version (version, name) VALUES (?, ?)",
                             (step.version, step.name))
                applied.append(step.version)
        return applied

    def check_version(self, *, newest: int) -> None:
        """Refuse an archive written by a newer warta: its schema is unknown here."""
        found = self.schema_version()
        if found > newest:
            raise archive_error(self.url, f"archive schema is version {found}, newer than this "
                                f"warta understands (version {newest}): upgrade warta")

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- pages and articles ----------------------------------------------------------

    def save(self, extraction: Extraction, raw: bytes, *, source: str) -> SaveResult:
        """Store one page with its article and facts in one transaction.

        The page is skipped when its content hash (sha256 of ``raw``) is already stored;
        a lost lock race is retried. Syndication (``stories.assign_stories``) runs inside
        the same transaction, so a page is stored whole or not at all.
        """
        for attempt in range(1, SAVE_ATTEMPTS + 1):
            try:
                with self.transaction():
                    return writer.write_extraction(self, extraction, raw, source=source)
            except Exception as exc:
                if attempt == SAVE_ATTEMPTS or not self._is_retryable(exc):
                    raise
        raise AssertionError("unreachable")  # pragma: no cover

    def save_prepared(self, pages: Sequence[tuple[writer.Prepared, str]]
                      ) -> list[SaveResult | Exception]:
        """Store several prepared pages (``writer.prepare``, with their source names) in one
        transaction; a lost lock race retries the whole group.

        When a page fails otherwise, the group is rolled back and each page is saved again
        in a transaction of its own, so only that page fails: its result is the exception.
        """
        if len(pages) == 1:
            return [self._save_one(*pages[0])]
        for _ in range(SAVE_ATTEMPTS):
            try:
                with self.transaction():
                    return list(writer.write_batch(self, pages))
            except Exception as exc:
                if not self._is_retryable(exc):
                    break
        return [self._save_one(prepared, source) for prepared, source in pages]

    def _save_one(self, prepared: writer.Prepared, source: str) -> SaveResult | Exception:
        for attempt in range(1, SAVE_ATTEMPTS + 1):
            try:
                with self.transaction():
                    return writer.write_prepared(self, prepared, source=source)
            except Exception as exc:
                if attempt == SAVE_ATTEMPTS or not self._is_retryable(exc):
                    return exc
        raise AssertionError("unreachable")  # pragma: no cover

    def has_page(self, content_hash: str) -> bool:
        """True when a page with this sha256 hex digest of its raw bytes is stored."""
        return self.fetchone("SELECT 1 AS found FROM pages WHERE content_hash = ?",
                             (content_hash,)) is not None

    def stored_pages(self, content_hashes: Sequence[str]) -> set[str]:
        """Those of these sha256 hex digests whose pages are stored (one query)."""
        if not content_hashes:
            return set()
        where, params = self.any_of("content_hash", content_hashes)
        return {str(row["content_hash"]) for row in self.fetchall(
            f"SELECT content_hash FROM pages WHERE {where}", params)}

    def page_raw(self, page_id: int) -> bytes | None:
        """The raw bytes of a stored page, as ingested (for re-extraction)."""
        raw = self.fetchval("SELECT raw FROM pages WHERE id = ?", (page_id,))
        return None if raw is None else gzip.decompress(bytes(raw))

    def article(self, article_id: int, *, facts: bool = True) -> Row | None:
        """One article with its page fields, chrome and (by default) facts, or None."""
        row = self.fetchone(
            "SELECT a.*, p.content_hash, p.source, p.url, p.kind, p.fetched, p.ingested_at"
            " FROM articles a JOIN pages p ON p.id = a.page_id WHERE a.id = ?", (article_id,))
        if row is None:
            return None
        out = decode_row(row)
        out["chrome"] = self._chrome(article_id)
        if facts:
            out.update(self._facts(article_id))
        return out

    def count(self, table: str) -> int:
        """Rows in one of the archive's tables (see ``schema.TABLES``)."""
        if table not in TABLES:
            raise ValueError(f"unknown table {table!r}; tables: {', '.join(TABLES)}")
        return int(self.fetchval(f"SELECT count(*) AS n FROM {table}"))

    def schema_version(self) -> int:
        """The highest migration applied to this archive."""
        return int(self.fetchval("SELECT max(version) AS v FROM schema_version") or 0)

    def _chrome(self, article_id: int) -> dict[str, list[str]]:
        rows = self.fetchall("SELECT list_name, headline FROM chrome_links"
                             " WHERE article_id = ? ORDER BY list_name, position", (article_id,))
        chrome: dict[str, list[str]] = {}
        for row in rows:
            chrome.setdefault(row["list_name"], []).append(row["headline"])
        return chrome

    def _facts(self, article_id: int) -> dict[str, list[Row]]:
        entities = self.fetchall(
            "SELECT e.id, e.name, e.type, e.country, ae.role, ae.mention_count"
            " FROM article_entities ae JOIN entities e ON e.id = ae.entity_id"
            " WHERE ae.article_id = ? ORDER BY e.id", (article_id,))
        listed = {table: [decode_row(row) for row in self.fetchall(
            f"SELECT * FROM {table} WHERE article_id = ? ORDER BY position", (article_id,))]
            for table in ("events", "quantities", "attributions")}
        return {"entities": entities, **listed}

    # --- what a backend provides -----------------------------------------------------

    @abstractmethod
    def _transaction(self) -> Any:
        """A context manager: BEGIN on enter, COMMIT on success, ROLLBACK on error."""

    @abstractmethod
    def _execute(self, sql: str, params: Params) -> int: ...

    @abstractmethod
    def _executemany(self, sql: str, rows: list[Params]) -> None: ...

    @abstractmethod
    def _fetchall(self, sql: str, params: Params) -> list[Row]: ...

    @abstractmethod
    def _fetchtuples(self, sql: str, params: Params) -> list[tuple[Any, ...]]: ...

    @abstractmethod
    def _close(self) -> None: ...

    @abstractmethod
    def _run_script(self, script: str) -> None:
        """Run a migration script (many statements) in the open transaction."""

    @abstractmethod
    def _lock_schema(self) -> None:
        """Hold, until the transaction ends, a lock that serialises schema changes."""

    @abstractmethod
    def _is_retryable(self, exc: Exception) -> bool:
        """True for errors a retried transaction may avoid (deadlock, busy database)."""

    @abstractmethod
    def index_articles(self, articles: Sequence[tuple[int, str | None, str,
                                                      tuple[str, str] | None]]) -> None:
        """Add articles ``(id, title, body, stemmed)`` to the full-text index (a no-op
        where the index is generated); ``stemmed`` is (title, body) already stemmed
        (``writer.prepare``), or None."""


def decode_row(row: Row) -> Row:
    """Decode JSON text columns and 0/1 booleans so both backends read the same."""
    out = dict(row)
    for key, value in out.items():
        if key in JSON_COLUMNS and isinstance(value, str):
            out[key] = json.loads(value)
        elif key in BOOL_COLUMNS and value is not None:
            out[key] = bool(value)
        elif isinstance(value, datetime):
            out[key] = value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    out.pop("raw", None)
    out.pop("search", None)
    return out


def archive_error(url: str, problem: str) -> ArchiveError:
    """An ArchiveError naming the archive without its password."""
    return ArchiveError(redact(url), problem)


def redact(url: str) -> str:
    """The URL with any password replaced by ``***``."""
    scheme, sep, rest = url.partition("://")
    if not sep or "@" not in rest:
        return url
    auth, _, host = rest.rpartition("@")
    user, colon, _ = auth.partition(":")
    return f"{scheme}://{user}{':***' if colon else ''}@{host}"
