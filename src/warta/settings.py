"""One settings object for warta; every threshold lives here with the reason for its value."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace


@dataclass(frozen=True, slots=True)
class Settings:
    # Pages above this size are refused: real article pages are under 2 MB; 50 MB leaves room
    # for inline scripts and base64 images while keeping lxml's memory bounded.
    max_page_bytes: int = 50_000_000
    # HTML longer than this (after dropping scripts, styles and comments) is cut to this
    # many characters before extraction: stories sit in the first megabytes, and lxml plus
    # trafilatura take minutes and gigabytes on tens of megabytes of markup.
    max_html_chars: int = 3_000_000
    # Share of NUL / control bytes in the first 8 KB above which input is called binary.
    binary_control_ratio: float = 0.10
    # A body shorter than this many words is flagged as "no story found".
    min_story_words: int = 25
    # Lines of crawled text with at least this many words count as prose, not a menu item.
    min_prose_words: int = 8

    # Facts are read only from bodies whose share of Indonesian function words reaches this;
    # Indonesian news runs at 0.15-0.30, English and other languages near 0.0-0.03.
    min_indonesian_share: float = 0.06

    @classmethod
    def from_env(cls) -> Settings:
        """Defaults overridden by WARTA_MAX_PAGE_BYTES and WARTA_MIN_STORY_WORDS."""
        settings = cls()
        if value := os.environ.get("WARTA_MAX_PAGE_BYTES"):
            settings = replace(settings, max_page_bytes=int(value))
        if value := os.environ.get("WARTA_MIN_STORY_WORDS"):
            settings = replace(settings, min_story_words=int(value))
        return settings


DEFAULT_SETTINGS = Settings()
