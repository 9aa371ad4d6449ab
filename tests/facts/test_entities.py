"""Entity finder on original example sentences."""

from __future__ import annotations

from warta.facts.document import FactsDoc
from warta.facts.entities import find_entities
from warta.models import Article, Entity


def entities(*body: str, title: str | None = None) -> list[Entity]:
    return find_entities(FactsDoc.from_article(Article(title=title, body=body))).entities


def by_mention(found: list[Entity], form: str) -> Entity:
    matches = [e for e in found if form in e.mentions]
    assert len(matches) == 1, (form, found)
    return matches[0]


def test_person_role_country_and_short_form() -> None:
    found = entities(
        "Presiden Rusia Vladimir Putin menerima tamu dari Prancis di Moskow pada Senin.",
        "Putin menyebut pertemuan itu produktif.")
    putin = by_mention(found, "Vladimir Putin")
    assert putin.type == "PER" and putin.role == "Presiden Rusia" and putin.country == "RUS"
    assert "Putin" in putin.mentions
    assert by_mention(found, "Rusia").type == "GPE"
    moskow = by_mention(found, "Moskow")
    assert moskow.type == "GPE" and moskow.country == "RUS"
    assert by_mention(found, "Prancis").country == "FRA"
    assert not any("Senin" in e.mentions for e in found)


def test_ministry_forms_group_into_one_entity() -> None:
    found = entities(
        "Kementerian Pertahanan Georgia melaporkan dua pos diserang.",
        "Menurut kemenhan Georgia, serangan itu terjadi malam hari.",
        "Juru bicara Kementerian pertahanan Georgia menolak berkomentar.")
    ministry = by_mention(found, "Kementerian Pertahanan Georgia")
    assert ministry.type == "ORG" and ministry.country == "GEO"
    assert {"kemenhan Georgia", "Kementerian pertahanan Georgia"} <= set(ministry.mentions)
    assert ministry.name == "Kementerian Pertahanan Georgia"


def test_abbreviation_in_parentheses_and_nested_place() -> None:
    found = entities(
        "Badan Penanggulangan Bencana Daerah (BPBD) Kabupaten Sleman mencatat 40 rumah rusak.",
        "BPBD juga mendirikan dua dapur umum.")
    bpbd = by_mention(found, "BPBD")
    assert bpbd.type == "ORG" and bpbd.country == "IDN"
    assert any(m.startswith("Badan Penanggulangan") for m in bpbd.mentions)
    sleman = by_mention(found, "Kabupaten Sleman")
    assert sleman.type == "GPE" and sleman.country == "IDN"


def test_police_headquarters_and_short_province() -> None:
    found = entities(
        "Kapolda Sulsel Irjen Pol Budi Santoso mengatakan 12 orang dibawa ke Mapolda Sulsel.",
        "Polda Sulsel masih memeriksa mereka.")
    chief = by_mention(found, "Budi Santoso")
    assert chief.role == "Kapolda Sulsel" and chief.type == "PER"
    police = by_mention(found, "Polda Sulsel")
    assert police.type == "ORG" and "Mapolda Sulsel" in police.mentions
    province = by_mention(found, "Sulsel")
    assert province.type == "GPE" and province.country == "IDN"


def test_lowercase_role_and_apposition() -> None:
    found = entities(
        "Laga itu dipimpin wasit asal Jepang. Persikabo tampil menekan sejak awal.",
        "\"Kami bermain disiplin,\" kata pelatih Persikabo asal Spanyol, Diego Moreno.",
        "Aktris Sekar Ayu Lestari hadir di Bogor bersama penyanyi Gilang Ramadhan.")
    coach = by_mention(found, "Diego Moreno")
    assert coach.role == "pelatih Persikabo" and coach.country == "ESP"
    actress = by_mention(found, "Sekar Ayu Lestari")
    assert actress.role == "Aktris" and actress.country == "IDN"
    assert by_mention(found, "Gilang Ramadhan").role == "penyanyi"


def test_initials_are_people_not_countries() -> None:
    found = entities(
        "Polisi menangkap tiga tersangka berinisial AS (31), RM (27), dan TK (45) di Medan.",
        "Pemerintah AS belum menanggapi kabar itu.")
    assert {e.type for e in found if "AS" in e.mentions} == {"PER", "GPE"}
    assert {e.type for e in found if "RM" in e.mentions} == {"PER"}
    government = by_mention(found, "Pemerintah AS")
    assert government.type == "ORG" and government.country == "USA"


def test_places_gpe_versus_loc() -> None:
    found = entities(
        "Longsor menutup Jalan Trans Sulawesi dekat Sungai Saddang dan Pulau Selayar.",
        "Warga Kecamatan Enrekang mengungsi ke Gedung Serbaguna Makassar.")
    for form in ("Jalan Trans Sulawesi", "Sungai Saddang", "Pulau Selayar",
                 "Gedung Serbaguna Makassar"):
        assert by_mention(found, form).type == "LOC", form
    assert by_mention(found, "Kecamatan Enrekang").type == "GPE"


def test_not_entities() -> None:
    found = entities(
        "Rupiah melemah ke 16.500 per dolar AS, sementara IHSG turun 1 persen pada Jumat.",
        "Timnas bersiap menghadapi Piala Asia dan KTT ASEAN digelar di Jakarta.",
        "Sementara itu, harga cabai naik.")
    forms = {m for e in found for m in e.mentions}
    assert not forms & {"AS", "IHSG", "Rupiah", "Piala Asia", "Jumat", "Sementara"}
    assert by_mention(found, "ASEAN").country is None
    assert by_mention(found, "Jakarta").type == "GPE"


def test_igo_has_no_country_and_group_abbreviation() -> None:
    found = entities(
        "Perserikatan Bangsa-Bangsa (PBB) mengirim bantuan ke Sudan.",
        "PBB menyebut 2.000 keluarga membutuhkan tenda.")
    un = by_mention(found, "PBB")
    assert un.type == "ORG" and un.country is None
    assert "Perserikatan Bangsa-Bangsa" in un.mentions


def test_title_case_headline_uses_known_forms() -> None:
    found = entities(
        "Wali Kota Bandung Rudi Hartono meninjau banjir di Bandung pada Selasa.",
        title="Banjir Rendam Bandung, Wali Kota Turun Tangan")
    doc = find_entities(FactsDoc.from_article(Article(
        title="Banjir Rendam Bandung, Wali Kota Turun Tangan",
        body=("Wali Kota Bandung Rudi Hartono meninjau banjir di Bandung pada Selasa.",))))
    headline = [m for ms in doc.mentions.values() for m in ms if m.paragraph == 0]
    assert [m.text for m in headline] == ["Bandung"]
    assert not any("Banjir" in e.mentions or "Turun" in e.name for e in found)
    mayor = by_mention(found, "Rudi Hartono")
    assert mayor.role == "Wali Kota Bandung"


def test_mentions_have_offsets() -> None:
    text = "Gubernur Jawa Timur Sri Wulandari meresmikan pasar."
    doc = find_entities(FactsDoc.from_article(Article(body=(text,))))
    for index, mentions in doc.mentions.items():
        for mention in mentions:
            assert text[mention.start:mention.end] == mention.text
            assert mention.paragraph == 1
        assert doc.entities[index].mentions


def _kinds(*body: str) -> dict[str, str]:
    return {form: e.type for e in entities(*body) for form in e.mentions}


def test_organisation_cue_word_before_an_unknown_name() -> None:
    assert _kinds("Saham perusahaan Sentosa naik tajam.")["Sentosa"] == "ORG"
    assert _kinds("Pelatih itu pernah membela klub Bintang Timur.").get("Bintang Timur") \
        == "ORG"


def test_ticker_after_a_name_makes_it_an_organisation() -> None:
    kinds = _kinds("Kemarin, Karyamas (KRMS) naik 5 persen.")
    assert kinds["Karyamas"] == "ORG" and kinds["KRMS"] == "ORG"


def test_acronym_then_person_name_is_split() -> None:
    kinds = _kinds("Rapat itu dihadiri kader PKS Budi Hartono.")
    assert kinds["PKS"] == "ORG" and kinds["Budi Hartono"] == "PER"
    chief = by_mention(entities("Kepala BPS M. Rizal Akbar mengatakan inflasi turun."),
                       "M. Rizal Akbar")
    assert chief.type == "PER" and chief.role == "Kepala BPS"


def test_hyphenated_pair_of_names_is_two_mentions() -> None:
    kinds = _kinds("Warga memilih pasangan Rudi-Santi dalam pilkada.")
    assert kinds["Rudi"] == "PER" and kinds["Santi"] == "PER"
    assert _kinds("Ia mendarat di Bandara Soekarno-Hatta.")["Bandara Soekarno-Hatta"] == "LOC"
    assert "Undang" not in _kinds("Ia dijerat Undang-Undang Nomor 5.")


def test_title_with_a_dot_is_not_part_of_the_name() -> None:
    assert _kinds("Hal itu disampaikan Dr. Ani Susanti.")["Ani Susanti"] == "PER"


def test_single_word_opening_a_clause_is_a_person() -> None:
    assert _kinds("Wiranto mengatakan pemerintah siap.")["Wiranto"] == "PER"


def test_office_of_a_place_names_no_person() -> None:
    assert _kinds("Wali Kota Tegal meninjau lokasi.") == {"Tegal": "GPE"}
    assert _kinds("Bupati Kolaka Timur hadir.") == {"Kolaka Timur": "GPE"}


def test_unknown_names_after_place_prepositions_and_in_addresses() -> None:
    assert _kinds("Konser digelar di Graha Sabha Pramana.")["Graha Sabha Pramana"] == "LOC"
    kinds = _kinds("Ia ditemui di Stadion Utama, Tebet, Jakarta Selatan.")
    assert kinds["Tebet"] == "LOC" and kinds["Jakarta Selatan"] == "GPE"


def test_names_listed_together_share_a_kind() -> None:
    assert _kinds("Kementerian memanggil Gojek dan Maxim.")["Maxim"] == "ORG"
    kinds = _kinds("Wisata ke Pulau Kotok, Sepa, dan Tidung.")
    assert kinds["Sepa"] == "LOC" and kinds["Tidung"] == "LOC"
    # a bare comma may end a clause: no list
    found = entities("Budi Santoso ditahan KPK.", "Selain Budi, KPK menahan dua orang.")
    assert by_mention(found, "Budi").type == "PER"


# --- general rules learned from an independent annotator's cases (original sentences) ---


def test_everyday_word_towns_and_number_capitals() -> None:
    found = entities(
        "Baku hantam antarwarga pecah di pasar pada Kamis malam.",
        "Pemerintah Chile menolak tuduhan Lima soal pelanggaran batas laut.",
        "Medan menjadi tuan rumah pertemuan itu.")
    assert not any("Baku" in e.mentions for e in found)
    assert by_mention(found, "Lima").country == "PER"
    assert by_mention(found, "Medan").type == "GPE"


def test_nominal_sentence_openers_and_group_words_are_not_names() -> None:
    found = entities(
        "Penyelidikan juga menyasar sejumlah pejabat dinas.",
        "Delegasi kedua negara tiba di Jenewa pada Senin pagi.")
    assert not any({"Penyelidikan", "Delegasi"} & set(e.mentions) for e in found)


def test_slash_pair_is_two_people_with_the_pair_nationality() -> None:
    found = entities(
        "Mereka menundukkan pasangan Korea Selatan, Kim Minho/Park Jisung, dalam dua gim.")
    kim, park = by_mention(found, "Kim Minho"), by_mention(found, "Park Jisung")
    assert kim.type == park.type == "PER"
    assert kim.country == park.country == "KOR"


def test_service_office_is_one_org_and_person_follows_apposition() -> None:
    found = entities(
        "Kepala Kantor Pencarian dan Pertolongan Makassar, Andi Rahman, mengatakan tim "
        "sudah bergerak sejak pagi.")
    office = by_mention(found, "Kantor Pencarian dan Pertolongan Makassar")
    assert office.type == "ORG"
    assert by_mention(found, "Makassar").type == "GPE"
    assert by_mention(found, "Andi Rahman").type == "PER"


def test_lists_of_institutions_are_not_joined_by_dan() -> None:
    found = entities(
        "Korban dibawa ke RSUD Dr. Wahidin dan Rumah Sakit Bhayangkara Makassar.",
        "Pengamanan melibatkan Polrestabes Makassar, Polda Sulawesi Selatan, dan TNI.")
    assert by_mention(found, "RSUD Dr. Wahidin").type == "ORG"
    assert by_mention(found, "Polda Sulawesi Selatan").type == "ORG"
    assert by_mention(found, "TNI").type == "ORG"


def test_foreign_institution_with_mixed_case_short_form() -> None:
    found = entities(
        "Menurut Servicio Nacional de Meteorología (Senamhi), hujan lebat melanda Peru "
        "sejak Senin.")
    body = by_mention(found, "Servicio Nacional de Meteorología")
    assert body.type == "ORG" and "Senamhi" in body.mentions


def test_place_heads_foreign_particles_and_region_words() -> None:
    found = entities(
        "Longsor terjadi di kawasan Sierra de la Macarena, Kolombia.",
        "Kawasan Sierra de la Macarena memang rawan.",
        "Warga mengungsi ke Pendopo Kabupaten Sumedang.")
    sierra = by_mention(found, "Sierra de la Macarena")
    assert sierra.type == "LOC"
    assert not any("Kawasan Sierra de la Macarena" in e.mentions for e in found)
    assert by_mention(found, "Pendopo Kabupaten Sumedang").type == "LOC"


def test_place_of_a_foreign_story_takes_the_country_of_its_sentence() -> None:
    found = entities(
        "Bentrokan antara Peru dan Ekuador kembali terjadi.",
        "Sebanyak 400 warga Ekuador di Provinsi Morona Santiago mengungsi.",
        "Pasukan Peru berjaga di tepi Sungai Marañón.")
    assert by_mention(found, "Provinsi Morona Santiago").country == "ECU"
    assert by_mention(found, "Sungai Marañón").country == "PER"


def test_military_gear_is_not_the_army_and_short_forms_of_lower_case_phrases() -> None:
    found = entities(
        "Sebuah helikopter militer Kolombia jatuh di perbatasan.",
        "Tersangka ditangkap tim satuan tugas khusus (Satsus) di rumahnya.")
    assert not any("Militer Kolombia" in e.mentions or "militer Kolombia" in e.mentions
                   for e in found)
    assert not any("Satsus" in e.mentions for e in found)


def test_news_agency_apposition_and_regnal_number() -> None:
    found = entities(
        "Seperti dilansir kantor berita Maroko, MAP, Raja Mohammed VI menerima tamu itu.")
    king = by_mention(found, "Mohammed VI")
    assert king.type == "PER" and king.role == "Raja"


def test_company_after_office_is_one_org_not_a_person() -> None:
    found = entities(
        "Direktur Utama PT Karya Abadi Sentosa, Budi Santoso, mengatakan pabrik aman.",
        "Direktur PT Sinar Harapan Jaya menolak diwawancarai wartawan.")
    assert by_mention(found, "PT Karya Abadi Sentosa").type == "ORG"
    assert by_mention(found, "PT Sinar Harapan Jaya").type == "ORG"
    assert by_mention(found, "Budi Santoso").type == "PER"
    assert not any(e.type == "PER" and "Abadi Sentosa" in e.mentions for e in found)


def test_route_compounds_and_military_units() -> None:
    found = entities(
        "Kemacetan mengular di Jalan Tol Jakarta-Cikampek sejak pagi.",
        "Para prajurit Kodim 0612/Kota Tasikmalaya dan Kogabwilhan II berjaga di "
        "Pos Koramil Cibeureum.",
        "Kabar itu pertama kali dimuat Warta24.com pada malam hari.")
    assert by_mention(found, "Jalan Tol Jakarta-Cikampek").type == "LOC"
    assert not any("Cikampek" in e.mentions for e in found)
    assert by_mention(found, "Kodim 0612/Kota Tasikmalaya").type == "ORG"
    assert by_mention(found, "Kogabwilhan II").type == "ORG"
    assert by_mention(found, "Pos Koramil Cibeureum").type == "LOC"
    assert by_mention(found, "Warta24.com").type == "ORG"


def test_common_words_blocs_jargon_and_nicknames() -> None:
    found = entities(
        "Rumah-rumah warga di Hamburg rusak diterjang badai. Federal menolak berkomentar.",
        "Negara-negara Barat mengecam uji coba rudal itu.",
        "Pemain itu mencetak 12 kill dan menjadi MVP setelah merebut Lord dan Turtle.",
        "Kapten tim, Raka “Zeus” Wibisono, mengaku puas.")
    mentions = {m for e in found for m in e.mentions}
    assert not mentions & {"Rumah-rumah", "Federal", "Barat", "Negara-negara Barat", "MVP",
                           "Lord", "Turtle"}
    assert by_mention(found, "Raka “Zeus” Wibisono").type == "PER"


def test_initials_are_people_and_institution_acronyms_are_not() -> None:
    found = entities(
        "Tersangka HS mengaku membeli sabu dari seorang kurir.",
        "Polisi juga menangkap pria berinisial TK (41) serta dua rekannya, AW dan DN.",
        "Tersangka KPK itu diperiksa penyidik bersama petugas BPBD.")
    for initials in ("HS", "TK", "AW", "DN"):
        assert by_mention(found, initials).type == "PER"
    assert by_mention(found, "KPK").type == "ORG"
    assert by_mention(found, "BPBD").type == "ORG"


def test_foreign_story_institutions_take_the_main_country() -> None:
    found = entities(
        "Kanselir Friedrich Merz meninjau pabrik senjata di Berlin pada Senin.",
        "Menurut Kantor Federal untuk Perlindungan Warga, latihan darurat digelar di Jerman.",
        "Sementara itu, dinas intelijen militer Rusia, GRU, disebut memantau latihan itu.")
    office = by_mention(found, "Kantor Federal untuk Perlindungan Warga")
    assert office.type == "ORG" and office.country == "DEU"
    assert by_mention(found, "Friedrich Merz").country == "DEU"
    assert by_mention(found, "GRU").country == "RUS"


def test_clause_before_a_place_is_not_a_role() -> None:
    found = entities(
        "Sementara itu, Bupati Bogor Rudy Susmanto meninjau lokasi pengungsian di Cisarua.",
        "“Personel sudah disiagakan di titik rawan,” ujarnya.")
    assert by_mention(found, "Cisarua").type != "PER"
    assert by_mention(found, "Rudy Susmanto").role == "Bupati Bogor"
    assert not any("Personel" in e.mentions for e in found)


def test_supranational_regions_belong_to_no_country() -> None:
    from warta.facts import find_facts
    from warta.models import Article

    text = ("Pemerintah Chile meminta negara-negara di Eropa Barat dan Timur Tengah membantu "
            "pemadaman kebakaran hutan, kata Menteri Dalam Negeri Chile Rosa Valdés di "
            "Santiago pada Senin.")
    article = Article(body=(text,), published="2026-02-02")
    countries = {ent.name: ent.country for ent in find_facts(article).entities}
    assert countries["Eropa Barat"] is None
    assert countries["Timur Tengah"] is None
    assert countries["Santiago"] == "CHL"


def test_bare_capitalised_word_needs_an_introduction_in_a_story() -> None:
    story = ("Warga Desa Sukamaju menggelar kerja bakti membersihkan saluran irigasi pada "
             "Minggu pagi.",
             "Kegiatan itu diikuti sekitar seratus orang dari tiga dusun.",
             "Menurut warga, saluran tersumbat sampah sejak musim hujan Juli lalu dan Warsito "
             "ikut memimpin kerja bakti.",
             "Sampah lalu diangkut ke tempat pembuangan sementara.")
    assert not any("Warsito" in e.mentions for e in entities(*story))
    # named again, or with a speech verb, the word is a person
    again = (*story, "Warsito berharap saluran tetap bersih hingga musim tanam.")
    assert by_mention(entities(*again), "Warsito").type == "PER"
    spoken = (*story[:3], "Saluran harus bersih sebelum musim tanam, kata Warsito.")
    assert by_mention(entities(*spoken), "Warsito").type == "PER"
    # a lone sentence has no introduction to wait for: the word is read as a name
    assert by_mention(entities(story[2]), "Warsito").type == "PER"


def test_headline_case_word_written_lower_case_elsewhere_is_no_name() -> None:
    found = entities("Laporan itu menyebut Nilai ekspor naik tajam bulan ini.",
                     "Kenaikan nilai ekspor didorong harga batu bara.")
    assert not any("Nilai" in e.mentions for e in found)


def test_brand_shaped_word_is_an_organisation() -> None:
    assert _kinds("Pengemudi ojek daring memakai aplikasi DompetKu setiap hari.")["DompetKu"] \
        == "ORG"
    assert _kinds("Aktor itu mengagumi DiCaprio sejak lama.").get("DiCaprio") == "PER"


def test_place_before_its_city_or_country_takes_that_country() -> None:
    from warta.facts import find_facts

    article = Article(body=(
        "Rombongan menteri mendarat di Bandara Kastelli, Ankara, pada Selasa malam.",
        "Menurut lembaga penyiaran publik Thailand, Thai NBT, suasana perbatasan tenang.",
        "Delegasi itu kemudian menuju Eropa, Paris, dan Jakarta."), published="2026-01-20")
    countries = {ent.name: ent.country for ent in find_facts(article).entities}
    assert countries["Bandara Kastelli"] == "TUR"
    assert countries["Thai NBT"] == "THA"
    assert countries["Eropa"] is None


def test_headline_case_phrase_of_ordinary_words_is_no_person() -> None:
    found = entities("Panitia menggelar lomba Kereta Hias di alun-alun kota.",
                     "Setiap kereta dihias warga dengan bunga dan janur.",
                     "Lomba itu menjadi acara hias tahunan.")
    assert not any("Kereta Hias" in e.mentions for e in found)


def test_place_head_word_is_not_a_foreign_city_of_that_name() -> None:
    found = entities("Kapolsek Kota AKP Dedi Kurnia memimpin patroli malam itu.")
    assert not any("Kota" in e.mentions for e in found)
    assert by_mention(found, "Dedi Kurnia").country == "IDN"


def test_name_tail_word_opening_a_sentence_is_an_ordinary_word() -> None:
    found = entities("Hujan deras mengguyur wilayah hulu sejak siang. Air bercampur lumpur "
                     "meluap ke permukiman.")
    assert not any("Air" in e.mentions for e in found)
    assert _kinds("Pelatih itu memuji United setelah laga semalam.").get("United") == "ORG"


def test_kinds_of_things_cultures_and_currencies_are_no_entities() -> None:
    found = _kinds("Polisi menyita bahan peledak jenis TNTX dan lampu LED dari rumah itu.",
                   "Pernikahan digelar dengan adat Sunda di Bandung.",
                   "Kurs USD/IDR ditutup di level 16.800, naik dari USD 70 sehari sebelumnya.",
                   "Pyongyang kembali menguji rudal Korea Utara di lepas pantai timur.")
    for word in ("TNTX", "LED", "Sunda", "USD", "IDR"):
        assert word not in found, word
    assert found["Bandung"] == "GPE"
    assert found["Korea Utara"] == "GPE"


def test_english_title_is_no_person() -> None:
    found = _kinds("Penonton memadati bioskop untuk menonton Lord of the Valley dan The "
                   "Silent Harbour pekan ini.")
    assert found.get("Lord of the Valley") != "PER"
    assert found.get("The Silent Harbour") != "PER"


def test_word_after_an_office_that_completes_it_is_no_name() -> None:
    assert entities("Ketua Panitia mengatakan acara berjalan lancar.") == []
    assert entities("Camat Setempat menyebut jalan itu rusak sejak Januari.") == []
    found = entities("Ketua Panitia Budi Santoso mengatakan acara berjalan lancar.")
    assert by_mention(found, "Budi Santoso").role == "Ketua Panitia"


def test_title_case_crosshead_in_the_body_marks_only_known_names() -> None:
    found = entities("Hujan deras mengguyur Kabupaten Garut sejak Senin sore.",
                     "Hujan Deras Picu Longsor Di Garut",
                     "Petugas BPBD Garut masih mendata rumah warga yang rusak.")
    assert not any("Deras Picu Longsor" in e.mentions or "Picu Longsor" in e.mentions
                   for e in found)
    garut = by_mention(found, "Kabupaten Garut")
    assert "Garut" in garut.mentions   # the crosshead's known form is a mention


def test_country_after_the_name_and_institution_between_office_and_name() -> None:
    from warta.facts import find_facts

    article = Article(body=(
        "Rusia kembali menyerang Kiev dengan rudal pada Selasa malam.",
        "Andriy Kovalenko, panglima militer Ukraina, mengatakan serangan itu menewaskan tiga "
        "warga.",
        "Juru bicara Kremlin Dmitri Sokolov menolak berkomentar."), published="2026-01-10")
    found = find_facts(article).entities
    assert by_mention(found, "Andriy Kovalenko").country == "UKR"
    sokolov = by_mention(found, "Dmitri Sokolov")
    assert (sokolov.type, sokolov.country, sokolov.role) == ("PER", "RUS", "Juru bicara Kremlin")
    assert by_mention(found, "Kremlin").type == "ORG"


def test_regencies_and_their_seats_are_known_places() -> None:
    kinds = _kinds("Bantuan beras dikirim dari Kalabahi ke Alor Timur Laut dan Kabupaten Sigi.")
    assert kinds["Kalabahi"] == "GPE" and kinds["Kabupaten Sigi"] == "GPE"
    found = _kinds("Bupati Aceh Barat Daya Akmal Ibrahim meninjau tanggul yang jebol.")
    assert found["Aceh Barat Daya"] == "GPE" and found["Akmal Ibrahim"] == "PER"


def test_unknown_town_after_a_place_preposition_is_a_gpe() -> None:
    assert _kinds("Ratusan warga mengungsi ke Tarumbulo sejak Senin.")["Tarumbulo"] == "GPE"
    assert _kinds("Jembatan putus di Wolo Selatan kemarin.")["Wolo Selatan"] == "GPE"


def test_initials_after_berinisial_are_a_person_even_after_a_short_form() -> None:
    kinds = _kinds("KPK juga menahan bendahara proyek (BP) berinisial DSW dan seorang "
                   "Kepala Dinas Pendidikan Kabupaten Sigi berinisial AR.")
    assert kinds["DSW"] == "PER" and kinds["AR"] == "PER"
    assert "Sigi" not in kinds or kinds["Sigi"] != "PER"


def test_rank_inside_a_role_starts_the_name() -> None:
    kinds = _kinds("Direktur Reserse Kriminal Umum Polda Jambi Kombes Pol Andi Surya Pratama "
                   "menjelaskan kronologi kejadian.")
    assert kinds["Andi Surya Pratama"] == "PER" and kinds["Polda Jambi"] == "ORG"


def test_three_word_name_after_an_acronym_in_a_role() -> None:
    kinds = _kinds("Anggota Komisi III DPR Siti Nur Aisyah mengatakan rapat ditunda.")
    assert kinds["Siti Nur Aisyah"] == "PER" and kinds["DPR"] == "ORG"


def test_person_after_a_bodys_bracketed_short_form() -> None:
    kinds = _kinds("Juru bicara Front Pembela Lembah Hijau (FPLH) Yosua Kogoya membantah "
                   "tudingan itu.")
    assert kinds["Yosua Kogoya"] == "PER" and kinds["Front Pembela Lembah Hijau"] == "ORG"
    kinds = _kinds("Tim dibantu Badan Narkotika Nasional Provinsi (BNNP) Sulawesi Tengah.")
    assert kinds["Sulawesi Tengah"] == "GPE" and "Provinsi (BNNP) Sulawesi Tengah" not in kinds


def test_title_of_a_law_after_tentang_is_no_entity() -> None:
    kinds = _kinds("Keduanya dijerat Undang-Undang Nomor 8 Tahun 1999 tentang Perlindungan "
                   "Konsumen.")
    assert "Perlindungan Konsumen" not in kinds


def test_role_noun_opening_a_sentence_is_no_person() -> None:
    assert "Penyidik" not in _kinds("Penyidik juga memeriksa dua saksi lain.")


def test_body_spelled_out_by_its_short_form_holds_no_name() -> None:
    kinds = _kinds("Ketua Ikatan Nelayan Pantai Kendal (INPK), Rohmat Subekti, menolak "
                   "rencana itu.")
    assert kinds["Rohmat Subekti"] == "PER" and kinds.get("Pantai Kendal") != "PER"
    assert kinds["Ikatan Nelayan Pantai Kendal"] == "ORG"


def test_regency_then_name_then_a_weekday() -> None:
    kinds = _kinds("Hakim memvonis Bupati nonaktif Kolaka Timur Rusdi Hamid, Selasa (3/2).")
    assert kinds["Kolaka Timur"] == "GPE" and kinds["Rusdi Hamid"] == "PER"


def test_capitalised_particle_opening_a_name_is_kept() -> None:
    kinds = _kinds("Menteri Perdagangan Vietnam Le Van Thanh tiba di Jakarta.")
    assert kinds["Le Van Thanh"] == "PER"


def test_office_of_a_body_is_that_body_and_a_governors_office_a_building() -> None:
    kinds = _kinds("Massa bergerak dari Kantor Kementerian Perhubungan ke Kantor Gubernur "
                   "Jambi, lalu ke Kantor SAR Jambi.")
    assert kinds["Kementerian Perhubungan"] == "ORG"
    assert "Kantor Kementerian Perhubungan" not in kinds
    assert kinds["Kantor Gubernur Jambi"] == "LOC" and kinds["Kantor SAR Jambi"] == "ORG"


def test_school_levels_hospitals_and_eateries_as_heads() -> None:
    kinds = _kinds("Puluhan pelajar SMA dan SMK dibawa ke RSUD Abdul Moeloek, lalu makan "
                   "di Rumah Makan Pondok Kelapa.")
    assert "SMA" not in kinds and "SMK" not in kinds
    assert kinds["RSUD Abdul Moeloek"] == "ORG" and kinds["Rumah Makan Pondok Kelapa"] == "ORG"


def test_body_and_region_after_an_office_then_the_name() -> None:
    kinds = _kinds("Prakirawan BMKG Palu, Dewi Wahyuni, memperkirakan hujan lebat.")
    assert kinds["BMKG Palu"] == "ORG" and kinds["Dewi Wahyuni"] == "PER"
    kinds = _kinds("Kepala BPBD Garut Budi Santoso mengatakan air mulai surut.")
    assert kinds["BPBD Garut"] == "ORG" and kinds["Budi Santoso"] == "PER"
    kinds = _kinds("Kepala Pelaksana BPBD Kabupaten Sigi Rahmat Hidayat mengatakan jalan putus.")
    assert kinds["Rahmat Hidayat"] == "PER"


def test_bracketed_short_form_inside_a_name_groups_with_the_short_name() -> None:
    found = entities("Badan Penanggulangan Bencana Daerah (BPBD) Provinsi Jambi mencatat 40 "
                     "rumah rusak.", "Kepala BPBD Provinsi Jambi, Bachyuni, mengatakan data "
                     "masih bertambah. BPBD juga membuka posko.")
    body = by_mention(found, "BPBD Provinsi Jambi")
    assert "Badan Penanggulangan Bencana Daerah (BPBD) Provinsi Jambi" in body.mentions


def test_competition_group_season_and_legal_zone_are_no_entities() -> None:
    kinds = _kinds("Thailand memimpin Grup B Piala AFF, sementara ONIC menjuarai MPL ID Season "
                   "15. Kedua negara membahas batas Zona Ekonomi Eksklusif (ZEE).")
    assert not any(form.startswith(("Grup", "MPL", "Zona")) or form == "ZEE" for form in kinds)


def test_hyphenated_given_name_before_a_surname_is_one_name() -> None:
    found = entities("Komandan pasukan Mayor Jenderal Jean-Luc Mbemba mengatakan situasi tenang. "
                     "Mbemba menambahkan pasukannya tetap bersiaga.")
    assert by_mention(found, "Jean-Luc Mbemba").type == "PER"
    assert "Mbemba" in by_mention(found, "Jean-Luc Mbemba").mentions


def test_person_guards_for_office_place_words_party_names_and_name_initials() -> None:
    assert _kinds("Menteri Desa Halim Iskandar meresmikan pasar itu.")["Halim Iskandar"] == "PER"
    kinds = _kinds("Mantan presiden Susilo Bambang Yudhoyono (SBY) hadir di sana.")
    assert kinds["Susilo Bambang Yudhoyono"] == "PER"
    found = entities("Pemerintah daerah mendukung program Jokowi-Jusuf Kalla di desa itu.",
                     "Jokowi dan Jusuf Kalla meninjau lokasi.")
    assert by_mention(found, "Jusuf Kalla").type == "PER"


def test_slash_inside_a_unit_or_building_name_and_two_word_towns() -> None:
    kinds = _kinds("Klaim itu dibantah Kodam XIV/Hasanuddin. Massa bertahan di depan Gedung "
                   "DPR/MPR hingga malam.")
    assert kinds["Kodam XIV/Hasanuddin"] == "ORG" and kinds["Gedung DPR/MPR"] == "LOC"
    kinds = _kinds("Perahu itu berangkat dari kamp di Teluk Naaf, Myanmar, lalu tiba di "
                   "Kuala Batee.")
    assert kinds["Teluk Naaf"] != "PER" and kinds["Kuala Batee"] == "GPE"


def test_story_abroad_with_only_an_ambiguous_short_form_is_read_from_abroad() -> None:
    found = entities("Kementerian Dalam Negeri Jerman di Berlin menyebut serangan siber itu "
                     "melumpuhkan jaringan listrik di Leipzig dan Dresden.",
                     "Kepala badan keamanan siber (BSI), Klara Vogt, mengatakan timnya masih "
                     "menelusuri pelaku di Jerman.")
    assert by_mention(found, "Klara Vogt").country == "DEU"


def test_common_noun_opening_a_sentence_before_a_city_is_no_club() -> None:
    kinds = _kinds("Hubungan Paris dan Aljir kembali tegang pekan ini.")
    assert "Hubungan Paris" not in kinds and kinds.get("Paris") == "GPE"


def test_police_rank_written_in_capitals_opens_a_person() -> None:
    found = entities("AKBP Rudi Hartono memimpin pengamanan di lokasi.",
                     "Kepala Bagian Operasi Polres Tanjung Lestari, AKP Sinta Maharani, "
                     "mengatakan 300 personel dikerahkan.")
    rudi = by_mention(found, "Rudi Hartono")
    assert rudi.type == "PER" and not any("AKBP" in m for m in rudi.mentions)
    sinta = by_mention(found, "Sinta Maharani")
    assert sinta.type == "PER"
    assert sinta.role == "Kepala Bagian Operasi Polres Tanjung Lestari"
    assert {e.type for e in found if "TNI" in e.name} <= {"ORG"}


def test_role_naming_a_body_with_dan_and_short_form_before_an_apposed_name() -> None:
    found = entities("Kejaksaan menahan Kepala Dinas Kebudayaan dan Pariwisata (Disbudpar) "
                     "Kabupaten Tanjung Lestari, Yohanes Saragih, dan seorang pengusaha.")
    person = by_mention(found, "Yohanes Saragih")
    assert person.type == "PER"
    assert person.role is not None and person.role.startswith("Kepala Dinas Kebudayaan dan")
    assert person.role.endswith("Kabupaten Tanjung Lestari")
