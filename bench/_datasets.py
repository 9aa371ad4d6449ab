"""Benchmark datasets under the shared evaluation kit, loaded into memory as ``Case`` lists.

Pages are read (and gunzipped) here, before any timing starts. Nothing is copied out of the
shared folder.
"""

from __future__ import annotations

import csv
import gzip
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

Kind = Literal["html", "text"]


@dataclass(frozen=True, slots=True)
class Case:
    """One page with its expected values (keys depend on the dataset)."""

    id: str
    name: str
    raw: bytes
    kind: Kind = "html"
    url: str | None = None
    gold: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Dataset:
    """A benchmark folder under ``shared`` and how to load it."""

    key: str
    group: str
    label: str
    relpath: str
    loader: Callable[[Path, int | None], list[Case]]
    needs_metadata: bool  # trafilatura's bare_extraction is run for title/date/outlet/authors
    gold_body: str | None  # key of the expected body in ``Case.gold``; None: scored by score.py


_PAGE_SUFFIXES: tuple[tuple[str, Kind], ...] = ((".html", "html"), (".txt", "text"))


def load_aeb(root: Path, limit: int | None) -> list[Case]:
    """Zyte's article-extraction-benchmark: ``html/<id>.html.gz`` + ``ground-truth.json``."""
    truth: dict[str, dict[str, str]] = json.loads((root / "ground-truth.json").read_text())
    cases = []
    for page_id in sorted(truth)[:limit]:
        path = root / "html" / f"{page_id}.html.gz"
        cases.append(Case(id=page_id, name=f"{page_id}.html", raw=gzip.decompress(
            path.read_bytes()), url=truth[page_id].get("url"), gold=truth[page_id]))
    return cases


def load_scraper(root: Path, limit: int | None) -> list[Case]:
    """anpandu/indonesian-news-scraper fixtures: the article pages only."""
    expected = {row["file"]: row for row in json.loads((root / "expected.json").read_text())}
    cases = []
    for row in _manifest(root):
        if row["page_type"] != "article" or row["file"] not in expected:
            continue
        gold = expected[row["file"]]
        cases.append(Case(id=row["file"], name=Path(row["file"]).name,
                          raw=(root / row["file"]).read_bytes(),
                          url=row.get("url") or gold.get("url"), gold=gold))
    return cases[:limit]


def load_aeb_id(root: Path, limit: int | None) -> list[Case]:
    """The Indonesian pages of the article-extraction-benchmark (``expected.articleBody``)."""
    cases = []
    for row in json.loads((root / "expected.json").read_text()):
        cases.append(Case(id=row["file"], name=row["file"], raw=(root / row["file"]).read_bytes(),
                          url=row.get("url"), gold=row["expected"]))
    return cases[:limit]


def load_dev(root: Path, limit: int | None) -> list[Case]:
    """gold/dev: ``NAME.html`` or ``NAME.txt`` next to ``NAME.json`` (scored by score.py)."""
    cases = []
    for gold_path in sorted(root.glob("*.json")):
        for suffix, kind in _PAGE_SUFFIXES:
            page = gold_path.with_suffix(suffix)
            if page.exists():
                cases.append(Case(id=gold_path.stem, name=page.name, raw=page.read_bytes(),
                                  kind=kind))
                break
    return cases[:limit]


def _manifest(root: Path) -> list[dict[str, str]]:
    with (root / "manifest.tsv").open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


DATASETS = (
    Dataset("aeb", "aeb", "aeb (Zyte article-extraction-benchmark)", "bench/aeb",
            load_aeb, needs_metadata=False, gold_body="articleBody"),
    Dataset("html-id-scraper", "html-id", "html-id / indonesian-news-scraper (articles)",
            "data/html-id/indonesian-news-scraper", load_scraper, needs_metadata=True,
            gold_body="content"),
    Dataset("html-id-aeb", "html-id", "html-id / article-extraction-benchmark",
            "data/html-id/article-extraction-benchmark", load_aeb_id, needs_metadata=False,
            gold_body="articleBody"),
    Dataset("dev", "dev", "gold/dev (score.py)", "gold/dev", load_dev, needs_metadata=True,
            gold_body=None),
)


def dataset(key: str) -> Dataset:
    return next(item for item in DATASETS if item.key == key)
