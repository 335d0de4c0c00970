"""Cached representations. What a numbered version or the diff of two numbered versions
reads as never changes, so it is computed once, kept in a bounded cache by what it depends
on (the versions' ids and content hashes and the request's options), and served with a
strong ETag, `304 Not Modified` for a client that has it, and `Cache-Control: immutable`.
A search answer is kept the same way under the stamp of the search documents it was
computed at; the client asks again each time (`no-cache`) and gets `304` while it is true.

The cache is each worker's own and only saves work: a worker that lacks an entry computes
it again, the same bytes. The ETag is computed before the body, from the same key, so a
`304` costs only the reads that name the representation. Once answered, the same request
is answered from the cache without the framework's routing (`api.fast_reads`).
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

import orjson
from fastapi import Request, Response
from sqlalchemy.orm import Session

REPRESENTATION = "1"
"""Bumped when a representation's shape changes, so old ETags stop matching."""
CACHE_BYTES = 64 * 1024 * 1024
IMMUTABLE = "private, max-age=31536000, immutable"
"""Every read needs sign-in: browsers keep it, shared caches do not."""
REVALIDATE = "private, no-cache"
"""Kept by the browser, and asked for again (with If-None-Match) each time it is used."""


class BoundedCache:
    """A least-recently-used map of bytes, holding at most `limit` bytes, safe across the
    worker's threads."""

    def __init__(self, limit: int = CACHE_BYTES) -> None:
        self.limit = limit
        self._items: OrderedDict[str, bytes] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: str, value: bytes) -> None:
        if len(value) > self.limit:
            return
        with self._lock:
            if key in self._items:
                self._size -= len(self._items.pop(key))
            self._items[key] = value
            self._size += len(value)
            while self._size > self.limit:
                _, dropped = self._items.popitem(last=False)
                self._size -= len(dropped)

    def remembered(self, key: str, make: Callable[[], bytes]) -> bytes:
        value = self.get(key)
        if value is None:
            value = make()
            self.put(key, value)
        return value

    def __len__(self) -> int:
        return len(self._items)


CACHE = BoundedCache()


def key_of(*parts: object) -> str:
    """A strong validator of everything a representation depends on."""
    return hashlib.sha256(orjson.dumps([REPRESENTATION, *parts], default=str)).hexdigest()[:40]


def dumps(value: object) -> bytes:
    return orjson.dumps(value, default=str)


def not_modified(request: Request, etag: str) -> bool:
    """True when the client already holds this representation (If-None-Match)."""
    header = request.headers.get("if-none-match", "")
    return header.strip() == "*" or etag in {tag.strip() for tag in header.split(",")}


@dataclass(frozen=True, slots=True)
class Recipe:
    """How a route named its representation: `rekey` reads the key again from the database
    (what it depends on may have changed since), `media_type` is what the body is."""

    rekey: Callable[[Session], str]
    media_type: str
    cache_control: str


def immutable(
    request: Request,
    key: str,
    make: Callable[[], bytes],
    media_type: str = "application/json",
    *,
    rekey: Callable[[Session], str],
) -> Response:
    """The representation under `key` (from the cache, or made and kept), or 304. `rekey`
    computes `key` again in another request's session; it is left in `request.state.recipe`
    for `api.fast_reads`, which answers the same target again after checking only the
    permissions of the route's `require` dependencies: a route that answers with this has
    no other access rule."""
    return _cached(request, key, make, Recipe(rekey, media_type, IMMUTABLE))


def current(
    request: Request, key: str, make: Callable[[], bytes], *, rekey: Callable[[Session], str]
) -> Response:
    """As `immutable`, for a JSON representation true only while what `key` was read from
    is unchanged: the client must ask again before using it."""
    return _cached(request, key, make, Recipe(rekey, "application/json", REVALIDATE))


def _cached(request: Request, key: str, make: Callable[[], bytes], recipe: Recipe) -> Response:
    request.state.recipe = recipe
    body = None if not_modified(request, f'"{key}"') else CACHE.remembered(key, make)
    return reply(request, key, body, recipe)


def reply(request: Request, key: str, body: bytes | None, recipe: Recipe) -> Response:
    """The answer for the representation under `key`: 304 when the client holds it, else
    `body` (which must be there then)."""
    etag = f'"{key}"'
    headers = {"ETag": etag, "Cache-Control": recipe.cache_control}
    if not_modified(request, etag):
        return Response(status_code=304, headers=headers)
    return Response(content=body, media_type=recipe.media_type, headers=headers)


def subtree(nodes: list[dict], eid: str) -> dict | None:
    """The node with this eId, with everything under it, or None."""
    for node in nodes:
        if node["eid"] == eid:
            return node
        if eid.startswith(node["eid"] + "__") and (found := subtree(node["children"], eid)):
            return found
    for node in nodes:
        if found := subtree(node["children"], eid):
            return found
    return None


def cut(nodes: list[dict], depth: int) -> list[dict]:
    """The nodes down to `depth` levels (1: these nodes only, their children left empty)."""
    if depth <= 1:
        return [{**node, "children": []} for node in nodes]
    return [{**node, "children": cut(node["children"], depth - 1)} for node in nodes]
