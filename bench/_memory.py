"""Peak memory of one system on one dataset, each in a fresh subprocess of its own.

The worker imports only the system under test, loads the dataset's pages into memory, notes
its resident set size (the baseline), resets the kernel's peak-RSS mark, extracts every page
once and reads the peak. RSS counts lxml/libxml2 allocations, which ``tracemalloc`` cannot see.

The peak is ``VmHWM`` from ``/proc/self/status`` (reset by writing 5 to
``/proc/self/clear_refs``), not ``ru_maxrss``: on Linux a child started by ``subprocess``
inherits the parent's ``ru_maxrss`` through fork/exec, so it would report the benchmark
process's own peak. Without ``/proc`` the worker falls back to ``ru_maxrss``.

Worker usage: ``python bench/_memory.py SYSTEM DATASET_KEY SHARED LIMIT`` (LIMIT 0 = all).
"""

from __future__ import annotations

import gc
import importlib
import json
import resource
import subprocess
import sys
from pathlib import Path
from typing import Any

from _datasets import dataset
from _systems import runner

KIB = 1024
STATUS = Path("/proc/self/status")
CLEAR_REFS = Path("/proc/self/clear_refs")


def measure(system: str, key: str, shared: Path, limit: int | None) -> dict[str, Any]:
    """Run the worker for one system and dataset; its JSON report, or an ``error`` entry."""
    command = [sys.executable, str(Path(__file__).resolve()), system, key, str(shared),
               str(limit or 0)]
    proc = subprocess.run(command, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        lines = proc.stderr.strip().splitlines() or [f"exit status {proc.returncode}"]
        return {"error": lines[-1]}
    report: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return report


def proc_status_mb(field: str) -> float | None:
    """A ``Vm*`` line of ``/proc/self/status`` in MB, or None without procfs."""
    try:
        text = STATUS.read_text()
    except OSError:
        return None
    for line in text.splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) * KIB / 1e6
    return None


def reset_peak() -> bool:
    """Set the peak-RSS mark (VmHWM) to the current RSS (Linux >= 4.0)."""
    try:
        CLEAR_REFS.write_text("5")
    except OSError:
        return False
    return True


def current_and_peak_mb() -> tuple[float, float, str]:
    rss, hwm = proc_status_mb("VmRSS"), proc_status_mb("VmHWM")
    if rss is not None and hwm is not None:
        return rss, hwm, "VmHWM"
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * KIB / 1e6
    return maxrss, maxrss, "ru_maxrss"


def worker(system: str, key: str, shared: Path, limit: int | None) -> dict[str, Any]:
    item = dataset(key)
    cases = item.loader(shared / item.relpath, limit)
    importlib.import_module(system)
    run = runner(system)
    gc.collect()
    baseline, _, method = current_and_peak_mb()
    reset = reset_peak()
    for case in cases:
        run(case)
    _, peak, _ = current_and_peak_mb()
    return {"pages": len(cases), "baseline_mb": baseline, "peak_mb": peak,
            "extraction_mb": peak - baseline, "method": method, "peak_reset": reset}


def main(argv: list[str]) -> None:
    system, key, shared, limit = argv
    print(json.dumps(worker(system, key, Path(shared), int(limit) or None)))


if __name__ == "__main__":
    main(sys.argv[1:])
