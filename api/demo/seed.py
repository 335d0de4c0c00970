"""The demo: a sample social-services law in two editions, its Russian and Turkmen texts, and
one user per role. Loading it twice changes nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.auth import service as auth
from api.auth.schemas import UserCreate
from api.demo.drafting import seed_alignment, seed_draft
from api.demo.obligations import seed_obligations
from drafts import service
from drafts.audit import Actor
from drafts.parse import parse_text
from drafts.schemas import InstrumentCreate
from drafts.users import User
from frameworks.loader import load_shipped

HERE = Path(__file__).parent
SYSTEM = Actor(user_id=None, request_id="demo")

DEMO_PASSWORDS = {
    "admin": "admin-demo-2026",
    "drafter": "drafter-demo-2026",
    "reviewer": "reviewer-demo-2026",
    "viewer": "viewer-demo-2026",
}
DISPLAY_NAMES = {
    "admin": "Aýna Administrator",
    "drafter": "Dovlet Drafter",
    "reviewer": "Maral Reviewer",
    "viewer": "Gözel Viewer",
}


def _text(name: str):
    return parse_text((HERE / name).read_text(encoding="utf-8")).nodes


def seed(session: Session) -> bool:
    """Load the demo data unless it is there; True when it was loaded now. The treaties and
    UN recommendations are loaded (or brought up to date) either way."""
    load_shipped(session, actor=SYSTEM)
    if session.scalar(select(User.id).where(User.username == "admin")) is not None:
        return False
    users = {
        role: auth.create_user(
            session=session,
            data=UserCreate(
                username=role, password=password, role=role, display_name=DISPLAY_NAMES[role]
            ),
            actor=SYSTEM,
        )
        for role, password in DEMO_PASSWORDS.items()
    }
    drafter = Actor(user_id=users["drafter"].id, request_id="demo")

    law = service.create_instrument(
        session=session,
        data=InstrumentCreate(
            title="Law of Turkmenistan on Social Services (sample)",
            short_title="Social Services Law (sample)",
            kind="law",
            jurisdiction="tm",
            language="en",
            work_uri="/akn/tm/act/2021/social-services",
        ),
        actor=drafter,
    )
    service.create_version(
        session=session,
        instrument=law,
        provisions=_text("social_services_v1.en.txt"),
        actor=drafter,
        label="As adopted",
        status="in_force",
        effective_date=date(2021, 7, 1),
        message="Sample text as adopted in 2021.",
    )
    amended = service.create_version(
        session=session,
        instrument=law,
        provisions=_text("social_services_v2.en.txt"),
        actor=drafter,
        label="Amended for CRC, CRPD and CEDAW",
        status="in_force",
        effective_date=date(2025, 1, 1),
        message="Sample amendments aligning the law with the UN conventions.",
    )
    seed_alignment(session, law=law, version=amended, reviewer=users["reviewer"])
    seed_draft(
        session, law=law, version=amended, drafter=users["drafter"], reviewer=users["reviewer"]
    )
    seed_obligations(session, law=law, actor=drafter)
    texts = (
        ("ru", "Закон Туркменистана о социальных услугах (образец)",
         "Закон о социальных услугах (образец)", "Редакция 2021 года",
         "Russian companion text of the sample law."),
        ("tk", "Türkmenistanyň «Durmuş hyzmatlary hakynda» Kanuny (nusga)",
         "Durmuş hyzmatlary hakynda Kanun (nusga)", "2021-nji ýylyň redaksiýasy",
         "Turkmen text of the sample law."),
    )  # fmt: skip
    for language, title, short_title, label, message in texts:
        _sample_in(session, drafter, language, title, short_title, label, message)
    return True


def _sample_in(
    session: Session,
    actor: Actor,
    language: str,
    title: str,
    short_title: str,
    label: str,
    message: str,
) -> None:
    """The sample law as adopted in 2021, in another of its languages."""
    text = service.create_instrument(
        session=session,
        data=InstrumentCreate(
            title=title,
            short_title=short_title,
            kind="law",
            jurisdiction="tm",
            language=language,
            work_uri=f"/akn/tm/act/2021/social-services-{language}",
        ),
        actor=actor,
    )
    service.create_version(
        session=session,
        instrument=text,
        provisions=_text(f"social_services_v1.{language}.txt"),
        actor=actor,
        label=label,
        status="in_force",
        effective_date=date(2021, 7, 1),
        message=message,
    )
