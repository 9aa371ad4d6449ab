"""NER benchmark: warta's entity finder on public Indonesian NER sets, entity-level F1.

    python bench/ner.py [--data DIR] [--limit N] [--verbose] [--speed N]

Each set is pre-tokenised (one token per line, IOB2 tags). Sentences are detokenised to
plain text (no space before , . ) : ; ? ! % and closing quotes, none after ( and opening
quotes), with every token's character offsets kept. Gold spans become character spans;
``find_entities`` runs on each sentence as a one-paragraph article and every mention it
reports (``doc.mentions``) is a predicted span. A span counts when its type and both
character offsets are equal (exact match), scored per type and overall (micro).

Tag mapping (each set's tags → PER / ORG / LOC):

| set | PER | ORG | LOC |
|---|---|---|---|
| indolem-nerui (all 5 test folds = the full set) | PERSON | ORGANIZATION | LOCATION |
| idner-news-2k (test) | PER | ORG | LOC |
| indonlu-nergrit (test) | PERSON | ORGANISATION | PLACE |

warta's GPE and LOC both map to LOC. Sets that are missing are skipped with a message.

``--speed N`` times ``find_entities`` alone on N IndoSum dev articles (about 300 words
each; ``news-id/indosum`` in the shared data) and prints milliseconds per article.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from _indosum import load_indosum
from warta.facts.document import FactsDoc
from warta.facts.entities import find_entities
from warta.models import Article

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("WARTA_SHARED", REPO.parent / "shared"))
TYPES = ("PER", "ORG", "LOC")
TAGS = {"PERSON": "PER", "PER": "PER", "ORGANIZATION": "ORG", "ORGANISATION": "ORG",
        "ORG": "ORG", "LOCATION": "LOC", "LOC": "LOC", "PLACE": "LOC"}
PREDICTED = {"PER": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC"}
NO_SPACE_BEFORE = {",", ".", ")", ":", ";", "?", "!", "%", "”", "’", "]"}
NO_SPACE_AFTER = {"(", "“", "‘", "["}

Span = tuple[int, int, str]


@dataclass(frozen=True, slots=True)
class DataSet:
    name: str
    files: tuple[str, ...]
    tag_column: int          # -1: last column


SETS = (
    DataSet("indolem-nerui", tuple(f"indolem-nerui/test.0{k}.tsv" for k in range(1, 6)), -1),
    DataSet("idner-news-2k", ("idner-news-2k/test.txt",), -1),
    DataSet("indonlu-nergrit", ("indonlu-nergrit/test_preprocess.txt",), -1),
)


def read_sentences(path: Path, column: int) -> Iterator[list[tuple[str, str]]]:
    """(token, tag) lists, one per sentence."""
    sentence: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        fields = line.strip().split("\t") if "\t" in line else line.strip().split()
        if not fields or not fields[0]:
            if sentence:
                yield sentence
            sentence = []
            continue
        sentence.append((fields[0], fields[column] if len(fields) > 1 else "O"))
    if sentence:
        yield sentence


def detokenize(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Plain text and each token's (start, end) in it; a hyphen between two words that are
    not all capitals is glued ("Go - Jek" → "Go-Jek", but "JAKARTA - Presiden" stays)."""
    text, offsets, quote_open = "", [], False
    for index, token in enumerate(tokens):
        glue = not text or token in NO_SPACE_BEFORE or text[-1] in NO_SPACE_AFTER
        glue = glue or _hyphen_joint(tokens, index)
        if token == '"':
            glue = not text or quote_open or text[-1] in NO_SPACE_AFTER
        if text and text.endswith('"') and not quote_open and token != '"':
            glue = True   # just after an opening quote
        if token == '"':
            quote_open = not quote_open
        text += "" if glue else " "
        offsets.append((len(text), len(text) + len(token)))
        text += token
    return text, offsets


def _hyphen_joint(tokens: list[str], index: int) -> bool:
    """True for "-" inside a hyphenated word and for the word after it."""
    def joined(at: int) -> bool:
        return 0 < at < len(tokens) - 1 and tokens[at] == "-" and all(
            t.isalnum() and not t.isupper() for t in (tokens[at - 1], tokens[at + 1]))
    return joined(index) or joined(index - 1)


def gold_spans(tags: list[str], offsets: list[tuple[int, int]]) -> set[Span]:
    spans: set[Span] = set()
    start, kind = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, label = tag.partition("-")
        mapped = TAGS.get(label, "")
        continues = prefix == "I" and mapped == kind and start >= 0
        if start >= 0 and not continues:
            spans.add((offsets[start][0], offsets[i - 1][1], kind))
            start = -1
        if mapped and not continues:
            start, kind = i, mapped
    return spans


def predicted_spans(text: str) -> set[Span]:
    doc = find_entities(FactsDoc.from_article(Article(title=None, body=(text,))))
    spans: set[Span] = set()
    for index, mentions in doc.mentions.items():
        kind = PREDICTED[doc.entities[index].type]
        spans.update((m.start, m.end, kind) for m in mentions if m.paragraph == 1)
    return spans


@dataclass(slots=True)
class Tally:
    true_pos: Counter[str]
    gold: Counter[str]
    predicted: Counter[str]
    sentences: int = 0
    seconds: float = 0.0

    def add(self, gold: set[Span], predicted: set[Span]) -> None:
        for _, _, kind in gold & predicted:
            self.true_pos[kind] += 1
        self.gold.update(kind for *_, kind in gold)
        self.predicted.update(kind for *_, kind in predicted)

    def prf(self, kind: str | None = None) -> tuple[float, float, float]:
        tp, gold, pred = ((sum(c.values()) if kind is None else c[kind])
                          for c in (self.true_pos, self.gold, self.predicted))
        precision = tp / pred if pred else 0.0
        recall = tp / gold if gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1


def run_set(data: Path, dataset: DataSet, limit: int | None, verbose: bool) -> Tally | None:
    paths = [data / name for name in dataset.files]
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        print(f"skipped {dataset.name}: missing {', '.join(missing)}")
        return None
    tally = Tally(Counter(), Counter(), Counter())
    for path in paths:
        for sentence in read_sentences(path, dataset.tag_column):
            if limit is not None and tally.sentences >= limit:
                break
            text, offsets = detokenize([token for token, _ in sentence])
            gold = gold_spans([tag for _, tag in sentence], offsets)
            began = time.perf_counter()
            predicted = predicted_spans(text)
            tally.seconds += time.perf_counter() - began
            tally.sentences += 1
            tally.add(gold, predicted)
            if verbose:
                show_errors(text, gold, predicted)
    return tally


def show_errors(text: str, gold: set[Span], predicted: set[Span]) -> None:
    for start, end, kind in sorted(gold - predicted):
        print(f"  miss {kind} {text[start:end]!r}")
    for start, end, kind in sorted(predicted - gold):
        print(f"  extra {kind} {text[start:end]!r}")


def report(name: str, tally: Tally) -> None:
    rate = tally.sentences / tally.seconds if tally.seconds else 0.0
    print(f"{name}: {tally.sentences} sentences, {rate:.0f} sentences/s")
    for kind in (*TYPES, None):
        precision, recall, f1 = tally.prf(kind)
        label = kind or "all"
        count = tally.gold[kind] if kind else sum(tally.gold.values())
        print(f"  {label:<4} P {precision:.3f}  R {recall:.3f}  F1 {f1:.3f}  (gold {count})")


def speed(shared: Path, limit: int) -> None:
    bodies = load_indosum(shared, limit)
    if not bodies:
        print(f"skipped speed: {shared / 'data/news-id/indosum'} not found")
        return
    docs = [FactsDoc.from_article(Article(body=body)) for body in bodies]
    find_entities(docs[0])
    runs: list[float] = []
    for _ in range(3):
        docs = [FactsDoc.from_article(Article(body=body)) for body in bodies]
        began = time.perf_counter()
        for doc in docs:
            find_entities(doc)
        runs.append(time.perf_counter() - began)
    words = sum(len(" ".join(body).split()) for body in bodies) / len(bodies)
    print(f"find_entities on {len(bodies)} IndoSum articles ({words:.0f} words each): "
          f"{1000 * runs[0] / len(bodies):.2f} ms/article on first reading, "
          f"{1000 * min(runs) / len(bodies):.2f} best of 3")


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--data", type=Path, default=SHARED / "data" / "ner")
    parser.add_argument("--limit", type=int, help="sentences per set")
    parser.add_argument("--verbose", action="store_true", help="print misses and extras")
    parser.add_argument("--speed", type=int, metavar="N",
                        help="only time find_entities on N IndoSum articles")
    args = parser.parse_args()
    if args.speed:
        speed(SHARED, args.speed)
        return 0
    if not args.data.is_dir():
        print(f"skipped: {args.data} not found")
        return 0
    find_entities(FactsDoc.from_article(Article(body=("Warm-up di Jakarta.",))))
    for dataset in SETS:
        tally = run_set(args.data, dataset, args.limit, args.verbose)
        if tally is not None:
            report(dataset.name, tally)
    return 0


if __name__ == "__main__":
    sys.exit(main())
