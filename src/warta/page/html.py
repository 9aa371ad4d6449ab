"""HTML pages: trafilatura + htmldate for body and metadata, then warta's own passes."""

from __future__ import annotations

import trafilatura

from warta.models import Article, Chrome, Page


def extract_html(page: Page) -> tuple[Article, Chrome]:
    """Article and chrome lists of an HTML page."""
    doc = trafilatura.bare_extraction(page.text, url=page.url, with_metadata=True,
                                      include_comments=False, as_dict=False)
    if doc is None:
        return Article(), Chrome()
    body = tuple(line.strip() for line in (doc.text or "").split("\n") if line.strip())
    return Article(title=doc.title, body=body, published=doc.date, outlet=doc.sitename,
                   authors=tuple(a.strip() for a in (doc.author or "").split(";") if a.strip())
                   ), Chrome()
