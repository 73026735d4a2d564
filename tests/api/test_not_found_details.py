"""A 404 for an id nobody has (a customer, a token, an import, a refresh) gives its details as a coded
library error's do, {"code", "params"} with the id asked for: they were null, so a client had to read the
English to tell which of its ids was unknown or to say so in its own language."""

from __future__ import annotations

import pytest
from tests.api.test_errors import assert_error

ASKED = {
    "customer.unknown": ("viewer", "GET", "/customers/НЕМАЄ-1", {"id": "НЕМАЄ-1"}),
    "token.unknown": ("admin", "DELETE", "/tokens/tok-nope", {"id": "tok-nope"}),
    "import.unknown": ("viewer", "GET", "/imports/imp-nope", {"id": "imp-nope"}),
    "refresh.unknown": ("viewer", "GET", "/refresh/987654", {"id": 987654}),
}


@pytest.mark.parametrize("code", ASKED)
def test_an_unknown_id_is_named_in_the_404s_details(client, code):
    role, method, path, params = ASKED[code]
    answer = client.client.request(method, path, headers=client.as_(role))
    error = assert_error(answer, 404, "not_found")
    assert error["details"] == {"code": code, "params": params}, error
    assert str(next(iter(params.values()))) in error["message"]
