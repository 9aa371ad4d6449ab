"""The writer's memory of an archive between transactions, and the writes it makes lean (#4).

A writing process remembers entity ids, each entity's newest articles and their stories
(``warta.archive.memory``) and checks them against the archive's stamp (migration 6:
``archive_state``) before each transaction. These tests change the archive behind its back
(another connection deletes, another process ingests, a transaction rolls back, the archive
is replaced) and check that stories and related links come out as if nothing had been
remembered. Runs on SQLite and PostgreSQL; pages are original Indonesian text, made up.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

import warta
from tests.archive.conftest import PG_URL, backend_url
from tests.archive.pages import page_html
from tests.archive.test_reliability import _env, _ingest_cmd
from tests.archive.test_similarity import FOLLOW_UP
from tests.archive.test_stories import (
    COPY,
    FOLLOW,
    HALF,
    ORIGIN,
    OTHER_CHROME,
    PRICES,
    _layout,
    _page,
    _save,
    _story,
)
from warta.archive import Archive, open_archive, stories, writer
from warta.archive.postgres import split_schema
from warta.collect.reextract import reextract

# Names the entities of ORIGIN and FOLLOW (Kudus, Kecamatan Sumberrejo, BPBD Kudus, Galih
# Permana) on another story: related to both, a copy of neither.
AID = _page("Bantuan Logistik Mengalir ke Pengungsi Sumberrejo", [
    "BPBD Kudus menyalurkan 300 paket sembako, tikar dan obat-obatan kepada pengungsi banjir "
    "di Kecamatan Sumberrejo, Kudus, pada Kamis siang.",
    "Galih Permana, Kepala Pelaksana BPBD Kudus, menyebut bantuan itu berasal dari donasi "
    "perusahaan daerah dan sumbangan warga dari kecamatan lain.",
    "\"Posko kami buka 24 jam, warga yang membutuhkan selimut atau obat bisa langsung datang,\" "
    "ujar Permana saat meninjau dapur umum di balai desa.",
    "Relawan Palang Merah Indonesia juga memeriksa kesehatan puluhan anak yang mulai terserang "
    "gatal-gatal dan demam setelah beberapa hari tinggal di pengungsian.",
], outlet="Kabar Muria", published="2025-02-07T11:00:00+07:00")
# FOLLOW as another outlet runs it: its dateline, a credit, one word changed.
FOLLOW_COPY = _page("Sumberrejo Kembali Terendam, 95 Rumah Kena Banjir", [
    "KUDUS, SUARAPESISIR.net - " + FOLLOW_UP[0],
    *[paragraph.replace("mengatakan", "menyatakan") for paragraph in FOLLOW_UP[1:]],
    "(ant/sp)"], outlet="Suara Pesisir", published="2025-02-06T06:15:00+07:00")


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    stories.CACHE.clear()


def _related(archive: Archive, article_id: int) -> list[int]:
    return [int(row["id"]) for row in stories.related(archive, article_id, limit=50)]


def _deletions(archive: Archive) -> int:
    return int(archive.fetchval("SELECT deletions FROM archive_state WHERE id = 1"))


def _delete_page_of(url: str, article_id: int) -> None:
    """Delete an article's page (and so the article) through a connection of its own."""
    with open_archive(url) as other:
        other.execute("DELETE FROM pages WHERE id = (SELECT page_id FROM articles"
                      " WHERE id = ?)", (article_id,))


def _ingest_elsewhere(url: str, folder: Path, *pages: tuple[bytes, str]) -> None:
    """Store pages with ``warta ingest`` in a process of its own."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for raw, name in pages:
        (folder / name).write_bytes(raw)
        paths.append(folder / name)
    done = subprocess.run(_ingest_cmd(url, *paths), capture_output=True, text=True,
                          env=_env(), timeout=120)
    assert done.returncode == 0, done.stderr


def _article_of(archive: Archive, source: str) -> int:
    return int(archive.fetchval("SELECT a.id FROM articles a JOIN pages p ON p.id = a.page_id"
                                " WHERE p.source = ?", (source,)))


def _assert_consistent(archive: Archive) -> None:
    """Every article in a stored story, every story counting its stored copies, and no band
    row of an article that is not stored."""
    assert archive.fetchval("SELECT count(*) AS n FROM articles a WHERE NOT EXISTS"
                            " (SELECT 1 FROM stories s WHERE s.id = a.story_id)") == 0
    assert archive.fetchval("SELECT count(*) AS n FROM stories s WHERE n_copies <>"
                            " (SELECT count(*) FROM articles a WHERE a.story_id = s.id)") == 0
    assert archive.fetchval("SELECT count(*) AS n FROM story_bands b WHERE NOT EXISTS"
                            " (SELECT 1 FROM articles a WHERE a.id = b.article_id)") == 0


def _forget_everything(archive: Archive) -> None:
    """Make the writer forget what it remembers, as a new process starts with nothing: the
    stamp's deletion count moves, as when another process deletes articles."""
    archive.execute("UPDATE archive_state SET deletions = deletions + 1 WHERE id = 1")
    stories.CACHE.clear()


# --- another connection deletes, another process writes ------------------------------


def test_page_saved_after_another_connection_deleted_a_remembered_article(
        archive_url: str) -> None:
    with open_archive(archive_url) as archive:
        origin = _save(archive, ORIGIN, "origin.html")
        old_story = _story(archive, origin)["id"]
        _save(archive, PRICES, "prices.html")   # origin is no longer the newest article
        before = _deletions(archive)
        _delete_page_of(archive_url, origin)    # the writer still remembers origin
        assert _deletions(archive) > before
        # FOLLOW names origin's entities: a remembered, deleted article must not be linked.
        follow = _save(archive, FOLLOW, "follow.html")
        assert origin not in _related(archive, follow)
        assert _story(archive, follow)["origin_article_id"] == follow
        copy = _save(archive, COPY, "copy.html")   # a copy of the deleted article
        story = _story(archive, copy)
        assert story["id"] != old_story and story["n_copies"] == 1
        assert origin not in _related(archive, copy)
        assert follow in _related(archive, copy)
        assert archive.count("articles") == 3
        assert archive.fetchval("SELECT count(*) AS n FROM related WHERE article_id = ?"
                                " OR related_id = ?", (origin, origin)) == 0


def test_page_saved_again_after_its_article_was_deleted(archive_url: str) -> None:
    """Delete the page of the newest article, then store the same story again (another
    copy of the same body): it is stored like any page, with one band row per band key.

    (At 543dd12, SQLite gave the new article the deleted one's id, max(id) + 1, while
    story_bands, without its foreign key, still held the deleted article's rows: "UNIQUE
    constraint failed: story_bands.band_key, story_bands.article_id".)"""
    with open_archive(archive_url) as archive:
        origin = _save(archive, ORIGIN, "origin.html")
        _delete_page_of(archive_url, origin)
        again = _save(archive, OTHER_CHROME, "other.html")
        prepared = writer.prepare(warta.extract(OTHER_CHROME, name="other.html"), OTHER_CHROME)
        assert archive.fetchval("SELECT count(*) AS n FROM story_bands WHERE article_id = ?",
                                (again,)) == len(set(prepared.band_keys))
        assert _story(archive, again)["n_copies"] == 1


def test_articles_another_process_saved_are_seen(archive_url: str, tmp_path: Path) -> None:
    with open_archive(archive_url) as archive:
        origin = _save(archive, ORIGIN, "origin.html")   # remembers Kudus, Permana, ...
        _ingest_elsewhere(archive_url, tmp_path / "pages", (FOLLOW, "follow.html"))
        follow = _article_of(archive, str(tmp_path / "pages" / "follow.html"))
        # Same entities: the other process's article is among the related stories.
        aid = _save(archive, AID, "aid.html")
        assert follow in _related(archive, aid) and origin in _related(archive, aid)
        assert aid in _related(archive, follow)
        # A wire copy of the other process's article joins its story.
        copy = _save(archive, FOLLOW_COPY, "follow-copy.html")
        story = _story(archive, copy)
        assert story["id"] == _story(archive, follow)["id"] and story["n_copies"] == 2
        assert story["origin_article_id"] == follow
        _assert_consistent(archive)


def _drop(url: str, tmp_path: Path) -> None:
    """Remove the archive at ``url`` (the SQLite file, or the PostgreSQL schema)."""
    if url.startswith("sqlite"):
        for path in tmp_path.glob("warta.db*"):
            path.unlink()
        return
    _, schema = split_schema(url)
    assert schema is not None
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(schema)))


def test_archive_replaced_at_the_same_url_is_not_taken_for_the_old_one(
        archive_url: str, tmp_path: Path) -> None:
    """Same highest article id, no deletion: only the token tells the archives apart."""
    with open_archive(archive_url) as archive:
        _save(archive, ORIGIN, "origin.html")
        _save(archive, FOLLOW, "follow.html")
        old_token = archive.fetchval("SELECT token FROM archive_state")
    _drop(archive_url, tmp_path)
    _ingest_elsewhere(archive_url, tmp_path / "pages", (page_html(1).encode(), "a.html"),
                      (PRICES, "prices.html"))
    with open_archive(archive_url) as archive:
        assert archive.fetchval("SELECT token FROM archive_state") != old_token
        assert archive.fetchval("SELECT max(id) AS n FROM articles") == 2
        aid = _save(archive, AID, "aid.html")
        stored = archive.article(aid)
        assert stored is not None
        assert {entity["name"] for entity in stored["entities"]} == {
            "BPBD Kudus", "Kudus", "Kecamatan Sumberrejo", "Galih Permana",
            "Relawan Palang Merah Indonesia"}
        assert set(_related(archive, aid)) <= {1, 2}
        assert _story(archive, aid)["n_copies"] == 1
        _assert_consistent(archive)


# --- transactions that roll back, reserved ids ---------------------------------------


@pytest.mark.parametrize("failure", ["late-in-the-writer", "outer-transaction"])
def test_rolled_back_save_leaves_nothing_and_later_saves_are_right(
        archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        failure: str) -> None:
    tables = ("pages", "articles", "stories", "entities", "article_entities", "story_bands",
              "related", "mentions", "events", "chrome_links")
    _save(archive, ORIGIN, "origin.html")
    before = {table: archive.count(table) for table in tables}
    if failure == "late-in-the-writer":
        real = writer.insert_facts
        calls: list[int] = []

        def fail_once(*args: object, **kwargs: object) -> None:
            calls.append(1)
            if len(calls) == 1:
                raise RuntimeError("the disk is full")
            real(*args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(writer, "insert_facts", fail_once)
        with pytest.raises(RuntimeError, match="disk is full"):
            _save(archive, FOLLOW, "follow.html")
    else:
        with pytest.raises(RuntimeError, match="changed my mind"), archive.transaction():
            _save(archive, FOLLOW, "follow.html")
            _save(archive, COPY, "copy.html")
            raise RuntimeError("changed my mind")
    assert {table: archive.count(table) for table in tables} == before
    assert archive.count("pages") == 1
    # In another order than the rolled-back saves: an id they were given may now belong to
    # another article (SQLite hands it out again).
    order = [(AID, "aid.html"), (COPY, "copy.html"), (FOLLOW, "follow.html")]
    ids = {name: _save(archive, raw, name) for raw, name in order}
    assert _story(archive, ids["copy.html"])["id"] == _story(archive, 1)["id"]
    assert 1 in _related(archive, ids["follow.html"])
    _assert_consistent(archive)
    (tmp_path / "ref").mkdir()
    with backend_url(archive.backend, tmp_path / "ref") as url, open_archive(url) as ref:
        for raw, name in [(ORIGIN, "origin.html"), *order]:
            _save(ref, raw, name)
        assert _layout(archive) == _layout(ref)


def test_reserve_ids_never_hands_out_an_id_twice(archive: Archive) -> None:
    stored = [_save(archive, page_html(index).encode(), f"p{index}.html") for index in (0, 1)]
    with archive.transaction():
        first = archive.reserve_ids("articles", 3)
        second = archive.reserve_ids("articles", 2)
        story_ids = archive.reserve_ids("stories", 2) + archive.reserve_ids("stories", 1)
        assert archive.reserve_ids("articles", 0) == []
    assert len(set(first + second)) == 5 and min(first + second) > max(stored)
    top_story = archive.fetchval("SELECT max(id) AS n FROM stories")
    assert len(set(story_ids)) == 3 and min(story_ids) > top_story
    with pytest.raises(RuntimeError), archive.transaction():
        rolled_back = archive.reserve_ids("articles", 4)
        raise RuntimeError("rolled back")
    with archive.transaction():
        after = archive.reserve_ids("articles", 2)
    assert min(after) > max(stored)
    if archive.backend == "postgresql":   # a sequence: drawn once, even when rolled back
        assert not set(after) & set(first + second + rolled_back)
    # Saves after reserved and rolled-back ids: one group of three, then one by one.
    group = [(writer.prepare(warta.extract(raw, name=name), raw, stem=archive.stems_text),
              name) for raw, name in ((ORIGIN, "origin.html"), (COPY, "copy.html"),
                                      (FOLLOW, "follow.html"))]
    saved = [result.article_id for result in archive.save_prepared(group)
             if not isinstance(result, Exception)]
    saved += [_save(archive, AID, "aid.html"), _save(archive, HALF, "half.html")]
    ids = stored + saved
    assert len(ids) == len(set(ids)) == archive.count("articles") == 7
    assert sorted(ids) == ids   # each transaction's ids above all stored ones
    assert _story(archive, saved[0])["id"] == _story(archive, saved[1])["id"] == \
        _story(archive, saved[4])["id"]
    _assert_consistent(archive)


def test_reserved_ids_of_two_open_transactions_differ(pg_url: str) -> None:
    """PostgreSQL writers reserve from the identity sequence, concurrently (SQLite lets one
    writer at a time in: BEGIN IMMEDIATE)."""
    with open_archive(pg_url) as one, open_archive(pg_url) as two:
        with one.transaction(), two.transaction():
            a = one.reserve_ids("articles", 3) + two.reserve_ids("articles", 3)
            b = one.reserve_ids("stories", 2) + two.reserve_ids("stories", 2)
        assert len(set(a)) == 6 and len(set(b)) == 4


# --- migration 6 ----------------------------------------------------------------------


def _insert_version_5(archive: Archive, raw: bytes, name: str) -> int:
    """Store a page as a version-5 writer did (its own rows, integer band keys); its id."""
    prepared = writer.prepare(warta.extract(raw, name=name), raw)
    article = prepared.extraction.article
    with archive.transaction():
        page_id = archive.fetchval(
            "INSERT INTO pages (content_hash, source, kind, raw_size, raw)"
            " VALUES (?, ?, ?, ?, ?) RETURNING id",
            (prepared.content_hash, name, "html", len(raw), prepared.raw_gzip))
        article_id = int(archive.fetchval(
            "INSERT INTO articles (page_id, title, body, published, outlet, body_hash)"
            " VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
            (page_id, article.title, prepared.body, article.published, article.outlet,
             prepared.body_hash)))
        story_id = archive.fetchval(
            "INSERT INTO stories (origin_article_id, first_published) VALUES (?, ?)"
            " RETURNING id", (article_id, article.published))
        archive.execute("UPDATE articles SET story_id = ? WHERE id = ?", (story_id, article_id))
        archive.insert_rows("story_bands (band_key, article_id)",
                            [(key, article_id) for key in dict.fromkeys(prepared.band_keys)],
                            conflict=False)
        for group in prepared.entities:
            archive.execute("INSERT INTO entities (key, name, type, country) VALUES"
                            " (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                            (group.key, group.name, group.type, group.country))
            entity_id = archive.fetchval("SELECT id FROM entities WHERE key = ?", (group.key,))
            archive.execute("INSERT INTO article_entities (article_id, entity_id, role,"
                            " mention_count) VALUES (?, ?, ?, ?)",
                            (article_id, entity_id, group.role, len(group.mentions)))
    return article_id


def test_migration_6_keeps_band_rows_and_articles_and_saves_go_on(archive_url: str) -> None:
    with open_archive(archive_url, upgrade=False) as old:
        old.migrate(target=5)
        origin = _insert_version_5(old, ORIGIN, "origin.html")
        follow = _insert_version_5(old, FOLLOW, "follow.html")
        bands = {(row["band_key"], row["article_id"])
                 for row in old.fetchall("SELECT band_key, article_id FROM story_bands")}
        articles = old.fetchall("SELECT id, title, story_id FROM articles ORDER BY id")
    assert len(bands) > 40
    with open_archive(archive_url) as archive:
        assert archive.schema_version() >= 6
        assert {(row["band_key"], row["article_id"]) for row in archive.fetchall(
            "SELECT band_key, article_id FROM story_bands")} == bands
        assert archive.fetchall("SELECT id, title, story_id FROM articles ORDER BY id") == \
            articles
        state = archive.fetchall("SELECT id, token, deletions FROM archive_state")
        assert len(state) == 1 and state[0]["id"] == 1 and state[0]["deletions"] == 0
        assert len(str(state[0]["token"])) >= 8
        copy = _save(archive, COPY, "copy.html")      # found through the version-5 bands
        assert _story(archive, copy)["id"] == _story(archive, origin)["id"]
        aid = _save(archive, AID, "aid.html")
        assert {origin, follow} <= set(_related(archive, aid))
        _delete_page_of(archive_url, follow)
        assert _deletions(archive) == 1
        again = _save(archive, HALF, "half.html")
        assert _story(archive, again)["id"] == _story(archive, origin)["id"]
        assert follow not in _related(archive, again)


def test_token_of_each_new_archive_differs(tmp_path: Path) -> None:
    tokens = set()
    for name in ("a.db", "b.db"):
        with open_archive(f"sqlite:///{tmp_path / name}") as archive:
            tokens.add(archive.fetchval("SELECT token FROM archive_state"))
    assert len(tokens) == 2


# --- re-extraction ----------------------------------------------------------------------


@pytest.mark.parametrize("cached", [True, False], ids=["cached", "new-process"])
def test_reextraction_leaves_no_band_rows_of_the_old_article(archive: Archive,
                                                             cached: bool) -> None:
    origin = _save(archive, ORIGIN, "origin.html")
    copy = _save(archive, COPY, "copy.html")
    keys = {name: set(writer.prepare(warta.extract(raw, name=name), raw).band_keys)
            for raw, name in ((ORIGIN, "origin.html"), (COPY, "copy.html"))}
    for old, name in ((origin, "origin.html"), (copy, "copy.html")):
        if not cached:   # the band keys come from the stored article alone
            stories.CACHE.clear()
        page_id = archive.fetchval("SELECT page_id FROM articles WHERE id = ?", (old,))
        summary = reextract(archive, [int(page_id)])
        assert summary.failures == [] and summary.with_story == 1
        new = _article_of(archive, name)
        left = {row["band_key"] for row in archive.fetchall(
            "SELECT band_key FROM story_bands WHERE article_id = ?", (old,))}
        # The newest article's id may be handed out again (SQLite): then the rows under it
        # are the new article's own, exactly once each.
        assert left == (keys[name] if new == old else set())
        assert {row["band_key"] for row in archive.fetchall(
            "SELECT band_key FROM story_bands WHERE article_id = ?", (new,))} == keys[name]
    assert archive.count("story_bands") == len(keys["origin.html"]) + len(keys["copy.html"])
    first, second = _article_of(archive, "origin.html"), _article_of(archive, "copy.html")
    story = _story(archive, first)
    assert story["id"] == _story(archive, second)["id"] and story["n_copies"] == 2
    assert story["origin_article_id"] == first
    assert archive.count("stories") == 1
    _assert_consistent(archive)


def test_reextraction_after_another_process_replaced_the_article(
        archive_url: str, tmp_path: Path) -> None:
    """Another process deletes an article this process saved (its band rows with it) and
    stores another page, which may get the freed id; re-extracting that page here works.

    (At 543dd12, SQLite handed the freed id out again and ``delete_bands`` took the band
    keys from this process's fingerprint cache, read before the stamp check: the deleted
    article's keys were deleted, the new one's rows stayed, and re-extraction failed.)"""
    with open_archive(archive_url) as archive:
        _save(archive, ORIGIN, "origin.html")
        follow = _save(archive, FOLLOW, "follow.html")    # its fingerprint is cached here
        with open_archive(archive_url) as other:
            other.execute("DELETE FROM story_bands WHERE article_id = ?", (follow,))
        _delete_page_of(archive_url, follow)
        _ingest_elsewhere(archive_url, tmp_path / "pages", (PRICES, "prices.html"))
        source = str(tmp_path / "pages" / "prices.html")
        prices = _article_of(archive, source)
        page_id = archive.fetchval("SELECT page_id FROM articles WHERE id = ?", (prices,))
        assert reextract(archive, [int(page_id)]).failures == []
        new = _article_of(archive, source)
        keys = set(writer.prepare(warta.extract(PRICES, name="prices.html"), PRICES).band_keys)
        assert {row["band_key"] for row in archive.fetchall(
            "SELECT band_key FROM story_bands WHERE article_id = ?", (new,))} == keys
        if new != prices:
            assert archive.fetchval("SELECT count(*) AS n FROM story_bands"
                                    " WHERE article_id = ?", (prices,)) == 0


# --- what the memory decides is what the archive says -------------------------------------


SEQUENCE = [(ORIGIN, "origin.html"), (FOLLOW, "follow.html"), (COPY, "copy.html"),
            (PRICES, "prices.html"), (AID, "aid.html"), (HALF, "half.html"),
            (FOLLOW_COPY, "follow-copy.html"), (OTHER_CHROME, "other.html")]


@pytest.fixture
def second_url(archive: Archive, tmp_path: Path) -> Iterator[str]:
    (tmp_path / "second").mkdir()
    with backend_url(archive.backend, tmp_path / "second") as url:
        yield url


def _assert_same_with_and_without_memory(archive: Archive, second_url: str,
                                         pages: list[tuple[bytes, str]]) -> None:
    """Save ``pages`` one at a time into ``archive`` (the writer remembering) and into the
    archive at ``second_url`` with nothing remembered before each: the same layout."""
    for raw, name in pages:
        _save(archive, raw, name)
    with open_archive(second_url) as forgetful:
        for raw, name in pages:
            _forget_everything(forgetful)
            _save(forgetful, raw, name)
        assert _layout(archive) == _layout(forgetful)


def test_remembering_changes_no_story_and_no_link(archive: Archive, second_url: str,
                                                   tmp_path: Path) -> None:
    """One page at a time with the writer's memory, one page at a time with nothing
    remembered (as if each were saved by a new process), and all in one transaction."""
    _assert_same_with_and_without_memory(archive, second_url, SEQUENCE)
    (tmp_path / "group").mkdir()
    with backend_url(archive.backend, tmp_path / "group") as url, open_archive(url) as group:
        group.save_prepared([(writer.prepare(warta.extract(raw, name=name), raw,
                                             stem=group.stems_text), name)
                             for raw, name in SEQUENCE])
        assert _layout(archive) == _layout(group)
    _assert_consistent(archive)


# ORIGIN bridges HALF's and COPY's stories (they do not match each other): a merge, then
# pages of the merged story and of others.
BRIDGED = [(HALF, "half.html"), (COPY, "copy.html"), (ORIGIN, "origin.html"),
           (FOLLOW, "follow.html"), (AID, "aid.html"), (OTHER_CHROME, "other.html"),
           (FOLLOW_COPY, "follow-copy.html"), (PRICES, "prices.html")]


def test_remembering_changes_nothing_across_a_merge(archive: Archive, second_url: str) -> None:
    _assert_same_with_and_without_memory(archive, second_url, BRIDGED)
    assert archive.count("stories") == 4
    _assert_consistent(archive)


def test_article_that_bridges_two_stories_is_not_related_to_their_copies(
        archive: Archive) -> None:
    """(At 543dd12, link_related took the stories of remembered articles from memory, which
    learns the merges of a transaction only when it commits: the bridging article was
    linked as related to a copy now in its own story.)"""
    half = _save(archive, HALF, "half.html")      # two stories: the copies do not meet
    copy = _save(archive, COPY, "copy.html")
    assert _story(archive, half)["id"] != _story(archive, copy)["id"]
    origin = _save(archive, ORIGIN, "origin.html")   # a copy of both: one story
    assert _story(archive, half)["id"] == _story(archive, copy)["id"] == \
        _story(archive, origin)["id"]
    assert not {half, copy} & set(_related(archive, origin))


def test_story_id_freed_by_a_merge_is_not_taken_for_the_story_it_joined(
        archive: Archive) -> None:
    """(At 543dd12, SQLite handed a story id freed by a merge out again, max(id) + 1, while
    the writer's memory still mapped it to the story it joined: the new story's articles
    counted as copies of that story and were left out of its related links.)"""
    _save(archive, HALF, "half.html")
    _save(archive, COPY, "copy.html")        # its story is merged away by origin
    _save(archive, ORIGIN, "origin.html")
    follow = _save(archive, FOLLOW, "follow.html")   # a new story
    other = _save(archive, OTHER_CHROME, "other.html")   # origin's story again
    assert _story(archive, follow)["id"] != _story(archive, other)["id"]
    assert follow in _related(archive, other)
    assert other in _related(archive, follow)


def test_memory_is_per_archive(tmp_path: Path) -> None:
    """Two archives written alternately by one process: each keeps its own entities."""
    with open_archive(f"sqlite:///{tmp_path / 'a.db'}") as one, \
            open_archive(f"sqlite:///{tmp_path / 'b.db'}") as two:
        _save(one, PRICES, "prices.html")            # Kudus is entity 2 or so in one only
        first = _save(two, AID, "aid.html")
        _save(one, ORIGIN, "origin.html")
        follow = _save(two, FOLLOW, "follow.html")
        assert first in _related(two, follow)
        names = {entity["name"] for entity in (two.article(follow) or {})["entities"]}
        assert names == {"Kecamatan Sumberrejo", "Kudus", "BPBD Kudus", "Galih Permana",
                         "Dinas Pekerjaan Umum Kudus"}
        assert two.count("entities") == 6

