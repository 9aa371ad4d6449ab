"""Stories in the archive: copies grouped, origin earliest, duplicates stored once, related.

Runs on SQLite and PostgreSQL (the ``archive`` fixture); pages are original Indonesian text.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import warta
from tests.archive.conftest import backend_url
from tests.archive.test_similarity import FOLLOW_UP, OTHER_TOPIC, STORY, _edited
from warta.archive import Archive, open_archive, stories, writer


def _page(title: str, paragraphs: list[str], *, outlet: str, published: str,
          related: tuple[str, ...] = ()) -> bytes:
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    links = "".join(f"<li><a href='/x{i}'>{t}</a></li>" for i, t in enumerate(related))
    return f"""<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">
<title>{title} - {outlet}</title><meta property="og:site_name" content="{outlet}">
<meta property="article:published_time" content="{published}"></head><body>
<nav><a href="/">Beranda</a> <a href="/daerah">Daerah</a></nav>
<article><h1>{title}</h1>{body}</article>
<aside><h3>Berita Terkait</h3><ul>{links}</ul></aside>
<footer>Tentang Kami | Pedoman Media Siber</footer></body></html>""".encode()


def _save(archive: Archive, raw: bytes, name: str) -> int:
    result = archive.save(warta.extract(raw, name=name), raw, source=name)
    assert result.article_id is not None
    return result.article_id


def _story(archive: Archive, article_id: int) -> dict[str, object]:
    row = archive.fetchone("SELECT s.* FROM stories s JOIN articles a ON a.story_id = s.id"
                           " WHERE a.id = ?", (article_id,))
    assert row is not None
    return row


ORIGIN = _page("Banjir Rendam 412 Rumah di Kudus", STORY, outlet="Warta Muria",
               published="2025-02-04T21:10:00+07:00")
COPY = _page("412 Rumah Warga Sumberrejo Terendam", [
    "KUDUS, KABARPANTURA.com - " + _edited(STORY)[0], *_edited(STORY)[1:-1]],
    outlet="Kabar Pantura", published="2025-02-05T09:30:00+07:00")
HALF = _page("Ratusan Warga Kudus Mengungsi", [*STORY[:3], "(Sumber: Antara)"],
             outlet="Suara Pesisir", published="2025-02-06T07:00:00+07:00")
FOLLOW = _page("Banjir Susulan Rendam 95 Rumah di Kudus", FOLLOW_UP, outlet="Warta Muria",
               published="2025-02-05T22:00:00+07:00")
PRICES = _page("Harga Cabai Rawit di Kudus Naik", OTHER_TOPIC, outlet="Warta Muria",
               published="2025-02-06T10:00:00+07:00")


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    stories.CACHE.clear()      # verification must also work from stored rows


def test_copies_join_one_story_whose_origin_is_the_earliest(archive: Archive) -> None:
    half = _save(archive, HALF, "half.html")          # ingested first, published last
    copy = _save(archive, COPY, "copy.html")
    origin = _save(archive, ORIGIN, "origin.html")
    story = _story(archive, origin)
    assert _story(archive, copy)["id"] == _story(archive, half)["id"] == story["id"]
    assert story["origin_article_id"] == origin
    assert story["n_copies"] == 3
    assert story["n_outlets"] == 3
    assert next(row["id"] for row in stories.copies(archive, int(story["id"]))) == origin


def test_same_template_follow_up_and_other_topic_are_other_stories(archive: Archive) -> None:
    ids = [_save(archive, raw, name) for raw, name in
           ((ORIGIN, "origin.html"), (FOLLOW, "follow.html"), (PRICES, "prices.html"))]
    assert len({_story(archive, article_id)["id"] for article_id in ids}) == 3
    assert archive.count("stories") == 3


def test_byte_identical_page_is_stored_once(archive: Archive) -> None:
    first = _save(archive, ORIGIN, "origin.html")
    again = archive.save(warta.extract(ORIGIN, name="again.html"), ORIGIN, source="again.html")
    assert again.skipped and again.article_id is None
    assert archive.count("articles") == 1
    assert _story(archive, first)["n_copies"] == 1


def test_same_body_under_other_chrome_is_an_exact_copy(archive: Archive) -> None:
    other = _page("Judul Lain untuk Banjir Kudus", STORY, outlet="Nusa Harian",
                  published="2025-02-05T08:00:00+07:00", related=("Harga Emas Turun",))
    first = _save(archive, ORIGIN, "origin.html")
    second = _save(archive, other, "other.html")
    assert _story(archive, first)["id"] == _story(archive, second)["id"]


def test_related_stories_rank_the_follow_up_first(archive: Archive) -> None:
    origin = _save(archive, ORIGIN, "origin.html")
    _save(archive, PRICES, "prices.html")
    follow = _save(archive, FOLLOW, "follow.html")
    found = stories.related(archive, follow)
    assert found and found[0]["id"] == origin
    assert all(row["score"] >= stories.RELATED_MIN_SCORE for row in found)
    back = stories.related(archive, origin)
    assert [row["id"] for row in back][:1] == [follow]


def test_copies_are_not_related_stories(archive: Archive) -> None:
    origin = _save(archive, ORIGIN, "origin.html")
    copy = _save(archive, COPY, "copy.html")
    assert copy not in [row["id"] for row in stories.related(archive, origin)]


@pytest.mark.parametrize(("published", "earlier"), [
    ("2025-02-04T21:10:00+07:00", "2025-02-04T14:00:00Z"),   # 21:00 WIB is 14:00Z
    ("2025-02-05", "2025-02-05T23:00:00+07:00"),
    (None, "2025-02-09"),
])
def test_published_key_orders_times(published: str | None, earlier: str) -> None:
    assert stories.published_key(earlier) < stories.published_key(published)


OTHER_CHROME = _page("Judul Lain untuk Banjir Kudus", STORY, outlet="Nusa Harian",
                     published="2025-02-05T08:00:00+07:00", related=("Harga Emas Turun",))
MIXED = [(HALF, "half.html"), (COPY, "copy.html"), (FOLLOW, "follow.html"),
         (ORIGIN, "origin.html"), (ORIGIN, "again.html"), (PRICES, "prices.html"),
         (OTHER_CHROME, "other.html")]


def _layout(archive: Archive) -> tuple[object, ...]:
    """Stories and related links, named by page source (ids differ between archives)."""
    rows = archive.fetchall("SELECT p.source, a.id, a.story_id FROM articles a"
                            " JOIN pages p ON p.id = a.page_id")
    source = {row["id"]: row["source"] for row in rows}
    members: dict[object, set[str]] = {}
    for row in rows:
        members.setdefault(row["story_id"], set()).add(row["source"])
    stories_ = {(frozenset(members[row["id"]]), source[row["origin_article_id"]],
                 row["n_copies"], row["n_outlets"], row["first_published"])
                for row in archive.fetchall("SELECT * FROM stories")}
    links = {(source[row["article_id"]], source[row["related_id"]], row["score"])
             for row in archive.fetchall("SELECT * FROM related")}
    return stories_, links


def test_one_transaction_of_many_pages_makes_what_one_page_at_a_time_makes(
        archive: Archive, tmp_path: Path) -> None:
    prepared = [(writer.prepare(warta.extract(raw, name=name), raw, stem=archive.stems_text),
                 name) for raw, name in MIXED]
    results = archive.save_prepared(prepared)
    assert [getattr(result, "skipped", None) for result in results] == \
        [False, False, False, False, True, False, False]
    (tmp_path / "one").mkdir()
    with backend_url(archive.backend, tmp_path / "one") as url, open_archive(url) as single:
        for raw, name in MIXED:
            single.save(warta.extract(raw, name=name), raw, source=name)
        alone_stories, alone_links = _layout(single)
    grouped, links = _layout(archive)
    assert grouped == alone_stories
    # One page at a time, copy.html was linked as related to half.html before origin.html
    # bridged them into one story; saved together, copies are never related stories.
    same_story = {(a, b) for story in grouped for a in story[0] for b in story[0]}
    assert links == {link for link in alone_links if link[:2] not in same_story}
    assert frozenset({"half.html", "copy.html", "origin.html", "other.html"}) in \
        {story[0] for story in grouped}
    assert any(a == "follow.html" and b == "origin.html" for a, b, _ in links)


def test_band_keys_stored_as_text_before_version_5_still_find_copies(archive_url: str) -> None:
    """Version 5 turns "<band>:<hash>" text keys into integers: an upgraded archive keeps
    them, and a copy saved afterwards finds its story through them (a near copy: not the
    same body hash)."""
    prepared = writer.prepare(warta.extract(ORIGIN, name="origin.html"), ORIGIN)
    texts = [f"{key >> 48}:{key & ((1 << 48) - 1):012x}" for key in prepared.band_keys]
    with open_archive(archive_url, upgrade=False) as old:
        old.migrate(target=4)
        with old.transaction():
            page_id = old.fetchval(
                "INSERT INTO pages (content_hash, source, kind, raw_size, raw)"
                " VALUES (?, ?, ?, ?, ?) RETURNING id",
                (prepared.content_hash, "origin.html", "html", len(ORIGIN), prepared.raw_gzip))
            origin = old.fetchval(
                "INSERT INTO articles (page_id, title, body, outlet, body_hash)"
                " VALUES (?, ?, ?, ?, ?) RETURNING id",
                (page_id, prepared.extraction.article.title, prepared.body,
                 prepared.extraction.article.outlet, prepared.body_hash))
            story_id = old.fetchval("INSERT INTO stories (origin_article_id) VALUES (?)"
                                    " RETURNING id", (origin,))
            old.execute("UPDATE articles SET story_id = ? WHERE id = ?", (story_id, origin))
            old.insert_rows("story_bands (band_key, article_id)",
                            [(text, origin) for text in texts], conflict=False)
    with open_archive(archive_url) as archive:
        assert archive.schema_version() >= 5
        stored = [row["band_key"] for row in archive.fetchall(
            "SELECT band_key FROM story_bands WHERE article_id = ?", (origin,))]
        assert sorted(stored) == sorted(prepared.band_keys)
        copy = _save(archive, COPY, "copy.html")
        assert _story(archive, copy)["id"] == story_id


def test_a_prepared_page_comes_back_whole_from_a_worker() -> None:
    """Prepared pages travel pickled from the extraction workers (a leaner form than the
    dataclasses' own): every value the writer reads arrives unchanged."""
    import dataclasses
    import pickle

    for raw, name in MIXED:
        extraction = warta.extract(raw, name=name)
        prepared = writer.prepare(extraction, raw)
        for sent in (prepared, dataclasses.replace(prepared, extraction=extraction)):
            back = pickle.loads(pickle.dumps(sent))
            assert back.extraction == sent.extraction
            assert back.extraction.has_story == extraction.has_story
            assert back.entities == sent.entities and back.band_keys == sent.band_keys
            assert (back.body, back.body_hash, back.stemmed, back.raw_gzip) == \
                (sent.body, sent.body_hash, sent.stemmed, sent.raw_gzip)
            assert (back.fingerprint is None) == (sent.fingerprint is None)
            if sent.fingerprint is not None:
                assert back.fingerprint.shingles.dtype == sent.fingerprint.shingles.dtype
                assert back.fingerprint.shingles.tolist() == sent.fingerprint.shingles.tolist()
                assert dataclasses.replace(back.fingerprint, shingles=None) == \
                    dataclasses.replace(sent.fingerprint, shingles=None)
