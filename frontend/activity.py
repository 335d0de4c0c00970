"""The activity feed and the audit log in words: a sentence in the reader's language for each
recorded change to a draft, a readable name for every action, and the page each target is on."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from drafts.audit import AuditEntry
from frontend.vocabulary import N_

SENTENCES = {
    "draft.create": N_("%(who)s opened the draft “%(draft)s”."),
    "draft.update": N_("%(who)s edited the details of “%(draft)s”."),
    "draft.add_target": N_("%(who)s added a law to “%(draft)s”."),
    "draft.create_instrument": N_("%(who)s drafted a new law in “%(draft)s”."),
    "draft.stage": N_("%(who)s moved “%(draft)s” from %(from)s to %(to)s."),
    "draft.consolidate": N_("%(who)s consolidated “%(draft)s” into new versions."),
    "amendment.create": N_("%(who)s proposed amendment %(id)s to “%(draft)s”."),
    "amendment.update": N_("%(who)s edited amendment %(id)s of “%(draft)s”."),
    "amendment.withdraw": N_("%(who)s withdrew amendment %(id)s of “%(draft)s”."),
    "amendment.accepted": N_("%(who)s accepted amendment %(id)s of “%(draft)s”."),
    "amendment.rejected": N_("%(who)s rejected amendment %(id)s of “%(draft)s”."),
    "comment.create": N_("%(who)s commented on “%(draft)s”."),
    "comment.edit": N_("%(who)s edited a comment on “%(draft)s”."),
    "comment.resolve": N_("%(who)s resolved a thread on “%(draft)s”."),
    "comment.reopen": N_("%(who)s reopened a thread on “%(draft)s”."),
    "meeting.create": N_("%(who)s recorded a meeting of “%(draft)s”."),
    "meeting.update": N_("%(who)s updated a meeting of “%(draft)s”."),
}
OTHER = N_("%(who)s changed “%(draft)s”.")
SYSTEM = N_("Kanun")

ACTIONS = {
    "auth.login": N_("signed in"),
    "auth.logout": N_("signed out"),
    "user.create": N_("user added"),
    "user.update": N_("user changed"),
    "user.language": N_("language chosen"),
    "user.password_change": N_("own password changed"),
    "user.password_reset": N_("password reset"),
    "token.create": N_("API token created"),
    "token.revoke": N_("API token revoked"),
    "instrument.create": N_("law added"),
    "instrument.update": N_("law changed"),
    "version.create": N_("version added"),
    "draft.create": N_("draft opened"),
    "draft.update": N_("draft edited"),
    "draft.add_target": N_("law added to a draft"),
    "draft.create_instrument": N_("new law drafted"),
    "draft.stage": N_("draft moved"),
    "draft.consolidate": N_("draft consolidated"),
    "amendment.create": N_("amendment proposed"),
    "amendment.update": N_("amendment edited"),
    "amendment.withdraw": N_("amendment withdrawn"),
    "amendment.accepted": N_("amendment accepted"),
    "amendment.rejected": N_("amendment rejected"),
    "comment.create": N_("comment posted"),
    "comment.edit": N_("comment edited"),
    "comment.resolve": N_("thread resolved"),
    "comment.reopen": N_("thread reopened"),
    "meeting.create": N_("meeting recorded"),
    "meeting.update": N_("meeting updated"),
    "alignment.create": N_("treaty link added"),
    "alignment.update": N_("treaty link changed"),
    "alignment.delete": N_("treaty link deleted"),
    "framework.load": N_("treaty loaded"),
    "recommendations.load": N_("recommendations loaded"),
}
TARGETS = {
    "draft": N_("draft %(id)s"),
    "amendment": N_("amendment %(id)s"),
    "comment": N_("comment %(id)s"),
    "meeting": N_("meeting %(id)s"),
    "instrument": N_("law %(id)s"),
    "version": N_("version %(id)s"),
    "user": N_("user %(id)s"),
    "token": N_("token %(id)s"),
    "alignment": N_("treaty link %(id)s"),
}


@dataclass(frozen=True, slots=True)
class Told:
    entry: AuditEntry
    text: str
    href: str


def target_href(entry: AuditEntry) -> str:
    """The page of an entry's target, or "" when it has none."""
    kind, key, detail = entry.target_type, entry.target_id, entry.detail or {}
    if kind == "draft":
        return f"/drafts/{key}"
    if kind == "amendment":
        return f"/amendments/{key}"
    if kind in ("comment", "meeting") and entry.draft_id:
        return f"/drafts/{entry.draft_id}#{kind}-{key}"
    if kind == "instrument":
        return f"/instruments/{key}"
    if kind == "version" and "instrument_id" in detail:
        return f"/instruments/{detail['instrument_id']}?version={detail.get('number', '')}"
    if kind == "user":
        return f"/admin#user-{key}"
    if kind == "framework":
        return f"/treaties/{key}"
    return ""


def action_name(gettext: Callable[[str], str], action: str) -> str:
    return (
        gettext(ACTIONS[action])
        if action in ACTIONS
        else action.replace(".", " ").replace("_", " ")
    )


def target_name(gettext: Callable[[str], str], entry: AuditEntry) -> str:
    if entry.target_type in TARGETS:
        return gettext(TARGETS[entry.target_type]) % {"id": entry.target_id}
    return f"{entry.target_type} {entry.target_id}"


def feed(
    gettext: Callable[[str], str],
    entries: list[AuditEntry],
    people: dict[int, str],
    titles: dict[int, str],
) -> list[Told]:
    """Each change to a draft as a sentence, with the page it leads to."""
    told = []
    for entry in entries:
        detail = entry.detail or {}
        words = {
            "who": people.get(entry.user_id) or gettext(SYSTEM),
            "draft": titles.get(entry.draft_id, ""),
            "id": entry.target_id,
            "from": gettext((detail.get("from_stage") or "").replace("_", " ")),
            "to": gettext((detail.get("to_stage") or "").replace("_", " ")),
        }
        sentence = gettext(SENTENCES.get(entry.action, OTHER)) % words
        told.append(Told(entry, sentence, target_href(entry) or f"/drafts/{entry.draft_id}"))
    return told
