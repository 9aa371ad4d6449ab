"""Benchmark collecting from the web: pages/s fetched + ingested from a local server.

    python bench/collect.py                         # 150 pages, 50 ms latency, concurrency 1 4 16
    python bench/collect.py --pages 400 --latency 0.2 --concurrency 1 4 16 32
    python bench/collect.py --jobs 2 --json out/collect.json

A loopback HTTP server in its own process serves synthetic Indonesian pages (``_corpus.py``,
original text) at ``/berita/N``, each answer delayed by ``--latency`` seconds (the time a
real news site takes to answer). For each concurrency the same URLs go through
``warta.collect.pipeline.Collector`` into a fresh SQLite archive, exactly as
``warta ingest URL…`` runs them (robots.txt, gates, extraction in one thread beside the
fetching, or ``--jobs`` processes), with the per-host rate limit lifted (one host here) and
``concurrency`` requests at once to it.

Reported per concurrency: wall time, pages/s, and where the time went, summed over pages —
network wait (request to last byte, gates included), extraction (article + facts + rows) and
saving — with the shares of network wait and extraction in their sum. With one extraction
thread, pages/s is capped near 1 / (extraction seconds per page) however many requests are
in flight; ``--jobs N`` raises that cap.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import sys
import tempfile
import time
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from _corpus import generate
from warta.archive import open_archive
from warta.collect.config import CollectSettings, HostPolicy
from warta.collect.fetch import Fetcher
from warta.collect.pipeline import Collector


def serve(pages: list[bytes], latency: float) -> tuple[multiprocessing.process.BaseProcess, int]:
    """Start the server in a forked process; return it and its port."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            time.sleep(latency)
            if self.path == "/robots.txt":
                body, kind = b"User-agent: *\nAllow: /\n", "text/plain"
            elif self.path.startswith("/berita/") and self.path[8:].isdigit() \
                    and int(self.path[8:]) < len(pages):
                body, kind = pages[int(self.path[8:])], "text/html; charset=utf-8"
            else:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.request_queue_size = 128
    process = multiprocessing.get_context("fork").Process(target=server.serve_forever,
                                                          daemon=True)
    process.start()
    port = server.server_address[1]
    server.socket.close()
    return process, port


def run_once(urls: list[str], *, concurrency: int, executor: Executor,
             folder: Path) -> dict[str, Any]:
    settings = CollectSettings(host=HostPolicy(rate=1e6, concurrency=concurrency),
                               concurrency=concurrency)
    db = folder / f"collect-{concurrency}.db"

    async def collect() -> Any:
        async with Fetcher(settings) as fetcher:
            collector = Collector(archive, fetcher, source="bench", settings=settings,
                                  executor=executor)
            return await collector.collect(urls)

    with open_archive(f"sqlite:///{db}") as archive:
        started = time.monotonic()
        summary = asyncio.run(collect())
        wall = time.monotonic() - started
    spent = summary.network_seconds + summary.extract_seconds + summary.save_seconds
    return {"concurrency": concurrency, "pages": len(urls), "stored": summary.stored,
            "skipped": summary.skipped, "failed": summary.failed,
            "wall_seconds": round(wall, 2), "pages_per_second": round(len(urls) / wall, 1),
            "network_seconds": round(summary.network_seconds, 2),
            "extract_seconds": round(summary.extract_seconds, 2),
            "save_seconds": round(summary.save_seconds, 2),
            "network_share": round(summary.network_seconds / spent, 3) if spent else 0.0,
            "extract_share": round(summary.extract_seconds / spent, 3) if spent else 0.0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=150)
    parser.add_argument("--latency", type=float, default=0.05,
                        help="seconds the server waits before each answer")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 4, 16])
    parser.add_argument("--jobs", type=int, default=1,
                        help="extraction processes (1: one thread, as warta ingest URL)")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()

    pages = [raw for _, raw in generate(args.pages, seed=11)]
    process, port = serve(pages, args.latency)
    urls = [f"http://127.0.0.1:{port}/berita/{n}" for n in range(len(pages))]
    import warta

    warta.extract(pages[0], name="warm-up")  # lexicons and models load once, before timing
    executor: Executor = (ThreadPoolExecutor(max_workers=1) if args.jobs == 1 else
                          ProcessPoolExecutor(max_workers=args.jobs,
                                              mp_context=multiprocessing.get_context("fork")))
    results = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            print(f"{len(urls)} pages, server latency {args.latency * 1000:.0f} ms, "
                  f"extraction in {'one thread' if args.jobs == 1 else f'{args.jobs} processes'}")
            print(f"{'conc':>4} {'pages/s':>8} {'wall s':>7} {'network s':>10} "
                  f"{'extract s':>10} {'save s':>7} {'network %':>10} {'extract %':>10}")
            for concurrency in args.concurrency:
                row = run_once(urls, concurrency=concurrency, executor=executor,
                               folder=Path(tmp))
                results.append(row)
                print(f"{concurrency:>4} {row['pages_per_second']:>8} {row['wall_seconds']:>7} "
                      f"{row['network_seconds']:>10} {row['extract_seconds']:>10} "
                      f"{row['save_seconds']:>7} {row['network_share'] * 100:>9.0f}% "
                      f"{row['extract_share'] * 100:>9.0f}%"
                      + (f"  ({row['failed']} failed)" if row["failed"] else ""))
    finally:
        executor.shutdown()
        process.kill()
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"latency": args.latency, "jobs": args.jobs,
                                         "results": results}, indent=1) + "\n")


if __name__ == "__main__":
    main()
