"""Fact component: counted people and things (killed, injured, detained ...) → doc.quantities.

Each sentence is read as *counted phrases* (qualifier + numeral + noun: "sedikitnya 11 orang")
and *cues* from ``data/quantities.yaml``. A cue that follows its phrase ("15 tentara tewas")
takes the nearest phrase before it and the list it closes ("lima tentara dan dua warga sipil
tewas"); a cue that precedes it ("menewaskan 14 orang", "mengerahkan 120 personel") takes the
phrase after it and the list it opens. Totals broken down ("terdiri atas sembilan mahasiswa
dan lima anggota polisi") pass their kind on. A number said again later is one entry, with the
first statement's qualifier and source.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import pairwise
from typing import Any, Literal, cast

import yaml

from warta.facts.document import FactsDoc, Sentence
from warta.facts.lowercase import lowered
from warta.facts.numerals import NumberSpan, find_numbers
from warta.models import Quantity

QualifierName = Literal["exact", "at_least", "at_most", "approx"]
_WORDS = re.compile(r"[\w-]+")
_PARENS = re.compile(r"\([^()]*\)")
_HARD_BREAK = re.compile(r"[;:!?\"“”]|\.(?!\d)")
_LIST_GAP = re.compile(r"\s*(?:,\s*)?(?:(?:dan|serta|atau)\s+)?", re.IGNORECASE)
_PARTITIVE = re.compile(r"\s*(?:di\s*antaranya|diantara(?:nya)?\b)", re.I)
_GAME_NOUNS = frozenset({"kill", "kills", "assist", "assists", "death", "deaths", "kali"})
_PROTEST = re.compile(r"\b(?:demo\w*|unjuk rasa|berunjuk rasa|pengunjuk rasa|mogok|aksi|protes|"
                      r"berorasi|turun ke jalan|long march)\b", re.I)
_VERB_PREFIX = re.compile(r"(?:me|ber|di|ter)\w{3,}$")


@dataclass(frozen=True, slots=True)
class Lexicon:
    """``data/quantities.yaml`` compiled: cue → kinds, and the word lists."""

    cues: dict[str, list[tuple[str, str]]]
    heads: dict[str, frozenset[str]]
    cue_heads: dict[str, frozenset[str]]
    qualifiers: dict[str, QualifierName]
    trailing: dict[str, QualifierName]
    words: dict[str, frozenset[str]]
    cue_pattern: re.Pattern[str]
    qualifier_pattern: re.Pattern[str]
    breakdown_pattern: re.Pattern[str]
    adverbial_pattern: re.Pattern[str]

    def has(self, listname: str, word: str) -> bool:
        return word.lower() in self.words[listname]


def _alternation(phrases: Iterable[str]) -> str:
    ordered = sorted(set(phrases), key=len, reverse=True)
    return "|".join(re.escape(phrase).replace(r"\ ", r"\s+") for phrase in ordered)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The quantities lexicon, read once."""
    text = resources.files("warta.facts").joinpath("data/quantities.yaml").read_text("utf-8")
    return _compile(yaml.safe_load(text))


def _compile(data: dict[str, Any]) -> Lexicon:
    cues: dict[str, list[tuple[str, str]]] = {}
    heads: dict[str, frozenset[str]] = {}
    for kind, block in data["kinds"].items():
        for direction in ("before", "after", "nouns"):
            for cue in block.get(direction) or ():
                cues.setdefault(cue, []).append((kind, direction))
        heads[kind] = frozenset(block.get("heads") or ())
    qualifiers = {word: cast(QualifierName, name) for name, words in data["qualifiers"].items()
                  if name != "after_number" for word in words}
    trailing = {word: cast(QualifierName, name)
                for name, words in data["qualifiers"]["after_number"].items() for word in words}
    lists = {name: frozenset(str(word).lower() for word in value) for name, value in data.items()
             if isinstance(value, list)}
    cue_heads = {cue: frozenset(str(h).lower() for h in allowed)
                 for cue, allowed in (data.get("cue_heads") or {}).items()}
    return Lexicon(
        cues=cues, heads=heads, cue_heads=cue_heads, qualifiers=qualifiers, trailing=trailing,
        words=lists,
        cue_pattern=re.compile(rf"(?<![\w-])(?:{_alternation(cues).lower()})(?![\w-])"),
        qualifier_pattern=re.compile(rf"(?<![\w-])({_alternation(qualifiers)})\s+$", re.I),
        breakdown_pattern=re.compile(rf"(?<![\w-])(?:{_alternation(data['breakdowns'])})"
                                     r"(?![\w-])", re.I),
        adverbial_pattern=re.compile(
            rf"(?<![\w-])(?:{_alternation(data.get('adverbials') or ['-'])})(?![\w-])", re.I),
    )


@dataclass(slots=True)
class Phrase:
    """A counted phrase of one sentence: "sedikitnya 11 orang"."""

    number: NumberSpan
    start: int
    end: int
    noun: str
    qualifier: QualifierName
    kind: str | None = None
    who: str | None = None

    partitive: bool = False  # "9 di antaranya": part of the count before it

    @property
    def head(self) -> str:
        return self.noun.split()[0].lower() if self.noun else ""


@dataclass(frozen=True, slots=True)
class Cue:
    """A cue word in a sentence and the kinds it signals, by direction."""

    start: int
    end: int
    text: str
    senses: tuple[tuple[str, str], ...]
    negated: bool

    def kind(self, direction: str) -> str | None:
        return next((kind for kind, where in self.senses if where == direction), None)


# ---------------------------------------------------------------- reading one sentence


def find_cues(text: str, lex: Lexicon | None = None) -> list[Cue]:
    """Cue words in ``text``, longest match first, with whether a negator precedes them."""
    lex = lex or lexicon()
    cues = []
    for match in lex.cue_pattern.finditer(lowered(text)):   # the pattern is lower-case
        key = " ".join(match.group(0).split())
        previous = _WORDS.findall(text[max(0, match.start() - 30):match.start()])[-1:]
        negated = bool(previous) and lex.has("negators", previous[0])
        cues.append(Cue(match.start(), match.end(), text[match.start():match.end()],
                        tuple(lex.cues[key]), negated))
    return cues


def find_phrases(text: str, cues: list[Cue], lex: Lexicon | None = None,
                 numbers: list[NumberSpan] | None = None) -> list[Phrase]:
    """Counted phrases of a sentence; numbers that are dates, ages, units, money are left out."""
    lex = lex or lexicon()
    cue_starts = {cue.start for cue in cues if cue.kind("before") or cue.kind("after")}
    phrases = []
    for span in find_numbers(text) if numbers is None else numbers:
        phrase = _phrase(text, span, cue_starts, lex)
        if phrase is not None:
            phrases.append(phrase)
    return phrases


def _phrase(text: str, span: NumberSpan, cue_starts: set[int], lex: Lexicon) -> Phrase | None:
    match = lex.qualifier_pattern.search(text, max(0, span.start - 40), span.start)
    start = match.start() if match else span.start
    qualifier: QualifierName = lex.qualifiers[_norm(match.group(1))] if match else "exact"
    if _not_a_count(text, span, start, lex):
        return None
    noun, end = _noun_after(text, span.end, cue_starts, lex)
    if noun and (lex.has("non_counts", noun.split()[0]) or lex.has("non_counts", noun)):
        return None
    trailing = _WORDS.match(text[end:].lstrip())
    if trailing and trailing.group(0).lower() in lex.trailing and qualifier == "exact":
        qualifier = lex.trailing[trailing.group(0).lower()]
    partitive = _PARTITIVE.match(text, end)
    if partitive and not noun:  # "dua di antaranya warga sipil"
        noun = _noun_after(text, partitive.end(), cue_starts, lex)[0]
    return Phrase(span, start, end, noun, qualifier, partitive=bool(partitive))


def _norm(words: str) -> str:
    return " ".join(words.lower().split())


def _not_a_count(text: str, span: NumberSpan, start: int, lex: Lexicon) -> bool:
    before = text[:start].rstrip()
    after = text[span.end:].lstrip()
    if before.endswith(("(", ")", "/", "#")) or after.startswith((")", "/", "%")):
        return True
    if isinstance(span.value, float) or _is_year(span):
        return True
    previous = _WORDS.findall(before)[-1:]
    if not previous:
        return False
    word = previous[0]
    if lex.has("skip_after", word):
        return True
    return _proper_name_before(before, word, lex)


def _is_year(span: NumberSpan) -> bool:
    return span.kind == "digits" and span.text.isdigit() and 1900 <= int(span.text) <= 2100


def _proper_name_before(before: str, word: str, lex: Lexicon) -> bool:
    """'Densus 88', 'Nikkei 225', 'Blaze 5': a number right after a capitalised name."""
    if not word[:1].isupper() or not before.endswith(word):
        return False
    first_word = bool(re.fullmatch(r"\W*[\w-]+", before))
    known = any(lex.has(name, word) for name in ("boundaries", "phrase_stops", "links",
                                                 "breakdowns"))
    return not (first_word and (known or word.lower() in {"sebanyak", "total", "kini", "selain",
                                                           "bahkan", "tercatat", "ada"}))


def _noun_after(text: str, pos: int, cue_starts: set[int], lex: Lexicon) -> tuple[str, int]:
    """The counted noun written after a numeral ("tentara Armenia") and where it ends."""
    words: list[str] = []
    end = pos
    for match in re.finditer(r"\s*([\w-]+|\S)", text[pos:]):
        word, at = match.group(1), pos + match.start(1)
        if len(words) == 4 or at in cue_starts or not _noun_word(word, lex):
            break
        words.append(word)
        end = pos + match.end()
    if len(words) > 1 and words[0].lower() == "orang":
        words = words[1:]
    return " ".join(words), end


def _noun_word(word: str, lex: Lexicon) -> bool:
    lower = word.lower()
    if not re.fullmatch(r"[^\W\d][\w-]*", word) or lex.has("phrase_stops", lower):
        return False
    if word[:1].isupper() or lex.has("noun_exceptions", lower) or lex.has("people", lower):
        return True
    return not _VERB_PREFIX.match(lower)


# ---------------------------------------------------------------- cues meet phrases


def assign_kinds(text: str, phrases: list[Phrase], cues: list[Cue],
                 lex: Lexicon | None = None) -> None:
    """Set ``kind`` on the phrases that the sentence's cues count."""
    lex = lex or lexicon()
    reader = _Reader(text, phrases, cues, lex)
    reader.run()


@dataclass(slots=True)
class _Reader:
    text: str
    phrases: list[Phrase]
    cues: list[Cue]
    lex: Lexicon

    def run(self) -> None:
        used: set[int] = set()
        for index, cue in enumerate(self.cues):
            kind = cue.kind("before")
            if kind and not cue.negated and self._backward(cue, kind):
                used.add(index)
        for index, cue in enumerate(self.cues):
            kind = cue.kind("after")
            if kind and not cue.negated and self._forward(cue, kind):
                used.add(index)
        for index, cue in enumerate(self.cues):
            kind = cue.kind("before") or cue.kind("nouns")
            if kind and index not in used and not cue.negated:
                self._linked(cue, kind)
        self._breakdowns()
        self._nouns()

    # -- helpers

    def _blocked(self, start: int, end: int, max_words: int) -> bool:
        gap = _PARENS.sub(" ", self.text[start:end])
        gap = self.lex.adverbial_pattern.sub(" ", gap)   # "lima warga hingga kini masih ..."
        words = _WORDS.findall(gap)
        if _HARD_BREAK.search(gap) or len(words) > max_words:
            return True
        if any(self.lex.has("boundaries", word) for word in words):
            return True
        return any(start <= cue.start < end for cue in self.cues)

    def _list_gap(self, start: int, end: int) -> bool:
        gap = _PARENS.sub(" ", self.text[start:end])
        return bool(_LIST_GAP.fullmatch(gap))

    def _fits(self, phrase: Phrase, kind: str) -> bool:
        if phrase.number.value is None or phrase.kind is not None:
            return False
        head = phrase.head
        if self.lex.has("remains", head) and kind != "killed":
            return False
        if kind == "damaged":
            return phrase.number.kind != "single" and not self.lex.has("people", head)
        if kind == "deployed":
            heads = self.lex.heads["deployed"]
            return phrase.number.kind != "single" and (
                not phrase.noun or head in heads or phrase.noun.lower() in heads)
        return phrase.number.kind != "single" or self.lex.has("people", head) or not head

    def _claim(self, phrase: Phrase, kind: str, cue: Cue | None = None) -> bool:
        if not self._fits(phrase, kind):
            return False
        allowed = self.lex.cue_heads.get(" ".join(cue.text.lower().split())) if cue else None
        if allowed is not None and phrase.head and phrase.head not in allowed:
            return False
        phrase.kind = kind
        return True

    # -- the passes

    def _backward(self, cue: Cue, kind: str) -> bool:
        before = [p for p in self.phrases if p.end <= cue.start]
        if not before or self._blocked(before[-1].end, cue.start, 8):
            return False
        index = len(before) - 1
        if not self._claim(before[index], kind, cue):
            return before[index].number.value is None
        while (index > 0 and not before[index].partitive
               and self._list_gap(before[index - 1].end, before[index].start)):
            if (self._opened_by_cue(before[index - 1])
                    or not self._claim(before[index - 1], kind, cue)):
                break
            index -= 1
        return True

    def _opened_by_cue(self, phrase: Phrase) -> bool:
        return any(cue.end <= phrase.start and cue.kind("after")
                   and not _WORDS.findall(self.text[cue.end:phrase.start])
                   for cue in self.cues)

    def _forward(self, cue: Cue, kind: str) -> bool:
        after = [p for p in self.phrases if p.start >= cue.end]
        if not after or self._blocked(cue.end, after[0].start, 3):
            return False
        if not self._claim(after[0], kind, cue) and not (
                kind == "damaged" and after[0].number.kind == "single"):
            return after[0].number.value is None
        # "membakar sebuah gedung sekolah dan dua rumah guru": a single object is no entry,
        # the numbered ones listed with it are
        for previous, phrase in pairwise(after):
            if (not self._list_gap(previous.end, phrase.start)
                    or not self._claim(phrase, kind, cue)):
                break
        return True

    def _linked(self, cue: Cue, kind: str) -> None:
        """'jumlah korban tewas mencapai 20 orang': cue, a few words, a link, the count."""
        after = [p for p in self.phrases if p.start >= cue.end]
        if not after:
            return
        words = _WORDS.findall(self.text[cue.end:after[0].start])
        if (words and len(words) <= 5 and self.lex.has("links", words[-1])
                and not _HARD_BREAK.search(self.text[cue.end:after[0].start])):
            self._claim(after[0], kind)

    def _breakdowns(self) -> None:
        for match in self.lex.breakdown_pattern.finditer(self.text):
            total = next((p for p in reversed(self.phrases)
                          if p.end <= match.start() and p.kind), None)
            if total is None or total.kind is None:
                continue
            self._inherit(total.kind, match.start(), match.end())

    def _inherit(self, kind: str, start: int, end: int) -> None:
        later = [p for p in self.phrases if p.start >= end]
        earlier = [p for p in self.phrases if p.end <= start][-1:]
        if earlier and earlier[0].kind is None and not self._blocked(earlier[0].end, start, 0):
            self._claim(earlier[0], kind)  # "86 di antaranya"
        if later and not self._blocked(end, later[0].start, 1):
            for previous, phrase in zip([None, *later], later, strict=False):
                if previous and not self._list_gap(previous.end, phrase.start):
                    break
                self._claim(phrase, kind)

    def _nouns(self) -> None:
        for phrase in self.phrases:
            if phrase.kind or not phrase.noun or self._rescued(phrase):
                continue
            for size in (2, 1):
                key = " ".join(phrase.noun.lower().split()[:size])
                senses = self.lex.cues.get(key, [])
                kind = next((k for k, where in senses if where == "nouns"), None)
                if kind and self._claim(phrase, kind):
                    break


    def _rescued(self, phrase: Phrase) -> bool:
        """"menyelamatkan 137 pengungsi", "137 pengungsi berhasil diselamatkan": lives saved
        are no count of their own, even when the noun names a kind."""
        before = _WORDS.findall(self.text[max(0, phrase.start - 40):phrase.start])[-3:]
        after = _WORDS.findall(self.text[phrase.end:phrase.end + 40])[:4]
        return any(self.lex.has("rescue_cues", word) for word in (*before, *after))


# ---------------------------------------------------------------- context: who, when, whom


_DAY = r"Senin|Selasa|Rabu|Kamis|Jumat|Jum'at|Sabtu|Minggu|Ahad"
_MONTHS = ("januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus",
           "september", "oktober", "november", "desember")
# The time patterns below are written in lower case and run over ``lowered(text)``.
_CURRENT = re.compile(rf"\b(?:{_DAY.lower()})\b|\(\d{{1,2}}/\d{{1,2}}|\b(?:kemarin|hari ini|"
                      r"saat ini|kini|terbaru|pekan ini|minggu ini|tadi|semalam|dini hari)\b")
_PAST_WORDS = re.compile(r"(?<!sejak )\b(?:tahun lalu|bulan lalu|tahun silam|silam|"
                         rf"(?:{'|'.join(_MONTHS)}) lalu)\b")
# Past, but only for the sentence itself: the next sentence does not inherit it.
_PAST_HERE = re.compile(r"\b(?:pernah|saat itu|ketika itu|kala itu|waktu itu)\b")
_MONTH_YEAR = re.compile(rf"\b(?:({'|'.join(_MONTHS)})\s+)?((?:19|20)\d\d)\b|"
                         r"\d{1,2}/(\d{1,2})/((?:19|20)\d\d)")


def past_marked(text: str, published: str | None) -> bool | None:
    """True when the sentence dates itself in the past (a past year or month, "tahun lalu"),
    False when it dates itself now (a weekday, "(12/3)", "kemarin"), None when it does not say.
    """
    text = lowered(text)
    if _PAST_WORDS.search(text) or _dated_before(text, published):
        return not _CURRENT.search(text) or bool(_PAST_WORDS.search(text))
    if _CURRENT.search(text) or _MONTH_YEAR.search(text):
        return False
    return None


def _historical_here(text: str, marked: bool | None, previous: bool | None) -> bool:
    """``is_historical`` from the sentence's own ``past_marked`` value, or "pernah", "saat itu"."""
    if marked is None and _PAST_HERE.search(lowered(text)):
        return True
    return bool(previous) if marked is None else marked


def is_historical(text: str, published: str | None, previous: bool | None = None) -> bool:
    """True for background: the sentence dates itself in the past, or it says nothing of
    time and the sentence just before it did (``previous``, that sentence's ``past_marked``)."""
    marked = past_marked(text, published)
    return bool(previous) if marked is None else marked


def _dated_before(text: str, published: str | None) -> bool:
    if not published or not re.match(r"\d{4}-\d\d", published):
        return False
    now = int(published[:4]) * 12 + int(published[5:7]) - 1
    for match in _MONTH_YEAR.finditer(text):
        if match.group(2) and not match.group(1):  # a year alone: "pada 2019", "sepanjang 2025"
            if int(match.group(2)) < now // 12:
                return True
            continue
        if match.group(2):
            month, year = _MONTHS.index(match.group(1).lower()), int(match.group(2))
        else:
            month, year = int(match.group(3)) - 1, int(match.group(4))
        if now - (year * 12 + month) >= 2:
            return True
    return False


_CLAUSE_BREAK = re.compile(r";|,?\s+\b(?:sedangkan|sementara|sementara itu|adapun)\b", re.I)


def _clause(text: str, position: int) -> str | None:
    """The clause of a two-speaker sentence holding ``position`` ("X mencatat ..., sedangkan Y
    menyebut ..."), or None when the sentence is one clause."""
    cuts = [0, *(m.start() for m in _CLAUSE_BREAK.finditer(text)), len(text)]
    if len(cuts) == 2:
        return None
    start = max(cut for cut in cuts[:-1] if cut <= position)
    end = min(cut for cut in cuts[1:] if cut > position)
    return text[start:end]


def _source(doc: FactsDoc, sentence: Sentence, position: int) -> str | None:
    """Who the story credits for the count at ``position``: the speaker credited in its own
    clause, else in its sentence or paragraph (``attributions.source_for``), else None."""
    try:
        from warta.facts import attributions
    except ImportError:  # pragma: no cover - the module is part of the package
        return None
    source_for = getattr(attributions, "source_for", None)
    find_credits = getattr(attributions, "find_credits", None)
    if source_for is None:
        return None
    clause = _clause(sentence.text, position)
    try:
        if clause and find_credits is not None and find_credits(clause):
            found = source_for(doc, sentence.paragraph, clause)
        else:
            found = source_for(doc, sentence.paragraph, sentence.text)
    except Exception:  # another component's helper must not lose our quantities
        return None
    return found if isinstance(found, str) and found else None


@lru_cache(maxsize=4096)
def _country_of_name(name: str) -> str | None:
    try:
        from warta.facts.places import resolve_country
        found = resolve_country(name)
    except Exception:
        return None
    return found if isinstance(found, str) else None


def _countries_in(text: str) -> list[str]:
    """Countries named in a piece of text (capitalised words and word pairs)."""
    names = re.findall(r"\b[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?", text)
    found: list[str] = []
    for name in names:
        code = _country_of_name(name) or _country_of_name(name.split()[0])
        if code and code not in found:
            found.append(code)
    return found


def _doc_country(doc: FactsDoc) -> str | None:
    """The story's own country: the one at least two thirds of its places belong to."""
    codes = [entity.country for entity in doc.entities
             if entity.type in ("GPE", "LOC") and entity.country]
    if not codes:
        return None
    best = max(set(codes), key=codes.count)
    return best if codes.count(best) * 3 >= len(codes) * 2 else None


def _country(who: str, source: str | None, default: str | None) -> str | None:
    """The country of the counted group: named with it ("tentara Armenia"), else the
    reporting body's ("Kementerian Dalam Negeri Thailand"), else the story's only country."""
    for text in (who, source or ""):
        named = _countries_in(text)
        if named:
            return named[0]
    return default


# ---------------------------------------------------------------- the component


@dataclass(slots=True)
class _Found:
    quantity: Quantity
    generic: bool


def find_quantities(doc: FactsDoc) -> FactsDoc:
    """Fill ``doc.quantities`` from the sentences of the story."""
    lex = lexicon()
    found: list[_Found] = []
    history: list[Phrase] = []
    previous_marked: bool | None = None
    default = _doc_country(doc)
    protest = any(_PROTEST.search(s.text) for s in doc.sentences)
    for sentence in doc.sentences:
        phrases = read_sentence(sentence.text, lex)
        marked = past_marked(sentence.text, doc.published)
        historical = _historical_here(sentence.text, marked, previous_marked)
        previous_marked = marked
        counted = [p for p in phrases if p.kind and p.number.value is not None
                   and (p.noun.split()[:1] or [""])[0].lower() not in _GAME_NOUNS
                   and (p.kind != "protesters" or protest)]
        if counted:
            _resolve_who(phrases, history, lex)
        for phrase in counted:
            if not _restated(found, phrase, lex):
                source = _source(doc, sentence, phrase.start)
                found.append(_Found(_quantity(phrase, source, historical, default),
                                    _generic(phrase, lex)))
        history.extend(p for p in phrases if p.number.value is not None)
    doc.quantities = [item.quantity for item in found]
    return doc


def read_sentence(text: str, lex: Lexicon | None = None) -> list[Phrase]:
    """The counted phrases of one sentence, with their kinds set where a cue counts them."""
    lex = lex or lexicon()
    numbers = find_numbers(text)
    if not numbers:
        return []
    cues = find_cues(text, lex)
    phrases = find_phrases(text, cues, lex, numbers)
    assign_kinds(text, phrases, cues, lex)
    return phrases


def _resolve_who(phrases: list[Phrase], history: list[Phrase], lex: Lexicon) -> None:
    last = next((p.noun for p in reversed(history) if _specific(p.noun, lex)), "")
    for phrase in phrases:
        phrase.who = _who(phrase, last, history, lex)
        if _specific(phrase.noun, lex):
            last = phrase.noun


def _specific(noun: str, lex: Lexicon) -> bool:
    return bool(noun) and not lex.has("generic", noun.split()[0]) and noun.lower() != "lainnya"


def _who(phrase: Phrase, last: str, history: list[Phrase], lex: Lexicon) -> str:
    if phrase.number.kind == "collective" and not phrase.noun.strip():
        antecedent = next((p.noun for p in reversed(history)
                           if p.number.value == phrase.number.value and p.noun), "")
        return antecedent or "orang"
    noun = phrase.noun
    if noun.split()[:1] in (["lainnya"], ["lain"]) or not noun:
        return last or "orang"
    return noun


def _quantity(phrase: Phrase, source: str | None, historical: bool,
              default: str | None) -> Quantity:
    who = _plain(phrase.who or phrase.noun or "orang")
    value = phrase.number.value
    return Quantity(kind=phrase.kind or "", value=int(value or 0), qualifier=phrase.qualifier,
                    who=who, country=_country(who, source, default), source=source,
                    historical=historical)


def _plain(who: str) -> str:
    """'warga sipilnya' → 'warga sipil', 'warganya' → 'warga' (the possessive is context)."""
    words = who.split()
    last = words[-1]
    if (last.lower().endswith("nya") and lexicon().has("people", last[:-3])) or (
            len(words) > 1 and last.lower().endswith("nya")
            and lexicon().has("people", f"{words[-2]} {last[:-3]}".lower())):
        words[-1] = last[:-3]
    return " ".join(words)


def _generic(phrase: Phrase, lex: Lexicon) -> bool:
    return phrase.number.kind == "collective" or not _specific(phrase.noun, lex)


def _restated(found: list[_Found], phrase: Phrase, lex: Lexicon) -> bool:
    """True when the phrase says again a number already reported (same kind, value, group)."""
    generic = _generic(phrase, lex)
    head = _plain(phrase.who or phrase.noun or "orang").split()[:1]
    for item in found:
        old = item.quantity
        if old.kind != phrase.kind or old.value != phrase.number.value:
            continue
        if generic or item.generic or (old.who or "").split()[:1] == head:
            return True
    return False
