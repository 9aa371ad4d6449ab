"""Inline inserts inside the story: "Baca juga", "ADVERTISEMENT", captions, pagination."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

InsertKind = Literal["inline", "picks", "drop"]


@dataclass(frozen=True, slots=True)
class Insert:
    """A line that is not story text.

    ``kind`` is the chrome list it feeds ("inline", "picks") or "drop" for noise (ads,
    captions, pagination). ``headline`` is the linked headline when the line carries one;
    ``opens_list`` is True for a bare "Baca Juga:" whose headlines follow on the next lines.
    """

    kind: InsertKind
    headline: str | None = None
    opens_list: bool = False


_READ_ALSO = re.compile(r"^\s*(?:baca(?:\s+juga)?|simak(?:\s+juga)?|lihat\s+juga)\s*:\s*(.*)$",
                        re.IGNORECASE)
_NOISE = re.compile(r"^\s*(?:advertisement|scroll to continue with content)\s*$", re.IGNORECASE)


def classify_insert(line: str) -> Insert | None:
    """Return the insert a paragraph or line is, or None when it is story text."""
    if _NOISE.match(line):
        return Insert("drop")
    match = _READ_ALSO.match(line)
    if match:
        headline = match.group(1).strip()
        return Insert("inline", headline or None, opens_list=not headline)
    return None
