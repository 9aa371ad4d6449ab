"""``Memo``: a one-argument function's values, remembered per process."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")


class Memo(dict[K, V]):
    """``memo[key]`` is ``function(key)``, computed once per key; past ``kept`` keys all
    are forgotten at once. Words of news text recur across pages, so ingest remembers
    per-word work (stems, hashes, tests) this way: ``map(memo.__getitem__, words)`` looks
    known words up without a Python call each, as an ``lru_cache`` wrapper makes."""

    def __init__(self, function: Callable[[K], V], *, kept: int = 200_000) -> None:
        super().__init__()
        self.function = function
        self.kept = kept

    def __missing__(self, key: K) -> V:
        if len(self) >= self.kept:
            self.clear()
        value = self[key] = self.function(key)
        return value
