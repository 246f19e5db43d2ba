"""The pattern-like parts of a message, read by rules: e-mail, phone, code, list numbers, scores, names,
the correction after a no, and where to send a question that is not about statistics."""
from __future__ import annotations

import re
from typing import Optional

from bot import intent as keywords

_ORDINALS = {
    1: ("1", "satu", "pertama", "one", "first", "1st"), 2: ("2", "dua", "kedua", "two", "second", "2nd"),
    3: ("3", "tiga", "ketiga", "three", "third", "3rd"), 4: ("4", "empat", "keempat", "four", "fourth", "4th"),
    5: ("5", "lima", "kelima", "five", "fifth", "5th"), 6: ("6", "enam", "keenam", "six", "sixth", "6th"),
}
LAST = -1  # "yang terakhir", "the last one": the engine knows how many were listed
_ORDINALS[LAST] = ("terakhir", "trakhir", "terakir", "last")
_NUMBER_WORD = {w: n for n, ws in _ORDINALS.items() for w in ws}
_NUMBER = re.compile(r"(?<![\w@.])(?:ke[-\s]?)?(\d{1,2}|[a-z]+)(?![\w@]|[.,]\d)")
EMAIL = re.compile(r"(?<![A-Za-z0-9._%+'-])[A-Za-z0-9._%+'-]+\s?@\s?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_PHONE = re.compile(r"\+?\(?\d[\d\s\-().]{7,40}\d")  # bounded: a long run of digits costs linear time
_CODE = re.compile(r"(?<![\d+])\d{3}[\s-]?\d{3}(?![\d])")
_STARS = re.compile(r"^\s*(⭐+)\s*$")
# Words around a list number or a score that add nothing ("yang kedua kak", "nilai 4 ya", "option 3 please").
_PICK_FILLER = {"yang", "yg", "no", "nomor", "nomer", "nmr", "number", "num", "pilih", "pilihan", "opsi", "option",
                "the", "one", "saya", "sy", "aku", "mau", "lihat", "liat", "buka", "show", "me", "i'll", "take",
                "kak", "min", "pak", "bu", "aja", "saja", "ya", "dong", "itu", "please", "pls", "deh", "ini", "#"}
_SCORE_LEAD = re.compile(
    r"^(?:(?:saya |sy |i(?:'d)? )?(?:kasih|beri|kasi|give(?: it)?(?: a)?)\s+)?(?:nilai(?:nya)?|angka|bintang|skor|"
    r"score|rating|rate)?\s*:?\s*")
_SCORE_HEAD = re.compile(r"^(\d{1,2}|[a-z]+)(?:\s*/\s*(\d+))?(?:\s*(?:bintang|stars?))?(?=$|[\s,.;:!)\-–])")
_SCORE_TAIL = re.compile(r"(?:^|[\s,.;:(\-])(?:nilai |bintang |score )?(\d)(?:\s*/\s*4)?\s*[.!]?$")
_COMMENT_NOISE = {"kak", "min", "ya", "aja", "saja", "pak", "bu", "dong", "deh", "nih"}

_CORRECTION_LEAD = re.compile(
    r"^(?:(?:bukan|bkn|tidak|tdk|nggak|ngga|ngak|enggak|engga|gak|ga|gk|belum|blm|salah|kurang(?: pas| tepat)?|"
    r"tidak sesuai|tdk sesuai|ga pas|gak pas|belum pas|belum sesuai|no|nope|nah|not(?: quite| really| that| this)?"
    r"|wrong(?: one)?|incorrect|that's not it)\b[\s,.;:!\-–]*)+"
    r"(?:(?:itu|ini|yang itu|yg itu|yang ini|yg ini|one|kak|min|pak|bu|ya|mas|mbak|dong)\b[\s,.;:!\-–]*)*"
    r"(?:(?:maksud(?:nya| saya| sy| aku)?|mksd(?: sy| saya)?|yang|yg|tapi|tetapi|actually|i meant|i mean|"
    r"what i need is|i need|i want|i wanted|i'm looking for|i'm after|looking for|i asked about|the one about|"
    r"(?:saya|sy|aku) (?:cari|perlu|perlukan|butuh|butuhkan|mau|nyari|minta|tanya|maksud|mau tau)|"
    r"(?:cari|perlu|butuh|mau|nyari|tanya)|sebenarnya)\b[\s,.;:!\-–]*)*", re.I)

_POINTERS = (
    ("bmkg", r"cuaca|hujan|gempa|banjir|suhu udara|musim|prakiraan|weather|rain|earthquake|forecast|tsunami"),
    ("kpu", r"pemilu|pilkada|pilpres|pileg|kpu|kpps|tps|caleg|dpt|coblos|memilih|quick count|election|vote|voter"),
    ("dukcapil", r"ktp|e-?ktp|kk|kartu keluarga|akta|akte|dukcapil|nik|domisili|id card|family card|birth cert"),
    ("samsat", r"stnk|bpkb|samsat|pajak (?:motor|mobil|kendaraan)|balik nama|plat|car tax|vehicle|kendaraan"),
    ("bpjs", r"bpjs|kis|jkn|faskes|jht"),
    ("polri", r"polisi|polres|polsek|skck|sim|kemalingan|dicuri|curi|maling|kehilangan|police|stolen|driving licen"),
)


def email(text: str) -> Optional[str]:
    """The first e-mail address in the message, lower-cased (a stray space around the @ is forgiven)."""
    found = EMAIL.search(text or "")
    return keywords.clean_email(found.group(0).replace(" ", "")) if found else None


def phone(text: str) -> Optional[str]:
    """The first phone number in the message in E.164, by the rules of bot.intent.clean_phone."""
    for found in _PHONE.finditer(text or ""):
        number = keywords.clean_phone(found.group(0))
        if number:
            return number
    return None


def code(text: str) -> Optional[str]:
    """The last six-digit code in the message (``123 456``, ``123-456``; a correction comes last)."""
    found = _CODE.findall(text or "")
    return re.sub(r"\D", "", found[-1]) if found else None


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+|#", keywords.normalize(text))


def pick(text: str) -> Optional[int]:
    """The list number a message names (``2``, ``no. 1``, ``yang kedua``, ``the third one``), or None;
    :data:`LAST` for "yang terakhir" / "the last one"."""
    norm = re.sub(r"\b(no|nomor|nomer|nmr)\.(?=\d)", r"\1 ", keywords.normalize(text))  # "no.3" is "no 3"
    found = [m.group(1) for m in _NUMBER.finditer(norm) if m.group(1) in _NUMBER_WORD]
    if len(found) > 1:  # "the third one": "one" is the thing picked, not its number
        found = [w for w in found if w != "one"]
    numbers = {_NUMBER_WORD[w] for w in found}
    return numbers.pop() if len(numbers) == 1 else None


def bare_pick(text: str) -> Optional[int]:
    """A list number with nothing but filler around it: the rule that needs no classifier."""
    number = pick(text)
    rest = [w for w in _words(text) if w not in _NUMBER_WORD and not re.fullmatch(r"ke\d?", w)]
    return number if number is not None and all(w in _PICK_FILLER for w in rest) else None


def rating(text: str, top: int = 4) -> tuple[Optional[int], Optional[str]]:
    """The score (1..top) and the comment around it: ``4, mantap`` -> (4, "mantap"); ``5`` -> (None, None)."""
    raw = (text or "").strip()
    stars = _STARS.match(raw)
    if stars:
        count = len(stars.group(1))
        return (count, None) if 1 <= count <= top else (None, None)
    norm = keywords.normalize(raw)
    head = _SCORE_HEAD.match(_SCORE_LEAD.sub("", norm, count=1))
    if head and head.group(1) in _NUMBER_WORD and not (head.group(2) and int(head.group(2)) != top):
        score, rest = _NUMBER_WORD[head.group(1)], _SCORE_LEAD.sub("", norm, count=1)[head.end():]
    else:
        tail = _SCORE_TAIL.search(norm)
        if not tail:
            return None, None
        score, rest = int(tail.group(1)), norm[:tail.start()]
    if not 1 <= score <= top:
        return None, None
    comment = re.sub(r"^[\W_]+|[\W_]+$", "", rest).strip()
    return score, comment if any(w not in _COMMENT_NOISE for w in _words(comment)) else None


def correction(text: str) -> Optional[str]:
    """What the citizen meant after saying no: ``bukan itu, saya cari data UMKM`` -> ``data UMKM``."""
    raw = re.sub(r"\s+", " ", (text or "").strip())
    rest = _CORRECTION_LEAD.sub("", raw, count=1).strip(" ,.;:!-–")
    return rest if rest and rest != raw.strip(" ,.;:!-–") and re.search(r"[^\W\d_]{2}", rest) else None


def pointer(text: str) -> Optional[str]:
    """Which office answers an out-of-scope question (a key the texts turn into a pointer), if one does."""
    norm = keywords.normalize(text)
    for key, pattern in _POINTERS:
        if re.search(rf"\b(?:{pattern})", norm):
            return key
    return None


_NAME_LEAD = re.compile(r"^(?:nama\s*(?:saya|sy|aku|ku)?|saya|sy|aku|dengan|dgn|my name is|my name's|name|i am|i'm|"
                        r"it's|this is|call me|panggil(?: saja| aja)?)\s*[:,]?\s+", re.I)
_NAME_TAIL = re.compile(r"\s*(?:,|\s(?:dari|from|here|di|asal)\s).*$", re.I)
_NAME_POLITE = {"kak", "pak", "bu", "min", "ya", "aja", "saja", "mas", "mbak", "dong", "here"}


def name(text: str) -> Optional[str]:
    """The name in ``nama saya siti``, ``Budi Santoso, S.E.``, ``i'm david``, tidied; None when none is there."""
    value = _NAME_TAIL.sub("", _NAME_LEAD.sub("", re.sub(r"\s+", " ", (text or "").strip()), count=1))
    parts = [w for w in value.split(" ") if w]
    while parts and parts[-1].lower().strip(".") in _NAME_POLITE:
        parts.pop()
    if not 1 <= len(parts) <= 5:
        return None
    value = keywords.clean_name(" ".join(w.capitalize() if w.isupper() and len(w) > 2 else w for w in parts))
    return value
