"""Syndication: exact hash, MinHash LSH, wire markers; origin; related stories.

``assign_story`` runs inside the transaction that saves an article (``writer.py``, step 5):

1. fingerprint the article (``similarity.fingerprint``: normalised words, 5-shingles,
   numbers, wire markers, content words) — normally done already, with the LSH band keys,
   by ``writer.prepare`` in the extraction worker;
2. take the story lock, once per transaction: PostgreSQL ``pg_advisory_xact_lock``
   (SQLite's ``BEGIN IMMEDIATE`` already serialises writers), so two processes ingesting
   copies of one story at once see each other: the second waits for the first to commit,
   then finds its rows (``Archive.save_prepared`` takes it first thing, before any row of
   its pages is written);
3. exact copies: another article with the same ``body_hash``;
4. near copies: the articles sharing most LSH band keys (``story_bands``), at most
   ``MAX_CANDIDATES``, each verified with ``similarity.copy_score``;
5. join the story of those copies, or open a new one; when the article bridges copies
   filed under several stories (a trimmed copy and an edited copy that did not match each
   other, then their origin), those stories merge into the oldest; store the band keys;
6. refresh a joined story: origin = earliest published copy (ties and undated copies:
   earliest ingested), ``first_published``, ``n_copies``, ``n_outlets`` (a new story is
   inserted with those values already);
7. related stories: recent articles naming the same entities (``MAX_ENTITIES`` of this
   article's, ``RECENT_PER_ENTITY`` articles each), scored with
   ``similarity.related_score``; the best ``RELATED_TOP`` at or above
   ``RELATED_MIN_SCORE`` are linked both ways (an older article thus gathers links from
   newer ones too: ``related()`` reads the best ``limit`` of them).

Fingerprints of recently saved articles are kept in a bounded in-process cache, so
verification rarely reads a body back; a miss rebuilds the fingerprint from stored rows.
Inside a transaction new fingerprints are staged and enter the cache only when it commits
(a rolled-back article's id may be reused).
"""

from __future__ import annotations

import json
from collections import Counter, OrderedDict
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

from warta.archive import similarity
from warta.archive.similarity import Fingerprint
from warta.models import Extraction

if TYPE_CHECKING:
    from warta.archive.base import Archive

MAX_CANDIDATES = 24        # LSH candidates verified per article, most shared bands first
RELATED_TOP = 5            # related stories kept per article
RELATED_MIN_SCORE = 0.2    # weaker links are not worth showing
MAX_ENTITIES = 6           # this article's most-mentioned entities used to find related ones
RECENT_PER_ENTITY = 100    # newest articles looked at per entity (bounded, indexed)
RELATED_CANDIDATES = 12    # scored per article, most shared entities first
CACHE_SIZE = 20_000        # fingerprints kept per process (a few KB each)
STORY_LOCK = 0x77617274    # advisory lock key of story assignment ("wart")
_WIB = timezone(timedelta(hours=7))


class _Cache:
    """Fingerprints of recently saved articles, per archive URL, least recently used out."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[tuple[str, int], Fingerprint] = OrderedDict()

    def get(self, archive: Archive, article_id: int) -> Fingerprint | None:
        pending = archive.txn_state.get("fingerprints")
        if pending is not None and article_id in pending:
            found: Fingerprint | None = pending[article_id]
            return found
        key = (archive.url, article_id)
        found = self._items.get(key)
        if found is not None:
            self._items.move_to_end(key)
        return found

    def put(self, archive: Archive, article_id: int, fp: Fingerprint) -> None:
        """Cache a fingerprint; inside a transaction, only once it commits (a rolled-back
        article's id may be given to another article)."""
        if archive.in_transaction:
            pending = archive.txn_state.get("fingerprints")
            if pending is None:
                pending = archive.txn_state["fingerprints"] = {}
                archive.on_commit(lambda: self._keep(archive, pending))
            pending[article_id] = fp
            return
        self._keep(archive, {article_id: fp})

    def _keep(self, archive: Archive, fps: dict[int, Fingerprint]) -> None:
        for article_id, fp in fps.items():
            self._put(archive, article_id, fp)

    def _put(self, archive: Archive, article_id: int, fp: Fingerprint) -> None:
        self._items[(archive.url, article_id)] = fp
        self._items.move_to_end((archive.url, article_id))
        while len(self._items) > self.size:
            self._items.popitem(last=False)

    def clear(self) -> None:
        self._items.clear()


CACHE = _Cache(CACHE_SIZE)


def assign_story(archive: Archive, article_id: int, extraction: Extraction, *,
                 fingerprint: Fingerprint | None = None, band_keys: Sequence[str] | None = None,
                 entity_ids: Sequence[int] | None = None, body_hash: str | None = None) -> None:
    """Put a just-saved article in its story cluster and link its related stories.

    The writer passes what it already knows (``writer.prepare`` computes the fingerprint
    and band keys in the extraction worker); anything missing is computed or read here.
    """
    if entity_ids is None:
        entity_ids = _entity_ids(archive, article_id)
    fp = fingerprint if fingerprint is not None else article_fingerprint(extraction,
                                                                         entity_ids)
    keys = list(band_keys) if band_keys is not None else similarity.band_keys(fp.shingles)
    lock(archive)
    found = _near_stories(archive, fp, keys)
    exact = _exact_story(archive, article_id, body_hash)
    if exact is not None:
        found = [exact, *(story for story in found if story != exact)]
    story_id = merge_stories(archive, found) if found else None
    if story_id is None:
        story_id = int(archive.fetchval(
            "INSERT INTO stories (origin_article_id, first_published, n_copies, n_outlets)"
            " VALUES (?, ?, 1, 1) RETURNING id", (article_id, extraction.article.published)))
        archive.execute("UPDATE articles SET story_id = ? WHERE id = ?", (story_id, article_id))
    else:
        archive.execute("UPDATE articles SET story_id = ? WHERE id = ?", (story_id, article_id))
        refresh_story(archive, story_id)
    if archive.backend == "postgresql":  # one statement text for any number of keys
        archive.execute("INSERT INTO story_bands (band_key, article_id)"
                        " SELECT unnest(?::text[]), ? ON CONFLICT DO NOTHING",
                        (list(keys), article_id))
    else:
        insert_rows(archive, "story_bands (band_key, article_id)",
                    [(key, article_id) for key in keys])
    CACHE.put(archive, article_id, fp)
    link_related(archive, article_id, fp, story_id=story_id, entity_ids=entity_ids)


def article_fingerprint(extraction: Extraction, entity_ids: Iterable[int]) -> Fingerprint:
    """The fingerprint of an extracted article (``entity_ids``: its stored entities)."""
    article = extraction.article
    events = [similarity.event_key(ev.type, ev.location, ev.actors)
              for ev in extraction.facts.events]
    return similarity.fingerprint(
        article.body, title=article.title, outlet=article.outlet,
        wire_sources=article.wire_sources, marker_text=extraction.page.text,
        entities=[str(i) for i in entity_ids], events=events)


def lock(archive: Archive) -> None:
    """Take the story lock for the rest of the transaction (once per transaction)."""
    if archive.backend == "postgresql" and not archive.txn_state.get("story_lock"):
        archive.execute("SELECT pg_advisory_xact_lock(?)", (STORY_LOCK,))
        archive.txn_state["story_lock"] = True


def _entity_ids(archive: Archive, article_id: int) -> list[int]:
    rows = archive.fetchall("SELECT entity_id FROM article_entities WHERE article_id = ?"
                            " ORDER BY mention_count DESC, entity_id", (article_id,))
    return [int(row["entity_id"]) for row in rows]


# --- finding the story -----------------------------------------------------------------


def _exact_story(archive: Archive, article_id: int, body_hash: str | None) -> int | None:
    """The story of an earlier article with the same body hash."""
    if body_hash is not None:
        value = archive.fetchval(
            "SELECT story_id FROM articles WHERE body_hash = ? AND id <> ?"
            " AND story_id IS NOT NULL ORDER BY id LIMIT 1", (body_hash, article_id))
        return None if value is None else int(value)
    value = archive.fetchval(
        "SELECT o.story_id FROM articles a JOIN articles o ON o.body_hash = a.body_hash"
        " WHERE a.id = ? AND o.id <> a.id AND o.story_id IS NOT NULL ORDER BY o.id LIMIT 1",
        (article_id,))
    return None if value is None else int(value)


def _near_stories(archive: Archive, fp: Fingerprint, keys: Sequence[str]) -> list[int]:
    """Stories of the verified copies among the LSH candidates, most similar copy first."""
    if not keys:
        return []
    where, params = (("b.band_key = ANY(?::text[])", [list(keys)])
                     if archive.backend == "postgresql" else archive.any_of("b.band_key", keys))
    rows = archive.fetchall(
        f"SELECT b.article_id, a.story_id, count(*) AS shared FROM story_bands b"
        f" JOIN articles a ON a.id = b.article_id WHERE {where}"
        f" AND a.story_id IS NOT NULL GROUP BY b.article_id, a.story_id"
        f" ORDER BY shared DESC, b.article_id DESC LIMIT ?", (*params, MAX_CANDIDATES))
    story_of = {int(row["article_id"]): int(row["story_id"]) for row in rows}
    scored = [(similarity.copy_score(fp, other), candidate)
              for candidate, other in fingerprints(archive, list(story_of)).items()]
    out: list[int] = []
    for score, candidate in sorted(scored, reverse=True):
        if score > 0.0 and story_of[candidate] not in out:
            out.append(story_of[candidate])
    return out


def merge_stories(archive: Archive, story_ids: Sequence[int]) -> int:
    """One story out of several that a new copy bridges: the oldest keeps its id."""
    keep = min(story_ids)
    others = [story_id for story_id in story_ids if story_id != keep]
    if others:
        marks = ", ".join("?" * len(others))
        archive.execute(f"UPDATE articles SET story_id = ? WHERE story_id IN ({marks})",
                        (keep, *others))
        archive.execute(f"DELETE FROM stories WHERE id IN ({marks})", others)
    return keep


def refresh_story(archive: Archive, story_id: int) -> None:
    """Recount a story's copies and outlets and pick its origin (earliest published)."""
    rows = archive.fetchall("SELECT id, published, outlet FROM articles WHERE story_id = ?",
                            (story_id,))
    if not rows:
        return
    origin = min(rows, key=lambda row: (published_key(row["published"]), row["id"]))
    outlets = {str(row["outlet"]).casefold() for row in rows if row["outlet"]}
    archive.execute(
        "UPDATE stories SET origin_article_id = ?, first_published = ?, n_copies = ?,"
        " n_outlets = ? WHERE id = ?",
        (origin["id"], origin["published"], len(rows), max(1, len(outlets)), story_id))


def published_key(published: str | None) -> tuple[int, datetime]:
    """Sort key of a publication time: dated before undated; a bare date sorts after any
    time on that day (it says less); naive times are read as WIB (UTC+7)."""
    latest = datetime.max.replace(tzinfo=UTC)
    if not published:
        return (1, latest)
    try:
        when = datetime.fromisoformat(published.replace("Z", "+00:00"))
    except ValueError:
        return (1, latest)
    if len(published.strip()) <= 10:
        when = when.replace(hour=23, minute=59, second=59)
    if when.tzinfo is None:
        when = when.replace(tzinfo=_WIB)
    return (0, when)


# --- fingerprints of stored articles ---------------------------------------------------


def fingerprints(archive: Archive, article_ids: Sequence[int]) -> dict[int, Fingerprint]:
    """Fingerprints of stored articles: from the cache, else rebuilt from their rows."""
    out: dict[int, Fingerprint] = {}
    missing = []
    for article_id in article_ids:
        fp = CACHE.get(archive, article_id)
        if fp is None:
            missing.append(article_id)
        else:
            out[article_id] = fp
    if missing:
        for article_id, fp in _load(archive, missing).items():
            CACHE.put(archive, article_id, fp)
            out[article_id] = fp
    return {article_id: out[article_id] for article_id in article_ids if article_id in out}


def _load(archive: Archive, article_ids: Sequence[int]) -> dict[int, Fingerprint]:
    marks = ", ".join("?" * len(article_ids))
    rows = archive.fetchall(
        f"SELECT id, title, body, outlet, wire_sources FROM articles WHERE id IN ({marks})",
        tuple(article_ids))
    entities: dict[int, list[str]] = {}
    for row in archive.fetchall(
            f"SELECT article_id, entity_id FROM article_entities WHERE article_id IN ({marks})",
            tuple(article_ids)):
        entities.setdefault(int(row["article_id"]), []).append(str(row["entity_id"]))
    events: dict[int, list[str]] = {}
    for row in archive.fetchall(
            f"SELECT article_id, type, location, actors FROM events WHERE article_id IN"
            f" ({marks})", tuple(article_ids)):
        events.setdefault(int(row["article_id"]), []).append(similarity.event_key(
            row["type"], row["location"], _json_list(row["actors"])))
    return {int(row["id"]): similarity.fingerprint(
        similarity.split_body(row["body"]), title=row["title"], outlet=row["outlet"],
        wire_sources=_json_list(row["wire_sources"]),
        entities=entities.get(int(row["id"]), ()), events=events.get(int(row["id"]), ()))
        for row in rows}


def _json_list(value: Any) -> list[str]:
    if isinstance(value, str):
        value = json.loads(value)
    return [str(item) for item in value or ()]


# --- related stories -------------------------------------------------------------------


def link_related(archive: Archive, article_id: int, fp: Fingerprint, *, story_id: int,
                 entity_ids: Sequence[int]) -> None:
    """Link the article with its best related stories, both ways (see step 7)."""
    candidates = _related_candidates(archive, article_id, entity_ids[:MAX_ENTITIES], story_id)
    if not candidates:
        return
    found = fingerprints(archive, candidates)
    scored = sorted(((similarity.related_score(fp, other), other_id)
                     for other_id, other in found.items()), reverse=True)
    best = [(score, other_id) for score, other_id in scored[:RELATED_TOP]
            if score >= RELATED_MIN_SCORE]
    if not best:
        return
    rows = [(article_id, other_id, score) for score, other_id in best]
    rows += [(other_id, article_id, score) for score, other_id in best]
    insert_rows(archive, "related (article_id, related_id, score)", rows)


def _related_candidates(archive: Archive, article_id: int, entity_ids: Sequence[int],
                        story_id: int) -> list[int]:
    """Recent articles of other stories sharing most of these entities."""
    if not entity_ids:
        return []
    params: list[Any] = []
    if archive.backend == "postgresql":  # one statement text for any number of entities
        sql = ("SELECT r.article_id, a.story_id FROM unnest(?::bigint[]) AS e(id)"
               " CROSS JOIN LATERAL (SELECT article_id FROM article_entities"
               " WHERE entity_id = e.id AND article_id <> ? ORDER BY article_id DESC"
               " LIMIT ?) AS r JOIN articles a ON a.id = r.article_id")
        params = [list(entity_ids), article_id, RECENT_PER_ENTITY]
    else:
        part = ("SELECT * FROM (SELECT article_id FROM article_entities WHERE entity_id = ?"
                " AND article_id <> ? ORDER BY article_id DESC LIMIT ?) AS recent")
        sql = (f"SELECT u.article_id, a.story_id FROM"
               f" ({' UNION ALL '.join([part] * len(entity_ids))})"
               f" AS u JOIN articles a ON a.id = u.article_id")
        for entity_id in entity_ids:
            params += [entity_id, article_id, RECENT_PER_ENTITY]
    shared: Counter[int] = Counter()
    copies: set[int] = set()
    for row in archive.fetchall(sql, params):
        other = int(row["article_id"])
        shared[other] += 1
        if row["story_id"] is not None and int(row["story_id"]) == story_id:
            copies.add(other)
    ranked = [other for other, _ in sorted(shared.items(), key=lambda kv: (-kv[1], -kv[0]))]
    top = ranked[:RELATED_CANDIDATES * 2]
    return [other for other in top if other not in copies][:RELATED_CANDIDATES]


def insert_rows(archive: Archive, target: str, rows: Sequence[Sequence[Any]]) -> None:
    """One multi-row ``INSERT … ON CONFLICT DO NOTHING`` (one round trip, not one per row)."""
    archive.insert_rows(target, rows)


def related(archive: Archive, article_id: int, *, limit: int = RELATED_TOP) -> list[dict[str, Any]]:
    """An article's related stories, best first: ``{id, title, outlet, published, score}``."""
    return archive.fetchall(
        "SELECT a.id, a.title, a.outlet, a.published, r.score FROM related r"
        " JOIN articles a ON a.id = r.related_id WHERE r.article_id = ?"
        " ORDER BY r.score DESC, a.id DESC LIMIT ?", (article_id, limit))


def copies(archive: Archive, story_id: int) -> list[dict[str, Any]]:
    """The copies of a story, earliest published first (the origin leads)."""
    rows = archive.fetchall("SELECT id, title, outlet, published FROM articles"
                            " WHERE story_id = ?", (story_id,))
    return sorted(rows, key=lambda row: (published_key(row["published"]), row["id"]))
