"""Check that ``warta.evaluate`` agrees with the evaluation kit's ``tools/score.py``.

Runs ``warta extract`` on the kit's ``gold/dev`` pages, then scores the predictions, and
several deliberately degraded copies of them (and of the gold itself), with both scorers.
Every number (overall, per-case means, and per case) must agree to 3 decimals.

    .venv/bin/python bench/score_check.py                 # kit at ../shared
    .venv/bin/python bench/score_check.py --shared PATH   # or $WARTA_SHARED

Prints one line per prediction set and exits 1 on any disagreement; prints ``skipped`` and
exits 0 when the kit is not there.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import random
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from statistics import fmean
from typing import Any

from warta.evaluate import FACT_KINDS, Report, read_golds, score_folder

ROOT = Path(__file__).resolve().parent.parent
Json = dict[str, Any]
Degrade = Callable[[Json, random.Random], Json]
MEAN_KEYS = ("title", "published", "outlet", "wire_sources")


def find_shared(arg: str | None) -> Path:
    return Path(arg or os.environ.get("WARTA_SHARED") or ROOT.parent / "shared")


# --------------------------------------------------------------------------- degradations


def empty_facts(doc: Json, rng: random.Random) -> Json:
    return doc | {kind: [] for kind in FACT_KINDS}


def truncate_bodies(doc: Json, rng: random.Random) -> Json:
    article = dict(doc.get("article") or {})
    body = list(article.get("body") or [])
    keep = body[: max(1, len(body) // 2)] if body else []
    if keep:
        words = keep[-1].split()
        keep[-1] = " ".join(words[: len(words) // 2])
    return doc | {"article": article | {"body": keep}}


def leak_chrome(doc: Json, rng: random.Random) -> Json:
    article = dict(doc.get("article") or {})
    chrome = {name: list(items) for name, items in (doc.get("chrome") or {}).items()}
    leaked = [h for items in chrome.values() for h in items if rng.random() < 0.3]
    article["body"] = list(article.get("body") or []) + leaked
    for name, items in chrome.items():
        chrome[name] = [h.upper() if rng.random() < 0.2 else h for h in items
                        if rng.random() < 0.7]
    if chrome.get("popular") and chrome.get("latest"):
        chrome["popular"], chrome["latest"] = chrome["latest"], chrome["popular"]
    return doc | {"article": article, "chrome": chrome}


def perturb_metadata(doc: Json, rng: random.Random) -> Json:
    article = dict(doc.get("article") or {})
    title = article.get("title")
    if isinstance(title, str):
        article["title"] = rng.choice([f"  {title.upper()} ", title + " x", f"“{title}”"])
    outlet = str(article.get("outlet") or "")
    article["outlet"] = rng.choice([f"www.{outlet.lower()}", outlet.split(".")[0], "Lain.com",
                                    None, outlet + "News"])
    published = str(article.get("published") or "")
    article["published"] = rng.choice([published[:4], published + "T10:00:00+07:00",
                                       "2019-01-01", None, published[:7]])
    article["authors"] = rng.choice([[], list(reversed(article.get("authors") or [])),
                                     [*(article.get("authors") or []), "Anon"]])
    article["wire_sources"] = [w.upper() for w in article.get("wire_sources") or []]
    return doc | {"article": article}


def _shorten(name: object, rng: random.Random) -> object:
    if not isinstance(name, str) or not name:
        return name
    words = name.split()
    return rng.choice([words[-1], words[0], " ".join(words[:2]), f"kantor berita {name}",
                       name.upper() + ".", "Seseorang Lain", ""])


def _noisy(items: list[Any], rng: random.Random) -> list[Any]:
    out = [copy.deepcopy(item) for item in items if rng.random() < 0.8]
    out += [copy.deepcopy(item) for item in items if rng.random() < 0.15]
    rng.shuffle(out)
    return out


def _entity(item: Json, rng: random.Random) -> Json:
    if rng.random() < 0.2:
        item["type"] = rng.choice(["PER", "ORG", "GPE", "LOC"])
    if rng.random() < 0.2:
        item["country"] = rng.choice([None, "IDN", "USA"])
    if rng.random() < 0.3:
        item["mentions"] = [m.lower() for m in item.get("mentions") or []][:1]
    return item


def _event(item: Json, rng: random.Random) -> Json:
    if rng.random() < 0.3:
        item["actors"] = (item.get("actors") or [])[:1] + rng.choice([[], ["IDN"], ["USA"]])
    if rng.random() < 0.2:
        item["recipients"] = rng.choice([[], ["IDN"], item.get("actors") or []])
    if rng.random() < 0.3:
        item["mode"] = rng.choice([None, "visit", "arrest"])
    if rng.random() < 0.5:
        item["source"] = _shorten(item.get("source"), rng)
    return item


def _quantity(item: Json, rng: random.Random) -> Json:
    roll = rng.random()
    if roll < 0.1:
        item["value"] = str(item.get("value"))
    elif roll < 0.2:
        item["value"] = (item.get("value") or 0) + 1
    if rng.random() < 0.3:
        item["qualifier"] = rng.choice(["exact", "approx", "at_least", None])
    if rng.random() < 0.5:
        item["source"] = _shorten(item.get("source"), rng)
    return item


def _attribution(item: Json, rng: random.Random) -> Json:
    if rng.random() < 0.15:
        item["paragraph"] = (item.get("paragraph") or 0) + 1
    if rng.random() < 0.6:
        item["speaker"] = _shorten(item.get("speaker"), rng)
    return item


def perturb_facts(doc: Json, rng: random.Random) -> Json:
    changers = {"entities": _entity, "events": _event, "quantities": _quantity,
                "attributions": _attribution}
    return doc | {kind: [change(item, rng) for item in _noisy(doc.get(kind) or [], rng)]
                  for kind, change in changers.items()}


def everything(doc: Json, rng: random.Random) -> Json:
    for step in (truncate_bodies, leak_chrome, perturb_metadata, perturb_facts):
        doc = step(doc, rng)
    return doc


def identity(doc: Json, rng: random.Random) -> Json:
    return doc


DEGRADATIONS: dict[str, Degrade] = {
    "facts emptied": empty_facts, "bodies truncated": truncate_bodies,
    "chrome leaked": leak_chrome, "metadata perturbed": perturb_metadata,
    "facts perturbed": perturb_facts, "all perturbed": everything,
}


# --------------------------------------------------------------------------- comparing


def flatten(value: Any, prefix: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from flatten(item, f"{prefix}.{key}" if prefix else str(key))
    elif not isinstance(value, list | str):
        yield prefix, value


def rounded(value: Any) -> Any:
    return round(float(value), 3) if isinstance(value, int | float) else value


def case_means(report: Report) -> Json:
    """The per-case means ``score.py`` lists under ``overall.mean``."""
    cases = list(report.cases.values())
    means: Json = {"body_f1": fmean(c.body.f1 for c in cases),
                   "chrome_leak": fmean(c.chrome_leak for c in cases)}
    means |= {key: fmean(c.metadata[key] for c in cases) for key in MEAN_KEYS}
    means |= {f"{kind}_f1": fmean(c.facts[kind].counts.f1 for c in cases)
              for kind in FACT_KINDS}
    return means


def ours(report: Report) -> Json:
    cases = {name: case.to_dict() for name, case in report.cases.items()}
    return {"overall": report.to_dict() | {"mean": case_means(report)}, "cases": cases}


def differences(theirs: Json, mine: Json) -> tuple[int, list[str]]:
    """How many numbers ``theirs`` has, and those that ``mine`` lacks or gives differently."""
    mine_flat = dict(flatten(mine))
    theirs_flat = list(flatten(theirs))
    out = []
    for key, value in theirs_flat:
        if key not in mine_flat:
            out.append(f"{key}: missing (score.py {value!r})")
        elif rounded(value) != rounded(mine_flat[key]):
            out.append(f"{key}: score.py {value!r}, warta {mine_flat[key]!r}")
    return len(theirs_flat), out


def run_kit_scorer(shared: Path, gold: Path, preds: Path) -> Json:
    out = preds / "_score.json"
    subprocess.run([sys.executable, str(shared / "tools" / "score.py"), str(gold), str(preds),
                    "--json", str(out)], check=True, capture_output=True)
    result: Json = json.loads(out.read_text(encoding="utf-8"))
    out.unlink()
    cases = {name: {k: v for k, v in case.items() if k != "prediction"}
             for name, case in result["cases"].items()}
    return {"overall": result["overall"], "cases": cases}


def check(label: str, shared: Path, gold: Path, preds: Path) -> bool:
    mine = ours(score_folder(gold, preds))
    compared, diffs = differences(run_kit_scorer(shared, gold, preds), mine)
    overall = mine["overall"]
    meta = "/".join(f"{t['rate']:.2f}" for t in overall["metadata"].values())
    summary = " ".join(f"{kind[:3]}_f1={overall[kind]['f1']:.3f}" for kind in FACT_KINDS)
    verdict = "agree" if not diffs else f"{len(diffs)} DIFFER"
    print(f"{label:24} body_f1={overall['body']['f1']:.3f} leak={overall['chrome_leak']:<3} "
          f"meta={meta} {summary}  {compared} numbers: {verdict}")
    for line in diffs[:20]:
        print(f"    {line}")
    return not diffs


# --------------------------------------------------------------------------- sets


def extract_dev(gold: Path, out: Path) -> None:
    pages = sorted([*gold.glob("*.html"), *gold.glob("*.txt")])
    subprocess.run([sys.executable, "-m", "warta", "extract", *map(str, pages),
                    "--out", str(out)], check=True, capture_output=True, cwd=ROOT)


def write_set(folder: Path, docs: dict[str, Json]) -> Path:
    folder.mkdir()
    for name, doc in docs.items():
        (folder / f"{name}.json").write_text(json.dumps(doc, ensure_ascii=False),
                                             encoding="utf-8")
    return folder


def degraded(docs: dict[str, Json], step: Degrade, seed: str) -> dict[str, Json]:
    return {name: step(copy.deepcopy(doc), random.Random(f"{seed}/{name}"))
            for name, doc in docs.items()}


def read_set(folder: Path) -> dict[str, Json]:
    return {path.stem: json.loads(path.read_text(encoding="utf-8"))
            for path in sorted(folder.glob("*.json"))}


def broken_files(folder: Path, docs: dict[str, Json]) -> Path:
    """Predictions with one file missing, one malformed and one not an object."""
    write_set(folder, docs)
    names = sorted(docs)
    (folder / f"{names[0]}.json").unlink()
    (folder / f"{names[1]}.json").write_text("{not json", encoding="utf-8")
    (folder / f"{names[2]}.json").write_text("[1, 2]", encoding="utf-8")
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", help="the evaluation kit (default ../shared)")
    args = parser.parse_args(argv)
    shared = find_shared(args.shared)
    gold = shared / "gold" / "dev"
    if not (gold.is_dir() and (shared / "tools" / "score.py").is_file()):
        print(f"skipped: {gold} or {shared / 'tools' / 'score.py'} not found")
        return 0
    with tempfile.TemporaryDirectory(prefix="warta-score-check-") as tmp:
        root = Path(tmp)
        extract_dev(gold, root / "warta")
        preds = read_set(root / "warta")
        golds = read_golds(gold)[0]
        sets = {"warta": root / "warta", "gold as prediction": write_set(root / "gold", golds)}
        for index, (label, step) in enumerate(DEGRADATIONS.items()):
            sets[label] = write_set(root / f"d{index}", degraded(preds, step, label))
            sets[f"gold, {label}"] = write_set(root / f"g{index}",
                                               degraded(golds, step, label))
        sets["broken files"] = broken_files(root / "broken", preds)
        results = [check(label, shared, gold, folder) for label, folder in sets.items()]
    print("all agree" if all(results) else "DISAGREEMENT")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
