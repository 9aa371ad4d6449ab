"""Rich tables of an extraction's facts, for `warta facts`: one table per kind."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from warta.models import Extraction


def facts_tables(result: Extraction) -> Group:
    """Entities, events, quantities and attributions of one page as rich tables."""
    return Group(_heading(result), _entities(result), _events(result), _quantities(result),
                 _attributions(result))


def _heading(result: Extraction) -> Text:
    article = result.article
    text = Text(article.title or result.page.name, style="bold")
    meta = " · ".join(value for value in (article.outlet, article.published) if value)
    if meta:
        text.append(f"\n{meta}", style="dim")
    return text


def _entities(result: Extraction) -> Table:
    table = Table(title="Entities", title_justify="left", expand=False)
    for column in ("name", "type", "country", "role", "mentions"):
        table.add_column(column)
    for ent in result.facts.entities:
        table.add_row(ent.name, ent.type, ent.country or "", ent.role or "",
                      ", ".join(ent.mentions))
    return table


def _events(result: Extraction) -> Table:
    table = Table(title="Events (PLOVER)", title_justify="left")
    for column in ("type", "actors → recipients", "date", "location", "source", "evidence"):
        table.add_column(column)
    for event in result.facts.events:
        kind = event.type + (f"/{event.mode}" if event.mode else "")
        parties = ", ".join(event.actors) + " → " + ", ".join(event.recipients)
        if event.mediators:
            parties += f" (via {', '.join(event.mediators)})"
        date = (event.date or "") + (" (past)" if event.historical else "")
        table.add_row(kind, parties, date, event.location or "", event.source or "",
                      Text(event.evidence, style="bold yellow"))
    return table


def _quantities(result: Extraction) -> Table:
    table = Table(title="Quantities", title_justify="left")
    for column in ("kind", "value", "qualifier", "who", "country", "source"):
        table.add_column(column)
    for qty in result.facts.quantities:
        value = f"{qty.value:,}".replace(",", ".") + (" (past)" if qty.historical else "")
        table.add_row(qty.kind, value, qty.qualifier, qty.who or "", qty.country or "",
                      qty.source or "")
    return table


def _attributions(result: Extraction) -> Table:
    table = Table(title="Attributions", title_justify="left")
    for column in ("¶", "speaker", "cue", "quote?"):
        table.add_column(column)
    for attr in result.facts.attributions:
        table.add_row(str(attr.paragraph), attr.speaker, Text(attr.cue, style="bold yellow"),
                      "direct" if attr.direct else "indirect")
    return table
