"""Chrome headline lists of an HTML page, and the inline inserts cut out of its story.

One walk over the text nodes of ``<body>`` finds, in page order:

- insert cues ("Baca juga:", "Lihat Juga :", 'Simak Video "X"', "Pilihan Editor:"): the
  smallest element holding the cue is cut from the tree and its link texts are filed under
  ``inline`` (or ``picks``);
- noise ("ADVERTISEMENT", "SCROLL TO CONTINUE WITH CONTENT", "[Gambas:Video CNN]"): cut;
- section headings ("Berita Terkait", "TERPOPULER", ...; see ``sections.yaml``): the link
  texts of the block the heading opens, up to the next heading, fill that chrome list.

Cutting happens on the caller's tree, before the body extractor sees it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import yaml
from lxml import etree
from lxml.html import HtmlElement

from warta.models import CHROME_LISTS, Chrome
from warta.page.sections import section_of_heading

_WS = re.compile(r"\s+")
_MAX_CUE_BLOCK = 450  # characters: an insert box larger than this is story, not an insert
_CLIMB = 5  # ancestors tried when looking for the block a heading opens


@cache
def _data() -> dict[str, Any]:
    text = resources.files("warta.page").joinpath("data/html_chrome.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


@cache
def _pattern(name: str) -> re.Pattern[str]:
    words = sorted(_data()[name], key=len, reverse=True)
    return re.compile(r"^\s*(?:" + "|".join(words) + r")", re.IGNORECASE)


def clean(text: str) -> str:
    """Whitespace collapsed, outer spaces trimmed."""
    return _WS.sub(" ", text).strip()


@dataclass
class Lists:
    """Headline lists being filled, in page order."""

    items: dict[str, list[str]] = field(default_factory=lambda: {n: [] for n in CHROME_LISTS})

    def add(self, name: str, headline: str | None) -> None:
        if name not in self.items or not headline:
            return
        headline = clean(headline).strip("\"'“”‘’ :")
        if headline and headline not in self.items[name]:
            self.items[name].append(headline)

    def chrome(self) -> Chrome:
        return Chrome(**{name: tuple(values) for name, values in self.items.items()})


def collect_chrome(root: HtmlElement, lists: Lists | None = None) -> Lists:
    """Cut inserts and noise from ``root`` and read every chrome list, in page order."""
    lists = lists or Lists()
    body = root.find(".//body")
    if body is None:
        body = root
    headings: list[tuple[HtmlElement, str]] = []
    for node in _text_nodes(body):
        raw = str(node)
        if len(raw) > 600:
            continue
        text = " ".join(raw.split())
        if len(text) > 400 or not _candidate(text):
            continue
        owner = node.getparent()
        if owner is None or owner.tag in ("script", "style") or _detached(owner, body):
            continue
        if _cut_noise(node, owner, text) or _cut_insert(node, owner, text, lists):
            continue
        heading = _heading(owner, text) if node.is_text else None
        if heading is not None:
            headings.append(heading)
    _read_sections(headings, lists)
    return lists


def _candidate(text: str) -> bool:
    """Cheap test: could this text be noise, an insert cue or a section heading?"""
    if len(text) <= 60 and text.casefold().strip(" :.-") in _noise_lines():
        return True
    if _any_cue().match(text):
        return True
    return len(text) <= 45 and _section(text) is not None


@lru_cache(maxsize=4096)
def _section(text: str) -> str | None:
    return section_of_heading(text)


@cache
def _any_cue() -> re.Pattern[str]:
    words = [w for name in ("noise_prefix", "inline_cue", "picks_cue") for w in _data()[name]]
    return re.compile(r"^\s*(?:" + "|".join(words) + r")", re.IGNORECASE)


_TEXT_NODES = etree.XPath(".//text()[normalize-space()]")


def _text_nodes(body: HtmlElement) -> list[Any]:
    nodes: list[Any] = _TEXT_NODES(body)
    return nodes


def _detached(element: HtmlElement, body: HtmlElement) -> bool:
    for _ in range(60):
        parent = element.getparent()
        if parent is None:
            return element is not body
        if parent is body:
            return False
        element = parent
    return False


# --- noise and inserts --------------------------------------------------------------


def _cut_noise(node: Any, owner: HtmlElement, text: str) -> bool:
    if not is_noise(text):
        return False
    if node.is_tail:
        owner.tail = None
        return True
    element = _outermost_with_text(owner, text)
    whole = clean(element.text_content())
    if element.getparent() is not None and whole.startswith(text) and len(whole) <= 400:
        element.drop_tree()
    else:
        owner.text = None
    return True


def is_noise(text: str) -> bool:
    if len(text) <= 60 and text.casefold().strip(" :.-") in _noise_lines():
        return True
    return len(text) <= 400 and bool(_pattern("noise_prefix").match(text))


@cache
def _noise_lines() -> frozenset[str]:
    return frozenset(line.casefold() for line in _data()["noise_lines"])


def _outermost_with_text(element: HtmlElement, text: str) -> HtmlElement:
    """Climb while the parent holds nothing but the same text (h2 > span > text)."""
    for _ in range(4):
        parent = element.getparent()
        if parent is None or parent.tag in ("body", "html") or clean(parent.text_content()) != text:
            break
        element = parent
    return element


def _cut_insert(node: Any, owner: HtmlElement, text: str, lists: Lists) -> bool:
    kind = insert_kind(text)
    if kind is None:
        return False
    if node.is_tail:
        return False
    box = _insert_box(owner)
    if box is None:
        return False
    if box is owner and _is_inline(owner) and owner.getparent() is not None:
        return _cut_inline_cue(owner, text, kind, lists)
    for headline in _box_headlines(box, text):
        lists.add(kind, headline)
    if box.getparent() is not None:
        box.drop_tree()
    return True


def insert_kind(text: str) -> str | None:
    if len(text) > 300:
        return None
    if _pattern("picks_cue").match(text):
        return "picks"
    if _pattern("inline_cue").match(text):
        return "inline"
    return None


def _insert_box(owner: HtmlElement) -> HtmlElement | None:
    """The smallest block around a cue: climb while the text stays insert-sized."""
    box = owner
    for _ in range(6):
        parent = box.getparent()
        if parent is None or parent.tag in ("body", "html", "article", "main"):
            break
        if (len(clean(parent.text_content())) > _MAX_CUE_BLOCK or _has_story_paragraphs(parent)
                or _unlinked_chars(parent) > _unlinked_chars(box) + 40):
            break
        box = parent
    return box


def _unlinked_chars(element: HtmlElement) -> int:
    """Characters of text outside links: an insert box is cue + links, a story block is not."""
    linked = sum(len(clean(a.text_content())) for a in element.iter("a"))
    return len(clean(element.text_content())) - linked


def _has_story_paragraphs(element: HtmlElement) -> bool:
    return sum(1 for p in element.iter("p") if len(p.text_content()) > 120) >= 1


def _is_inline(element: HtmlElement) -> bool:
    return element.tag in ("strong", "b", "em", "i", "span", "u", "font")


def _cut_inline_cue(owner: HtmlElement, text: str, kind: str, lists: Lists) -> bool:
    """A cue like ``<strong>Baca Juga:</strong> <a>X</a><br>`` inside a long text block."""
    rest = after_cue(text)
    taken: list[HtmlElement] = []
    sibling = owner.getnext()
    while sibling is not None and sibling.tag == "a" and not (owner.tail or "").strip():
        taken.append(sibling)
        if (sibling.tail or "").strip():
            break
        sibling = sibling.getnext()
    headlines = [clean(a.text_content()) for a in taken] or ([rest] if rest else [])
    for headline in headlines:
        lists.add(kind, headline)
    for element in (*taken, owner):
        element.drop_tree()
    return True


def after_cue(text: str) -> str:
    """The headline written after a cue ("Baca juga: X" → "X", 'Simak Video "X":' → "X")."""
    quoted = re.search(r"[\"“](.+?)[\"”]", text)
    if quoted and _pattern("video_cue").match(text):
        return quoted.group(1)
    parts = re.split(r"\s*:\s*", text, maxsplit=1)
    return parts[1] if len(parts) == 2 else ""


def _box_headlines(box: HtmlElement, text: str) -> list[str]:
    links = [clean(a.text_content()) for a in box.iter("a")]
    links = [link for link in links if link and len(link.split()) >= 2]
    if links:
        return links
    whole = clean(box.text_content())
    rest = after_cue(whole if whole.startswith(text[:10]) else text)
    return [rest] if rest else []


# --- section headings -----------------------------------------------------------------


def _heading(owner: HtmlElement, text: str) -> tuple[HtmlElement, str] | None:
    if len(text) > 45:
        return None
    section = _section(text)
    if section is None:
        return None
    element = _outermost_with_text(owner, text)
    if element.tag in ("a", "li", "option") or any(
            anc.tag in ("a", "li", "nav") for anc in _ancestors(element, 4)):
        return None
    return element, section


def _ancestors(element: HtmlElement, depth: int) -> Iterator[HtmlElement]:
    parent = element.getparent()
    for _ in range(depth):
        if parent is None:
            return
        yield parent
        parent = parent.getparent()


def _read_sections(headings: list[tuple[HtmlElement, str]], lists: Lists) -> None:
    stops = {element for element, _ in headings}
    for element, section in headings:
        if section == "ignored":
            continue
        for headline in _section_headlines(element, stops):
            lists.add(section, headline)


def _section_headlines(heading: HtmlElement, stops: set[HtmlElement]) -> list[str]:
    for block in _ancestors(heading, _CLIMB):
        if block.tag in ("body", "html"):
            break
        found = _headlines_after(block, heading, stops)
        if found:
            return found
    return []


def _headlines_after(block: HtmlElement, heading: HtmlElement,
                     stops: set[HtmlElement]) -> list[str]:
    seen = False
    found: list[str] = []
    for element in block.iter():
        if element is heading:
            seen = True
            continue
        if not seen:
            continue
        if element in stops:
            break
        if element.tag == "a":
            headline = link_headline(element)
            if headline:
                found.append(headline)
    return found


def link_headline(anchor: HtmlElement) -> str | None:
    """The headline an ``<a>`` carries: its title element, else its longest text piece."""
    for inner in anchor.iter("h1", "h2", "h3", "h4", "h5", "h6"):
        text = clean(inner.text_content())
        if text:
            return _headline_or_none(text)
    pieces = [clean(piece) for piece in anchor.itertext()]
    return _headline_or_none(max(pieces, key=len, default=""))


def _headline_or_none(text: str) -> str | None:
    if len(text.split()) < 3 or len(text) > 250:
        return None
    if _pattern("not_headline").match(text) or insert_kind(text):
        return None
    return text
