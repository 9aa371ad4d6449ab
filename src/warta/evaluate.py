"""Score predictions against gold annotations of the evaluation kit's gold schema.

A prediction and a gold case are JSON documents with the keys of ``Extraction.to_dict()``
(the gold schema, ``shared/gold/SCHEMA.md`` of the evaluation kit). Unknown keys are
ignored; a missing key or a value of the wrong type scores as empty, except that a number
where text is expected is read as its text and a lone string where a list is expected is a
list of one (as the kit's ``tools/score.py`` reads them).

    >>> from warta.evaluate import score_predictions
    >>> report = score_predictions({"a": gold}, {"a": predicted})   # doctest: +SKIP
    >>> report.to_dict()["entities"]["f1"]                           # doctest: +SKIP

Rules (the kit's "Scoring" section):

- *normalized* text is NFKC, case folded, whitespace collapsed, with surrounding punctuation
  and quotes stripped; "equal" means equal after normalization, and null equals "".
- *names match* (sources, speakers): equal, one contained in the other, or a Jaccard overlap
  >= 2/3 of their words of at least 4 characters. Empty names never match.
- body: precision/recall/F1 of lower-cased ``\\w+`` tokens (multiset overlap) per case,
  averaged over cases; ``chrome_leak`` counts gold chrome headlines of >= 4 words found in
  the predicted body, summed over cases.
- metadata: title equal, outlet the same brand, published equal on the day (a shorter gold
  date is a prefix), wire sources and authors equal as sets; overall the fraction of cases.
- chrome: per list, recall of the (deduplicated) gold headlines among the predicted ones,
  pooled over cases.
- entities, events, quantities, attributions: greedy one-to-one matching in gold order,
  counts pooled over cases (micro); accuracies over matched pairs where gold gives a value.
- a precision or recall with nothing to divide by is 1.0 when gold and prediction are both
  empty, else 0.0; an accuracy with nothing to count is ``None``.
"""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from statistics import fmean
from typing import Any, TypeVar

log = logging.getLogger(__name__)

Json = dict[str, Any]
G = TypeVar("G")
P = TypeVar("P")

CHROME_LISTS = ("inline", "related", "popular", "picks", "latest")
METADATA = ("title", "published", "outlet", "wire_sources", "authors")
FACT_KINDS = ("entities", "events", "quantities", "attributions")
LEAK_MIN_WORDS = 4
NAME_WORD_MIN = 4
NAME_JACCARD = 2 / 3

_WORD = re.compile(r"\w+")
_DOMAIN = re.compile(r"\.(?:co\.id|com|id)(?![^\W_])")


# --------------------------------------------------------------------------- text


def text_of(value: object) -> str:
    """A JSON scalar read as text: a string, or a number written out; anything else is ""."""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""


def normalize(text: object) -> str:
    """NFKC, case folded, whitespace collapsed, outer punctuation stripped (see ``text_of``)."""
    folded = " ".join(unicodedata.normalize("NFKC", text_of(text)).casefold().split())
    start, end = 0, len(folded)
    while start < end and _is_outer(folded[start]):
        start += 1
    while end > start and _is_outer(folded[end - 1]):
        end -= 1
    return folded[start:end]


def _is_outer(char: str) -> bool:
    return char.isspace() or unicodedata.category(char).startswith("P")


def names_match(gold: object, predicted: object) -> bool:
    """Equal, one inside the other, or Jaccard >= 2/3 of words of >= 4 characters."""
    left, right = normalize(gold), normalize(predicted)
    if not left or not right:
        return False
    if left in right or right in left:
        return True
    left_words, right_words = _long_words(left), _long_words(right)
    union = left_words | right_words
    return bool(union) and len(left_words & right_words) / len(union) >= NAME_JACCARD


def _long_words(text: str) -> set[str]:
    return {word for word in _WORD.findall(text) if len(word) >= NAME_WORD_MIN}


def brand_key(outlet: object) -> str:
    """The outlet's brand: case, "www.", ".com"/".co.id"/".id" and punctuation ignored."""
    text = unicodedata.normalize("NFKC", text_of(outlet)).casefold().replace("www.", "")
    return "".join(char for char in _DOMAIN.sub("", text) if char.isalnum())


def same_brand(gold: object, predicted: object) -> bool:
    """Both missing, or one brand key inside the other ("detikcom" = "detik.com")."""
    left, right = brand_key(gold), brand_key(predicted)
    if not left or not right:
        return left == right
    return left in right or right in left


def dates_match(gold: object, predicted: object) -> bool:
    """Same day (first 10 characters); a shorter gold date is a prefix; missing = missing."""
    left, right = text_of(gold).strip()[:10], text_of(predicted).strip()[:10]
    if not left or not right:
        return left == right
    return right.startswith(left)


def _strings(value: object) -> list[str]:
    """The texts of a JSON list (a lone string is a list of one); anything else is empty."""
    items = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    return [text for text in map(text_of, items) if text]


def _name_set(value: object) -> frozenset[str]:
    return frozenset(name for name in map(normalize, _strings(value)) if name)


def _section(doc: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = doc.get(key)
    return value if isinstance(value, dict) else {}


def _records(doc: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    value = doc.get(key)
    if not isinstance(value, list):
        return []
    return [item for item in value if isinstance(item, dict)]


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


# --------------------------------------------------------------------------- counts


def _ratio(matched: int, total: int, both_empty: bool) -> float:
    if total:
        return matched / total
    return 1.0 if both_empty else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass(frozen=True, slots=True)
class Counts:
    """Gold, predicted and matched items (or body tokens) of one case or pooled."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.gold + other.gold, self.predicted + other.predicted,
                      self.matched + other.matched)

    @property
    def precision(self) -> float:
        return _ratio(self.matched, self.predicted, self.gold == 0)

    @property
    def recall(self) -> float:
        return _ratio(self.matched, self.gold, self.predicted == 0)

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)

    def to_dict(self) -> Json:
        return {"gold": self.gold, "predicted": self.predicted, "matched": self.matched,
                "precision": self.precision, "recall": self.recall, "f1": self.f1}


@dataclass(frozen=True, slots=True)
class Tally:
    """Hits out of a total; the rate is ``None`` when there is nothing to count."""

    hits: int = 0
    total: int = 0

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.hits + other.hits, self.total + other.total)

    @property
    def rate(self) -> float | None:
        return self.hits / self.total if self.total else None

    def to_dict(self) -> Json:
        return {"hits": self.hits, "total": self.total, "rate": self.rate}


def _tally(outcomes: Iterable[bool]) -> Tally:
    flags = list(outcomes)
    return Tally(sum(flags), len(flags))


def _sum_tallies(tallies: Iterable[Mapping[str, Tally]], keys: Sequence[str]) -> dict[str, Tally]:
    total = {key: Tally() for key in keys}
    for item in tallies:
        for key in keys:
            total[key] += item[key]
    return total


@dataclass(frozen=True, slots=True)
class MatchScores:
    """Matching counts of one kind of fact, with accuracies over matched pairs."""

    counts: Counts = field(default_factory=Counts)
    accuracy: Mapping[str, Tally] = field(default_factory=dict)

    def __add__(self, other: MatchScores) -> MatchScores:
        return MatchScores(self.counts + other.counts,
                           _sum_tallies([self.accuracy, other.accuracy], list(self.accuracy)))

    def to_dict(self) -> Json:
        return self.counts.to_dict() | {key: tally.to_dict()
                                        for key, tally in self.accuracy.items()}


# --------------------------------------------------------------------------- matching


def greedy_match(gold: Sequence[G], predicted: Sequence[P],
                 compatible: Callable[[G, P], bool],
                 rank: Callable[[G, P], int] | None = None) -> list[tuple[G, P]]:
    """One-to-one: each gold item in order takes the best unused compatible prediction.

    Best is the highest ``rank``; ties (and no ``rank``) go to the first prediction.
    """
    unused = list(range(len(predicted)))
    pairs: list[tuple[G, P]] = []
    for item in gold:
        candidates = [index for index in unused if compatible(item, predicted[index])]
        if not candidates:
            continue
        chosen = candidates[0] if rank is None else max(
            candidates, key=lambda index: rank(item, predicted[index]))
        unused.remove(chosen)
        pairs.append((item, predicted[chosen]))
    return pairs


def _accuracy(pairs: Sequence[tuple[G, G]], gold_value: Callable[[G], str],
              agree: Callable[[str, str], bool]) -> Tally:
    """Agreement over matched pairs whose gold gives a value (any text but "")."""
    return _tally(agree(gold_value(g), gold_value(p)) for g, p in pairs if gold_value(g))


def _equal(left: str, right: str) -> bool:
    return normalize(left) == normalize(right)


# --------------------------------------------------------------------------- facts


@dataclass(frozen=True, slots=True)
class _Entity:
    type: str
    forms: frozenset[str]
    country: str


@dataclass(frozen=True, slots=True)
class _Event:
    type: str
    actors: frozenset[str]
    recipients: frozenset[str]
    mode: str
    source: str


@dataclass(frozen=True, slots=True)
class _Quantity:
    kind: str
    value: float | None
    qualifier: str
    source: str


@dataclass(frozen=True, slots=True)
class _Attribution:
    paragraph: float | None
    speaker: str


def _entity(record: Mapping[str, Any]) -> _Entity:
    forms = _name_set([*_strings(record.get("mentions")), record.get("name")])
    return _Entity(normalize(record.get("type")), forms, text_of(record.get("country")))


def _event(record: Mapping[str, Any]) -> _Event:
    return _Event(normalize(record.get("type")), _name_set(record.get("actors")),
                  _name_set(record.get("recipients")), text_of(record.get("mode")),
                  text_of(record.get("source")))


def _quantity(record: Mapping[str, Any]) -> _Quantity:
    return _Quantity(normalize(record.get("kind")), _number(record.get("value")),
                     text_of(record.get("qualifier")), text_of(record.get("source")))


def _attribution(record: Mapping[str, Any]) -> _Attribution:
    return _Attribution(_number(record.get("paragraph")), text_of(record.get("speaker")))


def _entities_compatible(gold: _Entity, predicted: _Entity) -> bool:
    return gold.type == predicted.type and bool(gold.forms & predicted.forms)


def _events_compatible(gold: _Event, predicted: _Event) -> bool:
    if gold.type != predicted.type:
        return False
    if gold.actors:
        return bool(gold.actors & predicted.actors)
    if gold.recipients:
        return bool(gold.recipients & predicted.recipients)
    return True


def _event_overlap(gold: _Event, predicted: _Event) -> int:
    return len(gold.actors & predicted.actors) + len(gold.recipients & predicted.recipients)


def _quantities_compatible(gold: _Quantity, predicted: _Quantity) -> bool:
    return (gold.kind == predicted.kind and gold.value is not None
            and gold.value == predicted.value)


def _attributions_compatible(gold: _Attribution, predicted: _Attribution) -> bool:
    return (gold.paragraph is not None and gold.paragraph == predicted.paragraph
            and names_match(gold.speaker, predicted.speaker))


def score_entities(gold: Json, predicted: Json) -> MatchScores:
    golds = [_entity(r) for r in _records(gold, "entities")]
    preds = [_entity(r) for r in _records(predicted, "entities")]
    pairs = greedy_match(golds, preds, _entities_compatible)
    country = _accuracy(pairs, lambda e: e.country, _equal)
    return MatchScores(Counts(len(golds), len(preds), len(pairs)), {"country": country})


def score_events(gold: Json, predicted: Json) -> MatchScores:
    golds = [_event(r) for r in _records(gold, "events")]
    preds = [_event(r) for r in _records(predicted, "events")]
    pairs = greedy_match(golds, preds, _events_compatible, _event_overlap)
    mode = _accuracy(pairs, lambda e: e.mode, _equal)
    source = _accuracy(pairs, lambda e: e.source, names_match)
    return MatchScores(Counts(len(golds), len(preds), len(pairs)),
                       {"mode": mode, "source": source})


def score_quantities(gold: Json, predicted: Json) -> MatchScores:
    golds = [_quantity(r) for r in _records(gold, "quantities")]
    preds = [_quantity(r) for r in _records(predicted, "quantities")]
    pairs = greedy_match(golds, preds, _quantities_compatible)
    qualifier = _accuracy(pairs, lambda q: q.qualifier, _equal)
    source = _accuracy(pairs, lambda q: q.source, names_match)
    return MatchScores(Counts(len(golds), len(preds), len(pairs)),
                       {"qualifier": qualifier, "source": source})


def score_attributions(gold: Json, predicted: Json) -> MatchScores:
    golds = [_attribution(r) for r in _records(gold, "attributions")]
    preds = [_attribution(r) for r in _records(predicted, "attributions")]
    pairs = greedy_match(golds, preds, _attributions_compatible)
    return MatchScores(Counts(len(golds), len(preds), len(pairs)))


_FACT_SCORERS: dict[str, Callable[[Json, Json], MatchScores]] = {
    "entities": score_entities, "events": score_events,
    "quantities": score_quantities, "attributions": score_attributions,
}


# --------------------------------------------------------------------------- article


def body_text(doc: Mapping[str, Any]) -> str:
    """The article's paragraphs joined with newlines ("" when missing)."""
    return "\n".join(_strings(_section(doc, "article").get("body")))


def _tokens(text: str) -> Counter[str]:
    return Counter(_WORD.findall(text.lower()))


def score_body(gold: Json, predicted: Json) -> Counts:
    """Token counts of the body (multiset overlap)."""
    gold_tokens, pred_tokens = _tokens(body_text(gold)), _tokens(body_text(predicted))
    matched = sum((gold_tokens & pred_tokens).values())
    return Counts(gold_tokens.total(), pred_tokens.total(), matched)


def leaked_headlines(gold: Json, predicted: Json) -> list[str]:
    """Gold chrome headlines of >= 4 words whose text occurs inside the predicted body."""
    body = normalize(body_text(predicted))
    chrome = _section(gold, "chrome")
    headlines = dict.fromkeys(normalize(h) for name in CHROME_LISTS
                              for h in _strings(chrome.get(name)))
    return [h for h in headlines if len(h.split()) >= LEAK_MIN_WORDS and h in body]


def score_metadata(gold: Json, predicted: Json) -> dict[str, bool]:
    """Whether each metadata field is right."""
    left, right = _section(gold, "article"), _section(predicted, "article")
    return {
        "title": normalize(left.get("title")) == normalize(right.get("title")),
        "published": dates_match(left.get("published"), right.get("published")),
        "outlet": same_brand(left.get("outlet"), right.get("outlet")),
        "wire_sources": _name_set(left.get("wire_sources")) == _name_set(
            right.get("wire_sources")),
        "authors": _name_set(left.get("authors")) == _name_set(right.get("authors")),
    }


def score_chrome(gold: Json, predicted: Json) -> dict[str, Tally]:
    """Per list, how many gold headlines the same predicted list holds."""
    left, right = _section(gold, "chrome"), _section(predicted, "chrome")
    return {name: _chrome_list(_strings(left.get(name)), _name_set(right.get(name)))
            for name in CHROME_LISTS}


def _chrome_list(gold: list[str], predicted: frozenset[str]) -> Tally:
    headlines = dict.fromkeys(h for h in map(normalize, gold) if h)  # deduplicated, in order
    return _tally(h in predicted for h in headlines)


# --------------------------------------------------------------------------- cases


@dataclass(frozen=True, slots=True)
class CaseScores:
    """Every number of one case."""

    body: Counts
    leaked: tuple[str, ...]
    metadata: Mapping[str, bool]
    chrome: Mapping[str, Tally]
    facts: Mapping[str, MatchScores]

    @property
    def chrome_leak(self) -> int:
        return len(self.leaked)

    def to_dict(self) -> Json:
        return {
            "body": self.body.to_dict(), "chrome_leak": self.chrome_leak,
            "leaked_headlines": list(self.leaked), "metadata": dict(self.metadata),
            "chrome_recall": {name: t.to_dict() for name, t in self.chrome.items()},
            **{kind: self.facts[kind].to_dict() for kind in FACT_KINDS},
        }


def score_case(gold: dict[str, Any], predicted: dict[str, Any]) -> CaseScores:
    """Score one prediction against its gold case (non-dict predictions score as empty)."""
    pred = predicted if isinstance(predicted, dict) else {}
    return CaseScores(
        body=score_body(gold, pred), leaked=tuple(leaked_headlines(gold, pred)),
        metadata=score_metadata(gold, pred), chrome=score_chrome(gold, pred),
        facts={kind: scorer(gold, pred) for kind, scorer in _FACT_SCORERS.items()},
    )


# --------------------------------------------------------------------------- report


@dataclass(frozen=True, slots=True)
class Report:
    """Scores of many cases, with the overall figures of the kit's scorer."""

    cases: Mapping[str, CaseScores]
    skipped: tuple[str, ...] = ()

    def body(self) -> Json:
        """Macro average of per-case body precision, recall and F1 (``None`` with no cases)."""
        scores = [case.body for case in self.cases.values()]
        if not scores:
            return {"precision": None, "recall": None, "f1": None}
        return {"precision": fmean(s.precision for s in scores),
                "recall": fmean(s.recall for s in scores), "f1": fmean(s.f1 for s in scores)}

    def metadata(self) -> dict[str, Tally]:
        """Per field, the cases where it is right."""
        return {key: _tally(case.metadata[key] for case in self.cases.values())
                for key in METADATA}

    def chrome(self) -> dict[str, Tally]:
        """Per chrome list, gold headlines found, pooled over cases."""
        return _sum_tallies((case.chrome for case in self.cases.values()), CHROME_LISTS)

    def facts(self, kind: str) -> MatchScores:
        """Pooled (micro) matching counts of one kind of fact."""
        scores = [case.facts[kind] for case in self.cases.values()]
        if not scores:
            return _FACT_SCORERS[kind]({}, {})
        total = scores[0]
        for score in scores[1:]:
            total += score
        return total

    def to_dict(self) -> Json:
        """The overall metrics."""
        return {
            "cases": len(self.cases), "body": self.body(),
            "chrome_leak": sum(case.chrome_leak for case in self.cases.values()),
            "metadata": {key: t.to_dict() for key, t in self.metadata().items()},
            "chrome_recall": {key: t.to_dict() for key, t in self.chrome().items()},
            **{kind: self.facts(kind).to_dict() for kind in FACT_KINDS},
        }


def score_predictions(golds: dict[str, dict[str, Any]],
                      preds: dict[str, dict[str, Any]]) -> Report:
    """Score every gold case; a case with no prediction scores as empty."""
    return Report({name: score_case(gold, preds.get(name) or {})
                   for name, gold in sorted(golds.items())})


def _read_json(path: Path) -> Json | None:
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        log.warning("cannot read %s: %s", path, exc)
        return None
    if not isinstance(value, dict):
        log.warning("%s is not a JSON object", path)
        return None
    return value


def read_golds(gold_dir: str | Path) -> tuple[dict[str, Json], tuple[str, ...]]:
    """The gold cases of a folder (``NAME.json``) and the names of unreadable ones."""
    golds: dict[str, Json] = {}
    skipped: list[str] = []
    for path in sorted(Path(gold_dir).glob("*.json")):
        gold = _read_json(path)
        if gold is None:
            skipped.append(path.stem)
        else:
            golds[path.stem] = gold
    return golds, tuple(skipped)


def score_folder(gold_dir: str | Path, pred_dir: str | Path) -> Report:
    """Score ``PRED_DIR/NAME.json`` against every ``GOLD_DIR/NAME.json``.

    A missing or malformed prediction scores as empty; an unreadable gold file is skipped
    with a warning and listed in ``Report.skipped``.
    """
    golds, skipped = read_golds(gold_dir)
    preds: dict[str, Json] = {}
    for name in golds:
        path = Path(pred_dir) / f"{name}.json"
        pred = _read_json(path) if path.exists() else None
        preds[name] = pred or {}
    report = score_predictions(golds, preds)
    return Report(report.cases, skipped)


# --------------------------------------------------------------------------- pages


PAGE_SUFFIXES = (".html", ".txt")


@dataclass(frozen=True, slots=True)
class PageCase:
    """One evaluation case: an original page and the gold read out of it."""

    name: str
    page: Path
    gold: Json


def page_cases(folder: str | Path) -> tuple[dict[str, PageCase], tuple[str, ...]]:
    """The cases of a folder (``NAME.json`` next to ``NAME.html`` or ``NAME.txt``).

    A gold file with no page is ignored; one that cannot be read is listed as skipped.
    """
    golds, unreadable = read_golds(folder)
    cases: dict[str, PageCase] = {}
    for name, gold in golds.items():
        page = _page_of(Path(folder), name)
        if page is not None:
            cases[name] = PageCase(name, page, gold)
    skipped = tuple(name for name in unreadable if _page_of(Path(folder), name))
    return cases, skipped


def _page_of(folder: Path, name: str) -> Path | None:
    pages = (folder / f"{name}{suffix}" for suffix in PAGE_SUFFIXES)
    return next((page for page in pages if page.is_file()), None)


def predict(page: str | Path) -> Json:
    """warta's prediction for one page: ``extract(page, with_facts=True).to_dict()``."""
    from warta.extraction import extract  # imported late: the scorer alone needs no models

    return extract(page, with_facts=True).to_dict()


def evaluate_cases(cases: Mapping[str, PageCase],
                   preds: Mapping[str, Json] | None = None) -> Report:
    """Score warta on the cases (predicting each page unless ``preds`` are given)."""
    predictions = dict(preds) if preds is not None else {
        name: predict(case.page) for name, case in cases.items()}
    return score_predictions({name: case.gold for name, case in cases.items()}, predictions)


def overall_metrics(report: Report) -> dict[str, float | None]:
    """The overall figures as flat ``section.metric`` names (no counts of items)."""
    overall = report.to_dict()
    metrics: dict[str, float | None] = {"chrome_leak": overall["chrome_leak"]}
    for key, value in overall["body"].items():
        metrics[f"body.{key}"] = value
    for section in ("metadata", "chrome_recall"):
        for key, tally in overall[section].items():
            metrics[f"{section}.{key}"] = tally["rate"]
    for kind in FACT_KINDS:
        for key, value in overall[kind].items():
            if isinstance(value, dict):
                metrics[f"{kind}.{key}"] = value["rate"]
            elif key in ("precision", "recall", "f1"):
                metrics[f"{kind}.{key}"] = value
    return metrics
