"""Transfer with a reason, the receiver's notice and mail, supervisors' availability switch and takeover."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import select

from bot import assignment, clock, create_app
from bot.models import Consultation, Handover, Message, Officer
from tests.console_support import db, login, make_officer, open_ticket, post
from tests.support.office_time import WEDNESDAY_10

SMTP = {"SMTP_HOST": "127.0.0.1", "SMTP_PORT": "2525"}  # nothing is sent here: the outbox rows are checked


@pytest.fixture(autouse=True)
def open_office():
    clock.freeze(WEDNESDAY_10)


def _give(app, ticket: str, officer_id: int) -> None:
    with db(app) as session:
        consultation = session.scalar(select(Consultation).where(Consultation.ticket == ticket))
        assert assignment.assign(session, consultation, session.get(Officer, officer_id))
        session.commit()


def _holder(app, ticket: str):
    with db(app) as session:
        return session.scalar(select(Consultation.assigned_officer_id).where(Consultation.ticket == ticket))


def _handovers(app) -> list[tuple]:
    with db(app) as session:
        return [(h.kind, h.by_officer_id, h.from_officer_id, h.to_officer_id, h.reason) for h in
                session.scalars(select(Handover).where(Handover.kind != "auto").order_by(Handover.id))]


@pytest.mark.parametrize("actor,role,allowed", [
    ("siti", "officer", True),  # the holder transfers
    ("andi", "officer", False),  # not the holder
    ("boss", "supervisor", True),  # supervisors assign anything
])
def test_who_may_transfer(app, client, actor, role, allowed):
    """Holders transfer, supervisors assign, other officers cannot; each move is recorded with its reason."""
    siti, rudi = make_officer(app, "siti", available=False), make_officer(app, "rudi", available=False)
    if actor != "siti":
        make_officer(app, actor, role=role, available=False)
    _, ticket = open_ticket(app)
    _give(app, ticket, siti)
    login(client, actor)
    post(client, f"/console/t/{ticket}/assign", {"officer_id": rudi, "reason": "Rudi pegang data kemiskinan"})
    assert _holder(app, ticket) == (rudi if allowed else siti)
    kind = "transfer" if actor == "siti" else "assign"
    assert len(_handovers(app)) == 2 if allowed else 1  # the setup's assign, then this one
    if allowed:
        assert _handovers(app)[-1][0] == kind and _handovers(app)[-1][2:] == (siti, rudi, "Rudi pegang data kemiskinan")


@pytest.mark.parametrize("form,field", [
    ({"reason": ""}, "reason"), ({"reason": "   \r\n "}, "reason"), ({"reason": "x" * 1001}, "reason"),
    ({"officer_id": ""}, "officer"), ({"officer_id": "999999"}, "officer"), ({"officer_id": "abc"}, "officer"),
])
def test_bad_transfer_is_refused_with_input_kept(app, client, form, field):
    """No reason, a reason too long, or no such officer: 400, the field named, the typed reason kept, no move."""
    siti, rudi = make_officer(app, "siti", available=False), make_officer(app, "rudi", available=False)
    _, ticket = open_ticket(app)
    _give(app, ticket, siti)
    login(client, "siti")
    response = post(client, f"/console/t/{ticket}/assign", {"officer_id": rudi, "reason": "ok", **form})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    marked = re.findall(r'name="(\w+)"[^>]*aria-invalid="true"', page)
    assert marked == ["reason" if field == "reason" else "officer_id"]
    if field == "officer":
        assert ">ok</textarea>" in page
    assert _holder(app, ticket) == siti and len(_handovers(app)) == 1


def test_transfer_list_shows_availability_and_load(app, client):
    """Each colleague in the list says whether they are available and how many open tickets they hold."""
    siti = make_officer(app, "siti", name="Siti Aminah", available=False)
    make_officer(app, "rudi", name="Rudi Hartono", available=True)
    make_officer(app, "root", name="Root Admin", role="admin")
    _, ticket = open_ticket(app)
    _give(app, ticket, siti)
    login(client, "siti")
    page = client.get(f"/console/t/{ticket}").get_data(as_text=True)
    assert "Rudi Hartono · tersedia · 0 tiket terbuka" in page
    assert "Root Admin" not in page.split('id="transfer"')[1].split("</form>")[0]  # admins take no tickets


def test_receiver_is_told_in_the_inbox_until_they_open_the_ticket(app, client):
    """The receiver's inbox names the ticket, the sender and the reason; opening the ticket clears it."""
    siti = make_officer(app, "siti", name="Siti Aminah", available=False)
    make_officer(app, "rudi", name="Rudi Hartono", available=False)
    _, ticket = open_ticket(app)
    _give(app, ticket, siti)
    login(client, "siti")
    with db(app) as session:
        rudi = session.scalar(select(Officer.id).where(Officer.username == "rudi"))
    post(client, f"/console/t/{ticket}/assign", {"officer_id": rudi, "reason": "Cuti besok"})
    receiver = app.test_client()
    login(receiver, "rudi")
    inbox = receiver.get("/console/").get_data(as_text=True)
    assert f"Tiket {ticket} dialihkan kepada Anda oleh Siti Aminah" in inbox and "Cuti besok" in inbox
    ticket_page = receiver.get(f"/console/t/{ticket}").get_data(as_text=True)
    assert 'id="handovers"' in ticket_page and "Cuti besok" in ticket_page and "Dialihkan" in ticket_page
    assert "dialihkan kepada Anda" not in receiver.get("/console/").get_data(as_text=True)


def test_receiver_with_an_address_gets_a_mail(env):
    """With SMTP configured, a receiver who has an e-mail address gets a staff mail naming the reason."""
    app = create_app({**env, **SMTP})
    client = app.test_client()
    siti = make_officer(app, "siti", available=False)
    rudi = make_officer(app, "rudi", available=False)
    with db(app) as session:
        session.get(Officer, rudi).email = "rudi@bps.example"
        session.commit()
    _, ticket = open_ticket(app)
    _give(app, ticket, siti)
    login(client, "siti")
    post(client, f"/console/t/{ticket}/assign", {"officer_id": rudi, "reason": "Data sektoral"})
    with db(app) as session:
        mails = session.scalars(select(Message).where(Message.address == "rudi@bps.example")).all()
    assert len(mails) == 1
    assert mails[0].meta["notice"] == "handover" and "Data sektoral" in mails[0].body and ticket in mails[0].meta["subject"]
    app.extensions["db"].engine.dispose()


def test_supervisor_sets_a_colleagues_availability(app, client):
    """A supervisor switches Rudi off; Rudi's own switch is on the team page; an officer cannot switch others."""
    make_officer(app, "boss", role="supervisor")
    rudi = make_officer(app, "rudi")
    make_officer(app, "siti")
    login(client, "boss")
    post(client, f"/console/team/{rudi}/availability", {"available": "0"})
    with db(app) as session:
        assert session.get(Officer, rudi).available is False
    assert "Tidak tersedia" in client.get("/console/team/").get_data(as_text=True)
    officer = app.test_client()
    login(officer, "siti")
    assert post(officer, f"/console/team/{rudi}/availability", {"available": "1"}).status_code == 403
    with db(app) as session:
        assert session.get(Officer, rudi).available is False


def test_supervisor_opts_in(app, client):
    """The opt-in button flips the supervisor's own round-robin participation."""
    boss = make_officer(app, "boss", role="supervisor")
    login(client, "boss")
    post(client, "/console/team/opt-in", {"opt_in": "1"})
    with db(app) as session:
        assert session.get(Officer, boss).supervisor_opt_in is True
    assert "Berhenti ikut pembagian otomatis" in client.get("/console/team/").get_data(as_text=True)


def test_takeover_of_an_overdue_ticket(app, client):
    """Not before the due time; once overdue, one click gives it to the supervisor, on the timeline."""
    siti = make_officer(app, "siti", available=False)
    boss = make_officer(app, "boss", role="supervisor", available=False)
    _, ticket = open_ticket(app)
    _give(app, ticket, siti)
    login(client, "boss")
    assert 'id="takeover"' not in client.get(f"/console/t/{ticket}").get_data(as_text=True)
    post(client, f"/console/t/{ticket}/takeover")
    assert _holder(app, ticket) == siti
    clock.freeze(WEDNESDAY_10 + dt.timedelta(days=14))
    assert 'id="takeover"' in client.get(f"/console/t/{ticket}").get_data(as_text=True)
    post(client, f"/console/t/{ticket}/takeover")
    assert _holder(app, ticket) == boss
    assert _handovers(app)[-1][:4] == ("takeover", boss, siti, boss)
    assert "Diambil alih" in client.get(f"/console/t/{ticket}").get_data(as_text=True)


def test_officer_cannot_take_over(app, client):
    """Takeover is a supervisor's act: an officer gets 403 and the ticket stays."""
    siti = make_officer(app, "siti", available=False)
    make_officer(app, "andi", available=False)
    _, ticket = open_ticket(app)
    _give(app, ticket, siti)
    clock.freeze(WEDNESDAY_10 + dt.timedelta(days=14))
    login(client, "andi")
    assert post(client, f"/console/t/{ticket}/takeover").status_code == 403
    assert _holder(app, ticket) == siti
