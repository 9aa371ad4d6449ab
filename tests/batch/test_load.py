"""``ingest --from-parquet``: batch output stored in the archive equals a direct ingest."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.archive.conftest import BACKENDS, backend_url
from tests.archive.pages import write_pages
from warta.archive import open_archive
from warta.archive.ingest import ingest
from warta.batch.job import run_batch
from warta.batch.load import count_articles, ingest_parquet

TABLES = ("pages", "articles", "entities", "article_entities", "mentions", "events",
          "quantities", "attributions", "chrome_links", "stories")


def _contents(url: str) -> dict[str, object]:
    with open_archive(url) as archive:
        counts = {table: archive.count(table) for table in TABLES}
        articles = archive.fetchall(
            "SELECT p.content_hash, a.title, a.body, a.published, a.outlet, a.problems,"
            " (SELECT count(*) FROM articles b WHERE b.story_id = a.story_id) AS copies"
            " FROM articles a JOIN pages p ON p.id = a.page_id ORDER BY p.content_hash")
        entities = archive.fetchall("SELECT key, name, type, country FROM entities ORDER BY key")
        events = archive.fetchall("SELECT type, mode, actors, evidence FROM events"
                                  " ORDER BY type, evidence")
    return {"counts": counts, "articles": articles, "entities": entities, "events": events}


@pytest.mark.parametrize("backend", BACKENDS)
def test_from_parquet_stores_what_a_direct_ingest_stores(tmp_path: Path, backend: str) -> None:
    (tmp_path / "direct").mkdir()
    (tmp_path / "loaded").mkdir()
    with backend_url(backend, tmp_path / "direct") as direct, \
            backend_url(backend, tmp_path / "loaded") as loaded:
        _compare(tmp_path, direct, loaded)


def _compare(tmp_path: Path, direct: str, loaded: str) -> None:
    paths = write_pages(tmp_path / "pages", range(10))
    paths.append(paths[0].with_name("copy.html"))
    paths[-1].write_bytes(paths[0].read_bytes())  # the same page twice: stored once
    with open_archive(direct) as archive:
        ingest(archive, [str(p) for p in paths], jobs=1)
    out = tmp_path / "out"
    run_batch([str(tmp_path / "pages")], out, scheduler="synchronous", partition_size=4)
    assert count_articles(out) == 11
    with open_archive(loaded) as archive:
        summary = ingest_parquet(archive, out)
    assert (summary.stored, summary.skipped, summary.failed) == (10, 1, 0)
    expected = _contents(direct)
    assert expected["counts"]["articles"] == 10  # type: ignore[index]
    assert _contents(loaded) == expected
    with open_archive(loaded) as archive:
        assert ingest_parquet(archive, out).skipped == 11  # idempotent
