"""Which records are Indonesian news pages: HTTP status, content type, domain, language.

Language is identified by py3langid (its model ships inside the package) on a sample of the
page's prose: text runs between tags that look like sentences, not menus. Malay and
Indonesian are close enough for it to call some Indonesian pages Malay, so a page called
Malay is kept when its share of Indonesian function words (``facts/language.py``) is that of
Indonesian news.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit

from warta.facts.language import indonesian_share
from warta.settings import DEFAULT_SETTINGS, Settings

HTML_TYPES = ("text/html", "application/xhtml+xml")
_DROP = re.compile(r"<(script|style|noscript|template)\b.*?</\1\s*>", re.I | re.S)
_TAG = re.compile(r"<[^>]*>")
# A run of text between tags with this many characters reads as prose, not a menu item.
PROSE_CHARS = 60
# Characters of prose given to the language identifier: plenty for a sure call on news
# prose, and py3langid's time grows with the length (about 2 ms per 1,000 characters).
SAMPLE_CHARS = 1_000
# Markup looked at for the sample: the story starts within the first part of a page.
SCAN_CHARS = 400_000


def is_html(content_type: str | None, raw: bytes) -> bool:
    """An HTML response: by its Content-Type, or by its first bytes when it has none."""
    if content_type:
        return content_type.split(";")[0].strip().lower() in HTML_TYPES
    return raw.lstrip()[:1] == b"<"


def read_domains(path: str | Path) -> frozenset[str]:
    """Allowed hosts, one a line (``#`` comments); ``kompas.com`` also allows its subdomains."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return frozenset(host for line in lines
                     if (host := line.split("#")[0].strip().lower().removeprefix("www.")))


def domain_allowed(url: str | None, domains: Iterable[str] | None) -> bool:
    if domains is None:
        return True
    host = (urlsplit(url).hostname or "") if url else ""
    allowed = frozenset(domains)
    parts = host.lower().split(".")
    return any(".".join(parts[i:]) in allowed for i in range(len(parts)))


def prose_sample(text: str, *, kind: str) -> str:
    """Up to ``SAMPLE_CHARS`` of the page's prose (sentence-like runs of text)."""
    if kind == "html":
        text = _TAG.sub("\n", _DROP.sub(" ", text[:SCAN_CHARS]))
        text = html.unescape(text)
    runs = [" ".join(run.split()) for run in text.splitlines()]
    prose = [run for run in runs if len(run) >= PROSE_CHARS] or runs
    return " ".join(prose)[:SAMPLE_CHARS]


def language_of(sample: str) -> str:
    """The ISO 639-1 code py3langid gives the sample ('id', 'ms', 'en', …)."""
    if not sample.strip():
        return "und"
    import py3langid  # type: ignore[import-untyped]

    return str(py3langid.classify(sample)[0])


def is_indonesian(sample: str, *, settings: Settings = DEFAULT_SETTINGS) -> tuple[bool, str]:
    """(keep?, language code) for a prose sample."""
    lang = language_of(sample)
    if lang == "id":
        return True, lang
    share = indonesian_share([sample])
    return lang == "ms" and share >= settings.min_indonesian_share, lang
