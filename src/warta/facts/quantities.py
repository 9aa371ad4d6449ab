"""Fact component: fills doc.quantities (stub until implemented)."""

from __future__ import annotations

from warta.facts.document import FactsDoc


def find_quantities(doc: FactsDoc) -> FactsDoc:
    """Fill ``doc.quantities``."""
    return doc
