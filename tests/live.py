"""A database and a Kanun server of their own, for tests that need real processes: several
requests at once, backups of a whole database. The database is SQLite, or a fresh schema of
the PostgreSQL database in KANUN_TEST_DATABASE_URL."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import text

from api.migrate import upgrade
from drafts.db import make_engine

STARTUP_SECONDS = 60
"""Importing the app takes seconds on a busy machine."""


@contextmanager
def fresh_database(folder: Path, *, migrate: bool = True) -> Iterator[str]:
    """The URL of an empty database (migrated unless told otherwise), dropped afterwards."""
    base = os.environ.get("KANUN_TEST_DATABASE_URL")
    if not base:
        url = f"sqlite:///{folder / f'kanun-{uuid.uuid4().hex[:8]}.db'}"
        if migrate:
            upgrade(url)
        yield url
        return
    schema = f"kanun_live_{uuid.uuid4().hex[:12]}"
    admin = make_engine(base, connections=1)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in base else "?"
    url = f"{base}{separator}options=-csearch_path%3D{schema}"
    try:
        if migrate:
            upgrade(url)
        yield url
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def server(database_url: str, var_dir: Path, **settings: str) -> Iterator[str]:
    """The base URL of Kanun served by uvicorn in a process of its own."""
    port = free_port()
    env = os.environ | {
        "KANUN_DATABASE_URL": database_url,
        "KANUN_VAR_DIR": str(var_dir),
        "KANUN_ENVIRONMENT": "test",
        **{f"KANUN_{name.upper()}": value for name, value in settings.items()},
    }
    command = [sys.executable, "-m", "uvicorn", "api.app:served_app", "--factory"]
    command += ["--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]
    process = subprocess.Popen(command, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            try:
                with urllib.request.urlopen(f"{base}/login", timeout=5):
                    break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if process.poll() is not None:
                    raise RuntimeError("The server stopped as it started.") from None
                if time.monotonic() > deadline:
                    raise RuntimeError("The server did not start.") from None
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)
