"""Benchmark `warta batch`: pages/s on 1 and 2 Dask workers next to the plain extract loop,
WARC read speed (FastWARC vs warcio), and peak memory per worker — all in one run.

    python bench/batch.py                       # 600 generated pages (+ shared pages)
    python bench/batch.py --pages 300 --json out/batch.json

Steps:

1. a gzipped WARC of response records is written to a temp folder: ``--pages`` pages of the
   synthetic corpus (``_corpus.py``, original text) and, when ``/work/shared/data/html-id``
   exists, its real Indonesian pages (said so in the output when it does not);
2. **read speed**: every record of a bigger WARC (the same pages ``--read-copies`` times)
   read by FastWARC and by warcio through ``warta.batch.warc.read_records`` (the code path
   the batch uses): records/s, MB/s of gzipped WARC;
3. **extract loop**: ``warta.extract`` on every page in this one process, the loop
   ``warta extract`` runs (pages already in memory: no reading, no writing);
4. **batch** on a LocalCluster of 1 and of 2 worker processes (one thread each, the settings
   `warta batch` uses), both started and warmed up first (imports, lexicons, language model),
   as on a long job; the time is ``run_batch``'s run phase (scheduling, WARC reading, language
   filter, extract + facts, Parquet writing). Scaling efficiency = rate(2) ÷ (2 × rate(1));
5. steps 3–4 run ``--rounds`` times, interleaved, so a burst of load from other users hits
   all three alike; the best round of each is reported (all rounds are in the JSON);
6. **memory**: each worker's peak resident set (VmHWM) during its run; **CPU per page**
   (workers + this process, ``process_time``), which other users of the machine barely move:
   CPU per page at 1 worker ÷ at 2 workers shows what running in parallel costs.

The machine is shared: ``uptime`` is printed before and after, and ratios measured in one
run are the numbers to compare. Expect about 2 minutes for the default run on 2 cores.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from _corpus import generate

SHARED_PAGES = Path("/work/shared/data/html-id")
PARTITION_SIZE = 20


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    console = Console()
    results: dict[str, Any] = {"uptime_before": _uptime(), "pages_generated": args.pages,
                               "rounds": args.rounds}
    console.print(f"uptime: {results['uptime_before']}")
    with tempfile.TemporaryDirectory(prefix="warta-bench-batch-") as tmp, \
            warm_cluster(1) as one, warm_cluster(2) as two:
        warc, pages = build_warc(Path(tmp) / "bench.warc.gz", args.pages, console)
        results["warc"] = {"pages": len(pages), "bytes": warc.stat().st_size}
        # Read speed on a bigger file (the pages ``--read-copies`` times): a few MB read in
        # a few ms would time start-up, not reading.
        big = write_warc(Path(tmp) / "read.warc.gz", pages * args.read_copies)
        results["read"] = {reader: measure_read(big, reader) for reader in
                           ("fastwarc", "warcio")}
        runs: dict[str, list[dict[str, Any]]] = {"extract_loop": [], "batch_1": [],
                                                 "batch_2": []}
        for round_no in range(args.rounds):  # interleaved: a burst of load hits all three
            console.print(f"round {round_no + 1} of {args.rounds} ...")
            runs["extract_loop"].append(measure_loop(pages))
            for name, cluster in (("batch_1", one), ("batch_2", two)):
                runs[name].append(measure_batch(cluster, warc, Path(tmp) / f"{name}-{round_no}",
                                                args.partition_size))
    for name, found in runs.items():  # the best round: the least disturbed by other users
        results[name] = {**max(found, key=lambda run: run["pages_per_s"]),
                         "all_pages_per_s": [run["pages_per_s"] for run in found]}
    rate1, rate2 = results["batch_1"]["pages_per_s"], results["batch_2"]["pages_per_s"]
    results["scaling_efficiency"] = round(rate2 / (2 * rate1), 3) if rate1 else None
    results["cpu_efficiency"] = round(results["batch_1"]["cpu_ms_per_page"]
                                      / results["batch_2"]["cpu_ms_per_page"], 3)
    results["batch_1_vs_loop"] = round(rate1 / results["extract_loop"]["pages_per_s"], 3)
    results["uptime_after"] = _uptime()
    report(results, console)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2) + "\n")
        console.print(f"all numbers written to {args.json}")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=600, help="generated pages (600)")
    parser.add_argument("--partition-size", type=int, default=PARTITION_SIZE,
                        help=f"records per partition ({PARTITION_SIZE})")
    parser.add_argument("--read-copies", type=int, default=20,
                        help="copies of the pages in the WARC timed for read speed (20)")
    parser.add_argument("--rounds", type=int, default=2,
                        help="interleaved rounds; the best of each is reported (2)")
    parser.add_argument("--json", type=Path, help="write every number here")
    return parser.parse_args(argv)


def _uptime() -> str:
    try:
        return subprocess.run(["uptime"], capture_output=True, text=True, check=False
                              ).stdout.strip()
    except OSError:
        return "unknown"


# --- the input ---------------------------------------------------------------------------


def build_warc(path: Path, count: int, console: Console) -> tuple[Path, list[tuple[str, bytes]]]:
    """A gzipped WARC of generated (and shared, when present) pages; the pages too."""
    # The corpus's crawled-text pages are left out: a WARC's text/plain responses are not
    # news pages, and the batch skips them; the extract loop gets the same HTML pages.
    pages = [(f"https://bench.example.id/{page.name}", raw)
             for page, raw in generate(count, seed=7) if not page.name.endswith(".txt")]
    if SHARED_PAGES.is_dir():
        shared = sorted(SHARED_PAGES.rglob("*.html"))
        pages += [(f"https://shared.example.id/{p.name}", p.read_bytes()) for p in shared]
        console.print(f"input: {len(pages) - len(shared)} generated HTML pages + "
                      f"{len(shared)} pages of {SHARED_PAGES}")
    else:
        console.print(f"input: {len(pages)} generated HTML pages ({SHARED_PAGES} is absent: "
                      "no real pages in this run)")
    write_warc(path, pages)
    return path, pages


def write_warc(path: Path, pages: list[tuple[str, bytes]]) -> Path:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for url, raw in pages:
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                    protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(raw), http_headers=http))
    return path


# --- steps -------------------------------------------------------------------------------


def measure_read(warc: Path, reader: str) -> dict[str, Any]:
    from warta.batch.warc import read_records

    started = time.perf_counter()
    records = payload = 0
    for record in read_records(warc, 0, None, reader=reader):  # type: ignore[arg-type]
        records += 1
        payload += len(record.block)
    seconds = time.perf_counter() - started
    return {"records": records, "seconds": round(seconds, 3),
            "records_per_s": round(records / seconds), "mb_per_s":
                round(warc.stat().st_size / seconds / 1e6, 1)}


def measure_loop(pages: list[tuple[str, bytes]]) -> dict[str, Any]:
    import warta

    warta.extract(pages[0][1], name=pages[0][0], url=pages[0][0])  # lexicons loaded
    started, cpu = time.perf_counter(), time.process_time()
    for url, raw in pages:
        with contextlib.suppress(warta.WartaError):  # a bad page costs what it costs
            warta.extract(raw, name=url, url=url)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    return {"pages": len(pages), "seconds": round(seconds, 2),
            "pages_per_s": round(len(pages) / seconds, 2),
            "cpu_ms_per_page": round(1000 * cpu / len(pages), 1)}


@contextlib.contextmanager
def warm_cluster(workers: int) -> Iterator[tuple[Any, Any]]:
    """The LocalCluster `warta batch` makes (same settings), workers warmed up as on a long
    job (imports, lexicons, language model): (cluster, client)."""
    import dask
    from distributed import Client, LocalCluster

    from warta.batch.cluster import LOCAL_CONFIG

    with dask.config.set(LOCAL_CONFIG):
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=":0")
    with cluster, Client(cluster) as client:
        client.run(_warm_up)
        yield cluster, client


def measure_batch(warm: tuple[Any, Any], warc: Path, out: Path, partition_size: int
                  ) -> dict[str, Any]:
    """One ``run_batch`` on a warm cluster: pages/s of its run phase, CPU, peak memory."""
    from warta.batch.job import run_batch

    cluster, client = warm
    client.run(_reset_peak)
    cpu_before = sum(client.run(time.process_time).values()) + time.process_time()
    result = run_batch([str(warc)], out, scheduler=cluster.scheduler_address,
                       partition_size=partition_size)
    cpu = sum(client.run(time.process_time).values()) + time.process_time() - cpu_before
    peaks = sorted(client.run(_peak_mb).values())
    counts, timings = result.manifest["counts"], result.manifest["timings"]
    return {"workers": len(peaks), "pages": counts["kept"], "records": counts["records"],
            "errors": counts["errors"], "skipped": counts["skipped"],
            "partitions": counts["partitions"], "run_s": timings["run_s"],
            "plan_s": timings["plan_s"],
            "pages_per_s": round(counts["kept"] / timings["run_s"], 2),
            "records_per_s": round(counts["records"] / timings["run_s"], 2),
            "cpu_ms_per_page": round(1000 * cpu / max(1, counts["kept"]), 1),
            "peak_mb_per_worker": peaks}


def _warm_up() -> None:
    """Imports and lexicons, as a worker has them after its first partition."""
    import warta
    from warta.batch import filters, run  # noqa: F401

    html = ("<html><body><article><h1>Banjir di Garut</h1><p>JAKARTA - Hujan deras membuat "
            "sungai meluap dan merendam rumah warga, kata Kepala BPBD Garut kepada wartawan "
            "pada Senin (4/3/2026).</p></article></body></html>")
    warta.extract(html.encode(), name="warm-up")
    filters.language_of("Hujan deras membuat sungai meluap dan merendam rumah warga.")


def _reset_peak() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def _peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    import resource

    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


# --- report ------------------------------------------------------------------------------


def report(results: dict[str, Any], console: Console) -> None:
    table = Table(title=f"warta batch — {results['warc']['pages']} pages, "
                        f"{results['warc']['bytes'] / 1e6:.1f} MB WARC (gzip), "
                        f"{os.cpu_count()} cores")
    for column in ("step", "pages/s", "seconds", "CPU ms/page", "peak MB per worker"):
        table.add_column(column, justify="right" if column != "step" else "left")
    loop = results["extract_loop"]
    table.add_row("warta extract loop (1 process)", f"{loop['pages_per_s']:.1f}",
                  f"{loop['seconds']:.1f}", f"{loop['cpu_ms_per_page']:.0f}", "")
    for workers in (1, 2):
        run = results[f"batch_{workers}"]
        peaks = ", ".join(f"{mb:.0f}" for mb in run["peak_mb_per_worker"])
        table.add_row(f"warta batch, {workers} worker(s)", f"{run['pages_per_s']:.1f}",
                      f"{run['run_s']:.1f}", f"{run['cpu_ms_per_page']:.0f}", peaks)
    console.print(table)
    console.print(f"scaling efficiency rate(2) / (2 × rate(1)) = "
                  f"{results['scaling_efficiency']}  (goal ≥ 0.8); CPU per page, 1 worker ÷ 2 "
                  f"workers = {results['cpu_efficiency']}; batch(1) / extract loop = "
                  f"{results['batch_1_vs_loop']}")
    for name in ("extract_loop", "batch_1", "batch_2"):
        console.print(f"  {name} pages/s in each round: {results[name]['all_pages_per_s']}")
    for reader, read in results["read"].items():
        console.print(f"WARC read, {reader}: {read['records_per_s']:,} records/s, "
                      f"{read['mb_per_s']} MB/s (gzip) over {read['records']} records")
    fast, slow = results["read"]["fastwarc"], results["read"]["warcio"]
    console.print(f"FastWARC / warcio = {fast['records_per_s'] / slow['records_per_s']:.1f}×")
    console.print(f"uptime before: {results['uptime_before']}")
    console.print(f"uptime after:  {results['uptime_after']}")


if __name__ == "__main__":
    main()
