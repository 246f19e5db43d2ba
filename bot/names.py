"""What a person's name looks like, also when it comes inside a sentence or as a correction.

Citizens answer "what is your name?" with requests ("mau nanya dong"), greetings or the question itself; none of
that may become a citizen's name. A name may come with its lead ("nama saya Siti", "my name is John Tan"), with
titles and degrees ("Dr. Rina Wati, S.Pd.") or as one word (many Indonesians have one name). The classifier's
reading (bot.nlu) and a list of words no name holds decide together; without a reading (a profile name, a
correction "bukan, nama saya …", ``UBAH NAMA …``) the words alone decide.
"""
from __future__ import annotations

import re
from typing import Optional

from bot.nlu import Intent, Reading, slots

# Words of requests, greetings, questions, complaints and chat that are no part of anyone's name.
_NOT_NAME = set("""
mau ingin pengen pgn tanya nanya bertanya nanyain minta info informasi tolong bantu bantuan data dong deh sih nih
kok kapan apa apakah berapa brp gimana bagaimana bgmn gmn dimana mana kenapa mengapa siapa buka tutup jam kabar
mahasiswa mahasiswi pelajar siswa peneliti pegawai lama banget bgt sekali ngga nggak gak ga tidak tdk bukan belum
blm sudah udah test tes bot admin halo hallo hai helo hello hi hey pagi siang sore malam terima kasih makasih
thanks thank penduduk jumlah tahun kota kabupaten kecamatan bps pst statistik statistics pelayanan layanan
kantor email e-mail surel hp wa whatsapp nomor nomer telepon telp kode code wkwk wkwkwk haha hehe hihi anjir anjay
oke okay ok ya iya yes no i need want what is this the of for please question ask help can how where when why who
which not don't dont yet you about ada orang bisa saya aku kami kita anda kamu sy gw gue di ke dan yang yg untuk
utk dengan ini itu juga lagi punya cari butuh perlu keluhan pengaduan komplain lapor kecewa jelek buruk parah
lambat bagaimanakah permisi assalamualaikum maaf sorry salah wrong
""".split())
_VOWEL = re.compile(r"[aeiouy]", re.I)
_DEGREES = re.compile(r"((?:\s*,\s*(?:[A-Za-z]{1,4}\.)+\s?[A-Za-z]{0,4}\.?)+)\s*$")  # ", S.Pd.", ", S.H., M.H."
_POLITE = r"(?:kak|pak|bu|min|mas|mbak|ya|dong|itu|sir|ma'am)"
_NEGATION = r"(?:bukan|bkn|salah|keliru|ralat|koreksi|maaf|sorry|no|nope|wrong|oops)"
_LEAD = (r"(?:nama\s*(?:saya|sy|aku|ku|lengkap\s*(?:saya|sy)?)?|namaku|namanya|nama yang benar|nama yg benar|"
         r"my (?:full )?name is|my name's|(?:the )?name is|the right name is|it's|it is|i'm|i am|saya|sy|aku)")
_CORRECTION = re.compile(rf"^(?P<neg>(?:(?:eh+|aduh|waduh|oh|ups|astaga)\b[\s,.!]*)?{_NEGATION}\b[\s,.!:;\-–]*(?:(?:{_NEGATION}|{_POLITE})\b[\s,.!:;\-–]*)*)?(?P<lead>{_LEAD})\b\s*(?:adalah|is)?\s*[:,]?\s*"
                         r"(?P<name>.+)$", re.I)
_EXPLICIT = re.compile(r"^(?:nama|namaku|namanya|my (?:full )?name|(?:the )?name is|the right name)", re.I)
_RENAME = re.compile(r"^\W*(?:tolong\s+|please\s+)?(?:ubah|ganti|ubh|gnti|change|update|edit)\s+(?:my\s+)?"
                     r"(?:nama|name)(?:\s+(?:saya|sy|aku|ku))?\b(?!\s+(?:of|for|dari|untuk|utk|desa|kelurahan|kecamatan|"
                     r"kabupaten|kota|jalan|usaha|perusahaan)\b)(?:\s+(?:menjadi|jadi|to|ke))?\s*[:,]?\s*(?P<name>.*)$",
                     re.I | re.S)


def name_in(text: str, reading: Optional[Reading] = None) -> Optional[str]:
    """The name a citizen gave, tidied (``nama saya siti aminah`` → ``Siti Aminah``), or None when it is none.

    ``reading`` is the message read after "what is your name?": unless the name comes with its lead ("nama
    saya …"), a message the classifier is sure is something else (a question, a greeting) is no name."""
    text = re.sub(r"\s+", " ", (text or "").strip())
    found = _CORRECTION.match(text)
    explicit = found is not None and (found.group("neg") or _EXPLICIT.match(found.group("lead")))
    if found is not None and (explicit or reading is None):
        text = found.group("name")
    if reading is not None and not explicit and reading.intent is not Intent.NAME and reading.confidence >= 0.5:
        return None
    return _tidy(text)


def correction_in(text: str) -> Optional[str]:
    """The name in "bukan, nama saya …", "no, my name is …", "salah, namanya …" (said after the name was taken)."""
    found = _CORRECTION.match(re.sub(r"\s+", " ", (text or "").strip()))
    if found is None or not (found.group("neg") or _EXPLICIT.match(found.group("lead"))):
        return None
    return _tidy(found.group("name"))


def rename_in(text: str) -> Optional[str]:
    """``UBAH NAMA Siti`` → ``"UBAH NAMA …"`` rest (``Siti``); ``GANTI NAMA`` alone → ``""``; no command → None."""
    found = _RENAME.match(text or "")
    return found.group("name").strip() if found else None


def _tidy(text: str) -> Optional[str]:
    """The name itself: the lead, politeness and what follows a comma set aside, degrees kept."""
    degrees = _DEGREES.search(text)
    suffix = re.sub(r"\s*,\s*", ", ", degrees.group(1)).rstrip() if degrees else ""
    value = slots.name(text[:degrees.start()] if degrees else text)
    if value is None or not _plausible(value):
        return None
    return value + suffix


def _plausible(value: str) -> bool:
    """No request or chat word, and no word of three letters or more without a vowel ("hmm", "wkwk")."""
    words = [w.strip(".'-").lower() for w in value.split()]
    return all(w not in _NOT_NAME and (len(w) < 3 or _VOWEL.search(w)) for w in words if w)
