"""The OpenAPI document against the running API, by schemathesis: generated calls to every
operation, signed in as an admin, never get a server error, and every answer has a status and
a media type the document declares (refusals as application/problem+json)."""

from __future__ import annotations

from collections import Counter

import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from tests.api.test_instruments import create

EXAMPLES = 6
"""Generated calls per operation: enough to find what breaks, few enough for CI."""
LAST = ("DELETE /api/v1/auth/tokens/{token_id}", "POST /api/v1/auth/logout")
"""Calls that may revoke the token the others are signed in with."""
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def test_the_api_keeps_its_document(app, admin, accounts):
    create(admin)  # something to find at instruments/1
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", app)
    headers = {"Authorization": f"Bearer {accounts['admin']['token']}"}
    failures = []
    statuses: Counter = Counter()
    operations = sorted(
        (result.ok() for result in schema.get_all_operations()),
        key=lambda operation: operation.label in LAST,
    )
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def calls(case) -> None:
            statuses[case.call_and_validate(headers=headers, checks=CHECKS).status_code] += 1

        try:
            calls()
        except (Exception, BaseExceptionGroup) as failure:
            failures.append(f"{operation.label}: {str(failure)[:600]}")
    assert failures == [], "\n\n".join(failures)
    assert statuses[401] < sum(statuses.values()) / 2, statuses  # the calls were signed in
