"""Inline inserts, captions and byline lines."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warta.page.inserts import (
    Insert,
    classify_insert,
    is_caption,
    is_writer_role,
    parse_byline,
    parse_bylines,
)


@pytest.mark.parametrize(("prefix", "headline", "suffix"), [
    ("Baca juga: ", "Petani Garam di Madura Keluhkan Harga Anjlok", ""),
    ("Baca Juga: ", "Jembatan Gantung Putus, Siswa Seberangi Sungai", ""),
    ("BACA JUGA : ", "Festival Layang-layang Digelar di Pantai Padang", ""),
    ("Baca: ", "Kapal Nelayan Hilang Kontak di Perairan Natuna", ""),
    ("Simak juga: ", "Resep Sambal Matah ala Warung Bali", ""),
    ("Lihat Juga : ", "Gerhana Bulan Total Terlihat dari Kupang", ""),
    ("Lihat Juga :", "Kereta Cepat Tambah Jadwal Akhir Pekan", ""),
    ("Baca Juga", "Pasar Terapung Kembali Ramai Dikunjungi", ""),
    ('Simak Video "', "Detik-detik Tanggul Jebol di Demak", '":'),
    ("Simak Video “", "Warga Bergotong Royong Bersihkan Lumpur", "”"),
    ("Baca juga: ", '"Kami Tidak Takut", Kata Nelayan Natuna', ""),
])
def test_inline_headlines(prefix: str, headline: str, suffix: str) -> None:
    assert classify_insert(prefix + headline + suffix) == Insert("inline", headline)


@pytest.mark.parametrize("line", ["Baca Juga:", "Baca juga", "BACA JUGA", "Lihat Juga:", "Baca :"])
def test_bare_marker_opens_list(line: str) -> None:
    assert classify_insert(line) == Insert("inline", None, opens_list=True)


def test_picks() -> None:
    line = "Pilihan Editor: Jejak Kasus Suap Perizinan Tambang di Daerah"
    assert classify_insert(line) == Insert("picks", "Jejak Kasus Suap Perizinan Tambang di Daerah")


@pytest.mark.parametrize("line", [
    "ADVERTISEMENT",
    "Advertisement",
    "SCROLL TO CONTINUE WITH CONTENT",
    "ADVERTISEMENTSCROLL TO CONTINUE WITH CONTENT",
    "[Gambas:Video 20detik]",
    "[Gambas:Video CNN]",
    "[Gambas:Instagram]",
    "Saksikan Video Pilihan Berikut Ini:",
    "Simak video berikut ini:",
    "Halaman selanjutnya",
    "Halaman 1 2 3",
    "1 2 3 Selanjutnya",
    "Selanjutnya",
    "Berikutnya",
    "Halaman 2 dari 4",
    "« Sebelumnya 1 2 Berikutnya »",
    "Laporan Wartawan Tribunnews.com, Galang Prakoso",
    "Laporan wartawan Tribun-Jateng.com, Rina Puspita",
    "Artikel ini telah tayang di TribunBatam.id dengan judul Kapal Tenggelam",
    "Sumber: Reuters, AFP",
    "Sumber : Antara",
    "Foto: Yudha/JPNN.com",
    "Foto: Reuters",
    "Sepasang pengantin berpose di pelaminan © Instagram",
    "©2026 Merdeka.com",
    "Ilustrasi banjir. ©2026 Merdeka.com",
    "Petugas mengevakuasi warga, Selasa (4/3/2025). (Foto: ANTARA/Wahyu Putro)",
    "Relawan membagikan makanan di posko. Foto: Biro Pers Sekretariat Presiden",
    "Editor: Dimas Anggoro",
    "Penulis: Sekar Wulandari",
    "Reporter: Yoga Pranata",
    "Pewarta: Martinus Gobai",
    "Redaktur : Wulan Sari",
    "Red: Purnama Dewi",
])
def test_dropped_lines(line: str) -> None:
    assert classify_insert(line) == Insert("drop")


@pytest.mark.parametrize("line", [
    "Polisi menyita foto dan dokumen milik tersangka di rumahnya.",
    "Sumber di kepolisian menyebut pelaku sempat kabur ke hutan.",
    "Menurut sumber: tidak ada korban jiwa dalam kejadian itu.",
    "Editor senior surat kabar itu hadir dalam sidang.",
    "Penulis buku sejarah itu meninggal dunia pada usia 80 tahun.",
    "Reporter televisi lokal terluka saat meliput bentrokan.",
    "Oleh karena itu, polisi menahan kedua tersangka.",
    "Selanjutnya, penyidik memeriksa tujuh saksi.",
    "Halaman kantor desa rusak diterjang angin puting beliung.",
    "Baca puisi menjadi lomba favorit di festival itu.",
    "Lihat saja nanti hasilnya, kata dia.",
    "Foto bersama digelar usai penandatanganan kerja sama.",
    "Pilihan editor majalah itu jatuh pada novel perdananya.",
    "Harga beras naik 10/20 persen di sejumlah pasar.",
    "Ia membayar dan/atau menandatangani kontrak itu sendiri.",
    "Kementerian itu menyatakan sikapnya (Reuters/AFP).",
    "Pemerintah menyalurkan bantuan kepada warga terdampak (ant/rds)",
    "2025",
    "Jakarta",
    "",
])
def test_story_is_not_insert(line: str) -> None:
    assert classify_insert(line) is None


@pytest.mark.parametrize("line", [
    "Foto: Yudha/JPNN.com",
    "Nelayan menarik perahu ke pantai, Senin (3/3). Foto: Yudha/JPNN.com",
    "Prajurit berjaga di pos perbatasan. (AFP/STR)",
    "Ilustrasi kepolisian. (Liputan6.com/Rizal Hakim)",
    "Ilustrasi peta Semenanjung Korea. tirto.id/Sekar",
    "Layar pergerakan saham. FOTO/Dok. SINDOnews",
    "AKSI - Massa membentangkan spanduk. TRIBUN-JATENG.COM/RINA PUSPITA",
    "Warga mengungsi ke masjid. ANTARA FOTO/Budi Santoso",
    "Penyanyi itu tampil memukau (Foto: Instagram/@penyanyi)",
    "Kondisi jalan yang amblas. (Foto: dok. BPBD Kabupaten Garut)",
])
def test_captions(line: str) -> None:
    assert is_caption(line)


@pytest.mark.parametrize("line", [
    "Polisi memotret lokasi kejadian untuk keperluan penyelidikan.",
    "Pertandingan berakhir 2-1 untuk tuan rumah. (ram)",
    "Kantor berita itu mengutip sumber militer (Reuters/AFP).",
    "Rasio pinjaman 30/70 antara bank dan nasabah.",
    "Ia menyukai fotografi sejak kecil.",
])
def test_not_captions(line: str) -> None:
    assert not is_caption(line)


@pytest.mark.parametrize(("line", "parsed"), [
    ("Reporter: Hana Pertiwi", ("Reporter", "Hana Pertiwi")),
    ("Reporter : Yoga Pranata", ("Reporter", "Yoga Pranata")),
    ("Penulis: Sekar Wulandari", ("Penulis", "Sekar Wulandari")),
    ("Penulis Lintang Ayu Maharani", ("Penulis", "Lintang Ayu Maharani")),
    ("Editor: Dimas Anggoro", ("Editor", "Dimas Anggoro")),
    ("| Editor Citra Lestari", ("Editor", "Citra Lestari")),
    ("Pewarta: Martinus Gobai", ("Pewarta", "Martinus Gobai")),
    ("Redaktur : Wulan Sari", ("Redaktur", "Wulan Sari")),
    ("Red: Purnama Dewi", ("Red", "Purnama Dewi")),
    ("Oleh Bayu Setiawan, Lintang Ayu", ("Oleh", "Bayu Setiawan, Lintang Ayu")),
    ("Laporan Wartawan Tribunnews.com, Galang Prakoso", ("Laporan Wartawan", "Galang Prakoso")),
])
def test_parse_byline(line: str, parsed: tuple[str, str]) -> None:
    assert parse_byline(line) == parsed


def test_parse_bylines_several_roles() -> None:
    line = "Penulis: Rudi Hartono | Editor: Sinta Maharani"
    assert parse_bylines(line) == (("Penulis", "Rudi Hartono"), ("Editor", "Sinta Maharani"))
    assert is_writer_role("Penulis")
    assert not is_writer_role("Editor")
    assert not is_writer_role("Redaktur")


@pytest.mark.parametrize("line", [
    "Penulis buku sejarah itu meninggal dunia pada usia 80 tahun.",
    "Oleh karena itu, polisi menahan kedua tersangka.",
    "Reporter televisi lokal terluka saat meliput bentrokan.",
    "Editor senior surat kabar itu hadir dalam sidang.",
    "",
])
def test_not_bylines(line: str) -> None:
    assert parse_byline(line) is None
    assert parse_bylines(line) == ()


@pytest.mark.parametrize(("line", "parsed"), [
    ("Hendra Wijaya - detikNews", (("Penulis", "Hendra Wijaya"),)),
    ("Laras Putri | Suara.com", (("Penulis", "Laras Putri"),)),
    ("Nanda Saputra, Jurnalis · Sabtu, 7 Juni 2025 | 09:00 WIB", (("Reporter", "Nanda Saputra"),)),
])
def test_bylines_with_outlet_or_role_after(line: str, parsed: tuple[tuple[str, str], ...]) -> None:
    assert parse_bylines(line) == parsed
    assert classify_insert(line) == Insert("drop")


def test_name_dash_unknown_word_is_not_byline() -> None:
    assert parse_bylines("Hendra Wijaya - Sekretaris Desa") == ()


@pytest.mark.parametrize("line", ["(gtr/ksm)", "[ndr]", "(kompas.id - Nasional)", "(*)"])
def test_credit_tail_alone_is_dropped(line: str) -> None:
    assert classify_insert(line) == Insert("drop")


@pytest.mark.parametrize("line", [
    "FOTO: Ribuan Warga Padati Kirab Budaya di Alun-alun Kota",
    "Foto: Suasana Haru Pelepasan Jemaah Haji Kloter Pertama",
])
def test_photo_gallery_headline_is_not_caption(line: str) -> None:
    assert not is_caption(line)


@pytest.mark.parametrize("line", [
    "Dok. Humas Pemkab Sleman",
    "Ilustrasi kartu kredit. (Pixabay)",
    "Ilustrasi petani memanen padi",
    "Warga antre air bersih. (ANTARA FOTO/Rahmat Hidayat/nym)",
    "Lokasi longsor di Desa Cibuntu. (dok. BPBD Kuningan)",
])
def test_more_captions(line: str) -> None:
    assert is_caption(line)
    assert classify_insert(line) == Insert("drop")


@pytest.mark.parametrize("line", [
    "Ilustrasi menjadi kunci keberhasilan buku cerita anak di pasaran.",
    "Ilustrasi karya seniman muda itu dipamerkan di galeri kota.",
])
def test_illustration_sentences_are_story(line: str) -> None:
    assert not is_caption(line)
    assert classify_insert(line) is None


@pytest.mark.parametrize("line", ["waktu baca 4 menit", "Dengarkan berita ini",
                                  "Halaman: 1 2 ... 5"])
def test_more_noise(line: str) -> None:
    assert classify_insert(line) == Insert("drop")


@settings(max_examples=300, deadline=200)
@given(st.text(max_size=200))
def test_never_raises_on_any_text(text: str) -> None:
    found = classify_insert(text)
    assert found is None or found.kind in ("inline", "picks", "drop")
    assert isinstance(is_caption(text), bool)
    for role, name in parse_bylines(text):
        assert role and name


@settings(max_examples=50, deadline=200)
@given(st.text(alphabet="1 /.-aA", max_size=60))
def test_no_catastrophic_backtracking(text: str) -> None:
    classify_insert(text)
    is_caption(text)


def test_sentence_followed_by_slash_credit_is_a_caption() -> None:
    from warta.page.inserts import is_caption

    assert is_caption("Para pemain merayakan gol kedua di stadion. /Dok. Klub Pesisir")
    assert not is_caption("Harga naik 10 persen/bulan sejak Januari.")
