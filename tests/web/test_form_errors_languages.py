"""The new-campaign and trigger forms on Ukrainian and Russian pages (hunt-web W5, W7): every refusal, the
form's own (an unreadable number, no target) and the library's (no subject for e-mail, an unknown template
field or target, a duplicate name, a trigger's missing parameter or unreadable delay), is in the page's
language and names the form's field, never a CLI flag; a trigger's delay is listed as a duration in the
page's language, not as "7 200 s". Nothing refused is stored."""

from __future__ import annotations

import re
from html import unescape

import pytest
from tests.web.conftest import log_in
from tests.web.test_campaign_pages import FORM, csrf_of, post, ws_of

from segmint.campaigns import all_campaigns
from segmint.triggers import all_triggers

UKRAINIAN_ONLY = re.compile("[іїєґІЇЄҐ]")
RUSSIAN_ONLY = re.compile("[ыэъёЫЭЪЁ]")

# lang -> (change to the campaign form, words the error must hold)
CAMPAIGN = {
    "uk": [
        ({"holdout_share": "150"}, "Контрольна група, %: 150 не є відсотком від 0 до менш ніж 100"),
        ({"targets": []}, "Виберіть хоча б одну ціль"),
        ({"cost_per_message": "0,5 €"}, "Вартість повідомлення: не вдається прочитати '0,5 €'"),
        ({"attribution_days": "два"}, "Вікно атрибуції, днів: не вдається прочитати 'два'"),
        ({"subject": ""}, "лист e-mail потребує теми: заповніть поле «Тема (email)»"),
        ({"body": "Привіт, {{ імя }}!"}, "невідоме поле імя; у шаблоні можна використати"),
        ({"body": "Привіт, {{ name }"}, "помилка в шаблоні"),
        ({"targets": ["Немає такого"]}, "невідома ціль 'Немає такого': вкажіть назву сегмента"),
        ({"name": "Весна/Літо"}, "назва кампанії 'Весна/Літо' містить '/': REST API не змогло б"),
        ({}, "кампанія з назвою 'Осінній лист' уже існує"),
    ],
    "ru": [
        ({"holdout_share": "150"}, "Контрольная группа, %: 150 не является процентом от 0 до менее чем 100"),
        ({"targets": []}, "Выберите хотя бы одну целевую аудиторию"),
        ({"cost_per_message": "0,5 €"}, "Стоимость сообщения: не удаётся прочитать '0,5 €'"),
        ({"attribution_days": "два"}, "Окно атрибуции, дней: не удаётся прочитать 'два'"),
        ({"subject": ""}, "письму e-mail нужна тема: заполните поле «Тема (email)»"),
        ({"body": "Привет, {{ имя }}!"}, "неизвестное поле имя; в шаблоне можно использовать"),
        ({"body": "Привет, {{ name }"}, "ошибка в шаблоне"),
        ({"targets": ["Нет такого"]}, "неизвестная целевая аудитория 'Нет такого': укажите название"),
        ({"name": "Весна/Лето"}, "название рассылки 'Весна/Лето' содержит '/': REST API не смог бы"),
        ({}, "рассылка с названием 'Осінній лист' уже существует"),
    ],
}

GOOD_TRIGGER = {"name": "Ризик", "on": "enter", "target": "rfm:At Risk", "action": "tag", "param": "ризик"}
TRIGGER = {
    "uk": [
        ({"target": "Немає такого"}, "невідомий сегмент 'Немає такого': вкажіть назву сегмента"),
        ({"param": ""}, "для цієї дії заповніть «Параметр дії» (tag)"),
        ({"delay": "три дні"}, "не вдається прочитати затримку 'три дні': впишіть, наприклад, 0, 30m, 2h"),
        (
            {"action": "webhook", "param": "hooks.example"},
            "URL вебхука має починатися з http:// або https://",
        ),
        ({"name": ".."}, "назва тригера '..' — це крок шляху ('.' або '..')"),
        ({"delay": "2h"}, "тригер із назвою 'Ризик' уже існує"),
    ],
    "ru": [
        ({"target": "Нет такого"}, "неизвестный сегмент 'Нет такого': укажите название сегмента"),
        ({"param": ""}, "для этого действия заполните «Параметр действия» (tag)"),
        ({"delay": "три дня"}, "не удаётся прочитать задержку 'три дня': впишите, например, 0, 30m, 2h"),
        (
            {"action": "webhook", "param": "hooks.example"},
            "URL вебхука должен начинаться с http:// или https://",
        ),
        ({"name": "Риск/VIP"}, "название триггера 'Риск/VIP' содержит '/'"),
        ({"delay": "2h"}, "триггер с названием 'Ризик' уже существует"),
    ],
}
DURATION = {"uk": "2 години", "ru": "2 часа"}
OTHER = {"uk": RUSSIAN_ONLY, "ru": UKRAINIAN_ONLY}


def error_in(html: str, element: str) -> str:
    return unescape(re.search(rf'id="{element}">([^<]*)<', html).group(1))


@pytest.mark.parametrize("lang", CAMPAIGN)
def test_campaign_form_refusals_are_in_the_page_language(client, shop, lang):
    log_in(client, shop.tokens["editor"])
    for change, words in CAMPAIGN[lang]:
        stored = len(all_campaigns(ws_of(client)))
        if not change:  # the same name twice: the first is stored
            assert post(client, f"/ui/campaigns?lang={lang}", FORM).status_code == 303
            stored += 1
        answer = post(client, f"/ui/campaigns?lang={lang}", {**FORM, **change}, csrf_of(client))
        assert answer.status_code == 400, change
        error = error_in(answer.text, "campaign-error")
        assert words in error, (change, error)
        assert not OTHER[lang].search(error.replace("Осінній лист", "")), error
        assert f'value="{ {**FORM, **change}["name"] }"' in answer.text  # what was typed is kept
        assert len(all_campaigns(ws_of(client))) == stored


@pytest.mark.parametrize("lang", TRIGGER)
def test_trigger_form_refusals_and_delays_are_in_the_page_language(client, shop, lang):
    log_in(client, shop.tokens["editor"])
    csrf = csrf_of(client, f"/ui/triggers?lang={lang}")
    for change, words in TRIGGER[lang]:
        if change == {"delay": "2h"}:  # the same name twice: the first is stored
            assert post(client, "/ui/triggers", {**GOOD_TRIGGER, **change}, csrf).status_code == 303
        stored = len(all_triggers(ws_of(client)))
        answer = post(client, f"/ui/triggers?lang={lang}", {**GOOD_TRIGGER, **change}, csrf)
        assert answer.status_code == 400, change
        error = error_in(answer.text, "trigger-error")
        assert words in error, (change, error)
        assert "--" not in error and not OTHER[lang].search(error.replace("Ризик", "")), error
        assert len(all_triggers(ws_of(client))) == stored
    listed = unescape(client.get(f"/ui/triggers?lang={lang}").text)
    row = listed.split("<td>Ризик</td>")[1].split("</tr>")[0]
    assert DURATION[lang] in row and " s<" not in row, row


@pytest.mark.parametrize(("lang", "holdout"), [("uk", "контрольна група"), ("ru", "контрольная группа")])
def test_the_campaign_audience_names_the_holdout_in_the_page_language(client, shop, lang, holdout):
    """The audience table's arm column read `holdout` on Ukrainian and Russian pages."""
    log_in(client, shop.tokens["editor"])
    assert post(client, "/ui/campaigns", FORM).status_code == 303
    page = unescape(client.get(f"/ui/campaign?name={FORM['name']}&lang={lang}").text)
    audience = page.split("</table>")[0]
    assert f"<td>{holdout}</td>" in audience and "<td>holdout</td>" not in audience, audience
