"""Pages without a usable story never raise: they come back empty and flagged."""

from __future__ import annotations

from pathlib import Path

import pytest

import warta
from warta.settings import Settings

PARAGRAPHS = "".join(
    f"<p>Paragraf {n}: petugas kebersihan kota mengangkut sampah yang menumpuk di pasar "
    f"tradisional sejak subuh, lalu warga sekitar ikut membantu menyapu jalan.</p>"
    for n in range(1, 7))
ARTICLE = f"<html><body><article><h1>Sampah Pasar Diangkut</h1>{PARAGRAPHS}</article></body></html>"


def _extract(tmp_path: Path, name: str, html: str | bytes, **kwargs: object) -> warta.Extraction:
    path = tmp_path / name
    path.write_bytes(html.encode() if isinstance(html, str) else html)
    return warta.extract(path, **kwargs)  # type: ignore[arg-type]


def test_truncated_html_still_gives_the_story_read_so_far(tmp_path: Path) -> None:
    cut = ARTICLE[: ARTICLE.index("Paragraf 4")]
    result = _extract(tmp_path, "putus.html", cut)
    assert any("Paragraf 3" in paragraph for paragraph in result.article.body)


@pytest.mark.parametrize("html", [
    "<html><body><p>Unclosed <b>bold <i>italic</p></div></span>" + PARAGRAPHS,
    "<<<>>><html<body>>" + PARAGRAPHS + "</html></html></body>",
    "<?xml version='1.0'?><!DOCTYPE html><html>" + PARAGRAPHS,
])
def test_malformed_html_does_not_raise(tmp_path: Path, html: str) -> None:
    result = _extract(tmp_path, "rusak.html", html)
    assert result.article.body


@pytest.mark.parametrize(("name", "html"), [
    ("404.html", "<html><head><title>404 Tidak Ditemukan</title></head><body><h1>Halaman "
                 "tidak ditemukan</h1><p>Maaf, halaman yang Anda cari tidak ada.</p>"
                 "<a href='/'>Kembali ke beranda</a></body></html>"),
    ("login.html", "<html><body><h1>Masuk</h1><form><label>Email</label><input name=e>"
                   "<label>Kata sandi</label><input type=password></form><p>Berlangganan "
                   "untuk membaca artikel ini.</p><button>Masuk</button></body></html>"),
    ("beranda.html", "<html><body><nav><a href='/'>Beranda</a><a href='/n'>Nasional</a></nav>"
                     "<ul>" + "".join(f"<li><a href='/b/{n}'>Judul berita nomor {n} tentang "
                                      f"kota dan desa di daerah</a></li>" for n in range(40))
                     + "</ul></body></html>"),
])
def test_page_without_story_is_empty_and_flagged(tmp_path: Path, name: str, html: str) -> None:
    result = _extract(tmp_path, name, html)
    assert len(" ".join(result.article.body).split()) < 25
    assert result.problems


def test_thirty_megabyte_page_is_read_quickly_and_finds_the_story(tmp_path: Path) -> None:
    padding = "<script>var data='" + "x" * 30_000_000 + "';</script>"
    html = f"<html><head>{padding}</head><body><article><h1>Judul</h1>{PARAGRAPHS}</article>"
    result = _extract(tmp_path, "besar.html", html + "</body></html>")
    assert any("Paragraf 1" in paragraph for paragraph in result.article.body)


def test_huge_visible_page_is_cut_and_flagged(tmp_path: Path) -> None:
    comments = "<div>" + "<p>Komentar pembaca yang sangat panjang sekali.</p>" * 20_000 + "</div>"
    html = ARTICLE.replace("</article>", "</article>" + comments)
    result = _extract(tmp_path, "komentar.html", html,
                      settings=Settings(max_html_chars=100_000))
    assert any("huge" in problem for problem in result.problems)
    assert len(result.page.text) <= 100_000
