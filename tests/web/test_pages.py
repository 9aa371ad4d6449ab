"""The HTML pages over an archive built by ingesting our own small Indonesian pages.

Every page renders on both backends; unknown ids get the 404 page; labels are Indonesian
by default and English on ``?lang=en``, the cookie it sets, or ``Accept-Language``; the
ingest form answers 403 unless the app allows ingest.
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

from tests.archive.conftest import BACKENDS, backend_url
from tests.web.pages_corpus import CLASH, build_archive, chrome_html
from warta.web import create_app
from warta.web.charts import bar_chart, months_between
from warta.web.labels import catalogue
from warta.web.marks import Mark, marked_paragraph


@dataclass(frozen=True)
class Site:
    url: str
    ids: dict[str, int]
    client: TestClient

    def get(self, path: str, **kwargs: object) -> str:
        response = self.client.get(path, **kwargs)  # type: ignore[arg-type]
        assert response.status_code == 200, (path, response.status_code, response.text[:500])
        assert response.headers["content-type"].startswith("text/html")
        return response.text

    def story_id(self, page: str) -> int | None:
        from warta.archive import open_archive
        from warta.archive.query import story_of

        with open_archive(self.url) as archive:
            return story_of(archive, self.ids[page])

    def entity_id(self, name: str) -> int:
        from warta.archive import open_archive

        with open_archive(self.url) as archive:
            return int(archive.fetchval("SELECT id FROM entities WHERE name = ? ORDER BY id",
                                        (name,)))


@pytest.fixture(scope="module", params=BACKENDS)
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
         ) -> Iterator[Site]:
    """The corpus archive behind a read-only app, once per backend (tests only read)."""
    folder = tmp_path_factory.mktemp("web")
    with backend_url(request.param, folder) as url:
        ids = build_archive(url, folder / "pages")
        with TestClient(create_app(url)) as client:
            yield Site(url, ids, client)


def text_of(html: str) -> str:
    """The visible words of a page, tags dropped and spaces folded."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


# --- every page --------------------------------------------------------------------------


def test_every_page_renders(site: Site) -> None:
    clash = site.ids["bentrok-syunik"]
    armenia = site.entity_id("Armenia")
    story_id = site.story_id("bentrok-syunik")
    paths = ["/", "/search?q=serangan", f"/articles/{clash}", f"/entities/{armenia}",
             "/events", "/events?country=ARM&country2=AZE", "/static/warta.css",
             "/static/warta.js"]
    if story_id is not None:
        paths.append(f"/stories/{story_id}")
    for path in paths:
        response = site.client.get(path)
        assert response.status_code == 200, (path, response.text[:300])


def test_front_page_shows_latest_stories_and_events(site: Site) -> None:
    html = site.get("/")
    words = text_of(html)
    assert "Terkini" in words and "Dimuat paling banyak media" in words
    # Terkini: newest first
    assert words.index("Armenia dan Azerbaijan Sepakat Tarik Pasukan") < words.index(
        "Menlu Indonesia dan Jepang Bahas Kerja Sama Maritim")
    # the story two outlets ran, linked to its story page
    carried = html[html.index('class="carried"'):html.index('class="recent-events"')]
    assert "Bentrokan di Perbatasan Armenia-Azerbaijan" in carried
    assert "2 media" in carried and 'href="/stories/' in carried
    # recent events, grouped by type, each linking to its article
    events = html[html.index('class="recent-events"'):]
    assert 'href="/events?type=' in events and 'href="/articles/' in events


# --- search ------------------------------------------------------------------------------


def test_search_marks_matched_words_and_links_articles(site: Site) -> None:
    html = site.get("/search", params={"q": "penyerangan"})
    snippets = "".join(re.findall(r'<p class="snippet">.*?</p>', html))
    marked = re.findall(r'<mark class="hit">([^<]+)</mark>', snippets)
    assert marked and all(word.lower().startswith(("serang", "menyerang", "penyerangan",
                                                   "diserang")) for word in marked), marked
    assert f'href="/articles/{site.ids["penangkapan-garut"]}">Polisi Tangkap Dua Tersangka ' \
        '<mark class="hit">Penyerangan</mark>' in html  # headlines marked too


def test_search_filters_and_bad_filter(site: Site) -> None:
    words = text_of(site.get("/search", params={"q": "armenia", "outlet": "BeritaNusa.com"}))
    assert "Tiga Tentara Armenia Tewas" in words
    assert "Azerbaijan Tuding Armenia Serang Desa" not in words  # KabarDunia.id
    response = site.client.get("/search", params={"q": "armenia", "since": "kemarin"})
    assert response.status_code == 400
    assert "--since" in response.text and "YYYY-MM-DD" in response.text


def test_search_without_hits_says_so(site: Site) -> None:
    assert "Tidak ada artikel yang cocok" in site.get("/search", params={"q": "zebra"})


# --- article -----------------------------------------------------------------------------


def test_article_marks_entities_and_event_evidence(site: Site) -> None:
    html = site.get(f"/articles/{site.ids['bentrok-syunik']}")
    body = html[html.index('class="story-body"'):html.index('class="legend"')]
    assert '<mark class="ev ev-ASSAULT"' in body
    ministry = site.entity_id("Kementerian Pertahanan Armenia")
    assert (f'<mark class="ent ent-ORG" title="Kementerian Pertahanan Armenia">'
            f'<a href="/entities/{ministry}">Kementerian Pertahanan Armenia</a></mark>') in body
    # evidence widened to whole words: no mark ends inside a word
    assert not re.search(r"\w</mark>\w", body)


def test_article_shows_attributions_as_according_to(site: Site) -> None:
    words = text_of(site.get(f"/articles/{site.ids['bentrok-syunik']}"))
    assert "menurut Kementerian Pertahanan Armenia" in words
    assert "menurut Nikol Pashinyan" in words


def test_article_keeps_page_chrome_apart(site: Site) -> None:
    html = site.get(f"/articles/{site.ids['bentrok-syunik']}")
    story, chrome = html.split('class="chrome"', 1)
    for headline in (CLASH.inline, *CLASH.related, *CLASH.popular):
        assert headline not in story
        assert headline in chrome
    assert "Baca juga" in chrome and "Terpopuler" in chrome


def test_article_lists_copies_and_related_stories(site: Site) -> None:
    html = site.get(f"/articles/{site.ids['bentrok-syunik']}")
    copies = html[html.index('class="copies"'):]
    assert "KabarDunia.id" in copies and "BeritaNusa.com" in copies
    assert f'href="/articles/{site.ids["bentrok-syunik-salinan"]}"' in copies
    assert "pertama terbit" in copies  # the origin is flagged
    related = html[html.index('class="related"'):html.index('class="chrome"')]
    assert "Berita Terkait" in related and 'href="/articles/' in related


# --- entity, events, story ---------------------------------------------------------------


def test_entity_page_has_chart_events_and_company(site: Site) -> None:
    html = site.get(f"/entities/{site.entity_id('Armenia')}")
    assert html.count("<svg") == 1 and "Sebutan per bulan" in html
    assert "Jan 2026" in html and "Mar 2026" in html  # months in between filled
    assert "Sering muncul bersama" in html and "Azerbaijan" in html
    assert 'class="events"' in html and "Serangan" in html


def test_entity_role_is_shown(site: Site) -> None:
    html = site.get(f"/entities/{site.entity_id('Nikol Pashinyan')}")
    assert "Perdana Menteri Armenia" in html


def test_events_table_pair_timeline_and_casualties(site: Site) -> None:
    html = site.get("/events", params={"country": "Armenia", "country2": "AZE"})
    assert "Linimasa peristiwa ARM–AZE per bulan" in html
    chart = html[html.index("<svg"):html.index("</svg>")]
    assert "<rect" in chart and "Serangan" in html
    casualties = html[html.index('class="casualties"'):]
    rows = re.findall(r"<tr><td>([^<]+)</td><td class=\"num\">(\d+)</td>"
                      r"<td class=\"num\">(\d+)</td>", casualties)
    totals = {source: (int(killed), int(injured)) for source, killed, injured in rows}
    # one copy per story: the syndicated copy's "tiga tentara" is counted once
    assert totals["Kementerian Pertahanan Armenia"] == (3 + 7, 0)
    assert totals["Kementerian Pertahanan Azerbaijan"] == (0, 5)
    assert "Menlu Indonesia" not in html  # neither country


def test_events_type_filter_and_bad_country(site: Site) -> None:
    html = site.get("/events", params={"type": "protest"})
    assert "Ribuan buruh berunjuk rasa" in html.replace("“", "")
    assert "ev-ASSAULT" not in html.split("<tbody>", 1)[1]
    response = site.client.get("/events", params={"country": "Atlantis"})
    assert response.status_code == 400 and "Atlantis" in response.text


def test_events_csv_download(site: Site) -> None:
    response = site.client.get("/events.csv", params={"country": "ARM", "country2": "AZE"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert rows and {"event_type", "source_actor", "target_actor", "evidence"} <= set(rows[0])
    for row in rows:
        parties = ";".join((row["source_actor"], row["target_actor"], row["mediator_actor"]))
        assert "ARM" in parties and "AZE" in parties
    assert "ASSAULT" in {row["event_type"] for row in rows}
    html = site.get("/events", params={"country": "ARM", "country2": "AZE"})
    assert 'href="/events.csv?country=ARM&amp;country2=AZE"' in html


def test_story_page_lists_every_copy(site: Site) -> None:
    story_id = site.story_id("bentrok-syunik")
    words = text_of(site.get(f"/stories/{story_id}"))
    assert "KabarDunia.id pertama terbit" in words and "BeritaNusa.com" in words
    assert "2 media · 2 salinan" in words


# --- not found, language -----------------------------------------------------------------


@pytest.mark.parametrize("path", ["/articles/999999", "/articles/abc", "/entities/999999",
                                  "/stories/999999", "/entities/-1"])
def test_unknown_ids_get_the_404_page(site: Site, path: str) -> None:
    response = site.client.get(path)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "Tidak ditemukan" in response.text and 'href="/"' in response.text


def test_language_switch(site: Site) -> None:
    with TestClient(site.client.app) as client:
        assert "Terkini" in client.get("/").text  # Indonesian by default
        english = client.get("/?lang=en")
        assert "Latest" in english.text and "Terkini" not in text_of(english.text)
        assert english.cookies.get("warta_lang") == "en"
        assert 'href="/?lang=id"' in english.text  # the way back
        assert "Search the news" in client.get("/search").text  # the cookie is kept
        assert "Cari berita" in client.get("/search?lang=id").text


@pytest.mark.parametrize(("header", "word"), [("en-US,en;q=0.9", "Latest"),
                                             ("id-ID,id;q=0.9,en;q=0.8", "Terkini"),
                                             ("fr-FR,en;q=0.5", "Latest"),
                                             ("de", "Terkini")])
def test_language_from_accept_language(site: Site, header: str, word: str) -> None:
    with TestClient(site.client.app) as client:
        assert word in client.get("/", headers={"Accept-Language": header}).text


def test_catalogues_have_the_same_labels() -> None:
    indonesian, english = catalogue("id"), catalogue("en")
    assert set(indonesian) == set(english)
    assert len(indonesian["months"]) == len(english["months"]) == 12


# --- ingest ------------------------------------------------------------------------------


def test_ingest_is_off_by_default(site: Site) -> None:
    assert site.client.get("/ingest").status_code == 403
    response = site.client.post("/ingest", data={"text": "Banjir di Garut."})
    assert response.status_code == 403 and "--allow-ingest" in response.text
    assert 'href="/ingest"' not in site.get("/")  # not offered in the menu


@pytest.fixture
def ingest_client(tmp_path: Path) -> Iterator[TestClient]:
    url = f"sqlite:///{tmp_path / 'warta.db'}"
    build_archive(url, tmp_path / "pages")
    with TestClient(create_app(url, allow_ingest=True)) as client:
        yield client


def test_ingest_pasted_text_shows_facts(ingest_client: TestClient) -> None:
    assert 'enctype="multipart/form-data"' in ingest_client.get("/ingest").text
    text = "\n\n".join(CLASH.paragraphs[1:])
    response = ingest_client.post("/ingest", data={"text": text})
    assert response.status_code == 200, response.text[:500]
    html = response.text
    assert '<mark class="ent ent-ORG"' in html and "Kementerian Pertahanan Azerbaijan" in html
    assert "Menolak" in html or "Menuduh" in html  # REJECT / ACCUSE events
    assert "menurut" in html
    assert "Lihat artikel yang tersimpan" not in html  # not stored unless asked


def test_ingest_uploaded_page_and_store(ingest_client: TestClient) -> None:
    page = chrome_html(CLASH).replace("Tiga Tentara Tewas", "Tiga Prajurit Tewas")
    response = ingest_client.post(
        "/ingest", data={"store": "1"},
        files={"page": ("syunik.html", page.encode("utf-8"), "text/html")})
    assert response.status_code == 200, response.text[:500]
    html = response.text
    assert "Tiga Prajurit Tewas" in html
    assert "Harga Gandum Dunia Naik Lagi" in html.split('class="chrome"', 1)[1]
    stored = re.search(r'href="/articles/(\d+)">Lihat artikel yang tersimpan', html)
    assert stored, html[:2000]
    assert "Tiga Prajurit Tewas" in ingest_client.get(f"/articles/{stored[1]}").text


def test_ingest_without_input_asks_for_it(ingest_client: TestClient) -> None:
    response = ingest_client.post("/ingest", data={"text": "  "})
    assert response.status_code == 400 and "Tempel teks" in response.text


# --- marks and charts --------------------------------------------------------------------


def test_marks_nest_and_escape() -> None:
    html = marked_paragraph(
        "Polisi <b> menangkap Budi di Garut.",
        entities=[Mark("Budi", "ent ent-PER", href="/entities/1"),
                  Mark("Garut", "ent ent-GPE"), Mark("Polisi <b", "ent ent-ORG")],
        evidence=[Mark("menangkap Bu", "ev ev-COERCE", "COERCE")])
    assert str(html) == (
        '<mark class="ent ent-ORG">Polisi &lt;b</mark>&gt; <mark class="ev ev-COERCE" '
        'title="COERCE">menangkap <mark class="ent ent-PER"><a href="/entities/1">Budi</a>'
        '</mark></mark> di <mark class="ent ent-GPE">Garut</mark>.')


def test_marks_drop_a_mention_crossing_evidence() -> None:
    html = str(marked_paragraph("Kapolres Garut Hendra berkata.",
                                entities=[Mark("Garut Hendra", "ent")],
                                evidence=[Mark("Kapolres Garut", "ev")]))
    assert html == '<mark class="ev">Kapolres Garut</mark> Hendra berkata.'


def test_charts() -> None:
    assert months_between("2025-11", "2026-02") == ["2025-11", "2025-12", "2026-01",
                                                    "2026-02"]
    svg = str(bar_chart(["a <b>", "b"], [0, 3], title="T & U", unit="x"))
    assert svg.startswith("<svg") and 'aria-label="T &amp; U"' in svg
    assert svg.count("<rect") == 1 and "a &lt;b&gt;" in svg
