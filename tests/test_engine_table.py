"""Every row of the conversation table, driven through the real engine and database."""
from __future__ import annotations

import logging
import re

import pytest

from bot.envelope import Channel
from bot.states import TABLE
from tests import journeys as j

# reach the state, say this, expect this state and these words in the answer
CASES = [
    ("new-known", lambda app: _known_again(app), "halo", "ready", "Selamat datang kembali"),
    ("new-unknown", j.new, "halo", "ask_consent", "Pemberitahuan privasi"),
    ("new-known-old-notice", lambda app: _old_notice(_known_again(app)), "halo", "ask_consent", "diperbarui"),
    ("new-consented", lambda app: _cancelled(j.ask_name(app)), "halo", "ask_name", "Siapa nama lengkap"),
    ("consent-yes", j.ask_consent, "Setuju", "ask_name", "Siapa nama lengkap"),
    ("consent-yes-known", lambda app: _said(_old_notice(_known_again(app)), "halo"), "ya", "ready",
     "Selamat datang kembali"),
    ("consent-no", j.ask_consent, "tidak", "new", "datang langsung"),
    ("consent-cancel", j.ask_consent, "batal", "new", "datang langsung"),
    ("consent-help", j.ask_consent, "bantuan", "ask_consent", "persetujuan Anda"),
    ("consent-other", j.ask_consent, "ini apa ya", "ask_consent", "Balas SETUJU"),
    ("erase-ask", j.ready, "hapus data", "confirm_erase", "Ketik HAPUS"),
    ("erase-confirm", lambda app: _said(j.ready(app), "hapus data"), "HAPUS", None, "sudah dihapus"),
    ("erase-cancel", lambda app: _said(j.ready(app), "hapus data"), "gak jadi deh", "ready", "tidak dihapus"),
    ("my-data", j.ready, "data saya", "ready", "sudah kami kirim"),
    ("my-data-no-email", j.ask_email, "DATA SAYA", "ask_email", "belum punya e-mail"),
    ("my-data-first", j.new, "data saya", "ask_consent", "belum punya e-mail"),
    ("my-data-first-consented", lambda app: _cancelled(j.ask_name(app)), "data saya", "ask_name",
     "belum punya e-mail"),
    ("registering-proved-known", lambda app: _proved_elsewhere(app), "status", "ready", "Selamat datang kembali"),
    ("name-profile-wa", lambda app: j.ask_name(app, profile_name="Rina Wati"), "ya", "ask_email", "Rina Wati"),
    ("name-profile-mail", lambda app: j.ask_name(app, Channel.EMAIL.value, profile_name="Rina Wati"), "ya",
     "ask_phone", "nomor telepon"),
    ("name-mail", lambda app: j.ask_name(app, Channel.EMAIL.value), "Budi Santoso", "ask_phone", "Budi Santoso"),
    ("name-wa", j.ask_name, "Siti Aminah", "ask_email", "e-mail aktif"),
    ("name-bad", j.ask_name, "12345", "ask_name", "bukan nama"),
    ("name-question-kept", j.ask_name, "berapa jumlah penduduk lubuklinggau 2023?", "ask_name",
     "setelah pendaftaran selesai"),
    ("name-corrected", j.ask_email, "bukan, nama saya Siti Rahma", "ask_email", "menjadi *Siti Rahma*"),
    ("email-typo", j.ask_email, "siti@gmail.con", "ask_email", "Maksud Anda siti@gmail.com"),
    ("email-none", j.ask_email, "saya tidak punya email", "ask_email", "Jl. Perumdam"),
    ("code-not-arrived", j.ask_code, "kodenya blm masuk", "ask_code", "folder Spam"),
    ("code-new-email-typo", j.ask_code, "siti@gmial.com", "ask_email", "Maksud Anda siti@gmail.com"),
    ("rename", j.ready, "UBAH NAMA Siti Rahma", "ready", "diubah menjadi *Siti Rahma*"),
    ("rename-how", j.ready, "ganti nama", "ready", "UBAH NAMA Siti Aminah"),
    ("email-ok", j.ask_email, "siti@example.org", "ask_code", "Kode 6 angka"),
    ("email-bad", j.ask_email, "siti@", "ask_email", "tidak valid"),
    ("code-resend", j.ask_code, "kirim ulang", "ask_code", "Kode 6 angka"),
    ("code-new-email", j.ask_code, "lain@example.org", "ask_code", "lain@example.org"),
    ("code-wrong", j.ask_code, "000000", "ask_code", "Sisa percobaan: 4"),
    ("code-locked", lambda app: _wrong_codes(j.ask_code(app), 4), "000000", "ask_email", "coba lagi mulai"),
    ("phone-of-another", lambda app: _phone_owner(app), "081300000001", "ready", "Pendaftaran selesai"),
    ("email-while-locked-out", lambda app: _wrong_codes(j.ask_code(app), 5), "siti2@example.org", "ask_email",
     "coba lagi mulai"),
    ("code-resend-refused", lambda app: _say(j.ask_code(app), "kirim ulang", "kirim ulang"), "kirim ulang",
     "ask_code", "coba lagi mulai"),
    ("code-fourth-address-refused", lambda app: _say(j.ask_code(app), "b@example.org", "c@example.org"),
     "d@example.org", "ask_code", "coba lagi mulai"),
    ("phone-bad", j.ask_phone, "12ab", "ask_phone", "tidak valid"),
    ("phone-ok", j.ask_phone, "081298765432", "ready", "Pendaftaran selesai"),
    ("phone-letter", j.ask_phone_by_letter, "ya", "ready", "Pendaftaran selesai"),
    ("results-pick", j.results, "1", "results", "Jam layanan"),
    ("results-number-out-of-range", j.results, "7", "results", "YA atau TIDAK"),
    ("results-yes", j.results, "ya", "ready", "Senang bisa membantu"),
    ("results-no", j.results, "tidak", "confirm_request", "kami akan meneruskannya ke petugas"),
    ("results-no-letter", j.results_by_letter, "tidak", "confirm_request", "Keperluan: skripsi"),
    ("ready-greeting", j.ready, "halo min", "ready", "tulis pertanyaan"),
    ("ready-thanks", j.ready, "terima kasih", "ready", "Sama-sama"),
    ("ready-chit-chat", j.ready, "wkwk lucu jg botnya", "ready", "jumlah penduduk Lubuklinggau 2023"),
    ("ready-number", j.ready, "2", "ready", "tulis pertanyaan"),
    ("ready-never-mind", j.ready, "gak jadi deh min", "ready", "tidak apa-apa"),
    ("ready-out-of-scope", j.ready, "besok linggau hujan ga ya", "ready", "BMKG"),
    ("results-correction", j.results, "bukan itu, maksud saya biaya layanan", "results", "Biaya"),
    ("results-pick-words", j.results, "yang pertama", "results", "Apakah ini membantu"),
    ("results-pick-missing", j.results, "nomor 5", "results", "YA atau TIDAK"),
    ("results-thanks", j.results, "oke makasih min", "ready", "Senang bisa membantu"),
    ("results-never-mind", j.results, "udah ga jadi", "ready", "tidak apa-apa"),
    ("results-correction-unanswered", j.results, "bukan itu, saya cari data jumlah sapi perah", "clarify",
     "belum ada di basis pengetahuan"),
    ("waiting-knowledge", j.waiting, "jam buka pelayanan pst kapan ya?", "waiting", "teruskan ke petugas di tiket"),
    ("waiting-returning", lambda app: _later(j.waiting(app), 13), "ada data jumlah sapi perah per kecamatan?",
     "which_ticket", "pertanyaan baru"),
    ("which-yes", lambda app: _which(j.waiting(app)), "iya", "waiting", "ditambahkan ke tiket"),
    ("which-no", lambda app: _which(j.waiting(app)), "bukan", "clarify", "belum ada di basis pengetahuan"),
    ("which-new", lambda app: _which(j.handoff(app)), "BARU", "clarify", "belum ada di basis pengetahuan"),
    ("which-again", lambda app: _which(j.waiting(app)), "hmm", "which_ticket", "Balas YA"),
    ("waiting-out-of-scope", j.waiting, "min nomor togel hari ini brp", "waiting", "di luar layanan"),
    ("waiting-never-mind", j.waiting, "gak jadi deh", "waiting", "BATAL"),
    ("handoff-ack", lambda app: _later(j.handoff(app), 3), "pak gimana kelanjutannya?", "handoff", "petugas"),
    ("rating-with-comment", j.rating, "4, mantap", "ready", "Terima kasih atas penilaian"),
    ("rating-low-with-comment", j.rating, "1 lama bgt balasnya", "offer_complaint", "pengaduan"),
    ("rating-question", j.rating, "min ada data jumlah sapi perah 2023?", "rating", "kami simpan"),
    ("rating-skip", j.rating, "lewati", "ready", "tulis pertanyaan"),
    ("rating-menu", j.rating, "menu", "ready", "tulis pertanyaan"),
    ("ready-found", j.ready, j.FOUND, "results", "Ini yang kami temukan"),
    ("ready-not-found", j.ready, j.NOT_FOUND, "clarify", "belum ada di basis pengetahuan"),
    ("ready-not-found-letter", j.ready_by_letter, j.NOT_FOUND_FULL, "confirm_request", "Ringkasan permintaan"),
    ("ready-yes", j.ready, "ya", "ready", "tulis pertanyaan"),
    ("ready-emoji", j.ready, "👍", "ready", "tulis pertanyaan"),
    ("results-resend", j.results, "kirim ulang", "results", "YA atau TIDAK"),
    ("results-dash", j.results, "-", "results", "YA atau TIDAK"),
    ("clarify-done", j.clarify, "selesai", "clarify", "Untuk wilayah mana"),
    ("clarify-short", j.clarify, "x", "clarify", "belum menangkap wilayahnya"),
    ("clarify-next", j.clarify, "Kota Lubuklinggau", "clarify", "periode/tahun"),
    ("clarify-skip", j.clarify, "lewati", "clarify", "periode/tahun"),
    ("clarify-yes", j.clarify, "ya", "clarify", "belum menangkap wilayahnya"),
    ("clarify-missed-twice", lambda app: _said(j.clarify(app), "saya tidak ngerti"), "hmm ga ngerti", "clarify",
     "petugas akan menanyakannya"),
    ("confirm-yes", j.confirm_request, "iya betul", "waiting", "PST-"),
    ("confirm-correction", j.confirm_request, "periodenya 2020-2023 aja", "confirm_request", "Periode: 2020–2023"),
    ("confirm-no", j.confirm_request, "bukan", "confirm_request", "Bagian mana yang perlu diubah"),
    ("confirm-never-mind", j.confirm_request, "gak jadi deh", "ready", "tidak apa-apa"),
    ("confirm-greeting", j.confirm_request, "halo", "confirm_request", "Bagian mana"),
    ("results-correction-complete", j.results,
     "bukan itu, saya cari data jumlah sapi perah kota lubuklinggau 2023 untuk skripsi", "confirm_request",
     "Wilayah: Kota Lubuklinggau"),
    ("confirm-cancel", j.confirm_request, "BATAL", "ready", "Dibatalkan"),
    ("waiting-attach", j.waiting, "tambahan: per kecamatan", "waiting", "ditambahkan ke tiket"),
    ("handoff-silent", j.handoff, "baik pak, terima kasih", "handoff", ""),
    ("rating-ok", j.rating, "3", "comment", "nilai 3 (baik)"),
    ("rating-bad", j.rating, "lima", "rating", "angka 1, 2, 3, atau 4"),
    ("comment-skip-low", lambda app: j.comment(app, "2"), "lewati", "offer_complaint", "pengaduan"),
    ("comment-skip", j.comment, "lewati", "ready", "Terima kasih atas penilaian"),
    ("comment-no-low", lambda app: j.comment(app, "1"), "tidak", "offer_complaint", "pengaduan"),
    ("comment-no", j.comment, "tidak", "ready", "Terima kasih atas penilaian"),
    ("comment-low", lambda app: j.comment(app, "1"), "Lama sekali dijawab", "offer_complaint", "pengaduan"),
    ("comment", j.comment, "Cepat dan jelas", "ready", "Terima kasih atas penilaian"),
    ("offer-yes", j.offer_complaint, "ya", "complaint", "tulis pengaduan"),
    ("offer-no", j.offer_complaint, "tidak", "ready", "Terima kasih atas penilaian"),
    ("complaint-short", j.complaint, "jelek", "complaint", "satu atau dua kalimat"),
    ("complaint-filed", j.complaint, "Petugas tidak membalas tiga hari.", "ready", "sudah kami catat"),
    ("complaint-again", j.complaint, "PENGADUAN", "complaint", "tulis pengaduan"),
    ("complaint-done", j.complaint, "selesai", "complaint", "tulis pengaduan"),
    ("help-registering", j.ask_email, "BANTUAN", "ask_email", "nama, e-mail aktif"),
    ("help", j.ready, "bantuan", "ready", "Cara memakai layanan"),
    ("help-clarify", j.clarify, "bantuan", "clarify", "Untuk wilayah mana"),
    ("help-results", j.results, "?", "results", "Apakah ini membantu? Balas YA atau TIDAK"),
    ("help-rating", j.rating, "BANTUAN", "rating", "Balas dengan angka 1–4"),
    ("status-registering", j.ask_email, "STATUS", "ask_email", "belum terdaftar"),
    ("status", j.waiting, "status", "waiting", "PST-"),
    ("menu-registering", j.ask_email, "menu", "ask_email", "e-mail aktif"),
    ("menu-consulting", j.waiting, "menu", "waiting", "masih terbuka"),
    ("menu", j.results, "MENU", "ready", "tulis pertanyaan"),
    ("cancel-registering", j.ask_email, "batal", "new", "Pendaftaran dibatalkan"),
    ("cancel-ticket", j.handoff, "batal", "ready", "dibatalkan"),
    ("cancel-nothing", j.ready, "batal", "ready", "Tidak ada yang perlu dibatalkan"),
    ("cancel", j.clarify, "batal", "ready", "Dibatalkan"),
    ("cancel-complaint", lambda app: _complaint_from(j.ask_email(app)), "batal", "ask_email", "e-mail aktif"),
    ("menu-complaint", lambda app: _complaint_from(j.waiting(app)), "menu", "waiting", "masih terbuka"),
    ("complaint-when-offered", j.offer_complaint, "pengaduan", "complaint", "tulis pengaduan"),
    ("complaint-command", j.handoff, "pengaduan", "complaint", "tulis pengaduan"),
    ("done-consulting", j.waiting, "selesai", "rating", "penilaian"),
    ("complaint-in-words", j.ready, "min sy kecewa bgt, kemarin ke kantor petugasnya jutek, mau ngadu", "ready",
     "ADU-20"),
    ("complaint-in-comment", lambda app: j.comment(app, "1"), "petugasnya lambat bgt, sy kecewa, tolong ditindak",
     "ready", "ADU-20"),
    ("complaint-wish", j.ready, "sy mau ngadu min", "complaint", "tulis pengaduan"),
    ("complaint-command-new", j.new, "PENGADUAN", "complaint", "tulis pengaduan"),
    ("offer-yes-after-comment", lambda app: _say(j.comment(app, "1"), "Lama sekali dijawab"), "ya", "ready",
     "ADU-20"),
    ("done", j.ready, "selesai", "closed", "Sampai jumpa"),
]


def _later(citizen, hours):
    from bot import clock
    import datetime as dt

    clock.freeze(clock.now() + dt.timedelta(hours=hours))
    return citizen


def _said(citizen, text):
    citizen.say(text)
    return citizen


def _which(citizen):
    """Back after a day with a question: "for ticket X, or new?"."""
    _later(citizen, 25).say("ada data jumlah sapi perah per kecamatan?")
    assert citizen.state() == "which_ticket"
    return citizen


def _wrong_codes(citizen, times):
    for _ in range(times):
        citizen.say("000000")
    return citizen


def _say(citizen, *texts):
    for text in texts:
        citizen.say(text)
    return citizen


def _complaint_from(citizen):
    citizen.say("pengaduan")
    return citizen


def _phone_owner(app):
    owner = j.ask_phone(app)
    owner.say("081300000001")
    return j.ask_phone(app)


def _said(citizen, text):
    citizen.say(text)
    return citizen


def _proved_elsewhere(app):
    """A mail address stopped at the notice; its owner then registers it on WhatsApp by code."""
    from tests.talk import Citizen, mailed_code

    mail = Citizen(app, Channel.EMAIL.value, "dewi.k@example.org")
    mail.say("halo")
    phone = j.ask_email(app)
    phone.say("dewi.k@example.org")
    phone.say(mailed_code(phone))
    return mail


def _cancelled(citizen):
    citizen.say("batal")
    return citizen


def _old_notice(citizen):
    """The citizen agreed to an older version of the privacy notice."""
    from sqlalchemy import update

    from bot.models import Consent

    with citizen.app.app_context(), citizen.app.extensions["db"].session() as s:
        s.execute(update(Consent).values(notice_version="2020-01"))
        s.commit()
    return citizen


def _known_again(app):
    c = j.ready(app)
    c.say("selesai")  # ends the conversation; the next message starts a new one
    return c


@pytest.mark.parametrize("reach,message,state,words", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_transition(app, knowledge, reach, message, state, words):
    """The message moves the conversation to the expected state with the expected answer."""
    citizen = reach(app)
    reply = citizen.say(message)
    assert citizen.state() == state
    assert words in reply
    if not words:
        assert reply == ""


def test_table_rows_all_exercised(app, knowledge, caplog):
    """The cases above plus officer and deadline events reach every row of the table."""
    caplog.set_level(logging.DEBUG, logger="bot.engine")
    for _, reach, message, _, _ in CASES:
        reach(app).say(message)
    _events_from_outside(app)
    fired = {int(m) for m in re.findall(r"row (\d+):", caplog.text)}
    missing = [f"{i}: {TABLE[i].source} {TABLE[i].event} {TABLE[i].guards}" for i in range(len(TABLE))
               if i not in fired]
    assert not missing, "rows never exercised:\n" + "\n".join(missing)


def _events_from_outside(app):
    """Officer reply outside a consultation state, inactivity with and without a ticket, a closed conversation."""
    from bot import clock, inbox, pipeline, services
    from bot.envelope import Inbound
    from bot.states import Event
    from bot.models import Conversation

    c = j.waiting(app)
    c.say("pengaduan")  # in the complaint detour while the officer answers
    j.officer_event(app, c)
    with app.app_context(), app.extensions["db"].session() as s:
        for conv in s.query(Conversation).filter(Conversation.state.in_(("complaint", "ready"))).all():
            services.engine(s).fire(conv, Event.INACTIVITY_CLOSE)
        s.commit()
    late = j.ready(app)
    with app.app_context(), app.extensions["db"].session() as s:  # a message stored just before the close
        message, _ = inbox.accept(s, Inbound(late.channel, late.address, "halo lagi", "late-1", clock.now()))
        conv = s.get(Conversation, message.conversation_id)
        services.engine(s).fire(conv, Event.INACTIVITY_CLOSE)
        s.commit()
        pipeline.process(s, message.id)
        s.commit()
        assert s.get(Conversation, message.conversation_id).ended_at is None
    rating = j.rating(app)  # a button of a prompt the conversation has left behind (bot.choices)
    assert "sebelumnya" in rating.say("Ya", meta={"tap": "0.1.yes"}) and rating.state() == "rating"
    with app.app_context(), app.extensions["db"].session() as s:  # the same ticket closed again: not rated twice
        from bot.models import Consultation

        assert pipeline.close(s, s.get(Consultation, j.consultation_of(app, rating).id)) == []
        s.commit()
