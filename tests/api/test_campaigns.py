"""Campaigns and triggers over the API: create, preview, send through a real SMTP server on loopback,
status, results and export; triggers created, run and listed; roles and errors as everywhere else."""

from __future__ import annotations

import csv
import io

from tests.campaigns.servers import SmtpSink, configure, smtp_config

CAMPAIGN = {
    "name": "API win back",
    "channel": "email",
    "holdout_share": 0.2,
    "cost_per_message": 0.5,
    "messages": [
        {"target": "rfm:At Risk", "subject": "Привіт, {{ name }}", "body": "{{ name }}, ми сумуємо"}
    ],
}


def test_a_campaign_is_created_previewed_sent_and_measured_over_the_api(fresh, tmp_path):
    editor, viewer = fresh.as_("editor"), fresh.as_("viewer")
    api = fresh.client
    assert api.post("/campaigns", json=CAMPAIGN, headers=viewer).status_code == 403
    made = api.post("/campaigns", json=CAMPAIGN, headers=editor)
    assert made.status_code == 201, made.text
    created = made.json()
    assert created["recipients"] > 10 and set(created["by_target"]["rfm:At Risk"]) == {"A", "holdout"}
    assert [c["campaign"] for c in api.get("/campaigns", headers=viewer).json()] == ["API win back"]

    ws_path = tmp_path / "ws"
    status = api.get("/campaigns/API win back", headers=viewer)
    assert status.status_code == 200, status.text
    assert "API win back" in status.text

    export = api.get("/campaigns/API win back/export", params={"layout": "generic"}, headers=viewer)
    assert export.status_code == 200 and export.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(export.text)))
    treated = created["by_target"]["rfm:At Risk"]["A"]
    assert 0 < len(rows) <= treated

    some = rows[0]
    customer = next(v for k, v in some.items() if "customer" in k.lower() or k.lower() == "id")
    shown = api.get("/campaigns/API win back/preview", params={"customer_id": customer}, headers=viewer)
    assert shown.status_code == 200, shown.text
    assert shown.json()["body"].endswith("ми сумуємо") and "{{" not in shown.json()["body"]

    assert api.get("/campaigns/API win back/results", headers=viewer).status_code == 409  # not sent yet
    with SmtpSink() as sink:
        configure(ws_path, smtp_config(sink.port))
        assert api.post("/campaigns/API win back/send", headers=viewer).status_code == 403
        sent = api.post("/campaigns/API win back/send", headers=editor)
        assert sent.status_code == 200, sent.text
    summary = sent.json()
    assert summary["outbox"]["sent"] == len(sink.messages) > 0
    assert max(sink.per_recipient().values()) == 1  # nobody twice
    again = api.post("/campaigns/API win back/send", headers=editor).json()  # a rerun sends nothing more
    assert again["outbox"]["sent"] == summary["outbox"]["sent"] and not again["this_run"]

    results = api.get("/campaigns/API win back/results", headers=viewer)
    assert results.status_code == 200, results.text
    arms = {(row["segment"], row["arm"]) for row in results.json()["rows"]}
    assert ("rfm:At Risk", "holdout") in arms


def test_campaign_errors_have_the_error_shape(fresh):
    editor = fresh.as_("editor")
    missing = fresh.client.get("/campaigns/nope", headers=editor)
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
    bad = fresh.client.post(
        "/campaigns",
        json={**CAMPAIGN, "messages": [{"target": "No such segment", "subject": "s", "body": "x"}]},
        headers=editor,
    )
    assert bad.status_code == 400, bad.text
    assert "No such segment" in bad.json()["error"]["message"]
    hostile = {
        **CAMPAIGN,
        "name": "hostile",
        "messages": [{"target": "rfm:At Risk", "subject": "s", "body": "{{ ''.__class__ }}"}],
    }
    refused = fresh.client.post("/campaigns", json=hostile, headers=editor)
    assert refused.status_code == 400, refused.text  # a written attribute: refused when checked
    assert refused.json()["error"]["details"]["code"] == "template.attribute"
    hostile["messages"] = [{"target": "rfm:At Risk", "subject": "s", "body": "{{ name|attr('__class__') }}"}]
    made = fresh.client.post("/campaigns", json=hostile, headers=editor)
    assert made.status_code == 201, made.text  # |attr is refused where it renders, sandboxed
    (customer,) = fresh.client.get("/customers", params={"limit": 1}, headers=editor).json()["customers"][:1]
    shown = fresh.client.get(
        "/campaigns/hostile/preview", params={"customer_id": customer["customer_id"]}, headers=editor
    )
    assert shown.status_code in (200, 400), shown.text
    assert "class" not in shown.text.replace("__class__", "") and "Traceback" not in shown.text


def test_a_message_without_a_variant_is_every_variants_as_in_a_spec_file(fresh):
    """A message without `variant` was variant "A" only, so an A/B campaign whose one message leaves the
    variant out (as docs/campaigns.md's spec file means: the same message for every variant, which
    `campaigns create --spec` accepts) was refused: 400 campaign.missing_message, "no message for
    'rfm:At Risk' variant B"."""
    editor = fresh.as_("editor")
    made = fresh.client.post("/campaigns", json={**CAMPAIGN, "variants": ["A", "B"]}, headers=editor)
    assert made.status_code == 201, made.text
    assert set(made.json()["by_target"]["rfm:At Risk"]) == {"A", "B", "holdout"}
    # beside messages that name their variant, as a spec file's entries may be
    message = CAMPAIGN["messages"][0]
    messages = [{**message, "variant": "A"}, {**message, "variant": "B"}, {**message, "target": "rfm:Lost"}]
    mixed = {**CAMPAIGN, "name": "Mixed", "variants": ["A", "B"], "messages": messages}
    made = fresh.client.post("/campaigns", json=mixed, headers=editor)
    assert made.status_code == 201, made.text
    assert {target: set(arms) for target, arms in made.json()["by_target"].items()} == {
        target: {"A", "B", "holdout"} for target in ("rfm:At Risk", "rfm:Lost")
    }


def test_triggers_over_the_api(fresh):
    editor, viewer = fresh.as_("editor"), fresh.as_("viewer")
    api = fresh.client
    body = {"name": "tag lapsing", "on": "enter", "target": "lifecycle:lapsing", "action": "tag",
            "params": {"tag": "lapsing"}}  # fmt: skip
    assert api.post("/triggers", json=body, headers=viewer).status_code == 403
    made = api.post("/triggers", json=body, headers=editor)
    assert made.status_code == 201, made.text
    assert [t["name"] for t in api.get("/triggers", headers=viewer).json()] == ["tag lapsing"]
    ran = api.post("/triggers/run", headers=editor)
    assert ran.status_code == 200 and "recorded" in ran.json()
    assert api.get("/triggers/tag lapsing/firings", headers=viewer).status_code == 200
    assert api.get("/triggers/nope/firings", headers=viewer).status_code == 404
    wrong = api.post("/triggers", json={**body, "name": "x", "target": "no such thing"}, headers=editor)
    assert wrong.status_code == 400 and wrong.json()["error"]["message"]
    assert api.delete("/triggers/tag lapsing", headers=editor).status_code == 200
    assert api.get("/triggers", headers=viewer).json() == []


def test_a_deleted_triggers_firings_are_found_by_its_name(fresh):
    """The API's firings of a trigger were a 404 once it was deleted, where `triggers firings --trigger
    NAME` finds them (its executed firings stay on record under its name). `since` is taken as `triggers
    create --since` takes it, so the run has entries to fire for."""
    editor, viewer = fresh.as_("editor"), fresh.as_("viewer")
    api = fresh.client
    body = {"name": "back", "on": "enter", "target": "rfm:At Risk", "action": "tag",
            "params": {"tag": "back"}, "since": "2020-01-01"}  # fmt: skip
    made = api.post("/triggers", json=body, headers=editor)
    assert made.status_code == 201 and made.json()["since"].startswith("2020-01-01"), made.text
    assert api.post("/triggers/run", headers=editor).status_code == 200
    fired = api.get("/triggers/back/firings", headers=viewer).json()
    assert fired and {f["trigger"] for f in fired} == {"back"}
    assert api.delete("/triggers/back", headers=editor).status_code == 200
    # its firings stay on record and are found by its name, as `triggers firings --trigger` finds them
    kept = api.get("/triggers/back/firings", headers=viewer)
    assert kept.status_code == 200 and kept.json() == fired, kept.text
    unknown = api.get("/triggers/nope/firings", headers=viewer)
    assert unknown.status_code == 404 and unknown.json()["error"]["details"]["code"] == "trigger.unknown"


def test_a_campaign_or_trigger_name_the_api_could_not_address_is_refused(fresh):
    """Old code: "Весна/Літо" (or "..") was stored as a campaign's or trigger's name, from the API, the web
    form or the CLI, and the API, which names one in its path, then answered 404 to /campaigns/Весна%2FЛіто
    and could neither send, export nor delete it; a segment's name was refused (name.slash, name.dots)."""
    headers = fresh.as_("editor")
    message = {"target": "rfm:At Risk", "subject": "Привіт", "body": "{{ name }}"}
    for name, code in (("Весна/Літо", "campaign.name_slash"), ("..", "campaign.name_dots")):
        answer = fresh.client.post("/campaigns", json={"name": name, "messages": [message]}, headers=headers)
        assert answer.status_code == 400, answer.text
        assert answer.json()["error"]["details"] == {"code": code, "params": {"name": name}}
    trigger = {"on": "enter", "target": "rfm:At Risk", "action": "tag", "params": {"tag": "x"}}
    for name, code in (("Ризик/VIP", "trigger.name_slash"), (".", "trigger.name_dots")):
        answer = fresh.client.post("/triggers", json={"name": name, **trigger}, headers=headers)
        assert answer.status_code == 400, answer.text
        assert answer.json()["error"]["details"] == {"code": code, "params": {"name": name}}
    assert fresh.client.get("/campaigns", headers=headers).json() == []
    assert fresh.client.get("/triggers", headers=headers).json() == []
