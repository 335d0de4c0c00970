"""The Ed25519 key that signs the chain checkpoints, kept in a file outside the database."""

from __future__ import annotations

import os
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
    load_pem_private_key,
    load_pem_public_key,
)


class KeyProblem(RuntimeError):
    """The signing or verifying key cannot be used; the message says why."""


def generate(path: Path) -> Ed25519PublicKey:
    """Write a new private key to `path` (readable by its owner only); the public key."""
    if path.exists():
        raise KeyProblem(f"{path} exists already; Kanun does not overwrite a key.")
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(pem)
    return key.public_key()


def public_pem(key: Ed25519PublicKey) -> str:
    return key.public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo).decode("ascii")


def load_private(path: Path) -> Ed25519PrivateKey:
    try:
        key = load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as error:
        raise KeyProblem(f"The signing key {path} cannot be read ({error}).") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise KeyProblem(f"The signing key {path} is not an Ed25519 key.")
    return key


def load_public(path: Path) -> Ed25519PublicKey:
    """A public key file, or the public half of a private key file."""
    data = path.read_bytes() if path.exists() else b""
    if b"PRIVATE KEY" in data:
        return load_private(path).public_key()
    try:
        key = load_pem_public_key(data)
    except (ValueError, TypeError) as error:
        raise KeyProblem(f"The key {path} cannot be read ({error}).") from None
    if not isinstance(key, Ed25519PublicKey):
        raise KeyProblem(f"The key {path} is not an Ed25519 key.")
    return key


def loose(path: Path) -> bool:
    """Whether others than the owner may read the key file."""
    return bool(path.stat().st_mode & 0o077)
