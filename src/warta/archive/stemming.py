"""Snowball Indonesian stemming for the SQLite full-text index and for search queries.

PostgreSQL's ``indonesian`` text search configuration runs the same Snowball algorithm, so
``stem_text`` on SQLite and ``to_tsvector('indonesian', ...)`` on PostgreSQL agree:
"menyalurkan" → "salur", "pengungsi" → "ungsi", "pemerintah" → "perintah".
"""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer

# Words as FTS5's unicode61 tokenizer sees them: runs of letters and digits.
_WORD = re.compile(r"[^\W_]+")
_STEMMER = snowballstemmer.stemmer("indonesian")


def words(text: str) -> list[str]:
    """Lower-cased word tokens of ``text``."""
    return _WORD.findall(text.lower())


@lru_cache(maxsize=200_000)
def stem_word(word: str) -> str:
    """The Snowball Indonesian stem of one lower-case word."""
    return str(_STEMMER.stemWord(word))


def stem_text(text: str) -> str:
    """``text`` as space-separated stems, ready for an FTS5 column or an FTS5 query term."""
    return " ".join(stem_word(word) for word in words(text))
