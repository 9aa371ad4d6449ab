"""Published dates: page date lines and story datelines, read with dateparser (Indonesian)."""

from __future__ import annotations


def parse_date_line(line: str) -> str | None:
    """An ISO date when the whole line is a date line ("Selasa, 16 Nov 2021 14:05 WIB")."""
    return None


def find_dateline_date(paragraph: str, *, reference: str | None = None) -> str | None:
    """The date a story's first paragraph gives ("Selasa (16/11/2021)"), as ISO, or None."""
    return None
