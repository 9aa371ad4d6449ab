"""Measure warta on tests/data/eval and write the quality gate's floors.

    .venv/bin/python bench/update_eval_baseline.py              # writes tests/eval_baseline.json
    .venv/bin/python bench/update_eval_baseline.py --dry-run    # prints, writes nothing

Every case of ``tests/data/eval`` (``NAME.json`` gold next to ``NAME.html`` or ``NAME.txt``)
is extracted with ``warta.extract(page, with_facts=True)`` and scored with
``warta.evaluate``. The baseline records the cases, the measured overall metrics, and the
floors that ``tests/test_eval_gate.py`` enforces on those cases:

- precision, recall and F1 (body and facts): measured minus ``--tolerance`` (0.02);
- accuracies and rates (metadata, chrome recall, country/mode/qualifier/source):
  measured minus ``--accuracy-tolerance`` (0.05);
- ``chrome_leak`` (a count, lower is better): a ceiling of measured plus ``--leak-slack`` (0).

Undefined metrics (nothing to count) get no floor. Re-run after an intended change in
quality or after adding cases, and commit the baseline with the change.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import Any

from warta.evaluate import evaluate_cases, overall_metrics, page_cases

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "tests" / "data" / "eval"
BASELINE = ROOT / "tests" / "eval_baseline.json"
PRF = ("precision", "recall", "f1")
COUNTS = ("chrome_leak",)


def floor_of(name: str, value: float, tolerance: float, accuracy_tolerance: float) -> float:
    """The floor for one metric, rounded down to 3 decimals and never below 0."""
    slack = tolerance if name.rsplit(".", 1)[-1] in PRF else accuracy_tolerance
    return max(0.0, math.floor((value - slack) * 1000 + 1e-9) / 1000)


def baseline(folder: Path, tolerance: float, accuracy_tolerance: float,
             leak_slack: int) -> dict[str, Any]:
    cases, skipped = page_cases(folder)
    if skipped:
        print(f"warning: unreadable gold, left out: {', '.join(skipped)}", file=sys.stderr)
    measured = overall_metrics(evaluate_cases(cases))
    floors = {name: floor_of(name, value, tolerance, accuracy_tolerance)
              for name, value in measured.items() if value is not None and name not in COUNTS}
    ceilings = {name: int(value) + leak_slack for name, value in measured.items()
                if value is not None and name in COUNTS}
    return {
        "about": "Floors of tests/test_eval_gate.py; written by bench/update_eval_baseline.py",
        "cases": sorted(cases),
        "tolerance": {"prf": tolerance, "accuracy": accuracy_tolerance,
                      "chrome_leak": leak_slack},
        "measured": {name: None if value is None else round(value, 4)
                     for name, value in measured.items()},
        "floors": floors,
        "ceilings": ceilings,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=EVAL, help="the evaluation cases")
    parser.add_argument("--out", type=Path, default=BASELINE, help="the baseline to write")
    parser.add_argument("--tolerance", type=float, default=0.02,
                        help="below measured P/R/F1 (default 0.02)")
    parser.add_argument("--accuracy-tolerance", type=float, default=0.05,
                        help="below measured accuracies and rates (default 0.05)")
    parser.add_argument("--leak-slack", type=int, default=0,
                        help="above measured chrome_leak (default 0)")
    parser.add_argument("--dry-run", action="store_true", help="print, do not write")
    args = parser.parse_args(argv)
    result = baseline(args.eval, args.tolerance, args.accuracy_tolerance, args.leak_slack)
    if not result["cases"]:
        print(f"no cases in {args.eval}; nothing written", file=sys.stderr)
        return 1
    text = json.dumps(result, indent=2, ensure_ascii=False) + "\n"
    if args.dry_run:
        print(text, end="")
        return 0
    args.out.write_text(text, encoding="utf-8")
    print(f"{len(result['cases'])} cases -> {args.out}")
    for name, value in result["measured"].items():
        print(f"  {name:26} {'-' if value is None else f'{value:.3f}'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
