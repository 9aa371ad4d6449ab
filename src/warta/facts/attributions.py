"""Fact component: who the story credits a claim to (fills ``doc.attributions``).

Pure regex and lexicon (``data/cues.yaml``), no model.  Two layers:

1. ``find_credits(text)`` reads ONE sentence and returns every ``Credit`` in it: the cue as
   written, the speaker phrase as written (with its character span) or a marker that the
   speaker must come from context ("katanya", "ujar dia", "Menurut dia", "kementerian itu"),
   and whether the credited words are in quotation marks.  Cue classes and their speaker
   positions are documented in ``cues.yaml``: inverted ("..., kata X"), verbs ("X
   mengatakan", "..., kantor berita X melaporkan"), weak verbs ("BNPB mencatat ..."),
   prepositions ("Menurut X", "dikutip dari X"), passives ("dibantah aparat") and statement
   phrases ("X dalam keterangan tertulis").
2. ``find_attributions(doc)`` walks the sentences in order, turns each speaker phrase into
   a name (the entity's canonical name when the entities component found one, otherwise
   the title stripped: "Ketua KPK Setyo Budiyanto" -> "Setyo Budiyanto"; a bare "Johan" is
   expanded to a full name seen in the story), resolves pronouns and "X itu" to the last
   speaker, keeps one entry per speaker per paragraph, and carries a quote that runs over
   two paragraphs into both.

``source_for(doc, paragraph, sentence_text)`` gives the speaker a sentence is credited to,
for the events and quantities components.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from warta.facts.document import FactsDoc, Sentence
from warta.facts.lowercase import lowered
from warta.facts.places import find_institution, find_place
from warta.models import Attribution, Entity

OPEN_QUOTES = "“‘«"
CLOSE_QUOTES = "”’»"
_QUOTE_MARK = re.compile(f"[{OPEN_QUOTES}{CLOSE_QUOTES}\"]")
STRAIGHT_QUOTES = "\"'"
_WORD = re.compile(r"[\w][\w.'’/-]*")
_SPACES = re.compile(r"\s+")
_PAREN = re.compile(r"\s*\([^()]*\)")
def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_DAYS = _set("senin selasa rabu kamis jumat jum'at sabtu minggu ahad")
# Words that end a speaker phrase written after its cue ("kata Arya kepada wartawan").
_AFTER_STOPS = _set(
    "di dalam saat ketika kepada pada setelah sebelum usai seusai sambil sembari seraya "
    "melalui lewat yang bahwa untuk sebagaimana seperti karena sehingga hingga tentang "
    "terkait mengenai menjawab menanggapi kala selepas sesudah via atas dengan soal sesaat "
    "sejak ketika menurut saat")
# Words that end a speaker phrase written before its verb ("Hendrik di Jayapura mengatakan").
_BEFORE_STOPS = _set(
    "di dalam saat ketika kepada pada melalui lewat usai seusai juga pun sendiri kemudian "
    "sebelumnya sempat telah sudah lantas lalu akhirnya selanjutnya kembali hanya bahkan "
    "secara dengan masih turut langsung pun ketika dalam menurut saat yang")
# A verb cue right after one of these is not a claim made ("akan menjelaskan", "yang mengaku").
_NOT_FINITE = _set(
    "yang untuk akan tidak tak belum enggan ingin mau bisa dapat harus perlu agar supaya guna "
    "hendak bakal sulit jangan bukan setelah sebelum usai seusai sambil sembari seraya dengan "
    "saat ketika sejak tanpa")
_CONNECTIVES = _set(
    "adapun sementara sebaliknya namun selain kemudian lalu akhirnya sedangkan kini bahkan "
    "tetapi tapi dan serta meski meskipun walau sedang itu pula")
_BAD_HEADS = _set(
    "keduanya ketiganya semua semuanya sebagian banyak beberapa hal ini itu hasil sejumlah "
    "kami kita saya aku anda kalian tersebut salah satu setiap tiap para apa siapa")
_CLAUSE_WORDS = _set(
    "masih akan telah sudah belum tidak tak sedang bakal bisa dapat harus perlu hanya bahwa "
    "tetap mampu terus baru ada sebanyak sedikitnya setidaknya lebih sekitar hampir")
_NOUN_ME = _set("menit menteri meter media medis merah mereka meja menu menara")
_SUBORDINATORS = _set("setelah karena saat ketika sehingga untuk agar sejak lewat")
_ANAPHORS = ("itu", "tersebut")
_ADJUNCT_OPENERS = _set("di pada saat ketika dalam yang sementara sebaliknya selain namun "
                             "usai seusai setelah sebelum melalui lewat seperti")
_VERBISH = re.compile(r"(?:me[mn]?|meng|meny|ber)\w{3,}")
_NOT_VERBS = _set("menit menteri meter media medis merah mereka meja menu menara berita "
                       "bersama bersenjata bersangkutan berwenang berwajib")
_NAME_TOKENS_MAX = 4
_NICKNAME = re.compile(r"[“\"][A-Z][\w.-]*[”\"]")
_NICKNAME_OPEN = re.compile(r"[A-Z]\w*\s+[“\"][A-Z][\w.-]*[”\"]$")
# Titles that name an office of some organisation, written right after them.
_NEEDS_COMPLEMENT = _set("kepala ketua direktur komandan kadiv kabid kasat kapolda kapolres "
                         "kapolresta kapolrestabes kapolsek rektor dekan manajer")
_PARTICLES = _set("van von der den de da dos del bin binti al el")
_APPOSITION_ENDS = _set("dalam saat kepada di ketika usai seusai melalui")


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The cue lexicon of ``data/cues.yaml``, compiled."""

    classes: dict[str, str]
    needs: dict[str, frozenset[str]]
    non_cues: tuple[str, ...]
    speaker_nouns: tuple[str, ...]
    document_nouns: frozenset[str]
    pronouns: frozenset[str]
    titles: frozenset[str]
    person_heads: frozenset[str]
    places: frozenset[str]
    abbreviations: dict[str, str]
    pattern: re.Pattern[str]
    scan: re.Pattern[str]      # the same cues in lower case, to find them in lowered text


@dataclass(frozen=True, slots=True)
class Credit:
    """One credit inside a sentence.

    ``speaker`` is the speaker phrase as written and ``span`` its offsets in the sentence;
    both are empty when the speaker comes from context (``context`` says how: "pronoun" for
    "katanya"/"ujar dia", "anaphor" for "kementerian itu", with ``head`` the noun).
    ``cue_span`` locates the cue, ``kind`` is its class in ``cues.yaml``.
    """

    cue: str
    cue_span: tuple[int, int]
    kind: str
    direct: bool
    speaker: str = ""
    span: tuple[int, int] = (0, 0)
    context: str = ""
    head: str = ""


def _norm(text: str) -> str:
    return _SPACES.sub(" ", text.strip().lower())


def _words(values: Any) -> list[str]:
    return [_norm(str(value)) for value in values or ()]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Load and compile ``data/cues.yaml`` once."""
    text = resources.files("warta.facts").joinpath("data/cues.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    classes: dict[str, str] = {}
    needs: dict[str, frozenset[str]] = {}
    for kind in ("inverted", "verbs", "weak_verbs", "passives", "statements"):
        classes.update(dict.fromkeys(_words(data.get(kind)), kind))
    for entry in data.get("prepositions") or ():
        cue = _norm(entry["cue"])
        classes[cue] = "prepositions"
        if entry.get("needs"):
            needs[cue] = frozenset(_words(entry["needs"]))
    alternation = "|".join(
        r"\s+".join(map(re.escape, cue.split())) for cue in sorted(classes, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w-])({alternation})(nya)?(?![\w-])", re.IGNORECASE)
    scan = re.compile(rf"(?<![\w-])({alternation.lower()})(nya)?(?![\w-])")   # on lowered()
    return Lexicon(
        classes=classes, needs=needs, non_cues=tuple(_words(data.get("non_cues"))),
        speaker_nouns=tuple(_words(data.get("speaker_nouns"))),
        document_nouns=frozenset(_words(data.get("document_nouns"))),
        pronouns=frozenset(_words(data.get("pronouns"))),
        titles=frozenset(_words(data.get("titles"))),
        person_heads=frozenset(_words(data.get("person_heads"))),
        places=frozenset(_words(data.get("places"))),
        abbreviations={_norm(k): str(v) for k, v in (data.get("abbreviations") or {}).items()},
        pattern=pattern, scan=scan)


# --------------------------------------------------------------------------- sentence layer


def find_credits(text: str, quoted: list[tuple[int, int]] | None = None) -> list[Credit]:
    """Every credit in one sentence, in text order (see the module docstring).

    Cues inside quotation marks are the speaker's own words, not credits; ``quoted`` gives
    those ranges when the sentence is part of a longer quote (default: read from ``text``).
    """
    lex = lexicon()
    ranges = quote_ranges(text) if quoted is None else quoted
    credits: list[Credit] = []
    for found in lex.scan.finditer(lowered(text)):
        match = lex.pattern.match(text, found.start())   # the cue as written
        if match is None:
            continue
        if _blocked(text, match.start(), lex) or any(
                start <= match.start() < end for start, end in ranges):
            continue
        kind = lex.classes[_norm(match.group(1))]
        credit = _READERS[kind](text, match, lex)
        if credit is not None and not (kind == "statements" and credits):
            credits.append(credit)
    return [c for c in credits if c.kind != "statements" or len(credits) == 1]


def quote_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges inside quotation marks (curly or straight).  A closing quote with no
    opening one closes a quote that began before ``text``; an unclosed one runs to the end."""
    ranges: list[tuple[int, int]] = []
    start: int | None = None
    for found in _QUOTE_MARK.finditer(text):   # only the marks, not every character
        index, char = found.start(), found.group()
        if (char in OPEN_QUOTES and not _misturned_close(text, index)) or (
                char == '"' and start is None and _opening(text, index)):
            start = index if start is None else start
        elif char in CLOSE_QUOTES or char in OPEN_QUOTES or char == '"':   # closing
            ranges.append((0 if start is None else start, index))
            start = None
    if start is not None:
        ranges.append((start, len(text)))
    return ranges


def _misturned_close(text: str, index: int) -> bool:
    """'... ke pengadilan, “ujar Saiful': an opening mark typed where the quote closes,
    after the quote's last punctuation and right before a lower-case word (the cue)."""
    return text[index + 1:index + 2].islower() and text[:index].rstrip()[-1:] in {
        ",", ".", "!", "?"}


def _opening(text: str, index: int) -> bool:
    return index == 0 or text[index - 1].isspace() or text[index - 1] in "([:"


def _blocked(text: str, start: int, lex: Lexicon) -> bool:
    rest = _norm(text[start:start + 60])
    return any(rest.startswith(phrase) and not rest[len(phrase):len(phrase) + 1].isalpha()
               for phrase in lex.non_cues)


def _read_inverted(text: str, match: re.Match[str], lex: Lexicon) -> Credit | None:
    before = text[:match.start()].rstrip()
    if not (before.endswith(",") or _ends_with_closing_quote(before)):
        return None
    direct = _ends_with_closing_quote(before.rstrip(",").rstrip()) or _ends_with_closing_quote(
        before)
    return _credit_after(text, match, direct, lex, allow_apposition=True)


def _read_verb(text: str, match: re.Match[str], lex: Lexicon) -> Credit | None:
    before = text[:match.start()]
    last = before.split()[-1].lower() if before.split() else ""
    if last in _NOT_FINITE:
        return None
    if lex.classes[_norm(match.group(1))] == "weak_verbs" and not _clause_follows(
            text[match.end():]):
        return None
    direct = _quote_follows(text[match.end():]) or _ends_with_closing_quote(
        before.rstrip().rstrip(","))
    return _credit_before(text, match, direct, lex)


def _read_preposition(text: str, match: re.Match[str], lex: Lexicon) -> Credit | None:
    cue_key = _norm(match.group(1))
    if match.group(2):
        return _context_credit(match, "prepositions", False, "pronoun")
    start = match.end()
    rest = text[start:]
    required = lex.needs.get(cue_key)
    if required is not None:
        first = rest.split()[0].lower().strip(",") if rest.split() else ""
        if first not in required:
            return None
    skipped = _skip_document_nouns(rest, lex)
    return _credit_after(text, match, False, lex, allow_apposition=True,
                         start=start + skipped, kind="prepositions")


def _read_passive(text: str, match: re.Match[str], lex: Lexicon) -> Credit | None:
    before = text[:match.start()].split()
    if before and before[-1].lower() in _NOT_FINITE:
        return None
    start = match.end()
    oleh = re.match(r"\s+oleh\b", text[start:], re.IGNORECASE)
    if oleh:
        start += oleh.end()
    direct = _ends_with_closing_quote(text[:match.start()].rstrip().rstrip(","))
    credit = _credit_after(text, match, direct, lex, allow_apposition=True, start=start,
                           kind="passives")
    return credit if credit is None or credit.context != "pronoun" else None


def _read_statement(text: str, match: re.Match[str], lex: Lexicon) -> Credit | None:
    return _credit_before(text, match, False, lex)


_READERS = {
    "inverted": _read_inverted,
    "verbs": _read_verb,
    "weak_verbs": _read_verb,
    "prepositions": _read_preposition,
    "passives": _read_passive,
    "statements": _read_statement,
}


def _context_credit(match: re.Match[str], kind: str, direct: bool, context: str,
                    head: str = "") -> Credit:
    return Credit(cue=match.group(0), cue_span=match.span(), kind=kind, direct=direct,
                  context=context, head=head)


def _credit_after(text: str, match: re.Match[str], direct: bool, lex: Lexicon, *,
                  allow_apposition: bool, start: int | None = None,
                  kind: str = "") -> Credit | None:
    """A credit whose speaker phrase follows the cue ("kata X", "menurut X")."""
    kind = kind or lex.classes[_norm(match.group(1))]
    if match.group(2):
        return _context_credit(match, kind, direct, "pronoun")
    begin = match.end() if start is None else start
    span = _phrase_after(text, begin, allow_apposition)
    return _make_credit(text, match, kind, direct, span, lex)


def _credit_before(text: str, match: re.Match[str], direct: bool, lex: Lexicon) -> Credit | None:
    """A credit whose speaker phrase precedes the cue ("X mengatakan")."""
    kind = lex.classes[_norm(match.group(1))]
    span = _phrase_before(text, match.start())
    return _make_credit(text, match, kind, direct, span, lex)


def _make_credit(text: str, match: re.Match[str], kind: str, direct: bool,
                 span: tuple[int, int] | None, lex: Lexicon) -> Credit | None:
    if span is None:
        return None
    phrase = text[span[0]:span[1]]
    lowered = _norm(phrase)
    if lowered in lex.pronouns:
        return _context_credit(match, kind, direct, "pronoun")
    words = lowered.split()
    if words and words[-1] in _ANAPHORS:
        return _context_credit(match, kind, direct, "anaphor", " ".join(words[:-1]))
    if not _valid_speaker(phrase, span[0], lex):
        return None
    return Credit(cue=match.group(0), cue_span=match.span(), kind=kind, direct=direct,
                  speaker=phrase, span=span)


def _valid_speaker(phrase: str, start: int, lex: Lexicon) -> bool:
    words = phrase.split()
    if not words or len(words) > 16:
        return False
    lowered = [w.lower().strip(",.") for w in words]
    if (lowered[0] in _BAD_HEADS and not _starts_with_speaker_noun(lowered, lex)) \
            or lowered[0] in _CONNECTIVES:
        return False   # "Sejumlah diplomat" is an unnamed group, "sejumlah hal" is not
    if any(_VERBISH.fullmatch(w.lower()) and w.lower() not in _NOT_VERBS
           for w in words if w[0].islower()):
        return False
    if _starts_with_speaker_noun(lowered, lex):
        return True
    capitals = [i for i, w in enumerate(words) if w[0].isupper() or w[0].isdigit()]
    if not capitals:
        return False
    # A lone capital at the start of the sentence may be an ordinary word ("Sebagian warga").
    return not (capitals == [0] and start == 0 and len(words) > 1)


def _starts_with_speaker_noun(lowered: list[str], lex: Lexicon) -> bool:
    joined = " ".join(lowered)
    return any(joined == noun or joined.startswith(noun + " ") for noun in lex.speaker_nouns)


# ------------------------------------------------------------------------- phrase finding


_ACRONYM_IN_NAME = re.compile(r"\([A-Z][A-Za-z]{1,9}\)")


def _phrase_after(text: str, begin: int, allow_apposition: bool) -> tuple[int, int] | None:
    """Span of the speaker phrase that starts at ``begin`` (after a cue)."""
    rest = text[begin:]
    lead = len(rest) - len(rest.lstrip(" ,:"))
    start = begin + lead
    end = start
    segments: list[tuple[int, int]] = []
    for word in re.finditer(r"[^\s,]+|,", text[start:]):
        token = word.group(0)
        bare = token.lower().strip(".;:!?\"”’)(")
        if token == ",":
            segments.append((start, end))
            start = begin + lead + word.end()
            continue
        if _NICKNAME.fullmatch(token) and end > start:
            end = begin + lead + word.end()   # "Bimo “Grav” Prasetyo": a nickname in the name
            continue
        if _ACRONYM_IN_NAME.fullmatch(token) and end > start:
            end = begin + lead + word.end()   # "Badan X (BX) Perwakilan Sumut": one name
            continue
        if bare in _AFTER_STOPS or token.startswith(("(", '"', "“")) or not bare:
            break
        end = begin + lead + word.end()
        if token[-1] in ".;:!?\"”’)":
            end -= len(token) - len(token.rstrip(".;:!?\"”’)"))
            break
    segments.append((start, end))
    return _pick_after(text, segments, allow_apposition)


def _pick_after(text: str, segments: list[tuple[int, int]],
                allow_apposition: bool) -> tuple[int, int] | None:
    kept = [(s, e) for s, e in segments if e > s and not _adjunct(text[s:e])]
    kept = [(s + len(text[s:e]) - len(text[s:e].lstrip()), e) for s, e in kept]
    if not kept:
        return None
    if allow_apposition and len(kept) >= 2 and _apposition(text, kept[0], kept[1]):
        return kept[1]
    return kept[0]


def _apposition(text: str, first: tuple[int, int], second: tuple[int, int]) -> bool:
    """ "pelatih Persija, Ricardo Almeida," : a name set off by commas after a description."""
    described = text[first[0]:first[1]]
    if not _name_like(text[second[0]:second[1]]) or described.lower() in lexicon().pronouns:
        return False
    after = text[second[1]:].lstrip()
    closed = not after or after[0] in ",.!?;" or after.split()[0] in _APPOSITION_ENDS
    return closed and (not _name_like(described) or described.split()[0][0].islower())


def _phrase_before(text: str, cue_start: int) -> tuple[int, int] | None:
    """Span of the speaker phrase that ends right before a verb cue."""
    head = text[:cue_start]
    cut = _clause_start(head)
    segments: list[tuple[int, int]] = []
    start = cut
    for comma in re.finditer(",", head[cut:]):
        segments.append((start, cut + comma.start()))
        start = cut + comma.end()
    segments.append((start, len(head)))
    kept = [(s, e) for s, e in segments if text[s:e].strip() and not _adjunct(text[s:e])]
    if not kept:
        return None
    if len(kept) >= 2 and _title_only(text[kept[-1][0]:kept[-1][1]]) and _name_like(
            text[kept[-2][0]:kept[-2][1]]):
        kept.pop()  # "Yayat Sudrajat, Kepala Bidang Angkutan, menjelaskan"
    if len(kept) >= 2 and text[kept[-1][0]:kept[-1][1]].strip().lower() in ("dan", "serta"):
        return _subject_of(text, kept[0])   # "X memanggil Y, Kamis (22/1), dan menuding ..."
    return _trim_subject(text, _join_lists(text, kept))


def _subject_of(text: str, segment: tuple[int, int]) -> tuple[int, int] | None:
    """The capitalised name that opens a clause, right before its verb ("Kementerian Luar
    Negeri Jerman memanggil ..."): the subject a coordinated cue shares."""
    words = list(re.finditer(r"\S+", text[segment[0]:segment[1]]))
    name = 0
    while name < len(words) and words[name].group(0)[:1].isupper():
        name += 1
    if not name or name >= len(words) or not _VERBISH.fullmatch(words[name].group(0)):
        return None
    return segment[0] + words[0].start(), segment[0] + words[name - 1].end()


def _title_only(segment: str) -> bool:
    words = segment.split()
    return bool(words) and words[0].lower() in lexicon().person_heads and not split_title(
        segment)[1]


def _clause_start(head: str) -> int:
    """Where the clause holding the subject begins (after a quote, ';', ':' or 'bahwa')."""
    cut = 0
    for match in re.finditer(r"[;:]|[”»]|(?<=[,.!?])[\"']|\bbahwa\b|,\s+(?:sedangkan|"
                             r"sementara|tetapi|namun|sehingga|karena)\b", head):
        if _NICKNAME_OPEN.search(head[:match.end()]) and re.match(r"\s+[A-Z]",
                                                                  head[match.end():]):
            continue   # the closing quote of a nickname inside a name
        cut = match.end()
    return cut


def _join_lists(text: str, kept: list[tuple[int, int]]) -> tuple[int, int]:
    """The last segment, extended back over "A, B, dan C" lists inside a name."""
    index = len(kept) - 1
    while index > 0 and re.match(r"\s*(?:dan|serta)\s", text[kept[index][0]:kept[index][1]]):
        index -= 1
        while index > 0 and len(text[kept[index][0]:kept[index][1]].split()) == 1:
            index -= 1
    return kept[index][0], kept[-1][1]


def _trim_subject(text: str, span: tuple[int, int]) -> tuple[int, int] | None:
    start, end = span
    words = list(re.finditer(r"\S+", text[start:end]))
    while words and words[0].group(0).lower().strip(",") in _CONNECTIVES:
        words.pop(0)
    kept: list[re.Match[str]] = []
    for word in words:
        token = word.group(0)
        if token in _BEFORE_STOPS and kept and not (
                token == "di" and word is not words[-1]
                and _starts_with_speaker_noun([w.group(0).lower() for w in kept], lexicon())
                and all(w.group(0).islower() for w in kept[1:])
                and text[start + word.end():end].strip()[:1].isupper()):
            break   # but "Sejumlah diplomat di Brussel" is an unnamed group, as written
        kept.append(word)
    if not kept:
        return None
    first = start + kept[0].start()
    last = start + kept[-1].end()
    phrase = text[first:last].strip("\"“”'’ ")
    offset = text.find(phrase, first)
    return (offset, offset + len(phrase)) if phrase else None


def _adjunct(segment: str) -> bool:
    """Day, date, "di X" or time segments between a speaker and the cue."""
    words = segment.strip().lower().split()
    if not words:
        return True
    return (words[0].strip("(") in _DAYS or words[0] in _ADJUNCT_OPENERS
            or bool(re.fullmatch(r"[\d/()]+", words[0])) or words[0] in ("ditemui", "dihubungi"))


def _name_like(segment: str) -> bool:
    """Capitalised words, with a lower-case particle inside ("Marco van Dijkstra")."""
    words = [w.strip("“”\"") for w in segment.split()]
    return 0 < len(words) <= _NAME_TOKENS_MAX and all(
        w[0].isupper() or w[0].isdigit() or (0 < i < len(words) - 1 and w in _PARTICLES)
        for i, w in enumerate(words))


def _skip_document_nouns(rest: str, lex: Lexicon) -> int:
    """Characters of "data", "pernyataan bersama yang dirilis" ... before the speaker."""
    consumed = 0
    pattern = re.compile(r"\s*(yang\s+di\w+(?:\s+oleh)?|\S+)")
    while True:
        match = pattern.match(rest, consumed)
        if not match:
            return consumed
        word = match.group(1).lower()
        if word not in lex.document_nouns and not word.startswith("yang"):
            return consumed
        consumed = match.end()


def _clause_follows(rest: str) -> bool:
    """True when a clause (not just an object noun) follows a weak verb."""
    for index, word in enumerate(re.findall(r"[\w.-]+|[,.;]", rest)):
        lowered = word.lower()
        if lowered in ",.;" or lowered in _SUBORDINATORS or index > 12:
            return False
        if lowered in _CLAUSE_WORDS or (
                re.match(r"(?:me[mn]?|meng|meny|ber|ter|di)\w{3,}", lowered)
                and lowered not in _NOUN_ME and index > 0):
            return True
    return False


def _quote_follows(rest: str) -> bool:
    stripped = rest.lstrip(" ,:")
    if stripped.lower().startswith("bahwa"):
        stripped = stripped[5:].lstrip(" ,:")
    return bool(stripped) and (stripped[0] in OPEN_QUOTES or stripped[0] in STRAIGHT_QUOTES)


def _ends_with_closing_quote(before: str) -> bool:
    if not before:
        return False
    last = before[-1]
    if last in CLOSE_QUOTES:
        return True
    if last in OPEN_QUOTES:   # '..., “ujar Saiful': an opening mark typed for the closing one
        return before[:-1].rstrip()[-1:] in {",", ".", "!", "?"}
    return last in STRAIGHT_QUOTES and len(before) > 1 and not before[-2].isspace()


# ---------------------------------------------------------------------------- names


def split_title(phrase: str, places: frozenset[str] = frozenset()) -> tuple[str, bool]:
    """("Ketua KPK Setyo Budiyanto") -> ("Setyo Budiyanto", True): the name and whether it is
    a person.  Phrases without a person's title come back whole (organisations, unnamed
    speakers), minus parentheses and a news-agency or spokesperson prefix.  ``places`` adds
    lower-case place words known from the story ("di Garut") to the lexicon's."""
    lex = lexicon()
    clean = _PAREN.sub("", _acronym_form(phrase)).strip(" ,.\"“”'’")
    clean = _expand_abbreviation(clean, lex)
    words = clean.split()
    if not words:
        return "", False
    lowered = [w.lower().strip(",") for w in words]
    if lowered[0] in lex.person_heads or _is_rank(words[0]):
        name = _trailing_name(words, lowered, lex, places)
        if name and lowered[0] in ("juru", "jubir") and (
                find_institution(name) or find_place(name)):
            return clean, False   # "Juru bicara Kremlin": an unnamed speaker, as written
        if name:
            return name, True
    return _strip_prefixes(clean, lowered, lex), _bare_name(words, lowered, lex)


_ACRONYM_DEF = re.compile(r"^(.*?)\s*\(([A-Z][A-Za-z]{1,9})\)\s*(.*)$")


def _acronym_form(phrase: str) -> str:
    """ "Badan X (BX)" -> "Badan X"; "Badan X (BX) Provinsi Y" -> "BX Provinsi Y"."""
    match = _ACRONYM_DEF.match(phrase.strip())
    if not match or not _is_acronym(match.group(2)[:2]):
        return phrase
    return f"{match.group(2)} {match.group(3)}".strip() if match.group(3) else match.group(1)


def _expand_abbreviation(clean: str, lex: Lexicon) -> str:
    first, _, rest = clean.partition(" ")
    full = lex.abbreviations.get(first.lower())
    return f"{full} {rest}".strip() if full else clean


def _trailing_name(words: list[str], lowered: list[str], lex: Lexicon,
                   places: frozenset[str]) -> str:
    boundary = -1
    for index, word in enumerate(words):
        if lowered[index] in places or _boundary(
                word, lowered[index], lowered[index - 1] if index else "", lex):
            boundary = index
    name = words[boundary + 1:]
    if boundary == 0 and lowered[0] in _NEEDS_COMPLEMENT and len(name) >= 3:
        name = name[1:]  # "Kepala Basarnas Budi Santosa": the office's organisation first
    if 0 < len(name) <= _NAME_TOKENS_MAX and boundary >= 0:
        return " ".join(name).strip(",")
    return ""


def _boundary(word: str, lowered: str, previous: str, lex: Lexicon) -> bool:
    return (word[0].islower() or lowered in lex.titles or lowered in lex.places
            or _is_acronym(word) or any(c.isdigit() or c == "/" for c in word)
            or word.endswith(",") or previous in ("kota", "kabupaten", "provinsi", "wilayah",
                                                   "distrik", "kecamatan", "desa"))


_REGNAL = re.compile(r"(?:II|III|IV|VI|VII|VIII|IX|XI|XII)")


def _is_acronym(word: str) -> bool:
    """ "BPBD", "KPK" — not a regnal number ("Abdullah II", "Charles III")."""
    letters = [c for c in word if c.isalpha()]
    return (len(letters) >= 2 and all(c.isupper() for c in letters)
            and not _REGNAL.fullmatch(word.strip(",")))


def _is_rank(word: str) -> bool:
    return _is_acronym(word) and word.lower() in lexicon().titles


def _bare_name(words: list[str], lowered: list[str], lex: Lexicon) -> bool:
    """A short run of capitalised words that are not office or place words: a person."""
    return (0 < len(words) <= 3 and all(w[0].isupper() for w in words)
            and not any(w in lex.titles or w in lex.places for w in lowered)
            and not any(_is_acronym(w) for w in words))


def _strip_prefixes(clean: str, lowered: list[str], lex: Lexicon) -> str:
    for prefix in ("kantor berita", "lembaga penyiaran publik",
                   "surat kabar", "stasiun televisi", "media", "harian", "laman", "situs"):
        size = len(prefix.split())
        rest = clean.split()[size:]
        if " ".join(lowered[:size]) == prefix and rest and any(
                w[0].isupper() for w in rest) and not all(
                w.lower() in lex.places for w in rest):
            return " ".join(rest)
    return clean


# ------------------------------------------------------------------------ document layer


@dataclass(slots=True)
class _Speakers:
    """Names known in one document and the running context for pronouns."""

    entities: list[Entity]
    full_names: list[str]
    acronyms: dict[str, str] = field(default_factory=dict)
    places: frozenset[str] = frozenset()
    spelling: dict[str, str] = field(default_factory=dict)
    credited: list[str] = field(default_factory=list)
    persons: set[str] = field(default_factory=set)

    def resolve(self, credit: Credit) -> str | None:
        if credit.context == "pronoun":
            return self._last(person=True)
        if credit.context == "anaphor":
            return self._anaphor(credit.head)
        name, person = split_title(credit.speaker, self.places)
        name = self.acronyms.get(name, name)
        if person or _bare_name(name.split(), name.lower().split(), lexicon()):
            name = self._expand(name)
            person = True
        name = self._entity_name(credit.speaker, name) or name
        if person:
            self.persons.add(name)
        return self.spelling.setdefault(name.lower(), name) if name else None

    def resolve_name(self, mention: str) -> str | None:
        """A person named in the text (not a credit phrase): its entity's name."""
        name = self._entity_name(mention, mention) or mention
        self.persons.add(name)
        return self.spelling.setdefault(name.lower(), name)

    def remember(self, name: str) -> None:
        self.credited.append(name)

    def _last(self, person: bool) -> str | None:
        for name in reversed(self.credited):
            if not person or name in self.persons:
                return name
        return self.credited[-1] if self.credited else None

    def _anaphor(self, head: str) -> str | None:
        words = [w for w in head.split() if len(w) >= 4 and w not in ("juru", "bicara")]
        for name in reversed(self.credited):
            if any(w in name.lower() for w in words):
                return name
        return self._last(person=False)

    def _expand(self, name: str) -> str:
        tokens = name.split()
        if len(tokens) != 1:
            return name
        for full in self.full_names:
            if tokens[0] in full.split():
                return full
        return name

    def _entity_name(self, phrase: str, mine: str) -> str | None:
        """The entity's canonical name when the phrase or our name is one of its mentions
        (and the entity's name is not shorter than ours)."""
        keys = {_norm(phrase), _norm(mine)}
        for entity in self.entities:
            mentions = {_norm(m) for m in (*entity.mentions, entity.name)}
            if keys & mentions and len(entity.name.split()) >= len(mine.split()):
                name = _PAREN.sub("", _acronym_form(entity.name)).strip()
                if entity.type == "PER":
                    self.persons.add(name)
                return name
        return None


def _full_names(doc: FactsDoc, places: frozenset[str]) -> list[str]:
    """Person names of two or more words written after a title anywhere in the story."""
    names: list[str] = []
    lex = lexicon()
    for entity in doc.entities:
        words = entity.name.split()
        if entity.type == "PER" and len(words) > 1 and _bare_name(
                words, [w.lower() for w in words], lex):
            names.append(entity.name)
    runs = re.compile(r"(?:[A-Z][\w.'-]*,?\s+(?:dan\s+|dari\s+)?){1,10}[A-Z][\w.'-]*")
    for sentence in doc.sentences:
        for match in runs.finditer(sentence.text):
            name, person = split_title(match.group(0), places)
            if person and len(name.split()) > 1 and name not in names and "," not in name \
                    and not any(w.lower() in places for w in name.split()):
                names.append(name)   # not "Dari Hanoi, Sugiono": a place, then the name
        for match in re.finditer(r",\s+((?:[A-Z][\w'-]+\s+){1,3}[A-Z][\w'-]+),", sentence.text):
            if match.group(1) not in names:
                names.append(match.group(1))
    return names


@dataclass(slots=True)
class _Entry:
    speaker: str
    cue: str
    direct: bool
    paragraph: int


_ACRONYM_RUN = re.compile(r"((?:[A-Z][\w-]*,?\s+(?:dan\s+)?)+)\(([A-Z][A-Za-z]{1,9})\)"
                          r"((?:\s+(?:[A-Z][\w-]*|\d+))*)")


def _acronyms(doc: FactsDoc) -> dict[str, str]:
    """Acronyms defined in the story ("Badan X (BX)") -> the name a speaker takes."""
    found: dict[str, str] = {}
    for sentence in doc.sentences:
        for match in _ACRONYM_RUN.finditer(sentence.text):
            name, _ = split_title(match.group(0))
            short = match.group(2)
            if name and short[0].upper() in {w[0].upper() for w in name.split()[:2]}:
                found.setdefault(short, name)   # not "Misi PBB di Kongo (MONUSCO)": Kongo
    return found


_PLACE_AFTER = re.compile(r"\b(?:di|Kabupaten|Kota|Provinsi|Kecamatan)\s+([A-Z][a-z]+)\b")


def _places(doc: FactsDoc) -> frozenset[str]:
    """Place words of this story: GPE/LOC entities and capitalised words after "di"."""
    found = {word.lower() for entity in doc.entities if entity.type in ("GPE", "LOC")
             for mention in entity.mentions if len(mention.split()) == 1
             for word in mention.split()}
    for sentence in doc.sentences:
        found.update(m.group(1).lower() for m in _PLACE_AFTER.finditer(sentence.text))
    return frozenset(found)


def _speakers(doc: FactsDoc) -> _Speakers:
    places = _places(doc)
    return _Speakers(entities=list(doc.entities), full_names=_full_names(doc, places),
                     acronyms=_acronyms(doc), places=places)


def _sentence_quotes(doc: FactsDoc) -> list[list[tuple[int, int]]]:
    """Quoted ranges of each sentence, read over its whole paragraph."""
    body = doc.article.body
    by_paragraph = {n: quote_ranges(text) for n, text in enumerate(body, start=1)}
    out: list[list[tuple[int, int]]] = []
    for sentence in doc.sentences:
        text = body[sentence.paragraph - 1] if sentence.paragraph <= len(body) else ""
        offset = max(text.find(sentence.text, sentence.start), 0)
        out.append([(max(s - offset, 0), e - offset)
                    for s, e in by_paragraph.get(sentence.paragraph, []) if e > offset])
    return out


def find_attributions(doc: FactsDoc) -> FactsDoc:
    """Fill ``doc.attributions``: one entry per speaker per paragraph, in text order."""
    speakers = _speakers(doc)
    entries: list[_Entry] = []
    previous: Sentence | None = None   # the sentence before, when it credits no one
    for sentence, quoted in zip(doc.sentences, _sentence_quotes(doc), strict=True):
        credits = find_credits(sentence.text, quoted)
        for credit in credits:
            subject = _person_subject(doc, previous) if credit.context == "pronoun" \
                and previous is not None and previous.paragraph == sentence.paragraph \
                else None
            name = speakers.resolve(credit) if subject is None \
                else speakers.resolve_name(subject)
            if not name:
                continue
            speakers.remember(name)
            _add(entries, _Entry(name, credit.cue, credit.direct, sentence.paragraph))
        previous = None if credits else sentence
    _carry_quotes(doc.article.body, entries)
    entries.sort(key=lambda entry: entry.paragraph)
    doc.attributions = [Attribution(e.speaker, e.cue, e.direct, e.paragraph) for e in entries]
    return doc


_SUBJECT_LEAD = 10   # words before a subject: a place adjunct, then the person's office


def _person_subject(doc: FactsDoc, sentence: Sentence) -> str | None:
    """The person a sentence opens with, as its subject ("Menlu Vietnam Le Hoang Nam
    menyambut baik ..."): "Ia menyebutkan" in the next sentence is that person."""
    for index, entity in enumerate(doc.entities):
        if entity.type != "PER":
            continue
        for mention in doc.mentions.get(index, ()):
            if mention.paragraph != sentence.paragraph or not (
                    sentence.start <= mention.start < sentence.start + len(sentence.text)):
                continue
            lead = sentence.text[:mention.start - sentence.start].split()
            if len(lead) <= _SUBJECT_LEAD and not any(
                    w[:1].islower() and (_VERBISH.fullmatch(w) or w.startswith("di"))
                    for w in lead):
                return mention.text
    return None


def _add(entries: list[_Entry], entry: _Entry) -> None:
    for old in entries:
        if old.paragraph == entry.paragraph and _same_speaker(old.speaker, entry.speaker):
            old.direct = old.direct or entry.direct
            if len(entry.speaker) > len(old.speaker):
                old.speaker = entry.speaker
            return
    entries.append(entry)


def _same_speaker(one: str, other: str) -> bool:
    a, b = _norm(one), _norm(other)
    return a in b or b in a


def _carry_quotes(body: tuple[str, ...], entries: list[_Entry]) -> None:
    """A quote left open at the end of a paragraph continues in the next one: both
    paragraphs credit the same speaker."""
    for index in range(len(body) - 1):
        if not _opens_quote(body[index]) or not _starts_with_quote(body[index + 1]):
            continue
        here = [e for e in entries if e.paragraph == index + 1 and e.direct]
        there = [e for e in entries if e.paragraph == index + 2 and e.direct]
        if there and not here:
            _add(entries, _Entry(there[0].speaker, there[0].cue, True, index + 1))
        elif here and not [e for e in entries if e.paragraph == index + 2]:
            _add(entries, _Entry(here[-1].speaker, here[-1].cue, True, index + 2))


def _opens_quote(paragraph: str) -> bool:
    curly = sum(paragraph.count(q) for q in OPEN_QUOTES) - sum(
        paragraph.count(q) for q in CLOSE_QUOTES)
    return curly > 0 or paragraph.count('"') % 2 == 1


def _starts_with_quote(paragraph: str) -> bool:
    text = paragraph.lstrip()
    return bool(text) and (text[0] in OPEN_QUOTES or text[0] == '"')


# ------------------------------------------------------------------------------ helpers


def source_for(doc: FactsDoc, paragraph: int, sentence_text: str) -> str | None:
    """The speaker a sentence is credited to, or None for the story's own narration.

    A credit inside the sentence itself ("menurut X", "kata X") wins; otherwise the
    attribution of the sentence's paragraph (the first one, when several speakers share it).
    """
    credits = find_credits(sentence_text)
    if credits:  # the document's names are read only when the sentence has a credit
        speakers = doc.cache.get("attributions.speakers")
        if not isinstance(speakers, _Speakers):
            speakers = doc.cache["attributions.speakers"] = _speakers(doc)
        speakers.credited = [a.speaker for a in doc.attributions if a.paragraph <= paragraph]
        for credit in credits:
            name = speakers.resolve(credit)
            if name:
                return name
    for attribution in doc.attributions:
        if attribution.paragraph == paragraph:
            return attribution.speaker
    return None
