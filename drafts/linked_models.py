"""Tables of linked language versions: the texts of one instrument in several languages.

Each language text is an instrument of its own, with its own versions. `LanguageVersion` puts
it in a set (named by the instrument that leads it) and says whether it is official or a
working translation; `ProvisionLink` ties each provision to its counterparts in the other
languages through a shared key, and remembers which revision of it the counterparts matched
(`synced_revision_id`), so a later change in one language shows which counterparts did not
follow.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from drafts.db import Base, utcnow
from drafts.models import Instrument, Provision, Revision

AUTHORITIES = ("official", "working")
"""An official text (Turkmen and Russian laws) or a working translation (English)."""


class LanguageVersion(Base):
    __tablename__ = "language_versions"
    __table_args__ = (CheckConstraint("authority IN ('official', 'working')", name="authority"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    set_id: Mapped[int] = mapped_column(ForeignKey(Instrument.id), index=True)
    """The instrument that leads the set (the first text it was built from)."""
    instrument_id: Mapped[int] = mapped_column(ForeignKey(Instrument.id), unique=True)
    authority: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ProvisionLink(Base):
    __tablename__ = "provision_links"
    __table_args__ = (UniqueConstraint("set_id", "key", "instrument_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    set_id: Mapped[int] = mapped_column(ForeignKey(Instrument.id), index=True)
    key: Mapped[str] = mapped_column(String(36))
    """Shared by a provision and its counterparts: the provision id of one of them."""
    instrument_id: Mapped[int] = mapped_column(ForeignKey(Instrument.id))
    provision_id: Mapped[str] = mapped_column(ForeignKey(Provision.id), unique=True)
    synced_revision_id: Mapped[int] = mapped_column(ForeignKey(Revision.id))
    """The wording of this provision that its counterparts were last known to match."""
