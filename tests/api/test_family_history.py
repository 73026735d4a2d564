"""A family's history over the API, as a script asks it: who entered and left a group between two dates,
how long customers stay in each group, and the group sizes on every computed date. The API had only the
transition matrix (the CLI has `segments show rfm` and `segments movements rfm --group`)."""

from __future__ import annotations

import datetime as dt

from .conftest import BIG_SPENDERS
from .test_errors import assert_error


def _get(api, path: str, **params):
    response = api.client.get(path, params=params, headers=api.as_("viewer"))
    assert response.status_code == 200, response.text
    return response.json()


def test_a_groups_movements_agree_with_the_transition_matrix(client):
    """The demo is computed on two dates (a year ago and now): who entered At Risk between them is the
    matrix's At Risk column without its diagonal, who left it the row; its size now is /families'."""
    matrix = _get(client, "/families/rfm/transitions")
    start, end = matrix["from"], matrix["to"]
    groups = matrix["groups"]
    at = groups.index("At Risk")
    into = sum(row[at] for i, row in enumerate(matrix["matrix"]) if i != at)
    out_of = sum(count for j, count in enumerate(matrix["matrix"][at]) if j != at)
    # from the day after the first date: entering on it is the history's start (everyone in the group)
    after = (dt.date.fromisoformat(start) + dt.timedelta(days=1)).isoformat()
    document = _get(client, "/families/rfm/history", group="at risk", **{"from": after, "to": end})
    moved = document["movements"]
    assert (moved["entered"], moved["left"]) == (into, out_of) and into > 0 and out_of > 0
    assert {row["group_name"] for row in moved["rows"]} == {"At Risk"}
    first = _get(client, "/families/rfm/history", group="At Risk", **{"from": start, "to": end})
    at_start = sum(matrix["matrix"][at])
    assert first["movements"]["entered"] == into + at_start
    families = {f["name"]: f for f in _get(client, "/families")["families"]}
    now = {g["name"]: g["customers"] for g in families["rfm"]["groups"]}
    sizes = document["sizes"]
    assert sizes[-1] == {"date": end, "group_name": "At Risk", "size": now["At Risk"]}
    (stay,) = document["stays"]
    assert stay["group_name"] == "At Risk" and stay["ongoing"] == now["At Risk"]


def test_every_groups_sizes_and_stays(client):
    document = _get(client, "/families/rfm/history")
    assert document["movements"] is None
    last = max(row["date"] for row in document["sizes"])
    on_last = {row["group_name"]: row["size"] for row in document["sizes"] if row["date"] == last}
    families = {f["name"]: f for f in _get(client, "/families")["families"]}
    assert on_last == {g["name"]: g["customers"] for g in families["rfm"]["groups"]}
    assert 0 in on_last.values()  # New Customers, Promising: none now, and said so
    ongoing = {row["group_name"]: row["ongoing"] for row in document["stays"]}
    assert ongoing == {name: size for name, size in on_last.items() if size}


def test_a_groups_size_on_every_computed_date_none_too(client):
    """A group's size on a date it had nobody is 0, not a date left out of `sizes`."""
    dates = sorted({row["date"] for row in _get(client, "/families/rfm/history")["sizes"]})
    for group in ("Champions", "New Customers"):
        sizes = _get(client, "/families/rfm/history", group=group.lower())["sizes"]
        assert [row["date"] for row in sizes] == dates
        assert {row["group_name"] for row in sizes} == {group}
    assert {row["size"] for row in sizes} == {0}


def test_a_family_history_refuses_what_a_segments_does(client):
    viewer = client.as_("viewer")
    unknown = client.client.get("/families/rfm/history", params={"group": "Champs"}, headers=viewer)
    assert assert_error(unknown, 400, "bad_request")["details"]["code"].startswith("group.")
    backwards = client.client.get(
        "/families/rfm/history", params={"from": "2026-01-01", "to": "2025-01-01"}, headers=viewer
    )
    assert assert_error(backwards, 400, "bad_request")["details"]["code"] == "dates.end_before_start"
    assert_error(client.client.get("/families/rfmm/history", headers=viewer), 404, "not_found")


def test_a_family_named_in_any_case_is_the_family_and_an_unknown_one_names_the_families(client):
    """/families/RFM/... is rfm's, as `kpis --family RFM` and the family of "RFM:champions" are (one
    matcher, history.queries.spelled_family): it was a 404. An unknown family's 404 names the nearest."""
    viewer = client.as_("viewer")
    for route, params in (("history", {}), ("transitions", {}), ("members", {"group": "at risk"})):
        exact = _get(client, f"/families/rfm/{route}", **params)
        assert _get(client, f"/families/RFM/{route}", **params) == exact
        assert _get(client, f"/families/%20Rfm%20/{route}", **params) == exact
    assert _get(client, "/families/RFM/members", group="at risk")["name"] == "rfm:At Risk"
    missing = client.client.get("/families/Rfmm/history", headers=viewer)
    body = assert_error(missing, 404, "not_found")
    details = body["details"]
    assert details["code"] == "family.unknown" and details["params"]["hint"] == "rfm"
    assert (details["params"]["name"], details["params"]["known"][:2]) == ("Rfmm", ["rfm", "rfm_simple"])
    assert body["message"].startswith("no family named 'Rfmm' (did you mean 'rfm'?); families: rfm, ")


def test_transitions_refuse_from_after_to_and_never_default_past_the_other_date(client):
    """`from` after `to` gave 200 and the matrix of `to` against a later `from`, where /history, the CLI
    and Python refuse it; `to` alone before the first snapshot did the same silently (the default `from`,
    the first snapshot, was after it). A date left out now never passes the other one."""
    viewer = client.as_("viewer")
    whole = _get(client, "/families/rfm/transitions")
    dates = [whole["from"], whole["to"]]  # the first and the last snapshot
    backwards = client.client.get(
        "/families/rfm/transitions", params={"from": dates[1], "to": dates[0]}, headers=viewer
    )
    details = assert_error(backwards, 400, "bad_request")["details"]
    assert details == {"code": "dates.end_before_start", "params": {"start": dates[1], "end": dates[0]}}
    before = (dt.date.fromisoformat(dates[0]) - dt.timedelta(days=30)).isoformat()
    alone = _get(client, "/families/rfm/transitions", to=before)
    assert (alone["from"], alone["to"]) == (before, before)
    assert alone["computed_on"] == {"from": None, "to": None}  # before the history: everyone "(none)"
    assert alone["groups"][-1] is None and alone["matrix"][-1][-1] == sum(map(sum, alone["matrix"])) > 0
    after = (dt.date.fromisoformat(dates[1]) + dt.timedelta(days=30)).isoformat()
    alone = _get(client, "/families/rfm/transitions", **{"from": after})
    assert (alone["from"], alone["to"]) == (after, after)
    assert alone["computed_on"] == {"from": dates[1], "to": dates[1]}
    diagonal = sum(alone["matrix"][i][i] for i in range(len(alone["groups"])))
    assert diagonal == sum(map(sum, alone["matrix"])) > 0  # the same date twice: everyone stays


def test_a_groups_members_paged_and_as_csv(client):
    """The customers of a family group (a campaign's `rfm:At Risk`), as a segment's members are given:
    the API had no way to them (the CLI's `segments members rfm --group`)."""
    viewer = client.as_("viewer")
    families = {f["name"]: f for f in _get(client, "/families")["families"]}
    size = {g["name"]: g["customers"] for g in families["rfm"]["groups"]}["At Risk"]
    params = {"group": "at risk", "columns": "full_name,rfm.group,total_spent", "sort": "total_spent"}
    first = _get(client, "/families/rfm/members", **params, order="desc", page_size=10)
    assert first["name"] == "rfm:At Risk" and first["total"] == size > 10
    assert first["columns"] == ["customer_id", "full_name", "rfm.group", "total_spent"]
    assert {row["rfm.group"] for row in first["members"]} == {"At Risk"}
    spent = [row["total_spent"] for row in first["members"]]
    assert spent == sorted(spent, reverse=True)
    every = _get(client, "/families/rfm/members", **params, page_size=1000)["members"]
    download = client.client.get("/families/rfm/members", params={**params, "format": "csv"}, headers=viewer)
    assert (
        download.status_code == 200 and "rfm%20-%20At%20Risk.csv" in download.headers["content-disposition"]
    )
    rows = download.text.splitlines()
    assert len(rows) == 1 + size
    assert [line.split(",")[0].strip('"') for line in rows[1:]] == [row["customer_id"] for row in every]
    unknown = client.client.get("/families/rfm/members", params={"group": "Champs"}, headers=viewer)
    assert assert_error(unknown, 400, "bad_request")["details"]["code"].startswith("group.")
    assert_error(client.client.get("/families/rfm/members", headers=viewer), 422, "validation_error")


def test_members_on_a_past_date_are_the_historys(client):
    """as_of: the members a date's refresh recorded (the CLI's segments members --as-of), for a segment
    and a family group alike; the size each history gives for that date. The API had only members now."""
    year_ago = "2025-01-01"  # the demo's first computed date (conftest)
    sizes = {row["date"]: row["size"] for row in _get(client, f"/segments/{BIG_SPENDERS}/history")["sizes"]}
    then = _get(
        client, f"/segments/{BIG_SPENDERS}/members", as_of=year_ago, page_size=1000, columns="total_spent"
    )
    now = _get(client, f"/segments/{BIG_SPENDERS}/members", page_size=1000)
    assert then["as_of"] == year_ago and now["as_of"] is None
    assert then["total"] == sizes[year_ago] < now["total"]
    assert min(row["total_spent"] for row in then["members"]) > 5000  # the rule, on that date's figures
    groups = _get(client, "/families/rfm/history", group="Lost")["sizes"]
    lost = _get(client, "/families/rfm/members", group="Lost", as_of=year_ago, columns="rfm.group")
    assert lost["total"] == next(row["size"] for row in groups if row["date"] == year_ago)
    assert {row["rfm.group"] for row in lost["members"]} == {"Lost"}
