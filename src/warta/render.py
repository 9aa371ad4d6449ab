"""A readable plain-text rendering of an extraction, for people."""

from __future__ import annotations

import textwrap

from warta.models import CHROME_LISTS, Extraction

_LIST_LABELS = {"inline": "Baca juga", "related": "Berita terkait", "popular": "Terpopuler",
                "picks": "Pilihan", "latest": "Terkini"}


def render_article(result: Extraction, *, width: int = 88) -> str:
    """Headline, metadata, wrapped paragraphs and the chrome lists, as plain text."""
    article = result.article
    lines = [article.title or f"({result.page.name}: no headline)"]
    lines.append("=" * min(width, len(lines[0])))
    meta = [
        ("Outlet", article.outlet), ("Published", article.published),
        ("Authors", ", ".join(article.authors)),
        ("Wire", ", ".join(article.wire_sources)),
    ]
    lines += [f"{label}: {value}" for label, value in meta if value]
    lines += [f"Problem: {problem}" for problem in result.problems]
    lines.append("")
    for paragraph in article.body:
        lines += textwrap.wrap(paragraph, width=width) or [""]
        lines.append("")
    for name in CHROME_LISTS:
        headlines = getattr(result.chrome, name)
        if headlines:
            lines.append(f"-- {_LIST_LABELS[name]} ({len(headlines)})")
            lines += [f"   • {headline}" for headline in headlines]
    return "\n".join(lines).rstrip()
