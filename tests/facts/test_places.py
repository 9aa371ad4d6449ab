"""Place names → ISO3 and places with types and coordinates."""

from __future__ import annotations

import pytest

from warta.facts.places import find_institution, find_place, is_country, resolve_country


@pytest.mark.parametrize(("name", "iso3"), [
    ("Rusia", "RUS"), ("Prancis", "FRA"), ("Moskow", "RUS"), ("Kremlin", "RUS"),
    ("Amerika Serikat", "USA"), ("AS", "USA"), ("Tiongkok", "CHN"), ("Jepang", "JPN"),
    ("Kiev", "UKR"), ("Kyiv", "UKR"), ("Jawa Barat", "IDN"), ("Sulsel", "IDN"),
    ("Kabupaten Bima", "IDN"), ("Kuala Lumpur", "MYS"), ("Sabah", "MYS"),
    ("Kementerian Pertahanan Armenia", "ARM"),
])
def test_resolve_country(name: str, iso3: str) -> None:
    assert resolve_country(name) == iso3


@pytest.mark.parametrize("name", ["", "Kemarin", "dolar", "Perserikatan Bangsa-Bangsa"])
def test_resolve_country_none(name: str) -> None:
    assert resolve_country(name) is None


def test_find_place_types_and_coordinates() -> None:
    city = find_place("Makassar")
    assert city is not None and city.type == "GPE" and city.country == "IDN"
    assert city.lat is not None and -6 < city.lat < -4
    island = find_place("Sumatera")
    assert island is not None and island.type == "LOC"
    region = find_place("Timur Tengah")
    assert region is not None and region.type == "LOC" and region.country is None


def test_admin_head_keeps_written_name() -> None:
    place = find_place("Kota Bekasi")
    assert place is not None and place.name == "Kota Bekasi" and place.type == "GPE"


def test_small_foreign_towns_are_not_places() -> None:
    assert find_place("Kim") is None


def test_is_country() -> None:
    assert is_country("Inggris") and is_country("Korea Selatan")
    assert not is_country("Jakarta") and not is_country("Bima")


def test_institutions() -> None:
    kpk = find_institution("KPK")
    assert kpk is not None and kpk.name == "Komisi Pemberantasan Korupsi"
    assert kpk.country == "IDN"
    pbb = find_institution("PBB")
    assert pbb is not None and pbb.country is None
    assert find_institution("kpk") is None   # an abbreviation is matched as written
