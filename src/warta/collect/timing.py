"""Time parsing for the collector: ``--every 10m``, ``Retry-After`` and back-off delays."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_INTERVAL = re.compile(r"(\d+(?:\.\d+)?)\s*([smhd])", re.ASCII)
_NUMBER = re.compile(r"\d+(?:\.\d+)?", re.ASCII)
_SECONDS = re.compile(r"[0-9]+")
# Longer waits are read as this long: a server asking for more is asked again a month on,
# and an interval longer than a year is surely a typo.
MAX_RETRY_AFTER = 30 * 86400.0
MAX_INTERVAL = 366 * 86400.0


def parse_interval(text: str) -> float:
    """Seconds in ``"90"``, ``"30s"``, ``"10m"``, ``"1h30m"`` or ``"1d"``; ValueError otherwise."""
    cleaned = text.strip().lower()
    if _NUMBER.fullmatch(cleaned):
        seconds = float(cleaned)
    else:
        compact = cleaned.replace(" ", "")
        parts = _INTERVAL.findall(compact)
        if not parts or "".join(n + u for n, u in parts) != compact:
            raise ValueError(f"{text!r} is not an interval (try 30s, 10m, 1h30m or 1d)")
        seconds = sum(float(number) * _UNITS[unit] for number, unit in parts)
    if seconds <= 0:
        raise ValueError(f"{text!r} is not an interval: it must be longer than zero")
    if seconds > MAX_INTERVAL:
        raise ValueError(f"{text!r} is not an interval warta takes: at most 366 days")
    return seconds


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delay-seconds or an HTTP date), or None
    when it is missing or unreadable; a date in the past means zero."""
    if value is None:
        return None
    value = value.strip()
    if _SECONDS.fullmatch(value):
        return min(float(value), MAX_RETRY_AFTER)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    wait = (when - (now or datetime.now(UTC))).total_seconds()
    return min(max(0.0, wait), MAX_RETRY_AFTER)


def backoff(attempt: int, *, base: float, cap: float) -> float:
    """The wait before try ``attempt + 1``: base × 2^(attempt-1), at most ``cap``."""
    return float(min(cap, base * 2.0 ** max(0, min(attempt - 1, 30))))


def utc_now() -> str:
    """Now as ``YYYY-MM-DDTHH:MM:SSZ`` (how the collect tables keep times)."""
    return iso(datetime.now(UTC))


def iso(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
