"""The public Python surface: names exported, records serialise to the schema JSON."""

from __future__ import annotations

import json
from pathlib import Path

import warta
from warta.models import Article, Chrome

EXPORTED = {
    "Archive", "ArchiveError", "Article", "Attribution", "BinaryInput", "Chrome", "EmptyInput",
    "Entity", "Event",
    "Extraction", "ExtractionError", "Facts", "InputError", "Page", "Quantity", "Settings",
    "TooLarge", "Unreadable", "WartaError", "__version__", "extract", "extract_article",
    "extract_page", "open_archive", "read_page",
}


def test_exported_members() -> None:
    assert set(warta.__all__) == EXPORTED
    for name in EXPORTED:
        assert hasattr(warta, name), name


def test_extract_returns_typed_records_that_serialise(tmp_path: Path) -> None:
    path = tmp_path / "contoh.html"
    path.write_text("<html><body><article><h1>Pasar Murah Digelar</h1>"
                    + "<p>Pemerintah kota menggelar pasar murah di lima kecamatan untuk "
                      "menekan harga bahan pokok menjelang hari raya.</p>" * 3
                    + "</article></body></html>")
    result = warta.extract(path)
    assert isinstance(result, warta.Extraction)
    assert isinstance(result.article, Article)
    assert isinstance(result.chrome, Chrome)
    doc = json.loads(json.dumps(result.to_dict()))
    assert doc["id"] == "contoh"
    assert Article.from_dict(doc["article"]) == result.article
    assert Chrome.from_dict(doc["chrome"]) == result.chrome


def test_errors_share_one_base() -> None:
    for error in (warta.EmptyInput, warta.BinaryInput, warta.TooLarge, warta.Unreadable,
                  warta.ExtractionError):
        assert issubclass(error, warta.WartaError)
