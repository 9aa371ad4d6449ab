"""A synthetic archive corpus with known syndication: original Indonesian news pages.

    from _corpus import write_corpus, read_truth
    truth = write_corpus(Path("corpus"), pages=10_000, seed=7)

Every sentence comes from the templates and word lists below (written for this benchmark;
nothing is copied from real pages). A *story* is one set of facts written once; what the
benchmark must recognise is:

* **wire copies** — the same story republished by other outlets later: another headline,
  another layout and chrome, another dateline ("KOTA, SITUS.com -" or "Kota (ANTARA) -"),
  light edits (synonym swaps, a moved clause, two sentences swapped, a "Baca juga" insert,
  an added "seperti dikutip dari Antara"), often a trimmed last paragraph, sometimes only
  the first half of the story, and a credit tail ("(ant/rhm)", "Sumber: Antara");
* **byte-identical pages** — the same file fetched twice (stored once by the archive);
* **hard negatives** — sibling stories on the same topic, in the same place, with the same
  officials, from the same sentence templates, but with other facts (numbers, days,
  sentences): follow-ups and daily reports that must *not* be grouped.

``truth.jsonl`` has one ``CorpusPage`` per file; ``story`` is the ground-truth group, and
``origin`` marks the earliest copy of each story. The generator is deterministic for a seed.
"""

from __future__ import annotations

import html
import json
import random
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

WIB = timezone(timedelta(hours=7))

# --- word lists -----------------------------------------------------------------------------


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FIRST = _words("Ahmad Budi Citra Dedi Eka Fajar Gita Hendra Indah Joko Kartika Lukman Maya Nanda "
         "Oki Putri Rizal Sari Taufik Umar Vina Wahyu Yudi Zainal Agus Bayu Dewi Erlangga "
         "Fitri Galih Hasan Irma Jamal Kurnia Lestari Mulyadi Novi Pramono Ratna Slamet "
         "Tri Wulan Yanti Arif Bambang Cahya Dimas Endah Firman Gunawan Hani Iwan")
LAST = _words("Santoso Wibowo Hidayat Saputra Nugroho Kurniawan Siregar Nasution Lubis Simanjuntak "
        "Pratama Setiawan Gunadi Harahap Rahman Maulana Permana Sembiring Wijaya Hakim "
        "Susanto Purnomo Hutapea Tanjung Situmorang Prasetyo Firmansyah Iskandar Anwar "
        "Ramadhan Kusuma Syahputra Utomo Handoko Sitompul Daulay Rangkuti Suryadi")
CITIES = (
    ("Bekasi", "Jawa Barat"), ("Bogor", "Jawa Barat"), ("Garut", "Jawa Barat"),
    ("Cirebon", "Jawa Barat"), ("Semarang", "Jawa Tengah"), ("Klaten", "Jawa Tengah"),
    ("Kudus", "Jawa Tengah"), ("Malang", "Jawa Timur"), ("Kediri", "Jawa Timur"),
    ("Jember", "Jawa Timur"), ("Medan", "Sumatera Utara"), ("Binjai", "Sumatera Utara"),
    ("Padang", "Sumatera Barat"), ("Pekanbaru", "Riau"), ("Palembang", "Sumatera Selatan"),
    ("Jambi", "Jambi"), ("Pontianak", "Kalimantan Barat"), ("Samarinda", "Kalimantan Timur"),
    ("Banjarmasin", "Kalimantan Selatan"), ("Makassar", "Sulawesi Selatan"),
    ("Kendari", "Sulawesi Tenggara"), ("Manado", "Sulawesi Utara"), ("Mataram", "NTB"),
    ("Kupang", "NTT"), ("Denpasar", "Bali"), ("Ambon", "Maluku"), ("Jayapura", "Papua"),
    ("Serang", "Banten"), ("Tangerang", "Banten"), ("Sleman", "DI Yogyakarta"),
)
DISTRICTS = _words("Sukamaju Cibening Karanganyar Tegalsari Sumberrejo Mekarsari Pasirjaya "
             "Tanjungsari Sidomulyo Rawabening Kebonagung Panggungrejo Cempaka Sukadana "
             "Wonorejo Margahayu Bojongsari Kalisari Lembah Hijau Bukitraya")
SCHOOLS = ("SMA Negeri {a} {kota}", "SMP Negeri {a} {kota}", "Universitas Negeri {kota}")
CLUBS = ("Persekota", "Laskar {kota}", "PS {kota} Raya", "Garuda {kota}", "Putra {kota}")
COUNTRIES = ("Malaysia", "Singapura", "Vietnam", "Thailand", "Filipina", "Jepang",
             "Korea Selatan", "Australia", "India", "Brunei Darussalam")
COMMODITIES = ("beras medium", "cabai rawit", "bawang merah", "minyak goreng", "gula pasir",
               "telur ayam", "daging sapi", "cabai merah keriting")
WEEKDAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
          "September", "Oktober", "November", "Desember")

# Light edits of a wire copy: whole-word swaps, applied to a few occurrences.
SYNONYMS = {
    "mengatakan": "menyatakan", "menyatakan": "mengatakan", "sebanyak": "sejumlah",
    "sedikitnya": "setidaknya", "setidaknya": "sedikitnya", "warga": "penduduk",
    "petugas": "aparat", "menurut": "kata", "kemudian": "lalu", "segera": "secepatnya",
    "saat ini": "kini", "sejumlah": "beberapa", "menyebutkan": "menjelaskan",
    "menjelaskan": "menerangkan", "melakukan": "menggelar", "bantuan": "pertolongan",
    "wilayah": "daerah", "kawasan": "area", "pihaknya": "timnya", "hingga": "sampai",
    "meminta": "mengimbau", "mengimbau": "meminta", "besar": "tinggi", "cepat": "sigap",
}

# A reporter's own wording: each cluster of stories picks one phrase of every group and
# writes it wherever any phrase of the group appears (so unrelated stories on one topic differ
# in wording, while a cluster's follow-ups share it).
STYLE_GROUPS = (
    ("mengatakan", "menuturkan", "menjelaskan", "menyebutkan", "mengungkapkan"),
    ("diduga", "disinyalir", "ditengarai"), ("sekitar", "kurang lebih", "kira-kira"),
    ("warga", "masyarakat", "penduduk"), ("petugas", "personel", "aparat"),
    ("mengerahkan", "menerjunkan", "menurunkan"), ("kini", "saat ini", "sekarang"),
    ("pihaknya", "instansinya", "jajarannya"), ("meminta", "mengimbau", "mengajak"),
    ("terdekat", "di sekitar lokasi", "yang paling dekat"), ("masih", "tengah", "sedang"),
    ("lebih lanjut", "selanjutnya", "berikutnya"), ("sebanyak", "sejumlah", "total"),
    ("akibat", "karena", "lantaran"), ("sempat", "sejenak", "beberapa saat"),
    ("dilaporkan", "disebutkan", "tercatat"), ("menurut", "berdasarkan keterangan"),
    ("wilayah", "daerah", "kawasan"), ("pekan depan", "minggu depan", "dalam waktu dekat"),
    ("untuk", "guna", "demi"), ("lokasi", "tempat kejadian", "titik kejadian"),
    ("mencapai", "menyentuh", "sampai"), ("terus", "kian", "semakin"),
    ("segera", "secepatnya", "sesegera mungkin"), ("telah", "sudah"),
    ("dalam", "selama"), ("mengalami", "menderita"), ("hingga", "sampai dengan"),
    ("kerja sama", "kolaborasi", "kemitraan"), ("manfaat", "faedah", "dampak positif"),
    ("membahas", "membicarakan", "mendiskusikan"), ("pertemuan", "pembicaraan", "perundingan"),
    ("bertukar pandangan", "berdiskusi", "bertukar pikiran"), ("memperkirakan",
     "memprediksi", "memproyeksikan"), ("peredaran", "penyebaran", "perdagangan gelap"),
    ("menangkap", "membekuk", "mengamankan"), ("kendaraan", "mobil dan motor"),
    ("menyita", "mengamankan", "menyita pula"), ("tersangka", "pelaku", "terduga pelaku"),
    ("pasien", "penderita", "orang sakit"), ("kasus", "kejadian", "temuan kasus"),
    ("pedagang", "penjual", "para pedagang"), ("harga", "harga jual", "banderol"),
    ("kenaikan", "lonjakan", "peningkatan"), ("stok", "persediaan", "cadangan"),
    ("pemerintah", "pemda", "otoritas"), ("menyalurkan", "mendistribusikan", "memberikan"),
    ("pendaftaran", "registrasi", "proses pendaftaran"), ("sekolah", "satuan pendidikan"),
    ("orang tua", "wali murid", "para orang tua"), ("pertandingan", "laga", "duel"),
    ("kemenangan", "hasil positif", "tiga poin"), ("penonton", "suporter", "pendukung"),
    ("pelaku pasar", "investor", "para pelaku pasar"), ("bergerak", "berada", "berayun"),
    ("pergerakan", "fluktuasi", "gerak"), ("dipengaruhi", "dipicu", "didorong"),
    ("sebagian besar", "mayoritas", "kebanyakan"), ("korban", "para korban", "korban jiwa"),
    ("penyebab", "pemicu", "asal mula"), ("kebakaran", "insiden kebakaran", "peristiwa kebakaran"),
    ("api", "kobaran api", "si jago merah"), ("banjir", "genangan banjir", "bencana banjir"),
    ("ketinggian air", "tinggi genangan", "tinggi muka air"), ("mengungsi", "pindah sementara"),
    ("pengungsian", "penampungan"), ("bantuan", "logistik", "paket bantuan"),
    ("laporan", "aduan", "informasi"), ("pemeriksaan", "penyelidikan", "pendalaman"),
    ("ancaman hukuman", "ancaman pidana", "hukuman"), ("barang bukti", "bukti"),
    ("delegasi", "rombongan", "utusan"), ("kedua negara", "dua negara", "kedua pihak"),
    ("perdagangan", "niaga", "dagang"), ("meningkat", "naik", "bertambah"),
    ("kecelakaan", "insiden", "tabrakan"), ("sopir", "pengemudi", "supir"),
    ("arus lalu lintas", "lalu lintas", "arus kendaraan"), ("dirawat", "menjalani perawatan"),
    ("rumah sakit", "RS", "fasilitas kesehatan"), ("diliburkan", "dihentikan sementara"),
)
_STYLE_RES = tuple(re.compile(r"\b(?:" + "|".join(map(re.escape, group)) + r")\b")
                   for group in STYLE_GROUPS)


def _style(rng: random.Random) -> tuple[str, ...]:
    return tuple(rng.choice(group) for group in STYLE_GROUPS)


def _restyle(text: str, style: tuple[str, ...]) -> str:
    for pattern, phrase in zip(_STYLE_RES, style, strict=True):
        text = pattern.sub(phrase, text)
    return text


CONNECTIVES = ("Selain itu, ", "Sementara itu, ", "Di sisi lain, ", "Lebih jauh, ",
               "Adapun ", "Dalam kesempatan itu, ", "Pada saat yang sama, ")


def _connect(sentence: str, rng: random.Random) -> str:
    """Now and then a connective before a sentence, as reporters write."""
    if rng.random() < 0.3 and sentence[:1].isupper() and not sentence.startswith("{"):
        return rng.choice(CONNECTIVES) + sentence[0].lower() + sentence[1:]
    return sentence


# --- story templates ------------------------------------------------------------------------
# Slots: {kota} {prov} {kec} {hari} {waktu} {pejabat} {pendek} {jabatan} {saksi} {saksi_p}
# {n1}..{n6} (numbers drawn per story) {org} {x} (topic extras). "[a|b|c]" picks one.

TOPICS: dict[str, dict[str, tuple[str, ...]]] = {
    "banjir": {
        "jabatan": ("Kepala Pelaksana BPBD {kota}", "Kepala BPBD {kota}",
                    "Camat {kec}"),
        "titles": (
            "Banjir Rendam {n1} Rumah di {kota}",
            "{n1} Rumah Warga {kec} Terendam Banjir",
            "Hujan Deras, {kec} {kota} Dilanda Banjir",
            "Banjir Landa {kota}, {n2} Warga Mengungsi",
            "Warga {kec} Mengungsi Akibat Banjir Setinggi {n3} Sentimeter",
        ),
        "lede": (
            "Banjir merendam [sedikitnya|sebanyak|sekitar] {n1} rumah warga di Kecamatan "
            "{kec}, {kota}, pada {hari} {waktu} setelah hujan deras mengguyur wilayah itu "
            "selama [lebih dari {n4} jam|berjam-jam|sejak sore].",
            "Ribuan warga di Kecamatan {kec}, {kota}, terdampak banjir yang terjadi pada "
            "{hari} {waktu}; sebanyak {n1} rumah dilaporkan terendam air.",
        ),
        "body": (
            "{jabatan} {pejabat} mengatakan ketinggian air mencapai {n3} sentimeter di "
            "[beberapa titik permukiman|kawasan padat penduduk|jalan utama desa].",
            "Menurut {pendek}, sebanyak {n2} warga [kini mengungsi|terpaksa mengungsi] ke "
            "[masjid|balai desa|sekolah|gedung serbaguna] terdekat.",
            "Petugas gabungan dari BPBD, TNI dan Polri [mengerahkan|menurunkan] {n5} perahu "
            "karet untuk mengevakuasi warga lanjut usia dan anak-anak.",
            "Air mulai masuk ke permukiman warga sekitar pukul {jam} WIB dan terus naik "
            "[karena|sebab] Sungai {sungai} meluap.",
            "Hingga {hari} sore, [belum ada laporan korban jiwa|tidak ada korban jiwa yang "
            "dilaporkan], namun {n6} warga mengalami luka ringan saat evakuasi.",
            "Pemerintah {kota} telah menyalurkan bantuan berupa makanan siap saji, selimut "
            "dan air bersih ke {n6} titik pengungsian.",
            "Warga {kec}, {saksi}, mengaku banjir kali ini lebih parah dibandingkan "
            "[tahun lalu|kejadian sebelumnya] karena air naik sangat cepat.",
            "Dinas Pekerjaan Umum {kota} [menyiagakan|menyiapkan] {n5} pompa air untuk "
            "mempercepat surutnya genangan di jalan utama.",
            "BMKG memperkirakan hujan dengan intensitas sedang hingga lebat masih akan "
            "mengguyur {prov} dalam {n4} hari ke depan.",
            "Akibat banjir, aktivitas belajar di {n5} sekolah diliburkan dan arus lalu "
            "lintas di jalan provinsi sempat tersendat.",
        ),
        "quote": (
            "\"Kami [sudah mengerahkan|telah menyiagakan] petugas di setiap titik rawan dan "
            "meminta warga [segera mengungsi|tetap waspada] bila air kembali naik,\" kata "
            "{pendek} di {kota}, {hari}.",
            "\"Air datang sangat cepat, dalam satu jam sudah setinggi pinggang orang dewasa,\" "
            "ujar {saksi_p}.",
            "\"Kebutuhan paling mendesak saat ini adalah air bersih, popok bayi dan obat-obatan,"
            "\" ujar {pendek}.",
        ),
    },
    "kebakaran": {
        "jabatan": ("Kepala Dinas Pemadam Kebakaran {kota}", "Kapolsek {kec}",
                    "Kepala Bidang Operasi Damkar {kota}"),
        "titles": (
            "Kebakaran Hanguskan {n1} Rumah di {kec}",
            "{n1} Rumah di {kota} Ludes Terbakar",
            "Si Jago Merah Mengamuk di {kec}, Kerugian Ditaksir Rp{n2} Juta",
            "Kebakaran di Permukiman Padat {kota}, {n5} Mobil Damkar Dikerahkan",
        ),
        "lede": (
            "Kebakaran melanda permukiman padat penduduk di Kecamatan {kec}, {kota}, pada "
            "{hari} {waktu} dan menghanguskan {n1} rumah.",
            "Sebanyak {n1} rumah di Kecamatan {kec}, {kota}, [hangus|ludes] terbakar dalam "
            "kebakaran yang terjadi {hari} {waktu}.",
        ),
        "body": (
            "{jabatan} {pejabat} mengatakan api diduga berasal dari korsleting listrik di "
            "salah satu rumah [warga|kontrakan].",
            "Sebanyak {n5} unit mobil pemadam kebakaran dikerahkan ke lokasi dan api baru "
            "dapat dipadamkan setelah sekitar {n4} jam.",
            "Kerugian akibat kebakaran itu ditaksir mencapai Rp{n2} juta, menurut "
            "[keterangan polisi|data sementara petugas].",
            "Sedikitnya {n6} warga mengalami luka bakar ringan dan [dilarikan|dibawa] ke "
            "puskesmas terdekat.",
            "Petugas sempat kesulitan menjangkau lokasi karena akses jalan yang sempit dan "
            "padatnya kendaraan yang terparkir.",
            "Warga setempat, {saksi}, mengatakan api pertama kali terlihat dari bagian dapur "
            "sekitar pukul {jam} WIB.",
            "Polisi masih menyelidiki penyebab pasti kebakaran dengan memeriksa {n6} orang "
            "saksi.",
            "Para korban untuk sementara ditampung di rumah kerabat dan posko yang didirikan "
            "pemerintah kecamatan.",
            "Angin yang bertiup kencang membuat api cepat merambat ke rumah-rumah di "
            "sekitarnya yang sebagian besar terbuat dari kayu.",
        ),
        "quote": (
            "\"Kami mengimbau warga untuk memeriksa instalasi listrik di rumah masing-masing, "
            "terutama yang sudah berusia tua,\" kata {pendek}.",
            "\"Saya hanya sempat menyelamatkan surat-surat penting, barang lain habis "
            "terbakar,\" tutur {saksi_p}.",
        ),
    },
    "kecelakaan": {
        "jabatan": ("Kasat Lantas Polres {kota}", "Kapolres {kota}",
                    "Kanit Gakkum Satlantas Polres {kota}"),
        "titles": (
            "Kecelakaan Beruntun di Jalan Raya {kec}, {n6} Orang Tewas",
            "Truk Tabrak {n1} Kendaraan di {kota}",
            "{n6} Tewas dalam Tabrakan Bus dan Truk di {kota}",
            "Rem Blong, Truk Seruduk Kendaraan di {kec}",
        ),
        "lede": (
            "Kecelakaan beruntun melibatkan {n1} kendaraan terjadi di Jalan Raya {kec}, "
            "{kota}, pada {hari} {waktu} dan menewaskan {n6} orang.",
            "Sebuah truk bermuatan [pasir|semen|kayu] menabrak {n1} kendaraan di Jalan Raya "
            "{kec}, {kota}, {hari} {waktu}.",
        ),
        "body": (
            "{jabatan} {pejabat} mengatakan truk diduga mengalami rem blong saat melaju di "
            "jalan menurun.",
            "Selain korban tewas, sebanyak {n5} orang mengalami luka berat dan ringan dan "
            "dirawat di RSUD {kota}.",
            "Sopir truk berinisial {inisial} telah diamankan untuk dimintai keterangan oleh "
            "penyidik.",
            "Arus lalu lintas di jalur tersebut sempat macet hingga {n4} kilometer selama "
            "proses evakuasi.",
            "Polisi melakukan olah tempat kejadian perkara dan memeriksa {n6} orang saksi "
            "yang melihat kecelakaan itu.",
            "Menurut saksi mata, {saksi}, truk melaju dengan kecepatan tinggi sebelum "
            "menghantam kendaraan di depannya.",
            "Kendaraan yang rusak berat dievakuasi menggunakan mobil derek sekitar pukul {jam} "
            "WIB.",
            "Polisi mengimbau pengemudi kendaraan berat memeriksa kondisi rem sebelum "
            "melintasi jalur tersebut.",
        ),
        "quote": (
            "\"Kami masih mendalami penyebab kecelakaan, termasuk kemungkinan kelalaian "
            "pengemudi,\" kata {pendek} kepada wartawan.",
            "\"Suaranya keras sekali, lalu beberapa mobil sudah ringsek,\" ujar {saksi_p}.",
        ),
    },
    "harga": {
        "jabatan": ("Kepala Dinas Perdagangan {kota}", "Wali Kota {kota}",
                    "Kepala Bidang Perdagangan Disperindag {kota}"),
        "titles": (
            "Harga {x} di {kota} Naik Jadi Rp{n2} Ribu per Kilogram",
            "Harga {x} Melonjak, Pedagang di {kota} Mengeluh",
            "Pemkot {kota} Gelar Operasi Pasar {x}",
            "Harga {x} di Pasar {kec} Tembus Rp{n2} Ribu",
        ),
        "lede": (
            "Harga {x} di pasar tradisional {kota} naik menjadi Rp{n2} ribu per kilogram "
            "pada {hari}, dari sebelumnya Rp{n3} ribu per kilogram.",
            "Pedagang di Pasar {kec}, {kota}, mengeluhkan kenaikan harga {x} yang kini "
            "mencapai Rp{n2} ribu per kilogram.",
        ),
        "body": (
            "{jabatan} {pejabat} mengatakan kenaikan harga dipicu berkurangnya pasokan dari "
            "daerah sentra produksi akibat [cuaca buruk|gagal panen|musim hujan].",
            "Pemerintah {kota} akan menggelar operasi pasar di {n6} titik mulai pekan depan "
            "untuk menekan harga.",
            "Menurut pedagang, {saksi}, pembeli kini mengurangi jumlah belanja karena harga "
            "yang terus naik dalam {n4} hari terakhir.",
            "Stok {x} di gudang Bulog {prov} disebut masih cukup untuk memenuhi kebutuhan "
            "selama {n5} bulan ke depan.",
            "Dinas Perdagangan mencatat permintaan {x} meningkat sekitar {n1} persen menjelang "
            "hari besar keagamaan.",
            "Satgas Pangan [Polda {prov}|Polres {kota}] turut memantau distribusi untuk "
            "mencegah penimbunan.",
            "Di pasar lain di {kota}, harga {x} tercatat Rp{n3} ribu hingga Rp{n2} ribu per "
            "kilogram.",
            "Pemerintah daerah juga meminta distributor tidak menaikkan harga secara sepihak "
            "di tengah tingginya permintaan.",
        ),
        "quote": (
            "\"Kami pastikan stok aman, warga tidak perlu membeli secara berlebihan,\" kata "
            "{pendek} saat meninjau Pasar {kec}, {hari}.",
            "\"Biasanya saya jual {n5} karung sehari, sekarang separuhnya saja susah,\" ujar "
            "{saksi_p}.",
        ),
    },
    "rupiah": {
        "jabatan": ("Analis pasar uang {org}", "Kepala riset {org}", "Ekonom {org}"),
        "titles": (
            "Rupiah {arah} {n1} Poin ke Rp{kurs} per Dolar AS",
            "Rupiah Ditutup {arah} pada Perdagangan {hari}",
            "Kurs Rupiah {arah} di Tengah Sentimen Global",
            "Rupiah {hari} Sore {arah} ke Level Rp{kurs}",
        ),
        "lede": (
            "Nilai tukar rupiah pada perdagangan {hari} sore ditutup {arah_k} {n1} poin atau "
            "0,{n6}{n5} persen menjadi Rp{kurs} per dolar AS dari posisi sebelumnya "
            "Rp{kurs0} per dolar AS.",
            "Rupiah bergerak {arah_k} {n1} poin ke level Rp{kurs} per dolar AS pada "
            "penutupan perdagangan {hari}.",
        ),
        "body": (
            "{jabatan} {pejabat} mengatakan pergerakan rupiah dipengaruhi [data inflasi|"
            "data tenaga kerja|kebijakan suku bunga] Amerika Serikat yang dirilis pekan ini.",
            "Menurut {pendek}, pelaku pasar masih menunggu arah kebijakan bank sentral AS "
            "dalam pertemuan mendatang.",
            "Sementara itu, kurs Jakarta Interbank Spot Dollar Rate (Jisdor) Bank Indonesia "
            "pada {hari} tercatat Rp{kurs1} per dolar AS.",
            "Dari dalam negeri, investor mencermati data neraca perdagangan yang menunjukkan "
            "surplus {n4},{n6} miliar dolar AS.",
            "{pendek} memperkirakan rupiah akan bergerak di kisaran Rp{kurs0} hingga Rp{kurs1} "
            "per dolar AS pada perdagangan berikutnya.",
            "Indeks dolar AS terhadap sekeranjang mata uang utama tercatat bergerak "
            "[menguat|melemah] ke level 10{n6},{n5}.",
            "Mata uang di kawasan Asia bergerak bervariasi, dengan won Korea Selatan dan "
            "ringgit Malaysia [menguat tipis|melemah tipis].",
        ),
        "quote": (
            "\"Pasar cenderung berhati-hati menjelang rilis data ekonomi penting,\" kata "
            "{pendek} di Jakarta, {hari}.",
        ),
    },
    "narkoba": {
        "jabatan": ("Kapolres {kota}", "Kasat Resnarkoba Polres {kota}",
                    "Kepala BNNK {kota}"),
        "titles": (
            "Polisi Sita {n1} Gram Sabu dari Pengedar di {kota}",
            "Polres {kota} Tangkap {n6} Pengedar Narkoba",
            "Pengedar Sabu Jaringan Antarprovinsi Dibekuk di {kec}",
            "{n6} Tersangka Narkoba Diringkus di {kota}, Barang Bukti {n1} Gram",
        ),
        "lede": (
            "Polres {kota} menangkap {n6} tersangka pengedar narkoba di Kecamatan {kec} "
            "dan menyita {n1} gram sabu pada {hari} {waktu}.",
            "Satuan Reserse Narkoba Polres {kota} meringkus {n6} pengedar sabu di sebuah "
            "rumah kontrakan di {kec}, {hari} {waktu}.",
        ),
        "body": (
            "{jabatan} {pejabat} mengatakan penangkapan berawal dari laporan warga yang curiga "
            "dengan aktivitas di rumah tersebut.",
            "Selain sabu, petugas menyita {n5} timbangan digital, plastik klip dan uang tunai "
            "Rp{n2} ribu yang diduga hasil penjualan.",
            "Para tersangka berinisial {inisial} dan kawan-kawan diduga merupakan bagian dari "
            "jaringan antarprovinsi.",
            "Polisi masih memburu {n6} orang lain yang diduga menjadi pemasok barang haram "
            "itu.",
            "Para tersangka dijerat pasal tentang narkotika dengan ancaman hukuman maksimal "
            "{n4} tahun penjara.",
            "Dari hasil pemeriksaan, tersangka mengaku sudah menjalankan bisnis itu selama "
            "{n5} bulan.",
            "Barang bukti dan para tersangka kini diamankan di Mapolres {kota} untuk "
            "pemeriksaan lebih lanjut.",
        ),
        "quote": (
            "\"Kami tidak akan memberi ruang bagi peredaran narkoba di wilayah {kota},\" "
            "tegas {pendek} dalam konferensi pers, {hari}.",
        ),
    },
    "sepakbola": {
        "jabatan": ("Pelatih {klub}", "Manajer {klub}", "Asisten pelatih {klub}"),
        "titles": (
            "{klub} Menang {n6}-{n5} atas {lawan}",
            "{klub} Tundukkan {lawan} di Kandang",
            "Gol Menit Akhir Bawa {klub} Kalahkan {lawan}",
            "{klub} Naik ke Peringkat {n4} Klasemen",
        ),
        "lede": (
            "{klub} mengalahkan {lawan} dengan skor {n6}-{n5} dalam laga lanjutan liga di "
            "Stadion {kota}, {hari} {waktu}.",
            "{klub} meraih kemenangan {n6}-{n5} saat menjamu {lawan} di Stadion {kota} pada "
            "{hari} {waktu}.",
        ),
        "body": (
            "Gol pembuka dicetak {saksi} pada menit ke-{n1} memanfaatkan umpan silang dari sisi "
            "kanan.",
            "{lawan} sempat menyamakan kedudukan lewat tendangan bebas pada menit ke-{n3}.",
            "{jabatan} {pejabat} mengatakan timnya bermain disiplin dan mampu memanfaatkan "
            "peluang.",
            "Kemenangan itu membawa {klub} naik ke peringkat {n4} klasemen sementara dengan "
            "{n2} poin.",
            "Pertandingan disaksikan sekitar {n5} ribu penonton yang memadati stadion sejak "
            "sore hari.",
            "Pada laga berikutnya, {klub} akan bertandang ke markas lawan pekan depan.",
            "Wasit mengeluarkan {n6} kartu kuning dalam pertandingan yang berlangsung keras "
            "itu.",
        ),
        "quote": (
            "\"Anak-anak bekerja keras selama sembilan puluh menit, saya bangga dengan mereka,"
            "\" kata {pendek} seusai laga.",
            "\"Kami akan evaluasi lini belakang sebelum pertandingan berikutnya,\" ujar "
            "{pendek}.",
        ),
    },
    "dbd": {
        "jabatan": ("Kepala Dinas Kesehatan {kota}", "Kepala Puskesmas {kec}",
                    "Direktur RSUD {kota}"),
        "titles": (
            "Kasus DBD di {kota} Capai {n1} Orang",
            "{n6} Warga {kota} Meninggal akibat Demam Berdarah",
            "Dinkes {kota} Gencarkan Fogging di {kec}",
            "Kasus Demam Berdarah Meningkat, Warga {kec} Diminta Waspada",
        ),
        "lede": (
            "Dinas Kesehatan {kota} mencatat {n1} kasus demam berdarah dengue sejak awal "
            "tahun, {n6} di antaranya meninggal dunia.",
            "Kasus demam berdarah dengue di {kota} terus meningkat dan hingga {hari} "
            "tercatat {n1} kasus.",
        ),
        "body": (
            "{jabatan} {pejabat} mengatakan kasus terbanyak ditemukan di Kecamatan {kec} "
            "dengan {n3} pasien.",
            "Pihaknya telah melakukan pengasapan atau fogging di {n5} kelurahan yang "
            "dinyatakan sebagai daerah rawan.",
            "Warga diminta menjalankan gerakan menguras, menutup dan mendaur ulang barang "
            "bekas untuk memberantas sarang nyamuk.",
            "Sebagian besar pasien merupakan anak usia sekolah berusia {n6} hingga {n4} tahun.",
            "Rumah sakit di {kota} menambah {n2} tempat tidur untuk menampung pasien demam "
            "berdarah.",
            "Menurut {pendek}, peningkatan kasus terjadi seiring tingginya curah hujan dalam "
            "{n4} pekan terakhir.",
            "Juru pemantau jentik dikerahkan untuk memeriksa rumah warga setiap pekan.",
        ),
        "quote": (
            "\"Jangan menunggu fogging, yang paling efektif adalah memberantas sarang nyamuk "
            "dari rumah sendiri,\" kata {pendek}.",
            "\"Anak saya demam tinggi tiga hari, ternyata positif DBD,\" kata {saksi_p}.",
        ),
    },
    "diplomasi": {
        "jabatan": ("Menteri Luar Negeri", "Wakil Menteri Luar Negeri",
                    "Direktur Jenderal Asia Pasifik Kemlu"),
        "titles": (
            "Indonesia dan {negara} Sepakati Kerja Sama {bidang}",
            "Menlu Bertemu Mitranya dari {negara} di Jakarta",
            "RI-{negara} Perkuat Kerja Sama {bidang}",
            "Indonesia Dorong Peningkatan Perdagangan dengan {negara}",
        ),
        "lede": (
            "Pemerintah Indonesia dan {negara} sepakat memperkuat kerja sama di bidang "
            "{bidang} dalam pertemuan bilateral di Jakarta, {hari}.",
            "{jabatan} {pejabat} menerima kunjungan delegasi {negara} di Jakarta pada {hari} "
            "untuk membahas kerja sama {bidang}.",
        ),
        "body": (
            "Kedua negara menandatangani {n6} nota kesepahaman yang mencakup pertukaran "
            "tenaga ahli dan pendanaan bersama.",
            "Nilai perdagangan Indonesia dan {negara} tahun lalu tercatat {n4},{n6} miliar "
            "dolar AS, menurut data Kementerian Perdagangan.",
            "{pendek} mengatakan kedua pihak menargetkan peningkatan perdagangan sebesar "
            "{n1} persen dalam {n5} tahun.",
            "Pertemuan juga membahas perlindungan pekerja migran Indonesia yang berjumlah "
            "sekitar {n2} ribu orang di {negara}.",
            "Delegasi {negara} dijadwalkan mengunjungi kawasan industri di {kota} sebelum "
            "kembali ke negaranya.",
            "Kedua menteri juga bertukar pandangan mengenai situasi keamanan kawasan dan "
            "kerja sama di forum ASEAN.",
        ),
        "quote": (
            "\"Kami ingin kerja sama ini memberi manfaat langsung bagi masyarakat kedua "
            "negara,\" kata {pendek} dalam jumpa pers bersama.",
        ),
    },
    "pendidikan": {
        "jabatan": ("Kepala Dinas Pendidikan {kota}", "Kepala {sekolah}",
                    "Rektor Universitas Negeri {kota}"),
        "titles": (
            "{n1} Calon Siswa Daftar PPDB di {kota} pada Hari Pertama",
            "Dinas Pendidikan {kota} Tambah Kuota Sekolah Negeri",
            "Siswa {sekolah} Raih Medali Olimpiade Sains",
            "PPDB {kota} Dibuka, Orang Tua Keluhkan Sistem Zonasi",
        ),
        "lede": (
            "Sebanyak {n1} calon siswa mendaftar pada hari pertama penerimaan peserta didik "
            "baru di {kota}, {hari}.",
            "Dinas Pendidikan {kota} membuka pendaftaran peserta didik baru pada {hari} "
            "dengan kuota {n2} kursi di sekolah negeri.",
        ),
        "body": (
            "{jabatan} {pejabat} mengatakan pendaftaran dilakukan secara daring melalui "
            "laman resmi dinas.",
            "Kuota jalur zonasi ditetapkan {n3} persen, sedangkan jalur prestasi {n6}0 persen.",
            "Sejumlah orang tua mengeluhkan laman pendaftaran yang sempat sulit diakses pada "
            "pagi hari.",
            "Menurut {pendek}, pihaknya menyiapkan posko bantuan di {n5} sekolah untuk orang "
            "tua yang kesulitan mendaftar.",
            "Pengumuman hasil seleksi dijadwalkan {n4} hari setelah pendaftaran ditutup.",
            "Orang tua calon siswa, {saksi}, berharap sistem zonasi dievaluasi agar lebih "
            "adil bagi warga pinggiran.",
        ),
        "quote": (
            "\"Kami minta orang tua tidak panik, setiap anak pasti mendapat sekolah,\" kata "
            "{pendek}.",
        ),
    },
}

WIRES = (("ANTARA", "Antara", "ant"), ("Reuters", "Reuters", "reuters"))


@dataclass(frozen=True, slots=True)
class Outlet:
    """A fictional outlet: its name, host, page style and chrome words."""

    name: str
    host: str
    style: str            # html-a | html-b | html-c | text-a | text-b
    related_label: str
    popular_label: str


OUTLETS = (
    Outlet("Kabar Nusantara", "kabarnusantara.id", "html-a", "Berita Terkait", "Terpopuler"),
    Outlet("Warta Kota Raya", "wartakotaraya.com", "html-b", "Baca Juga", "Paling Dibaca"),
    Outlet("Suara Priangan", "suarapriangan.net", "html-c", "Artikel Terkait", "Populer"),
    Outlet("Harian Khatulistiwa", "harkhatulistiwa.co.id", "text-a", "Berita Terkait",
           "Terpopuler"),
    Outlet("Lintas Timur", "lintastimur.com", "html-a", "Berita Lainnya", "Terpopuler"),
    Outlet("Berita Sore Online", "beritasore.id", "html-b", "Baca Juga", "Terpopuler"),
    Outlet("Gema Pesisir", "gemapesisir.com", "text-b", "Berita Terkait", "Populer"),
    Outlet("Pelita Andalas", "pelitaandalas.co.id", "html-c", "Terkait", "Terpopuler"),
    Outlet("Nusa Daily", "nusadaily.id", "html-a", "Berita Terkait", "Paling Banyak Dibaca"),
    Outlet("Swara Borneo", "swaraborneo.com", "text-a", "Baca Juga", "Terpopuler"),
    Outlet("Kantor Berita Antara", "antaranews.example", "html-b", "Berita Terkait",
           "Terpopuler"),
)
WIRE_OUTLET = OUTLETS[-1]


@dataclass(frozen=True, slots=True)
class CorpusPage:
    """Ground truth for one file of the corpus."""

    name: str
    story: int
    origin: bool
    published: str
    outlet: str
    kind: str                      # copy kind: origin | copy | half | duplicate
    duplicate_of: str | None = None


@dataclass(slots=True)
class Story:
    """One story's facts, written once: what every copy is edited from."""

    id: int
    topic: str
    titles: list[str]
    paragraphs: list[str]
    published: datetime
    city: str
    wire: tuple[str, str, str] | None
    place: str = ""
    copies: list[int] = field(default_factory=list)


# --- writing a story ------------------------------------------------------------------------

_CHOICE = re.compile(r"\[([^\[\]]*)\]")


def _fill(template: str, slots: dict[str, str], rng: random.Random) -> str:
    text = _CHOICE.sub(lambda m: rng.choice(m.group(1).split("|")), template)
    return text.format(**slots)


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _cast(topic: str, rng: random.Random) -> dict[str, str]:
    """Who and where: shared by sibling stories (the hard negatives)."""
    city, prov = rng.choice(CITIES)
    official = _person(rng)
    witness = _person(rng)
    school = rng.choice(SCHOOLS).format(a=rng.randint(1, 12), kota=city)
    slots = {
        "kota": city, "prov": prov, "kec": rng.choice(DISTRICTS), "pejabat": official,
        "pendek": official.split()[-1], "saksi": witness,
        "saksi_p": witness.split()[0], "sekolah": school,
        "klub": rng.choice(CLUBS).format(kota=city),
        "lawan": rng.choice(CLUBS).format(kota=rng.choice(CITIES)[0]),
        "negara": rng.choice(COUNTRIES), "x": rng.choice(COMMODITIES),
        "org": rng.choice(("Bank Sentosa", "Mitra Sekuritas", "Lembaga Kajian Ekonomi "
                           "Nusantara", "Pusat Riset Fiskal", "Cakra Investama")),
        "bidang": rng.choice(("energi", "perdagangan", "pendidikan", "kesehatan",
                              "maritim", "pertahanan", "pangan", "ekonomi digital")),
        "sungai": rng.choice(("Cikeas", "Ciliwung", "Bengawan", "Brantas", "Deli",
                              "Batang Arau", "Kampar", "Musi", "Kapuas", "Jeneberang")),
    }
    slots["jabatan"] = rng.choice(TOPICS[topic]["jabatan"]).format(**slots)
    return slots


def _facts(slots: dict[str, str], when: datetime, rng: random.Random) -> dict[str, str]:
    """What differs between sibling stories: numbers, days, times."""
    out = dict(slots)
    for i, high in enumerate((900, 250, 150, 12, 40, 9), start=1):
        out[f"n{i}"] = str(rng.randint(2 if i > 3 else 11, high))
    base = rng.randint(15_100, 16_400)
    up = rng.random() < 0.5
    out.update(
        hari=WEEKDAYS[when.weekday()], jam=f"{rng.randint(1, 23):02d}.{rng.randint(0, 59):02d}",
        waktu=rng.choice(("pagi", "siang", "sore", "malam", "dini hari")),
        inisial="".join(rng.choice("ABDFHJKMRSTWY") for _ in range(2)),
        kurs=f"{base:,}".replace(",", "."), kurs0=f"{base + rng.randint(-80, 80):,}".replace(
            ",", "."), kurs1=f"{base + rng.randint(-60, 60):,}".replace(",", "."),
        arah="Menguat" if up else "Melemah", arah_k="menguat" if up else "melemah",
    )
    return out


def _write(topic: str, slots: dict[str, str], style: tuple[str, ...],
           rng: random.Random) -> tuple[list[str], list[str]]:
    """(headline variants, paragraphs) of one story."""
    pool = TOPICS[topic]
    titles = [_fill(t, slots, rng) for t in rng.sample(pool["titles"], k=3)]
    sentences = rng.sample(pool["body"], k=min(len(pool["body"]), rng.randint(5, 8)))
    quotes = rng.sample(pool["quote"], k=min(len(pool["quote"]), rng.randint(1, 2)))
    for quote in quotes:
        sentences.insert(rng.randint(1, len(sentences)), quote)
    paragraphs = [_fill(rng.choice(pool["lede"]), slots, rng)]
    i = 0
    while i < len(sentences):
        take = 2 if rng.random() < 0.35 and i + 1 < len(sentences) else 1
        paragraphs.append(" ".join(_fill(_connect(s, rng), slots, rng)
                                   for s in sentences[i:i + take]))
        i += take
    return titles, [_restyle(paragraph, style) for paragraph in paragraphs]


def _sibling_paragraphs(paragraphs: list[str], base: list[str], rng: random.Random) -> list[str]:
    """A follow-up reuses one background paragraph of the earlier story word for word."""
    if len(base) > 2 and rng.random() < 0.5:
        kept = rng.choice(base[1:])
        paragraphs = [*paragraphs[:-1], f"Sebelumnya, {kept[0].lower()}{kept[1:]}"
                      if kept[0] != '"' else kept, paragraphs[-1]]
    return paragraphs


# --- editing a copy -------------------------------------------------------------------------


def _swap_words(text: str, rng: random.Random, swaps: int) -> str:
    keys = [k for k in SYNONYMS if re.search(rf"\b{k}\b", text)]
    for key in rng.sample(keys, k=min(swaps, len(keys))):
        matches = list(re.finditer(rf"\b{key}\b", text))
        hit = rng.choice(matches)
        text = text[:hit.start()] + SYNONYMS[key] + text[hit.end():]
    return text


def _move_clause(paragraph: str) -> str:
    """"Menurut X, Y." → "Y, menurut X." — a reordered clause."""
    match = re.match(r"^(Menurut [^,]{3,40}|Hingga [^,]{3,30}|Selain [^,]{3,30}), (.+)\.$",
                     paragraph)
    if match is None or '"' in paragraph:
        return paragraph
    head, rest = match.groups()
    return f"{rest[0].upper()}{rest[1:]}, {head[0].lower()}{head[1:]}."


def _edit(story: Story, rng: random.Random, *, half: bool) -> list[str]:
    """The paragraphs of a lightly edited copy."""
    paragraphs = list(story.paragraphs)
    if half:
        paragraphs = paragraphs[:max(2, (len(paragraphs) + 1) // 2)]
    elif len(paragraphs) > 3 and rng.random() < 0.6:
        paragraphs = paragraphs[:-rng.choice((1, 1, 2))]
    paragraphs = [_move_clause(p) if rng.random() < 0.5 else p for p in paragraphs]
    body = "\n".join(paragraphs)
    body = _swap_words(body, rng, rng.randint(2, 6))
    paragraphs = body.split("\n")
    if len(paragraphs) > 3 and rng.random() < 0.3:
        i = rng.randint(1, len(paragraphs) - 2)
        paragraphs[i], paragraphs[i + 1] = paragraphs[i + 1], paragraphs[i]
    if story.wire and rng.random() < 0.35:
        last = paragraphs[-1].rstrip(".")
        paragraphs[-1] = f"{last}, seperti dikutip dari {story.wire[1]}."
    return paragraphs


# --- pages ----------------------------------------------------------------------------------


def _dateline(story: Story, outlet: Outlet, *, origin: bool, rng: random.Random) -> str:
    if story.wire and (origin or rng.random() < 0.5):
        return f"{story.city} ({story.wire[0]}) - "
    if rng.random() < 0.8:
        return f"{story.city.upper()}, {outlet.host.split('.')[0].upper()}.com - "
    return ""


def _credit(story: Story, outlet: Outlet, rng: random.Random) -> str:
    initials = "".join(rng.choice("abdefghijklmnoprstuwy") for _ in range(3))
    if story.wire is None:
        return f" ({initials})" if rng.random() < 0.5 else ""
    return rng.choice((f" ({story.wire[2]}/{initials})", "", f" (Sumber: {story.wire[1]})"))


def _date_text(when: datetime) -> str:
    return (f"{WEEKDAYS[when.weekday()]}, {when.day} {MONTHS[when.month - 1]} {when.year} "
            f"{when:%H:%M} WIB")


def _slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60]


@dataclass(frozen=True, slots=True)
class _Render:
    outlet: Outlet
    title: str
    paragraphs: list[str]
    published: datetime
    author: str
    inline: str | None
    related: list[str]
    popular: list[str]
    url: str


def _html_page(r: _Render) -> str:
    esc = html.escape
    o = r.outlet
    style = o.style
    wrapper, body_class = {
        "html-a": ("article", "detail-text"), "html-b": ("div", "read__content"),
        "html-c": ("section", "entry-content"),
    }[style]
    paras = [f"<p>{esc(p)}</p>" for p in r.paragraphs]
    if r.inline is not None and len(paras) > 2:
        paras.insert(2, f"<p><strong>Baca juga:</strong> <a href=\"/baca/{_slug(r.inline)}\">"
                        f"{esc(r.inline)}</a></p>")
    if style == "html-b" and len(paras) > 4:
        paras.insert(4, '<div class="ads">ADVERTISEMENT</div>')
    related = "".join(f'<li><a href="/berita/{_slug(t)}">{esc(t)}</a></li>' for t in r.related)
    popular = "".join(f'<li><a href="/populer/{_slug(t)}">{esc(t)}</a></li>'
                      for t in r.popular)
    iso = r.published.isoformat()
    nav = "".join(f'<a href="/{s.lower()}">{s}</a> ' for s in
                  ("Beranda", "Nasional", "Daerah", "Ekonomi", "Olahraga", "Indeks"))
    return f"""<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8">
<title>{esc(r.title)} - {esc(o.name)}</title>
<meta property="og:title" content="{esc(r.title)}">
<meta property="og:site_name" content="{esc(o.name)}">
<meta property="og:url" content="{esc(r.url)}">
<meta property="article:published_time" content="{iso}">
<meta name="author" content="{esc(r.author)}">
</head><body>
<header class="site-header"><div class="logo">{esc(o.name)}</div><nav>{nav}</nav></header>
<main><{wrapper} class="article">
<h1 class="title">{esc(r.title)}</h1>
<div class="byline">Penulis: {esc(r.author)} | {_date_text(r.published)}</div>
<div class="{body_class}">
{chr(10).join(paras)}
</div>
<div class="tags">Tag: <a href="/tag/a">{esc(r.outlet.name.split()[0].lower())}</a></div>
</{wrapper}>
<aside class="related"><h3>{esc(o.related_label)}</h3><ul>{related}</ul></aside>
<aside class="popular"><h3>{esc(o.popular_label)}</h3><ol>{popular}</ol></aside>
</main>
<footer><p>Tentang Kami | Pedoman Media Siber | Kontak</p>
<p>&copy; {r.published.year} {esc(o.name)}. Hak cipta dilindungi.</p></footer>
</body></html>
"""


def _text_page(r: _Render) -> str:
    o = r.outlet
    lines = [o.name, "Beranda", "Nasional", "Daerah", "Ekonomi", "Olahraga", r.title,
             f"Penulis: {r.author}", _date_text(r.published)]
    body = list(r.paragraphs)
    if r.inline is not None and len(body) > 2:
        body[2:2] = ["Baca juga:", r.inline]
    if o.style == "text-b" and len(body) > 4:
        body.insert(4, "ADVERTISEMENT")
    lines += body
    lines += [o.related_label, *r.related, o.popular_label]
    for i, t in enumerate(r.popular, start=1):
        lines += [str(i), t]
    lines += ["Tentang Kami", "Pedoman Media Siber", f"© {r.published.year} {o.name}"]
    return "\n".join(lines) + "\n"


def render(r: _Render) -> bytes:
    """The page as served (HTML) or as a crawler saved its text."""
    page = _text_page(r) if r.outlet.style.startswith("text") else _html_page(r)
    return page.encode("utf-8")


# --- the corpus -----------------------------------------------------------------------------


@dataclass(slots=True)
class _State:
    rng: random.Random
    titles: list[str] = field(default_factory=list)
    story_id: int = 0


def _chrome_titles(rng: random.Random, k: int = 400) -> list[str]:
    """Headlines of other stories for the chrome lists around a page."""
    out = []
    for _ in range(k):
        topic = rng.choice(list(TOPICS))
        slots = _facts(_cast(topic, rng), datetime(2024, 1, 1, tzinfo=WIB), rng)
        out.append(_fill(rng.choice(TOPICS[topic]["titles"]), slots, rng))
    return out


def _headlines(state: _State, k: int) -> list[str]:
    if not state.titles:
        state.titles = _chrome_titles(random.Random(state.rng.random()))
    return state.rng.sample(state.titles[-600:], k=k)


def _stories(state: _State) -> Iterator[Story]:
    """An endless run of story clusters: one to four siblings sharing their cast."""
    rng = state.rng
    start = datetime(2023, 1, 1, 6, 0, tzinfo=WIB)
    while True:
        topic = rng.choice(list(TOPICS))
        cast = _cast(topic, rng)
        style = _style(rng)
        when = start + timedelta(minutes=rng.randint(0, 700 * 24 * 60))
        base: list[str] = []
        for _ in range(rng.choice((1, 1, 2, 2, 3, 4))):
            slots = _facts(cast, when, rng)
            titles, paragraphs = _write(topic, slots, style, rng)
            if base:
                paragraphs = _sibling_paragraphs(paragraphs, base, rng)
            base = base or paragraphs
            wire = rng.choice(WIRES) if rng.random() < 0.55 else None
            state.story_id += 1
            yield Story(state.story_id, topic, titles, paragraphs, when, cast["kota"], wire)
            when += timedelta(hours=rng.randint(3, 72))


def _copies(story: Story, state: _State) -> Iterator[tuple[CorpusPage, bytes]]:
    rng = state.rng
    n_copies = rng.choice((0, 0, 0, 1, 1, 2, 2, 3, 4, 6)) if story.wire else \
        rng.choice((0, 0, 0, 0, 0, 1, 2))
    first = WIRE_OUTLET if story.wire and story.wire[0] == "ANTARA" else rng.choice(OUTLETS[:-1])
    others = [o for o in OUTLETS[:-1] if o is not first]
    outlets = [first, *rng.sample(others, k=min(n_copies, len(others)))]
    when = story.published
    for i, outlet in enumerate(outlets):
        origin = i == 0
        half = not origin and rng.random() < 0.12
        paragraphs = list(story.paragraphs) if origin else _edit(story, rng, half=half)
        paragraphs[0] = _dateline(story, outlet, origin=origin, rng=rng) + paragraphs[0]
        paragraphs[-1] += _credit(story, outlet, rng)
        title = story.titles[0] if origin else rng.choice(story.titles)
        r = _Render(outlet, title, paragraphs, when, _person(rng),
                    rng.choice(_headlines(state, 3)) if rng.random() < 0.6 else None,
                    _headlines(state, rng.randint(3, 5)), _headlines(state, 5),
                    f"https://{outlet.host}/berita/{story.id}-{i}/{_slug(title)}")
        kind = "origin" if origin else ("half" if half else "copy")
        ext = "txt" if outlet.style.startswith("text") else "html"
        name = f"s{story.id:06d}-{i}-{outlet.host.split('.')[0]}.{ext}"
        yield (CorpusPage(name, story.id, origin, when.isoformat(), outlet.name, kind),
               render(r))
        when += timedelta(minutes=rng.randint(5, 60 * 30))


def generate(pages: int, *, seed: int = 7) -> Iterator[tuple[CorpusPage, bytes]]:
    """``pages`` (page truth, bytes) pairs, ~3 % of them byte-identical re-fetches."""
    state = _State(random.Random(seed))
    made = 0
    for story in _stories(state):
        for page, raw in _copies(story, state):
            yield page, raw
            made += 1
            if made < pages and state.rng.random() < 0.03:
                stem, ext = page.name.rsplit(".", 1)
                dup = CorpusPage(f"{stem}-refetch.{ext}", page.story, False, page.published,
                                 page.outlet, "duplicate", duplicate_of=page.name)
                yield dup, raw
                made += 1
            if made >= pages:
                return


def write_corpus(folder: Path, *, pages: int, seed: int = 7) -> list[CorpusPage]:
    """Write ``pages`` files and ``truth.jsonl`` into ``folder``; return the truth."""
    folder.mkdir(parents=True, exist_ok=True)
    truth = []
    for page, raw in generate(pages, seed=seed):
        (folder / page.name).write_bytes(raw)
        truth.append(page)
    with (folder / "truth.jsonl").open("w", encoding="utf-8") as out:
        for page in truth:
            out.write(json.dumps(asdict(page), ensure_ascii=False) + "\n")
    return truth


def read_truth(folder: Path) -> list[CorpusPage]:
    """The ``CorpusPage`` list of a written corpus."""
    with (folder / "truth.jsonl").open(encoding="utf-8") as lines:
        return [CorpusPage(**json.loads(line)) for line in lines if line.strip()]
