"""`kanun import`: the import flow from the command line, on a database of its own — a new
law, its next version, a dry run, and refusals in the sentences the API gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from api.cli import app as cli
from drafts.db import make_engine
from drafts.models import Instrument, Version
from tests import live
from tests.api.test_instruments import assert_problem
from tests.exports.samples import demo_text, valid_docx

GAPPED = "Article 1. Scope\n\n1. This Law governs social services.\n\n3. A paragraph too far.\n"
NEW = ["--title", "Law on Social Services", "--work-uri", "/akn/tm/act/2021/cli-import",
       "--language", "en", "--status", "in_force", "--effective-date", "2021-01-01"]  # fmt: skip


@pytest.fixture(scope="module")
def database(tmp_path_factory) -> str:
    with live.fresh_database(tmp_path_factory.mktemp("cli")) as url:
        yield url


@pytest.fixture
def kanun(database, monkeypatch):
    """Run `kanun …` against the module's database."""
    monkeypatch.setenv("KANUN_DATABASE_URL", database)
    monkeypatch.delenv("KANUN_SIGNING_KEY", raising=False)
    runner = CliRunner()
    return lambda *args: runner.invoke(cli, [str(arg) for arg in args])


def stored(url: str, work_uri: str) -> list[tuple[int, str, str]]:
    """(number, status, label) of each version of the instrument of `work_uri`."""
    engine = make_engine(url, connections=1)
    with Session(engine) as session:
        rows = session.execute(
            select(Version.number, Version.status, Version.label)
            .join(Instrument, Instrument.id == Version.instrument_id)
            .where(Instrument.work_uri == work_uri)
            .order_by(Version.number)
        ).all()
    engine.dispose()
    return [tuple(row) for row in rows]


def counted(url: str) -> int:
    engine = make_engine(url, connections=1)
    with Session(engine) as session:
        found = session.scalar(select(func.count()).select_from(Version))
    engine.dispose()
    return found


def test_a_new_law_then_its_next_version(kanun, database, tmp_path: Path):
    law = tmp_path / "law.txt"
    law.write_text(demo_text("social_services_v1.en.txt"))
    first = kanun("import", law, *NEW, "--label", "As adopted")
    assert first.exit_code == 0, first.output
    assert "Stored version 1 of instrument" in first.output
    instrument = int(first.output.split("of instrument ")[1].split()[0])
    word = tmp_path / "law.docx"
    word.write_bytes(valid_docx())
    second = kanun("import", word, "--instrument", instrument, "--label", "From Word")
    assert second.exit_code == 0, second.output
    assert stored(database, "/akn/tm/act/2021/cli-import") == [
        (1, "in_force", "As adopted"),
        (2, "draft", "From Word"),
    ]


def test_a_dry_run_lists_and_warns_and_stores_nothing(kanun, database, tmp_path: Path):
    law = tmp_path / "gapped.txt"
    law.write_text(GAPPED)
    before = counted(database)
    result = kanun("import", law, "--dry-run", "--language", "en")
    assert result.exit_code == 0, result.output
    assert "3 provisions." in result.output
    assert "Paragraph 2 is missing" in result.output
    assert counted(database) == before


def said(result) -> str:
    """What a command printed, its box drawn away and its lines joined."""
    return " ".join(result.output.replace("│", " ").split())


@pytest.mark.parametrize(
    ("arguments", "fields", "status"),
    [
        (
            ["--title", "Law", "--language", "en"],
            {"title": "Law", "language": "en", "kind": "law"},
            422,
        ),
        (
            ["--title", "Law", "--language", "en", "--work-uri", "not a uri"],
            {"title": "Law", "language": "en", "kind": "law", "work_uri": "not a uri"},
            422,
        ),
        (["--instrument", "999999"], {"instrument_id": "999999"}, 404),
    ],
)
def test_refusals_are_the_api_sentences(
    kanun, database, tmp_path, drafter, arguments, fields, status
):
    """The same file and fields are refused alike by `kanun import` and `POST /import`."""
    law = tmp_path / "law.txt"
    law.write_text(GAPPED)
    before = counted(database)
    result = kanun("import", law, *arguments)
    api = drafter.post(
        "/api/v1/import",
        files={"file": ("law.txt", GAPPED.encode(), "text/plain")},
        data={name.removeprefix("--").replace("-", "_"): value for name, value in fields.items()},
    )
    assert result.exit_code == 2, result.output
    assert assert_problem(api, status)["detail"] in said(result)
    assert counted(database) == before
