"""`flask officer create`: accounts officers can log in with, and a password reset that changes nothing else."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.models import Officer
from tests.console_support import PASSWORD, db, login


def _create(runner, *args: str):
    result = runner.invoke(args=["officer", "create", *args, "--password", PASSWORD])
    assert result.exit_code == 0, result.output
    return result


def test_username_with_capitals_can_log_in(app, client, runner):
    """The login form lowercases what is typed, so the account is stored lowercased too."""
    _create(runner, " Siti ", "--name", "Siti Aminah")
    assert login(client, "Siti").status_code == 302
    assert "officer siti (officer) saved" in _create(runner, "SITI", "--name", "Siti Aminah").output
    with db(app) as session:
        assert session.scalars(select(Officer.username)).all() == ["siti"]


def test_password_reset_keeps_role_and_email(app, runner):
    """Running the command again for a new password does not demote an admin or drop their e-mail."""
    _create(runner, "root", "--name", "Root", "--role", "admin", "--email", "root@bps.go.id")
    _create(runner, "root", "--name", "Root")
    with db(app) as session:
        officer = session.scalar(select(Officer))
        assert (officer.role, officer.email) == ("admin", "root@bps.go.id")


@pytest.mark.parametrize("args,message", [
    (["x" * 65, "--name", "Siti"], "at most 64 characters (got 65)"),
    (["  ", "--name", "Siti"], "must not be empty"),
    (["siti", "--name", "S" * 121], "at most 120 characters (got 121)"),
    (["siti", "--name", " "], "must not be empty"),
    (["siti", "--name", "Siti", "--email", "s" * 250 + "@bps.go.id"], "at most 254 characters"),
])
def test_value_the_column_cannot_hold_is_refused(app, runner, args, message):
    """A username (or name, e-mail) that is empty or longer than its column gets a usage error, no traceback."""
    result = runner.invoke(args=["officer", "create", *args, "--password", PASSWORD])
    assert result.exit_code == 2, result.output
    assert message in result.output and "Traceback" not in result.output
    with db(app) as session:
        assert session.scalar(select(Officer)) is None


def test_longest_username_fits(app, client, runner):
    """64 characters, the column's limit, is still a username one can log in with."""
    _create(runner, "x" * 64, "--name", "Siti")
    assert login(client, "x" * 64).status_code == 302


@pytest.mark.parametrize("password,reason", [
    ("a", "at least 10 characters"),
    ("rahasia1", "at least 10 characters"),
    ("1234567890", "too common"),
    ("qwertyuiop", "too common"),
    ("Password2026!", "too common"),
    ("bpslubuklinggau", "too common"),
    ("siti12345678", "must not contain the username"),
    ("AminahCantik99", "must not contain the username or the officer's name"),
])
def test_weak_password_is_refused(app, client, runner, password, reason):
    """Short, common, office-word or own-name passwords get a one-line usage error; nothing is saved."""
    result = runner.invoke(args=["officer", "create", "siti", "--name", "Siti Aminah", "--password", password])
    assert result.exit_code == 2 and reason in result.output and "Traceback" not in result.output
    with db(app) as session:
        assert session.scalar(select(Officer)) is None


def test_weak_new_password_keeps_the_old_one_and_its_logins(app, client, runner):
    """A refused reset changes nothing: the old password still works and open logins stay open."""
    _create(runner, "siti", "--name", "Siti Aminah")
    assert login(client).status_code == 302
    result = runner.invoke(args=["officer", "create", "siti", "--name", "Siti Aminah", "--password", "siti"])
    assert result.exit_code == 2
    assert client.get("/console/").status_code == 200
    assert login(app.test_client()).status_code == 302
