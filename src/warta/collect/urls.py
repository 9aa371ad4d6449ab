"""Canonical URLs: one story reached by two URLs is one page.

``canonical_url`` normalises a URL with courlan (lower-case scheme and host, default port
dropped, path cleaned, query sorted, tracking parameters such as ``utm_*``, ``fbclid`` and
``gclid`` removed) and drops the fragment, which never changes the page a server sends.
``page_links`` reads what the page says about itself: its ``rel=canonical`` link and whether
it is an AMP page (``<html amp>`` / ``<html ⚡>``), whose canonical is the real article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit

from courlan import normalize_url

# Query parameters courlan keeps but that only say where a reader came from.
_EXTRA_TRACKERS = re.compile(r"^(?:utm_\w+|fbclid|gclid|dclid|msclkid|yclid|mc_[ce]id|"
                             r"_ga|_gl|ref|ref_src|amp_\w+|__twitter_impression)$", re.I)
_HEAD_END = re.compile(r"</head\s*>", re.I)
_HTML_TAG = re.compile(r"<html\b([^>]*)>", re.I)
_AMP_ATTR = re.compile(r"(?:^|\s)(?:amp|⚡)(?:\s|=|$)", re.I)
_LINK_TAG = re.compile(r"<link\b[^>]*>", re.I)
_ATTR = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")


def canonical_url(url: str) -> str:
    """The canonical form of an http(s) URL; ValueError names the URL when it is not one."""
    text = url.strip()
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ValueError(f"{url!r} is not an http(s) URL")
    try:
        normal = normalize_url(text)
    except (ValueError, AttributeError) as exc:
        raise ValueError(f"{url!r} is not a valid URL ({exc})") from None
    parts = urlsplit(normal)
    query = "&".join(pair for pair in parts.query.split("&")
                     if pair and not _EXTRA_TRACKERS.match(pair.split("=", 1)[0]))
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", query, ""))


def host_of(url: str) -> str:
    """The lower-case host name of ``url`` (no port): the key of per-host limits."""
    return (urlsplit(url).hostname or "").lower()


def is_http_url(text: str) -> bool:
    return text.strip().lower().startswith(("http://", "https://"))


@dataclass(frozen=True, slots=True)
class PageLinks:
    """What a page says about its own address."""

    canonical: str | None  # rel=canonical, absolute and in canonical form
    amp: bool              # True for an AMP page


def page_links(html: str, base_url: str) -> PageLinks:
    """The page's ``rel=canonical`` (resolved against ``base_url``) and whether it is AMP.

    Only the head is read, with tolerant patterns rather than a parser: this runs on every
    fetched page before extraction and must not fail on broken markup.
    """
    end = _HEAD_END.search(html)
    head = html[: end.end() if end else 100_000]
    tag = _HTML_TAG.search(head)
    amp = bool(tag and _AMP_ATTR.search(tag.group(1)))
    canonical = None
    for link in _LINK_TAG.findall(head):
        attrs = {m[0].lower(): m[1] or m[2] or m[3] for m in _ATTR.findall(link)}
        if "canonical" in attrs.get("rel", "").lower().split() and attrs.get("href"):
            try:
                canonical = canonical_url(urljoin(base_url, attrs["href"].strip()))
            except ValueError:
                continue
            break
    if canonical and urlsplit(canonical).path == "/" and urlsplit(base_url).path not in "/":
        # Some sites give every article the home page as canonical; believing it would make
        # all their stories one page.
        canonical = None
    return PageLinks(canonical=canonical, amp=amp)
