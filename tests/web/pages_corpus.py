"""A small archive for the HTML page tests: original Indonesian pages (made up).

The six stories of ``tests/archive/search_corpus.py`` (Gaza, a wire copy of it, a labour
protest, an arrest in Garut, a flood, two foreign ministers) plus four pages on clashes
between Armenia and Azerbaijan over three months, with casualty figures credited to each
side, page chrome (Baca juga, Berita Terkait, Terpopuler) and one story run by two outlets.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tests.archive.search_corpus import STORIES, page_html


@dataclass(frozen=True)
class ChromePage:
    name: str
    outlet: str
    published: str
    title: str
    paragraphs: tuple[str, ...]
    inline: str = ""
    related: tuple[str, ...] = ()
    popular: tuple[str, ...] = ()


CLASH = ChromePage(
    "bentrok-syunik", "KabarDunia.id", "2026-01-14T10:20:00+07:00",
    "Bentrokan di Perbatasan Armenia-Azerbaijan, Tiga Tentara Tewas",
    ("YEREVAN, KabarDunia.id - Pasukan Azerbaijan menembaki pos militer Armenia di wilayah "
     "Syunik pada Selasa malam dan menewaskan tiga tentara Armenia, kata Kementerian "
     "Pertahanan Armenia.",
     "Kementerian Pertahanan Azerbaijan membantah tuduhan itu dan menuduh Armenia lebih dulu "
     "melepaskan tembakan ke arah desa perbatasan.",
     "\"Kami menyerukan kedua pihak menahan diri dan kembali ke meja perundingan,\" kata juru "
     "bicara Kementerian Luar Negeri Rusia Maria Zakharova di Moskow.",
     "Perdana Menteri Armenia Nikol Pashinyan mengatakan pemerintahnya akan meminta Uni Eropa "
     "mengirim lebih banyak pemantau ke perbatasan."),
    inline="Harga Gandum Dunia Naik Lagi",
    related=("Armenia dan Azerbaijan Sepakat Lanjutkan Perundingan Damai",
             "Pemantau Uni Eropa Tambah Patroli di Syunik"),
    popular=("Timnas Indonesia Menang 2-0 atas Vietnam",
             "Cuaca Ekstrem Landa Jawa Tengah Pekan Ini"))

PAGES = (
    CLASH,
    ChromePage(
        "bentrok-syunik-salinan", "BeritaNusa.com", "2026-01-14T15:05:00+07:00",
        "Tiga Tentara Armenia Tewas dalam Bentrokan di Perbatasan",
        tuple(p.replace("YEREVAN, KabarDunia.id", "JAKARTA, BeritaNusa.com")
              for p in CLASH.paragraphs),
        related=("Rusia Minta Armenia dan Azerbaijan Menahan Diri",)),
    ChromePage(
        "serangan-drone-tavush", "KabarDunia.id", "2026-02-20T08:00:00+07:00",
        "Azerbaijan Tuding Armenia Serang Desa dengan Drone",
        ("BAKU, KabarDunia.id - Kementerian Pertahanan Azerbaijan mengatakan pasukan Armenia "
         "menyerang desa perbatasan di Tovuz dengan pesawat nirawak pada Kamis pagi dan melukai "
         "lima warga sipil.",
         "Menurut Kementerian Pertahanan Azerbaijan, serangan itu juga merusak dua rumah dan "
         "sebuah sekolah dasar yang sedang kosong.",
         "Pemerintah Armenia membantah tudingan tersebut dan menyebutnya sebagai provokasi "
         "menjelang putaran baru perundingan damai di Jenewa."),
        popular=("Harga Beras Turun di Pasar Induk",)),
    ChromePage(
        "perundingan-jenewa", "BeritaNusa.com", "2026-03-09T19:30:00+07:00",
        "Armenia dan Azerbaijan Sepakat Tarik Pasukan dari Garis Depan",
        ("JENEWA, BeritaNusa.com - Armenia dan Azerbaijan sepakat menarik pasukan dari garis "
         "depan di perbatasan setelah perundingan dua hari di Jenewa yang ditengahi Uni Eropa.",
         "Menteri Luar Negeri Armenia Ararat Mirzoyan mengatakan kesepakatan itu menjadi "
         "langkah penting menuju perjanjian damai yang menyeluruh.",
         "Sejak awal tahun, bentrokan di perbatasan kedua negara menewaskan sedikitnya "
         "tujuh tentara, menurut catatan Kementerian Pertahanan Armenia.")),
)


def chrome_html(page: ChromePage) -> str:
    """The page as an outlet would serve it: a menu, the story, lists around it."""
    body = [f"<p>{text}</p>" for text in page.paragraphs]
    if page.inline:
        body.insert(2, f"<p>Baca juga: {page.inline}</p>")
    lists = ""
    for heading, items in (("Berita Terkait", page.related), ("Terpopuler", page.popular)):
        if items:
            links = "".join(f'<li><a href="/b/{n}">{item}</a></li>'
                            for n, item in enumerate(items))
            lists += f"<section><h3>{heading}</h3><ul>{links}</ul></section>\n"
    return f"""<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">
<title>{page.title}</title><meta property="og:site_name" content="{page.outlet}">
<meta property="article:published_time" content="{page.published}">
</head><body><nav><a href="/">Beranda</a> <a href="/dunia">Dunia</a></nav>
<article><h1>{page.title}</h1>
{chr(10).join(body)}
</article>
{lists}</body></html>
"""


def write_pages(folder: Path) -> list[Path]:
    """Every page of this corpus as ``<name>.html`` in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for story in STORIES:
        paths.append(folder / f"{story.name}.html")
        paths[-1].write_text(page_html(story), encoding="utf-8")
    for page in PAGES:
        paths.append(folder / f"{page.name}.html")
        paths[-1].write_text(chrome_html(page), encoding="utf-8")
    return paths


def build_archive(url: str, folder: Path) -> dict[str, int]:
    """Ingest the corpus into the archive at ``url``; return page name → article id."""
    from warta.archive import open_archive
    from warta.archive.ingest import ingest

    paths = write_pages(folder)
    with open_archive(url) as archive:
        summary = ingest(archive, [str(path) for path in paths], jobs=1)
        assert (summary.stored, summary.failed) == (len(paths), 0), summary
        rows = archive.fetchall("SELECT a.id, p.source FROM articles a"
                                " JOIN pages p ON p.id = a.page_id")
    return {Path(row["source"]).stem: int(row["id"]) for row in rows}
