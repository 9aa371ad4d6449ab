"""A real browser through the HTML pages: front page → search → article → entity → events,
and the upload path, on uvicorn over a small archive.

Playwright's Python API drives Debian's Chromium (``/usr/bin/chromium``, or ``chromium`` on
PATH; ``.ci/run`` installs it); Playwright's own browser downloads are never used. Without
Chromium these tests skip with a message, except under CI=1, where they fail.

Screenshots of every step go to a temporary folder (the path is printed with ``-s``). With
``WARTA_DOCS_SCREENSHOTS=1`` the article page is also saved as ``docs/img/article.png``,
the picture in the README.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.web.pages_corpus import CLASH, build_archive, chrome_html

DOCS_IMAGE = Path(__file__).resolve().parents[2] / "docs" / "img" / "article.png"
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
TIMEOUT_MS = 15_000


def chromium_path() -> str | None:
    for candidate in (shutil.which("chromium"), "/usr/bin/chromium"):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def require_browser() -> str:
    """The Chromium executable, or a skip (a failure under CI=1) saying what is missing."""
    problem = None
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        problem = "the playwright package is not installed (pip install -e '.[dev]')"
    path = chromium_path()
    if problem is None and path is None:
        problem = ("Chromium is not installed (apt-get install chromium; the browser tests "
                   "use /usr/bin/chromium, never a Playwright download)")
    if problem is None and path is not None:
        return path
    if os.environ.get("CI"):
        pytest.fail(f"{problem}; CI=1 needs it")
    pytest.skip(str(problem))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """uvicorn on a free loopback port, serving the corpus archive with ingest on."""
    import uvicorn

    from warta.web import create_app

    folder = tmp_path_factory.mktemp("browser")
    url = f"sqlite:///{folder / 'warta.db'}"
    build_archive(url, folder / "pages")
    server = uvicorn.Server(uvicorn.Config(create_app(url, allow_ingest=True),
                                           host="127.0.0.1", port=free_port(),
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{server.config.port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="id-ID", viewport={"width": 1280, "height": 900},
                                  accept_downloads=True)
    opened = context.new_page()
    opened.set_default_timeout(TIMEOUT_MS)
    yield opened
    context.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("screenshots")
    print(f"screenshots in {folder}")
    return folder


def test_front_search_article_entity_events(page: Any, base_url: str, shots: Path) -> None:
    from playwright.sync_api import expect

    # front page: Terkini and the story two outlets carried
    page.goto(base_url + "/")
    expect(page.get_by_role("heading", name="Terkini")).to_be_visible()
    expect(page.locator("section.carried")).to_contain_text(CLASH.title)
    page.screenshot(path=shots / "1-front.png", full_page=True)

    # search from the header box: hits with the matched words marked
    box = page.locator("header form.quick input[name=q]")
    box.fill("pos militer")
    box.press("Enter")
    page.wait_for_url("**/search?q=pos+militer")
    expect(page.locator("ol.hits mark.hit").first).to_be_visible()
    page.screenshot(path=shots / "2-search.png", full_page=True)

    # the article: marks, "menurut …", chrome apart, copies
    page.locator("ol.hits").get_by_role("link", name=CLASH.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(CLASH.title)
    body = page.locator(".story-body")
    expect(body.locator("mark.ev").first).to_be_visible()
    expect(body).to_contain_text("menurut Kementerian Pertahanan Armenia")
    expect(page.locator("section.chrome")).to_contain_text(CLASH.inline)
    expect(body).not_to_contain_text(CLASH.inline)
    expect(page.locator("section.copies")).to_contain_text("BeritaNusa.com")
    page.screenshot(path=shots / "3-article.png", full_page=True)
    if os.environ.get("WARTA_DOCS_SCREENSHOTS"):
        DOCS_IMAGE.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=DOCS_IMAGE, full_page=False)

    # an entity marked in the story: its page with the mentions chart
    body.locator("mark.ent a", has_text="Kementerian Pertahanan Armenia").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kementerian Pertahanan Armenia")
    expect(page.locator("svg.chart")).to_be_visible()
    expect(page.locator("table.events")).to_contain_text("Serangan")
    page.screenshot(path=shots / "4-entity.png", full_page=True)

    # events: a pair of countries, its timeline, casualties, the CSV
    page.get_by_role("link", name="Peristiwa", exact=True).click()
    form = page.locator("form.filters")
    form.locator("input[name=country]").fill("ARM")
    form.locator("input[name=country2]").fill("Azerbaijan")
    form.get_by_role("button", name="Terapkan").click()
    page.wait_for_url("**/events?country=ARM&country2=Azerbaijan")  # empty fields left out
    expect(page.locator("section.pair svg.chart")).to_be_visible()
    expect(page.locator("section.casualties")).to_contain_text("Kementerian Pertahanan Armenia")
    page.screenshot(path=shots / "5-events.png", full_page=True)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Unduh CSV").click()
    saved = shots / "events.csv"
    download_info.value.save_as(saved)
    lines = saved.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("event_id,") and len(lines) > 1


def test_upload_a_page_and_see_its_facts(page: Any, base_url: str, shots: Path,
                                         tmp_path: Path) -> None:
    from playwright.sync_api import expect

    upload = tmp_path / "bentrok.html"
    upload.write_text(chrome_html(CLASH).replace("Tiga Tentara Tewas", "Tiga Prajurit Tewas"),
                      encoding="utf-8")
    page.goto(base_url + "/")
    page.get_by_role("link", name="Unggah halaman").click()
    page.locator("input[name=page]").set_input_files(str(upload))
    page.get_by_role("button", name="Baca fakta").click()
    result = page.locator("section.result")
    expect(result).to_contain_text("Tiga Prajurit Tewas")
    expect(result.locator(".story-body mark.ent").first).to_be_visible()
    expect(result.locator("table.events")).to_contain_text("Serangan")
    expect(result.locator("section.chrome")).to_contain_text(CLASH.inline)
    page.screenshot(path=shots / "6-upload.png", full_page=True)

    # pasted text, stored in the archive, then opened from there
    page.goto(base_url + "/ingest")
    page.locator("textarea[name=text]").fill("\n\n".join(CLASH.paragraphs[1:]))
    page.get_by_label("Simpan juga ke arsip").check()
    page.get_by_role("button", name="Baca fakta").click()
    page.get_by_role("link", name="Lihat artikel yang tersimpan di arsip").click()
    expect(page.locator(".story-body")).to_contain_text("Maria Zakharova")


def test_missing_chromium_skips_here_and_fails_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    import tests.web.test_browser as this

    monkeypatch.setattr(this, "chromium_path", lambda: None)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="Chromium is not installed"):
        this.require_browser()
    monkeypatch.setenv("CI", "1")
    with pytest.raises(pytest.fail.Exception, match="CI=1 needs it"):
        this.require_browser()
