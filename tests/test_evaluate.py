"""The scorer's rules, on small hand-written gold and prediction documents."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from warta.evaluate import (
    Counts,
    brand_key,
    dates_match,
    greedy_match,
    names_match,
    normalize,
    same_brand,
    score_case,
    score_folder,
    score_predictions,
)

Json = dict[str, Any]


def doc(**parts: Any) -> Json:
    """A document with only the given top-level keys."""
    return dict(parts)


def article(**fields: Any) -> Json:
    return {"article": fields}


# --------------------------------------------------------------------------- text rules


def test_normalize_folds_case_space_and_outer_punctuation() -> None:
    assert normalize("  “Kantor  Berita\tANTARA.” ") == "kantor berita antara"
    assert normalize("ﬁnal") == "final"  # NFKC
    assert normalize(None) == normalize("") == ""
    assert normalize("a-b") == "a-b"  # inner punctuation stays


def test_names_match_equal_after_normalization() -> None:
    assert names_match("Kementerian Pertahanan Armenia", "kementerian  pertahanan armenia.")


def test_names_match_containment() -> None:
    assert names_match("Interfax", "kantor berita Interfax")
    assert names_match("kantor berita Interfax", "Interfax")


def test_names_match_jaccard_of_long_words() -> None:
    # {kementerian, luar, negeri, rusia} vs {kementerian, negeri, rusia}: "luar" has 4 letters
    assert names_match("Kementerian Luar Negeri Rusia", "Kementerian Negeri Rusia")
    # 2 of 4 long words shared: Jaccard 1/2 < 2/3
    assert not names_match("Kementerian Pertahanan Armenia", "Kementerian Pertahanan Azerbaijan")
    # words under 4 characters do not count: {juru, bicara, polri} vs {juru, bicara}
    assert names_match("juru bicara Polri", "juru bicara TNI")
    assert not names_match("Menteri Luar Negeri Iran", "Menteri Pertahanan Iran")  # 2/5
    # {kepala, polisi} of {kepala, polisi, daerah}: exactly 2/3, without containment
    assert names_match("Kepala Polisi Daerah", "Polisi, Kepala")
    assert not names_match("Kepala Polisi Daerah", "Kepala Polisi Resor")  # 2/4


def test_empty_names_never_match() -> None:
    assert not names_match("", "")
    assert not names_match(None, "Polri")
    assert not names_match("...", "Polri")


def test_outlet_brand_equality() -> None:
    assert brand_key("www.Detik.com") == "detik"
    assert same_brand("detikcom", "detik.com")
    assert same_brand("detik.com", "detikNews")
    assert not same_brand("detikcom", "detikNews")  # neither key inside the other
    assert same_brand("Republika.co.id", "republika")
    assert same_brand("tirto.id", "Tirto")
    assert same_brand(None, "")
    assert not same_brand("Kompas.com", "Tempo.co")
    assert not same_brand("Kompas.com", None)


def test_date_prefix_rule() -> None:
    assert dates_match("2021-11-16", "2021-11-16T08:30:00+07:00")
    assert not dates_match("2021-11-16", "2021-11-17")
    assert dates_match("2020", "2020-05-01")
    assert dates_match("2020-05", "2020-05-31")
    assert not dates_match("2020", "2019-12-31")
    assert dates_match(None, None)
    assert not dates_match("2020", None)
    assert not dates_match(None, "2020-01-01")


# --------------------------------------------------------------------------- counts


def test_empty_versus_empty_is_perfect() -> None:
    case = score_case({}, {})
    assert case.body.f1 == 1.0
    for scores in case.facts.values():
        assert (scores.counts.precision, scores.counts.recall, scores.counts.f1) == (1, 1, 1)
    assert all(case.metadata.values())
    assert all(tally.rate is None for tally in case.chrome.values())


def test_empty_on_one_side_scores_zero() -> None:
    assert Counts(gold=3, predicted=0, matched=0).precision == 0.0
    assert Counts(gold=0, predicted=2, matched=0).recall == 0.0
    assert Counts(gold=0, predicted=2, matched=0).f1 == 0.0


def test_body_token_overlap_is_a_multiset() -> None:
    gold = article(body=["Satu dua dua tiga."])
    pred = article(body=["satu DUA", "empat"])
    body = score_case(gold, pred).body
    assert (body.gold, body.predicted, body.matched) == (4, 3, 2)
    assert body.precision == pytest.approx(2 / 3)
    assert body.recall == pytest.approx(1 / 2)


def test_chrome_leak_counts_long_headlines_in_the_body() -> None:
    gold = {"chrome": {"inline": ["Kenapa Iran Berkonflik dengan Azerbaijan?"],
                       "latest": ["Tiga kata saja", "Kenapa Iran Berkonflik dengan Azerbaijan"]}}
    pred = article(body=["Isi berita.", "Baca juga: kenapa iran berkonflik  dengan azerbaijan",
                         "Tiga kata saja"])
    case = score_case(gold, pred)
    assert case.chrome_leak == 1  # deduplicated, and the 3-word headline is too short


def test_chrome_recall_within_the_same_list() -> None:
    gold = {"chrome": {"related": ["Judul Satu", "Judul Dua"], "popular": ["Judul Tiga"]}}
    pred = {"chrome": {"related": ["judul satu"], "latest": ["Judul Tiga"]}}
    case = score_case(gold, pred)
    assert (case.chrome["related"].hits, case.chrome["related"].total) == (1, 2)
    assert case.chrome["popular"].rate == 0.0
    assert case.chrome["latest"].rate is None


def test_metadata_fields() -> None:
    gold = article(title="Judul  Berita", published="2021", outlet="detik.com",
                   wire_sources=["Antara", "Reuters"], authors=[])
    pred = article(title="judul berita", published="2021-03-04", outlet="detikNews",
                   wire_sources=["reuters", "ANTARA"], authors=["Red"])
    assert score_case(gold, pred).metadata == {
        "title": True, "published": True, "outlet": True, "wire_sources": True,
        "authors": False}


# --------------------------------------------------------------------------- matching


def test_greedy_match_takes_first_compatible_in_gold_order() -> None:
    pairs = greedy_match([1, 2], [2, 1, 1], lambda g, p: g == p)
    assert pairs == [(1, 1), (2, 2)]


def test_greedy_match_is_one_to_one_not_optimal() -> None:
    # gold "a" greedily takes the prediction "ab" that gold "b" needed
    pairs = greedy_match(["a", "b"], ["ab", "a"], lambda g, p: g in p)
    assert pairs == [("a", "ab")]


def test_greedy_match_prefers_highest_rank_then_first() -> None:
    pairs = greedy_match(["x"], [1, 3, 3], lambda g, p: True, lambda g, p: p)
    assert pairs == [("x", 3)]


def entity(name: str, type_: str = "PER", country: str | None = "IDN", **more: Any) -> Json:
    return {"name": name, "type": type_, "mentions": more.get("mentions", [name]),
            "country": country, "role": None}


def test_entities_match_on_type_and_shared_mention() -> None:
    gold = doc(entities=[entity("Joko Widodo", mentions=["Joko Widodo", "Jokowi"]),
                         entity("Jakarta", "GPE")])
    pred = doc(entities=[entity("jokowi", country="USA"), entity("Jakarta", "LOC")])
    scores = score_case(gold, pred).facts["entities"]
    assert scores.counts == Counts(gold=2, predicted=2, matched=1)
    assert (scores.accuracy["country"].hits, scores.accuracy["country"].total) == (0, 1)


def test_duplicate_predictions_lower_precision() -> None:
    gold = doc(entities=[entity("Prabowo Subianto")])
    pred = doc(entities=[entity("Prabowo Subianto"), entity("Prabowo Subianto")])
    counts = score_case(gold, pred).facts["entities"].counts
    assert counts == Counts(gold=1, predicted=2, matched=1)
    assert counts.precision == 0.5
    assert counts.recall == 1.0


def test_country_accuracy_only_where_gold_gives_one() -> None:
    gold = doc(entities=[entity("PBB", "ORG", country=None)])
    pred = doc(entities=[entity("PBB", "ORG", country="USA")])
    assert score_case(gold, pred).facts["entities"].accuracy["country"].rate is None


def event(type_: str, actors: list[str], recipients: list[str] | None = None,
          mode: str | None = None, source: str | None = None) -> Json:
    return {"type": type_, "mode": mode, "actors": actors, "recipients": recipients or [],
            "mediators": [], "date": None, "location": None, "source": source,
            "historical": False, "evidence": ""}


def test_events_pick_the_candidate_with_most_overlap() -> None:
    gold = doc(events=[event("CONSULT", ["IDN", "TUR"], mode="visit", source="Istana")])
    pred = doc(events=[event("CONSULT", ["IDN"], mode="phone"),
                       event("CONSULT", ["IDN", "TUR"], mode="visit",
                             source="Istana Kepresidenan")])
    scores = score_case(gold, pred).facts["events"]
    assert scores.counts == Counts(gold=1, predicted=2, matched=1)
    assert scores.accuracy["mode"].rate == 1.0  # the second prediction won
    assert scores.accuracy["source"].rate == 1.0  # containment


def test_events_without_actors_match_on_recipients_then_type() -> None:
    gold = doc(events=[event("AID", [], ["PSE"]), event("PROTEST", [])])
    pred = doc(events=[event("AID", ["IDN"], ["ISR"]), event("AID", ["USA"], ["PSE"]),
                       event("PROTEST", ["IDN"])])
    assert score_case(gold, pred).facts["events"].counts.matched == 2


def test_events_need_shared_actor_and_same_type() -> None:
    gold = doc(events=[event("ASSAULT", ["RUS"], ["UKR"])])
    pred = doc(events=[event("ASSAULT", ["UKR"], ["RUS"]), event("ACCUSE", ["RUS"], ["UKR"])])
    assert score_case(gold, pred).facts["events"].counts.matched == 0


def quantity(kind: str, value: Any, qualifier: str | None = "exact",
             source: str | None = None) -> Json:
    return {"kind": kind, "value": value, "qualifier": qualifier, "who": "warga",
            "country": "IDN", "source": source, "historical": False}


def test_quantities_match_on_kind_and_numeric_value() -> None:
    gold = doc(quantities=[quantity("killed", 15, "at_least", "Polda Papua"),
                           quantity("injured", 3), quantity("missing", 2)])
    pred = doc(quantities=[quantity("killed", 15.0, "exact", "Kepolisian Daerah Papua"),
                           quantity("injured", "3"), quantity("detained", 2)])
    scores = score_case(gold, pred).facts["quantities"]
    assert scores.counts == Counts(gold=3, predicted=3, matched=1)
    assert scores.accuracy["qualifier"].rate == 0.0
    assert scores.accuracy["source"].rate == 0.0  # no containment, Jaccard 1/4


def test_booleans_are_not_numbers() -> None:
    gold = doc(quantities=[quantity("killed", 1)])
    pred = doc(quantities=[quantity("killed", True)])
    assert score_case(gold, pred).facts["quantities"].counts.matched == 0


def test_attributions_match_on_paragraph_and_speaker_name() -> None:
    gold = doc(attributions=[
        {"speaker": "Kementerian Pertahanan Armenia", "cue": "kata", "direct": False,
         "paragraph": 1},
        {"speaker": "Interfax", "cue": "melaporkan", "direct": False, "paragraph": 2}])
    pred = doc(attributions=[
        {"speaker": "Kementerian Pertahanan Azerbaijan", "cue": "kata", "paragraph": 1},
        {"speaker": "kantor berita Interfax", "cue": "menurut", "paragraph": 2}])
    assert score_case(gold, pred).facts["attributions"].counts.matched == 1


def test_wrong_types_score_as_empty() -> None:
    gold = doc(entities=[entity("Jakarta", "GPE")], article={"body": ["Satu dua."]})
    pred = doc(entities={"Jakarta": "GPE"}, article={"body": {"1": "Satu dua."}})
    case = score_case(gold, pred)
    assert case.facts["entities"].counts == Counts(gold=1, predicted=0, matched=0)
    assert case.body.recall == 0.0


def test_numbers_read_as_text_and_a_lone_string_as_a_list() -> None:
    gold = article(title="1945", published="2020", authors=["Ani"], body=["Satu dua."])
    pred = article(title=1945, published=2020, authors="Ani", body="Satu dua.")
    case = score_case(gold, pred)
    assert all(case.metadata.values())
    assert case.body.f1 == 1.0


# --------------------------------------------------------------------------- reports


def test_report_pools_facts_and_averages_bodies() -> None:
    golds = {"a": doc(entities=[entity("A")], article={"body": ["x y"]}),
             "b": doc(entities=[entity("B"), entity("C"), entity("D")],
                      article={"body": ["x"]})}
    preds = {"a": doc(entities=[entity("A")], article={"body": ["x y"]}),
             "b": doc(entities=[entity("B")], article={"body": ["z"]})}
    overall = score_predictions(golds, preds).to_dict()
    assert overall["cases"] == 2
    assert overall["entities"]["recall"] == pytest.approx(2 / 4)  # micro, not (1 + 1/3) / 2
    assert overall["body"]["f1"] == pytest.approx(0.5)  # mean of 1.0 and 0.0
    assert overall["metadata"]["title"]["rate"] == 1.0


def test_missing_prediction_scores_as_empty() -> None:
    report = score_predictions({"a": doc(entities=[entity("A")])}, {})
    assert report.to_dict()["entities"]["recall"] == 0.0


def test_score_folder_skips_bad_gold_and_empties_bad_predictions(tmp_path: Path) -> None:
    gold_dir, pred_dir = tmp_path / "gold", tmp_path / "pred"
    gold_dir.mkdir()
    pred_dir.mkdir()
    good = doc(entities=[entity("A")])
    (gold_dir / "ok.json").write_text(json.dumps(good), encoding="utf-8")
    (gold_dir / "other.json").write_text(json.dumps(good), encoding="utf-8")
    (gold_dir / "broken.json").write_text("{", encoding="utf-8")
    (pred_dir / "ok.json").write_text(json.dumps(good), encoding="utf-8")
    (pred_dir / "other.json").write_text("[]", encoding="utf-8")
    report = score_folder(gold_dir, pred_dir)
    assert report.skipped == ("broken",)
    assert sorted(report.cases) == ["ok", "other"]
    assert report.cases["ok"].facts["entities"].counts.f1 == 1.0
    assert report.cases["other"].facts["entities"].counts.f1 == 0.0


def test_empty_report_has_undefined_body() -> None:
    overall = score_predictions({}, {}).to_dict()
    assert overall["cases"] == 0
    assert overall["body"]["f1"] is None
