"""Campaign and trigger pages through TestClient: login, roles and CSRF refused by the server, escaping of
hostile names and templates, a campaign created through the form with its audience, preview and export, a
send through a real SMTP server on loopback, and the triggers list, form, run and delete."""

from __future__ import annotations

import csv
import io
import re
import time
from urllib.parse import quote, urlencode

import pytest
from tests.campaigns.servers import SmtpSink, configure, smtp_config
from tests.web.conftest import ORIGIN, log_in

from segmint.campaigns import all_campaigns
from segmint.campaigns.audience import REASONS
from segmint.triggers import all_triggers, create_trigger, list_firings
from segmint.web.strings import STRINGS

TARGET = "rfm:At Risk"
FORM = {
    "name": "Осінній лист",
    "channel": "email",
    "targets": [TARGET, "Big spenders"],
    "subject": "Привіт, {{ name }}",
    "body": "<p>{{ name }}, ми сумуємо</p>",
    "variants": "A, B",
    "holdout_share": "20",
    "cost_per_message": "0,5",
    "attribution_days": "14",
}
NAME = {"name": FORM["name"]}


def csrf_of(client, path: str = "/ui/campaigns/new") -> str:
    return re.search(r'name="csrf" value="([0-9a-f]+)"', client.get(path).text).group(1)


def post(client, path: str, data: dict, csrf: str | None = None, origin=ORIGIN):
    body = {**data, "csrf": csrf if csrf is not None else csrf_of(client)}
    return client.post(path, data=body, headers=origin, follow_redirects=False)


def ws_of(client):
    return client.app.state.workspace.ws


@pytest.mark.parametrize(
    "path", ["/ui/campaigns", "/ui/campaigns/new", "/ui/campaign?name=x", "/ui/triggers"]
)
def test_pages_need_a_login(client, path):
    answer = client.get(path, follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"].startswith("/ui/login?next=")


def test_a_campaign_made_with_the_form_shows_its_audience_preview_and_export(client, shop):
    log_in(client, shop.tokens["editor"])
    made = post(client, "/ui/campaigns", FORM)
    assert made.status_code == 303, made.text
    assert made.headers["location"] == "/ui/campaign?" + urlencode({"name": FORM["name"]})
    (campaign,) = all_campaigns(ws_of(client))
    assert campaign.variants == ["A", "B"] and campaign.holdout_share == pytest.approx(0.2)
    assert float(campaign.cost_per_message) == 0.5 and campaign.targets == [TARGET, "Big spenders"]

    page = client.get(made.headers["location"]).text
    audience = page.split('id="audience"')[1].split("</section>")[0]
    counts = dict(ws_of(client).raw.execute(
        "SELECT segment || '/' || arm, count(*) FROM campaign_recipients GROUP BY ALL"
    ).fetchall())  # fmt: skip
    assert {f"{TARGET}/holdout", f"{TARGET}/A", f"{TARGET}/B"} <= set(counts)
    for key, n in counts.items():
        target, arm = key.rsplit("/", 1)
        assert f'<td>{target}</td><td>{arm}</td><td class="num">{n}</td>' in audience.replace("\u202f", "")
    listed = client.get("/ui/campaigns").text
    assert FORM["name"] in listed and "чернетка" not in listed

    export = client.get("/ui/campaign/export", params={"name": FORM["name"], "layout": "brevo"})
    assert export.status_code == 200 and export.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(export.text), delimiter=";"))
    treated = sum(n for key, n in counts.items() if not key.endswith("/holdout"))
    assert 0 < len(rows) <= treated and "EMAIL" in rows[0]

    customer = ws_of(client).raw.execute(
        "SELECT r.customer_id, c.first_name FROM campaign_recipients r JOIN customers c"
        " USING (customer_id) WHERE arm = 'A' AND c.first_name IS NOT NULL LIMIT 1"
    ).fetchone()  # fmt: skip
    shown = client.get("/ui/campaign/preview", params={"name": FORM["name"], "customer_id": customer[0]}).text
    assert f"Привіт, {customer[1]}" in shown
    assert f"&lt;p&gt;{customer[1]}, ми сумуємо&lt;/p&gt;" in shown  # the body as text, not HTML
    unknown = client.get("/ui/campaign/preview", params={"name": FORM["name"], "customer_id": "NOPE"}).text
    assert "no customer with id" in unknown and 'role="alert"' in unknown
    assert client.get("/ui/campaign?name=No%20such").status_code == 404


def test_form_errors_are_shown_and_nothing_is_stored(client, shop):
    log_in(client, shop.tokens["editor"])
    for change, message in [
        ({"targets": ["No such segment"]}, "No such segment"),
        ({"body": "{{ config }}"}, "config"),
        ({"subject": "{% include 'x' %}"}, "subject"),
        ({"holdout_share": "abc"}, "Holdout, %: cannot read"),
        ({"cost_per_message": "nan"}, "Cost per message: cannot read"),
        ({"targets": []}, "at least one target"),
    ]:
        answer = post(client, "/ui/campaigns", {**FORM, **change})
        assert answer.status_code == 400, change
        error = answer.text.split('id="campaign-error">')[1].split("</p>")[0]
        assert message in error, (change, error)
        assert 'value="Осінній лист"' in answer.text  # what was typed is kept
    assert all_campaigns(ws_of(client)) == []


def test_a_viewer_cannot_create_or_send_and_csrf_is_checked(client, shop):
    log_in(client, shop.tokens["editor"])
    csrf = csrf_of(client)
    assert post(client, "/ui/campaigns", FORM, csrf="").status_code == 403
    assert post(client, "/ui/campaigns", FORM, csrf="0" * 64).status_code == 403
    assert (
        post(client, "/ui/campaigns", FORM, csrf, origin={"origin": "http://evil.example"}).status_code == 403
    )
    assert all_campaigns(ws_of(client)) == []
    assert post(client, "/ui/campaigns", FORM, csrf).status_code == 303
    send = {"name": FORM["name"], "confirm": "yes"}
    assert post(client, "/ui/campaign/send", send, csrf="").status_code == 403
    client.cookies.clear()

    log_in(client, shop.tokens["viewer"])
    assert 'id="campaign-form"' not in client.get("/ui/campaigns/new").text
    page = client.get("/ui/campaign", params={"name": FORM["name"]}).text
    assert 'id="send-form"' not in page
    csrf = csrf_of(client, "/ui/campaigns")
    refused = post(client, "/ui/campaigns", {**FORM, "name": "Viewer's"}, csrf)
    assert refused.status_code == 403 and "editor role" in refused.text
    assert post(client, "/ui/campaign/send", send, csrf).status_code == 403
    assert [c.name for c in all_campaigns(ws_of(client))] == [FORM["name"]]
    assert ws_of(client).raw.execute("SELECT count(*) FROM outbox").fetchone()[0] == 0
    trigger = {"name": "t", "on": "enter", "target": TARGET, "action": "tag", "param": "x", "delay": "0"}
    assert post(client, "/ui/triggers", trigger, csrf).status_code == 403
    assert post(client, "/ui/triggers/run", {}, csrf).status_code == 403
    assert all_triggers(ws_of(client)) == []
    create_trigger(ws_of(client), "kept", "enter", TARGET, "tag", {"tag": "k"})
    assert post(client, "/ui/triggers/delete", {"name": "kept"}, csrf).status_code == 403
    client.cookies.clear()
    log_in(client, shop.tokens["editor"])
    assert post(client, "/ui/triggers/delete", {"name": "kept"}, csrf="").status_code == 403
    assert post(client, "/ui/triggers", {**trigger, "name": "no csrf"}, csrf="").status_code == 403
    assert [t.name for t in all_triggers(ws_of(client))] == ["kept"]


def test_hostile_campaign_names_and_templates_are_escaped(client, shop):
    log_in(client, shop.tokens["editor"])
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    named = '<script>alert("x")<img src=x onerror=alert(1)>'  # no "/": a campaign name cannot have one
    sms = {**FORM, "name": named, "channel": "sms", "subject": "", "body": hostile + "{{ name }}"}
    assert post(client, "/ui/campaigns", sms).status_code == 303
    customer = (
        ws_of(client)
        .raw.execute("SELECT customer_id FROM campaign_recipients WHERE arm <> 'holdout' LIMIT 1")
        .fetchone()[0]
    )
    for path, params in [
        ("/ui/campaigns", {}),
        ("/ui/campaign", {"name": named}),
        ("/ui/campaign/preview", {"name": named, "customer_id": customer}),
    ]:
        text = client.get(path, params=params).text
        assert "<script>alert" not in text and "<img src=x" not in text, path
        assert "&lt;script&gt;alert" in text, path
    bad = post(client, "/ui/campaigns", {**FORM, "name": "x", "targets": [hostile]})
    assert bad.status_code == 400 and "<script>alert" not in bad.text


def test_send_through_a_real_smtp_server_shows_the_sent_count(client, shop):
    log_in(client, shop.tokens["editor"])
    assert post(client, "/ui/campaigns", {**FORM, "targets": [TARGET]}).status_code == 303
    unconfirmed = post(client, "/ui/campaign/send", {"name": FORM["name"]})
    assert unconfirmed.status_code == 400 and "Tick the confirmation box" in unconfirmed.text
    no_server = post(client, "/ui/campaign/send", {"name": FORM["name"], "confirm": "yes"})
    assert no_server.status_code == 400 and 'id="send-error"' in no_server.text  # no SMTP settings yet
    with SmtpSink(delay=0.05) as sink:
        configure(ws_of(client).path, smtp_config(sink.port))
        started = post(client, "/ui/campaign/send", {"name": FORM["name"], "confirm": "yes"})
        # the send goes on in the server; the page polls its progress until it is done
        assert started.status_code == 200, started.text
        assert 'hx-get="/ui/campaign/progress?name=' in started.text
        assert 'hx-trigger="every 2s"' in started.text
        deadline = time.monotonic() + 60
        while 'hx-trigger="every' in (progress := client.get("/ui/campaign/progress", params=NAME)).text:
            assert 'id="send-progress"' in progress.text and time.monotonic() < deadline
            time.sleep(0.2)
    delivered = len(sink.messages)
    assert delivered > 0 and max(sink.per_recipient().values()) == 1
    summary = progress.text.split('id="send-summary"')[1].split("</section>")[0]
    assert f"sent: {delivered} " in summary
    page = client.get("/ui/campaign", params=NAME).text
    assert f'data-state="sent">{delivered}<' in page.replace("\u202f", "")
    assert f"sent: {delivered} " in page.split('id="send-summary"')[1].split("</section>")[0]
    results = page.split('id="results"')[1].split("</section>")[0]
    assert "holdout" in results and TARGET in results and "All segments" in results
    assert "надіслано" in client.get("/ui/campaigns?lang=uk").text


def test_triggers_are_created_listed_run_and_deleted(client, shop):
    log_in(client, shop.tokens["editor"])
    csrf = csrf_of(client, "/ui/triggers")
    good = {
        "name": "VIP tag",
        "on": "enter",
        "target": TARGET,
        "action": "tag",
        "param": "vip",
        "delay": "2h",
    }
    assert post(client, "/ui/triggers", good, csrf).status_code == 303
    (made,) = all_triggers(ws_of(client))
    assert (made.target, made.action, made.params, made.delay_seconds) == (
        TARGET,
        "tag",
        {"tag": "vip"},
        7200,
    )
    bad = post(client, "/ui/triggers", {**good, "name": "bad", "target": "No such segment"}, csrf)
    assert bad.status_code == 400 and "unknown segment 'No such segment'" in bad.text.replace("&#39;", "'")
    assert post(client, "/ui/triggers", {**good, "name": "x", "delay": "soon"}, csrf).status_code == 400
    assert len(all_triggers(ws_of(client))) == 1

    import datetime as dt

    create_trigger(
        ws_of(client), "All at risk", "enter", TARGET, "tag", {"tag": "risk"}, since=dt.datetime(2000, 1, 1)
    )
    ran = post(client, "/ui/triggers/run", {}, csrf)
    assert ran.status_code == 200 and 'id="run-summary"' in ran.text
    done = len(list_firings(ws_of(client), "All at risk", "done", None))
    assert done > 0
    row = ran.text.split("<td>All at risk</td>")[1].split("</tr>")[0].replace("\u202f", "")
    assert f'data-state="done">{done}<' in row
    recent = ran.text.split('id="firings"')[1].split("</section>")[0]
    assert recent.count("<td>All at risk</td>") == min(done, 20)
    assert "<td>tagged &#39;risk&#39;</td>" in recent
    # each firing's detail in the page's language (web/firing_details.py): it was English in every one
    uk = client.get("/ui/triggers?lang=uk").text.split('id="firings"')[1].split("</section>")[0]
    assert uk.count("<td>додано мітку &#39;risk&#39;</td>") == min(done, 20) and "tagged" not in uk
    assert post(client, "/ui/triggers/delete", {"name": "VIP tag"}, csrf).status_code == 303
    assert [t.name for t in all_triggers(ws_of(client))] == ["All at risk"]
    assert post(client, "/ui/triggers/delete", {"name": "VIP tag"}, csrf).status_code == 404


def test_the_pages_render_in_ukrainian_with_every_key(client, shop):
    from pathlib import Path

    import segmint.web

    log_in(client, shop.tokens["editor"])
    assert post(client, "/ui/campaigns", FORM).status_code == 303
    for path in [
        "/ui/campaigns",
        "/ui/campaigns/new",
        f"/ui/campaign?name={quote(FORM['name'])}",
        "/ui/triggers",
    ]:
        text = client.get(path + ("&" if "?" in path else "?") + "lang=uk").text
        assert "Кампанії" in text and "Тригери" in text, path
        assert not re.search(
            r"[> ](outbox|campaign_status|firing|on|action|left_out)_[a-z_]+\s*[<:]", text
        ), path
    assert "немає згоди" in client.get("/ui/campaign", params={"name": FORM["name"], "lang": "uk"}).text
    folder = Path(segmint.web.__file__).parent
    sources = [p.read_text(encoding="utf-8") for p in (folder / "templates").rglob("*.html")]
    sources += [p.read_text(encoding="utf-8") for p in (folder / "pages").glob("*.py")]
    written = {k for text in sources for k in re.findall(r'_key="([a-z_]+)"', text)}
    built = {f"outbox_{s}" for s in ("queued", "sending", "uncertain", "sent", "failed")}
    built |= {f"campaign_status_{s}" for s in ("draft", "sending", "sent")}
    built |= {f"firing_{s}" for s in ("due", "done", "failed", "pending")}
    built |= {f"on_{s}" for s in ("enter", "exit", "event")}
    built |= {f"action_{s}" for s in ("message", "webhook", "tag", "static_segment")}
    built |= {"left_out_" + reason.replace(" ", "_") for reason in REASONS}
    assert "confirm_send_missing" in written
    assert sorted((written | built) - set(STRINGS)) == []
