"""The demo law has several implementing acts in each state of the work."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select

from api.demo.seed import seed
from drafts import obligations_tracking as tracking
from drafts.db import utcnow
from drafts.models import Instrument


def test_the_demo_law_has_obligations_in_every_state(sessions):
    with sessions() as session:
        seed(session)
        session.flush()
        law = session.scalar(
            select(Instrument).where(Instrument.work_uri == "/akn/tm/act/2021/social-services")
        )
        views = tracking.views(session=session, today=utcnow().date(), instrument_id=law.id)
        states = Counter(view.status for view in views)
        assert all(states[state] >= 2 for state in ("adopted", "drafting", "overdue")), states
        assert states["not_started"] >= 2, states
        assert {view.citation for view in views} >= {"Article 13(3)", "Article 12(2)"}
