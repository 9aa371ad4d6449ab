"""The two systems under test, each turning a ``Case`` into a gold-schema document.

warta and trafilatura are imported inside the functions, so a memory worker that measures
one system never imports the other one's code (warta itself imports trafilatura).
"""

from __future__ import annotations

import html
import os
import time
from collections.abc import Callable
from typing import Any

from _datasets import Case

Document = dict[str, Any]
Runner = Callable[[Case], Document]
SYSTEMS = ("warta", "trafilatura")
CHROME_LISTS = ("inline", "related", "popular", "picks", "latest")


def run_warta(case: Case) -> Document:
    """``warta.extract`` on the raw page bytes; the document is ``Extraction.to_dict()``.

    The article stage alone unless WARTA_BENCH_FACTS=1 (set by ``--with-facts``), which
    times the whole ``warta extract``: article and facts.
    """
    import warta

    with_facts = os.environ.get("WARTA_BENCH_FACTS") == "1"
    try:
        return warta.extract(case.raw, name=case.name, url=case.url,
                             with_facts=with_facts).to_dict()
    except warta.WartaError as exc:
        return empty_document(case, error=str(exc))


def warm_up_facts() -> float:
    """Load the facts stage's lexicons and gazetteers (seconds taken) before timing.

    Without it, the first Indonesian page of a dataset pays this one-time load inside its
    timing; a dataset whose warm-up page is not Indonesian (aeb) would otherwise put it
    into the per-page mean. Nothing when the facts stage is not timed.
    """
    if os.environ.get("WARTA_BENCH_FACTS") != "1":
        return 0.0
    from warta.facts import find_facts
    from warta.models import Article

    start = time.perf_counter()
    find_facts(Article(body=(
        "Polisi menangkap dua orang di Kota Bandung, Senin, kata Kapolres Bandung Rudi "
        "Santoso kepada wartawan. Sedikitnya tiga warga luka-luka dalam kejadian itu.",),
        published="2025-01-06"))
    return time.perf_counter() - start


def run_trafilatura(case: Case) -> Document:
    """Plain ``trafilatura.extract(html)`` with default settings; body only."""
    import trafilatura

    try:
        text = trafilatura.extract(trafilatura_input(case))
    except Exception as exc:  # a library failure on one page must not stop the benchmark
        return empty_document(case, error=f"{type(exc).__name__}: {exc}")
    document = empty_document(case)
    document["article"]["body"] = split_lines(text or "")
    return document


def add_trafilatura_metadata(case: Case, document: Document) -> None:
    """Fill title, published, outlet and authors from ``bare_extraction(with_metadata=True)``."""
    import trafilatura

    try:
        meta = trafilatura.bare_extraction(trafilatura_input(case), url=case.url,
                                           with_metadata=True)
    except Exception:  # no metadata is scored as missing
        return
    if meta is None:
        return
    article = document["article"]
    article["title"] = _field(meta, "title")
    article["published"] = _field(meta, "date")
    article["outlet"] = _field(meta, "sitename")
    authors = _field(meta, "author") or ""
    article["authors"] = [name.strip() for name in authors.split(";") if name.strip()]


def trafilatura_input(case: Case) -> bytes:
    """The page as trafilatura gets it: HTML bytes as served; crawled text wrapped in <pre>."""
    if case.kind == "html":
        return case.raw
    text = case.raw.decode("utf-8", errors="replace")
    return f"<html><body><pre>{html.escape(text)}</pre></body></html>".encode()


def runner(system: str) -> Runner:
    return {"warta": run_warta, "trafilatura": run_trafilatura}[system]


def timed(run: Runner, case: Case) -> tuple[Document, float]:
    """The document and the wall time of the extraction call, in seconds."""
    start = time.perf_counter()
    document = run(case)
    return document, time.perf_counter() - start


def empty_document(case: Case, error: str | None = None) -> Document:
    document: Document = {
        "id": case.id,
        "article": {"title": None, "body": [], "published": None, "outlet": None,
                    "wire_sources": [], "authors": []},
        "chrome": {name: [] for name in CHROME_LISTS},
    }
    if error:
        document["error"] = error
    return document


def body_text(document: Document) -> str:
    return "\n".join(document["article"].get("body") or [])


def split_lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def _field(meta: Any, name: str) -> Any:
    return meta.get(name) if isinstance(meta, dict) else getattr(meta, name, None)
