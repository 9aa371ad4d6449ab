"""Dates in a story's sentences, resolved against the article's published date.

``find_dates(text, published)`` reads every time expression of a sentence and gives its
calendar value with a precision:

- day:   "Selasa (16/11/2021)", "Senin (15/11) malam", "9 Desember 2025",
         "Selasa pagi", "Rabu dini hari kemarin", "kemarin", "pekan lalu" → "2021-11-16"
- month: "Juli 2025", "Oktober lalu", "bulan lalu" → "2025-07"
- year:  "pada 2020", "tahun lalu", "sejak 2005" → "2020"

Relative expressions ("Selasa", "(16/11)", "Oktober lalu") take the most recent such date
on or before the published date. ``is_historical`` tells background dates (well before the
story) from the story's own days.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

Precision = Literal["day", "month", "year"]

MONTHS: dict[str, int] = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "pebruari": 2, "maret": 3, "mar": 3,
    "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7,
    "agustus": 8, "agu": 8, "agt": 8, "ags": 8, "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "november": 11, "nov": 11, "nopember": 11,
    "desember": 12, "des": 12,
}
WEEKDAYS: dict[str, int] = {
    "senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "jum'at": 4,
    "sabtu": 5, "minggu": 6, "ahad": 6,
}
# Background: more than this many days before publication.
HISTORICAL_DAYS = 30

_MONTH_NAMES = "|".join(sorted((m for m in MONTHS if len(m) > 3 or m == "mei"), key=len,
                                reverse=True))
_WEEKDAY_NAMES = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_YEAR = r"(?:19|20)\d{2}"

_NUMERIC = re.compile(
    rf"(?:\b(?P<wd>{_WEEKDAY_NAMES})\b\s*,?\s*)?\((?P<d>\d{{1,2}})/(?P<m>\d{{1,2}})"
    rf"(?:/(?P<y>{_YEAR}|\d{{2}}))?\)", re.IGNORECASE)
_WRITTEN = re.compile(
    rf"(?:\b(?P<wd>{_WEEKDAY_NAMES})\b\s*,?\s*(?:(?:pagi|siang|sore|malam)\s*,?\s*)?)?"
    rf"\b(?P<d>\d{{1,2}})\s+(?P<mon>{_MONTH_NAMES})\b(?:\s+(?P<y>{_YEAR})\b)?",
    re.IGNORECASE)
_MONTH_YEAR = re.compile(rf"\b(?P<mon>{_MONTH_NAMES})\s+(?P<y>{_YEAR})\b", re.IGNORECASE)
_MONTH_AGO = re.compile(rf"\b(?P<mon>{_MONTH_NAMES})\s+(?:yang\s+)?lalu\b", re.IGNORECASE)
_WEEKDAY = re.compile(
    rf"\b(?P<wd>{_WEEKDAY_NAMES})\b(?P<rest>(?:\s+(?:pagi|siang|sore|malam|dini\s+hari))?"
    rf"(?:\s+(?P<ago>kemarin|lalu|pekan\s+lalu|minggu\s+lalu))?)", re.IGNORECASE)
_RELATIVE = re.compile(
    r"\b(?P<word>kemarin\s+lusa|kemarin|hari\s+ini|pekan\s+lalu|minggu\s+lalu|"
    r"bulan\s+lalu|tahun\s+lalu|tahun\s+ini)\b", re.IGNORECASE)
_YEAR_ONLY = re.compile(
    rf"\b(?P<pre>pada|sejak|tahun|sepanjang|hingga|sampai|awal|akhir|pertengahan|medio|"
    rf"selama|di)\s+(?:tahun\s+)?(?P<y>{_YEAR})\b", re.IGNORECASE)
_LAW_NUMBER = re.compile(r"nomor\s+\d+\s+$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class TimeRef:
    """One time expression: its resolved value, precision and where it is in the text."""

    value: str
    precision: Precision
    start: int
    end: int
    text: str


def parse_published(published: str | None) -> date | None:
    """The calendar day of an ISO date or datetime, or None."""
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def weekday_on_or_before(anchor: date, weekday: int) -> date:
    """The last day with this weekday (0 = Monday) on or before ``anchor``."""
    return anchor - timedelta(days=(anchor.weekday() - weekday) % 7)


def weekday_before(anchor: date, weekday: int) -> date:
    """The last day with this weekday strictly before ``anchor``."""
    return anchor - timedelta(days=(anchor.weekday() - weekday - 1) % 7 + 1)


def _day_month_year(day: int, month: int, year: int | None, anchor: date | None) -> date | None:
    if year is None:
        if anchor is None:
            return None
        year = anchor.year
        try:
            if date(year, month, day) > anchor + timedelta(days=2):
                year -= 1
        except ValueError:
            return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _two_digit(year: str | None) -> int | None:
    if year is None:
        return None
    value = int(year)
    return value + 2000 if value < 100 else value


def _numeric_refs(text: str, anchor: date | None) -> list[TimeRef]:
    refs = []
    for m in _NUMERIC.finditer(text):
        day = _day_month_year(int(m["d"]), int(m["m"]), _two_digit(m["y"]), anchor)
        if day is not None:
            refs.append(TimeRef(day.isoformat(), "day", m.start(), m.end(), m.group()))
    return refs


def _written_refs(text: str, anchor: date | None) -> list[TimeRef]:
    refs = []
    for m in _WRITTEN.finditer(text):
        year = int(m["y"]) if m["y"] else None
        day = _day_month_year(int(m["d"]), MONTHS[m["mon"].lower()], year, anchor)
        if day is not None:
            refs.append(TimeRef(day.isoformat(), "day", m.start(), m.end(), m.group()))
    return refs


def _month_refs(text: str, anchor: date | None) -> list[TimeRef]:
    refs = [TimeRef(f"{m['y']}-{MONTHS[m['mon'].lower()]:02d}", "month", m.start(), m.end(),
                    m.group()) for m in _MONTH_YEAR.finditer(text)]
    if anchor is not None:
        for m in _MONTH_AGO.finditer(text):
            month = MONTHS[m["mon"].lower()]
            year = anchor.year if month < anchor.month else anchor.year - 1
            refs.append(TimeRef(f"{year}-{month:02d}", "month", m.start(), m.end(), m.group()))
    return refs


def _weekday_refs(text: str, anchor: date | None) -> list[TimeRef]:
    if anchor is None:
        return []
    refs = []
    for m in _WEEKDAY.finditer(text):
        weekday = WEEKDAYS[m["wd"].lower()]
        ago = (m["ago"] or "").lower()
        if ago.startswith(("pekan", "minggu")):
            day = weekday_on_or_before(anchor - timedelta(days=7), weekday)
        elif ago:
            day = weekday_before(anchor, weekday)
        else:
            day = weekday_on_or_before(anchor, weekday)
        refs.append(TimeRef(day.isoformat(), "day", m.start(), m.end(), m.group()))
    return refs


def _relative_value(word: str, anchor: date) -> tuple[str, Precision]:
    word = " ".join(word.lower().split())
    if word == "kemarin lusa":
        return (anchor - timedelta(days=2)).isoformat(), "day"
    if word == "kemarin":
        return (anchor - timedelta(days=1)).isoformat(), "day"
    if word == "hari ini":
        return anchor.isoformat(), "day"
    if word in ("pekan lalu", "minggu lalu"):
        return (anchor - timedelta(days=7)).isoformat(), "day"
    if word == "bulan lalu":
        previous = anchor.replace(day=1) - timedelta(days=1)
        return f"{previous.year}-{previous.month:02d}", "month"
    if word == "tahun lalu":
        return str(anchor.year - 1), "year"
    return str(anchor.year), "year"


def _relative_refs(text: str, anchor: date | None) -> list[TimeRef]:
    if anchor is None:
        return []
    refs = []
    for m in _RELATIVE.finditer(text):
        value, precision = _relative_value(m["word"], anchor)
        refs.append(TimeRef(value, precision, m.start(), m.end(), m.group()))
    return refs


def _year_refs(text: str) -> list[TimeRef]:
    refs = []
    for m in _YEAR_ONLY.finditer(text):
        if m["pre"].lower() == "tahun" and _LAW_NUMBER.search(text[:m.start()]):
            continue  # "Undang-Undang Nomor 35 Tahun 2009" names a law
        refs.append(TimeRef(m["y"], "year", m.start("y"), m.end(), m.group()))
    return refs


def find_dates(text: str, published: str | None) -> list[TimeRef]:
    """Every time expression of ``text``, most precise first where two overlap, in order."""
    anchor = parse_published(published)
    candidates = (_numeric_refs(text, anchor) + _written_refs(text, anchor)
                  + _month_refs(text, anchor) + _weekday_refs(text, anchor)
                  + _relative_refs(text, anchor) + _year_refs(text))
    candidates.sort(key=lambda ref: (ref.start, -(ref.end - ref.start)))
    kept: list[TimeRef] = []
    for ref in candidates:
        if any(ref.start < other.end and other.start < ref.end for other in kept):
            continue
        kept.append(ref)
    return kept


def resolve(text: str, published: str | None) -> str | None:
    """The value of the first time expression of ``text``, or None."""
    refs = find_dates(text, published)
    return refs[0].value if refs else None


def is_historical(value: str | None, published: str | None) -> bool:
    """True when the date ``value`` lies well before the published date (background):
    an earlier year or month, or a day more than ``HISTORICAL_DAYS`` before."""
    anchor = parse_published(published)
    if value is None or anchor is None:
        return False
    parts = value.split("-")
    try:
        if len(parts) == 1:
            return int(parts[0]) < anchor.year
        if len(parts) == 2:
            return (int(parts[0]), int(parts[1])) < (anchor.year, anchor.month)
        return (anchor - date.fromisoformat(value[:10])).days > HISTORICAL_DAYS
    except ValueError:
        return False
