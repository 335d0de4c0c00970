"""The mail worker: sends the e-mail outbox over SMTP, one message per notification, or one
digest a day for those who chose it (`kanun mail-worker`).

Each message is marked sent in its own transaction right after the server accepted it, so a
worker that stops loses nothing and sends nothing twice; a failure is counted and retried on
the next round, up to `MAX_ATTEMPTS`. Several workers may run: on PostgreSQL each takes rows
the others have not locked.
"""

from __future__ import annotations

import contextlib
import logging
import smtplib
import time
from collections.abc import Callable
from dataclasses import astuple, dataclass
from datetime import datetime
from email.message import EmailMessage

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from api.settings import Settings
from drafts.db import make_engine, make_sessionmaker, utcnow
from drafts.notify.models import MailOutbox, MailPreference, Notification
from drafts.users import User
from frontend.i18n import translations
from frontend.notices import DIGEST_SUBJECT, told
from frontend.templating import templates

log = logging.getLogger("kanun.mail")
MAX_ATTEMPTS = 5
BATCH = 100


@dataclass
class Round:
    """What one look at the outbox did."""

    sent: int = 0
    digests: int = 0
    failed: int = 0


def connect(settings: Settings) -> smtplib.SMTP:
    """An open connection to the configured SMTP server, signed in when a user is set."""
    if settings.smtp_security == "tls":
        server: smtplib.SMTP = smtplib.SMTP_SSL(settings.smtp_host, settings.smtp_port, timeout=30)
    else:
        server = smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=30)
    if settings.smtp_security == "starttls":
        server.starttls()
    if settings.smtp_username:
        server.login(settings.smtp_username, settings.smtp_password)
    return server


def compose(
    session: Session, settings: Settings, user: User, rows: list[MailOutbox]
) -> EmailMessage:
    """The e-mail of these outbox rows, in the user's language: one notification, or a digest."""
    gettext = translations(user.language).gettext
    notifications = [session.get(Notification, row.notification_id) for row in rows]
    notices = told(session, gettext, notifications)
    digest = rows[0].digest
    body = (
        templates(user.language)
        .env.get_template("mail/notification.txt")
        .render(user=user, notices=notices, digest=digest, base=settings.public_url.rstrip("/"))
    )
    message = EmailMessage()
    message["From"] = settings.mail_from
    message["To"] = rows[0].address
    if digest:
        message["Subject"] = gettext(DIGEST_SUBJECT) % {"num": len(rows)}
    else:
        message["Subject"] = "Kanun: " + notices[0].subject
    message.set_content(body)
    return message


def _pending(session: Session, *, digest: bool):
    query = (
        select(MailOutbox)
        .where(
            MailOutbox.sent_at.is_(None),
            MailOutbox.digest.is_(digest),
            MailOutbox.attempts < MAX_ATTEMPTS,
        )
        .order_by(MailOutbox.id)
        .limit(BATCH)
    )
    if session.bind.dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    return list(session.scalars(query))


def _deliver(
    session: Session, settings: Settings, send: Callable[[EmailMessage], object], rows
) -> bool:
    """Send one message for `rows` and record the outcome; commits either way."""
    user = session.get(User, rows[0].user_id)
    try:
        send(compose(session, settings, user, rows))
    except (smtplib.SMTPException, OSError) as error:
        log.warning("could not send mail to user %s: %s", user.id, error)
        for row in rows:
            row.attempts += 1
            row.last_error = str(error)[:500]
        session.commit()
        return False
    now = utcnow()
    for row in rows:
        row.sent_at = now
        row.attempts += 1
    if rows[0].digest:
        preference = session.get(MailPreference, user.id)
        if preference is not None:
            preference.last_digest_at = now
    session.commit()
    return True


def _digest_due(session: Session, user_id: int, now: datetime, hour: int, force: bool) -> bool:
    if force:
        return True
    preference = session.get(MailPreference, user_id)
    last = preference.last_digest_at if preference else None
    return now.hour >= hour and (last is None or last.date() < now.date())


def run_once(
    factory: sessionmaker, settings: Settings, *, send=None, digests_now: bool = False
) -> Round:
    """Send what the outbox holds: each message due, and the digests due now."""
    done = Round()
    server = None

    def deliver(message: EmailMessage) -> None:
        nonlocal server
        if send is not None:
            send(message)
            return
        if server is None:
            server = connect(settings)
        server.send_message(message)

    try:
        with factory() as session:
            for row in _pending(session, digest=False):
                ok = _deliver(session, settings, deliver, [row])
                done.sent += ok
                done.failed += not ok
        with factory() as session:
            by_user: dict[int, list[MailOutbox]] = {}
            for row in _pending(session, digest=True):
                by_user.setdefault(row.user_id, []).append(row)
            now = utcnow()
            for user_id, rows in by_user.items():
                if _digest_due(session, user_id, now, settings.mail_digest_hour, digests_now):
                    ok = _deliver(session, settings, deliver, rows)
                    done.digests += ok
                    done.failed += not ok
            session.commit()
    finally:
        if server is not None:
            with contextlib.suppress(smtplib.SMTPException, OSError):
                server.quit()
    return done


def work(settings: Settings, *, once: bool = False, digests_now: bool = False) -> Round:
    """Send the outbox once (`once`), or look at it every `mail_interval_seconds` until
    stopped; what was done in all."""
    import api.models  # noqa: F401  every table, for the outbox's joins

    logging.basicConfig(level=logging.INFO)
    engine = make_engine(settings.database_url)
    factory = make_sessionmaker(engine)
    done = Round()
    try:
        while True:
            result = run_once(factory, settings, digests_now=digests_now)
            done.sent, done.digests = done.sent + result.sent, done.digests + result.digests
            done.failed += result.failed
            if result.sent or result.digests or result.failed:
                log.info("%s sent, %s digests, %s failed", *astuple(result))
            if once:
                return done
            time.sleep(settings.mail_interval_seconds)
    except KeyboardInterrupt:
        return done
    finally:
        engine.dispose()
