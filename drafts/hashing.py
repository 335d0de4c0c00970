"""Content hashes of versions, chained to the parent's so that history cannot be rewritten
unnoticed: a version's hash covers its parent's hash, its status, its effective date and its
tree. A consistent rewrite of the whole chain is caught by the signed checkpoints of
`drafts.checkpoints`."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from datetime import date

from drafts.tree import Node

GENESIS = "0" * 64
"""The 'parent hash' of a first version."""


def _canonical(node: Node) -> list:
    return [
        node.kind,
        node.num,
        node.heading,
        node.text,
        node.provision_id,
        [_canonical(child) for child in node.children],
    ]


def canonical_tree(nodes: tuple[Node, ...] | list[Node]) -> bytes:
    """A byte string that two trees share exactly when their content and identities agree."""
    return b"".join(_canonical_parts(nodes))


def _canonical_parts(nodes: tuple[Node, ...] | list[Node]) -> Iterator[bytes]:
    """`canonical_tree` a top-level node at a time: the JSON array of their canonical forms."""
    yield b"["
    for i, node in enumerate(nodes):
        if i:
            yield b","
        yield json.dumps(_canonical(node), ensure_ascii=False, separators=(",", ":")).encode()
    yield b"]"


def version_hash(
    nodes: tuple[Node, ...] | list[Node],
    parent_hash: str | None,
    *,
    status: str,
    effective_date: date | None,
) -> str:
    """SHA-256, in hex, of the parent's hash, this version's status and effective date, and
    its canonical tree."""
    digest = hashlib.sha256()
    digest.update((parent_hash or GENESIS).encode("ascii"))
    digest.update(b"\n")
    when = effective_date.isoformat() if effective_date else None
    digest.update(json.dumps([status, when], separators=(",", ":")).encode("ascii"))
    digest.update(b"\n")
    for part in _canonical_parts(nodes):
        digest.update(part)
    return digest.hexdigest()
