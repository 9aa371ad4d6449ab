"""Acceptance of issue #7 against a loopback site, on SQLite and PostgreSQL: two
``watch --once`` rounds with a restart between them store every allowed item exactly once,
fetch nothing robots.txt forbids, never exceed the per-host rate, and record every fault."""

from __future__ import annotations

import asyncio
from collections import Counter
from itertools import pairwise
from pathlib import Path

import pytest

from tests.collect.pages import article, atom, news_sitemap, rss, sitemap_index
from tests.collect.site import Reply, Site, conditional, html_reply
from warta.archive import open_archive
from warta.collect.config import CollectSettings
from warta.collect.fetch import Fetcher
from warta.collect.sources import load_sources
from warta.collect.watch import SourceRound, watch_round

# Path of each allowed page → the path its story is stored under (the AMP page gives way
# to its canonical page).
ALLOWED = ["/berita/1", "/berita/2", "/berita/4", "/berita/5", "/berita/6", "/berita/7",
           "/berita/8", "/latin"]
FAULTS = {"/rahasia/3": "robots", "/lambat": "timeout", "/rusak": "http-500",
          "/antre": "http-429", "/putar": "redirect-loop", "/besar": "too-large",
          "/feed-hilang.xml": "http-404"}


def build_site(site: Site) -> None:
    url = site.url
    site.routes["/robots.txt"] = Reply(200, b"User-agent: *\nDisallow: /rahasia/\n")
    site.routes["/rss.xml"] = conditional(rss([
        url("/berita/1?utm_source=rss"), url("/berita/2"), url("/rahasia/3"),
        url("/amp/berita/4"), url("/berita/1?fbclid=IwAR0"), url("/lambat"), url("/rusak"),
        url("/antre"), url("/putar"), url("/besar"), url("/latin"), url("/berita/6")]),
        content_type="application/rss+xml", etag='"rss-1"')
    site.routes["/sitemap-index.xml"] = conditional(
        sitemap_index([url("/news-sitemap.xml")]), content_type="application/xml",
        etag='"idx-1"')
    site.routes["/news-sitemap.xml"] = conditional(news_sitemap([
        url("/berita/2"), url("/berita/5"), url("/berita/4"),
        url("/berita/7?utm_campaign=pagi")]), content_type="application/xml", etag='"n-1"')
    # /berita/2 is listed by both sources: fetched once, for whichever asks first
    site.routes["/atom.xml"] = conditional(atom([url("/berita/8"), url("/berita/2")]),
                                           content_type="application/atom+xml", etag='"a-1"')
    for n in (1, 2, 5, 7, 8):
        site.routes[f"/berita/{n}"] = html_reply(article(n))
    site.routes["/berita/4"] = html_reply(article(4, canonical=url("/berita/4")))
    site.routes["/amp/berita/4"] = html_reply(article(4, canonical=url("/berita/4"),
                                                      amp=True).replace("<p>", "<p>AMP ", 1))
    site.routes["/rahasia/3"] = html_reply(article(3))
    # The server says iso-8859-1 but sends UTF-8: valid UTF-8 wins.
    site.routes["/berita/6"] = html_reply(article(6).replace("Kepala dinas", "Pedagang saté"
                                                             " dan kepala dinas"),
                                          charset="iso-8859-1")
    # The server says UTF-8 and the page declares nothing, but the bytes are windows-1252.
    site.routes["/latin"] = html_reply(
        article(9, charset_meta=None).replace("Kepala dinas", "Pedagang saté dan kepala dinas"),
        charset="utf-8", encoding="cp1252")
    # far beyond the 0.5 s read timeout, so it times out even when a busy machine is slow
    site.routes["/lambat"] = Reply(200, b"<html></html>", {"Content-Type": "text/html"},
                                   delay=3.0)
    site.routes["/rusak"] = Reply(500, b"galat server")
    site.routes["/antre"] = Reply(429, b"", {"Retry-After": "1"})
    site.routes["/putar"] = Reply(302, b"", {"Location": "/putar-lagi"})
    site.routes["/putar-lagi"] = Reply(302, b"", {"Location": "/putar"})
    site.routes["/besar"] = Reply(200, b"<html><body>", {"Content-Type": "text/html"},
                                  stream=1_000_000)


def sources_file(site: Site, folder: Path) -> Path:
    path = folder / "sources.yaml"
    path.write_text(f"""# sources for the test site
outlets:
  - name: Kabar Uji
    feeds: [{site.url("/rss.xml")}]
    sitemaps: [{site.url("/sitemap-index.xml")}]
  - name: Atom Uji
    feeds: [{site.url("/atom.xml")}]
  - name: Rusak
    feeds: [{site.url("/feed-hilang.xml")}]
""", encoding="utf-8")
    return path


def one_round(archive_url: str, sources: Path, settings: CollectSettings
              ) -> list[SourceRound]:
    """A whole ``watch --once``: open the archive, one round, close (a restart between)."""
    found = load_sources(sources)

    async def run() -> list[SourceRound]:
        async with Fetcher(settings) as fetcher:
            return await watch_round(archive, found, fetcher=fetcher, settings=settings)

    with open_archive(archive_url) as archive:
        return asyncio.run(run())


def test_two_watch_rounds_store_each_allowed_item_once_politely(
        site: Site, fast: CollectSettings, archive_url: str, tmp_path: Path) -> None:
    build_site(site)
    site.serve_in_a_process()
    sources = sources_file(site, tmp_path)
    first = one_round(archive_url, sources, fast)
    restart = len(site.hits)
    assert sum(r.summary.stored for r in first) == len(ALLOWED)
    assert first[2].summary.stored == 0
    assert first[2].listing_errors and first[2].error is None  # the bad source stood alone
    second = one_round(archive_url, sources, fast)
    assert sum(r.summary.stored for r in second) == 0

    hits = Counter(hit.path.split("?")[0] for hit in site.hits)
    # every allowed item stored exactly once, each page requested once over both rounds
    with open_archive(archive_url) as archive:
        stored = archive.fetchall("SELECT url FROM pages ORDER BY url")
        assert sorted(row["url"] for row in stored) == sorted(site.url(p) for p in ALLOWED)
        assert archive.count("articles") == len(ALLOWED)
        assert {path: hits[path] for path in ALLOWED} == dict.fromkeys(ALLOWED, 1)
        assert hits["/amp/berita/4"] == 1
        # the AMP page and the tracking-parameter URLs are names of the stored pages
        names = {row["url"]: row["content_hash"] for row in archive.fetchall(
            "SELECT url, content_hash FROM fetched_urls")}
        assert names[site.url("/amp/berita/4")] == names[site.url("/berita/4")]
        body = archive.fetchval("SELECT a.body FROM articles a JOIN pages p ON p.id ="
                                " a.page_id WHERE p.url = ?", (site.url("/latin"),))
        assert "saté" in body
        body = archive.fetchval("SELECT a.body FROM articles a JOIN pages p ON p.id ="
                                " a.page_id WHERE p.url = ?", (site.url("/berita/6"),))
        assert "saté" in body
        # each fault recorded with its reason; retried in the second round except robots
        failures = {row["url"].removeprefix(site.url("")): row for row in
                    archive.fetchall("SELECT * FROM fetch_failures")}
        assert {path: row["reason"] for path, row in failures.items()} == FAULTS
        assert failures["/rahasia/3"]["attempts"] == 1 and \
            failures["/rahasia/3"]["retry_at"] is None
        assert failures["/rusak"]["attempts"] == 2 and failures["/rusak"]["status"] == 500
        assert "forbids /rahasia/3" in failures["/rahasia/3"]["message"]
        # feeds answered 304 to the second round's conditional GETs
        feed = archive.fetchone("SELECT * FROM watched_feeds WHERE url = ?",
                                (site.url("/rss.xml"),))
        assert feed["etag"] == '"rss-1"' and feed["items_seen"] == 11 and feed["failures"] == 0
    assert [hit.headers.get("if-none-match") for hit in site.hits_of("/rss.xml")] == \
        [None, '"rss-1"']
    # nothing robots.txt forbids was requested
    assert not [path for path in hits if path.startswith("/rahasia/")]
    # per-host rate, in each run (the whole site is one host), from the server's log: any
    # 11 consecutive arrivals span at least 10/rate (the rate over any second never above the
    # limit), less 40 ms, and no two arrive closer than half of 1/rate. The slack is the
    # scheduling jitter of a loaded 2-core machine: the log is written by another process
    # whose threads start late when the machine is busy; a broken limiter sends bursts.
    interval = 1 / fast.host.rate
    for run in (site.hits[:restart], site.hits[restart:]):
        arrivals = sorted(run, key=lambda hit: hit.at)
        close = [(a.path, b.path, round(b.at - a.at, 4)) for a, b in pairwise(arrivals)
                 if b.at - a.at < interval / 2]
        assert not close, close
        spans = [arrivals[i + 10].at - arrivals[i].at for i in range(len(arrivals) - 10)]
        assert min(spans, default=10 * interval) >= 10 * interval - 0.04, min(spans)


def test_sources_file_errors_name_the_file_and_outlet(tmp_path: Path) -> None:
    from warta.collect.sources import SourcesError

    path = tmp_path / "s.yaml"
    path.write_text("outlets:\n  - name: Tanpa Feed\n", encoding="utf-8")
    with pytest.raises(SourcesError, match=r"s\.yaml: outlet 'Tanpa Feed' lists no feeds"):
        load_sources(path)
    path.write_text("outlets:\n  - name: X\n    feeds: [ftp://x]\n", encoding="utf-8")
    with pytest.raises(SourcesError, match="feeds must be a list of http"):
        load_sources(path)
    path.write_text("outlets: [", encoding="utf-8")
    with pytest.raises(SourcesError, match="not valid YAML"):
        load_sources(path)
    with pytest.raises(SourcesError, match="cannot be read"):
        load_sources(tmp_path / "hilang.yaml")


def test_sample_sources_file_loads_and_names_major_outlets() -> None:
    from warta.collect.sources import sample_sources_path

    outlets = load_sources(sample_sources_path())
    assert len(outlets) >= 8 and all(o.listings for o in outlets)
    assert "verify before use" in sample_sources_path().read_text(encoding="utf-8").lower()
