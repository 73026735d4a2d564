"""A send killed midway (SIGKILL of the real `segmint campaigns send`) and resumed delivers every message
exactly once, counted at the receiving server, wherever the kill fell:

- before a message was handed over (the server holds its RCPT answer): the message goes back to the queue
  and is sent on resume;
- after it was handed over (the server has the message and holds its 250 / HTTP answer): the message is
  left alone on resume (reported as uncertain), so it is not sent twice.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys

import pytest
from tests.campaigns.servers import SmtpSink, WebhookSink, configure, smtp_config, webhook_config
from tests.cli import segmint

from segmint.campaigns import Campaign, Message, create_campaign

KILL_AT = 12  # messages delivered before the kill
SECRET = "resume-test-secret"


def start_send(path, env=None) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "segmint", "campaigns", "send", "Winback", "-w", str(path), "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )


def kill_when(sink, process: subprocess.Popen) -> None:
    assert sink.received.wait(120), (
        process.stderr.read().decode() if process.poll() is not None else "no signal"
    )
    os.kill(process.pid, signal.SIGKILL)
    process.wait(30)
    assert process.returncode == -signal.SIGKILL


def resume(path, env=None) -> dict:
    done = (
        segmint("campaigns", "send", "Winback", "-w", path, "--json")
        if env is None
        else subprocess.run(
            [sys.executable, "-m", "segmint", "campaigns", "send", "Winback", "-w", str(path), "--json"],
            capture_output=True,
            text=True,
            env=env,
            timeout=600,
        )
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def treated(ws, campaign_id: str, column: str) -> set[str]:
    rows = ws.raw.execute(
        f"SELECT c.{column} FROM campaign_recipients r JOIN customers c USING (customer_id)"
        " WHERE r.campaign_id = ? AND r.arm <> 'holdout'",
        [campaign_id],
    ).fetchall()
    return {r[0] for r in rows}


def create(path, channel: str) -> str:
    from segmint.store.workspace import Workspace

    subject = "{{ name }}, повертайтеся" if channel == "email" else None
    campaign = Campaign(
        name="Winback",
        channel=channel,
        messages=[
            Message("rfm:At Risk", "A", "Привіт, {{ name }}! Для вас: {{ recommended_category }}", subject)
        ],
    )
    with Workspace.open(path) as ws:
        return create_campaign(ws, campaign)["campaign_id"]


@pytest.mark.parametrize("kill_point", ["before hand-over", "after hand-over"])
def test_a_killed_email_send_resumes_and_sends_each_message_once(demo_path, kill_point):
    hold = {"hold_at_rcpt": KILL_AT + 1} if kill_point == "before hand-over" else {"hold_after_data": KILL_AT}
    with SmtpSink(delay=0.01, **hold) as sink:
        configure(demo_path, smtp_config(sink.port))
        campaign_id = create(demo_path, "email")
        kill_when(sink, start_send(demo_path))
        delivered_before = len(sink.messages)
        summary = resume(demo_path)
        counts = sink.per_recipient()
        if kill_point == "after hand-over":  # asked for, an uncertain message is sent again (at least once)
            held = sink.messages[KILL_AT - 1]["to"][0]
            again = segmint("campaigns", "send", "Winback", "--resend-uncertain", "-w", demo_path, "--json")
            assert again.returncode == 0, again.stderr
            assert json.loads(again.stdout)["outbox"]["uncertain"] == 0
            assert (
                sink.per_recipient()[held] == 2
                and sum(sink.per_recipient().values()) == sum(counts.values()) + 1
            )
    from segmint.store.workspace import Workspace

    with Workspace.open(demo_path) as ws:
        addresses = treated(ws, campaign_id, "email")
        log = dict(
            ws.raw.execute(
                "SELECT outcome, count(*) FROM delivery_log l JOIN outbox o USING (message_id)"
                " WHERE o.campaign_id = ? GROUP BY 1",
                [campaign_id],
            ).fetchall()
        )
    assert delivered_before == KILL_AT
    assert set(counts) == addresses, "every recipient got the campaign"
    assert set(counts.values()) == {1}, f"sent twice: {[a for a, n in counts.items() if n > 1]}"
    box = summary["outbox"]
    if kill_point == "before hand-over":
        # the held message (and the rest of its chunk) were marked sending, never handed over: resent once
        assert summary["requeued"] >= 1
        assert box["uncertain"] == 0 and box["sent"] == len(addresses)
        assert log["requeued"] == summary["requeued"]
    else:
        # the held message reached the server: it stays uncertain and is not sent again
        assert box["uncertain"] == 1 and box["sent"] == len(addresses) - 1
        assert summary["this_run"]["sent"] == len(addresses) - KILL_AT
    assert log["sent"] == box["sent"] + (kill_point == "after hand-over")  # + the resent uncertain one


def test_a_killed_webhook_send_resumes_without_sending_twice(demo_path):
    env = {**os.environ, "SEGMINT_TEST_HOOK_SECRET": SECRET}
    with WebhookSink(SECRET, delay=0.01, hold_after=KILL_AT) as sink:
        configure(demo_path, webhook_config(sink.url))
        campaign_id = create(demo_path, "sms")
        kill_when(sink, start_send(demo_path, env))
        summary = resume(demo_path, env)
    from segmint.store.workspace import Workspace

    with Workspace.open(demo_path) as ws:
        phones = treated(ws, campaign_id, "phone")
    counts = sink.per_recipient()
    assert set(counts) == phones
    assert set(counts.values()) == {1}
    assert all(r["signature_ok"] for r in sink.requests)
    assert summary["outbox"]["uncertain"] == 1 and summary["outbox"]["sent"] == len(phones) - 1
