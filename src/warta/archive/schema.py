"""The archive's tables and its versioned migrations, one description for both backends.

Migrations are SQL files in ``migrations/<backend>/NNNN_name.sql``; both backends carry the
same numbers and names. An archive records what it has applied in ``schema_version``
(version, name, applied_at); opening an archive applies the missing versions in order,
each inside its own transaction, so an upgrade either happens whole or not at all.

To change the schema, add ``NNNN_what.sql`` to *both* folders and describe the change in
``docs/archive-schema.md``; never edit a migration that has been released.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from functools import cache
from importlib import resources

BACKENDS = ("sqlite", "postgresql")
_MIGRATION_NAME = re.compile(r"^(\d{4})_(\w+)\.sql$")

# Every table of the archive in foreign-key order, with what one row is.
TABLES: dict[str, str] = {
    "pages": "one raw page as ingested, gzip-compressed, unique by content hash",
    "articles": "the story read from a page: title, body, metadata, story cluster",
    "chrome_links": "one headline of a chrome list (inline, related, popular, picks, latest)",
    "entities": "one canonical entity (name, type, country), shared by articles",
    "article_entities": "an entity named in an article, with its role and mention count",
    "mentions": "one surface form under which an entity is named in an article",
    "events": "one PLOVER event of an article",
    "event_parties": "one actor, recipient or mediator code of an event (for filters)",
    "quantities": "one counted group (killed, injured, ...) of an article",
    "attributions": "one claim credited to a speaker",
    "stories": "a cluster of syndicated copies of the same story",
    "story_bands": "one MinHash LSH band key of an article (near-duplicate lookup)",
    "related": "a scored link between two articles on related stories",
    "fetched_urls": "one URL fetched from the web and the page it gave (warta.collect)",
    "fetch_failures": "one URL whose fetch failed: status, reason, attempts, next retry",
    "watched_feeds": "one followed feed or sitemap: validators, last success, counts",
}
# Full-text search: SQLite keeps stemmed text in an FTS5 table (rowid = articles.id);
# PostgreSQL keeps a generated tsvector column on articles with a GIN index.
FTS_TABLE = "articles_fts"
FTS_COLUMN = "search"


@dataclass(frozen=True, slots=True)
class Migration:
    """One versioned schema step for one backend."""

    version: int
    name: str
    sql: str


@cache
def migrations(backend: str) -> tuple[Migration, ...]:
    """The migrations of ``backend`` ("sqlite" or "postgresql") in version order."""
    if backend not in BACKENDS:
        raise ValueError(f"unknown archive backend {backend!r}; expected one of {BACKENDS}")
    folder = resources.files("warta.archive") / "migrations" / backend
    found = []
    for entry in folder.iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append(Migration(int(match[1]), match[2], entry.read_text(encoding="utf-8")))
    found.sort(key=lambda migration: migration.version)
    versions = [migration.version for migration in found]
    if versions != list(range(1, len(found) + 1)):
        raise RuntimeError(f"{backend} migrations are not numbered 1..n: {versions}")
    return tuple(found)


def latest_version(backend: str) -> int:
    """The schema version this warta writes."""
    return migrations(backend)[-1].version


def sqlite_statements(script: str) -> list[str]:
    """Split a SQLite script into statements (triggers keep their inner semicolons)."""
    statements, current = [], ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    if current.strip() and not _only_comments(current):
        raise ValueError(f"unterminated SQL statement: {current.strip()[:80]}")
    return statements


def _only_comments(text: str) -> bool:
    return all(not line.strip() or line.strip().startswith("--") for line in text.splitlines())
