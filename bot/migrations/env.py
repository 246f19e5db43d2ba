"""Alembic environment: the URL comes from our settings, never from an ini file."""
from alembic import context

from bot.models import Base

config = context.config
connection = config.attributes.get("connection")


def run(conn) -> None:
    context.configure(connection=conn, target_metadata=Base.metadata, render_as_batch=True,
                      compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


if connection is not None:
    run(connection)
else:
    from bot.db import make_engine

    with make_engine(config.get_main_option("sqlalchemy.url")).connect() as conn:
        run(conn)
