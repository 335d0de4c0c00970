"""The body of a new version, read lean: straight from JSON into the tree of `Node`s, without
a pydantic object per provision nor the parsed JSON kept for the rest of the request.

The largest version (50,000 provisions) costs some 50 MB as FastAPI reads a body: the
parsed JSON, held until the reply, and a `NodeIn` per provision. Here each provision's
fields are validated by `NodeFields` (the same constraints as `NodeIn`) as its node is
built, and the parsed JSON is dropped once the tree stands. A body the lean reading does not
accept is validated whole by `VersionCreate`, so its refusal is the one FastAPI gives, word
for word; the OpenAPI document declares `VersionCreate` as the body (`declare`).
"""

from __future__ import annotations

import email.message
import json
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from drafts.schemas import NodeFields, NodeIn, VersionCreate, VersionFields
from drafts.tree import Node, from_dict

REF = "#/components/schemas/{model}"
OPENAPI = {
    "requestBody": {
        "required": True,
        "content": {"application/json": {"schema": {"$ref": REF.format(model="VersionCreate")}}},
    }
}
"""The request body as the OpenAPI document declares it (`openapi_extra` of the route)."""


class NewVersion:
    """A validated `VersionCreate`: its fields, and its provisions as a tree, which the route
    takes, so that the request does not hold them once they are stored."""

    def __init__(self, fields: VersionFields, provisions: tuple[Node, ...]) -> None:
        self.fields = fields
        self._provisions = provisions

    def take(self) -> tuple[Node, ...]:
        """The provisions, handed over: they are no longer held here."""
        provisions, self._provisions = self._provisions, ()
        return provisions


class _Unusual(Exception):
    """The lean reading does not take this body; `VersionCreate` decides."""


async def read(request: Request) -> NewVersion:
    """The request's body as a new version, or the refusal FastAPI would give it."""
    body = b"".join([chunk async for chunk in request.stream()])
    if not body:
        raise RequestValidationError(
            [{"type": "missing", "loc": ("body",), "msg": "Field required", "input": None}]
        )
    return await run_in_threadpool(parse, body, request.headers.get("content-type"))


NewVersionDep = Annotated[NewVersion, Depends(read)]


def parse(body: bytes, content_type: str | None) -> NewVersion:
    """`body` (sent as `content_type`) as a new version."""
    if not _is_json(content_type):
        return _whole(body)
    try:
        data = json.loads(body)  # as FastAPI reads it; orjson's parse needs ~15x the body
    except json.JSONDecodeError:
        raise HTTPException(400, "The request body is not valid JSON.") from None
    try:
        return _lean(data)
    except (_Unusual, ValidationError):
        return _whole(data)


def _is_json(content_type: str | None) -> bool:
    """Whether FastAPI would read a body of this type as JSON."""
    if not content_type:
        return False
    message = email.message.Message()
    message["content-type"] = content_type
    subtype = message.get_content_subtype()
    return message.get_content_maintype() == "application" and (
        subtype == "json" or subtype.endswith("+json")
    )


def _lean(data: Any) -> NewVersion:
    if type(data) is not dict or "provisions" not in data:
        raise _Unusual
    fields = VersionFields.model_validate({k: v for k, v in data.items() if k != "provisions"})
    return NewVersion(fields, _nodes(data["provisions"]))


def _nodes(items: Any) -> tuple[Node, ...]:
    if type(items) is not list:
        raise _Unusual
    nodes = []
    for item in items:
        if type(item) is not dict:
            raise _Unusual
        node = NodeFields.model_validate({k: v for k, v in item.items() if k != "children"})
        nodes.append(
            Node(
                kind=node.kind,
                num=node.num,
                heading=node.heading,
                text=node.text,
                provision_id=node.provision_id,
                children=_nodes(item.get("children", [])),
            )
        )
    return tuple(nodes)


def _whole(data: Any) -> NewVersion:
    """`data` validated as FastAPI validates a body (from attributes too, so that bytes get
    its refusal): whole, every problem reported."""
    try:
        whole = VersionCreate.model_validate(data, from_attributes=True)
    except ValidationError as error:
        raise RequestValidationError(
            [{**issue, "loc": ("body", *issue["loc"])} for issue in error.errors(include_url=False)]
        ) from None
    fields = VersionFields.model_validate(whole.model_dump(exclude={"provisions"}))
    return NewVersion(fields, tuple(_node(node) for node in whole.provisions))


def _node(node: NodeIn) -> Node:
    return from_dict(node.model_dump())


def declare(spec: dict) -> dict:
    """The OpenAPI document with `VersionCreate` (and what it holds) among its schemas."""
    schema = VersionCreate.model_json_schema(ref_template=REF)
    schemas = spec.setdefault("components", {}).setdefault("schemas", {})
    for name, definition in {**schema.pop("$defs", {}), "VersionCreate": schema}.items():
        for field in definition.get("properties", {}).values():
            if "default" in field and field["default"] is None:
                del field["default"]  # as FastAPI writes its schemas
        schemas.setdefault(name, definition)
    return spec
