"""A small news site on loopback for the collect tests: pages, feeds, sitemaps and faults.

``Site`` runs a threaded ``http.server`` on 127.0.0.1 (a free port) and logs every request
it receives (arrival time, path, headers), so tests can check what was fetched and how fast.
Routes map a path (with its query) to a ``Reply`` or to a function of the request that
returns one.
"""

from __future__ import annotations

import dataclasses
import json
import multiprocessing
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass(frozen=True)
class Hit:
    at: float  # time.monotonic() on arrival
    path: str
    headers: dict[str, str]


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0   # seconds before answering (a slow server)
    stream: int = 0      # bytes sent after the body without Content-Length (an endless body)


Route = Reply | Callable[[Hit], Reply]
LOG_PATH = "/__log__"  # answers the request log as JSON (not logged itself)


class Site:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self._hits: list[Hit] = []
        self._lock = threading.Lock()
        self._process: multiprocessing.process.BaseProcess | None = None
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                hit = Hit(time.monotonic(), self.path, {k.lower(): v for k, v in
                                                        self.headers.items()})
                if self.path == LOG_PATH:
                    with site._lock:
                        log = [dataclasses.asdict(hit) for hit in site._hits]
                    self._send(Reply(200, json.dumps(log).encode()))
                    return
                with site._lock:
                    site._hits.append(hit)
                route = site.routes.get(self.path) or site.routes.get(self.path.split("?")[0])
                reply = Reply(404, b"tidak ada") if route is None else (
                    route(hit) if callable(route) else route)
                time.sleep(reply.delay)
                try:
                    self._send(reply)
                except (BrokenPipeError, ConnectionResetError):
                    self.close_connection = True

            def _send(self, reply: Reply) -> None:
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                if reply.stream:
                    self.send_header("Connection", "close")
                    self.end_headers()
                    self.close_connection = True
                    self.wfile.write(reply.body)
                    chunk = b"<p>lagi dan lagi</p>\n" * 2000
                    for _ in range(reply.stream // len(chunk) + 1):
                        self.wfile.write(chunk)
                        time.sleep(0.001)  # let the other requests' threads run
                    return
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                self.wfile.write(reply.body)

            def log_message(self, format: str, *args: object) -> None:
                return  # the log is ``site.hits``

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        # A client hanging up on an endless body is expected, not worth a traceback.
        self.server.handle_error = lambda request, address: None  # type: ignore[method-assign]
        self.port = self.server.server_address[1]

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    @property
    def hits(self) -> list[Hit]:
        """Every request so far, in arrival order (read from the server process if any)."""
        if self._process is None:
            with self._lock:
                return list(self._hits)
        with urllib.request.urlopen(self.url(LOG_PATH), timeout=10) as response:
            return [Hit(**hit) for hit in json.loads(response.read())]

    def paths(self) -> list[str]:
        return [hit.path for hit in self.hits]

    def hits_of(self, path: str) -> list[Hit]:
        return [hit for hit in self.hits if hit.path == path]

    def serve_in_a_process(self) -> None:
        """Serve from a forked process with the routes set so far, so the arrival times in
        the log are not delayed by the tests' own threads (one interpreter lock)."""
        self.server.shutdown()  # the serving thread stops; the socket stays open
        self._process = multiprocessing.get_context("fork").Process(
            target=self.server.serve_forever, daemon=True)
        self._process.start()
        self.server.socket.close()  # the child holds the socket now


@contextmanager
def running_site() -> Iterator[Site]:
    """A site served by a thread of this process (``serve_in_a_process`` to move it)."""
    site = Site()
    thread = threading.Thread(target=site.server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        if site._process is not None:
            site._process.kill()
            site._process.join(timeout=5)
        else:
            site.server.shutdown()
            site.server.server_close()
            thread.join(timeout=5)


def html_reply(html: str, *, charset: str | None = "utf-8", encoding: str = "utf-8",
               **headers: str) -> Reply:
    content_type = "text/html" + (f"; charset={charset}" if charset else "")
    return Reply(200, html.encode(encoding), {"Content-Type": content_type, **headers})


def conditional(body: bytes, *, content_type: str, etag: str) -> Callable[[Hit], Reply]:
    """A route answering 304 when the client sends back the ETag it got."""

    def reply(hit: Hit) -> Reply:
        if hit.headers.get("if-none-match") == etag:
            return Reply(304, b"", {"ETag": etag})
        return Reply(200, body, {"Content-Type": content_type, "ETag": etag})

    return reply
