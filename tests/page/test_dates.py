"""Date lines, story datelines and meta date values."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warta.page.dates import (
    find_dateline_date,
    is_modified_date_line,
    parse_any_date,
    parse_date_line,
    with_time,
)


@pytest.mark.parametrize(("line", "iso"), [
    ("Rabu, 3 Mar 2021 08:10 WIB", "2021-03-03"),
    ("03/03/2021, 08:10 WIB", "2021-03-03"),
    ("Jumat, 14 November 2025 21:07 WIB", "2025-11-14"),
    ("Senin, 22 September 2025 – 06:45 WIB", "2025-09-22"),
    ("Diterbitkan: Kamis, 5 Februari 2026 12:30", "2026-02-05"),
    ("Dipublikasikan pada 7 Agustus 2025", "2025-08-07"),
    ("27 Oktober 2025 10:02 WIB", "2025-10-27"),
    ("Selasa, 4 Maret 2025 23:59", "2025-03-04"),
    ("Ahad, 2 Feb 2025 05:00 WIB", "2025-02-02"),
    ("Kamis, 6 Nop 2025 10:15 WITA", "2025-11-06"),
    ("Tribunnews.com - 28/02/2025, 17:40 WIB", "2025-02-28"),
    ("Sabtu 31 Mei 2025, 16:00 WIB", "2025-05-31"),
    ("March 9, 2024", "2024-03-09"),
    ("Jum'at, 11 Juli 2025 | 13.20 WIB", "2025-07-11"),
    ("Rabu, 13 Agustus 2025 - 09:05 WIB", "2025-08-13"),
    ("8 Des 2025, 19:45 WIB", "2025-12-08"),
    ("2025-06-30 14:00:00", "2025-06-30"),
    ("Dimas Ardian, Jurnalis · Selasa, 1 April 2025 | 07:00 WIT", "2025-04-01"),
])
def test_parse_date_line(line: str, iso: str) -> None:
    assert parse_date_line(line) == iso


@pytest.mark.parametrize("line", [
    "Diperbarui 04/03/2021, 10:00 WIB",
    "Diperbarui: Rabu, 3 Mar 2021 10:00 WIB",
    "Updated: March 9, 2024",
    "Dimutakhirkan 12 Januari 2026",
    "Terakhir diperbarui 5 Mei 2025 08:00",
])
def test_modified_lines_are_not_published(line: str) -> None:
    assert is_modified_date_line(line)
    assert parse_date_line(line) is None


@pytest.mark.parametrize("line", [
    "Presiden meresmikan bendungan itu pada 3 Maret 2021 di Sulawesi Tengah.",
    "Gempa terjadi pukul 21.47 WIT dan dirasakan hingga Ambon.",
    "3 jam lalu",
    "Harga emas naik Rp 12.000 per gram",
    "Sebanyak 2021 warga menerima bantuan.",
    "31 Februari 2025 10:00 WIB",
    "",
])
def test_not_date_lines(line: str) -> None:
    assert parse_date_line(line) is None
    assert not is_modified_date_line(line) or line == ""


@pytest.mark.parametrize(("paragraph", "reference", "iso"), [
    ("Warga Kabupaten Sigi pada Kamis (6/3/2025) mulai kembali ke rumah.", None, "2025-03-06"),
    ("Polisi menggerebek gudang itu, Jumat (7/3) dini hari.", "2025-03-08", "2025-03-07"),
    ("Polisi menggerebek gudang itu, Jumat (7/3) dini hari.", None, None),
    ("Tim SAR menemukan korban pada Rabu (31/12) sore.", "2026-01-02", "2025-12-31"),
    ("Sidang dilanjutkan Senin (2/1) pekan depan.", "2022-12-29T10:00:00+07:00", "2023-01-02"),
    ("Komisi itu, pada Kamis, 4 Desember 2025, menahan dua tersangka.", None, "2025-12-04"),
    ("Pertemuan itu digelar 14 Februari lalu.", "2025-02-20", "2025-02-14"),
    ("Tidak ada tanggal dalam paragraf ini.", "2025-02-20", None),
    ("Kejadian Senin (19/1) berlanjut hingga Selasa (20/1/2026).", None, "2026-01-20"),
])
def test_find_dateline_date(paragraph: str, reference: str | None, iso: str | None) -> None:
    assert find_dateline_date(paragraph, reference=reference) == iso


def test_first_date_wins() -> None:
    text = "Pada Sabtu (1/2/2025), massa berkumpul; Minggu (2/2/2025) mereka bubar."
    assert find_dateline_date(text) == "2025-02-01"


@pytest.mark.parametrize(("value", "iso"), [
    ("2024-07-08T09:10:11+07:00", "2024-07-08"),
    ("2024-07-08", "2024-07-08"),
    ("2024/07/08", "2024-07-08"),
    ("08-07-2024 09:10", "2024-07-08"),
    ("08/07/2024", "2024-07-08"),
    ("20240708", "2024-07-08"),
    ("Mon, 08 Jul 2024 02:10:11 GMT", "2024-07-08"),
    ("Senin, 8 Juli 2024", "2024-07-08"),
    (" 2024-07-08T09:10:11Z ", "2024-07-08"),
])
def test_parse_any_date(value: str, iso: str) -> None:
    assert parse_any_date(value) == iso


@pytest.mark.parametrize("value", ["", None, "bukan tanggal", "2024-13-45", "0"])
def test_parse_any_date_rejects(value: str | None) -> None:
    assert parse_any_date(value) is None


ID_MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
             "September", "Oktober", "November", "Desember"]
ID_ABBR = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]
ID_DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]


def _styles(day: dt.date, hour: int, minute: int) -> list[str]:
    d, m, y = day.day, day.month, day.year
    wd = ID_DAYS[day.weekday()]
    t = f"{hour:02d}:{minute:02d}"
    return [
        f"{wd}, {d} {ID_MONTHS[m - 1]} {y} {t} WIB",
        f"{wd}, {d} {ID_ABBR[m - 1]} {y} {t} WIB",
        f"{wd} {d:02d} {ID_MONTHS[m - 1]} {y}, {t} WIB",
        f"{d:02d}/{m:02d}/{y}, {t} WIB",
        f"{wd}, {d} {ID_MONTHS[m - 1]} {y} – {t} WIB",
        f"{wd}, {d} {ID_MONTHS[m - 1]} {y} | {hour:02d}.{minute:02d} WIB",
        f"Diterbitkan: {wd}, {d} {ID_MONTHS[m - 1]} {y} {t}",
        f"Kompas.com - {d:02d}/{m:02d}/{y}, {t} WIB",
        f"{EN_MONTHS[m - 1]} {d}, {y}",
        f"{d} {ID_MONTHS[m - 1]} {y}",
    ]


dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2035, 12, 31))


@settings(max_examples=150, deadline=None)
@given(day=dates, hour=st.integers(0, 23), minute=st.integers(0, 59))
def test_round_trip_date_lines(day: dt.date, hour: int, minute: int) -> None:
    for line in _styles(day, hour, minute):
        assert parse_date_line(line) == day.isoformat(), line


@settings(max_examples=150, deadline=None)
@given(day=dates)
def test_round_trip_story_dates(day: dt.date) -> None:
    wd = ID_DAYS[day.weekday()]
    text = f"Petugas mendatangi lokasi pada {wd} ({day.day}/{day.month}/{day.year}) pagi."
    assert find_dateline_date(text) == day.isoformat()
    short = f"Petugas mendatangi lokasi pada {wd} ({day.day}/{day.month}) pagi."
    assert find_dateline_date(short, reference=day.isoformat()) == day.isoformat()
    assert parse_any_date(day.isoformat() + "T08:00:00+07:00") == day.isoformat()
    assert parse_any_date(f"{day.day:02d}-{day.month:02d}-{day.year} 08:00") == day.isoformat()


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120))
def test_never_raises(text: str) -> None:
    for value in (parse_date_line(text), find_dateline_date(text, reference=text),
                  find_dateline_date(text, reference="2025-01-01"), parse_any_date(text)):
        assert value is None or dt.date.fromisoformat(value)
    assert isinstance(is_modified_date_line(text), bool)


@pytest.mark.parametrize(("text", "expected"), [
    ("Rabu, 3 Mar 2021 08:10 WIB", "2021-03-03T08:10:00+07:00"),
    ("03/03/2021, 20.45 WITA", "2021-03-03T20:45:00+08:00"),
    ("03.03.2021 | 07:05 WIT", "2021-03-03T07:05:00+09:00"),
    ("08:10 WIB, Rabu 3 Maret 2021", "2021-03-03T08:10:00+07:00"),
    ("March 3, 2021 8:10 pm", "2021-03-03T20:10:00"),
    ("Rabu, 3 Mar 2021 08:10", "2021-03-03T08:10:00"),           # no zone: naive
    ("2021-03-03T08:10:30+0700", "2021-03-03T08:10:30+07:00"),
    ("2021-03-03 08:10:30.123Z", "2021-03-03T08:10:30+00:00"),
    ("2021-03-03T00:00:00+07:00", "2021-03-03"),                 # a bare date written as midnight
    ("2021-03-02T23:10:00Z", "2021-03-03"),                      # another day: no time taken
    ("Rabu, 3 Maret 2021", "2021-03-03"),
    ("03.03.2021", "2021-03-03"),                                # "03.03" is no clock
    ("Rabu, 3 Mar 2021 25:10 WIB", "2021-03-03"),
])
def test_with_time(text: str, expected: str) -> None:
    assert with_time("2021-03-03", text) == expected


@settings(max_examples=150, deadline=None)
@given(day=dates, hour=st.integers(0, 23), minute=st.integers(0, 59))
def test_with_time_keeps_the_day_and_reads_the_clock(day: dt.date, hour: int,
                                                     minute: int) -> None:
    for line in _styles(day, hour, minute):
        found = with_time(day.isoformat(), line)
        assert found is not None and found[:10] == day.isoformat(), line
        if len(found) > 10:
            when = dt.datetime.fromisoformat(found)
            assert (when.hour, when.minute) == (hour, minute), line
        else:   # only lines without a clock, or midnight, stay bare
            assert (hour, minute) == (0, 0) or not any(c in line for c in ":."), line


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120))
def test_with_time_never_raises_nor_changes_the_day(text: str) -> None:
    found = with_time("2024-06-30", text)
    assert found is not None and found[:10] == "2024-06-30"
    dt.datetime.fromisoformat(found)
