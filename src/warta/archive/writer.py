"""How one Extraction becomes rows: the body of ``Archive.save``, run inside its transaction.

The work is split in two so that the single writer of an ingest only runs SQL:

* ``prepare`` (pure, picklable result; runs in the extraction worker): the page row (content
  hash, gzipped raw page), the article body and its hash, the stemmed full-text entry
  (SQLite), chrome, entity groups (canonical keys, mentions, role), event / quantity /
  attribution rows and the syndication fingerprint with its LSH band keys;
* ``write_prepared`` (in the writer, inside the caller's transaction), in order:
  1. the page row, ``ON CONFLICT (content_hash) DO NOTHING``: no row back means the page is
     already stored, and nothing else is written;
  2. without a story, stop: the page row alone keeps the page from being extracted again;
  3. the article row and its full-text index entry;
  4. chrome links, entities (canonical rows shared by articles: one multi-row
     ``INSERT … ON CONFLICT DO NOTHING`` in sorted key order, so concurrent writers take
     their locks in the same order, then one ``SELECT … WHERE key IN (…)``) with mentions,
     events with their parties, quantities, attributions — each a multi-row insert;
  5. syndication: ``stories.assign_story``.
"""

from __future__ import annotations

import dataclasses
import gzip
import hashlib
import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from warta.archive import similarity
from warta.models import CHROME_LISTS, Entity, Extraction

if TYPE_CHECKING:
    from warta.archive.base import Archive, SaveResult

_WORD = re.compile(r"\w+")
PARTY_ROLES = (("actor", "actors"), ("recipient", "recipients"), ("mediator", "mediators"))
# Bound parameters per multi-row statement (SQLite allows 32,766, PostgreSQL 65,535).
MAX_PARAMS = 30_000


def content_hash(raw: bytes) -> str:
    """The identity of a page: sha256 hex digest of its raw bytes."""
    return hashlib.sha256(raw).hexdigest()


def body_hash(body: Sequence[str]) -> str:
    """sha256 of the normalised body: NFKC, case-folded words joined by single spaces.

    Two copies of a story that differ only in punctuation, quotes, case or spacing share it.
    """
    text = unicodedata.normalize("NFKC", " ".join(body)).casefold()
    return hashlib.sha256(" ".join(_WORD.findall(text)).encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class EntityGroup:
    """The mentions of one canonical entity in one article."""

    key: str
    name: str
    type: str
    country: str | None
    role: str | None
    mentions: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Prepared:
    """Everything ``write_prepared`` stores for one page, computed without the database."""

    extraction: Extraction
    content_hash: str
    raw_size: int
    raw_gzip: bytes
    body: str = ""
    body_hash: str = ""
    stemmed: tuple[str, str] | None = None          # FTS5 (title, body), SQLite only
    chrome: tuple[tuple[str, int, str], ...] = ()
    entities: tuple[EntityGroup, ...] = ()           # sorted by key
    events: tuple[tuple[Any, ...], ...] = ()         # events row values after article_id
    parties: tuple[tuple[int, str, str], ...] = ()   # (event position, role, code)
    quantities: tuple[tuple[Any, ...], ...] = ()
    attributions: tuple[tuple[Any, ...], ...] = ()
    fingerprint: similarity.Fingerprint | None = None  # entities filled in by the writer
    band_keys: tuple[str, ...] = ()


def prepare(extraction: Extraction, raw: bytes, *, stem: bool = True) -> Prepared:
    """The rows and fingerprint of one page (pure; run it in the extraction worker).

    ``stem`` computes the SQLite full-text entry (PostgreSQL generates its own).
    """
    page = Prepared(extraction, content_hash(raw), len(raw),
                    gzip.compress(raw, compresslevel=6, mtime=0))
    if not extraction.has_story:
        return page
    from warta.archive.stemming import stem_text
    from warta.archive.stories import article_fingerprint

    article = extraction.article
    facts = extraction.facts
    body = "\n\n".join(article.body)
    events = []
    parties = []
    for position, event in enumerate(facts.events):
        events.append((position, event.type, event.mode, _json(event.actors),
                       _json(event.recipients), _json(event.mediators), event.date,
                       event.location, event.source, event.historical, event.evidence))
        found = {(role, code) for role, name in PARTY_ROLES for code in getattr(event, name)}
        parties += [(position, role, code) for role, code in sorted(found)]
    fp = article_fingerprint(extraction, ())
    return dataclasses.replace(
        page, body=body, body_hash=body_hash(article.body),
        stemmed=(stem_text(article.title or ""), stem_text(body)) if stem else None,
        chrome=tuple((name, position, headline) for name in CHROME_LISTS
                     for position, headline in enumerate(getattr(extraction.chrome, name))),
        entities=entity_groups(facts.entities), events=tuple(events), parties=tuple(parties),
        quantities=tuple((position, qty.kind, qty.value, qty.qualifier, qty.who, qty.country,
                          qty.source, qty.historical)
                         for position, qty in enumerate(facts.quantities)),
        attributions=tuple((position, attr.speaker, attr.cue, attr.direct, attr.paragraph)
                           for position, attr in enumerate(facts.attributions)),
        fingerprint=fp, band_keys=tuple(similarity.band_keys(fp.shingles)))


def write_extraction(archive: Archive, extraction: Extraction, raw: bytes, *,
                     source: str) -> SaveResult:
    """Write one page and everything read from it; the caller holds the transaction."""
    return write_prepared(archive, prepare(extraction, raw, stem=archive.stems_text),
                          source=source)


_CHROME = "chrome_links (article_id, list_name, position, headline)"
_MENTIONS = "mentions (article_id, entity_id, text)"
_QUANTITIES = ("quantities (article_id, position, kind, value, qualifier, who, country, source,"
               " historical)")
_ATTRIBUTIONS = "attributions (article_id, position, speaker, cue, direct, paragraph)"
_EVENTS = ("events (article_id, position, type, mode, actors, recipients, mediators, date,"
           " location, source, historical, evidence)")


class Deferred:
    """Rows nothing later in the transaction reads (chrome, mentions, events, quantities,
    attributions), gathered over the pages of one transaction and written by ``flush``
    in one statement per table instead of one per page. Story assignment reads articles,
    article_entities and story_bands, which are written at once."""

    def __init__(self) -> None:
        self.rows: dict[str, list[Sequence[Any]]] = {}
        self.events: list[Sequence[Any]] = []
        self.parties: list[tuple[int, int, str, str]] = []  # article, position, role, code

    def add(self, target: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            self.rows.setdefault(target, []).extend(rows)

    def flush(self, archive: Archive) -> None:
        """Write what was gathered (inside the same transaction) and start again."""
        for target, rows in self.rows.items():
            insert_rows(archive, target, rows, conflict=False)
        if self.events:
            ids = {(int(row["article_id"]), int(row["position"])): int(row["id"])
                   for row in archive.insert_rows(_EVENTS, self.events, conflict=False,
                                                  returning="id, article_id, position")}
            insert_rows(archive, "event_parties (event_id, role, code)",
                        [(ids[(article_id, position)], role, code)
                         for article_id, position, role, code in self.parties],
                        conflict=False)
        self.rows, self.events, self.parties = {}, [], []


def write_prepared(archive: Archive, prepared: Prepared, *, source: str,
                   deferred: Deferred | None = None) -> SaveResult:
    """Write one prepared page (``prepare``); the caller holds the transaction.

    With ``deferred``, rows no later statement reads are left in it for the caller to
    ``flush`` before the transaction commits (one statement per table for many pages).
    """
    from warta.archive.base import SaveResult
    from warta.archive.stories import assign_story

    page_id = insert_page(archive, prepared, source=source)
    if page_id is None:
        return SaveResult(article_id=None, skipped=True)
    if not prepared.extraction.has_story or prepared.fingerprint is None:
        return SaveResult(article_id=None, skipped=False, page_id=page_id)
    later = Deferred() if deferred is None else deferred
    article_id = insert_article(archive, prepared, page_id)
    later.add(_CHROME, [(article_id, *row) for row in prepared.chrome])
    entity_ids = insert_entities(archive, article_id, prepared.entities, deferred=later)
    later.events += [(article_id, *row) for row in prepared.events]
    later.parties += [(article_id, *party) for party in prepared.parties]
    later.add(_QUANTITIES, [(article_id, *row) for row in prepared.quantities])
    later.add(_ATTRIBUTIONS, [(article_id, *row) for row in prepared.attributions])
    fp = dataclasses.replace(prepared.fingerprint,
                             entities=frozenset(str(i) for i in entity_ids))
    assign_story(archive, article_id, prepared.extraction, fingerprint=fp,
                 band_keys=prepared.band_keys, entity_ids=entity_ids,
                 body_hash=prepared.body_hash)
    if deferred is None:
        later.flush(archive)
    return SaveResult(article_id=article_id, skipped=False, page_id=page_id)


def insert_page(archive: Archive, prepared: Prepared, *, source: str) -> int | None:
    from warta import __version__

    extraction = prepared.extraction
    page = extraction.page
    page_id = archive.fetchval(
        "INSERT INTO pages (content_hash, source, url, kind, fetched, raw_size, raw, problems,"
        " warta_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (content_hash) DO NOTHING RETURNING id",
        (prepared.content_hash, source, page.url, page.kind, page.fetched, prepared.raw_size,
         prepared.raw_gzip, _json(extraction.problems), __version__))
    return None if page_id is None else int(page_id)


def insert_article(archive: Archive, prepared: Prepared, page_id: int) -> int:
    extraction = prepared.extraction
    article = extraction.article
    article_id = int(archive.fetchval(
        "INSERT INTO articles (page_id, title, body, published, outlet, wire_sources, authors,"
        " body_hash, problems) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        (page_id, article.title, prepared.body, article.published, article.outlet,
         _json(article.wire_sources), _json(article.authors), prepared.body_hash,
         _json(extraction.problems))))
    archive.index_article(article_id, article.title, prepared.body, stemmed=prepared.stemmed)
    return article_id


def entity_groups(entities: Sequence[Entity]) -> tuple[EntityGroup, ...]:
    """Entities grouped by canonical key, in key order, with their mentions and role."""
    by_key: dict[str, list[Entity]] = {}
    for ent in entities:
        by_key.setdefault(entity_key(ent), []).append(ent)
    return tuple(EntityGroup(
        key, group[0].name, group[0].type, group[0].country,
        next((ent.role for ent in group if ent.role), None),
        tuple(text for ent in group for text in (ent.mentions or (ent.name,))))
        for key, group in sorted(by_key.items()))


def insert_entities(archive: Archive, article_id: int, groups: Sequence[EntityGroup], *,
                    deferred: Deferred | None = None) -> list[int]:
    """Canonical entities by key (sorted, so concurrent writers lock in one order) with
    this article's links and mentions (left in ``deferred`` when given); returns the
    entity ids, most mentioned first."""
    if not groups:
        return []
    insert_rows(archive, "entities (key, name, type, country)",
                [(g.key, g.name, g.type, g.country) for g in groups])
    ids: dict[str, int] = {}
    keys = [g.key for g in groups]
    for start in range(0, len(keys), MAX_PARAMS):
        where, params = archive.any_of("key", keys[start:start + MAX_PARAMS])
        for row in archive.fetchall(f"SELECT id, key FROM entities WHERE {where}", params):
            ids[row["key"]] = int(row["id"])
    insert_rows(archive, "article_entities (article_id, entity_id, role, mention_count)",
                [(article_id, ids[g.key], g.role, len(g.mentions)) for g in groups],
                conflict=False)
    mentions = [(article_id, ids[g.key], text) for g in groups for text in g.mentions]
    if deferred is not None:
        deferred.add(_MENTIONS, mentions)
    else:
        insert_rows(archive, _MENTIONS, mentions, conflict=False)
    ranked = sorted(groups, key=lambda g: (-len(g.mentions), ids[g.key]))
    return [ids[g.key] for g in ranked]


def entity_key(ent: Entity) -> str:
    """One canonical entity per type, country and name: ``PER|IDN|Joko Widodo``."""
    return f"{ent.type}|{ent.country or ''}|{ent.name}"


def upsert_entity(archive: Archive, key: str, ent: Entity) -> int:
    """The id of one canonical entity, inserted when new."""
    archive.execute("INSERT INTO entities (key, name, type, country) VALUES (?, ?, ?, ?)"
                    " ON CONFLICT (key) DO NOTHING", (key, ent.name, ent.type, ent.country))
    return int(archive.fetchval("SELECT id FROM entities WHERE key = ?", (key,)))


def insert_events(archive: Archive, article_id: int, prepared: Prepared) -> None:
    if not prepared.events:
        return
    ids = {int(row["position"]): int(row["id"]) for row in archive.insert_rows(
        _EVENTS, [(article_id, *row) for row in prepared.events], conflict=False,
        returning="id, position")}
    insert_rows(archive, "event_parties (event_id, role, code)",
                [(ids[position], role, code) for position, role, code in prepared.parties],
                conflict=False)


def insert_quantities(archive: Archive, article_id: int, extraction: Extraction) -> None:
    insert_rows(archive, "quantities (article_id, position, kind, value, qualifier, who,"
                " country, source, historical)",
                [(article_id, position, qty.kind, qty.value, qty.qualifier, qty.who,
                  qty.country, qty.source, qty.historical)
                 for position, qty in enumerate(extraction.facts.quantities)], conflict=False)


def insert_attributions(archive: Archive, article_id: int, extraction: Extraction) -> None:
    insert_rows(archive, "attributions (article_id, position, speaker, cue, direct,"
                " paragraph)",
                [(article_id, position, attr.speaker, attr.cue, attr.direct, attr.paragraph)
                 for position, attr in enumerate(extraction.facts.attributions)],
                conflict=False)


def insert_rows(archive: Archive, target: str, rows: Sequence[Sequence[Any]], *,
                conflict: bool = True) -> None:
    """Multi-row ``INSERT`` (``Archive.insert_rows``); ``conflict`` adds
    ``ON CONFLICT DO NOTHING``."""
    archive.insert_rows(target, rows, conflict=conflict)


def _json(values: Sequence[Any]) -> str:
    return json.dumps(list(values), ensure_ascii=False)
