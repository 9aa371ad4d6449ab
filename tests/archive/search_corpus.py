"""A small archive for the search, export and CLI tests: original Indonesian pages (made up).

Six stories on three outlets, with events between countries, a domestic protest and arrest,
a flood without events, and one story run twice (a wire copy published later elsewhere).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.archive.conftest import BACKENDS, backend_url


@dataclass(frozen=True)
class Story:
    name: str
    outlet: str
    published: str
    title: str
    paragraphs: tuple[str, ...]


STORIES = (
    Story("serangan-gaza", "WartaKita.id", "2025-03-02T09:15:00+07:00",
          "Israel Menyerang Kamp Pengungsi di Gaza",
          ("GAZA, WartaKita.id - Israel kembali menyerang kamp pengungsi di Gaza utara pada "
           "Sabtu malam dan menewaskan sedikitnya 14 orang, kata petugas kesehatan setempat.",
           "Serangan udara itu menghantam dua gedung sekolah yang dipakai sebagai tempat "
           "berlindung ratusan keluarga sejak awal bulan.",
           "Pemerintah Indonesia mengecam serangan tersebut dan meminta Dewan Keamanan PBB "
           "segera bersidang, ujar juru bicara Kementerian Luar Negeri Rolliansyah Soemirat.",
           "Warga yang selamat mengaku tidak sempat menyelamatkan barang apa pun karena "
           "ledakan terjadi ketika sebagian besar dari mereka sedang tidur.")),
    Story("serangan-gaza-salinan", "KabarDesa.com", "2025-03-03T08:40:00+07:00",
          "Kamp Pengungsi di Gaza Diserang, 14 Orang Tewas",
          ("JAKARTA, KabarDesa.com - Israel kembali menyerang kamp pengungsi di Gaza utara "
           "pada Sabtu malam dan menewaskan sedikitnya 14 orang, kata petugas kesehatan "
           "setempat.",
           "Serangan udara itu menghantam dua gedung sekolah yang dipakai sebagai tempat "
           "berlindung ratusan keluarga sejak awal bulan.",
           "Pemerintah Indonesia mengecam serangan tersebut dan meminta Dewan Keamanan PBB "
           "segera bersidang, ujar juru bicara Kementerian Luar Negeri Rolliansyah Soemirat.",
           "Warga yang selamat mengaku tidak sempat menyelamatkan barang apa pun karena "
           "ledakan terjadi ketika sebagian besar dari mereka sedang tidur.")),
    Story("demo-buruh", "KabarDesa.com", "2025-04-10T11:00:00+07:00",
          "Ribuan Buruh Berunjuk Rasa Tolak Upah Murah",
          ("JAKARTA, KabarDesa.com - Ribuan buruh berunjuk rasa di depan gedung DPR di "
           "Jakarta, Kamis, menolak rencana kenaikan upah minimum yang dinilai terlalu kecil.",
           "Koordinator aksi Marlina Siregar mengatakan para buruh akan terus turun ke jalan "
           "sampai pemerintah membuka perundingan dengan serikat pekerja.",
           "\"Kami hanya meminta upah yang layak untuk hidup di kota sebesar ini,\" kata "
           "Marlina kepada wartawan di sela aksi.")),
    Story("penangkapan-garut", "SuaraPesisir.net", "2025-05-05T16:30:00+07:00",
          "Polisi Tangkap Dua Tersangka Penyerangan Pos Ronda di Garut",
          ("GARUT, SuaraPesisir.net - Polres Garut menangkap dua tersangka penyerangan pos "
           "ronda di Kecamatan Tarogong yang melukai tiga warga pekan lalu.",
           "Kapolres Garut Ajun Komisaris Besar Hendra Wiratama mengatakan kedua tersangka "
           "ditangkap di rumah kerabat mereka di Bandung pada Minggu dini hari.",
           "Menurut Hendra, para pelaku menyerang pos ronda karena dendam setelah ditegur "
           "warga saat membuat keributan.")),
    Story("banjir-garut", "WartaKita.id", "2025-05-20T07:45:00+07:00",
          "Banjir Bandang Rendam Ratusan Rumah di Garut",
          ("GARUT, WartaKita.id - Banjir bandang merendam sedikitnya 320 rumah di Garut, "
           "Jawa Barat, setelah hujan deras mengguyur wilayah itu sejak Senin sore.",
           "Kapolres Garut Hendra Wiratama mengatakan sekitar 150 warga mengungsi ke masjid "
           "dan balai desa, sementara petugas membuka dapur umum.",
           "Kepala Badan Penanggulangan Bencana Daerah Garut Sri Wulandari mengatakan "
           "pendataan kerusakan masih berlangsung hingga Selasa pagi.")),
    Story("menlu-jepang", "SuaraPesisir.net", "2025-06-12T13:20:00+07:00",
          "Menlu Indonesia dan Jepang Bahas Kerja Sama Maritim",
          ("TOKYO, SuaraPesisir.net - Menteri Luar Negeri Indonesia Sugiono bertemu Menteri "
           "Luar Negeri Jepang Takeshi Iwaya di Tokyo, Kamis, untuk membahas kerja sama "
           "keamanan maritim.",
           "Kedua menteri sepakat memperkuat patroli bersama dan pertukaran informasi di "
           "perairan yang rawan penyelundupan.",
           "\"Jepang adalah mitra penting bagi Indonesia,\" kata Sugiono seusai pertemuan.")),
)


def page_html(story: Story) -> str:
    paragraphs = "\n".join(f"<p>{text}</p>" for text in story.paragraphs)
    return f"""<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">
<title>{story.title}</title><meta property="og:site_name" content="{story.outlet}">
<meta property="article:published_time" content="{story.published}">
</head><body><article><h1>{story.title}</h1>
{paragraphs}
</article></body></html>
"""


def write_corpus(folder: Path) -> list[Path]:
    """Write one page per story as ``<name>.html``; return the paths in STORIES order."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for story in STORIES:
        path = folder / f"{story.name}.html"
        path.write_text(page_html(story), encoding="utf-8")
        paths.append(path)
    return paths


def corpus_archive(url: str, folder: Path) -> None:
    """Ingest the corpus pages into the archive at ``url`` (the real ingest path)."""
    from warta.archive import open_archive
    from warta.archive.ingest import ingest

    paths = write_corpus(folder)
    with open_archive(url) as archive:
        summary = ingest(archive, [str(path) for path in paths], jobs=1)
    assert (summary.stored, summary.failed) == (len(STORIES), 0), summary


def article_ids(url: str) -> dict[str, int]:
    """Story name → article id in the archive at ``url``."""
    from warta.archive import open_archive

    with open_archive(url) as archive:
        rows = archive.fetchall("SELECT a.id, p.source FROM articles a"
                                " JOIN pages p ON p.id = a.page_id")
    return {Path(row["source"]).stem: int(row["id"]) for row in rows}


@pytest.fixture(scope="module", params=BACKENDS)
def corpus_url(request: pytest.FixtureRequest,
               tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An archive holding the corpus, once per backend and test module (tests only read)."""
    folder = tmp_path_factory.mktemp("corpus")
    with backend_url(request.param, folder) as url:
        corpus_archive(url, folder / "pages")
        yield url
