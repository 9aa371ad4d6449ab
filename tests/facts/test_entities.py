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
