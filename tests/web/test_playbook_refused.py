"""A workspace's playbook that cannot be read stops the dashboard (each group shows its play) with the
refusal in the page's language: the setting as written and its line, as segmint.toml's other refusals."""

from __future__ import annotations

import html

import pytest
from tests.web.conftest import log_in
from tests.web.test_campaign_pages import ws_of

SHOWN = {
    "uk": "playbook.toml: рядок 2, [rfm.VIP] strategi: невідоме налаштування (можливо, 'strategy'?)",
    "ru": "playbook.toml: строка 2, [rfm.VIP] strategi: неизвестная настройка (возможно, 'strategy'?)",
    "en": "playbook.toml: line 2, [rfm.VIP] strategi: unknown setting (did you mean 'strategy'?)",
}


@pytest.mark.parametrize("lang", SHOWN)
def test_a_broken_playbook_is_refused_on_the_dashboard_in_the_page_language(client, shop, lang):
    log_in(client, shop.tokens["viewer"])
    (ws_of(client).path / "playbook.toml").write_text('[rfm.VIP]\nstrategi = "x"\n', encoding="utf-8")
    client.cookies.set("segmint_lang", lang)
    answer = client.get("/ui/")
    assert answer.status_code == 400, answer.text
    shown = html.unescape(answer.text.split('role="alert">', 1)[1].split("</p>", 1)[0])
    assert SHOWN[lang] in shown, shown
