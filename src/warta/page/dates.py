"""Published dates: page date lines and story datelines, read with dateparser (Indonesian).

The common shapes ("Selasa, 16 Nov 2021 14:05 WIB", "16/11/2021, 14:05 WIB", ISO) are read
with precompiled regular expressions; dateparser is the (cached) fallback for the rest.
Month and weekday names come from ``data/datelines.yaml``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import yaml


@dataclass(frozen=True, slots=True)
class _Words:
    months: dict[str, int]
    month_re: str
    weekday_re: str
    modified: re.Pattern[str]
    labels_re: str


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@cache
def _words() -> _Words:
    text = resources.files("warta.page").joinpath("data/datelines.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    months = {str(name): int(num) for num, names in data["months"].items() for name in names}
    weekdays = [str(w) for w in data["weekdays"]]
    modified = [str(w) for w in data["modified_markers"]]
    labels = [str(w) for w in data["published_labels"]]
    return _Words(
        months=months,
        month_re=_alternation(list(months)),
        weekday_re=_alternation(weekdays),
        modified=re.compile(rf"^\W*(?:{_alternation(modified)})\b", re.IGNORECASE),
        labels_re=_alternation(labels),
    )


@dataclass(frozen=True, slots=True)
class _Patterns:
    line: tuple[re.Pattern[str], ...]
    prefix: re.Pattern[str]
    in_text: tuple[re.Pattern[str], ...]
    weekday_paren: re.Pattern[str]


_TIME = r"(?:\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\s*(?:am|pm))?)"
_TZ = r"(?:WIB|WITA|WIT|GMT|UTC|[A-Z]{2,4})?(?:\s*[+-]\d{1,2}(?::?\d{2})?)?"
_SEP = r"(?:\s*[,|·•/]\s*|\s+[-–—]\s+|\s+|\s*-\s*)"


@cache
def _patterns() -> _Patterns:
    w = _words()
    wd = rf"(?:(?:{w.weekday_re})\.?\s*,?\s*)?"
    tail = rf"(?:{_SEP}(?:pukul\s+)?{_TIME}\s*{_TZ})?\s*\.?"
    named = rf"(?P<d>\d{{1,2}})\s+(?P<m>{w.month_re})\.?,?\s+(?P<y>\d{{4}})"
    english = rf"(?P<m>{w.month_re})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})"
    numeric = r"(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})"
    iso = (r"(?P<y>\d{4})[/.-](?P<m>\d{1,2})[/.-](?P<d>\d{1,2})"
           r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?")
    line = tuple(
        re.compile(rf"^{wd}{body}{tail}$", re.IGNORECASE)
        for body in (named, english, numeric, iso)
    )
    prefix = re.compile(
        rf"^(?:(?:{w.labels_re})\b\s*:?\s*(?:pada|on|at)?\s*:?\s*|[^\d\n]{{1,30}}?\s+[-–—|·•]\s+)",
        re.IGNORECASE)
    in_text = (
        re.compile(rf"\b(?:(?:{w.weekday_re})\s*,?\s*)?\((?P<d>\d{{1,2}})/(?P<m>\d{{1,2}})"
                   r"(?:/(?P<y>\d{2}|\d{4}))?\)", re.IGNORECASE),
        re.compile(rf"\b(?:(?:{w.weekday_re})\s*,\s*)?(?P<d>\d{{1,2}})\s+(?P<m>{w.month_re})\b\.?"
                   r"(?:\s+(?P<y>\d{4}))?", re.IGNORECASE),
        re.compile(r"\b(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})\b"),
    )
    weekday_paren = re.compile(rf"(?:{w.weekday_re})", re.IGNORECASE)
    return _Patterns(line=line, prefix=prefix, in_text=in_text, weekday_paren=weekday_paren)


def _month(value: str) -> int | None:
    return int(value) if value.isdigit() else month_number(value)


def month_number(name: str) -> int | None:
    """1-12 for a month name or abbreviation (Indonesian or English, any case), else None."""
    return _words().months.get(name.casefold().rstrip("."))


def _iso(year: int, month: int | None, day: int) -> str | None:
    if month is None or not 1800 <= year <= 2200:
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _from_match(match: re.Match[str]) -> str | None:
    return _iso(int(match.group("y")), _month(match.group("m")), int(match.group("d")))


def is_modified_date_line(line: str) -> bool:
    """True for a "last modified" line ("Diperbarui 15/01/2026, 08:12 WIB", "Updated: ...")."""
    return bool(_words().modified.match(line.strip()))


_YEAR = re.compile(r"\b(?:1[89]|2[01])\d{2}\b")
_SEGMENTS = re.compile(r"\s+[·•]\s+|\s+\|\s+(?=\D)")
_LETTERS = re.compile(r"[^\W\d_]+")
_RELATIVE = re.compile(r"\b(?:lalu|ago|yang lalu|kemarin|hari ini|besok)\b", re.IGNORECASE)


def _match_line(text: str) -> str | None:
    for pattern in _patterns().line:
        match = pattern.match(text)
        if match is not None:
            return _from_match(match)
    return None


def _parse_whole(text: str) -> str | None:
    text = " ".join(text.split()).strip(" .")
    if not text or len(text) > 80 or not _YEAR.search(text):
        return None
    found = _match_line(text)
    if found is not None:
        return found
    stripped = _patterns().prefix.sub("", text, count=1)
    if stripped != text:
        found = _match_line(stripped.strip(" .:"))
        if found is not None:
            return found
    return _dateparser_line(text)


def _known_word(word: str) -> bool:
    key = word.casefold()
    w = _words()
    return key in w.months or bool(re.fullmatch(w.weekday_re, key, re.IGNORECASE)) or key in {
        "wib", "wita", "wit", "gmt", "utc", "pukul", "jam", "at", "pm", "am", "t", "z", "of"}


@lru_cache(maxsize=2048)
def _dateparser_line(text: str) -> str | None:
    """Dateparser on a short line made only of date words, numbers and time zones."""
    if _RELATIVE.search(text):
        return None
    words = _LETTERS.findall(text)
    if not words or not all(_known_word(word) for word in words):
        return _dateparser_value(text) if not words else None
    return _dateparser_value(text)


@lru_cache(maxsize=2048)
def _dateparser_value(text: str) -> str | None:
    if not _YEAR.search(text):
        return None
    try:
        import dateparser

        parsed = dateparser.parse(
            text, languages=["id", "en"],
            settings={"REQUIRE_PARTS": ["day", "month", "year"], "DATE_ORDER": "DMY",
                      "PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False})
    except Exception:  # dateparser raises on odd input; a date line never should
        return None
    if parsed is None or not 1800 <= parsed.year <= 2200:
        return None
    return parsed.date().isoformat()


def parse_date_line(line: str) -> str | None:
    """An ISO date when the whole line is a date line ("Selasa, 16 Nov 2021 14:05 WIB")."""
    text = line.strip()
    if not text or len(text) > 160 or is_modified_date_line(text):
        return None
    found = _parse_whole(text)
    if found is not None:
        return found
    # "Galih Pratama, Jurnalis · Minggu, 18 Januari 2026 | 06:30 WIB": a short byline segment
    segments = _SEGMENTS.split(text)
    if len(segments) > 1:
        for index, segment in enumerate(segments):
            if is_modified_date_line(segment):
                return None
            rest = " ".join(segments[index:])
            found = _parse_whole(rest) or _parse_whole(segment)
            if found is not None:
                others = segments[:index]
                if all(len(o) <= 60 and not o.rstrip().endswith(".") for o in others):
                    return found
                return None
    return None


def _resolve_year(day: int, month: int, reference: str | None) -> str | None:
    ref = parse_any_date(reference) if reference else None
    if ref is None:
        return None
    ref_date = dt.date.fromisoformat(ref)
    best: tuple[int, str] | None = None
    for year in (ref_date.year - 1, ref_date.year, ref_date.year + 1):
        iso = _iso(year, month, day)
        if iso is None:
            continue
        distance = abs((dt.date.fromisoformat(iso) - ref_date).days)
        if best is None or distance < best[0]:
            best = (distance, iso)
    return best[1] if best else None


def find_dateline_date(paragraph: str, *, reference: str | None = None) -> str | None:
    """The date a story's first paragraph gives ("Selasa (16/11/2021)"), as ISO, or None.

    A date without a year ("Senin (19/1)") takes the year that puts it closest to
    ``reference`` (an ISO date such as the page date); without a reference it gives None.
    """
    found: list[tuple[int, str]] = []
    for pattern in _patterns().in_text:
        for match in pattern.finditer(paragraph):
            month = _month(match.group("m"))
            if month is None:
                continue
            day = int(match.group("d"))
            year_text = match.group("y")
            if year_text is None:
                value = _resolve_year(day, month, reference)
            else:
                year = int(year_text)
                value = _iso(year + 2000 if year < 100 else year, month, day)
            if value is not None:
                found.append((match.start(), value))
                break
    return min(found)[1] if found else None


_ANY_ISO = re.compile(r"^\s*(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?:$|[T\s])")
_ANY_DMY = re.compile(r"^\s*(?P<d>\d{1,2})[-/.](?P<m>\d{1,2})[-/.](?P<y>\d{4})(?:$|[T\s,])")
_COMPACT = re.compile(r"^\s*(?P<y>(?:19|20)\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)(?:$|T)")


def parse_any_date(text: str | None) -> str | None:
    """An ISO date from a meta value ("2021-11-16T14:05:00+07:00", "16-11-2021 14:05", ...)."""
    if not text:
        return None
    value = text.strip()
    if not value or len(value) > 200:
        return None
    for pattern in (_ANY_ISO, _ANY_DMY, _COMPACT):
        match = pattern.match(value)
        if match is not None:
            return _from_match(match)
    found = parse_date_line(value)
    if found is not None:
        return found
    if len(value) <= 80:
        return _dateparser_value(" ".join(value.split()))
    return None
