"""Backing up and restoring the whole database, each copy checked before it is trusted.

SQLite is copied with its online backup API (a consistent copy while Kanun serves);
PostgreSQL with `pg_dump` in its custom format and `pg_restore`. A backup is checked after it
is written, a file to restore before anything is overwritten: SQLite's own integrity check,
the schema revision, and the hash chain of every version; for PostgreSQL, that `pg_restore`
can read the archive, and the chain once it is restored.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session

from api.migrate import schema_problem
from drafts.db import make_engine
from drafts.integrity import Finding, verify_versions


class BackupProblem(RuntimeError):
    """The backup or restore did not happen, or its copy is not sound; the message says why."""


@dataclass(frozen=True, slots=True)
class Checked:
    versions: int
    findings: list[Finding]


def check_database(url: str) -> Checked:
    """The schema must be this Kanun's; then every version's hash chain is recomputed."""
    engine = make_engine(url, connections=1)
    try:
        problem = schema_problem(engine)
        if problem:
            raise BackupProblem(problem)
        with Session(engine) as session:
            versions, findings = verify_versions(session)
    finally:
        engine.dispose()
    return Checked(versions, findings)


def backup(url: str, target: Path) -> Checked:
    """Copy the database at `url` to the file `target` (written whole, then renamed)."""
    if target.exists():
        raise BackupProblem(f"{target} exists already; choose a new file for the backup.")
    partial = target.with_name(target.name + ".partial")
    parsed = make_url(url)
    try:
        if parsed.get_backend_name() == "sqlite":
            _sqlite_copy(_sqlite_path(parsed), partial)
            checked = check_file(partial)
        else:
            _run(["pg_dump", "--format=custom", f"--file={partial}", *_pg_target(parsed)])
            _run(["pg_restore", "--list", str(partial)])
            checked = check_database(url)
        partial.rename(target)
    finally:
        partial.unlink(missing_ok=True)
    return checked


def check_file(path: Path) -> Checked:
    """A SQLite backup: its integrity check, its schema revision and its hash chains."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        verdict = connection.execute("PRAGMA integrity_check").fetchone()[0]
    connection.close()
    if verdict != "ok":
        raise BackupProblem(f"{path} is damaged: SQLite's integrity check says {verdict!r}.")
    return check_database(f"sqlite:///{path}")


def restore(url: str, source: Path) -> Checked:
    """Replace the database at `url` with the backup `source`, once `source` checks out.
    Stop the server first: requests in flight would see the database change under them."""
    if not source.is_file():
        raise BackupProblem(f"There is no backup file {source}.")
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        checked = check_file(source)
        if checked.findings:
            raise BackupProblem(
                f"{source} holds {len(checked.findings)} versions whose hashes do not match; "
                "it was not restored."
            )
        _sqlite_copy(source, _sqlite_path(parsed))
        return check_database(url)
    _run(["pg_restore", "--list", str(source)])
    _run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            *_pg_target(parsed),
            str(source),
        ]
    )
    return check_database(url)


def _sqlite_path(url: URL) -> Path:
    if not url.database or url.database == ":memory:":
        raise BackupProblem("An in-memory database has nothing to back up.")
    return Path(url.database)


def _sqlite_copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(source) as origin, sqlite3.connect(target) as copy:
        origin.execute("PRAGMA busy_timeout=20000")
        origin.backup(copy)
    origin.close()
    copy.close()


def _pg_target(url: URL, flag: str = "--dbname") -> list[str]:
    """libpq's connection URI for `url`, and the schema its search_path option names, if any
    (then only that schema is dumped or restored)."""
    option = str(url.query.get("options") or "")
    schema = option.split("search_path=", 1)[1].split()[0] if "search_path=" in option else None
    target = [f"{flag}={url.set(drivername='postgresql').render_as_string(hide_password=False)}"]
    return [*target, f"--schema={schema}"] if schema else target


def _run(command: list[str]) -> None:
    if shutil.which(command[0]) is None:
        raise BackupProblem(
            f"{command[0]} is not installed; install PostgreSQL's client tools "
            "(Debian: postgresql-client) of the server's version."
        )
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BackupProblem(f"{command[0]} failed: {done.stderr.strip() or done.stdout.strip()}")
