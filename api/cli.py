"""The `kanun` command line."""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from sqlalchemy.orm import Session

from api.settings import Settings
from drafts.db import make_engine

if TYPE_CHECKING:
    from frameworks.loader import LoadResult

app = typer.Typer(help="Kanun: versioned laws, drafts, redlines and treaty alignment.")
db_app = typer.Typer(help="Database schema.")
app.add_typer(db_app, name="db")

Host = Annotated[str, typer.Option(help="Address to listen on.")]
Port = Annotated[int, typer.Option(help="Port to listen on.")]


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Bring the database to the newest schema."""
    from api.migrate import upgrade

    settings = Settings()
    upgrade(settings.database_url)
    typer.echo("The database schema is up to date.")


@app.command()
def serve(host: Host = "127.0.0.1", port: Port = 8000) -> None:
    """Serve Kanun over HTTP."""
    import uvicorn

    uvicorn.run("api.app:create_app", factory=True, host=host, port=port, proxy_headers=True)


@app.command()
def demo(
    host: Host = "127.0.0.1",
    port: Port = 8000,
    serve_after: Annotated[bool, typer.Option("--serve/--no-serve")] = True,
) -> None:
    """Create the schema, load the sample law and demo users, then serve."""
    from api.demo.seed import DEMO_PASSWORDS, seed
    from api.migrate import upgrade

    settings = Settings()
    if settings.environment == "production":
        raise typer.BadParameter("The demo data is not loaded into a production database.")
    upgrade(settings.database_url)
    engine = make_engine(settings.database_url)
    with Session(engine) as session:
        created = seed(session)
        session.commit()
    engine.dispose()
    typer.echo("Demo data " + ("loaded." if created else "was there already."))
    typer.echo("Sign in with one of these demo users (user name / password):")
    for username, password in DEMO_PASSWORDS.items():
        typer.echo(f"  {username:10} {password}")
    if serve_after:
        typer.echo(f"Serving on http://{host}:{port}")
        serve(host=host, port=port)


@app.command("create-user")
def create_user(
    username: str,
    role: Annotated[str, typer.Option(help="admin, drafter, reviewer or viewer")],
    display_name: Annotated[str, typer.Option()] = "",
) -> None:
    """Create a user; the password is asked for (or read from KANUN_NEW_PASSWORD)."""
    import os

    from pydantic import ValidationError

    from api.auth import service as auth
    from api.auth.schemas import UserCreate
    from drafts.audit import Actor
    from drafts.errors import KanunError

    password = os.environ.get("KANUN_NEW_PASSWORD") or getpass.getpass("Password: ")
    try:
        data = UserCreate(
            username=username, password=password, role=role, display_name=display_name
        )
    except ValidationError as error:
        raise typer.BadParameter(error.errors()[0]["msg"]) from None
    engine = make_engine(Settings().database_url)
    with Session(engine) as session:
        try:
            user = auth.create_user(session=session, data=data, actor=Actor(None, "cli"))
        except KanunError as error:
            raise typer.BadParameter(error.detail) from None
        session.commit()
        typer.echo(f"Created {user.username} ({user.role}).")
    engine.dispose()


@app.command("load-frameworks")
def load_frameworks(
    files: Annotated[
        list[Path] | None,
        typer.Argument(exists=True, dir_okay=False, help="Framework JSON files; else the shipped"),
    ] = None,
) -> None:
    """Load the shipped treaties (CRC, CRPD, CEDAW) and UN recommendations, or the framework
    files given, in the treaty files' JSON shape; what is loaded already is updated in place."""
    import api.models  # noqa: F401  every table, for the audit log's foreign keys
    from drafts.audit import Actor
    from drafts.errors import KanunError
    from frameworks.loader import load_framework_file, load_shipped

    actor = Actor(None, "cli")
    engine = make_engine(Settings().database_url)
    with Session(engine) as session:
        try:
            if files:
                results = [load_framework_file(session, path, actor=actor) for path in files]
            else:
                results = load_shipped(session, actor=actor)
        except KanunError as error:
            raise typer.BadParameter(error.detail) from None
        session.commit()
    engine.dispose()
    for result in results:
        typer.echo(_loaded(result))


@app.command("import-recommendations")
def import_recommendations(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="JSON or CSV file")],
    code: Annotated[str, typer.Option(help="Short code of the set, e.g. TKM-CRC-2015")],
    title: Annotated[str, typer.Option(help="Title of the set (JSON: else the file's)")] = "",
    format: Annotated[str, typer.Option(help="json or csv")] = "json",
    mechanism: Annotated[str, typer.Option(help="e.g. UPR, CRC Committee")] = "",
) -> None:
    """Import a set of UN recommendations, or update the set of the same code in place."""
    import api.models  # noqa: F401  every table, for the audit log's foreign keys
    from drafts.audit import Actor
    from drafts.errors import KanunError
    from frameworks.loader import load_recommendations_file

    engine = make_engine(Settings().database_url)
    with Session(engine) as session:
        try:
            result = load_recommendations_file(
                session,
                file,
                code=code,
                format=format,
                title=title or None,
                mechanism=mechanism or None,
                actor=Actor(None, "cli"),
            )
        except KanunError as error:
            raise typer.BadParameter(error.detail) from None
        session.commit()
    engine.dispose()
    typer.echo(_loaded(result))


def _loaded(result: LoadResult) -> str:
    if not (result.created or result.added or result.updated):
        return f"{result.code}: up to date ({result.total} in all)."
    return f"{result.code}: {result.added} added, {result.updated} updated, {result.total} in all."


@app.command()
def verify() -> None:
    """Recompute every version's hash chain and report rows changed behind Kanun's back."""
    from drafts.integrity import verify_versions

    engine = make_engine(Settings().database_url)
    with Session(engine) as session:
        checked, findings = verify_versions(session)
    engine.dispose()
    for finding in findings:
        typer.echo(
            f"Instrument {finding.instrument_id}, version {finding.version}: {finding.problem}.",
            err=True,
        )
    typer.echo(f"Checked {checked} versions: {len(findings)} problems.")
    if findings:
        raise typer.Exit(1)
