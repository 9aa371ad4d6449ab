"""Ordered fact components; each declares what it assigns, and a failure in one is contained."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from warta.facts.document import FactsDoc

log = logging.getLogger(__name__)
Component = Callable[[FactsDoc], FactsDoc]


@dataclass(frozen=True, slots=True)
class Registered:
    name: str
    assigns: str
    func: Component


def _components() -> list[Registered]:
    # Imported here so each module can be developed and tested on its own.
    from warta.facts.attributions import find_attributions
    from warta.facts.entities import find_entities
    from warta.facts.events import find_events
    from warta.facts.quantities import find_quantities

    return [
        Registered("entities/v1", "doc.entities", find_entities),
        Registered("attributions/v1", "doc.attributions", find_attributions),
        Registered("events/v1", "doc.events", find_events),
        Registered("quantities/v1", "doc.quantities", find_quantities),
    ]


def run_pipeline(doc: FactsDoc) -> FactsDoc:
    """Run every component in order; a component that fails leaves its list empty."""
    for component in _components():
        try:
            doc = component.func(doc)
        except Exception:  # one broken component must not lose the others' facts
            log.warning("fact component %s failed", component.name, exc_info=True)
    return doc
