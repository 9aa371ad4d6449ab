"""Room 4, the web: ``warta serve`` — a JSON API under /api/v1 (and HTML pages) on an archive.

    >>> from warta.web import create_app
    >>> app = create_app("sqlite:///warta.db")          # doctest: +SKIP

See docs/json-api.md for the endpoints, the cursor pagination and the error shape.
"""

from __future__ import annotations

from warta.web.app import create_app

__all__ = ["create_app"]
