"""Two officers on one ticket at once: a reply or close that waited for another officer's close sees it."""
from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import func, select

from bot import pipeline
from bot.models import Consultation, Message
from tests.console_support import csrf_token, db, login, make_officer, open_ticket


def _race_a_close(app, ticket: str, action) -> None:
    """Run ``action`` in a thread while another officer's close of ``ticket`` is uncommitted; then check that
    the ticket stayed closed and the citizen got nothing more."""
    with db(app) as session:
        consultation = session.scalar(select(Consultation).where(Consultation.ticket == ticket))
        pipeline.close(session, consultation)  # locks the conversation, not committed yet
        closed = session.scalar(select(func.count()).select_from(Message))
        second = threading.Thread(target=action)
        second.start()
        time.sleep(1)  # the action has loaded the ticket and waits for the conversation's lock (SQLite: for its write lock)
        session.commit()
    second.join(30)
    with db(app) as session:
        assert session.scalar(select(Consultation.status).where(Consultation.ticket == ticket)) == "closed"
        assert session.scalar(select(func.count()).select_from(Message)) == closed  # nothing more to the citizen


@pytest.mark.parametrize("action,form", [("reply", {"text": "Datanya ada di BRS."}), ("close", {})])
def test_action_waiting_for_another_close_sees_it(app, client, action, form):
    """Officer B's request reads the ticket while officer A's close is still uncommitted: B must not act on it."""
    make_officer(app)
    make_officer(app, "andi")
    _, ticket = open_ticket(app)
    login(client)
    form = {**form, "csrf_token": csrf_token(client, f"/console/t/{ticket}")}
    responses = []
    _race_a_close(app, ticket, lambda: responses.append(client.post(f"/console/t/{ticket}/{action}", data=form)))
    assert responses[0].status_code == 302


@pytest.mark.parametrize("args", [["reply", "Datanya ada di BRS."], ["reply", "Datanya ada di BRS.", "--close"],
                                  ["close"]])
def test_officer_command_waiting_for_a_close_sees_it(app, runner, args):
    """`flask officer reply|close` racing a console close refuses instead of reopening or closing twice."""
    _, ticket = open_ticket(app)
    results = []
    _race_a_close(app, ticket, lambda: results.append(runner.invoke(args=["officer", args[0], ticket, *args[1:]])))
    assert results[0].exit_code == 1
    assert f"{ticket} is not an open consultation" in results[0].output
