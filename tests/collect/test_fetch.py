"""The fetcher against a loopback site: robots.txt, faults, redirects, size cap (#7)."""

from __future__ import annotations

import asyncio
import time

import pytest

from tests.collect.site import Reply, Site, html_reply
from warta import __version__
from warta.collect.config import CollectSettings
from warta.collect.fetch import Fetched, Fetcher, FetchError

ROBOTS = Reply(200, b"User-agent: *\nDisallow: /rahasia/\n", {"Content-Type": "text/plain"})


def fetch(site: Site, path: str, settings: CollectSettings, **kwargs: object) -> Fetched:
    async def run() -> Fetched:
        async with Fetcher(settings) as fetcher:
            return await fetcher.fetch(site.url(path), **kwargs)  # type: ignore[arg-type]

    return asyncio.run(run())


def failure(site: Site, path: str, settings: CollectSettings) -> FetchError:
    with pytest.raises(FetchError) as caught:
        fetch(site, path, settings)
    return caught.value


def test_page_is_fetched_with_a_user_agent_naming_warta(site: Site,
                                                        fast: CollectSettings) -> None:
    site.routes["/robots.txt"] = ROBOTS
    site.routes["/berita/1"] = html_reply("<html><body>halo</body></html>",
                                          charset="iso-8859-1")
    got = fetch(site, "/berita/1", fast)
    assert got.status == 200 and got.body == b"<html><body>halo</body></html>"
    assert got.charset == "iso-8859-1" and got.content_type == "text/html"
    agent = site.hits_of("/berita/1")[0].headers["user-agent"]
    assert agent.startswith(f"warta/{__version__} (+http") and "warta" in agent


def test_robots_txt_forbids_a_path_which_is_never_requested(site: Site,
                                                             fast: CollectSettings) -> None:
    site.routes["/robots.txt"] = ROBOTS
    site.routes["/rahasia/1"] = html_reply("<html>rahasia</html>")
    error = failure(site, "/rahasia/1", fast)
    assert error.reason == "robots" and "forbids /rahasia/1" in str(error)
    fetch(site, "/robots.txt", fast)  # robots.txt is read once per fetcher and host
    assert "/rahasia/1" not in site.paths()


def test_missing_robots_txt_allows_everything(site: Site, fast: CollectSettings) -> None:
    site.routes["/a"] = html_reply("<html>a</html>")
    assert fetch(site, "/a", fast).status == 200
    assert site.paths() == ["/robots.txt", "/a"]


def test_robots_txt_server_error_fetches_nothing(site: Site, fast: CollectSettings) -> None:
    site.routes["/robots.txt"] = Reply(503, b"sibuk")
    site.routes["/a"] = html_reply("<html>a</html>")
    assert failure(site, "/a", fast).reason == "robots-unreachable"
    assert "/a" not in site.paths()


def test_slow_response_times_out_after_every_try(site: Site, fast: CollectSettings) -> None:
    site.routes["/lambat"] = Reply(200, b"<html>lambat</html>", delay=3.0)
    error = failure(site, "/lambat", fast)
    assert error.reason == "timeout" and "timed out" in str(error)
    assert len(site.hits_of("/lambat")) == fast.attempts


def test_429_waits_for_retry_after_then_succeeds(site: Site, fast: CollectSettings) -> None:
    answers = iter([Reply(429, b"", {"Retry-After": "1"}), html_reply("<html>ok</html>")])
    site.routes["/antre"] = lambda hit: next(answers)
    assert fetch(site, "/antre", fast).status == 200
    first, second = site.hits_of("/antre")
    assert second.at - first.at >= 0.95


def test_429_with_a_long_retry_after_is_left_for_later(site: Site,
                                                       fast: CollectSettings) -> None:
    site.routes["/antre"] = Reply(429, b"", {"Retry-After": "3600"})
    started = time.monotonic()
    error = failure(site, "/antre", fast)
    assert error.reason == "http-429" and error.status == 429 and error.retry_in == 3600
    assert time.monotonic() - started < 1.0 and len(site.hits_of("/antre")) == 1


def test_server_errors_are_retried_then_reported(site: Site, fast: CollectSettings) -> None:
    site.routes["/rusak"] = Reply(500, b"galat")
    error = failure(site, "/rusak", fast)
    assert (error.reason, error.status) == ("http-500", 500)
    assert len(site.hits_of("/rusak")) == fast.attempts


def test_not_found_is_not_retried(site: Site, fast: CollectSettings) -> None:
    error = failure(site, "/hilang", fast)
    assert (error.reason, error.status) == ("http-404", 404)
    assert len(site.hits_of("/hilang")) == 1


def test_redirects_are_followed_and_recorded(site: Site, fast: CollectSettings) -> None:
    site.routes["/lama"] = Reply(301, b"", {"Location": "/baru"})
    site.routes["/baru"] = Reply(302, b"", {"Location": site.url("/akhir")})
    site.routes["/akhir"] = html_reply("<html>akhir</html>")
    got = fetch(site, "/lama", fast)
    assert got.final_url == site.url("/akhir") and got.url == site.url("/lama")
    assert got.redirects == ((301, site.url("/baru")), (302, site.url("/akhir")))


def test_redirect_loop_is_an_error(site: Site, fast: CollectSettings) -> None:
    site.routes["/putar-a"] = Reply(302, b"", {"Location": "/putar-b"})
    site.routes["/putar-b"] = Reply(302, b"", {"Location": "/putar-a"})
    error = failure(site, "/putar-a", fast)
    assert error.reason == "redirect-loop" and "/putar-a" in str(error)


def test_endless_redirects_stop_at_the_limit(site: Site, fast: CollectSettings) -> None:
    site.routes["/lagi"] = lambda hit: Reply(302, b"", {"Location": hit.path + "x"})
    for n in range(1, 20):
        site.routes["/lagi" + "x" * n] = site.routes["/lagi"]
    assert failure(site, "/lagi", fast).reason == "too-many-redirects"
    assert len(site.hits) <= fast.max_redirects + 2  # robots.txt and the first request


def test_redirect_into_a_forbidden_path_is_not_followed(site: Site,
                                                        fast: CollectSettings) -> None:
    site.routes["/robots.txt"] = ROBOTS
    site.routes["/pintu"] = Reply(302, b"", {"Location": "/rahasia/2"})
    assert failure(site, "/pintu", fast).reason == "robots"
    assert "/rahasia/2" not in site.paths()


def test_oversized_body_is_cut_off_while_streaming(site: Site, fast: CollectSettings) -> None:
    site.routes["/besar"] = Reply(200, b"<html><body>", {"Content-Type": "text/html"},
                                  stream=5 * fast.max_bytes)
    error = failure(site, "/besar", fast)
    assert error.reason == "too-large" and "stopped reading" in str(error)


def test_declared_oversized_body_is_refused_before_reading(site: Site,
                                                           fast: CollectSettings) -> None:
    site.routes["/besar"] = Reply(200, b"x" * (fast.max_bytes + 1), {"Content-Type": "text/html"})
    assert "above the" in str(failure(site, "/besar", fast))


def test_connection_refused_is_reported(fast: CollectSettings) -> None:
    async def run() -> None:
        async with Fetcher(fast) as fetcher:
            await fetcher.fetch("http://127.0.0.1:9/tutup")

    with pytest.raises(FetchError) as caught:
        asyncio.run(run())
    assert caught.value.reason == "connect" and "127.0.0.1" in str(caught.value)
