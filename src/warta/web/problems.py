"""Every error as one problem-details JSON document (RFC 9457), ``application/problem+json``.

    {"type": "https://warta.dev/problems/not-found", "title": "Not found", "status": 404,
     "detail": "article 42: not in the archive", "instance": "/api/v1/articles/42"}

Statuses: 400 a search text that cannot be searched, 403 ingest on a read-only server,
404 unknown ids and paths, 405 wrong method, 413 a page too large, 422 an invalid parameter
(``errors`` lists each: where, which, why), 503 the archive cannot be opened, 500 a bug
(never with a traceback). Handlers are installed by ``install``.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from warta.archive.query import QueryError
from warta.errors import ArchiveError, InputError, TooLarge, WartaError

log = logging.getLogger("warta.web")
MEDIA_TYPE = "application/problem+json"
TYPE_BASE = "https://warta.dev/problems/"
TITLES = {400: "Bad request", 403: "Forbidden", 404: "Not found", 405: "Method not allowed",
          413: "Payload too large", 422: "Invalid parameter", 500: "Internal server error",
          503: "Archive unavailable"}
SLUGS = {400: "bad-query", 403: "forbidden", 404: "not-found", 405: "method-not-allowed",
         413: "too-large", 422: "invalid-parameter", 500: "server-error",
         503: "archive-unavailable"}
# CLI option names in QueryError messages → the API's parameter names
_PARAMS = {"--since": "since", "--until": "until", "--type": "type", "--country": "country",
           "--outlet": "outlet", "--entity": "entity"}


class Problem(Exception):
    """Raise to answer with a problem document: ``Problem(404, "article 7: not found")``."""

    def __init__(self, status: int, detail: str, *, slug: str | None = None,
                 errors: Sequence[dict[str, Any]] = ()) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.slug = slug or SLUGS.get(status, "error")
        self.errors = list(errors)


def invalid(param: str, detail: str, *, where: str = "query") -> Problem:
    """A 422 problem naming one invalid parameter."""
    return Problem(422, f"{param}: {detail}",
                   errors=[{"in": where, "name": param, "detail": detail}])


def from_query_error(exc: QueryError) -> Problem:
    """A filter the CLI would refuse → 422 naming the parameter; a search text → 400."""
    param = _PARAMS.get(exc.name)
    if param is not None:
        return invalid(param, exc.problem)
    return Problem(400, exc.problem if exc.name == "search" else str(exc), slug="bad-query")


def problem_response(request: Request, status: int, detail: str, *, slug: str | None = None,
                     errors: Sequence[dict[str, Any]] = (),
                     headers: dict[str, str] | None = None) -> JSONResponse:
    body: dict[str, Any] = {"type": TYPE_BASE + (slug or SLUGS.get(status, "error")),
                            "title": TITLES.get(status, "Error"), "status": status,
                            "detail": detail, "instance": request.url.path}
    if errors:
        body["errors"] = list(errors)
    return JSONResponse(body, status_code=status, media_type=MEDIA_TYPE, headers=headers)


def _validation_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    out = []
    for error in exc.errors():
        loc = [str(part) for part in error.get("loc", ())]
        where = loc[0] if loc else "request"
        name = ".".join(loc[1:]) if len(loc) > 1 else where
        out.append({"in": where, "name": name, "detail": str(error.get("msg", "invalid"))})
    return out


def install(app: FastAPI) -> None:
    """Route every error of ``app`` to a problem document."""

    async def on_problem(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, Problem)
        return problem_response(request, exc.status, exc.detail, slug=exc.slug,
                                errors=exc.errors)

    async def on_validation(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        errors = _validation_errors(exc)
        detail = "; ".join(f"{e['name']}: {e['detail']}" for e in errors) or "invalid request"
        return problem_response(request, 422, detail, errors=errors)

    async def on_http(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        detail = exc.detail if isinstance(exc.detail, str) else TITLES.get(exc.status_code, "")
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"{request.url.path}: no such page or endpoint"
        return problem_response(request, exc.status_code, detail,
                                headers=dict(exc.headers) if exc.headers else None)

    async def on_warta(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, WartaError)
        if isinstance(exc, QueryError):
            found = from_query_error(exc)
            return problem_response(request, found.status, found.detail, slug=found.slug,
                                    errors=found.errors)
        if isinstance(exc, TooLarge):
            return problem_response(request, 413, str(exc))
        if isinstance(exc, InputError):
            return problem_response(request, 422, str(exc), slug=exc.reason)
        if isinstance(exc, ArchiveError):
            log.error("archive unavailable: %s", exc)
            return problem_response(request, 503, str(exc))
        return problem_response(request, 400, str(exc), slug=exc.reason)

    async def on_crash(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return problem_response(request, 500, "the server failed on this request; it is "
                                "logged on the server")

    app.add_exception_handler(Problem, on_problem)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(WartaError, on_warta)
    app.add_exception_handler(Exception, on_crash)


PROBLEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string"}, "title": {"type": "string"},
        "status": {"type": "integer"}, "detail": {"type": "string"},
        "instance": {"type": "string"},
        "errors": {"type": "array", "items": {"type": "object", "properties": {
            "in": {"type": "string"}, "name": {"type": "string"},
            "detail": {"type": "string"}}}},
    },
}


def responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` entries: each status answers a problem document."""
    return {status: {"description": TITLES.get(status, "Error"),
                     "content": {MEDIA_TYPE: {"schema": PROBLEM_SCHEMA}}}
            for status in statuses}
