"""One-click unsubscribe: campaign emails sent to a real SMTP server carry a signed link (List-Unsubscribe
header and {{ unsubscribe_url }}), the app's /unsubscribe answers it, and later campaigns leave the
customer out."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from tests.campaigns.servers import SmtpSink, configure, smtp_config
from tests.cli import segmint

from segmint.api import create_app
from segmint.campaigns import Campaign, Message, create_campaign, send_campaign
from segmint.campaigns.config import campaign_settings
from segmint.campaigns.model import CampaignError
from segmint.campaigns.unsubscribe import Links, UnsubscribeError, links
from segmint.errors import ConfigError, WorkspaceError
from segmint.experiments.results import OVERALL, campaign_results
from segmint.store.workspace import Workspace

URL = "https://crm.shop.example/unsubscribe"
BODY = '<p>{{ name }}</p><p><a href="{{ unsubscribe_url }}">Відписатися</a></p>'


def campaign(name: str, body: str = BODY) -> Campaign:
    return Campaign(
        name=name,
        channel="email",
        messages=[Message("rfm:At Risk", "A", body=body, subject="{{ name }}, ми сумуємо")],
        holdout_share=0.0,
    )


def unsubscribes(ws) -> list[tuple]:
    """The unsubscribes the links recorded (the demo shop has imported ones too)."""
    return ws.raw.execute(
        "SELECT customer_id, campaign_id, properties->>'via' FROM events"
        " WHERE event_type = 'email_unsubscribe' AND event_id LIKE 'unsubscribe-%' ORDER BY ALL"
    ).fetchall()


def sent_links(sink: SmtpSink) -> dict[str, tuple[str, str | None, str, str]]:
    """address -> (List-Unsubscribe, List-Unsubscribe-Post, HTML body, text body)."""
    return {
        item["to"][0]: (
            item["message"]["List-Unsubscribe"],
            item["message"]["List-Unsubscribe-Post"],
            item["message"].get_body(("html",)).get_content(),
            item["message"].get_body(("plain",)).get_content(),
        )
        for item in sink.messages
    }


def test_a_one_click_unsubscribe_from_a_sent_email_leaves_the_customer_out_of_later_campaigns(demo_path):
    with SmtpSink() as sink:
        configure(demo_path, smtp_config(sink.port) + f'[campaigns.unsubscribe]\nurl = "{URL}"\n')
        with Workspace.open(demo_path) as ws:
            created = create_campaign(ws, campaign("Перша"))
            send_campaign(ws, "Перша")
            addresses = dict(
                ws.raw.execute(
                    "SELECT address, customer_id FROM outbox WHERE campaign_id = ?", [created["campaign_id"]]
                ).fetchall()
            )
    mails = sent_links(sink)
    assert len(mails) == len(addresses) > 10
    for header, post, body, text in mails.values():
        link = re.fullmatch(r"<(https://crm\.shop\.example/unsubscribe/[A-Za-z0-9_.-]+)>", header)
        assert link, header
        assert post == "List-Unsubscribe=One-Click"
        assert f'href="{link[1]}"' in body  # the template's {{ unsubscribe_url }} is the same link
        assert f"Відписатися ({link[1]})" in text  # and the text version shows it too
    links = {addresses[a]: re.search(r"<([^>]+)>", h)[1] for a, (h, *_) in mails.items()}
    assert len(set(links.values())) == len(links)  # one link per customer

    first, second, *_ = sorted(links)
    with TestClient(create_app(demo_path)) as client:
        path = links[first].removeprefix("https://crm.shop.example")
        page = client.get(path)  # what a link scanner or a preview fetches: it must not unsubscribe
        assert page.status_code == 200 and 'method="post"' in page.text
        assert unsubscribes(client.app.state.workspace.ws) == []
        # the mail client's one-click POST (RFC 8058), twice: one event
        for _ in range(2):
            done = client.post(path, data={"List-Unsubscribe": "One-Click"})
            assert done.status_code == 200 and "Готово" in done.text
        # a link edited to name another customer is refused
        mac = path.rsplit(".", 1)[1]
        other = Links(URL, b"x").token(created["campaign_id"], second).split(".")[0]
        forged = client.post(f"/unsubscribe/{other}.{mac}", data={"List-Unsubscribe": "One-Click"})
        assert forged.status_code == 400 and "недійсне" in forged.text
        assert client.post("/unsubscribe/garbage").status_code == 400
        assert unsubscribes(client.app.state.workspace.ws) == [(first, created["campaign_id"], "one-click")]

    with Workspace.open(demo_path) as ws:
        measured = campaign_results(ws, created["campaign_id"]).row(OVERALL, "A")
        assert measured["unsubscribes"] == 1
        assert measured["unsubscribe_rate"] == pytest.approx(1 / measured["sent"])
        later = create_campaign(ws, campaign("Друга"))
        recipients = {
            row[0]
            for row in ws.raw.execute(
                "SELECT customer_id FROM campaign_recipients WHERE campaign_id = ?", [later["campaign_id"]]
            ).fetchall()
        }
    assert first not in recipients and second in recipients
    assert later["excluded"]["unsubscribed"] >= 1


def test_the_pages_button_unsubscribes_a_merged_customer_under_the_record_campaigns_reach(demo_ws):
    survivor, merged = [
        row[0]
        for row in demo_ws.raw.execute(
            "SELECT customer_id FROM customers WHERE merged_into IS NULL ORDER BY 1 LIMIT 2"
        ).fetchall()
    ]
    demo_ws.raw.execute("UPDATE customers SET merged_into = ? WHERE customer_id = ?", [survivor, merged])
    made = links(demo_ws, campaign_settings(demo_ws.path))  # the workspace's own key, made now
    token = made.token("c1", merged)
    assert made.read(token) == ("c1", merged)
    with pytest.raises(UnsubscribeError):
        Links(URL, b"another key").read(token)
    demo_ws.close()
    with TestClient(create_app(demo_ws.path)) as client:
        assert client.post(f"/unsubscribe/{token}").status_code == 200  # the page's button: no form field
        assert unsubscribes(client.app.state.workspace.ws) == [(survivor, "c1", "page")]


def test_a_template_with_an_unsubscribe_link_needs_the_url(demo_ws):
    before = demo_ws.raw.execute("SELECT count(*) FROM campaigns").fetchone()
    with pytest.raises(CampaignError, match=r"uses \{\{ unsubscribe_url \}\}.*\[campaigns.unsubscribe\]"):
        create_campaign(demo_ws, campaign("Без адреси"))
    assert demo_ws.raw.execute("SELECT count(*) FROM campaigns").fetchone() == before


def test_a_read_only_workspace_with_a_key_makes_and_reads_links_without_writing(demo_path):
    """Links are made on read paths (send, preview, the unsubscribe page): with the key kept, making them
    only reads (the old INSERT ... ON CONFLICT ran every time and failed on a read-only open)."""
    configure(demo_path, f'[campaigns.unsubscribe]\nurl = "{URL}"\n')
    with Workspace.open(demo_path) as ws:
        made = links(ws, campaign_settings(demo_path)).link("c1", "C0000001")
        kept = ws.raw.execute("SELECT * FROM workspace_secrets").fetchall()
    with Workspace.open(demo_path, read_only=True) as ws:
        read_only = links(ws, campaign_settings(demo_path))
        assert read_only.link("c1", "C0000001") == made
        assert read_only.read(made.rsplit("/", 1)[1]) == ("c1", "C0000001")
    with Workspace.open(demo_path) as ws:
        assert ws.raw.execute("SELECT * FROM workspace_secrets").fetchall() == kept


def test_a_read_only_workspace_without_a_key_says_so(demo_path):
    configure(demo_path, f'[campaigns.unsubscribe]\nurl = "{URL}"\n')
    with (
        Workspace.open(demo_path, read_only=True) as ws,
        pytest.raises(WorkspaceError, match=r"no unsubscribe key yet and is open read-only.*secret_env"),
    ):
        links(ws, campaign_settings(demo_path))
    with Workspace.open(demo_path) as ws:
        assert ws.raw.execute("SELECT count(*) FROM workspace_secrets").fetchone() == (0,)


@pytest.mark.parametrize("url", ["crm.shop.example/unsubscribe", "ftp://x/u", "https://x/u?a=1"])
def test_a_url_that_is_not_an_absolute_http_address_is_refused(demo_path, url):
    configure(demo_path, f'[campaigns.unsubscribe]\nurl = "{url}"\n')
    refusal = r"\[campaigns\.unsubscribe\] url: must be an absolute http\(s\)"
    with pytest.raises(ConfigError, match=refusal) as refused:
        campaign_settings(demo_path)
    assert refused.value.code == "config.url"
    assert refused.value.params["value"] == f'"{url}"'


def test_over_plain_http_the_link_is_sent_without_one_click(demo_path):
    with SmtpSink() as sink:
        configure(
            demo_path,
            smtp_config(sink.port) + '[campaigns.unsubscribe]\nurl = "http://127.0.0.1:8000/unsubscribe"\n',
        )
        with Workspace.open(demo_path) as ws:
            create_campaign(ws, campaign("HTTP", body="<p>{{ name }}</p>"))
            send_campaign(ws, "HTTP")
    headers = [
        (m["message"]["List-Unsubscribe"], m["message"]["List-Unsubscribe-Post"]) for m in sink.messages
    ]
    assert headers and all(
        h.startswith("<http://127.0.0.1:8000/unsubscribe/") and p is None for h, p in headers
    )


def test_without_a_url_mails_carry_no_unsubscribe_header(demo_path):
    with SmtpSink() as sink:
        configure(demo_path, smtp_config(sink.port))
        with Workspace.open(demo_path) as ws:
            create_campaign(ws, campaign("Без", body="<p>{{ name }}</p>"))
            send_campaign(ws, "Без")
            assert ws.raw.execute("SELECT count(*) FROM workspace_secrets").fetchone() == (0,)
    assert sink.messages and all(m["message"]["List-Unsubscribe"] is None for m in sink.messages)


def test_send_notes_an_email_campaign_without_unsubscribe_links(demo_path, tmp_path):
    (tmp_path / "b.html").write_text("<p>{{ name }}</p>", encoding="utf-8")
    with SmtpSink() as sink:
        configure(demo_path, smtp_config(sink.port))
        for name, url in (("Без посилань", None), ("З посиланнями", URL)):
            if url:
                configure(demo_path, f'[campaigns.unsubscribe]\nurl = "{url}"\n')
            create = ("campaigns", "create", name, "-t", "rfm:Lost", "--subject", "Привіт")
            made = segmint(*create, "--body-file", tmp_path / "b.html", "-w", demo_path)
            assert made.returncode == 0, made.stderr
            sent = segmint("campaigns", "send", name, "-w", demo_path)
            assert sent.returncode == 0, sent.stderr
            said = sent.stdout + sent.stderr
            assert ("no unsubscribe links (set url in [campaigns.unsubscribe]" in said) == (url is None), said
    assert sink.messages


@pytest.mark.parametrize(
    ("url", "wire"),
    [
        (URL, URL),
        (
            "https://крамниця.укр/відписка",
            "https://xn--80aqejfp0c4d.xn--j1amh/%D0%B2%D1%96%D0%B4%D0%BF%D0%B8",
        ),
    ],
)
def test_the_link_goes_on_the_wire_as_a_plain_link_and_cyrillic_headers_stay_encoded(demo_path, url, wire):
    """RFC 2369 fields hold <URL>s: a client looks for `<https:...>` in the raw header, so the link (longer
    than a 78-character line) must not become RFC 2047 encoded-words, which Python's parser would decode."""
    with SmtpSink() as sink:
        configure(demo_path, smtp_config(sink.port) + f'[campaigns.unsubscribe]\nurl = "{url}"\n')
        with Workspace.open(demo_path) as ws:
            create_campaign(ws, campaign("Сирі"))
            send_campaign(ws, "Сирі")
    assert len(sink.messages) > 10
    for item in sink.messages:
        head = item["raw"].split(b"\r\n\r\n", 1)[0].decode("ascii")
        header = re.search(r"^List-Unsubscribe: (.*)\r\n(?! )", head + "\r\n", re.M)
        assert header, head
        link = re.fullmatch(rf"<({re.escape(wire)}[^>\s]*/[A-Za-z0-9_.-]+)>", header[1])
        assert link, header[1]
        assert item["message"]["List-Unsubscribe"] == header[1]
        assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n" in head
        assert all(len(line) <= 998 for line in head.split("\r\n"))
        # the Cyrillic sender and subject are still encoded-words (ASCII on the wire), read back as sent
        assert re.search(r"^From: =\?utf-8\?", head, re.M)
        assert re.search(r"^Subject: [^\r]*=\?utf-8\?", head, re.M)
        assert item["message"]["From"] == "Крамниця <news@shop.example>"
        assert item["message"]["Subject"].endswith(", ми сумуємо")
        assert "=?" not in item["message"]["Subject"]
