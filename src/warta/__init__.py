"""warta: Indonesian news pages → clean articles and the facts inside them.

    >>> import warta
    >>> result = warta.extract("page.html")        # doctest: +SKIP
    >>> result.article.title, result.article.published    # doctest: +SKIP

``extract`` returns an ``Extraction`` whose ``to_dict()`` is the JSON ``warta extract`` prints.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from warta.archive import Archive, open_archive
from warta.errors import (
    ArchiveError,
    BinaryInput,
    EmptyInput,
    ExtractionError,
    InputError,
    TooLarge,
    Unreadable,
    WartaError,
)
from warta.extraction import extract, extract_page
from warta.models import (
    Article,
    Attribution,
    Chrome,
    Entity,
    Event,
    Extraction,
    Facts,
    Page,
    Quantity,
)
from warta.page import extract_article, read_page
from warta.settings import Settings

__version__ = "0.1.0"

__all__ = [
    "Archive",
    "ArchiveError",
    "Article",
    "Attribution",
    "BinaryInput",
    "Chrome",
    "EmptyInput",
    "Entity",
    "Event",
    "Extraction",
    "ExtractionError",
    "Facts",
    "InputError",
    "Page",
    "Quantity",
    "Settings",
    "TooLarge",
    "Unreadable",
    "WartaError",
    "__version__",
    "extract",
    "extract_article",
    "extract_page",
    "open_archive",
    "read_page",
]

logging.getLogger("warta").addHandler(logging.NullHandler())


def __getattr__(name: str) -> Any:
    """``Archive`` and ``open_archive`` on first use: extracting pages needs no database."""
    if name in ("Archive", "open_archive"):
        from warta import archive

        return getattr(archive, name)
    raise AttributeError(f"module 'warta' has no attribute {name!r}")
