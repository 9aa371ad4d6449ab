"""A fetched body → Page, with the charset the server named.

warta's page reader (``warta.page.read.decode_page``) does the checks (size, empty, binary)
and decodes with BOM, then strict UTF-8, then the ``<meta>`` charset, then detection. A fetched
page adds the ``Content-Type`` charset: it is used when the body is not valid UTF-8 and
decodes cleanly with it. Valid UTF-8 still wins, for the same reason as in the reader: servers
often announce iso-8859-1 while sending UTF-8, and valid UTF-8 is very unlikely to be anything else.
"""

from __future__ import annotations

import codecs
import dataclasses

from warta.models import Page
from warta.page.read import decode_page, detect_kind, slim_html
from warta.settings import DEFAULT_SETTINGS, Settings

_UNICODE = ("utf-8", "utf-8-sig", "utf-16")


def fetched_page(raw: bytes, *, name: str, url: str, charset: str | None,
                 fetched_at: str | None, settings: Settings = DEFAULT_SETTINGS) -> Page:
    """Decode a fetched body (raises ``InputError`` like ``read_page`` on bad input)."""
    page = decode_page(raw, name=name, url=url, settings=settings)
    codec = _codec(charset)
    if codec and page.encoding not in _UNICODE and codec != page.encoding:
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError:
            text = None
        if text is not None and text.strip():
            kind = detect_kind(text)
            truncated = False
            if kind == "html" and len(text) > settings.max_html_chars:
                text, truncated = slim_html(text, max_chars=settings.max_html_chars)
            page = dataclasses.replace(page, text=text, kind=kind, encoding=codec,
                                       truncated=truncated)
    return dataclasses.replace(page, fetched=fetched_at)


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    if label in ("iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii"):
        return "cp1252"  # what browsers read these labels as (WHATWG Encoding)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None
