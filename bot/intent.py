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
    Event.SKIP: {"lewati", "skip", "-", "tidak ada", "ga ada", "gak ada", "no comment"},
}
YES = {"ya", "iya", "y", "yes", "yess", "ok", "oke", "okay", "betul", "benar", "sudah", "yup", "yap", "iyaa", "sip",
       "membantu", "terjawab", "ya membantu", "yes thanks", "ya terima kasih", "ya makasih"}
NO = {"tidak", "tdk", "gak", "ga", "nggak", "enggak", "engga", "no", "n", "nope", "belum", "kurang", "bukan",
      "tidak membantu", "belum terjawab", "not really"}
GREETINGS = {"halo", "hallo", "hai", "hi", "hello", "hey", "p", "ping", "tes", "test", "assalamualaikum",
             "assalamu'alaikum", "selamat pagi", "selamat siang", "selamat sore", "selamat malam", "pagi", "siang",
             "sore", "malam", "good morning", "good afternoon", "terima kasih", "makasih", "thanks", "thank you",
             "trims", "ok makasih", "oke terima kasih", "min", "halo min", "hai min", "permisi"}

_EN_WORDS = {"the", "is", "are", "what", "how", "where", "which", "who", "can", "could", "please", "data", "of",
             "for", "i", "my", "need", "want", "do", "does", "you", "population", "number", "rate", "hello",
             "thanks", "thank", "help", "yes", "name", "with", "about", "find", "there", "poverty", "in", "to"}
_ID_WORDS = {"yang", "apa", "berapa", "bagaimana", "dimana", "di", "ke", "dari", "dan", "untuk", "utk", "saya",
             "aku", "mau", "ingin", "minta", "tolong", "bisa", "ada", "data", "jumlah", "penduduk", "tahun", "kota",
             "brp", "gimana", "bgmn", "ya", "tidak", "nggak", "gak", "halo", "terima", "kasih", "makasih", "mohon",
             "pak", "bu", "kak", "min", "cara", "dengan", "ini", "itu", "nama", "selamat", "pagi", "siang"}

_EMAIL = re.compile(r"^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
_NAME = re.compile(r"^[^\W\d_]+(?:[ .'\-][^\W\d_]*)*\.?$")
_CODE = re.compile(r"^\s*(\d{3})\s?(\d{3})\s*$")
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")


def normalize(text: str) -> str:
    """Lower-case, accents folded, punctuation at the ends and repeated spaces removed."""
    text = unicodedata.normalize("NFKC", text or "").strip().lower()
    text = re.sub(r"\s+", " ", text)
    return text.strip(" .!,;:*_~\"'") or text.strip()


def classify(text: str) -> Event:
    """The event a message raises in any state; states decide what it means."""
    norm = normalize(text)
    for event, words in COMMANDS.items():
        if norm in words:
            return event
    if norm in YES or norm.startswith(("ya ", "iya ", "yes ", "ok ")) and len(norm) < 25:
        return Event.YES
    if norm in NO or norm.startswith(("tidak ", "no ", "belum ")) and len(norm) < 25:
        return Event.NO
    return Event.TEXT


def detect_lang(text: str, current: str) -> str:
    """``en`` when the message is clearly English, ``id`` when clearly Indonesian, else ``current``."""
    norm = normalize(text)
    if norm in ("help", "cancel", "done", "complaint", "resend", "skip", "yes", "no"):
        return "en"
    if norm in ("bantuan", "batal", "selesai", "pengaduan", "lewati", "ya", "tidak"):
        return "id"
    words = re.findall(r"[a-z']+", norm)
    en = sum(w in _EN_WORDS for w in words)
    id_ = sum(w in _ID_WORDS for w in words)
    if en >= 2 and en > id_ * 2:
        return "en"
    if id_ >= 1 and id_ >= en:
        return "id"
    return current


def is_greeting(text: str) -> bool:
    return normalize(text) in GREETINGS


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
    value = (text or "").strip().strip("<>").strip()
    return value.lower() if len(value) <= 254 and _EMAIL.match(value) else None


def clean_phone(text: str) -> Optional[str]:
    """Indonesian numbers to E.164 (``0812…`` → ``+62812…``); other international numbers kept."""
    digits = re.sub(r"[\s\-().]", "", text or "")
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
    match = _CODE.match(text or "")
    return match.group(1) + match.group(2) if match else None


def score(text: str) -> Optional[int]:
    match = re.fullmatch(r"\s*([1-4])\s*(?:/\s*4)?\s*[.!]?\s*", text or "")
    return int(match.group(1)) if match else None


def years(text: str) -> list[str]:
    return _YEAR.findall(text or "")
