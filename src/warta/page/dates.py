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
    zones: dict[str, str]


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
        zones={str(k).casefold(): str(v) for k, v in data["time_zones"].items()},
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


# --- time of day ----------------------------------------------------------------------------

_ISO_DATETIME = re.compile(
    r"^\s*(?P<date>\d{4}-\d{2}-\d{2})[T ](?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?"
    r"(?:\.\d+)?\s*(?P<off>Z|[+-]\d{2}:?\d{2})?\s*$")
# A clock time that is not part of a date ("16.11.2021" is no 16:11): no digit or separator
# just before it, no separator-and-digit just after it.
_CLOCK = re.compile(
    r"(?<![\d:./-])(?P<h>[01]?\d|2[0-3])[:.](?P<mi>[0-5]\d)(?:[:.](?P<s>[0-5]\d))?"
    r"(?![.:/-]?\d)\s*(?P<ap>[ap]\.?m\.?\b)?\s*(?P<tz>[A-Za-z]{2,4}\b)?"
    r"\s*(?P<off>[+-]\d{1,2}(?::?\d{2})?)?", re.IGNORECASE)


def with_time(day: str | None, text: str | None) -> str | None:
    """``day`` (ISO date) with the time of day ``text`` gives for it, when it gives one.

    ``text`` is the value the day was read from: an ISO datetime ("2021-11-16T14:05:00+07:00",
    kept with its offset when it falls on ``day``) or a date line ("Selasa, 16 Nov 2021 14:05
    WIB" → "2021-11-16T14:05:00+07:00"; WIB/WITA/WIT and GMT/UTC become offsets, a time with
    no zone stays naive). Midnight exactly is read as "no time given" (many sites write a bare
    date as T00:00:00), and so is any text that states no clock time: ``day`` comes back as it
    was. The day itself never changes, so everything that reads the first ten characters
    keeps working.
    """
    if not day or not text or len(day) != 10 or len(text) > 200:
        return day
    iso = _ISO_DATETIME.match(text)
    if iso is not None:
        if iso.group("date") != day:
            return day
        return _clock(day, iso.group("h"), iso.group("mi"), iso.group("s"), None,
                      _offset(iso.group("off")))
    year = day[:4]
    start = text.rfind(year)
    if start < 0:
        return day
    # the clock after the year ("16 Nov 2021 14:05 WIB"), else one before the date
    # ("14:05 WIB, 16 November 2021")
    for segment, before in ((text[start + 4:], False), (text[:start], True)):
        match = _CLOCK.search(segment)
        # before the date, "03.03." is the date's own day and month, not a clock
        if match is None or (before and segment[match.end("mi"):match.end("mi") + 1] in
                             (".", "/", "-")):
            continue
        zone = (match.group("tz") or "").casefold()
        offset = _words().zones.get(zone) or _offset(match.group("off"))
        return _clock(day, match.group("h"), match.group("mi"), match.group("s"),
                      match.group("ap"), offset)
    return day


def _clock(day: str, hour: str, minute: str, second: str | None, meridiem: str | None,
           offset: str | None) -> str:
    h, m, s = int(hour), int(minute), int(second or 0)
    if meridiem:
        pm = meridiem.casefold().startswith("p")
        if not 1 <= h <= 12:
            return day
        h = h % 12 + (12 if pm else 0)
    if not (0 <= h <= 23 and 0 <= m <= 59 and 0 <= s <= 59) or (h, m, s) == (0, 0, 0):
        return day
    return f"{day}T{h:02d}:{m:02d}:{s:02d}{offset or ''}"


def _offset(value: str | None) -> str | None:
    """"+07:00" for "+0700", "+07:00", "+7"; "+00:00" for "Z"; None when absent or odd."""
    if not value:
        return None
    if value.upper() == "Z":
        return "+00:00"
    match = re.fullmatch(r"([+-])(\d{1,2}):?(\d{2})?", value)
    if match is None or int(match.group(2)) > 14 or int(match.group(3) or 0) > 59:
        return None
    return f"{match.group(1)}{int(match.group(2)):02d}:{match.group(3) or '00'}"
