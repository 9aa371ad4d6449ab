"""The server archive: PostgreSQL through psycopg 3, searched with the `indonesian` config.

``postgresql://user:password@host:5432/dbname`` (any libpq URL) opens the database's
default schema; ``?schema=name`` keeps the archive in its own schema (created if missing),
so one database can hold several archives or test runs. Full-text search reads the
generated ``articles.search`` tsvector column (Snowball Indonesian stems, title weighted A,
body B) through its GIN index.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import psycopg
from psycopg import errors, sql
from psycopg.rows import dict_row

from warta.archive.base import Archive, Params, Row, archive_error

# Seconds to wait for the server before reporting that it does not answer.
CONNECT_TIMEOUT = 10
_LITERAL = re.compile(r"('(?:[^']|'')*')")


class PostgresArchive(Archive):
    """An archive in a PostgreSQL database (``postgresql://…[?schema=name]``)."""

    backend = "postgresql"
    version_table_sql = (
        "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY,"
        " name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())")

    def __init__(self, url: str) -> None:
        super().__init__(url)
        conninfo, self.schema = split_schema(url)
        self._types: dict[str, list[str]] = {}  # insert target → column types
        self._conn = connect(conninfo, url=url)
        if self.schema:
            self._use_schema(self.schema)

    def _use_schema(self, schema: str) -> None:
        with self.transaction():
            self._advisory_lock(f"warta-schema:{schema}")
            self._conn.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(
                sql.Identifier(schema)))
        self._conn.execute(sql.SQL("SET search_path TO {}").format(sql.Identifier(schema)))

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        with self._conn.transaction():
            yield

    def _execute(self, sql_text: str, params: Params) -> int:
        with self._conn.cursor() as cur:
            cur.execute(pyformat(sql_text), tuple(params))
            return cur.rowcount

    def _executemany(self, sql_text: str, rows: list[Params]) -> None:
        with self._conn.cursor() as cur:
            cur.executemany(pyformat(sql_text), [tuple(row) for row in rows])

    def _fetchall(self, sql_text: str, params: Params) -> list[Row]:
        with self._conn.cursor(row_factory=dict_row) as cur:
            cur.execute(pyformat(sql_text), tuple(params))
            return cur.fetchall() if cur.description else []

    def _fetchtuples(self, sql_text: str, params: Params) -> list[tuple[Any, ...]]:
        with self._conn.cursor() as cur:
            cur.execute(pyformat(sql_text), tuple(params))
            return cur.fetchall() if cur.description else []

    def reserve_ids(self, table: str, count: int) -> list[int]:
        """Values drawn from the table's identity sequence (never handed out twice, even
        to concurrent transactions; a rolled-back draw leaves a gap)."""
        if count <= 0:
            return []
        return [int(row[0]) for row in self._fetchtuples(
            "SELECT nextval(pg_get_serial_sequence(?, 'id')) FROM generate_series(1, ?)",
            (table, count))]

    def _run_script(self, script: str) -> None:
        self._conn.execute(script.encode("utf-8"))

    def _lock_schema(self) -> None:
        self._conn.execute("SELECT pg_advisory_xact_lock(hashtext('warta:' || current_schema()))")

    def _advisory_lock(self, name: str) -> None:
        self._conn.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (name,))

    def _close(self) -> None:
        self._conn.close()

    def _is_retryable(self, exc: Exception) -> bool:
        return isinstance(exc, errors.DeadlockDetected | errors.SerializationFailure)

    def index_articles(self, articles: Sequence[tuple[int, str | None, str,
                                                      tuple[str, str] | None]]) -> None:
        """Nothing to do: ``articles.search`` is a generated column."""

    def insert_rows(self, target: str, rows: Sequence[Sequence[Any]], *,
                    conflict: bool = True, returning: str | None = None) -> list[Row]:
        """One fixed statement text however many rows, so nothing is parsed per call and
        the server can keep its plan: ``COPY … FROM STDIN`` when nothing is read back and
        no conflict is possible, else ``INSERT … SELECT * FROM unnest(?::type[], …)``
        with one array per column."""
        if not rows:
            return []
        if not conflict and not returning:
            with self._conn.cursor() as cur, cur.copy(f"COPY {target} FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return []
        arrays = ", ".join(f"?::{kind}[]" for kind in self._column_types(target))
        tail = (" ON CONFLICT DO NOTHING" if conflict else "") + \
            (f" RETURNING {returning}" if returning else "")
        return self.fetchall(f"INSERT INTO {target} SELECT * FROM unnest({arrays}){tail}",
                             [list(column) for column in zip(*rows, strict=True)])

    def _column_types(self, target: str) -> list[str]:
        """SQL types of the columns of ``"table (col, …)"``, in order (read once)."""
        if target not in self._types:
            table, _, listed = target.partition("(")
            columns = [name.strip() for name in listed.rstrip(") ").split(",")]
            rows = self._fetchall(
                "SELECT attname, format_type(atttypid, atttypmod) AS kind FROM pg_attribute"
                " WHERE attrelid = ?::regclass AND attnum > 0", (table.strip(),))
            kinds = {str(row["attname"]): str(row["kind"]) for row in rows}
            self._types[target] = [kinds[column] for column in columns]
        return self._types[target]


def connect(conninfo: str, *, url: str) -> psycopg.Connection[Any]:
    try:
        return psycopg.connect(conninfo, autocommit=True, connect_timeout=CONNECT_TIMEOUT)
    except psycopg.Error as exc:
        reason = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
        raise archive_error(url, f"cannot connect to PostgreSQL ({reason}); is the server "
                            "running, and are the host, user and database right?") from exc


def split_schema(url: str) -> tuple[str, str | None]:
    """The libpq URL without warta's own ``schema`` parameter, and that schema."""
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    schema = next((value for key, value in query if key == "schema"), None)
    rest = urlencode([(key, value) for key, value in query if key != "schema"])
    if parts.scheme == "postgres":
        parts = parts._replace(scheme="postgresql")
    return urlunsplit(parts._replace(query=rest)), schema or None


@lru_cache(maxsize=512)
def pyformat(sql_text: str) -> str:
    """``?`` placeholders → psycopg's ``%s``; literal ``%`` doubled (even inside quotes)."""
    pieces = _LITERAL.split(sql_text.replace("%", "%%"))
    return "".join(piece if index % 2 else piece.replace("?", "%s")
                   for index, piece in enumerate(pieces))
