"""Facts benchmark: gold dev scores, NER sets, attribution corpus, facts-stage speed.

    python bench/facts.py [--shared PATH] [--verbose] [--articles N]

1. ``warta extract`` on ``gold/dev`` (pages in, JSON out), scored with the kit's
   ``tools/score.py``; ``--verbose`` lists every miss.
2. ``bench/ner.py``: entity F1 per dataset and type on the NER sets under ``data/ner``.
3. ``bench/attribution.py``: PERSON and CUE span F1 on the Kompas corpus ``pfsa-id``.
4. Speed of the facts stage alone (``warta.facts.find_facts``) on real articles of
   IndoSum (``data/news-id/indosum``, detokenised), on one core: articles/s, ms/article,
   and peak memory of the stage (tracemalloc, Python allocations).

A dataset that is not there is named and skipped.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from _indosum import load_indosum

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = Path(os.environ.get("WARTA_SHARED", REPO.parent / "shared"))


def score_dev(shared: Path, *, verbose: bool) -> None:
    gold = shared / "gold" / "dev"
    if not gold.is_dir():
        print(f"skipped: {gold} not found")
        return
    pages = sorted(p for p in gold.iterdir() if p.suffix in (".html", ".txt"))
    with tempfile.TemporaryDirectory() as out:
        subprocess.run([sys.executable, "-m", "warta", "extract", *map(str, pages),
                        "--out", out], check=False, stderr=subprocess.DEVNULL)
        command = [sys.executable, str(shared / "tools" / "score.py"), str(gold), out]
        subprocess.run(command + ["--verbose"] * verbose, check=False)


def run_sibling(script: str, args: list[str]) -> None:
    path = REPO / "bench" / script
    if not path.exists():
        print(f"skipped: {path} not written yet")
        return
    subprocess.run([sys.executable, str(path), *args], check=False)


def facts_speed(shared: Path, limit: int) -> None:
    from warta.facts import find_facts
    from warta.models import Article

    bodies = load_indosum(shared, limit)
    if not bodies:
        print(f"skipped: {shared / 'data/news-id/indosum'} not found")
        return
    articles = [Article(body=body, published="2017-05-01") for body in bodies]
    find_facts(articles[0])  # load lexicons and gazetteers outside the timing
    started = time.perf_counter()
    counts = [0, 0, 0, 0]
    for article in articles:
        facts = find_facts(article)
        for index, items in enumerate((facts.entities, facts.events, facts.quantities,
                                       facts.attributions)):
            counts[index] += len(items)
    elapsed = time.perf_counter() - started
    tracemalloc.start()
    for article in articles[:200]:
        find_facts(article)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    words = sum(len(" ".join(body).split()) for body in bodies)
    print(f"facts stage on {len(articles)} IndoSum articles ({words / len(articles):.0f} words "
          f"each on average), one core:")
    print(f"  {len(articles) / elapsed:.1f} articles/s, {1000 * elapsed / len(articles):.2f} "
          f"ms/article; peak Python memory of the stage {peak / 1e6:.1f} MB")
    print(f"  found: {counts[0]} entities, {counts[1]} events, {counts[2]} quantities, "
          f"{counts[3]} attributions")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--verbose", action="store_true", help="list every miss on gold/dev")
    parser.add_argument("--articles", type=int, default=1000, help="articles for the speed run")
    args = parser.parse_args()
    if not args.shared.is_dir():
        print(f"skipped: evaluation kit {args.shared} not found")
        return 0
    print(f"== gold/dev: warta extract, scored by tools/score.py ({args.shared})")
    score_dev(args.shared, verbose=args.verbose)
    print("\n== NER sets (bench/ner.py)")
    run_sibling("ner.py", ["--data", str(args.shared / "data" / "ner")])
    print("\n== attribution corpus pfsa-id (bench/attribution.py)")
    run_sibling("attribution.py", [str(args.shared / "data" / "attribution" / "pfsa-id")])
    print("\n== speed of the facts stage")
    facts_speed(args.shared, args.articles)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
