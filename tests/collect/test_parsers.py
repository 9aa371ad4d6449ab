"""Parsers of the collector: URLs, intervals, Retry-After, feeds and sitemaps (#7)."""

from __future__ import annotations

import contextlib
import gzip
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.collect.pages import atom, news_sitemap, rss, sitemap_index
from warta.collect.listings import ListingError, read_listing
from warta.collect.timing import backoff, parse_interval, parse_retry_after
from warta.collect.urls import canonical_url, page_links

BASE = "https://www.kabar.id/berita/2026/03/01/banjir-di-garut"


@pytest.mark.parametrize("variant", [
    BASE,
    BASE + "?utm_source=facebook&utm_medium=social",
    BASE + "?fbclid=IwAR0abc",
    BASE + "#komentar",
    "HTTPS://WWW.Kabar.ID:443/berita/2026/03/01/banjir-di-garut?gclid=xyz&utm_campaign=a",
])
def test_tracking_parameters_fragments_case_and_port_give_one_url(variant: str) -> None:
    assert canonical_url(variant) == BASE


def test_meaningful_query_is_kept_and_sorted() -> None:
    assert canonical_url("https://kabar.id/baca?page=2&id=7&utm_source=x") == \
        "https://kabar.id/baca?id=7&page=2"


@pytest.mark.parametrize("bad", ["ftp://kabar.id/a", "kabar.id/a", "javascript:alert(1)",
                                 "https:///tanpa-host", ""])
def test_non_http_urls_are_refused_with_the_url_named(bad: str) -> None:
    with pytest.raises(ValueError, match="is not"):
        canonical_url(bad)


PATH = st.lists(st.text(st.characters(whitelist_categories=("Ll", "Nd")), min_size=1,
                        max_size=8), max_size=4).map("/".join)
PARAMS = st.lists(st.tuples(st.sampled_from(["id", "page", "q", "utm_source", "fbclid",
                                             "utm_medium", "gclid", "kat"]),
                            st.text("abc123", min_size=1, max_size=5)), max_size=5)


@given(host=st.sampled_from(["kabar.id", "WWW.Berita.co.id", "news.example.com:8080"]),
       path=PATH, params=PARAMS, fragment=st.text("xyz", max_size=4))
def test_canonical_url_is_idempotent_and_drops_trackers(host: str, path: str,
                                                        params: list[tuple[str, str]],
                                                        fragment: str) -> None:
    query = "&".join(f"{k}={v}" for k, v in params)
    url = f"https://{host}/{path}" + (f"?{query}" if query else "") + \
        (f"#{fragment}" if fragment else "")
    once = canonical_url(url)
    assert canonical_url(once) == once
    assert "utm_" not in once and "fbclid" not in once and "gclid" not in once
    assert "#" not in once and once.startswith("https://" + host.lower().split(":")[0])


def test_rel_canonical_and_amp_are_read_from_the_head() -> None:
    html = ('<html amp lang="id"><head><link href="/berita/1?utm_source=amp" '
            'rel="canonical"></head><body></body></html>')
    links = page_links(html, "https://kabar.id/amp/berita/1")
    assert links.canonical == "https://kabar.id/berita/1" and links.amp
    plain = page_links("<html><head><title>x</title></head></html>", "https://kabar.id/")
    assert plain.canonical is None and not plain.amp


def test_home_page_as_canonical_of_an_article_is_ignored() -> None:
    html = '<html><head><link rel="canonical" href="https://kabar.id/"></head></html>'
    assert page_links(html, "https://kabar.id/berita/1").canonical is None
    assert page_links(html, "https://kabar.id/").canonical == "https://kabar.id/"


@given(st.text(max_size=300))
def test_page_links_never_fails(html: str) -> None:
    page_links(html, "https://kabar.id/a")


@pytest.mark.parametrize(("text", "seconds"), [
    ("90", 90), ("30s", 30), ("10m", 600), ("1h30m", 5400), ("1d", 86400), (" 2H ", 7200),
    ("1.5m", 90)])
def test_intervals(text: str, seconds: float) -> None:
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("bad", ["", "m", "10x", "0", "0m", "-5m", "10 menit", "1h-2m",
                                 "9" * 400, "400d"])
def test_bad_intervals_are_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="interval"):
        parse_interval(bad)


@given(st.lists(st.tuples(st.integers(1, 90), st.sampled_from("smhd")), min_size=1,
                max_size=4))
def test_interval_is_the_sum_of_its_parts(parts: list[tuple[int, str]]) -> None:
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    text = "".join(f"{n}{unit}" for n, unit in parts)
    assert parse_interval(text) == sum(n * units[unit] for n, unit in parts)


@given(st.one_of(st.text(max_size=40), st.text("0123456789.smhd ", max_size=40)))
def test_interval_parser_raises_only_value_error(text: str) -> None:
    with contextlib.suppress(ValueError):
        assert 0 < parse_interval(text) <= 366 * 86400


def test_retry_after_seconds_and_http_dates() -> None:
    now = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
    assert parse_retry_after("120", now=now) == 120
    later = format_datetime(now + timedelta(seconds=90), usegmt=True)
    assert parse_retry_after(later, now=now) == 90
    assert parse_retry_after(format_datetime(now - timedelta(days=1), usegmt=True),
                             now=now) == 0
    assert parse_retry_after(None) is None
    assert parse_retry_after("besok pagi") is None
    assert parse_retry_after("²") is None  # a digit to str.isdigit, not to HTTP
    assert parse_retry_after("9" * 400) == 30 * 86400  # read as a month, not infinity


@given(st.one_of(st.text(max_size=60), st.integers(0, 10**30).map(str)))
def test_retry_after_never_raises_and_stays_in_bounds(value: str) -> None:
    wait = parse_retry_after(value)
    assert wait is None or 0 <= wait <= 30 * 86400


@given(st.integers(0, 200))
def test_backoff_doubles_up_to_the_cap(attempt: int) -> None:
    wait = backoff(attempt, base=0.5, cap=60)
    assert 0.5 <= wait <= 60
    assert backoff(attempt + 1, base=0.5, cap=60) in (min(60, wait * 2), wait)


LINKS = ["https://kabar.id/berita/1", "https://kabar.id/berita/2?utm_source=rss"]


@pytest.mark.parametrize(("body", "kind"), [
    (rss(LINKS), "feed"), (atom(LINKS), "feed"), (news_sitemap(LINKS), "sitemap"),
    (gzip.compress(news_sitemap(LINKS)), "sitemap")])
def test_feeds_and_sitemaps_list_their_items(body: bytes, kind: str) -> None:
    listing = read_listing(body, max_bytes=1_000_000)
    assert listing.kind == kind and list(listing.items) == LINKS


def test_sitemap_index_lists_child_sitemaps() -> None:
    listing = read_listing(sitemap_index(["https://kabar.id/news.xml"]), max_bytes=10_000)
    assert listing.kind == "sitemapindex" and listing.children == ("https://kabar.id/news.xml",)


@pytest.mark.parametrize("body", [b"", b"<html><body>bukan feed</body></html>",
                                  b"\x1f\x8b rusak", b"<urlset><url><loc>"])
def test_other_bodies_are_a_listing_error(body: bytes) -> None:
    try:
        listing = read_listing(body, max_bytes=10_000)
    except ListingError:
        return
    assert listing.items == () and listing.children == ()


def test_sitemap_entities_are_not_expanded() -> None:
    bomb = (b'<?xml version="1.0"?><!DOCTYPE u [<!ENTITY a "https://kabar.id/x">]>'
            b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            b"<url><loc>&a;</loc></url></urlset>")
    assert read_listing(bomb, max_bytes=10_000).items == ()
