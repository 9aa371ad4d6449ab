"""Small Indonesian news pages generated for the archive tests (original text, made up)."""

from __future__ import annotations

from pathlib import Path

TOWNS = ("Garut", "Sleman", "Kupang", "Jambi", "Ternate", "Palu", "Bima", "Pati", "Sorong",
         "Kediri", "Tegal", "Banjar", "Sampit", "Bitung")
OFFICIALS = ("Hendra Wiratama", "Sri Wulandari", "Agus Setiadi", "Rina Marlina",
             "Yohanes Ndun", "Fauzi Rahman", "Dewi Lestari")
OUTLETS = ("WartaKita.id", "KabarDesa.com", "SuaraPesisir.net")
TOPICS = (
    ("Banjir Merendam {n} Rumah di {town}",
     "Hujan deras sejak Senin malam membuat sungai di {town} meluap dan merendam {n} rumah "
     "warga di tiga kelurahan."),
    ("Pasar Murah Digelar di {town}",
     "Pemerintah kabupaten {town} menggelar pasar murah di {n} titik untuk menekan harga "
     "beras dan minyak goreng menjelang hari raya."),
    ("Longsor Menutup Jalan Provinsi di {town}",
     "Tanah longsor menutup jalan provinsi di {town} sepanjang {n} meter sehingga kendaraan "
     "harus memutar melalui jalur desa."),
    ("Sekolah di {town} Kekurangan {n} Guru",
     "Dinas Pendidikan {town} mencatat sekolah dasar di wilayah itu masih kekurangan {n} "
     "guru kelas pada tahun ajaran baru."),
)


def page_html(index: int) -> str:
    """A news page, different for every index (title, numbers and town change)."""
    title_form, lead_form = TOPICS[index % len(TOPICS)]
    town, official = TOWNS[index % len(TOWNS)], OFFICIALS[index % len(OFFICIALS)]
    number = 100 + index
    published = f"2025-0{1 + index % 9}-1{index % 10}T08:00:00+07:00"
    title = title_form.format(n=number, town=town)
    lead = lead_form.format(n=number, town=town)
    return f"""<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">
<title>{title}</title><meta property="og:site_name" content="{OUTLETS[index % 3]}">
<meta property="article:published_time" content="{published}">
</head><body><article><h1>{title}</h1>
<p>{town.upper()}, {OUTLETS[index % 3]} - {lead}</p>
<p>Kepala dinas setempat {official} mengatakan petugas sudah turun ke lapangan sejak pagi
untuk membantu warga dan mendata kebutuhan yang paling mendesak di lokasi itu.</p>
<p>"Kami meminta warga tetap tenang dan mengikuti arahan petugas di posko terdekat," kata
{official.split()[0]} kepada wartawan di kantornya, Selasa siang, pekan ini.</p>
<p>Bantuan tambahan dari pemerintah provinsi dijadwalkan tiba pada Rabu pagi, sementara
relawan menyiapkan dapur umum bagi warga yang terdampak kejadian nomor {index}.</p>
</article><aside><h2>Berita Terkini</h2><ul><li><a href="/a">Harga Cabai di {town} Turun</a></li>
<li><a href="/b">Festival Budaya Digelar Akhir Pekan Ini</a></li></ul></aside></body></html>
"""


def write_pages(folder: Path, indexes: range | list[int]) -> list[Path]:
    """Write ``berita-<i>.html`` for each index; return the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in indexes:
        path = folder / f"berita-{index:04d}.html"
        path.write_text(page_html(index), encoding="utf-8")
        paths.append(path)
    return paths


NO_STORY_HTML = """<html><body><nav><a href="/a">Beranda</a> <a href="/b">Daerah</a>
<a href="/c">Olahraga</a></nav><ul><li><a href="/x">Indeks Berita</a></li></ul></body></html>"""
