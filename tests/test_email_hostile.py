"""Hostile mail: whatever bytes arrive, ingest stores them as a message or keeps them flagged, and never raises.

The property test stores 1,000 generated mails into one app and database per test function
(examples reuse it; each mail has its own Message-ID or none, so they do not interfere).
"""
from __future__ import annotations

import base64
import hashlib
import os
from email.message import EmailMessage
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from bot import filestore
from bot.channels.email import ingest
from bot.models import Message, RawMail
from tests.test_email_ingest import store as store_one

PROPERTY = settings(max_examples=1000, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                           HealthCheck.data_too_large])
CJK_NAME = "统计数据" * 30 + ".xlsx"  # 120 characters before the extension, 360 bytes in UTF-8
CHARSETS = ["utf-8", "UTF-8", "iso-8859-1", "windows-1252", "us-ascii", "gb2312", "big5", "shift_jis", "koi8-r",
            "utf-7", "utf-16", "utf-16-le", "utf-32", "x-unknown", "", "\"utf-8\"", "utf-8\x00", "cp65001", "idna",
            "rot13", "hex", "base64", "uu", "punycode", "zlib", "x" * 300]
ENCODINGS = ["7bit", "8bit", "binary", "base64", "quoted-printable", "x-uuencode", "BASE64", "bogus", ""]
UNICODE = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
NAMES = st.one_of(UNICODE, st.sampled_from([CJK_NAME, "统" * 300, "../../etc/passwd", "..", ".", "a\x00b.pdf",
                                           "con.txt", " .", "x" * 400 + ".pdf", "laporan\r\n.pdf", "€.pdf",
                                           "é" * 200 + ".tar.gz", "noext" * 80]))


def _encoded_word(text: str, charset: str, how: str) -> str:
    data = text.encode("utf-8", "replace")
    payload = base64.b64encode(data).decode() if how == "B" else "".join(f"={b:02X}" for b in data)
    return f"=?{charset}?{how}?{payload}?="


@st.composite
def header_values(draw) -> bytes:
    """Plain text, encoded words with any charset, raw 8-bit bytes, overlong or folded values."""
    kind = draw(st.integers(0, 4))
    if kind == 0:
        return draw(UNICODE).encode("utf-8")
    if kind == 1:
        return _encoded_word(draw(UNICODE), draw(st.sampled_from(CHARSETS)), draw(st.sampled_from("BQ"))).encode(
            "utf-8", "replace")
    if kind == 2:
        return draw(st.binary(max_size=60))
    if kind == 3:
        return draw(st.sampled_from([b"x" * 3000, b"=?utf-7?q?+2AA-?=", b"=?utf-16-le?b?ANg=?=", b"a\x00b",
                                     b"<=?utf-7?q?+2AA-?=@x> <a\x00b@x>", b"=?utf-8?q?a=00b=0D=0Ac?="]))
    return b"a\r\n b\r\n\t" + draw(st.binary(max_size=20))


def _filename_params(name: str, how: int) -> bytes:
    if how == 0:
        return b'; filename="' + name.encode("utf-8", "replace") + b'"'
    if how == 1:
        quoted = "".join(f"%{b:02X}" for b in name.encode("utf-8", "replace"))
        return b"; filename*=utf-8''" + quoted.encode()
    return b'; filename="' + _encoded_word(name, "utf-8", "B").encode() + b'"'


@st.composite
def parts(draw) -> bytes:
    """One MIME part: text with any charset label and transfer encoding, or a file with a hostile name."""
    charset = draw(st.sampled_from(CHARSETS)).encode("utf-8", "replace")
    encoding = draw(st.sampled_from(ENCODINGS)).encode()
    payload = draw(st.one_of(st.binary(max_size=200), UNICODE.map(lambda t: t.encode("utf-8")),
                             st.sampled_from([b"halo min, sy mau minta data kemiskinan llg th 2023 bs?",
                                              b"+2AA- +AGEAYgBj- \x00\xff"])))
    if encoding.lower() == b"base64" and draw(st.booleans()):
        payload = base64.encodebytes(payload)
    if draw(st.booleans()):
        kind = draw(st.sampled_from([b"text/plain", b"text/html", b"text/x-weird"]))
        head = b"Content-Type: " + kind + b"; charset=" + charset
        head += draw(st.sampled_from([b"", b"\r\nContent-Disposition: inline"]))
    else:
        kind = draw(st.sampled_from([b"application/pdf", b"image/jpeg", b"application/octet-stream", b"message/rfc822",
                                     b"x/y", b"application", b""]))
        head = b"Content-Type: " + kind + _filename_params(draw(NAMES), draw(st.integers(0, 2)))
        head += b"\r\nContent-Disposition: attachment" + _filename_params(draw(NAMES), draw(st.integers(0, 2)))
    return head + b"\r\nContent-Transfer-Encoding: " + encoding + b"\r\n\r\n" + payload


@st.composite
def mails(draw) -> bytes:
    """RFC 822-ish bytes: real header names with hostile values, a body of one part or a (broken) multipart."""
    number = draw(st.integers(0, 10**9))
    sender = draw(st.one_of(st.just(b"Budi <budi.santoso@example.org>"), st.just(b"warga%d@example.org" % number),
                            header_values()))
    headers = [(b"From", sender), (b"To", b"ipds1674@bps.go.id"), (b"Subject", draw(header_values()))]
    if draw(st.booleans()):
        headers.append((b"Message-ID", draw(st.one_of(st.just(b"<m%d@example.org>" % number), header_values()))))
    for name in draw(st.lists(st.sampled_from([b"In-Reply-To", b"References", b"Auto-Submitted", b"Precedence",
                                               b"Return-Path", b"X-Loop", b"Date", b"Reply-To", b"List-Id",
                                               b"MIME-Version", b"Content-Type", b"X-\xff\x00"]), max_size=4)):
        headers.append((name, draw(header_values())))
    body = draw(st.lists(parts(), min_size=1, max_size=3))
    if len(body) > 1 or draw(st.booleans()):
        boundary = draw(st.sampled_from([b"b1", b"", b"=_\xff", b"x" * 80]))
        headers.append((b"Content-Type", b'multipart/mixed; boundary="' + boundary + b'"'))
        text = b"".join(b"--" + boundary + b"\r\n" + part + b"\r\n" for part in body)
        text += draw(st.sampled_from([b"--" + boundary + b"--\r\n", b"", b"--" + boundary]))
    else:
        head, _, text = body[0].partition(b"\r\n\r\n")
        headers += [tuple(line.split(b": ", 1)) for line in head.split(b"\r\n") if b": " in line]
    newline = draw(st.sampled_from([b"\r\n", b"\n"]))
    raw = b"".join(name + b": " + value + b"\r\n" for name, value in headers) + b"\r\n" + text
    return raw.replace(b"\r\n", newline) + draw(st.sampled_from([b"", b"\x00", b"\xff\xfe", b"\r\n.\r\n"]))


def files_under(var: Path) -> list[Path]:
    return [p for p in var.rglob("*") if p.is_file()] if var.exists() else []


def test_random_mail_is_stored_or_kept_flagged_and_ingest_never_raises(app, env):
    """1,000 batches of one to three generated mails, stored as the poller does (a batch, or one by one with
    savepoints): each is a stored message (held ones flagged) with its raw bytes, and ingest never raises."""
    config = app.config["SETTINGS"]

    @PROPERTY
    @given(batch=st.lists(mails(), min_size=1, max_size=3), one_by_one=st.booleans())
    def store(batch, one_by_one):
        with app.app_context(), app.extensions["db"].session() as session:
            results = [ingest.store(session, raw, config) for raw in batch] if one_by_one else \
                ingest.store_batch(session, batch, config)
            session.commit()
            for raw, result in zip(batch, results):
                row = session.get(Message, result.message.id)
                assert row.direction == "in" and row.status in ("received", "ignored", "held")
                assert row.status != "held" or row.flagged
                if result.created:
                    assert session.get(RawMail, row.id).raw == raw
                    assert all((config.var_path / a.path).is_file() for a in row.attachments if a.path)

    store()
    assert not [p for p in files_under(Path(env["VAR_DIR"])) if p.name.endswith(".part")]


def cjk_mail(*files: tuple[str, bytes]) -> bytes:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "Li Wei <liwei@example.cn>", "ipds1674@bps.go.id", "permintaan data"
    msg["Message-ID"] = f"<{abs(hash(files))}@example.cn>"
    msg.set_content("Selamat siang, sy lampirkan tabelnya ya pak. Mksh")
    for name, payload in files:
        msg.add_attachment(payload, maintype="application", subtype="octet-stream", filename=name)
    return msg.as_bytes()


def test_a_long_cjk_attachment_name_is_cut_to_the_file_system_limit(app, env):
    """120 CJK characters are 360 bytes, over ext4's 255: the mail was held; now the file is saved, answered."""
    result = store_one(app, cjk_mail(("tabel.csv", b"a;b\n1;2\n"), (CJK_NAME, b"PK\x03\x04 isi tabel")))
    with app.app_context(), app.extensions["db"].session() as session:
        row = session.get(Message, result.message.id)
        saved = [(a.filename, a.status, a.path) for a in row.attachments]
    assert result.answer and (row.status, row.flagged) == ("received", False)
    assert [status for _, status, _ in saved] == ["stored", "stored"] and saved[1][0] == CJK_NAME[-120:]
    disk = Path(saved[1][2]).name
    assert disk.endswith(".xlsx") and len(disk.encode()) <= filestore.NAME_MAX and disk.startswith(saved[1][0][:40])
    assert (Path(env["VAR_DIR"]) / saved[1][2]).read_bytes() == b"PK\x03\x04 isi tabel"


SURROGATE_MAILS = {  # utf-7's "+2AA-" decodes to a lone surrogate, which no database driver can encode
    "display name": b"From: =?utf-7?q?+2AA-?= <budi@example.org>\r\nSubject: tanya\r\n\r\nhalo",
    "plain body": b"From: budi@example.org\r\nContent-Type: text/plain; charset=utf-7\r\n\r\nhalo +2AA- kak",
    "html body": b"From: budi@example.org\r\nContent-Type: text/html; charset=utf-7\r\n\r\n<p>data +2AA- ok</p>",
    "bounce diagnostic": b"From: MAILER-DAEMON@example.org\r\nSubject: Undelivered Mail\r\n"
                         b"Content-Type: multipart/report; report-type=delivery-status; boundary=b\r\n\r\n"
                         b"--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; x\r\n\r\n"
                         b"Action: failed\r\nDiagnostic-Code: =?utf-7?q?+2AA-?= smtp; 550\r\n\r\n--b--\r\n",
}


@pytest.mark.parametrize("raw", SURROGATE_MAILS.values(), ids=SURROGATE_MAILS.keys())
def test_lone_surrogates_from_utf7_are_stored_not_raised(app, raw):
    """A lone surrogate in a name, body or report made the INSERT raise UnicodeEncodeError; now it is U+FFFD."""
    result = store_one(app, raw)
    with app.app_context(), app.extensions["db"].session() as session:
        row = session.get(Message, result.message.id)
        assert row.status in ("received", "ignored") and not row.flagged and session.get(RawMail, row.id).raw == raw


@pytest.mark.parametrize("declared", ["\x00/", "/", "application/pdf\x00"])
def test_an_attachment_type_that_is_no_mime_type_is_stored_as_octet_stream(app, declared):
    """A NUL in an attachment's Content-Type made PostgreSQL refuse the whole mail (found by the property test)."""
    raw = (b"From: Budi <budi.santoso@example.org>\r\nSubject: data\r\nContent-Type: " + declared.encode() +
           b"\r\nContent-Disposition: attachment; filename=tabel.bin\r\n\r\nisi")
    result = store_one(app, raw)
    with app.app_context(), app.extensions["db"].session() as session:
        (row,) = session.get(Message, result.message.id).attachments
        assert row.content_type == "application/octet-stream" and row.status == "stored"


@pytest.mark.parametrize("name, limit, expected", [
    ("laporan.pdf", 255, "laporan.pdf"),
    ("统计" * 100 + ".xlsx", 20, "统计统计统.xlsx"),
    ("é" * 20, 9, "éééé"),
    ("a" * 300 + ".tar.gz", 12, "aaaaaaaaa.gz"),
    ("x." + "y" * 300, 10, "x.yyyyyyyy"),
])
def test_fit_cuts_on_a_character_boundary_and_keeps_the_extension(name, limit, expected):
    """Cut to ``limit`` UTF-8 bytes, never through a character, the extension kept when it is short."""
    assert filestore.fit(name, limit) == expected and len(expected.encode()) <= limit


def test_a_failed_save_leaves_no_files_and_the_mail_is_still_answered(app, env):
    """The second file cannot be written (its path is taken by a directory): no file of this mail stays behind,
    no temporary file either; the mail is answered and its attachments say ``failed`` instead of being held."""
    second = b"isi lampiran kedua"
    digest = hashlib.sha256(second).hexdigest()
    blocked = Path(env["VAR_DIR"]) / "attachments" / digest[:2] / digest / "kedua.pdf"
    (blocked / "taken").mkdir(parents=True)  # os.replace cannot put a file over a non-empty directory
    result = store_one(app, cjk_mail(("pertama.pdf", b"isi lampiran pertama"), ("kedua.pdf", second)))
    with app.app_context(), app.extensions["db"].session() as session:
        row = session.get(Message, result.message.id)
        saved = [(a.filename, a.status, a.path) for a in row.attachments]
    assert result.answer and (row.status, row.flagged) == ("received", False)
    assert saved == [("pertama.pdf", "failed", None), ("kedua.pdf", "failed", None)]
    assert [p for p in files_under(Path(env["VAR_DIR"])) if p.name != "taken"] == []


def test_files_of_a_batch_that_fails_later_are_removed(app, env, monkeypatch):
    """Files are written before the rows; a batch failing afterwards removes the files it created."""
    def broken(session, known):
        raise RuntimeError("flush failed")

    monkeypatch.setattr(ingest, "_keep", broken)
    with app.app_context(), app.extensions["db"].session() as session, pytest.raises(RuntimeError):
        ingest.store_batch(session, [cjk_mail(("a.pdf", b"satu")), cjk_mail(("b.pdf", b"dua"))], app.config["SETTINGS"])
    assert files_under(Path(env["VAR_DIR"])) == []


def test_a_file_another_mail_already_saved_is_kept_when_this_mail_fails(app, env):
    """Content-addressed files are shared: removing this mail's writes must not take an earlier mail's file."""
    first = store_one(app, cjk_mail(("sama.pdf", b"isi yang sama")))
    var = Path(env["VAR_DIR"])
    (kept,) = files_under(var)
    digest = hashlib.sha256(b"lain").hexdigest()
    (var / "attachments" / digest[:2] / digest / "lain.pdf" / "taken").mkdir(parents=True)
    store_one(app, cjk_mail(("sama.pdf", b"isi yang sama"), ("lain.pdf", b"lain")))
    assert kept.read_bytes() == b"isi yang sama" and first.created
    assert os.listdir(kept.parent) == ["sama.pdf"]
