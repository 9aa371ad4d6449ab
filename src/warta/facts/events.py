"""Fact component: fills doc.events (stub until implemented)."""

from __future__ import annotations

from warta.facts.document import FactsDoc


def find_events(doc: FactsDoc) -> FactsDoc:
    """Fill ``doc.events``."""
    return doc
