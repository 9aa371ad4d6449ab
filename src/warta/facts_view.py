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
    table.add_column("type", no_wrap=True)
    for column in ("actors → recipients", "date", "location", "source"):
        table.add_column(column, ratio=1)
    table.add_column("evidence", ratio=3)
    for event in result.facts.events:
        kind = event.type + (f"/{event.mode}" if event.mode else "")
        parties = ", ".join(event.actors) + " → " + ", ".join(event.recipients)
        if event.mediators:
            parties += f" (via {', '.join(event.mediators)})"
        date = (event.date or "") + (" (past)" if event.historical else "")
        table.add_row(kind, parties, date, event.location or "", event.source or "",
                      highlighted(event.evidence, result.article.body))
    return table


def highlighted(evidence: str, body: tuple[str, ...], *, context: int = 30) -> Text:
    """The evidence in bold yellow inside a little of the sentence around it."""
    for paragraph in body:
        start = paragraph.find(evidence) if evidence else -1
        if start < 0:
            continue
        left = max(0, start - context)
        right = min(len(paragraph), start + len(evidence) + context)
        text = Text("…" if left else "", style="dim")
        text.append(paragraph[left:start])
        text.append(evidence, style="bold yellow")
        text.append(paragraph[start + len(evidence):right])
        text.append("…" if right < len(paragraph) else "", style="dim")
        return text
    return Text(evidence, style="bold yellow")


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
