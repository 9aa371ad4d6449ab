"""warta search | events | entity | story | export, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner, Result

from tests.archive.search_corpus import article_ids, corpus_url, write_corpus
from warta.cli import main

__all__ = ["corpus_url"]


def run(url: str | None, *args: str, env: dict[str, str | None] | None = None) -> Result:
    db = ["--db", url] if url else []
    return CliRunner(env=env).invoke(main, [args[0], *db, *args[1:]])


def test_search_table_and_json(corpus_url: str) -> None:
    table = run(corpus_url, "search", "penyerangan", "--since", "2025-05")
    assert table.exit_code == 0, table.output
    assert "Polisi Tangkap Dua Tersangka" in table.stdout and "Gaza" not in table.stdout
    found = run(corpus_url, "search", '"serangan udara"', "--outlet", "kabardesa.com", "--json")
    document = json.loads(found.stdout)
    assert [hit["outlet"] for hit in document["hits"]] == ["KabarDesa.com"]
    assert document["filters"]["outlet"] == "kabardesa.com"
    assert document["hits"][0]["n_copies"] == 2


def test_search_reads_warta_db(corpus_url: str) -> None:
    result = run(None, "search", "buruh", "--json", env={"WARTA_DB": corpus_url})
    assert [hit["title"] for hit in json.loads(result.stdout)["hits"]] == [
        "Ribuan Buruh Berunjuk Rasa Tolak Upah Murah"]


def test_events_filters_and_table(corpus_url: str) -> None:
    result = run(corpus_url, "events", "--country", "Israel", "--type", "assault", "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["events"]
    assert {(row["type"], tuple(row["recipients"])) for row in rows} == {("ASSAULT", ("PSE",))}
    table = run(corpus_url, "events", "--country", "JPN", "--origins-only")
    assert "CONSULT/visit" in table.stdout and "IDN → JPN" in table.stdout


def test_entity_profile_and_unknown_name(corpus_url: str) -> None:
    result = run(corpus_url, "entity", "Hendra Wiratama")
    assert result.exit_code == 0, result.output
    assert "2 articles" in result.stdout and "Kapolres Garut" in result.stdout
    assert "2025-05" in result.stdout and "COERCE/arrest" in result.stdout
    profile = json.loads(run(corpus_url, "entity", "Sugiono", "--json").stdout)
    assert profile["roles"][0]["role"] == "Menteri Luar Negeri Indonesia"
    missing = run(corpus_url, "entity", "Hendra")
    assert missing.exit_code == 1
    assert missing.stderr.strip() == ("error Hendra: no entity of that name in the archive; "
                                      "did you mean 'Hendra Wiratama'?")


def test_story_by_id_and_by_article(corpus_url: str) -> None:
    ids = article_ids(corpus_url)
    copy = str(ids["serangan-gaza-salinan"])
    by_article = json.loads(run(corpus_url, "story", copy, "--article", "--json").stdout)
    assert [c["outlet"] for c in by_article["copies"]] == ["WartaKita.id", "KabarDesa.com"]
    table = run(corpus_url, "story", str(by_article["id"]))
    assert "first run by WartaKita.id" in table.stdout and "origin" in table.stdout
    missing = run(corpus_url, "story", "999999")
    assert missing.exit_code == 1 and missing.stderr.strip() == "error story 999999: not in " \
        "the archive"


def test_export_stdout_file_and_parquet(corpus_url: str, tmp_path: Path) -> None:
    out = run(corpus_url, "export", "--what", "events", "--format", "csv", "--type", "COERCE")
    assert out.exit_code == 0, out.output
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert [row["event_type"] for row in rows] == ["COERCE", "COERCE"] and out.stderr == ""
    target = tmp_path / "kejadian.parquet"
    saved = run(corpus_url, "export", "--what", "events", "-o", str(target))
    assert saved.exit_code == 0 and saved.stdout == ""
    assert "events written to" in saved.stderr and "(parquet)" in saved.stderr
    assert pq.read_table(target).num_rows == len(json.loads(run(
        corpus_url, "events", "--json", "-n", "1000").stdout)["events"])
    lines = tmp_path / "artikel.jsonl"
    run(corpus_url, "export", "--what", "articles", "-o", str(lines), "-q", "garut")
    assert len(lines.read_text(encoding="utf-8").splitlines()) == 2


def test_parquet_to_stdout_is_refused(corpus_url: str) -> None:
    result = run(corpus_url, "export", "--what", "entities", "--format", "parquet")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.strip() == ("error --format parquet: Parquet is binary and is not "
                                     "written to standard output: give a file with -o "
                                     "FILE.parquet")


@pytest.mark.parametrize(("args", "message"), [
    (["search", "banjir", "--since", "2025-13"], "error --since: '2025-13' is not a date"),
    (["search", "--", "-banjir"], "error search: give at least one word"),
    (["events", "--type", "PERANG"], "error --type: unknown event type 'PERANG'"),
    (["events", "--country", "Narnia"], "error --country: unknown country 'Narnia'"),
])
def test_bad_options_are_one_line(corpus_url: str, args: list[str], message: str) -> None:
    result = run(corpus_url, *args)
    assert result.exit_code == 1 and result.stderr.startswith(message)
    assert len(result.stderr.strip().splitlines()) == 1


def test_default_archive_is_warta_db_in_the_current_folder(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner(env={"WARTA_DB": None})
    missing = runner.invoke(main, ["search", "banjir"])
    assert missing.exit_code == 1
    assert missing.stderr.strip() == "error sqlite:///warta.db: no archive at warta.db"
    write_corpus(tmp_path / "halaman")
    assert runner.invoke(main, ["ingest", "halaman", "-j", "1"]).exit_code == 0
    found = runner.invoke(main, ["search", "banjir", "--json"])
    assert [hit["outlet"] for hit in json.loads(found.stdout)["hits"]] == ["WartaKita.id"]
    assert (tmp_path / "warta.db").exists()
