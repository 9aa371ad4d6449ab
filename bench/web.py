"""Load the web API: 50 concurrent clients on loopback, p50 / p95 / max and errors.

    python bench/web.py                                   # builds a small archive first
    python bench/web.py --db sqlite:////tmp/warta-bench-search-100000.db
    python bench/web.py --db … --clients 50 --requests 3000 --workers 2 --json out/web.json

Steps:

1. the archive: ``--db``, else a fresh SQLite archive of ``--pages`` synthetic pages
   (``_corpus.py``, original text) ingested with ``warta.archive.ingest``. The 100,000-article
   archive of the issue is the search archive ``bench/archive.py`` builds and caches:
   ``$TMPDIR/warta-bench-search-100000.db`` (``/tmp`` by default; ``--cache`` there moves
   it); ``python bench/archive.py --search-only`` makes it (7 minutes on a busy 2-core machine:
   10,000 pages ingested, then 90,000 articles bulk-inserted);
2. ``warta serve`` in a subprocess on a free loopback port (``--workers`` processes),
   waited for until ``/api/v1/health`` answers;
3. per scenario, ``--warmup`` requests then ``--requests`` timed ones, sent by ``--clients``
   concurrent clients (asyncio tasks over one httpx pool of that many connections), each
   sending its next request as soon as the previous answered (a closed loop, like ``wrk``):
   * **article detail**: ``GET /api/v1/articles/{id}``, ids drawn at random from the archive;
   * **search**: ``GET /api/v1/articles/search?q=…&limit=20``, the 20 queries of
     bench/archive.py in turn (after the warm-up, the server's result cache answers them);
   * **search uncached**: the same queries, each request with its own ``until`` day after
     the archive's last article (the same hits, but no two requests share a cache entry):
     what a search costs when it really runs;
4. latency per request (client side, send to last byte), p50 / p95 / p99 / max, requests per
   second, errors (transport errors or any status but 200), and the server's CPU time per
   request (``cpu/req``, ms: its process and workers, from /proc), which other jobs on the
   machine do not inflate the way they inflate latency. The targets of issue #5
   (detail p95 ≤ 50 ms, search p95 ≤ 100 ms, no errors) are checked; exit status 1 when one
   is missed.

The clients run on the same machine as the server and take CPU from it: on a 2-core machine
the numbers are an upper bound of what the server alone would show.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

QUERIES = ("banjir", "banjir bekasi", "kebakaran rumah", "harga beras", "rupiah melemah",
           "sabu pengedar", "demam berdarah", "kecelakaan truk", "kerja sama perdagangan",
           "pendaftaran siswa", "pengungsi", "operasi pasar", "korsleting listrik",
           "\"rem blong\"", "pemadam kebakaran", "stadion", "fogging kelurahan",
           "Malaysia", "Semarang", "hujan deras")   # the queries of bench/archive.py
TARGETS_MS = {"article detail": 50.0, "search": 100.0, "search uncached": 100.0}
LAST_DAY = date(9000, 12, 31)   # "search uncached" counts days back from here


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="warta-bench-web-") as tmp:
        url = args.db or build_archive(Path(tmp), args.pages)
        ids = sample_ids(url, 5000)
        print(f"archive {url}: {len(ids)} article ids sampled", flush=True)
        port = free_port()
        server = start_server(url, port, args.workers)
        try:
            base = f"http://127.0.0.1:{port}"
            wait_ready(base, server)
            results = asyncio.run(run_all(base, ids, args, server.pid))
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
    ok = report(results, args)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"archive": url, "clients": args.clients,
                                         "workers": args.workers, "results": results},
                                        indent=1) + "\n")
    return 0 if ok else 1


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--db", help="archive URL (default: build a small one)")
    parser.add_argument("--pages", type=int, default=300,
                        help="pages of the archive built without --db (300)")
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients (50)")
    parser.add_argument("--requests", type=int, default=2000,
                        help="timed requests per scenario (2000)")
    parser.add_argument("--warmup", type=int, default=200, help="untimed requests first")
    parser.add_argument("--workers", type=int, default=1, help="server processes (1)")
    parser.add_argument("--only", choices=sorted(TARGETS_MS), help="run one scenario")
    parser.add_argument("--json", type=Path, help="write every number here")
    return parser.parse_args(argv)


def build_archive(folder: Path, pages: int) -> str:
    from _corpus import write_corpus
    from warta.archive import open_archive
    from warta.archive.ingest import ingest

    started = time.perf_counter()
    truth = write_corpus(folder / "corpus", pages=pages, seed=7)
    url = f"sqlite:///{folder / 'web.db'}"
    with open_archive(url) as archive:
        summary = ingest(archive, [str(folder / "corpus" / page.name) for page in truth])
    print(f"archive built: {summary.stored} pages stored in "
          f"{time.perf_counter() - started:.0f} s", flush=True)
    return url


def sample_ids(url: str, n: int) -> list[int]:
    from warta.archive import open_archive

    with open_archive(url, readonly=True) as archive:
        rows = archive.fetchall("SELECT id FROM articles ORDER BY random() LIMIT ?", (n,))
    return [int(row["id"]) for row in rows]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def start_server(url: str, port: int, workers: int) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "warta", "serve", "--db", url, "--port", str(port),
               "--workers", str(workers), "--log-level", "warning"]
    return subprocess.Popen(command, env={**os.environ, "PYTHONUNBUFFERED": "1"})


def wait_ready(base: str, server: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"warta serve exited with status {server.returncode}")
        try:
            if httpx.get(f"{base}/api/v1/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"warta serve did not answer within {timeout:.0f} s")


async def run_all(base: str, ids: list[int], args: argparse.Namespace, server_pid: int
                  ) -> dict[str, dict[str, Any]]:
    rng = random.Random(5)
    scenarios: dict[str, Callable[[int], str]] = {
        "article detail": lambda i: f"/api/v1/articles/{rng.choice(ids)}",
        "search": lambda i: "/api/v1/articles/search?limit=20&"
                            + str(httpx.QueryParams({"q": QUERIES[i % len(QUERIES)]})),
        "search uncached": lambda i: "/api/v1/articles/search?limit=20&" + str(
            httpx.QueryParams({"q": QUERIES[i % len(QUERIES)],
                               "until": (LAST_DAY - timedelta(days=next(days))).isoformat()})),
    }
    days = itertools.count()
    port = int(base.rsplit(":", 1)[1])
    results = {}
    for name, path in scenarios.items():
        if args.only and name != args.only:
            continue
        check(base, path(0))
        await load(port, path, args.warmup, args.clients)
        before = server_cpu_seconds(server_pid)
        results[name] = await load(port, path, args.requests, args.clients)
        if before is not None and (after := server_cpu_seconds(server_pid)) is not None:
            results[name]["server_cpu_ms"] = round((after - before) * 1000 / args.requests, 2)
        print(f"{name}: done", flush=True)
    return results


def server_cpu_seconds(pid: int) -> float | None:
    """CPU seconds (user + system) of the server process and its worker processes so far,
    from /proc (None elsewhere): the server's own cost per request, whatever else the
    machine runs."""
    tick = os.sysconf("SC_CLK_TCK")
    total, found = 0.0, False
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue               # a process that ended meanwhile
        if stat.parent.name == str(pid) or fields[1] == str(pid):   # itself, or a worker
            total += (int(fields[11]) + int(fields[12])) / tick
            found = True
    return total if found else None


def check(base: str, path: str) -> None:
    """One request through httpx first: the scenario must answer 200 with JSON."""
    response = httpx.get(base + path, timeout=30)
    if response.status_code != 200:
        raise SystemExit(f"GET {path}: {response.status_code} {response.text[:200]}")
    response.json()


class Connection:
    """A minimal HTTP/1.1 keep-alive client for GET on loopback.

    httpx's AsyncClient spends about 3.5 ms of CPU per request at 50 connections (measured:
    7 s of client CPU for 2,000 requests against 1 s of server CPU), so on a small machine
    it, not the server, would be measured. This one reads the status line, the headers and
    a Content-Length body, nothing else.
    """

    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> int:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        assert self.reader is not None
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        length, close = 0, False
        for line in lines[1:]:
            key, _, value = line.partition(":")
            if key.lower() == "content-length":
                length = int(value)
            elif key.lower() == "connection" and "close" in value.lower():
                close = True
        await self.reader.readexactly(length)
        if close:
            await self.close()
        return status

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = self.reader = None


async def load(port: int, path: Callable[[int], str], total: int,
               clients: int) -> dict[str, Any]:
    timings: list[float] = []
    errors: dict[str, int] = {}
    counter = iter(range(total))

    async def one_client() -> None:
        connection = Connection(port)
        for i in counter:
            target = path(i)
            started = time.perf_counter()
            try:
                status = await connection.get(target)
                failure = None if status == 200 else str(status)
            except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
                failure = type(exc).__name__
                await connection.close()
            timings.append((time.perf_counter() - started) * 1000)
            if failure:
                errors[failure] = errors.get(failure, 0) + 1
        await connection.close()

    started = time.perf_counter()
    await asyncio.gather(*(one_client() for _ in range(clients)))
    seconds = time.perf_counter() - started
    timings.sort()
    return {"requests": len(timings), "seconds": round(seconds, 2),
            "rps": round(len(timings) / seconds, 1),
            "p50_ms": round(statistics.median(timings), 1),
            "p95_ms": round(_quantile(timings, 0.95), 1),
            "p99_ms": round(_quantile(timings, 0.99), 1),
            "max_ms": round(timings[-1], 1), "errors": sum(errors.values()),
            "error_kinds": errors}


def _quantile(ordered: list[float], q: float) -> float:
    return ordered[min(len(ordered) - 1, max(0, int(len(ordered) * q + 0.5) - 1))]


def report(results: dict[str, dict[str, Any]], args: argparse.Namespace) -> bool:
    print(f"\n{args.clients} clients, {args.workers} server worker(s)")
    print(f"{'scenario':<16}{'req':>7}{'req/s':>9}{'p50':>9}{'p95':>9}{'p99':>9}{'max':>9}"
          f"{'errors':>8}{'cpu/req':>9}  target")
    ok = True
    for name, found in results.items():
        target = TARGETS_MS[name]
        met = found["p95_ms"] <= target and found["errors"] == 0
        ok = ok and met
        print(f"{name:<16}{found['requests']:>7}{found['rps']:>9}{found['p50_ms']:>9}"
              f"{found['p95_ms']:>9}{found['p99_ms']:>9}{found['max_ms']:>9}"
              f"{found['errors']:>8}{found.get('server_cpu_ms', '-'):>9}"
              f"  p95 ≤ {target:.0f} ms: {'met' if met else 'MISSED'}")
    return ok


if __name__ == "__main__":
    sys.exit(main())
