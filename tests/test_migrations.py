"""The Alembic scripts and the models describe the same schema, on both databases."""
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from bot.db import make_engine
from bot.migrations import alembic_config
from bot.models import Base


def test_migrated_database_matches_the_models(database_url):
    """After `db upgrade`, autogenerate finds nothing left to migrate."""
    engine = make_engine(database_url)
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
    engine.dispose()


def test_downgrade_to_nothing_and_up_again(database_url):
    """Every migration can be undone, and redone."""
    config = alembic_config(database_url)
    command.downgrade(config, "base")
    command.upgrade(config, "heads")
    engine = make_engine(database_url)
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
    engine.dispose()


def test_officer_usernames_become_lower_case_where_free(database_url):
    """0004: "Siti" becomes "siti" (the login form lowercases); a taken lower-case name is left alone."""
    config = alembic_config(database_url)
    command.downgrade(config, "0003_email")
    engine = make_engine(database_url)
    with engine.begin() as conn:
        for username in ("Siti", "budi", "Budi", "ANI", "Ani"):
            conn.execute(text("INSERT INTO officers (username, name, role, password_hash, active, available, lang,"
                              " created_at) VALUES (:u, 'x', 'officer', 'x', true, true, 'id', CURRENT_TIMESTAMP)"),
                         {"u": username})
    command.upgrade(config, "heads")
    with engine.connect() as conn:
        names = set(conn.scalars(text("SELECT username FROM officers")))
    engine.dispose()
    assert names == {"siti", "budi", "Budi", "ani", "Ani"}
