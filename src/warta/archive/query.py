"""Questions to the archive: full-text search, events, entity profiles, stories, statistics.

Every function takes an open ``Archive`` and returns frozen records with ``to_dict()``, the
same on SQLite and PostgreSQL; ``warta search|events|entity|story`` and the web UI call them.

    >>> from warta.archive import open_archive
    >>> from warta.archive.query import Filters, search
    >>> with open_archive("sqlite:///warta.db") as archive:            # doctest: +SKIP
    ...     hits = search(archive, '"serangan udara" gaza -latihan',
    ...                   Filters.parse(since="2025-03", country="Israel"))

Search text (``parse_query``), read like a web search box and never a syntax error:

- ``banjir garut``: every word must occur (AND), each compared by its Snowball Indonesian
  stem, so ``serangan`` also finds ``menyerang``, ``diserang``, ``penyerangan``;
- ``"serangan udara"``: the words next to each other, in this order (stems again);
- ``banjir OR longsor``: either (``OR`` in capitals binds the words on each side);
- ``-latihan`` or ``-"gencatan senjata"``: leave out articles with it;
- any other character is a word separator: quotes, brackets, ``*``, ``:`` never reach the
  database as syntax. SQLite gets an FTS5 query of quoted stems, PostgreSQL a normalised
  ``websearch_to_tsquery('indonesian', …)`` string (``ParsedQuery.fts5``/``.websearch``).

Ranking: the newest ``RANKED_MATCHES`` (500) matching articles under the filters (by
id: the most recently stored) are ranked by SQLite ``bm25`` over the FTS5 index (title
weighs ``TITLE_WEIGHT`` times the body) or PostgreSQL ``ts_rank`` over the weighted
``search`` column (title A, body B); older matches are not ranked, so a search costs the
same on a word found in 50 articles as on one found in 50,000 (a page asked for deeper
than that ranks ``offset + limit`` instead). The search ranks ids only (``ORDER BY …
LIMIT``), then reads the few winning rows and cuts a snippet around the matched words
(``snippet``): FTS5's own ``snippet()`` would show the stemmed index text, so both
backends cut it from the stored body instead.

Filters (``Filters``) apply to articles: published on or after ``since`` and on or before
``until`` (whole days), from ``outlet``, naming ``entity``, involving ``country`` (an
entity of that country or an event party with that code), with an event of
``event_type``; ``origins_only`` keeps one copy per story, the one that ran first. In
``events()`` the country and the type apply to each event itself.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field, fields
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from warta.archive.base import Archive, decode_row
from warta.archive.stemming import stem_word, words
from warta.errors import WartaError

# PLOVER 2.0 event types (shared/gold/SCHEMA.md), the values of events.type.
EVENT_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
               "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE",
               "COERCE", "ASSAULT")
TITLE_WEIGHT = 4.0       # SQLite bm25: a word in the title counts this many body words
SNIPPET_WORDS = 28       # words in a search snippet
SNIPPET_LEAD = 4         # words shown before the first matched word
MAX_QUERY_TERMS = 32     # words and phrases kept from one search text
# Matches ranked per search: the newest (highest id, i.e. most recently stored) this many.
# Ranking every match costs CPU in proportion to the matches (a common word in 100,000
# articles: ~10,000 bm25 scores per query); news readers want recent hits first anyway.
# 500 rather than 1,000: a bm25 score is ~2 µs, so 0.5–1 ms less per search; on the bench
# queries the top 20 kept their quality (every query word in the title for 74 % of them,
# against 75 %; mean score 1.4 % lower) while half of them became newer articles
# (docs/search.md, "Ranking and snippets").
RANKED_MATCHES = 500
# A date filter of a search leaving out at most this many articles is checked against a
# list of their ids rather than each candidate's row (``_sqlite_walk_where``).
DATE_EXCLUSIONS = 2000
_TOKEN = re.compile(r'(?P<neg>-)?"(?P<phrase>[^"]*)"?|(?P<word>\S+)')
_WORD = re.compile(r"[^\W_]+")
_SPACES = re.compile(r"\s+")
_ISO3 = re.compile(r"^[A-Za-z]{3}$")


class QueryError(WartaError):
    """A search text, filter or option that cannot be used; the message says what to give."""

    reason = "bad-query"


# --- search text -------------------------------------------------------------------------

Phrase = tuple[str, ...]  # lower-case words, as typed


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    """Search text as an AND of OR-groups of phrases, minus excluded phrases."""

    groups: tuple[tuple[Phrase, ...], ...] = ()
    excluded: tuple[Phrase, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.groups

    def stems(self) -> frozenset[str]:
        """Stems of the words that should be highlighted (the wanted ones)."""
        return frozenset(stem_word(word) for group in self.groups for phrase in group
                         for word in phrase)

    def fts5(self) -> str:
        """The SQLite FTS5 MATCH expression: quoted stems only, explicit parentheses."""
        wanted = " AND ".join(_fts5_group(group) for group in self.groups)
        if not self.excluded:
            return wanted
        return f"({wanted}) NOT {_fts5_group(self.excluded)}"

    def websearch(self) -> str:
        """The PostgreSQL ``websearch_to_tsquery`` text: every phrase quoted."""
        parts = [" OR ".join(_quoted(phrase) for phrase in group) for group in self.groups]
        parts += [f"-{_quoted(phrase)}" for phrase in self.excluded]
        return " ".join(parts)


def _quoted(phrase: Phrase) -> str:
    return '"' + " ".join(phrase) + '"'


def _fts5_group(group: Sequence[Phrase]) -> str:
    alternatives = ['"' + " ".join(stem_word(word) for word in phrase) + '"'
                    for phrase in group]
    return alternatives[0] if len(alternatives) == 1 else "(" + " OR ".join(alternatives) + ")"


def parse_query(text: str) -> ParsedQuery:
    """Read search text (see the module docstring); unknown syntax becomes plain words."""
    groups: list[list[Phrase]] = []
    excluded: list[Phrase] = []
    pending_or = False
    for match in _TOKEN.finditer(text):
        raw = match["word"]
        if raw == "OR":
            pending_or = bool(groups)
            continue
        negated = bool(match["neg"]) or (raw is not None and raw.startswith("-"))
        phrase = tuple(words(match["phrase"] if raw is None else raw.lstrip("-")))
        if not phrase:
            continue
        if negated:
            excluded.append(phrase)
        elif pending_or:
            groups[-1].append(phrase)
        else:
            groups.append([phrase])
        pending_or = False
    groups, excluded = groups[:MAX_QUERY_TERMS], excluded[:MAX_QUERY_TERMS]
    return ParsedQuery(tuple(tuple(group) for group in groups), tuple(excluded))


# --- filters -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Filters:
    """What to keep (see the module docstring); every field None means everything."""

    since: date | None = None
    until: date | None = None
    outlet: str | None = None
    entity: str | None = None
    country: str | None = None      # ISO 3166-1 alpha-3, or an IGO:/NGO: party code
    event_type: str | None = None   # a PLOVER type
    origins_only: bool = False

    @classmethod
    def parse(cls, *, since: str | None = None, until: str | None = None,
              outlet: str | None = None, entity: str | None = None,
              country: str | None = None, event_type: str | None = None,
              origins_only: bool = False) -> Filters:
        """Filters from user text: dates as YYYY, YYYY-MM or YYYY-MM-DD (``until`` takes
        the end of that year or month), a country as a code or a name ("Jepang"), an event
        type in any case. Raises ``QueryError`` naming the option that is wrong."""
        found = cls(since=parse_day(since, option="--since", end=False),
                    until=parse_day(until, option="--until", end=True),
                    outlet=_blank_to_none(outlet), entity=_blank_to_none(entity),
                    country=country_code(country) if country and country.strip() else None,
                    event_type=event_type_code(event_type) if event_type else None,
                    origins_only=origins_only)
        if found.since and found.until and found.since > found.until:
            raise QueryError("--since", f"{found.since} is after --until {found.until}")
        return found

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["since"] = self.since.isoformat() if self.since else None
        out["until"] = self.until.isoformat() if self.until else None
        return out


def _blank_to_none(text: str | None) -> str | None:
    return text.strip() or None if text is not None else None


def parse_day(text: str | None, *, option: str, end: bool) -> date | None:
    """``2025``, ``2025-03`` or ``2025-03-02`` as its first day (or last, with ``end``)."""
    if text is None or not text.strip():
        return None
    parts = text.strip().split("-")
    try:
        numbers = [int(part) for part in parts]
        if len(numbers) == 3:
            return date(*numbers)
        if len(numbers) == 2:
            year, month = numbers
            return date(year, month, calendar.monthrange(year, month)[1] if end else 1)
        if len(numbers) == 1 and len(parts[0]) == 4:
            return date(numbers[0], 12, 31) if end else date(numbers[0], 1, 1)
    except ValueError:
        pass
    raise QueryError(option, f"{text!r} is not a date: give YYYY-MM-DD, YYYY-MM or YYYY")


def country_code(text: str) -> str:
    """``IDN``/``idn`` → ``IDN``; ``IGO:PBB`` as is; a name ("Jepang", "Israel") → its code."""
    text = text.strip()
    if ":" in text:
        return text
    if _ISO3.match(text) and _is_iso3(text.upper()):
        return text.upper()
    from warta.facts.places import resolve_country

    code = resolve_country(text)
    if code is None:
        raise QueryError("--country", f"unknown country {text!r}: give an ISO 3166 alpha-3 "
                         "code such as IDN or ISR, or a country name such as Jepang")
    return code


def _is_iso3(code: str) -> bool:
    import pycountry

    return pycountry.countries.get(alpha_3=code) is not None


def event_type_code(text: str) -> str:
    code = text.strip().upper()
    if code not in EVENT_TYPES:
        raise QueryError("--type", f"unknown event type {text!r}; PLOVER types: "
                         f"{', '.join(EVENT_TYPES)}")
    return code


@dataclass(slots=True)
class _Where:
    """SQL conditions joined by AND, with their ``?`` parameters in order."""

    clauses: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    def add(self, clause: str, *params: Any) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def sql(self) -> str:
        return " AND ".join(self.clauses) if self.clauses else "1 = 1"


def article_where(archive: Archive, filters: Filters, *, query: ParsedQuery | None = None,
                  event_level: bool = False) -> _Where:
    """Conditions on ``articles a`` for ``filters`` (and, if given, full text).

    With ``event_level`` the type and country conditions are left to ``event_where``.
    """
    where = _Where()
    since, before = date_bounds(filters)
    if since:
        where.add("a.published >= ?", since)
    if before:
        where.add("a.published < ?", before)
    if filters.outlet:
        outlets = outlet_names(archive, filters.outlet)
        where.add(_in("a.outlet", outlets), *outlets)
    if filters.entity:
        ids = entity_ids(archive, filters.entity)
        where.add("EXISTS (SELECT 1 FROM article_entities ae WHERE ae.article_id = a.id"
                  f" AND {_in('ae.entity_id', ids)})", *ids)
    if filters.country and not event_level:
        # nested EXISTS: the article's few events, then each one's parties (a join here
        # lets SQLite walk every party with the code through event_parties_code instead)
        where.add("(EXISTS (SELECT 1 FROM article_entities ae JOIN entities en"
                  " ON en.id = ae.entity_id WHERE ae.article_id = a.id AND en.country = ?)"
                  " OR EXISTS (SELECT 1 FROM events ce WHERE ce.article_id = a.id AND EXISTS"
                  " (SELECT 1 FROM event_parties cp WHERE cp.event_id = ce.id"
                  " AND cp.code = ?)))",
                  filters.country, filters.country)
    if filters.event_type and not event_level:
        where.add("EXISTS (SELECT 1 FROM events te WHERE te.article_id = a.id"
                  " AND te.type = ?)", filters.event_type)
    if filters.origins_only:
        where.add("(a.story_id IS NULL OR EXISTS (SELECT 1 FROM stories s"
                  " WHERE s.id = a.story_id AND s.origin_article_id = a.id))")
    if query is not None and not query.empty:
        _add_text(archive, where, query)
    return where


def date_bounds(filters: Filters) -> tuple[str | None, str | None]:
    """``published`` must be ``>=`` the first and ``<`` the second (ISO text), when given."""
    since = filters.since.isoformat() if filters.since else None
    # the last day there is: no upper bound (the day after it does not exist)
    before = (None if not filters.until or filters.until >= date.max
              else (filters.until + timedelta(days=1)).isoformat())
    return since, before


def event_where(filters: Filters, where: _Where) -> _Where:
    """Add the conditions on ``events e`` themselves: type and party country."""
    if filters.event_type:
        where.add("e.type = ?", filters.event_type)
    if filters.country:
        where.add("EXISTS (SELECT 1 FROM event_parties ep WHERE ep.event_id = e.id"
                  " AND ep.code = ?)", filters.country)
    return where


def _add_text(archive: Archive, where: _Where, query: ParsedQuery) -> None:
    if archive.backend == "postgresql":
        where.add("a.search @@ websearch_to_tsquery('indonesian', ?)", query.websearch())
    else:
        where.add("a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)",
                  query.fts5())


def _in(column: str, values: Sequence[Any]) -> str:
    """``column IN (?, …)``; with no values, a condition no row meets."""
    return f"{column} IN ({', '.join('?' * len(values))})" if values else "1 = 0"


def outlet_names(archive: Archive, outlet: str) -> list[str]:
    """The stored spellings of an outlet: exact (indexed), else any case."""
    if archive.fetchone("SELECT 1 AS found FROM articles WHERE outlet = ? LIMIT 1", (outlet,)):
        return [outlet]
    rows = archive.fetchall("SELECT DISTINCT outlet FROM articles WHERE lower(outlet) = ?",
                            (outlet.lower(),))
    return sorted(str(row["outlet"]) for row in rows)


def entity_ids(archive: Archive, name: str) -> list[int]:
    """Ids of the entities called ``name``: exact (indexed), else any case."""
    rows = archive.fetchall("SELECT id FROM entities WHERE name = ? ORDER BY id", (name,))
    if not rows:
        rows = archive.fetchall("SELECT id FROM entities WHERE lower(name) = ? ORDER BY id",
                                (name.lower(),))
    return [int(row["id"]) for row in rows]


# --- search ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One article found, best first; ``highlights`` are (start, end) offsets in ``snippet``."""

    article_id: int
    score: float
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    story_id: int | None
    n_copies: int
    snippet: str
    highlights: tuple[tuple[int, int], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        # field by field: asdict's deep copy is six times slower, on every hit served
        out = {column.name: getattr(self, column.name) for column in fields(self)}
        out["highlights"] = [list(span) for span in self.highlights]
        return out


def search(archive: Archive, query: str | ParsedQuery, filters: Filters | None = None, *,
           limit: int = 20, offset: int = 0) -> list[SearchHit]:
    """The ``limit`` best articles for ``query`` under ``filters``, from ``offset``, among
    the newest ``RANKED_MATCHES`` matches (see the module docstring)."""
    parsed = query if isinstance(query, ParsedQuery) else parse_query(query)
    if parsed.empty:
        raise QueryError("search", "give at least one word to look for (a query of only "
                         "-exclusions or punctuation finds nothing)")
    filters = filters or Filters()
    ranked = (_rank_postgres(archive, parsed, article_where(archive, filters), limit, offset)
              if archive.backend == "postgresql"
              else _rank_sqlite(archive, parsed, *_sqlite_walk_where(archive, filters), limit,
                                offset))
    rows = _hit_rows(archive, [article_id for article_id, _ in ranked])
    stems = parsed.stems()
    return [_hit(rows[article_id], score, stems) for article_id, score in ranked
            if article_id in rows]


def _sqlite_walk_where(archive: Archive, filters: Filters) -> tuple[_Where, bool]:
    """The conditions checked on each match of the FTS5 walk (``f``), and whether they read
    the article (``a``, joined). A date filter alone that leaves out at most
    ``DATE_EXCLUSIONS`` articles becomes ``f.rowid NOT IN`` those (read once from the
    ``published`` index; nothing when none), instead of a look-up of every candidate's row:
    the same articles, without reading their rows."""
    where = article_where(archive, filters)
    since, before = date_bounds(filters)
    if len(where.clauses) != (since is not None) + (before is not None) or not where.clauses:
        return where, bool(where.clauses)   # no dates, or other filters read the row anyway
    arms, params = ["SELECT id FROM articles WHERE published IS NULL"], []
    if since:
        arms.append("SELECT id FROM articles WHERE published < ?")
        params.append(since)
    if before:
        arms.append("SELECT id FROM articles WHERE published >= ?")
        params.append(before)
    left_out = " UNION ALL ".join(arms)
    n = archive.fetchval(f"SELECT count(*) FROM ({left_out} LIMIT ?)",
                         (*params, DATE_EXCLUSIONS + 1))
    if int(n or 0) > DATE_EXCLUSIONS:
        return where, True
    found = _Where()
    if n:
        found.add(f"f.rowid NOT IN ({left_out})", *params)
    return found, False


def _rank_sqlite(archive: Archive, parsed: ParsedQuery, where: _Where, join_articles: bool,
                 limit: int, offset: int) -> list[tuple[int, float]]:
    # FTS5 walks the matches newest id first and stops after the candidates, so bm25 is
    # computed for those rows only (the filters are checked before, in the same walk).
    join = " JOIN articles a ON a.id = f.rowid" if join_articles else ""
    rows = archive.fetchall(
        f"SELECT id, score FROM (SELECT f.rowid AS id, bm25(articles_fts, {TITLE_WEIGHT}, 1.0)"
        f" AS score FROM articles_fts f{join} WHERE articles_fts MATCH ? AND {where.sql()}"
        " ORDER BY f.rowid DESC LIMIT ?) ORDER BY score, id DESC LIMIT ? OFFSET ?",
        (parsed.fts5(), *where.params, _candidates(limit, offset), limit, offset))
    return [(int(row["id"]), round(-float(row["score"]), 4)) for row in rows]


def _rank_postgres(archive: Archive, parsed: ParsedQuery, where: _Where, limit: int,
                   offset: int) -> list[tuple[int, float]]:
    rows = archive.fetchall(
        "SELECT id, score FROM (SELECT a.id, ts_rank(a.search, q) AS score FROM articles a,"
        " websearch_to_tsquery('indonesian', ?) AS q"
        f" WHERE a.search @@ q AND {where.sql()} ORDER BY a.id DESC LIMIT ?) AS candidates"
        " ORDER BY score DESC, id DESC LIMIT ? OFFSET ?",
        (parsed.websearch(), *where.params, _candidates(limit, offset), limit, offset))
    return [(int(row["id"]), round(float(row["score"]), 4)) for row in rows]


def _candidates(limit: int, offset: int) -> int:
    """How many of the newest matches are ranked: ``RANKED_MATCHES``, or more when the
    page asked for lies deeper."""
    return max(RANKED_MATCHES, offset + limit)


def _hit_rows(archive: Archive, ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    if not ids:
        return {}
    rows = archive.fetchall(
        "SELECT a.id, a.title, a.body, a.outlet, a.published, a.story_id, p.url,"
        " coalesce(s.n_copies, 1) AS n_copies FROM articles a JOIN pages p ON p.id = a.page_id"
        f" LEFT JOIN stories s ON s.id = a.story_id WHERE {_in('a.id', ids)}", tuple(ids))
    return {int(row["id"]): row for row in rows}


def _hit(row: dict[str, Any], score: float, stems: frozenset[str]) -> SearchHit:
    text, spans = snippet(row["body"], stems)
    return SearchHit(article_id=int(row["id"]), score=score, title=row["title"],
                     outlet=row["outlet"], published=row["published"], url=row["url"],
                     story_id=None if row["story_id"] is None else int(row["story_id"]),
                     n_copies=int(row["n_copies"]), snippet=text, highlights=spans)


def snippet(text: str, stems: frozenset[str], *, size: int = SNIPPET_WORDS
            ) -> tuple[str, tuple[tuple[int, int], ...]]:
    """About ``size`` words of ``text`` around the most matched stems, whitespace folded.

    Returns the snippet and the (start, end) offsets of the matched words in it; "…" marks
    text left out at either end. Only the words that can stem to a wanted stem are stemmed
    (``_stem_cores``), only the window is split into words, and the text is read only as far
    as the window is certain (``_best_window``: once a window holds every wanted stem, no
    later one can beat it), so a long body costs a few regex scans of its start, not a
    Python step per word.
    """
    hits, first, start = _best_window(_matched_words(text, stems), size, len(stems))
    if first and start is None:
        start = _word_start_before(text, hits, first)
    window = _words_run(size).search(text, start or 0) if size > 0 else None
    if window is None:
        return "", ()
    begin, end = window.span()
    out, spans, cursor = "… " if first else "", [], begin
    for _, char, word_end, _ in hits:
        if begin <= char < end:   # folding piece by piece: no whitespace run spans a word
            out += _SPACES.sub(" ", text[cursor:char])
            spans.append((len(out), len(out) + word_end - char))
            cursor = char
    out += _SPACES.sub(" ", text[cursor:end])
    tail = text[end:end + 1]
    out += tail if tail and not tail.isspace() and not _WORD.match(tail) else ""
    if _WORD.search(text, end):
        out += " …"
    return out, tuple(spans)


@lru_cache(maxsize=8)
def _words_run(size: int) -> re.Pattern[str]:
    """The first ``size`` words from where it searches (fewer at the end), and what lies
    between them: one regex call for the window instead of a match object per word."""
    return re.compile(r"[^\W_]+(?:[\W_]+[^\W_]+){0," + str(size - 1) + "}")


Hit = tuple[int, int, int, str]   # a matched word: word index, char start, char end, stem


def _matched_words(text: str, stems: frozenset[str]) -> Iterator[Hit]:
    """Every word of ``text`` whose stem is wanted, in order, found as they are asked for."""
    lowered = text.lower()
    # A few letters lower-case to two ("İ"): then search the text as is, ignoring case.
    same_offsets = len(lowered) == len(text)
    finder = _stem_cores(stems, ignore_case=not same_offsets)
    if finder is None:
        return
    index, counted_to, last = 0, 0, -1
    for match in finder.finditer(lowered if same_offsets else text):
        start = match.start()
        while start and text[start - 1].isalnum():   # isalnum() is [^\W_]: back to the word start
            start -= 1
        if start == last:
            continue                                    # another core in the same word
        rest = _WORD.match(text, match.end())
        end = rest.end() if rest else match.end()
        stem = stem_word(text[start:end].lower())
        if stem not in stems:
            continue
        index += len(_WORD.findall(text, counted_to, start))
        counted_to = last = start
        yield index, start, end, stem


@lru_cache(maxsize=256)
def _stem_cores(stems: frozenset[str], *, ignore_case: bool) -> re.Pattern[str] | None:
    """A regex for the places where a word stemming to one of ``stems`` may stand.

    Snowball Indonesian only deletes prefixes and suffixes, and rewrites a prefix to one
    letter at most ("menyerang" → "serang", "memakai" → "pakai"), so a word stemming to
    ``s`` always holds ``s[1:]``: the regex finds those cores, ``stem_word`` decides.
    """
    cores = sorted({stem[1:] or stem for stem in stems if stem}, key=len, reverse=True)
    if not cores:
        return None
    return re.compile("|".join(re.escape(core) for core in cores),
                      re.IGNORECASE if ignore_case else 0)


def _best_window(found: Iterator[Hit], size: int, most: int
                 ) -> tuple[list[Hit], int, int | None]:
    """The window holding the most distinct matched stems: the hits read, its first word
    index, and its char start when that word is a hit (None when it must be looked up).
    The first such window wins; each window starts ``SNIPPET_LEAD`` words before a hit.

    Hits are read from ``found`` only as far as needed: the first window holding ``most``
    stems (all there are) is the answer, and every hit inside it has been read by then.
    """
    hits: list[Hit] = []
    best, best_start, best_count = 0, None, 0
    inside: dict[str, int] = {}               # stem → hits of it in the window
    low = high = at = 0                       # hits[low:high] lie in the window at hits[at]
    while at < len(hits) or _read_one(found, hits):
        index, char, _, _ = hits[at]
        first = max(0, index - SNIPPET_LEAD)
        while (high < len(hits) or _read_one(found, hits)) and hits[high][0] < first + size:
            inside[hits[high][3]] = inside.get(hits[high][3], 0) + 1
            high += 1
        while hits[low][0] < first:
            stem = hits[low][3]
            inside[stem] -= 1
            if not inside[stem]:
                del inside[stem]
            low += 1
        if len(inside) > best_count:
            best_count, best = len(inside), first
            best_start = char if first == index else None
            if best_count >= most:
                break
        at += 1
    return hits, best, best_start


def _read_one(found: Iterator[Hit], hits: list[Hit]) -> bool:
    """Append the next hit of ``found`` to ``hits``; False when there is none."""
    hit = next(found, None)
    if hit is None:
        return False
    hits.append(hit)
    return True


def _word_start_before(text: str, hits: Sequence[Hit], first: int) -> int:
    """Char start of word ``first``: found back from the first hit after it (a hit lies
    at most ``SNIPPET_LEAD`` words further on)."""
    index, char = next((index, char) for index, char, _, _ in hits if index >= first)
    back = index - first
    reach = 16 * (back + 1)
    while True:
        low = max(0, char - reach)
        words_before = [m.start() for m in _WORD.finditer(text, low, char)]
        # the first word found may be cut at ``low``: trust it only from the text's start
        if len(words_before) > back or low == 0:
            return words_before[-back] if back else char
        reach *= 4


# --- events ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EventHit:
    """One stored PLOVER event with the article it was read from."""

    event_id: int
    article_id: int
    position: int
    type: str
    mode: str | None
    actors: tuple[str, ...]
    recipients: tuple[str, ...]
    mediators: tuple[str, ...]
    date: str | None
    location: str | None
    source: str | None
    historical: bool
    evidence: str
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    story_id: int | None

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        for key in ("actors", "recipients", "mediators"):
            out[key] = list(out[key])
        return out


EVENT_COLUMNS = ("e.id AS event_id, e.article_id, e.position, e.type, e.mode, e.actors,"
                 " e.recipients, e.mediators, e.date, e.location, e.source, e.historical,"
                 " e.evidence, a.title, a.outlet, a.published, p.url, a.story_id")


def events(archive: Archive, filters: Filters | None = None, *, query: str | None = None,
           limit: int = 50, offset: int = 0) -> list[EventHit]:
    """Events under ``filters`` (type and country per event), newest story first.

    ``query`` keeps the events of articles matching that search text.
    """
    filters = filters or Filters()
    parsed = parse_query(query) if query else None
    where = event_where(filters, article_where(archive, filters, query=parsed,
                                               event_level=True))
    return _events(archive, where, limit=limit, offset=offset)


def _events(archive: Archive, where: _Where, *, limit: int, offset: int) -> list[EventHit]:
    rows = archive.fetchall(
        f"SELECT {EVENT_COLUMNS} FROM events e JOIN articles a ON a.id = e.article_id"
        f" JOIN pages p ON p.id = a.page_id WHERE {where.sql()}"
        " ORDER BY a.published DESC NULLS LAST, e.article_id DESC, e.position"
        " LIMIT ? OFFSET ?", (*where.params, limit, offset))
    return [event_hit(row) for row in rows]


def event_hit(row: dict[str, Any]) -> EventHit:
    row = decode_row(row)
    for key in ("actors", "recipients", "mediators"):
        row[key] = tuple(row[key] or ())
    row["historical"] = bool(row["historical"])
    return EventHit(**row)


# --- entities ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EntityProfile:
    """What the archive knows of one entity: roles, names, mentions over time, company."""

    id: int
    name: str
    type: str
    country: str | None
    n_articles: int
    n_mentions: int
    first_seen: str | None
    last_seen: str | None
    roles: tuple[tuple[str, int], ...]            # role, articles giving it
    names: tuple[tuple[str, int], ...]            # surface form, times written
    timeline: tuple[tuple[str, int, int], ...]    # month YYYY-MM, articles, mentions
    co_occurring: tuple[dict[str, Any], ...]      # {id, name, type, country, articles}
    events: tuple[EventHit, ...]                  # newest events in articles naming it
    others: tuple[dict[str, Any], ...] = ()       # other entities with the same name

    def to_dict(self) -> dict[str, Any]:
        out = {key: getattr(self, key) for key in (
            "id", "name", "type", "country", "n_articles", "n_mentions", "first_seen",
            "last_seen")}
        out["roles"] = [{"role": role, "articles": n} for role, n in self.roles]
        out["names"] = [{"text": text, "count": n} for text, n in self.names]
        out["timeline"] = [{"month": month, "articles": n, "mentions": m}
                           for month, n, m in self.timeline]
        out["co_occurring"] = list(self.co_occurring)
        out["events"] = [event.to_dict() for event in self.events]
        out["others"] = list(self.others)
        return out


def entity_profile(archive: Archive, name: str, *, top: int = 10,
                   n_events: int = 20) -> EntityProfile | None:
    """The profile of the entity called ``name`` (any case; the one named in most articles
    when several share it, the rest listed in ``others``), or None."""
    candidates = _entity_candidates(archive, entity_ids(archive, name))
    if not candidates:
        return None
    return _profile(archive, candidates[0], candidates[1:], top=top, n_events=n_events)


def entity_profile_by_id(archive: Archive, entity_id: int, *, top: int = 10,
                         n_events: int = 20) -> EntityProfile | None:
    """The profile of one entity by id; the others of that name are listed in ``others``."""
    name = archive.fetchval("SELECT name FROM entities WHERE id = ?", (entity_id,))
    if name is None:
        return None
    candidates = _entity_candidates(archive, entity_ids(archive, str(name)))
    main = next((c for c in candidates if int(c["id"]) == entity_id), None)
    if main is None:
        return None
    others = [c for c in candidates if int(c["id"]) != entity_id]
    return _profile(archive, main, others, top=top, n_events=n_events)


def _profile(archive: Archive, main: dict[str, Any], others: Sequence[dict[str, Any]], *,
             top: int, n_events: int) -> EntityProfile:
    entity_id = int(main["id"])
    totals = archive.fetchone(
        "SELECT count(*) AS n, coalesce(sum(ae.mention_count), 0) AS m, min(a.published)"
        " AS first_seen, max(a.published) AS last_seen FROM article_entities ae"
        " JOIN articles a ON a.id = ae.article_id WHERE ae.entity_id = ?", (entity_id,)) or {}
    where = _Where(["EXISTS (SELECT 1 FROM article_entities ae WHERE ae.article_id = a.id"
                    " AND ae.entity_id = ?)"], [entity_id])
    return EntityProfile(
        id=entity_id, name=main["name"], type=main["type"], country=main["country"],
        n_articles=int(totals.get("n") or 0), n_mentions=int(totals.get("m") or 0),
        first_seen=totals.get("first_seen"), last_seen=totals.get("last_seen"),
        roles=_entity_roles(archive, entity_id, top), names=_entity_names(archive, entity_id, top),
        timeline=_entity_timeline(archive, entity_id),
        co_occurring=_co_occurring(archive, entity_id, top),
        events=tuple(_events(archive, where, limit=n_events, offset=0)),
        others=tuple(others))


def _entity_candidates(archive: Archive, ids: Sequence[int]) -> list[dict[str, Any]]:
    if not ids:
        return []
    return archive.fetchall(
        "SELECT en.id, en.name, en.type, en.country, count(ae.article_id) AS articles"
        " FROM entities en LEFT JOIN article_entities ae ON ae.entity_id = en.id"
        f" WHERE {_in('en.id', ids)} GROUP BY en.id, en.name, en.type, en.country"
        " ORDER BY articles DESC, en.id", tuple(ids))


def _entity_roles(archive: Archive, entity_id: int, top: int) -> tuple[tuple[str, int], ...]:
    rows = archive.fetchall(
        "SELECT role, count(*) AS n FROM article_entities WHERE entity_id = ?"
        " AND role IS NOT NULL GROUP BY role ORDER BY n DESC, role LIMIT ?", (entity_id, top))
    return tuple((str(row["role"]), int(row["n"])) for row in rows)


def _entity_names(archive: Archive, entity_id: int, top: int) -> tuple[tuple[str, int], ...]:
    rows = archive.fetchall(
        "SELECT text, count(*) AS n FROM mentions WHERE entity_id = ? AND article_id IN"
        " (SELECT article_id FROM article_entities WHERE entity_id = ?)"
        " GROUP BY text ORDER BY n DESC, text LIMIT ?", (entity_id, entity_id, top))
    return tuple((str(row["text"]), int(row["n"])) for row in rows)


def _entity_timeline(archive: Archive, entity_id: int) -> tuple[tuple[str, int, int], ...]:
    rows = archive.fetchall(
        "SELECT substr(a.published, 1, 7) AS month, count(*) AS n,"
        " sum(ae.mention_count) AS m FROM article_entities ae"
        " JOIN articles a ON a.id = ae.article_id WHERE ae.entity_id = ?"
        " AND a.published IS NOT NULL GROUP BY substr(a.published, 1, 7) ORDER BY month",
        (entity_id,))
    return tuple((str(row["month"]), int(row["n"]), int(row["m"])) for row in rows)


def _co_occurring(archive: Archive, entity_id: int, top: int) -> tuple[dict[str, Any], ...]:
    rows = archive.fetchall(
        "SELECT en.id, en.name, en.type, en.country, count(*) AS articles"
        " FROM article_entities mine JOIN article_entities other"
        " ON other.article_id = mine.article_id AND other.entity_id <> mine.entity_id"
        " JOIN entities en ON en.id = other.entity_id WHERE mine.entity_id = ?"
        " GROUP BY en.id, en.name, en.type, en.country ORDER BY articles DESC, en.name"
        " LIMIT ?", (entity_id, top))
    return tuple({**row, "id": int(row["id"]), "articles": int(row["articles"])}
                 for row in rows)


# --- stories -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StoryCopy:
    article_id: int
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    wire_sources: tuple[str, ...]
    is_origin: bool


@dataclass(frozen=True, slots=True)
class StoryView:
    """A syndicated story: every copy, the origin (the copy that ran first) leading."""

    id: int
    origin_article_id: int | None
    first_published: str | None
    n_copies: int
    n_outlets: int
    copies: tuple[StoryCopy, ...]

    @property
    def origin(self) -> StoryCopy | None:
        return next((copy for copy in self.copies if copy.is_origin), None)

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["copies"] = [{**asdict(copy), "wire_sources": list(copy.wire_sources)}
                         for copy in self.copies]
        return out


def story(archive: Archive, story_id: int) -> StoryView | None:
    """The story with this id and all its copies, or None."""
    from warta.archive.stories import published_key

    head = archive.fetchone("SELECT * FROM stories WHERE id = ?", (story_id,))
    if head is None:
        return None
    origin = head["origin_article_id"]
    rows = [decode_row(row) for row in archive.fetchall(
        "SELECT a.id, a.title, a.outlet, a.published, a.wire_sources, p.url FROM articles a"
        " JOIN pages p ON p.id = a.page_id WHERE a.story_id = ?", (story_id,))]
    rows.sort(key=lambda row: (row["id"] != origin, published_key(row["published"]),
                               row["id"]))
    copies = tuple(StoryCopy(article_id=int(row["id"]), title=row["title"],
                             outlet=row["outlet"], published=row["published"], url=row["url"],
                             wire_sources=tuple(row["wire_sources"] or ()),
                             is_origin=row["id"] == origin) for row in rows)
    return StoryView(id=int(head["id"]), origin_article_id=None if origin is None else
                     int(origin), first_published=head["first_published"],
                     n_copies=int(head["n_copies"]), n_outlets=int(head["n_outlets"]),
                     copies=copies)


def story_of(archive: Archive, article_id: int) -> int | None:
    """The story id of an article, or None (unknown article, or not yet clustered)."""
    value = archive.fetchval("SELECT story_id FROM articles WHERE id = ?", (article_id,))
    return None if value is None else int(value)


# --- statistics --------------------------------------------------------------------------


def stats(archive: Archive, *, top: int = 10) -> dict[str, Any]:
    """Counts and spans of the archive: tables, dates, outlets, event types, stories."""
    span = archive.fetchone("SELECT min(published) AS first, max(published) AS last"
                            " FROM articles") or {}
    outlets = archive.fetchall(
        "SELECT outlet, count(*) AS articles FROM articles WHERE outlet IS NOT NULL"
        " GROUP BY outlet ORDER BY articles DESC, outlet LIMIT ?", (top,))
    types = archive.fetchall("SELECT type, count(*) AS events FROM events GROUP BY type"
                             " ORDER BY events DESC, type")
    syndicated = archive.fetchval("SELECT count(*) AS n FROM stories WHERE n_copies > 1")
    counts = {table: archive.count(table) for table in
              ("pages", "articles", "entities", "events", "quantities", "attributions",
               "stories")}
    return {"counts": counts, "first_published": span.get("first"),
            "last_published": span.get("last"), "syndicated_stories": int(syndicated or 0),
            "outlets": [{"outlet": row["outlet"], "articles": int(row["articles"])}
                        for row in outlets],
            "event_types": [{"type": row["type"], "events": int(row["events"])}
                            for row in types]}


__all__ = ["EVENT_TYPES", "EntityProfile", "EventHit", "Filters", "ParsedQuery", "QueryError",
           "SearchHit", "StoryCopy", "StoryView", "entity_profile", "events", "parse_query",
           "search", "snippet", "stats", "story", "story_of"]
