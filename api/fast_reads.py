"""Cached representations answered without the framework's routing.

A numbered version, the diff of two numbered versions or a search answer, once a route has
answered it, is a cached body under a key the route can compute again
(`representations.Recipe`). For the same request target (path and query, byte for byte), this
layer then does only what decides the answer: it signs the user in and checks the permissions
the route's dependencies checked (`deps.signed_in`, `deps.authorize`: the same functions),
computes the key again in the database (what it depends on, such as an author's name, a title
or the search documents' stamp, may have changed), and sends the cached body through
`representations.reply`, the route's own answer. Anything else, a refusal or an error
included, goes on to the app unchanged, which answers it as always.

It sits inside the request id, security headers, body limit, input boundary and admission
layers, so its answers pass the same checks and carry the same headers. On SQLite it answers
in the event loop itself: its reads are a few indexed lookups in the file's cached pages that
do not wait on writers (WAL), and the trip to a thread and back cost more than they do (at 64
connections, 0.68 ms of CPU per answer in the loop, 0.79 in threads). On PostgreSQL, whose
reads are round trips over the network, it answers in a few threads of its own (`THREADS`).
Either way a session is held only while it answers. What it remembers per target is each
worker's own and only saves routing.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

from anyio import CapacityLimiter, to_thread
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api import representations
from api.deps import authorize, signed_in
from drafts.db import make_sessionmaker

TARGETS = 10_000
"""Request targets remembered per worker, the least recently used forgotten first."""
THREADS = 2
"""Answers made at once per worker on PostgreSQL. An answer holds the interpreter lock nearly
all its time, so more threads only queue for it and lengthen the slowest answers (64
connections on two cores: p99 0.66 s with 40 threads, 0.05 s with two); two let one wait on
the database while the other runs."""


@dataclass(frozen=True, slots=True)
class Known:
    """What a target's answer took: the permissions checked, and how its key is computed."""

    permissions: tuple[str, ...]
    recipe: representations.Recipe


class FastReads:
    """Answers a GET of a remembered target from the representation cache, else passes it on
    and remembers the target when the app answered it with a cached representation."""

    def __init__(self, app: ASGIApp, *, state) -> None:
        self.app = app
        self.state = state
        self.threads = CapacityLimiter(THREADS)
        self.in_loop = state.engine.dialect.name == "sqlite"
        self.sessions = state.sessionmaker if self.in_loop else _autocommit(state.sessionmaker)
        self.replica = state.read_sessionmaker and _autocommit(state.read_sessionmaker)
        self.known: OrderedDict[tuple[str, bytes], Known] = OrderedDict()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or _has_body(scope):
            await self.app(scope, receive, send)
            return
        target = (scope["path"], scope["query_string"])
        known = self.known.get(target)
        if known is None:
            await self._learn(scope, receive, send, target)
            return
        self.known.move_to_end(target)
        if self.in_loop:
            response = self.answer(scope, known)
        else:
            response = await to_thread.run_sync(self.answer, scope, known, limiter=self.threads)
        if response is None:
            await self.app(scope, receive, send)
            return
        await response(scope, receive, send)

    async def _learn(
        self, scope: Scope, receive: Receive, send: Send, target: tuple[str, bytes]
    ) -> None:
        status = 0

        async def watch(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        await self.app(scope, receive, watch)
        state = scope.get("state", {})
        recipe, permissions = state.get("recipe"), state.get("permissions")
        if status in (200, 304) and recipe is not None and permissions:
            self.known[target] = Known(permissions, recipe)
            if len(self.known) > TARGETS:
                self.known.popitem(last=False)

    def answer(self, scope: Scope, known: Known) -> Response | None:
        """The cached answer, or None when the app must answer."""
        request = Request(scope)
        with self.sessions() as session:
            try:
                user = signed_in(request, session)
                for permission in known.permissions:
                    authorize(user, permission, self.state.settings)
                key = self._rekey(session, known.recipe)
            except Exception:  # the app answers it, and answers a fault as it always does
                return None
        body = representations.CACHE.get(key)
        if body is None and not representations.not_modified(request, f'"{key}"'):
            return None
        return representations.reply(request, key, body, known.recipe)

    def _rekey(self, session: Session, recipe: representations.Recipe) -> str:
        """The key, read where the route reads it: on the replica when there is one."""
        if self.replica is None:
            return recipe.rekey(session)
        with self.replica() as read:
            return recipe.rekey(read)


def _autocommit(sessions: sessionmaker) -> sessionmaker:
    """Sessions on the same pool whose statements each stand alone: on PostgreSQL an answer
    is then its statements' round trips, without a BEGIN and a ROLLBACK around them. Each
    statement reads what is committed when it runs, which is all an answer needs: the user
    signed in now, and the key read afresh. Sessions bound to one connection, in a
    transaction already open (as the tests bind theirs), are kept as they are."""
    bind = sessions.kw["bind"]
    if not isinstance(bind, Engine):
        return sessions
    return make_sessionmaker(bind.execution_options(isolation_level="AUTOCOMMIT"))


def _has_body(scope: Scope) -> bool:
    headers = dict(scope["headers"])
    return headers.get(b"content-length", b"0") != b"0" or b"transfer-encoding" in headers
