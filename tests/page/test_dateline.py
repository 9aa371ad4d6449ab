"""Dateline heads, credit tails and stand-alone credit lines."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warta.page.dateline import (
    _TAIL,
    Dateline,
    _may_have_tail,
    agency_name,
    parse_credit_line,
    strip_credit_tail,
    strip_dateline,
)

STORY = "Warga desa memperbaiki tanggul yang jebol."


@pytest.mark.parametrize(("head", "place", "outlet"), [
    ("JAKARTA, KOMPAS.com - ", "JAKARTA", "KOMPAS.com"),
    ("SURABAYA, KOMPAS.com – ", "SURABAYA", "KOMPAS.com"),
    ("Ambon (ANTARA) - ", "Ambon", "ANTARA"),
    ("Suara.com - ", None, "Suara.com"),
    ("Suara.com -  ", None, "Suara.com"),
    ("Liputan6.com, Medan - ", "Medan", "Liputan6.com"),
    ("REPUBLIKA.CO.ID, KAIRO -- ", "KAIRO", "REPUBLIKA.CO.ID"),
    ("jpnn.com, PALEMBANG - ", "PALEMBANG", "jpnn.com"),
    ("BANDUNG – ", "BANDUNG", None),
    ("Kapanlagi.com - ", None, "Kapanlagi.com"),
    ("Merdeka.com - ", None, "Merdeka.com"),
    ("TEMPO.CO, Yogyakarta - ", "Yogyakarta", "TEMPO.CO"),
    ("Bisnis.com, SEMARANG — ", "SEMARANG", "Bisnis.com"),
    ("VIVA – ", None, "VIVA"),
    ("Okezone.com, ", None, "Okezone.com"),
    ("MAKASSAR, iNews.id - ", "MAKASSAR", "iNews.id"),
    ("Jakarta, CNN Indonesia -- ", "Jakarta", "CNN Indonesia"),
    ("Jakarta - ", "Jakarta", None),
    ("KUALA LUMPUR, KOMPAS.com - ", "KUALA LUMPUR", "KOMPAS.com"),
    ("tirto.id - ", None, "tirto.id"),
])
def test_strip_dateline(head: str, place: str | None, outlet: str | None) -> None:
    rest, dateline = strip_dateline(head + STORY)
    assert rest == STORY
    assert dateline == Dateline(place=place, outlet=outlet)


@pytest.mark.parametrize("paragraph", [
    "Jakarta menjadi tuan rumah pertemuan itu - kata panitia.",
    "Sementara itu - menurut warga - air mulai surut.",
    "Pemerintah daerah menyiapkan 20 - 30 tenda darurat.",
    "Suara.com berkesempatan mencoba layanan itu selama sepekan.",
    "Harga cabai di pasar tradisional naik tajam pekan ini.",
    "Tim SAR gabungan, yang terdiri atas Basarnas dan relawan - menyisir sungai.",
    "“Kami siap,” kata Bupati - yang baru dilantik - kepada wartawan.",
    "",
])
def test_no_dateline(paragraph: str) -> None:
    assert strip_dateline(paragraph) == (paragraph, None)


def test_dateline_only_at_start() -> None:
    text = "Hujan turun sejak pagi. JAKARTA, KOMPAS.com - bukan awal."
    assert strip_dateline(text) == (text, None)


@pytest.mark.parametrize(("tail", "agencies"), [
    (" (Sumber: Antara/Reuters)", ("Antara", "Reuters")),
    (" (Sumber : AFP)", ("AFP",)),
    (" (ant/rds)", ()),
    (" (afn/imk)", ()),
    (" [rnd]", ()),
    (" (ram)", ()),
    (" (kpl/tri)", ()),
    (" (ast/jpnn)", ()),
    (" (dna/wis)", ()),
    (" (Antara)", ("Antara",)),
    (" (ANTARA)", ("Antara",)),
    (" (Reuters/AFP)", ("Reuters", "AFP")),
    (" (Xinhua/ast)", ("Xinhua",)),
    (" (*)", ()),
    (" (tirto.id - Politik)", ()),
])
def test_strip_credit_tail(tail: str, agencies: tuple[str, ...]) -> None:
    assert strip_credit_tail(STORY + tail) == (STORY, agencies)


@pytest.mark.parametrize("paragraph", [
    "Banjir merendam tiga desa di Kabupaten Dompu (NTB).",
    "Polisi menangkap seorang pria berinisial RS (37)",
    "Kabar itu dilaporkan kantor berita Associated Press (AP).",
    "Pedagang itu menjual nasi (goreng)",
    "Warga mengungsi ke balai desa (lihat peta).",
    "Tidak ada kurung di sini.",
])
def test_credit_tail_keeps_sentences(paragraph: str) -> None:
    assert strip_credit_tail(paragraph) == (paragraph, ())


def test_credit_tail_after_sentence_in_brackets() -> None:
    text = "Pertandingan digelar di Stadion Manahan (Solo). (ram)"
    assert strip_credit_tail(text) == ("Pertandingan digelar di Stadion Manahan (Solo).", ())


@pytest.mark.parametrize(("line", "agencies"), [
    ("Sumber: Reuters, AFP", ("Reuters", "AFP")),
    ("Sumber : Antara, Reuters", ("Antara", "Reuters")),
    ("(Sumber: Antara/Reuters)", ("Antara", "Reuters")),
    ("Sumber: Antara", ("Antara",)),
    ("Sumber: ANTARA", ("Antara",)),
    ("Sumber: Xinhua dan Kyodo", ("Xinhua", "Kyodo")),
    ("(Reuters)", ("Reuters",)),
    ("Sumber: Harian Lokal", ()),
])
def test_parse_credit_line(line: str, agencies: tuple[str, ...]) -> None:
    assert parse_credit_line(line) == agencies


@pytest.mark.parametrize("line", [
    "Sumber anggaran berasal dari APBD.",
    "Reuters melaporkan kapal itu tenggelam.",
    "(NTB)",
    "",
    "Menurut sumber: aparat desa.",
])
def test_not_credit_lines(line: str) -> None:
    assert parse_credit_line(line) is None


@pytest.mark.parametrize(("name", "agency"), [
    ("antara", "Antara"), ("ANTARA News", "Antara"), ("Associated Press", "AP"),
    ("dpa", "dpa"), ("Tass", "TASS"), ("Yonhap", "Yonhap"), ("ant", None), ("rds", None),
    ("Kompas.com", None),
])
def test_agency_name(name: str, agency: str | None) -> None:
    assert agency_name(name) == agency


@pytest.mark.parametrize("line", [
    "Hendra Wijaya - detikNews",
    "(kompas.id - Nasional)",
    "- Bukan dateline",
])
def test_bylines_and_tails_are_not_datelines(line: str) -> None:
    assert strip_dateline(line) == (line, None)


@pytest.mark.parametrize(("paragraph", "rest", "agencies"), [
    ("Rapat selesai sore itu. (RIF)", "Rapat selesai sore itu.", ()),
    ("Menurut laporan terbaru (Antara)", "Menurut laporan terbaru", ("Antara",)),
    ("Warga tinggal di Kabupaten Bima (NTB)", "Warga tinggal di Kabupaten Bima (NTB)", ()),
])
def test_capital_initials_and_bare_agency(paragraph: str, rest: str,
                                          agencies: tuple[str, ...]) -> None:
    assert strip_credit_tail(paragraph) == (rest, agencies)


@settings(max_examples=300, deadline=200)
@given(st.text(max_size=200))
def test_never_raises_on_any_text(text: str) -> None:
    rest, dateline = strip_dateline(text)
    if dateline is None:
        assert rest == text
    else:
        assert text.endswith(rest) and len(rest) < len(text)
    head, agencies = strip_credit_tail(text)
    assert text.startswith(head.rstrip()) and all(isinstance(a, str) for a in agencies)
    credit = parse_credit_line(text)
    assert credit is None or isinstance(credit, tuple)


@settings(max_examples=500, deadline=200)
@given(st.text(alphabet=st.sampled_from("ab1 .()[]/\n\t\u00a0\u2003\u3000"), max_size=40))
def test_tail_precheck_never_skips_a_tail(text: str) -> None:
    """The cheap check before the credit-tail search only skips paragraphs it cannot match."""
    if _TAIL.search(text) is not None:
        assert _may_have_tail(text)


@pytest.mark.parametrize("paragraph", [
    "Tentara berjaga di pos perbatasan. (AFP/STR)",
    "Petugas memadamkan api. (REUTERS/STR)",
])
def test_photo_credits_are_not_wire_credits(paragraph: str) -> None:
    assert strip_credit_tail(paragraph) == (paragraph, ())


def test_desk_codes_end_a_credit_tail() -> None:
    from warta.page.dateline import strip_credit_tail

    assert strip_credit_tail("Kota itu kembali tenang. (AFP/Reuters/B-7)") == (
        "Kota itu kembali tenang.", ("AFP", "Reuters"))
    assert strip_credit_tail("Rapat berlanjut esok hari. (S-4)") == (
        "Rapat berlanjut esok hari.", ())
