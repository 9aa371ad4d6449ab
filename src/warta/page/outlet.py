"""Outlet brand and bylines: og:site_name, JSON-LD, URL host, dateline."""

from __future__ import annotations

from collections.abc import Iterable


def outlet_from_host(url: str) -> str | None:
    """The outlet brand for a URL or host name ("https://news.detik.com/..." → "detikcom")."""
    return None


def normalize_outlet(name: str) -> str:
    """The brand as the site writes it ("KOMPAS.com" → "Kompas.com")."""
    return name.strip()


def clean_authors(names: Iterable[str], *, outlet: str | None = None) -> tuple[str, ...]:
    """Writer bylines only: drop editors, credit initials and bylines that are the outlet."""
    return tuple(name.strip() for name in names if name.strip())
