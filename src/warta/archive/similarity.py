"""Are two articles copies of one story, or related stories? Pure functions, no database.

Syndication is decided in this order (``is_copy``):

1. the same normalised body hash (``body_hash``): an exact copy under other chrome;
2. the facts agree (``same_facts``): copies keep every figure, while a follow-up or a daily
   report written from the same template ("Rupiah melemah 25 poin ke Rp15.620") changes
   them, so of the numbers in the copy with fewer, ``NUMBER_AGREEMENT`` must recur;
3. word 5-shingles of the normalised body, compared exactly: Jaccard ≥ ``COPY_JACCARD``, or
   containment of the shorter copy in the longer ≥ ``COPY_CONTAINMENT`` (a copy whose last
   paragraphs were trimmed), or ≥ ``WIRE_CONTAINMENT`` when both carry the same wire marker
   ("(ANTARA)", "dikutip dari Reuters") or one credits the other's outlet.

Finding the candidates to compare is MinHash LSH (``band_keys``): ``NUM_PERM`` = ``BANDS`` ×
``ROWS`` permutations; two articles become candidates when all ``ROWS`` values of any band
agree. The probability of that for a pair of Jaccard similarity *s* is 1 − (1 − sᴿ)ᴮ:

    s      0.15   0.25   0.35   0.45   0.55   0.70
    P      0.07   0.28   0.60   0.87   0.98   >0.99      (B = 21 bands, R = 3 rows)

Wire copies on Indonesian sites keep most sentences (light edits, a new headline and
dateline, a trimmed last paragraph): on the benchmark corpus (``bench/_corpus.py``) 95 % of
copy pairs have Jaccard ≥ 0.40 and 99 % ≥ 0.30, and a copy only has to meet one member of
its story. Different stories share boilerplate phrases (Jaccard mostly < 0.1), so candidates
stay few. R = 3 rather than 4 keeps copies at Jaccard 0.35 findable. Every candidate is
verified exactly with ``is_copy``, so LSH affects recall and speed, never precision.

Each band is a row of ``story_bands`` for every saved article. Versions before archive
version 6 kept 42 bands (P = 0.84 at 0.35); on the 10,000-page benchmark corpus 21 found the
same stories but for 0.8 % of copy pairs (recall 0.9942 → 0.9863, precision 0.9973 →
0.9996) and halved the band rows that every saved article writes and looks up. The first 21
bands are the same as the first 21 of 42 (the permutations are drawn in order), so archive
version 6 keeps those rows and drops the others.

Normalisation (``normalise_words``) makes cosmetic differences vanish: dateline heads
("JAKARTA, KOMPAS.com -", "Jakarta (ANTARA) -"), credit tails ("(ant/rds)", "(Sumber:
Antara)"), "Baca juga:" leftovers, case, punctuation and quote styles.

``related_score`` ranks related stories (warta's own "Berita Terkait"): shared entities,
shared events and a cosine over content words.
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from operator import itemgetter
from typing import Any, TypeAlias

import numpy as np
import numpy.typing as npt

from warta.archive.memo import Memo
from warta.page.dateline import agency_name, strip_credit_tail, strip_dateline
from warta.page.outlet import known_outlet

Shingles: TypeAlias = npt.NDArray[np.uint32]
_SHINGLE_MIX = np.uint32(0x01000193)

# --- parameters (documented in the module docstring) ---------------------------------------

SHINGLE_WORDS = 5
BANDS = 21
ROWS = 3
NUM_PERM = BANDS * ROWS
MINHASH_SEED = 20240611            # fixed: band keys are stored and compared across runs
# Decisions of is_copy.
COPY_JACCARD = 0.5                 # near-identical: light edits, new dateline or credit
COPY_CONTAINMENT = 0.8             # the shorter copy lies (nearly) inside the longer one
WIRE_CONTAINMENT = 0.6             # ... when both name the same wire source
MIN_CONTAINMENT_SHINGLES = 15      # a copy shorter than this must be near-identical instead
SHORT_JACCARD = 0.8                # the Jaccard required of such short copies
TERMS_KEPT = 30                    # content words per article compared by related_score
# Facts must agree: of the numbers in the copy with fewer of them, this share must appear
# in the other (checked when both have at least MIN_NUMBERS distinct numbers).
NUMBER_AGREEMENT = 0.8
MIN_NUMBERS = 2

_LEFTOVER = re.compile(
    r"^\s*(?:baca|simak|lihat)(?:\s+(?:juga|pula))?\s*[:\-–—]", re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*", re.UNICODE)
_WIRE_PAREN = re.compile(r"\(\s*([A-Za-z][A-Za-z .-]{1,30}?)\s*\)\s*[-–—]")
_WIRE_CITED = re.compile(
    r"\b(?:dikutip\s+dari|mengutip|dilansir(?:\s+dari)?|melansir|seperti\s+dilansir"
    r"(?:\s+dari)?|menurut\s+laporan|dari\s+kantor\s+berita|sumber\s*:)\s+"
    r"(?P<name>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,2})")
_WIRE_NAME_WORDS = ("ANTARA", "Antara", "Reuters", "AFP", "Xinhua", "Bernama", "Kyodo", "Yonhap")
_WIRE_NAMES = re.compile(rf"\b({'|'.join(_WIRE_NAME_WORDS)})\b")
_CITE_WORDS = ("dikutip", "mengutip", "dilansir", "melansir", "laporan", "kantor berita",
               "sumber")
# Agencies as written in a dateline: "Jakarta (ANTARA) -" (looked up in the raw page).
_DATELINE_AGENCY = re.compile(r"\((ANTARA|Antara|Reuters|AFP|AP|Xinhua|Bernama)\)")

# Frequent words that say nothing about what a story is about (for related_score only).
_STOP_TEXT = """
yang dan di dengan untuk dari ini itu pada dalam tidak akan ke juga oleh bahwa karena adalah
telah sudah atau saat tersebut kata ujar para mereka kami kita bisa lebih setelah sebagai
masih belum hingga agar namun ia dia kepada jadi ada serta bagi secara menjadi antara lain
sejumlah tahun hari senin selasa rabu kamis jumat sabtu minggu pun lagi sangat harus dapat
kini sebelumnya selain yakni yaitu maupun tetapi tapi jika bila apabila ketika sehingga
sebanyak sekitar atas bawah lalu kemudian baru satu dua tiga empat lima the of and
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What syndication and related-story scoring need to know of one article."""

    body_hash: str
    shingles: Shingles
    words: int
    numbers: frozenset[str] = frozenset()
    markers: frozenset[str] = frozenset()
    outlet: str | None = None
    entities: frozenset[str] = frozenset()
    events: frozenset[str] = frozenset()
    terms: dict[str, float] = field(default_factory=dict)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled as its field values with the shingles as bytes: a fingerprint travels
        from each extraction worker to the writer, and this unpickles in a third of the
        time of a slots dataclass (a Python ``__setstate__``) holding a numpy array."""
        return (_unpickle_fingerprint, (self.body_hash, self.shingles.dtype.str,
                                        self.shingles.tobytes(), self.words, self.numbers,
                                        self.markers, self.outlet, self.entities,
                                        self.events, self.terms))


def _unpickle_fingerprint(body_hash: str, dtype: str, shingles: bytes,
                          *rest: Any) -> Fingerprint:
    return Fingerprint(body_hash, np.frombuffer(shingles, dtype=dtype).copy(), *rest)


# --- normalisation -------------------------------------------------------------------------


def clean_paragraphs(paragraphs: Iterable[str]) -> list[str]:
    """Paragraphs without dateline heads, credit tails and "Baca juga:" leftovers."""
    out: list[str] = []
    for paragraph in paragraphs:
        text = paragraph.strip()
        if not text or _LEFTOVER.match(text):
            continue
        if not out:
            text, _ = strip_dateline(text)
        text, _ = strip_credit_tail(text)
        if text.strip():
            out.append(text)
    return out


def normalise_words(paragraphs: Iterable[str]) -> list[str]:
    """The words of a body as compared between copies: cleaned, case-folded, no punctuation."""
    text = "\n".join(clean_paragraphs(paragraphs))
    text = unicodedata.normalize("NFKC", text).casefold()
    return _WORD.findall(text.replace("’", "'"))


def split_body(body: str) -> list[str]:
    """Stored body text (paragraphs joined by blank lines) back into paragraphs."""
    return [part for part in re.split(r"\n\s*\n|\n", body) if part.strip()]


def body_hash(paragraphs: Iterable[str]) -> str:
    """sha256 hex of the normalised words: equal for the same body under other chrome."""
    return hashlib.sha256(" ".join(normalise_words(paragraphs)).encode("utf-8")).hexdigest()


# crc32 of each word's UTF-8 bytes, remembered: a lookup costs a third of hashing again.
_WORD_HASHES: Memo[str, int] = Memo(lambda word: zlib.crc32(word.encode("utf-8")))


def shingles(words: Sequence[str], *, k: int = SHINGLE_WORDS) -> Shingles:
    """Sorted distinct 32-bit hashes of the word k-grams (the whole text when shorter)."""
    if not words:
        return np.empty(0, dtype=np.uint32)
    # one crc32 per word, then a multiply-add over each window of k words (wrapping uint32)
    word_hashes = np.array(list(map(_WORD_HASHES.__getitem__, words)), dtype=np.uint32)
    n = max(1, len(words) - k + 1)
    hashes = np.zeros(n, dtype=np.uint32)
    for offset in range(min(k, len(words))):
        hashes = hashes * _SHINGLE_MIX + word_hashes[offset:offset + n]
    return np.unique(hashes)


# --- MinHash LSH ---------------------------------------------------------------------------


_BAND_MIX = np.uint64(0x9E3779B97F4A7C15)
BAND_HASH_BITS = 48               # band keys: (band << 48) | a 48-bit hash of the band


# MinHash exactly as ``datasketch.MinHash(num_perm, seed, hashfunc=int)`` computes it: the
# same permutations drawn from the seed, the same universal hash, so the same values (a test
# compares them with datasketch's). Done in numpy alone: importing datasketch pulls in scipy,
# about a second of the writer's time before an ingest could start its workers, and its
# ``update_batch`` hashes values one by one in Python.
_MERSENNE_BITS = np.uint64(61)
_MERSENNE_PRIME = np.uint64((1 << 61) - 1)
_MAX_HASH = np.uint64((1 << 32) - 1)


@cache
def _permutations() -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint64]]:
    generator = np.random.RandomState(MINHASH_SEED)
    pairs = np.array([(generator.randint(1, _MERSENNE_PRIME, dtype=np.uint64),
                       generator.randint(0, _MERSENNE_PRIME, dtype=np.uint64))
                      for _ in range(NUM_PERM)], dtype=np.uint64).T
    return pairs[0], pairs[1]


def warm_up() -> None:
    """Draw the permutations now (before forking workers, which then share them)."""
    _permutations()


def minhash(hashes: Shingles) -> npt.NDArray[np.uint64]:
    """The MinHash signature (``NUM_PERM`` values) of a set of 32-bit shingle hashes."""
    if not len(hashes):
        return np.full(NUM_PERM, _MAX_HASH, dtype=np.uint64)
    a, b = _permutations()
    mixed = hashes.astype(np.uint64).reshape(-1, 1) * a     # wraps, as in datasketch
    mixed += b
    # mixed % (2**61 - 1) without a division: for a Mersenne prime p = 2**61 - 1,
    # x ≡ (x & p) + (x >> 61) (mod p), and that sum r is below 2 * p, so one subtraction
    # at most: min(r, r - p) (r - p wraps above r when r < p), needed only when some r ≥ p
    # (almost never); the same values as ``%``, a few times faster. In place: no temporary
    # arrays.
    reduced = mixed & _MERSENNE_PRIME
    mixed >>= _MERSENNE_BITS
    reduced += mixed
    if reduced.max() >= _MERSENNE_PRIME:
        np.subtract(reduced, _MERSENNE_PRIME, out=mixed)
        np.minimum(reduced, mixed, out=reduced)
    reduced &= _MAX_HASH
    return np.asarray(reduced.min(axis=0), dtype=np.uint64)


_BAND_NUMBERS = np.arange(BANDS, dtype=np.uint64) << np.uint64(BAND_HASH_BITS)


def band_keys(hashes: Shingles) -> list[int]:
    """LSH band keys ``(band << 48) | hash`` (a 48-bit hash of the band's ``ROWS`` values;
    below 2**54, so a signed 64-bit integer in SQL): copies share at least one with high
    probability."""
    if not len(hashes):
        return []
    rows = minhash(hashes).reshape(BANDS, ROWS)
    mixed = np.zeros(BANDS, dtype=np.uint64)
    for column in range(ROWS):        # a multiply-xor hash of each band's values (wraps)
        mixed = (mixed ^ rows[:, column]) * _BAND_MIX
    mixed >>= np.uint64(64 - BAND_HASH_BITS)
    keys: list[int] = (mixed | _BAND_NUMBERS).tolist()
    return keys


# --- wire markers --------------------------------------------------------------------------


def _marker_name(text: str) -> str | None:
    text = text.strip(" .,;:")
    agency = agency_name(text)
    if agency is not None:
        return agency.casefold()
    outlet = known_outlet(text)
    return outlet.casefold() if outlet is not None else None


def wire_markers(text: str, *, wire_sources: Iterable[str] = (),
                 page_text: str = "") -> frozenset[str]:
    """Wire agencies and outlets a story credits: "(ANTARA) -", "dikutip dari Reuters", ...

    ``text`` is the story (title and body); ``page_text`` the raw page, searched only for
    dateline agencies (the page room takes the dateline off the body). Names come back
    case-folded as warta reports them ("antara", "reuters", "kompas.com").
    """
    found = {source.casefold() for source in wire_sources if source}
    found.update(agency.casefold() for agency in _DATELINE_AGENCY.findall(page_text))
    if "(" in text:
        for match in _WIRE_PAREN.finditer(text):
            if (name := _marker_name(match.group(1))) is not None:
                found.add(name)
    lowered = text.lower()
    if any(word in lowered for word in _CITE_WORDS):
        for match in _WIRE_CITED.finditer(text):
            words = match.group("name").split()
            for end in range(len(words), 0, -1):
                if (name := _marker_name(" ".join(words[:end]))) is not None:
                    found.add(name)
                    break
    if any(word in text for word in _WIRE_NAME_WORDS):  # a cheaper test than the search
        for match in _WIRE_NAMES.finditer(text):
            if (name := _marker_name(match.group(1))) is not None:
                found.add(name)
    return frozenset(found)


# --- fingerprints and decisions ------------------------------------------------------------


def _is_content(word: str) -> bool:
    """A content word (``content_terms``): 3+ letters, no stop word, not a number."""
    return len(word) > 2 and word not in STOP_WORDS and not word.isdigit()


def _is_number(word: str) -> bool:
    """A figure (``Fingerprint.numbers``): a word with digits, not only letters."""
    return not word.isalpha() and any(ch.isdigit() for ch in word)


_IS_CONTENT: Memo[str, bool] = Memo(_is_content)
_IS_NUMBER: Memo[str, bool] = Memo(_is_number)


def content_terms(words: Iterable[str], *, keep: int = TERMS_KEPT) -> dict[str, float]:
    """The ``keep`` most frequent content words (no stop words or numbers, 3+ letters),
    weighted by count and scaled to unit length, so a cosine is a sum of products."""
    counts = Counter(filter(_IS_CONTENT.__getitem__, words))
    # most_common(keep) as one C sort (stable: ties stay in first-seen order, as
    # heapq.nlargest, which most_common uses, keeps them)
    top = sorted(counts.items(), key=itemgetter(1), reverse=True)[:keep]
    norm = math.sqrt(sum(count * count for _, count in top)) or 1.0
    return {word: count / norm for word, count in top}


def fingerprint(paragraphs: Sequence[str], *, title: str | None = None,
                outlet: str | None = None, wire_sources: Iterable[str] = (),
                marker_text: str = "", entities: Iterable[str] = (),
                events: Iterable[str] = ()) -> Fingerprint:
    """A ``Fingerprint`` of one article body.

    ``marker_text`` is any extra text to look for wire markers in (the raw page, whose
    dateline the page room took off the body); ``entities`` and ``events`` are keys of the
    article's facts (``entity_key``, ``event_key``) for ``related_score``.
    """
    words = normalise_words(paragraphs)
    terms = content_terms([*words, *normalise_words([title or ""])])
    text = "\n".join(paragraphs)
    return Fingerprint(
        body_hash=hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest(),
        shingles=shingles(words),
        words=len(words),
        numbers=frozenset(filter(_IS_NUMBER.__getitem__, words)),
        markers=wire_markers(text, wire_sources=wire_sources, page_text=marker_text),
        outlet=outlet.casefold() if outlet else None,
        entities=frozenset(entities),
        events=frozenset(events),
        terms=terms,
    )


def _common(a: Shingles, b: Shingles) -> int:
    return int(np.intersect1d(a, b, assume_unique=True).size)


def jaccard(a: Shingles, b: Shingles) -> float:
    """|a ∩ b| / |a ∪ b| of two shingle sets (0.0 when either is empty)."""
    if not len(a) or not len(b):
        return 0.0
    common = _common(a, b)
    return common / (len(a) + len(b) - common)


def containment(a: Shingles, b: Shingles) -> float:
    """Share of the smaller shingle set found in the larger one."""
    if not len(a) or not len(b):
        return 0.0
    return _common(a, b) / min(len(a), len(b))


def _credits_each_other(a: Fingerprint, b: Fingerprint) -> bool:
    if a.markers & b.markers:
        return True
    return (a.outlet is not None and a.outlet in b.markers) or \
        (b.outlet is not None and b.outlet in a.markers)


def is_copy(a: Fingerprint, b: Fingerprint) -> bool:
    """True when ``a`` and ``b`` are copies of one story (see the module docstring)."""
    if a.body_hash == b.body_hash and a.words:
        return True
    return copy_score(a, b) > 0.0


def copy_score(a: Fingerprint, b: Fingerprint) -> float:
    """How surely ``a`` and ``b`` are copies: 0.0 when they are not, else 0 < score ≤ 2."""
    if a.body_hash == b.body_hash and a.words:
        return 2.0
    if not len(a.shingles) or not len(b.shingles) or not same_facts(a, b):
        return 0.0
    common = _common(a.shingles, b.shingles)
    similarity = common / (len(a.shingles) + len(b.shingles) - common)
    inside = common / min(len(a.shingles), len(b.shingles))
    score = similarity + inside
    if min(len(a.shingles), len(b.shingles)) < MIN_CONTAINMENT_SHINGLES:
        return score if similarity >= SHORT_JACCARD else 0.0
    if similarity >= COPY_JACCARD or inside >= COPY_CONTAINMENT:
        return score
    return score if inside >= WIRE_CONTAINMENT and _credits_each_other(a, b) else 0.0


def same_facts(a: Fingerprint, b: Fingerprint) -> bool:
    """Do the numbers agree? Copies keep every figure; a follow-up or a daily report on the
    same template changes them. True when either side has too few numbers to tell."""
    if min(len(a.numbers), len(b.numbers)) < MIN_NUMBERS:
        return True
    shared = len(a.numbers & b.numbers)
    return shared / min(len(a.numbers), len(b.numbers)) >= NUMBER_AGREEMENT


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Cosine of two unit-length term vectors (``content_terms``)."""
    # the shared terms by a set intersection (in C), usually a few of the 30; fsum, as set
    # order varies between processes and the sum must not
    return math.fsum(a[term] * b[term] for term in a.keys() & b.keys())


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Shared share of the smaller set, damped for one-item sets."""
    if not a or not b:
        return 0.0
    return len(a & b) / max(2, min(len(a), len(b)))


# Weights of related_score: who and what the stories name counts most, then what happened,
# then the words themselves (which also carries stories whose facts are sparse).
RELATED_WEIGHTS = (0.45, 0.2, 0.35)


def related_score(a: Fingerprint, b: Fingerprint) -> float:
    """How related two stories are, 0..1: shared entities and events plus word cosine."""
    w_entities, w_events, w_text = RELATED_WEIGHTS
    return round(w_entities * _overlap(a.entities, b.entities)
                 + w_events * _overlap(a.events, b.events)
                 + w_text * cosine(a.terms, b.terms), 4)


def entity_key(name: str, type_: str, country: str | None) -> str:
    """``type|country|name``, the archive's entities.key."""
    return f"{type_}|{country or ''}|{name}"


def event_key(type_: str, location: str | None, actors: Iterable[str]) -> str:
    """An event as related stories compare it: type, place and actors."""
    return f"{type_}|{location or ''}|{','.join(sorted(actors))}"
