"""Quantities from original Indonesian sentences: kinds, values, qualifiers, who, history."""

from __future__ import annotations

import time

import pytest

from warta.facts.document import FactsDoc
from warta.facts.quantities import find_quantities, is_historical, read_sentence
from warta.models import Article, Quantity


def counts(text: str) -> list[tuple[str | None, int | float | None, str]]:
    """(kind, value, qualifier) of every counted phrase a cue counts in one sentence."""
    return [(p.kind, p.number.value, p.qualifier) for p in read_sentence(text) if p.kind]


def quantities(*paragraphs: str, published: str = "2026-03-10") -> list[Quantity]:
    article = Article(body=paragraphs, published=published)
    return find_quantities(FactsDoc.from_article(article)).quantities


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Longsor di Desa Cikaret menewaskan 12 orang dan melukai 7 lainnya.",
     [("killed", 12, "exact"), ("injured", 7, "exact")]),
    ("Sedikitnya 8 penambang tewas tertimbun, sementara 3 lainnya luka berat.",
     [("killed", 8, "at_least"), ("injured", 3, "exact")]),
    ("Empat pendaki dinyatakan hilang di lereng Gunung Slamet.", [("missing", 4, "exact")]),
    ("Polisi meringkus tiga pelaku pembobolan minimarket di Depok.",
     [("detained", 3, "exact")]),
    ("Sebanyak 2.140 jiwa terpaksa mengungsi ke gedung sekolah.",
     [("displaced", 2140, "exact")]),
    ("Kodam mengerahkan sekitar 600 prajurit ke lokasi bencana.",
     [("deployed", 600, "approx")]),
    ("Lebih dari 3.000 demonstran memadati alun-alun kota.", [("protesters", 3000, "at_least")]),
    ("Angin puting beliung merusak hampir 90 rumah di dua kecamatan.",
     [("damaged", 90, "approx")]),
    ("Hingga 40 personel disiagakan di setiap gerbang stadion.",
     [("deployed", 40, "at_most")]),
    ("Jumlah korban meninggal akibat longsor bertambah menjadi 17 orang.",
     [("killed", 17, "exact")]),
    ("Korban tewas mencapai 1.300 orang lebih.", [("killed", 1300, "at_least")]),
    ("Seorang polisi gugur dan dua warga terluka dalam baku tembak itu.",
     [("killed", 1, "exact"), ("injured", 2, "exact")]),
    ("Tiga balita dan dua lansia meninggal dunia akibat keracunan makanan.",
     [("killed", 3, "exact"), ("killed", 2, "exact")]),
    ("Kapal feri itu membawa 80 penumpang, 6 di antaranya tewas.", [("killed", 6, "exact")]),
    ("Api melalap 25 kios, lima rumah dan satu musala.",
     [("damaged", 25, "exact"), ("damaged", 5, "exact"), ("damaged", 1, "exact")]),
    ("Sebanyak 18 orang terluka, terdiri atas 11 santri dan 7 pengurus pondok.",
     [("injured", 18, "exact"), ("injured", 11, "exact"), ("injured", 7, "exact")]),
    ("TNI AL mengirim dua kapal perang ke perairan Natuna.", [("deployed", 2, "exact")]),
])
def test_counts_in_a_sentence(sentence: str, expected: list[tuple[str, int, str]]) -> None:
    assert counts(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "Pertandingan itu disaksikan sekitar 40.000 penonton dan ditutup dengan 3 gol.",
    "Puluhan orang tewas dan ratusan ribu warga mengungsi.",
    "Sebanyak 730 saham melemah dan frekuensi perdagangan mencapai 1,1 juta kali transaksi.",
    "Pasukan itu menembakkan 40 roket dan 12 rudal ke arah kota.",
    "Tim SAR berhasil menyelamatkan 45 warga yang terjebak banjir.",
    "Dana bantuan sebesar Rp 3 miliar disalurkan kepada pemerintah daerah.",
    "Gempa bermagnitudo 5,8 terjadi pada kedalaman 10 kilometer.",
    "Pelaku berinisial RN (41) ditangkap di rumahnya pada 2024.",
    "Sebuah masjid dan sebuah sekolah rusak diterjang angin.",
    "Seorang tersangka terpaksa dilumpuhkan saat hendak ditangkap.",
    "Ia ditahan selama 20 hari di rutan polres.",
    "Polisi berencana menangkap 4 orang lain yang masih buron.",
])
def test_not_counted(sentence: str) -> None:
    assert counts(sentence) == []


def test_who_is_the_counted_noun_as_written() -> None:
    found = quantities("Bentrokan menewaskan 6 tentara Thailand dan 4 warga sipil.")
    assert [(q.who, q.value) for q in found] == [("tentara Thailand", 6), ("warga sipil", 4)]


def test_others_take_the_noun_before() -> None:
    found = quantities("Ledakan itu menewaskan lima pekerja tambang dan melukai tiga lainnya.")
    assert [(q.kind, q.who) for q in found] == [("killed", "pekerja tambang"),
                                                ("injured", "pekerja tambang")]


def test_a_repeated_number_is_one_entry_with_the_first_qualifier() -> None:
    found = quantities(
        "Banjir merendam Kota Garut pada Senin (9/3). Sedikitnya 6 warga tewas.",
        "\"Enam orang meninggal dunia dan dua orang hilang,\" kata kepala BPBD setempat.",
        "Keenam korban tewas sudah dimakamkan keluarga masing-masing.")
    assert [(q.kind, q.value, q.qualifier) for q in found] == [
        ("killed", 6, "at_least"), ("missing", 2, "exact")]


def test_same_number_for_different_groups_is_kept() -> None:
    found = quantities("Serangan itu menewaskan 3 tentara. Di kota lain, 3 pekerja tewas.")
    assert [(q.who, q.value) for q in found] == [("tentara", 3), ("pekerja", 3)]


def test_both_of_them_takes_its_antecedent() -> None:
    found = quantities("Pohon tumbang menimpa dua pengendara motor. Keduanya meninggal dunia.")
    assert [(q.kind, q.value, q.who) for q in found] == [("killed", 2, "pengendara motor")]


def test_background_tolls_are_historical() -> None:
    found = quantities(
        "Sebanyak 4 warga tewas dalam banjir, Senin (9/3).",
        "Pada 2019, banjir serupa menewaskan lebih dari 30 orang. Ribuan warga mengungsi.",
        "Badai Oktober lalu juga merusak 70 rumah.")
    assert [(q.value, q.historical) for q in found] == [(4, False), (30, True), (70, True)]


def test_a_story_with_a_speaker_credit_has_a_source_when_attributions_run() -> None:
    found = quantities("Menurut Kepala Basarnas Budi Santosa, 11 nelayan masih hilang.")
    assert [(q.kind, q.value) for q in found] == [("missing", 11)]
    assert found[0].source is None or "Budi Santosa" in found[0].source


@pytest.mark.parametrize(("text", "expected"), [
    ("Gempa pada 2018 menewaskan 500 orang.", True),
    ("Banjir tahun lalu merendam 200 rumah.", True),
    ("Sepanjang 2025, polisi menangkap 80 orang.", True),
    ("Banjir merendam 200 rumah, Senin (9/3).", False),
    ("Bentrokan terparah sejak tahun lalu menewaskan 5 orang pada Senin.", False),
    ("Sebanyak 12 orang ditangkap pada Februari 2026.", False),
])
def test_is_historical(text: str, expected: bool) -> None:
    assert is_historical(text, "2026-03-10") is expected


STORY = (
    "Banjir bandang menerjang tiga desa di Kabupaten Garut pada Senin (9/3) sore.",
    "Sedikitnya 9 warga tewas, 4 orang hilang dan 27 lainnya luka-luka. Sebanyak 1.200 warga "
    "mengungsi ke masjid dan sekolah.",
    "Kepala BPBD Garut, Asep Sunandar, mengatakan timnya masih mendata kerusakan. \"Air naik "
    "sangat cepat dan warga tidak sempat menyelamatkan barang,\" ujarnya.",
    "Tim gabungan mengerahkan 300 personel untuk mencari korban hilang di sepanjang sungai.",
    "Banjir juga merusak 140 rumah dan dua jembatan desa. Sebanyak 35 rumah rusak berat.",
    "Pemerintah provinsi menyalurkan bantuan senilai Rp 2 miliar dan 500 paket sembako.",
    "Pada 2016, banjir serupa menewaskan 30 orang di wilayah yang sama.",
    "Warga berharap pemerintah segera membangun tanggul permanen di sepanjang bantaran sungai.",
)


def test_fast_enough(monkeypatch: pytest.MonkeyPatch) -> None:
    """No runaway (superlinear) reading: this story takes about 1 ms; the bound is loose
    because the test machine is shared (bench/facts.py measures speed; sources come from
    the attributions component and are timed there)."""
    monkeypatch.setattr("warta.facts.quantities._source", lambda *args: None)
    assert len(quantities(*STORY)) == 9
    start = time.perf_counter()
    for _ in range(20):
        quantities(*STORY)
    assert (time.perf_counter() - start) / 20 < 0.02


def test_strike_crowd_and_game_scores() -> None:
    found = quantities(
        "Mogok kerja di kawasan industri itu diikuti sekitar 4.200 orang sejak pagi.",
        "Berdasarkan data BPBD Sumedang, 26 rumah rusak, terdiri atas 6 rusak berat dan "
        "20 rusak ringan.")
    got = [(q.kind, q.value, q.qualifier, q.source) for q in found]
    assert ("protesters", 4200, "approx", None) in got
    assert ("damaged", 26, "exact", "BPBD Sumedang") in got
    assert ("damaged", 6, "exact", "BPBD Sumedang") in got
    assert ("damaged", 20, "exact", "BPBD Sumedang") in got
    assert quantities("Seminar kampus itu diikuti 200 mahasiswa dari berbagai daerah.") == []
    assert quantities("Sang jungler mencetak 19 kill dan hanya 3 kali tewas di gim kedua.") == []


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Serikat pekerja mengklaim sekitar 4.200 buruh dari sembilan pabrik ikut dalam aksi itu.",
     [("protesters", 4200, "approx")]),
    ("Lebih dari 900 pengemudi ojek daring bergabung dalam unjuk rasa di depan balai kota.",
     [("protesters", 900, "at_least")]),
    ("Koordinator lapangan memperkirakan jumlah massa sekitar 2.800 orang.",
     [("protesters", 2800, "approx")]),
    ("Sebanyak 17 orang kami amankan dari lokasi bentrokan.", [("detained", 17, "exact")]),
    ("Delapan orang kami tangkap di sebuah rumah kos di Bekasi.", [("detained", 8, "exact")]),
    ("Tiga pelaku berhasil kami bekuk di Cianjur.", [("detained", 3, "exact")]),
    ("Kelompok bersenjata itu menembak mati seorang guru di Puncak Jaya.",
     [("killed", 1, "exact")]),
    ("Aparat menembak mati dua warga yang membawa parang.", [("killed", 2, "exact")]),
    ("Sedikitnya 9 orang dirawat di rumah sakit akibat menghirup asap pabrik.",
     [("injured", 9, "at_least")]),
    ("Empat pengendara dilarikan ke rumah sakit setelah tabrakan beruntun itu.",
     [("injured", 4, "exact")]),
    ("Tim SAR gabungan mengevakuasi 215 warga dari dusun itu ke gedung sekolah.",
     [("displaced", 215, "exact")]),
    ("Sebanyak 64 warga dievakuasi ke balai desa.", [("displaced", 64, "exact")]),
    ("Tim SAR mengevakuasi tiga jenazah dari reruntuhan.", [("killed", 3, "exact")]),
    ("Longsor membuat 24 rumah terdampak, terdiri atas enam rumah tertimbun, 8 rusak berat, "
     "dan 10 rusak ringan.",
     [("damaged", 24, "exact"), ("damaged", 6, "exact"), ("damaged", 8, "exact"),
      ("damaged", 10, "exact")]),
    ("Material longsor menimbun sedikitnya enam rumah warga.", [("damaged", 6, "at_least")]),
])
def test_more_ways_of_counting(sentence: str, expected: list[tuple[str, int, str]]) -> None:
    assert counts(sentence) == expected


def test_crowd_counts_need_a_protest_story() -> None:
    assert quantities("Ia memperkirakan jumlah massa sekitar 2.800 orang.") == []
    found = quantities("Ribuan buruh menggelar mogok di kawasan industri Cikarang, Senin (9/3).",
                       "Polisi memperkirakan jumlah massa sekitar 2.800 orang.")
    assert [(q.kind, q.value, q.qualifier) for q in found] == [("protesters", 2800, "approx")]


def test_people_in_a_building_are_not_damaged() -> None:
    assert counts("Sebanyak 120 warga terdampak banjir rob di pesisir utara.") == []


def test_a_shooting_in_a_past_year_is_historical() -> None:
    found = quantities("Pada Maret 2023, kelompok itu juga menembak mati dua guru di Beoga.")
    assert [(q.kind, q.value, q.historical) for q in found] == [("killed", 2, True)]


def test_a_buried_house_count_repeated_keeps_its_first_qualifier() -> None:
    found = quantities(
        "Longsor di Desa Sirongge menimbun sedikitnya sembilan rumah, Senin (9/3).",
        "Data sementara mencatat 30 rumah terdampak, terdiri atas sembilan rumah tertimbun "
        "dan 21 rusak ringan.")
    assert [(q.kind, q.value, q.qualifier) for q in found] == [
        ("damaged", 9, "at_least"), ("damaged", 30, "exact"), ("damaged", 21, "exact")]


def test_a_survey_credit_gives_the_full_name_to_the_total_and_its_breakdown() -> None:
    from warta.facts.pipeline import run_pipeline

    article = Article(published="2026-03-10", body=(
        "Badan Penanggulangan Bencana Daerah (BPBD) Kabupaten Wonosobo mencatat longsor "
        "terjadi di Desa Sigedang, Senin (9/3).",
        "Berdasarkan pendataan sementara BPBD, 30 rumah terdampak, terdiri atas sembilan "
        "rumah tertimbun dan 21 rusak ringan."))
    found = run_pipeline(FactsDoc.from_article(article)).quantities
    assert [(q.kind, q.value, q.source) for q in found] == [
        ("damaged", 30, "BPBD Kabupaten Wonosobo"), ("damaged", 9, "BPBD Kabupaten Wonosobo"),
        ("damaged", 21, "BPBD Kabupaten Wonosobo")]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Tim SAR mengevakuasi 40 penumpang kapal yang tenggelam.", []),
    ("Sebanyak 5 korban dievakuasi ke puskesmas terdekat.", []),
    ("Petugas mengevakuasi 120 kepala keluarga ke tenda darurat.", [("displaced", 120, "exact")]),
    ("Sekitar 1.500 mahasiswa dari berbagai kampus turut dalam aksi itu.",
     [("protesters", 1500, "approx")]),
    ("Sebanyak 23 orang yang kami amankan masih diperiksa penyidik.",
     [("detained", 23, "exact")]),
    ("Dua warga harus dirawat di RSUD Banjarnegara karena tertimpa material.",
     [("injured", 2, "exact")]),
])
def test_evacuated_residents_and_other_new_cues(sentence: str,
                                                expected: list[tuple[str, int, str]]) -> None:
    assert counts(sentence) == expected


def test_a_flood_cuts_bridges_not_contracts() -> None:
    assert counts("Arus sungai memutus tiga jembatan gantung di Kecamatan Pamijahan.") == [
        ("damaged", 3, "exact")]
    assert counts("Pemerintah kota memutus 3 kontrak pengadaan itu.") == []


def test_time_adverbial_between_count_and_cue_is_no_break() -> None:
    found = quantities("Tiga nelayan hingga kini masih dinyatakan hilang di perairan Natuna.")
    assert [(q.kind, q.value) for q in found] == [("missing", 3)]


def test_lives_saved_are_no_count() -> None:
    assert not quantities("Kapal patroli menyelamatkan 45 pengungsi dari perahu yang bocor.")
    assert [q.value for q in quantities("Sebanyak 80 pengungsi bertahan di tenda darurat.")] \
        == [80]


def test_numbered_objects_listed_after_a_single_one_are_damaged() -> None:
    found = quantities("Massa membakar sebuah pos ronda dan tiga sepeda motor warga.")
    assert [(q.kind, q.value) for q in found] == [("damaged", 3)]


def test_suspects_shot_in_the_leg_are_injured() -> None:
    found = quantities("Dua tersangka yang mencoba melarikan diri ditembak di bagian kaki.")
    assert [(q.kind, q.value) for q in found] == [("injured", 2)]
