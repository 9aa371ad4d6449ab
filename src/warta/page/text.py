"""Crawled text: a line classifier separating story lines from chrome sections."""

from __future__ import annotations

from warta.models import Article, Chrome, Page


def extract_text(page: Page) -> tuple[Article, Chrome]:
    """Article and chrome lists of a page saved as visible text."""
    body = tuple(line.strip() for line in page.text.splitlines() if len(line.split()) >= 8)
    return Article(body=body), Chrome()
