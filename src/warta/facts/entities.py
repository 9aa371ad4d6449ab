"""Fact component: fills doc.entities (stub until implemented)."""

from __future__ import annotations

from warta.facts.document import FactsDoc


def find_entities(doc: FactsDoc) -> FactsDoc:
    """Fill ``doc.entities``."""
    return doc
