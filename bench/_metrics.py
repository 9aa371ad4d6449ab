"""Scoring helpers shared by the benchmarks: token P/R/F1, title and date comparison."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from statistics import fmean

_WORD = re.compile(r"\w+")
WIB = timezone(timedelta(hours=7), "WIB")


@dataclass(frozen=True, slots=True)
class PRF:
    """Precision, recall and F1 of one page."""

    precision: float
    recall: float
    f1: float


def tokens(text: str) -> Counter[str]:
    """Lower-cased ``\\w+`` tokens as a multiset."""
    return Counter(_WORD.findall(text.lower()))


def token_prf(gold: str, predicted: str) -> PRF:
    """Single-token P/R/F1 with multiset overlap; both empty scores 1.0, one empty 0.0."""
    gold_tokens, pred_tokens = tokens(gold), tokens(predicted)
    matched = sum((gold_tokens & pred_tokens).values())
    precision = _ratio(matched, pred_tokens.total(), gold_tokens.total() == 0)
    recall = _ratio(matched, gold_tokens.total(), pred_tokens.total() == 0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PRF(precision, recall, f1)


def _ratio(matched: int, total: int, other_empty: bool) -> float:
    if total:
        return matched / total
    return 1.0 if other_empty else 0.0


def mean_prf(scores: list[PRF]) -> PRF:
    """Macro average over pages."""
    if not scores:
        return PRF(0.0, 0.0, 0.0)
    return PRF(fmean(s.precision for s in scores), fmean(s.recall for s in scores),
               fmean(s.f1 for s in scores))


def normalize_title(title: str | None) -> str:
    """Whitespace collapsed and case folded; ``None`` is the empty string."""
    return " ".join((title or "").split()).casefold()


def titles_equal(gold: str | None, predicted: str | None) -> bool:
    return normalize_title(gold) == normalize_title(predicted)


def wib_day_of_epoch_ms(epoch_ms: str | int) -> date:
    """The calendar day in Western Indonesian Time (UTC+7) of an epoch in milliseconds."""
    return datetime.fromtimestamp(int(epoch_ms) / 1000, tz=UTC).astimezone(WIB).date()


def wib_day_of_prediction(value: str | None) -> date | None:
    """The WIB day of a predicted ISO date or datetime; a naive value is taken as written."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(WIB)
    return parsed.date()


def rate(hits: list[bool]) -> float | None:
    """Share of true values, ``None`` when there is nothing to count."""
    return sum(hits) / len(hits) if hits else None
