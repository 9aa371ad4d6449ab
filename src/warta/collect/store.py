"""The collect tables of the archive (migration 4): fetched URLs, failures, watched feeds.

Every function takes the open ``Archive`` and joins its transaction when one is open.
Times are ``YYYY-MM-DDTHH:MM:SSZ`` text, which compares correctly as strings.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from warta.archive.base import Archive, Row
from warta.collect.config import CollectSettings
from warta.collect.fetch import Fetched
from warta.collect.timing import backoff, iso, utc_now

# Failures never retried: the site asked not to be crawled there.
NOT_RETRIED = frozenset({"robots"})
# URLs looked up per query.
LOOKUP = 500


def known_urls(archive: Archive, urls: Sequence[str]) -> set[str]:
    """Those of ``urls`` (canonical form) that already gave a page."""
    found: set[str] = set()
    unique = list(dict.fromkeys(urls))
    for start in range(0, len(unique), LOOKUP):
        where, params = archive.any_of("url", unique[start:start + LOOKUP])
        found |= {str(row["url"]) for row in archive.fetchall(
            f"SELECT url FROM fetched_urls WHERE {where}", params)}
    return found


def held_back(archive: Archive, urls: Sequence[str], *, now: str | None = None) -> set[str]:
    """Those of ``urls`` that failed and are not due for another try yet (or never are)."""
    now = now or utc_now()
    found: set[str] = set()
    unique = list(dict.fromkeys(urls))
    for start in range(0, len(unique), LOOKUP):
        where, params = archive.any_of("url", unique[start:start + LOOKUP])
        found |= {str(row["url"]) for row in archive.fetchall(
            f"SELECT url FROM fetch_failures WHERE {where}"
            " AND (retry_at IS NULL OR retry_at > ?)", [*params, now])}
    return found


def due_retries(archive: Archive, source: str, *, now: str | None = None) -> list[str]:
    """Page URLs of ``source`` that failed before and are due for another try (feeds and
    sitemaps are checked every round anyway)."""
    rows = archive.fetchall("SELECT url FROM fetch_failures WHERE source = ?"
                            " AND retry_at IS NOT NULL AND retry_at <= ?"
                            " AND url NOT IN (SELECT url FROM watched_feeds) ORDER BY retry_at",
                            (source, now or utc_now()))
    return [str(row["url"]) for row in rows]


def record_fetched(archive: Archive, urls: Iterable[str], *, fetched: Fetched,
                   content_hash: str | None, source: str, canonical: str | None) -> None:
    """Remember that each of ``urls`` gave the page ``content_hash`` (a URL already known
    keeps its first record); their failures are cleared."""
    names = list(dict.fromkeys(urls))
    archive.insert_rows(
        "fetched_urls (url, content_hash, source, requested_url, final_url, canonical_url,"
        " status, redirects, charset, fetched_at)",
        [(url, content_hash, source, fetched.url, fetched.final_url, canonical,
          fetched.status, json.dumps([list(hop) for hop in fetched.redirects]),
          fetched.charset, fetched.fetched_at) for url in names])
    clear_failures(archive, names)


def clear_failures(archive: Archive, urls: Sequence[str]) -> None:
    if urls:
        where, params = archive.any_of("url", list(urls))
        archive.execute(f"DELETE FROM fetch_failures WHERE {where}", params)


@dataclass(frozen=True, slots=True)
class Failure:
    """One failed fetch (or a fetched page that could not be used)."""

    url: str
    reason: str
    message: str
    status: int | None = None
    retry_in: float | None = None  # the server's Retry-After, when it gave one


def record_failure(archive: Archive, failure: Failure, *, source: str,
                   settings: CollectSettings) -> None:
    """Add a failed attempt: attempts + 1, the next try after a doubling wait (or the
    server's Retry-After), none after ``failure_attempts`` or for robots.txt."""
    now = datetime.now(UTC)
    attempts = 1 + int(archive.fetchval("SELECT attempts FROM fetch_failures WHERE url = ?",
                                        (failure.url,)) or 0)
    wait = failure.retry_in if failure.retry_in is not None else backoff(
        attempts, base=settings.failure_retry_base, cap=30 * 86400.0)
    retry_at = None if (failure.reason in NOT_RETRIED
                        or attempts >= settings.failure_attempts) \
        else iso(now + timedelta(seconds=wait))
    archive.execute(
        "INSERT INTO fetch_failures (url, source, status, reason, message, attempts,"
        " first_failed, last_failed, retry_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (url) DO UPDATE SET source = excluded.source, status = excluded.status,"
        " reason = excluded.reason, message = excluded.message, attempts = excluded.attempts,"
        " last_failed = excluded.last_failed, retry_at = excluded.retry_at",
        (failure.url, source, failure.status, failure.reason, failure.message, attempts,
         iso(now), iso(now), retry_at))


def feed_state(archive: Archive, url: str) -> Row | None:
    return archive.fetchone("SELECT * FROM watched_feeds WHERE url = ?", (url,))


def save_feed_check(archive: Archive, url: str, *, source: str, kind: str | None = None,
                    fetched: Fetched | None = None, new_items: int = 0,
                    error: str | None = None) -> None:
    """Record one check of a feed or sitemap: success (with its validators) or ``error``."""
    now = utc_now()
    before = feed_state(archive, url) or {}
    ok = error is None
    values: dict[str, Any] = {
        "url": url, "source": source, "kind": kind or before.get("kind"),
        "etag": fetched.etag if fetched and fetched.etag else before.get("etag"),
        "last_modified": (fetched.last_modified if fetched and fetched.last_modified
                          else before.get("last_modified")),
        "last_checked": now,
        "last_success": now if ok else before.get("last_success"),
        "last_new": now if new_items else before.get("last_new"),
        "items_seen": int(before.get("items_seen") or 0) + new_items,
        "failures": 0 if ok else int(before.get("failures") or 0) + 1,
        "last_error": error if not ok else None,
    }
    columns = ", ".join(values)
    updates = ", ".join(f"{name} = excluded.{name}" for name in values if name != "url")
    archive.execute(f"INSERT INTO watched_feeds ({columns}) VALUES"
                    f" ({', '.join('?' * len(values))})"
                    f" ON CONFLICT (url) DO UPDATE SET {updates}", list(values.values()))


def source_report(archive: Archive) -> list[Row]:
    """Per source: feeds, last check and success, pages kept, failures (and how many wait
    for a retry), and the latest error."""
    feeds = archive.fetchall(
        "SELECT source, count(*) AS feeds, max(last_checked) AS last_checked,"
        " max(last_success) AS last_success, sum(items_seen) AS items_seen"
        " FROM watched_feeds GROUP BY source")
    pages = {row["source"]: int(row["n"]) for row in archive.fetchall(
        "SELECT source, count(DISTINCT content_hash) AS n FROM fetched_urls"
        " WHERE content_hash IS NOT NULL GROUP BY source")}
    failures = {row["source"]: row for row in archive.fetchall(
        "SELECT source, count(*) AS failures,"
        " sum(CASE WHEN retry_at IS NULL THEN 0 ELSE 1 END) AS retrying,"
        " max(last_failed) AS last_failed FROM fetch_failures GROUP BY source")}
    errors = {row["source"]: f"{row['url']}: {row['reason']} ({row['message']})"
              for row in archive.fetchall(
                  "SELECT source, url, reason, message, last_failed FROM fetch_failures"
                  " ORDER BY last_failed, url")}
    names = sorted({*(row["source"] for row in feeds), *pages, *failures})
    by_name = {row["source"]: row for row in feeds}
    report = []
    for name in names:
        feed = by_name.get(name, {})
        failed = failures.get(name, {})
        report.append({
            "source": name, "feeds": int(feed.get("feeds") or 0),
            "last_checked": feed.get("last_checked"), "last_success": feed.get("last_success"),
            "pages": pages.get(name, 0), "failures": int(failed.get("failures") or 0),
            "retrying": int(failed.get("retrying") or 0), "last_error": errors.get(name)})
    return report


def failures(archive: Archive, *, source: str | None = None) -> list[Row]:
    """The failure rows, newest first (of one source when given)."""
    where, params = ("WHERE source = ?", [source]) if source else ("", [])
    return archive.fetchall(f"SELECT * FROM fetch_failures {where}"
                            " ORDER BY last_failed DESC, url", params)
