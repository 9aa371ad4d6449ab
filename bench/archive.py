"""Benchmark the archive: ingest speed, syndication quality, search latency, size — one run.

    python bench/archive.py                      # 10,000 pages, 100,000 search articles
    python bench/archive.py --quick              # 2,000 pages, 20,000 search articles
    python bench/archive.py --pages 20000 --jobs 2 --json out/archive.json
    python bench/archive.py --search-only        # step 5 alone: build (cached) and time search

Steps (all in one run, same worker count everywhere):

1. a synthetic corpus (``_corpus.py``: original pages with known wire copies, byte-identical
   re-fetches and same-topic sibling stories) is written to a temp folder, or ``--corpus``;
   pages are ingested in a shuffled order, so the origin of a story is not always first;
2. **extract + facts alone**: ``warta.extract`` over every page in ``--jobs`` processes;
3. **ingest** into a fresh SQLite file and into PostgreSQL (``--pg``, a fresh schema dropped
   afterwards; skipped with a message when the server does not answer): pages/s and the
   storage overhead = extract-only pages/s ÷ ingest pages/s − 1; next to it the same
   ratio in CPU seconds (extraction workers; for ingest also the writer process and, when
   the server runs on this machine, its PostgreSQL backend), which other load on a shared
   machine disturbs far less than wall time;
   With ``--filled``, also into an archive that already holds half of the pages: a new
   process (whose writer remembers nothing yet, so its look-ups go to the archive) ingests
   the other half, next to extract + facts alone on that half;
4. **syndication**: pairs of pages placed in one story against the ground truth — pairwise
   precision and recall (byte-identical re-fetches count: they map to the stored article);
   plus the share of multi-copy stories whose origin is the true first copy;
5. **full-text search** on a SQLite archive of ``--search-articles`` articles (default
   100,000): the ingested articles plus synthetic articles bulk-inserted with plain SQL
   through the same tables and stemmed FTS5 column that ``Archive.save`` writes (extraction
   would take an hour). The file is cached in the temp folder and reused. Queries go through
   ``warta.archive.query.search`` when it exists, else straight to FTS5 ``MATCH`` (said so in
   the output). p50 / p95 over ``--queries`` runs of a fixed query list;
6. **size**: SQLite file bytes per article after the ingest (pages keep the gzipped raw page).

Expected time on a 2-core machine: about 2 minutes for the default run (extraction, each
ingest and the search timings ~30 s each), plus ~1.5 minutes the first time for the search
archive; ``--quick`` under a minute.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import itertools
import json
import os
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from _corpus import CorpusPage, generate, read_truth, write_corpus

PG_URL = os.environ.get("WARTA_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")
QUERIES = ("banjir", "banjir bekasi", "kebakaran rumah", "harga beras", "rupiah melemah",
           "sabu pengedar", "demam berdarah", "kecelakaan truk", "kerja sama perdagangan",
           "pendaftaran siswa", "pengungsi", "operasi pasar", "korsleting listrik",
           "\"rem blong\"", "pemadam kebakaran", "stadion", "fogging kelurahan",
           "Malaysia", "Semarang", "hujan deras")


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    console = Console()
    results: dict[str, Any] = {"pages": args.pages, "jobs": args.jobs}
    with tempfile.TemporaryDirectory(prefix="warta-bench-") as tmp:
        folder = args.corpus or Path(tmp) / "corpus"
        truth = _corpus(folder, args.pages, args.seed, console)
        paths = [str(folder / page.name) for page in truth]
        random.Random(args.seed).shuffle(paths)
        if args.search_only:
            found = search_only(Path(tmp), paths, args, console)
            console.print(json.dumps(found, ensure_ascii=False))
            return
        results["extract"] = measure_extract(paths, args.jobs, console)
        sqlite_url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        results["sqlite"] = measure_ingest(sqlite_url, paths, truth, args.jobs, console)
        results["sqlite"]["size"] = archive_size(Path(tmp) / "bench.db")
        results["postgresql"] = measure_pg(paths, truth, args.jobs, console, args.pg)
        if args.filled:
            results["filled"] = measure_filled(Path(tmp), paths, args.jobs, console, args.pg)
        Path(args.cache).mkdir(parents=True, exist_ok=True)
        search_db = Path(args.cache) / f"warta-bench-search-{args.search_articles}.db"
        results["search"] = measure_search(search_db, Path(tmp) / "bench.db",
                                           args.search_articles, args.queries, console)
    report(results, console)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
        console.print(f"all numbers written to {args.json}")


def search_only(tmp: Path, paths: list[str], args: argparse.Namespace,
                console: Console) -> dict[str, Any]:
    """Step 5 alone: its archive (also bench/web.py's) built when not cached — the seed
    ingest, then the bulk top-up — and the search timings."""
    from warta.archive import open_archive
    from warta.archive.ingest import ingest

    search_db = Path(args.cache) / f"warta-bench-search-{args.search_articles}.db"
    if not search_db.exists():
        console.print(f"seed ingest of {len(paths)} pages ...")
        with open_archive(f"sqlite:///{tmp / 'bench.db'}") as archive:
            ingest(archive, paths, jobs=args.jobs)
    return measure_search(search_db, tmp / "bench.db", args.search_articles, args.queries,
                          console)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=10_000, help="corpus pages (10,000)")
    parser.add_argument("--search-articles", type=int, default=100_000,
                        help="articles in the search archive (100,000)")
    parser.add_argument("--queries", type=int, default=400, help="timed search queries")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="extraction processes, the same for every step")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--corpus", type=Path, help="corpus folder (written when empty)")
    parser.add_argument("--pg", default=PG_URL, help="PostgreSQL server for the ingest")
    parser.add_argument("--cache", default=tempfile.gettempdir(),
                        help="folder for the cached search archive")
    parser.add_argument("--quick", action="store_true",
                        help="2,000 pages and 20,000 search articles")
    parser.add_argument("--json", type=Path, help="write every number here")
    parser.add_argument("--filled", action="store_true",
                        help="also ingest half the pages into an archive holding the other half")
    parser.add_argument("--search-only", action="store_true",
                        help="only step 5: build the search archive if not cached, time search")
    args = parser.parse_args(argv)
    if args.quick:
        args.pages, args.search_articles = 2_000, 20_000
    return args


def _corpus(folder: Path, pages: int, seed: int, console: Console) -> list[CorpusPage]:
    if (folder / "truth.jsonl").exists():
        truth = read_truth(folder)
        console.print(f"corpus: {len(truth)} pages reused from {folder}")
        return truth
    started = time.perf_counter()
    truth = write_corpus(folder, pages=pages, seed=seed)
    stories = len({page.story for page in truth})
    copies = sum(page.kind in ("copy", "half") for page in truth)
    dups = sum(page.kind == "duplicate" for page in truth)
    console.print(f"corpus: {len(truth)} pages, {stories} stories, {copies} wire copies, "
                  f"{dups} byte-identical re-fetches ({time.perf_counter() - started:.1f} s)")
    return truth


# --- extraction alone ------------------------------------------------------------------


def _extract_one(path: str) -> int:
    import warta

    raw = Path(path).read_bytes()
    try:
        extraction = warta.extract(raw, name=Path(path).name)
    except warta.WartaError:
        return 0
    return len(extraction.facts.entities)


def measure_extract(paths: list[str], jobs: int, console: Console) -> dict[str, Any]:
    """Pages/s of extract + facts alone, in ``jobs`` processes (no storage).

    warta is imported here first, so the workers start with it loaded, as the workers
    ``warta ingest`` forks do (its import is not timed in either)."""
    import warta.extraction  # noqa: F401

    console.print(f"extract + facts alone, {jobs} processes ...")
    workers = _cpu(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    with ProcessPoolExecutor(jobs) as pool:
        for _ in pool.map(_extract_one, paths, chunksize=16):
            pass
    seconds = time.perf_counter() - started
    return {"seconds": round(seconds, 2), "pages_per_s": round(len(paths) / seconds, 1),
            "cpu_seconds": round(_cpu(resource.RUSAGE_CHILDREN) - workers, 2)}


def _cpu(who: int) -> float:
    """User + system CPU seconds of this process or of its finished children."""
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _backend_cpu(archive: Any) -> Callable[[], float | None]:
    """CPU seconds of the archive's PostgreSQL backend process so far (from /proc, when the
    server runs on this machine), or None."""
    if archive.backend != "postgresql":
        return lambda: 0.0
    stat = Path(f"/proc/{archive.fetchval('SELECT pg_backend_pid()')}/stat")

    def read() -> float | None:
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            return None
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return read


# --- ingest ----------------------------------------------------------------------------


def measure_ingest(url: str, paths: list[str], truth: list[CorpusPage], jobs: int,
                   console: Console) -> dict[str, Any]:
    """Ingest pages/s into ``url`` and syndication quality against the truth."""
    from warta.archive import open_archive
    from warta.archive.ingest import ingest

    console.print(f"ingest into {url.split('?')[0]} ...")
    with open_archive(url) as archive:
        backend_cpu = _backend_cpu(archive)
        cpu = (_cpu(resource.RUSAGE_SELF), _cpu(resource.RUSAGE_CHILDREN), backend_cpu())
        started = time.perf_counter()
        summary = ingest(archive, paths, jobs=jobs)
        seconds = time.perf_counter() - started
        backend = backend_cpu()
        used = {"cpu_writer": round(_cpu(resource.RUSAGE_SELF) - cpu[0], 2),
                "cpu_workers": round(_cpu(resource.RUSAGE_CHILDREN) - cpu[1], 2),
                "cpu_backend": None if backend is None or cpu[2] is None
                else round(backend - cpu[2], 2)}
        quality = syndication_quality(archive, truth, Path(paths[0]).parent)
        articles = archive.count("articles")
    return {"seconds": round(seconds, 2), "pages_per_s": round(len(paths) / seconds, 1),
            "stored": summary.stored, "pages_skipped": summary.skipped,
            "failed": summary.failed,
            "articles": articles, **used, **quality}


def measure_pg(paths: list[str], truth: list[CorpusPage], jobs: int, console: Console,
               server: str) -> dict[str, Any]:
    if (silent := _pg_silent(server)) is not None:
        console.print(f"skipped: {silent}")
        return {"not_run": silent}
    with _scratch_schema(server) as schema:
        return measure_ingest(f"{server}?schema={schema}", paths, truth, jobs, console)


def _pg_silent(server: str) -> str | None:
    """Why the PostgreSQL server does not answer, or None when it does."""
    import psycopg

    try:
        with psycopg.connect(server, connect_timeout=3) as conn:
            conn.execute("SELECT 1")
    except psycopg.Error as exc:
        return f"PostgreSQL at {server} does not answer ({str(exc).strip()[:100]})"
    return None


@contextlib.contextmanager
def _scratch_schema(server: str) -> Iterator[str]:
    """A fresh schema name for one measurement; the schema is dropped afterwards."""
    import psycopg
    from psycopg import sql

    schema = f"warta_bench_{uuid.uuid4().hex[:10]}"
    try:
        yield schema
    finally:
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(
                sql.Identifier(schema)))


# Run in a new process: ingest the listed pages and print pages/s, own and workers' CPU.
_INGEST_IN_NEW_PROCESS = """
import resource, sys, time
from warta.archive import open_archive
from warta.archive.ingest import ingest
paths = open(sys.argv[2], encoding="utf-8").read().split("\\n")
def cpu(who):
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime
with open_archive(sys.argv[1]) as archive:
    own, workers = cpu(resource.RUSAGE_SELF), cpu(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    ingest(archive, paths, jobs=int(sys.argv[3]))
    print(len(paths) / (time.perf_counter() - started), cpu(resource.RUSAGE_SELF) - own,
          cpu(resource.RUSAGE_CHILDREN) - workers)
"""


def measure_filled(tmp: Path, paths: list[str], jobs: int, console: Console,
                   server: str) -> dict[str, Any]:
    """Step 3, ``--filled``: the second half of the pages ingested by a new process into an
    archive holding the first half, next to extract + facts alone on the second half."""
    half = len(paths) // 2
    lists = []
    for name, part in (("first", paths[:half]), ("second", paths[half:])):
        listed = tmp / f"{name}.txt"
        listed.write_text("\n".join(part), encoding="utf-8")
        lists.append(listed)

    def measure(backend: str, url: str) -> dict[str, Any]:
        console.print(f"filled archive ({backend}): first half, then a new process ...")
        _ingest_in_new_process(url, lists[0], jobs)
        alone = measure_extract(paths[half:], jobs, console)
        rate, own, workers = _ingest_in_new_process(url, lists[1], jobs)
        return {"extract_pages_per_s": alone["pages_per_s"], "pages_per_s": round(rate, 1),
                "storage_overhead": round(alone["pages_per_s"] / rate - 1, 3),
                "cpu_writer": round(own, 2), "cpu_workers": round(workers, 2)}

    found = {"sqlite": measure("sqlite", f"sqlite:///{tmp / 'filled.db'}")}
    if (silent := _pg_silent(server)) is not None:
        found["postgresql"] = {"not_run": silent}
    else:
        with _scratch_schema(server) as schema:
            found["postgresql"] = measure("postgresql", f"{server}?schema={schema}")
    return found


def _ingest_in_new_process(url: str, listed: Path, jobs: int) -> tuple[float, float, float]:
    done = subprocess.run([sys.executable, "-c", _INGEST_IN_NEW_PROCESS, url, str(listed),
                           str(jobs)], check=True, capture_output=True, text=True)
    rate, own, workers = (float(value) for value in done.stdout.split()[-3:])
    return rate, own, workers


def syndication_quality(archive: Any, truth: list[CorpusPage], folder: Path) -> dict[str, Any]:
    """Pairwise precision / recall of "same story" over pages, and origin accuracy."""
    rows = archive.fetchall("SELECT p.content_hash, a.id, a.story_id FROM pages p"
                            " JOIN articles a ON a.page_id = p.id")
    by_hash = {row["content_hash"]: (int(row["id"]), row["story_id"]) for row in rows}
    predicted: dict[str, Any] = {}
    article_of: dict[str, int] = {}
    for page in truth:
        digest = hashlib.sha256((folder / page.name).read_bytes()).hexdigest()
        found = by_hash.get(digest)
        if found is not None:
            article_of[page.name] = found[0]
            predicted[page.name] = found[1]
    pages = [page for page in truth if page.name in predicted]
    true_pairs = _pairs(pages, lambda page: page.story)
    found_pairs = _pairs(pages, lambda page: predicted[page.name])
    hits = len(true_pairs & found_pairs)
    origins = {int(row["id"]): row["origin_article_id"] for row in archive.fetchall(
        "SELECT id, origin_article_id FROM stories WHERE n_copies > 1")}
    first = {page.story: page for page in truth if page.origin and page.name in article_of}
    groups = defaultdict(set)
    for page in pages:
        groups[page.story].add(page.name)
    checked = right = 0
    for story, names in groups.items():
        if len(names) < 2 or story not in first:
            continue
        story_id = predicted[first[story].name]
        if story_id in origins:
            checked += 1
            right += origins[story_id] == article_of[first[story].name]
    return {
        "pairs_true": len(true_pairs), "pairs_found": len(found_pairs),
        "precision": round(hits / len(found_pairs), 4) if found_pairs else 1.0,
        "recall": round(hits / len(true_pairs), 4) if true_pairs else 1.0,
        "pages_missing": len(truth) - len(pages),
        "origin_accuracy": round(right / checked, 4) if checked else None,
    }


def _pairs(pages: Iterable[CorpusPage], key: Callable[[CorpusPage], Any]) -> set[tuple[str, str]]:
    groups: dict[Any, list[str]] = defaultdict(list)
    for page in pages:
        groups[key(page)].append(page.name)
    return {pair for names in groups.values()
            for pair in itertools.combinations(sorted(names), 2)}


def archive_size(path: Path) -> dict[str, Any]:
    """Bytes of the SQLite file per article (after a WAL checkpoint)."""
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        raw = conn.execute("SELECT coalesce(sum(length(raw)), 0) FROM pages").fetchone()[0]
    size = path.stat().st_size
    return {"bytes": size, "articles": articles,
            "bytes_per_article": round(size / max(1, articles)),
            "raw_gzip_bytes_per_article": round(raw / max(1, articles))}


# --- search ----------------------------------------------------------------------------


def measure_search(db: Path, seed_db: Path, articles: int, runs: int,
                   console: Console) -> dict[str, Any]:
    """p50 / p95 search latency on a SQLite archive of ``articles`` articles."""
    from warta.archive import open_archive

    build_search_archive(db, seed_db, articles, console)
    with open_archive(f"sqlite:///{db}") as archive:
        count = archive.count("articles")
        search = _search_function(archive)
        how = "warta.archive.query.search" if search is not None \
            else "FTS5 MATCH (no warta.archive.query.search here)"
        console.print(f"search: {count} articles, {runs} queries through {how}")
        timings = []
        hits = 0
        for i in range(runs):
            query = QUERIES[i % len(QUERIES)]
            started = time.perf_counter()
            found = search(query, limit=20) if search is not None \
                else _fts_search(archive, query, limit=20)
            timings.append((time.perf_counter() - started) * 1000)
            hits += bool(len(found))
    timings.sort()
    return {"articles": count, "how": how, "queries": runs,
            "p50_ms": round(statistics.median(timings), 2),
            "p95_ms": round(timings[int(len(timings) * 0.95) - 1], 2),
            "max_ms": round(timings[-1], 2), "queries_with_hits": hits}


def _search_function(archive: Any) -> Callable[..., Any] | None:
    """The archive's own search (``query.search(archive, text, limit=)``) when it exists."""
    try:
        from warta.archive.query import search
    except ImportError:
        return None
    return lambda text, *, limit: search(archive, text, limit=limit)


def _fts_search(archive: Any, query: str, *, limit: int) -> list[dict[str, Any]]:
    from warta.archive.stemming import stem_text

    phrase = query.startswith('"')
    stems = stem_text(query)
    match = f'"{stems}"' if phrase else " ".join(f'"{word}"' for word in stems.split())
    result: list[dict[str, Any]] = archive.fetchall(
        "SELECT a.id, a.title, a.published, a.outlet FROM articles_fts f"
        " JOIN articles a ON a.id = f.rowid WHERE articles_fts MATCH ?"
        " ORDER BY f.rank LIMIT ?", (match, limit))
    return result


def build_search_archive(db: Path, seed_db: Path, articles: int, console: Console) -> None:
    """A SQLite archive of ``articles`` articles: cached; else the ingested archive copied
    and topped up with synthetic articles inserted by plain SQL (documented in the header)."""
    from warta.archive import open_archive
    from warta.archive.stemming import stem_text

    if db.exists():
        with open_archive(f"sqlite:///{db}") as archive:
            if archive.count("articles") >= articles:
                console.print(f"search archive reused: {db}")
                return
        db.unlink()
    started = time.perf_counter()
    with sqlite3.connect(seed_db) as source, sqlite3.connect(db) as target:
        source.backup(target)
    with open_archive(f"sqlite:///{db}") as archive:
        have = archive.count("articles")
        need = max(0, articles - have)
        console.print(f"search archive: {have} ingested + {need} bulk-inserted articles ...")
        with archive.transaction():
            for i, (page, raw) in enumerate(generate(need, seed=1000 + articles)):
                if i >= need:
                    break
                title, body, published, outlet = _article_of(page, raw)
                page_id = archive.fetchval(
                    "INSERT INTO pages (content_hash, source, kind, raw_size, raw)"
                    " VALUES (?, ?, 'html', ?, ?) RETURNING id",
                    (f"bulk-{i}", page.name, len(raw), b""))
                article_id = archive.fetchval(
                    "INSERT INTO articles (page_id, title, body, published, outlet, body_hash)"
                    " VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                    (page_id, title, body, published, outlet, f"bulk-{i}"))
                archive.execute("INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)",
                                (article_id, stem_text(title), stem_text(body)))
    console.print(f"  built in {time.perf_counter() - started:.0f} s")


def _article_of(page: CorpusPage, raw: bytes) -> tuple[str, str, str, str]:
    """Title and body of a generated page, read from its markup without extraction."""
    import html
    import re

    text = raw.decode("utf-8")
    if page.name.endswith(".txt"):
        lines = text.splitlines()
        title, body = lines[6], [line for line in lines[9:] if len(line.split()) > 8]
    else:
        found = re.search(r"<h1[^>]*>(.*?)</h1>", text)
        title = html.unescape(found.group(1)) if found else ""
        body = [html.unescape(p) for p in re.findall(r"<p>([^<]{60,})</p>", text)]
    return title, "\n\n".join(body), page.published, page.outlet


# --- report ----------------------------------------------------------------------------


def report(results: dict[str, Any], console: Console) -> None:
    table = Table(title="warta archive benchmark")
    table.add_column("measure")
    table.add_column("value", justify="right")
    extract = results["extract"]["pages_per_s"]
    table.add_row("extract + facts alone (pages/s)", f"{extract}")
    for backend in ("sqlite", "postgresql"):
        found = results[backend]
        if "not_run" in found:
            table.add_row(f"ingest {backend}", "skipped")
            continue
        overhead = extract / found["pages_per_s"] - 1
        found["storage_overhead"] = round(overhead, 3)
        table.add_row(f"ingest {backend} (pages/s)", f"{found['pages_per_s']}")
        table.add_row("  storage overhead vs extract alone", f"{overhead:+.1%}")
        if found["cpu_backend"] is not None:
            cpu = found["cpu_writer"] + found["cpu_workers"] + found["cpu_backend"]
            found["storage_cpu_overhead"] = round(cpu / results["extract"]["cpu_seconds"] - 1, 3)
            table.add_row("  in CPU seconds (workers + writer + server)",
                          f"{found['storage_cpu_overhead']:+.1%}")
        table.add_row("  syndication precision / recall",
                      f"{found['precision']:.4f} / {found['recall']:.4f}")
        table.add_row("  origin = true first copy", f"{found['origin_accuracy']}")
    for backend, found in results.get("filled", {}).items():
        if "not_run" in found:
            continue
        table.add_row(f"ingest {backend} into an archive holding half (pages/s)",
                      f"{found['pages_per_s']} (extract alone {found['extract_pages_per_s']})")
        table.add_row("  storage overhead vs extract alone", f"{found['storage_overhead']:+.1%}")
    size = results["sqlite"]["size"]
    table.add_row("SQLite bytes per article", f"{size['bytes_per_article']:,}")
    table.add_row("  of which gzipped raw page", f"{size['raw_gzip_bytes_per_article']:,}")
    search = results["search"]
    table.add_row(f"search p50 / p95 ms ({search['articles']:,} articles)",
                  f"{search['p50_ms']} / {search['p95_ms']}")
    console.print(table)
    console.print(f"search measured through {search['how']}")


if __name__ == "__main__":
    main()
