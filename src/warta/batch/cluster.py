"""Run partitions on Dask: a LocalCluster (N worker processes, one thread each) by default,
any ``dask.distributed`` scheduler address for a real cluster, or ``synchronous`` (no Dask:
every partition in this process, in order, for debugging).

One task per partition, not per record: the scheduler's cost is paid once per few hundred
pages. Each task writes its own part files, so a task that Dask runs again after a worker
died (``allowed-failures`` times at most) replaces them and yields the same rows.
"""

from __future__ import annotations

import importlib.util
import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from warta.batch.inputs import Partition
from warta.batch.run import Options, PartitionReport, process_partition

SYNCHRONOUS = "synchronous"
# A worker dying this many times while holding a partition gives up on that partition
# (the rest of the job goes on; the partition is reported failed and redone on resume).
ALLOWED_FAILURES = 3

# For our own LocalCluster. Extraction is pure Python holding the GIL, and every wake-up of
# a worker's event loop takes the GIL from it: the statistical profiler (every 10 ms), the
# blocked-loop tick (20 ms) and the memory monitor (100 ms) cost pages CPU for diagnostics a
# batch does not need.
LOCAL_CONFIG = {"distributed.scheduler.allowed-failures": ALLOWED_FAILURES,
                "distributed.worker.profile.enabled": False,
                "distributed.admin.tick.interval": "500ms",
                "distributed.admin.system-monitor.gil.enabled": False,
                "distributed.worker.memory.monitor-interval": "1s"}

Done = Callable[[Partition, PartitionReport | BaseException], None]


@contextmanager
def open_client(scheduler: str | None, *, workers: int) -> Iterator[tuple[Any, str | None]]:
    """A ``distributed.Client`` on ``scheduler``, or on a new LocalCluster of ``workers``,
    and the dashboard's URL when there is one to see."""
    import dask
    from distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler) as client:  # type: ignore[no-untyped-call]
            services = client.scheduler_info().get("services", {})
            yield client, str(client.dashboard_link) if "dashboard" in services else None
        return
    with dask.config.set(LOCAL_CONFIG):
        # ":0", a free port: other clusters on this machine may hold the usual 8787.
        cluster = LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=workers, threads_per_worker=1, processes=True,
            dashboard_address=":0", silence_logs=logging.ERROR)
    with cluster, Client(cluster) as client:  # type: ignore[no-untyped-call]
        # Without bokeh the dashboard's page only says to install bokeh: no link then.
        yield client, (str(client.dashboard_link) if importlib.util.find_spec("bokeh")
                       else None)


def run_partitions(client: Any, parts: Sequence[Partition], *, out: str, options: Options,
                   on_done: Done) -> None:
    """Process ``parts`` on the cluster; ``on_done`` gets each report or exception as it
    arrives (in completion order)."""
    from distributed import as_completed

    by_key = {f"warta-batch-{part.id}": part for part in parts}
    futures = client.map(process_partition, list(by_key.values()), out=out, options=options,
                         key=list(by_key), pure=False)
    for future in as_completed(futures):  # type: ignore[no-untyped-call]
        result: PartitionReport | BaseException
        try:
            result = future.result()
        except Exception as exc:  # KilledWorker, a full disk: this partition only
            result = exc
        future.release()
        on_done(by_key[future.key], result)


def run_here(parts: Sequence[Partition], *, out: str, options: Options, on_done: Done
             ) -> None:
    """The same partitions in this process, in order (``--scheduler synchronous``)."""
    for part in parts:
        result: PartitionReport | BaseException
        try:
            result = process_partition(part, out, options)
        except Exception as exc:  # a full disk, a bug: this partition only
            result = exc
        on_done(part, result)
