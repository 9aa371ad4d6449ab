"""Every web page renders on the `make demo` archive: every page of ``examples/`` ingested.

The example pages are the ones ``make demo`` ingests into ``warta.db``: a wire story
(``Jakarta (ANTARA) -``) run by two more outlets an hour or two later, a border clash between
Thailand and Cambodia and its follow-up, floods, a KPK arrest and a football report (a hard
negative: attack words, no events). Here they go into a temporary SQLite archive, and each
kind of page is requested in Indonesian and in English.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from warta.archive import open_archive
from warta.archive.ingest import ingest
from warta.web import create_app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
WIRE = ("unjuk-rasa-ojol-antara", "ojol-demo-istana-suarakota",
        "ojol-tuntut-potongan-harianrakyat")
HARD_NEGATIVE = "persikas-tekuk-bahari-raya"
LANGS = ("id", "en")


@dataclass(frozen=True)
class Demo:
    url: str
    ids: dict[str, int]          # example file stem -> article id
    client: TestClient

    def rows(self, sql: str, params: tuple[object, ...] = ()) -> list[dict[str, object]]:
        with open_archive(self.url) as archive:
            return [dict(row) for row in archive.fetchall(sql, params)]

    def get(self, path: str, lang: str = "id") -> str:
        url = path + ("&" if "?" in path else "?") + f"lang={lang}"
        response = self.client.get(url)
        assert response.status_code == 200, (url, response.status_code, response.text[:300])
        return response.text


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'warta.db'}"
    paths = sorted(str(path) for path in EXAMPLES.iterdir() if path.is_file())
    with open_archive(url) as archive:
        summary = ingest(archive, paths, jobs=1)
        assert (summary.stored, summary.failed) == (len(paths), 0), summary
        rows = archive.fetchall("SELECT a.id, p.source FROM articles a"
                                " JOIN pages p ON p.id = a.page_id")
    ids = {Path(row["source"]).stem: int(row["id"]) for row in rows}
    assert set(WIRE) | {HARD_NEGATIVE} <= set(ids), sorted(ids)
    with TestClient(create_app(url)) as client:
        yield Demo(url, ids, client)


def country_pair(demo: Demo) -> tuple[str, str]:
    """The country pair that shares the most events (actor or recipient), as two ISO3 codes."""
    rows = demo.rows(
        "SELECT a.code AS one, b.code AS two, count(DISTINCT a.event_id) AS n"
        " FROM event_parties a JOIN event_parties b"
        " ON b.event_id = a.event_id AND a.code < b.code"
        " WHERE length(a.code) = 3 AND length(b.code) = 3"
        " GROUP BY a.code, b.code ORDER BY n DESC, one, two")
    assert rows, "no event names two countries"
    return str(rows[0]["one"]), str(rows[0]["two"])


def test_every_page_renders_in_both_languages(demo: Demo) -> None:
    one, two = country_pair(demo)
    assert (one, two) == ("KHM", "THA")       # the border clash and its follow-up
    entities = [row["id"] for row in demo.rows("SELECT id FROM entities ORDER BY id")]
    stories = [row["id"] for row in demo.rows("SELECT id FROM stories ORDER BY id")]
    assert entities and stories
    paths = ["/", "/search?q=banjir", "/search?q=%22ojek+daring%22", "/events", "/events?page=2",
             f"/events?country={one}&country2={two}"]
    paths += [f"/articles/{article}" for article in sorted(demo.ids.values())]
    paths += [f"/entities/{entity}" for entity in entities]
    paths += [f"/stories/{story}" for story in stories]
    for lang in LANGS:
        for path in paths:
            html = demo.get(path, lang)
            assert "<html" in html, path
        response = demo.client.get(f"/events.csv?lang={lang}")
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/csv")
        assert len(response.text.splitlines()) > 1     # a header and the events


def test_wire_copies_are_one_story_with_the_earliest_as_origin(demo: Demo) -> None:
    rows = demo.rows("SELECT a.id, a.story_id, a.outlet, a.published FROM articles a"
                     f" WHERE a.id IN ({', '.join('?' * len(WIRE))})",
                     tuple(demo.ids[name] for name in WIRE))
    assert len({row["story_id"] for row in rows}) == 1, rows
    story_id = rows[0]["story_id"]
    story = demo.rows("SELECT origin_article_id, n_copies, n_outlets FROM stories"
                      " WHERE id = ?", (story_id,))[0]
    assert story["origin_article_id"] == demo.ids[WIRE[0]]    # 10:15 WIB, before 11:40, 12:30
    assert (story["n_copies"], story["n_outlets"]) == (3, 3)
    # no other example page joined it
    assert len(demo.rows("SELECT id FROM articles WHERE story_id = ?", (story_id,))) == 3
    words = " ".join(re.sub(r"<[^>]+>", " ", demo.get(f"/stories/{story_id}")).split())
    for outlet in ("ANTARA Contoh", "SuaraKota.id", "Harianrakyat.net"):
        assert outlet in words


@pytest.mark.parametrize(("lang", "badge"), [("id", "3 media"), ("en", "3 outlets")])
def test_front_page_lists_the_wire_story_as_carried_by_three_outlets(
        demo: Demo, lang: str, badge: str) -> None:
    html = demo.get("/", lang)
    carried = html[html.index('class="carried"'):html.index('class="recent-events"')]
    items = re.findall(r"<li>.*?</li>", carried, flags=re.S)
    story_id = demo.rows("SELECT story_id FROM articles WHERE id = ?",
                         (demo.ids[WIRE[0]],))[0]["story_id"]
    wire = [item for item in items if f'href="/stories/{story_id}"' in item]
    assert len(wire) == 1, items
    assert "Ribuan pengemudi ojek daring unjuk rasa" in wire[0]    # the origin's headline
    assert badge in wire[0]


def test_hard_negative_has_no_events(demo: Demo) -> None:
    article = demo.ids[HARD_NEGATIVE]
    assert demo.rows("SELECT id FROM events WHERE article_id = ?", (article,)) == []
    # while the pages around it do have events (the check is not vacuous)
    for name in ("bentrok-perbatasan-thailand-kamboja", "kpk-tahan-kadis-pupr", WIRE[0]):
        assert demo.rows("SELECT id FROM events WHERE article_id = ?", (demo.ids[name],))
    rows = csv.DictReader(io.StringIO(demo.client.get("/events.csv").text))
    articles = {int(row["article_id"]) for row in rows}
    assert demo.ids["kpk-tahan-kadis-pupr"] in articles and article not in articles


def test_search_finds_both_floods(demo: Demo) -> None:
    html = demo.get("/search?q=banjir")
    for name in ("banjir-lahar-kaliwangi", "banjir-bandang-longsor-sindangreja"):
        assert f'href="/articles/{demo.ids[name]}"' in html
