"""Quality gate: warta on the project's own evaluation set must not fall below its baseline.

``tests/data/eval`` holds original pages with gold annotations (``NAME.json`` next to
``NAME.html`` or ``NAME.txt``). Every case is extracted with ``warta.extract`` and scored
with ``warta.evaluate``; the overall metrics over the cases recorded in
``tests/eval_baseline.json`` must stay at or above its floors (and ``chrome_leak`` at or
below its ceiling). After an intended change in quality, or after adding cases, run
``.venv/bin/python bench/update_eval_baseline.py`` and commit the new baseline.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

import pytest

from warta.evaluate import PageCase, evaluate_cases, overall_metrics, page_cases, predict

EVAL = Path(__file__).parent / "data" / "eval"
BASELINE = Path(__file__).parent / "eval_baseline.json"
UPDATE = "run `.venv/bin/python bench/update_eval_baseline.py` and commit tests/eval_baseline.json"

Json = dict[str, Any]


@pytest.fixture(scope="module")
def cases() -> dict[str, PageCase]:
    found, skipped = page_cases(EVAL) if EVAL.is_dir() else ({}, ())
    if skipped:
        warnings.warn(f"eval gold files that cannot be read: {', '.join(skipped)}",
                      stacklevel=1)
    if not found:
        pytest.skip(f"no evaluation cases in {EVAL} (NAME.json next to NAME.html or NAME.txt)")
    return found


@pytest.fixture(scope="module")
def predictions(cases: dict[str, PageCase]) -> dict[str, Json]:
    """warta's prediction for every case, or the exception it raised."""
    preds: dict[str, Any] = {}
    for name, case in cases.items():
        try:
            preds[name] = predict(case.page)
        except Exception as exc:  # reported by test_every_page_extracts
            preds[name] = exc
    return preds


@pytest.fixture(scope="module")
def baseline() -> Json:
    if not BASELINE.is_file():
        pytest.fail(f"{BASELINE.name} is missing: {UPDATE}")
    data: Json = json.loads(BASELINE.read_text(encoding="utf-8"))
    return data


def test_every_page_extracts(predictions: dict[str, Any]) -> None:
    failed = {name: repr(pred) for name, pred in predictions.items()
              if isinstance(pred, Exception)}
    assert not failed, f"warta.extract failed on evaluation pages: {failed}"


def test_baselined_cases_are_present(cases: dict[str, PageCase], baseline: Json) -> None:
    missing = sorted(set(baseline["cases"]) - set(cases))
    assert not missing, f"baselined evaluation cases are gone: {missing}; {UPDATE}"
    new = sorted(set(cases) - set(baseline["cases"]))
    if new:
        warnings.warn(f"evaluation cases not in the baseline yet: {new}; {UPDATE}",
                      stacklevel=1)


def test_quality_does_not_regress(cases: dict[str, PageCase], predictions: dict[str, Any],
                                  baseline: Json) -> None:
    names = [name for name in baseline["cases"] if name in cases]
    if not names:
        pytest.skip(f"none of the baselined cases exist; {UPDATE}")
    preds = {name: pred for name, pred in predictions.items() if isinstance(pred, dict)}
    report = evaluate_cases({name: cases[name] for name in names}, preds)
    metrics = overall_metrics(report)
    regressions = below_floors(metrics, baseline["floors"])
    regressions += above_ceilings(metrics, baseline.get("ceilings", {}))
    assert not regressions, (
        f"quality fell on {len(names)} evaluation cases:\n  " + "\n  ".join(regressions)
        + f"\nIf the change is intended, {UPDATE}.")


def below_floors(metrics: dict[str, float | None], floors: dict[str, float]) -> list[str]:
    """Metrics under their floor; an undefined metric counts as 0."""
    return [f"{name}: {metrics.get(name) or 0.0:.3f} < floor {floor:.3f}"
            for name, floor in floors.items() if (metrics.get(name) or 0.0) < floor]


def above_ceilings(metrics: dict[str, float | None], ceilings: dict[str, float]) -> list[str]:
    return [f"{name}: {metrics.get(name)} > ceiling {ceiling}"
            for name, ceiling in ceilings.items() if (metrics.get(name) or 0) > ceiling]
