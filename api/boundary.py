"""The one input boundary of the HTTP interface: every request is checked as it streams in,
before any route parses it, and refused with a 422 sentence when it holds

- a forbidden character (`drafts.controls`: NUL and the other C0 controls but tab and line
  ends, lone surrogates) in its path, its query, a JSON string or key, a form field or a
  multipart text field (uploaded files are the importers' to clean);
- a whole number a database column cannot hold (beyond 32 bits: ids and counts are `INTEGER`
  columns, which PostgreSQL keeps in 32 bits), in the path, the query or JSON;
- more JSON objects than the largest version has provisions, or JSON nested deeper than any
  tree Kanun stores: counted while the body streams, so a huge tree is refused before it is
  ever built in memory.

JSON is read by a streaming parser (ijson over yajl), so the check costs no copy of the body.
"""

from __future__ import annotations

import re
from urllib.parse import unquote_to_bytes

import ijson
from python_multipart import MultipartParser
from python_multipart.multipart import parse_options_header
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.problem_text import scope_language
from api.problems import problem
from drafts.controls import FORBIDDEN_BYTES, first_forbidden, name
from drafts.service import MAX_PROVISIONS
from drafts.tree import MAX_DEPTH

SMALLEST, LARGEST = -(2**31), 2**31 - 1
DIGITS = len(str(LARGEST))
"""Longer runs of digits are parsed and checked; shorter ones always fit."""
MAX_OBJECTS = MAX_PROVISIONS + 1_000
"""JSON objects in one body: the largest version's provisions and a margin for the rest."""
MAX_NESTING = 2 * MAX_DEPTH + 8
"""A provision tree nests an object and a list per level."""
_INTEGER = re.compile(r"^-?[0-9]+$")
_LONE_SURROGATE = re.compile(
    rb"(?<!\\)(?:\\\\)*\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})"
    rb"|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})(?<!\\)(?:\\\\)*\\u[dD][c-fC-F][0-9a-fA-F]{2}"
)
_TAIL = 32
"""Bytes of a chunk kept for the next, so that an escape cut in two is still seen."""


def refuse(detail: str) -> HTTPException:
    return HTTPException(422, detail)


def _character(where: str, character: str) -> HTTPException:
    return refuse(
        f"{where} holds the control character {name(character)}, which Kanun does not store; "
        "remove it and send again."
    )


def check_text(where: str, value: str) -> None:
    character = first_forbidden(value)
    if character is not None:
        raise _character(where, character)


def check_integer(where: str, value: int) -> None:
    if not SMALLEST <= value <= LARGEST:
        raise refuse(f"{where} is {len(str(abs(value)))} digits long; numbers must lie between "
                     f"{SMALLEST} and {LARGEST}.")  # fmt: skip


def _field(prefix: str) -> str:
    path = prefix.replace(".item", "[]")
    return f"The field {path}" if path else "The request body"


class JsonCheck:
    """Feeds a JSON body to the streaming parser chunk by chunk and checks every event."""

    def __init__(self) -> None:
        self.events = ijson.sendable_list()
        self.parser = ijson.parse_coro(self.events, use_float=False)
        self.objects = 0
        self.depth = 0
        self.tail = b""

    def feed(self, chunk: bytes, more: bool) -> None:
        self._surrogates(chunk, more)
        try:
            if chunk:
                self.parser.send(chunk)
            if not more:
                self.parser.close()
        except ijson.JSONError:
            raise HTTPException(400, "The request body is not valid JSON.") from None
        for prefix, event, value in self.events:
            self._check(prefix, event, value)
        del self.events[:]

    def _surrogates(self, chunk: bytes, more: bool) -> None:
        window = self.tail + chunk
        for found in _LONE_SURROGATE.finditer(window):
            if not more or found.end() + 6 <= len(window):
                escape = found.group()[-6:].decode()
                raise refuse(
                    f"The request body holds half of a surrogate pair ({escape}), which is no "
                    "character; send the text as UTF-8."
                )
        self.tail = window[-_TAIL:]

    def _check(self, prefix: str, event: str, value: object) -> None:
        if event in ("start_map", "start_array"):
            self.depth += 1
            if self.depth > MAX_NESTING:
                raise refuse(f"The request is nested more than {MAX_NESTING} levels deep.")
            if event == "start_map":
                self.objects += 1
                if self.objects > MAX_OBJECTS:
                    raise HTTPException(
                        413,
                        f"The request holds more than {MAX_OBJECTS} objects; a version may "
                        f"hold at most {MAX_PROVISIONS} provisions.",
                    )
        elif event in ("end_map", "end_array"):
            self.depth -= 1
        elif event == "string":
            check_text(_field(prefix), value)
        elif event == "map_key":
            check_text(f"A name in {_field(prefix).lower()}", value)
        elif event == "number" and isinstance(value, int):
            check_integer(_field(prefix), value)


class FormCheck:
    """Checks the fields of a URL-encoded form once it has come in whole."""

    def __init__(self) -> None:
        self.chunks: list[bytes] = []

    def feed(self, chunk: bytes, more: bool) -> None:
        self.chunks.append(chunk)
        if not more:
            found = FORBIDDEN_BYTES.search(unquote_to_bytes(b"".join(self.chunks)))
            if found:
                raise _character("A field of the form", found.group().decode())


class MultipartCheck:
    """Checks the text fields of a multipart form as they stream; files are left alone."""

    def __init__(self, boundary: bytes) -> None:
        self.header = b""
        self.headers: list[bytes] = []
        self.is_file = False
        self.parser = MultipartParser(
            boundary,
            callbacks={
                "on_part_begin": self._begin,
                "on_header_field": self._header,
                "on_header_value": self._header,
                "on_header_end": self._header_end,
                "on_part_data": self._data,
            },
        )

    def feed(self, chunk: bytes, more: bool) -> None:
        if chunk:
            self.parser.write(chunk)

    def _begin(self) -> None:
        self.headers, self.header, self.is_file = [], b"", False

    def _header(self, data: bytes, start: int, end: int) -> None:
        self.header += data[start:end]

    def _header_end(self) -> None:
        if self.header.lower().startswith(b"content-disposition"):
            self.is_file = b"filename" in self.header.lower()
        self.header = b""

    def _data(self, data: bytes, start: int, end: int) -> None:
        if not self.is_file:
            found = FORBIDDEN_BYTES.search(data, start, end)
            if found:
                raise _character("A field of the form", found.group().decode())


def _body_check(scope: Scope) -> JsonCheck | FormCheck | MultipartCheck | None:
    content_type = dict(scope["headers"]).get(b"content-type", b"")
    kind, options = parse_options_header(content_type)
    if kind == b"application/json" or kind.endswith(b"+json"):
        return JsonCheck()
    if kind == b"application/x-www-form-urlencoded":
        return FormCheck()
    if kind == b"multipart/form-data" and options.get(b"boundary"):
        return MultipartCheck(options[b"boundary"])
    return None


def check_address(scope: Scope) -> None:
    """The path and the query: no forbidden characters, no numbers beyond 32 bits."""
    for segment in scope["path"].split("/"):
        check_text("The address", segment)
        if _INTEGER.match(segment) and len(segment) >= DIGITS:
            check_integer(f"The number {segment[:20]}… in the address", int(segment))
    query = unquote_to_bytes(scope.get("query_string", b"").replace(b"+", b" "))
    found = FORBIDDEN_BYTES.search(query)
    if found:
        raise _character("The query", found.group().decode())
    for part in query.split(b"&"):
        value = part.partition(b"=")[2]
        if len(value) >= DIGITS and _INTEGER.match(value.decode("latin-1")):
            check_integer(f"The query parameter {part.partition(b'=')[0].decode()!r}", int(value))


async def drain(receive: Receive) -> None:
    """Read the rest of a refused body and drop it, so that the client, still sending, reads
    the refusal instead of a reset connection. The body is bounded: `LimitBody`, outside,
    refuses one larger than the limit as it streams, and then draining stops."""
    while True:
        try:
            message = await receive()
        except HTTPException:
            return
        if message["type"] != "http.request" or not message.get("more_body", False):
            return


class InputBoundary:
    """ASGI middleware applying the checks above; refusals are raised from `receive`, so the
    app's error handlers answer them, or answered here when the address itself is refused."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        try:
            check_address(scope)
        except HTTPException as refusal:
            lang = scope_language(scope)
            await problem(refusal.status_code, refusal.detail, lang=lang)(scope, receive, send)
            return
        check = _body_check(scope)
        if check is None:
            await self.app(scope, receive, send)
            return

        async def checked() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                try:
                    check.feed(message.get("body", b""), message.get("more_body", False))
                except HTTPException:
                    if message.get("more_body", False):
                        await drain(receive)
                    raise
            return message

        await self.app(scope, checked, send)
