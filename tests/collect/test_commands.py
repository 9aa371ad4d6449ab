"""``warta ingest URL``, ``watch --once``, ``sources`` and ``reextract`` end to end (#7)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.collect.pages import article, rss
from tests.collect.site import Reply, Site, conditional, html_reply
from warta.archive import open_archive
from warta.cli import main


@pytest.fixture(autouse=True)
def quick_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    """The commands read ``config.DEFAULT_COLLECT`` when they run: make it quick."""
    import dataclasses

    from tests.collect.conftest import FAST
    from warta.collect import config

    monkeypatch.setattr(config, "DEFAULT_COLLECT", dataclasses.replace(
        FAST, host=config.HostPolicy(rate=50.0, concurrency=2)))


def serve_news(site: Site) -> None:
    site.routes["/robots.txt"] = Reply(200, b"User-agent: *\nDisallow: /rahasia/\n")
    site.routes["/berita/1"] = html_reply(article(1, canonical=site.url("/berita/1")))
    site.routes["/lama/1"] = Reply(301, b"", {"Location": "/berita/1?utm_source=lama"})
    site.routes["/berita/2"] = html_reply(article(2))
    site.routes["/gambar.png"] = Reply(200, b"\x89PNG....", {"Content-Type": "image/png"})
    site.routes["/rusak"] = Reply(503, b"", {"Retry-After": "0"})


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_ingest_urls_records_how_each_page_was_reached(site: Site, archive_url: str) -> None:
    serve_news(site)
    code, out, err = invoke("ingest", site.url("/lama/1"), site.url("/berita/2"),
                            "--db", archive_url, "--json")
    assert code == 0, err
    summary = json.loads(out)
    assert (summary["stored"], summary["failed"]) == (2, 0)
    with open_archive(archive_url) as archive:
        page = archive.fetchone("SELECT url, fetched, source, warta_version FROM pages"
                                " WHERE source = ?", (site.url("/lama/1"),))
        assert page["url"] == site.url("/berita/1") and page["fetched"].endswith("Z")
        row = archive.fetchone("SELECT * FROM fetched_urls WHERE url = ?",
                               (site.url("/lama/1"),))
    assert row["final_url"] == site.url("/berita/1?utm_source=lama")
    assert row["canonical_url"] == site.url("/berita/1") and row["status"] == 200
    assert json.loads(row["redirects"]) == [[301, site.url("/berita/1?utm_source=lama")]]
    assert row["charset"] == "utf-8"
    # again, and under another tracking parameter: nothing is fetched
    before = len(site.hits)
    code, out, err = invoke("ingest", site.url("/lama/1"), site.url("/berita/1?fbclid=x"),
                            site.url("/berita/2"), "--db", archive_url, "--json")
    assert code == 0 and json.loads(out)["skipped"] == 3
    assert len(site.hits) == before


def test_ingest_url_failures_name_the_url_and_exit_1(site: Site, archive_url: str) -> None:
    serve_news(site)
    code, _, err = invoke("ingest", site.url("/gambar.png"), site.url("/rahasia/x"),
                            site.url("/hilang"), "bukan-url-http://", "--db", archive_url)
    assert code == 1
    assert f"failed {site.url('/gambar.png')}: image/png is not an HTML page" in err
    assert "robots.txt of 127.0.0.1 forbids /rahasia/x" in err
    assert f"HTTP 404 from {site.url('/hilang')}" in err
    assert "Traceback" not in err
    with open_archive(archive_url) as archive:
        reasons = {row["url"]: row["reason"] for row in archive.fetchall(
            "SELECT url, reason FROM fetch_failures")}
    assert reasons == {site.url("/gambar.png"): "not-a-page",
                       site.url("/rahasia/x"): "robots", site.url("/hilang"): "http-404"}


def test_watch_once_then_sources_shows_success_items_and_failures(
        site: Site, archive_url: str, tmp_path: Path) -> None:
    serve_news(site)
    site.routes["/rss.xml"] = conditional(rss([site.url("/berita/1"), site.url("/berita/2"),
                                               site.url("/rusak")]),
                                          content_type="application/rss+xml", etag='"1"')
    sources = tmp_path / "sources.yaml"
    sources.write_text(f"outlets:\n  - name: Kabar Uji\n    feeds: [{site.url('/rss.xml')}]\n"
                       f"    rate: 40\n  - name: Mati\n    feeds: [http://127.0.0.1:9/rss]\n",
                       encoding="utf-8")
    code, out, err = invoke("watch", str(sources), "--once", "--db", archive_url, "--json")
    assert code == 0, err
    rounds = {r["source"]: r for r in json.loads(out)}
    assert rounds["Kabar Uji"]["stored"] == 2 and rounds["Kabar Uji"]["failed"] == 1
    assert "cannot connect" in rounds["Mati"]["listing_errors"][0]
    code, out, err = invoke("sources", "--db", archive_url, "--json")
    report = {row["source"]: row for row in json.loads(out)}
    assert report["Kabar Uji"]["pages"] == 2 and report["Kabar Uji"]["failures"] == 1
    assert report["Kabar Uji"]["last_success"] is not None
    assert "http-503" in report["Kabar Uji"]["last_error"]
    assert report["Mati"]["last_success"] is None and report["Mati"]["failures"] == 1
    code, out, err = invoke("sources", "--db", archive_url, "--failures")
    assert code == 0 and "http-503" in out and "connect" in out


def test_watch_refuses_bad_sources_and_intervals(tmp_path: Path) -> None:
    code, _, err = invoke("watch", str(tmp_path / "hilang.yaml"), "--once")
    assert code == 1 and "hilang.yaml: cannot be read" in err
    code, _, err = invoke("watch", "http://127.0.0.1:9/rss", "--every", "sepuluh")
    assert code == 2 and "is not an interval" in err


def test_sample_sources_path_is_printed() -> None:
    code, out, _ = invoke("sources", "--sample")
    assert code == 0 and out.strip().endswith("sources.yaml") and Path(out.strip()).exists()


def test_reextract_replaces_old_extractions_from_raw_pages(site: Site,
                                                           archive_url: str) -> None:
    serve_news(site)
    assert invoke("ingest", site.url("/berita/1"), site.url("/berita/2"), "--db",
                  archive_url)[0] == 0
    with open_archive(archive_url) as archive:
        archive.execute("UPDATE pages SET warta_version = ? WHERE url = ?",
                        ("0.0.1", site.url("/berita/2")))
        before = archive.fetchone("SELECT p.content_hash, a.title FROM pages p JOIN articles a"
                                  " ON a.page_id = p.id WHERE p.url = ?", (site.url("/berita/2"),))
    fetched = len(site.hits)
    code, out, err = invoke("reextract", "--db", archive_url, "--json")
    assert code == 0, err
    assert json.loads(out)["reextracted"] == 1 and len(site.hits) == fetched
    with open_archive(archive_url) as archive:
        after = archive.fetchone("SELECT p.content_hash, a.title, p.warta_version, p.fetched"
                                 " FROM pages p JOIN articles a ON a.page_id = p.id"
                                 " WHERE p.url = ?", (site.url("/berita/2"),))
        assert (after["content_hash"], after["title"]) == (before["content_hash"],
                                                           before["title"])
        assert after["warta_version"] != "0.0.1" and after["fetched"] is not None
        assert archive.count("pages") == 2 and archive.count("articles") == 2
        stories = archive.fetchall("SELECT n_copies FROM stories")
        assert all(row["n_copies"] >= 1 for row in stories)
    code, out, _ = invoke("reextract", "--db", archive_url, "--json")
    assert json.loads(out)["pages"] == 0
    code, out, _ = invoke("reextract", "--db", archive_url, "--all", "--json")
    assert json.loads(out)["reextracted"] == 2


def test_failed_url_is_held_back_until_its_retry_is_due(site: Site, sqlite_url: str) -> None:
    import asyncio

    from warta.collect.config import CollectSettings, HostPolicy
    from warta.collect.fetch import Fetcher
    from warta.collect.pipeline import Collector

    site.routes["/rusak"] = Reply(500, b"")
    settings = CollectSettings(host=HostPolicy(rate=50.0), attempts=1, failure_retry_base=3600)

    def collect(*, retry_failed: bool = False) -> list[str | None]:
        async def run() -> list[str | None]:
            async with Fetcher(settings) as fetcher:
                collector = Collector(archive, fetcher, source="uji", settings=settings)
                summary = await collector.collect([site.url("/rusak")],
                                                  retry_failed=retry_failed)
            return [o.reason for o in summary.failures] + [None] * summary.skipped

        return asyncio.run(run())

    with open_archive(sqlite_url) as archive:
        assert collect() == ["http-500"]
        assert collect() == [None]          # not due: skipped without a request
        assert len(site.hits_of("/rusak")) == 1
        assert collect(retry_failed=True) == ["http-500"]  # named on purpose: tried now
        row = archive.fetchone("SELECT attempts, retry_at, last_failed FROM fetch_failures")
    assert row["attempts"] == 2 and row["retry_at"] > row["last_failed"]


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_archive_from_schema_version_3_gets_the_collect_tables(backend: str,
                                                               tmp_path: Path) -> None:
    from tests.archive.conftest import backend_url

    with backend_url(backend, tmp_path) as url:
        with open_archive(url, upgrade=False) as old:
            old.migrate(target=3)
            old.execute("INSERT INTO pages (content_hash, source, kind, raw_size, raw)"
                        " VALUES (?, ?, ?, ?, ?)", ("ab" * 32, "lama.html", "html", 1, b"x"))
        with open_archive(url) as archive:
            assert archive.schema_version() >= 4 and archive.count("pages") == 1
            assert archive.count("fetched_urls") == archive.count("watched_feeds") == 0
            names = archive.fetchall("SELECT name FROM schema_version WHERE version = 4")
    assert names == [{"name": "collect"}]


def test_ingest_dash_reads_urls_and_paths_from_stdin(site: Site, sqlite_url: str,
                                                     tmp_path: Path) -> None:
    from tests.archive.pages import write_pages

    serve_news(site)
    (page,) = write_pages(tmp_path / "p", [40])
    listed = f"{site.url('/berita/1')}\n\n{page}\n{site.url('/berita/2')}\n"
    result = CliRunner().invoke(main, ["ingest", "-", "--db", sqlite_url], input=listed)
    assert result.exit_code == 0, result.stderr
    with open_archive(sqlite_url) as archive:
        assert sorted(row["source"] for row in archive.fetchall("SELECT source FROM pages")) \
            == sorted([site.url("/berita/1"), site.url("/berita/2"), str(page)])
