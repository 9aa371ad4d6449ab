"""Room 3, the archive: extractions stored in SQLite or PostgreSQL, searchable.

    >>> from warta.archive import open_archive
    >>> with open_archive("sqlite:///warta.db") as archive:       # doctest: +SKIP
    ...     archive.count("articles")

The URL is ``sqlite:///relative/path.db``, ``sqlite:////absolute/path.db``, a bare file
path, or ``postgresql://user[:password]@host[:port]/dbname[?schema=name]``. Without one,
``WARTA_DB`` is read, then ``sqlite:///warta.db`` in the current folder is used.
"""

from __future__ import annotations

import os

from warta.archive.base import Archive, SaveResult, archive_error
from warta.archive.schema import latest_version

DEFAULT_URL = "sqlite:///warta.db"
__all__ = ["DEFAULT_URL", "Archive", "SaveResult", "archive_url", "open_archive"]


def archive_url(url: str | None = None) -> str:
    """The archive URL to use: ``url``, else ``$WARTA_DB``, else ``sqlite:///warta.db``."""
    return url or os.environ.get("WARTA_DB") or DEFAULT_URL


def open_archive(url: str | None = None, *, upgrade: bool = True,
                 readonly: bool = False) -> Archive:
    """Open (creating it if needed) the archive at ``url`` and bring its schema up to date.

    ``upgrade=False`` leaves an older schema as it is (for inspection and tests);
    ``readonly=True`` (SQLite) opens an existing file without writing to it.
    Raises ``ArchiveError`` with a one-line message when the archive cannot be used.
    """
    url = archive_url(url)
    archive = _connect(url, readonly=readonly)
    try:
        if readonly:
            archive.check_version(newest=latest_version(archive.backend))
        elif upgrade:
            archive.migrate()
        else:
            archive.migrate(target=0)
    except BaseException:
        archive.close()
        raise
    return archive


def _connect(url: str, *, readonly: bool) -> Archive:
    scheme, sep, rest = url.partition("://")
    if scheme in ("postgresql", "postgres") and sep:
        from warta.archive.postgres import PostgresArchive

        return PostgresArchive(url)
    if scheme == "sqlite" and sep:
        path = rest[1:] if rest.startswith("/") else rest
        if not path:
            raise archive_error(url, "no file path after sqlite:/// (try sqlite:///warta.db)")
    elif sep:
        raise archive_error(url, f"unknown archive type {scheme!r}: use sqlite:///FILE "
                            "or postgresql://…")
    else:
        path = url
    from warta.archive.sqlite import SQLiteArchive

    return SQLiteArchive(path, url=url, readonly=readonly)
