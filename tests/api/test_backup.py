"""Administrators' commands on a database of their own: backup → change → restore → verify
gives back what was backed up, with its signed chain; a database without Kanun's schema is
refused at start-up; the migration that made hashes cover status and date keeps old chains."""

from __future__ import annotations

from importlib import import_module

import pytest
from alembic import command
from fastapi.testclient import TestClient
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from api.app import StartupRefused, create_app
from api.cli import app as cli
from api.cli_admin import signed_session
from api.migrate import alembic_config, upgrade
from api.settings import Settings
from drafts import service
from drafts.db import make_engine
from drafts.hashing import canonical_tree
from drafts.integrity import verify_versions
from drafts.models import Version
from drafts.schemas import InstrumentCreate
from drafts.tree import from_dict
from tests import live
from tests.conftest import SYSTEM
from tests.factories import sample_provisions

migration = import_module("api.migrations.versions.0006_tamper_evidence")


def add_law(session: Session, n: int) -> None:
    law = service.create_instrument(
        session=session,
        data=InstrumentCreate(
            title=f"Law on Archives {n}",
            kind="law",
            jurisdiction="tm",
            language="en",
            work_uri=f"/akn/tm/act/2026/archives-{n}",
        ),
        actor=SYSTEM,
    )
    service.create_version(
        session=session,
        instrument=law,
        provisions=tuple(from_dict(node) for node in sample_provisions()),
        actor=SYSTEM,
    )
    session.commit()


def versions(url: str) -> int:
    engine = make_engine(url, connections=1)
    with Session(engine) as session:
        count = session.scalar(select(func.count(Version.id)))
    engine.dispose()
    return count


def search_agrees(url: str) -> bool:
    """The restored search documents are those of the restored texts."""
    import api.models  # noqa: F401  every table, for the documents' joins
    from alignment.indexing import database_documents
    from alignment.search import SearchIndex

    engine = make_engine(url, connections=1)
    with Session(engine) as session:
        indexed = {doc_id for doc_id, _ in SearchIndex(session).documents()}
        expected = {doc.doc_id for doc in database_documents(session)}
    engine.dispose()
    return indexed == expected and bool(expected)


def test_backup_change_restore_verify(tmp_path):
    runner = CliRunner()
    with live.fresh_database(tmp_path) as url:
        env = {
            "KANUN_DATABASE_URL": url,
            "KANUN_SIGNING_KEY": str(tmp_path / "signing.pem"),
        }
        assert runner.invoke(cli, ["keygen", env["KANUN_SIGNING_KEY"]]).exit_code == 0
        settings = Settings(**{k.removeprefix("KANUN_").lower(): v for k, v in env.items()})
        engine = make_engine(url, connections=1)
        with signed_session(settings, engine) as session:
            add_law(session, 1)
        target = tmp_path / "kanun.backup"
        made = runner.invoke(cli, ["backup", str(target)], env=env)
        assert made.exit_code == 0, made.output
        assert "1 versions, 0 hash problems" in made.output and target.stat().st_size > 0
        assert runner.invoke(cli, ["backup", str(target)], env=env).exit_code != 0  # no overwrite

        with signed_session(settings, engine) as session:
            add_law(session, 2)  # made after the backup: gone after the restore
        engine.dispose()
        assert versions(url) == 2
        back = runner.invoke(cli, ["restore", str(target)], env=env)
        assert back.exit_code == 0, back.output
        assert versions(url) == 1

        assert search_agrees(url)
        checked = runner.invoke(cli, ["verify"], env=env)
        assert checked.exit_code == 0, checked.output
        assert "Checked 1 signed checkpoints: 0 problems." in checked.output


def test_a_damaged_backup_is_not_restored(tmp_path):
    runner = CliRunner()
    with live.fresh_database(tmp_path) as url:
        if not url.startswith("sqlite"):
            pytest.skip("damage is made by rewriting a SQLite file")
        backup = tmp_path / "copy.db"
        assert (
            runner.invoke(cli, ["backup", str(backup)], env={"KANUN_DATABASE_URL": url}).exit_code
            == 0
        )
        data = bytearray(backup.read_bytes())
        data[100:4096] = b"\xff" * (4096 - 100)
        backup.write_bytes(bytes(data))
        refused = runner.invoke(cli, ["restore", str(backup)], env={"KANUN_DATABASE_URL": url})
        assert refused.exit_code != 0


def test_startup_refuses_a_database_without_the_schema(tmp_path):
    with live.fresh_database(tmp_path, migrate=False) as url:
        app = create_app(Settings(database_url=url, var_dir=tmp_path))
        with pytest.raises(StartupRefused, match="kanun db upgrade"), TestClient(app):
            pass
        app.state.engine.dispose()


def test_the_migration_keeps_chains_recorded_before_it(tmp_path):
    with live.fresh_database(tmp_path) as url:
        engine = make_engine(url, connections=1)
        with Session(engine) as session:
            add_law(session, 3)
            before = session.scalar(select(Version.content_hash))
            # what was recorded before this migration: the hash of the parent and the tree alone
            nodes = service.read_tree(session=session, version=session.scalar(select(Version)))
            session.execute(
                update(Version).values(
                    content_hash=migration._hash(None, canonical_tree(nodes), None)
                )
            )
            session.commit()
        command.downgrade(alembic_config(url), migration.down_revision)
        upgrade(url)
        with Session(engine) as session:
            assert session.scalar(select(Version.content_hash)) == before
            assert verify_versions(session)[1] == []
        engine.dispose()
