"""The request a ticket keeps: its kind, what that kind needs, which answers fit, and corrections."""
from __future__ import annotations

import pytest

from bot.request import (CLASSIFICATION, CONCEPT, DATA, OPEN, OTHER, SERVICE, Request, area, kind_of, period,
                         plausible)


@pytest.mark.parametrize("text,kind", [
    ("kode kbli untuk usaha laundry", CLASSIFICATION), ("KBJI guru honorer", CLASSIFICATION),
    ("kbli buat jualan pulsa apa ya kak", CLASSIFICATION), ("what is the KBLI code for a bakery", CLASSIFICATION),
    ("apa itu garis kemiskinan", CONCEPT), ("cara hitung inflasi", CONCEPT), ("gmn cara menghitung ipm", CONCEPT),
    ("what is the poverty line", CONCEPT), ("how is the unemployment rate calculated", CONCEPT),
    ("cara minta surat rekomendasi", SERVICE), ("jam buka PST", SERVICE), ("syarat minta data ke bps apa aja", SERVICE),
    ("what are the office hours", SERVICE),
    ("data jumlah sapi perah", DATA), ("brp penduduk llg 2023", DATA), ("population of lubuklinggau 2020", DATA),
    ("mau nanya dong kak", OTHER),
])
def test_kind_is_read_from_the_citizens_words(text, kind):
    assert kind_of(text) == kind


@pytest.mark.parametrize("question,asked", [
    ("data jumlah sapi perah", ["area", "period", "purpose"]),
    ("jumlah penduduk miskin kota lubuklinggau tahun 2023", ["purpose"]),
    ("data ipm llg 2019-2023 untuk skripsi", []),
    ("kode kbli untuk usaha laundry", []),  # the business is in the question; area and period make no sense
    ("kode kbli apa ya", ["data"]),  # which business: one question
    ("apa itu garis kemiskinan", []),
    ("jam buka PST", []),
    ("mau minta data dong", ["data", "area", "period", "purpose"]),
])
def test_only_what_the_kind_needs_and_the_question_lacks_is_asked(question, asked):
    request, seen = Request.start(question), []
    while request.next_detail():
        seen.append(request.next_detail())
        setattr(request, seen[-1], OPEN)
    assert seen == asked


def test_classification_keeps_no_purpose_read_from_untuk_usaha():
    """"untuk usaha laundry" names the business, not what the code is for."""
    request = Request.start("kode kbli untuk usaha laundry")
    assert (request.type, request.purpose, request.area) == (CLASSIFICATION, None, None)


def test_letter_purpose_fills_the_request():
    assert Request.start("data jumlah sapi perah", {"purpose": "penelitian"}).purpose == "penelitian"
    assert Request.start("data ipm untuk skripsi", {"purpose": "penelitian"}).purpose == "skripsi"


@pytest.mark.parametrize("text,value", [
    ("2023", "2023"), ("2020-2023", "2020–2023"), ("dari 2019 sampai 2023 kak", "2019–2023"),
    ("terbaru aja", "terbaru"), ("5 tahun terakhir", "5 tahun terakhir"), ("last 5 years", "last 5 years"),
    ("latest please", "latest"), ("2019 dan 2021", "2019, 2021"),
    ("saya tidak ngerti", None), ("maksudnya?", None), ("kota lubuklinggau", None), ("ya", None), ("asdfgh", None),
])
def test_a_period_answer_names_years_a_range_or_recent(text, value):
    assert plausible("period", text) == value


@pytest.mark.parametrize("text,value", [
    ("kec lubuklinggau barat 1", "Kecamatan Lubuklinggau Barat I"), ("llg timur 2", "Kecamatan Lubuklinggau Timur II"),
    ("lubuklinggau aja", "Kota Lubuklinggau"), ("sumsel", "Provinsi Sumatera Selatan"),
    ("Musi Rawas", "Musi Rawas"), ("kelurahan petanang", "kelurahan petanang"), ("di jakarta aja", "jakarta"),
    ("saya tidak ngerti", None), ("apa maksudnya", None), ("kenapa harus ada wilayah?", None), ("x", None),
    ("qwrtyp", None), ("2023", None),
])
def test_an_area_answer_names_a_place(text, value):
    assert plausible("area", text) == value


@pytest.mark.parametrize("detail,text,value", [
    ("purpose", "buat skripsi kak", "skripsi"), ("purpose", "tugas kuliah", "tugas kuliah"),
    ("purpose", "untuk penelitian tentang UMKM", "penelitian tentang UMKM"),
    ("purpose", "for my thesis", "thesis"), ("purpose", "kenapa harus?", None), ("purpose", "bingung", None),
    ("data", "jumlah UMKM per kecamatan", "jumlah UMKM per kecamatan"), ("data", "oke", None),
    ("data", "data dong", None),
])
def test_purpose_and_data_answers(detail, text, value):
    assert plausible(detail, text) == value


def test_a_miss_is_asked_again_once_then_left_open():
    request = Request.start("data jumlah sapi perah")
    assert request.answer("area", "saya tidak ngerti") == "missed" and request.area is None
    assert request.answer("area", "hmm apa ya?") == "open" and request.area == OPEN
    assert request.next_detail() == "period" and request.reasked is None


def test_dont_know_leaves_a_detail_open_at_once_but_not_the_data():
    request = Request.start("mau minta data dong")
    assert request.answer("data", "tidak tahu") == "missed"
    assert request.answer("area", "gak tau") == "open" and request.area == OPEN


def test_an_answer_carries_other_details_too():
    """Asked the area, "kec llg timur 1 tahun 2022 buat skripsi" answers the period and purpose as well."""
    request = Request.start("data jumlah sapi perah")
    assert request.answer("area", "kec llg timur 1 tahun 2022 buat skripsi") == "taken"
    assert (request.area, request.period, request.purpose) == ("Kecamatan Lubuklinggau Timur I", "2022", "skripsi")
    assert request.next_detail() is None


@pytest.mark.parametrize("text,meant,changed", [
    ("periodenya 2020-2023 aja", None, {"period": "2020–2023"}),
    ("bukan, wilayahnya Lubuklinggau Timur", "wilayahnya Lubuklinggau Timur", {"area": "Kecamatan Lubuklinggau Timur"}),
    ("no, for my thesis", "for my thesis", {"purpose": "thesis"}),
    ("tahunnya 2021 dan wilayahnya sumsel", None, {"period": "2021", "area": "Provinsi Sumatera Selatan"}),
    ("bukan, saya cari data UMKM", "data UMKM", {"data": "data UMKM"}),
    ("keperluannya buat laporan kantor", None, {"purpose": "laporan kantor"}),
])
def test_a_correction_changes_what_it_names(text, meant, changed):
    request = Request.start("data jumlah sapi perah kota lubuklinggau 2023 untuk penelitian")
    before = request.to_dict()
    assert request.correct(text, meant)
    after = request.to_dict()
    assert {k: v for k, v in after.items() if before[k] != v} == changed


@pytest.mark.parametrize("text", ["tidak", "bukan", "salah", "hmm"])
def test_a_no_without_anything_usable_changes_nothing(text):
    request = Request.start("data jumlah sapi perah kota lubuklinggau 2023 untuk penelitian")
    assert not request.correct(text)


def test_round_trip_and_old_context():
    request = Request.start("data ipm llg 2019-2023 untuk skripsi")
    assert Request.from_dict(request.to_dict()) == request
    old = Request.from_dict({"data_needed": "data sapi", "area": "Kota Lubuklinggau", "period": None, "purpose": ""})
    assert (old.type, old.question, old.data, old.next_detail()) == (DATA, "data sapi", "data sapi", "period")


def test_area_and_period_helpers():
    assert area("penduduk miskin kec. lubuklinggau barat 2023") == "Kecamatan Lubuklinggau Barat"
    assert period("data ipm llg 2019 sampai 2023") == "2019–2023"
    assert period("kemiskinan") is None


def test_a_conversation_from_before_asks_the_detail_it_was_at(app, knowledge):
    """A conversation left in CLARIFY with the old context (``asking: data_needed``) goes on without an error."""
    from bot.models import Conversation
    from tests import journeys as j

    c = j.clarify(app)
    with app.app_context(), app.extensions["db"].session() as s:
        conversation = s.query(Conversation).order_by(Conversation.id.desc()).first()
        conversation.context = {**conversation.context, "asking": "data_needed",
                                "request": {"data_needed": j.NOT_FOUND, "area": None, "period": None, "purpose": None}}
        s.commit()
    assert "wilayah mana" in c.say("bantuan")
    assert "periode/tahun" in c.say("kota lubuklinggau")
