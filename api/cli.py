"""The `kanun` command line."""

from __future__ import annotations

import getpass
import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from sqlalchemy.orm import Session

from api import cli_admin
from api.settings import Settings
from drafts.db import make_engine
from drafts.models import INSTRUMENT_KINDS
from drafts.permissions import ROLES

if TYPE_CHECKING:
    from frameworks.loader import LoadResult

app = typer.Typer(help="Kanun: versioned laws, drafts, redlines and treaty alignment.")
db_app = typer.Typer(help="Database schema.")
app.add_typer(db_app, name="db")
app.command()(cli_admin.verify)
app.command()(cli_admin.keygen)
app.command("chain-head")(cli_admin.chain_head)
app.command()(cli_admin.backup)
app.command()(cli_admin.restore)

Host = Annotated[str, typer.Option(help="Address to listen on.")]
Port = Annotated[int, typer.Option(help="Port to listen on.")]


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Bring the database to the newest schema."""
    from api.migrate import upgrade

    settings = Settings()
    upgrade(settings.database_url)
    typer.echo("The database schema is up to date.")


Workers = Annotated[
    int,
    typer.Option(
        min=1,
        help="Processes serving requests; they share nothing but the database (PostgreSQL "
        "in production), each with KANUN_THREADS threads and as many connections.",
    ),
]


@app.command()
def serve(host: Host = "127.0.0.1", port: Port = 8000, workers: Workers = 1) -> None:
    """Serve Kanun over HTTP."""
    import uvicorn

    # The client's address behind a proxy is read by the app (KANUN_TRUSTED_PROXIES).
    uvicorn.run(
        "api.app:served_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        proxy_headers=False,
    )


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
    if settings.signing_key is None:  # the demo signs its history with a key of its own
        key = settings.var_dir / "signing.pem"
        if not key.exists():
            from api.signing import generate

            generate(key)
        os.environ["KANUN_SIGNING_KEY"] = str(key)
        settings = Settings()
    upgrade(settings.database_url)
    engine = make_engine(settings.database_url)
    with cli_admin.signed_session(settings, engine) as session:
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
    role: Annotated[str, typer.Option(help=f"One of: {', '.join(ROLES)}")],
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
        _report(result)


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
    _report(result)


def _report(result: LoadResult) -> None:
    if result.removed:
        typer.echo(
            f"Warning: {result.code}: control characters removed ({result.removed}).", err=True
        )
    typer.echo(_loaded(result))


def _loaded(result: LoadResult) -> str:
    if not (result.created or result.added or result.updated):
        return f"{result.code}: up to date ({result.total} in all)."
    return f"{result.code}: {result.added} added, {result.updated} updated, {result.total} in all."


@app.command("import")
def import_file(
    file: Annotated[
        Path, typer.Argument(exists=True, dir_okay=False, help=".docx, .xml, .txt, .md")
    ],
    instrument: Annotated[int | None, typer.Option(help="Add a version to this instrument")] = None,
    title: Annotated[str, typer.Option(help="Title of a new instrument")] = "",
    work_uri: Annotated[str, typer.Option(help="e.g. /akn/tm/act/2021/social-services")] = "",
    kind: Annotated[str, typer.Option(help=", ".join(INSTRUMENT_KINDS))] = "law",
    language: Annotated[str, typer.Option(help="en, ru or tk")] = "",
    jurisdiction: Annotated[str, typer.Option(help="Country code; else the work URI's")] = "",
    label: Annotated[str, typer.Option(help="Label of the new version")] = "",
    status: Annotated[str, typer.Option(help="draft, adopted, in_force or repealed")] = "draft",
    effective_date: Annotated[str, typer.Option(help="YYYY-MM-DD")] = "",
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Only show what would be read")
    ] = False,
) -> None:
    """Import a law from a file, as a new instrument or the next version of one."""
    from pydantic import ValidationError

    import api.models  # noqa: F401  every table, for the versions' foreign keys
    from drafts import service
    from drafts.audit import Actor
    from drafts.errors import KanunError, field_errors
    from drafts.tree import count
    from exports import importing
    from exports.schemas import ImportFields

    try:
        fields = ImportFields(
            title=title,
            kind=kind,
            language=language,
            work_uri=work_uri,
            jurisdiction=jurisdiction,
            label=label,
            status=status,
            effective_date=effective_date,
        )
    except ValidationError as error:
        (issue, *_) = field_errors(error)
        raise typer.BadParameter(f"{issue['field']}: {issue['message']}") from None
    data = file.read_bytes()
    settings = Settings()
    engine = make_engine(settings.database_url)
    with cli_admin.signed_session(settings, engine) as session:
        try:
            target = (
                service.get_instrument(session=session, instrument_id=instrument)
                if instrument
                else None
            )
            if dry_run:
                imported = importing.check(
                    data=data, filename=file.name, instrument=target, language=language
                )
                _show_import(imported.result)
                raise typer.Exit(0)
            stored = importing.store(
                session=session,
                data=data,
                filename=file.name,
                fields=fields,
                instrument=target,
                user=None,
                actor=Actor(None, "cli"),
            )
        except KanunError as error:
            raise typer.BadParameter(_with_fields(error)) from None
        session.commit()
        _show_import(stored.imported.result, details=False)
        typer.echo(
            f"Stored version {stored.version.number} of instrument {stored.instrument.id} "
            f"({stored.instrument.title}) with {count(stored.imported.result.nodes)} provisions."
        )
    engine.dispose()


def _with_fields(error) -> str:
    """An error's sentence, then each field it names with what is wrong with it."""
    named = "; ".join(f"{issue['field']}: {issue['message']}" for issue in error.errors)
    return f"{error.detail} {named}" if named else error.detail


def _show_import(result, *, details: bool = True) -> None:
    from drafts.tree import count, walk

    if details:
        for node in walk(result.nodes):
            heading = f" {node.heading}" if node.heading else ""
            typer.echo(f"{node.kind:10} {node.num:8}{heading[:60]}")
        typer.echo(f"{count(result.nodes)} provisions.")
    for warning in result.warnings:
        typer.echo(f"warning: {warning.message}", err=True)


@app.command("export")
def export_version(
    instrument_id: Annotated[int | None, typer.Argument()] = None,
    version: Annotated[int | None, typer.Argument()] = None,
    format: Annotated[str, typer.Option(help="docx, akn, html, txt or pdf")] = "docx",
    output: Annotated[Path, typer.Option("-o", "--output", help="File to write")] = Path("-"),
    line_numbers: Annotated[bool, typer.Option("--line-numbers")] = False,
    draft: Annotated[int | None, typer.Option(help="A draft package instead of a version")] = None,
    kind: Annotated[str, typer.Option(help="With --draft: pack, text, table, redline, annex")] = (
        "pack"
    ),
    parts: Annotated[str | None, typer.Option(help="With --kind pack: note,table,…")] = None,
) -> None:
    """Write a version as .docx, Akoma Ntoso, HTML, plain text or PDF; or, with --draft, a
    draft's meeting pack or one of its documents as .docx or PDF."""
    import api.models  # noqa: F401  every table, for the versions' foreign keys
    from drafts import service
    from drafts.errors import KanunError
    from drafts.packages import service as drafts
    from exports import draft_service
    from exports import service as documents

    if draft is None and (instrument_id is None or version is None):
        raise typer.BadParameter("Give an instrument and a version number, or --draft ID.")
    formats = ("docx", "pdf") if draft is not None else documents.FORMATS
    if format not in formats:
        raise typer.BadParameter(f"Choose a format among {', '.join(formats)}.")
    if draft is not None and kind not in draft_service.KINDS:
        raise typer.BadParameter(f"Choose a kind among {', '.join(draft_service.KINDS)}.")
    engine = make_engine(Settings().database_url)
    with Session(engine) as session:
        try:
            if draft is not None:
                exported = draft_service.export_draft(
                    session=session,
                    draft=drafts.get_draft(session=session, draft_id=draft),
                    kind=kind,
                    format=format,
                    parts=draft_service.parse_parts(parts),
                )
            else:
                instrument = service.get_instrument(session=session, instrument_id=instrument_id)
                stored = service.get_version(session=session, instrument=instrument, number=version)
                exported = documents.export_version(
                    session=session,
                    instrument=instrument,
                    version=stored,
                    format=format,
                    line_numbers=line_numbers,
                )
        except KanunError as error:
            raise typer.BadParameter(error.detail) from None
    engine.dispose()
    target = output if str(output) != "-" else Path(exported.filename)
    target.write_bytes(exported.content)
    typer.echo(f"Wrote {target} ({len(exported.content)} bytes).")


@app.command("mail-worker")
def mail_worker(
    once: Annotated[bool, typer.Option(help="Send what is due now, then stop.")] = False,
    digests_now: Annotated[
        bool, typer.Option(help="Send the daily digests now, whatever the hour.")
    ] = False,
) -> None:
    """Send the notification e-mails of the outbox over SMTP (KANUN_SMTP_* settings)."""
    from api import mail

    settings = Settings()
    if not settings.smtp_host:
        raise typer.BadParameter("Set KANUN_SMTP_HOST to the SMTP server that sends the e-mail.")
    done = mail.work(settings, once=once, digests_now=digests_now)
    typer.echo(f"Sent {done.sent} e-mails and {done.digests} digests; {done.failed} failed.")
