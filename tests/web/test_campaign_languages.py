"""A campaign page in Ukrainian and Russian words what the library gives as data or as an English text:
the results' rows for every segment and for the variants pooled, and a send that failed after it started
(TestClient; the send through a real SMTP port with nothing listening)."""

from __future__ import annotations

import datetime as dt
import time
from html import unescape

import pytest
from tests.campaigns.servers import configure, free_port, smtp_config
from tests.web.conftest import log_in
from tests.web.test_campaign_pages import FORM, NAME, post, ws_of

from segmint.campaigns import all_campaigns
from segmint.campaigns.model import set_status

ROWS = {
    "en": ("All segments", "All variants"),
    "uk": ("Усі сегменти", "Усі варіанти"),
    "ru": ("Все сегменты", "Все варианты"),
}


def results_of(client, lang: str) -> str:
    page = client.get("/ui/campaign", params={**NAME, "lang": lang}).text
    return unescape(page.split('id="results"')[1].split("</section>")[0])


@pytest.mark.parametrize("lang", ROWS)
def test_the_results_name_every_segment_and_the_pooled_variants_in_the_page_language(client, shop, lang):
    """The results' "All segments" and "All variants" rows (the data's labels, kept as the API and --json
    give them) were shown in English on Ukrainian and Russian pages."""
    log_in(client, shop.tokens["editor"])
    assert post(client, "/ui/campaigns", FORM).status_code == 303  # variants A and B, a holdout
    (campaign,) = all_campaigns(ws_of(client))
    set_status(ws_of(client).raw, campaign.campaign_id, "sent", dt.datetime(2024, 1, 1))
    every_segment, pooled = ROWS[lang]
    results = results_of(client, lang)
    assert f"<td>{every_segment}</td>" in results and f"<td>{pooled}</td>" in results, results
    if lang != "en":
        assert "All segments" not in results and "All variants" not in results
    answer = client.get(
        f"/campaigns/{campaign.campaign_id}/results",
        headers={"Authorization": f"Bearer {shop.tokens['viewer']}"},
    )
    assert answer.status_code == 200, answer.text
    labels = {(row["segment"], row["arm"]) for row in answer.json()["rows"]}
    assert ("All segments", "All variants") in labels  # the API's data unchanged


FAILED = {
    "uk": "не вдається з’єднатися з SMTP-сервером 127.0.0.1:",
    "ru": "не удаётся соединиться с SMTP-сервером 127.0.0.1:",
}


@pytest.mark.parametrize("lang", FAILED)
def test_a_send_that_fails_after_it_started_says_why_in_the_page_language(client, shop, lang):
    """The server kept a failed send's error as English text only ('DeliveryError: cannot reach the
    SMTP server ...'), which the campaign page showed on Ukrainian and Russian pages too; it keeps the
    error's code and params now (GET /campaigns/{name}: last_send.error_code, error_params; `error` as
    before)."""
    log_in(client, shop.tokens["editor"])
    assert post(client, "/ui/campaigns", {**FORM, "targets": ["rfm:At Risk"]}).status_code == 303
    configure(ws_of(client).path, smtp_config(free_port()))  # nothing listens there
    started = post(client, "/ui/campaign/send", {**NAME, "confirm": "yes"})
    assert started.status_code == 200, started.text
    deadline = time.monotonic() + 60
    while 'hx-trigger="every' in client.get("/ui/campaign/progress", params=NAME).text:
        assert time.monotonic() < deadline
        time.sleep(0.1)
    page = unescape(client.get("/ui/campaign", params={**NAME, "lang": lang}).text)
    shown = page.split('id="send-error">')[1].split("</p>")[0]
    assert shown.startswith(FAILED[lang]) and "cannot reach" not in shown, shown

    api = client.get(
        "/campaigns/" + FORM["name"], headers={"Authorization": f"Bearer {shop.tokens['viewer']}"}
    )
    last = api.json()["last_send"]
    assert last["error"].startswith("DeliveryError: cannot reach the SMTP server 127.0.0.1:")
    assert last["error_code"] == "smtp.unreachable"
    assert last["error_params"]["server"].startswith("127.0.0.1:")


SYNTAX = {
    "uk": "текст повідомлення для 'rfm:At Risk', варіант A, рядок 2, символ 12: помилка в шаблоні: "
    "зайвий знак «}»",
    "ru": "текст сообщения для 'rfm:At Risk', вариант A, строка 2, символ 12: ошибка в шаблоне: "
    "лишний знак «}»",
}


@pytest.mark.parametrize("lang", SYNTAX)
def test_a_template_syntax_error_and_a_holdout_with_a_percent_sign_on_the_form(client, shop, lang):
    """hunt-web W8: a Jinja syntax error was worded with Jinja's English ("помилка в шаблоні (unexpected
    '}')"), with the line only; and a holdout typed "15,5 %" was refused although "15,5" was taken."""
    log_in(client, shop.tokens["editor"])
    client.get("/ui/campaigns", params={"lang": lang})  # the language, remembered in a cookie
    form = {**FORM, "variants": "A", "targets": ["rfm:At Risk"], "holdout_share": "15,5 %"}
    refused = post(client, "/ui/campaigns", {**form, "body": "<p>Привіт,</p>\n<p>{{ name }</p>"})
    assert refused.status_code == 400
    shown = unescape(refused.text).split('id="campaign-error">')[1].split("</p>")[0]
    assert shown == SYNTAX[lang]
    made = post(client, "/ui/campaigns", form)
    assert made.status_code == 303, unescape(made.text).split('id="campaign-error">')[-1][:300]
    (campaign,) = all_campaigns(ws_of(client))
    assert campaign.holdout_share == pytest.approx(0.155)
