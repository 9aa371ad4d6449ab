"""Ingest over the web (``warta serve --allow-ingest`` only): paste text or upload a page,
get its article and facts back, and store it in the archive.

A server started without ``--allow-ingest`` answers 403 before reading anything else.
Pages are extracted in the request's worker thread and saved through one writable archive
connection at a time (the archive has a single writer).
"""

from __future__ import annotations

import threading
from pathlib import PurePath
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile

from warta.archive import open_archive
from warta.errors import TooLarge
from warta.extraction import extract
from warta.web.deps import NO_NUL, SettingsDep
from warta.web.problems import Problem, invalid, responses
from warta.web.schemas import IngestResult

_WRITER = threading.Lock()


def require_ingest(request: Request) -> None:
    if not request.app.state.allow_ingest:
        raise Problem(403, "ingest is off on this server: start it with "
                      "`warta serve --allow-ingest` to paste or upload pages")


router = APIRouter(tags=["ingest"])


@router.post("/ingest", response_model=IngestResult, dependencies=[Depends(require_ingest)],
             responses=responses(403, 413, 422, 503),
             summary="Extract a pasted text or an uploaded page (and store it)")
def ingest_page(
    request: Request, settings: SettingsDep,
    text: Annotated[str | None, Form(max_length=5_000_000, pattern=NO_NUL,
                                     description="pasted article text")] = None,
    file: Annotated[UploadFile | None, File(description="an HTML page or a text file")] = None,
    url: Annotated[str | None, Form(max_length=2000, pattern=NO_NUL,
                                    description="the page's URL, when known")] = None,
    store: Annotated[bool, Form(description="also store it in the archive")] = True,
) -> dict[str, Any]:
    """Give exactly one of `text` (form field) or `file` (upload). Returns the extraction
    JSON of `warta extract` and, with `store`, the id of the stored article."""
    if (text is None) == (file is None):
        raise invalid("text", "give exactly one of `text` (pasted) or `file` (uploaded)",
                      where="body")
    if file is not None:
        raw = file.file.read(settings.max_page_bytes + 1)
        name = PurePath(file.filename or "upload.html").name or "upload.html"
    else:
        assert text is not None
        raw = text.encode("utf-8")
        name = "pasted.txt"
    if len(raw) > settings.max_page_bytes:
        raise TooLarge(name, f"larger than {settings.max_page_bytes:,} bytes")
    result = extract(raw, name=name, url=url or None, settings=settings)
    out: dict[str, Any] = {"stored": False, "skipped": False, "article_id": None,
                           "extraction": result.to_dict()}
    if store:
        with _WRITER, open_archive(request.app.state.archive_url) as archive:
            saved = archive.save(result, raw, source=f"web:{name}")
        out.update(stored=not saved.skipped, skipped=saved.skipped,
                   article_id=saved.article_id)
    return out
