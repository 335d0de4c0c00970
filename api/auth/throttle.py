"""Slowing down password guessing without locking people out.

Failed sign-ins are counted twice: for one user name from one address (since that pair last
signed in), and for one address whatever the user names. Past a few free failures each count
asks for a pause that doubles with every further failure, up to a ceiling; the next attempt
is refused (429, with the seconds to wait) until the pause after the latest failure is over.
So a guesser at one address slows to a crawl, while the person whose name is being guessed
signs in from their own address as always, and colleagues behind the same address are
slowed only once that address has failed many times. Failures older than the window are
forgotten; an admin can clear them at once.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from api.auth.models import LoginAttempt
from drafts.db import utcnow
from drafts.errors import InvalidInput, TooManyRequests


@dataclass(frozen=True, slots=True)
class Policy:
    free_per_account: int = 5
    """Failures for one user name from one address after which each try must wait."""
    free_per_address: int = 50
    """Failures from one address, for any user names, after which each try must wait."""
    first_pause: float = 1.0
    longest_pause: float = 300.0
    window: int = 900
    """Failures older than this many seconds no longer count."""


def pause(failures: int, free: int, policy: Policy) -> float:
    """Seconds to wait after the latest of `failures`: none while fewer than `free`, then the
    first pause, doubling with each further failure, up to the longest."""
    if failures < free:
        return 0.0
    return min(policy.longest_pause, policy.first_pause * 2 ** min(failures - free, 30))


def _failures(session: Session, *conditions) -> tuple[int, datetime | None]:
    count, latest = session.execute(
        select(func.count(LoginAttempt.id), func.max(LoginAttempt.at)).where(
            LoginAttempt.succeeded.is_(False), *conditions
        )
    ).one()
    return count, latest


def seconds_to_wait(session: Session, *, username: str, ip: str, policy: Policy) -> float:
    """How long the next sign-in as `username` from `ip` must wait; 0 when it may go ahead."""
    now = utcnow()
    since = now - timedelta(seconds=policy.window)
    name = username.lower()[:80]
    last_success = session.scalar(
        select(func.max(LoginAttempt.at)).where(
            LoginAttempt.succeeded.is_(True),
            LoginAttempt.username == name,
            LoginAttempt.ip == ip,
        )
    )
    pair, pair_latest = _failures(
        session,
        LoginAttempt.username == name,
        LoginAttempt.ip == ip,
        LoginAttempt.at >= max(since, last_success or since),
    )
    address, address_latest = _failures(session, LoginAttempt.ip == ip, LoginAttempt.at >= since)
    ready = [
        latest + timedelta(seconds=pause(count, free, policy))
        for count, latest, free in (
            (pair, pair_latest, policy.free_per_account),
            (address, address_latest, policy.free_per_address),
        )
        if latest is not None
    ]
    return max([0.0, *((moment - now).total_seconds() for moment in ready)])


def check(session: Session, *, username: str, ip: str, policy: Policy) -> None:
    """Refuse (429) a sign-in that comes before its pause is over."""
    wait = seconds_to_wait(session, username=username, ip=ip, policy=policy)
    if wait > 0:
        seconds = math.ceil(wait)
        raise TooManyRequests(
            f"Too many failed sign-ins; wait {seconds} second{'s' if seconds != 1 else ''} "
            "and try again.",
            retry_after=seconds,
        )


def clear(session: Session, *, username: str | None, ip: str | None) -> int:
    """Forget the failed sign-ins of a user name, of an address, or of both together."""
    if not username and not ip:
        raise InvalidInput("Name the user name, the address, or both, whose failures to clear.")
    query = delete(LoginAttempt).where(LoginAttempt.succeeded.is_(False))
    if username:
        query = query.where(LoginAttempt.username == username.lower()[:80])
    if ip:
        query = query.where(LoginAttempt.ip == ip)
    return session.execute(query).rowcount
