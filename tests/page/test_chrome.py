"""Chrome headline lists and inline inserts read from the HTML tree."""

from __future__ import annotations

from lxml.html import HtmlElement, document_fromstring

from warta.page.chrome import collect_chrome, link_headline


def _tree(body: str) -> HtmlElement:
    tree: HtmlElement = document_fromstring(f"<html><body>{body}</body></html>")
    return tree


def test_heading_fills_its_list_until_the_next_heading() -> None:
    root = _tree(
        "<div class='box'><h3>Berita Terkait</h3>"
        "<a href='/1'>Petani Kopi Gayo Mulai Panen Raya Tahun Ini</a>"
        "<a href='/2'>Harga Kopi Arabika di Takengon Naik Tipis</a></div>"
        "<div class='box'><h3>Komentar</h3>"
        "<a href='/login'>Masuk untuk berkomentar di sini</a></div>"
        "<div class='box'><div class='title'>TERPOPULER</div><ul>"
        "<li><a href='/3'><span>1</span><h4>Jadwal Kereta Api Tambahan Libur Panjang</h4></a></li>"
        "<li><a href='/all'>Lihat Semua Berita</a></li></ul></div>")
    chrome = collect_chrome(root).chrome()
    assert chrome.related == ("Petani Kopi Gayo Mulai Panen Raya Tahun Ini",
                              "Harga Kopi Arabika di Takengon Naik Tipis")
    assert chrome.popular == ("Jadwal Kereta Api Tambahan Libur Panjang",)
    assert chrome.latest == ()


def test_nav_link_named_like_a_heading_opens_no_list() -> None:
    root = _tree("<ul class='nav'><li><a href='/terkini'>Terkini</a></li>"
                 "<li><a href='/a'>Berita Ekonomi Hari Ini Lengkap</a></li></ul>")
    assert collect_chrome(root).chrome().latest == ()


def test_inserts_are_cut_and_filed() -> None:
    root = _tree(
        "<div class='content'>"
        "<p>Paragraf pertama cerita yang cukup panjang untuk menjadi bagian dari isi berita "
        "utama hari ini tentang cuaca di wilayah pesisir selatan yang terus berubah-ubah.</p>"
        "<div class='baca'><div class='baca__title'>Baca Juga</div><ul>"
        "<li><a href='/a'>Nelayan Diminta Waspada Gelombang Tinggi</a></li>"
        "<li><a href='/b'>BMKG Keluarkan Peringatan Dini Cuaca Ekstrem</a></li></ul></div>"
        "<div class='ads'><span>ADVERTISEMENT</span></div>"
        "<p><strong>Pilihan Editor:</strong> "
        "<a href='/c'>Mengapa Musim Hujan Datang Terlambat</a></p>"
        "</div>")
    chrome = collect_chrome(root).chrome()
    assert chrome.inline == ("Nelayan Diminta Waspada Gelombang Tinggi",
                             "BMKG Keluarkan Peringatan Dini Cuaca Ekstrem")
    assert chrome.picks == ("Mengapa Musim Hujan Datang Terlambat",)
    text = root.text_content()
    assert "ADVERTISEMENT" not in text and "Baca Juga" not in text and "Pilihan Editor" not in text
    assert "Paragraf pertama" in text


def test_inline_cue_inside_a_long_text_block() -> None:
    root = _tree("<div id='isi'>Kalimat pembuka berita yang panjang sekali dan terus berlanjut "
                 "tanpa tag paragraf sama sekali di halaman ini.<br><br>"
                 "<strong>Baca Juga:</strong> <a href='/x'>Jalan Tol Baru Dibuka Pekan Depan</a>"
                 "<br><br>Kalimat penutup berita.</div>")
    chrome = collect_chrome(root).chrome()
    assert chrome.inline == ("Jalan Tol Baru Dibuka Pekan Depan",)
    text = root.text_content()
    assert "Kalimat pembuka" in text and "Kalimat penutup" in text and "Jalan Tol" not in text


def test_link_headline_prefers_the_title_element() -> None:
    anchor = _tree("<a href='/1'><span>3</span><img src='a.jpg'>"
                   "<h2>Timnas Putri Menang Telak atas Singapura</h2></a>").find(".//a")
    assert anchor is not None
    assert link_headline(anchor) == "Timnas Putri Menang Telak atas Singapura"
