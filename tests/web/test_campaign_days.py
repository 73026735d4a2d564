"""The campaign form's attribution window: a whole number of days from 1 to 365 (the API's bound), refused on
the form in the page's language with what was typed kept; the campaign's page writes the window with the
form its number takes (1 день, 3 дні, 21 день; ru: 3 дня)."""

from __future__ import annotations

import pytest
from tests.web.conftest import log_in
from tests.web.test_campaign_pages import FORM, post, ws_of

from segmint.campaigns import all_campaigns


@pytest.mark.parametrize(
    ("typed", "lang", "words"),
    [
        ("100000000000000000000", "uk", "днів: 100000000000000000000 не є цілою кількістю днів"),
        ("14,5", "uk", "Вікно атрибуції, днів: 14,5 не є цілою кількістю днів від 1 до 365"),
        ("1e9", "ru", "Окно атрибуции, дней: 1e9 не является целым числом дней от 1 до 365"),
        ("366", "en", "Attribution window, days: 366 is not a whole number of days from 1 to 365"),
    ],
)
def test_an_attribution_window_that_is_no_whole_number_of_days_is_refused_on_the_form(
    client, shop, typed, lang, words
):
    """Old code: a number too big for the store ended in a 500 (DuckDB's ConversionException), "14,5" was
    cut to 14 days and 1e9 days were stored, both without a word."""
    log_in(client, shop.tokens["editor"])
    client.cookies.set("segmint_lang", lang)
    answer = post(client, "/ui/campaigns", {**FORM, "attribution_days": typed})
    assert answer.status_code == 400, answer.status_code
    error = answer.text.split('id="campaign-error">')[1].split("</p>")[0]
    assert words in error, error
    assert f'value="{typed}"' in answer.text and 'value="Осінній лист"' in answer.text  # what was typed
    assert all_campaigns(ws_of(client)) == []


@pytest.mark.parametrize(
    ("days", "lang", "shown"),
    [
        ("1", "uk", "атрибуція 1 день ·"),
        ("3", "uk", "атрибуція 3 дні ·"),
        ("21", "uk", "атрибуція 21 день ·"),
        ("14", "uk", "атрибуція 14 днів ·"),
        ("3", "ru", "атрибуция 3 дня ·"),
        ("1", "en", "attribution 1 day ·"),
    ],
)
def test_the_campaign_page_writes_the_attribution_window_in_the_form_its_number_takes(
    client, shop, days, lang, shown
):
    """Old code: "атрибуція {days} днів" whatever the number: "1 днів", "3 днів", "21 днів" (ru "3 дней")."""
    log_in(client, shop.tokens["editor"])
    client.cookies.set("segmint_lang", lang)
    made = post(client, "/ui/campaigns", {**FORM, "attribution_days": days})
    assert made.status_code == 303, made.text.split('id="campaign-error">')[-1][:200]
    page = client.get(made.headers["location"]).text
    assert shown in page.replace("\u00a0", " ")
