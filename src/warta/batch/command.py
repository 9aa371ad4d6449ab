"""``warta batch``: the click command, a thin skin over ``job.run_batch`` with a progress bar.

Imports nothing heavy at start-up: Dask, pyarrow and the readers load when the command runs.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from rich.console import Console

if TYPE_CHECKING:
    from warta.batch.inputs import Partition
    from warta.batch.job import BatchResult
    from warta.batch.run import PartitionReport


@click.command("batch")
@click.argument("paths", nargs=-1, required=True)
@click.option("--out", "out_dir", required=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Output folder: Parquet datasets, manifest.json, errors.jsonl.")
@click.option("--scheduler", metavar="ADDRESS",
              help="A dask.distributed scheduler (tcp://host:8786) [default: a LocalCluster]; "
                   "'synchronous' runs every partition in this process.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="LocalCluster worker processes, one thread each [default: one per core].")
@click.option("--domains", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="Keep only pages from these hosts (one a line; subdomains included).")
@click.option("--partition-size", type=click.IntRange(min=1), default=None,
              help="Records per partition (one Dask task each) [default: 200].")
@click.option("--reader", type=click.Choice(["fastwarc", "warcio"]), default=None,
              help="WARC reader [default: fastwarc, warcio for ARC files].")
@click.option("--json", "as_json", is_flag=True, help="Print the manifest's counts as JSON.")
def batch_command(paths: tuple[str, ...], out_dir: Path, scheduler: str | None,
                  workers: int | None, domains: Path | None, partition_size: int | None,
                  reader: str | None, as_json: bool) -> None:
    """Extract Indonesian news pages from WARC/ARC files, JSONL of {url, html} or folders
    of pages into Parquet datasets, on Dask; resumable: run it again to finish a killed run.

    Exits 1 when a partition could not be processed (run again to retry it); bad records
    go to OUT/errors.jsonl and do not change the exit status.
    """
    import json

    from warta.batch.filters import read_domains
    from warta.batch.job import PARTITION_SIZE, BatchError, run_batch
    from warta.batch.run import Options

    err = Console(stderr=True, highlight=False, soft_wrap=True)
    options = Options(domains=read_domains(domains) if domains else None,
                      reader=reader)  # type: ignore[arg-type]
    progress = BatchProgress(err)
    try:
        with progress:
            result = run_batch(paths, out_dir, scheduler=scheduler,
                               workers=workers or os.cpu_count() or 1,
                               partition_size=partition_size or PARTITION_SIZE,
                               options=options, callbacks=progress.callbacks())
    except BatchError as exc:
        err.print(f"[red]error[/red] {exc}", markup=True)
        sys.exit(1)
    except KeyboardInterrupt:
        err.print("interrupted: finished partitions are kept; run the same command again "
                  "to do the rest")
        sys.exit(130)
    if as_json:
        click.echo(json.dumps(result.manifest["counts"], ensure_ascii=False))
    print_summary(err, result, out_dir)
    sys.exit(1 if result.failed_partitions else 0)


def print_summary(err: Console, result: BatchResult, out_dir: Path) -> None:
    counts, timings = result.manifest["counts"], result.manifest["timings"]
    rate = counts["records"] / timings["run_s"] if timings["run_s"] else 0.0
    err.print(f"{counts['records']} records in {timings['total_s']:.1f} s "
              f"({rate:.1f} records/s) → {out_dir}")
    err.print(f"  kept    {counts['kept']} pages: "
              + ", ".join(f"{n} {table}" for table, n in counts["rows"].items()))
    skipped = counts["skipped"]
    err.print(f"  skipped {sum(skipped.values())}"
              + (": " + ", ".join(f"{reason} {n}" for reason, n in skipped.items())
                 if skipped else ""))
    err.print(f"  errors  {counts['errors']} (see {out_dir / 'errors.jsonl'})")
    err.print(f"  partitions {counts['partitions']}, {counts['partitions_resumed']} already "
              f"done, {counts['partitions_failed']} failed")
    for part in result.manifest["partitions"]:
        if part["status"] == "failed":
            err.print(f"    {part['id']}: {part['reason']}")


class BatchProgress:
    """A rich progress bar over records (advanced a partition at a time) on stderr."""

    def __init__(self, console: Console) -> None:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        self.console = console
        self._progress = Progress(
            TextColumn("[bold]batch[/bold]"), BarColumn(), MofNCompleteColumn(),
            TextColumn("records · ETA"), TimeRemainingColumn(),
            TextColumn("{task.fields[counts]}"),
            console=console, disable=not console.is_terminal)
        self._task = self._progress.add_task("batch", total=None, counts="")
        self._kept = self._failed = 0

    def __enter__(self) -> BatchProgress:
        self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._progress.stop()

    def callbacks(self) -> Any:
        from warta.batch.job import BatchCallbacks

        return BatchCallbacks(on_plan=self.planned, on_cluster=self.cluster,
                              on_partition=self.partition)

    def planned(self, parts: Sequence[Partition]) -> None:
        self._progress.update(self._task, total=sum(part.count for part in parts))
        self.console.print(f"{len(parts)} partitions, {sum(p.count for p in parts)} records")

    def cluster(self, link: str | None) -> None:
        if link:
            self.console.print(f"Dask dashboard: {link}")

    def partition(self, part: Partition, result: PartitionReport | BaseException) -> None:
        from warta.batch.run import PartitionReport

        if isinstance(result, PartitionReport):
            self._kept += result.kept
            self._failed += result.failed
        else:
            self.console.print(f"[red]partition {part.id} failed[/red]: {result}",
                               markup=True)
        self._progress.update(self._task, advance=part.count,
                              counts=f"kept {self._kept} · errors {self._failed}")
