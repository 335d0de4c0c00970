"""Alembic environment: runs on the connection the caller passes, or on the settings' URL."""

from __future__ import annotations

from alembic import context
from sqlalchemy.orm import Session

from alignment.indexing import rebuild
from api.migrate import REBUILD_SEARCH
from api.models import metadata
from api.settings import Settings
from drafts.db import make_engine

config = context.config


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _migrate(connection)
        return
    engine = make_engine(config.get_main_option("sqlalchemy.url") or Settings().database_url)
    with engine.connect() as connection:
        _migrate(connection)
    engine.dispose()


def _migrate(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
        if config.attributes.pop(REBUILD_SEARCH, False):
            with Session(bind=connection) as session:
                rebuild(session)
                session.flush()


run()
