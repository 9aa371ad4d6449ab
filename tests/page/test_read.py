"""Reading pages: charsets, HTML-or-text detection and bad input as clear errors."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from warta.errors import BinaryInput, EmptyInput, TooLarge, Unreadable
from warta.page.read import decode_bytes, detect_kind, read_page
from warta.settings import Settings

STORY = ("<html><head><meta charset=\"{charset}\"><title>Uji</title></head><body><h1>Judul</h1>"
         "<p>Warga desa menggelar kerja bakti membersihkan saluran air yang tersumbat.</p>"
         "</body></html>")


def test_utf8_page_is_html(tmp_path: Path) -> None:
    path = tmp_path / "a.html"
    path.write_text(STORY.format(charset="utf-8"), encoding="utf-8")
    page = read_page(path)
    assert page.kind == "html"
    assert page.encoding == "utf-8"
    assert page.name == str(path)


@pytest.mark.parametrize("declared", ["windows-1252", "iso-8859-1", None])
def test_latin_bytes_decode_to_the_right_characters(tmp_path: Path, declared: str | None) -> None:
    html = STORY.format(charset=declared or "").replace("Judul", "Café résumé – “kutipan”")
    if declared is None:
        html = html.replace('<meta charset="">', "")
    path = tmp_path / "latin.html"
    path.write_bytes(html.encode("windows-1252"))
    page = read_page(path)
    assert "Café résumé – “kutipan”" in page.text


def test_declared_latin1_but_served_utf8_is_read_as_utf8(tmp_path: Path) -> None:
    path = tmp_path / "lie.html"
    path.write_bytes(STORY.format(charset="iso-8859-1").replace("Judul", "Rp50 ribu – naik")
                     .encode("utf-8"))
    assert "Rp50 ribu – naik" in read_page(path).text


def test_crawled_text_is_text(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text("Beranda\nBerita\nWarga desa menggelar kerja bakti pada Minggu pagi.\n")
    assert read_page(path).kind == "text"


def test_text_quoting_a_tag_is_still_text() -> None:
    assert detect_kind("Redaksi menulis tentang tag <p> di artikel ini.\nBaris kedua.") == "text"


def test_gzipped_page_is_unpacked(tmp_path: Path) -> None:
    path = tmp_path / "a.html.gz"
    path.write_bytes(gzip.compress(STORY.format(charset="utf-8").encode()))
    assert read_page(path).kind == "html"


def test_bytes_and_stdin_names() -> None:
    page = read_page(STORY.format(charset="utf-8").encode(), name="kiriman")
    assert page.name == "kiriman"


@pytest.mark.parametrize(("content", "error", "words"), [
    (b"", EmptyInput, "empty"),
    (b"  \n\t \n", EmptyInput, "empty"),
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, BinaryInput, "binary"),
    (bytes(range(32)) * 64, BinaryInput, "binary"),
    (b"\x1f\x8b\x08\x00garbage", BinaryInput, "gzip"),
])
def test_bad_input_raises_one_line_error_naming_the_file(
        tmp_path: Path, content: bytes, error: type[Exception], words: str) -> None:
    path = tmp_path / "rusak.html"
    path.write_bytes(content)
    with pytest.raises(error) as caught:
        read_page(path)
    message = str(caught.value)
    assert message.startswith(str(path))
    assert words in message
    assert "\n" not in message


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(Unreadable, match="no such file"):
        read_page(tmp_path / "tidak-ada.html")
    with pytest.raises(Unreadable, match="folder"):
        read_page(tmp_path)


def test_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "besar.html"
    path.write_bytes(b"<html><body>" + b"a" * 2000 + b"</body></html>")
    with pytest.raises(TooLarge, match="limit"):
        read_page(path, settings=Settings(max_page_bytes=1000))


@given(st.binary(max_size=2000))
def test_decode_bytes_never_raises(raw: bytes) -> None:
    text, encoding = decode_bytes(raw)
    assert isinstance(text, str)
    assert encoding


@given(st.text(max_size=500))
def test_utf8_round_trips(text: str) -> None:
    decoded, _ = decode_bytes(text.encode("utf-8"))
    assert decoded == text.lstrip("\ufeff") or decoded == text
