"""Indonesian numerals: digits, number words, vague counts, spans with offsets."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from warta.facts.numerals import find_numbers, parse_number

ONES = ["", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"]


def _below_thousand(n: int) -> list[str]:
    words: list[str] = []
    hundreds, rest = divmod(n, 100)
    if hundreds:
        words += ["seratus"] if hundreds == 1 else [ONES[hundreds], "ratus"]
    if rest == 10:
        words.append("sepuluh")
    elif rest == 11:
        words.append("sebelas")
    elif 12 <= rest <= 19:
        words += [ONES[rest - 10], "belas"]
    elif rest >= 20:
        words += [ONES[rest // 10], "puluh"] + ([ONES[rest % 10]] if rest % 10 else [])
    elif rest:
        words.append(ONES[rest])
    return words


def to_words(n: int) -> str:
    """Render a positive integer in Indonesian words (the test's own independent renderer)."""
    words: list[str] = []
    for scale, name in ((10**9, "miliar"), (10**6, "juta"), (1000, "ribu")):
        count, n = divmod(n, scale)
        if count == 1 and scale == 1000:
            words.append("seribu")
        elif count:
            words += [*_below_thousand(count), name]
    return " ".join(words + _below_thousand(n))


@pytest.mark.parametrize(("text", "value"), [
    ("6.500", 6500), ("1,2 juta", 1_200_000), ("2,5 juta", 2_500_000), ("5.000", 5000),
    ("1.146", 1146), ("37", 37), ("120.000", 120_000), ("10 ribu", 10_000),
    ("tiga", 3), ("seorang", 1), ("satu", 1), ("dua belas", 12), ("sebelas", 11),
    ("dua puluh lima", 25), ("seratus", 100), ("seribu", 1000), ("tiga ratus empat puluh", 340),
    ("seratus dua puluh ribu", 120_000), ("Sembilan", 9), ("keduanya", 2), ("ketiga", 3),
])
def test_parse_number(text: str, value: int) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["belasan", "puluhan", "ratusan", "ribuan", "ratusan ribu",
                                  "puluhan ribu", "", "rumah", "dua dua", "puluh"])
def test_vague_or_not_a_number(text: str) -> None:
    assert parse_number(text) is None


def test_decimal_comma_is_a_fraction() -> None:
    assert parse_number("6,1") == pytest.approx(6.1)


def test_find_numbers_gives_offsets_and_kinds() -> None:
    text = "Sedikitnya 2.300 warga dan dua puluh lima relawan, sementara ratusan ribu lainnya aman."
    spans = find_numbers(text)
    assert [(s.text, s.value, s.kind) for s in spans] == [
        ("2.300", 2300, "digits"), ("dua puluh lima", 25, "words"),
        ("ratusan ribu", None, "vague")]
    assert all(text[s.start:s.end] == s.text for s in spans)
    assert spans[2].vague


def test_find_numbers_skips_dates_codes_and_words_inside_words() -> None:
    text = "Jet F-16 terbang Kamis (12/3/2026) di laga ke-9, skor 2-1, satu-satunya di Kedungdua."
    assert find_numbers(text) == []


def test_find_numbers_reads_singulars_and_collectives() -> None:
    spans = find_numbers("Seorang nelayan dan sebuah perahu hilang; ketiganya belum ditemukan.")
    assert [(s.value, s.kind) for s in spans] == [(1, "single"), (1, "single"), (3, "collective")]


@given(st.integers(min_value=1, max_value=999_999_999_999))
def test_words_round_trip(n: int) -> None:
    assert parse_number(to_words(n)) == n


@given(st.integers(min_value=0, max_value=10**24))
def test_thousands_separator_round_trip(n: int) -> None:
    assert parse_number(f"{n:,}".replace(",", ".")) == n


@given(st.integers(min_value=1, max_value=999_999))
def test_words_found_in_a_sentence(n: int) -> None:
    text = f"Sebanyak {to_words(n)} warga mengungsi."
    spans = find_numbers(text)
    assert [span.value for span in spans] == [n]


@given(st.text())
def test_parse_never_raises(text: str) -> None:
    parse_number(text)
    for span in find_numbers(text):
        assert text[span.start:span.end] == span.text
