"""A mail read like a letter: salutation, closing and signature set aside, what they tell kept.

Citizens write to the office as to any office: "Yth. Bapak/Ibu Petugas PST", "Dengan hormat,", the
question, "Terima kasih atas perhatiannya", "Hormat saya,", a name, an institution, "HP/WA 0812…".
Intent and search must see only the question (the wrapper's words made a known question "not found");
the name, institution, phone and stated purpose are kept as facts for registration and the request.
A phone read here is what the citizen typed, not what the channel proves: it is offered, never used
to link identities. Pure functions; quoted history is already gone (:mod:`quotes`).
"""
from __future__ import annotations

import dataclasses
import re
from typing import Optional

from bot import intent

_HONORIFIC = (r"(?:bapak|ibu|bpk|bp|pak|bu|sdr|saudara|kakak|kak|admin|min|tim|team|petugas|pst|bps|sir|madam|"
              r"mr|ms|mrs|dr|there|all|everyone|semua|sekalian)")
_SALUTATION = re.compile(
    r"^(?:(?:kepada\s+)?yth\b.*|kepada\s*:?|dengan hormat|salam sejahtera|salam hormat|salam|"
    r"assalamu'?alaikum(?:\s+(?:wr\.?\s*wb|warahmatullahi\s+wabarakatuh)\.?)?|"
    r"(?:selamat|slmt)\s+(?:pagi|siang|sore|malam)|pagi|siang|sore|malam|"
    r"(?:halo|hallo|hai|hi|hello|hey|dear|good (?:morning|afternoon|evening)|greetings)|to whom it may concern)"
    r"(?:[\s,/.]+" + _HONORIFIC + r"\b[^\n]{0,60})?\s*[,.!:]*$", re.I)
_ADDRESSEE_END = re.compile(r"^di\s*(?:-|tempat\b).*$", re.I)  # "di Tempat" closes the addressee block
_MEMO_FIELD = re.compile(r"^(?:nomor|no|lampiran|lamp|sifat|hal|perihal)\s*\.?\s*:.*$", re.I)
_CLOSING = re.compile(
    r"^(?:(?:terima ?kasih|terimakasih|makasih|trims|thanks|thank you|many thanks|thx)(?:\s+(?:banyak|sebelumnya|"
    r"atas (?:perhatian|bantuan|waktu|kerja ?sama)\S*(?:\s+\S+){0,4}|for (?:your|the) \S+(?:\s+\S+){0,3}|"
    r"in advance|so much|very much))*|"
    r"hormat (?:saya|kami)|salam(?: hormat| saya| kami| sejahtera| hangat)?|wassalam\S*(?:\s+wr\.?\s*wb\.?)?|"
    r"(?:best|kind|warm)?\s*regards|best|best wishes|sincerely(?: yours)?|yours (?:sincerely|faithfully|truly)|"
    r"cheers|respectfully|demikian\b.*|atas perhatian\b.*)"
    r"[^\w\n]*(?:(?P<name>[^\W\d_][\w.'-]*(?:\s+[\w.'-]+){0,3})(?:\s*,[^\n]{0,40})?)?[^\w\n]*$", re.I)
# Politeness on a line of its own inside the text: no question in it.
_COURTESY = re.compile(
    r"^(?:mohon (?:bantuan|bantuannya|arahannya|arahan|infonya|info)(?:\s+(?:nya|ya|kak|pak|bu|bapak/ibu))?|"
    r"mohon maaf(?: mengganggu)?(?: waktunya| waktu \S+)?|semoga (?:sehat|sukses) selalu|"
    r"(?:i )?hope (?:this (?:e-?mail|message) finds you well|you are (?:well|doing well))|i hope you are well)"
    r"\s*[.!]*$", re.I)
_FOOTER = re.compile(r"^(?:sent from|sent with|dikirim dari|kirim dari|get outlook|dapatkan outlook)\b.*$", re.I)
_LABEL = re.compile(
    r"^\s*(?P<label>nama(?: lengkap)?|name|full name|instansi|asal instansi|institusi|lembaga|kampus|universitas|"
    r"asal|institution|affiliation|organi[sz]ation|company|kantor|"
    r"no\.?\s*(?:hp|wa|telp|telepon|handphone)|nomor\s*(?:hp|wa|telp|telepon)|hp(?:\s*/\s*wa)?|wa|telp|telepon|"
    r"phone|mobile|whatsapp|kontak|contact|keperluan|tujuan|kegunaan|purpose)\s*:\s*(?P<value>\S.{0,150})$", re.I)
_LABELS = (("name", r"nama|name|full"), ("institution", r"instansi|asal|institu|lembaga|kampus|univ|affil|organi|"
                                                         r"company|kantor"),
           ("phone", r"no|nomor|hp|wa|telp|telepon|phone|mobile|whats|kontak|contact"),
           ("purpose", r"keperluan|tujuan|kegunaan|purpose"))
_INSTITUTION_WORDS = (
    r"(?:universitas|univ\.?|institut|politeknik|poltekkes|sekolah tinggi|stie|stkip|stikes|stmik|akademi|"
    r"fakultas|prodi|program studi|sman?|smkn?|dinas|badan|bappeda|bapperida|kantor|kementerian|pemerintah|"
    r"pemkot|pemkab|pt\.?|cv\.?|bank|rsud|puskesmas|university|institute|college|school|faculty|department|"
    r"ministry|office|agency|company|ltd|inc)\b")
_INSTITUTION = re.compile(r"\b" + _INSTITUTION_WORDS, re.I)
_INTRO_INSTITUTION = re.compile(
    r"\b(?:(?:mahasiswa|mahasiswi|dosen|guru|pegawai|staf|staff|karyawan|peneliti|student|lecturer|researcher)"
    r"(?:\s+[\w.-]+){0,4}?|(?:saya|kami|i am|i'm|we are)|(?:nama saya|my name is|saya bernama)(?:\s+[\w.'-]+){1,4}?)"
    r"\s+(?:(?:di|pada|dari|at|from|of|the)\s+)*"
    r"(?P<inst>(?:[^\W\d_][\w.-]*\s+){0,2}" + _INSTITUTION_WORDS + r"[^,.;\n()]{0,60})", re.I)
_INTRO_NAME = re.compile(
    r"\b(?:nama saya|saya bernama|my name is|perkenalkan,? saya)\s+(?P<name>[^\W\d_][^,.;\n]{1,60})", re.I)
_NAME_STOP = re.compile(r"\s+(?:dari|mahasiswa|mahasiswi|dosen|dan|ingin|mau|from|and|a|an|i|ingin|yang)\b.*$", re.I)
_ROLE = re.compile(r"^(?:mahasiswa|mahasiswi|dosen|guru|pegawai|staf|staff|kepala|kabid|kasubbag|peneliti|student|"
                   r"lecturer|research\w*|fellow|professor|prof|analyst|manager|head|nim|npm|nip|jl|jln|jalan|"
                   r"alamat|address)\b", re.I)
_MOBILE = re.compile(r"(?<![\d+])(?:\+62|62|0)\s?8\d{1,2}[\s.-]?\d{3,4}[\s.-]?\d{3,5}(?!\d)")
_CONTENT_WORDS = re.compile(r"\b(?:saya|kami|mohon|ingin|mau|minta|tanya|bertanya|butuh|perlu|tolong|bisa|apakah|"
                            r"berapa|data|info|i|we|need|please|could|would|what|how|where|ask|want)\b", re.I)


@dataclasses.dataclass(frozen=True)
class Letter:
    text: str  # the citizen's words without salutation, closing and signature
    facts: dict[str, str]  # name, institution, phone, purpose: those the letter states


def read(body: str) -> Letter:
    """The question of a mail and the facts around it; ``text`` is never empty when ``body`` is not."""
    lines = [line.strip() for line in (body or "").replace("\r\n", "\n").split("\n")]
    top = _after_salutation(lines)
    end = _tail_start(lines, top)
    content = _trim([_without_salutation(line) if i == top else line
                     for i, line in enumerate(lines[top:end], top) if not _COURTESY.match(line)])
    facts = _facts(content, [line for line in lines[end:] if line])
    text = "\n".join(content).strip()
    if not text:  # greetings and thanks only: they still mean something ("Terima kasih" answers "did it help?")
        text = "\n".join(line for line in lines[:top] + lines[end:]
                         if line and intent.is_greeting(line)).strip()
    return Letter(text=text or (body or "").strip(), facts=facts)


def _after_salutation(lines: list[str]) -> int:
    """The first line after the salutation and addressee block at the top."""
    i, addressee = 0, False
    while i < len(lines):
        line = lines[i]
        if re.match(r"^(?:kepada\s+)?yth\b|^kepada\b", line, re.I):
            addressee = True
        elif _ADDRESSEE_END.match(line) or not line:
            addressee = False
        elif not (_salutation(line) or _MEMO_FIELD.match(line) or _COURTESY.match(line)
                  or addressee and len(line) <= 80 and "?" not in line):  # "Bapak Kepala BPS Kota Lubuklinggau"
            break
        i += 1
    return i


def _without_salutation(line: str) -> str:
    """A first line that starts with a greeting: "Selamat pagi Pak, saya mau tanya …" → "saya mau tanya …"."""
    head, sep, rest = line.partition(",")
    return rest.strip() if sep and rest.strip() and _salutation(head.strip()) else line


def _salutation(line: str) -> bool:
    """A greeting line ("Yth. Bapak/Ibu Petugas PST", "Dear Sir/Madam,"), not a greeting that goes on to ask."""
    return _SALUTATION.match(line) is not None and not _CONTENT_WORDS.search(line)


def _closing(line: str) -> Optional[re.Match]:
    """A closing ("Hormat saya,", "Salam, Budi"); words of a request after it make it a sentence instead."""
    match = _CLOSING.match(line)
    return match if match and not _CONTENT_WORDS.search(match.group("name") or "") else None


def _tail_start(lines: list[str], top: int) -> int:
    """Where the closing and signature begin (``len(lines)`` when there are none).

    Read from the end, once: ``signature[i]`` says all of ``lines[i:]`` is signature-like (a long mail must
    not cost a pass over its rest for every line)."""
    n = len(lines)
    signature, contact = [True] * (n + 1), [False] * (n + 1)
    for i in range(n - 1, top - 1, -1):
        line = lines[i]
        signature[i] = signature[i + 1] and _signature_like(line)
        contact[i] = contact[i + 1] or bool(line and (_MOBILE.search(line) or _LABEL.match(line)
                                                      or _FOOTER.match(line) or "@" in line))
    for i in range(top, n):
        if signature[i + 1] and (_closing(lines[i]) or lines[i] == "--"):
            return i
    first = next((i for i in range(top, n) if lines[i]), n)
    for i in range(first + 1, n):  # a signature without a closing: a last block that gives a contact
        if signature[i] and contact[i] and lines[i] and not lines[i - 1]:
            return i
    return n


def _signature_like(line: str) -> bool:
    """A name, a title, an institution, an address or a contact: short, no question, no request."""
    if not line or _FOOTER.match(line) or _closing(line) or _LABEL.match(line):
        return True
    return len(line) <= 80 and "?" not in line and len(line.split()) <= 10 and \
        len(_CONTENT_WORDS.findall(line)) < 2 and not line.endswith(":")


def _trim(lines: list[str]) -> list[str]:
    filled = [i for i, line in enumerate(lines) if line]
    return lines[filled[0]:filled[-1] + 1] if filled else []


def _facts(content: list[str], tail: list[str]) -> dict[str, str]:
    """What the letter tells about its writer: labelled fields first, then the signature, then its sentences."""
    found: dict[str, Optional[str]] = {}
    for line in content + tail:
        label = _LABEL.match(line)
        if label:
            key = next(k for k, pattern in _LABELS if re.match(pattern, label.group("label"), re.I))
            found.setdefault(key, label.group("value").strip())
    names = []  # the signature's lines, a closing's inline name ("Salam, Budi") in its place
    for line in tail:
        closing = _closing(line)
        names += [closing.group("name")] if closing and closing.group("name") else [] if closing else [line]
    text = " ".join(content)
    intro, inst = _INTRO_NAME.search(text), _INTRO_INSTITUTION.search(text)
    found.setdefault("name", next((n for n in map(_name, names[:3]) if n), None)
                     or (_name(_NAME_STOP.sub("", intro.group("name"))) if intro else None))
    institutions = sorted((line for line in tail if _INSTITUTION.search(line)),
                          key=lambda line: bool(_ROLE.match(line)))  # "Mahasiswa Prodi …" is a role
    found.setdefault("institution", next(iter(institutions), None)
                     or (inst.group("inst").strip() if inst else None))
    found.setdefault("phone", next((m.group() for line in tail + content if (m := _MOBILE.search(line))), None))
    found["phone"] = intent.clean_phone(found["phone"] or "")
    found["name"] = _name(found["name"] or "")
    found.setdefault("purpose", intent.purpose(text))
    return {key: value[:200] for key, value in found.items() if value}


def _name(line: str) -> Optional[str]:
    """A person's name from a signature line: academic degrees after the comma dropped ("Budi, S.E."); a line with
    digits is a date, an address or a number ("Lubuklinggau, 1 Desember 2026")."""
    if re.search(r"\d", line):
        return None
    line = line.split(",")[0].strip()
    if _ROLE.match(line) or _INSTITUTION.search(line) or _FOOTER.match(line) or _salutation(line) \
            or _closing(line) or _LABEL.match(line):
        return None
    return intent.clean_name(line)
