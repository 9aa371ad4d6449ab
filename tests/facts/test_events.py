"""PLOVER events from original Indonesian sentences (written for these tests)."""

from __future__ import annotations

import time

import pytest

from warta.facts.document import FactsDoc
from warta.facts.events import find_events, is_newsworthy, load_lexicon
from warta.models import Article, Event


def events_of(*paragraphs: str, published: str = "2025-03-12") -> list[Event]:
    doc = FactsDoc.from_article(Article(body=tuple(paragraphs), published=published))
    return find_events(doc).events


def only(events: list[Event], kind: str) -> list[Event]:
    return [event for event in events if event.type == kind]


def test_lexicon_loads_with_every_plover_type() -> None:
    types = {entry.type for entry in load_lexicon().entries}
    assert {"ASSAULT", "COERCE", "CONSULT", "REQUEST", "AID", "ACCUSE", "SUPPORT", "AGREE",
            "PROTEST", "REJECT", "CONCEDE", "RETREAT", "MOBILIZE", "THREATEN"} <= types


def test_active_attack_actor_and_recipient() -> None:
    events = events_of("Pasukan Israel menyerang kamp pengungsi di Lebanon pada Senin (10/3).")
    assault = only(events, "ASSAULT")
    assert len(assault) == 1
    assert assault[0].actors == ("ISR",)
    assert "LBN" in assault[0].recipients
    assert assault[0].date == "2025-03-10"


def test_passive_attack_doer_after_oleh() -> None:
    events = events_of("Pemerintah Sudan menyebut konvoi bantuannya diserang oleh Ethiopia.")
    assault = only(events, "ASSAULT")
    assert assault and assault[0].actors == ("ETH",)
    assert "SDN" in assault[0].recipients


def test_two_sided_fighting_is_one_assault_with_both_actors() -> None:
    events = events_of("Baku tembak antara tentara India dan Pakistan pecah di garis kontrol.")
    assault = only(events, "ASSAULT")
    assert len(assault) == 1
    assert set(assault[0].actors) == {"IND", "PAK"}
    assert assault[0].recipients == ()
    assert assault[0].mode == "firearms"


def test_domestic_arrest_seizure_and_detention() -> None:
    events = events_of(
        "Polres Bogor menangkap tiga pengedar ganja di sebuah kos pada Sabtu (8/3).",
        "Polisi menyita 12 kilogram ganja dari kamar para pelaku.",
        "Ketiganya kini ditahan di Mapolres Bogor.",
    )
    coerce = only(events, "COERCE")
    assert [e.mode for e in coerce] == ["arrest", "seize", "arrest"]
    assert all(e.actors == ("IDN",) for e in coerce)
    assert coerce[0].date == "2025-03-08"


def test_arrest_retold_is_one_event() -> None:
    events = events_of(
        "Polda Riau menangkap seorang bandar narkoba di Pekanbaru.",
        "Penangkapan dilakukan pada Selasa (11/3) dini hari, kata Kapolda.",
    )
    assert len(only(events, "COERCE")) == 1


def test_ceasefire_announced_is_concede_observed_is_retreat() -> None:
    events = events_of(
        "India dan Pakistan sepakat melakukan gencatan senjata setelah bentrokan sepekan.",
        "Sehari kemudian situasi di perbatasan kedua negara berangsur tenang.",
    )
    concede = only(events, "CONCEDE")
    retreat = only(events, "RETREAT")
    assert concede and set(concede[0].actors) == {"IND", "PAK"}
    assert retreat and retreat[0].mode == "ceasefire"
    assert set(retreat[0].actors) & {"IND", "PAK"}


def test_third_party_call_for_calm_is_request_yield() -> None:
    events = events_of("Jepang mendesak China dan Filipina untuk menahan diri di perairan itu.")
    request = only(events, "REQUEST")
    assert request and request[0].actors == ("JPN",) and request[0].mode == "yield"
    assert not only(events, "COERCE")  # "menahan diri" is restraint, not detention


def test_request_for_help_is_assist() -> None:
    events = events_of("Pemerintah Filipina meminta Australia mengirimkan kapal patroli tambahan.")
    request = only(events, "REQUEST")
    assert request and request[0].mode == "assist"
    assert not only(events, "MOBILIZE")  # what is asked for has not happened


def test_phone_call_has_both_leaders_as_actors() -> None:
    events = events_of("Menteri Luar Negeri Jepang berbicara melalui telepon dengan "
                       "Menteri Luar Negeri Korea Selatan pada Rabu (12/3).")
    consult = only(events, "CONSULT")
    assert consult and consult[0].mode == "phone"
    assert set(consult[0].actors) == {"JPN", "KOR"}


def test_welcome_is_support_and_offer_is_agree() -> None:
    events = events_of(
        "Pemerintah Singapura menyambut baik kesepakatan damai kedua negara.",
        "Singapura juga siap menjadi tuan rumah perundingan lanjutan.",
    )
    assert only(events, "SUPPORT")[0].actors == ("SGP",)
    assert only(events, "AGREE")[0].actors == ("SGP",)


def test_denial_is_reject_without_mode() -> None:
    events = events_of("Iran membantah memasok senjata kepada kelompok Houthi.")
    reject = only(events, "REJECT")
    assert reject and reject[0].actors == ("IRN",) and reject[0].mode is None
    assert not only(events, "ASSAULT")


def test_relief_and_rescue_are_aid_not_mobilize() -> None:
    events = events_of(
        "BPBD mendirikan posko pengungsian di halaman kantor desa.",
        "Basarnas mengerahkan 80 personel untuk mencari dua warga yang hanyut.",
    )
    assert len(only(events, "AID")) == 2
    assert not only(events, "MOBILIZE")


def test_protest_riot_and_tear_gas() -> None:
    events = events_of(
        "Ratusan buruh menggelar unjuk rasa di depan gedung DPRD Jawa Barat.",
        "Sebagian massa melempari aparat dengan batu dan botol air mineral.",
        "Polisi lalu menembakkan gas air mata untuk membubarkan kerumunan.",
    )
    assert [e.mode for e in only(events, "PROTEST")] == ["demo", "riot"]
    assault = only(events, "ASSAULT")
    assert [e.mode for e in assault] == ["crowd-control"]


def test_negated_and_planned_acts_are_not_events() -> None:
    events = events_of("Kepolisian memastikan tidak menangkap wartawan itu.",
                       "Kelompok itu berencana menyerang pos jaga.")
    assert events == []


def test_interception_and_ceremony_are_not_assaults() -> None:
    events = events_of(
        "Sistem pertahanan udara Ukraina menembak jatuh 20 drone Rusia.",
        "Tamu negara itu disambut 21 tembakan meriam kehormatan.",
    )
    assert only(events, "ASSAULT") == []


def test_historical_background_is_flagged() -> None:
    events = events_of("Pada Agustus 2019, pasukan India menyerang pos Pakistan di Kashmir.")
    assault = only(events, "ASSAULT")
    assert assault and assault[0].historical and assault[0].date == "2019-08"


def test_sports_story_has_no_events() -> None:
    events = events_of(
        "Persebaya menggempur pertahanan Arema sejak menit awal pertandingan.",
        "Striker asal Brasil itu menembak dari luar kotak penalti dan mencetak gol.",
        "Pelatih Arema mengakui timnya kalah dalam laga di stadion itu.",
        "Klub itu kini turun ke peringkat tujuh klasemen liga.",
        "Suporter memadati tribun hingga akhir babak kedua.",
    )
    assert events == []


def test_market_story_is_not_newsworthy() -> None:
    text = ("IHSG anjlok 2 persen. Saham perbankan dihantam aksi jual investor asing. "
            "Indeks bursa Asia ikut melemah, sementara rupiah menembus level baru.")
    assert not is_newsworthy(text)
    assert is_newsworthy("Polisi menangkap tersangka korupsi di kantor kementerian.")


def test_fast_enough() -> None:
    paragraphs = tuple(
        "Pasukan Rusia menyerang Kharkiv pada Senin (10/3), kata pejabat Ukraina. "
        "Polisi menangkap dua orang dan menyita senjata api." for _ in range(20))
    doc = FactsDoc.from_article(Article(body=paragraphs, published="2025-03-12"))
    find_events(doc)
    start = time.perf_counter()
    for _ in range(5):
        find_events(FactsDoc.from_article(Article(body=paragraphs, published="2025-03-12")))
    assert (time.perf_counter() - start) / 5 < 0.05


@pytest.mark.parametrize("sentence", [
    "Nadira mengaku ditembak sang kekasih di sebuah restoran.",
    "Fotografer itu menembak foto matahari terbenam dengan lensa baru.",
])
def test_figurative_shooting_in_lifestyle_story(sentence: str) -> None:
    events = events_of(sentence, "Aktris itu mengunggah foto lamaran di Instagram untuk penggemar "
                       "dan warganet; film terbarunya tayang di bioskop.")
    assert only(events, "ASSAULT") == []


# --- general rules learned from an independent annotator's cases (original sentences) ---


def test_received_visit_makes_the_visitor_the_actor() -> None:
    found = only(events_of(
        "Presiden Prabowo Subianto menerima kunjungan kenegaraan Perdana Menteri Jepang "
        "di Istana Merdeka, Jakarta, Kamis (6/3)."), "CONSULT")
    assert len(found) == 1
    assert found[0].mode == "visit"
    assert found[0].actors == ("JPN",) and found[0].recipients == ("IDN",)


def test_topic_of_talks_and_object_of_denial_are_not_events() -> None:
    found = events_of(
        "Menteri luar negeri Mesir dan Yordania membahas upaya evakuasi warga Gaza.",
        "Kementerian Luar Negeri Mesir membantah tuduhan Yordania dan memanggil duta besar "
        "Yordania di Kairo.")
    assert not only(found, "AID")
    assert len(only(found, "REJECT")) == 1
    accuse = only(found, "ACCUSE")
    assert [e.mode for e in accuse] == ["disapprove"]


def test_helicopter_rocket_fire_is_aerial_and_reinforcing_posts_is_mobilize() -> None:
    found = events_of(
        "Bentrokan antara Thailand dan Kamboja kembali pecah di perbatasan.",
        "Helikopter militer Thailand menembakkan roket ke sebuah pos perbatasan pada Senin.",
        "Sementara itu, Kamboja memperkuat pos-posnya di sepanjang sungai.")
    aerial = [e for e in only(found, "ASSAULT") if e.mode == "aerial"]
    assert aerial and aerial[0].actors == ("THA",)
    mobilize = only(found, "MOBILIZE")
    assert mobilize and mobilize[0].actors == ("KHM",) and mobilize[0].mode == "troops"


def test_wire_agency_is_not_an_actor_and_credits_the_event() -> None:
    found = events_of(
        "Kamboja dan Thailand sepakat melakukan gencatan senjata pada Senin.",
        "Seperti dilansir Reuters, situasi di perbatasan berangsur tenang pada Selasa pagi.")
    retreat = only(found, "RETREAT")
    assert retreat and set(retreat[0].actors) == {"KHM", "THA"}


def test_grounds_of_an_arrest_and_an_arrest_named_again_are_not_events() -> None:
    found = events_of(
        "Polisi menangkap lima pemuda yang diduga memprovokasi tawuran di Makassar.",
        "Setelah ditangkap, kelima pemuda itu dibawa ke Mapolrestabes Makassar.")
    assert not only(found, "ACCUSE")
    assert len(only(found, "COERCE")) == 1


def test_threat_of_charges_and_relief_in_a_disaster() -> None:
    found = events_of(
        "\u201cKami tidak segan menindak siapa pun yang menimbun bahan pokok,\u201d kata Kapolres.",
        "BPBD telah menyalurkan dana darurat sebesar Rp200 juta kepada warga terdampak.",
        "Sebanyak 150 personel gabungan dikerahkan untuk mencari dua warga yang hilang.",
        "Bupati menyatakan pemerintah daerah akan merelokasi warga dari zona rawan.")
    assert only(found, "THREATEN")
    aid = only(found, "AID")
    assert len(aid) == 2 and all(e.recipients == ("IDN",) for e in aid)
    assert only(found, "AGREE")


def test_commitment_restating_a_ceasefire_is_part_of_it() -> None:
    found = events_of(
        "Armenia dan Azerbaijan sepakat menghentikan pertempuran di perbatasan.",
        "Kedua pihak berkomitmen menarik pasukan dari garis depan dalam 48 jam.")
    assert only(found, "CONCEDE")
    assert not only(found, "AGREE") and not only(found, "RETREAT")


def _with_attributions(*paragraphs: str) -> list[Event]:
    from warta.facts.pipeline import run_pipeline

    article = Article(body=paragraphs, published="2026-03-10")
    return run_pipeline(FactsDoc.from_article(article)).events


def test_an_action_followed_by_a_credited_quote_is_that_speakers_account() -> None:
    found = _with_attributions(
        "Wakil Ketua DPRD Sleman Rini Astuti menyebut rapat berlangsung tertib. Polres Sleman "
        "mengerahkan 85 personel untuk mengamankan kantor DPRD. \"Kami tetap siaga di lokasi,\" "
        "kata Kapolres Sleman AKBP Budi Hartono.")
    assert [e.source for e in only(found, "MOBILIZE")] == ["Budi Hartono"]


def test_narration_right_after_an_accusation_is_the_accusers_claim() -> None:
    found = _with_attributions(
        "Kementerian Luar Negeri Kamboja menuding Thailand melanggar gencatan senjata.",
        "Pasukan Thailand menembaki pos perbatasan di Provinsi Oddar Meanchey pada Minggu "
        "malam.")
    assert [e.source for e in only(found, "ASSAULT")] == ["Kementerian Luar Negeri Kamboja"]


def test_narration_takes_the_source_of_the_quote_that_follows_or_came_before() -> None:
    found = _with_attributions(
        "Polisi menangkap dua pemuda yang membawa senjata tajam di Jalan Merdeka pada Sabtu "
        "malam.",
        "“Keduanya kami amankan saat berpatroli,” kata Kapolsek Kota AKP Dedi Kurnia.")
    assert [e.source for e in only(found, "COERCE")] == ["Dedi Kurnia"]
    found = _with_attributions(
        "Juru bicara Polda Riau Kombes Hadi Santoso mengatakan patroli diperketat sejak pekan "
        "lalu.",
        "Petugas kemudian menangkap tiga orang yang diduga membakar lahan di Kabupaten "
        "Pelalawan pada Senin.")
    assert [e.source for e in only(found, "COERCE")] == ["Hadi Santoso"]


def test_narration_with_no_speaker_near_takes_the_wire_credit() -> None:
    from warta.facts.pipeline import run_pipeline

    article = Article(body=(
        "Polisi menangkap dua pemuda yang membawa senjata tajam di Jalan Merdeka pada Sabtu "
        "malam.",), published="2026-03-10", wire_sources=("Antara",))
    found = run_pipeline(FactsDoc.from_article(article)).events
    assert [e.source for e in only(found, "COERCE")] == ["Antara"]


def test_lexicon_patterns_run_lower_cased_and_refuse_upper_case_escapes() -> None:
    from warta.facts.events import lower_pattern

    assert lower_pattern(r"Diserang\s+oleh", "event 1 patterns") == r"diserang\s+oleh"
    with pytest.raises(ValueError, match=r"event 7 patterns"):
        lower_pattern(r"menyerang\S+", "event 7 patterns")
    # a trigger written in capitals still fires on any case
    assert only(events_of("POLISI MENANGKAP dua pelaku di Jakarta pada Senin."), "COERCE")


def test_stones_thrown_at_officers_are_a_primitive_assault_apart_from_a_shooting() -> None:
    found = only(events_of(
        "Polres Sampang menggerebek sebuah gudang miras di Desa Torjun, Sabtu (8/3). Seorang "
        "petugas terluka setelah dilempari batu oleh warga yang menghalangi penggerebekan. "
        "Satu pelaku yang mencoba kabur ditembak di bagian kaki."), "ASSAULT")
    assert {event.mode for event in found} == {"primitive", "firearms"}


def test_relief_acts_told_in_separate_sentences_stay_apart() -> None:
    found = only(events_of(
        "Banjir merendam Kabupaten Sintang sejak Senin (10/3). Kodim Sintang mengerahkan 120 "
        "prajurit, polisi, dan relawan untuk membantu evakuasi warga. Basarnas juga "
        "menerjunkan dua perahu karet untuk menjangkau desa yang terisolasi."), "AID")
    assert len(found) == 2


def test_a_taste_attacking_the_tongue_is_no_assault() -> None:
    assert not events_of("Sambal ini menyerang lidah sejak suapan pertama, lalu pedasnya "
                         "bertahan lama.")


@pytest.mark.parametrize(("text", "kind", "mode"), [
    ("“Sebanyak 14 orang kami amankan karena membawa senjata tajam,” kata Kapolres Sumbawa.",
     "COERCE", "arrest"),
    ("Kejaksaan masih menelusuri aliran dana proyek jembatan itu ke sejumlah rekening.",
     "ACCUSE", "investigate"),
    ("Pemerintah Malaysia membebaskan 12 nelayan Aceh yang ditahan sejak Januari.",
     "RETREAT", "release"),
    ("Pengamanan laga itu melibatkan 900 personel gabungan dari Polres Sleman dan Brimob.",
     "MOBILIZE", None),
    ("Aksi serupa juga digelar di depan kantor bupati pada Selasa (11/3).", "PROTEST", "demo"),
])
def test_more_general_triggers(text: str, kind: str, mode: str | None) -> None:
    found = only(events_of(text), kind)
    assert found and (mode is None or found[0].mode == mode)


def test_heavy_equipment_sent_to_open_roads_is_relief() -> None:
    found = only(events_of(
        "Dinas PU mengerahkan dua ekskavator untuk membuka akses jalan ke desa terisolasi."),
        "AID")
    assert len(found) == 1


def test_urgent_needs_are_no_request() -> None:
    assert not only(events_of("Kebutuhan mendesak para korban banjir saat ini adalah air "
                              "bersih, selimut, dan obat-obatan."), "REQUEST")


@pytest.mark.parametrize("shift", ["", "ini ", "juga ", "lebat ", "rimbun ", "berbatu ",
                                   "berkabut ", "bersemak ", "berlumpur "])
def test_evidence_holds_whole_words_only(shift: str) -> None:
    # the shift moves the 60-character window's edges across word boundaries
    sentence = (f"Kelompok bersenjata yang bersembunyi di hutan {shift}pegunungan sejak lama "
                "menyerang pos polisi perbatasan yang dijaga enam personel bersenjata lengkap "
                "tanpa henti sehingga warga ketakutan.")
    events = events_of(sentence)
    assert events
    for event in events:
        start = sentence.index(event.evidence)
        end = start + len(event.evidence)
        assert start == 0 or not sentence[start - 1].isalnum(), event.evidence
        assert end == len(sentence) or not sentence[end].isalnum(), event.evidence


def test_a_determiner_alone_is_no_location() -> None:
    events = events_of("Polisi menangkap dua pengedar sabu di sebuah rumah kontrakan pada Senin.",
                       "Polisi menangkap seorang kurir di dekat sebuah pasar di Kota Sukamaju.")
    arrests = only(events, "COERCE")
    assert arrests
    assert all(event.location not in ("sebuah", "dekat sebuah") for event in arrests)
    assert "Kota Sukamaju" in {event.location for event in arrests}
