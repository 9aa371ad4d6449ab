"""Quality numbers for one system on one dataset, from its documents (one per case)."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path
from statistics import fmean
from typing import Any

from _datasets import Case, Dataset
from _metrics import (
    mean_prf,
    rate,
    titles_equal,
    token_prf,
    wib_day_of_epoch_ms,
    wib_day_of_prediction,
)
from _systems import CHROME_LISTS, Document, body_text

Scores = dict[str, Any]
METADATA = ("title", "published", "outlet", "wire_sources", "authors")


def score_tokens(item: Dataset, cases: list[Case], docs: list[Document]) -> Scores:
    """Body P/R/F1 against ``Case.gold[item.gold_body]``; title and WIB day where given."""
    assert item.gold_body is not None
    pages = [token_prf(case.gold.get(item.gold_body) or "", body_text(doc))
             for case, doc in zip(cases, docs, strict=True)]
    scores: Scores = {"body": asdict(mean_prf(pages)), "page_f1": [p.f1 for p in pages],
                      **_empties(docs)}
    if item.needs_metadata:
        scores["metadata"] = _title_and_date(cases, docs)
    return scores


def _empties(docs: list[Document]) -> Scores:
    return {"empty": sum(not body_text(doc).strip() for doc in docs),
            "errors": sum("error" in doc for doc in docs)}


def _title_and_date(cases: list[Case], docs: list[Document]) -> dict[str, float | None]:
    titles, dates = [], []
    for case, doc in zip(cases, docs, strict=True):
        article = doc["article"]
        titles.append(titles_equal(case.gold.get("title"), article.get("title")))
        if case.gold.get("date"):
            dates.append(wib_day_of_epoch_ms(case.gold["date"])
                         == wib_day_of_prediction(article.get("published")))
    return {"title": rate(titles), "published": rate(dates)}


def score_dev(gold_dir: Path, scorer: Path, cases: list[Case], docs: list[Document],
              system: str) -> Scores:
    """Write the predictions to a temp folder and score them with ``tools/score.py``."""
    with tempfile.TemporaryDirectory(prefix=f"warta-bench-{system}-") as tmp:
        pred_dir, out = Path(tmp) / "pred", Path(tmp) / "score.json"
        pred_dir.mkdir()
        for case, doc in zip(cases, docs, strict=True):
            (pred_dir / f"{case.id}.json").write_text(json.dumps(doc, ensure_ascii=False))
        gold = _gold_subset(gold_dir, cases, Path(tmp) / "gold")
        command = [sys.executable, str(scorer), str(gold), str(pred_dir), "--json", str(out)]
        proc = subprocess.run(command, capture_output=True, text=True, check=False)
        if proc.returncode != 0 or not out.exists():
            return {"error": proc.stderr.strip() or f"score.py exited {proc.returncode}"}
        report = json.loads(out.read_text())
    return _dev_scores(report, cases, docs)


def _gold_subset(gold_dir: Path, cases: list[Case], tmp_gold: Path) -> Path:
    """The gold folder itself, or (under --limit) a temp folder of symlinks to those cases."""
    if len(cases) == len(list(gold_dir.glob("*.json"))):
        return gold_dir
    tmp_gold.mkdir()
    for case in cases:
        (tmp_gold / f"{case.id}.json").symlink_to(gold_dir / f"{case.id}.json")
    return tmp_gold


def _dev_scores(report: dict[str, Any], cases: list[Case], docs: list[Document]) -> Scores:
    overall = report["overall"]
    per_case = report["cases"]
    page_f1 = [per_case[case.id]["body"]["f1"] for case in cases]
    by_kind = {kind: [f1 for case, f1 in zip(cases, page_f1, strict=True) if case.kind == kind]
               for kind in ("html", "text")}
    return {
        "body": dict(overall["body"]),
        "page_f1": page_f1,
        "body_f1_by_kind": {kind: fmean(f1s) if f1s else None for kind, f1s in by_kind.items()},
        "chrome_leak": overall["chrome_leak"],
        "metadata": {key: overall["metadata"][key]["rate"] for key in METADATA},
        "chrome_recall": {key: overall["chrome_recall"][key]["rate"] for key in CHROME_LISTS},
        **_empties(docs),
    }
