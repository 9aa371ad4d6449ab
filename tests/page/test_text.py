"""Crawled-text extractor: story lines vs chrome, on the project's own pages (tests/data/text)."""

from __future__ import annotations

from pathlib import Path

import pytest

from warta.models import Article, Chrome, Page
from warta.page.text import extract_text


def _extract(text: str, name: str = "page.txt") -> tuple[Article, Chrome]:
    return extract_text(Page(name=name, kind="text", text=text))


def _fixture(data_dir: Path, name: str) -> tuple[Article, Chrome]:
    path = data_dir / "text" / name
    return _extract(path.read_text("utf-8"), str(path))


# --- seed-like layout: dateline first, no headline, wire credit tail, "-" separated lists


def test_seedlike_body_is_the_story_only(data_dir: Path) -> None:
    article, _ = _fixture(data_dir, "seedlike.txt")
    assert len(article.body) == 6
    assert article.body[0].startswith("Pemerintah Kabupaten Sumba Barat")
    assert article.body[-1].endswith("selama musim kemarau.")
    assert not any("Baca Juga" in paragraph for paragraph in article.body)


def test_seedlike_metadata(data_dir: Path) -> None:
    article, _ = _fixture(data_dir, "seedlike.txt")
    assert article.title is None
    assert article.published == "2025-09-04"
    assert article.outlet == "Kabarnusa.com"
    assert article.wire_sources == ("Antara", "AFP")
    assert article.authors == ()


def test_seedlike_chrome_lists(data_dir: Path) -> None:
    _, chrome = _fixture(data_dir, "seedlike.txt")
    assert chrome.inline == ("Petani Garam di Kupang Justru Panen Raya Saat Kemarau Panjang",)
    assert len(chrome.related) == 3
    assert chrome.popular[0] == "Lima Cara Sederhana Menghemat Air di Rumah Saat Kemarau"
    assert len(chrome.latest) == 2
    assert chrome.picks == ()


# --- headline page: cookie banner, menu, breadcrumb, headline, bylines, chrome mid-story


def test_headline_line_is_the_title(data_dir: Path) -> None:
    article, _ = _fixture(data_dir, "headline_page.txt")
    assert article.title == "Longsor Timbun Jalan Provinsi di Garut, Dua Pengendara Tertimbun"


def test_cookie_menu_and_caption_stay_out(data_dir: Path) -> None:
    article, _ = _fixture(data_dir, "headline_page.txt")
    text = " ".join(article.body)
    assert "cookie" not in text
    assert "Foto:" not in text
    assert "Beranda" not in text
    assert article.body[0].startswith("Tanah longsor menimbun")  # dateline stripped


def test_chrome_block_interrupting_the_story(data_dir: Path) -> None:
    article, chrome = _fixture(data_dir, "headline_page.txt")
    assert len(article.body) == 6
    assert article.body[-1].endswith("melalui Kadungora.")  # credit tail "(rhm/snt)" gone
    assert chrome.inline == ("Hujan Deras Picu Banjir di Tiga Kecamatan di Kabupaten Bandung",
                             "Warga Garut Diminta Waspada Longsor Susulan")
    assert chrome.related == ("Jalur Alternatif Garut-Bandung Mulai Padat Kendaraan",
                              "Dinas PUPR Siapkan Jembatan Darurat di Ruas Longsor")
    text = " ".join(article.body)
    assert "Jalur Alternatif" not in text and "ADVERTISEMENT" not in text


def test_date_line_beats_updated_line(data_dir: Path) -> None:
    article, _ = _fixture(data_dir, "headline_page.txt")
    assert article.published == "2025-09-08T14:20:00+07:00"


def test_byline_vs_editor_and_credit_line(data_dir: Path) -> None:
    article, chrome = _fixture(data_dir, "headline_page.txt")
    assert article.authors == ("Rahmat Hidayat",)
    assert article.wire_sources == ("Reuters", "AFP")
    assert article.outlet == "Kabarnusa.com"
    assert chrome.popular == ("Harga Cabai Rawit di Pasar Garut Turun Tajam",
                              "Persib Umumkan Skuad untuk Laga Tandang ke Makassar")
    assert chrome.picks == ("Mengenal Tradisi Ngalaksa di Sumedang",)
    assert chrome.latest == ("Pemprov Jabar Salurkan Bantuan untuk Korban Longsor",)


# --- labels on their own line, "Pilihan Editor:", "Name - brand" bylines, video inserts


def test_labels_alone_on_their_line(data_dir: Path) -> None:
    article, chrome = _fixture(data_dir, "label_lines.txt")
    assert article.authors == ("Dwi Anggraini",)
    assert article.title is not None and article.title.startswith("Kejaksaan Tahan")
    assert article.published == "2025-11-12T19:40:00+07:00"
    assert len(article.body) == 4
    assert chrome.picks == ("Jejak Kasus Korupsi Pengadaan di Sektor Pendidikan",)


def test_dash_byline_ads_and_video_insert(data_dir: Path) -> None:
    article, chrome = _fixture(data_dir, "wire_desk.txt")
    assert article.title == "Bentrokan di Perbatasan, Dua Negara Saling Tuding"
    assert article.authors == ("Andi Prasetyo",)
    assert len(article.body) == 3
    assert article.body[0].startswith("Bentrokan bersenjata")  # "Jakarta - " stripped
    assert chrome.inline == ("Ketegangan di Perbatasan Kian Memanas",)
    assert not any("SCROLL" in paragraph or "Gambas" in paragraph for paragraph in article.body)


# --- pages with no story


@pytest.mark.parametrize("name", ["home_page.txt", "not_found.txt", "login_wall.txt"])
def test_pages_without_a_story(data_dir: Path, name: str) -> None:
    article, _ = _fixture(data_dir, name)
    assert article.body == ()
    assert article.title is None


def test_empty_page() -> None:
    article, chrome = _extract("")
    assert article.is_empty
    assert chrome == Chrome()


# --- single lines


def test_diperbarui_only_is_not_published() -> None:
    text = ("Diperbarui: Selasa, 9 September 2025 08:05 WIB\n"
            + _STORY)
    article, _ = _extract(text)
    assert article.published != "2025-09-09"


def test_headline_with_a_date_is_not_a_date_line() -> None:
    text = ("Pilihan\n-\nHarga Pertamax Turun per 1 Oktober 2025, Cek Daftarnya\n-\n"
            "Warga Antre Minyak Goreng Murah di Kantor Kelurahan\n")
    _, chrome = _extract(_STORY + text)
    assert chrome.picks[0] == "Harga Pertamax Turun per 1 Oktober 2025, Cek Daftarnya"
    assert len(chrome.picks) == 2


def test_redaktur_is_not_an_author() -> None:
    article, _ = _extract(_STORY + "Redaktur : Sinta Maharani\nReporter : Yoga Pratama\n")
    assert article.authors == ("Yoga Pratama",)


def test_menu_heading_without_headlines_records_nothing() -> None:
    article, chrome = _extract("Beranda\nTerkini\nPolitik\nHukum\n" + _STORY)
    assert chrome.latest == ()
    assert len(article.body) == 3


_STORY = (
    "Kabarnusa.com - Ratusan warga di pesisir utara Jakarta mengungsi setelah banjir rob "
    "merendam permukiman mereka pada Senin (6/10/2025) malam, kata petugas setempat.\n"
    "Ketinggian air mencapai 60 sentimeter di sejumlah gang sempit. Petugas membuka dapur umum "
    "di halaman masjid untuk para pengungsi.\n"
    "Badan meteorologi memperkirakan pasang laut maksimum masih akan terjadi hingga akhir pekan "
    "ini.\n"
)


def test_short_sentence_inside_the_story_is_kept() -> None:
    lines = _STORY.splitlines()
    text = "\n".join([lines[0], "Air terus naik.", *lines[1:]]) + "\n"
    article, _ = _extract(text)
    assert "Air terus naik." in article.body


def test_comments_after_the_story_are_not_story() -> None:
    comments = ("Komentar\nBudi Santoso\nSemoga warga pesisir cepat mendapat bantuan dan "
                "pemerintah segera membangun tanggul yang lebih tinggi di sana.\n")
    article, _ = _extract(_STORY + comments)
    assert len(article.body) == 3


def test_bare_name_above_a_dashed_date_line_is_the_byline() -> None:
    from warta.models import Page
    from warta.page.text import extract_text

    story = ("Warga kampung nelayan menggelar lomba perahu hias untuk merayakan hari jadi desa "
             "pada Minggu pagi, dan ribuan penonton memadati tepi pantai sejak subuh.")
    text = "\n".join([
        "Kabarpantai.id", "Beranda", "Daerah",
        "Lomba Perahu Hias Meriahkan Hari Jadi Desa Nelayan",
        "Sari Andini", "- Minggu, 8 Februari 2026, 10:15 WIB",
        "Perahu-perahu hias berlayar di teluk. /Dok. Panitia",
        story, story.replace("Minggu pagi", "Sabtu sore"),
    ])
    article, _ = extract_text(Page(name="x.txt", kind="text", text=text))
    assert article.authors == ("Sari Andini",)
    assert article.title == "Lomba Perahu Hias Meriahkan Hari Jadi Desa Nelayan"
    assert article.published == "2026-02-08T10:15:00+07:00"


def test_agency_dateline_under_a_site_brand_keeps_the_site_as_outlet() -> None:
    lines = ["Suara Lembah", "Beranda", "Nasional",
             "Menteri Bertemu Mitranya dari Korea di Surabaya",
             "Selasa, 5 November 2024 09:09 WIB",
             "Surabaya (AFP) - Pemerintah Indonesia dan Korea Selatan sepakat memperluas "
             "kerja sama industri baterai dalam pertemuan di Surabaya, Selasa.",
             "Kedua menteri juga membahas rencana pelatihan tenaga kerja dan pendanaan bersama "
             "untuk pabrik baru di kawasan industri Gresik.",
             "Pertemuan berikutnya dijadwalkan berlangsung di Seoul pada awal tahun depan."]
    article, _ = _extract("\n".join(lines))
    assert article.outlet == "Suara Lembah"
    # the agency's own page: the dateline is the only brand
    article, _ = _extract("\n".join(lines[3:]))
    assert article.outlet == "AFP"


def test_footer_menu_on_one_line_is_neither_author_nor_list_item() -> None:
    lines = ["Kabar Lembah", "Pemkab Tambah Armada Pengangkut Sampah",
             "Penulis: Rara Wulandari", "Senin, 9 Maret 2026 08:00 WIB",
             "Pemerintah kabupaten menambah sepuluh truk pengangkut sampah untuk melayani "
             "kecamatan yang selama ini belum terjangkau, kata kepala dinas lingkungan hidup.",
             "Truk baru itu akan mulai beroperasi pekan depan dengan jadwal pengangkutan "
             "dua kali sehari di pasar dan permukiman padat.",
             "Terpopuler", "- Harga Cabai Rawit Turun di Pasar Induk",
             "- Jembatan Gantung Desa Selesai Diperbaiki",
             "- Festival Layang-Layang Digelar di Pantai Selatan",
             "Tentang Kami · Pedoman Media Siber · Kontak", "© 2026 Kabar Lembah"]
    article, chrome = _extract("\n".join(lines))
    assert article.authors == ("Rara Wulandari",)
    assert chrome.popular[-1] == "Festival Layang-Layang Digelar di Pantai Selatan"
    assert len(chrome.popular) == 3
