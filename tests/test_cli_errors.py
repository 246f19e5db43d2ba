"""Every `flask --app wsgi …` command answers an unreachable or unmigrated database, or an unreachable Redis,
with one line instead of a traceback."""
from __future__ import annotations

import pytest

from bot import create_app

pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


def _run(env, *args: str, **overrides: str):
    app = create_app({**env, **overrides})
    try:
        with app.app_context():  # as `flask` itself pushes one for every command
            return app.test_cli_runner().invoke(args=list(args), env={"OFFICER_PASSWORD": "secret-password-1"})
    finally:
        app.extensions["db"].engine.dispose()


def _one_line(result) -> str:
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit), repr(result.exception)  # not a traceback
    errors = [line for line in result.output.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 1 and result.output.rstrip().endswith(errors[0]), result.output
    return errors[0]


@pytest.mark.parametrize("args", [
    ["officer", "reply", "PST-1", "halo"],
    ["officer", "create", "siti", "--name", "Siti"],
    ["chat", "--as", "6281234567890"],
    ["kb", "search", "inflasi"],
    ["db", "upgrade"],
])
def test_database_unreachable(env, args):
    """A database that refuses connections is named in one line."""
    line = _one_line(_run(env, *args, DATABASE_URL="postgresql://pst@127.0.0.1:1/pst"))
    assert "database" in line and "127.0.0.1" in line


@pytest.mark.parametrize("args", [["officer", "reply", "PST-1", "halo"], ["kb", "search", "inflasi"]])
def test_database_not_migrated(env, tmp_path, args):
    """An empty database says which command creates the tables."""
    line = _one_line(_run(env, *args, DATABASE_URL=f"sqlite:///{tmp_path / 'empty.db'}"))
    assert "db upgrade" in line


def test_worker_without_redis(env):
    """`worker` with Redis unreachable says so in one line."""
    line = _one_line(_run(env, "worker", "--burst", REDIS_URL="redis://127.0.0.1:1/0"))
    assert "Redis" in line and "127.0.0.1:1" in line


def test_worker_unknown_queue(env):
    """A misspelt queue name is refused instead of a worker that waits on a queue nobody fills."""
    result = _run(env, "worker", "--burst", "--queue", "outbond")
    assert result.exit_code == 2 and "outbond" in result.output


@pytest.mark.parametrize("args, problem", [
    (["chat", "--as", ""], "not a valid phone number"),
    (["chat", "--as", "  "], "not a valid phone number"),
    (["officer", "create", "siti", "--name", "Siti", "--email", "siti"], "not an e-mail address"),
    (["officer", "create", "siti", "--name", "Siti", "--email", "siti@bps"], "not an e-mail address"),
])
def test_bad_identity_is_refused(env, args, problem):
    """An empty --as is not the default test number, and an officer's e-mail must be one (staff mail goes there)."""
    result = _run(env, *args)
    assert result.exit_code == 2 and problem in result.output, result.output


def test_upgrade_to_an_unknown_revision(env):
    """`db upgrade --revision` with a typo names the revision instead of Alembic's traceback."""
    line = _one_line(_run(env, "db", "upgrade", "--revision", "bogus"))
    assert "bogus" in line
