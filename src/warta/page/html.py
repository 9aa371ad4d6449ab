"""HTML pages: one lxml parse, trafilatura for the story, then warta's own passes.

The tree is parsed once and reused:

1. page metadata is read from ``<head>`` and JSON-LD (``_meta``), the header around the
   ``<h1>`` gives the title, byline and the site's own date line;
2. ``chrome.collect_chrome`` cuts inline inserts and noise from the tree and reads the
   chrome headline lists;
3. trafilatura extracts the story from the cleaned tree (it works on its own copy);
4. the story's lines lose the inserts trafilatura still let through, the dateline prefix
   and the credit tail; agency credit lines become ``wire_sources``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlparse

import trafilatura
from lxml import etree
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from warta.models import Article, Chrome, Page
from warta.page import chrome as chrome_mod
from warta.page.chrome import Lists, clean, collect_chrome
from warta.page.dateline import parse_credit_line, strip_credit_tail, strip_dateline
from warta.page.dates import month_number, parse_date_line, with_time
from warta.page.inserts import classify_insert
from warta.page.outlet import clean_authors, normalize_outlet, outlet_from_host
from warta.page.prose import prose_words

_ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "blogposting",
                  "analysisnewsarticle", "opinionnewsarticle", "backgroundnewsarticle",
                  "webpage", "liveblogposting", "report"}
_PUBLISHED_KEYS = ("article:published_time", "og:published_time", "published_time",
                   "datepublished", "pubdate", "publishdate", "publish_date", "publish-date",
                   "dtk:publishdate", "content_publisheddate", "dc.date.issued", "dc.date",
                   "date", "sailthru.date", "parsely-pub-date", "article.published",
                   "dtk:createddate", "originalpublicationdate")
_AUTHOR_KEYS = ("author", "article:author", "dtk:author", "content_author", "dc.creator",
                "parsely-author", "sailthru.author", "byl")


def extract_html(page: Page) -> tuple[Article, Chrome]:
    """Article and chrome lists of an HTML page."""
    root = _parse(page.text)
    if root is None:
        return Article(), Chrome()
    meta = read_meta(root)
    header = read_header(root, meta)
    # read before the chrome is cut out, and only when nothing better will name the site
    named = _meta_outlet(meta)
    footer = None if named or page.url or meta.url else _footer_brand(root)
    lists = collect_chrome(root)
    captions = _prepare(root)
    lines = _story_lines(root, page.url or meta.url)
    story = clean_story(lines, lists, header.title, captions)
    outlet = named or _outlet(meta, story.dateline_outlet, page.url) or footer \
        or _title_suffix(meta.title)
    article = Article(
        title=header.title,
        body=tuple(story.body),
        published=_published(meta, header, root),
        outlet=outlet,
        wire_sources=tuple(story.wire),
        authors=_authors(meta, header, outlet),
    )
    return article, lists.chrome()


def _parse(text: str) -> HtmlElement | None:
    try:
        tree = load_html(text)
    except (ValueError, TypeError):
        return None
    return tree if isinstance(tree, HtmlElement) else None


# --- metadata from <head> and JSON-LD -----------------------------------------------------


@dataclass
class Meta:
    """What the page says about itself in meta tags and JSON-LD."""

    tags: dict[str, list[str]] = field(default_factory=dict)
    ld: list[dict[str, Any]] = field(default_factory=list)
    url: str | None = None
    title: str | None = None

    def first(self, *keys: str) -> str | None:
        for key in keys:
            for value in self.tags.get(key, ()):
                if value.strip():
                    return value.strip()
        return None


def read_meta(root: HtmlElement) -> Meta:
    """Meta tags (by lower-cased name/property/itemprop), JSON-LD articles, URL, <title>."""
    meta = Meta()
    for element in root.iter("meta"):
        key = element.get("property") or element.get("name") or element.get("itemprop")
        content = element.get("content")
        if key and content:
            meta.tags.setdefault(key.strip().lower(), []).append(clean(content))
    for script in root.xpath('//script[contains(@type, "ld+json")]'):
        meta.ld.extend(_ld_articles(script.text or ""))
    canonical = root.xpath('//link[@rel="canonical"]/@href')
    meta.url = meta.first("og:url") or (str(canonical[0]) if canonical else None)
    title = root.find(".//title")
    meta.title = clean(title.text_content()) if title is not None else None
    return meta


def _ld_articles(text: str) -> list[dict[str, Any]]:
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return []
    return [item for item in _ld_objects(data, 0) if _ld_type(item) & _ARTICLE_TYPES]


def _ld_objects(data: Any, depth: int) -> Iterator[dict[str, Any]]:
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data:
            yield from _ld_objects(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        for key in ("@graph", "mainEntity"):
            if key in data:
                yield from _ld_objects(data[key], depth + 1)


def _ld_type(item: dict[str, Any]) -> set[str]:
    kind = item.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k).lower() for k in kinds if k}


def _ld_value(meta: Meta, key: str) -> Any:
    for item in meta.ld:
        if item.get(key):
            return item[key]
    return None


# --- header: title, byline, date line ---------------------------------------------------------


@dataclass
class Header:
    """The visible headline; the date line and bylines near it are read on demand."""

    title: str | None = None
    h1: HtmlElement | None = None

    def date(self) -> str | None:
        return _date_line(_texts_after(self.h1, 40)) if self.h1 is not None else None

    def bylines(self) -> list[str]:
        return _bylines(self.h1) if self.h1 is not None else []


def read_header(root: HtmlElement, meta: Meta) -> Header:
    """The <h1> headline (metadata titles only when the page has none)."""
    h1 = _headline_element(root, meta)
    if h1 is None:
        return Header(title=_meta_title(meta))
    return Header(title=clean(h1.text_content()), h1=h1)


def _headline_element(root: HtmlElement, meta: Meta) -> HtmlElement | None:
    candidates = [h for h in root.iter("h1") if len(clean(h.text_content()).split()) >= 2]
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    hint = set(_words(" ".join(filter(None, [meta.first("og:title"), meta.title]))))
    return max(candidates, key=lambda h: len(set(_words(h.text_content())) & hint))


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def _meta_title(meta: Meta) -> str | None:
    title = meta.first("og:title", "twitter:title") or _ld_value(meta, "headline") or meta.title
    if not isinstance(title, str) or not title.strip():
        return None
    return re.split(r"\s+[|–—-]\s+[^|–—-]{2,40}$", clean(title))[0]


def _texts_after(element: HtmlElement, limit: int) -> list[str]:
    """Up to ``limit`` text pieces that follow ``element`` in page order."""
    out: list[str] = []
    current: HtmlElement | None = element
    while current is not None and current.tag not in ("body", "html"):
        for node in current.itersiblings():
            for piece in node.itertext():
                piece = clean(piece)
                if piece:
                    out.append(piece)
                    if len(out) >= limit:
                        return out
        current = current.getparent()
    return out


_MODIFIED = re.compile(r"^\s*(diperbarui|update[d]?|diupdate|last updated|terakhir diperbarui"
                       r"|modified)\b", re.IGNORECASE)
_DATE_TEXT = re.compile(r"\b(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?,?\s+(\d{4})\b")
_DATE_NUM = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b")
_DATE_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def _date_line(texts: Iterable[str]) -> str | None:
    for text in texts:
        if len(text) > 90 or _MODIFIED.match(text):
            continue
        found = _fallback_date(text)
        if found:
            return with_time(parse_date_line(text) or found, text)
    return None


def _fallback_date(text: str) -> str | None:
    """ISO date of a short date line ("Selasa, 16 Nov 2021 14:05 WIB", "16/11/2021, 14:05")."""
    match = _DATE_TEXT.search(text)
    month = month_number(match.group(2)) if match else None
    if match and month is not None:
        return _iso(int(match.group(3)), month, int(match.group(1)))
    match = _DATE_NUM.search(text)
    if match:
        return _iso(int(match.group(3)), int(match.group(2)), int(match.group(1)))
    match = _DATE_ISO.search(text)
    if match:
        return _iso(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    return None


def _iso(year: int, month: int, day: int) -> str | None:
    if 1990 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31:
        return f"{year:04d}-{month:02d}-{day:02d}"
    return None


_BYLINE_CLASS = re.compile(r"author|penulis|reporter|byline|writer|wartawan|pewarta|namerep"
                           r"|nama-redaksi|credit", re.IGNORECASE)


def _bylines(h1: HtmlElement) -> list[str]:
    """Byline texts in the header block around the headline."""
    for container in _ancestors(h1, 3):
        found = [el for el in container.xpath(".//*[@class or @id]")
                 if _BYLINE_CLASS.search(f"{el.get('class', '')} {el.get('id', '')}")
                 and not _inside(el, found_in=container, skip=("a",))]
        if found:
            return _byline_names(_outermost(found))
    return []


def _ancestors(element: HtmlElement, depth: int) -> Iterator[HtmlElement]:
    parent = element.getparent()
    for _ in range(depth):
        if parent is None or parent.tag in ("body", "html"):
            return
        yield parent
        parent = parent.getparent()


def _inside(element: HtmlElement, found_in: HtmlElement, skip: tuple[str, ...]) -> bool:
    return element.tag in skip or len(clean(element.text_content())) > 200


def _outermost(elements: list[HtmlElement]) -> list[HtmlElement]:
    chosen = set(elements)
    return [el for el in elements if not any(a in chosen for a in el.iterancestors())]


_ROLE = re.compile(r"^\s*(?:penulis|reporter|pewarta|oleh|by|wartawan|kontributor|author)\b"
                   r"\s*:?\s*", re.IGNORECASE)
_EDITOR = re.compile(r"\b(?:editor|redaktur|penyunting|red|fotografer|foto|editing)\b\s*:?",
                     re.IGNORECASE)


def _byline_names(elements: list[HtmlElement]) -> list[str]:
    names: list[str] = []
    for element in elements:
        parts = [p for p in re.split(r"\s*[|·•]\s*", clean(element.text_content()))
                 if p and not _EDITOR.search(p) and not re.search(r"\d", p)]
        anchors = [clean(a.text_content()) for a in element.iter("a")]
        anchors = [a for a in anchors if a and any(a in part for part in parts)]
        if anchors:
            names.extend(anchors)
        else:
            for part in parts:
                names.extend(_split_names(_ROLE.sub("", part)))
    return names


def _split_names(text: str) -> list[str]:
    text = re.sub(r"\s+[-–—]\s+\S+$", "", text)  # "Nama - detikNews"
    text = re.split(r",\s*(?:jurnalis|wartawan|reporter|kontributor)\b", text, flags=re.I)[0]
    return [name for name in re.split(r"\s*(?:,|&|\bdan\b|\band\b)\s*", text) if name]


# --- story ----------------------------------------------------------------------------------

_BOXES = etree.XPath("//figcaption | //*[contains(@class, 'caption') or "
                     "contains(@class, 'komentar') or contains(@id, 'komentar')]")
_KEEP = {"html", "body", "article", "main"}
_INERT_TAGS = ("script", "style", "noscript", "svg", "iframe", "template")
# Fewer story words than this from precision mode triggers a second, balanced-mode pass.
RESCUE_BELOW_WORDS = 30
def _prepare(root: HtmlElement) -> set[str]:
    """Cut comment boxes ("komentar"; trafilatura cuts "comment"); return caption texts."""
    # Metadata has been read: scripts, styles and embeds only slow trafilatura down.
    etree.strip_elements(root, *_INERT_TAGS, with_tail=False)
    captions: set[str] = set()
    for element in _BOXES(root):
        if element.tag in _KEEP or element.getparent() is None or element.find(".//h1") is not None:
            continue
        if "komentar" in f"{element.get('class', '')} {element.get('id', '')}":
            element.drop_tree()
        else:
            captions.add(clean(element.text_content()))
    return captions - {""}


def _story_lines(root: HtmlElement, url: str | None) -> list[str]:
    """The story's lines by trafilatura in precision mode; in balanced mode when that
    finds next to nothing (precision mode sometimes drops a whole story with its box)."""
    lines = _trafilatura_lines(root, url, favor_precision=True)
    if sum(len(line.split()) for line in lines) >= RESCUE_BELOW_WORDS:
        return lines
    rescue = _trafilatura_lines(root, url, favor_precision=False)
    # Take the balanced result only for prose it adds: a home page's headline list is not.
    return rescue if prose_words(rescue) > 2 * prose_words(lines) else lines


def _trafilatura_lines(root: HtmlElement, url: str | None, *,
                       favor_precision: bool) -> list[str]:
    doc = trafilatura.bare_extraction(root, url=url, with_metadata=False,
                                      include_comments=False, favor_precision=favor_precision)
    text = getattr(doc, "text", None)
    if not isinstance(text, str):
        return []
    return [line for line in (clean(raw) for raw in text.split("\n")) if line]


@dataclass
class Story:
    """The story's paragraphs after the insert, dateline and credit passes."""

    body: list[str] = field(default_factory=list)
    wire: list[str] = field(default_factory=list)
    dateline_outlet: str | None = None


def clean_story(lines: list[str], lists: Lists, title: str | None = None,
                captions: set[str] | None = None) -> Story:
    """Drop inserts, captions and credit lines, strip the dateline and the credit tail.

    Captions are kept when the story has nothing else (photo pages).
    """
    story = Story()
    kept_captions: list[str] = []
    for line in _skip_lead(lines, title):
        if captions and line in captions:
            kept_captions.append(line)
        elif not _take_line(line, story, lists) and not _is_stamp(line):
            story.body.append(line)
    if sum(len(line.split()) for line in story.body) < 25 and captions:
        story.body = kept_captions or sorted(captions, key=len, reverse=True)[:1]
    _strip_tail(story)
    _strip_head(story)
    return story


def _take_line(line: str, story: Story, lists: Lists) -> bool:
    """True when a line is not story text (and files what it carries)."""
    credit = parse_credit_line(line) or _credit_line(line)
    if credit:
        story.wire.extend(agency for agency in credit if agency not in story.wire)
        return True
    insert = classify_insert(line) if len(line) < 250 else None
    if insert is not None:
        if insert.kind in ("inline", "picks"):
            lists.add(insert.kind, insert.headline)
        return True
    kind = chrome_mod.insert_kind(line)
    if kind is not None:
        lists.add(kind, chrome_mod.after_cue(line))
        return True
    return chrome_mod.is_noise(line) or bool(_BYLINE_LINE.match(line))


_CREDIT = re.compile(r"^\(?\s*(?:sumber|source|sources)\s*:\s*(.{2,80}?)\s*\)?\.?$",
                     re.IGNORECASE)
_BYLINE_LINE = re.compile(r"^(?:penulis|reporter|pewarta|editor|redaktur)\s*:\s*[^.]{2,60}"
                          r"(?:\|\s*(?:penulis|reporter|pewarta|editor|redaktur)\s*:"
                          r"\s*[^.]{2,60})*$", re.IGNORECASE)


def _credit_line(line: str) -> tuple[str, ...] | None:
    match = _CREDIT.match(line)
    if not match:
        return None
    parts = [p.strip(" .") for p in re.split(r"\s*(?:,|/|&|\bdan\b|\band\b)\s*", match.group(1))]
    if not parts or any(not p or len(p.split()) > 3 for p in parts):
        return None
    return tuple(parts)


_STAMP_WORDS = {"senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu", "ahad", "wib",
                "wita", "wit", "pukul", "am", "pm", "gmt", "utc"}


def _is_stamp(line: str) -> bool:
    """A line that is only a date/time stamp or punctuation ("- Kamis, 05/11/2015 09:25 WIB")."""
    if not re.search(r"\w", line):
        return True
    if len(line) > 60 or not _fallback_date(line):
        return False
    words = re.findall(r"[^\W\d_]+", line.casefold())
    return all(w in _STAMP_WORDS or month_number(w[:3]) is not None for w in words)


def _skip_lead(lines: list[str], title: str | None) -> list[str]:
    """Drop the headline and the header lines (standfirst, date) above a dateline."""
    key = clean(title or "").casefold()
    lines = [line for line in lines if line.casefold() != key]
    for i, line in enumerate(lines[:4]):
        if i and _has_dateline(line) and all(len(prev) <= 250 for prev in lines[:i]):
            return lines[i:]
    return lines


def _has_dateline(line: str) -> bool:
    if strip_dateline(line)[1] is not None:
        return True
    match = _DATELINE.match(line)
    return bool(match and len(match.group("head")) <= 50)


def _strip_tail(story: Story) -> None:
    while story.body:
        last, agencies = strip_credit_tail(story.body[-1])
        last = _CREDIT_TAIL.sub("", last).strip()
        story.wire.extend(a for a in agencies if a not in story.wire)
        if last:
            story.body[-1] = last
            return
        story.body.pop()


_CREDIT_TAIL = re.compile(r"\s*[(\[](?:[a-z]{2,4}(?:/[a-z]{2,5}){0,3})[)\]]\s*$")


_DATELINE = re.compile(
    r"^(?P<head>(?:[A-Z][\w.&'’/-]*|\([^()]{2,30}\))(?:,?\s+(?:[A-Z][\w.&'’/-]*|\([^()]{2,30}\)))"
    r"{0,5}),?\s*(?:--|[-–—])\s+(?=\S)")


def _strip_head(story: Story) -> None:
    if not story.body:
        return
    first, dateline = strip_dateline(story.body[0])
    if dateline is not None:
        story.dateline_outlet = dateline.outlet
    else:
        match = _DATELINE.match(first)
        if match and len(match.group("head")) <= 50:
            story.dateline_outlet = _outlet_in(match.group("head"))
            first = first[match.end():]
    if first.strip():
        story.body[0] = first.strip()
    else:
        story.body.pop(0)


def _outlet_in(head: str) -> str | None:
    match = re.search(r"\b([A-Za-z0-9]+\.(?:com|co\.id|id|net|co))\b|\(([A-Z][A-Za-z ]+)\)", head)
    if not match:
        return None
    return match.group(1) or match.group(2)


# --- published, outlet, authors ---------------------------------------------------------------


def _published(meta: Meta, header: Header, root: HtmlElement) -> str | None:
    raw = meta.first(*_PUBLISHED_KEYS) or _ld_value(meta, "datePublished")
    found = _fallback_date(str(raw)) if raw else None
    if raw and isinstance(raw, str) and re.match(r"^\d{4}-\d{2}-\d{2}", raw):
        found = raw[:10]
    if found:
        return with_time(found, str(raw))
    return header.date() or _htmldate(root)


def _htmldate(root: HtmlElement) -> str | None:
    try:
        from htmldate import find_date

        found = find_date(root, original_date=True, extensive_search=False)
    except (ValueError, TypeError):
        return None
    return str(found) if found else None


def _meta_outlet(meta: Meta) -> str | None:
    """The site the metadata names (og:site_name and kin, the JSON-LD publisher)."""
    publisher = _ld_value(meta, "publisher")
    if isinstance(publisher, dict):
        publisher = publisher.get("name")
    site = meta.first("og:site_name", "application-name", "twitter:site")
    if site and isinstance(publisher, str) and publisher.lower().startswith(site.lower() + " "):
        site = publisher  # "VOA" and publisher "VOA Indonesia": the fuller brand
    for name in (site, publisher if isinstance(publisher, str) else None):
        if name and name.strip().lstrip("@"):
            return normalize_outlet(name.strip().lstrip("@"))
    return None


def _outlet(meta: Meta, dateline_outlet: str | None, url: str | None) -> str | None:
    """The site when its metadata does not name it: the dateline, else the address."""
    if dateline_outlet and dateline_outlet.strip().lstrip("@"):
        return normalize_outlet(dateline_outlet.strip().lstrip("@"))
    for address in (meta.url, url):
        if address:
            brand = outlet_from_host(address) or _host_brand(address)
            if brand:
                return brand
    return None


# "Copyright © 2026 SINDOnews.com, All Rights Reserved": the site's own domain as it writes it
_COPYRIGHT_DOMAIN = re.compile(
    r"(?:©|\(c\)|\bcopyright\b)[^\n]{0,40}?(?<![\w.])((?:[A-Za-z0-9-]+\.)+"
    r"(?:com|co\.id|id|net|org|tv|news|info|or\.id|web\.id|my\.id))\b", re.IGNORECASE)


def _footer_brand(root: HtmlElement) -> str | None:
    """The domain a copyright line names, for pages whose metadata names no site."""
    for element in root.xpath("//footer | //*[contains(@class, 'footer') or contains(@id, 'footer')"
                              " or contains(@class, 'copyright')]"):
        match = _COPYRIGHT_DOMAIN.search(" ".join(element.text_content().split()))
        if match:
            return normalize_outlet(match.group(1))
    return None


def _host_brand(url: str) -> str | None:
    host = urlparse(url if "//" in url else f"//{url}").hostname or ""
    parts = host.removeprefix("www.").split(".")
    if len(parts) < 2:
        return None
    tail = 3 if parts[-2] in ("co", "or", "ac", "go", "web", "my") and len(parts) >= 3 else 2
    return normalize_outlet(".".join(parts[-tail:]))


def _title_suffix(title: str | None) -> str | None:
    match = re.search(r"\s[|:–—-]\s*([^|:–—-]{3,40})$", title or "")
    return normalize_outlet(match.group(1).strip()) if match else None


def _authors(meta: Meta, header: Header, outlet: str | None) -> tuple[str, ...]:
    for source in (_ld_people, _meta_authors, lambda _: header.bylines()):
        cleaned = _drop_outlet_names(clean_authors(source(meta), outlet=outlet), outlet)
        if cleaned:
            return cleaned
    return ()


def _ld_people(meta: Meta) -> list[str]:
    author = _ld_value(meta, "author")
    items = author if isinstance(author, list) else [author]
    return [str(item.get("name")) for item in items
            if isinstance(item, dict) and item.get("name")
            and str(item.get("@type", "Person")).lower() == "person"]


def _meta_authors(meta: Meta) -> list[str]:
    names: list[str] = []
    for key in _AUTHOR_KEYS:
        for value in meta.tags.get(key, ()):
            if value.startswith("http"):
                continue
            names.extend(n for n in re.split(r"\s*(?:,|;|&|\bdan\b|\band\b)\s*", value) if n)
        if names:
            return names
    return names


def _drop_outlet_names(names: Iterable[str], outlet: str | None) -> tuple[str, ...]:
    brand = _brand_key(outlet or "")
    out: list[str] = []
    for name in names:
        name = clean(name).strip(" ,.-|")
        key = _brand_key(name)
        if (not key or (brand and (key in brand or brand in key)) or re.search(r"\d|\.com\b", name)
                or len(name.split()) > 5 or name in out):
            continue
        out.append(name)
    return tuple(out)


def _brand_key(name: str) -> str:
    key = re.sub(r"^www\.|\.(?:com|co\.id|id|net|co)$", "", name.casefold().strip())
    return re.sub(r"[\W_]+", "", key)
