"""Content hashes of versions, chained to the parent's so that history cannot be rewritten."""

from __future__ import annotations

import hashlib
import json

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
    return json.dumps(
        [_canonical(node) for node in nodes], ensure_ascii=False, separators=(",", ":")
    ).encode("utf-8")


def version_hash(nodes: tuple[Node, ...] | list[Node], parent_hash: str | None) -> str:
    """SHA-256 of the parent's hash and this version's canonical tree, in hex."""
    digest = hashlib.sha256()
    digest.update((parent_hash or GENESIS).encode("ascii"))
    digest.update(b"\n")
    digest.update(canonical_tree(nodes))
    return digest.hexdigest()
