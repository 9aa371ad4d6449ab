"""The whole per-page job: read a page, extract the article, flag what is wrong with it."""

from __future__ import annotations

import logging
from pathlib import Path, PurePath

from warta.errors import ExtractionError, WartaError
from warta.facts import find_facts
from warta.facts.language import indonesian_share
from warta.models import NO_STORY, Extraction, Facts, Page
from warta.page import extract_article, read_page
from warta.page.prose import prose_words
from warta.settings import DEFAULT_SETTINGS, Settings

log = logging.getLogger(__name__)
def extract(source: str | Path | bytes | Page, *, name: str | None = None,
            url: str | None = None, with_facts: bool = True,
            settings: Settings = DEFAULT_SETTINGS) -> Extraction:
    """Read one page (a path, raw bytes, ``"-"`` for stdin, or a ``Page``) and extract it.

    Raises ``InputError`` when the input cannot be read as a page and ``ExtractionError``
    when extraction itself fails; a page with no story is returned with an empty body and
    a problem noted in ``Extraction.problems``.
    """
    page = source if isinstance(source, Page) else read_page(
        source, name=name, url=url, settings=settings)
    return extract_page(page, with_facts=with_facts, settings=settings)


def extract_page(page: Page, *, with_facts: bool = True,
                 settings: Settings = DEFAULT_SETTINGS) -> Extraction:
    """Extract an already decoded page; ``with_facts=False`` stops after the article."""
    try:
        article, chrome = extract_article(page)
    except WartaError:
        raise
    except Exception as exc:  # a bug or a library failure must not kill a batch
        log.debug("extraction failed on %s", page.name, exc_info=True)
        raise ExtractionError(page.name, f"extraction failed ({type(exc).__name__}: {exc})"
                              ) from exc
    problems: list[str] = []
    prose = prose_words(article.body, settings=settings)
    if prose == 0:
        problems.append(NO_STORY)
    elif prose < settings.min_story_words:
        problems.append(f"story is very short ({prose} words)")
    if page.truncated:
        problems.append(f"page is huge: only its first {settings.max_html_chars:,} characters "
                        "of markup were read")
    facts = Facts()
    if with_facts and article.body:
        if indonesian_share(article.body) >= settings.min_indonesian_share:
            facts = find_facts(article)
        else:
            problems.append("not Indonesian: facts not read")
    return Extraction(id=page_id(page.name), page=page, article=article, chrome=chrome,
                      facts=facts, problems=tuple(problems))


def page_id(name: str) -> str:
    """The case id of a page: its file name without extensions (``a.html.gz`` → ``a``)."""
    if name in ("-", "<bytes>"):
        return "stdin" if name == "-" else "page"
    base = PurePath(name).name
    for suffix in (".gz", ".html", ".htm", ".txt", ".xhtml"):
        if base.lower().endswith(suffix) and len(base) > len(suffix):
            base = base[: -len(suffix)]
    return base

