"""The administrators' commands: integrity checks, the signing key and the published chain
head, backups and restores. Registered on the `kanun` command line by `api.cli`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy.orm import Session

from api.settings import Settings
from drafts.db import make_engine

Published = Annotated[
    Path | None,
    typer.Option("--published", exists=True, dir_okay=False, help="A chain head published earlier"),
]


def signed_session(settings: Settings, engine) -> Session:
    """A session that signs a checkpoint when it commits new versions (with a signing key)."""
    from api.signing import load_private
    from drafts.checkpoints import Signer

    session = Session(engine)
    if settings.signing_key:
        Signer(load_private(settings.signing_key)).install(session)
    return session


def verify(published: Published = None) -> None:
    """Recompute every version's hash chain, check the signed checkpoints of the chain heads
    (and a chain head published earlier)."""
    from drafts.integrity import verify_versions

    settings = Settings()
    engine = make_engine(settings.database_url, connections=1)
    with Session(engine) as session:
        checked, findings = verify_versions(session)
        for finding in findings:
            typer.echo(
                f"Instrument {finding.instrument_id}, version {finding.version}: "
                f"{finding.problem}.",
                err=True,
            )
        typer.echo(f"Checked {checked} versions: {len(findings)} problems.")
        signed_ok = _verify_checkpoints(session, settings, published)
    engine.dispose()
    if findings or not signed_ok:
        raise typer.Exit(1)


def _verify_checkpoints(session: Session, settings: Settings, published: Path | None) -> bool:
    from api.signing import load_public
    from drafts.checkpoints import check_published, verify_checkpoints

    if settings.public_key_path is None:
        typer.echo(
            "No signing key is set (KANUN_SIGNING_KEY or KANUN_VERIFY_KEY): the chain heads "
            "are not checked against signed checkpoints.",
            err=True,
        )
        return published is None
    key = load_public(settings.public_key_path)
    count, problems = verify_checkpoints(session, key)
    for problem in problems:
        where = f"Checkpoint {problem.checkpoint}: " if problem.checkpoint else ""
        typer.echo(f"{where}{problem.problem}.", err=True)
    if published is not None:
        for problem in check_published(session, json.loads(published.read_text()), key):
            typer.echo(f"Published chain head: {problem}.", err=True)
            problems.append(problem)
    typer.echo(f"Checked {count} signed checkpoints: {len(problems)} problems.")
    return not problems


def keygen(
    file: Annotated[Path, typer.Argument(dir_okay=False, help="Where to write the private key")],
) -> None:
    """Make the Ed25519 key that signs the chain checkpoints; print its public key."""
    from api.signing import KeyProblem, generate, public_pem

    try:
        key = generate(file)
    except KeyProblem as error:
        raise typer.BadParameter(str(error)) from None
    typer.echo(f"Wrote the private key to {file}; set KANUN_SIGNING_KEY={file}.")
    typer.echo("Keep it outside the database and its backups. The public key, to publish:")
    typer.echo(public_pem(key), nl=False)


def chain_head(
    output: Annotated[Path, typer.Option("-o", "--output", help="File to write")] = Path("-"),
) -> None:
    """Write the latest signed checkpoint of the chain heads, to publish where no one with
    database access can change it (a gazette, a website, a letter to the archive)."""
    from sqlalchemy import select

    from api.signing import load_public
    from drafts.checkpoints import Checkpoint, published

    settings = Settings()
    if settings.public_key_path is None:
        raise typer.BadParameter("Set KANUN_SIGNING_KEY (or KANUN_VERIFY_KEY) first.")
    engine = make_engine(settings.database_url, connections=1)
    with Session(engine) as session:
        latest = session.scalar(select(Checkpoint).order_by(Checkpoint.sequence.desc()).limit(1))
        if latest is None:
            raise typer.BadParameter("No checkpoint has been signed yet.")
        head = published(latest, load_public(settings.public_key_path))
    engine.dispose()
    text = json.dumps(head, indent=2, sort_keys=True) + "\n"
    if str(output) == "-":
        typer.echo(text, nl=False)
    else:
        output.write_text(text)
        typer.echo(f"Wrote checkpoint {latest.sequence} to {output}.")


def backup(
    file: Annotated[Path, typer.Argument(dir_okay=False, help="The backup file to write")],
) -> None:
    """Copy the whole database to FILE and check the copy (SQLite: online backup; PostgreSQL:
    pg_dump)."""
    from api.backup import BackupProblem
    from api.backup import backup as make_backup

    try:
        checked = make_backup(Settings().database_url, file)
    except BackupProblem as error:
        raise typer.BadParameter(str(error)) from None
    _report(f"Backed up to {file}", checked)


def restore(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="A kanun backup")],
) -> None:
    """Replace the database with the backup FILE, once it checks out. Stop the server first."""
    from api.backup import BackupProblem
    from api.backup import restore as put_back

    try:
        checked = put_back(Settings().database_url, file)
    except BackupProblem as error:
        raise typer.BadParameter(str(error)) from None
    _report(f"Restored {file}", checked)


def _report(done: str, checked) -> None:
    typer.echo(f"{done}: {checked.versions} versions, {len(checked.findings)} hash problems.")
    if checked.findings:
        raise typer.Exit(1)
