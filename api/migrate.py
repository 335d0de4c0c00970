"""Bringing a database to the newest schema with Alembic."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine
from sqlalchemy.exc import OperationalError

MIGRATIONS = Path(__file__).parent / "migrations"
REBUILD_SEARCH = "rebuild_search"
"""Set in the config's attributes by a migration after which the search documents must be
written anew from the texts: env.py does it after the last migration, in the same
transaction, when the tables are those the indexing code reads."""


def alembic_config(url: str | None = None, connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if url:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def upgrade(url: str | None = None, connection: Connection | None = None) -> None:
    command.upgrade(alembic_config(url, connection), "head")


def schema_problem(engine: Engine) -> str | None:
    """A sentence saying why the database's schema is not the one this Kanun needs, or None."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    try:
        with engine.connect() as connection:
            current = MigrationContext.configure(connection).get_current_revision()
    except OperationalError as error:
        return f"The database cannot be opened ({error.orig})."
    if current == head:
        return None
    if current is None:
        state = "has no Kanun schema yet"
    else:
        state = f"has the schema of revision {current}, not {head}"
    return (
        f"The database {engine.url.render_as_string(hide_password=True)} {state}: "
        "run `kanun db upgrade` (after `kanun backup`), then start Kanun again."
    )
