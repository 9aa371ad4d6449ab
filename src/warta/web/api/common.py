"""Helpers shared by the routers: keyset conditions for newest-first lists."""

from __future__ import annotations

from typing import Any

from warta.archive.query import _Where
from warta.web.deps import decode_cursor, encode_cursor


def after_published(where: _Where, published: str | None, *rest: tuple[str, int, str]
                    ) -> None:
    """Keep rows after the cursor in ``a.published DESC NULLS LAST, <rest>`` order.

    ``rest`` gives the tie-breaking columns as (column, value, "<" or ">"): ``<`` for a
    descending column, ``>`` for an ascending one.
    """
    tie, params = _ties(list(rest))
    if published is None:
        where.add(f"(a.published IS NULL AND {tie})", *params)
    else:
        where.add(f"(a.published < ? OR a.published IS NULL OR (a.published = ? AND {tie}))",
                  published, published, *params)


def _ties(rest: list[tuple[str, int, str]]) -> tuple[str, list[Any]]:
    column, value, op = rest[0]
    if len(rest) == 1:
        return f"{column} {op} ?", [value]
    inner, params = _ties(rest[1:])
    return f"({column} {op} ? OR ({column} = ? AND {inner}))", [value, value, *params]


def published_cursor(kind: str, cursor: str | None, n_ties: int) -> list[Any] | None:
    """The (published, tie…) key of a newest-first cursor, or None for the first page."""
    if cursor is None:
        return None
    return decode_cursor(cursor, kind, (str, type(None)), *([int] * n_ties))


def next_cursor(kind: str, rows: list[dict[str, Any]], limit: int, *keys: str) -> str | None:
    """A cursor after the last of ``limit`` rows when one more row was read, else None."""
    if len(rows) <= limit:
        return None
    last = rows[limit - 1]
    return encode_cursor(kind, *(last[key] for key in keys))
