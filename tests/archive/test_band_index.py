"""The writer's in-memory band index (memory.BandIndex) finds what a plain dict would."""

from __future__ import annotations

from collections import defaultdict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warta.archive import memory
from warta.archive.memory import BandIndex

_GROUPS = st.lists(st.lists(st.tuples(st.integers(0, 40), st.integers(1, 10_000)),
                            max_size=60), max_size=25)


@settings(max_examples=60, deadline=None)
@given(groups=_GROUPS, asked=st.lists(st.integers(0, 45), max_size=30))
def test_find_returns_every_row_added_with_an_asked_key(
        groups: list[list[tuple[int, int]]], asked: list[int]) -> None:
    index = BandIndex()
    expected: dict[int, list[int]] = defaultdict(list)
    for group in groups:  # one committed transaction each
        index.add([key for key, _ in group], [article for _, article in group])
        for key, article in group:
            expected[key].append(article)
    found = index.find(asked)
    assert sorted(found) == sorted((article, key) for key in dict.fromkeys(asked)
                                   for article in expected[key])
    assert index.rows == sum(len(group) for group in groups)
    assert len(index.segments) <= max(1, index.rows).bit_length() + 1  # merged as they pile up


def test_reset_forgets_and_moves_the_base() -> None:
    index = BandIndex()
    index.add([7, 8], [3, 3])
    index.reset(12)
    assert index.find([7, 8]) == [] and index.base == 12 and index.rows == 0


def test_past_its_bound_the_index_hands_its_articles_to_the_archive(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(memory, "MAX_BAND_ROWS", 5)
    index = BandIndex()
    index.add([1, 2, 3], [10, 10, 10])
    index.add([4, 5, 6], [11, 11, 11])     # would pass the bound: forget, base moves up
    assert index.rows == 0 and index.base == 11
    assert index.find([1, 4]) == []
