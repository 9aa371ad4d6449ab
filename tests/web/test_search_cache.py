"""Search cost bounds in the web room: results kept between requests (``search_cache``) only
while the archive is unchanged, and search pages that stop where ranking stops."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.archive.search_corpus import Story, corpus_archive, page_html
from warta.archive import open_archive
from warta.archive.ingest import ingest
from warta.archive.query import Filters
from warta.web import create_app, pages, search_cache
from warta.web.api import articles
from warta.web.app import SERVE_GC_THRESHOLD, prepare_to_serve
from warta.web.search_cache import SearchCache

FLOOD = Story("banjir-bekasi", "KabarDesa.com", "2025-07-01T10:00:00+07:00",
              "Banjir Rendam Perumahan di Bekasi",
              ("BEKASI, KabarDesa.com - Banjir setinggi satu meter merendam ratusan rumah di "
               "sebuah perumahan di Bekasi setelah hujan deras turun sejak Minggu malam.",
               "Warga mengungsi ke rumah kerabat dan masjid terdekat, kata ketua RT setempat, "
               "sementara petugas memompa air dari jalan utama perumahan."))


@pytest.fixture
def archive_url(tmp_path: Path) -> str:
    """A SQLite archive of the search corpus that the test may write to."""
    url = f"sqlite:///{tmp_path / 'warta.db'}"
    corpus_archive(url, tmp_path / "pages")
    return url


@pytest.fixture
def searches(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts the cache really searched the archive for, in order."""
    calls: list[str] = []
    real = search_cache.search

    def counted(archive: Any, query: str, *args: Any, **kwargs: Any) -> Any:
        calls.append(query)
        return real(archive, query, *args, **kwargs)

    monkeypatch.setattr(search_cache, "search", counted)
    return calls


def found(client: TestClient, **params: Any) -> list[int]:
    response = client.get("/api/v1/articles/search", params=params)
    assert response.status_code == 200, response.text
    return [hit["article_id"] for hit in response.json()["items"]]


def test_a_repeated_search_is_answered_from_memory_until_a_commit(
        archive_url: str, searches: list[str], tmp_path: Path) -> None:
    with TestClient(create_app(archive_url)) as client:
        before = found(client, q="banjir")
        assert found(client, q="banjir") == before and searches == ["banjir"]
        assert found(client, q="banjir", outlet="KabarDesa.com") == []
        assert searches == ["banjir", "banjir"]            # other filters: another entry
        page = tmp_path / "banjir-bekasi.html"
        page.write_text(page_html(FLOOD), encoding="utf-8")
        with open_archive(archive_url) as writer:          # another connection commits
            assert ingest(writer, [str(page)], jobs=1).stored == 1
        after = found(client, q="banjir")
        assert len(after) == len(before) + 1 and searches[-1] == "banjir"
        assert found(client, q="banjir", outlet="KabarDesa.com") == [max(after)]


def test_the_oldest_result_makes_room_and_no_watcher_caches_nothing(
        archive_url: str, searches: list[str]) -> None:
    with open_archive(archive_url, readonly=True) as archive:
        cache = SearchCache(open_archive(archive_url, readonly=True), entries=2)
        for text in ("banjir", "gaza", "garut", "gaza", "banjir"):
            cache.search(archive, text, Filters(), limit=5, offset=0)
        assert searches == ["banjir", "gaza", "garut", "banjir"]
        cache.close()
        searches.clear()
        passing = SearchCache(None)                       # PostgreSQL: no change signal
        for _ in range(2):
            passing.search(archive, "gaza", Filters(), limit=5, offset=0)
        assert searches == ["gaza", "gaza"]


def test_search_pages_end_where_ranking_ends(archive_url: str,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(articles, "MAX_SEARCH_DEPTH", 2)
    monkeypatch.setattr(pages, "RANKED_MATCHES", 1)
    with TestClient(create_app(archive_url)) as client:
        first = client.get("/api/v1/articles/search", params={"q": "garut OR gaza",
                                                              "limit": 1}).json()
        second = client.get("/api/v1/articles/search", params={
            "q": "garut OR gaza", "limit": 1, "cursor": first["next_cursor"]}).json()
        assert len(first["items"]) == len(second["items"]) == 1
        assert second["next_cursor"] is None
        html = client.get("/search", params={"q": "garut OR gaza"}).text
        assert html.count('<li class="hit">') == 1 and "page=2" not in html
        assert "Hanya 1 artikel cocok terbaru yang diurutkan" in html   # says why it ends
        deeper = client.get("/search", params={"q": "garut OR gaza", "page": 2}).text
        assert '<li class="hit">' not in deeper and "Hanya 1 artikel cocok" in deeper
        monkeypatch.setattr(pages, "RANKED_MATCHES", 1000)
        assert "Hanya 1000" not in client.get("/search", params={"q": "garut OR gaza"}).text


def test_a_search_found_after_a_lookup_is_kept_unless_a_commit_came_between(
        archive_url: str, searches: list[str], tmp_path: Path) -> None:
    """The route looks up (one pragma), then searches under that generation: stored and
    served next time, but one that a commit came between is dropped, never served."""
    with open_archive(archive_url, readonly=True) as archive:
        cache = SearchCache(open_archive(archive_url, readonly=True))
        hits, generation = cache.lookup("banjir", Filters(), limit=5, offset=0)
        assert hits is None and generation is not None
        first = cache.search(archive, "banjir", Filters(), limit=5, offset=0,
                             generation=generation)
        assert cache.lookup("banjir", Filters(), limit=5, offset=0)[0] == first
        assert searches == ["banjir"]
        hits, generation = cache.lookup("gaza", Filters(), limit=5, offset=0)
        page = tmp_path / "banjir-bekasi.html"
        page.write_text(page_html(FLOOD), encoding="utf-8")
        with open_archive(archive_url) as writer:          # commits after the lookup
            assert ingest(writer, [str(page)], jobs=1).stored == 1
        cache.search(archive, "gaza", Filters(), limit=5, offset=0, generation=generation)
        assert cache.cached("gaza", Filters(), limit=5, offset=0) is None
        assert cache.cached("banjir", Filters(), limit=5, offset=0) is None
        cache.close()


def test_a_search_holds_a_pooled_archive_only_while_it_runs(archive_url: str) -> None:
    with TestClient(create_app(archive_url)) as client:
        pool = client.app.state.pool  # type: ignore[attr-defined]
        lent: list[bool] = []
        real = pool.acquire

        def acquire() -> Any:
            lent.append(True)
            return real()

        pool.acquire = acquire
        assert found(client, q="banjir", until="2030")          # searched: one archive
        assert found(client, q="banjir", until="2030") and lent == [True]   # from memory
        pool.acquire = real


def test_a_serving_process_freezes_what_start_up_made() -> None:
    before = gc.get_threshold()
    try:
        prepare_to_serve()
        assert gc.get_threshold() == SERVE_GC_THRESHOLD and gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
