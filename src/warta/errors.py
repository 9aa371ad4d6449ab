"""Errors warta raises on purpose.

    WartaError                  base: a reason code and a message naming the input
    ├── InputError              the input cannot be read as a page
    │   ├── EmptyInput          zero bytes or only whitespace
    │   ├── BinaryInput         not text (an image, an archive, ...)
    │   ├── TooLarge            above Settings.max_page_bytes
    │   └── Unreadable          missing file, permission denied, a folder
    ├── ExtractionError         the page was read but extraction itself failed
    └── ArchiveError            the archive cannot be opened, written or upgraded

Every message is one line and names the input, so the CLI can print it as is.
"""

from __future__ import annotations


class WartaError(Exception):
    """Base of every error warta raises on purpose."""

    reason = "error"

    def __init__(self, name: str, problem: str) -> None:
        self.name = name
        self.problem = problem
        super().__init__(f"{name}: {problem}")


class InputError(WartaError):
    reason = "unreadable-input"


class EmptyInput(InputError):
    reason = "empty"


class BinaryInput(InputError):
    reason = "binary"


class TooLarge(InputError):
    reason = "too-large"


class Unreadable(InputError):
    reason = "unreadable"


class ExtractionError(WartaError):
    reason = "extraction-failed"


class ArchiveError(WartaError):
    """The archive (SQLite file or PostgreSQL database) cannot be opened, written or upgraded.

    ``name`` is the archive URL with any password removed.
    """

    reason = "archive"
