"""Real-world style mails (tests/fixtures/mail) parse to the citizen's own words, files and robot verdicts."""
from pathlib import Path

import pytest

from bot.channels.email.guard import bounce, robot_reason
from bot.channels.email.htmltext import html_to_text
from bot.channels.email.parsing import decode_text, parse
from bot.channels.email.quotes import strip_reply

MAIL = Path(__file__).parent / "fixtures" / "mail"
US = "ipds1674@bps.go.id"


def load(name: str):
    return parse((MAIL / name).read_bytes())


@pytest.mark.parametrize("name, sender, reply", [
    ("gmail_reply_en.eml", "rina.marlina87@gmail.com",
     "My name is Rina Marlina, I need the population of Lubuklinggau by district for 2023."),
    ("gmail_reply_id.eml", "budi.santoso.unmura@gmail.com",
     "Nama saya Budi Santoso. Saya butuh data jumlah penduduk miskin Kota Lubuklinggau 2020–2024 untuk skripsi."),
    ("outlook_reply.eml", "dewi.kartika@lubuklinggaukota.go.id",
     "Dear PST officer,\n\nThank you – could you also send the 2024 figures? We need them for the “Rencana Kerja” "
     "document.\n\nRegards,\nDewi Kartika\nBappeda Kota Lubuklinggau"),
    ("outlook_id.eml", "hendra.w@unmura.ac.id", "Baik, terima kasih. Nomor HP saya 0812 7300 1234."),
    ("apple_mail.eml", "siti.aminah@icloud.com", "Ini foto tabel yang saya maksud."),
    ("apple_mail_inline.eml", "siti.aminah@icloud.com",
     "Ini foto tabel halaman 12:\n\nYang saya perlukan kolom 2023 untuk Kecamatan Lubuklinggau Barat I."),
    ("thunderbird.eml", "andre.pratama@yahoo.co.id",
     "Selamat sore,\n\nMohon info jadwal rilis IPM 2025 (café & hôtel data juga).\n\nTerima kasih,\nAndré"),
    ("html_only.eml", "yusuf.m@outlook.co.id",
     "Selamat pagi,\n\nSaya ingin menanyakan “Indeks Pembangunan Manusia” Kota Lubuklinggau tahun 2024.\n\n"
     "Hormat saya,\nYusuf"),
    ("cp1252_no_message_id.eml", "agus.lubuk@yahoo.com", "Berapa inflasi “beras” bulan lalu? Harga naik 5€ per kilo…"),
    ("encoded_words.eml", "nur.aisyah@gmail.com", "Mohon data penduduk per kelurahan."),
    ("thunderbird_bottom.eml", "rudi.hartono77@gmail.com", "Tahun 2025, untuk semua kecamatan di Kota Lubuklinggau."),
    ("gmail_inline_id.eml", "maya.sari.llg@gmail.com", "2023 dan 2024.\n\nYa, per kategori KBLI."),
])
def test_reply_text_is_the_citizens_own_words(name, sender, reply):
    """Quotes, quote headers and phone footers are gone; charsets and transfer encodings are decoded."""
    mail = load(name)
    assert (mail.sender, mail.reply, mail.problem) == (sender, reply, None)


def test_encoded_words_in_headers_are_decoded():
    """RFC 2047 names and subjects, including windows-1252 bytes labelled iso-8859-1."""
    mail = load("encoded_words.eml")
    assert (mail.display_name, mail.subject) == ("Nur Aïsyah Putri", "Data penduduk – Kecamatan Lübuklinggau I")


@pytest.mark.parametrize("name, files", [
    ("attachments.eml", [("Surat permohonan_data.pdf", "application/pdf", 69),
                         ("tabel.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", 504)]),
    ("apple_mail.eml", [("IMG_0412.jpeg", "image/jpeg", 2048)]),
    ("apple_mail_inline.eml", [("IMG_0413.jpeg", "image/jpeg", 91)]),
    ("gmail_reply_en.eml", []),
])
def test_attachments_are_the_files_not_the_body_alternatives(name, files):
    """Files are found with decoded names; the HTML rendering of the body is not an attachment."""
    assert [(p.filename, p.content_type, len(p.payload)) for p in load(name).attachments] == files


def test_thread_ids_are_read():
    """In-Reply-To and References give the ids the reply answers."""
    mail = load("gmail_reply_en.eml")
    assert mail.in_reply_to == mail.references == ["<pst.7.1768186800000000@bps.go.id>"]


def test_missing_message_id_gets_a_stable_one():
    """The same bytes always get the same id, so a re-fetch is recognised."""
    raw = (MAIL / "cp1252_no_message_id.eml").read_bytes()
    assert parse(raw).message_id == parse(raw).message_id != parse(raw + b"x").message_id


@pytest.mark.parametrize("headers, name, subject", [
    ("From: =?utf-8?q?Budi=0D=0ABcc:_x@evil.example?= <budi@example.org>\r\nSubject: Data\r\n",
     "Budi Bcc: x@evil.example", "Data"),
    ("From: Budi <budi@example.org>\r\nSubject: =?utf-8?q?Data=0D=0ABcc:_x@evil.example?=\r\n",
     "Budi", "Data Bcc: x@evil.example"),
])
def test_encoded_line_breaks_in_headers_become_spaces(headers, name, subject):
    """A CR/LF hidden in an encoded From name or Subject neither loses the mail nor reaches our reply's headers."""
    mail = parse((headers + "Message-ID: <a@b>\r\n\r\nhalo\r\n").encode())
    assert (mail.sender, mail.display_name, mail.subject, mail.reply, mail.problem) == (
        "budi@example.org", name, subject, "halo", None)


def test_a_from_with_two_mailboxes_is_read_at_the_first():
    """RFC 5322 allows several authors in From; the first one is the sender, as before."""
    mail = parse(b"From: Budi <budi@example.org>, Ani <ani@example.org>\r\nMessage-ID: <a@b>\r\n\r\nhalo\r\n")
    assert (mail.sender, mail.display_name) == ("budi@example.org", "Budi")


@pytest.mark.parametrize("raw", [
    (MAIL / "malformed.eml").read_bytes(), b"", b"\x00\xff garbage", b"From: \r\n\r\n", b"From: a@b.c\r\nContent-Type: "
    b"multipart/mixed\r\n\r\nno boundary at all"])
def test_broken_mail_never_raises(raw):
    """Unreadable mail yields a result (with a problem when it has no sender), never an exception."""
    mail = parse(raw)
    assert mail.message_id.startswith("<") and (mail.problem or mail.sender)


@pytest.mark.parametrize("name, reason", [
    ("auto_reply.eml", "auto-submitted: auto-replied"),
    ("exchange_ooo.eml", "x-ms-exchange-inbox-rules-loop"),
    ("newsletter.eml", "precedence: bulk"),
    ("xloop.eml", "x-loop"),
    ("gmail_reply_id.eml", None),
    ("outlook_reply.eml", None),
])
def test_robots_are_recognised(name, reason):
    """Auto-replies, lists and loops are never answered; people are."""
    assert robot_reason(load(name), US) == reason


@pytest.mark.parametrize("headers, reason", [
    ("From: Pak Budi <budi@example.org>\r\nAuto-Submitted: no\r\n", None),
    ("From: budi@example.org\r\nPrecedence: junk\r\n", "precedence: junk"),
    ("From: budi@example.org\r\nX-Autoreply: yes\r\n", "x-autoreply"),
    ("From: news@example.org\r\nList-Id: Berita Statistik <berita.example.org>\r\n", "mailing list"),
    ("From: promo@example.org\r\nList-Unsubscribe: <mailto:unsub@example.org>\r\n", "mailing list"),
    ("From: budi@example.org\r\nX-Auto-Response-Suppress: DR, RN, NRN, OOF, AutoReply\r\n", None),
    ("From: budi@example.org\r\nReturn-Path: <>\r\n", "null return path"),
    ("From: MAILER-DAEMON@mx.example.org\r\n", "robot sender"),
    (f"From: PST <{US.upper()}>\r\n", "our own address"),
])
def test_robot_headers(headers, reason):
    """Each loop sign on its own is enough; Auto-Submitted: no and Exchange's X-Auto-Response-Suppress are people."""
    raw = (headers + "Subject: x\r\nMessage-ID: <a@b>\r\n\r\nhalo\r\n").encode()
    assert robot_reason(parse(raw), US) == reason


def test_bounce_names_our_message_and_the_reason():
    """A DSN gives the Message-ID we sent and the diagnostic."""
    found = bounce(load("bounce_dsn.eml"), "bps.go.id")
    assert found.message_ids == ["<pst.42.1768964400000000@bps.go.id>"]
    assert found.reason.startswith("diagnostic-code: smtp; 550-5.1.1")
    assert bounce(load("auto_reply.eml"), "bps.go.id") is None


def test_yahoo_failure_notice_is_a_bounce():
    """Yahoo's plain-text (qmail) "Failure Notice" names the mail we sent that did not arrive."""
    found = bounce(load("yahoo_failure_notice.eml"), "bps.go.id")
    assert found is not None and "<pst.43.1768964400000000@bps.go.id>" in found.message_ids


@pytest.mark.parametrize("text, reply", [
    ("Oke.\n\nOn Tue, 13 Jan 2026 at 09:00, PST <ipds1674@bps.go.id> wrote:\n> lama", "Oke."),
    ("Siap.\n\nPada Sel, 13 Jan 2026 pukul 09.00 PST <ipds1674@bps.go.id> menulis:\n> lama", "Siap."),
    ("Ya.\n\nDari: PST <ipds1674@bps.go.id>\nDikirim: Selasa\nKepada: x\nPerihal: y\n\nlama", "Ya."),
    ("Nomor saya 0812.\n-- \nBudi\nStaf Dinas", "Nomor saya 0812."),
    ("Data:\n-penduduk\n-kemiskinan", "Data:\n- penduduk\n- kemiskinan"),
    ("Terima kasih\n\nDikirim dari Yahoo Mail di Android", "Terima kasih"),
    ("Nothing quoted here.", "Nothing quoted here."),
    ("On Mon, 23 Nov 2026 at 10:00, PST <ipds1674@bps.go.id> wrote:\n> Nama lengkap?\n\nBudi Santoso\n\n"
     "Sent from my iPhone", "Budi Santoso"),
    ("Halo,\n\nPada Sen, 23 Nov 2026 pukul 10.00 PST\n<ipds1674@bps.go.id> menulis:\n> Tahun berapa?\n\n\n2025\n"
     "> Kecamatan?\nBarat\nTimur\n> Salam, PST", "Halo,\n\n2025\n\nBarat\nTimur"),
    ("Pada Sen, 23 Nov 2026 pukul 10.00 PST menulis:\n> Tahun?\n2025\n-- \nBudi\n\n-----Original Message-----\n"
     "From: PST\nSent: Senin\nTo: Budi\nlama", "2025"),
    ("On Mon, 23 Nov 2026 at 10:00, PST wrote:\n> Tahun?\n2025\n\nOn Sun, 22 Nov 2026, Budi wrote:\nlama tanpa >",
     "2025"),
    ("Ya.\n\nDari: PST <ipds1674@bps.go.id>\nDikirim: Selasa\nKepada: x\nPerihal: y\n\nlama\n> kutipan\nlama juga", "Ya."),
    ("Oke.\n\nDikirim dari iPhone saya\n\n> Pada 23 Nov 2026, pukul 10.00, PST <ipds1674@bps.go.id> menulis:\n>\n"
     "> Halo\n> Tahun berapa?", "Oke."),
    ("---------- Forwarded message ---------\nFrom: Dosen <d@unmura.ac.id>\nDate: Mon, 23 Nov 2026 at 09:00\n"
     "Subject: Data skripsi\nTo: Budi <budi@gmail.com>\n\nMinta data IPM 2020-2024.\n\nSalam,\nDosen", "Minta data IPM "
     "2020-2024.\n\nSalam,\nDosen"),
    ("\n---------- Pesan terusan ---------\nDari: Dosen <d@unmura.ac.id>\nTanggal: Sen, 23 Nov 2026 pukul 09.00\n"
     "Subjek: Data\nKe: <budi@gmail.com>\n\nMinta data IPM.\n\nPada Min, 22 Nov 2026, Budi menulis:\n> lama", "Minta data IPM."),
    ("Tolong dicek.\n\n---------- Forwarded message ---------\nFrom: Dosen <d@unmura.ac.id>\nDate: Mon\nSubject: x\n"
     "To: <budi@gmail.com>\n\nMinta data.", "Tolong dicek."),
    ("Kepada: Kepala BPS Kota Lubuklinggau\nDari: Kepala Dinas Kesehatan\nTanggal: 23 November 2026\n"
     "Perihal: Permintaan data\n\nDengan hormat, kami memerlukan data penduduk 2025.",
     "Kepada: Kepala BPS Kota Lubuklinggau\nDari: Kepala Dinas Kesehatan\nTanggal: 23 November 2026\n"
     "Perihal: Permintaan data\n\nDengan hormat, kami memerlukan data penduduk 2025."),
])
def test_strip_reply(text, reply):
    """Quote headers in English and Indonesian, signatures and phone footers are cut; list items stay.

    Below an "On … wrote:" header, text written under or between the ``>`` quotes is kept (one
    paragraph per answer); an Outlook history (unquoted, under a From:/Sent: block) is not."""
    assert strip_reply(text) == reply


def test_html_to_text_keeps_structure_and_marks_quotes():
    """Paragraphs, breaks, list items and links survive; blockquotes become > quotes."""
    text = html_to_text('<p>Halo</p><ul><li>satu</li><li>dua</li></ul>baris<br>baru <a href="https://bps.go.id">web'
                        '</a><blockquote>lama</blockquote><style>p{}</style>')
    assert text == "Halo\n\n- satu\n- dua\nbaris\nbaru web (https://bps.go.id)\n> lama"


def test_gmail_html_answers_between_quotes_are_kept():
    """Gmail's quote container holds the quoted questions and the answers typed between them."""
    markup = ('<div dir="ltr">Halo</div><div class="gmail_quote"><div class="gmail_attr">On Mon, Nov 23, 2026 at '
              '10:00 AM PST &lt;ipds1674@bps.go.id&gt; wrote:<br></div><blockquote class="gmail_quote">Tahun berapa?'
              '</blockquote><div>2025</div><blockquote class="gmail_quote">lama<br>lama</blockquote></div>')
    assert strip_reply(html_to_text(markup)) == "Halo\n\n2025"


@pytest.mark.parametrize("payload, charset, text", [
    ("Rp 5€ “x”".encode("cp1252"), "iso-8859-1", "Rp 5€ “x”"),
    ("café".encode(), None, "café"),
    ("café".encode("latin-1"), None, "café"),
    (b"abc", "x-no-such-charset", "abc"),
    ("café “x”".encode("cp1252"), "ANSI_X3.4-1968", "café “x”"),
    ("数据 镕 喆".encode("gbk"), "gb2312", "数据 镕 喆"),
])
def test_decode_text_copes_with_lying_labels(payload, charset, text):
    """Latin-1/ASCII labels (any alias) read as windows-1252, gb2312 as GBK, unlabelled as UTF-8 else cp1252."""
    assert decode_text(payload, charset) == text
