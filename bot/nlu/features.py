"""How a message in its context becomes features: character n-grams of the tidied text, and words, word pairs,
the message's shape and the context, each word also paired with the context ("code|belum" is not
"results|belum")."""
from __future__ import annotations

import re
import unicodedata

from bot.nlu.reading import Context
from bot.nlu.slots import EMAIL

SEP = "\x1f"  # between context and text in one document string (sklearn's vectorizers take strings)
_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+|[^\w\s]", re.UNICODE)


def document(text: str, context: Context) -> str:
    return f"{Context(context).value}{SEP}{text}"


def tidy(text: str) -> str:
    """Lower case, NFKC, an address as ``@mail``, letters typed three times or more kept twice."""
    text = unicodedata.normalize("NFKC", text or "").lower().strip()
    text = EMAIL.sub(" @mail ", text)
    text = re.sub(r"([a-z])\1{2,}", r"\1\1", text)  # "haloooo" -> "haloo", "makasiiih" -> "makasiih"
    return re.sub(r"\s+", " ", text)


def chars(doc: str) -> str:
    """The text for character n-grams: tidied, every digit a 0 (a code and a phone differ by length only)."""
    return re.sub(r"\d", "0", tidy(doc.split(SEP, 1)[1]))


# Word families a few examples cannot teach: each adds one feature ("#lex:weather") shared by its members.
_LEXICON = {key: re.compile(rf"\b(?:{pattern})\b") for key, pattern in {  # whole words: "ya" is not in "yang"
    "complain": r"kecewa\w*|komplai?n\w*|komplen|ngadu|mengadu|aduan|pengaduan|keluhan|protes|lapor(?:kan)?|"
                r"melapor|jutek|kasar|cuek|sombong|lambat|lelet|parah|payah|buruk|jelek|pungli|mengecewakan|dipersulit|"
                r"complain|complaint|rude|terrible|awful|unacceptable|disappointed|upset|ridiculous|disgraceful",
    "weather": r"cuaca|hujan|gempa|banjir|suhu|panas|cerah|musim|weather|rain|sunny|earthquake|forecast",
    "election": r"pemilu|pilkada|pilpres|kpu|kpps|tps|caleg|dpt|pemilih|coblos|election|vote|voter",
    "civil": r"ktp|kk|kartu keluarga|akta|akte|dukcapil|nik|domisili|id card|family card",
    "vehicle": r"stnk|bpkb|samsat|pajak (?:motor|mobil|kendaraan)|kendaraan|motor|mobil|vehicle|car tax",
    "insurance": r"bpjs|kis|jkn|faskes|jht|insurance",
    "police": r"polisi|polres|polsek|skck|sim|maling|kemalingan|dicuri|penipuan|police|stolen|theft",
    "gamble": r"togel|judi|slot|lotre|lottery|casino|gacor",
    "thanks": r"terima ?kasih|makasi\w*|mksh|mks|trims|tks|thx|thanks|thank|tq|ty|tengkyu|suwun|nuhun|nuwun|maaci\w*",
    "bye": r"bye|dadah|dah|wassalam\w*|sampai (?:jumpa|ketemu)|see you|goodbye|take care",
    "greet": r"halo+|hallo|hai|hi+|hello|hey|selamat (?:pagi|siang|sore|malam)|pagi|siang|sore|malam|"
             r"assalam\w*|salam|permisi|punten|morning|afternoon|evening",
    "drop": r"(?:ga|gak|nggak|tidak|tdk|gk|g) (?:jadi|jd|usah)|gjd|gausah|lupa(?:kan|in)|abaikan|salah (?:kirim|ketik|"
            r"pencet|chat|nomor)|kepencet|never ?mind|nvm|forget|ignore|scratch that|by mistake|nanti aja|kapan2",
    "status": r"status|tiket|ticket|sampai mana|sudah diproses|diproses|dibalas|dibales|kabar|update|progress|"
              r"perkembangan|kelanjutan",
    "help": r"bantu|bantuan|help|bingung|ngerti|paham|petunjuk|panduan|caranya|cara pakai|cara kerja|confused|"
            r"understand|how does this|what can",
    "cancel": r"batal\w*|cancel\w*|stop|tutup|cabut|withdraw|close",
    "no": r"tidak|tdk|gak|ga|gk|nggak|ngga|enggak|engga|ndak|belum|blm|bukan|bkn|kurang|salah|jangan|keberatan|"
          r"no|nope|nah|not|disagree|wrong|didn't",
    "yes": r"ya|iya|iy|yes|yep|yup|yap|sudah|sdh|udah|udh|betul|benar|bener|sip|oke|ok|setuju|boleh|silakan|"
           r"silahkan|jelas|sesuai|cukup|pas|agree|sure|correct|right",
    "stats": r"data|jumlah|berapa|brp|angka|persen|kbli|penduduk|inflasi|kemiskinan|miskin|ipm|pdrb|sensus|survei|"
             r"statisti\w*|publikasi|population|poverty|how many|figures|census",
}.items()}


def words(doc: str) -> list[str]:
    """Word features: tokens, pairs, shape, word families, the context and the context paired with each."""
    context, text = doc.split(SEP, 1)
    tidied = tidy(text)
    tokens = [_shape(t) for t in _TOKEN.findall(tidied)]
    pairs = [f"{a} {b}" for a, b in zip(tokens, tokens[1:])]
    shape = [f"#len{min(len(tokens), 6)}", f"#first:{tokens[0]}" if tokens else "#empty"]
    if text.strip()[:1].isupper():
        shape.append("#capital")
    shape += [f"#lex:{key}" for key, pattern in _LEXICON.items() if pattern.search(tidied)]
    local = tokens + shape
    return local + pairs + [f"@{context}"] + [f"@{context}|{t}" for t in local]


def _shape(token: str) -> str:
    """Numbers as their length (``#d6`` for a code, ``#d12`` for a phone), words as they are."""
    return f"#d{min(len(token), 9)}" if token.isdigit() else token


def in_family(text: str, family: str) -> bool:
    """Does the message hold a word of ``family`` ("complain", "thanks", …)? For callers that weigh a reading."""
    return _LEXICON[family].search(tidy(text)) is not None
