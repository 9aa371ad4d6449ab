"""The `warta extract` command: outputs, stdin, bad files in a batch, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from warta.cli import main

EXAMPLES = Path(__file__).parent.parent / "examples"
SCHEMA_KEYS = {"id", "input", "article", "chrome", "entities", "events", "quantities",
               "attributions"}
PAGE = ("<html><head><title>Uji</title></head><body><article><h1>Jalan Desa Diperbaiki</h1>"
        + "<p>Pemerintah desa memperbaiki jalan yang rusak akibat hujan deras pekan lalu, "
          "dan warga ikut membantu mengangkut material batu dan pasir ke lokasi.</p>" * 4
        + "</article></body></html>")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_out_dir_gets_one_json_per_input(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["extract", str(EXAMPLES), "--out", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in (tmp_path / "o").iterdir())
    expected = sorted(p.name.split(".")[0] + ".json" for p in EXAMPLES.iterdir())
    assert written == expected
    for path in (tmp_path / "o").iterdir():
        doc = json.loads(path.read_text())
        assert doc.keys() >= SCHEMA_KEYS
        assert doc["article"]["body"], path


def test_single_input_prints_json(runner: CliRunner, tmp_path: Path) -> None:
    page = tmp_path / "jalan.html"
    page.write_text(PAGE)
    result = runner.invoke(main, ["extract", str(page)])
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["id"] == "jalan"
    assert doc["input"] == {"file": "jalan.html", "kind": "html", "url": None, "fetched": None}
    assert doc["entities"] == doc["events"] == doc["quantities"] == doc["attributions"] == []


def test_stdin(runner: CliRunner) -> None:
    result = runner.invoke(main, ["extract", "-"], input=PAGE)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["article"]["body"]


def test_text_format_is_readable(runner: CliRunner, tmp_path: Path) -> None:
    page = tmp_path / "jalan.html"
    page.write_text(PAGE)
    result = runner.invoke(main, ["extract", "--format", "text", str(page)])
    assert result.exit_code == 0
    assert "Pemerintah desa memperbaiki jalan" in result.stdout
    assert not result.stdout.lstrip().startswith("{")


def test_batch_goes_past_bad_files_and_fails_at_the_end(runner: CliRunner,
                                                         tmp_path: Path) -> None:
    good = tmp_path / "baik.html"
    good.write_text(PAGE)
    empty = tmp_path / "kosong.html"
    empty.write_bytes(b"")
    binary = tmp_path / "gambar.html"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    out = tmp_path / "o"
    result = runner.invoke(main, ["extract", str(empty), str(good), str(binary),
                                  str(tmp_path / "hilang.txt"), "--out", str(out)])
    assert result.exit_code == 1
    assert (out / "baik.json").exists()
    errors = [line for line in result.stderr.splitlines() if line.startswith("error")]
    assert len(errors) == 3
    assert any("kosong.html" in line and "empty" in line for line in errors)
    assert any("gambar.html" in line and "binary" in line for line in errors)
    assert "4 inputs: 1 extracted" in result.stderr
    assert "Traceback" not in result.output


def test_page_without_story_is_flagged_not_failed(runner: CliRunner, tmp_path: Path) -> None:
    home = tmp_path / "beranda.html"
    home.write_text("<html><body><nav>" + "".join(
        f'<a href="/b/{i}">Berita nomor {i}</a> ' for i in range(30)) + "</nav></body></html>")
    result = runner.invoke(main, ["extract", str(home)])
    assert result.exit_code == 0
    assert "no story" in result.stderr
    doc = json.loads(result.stdout)
    assert doc["problems"]


def test_facts_prints_a_table_per_kind(runner: CliRunner) -> None:
    result = runner.invoke(main, ["facts", str(EXAMPLES / "kapal-nelayan-hilang.txt")])
    assert result.exit_code == 0, result.output
    for title in ("Entities", "Events", "Quantities", "Attributions"):
        assert title in result.stdout


def test_facts_json(runner: CliRunner) -> None:
    result = runner.invoke(main, ["facts", "--json", str(EXAMPLES / "kapal-nelayan-hilang.txt")])
    doc = json.loads(result.stdout)
    assert set(doc) == {"id", "entities", "events", "quantities", "attributions"}
