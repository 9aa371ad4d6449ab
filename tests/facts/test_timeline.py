"""Dates in Indonesian news sentences, resolved against the published date."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from warta.facts.timeline import find_dates, is_historical, resolve

WEEKDAY_NAMES = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("Polisi menggerebek gudang itu pada Jumat (7/3/2025) siang.", "2025-03-08", "2025-03-07"),
    ("Banjir melanda desa itu Senin (3/2) malam.", "2025-02-04", "2025-02-03"),
    ("Rapat digelar Sabtu (28/12) lalu.", "2026-01-02", "2025-12-28"),
    ("Kebakaran terjadi Kamis, 6 Maret 2025, pukul 10.00.", "2025-03-07", "2025-03-06"),
    ("Gempa mengguncang wilayah itu kemarin.", "2024-08-20", "2024-08-19"),
    ("Penggerebekan dilakukan Selasa dini hari kemarin.", "2024-08-22", "2024-08-20"),
    ("Kapal itu tenggelam Rabu pagi.", "2024-08-22", "2024-08-21"),
    ("Peristiwa serupa terjadi Agustus lalu.", "2024-11-05", "2024-08"),
    ("Peristiwa serupa terjadi Desember lalu.", "2024-11-05", "2023-12"),
    ("Kerusuhan itu pecah pada Maret 2019.", "2024-11-05", "2019-03"),
    ("Sengketa itu bermula pada 2011.", "2024-11-05", "2011"),
    ("Harga naik sejak tahun lalu.", "2024-11-05", "2023"),
    ("Ia datang ke kota itu pekan lalu.", "2024-11-05", "2024-10-29"),
])
def test_resolves_expressions(text: str, published: str, expected: str) -> None:
    assert resolve(text, published) == expected


def test_law_number_is_not_a_year() -> None:
    text = "Ia dijerat Undang-Undang Nomor 8 Tahun 2010 tentang pencucian uang."
    assert find_dates(text, "2025-01-10") == []


def test_two_dates_in_order_with_precision() -> None:
    refs = find_dates("Serangan Minggu (5/1/2025) pagi terulang pada Juni 2023.", "2025-01-06")
    assert [(r.value, r.precision) for r in refs] == [("2025-01-05", "day"), ("2023-06", "month")]


def test_without_published_date_only_absolute_dates() -> None:
    assert resolve("Kejadian itu Kamis (2/5) malam.", None) is None
    assert resolve("Kejadian itu 2 Mei 2024 malam.", None) == "2024-05-02"


@pytest.mark.parametrize(("value", "published", "expected"), [
    ("2025-07", "2026-01-14", True),
    ("2020", "2021-11-16", True),
    ("2021", "2021-11-16", False),
    ("2026-01-11", "2026-01-14", False),
    ("2025-10-01", "2026-01-14", True),
    (None, "2026-01-14", False),
])
def test_historical(value: str | None, published: str, expected: bool) -> None:
    assert is_historical(value, published) is expected


@given(st.dates(min_value=date(2001, 1, 1), max_value=date(2099, 12, 31)),
       st.integers(min_value=0, max_value=6))
def test_weekday_with_day_and_month_is_the_week_before(published: date, back: int) -> None:
    event = published - timedelta(days=back)
    text = f"Bentrokan terjadi {WEEKDAY_NAMES[event.weekday()]} ({event.day}/{event.month})."
    value = resolve(text, published.isoformat())
    assert value is not None
    resolved = date.fromisoformat(value)
    assert 0 <= (published - resolved).days < 7
    assert resolved.weekday() == event.weekday()


@given(st.dates(min_value=date(2001, 1, 1), max_value=date(2099, 12, 31)),
       st.sampled_from(WEEKDAY_NAMES))
def test_bare_weekday_is_on_or_before_published(published: date, name: str) -> None:
    value = resolve(f"Rapat itu digelar {name} sore.", published.isoformat())
    assert value is not None
    resolved = date.fromisoformat(value)
    assert 0 <= (published - resolved).days < 7
    assert WEEKDAY_NAMES[resolved.weekday()] == name
