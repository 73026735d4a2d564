"""docs/api.md's examples, sent as written to the API over the demo shop they were made on (segmint demo
--customers 600 --seed 5, with the segment "Big spenders": the `client` fixture), so the page cannot drift
from the answers: each `curl` of the segments section with the answer its `# …` comment shows, and the
error documents of "Errors" as the requests that give them. An answer shown in part (`…`) is compared in
the part shown."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path
from urllib.parse import urlsplit

import pytest

DOC = (Path(__file__).resolve().parents[2] / "docs" / "api.md").read_text(encoding="utf-8")


def curl_examples(text: str) -> list[tuple[list[str], str]]:
    """Each `curl` command of the ```bash blocks (its continued lines joined) with the `# ` comment lines
    right after it (the answer, '' when none), the answer's lines joined."""
    found = []
    for block in re.findall(r"^```bash\n(.*?)^```", text, re.S | re.M):
        lines = block.splitlines()
        for i, line in enumerate(lines):
            if not line.startswith("curl "):
                continue
            command = line
            while command.endswith("\\"):
                i += 1
                command = command[:-1] + lines[i]
            answer = []
            for after in lines[i + 1 :]:
                if not after.startswith("#"):
                    break
                answer.append(after[1:].strip())
            found.append((shlex.split(command), " ".join(answer)))
    return found


def shown(answer: str):
    """The JSON an example shows: `…` (what it leaves out) dropped; None for no JSON answer."""
    if not answer.startswith("{"):
        return None
    text = re.sub(r",\s*…", "", answer)
    return json.loads(text[: text.rindex("}") + 1])


def holds(documented, actual, where="$") -> None:
    """`actual` has what `documented` shows: an object's keys (others may be left out), a list's first
    items, a text ending in '...' as its beginning."""
    if isinstance(documented, dict):
        assert isinstance(actual, dict), where
        for key, value in documented.items():
            assert key in actual, f"{where}.{key} missing"
            holds(value, actual[key], f"{where}.{key}")
    elif isinstance(documented, list):
        assert isinstance(actual, list) and len(actual) >= len(documented), where
        for i, value in enumerate(documented):
            holds(value, actual[i], f"{where}[{i}]")
    elif isinstance(documented, str) and documented.endswith("..."):
        assert isinstance(actual, str) and actual.startswith(documented[:-3]), (where, actual)
    else:
        assert documented == actual, (where, documented, actual)


SEGMENTS = DOC[DOC.index("### Segments") : DOC.index("### Families")]
EXAMPLES = curl_examples(SEGMENTS)


def test_the_segments_section_has_examples():
    assert len(EXAMPLES) >= 3 and sum(shown(answer) is not None for _, answer in EXAMPLES) >= 2


def _url(words: list[str]) -> str:
    return next(word for word in words if word.startswith("http://"))


@pytest.mark.parametrize("words, answer", EXAMPLES, ids=[urlsplit(_url(w)).path for w, _ in EXAMPLES])
def test_a_curl_example_gives_the_answer_shown(client, words, answer):
    url = urlsplit(_url(words))
    body = words[words.index("-d") + 1] if "-d" in words else None
    target = url.path + (f"?{url.query}" if url.query else "")
    headers = client.as_("viewer")
    if body is None:
        response = client.client.get(target, headers=headers)
    else:
        headers = {**headers, "Content-Type": "application/json"}  # as the example's -H says
        response = client.client.post(target, content=body.encode(), headers=headers)
    assert response.status_code == 200, response.text
    if "format=csv" in url.query:
        columns = dict(part.split("=", 1) for part in url.query.split("&"))["columns"].split(",")
        assert response.text.splitlines()[0] == ",".join(f'"{c}"' for c in ["customer_id", *columns])
    documented = shown(answer)
    if documented is not None:
        holds(documented, response.json())


ERRORS = DOC[DOC.index("## Errors") : DOC.index("## Routes")]
# The requests that give the error documents of "Errors", in their order.
ERROR_REQUESTS = [
    ("get", "/segments/VIP", None),
    ("post", "/segments", {"name": 5}),
    ("patch", "/segments/Big%20spenders", {"descripton": "the top"}),
]


def test_the_error_documents_are_the_answers(client):
    documents = [json.loads(block) for block in re.findall(r"^```json\n(.*?)^```", ERRORS, re.S | re.M)]
    assert len(documents) == len(ERROR_REQUESTS)
    for document, (method, path, body) in zip(documents, ERROR_REQUESTS, strict=True):
        response = client.client.request(method, path, json=body, headers=client.as_("editor"))
        assert response.status_code in (404, 422), response.text
        holds(document, response.json())
        assert response.json()["error"]["code"] == document["error"]["code"]
