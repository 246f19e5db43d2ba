"""Shared fixtures: a fresh app and database per test, on SQLite and on PostgreSQL.

``TEST_DATABASES=sqlite`` (or ``postgresql``) narrows the run while developing; ``make test`` runs both.
"""
from __future__ import annotations

import os
import shutil
import sqlite3
import uuid

import pytest
from hypothesis import settings as hypothesis_settings

from bot import clock, create_app
from bot.migrations import upgrade
from tests.support import postgres
from tests.support.office_time import WEDNESDAY_10

pytest_plugins = ["tests.support.fixtures"]
# `make test` replays the same generated cases every run, so a red build is a regression, not a lucky draw;
# HYPOTHESIS_PROFILE=explore draws new cases (run it to hunt: it found the NUL Content-Type of a mail part).
hypothesis_settings.register_profile("replay", derandomize=True, database=None)
hypothesis_settings.register_profile("explore", derandomize=False)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "replay"))
BACKENDS = [b for b in os.environ.get("TEST_DATABASES", "sqlite,postgresql").split(",") if b]


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> str:
    """A migrated SQLite file; each test copies it instead of migrating again."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    upgrade(f"sqlite:///{path}")
    with sqlite3.connect(path) as conn:  # fold the WAL into the file so a plain copy has everything
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return str(path)


@pytest.fixture(scope="session")
def postgres_template(postgres_url) -> str:
    return postgres.create_template(postgres.unique_name("pst_tmpl"), upgrade)


@pytest.fixture(params=BACKENDS)
def database_url(request, tmp_path):
    """A fresh, migrated database of this test's own."""
    if request.param == "sqlite":
        path = tmp_path / f"{uuid.uuid4().hex}.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite:///{path}"
    else:
        url = postgres.create_database(template=request.getfixturevalue("postgres_template"))
        yield url
        postgres.drop_database(url)


@pytest.fixture
def env(database_url, fresh_redis, tmp_path) -> dict[str, str]:
    """The environment a test app is built from (never the developer's .env)."""
    return {"SECRET_KEY": "test-secret", "DATABASE_URL": database_url, "REDIS_URL": fresh_redis.url,
            "VAR_DIR": str(tmp_path / "var"), "PUBLIC_BASE_URL": "http://testserver"}


@pytest.fixture
def app(env):
    application = create_app(env)
    yield application
    application.extensions["db"].engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def session(app):
    with app.app_context(), app.extensions["db"].session() as s:
        yield s


@pytest.fixture(autouse=True)
def _real_clock():
    yield
    clock.reset()


@pytest.fixture
def open_office():
    """The office is open (see tests.support.office_time)."""
    clock.freeze(WEDNESDAY_10)


@pytest.fixture
def knowledge(app):
    """The app's database loaded with the real article files."""
    from knowledge.store import import_dir

    with app.app_context(), app.extensions["db"].session() as s:
        import_dir(s)
        s.commit()
    return app.extensions["knowledge"]
