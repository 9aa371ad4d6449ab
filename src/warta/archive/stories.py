"""Syndication: exact hash, MinHash LSH, wire markers; origin; related stories.

Stub: the storage engineer calls ``assign_story`` inside the transaction that saves an
article; the stories engineer owns this module's body.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from warta.models import Extraction

if TYPE_CHECKING:
    from warta.archive.base import Archive


def assign_story(archive: Archive, article_id: int, extraction: Extraction) -> None:
    """Put a just-saved article in its story cluster (runs inside the save transaction)."""
    return None
