"""Room 1: a raw page → Article + Chrome.

The cascade, step by step:

1. ``read_page``: path, bytes or stdin → ``Page`` (size limit, charset, HTML or text).
2. ``extract_article`` dispatches on ``page.kind``:
   - HTML (``html.extract_html``): trafilatura finds the story and metadata; warta then
     removes inline inserts (``inserts``), strips the dateline and credit tail
     (``dateline``), reads the site's own date line (``dates``), outlet and authors
     (``outlet``) and the chrome headline lists (``sections``).
   - crawled text (``text.extract_text``): a line classifier keeps story lines and files
     chrome lines under the section heading they follow.
"""

from __future__ import annotations

from warta.models import Article, Chrome, Page
from warta.page.html import extract_html
from warta.page.read import decode_page, read_page
from warta.page.text import extract_text

__all__ = ["decode_page", "extract_article", "read_page"]


def extract_article(page: Page) -> tuple[Article, Chrome]:
    """The story and the chrome lists of one page."""
    if page.kind == "html":
        return extract_html(page)
    return extract_text(page)
