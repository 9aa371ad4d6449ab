"""Archive fixtures: a SQLite file in tmp_path and a PostgreSQL archive in a fresh schema.

PostgreSQL tests use WARTA_TEST_PG (default postgresql://postgres@127.0.0.1:5432/test).
Without a server they skip with a message; under CI=1 (set by .ci/run) they fail instead.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from warta.archive import Archive, open_archive

PG_URL = os.environ.get("WARTA_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")
BACKENDS = ("sqlite", "postgresql")


@cache
def pg_problem() -> str | None:
    """Why the test PostgreSQL server cannot be used, or None when it answers."""
    try:
        with psycopg.connect(PG_URL, connect_timeout=3) as conn:
            conn.execute("SELECT 1")
    except psycopg.Error as exc:
        return f"PostgreSQL at {PG_URL} does not answer ({' '.join(str(exc).split())[:160]})"
    return None


def require_pg() -> None:
    problem = pg_problem()
    if problem is None:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{problem}; CI=1 needs it (start PostgreSQL or set WARTA_TEST_PG)")
    pytest.skip(f"{problem}; set WARTA_TEST_PG or start the server to run these tests")


@contextmanager
def backend_url(backend: str, folder: Path) -> Iterator[str]:
    """An archive URL for ``backend``: a SQLite file in ``folder``, or PostgreSQL in a schema
    of its own that is dropped afterwards."""
    if backend == "sqlite":
        yield f"sqlite:///{folder / 'warta.db'}"
        return
    require_pg()
    schema = f"warta_test_{uuid.uuid4().hex[:12]}"
    yield f"{PG_URL}?schema={schema}"
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema)))


@pytest.fixture
def pg_url(tmp_path: Path) -> Iterator[str]:
    """A PostgreSQL archive URL in a schema of its own, dropped after the test."""
    with backend_url("postgresql", tmp_path) as url:
        yield url


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'warta.db'}"


@pytest.fixture(params=BACKENDS)
def archive_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty archive, once per backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'warta.db'}"
    url: str = request.getfixturevalue("pg_url")
    return url


@pytest.fixture
def archive(archive_url: str) -> Iterator[Archive]:
    with open_archive(archive_url) as opened:
        yield opened
