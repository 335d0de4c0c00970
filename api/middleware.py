"""ASGI middleware: request ids, the request body size limit, and running a request again
when the database was too busy to take its transaction."""

from __future__ import annotations

import random
import re
import uuid

import anyio
from sqlalchemy.exc import DBAPIError
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.problem_text import scope_language
from api.problems import problem

_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class RequestId:
    """Takes a sane `X-Request-ID` or makes one; puts it in `request.state` and the reply."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = dict(scope["headers"]).get(b"x-request-id", b"").decode("latin-1")
        request_id = given if _SAFE_ID.match(given) else uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", []).append(
                    (b"x-request-id", request_id.encode("latin-1"))
                )
            await send(message)

        await self.app(scope, receive, send_with_id)


class LimitBody:
    """Refuses bodies over `max_bytes` with 413, by Content-Length or while they stream in."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.detail = f"The request body is larger than the limit of {max_bytes // 2**20} MB."

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await problem(413, self.detail, lang=scope_language(scope))(scope, receive, send)
            return
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise HTTPException(413, self.detail)
            return message

        await self.app(scope, counting_receive, send)


RETRYABLE_SQLSTATES = frozenset({"40001", "40P01", "55P03"})
"""PostgreSQL: serialization failure, deadlock, lock not available."""


def is_busy(error: BaseException) -> bool:
    """Whether `error` says the database could not take the transaction now (SQLite busy or
    locked, PostgreSQL serialization failure or deadlock): running it again may succeed."""
    if isinstance(error, BaseExceptionGroup):
        return any(is_busy(inner) for inner in error.exceptions)
    if not isinstance(error, DBAPIError):
        return error.__cause__ is not None and is_busy(error.__cause__)
    if getattr(error.orig, "sqlstate", None) in RETRYABLE_SQLSTATES:
        return True
    message = str(error.orig).lower()
    return "database is locked" in message or "database table is locked" in message


class RetryBusy:
    """Runs the whole request again, with its body, when the database was busy (at most
    `attempts` times, with growing random pauses); then answers 503. The request's
    transaction was rolled back, so nothing of a failed attempt is kept. A reply that has
    started is never run again."""

    def __init__(self, app: ASGIApp, attempts: int = 5) -> None:
        self.app = app
        self.attempts = attempts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        body = _Recorded(receive)
        for attempt in range(1, self.attempts + 1):
            started = False

            async def watch(message: Message) -> None:
                nonlocal started
                started = started or message["type"] == "http.response.start"
                await send(message)

            try:
                await self.app(scope, body.replay(), watch)
                return
            except Exception as error:
                if started or not is_busy(error):
                    raise
            await anyio.sleep(random.uniform(0.02, 0.1) * 2**attempt)
        await problem(
            503,
            "The database is busy with other changes; please try again in a moment.",
            headers={"Retry-After": "1"},
            lang=scope_language(scope),
        )(scope, receive, send)


class _Recorded:
    """The request's body messages as the first attempt reads them, for the next attempts."""

    def __init__(self, receive: Receive) -> None:
        self.receive = receive
        self.messages: list[Message] = []

    def replay(self) -> Receive:
        position = 0

        async def receive() -> Message:
            nonlocal position
            if position < len(self.messages):
                position += 1
                return self.messages[position - 1]
            message = await self.receive()
            if message["type"] == "http.request":
                self.messages.append(message)
                position += 1
            return message

        return receive


class Admission:
    """Lets at most `limit` requests into the app at once; the others wait their turn here,
    holding nothing. A request holds its database connection from its first dependency to its
    answer, also while it waits for a thread between the two, so without this the waiting
    requests would empty the pool; `limit` is the number of threads and pooled connections."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.slots = anyio.Semaphore(limit)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        async with self.slots:
            await self.app(scope, receive, send)
