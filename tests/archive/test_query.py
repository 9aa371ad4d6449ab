"""Search and questions (warta.archive.query) on SQLite and PostgreSQL, over the corpus."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import date

import pytest

from tests.archive.search_corpus import article_ids, corpus_url
from warta.archive import Archive, open_archive
from warta.archive.query import (
    Filters,
    QueryError,
    entity_profile,
    events,
    parse_query,
    search,
    snippet,
    stats,
    story,
    story_of,
)
from warta.archive.stemming import stem_word

__all__ = ["corpus_url"]


@pytest.fixture(scope="module")
def corpus(corpus_url: str) -> Iterator[Archive]:
    with open_archive(corpus_url) as archive:
        yield archive


@pytest.fixture(scope="module")
def ids(corpus_url: str) -> dict[str, int]:
    return article_ids(corpus_url)


def found(archive: Archive, ids: dict[str, int], query: str,
          filters: Filters | None = None) -> set[str]:
    names = {article_id: name for name, article_id in ids.items()}
    return {names[hit.article_id] for hit in search(archive, query, filters)}


GAZA = {"serangan-gaza", "serangan-gaza-salinan"}


# --- the search text ---------------------------------------------------------------------


def test_words_phrases_or_and_exclusions_become_a_safe_fts5_query() -> None:
    parsed = parse_query('"serangan udara" banjir OR longsor -latihan -"gencatan senjata"')
    assert parsed.fts5() == ('("serang udara" AND ("banjir" OR "longsor")) NOT '
                             '("latih" OR "gencat senjata")')
    assert parsed.websearch() == ('"serangan udara" "banjir" OR "longsor" -"latihan" '
                                  '-"gencatan senjata"')
    assert parsed.stems() == {"serang", "udara", "banjir", "longsor"}


def test_operator_characters_are_only_word_separators() -> None:
    parsed = parse_query('NEAR(gaza* israel) col:banjir ^"x OR AND ( \'')
    # a token glued by punctuation is a phrase of its words; OR still joins its neighbours
    assert parsed.fts5() == '"near gaza" AND "israel" AND "col banjir" AND ("x" OR "and")'
    assert parse_query("OR banjir OR").fts5() == '"banjir"'
    assert parse_query("- -- ").empty


def test_snowball_indonesian_stems_what_search_relies_on() -> None:
    # affixes of one root meet: noun, active, passive, agent and nominalisation
    for form in ("serangan", "menyerang", "diserang", "penyerangan", "penyerang"):
        assert stem_word(form) == "serang"
    assert stem_word("pengungsi") == stem_word("mengungsi") == "ungsi"
    # not guaranteed: Snowball strips "pe-" + "n" from "penangkapan" ("angkap") but only
    # "di-" from "ditangkap" ("tangkap"), so those two forms do not find each other.
    assert stem_word("penangkapan") != stem_word("ditangkap")


# --- search --------------------------------------------------------------------------------


def test_a_word_finds_its_other_forms(corpus: Archive, ids: dict[str, int]) -> None:
    # "penyerangan" and "menyerang" only in the Garut story; "serangan" only in Gaza
    assert found(corpus, ids, "penyerangan") == {*GAZA, "penangkapan-garut"}
    assert found(corpus, ids, "diserang") == {*GAZA, "penangkapan-garut"}
    assert found(corpus, ids, "pengungsi") == {*GAZA, "banjir-garut"}


def test_a_quoted_phrase_needs_its_words_in_order(corpus: Archive, ids: dict[str, int]) -> None:
    assert found(corpus, ids, '"serangan udara"') == GAZA
    assert found(corpus, ids, '"udara serangan"') == set()
    assert found(corpus, ids, '"pos ronda"') == {"penangkapan-garut"}


def test_or_and_exclusion(corpus: Archive, ids: dict[str, int]) -> None:
    assert found(corpus, ids, "banjir OR unjuk") == {"banjir-garut", "demo-buruh"}
    assert found(corpus, ids, "garut -banjir") == {"penangkapan-garut"}
    assert found(corpus, ids, "garut polisi") == {"penangkapan-garut"}


def test_hits_carry_story_snippet_and_highlights(corpus: Archive, ids: dict[str, int]) -> None:
    hits = search(corpus, "ronda", limit=5)
    assert [hit.article_id for hit in hits] == [ids["penangkapan-garut"]]
    hit = hits[0]
    assert hit.outlet == "SuaraPesisir.net" and hit.published == "2025-05-05T16:30:00+07:00"
    assert hit.title == "Polisi Tangkap Dua Tersangka Penyerangan Pos Ronda di Garut"
    assert hit.story_id is not None and hit.n_copies == 1
    marked = [hit.snippet[start:end] for start, end in hit.highlights]
    assert marked and {word.lower() for word in marked} == {"ronda"}
    assert hit.to_dict()["highlights"][0] == list(hit.highlights[0])


def test_scores_are_ordered_and_limit_offset_page(corpus: Archive) -> None:
    hits = search(corpus, "garut OR gaza OR jakarta", limit=10)
    assert [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)
    assert len(hits) == 5
    assert search(corpus, "garut OR gaza OR jakarta", limit=2, offset=2) == hits[2:4]


def test_hostile_text_never_reaches_the_database_as_syntax(corpus: Archive) -> None:
    for text in ('"', "NOT", "a AND", "*", "gaza)", "x' OR 1=1 --", "serangan:*", "a & !b"):
        with contextlib.suppress(QueryError):
            search(corpus, text)


def test_empty_or_only_excluded_query_is_refused(corpus: Archive) -> None:
    for text in ("", "  ", "-banjir", '""', "?!"):
        with pytest.raises(QueryError, match="at least one word"):
            search(corpus, text)


# --- filters -------------------------------------------------------------------------------


def test_date_range(corpus: Archive, ids: dict[str, int]) -> None:
    query = "garut OR gaza OR jakarta OR tokyo"
    assert found(corpus, ids, query, Filters.parse(since="2025-05")) == {
        "penangkapan-garut", "banjir-garut", "menlu-jepang"}
    assert found(corpus, ids, query, Filters.parse(until="2025-03")) == GAZA
    assert found(corpus, ids, query, Filters.parse(since="2025-03-03", until="2025-05-05")) == {
        "serangan-gaza-salinan", "demo-buruh", "penangkapan-garut"}


def test_outlet_entity_country_type(corpus: Archive, ids: dict[str, int]) -> None:
    query = "garut OR gaza OR jakarta OR tokyo"
    assert found(corpus, ids, query, Filters.parse(outlet="wartakita.ID")) == {
        "serangan-gaza", "banjir-garut"}
    assert found(corpus, ids, query, Filters.parse(entity="Hendra Wiratama")) == {
        "penangkapan-garut", "banjir-garut"}
    assert found(corpus, ids, query, Filters.parse(country="Jepang")) == {"menlu-jepang"}
    assert found(corpus, ids, query, Filters.parse(country="isr")) == GAZA
    assert found(corpus, ids, query, Filters.parse(event_type="protest")) == {"demo-buruh"}
    assert found(corpus, ids, query, Filters.parse(country="IDN", event_type="COERCE")) == {
        "penangkapan-garut"}
    assert found(corpus, ids, query, Filters.parse(outlet="Tidak Ada")) == set()
    assert found(corpus, ids, query, Filters.parse(entity="Tidak Ada")) == set()


def test_origins_only_keeps_the_copy_that_ran_first(corpus: Archive,
                                                    ids: dict[str, int]) -> None:
    assert found(corpus, ids, "gaza", Filters(origins_only=True)) == {"serangan-gaza"}


def test_filters_parse_and_refuse_with_the_option_named() -> None:
    filters = Filters.parse(since="2025", until="2025-02", country="Israel", event_type="assault")
    assert (filters.since, filters.until) == (date(2025, 1, 1), date(2025, 2, 28))
    assert (filters.country, filters.event_type) == ("ISR", "ASSAULT")
    assert Filters.parse(country="IGO:PBB").country == "IGO:PBB"
    assert Filters.parse(outlet="  ").outlet is None
    for options, message in (({"since": "2025-13"}, "--since: '2025-13' is not a date"),
                             ({"until": "kemarin"}, "--until"),
                             ({"event_type": "PERANG"}, "--type: unknown event type"),
                             ({"country": "Narnia"}, "--country: unknown country"),
                             ({"since": "2025-06", "until": "2025-05"}, "is after --until")):
        with pytest.raises(QueryError, match=message):
            Filters.parse(**options)  # type: ignore[arg-type]


# --- events, entities, stories, stats -------------------------------------------------------


def test_events_by_country_and_type(corpus: Archive, ids: dict[str, int]) -> None:
    israel = events(corpus, Filters.parse(country="ISR"))
    assert {(e.type, e.actors, e.recipients) for e in israel} == {("ASSAULT", ("ISR",), ("PSE",))}
    assert {e.article_id for e in israel} == {ids[name] for name in GAZA}
    arrests = events(corpus, Filters.parse(event_type="COERCE"))
    assert [(e.mode, e.location) for e in arrests] == [("arrest", "Kecamatan Tarogong"),
                                                       ("arrest", "Bandung")]
    consult = events(corpus, Filters.parse(country="JPN", event_type="CONSULT"))
    assert [(e.actors, e.recipients, e.location) for e in consult] == [
        (("IDN",), ("JPN",), "Tokyo")]
    assert consult[0].to_dict()["actors"] == ["IDN"]


def test_events_newest_first_with_query_and_origins(corpus: Archive) -> None:
    every = events(corpus, limit=100)
    published = [e.published or "" for e in every]
    assert published == sorted(published, reverse=True) and len(every) == corpus.count("events")
    assert {e.type for e in events(corpus, query="buruh")} == {"PROTEST", "REQUEST"}
    gaza = events(corpus, Filters(origins_only=True), query="gaza")
    assert {e.outlet for e in gaza} == {"WartaKita.id"}
    assert len(events(corpus, limit=2, offset=1)) == 2


def test_entity_profile(corpus: Archive, ids: dict[str, int]) -> None:
    profile = entity_profile(corpus, "hendra wiratama")
    assert profile is not None
    assert (profile.name, profile.type, profile.country) == ("Hendra Wiratama", "PER", "IDN")
    assert profile.first_seen and profile.last_seen   # days, with the time the page gives
    assert (profile.n_articles, profile.first_seen[:10], profile.last_seen[:10]) == (
        2, "2025-05-05", "2025-05-20")
    assert {role for role, _ in profile.roles} >= {"Kapolres Garut"}
    assert profile.timeline == (("2025-05", 2, profile.n_mentions),)
    assert dict(profile.names)["Hendra Wiratama"] == 2
    assert profile.co_occurring[0]["name"] == "Garut" and profile.co_occurring[0]["articles"] == 2
    assert {e.type for e in profile.events} == {"COERCE", "ASSAULT"}
    assert {e.article_id for e in profile.events} == {ids["penangkapan-garut"]}
    assert profile.to_dict()["timeline"] == [
        {"month": "2025-05", "articles": 2, "mentions": profile.n_mentions}]
    assert entity_profile(corpus, "Tidak Ada Orangnya") is None


def test_story_lists_copies_origin_first(corpus: Archive, ids: dict[str, int]) -> None:
    story_id = story_of(corpus, ids["serangan-gaza-salinan"])
    assert story_id is not None and story_id == story_of(corpus, ids["serangan-gaza"])
    view = story(corpus, story_id)
    assert view is not None
    assert view.first_published is not None
    assert (view.n_copies, view.n_outlets, view.first_published[:10]) == (2, 2, "2025-03-02")
    assert [(copy.outlet, copy.is_origin) for copy in view.copies] == [
        ("WartaKita.id", True), ("KabarDesa.com", False)]
    assert view.origin is not None and view.origin.article_id == ids["serangan-gaza"]
    assert view.to_dict()["copies"][0]["is_origin"] is True
    assert story(corpus, 999_999) is None and story_of(corpus, 999_999) is None


def test_stats(corpus: Archive) -> None:
    numbers = stats(corpus)
    assert numbers["counts"]["articles"] == 6 and numbers["syndicated_stories"] == 1
    assert (numbers["first_published"][:10], numbers["last_published"][:10]) == (
        "2025-03-02", "2025-06-12")
    assert {row["outlet"]: row["articles"] for row in numbers["outlets"]} == {
        "WartaKita.id": 2, "KabarDesa.com": 2, "SuaraPesisir.net": 2}
    assert sum(row["events"] for row in numbers["event_types"]) == numbers["counts"]["events"]


def test_snippet_folds_whitespace_and_marks_stems() -> None:
    body = "Awal kalimat.\n\nWarga diserang   di pos.\n\n" + " ".join(["kata"] * 40) + " serangan"
    text, spans = snippet(body, frozenset({"serang"}), size=8)
    assert text.startswith("Awal kalimat. Warga diserang di pos.")
    assert [text[start:end] for start, end in spans] == ["diserang"]
    assert text.endswith(" …")
    assert snippet("", frozenset({"x"})) == ("", ())



def test_until_the_last_day_there_is_means_no_upper_bound(corpus: Archive) -> None:
    everything = {hit.article_id for hit in search(corpus, "warga", limit=100)}
    unbounded = search(corpus, "warga", Filters.parse(until="9999-12-31"), limit=100)
    assert {hit.article_id for hit in unbounded} == everything
