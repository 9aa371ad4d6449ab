"""Benchmark warta's article extraction against plain trafilatura, side by side in one run.

    python bench/extract.py [--shared PATH] [--only aeb|html-id|dev] [--limit N] [--json OUT]

Datasets live in the shared evaluation kit (``--shared``, else ``$WARTA_SHARED``, else
``../shared`` next to the repository); a missing one is reported and skipped. See
``bench/README.md`` for what each number means and how time and memory are measured.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
from pathlib import Path
from statistics import fmean, median
from typing import Any

from rich.console import Console

from _datasets import DATASETS, Case, Dataset
from _evaluate import Scores, score_dev, score_tokens
from _memory import measure
from _report import print_legend, print_result
from _systems import SYSTEMS, Document, add_trafilatura_metadata, runner, timed, warm_up_facts

REPO = Path(__file__).resolve().parents[1]
WORSE_BY = 0.01  # a page counts as a loss when warta's F1 is below trafilatura's by more


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    console = Console()
    console.print(f"shared kit: {args.shared}")
    stage = "article + facts" if args.with_facts else "article stage only (--with-facts for all)"
    console.print(f"warta runs: {stage}")
    print_legend(console)
    results: dict[str, Any] = {"shared": str(args.shared), "limit": args.limit, "datasets": {}}
    for item in DATASETS:
        if args.only and item.group != args.only:
            continue
        root = args.shared / item.relpath
        if not root.is_dir():
            console.print(f"skipped: {root} not found\n")
            results["datasets"][item.key] = {"skipped": f"{root} not found"}
            continue
        result = run_dataset(item, root, args)
        results["datasets"][item.key] = result
        print_result(console, result)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
        console.print(f"all numbers written to {args.json}")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=default_shared(),
                        help="the shared evaluation kit (default: $WARTA_SHARED or ../shared)")
    parser.add_argument("--only", choices=sorted({item.group for item in DATASETS}))
    parser.add_argument("--limit", type=int, help="at most N pages per dataset")
    parser.add_argument("--json", type=Path, help="write every number to this file")
    parser.add_argument("--no-memory", action="store_true",
                        help="skip the memory subprocesses (faster)")
    parser.add_argument("--with-facts", action="store_true",
                        help="time the whole warta extract (article + facts), not the article "
                             "stage alone")
    args = parser.parse_args(argv)
    if args.with_facts:
        os.environ["WARTA_BENCH_FACTS"] = "1"  # inherited by the memory subprocesses
    return args


def default_shared() -> Path:
    return Path(os.environ.get("WARTA_SHARED") or REPO.parent / "shared").resolve()


def run_dataset(item: Dataset, root: Path, args: argparse.Namespace) -> dict[str, Any]:
    cases = item.loader(root, args.limit)
    docs, seconds = run_systems(cases, item.needs_metadata)
    systems: dict[str, Scores] = {}
    for system in SYSTEMS:
        scores = score(item, root, args.shared, cases, docs[system], system)
        scores.update(timing(seconds[system]))
        if not args.no_memory:
            scores["memory"] = measure(system, item.key, args.shared, args.limit)
        systems[system] = scores
    return {"label": item.label, "path": str(root), "pages": len(cases), "systems": systems,
            "ratios": ratios(systems), **compare_pages(cases, systems)}


def run_systems(cases: list[Case], needs_metadata: bool
                ) -> tuple[dict[str, list[Document]], dict[str, list[float]]]:
    """Every page through both systems, interleaved, alternating which one goes first."""
    docs: dict[str, list[Document]] = {system: [] for system in SYSTEMS}
    seconds: dict[str, list[float]] = {system: [] for system in SYSTEMS}
    for system in SYSTEMS if cases else ():  # warm-up: imports, lazy caches
        runner(system)(cases[0])
    if cases:
        warm_up_facts()   # the facts stage's data, which an English first page never loads
    gc.collect()
    for index, case in enumerate(cases):
        for system in SYSTEMS if index % 2 == 0 else SYSTEMS[::-1]:
            document, elapsed = timed(runner(system), case)
            docs[system].append(document)
            seconds[system].append(elapsed)
    if needs_metadata:  # untimed: trafilatura's metadata needs a second call
        for case, document in zip(cases, docs["trafilatura"], strict=True):
            add_trafilatura_metadata(case, document)
    return docs, seconds


def score(item: Dataset, root: Path, shared: Path, cases: list[Case], docs: list[Document],
          system: str) -> Scores:
    if item.gold_body is not None:
        return score_tokens(item, cases, docs)
    return score_dev(root, shared / "tools" / "score.py", cases, docs, system)


def timing(seconds: list[float]) -> dict[str, float | None]:
    if not seconds:
        return {"ms_per_page": None, "ms_median": None, "ms_total": 0.0}
    return {"ms_per_page": 1000 * fmean(seconds), "ms_median": 1000 * median(seconds),
            "ms_total": 1000 * sum(seconds)}


def ratios(systems: dict[str, Scores]) -> dict[str, float | None]:
    """warta / trafilatura for time and memory."""
    warta, traf = systems["warta"], systems["trafilatura"]
    pairs = {"ms_per_page": (warta["ms_per_page"], traf["ms_per_page"]),
             "ms_median": (warta["ms_median"], traf["ms_median"])}
    for key in ("peak_mb", "extraction_mb"):
        pairs[key] = ((warta.get("memory") or {}).get(key),
                      (traf.get("memory") or {}).get(key))
    return {key: w / t if w is not None and t else None for key, (w, t) in pairs.items()}


def compare_pages(cases: list[Case], systems: dict[str, Scores]) -> dict[str, Any]:
    """Per-page body F1 of both systems and the pages where warta loses by > WORSE_BY."""
    warta = systems["warta"].pop("page_f1", None) or []
    traf = systems["trafilatura"].pop("page_f1", None) or []
    per_page = [{"id": case.id, "warta_f1": w, "trafilatura_f1": t}
                for case, w, t in zip(cases, warta, traf, strict=False)]
    worse = [page["id"] for page in per_page
             if page["warta_f1"] < page["trafilatura_f1"] - WORSE_BY]
    return {"warta_worse": worse, "per_page": per_page}


if __name__ == "__main__":
    main()
