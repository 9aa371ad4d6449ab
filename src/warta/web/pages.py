"""The HTML pages of ``warta serve``: the same archive queries as the JSON API, for a person.

Pages (``router``; ``create_app`` includes it and serves ``STATIC_DIR`` at ``/static``):

- ``/``: Terkini (latest articles), the stories carried by the most outlets, recent
  events by type;
- ``/search?q=``: full-text search with the CLI's filters, matched words marked;
- ``/articles/{id}``: the story with entities and event evidence marked where they stand,
  attributions as "according to …", the page's own chrome lists apart, related stories,
  every syndicated copy;
- ``/entities/{id}``: roles, mentions per month (SVG), events, co-occurring entities;
- ``/events``: the events table with filters, a timeline for a pair of countries, casualty
  totals by source, and ``/events.csv`` (the ``warta export --what events`` columns);
- ``/stories/{id}``: every copy of a syndicated story;
- ``/ingest`` (``warta serve --allow-ingest`` only): paste text or upload a page, see its
  article and facts, optionally store it.

Pages work without JavaScript; labels come from ``i18n/`` (``labels.language``).
"""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path, PurePath
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup
from starlette.datastructures import UploadFile

from warta.archive import Archive, open_archive
from warta.archive.export import COLUMNS, records
from warta.archive.query import (
    EVENT_TYPES,
    RANKED_MATCHES,
    EventHit,
    Filters,
    QueryError,
    _events,
    _in,
    _Where,
    article_where,
    entity_profile_by_id,
    event_where,
    events,
    parse_query,
    snippet,
    story,
)
from warta.archive.similarity import split_body
from warta.archive.stories import related
from warta.errors import WartaError
from warta.extraction import extract
from warta.models import Extraction
from warta.web import charts
from warta.web.deps import ArchiveDep, SettingsDep
from warta.web.labels import COOKIE, LANGUAGES, Labels, language
from warta.web.marks import Mark, marked_paragraph
from warta.web.search_cache import SearchCache

TEMPLATES_DIR = Path(__file__).parent / "templates"
STATIC_DIR = Path(__file__).parent / "static"
PAGE_SIZE = 20              # search hits and events per page
TITLE_WORDS = 200           # a headline is marked whole, never cut to a snippet
RECENT_DAYS = 30            # the front page looks at this many days before the newest article
FRONT_LATEST = 12           # Terkini
FRONT_STORIES = 8           # carried by the most outlets
FRONT_EVENTS_PER_TYPE = 3   # newest events shown under each type
CASUALTY_KINDS = ("killed", "injured", "missing")
MAX_CSV_ROWS = 100_000      # one download; use `warta export` for more

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(TEMPLATES_DIR))
Text = Annotated[str | None, Query(max_length=200)]


# --- rendering ---------------------------------------------------------------------------


def render(request: Request, name: str, *, status: int = 200, **context: Any) -> HTMLResponse:
    """``templates/<name>`` with the labels of the request's language."""
    lang = language(request)
    t = Labels(lang)
    other = next(code for code in LANGUAGES if code != lang)
    context.update(t=t, lang=lang, fmt=Formatter(t), switch_url=_with_params(
        request, lang=other), allow_ingest=bool(getattr(request.app.state, "allow_ingest",
                                                        False)))
    response = templates.TemplateResponse(request, name, context, status_code=status)
    if request.query_params.get("lang") in LANGUAGES:
        response.set_cookie(COOKIE, lang, max_age=365 * 24 * 3600, samesite="lax")
    return response


def not_found(request: Request, key: str, **values: Any) -> HTMLResponse:
    return render(request, "error.html", status=404, heading="not_found", message=key,
                  values=values)


def _with_params(request: Request, *, path: str | None = None, **changes: str) -> str:
    """This page's URL (or ``path``) with some parameters changed; "" drops one."""
    params = {k: v for k, v in request.query_params.items() if k not in changes}
    params.update(changes)
    query = urlencode({k: v for k, v in params.items() if v != ""})
    return (path or request.url.path) + (f"?{query}" if query else "")


class Formatter:
    """Dates, numbers and codes written for the page's language (used by the templates)."""

    def __init__(self, t: Labels) -> None:
        self.t = t

    def day(self, value: str | None) -> str:
        """``2025-03-02T09:15:00+07:00`` → ``2 Mar 2025, 09:15``; ``2025-03`` → ``Mar 2025``."""
        if not value:
            return "–"
        text = str(value)
        try:
            year, month = int(text[:4]), int(text[5:7])
        except ValueError:
            return text
        if len(text) < 10:
            return f"{self.t.month(month)} {year}"
        out = f"{int(text[8:10])} {self.t.month(month)} {year}"
        return out + (f", {text[11:16]}" if len(text) >= 16 and text[10] == "T" else "")

    def month(self, value: str) -> str:
        return charts.month_label(value, [self.t.month(n) for n in range(1, 13)])

    def event_type(self, code: str) -> str:
        return self.t.get(f"ev_{code}", code.title())

    def entity_type(self, code: str) -> str:
        return self.t.get(f"type_{code}", code)

    def kind(self, code: str) -> str:
        return self.t.get(f"kind_{code}", code)

    def quantity(self, value: int, qualifier: str) -> str:
        words = self.t.get(f"qual_{qualifier}", "")
        return f"{words} {value:,}".strip().replace(",", "." if self.t.lang == "id" else ",")

    def codes(self, values: Iterable[str]) -> str:
        return ", ".join(values) or "–"


# --- front page --------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
def front_page(request: Request, archive: ArchiveDep) -> HTMLResponse:
    newest = archive.fetchval("SELECT max(published) AS newest FROM articles")
    since = _day(newest) - timedelta(days=RECENT_DAYS) if newest else None
    recent = events(archive, Filters(since=since, origins_only=True), limit=500)
    by_type: dict[str, list[EventHit]] = defaultdict(list)
    for event in recent:
        if not event.historical:
            by_type[event.type].append(event)
    return render(request, "front.html", latest=_latest(archive),
                  stories=_most_carried(archive, since), counts=_counts(archive),
                  event_types=sorted(by_type.items(), key=lambda item: (-len(item[1]),
                                                                        item[0])),
                  per_type=FRONT_EVENTS_PER_TYPE)


def _day(value: str) -> date:
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return date.today()


def _latest(archive: Archive) -> list[dict[str, Any]]:
    return archive.fetchall(
        "SELECT a.id, a.title, a.outlet, a.published, a.story_id,"
        " coalesce(s.n_outlets, 1) AS n_outlets FROM articles a"
        " LEFT JOIN stories s ON s.id = a.story_id"
        " ORDER BY a.published DESC NULLS LAST, a.id DESC LIMIT ?", (FRONT_LATEST,))


def _most_carried(archive: Archive, since: date | None) -> list[dict[str, Any]]:
    """Stories of the recent days by outlets carrying them; else of all time."""
    found = _carried(archive, since) if since is not None else []
    return found or _carried(archive, None)


def _carried(archive: Archive, since: date | None) -> list[dict[str, Any]]:
    where, params = "s.n_copies > 1", []
    if since is not None:
        where += " AND s.first_published >= ?"
        params.append(since.isoformat())
    return archive.fetchall(
        "SELECT s.id, s.n_outlets, s.n_copies, s.first_published, a.id AS article_id,"
        " a.title, a.outlet FROM stories s JOIN articles a ON a.id = s.origin_article_id"
        f" WHERE {where} ORDER BY s.n_outlets DESC, s.n_copies DESC,"
        " s.first_published DESC LIMIT ?", (*params, FRONT_STORIES))


def _counts(archive: Archive) -> dict[str, int]:
    outlets = archive.fetchval("SELECT count(DISTINCT outlet) AS n FROM articles")
    return {"articles": archive.count("articles"), "events": archive.count("events"),
            "entities": archive.count("entities"), "outlets": int(outlets or 0)}


# --- search ------------------------------------------------------------------------------


def _filters(since: str | None, until: str | None, outlet: str | None, entity: str | None,
             country: str | None, type_: str | None, origins: str | None) -> Filters:
    return Filters.parse(since=since, until=until, outlet=outlet, entity=entity,
                         country=country, event_type=type_ or None,
                         origins_only=origins in ("1", "on", "true"))


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, archive: ArchiveDep, q: Text = None, since: Text = None,
                until: Text = None, outlet: Text = None, entity: Text = None,
                country: Text = None, type: Text = None, origins: Text = None,
                page: Annotated[int, Query(ge=1, le=10_000)] = 1) -> HTMLResponse:
    hits, error = [], None
    offset = (page - 1) * PAGE_SIZE
    if q and q.strip():
        try:
            filters = _filters(since, until, outlet, entity, country, type, origins)
            # search ranks the RANKED_MATCHES newest matches: no page goes past them
            fetch = min(PAGE_SIZE + 1, RANKED_MATCHES - offset)
            cache: SearchCache = request.app.state.search_cache
            hits = cache.search(archive, q, filters, limit=fetch, offset=offset) \
                if fetch > 0 else []
        except QueryError as exc:
            error = str(exc)
    more = len(hits) > PAGE_SIZE
    stems = parse_query(q).stems() if hits and q else frozenset()
    return render(request, "search.html", status=400 if error else 200, q=q or "",
                  hits=[(hit, _highlighted(*snippet(hit.title, stems, size=TITLE_WORDS))
                         if hit.title else None, _highlighted(hit.snippet, hit.highlights))
                        for hit in hits[:PAGE_SIZE]],
                  error=error, form=dict(request.query_params), event_types=EVENT_TYPES,
                  deepest=offset + PAGE_SIZE >= RANKED_MATCHES, ranked=RANKED_MATCHES,
                  page=page, prev_url=_with_params(request, page=str(page - 1))
                  if page > 1 else None,
                  next_url=_with_params(request, page=str(page + 1)) if more else None)


def _highlighted(text: str, spans: Sequence[tuple[int, int]]) -> Markup:
    out, cursor = Markup(""), 0
    for start, end in spans:
        out += Markup("{}<mark class=\"hit\">{}</mark>").format(text[cursor:start],
                                                                text[start:end])
        cursor = end
    return out + text[cursor:]


# --- article -----------------------------------------------------------------------------


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, archive: ArchiveDep, article_id: str) -> HTMLResponse:
    found = archive.article(int(article_id)) if _is_id(article_id) else None
    if found is None:
        return not_found(request, "not_found_article", id=article_id)
    paragraphs = split_body(found["body"])
    forms = archive.fetchall("SELECT DISTINCT m.entity_id, m.text, e.type, e.name"
                             " FROM mentions m JOIN entities e ON e.id = m.entity_id"
                             " WHERE m.article_id = ?", (found["id"],))
    entity_marks = [Mark(row["text"], f"ent ent-{row['type']}", row["name"],
                         f"/entities/{row['entity_id']}") for row in forms]
    view = story(archive, found["story_id"]) if found["story_id"] is not None else None
    return render(request, "article.html", article=found,
                  paragraphs=_story_paragraphs(paragraphs, entity_marks, found["events"],
                                               found["attributions"]),
                  related=related(archive, found["id"]),
                  story=view if view is not None and view.n_copies > 1 else None)


def _is_id(text: str) -> bool:
    return text.isdigit() and len(text) < 19


def _story_paragraphs(paragraphs: Sequence[str], entity_marks: Sequence[Mark],
                      found_events: Sequence[dict[str, Any]],
                      attributions: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each paragraph marked, with the attributions crediting it ("according to …")."""
    titles: dict[str, list[str]] = defaultdict(list)  # one mark per evidence text
    kinds: dict[str, str] = {}
    for event in found_events:
        if event.get("evidence"):
            titles[event["evidence"]].append(_event_title(event))
            kinds.setdefault(event["evidence"], event["type"])
    evidence = [Mark(text, f"ev ev-{kinds[text]}", "; ".join(found))
                for text, found in titles.items()]
    credited: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for attribution in attributions:
        credited[int(attribution["paragraph"])].append(attribution)
    return [{"html": marked_paragraph(text, entities=entity_marks, evidence=evidence),
             "attributions": credited.get(number, [])}
            for number, text in enumerate(paragraphs, start=1)]


def _event_title(event: dict[str, Any]) -> str:
    kind = event["type"] + (f"/{event['mode']}" if event.get("mode") else "")
    actors = ", ".join(event.get("actors") or ()) or "?"
    recipients = ", ".join(event.get("recipients") or ()) or "?"
    return f"{kind}: {actors} → {recipients}"


# --- entity ------------------------------------------------------------------------------


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity_page(request: Request, archive: ArchiveDep, entity_id: str) -> HTMLResponse:
    profile = entity_profile_by_id(archive, int(entity_id)) if _is_id(entity_id) else None
    if profile is None:
        return not_found(request, "not_found_entity", id=entity_id)
    t = Labels(language(request))
    fmt = Formatter(t)
    chart = None
    if profile.timeline:
        counts = {month: mentions for month, _, mentions in profile.timeline}
        months = charts.months_between(profile.timeline[0][0], profile.timeline[-1][0])
        chart = charts.bar_chart([fmt.month(m) for m in months],
                                 [counts.get(m, 0) for m in months],
                                 title=f"{profile.name}: {t('entity_chart')}",
                                 unit=t("chart_mentions"))
    return render(request, "entity.html", entity=profile, chart=chart)


# --- events ------------------------------------------------------------------------------


def _event_filters(since: str | None, until: str | None, outlet: str | None,
                   country: str | None, country2: str | None, type_: str | None
                   ) -> tuple[Filters, str | None]:
    filters = _filters(since, until, outlet, None, country, type_, None)
    second = None
    if country2 and country2.strip():
        second = Filters.parse(country=country2).country
    return filters, second


def _pair_where(archive: Archive, filters: Filters, second: str | None, q: str | None,
                *, origins: bool = False) -> _Where:
    if origins:
        filters = replace(filters, origins_only=True)
    parsed = parse_query(q) if q and q.strip() else None
    where = event_where(filters, article_where(archive, filters, query=parsed,
                                               event_level=True))
    if second:
        where.add("EXISTS (SELECT 1 FROM event_parties p2 WHERE p2.event_id = e.id"
                  " AND p2.code = ?)", second)
    return where


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request, archive: ArchiveDep, q: Text = None, since: Text = None,
                until: Text = None, outlet: Text = None, country: Text = None,
                country2: Text = None, type: Text = None,
                page: Annotated[int, Query(ge=1, le=10_000)] = 1) -> HTMLResponse:
    try:
        filters, second = _event_filters(since, until, outlet, country, country2, type)
    except QueryError as exc:
        return render(request, "events.html", status=400, error=str(exc), found=[],
                      form=dict(request.query_params), event_types=EVENT_TYPES, page=page,
                      chart=None, casualties=[], csv_url=None, prev_url=None, next_url=None,
                      pair=None)
    where = _pair_where(archive, filters, second, q)
    found = _events(archive, where, limit=PAGE_SIZE + 1, offset=(page - 1) * PAGE_SIZE)
    t = Labels(language(request))
    pair = (filters.country, second) if filters.country and second else None
    chart = _pair_chart(archive, filters, second, q, t) if pair else None
    return render(request, "events.html", found=found[:PAGE_SIZE], error=None,
                  form=dict(request.query_params), event_types=EVENT_TYPES, page=page,
                  pair=pair, chart=chart,
                  casualties=_casualties(archive, filters, second, q),
                  csv_url=_with_params(request, path="/events.csv", page="", lang=""),
                  prev_url=_with_params(request, page=str(page - 1)) if page > 1 else None,
                  next_url=_with_params(request, page=str(page + 1))
                  if len(found) > PAGE_SIZE else None)


def _pair_chart(archive: Archive, filters: Filters, second: str | None, q: str | None,
                t: Labels) -> Markup | None:
    """Events between the two countries per month, stacked by type (one copy per story)."""
    where = _pair_where(archive, filters, second, q, origins=True)
    rows = archive.fetchall(
        "SELECT substr(coalesce(e.date, a.published), 1, 7) AS month, e.type,"
        " count(*) AS n FROM events e JOIN articles a ON a.id = e.article_id"
        f" WHERE {where.sql()} AND NOT e.historical AND coalesce(e.date, a.published)"
        " IS NOT NULL GROUP BY substr(coalesce(e.date, a.published), 1, 7), e.type",
        tuple(where.params))
    if not rows:
        return None
    fmt = Formatter(t)
    months = charts.months_between(min(r["month"] for r in rows), max(r["month"] for r in rows))
    types = [code for code, _ in _type_totals(rows).most_common()]
    series = {code: [0] * len(months) for code in types}
    for row in rows:
        series[row["type"]][months.index(row["month"])] += int(row["n"])
    return charts.stacked_chart(
        [fmt.month(m) for m in months], series,
        title=t("events_pair_chart", a=filters.country, b=second),
        names={code: fmt.event_type(code) for code in types})


def _type_totals(rows: Sequence[dict[str, Any]]) -> Counter[str]:
    totals: Counter[str] = Counter()
    for row in rows:
        totals[row["type"]] += int(row["n"])
    return totals


def _casualties(archive: Archive, filters: Filters, second: str | None,
                q: str | None) -> list[dict[str, Any]]:
    """Killed, injured and missing summed per credited source, one copy per story."""
    story_filters = Filters(since=filters.since, until=filters.until, outlet=filters.outlet,
                            country=filters.country, event_type=filters.event_type,
                            origins_only=True)
    parsed = parse_query(q) if q and q.strip() else None
    where = article_where(archive, story_filters, query=parsed)
    if second:
        where.add("EXISTS (SELECT 1 FROM events e2 JOIN event_parties p2 ON"
                  " p2.event_id = e2.id WHERE e2.article_id = a.id AND p2.code = ?)", second)
    rows = archive.fetchall(
        "SELECT q.source, q.kind, sum(q.value) AS total, count(DISTINCT q.article_id)"
        " AS articles FROM quantities q JOIN articles a ON a.id = q.article_id"
        f" WHERE {where.sql()} AND NOT q.historical AND {_in('q.kind', CASUALTY_KINDS)}"
        " GROUP BY q.source, q.kind", (*where.params, *CASUALTY_KINDS))
    table: dict[str, dict[str, Any]] = {}
    for row in rows:
        source = row["source"] or ""
        entry = table.setdefault(source, {"source": source, "articles": 0,
                                          **dict.fromkeys(CASUALTY_KINDS, 0)})
        entry[row["kind"]] += int(row["total"])
        entry["articles"] = max(entry["articles"], int(row["articles"]))
    return sorted(table.values(), key=lambda e: (-e["killed"], -e["injured"], e["source"]))


@router.get("/events.csv")
def events_csv(request: Request, archive: ArchiveDep, q: Text = None, since: Text = None,
               until: Text = None, outlet: Text = None, country: Text = None,
               country2: Text = None, type: Text = None) -> Response:
    """The filtered events with the columns of ``warta export --what events``."""
    try:
        filters, second = _event_filters(since, until, outlet, country, country2, type)
    except QueryError as exc:
        return Response(f"{exc}\n", status_code=400, media_type="text/plain")
    names = [column.name for column in COLUMNS["events"]]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=names, extrasaction="ignore")
    writer.writeheader()
    for n, record in enumerate(records(archive, "events", filters, query=q or None)):
        parties = {*record["source_actor"], *record["target_actor"], *record["mediator_actor"]}
        if n >= MAX_CSV_ROWS or (second and second not in parties):
            continue
        writer.writerow({key: _csv_cell(value) for key, value in record.items()})
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8", headers={
        "Content-Disposition": 'attachment; filename="warta-events.csv"'})


def _csv_cell(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return ";".join(str(item) for item in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value


# --- story -------------------------------------------------------------------------------


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, archive: ArchiveDep, story_id: str) -> HTMLResponse:
    view = story(archive, int(story_id)) if _is_id(story_id) else None
    if view is None:
        return not_found(request, "not_found_story", id=story_id)
    return render(request, "story.html", story=view)


# --- ingest ------------------------------------------------------------------------------


@router.get("/ingest", response_class=HTMLResponse)
def ingest_form(request: Request) -> HTMLResponse:
    if not getattr(request.app.state, "allow_ingest", False):
        return _ingest_off(request)
    return render(request, "ingest.html", result=None, error=None, stored=None, form={})


@router.post("/ingest", response_class=HTMLResponse)
async def ingest_submit(request: Request, settings: SettingsDep) -> HTMLResponse:
    if not getattr(request.app.state, "allow_ingest", False):
        return _ingest_off(request)
    form = await request.form()
    upload, text = form.get("page"), form.get("text")
    url, store = str(form.get("url") or "").strip() or None, form.get("store") == "1"
    raw, name = b"", "pasted.txt"
    if isinstance(upload, UploadFile) and upload.filename:
        raw = await upload.read(settings.max_page_bytes + 1)
        name = PurePath(upload.filename).name or "upload.html"
    elif isinstance(text, str) and text.strip():
        raw = text.encode("utf-8")
    shown = {"text": text if isinstance(text, str) else "", "url": url or "",
             "store": store}
    if not raw:
        return render(request, "ingest.html", status=400, result=None, stored=None,
                      error=Labels(language(request))("ingest_empty"), form=shown)
    try:
        result = await run_in_threadpool(extract, raw, name=name, url=url, settings=settings)
        stored = await run_in_threadpool(_store, request, result, raw, name) if store else None
    except WartaError as exc:
        return render(request, "ingest.html", status=422, result=None, stored=None,
                      error=str(exc), form=shown)
    return render(request, "ingest.html", result=result, error=None, stored=stored,
                  form=shown, paragraphs=_extraction_paragraphs(result))


def _ingest_off(request: Request) -> HTMLResponse:
    return render(request, "error.html", status=403, heading="forbidden",
                  message="ingest_disabled", values={})


def _store(request: Request, result: Extraction, raw: bytes, name: str) -> int | None:
    """Save through one writable connection at a time (the archive has one writer)."""
    from warta.web.api.ingest import _WRITER

    with _WRITER, open_archive(request.app.state.archive_url) as archive:
        return archive.save(result, raw, source=f"web:{name}").article_id


def _extraction_paragraphs(result: Extraction) -> list[dict[str, Any]]:
    marks = [Mark(form, f"ent ent-{ent.type}", ent.name) for ent in result.facts.entities
             for form in {ent.name, *ent.mentions}]
    found_events = [{"type": ev.type, "mode": ev.mode, "actors": ev.actors,
                     "recipients": ev.recipients, "evidence": ev.evidence}
                    for ev in result.facts.events]
    attributions = [{"speaker": a.speaker, "cue": a.cue, "direct": a.direct,
                     "paragraph": a.paragraph} for a in result.facts.attributions]
    return _story_paragraphs(result.article.body, marks, found_events, attributions)
