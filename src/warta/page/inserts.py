"""Inline inserts inside the story: "Baca juga", "ADVERTISEMENT", captions, pagination.

Marker words live in ``data/inserts.yaml``; agencies (for photo credits) in
``data/datelines.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Literal

import yaml

from warta.page.dateline import agency_name, strip_credit_tail
from warta.page.outlet import known_outlet

InsertKind = Literal["inline", "picks", "drop"]


@dataclass(frozen=True, slots=True)
class Insert:
    """A line that is not story text.

    ``kind`` is the chrome list it feeds ("inline", "picks") or "drop" for noise (ads,
    captions, pagination). ``headline`` is the linked headline when the line carries one;
    ``opens_list`` is True for a bare "Baca Juga:" whose headlines follow on the next lines.
    """

    kind: InsertKind
    headline: str | None = None
    opens_list: bool = False


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+")
                    for w in sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True, slots=True)
class _Rules:
    read_also: re.Pattern[str]
    read_also_glued: re.Pattern[str]
    picks: re.Pattern[str]
    video_titled: re.Pattern[str]
    video_bare: re.Pattern[str]
    drop_lines: frozenset[str]
    drop_prefix: re.Pattern[str]
    byline: re.Pattern[str]
    roles: dict[str, str]
    writer_roles: frozenset[str]


_QUOTED = r"[\"“”'‘’]"
_SEP = r"\s*[:：]\s*|\s+[-–—]\s+"


@cache
def _rules() -> _Rules:
    text = resources.files("warta.page").joinpath("data/inserts.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    read_also = [str(w) for w in data["read_also"]]
    glued = [w for w in read_also if " " in w]
    video = _alternation([str(w) for w in data["video"]])
    picks = _alternation([str(w) for w in data["picks"]])
    roles = {" ".join(str(k).casefold().split()): str(v) for k, v in data["bylines"].items()}
    return _Rules(
        read_also=re.compile(rf"^(?:{_alternation(read_also)})(?:(?:{_SEP})(?P<h>.*)|\s*)$",
                             re.IGNORECASE | re.DOTALL),
        read_also_glued=re.compile(rf"^(?i:{_alternation(glued)})\s*(?P<h>[A-Z0-9\"“'‘].*)$",
                                   re.DOTALL),
        picks=re.compile(rf"^(?:{picks})(?:{_SEP})(?P<h>.+)$",
                         re.IGNORECASE | re.DOTALL),
        video_titled=re.compile(
            rf"^(?:{video})\s*:?\s*{_QUOTED}(?P<h>.+?){_QUOTED}\s*[:.]?\s*$",
            re.IGNORECASE | re.DOTALL),
        video_bare=re.compile(rf"^(?:{video})\b(?:\s+\w+){{0,6}}\s*[:.!]?\s*$", re.IGNORECASE),
        drop_lines=frozenset(" ".join(str(w).casefold().split()) for w in data["drop_lines"]),
        drop_prefix=re.compile(rf"^(?:{_alternation([str(w) for w in data['drop_prefixes']])})",
                               re.IGNORECASE),
        byline=re.compile(rf"^(?P<role>{_alternation(list(roles))})\b\s*(?P<colon>[:：])?\s*"
                          r"(?P<name>[^|·•]*?)\s*(?=$|[|·•])", re.IGNORECASE),
        roles=roles,
        writer_roles=frozenset(str(r) for r in data["writer_roles"]),
    )


# --- bylines -----------------------------------------------------------------------------

_NAME_WORD = r"(?:[A-Z][\w'’.\-]*|[a-z]{1,4}|[A-Z]\.)"
_NAME = re.compile(rf"^{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,7}}$")
_NAMES = re.compile(rf"^{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,7}}"
                    rf"(?:\s*(?:,|;|&|\bdan\b)\s*{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,7}}){{0,5}}$")
_LAPORAN = re.compile(r"^laporan\s+(?:wartawan|reporter|koresponden|kontributor|jurnalis)\s+"
                      r"(?P<outlet>[^,]{1,60}?)\s*,\s*(?P<name>[^,]{2,60})$", re.IGNORECASE)


_OUTLET_BYLINE = re.compile(rf"^(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,6}})\s+[-–—|]\s+"
                            r"(?P<outlet>[\w.\-]+(?:\s[\w.\-]+)?)$")
_ROLE_AFTER = re.compile(rf"^(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,6}})\s*,\s*"
                         r"(?P<role>jurnalis|wartawan|reporter|kontributor|koresponden)$",
                         re.IGNORECASE)


def _byline_parts(line: str) -> list[tuple[str, str]]:
    rules = _rules()
    text = " ".join(line.split()).strip(" |·•")
    if not text or len(text) > 160:
        return []
    laporan = _LAPORAN.match(text)
    if laporan is not None:
        return [("Laporan Wartawan", laporan.group("name").strip(" ."))]
    outlet_byline = _OUTLET_BYLINE.match(text)
    if outlet_byline is not None and known_outlet(outlet_byline.group("outlet")) is not None:
        return [("Penulis", outlet_byline.group("name"))]
    out: list[tuple[str, str]] = []
    for segment in re.split(r"\s*[|·•]\s*", text):
        if not segment:
            continue
        role_after = _ROLE_AFTER.match(segment)
        if role_after is not None:
            role = rules.roles[role_after.group("role").casefold()]
            out.append((role, role_after.group("name")))
            continue
        match = rules.byline.match(segment)
        if match is None or match.end() != len(segment):
            return out if out else []
        name = match.group("name").strip(" .,")
        if not name:
            return out if out else []
        # without a colon the name must look like a name ("Penulis Galih Prasetyo")
        if match.group("colon") is None and not _NAMES.match(name):
            return out if out else []
        if match.group("colon") is not None and len(name) > 80:
            return out if out else []
        role = rules.roles[" ".join(match.group("role").casefold().split())]
        out.append((role, name))
    return out


def parse_bylines(line: str) -> tuple[tuple[str, str], ...]:
    """Every (role, name) of a byline line ("Penulis: A | Editor: B"), or () for other lines."""
    return tuple(_byline_parts(line))


def parse_byline(line: str) -> tuple[str, str] | None:
    """(role, name) of a byline line ("Reporter: Hana Pertiwi" → ("Reporter", "Hana Pertiwi"))."""
    parts = _byline_parts(line)
    return parts[0] if parts else None


def is_writer_role(role: str) -> bool:
    """True for roles whose names are authors (Penulis, Reporter, ...), False for editors."""
    return role in _rules().writer_roles


# --- captions ----------------------------------------------------------------------------

_COPYRIGHT = re.compile(r"©|\(c\)\s*\d{4}|\bcopyright\b", re.IGNORECASE)
_PAREN_END = re.compile(r"\((?P<body>[^()]{2,120})\)\s*\.?\s*$")
_FOTO_WORD = re.compile(r"^(?:foto|photo|dok(?:umentasi)?|doc|ist(?:imewa)?|ilustrasi|"
                        r"sumber\s+foto|image|gambar|screenshot|tangkapan\s+layar|antara\s+foto)\b",
                        re.IGNORECASE)
_FOTO_TAIL = re.compile(r"(?:^|[.!?\"”)]\s+|\s[-–—|]\s+)"
                        r"(?P<credit>(?:(?:foto|photo|dok(?:umentasi)?|sumber\s+foto|ilustrasi)"
                        r"\s*[:/]|dok\.)\s*[^!?]{1,80}?)\s*$",
                        re.IGNORECASE)
_ILLUSTRATION = re.compile(r"^ilustrasi\b(?!\s+(?:menjadi|adalah|merupakan|yang|ini|itu|juga|dapat|"
                           r"bisa|tersebut|karya|buatan|dibuat|digunakan)\b)", re.IGNORECASE)
_SLASH_TAIL = re.compile(r"(?:^|[.!?\"”)]\s+|\s)(?P<src>(?i:antara\s+foto)|[A-Za-z][\w.\-]*)"
                         r"\s*/\s*(?P<who>[@A-Za-z][\w.@'’\- ]{0,40})\s*$")


def _is_photo_source(src: str) -> bool:
    key = src.strip(" .")
    if _FOTO_WORD.match(key):
        return True
    if "." in key and known_outlet(key) is not None:
        return True
    if re.fullmatch(r"[A-Za-z0-9-]+(?:\.[A-Za-z]{2,6}){1,2}", key):
        return True
    return agency_name(key) is not None


def _paren_credit(body: str) -> bool:
    text = body.strip()
    if _FOTO_WORD.match(text) and re.match(r"^\w+(?:\s+\w+)?\s*[:/.]", text):
        return True
    if "/" not in text:
        return False
    src, _, who = text.partition("/")
    who = who.strip()
    if not who or not _is_photo_source(src):
        return False
    # "(Reuters/AFP)" and "(Antara/ast)" are story credits, not photo credits
    return agency_name(who) is None and not re.fullmatch(r"[a-z]{1,8}", who)


def _short_credit(credit: str) -> bool:
    """"Foto: Biro Pers" is a credit; "FOTO: Upacara Penyambutan ... di Ankara" a headline."""
    who = re.split(r"[:/]", credit, maxsplit=1)[-1]
    return "/" in credit or len(who.split()) <= 5 or bool(re.match(r"\s*dok", who, re.I))


# "... di pekan keempat. /MPL Indonesia": a finished sentence, then a slash and the source.
_SENTENCE_THEN_SLASH_CREDIT = re.compile(r"[.!?][\"”’]?\s+/\s*[A-Z][\w .&'’-]{1,40}$")


def is_caption(line: str) -> bool:
    """True for a photo caption or a photo-credit line ("Foto: X/JPNN.com", "... © Instagram")."""
    text = " ".join(line.split())
    if not text or len(text) > 600:
        return False
    if _COPYRIGHT.search(text):
        return True
    paren = _PAREN_END.search(text)
    if paren is not None and _paren_credit(paren.group("body")):
        return True
    if _ILLUSTRATION.match(text) and len(text.split()) <= 10:
        return True
    if _SENTENCE_THEN_SLASH_CREDIT.search(text):
        return True
    foto = _FOTO_TAIL.search(text)
    if foto is not None and _short_credit(foto.group("credit")):
        return True
    slash = _SLASH_TAIL.search(text)
    if slash is not None and _is_photo_source(slash.group("src")):
        who = slash.group("who").strip()
        if agency_name(who) is None and not re.fullmatch(r"[a-z]{1,8}", who):
            return True
    return False


# --- inserts -----------------------------------------------------------------------------

_PAGINATION = re.compile(
    r"^(?:(?:halaman|laman|page|hal\.?)\s*:?\s*)?"
    r"(?:[«‹<]\s*)?(?:(?:sebelumnya|prev(?:ious)?)\b\s*)?"
    r"(?:\d{1,3}\b(?:\s*(?:dari|of|/)\s*\d{1,3}\b)?\s*|\.\.\.\s*)*"
    r"(?:(?:selanjutnya|berikutnya|next|lanjut|sebelumnya)\b\s*)?[»›>]?\s*$",
    re.IGNORECASE)
_HAS_DIGIT_OR_WORD = re.compile(r"\d|selanjutnya|berikutnya|next|sebelumnya|lanjut", re.IGNORECASE)
_GAMBAS = re.compile(r"^\[\s*gambas\s*:[^\]]*\]$", re.IGNORECASE)
_SUMBER = re.compile(r"^(?:sumber|source)\s*:", re.IGNORECASE)
_TRIM = re.compile(r"^[\s*•·\-–—>»]+|[\s]+$")
_KEY_TRIM = re.compile(r"^[\W_]+|[\W_]+$")


def _clean_headline(text: str) -> str | None:
    head = " ".join(text.split()).strip()
    if len(head) >= 2 and head[0] in "\"“'‘" and head[-1] in "\"”'’":
        head = head[1:-1].strip()
    return head or None


def _is_pagination(text: str) -> bool:
    return len(text) <= 60 and bool(_HAS_DIGIT_OR_WORD.search(text)) \
        and bool(_PAGINATION.match(text)) \
        and (not text.strip().isdigit() or len(text.strip()) <= 2)


def classify_insert(line: str) -> Insert | None:
    """Return the insert a paragraph or line is, or None when it is story text.

    Stand-alone credit lines ("Sumber: Reuters, AFP", "(Reuters)") and byline lines come back
    as "drop": read their agencies with ``dateline.parse_credit_line`` and their names with
    ``parse_bylines`` before dropping them.
    """
    text = _TRIM.sub("", " ".join(line.split()))
    if not text:
        return None
    rules = _rules()
    key = " ".join(_KEY_TRIM.sub("", text).casefold().split())
    if key in rules.drop_lines or _GAMBAS.match(text):
        return Insert("drop")
    video = rules.video_titled.match(text)
    if video is not None:
        return Insert("inline", _clean_headline(video.group("h")))
    picks = rules.picks.match(text)
    if picks is not None:
        return Insert("picks", _clean_headline(picks.group("h")))
    read = rules.read_also.match(text) or rules.read_also_glued.match(text)
    if read is not None:
        headline = _clean_headline(read.group("h") or "")
        return Insert("inline", headline, opens_list=headline is None)
    if rules.video_bare.match(text) or rules.drop_prefix.match(text):
        return Insert("drop")
    if _SUMBER.match(text) and len(text) <= 200:
        return Insert("drop")
    if _is_pagination(text):
        return Insert("drop")
    if text[0] in "([" and not strip_credit_tail(text)[0]:
        return Insert("drop")       # a credit tail on its own line: "(dna/wis)"
    if _byline_parts(text):
        return Insert("drop")
    if is_caption(text):
        return Insert("drop")
    return None
