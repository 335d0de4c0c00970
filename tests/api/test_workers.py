"""Several server processes over one database, and a crash in the middle of an import: what
one worker writes, another finds at once; a killed import leaves text and search together;
and what each served worker sets up for the cycle collector."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx2 as httpx
import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

import api.models  # noqa: F401  every table, for the documents' joins
from alignment.indexing import database_documents
from alignment.search import SearchFilters, SearchIndex
from api.auth import service as auth
from api.auth.schemas import UserCreate
from drafts.db import make_engine
from drafts.models import Instrument, Version
from tests import live
from tests.conftest import PASSWORD, SYSTEM
from tests.corpus import CORPUS

CIVIL_CODE = CORPUS / "de-bgb-1631d-2012" / "BGB_v1_after.md"
"""The corpus's largest law (6,500 provisions): its import writes for about a second, long
enough to be killed while it writes. Read as English, one of Kanun's languages."""

KANUN = str(Path(sys.executable).with_name("kanun"))
"""The command installed with Kanun, beside this Python."""


def token(url: str) -> str:
    engine = make_engine(url, connections=1)
    with Session(engine) as session:
        user = auth.create_user(
            session=session,
            data=UserCreate(username="drafter-workers", password=PASSWORD, role="drafter"),
            actor=SYSTEM,
        )
        secret, _ = auth.create_token(session=session, user=user, name="workers", actor=SYSTEM)
        session.commit()
    engine.dispose()
    return secret


@contextmanager
def kanun_serve(url: str, var_dir: Path, workers: int) -> Iterator[str]:
    """`kanun serve --workers N` on a port of its own."""
    port = live.free_port()
    env = os.environ | {
        "KANUN_DATABASE_URL": url,
        "KANUN_VAR_DIR": str(var_dir),
        "KANUN_ENVIRONMENT": "test",
        "KANUN_THREADS": "4",
    }
    command = [KANUN, "serve", "--port", str(port)]
    process = subprocess.Popen([*command, "--workers", str(workers)], env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + live.STARTUP_SECONDS
        while True:
            try:
                httpx.get(f"{base}/login", timeout=5)
                break
            except httpx.TransportError:
                assert process.poll() is None, "kanun serve stopped as it started"
                assert time.monotonic() < deadline, "kanun serve did not start"
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_what_one_worker_writes_another_finds_at_once(tmp_path):
    with live.fresh_database(tmp_path) as url:
        secret = token(url)
        headers = {"Authorization": f"Bearer {secret}"}
        with (
            live.server(url, tmp_path / "one", threads="4") as one,
            kanun_serve(url, tmp_path / "two", workers=2) as two,
        ):
            writer = httpx.Client(base_url=f"{one}/api/v1", headers=headers, timeout=60)
            reader = httpx.Client(base_url=f"{two}/api/v1", headers=headers, timeout=60)
            law = writer.post(
                "/instruments",
                json={"title": "Law on Lighthouses", "kind": "law", "language": "en",
                      "work_uri": "/akn/tm/act/2026/lighthouses", "jurisdiction": "tm"},
            )  # fmt: skip
            assert law.status_code == 201, law.text
            provisions = [{"kind": "article", "num": "1", "text": "Every lighthouse keeper "
                           "records the zephyrs of the night."}]  # fmt: skip
            added = writer.post(
                f"/instruments/{law.json()['id']}/versions",
                json={"provisions": provisions, "status": "in_force",
                      "effective_date": "2026-01-01"},
                headers={"If-Match": law.headers["etag"]},
            )  # fmt: skip
            assert added.status_code == 201, added.text
            for _ in range(4):  # each of the two workers behind the port, whichever answers
                found = reader.get("/search", params={"q": "zephyr"}).json()
                assert [hit["instrument_id"] for hit in found["items"]] == [law.json()["id"]]
                assert "<mark>zephyrs</mark>" in found["items"][0]["snippet"]
            writer.close()
            reader.close()


def writing(url: str) -> bool:
    """True while another connection holds an open transaction that has written."""
    if url.startswith("sqlite"):
        probe = sqlite3.connect(url.removeprefix("sqlite:///"), timeout=0, isolation_level=None)
        try:
            probe.execute("BEGIN IMMEDIATE")
            probe.execute("ROLLBACK")
            return False
        except sqlite3.OperationalError:
            return True
        finally:
            probe.close()
    engine = make_engine(url, connections=1)
    with engine.connect() as connection:
        busy = connection.scalar(
            text(
                "SELECT count(*) FROM pg_stat_activity WHERE backend_xid IS NOT NULL"
                " AND pid <> pg_backend_pid() AND datname = current_database()"
            )
        )
    engine.dispose()
    return bool(busy)


def import_law(url: str) -> subprocess.Popen:
    env = os.environ | {"KANUN_DATABASE_URL": url, "KANUN_ENVIRONMENT": "test"}
    command = [KANUN, "import", str(CIVIL_CODE), "--title", "Bürgerliches Gesetzbuch",
               "--work-uri", "/akn/de/act/1896/bgb", "--language", "en",
               "--status", "in_force", "--effective-date", "2013-01-01"]  # fmt: skip
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)


def consistent(url: str) -> tuple[int, int]:
    """(versions stored, provision documents found for the law) once the search documents are
    checked to be exactly those the stored texts imply."""
    engine = make_engine(url, connections=1)
    with Session(engine) as session:
        indexed = {doc_id: doc for doc_id, doc in SearchIndex(session).documents()}
        expected = {doc.doc_id: doc for doc in database_documents(session)}
        assert indexed == expected
        versions = session.query(Version).join(Instrument).count()
        found = SearchIndex(session).search("Vertrag", filters=SearchFilters(type="provision"))
    engine.dispose()
    return versions, found.total


def test_a_killed_import_leaves_text_and_search_together(tmp_path):
    with live.fresh_database(tmp_path) as url:
        process = import_law(url)
        deadline = time.monotonic() + 120
        while not writing(url):
            if process.poll() is not None:
                pytest.fail("The import ended before it was seen writing.")
            assert time.monotonic() < deadline, "The import never started writing."
            time.sleep(0.01)
        process.kill()
        process.wait()
        assert consistent(url) == (0, 0)
        again = import_law(url)
        assert again.wait(timeout=300) == 0
        versions, found = consistent(url)
        assert versions == 1 and found > 10


def test_a_served_worker_keeps_what_it_loaded_out_of_the_collector(tmp_path):
    """What `kanun serve` runs in each worker: what was loaded at start frozen, and the
    youngest generation collected every `YOUNGEST_GENERATION` allocations (in a process of its
    own: both settings are the interpreter's)."""
    probe = (
        "import gc; from api.app import YOUNGEST_GENERATION, served_app; served_app(); "
        "print(gc.get_freeze_count(), gc.get_threshold()[0] == YOUNGEST_GENERATION)"
    )
    env = os.environ | {"KANUN_DATABASE_URL": f"sqlite:///{tmp_path / 'k.db'}"}
    frozen, threshold = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    assert int(frozen) > 100_000
    assert threshold == "True"
