"""How much of a text reads as prose: sentences, not menus or lists of links."""

from __future__ import annotations

import re
from collections.abc import Iterable

from warta.settings import DEFAULT_SETTINGS, Settings

# Japanese, Chinese and Korean text runs without spaces: count two such characters a word.
_UNSPACED_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_SENTENCE_END = re.compile(r"[.!?\"”’)。！？]\s*$|[.!?。！？]\s?")


def prose_words(body: Iterable[str], *, settings: Settings = DEFAULT_SETTINGS) -> int:
    """Words in paragraphs that read as prose: long enough and with sentence punctuation.

    A list of links or a menu has many words but no sentences; it is not a story.
    """
    total = 0
    for paragraph in body:
        words = word_count(paragraph)
        if words >= settings.min_prose_words and _SENTENCE_END.search(paragraph):
            total += words
    return total


def word_count(paragraph: str) -> int:
    """Words in a paragraph, also for scripts written without spaces."""
    return max(len(paragraph.split()), len(_UNSPACED_SCRIPT.findall(paragraph)) // 2)
