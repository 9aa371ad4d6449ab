"""Syndication: exact hash, MinHash LSH, wire markers; origin; related stories.

``plan_stories`` runs inside the transaction that saves articles (``writer.py``), for all
the articles of that transaction at once, in saving order, after their ids are reserved and
before their rows are inserted. It reads what it needs in a few statements for the whole
group and decides in Python; the articles are then inserted with their story, and
``StoryPlan.write`` and ``link_related`` write the rest:

1. fingerprint each article (``similarity.fingerprint``: normalised words, 5-shingles,
   numbers, wire markers, content words) — done already, with the LSH band keys, by
   ``writer.prepare`` in the extraction worker;
2. take the story lock, once per transaction: PostgreSQL ``pg_advisory_xact_lock``
   (SQLite's ``BEGIN IMMEDIATE`` already serialises writers), so two processes ingesting
   copies of one story at once see each other: the second waits for the first to commit,
   then finds its rows (``Archive.save_prepared`` takes it first thing, before any row of
   its pages is written);
3. look up, for the whole group, stored articles with the same ``body_hash`` (exact
   copies) and stored articles sharing LSH band keys (``story_bands``); articles earlier
   in the same group count as stored ones;
4. per article: the exact copy's story first, then those of the near copies — the
   ``MAX_CANDIDATES`` sharing most band keys, each verified with ``similarity.copy_score``;
   join that story or open a new one; when the article bridges copies filed under
   several stories (a trimmed copy and an edited copy that did not match each other, then
   their origin), those stories merge into the oldest;
5. write: new stories (one statement, ids reserved in step 4), merged stories folded into
   the oldest, band keys; then refresh every story that gained a copy: origin = earliest
   published copy (ties and undated copies: earliest ingested), ``first_published``,
   ``n_copies``, ``n_outlets`` (a new story of one copy is inserted with those values);
6. related stories: recent articles naming the same entities (``MAX_ENTITIES`` of each
   article's, ``RECENT_PER_ENTITY`` articles each, saved before it), scored with
   ``similarity.related_score`` (what the writing process remembers of those articles
   and their stories is not read again: ``memory.py``); the best ``RELATED_TOP`` at or above
   ``RELATED_MIN_SCORE`` are linked both ways (an older article thus gathers links from
   newer ones too: ``related()`` reads the best ``limit`` of them).

Saving articles one by one or in groups gives the same stories: the group's decisions are
made in saving order against the same rows.

Fingerprints of recently saved articles are kept in a bounded in-process cache, so
verification rarely reads a body back; a miss rebuilds the fingerprint from stored rows.
Inside a transaction new fingerprints are staged and enter the cache only when it commits
(a rolled-back article's id may be reused).
"""

from __future__ import annotations

import heapq
import json
from collections import Counter, OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from warta.archive import similarity
from warta.archive.memory import RECENT_PER_ENTITY, WriterMemory
from warta.archive.similarity import Fingerprint
from warta.models import Extraction

if TYPE_CHECKING:
    from warta.archive.base import Archive

MAX_CANDIDATES = 24        # LSH candidates verified per article, most shared bands first
RELATED_TOP = 5            # related stories kept per article
RELATED_MIN_SCORE = 0.2    # weaker links are not worth showing
MAX_ENTITIES = 6           # this article's most-mentioned entities used to find related ones
RELATED_CANDIDATES = 12    # scored per article, most shared entities first
CACHE_SIZE = 20_000        # fingerprints kept per process (a few KB each)
STORY_LOCK = 0x77617274    # advisory lock key of story assignment ("wart")
# Entities per related-candidates statement on SQLite (a UNION ALL of one SELECT each;
# SQLite allows 500 terms in a compound SELECT).
SQLITE_ENTITIES_PER_QUERY = 200
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

    def forget(self, archive: Archive) -> None:
        """Drop the fingerprints of one archive (its articles were deleted or replaced)."""
        for key in [key for key in self._items if key[0] == archive.url]:
            del self._items[key]


CACHE = _Cache(CACHE_SIZE)



@dataclass(frozen=True, slots=True)
class NewArticle:
    """A just-saved article as story assignment needs it (``entity_ids``: most mentioned
    first)."""

    id: int
    published: str | None
    fingerprint: Fingerprint
    band_keys: tuple[int, ...]
    entity_ids: tuple[int, ...]
    body_hash: str | None = None


def plan_stories(archive: Archive, articles: Sequence[NewArticle], memory: WriterMemory
                 ) -> StoryPlan:
    """Decide the stories of articles about to be saved (ids reserved, rows not written
    yet), in saving order (steps 2–4); ``StoryPlan.story_of`` gives each its story id,
    ``StoryPlan.write`` stores the decisions once the articles are inserted (step 5)."""
    lock(archive)
    plan = StoryPlan(archive, articles, memory)
    for article in articles:
        plan.assign(article)
    plan.settle()
    return plan


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


# --- finding the story -----------------------------------------------------------------


@dataclass(slots=True)
class StoryPlan:
    """The story decisions of one group of articles, made in Python between one read of
    the stored candidates (``__init__``) and one write (``write``).

    Stories are named by their stored id; a story opened for this group is named by a
    negative number (``-1``, ``-2``, … in opening order) until ``write`` inserts it, so
    "oldest" is: stored stories by id, then new ones in opening order.
    """

    archive: Archive
    articles: Sequence[NewArticle]
    memory: WriterMemory
    story_of: dict[int, int] = field(default_factory=dict)      # article → story (unmerged)
    merged_into: dict[int, int] = field(default_factory=dict)   # story → story it joined
    exact: dict[str, int] = field(default_factory=dict)         # body hash → story
    bands: dict[int, list[int]] = field(default_factory=dict)   # band key → articles
    fps: dict[int, Fingerprint] = field(default_factory=dict)
    opened: list[tuple[int, NewArticle]] = field(default_factory=list)  # (story, first copy)
    grown: set[int] = field(default_factory=set)                 # stories that gained copies
    real: dict[int, int] = field(default_factory=dict)           # opened story → its id

    def __post_init__(self) -> None:
        self.exact = _stored_exact(self.archive, [a.body_hash for a in self.articles
                                                  if a.body_hash])
        keys = sorted({k for a in self.articles for k in a.band_keys})
        remembered = self.memory.bands  # this process's own articles, above its base
        for article_id, story_id, key in (_stored_bands(self.archive, keys, up_to=remembered.base)
                                          if remembered.base > 0 else ()):
            self.story_of[article_id] = story_id
            self.bands.setdefault(key, []).append(article_id)
        found = remembered.find(keys)
        known = _stories_of(self.archive, self.memory, {article_id for article_id, _ in found})
        for article_id, key in found:
            if (story_id := known[article_id]) is not None:
                self.story_of[article_id] = story_id
                self.bands.setdefault(key, []).append(article_id)
        wanted = {candidate for a in self.articles for candidate in self._candidates(a)}
        self.fps = fingerprints(self.archive, sorted(wanted))

    def root(self, story_id: int) -> int:
        while story_id in self.merged_into:
            story_id = self.merged_into[story_id]
        return story_id

    def _candidates(self, article: NewArticle) -> list[int]:
        """The articles sharing most band keys with this one (ties: newest first)."""
        shared = Counter(other for key in article.band_keys for other in self.bands.get(key, ()))
        return _top(shared, MAX_CANDIDATES)

    def assign(self, article: NewArticle) -> None:
        fp = article.fingerprint
        scored = [(similarity.copy_score(fp, self.fps[other]), other)
                  for other in self._candidates(article) if other in self.fps]
        found: list[int] = []
        exact = self.exact.get(article.body_hash or "")
        if exact is not None:
            found.append(self.root(exact))
        for score, other in sorted(scored, reverse=True):
            story = self.root(self.story_of[other])
            if score > 0.0 and story not in found:
                found.append(story)
        if found:
            story_id = min(found, key=_age)
            for other in found:
                if other != story_id:
                    self.merged_into[other] = story_id
            self.grown.add(story_id)
        else:
            story_id = -(len(self.opened) + 1)
            self.opened.append((story_id, article))
        self.story_of[article.id] = story_id
        self.fps[article.id] = fp
        if article.body_hash:
            self.exact.setdefault(article.body_hash, story_id)
        for key in article.band_keys:
            self.bands.setdefault(key, []).append(article.id)

    def settle(self) -> None:
        """Reserve ids for the stories this group opens (those not merged into another)."""
        firsts = [(story_id, article) for story_id, article in self.opened
                  if story_id not in self.merged_into]
        ids = self.archive.reserve_ids("stories", len(firsts)) if firsts else []
        self.real = {story_id: new_id for (story_id, _), new_id in zip(firsts, ids,
                                                                         strict=True)}

    def final(self, story_id: int) -> int:
        """The stored id a story ends up with (merges followed, opened ones numbered)."""
        root = self.root(story_id)
        return self.real.get(root, root)

    @property
    def story_of_articles(self) -> dict[int, int]:
        """Each article of the group → the id of its story."""
        return {article.id: self.final(self.story_of[article.id]) for article in self.articles}

    @property
    def merges(self) -> dict[int, int]:
        """Stored stories folded into another by this group → the story they joined."""
        return {story_id: self.final(story_id) for story_id in self.merged_into
                if story_id > 0}

    def write(self) -> None:
        """Store the decisions, once the group's articles are inserted with their stories:
        the opened stories, merged ones folded into the oldest, recounted stories, bands."""
        archive = self.archive
        firsts = dict(self.opened)
        _insert_stories(archive, [(new_id, firsts[story_id])
                                  for story_id, new_id in self.real.items()])
        folded: dict[int, list[int]] = {}
        for story_id, keep in self.merges.items():
            folded.setdefault(keep, []).append(story_id)
        for keep, others in folded.items():
            merge_stories(archive, [keep, *others])
        refresh_stories(archive, sorted({self.final(story_id) for story_id in self.grown}))
        _insert_bands(archive, self.articles)
        for article in self.articles:
            CACHE.put(archive, article.id, article.fingerprint)


def _age(story_id: int) -> tuple[bool, int]:
    """Oldest first: stored stories by id, then those opened by this group."""
    return (story_id < 0, abs(story_id))


def _stored_exact(archive: Archive, hashes: Sequence[str]) -> dict[str, int]:
    """body hash → story of the earliest stored article with that body hash."""
    if not hashes:
        return {}
    if archive.backend == "postgresql":
        rows = archive.fetchall(
            "SELECT DISTINCT ON (body_hash) body_hash, story_id FROM articles"
            " WHERE body_hash = ANY(?::text[]) AND story_id IS NOT NULL"
            " ORDER BY body_hash, id", (sorted(set(hashes)),))
    else:  # SQLite: a bare column next to min() comes from the row holding the minimum
        where, params = archive.any_of("body_hash", sorted(set(hashes)))
        rows = archive.fetchall(
            f"SELECT body_hash, story_id, min(id) AS first_id FROM articles WHERE {where}"
            f" AND story_id IS NOT NULL GROUP BY body_hash", params)
    return {str(row["body_hash"]): int(row["story_id"]) for row in rows}


def _stored_bands(archive: Archive, keys: Sequence[int], *, up_to: int
                  ) -> list[tuple[Any, ...]]:
    """(article, story, band key) of stored articles with ids up to ``up_to`` holding any of
    these band keys."""
    if not keys:
        return []
    # PostgreSQL: the keys as one array, one statement text for any number of keys.
    where, params = (("b.band_key = ANY(?::bigint[])", [list(keys)])
                     if archive.backend == "postgresql" else archive.any_of("b.band_key", keys))
    return archive.fetchtuples(  # integers on both backends
        f"SELECT b.article_id, a.story_id, b.band_key FROM story_bands b"
        f" JOIN articles a ON a.id = b.article_id WHERE {where} AND b.article_id <= ?"
        f" AND a.story_id IS NOT NULL", [*params, up_to])


def _insert_bands(archive: Archive, articles: Sequence[NewArticle]) -> None:
    """The band keys of new articles, one row each. New articles only, so no row can
    already be there: a plain insert (COPY on PostgreSQL), not one that checks for
    conflicts."""
    archive.insert_rows("story_bands (band_key, article_id)",
                        [(key, article.id) for article in articles
                         for key in dict.fromkeys(article.band_keys)], conflict=False)


def delete_bands(archive: Archive, article_id: int) -> None:
    """Remove a stored article's band rows before the article is deleted (band rows have no
    foreign key; their keys are found again from the article's fingerprint)."""
    fp = fingerprints(archive, [article_id]).get(article_id)
    keys = similarity.band_keys(fp.shingles) if fp is not None else []
    if keys:
        where, params = archive.any_of("band_key", keys)
        archive.execute(f"DELETE FROM story_bands WHERE article_id = ? AND {where}",
                        [article_id, *params])


def _insert_stories(archive: Archive, firsts: Sequence[tuple[int, NewArticle]]) -> None:
    """New stories of one copy each (reserved id, first copy), in one statement."""
    archive.insert_rows(
        "stories (id, origin_article_id, first_published, n_copies, n_outlets)",
        [(story_id, article.id, article.published, 1, 1) for story_id, article in firsts],
        conflict=False)


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
    refresh_stories(archive, [story_id])


def refresh_stories(archive: Archive, story_ids: Sequence[int]) -> None:
    """``refresh_story`` for many stories: one read, one batch of updates."""
    if not story_ids:
        return
    where, params = archive.any_of("story_id", story_ids)
    members: dict[int, list[dict[str, Any]]] = {}
    for row in archive.fetchall(f"SELECT id, story_id, published, outlet FROM articles"
                                f" WHERE {where}", params):
        members.setdefault(int(row["story_id"]), []).append(row)
    updates = []
    for story_id, rows in members.items():
        origin = min(rows, key=lambda row: (published_key(row["published"]), row["id"]))
        outlets = {str(row["outlet"]).casefold() for row in rows if row["outlet"]}
        updates.append((origin["id"], origin["published"], len(rows), max(1, len(outlets)),
                        story_id))
    archive.executemany(
        "UPDATE stories SET origin_article_id = ?, first_published = ?, n_copies = ?,"
        " n_outlets = ? WHERE id = ?", updates)


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


def link_related(archive: Archive, articles: Sequence[NewArticle], story_of: dict[int, int],
                 memory: WriterMemory, *, new_entities: Iterable[int] = (),
                 merges: dict[int, int] | None = None) -> None:
    """Link each article with its best related stories, both ways (see step 6).

    ``memory`` (``memory.recall``) supplies what this process knows of the newest articles
    of each entity and their stories; only the rest is read. ``new_entities`` were
    created by this group: no stored article names them; ``merges`` are the stored stories
    this group folded into another (``StoryPlan.merges``; memory learns them on commit)."""
    merges = merges or {}
    recent = _recent_by_entity(archive, memory, sorted({e for a in articles
                                                        for e in a.entity_ids[:MAX_ENTITIES]}),
                               before=min(article.id for article in articles),
                               new=set(new_entities))
    earlier: dict[int, list[int]] = {}  # entity → articles of this group saved so far
    ranked: dict[int, list[int]] = {}
    for article in articles:  # in saving order: an article sees those saved before it
        ranked[article.id] = _most_shared(article, recent, earlier)
        for entity_id in article.entity_ids:
            earlier.setdefault(entity_id, []).append(article.id)
    stories_of: dict[int, int | None] = dict(story_of)
    others = {other for top in ranked.values() for other in top} - set(stories_of)
    stories_of.update((other, None if found is None else merges.get(found, found))
                      for other, found in _stories_of(archive, memory, others).items())
    candidates = {article.id: [other for other in ranked[article.id]
                               if stories_of.get(other) != story_of[article.id]
                               ][:RELATED_CANDIDATES] for article in articles}
    found = fingerprints(archive, sorted({c for cs in candidates.values() for c in cs}))
    links: dict[tuple[int, int], float] = {}
    for article in articles:
        scored = sorted(((similarity.related_score(article.fingerprint, found[other]), other)
                         for other in candidates[article.id] if other in found), reverse=True)
        for score, other in scored[:RELATED_TOP]:
            if score >= RELATED_MIN_SCORE:
                links.setdefault((article.id, other), score)
                links.setdefault((other, article.id), score)
    # Every link names an article of this group, so none is stored yet: a plain insert.
    archive.insert_rows("related (article_id, related_id, score)",
                        [(*pair, score) for pair, score in links.items()], conflict=False)


def _most_shared(article: NewArticle, recent: dict[int, list[int]],
                 earlier: dict[int, list[int]]) -> list[int]:
    """The newest articles saved before this one sharing most of its entities (ties: newest
    first): per entity, the ``RECENT_PER_ENTITY`` newest of those saved earlier in its group
    (``earlier``) and the stored ones (``recent``, all older); twice ``RELATED_CANDIDATES``,
    so that enough are left once its copies are taken out."""
    shared: Counter[int] = Counter()
    for entity_id in article.entity_ids[:MAX_ENTITIES]:
        group = earlier.get(entity_id)
        stored = recent.get(entity_id, [])
        shared.update((sorted(group, reverse=True) + stored)[:RECENT_PER_ENTITY] if group
                      else stored)
    return _top(shared, RELATED_CANDIDATES * 2)


_SHARES_THEN_ID = itemgetter(1, 0)  # (article, shares) → (shares, article), in C


def _top(shared: Counter[int], count: int) -> list[int]:
    """The ``count`` articles with most shares, ties newest (highest id) first; a partial
    sort, as the counter holds hundreds of articles for a few dozen kept."""
    return [other for other, _ in heapq.nlargest(count, shared.items(), key=_SHARES_THEN_ID)]


def _recent_by_entity(archive: Archive, memory: WriterMemory, entity_ids: Sequence[int], *,
                      before: int, new: set[int]) -> dict[int, list[int]]:
    """entity → its newest ``RECENT_PER_ENTITY`` stored articles with an id below
    ``before`` (the first article of the group being saved), newest first: from
    ``memory``, else read (an index range each) and remembered; none for ``new``."""
    found = {entity_id: memory.recent[entity_id] for entity_id in entity_ids
             if entity_id in memory.recent}
    found.update((entity_id, []) for entity_id in new)
    read = _stored_recent(archive, [e for e in entity_ids if e not in found], before=before)
    memory.learn_recent(read)
    found.update(read)
    return found


def _stored_recent(archive: Archive, entity_ids: Sequence[int], *, before: int
                   ) -> dict[int, list[int]]:
    """``_recent_by_entity`` read from the archive (every entity asked gets a list)."""
    if not entity_ids:
        return {}
    if archive.backend == "postgresql":  # one statement text for any number of entities
        rows = archive.fetchtuples(
            "SELECT e.id AS entity_id, r.article_id FROM unnest(?::bigint[]) AS e(id)"
            " CROSS JOIN LATERAL (SELECT article_id FROM article_entities"
            " WHERE entity_id = e.id AND article_id < ? ORDER BY article_id DESC LIMIT ?) AS r",
            (list(entity_ids), before, RECENT_PER_ENTITY))
    else:
        part = ("SELECT * FROM (SELECT entity_id, article_id FROM article_entities"
                " WHERE entity_id = ? AND article_id < ? ORDER BY article_id DESC LIMIT ?)")
        rows = []
        for start in range(0, len(entity_ids), SQLITE_ENTITIES_PER_QUERY):
            chunk = entity_ids[start:start + SQLITE_ENTITIES_PER_QUERY]
            params = [value for entity_id in chunk
                      for value in (entity_id, before, RECENT_PER_ENTITY)]
            rows += archive.fetchtuples(" UNION ALL ".join([part] * len(chunk)), params)
    recent: dict[int, list[int]] = {entity_id: [] for entity_id in entity_ids}
    for entity_id, article_id in rows:
        recent.setdefault(int(entity_id), []).append(int(article_id))
    for listed in recent.values():
        listed.sort(reverse=True)
    return recent


def _stories_of(archive: Archive, memory: WriterMemory, article_ids: Iterable[int]
                ) -> dict[int, int | None]:
    """The story of each of these articles: remembered, else read and remembered (None for
    an article no longer stored)."""
    known = {article_id: memory.story(article_id) for article_id in article_ids}
    unknown = sorted(article_id for article_id, story_id in known.items() if story_id is None)
    if unknown:
        read = _stories(archive, unknown)
        memory.learn_stories({key: value for key, value in read.items() if value is not None})
        known.update(read)
    return known


def _stories(archive: Archive, article_ids: Sequence[int]) -> dict[int, int | None]:
    """The story of each of these stored articles."""
    if not article_ids:
        return {}
    where, params = archive.any_of("id", article_ids)
    return {int(row["id"]): None if row["story_id"] is None else int(row["story_id"])
            for row in archive.fetchall(f"SELECT id, story_id FROM articles WHERE {where}",
                                        params)}


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
