"""What keeps a search cheap without changing what it finds: the ranked matches are bounded
(the newest ``RANKED_MATCHES``, filters applied first) and snippets only stem the words that
can match. On SQLite and PostgreSQL, over the search corpus."""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import pytest

from tests.archive.search_corpus import corpus_url
from tests.archive.test_query import corpus, ids
from warta.archive import Archive, open_archive
from warta.archive import query as query_module
from warta.archive.query import Filters, parse_query, search, snippet
from warta.archive.stemming import stem_word

__all__ = ["corpus", "corpus_url", "ids"]   # fixtures
# Five of the six corpus articles match; ids grow in STORIES order (ingested one by one).
WIDE = "garut OR gaza OR jakarta"


def test_only_the_newest_matches_are_ranked(corpus: Archive,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    everything = search(corpus, WIDE, limit=10)
    assert len(everything) == 5
    newest = sorted((hit.article_id for hit in everything), reverse=True)[:3]
    monkeypatch.setattr(query_module, "RANKED_MATCHES", 3)
    bounded = search(corpus, WIDE, limit=3)
    assert {hit.article_id for hit in bounded} == set(newest)
    # ranked among themselves exactly as in the full ranking
    assert bounded == [hit for hit in everything if hit.article_id in newest]
    assert search(corpus, WIDE, limit=2, offset=1) == bounded[1:3]


def test_a_page_past_the_bound_ranks_deeper(corpus: Archive,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    everything = search(corpus, WIDE, limit=10)
    monkeypatch.setattr(query_module, "RANKED_MATCHES", 2)
    assert search(corpus, WIDE, limit=5) == everything   # a caller asking for more gets it


def test_filters_apply_before_the_newest_matches_are_cut(
        corpus: Archive, ids: dict[str, int], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(query_module, "RANKED_MATCHES", 1)
    # the two oldest matches are the Gaza copies; newer Garut and Jakarta stories match too
    found = search(corpus, WIDE, Filters.parse(until="2025-03-31"), limit=1)
    assert [hit.article_id for hit in found] == [ids["serangan-gaza-salinan"]]
    found = search(corpus, WIDE, Filters.parse(outlet="WartaKita.id"), limit=1)
    assert [hit.article_id for hit in found] == [ids["banjir-garut"]]


DATE_FILTERS = (Filters.parse(until="2025-03-31"), Filters.parse(since="2025-04"),
                Filters.parse(since="2025-03", until="2025-06"), Filters.parse(until="9000"),
                Filters.parse(since="1990"), Filters.parse(since="2999"),
                Filters.parse(until="2025-03-31", outlet="WartaKita.id"))


def test_a_date_filter_finds_the_same_by_left_out_ids_as_by_rows(
        corpus: Archive, corpus_url: str, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLite checks a date filter leaving out few articles against their ids: the same
    hits as reading each candidate's ``published``, undated articles left out too."""
    archives = [corpus]
    if corpus.backend == "sqlite":   # and a copy with an undated article
        copy = tmp_path / "undated.db"
        shutil.copy(corpus_url.removeprefix("sqlite:///"), copy)
        undated = open_archive(f"sqlite:///{copy}")
        with undated.transaction():
            undated.execute("UPDATE articles SET published = NULL WHERE id ="
                            " (SELECT max(id) FROM articles)")
        archives.append(undated)
    for archive in archives:
        for filters in DATE_FILTERS:
            by_ids = search(archive, WIDE, filters, limit=10)
            monkeypatch.setattr(query_module, "DATE_EXCLUSIONS", 0)   # read every row
            by_rows = search(archive, WIDE, filters, limit=10)
            monkeypatch.undo()
            assert by_ids == by_rows, filters
            everything = {hit.article_id: hit for hit in search(archive, WIDE, limit=10)}
            assert {hit.article_id for hit in by_rows} == {
                article_id for article_id, hit in everything.items()
                if hit.published is not None and (
                    filters.since is None or hit.published >= filters.since.isoformat())
                and (filters.until is None or hit.published[:10] <= filters.until.isoformat())
                and (filters.outlet is None or hit.outlet == filters.outlet)}, filters
    if len(archives) > 1:
        archives[1].close()


# --- snippets ----------------------------------------------------------------------------

_WORD = re.compile(r"[^\W_]+")


def reference_snippet(text: str, stems: frozenset[str], size: int
                      ) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The plain reading: stem every word, try a window at each hit (quadratic, obvious)."""
    tokens = list(_WORD.finditer(text))
    if not tokens:
        return "", ()
    stem_at = {i: s for i, token in enumerate(tokens)
               if (s := stem_word(token[0].lower())) in stems}
    first, best = 0, 0
    for hit in sorted(stem_at):
        start = max(0, hit - query_module.SNIPPET_LEAD)
        inside = {stem_at[i] for i in stem_at if start <= i < start + size}
        if len(inside) > best:
            first, best = start, len(inside)
    out, spans, cursor = "… " if first else "", [], tokens[first].start()
    for index, token in enumerate(tokens[first:first + size], start=first):
        gap = text[cursor:token.start()]
        out += " " if gap.isspace() else re.sub(r"\s+", " ", gap)
        if index in stem_at:
            spans.append((len(out), len(out) + len(token[0])))
        out += token[0]
        cursor = token.end()
    end = tokens[first:first + size][-1].end()
    tail = text[end:end + 1]
    out += tail if tail and not tail.isspace() and not _WORD.match(tail) else ""
    return out + (" …" if first + size < len(tokens) else ""), tuple(spans)


# Forms with prefixes and suffixes, hyphens, underscores, case, letters that lower-case
# to two ("İ"), numbers.
VOCABULARY = ("serangan", "menyerang", "diserang", "penyerangan", "Serang", "SERANGAN",
              "serangannya", "banjir", "Banjir-banjir", "banjirnya", "kebanjiran", "memakai",
              "pakai", "dipakai", "pemakaian", "udara", "di", "ke", "yang", "dan", "itu",
              "warga", "kota", "pos_ronda", "İstanbul", "ÇAY", "jalan", "2025", "14", "Hendra",
              "mengungsi", "pengungsi", "ungsi", "sabu-sabu", "pengedar", "edar", "diedarkan")
QUERIES = ("serangan", "banjir", "pakai udara", "pengungsi", "sabu pengedar",
           "serang OR ungsi", "istanbul", "di", "a", "ronda")


def test_snippet_agrees_with_the_word_by_word_reading() -> None:
    rng = random.Random(5)
    texts = ["", " ", "—", "banjir", "Serangan.", "pos_ronda diserang", "İİ banjir İ"]
    for _ in range(300):
        words = rng.choices(VOCABULARY, k=rng.randint(1, 120))
        separators = rng.choices((" ", " ", " ", ", ", ".\n\n", " (", ") ", " — ", "_"),
                                 k=len(words))
        texts.append("".join(w + s for w, s in zip(words, separators, strict=True)))
    for text in texts:
        for query in QUERIES:
            stems = parse_query(query).stems()
            for size in (1, 5, 28):
                assert snippet(text, stems, size=size) == reference_snippet(text, stems, size), \
                    (text, query, size)


def test_snippet_marks_every_form_of_a_stem() -> None:
    text, spans = snippet("Mereka menyerang, lalu diserang; penyerangan dan SERANGAN",
                          frozenset({"serang"}))
    assert [text[a:b] for a, b in spans] == ["menyerang", "diserang", "penyerangan",
                                             "SERANGAN"]
