"""Notifications told in sentences of the reader's language, with the page each leads to; the
inbox and the e-mails both read them from here."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from drafts.notify.models import Notification
from drafts.packages.models import Draft
from drafts.users import names
from frontend.vocabulary import N_

SENTENCES = {
    "mention": N_("%(who)s mentioned you in a comment on “%(draft)s”."),
    "reply": N_("%(who)s replied to your comment on “%(draft)s”."),
    "amendment_proposed": N_(
        "%(who)s proposed amendment %(amendment)s to “%(draft)s”; it awaits a decision."
    ),
    "amendment_decided": N_(
        "%(who)s decided your amendment %(amendment)s to “%(draft)s”: %(stage)s."
    ),
    "stage": N_("%(who)s moved “%(draft)s” to %(stage)s; the next step is yours to take."),
}
SUBJECTS = {
    "mention": N_("You were mentioned on “%(draft)s”"),
    "reply": N_("A reply to your comment on “%(draft)s”"),
    "amendment_proposed": N_("Amendment %(amendment)s awaits a decision"),
    "amendment_decided": N_("Your amendment %(amendment)s was %(stage)s"),
    "stage": N_("“%(draft)s” is at %(stage)s"),
}
SOMEONE = N_("Someone")
DIGEST_SUBJECT = N_("Kanun: your day's notifications (%(num)d)")


@dataclass(frozen=True, slots=True)
class Notice:
    notification: Notification
    sentence: str
    subject: str
    href: str


def href(notification: Notification) -> str:
    """The page a notification leads to, at the comment it is about."""
    anchor = f"#comment-{notification.comment_id}" if notification.comment_id else ""
    if notification.amendment_id:
        return f"/amendments/{notification.amendment_id}{anchor}"
    return f"/drafts/{notification.draft_id}{anchor}"


def told(
    session: Session, gettext: Callable[[str], str], notifications: Iterable[Notification]
) -> list[Notice]:
    """Each notification with its sentence and subject in the language of `gettext`."""
    notifications = list(notifications)
    who = names(session, (n.actor_id for n in notifications))
    drafts = {n.draft_id for n in notifications}
    titles = dict(session.execute(select(Draft.id, Draft.title).where(Draft.id.in_(drafts))).all())
    found = []
    for n in notifications:
        words = {
            "who": who.get(n.actor_id) or gettext(SOMEONE),
            "draft": titles.get(n.draft_id, ""),
            "amendment": n.amendment_id or "",
            "stage": gettext(n.stage.replace("_", " ")) if n.stage else "",
        }
        found.append(
            Notice(
                n, gettext(SENTENCES[n.kind]) % words, gettext(SUBJECTS[n.kind]) % words, href(n)
            )
        )
    return found
