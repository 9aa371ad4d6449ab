"""Dateline heads ("JAKARTA, KOMPAS.com -") off the body; credit tails → wire_sources."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from warta.page.outlet import known_outlet


@dataclass(frozen=True, slots=True)
class Dateline:
    """What a dateline prefix says: the place and the outlet, when written."""

    place: str | None = None
    outlet: str | None = None


@cache
def _data() -> dict[str, Any]:
    text = resources.files("warta.page").joinpath("data/datelines.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


@cache
def _agencies() -> dict[str, str]:
    """Casefolded spelling → agency name as reported."""
    table: dict[str, str] = {}
    for name, spellings in _data()["agencies"].items():
        for spelling in [name, *(spellings or [])]:
            table[" ".join(str(spelling).casefold().split())] = str(name)
    return table


def agency_name(text: str) -> str | None:
    """The wire agency a name stands for ("ANTARA" → "Antara", "Reuters" → "Reuters"), or None."""
    key = " ".join(text.strip(" .,;:*()[]\"'").casefold().split())
    return _agencies().get(key)


# --- dateline heads ----------------------------------------------------------------------

_SEP = r"(?:\s+(?:-{1,2}|[–—]{1,2})\s*|\s*(?:-{1,2}|[–—]{1,2})\s+|\s*--\s*|\s*[–—]\s*)"
_HEAD = re.compile(rf"^\s*(?P<head>[A-Za-z0-9][^\n\"“”]{{0,69}}?){_SEP}(?=\S)")
_COMMA_HEAD = re.compile(
    r"^\s*(?P<head>[A-Za-z0-9-]+(?:\.[A-Za-z]{2,6}){1,2})\s*,\s+(?=[\"“A-Z0-9])")
_WORD = r"[A-Z][\w'’.]*(?:-[A-Za-z][\w'’.]*)*"
_PLACE = re.compile(rf"^{_WORD}(?:\s+(?:{_WORD}|di|de|al|el|da|van|von)){{0,3}}$")
_DOMAIN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]*(?:\.[A-Za-z]{2,6}){1,2}$")
_PAREN_OUTLET = re.compile(r"^(?P<place>.+?)\s*\((?P<outlet>[^()]{2,30})\)$")
_BRANDISH = re.compile(r"^(?:[A-Za-z0-9][\w.-]*)(?:\s+[A-Za-z0-9][\w.-]*){0,2}$")


def _is_outlet(text: str) -> bool:
    return bool(_DOMAIN.match(text)) or known_outlet(text) is not None \
        or agency_name(text) is not None


def _is_place(text: str) -> bool:
    return len(text) <= 40 and bool(_PLACE.match(text)) and not _is_outlet(text)


def _read_head(head: str) -> Dateline | None:
    head = head.strip()
    paren = _PAREN_OUTLET.match(head)
    if paren is not None:
        place, outlet = paren.group("place").strip(" ,"), paren.group("outlet").strip()
        if _is_place(place) and _BRANDISH.match(outlet):
            return Dateline(place=place, outlet=outlet)
        return None
    parts = [p.strip() for p in head.split(",")]
    if len(parts) == 1:
        if _is_outlet(parts[0]):
            return Dateline(outlet=parts[0])
        if _is_place(parts[0]):
            return Dateline(place=parts[0])
        return None
    if len(parts) != 2 or not all(parts):
        return None
    first, second = parts
    if _is_outlet(first) and _is_place(second):
        return Dateline(place=second, outlet=first)
    if _is_place(first) and _is_outlet(second):
        return Dateline(place=first, outlet=second)
    if _is_place(first) and _PLACE.match(second):
        return Dateline(place=first, outlet=second)
    return None


def strip_dateline(paragraph: str) -> tuple[str, Dateline | None]:
    """Remove a leading dateline from the first paragraph; return the rest and what it said."""
    match = _HEAD.match(paragraph)
    if match is not None:
        found = _read_head(match.group("head"))
        # "Nama Penulis - detikNews" is a byline, not a dateline
        if found is not None and known_outlet(paragraph[match.end():]) is None:
            return paragraph[match.end():], found
    comma = _COMMA_HEAD.match(paragraph)
    if comma is not None and _is_outlet(comma.group("head")) and "." in comma.group("head"):
        return paragraph[comma.end():], Dateline(outlet=comma.group("head"))
    return paragraph, None


# --- credit tails and lines ----------------------------------------------------------------

_TAIL = re.compile(r"\s*(?P<open>[(\[])(?P<body>[^()\[\]]{1,80})[)\]]\s*(?P<dot>\.?)\s*$",
                   re.DOTALL)
_SUMBER = re.compile(r"^\s*(?:sumber|source|src)\s*:\s*(?P<rest>.+?)\s*$", re.IGNORECASE)
_PARTS = re.compile(r"\s*(?:[,/;&|+]|\s-\s|\bdan\b|\band\b)\s*", re.IGNORECASE)
_INITIAL = re.compile(r"^[a-z][a-z0-9]{0,7}$")
_UPPER_INITIAL = re.compile(r"^[A-Z]{2,4}$")
_DESK_CODE = re.compile(r"^[A-Z]{1,3}-\d{1,3}$")  # editor desk codes: "(Ant/I-2)", "(P-3)"
_OUTLET_SECTION = re.compile(r"^[A-Za-z0-9-]+(?:\.[A-Za-z]{2,6}){1,2}\s+[-–—]\s+[\w ]{1,30}$")
_SENTENCE_END = frozenset('.!?"”’\'')


def _agencies_in(text: str) -> tuple[str, ...]:
    out: list[str] = []
    for part in _PARTS.split(text):
        name = agency_name(part)
        if name is not None and name not in out:
            out.append(name)
    return tuple(out)


def _read_tail(body: str) -> tuple[bool, tuple[str, ...], bool]:
    """(is a credit, agencies, needs a sentence end before it) for a bracket's text."""
    body = body.strip()
    if body == "*" or body == "**":
        return True, (), False
    sumber = _SUMBER.match(body)
    if sumber is not None:
        return True, _agencies_in(sumber.group("rest")), False
    if _OUTLET_SECTION.match(body):
        return True, (), False
    parts = [p for p in _PARTS.split(body) if p]
    if not parts:
        return False, (), False
    agencies: list[str] = []
    upper = False
    for part in parts:
        name = agency_name(part)
        if name is not None:
            if name not in agencies:
                agencies.append(name)
        elif _UPPER_INITIAL.match(part):
            upper = True       # "(RIF)" is a credit only after a finished sentence, not "(NTB)."
        elif not (_INITIAL.match(part) or _DESK_CODE.match(part)):
            return False, (), False
    if upper and agencies:
        return False, (), False  # "(AFP/STR)": a photo credit (agency/photographer)
    # initials only, a single word or capitals: only after a finished sentence
    return True, tuple(agencies), len(parts) == 1 or upper


def _may_have_tail(paragraph: str) -> bool:
    """False when ``_TAIL`` cannot match: it needs a closing bracket followed by nothing but
    spaces and at most one dot. Most paragraphs end otherwise, and this check is much
    cheaper than the search (which tries every position of the paragraph)."""
    end = paragraph.rstrip()
    if end[-1:] == ".":
        end = end[:-1].rstrip()
    return end[-1:] in (")", "]")


def strip_credit_tail(paragraph: str) -> tuple[str, tuple[str, ...]]:
    """Remove a trailing credit ("(Sumber: Antara/Reuters)", "(ant/rds)"); return agencies."""
    if not _may_have_tail(paragraph):
        return paragraph, ()
    match = _TAIL.search(paragraph)
    if match is None:
        return paragraph, ()
    is_credit, agencies, needs_end = _read_tail(match.group("body"))
    if not is_credit:
        return paragraph, ()
    rest = paragraph[:match.start("open")].rstrip()
    ended = not rest or rest[-1] in _SENTENCE_END
    if match.group("dot") and not ended:
        return paragraph, ()          # "... kantor berita Associated Press (AP)."
    if needs_end and not ended and not (agencies and len(agencies) == len(_PARTS.split(
            match.group("body").strip()))):
        return paragraph, ()          # "... nasi (goreng)", "... Kabupaten Bima (NTB)"
    return rest, agencies


def parse_credit_line(line: str) -> tuple[str, ...] | None:
    """Agencies of a stand-alone credit line ("Sumber: Reuters, AFP"), or None.

    A "Sumber:" line naming no wire agency gives an empty tuple; a line that is not a credit
    line gives None.
    """
    text = line.strip()
    if not text or len(text) > 120:
        return None
    if text[0] in "([" and text[-1] in ")]":
        is_credit, agencies, _ = _read_tail(text[1:-1])
        if is_credit and (agencies or _SUMBER.match(text[1:-1])):
            return agencies
        return None
    sumber = _SUMBER.match(text.rstrip("."))
    if sumber is None:
        return None
    return _agencies_in(sumber.group("rest"))
