"""Rich tables of query results for a person (``warta search|events|entity|story``)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from warta.archive.query import EntityProfile, EventHit, SearchHit, StoryView


def _marked(text: str, spans: Sequence[tuple[int, int]]) -> Text:
    out = Text(text)
    for start, end in spans:
        out.stylize("bold yellow", start, end)
    return out


def search_table(hits: Sequence[SearchHit], *, query: str) -> Table:
    """Hits best first: id, date, outlet, title with its snippet, story copies."""
    table = Table(title=f"{len(hits)} articles for {query!r}", title_justify="left",
                  show_lines=True)
    table.add_column("id", justify="right", style="cyan", no_wrap=True)
    table.add_column("published", no_wrap=True)
    table.add_column("outlet")
    table.add_column("article", ratio=1)
    table.add_column("story", justify="right", no_wrap=True)
    for hit in hits:
        article = Text(hit.title or "(untitled)", style="bold")
        article.append("\n")
        article.append_text(_marked(hit.snippet, hit.highlights))
        story = "" if hit.story_id is None else f"{hit.story_id}" + (
            f" ×{hit.n_copies}" if hit.n_copies > 1 else "")
        table.add_row(str(hit.article_id), hit.published or "", hit.outlet or "", article,
                      story)
    return table


def _codes(codes: Sequence[str]) -> str:
    return ", ".join(codes) or "–"


def events_table(found: Sequence[EventHit], *, title: str | None = None) -> Table:
    """Events newest story first: date, type/mode, who → whom, where, evidence, article."""
    table = Table(title=title or f"{len(found)} events", title_justify="left")
    table.add_column("story date", no_wrap=True)
    table.add_column("type", style="bold", no_wrap=True)
    table.add_column("actors → recipients")
    table.add_column("where")
    table.add_column("evidence", ratio=1)
    table.add_column("article", justify="right", style="cyan", no_wrap=True)
    for event in found:
        kind = event.type + (f"/{event.mode}" if event.mode else "")
        parties = f"{_codes(event.actors)} → {_codes(event.recipients)}"
        if event.mediators:
            parties += f" (via {_codes(event.mediators)})"
        table.add_row(event.published or "", kind, parties, event.location or "",
                      Text(event.evidence, style="dim" if event.historical else ""),
                      str(event.article_id))
    return table


def entity_view(profile: EntityProfile) -> Group:
    """Summary, roles, names, months, co-occurring entities and events of one entity."""
    head = Text(profile.name, style="bold")
    head.append(f"  {profile.type}" + (f" · {profile.country}" if profile.country else ""))
    head.append(f"\n{profile.n_articles} articles, {profile.n_mentions} mentions"
                f" ({profile.first_seen or '?'} – {profile.last_seen or '?'})")
    parts: list[RenderableType] = [head]
    if profile.roles:
        parts.append(_pairs("roles", ("role", "articles"), profile.roles))
    if profile.names:
        parts.append(_pairs("written as", ("name", "times"), profile.names))
    if profile.timeline:
        months = Table(title="mentions over time", title_justify="left")
        for name in ("month", "articles", "mentions"):
            months.add_column(name, justify="left" if name == "month" else "right")
        for month, articles, mentions in profile.timeline:
            months.add_row(month, str(articles), str(mentions))
        parts.append(months)
    if profile.co_occurring:
        parts.append(_pairs("named with", ("entity", "articles"), [
            (f"{row['name']} ({row['type']}{' ' + row['country'] if row['country'] else ''})",
             row["articles"]) for row in profile.co_occurring]))
    if profile.events:
        parts.append(events_table(profile.events, title="events in its articles"))
    if profile.others:
        parts.append(Text("also called so: " + "; ".join(
            f"{row['name']} {row['type']} {row['country'] or ''} ({row['articles']} articles)"
            for row in profile.others), style="dim"))
    return Group(*parts)


def _pairs(title: str, names: tuple[str, str], rows: Sequence[tuple[str, int]]) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column(names[0])
    table.add_column(names[1], justify="right")
    for text, count in rows:
        table.add_row(text, str(count))
    return table


def story_table(view: StoryView) -> Table:
    """Every copy of a story, the one that ran first leading."""
    origin = view.origin
    first = f"first run by {origin.outlet or '?'} ({origin.published or 'undated'})" \
        if origin else "origin unknown"
    table = Table(title=f"story {view.id}: {view.n_copies} copies in {view.n_outlets} "
                        f"outlets; {first}", title_justify="left")
    table.add_column("", no_wrap=True)
    table.add_column("id", justify="right", style="cyan", no_wrap=True)
    table.add_column("published", no_wrap=True)
    table.add_column("outlet")
    table.add_column("title", ratio=1)
    table.add_column("wire")
    for copy in view.copies:
        table.add_row("origin" if copy.is_origin else "copy", str(copy.article_id),
                      copy.published or "", copy.outlet or "", copy.title or "",
                      ", ".join(copy.wire_sources))
    return table
