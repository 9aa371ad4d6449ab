"""Fact component: PLOVER 2.0 events from the story's sentences (fills ``doc.events``).

The lexicon is data (``data/events.yaml``, format documented in its header): trigger
patterns per PLOVER type and mode, with the voice that tells how to read the doer and the
one acted upon around the trigger. For each sentence:

1. find the parties: countries, IGOs, Indonesian institutions and generic actor nouns
   ("polisi", "pasukan"), from the entities component when it has run, else from the
   lexicon's own names; each party carries an ISO3 code (or ``IGO:<name>``);
2. find triggers (longest first, no overlaps), drop negated or planned acts and excluded
   contexts (interceptions, ceremony, figurative sports or gadget language);
3. read actors, recipients and mediators by voice within the trigger's clause; date from
   ``timeline``, location as written, source from the attributions component;
4. merge retellings of the same event (same type and actors, compatible date and source).

Articles whose vocabulary is sports, market, entertainment or tech get no events at all.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

from warta.facts import timeline
from warta.facts.document import FactsDoc, Sentence
from warta.facts.lowercase import lowered
from warta.models import Event

HOME = "IDN"
_FLAGS = re.IGNORECASE
_BOUNDARY = re.compile(
    r"[,;:]\s|[“”\"]|\s[-–—]\s|\b(?:bahwa|setelah|sebelum|sementara|sedangkan|namun|tetapi|"
    r"karena|sehingga|ketika|usai|seusai|hingga|meski|meskipun|padahal|sebab)\b", _FLAGS)
_DOMAIN_MARGIN = 2.0
_DOMAIN_MINIMUM = 5


@dataclass(frozen=True, slots=True)
class Entry:
    """One lexicon entry: a PLOVER type/mode and how to read its triggers."""

    type: str
    mode: str | None
    voice: str
    key: str
    index: int               # its place in the lexicon: the name of its group in ``probe``
    future: bool
    inherit: bool
    patterns: re.Pattern[str]
    modes: tuple[tuple[re.Pattern[str], str], ...]
    exclude: re.Pattern[str] | None
    requires: re.Pattern[str] | None
    exclude_doc: re.Pattern[str] | None


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The compiled ``events.yaml``."""

    entries: tuple[Entry, ...]
    negation: re.Pattern[str]
    future: re.Pattern[str]
    mediator: re.Pattern[str]
    location: re.Pattern[str]
    agent: re.Pattern[str]
    pair: re.Pattern[str]
    statistics: re.Pattern[str]
    not_party_before: re.Pattern[str]
    not_generic_before: re.Pattern[str]
    political: re.Pattern[str]
    other_domains: dict[str, re.Pattern[str]]
    any_trigger: re.Pattern[str]   # on lower-cased text: where some trigger starts
    probe: re.Pattern[str]         # at such a start: which entries match there, how far
    names: re.Pattern[str]
    name_codes: dict[str, str]
    domestic: re.Pattern[str]
    generic: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class Party:
    """A doer or target named in a sentence, with the code it stands for."""

    start: int
    end: int
    code: str
    kind: str  # name | domestic | generic | possessive | pair
    located: bool = False


@dataclass(slots=True)
class Draft:
    """An event being built; merged with retellings before it becomes an ``Event``."""

    type: str
    mode: str | None
    key: str
    actors: list[str]
    recipients: list[str]
    mediators: list[str]
    date: str | None
    location: str | None
    source: str | None
    historical: bool
    evidence: str
    sentence: int
    extra: dict[str, Any] = field(default_factory=dict)

    def event(self) -> Event:
        return Event(type=self.type, mode=self.mode, actors=tuple(self.actors),
                     recipients=tuple(self.recipients), mediators=tuple(self.mediators),
                     date=self.date, location=self.location, source=self.source,
                     historical=self.historical, evidence=self.evidence)


# --------------------------------------------------------------------------- lexicon


def _words(text: str) -> str:
    return "|".join(part.strip() for part in text.split("|") if part.strip())


def _compile_any(patterns: list[str], flags: int = _FLAGS) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(f"(?:{p})" for p in patterns) + r")\b", flags)


_UPPER_ESCAPE = re.compile(r"(?<!\\)(?:\\\\)*\\[SWDB]")


def lower_pattern(pattern: str, where: str) -> str:
    """``pattern`` in lower case, to run on ``lowered()`` text; an upper-case escape (\\S,
    \\W, \\D, \\B) would change meaning there, so it is refused with the entry named."""
    if _UPPER_ESCAPE.search(pattern):
        raise ValueError(f"events.yaml, {where}: pattern {pattern!r} uses an upper-case "
                         "escape (\\S \\W \\D \\B); write [^\\s] and the like instead")
    return pattern.lower()


_PLAIN_START = re.compile(r"[a-z][a-z]")


def _trigger_scan(patterns: list[str]) -> re.Pattern[str]:
    """Where some trigger starts, in lower-cased text. Triggers that open with a plain
    letter are grouped under it, so at each word ``re`` tests one letter rather than every
    trigger in turn (the same starts, about twice as fast)."""
    by_letter: dict[str, list[str]] = {}
    other: list[str] = []
    for raw in patterns:
        low = lower_pattern(raw, "patterns")
        if _PLAIN_START.match(low) and not _top_level_bar(low):
            by_letter.setdefault(low[0], []).append(low[1:])
        else:
            other.append(low)
    parts = [letter + "(?:" + "|".join(f"(?:{rest})" for rest in group) + ")"
             for letter, group in sorted(by_letter.items())]
    parts += [f"(?:{low})" for low in other]
    return re.compile(r"\b(?=(?:" + "|".join(parts) + r")\b)")


def _top_level_bar(pattern: str) -> bool:
    """A "|" outside any group or class: the pattern is itself a choice."""
    depth, escaped, in_class = 0, False, False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char in "()":
            depth += 1 if char == "(" else -1
        elif char == "|" and depth == 0:
            return True
    return False


def _entry(index: int, raw: dict[str, Any]) -> Entry:
    modes = tuple((re.compile(item["when"], _FLAGS), str(item["mode"]))
                  for item in raw.get("modes") or ())
    exclude = raw.get("exclude")
    requires = raw.get("requires")
    exclude_doc = raw.get("exclude_doc")
    voice = str(raw.get("voice", "active"))
    # two-sided fighting and a one-sided attack are different events
    two_sided = voice == "mutual" and raw["type"] == "ASSAULT"
    return Entry(type=str(raw["type"]), mode=raw.get("mode"), voice=voice,
                 key=str(raw.get("key") or ("mutual" if two_sided else "")), index=index,
                 future=bool(raw.get("future", False)), inherit=bool(raw.get("inherit", False)),
                 patterns=_compile_any(list(raw["patterns"])), modes=modes,
                 exclude=re.compile("|".join(exclude), _FLAGS) if exclude else None,
                 requires=re.compile(lower_pattern(requires, f"event {index} requires"))
                 if requires else None,   # run on lowered() text
                 exclude_doc=re.compile(lower_pattern(exclude_doc, f"event {index} exclude_doc"))
                 if exclude_doc else None)


def _name_table(data: dict[str, Any]) -> dict[str, str]:
    codes: dict[str, str] = {}
    for code, names in (data.get("countries") or {}).items():
        for name in names:
            codes[str(name)] = str(code)
    for short, names in (data.get("igos") or {}).items():
        for name in names:
            codes[str(name)] = f"IGO:{short}"
    return codes


@cache
def load_lexicon() -> Lexicon:
    """Read and compile ``data/events.yaml`` once."""
    text = resources.files("warta.facts").joinpath("data/events.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    markers = data["markers"]
    domains = {name: re.compile(r"\b(?:" + lower_pattern(_words(words), f"domains.{name}")
                                + r")\b")   # run on lowered() text
               for name, words in data["domains"].items()}
    codes = _name_table(data)
    names = sorted(codes, key=len, reverse=True)
    entries = tuple(_entry(index, raw) for index, raw in enumerate(data["events"]))
    # Case-insensitive matching of a few thousand alternatives at every position is slow
    # in ``re``; the lower-cased patterns on lower-cased text match the same (the patterns
    # use no upper-case escapes such as \\S or \\W) in a quarter of the time.
    lowered = [lower_pattern(entry.patterns.pattern, f"event {entry.index} patterns")
               for entry in entries]
    return Lexicon(
        entries=entries,
        any_trigger=_trigger_scan([str(raw) for item in data["events"]
                                   for raw in item["patterns"]]),
        probe=re.compile("".join(f"(?:(?=(?P<e{entry.index}>{pattern}))|)"
                                 for entry, pattern in zip(entries, lowered, strict=True))),
        negation=re.compile(r"\b" + markers["negation"] + r"\s+(?:[\w-]+\s+)?$", _FLAGS),
        future=re.compile(r"\b" + markers["future"] + r"\s+(?:[\w-]+\s+){0,2}$", _FLAGS),
        mediator=re.compile(r"\b" + markers["mediator"] + r"\s+(?:[\w-]+\s+){0,4}?$", _FLAGS),
        location=re.compile(r"\b" + markers["location"] + r"\s+(?:[\w-]+\s+){0,3}$", _FLAGS),
        agent=re.compile(r"\b" + markers["agent"] + r"\b", _FLAGS),
        pair=re.compile(r"\b" + markers["two_of_them"] + r"\b", _FLAGS),
        statistics=re.compile(lower_pattern(markers["statistics"], "markers.statistics")),
        not_party_before=re.compile(markers["not_party_before"]),
        not_generic_before=re.compile(markers["not_generic_before"], _FLAGS),
        political=domains.pop("political"),
        other_domains=domains,
        names=re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b"),
        name_codes=codes,
        domestic=re.compile(r"\b(?:" + _words(data["domestic"]) + r")\b"),
        generic=re.compile(r"\b(?:" + _words(data["generic"]) + r")(?P<nya>nya)?\b", _FLAGS),
    )


# --------------------------------------------------------------------------- domain


def is_newsworthy(text: str, lexicon: Lexicon | None = None) -> bool:
    """False for sports, market, entertainment and tech stories (no events there)."""
    lexicon = lexicon or load_lexicon()
    low = lowered(text)
    political = len(lexicon.political.findall(low))
    other = max(len(pattern.findall(low)) for pattern in lexicon.other_domains.values())
    return not (other >= _DOMAIN_MINIMUM and other >= _DOMAIN_MARGIN * max(political, 1))


# --------------------------------------------------------------------------- parties


@dataclass(slots=True)
class Context:
    """What the reader knows about the document while going through its sentences."""

    doc: FactsDoc
    lexicon: Lexicon
    entity_names: re.Pattern[str] | None
    entity_codes: dict[str, str]
    home: str
    pair: list[str]
    domestic: bool = True
    entries: tuple[Entry, ...] = ()
    sources: dict[int, str | None] = field(default_factory=dict)
    drafts: list[Draft] = field(default_factory=list)


def _entity_table(doc: FactsDoc, lexicon: Lexicon) -> dict[str, str]:
    table: dict[str, str] = {}
    for entity in doc.entities:
        if entity.type == "LOC":
            continue
        for form in (entity.name, *entity.mentions):
            if form in lexicon.name_codes:
                continue  # a country or IGO name: the lexicon's code is the reliable one
            code = _igo_inside(form, lexicon) or entity.country
            if code and len(form) > 1:
                table[form] = code
    return table


def _igo_inside(form: str, lexicon: Lexicon) -> str | None:
    """"Dewan Keamanan PBB" stands for the IGO it names."""
    for m in lexicon.names.finditer(form):
        code = lexicon.name_codes[m.group()]
        if code.startswith("IGO:"):
            return code
    return None


def _pattern_for(table: dict[str, str]) -> re.Pattern[str] | None:
    if not table:
        return None
    forms = sorted(table, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(f) for f in forms) + r")\b")


def _located(text: str, start: int, lexicon: Lexicon) -> bool:
    return bool(lexicon.location.search(text[max(0, start - 40):start]))


_JOINT = frozenset({"CONCEDE", "SUPPORT", "AGREE", "RETREAT"})


def _name_parties(text: str, ctx: Context) -> list[Party]:
    found: list[Party] = []
    if ctx.entity_names is not None:
        for m in ctx.entity_names.finditer(text):
            found.append(Party(m.start(), m.end(), ctx.entity_codes[m.group()], "name"))
    for m in ctx.lexicon.names.finditer(text):
        found.append(Party(m.start(), m.end(), ctx.lexicon.name_codes[m.group()], "name"))
    found = [p for p in found
             if not ctx.lexicon.not_party_before.search(text[max(0, p.start - 50):p.start])]
    for m in ctx.lexicon.domestic.finditer(text):
        found.append(Party(m.start(), m.end(), HOME, "domestic"))
    recent = next((d.actors for d in reversed(ctx.drafts)
                   if len(d.actors) >= 2 and (d.key == "mutual" or d.type in _JOINT)), ctx.pair)
    for m in ctx.lexicon.pair.finditer(text):
        for code in recent[:3]:
            found.append(Party(m.start(), m.end(), code, "pair"))
    return found


def _generic_parties(text: str, ctx: Context, named: list[Party]) -> list[Party]:
    found = []
    for m in ctx.lexicon.generic.finditer(text):
        if ctx.lexicon.not_generic_before.search(text[max(0, m.start() - 30):m.start()]):
            continue
        if m["nya"]:
            before = [p for p in named if p.end <= m.start()]
            code = before[-1].code if before else ctx.home
            found.append(Party(m.start(), m.end(), code, "possessive"))
            continue
        follower = [p for p in named if 0 <= p.start - m.end() <= 30
                    and not re.search(r"[,.;:]|\b(?:dan|yang|di|ke)\b", text[m.end():p.start])]
        if not follower and ctx.domestic:
            found.append(Party(m.start(), m.end(), ctx.home, "generic"))
    return found


def find_parties(text: str, ctx: Context) -> list[Party]:
    """The parties named in one sentence, in order, overlaps resolved (longest first)."""
    named = _name_parties(text, ctx)
    candidates = named + _generic_parties(text, ctx, named)
    candidates.sort(key=lambda p: (p.start, -(p.end - p.start)))
    kept: list[Party] = []
    for party in candidates:
        if kept and party.start < kept[-1].end:
            if party.kind == "pair" and kept[-1].kind == "pair":
                kept.append(party)
            continue
        kept.append(party)
    return [Party(p.start, p.end, p.code, p.kind, _located(text, p.start, ctx.lexicon))
            for p in kept]


# --------------------------------------------------------------------------- reading


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    left = 0
    for m in _BOUNDARY.finditer(text, 0, start):
        left = m.end()
    right_match = _BOUNDARY.search(text, end)
    return left, right_match.start() if right_match else len(text)


def _codes(parties: list[Party]) -> list[str]:
    out: list[str] = []
    for party in parties:
        if party.code not in out:
            out.append(party.code)
    return out


_JOIN = re.compile(r"^[\s,/–-]*(?:(?:dan|serta|maupun|bersama|beserta)\s+)?"
                   r"(?:[A-Z][\w.-]*\s+){0,4}$")


def _group(parties: list[Party], text: str) -> list[Party]:
    """The first party and those joined to it ("Thailand dan Kamboja", "Presiden Rusia X")."""
    if not parties:
        return []
    group = [parties[0]]
    for party in parties[1:]:
        if not _JOIN.match(text[group[-1].end:party.start]):
            break
        group.append(party)
    return group


def _subject(parties: list[Party], text: str, left: int, trigger: int) -> list[Party]:
    free = [p for p in parties if not p.located and p.end <= trigger]
    in_clause = [p for p in free if p.start >= left]
    if in_clause:
        return _group(in_clause, text)
    return _group(free[-1:], text) if free else []


def _agent(parties: list[Party], text: str, end: int, right: int, lexicon: Lexicon) -> list[Party]:
    after = [p for p in parties if end <= p.start < right and not p.located]
    agent_word = lexicon.agent.search(text, end, right)
    if agent_word:
        marked = [p for p in after if p.start >= agent_word.end()]
        if marked:
            return _group(marked, text)
    near = [p for p in after if p.start - end <= 35]
    return _group(near, text)


def _mediators(parties: list[Party], text: str, lexicon: Lexicon) -> list[Party]:
    return [p for p in parties if lexicon.mediator.search(text[max(0, p.start - 60):p.start])]


@dataclass(frozen=True, slots=True)
class Hit:
    """One trigger found in a sentence."""

    entry: Entry
    start: int
    end: int


_VERB = re.compile(r"\b(?:me|di|ber|ter)[a-z]{3,}\b")


def _pivot(hit: Hit, text: str) -> tuple[int, int]:
    """The trigger's verb inside a longer pattern ("jet tempur X menggempur"), else the hit."""
    verb = _VERB.search(text, hit.start, hit.end)
    if verb is None or verb.group().startswith("tersangka"):
        return hit.start, hit.end
    return verb.start(), verb.end()


def _roles(hit: Hit, text: str, parties: list[Party], ctx: Context
           ) -> tuple[list[str], list[str], list[str]]:
    left, right = _clause(text, hit.start, hit.end)
    start, end = _pivot(hit, text)
    mediators = _mediators(parties, text, ctx.lexicon)
    usable = [p for p in parties if p not in mediators]
    after = [p for p in usable if end <= p.start < right]
    voice = hit.entry.voice
    if voice == "passive":
        recipients = _subject(usable, text, left, start)
        actors = _agent(usable, text, max(end, hit.end), right, ctx.lexicon)
    elif voice == "mutual":
        actors = [p for p in usable if left <= p.start < right and not p.located]
        if len(_codes(actors)) < 2:
            actors = [p for p in usable if not p.located] or actors
        recipients = []
    elif voice == "nominal":
        actors = _agent(usable, text, end, right, ctx.lexicon) or _subject(
            usable, text, left, start)
        recipients = [p for p in after if p not in actors]
    else:
        actors = _subject(usable, text, left, start)
        recipients = after
    actor_codes, recipient_codes = _codes(actors), _codes(recipients)
    others = [code for code in recipient_codes if code not in actor_codes]
    if others and voice != "mutual":
        recipient_codes = others   # "Yordania siap melatih personel Polri ... di Amman"
    return actor_codes, recipient_codes, _codes(mediators)


def _mode(hit: Hit, text: str) -> str | None:
    tail = text[hit.start:hit.end + 60]
    for pattern, mode in hit.entry.modes:
        if pattern.search(tail):
            return mode
    return hit.entry.mode


_SUSPECTED = re.compile(r"\b(?:diduga|disangka|dicurigai)\s+(?:(?:telah|ikut|turut|sempat)\s+)?$",
                        _FLAGS)


def _blocked(hit: Hit, text: str, lexicon: Lexicon) -> bool:
    before = text[max(0, hit.start - 40):hit.start]
    if lexicon.negation.search(before) or _SUSPECTED.search(before):
        return True
    return not hit.entry.future and bool(lexicon.future.search(before))


# "serangan itu", "penangkapan tersebut": a reference back to an event already told
_ANAPHORIC = re.compile(r"\s+(?:itu|tersebut|ini)\b", _FLAGS)


def usable_entries(doc_text: str, lexicon: Lexicon) -> tuple[Entry, ...]:
    """The entries whose article-level conditions (``requires``, ``exclude_doc``) hold."""
    low = lowered(doc_text)
    return tuple(entry for entry in lexicon.entries
                 if (entry.requires is None or entry.requires.search(low))
                 and (entry.exclude_doc is None or not entry.exclude_doc.search(low)))


def find_hits(text: str, entries: tuple[Entry, ...], lexicon: Lexicon) -> list[Hit]:
    """Triggers in one sentence: longest first where they overlap, blocked ones dropped."""
    hits: list[Hit] = []
    low = lowered(text)
    probes = [lexicon.probe.match(low, m.start()) for m in lexicon.any_trigger.finditer(low)]
    if not probes:
        return hits
    spans: dict[int, list[tuple[int, int]]] = {}
    for probe in probes:
        if probe is None:
            continue
        for group, matched in probe.groupdict().items():
            if matched is not None:
                start = probe.start(group)
                spans.setdefault(int(group[1:]), []).append((start, start + len(matched)))
    for entry in (entry for entry in entries if entry.index in spans):
        found = [Hit(entry, start, end) for start, end in spans[entry.index]
                 if not _ANAPHORIC.match(text, end)]
        if found and (entry.exclude is None or not entry.exclude.search(text)):
            hits.extend(found)
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    kept: list[Hit] = []
    for hit in hits:
        if any(hit.start < other.end and other.start < hit.end for other in kept):
            continue
        kept.append(hit)
    return [hit for hit in kept if not _blocked(hit, text, lexicon)]


# --------------------------------------------------------------------------- details

_HISTORICAL_CUE = re.compile(r"\b(?:terakhir\s+kali|pernah|silam|sebelumnya\s+pada)\b", _FLAGS)
_VAGUE_SINCE = re.compile(r"\bsejak\s+$", _FLAGS)
_SINCE_OTHER = re.compile(
    r"\bsejak\s+(?!(?:" + "|".join(timeline.WEEKDAYS) + r"|pekan|minggu|bulan|tahun|awal|akhir|"
    r"pertengahan|pagi|siang|sore|malam|dini|\d))[\w-]+\s+(?:[\w-]+\s+){0,3}$", _FLAGS)
_UNTIL = re.compile(r"\b(?:hingga|sampai|sampai\s+dengan|s\.d\.)\s+(?:\w+\s+)?$", _FLAGS)
_PLACE = re.compile(
    r"\bdi\s+((?:sekitar\s+|dekat\s+|depan\s+|sepanjang\s+)?(?:[A-Z][\w'-]*|perbatasan|kawasan|"
    r"wilayah|sejumlah|sebuah|bagian)(?:[ ,]+(?:[A-Z][\w'-]*|dan|timur|barat|utara|selatan|"
    r"kota|desa|jalan|kawasan|garis|perbatasan|yang\s+sama|sejumlah|di|kecamatan|kabupaten|"
    r"distrik|provinsi)){0,10})")
_WEEKDAY_WORD = re.compile(r"[ ,]+(?:" + "|".join(timeline.WEEKDAYS) + r")\b.*$", _FLAGS)
_SPEAKER = re.compile(
    r"(?:\b(?:kata|ujar|ungkap|jelas|tutur|ucap|tegas|sebut)\s+|menurut\s+)"
    r"(?P<name>(?:[A-Z][\w.'-]*\s*){1,5})")


_SPEECH_BEFORE = re.compile(
    r"\b(?:kata|ujar|ungkap|jelas|tutur|ucap|tegas|mengatakan|menyatakan|menjelaskan|"
    r"konferensi\s+pers|keterangan(?:\s+\w+)?|dihubungi|kepada\s+wartawan|ditemui)\b[^.]{0,60}$",
    _FLAGS)
_SPEECH_AFTER = re.compile(
    r"^[^.]{0,25}\b(?:mengatakan|menyatakan|menjelaskan|mengungkapkan|menyebut(?:kan)?|"
    r"menegaskan)\b", _FLAGS)


def _since_other(text: str, ref: timeline.TimeRef, hit: Hit) -> bool:
    """"mendesak ... sejak perang tahun lalu": the date belongs to the earlier thing."""
    since = _SINCE_OTHER.search(text[:ref.start])
    return since is not None and hit.start < since.start()


def _speech_date(text: str, ref: timeline.TimeRef) -> bool:
    """A date that tells when someone spoke ("kata X, Selasa"), not when the act happened."""
    return bool(_SPEECH_BEFORE.search(text[:ref.start]) or _SPEECH_AFTER.search(text[ref.end:]))


# "Pada Juli 2025, ..." dates the whole sentence; ", Selasa (13/1) malam." at the end
# dates its main clause (the first trigger)
_LEADING = re.compile(r"^\s*(?:(?:pada|sejak|sebelumnya|kemudian|lalu)\s+)*$", _FLAGS)
_TRAILING = re.compile(r"^\s*(?:pagi|siang|sore|malam|dini\s+hari|waktu\s+setempat)?\s*[.!?]?\s*$",
                       _FLAGS)


def _nearest_hit(ref: timeline.TimeRef, hits: list[Hit]) -> Hit:
    return min(hits, key=lambda h: min(abs(ref.start - h.end), abs(h.start - ref.end)))


def _date(text: str, hit: Hit, hits: list[Hit], published: str | None) -> str | None:
    left, right = _clause(text, hit.start, hit.end)
    refs = [ref for ref in timeline.find_dates(text, published)
            if not (_VAGUE_SINCE.search(text[:ref.start]) and ref.text[0].islower())
            and not _speech_date(text, ref) and not _UNTIL.search(text[:ref.start])
            and not _since_other(text, ref, hit)]
    if not refs:
        return None
    inside = [ref for ref in refs if left <= ref.start < right and _nearest_hit(ref, hits) is hit]
    leading = [ref for ref in refs if _LEADING.match(text[:ref.start])]
    trailing = [ref for ref in refs if _TRAILING.match(text[ref.end:])]
    if trailing and not inside:
        return trailing[0].value if hit is hits[0] else (leading[0].value if leading else None)
    chosen = inside or leading or [ref for ref in refs if _nearest_hit(ref, hits) is hit
                                   and ref not in trailing]
    if not chosen:
        return None
    return min(chosen, key=lambda ref: abs(ref.start - hit.start)).value


def _location(text: str, hit: Hit) -> str | None:
    left, right = _clause(text, hit.start, hit.end)
    for m in _PLACE.finditer(text, left):
        if m.start() > right + 80:
            break
        place = _WEEKDAY_WORD.sub("", m.group(1)).strip(" ,")
        words = place.lower().split()
        if words and words[-1] not in ("dan", "di", "yang") and not set(words) <= _NO_PLACE:
            return place
    return None


# "di sebuah rumah makan", "di dekat sebuah pos": words that open a place but name none
_NO_PLACE = frozenset({"sebuah", "sejumlah", "bagian", "dekat", "sekitar", "depan",
                       "sepanjang", "di", "dan"})


def _full_name(name: str, doc: FactsDoc) -> str:
    for entity in doc.entities:
        if name == entity.name or name in entity.mentions:
            return entity.name
    return name


_ACCUSING = frozenset({"menuding", "menuduh"})
_QUOTE_MARK = re.compile(r"[\"“”]")
_OPENING_QUOTES = "“\"‘"


def _neighbour(doc: FactsDoc, sentence: Sentence, step: int) -> Sentence | None:
    index = next((i for i, s in enumerate(doc.sentences) if s is sentence), None)
    if index is None or not 0 <= index + step < len(doc.sentences):
        return None
    return doc.sentences[index + step]


def _quote_after(doc: FactsDoc, sentence: Sentence) -> str | None:
    """'Polisi mengerahkan 85 personel. "Kami siaga," kata X.': the action is X's account."""
    from warta.facts.attributions import find_credits, source_for

    following = _neighbour(doc, sentence, 1)
    if (following is None or following.paragraph != sentence.paragraph
            or not _QUOTE_MARK.search(following.text) or find_credits(sentence.text)):
        return None
    found = source_for(doc, following.paragraph, following.text)
    return str(found) if found and find_credits(following.text) else None


def _accuser_before(doc: FactsDoc, sentence: Sentence) -> str | None:
    """'X menuding Y melanggar gencatan senjata. Pasukan Y menembaki pos ...': the narration
    right after the accusation reports X's claim."""
    from warta.facts.attributions import find_credits, source_for

    previous = _neighbour(doc, sentence, -1)
    if previous is None or previous.paragraph != sentence.paragraph - 1:
        return None
    if find_credits(sentence.text) or not any(
            c.cue.lower() in _ACCUSING for c in find_credits(previous.text)):
        return None
    found = source_for(doc, previous.paragraph, previous.text)
    return str(found) if found else None


def _source(doc: FactsDoc, sentence: Sentence) -> str | None:
    speakers = {a.speaker for a in doc.attributions if a.paragraph == sentence.paragraph}
    if len(speakers) > 1:
        quoted = _quote_after(doc, sentence)
        if quoted:
            return quoted
    if len(speakers) == 1:
        return speakers.pop()  # the paragraph's only credited speaker
    if not speakers and doc.attributions:
        # attributions ran and credit nobody here: narration, unless it reports an accusation
        return _accuser_before(doc, sentence)
    try:
        from warta.facts.attributions import source_for

        found = source_for(doc, sentence.paragraph, sentence.text)
        if found:
            return str(found)
    except (ImportError, AttributeError):
        pass
    for attribution in doc.attributions:
        if attribution.paragraph == sentence.paragraph:
            return attribution.speaker
    m = _SPEAKER.search(sentence.text)
    return _full_name(m["name"].strip(), doc) if m else None


def _evidence(text: str, hit: Hit) -> str:
    left, right = _clause(text, hit.start, hit.end)
    start = max(left, hit.start - 60)
    end = min(right, hit.end + 60)
    # whole words only: a cut falling inside a word drops that word's piece
    if start > left and text[start - 1].isalnum():
        start = next((i + 1 for i in range(start, hit.start) if text[i].isspace()), start)
    if end < right and text[end].isalnum():
        end = next((i for i in range(end - 1, hit.end, -1) if text[i].isspace()), end)
    return text[start:end].strip(" ,.;:\"“”")


# --------------------------------------------------------------------------- merging


def _overlap(a: list[str], b: list[str]) -> bool:
    return bool(set(a) & set(b)) or not (a or b)


_SPEECH_ACTS = frozenset({"ACCUSE", "REJECT", "AGREE", "REQUEST", "SUPPORT", "THREATEN"})


def _dates_compatible(old: Draft, new: Draft) -> bool:
    if not (old.date and new.date) or old.date == new.date:
        return True
    if not old.historical and (old.date.startswith(new.date) or new.date.startswith(old.date)):
        return True  # "tahun ini" and a day of this year
    if old.type != "CONSULT" or len(old.date) != 10 or len(new.date) != 10:
        return False
    first, second = timeline.parse_published(old.date), timeline.parse_published(new.date)
    return first is not None and second is not None and abs((first - second).days) <= 3


def _same_meeting(old: Draft, new: Draft) -> bool:
    """Calls must have the same parties; a visit retold may name fewer of them."""
    first, second = set(old.actors), set(new.actors)
    if "phone" in (old.mode, new.mode):
        return first == second
    return bool(first & second) and (first <= second or second <= first)


def _compatible(old: Draft, new: Draft) -> bool:
    if (old.type, old.key, old.historical) != (new.type, new.key, new.historical):
        return False
    if new.sentence in old.extra.setdefault("sentences", {old.sentence}):
        return False
    if old.mode and new.mode and old.mode != new.mode:
        return False
    if not _dates_compatible(old, new):
        return False
    if (old.type in _SPEECH_ACTS and old.source and new.source and old.source != new.source):
        return False
    if old.type == "AID" and old.sentence != new.sentence:
        return False   # relief told in another paragraph is another team's or body's act
    if old.type == "CONSULT":
        return _same_meeting(old, new)
    if old.type == "AGREE":
        return set(old.actors) == set(new.actors)
    return _overlap(old.actors, new.actors)


def _absorb(old: Draft, new: Draft) -> None:
    old.extra["sentences"].add(new.sentence)
    old.mode = old.mode or new.mode
    old.date = old.date or new.date
    old.location = old.location or new.location
    old.source = old.source or new.source
    for name in ("actors", "mediators") if old.key == "mutual" else ("mediators",):
        merged = getattr(old, name)
        merged.extend(code for code in getattr(new, name) if code not in merged)
    if not old.recipients:
        old.recipients = new.recipients


def add_draft(drafts: list[Draft], new: Draft) -> None:
    """Add an event, or fold it into an earlier telling of the same event."""
    if new.type == "AGREE" and len(new.actors) >= 2 and any(
            old.type == "CONCEDE" and set(old.actors) == set(new.actors)
            and not old.historical and not new.historical for old in drafts):
        return   # "kedua pihak berkomitmen menarik pasukan": the terms of the ceasefire
    for old in drafts:
        if _compatible(old, new):
            _absorb(old, new)
            return
    drafts.append(new)


# --------------------------------------------------------------------------- driver


# "Saat itu, ...": the sentence continues the time of the event told just before
_THEN = re.compile(r"(?:saat|ketika|kala|waktu|pada\s+saat|pada\s+waktu)\s+itu\b", _FLAGS)
_FIRST_PERSON = re.compile(r"\b(?:kami|kita|saya|aku|ia|dia|beliau)\b[^,.]{0,40}$", _FLAGS)
_INCLUSIVE = re.compile(r"\bkita\b[^,.]{0,30}$", _FLAGS)
_TARGETED = frozenset({"ASSAULT", "COERCE", "ACCUSE", "AID", "PROTEST", "REQUEST", "REJECT",
                       "THREATEN", "SANCTION", "AGREE", "SUPPORT"})


def _speaker_country(source: str | None, ctx: Context) -> list[str]:
    if not source:
        return []
    code = ctx.entity_codes.get(source)
    if code:
        return [code]
    return _codes(find_parties(source, ctx))[:1]


def _fallback_actors(hit: Hit, ctx: Context, sentence_drafts: list[Draft]) -> list[str]:
    if sentence_drafts and sentence_drafts[-1].actors:
        return list(sentence_drafts[-1].actors)
    if hit.entry.inherit or hit.entry.voice == "mutual":
        for draft in reversed(ctx.drafts):
            if len(draft.actors) >= 2:
                return list(draft.actors)
    return [ctx.home] if ctx.domestic else []


def _draft(hit: Hit, sentence: Sentence, index: int, ctx: Context,
           parties: list[Party], sentence_drafts: list[Draft], hits: list[Hit]) -> Draft | None:
    text = sentence.text
    actors, recipients, mediators = _roles(hit, text, parties, ctx)
    if index not in ctx.sources:
        ctx.sources[index] = _source(ctx.doc, sentence)
    source = ctx.sources[index]
    if not actors and _FIRST_PERSON.search(text[:hit.start]):
        actors = _speaker_country(source, ctx)
    if hit.entry.voice == "mutual" and len(actors) == 1 and _INCLUSIVE.search(text[:hit.start]):
        partners = next((d.actors for d in reversed(ctx.drafts) if len(d.actors) >= 2
                         and actors[0] in d.actors), [])
        actors += [code for code in partners if code not in actors]   # "kita sepakat"
    if not actors:
        actors = _fallback_actors(hit, ctx, sentence_drafts)
    if not actors:
        return None
    if (not recipients and actors == [HOME] and ctx.domestic
            and hit.entry.voice != "mutual" and hit.entry.type in _TARGETED):
        recipients = [HOME]
    if hit.entry.type == "CONSULT" or (hit.entry.voice == "mutual" and recipients):
        actors += [code for code in recipients if code not in actors]
        recipients = []
    date = _date(text, hit, hits, ctx.doc.published)
    historical = timeline.is_historical(date, ctx.doc.published) or bool(
        _HISTORICAL_CUE.search(text))
    if date is None and _THEN.match(text) and ctx.drafts:
        date, historical = ctx.drafts[-1].date, ctx.drafts[-1].historical
    return Draft(type=hit.entry.type, mode=_mode(hit, text), key=hit.entry.key,
                 actors=actors, recipients=recipients, mediators=mediators, date=date,
                 location=_location(text, hit), source=source,
                 historical=historical, evidence=_evidence(text, hit), sentence=index,
                 extra={"paragraph": sentence.paragraph})


def _consult_mode(draft: Draft, text: str, ctx: Context) -> None:
    if draft.type != "CONSULT" or draft.mode not in {"visit", None}:
        return
    if draft.mode is None and _TALKS.search(text):
        return   # "membahas situasi di Gaza": the topic's place, not the meeting's
    place = _PLACE.search(text)
    if place is None:
        return
    codes = _codes(find_parties(place.group(1), ctx))
    if codes and not set(codes) & set(draft.actors) and len(draft.actors) >= 2:
        draft.mode = "third-party"


def _finish(draft: Draft) -> Draft:
    if draft.type == "CONSULT" and draft.mode == "visit" and len(draft.actors) > 1:
        draft.recipients = draft.actors[1:]
        draft.actors = draft.actors[:1]
    if draft.type == "COOPERATE":
        draft.recipients = [c for c in draft.recipients if c not in draft.actors]
    return draft


_CLAIMS = frozenset({"ACCUSE", "REJECT"})
_CLAIMED = frozenset({"ASSAULT", "PROTEST"})
_REQUESTED = frozenset({"ASSAULT", "PROTEST", "MOBILIZE", "AID", "COERCE", "RETREAT", "CONSULT",
                        "COOPERATE"})


_REQUEST_REACH = 80
_OTHER_TIME = re.compile(r"\b(?:sejak|pasca\w*|setelah|sebelum|sementara|ketika)\b", _FLAGS)


_TALKS = re.compile(r"membahas|membicarakan|mendiskusikan|pembahasan", _FLAGS)
_DENIAL_OBJECT = 20
_OBJECT_GAP = re.compile(r"\s+(?:[\w-]+\s+)?")
_TOPICS = frozenset({"AID", "ASSAULT", "MOBILIZE", "COERCE", "RETREAT", "COOPERATE", "PROTEST"})


def _is_content(hit: Hit, claim: Hit, text: str) -> bool:
    if claim.entry.type == "CONSULT":   # "membahas upaya evakuasi ...": the topic
        return hit.entry.type in _TOPICS and bool(_TALKS.search(text, claim.start, claim.end))
    if claim.entry.type == "REJECT" and hit.entry.type == "ACCUSE":
        return hit.start - claim.end <= _DENIAL_OBJECT and bool(   # "membantah tudingan X"
            _OBJECT_GAP.fullmatch(text[claim.end:hit.start]))
    if claim.entry.type == "ACCUSE" and claim.entry.mode == "allege" \
            and hit.entry.type == "ACCUSE" and hit.entry.mode == "allege":
        return True   # "menuding pasukan X memprovokasi ...": what is alleged
    if claim.entry.type in _CLAIMS:
        return hit.entry.type in _CLAIMED
    if claim.entry.type != "REQUEST" or hit.entry.type not in _REQUESTED:
        return False
    between = text[claim.end:hit.start]
    return len(between) <= _REQUEST_REACH and not _OTHER_TIME.search(between)


def _drop_claimed(hits: list[Hit], text: str) -> list[Hit]:
    """Acts named after an accusation or a denial in the same sentence are its content, and
    so are acts asked for right after a request or demand (they have not happened)."""
    kept: list[Hit] = []
    claims: list[Hit] = []
    for hit in hits:
        if any(_is_content(hit, claim, text) for claim in claims):
            continue
        if hit.entry.type in _CLAIMS or hit.entry.type in {"REQUEST", "CONSULT"}:
            claims.append(hit)
        kept.append(hit)
    return kept


_WHEN = re.compile(r"\b(?:ketika|tatkala|saat)\b", _FLAGS)
_SEPARATE = re.compile(
    r"[,;]|\b(?:dan|serta|lalu|kemudian|sebelum|setelah|sementara|sedangkan)\b", _FLAGS)


def _same_act(first: tuple[Hit, Draft], second: tuple[Hit, Draft], text: str) -> bool:
    """Two triggers of one act in a sentence ("melakukan pembicaraan via telepon")."""
    (hit_a, a), (hit_b, b) = first, second
    if a.type != b.type or (a.mode and b.mode and a.mode != b.mode):
        return False
    if a.mode and a.mode == b.mode and a.actors == b.actors:
        return True  # "dipukuli dan diseret", "gas air mata dan water cannon"
    if _WHEN.search(text[hit_a.end:hit_b.start]) and a.key == b.key:
        return True  # "Bentrokan pecah ketika ... saling tembak": the clash told in detail
    return not _SEPARATE.search(text[hit_a.end:hit_b.start])


_AFTER_THAT = re.compile(r"\b(?:setelah|sesudah|usai|seusai|selepas|pasca)\s+$", _FLAGS)


def _told_before(hit: Hit, text: str, ctx: Context) -> bool:
    """"Setelah diamankan, AT dibawa ke ...": an act named only as the time of the next one
    refers back to the same act told before."""
    if not _AFTER_THAT.search(text[max(0, hit.start - 12):hit.start]):
        return False
    return any(d.type == hit.entry.type and d.mode == (hit.entry.mode or d.mode)
               and not d.historical for d in ctx.drafts)


def _read_sentence(index: int, sentence: Sentence, ctx: Context) -> None:
    if ctx.lexicon.statistics.search(lowered(sentence.text)):
        return
    hits = _drop_claimed(find_hits(sentence.text, ctx.entries, ctx.lexicon), sentence.text)
    if not hits:
        return
    parties = find_parties(sentence.text, ctx)
    local: list[Draft] = []
    previous: tuple[Hit, Draft] | None = None
    for hit in hits:
        if _told_before(hit, sentence.text, ctx):
            continue
        draft = _draft(hit, sentence, index, ctx, parties, local, hits)
        if draft is None:
            continue
        _consult_mode(draft, sentence.text, ctx)
        if previous is not None and _same_act(previous, (hit, draft), sentence.text):
            previous[1].mode = previous[1].mode or draft.mode
            previous[1].date = previous[1].date or draft.date
            continue
        previous = (hit, draft)
        local.append(draft)
    for draft in local:
        add_draft(ctx.drafts, draft)


def _home_and_pair(doc: FactsDoc, ctx: Context) -> tuple[str, list[str], bool]:
    counts: Counter[str] = Counter()
    for sentence in doc.sentences:
        for party in find_parties(sentence.text, ctx):
            if party.kind in ("name", "domestic"):
                counts[party.code] += 1
    foreign = [code for code, _ in counts.most_common() if code != HOME]
    home = HOME if counts[HOME] or not foreign else foreign[0]
    pair = [code for code, _ in counts.most_common() if not code.startswith("IGO:")][:2]
    domestic = home == HOME and counts[HOME] * 2 >= sum(counts.values())
    return home, pair, domestic


def make_context(doc: FactsDoc, lexicon: Lexicon | None = None) -> Context:
    """The reading context of one document (its names, home country and main pair)."""
    lexicon = lexicon or load_lexicon()
    table = _entity_table(doc, lexicon)
    ctx = Context(doc, lexicon, _pattern_for(table), table, HOME, [])
    ctx.home, ctx.pair, ctx.domestic = _home_and_pair(doc, ctx)
    return ctx


def find_events(doc: FactsDoc) -> FactsDoc:
    """Fill ``doc.events`` with the PLOVER events the story reports."""
    lexicon = load_lexicon()
    doc_text = "\n".join(filter(None, (doc.article.title, *doc.article.body)))
    if not is_newsworthy(doc_text, lexicon):
        doc.events = []
        return doc
    ctx = make_context(doc, lexicon)
    ctx.entries = usable_entries(doc_text, lexicon)
    for index, sentence in enumerate(doc.sentences):
        _read_sentence(index, sentence, ctx)
    for draft in ctx.drafts:   # after merging: a guessed source must not split retellings
        if draft.source is None:
            draft.source = _nearby_source(doc, doc.sentences[draft.sentence].paragraph)
    doc.events = [_finish(draft).event() for draft in ctx.drafts]
    return doc


_SOURCE_REACH = 2   # paragraphs back to the speaker a narrating paragraph still reports


def _nearby_source(doc: FactsDoc, paragraph: int) -> str | None:
    """The source of narration no speaker is credited in: a story tells what its sources
    told it. The speaker of the quote that opens the next paragraph ("Keduanya kami amankan,"
    kata ...), else the speaker last credited shortly before (a spokesperson named once and
    paraphrased after), else the first one credited in the next paragraph, else the wire
    agency the story is credited to."""
    body = doc.article.body
    following = [a for a in doc.attributions if a.paragraph == paragraph + 1]
    if following and following[0].direct and paragraph < len(body) \
            and body[paragraph].lstrip()[:1] in _OPENING_QUOTES:
        return following[0].speaker
    before = [a for a in doc.attributions if paragraph - _SOURCE_REACH <= a.paragraph < paragraph]
    if before:
        return before[-1].speaker
    if following:
        return following[0].speaker
    return doc.article.wire_sources[0] if doc.article.wire_sources else None
