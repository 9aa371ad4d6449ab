"""Feeds and sitemaps → the article URLs they list.

``read_listing`` tells RSS/Atom from a sitemap by its root element: ``<urlset>`` (a sitemap,
Google News sitemaps included) and ``<sitemapindex>`` are read with lxml (entities off, no
network), anything else goes to feedparser. Sitemaps may come gzip-compressed.
"""

from __future__ import annotations

import gzip
import io
import zlib
from dataclasses import dataclass
from typing import Literal

import feedparser  # type: ignore[import-untyped]
from lxml import etree

ListingKind = Literal["feed", "sitemap", "sitemapindex"]
_SITEMAP_ROOTS = (b"<urlset", b"<sitemapindex")


class ListingError(ValueError):
    """The body is neither a feed nor a sitemap."""


@dataclass(frozen=True, slots=True)
class Listing:
    kind: ListingKind
    items: tuple[str, ...] = ()     # article URLs, as listed
    children: tuple[str, ...] = ()  # sitemaps listed by a sitemap index


def read_listing(body: bytes, *, max_bytes: int) -> Listing:
    """The article URLs (or child sitemaps) of a feed or sitemap; ListingError if neither."""
    body = _gunzip(body, max_bytes=max_bytes)
    head = body[:4096].lower()
    if any(root in head for root in _SITEMAP_ROOTS):
        return _read_sitemap(body)
    return _read_feed(body)


def _read_sitemap(body: bytes) -> Listing:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True,
                             huge_tree=False)
    try:
        root = etree.fromstring(body, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise ListingError(f"sitemap is not readable XML ({exc})") from None
    if root is None:
        raise ListingError("sitemap is empty or not XML")
    locs = tuple(text.strip() for text in root.xpath("./*/*[local-name()='loc']/text()")
                 if text.strip())
    if etree.QName(root).localname == "sitemapindex":
        return Listing("sitemapindex", children=locs)
    return Listing("sitemap", items=locs)


def _read_feed(body: bytes) -> Listing:
    parsed = feedparser.parse(body)
    links = []
    for entry in parsed.entries:
        link = entry.get("link") or entry.get("id")
        if isinstance(link, str) and link.strip().lower().startswith(("http://", "https://")):
            links.append(link.strip())
    if not links and (parsed.bozo or not parsed.get("version")):
        problem = parsed.get("bozo_exception") or "no items"
        raise ListingError(f"not an RSS/Atom feed or a sitemap ({problem})")
    return Listing("feed", items=tuple(links))


def _gunzip(body: bytes, *, max_bytes: int) -> bytes:
    if not body.startswith(b"\x1f\x8b"):
        return body
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(body)) as handle:
            data = handle.read(max_bytes + 1)
    except (OSError, EOFError, zlib.error):
        raise ListingError("gzip data is corrupt or truncated") from None
    if len(data) > max_bytes:
        raise ListingError(f"unpacks to more than {max_bytes:,} bytes")
    return data
