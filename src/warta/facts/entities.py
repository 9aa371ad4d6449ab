"""Fact component: people (PER), organisations (ORG), countries/cities (GPE) and other places
(LOC) named in the story, every mention grouped into one entity.

Rule-based and fast. Each paragraph (the headline is paragraph 0) is cut into tokens;
capitalised runs (with Indonesian name connectors: bin, binti, van, de, al-, and "dan"
inside organisation names) are candidate spans. A span is read by its head word
(organisation heads, place heads, offices, from ``data/offices.yaml``), by the gazetteers
(``places``: countries, cities, provinces, institutions) and by its context (a role or
title before it, a speech verb around it, "berinisial" before initials). Mentions are then
grouped: full names with their later short forms, abbreviations with their expansions,
headquarters forms with the police unit, bare place names with their "Kabupaten ..." form.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Literal

import yaml

from warta.facts.document import FactsDoc, Mention
from warta.facts.places import (
    Place,
    countries_of_region,
    find_institution,
    find_institution_exact,
    find_place,
    is_city_only,
    is_country,
    is_listed,
    strip_admin_head,
)
from warta.models import Entity

EntityType = Literal["PER", "ORG", "GPE", "LOC"]
DATA = Path(__file__).with_name("data")
_TOKEN = re.compile(r"\w+(?:[-'’./&]\w+)*|\S", re.UNICODE)
_CONNECTORS = frozenset({"bin", "binti", "van", "de", "der", "den", "von", "al", "el", "da",
                         "dos", "das", "do", "del", "della", "du", "des", "la", "le", "of",
                         "and", "the", "for", "bte"})
_SPEECH = frozenset({"kata", "ujar", "ucap", "tutur", "jelas", "ungkap", "terang", "tegas",
                     "imbuh", "tambah", "sebut", "papar", "lanjut", "katanya", "menurut",
                     "mengatakan", "menyatakan", "menjelaskan", "menegaskan", "mengungkapkan",
                     "menuturkan", "menambahkan", "menyebutkan", "memaparkan", "berkata",
                     "mengaku", "menilai", "meminta", "mengimbau", "menerangkan", "bilang"})
_INITIALS_CUES = frozenset({"inisial", "berinisial", "tersangka", "pelaku", "terduga",
                            "korban", "sdr", "saudara", "tahanan", "terdakwa", "bernama"})
_PLACE_CUES = frozenset({"di", "ke", "dari", "kawasan", "wilayah", "daerah", "menuju",
                         "asal", "kota", "provinsi", "kabupaten", "desa", "kecamatan"})
_PLACE_PREPOSITIONS = frozenset({"di", "ke", "menuju", "dikawasan", "sekitar"})
_COMPASS = frozenset({"barat", "timur", "utara", "selatan", "tengah", "tenggara", "daya",
                      "laut"})
# Lower-case nouns that name what kind of organisation the capitalised word after is
# ("perusahaan Nexora", "klub Persija", "maskapai Lion", "pihak Grab").
_ORG_CUES = frozenset({
    "perusahaan", "klub", "partai", "bank", "maskapai", "produsen", "pabrikan", "tim", "pihak",
    "kubu", "operator", "emiten", "grup", "raksasa", "startup", "vendor", "korporasi",
    "konsorsium", "perseroan", "situs", "portal", "media", "majalah", "harian", "koran",
    "stasiun", "televisi", "kantor", "lembaga", "organisasi", "ormas", "yayasan", "saham",
    "skuad", "perwakilan", "manajemen", "pengembang", "distributor", "kontraktor",
    "penerbit", "studio", "label", "agensi", "bumn", "anak"})
# Words after a name at a sentence's start that make it the doer of a clause
# ("Jonan mengatakan ...", "Risma sebenarnya tidak ...").
_CLAUSE_AFTER = frozenset({
    "juga", "pun", "telah", "sudah", "akan", "masih", "sempat", "lantas", "kemudian", "lalu",
    "tidak", "tak", "belum", "pernah", "sebenarnya", "memang", "langsung", "kini", "bahkan",
    "mengaku", "ingin", "berharap", "menjadi", "adalah", "merupakan", "baru", "yang"})
_NATIONALITY_CUES = frozenset({"asal", "kewarganegaraan", "berkewarganegaraan", "wn",
                               "negara", "berpaspor", "kebangsaan"})
_VERBISH = re.compile(r"(?:me|di|ber|ter|men|mem|meng)\w{2,}|diguyur|dilanda")
_ROMAN = re.compile(r"(?:I{1,3}|IV|VI{0,3}|IX|X{1,2}I{0,3})")
_UNIT_NUMERAL = re.compile(r"[IVXL]{1,6}")   # "Kodam XVII/...": a unit's Roman number
_REGION_WORDS = frozenset({"kawasan", "wilayah", "daerah"})
# "patroli militer Ekuador", "helikopter militer Peru": the army's equipment or unit, not
# the army as an organisation
_MILITARY_GEAR = frozenset({
    "patroli", "helikopter", "pesawat", "kendaraan", "kapal", "pos", "pangkalan", "operasi",
    "latihan", "konvoi", "truk", "jet", "drone", "unit", "satuan", "markas", "fasilitas",
    "sumber", "target", "sasaran", "aksi", "kekuatan", "tank", "seragam", "rudal", "armada"})
_SITE = re.compile(r"[A-Z][A-Za-z0-9]+(?:\.co)?\.(?:com|id|net|org|co|tv|news)")
_ACTIVE_VERB = re.compile(r"(?:mem|men|meng|meny|me)\w{4,}")
_COMPANY_HEADS = frozenset({"PT", "CV", "Pt"})
_ROUTE_HEADS = frozenset({"jalan", "jl", "jln", "tol", "gerbang", "jembatan", "simpang", "bandara",
                          "bandar", "stasiun", "terminal", "pelabuhan", "jalur", "ruas"})
_HQ_PREFIX = "ma"   # Mapolda, Mapolres, Mapolrestabes, Makodam: the unit's headquarters
_LOWER_ORG = {"kementerian": 3, "kementrian": 3, "kedutaan": 1, "angkatan": 2,
              "parlemen": 0, "militer": 0, "pemerintah": 0, "kepolisian": 0,
              "kemenhan": 0, "kemenlu": 0, "kemhan": 0, "kemlu": 0, "kedubes": 0}
_CALENDAR = frozenset({
    "senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu", "ahad", "januari",
    "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september", "oktober",
    "november", "desember", "wib", "wita", "wit"})


# --- Lexicon ---------------------------------------------------------------------------

Phrase = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Phrases:
    """Lower-cased multi-word phrases, matched longest first at a token position."""

    by_first: dict[str, tuple[Phrase, ...]]

    @classmethod
    def of(cls, items: Iterable[str]) -> Phrases:
        table: dict[str, list[Phrase]] = {}
        for item in items:
            words = tuple(item.casefold().replace(".", "").split())
            if words:
                table.setdefault(words[0], []).append(words)
        return cls({k: tuple(sorted(v, key=len, reverse=True)) for k, v in table.items()})

    def match(self, words: Sequence[str], at: int = 0, end: int | None = None) -> int:
        """Length of the longest phrase starting at ``at`` and ending by ``end`` (0 when
        none)."""
        if at >= len(words):
            return 0
        phrases = self.by_first.get(words[at])
        if phrases is None:
            return 0
        limit = len(words) if end is None else min(end, len(words))
        for phrase in phrases:
            size = len(phrase)
            if at + size <= limit and (size == 1 or tuple(words[at:at + size]) == phrase):
                return size
        return 0

    def words(self) -> frozenset[str]:
        return frozenset(w for group in self.by_first.values() for p in group for w in p)


@dataclass(frozen=True, slots=True)
class Lexicon:
    offices: Phrases
    ranks: frozenset[str]
    org_heads: Phrases
    gpe_heads: Phrases
    loc_heads: Phrases
    non_entity: Phrases
    org_tails: frozenset[str]
    loc_tails: frozenset[str]
    stopwords: frozenset[str]
    role_words: frozenset[str]
    opaque_heads: frozenset[str]
    non_entity_tails: frozenset[str]
    natural_heads: frozenset[str]
    place_nouns: frozenset[str]
    common_word_places: frozenset[str]
    thing_nouns: frozenset[str]
    culture_nouns: frozenset[str]
    compound_given: frozenset[str]
    lone_ranks: frozenset[str]   # ranks written alone ("AKBP"), not corps words ("TNI", "Pol")


@cache
def lexicon() -> Lexicon:
    raw = yaml.safe_load((DATA / "offices.yaml").read_text(encoding="utf-8"))
    offices = Phrases.of(raw["offices"])
    ranks = frozenset(w.casefold() for item in raw["ranks"] for w in item.split())
    heads = [Phrases.of(raw[key]) for key in ("org_heads", "gpe_heads", "loc_heads")]
    role_words = offices.words() | heads[0].words() | frozenset(raw["role_words"].split())
    return Lexicon(offices, ranks, heads[0], heads[1], heads[2],
                   Phrases.of(raw["non_entity_heads"]),
                   frozenset(w.casefold() for w in raw["org_tails"]),
                   frozenset(w.casefold() for w in raw["loc_tails"]),
                   frozenset(raw["stopwords"].split()) | _CALENDAR, role_words,
                   frozenset(raw["opaque_heads"].split()),
                   frozenset(w.casefold() for w in raw["non_entity_tails"]),
                   frozenset(raw["natural_heads"].split()),
                   frozenset(raw["place_nouns"].split()),
                   frozenset(raw["common_word_places"].split()),
                   frozenset(raw["thing_nouns"].split()),
                   frozenset(raw["culture_nouns"].split()),
                   frozenset(raw["compound_given_names"].split()),
                   frozenset(str(item).casefold() for item in raw["ranks"]
                             if " " not in str(item).strip()))


# --- Tokens and spans ------------------------------------------------------------------

class Token:
    """One word or punctuation mark: its text, offsets and what the reader asks of it."""

    __slots__ = ("acronym", "cap", "end", "initial", "joined", "low", "start", "text")

    def __init__(self, text: str, start: int, end: int, initial: bool,
                 joined: bool = False) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.initial = initial   # first word of a sentence (or of a quotation)
        self.joined = joined     # after a hyphen, in a pair that may be one name
        self.low = text.casefold()
        self.cap = text[:1].isupper()
        self.acronym = self.cap and text.isupper() and sum(c.isalpha() for c in text) >= 2

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.start}, {self.end})"


def _slash_pieces(word: str, start: int) -> list[tuple[str, int, bool]] | None:
    """"Aditya/Fajrul" in "Raka Aditya/Fajrul Maulana": names paired by a slash (a
    doubles pair, "TNI/Polri") are separate names with the slash between them."""
    if "/" not in word:
        return None
    parts = word.split("/")
    if not all((p[:1].isupper() and p.replace("-", "").isalpha())
               or (i == 0 and p.isdigit() and len(parts) == 2) for i, p in enumerate(parts)):
        return None   # "0509/Kabupaten" in "Kodim 0509/Kabupaten Bekasi": number, slash, name
    out, offset = [], start
    for index, part in enumerate(parts):
        if index:
            out.append(("/", offset - 1, False))
        out.append((part, offset, False))
        offset += len(part) + 1
    return out


def _pieces(word: str, start: int) -> list[tuple[str, int, bool]]:
    """"TNI-Polri", "Indonesia-Malaysia", "Ahok-Djarot": a hyphenated pair of capitalised
    words is two words (a pair, a match, a route). The flag marks the second word of a
    pair not both known, which may still be one name ("Bandara Soekarno-Hatta")."""
    slashed = _slash_pieces(word, start)
    if slashed is not None:
        return [piece for text, at, _ in slashed
                for piece in ([(text, at, False)] if text == "/" else _pieces(text, at))]
    if "-" not in word:
        return [(word, start, False)]
    parts = word.split("-")
    if not all(_pair_part(p) for p in parts):
        return [(word, start, False)]
    if len({p.casefold() for p in parts}) < len(parts) or find_place(word) \
            or find_institution(word):
        return [(word, start, False)]   # "Undang-Undang", "Nagorno-Karabakh": one word
    known = all(find_place(p) or find_institution(p) for p in parts)
    out, offset = [], start
    for index, part in enumerate(parts):
        out.append((part, offset, index > 0 and not known))
        offset += len(part) + 1
    return out


def _given_name_pair(word: str, text: str, start: int, end: int) -> bool:
    """"Jean-Pierre Kasongo": two capitalised unknown parts joined by a hyphen and followed
    by a surname are one given name, not a pair of people ("Rudi-Santi dalam ...",
    "pasangan Anies-Muhaimin ...")."""
    parts = word.split("-")
    before = text[max(0, start - 12):start].split()
    previous = before[-1].casefold() if before else ""
    lex = lexicon()
    return len(parts) == 2 and parts[0].casefold() in lex.compound_given \
        and "/" not in word and previous not in _PAIR_NOUNS and not (
        before and before[-1][:1].isupper() and previous not in lex.ranks
        and previous not in lex.role_words) and all(
        p[:1].isupper() and p[1:].islower() and p.isalpha() for p in parts) \
        and _SURNAME_NEXT.match(text, end) is not None \
        and not any(find_place(p) or find_institution(p) for p in parts)


_PAIR_NOUNS = frozenset({"pasangan", "duet", "paslon", "kubu", "koalisi", "tandem", "duo"})
_SURNAME_NEXT = re.compile(r" [A-Z][a-z]+\b(?! *[-/])")


def _reduplicated(word: str) -> bool:
    """"Rumah-rumah", "Negara-negara": a plural common noun, never a name."""
    parts = word.split("-")
    return len(parts) == 2 and parts[0].casefold() == parts[1] and parts[0].isalpha()


def _pair_part(part: str) -> bool:
    return part[:1].isupper() and part.isalpha() and (
        len(part) >= 3 or (len(part) >= 2 and part.isupper()))


_ABBREVIATED = frozenset({"dr", "prof", "ir", "drs", "h", "hj", "st", "mr", "mrs", "ms",
                          "jr", "sr", "muh", "moh", "moch", "mochamad", "mohd", "ny", "sdr"})


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    initial = True
    for match in _TOKEN.finditer(text):
        word = match.group()
        alnum = word[0].isalnum()
        if ("-" in word or "/" in word) and not _given_name_pair(word, text, match.start(),
                                                                  match.end()):
            for piece, start, joined in _pieces(word, match.start()):
                tokens.append(Token(piece, start, start + len(piece), initial and alnum, joined))
        else:
            tokens.append(Token(word, match.start(), match.end(), initial and alnum))
        if alnum:
            initial = False
            continue
        if word in {".", "!", "?", ":", "\"", "“", "”", "‘", "'", "—", "-", "–"}:
            initial = not (word == "." and len(tokens) > 1 and _abbreviation(tokens[-2], text,
                                                                            match.end()))
    return tokens


def _abbreviation(before: Token, text: str, end: int) -> bool:
    """"M. Arif", "Dr. Ani": a capital initial or a title, its dot, then a name."""
    return before.end == end - 1 and (
        (len(before.text) == 1 and before.text.isupper()) or before.low in _ABBREVIATED) \
        and text[end:end + 2][:1] == " " and text[end + 1:end + 2].isupper()


@dataclass(slots=True)
class Candidate:
    """One mention found in the text, before grouping."""

    text: str
    type: EntityType | None        # None: a bare capitalised word, typed when grouped
    paragraph: int
    start: int
    end: int
    key: str
    country: str | None = None
    role: str | None = None
    strong: bool = False            # typed by a head word, gazetteer or context
    fallback: EntityType | None = None   # the type of an untyped word left on its own
    alias_of: str | None = None     # "(BPBD)" after "Badan ...": key of the expansion


@dataclass(slots=True)
class Reader:
    """Reads one paragraph's tokens into candidates."""

    tokens: list[Token]
    text: str
    paragraph: int
    lowercase_vocab: frozenset[str]
    repeated: frozenset[str] = frozenset()
    admin_names: frozenset[str] = frozenset()
    story: bool = False   # several paragraphs, not a lone sentence or snippet
    known: set[str] = field(default_factory=set)   # organisations and places met so far
    found: list[Candidate] = field(default_factory=list)
    pending_role: str | None = None
    skip_to: int = 0
    lows: list[str] = field(default_factory=list)
    names: list[bool] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.lows = [t.low for t in self.tokens]
        self.names = [self._name_token(j) for j in range(len(self.tokens))]

    def run(self) -> list[Candidate]:
        i, names, lows = 0, self.names, self.lows
        while i < len(self.tokens):
            if not names[i] and lows[i] not in _LOWER_ORG:
                i += 1
                continue
            end = self._lower_org(i) or self._span_end(i)
            if end > i:
                self._read_span(i, end)
                i = max(end, self.skip_to)
            else:
                i += 1
        self._coordinate()
        return self.found

    def _joined_by_word(self, first: Candidate, second: Candidate) -> bool:
        """"Uber dan Grab": two names joined by a conjunction, not by a bare comma that
        may end a clause ("Selain Rahmad, KPK ...")."""
        return "," not in self.text[first.end:second.start]

    def _coordinate(self) -> None:
        """"Telkomsel, Indosat dan XL", "Uber dan GrabCar": names listed together are of one
        kind; an untyped word takes the organisation or place type of a typed neighbour."""
        chain: list[Candidate] = []
        for cand in [*self.found, None]:
            if cand is not None and chain and not cand.alias_of \
                    and _LIST_GAP.fullmatch(self.text[chain[-1].end:cand.start]):
                chain.append(cand)
                continue
            if len(chain) > 2 or (len(chain) == 2 and self._joined_by_word(*chain)):
                _share_type(chain)
            chain = [cand] if cand is not None and not cand.alias_of else []

    # -- span finding
    def _is_name_token(self, j: int) -> bool:
        return self.names[j]

    def _name_token(self, j: int) -> bool:
        tok = self.tokens[j]
        if not tok.cap and tok.text[:1].isalpha():
            return find_institution_exact(tok.text) is not None
        return tok.cap and tok.text[0].isalpha()

    def _span_end(self, i: int) -> int:
        if not self._is_name_token(i):
            return i
        j, lex = i + 1, lexicon()
        lows = self.lows
        has_head = bool(lex.org_heads.match(lows, i) or lex.offices.match(lows, i))
        headed = has_head or bool(lex.loc_heads.match(lows, i) or lex.gpe_heads.match(lows, i))
        route = headed and lows[i] in _ROUTE_HEADS
        while j < len(self.tokens):
            step = self._continue(j, has_head, headed, route)
            if not step:
                break
            j += step
        return j

    def _continue(self, j: int, has_head: bool, headed: bool = False,
                  route: bool = False) -> int:
        toks = self.tokens
        tok = toks[j]
        nxt = j + 1 < len(toks) and self._is_name_token(j + 1)
        if toks[j - 1].low == "tbk" or tok.low in {"rp", "us$"}:
            return 0
        if toks[j - 1].end < tok.start and self.text[toks[j - 1].end:tok.start] == "-":
            return 1 if (tok.joined or route) and headed else 0   # "Tol Jakarta-Cikampek"
        if tok.text == "." and nxt and toks[j - 1].end == tok.start and not toks[j + 1].initial \
                and (len(toks[j - 1].text) == 1 or toks[j - 1].low in _ABBREVIATED):
            return 1   # "M. Arif Wibowo"
        unit = has_head or bool(lexicon().org_heads.match(self.lows, j - 1))
        if self._is_name_token(j) or (tok.text.isdigit() and len(tok.text) <= 4 and unit):
            return 1
        if tok.text == "/" and nxt and toks[j - 1].end == tok.start and (
                ((toks[j - 1].text.isdigit() or _UNIT_NUMERAL.fullmatch(toks[j - 1].text))
                 and (unit or bool(lexicon().org_heads.match(self.lows, j - 2))))
                or (headed and toks[j - 1].acronym and toks[j + 1].acronym)):
            return 1   # "Kodim 0509/Kabupaten Bekasi", "Kodam XVII/Cenderawasih", "Gedung DPR/MPR"
        if tok.low in _CONNECTORS and nxt and self.text[toks[j - 1].end:tok.start] == " ":
            return 1
        if tok.low in _CONNECTORS and j + 2 < len(toks) and toks[j + 1].low in _CONNECTORS \
                and self._is_name_token(j + 2) and headed:
            return 2   # "Sierra de la Macarena"
        if tok.low == "untuk" and nxt and toks[j - 1].cap and any(
                lexicon().org_heads.match(self.lows, k) or lexicon().loc_heads.match(self.lows, k)
                for k in range(max(0, j - 3), j)) \
                and not find_place(toks[j + 1].text) and not self._new_name(j + 1):
            return 1   # "Kantor Federal untuk Keamanan Informasi", "Komisi Tinggi untuk ..."
        if tok.low == "dan" and has_head and nxt and not is_country(toks[j + 1].text) \
                and not self._new_name(j + 1):
            return 1
        if tok.text in {"“", "\"", "‘"} and j + 3 < len(toks) and toks[j + 1].cap \
                and toks[j + 2].text in {"”", "\"", "’"} and self._is_name_token(j + 3) \
                and self._name_like(j - 1) and self._name_like(j + 3) \
                and toks[j + 1].start == tok.end and toks[j + 2].start == toks[j + 1].end:
            return 3   # "Bimo “Grav” Prasetyo": a nickname inside the name
        if tok.text == "(" and j + 3 < len(toks) and toks[j + 2].text == ")" \
                and toks[j + 1].cap and (toks[j + 3].cap or toks[j + 3].text.isdigit()):
            return 3
        if tok.text == "," and has_head and nxt and j + 2 < len(toks) \
                and toks[j + 2].text in {",", "dan"} and not self._new_name(j + 1):
            return 1
        if tok.text == "," and has_head and j + 2 < len(toks) and toks[j + 1].low == "dan" \
                and self._is_name_token(j + 2) and not self._new_name(j + 2):
            return 2
        return 0

    def _new_name(self, k: int) -> bool:
        """A word that opens a name of its own ("... dan Rumah Sakit X", ", dan TNI")."""
        lex = lexicon()
        return bool(lex.offices.match(self.lows, k) or lex.org_heads.match(self.lows, k)
                    or lex.loc_heads.match(self.lows, k) or lex.gpe_heads.match(self.lows, k)
                    or self.tokens[k].acronym or find_institution(self.tokens[k].text))

    def _lower_org(self, i: int) -> int:
        """'kementerian pertahanan Azerbaijan', 'parlemen Armenia': lowercase head + place."""
        tok = self.tokens[i]
        if tok.low not in _LOWER_ORG or (tok.cap and not self._lower_next(i)):
            return 0
        if not tok.cap and i > 0 and self.lows[i - 1] in _MILITARY_GEAR:
            return 0
        j = i + 1
        while j < len(self.tokens) and j - i <= _LOWER_ORG[tok.low] \
                and self.tokens[j].text.isalpha() and not self.tokens[j].cap:
            j += 1
        end = self._span_end(j) if j < len(self.tokens) else j
        for stop in range(min(end, j + 3), j, -1):
            if is_country(self._slice(j, stop)):
                return stop
        return 0

    def _lower_next(self, i: int) -> bool:
        return i + 1 < len(self.tokens) and self.tokens[i + 1].text.isalpha() \
            and not self.tokens[i + 1].cap

    def _slice(self, a: int, b: int) -> str:
        return self.text[self.tokens[a].start:self.tokens[b - 1].end]

    # -- span reading
    def _read_span(self, a: int, b: int) -> None:
        a = self._drop_leading(a, b)
        if a >= b:
            return
        close = self._person_after_short_form(a, b)
        if close:
            self._read_span(a, close - 2)
            self._plain_name(close + 1, b)
            return
        for x, y in self._split_calendar(a, b):
            self._classify(x, y)

    def _person_after_short_form(self, a: int, b: int) -> int:
        """"Tentara Pembebasan Nasional Papua Barat (TPNPB) Markus Wenda": a body, its short
        form in brackets, then a person's name of two or three words (not a place: "Badan
        Narkotika Nasional Provinsi (BNNP) Kalimantan Barat"). The closing bracket's index."""
        toks = self.tokens
        for close in range(a + 3, b - 2):
            if toks[close].text == ")" and toks[close - 2].text == "(" and b - close <= 4:
                rest = range(close + 1, b)
                if all(self._name_like(k) and len(toks[k].text) > 1
                       and not _ROMAN.fullmatch(toks[k].text)
                       and find_place(toks[k].text) is None for k in rest) \
                        and find_place(self._slice(close + 1, b)) is None \
                        and not self._known_start(close + 1):
                    return close
        return 0

    def _drop_leading(self, a: int, b: int) -> int:
        lex = lexicon()
        while a < b:
            tok = self.tokens[a]
            if self._known_start(a) or (not tok.initial and tok.cap and b - a == 1
                                        and find_place(tok.text) is not None
                                        and not is_city_only(tok.text)):
                return a   # "tudingan Lima": the capital, not the number
            common = tok.low in lex.stopwords or tok.low in _SPEECH or _reduplicated(tok.text) \
                or (tok.low in _INITIALS_CUES and a + 1 < b and self.tokens[a + 1].acronym)
            initial_common = (tok.initial and (tok.low in self.lowercase_vocab or (
                _affixed_word(tok.low) and find_place(tok.text) is None))) \
                or self._common_word_place(a)
            if not (common or initial_common) or (not tok.text.isalpha() and not common):
                return a
            a += 1
        return a

    def _common_word_place(self, a: int) -> bool:
        """"Baku tembak", "Batu besar", "Medan perang": a town whose name is an everyday
        word, opening a sentence and read on by a lower-case noun, is that word."""
        toks = self.tokens
        tok = toks[a]
        if not tok.initial or tok.low not in lexicon().common_word_places \
                or a + 1 >= len(toks):
            return False
        nxt = toks[a + 1]
        return nxt.text.isalpha() and not nxt.cap and not _VERBISH.match(nxt.low) \
            and nxt.low not in _CLAUSE_AFTER and nxt.low not in _SPEECH \
            and nxt.low not in lexicon().stopwords

    def _known_start(self, a: int) -> bool:
        lows = self.lows
        lex = lexicon()
        return bool(lex.offices.match(lows, a) or lex.org_heads.match(lows, a)
                    or lex.gpe_heads.match(lows, a) or lex.loc_heads.match(lows, a)
                    or find_institution(self.tokens[a].text))

    def _split_calendar(self, a: int, b: int) -> list[tuple[int, int]]:
        parts: list[tuple[int, int]] = []
        start = a
        for j in range(a, b):
            if self.tokens[j].low in _CALENDAR:
                if j > start:
                    parts.append((start, j))
                start = j + 1
        if b > start:
            parts.append((start, b))
        return parts

    def _classify(self, a: int, b: int) -> None:
        lex = lexicon()
        toks = self.tokens
        lows = self.lows
        text = self._slice(a, b)
        if self._thing_or_culture(a, b):
            return
        if lex.non_entity.match(lows, a, b):
            self._nested(a + lex.non_entity.match(lows, a, b), b, strict=True)
            if b + 2 < len(toks) and toks[b].text == "(" and toks[b + 2].text == ")":
                self.skip_to = b + 3   # "Zona Ekonomi Eksklusif (ZEE)": its short form too
            return
        if a > 1 and lows[a - 1] == "tentang" and any(
                lex.non_entity.match(lows, k) for k in range(max(0, a - 10), a - 1)):
            return   # "Undang-Undang Nomor 35 Tahun 2009 tentang Narkotika": the law's title
        if b - a > 1 and lows[a] in _REGION_WORDS and self._nameable(a + 1, b):
            self._classify(a + 1, b)
            return
        if b - a == 1 and toks[a].acronym and self._initials(a, b):
            self._add(a, b, "PER", _key(text), self._nationality(a), strong=True)
            return
        if a > 0 and toks[a - 1].low in {"dolar", "dollar", "us$"}:
            return   # "dolar AS" is a currency
        known = find_institution(text)
        if known is not None:
            self._add(a, b, known.type, _key(known.name), known.country, strong=True)
            self._nested(a + 1, b)
            return
        place = self._place(text)
        if place is not None and not self._hq_form_check(a):
            self._add(a, b, place.type, _key(place.name), place.country, strong=True)
            return
        if _key(text) in self.admin_names:
            self._add(a, b, "GPE", _key(text), None, strong=True)
            return
        if b - a > 1 and find_institution(toks[a].text) is not None:
            if not self._split_acronym_name(a, b):
                self._headed(a, b, 1, institution=True)
            return
        if lex.offices.match(lows, a, b) and not self._head_length(a, b):
            self._person_with_role(a, b)
            return
        head = self._head_length(a, b)
        if head and self._office_of_body(a, b):
            self._classify(a + 1, b)   # "Kantor Kementerian Ketenagakerjaan": the ministry
            return
        if head:
            self._headed(a, b, head)
            return
        if self._hq_form(a, b):
            return
        self._plain(a, b)

    def _thing_or_culture(self, a: int, b: int) -> bool:
        """"jenis TATP", "lampu LED": a kind of thing; "adat Jawa", "bahasa Sunda": a culture,
        not the place; "USD/IDR", "USD 70": a currency."""
        toks, lex = self.tokens, lexicon()
        before = toks[a - 1] if a else None
        if before is not None and not before.cap and b - a <= 2:
            piece = self._slice(a, b)
            if before.low in lex.thing_nouns and find_place(piece) is None \
                    and find_institution(piece) is None:
                return True
            if before.low in lex.culture_nouns and find_place(piece) is not None:
                return True
        return b - a == 1 and _currency_code(toks[a].text) and (
            (before is not None and (before.text == "/" or before.text[:1].isdigit()))
            or (b < len(toks) and (toks[b].text == "/" or toks[b].text[:1].isdigit())))

    def _place(self, text: str) -> Place | None:
        """A gazetteer place, unless it is a city whose name is an ordinary word here."""
        place = find_place(text)
        if place is not None and is_city_only(text) and (
                text.casefold() in self.lowercase_vocab or _head_word(text)):
            return None   # "Kapolsek Kota": the word, not Kota in Rajasthan
        return place

    def _head_length(self, a: int, b: int) -> int:
        lex = lexicon()
        lows = self.lows
        return max(lex.org_heads.match(lows, a, b), lex.gpe_heads.match(lows, a, b),
                   lex.loc_heads.match(lows, a, b))

    def _headed(self, a: int, b: int, head: int, *, institution: bool = False) -> None:
        lex = lexicon()
        lows = self.lows
        if b - a <= head:
            return   # a bare head word ("Pemerintah", "Kabupaten") names nothing
        kind: EntityType = "ORG"
        org, gpe, loc = (p.match(lows, a, b)
                         for p in (lex.org_heads, lex.gpe_heads, lex.loc_heads))
        if gpe == head and gpe >= org and not institution:
            kind = "GPE"
        elif loc == head and loc > org and not institution and not self._service_office(a, b):
            kind = "LOC"
        rest = self._slice(a + head, b)
        country = self._country_of_rest(rest)
        if kind == "GPE":
            self._add(a, b, "GPE", _key(self._slice(a, b)), country, strong=True)
            return
        self._add(a, b, kind, _org_key(self._slice(a, b)), country, strong=True)
        low = self.tokens[a].low
        if low not in lex.opaque_heads and low not in lex.natural_heads:
            self._nested(a + head, b, strict=kind == "LOC")

    def _office_of_body(self, a: int, b: int) -> bool:
        """"Kantor Kementerian X", "Kantor DPRD Sulsel": the office of a body named by its
        own head or short form is a mention of that body ("Kantor Gubernur" stays a
        building: a person's office)."""
        if self.lows[a] != "kantor" or a + 1 >= b:
            return False
        rest = self.tokens[a + 1]
        lex = lexicon()
        return bool(lex.org_heads.match(self.lows, a + 1, b)
                    or (rest.acronym and find_institution(rest.text) is not None
                        and rest.low not in lex.stopwords)) \
            and not lex.offices.match(self.lows, a + 1, b)

    def _service_office(self, a: int, b: int) -> bool:
        """"Kantor Imigrasi", "Kantor Pencarian dan Pertolongan Bandung": an office named
        by its service is an organisation; "Kantor Gubernur", "Kantor DPRD" is a building."""
        if self.lows[a] != "kantor" or a + 1 >= b:
            return False
        rest = self.tokens[a + 1]
        return not (lexicon().offices.match(self.lows, a + 1, b)
                    or (rest.acronym and rest.low not in lexicon().stopwords)
                    or find_institution(rest.text) or find_place(self._slice(a + 1, b)))

    def _country_of_rest(self, rest: str) -> str | None:
        """The country of the place or institution a name ends with (a city only when it
        is the whole rest: "Polrestabes Makassar", not "Bank Central Asia")."""
        words = rest.replace("(", " ").replace(")", " ").split()
        for start in range(len(words)):
            tail = " ".join(words[start:])
            if start and not (is_country(tail) or is_listed(tail) or (
                    is_city_only(tail) and self._home_place(tail))):
                continue   # "Batam Centre": not Centre (a region of Burkina Faso)
            found = find_place(tail) or find_institution(tail)
            if found is not None and found.country:
                return found.country
        return None

    def _hq_form(self, a: int, b: int) -> bool:
        tok = self.tokens[a]
        inner = tok.text[2:]
        lows = [inner.casefold()]
        if not tok.low.startswith(_HQ_PREFIX) or not lexicon().org_heads.match(lows, 0):
            return False
        unit = inner + self.text[tok.end:self.tokens[b - 1].end]
        self._add(a, b, "ORG", _org_key(unit), "IDN", strong=True)
        self._nested(a + 1, b)
        return True

    def _nested(self, a: int, b: int, *, strict: bool = False) -> None:
        """Entities inside a longer name: the first suffix that is itself a name (under a
        building or road, only an institution or a region: not "Cikupa" in "Gerbang Tol
        Cikupa")."""
        bracket = max((k for k in range(a, b) if self.tokens[k].text == ")"), default=a - 1)
        for start in range(max(a, bracket + 1), b):
            if self.tokens[start].text in "()" or (start and self.tokens[start - 1].text == "("):
                continue
            if self._nameable(start, b):
                piece = self._slice(start, b)
                if not strict or find_institution(piece) or is_country(piece) \
                        or (find_place(piece) and not is_city_only(piece)):
                    self._classify(start, b)
                return

    def _nameable(self, a: int, b: int) -> bool:
        text = self._slice(a, b)
        if not self.tokens[a].cap or text == "Indonesia":
            return False
        return bool(find_institution(text) or self._place(text) or self._head_length(a, b)
                    or self._hq_form_check(a))

    def _hq_form_check(self, a: int) -> bool:
        tok = self.tokens[a]
        return tok.low.startswith(_HQ_PREFIX) and bool(
            lexicon().org_heads.match([tok.low[2:]], 0))

    # -- people
    def _person_with_role(self, a: int, b: int) -> None:
        toks = self.tokens
        if a > 0 and toks[a - 1].text == "(" and b < len(toks) and toks[b].text == ")":
            return   # "Kepala Seksi Penerangan Hukum (Kasi Penkum)": the office's short form
        name_start = self._name_start(a, b)
        role_end = self._strip_ranks_back(a, name_start)
        role = self._slice(a, role_end) if role_end > a else None
        office = a + lexicon().offices.match(self.lows, a, b)
        if name_start >= b:
            self.pending_role = role
            found = len(self.found)
            self._complement(office, b)
            if len(self.found) == found and office < b and self.tokens[office].cap \
                    and self.tokens[b - 1].low in _COMPASS:
                piece = self._slice(office, b)   # "Bupati Belitung Timur"
                self._add(office, b, "GPE", _key(piece), self._country_of_rest(piece) or "IDN",
                          strong=True)
            return
        self._complement(office, role_end)
        self._add(name_start, b, "PER", _key(self._slice(name_start, b)),
                  self._nationality(name_start), role=role, strong=True)

    def _complement(self, a: int, b: int) -> None:
        """What an office is of: a body's short form and its region read whole ("Prakirawan
        BMKG Cilacap": BMKG Cilacap), else the first name inside."""
        if a + 1 < b and self.tokens[a].acronym \
                and find_institution_exact(self.tokens[a].text) is not None:
            self._classify(a, b)
        else:
            self._nested(a, b)

    def _name_start(self, a: int, b: int) -> int:
        """Where the person's name starts in a span that opens with an office: after the
        office, its complement (a place, an institution, an organisation) and ranks; a
        name has at most three words, two after an organisation."""
        lex = lexicon()
        lows = self.lows
        office = a + lex.offices.match(lows, a, b)
        if self._spelled_out_by_short_form(office, b):
            return b   # "Ketua Federasi Serikat Pekerja Logam Bekasi (FSPLB)": no name inside
        floor = self._skip_complement(office, b)
        longest = 2 if any(lex.org_heads.match(lows, k, b) for k in range(a, b)) else 3
        if floor > office:
            longest = 5   # "Presiden Brasil Luiz Inácio Lula da Silva": all after the place
        j, words = b, 0
        if j - 1 > floor and _ROMAN.fullmatch(self.tokens[j - 1].text) \
                and self._name_like(j - 2):
            j -= 1   # "Raja Abdullah II": the regnal number is part of the name
        rank = max((k for k in range(office, b - 1) if lows[k] in lex.ranks), default=None)
        if rank is not None and b - rank <= 5 and all(
                self._name_like(k) or self._initial_dot(k) for k in range(rank + 1, b)):
            longest = b - rank - 1   # "... Polda Kalbar Kombes Pol Hendra Gunawan Siregar"
        while j > floor and words < longest and (
                self._name_like(j - 1) or self._initial_dot(j - 1)
                or (self.tokens[j - 1].low in _CONNECTORS and j - 1 > floor)):
            words += self.tokens[j - 1].text != "." and self.tokens[j - 1].low not in _CONNECTORS
            j -= 1
        if words == longest == 2 and j - 2 > floor and self._name_like(j - 1) \
                and self.tokens[j - 2].acronym \
                and find_institution_exact(self.tokens[j - 2].text) is not None \
                and self.tokens[j - 1].low not in self.lowercase_vocab:
            j -= 1   # "Wakil Ketua Komisi IX DPR Ratna Sari Dewi": three words after the body
        while j < b and self.tokens[j].low in _CONNECTORS and not self.tokens[j].cap:
            j += 1   # "van Dijk" loses "van" at the start; "Le Hoang Nam" keeps "Le"
        if office < j - 1 < b - 1 and lex.gpe_heads.match(lows, j - 1, j):
            # "Kepala Dinas Kesehatan Kabupaten Muratara": the regency, no name; "...
            # Kabupaten Bima Syarifuddin Amin": the name starts after the regency's
            place = next((k for k in range(min(b - 1, j + 3), j, -1)
                          if find_place(self._slice(j, k))), j + 1)
            if b - place < 2:
                return b
            j = place
        if j == b and office == b - 1 and self.tokens[a].low in _INITIALS_CUES \
                and self._initials(b - 1, b):
            return b - 1   # "Tersangka HS": a person named by initials
        if self._appositive_office(a, j, b) or (j < b and find_place(self._slice(j, b)) and any(
                lex.org_heads.match(lows, k, j) for k in range(office, j))) or any(
                self.tokens[k].text in _COMPANY_HEADS
                and (k + 2 >= j or self._before_apposition(b)) for k in range(office, j)):
            return b   # "Direktur PT Karya Abadi Sentosa, ...": the words after PT are the company
        return j

    def _spelled_out_by_short_form(self, a: int, b: int) -> bool:
        """The bracketed short form after the span is the initials of its last words."""
        toks = self.tokens
        if b + 2 >= len(toks) or toks[b].text != "(" or toks[b + 2].text != ")" \
                or not toks[b + 1].acronym:
            return False
        words = [k for k in range(a, b) if toks[k].text[:1].isalpha()]
        initials = "".join(toks[k].text[0].upper() for k in words)
        short = toks[b + 1].text.upper()
        if len(short) < 3 or not initials.endswith(short):
            return False
        spelled = words[len(words) - len(short):]
        lex = lexicon()   # a body's words, not a person's ("Susilo Bambang Yudhoyono (SBY)")
        return any(lex.org_heads.match(self.lows, k) for k in spelled)

    def _appositive_office(self, a: int, name: int, b: int) -> bool:
        """"Kepala Kantor SAR Bandung, Yudi ...", "Direktur RSUD Panai Raya periode ...":
        the words after the office end in a place or name an organisation already met, so
        no name is inside; the person, if any, follows."""
        if name >= b:
            return False
        if any(_key(self._slice(k, b)) in self.known for k in range(a + 1, name)):
            return True
        lex = lexicon()
        headed = any(lex.org_heads.match(self.lows, k, b) or lex.loc_heads.match(self.lows, k, b)
                     or (self.tokens[k].acronym and find_institution(self.tokens[k].text))
                     for k in range(a + 1, name))   # "Prakirawan BMKG Cilacap, Dwi ..."
        return headed and self._before_apposition(b) and find_place(self.tokens[b - 1].text) \
            is not None

    def _initial_dot(self, j: int) -> bool:
        """The dot of "M. Arif", or the initial before it."""
        toks = self.tokens
        if toks[j].text == ".":
            return j > 0 and len(toks[j - 1].text) == 1 and toks[j - 1].cap
        return len(toks[j].text) == 1 and toks[j].cap and j + 1 < len(toks) \
            and toks[j + 1].text == "."

    def _skip_complement(self, j: int, b: int) -> int:
        """The first token after a place or institution that directly follows an office."""
        for end in range(min(b, j + 4), j, -1):
            piece = self._slice(j, end)
            if end < b and (find_place(piece) or find_institution(piece)):
                if find_institution(piece) and end + 2 < b \
                        and self._home_place(self.tokens[end].text):
                    return end + 1   # "Kepala BPBD Garut Budi Santoso": the body's region
                return end
            if end == b and (self._home_place(piece) or self.tokens[b - 1].low in _COMPASS):
                return end   # "Wali Kota Surabaya": the office of a place, no name
        return j

    def _home_place(self, text: str) -> bool:
        place = self._place(text)
        return place is not None and (place.country == "IDN" or not is_city_only(text))

    def _name_like(self, j: int) -> bool:
        tok = self.tokens[j]
        lex = lexicon()
        if tok.low in lex.ranks or tok.low in lex.role_words or tok.low in lex.stopwords:
            return False
        if tok.acronym or not tok.text[0].isalpha():
            return False
        if find_institution(tok.text):
            return False
        place = find_place(tok.text)
        return place is None or is_city_only(tok.text)

    def _strip_ranks_back(self, a: int, j: int) -> int:
        ranks = lexicon().ranks
        while j > a and (self.tokens[j - 1].low in ranks or self.tokens[j - 1].text in ",."):
            j -= 1
        return j

    def _plain(self, a: int, b: int) -> None:
        """A span with no head word: a person, a club or firm, an acronym."""
        lex = lexicon()
        toks = self.tokens
        last = toks[b - 1].low
        text = self._slice(a, b)
        if b - a == 1 and toks[a].low in _COMPASS:
            return   # "negara-negara Barat": a direction or a bloc, not a name
        if b - a == 1 and _SITE.fullmatch(text):
            self._add(a, b, "ORG", _org_key(text), None, strong=True)   # "Beritasatu.com"
            return
        if any(c.isdigit() for c in text) or all(self._role_token(t) for t in toks[a:b]) \
                or last in lex.non_entity_tails:
            return   # "F-16", "BM-21": products; "Bapak Presiden": a title only
        if b - a > 1 and toks[a].low in lex.ranks and (not toks[a].acronym
                                                       or toks[a].low in lex.lone_ranks):
            skip = 2 if toks[a + 1].text == "." and b - a > 2 else 1
            self._plain(a + skip, b)   # "Bu Mega", "Dr. Ani": the name without the address
            return
        office = next((k for k in range(a + 1, b) if lex.offices.match(
            self.lows, k, b) and toks[k].cap), None)
        if office is not None:   # "Kedatangan Kepala Negara ...": the office starts anew
            self._classify(office, b)
            return
        if a > 0 and toks[a - 1].low in lex.place_nouns and b - a <= 4:
            kind: EntityType = "GPE" if toks[a - 1].low in {"kota", "desa", "kampung",
                                                          "provinsi", "kabupaten"} else "LOC"
            self._add(a, b, kind, _key(text), self._country_of_rest(text), strong=True)
            return
        if self._split_acronym_name(a, b):
            return
        if self._org_context(a, b):
            self._add(a, b, "ORG", _org_key(text),
                      self._country_of_rest(text) or self._apposed_country(a), strong=True)
            return
        if (last in lex.org_tails and (b - a > 1 or not toks[a].initial)) or (
                b - a > 1 and any(t.acronym for t in toks[a:b])):   # "Air bercampur ...": a word
            self._add(a, b, "ORG", _org_key(text),
                      self._country_of_rest(text) or self._apposed_country(a), strong=True)
            return
        if (last in lex.loc_tails and (b - a > 1 or not toks[a].initial)) or (
                b - a > 1 and self._placed(a, b)):
            # "Belitung Timur": a compass point ends the name of a regency or a city; "di
            # Muara Rupit", "di Cox's Bazar": a place of two words on its own is a town
            kind = "GPE" if last not in lex.loc_tails and (
                last in _COMPASS or (b - a == 2 and self._place_context(a) and (
                    not self._in_address(a, b) or self._before_country(b)))) else "LOC"
            self._add(a, b, kind, _key(text), self._country_of_rest(text), strong=True)
            return
        if self._split_place_prefix(a, b):
            return
        if b - a > 1 and toks[a].initial and toks[a].low in lex.role_words \
                and find_place(self._slice(a + 1, b)) is not None:
            self._classify(a + 1, b)   # "Hubungan Berlin dan Moskow ...": a common noun first
            return
        if b - a > 1 and self._club_place(toks[b - 1].text) and not self._person_context(a, b):
            self._add(a, b, "ORG", _org_key(text), self._country_of_rest(text), strong=True)
            return
        self._plain_name(a, b)

    def _placed(self, a: int, b: int) -> bool:
        """A name that is a place by its shape or its place in the sentence: "Belitung
        Timur" (a compass point ends it), "di White Hart Lane" (after a place preposition),
        "Kompleks Parlemen, Senayan, Jakarta" (in an address)."""
        toks = self.tokens
        if self._person_context(a, b) or self._role_before(a) is not None:
            return False
        if toks[b - 1].low in _COMPASS and not toks[a].acronym:
            return True
        return (a > 0 and toks[a - 1].low in _PLACE_PREPOSITIONS) or self._in_address(a, b)

    def _before_country(self, b: int) -> bool:
        """", Bangladesh": the name is followed by the country it lies in."""
        toks = self.tokens
        return b + 1 < len(toks) and toks[b].text == "," and (
            is_country(toks[b + 1].text) or (b + 2 < len(toks)
                                             and is_country(self._slice(b + 1, b + 3))))

    def _in_address(self, a: int, b: int) -> bool:
        toks = self.tokens
        after = b + 1 < len(toks) and toks[b].text == "," and self._starts_place(b + 1)
        before = a > 1 and toks[a - 1].text == "," and any(
            c.end == toks[a - 2].end and c.type in {"GPE", "LOC"} and not is_country(c.text)
            for c in self.found)
        return (after and (before or (a > 0 and toks[a - 1].low in _PLACE_CUES))) or (
            before and b < len(toks) and toks[b].text in {",", "."})

    def _starts_place(self, k: int) -> bool:
        toks = self.tokens
        for end in range(min(len(toks), k + 3), k, -1):
            if all(t.cap for t in toks[k:end]):
                piece = self._slice(k, end)
                if (find_place(piece) and not is_city_only(piece)) or self._home_place(piece):
                    return True
        return False

    def _split_acronym_name(self, a: int, b: int) -> bool:
        """"kader PKB Marwan Jafar", "Ketua KPPU M. Syarkawi Rauf": an organisation's
        acronym, then a person's name of two or more words; after an office, any known
        institution ("Juru bicara Kremlin Dmitry Peskov")."""
        toks = self.tokens
        if b - a < 3 or toks[a].low in lexicon().ranks or not (
                toks[a].acronym or (self._role_start(a) < a
                                    and find_institution(toks[a].text) is not None)):
            return False
        rest = [k for k in range(a + 1, b) if toks[k].text != "."]
        if len(rest) < 2 or not all(self._name_like(k) or len(toks[k].text) == 1
                                    for k in rest):
            return False
        self._classify(a, a + 1)
        role = self._slice(self._role_start(a), a + 1) if self._role_start(a) < a else None
        self._add(a + 1, b, "PER", _key(self._slice(a + 1, b)), self._nationality(a),
                  role=role, strong=True)
        return True

    def _role_start(self, a: int) -> int:
        """Where a lower-case or capitalised office written just before ``a`` starts."""
        offices = lexicon().offices
        for start in range(max(0, a - 4), a):
            if offices.match(self.lows, start, a) and all(
                    t.text.isalpha() for t in self.tokens[start:a]):
                return start
        return a

    def _club_place(self, word: str) -> bool:
        """"Persib Bandung", "Nexora Indonesia": a name ending in an Indonesian city or a
        country or province is an organisation (a foreign city may be a surname)."""
        place = self._place(word)
        return place is not None and (place.country == "IDN" or not is_city_only(word))

    def _role_token(self, tok: Token) -> bool:
        lex = lexicon()
        return tok.low in lex.ranks or tok.low in lex.role_words or tok.low in lex.stopwords

    def _split_place_prefix(self, a: int, b: int) -> bool:
        """"Armenia Eduard Aghajanian" (after "parlemen"): a country, then a name."""
        for end in range(min(b - 1, a + 3), a, -1):
            piece = self._slice(a, end)
            place = find_place(piece)
            if place is not None and (not is_city_only(piece) or (
                    end - a > 1 and self._home_place(piece))) \
                    and all(self._name_like(k) for k in range(end, b)):
                self._add(a, end, place.type, _key(place.name), place.country, strong=True)
                self._plain_name(end, b)
                return True
        return False

    def _lowercase_short_form(self, a: int, b: int) -> bool:
        """"tim tangkap buronan (Tabur)", "pejabat pembuat komitmen (PPK)": a short form of
        a common noun phrase written in lower case names no one."""
        toks = self.tokens
        if b - a != 1 or a < 2 or b >= len(toks) or toks[a - 1].text != "(" \
                or toks[b].text != ")":
            return False
        before = toks[max(0, a - 5):a - 1]
        return bool(before) and all(t.text.isalpha() and not t.cap for t in before[-2:]) \
            and any(t.low[:1] == toks[a].low[:1] for t in before)

    def _plain_name(self, a: int, b: int) -> None:
        toks = self.tokens
        text = self._slice(a, b)
        if self._lowercase_short_form(a, b):
            return
        if toks[a].acronym and b - a == 1:
            if self._initials(a, b):
                self._add(a, b, "PER", _key(text), None, strong=True)
            elif toks[a].low not in lexicon().stopwords:
                known = text in self.repeated or len(text) >= 3
                fallback: EntityType | None = "ORG" if known else None
                self._add(a, b, None, _org_key(text), None, fallback=fallback)
            return
        role = self.pending_role or self._role_before(a)
        self.pending_role = None
        if role is None and self._org_context(a, b):
            self._add(a, b, "ORG", _org_key(text), self._country_of_rest(text), strong=True)
            return
        if b - a == 1 and toks[a].initial and role is None:
            # kept only if it names someone known, or does something
            self._add(a, b, None, _key(text), None,
                      fallback="PER" if self._clause_subject(b) else None)
            return
        if role is not None and self._before_apposition(b):
            self.pending_role = self.text[toks[a].start - len(role) - 1:toks[b - 1].end] \
                if self.text[:toks[a].start].rstrip().endswith(role) else role
            self._add(a, b, None, _key(text), None)   # "kiper Persib, Teguh ...": the club
            return
        if role is None and b - a > 1 and (self._ordinary_words(a, b) or any(
                t.low in _ENGLISH_LINKS for t in toks[a:b - 1])):
            return   # "Peluru Terakhir": a phrase in headline case; "The Revenant",
            #          "Years of Life": an English title, no person's name
        if b - a > 1 or role is not None:
            self._add(a, b, "PER", _key(text), self._nationality(a) or self._apposed_after(b),
                      role=role, strong=True)
        elif self._person_context(a, b):
            self._add(a, b, None, _key(text), None, fallback="PER")
        elif self._in_address(a, b):
            self._add(a, b, None, _key(text), None, fallback="LOC")   # "..., Tebet, Jakarta"
        elif self._place_context(a):
            # "di Rubavu", "ke Ilaga": a word read as a place on its own is most often a town
            self._add(a, b, None, _key(text), None, fallback="GPE")
        elif _brand_shape(toks[a].text):
            self._add(a, b, None, _key(text), None, fallback="ORG")
        else:
            # A capitalised word inside a sentence is most often a person's name; but not
            # a word the story also writes in lower case (headline case: "Nilai", "Air"),
            # and a story of several paragraphs introduces its people (a full name, a
            # role, a speech verb) or names them again, so a word met once is left out.
            person = text.casefold() not in self.lowercase_vocab and (
                not self.story or text in self.repeated)
            self._add(a, b, None, _key(text), None, fallback="PER" if person else None)

    def _ordinary_words(self, a: int, b: int) -> bool:
        """Every word of the span is one the story also writes in lower case."""
        return all(t.low in self.lowercase_vocab for t in self.tokens[a:b] if t.text.isalpha())

    def _before_apposition(self, b: int) -> bool:
        toks = self.tokens
        return b + 1 < len(toks) and toks[b].text == "," and self._is_name_token(b + 1) \
            and not toks[b + 1].acronym and toks[b + 1].low not in _CALENDAR

    def _address_country(self, b: int) -> str | None:
        """"Bandara Esenboga, Ankara", "Provinsi Sisaket, Thailand": a place written before
        the city or country it lies in, after a comma, is in that country."""
        toks = self.tokens
        if b + 1 >= len(toks) or toks[b].text != ",":
            return None
        for end in range(min(len(toks), b + 4), b + 1, -1):
            if all(t.cap and t.text.isalpha() for t in toks[b + 1:end]):
                place = self._place(self._slice(b + 1, end))
                if place is not None and place.country and (
                        end == len(toks) or not toks[end].cap):
                    return place.country
        return None

    def _apposed_after(self, b: int) -> str | None:
        """"Oleksandr Syrskyi, panglima militer Ukraina, ...": the country that ends a
        lower-case apposition right after a person's name."""
        toks = self.tokens
        if b + 2 >= len(toks) or toks[b].text != ",":
            return None
        k = b + 1
        while k < len(toks) and k - b <= 6 and toks[k].text.isalpha() and not toks[k].cap:
            k += 1
        if k == b + 1:
            return None
        for end in range(min(len(toks), k + 3), k, -1):
            if (end == len(toks) or toks[end].text in {",", "."}) \
                    and is_country(self._slice(k, end)):
                return _country_in(self._slice(k, end))
        return None

    def _apposed_country(self, a: int) -> str | None:
        """"pasangan China, Liang Weijun", "kantor berita Yordania, Petra": a lower-case
        noun and a country, then the name after a comma."""
        toks = self.tokens
        if a < 3 or toks[a - 1].text != ",":
            return None
        for size in (2, 1):
            k = a - 1 - size
            if k >= 1 and toks[k - 1].text.isalpha() and not toks[k - 1].cap \
                    and all(t.cap for t in toks[k:a - 1]) and is_country(self._slice(k, a - 1)):
                return _country_in(self._slice(k, a - 1))
        return None

    def _nationality(self, a: int) -> str | None:
        """"warga negara Malaysia berinisial LKH", "pelatih asal Kroasia, Luka ...": the
        country named after a nationality cue just before the name."""
        toks = self.tokens
        apposed = self._apposed_country(a)
        if apposed is not None:
            return apposed
        if a >= 2 and toks[a - 1].text == "/":
            k = a - 1   # "Liang Weijun/Zhou Hao": the partner's nationality
            while k > 0 and toks[k - 1].cap and toks[k - 1].text.isalpha():
                k -= 1
            return self._nationality(k) if k < a - 1 else None
        for k in range(max(0, a - 7), a):
            if toks[k].low in _NATIONALITY_CUES and k + 1 < a and toks[k + 1].cap:
                country = _country_in(toks[k + 1].text)
                if country is None and k + 2 < a:
                    country = _country_in(self._slice(k + 1, k + 3))
                if country is not None:
                    return country
        return None

    def _initials(self, a: int, b: int) -> bool:
        toks = self.tokens
        if b - a != 1 or not toks[a].text.isalpha() or len(toks[a].text) > 4 \
                or find_institution_exact(toks[a].text) is not None:
            return False   # "KPK", "BPBD": an institution, never a person's initials
        after = [t.text for t in toks[b:b + 3]]
        if len(after) >= 3 and after[0] == "(" and after[1].isdigit() and after[2] == ")":
            return True
        if a > 0 and toks[a - 1].low in {"inisial", "berinisial"}:
            return True   # "pejabat pembuat komitmen (PPK) berinisial RAP"
        back = [t.low for t in toks[max(0, a - 12):a]]
        return any(cue in _INITIALS_CUES for cue in back) and all(
            t.acronym or t.text in {",", "dan", "serta"} or t.low in _INITIALS_CUES
            or (t.text.isalpha() and not t.cap)
            for t in toks[max(0, a - 12):a][-3:])

    def _org_context(self, a: int, b: int) -> bool:
        """"perusahaan Nexora", "klub Arsenal", "Nexora (NXRA)": a kind of organisation
        written before the name, or a ticker or abbreviation after it that is not the
        initials of a person's name ("Susilo Bambang Yudhoyono (SBY)")."""
        toks = self.tokens
        if a > 0 and toks[a - 1].low in _ORG_CUES and not toks[a - 1].cap:
            return True
        if a >= 3 and toks[a - 1].text == ",":
            for size in (2, 1):
                k = a - 1 - size
                if k >= 1 and toks[k - 1].low in _ORG_CUES | {"berita"} and not toks[k - 1].cap \
                        and is_country(self._slice(k, a - 1)):
                    return True   # "kantor berita Yordania, Petra"
        if b + 2 < len(toks) and toks[b].text == "(" and toks[b + 2].text == ")" \
                and toks[b + 1].acronym and toks[b + 1].text.isalpha():
            initials = "".join(t.text[0] for t in toks[a:b] if t.text.isalpha())
            return toks[b + 1].text != initials.upper()
        return False

    def _clause_subject(self, b: int) -> bool:
        """A word opening a sentence before a verb: "Jonan mengatakan", "Risma pun"."""
        toks = self.tokens
        if b >= len(toks) or toks[b].cap or not toks[b].text.isalpha():
            return False
        nxt = toks[b].low
        return nxt in _SPEECH or nxt in _CLAUSE_AFTER

    def _person_context(self, a: int, b: int) -> bool:
        toks = self.tokens
        before = toks[a - 1].low if a else ""
        after = toks[b].low if b < len(toks) else ""
        ranks = lexicon().ranks
        return before in _SPEECH or after in _SPEECH or before in ranks or (
            after == "," and b + 1 < len(toks) and toks[b + 1].low in _SPEECH)

    def _place_context(self, a: int) -> bool:
        return a > 0 and self.tokens[a - 1].low in _PLACE_CUES

    def _role_before(self, a: int) -> str | None:
        """A role written before a name in lower case or after a comma:
        "pelatih Persib Luka ...", "kuasa hukum Rahmad, Yosef ...", "Aktris Nadira ..."."""
        lex = lexicon()
        toks = self.tokens
        if toks[a].initial:
            return None   # a role is not carried over from the sentence before
        end = self._strip_ranks_back(max(0, a - _ROLE_REACH), a)
        lows = self.lows
        start = end
        while start > max(0, a - _ROLE_REACH):
            start -= 1
            tok = toks[start]
            if tok.text == ")" and start >= 2 and toks[start - 2].text == "(" \
                    and _bracketed_short_form(toks[start - 1]):
                start -= 2   # "Dinas Pekerjaan Umum dan Penataan Ruang (PUPR) Garut, ..."
                continue
            if tok.low in _SPEECH or tok.text in {".", ";", ":", "(", ")", "\"", "“", "”"}:
                return None
            if lex.offices.match(lows, start) and start + lex.offices.match(lows, start) <= end:
                return _without_nationality(self._slice(start, end).rstrip(" ,")) or None
            if tok.low == "dan" and 0 < start < a - 1 and toks[start - 1].cap \
                    and toks[start + 1].cap:
                continue   # inside a body's name: "Pekerjaan Umum dan Penataan Ruang"
            if not tok.cap and tok.low in {"yang", "dan", "bahwa", "oleh", "dengan", "untuk"}:
                return None
            if not tok.cap and (tok.low in {"di", "ke", "dari"} or (
                    _ACTIVE_VERB.fullmatch(tok.low) and tok.low not in lex.role_words)):
                return None   # "Bupati X meninjau lokasi di Cisarua": a clause, not a role
        return None

    def _add(self, a: int, b: int, kind: EntityType | None, key: str, country: str | None,
             *, role: str | None = None, strong: bool = False,
             fallback: EntityType | None = None) -> None:
        toks = self.tokens
        text = self._slice(a, b)
        alias = None
        if b + 2 < len(toks) and toks[b].text == "(" and toks[b + 2].text == ")" \
                and _short_form(toks[b + 1]) and kind in {"ORG", "LOC", "GPE"} \
                and _abbreviates(toks[b + 1].text, text):
            alias = toks[b + 1].text
            self.skip_to = b + 3
        if country is None and kind in {"GPE", "LOC"} and not _is_supranational(text):
            country = self._address_country(b)
        self.found.append(Candidate(text, kind, self.paragraph, toks[a].start, toks[b - 1].end,
                                    key, country, role, strong, fallback=fallback))
        if kind in {"ORG", "LOC"} and b - a > 1:
            self.known.add(_key(text))
        if alias:
            self.found.append(Candidate(alias, kind, self.paragraph, toks[b + 1].start,
                                        toks[b + 1].end, key, country, None, True,
                                        alias_of=key))


# English function words that join the words of a title or a body's name, never a
# person's ("The Avengers", "Bank of America", "Center for ...").
_ENGLISH_LINKS = frozenset({"the", "of", "for", "and"})
_LIST_GAP = re.compile(r"\s*(?:,|dan|serta|atau|maupun|,\s*dan|,\s*serta|/)\s*")


def _bracketed_short_form(tok: Token) -> bool:
    """A body's short form as written in brackets after its name ("PUPR", "Disbudpar")."""
    return tok.acronym or (tok.cap and tok.text.isalpha() and len(tok.text) <= 12)


def _short_form(tok: Token) -> bool:
    """"BPBD", "Indeci", "Kemenlu": one capitalised word that may abbreviate a name."""
    return tok.acronym or (tok.cap and tok.text.isalpha() and 3 <= len(tok.text) <= 8)


def _share_type(chain: list[Candidate]) -> None:
    """Give the untyped words of a list the kind its typed members agree on."""
    kinds = {c.type or c.fallback for c in chain
             if c.type or c.fallback in {"ORG", "LOC", "GPE"}}
    kinds.discard(None)
    places = {"GPE", "LOC"}
    kind: EntityType | None = None
    if kinds == {"ORG"} or (kinds == {"ORG", "PER"} and any(c.fallback == "ORG" or (
            c.type == "ORG" and c.strong) for c in chain) and not any(
            c.type == "PER" and c.strong for c in chain)):
        kind = "ORG"
    elif kinds and kinds <= places:
        kind = "GPE" if "GPE" in kinds else "LOC"   # "Ilaga, Sinak dan Beoga": towns
    if kind is None:
        return
    for cand in chain:
        if cand.type is None and cand.fallback in {None, "PER"} and " " not in cand.text:
            cand.fallback = kind


_ROLE_REACH = 16   # tokens a role before a name may span, its body's name included
_NOMINAL = re.compile(r"(?:pe|ke)\w{4,}an")
# "GrabCar", "BlackBerry", "WhatsApp": a capital inside a word after three or more small
# letters is the shape of a brand; a surname prefix ("McDonald", "DiCaprio", "MacArthur",
# "VanDyke") is not.
_BRAND = re.compile(r"(?!Mac|Van|Von|Del|Dos|Das)[A-Z][a-z]{2,}[A-Z][A-Za-z]*")
_STORY_PARAGRAPHS = 3


@cache
def _currency_codes() -> frozenset[str]:
    import pycountry  # loaded on first use, like the gazetteers in places.py

    return frozenset(str(c.alpha_3) for c in pycountry.currencies)


def _currency_code(word: str) -> bool:
    """An ISO 4217 code ("USD", "IDR"), from pycountry."""
    return len(word) == 3 and word in _currency_codes()


def _head_word(text: str) -> bool:
    """A word that heads Indonesian names of places or bodies ("Kota", "Pulau", "Dinas")."""
    lex, words = lexicon(), [text.casefold()]
    return " " not in text and bool(lex.gpe_heads.match(words) or lex.loc_heads.match(words)
                                    or lex.org_heads.match(words))


def _brand_shape(word: str) -> bool:
    return bool(_BRAND.fullmatch(word))


def _affixed_word(word: str) -> bool:
    """"Sayangnya", "Dikarenakan", "Akhirnya": an ordinary word opening a sentence; so are
    pe-an and ke-an nouns ("Pencarian", "Perundingan", "Kedatangan")."""
    return len(word) > 5 and (word.endswith(("nya", "kan", "lah", "pun"))
                              or bool(_NOMINAL.fullmatch(word)))


def _without_nationality(role: str) -> str:
    """"pelatih Persib asal Kroasia" → "pelatih Persib"."""
    return re.split(r"\s+(?:asal|berkewarganegaraan|warga negara)\s", role, maxsplit=1)[0]


def _key(text: str) -> str:
    return " ".join(text.replace("(", " ").replace(")", " ").split()).casefold()


def _abbreviates(short: str, name: str) -> bool:
    """"BPBD" for "Badan Penanggulangan ...", "BBCA" for "PT Bank Central Asia Tbk"."""
    known = find_institution(short)
    if known is not None and _key(known.name) != _key(name) and short not in name:
        return _key(known.name) in _key(name)
    initials = [w[0].upper() for w in re.findall(r"\w+", name)]
    return short[0].upper() in initials[:2] or short in name


_BRACKETED = re.compile(r"\([^()]*\)")


def _org_key(text: str) -> str:
    """A grouping key for an organisation: abbreviations expanded, places canonical,
    "Provinsi" dropped ("kemenhan Armenia" = "Kementerian Pertahanan Armenia")."""
    words = _BRACKETED.sub(" ", text).split()   # "Badan X (BX) Provinsi Y" = "BX Provinsi Y"
    if not words:
        return ""
    first = find_institution(words[0])
    head = [first.name] if first is not None and len(words) > 1 else [words[0]]
    rest = [w for w in words[1:] if w.casefold() != "provinsi"]
    if rest:
        place = find_place(" ".join(rest))
        if place is not None:
            rest = [place.name]
    return _key(" ".join(head + rest))


# --- Grouping --------------------------------------------------------------------------

@dataclass(slots=True)
class Group:
    key: str
    type: EntityType
    members: list[Candidate]

    @property
    def forms(self) -> list[str]:
        seen: dict[str, None] = {}
        for member in self.members:
            seen.setdefault(member.text, None)
        return list(seen)


def _group(candidates: list[Candidate]) -> list[Group]:
    groups: dict[tuple[str, str], Group] = {}
    typed = [c for c in candidates if c.type is not None]
    _link_people(typed)
    _link_places(typed)
    _link_orgs(typed)
    for cand in typed:
        assert cand.type is not None
        gkey = (cand.type, cand.key)
        groups.setdefault(gkey, Group(cand.key, cand.type, [])).members.append(cand)
    _attach_bare(candidates, groups)
    return sorted(groups.values(), key=lambda g: (g.members[0].paragraph, g.members[0].start))


def _link_people(cands: list[Candidate]) -> None:
    people = [c for c in cands if c.type == "PER"]
    full = [c for c in people if len(c.key.split()) > 1]
    for cand in people:
        words = cand.key.split()
        container = _container(words, full, cand)
        if container is not None:
            cand.key = container.key


def _container(words: list[str], full: list[Candidate], cand: Candidate) -> Candidate | None:
    best: Candidate | None = None
    phrase = " ".join(words)
    for other in full:
        if phrase not in other.key:
            continue   # a cheap test first: the words in a row are part of the key's text
        ow = other.key.split()
        if len(ow) > len(words) and _contains(ow, words) and (
                best is None or len(ow) > len(best.key.split())):
            best = other
    return best


def _contains(outer: list[str], inner: list[str]) -> bool:
    n = len(inner)
    return any(outer[i:i + n] == inner for i in range(len(outer) - n + 1))


def _link_places(cands: list[Candidate]) -> None:
    """A bare place name joins the "Kabupaten ..." form written before its own first
    mention in the body ("Kabupaten Bima ... Bima"); a bare name written first stays apart
    ("di Bekasi ... Kabupaten Bekasi")."""
    headed: dict[str, Candidate] = {}
    first_bare: dict[str, tuple[int, int]] = {}
    for cand in cands:
        if cand.type not in {"GPE", "LOC"} or not cand.paragraph:
            continue
        bare = strip_admin_head(cand.key)
        if bare != cand.key and cand.type == "GPE":
            headed.setdefault(bare, cand)
        else:
            first_bare.setdefault(cand.key, (cand.paragraph, cand.start))
    regencies = {c.key for c in cands if c.type == "GPE" and c.key.startswith("kabupaten ")}
    for cand in cands:
        if cand.type == "GPE" and cand.key.startswith("kota ") \
                and strip_admin_head(cand.key) in first_bare \
                and "kabupaten " + strip_admin_head(cand.key) not in regencies:
            cand.key = strip_admin_head(cand.key)   # "Surabaya ... Kota Surabaya": the city
            continue
        if cand.type not in {"GPE", "LOC"} or strip_admin_head(cand.key) != cand.key:
            continue
        home = headed.get(cand.key) or headed.get(_key(cand.text))
        first = first_bare.get(cand.key, (0, 0))
        if home is not None and (home.paragraph, home.start) < first:
            cand.key, cand.type = home.key, "GPE"


def _link_orgs(cands: list[Candidate]) -> None:
    orgs = [c for c in cands if c.type == "ORG"]
    aliases = {c.text: c.alias_of for c in orgs if c.alias_of}
    keys = {c.key for c in orgs}
    for cand in orgs:
        if aliases.get(cand.text):
            cand.key = aliases[cand.text] or cand.key
            continue
        longer = [k for k in keys if k != cand.key and k.startswith(cand.key + " ")]
        if len(longer) == 1 or (longer and find_institution(cand.text) is None):
            cand.key = min(longer, key=len)


def _attach_bare(candidates: list[Candidate], groups: dict[tuple[str, str], Group]) -> None:
    """Capitalised single words with no type of their own join a group that has them as a
    word ("Putin" after "Vladimir Putin", "Persib" after "Persib Bandung"); the others
    take their fallback type (a speaker is a person), or are left out."""
    homes = _BareHomes(groups)
    for cand in candidates:
        if cand.type is not None:
            continue
        word = _key(cand.text)
        group = homes.find(word)
        if group is None and cand.fallback is not None:
            group = groups.setdefault((cand.fallback, cand.key),
                                      Group(cand.key, cand.fallback, []))
            homes.add_group(group)
        if group is not None:
            cand.type = group.type
            group.members.append(cand)
            homes.add_form(group, word)


class _BareHomes:
    """Where a bare word belongs, in this order: the first person group with the word in
    its name, else the first organisation group whose name starts with it, else the first
    group with a member written so ("first": in the order the groups were made)."""

    def __init__(self, groups: dict[tuple[str, str], Group]) -> None:
        self.order: dict[int, int] = {}
        self.people: dict[str, Group] = {}
        self.orgs: dict[str, Group] = {}
        self.forms: dict[str, Group] = {}
        for group in groups.values():
            self.add_group(group)

    def add_group(self, group: Group) -> None:
        if id(group) in self.order:
            return
        self.order[id(group)] = len(self.order)
        words = group.key.split()
        if group.type == "PER":
            for word in words:
                self.people.setdefault(word, group)
        elif group.type == "ORG" and words:
            self.orgs.setdefault(words[0], group)
        for member in group.members:
            self.add_form(group, _key(member.text))

    def add_form(self, group: Group, word: str) -> None:
        best = self.forms.get(word)
        if best is None or self.order[id(group)] < self.order[id(best)]:
            self.forms[word] = group

    def find(self, word: str) -> Group | None:
        return self.people.get(word) or self.orgs.get(word) or self.forms.get(word)


# --- Entities --------------------------------------------------------------------------

def _entity(group: Group, context_country: str) -> Entity:
    name = max(group.forms, key=lambda form: (len(form.split()), len(form)))
    if name[:1].islower():
        name = " ".join(w[:1].upper() + w[1:] if w.isalpha() else w for w in name.split())
    country = next((m.country for m in group.members if m.country), None)
    role = next((m.role for m in group.members if m.role), None)
    if country is None and group.type == "PER" and role:
        country = _country_in(role)
    if country is None and not _international(group):
        country = context_country
    return Entity(name=name, type=group.type, mentions=tuple(group.forms), country=country,
                  role=role if group.type == "PER" else None)


def _international(group: Group) -> bool:
    """An IGO or a supranational region: known, and belonging to no one country."""
    text = group.members[0].text
    known = find_institution(text)
    if known is not None:
        return known.country is None
    return group.type in {"GPE", "LOC"} and _is_supranational(text)


def _country_in(text: str) -> str | None:
    words = text.replace(",", " ").split()
    for size in (3, 2, 1):
        for i in range(len(words) - size, -1, -1):
            piece = " ".join(words[i:i + size])
            if is_city_only(piece) and _head_word(piece):
                continue   # "Kapolsek Kota": the word, not Kota in Rajasthan
            found = find_place(piece) or find_institution(piece)
            if found is not None and found.country:
                return found.country
    return None


def _paragraphs(doc: FactsDoc) -> list[tuple[int, str]]:
    out = [(0, doc.article.title)] if doc.article.title else []
    return out + list(enumerate(doc.article.body, start=1))


def _vocabulary(paragraphs: list[tuple[int, str]]) -> frozenset[str]:
    words: set[str] = set()
    for _, text in paragraphs:
        words.update(w for w in re.findall(r"\b[a-z]\w+", text))
    return frozenset(words)


def _repeated_acronyms(paragraphs: list[tuple[int, str]]) -> frozenset[str]:
    counts: dict[str, int] = {}
    for _, text in paragraphs:
        for word in re.findall(r"\b[A-Z]{2,6}\b|\b[A-Z][a-z]+\b", text):
            counts[word] = counts.get(word, 0) + 1
    return frozenset(word for word, count in counts.items() if count > 1)


_ADMIN = re.compile(r"\b(?:Kabupaten|Kota|Provinsi|Kecamatan|Distrik|Desa|Kelurahan)"
                    r"((?: [A-Z][\w'-]*)+)")


def _admin_names(paragraphs: list[tuple[int, str]]) -> frozenset[str]:
    """Names written somewhere after an administrative head ("Kabupaten Yahukimo")."""
    names = {_key(m.group(1)) for _, text in paragraphs for m in _ADMIN.finditer(text)}
    directional = {"barat", "timur", "utara", "selatan", "tengah", "laut", "darat", "daya"}
    names |= {n.rsplit(" ", 1)[0] for n in names if n.rsplit(" ", 1)[-1] in directional}
    return frozenset(names)


def read_candidates(paragraphs: list[tuple[int, str]],
                    headlines: frozenset[int] = frozenset(),
                    tokens: dict[int, list[Token]] | None = None) -> list[Candidate]:
    """Candidates of every paragraph but the ``headlines`` (read for known names only);
    ``tokens``: each paragraph's tokens when already cut."""
    vocab = _vocabulary(paragraphs)
    repeated = _repeated_acronyms(paragraphs)
    admin = _admin_names(paragraphs)
    found: list[Candidate] = []
    known: set[str] = set()
    story = sum(1 for number, _ in paragraphs if number) >= _STORY_PARAGRAPHS
    for number, text in paragraphs:
        if number in headlines:
            continue
        cut = tokens[number] if tokens is not None and number in tokens else tokenize(text)
        found.extend(Reader(cut, text, number, vocab, repeated, admin, story, known).run())
    return found


def _title_case(tokens: list[Token]) -> bool:
    words = [t for t in tokens if t.text.isalpha() and len(t.text) > 3]
    return len(words) >= 3 and sum(t.cap for t in words) / len(words) > 0.7


_CROSSHEAD_WORDS = 12


def _headline(number: int, text: str, tokens: list[Token]) -> bool:
    """The headline, or a crosshead inside the body ("Hujan Deras Picu Longsor"): a short
    line with no sentence end, in Title Case, where capitals say nothing about names."""
    if number and (len(text.split()) > _CROSSHEAD_WORDS or text.rstrip()[-1:] in ".!?\"”"
                   or ":" in text or ";" in text or text.count(",") > 1):
        return False   # a sentence, or a list of names (a line-up: "Persija: A, B, C")
    return _title_case(tokens)


def _title_mentions(number: int, title: str, tokens: list[Token],
                    forms: dict[str, Group]) -> None:
    """A Title Case headline or crosshead: only known surface forms (``forms``: a written
    form's key → its group) are mentions."""
    i = 0
    while i < len(tokens):
        for size in range(min(6, len(tokens) - i), 0, -1):
            if not (tokens[i].text[0].isalnum() and tokens[i + size - 1].text[0].isalnum()):
                continue   # "Apple (": a name does not start or end with punctuation
            piece = title[tokens[i].start:tokens[i + size - 1].end]
            group = forms.get(_key(piece))
            if group is not None:
                group.members.append(Candidate(piece, group.type, number, tokens[i].start,
                                               tokens[i + size - 1].end, group.key))
                i += size - 1
                break
        i += 1


def find_entities(doc: FactsDoc) -> FactsDoc:
    """Fill ``doc.entities`` and ``doc.mentions`` (entity index → mentions)."""
    paragraphs = _paragraphs(doc)
    tokens = {number: tokenize(text) for number, text in paragraphs}   # cut once
    headlines = frozenset(number for number, text in paragraphs
                          if _headline(number, text, tokens[number]))
    groups = _group(read_candidates(paragraphs, headlines, tokens))
    forms = {_key(m.text): g for g in groups for m in g.members} if headlines else {}
    for number, text in paragraphs:
        if number in headlines:
            _title_mentions(number, text, tokens[number], forms)
    context = _main_country(groups)
    _place_countries(groups, dict(paragraphs), abroad=context != "IDN")
    doc.entities = [_entity(group, context) for group in groups]
    doc.mentions = {
        index: [Mention(m.text, m.paragraph, m.start, m.end) for m in group.members]
        for index, group in enumerate(groups)}
    return doc


_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z“\"])")


def _is_supranational(name: str) -> bool:
    """A place the gazetteer knows and deliberately gives no country (continents, regions)."""
    place = find_place(name)
    return place is not None and place.country is None


def _place_countries(groups: list[Group], texts: dict[int, str], *, abroad: bool) -> None:
    """A place the gazetteer gives no country (or a region name several countries have:
    "Amazonas") belongs to the country its sentence names nearest before it ("warga Peru
    di Provinsi Condorcanqui"); in a story set abroad, else the nearest after it ("di Istana
    Itamaraty ... Presiden Brasil")."""
    countries = sorted((m for g in groups if g.type == "GPE" for m in g.members
                        if m.country and m.paragraph and is_country(m.text)),
                       key=lambda m: (m.paragraph, m.start))
    if not countries:
        return
    for group in groups:
        if group.type == "ORG" and abroad and not any(m.country for m in group.members) \
                and not find_institution(group.members[0].text):
            pass   # a local body of the foreign story ("Instituto Nacional ... (Indeci)")
        elif group.type not in {"GPE", "LOC"} or any(is_country(m.text) for m in group.members):
            continue
        first = next((m for m in group.members if m.paragraph), None)
        if first is None:
            continue
        regions = countries_of_region(first.text)
        if any(m.country for m in group.members) and len(regions) < 2:
            continue
        if not regions and _is_supranational(first.text):
            continue  # "Eropa", "Timur Tengah": known regions of many countries stay null
        text = texts.get(first.paragraph, "")
        left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, first.start)), default=0)
        right_m = _SENTENCE_END.search(text, first.end)
        right = right_m.start() if right_m else len(text)
        same = [c for c in countries if c.paragraph == first.paragraph
                and left <= c.start and c.end <= right and c.country != "IDN"]
        if regions:
            same = [c for c in same if c.country in regions]
        before = [c for c in same if c.end <= first.start]
        after = [c for c in same if c.start >= first.end]
        chosen = before[-1] if before else (after[0] if after and abroad else None)
        if chosen is not None:
            for member in group.members:
                member.country = chosen.country


def _only_short_forms(groups: list[Group]) -> bool:
    """Every Indonesian name of the story is a lone short form (an ambiguous acronym)."""
    return all(m.text.isupper() and " " not in m.text for g in groups for m in g.members
               if m.country == "IDN")


def _main_country(groups: list[Group]) -> str:
    """Indonesia unless the story is set abroad: the country named most among places."""
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    idn_place = any(m.country == "IDN" for g in groups if g.type in ("GPE", "LOC")
                    for m in g.members)
    for group in groups:
        places = group.type in ("GPE", "LOC")
        for member in group.members:
            if member.country:
                counts[member.country] = counts.get(member.country, 0) + (2 if places else 1)
                first[member.country] = min(first.get(member.country, 1 << 30),
                                            member.paragraph * 100000 + member.start)
    if not counts or (counts.get("IDN", 0) and (idn_place or not _only_short_forms(groups))):
        return "IDN"   # a story naming Indonesia at all is read from Indonesia, unless its
        #                only Indonesian name is a short form read abroad ("BSI" in Berlin)
    return max(counts, key=lambda code: (counts[code], -first[code]))
