"""Signed checkpoints of the chain heads: tamper evidence that database access alone cannot undo.

Each version's hash chains to its parent's (`drafts.hashing`), but whoever can write the
database can rewrite a version and recompute every hash after it. So whenever a commit adds
versions, a checkpoint is written in the same transaction: a statement naming the latest
version and hash of every instrument, the number of the checkpoint and the digest of the one
before, signed with an Ed25519 key that lives outside the database. Rewriting history then
means forging a signature. A published statement (`kanun chain-head`) also reveals removed
checkpoints.

Versions never change once written; a version's new status is a new version, so nothing
already signed is ever signed again.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from sqlalchemy import String, Text, event, func, select, text
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker

from drafts.db import Base, utcnow
from drafts.models import Version

FORMAT = "kanun-chain-checkpoint/1"
_PENDING = "kanun.checkpoint.pending"


class Checkpoint(Base):
    __tablename__ = "chain_checkpoints"

    id: Mapped[int] = mapped_column(primary_key=True)
    sequence: Mapped[int] = mapped_column(unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    statement: Mapped[str] = mapped_column(Text)
    """The canonical JSON that is signed."""
    signature: Mapped[str] = mapped_column(String(128))
    key_id: Mapped[str] = mapped_column(String(64))


def key_id(key: Ed25519PublicKey) -> str:
    """SHA-256 of the raw public key, in hex: names the key without revealing anything."""
    return hashlib.sha256(key.public_bytes(Encoding.Raw, PublicFormat.Raw)).hexdigest()


def digest(statement: str) -> str:
    return hashlib.sha256(statement.encode("utf-8")).hexdigest()


def heads(session: Session) -> list[list]:
    """[instrument id, latest version number, its hash] of every instrument, by id."""
    latest = (
        select(Version.instrument_id, func.max(Version.number).label("number"))
        .group_by(Version.instrument_id)
        .subquery()
    )
    rows = session.execute(
        select(Version.instrument_id, Version.number, Version.content_hash)
        .join(
            latest,
            (latest.c.instrument_id == Version.instrument_id) & (latest.c.number == Version.number),
        )
        .order_by(Version.instrument_id)
    )
    return [list(row) for row in rows]


def canonical(payload: dict) -> str:
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=True)


def write_checkpoint(session: Session, key: Ed25519PrivateKey) -> Checkpoint:
    """Sign the chain heads as they stand in this transaction, after the previous checkpoint."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(hashtext('kanun.checkpoints'))"))
    previous = session.scalar(select(Checkpoint).order_by(Checkpoint.sequence.desc()).limit(1))
    listed = heads(session)
    statement = canonical(
        {
            "format": FORMAT,
            "sequence": previous.sequence + 1 if previous else 1,
            "at": utcnow().isoformat(timespec="seconds"),
            "previous": digest(previous.statement) if previous else None,
            "heads": listed,
            "head": digest(canonical({"heads": listed})),
        }
    )
    checkpoint = Checkpoint(
        sequence=previous.sequence + 1 if previous else 1,
        statement=statement,
        signature=key.sign(statement.encode("utf-8")).hex(),
        key_id=key_id(key.public_key()),
    )
    session.add(checkpoint)
    session.flush()
    return checkpoint


class Signer:
    """Writes a checkpoint before each commit of a session that added versions."""

    def __init__(self, key: Ed25519PrivateKey) -> None:
        self.key = key

    def install(self, target: sessionmaker | Session | type[Session]) -> None:
        event.listen(target, "after_flush", self._note)
        event.listen(target, "before_commit", self._sign)
        event.listen(target, "after_rollback", self._forget)

    def _note(self, session: Session, _context: object) -> None:
        if any(isinstance(obj, Version) for obj in session.new):
            session.info[_PENDING] = True

    def _sign(self, session: Session) -> None:
        session.flush()
        if session.info.pop(_PENDING, False):
            write_checkpoint(session, self.key)

    def _forget(self, session: Session) -> None:
        session.info.pop(_PENDING, None)


@dataclass(frozen=True, slots=True)
class Problem:
    checkpoint: int | None
    problem: str


def verify_checkpoints(session: Session, key: Ed25519PublicKey) -> tuple[int, list[Problem]]:
    """(checkpoints checked, what is wrong): bad signatures, gaps, heads whose version or hash
    is not what was signed, and versions newer than the last checkpoint."""
    problems: list[Problem] = []
    checkpoints = list(session.scalars(select(Checkpoint).order_by(Checkpoint.sequence)))
    previous: Checkpoint | None = None
    stored = {(i, n): h for i, n, h in session.execute(_all_hashes())}
    for checkpoint in checkpoints:
        problems += [Problem(checkpoint.sequence, p) for p in _check(checkpoint, previous, key)]
        for instrument, number, signed in json.loads(checkpoint.statement)["heads"]:
            if stored.get((instrument, number)) != signed:
                problems.append(
                    Problem(
                        checkpoint.sequence,
                        f"version {number} of instrument {instrument} is not the one signed",
                    )
                )
        previous = checkpoint
    signed_heads = {i: n for i, n, _ in json.loads(previous.statement)["heads"]} if previous else {}
    for instrument, number, _ in heads(session):
        if number > signed_heads.get(instrument, 0):
            problems.append(
                Problem(
                    None,
                    f"version {number} of instrument {instrument} is newer than the last signed "
                    "checkpoint",
                )
            )
    return len(checkpoints), problems


def _all_hashes():
    return select(Version.instrument_id, Version.number, Version.content_hash)


def _check(checkpoint: Checkpoint, previous: Checkpoint | None, key: Ed25519PublicKey) -> list[str]:
    found = []
    try:
        key.verify(bytes.fromhex(checkpoint.signature), checkpoint.statement.encode("utf-8"))
    except (InvalidSignature, ValueError):
        found.append("its signature does not match its statement and the key")
    body = json.loads(checkpoint.statement)
    expected = previous.sequence + 1 if previous else 1
    if body.get("sequence") != checkpoint.sequence or checkpoint.sequence != expected:
        found.append(f"it should be checkpoint {expected}: checkpoints are missing")
    if body.get("previous") != (digest(previous.statement) if previous else None):
        found.append("it does not follow the checkpoint before it")
    return found


def published(checkpoint: Checkpoint, key: Ed25519PublicKey) -> dict:
    """The chain head to publish: the statement, its signature and the public key."""
    return {
        "statement": json.loads(checkpoint.statement),
        "signature": checkpoint.signature,
        "public_key": key.public_bytes(Encoding.Raw, PublicFormat.Raw).hex(),
    }


def check_published(session: Session, head: dict, key: Ed25519PublicKey) -> list[str]:
    """What is wrong with the database against a chain head published earlier."""
    statement = canonical(head["statement"])
    if head.get("public_key") != key.public_bytes(Encoding.Raw, PublicFormat.Raw).hex():
        return ["the published chain head was signed with another key"]
    try:
        key.verify(bytes.fromhex(head["signature"]), statement.encode("utf-8"))
    except (InvalidSignature, ValueError):
        return ["the published chain head's signature does not match it"]
    sequence = head["statement"]["sequence"]
    stored = session.scalar(select(Checkpoint).where(Checkpoint.sequence == sequence))
    if stored is None or stored.statement != statement:
        return [f"the published checkpoint {sequence} is not in the database as published"]
    return []
