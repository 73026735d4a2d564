"""Segments over the API: validate, preview, create, read, change, delete, members (JSON and CSV), KPIs,
history; families and their transitions; refresh."""

from __future__ import annotations

import csv
import io

import pytest

from .conftest import BIG_SPENDERS, BIG_SPENDERS_RULE
from .test_errors import assert_error

# A rule with a family (features), a behavioural time window and a nested OR group.
RULE = 'rfm.group in ("Champions", "Loyal") and (orders(within = 365d) >= 2 or city = "Київ")'


def test_validate_gives_line_and_column_of_a_broken_rule(client):
    response = client.client.post(
        "/segments/validate",
        json={"rule": 'total_spent > 100 and\n  rfm.grop = "Loyal"'},
        headers=client.as_("viewer"),
    )
    assert response.status_code == 200
    body = response.json()
    assert body["ok"] is False and body["rule"] is None
    (problem,) = body["errors"]
    assert (problem["line"], problem["column"]) == (2, 3)
    assert "rfm.group" in problem["message"]  # the nearest known field
    assert problem["caret"].splitlines()[-1].index("^") == 2 + 2


def test_validate_accepts_a_good_rule_and_writes_it_back(client):
    response = client.client.post("/segments/validate", json={"rule": RULE}, headers=client.as_("viewer"))
    body = response.json()
    assert body["ok"] is True and body["errors"] == []
    again = client.client.post(
        "/segments/validate", json={"rule": body["rule"]}, headers=client.as_("viewer")
    )
    assert again.json()["rule"] == body["rule"]


@pytest.mark.parametrize("rule", [RULE, "total_spent > 2000", 'rfm.group = "At Risk"'])
def test_preview_count_equals_the_members_after_saving(fresh, rule):
    editor = fresh.as_("editor")
    preview = fresh.client.post("/segments/preview", json={"rule": rule, "sample": 5}, headers=editor).json()
    assert preview["count"] > 0
    made = fresh.client.post("/segments", json={"name": "Previewed", "rule": rule}, headers=editor)
    assert made.status_code == 201, made.text
    assert made.json()["size"] == preview["count"]
    listed = fresh.client.get(
        "/segments/Previewed/members", params={"page_size": 1000}, headers=editor
    ).json()
    assert listed["total"] == preview["count"]
    ids = [row["customer_id"] for row in listed["members"]]
    assert [row["customer_id"] for row in preview["sample"]] == sorted(ids)[:5]


def test_preview_of_a_broken_rule_is_a_rule_error(client):
    response = client.client.post(
        "/segments/preview", json={"rule": "orders(within = 90x) > 1"}, headers=client.as_("viewer")
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_rule"
    assert response.json()["error"]["details"]["line"] == 1


def test_preview_names_a_value_no_row_has_as_the_builder_does(client):
    """`notes`: a text value no row has (valid, it selects nobody), as the web builder and the CLI name it."""
    viewer = client.as_("viewer")
    rule = 'bought(category = "Fashion") >= 1 or city = "Київ"'
    body = client.client.post("/segments/preview", json={"rule": rule, "sample": 0}, headers=viewer).json()
    assert body["count"] > 0  # the city's customers
    assert body["notes"] == [
        {
            "code": "value_not_in_data_hint",
            "params": {"field": "bought(category = …)", "value": "Fashion", "hint": "fashion"},
            "message": "No bought(category = …) is “Fashion” in the data: this condition selects nobody. "
            "Did you mean “fashion”?",
        }
    ]
    held = {"rule": {"op": ">=", "left": {"call": "bought", "kwargs": {"category": "fashion"}}, "right": 1}}
    assert client.client.post("/segments/preview", json=held, headers=viewer).json()["notes"] == []


def _all_pages(client, name, headers, **params) -> list[dict]:
    rows, page = [], 1
    while True:
        body = client.get(
            f"/segments/{name}/members", params={**params, "page": page, "page_size": 17}, headers=headers
        ).json()
        rows += body["members"]
        if page * 17 >= body["total"]:
            assert len(rows) == body["total"]
            return rows
        page += 1


@pytest.mark.parametrize("sort,order", [("customer_id", "asc"), ("full_name", "desc"), ("monetary", "desc")])
def test_csv_export_rows_equal_the_paged_json_members(client, sort, order):
    headers = client.as_("viewer")
    params = {"sort": sort, "order": order, "columns": "full_name,city,monetary"}
    rows = _all_pages(client.client, BIG_SPENDERS, headers, **params)
    response = client.client.get(
        f"/segments/{BIG_SPENDERS}/members", params={**params, "format": "csv"}, headers=headers
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    exported = list(csv.DictReader(io.StringIO(response.text)))
    assert len(exported) == len(rows) > 20
    assert [r["customer_id"] for r in exported] == [r["customer_id"] for r in rows]
    assert [r["full_name"] for r in exported] == [r["full_name"] or "" for r in rows]
    assert [float(r["monetary"]) for r in exported] == pytest.approx([r["monetary"] for r in rows])
    values = [r[sort] for r in rows]
    assert values == sorted(values, reverse=order == "desc")


def test_members_refuse_an_unknown_sort_column(client):
    response = client.client.get(
        f"/segments/{BIG_SPENDERS}/members", params={"sort": "password"}, headers=client.as_("viewer")
    )
    assert response.status_code == 400 and "password" in response.json()["error"]["message"]


def test_create_read_change_delete(fresh):
    editor = fresh.as_("editor")
    made = fresh.client.post(
        "/segments",
        json={"name": "Сплячі VIP", "rule": 'rfm.group = "At Risk"', "description": "повернути"},
        headers=editor,
    )
    assert made.status_code == 201, made.text
    assert fresh.client.get("/segments/Сплячі VIP", headers=editor).json()["description"] == "повернути"
    renamed = fresh.client.patch(
        "/segments/Сплячі VIP", json={"name": "Sleeping VIP", "rule": "total_spent > 9000"}, headers=editor
    )
    assert renamed.status_code == 200, renamed.text
    assert renamed.json()["name"] == "Sleeping VIP" and renamed.json()["rule"] == "total_spent > 9000"
    preview = fresh.client.post("/segments/preview", json={"rule": "total_spent > 9000"}, headers=editor)
    assert renamed.json()["size"] == preview.json()["count"]
    assert fresh.client.get("/segments/Сплячі VIP", headers=editor).status_code == 404
    assert fresh.client.delete("/segments/Sleeping VIP", headers=editor).status_code == 204
    assert fresh.client.get("/segments/Sleeping VIP", headers=editor).status_code == 404
    listed = fresh.client.get("/segments", headers=editor).json()["segments"]
    assert [s["name"] for s in listed] == [BIG_SPENDERS]
    assert listed[0]["created_at"] is not None


def test_a_refused_rename_and_remove_names_the_segment_by_its_current_name(fresh):
    """PATCH {"name": NEW, "remove": [id of no member]} was refused naming NEW, a name the refused
    change never gave the segment (the rename came first inside the transaction)."""
    editor = fresh.as_("editor")
    listed = fresh.client.get("/customers", params={"limit": 2}, headers=editor).json()["customers"]
    ids = [row["customer_id"] for row in listed]
    made = fresh.client.post(
        "/segments", json={"name": "Ст", "kind": "static", "members": ids[:1]}, headers=editor
    )
    assert made.status_code == 201, made.text
    refused = fresh.client.patch("/segments/Ст", json={"name": "Ст2", "remove": ids[1:]}, headers=editor)
    error = assert_error(refused, 400, "bad_request")
    assert error["details"]["code"] == "ids.not_members" and error["details"]["params"]["name"] == "Ст"
    assert "Ст2" not in refused.text
    assert fresh.client.get("/segments/Ст", headers=editor).status_code == 200


def test_a_static_segment_from_ids_and_its_members_changed(fresh):
    editor = fresh.as_("editor")
    some = fresh.client.get("/customers", params={"limit": 4}, headers=editor).json()["customers"]
    ids = [c["customer_id"] for c in some]
    made = fresh.client.post(
        "/segments", json={"name": "Hand picked", "kind": "static", "members": ids[:3]}, headers=editor
    )
    assert made.status_code == 201 and made.json()["size"] == 3
    changed = fresh.client.patch(
        "/segments/Hand picked", json={"add": [ids[3]], "remove": [ids[0]]}, headers=editor
    )
    assert changed.json()["size"] == 3
    members = fresh.client.get("/segments/Hand picked/members", headers=editor).json()["members"]
    assert [m["customer_id"] for m in members] == sorted(ids[1:])


def test_kpis_of_a_segment(client):
    body = client.client.get(f"/segments/{BIG_SPENDERS}/kpis", headers=client.as_("viewer")).json()
    (row,) = [s for s in body["segments"] if s["name"] == BIG_SPENDERS]
    size = client.client.get(f"/segments/{BIG_SPENDERS}", headers=client.as_("viewer")).json()["size"]
    assert row["size"] == size
    assert body["base"]["size"] > size


def test_kpis_refuse_a_period_as_the_cli_does(client):
    """The route capped days at 3650 itself (a 422 of its own words) and the CLI not at all (an
    OverflowError traceback for --days 400000): one rule now, Period.ending's, with its coded error."""
    headers = client.as_("viewer")
    for days, code in ((0, "kpi.period"), (3651, "kpi.period.long"), (400_000, "kpi.period.long")):
        answer = client.client.get(f"/segments/{BIG_SPENDERS}/kpis", params={"days": days}, headers=headers)
        assert answer.status_code == 400, answer.text
        assert answer.json()["error"]["details"]["code"] == code
    longest = client.client.get(f"/segments/{BIG_SPENDERS}/kpis", params={"days": 3650}, headers=headers)
    assert longest.status_code == 200 and longest.json()["period"]["days"] == 3650


def test_history_sizes_and_movements(client):
    headers = client.as_("viewer")
    body = client.client.get(f"/segments/{BIG_SPENDERS}/history", headers=headers).json()
    assert len(body["sizes"]) == 2  # refreshed a year before the reference date, and on it
    earlier, now = body["sizes"]
    assert now["size"] == client.client.get(f"/segments/{BIG_SPENDERS}", headers=headers).json()["size"]
    assert earlier["size"] < now["size"]  # total_spent only grows
    moved = client.client.get(
        f"/segments/{BIG_SPENDERS}/history", params={"from": now["date"], "to": now["date"]}, headers=headers
    ).json()["movements"]
    assert moved["entered"] - moved["left"] == now["size"] - earlier["size"]


def test_families_and_transitions(client):
    headers = client.as_("viewer")
    families = {f["name"]: f for f in client.client.get("/families", headers=headers).json()["families"]}
    rfm = families["rfm"]
    body = client.client.get("/families/rfm/transitions", headers=headers).json()
    assert body["from"] < body["to"]
    by_group = {g["name"]: g["customers"] for g in rfm["groups"]}
    for index, group in enumerate(body["groups"]):
        if group is not None:
            assert sum(row[index] for row in body["matrix"]) == by_group[group]


def test_refresh(fresh):
    editor = fresh.as_("editor")
    body = fresh.client.post("/refresh", json={}, headers=editor)
    assert body.status_code == 200, body.text
    size = fresh.client.get(f"/segments/{BIG_SPENDERS}", headers=editor).json()["size"]
    assert body.json()["segments"][BIG_SPENDERS] == size
    assert fresh.client.post("/refresh", json={"backfill": "daily"}, headers=editor).status_code == 422
    early = fresh.client.post("/refresh", json={"as_of": "1999-01-01"}, headers=editor)
    assert early.status_code == 400 and "before the data starts" in early.json()["error"]["message"]


def test_the_fixture_rule_is_what_the_segment_says(client):
    body = client.client.get(f"/segments/{BIG_SPENDERS}", headers=client.as_("viewer")).json()
    assert body["rule"] == BIG_SPENDERS_RULE and body["kind"] == "dynamic"


def test_static_member_lists_refuse_empty_and_unknown_ids_alike(fresh):
    editor = fresh.as_("editor")
    some = fresh.client.get("/customers", params={"limit": 3}, headers=editor).json()["customers"]
    ids = [c["customer_id"] for c in some]
    empty = fresh.client.post(
        "/segments", json={"name": "Blank", "kind": "static", "members": [""]}, headers=editor
    )
    assert empty.status_code == 400
    assert "customer id number 1 of the list is empty" in empty.json()["error"]["message"]
    made = fresh.client.post(
        "/segments", json={"name": "Picked", "kind": "static", "members": ids[:2]}, headers=editor
    )
    assert made.status_code == 201
    for body, message in [
        ({"remove": ["NOPE"]}, "no customer has the id 'NOPE'"),
        ({"remove": [ids[2]]}, f"not a member of 'Picked': '{ids[2]}'"),
        ({"add": [ids[2]], "remove": [""]}, "customer id number 1 of the list is empty"),
        ({"add": [ids[2]], "remove": ["NOPE"]}, "no customer has the id 'NOPE'"),  # the add is not kept
    ]:
        refused = fresh.client.patch("/segments/Picked", json=body, headers=editor)
        assert refused.status_code == 400 and message in refused.json()["error"]["message"], body
    members = fresh.client.get("/segments/Picked/members", headers=editor).json()["members"]
    assert sorted(m["customer_id"] for m in members) == sorted(ids[:2])


def test_a_rule_in_its_json_form_is_taken_wherever_a_rule_is(fresh):
    """hunt-api B2: docs/rules.md gives every rule a JSON form "for the API and the web interface", but
    the API refused one (422 'body.rule: Input should be a valid string')."""
    editor = fresh.as_("editor")
    as_json = {
        "and": [
            {"op": ">", "left": {"field": "total_spent"}, "right": 5000},
            {"op": "=", "left": {"field": "city"}, "right": "Київ"},
        ]
    }
    text = 'total_spent > 5000 and city = "Київ"'
    checked = fresh.client.post("/segments/validate", json={"rule": as_json}, headers=editor)
    assert checked.status_code == 200 and checked.json() == {"ok": True, "rule": text, "errors": []}
    counted = fresh.client.post("/segments/preview", json={"rule": as_json, "sample": 0}, headers=editor)
    by_text = fresh.client.post("/segments/preview", json={"rule": text, "sample": 0}, headers=editor)
    assert counted.status_code == 200 and counted.json()["count"] == by_text.json()["count"] > 0
    made = fresh.client.post("/segments", json={"name": "J", "rule": as_json}, headers=editor)
    assert made.status_code == 201, made.text
    assert made.json()["rule"] == text and made.json()["size"] == by_text.json()["count"]
    edited = fresh.client.patch("/segments/J", json={"rule": as_json["and"][0]}, headers=editor)
    assert edited.status_code == 200 and edited.json()["rule"] == "total_spent > 5000"
    bad = {"op": ">", "left": {"field": "total_spnt"}, "right": 1}
    error = assert_error(
        fresh.client.patch("/segments/J", json={"rule": bad}, headers=editor), 400, "invalid_rule"
    )
    assert error["message"].startswith("$.left: ") and "total_spnt" in error["message"]
    assert fresh.client.get("/segments/J", headers=editor).json()["rule"] == "total_spent > 5000"
    refused = fresh.client.post("/segments/validate", json={"rule": bad}, headers=editor).json()
    assert refused["ok"] is False and refused["errors"][0]["message"].startswith("$.left: ")


def test_a_too_long_rule_is_the_rules_coded_error(fresh):
    """A rule longer than the API takes (20,000 characters, text or the text its JSON form stands for) is
    refused with the rules' own code: 400 invalid_rule, rule.too_long and its limit (validate: ok false
    with them), the segment unchanged. It was a 422 validation_error at body.rule.constrained-str (and a
    second item at body.rule.dict[str,any]) with no code to word it from; a JSON form was not measured."""
    editor = fresh.as_("editor")
    MAX_RULE = 20_000  # docs/api.md
    long = "total_spent > 1 or " * (MAX_RULE // 19) + "total_spent > 2"
    assert len(long) > MAX_RULE
    part = {"op": ">", "left": {"field": "total_spent"}, "right": 1}
    as_json = {"or": [part] * (MAX_RULE // 15)}  # "total_spent > 1" and " or " each time
    expected = {"code": "rule.too_long", "params": {"limit": MAX_RULE}}
    for rule in (long, as_json):
        checked = fresh.client.post("/segments/validate", json={"rule": rule}, headers=editor)
        assert checked.status_code == 200, checked.text
        (problem,) = checked.json()["errors"]
        assert checked.json()["ok"] is False and {k: problem[k] for k in expected} == expected
        for method, url, body in (
            ("post", "/segments/preview", {"rule": rule}),
            ("post", "/segments", {"name": "Long", "rule": rule}),
            ("patch", f"/segments/{BIG_SPENDERS}", {"rule": rule}),
        ):
            answer = fresh.client.request(method, url, json=body, headers=editor)
            error = assert_error(answer, 400, "invalid_rule")
            assert {k: error["details"][k] for k in expected} == expected, url
            assert error["message"] == f"the rule is longer than {MAX_RULE} characters"
    assert fresh.client.get(f"/segments/{BIG_SPENDERS}", headers=editor).json()["rule"] == BIG_SPENDERS_RULE
    assert fresh.client.get("/segments/Long", headers=editor).status_code == 404
    schemas = fresh.client.get("/openapi.json").json()["components"]["schemas"]
    for model in ("SegmentCreate", "SegmentPatch", "RuleIn", "PreviewIn"):  # documented for a client too
        text = next(s for s in schemas[model]["properties"]["rule"]["anyOf"] if s.get("type") == "string")
        assert text["maxLength"] == MAX_RULE, model
    at_most = " or ".join(["total_spent > 1"] * (MAX_RULE // 19))
    assert len(at_most) <= MAX_RULE
    assert fresh.client.post("/segments/validate", json={"rule": at_most}, headers=editor).json()["ok"]


def test_a_rule_of_many_conditions_is_previewed_not_a_500(client):
    """A long `or` (1,500 conditions, 19,886 characters: the API takes 20,000) was compiled as a left
    fold, an Ibis expression 1,500 deep, and Ibis walks it by recursion: RecursionError, a 500
    internal_error. Combined pairwise it is 11 deep, and counts what the one condition it comes to does."""
    viewer = client.as_("viewer")

    def count(rule: str) -> int:
        answer = client.client.post("/segments/preview", json={"rule": rule, "sample": 0}, headers=viewer)
        assert answer.status_code == 200, answer.text
        return answer.json()["count"]

    assert count(" or ".join(f"age > {i}" for i in range(1500))) == count("age > 0") > 0
    assert count(" and ".join(f"age > {i}" for i in range(1300))) == count("age > 1299") == 0
    assert count(" and ".join(f"age >= {i % 10}" for i in range(1500))) == count("age >= 9") > 0


def test_a_type_filter_contradicting_its_function_counts_nothing_not_a_500(fresh):
    """findings-rules 1: validate said `not opened_email(type = "sms_click")` was fine, then preview and
    create were a 500 internal_error (IndexError compiling it). No email open is an SMS click: the count
    is 0, so `not` of it is everyone."""
    editor = fresh.as_("editor")
    rule = 'not opened_email(type = "sms_click")'
    checked = fresh.client.post("/segments/validate", json={"rule": rule}, headers=editor).json()
    assert checked["ok"] is True
    everyone = fresh.client.post(
        "/segments/preview", json={"rule": "not age > 1000", "sample": 0}, headers=editor
    )
    counted = fresh.client.post("/segments/preview", json={"rule": rule, "sample": 0}, headers=editor)
    assert counted.status_code == 200, counted.text
    made = fresh.client.post("/segments", json={"name": "Never", "rule": rule}, headers=editor)
    assert made.status_code == 201, made.text
    assert made.json()["size"] == counted.json()["count"] == everyone.json()["count"] > 0


def test_a_json_rule_nested_too_deep_is_the_rules_coded_error_at_its_path(client):
    """findings-rules 3: a JSON rule 900 nots deep was a 500 internal_error (RecursionError reading it),
    and 100 deep an error with a line, column and caret into text the client never wrote. The limit is
    the text's (64 levels): rule.too_deep at the JSON path, line and column null (docs/api.md)."""
    viewer = client.as_("viewer")
    for levels in (100, 900):
        rule: dict = {"op": "true", "left": {"field": "consent_email"}}
        for _ in range(levels):
            rule = {"not": rule}
        checked = client.client.post("/segments/validate", json={"rule": rule}, headers=viewer)
        assert checked.status_code == 200, checked.text
        (problem,) = checked.json()["errors"]
        assert (problem["code"], problem["line"], problem["column"], problem["caret"]) == (
            "rule.too_deep",
            None,
            None,
            None,
        )
        assert problem["params"]["path"] == "$" + ".not" * 64 and problem["message"].startswith("$.not")
        preview = client.client.post("/segments/preview", json={"rule": rule}, headers=viewer)
        assert assert_error(preview, 400, "invalid_rule")["details"]["code"] == "rule.too_deep"
