"""Officers correct a ticket's request: fields and type saved, each change kept, stale saves refused."""
from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from bot import personal_data
from bot.console import conversation, i18n, request_form
from bot.models import AccessLog, Consultation, RequestChange
from tests.console_support import db, login, make_officer, open_ticket, post

STALE = "Petugas lain mengubah permintaan ini lebih dulu."


@pytest.fixture
def ticket(app, client):
    """A WhatsApp ticket ("berapa jumlah penduduk miskin …, untuk skripsi") and officer Siti logged in."""
    make_officer(app, "siti", name="Siti Aminah")
    _, number = open_ticket(app)
    login(client)
    return number


def _form(client, number: str) -> dict:
    """The edit form's fields as the ticket page renders them."""
    return _form_from(client.get(f"/console/t/{number}").get_data(as_text=True))


def _form_from(page: str) -> dict:
    """The edit form's fields (version included) as a browser would post them."""
    form = page[page.index('id="request-form"'):]
    form = form[:form.index("</form>")]
    values = dict(re.findall(r'<input name="(\w+)" maxlength="\d+" value="([^"]*)"', form))
    values |= dict(re.findall(r'<textarea name="(\w+)"[^>]*>([^<]*)</textarea>', form))
    values["type"] = re.search(r'<option value="(\w*)" selected>', form).group(1)
    values["version"] = re.search(r'name="version" value="(\d+)"', form).group(1)
    return values


def _ticket(app, number: str) -> Consultation:
    with db(app) as session:
        return session.scalar(select(Consultation).where(Consultation.ticket == number))


def _changes(app) -> list[tuple]:
    with db(app) as session:
        return [(c.field, c.old, c.new) for c in session.scalars(select(RequestChange).order_by(RequestChange.id))]


def test_officer_corrects_the_request_and_the_history_shows_who_changed_what(app, client, ticket):
    """Only the fields that differ become history rows; the page shows old → new, the type as a label."""
    form = _form(client, ticket)
    assert form["type"] == "data" and form["area"] == "Kecamatan Lubuklinggau Barat" and form["period"] == "2023"
    response = post(client, f"/console/t/{ticket}/request",
                    {**form, "type": "classification", "area": "  Kota   Lubuklinggau ", "purpose": ""},
                    follow_redirects=True)
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Permintaan disimpan." in page
    saved = _ticket(app, ticket)
    assert (saved.request_type, saved.area, saved.purpose, saved.period) == (
        "classification", "Kota Lubuklinggau", None, "2023")
    assert _changes(app) == [("type", "data", "classification"),
                             ("area", "Kecamatan Lubuklinggau Barat", "Kota Lubuklinggau"),
                             ("purpose", "skripsi", None)]
    history = page[page.index('id="request-history"'):]
    assert "Siti Aminah" in history and "<del>permintaan data</del> → <ins>kode klasifikasi</ins>" in history
    assert "<del>skripsi</del> → <ins>–</ins>" in history
    assert re.search(r"Jenis permintaan</dt><dd>kode klasifikasi</dd>", page)


def test_saving_unchanged_form_writes_nothing(app, client, ticket):
    response = post(client, f"/console/t/{ticket}/request", _form(client, ticket), follow_redirects=True)
    assert "Tidak ada yang berubah." in response.get_data(as_text=True) and _changes(app) == []


def test_edit_is_audited_without_content(app, client, ticket):
    """Changing the citizen's words is an action on their data: one access-log row, ids only."""
    post(client, f"/console/t/{ticket}/request", {**_form(client, ticket), "data": "jumlah UMKM per kecamatan"})
    consultation_id = _ticket(app, ticket).id
    with db(app) as session:
        (row,) = session.scalars(select(AccessLog).where(AccessLog.action == "edit_request"))
        assert row.consultation_id == consultation_id and row.actor == "siti" and row.reason is None


@pytest.mark.parametrize("field,value,message", [
    ("question", "x" * 1001, "Pertanyaan terlalu panjang."),
    ("area", "a" * 256, "Daerah terlalu panjang."),
    ("question", "   ", "Pertanyaan wajib diisi."),
    ("type", "bogus", "Jenis permintaan tidak dikenal."),
])
def test_invalid_field_is_named_and_the_input_kept(app, client, ticket, field, value, message):
    """A bad field is refused (400) with its name; what the officer typed elsewhere stays in the form."""
    form = {**_form(client, ticket), "period": "2019-2023", field: value}
    response = post(client, f"/console/t/{ticket}/request", form)
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and message in page
    assert 'value="2019-2023"' in page and 'aria-invalid="true"' in page
    assert _changes(app) == [] and _ticket(app, ticket).period == "2023"


def test_limits_are_the_columns_limits(app, client, ticket):
    """At the limit is fine (and fits the column on PostgreSQL too)."""
    response = post(client, f"/console/t/{ticket}/request",
                    {**_form(client, ticket), "question": "q" * 1000, "period": "p" * 255})
    assert response.status_code == 302
    saved = _ticket(app, ticket)
    assert len(saved.question) == 1000 and len(saved.period) == 255


def test_stale_edit_is_refused_with_the_other_change_shown(app, client, ticket):
    """Rudi saves while Siti's form is open: Siti's save is refused (409), Rudi's change is shown, Siti's
    input is kept, and saving again (now on the current version) goes through."""
    mine = _form(client, ticket)
    make_officer(app, "rudi", name="Rudi Hartono")
    other = FlaskClient(app, use_cookies=True)
    login(other, "rudi")
    assert post(other, f"/console/t/{ticket}/request", {**mine, "period": "2020-2023"}).status_code == 302

    response = post(client, f"/console/t/{ticket}/request", {**mine, "area": "Kota Lubuklinggau"})
    page = response.get_data(as_text=True)
    assert response.status_code == 409 and STALE in page
    others = page[page.index('id="request-others"'):]
    assert "Rudi Hartono" in others[:others.index("</ul>")] and "<ins>2020-2023</ins>" in others
    assert 'value="Kota Lubuklinggau"' in page  # Siti's input survives
    assert _ticket(app, ticket).area == "Kecamatan Lubuklinggau Barat" and _ticket(app, ticket).period == "2020-2023"

    again = _form_from(page)
    assert again["period"] == "2020-2023"  # what she did not touch shows Rudi's value, not her stale one
    assert post(client, f"/console/t/{ticket}/request", again).status_code == 302
    saved = _ticket(app, ticket)
    assert (saved.area, saved.period) == ("Kota Lubuklinggau", "2020-2023")
    assert [c[0] for c in _changes(app)] == ["period", "area"]


def test_stale_edit_of_the_same_field_keeps_the_officers_input(app, client, ticket):
    """Both changed the period: Siti sees Rudi's value in the notice and her own in the form."""
    mine = _form(client, ticket)
    make_officer(app, "rudi", name="Rudi Hartono")
    other = FlaskClient(app, use_cookies=True)
    login(other, "rudi")
    post(other, f"/console/t/{ticket}/request", {**mine, "period": "2020-2023"})
    page = post(client, f"/console/t/{ticket}/request", {**mine, "period": "2015"}).get_data(as_text=True)
    assert "<ins>2020-2023</ins>" in page and _form_from(page)["period"] == "2015"


def test_any_officer_may_edit_but_only_when_logged_in_and_with_csrf(app, client, ticket):
    """A plain officer who does not hold the ticket may correct it; no login or no CSRF token changes nothing."""
    form = _form(client, ticket)
    assert _ticket(app, ticket).assigned_officer_id is None
    anonymous = FlaskClient(app, use_cookies=True)
    assert anonymous.post(f"/console/t/{ticket}/request", data={**form, "area": "X"}).status_code in (302, 400)
    assert client.post(f"/console/t/{ticket}/request", data={**form, "area": "X"}).status_code == 400
    assert _changes(app) == []
    make_officer(app, "rudi", name="Rudi Hartono")
    login(client, "rudi")
    assert post(client, f"/console/t/{ticket}/request", {**form, "area": "Musi Rawas"}).status_code == 302
    assert _changes(app) == [("area", "Kecamatan Lubuklinggau Barat", "Musi Rawas")]


def test_erasure_blanks_the_history_and_closes_the_form(app, client, ticket):
    post(client, f"/console/t/{ticket}/request", {**_form(client, ticket), "data": "data UMKM milik Budi"})
    with db(app) as session:
        consultation = session.scalar(select(Consultation).where(Consultation.ticket == ticket))
        personal_data.erase_citizen(session, consultation.citizen, consultation.opened_at,
                                    app.config["SETTINGS"].var_path, "request")
        session.commit()
    assert _changes(app) == [("data", personal_data.ERASED, personal_data.ERASED)]
    page = client.get(f"/console/t/{ticket}").get_data(as_text=True)
    assert "milik Budi" not in page and 'id="request-form"' not in page
    response = post(client, f"/console/t/{ticket}/request", {"question": "baru", "version": "1"})
    assert response.status_code == 302 and _ticket(app, ticket).question == personal_data.ERASED


def test_english_console_names_fields_and_types_in_english(app, client, ticket):
    """The error messages (kept in a dict the phrase scan cannot see) and the type labels read in English."""
    assert all(phrase in i18n.EN for phrase in [*conversation.REQUEST_ERRORS.values(),
                                                *request_form.TYPE_LABELS.values(), *request_form.FIELD_LABELS.values()])
    post(client, "/console/lang", {"lang": "en", "next": "/console/"})
    response = post(client, f"/console/t/{ticket}/request", {**_form(client, ticket), "area": "a" * 300})
    page = response.get_data(as_text=True)
    assert "Area is too long." in page and "Correct the request" in page and ">data request</option>" in page
