"""Is this article Indonesian? A function-word share, cheap enough for every page."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

import yaml

_WORD = re.compile(r"[a-z]+")


@cache
def _function_words() -> frozenset[str]:
    text = resources.files("warta.facts").joinpath(
        "data/indonesian_function_words.yaml").read_text("utf-8")
    return frozenset(yaml.safe_load(text)["words"])


def indonesian_share(paragraphs: tuple[str, ...] | list[str], *, sample_words: int = 400) -> float:
    """Share of Indonesian function words among the first ``sample_words`` words."""
    words: list[str] = []
    for paragraph in paragraphs:
        words.extend(_WORD.findall(paragraph.lower()))
        if len(words) >= sample_words:
            break
    if not words:
        return 0.0
    known = _function_words()
    return sum(word in known for word in words[:sample_words]) / len(words[:sample_words])
