"""lowered() keeps offsets; quote_ranges() stays inside the text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from warta.facts.attributions import quote_ranges
from warta.facts.lowercase import lowered

_TEXT = st.text(alphabet=st.sampled_from(list("aZ İẞ,.“”‘’\"«» kataujarÉ")), max_size=80)


@given(st.text(max_size=200))
def test_lowered_keeps_every_offset(text: str) -> None:
    low = lowered(text)
    assert len(low) == len(text)
    assert all(a == b or a == b.lower() for a, b in zip(low, text, strict=True))


def test_lowered_lowers_indonesian_text() -> None:
    assert lowered("Polisi MENANGKAP Dua Pelaku") == "polisi menangkap dua pelaku"
    assert lowered("İSTANBUL") == "İstanbul"   # İ would lengthen: kept as it is


@given(_TEXT)
def test_quote_ranges_are_inside_the_text(text: str) -> None:
    for start, end in quote_ranges(text):
        assert 0 <= start <= end <= len(text)


def test_misturned_closing_mark_closes_the_quote() -> None:
    text = "“Kami siap,“ujar dia. Lalu dia berkata, “Ayo.”"
    assert quote_ranges(text) == [(0, 11), (40, 45)]
