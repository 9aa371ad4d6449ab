"""How Extractions become rows: the body of ``Archive.save``, run inside its transaction.

The work is split in two so that the single writer of an ingest only runs SQL:

* ``prepare`` (pure, picklable result; runs in the extraction worker): the page row (content
  hash, gzipped raw page), the article body and its hash, the stemmed full-text entry
  (SQLite), chrome, entity groups (canonical keys, mentions, role), event / quantity /
  attribution rows and the syndication fingerprint with its LSH band keys; the page text,
  chrome and facts are dropped from the extraction it carries (the rows and the fingerprint
  hold what is stored of them), so less travels back;
* ``write_batch`` (in the writer, inside the caller's transaction) writes a group of pages
  with a few statements for the whole group, not a few per page:
  1. the story lock (``stories.lock``), first, so concurrent writers never wait in a cycle;
  2. the page rows, ``ON CONFLICT DO NOTHING``: a page whose row does not come back is
     already stored, and nothing else is written for it; a page without a story stops
     there (the page row alone keeps it from being extracted again);
  3. the writer's memory of the archive checked (``memory.recall``), article ids reserved;
  4. entities (canonical rows shared by articles) not remembered: one multi-row ``INSERT …
     ON CONFLICT DO NOTHING RETURNING`` in sorted key order, so concurrent writers take
     their locks in the same order, then one ``SELECT … WHERE key IN (…)`` for those
     already stored;
  5. the stories decided (``stories.plan_stories``), then the article rows, each with its
     story, and their full-text entries, then the stories' own rows and band keys;
  6. each article's entity links and mentions, related stories (``stories.link_related``),
     chrome links, events with their parties, quantities, attributions; what the writer
     learnt is remembered once the transaction commits (``memory.remember``).
  Each step is one multi-row statement (PostgreSQL: ``COPY`` where nothing is read back).
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
from warta.models import CHROME_LISTS, Article, Chrome, Entity, Extraction, Facts, Page

if TYPE_CHECKING:
    from warta.archive.base import Archive, SaveResult
    from warta.archive.memory import WriterMemory

_WORD = re.compile(r"\w+")
PARTY_ROLES = (("actor", "actors"), ("recipient", "recipients"), ("mediator", "mediators"))
# Bound parameters per multi-row statement (SQLite allows 32,766, PostgreSQL 65,535).
MAX_PARAMS = 30_000
# zlib level of the stored raw page: on the bench corpus 3 takes a fifth less CPU than 6 for
# 2 % more bytes (1,472 -> 1,506 per page); any level reads back with gzip.decompress.
GZIP_LEVEL = 3


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

    def __reduce__(self) -> tuple[Any, ...]:
        # its values, given back to the constructor: quicker to unpickle than the Python
        # ``__setstate__`` of a slots dataclass (see Prepared.__reduce__)
        return (EntityGroup, (self.key, self.name, self.type, self.country, self.role,
                              self.mentions))


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
    band_keys: tuple[int, ...] = ()

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled (worker to writer) as plain values given back to constructors: a slots
        dataclass unpickles through a Python ``__setstate__`` that looks up its fields for
        every object, and a Prepared holds a dozen such objects. Its extraction goes as the
        values of its page and article (chrome and facts are empty once prepared)."""
        ex = self.extraction
        return (_unpickle_prepared, (
            ex.id, tuple([getattr(ex.page, name) for name in _PAGE_FIELDS]),
            tuple([getattr(ex.article, name) for name in _ARTICLE_FIELDS]),
            None if ex.chrome is _NO_CHROME else ex.chrome,
            None if ex.facts is _NO_FACTS else ex.facts, ex.problems,
            tuple([getattr(self, name) for name in _PREPARED_FIELDS])))


_PAGE_FIELDS = tuple(item.name for item in dataclasses.fields(Page))
_ARTICLE_FIELDS = tuple(item.name for item in dataclasses.fields(Article))
_PREPARED_FIELDS = tuple(item.name for item in dataclasses.fields(Prepared))[1:]
_NO_CHROME = Chrome()
_NO_FACTS = Facts()


def _unpickle_prepared(id_: str, page: tuple[Any, ...], article: tuple[Any, ...],
                       chrome: Chrome | None, facts: Facts | None, problems: tuple[str, ...],
                       values: tuple[Any, ...]) -> Prepared:
    extraction = Extraction(id_, Page(*page), Article(*article),
                            _NO_CHROME if chrome is None else chrome,
                            _NO_FACTS if facts is None else facts, problems)
    return Prepared(extraction, *values)


def prepare(extraction: Extraction, raw: bytes, *, stem: bool = True) -> Prepared:
    """The rows and fingerprint of one page (pure; run it in the extraction worker).

    ``stem`` computes the SQLite full-text entry (PostgreSQL generates its own).
    """
    digest, raw_gzip = content_hash(raw), gzip.compress(raw, compresslevel=GZIP_LEVEL, mtime=0)
    if not extraction.has_story:
        return Prepared(_without_text(extraction), digest, len(raw), raw_gzip)
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
    return Prepared(
        _without_text(extraction), digest, len(raw), raw_gzip, body=body,
        body_hash=body_hash(article.body),
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


def _without_text(extraction: Extraction) -> Extraction:
    """The extraction without its page text (the raw page is stored gzipped instead), chrome
    and facts (already turned into rows): less to pickle in the worker and back."""
    return dataclasses.replace(extraction, page=dataclasses.replace(extraction.page, text=""),
                               chrome=_NO_CHROME, facts=_NO_FACTS)


def write_extraction(archive: Archive, extraction: Extraction, raw: bytes, *,
                     source: str) -> SaveResult:
    """Write one page and everything read from it; the caller holds the transaction."""
    return write_prepared(archive, prepare(extraction, raw, stem=archive.stems_text),
                          source=source)


def write_prepared(archive: Archive, prepared: Prepared, *, source: str) -> SaveResult:
    """Write one prepared page (``prepare``); the caller holds the transaction."""
    return write_batch(archive, [(prepared, source)])[0]


_PAGES = ("pages (content_hash, source, url, kind, fetched, raw_size, raw, problems,"
          " warta_version)")
_ARTICLES = ("articles (id, page_id, title, body, published, outlet, wire_sources, authors,"
             " body_hash, problems, story_id)")
_CHROME = "chrome_links (article_id, list_name, position, headline)"
_ARTICLE_ENTITIES = "article_entities (article_id, entity_id, role, mention_count)"
_MENTIONS = "mentions (article_id, entity_id, text)"
_QUANTITIES = ("quantities (article_id, position, kind, value, qualifier, who, country, source,"
               " historical)")
_ATTRIBUTIONS = "attributions (article_id, position, speaker, cue, direct, paragraph)"
_EVENTS = ("events (article_id, position, type, mode, actors, recipients, mediators, date,"
           " location, source, historical, evidence)")


def write_batch(archive: Archive, pages: Sequence[tuple[Prepared, str]]) -> list[SaveResult]:
    """Write prepared pages (with their source names), in order, in the caller's
    transaction, a few statements for all of them (see the module docstring)."""
    from warta.archive.base import SaveResult
    from warta.archive.stories import lock

    if any(prepared.fingerprint is not None for prepared, _ in pages):
        lock(archive)  # first, so concurrent writers never wait in a cycle
    page_ids = insert_pages(archive, pages)
    stories = [(prepared, page_id) for (prepared, _), page_id in zip(pages, page_ids,
                                                                       strict=True)
               if page_id is not None and prepared.fingerprint is not None
               and prepared.extraction.has_story]
    article_ids = write_articles(archive, stories) if stories else []
    article_of = {page_id: article_id for (_, page_id), article_id
                  in zip(stories, article_ids, strict=True)}
    return [SaveResult(article_id=None, skipped=True) if page_id is None else
            SaveResult(article_id=article_of.get(page_id), skipped=False, page_id=page_id)
            for page_id in page_ids]


def write_articles(archive: Archive, stories: Sequence[tuple[Prepared, int]]) -> list[int]:
    """The articles of newly stored pages with everything read from them; their ids.

    Ids are reserved first, so each article is inserted with its story already decided
    (no update of the row afterwards) and rows that refer to it follow.
    """
    from warta.archive import memory as writer_memory
    from warta.archive.stories import CACHE, NewArticle, link_related, plan_stories

    reading = writer_memory.recall(archive)
    if reading.lost:
        CACHE.forget(archive)
    article_ids = archive.reserve_ids("articles", len(stories))
    prepared_list = [prepared for prepared, _ in stories]
    ids, new_entities = entity_ids(archive, reading.memory, prepared_list)
    new = []
    for prepared, article_id in zip(prepared_list, article_ids, strict=True):
        assert prepared.fingerprint is not None
        ranked = [ids[g.key] for g in sorted(prepared.entities,
                                             key=lambda g: (-len(g.mentions), ids[g.key]))]
        fp = dataclasses.replace(prepared.fingerprint,
                                 entities=frozenset(str(i) for i in ranked))
        new.append(NewArticle(article_id, prepared.extraction.article.published, fp,
                              prepared.band_keys, tuple(ranked), prepared.body_hash))
    plan = plan_stories(archive, new, reading.memory)
    story_of = plan.story_of_articles
    insert_articles(archive, stories, article_ids, story_of)
    plan.write()
    articles = list(zip(article_ids, prepared_list, strict=True))
    insert_entity_links(archive, articles, ids)
    link_related(archive, new, story_of, reading.memory, new_entities=new_entities,
                 merges=plan.merges)
    insert_facts(archive, articles)
    writer_memory.remember(archive, reading, entity_ids=ids, new_entities=new_entities,
                           articles=[(article.id, story_of[article.id], article.entity_ids)
                                     for article in new],
                           merged=plan.merges,
                           bands=[(article.id, article.band_keys) for article in new])
    return article_ids


def insert_pages(archive: Archive, pages: Sequence[tuple[Prepared, str]]) -> list[int | None]:
    """The page rows, ``ON CONFLICT DO NOTHING``: each page's new id, or None when a page
    with its content hash is already stored (or comes earlier in ``pages``)."""
    from warta import __version__

    rows = [(p.content_hash, source, p.extraction.page.url, p.extraction.page.kind,
             p.extraction.page.fetched, p.raw_size, p.raw_gzip, _json(p.extraction.problems),
             __version__) for p, source in pages]
    ids = {str(row["content_hash"]): int(row["id"]) for row in archive.insert_rows(
        _PAGES, rows, returning="id, content_hash")}
    return [ids.pop(prepared.content_hash, None) for prepared, _ in pages]


def insert_articles(archive: Archive, stories: Sequence[tuple[Prepared, int]],
                    article_ids: Sequence[int], story_of: dict[int, int]) -> None:
    """The article rows (reserved ids, decided stories) with their full-text entries."""
    rows = []
    for (prepared, page_id), article_id in zip(stories, article_ids, strict=True):
        article = prepared.extraction.article
        rows.append((article_id, page_id, article.title, prepared.body, article.published,
                     article.outlet, _json(article.wire_sources), _json(article.authors),
                     prepared.body_hash, _json(prepared.extraction.problems),
                     story_of[article_id]))
    archive.insert_rows(_ARTICLES, rows, conflict=False)
    archive.index_articles([(article_id, prepared.extraction.article.title, prepared.body,
                             prepared.stemmed)
                            for article_id, (prepared, _) in zip(article_ids, stories,
                                                                 strict=True)])


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


def entity_ids(archive: Archive, memory: WriterMemory, prepared: Sequence[Prepared]
               ) -> tuple[dict[str, int], set[int]]:
    """The ids of the canonical entities these articles name (key → id), and those of the
    entities created here. Ids the writer remembers are not read again; the rest are
    inserted (one statement, sorted by key, so concurrent writers lock in one order; a key
    already stored is left alone) and those not created here are read (one statement)."""
    groups = {g.key: g for p in prepared for g in p.entities}
    ids = {key: memory.entity_ids[key] for key in groups if key in memory.entity_ids}
    missing = sorted(key for key in groups if key not in ids)
    new: set[int] = set()
    for start in range(0, len(missing), MAX_PARAMS // 4):
        chunk = missing[start:start + MAX_PARAMS // 4]
        for row in archive.insert_rows(
                "entities (key, name, type, country)",
                [(key, groups[key].name, groups[key].type, groups[key].country)
                 for key in chunk], returning="id, key"):
            ids[str(row["key"])] = int(row["id"])
            new.add(int(row["id"]))
        stored = [key for key in chunk if key not in ids]
        if stored:
            where, params = archive.any_of("key", stored)
            for row in archive.fetchall(f"SELECT id, key FROM entities WHERE {where}", params):
                ids[str(row["key"])] = int(row["id"])
    return ids, new


def insert_entity_links(archive: Archive, articles: Sequence[tuple[int, Prepared]],
                        ids: dict[str, int]) -> None:
    """Each article's entities (role, mention count) and their mentions."""
    insert_rows(archive, _ARTICLE_ENTITIES,
                [(article_id, ids[g.key], g.role, len(g.mentions))
                 for article_id, prepared in articles for g in prepared.entities],
                conflict=False)
    insert_rows(archive, _MENTIONS,
                [(article_id, ids[g.key], text) for article_id, prepared in articles
                 for g in prepared.entities for text in g.mentions], conflict=False)


def insert_facts(archive: Archive, articles: Sequence[tuple[int, Prepared]]) -> None:
    """Chrome links, events with their parties, quantities, attributions: one statement
    per table for all these articles (nothing later in the transaction reads them)."""
    for target, name in ((_CHROME, "chrome"), (_QUANTITIES, "quantities"),
                         (_ATTRIBUTIONS, "attributions")):
        insert_rows(archive, target, [(article_id, *row) for article_id, prepared in articles
                                      for row in getattr(prepared, name)], conflict=False)
    events = [(article_id, *row) for article_id, prepared in articles
              for row in prepared.events]
    if not events:
        return
    ids = {(int(row["article_id"]), int(row["position"])): int(row["id"])
           for row in archive.insert_rows(_EVENTS, events, conflict=False,
                                          returning="id, article_id, position")}
    insert_rows(archive, "event_parties (event_id, role, code)",
                [(ids[(article_id, position)], role, code) for article_id, prepared in articles
                 for position, role, code in prepared.parties], conflict=False)


def entity_key(ent: Entity) -> str:
    """One canonical entity per type, country and name: ``PER|IDN|Joko Widodo``."""
    return f"{ent.type}|{ent.country or ''}|{ent.name}"


def insert_rows(archive: Archive, target: str, rows: Sequence[Sequence[Any]], *,
                conflict: bool = True) -> None:
    """Multi-row ``INSERT`` (``Archive.insert_rows``); ``conflict`` adds
    ``ON CONFLICT DO NOTHING``."""
    archive.insert_rows(target, rows, conflict=conflict)


def _json(values: Sequence[Any]) -> str:
    if not values:
        return "[]"  # most party lists and many problem lists: no encoder call
    return json.dumps(list(values), ensure_ascii=False)
