"""How one Extraction becomes rows: the body of ``Archive.save``, run inside its transaction.

Steps, in order:
1. the page row, ``ON CONFLICT (content_hash) DO NOTHING``: no row back means the page is
   already stored, and nothing else is written;
2. without a story, stop: the page row alone keeps the page from being extracted again;
3. the article row and its full-text index entry;
4. chrome links, entities (canonical rows shared by articles, inserted in sorted order so
   concurrent writers take their locks in the same order) with mentions, events with their
   parties, quantities, attributions;
5. syndication: ``stories.assign_story(archive, article_id, extraction)``.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from warta.models import CHROME_LISTS, Entity, Event, Extraction

if TYPE_CHECKING:
    from warta.archive.base import Archive, SaveResult

_WORD = re.compile(r"\w+")
PARTY_ROLES = (("actor", "actors"), ("recipient", "recipients"), ("mediator", "mediators"))


def content_hash(raw: bytes) -> str:
    """The identity of a page: sha256 hex digest of its raw bytes."""
    return hashlib.sha256(raw).hexdigest()


def body_hash(body: Sequence[str]) -> str:
    """sha256 of the normalised body: NFKC, case-folded words joined by single spaces.

    Two copies of a story that differ only in punctuation, quotes, case or spacing share it.
    """
    text = unicodedata.normalize("NFKC", " ".join(body)).casefold()
    return hashlib.sha256(" ".join(_WORD.findall(text)).encode("utf-8")).hexdigest()


def write_extraction(archive: Archive, extraction: Extraction, raw: bytes, *,
                     source: str) -> SaveResult:
    """Write one page and everything read from it; the caller holds the transaction."""
    from warta.archive.base import SaveResult
    from warta.archive.stories import assign_story

    page_id = insert_page(archive, extraction, raw, source=source)
    if page_id is None:
        return SaveResult(article_id=None, skipped=True)
    if not extraction.has_story:
        return SaveResult(article_id=None, skipped=False, page_id=page_id)
    article_id = insert_article(archive, extraction, page_id)
    insert_chrome(archive, article_id, extraction)
    insert_entities(archive, article_id, extraction.facts.entities)
    insert_events(archive, article_id, extraction.facts.events)
    insert_quantities(archive, article_id, extraction)
    insert_attributions(archive, article_id, extraction)
    assign_story(archive, article_id, extraction)
    return SaveResult(article_id=article_id, skipped=False, page_id=page_id)


def insert_page(archive: Archive, extraction: Extraction, raw: bytes, *,
                source: str) -> int | None:
    from warta import __version__

    page = extraction.page
    page_id = archive.fetchval(
        "INSERT INTO pages (content_hash, source, url, kind, fetched, raw_size, raw, problems,"
        " warta_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (content_hash) DO NOTHING RETURNING id",
        (content_hash(raw), source, page.url, page.kind, page.fetched, len(raw),
         gzip.compress(raw, compresslevel=6, mtime=0), _json(extraction.problems), __version__))
    return None if page_id is None else int(page_id)


def insert_article(archive: Archive, extraction: Extraction, page_id: int) -> int:
    article = extraction.article
    body = "\n\n".join(article.body)
    article_id = int(archive.fetchval(
        "INSERT INTO articles (page_id, title, body, published, outlet, wire_sources, authors,"
        " body_hash, problems) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        (page_id, article.title, body, article.published, article.outlet,
         _json(article.wire_sources), _json(article.authors), body_hash(article.body),
         _json(extraction.problems))))
    archive.index_article(article_id, article.title, body)
    return article_id


def insert_chrome(archive: Archive, article_id: int, extraction: Extraction) -> None:
    archive.executemany(
        "INSERT INTO chrome_links (article_id, list_name, position, headline)"
        " VALUES (?, ?, ?, ?)",
        [(article_id, name, position, headline) for name in CHROME_LISTS
         for position, headline in enumerate(getattr(extraction.chrome, name))])


def insert_entities(archive: Archive, article_id: int, entities: Sequence[Entity]) -> None:
    """Canonical entities by key (sorted, so concurrent writers lock in one order)."""
    by_key: dict[str, list[Entity]] = {}
    for ent in entities:
        by_key.setdefault(entity_key(ent), []).append(ent)
    for key in sorted(by_key):
        group = by_key[key]
        entity_id = upsert_entity(archive, key, group[0])
        mentions = [text for ent in group for text in (ent.mentions or (ent.name,))]
        role = next((ent.role for ent in group if ent.role), None)
        archive.execute("INSERT INTO article_entities (article_id, entity_id, role,"
                        " mention_count) VALUES (?, ?, ?, ?)",
                        (article_id, entity_id, role, len(mentions)))
        archive.executemany("INSERT INTO mentions (article_id, entity_id, text) VALUES (?, ?, ?)",
                            [(article_id, entity_id, text) for text in mentions])


def entity_key(ent: Entity) -> str:
    """One canonical entity per type, country and name: ``PER|IDN|Joko Widodo``."""
    return f"{ent.type}|{ent.country or ''}|{ent.name}"


def upsert_entity(archive: Archive, key: str, ent: Entity) -> int:
    archive.execute("INSERT INTO entities (key, name, type, country) VALUES (?, ?, ?, ?)"
                    " ON CONFLICT (key) DO NOTHING", (key, ent.name, ent.type, ent.country))
    return int(archive.fetchval("SELECT id FROM entities WHERE key = ?", (key,)))


def insert_events(archive: Archive, article_id: int, events: Sequence[Event]) -> None:
    for position, event in enumerate(events):
        event_id = int(archive.fetchval(
            "INSERT INTO events (article_id, position, type, mode, actors, recipients,"
            " mediators, date, location, source, historical, evidence)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            (article_id, position, event.type, event.mode, _json(event.actors),
             _json(event.recipients), _json(event.mediators), event.date, event.location,
             event.source, event.historical, event.evidence)))
        parties = {(role, code) for role, name in PARTY_ROLES for code in getattr(event, name)}
        archive.executemany("INSERT INTO event_parties (event_id, role, code) VALUES (?, ?, ?)",
                            [(event_id, role, code) for role, code in sorted(parties)])


def insert_quantities(archive: Archive, article_id: int, extraction: Extraction) -> None:
    archive.executemany(
        "INSERT INTO quantities (article_id, position, kind, value, qualifier, who, country,"
        " source, historical) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(article_id, position, qty.kind, qty.value, qty.qualifier, qty.who, qty.country,
          qty.source, qty.historical)
         for position, qty in enumerate(extraction.facts.quantities)])


def insert_attributions(archive: Archive, article_id: int, extraction: Extraction) -> None:
    archive.executemany(
        "INSERT INTO attributions (article_id, position, speaker, cue, direct, paragraph)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [(article_id, position, attr.speaker, attr.cue, attr.direct, attr.paragraph)
         for position, attr in enumerate(extraction.facts.attributions)])


def _json(values: Sequence[Any]) -> str:
    return json.dumps(list(values), ensure_ascii=False)
