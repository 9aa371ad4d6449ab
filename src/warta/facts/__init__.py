"""Room 2: Article → Facts (entities, PLOVER events, quantities, attributions).

The cascade, each step a component in ``pipeline.COMPONENTS`` filling one list of a
``FactsDoc``:

1. ``entities.find_entities``: people, organisations, countries and places, every mention
   grouped, countries as ISO3 (``places``), roles for people.
2. ``attributions.find_attributions``: who said what, with the cue and paragraph.
3. ``events.find_events``: PLOVER events with actors, recipients, mediators, date
   (``timeline``), location and source (from attributions).
4. ``quantities.find_quantities``: killed, injured, detained ... with numbers read by
   ``numerals`` and qualifiers.
"""

from __future__ import annotations

from warta.facts.document import FactsDoc
from warta.facts.pipeline import run_pipeline
from warta.models import Article, Facts

__all__ = ["FactsDoc", "find_facts"]


def find_facts(article: Article) -> Facts:
    """All the facts of one article."""
    doc = run_pipeline(FactsDoc.from_article(article))
    return Facts(entities=tuple(doc.entities), events=tuple(doc.events),
                 quantities=tuple(doc.quantities), attributions=tuple(doc.attributions))
