"""Personal data in the console: supervisors export and erase, admins read the access log, all audited."""
from __future__ import annotations

import json
import logging

import pytest
from sqlalchemy import select

from bot.models import AccessLog, Citizen, Consultation
from tests.console_support import db, login, make_officer, open_ticket, post


def _citizen_id(app) -> int:
    with db(app) as s:
        return s.scalar(select(Citizen.id))


def _log(app) -> list[tuple]:
    with db(app) as s:
        return [(r.action, r.actor, r.reason) for r in s.scalars(select(AccessLog).order_by(AccessLog.id))]


@pytest.fixture
def ticket(app):
    return open_ticket(app)[1]


@pytest.mark.parametrize("path", ["export", "erase"])
def test_plain_officer_may_not_export_or_erase(app, client, ticket, path):
    """An officer without the supervisor role gets 403 and the citizen's data stays."""
    make_officer(app)
    login(client)
    response = post(client, f"/console/citizens/{_citizen_id(app)}/{path}",
                    {"how": "download", "reason": "iseng", "confirm": "yes"})
    assert response.status_code == 403
    with db(app) as s:
        assert s.scalar(select(Citizen.name)) == "Budi Santoso"
    assert not [a for a in _log(app) if a[0] in ("export", "erase")]


def test_supervisor_sees_the_controls_and_an_officer_does_not(app, client, ticket):
    """The personal data box shows on the consultation page for supervisors only."""
    make_officer(app, "ani", role="supervisor")
    make_officer(app, "siti")
    login(client, "ani")
    assert "Hapus data warga" in client.get(f"/console/t/{ticket}").get_data(as_text=True)
    client.post("/console/logout", data={})
    other = app.test_client()
    login(other, "siti")
    assert "Hapus data warga" not in other.get(f"/console/t/{ticket}").get_data(as_text=True)


def test_supervisor_downloads_the_export_and_it_is_audited(app, client, ticket):
    """The JSON download holds the profile and tickets; the access log records who and why."""
    make_officer(app, "ani", role="supervisor")
    login(client, "ani")
    response = post(client, f"/console/citizens/{_citizen_id(app)}/export",
                    {"how": "download", "reason": "permintaan warga di loket"})
    assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    data = json.loads(response.get_data(as_text=True))
    assert data["profile"]["name"] == "Budi Santoso" and data["tickets"][0]["ticket"] == ticket
    assert ("export", "ani", "permintaan warga di loket") in _log(app)


def test_supervisor_mails_the_export_to_the_proven_address(app, client, ticket):
    """"Send to e-mail" queues one mail to the verified address and logs it."""
    from bot.models import Message

    make_officer(app, "ani", role="supervisor")
    login(client, "ani")
    post(client, f"/console/citizens/{_citizen_id(app)}/export", {"how": "mail"})
    with db(app) as s:
        (mail,) = s.scalars(select(Message).where(Message.body.like("%Budi Santoso%"), Message.channel == "email",
                                                  Message.direction == "out", Message.author == "system")).all()
        assert mail.address == "budi@example.org"
    assert [a[0] for a in _log(app)].count("export_mail") == 1


@pytest.mark.parametrize("form", [{"reason": "", "confirm": "yes"}, {"reason": "permintaan warga"}])
def test_erase_needs_a_reason_and_the_confirmation(app, client, ticket, form):
    """Without a reason, or without the box ticked, nothing is erased."""
    make_officer(app, "ani", role="supervisor")
    login(client, "ani")
    post(client, f"/console/citizens/{_citizen_id(app)}/erase", form)
    with db(app) as s:
        assert s.scalar(select(Citizen.name)) == "Budi Santoso"


def test_supervisor_erases_with_a_reason(app, client, ticket):
    """The citizen is anonymised, the open ticket closed, and the reason kept in the access log."""
    make_officer(app, "ani", role="supervisor")
    login(client, "ani")
    response = post(client, f"/console/citizens/{_citizen_id(app)}/erase",
                    {"reason": "surat permohonan hapus 12/2026", "confirm": "yes"})
    assert response.status_code == 302
    with db(app) as s:
        citizen = s.scalar(select(Citizen))
        assert citizen.email is None and citizen.phone is None and citizen.name.startswith("Warga terhapus")
        assert s.scalar(select(Consultation.status)) == "closed"
    assert ("erase", "ani", "surat permohonan hapus 12/2026") in _log(app)
    page = client.get(f"/console/t/{ticket}").get_data(as_text=True)
    assert "Budi Santoso" not in page and "sudah dihapus" in page


def test_viewing_a_consultation_is_logged_with_ids_only(app, client, ticket, caplog):
    """Opening the page writes a "view" row naming the officer; the app log line has no name or number."""
    caplog.set_level(logging.INFO, logger="bot.personal_data")
    officer_id = make_officer(app)
    login(client)
    client.get(f"/console/t/{ticket}")
    with db(app) as s:
        (row,) = s.scalars(select(AccessLog).where(AccessLog.action == "view")).all()
        assert (row.officer_id, row.actor) == (officer_id, "siti") and row.consultation_id and row.citizen_id
    assert "view" in caplog.text and "Budi" not in caplog.text and "+62" not in caplog.text


def test_access_log_page_is_for_admins_newest_first(app, client, ticket):
    """Admins page through the log newest first; a supervisor is refused."""
    from bot.console import privacy

    make_officer(app, "ani", role="supervisor")
    make_officer(app, "root", role="admin")
    login(client, "ani")
    assert client.get("/console/audit").status_code == 403
    for _ in range(privacy.PAGE_SIZE + 1):
        client.get(f"/console/t/{ticket}")
    post(client, f"/console/citizens/{_citizen_id(app)}/export", {"how": "download", "reason": "cek terakhir"})
    admin = app.test_client()
    login(admin, "root")
    first = admin.get("/console/audit").get_data(as_text=True)
    assert first.index("cek terakhir") < first.index(">view<") and "1 / 2" in first
    assert "cek terakhir" not in admin.get("/console/audit?page=2").get_data(as_text=True)
    assert admin.get("/console/audit?page=99999999999999999999").status_code == 200


def test_cli_reply_and_close_are_logged(app, runner, ticket):
    """``flask officer reply --close`` leaves a reply and a close row in the access log."""
    result = runner.invoke(args=["officer", "reply", ticket, "Datanya ada di tabel 4.2", "--close"])
    assert result.exit_code == 0, result.output
    assert [(a, who) for a, who, _ in _log(app)] == [("reply", "cli:office"), ("close", "cli:office")]
