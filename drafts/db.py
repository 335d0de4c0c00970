"""The database base: declarative `Base`, engine and session factories.

SQLite gets WAL, foreign keys, a busy timeout and SQLAlchemy-managed transactions (so that
savepoints work). A session marked as a writer (`WRITER` in its `info`) begins its
transactions with `BEGIN IMMEDIATE` on SQLite: writers then queue for the one write lock at
the start of their unit of work, instead of failing when a read transaction cannot be
upgraded. PostgreSQL is used as it comes.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import DateTime, Engine, MetaData, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.types import TypeDecorator

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator):
    """A timestamp stored in UTC and always read back timezone-aware (SQLite drops the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored; give a timezone")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UTCDateTime()}  # noqa: RUF012


def utcnow() -> datetime:
    return datetime.now(UTC)


WRITER = "kanun.writer"
"""`Session.info` key: the session's transactions will write (SQLite: `BEGIN IMMEDIATE`)."""
BUSY_TIMEOUT_MS = 20_000
"""How long a SQLite writer waits for the write lock before the request is retried."""
CONNECTIONS = 40
"""Connections an engine keeps ready; the app sizes its thread pool to match."""


def make_engine(url: str, *, connections: int = CONNECTIONS, **kwargs) -> Engine:
    """An engine for `url` whose pool holds `connections` (and a few more when busy), so that
    every request thread has a connection at hand. For SQLite, creates the file's folder and
    sets the pragmas; an in-memory database keeps SQLAlchemy's single-connection pool."""
    parsed = make_url(url)
    pool = {"pool_size": connections, "max_overflow": 10, "pool_timeout": 30}
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True, **pool, **kwargs)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        kwargs = pool | kwargs
    engine = create_engine(url, connect_args={"check_same_thread": False}, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None  # let SQLAlchemy emit BEGIN (savepoints work)
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        writer = connection.get_execution_options().get(WRITER, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writer else "BEGIN")

    return engine


_WRITER_ENGINE = "kanun.writer_engine"


class KanunSession(Session):
    """A session that takes its connections from the writer engine while `info[WRITER]`."""

    def get_bind(self, *args, **kwargs):
        if self.info.get(WRITER) and _WRITER_ENGINE in self.info:
            return self.info[_WRITER_ENGINE]
        return super().get_bind(*args, **kwargs)


def make_sessionmaker(engine: Engine) -> sessionmaker:
    """Sessions on `engine`; set `session.info[WRITER]` before the first statement of a
    session that will write."""
    writer = engine.execution_options(**{WRITER: True})
    return sessionmaker(
        engine, class_=KanunSession, expire_on_commit=False, info={_WRITER_ENGINE: writer}
    )
