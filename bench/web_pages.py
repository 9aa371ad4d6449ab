"""Render every kind of web UI page on an archive: status, time per page, failures.

    python bench/web_pages.py                            # the 100,000-article bench archive
    python bench/web_pages.py --db sqlite:///warta.db    # e.g. the `make demo` archive
    python bench/web_pages.py --db postgresql://… --sample 50 --json out/pages.json

Issue #5 asks that every page render on the `make demo` archive and on the bench archive of
≥ 100,000 articles (``bench/archive.py --search-only`` builds and caches it at
``$TMPDIR/warta-bench-search-100000.db``). This script opens the archive through the same app
``warta serve`` runs (in-process, one request at a time: what one reader sees, not load —
``bench/web.py`` does load; one untimed request first) and requests, in Indonesian and in
English:

* the front page, the events table (unfiltered, by type, by country, the timeline of the most
  frequent country pair), its CSV download, the ingest form is left out (read-only server);
* search pages for the bench queries, with and without filters;
* ``--sample`` article, entity and story pages: the newest, the oldest, the most mentioned
  entities, the stories with the most copies, and random ids.

Every response must be 200 with HTML (CSV for the download) and a page that names no
server error; the exit status is 1 when one is not. Times are wall ms per request (p50,
p95, max) by page kind.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from warta.archive import open_archive
from warta.web.app import create_app

DEFAULT_DB = f"sqlite:///{Path(tempfile.gettempdir()) / 'warta-bench-search-100000.db'}"
QUERIES = ("banjir", "kebakaran rumah", "\"rem blong\"", "Malaysia", "harga beras")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.db.startswith("sqlite:///") and not Path(args.db.removeprefix("sqlite:///")).exists():
        print(f"skipped: {args.db} not found (build it with `python bench/archive.py "
              "--search-only`, or give --db)")
        return 0
    paths = pages_to_render(args.db, args.sample, random.Random(args.seed))
    times: dict[str, list[float]] = defaultdict(list)
    failures: list[dict[str, Any]] = []
    with TestClient(create_app(args.db)) as client:
        client.get("/")   # untimed: the first request opens the archive and warms its cache
        for kind, path in paths:
            for lang in ("id", "en"):
                url = path + ("&" if "?" in path else "?") + f"lang={lang}"
                start = time.perf_counter()
                response = client.get(url)
                times[kind].append((time.perf_counter() - start) * 1000)
                problem = check(kind, response)
                if problem:
                    failures.append({"url": url, "status": response.status_code,
                                     "problem": problem})
    report = {kind: summary(values) for kind, values in times.items()}
    print(f"{args.db}: {sum(len(v) for v in times.values())} pages requested "
          f"(Indonesian and English)")
    print(f"{'page':<14}{'pages':>7}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
    for kind, row in report.items():
        print(f"{kind:<14}{row['n']:>7}{row['p50_ms']:>9}{row['p95_ms']:>9}{row['max_ms']:>9}")
    print(f"failures: {len(failures)}")
    for failure in failures[:20]:
        print(f"  {failure['url']}: {failure['status']} {failure['problem']}")
    if args.json:
        args.json.write_text(json.dumps({"db": args.db, "pages": report, "failures": failures},
                                        indent=2), encoding="utf-8")
    return 1 if failures else 0


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=DEFAULT_DB, help="archive URL (default: %(default)s)")
    parser.add_argument("--sample", type=int, default=20,
                        help="article, entity and story pages of each sort (20)")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--json", type=Path, help="write every number here")
    return parser.parse_args(argv)


def pages_to_render(url: str, sample: int, rng: random.Random) -> list[tuple[str, str]]:
    """(page kind, path) pairs drawn from the archive itself."""
    archive = open_archive(url)
    try:
        def ids(sql: str) -> list[int]:
            return [int(row["id"]) for row in archive.fetchall(sql)]

        articles = ids(f"SELECT id FROM articles ORDER BY id DESC LIMIT {sample}")
        articles += ids(f"SELECT id FROM articles ORDER BY id LIMIT {sample}")
        top = archive.fetchone("SELECT max(id) AS n FROM articles") or {}
        articles += [rng.randint(1, int(top.get("n") or 1)) for _ in range(sample)]
        entities = ids("SELECT entity_id AS id FROM article_entities GROUP BY entity_id"
                       f" ORDER BY count(*) DESC LIMIT {sample}")
        entities += ids(f"SELECT id FROM entities ORDER BY id DESC LIMIT {sample}")
        stories = ids(f"SELECT id FROM stories ORDER BY n_copies DESC, id LIMIT {sample}")
        stories += ids(f"SELECT id FROM stories ORDER BY id DESC LIMIT {sample}")
        types = [row["type"] for row in archive.fetchall(
            "SELECT type FROM events GROUP BY type ORDER BY count(*) DESC LIMIT 5")]
        pair = archive.fetchall(
            "SELECT a.code AS a, b.code AS b FROM event_parties a JOIN event_parties b"
            " ON a.event_id = b.event_id AND a.code < b.code GROUP BY a.code, b.code"
            " ORDER BY count(*) DESC LIMIT 1")
    finally:
        archive.close()
    paths = [("front", "/"), ("events", "/events"), ("events csv", "/events.csv")]
    paths += [("events", f"/events?type={kind}") for kind in types]
    if pair:
        paths.append(("events pair", f"/events?country={pair[0]['a']}&country2={pair[0]['b']}"))
    paths += [("search", "/search?q=" + q) for q in QUERIES]
    paths += [("search", "/search?q=banjir&since=2024-01-01&until=2024-12-31"),
              ("search", "/search?q=banjir&page=3")]
    paths += [("article", f"/articles/{i}") for i in dict.fromkeys(articles)]
    paths += [("entity", f"/entities/{i}") for i in dict.fromkeys(entities)]
    paths += [("story", f"/stories/{i}") for i in dict.fromkeys(stories)]
    return paths


def check(kind: str, response: Any) -> str | None:
    """What is wrong with a response, or None. A random article id may be a gap (404 page)."""
    if response.status_code == 404 and kind == "article":
        return None if "<html" in response.text else "404 without a page"
    if response.status_code != 200:
        return f"status {response.status_code}"
    wanted = "text/csv" if kind == "events csv" else "text/html"
    if wanted not in response.headers.get("content-type", ""):
        return f"content-type {response.headers.get('content-type')}"
    if wanted == "text/html" and "</html>" not in response.text:
        return "page cut short"
    return None


def summary(values: list[float]) -> dict[str, Any]:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"n": len(values), "p50_ms": round(statistics.median(ordered), 1),
            "p95_ms": round(p95, 1), "max_ms": round(ordered[-1], 1)}


if __name__ == "__main__":
    sys.exit(main())
