"""Crawled text: a line classifier separating story lines from chrome sections.

A crawler's visible text has one block per line: menus, cookie banners, the headline, a
date line, bylines, the story paragraphs (with "Baca juga" inserts and ads between them),
credit lines, and headline lists under section headings ("Berita Terkait", "Terpopuler").

The passes, each on the list of classified lines:

1. ``_classify``: every line gets a kind from its own shape (separator, heading, insert,
   boilerplate, date, byline, credit, caption, prose, headline, short).
2. ``_collect_chrome``: headings and "Baca juga:" openers claim the headline-like lines that
   follow them (a list ends at the first line that is not a headline, or, in a list whose
   items are separated by "-" or numbers, at an item without its separator).
3. ``_story_span``: prose lines not claimed by a list form blocks; a block bridges short
   gaps made of inserts, ads, captions and short chrome boxes, and stops at bylines,
   date lines, credit lines and footers. The block with most words is the story, trimmed
   to start at a dateline paragraph when there is one.
4. Metadata: headline line (scanning back from the story), date line (first publication),
   outlet (dateline, copyright line, brand line), bylines and wire credits.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Literal

import yaml

from warta.models import Article, Chrome, Page
from warta.page.dateline import (
    agency_name,
    parse_credit_line,
    strip_credit_tail,
    strip_dateline,
)
from warta.page.dates import (
    find_dateline_date,
    is_modified_date_line,
    month_number,
    parse_date_line,
    with_time,
)
from warta.page.inserts import classify_insert, is_caption, is_writer_role, parse_bylines
from warta.page.outlet import clean_authors, normalize_outlet, outlet_from_host
from warta.page.sections import section_of_heading

Kind = Literal["sep", "heading", "insert", "boiler", "date", "modified", "byline", "editor",
               "credit", "caption", "prose", "headline", "short"]
ListName = Literal["inline", "related", "popular", "picks", "latest", "ignored", "drop"]

# A story block must reach this many words (or two prose paragraphs) to count as a story:
# a lone one-line notice ("Halaman tidak ditemukan. ...") is not a story.
_MIN_STORY_WORDS = 40
# A gap between two story paragraphs is bridged when it holds at most this many lines
# (separators not counted): a "Baca juga" box or a short "Berita Terkait" box fits.
_MAX_GAP_LINES = 8
# Headline list items: at least this many words (menu items are one or two words).
_MIN_HEADLINE_WORDS = 3
_MAX_HEADLINE_WORDS = 30
# The headline line is searched at most this many lines above the story.
_TITLE_LOOKBACK = 12
# Marks that open a date line set under a byline ("- Sabtu, ...", "· 12 Jan 2026").
_BULLETS = frozenset("-–—·•|")


# --------------------------------------------------------------------------- lexicon


@dataclass(frozen=True, slots=True)
class _Lexicon:
    boilerplate: tuple[re.Pattern[str], ...]
    noise: tuple[re.Pattern[str], ...]
    footer: frozenset[str]
    byline: re.Pattern[str]
    editor: re.Pattern[str]
    modified: re.Pattern[str]
    published: re.Pattern[str]
    credit: re.Pattern[str]
    agencies: dict[str, str]
    photo: re.Pattern[str]


def _label_pattern(labels: Iterable[str]) -> re.Pattern[str]:
    alternatives = "|".join(sorted((re.escape(label) for label in labels), key=len, reverse=True))
    return re.compile(rf"^(?:{alternatives})\b\s*[:.]?\s*", re.IGNORECASE)


@cache
def _lexicon() -> _Lexicon:
    text = resources.files("warta.page").joinpath("data/text_lines.yaml").read_text("utf-8")
    data: dict[str, list[str]] = yaml.safe_load(text)
    return _Lexicon(
        boilerplate=tuple(re.compile(rx, re.IGNORECASE) for rx in data["boilerplate"]),
        noise=tuple(re.compile(rx, re.IGNORECASE) for rx in data["noise"]),
        footer=frozenset(_fold(line) for line in data["footer"]),
        byline=_label_pattern(data["byline_labels"]),
        editor=_label_pattern(data["editor_labels"]),
        modified=_label_pattern(data["modified_labels"]),
        published=_label_pattern(data["published_labels"]),
        credit=re.compile(rf"^(?:{'|'.join(map(re.escape, data['credit_labels']))})\s*:\s*",
                          re.IGNORECASE),
        agencies={_fold(name): name for name in data["agencies"]},
        photo=_label_pattern(data["photo_labels"]),
    )


def _fold(text: str) -> str:
    return " ".join(text.casefold().strip(" \t:.-–—|").split())


# --------------------------------------------------------------------------- line shapes

_SEP = re.compile(r"^(?:[-–—•·|*>»]+|\d{1,2}\.?)$")
_BULLET = re.compile(r"^(?:[-–—•·*»]+|\d{1,2}[.)])\s+")
_TERMINAL = re.compile(r"[.!?…][\"'”’)\]]*(?:\s*[(\[][^()\[\]]{1,60}[)\]])?$")
_SENTENCE_BREAK = re.compile(r"[a-z0-9)\"”’][.!?]\s+[\"“A-Z]")
_STOP_BREAK = re.compile(r"[a-z0-9)\"”’]\.\s+[\"“A-Z]")
_WORD = re.compile(r"\w+")


def _words(line: str) -> int:
    return len(line.split())


_MENU_SEPARATORS = re.compile(r"\s+[|·•]\s+")


def _is_boilerplate(line: str) -> bool:
    lexicon = _lexicon()
    if _fold(line) in lexicon.footer or any(rx.search(line) for rx in lexicon.boilerplate):
        return True
    # a footer menu on one line: "Tentang Kami | Pedoman Media Siber | Kontak"
    items = _MENU_SEPARATORS.split(line)
    return len(items) > 1 and all(_fold(item) in lexicon.footer for item in items)


def _is_prose(line: str) -> bool:
    """A story-like line: sentences, not a headline or a menu item."""
    words = _words(line)
    if words < 5:
        return False
    if _TERMINAL.search(line):
        return not line.endswith(("?", "!")) or words > 20 or bool(_SENTENCE_BREAK.search(line))
    return words >= 30 or (words >= 12 and bool(_STOP_BREAK.search(line)))


def _is_headline(line: str) -> bool:
    """A headline-list item: a few words, no closing full stop, no sentence inside."""
    words = _words(line)
    if not _MIN_HEADLINE_WORDS <= words <= _MAX_HEADLINE_WORDS:
        return False
    if line.endswith(".") and not line.endswith("..."):
        return False
    return not _STOP_BREAK.search(line) or words <= 15


# --------------------------------------------------------------------------- classify


@dataclass(slots=True)
class _Line:
    text: str
    kind: Kind
    section: ListName | None = None      # heading / insert: the list it opens or feeds
    headline: str | None = None          # insert: the headline it carries
    opens_list: bool = False             # insert: bare "Baca juga:" opening a list
    names: tuple[str, ...] = ()          # byline: the writers it names
    owner: ListName | None = field(default=None)  # set when a chrome list claims the line


def _classify(texts: Sequence[str]) -> list[_Line]:
    lines = [_classify_line(text) for text in _unwrap(texts)]
    for index in range(len(lines) - 1):
        line, after = lines[index], lines[index + 1]
        if after.kind == "caption" and _is_photo_credit(after.text) \
                and line.kind in ("prose", "headline", "short"):
            line.kind = "caption"
        if _bare_label(line.text) and after.kind in ("short", "headline") \
                and _NAME.match(after.text) and _words(after.text) <= 6:
            writer = _bare_label(line.text) == "byline"
            line.kind = after.kind = "byline" if writer else "editor"
            after.names = (after.text,) if writer else ()
        if _is_bare_byline(line, after):
            line.kind, line.names = "byline", (line.text,)
    return lines


def _is_bare_byline(line: _Line, after: _Line) -> bool:
    """A name alone on its line, right above a date line that opens with a dash or bullet
    ("Galih Ramadhan" / "- Sabtu, 24 Januari 2026"): the writer's byline."""
    return (line.kind in ("short", "headline") and 2 <= _words(line.text) <= 4
            and bool(_NAME.match(line.text)) and after.kind == "date"
            and after.text[:1] in _BULLETS)


def _unwrap(texts: Sequence[str]) -> list[str]:
    """Join lines a crawler wrapped inside a paragraph (the next line goes on in lower case)."""
    out: list[str] = []
    for text in texts:
        if out and _continues(out[-1], text):
            out[-1] = f"{out[-1]} {text}"
        else:
            out.append(text)
    return out


def _continues(before: str, text: str) -> bool:
    first = text.split(maxsplit=1)[0]
    return (_words(before) >= 6 and _words(text) >= 3 and first.isalpha() and first.islower()
            and not before.endswith((".", "!", "?", ":", "\"", "”", ")"))
            and not _is_boilerplate(before) and not _is_caption(before))


def _bare_label(text: str) -> str | None:
    """"byline" / "editor" for a label alone on its line ("Reporter"), whose name follows."""
    lexicon = _lexicon()
    folded = _fold(text)
    for kind, pattern in (("byline", lexicon.byline), ("editor", lexicon.editor)):
        match = pattern.match(folded)
        if match and match.end() == len(folded):
            return kind
    return None


def _classify_line(text: str) -> _Line:
    if _SEP.match(text):
        return _Line(text, "sep")
    insert = _insert(text)
    if insert is not None and insert.section != "drop":
        return insert
    if any(rx.search(text) for rx in _lexicon().noise):
        return _Line(text, "insert", section="drop")
    section = section_of_heading(text)
    if section is not None and _words(text) <= 4:
        return _Line(text, "heading", section=section)
    meta = _meta_line(text)
    if meta is not None:
        return meta
    if insert is not None:
        return insert
    return _Line(text, _shape(text))


def _meta_line(text: str) -> _Line | None:
    """A boilerplate, caption, date, byline, editor or credit line."""
    if _is_boilerplate(text):
        return _Line(text, "boiler")
    kind = _meta_kind(text)
    if kind is not None:
        names = _byline_names(text) or () if kind in ("byline", "date") else ()
        return _Line(text, kind, names=names)
    if _is_caption(text):
        return _Line(text, "caption")
    return None


def _shape(text: str) -> Kind:
    if _is_prose(text):
        return "prose"
    return "headline" if _is_headline(text) else "short"


def _meta_kind(text: str) -> Kind | None:
    if _words(text) <= 16:
        date_kind = _date_kind(text)
        if date_kind is not None:
            return date_kind
    names = _byline_names(text)
    if names is not None:
        return "byline" if names or not _is_editor_line(text) else "editor"
    if _is_editor_line(text):
        return "editor"
    if _credit_agencies(text) is not None:
        return "credit"
    return None


def _is_editor_line(text: str) -> bool:
    return _words(text) <= 8 and bool(_lexicon().editor.match(text)) and ":" in text


# --------------------------------------------------------------------------- inserts

_READ_ALSO = re.compile(
    r"^(?:baca(?:\s+(?:juga|pula))?|simak(?:\s+juga)?|lihat(?:\s+juga)?)"
    r"\s*(?::|\s[-–]\s)\s*(.*)$", re.IGNORECASE)
_READ_ALSO_BARE = re.compile(r"^(?:baca|simak|lihat)\s+juga\s*:?$", re.IGNORECASE)
_VIDEO = re.compile(r"^(?:simak|tonton|saksikan)(?:\s+juga)?\s+video\s*:?\s*"
                    r"[\"“'‘](.+?)[\"”'’]\s*$", re.IGNORECASE)
_PICKS = re.compile(r"^pilihan\s+editor\s*:\s*(.+)$", re.IGNORECASE)


def _insert(text: str) -> _Line | None:
    """A "Baca juga" / "Pilihan Editor" / ad line, via ``classify_insert`` then local rules."""
    found = classify_insert(text)
    if found is not None and (found.kind != "drop" or _local_insert(text) is None):
        section: ListName = found.kind
        return _Line(text, "insert", section=section, headline=found.headline,
                     opens_list=found.opens_list)
    return _local_insert(text)


def _local_insert(text: str) -> _Line | None:
    if _READ_ALSO_BARE.match(text):
        return _Line(text, "insert", section="inline", opens_list=True)
    for pattern, section in ((_VIDEO, "inline"), (_PICKS, "picks"), (_READ_ALSO, "inline")):
        match = pattern.match(text)
        if match and (_words(match.group(1)) <= _MAX_HEADLINE_WORDS):
            headline = match.group(1).strip().strip("\"“”") or None
            return _Line(text, "insert", section=section,  # type: ignore[arg-type]
                         headline=headline, opens_list=headline is None)
    return None


# --------------------------------------------------------------------------- captions


def _is_photo_credit(text: str) -> bool:
    match = _lexicon().photo.match(text)
    return bool(match) and _words(text) <= 8 and not text.endswith(".")


_CAPTION_CREDIT = re.compile(
    r"(?:\b(?:foto|photo|dok|ilustrasi|sumber foto|kredit)\s*[:.]\s*\S+|©|"
    r"\b[\w.]+\.(?:com|co\.id|id)/\w+\s*$|\(\s*(?:foto|dok)[^()]*\)\s*$)", re.IGNORECASE)


def _is_caption(text: str) -> bool:
    """A photo caption or photo credit line ("... Foto: Reuters", "Ilustrasi gempa. ©2026")."""
    if _is_photo_credit(text) or is_caption(text):
        return True
    return _words(text) <= 60 and bool(_CAPTION_CREDIT.search(text))


# --------------------------------------------------------------------------- dates

_NAMED_DATE = re.compile(r"\b(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+((?:19|20)\d{2})\b")
_NAMED_DATE_US = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2}),\s+((?:19|20)\d{2})\b")
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-]((?:19|20)\d{2})\b")
_ISO_DATE = re.compile(r"\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b")
_MODIFIED_ANYWHERE = re.compile(
    r"\b(?:diperbarui|diupdate|update[d]?|dimutakhirkan|pembaruan|last updated|modified)\b",
    re.IGNORECASE)


def _find_date(text: str) -> str | None:
    """The first calendar date written in ``text`` as ISO, without dateparser."""
    found: list[tuple[int, str]] = []
    for pattern, order in ((_NAMED_DATE, "dmy"), (_NAMED_DATE_US, "mdy"),
                           (_NUMERIC_DATE, "dmy"), (_ISO_DATE, "ymd")):
        for match in pattern.finditer(text):
            iso = _iso(match.groups(), order)
            if iso:
                found.append((match.start(), iso))
                break
    return min(found)[1] if found else None


def _iso(parts: Sequence[str], order: str) -> str | None:
    values = dict(zip(order, parts, strict=True))
    month_text = values["m"]
    month = int(month_text) if month_text.isdigit() else month_number(month_text)
    day, year = int(values["d"]), int(values["y"])
    if not month or not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _date_kind(text: str) -> Kind | None:
    """"date" for a publication date line, "modified" for an update line, else None."""
    if _is_prose(text) and _words(text) > 8:
        return None
    if _lexicon().modified.match(text) or is_modified_date_line(text):
        return "modified" if _find_date(text) else None
    return "date" if _line_date(text) else None


_DATE_WORDS = re.compile(
    r"\b(?:senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad|monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday|wib|wita|wit|gmt|utc|pukul|jam)\b|"
    r"\b\d{1,2}[:.]\d{2}\b|[^\w\s]", re.IGNORECASE)
_DATE_SPANS = (_NAMED_DATE, _NAMED_DATE_US, _NUMERIC_DATE, _ISO_DATE)


def _line_date(text: str) -> str | None:
    """The publication date of a date line; an "Diperbarui ..." part is ignored.

    The line must be mostly date: besides the date, time, weekday and a label it may hold
    at most a short brand or byline ("Kompas.com - 12/01/2026", "Oleh A pada 12 Jan 2026").
    """
    head = _MODIFIED_ANYWHERE.split(text, maxsplit=1)[0].strip(" |·-–")
    if not head:
        return None
    shared = parse_date_line(head)
    if shared:
        return shared[:10]
    local = _find_date(head)
    if local is None:
        return None
    rest = _lexicon().published.sub("", head, count=1)
    for pattern in _DATE_SPANS:
        rest = pattern.sub(" ", rest)
    residue = _DATE_WORDS.sub(" ", rest)
    if _words(residue) <= 2 or _byline_names(rest.strip()) is not None:
        return local
    return None


def _dateline_date(paragraph: str) -> str | None:
    shared = find_dateline_date(paragraph)
    if shared:
        return shared
    return _find_date(paragraph[:300])


# --------------------------------------------------------------------------- bylines

_NAME = re.compile(r"^[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|bin|binti|van|de|al|el)){0,5}$")
_NAME_SPLIT = re.compile(r"\s*(?:,|&|/|\bdan\b|\band\b)\s*")
_LAPORAN = re.compile(r"^laporan\s+(?:wartawan|reporter|koresponden)\s+[^,]+,\s*(.+)$",
                      re.IGNORECASE)
_DOMAIN = re.compile(r"^[a-z][\w-]*(?:\.[a-z][\w-]*)*\.(?:com|co\.id|id|net|tv|news|co)\b",
                     re.IGNORECASE)


_LABEL_SPLIT = re.compile(r"\s+[|·•]\s+|\s*\|\s*|\s+(?=(?:Rep|Red|Editor|Redaktur|Penulis|Reporter|"
                          r"Pewarta|Fotografer)\s*:)")
_DATE_TAIL = re.compile(r"\s+(?:pada|on)\s+.*$|\s*[-–|·,]\s*(?:senin|selasa|rabu|kamis|jumat|"
                        r"sabtu|minggu|ahad|\d{1,2}[\s/]).*$", re.IGNORECASE)


def _byline_names(text: str) -> tuple[str, ...] | None:
    """Writer names of a byline line ("Penulis: A", "Oleh A dan B", "A | Suara.com").

    None when the line is no byline; () for a byline naming only editors.
    """
    if _words(text) > 16:
        return None
    shared = parse_bylines(text)
    if shared:
        return tuple(name for role, name in shared if is_writer_role(role))
    parts = [part.strip() for part in _LABEL_SPLIT.split(text) if part.strip()]
    names: list[str] = []
    found = False
    for part in parts:
        got = _byline_part(part, len(parts) > 1)
        if got is not None:
            found = True
            names.extend(got)
    return tuple(names) if found else None


def _byline_part(part: str, has_neighbours: bool) -> list[str] | None:
    lexicon = _lexicon()
    laporan = _LAPORAN.match(part)
    if laporan:
        return _names(laporan.group(1))
    if lexicon.editor.match(part) and ":" in part:
        return []
    label = lexicon.byline.match(part)
    if label and (":" in part[:label.end() + 1] or part.lower().startswith(("oleh ", "by "))):
        return _names(_DATE_TAIL.sub("", part[label.end():])) or None
    dash = re.match(r"^(.+?)\s+[-–]\s+(\S+)$", part)
    if dash and _is_brand_token(dash.group(2)):
        return _names(dash.group(1)) or None
    role = re.match(r"^(.+?),\s*(?:jurnalis|wartawan|reporter|kontributor)\b", part, re.IGNORECASE)
    if role:
        return _names(role.group(1)) or None
    if has_neighbours and _NAME.match(part) and 2 <= _words(part) <= 4:
        return [part]
    if has_neighbours and _is_brand_token(part):
        return []
    return None


def _is_brand_token(token: str) -> bool:
    return bool(_DOMAIN.match(token)) or bool(re.match(r"^[a-z]+[A-Z]\w*$", token))


def _names(value: str) -> list[str]:
    value = re.sub(r"\s*\([^()]*\)\s*$", "", value.strip())
    names = [name.strip(" .;") for name in _NAME_SPLIT.split(value)]
    return [name for name in names if name and _NAME.match(name) and _words(name) <= 6]


# --------------------------------------------------------------------------- credits

_CREDIT_TAIL = re.compile(
    r"\s*(?:\((?i:sumber|source)\s*:\s*(?P<src>[^()]{1,80})\)|"
    r"[(\[](?P<initials>[a-z]{2,6}(?:\s*/\s*[a-z]{2,8})*)[)\]]|"
    r"\((?P<agency>[A-Za-z ]{2,20}(?:\s*/\s*[A-Za-z ]{2,20})*)\))\s*$")


def _agency_list(text: str) -> tuple[str, ...]:
    items = [item.strip(" .;") for item in re.split(r"\s*(?:,|/|&|\bdan\b|\band\b)\s*", text)]
    return tuple(item for item in items if item)


def _credit_agencies(text: str) -> tuple[str, ...] | None:
    """Agencies of a stand-alone credit line ("Sumber : Antara, Reuters"), or None."""
    shared = parse_credit_line(text)
    if shared is not None:
        return shared
    match = _lexicon().credit.match(text)
    if not match or _words(text) > 12 or text.rstrip().endswith("."):
        return None
    items = _agency_list(text[match.end():])
    if not items or any(_words(item) > 4 or not item[:1].isupper() for item in items):
        return None
    return items


def _strip_tail(paragraph: str) -> tuple[str, tuple[str, ...]]:
    """Remove a credit tail; return the paragraph and the agencies it names.

    ``strip_credit_tail`` is trusted when it names agencies or when what it removed is a
    credit by the local pattern (so a closing "(PMI)" abbreviation stays in the story).
    """
    head, agencies = strip_credit_tail(paragraph)
    if head != paragraph and (agencies or _CREDIT_TAIL.search(paragraph[len(head):])):
        return head, agencies
    match = _CREDIT_TAIL.search(paragraph)
    if match is None:
        return paragraph, ()
    head = paragraph[:match.start()].rstrip()
    if match.group("agency") is not None:
        items = _agency_list(match.group("agency"))
        known = _lexicon().agencies
        if not items or any(_fold(item) not in known for item in items):
            return paragraph, ()
        return head, tuple(known[_fold(item)] for item in items)
    return head, _agency_list(match.group("src")) if match.group("src") else ()


# --------------------------------------------------------------------------- datelines

_OUTLET_DOMAIN = r"[A-Za-z][\w-]*(?:\.[A-Za-z][\w-]*)*\.(?:com|co\.id|id|net|tv|news|co)"
_PLACE = r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}"
_DASH = r"\s*[-–—]{1,2}\s+"
_DATELINES = (
    re.compile(rf"^(?:{_PLACE}\s*,\s*)?(?P<outlet>{_OUTLET_DOMAIN})(?:\s*,\s*{_PLACE})?{_DASH}",
               re.IGNORECASE),
    re.compile(rf"^{_PLACE}\s*\((?P<outlet>[A-Za-z][\w.]*(?:\s[A-Z]\w*)?)\){_DASH}"),
    re.compile(rf"^{_PLACE}\s*,\s*(?P<outlet>[A-Z][\w.]*(?:\s[A-Z][\w.]*)?){_DASH}"),
    re.compile(r"^(?P<place>[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,2})" + _DASH),
    re.compile(r"^(?P<place>[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2})\s+[-–—]{1,2}\s+(?=[\"“A-Z])"),
)


def _strip_dateline(paragraph: str) -> tuple[str, str | None]:
    """Remove a leading dateline; return the rest and the outlet it names, if any."""
    rest, dateline = strip_dateline(paragraph)
    if dateline is not None and rest != paragraph:
        return rest, dateline.outlet
    for pattern in _DATELINES:
        match = pattern.match(paragraph)
        if match and match.end() < len(paragraph) // 2:
            outlet = match.groupdict().get("outlet")
            return paragraph[match.end():], outlet
    return paragraph, None


def _has_dateline(text: str) -> bool:
    return _strip_dateline(text)[0] != text


# --------------------------------------------------------------------------- chrome


def _collect_chrome(lines: list[_Line]) -> dict[str, list[str]]:
    """Fill the chrome lists from headings and inserts; mark the lines they claim."""
    out: dict[str, list[str]] = {name: [] for name in ("inline", "related", "popular",
                                                        "picks", "latest")}
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if line.kind == "heading" and line.section is not None:
            index = _take_list(lines, index, line.section, out)
        elif line.kind == "insert" and line.section is not None:
            if line.headline and line.section in out:
                out[line.section].append(line.headline)
            if line.opens_list:
                index = _take_list(lines, index, line.section, out)
    return out


_RELATIVE_TIME = re.compile(
    r"^\d+\s+(?:detik|menit|jam|hari|minggu|pekan|bulan)\s+(?:yang\s+)?lalu$", re.IGNORECASE)


def _take_list(lines: list[_Line], start: int, target: ListName,
               out: dict[str, list[str]]) -> int:
    """Claim the headline lines from ``start`` for ``target``; return the index after them."""
    separated: bool | None = None
    pending = False
    index = start
    claimed: list[int] = []
    while index < len(lines):
        line = lines[index]
        if line.kind == "sep" or (claimed and _is_stamp(lines, index)):
            separated = True if separated is None and line.kind == "sep" else separated
            pending, line.owner, index = line.kind == "sep" or pending, target, index + 1
            continue
        item = _list_item(line)
        if item is None or (separated and not pending):
            break
        separated = False if separated is None else separated
        claimed.append(index)
        pending, line.owner, index = False, target, index + 1
    if not separated and len(claimed) > 1 and claimed[-1] == index - 1 \
            and index < len(lines) and lines[index].kind in ("date", "byline", "caption"):
        lines[claimed.pop()].owner = None   # the story's headline right below a list
    if target in out:
        out[target].extend(_list_item(lines[i]) or "" for i in claimed)
    return index


def _is_stamp(lines: list[_Line], index: int) -> bool:
    """A time stamp under a list item, followed by another item."""
    line = lines[index]
    stamp = line.kind == "date" or bool(_RELATIVE_TIME.match(line.text))
    return stamp and index + 1 < len(lines) and _list_item(lines[index + 1]) is not None


def _list_item(line: _Line) -> str | None:
    if line.kind not in ("headline", "prose", "short"):
        return None
    text = _BULLET.sub("", line.text).strip()
    if text != line.text.strip() and _is_headline(text):
        return text
    if line.kind == "prose" and (not _is_headline(text) or _words(text) > 20):
        return None
    return text if _is_headline(text) and not _is_boilerplate(text) else None


# --------------------------------------------------------------------------- story

_BREAK_KINDS = frozenset({"boiler", "date", "modified", "byline", "editor"})


def _blocks(lines: list[_Line]) -> list[list[int]]:
    """Runs of unclaimed prose lines joined across short bridgeable gaps."""
    blocks: list[list[int]] = []
    current: list[int] = []
    gap = 0
    for index, line in enumerate(lines):
        if line.kind == "prose" and line.owner is None:
            if current and gap > _MAX_GAP_LINES:
                blocks.append(current)
                current = []
            current.append(index)
            gap = 0
        elif current and _breaks(line):
            blocks.append(current)
            current, gap = [], 0
        elif current and line.kind != "sep":
            gap += 1
    if current:
        blocks.append(current)
    return blocks


def _breaks(line: _Line) -> bool:
    """Lines that end a story: bylines, date lines, footers, tag and comment widgets."""
    if line.kind == "heading":
        return line.section == "ignored"
    return line.kind in _BREAK_KINDS and line.owner is None


def _with_short_sentences(lines: list[_Line], block: list[int]) -> list[int]:
    """Add the short unclaimed sentences ("Berikut ulasannya.") between story paragraphs."""
    inside = range(block[0], block[-1] + 1)
    return [i for i in inside if i in block or (
        lines[i].owner is None and lines[i].kind in ("short", "headline")
        and _words(lines[i].text) >= 2 and _TERMINAL.search(lines[i].text) is not None
        and not lines[i].text.endswith(("?", "!")))]


def _story_lines(lines: list[_Line]) -> list[int]:
    """Indexes of the story's paragraphs: the biggest block, from its dateline on."""
    scored = [(sum(_words(lines[i].text) for i in block), block) for block in _blocks(lines)]
    if not scored:
        return []
    words, block = max(scored, key=lambda item: item[0])
    if words < _MIN_STORY_WORDS and len(block) < 2:
        return []
    if _is_index_page(lines, block):
        return []
    for position, index in enumerate(block):
        if _has_dateline(lines[index].text):
            return _with_short_sentences(lines, block[position:])
    return _with_short_sentences(lines, block)


def _is_index_page(lines: list[_Line], block: list[int]) -> bool:
    """Teasers under stand-alone headlines (a home or index page), not one story."""
    if len(block) < 3:
        return False
    loose = sum(1 for i in range(block[0], block[-1])
                if lines[i].kind == "headline" and lines[i].owner is None)
    return loose >= 3 and loose * 2 >= len(block)


# --------------------------------------------------------------------------- metadata


def _find_title(lines: list[_Line], start: int) -> str | None:
    """The headline line above the story: the nearest title-like unclaimed line."""
    for index in range(start - 1, max(-1, start - 1 - _TITLE_LOOKBACK), -1):
        line = lines[index]
        if line.owner is not None or line.kind == "heading":
            return None
        if line.kind == "headline" and _words(line.text) >= 4 and _title_case(line.text):
            return line.text
    return None


def _title_case(text: str) -> bool:
    """Headline capitalisation: starts upper-case and is not a lower-case label."""
    first = _WORD.search(text)
    return first is not None and (first.group()[0].isupper() or first.group()[0].isdigit())


def _published(lines: list[_Line], story: list[int]) -> str | None:
    start = story[0] if story else len(lines)
    header = [line for line in lines[:start] if line.kind == "date" and line.owner is None]
    if header:
        return _line_date_time(header[-1].text)
    if story:
        found = _dateline_date(lines[story[0]].text)
        if found:
            return found
    rest = [line for line in lines[start:] if line.kind == "date" and line.owner is None]
    return _line_date_time(rest[0].text) if rest else None


def _line_date_time(text: str) -> str | None:
    """The publication date of a date line with its time of day when the line gives one."""
    return with_time(_line_date(text), _MODIFIED_ANYWHERE.split(text, maxsplit=1)[0])


def _authors(lines: list[_Line]) -> list[str]:
    names: list[str] = []
    for line in lines:
        if line.owner is None:
            names.extend(name for name in line.names if name not in names)
    return names


_COPYRIGHT = re.compile(r"(?:©|copyright)\s*(?:copyright\s*)?(?:\d{4}\s*)?(?P<name>.+)",
                        re.IGNORECASE)
_RIGHTS = re.compile(r"\b(?:copyright|rights? reserved|hak cipta)\b", re.IGNORECASE)


def _copyright_brand(lines: list[_Line]) -> str | None:
    for line in lines:
        match = _COPYRIGHT.search(line.text)
        if match and line.kind == "boiler" and _RIGHTS.search(line.text):
            brand = _brand_of(match.group("name"))
            if brand:
                return brand
    return None


def _first_line_brand(lines: list[_Line]) -> str | None:
    first = lines[0].text if lines else ""
    if _words(first) > 3 or _is_boilerplate(first) or section_of_heading(first) is not None:
        return None
    return first if _words(first) <= 2 and not _DOMAIN.search(first) else _brand_of(first)


def _byline_brand(lines: list[_Line]) -> str | None:
    """The brand a byline ends with ("Aldi Firmansyah | Suara.com", "A - detikNews")."""
    for line in lines:
        if line.kind == "byline" and line.owner is None:
            last = re.split(r"\s+[-–|]\s+|\s*\|\s*", line.text)[-1].strip()
            if last != line.text and _is_brand_token(last):
                return last
    return None


def _brand_of(text: str) -> str | None:
    for token in text.replace(",", " ").split():
        token = token.strip(".-–")
        if _DOMAIN.match(token):
            return token
    words = [word for word in text.replace(",", " ").split()
             if word.isalpha() and word.casefold() not in ("pt", "all", "copyright", "rights")]
    return words[0] if words else None


def _normalize(name: str) -> str:
    shared = normalize_outlet(name)
    if shared != name.strip():
        return shared
    name = name.strip()
    if name.isupper():
        return name[:1] + name[1:].lower()
    return name


# --------------------------------------------------------------------------- assembly


@dataclass(slots=True)
class _Body:
    paragraphs: list[str] = field(default_factory=list)
    wire: list[str] = field(default_factory=list)
    outlet: str | None = None


def _clean_body(lines: list[_Line], story: list[int]) -> _Body:
    body = _Body()
    for position, index in enumerate(story):
        text = lines[index].text
        if position == 0:
            text, body.outlet = _strip_dateline(text)
        text, agencies = _strip_tail(text)
        body.wire.extend(a for a in agencies if a not in body.wire)
        if text.strip():
            body.paragraphs.append(text.strip())
    return body


def _wire(lines: list[_Line], story: list[int], body: _Body, outlet: str | None) -> list[str]:
    wire = list(body.wire)
    start, end = (story[0], story[-1]) if story else (0, 0)
    for index in range(start, len(lines)):
        line = lines[index]
        if line.kind == "credit" and line.owner is None:
            wire.extend(a for a in _credit_agencies(line.text) or () if a not in wire)
        if line.kind == "heading" and index > end:
            break
    key = _brand_key(outlet)
    return [agency for agency in wire if not key or _brand_key(agency) != key]


def _brand_key(name: str | None) -> str:
    text = (name or "").casefold()
    text = re.sub(r"^www\.|\.(?:com|co\.id|id|net|tv|news)$", "", text)
    return "".join(char for char in text if char.isalnum())


def _outlet(page: Page, lines: list[_Line], body: _Body) -> str | None:
    """The site's brand: a copyright domain, the dateline, a copyright name, the top line.

    A copyright or top-line domain beats the dateline because a republished story keeps its sister
    site's dateline ("TRIBUN-TIMUR.COM") on the publishing site's page.
    """
    copyright_brand = _copyright_brand(lines)
    first = _first_line_brand(lines)
    domains = [brand for brand in (copyright_brand, first) if brand and _DOMAIN.match(brand)]
    if domains:
        name: str | None = domains[0]
    elif body.outlet and (agency := agency_name(body.outlet)):
        # "Semarang (Reuters) -" under another site's name: the site carries the agency's
        # copy, so its own brand is the outlet; the dateline names the outlet only alone
        name = copyright_brand or _byline_brand(lines) or first
        if name is None:
            return agency
    else:
        name = body.outlet or copyright_brand or _byline_brand(lines) or first
    if name is None and page.url:
        name = outlet_from_host(page.url)
    return _normalize(name) if name else None


def _chrome(lists: dict[str, list[str]]) -> Chrome:
    return Chrome(**{name: tuple(_dedupe(items)) for name, items in lists.items()})


def _dedupe(items: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen


def extract_text(page: Page) -> tuple[Article, Chrome]:
    """Article and chrome lists of a page saved as visible text."""
    texts = [" ".join(raw.split()) for raw in page.text.splitlines()]
    lines = _classify([text for text in texts if text])
    lists = _collect_chrome(lines)
    story = _story_lines(lines)
    body = _clean_body(lines, story)
    outlet = _outlet(page, lines, body)
    title = _find_title(lines, story[0]) if story else None
    article = Article(
        title=title,
        body=tuple(body.paragraphs),
        published=_published(lines, story),
        outlet=outlet,
        wire_sources=tuple(_wire(lines, story, body, outlet)),
        authors=clean_authors(_authors(lines), outlet=outlet),
    )
    return article, _chrome(lists)
