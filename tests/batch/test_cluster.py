"""The batch on a LocalCluster of two worker processes, one killed mid-run."""

from __future__ import annotations

import json
import os
import signal
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from tests.batch.helpers import manifest, sorted_tables
from tests.batch.warcs import indonesian, write_warc
from warta.batch.cluster import open_client
from warta.batch.job import BatchCallbacks, BatchResult, run_batch

distributed = pytest.importorskip("distributed")
PAGES = 16


@pytest.fixture(scope="module")
def cluster() -> Any:
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0") as local:
        yield local


def test_two_workers_one_killed_every_record_exactly_once(cluster: Any, tmp_path: Path
                                                          ) -> None:
    warc = write_warc(tmp_path / "a.warc.gz", [indonesian(i) for i in range(PAGES)],
                      gzip=True)
    out = tmp_path / "out"
    results: list[BatchResult] = []
    reported: list[str] = []
    hooks = BatchCallbacks(on_partition=lambda part, result: reported.append(part.id))
    job = threading.Thread(target=lambda: results.append(run_batch(
        [str(warc)], out, scheduler=cluster.scheduler_address, partition_size=2,
        callbacks=hooks)))
    with distributed.Client(cluster) as client:
        job.start()
        killed = _kill_a_busy_worker(client)
        job.join(timeout=120)
    assert killed is not None, "no worker was seen holding a partition"
    pid, key = killed
    marker = json.loads((out / "_partitions" / f"{key.removeprefix('warta-batch-')}.json"
                         ).read_text())
    assert marker["pid"] != pid  # the partition the dead worker held was done again
    assert results and not results[0].failed_partitions
    articles = sorted_tables(out)["articles"]
    assert sorted(row["url"] for row in articles) == sorted(
        indonesian(i).url for i in range(PAGES))
    assert len({row["record_id"] for row in articles}) == PAGES
    counts = manifest(out)["counts"]
    assert counts["records"] == PAGES + 1 and counts["kept"] == PAGES  # + warcinfo
    markers = list((out / "_partitions").glob("*.json"))
    assert len(markers) == counts["partitions"] == (PAGES + 1 + 1) // 2
    assert sorted(reported) == sorted(p["id"] for p in manifest(out)["partitions"])  # once


def _kill_a_busy_worker(client: Any) -> tuple[int, str] | None:
    """SIGKILL a worker process while it holds a batch partition: (its pid, the task key)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        for address, keys in client.processing().items():
            held = [str(key) for key in keys if str(key).startswith("warta-batch-")]
            if held:
                pid = client.run(os.getpid, workers=[address])[address]
                os.kill(pid, signal.SIGKILL)
                return pid, held[0]
        time.sleep(0.02)
    return None


def test_the_dashboard_link_shows_the_dashboard() -> None:
    pytest.importorskip("bokeh")
    with open_client(None, workers=1) as (client, link):
        assert link is not None and client.status == "running"
        with urllib.request.urlopen(link, timeout=10) as page:
            body = page.read()
    assert b"needs bokeh" not in body and b"Dask" in body
