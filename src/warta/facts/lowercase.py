"""Lower-cased text with every offset kept, for fast case-insensitive scans.

``re`` matches a long alternation much faster without ``re.IGNORECASE``: the lexicons'
big trigger and cue patterns are compiled in lower case and run over ``lowered(text)``;
offsets found there are offsets in ``text``.
"""

from __future__ import annotations


def lowered(text: str) -> str:
    """``text`` in lower case, same length (a letter whose lower case is longer, as "İ",
    stays as it is)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
