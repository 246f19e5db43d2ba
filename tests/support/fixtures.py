"""pytest plugin with the real servers: tests/conftest.py loads it with pytest_plugins.

Expensive servers live for the session; each test still gets a clean slate (flushed Redis, a new
IMAP user, cleared SMTP and Twilio state, its own PostgreSQL database). A missing system program
fails loudly with the fix: never a skip.
"""
import os
import shutil

import pytest

from tests.support import postgres
from tests.support.dovecot import DovecotServer, Mailbox
from tests.support.fake_twilio import FakeTwilio
from tests.support.redis_server import RedisServer
from tests.support.smtp_server import SMTPServer

FIX = "run scripts/system-deps.sh as root (make test does it first)"


def _require(program: str, *fallbacks: str) -> None:
    if not shutil.which(program) and not any(os.access(p, os.X_OK) for p in fallbacks):
        pytest.fail(f"{program} is not installed: {FIX}", pytrace=False)


@pytest.fixture(scope="session")
def redis_server():
    """A private redis-server for the whole session (never the shared one on 6379)."""
    _require("redis-server")
    with RedisServer() as server:
        yield server


@pytest.fixture
def fresh_redis(redis_server: RedisServer) -> RedisServer:
    """The session's Redis, running (a previous test may have stopped it) and empty."""
    redis_server.start()
    with redis_server.client() as client:
        client.flushall()
    return redis_server


@pytest.fixture(scope="session")
def dovecot_server():
    """A private Dovecot IMAP server for the whole session."""
    _require("dovecot", "/usr/sbin/dovecot")
    with DovecotServer() as server:
        yield server


@pytest.fixture
def dovecot(dovecot_server: DovecotServer) -> Mailbox:
    """A new IMAP account with an empty INBOX: .host .port .user .password .append() .server."""
    dovecot_server.start()
    return dovecot_server.add_user()


@pytest.fixture
def smtp_server():
    """A plain SMTP server (no AUTH, no TLS) that starts empty; .messages, .wait_for, .fail_next."""
    with SMTPServer() as server:
        yield server


@pytest.fixture
def make_smtp_server():
    """Factory for SMTP servers with options: make_smtp_server(user=, password=, starttls=)."""
    servers = []

    def make(**options) -> SMTPServer:
        servers.append(SMTPServer(**options).start())
        return servers[-1]

    yield make
    for server in servers:
        server.stop()


@pytest.fixture(scope="session")
def fake_twilio_server():
    """The fake Twilio REST API for the whole session."""
    with FakeTwilio() as fake:
        yield fake


@pytest.fixture
def fake_twilio(fake_twilio_server: FakeTwilio) -> FakeTwilio:
    """The fake Twilio with no messages, media or pending failures; .url .account_sid .auth_token."""
    fake_twilio_server.reset()
    return fake_twilio_server


@pytest.fixture(scope="session")
def postgres_url() -> str:
    """SQLAlchemy URL of the test PostgreSQL server's maintenance database; fails if it is down."""
    problem = postgres.server_answers()
    if problem:
        pytest.fail(f"PostgreSQL at {postgres.server_url()} does not answer ({problem}): {FIX}",
                    pytrace=False)
    return postgres.server_url()


@pytest.fixture
def postgres_database(postgres_url: str):
    """URL of a new, empty database of its own, dropped after the test."""
    url = postgres.create_database()
    yield url
    postgres.drop_database(url)
