"""What a citizen's message means before the state machine looks at it: command, yes/no, or text.

Also the small validators of registration answers and the language guess. Pure functions.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Optional

from bot.states import Event

COMMANDS = {
    Event.MENU: {"menu", "mulai", "start", "kembali"},
    Event.HELP: {"bantuan", "help", "tolong", "bantu", "?"},
    Event.STATUS: {"status", "cek status", "status tiket", "tiket"},
    Event.CANCEL: {"batal", "cancel", "batalkan", "stop"},
    Event.COMPLAINT: {"pengaduan", "complaint", "keluhan", "komplain", "aduan", "lapor"},
    Event.DONE: {"selesai", "done", "sudah selesai", "cukup", "finish", "end"},
    Event.RESEND: {"kirim ulang", "resend", "kirim lagi", "kode baru"},
    Event.MY_DATA: {"data saya", "my data", "lihat data saya", "minta data saya", "data pribadi saya", "mydata"},
    Event.ERASE: {"hapus data", "hapus data saya", "hapus semua data saya", "delete my data", "erase my data",
                  "delete data"},
    Event.SKIP: {"lewati", "skip", "-", "tidak ada", "ga ada", "gak ada", "no comment"},
}
YES = {"ya", "iya", "y", "yes", "yess", "ok", "oke", "okay", "betul", "benar", "sudah", "yup", "yap", "iyaa", "sip",
       "membantu", "terjawab", "ya membantu", "yes thanks", "ya terima kasih", "ya makasih", "cukup", "sudah cukup",
       "sangat membantu", "membantu sekali", "sudah terjawab", "that helps", "helpful", "very helpful"}
NO = {"tidak", "tdk", "gak", "ga", "nggak", "enggak", "engga", "no", "n", "nope", "belum", "kurang", "bukan",
      "tidak membantu", "belum terjawab", "not really"}
GREETINGS = {"halo", "hallo", "hai", "hi", "hello", "hey", "p", "ping", "tes", "test", "assalamualaikum",
             "assalamu'alaikum", "selamat pagi", "selamat siang", "selamat sore", "selamat malam", "pagi", "siang",
             "sore", "malam", "good morning", "good afternoon", "terima kasih", "makasih", "thanks", "thank you",
             "trims", "ok makasih", "oke terima kasih", "min", "halo min", "hai min", "permisi"}
# Agreement to the privacy notice, beyond a plain YES; and the typed confirmation of HAPUS DATA.
AGREE = {"setuju", "saya setuju", "ya setuju", "iya setuju", "oke setuju", "ok setuju", "sy setuju", "stuju",
         "agree", "i agree", "yes i agree", "agreed"}
CONFIRM_ERASE = {"ya", "iya", "hapus", "ya hapus", "iya hapus", "hapus saja", "hapus aja", "yes", "delete",
                 "yes delete", "hapus data", "hapus data saya", "delete my data"}
# "ya tapi kurang lengkap", "thanks, but not quite": a yes (or thanks) followed, at most one word later, by a
# contrast or a shortfall. Further away it is no reply: "sudah ada data ipm 2024 belum" is a question.
_QUALIFIED_ASSENT = re.compile(
    r"^(?:ya|iya|yes|ok|oke|okay|sudah|betul|benar|sip|terima kasih|makasih|thanks|thank you)\b\W*(?:\w+\W+)?"
    r"(?:tapi|tetapi|namun|kurang|belum|masih|sebagian|but|however|not|incomplete|partly|partially)\b")
# "I don't know" in answer to a question of detail (which area? which year?).
UNKNOWN = {"tidak tahu", "tidak tau", "tdk tahu", "tdk tau", "gak tahu", "gak tau", "ga tahu", "ga tau", "gatau",
           "nggak tahu", "nggak tau", "enggak tahu", "belum tahu", "kurang tahu", "entah", "entahlah", "don't know",
           "dont know", "i don't know", "i dont know", "not sure", "no idea"}

_EN_WORDS = {"the", "is", "are", "what", "how", "where", "which", "who", "can", "could", "please", "data", "of",
             "for", "i", "my", "need", "want", "do", "does", "you", "population", "number", "rate", "hello",
             "thanks", "thank", "help", "yes", "name", "with", "about", "find", "there", "poverty", "in", "to"}
_ID_WORDS = {"yang", "apa", "berapa", "bagaimana", "dimana", "di", "ke", "dari", "dan", "untuk", "utk", "saya",
             "aku", "mau", "ingin", "minta", "tolong", "bisa", "ada", "data", "jumlah", "penduduk", "tahun", "kota",
             "brp", "gimana", "bgmn", "ya", "tidak", "nggak", "gak", "halo", "terima", "kasih", "makasih", "mohon",
             "pak", "bu", "kak", "min", "cara", "dengan", "ini", "itu", "nama", "selamat", "pagi", "siang"}
_NEUTRAL = {"hi", "hello", "hey", "halo", "hallo", "hai", "ok", "oke", "okay", "okey", "okk", "sip", "yes", "no",
            "thanks", "thank", "you", "thx", "tq", "ty", "p", "ping", "test", "tes", "noted", "bye", "good", "nice",
            "great"}

_EMAIL = re.compile(r"^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
_EMAIL_LEAD = re.compile(r"^(?:alamat |my )?e-?mail(?: address)?(?: saya| is|nya)?(?:\s*:\s*|\s+)", re.I)
_NAME = re.compile(r"^[^\W\d_]+(?:[ .'\-][^\W\d_]*)*\.?$")
_CODE = re.compile(r"(?<!\d)\d{3}[\s-]?\d{3}(?!\d)")
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")


def normalize(text: str) -> str:
    """Lower-case, accents folded, punctuation and emoji at the ends and repeated spaces removed."""
    text = unicodedata.normalize("NFKC", text or "").strip().lower()
    text = re.sub(r"\s+", " ", text)
    return re.sub(r"^[\W_]+|[\W_]+$", "", text) or text.strip()


def classify(text: str) -> Event:
    """The event a message raises in any state; states decide what it means."""
    norm = normalize(text)
    for event, words in COMMANDS.items():
        if norm in words:
            return event
    if _qualified_assent(norm):
        return Event.NO
    words = " ".join(_words(norm))  # "Ya, membantu sekali" reads as "ya membantu sekali"
    if words in YES or words.startswith(("ya ", "iya ", "yes ", "ok ", "oke ", "cukup ", "sudah cukup ")) and len(words) < 25:
        return Event.YES
    if words in NO or words.startswith(("tidak ", "no ", "belum ")) and len(words) < 25:
        return Event.NO
    return Event.TEXT


def agrees(text: str) -> bool:
    """"Setuju", "saya setuju", "I agree": consent to the privacy notice (a plain YES counts too)."""
    return " ".join(_words(normalize(text))) in AGREE or classify(text) == Event.YES


_REFUSAL = re.compile(r"\b(?:tidak|tdk|gak|ga|nggak|ngga|enggak|engga|gk|no|not|don't|dont|do not)\s+"
                      r"(?:mau|setuju|stuju|bersedia|agree|want)\b")
_WHOSE = r"\b(?:saya|sy|aku|ku|gw|gue|my|mine|me|pribadi)\b"
_ERASURE = re.compile(r"\b(?:hapus|hapuskan|menghapus|dihapus|delete|erase|remove)\b"
                      rf"(?:.*\bdata\b.*{_WHOSE}|.*{_WHOSE}.*\bdata\b)")


def refuses(text: str) -> bool:
    """"ga mau kak", "tdk setuju", "I don't agree": a refusal in everyday words (a plain NO counts too)."""
    return classify(text) == Event.NO or _REFUSAL.search(normalize(text)) is not None


def asks_erasure(text: str) -> bool:
    """"tolong hapus data sy kak", "please delete my data": HAPUS DATA inside a sentence (the bare command is
    :func:`classify`'s)."""
    return _ERASURE.search(normalize(text)) is not None


def confirms_erase(text: str) -> bool:
    """Only a typed YA / HAPUS (or DELETE) confirms an erasure; anything else cancels it."""
    return " ".join(_words(normalize(text))) in CONFIRM_ERASE


def _words(norm: str) -> list[str]:
    """The words of a normalized message, without the punctuation between them."""
    return re.findall(r"[\w']+", norm)


def _qualified_assent(norm: str) -> bool:
    """A yes that takes itself back ("ya tapi kurang lengkap") is not satisfaction: it is heard as NO.

    Only short replies count (under 60 characters); a longer one is a new question to search."""
    return len(norm) < 60 and _QUALIFIED_ASSENT.match(norm) is not None


def leaves_open(text: str) -> bool:
    """A no, "tidak tahu", "-" or "lewati": the citizen says, on purpose, that there is nothing to add."""
    norm = normalize(text)
    return norm in NO or norm in UNKNOWN or norm in COMMANDS[Event.SKIP]


def detect_lang(text: str, current: str) -> str:
    """``en`` when the message is clearly English, ``id`` when clearly Indonesian, else ``current``.

    Greetings, thanks and assent that Indonesians and English speakers write alike ("hi", "ok", "thanks",
    "yes", an emoji) are no sign of either: an English conversation is not switched by "hi", nor an
    Indonesian one by "thanks"."""
    norm = normalize(text)
    if norm in ("help", "cancel", "done", "complaint", "resend", "skip"):
        return "en"
    if norm in ("bantuan", "batal", "selesai", "pengaduan", "lewati", "ya", "tidak"):
        return "id"
    words = re.findall(r"[a-z']+", norm)
    if all(w in _NEUTRAL for w in words):
        return current
    en = sum(w in _EN_WORDS for w in words)
    id_ = sum(w in _ID_WORDS for w in words)
    if en >= 2 and en > id_ * 2:
        return "en"
    if id_ >= 1 and id_ >= en:
        return "id"
    return current


# Words that carry no question: greetings and thanks above, plus the politeness around them.
_COURTESY = {w for g in GREETINGS for w in g.split()} | {
    "ya", "yaa", "banyak", "sekali", "kak", "pak", "bu", "bapak", "ibu", "mas", "mbak", "admin", "sip", "mantap",
    "siap", "baik", "lagi", "much", "so", "very", "nice", "again"}


def is_greeting(text: str) -> bool:
    """Greetings or thanks and nothing else (``halo``, ``makasih ya kak``)."""
    norm = normalize(text)
    words = _words(norm)
    return norm in GREETINGS or bool(words) and all(w in _COURTESY for w in words)


def has_words(text: str) -> bool:
    """Does the message hold a letter or a digit (not only emoji or punctuation)?"""
    return re.search(r"[^\W_]", text or "") is not None


def number(text: str) -> Optional[int]:
    """A bare list number as people type it: ``2``, `` 2 ``, ``2.``, ``2)``."""
    match = re.fullmatch(r"\s*(\d{1,3})\s*[.)]?\s*", text or "")
    return int(match.group(1)) if match else None


_FILLER = {"halo", "hallo", "hai", "hi", "hello", "selamat", "pagi", "siang", "sore", "malam", "permisi", "saya", "aku",
           "mau", "ingin", "pengen", "boleh", "bisa", "tanya", "bertanya", "nanya", "konsultasi", "data", "min", "kak",
           "pak", "bu", "mas", "mbak", "admin", "bps", "pst", "dong", "ya", "nih", "mohon", "info", "informasi",
           "i", "want", "would", "like", "to", "ask", "a", "question", "need", "some", "good", "morning", "please",
           "assalamualaikum", "wr", "wb", "terima", "kasih", "tolong", "ada", "yang", "ingin", "minta"}


def is_substantive(text: str) -> bool:
    """Does the message ask something specific (not just "halo, saya mau tanya data")?"""
    words = re.findall(r"[a-z0-9]+", normalize(text))
    return sum(w not in _FILLER for w in words) >= 2


def clean_name(text: str) -> Optional[str]:
    """A person's name, tidied (``budi  santoso`` → ``Budi Santoso``), or None when it is not one."""
    name = re.sub(r"\s+", " ", (text or "").strip())
    name = re.sub(r"^(nama saya|saya|my name is|i am|i'm|nama)\s+", "", name, flags=re.I)
    letters = sum(ch.isalpha() for ch in name)
    if not (2 <= len(name) <= 120) or letters < 2 or not _NAME.match(name) or "@" in name:
        return None
    if classify(name) != Event.TEXT or is_greeting(name):
        return None
    return " ".join(w[:1].upper() + w[1:] if w.islower() else w for w in name.split(" "))


def clean_email(text: str) -> Optional[str]:
    """The address, lower-cased, also when typed as ``email saya: Budi@Gmail.com.``; None when it is not one."""
    value = _EMAIL_LEAD.sub("", (text or "").strip()).strip("<> ").rstrip(".,;!")
    return value.lower() if len(value) <= 254 and _EMAIL.match(value) else None


def clean_phone(text: str) -> Optional[str]:
    """Indonesian numbers to E.164 (``0812…`` → ``+62812…``); other international numbers kept.

    Words before the number (``no hp saya 0812…``) are ignored."""
    start = re.search(r"[+\d]", text or "")
    digits = re.sub(r"[\s\-().]", "", text[start.start():] if start else "")
    if digits.startswith("+"):
        body = digits[1:]
    elif digits.startswith("62"):
        body = digits
    elif digits.startswith("0"):
        body = "62" + digits[1:]
    else:
        return None
    if not body.isdigit() or not 9 <= len(body) <= 15:
        return None
    if body.startswith("62") and not 10 <= len(body) <= 15:
        return None
    return "+" + body


def code_digits(text: str) -> Optional[str]:
    """The 6-digit code, also typed ``123 456``, ``123-456``, ``123456.`` or ``kodenya 123456``."""
    digits = re.sub(r"\D", "", text or "")
    return digits if len(digits) == 6 and _CODE.search(text) else None


_NUMBER_WORDS = {w: n for n, words in enumerate((("satu", "one"), ("dua", "two"), ("tiga", "three"), ("empat", "four"),
                                                  ("lima", "five")), 1) for w in words}
_SCORE = re.compile(r"(?:(?:nilai(?:nya)?|angka|bintang|skor|score|rating|rate)\s*:?\s*)?(\d{1,2}|[a-z]+)"
                    r"(?:\s*/\s*(\d+)|\s*(?:bintang|stars?))?")


def score(text: str, top: int) -> Optional[int]:
    """A rating on the 1–``top`` scale as people type it: ``3``, ``tiga``, ``three``, ``bintang 3``, ``nilai 3``,
    ``3/4``; None when it is none, out of range (``5``, ``lima``, ``0``) or on another scale (``3/5``)."""
    match = _SCORE.fullmatch(normalize(text))
    if not match or match.group(2) and int(match.group(2)) != top:
        return None
    word = match.group(1)
    value = int(word) if word.isdigit() else _NUMBER_WORDS.get(word)
    return value if value is not None and 1 <= value <= top else None


def years(text: str) -> list[str]:
    return _YEAR.findall(text or "")


# A stated purpose: "untuk keperluan skripsi", "dalam rangka penyusunan RKPD", "for my thesis on …".
_PURPOSE = re.compile(
    r"\b(?:untuk|utk|guna|sebagai|dalam rangka|sehubungan dengan)\s+(?:keperluan\s+|kebutuhan\s+|bahan\s+|tujuan\s+)?"
    r"(?P<purpose>(?:penyusunan\s+|penulisan\s+|menyusun\s+|pembuatan\s+|mengerjakan\s+)?"
    r"(?:skripsi|tesis|thesis|disertasi|tugas akhir|tugas|"
    r"penelitian|riset|laporan|perencanaan|kajian|proposal|makalah|artikel|jurnal|usaha|bisnis|referensi|"
    r"analisis|analisa|evaluasi|bahan ajar|materi|dokumen|renstra|rkpd|rpjmd)\b[^,.;\n]{0,60})"
    r"|\bfor (?:my|our|a|an|the) (?P<en>(?:master'?s |phd |bachelor'?s |undergraduate |final )?(?:thesis|"
    r"dissertation|research|study|paper|report|project|article|proposal|planning|analysis|assignment|"
    r"business)\b[^,.;\n]{0,60})|\bfor the purpose of (?P<of>[^,.;\n]{3,80})", re.I)
# A sentence that only introduces the writer or thanks: "I am a researcher at ANU.", "Thanks for the quick answer."
_ASIDE = re.compile(r"^(?:(?:nama saya|saya bernama|perkenalkan|my name is)\b|(?:saya|kami|i am|i'm|we are)\b.{0,80}"
                    r"\b(?:mahasiswa|mahasiswi|dosen|peneliti|pegawai|staf|researcher|student|lecturer|analyst|from|"
                    r"at|dari)\b|(?:terima ?kasih|makasih|thanks|thank you)\b)", re.I)
_REQUEST = re.compile(r"\?|\b(?:data|butuh|perlu|minta|meminta|mohon|tanya|ingin|mau|berapa|apa|need|want|request|"
                      r"looking|what|how|which|where|could|would|please)\b", re.I)


def purpose(text: str) -> Optional[str]:
    """What the citizen says the data is for, when they say it ("skripsi", "research project on …")."""
    match = _PURPOSE.search(text or "")
    if not match:
        return None
    stated = next(group for group in match.groups() if group).strip()
    return re.sub(r"(?:\s+(?:kak|pak|bu|ya|min|dong|nih|saya|kami))+$", "", stated, flags=re.I)


def search_text(text: str) -> str:
    """The question to search: without a stated purpose, a self-introduction or thanks around it.

    Their words pull the search towards other articles ("skripsi" to the article on data for theses) or
    dilute a known question below the threshold; the purpose is kept on the request instead."""
    sentences = [s for s in re.split(r"(?<=[.!?])\s+|\n+", text or "") if s.strip()]
    kept = []
    for sentence in sentences:
        if _ASIDE.match(sentence.strip()) and not _REQUEST.search(sentence):
            continue
        rest = _PURPOSE.sub("", sentence).strip()
        # what a purpose leaves behind, "We need the figures for my thesis" → "We need the figures", asks nothing
        if not _PURPOSE.search(sentence) or len(_words(rest.lower())) > 4 or re.search(r"\d", rest):
            kept.append(rest)
    question = " ".join(kept).strip()
    return question if has_words(question) else text
