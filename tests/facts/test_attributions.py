"""Attributions: cues, speakers, direct quotes, paragraphs (original example sentences)."""

from __future__ import annotations

import time

import pytest

from warta.facts.attributions import (
    find_attributions,
    find_credits,
    lexicon,
    source_for,
    split_title,
)
from warta.facts.document import FactsDoc
from warta.models import Article, Attribution, Entity


def attributions(*paragraphs: str, entities: tuple[Entity, ...] = ()) -> list[Attribution]:
    doc = FactsDoc.from_article(Article(body=paragraphs))
    doc.entities = list(entities)
    return find_attributions(doc).attributions


def speakers(*paragraphs: str) -> list[tuple[int, str]]:
    return [(a.paragraph, a.speaker) for a in attributions(*paragraphs)]


def test_inverted_quote_credits_speaker_directly() -> None:
    found = attributions("“Jembatan itu harus selesai bulan depan,” kata Bupati Lestari Wulandari.")
    assert found == [Attribution("Lestari Wulandari", "kata", True, 1)]


def test_verb_cue_strips_title_and_rank() -> None:
    found = attributions(
        "Kepala Bidang Humas Polda Riau Kombes Pol Danu Prasetyo mengatakan dua orang "
        "diamankan di lokasi.")
    assert found == [Attribution("Danu Prasetyo", "mengatakan", False, 1)]


def test_apposition_name_between_commas() -> None:
    assert speakers("Pelatih tim tamu, Marco Silva, mengakui timnya tampil buruk.") == [
        (1, "Marco Silva")]


def test_antara_style_place_and_day_before_the_verb() -> None:
    assert speakers(
        "Kepala Dinas Kesehatan Kota Kendari Yusuf Halim di Kendari, Senin, mengatakan "
        "vaksin sudah tiba.") == [(1, "Yusuf Halim")]


def test_katanya_and_ujar_dia_resolve_to_the_last_named_speaker() -> None:
    found = attributions(
        "Direktur Utama PT Sinar Laut Hendra Wijaya menjelaskan kapal berangkat pagi hari.",
        "“Cuaca masih cukup baik untuk berlayar,” katanya.",
        "\"Kami tetap memantau gelombang,\" ujar dia.",
    )
    assert [(a.paragraph, a.speaker, a.cue, a.direct) for a in found] == [
        (1, "Hendra Wijaya", "menjelaskan", False),
        (2, "Hendra Wijaya", "katanya", True),
        (3, "Hendra Wijaya", "ujar", True),
    ]


def test_short_name_expands_to_the_full_name_seen_earlier() -> None:
    assert speakers(
        "Ketua panitia Rudi Hartono menyebut acara dihadiri tiga ribu orang.",
        "“Semua berjalan lancar,” ucap Rudi.",
    ) == [(1, "Rudi Hartono"), (2, "Rudi Hartono")]


def test_menurut_dia_and_menurut_data() -> None:
    assert speakers(
        "Kepala Stasiun Meteorologi Fajar Nugroho mengatakan hujan turun sejak sore.",
        "Menurut dia, banjir akan surut besok pagi.",
        "Menurut data Badan Pusat Statistik, harga beras naik dua persen.",
    ) == [(1, "Fajar Nugroho"), (2, "Fajar Nugroho"), (3, "Badan Pusat Statistik")]


def test_passive_credits_need_an_agent() -> None:
    found = speakers(
        "Kabar penangkapan itu dibantah aparat keamanan setempat.",
        "Jadwal pemilihan ulang diumumkan Ankara pada Selasa malam.",
        "Sejumlah rumah juga dilaporkan rusak akibat angin kencang.",
    )
    assert found == [(1, "aparat keamanan setempat"), (2, "Ankara")]


def test_news_agency_and_quoted_source() -> None:
    assert speakers(
        "Dua kapal bertabrakan di selat itu, kantor berita Yonhap melaporkan.",
        "Dikutip dari harian setempat, Warta Pagi, jalan itu ditutup sementara.",
        "Seperti dilansir Reuters, bursa Asia dibuka melemah.",
    ) == [(1, "Yonhap"), (2, "Warta Pagi"), (3, "Reuters")]


def test_unnamed_speaker_is_written_as_in_the_text() -> None:
    assert speakers("Enam warga terluka dalam kebakaran itu, kata pejabat setempat.") == [
        (1, "pejabat setempat")]


def test_non_cues_do_not_credit_claims() -> None:
    assert speakers(
        "Gubernur Sulawesi Utara meminta warga tetap tenang.",
        "Organisasi itu mengecam penembakan tersebut dan mendesak penyelidikan.",
        "Menteri Luar Negeri Andi Saputra menyampaikan apresiasi kepada tim penyelamat.",
        "Pemerintah Kota Padang menyambut baik keputusan itu.",
        "Kapolres mengimbau pengendara menghindari jalur tersebut.",
    ) == []


def test_one_entry_per_speaker_per_paragraph_first_cue_kept() -> None:
    found = attributions(
        "Dokter Maya Lestari mengatakan pasien sudah sadar. Ia menambahkan kondisinya "
        "stabil, ujar Maya.")
    assert [(a.speaker, a.cue) for a in found] == [("Maya Lestari", "mengatakan")]


def test_two_speakers_in_one_paragraph() -> None:
    assert speakers(
        "Militer Filipina menyebut dua kapal asing memasuki perairannya, sedangkan "
        "Kementerian Luar Negeri Vietnam menyatakan kapal itu kapal nelayan.") == [
        (1, "Militer Filipina"), (1, "Kementerian Luar Negeri Vietnam")]


def test_quote_over_two_paragraphs_credits_both() -> None:
    found = attributions(
        "“Tanggul itu sudah retak sejak pekan lalu. Kami sudah melapor ke dinas.",
        "“Tetapi belum ada perbaikan sampai hari ini,” kata Ketua RT Bambang Sutrisno.",
    )
    assert [(a.paragraph, a.speaker, a.direct) for a in found] == [
        (1, "Bambang Sutrisno", True), (2, "Bambang Sutrisno", True)]


def test_verb_then_open_quote_carries_to_next_paragraph() -> None:
    found = attributions(
        "Camat Siti Rahayu mengatakan, “Bantuan tahap pertama sudah dibagikan.",
        "“Tahap kedua menyusul pekan depan.”",
    )
    assert [(a.paragraph, a.speaker, a.direct) for a in found] == [
        (1, "Siti Rahayu", True), (2, "Siti Rahayu", True)]


def test_cue_inside_the_quote_is_not_a_credit() -> None:
    assert speakers(
        "“Warga membantah ada pungutan. Mereka mengatakan semua gratis,” ujar Lurah Dedi "
        "Kurniawan.") == [(1, "Dedi Kurniawan")]


def test_anaphoric_noun_phrase_resolves_to_earlier_speaker() -> None:
    assert speakers(
        "Kementerian Kesehatan Jepang melaporkan 40 kasus baru.",
        "Kementerian itu juga menyatakan vaksin tambahan akan tiba.",
    ) == [(1, "Kementerian Kesehatan Jepang"), (2, "Kementerian Kesehatan Jepang")]


def test_weak_verb_needs_a_clause() -> None:
    assert speakers(
        "Badan SAR Nasional mencatat tujuh nelayan masih hilang.",
        "Tim tuan rumah memastikan kemenangan lewat gol menit akhir.",
        "Sektor tambang mencatat kenaikan tertinggi.",
    ) == [(1, "Badan SAR Nasional")]


def test_acronym_defined_in_the_story_gives_the_long_name() -> None:
    assert speakers(
        "Badan Riset dan Inovasi Nasional (BRIN) melaporkan gempa susulan.",
        "BRIN mencatat 12 gempa terjadi dalam semalam.",
    ) == [(1, "Badan Riset dan Inovasi Nasional"), (2, "Badan Riset dan Inovasi Nasional")]


def test_entities_give_canonical_names() -> None:
    ministry = Entity("Kementerian Pertahanan Estonia", "ORG",
                      mentions=("Kementerian Pertahanan Estonia", "kemhan Estonia"))
    found = attributions("Latihan itu berjalan sesuai rencana, kata kemhan Estonia.",
                         entities=(ministry,))
    assert [a.speaker for a in found] == ["Kementerian Pertahanan Estonia"]


def test_abbreviation_expands_without_entities() -> None:
    assert speakers("Latihan itu berjalan sesuai rencana, kata kemenhan Estonia.") == [
        (1, "Kementerian Pertahanan Estonia")]


def test_find_credits_spans_point_at_text() -> None:
    text = "“Kami siap,” ujar Kapten Rina Oktaviani kepada wartawan."
    (credit,) = find_credits(text)
    assert text[slice(*credit.cue_span)] == "ujar"
    assert text[slice(*credit.span)] == "Kapten Rina Oktaviani"
    assert credit.direct


@pytest.mark.parametrize(("phrase", "name"), [
    ("Ketua KPK Dimas Pratama", "Dimas Pratama"),
    ("Wali Kota Medan Bobby Siregar", "Bobby Siregar"),
    ("Presiden Prancis Louis Martin", "Louis Martin"),
    ("Kementerian Luar Negeri Jepang", "Kementerian Luar Negeri Jepang"),
    ("juru bicara militer Korea Selatan", "juru bicara militer Korea Selatan"),
])
def test_split_title(phrase: str, name: str) -> None:
    assert split_title(phrase)[0] == name


def test_source_for_sentence_and_paragraph() -> None:
    doc = FactsDoc.from_article(Article(body=(
        "Tim SAR masih bersiaga di Garut.",
        "Kepala BPBD Garut Agus Salim mengatakan tiga rumah hanyut.",
        "Menurut polisi, dua warga ditahan.",
        "Hujan deras turun sejak pagi.",
    )))
    find_attributions(doc)
    assert source_for(doc, 2, "Tiga rumah hanyut.") == "Agus Salim"
    assert source_for(doc, 3, "Menurut polisi, dua warga ditahan.") == "polisi"
    assert source_for(doc, 4, "Hujan deras turun sejak pagi.") is None


def test_lexicon_lists_non_cues_apart_from_cues() -> None:
    lex = lexicon()
    for word in ("meminta", "mengimbau", "mendesak", "mengecam"):
        assert word not in lex.classes
    for word in ("kata", "ujar", "mengatakan", "menurut", "dikutip dari", "diumumkan"):
        assert word in lex.classes


def test_fast_enough() -> None:
    body = tuple(
        f"“Pasokan air bersih cukup untuk {n} hari,” kata Kepala Dinas Rina Amalia. "
        "Menurut dia, distribusi dilakukan setiap pagi." for n in range(30))
    doc = FactsDoc.from_article(Article(body=body))
    started = time.perf_counter()
    find_attributions(doc)
    assert time.perf_counter() - started < 0.05


def test_title_with_an_unknown_organisation_before_the_name() -> None:
    assert split_title("Kepala Basarnas Budi Santosa") == ("Budi Santosa", True)
    assert split_title("Presiden Rahmat Hidayat Lubis") == ("Rahmat Hidayat Lubis", True)


def test_nickname_speaker_unnamed_groups_and_quote_pronoun() -> None:
    found = attributions(
        "“Kami bermain disiplin,” kata pelatih EVOS, Andi “Ace” Saputra.",
        "Sementara itu, manajer tim Rudi Hartono meninjau latihan di markas.",
        "“Rotasi kami sudah jauh lebih rapi,” ujarnya.",
        "Juru bicara Kremlin mengatakan pembicaraan masih berlangsung.",
        "Sejumlah diplomat di Brussel mengatakan sanksi baru sedang disiapkan.",
        "Moskow mengklaim pasukannya merebut dua desa.")
    got = [(a.paragraph, a.speaker, a.cue) for a in found]
    assert (1, "Andi “Ace” Saputra", "kata") in got
    assert (3, "Andi “Ace” Saputra", "ujarnya") in got
    assert (4, "Juru bicara Kremlin", "mengatakan") in got
    assert (5, "Sejumlah diplomat di Brussel", "mengatakan") in got
    assert (6, "Moskow", "mengklaim") in got


def test_a_regnal_number_is_part_of_a_kings_name() -> None:
    assert speakers(
        "Sultan Hamengku Buwono X tidak hadir. Raja Salman III menyatakan kerja sama itu "
        "penting. Menurut dia, pelatihan dimulai tahun depan.") == [(1, "Salman III")]


def test_an_acronym_inside_an_office_name_keeps_the_branch() -> None:
    assert speakers(
        "Berdasarkan hasil audit Badan Pengawasan Keuangan dan Pembangunan (BPKP) Perwakilan "
        "Jambi, kerugian negara mencapai Rp3,1 miliar.") == [(1, "BPKP Perwakilan Jambi")]


def test_opening_mark_typed_where_the_quote_closes() -> None:
    found = attributions("“Berkas perkara segera kami limpahkan ke pengadilan, “ujar Kepala "
                         "Seksi Pidana Khusus Joko Prasetyo.")
    assert found == [Attribution("Joko Prasetyo", "ujar", True, 1)]
    # an opening mark after a comma, before a capital, still opens a quote
    found = attributions("Dia menegaskan, “Kami tidak akan mundur,” kata Ketua Serikat Rudi "
                         "Hartono.")
    assert [(a.speaker, a.cue) for a in found] == [("Rudi Hartono", "kata")]


def _with_entities(*paragraphs: str) -> list[tuple[int, str]]:
    from warta.facts.entities import find_entities

    doc = find_entities(FactsDoc.from_article(Article(body=paragraphs)))
    return [(a.paragraph, a.speaker) for a in find_attributions(doc).attributions]


def test_apposed_name_with_a_particle_is_the_speaker() -> None:
    found = speakers("“Kami siap tampil,” kata manajer tim asal Belanda, Pieter van der Berg, "
                     "usai latihan.")
    assert found == [(1, "Pieter van der Berg")]


@pytest.mark.parametrize(("first", "second", "expected"), [
    ("“Jalan sudah dibuka,” kata Kepala Dinas PU Kabupaten Nabire, Yosef Wanimbo.",
     "Gubernur Papua Tengah Markus Tebai meninjau lokasi longsor. Ia mengatakan bantuan "
     "sudah dikirim ke pengungsi.", "Markus Tebai"),
    # a person who is the object, not the subject: the pronoun stays with the last speaker
    ("Kapolres Nabire AKBP Dodi Santoso mengatakan pelaku sudah diincar sejak lama.",
     "Polisi kemudian menangkap Rudi Hartono di rumahnya. Ia mengatakan pelaku tidak "
     "melawan.", "Dodi Santoso"),
])
def test_pronoun_after_a_sentence_opened_by_a_person(first: str, second: str,
                                                     expected: str) -> None:
    assert _with_entities(first, second)[-1] == (2, expected)


def test_place_then_comma_then_name_is_not_a_full_name() -> None:
    found = _with_entities(
        "Menteri Luar Negeri Sugiarto bertemu mitranya di Hanoi.",
        "Dari Hanoi, Sugiarto dijadwalkan terbang ke Manila.",
        "“Kunjungan ini penting,” kata Sugiarto.")
    assert found == [(3, "Sugiarto")]


def test_asides_between_speaker_and_cue_are_skipped() -> None:
    found = speakers("Juru bicara KKB, Titus Murib, melalui pesan singkat mengklaim "
                     "kelompoknya berada di balik penyerangan.",
                     "Juru bicara Kremlin, seperti dilansir kantor berita RIA, mengatakan "
                     "Moskow akan membalas.")
    assert (1, "Titus Murib") in found and (2, "Juru bicara Kremlin") in found


def test_pronoun_after_a_place_adjunct_and_an_office() -> None:
    found = _with_entities(
        "Di Jenewa, wakil juru bicara PBB Clara Dumont meminta kedua pihak menahan diri. "
        "“Dialog adalah satu-satunya jalan,” ujarnya.")
    assert found == [(1, "Clara Dumont")]


def test_bracketed_short_form_after_a_place_is_not_that_place() -> None:
    found = speakers("Misi PBB di Sudan Selatan (UNMISS) menyatakan keprihatinan. Menurut "
                     "UNMISS, sekitar 3.000 warga mengungsi.")
    assert (1, "UNMISS") in found and all(name != "Sudan Selatan" for _, name in found)


def test_coordinated_cue_shares_the_clause_subject() -> None:
    found = speakers("Kementerian Luar Negeri Belanda memanggil Duta Besar Iran di Den Haag, "
                     "Senin (3/3), dan menuding Teheran berada di balik serangan itu.")
    assert found == [(1, "Kementerian Luar Negeri Belanda")]
