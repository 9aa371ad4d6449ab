"""The JSON API (/api/v1) over the search corpus: our own small Indonesian pages, ingested.

Every test runs on SQLite and on PostgreSQL (``corpus_url`` is parametrised over both; the
PostgreSQL run skips when no server answers, and fails under CI=1). Ingest tests write, so
they use a fresh SQLite archive of their own.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from tests.archive.search_corpus import article_ids, corpus_archive, corpus_url
from warta.archive import open_archive
from warta.archive.query import search
from warta.cli import main
from warta.web import create_app
from warta.web.deps import decode_cursor, encode_cursor
from warta.web.problems import MEDIA_TYPE, Problem
from warta.web.schemas import Page, SearchHit

__all__ = ["corpus_url"]
API = "/api/v1"
GAZA = {"serangan-gaza", "serangan-gaza-salinan"}


@pytest.fixture(scope="module")
def client(corpus_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(corpus_url)) as opened:
        yield opened


@pytest.fixture(scope="module")
def ids(corpus_url: str) -> dict[str, int]:
    return article_ids(corpus_url)


def ok(client: TestClient, path: str, **params: Any) -> Any:
    response = client.get(API + path, params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    return response.json()


def problem(client: TestClient, path: str, status: int, **params: Any) -> dict[str, Any]:
    response = client.get(API + path, params=params)
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == MEDIA_TYPE
    body: dict[str, Any] = response.json()
    assert {"type", "title", "status", "detail"} <= body.keys()
    assert body["status"] == status and body["detail"]
    return body


def names_of(ids: dict[str, int], article_ids: list[int]) -> list[str]:
    by_id = {value: key for key, value in ids.items()}
    return [by_id[article_id] for article_id in article_ids]


def every_page(client: TestClient, path: str, key: str = "id", **params: Any) -> list[Any]:
    """Follow next_cursor to the end; the keys of every item, in order."""
    found, cursor = [], None
    for _ in range(50):
        page = ok(client, path, **params, **({"cursor": cursor} if cursor else {}))
        found += [item[key] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            return found
    raise AssertionError("pagination does not end")


# --- articles ----------------------------------------------------------------------------


def test_articles_newest_first_and_cursor_pages_cover_each_once(
        client: TestClient, ids: dict[str, int]) -> None:
    whole = ok(client, "/articles", limit=100)
    assert whole["next_cursor"] is None and whole["limit"] == 100
    dates = [item["published"] for item in whole["items"]]
    assert dates == sorted(dates, reverse=True)
    assert names_of(ids, [item["id"] for item in whole["items"]])[0] == "menlu-jepang"
    paged = every_page(client, "/articles", limit=2)
    assert paged == [item["id"] for item in whole["items"]]
    assert len(paged) == len(ids)


def test_articles_take_the_cli_filters(client: TestClient, ids: dict[str, int]) -> None:
    def listed(**params: Any) -> set[str]:
        return set(names_of(ids, [item["id"] for item in
                                  ok(client, "/articles", limit=100, **params)["items"]]))

    assert listed(outlet="wartakita.id") == {"serangan-gaza", "banjir-garut"}
    assert listed(since="2025-05", until="2025-05") == {"penangkapan-garut", "banjir-garut"}
    assert listed(country="Israel") == GAZA
    assert listed(type="assault") >= GAZA
    assert listed(entity="hendra wiratama") == {"penangkapan-garut", "banjir-garut"}
    assert listed(origins_only=True) & GAZA == {"serangan-gaza"}
    assert len(listed(until="9999")) == len(ids)  # the last day there is: no bound


def test_search_ranks_snippets_and_pages(client: TestClient, ids: dict[str, int]) -> None:
    hits = ok(client, "/articles/search", q='"serangan udara" gaza')["items"]
    assert set(names_of(ids, [hit["article_id"] for hit in hits])) == GAZA
    first = hits[0]
    start, end = first["highlights"][0]
    assert first["snippet"][start:end].lower() in {"menyerang", "serangan", "udara", "gaza"}
    assert first["n_copies"] == 2
    filtered = ok(client, "/articles/search", q="serangan", outlet="KabarDesa.com")["items"]
    assert names_of(ids, [hit["article_id"] for hit in filtered]) == ["serangan-gaza-salinan"]
    paged = every_page(client, "/articles/search", key="article_id", q="garut OR gaza",
                       limit=1)
    whole = ok(client, "/articles/search", q="garut OR gaza", limit=100)["items"]
    assert paged == [hit["article_id"] for hit in whole] and len(paged) >= 4


def test_search_answers_the_documented_page_of_the_hits(client: TestClient,
                                                        corpus_url: str) -> None:
    """The search route writes its JSON straight from the hits: it must be exactly the
    documented ``Page[SearchHit]`` holding ``SearchHit.to_dict()`` of each."""
    body = ok(client, "/articles/search", q="garut OR gaza", limit=2)
    assert Page[SearchHit].model_validate(body).model_dump(mode="json") == body
    with open_archive(corpus_url, readonly=True) as archive:
        hits = search(archive, "garut OR gaza", limit=2)
    assert body["items"] == [hit.to_dict() for hit in hits]
    assert body["limit"] == 2 and decode_cursor(body["next_cursor"], "search", int) == [2]

def test_article_detail_has_page_fields_chrome_and_facts(client: TestClient,
                                                         ids: dict[str, int]) -> None:
    article = ok(client, f"/articles/{ids['serangan-gaza']}")
    assert article["title"] == "Israel Menyerang Kamp Pengungsi di Gaza"
    assert article["outlet"] == "WartaKita.id" and article["kind"] == "html"
    assert "kamp pengungsi" in article["body"] and len(article["content_hash"]) == 64
    assert {"Israel", "Gaza"} <= {entity["name"] for entity in article["entities"]}
    assert any(event["type"] == "ASSAULT" and event["actors"] == ["ISR"]
               for event in article["events"])
    assert any(q["kind"] == "killed" and q["value"] == 14 and q["qualifier"] == "at_least"
               for q in article["quantities"])
    assert article["attributions"] and isinstance(article["chrome"], dict)
    story = ok(client, f"/articles/{ids['serangan-gaza-salinan']}/story")
    assert story["n_copies"] == 2 and story["origin_article_id"] == ids["serangan-gaza"]
    assert [copy["is_origin"] for copy in story["copies"]] == [True, False]


def test_unknown_and_invalid_ids(client: TestClient) -> None:
    assert "not in the archive" in problem(client, "/articles/999999", 404)["detail"]
    problem(client, "/articles/999999/story", 404)
    problem(client, "/stories/999999", 404)
    problem(client, "/entities/999999", 404)
    for bad in ("0", "-3", "abc", str(2**63), "1.5"):
        assert problem(client, f"/articles/{bad}", 422)["errors"][0]["in"] == "path"


# --- events, quantities, entities, stories, stats ----------------------------------------


def test_events_filter_per_event_and_page(client: TestClient, ids: dict[str, int]) -> None:
    assaults = ok(client, "/events", type="ASSAULT", country="ISR", limit=100)["items"]
    assert assaults and all(event["type"] == "ASSAULT" and "ISR" in event["actors"]
                            for event in assaults)
    assert set(names_of(ids, [event["article_id"] for event in assaults])) == GAZA
    whole = ok(client, "/events", limit=100)["items"]
    paged = every_page(client, "/events", key="event_id", limit=3)
    assert paged == [event["event_id"] for event in whole]
    searched = ok(client, "/events", q="buruh", limit=100)["items"]
    assert {event["article_id"] for event in searched} == {ids["demo-buruh"]}
    problem(client, "/events", 400, q="-buruh")


def test_quantities(client: TestClient, ids: dict[str, int]) -> None:
    killed = ok(client, "/quantities", kind="killed")["items"]
    assert {q["article_id"] for q in killed} == {ids[name] for name in GAZA}
    assert all(q["value"] == 14 and q["qualifier"] == "at_least" for q in killed)
    assert ok(client, "/quantities", min_value=100)["items"][0]["value"] >= 100
    whole = ok(client, "/quantities", limit=100)["items"]
    assert every_page(client, "/quantities", limit=2) == [q["id"] for q in whole]
    problem(client, "/quantities", 422, kind="Killed!")


def test_entities_list_and_profile(client: TestClient, ids: dict[str, int]) -> None:
    found = ok(client, "/entities", name="hendra wiratama")["items"]
    assert [(e["name"], e["type"], e["articles"]) for e in found] == [
        ("Hendra Wiratama", "PER", 2)]
    assert {e["name"] for e in ok(client, "/entities", prefix="gar")["items"]} == {"Garut"}
    people = ok(client, "/entities", type="PER", limit=100)["items"]
    assert people and all(e["type"] == "PER" for e in people)
    assert all(e["country"] == "JPN" for e in ok(client, "/entities", country="Jepang")["items"])
    whole = ok(client, "/entities", limit=100)["items"]
    assert every_page(client, "/entities", limit=5) == [e["id"] for e in whole]
    profile = ok(client, f"/entities/{found[0]['id']}")
    assert profile["name"] == "Hendra Wiratama" and profile["n_articles"] == 2
    assert profile["timeline"] and profile["events"] is not None
    assert ok(client, "/entities", prefix="100%_")["items"] == []
    problem(client, "/entities", 422, type="PERSON")
    problem(client, "/entities", 422, country="Atlantis")


def test_stories(client: TestClient, ids: dict[str, int]) -> None:
    stories = ok(client, "/stories")["items"]
    assert [(s["n_copies"], s["origin_article_id"]) for s in stories] == [
        (2, ids["serangan-gaza"])]
    every = ok(client, "/stories", min_copies=1, limit=100)["items"]
    assert len(every) == len(ids) - 1
    assert every_page(client, "/stories", min_copies=1, limit=2) == [s["id"] for s in every]
    assert len(ok(client, "/stories", min_copies=1, until="9999-12-31")["items"]) == len(every)
    assert ok(client, "/stories", min_copies=1, since="2025-06")["items"][0]["title"].startswith(
        "Menlu")
    detail = ok(client, f"/stories/{stories[0]['id']}")
    assert {copy["article_id"] for copy in detail["copies"]} == {ids[name] for name in GAZA}


def test_stats_and_health(client: TestClient, ids: dict[str, int]) -> None:
    stats = ok(client, "/stats")
    assert stats["counts"]["articles"] == len(ids) and stats["syndicated_stories"] == 1
    assert stats["first_published"].startswith("2025-03-02")
    assert {row["type"] for row in stats["event_types"]} >= {"ASSAULT", "PROTEST"}
    health = ok(client, "/health")
    assert health["status"] == "ok" and health["ingest"] is False
    assert "password" not in health["archive"]


# --- errors ------------------------------------------------------------------------------


@pytest.mark.parametrize(("path", "params", "name"), [
    ("/articles", {"since": "2025-13"}, "since"),
    ("/articles", {"until": "kemarin"}, "until"),
    ("/articles", {"type": "PERANG"}, "type"),
    ("/articles", {"country": "Atlantis"}, "country"),
    ("/articles", {"since": "2025-06", "until": "2025-01"}, "since"),
    ("/articles", {"limit": "0"}, "limit"),
    ("/articles", {"limit": "101"}, "limit"),
    ("/articles", {"cursor": "bm90IGEgY3Vyc29y"}, "cursor"),
    ("/articles", {"cursor": "!!"}, "cursor"),
    ("/articles/search", {}, "q"),
    ("/articles/search", {"q": ""}, "q"),
    ("/articles/search", {"q": "banjir", "cursor": encode_cursor("search", 5000)}, "cursor"),
    ("/events", {"origins_only": "mungkin"}, "origins_only"),
    ("/stories", {"min_copies": "0"}, "min_copies"),
])
def test_invalid_parameters_are_422_problems_naming_them(
        client: TestClient, path: str, params: dict[str, str], name: str) -> None:
    body = problem(client, path, 422, **params)
    assert body["type"].endswith("/invalid-parameter")
    assert any(error["name"] == name for error in body.get("errors", [])) or \
        body["detail"].startswith(name), body


def test_bad_search_text_is_a_400_problem(client: TestClient) -> None:
    body = problem(client, "/articles/search", 400, q="-banjir ***")
    assert body["type"].endswith("/bad-query") and "word" in body["detail"]


def test_cursor_of_another_list_is_refused(client: TestClient) -> None:
    cursor = ok(client, "/entities", limit=1)["next_cursor"]
    assert problem(client, "/events", 422, cursor=cursor)["errors"][0]["name"] == "cursor"
    nul = encode_cursor("articles", "2025\x00", 3)
    assert problem(client, "/articles", 422, cursor=nul)["errors"][0]["name"] == "cursor"
    assert decode_cursor(encode_cursor("x", "2025-01-01", 3), "x", str, int) == ["2025-01-01", 3]
    with pytest.raises(Problem):
        decode_cursor(encode_cursor("x", True), "x", int)


def test_unknown_path_and_method_are_problems(client: TestClient) -> None:
    problem(client, "/nothing-here", 404)
    response = client.delete(f"{API}/articles/1")
    assert response.status_code == 405 and response.headers["content-type"] == MEDIA_TYPE


def test_openapi_lists_every_operation(client: TestClient) -> None:
    spec = ok(client, "/openapi.json")
    assert set(spec["paths"]) >= {
        f"{API}/articles", f"{API}/articles/search", f"{API}/articles/{{article_id}}",
        f"{API}/articles/{{article_id}}/story", f"{API}/entities",
        f"{API}/entities/{{entity_id}}", f"{API}/events", f"{API}/quantities",
        f"{API}/stories", f"{API}/stories/{{story_id}}", f"{API}/stats", f"{API}/ingest"}
    search = spec["paths"][f"{API}/articles/search"]["get"]
    assert MEDIA_TYPE in search["responses"]["400"]["content"]


def test_the_served_archive_is_read_only(client: TestClient) -> None:
    pool = client.app.state.pool  # type: ignore[attr-defined]
    archive = pool.acquire()
    try:
        with pytest.raises(Exception, match=r"(?i)read.?only"):
            archive.execute("UPDATE articles SET title = 'x' WHERE id = 1")
    finally:
        pool.release(archive, healthy=False)


# --- ingest ------------------------------------------------------------------------------

PASTED = """Petani Cabai di Lereng Merapi Panen Raya

MAGELANG, WartaKita.id - Ratusan petani cabai di lereng Gunung Merapi, Kabupaten Magelang,
mulai memanen cabai rawit pada pekan ini setelah cuaca cerah selama hampir sebulan.

Ketua kelompok tani Sumber Rejeki, Paiman, mengatakan hasil panen tahun ini naik hampir dua
kali lipat dibanding tahun lalu karena serangan hama berkurang.

"Harga di pasar juga sedang baik, jadi petani bisa menabung untuk musim tanam berikutnya,"
kata Paiman kepada wartawan di Desa Krinjing, Selasa.
"""


@pytest.fixture
def writable(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'warta.db'}"
    corpus_archive(url, tmp_path / "pages")
    return url


def test_ingest_is_403_unless_allowed(client: TestClient) -> None:
    for data in ({"text": PASTED}, {}):
        response = client.post(f"{API}/ingest", data=data)
        assert response.status_code == 403 and response.headers["content-type"] == MEDIA_TYPE
        assert "--allow-ingest" in response.json()["detail"]


def test_ingest_pasted_text_and_uploaded_page(writable: str, tmp_path: Path) -> None:
    with TestClient(create_app(writable, allow_ingest=True)) as client:
        response = client.post(f"{API}/ingest", data={"text": PASTED, "store": "false"})
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["stored"] is False and body["article_id"] is None
        assert "Merapi" in " ".join(body["extraction"]["article"]["body"])
        assert any(entity["name"] == "Paiman" for entity in body["extraction"]["entities"])

        stored = client.post(f"{API}/ingest", data={"text": PASTED}).json()
        assert stored["stored"] is True and stored["article_id"]
        article = ok(client, f"/articles/{stored['article_id']}")
        assert "Merapi" in article["body"]
        again = client.post(f"{API}/ingest", data={"text": PASTED}).json()
        assert again["skipped"] is True and again["stored"] is False

        page = (tmp_path / "pages" / "demo-buruh.html").read_bytes()
        uploaded = client.post(f"{API}/ingest", files={"file": ("buruh.html", page,
                                                                "text/html")})
        assert uploaded.status_code == 200 and uploaded.json()["skipped"] is True
        html = page.replace(b"Ribuan buruh", b"Puluhan ribu buruh")
        fresh = client.post(f"{API}/ingest", files={"file": ("buruh2.html", html, "text/html")})
        assert fresh.json()["stored"] is True
        assert fresh.json()["extraction"]["article"]["outlet"] == "KabarDesa.com"

        for data, files in (({}, None), ({"text": "x"}, {"file": ("a.html", b"<p>x</p>")})):
            bad = client.post(f"{API}/ingest", data=data, files=files)
            assert bad.status_code == 422 and bad.headers["content-type"] == MEDIA_TYPE
        empty = client.post(f"{API}/ingest", data={"text": "   "})
        assert empty.status_code == 422 and empty.json()["type"].endswith("/empty")


# --- warta serve -------------------------------------------------------------------------


def test_serve_refuses_a_missing_archive(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["serve", "--db", f"sqlite:///{tmp_path / 'none.db'}"])
    assert result.exit_code == 1 and "no archive" in result.output


def test_serve_binds_loopback_and_warns_for_other_hosts(
        writable: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append(kw))
    result = CliRunner().invoke(main, ["serve", "--db", writable])
    assert result.exit_code == 0, result.output
    assert calls[-1]["host"] == "127.0.0.1" and calls[-1]["port"] == 8000
    assert "read-only" in result.output and "warning" not in result.output
    result = CliRunner().invoke(main, ["serve", "--db", writable, "--host", "0.0.0.0",
                                       "--allow-ingest", "--port", "9000"])
    assert result.exit_code == 0 and calls[-1]["host"] == "0.0.0.0"
    assert "warning" in result.output and "--allow-ingest" in result.output


def test_undated_articles_come_last_and_pages_cross_into_them(writable: str) -> None:
    with TestClient(create_app(writable, allow_ingest=True)) as client:
        for text in (PASTED, PASTED.replace("Ratusan petani", "Puluhan petani")):
            stored = client.post(f"{API}/ingest", data={"text": text}).json()
            assert stored["stored"] and stored["extraction"]["article"]["published"] is None
        whole = ok(client, "/articles", limit=100)["items"]
        assert [item["published"] is None for item in whole][-2:] == [True, True]
        assert not any(item["published"] is None for item in whole[:-2])
        for limit in (1, 2, 3, 7):
            assert every_page(client, "/articles", limit=limit) == [i["id"] for i in whole]
