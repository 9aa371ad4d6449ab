"""Path, bytes or stdin → Page: size limit, charset, HTML-or-text, one-line errors."""

from __future__ import annotations

import codecs
import gzip
import io
import re
import sys
import zlib
from pathlib import Path

from charset_normalizer import from_bytes

from warta.errors import BinaryInput, EmptyInput, TooLarge, Unreadable
from warta.models import Page, PageKind
from warta.settings import DEFAULT_SETTINGS, Settings

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_\-:.]+)""", re.IGNORECASE
)
_HTML_SIGNS = re.compile(
    r"<(?:!doctype\s+html|html|head|body|meta|div|article|p|script|title|span|a\s)[\s>/]",
    re.IGNORECASE,
)
_BULKY = re.compile(r"<(script|style|svg|noscript)\b[^>]*>.*?</\1\s*>|<!--.*?-->",
                    re.IGNORECASE | re.DOTALL)
_DATA_URI = re.compile(r'"data:[^"]{200,}"')
# Magic numbers of formats that are surely not a page (images, archives, PDF, office files).
_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x7fELF",
                 b"BZh", b"\xfd7zXZ", b"Rar!", b"OggS", b"ID3", b"RIFF")
# Bytes that never occur in text: C0 controls other than tab, newlines, form feed, CR.
_CONTROL_BYTES = bytes(b for b in range(32) if b < 9 or b > 13)
# Browsers read these labels as windows-1252 (WHATWG Encoding); so does warta.
_LATIN1_LABELS = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "us-ascii", "ascii", "l1"}


def read_page(source: str | Path | bytes, *, name: str | None = None,
              url: str | None = None, settings: Settings = DEFAULT_SETTINGS) -> Page:
    """Read one page from a path, raw bytes, or ``"-"`` (stdin) and decode it.

    Raises an ``InputError`` subclass with a one-line message naming the input when the
    page is empty, binary, too large or cannot be read.
    """
    if isinstance(source, bytes):
        label = name or "<bytes>"
        raw = source
    elif str(source) == "-":
        label = name or "-"
        raw = sys.stdin.buffer.read(settings.max_page_bytes + 1)
    else:
        label = name or str(source)
        raw = _read_file(Path(source), label, settings)
    raw = _maybe_gunzip(raw, label, settings)
    return decode_page(raw, name=label, url=url, settings=settings)


def decode_page(raw: bytes, *, name: str, url: str | None = None,
                settings: Settings = DEFAULT_SETTINGS) -> Page:
    """Bytes → Page, after the checks that make bad input a clear error."""
    if len(raw) > settings.max_page_bytes:
        raise TooLarge(name, f"page is {len(raw) / 1e6:.1f} MB, above the "
                             f"{settings.max_page_bytes / 1e6:.0f} MB limit")
    if not raw.strip():
        raise EmptyInput(name, "file is empty")
    if _looks_binary(raw, settings):
        raise BinaryInput(name, "file is binary, not an HTML page or text")
    text, encoding = decode_bytes(raw)
    if not text.strip():
        raise EmptyInput(name, "file has no visible text")
    kind = detect_kind(text)
    truncated = False
    if kind == "html" and len(text) > settings.max_html_chars:
        text, truncated = slim_html(text, max_chars=settings.max_html_chars)
    return Page(name=name, kind=kind, text=text, url=url, encoding=encoding,
                truncated=truncated)


def slim_html(html: str, *, max_chars: int) -> tuple[str, bool]:
    """Drop scripts, styles, comments and inline data from a huge page; cut what remains.

    Returns the slimmer HTML and whether it had to be cut.
    """
    html = _BULKY.sub("", html)
    html = _DATA_URI.sub('"data:,"', html)
    if len(html) <= max_chars:
        return html, False
    return html[:max_chars], True


def detect_kind(text: str) -> PageKind:
    """``html`` when the start of the document carries HTML tags, else ``text``."""
    head = text[:5000]
    tags = _HTML_SIGNS.findall(head)
    if head.lstrip().startswith("<") and tags:
        return "html"
    return "html" if len(tags) >= 3 else "text"


def decode_bytes(raw: bytes) -> tuple[str, str]:
    """Decode with BOM, then strict UTF-8, then the declared charset, then detection.

    UTF-8 is tried before the declared charset because pages often declare iso-8859-1
    while serving UTF-8, and valid UTF-8 is very unlikely to be anything else.
    """
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if raw.startswith(bom):
            return raw.decode(encoding, errors="replace"), encoding
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = _declared_charset(raw)
    if declared:
        try:
            return raw.decode(declared, errors="replace"), declared
        except LookupError:
            pass
    best = from_bytes(raw[:200_000]).best()
    encoding = best.encoding if best is not None else "windows-1252"
    return raw.decode(encoding, errors="replace"), encoding


def _declared_charset(raw: bytes) -> str | None:
    match = _META_CHARSET.search(raw[:10_000])
    if not match:
        return None
    label = match.group(1).decode("ascii", errors="ignore").lower()
    if label in _LATIN1_LABELS:
        return "windows-1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _read_file(path: Path, label: str, settings: Settings) -> bytes:
    try:
        if path.is_dir():
            raise Unreadable(label, "is a folder, not a page")
        with path.open("rb") as handle:
            return handle.read(settings.max_page_bytes + 1)
    except FileNotFoundError:
        raise Unreadable(label, "no such file") from None
    except PermissionError:
        raise Unreadable(label, "permission denied") from None
    except OSError as exc:
        raise Unreadable(label, f"cannot be read ({exc.strerror or exc})") from None


def _maybe_gunzip(raw: bytes, label: str, settings: Settings) -> bytes:
    if not raw.startswith(b"\x1f\x8b"):
        return raw
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(raw)) as handle:
            return handle.read(settings.max_page_bytes + 1)
    except (OSError, EOFError, zlib.error):
        raise BinaryInput(label, "gzip data is corrupt or truncated") from None


def _looks_binary(raw: bytes, settings: Settings) -> bool:
    if raw.startswith(_BINARY_MAGIC):
        return True
    sample = raw[:8192]
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls / len(sample) > settings.binary_control_ratio
