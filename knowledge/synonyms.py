"""Word lists for Indonesian-aware search: chat abbreviations, stop words and synonym groups.

Data only, so that content editors can review additions in a pull request next to the articles.
Citizens write "brp jmlh pddk llg"; the index must see "berapa jumlah penduduk lubuklinggau".
"""

# Informal spellings and chat abbreviations -> standard words (may expand to several words).
ABBREVIATIONS: dict[str, str] = {
    "yg": "yang", "brp": "berapa", "brapa": "berapa", "bgmn": "bagaimana", "bgm": "bagaimana",
    "gmn": "bagaimana", "gmna": "bagaimana", "gimana": "bagaimana", "jml": "jumlah", "jmlh": "jumlah",
    "jmh": "jumlah", "utk": "untuk", "untk": "untuk", "kab": "kabupaten", "kec": "kecamatan",
    "kel": "kelurahan", "llg": "lubuklinggau", "lubuklinggau": "lubuklinggau", "pddk": "penduduk",
    "penddk": "penduduk", "pendudk": "penduduk", "dgn": "dengan", "dg": "dengan", "sy": "saya",
    "aq": "aku", "gw": "saya", "gue": "saya", "sm": "sama", "tdk": "tidak", "gk": "tidak",
    "ga": "tidak", "gak": "tidak", "engga": "tidak", "enggak": "tidak", "blm": "belum",
    "udh": "sudah", "udah": "sudah", "sdh": "sudah", "dr": "dari", "dri": "dari", "thn": "tahun",
    "th": "tahun", "bln": "bulan", "hr": "hari", "krn": "karena", "tp": "tapi", "jg": "juga",
    "lg": "lagi", "dmn": "dimana", "dmna": "dimana", "knp": "kenapa", "napa": "kenapa", "kpn": "kapan",
    "bs": "bisa", "bsa": "bisa", "mhs": "mahasiswa", "org": "orang", "rmh": "rumah", "kntr": "kantor",
    "lgsg": "langsung", "dtg": "datang", "mnt": "minta", "krj": "kerja", "prov": "provinsi",
    "sumsel": "sumatera selatan", "kalo": "kalau", "klo": "kalau", "kl": "kalau", "sbg": "sebagai",
    "spt": "seperti", "ttg": "tentang", "rata2": "rata rata", "dafpus": "daftar pustaka",
    "perpus": "perpustakaan", "no": "nomor", "jd": "jadi", "jdi": "jadi", "skrg": "sekarang",
    "skrng": "sekarang", "hrs": "harus", "ato": "atau", "atw": "atau", "bkn": "bukan", "pgn": "ingin",
    "pengen": "ingin", "mo": "mau", "tu": "itu", "aja": "saja", "aj": "saja", "perkapita": "per kapita",
    "antrian": "antrean", "antri": "antrean", "survey": "survei", "survai": "survei",
    "donlot": "download", "wasap": "whatsapp", "nganggur": "menganggur", "ngadu": "mengadu",
    "nyari": "mencari", "cari2": "cari", "bikin": "buat", "ngurus": "mengurus", "ngurusnya": "mengurus",
    "dibales": "dibalas", "bales": "balas", "emg": "memang", "bnyk": "banyak", "byk": "banyak",
    "sampe": "sampai", "nanya": "bertanya", "tanya2": "bertanya", "opd": "instansi daerah",
    "mulu": "terus", "cewek": "perempuan", "cowok": "laki", "cewe": "perempuan", "cowo": "laki",
    "ngitung": "hitung", "ngobrol": "bicara", "ngomong": "bicara", "omong": "bicara", "nulis": "tulis",
    "ngasih": "beri", "liat": "lihat", "tau": "tahu", "nunggu": "tunggu", "nyampein": "sampaikan",
    "hp": "handphone", "apk2": "aplikasi", "mksd": "maksud", "maksudnya": "maksud", "artinya": "arti",
    "pdb": "pdb", "tlp": "telepon", "telp": "telepon", "wa": "whatsapp", "capil": "dukcapil",
    "disdukcapil": "dukcapil", "pkl": "praktik kerja lapangan", "kpd": "kepada", "pd": "pada", "dlm": "dalam",
    "msh": "masih", "sblm": "sebelum", "sdg": "sedang", "mnrt": "menurut", "tny": "tanya", "tgl": "tanggal",
    "tbl": "tabel", "kyk": "seperti", "kayak": "seperti", "ngga": "tidak", "nggak": "tidak", "trs": "terus",
    "bgt": "banget", "jln": "jalan", "jl": "jalan", "tlpn": "telepon", "telpon": "telepon",
    "ditelpon": "telepon", "nelpon": "telepon", "notelp": "nomor telepon", "nmr": "nomor", "web2": "website",
}

# English filler words; also how the search notices that a citizen writes in English.
ENGLISH_STOP_WORDS: frozenset[str] = frozenset("""
the a an of to is are was be do does did i my me we our you your for in on at by with and or
what which who how much many can could would should please about from it its this that there
any some get find where when why live lives living write hello good morning thanks thank
am until will have has been
""".split())

# Words that say nothing about which article is wanted (chat filler, question words).
EXTRA_STOP_WORDS: frozenset[str] = ENGLISH_STOP_WORDS | frozenset("""
apa apakah berapa bagaimana gimana kah sih dong nih deh ya yah kak kakak mas mbak pak bu bang
min mohon tolong mau ingin saya aku kami kita anda halo hallo hai hi selamat pagi siang sore malam
terima kasih makasih ok oke okay sip tes test p info nya kok lho loh gan sis bro
ini itu tsb tersebut yang untuk dengan sama juga saja banget terus soal mengenai perihal kalau
""".split())

# Sastrawi's list drops words that matter here ("angka sementara" is a PDRB term).
KEEP_WORDS: frozenset[str] = frozenset({"sementara"})

# Synonym groups. The first entry names the concept (one word); every other entry, word or phrase,
# also counts as that concept. Single words match as written; phrases match after stemming.
SYNONYM_GROUPS: tuple[tuple[str, ...], ...] = (
    ("lubuklinggau", "lubuk linggau", "linggau"),
    ("ipm", "indeks pembangunan manusia", "hdi", "human development index"),
    ("pdrb", "produk domestik regional bruto", "grdp", "gross regional domestic product", "regional gdp"),
    ("inflasi", "ihk", "indeks harga konsumen", "cpi", "consumer price index", "inflation", "deflasi"),
    ("tpt", "tingkat pengangguran terbuka", "unemployment rate", "open unemployment"),
    ("tpak", "tingkat partisipasi angkatan kerja", "labour force participation", "labor force participation"),
    ("pengangguran", "menganggur", "unemployment", "unemployed", "jobless", "nganggur"),
    ("kemiskinan", "miskin", "poverty", "poor"),
    ("penduduk", "population", "populasi", "people", "warga", "jiwa", "kependudukan"),
    ("sp2020", "sensus penduduk 2020", "population census 2020", "2020 population census"),
    ("st2023", "sensus pertanian 2023", "agricultural census", "sensus tani"),
    ("se2016", "sensus ekonomi 2016", "economic census"),
    ("susenas", "survei sosial ekonomi nasional", "socioeconomic survey"),
    ("sakernas", "survei angkatan kerja nasional", "labour force survey", "labor force survey"),
    ("pst", "pelayanan statistik terpadu", "layanan statistik terpadu"),
    ("bps", "badan pusat statistik", "statistics indonesia", "kantor statistik"),
    ("dalamangka", "dalam angka", "yearbook", "statistical yearbook", "buku data"),
    ("brs", "berita resmi statistik", "press release", "official statistics news", "rilis"),
    ("kbli", "klasifikasi baku lapangan usaha", "industrial classification", "business code"),
    ("kbji", "klasifikasi baku jenis pekerjaan", "occupation classification", "kode jabatan"),
    ("kbki", "klasifikasi baku komoditas", "product classification"),
    ("uhh", "umur harapan hidup", "angka harapan hidup", "ahh", "life expectancy", "usia harapan hidup"),
    ("rls", "rata rata lama sekolah", "mean years of schooling"),
    ("hls", "harapan lama sekolah", "expected years of schooling"),
    ("apk", "angka partisipasi kasar", "gross enrollment"),
    ("apm", "angka partisipasi murni", "net enrollment"),
    ("tfr", "angka kelahiran total", "total fertility rate", "fertility"),
    ("akb", "angka kematian bayi", "imr", "infant mortality"),
    ("ntp", "nilai tukar petani", "farmers terms of trade"),
    ("tpk", "tingkat penghunian kamar", "okupansi", "occupancy", "tingkat hunian hotel"),
    ("ikk", "indeks kemahalan konstruksi", "construction cost index"),
    ("rjk", "rasio jenis kelamin", "sex ratio", "perbandingan laki perempuan"),
    ("ketergantungan", "tanggungan", "dependency", "beban ketergantungan"),
    ("kepadatan", "density", "padat"),
    ("migrasi", "migration", "pendatang", "perantau", "migran"),
    ("ruta", "rumah tangga", "household", "households"),
    ("dukcapil", "catatan sipil", "civil registry", "disdukcapil", "kependudukan dan pencatatan sipil"),
    ("pengaduan", "komplain", "keluhan", "aduan", "mengadu", "complaint", "complain", "lapor"),
    ("biaya", "tarif", "ongkos", "bayar", "berbayar", "fee", "cost", "charge", "pnbp", "price"),
    ("gratis", "free", "cuma cuma"),
    ("buka", "open", "opening", "operasional"),
    ("jam", "hours", "pukul"),
    ("kantor", "office"),
    ("permintaan", "minta", "meminta", "request", "requesting"),
    ("unduh", "download", "mengunduh"),
    ("website", "web", "situs", "laman", "site", "homepage"),
    ("aplikasi", "app", "apps", "android", "mobile", "handphone", "allstats"),
    ("whatsapp", "chat", "wa"),
    ("petugas", "admin", "operator", "cs", "staff", "staf", "human", "pegawai"),
    ("skripsi", "tesis", "thesis", "disertasi", "tugas akhir"),
    ("mahasiswa", "student", "mhs"),
    ("kutip", "sitasi", "mengutip", "cite", "citation", "daftar pustaka"),
    ("perpustakaan", "library", "digilib", "pustaka"),
    ("publikasi", "publication", "publications"),
    ("sensus", "census"),
    ("statistik", "statistics", "statistical", "statistic"),
    ("kecamatan", "district", "districts", "distrik"),
    ("kelurahan", "desa", "village", "villages"),
    ("sekolah", "school", "schools"),
    ("pendidikan", "education"),
    ("kesehatan", "health"),
    ("pertanian", "agriculture", "farming", "farmer", "farmers", "petani"),
    ("upah", "gaji", "wage", "wages", "salary", "penghasilan"),
    ("umkm", "ukm", "usaha mikro", "usaha kecil", "small business", "sme", "msme"),
    ("iklim", "cuaca", "weather", "climate"),
    ("luas", "area"),
    ("ekonomi", "economy", "economic", "perekonomian"),
    ("pertumbuhan", "growth", "tumbuh"),
    ("pengeluaran", "expenditure", "spending", "belanja rumah tangga"),
    ("konsumsi", "consumption"),
    ("kunjungan", "visit", "datang langsung", "walk in", "tatap muka"),
    ("antrean", "queue"),
    ("kontak", "contact", "hubungi", "menghubungi", "email", "surel"),
    # The service standard's facts (address, phone, requirements, procedure, times, product).
    ("telepon", "phone", "telephone", "call", "menelepon", "ditelepon"),
    ("alamat", "address", "lokasi", "location", "letak", "located"),
    ("syarat", "persyaratan", "requirement", "requirements", "required"),
    ("identitas", "ktp", "identity", "sim", "paspor", "passport"),
    ("prosedur", "alur", "langkah", "tahapan", "procedure", "steps", "step", "tata cara"),
    ("menit", "minute", "minutes"),
    ("produk", "product", "products", "hasil layanan"),
    ("metadata", "metadana"),
    ("kerahasiaan", "rahasia", "dirahasiakan", "privasi", "privacy", "confidential"),
    ("klasifikasi", "classification"),
    ("usaha", "business", "bisnis"),
    ("kode", "code"),
    ("pekerjaan", "occupation", "job", "jabatan"),
    ("rasio", "ratio", "rasionya"),
    ("harga", "prices"),
    ("kelahiran", "birth", "births", "lahir"),
    ("kematian", "death", "mortality", "meninggal"),
    ("rekomendasi", "romantik", "izin survei"),
    ("mikro", "microdata", "raw data", "data mentah"),
    ("libur", "holiday", "holidays", "tanggal merah", "lebaran", "cuti bersama"),
    ("penipuan", "scam", "fraud", "hoaks", "tipu"),
    ("magang", "internship", "praktik kerja lapangan"),
    ("zoom", "video call", "rapat online", "meeting online", "zoom meeting"),
    ("inggris", "english"),
    ("definisi", "pengertian", "arti", "meaning", "definition", "define", "kriteria", "konsep", "concept"),
    ("layanan", "pelayanan", "service", "services", "melayani"),
)
