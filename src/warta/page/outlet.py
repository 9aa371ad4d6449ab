"""Outlet brand and bylines: og:site_name, JSON-LD, URL host, dateline."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml


@dataclass(frozen=True, slots=True)
class _Outlets:
    by_host: dict[str, str]          # registered domain -> brand
    by_alias: dict[str, str]         # casefolded alias -> brand
    prefixes: tuple[tuple[str, str], ...]   # (casefolded prefix, brand)
    second_level: frozenset[str]
    host_noise: frozenset[str]
    brands: frozenset[str]


@cache
def _outlets() -> _Outlets:
    text = resources.files("warta.page").joinpath("data/outlets.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    by_host: dict[str, str] = {}
    by_alias: dict[str, str] = {}
    prefixes: list[tuple[str, str]] = []
    for entry in data["outlets"]:
        brand = str(entry["brand"])
        hosts = [str(h).casefold() for h in entry.get("hosts") or []]
        for host in hosts:
            by_host[host] = brand
        for alias in [brand, *hosts, *(entry.get("aliases") or [])]:
            by_alias.setdefault(_alias_key(str(alias)), brand)
        prefixes.extend((str(p).casefold(), brand) for p in entry.get("prefixes") or [])
    return _Outlets(
        by_host=by_host,
        by_alias=by_alias,
        prefixes=tuple(prefixes),
        second_level=frozenset(str(s) for s in data.get("second_level") or []),
        host_noise=frozenset(str(s) for s in data.get("host_noise") or []),
        brands=frozenset(by_alias.values()),
    )


_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
_HOST_OK = re.compile(r"^[a-z0-9.-]+$")
_SPACES = re.compile(r"\s+")
_EDGE = re.compile(r"^[\s\"'“”‘’(\[|,:;·•-]+|[\s\"'“”‘’)\]|,:;·•-]+$")


def _alias_key(name: str) -> str:
    key = _SPACES.sub(" ", name.strip()).casefold()
    return key.removeprefix("www.")


def _host_of(url: str) -> str | None:
    text = url.strip().casefold()
    if not text:
        return None
    text = _SCHEME.sub("", text)
    text = text.removeprefix("//")
    host = re.split(r"[/?#]", text, maxsplit=1)[0]
    host = host.rsplit("@", 1)[-1].split(":", 1)[0].strip(".")
    if "." not in host or not _HOST_OK.match(host):
        return None
    return host


def registered_domain(url: str) -> str | None:
    """The registered domain of a URL or host ("https://news.example.co.id/x" → "example.co.id")."""
    host = _host_of(url)
    if host is None:
        return None
    data = _outlets()
    labels = host.split(".")
    while len(labels) > 2 and labels[0] in data.host_noise:
        labels = labels[1:]
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in data.second_level:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def _brand_for_host(host: str) -> str | None:
    by_host = _outlets().by_host
    labels = host.split(".")
    for start in range(len(labels) - 1):
        brand = by_host.get(".".join(labels[start:]))
        if brand is not None:
            return brand
    return None


def outlet_from_host(url: str) -> str | None:
    """The outlet brand for a URL or host name ("https://news.detik.com/..." → "detikcom")."""
    host = _host_of(url)
    if host is None:
        return None
    return _brand_for_host(host) or registered_domain(host)


def known_outlet(name: str) -> str | None:
    """The brand a name stands for when it is a known outlet spelling, else None."""
    key = _alias_key(_EDGE.sub("", name))
    if not key:
        return None
    data = _outlets()
    brand = data.by_alias.get(key)
    if brand is not None:
        return brand
    if " " not in key:
        for prefix, pbrand in data.prefixes:
            if key.startswith(prefix):
                return pbrand
        if "." in key and "/" not in key:
            host = _host_of(key)
            if host is not None:
                return _brand_for_host(host)
    return None


def normalize_outlet(name: str) -> str:
    """The brand as the site writes it ("KOMPAS.com" → "Kompas.com")."""
    trimmed = _SPACES.sub(" ", name.strip())
    return known_outlet(trimmed) or trimmed


# --- bylines -----------------------------------------------------------------------------

_ROLE_PREFIX = re.compile(
    r"^(?:(?:penulis|reporter|pewarta|wartawan|jurnalis|kontributor|koresponden|oleh|by|"
    r"ditulis oleh|written by)\b\s*[:.\-–]?\s*)+",
    re.IGNORECASE)
_EDITOR_PREFIX = re.compile(
    r"^(?:editor|redaktur(?:\s+pelaksana)?|red|penyunting|editing|fotografer|foto|videografer|"
    r"sumber|source)\b\s*[:.]?(?:\s|$)",
    re.IGNORECASE)
_LAPORAN = re.compile(
    r"^laporan\s+(?:wartawan|reporter|koresponden|kontributor|jurnalis)\s+"
    r"(?P<outlet>[^,]{1,60}?)\s*,\s*", re.IGNORECASE)
_SUFFIX = re.compile(r"\s*(?:[-–—|·•/]|,\s*(?=jurnalis|wartawan|reporter|kontributor))\s*"
                     r"(?P<tail>[^-–—|·•/]{1,40})$", re.IGNORECASE)
_ROLE_WORDS = frozenset({"jurnalis", "wartawan", "reporter", "kontributor", "penulis",
                         "koresponden", "pewarta"})
_INITIALS = re.compile(r"^[\(\[]?\s*[a-z]{1,6}(?:\s*/\s*[a-z0-9]{1,8})*\s*[\)\]]?$")
_SPLIT = re.compile(r"\s*(?:[,;&]|\bdan\b|\band\b)\s*", re.IGNORECASE)
_TEAM = re.compile(r"^(?:tim|team|redaksi|admin|desk)\b\s*(?P<rest>.*)$", re.IGNORECASE)
_LETTER = re.compile(r"[^\W\d_]")


def _is_outlet_name(name: str, outlet: str | None) -> bool:
    brand = known_outlet(name)
    if brand is not None:
        return True
    if outlet is None:
        return False
    return _alias_key(name) in {_alias_key(outlet), _alias_key(normalize_outlet(outlet))}


def _strip_suffix(name: str, outlet: str | None) -> str:
    match = _SUFFIX.search(name)
    if match is None:
        return name
    tail = match.group("tail").strip()
    if tail.casefold() in _ROLE_WORDS or _is_outlet_name(tail, outlet):
        return name[:match.start()].strip()
    return name


def _candidates(raw: str, outlet: str | None) -> list[str]:
    """The names a raw byline holds, prefixes and outlet suffixes removed (may be empty)."""
    text = _SPACES.sub(" ", raw.strip())
    text = _EDGE.sub("", text)
    if not text or _EDITOR_PREFIX.match(text):
        return []
    laporan = _LAPORAN.match(text)
    if laporan is not None:
        text = text[laporan.end():]
    text = _ROLE_PREFIX.sub("", text).strip()
    text = _strip_suffix(text, outlet)
    names: list[str] = []
    for part in _SPLIT.split(text):
        name = _EDGE.sub("", _ROLE_PREFIX.sub("", part.strip())).strip()
        name = _strip_suffix(name, outlet)
        if name:
            names.append(name)
    return names


def _keep(name: str, outlet: str | None) -> bool:
    if not _LETTER.search(name) or _INITIALS.match(name):
        return False
    if _EDITOR_PREFIX.match(name):
        return False
    if _is_outlet_name(name, outlet):
        return False
    team = _TEAM.match(name)
    if team is not None:
        rest = team.group("rest").strip()
        if not rest or _is_outlet_name(rest, outlet) or rest.casefold() in {"redaksi", "redaktur"}:
            return False
    return len(name) <= 80


def clean_authors(names: Iterable[str], *, outlet: str | None = None) -> tuple[str, ...]:
    """Writer bylines only: drop editors, credit initials and bylines that are the outlet."""
    seen: set[str] = set()
    out: list[str] = []
    for raw in names:
        for name in _candidates(raw, outlet):
            key = name.casefold()
            if key in seen or not _keep(name, outlet):
                continue
            seen.add(key)
            out.append(name)
    return tuple(out)
