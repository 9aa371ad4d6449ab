"""Fact component: fills doc.attributions (stub until implemented)."""

from __future__ import annotations

from warta.facts.document import FactsDoc


def find_attributions(doc: FactsDoc) -> FactsDoc:
    """Fill ``doc.attributions``."""
    return doc
