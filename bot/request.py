"""A citizen's request on its way to a ticket: what kind it is, what that kind needs, and which answers fit.

A request is one of five kinds, read from the citizen's own words: a data request, a classification code
(KBLI / KBJI / KBKI), a concept or method, a service or procedure, or something else. Each kind needs its own
details (:data:`NEEDS`): a data request what, where, when and why; a classification what the business or job
does; a concept, a service or anything else nothing more than the question. Details said anywhere in the
citizen's messages are taken, not asked again. An answer is checked for plausibility before it is kept: a
period names years, a range or "terbaru"; an area names a place; nonsense or a question gets one re-ask with
an example and a second miss leaves the detail open for the officer.

A detail is ``None`` while unknown and ``""`` (:data:`OPEN`) when the citizen left it open on purpose.
Pure functions and one dataclass; the conversation keeps :meth:`Request.to_dict` in ``Context.request``.
"""
from __future__ import annotations

import dataclasses
import re
from typing import Optional

from bot import intent
from bot.nlu import lang

DATA, CLASSIFICATION, CONCEPT, SERVICE, OTHER = "data", "classification", "concept", "service", "other"
KINDS = (DATA, CLASSIFICATION, CONCEPT, SERVICE, OTHER)
DETAILS = ("data", "area", "period", "purpose")
NEEDS = {DATA: DETAILS, CLASSIFICATION: ("data",), CONCEPT: (), SERVICE: (), OTHER: ("data",)}
OPEN = ""  # asked, and left open by the citizen (or missed twice); None is "not known yet"
MAX_CHARS = 1000

_KIND_RULES = (  # first match wins: "cara minta data" is a procedure, "cara hitung inflasi" a method
    (CLASSIFICATION, r"\b(?:kbli|kbji|kbki|kjbi|klasifikasi baku|kode (?:usaha|lapangan usaha|pekerjaan|jabatan|"
                     r"profesi|produk|komoditas|barang|jasa)|(?:business|industry|occupation|job|product) "
                     r"(?:classification|code))\b"),
    (SERVICE, r"\b(?:jam (?:buka|layanan|pelayanan|kerja|operasional)|buka jam|(?:pst|kantor|bps)\w* buka|"
              r"surat (?:rekomendasi|keterangan|pengantar|izin)|rekomendasi (?:survei|statistik)|prosedur|"
              r"(?:syarat|persyaratan|biaya|tarif|alur)\b.{0,30}\b(?:layanan|pelayanan|permintaan|minta|konsultasi|"
              r"kunjungan|data)|cara (?:minta|meminta|mengajukan|ajukan|daftar|mendaftar|mendapatkan|dapat|dapetin|"
              r"memperoleh|pesan|membeli|beli|akses|mengakses|download|unduh|berkunjung|ke kantor)|alamat (?:kantor|"
              r"bps|pst)|lokasi (?:kantor|bps|pst)|opening hours|office hours|how (?:do|can) i (?:request|apply|get|"
              r"obtain|visit|order)|recommendation letter|procedure|requirements? for)\b"),
    (CONCEPT, r"\b(?:apa (?:itu|sih|yang dimaksud|arti|maksud)|apakah yang dimaksud|pengertian|definisi|arti(?:nya)? "
              r"(?:dari )?|maksud(?:nya)? (?:dari|dengan)|konsep|metode|metodologi|rumus|cara (?:hitung|menghitung|"
              r"perhitungan|penghitungan|mengukur|pengukuran|kerja)|(?:bagaimana|gimana|gmn) (?:cara )?(?:menghitung|"
              r"hitung|dihitung|mengukur|diukur)|dihitung|diukur|what (?:is|are|does) (?:a |an |the )?\w+(?: \w+)? "
              r"mean|what is (?:a |an |the )?|definition|meaning of|methodology|method|how (?:is|are) .{0,40}"
              r"(?:calculated|measured|computed|defined)|how to (?:calculate|measure|compute))"),
    (DATA, r"\b(?:data|jumlah|jml|berapa|brp|angka|tabel|statisti\w*|persen\w*|rata|indeks|tingkat|laju|produksi|"
           r"penduduk|publikasi|sensus|survei|pdrb|inflasi|ipm|kemiskinan|miskin|pengangguran|harga|luas|"
           r"(?:19|20)\d\d|figures?|number of|how many|how much|population|rate|statistics|census|table|index|"
           r"percentage|dataset)\b"),
)

# ---- places
_KECAMATAN = re.compile(
    r"\b(?:kec(?:amatan)?\.?\s*)?(?:lubuk\s*linggau|lubuklinggau|llg)?\s*(barat|selatan|timur|utara)"
    r"(?:\s*(i{1,2}|1|2)\b)?")
_CITY = re.compile(r"\b(lubuk\s*linggau|lubuklinggau|llg|linggau)\b")
_PROVINCE = re.compile(r"\b(sumsel|sumatera selatan|sumatra selatan)\b")
_PLACE_WORD = re.compile(r"\b(?:kota|kabupaten|kab|kec|kecamatan|kelurahan|kel|desa|dusun|provinsi|prov|nasional|"
                         r"indonesia|city|district|regency|province|village|national|wilayah)\b\.?\s*([^\W\d_]{3,}.*)?")
_GEO = {"kota", "kabupaten", "kab", "kecamatan", "kec", "kelurahan", "kel", "desa", "provinsi", "prov", "barat",
        "timur", "utara", "selatan", "tengah", "seluruh", "semua", "nasional", "city", "district", "province"}
_AREA_LEAD = re.compile(r"^(?:(?:untuk|utk|buat|di|daerah|wilayah(?:nya)?|area|lokasi(?:nya)?|in|for|the)\s+)+", re.I)

# ---- periods
_RANGE = re.compile(r"\b((?:19|20)\d\d)\s*(?:-|–|—|s\.?d\.?|sd|sampai(?: dengan)?|hingga|ke|to|until|through)\s*"
                    r"((?:19|20)\d\d)\b")
_RECENT = re.compile(r"\b(terbaru|terkini|terakhir|terupdate|update|sekarang|saat ini|tahun ini|tahun lalu|tahun "
                     r"kemarin|latest|current|most recent|this year|last year|newest)\b")
_SPAN = re.compile(r"\b(?:\d{1,2}|dua|tiga|empat|lima|sepuluh|two|three|four|five|ten)\s*(?:tahun|thn|th|years?)\s*"
                   r"(?:terakhir|belakangan|ke ?belakang|lalu|last|back)\b|\b(?:last|past) (?:\d{1,2}|two|three|four|"
                   r"five|ten) years\b|\b(?:semua|seluruh|all) (?:tahun|years)\b")

# ---- purposes, and answers that are no answer
_PURPOSE_LEAD = re.compile(r"^(?:(?:untuk|utk|buat|bwt|guna|keperluan(?:nya)?|tujuan(?:nya)?|for|it's for|it is for|"
                           r"mau|ingin|saya|sy|aku|my|kak|pak|bu)\s+)+", re.I)
_CONFUSED = re.compile(r"\b(?:(?:tidak|tdk|gak|ga|gk|nggak|ngga|ndak|kurang|belum) (?:ngerti|mengerti|paham|"
                       r"faham|tau|tahu|jelas)|bingung|maksud(?:nya)? (?:apa|gimana|bagaimana)|maksudnya\??$|"
                       r"don'?t understand|do not understand|what do you mean|confused|huh)\b")
_QUESTION_LEAD = re.compile(r"^(?:apa|apakah|kenapa|mengapa|kok|gimana|bagaimana|maksud\w*|emang|memang|harus|"
                            r"perlu(?:kah)?|why|what|how|do i|must i|is it)\b")
_POLITE_TAIL = re.compile(r"(?:\s+(?:please|pls|plz|thanks|ya|kak|dong|aja|saja|min|pak|bu))+\W*$", re.I)
_BUAT = re.compile(r"\b(?:buat|bwt|bt)\b", re.I)
_FILLER = intent._FILLER | {  # words that name no data, business or job ("kode kbli buat usaha saya apa ya")
    "untuk", "utk", "buat", "bikin", "saja", "aja", "kode", "kodenya", "apa", "ya", "nya", "berapa", "usaha",
    "usahaku", "pekerjaan", "jabatan", "profesi", "kbli", "kbji", "kbki", "klasifikasi", "jenis", "bidang",
    "punya", "nanya", "for", "the", "what", "what's", "code", "is", "of", "my", "business", "job", "which"}
_LABELS = {  # "wilayahnya …", "periodenya …": a correction that names the detail it changes
    "area": r"(?:wilayah|daerah|lokasi|area|region)(?:nya)?",
    "period": r"(?:periode|tahun|thn|waktu|period|years?)(?:nya)?",
    "purpose": r"(?:keperluan|tujuan|kegunaan|kebutuhan|purpose)(?:nya)?",
    "data": r"(?:datanya|informasinya|topiknya|data yang (?:saya |sy )?(?:cari|butuhkan|perlukan|dicari|dibutuhkan)|"
            r"the data i need is|the data)",
}


def kind_of(text: str) -> str:
    """The kind of request ``text`` is: one of :data:`KINDS`."""
    norm = intent.normalize(text)
    return next((kind for kind, pattern in _KIND_RULES if re.search(pattern, norm)), OTHER)


def area(text: str) -> Optional[str]:
    """The office's name of a place the words name: ``kec llg timur 2`` -> ``Kecamatan Lubuklinggau Timur II``."""
    norm = intent.normalize(text)
    kec = _KECAMATAN.search(norm)
    if kec and (kec.group(0).strip().startswith("kec") or _CITY.search(kec.group(0))):
        return f"Kecamatan Lubuklinggau {kec.group(1).title()} {_roman(kec.group(2))}".strip()
    if _CITY.search(norm):
        return "Kota Lubuklinggau"
    if _PROVINCE.search(norm):
        return "Provinsi Sumatera Selatan"
    return None


def period(text: str) -> Optional[str]:
    """The period the words name: ``2023``, ``2019–2023``, ``terbaru``, ``5 tahun terakhir``; else None."""
    norm = intent.normalize(text)
    span = _RANGE.search(norm)
    if span:
        return f"{span.group(1)}–{span.group(2)}"
    years = sorted(set(intent.years(norm)))
    if len(years) == 1:
        return years[0]
    if years:
        return ", ".join(years)
    for pattern in (_SPAN, _RECENT):
        found = pattern.search(norm)
        if found:
            return found.group(0)
    return None


def slots(text: str) -> dict[str, str]:
    """The area, period and purpose a message states anywhere in it (only those it states)."""
    found = {"area": area(text), "period": period(text), "purpose": _purpose(text)}
    return {key: value for key, value in found.items() if value}


def _purpose(text: str) -> Optional[str]:
    """A stated purpose, also in chat ("buat skripsi kak")."""
    stated = intent.purpose(text) or intent.purpose(_BUAT.sub("untuk", text or ""))
    return _POLITE_TAIL.sub("", stated) if stated else None


def plausible(detail: str, text: str) -> Optional[str]:
    """``text`` as the answer to ``detail``, tidied for the ticket; None when it does not answer it.

    Nonsense, confusion ("saya tidak ngerti") and a question in place of the answer answer nothing; a period
    must name years, a range or "terbaru"; an area must name a place."""
    raw = re.sub(r"\s+", " ", (text or "").strip())[:MAX_CHARS]
    norm = intent.normalize(raw)
    if not intent.has_words(raw) or _CONFUSED.search(norm) or norm in intent.YES or _nonsense(norm):
        return None
    if detail == "period":
        return period(raw)
    if detail == "area":
        return area(raw) or _place(raw)
    asks = raw.rstrip().endswith("?") or _QUESTION_LEAD.match(norm) is not None
    if detail == "purpose":
        stated = _purpose(raw)
        rest = _PURPOSE_LEAD.sub("", raw).strip(" .,!")
        return stated or (rest if not asks and re.search(r"[^\W\d_]{3,}", rest) else None)
    return raw if _names_something(norm) else None  # data, or what the business does: a question is fine


def _place(text: str) -> Optional[str]:
    """A place the office does not list, as the citizen wrote it ("Musi Rawas", "kelurahan Petanang")."""
    value = _AREA_LEAD.sub("", text).strip(" .,!")
    value = re.sub(r"(?:\s+(?:aja|saja|ya|kak|pak|bu|min|dong|only|please))+$", "", value, flags=re.I)
    words = re.findall(r"[^\W\d_]+", value.lower())
    if _QUESTION_LEAD.match(value.lower()) or value.endswith("?") or not 1 <= len(words) <= 5 or \
            not any(len(w) >= 3 for w in words):
        return None
    if _PLACE_WORD.search(value.lower()) or not any(lang.common(w) and w not in _GEO for w in words):
        return value
    return None


def _names_something(norm: str) -> bool:
    return any(w not in _FILLER and len(w) >= 3 for w in re.findall(r"[^\W\d_]+", norm))


def _nonsense(norm: str) -> bool:
    """Keyboard mash ("asdfgh", "xxxx"): a long word without vowels or with a run of five consonants."""
    words = re.findall(r"[a-z]{4,}", norm)
    if not words:
        return False
    odd = [w for w in words if not re.search(r"[aeiouy]", w) or re.search(r"[^aeiou]{5,}", w) or len(set(w)) == 1]
    return len(odd) * 2 >= len(words)


def _roman(number: Optional[str]) -> str:
    if not number:
        return ""  # "Lubuklinggau Barat" without I/II: the officer asks which
    return "I" * int(number) if number.isdigit() else number.upper()


@dataclasses.dataclass
class Request:
    """What the citizen asks for, as the ticket will keep it. ``reasked``: the detail already asked twice."""

    question: str
    type: str = OTHER
    data: Optional[str] = None
    area: Optional[str] = None
    period: Optional[str] = None
    purpose: Optional[str] = None
    reasked: Optional[str] = None

    @classmethod
    def start(cls, question: str, letter: Optional[dict] = None) -> "Request":
        """The request as the question (and a mail's letter) already state it."""
        question = (question or "").strip()[:MAX_CHARS]
        request = cls(question=question, type=kind_of(question))
        request.data = question if _names_something(intent.normalize(question)) else None
        if request.type == CLASSIFICATION:  # "kode KBLI untuk usaha laundry": the business, no place or purpose
            return request
        request.take(slots(question))
        if request.purpose is None and (letter or {}).get("purpose"):
            request.purpose = letter["purpose"]
        return request

    @classmethod
    def from_dict(cls, raw: dict) -> "Request":
        """From the context; a request stored before this module (``data_needed``) reads as a data request."""
        fields = {f.name for f in dataclasses.fields(cls)}
        values = {key: value for key, value in raw.items() if key in fields}
        values.setdefault("data", raw.get("data_needed"))
        values.setdefault("type", DATA if "data_needed" in raw else OTHER)
        return cls(**{"question": raw.get("question") or values.get("data") or "", **values})

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)

    @property
    def needs(self) -> tuple[str, ...]:
        return NEEDS.get(self.type, NEEDS[OTHER])

    def next_detail(self) -> Optional[str]:
        """The first detail this kind needs that is not known yet; None when nothing is left to ask."""
        return next((key for key in self.needs if getattr(self, key) is None), None)

    @property
    def shown(self) -> tuple[str, ...]:
        """The details the summary lists: those the kind needs, and a purpose whenever one was given."""
        return self.needs + (("purpose",) if self.purpose and "purpose" not in self.needs else ())

    def take(self, found: dict[str, str]) -> None:
        """Fill the details still unknown from what a message stated."""
        for key, value in found.items():
            if getattr(self, key) is None and value:
                setattr(self, key, value)

    def answer(self, detail: str, text: str) -> str:
        """Apply ``text`` as the answer to ``detail``: ``taken``, ``open`` (left open) or ``missed`` (re-ask)."""
        if intent.leaves_open(text):
            value = None if detail == "data" else OPEN  # what is asked for cannot be left open at the first word
        else:
            value = plausible(detail, text)
        if value is None and self.reasked != detail:
            self.reasked = detail
            return "missed"
        self.reasked = None
        setattr(self, detail, OPEN if value is None else value)
        if value:
            self.take(slots(text))
        return "taken" if value else "open"

    def correct(self, text: str, meant: Optional[str] = None) -> bool:
        """Take what a correction carries ("periodenya 2020-2023 aja", "no, for my thesis"); True if it changed.

        A labelled detail ("wilayahnya …") is read as that detail; otherwise the area, period and purpose the
        sentence names. What the citizen meant after a "no" ("bukan, saya cari data UMKM") that names none of
        them is the data."""
        before = self.to_dict()
        raw = re.sub(r"\s+", " ", text or "").strip()
        norm = intent.normalize(raw)
        for detail, label in _LABELS.items():
            found = re.search(rf"\b{label}\s*:?\s*(?:adalah\s+|is\s+|di\s+|untuk\s+|utk\s+)?(.+)$", raw, re.I)
            value = plausible(detail, found.group(1)) if found else None
            if value and (detail != "data" or not slots(found.group(1))):
                setattr(self, detail, value)
        for key, value in slots(text).items():
            if key not in _labelled(norm):
                setattr(self, key, value)
        if self.to_dict() == before and meant and not slots(meant) and plausible("data", meant):
            self.data = meant.strip()[:MAX_CHARS]
        self.reasked = None
        return self.to_dict() != before


def _labelled(norm: str) -> set[str]:
    return {detail for detail, label in _LABELS.items() if re.search(rf"\b{label}\b", norm)}
