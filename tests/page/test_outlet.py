"""Outlet brands from hosts and names; author cleaning."""

from __future__ import annotations

import pytest

from warta.page.outlet import (
    clean_authors,
    known_outlet,
    normalize_outlet,
    outlet_from_host,
    registered_domain,
)


@pytest.mark.parametrize(("url", "brand"), [
    ("https://www.kompas.com/global/read/2026/02/03/x", "Kompas.com"),
    ("https://regional.kompas.com/read/x", "Kompas.com"),
    ("https://news.detik.com/berita/d-123/judul", "detikcom"),
    ("https://finance.detik.com/x", "detikcom"),
    ("https://surabaya.tribunnews.com/2026/01/01/x", "Tribunnews.com"),
    ("https://nasional.tempo.co/read/1", "Tempo.co"),
    ("ekbis.sindonews.com", "SINDOnews.com"),
    ("https://internasional.republika.co.id/berita/x", "Republika.co.id"),
    ("https://www.antaranews.com/berita/1/x", "Antara"),
    ("https://kumparan.com/kumparannews/x", "kumparan"),
    ("https://tirto.id/abc", "tirto.id"),
    ("https://www.suara.com/news/x", "Suara.com"),
    ("https://www.liputan6.com/news/read/1", "Liputan6.com"),
    ("https://www.cnnindonesia.com/internasional/x", "CNN Indonesia"),
    ("https://bola.okezone.com/read/x", "Okezone.com"),
    ("https://www.merdeka.com/peristiwa/x.html", "Merdeka.com"),
    ("https://www.jpnn.com/news/x", "JPNN.com"),
    ("https://www.kapanlagi.com/showbiz/x", "KapanLagi.com"),
    ("https://www.viva.co.id/berita/x", "VIVA.co.id"),
    ("https://ekonomi.bisnis.com/read/x", "Bisnis.com"),
    ("https://www.idntimes.com/news/x", "IDN Times"),
    ("https://www.inews.id/news/x", "iNews.id"),
    ("https://www.cnbcindonesia.com/news/x", "CNBC Indonesia"),
    ("https://www.jawapos.com/x", "JawaPos.com"),
    ("m.kompas.com", "Kompas.com"),
    ("HTTPS://WWW.DETIK.COM/", "detikcom"),
])
def test_known_hosts(url: str, brand: str) -> None:
    assert outlet_from_host(url) == brand


@pytest.mark.parametrize(("url", "brand"), [
    ("www.example-news.co.id", "example-news.co.id"),
    ("https://kabar.warta-desa.or.id/berita/1", "warta-desa.or.id"),
    ("https://m.contohberita.com/a?b=c", "contohberita.com"),
    ("http://user@sub.portal.net:8080/x", "portal.net"),
])
def test_unknown_hosts_give_registered_domain(url: str, brand: str) -> None:
    assert outlet_from_host(url) == brand
    assert registered_domain(url) == brand


@pytest.mark.parametrize("url", ["", "not a url", "localhost", "   "])
def test_no_host(url: str) -> None:
    assert outlet_from_host(url) is None


@pytest.mark.parametrize(("name", "brand"), [
    ("KOMPAS.com", "Kompas.com"),
    ("kompas", "Kompas.com"),
    ("Kompas.com", "Kompas.com"),
    ("REPUBLIKA.CO.ID", "Republika.co.id"),
    ("ANTARA", "Antara"),
    ("ANTARA News", "Antara"),
    ("jpnn.com", "JPNN.com"),
    ("detikNews", "detikcom"),
    ("detikFinance", "detikcom"),
    ("kumparanBISNIS", "kumparan"),
    ("  Suara.com ", "Suara.com"),
    ("TEMPO.CO", "Tempo.co"),
    ("Okezone.com", "Okezone.com"),
    ("cnnindonesia.com", "CNN Indonesia"),
    ("www.merdeka.com", "Merdeka.com"),
])
def test_normalize_outlet(name: str, brand: str) -> None:
    assert normalize_outlet(name) == brand


@pytest.mark.parametrize("name", ["Tribun-Timur.com", "Serambinews.com", "Kabar  Pesisir"])
def test_unknown_or_sister_sites_stay_as_written(name: str) -> None:
    assert normalize_outlet(name) == " ".join(name.split())
    assert known_outlet(name) is None


def test_clean_authors_prefixes_and_splitting() -> None:
    raw = ["Penulis: Sekar Wulandari", "Reporter : Yoga Pranata, Meita Sari",
           "Oleh Bayu Setiawan dan Lintang Ayu", "Fajar Nugroho; Rina Kusuma"]
    assert clean_authors(raw) == ("Sekar Wulandari", "Yoga Pranata", "Meita Sari",
                                  "Bayu Setiawan", "Lintang Ayu", "Fajar Nugroho", "Rina Kusuma")


def test_clean_authors_drops_editors_initials_and_outlet() -> None:
    raw = ["Editor: Dimas Anggoro", "Redaktur : Wulan Sari", "Red: Purnama Dewi",
           "(gtr/ksm)", "ksm", "CNN Indonesia", "Tim detikcom", "Kompas.com", "Tim Redaksi",
           "Citra Lestari"]
    assert clean_authors(raw, outlet="CNN Indonesia") == ("Citra Lestari",)


def test_clean_authors_byline_suffixes_and_laporan() -> None:
    raw = ["Hendra Wijaya - detikNews", "Laras Putri | Suara.com",
           "Laporan Wartawan Tribunnews.com, Galang Prakoso", "Nanda Saputra, Jurnalis"]
    assert clean_authors(raw) == ("Hendra Wijaya", "Laras Putri", "Galang Prakoso",
                                  "Nanda Saputra")


def test_clean_authors_outlet_argument_and_dedupe() -> None:
    raw = ["Warta Kampung", "Sari Melati", "sari melati", "Penulis: Sari Melati"]
    assert clean_authors(raw, outlet="Warta Kampung") == ("Sari Melati",)
    assert clean_authors(["Warta Kampung"]) == ("Warta Kampung",)


def test_clean_authors_empty() -> None:
    assert clean_authors([]) == ()
    assert clean_authors(["", "  ", "-"]) == ()
