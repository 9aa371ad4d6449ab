"""HTML extraction: story without inserts, metadata from the page, charsets, broken markup."""

from __future__ import annotations

from pathlib import Path

import pytest

from warta.models import Article, Chrome
from warta.page.html import extract_html
from warta.page.read import decode_page, read_page


def _extract(path: Path) -> tuple[Article, Chrome]:
    return extract_html(read_page(path))


@pytest.fixture
def garut(data_dir: Path) -> tuple[Article, Chrome]:
    return _extract(data_dir / "html" / "warta-banjir-garut.html")


def test_body_excludes_inserts_ads_captions_and_credits(garut: tuple[Article, Chrome]) -> None:
    article, _ = garut
    text = "\n".join(article.body)
    assert article.body[0].startswith("Sungai Cimanuk meluap")  # dateline stripped
    assert article.body[-1].endswith("setelah air surut.")  # credit tail stripped
    for noise in ("Baca juga", "ADVERTISEMENT", "Gambas", "Simak Video", "Sumber:",
                  "Pilihan Editor", "Warga mengevakuasi barang", "(ska/byp)", "dimoderasi"):
        assert noise not in text
    assert len(article.body) == 5


def test_metadata_follows_the_page(garut: tuple[Article, Chrome]) -> None:
    article, _ = garut
    assert article.title == "Sungai Cimanuk Meluap, Ratusan Rumah di Garut Terendam"  # h1
    assert article.published == "2025-03-04T09:15:00+07:00"  # not the modified date
    assert article.wire_sources == ("Antara", "Reuters")
    assert article.authors == ("Sekar Ayuningtyas",)  # the editor is not an author
    assert article.outlet is not None and "wartakita" in article.outlet.casefold()


def test_chrome_lists_in_page_order(garut: tuple[Article, Chrome]) -> None:
    _, chrome = garut
    assert chrome.inline == ("Jembatan Gantung Putus, Warga Desa Cikedal Terisolasi",
                             "Detik-detik Air Sungai Cimanuk Masuk Permukiman")
    assert chrome.picks == ("Menengok Kesiapan Garut Menghadapi Puncak Musim Hujan",)
    assert chrome.related == ("Jembatan Gantung Putus, Warga Desa Cikedal Terisolasi",
                              "BMKG Prediksi Hujan Lebat di Priangan Timur Sepekan ke Depan")
    assert chrome.popular[0] == "Harga Cabai Rawit di Pasar Ciawitali Turun Drastis"
    assert chrome.latest == ("Dua Pendaki Gunung Cikuray Berhasil Dievakuasi Tim SAR",
                             "Festival Dodol Garut Kembali Digelar Akhir Pekan Ini")


def test_page_without_metadata_uses_its_own_lines(data_dir: Path) -> None:
    article, chrome = _extract(data_dir / "html" / "harian-tanpa-meta.html")
    assert article.published == "2025-02-14T06:30:00+07:00"  # "Jumat, 14 Februari 2025 | 06:30 WIB"
    assert article.authors == ("Dimas Wicaksono",)
    assert article.body[0].startswith("Ratusan nelayan")  # "PANGANDARAN –" stripped
    assert article.body[-1].endswith("bulan depan.")  # "(dwi)" stripped
    assert not any("Baca Juga" in line for line in article.body)
    assert chrome.inline == ("Harga Ikan Tongkol di Pangandaran Naik Jelang Ramadan",)
    assert article.outlet == "Harian Pesisir"  # from the <title> suffix


def test_modified_date_line_is_not_the_published_date() -> None:
    html = ("<html><body><h1>Gempa Guncang Pesisir Selatan Jawa Barat</h1>"
            "<div class='date'>Diperbarui 12/05/2025, 10:00 WIB</div>"
            "<div class='date'>09/05/2025, 21:40 WIB</div>" + _paragraphs() + "</body></html>")
    article, _ = extract_html(decode_page(html.encode(), name="x.html"))
    assert article.published == "2025-05-09T21:40:00+07:00"


def _paragraphs(n: int = 5) -> str:
    text = ("Warga di sejumlah desa berhamburan keluar rumah ketika guncangan terasa cukup kuat "
            "selama beberapa detik, menurut keterangan petugas setempat kepada wartawan.")
    return "".join(f"<p>{text} Paragraf ke-{i}.</p>" for i in range(n))


@pytest.mark.parametrize("declared", ["utf-8", "windows-1252", "iso-8859-1", None])
def test_charset_variants(declared: str | None) -> None:
    head = f'<meta charset="{declared}">' if declared else ""
    encoding = "utf-8" if declared == "utf-8" else "windows-1252"
    html = (f"<html><head>{head}<title>Uji</title></head><body>"
            "<h1>Kafe “Résumé” Dibuka di Bandung</h1>" + _paragraphs() + "</body></html>")
    article, _ = extract_html(decode_page(html.encode(encoding), name="x.html"))
    assert article.title == "Kafe “Résumé” Dibuka di Bandung"
    assert len(article.body) == 5


@pytest.mark.parametrize("html", [
    "<html><body><h1>Judul Berita",
    "<html><head><title>x</title></head><body><div><p>Teks terpotong di teng",
    "<div><p>" * 50 + "isi",
    "<html><body></body></html>",
    "<html><body><h1></h1><table><tr><td>satu",
])
def test_broken_html_gives_output_not_a_traceback(html: str) -> None:
    article, chrome = extract_html(decode_page(html.encode(), name="rusak.html"))
    assert isinstance(article, Article)
    assert isinstance(chrome, Chrome)


def test_truncated_story_keeps_what_is_there() -> None:
    html = "<html><body><h1>Banjir Rob di Pesisir Utara Jakarta</h1>" + _paragraphs(4)
    article, _ = extract_html(decode_page(html[:-60].encode(), name="potong.html"))
    assert article.title == "Banjir Rob di Pesisir Utara Jakarta"
    assert article.body


def test_no_h1_falls_back_to_metadata_title() -> None:
    html = ('<html><head><meta property="og:title" content="Pasar Murah Digelar di Cirebon">'
            "</head><body>" + _paragraphs() + "</body></html>")
    article, _ = extract_html(decode_page(html.encode(), name="x.html"))
    assert article.title == "Pasar Murah Digelar di Cirebon"


def test_english_page_is_left_alone() -> None:
    text = ("The city council approved the new budget on Tuesday after a long debate about "
            "road repairs, school funding and the cost of public transport.")
    html = ("<html><head><meta property='og:site_name' content='Daily Ledger'></head><body>"
            "<h1>Council Approves Budget</h1>" + "".join(f"<p>{text} Part {i}.</p>"
                                                        for i in range(5)) + "</body></html>")
    article, _ = extract_html(decode_page(html.encode(), name="en.html"))
    assert len(article.body) == 5
    assert all(line.startswith("The city council") for line in article.body)
    assert article.outlet == "Daily Ledger"


def test_publisher_name_refines_a_short_site_name() -> None:
    from warta.page.html import extract_html
    from warta.page.read import decode_page

    html = ('<html><head><meta property="og:site_name" content="KBR">'
            '<script type="application/ld+json">{"@type": "NewsArticle", "publisher": '
            '{"@type": "Organization", "name": "KBR Jateng"}}</script></head><body><article>'
            '<h1>Jalan Desa Diperbaiki</h1>' + '<p>Warga bergotong royong memperbaiki jalan '
            'desa yang rusak akibat hujan deras sepanjang pekan lalu di kampung itu.</p>' * 3
            + '</article></body></html>')
    article, _ = extract_html(decode_page(html.encode(), name="kbr.html"))
    assert article.outlet == "KBR Jateng"


def test_copyright_line_names_the_site_when_metadata_does_not() -> None:
    html = ("<html><body><h1>Gempa Guncang Pesisir Selatan Jawa Barat</h1>" + _paragraphs()
            + "<div id='footer'><p>Copyright © 2025 KabarLembah.co.id, All Rights Reserved</p>"
            "<a href='#'>Redaksi</a></div></body></html>")
    article, _ = extract_html(decode_page(html.encode(), name="x.html"))
    assert article.outlet == "KabarLembah.co.id"
    with_site = html.replace("<html>", "<html><head><meta property='og:site_name' "
                             "content='Kabar Lembah'></head>")
    article, _ = extract_html(decode_page(with_site.encode(), name="x.html"))
    assert article.outlet == "Kabar Lembah"
