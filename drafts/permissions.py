"""What each role may do: the one table of roles and permissions."""

from __future__ import annotations

READ = "read"
INSTRUMENT_WRITE = "instrument.write"
VERSION_CREATE = "version.create"
USER_ADMIN = "user.admin"
AUDIT_READ = "audit.read"

PERMISSIONS: dict[str, frozenset[str]] = {
    "admin": frozenset({READ, INSTRUMENT_WRITE, VERSION_CREATE, USER_ADMIN, AUDIT_READ}),
    "drafter": frozenset({READ, INSTRUMENT_WRITE, VERSION_CREATE}),
    "reviewer": frozenset({READ}),
    "viewer": frozenset({READ}),
}


def allows(role: str | None, permission: str) -> bool:
    return role is not None and permission in PERMISSIONS.get(role, frozenset())
