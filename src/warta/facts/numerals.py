"""Indonesian numerals: digits with "." thousands and "," decimals, number words, vague counts.

    parse_number("6.500") → 6500          parse_number("1,2 juta") → 1200000
    parse_number("dua puluh lima") → 25   parse_number("seorang") → 1
    parse_number("ratusan ribu") → None   (vague counts carry no number)

``find_numbers(text)`` returns every numeral of a sentence as a ``NumberSpan`` with its
character offsets, including vague counts (``value`` None) so that a reader can tell
"puluhan orang" from "no number at all".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

Number = int | float

UNITS = {"nol": 0, "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6,
         "tujuh": 7, "delapan": 8, "sembilan": 9}
# Words worth a fixed amount below a thousand ("se-" forms).
SMALL_WORDS = {"sepuluh": 10, "sebelas": 11, "seratus": 100}
# Indefinite singulars: "seorang prajurit", "sebuah gereja".
SINGULARS = {"seorang": 1, "sebuah": 1, "seekor": 1, "seunit": 1, "sebutir": 1, "sepucuk": 1,
             "sebatang": 1, "selembar": 1, "sesosok": 1}
SCALES = {"ribu": 1_000, "juta": 1_000_000, "miliar": 1_000_000_000, "milyar": 1_000_000_000,
          "triliun": 1_000_000_000_000}
SE_SCALES = {"seribu": 1_000, "sejuta": 1_000_000, "semiliar": 1_000_000_000}
VAGUE = {"belasan", "puluhan", "ratusan", "ribuan", "puluhan ribu", "ratusan ribu", "jutaan",
         "puluhan juta", "ratusan juta", "miliaran"}
COLLECTIVE_SUFFIX = "nya"

_DIGITS = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?|\d+\.\d{1,2}(?!\d)"
_WORD = (r"nol|satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|sebelas|seratus"
         r"|seribu|sejuta|semiliar|belas|puluh|ratus|ribu|juta|miliar|milyar|triliun")
_SCALE = r"ribu|juta|miliar|milyar|triliun"
_NUMERAL = re.compile(
    rf"(?<![\w/.,-])(?:(?P<digits>{_DIGITS})(?:\s+(?P<scale>{_SCALE}))?"
    rf"|(?P<words>(?:{_WORD})(?:\s+(?:{_WORD}))*)"
    rf"|(?P<vague>(?:belasan|puluhan|ratusan|ribuan|jutaan|miliaran)(?:\s+(?:{_SCALE}))?)"
    rf"|(?P<single>{'|'.join(SINGULARS)})"
    r"|(?P<collective>ke(?:dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh)(?:nya)?))"
    r"(?![\w/-]|[.,]\d)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class NumberSpan:
    """One numeral in a text: where it is, what it is worth, and what sort it is.

    ``kind`` is "digits", "words", "vague" (belasan, ratusan ribu: ``value`` None),
    "single" (seorang, sebuah) or "collective" (keduanya, ketiga: "all three").
    """

    start: int
    end: int
    text: str
    value: Number | None
    kind: str

    @property
    def vague(self) -> bool:
        return self.value is None


def parse_number(text: str) -> Number | None:
    """The number an Indonesian numeral stands for, or None (vague counts, non-numerals)."""
    cleaned = " ".join(text.lower().split())
    if not cleaned or cleaned in VAGUE:
        return None
    match = re.fullmatch(rf"({_DIGITS})(?:\s+({_SCALE}))?", cleaned)
    if match:
        return _digits_value(match.group(1), match.group(2))
    if cleaned in SINGULARS:
        return SINGULARS[cleaned]
    collective = _collective_value(cleaned)
    if collective is not None:
        return collective
    return _words_value(cleaned.split())


def _digits_value(digits: str, scale: str | None) -> Number | None:
    multiplier = SCALES.get(scale or "", 1)
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+|\d+", digits):  # whole numbers stay exact
        return int(digits.replace(".", "")) * multiplier
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", digits):
        number = float(digits.replace(".", "").replace(",", "."))
    else:
        number = float(digits.replace(",", "."))
    return _tidy(number * multiplier)


def _tidy(number: float) -> Number:
    rounded = round(number)
    return int(rounded) if abs(number - rounded) < 1e-6 else number


def _collective_value(word: str) -> int | None:
    if not word.startswith("ke"):
        return None
    stem = word[2:].removesuffix(COLLECTIVE_SUFFIX)
    value = UNITS.get(stem) or SMALL_WORDS.get(stem)
    return value if value and value >= 2 else None


def _words_value(words: list[str]) -> int | None:
    """Value of a run of number words ("tiga ratus empat puluh"), None if ill-formed."""
    total, group, pending = 0, 0, None
    for word in words:
        if word in UNITS:
            if pending is not None:
                return None
            pending = UNITS[word]
        elif word in SMALL_WORDS:
            group += SMALL_WORDS[word]
        elif word in SE_SCALES:
            total += SE_SCALES[word]
        elif word in {"belas", "puluh", "ratus"}:
            if pending is None:
                return None
            group += pending * {"belas": 1, "puluh": 10, "ratus": 100}[word]
            group += 10 if word == "belas" else 0
            pending = None
        elif word in SCALES:
            amount = group + (pending or 0)
            if amount == 0:
                return None
            total += amount * SCALES[word]
            group, pending = 0, None
        else:
            return None
    return total + group + (pending or 0)


def find_numbers(text: str) -> list[NumberSpan]:
    """Every numeral in ``text`` with its offsets, in order; vague counts have value None."""
    spans: list[NumberSpan] = []
    for match in _NUMERAL.finditer(text):
        span = _span(match)
        if span is not None:
            spans.append(span)
    return spans


def _span(match: re.Match[str]) -> NumberSpan | None:
    kind = next(name for name in ("digits", "words", "vague", "single", "collective")
                if match.group(name))
    surface = match.group(0)
    if kind == "words" and surface.lower().split()[0] in {"belas", "puluh", "ratus", "ribu",
                                                          "juta", "miliar", "milyar",
                                                          "triliun"}:
        return None
    value = _value(match, kind)
    if value is None and kind != "vague":
        return None
    return NumberSpan(match.start(), match.end(), surface, value, kind)


def _value(match: re.Match[str], kind: str) -> Number | None:
    if kind == "digits":
        scale = match.group("scale")
        return _digits_value(match.group("digits"), scale.lower() if scale else None)
    if kind == "words":
        return _words_value(match.group(0).lower().split())
    if kind == "single":
        return SINGULARS[match.group(0).lower()]
    if kind == "collective":
        return _collective_value(match.group(0).lower())
    return None
