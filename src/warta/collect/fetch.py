"""The polite fetcher: one ``Fetcher`` per run, on an ``httpx.AsyncClient``.

Every request, robots.txt included, goes through the same steps (``Fetcher.fetch``):
1. robots.txt of the host, read once per ``robots_ttl`` and cached: a forbidden URL is never
   asked for (``reason="robots"``); its ``Crawl-delay`` slows the host's gate;
2. the host's gate (``gates.Gates``): rate and concurrency per host, a global cap;
3. GET with connect/read timeouts, streamed, stopped as soon as the body passes the size cap;
4. 429, 5xx, timeouts and dropped connections are tried again after ``Retry-After`` or an
   exponential back-off; a wait longer than ``backoff_max`` ends the request with the wait
   in ``FetchError.retry_in`` so a later round can pick it up;
5. redirects are followed by hand, each hop checked against robots.txt and recorded; a loop
   or more than ``max_redirects`` hops is an error.

Failures raise ``FetchError`` with a reason code (``robots``, ``timeout``, ``connect``,
``http-404``, ``http-429``, ``http-500``, ``too-large``, ``redirect-loop``,
``too-many-redirects``, ``network``) and a one-line message naming the URL.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from warta.collect.config import DEFAULT_COLLECT, CollectSettings
from warta.collect.gates import Gates, PacedTransport
from warta.collect.timing import backoff, parse_retry_after, utc_now
from warta.collect.urls import host_of
from warta.errors import WartaError

REDIRECTS = frozenset({301, 302, 303, 307, 308})
RETRIED = frozenset({429, 500, 502, 503, 504})
# robots.txt bigger than this is cut (Google reads the first 500 KiB).
ROBOTS_MAX_BYTES = 500_000
# An unreadable robots.txt is asked for again after this many seconds.
ROBOTS_RETRY = 300.0


class FetchError(WartaError):
    """A URL could not be fetched; ``reason`` is a code, ``status`` the HTTP status if any."""

    def __init__(self, url: str, reason: str, problem: str, *, status: int | None = None,
                 retry_in: float | None = None) -> None:
        super().__init__(url, problem)
        self.reason = reason
        self.status = status
        self.retry_in = retry_in


@dataclass(frozen=True, slots=True)
class Fetched:
    """One fetched URL: the body as served and how it was reached."""

    url: str
    final_url: str
    status: int
    body: bytes
    content_type: str | None
    charset: str | None
    etag: str | None
    last_modified: str | None
    redirects: tuple[tuple[int, str], ...]
    fetched_at: str
    seconds: float       # in ``fetch``: queueing at the gates and back-off included
    wire_seconds: float  # on the wire: request sent to last byte, summed over the hops

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass(frozen=True, slots=True)
class _Response:
    status: int
    headers: httpx.Headers
    body: bytes
    charset: str | None
    seconds: float


class Fetcher:
    """Fetch URLs politely; use as ``async with Fetcher(settings) as fetcher``."""

    def __init__(self, settings: CollectSettings = DEFAULT_COLLECT, *,
                 transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.settings = settings
        self._transport = transport
        self._client: httpx.AsyncClient | None = None
        self._gates: Gates | None = None
        self._robots: dict[str, tuple[float, RobotFileParser | FetchError]] = {}
        self._robots_locks: dict[str, asyncio.Lock] = {}

    async def __aenter__(self) -> Fetcher:
        s = self.settings
        self._gates = Gates(s)
        inner = self._transport or httpx.AsyncHTTPTransport(
            limits=httpx.Limits(max_connections=s.concurrency))
        self._client = httpx.AsyncClient(
            headers={"User-Agent": s.user_agent,
                     "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,"
                               "*/*;q=0.8",
                     "Accept-Language": "id,en;q=0.5"},
            timeout=httpx.Timeout(s.read_timeout, connect=s.connect_timeout),
            follow_redirects=False, transport=PacedTransport(inner, self._gates))
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._client is not None:
            await self._client.aclose()

    async def fetch(self, url: str, *, max_bytes: int | None = None,
                    headers: dict[str, str] | None = None) -> Fetched:
        """GET ``url`` politely (see the module steps); 304 comes back as a Fetched."""
        started = time.monotonic()
        cap = max_bytes or self.settings.max_bytes
        hops: list[tuple[int, str]] = []
        seen = {url}
        current = url
        wire = 0.0
        for _ in range(self.settings.max_redirects + 1):
            await self._check_robots(url, current)
            response = await self._get(url, current, cap=cap, headers=headers or {})
            wire += response.seconds
            location = response.headers.get("location")
            if response.status not in REDIRECTS or not location:
                return self._result(url, current, response, hops, started, wire)
            current = urljoin(current, location.strip())
            hops.append((response.status, current))
            if current in seen:
                raise FetchError(url, "redirect-loop",
                                 f"redirect loop after {len(hops)} hops (back to {current})",
                                 status=response.status)
            seen.add(current)
        raise FetchError(url, "too-many-redirects",
                         f"more than {self.settings.max_redirects} redirects")

    def _result(self, url: str, final: str, response: _Response,
                hops: list[tuple[int, str]], started: float, wire: float) -> Fetched:
        if response.status >= 400 or response.status < 200:
            raise FetchError(url, f"http-{response.status}",
                             f"HTTP {response.status} from {final}", status=response.status)
        content_type = response.headers.get("content-type")
        return Fetched(url=url, final_url=final, status=response.status, body=response.body,
                       content_type=content_type.split(";")[0].strip().lower()
                       if content_type else None,
                       charset=response.charset, etag=response.headers.get("etag"),
                       last_modified=response.headers.get("last-modified"),
                       redirects=tuple(hops), fetched_at=utc_now(),
                       seconds=time.monotonic() - started, wire_seconds=wire)

    async def _get(self, url: str, current: str, *, cap: int,
                   headers: dict[str, str]) -> _Response:
        """One GET of ``current`` with retries (step 4); ``url`` names the request."""
        s = self.settings
        for attempt in range(1, s.attempts + 1):
            delay = backoff(attempt, base=s.backoff_base, cap=s.backoff_max)
            try:
                response = await self._send(url, current, cap=cap, headers=headers)
            except FetchError as exc:
                if exc.reason not in ("timeout", "connect", "network") \
                        or attempt == s.attempts:
                    raise
            else:
                if response.status not in RETRIED:
                    return response
                wait = parse_retry_after(response.headers.get("retry-after"))
                delay = delay if wait is None else wait
                if attempt == s.attempts or delay > s.backoff_max:
                    raise FetchError(url, f"http-{response.status}",
                                     f"HTTP {response.status} from {current} after "
                                     f"{attempt} tries", status=response.status,
                                     retry_in=wait)
            await asyncio.sleep(delay)
        raise AssertionError("unreachable")  # pragma: no cover

    async def _send(self, url: str, current: str, *, cap: int,
                    headers: dict[str, str]) -> _Response:
        assert self._client is not None and self._gates is not None, "use async with"
        try:
            async with self._gates.turn(host_of(current)):
                started = time.monotonic()
                async with self._client.stream("GET", current, headers=headers) as response:
                    body = await _read_capped(url, response, cap)
                    return _Response(response.status_code, response.headers, body,
                                     response.charset_encoding, time.monotonic() - started)
        except httpx.TimeoutException as exc:
            raise FetchError(url, "timeout", f"timed out ({type(exc).__name__}) on "
                             f"{current}") from None
        except httpx.ConnectError as exc:
            raise FetchError(url, "connect", f"cannot connect to {host_of(current)} "
                             f"({exc})") from None
        except (httpx.TransportError, httpx.DecodingError) as exc:
            raise FetchError(url, "network", f"{type(exc).__name__} on {current}: {exc}"
                             ) from None
        except httpx.InvalidURL as exc:
            raise FetchError(url, "bad-url", f"not a URL that can be fetched ({exc})"
                             ) from None

    async def _check_robots(self, url: str, current: str) -> None:
        rules = await self._robots_for(current)
        if isinstance(rules, FetchError):
            reason = rules.reason if rules.reason in ("connect", "timeout") \
                else "robots-unreachable"
            raise FetchError(url, reason, f"robots.txt of {host_of(current)} could not be "
                             f"read ({rules.problem}); not fetching until it can",
                             status=rules.status)
        if not rules.can_fetch(self.settings.user_agent, current):
            raise FetchError(url, "robots", f"robots.txt of {host_of(current)} forbids "
                             f"{urlsplit(current).path or '/'}")

    async def _robots_for(self, url: str) -> RobotFileParser | FetchError:
        """The host's robots.txt rules, fetched once per ``robots_ttl`` (RFC 9309: a 4xx
        answer allows everything; a 5xx or no answer forbids everything until it is read,
        tried again after ``ROBOTS_RETRY`` seconds)."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        lock = self._robots_locks.setdefault(origin, asyncio.Lock())
        async with lock:
            cached = self._robots.get(origin)
            if cached is not None:
                ttl = self.settings.robots_ttl if isinstance(cached[1], RobotFileParser) \
                    else min(ROBOTS_RETRY, self.settings.robots_ttl)
                if time.monotonic() - cached[0] < ttl:
                    return cached[1]
            rules = await self._load_robots(origin)
            self._robots[origin] = (time.monotonic(), rules)
            return rules

    async def _load_robots(self, origin: str) -> RobotFileParser | FetchError:
        robots_url = origin + "/robots.txt"
        rules = RobotFileParser(robots_url)
        try:
            response = await self._get(robots_url, robots_url, cap=ROBOTS_MAX_BYTES,
                                       headers={})
            for _ in range(self.settings.max_redirects):  # robots.txt may redirect
                location = response.headers.get("location")
                if response.status not in REDIRECTS or not location:
                    break
                target = urljoin(robots_url, location)
                response = await self._get(robots_url, target, cap=ROBOTS_MAX_BYTES,
                                           headers={})
        except FetchError as exc:
            if exc.status is not None and 400 <= exc.status < 500:
                rules.parse([])  # no rules: everything allowed
                return rules
            return exc
        if 400 <= response.status < 500:
            rules.parse([])
        elif response.status >= 300:
            return FetchError(robots_url, f"http-{response.status}",
                              f"HTTP {response.status}", status=response.status)
        else:
            rules.parse(response.body.decode("utf-8", errors="replace").splitlines())
            delay = rules.crawl_delay(self.settings.user_agent)
            if delay and self._gates is not None:
                self._gates.host(host_of(origin)).slow_down(float(delay))
        return rules


async def _read_capped(url: str, response: httpx.Response, cap: int) -> bytes:
    """The body, refusing one over ``cap`` bytes (declared or streamed) without reading it all."""
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > cap:
        raise FetchError(url, "too-large", f"body of {int(declared):,} bytes is above the "
                         f"{cap:,}-byte limit", status=response.status_code)
    chunks: list[bytes] = []
    total = 0
    async for chunk in response.aiter_bytes():
        total += len(chunk)
        if total > cap:
            raise FetchError(url, "too-large", f"body is above the {cap:,}-byte limit "
                             "(stopped reading)", status=response.status_code)
        chunks.append(chunk)
    return b"".join(chunks)
