"""Span-level F1 of warta's attribution finder on PFSA-ID (Kompas, BILOU tags).

    python bench/attribution.py [PFSA_DIR] [--split test-data.txt dev.txt] [--limit N]

PFSA-ID (``shared/data/attribution/pfsa-id``, CC BY-NC-SA, evaluation only) tags Kompas
sentences token by token (``token TAG``, BILOU: B-/I-/L-/U-).  For each sentence this bench

1. detokenises the tokens into ordinary text (no space before ``, . ; : ! ? ) ”``, none
   after ``( “``; straight quotes alternate open/close), keeping each token's characters;
2. runs ``warta.facts.attributions.find_credits`` on the sentence alone (no document
   context, no entities);
3. maps every predicted span to the tokens it overlaps:
   - CUE: PFSA tags the cue of a QUOTED statement only ('..., ” kata Roland'), not
     "Roland mengatakan, ..." or "Menurut Roland, ..." (its STATEMENT spans are quotes too),
     so CUE scores the cues of our direct credits (``Credit.direct``) whose speaker is
     written in the sentence; a cue with the suffix -nya ("katanya", "ujarnya") or a
     pronoun speaker ("ujar dia") is PFSA's CUECOREF and is scored under that label (direct
     ones only, likewise);
   - CUE*: every cue we find (indirect ones too) against the same gold CUE spans, to show
     what PFSA leaves untagged;
   - PERSON: the speaker's name after the title is stripped ("Kepala X Budi Santoso" ->
     "Budi Santoso"), located inside the speaker phrase; pronoun speakers are skipped;
   - SPEAKER: the same predicted names against PERSON and PERSONCOREF together. PFSA tags
     only a person's first, full mention PERSON (with the rank: "Ajun Komisaris Roland
     Manurung"); later ones ('..., " kata Roland') are PERSONCOREF, which a reader of one
     sentence cannot tell apart, so PERSON alone counts every later speaker as an error;
4. scores predicted against gold spans per label: exact (same first and last token) and
   partial (any token overlap; one-to-one, greedy), micro-averaged over sentences.

Gold PERSON covers every public figure whose statement is attributed, so PERSON recall is
bounded by what the sentence alone shows.  Prints a table per split and sentences/s;
prints "skipped" and exits 0 when the folder is missing.
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from warta.facts.attributions import Credit, find_credits, split_title

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("WARTA_SHARED", REPO.parent / "shared"))
DEFAULT_DIR = SHARED / "data" / "attribution" / "pfsa-id"
LABELS = ("CUE", "CUECOREF", "PERSON", "SPEAKER", "CUE*")
GOLD_LABELS = {"CUE*": ("CUE",), "SPEAKER": ("PERSON", "PERSONCOREF")}
NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "”", "’", "%"}
NO_SPACE_AFTER = {"(", "“", "‘"}

Span = tuple[int, int]  # first and last token index, inclusive


@dataclass(slots=True)
class Sentence:
    tokens: list[str]
    tags: list[str]


@dataclass(slots=True)
class Counts:
    exact_tp: int = 0
    partial_tp: int = 0
    predicted: int = 0
    gold: int = 0

    def f1(self, partial: bool) -> tuple[float, float, float]:
        tp = self.partial_tp if partial else self.exact_tp
        precision = tp / self.predicted if self.predicted else 0.0
        recall = tp / self.gold if self.gold else 0.0
        total = precision + recall
        return precision, recall, (2 * precision * recall / total if total else 0.0)


@dataclass(slots=True)
class Result:
    counts: dict[str, Counts] = field(default_factory=lambda: {k: Counts() for k in LABELS})
    sentences: int = 0
    seconds: float = 0.0


def read_sentences(path: Path) -> Iterator[Sentence]:
    tokens: list[str] = []
    tags: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 2:
            tokens.append(parts[0])
            tags.append(parts[-1])
        elif tokens:
            yield Sentence(tokens, tags)
            tokens, tags = [], []
    if tokens:
        yield Sentence(tokens, tags)


def detokenise(tokens: list[str]) -> tuple[str, list[Span]]:
    """Text of the tokens and each token's (start, end) character offsets."""
    text = ""
    offsets: list[Span] = []
    straight_open = False
    for token in tokens:
        glue = not text or token in NO_SPACE_BEFORE or text[-1] in NO_SPACE_AFTER
        if token == '"':
            glue = not text or straight_open
            straight_open = not straight_open
        elif text.endswith('"') and straight_open:
            glue = True
        text += "" if glue else " "
        offsets.append((len(text), len(text) + len(token)))
        text += token
    return text, offsets


def gold_spans(tags: list[str], label: str) -> list[Span]:
    spans: list[Span] = []
    start = -1
    for index, tag in enumerate(tags):
        prefix, _, name = tag.partition("-")
        if name != label:
            continue
        if prefix == "U":
            spans.append((index, index))
        elif prefix == "B":
            start = index
        elif prefix == "L" and start >= 0:
            spans.append((start, index))
            start = -1
    return spans


def to_tokens(offsets: list[Span], start: int, end: int) -> Span | None:
    hit = [i for i, (s, e) in enumerate(offsets) if s < end and e > start]
    return (hit[0], hit[-1]) if hit else None


def predicted_spans(text: str, offsets: list[Span]) -> dict[str, list[Span]]:
    spans: dict[str, list[Span]] = {label: [] for label in LABELS}
    for credit in find_credits(text):
        cue_label = "CUECOREF" if credit.context == "pronoun" else "CUE"
        cue = to_tokens(offsets, *credit.cue_span)
        if cue is not None and cue_label == "CUE":
            spans["CUE*"].append(cue)
        if cue is not None and credit.direct:
            spans[cue_label].append(cue)
        person = _person_span(text, credit)
        if person is not None:
            span = to_tokens(offsets, *person)
            if span is not None:
                spans["PERSON"].append(span)
    spans["SPEAKER"] = list(spans["PERSON"])
    return spans


def _person_span(text: str, credit: Credit) -> Span | None:
    if credit.context or not credit.speaker:
        return None
    name, _ = split_title(credit.speaker)
    where = text.find(name, credit.span[0], credit.span[1]) if name else -1
    return (where, where + len(name)) if where >= 0 else credit.span


def match(gold: list[Span], predicted: list[Span], partial: bool) -> int:
    used: set[int] = set()
    hits = 0
    for g in gold:
        for index, p in enumerate(predicted):
            same = p == g if not partial else p[0] <= g[1] and g[0] <= p[1]
            if index not in used and same:
                used.add(index)
                hits += 1
                break
    return hits


def evaluate(path: Path, limit: int | None) -> Result:
    result = Result()
    started = time.perf_counter()
    for number, sentence in enumerate(read_sentences(path)):
        if limit is not None and number >= limit:
            break
        text, offsets = detokenise(sentence.tokens)
        predicted = predicted_spans(text, offsets)
        for label in LABELS:
            gold = [span for name in GOLD_LABELS.get(label, (label,))
                    for span in gold_spans(sentence.tags, name)]
            counts = result.counts[label]
            counts.gold += len(gold)
            counts.predicted += len(predicted[label])
            counts.exact_tp += match(gold, predicted[label], partial=False)
            counts.partial_tp += match(gold, predicted[label], partial=True)
        result.sentences += 1
    result.seconds = time.perf_counter() - started
    return result


def report(name: str, result: Result) -> None:
    rate = result.sentences / result.seconds if result.seconds else 0.0
    print(f"\n{name}: {result.sentences} sentences, {rate:,.0f} sentences/s")
    print(f"{'label':<9} {'gold':>5} {'pred':>5}  {'exact P/R/F1':>20}  {'partial P/R/F1':>20}")
    for label in LABELS:
        counts = result.counts[label]
        exact = "/".join(f"{v:.3f}" for v in counts.f1(partial=False))
        loose = "/".join(f"{v:.3f}" for v in counts.f1(partial=True))
        print(f"{label:<9} {counts.gold:>5} {counts.predicted:>5}  {exact:>20}  {loose:>20}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--split", nargs="+", default=["test-data.txt", "dev.txt"])
    parser.add_argument("--limit", type=int, default=None, help="sentences per split")
    args = parser.parse_args()
    if not args.folder.is_dir():
        print(f"skipped: {args.folder} not found")
        return 0
    for split in args.split:
        path = args.folder / split
        if path.is_file():
            report(split, evaluate(path, args.limit))
        else:
            print(f"skipped: {path} not found")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
