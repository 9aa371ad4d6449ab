"""Feeds, sitemaps and pages for the collect tests (original text, made up)."""

from __future__ import annotations

from tests.archive.pages import page_html


def article(index: int, *, canonical: str | None = None, amp: bool = False,
            charset_meta: str | None = "utf-8") -> str:
    """The archive tests' page ``index`` with a rel=canonical, AMP marker or meta charset."""
    html = page_html(index)
    if charset_meta != "utf-8":
        html = html.replace('<meta charset="utf-8">',
                            f'<meta charset="{charset_meta}">' if charset_meta else "")
    if canonical:
        html = html.replace("</head>", f'<link rel="canonical" href="{canonical}"></head>')
    if amp:
        html = html.replace('<html lang="id">', '<html amp lang="id">')
    return html


def rss(links: list[str]) -> bytes:
    items = "".join(f"<item><title>Berita {n}</title><link>{link}</link>"
                    f"<guid>{link}</guid></item>" for n, link in enumerate(links))
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Kabar Uji</title><link>http://127.0.0.1/</link>"
            f"<description>Berita terbaru</description>{items}</channel></rss>").encode()


def atom(links: list[str]) -> bytes:
    entries = "".join(f'<entry><title>Kabar {n}</title><link href="{link}"/><id>{link}</id>'
                      f"<updated>2026-03-0{1 + n % 9}T08:00:00Z</updated></entry>"
                      for n, link in enumerate(links))
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>Kabar Atom</title><id>urn:uji</id><updated>2026-03-01T08:00:00Z</updated>"
            f"{entries}</feed>").encode()


def news_sitemap(links: list[str]) -> bytes:
    urls = "".join(
        f"<url><loc>{link}</loc><news:news><news:publication><news:name>Kabar Uji"
        f"</news:name><news:language>id</news:language></news:publication>"
        f"<news:publication_date>2026-03-01T08:00:00+07:00</news:publication_date>"
        f"<news:title>Berita {n}</news:title></news:news></url>"
        for n, link in enumerate(links))
    return ('<?xml version="1.0" encoding="UTF-8"?>'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
            f"{urls}</urlset>").encode()


def sitemap_index(links: list[str]) -> bytes:
    maps = "".join(f"<sitemap><loc>{link}</loc></sitemap>" for link in links)
    return ('<?xml version="1.0" encoding="UTF-8"?>'
            f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{maps}'
            "</sitemapindex>").encode()
