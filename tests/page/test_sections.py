"""Section headings map to chrome lists by what they mean."""

from __future__ import annotations

import pytest

from warta.page.sections import section_of_heading


@pytest.mark.parametrize(("heading", "section"), [
    ("Berita Terkait", "related"), ("BERITA TERKAIT »", "related"),
    ("Terpopuler", "popular"), ("Paling Populer", "popular"), ("Trending Now", "popular"),
    ("Pilihan Redaksi", "picks"), ("Rekomendasi Untukmu", "picks"),
    ("Terkini", "latest"), ("Berita Terbaru Hari Ini", "latest"),
    ("Topik Populer", "ignored"), ("Tag", "ignored"),
])
def test_headings(heading: str, section: str) -> None:
    assert section_of_heading(heading) == section


@pytest.mark.parametrize("line", [
    "Polisi menangkap dua tersangka terkait kasus pencurian di pasar pada Senin malam.",
    "Harga cabai terbaru di pasar induk naik tajam menjelang lebaran tahun ini",
    "Beranda", "",
])
def test_story_lines_are_not_headings(line: str) -> None:
    assert section_of_heading(line) is None
