"""Schemathesis generates requests from the OpenAPI document (valid and invalid ones) and sends them to the
app: no answer may be a 5xx, and every error must have the one error shape. Bounded: a few examples per
operation, on a copy of the demo workspace of its own (the requests create, change and delete things)."""

from __future__ import annotations

import shutil

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from segmint.api import create_app

from .test_auth import OPERATIONS

EXAMPLES = 25  # per operation
# a refresh (with a backfill, dozens of dates) is too slow to fuzz; tests/api/test_segments.py checks it
SKIPPED = {("POST", "/refresh")}
# a clustering fit (and the refresh after it) takes seconds: fewer examples, more than schemathesis' 10 s
FEWER = {("POST", "/clusters/fit"): 6}
TIMEOUT = 120  # seconds per request


@pytest.fixture(scope="module")
def fuzzed(template, tmp_path_factory):
    path, tokens = template
    folder = tmp_path_factory.mktemp("api-fuzz")
    shutil.copytree(path, folder / "ws")
    app = create_app(folder / "ws")
    yield app, {"Authorization": f"Bearer {tokens['admin']}"}
    app.state.workspace.close()


@pytest.mark.parametrize("label", [f"{m} {p}" for m, p in OPERATIONS if (m, p) not in SKIPPED])
def test_no_server_error_and_one_error_shape(fuzzed, label):
    app, headers = fuzzed
    method, path = label.split(" ", 1)
    api = schemathesis.openapi.from_asgi("/openapi.json", app)
    (operation,) = [
        result.ok()
        for result in api.get_all_operations()
        if result.ok().method.upper() == method and result.ok().path == path
    ]

    @given(case=operation.as_strategy())
    @settings(
        max_examples=FEWER.get((method, path), EXAMPLES),
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,  # the same requests on every run: a failure here is reproducible
        database=None,
    )
    def check(case):
        response = case.call(headers=headers, timeout=TIMEOUT)
        assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.text}"
        if response.status_code >= 400:
            body = response.json()
            assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "details"}, body

    check()
