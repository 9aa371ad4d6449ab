"""The Archive API, run against both backends: save, read back, skip, index, transactions."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import warta
from tests.archive.pages import NO_STORY_HTML, page_html
from warta.archive import Archive, archive_url, open_archive
from warta.archive.base import redact
from warta.archive.postgres import pyformat, split_schema
from warta.archive.schema import TABLES, latest_version, migrations, sqlite_statements
from warta.archive.stemming import stem_text
from warta.archive.writer import body_hash, content_hash
from warta.errors import ArchiveError
from warta.models import Article, Chrome, Extraction, Page


def _save(archive: Archive, html: str, name: str = "berita.html") -> warta.archive.SaveResult:
    raw = html.encode("utf-8")
    return archive.save(warta.extract(raw, name=name), raw, source=name)


def test_save_then_read_back_the_article_and_its_facts(archive: Archive) -> None:
    raw = page_html(3).encode()
    extraction = warta.extract(raw, name="berita.html")
    result = archive.save(extraction, raw, source="berita.html")
    assert result.article_id is not None and not result.skipped
    art = archive.article(result.article_id)
    assert art is not None
    assert art["title"] == "Sekolah di Jambi Kekurangan 103 Guru"
    assert art["body"].count("\n\n") == 3 and "kekurangan 103" in art["body"]
    assert art["outlet"] == "WartaKita.id" and art["published"] == "2025-04-13T08:00:00+07:00"
    assert art["wire_sources"] == [] and art["problems"] == []
    assert art["source"] == "berita.html" and art["kind"] == "html"
    assert art["ingested_at"].endswith("Z")
    assert art["chrome"]["latest"][0] == "Harga Cabai di Jambi Turun"
    assert {ent["name"] for ent in art["entities"]} >= {"Jambi", "Rina Marlina"}
    assert [(attr["speaker"], attr["direct"]) for attr in art["attributions"]] == [
        (attr.speaker, attr.direct) for attr in extraction.facts.attributions]
    assert [(event["type"], event["actors"]) for event in art["events"]] == [
        (event.type, list(event.actors)) for event in extraction.facts.events]


def test_same_page_twice_is_skipped(archive: Archive) -> None:
    first = _save(archive, page_html(1))
    second = _save(archive, page_html(1), name="lagi.html")
    assert second.skipped and second.article_id is None
    assert archive.has_page(content_hash(page_html(1).encode()))
    assert (archive.count("pages"), archive.count("articles")) == (1, 1)
    assert first.page_id is not None
    assert archive.page_raw(first.page_id) == page_html(1).encode()


def test_page_without_a_story_is_stored_without_an_article(archive: Archive) -> None:
    result = _save(archive, NO_STORY_HTML, name="indeks.html")
    assert result.article_id is None and not result.skipped and result.page_id
    assert (archive.count("pages"), archive.count("articles")) == (1, 0)
    assert _save(archive, NO_STORY_HTML).skipped
    problems = archive.fetchval("SELECT problems FROM pages WHERE id = ?", (result.page_id,))
    assert "no story found" in str(problems)


def test_entities_are_shared_between_articles(archive: Archive) -> None:
    # Pages 0 and 14 share the town (Garut); 0, 7 and 14 the official.
    for index in (0, 7, 14):
        _save(archive, page_html(index), name=f"p{index}.html")
    rows = archive.fetchall("SELECT e.name, count(*) AS n FROM article_entities ae"
                            " JOIN entities e ON e.id = ae.entity_id GROUP BY e.name")
    counts = {row["name"]: row["n"] for row in rows}
    assert counts["Garut"] == 2 and counts["Hendra Wiratama"] == 3
    assert archive.fetchval("SELECT count(*) AS n FROM entities WHERE name = ?",
                            ("Garut",)) == 1


def test_full_text_index_holds_stemmed_words(archive: Archive) -> None:
    result = _save(archive, page_html(2))
    if archive.backend == "sqlite":
        query = "SELECT rowid AS id FROM articles_fts WHERE articles_fts MATCH ?"
        rows = archive.fetchall(query, (stem_text("penutupan"),))
    else:
        query = "SELECT id FROM articles WHERE search @@ plainto_tsquery('indonesian', ?)"
        rows = archive.fetchall(query, ("penutupan",))
    assert [row["id"] for row in rows] == [result.article_id]


_ARTICLE_ROWS = ("chrome_links", "article_entities", "mentions", "events", "event_parties",
                 "quantities", "attributions", "related")


@pytest.mark.parametrize("delete", ["article", "page"])
def test_deleting_an_article_deletes_its_rows(archive: Archive, delete: str) -> None:
    """Deleting an article (or its page) deletes every row that belongs to it: foreign keys
    on SQLite, a trigger on PostgreSQL (whose per-article tables have no foreign keys)."""
    kept = _save(archive, page_html(4), name="lain.html")
    result = _save(archive, page_html(5))
    before = {table: archive.count(table) for table in _ARTICLE_ROWS}
    assert all(before[table] for table in ("chrome_links", "article_entities", "mentions",
                                           "events", "event_parties")), before
    if delete == "page":
        archive.execute("DELETE FROM pages WHERE id = ?", (result.page_id,))
    else:
        archive.execute("DELETE FROM articles WHERE id = ?", (result.article_id,))
    for table in _ARTICLE_ROWS:
        owner = "e.article_id" if table == "event_parties" else "t.article_id"
        join = " JOIN events e ON e.id = t.event_id" if table == "event_parties" else ""
        left = archive.fetchval(f"SELECT count(*) AS n FROM {table} t{join}"
                                f" WHERE {owner} = ?", (result.article_id,))
        assert left == 0, table
    assert archive.fetchval("SELECT count(*) AS n FROM related WHERE related_id = ?",
                            (result.article_id,)) == 0
    assert archive.article(kept.article_id or 0) is not None
    assert archive.count("articles") == 1


def test_transaction_rolls_back_on_error_and_nests(archive: Archive) -> None:
    with pytest.raises(RuntimeError), archive.transaction():
        archive.execute("INSERT INTO stories (first_published) VALUES (?)", ("2025-01-01",))
        raise RuntimeError("boom")
    assert archive.count("stories") == 0
    with archive.transaction():
        archive.execute("INSERT INTO stories (first_published) VALUES (?)", ("2025-01-01",))
        with archive.transaction():
            assert archive.in_transaction
            archive.execute("INSERT INTO stories (first_published) VALUES (?)", ("2025-01-02",))
    assert archive.count("stories") == 2 and not archive.in_transaction


def test_question_marks_and_percent_signs_in_literals(archive: Archive) -> None:
    row = archive.fetchone("SELECT ? AS a, '100%?' AS b, 'x' || ? AS c", ("satu", "dua"))
    assert row == {"a": "satu", "b": "100%?", "c": "xdua"}


def test_schema_is_at_the_latest_version_and_counts_check_names(archive: Archive) -> None:
    assert archive.schema_version() == latest_version(archive.backend) >= 2
    assert all(archive.count(table) == 0 for table in TABLES)
    with pytest.raises(ValueError, match="unknown table"):
        archive.count("pages; DROP TABLE pages")


def test_both_backends_have_the_same_migrations() -> None:
    names = {backend: [(m.version, m.name) for m in migrations(backend)]
             for backend in ("sqlite", "postgresql")}
    assert names["sqlite"] == names["postgresql"]


def test_sqlite_statements_keep_trigger_bodies_whole() -> None:
    script = "CREATE TABLE a (x);\n-- note\nCREATE TRIGGER t AFTER DELETE ON a BEGIN\n" \
             "  DELETE FROM a;\nEND;\n-- trailing comment\n"
    assert len(sqlite_statements(script)) == 2


def test_stem_text_uses_snowball_indonesian() -> None:
    assert stem_text("Pemerintah menyalurkan bantuan, pengungsi!") == "perintah salur bantu ungsi"
    assert stem_text("") == ""


def test_stem_text_is_the_same_once_its_stems_are_forgotten(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from warta.archive import stemming

    monkeypatch.setattr(stemming._STEMS, "kept", 2)
    text = "Pengungsi menerima bantuan; pemerintah menyalurkan bantuan lagi kepada pengungsi."
    expected = " ".join(stemming._STEMMER.stemWord(word) for word in stemming.words(text))
    assert stem_text(text) == stem_text(text) == expected
    assert len(stemming._STEMS) <= 2


def test_body_hash_ignores_case_punctuation_and_spacing() -> None:
    assert body_hash(["Warga  mengungsi.", "Hujan turun!"]) == body_hash(
        ["warga mengungsi", "hujan, turun"])
    assert body_hash(["a"]) != body_hash(["b"])


def test_pyformat_and_schema_parameter() -> None:
    assert pyformat("SELECT ? , '?%' WHERE x LIKE ?") == "SELECT %s , '?%%' WHERE x LIKE %s"
    assert split_schema("postgresql://u@h/db?schema=s1&sslmode=disable") == (
        "postgresql://u@h/db?sslmode=disable", "s1")
    assert split_schema("postgres://u@h/db") == ("postgresql://u@h/db", None)
    assert redact("postgresql://u:secret@h/db") == "postgresql://u:***@h/db"


def test_archive_url_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WARTA_DB", raising=False)
    assert archive_url() == "sqlite:///warta.db"
    monkeypatch.setenv("WARTA_DB", "sqlite:///env.db")
    assert archive_url() == "sqlite:///env.db"
    assert archive_url("sqlite:///given.db") == "sqlite:///given.db"


def test_relative_sqlite_url_and_bare_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                           ) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("WARTA_DB", raising=False)
    with open_archive() as archive:
        assert archive.backend == "sqlite"
    assert (tmp_path / "warta.db").exists()
    with open_archive(str(tmp_path / "lain.db")) as archive:
        assert archive.schema_version() == latest_version("sqlite")


def test_unknown_scheme_is_a_clear_error() -> None:
    with pytest.raises(ArchiveError, match="unknown archive type 'mysql'"):
        open_archive("mysql://localhost/warta")


TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=60)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=TEXT, body=st.lists(TEXT, min_size=1, max_size=4), authors=st.lists(TEXT, max_size=3))
def test_save_then_article_round_trips_any_text(title: str, body: list[str],
                                                authors: list[str]) -> None:
    extraction = Extraction(
        id="x", page=Page(name="x.html", kind="html", text="<p>x</p>"),
        article=Article(title=title, body=tuple(body), authors=tuple(authors)), chrome=Chrome())
    with open_archive(":memory:") as archive:
        saved = archive.save(extraction, (title + "".join(body)).encode(), source="x.html")
        assert saved.article_id is not None
        art = archive.article(saved.article_id)
    assert art is not None
    assert (art["title"], art["body"], art["authors"]) == (title, "\n\n".join(body), authors)
