"""Syndication decisions on hand-written Indonesian stories (original text, made up)."""

from __future__ import annotations

import math
import zlib

import numpy as np
import pytest

from warta.archive import similarity
from warta.archive.similarity import Fingerprint, fingerprint, is_copy

STORY = [
    "Banjir merendam sedikitnya 412 rumah warga di Kecamatan Sumberrejo, Kudus, pada Selasa "
    "malam setelah hujan deras mengguyur wilayah itu selama lebih dari lima jam.",
    "Kepala Pelaksana BPBD Kudus Galih Permana mengatakan ketinggian air mencapai 85 "
    "sentimeter di beberapa titik permukiman yang berada di tepi sungai.",
    "Menurut Permana, sebanyak 176 warga kini mengungsi ke balai desa dan masjid terdekat "
    "sambil menunggu air surut.",
    "\"Kami sudah menyiagakan tujuh perahu karet dan meminta warga tetap waspada bila air "
    "kembali naik,\" kata Permana di Kudus, Rabu.",
    "Petugas gabungan dari BPBD, TNI dan Polri membagikan makanan siap saji, selimut dan air "
    "bersih di empat titik pengungsian.",
    "BMKG memperkirakan hujan dengan intensitas sedang hingga lebat masih akan turun di Jawa "
    "Tengah dalam tiga hari ke depan, terutama pada sore dan malam hari.",
]

# The same story one day later: same place, same official, same template, other facts.
FOLLOW_UP = [
    "Banjir merendam sedikitnya 95 rumah warga di Kecamatan Sumberrejo, Kudus, pada Rabu "
    "malam setelah hujan deras mengguyur wilayah itu selama lebih dari dua jam.",
    "Kepala Pelaksana BPBD Kudus Galih Permana mengatakan ketinggian air mencapai 40 "
    "sentimeter di beberapa titik permukiman yang berada di tepi sungai.",
    "Menurut Permana, sebanyak 31 warga kini mengungsi ke balai desa dan masjid terdekat "
    "sambil menunggu air surut.",
    "Sebagian warga yang sempat mengungsi sejak Selasa malam sudah kembali ke rumah untuk "
    "membersihkan lumpur yang terbawa arus.",
    "Dinas Pekerjaan Umum Kudus menyiapkan dua pompa air untuk mempercepat surutnya genangan "
    "di jalan utama desa.",
]

OTHER_TOPIC = [
    "Harga cabai rawit di Pasar Kliwon, Kudus, naik menjadi Rp72 ribu per kilogram pada "
    "Kamis, dari sebelumnya Rp55 ribu per kilogram.",
    "Kepala Dinas Perdagangan Kudus Ratna Siregar mengatakan kenaikan harga dipicu "
    "berkurangnya pasokan dari daerah sentra produksi akibat musim hujan.",
    "Pemerintah daerah akan menggelar operasi pasar di enam titik mulai pekan depan untuk "
    "menekan harga menjelang hari besar keagamaan.",
]


def _fp(paragraphs: list[str], **kwargs: object) -> Fingerprint:
    return fingerprint(paragraphs, **kwargs)  # type: ignore[arg-type]


def _edited(paragraphs: list[str]) -> list[str]:
    """A light edit as another outlet makes it: a few synonyms and a moved clause."""
    out = [p.replace("mengatakan", "menyatakan").replace("sebanyak", "sejumlah")
           for p in paragraphs]
    out[2] = ("Sejumlah 176 warga kini mengungsi ke balai desa dan masjid terdekat sambil "
              "menunggu air surut, menurut Permana.")
    return out


def test_identical_body_under_other_dateline_and_credit_is_a_copy() -> None:
    copy = list(STORY)
    copy[0] = "KUDUS, SUARAMURIA.com - " + copy[0]
    copy[-1] += " (ant/rhm)"
    a, b = _fp(STORY), _fp(copy)
    assert a.body_hash == b.body_hash
    assert is_copy(a, b)


def test_edited_copy_with_trimmed_last_paragraph_is_a_copy() -> None:
    copy = _edited(STORY)[:-1]
    copy.insert(2, "Baca juga: Longsor Tutup Jalan Provinsi di Kudus")
    assert is_copy(_fp(STORY), _fp(copy))


def test_first_half_of_a_story_is_a_copy() -> None:
    assert is_copy(_fp(STORY), _fp(STORY[:3]))


def test_follow_up_on_the_same_template_is_not_a_copy() -> None:
    a, b = _fp(STORY), _fp(FOLLOW_UP)
    assert similarity.jaccard(a.shingles, b.shingles) > 0.05   # a hard negative
    assert not is_copy(a, b)


def test_other_topic_is_not_a_copy() -> None:
    assert not is_copy(_fp(STORY), _fp(OTHER_TOPIC))


def test_empty_bodies_are_never_copies() -> None:
    assert not is_copy(_fp([]), _fp([]))


@pytest.mark.parametrize(("text", "expected"), [
    ("Jakarta (ANTARA) - Presiden meresmikan bendungan.", {"antara"}),
    ("Hal itu disampaikan seperti dikutip dari Reuters, Selasa.", {"reuters"}),
    ("Menteri itu, dilansir AFP, menolak berkomentar.", {"afp"}),
    ("Warga memadati pasar sejak pagi.", set()),
])
def test_wire_markers(text: str, expected: set[str]) -> None:
    assert similarity.wire_markers(text) == expected


def test_dateline_agency_is_read_from_the_raw_page() -> None:
    page = "<p>Kudus (ANTARA) - Banjir merendam rumah.</p>"
    assert similarity.wire_markers("Banjir merendam rumah.", page_text=page) == {"antara"}


def test_wire_marker_lowers_the_containment_needed() -> None:
    half = [*STORY[:2], _edited(STORY)[2]]
    plain_a, plain_b = _fp(STORY), _fp(half)
    wired_a = _fp(STORY, marker_text="Kudus (ANTARA) -")
    wired_b = _fp(half, wire_sources=["Antara"])
    inside = similarity.containment(plain_a.shingles, plain_b.shingles)
    if similarity.WIRE_CONTAINMENT <= inside < similarity.COPY_CONTAINMENT:
        assert not is_copy(plain_a, plain_b)
    assert is_copy(wired_a, wired_b)


def test_band_keys_are_stable_and_shared_by_copies() -> None:
    a, b = _fp(STORY), _fp(_edited(STORY))
    keys_a = similarity.band_keys(a.shingles)
    assert keys_a == similarity.band_keys(_fp(STORY).shingles)
    assert len(keys_a) == similarity.BANDS
    assert set(keys_a) & set(similarity.band_keys(b.shingles))


def test_normalise_words_drops_dateline_credit_and_read_also() -> None:
    words = similarity.normalise_words([
        "JAKARTA, KOMPAS.com - Harga “beras” naik.", "Baca juga: Harga gula turun",
        "Pedagang mengeluh. (ant/rds)"])
    assert words == ["harga", "beras", "naik", "pedagang", "mengeluh"]


def test_related_score_ranks_same_topic_above_other_topic() -> None:
    base = _fp(STORY, entities=["1", "2", "3"], events=["AID||IDN"])
    follow = _fp(FOLLOW_UP, entities=["1", "2"], events=["AID||IDN"])
    other = _fp(OTHER_TOPIC, entities=["3"])
    assert similarity.related_score(base, follow) > similarity.related_score(base, other)
    assert 0.0 <= similarity.related_score(base, other) <= 1.0


def test_minhash_is_datasketchs() -> None:
    from datasketch import MinHash

    shingles = _fp(STORY).shingles
    sketch = MinHash(num_perm=similarity.NUM_PERM, seed=similarity.MINHASH_SEED, hashfunc=int)
    sketch.update_batch(shingles.tolist())
    assert similarity.minhash(shingles).tolist() == sketch.hashvalues.tolist()


def test_minhash_is_datasketchs_for_any_set_of_hashes() -> None:
    """The modulo by the Mersenne prime is computed without a division: still the same."""
    from datasketch import MinHash

    generator = np.random.default_rng(4)
    for size in (1, 2, 17, 300, 3000):
        hashes = np.unique(generator.integers(0, 2**32, size, dtype=np.uint64)
                           .astype(np.uint32))
        hashes[-1] = np.uint32(2**32 - 1)
        sketch = MinHash(num_perm=similarity.NUM_PERM, seed=similarity.MINHASH_SEED,
                         hashfunc=int)
        sketch.update_batch(hashes.tolist())
        assert similarity.minhash(hashes).tolist() == sketch.hashvalues.tolist()


def test_shingles_are_the_multiply_add_of_each_windows_word_crc32s(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Word hashes come from a cache (emptied when full): the values of hashing each time."""
    monkeypatch.setattr(similarity._WORD_HASHES, "kept", 5)
    for paragraphs in (STORY, FOLLOW_UP, ["Hujan turun."], ["Satu dua tiga empat lima"]):
        words = similarity.normalise_words(paragraphs)
        expected = set()
        for start in range(max(1, len(words) - similarity.SHINGLE_WORDS + 1)):
            value = 0
            for word in words[start:start + similarity.SHINGLE_WORDS]:
                value = (value * 0x01000193 + zlib.crc32(word.encode("utf-8"))) % 2**32
            expected.add(value)
        assert similarity.shingles(words).tolist() == sorted(expected)


def test_minhash_reduces_sums_at_or_above_the_prime(monkeypatch: pytest.MonkeyPatch) -> None:
    """(x & p) + (x >> 61) can reach p = 2**61 - 1 (rarely with real permutations): the
    subtraction is applied then, and the values are still those of ``%``."""
    prime = 2**61 - 1
    generator = np.random.default_rng(7)
    a = generator.integers(1, prime, similarity.NUM_PERM, dtype=np.uint64)
    b = generator.integers(0, prime, similarity.NUM_PERM, dtype=np.uint64)
    a[0], b[0] = 1, 2**64 - 3   # h = 2: x = 2**64 - 1, (x & p) + (x >> 61) = p + 7
    monkeypatch.setattr(similarity, "_permutations", lambda: (a, b))
    hashes = np.array([2, 2**32 - 1], dtype=np.uint32)
    expected = [min(((int(h) * int(ai) + int(bi)) % 2**64 % prime) & (2**32 - 1)
                    for h in hashes) for ai, bi in zip(a, b, strict=True)]
    assert similarity.minhash(hashes).tolist() == expected


def test_terms_and_numbers_are_those_of_the_word_tests(monkeypatch: pytest.MonkeyPatch) -> None:
    """The per-word tests are remembered (and forgotten when full): same terms, numbers."""
    monkeypatch.setattr(similarity._IS_CONTENT, "kept", 3)
    monkeypatch.setattr(similarity._IS_NUMBER, "kept", 3)
    for paragraphs in (STORY, FOLLOW_UP, ["Harga naik 2,5 persen menjadi Rp15.620 pada 2024."]):
        words = similarity.normalise_words(paragraphs)
        counts: dict[str, int] = {}
        for word in words:
            if len(word) > 2 and word not in similarity.STOP_WORDS and not word.isdigit():
                counts[word] = counts.get(word, 0) + 1
        top = sorted(counts.items(), key=lambda item: -item[1])[:similarity.TERMS_KEPT]
        norm = math.sqrt(sum(count * count for _, count in top))
        assert list(similarity.content_terms(words).items()) == \
            [(word, count / norm) for word, count in top]
        assert fingerprint(paragraphs).numbers == {
            word for word in words if not word.isalpha() and any(c.isdigit() for c in word)}
