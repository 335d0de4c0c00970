"""The OpenAPI document is the contract clients generate code from: every answer of every
operation is declared with its shape. Read from the document alone, no request is made:

- each 2xx answer with a body has a typed JSON schema, or declares the media types of the file
  it downloads;
- each list (a JSON answer holding `items`) takes `page` and `per_page` and answers `total`;
- each refusal (4xx) and failure (5xx) is declared as `application/problem+json` with the
  Problem schema.
"""

from __future__ import annotations

import pytest

from api.app import create_app
from api.problems import MEDIA_TYPE
from api.settings import Settings

PROBLEM = {"$ref": "#/components/schemas/Problem"}
NO_BODY = ("204", "205", "304")


@pytest.fixture(scope="module")
def spec() -> dict:
    return create_app(Settings(environment="test", database_url="sqlite://")).openapi()


def operations(spec: dict):
    for path, methods in spec["paths"].items():
        for method, operation in methods.items():
            yield f"{method.upper()} {path.removeprefix('/api/v1')}", operation


def resolve(spec: dict, schema: dict) -> dict:
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = spec["components"]["schemas"][name]
    return schema


def typed(spec: dict, schema: dict) -> bool:
    """Whether a schema says what the answer holds: an object with properties, a list of typed
    items, a scalar, or a choice of typed schemas."""
    schema = resolve(spec, schema)
    if "anyOf" in schema or "oneOf" in schema:
        return all(typed(spec, part) for part in schema.get("anyOf", schema.get("oneOf")))
    kind = schema.get("type")
    if kind == "array":
        return typed(spec, schema.get("items", {}))
    if kind == "object":
        return bool(schema.get("properties"))
    return kind in ("string", "integer", "number", "boolean", "null")


def successes(operation: dict):
    for status, response in operation["responses"].items():
        if status.startswith("2") and status not in NO_BODY:
            yield status, response.get("content", {})


def json_schema(operation: dict) -> dict | None:
    for _status, content in successes(operation):
        if "application/json" in content:
            return content["application/json"].get("schema", {})
    return None


def test_every_answer_is_declared_with_its_shape(spec):
    wrong = []
    for name, operation in operations(spec):
        for status, content in successes(operation):
            json = content.get("application/json")
            schema = None if json is None else json.get("schema", {})
            if not content:
                wrong.append(f"{name} {status}: no media type")
            elif schema is not None and not typed(spec, schema):
                wrong.append(f"{name} {status}: untyped JSON")
    assert wrong == [], "\n".join(wrong)


def test_every_list_is_paged_the_same_way(spec):
    wrong = []
    for name, operation in operations(spec):
        schema = json_schema(operation)
        if schema is None:
            continue
        body = resolve(spec, schema)
        if body.get("type") == "array":
            wrong.append(f"{name}: answers a bare array")
            continue
        fields = body.get("properties", {})
        if "items" not in fields:
            continue
        query = {p["name"] for p in operation.get("parameters", []) if p["in"] == "query"}
        if not {"page", "per_page"} <= query:
            wrong.append(f"{name}: lists without page and per_page")
        if "total" not in fields:
            wrong.append(f"{name}: lists without a total")
    assert wrong == [], "\n".join(wrong)


def test_every_refusal_is_a_problem(spec):
    wrong = []
    for name, operation in operations(spec):
        statuses = [status for status in operation["responses"] if status[0] in "45"]
        if not {"401", "404", "422", "500"} <= set(statuses):
            wrong.append(f"{name}: does not declare the common refusals")
        for status in statuses:
            content = operation["responses"][status].get("content", {})
            if list(content) != [MEDIA_TYPE] or content[MEDIA_TYPE].get("schema") != PROBLEM:
                wrong.append(f"{name} {status}: {sorted(content)}")
    assert wrong == [], "\n".join(wrong)


def test_the_checks_catch_what_they_look_for():
    """The walker itself: untyped and typed shapes, as FastAPI writes them."""
    spec = {"components": {"schemas": {"Out": {"type": "object", "properties": {"id": {}}}}}}
    assert not typed(spec, {})
    assert not typed(spec, {"type": "object", "additionalProperties": True})
    assert not typed(spec, {"type": "array", "items": {"type": "object"}})
    assert typed(spec, {"type": "array", "items": {"$ref": "#/components/schemas/Out"}})
    assert typed(spec, {"anyOf": [{"$ref": "#/components/schemas/Out"}, {"type": "null"}]})
