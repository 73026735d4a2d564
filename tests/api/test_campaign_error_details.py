"""A campaign, template or trigger error's answer gives its stable code and params in `details`, as a segment
error's does (api/errors.py), so a client words it in its own language (the web UI: web/campaign_errors.py);
the status, code and message are as they were (details were null)."""

from __future__ import annotations

from tests.api.test_errors import assert_error


def test_campaign_template_and_trigger_errors_give_their_code_and_params(fresh):
    headers = fresh.as_("editor")
    trigger = {
        "name": "Ризик",
        "on": "enter",
        "target": "rfm:At Risk",
        "action": "tag",
        "params": {"tag": "x"},
    }
    delay = fresh.client.post("/triggers", json={**trigger, "delay": "3 дні"}, headers=headers)
    error = assert_error(delay, 400, "bad_request")
    assert error["message"] == "cannot read the delay '3 дні': write e.g. 0, 30m, 2h, 3d, 1w or 1d12h"
    assert error["details"] == {"code": "trigger.delay", "params": {"delay": "3 дні"}}
    message = {"target": "Немає", "body": "x", "subject": "s"}
    campaign = {"name": "Осінь", "channel": "email", "messages": [message]}
    target = fresh.client.post("/campaigns", json=campaign, headers=headers)
    error = assert_error(target, 400, "bad_request")
    assert error["message"].startswith("unknown target 'Немає': give a segment name or family:group")
    assert error["details"] == {"code": "campaign.unknown_target", "params": {"target": "Немає"}}
    campaign["messages"][0].update(target="rfm:At Risk", body="{{ імя }}")
    template = fresh.client.post("/campaigns", json=campaign, headers=headers)
    details = assert_error(template, 400, "bad_request")["details"]
    assert details["code"] == "template.unknown_field"
    assert {key: details["params"][key] for key in ("part", "target", "variant", "unknown")} == {
        "part": "body",
        "target": "rfm:At Risk",
        "variant": "A",
        "unknown": ["імя"],
    }


def test_a_send_refused_for_its_settings_gives_the_settings_code(fresh):
    """A [campaigns] setting out of range is a ConfigError with a code (config.min, as any segmint.toml
    setting's), which the answer's details left null: api/errors.py gave code and params for CodedErrors
    only."""
    from tests.campaigns.servers import configure

    headers = fresh.as_("editor")
    message = {"target": "rfm:At Risk", "body": "x", "subject": "s"}
    made = fresh.client.post(
        "/campaigns", json={"name": "Осінь", "channel": "email", "messages": [message]}, headers=headers
    )
    assert made.status_code == 201, made.text
    configure(fresh.client.app.state.workspace.ws.path, "[campaigns.smtp]\nport = 0\n")
    for wait in ("false", "true"):
        answer = fresh.client.post("/campaigns/Осінь/send", params={"wait": wait}, headers=headers)
        error = assert_error(answer, 400, "bad_request")
        assert "[campaigns.smtp] port: must be at least 1, not 0" in error["message"]
        assert error["details"]["code"] == "config.min", error
        params = error["details"]["params"]
        assert params["file"].endswith("segmint.toml")
        assert (params["setting"], params["limit"], params["value"]) == ("[campaigns.smtp] port", 1, "0")
        assert isinstance(params["line"], int)
