"""Run the facts stage alone on the gold articles of a gold folder and score it.

    python bench/facts_on_gold.py [GOLD_DIR] [--verbose] [--case NAME]

Feeding the gold article (body, published date) isolates the facts stage from page
extraction: a miss here is a facts miss. Writes predictions to a temporary folder and runs
the kit's scorer (``tools/score.py``) on them.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from warta.facts import find_facts
from warta.models import Article

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("WARTA_SHARED", REPO.parent / "shared"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="?", type=Path, default=SHARED / "gold" / "dev")
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--case")
    args = parser.parse_args()
    if not args.gold.is_dir():
        print(f"skipped: {args.gold} not found")
        return 0
    with tempfile.TemporaryDirectory() as out:
        for path in sorted(args.gold.glob("*.json")):
            gold = json.loads(path.read_text(encoding="utf-8"))
            article = Article.from_dict(gold["article"])
            prediction = dict(gold)
            prediction.update(find_facts(article).to_dict())
            (Path(out) / path.name).write_text(json.dumps(prediction, ensure_ascii=False))
        command = [sys.executable, str(SHARED / "tools" / "score.py"), str(args.gold), out]
        command += ["--verbose"] * args.verbose + (["--case", args.case] if args.case else [])
        return subprocess.call(command)


if __name__ == "__main__":
    raise SystemExit(main())
