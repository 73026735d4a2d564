"""A field named in Ukrainian or Russian in the rule text gets the field it stands for as a hint, when the
builder's field search finds that one field (hunt-web, s22)."""

from __future__ import annotations

import re
from html import unescape

import pytest
from tests.web.conftest import ORIGIN, log_in


def status_of(client, rule: str, lang: str) -> str:
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', client.get("/ui/builder").text).group(1)
    sent = {"csrf": csrf, "rule_text": rule}
    answer = client.post(f"/ui/builder/text?lang={lang}", data=sent, headers=ORIGIN)
    return unescape(answer.text)


@pytest.mark.parametrize(
    ("rule", "lang", "said"),
    [
        ("вік > 30", "uk", "невідоме поле 'вік'; можливо, 'age'?"),
        ("возраст > 30", "ru", "неизвестное поле 'возраст'; возможно, 'age'?"),
        ('мітки = "vip"', "uk", "невідоме поле 'мітки'; можливо, 'tags'?"),  # the library's alias, as before
        # several fields answer "сума" (total_spent, avg_order_value, spent, …): no guess
        ("сума > 100", "uk", "невідоме поле 'сума'; усі фільтри перелічено в docs/filters.md"),
    ],
)
def test_a_field_named_in_the_page_language_gets_the_field_it_stands_for(client, shop, rule, lang, said):
    """Old code: 'вік > 30' answered "невідоме поле 'вік'; усі фільтри перелічено в docs/filters.md",
    though the builder's own field search finds age for 'вік'."""
    log_in(client, shop.tokens["viewer"])
    assert said in status_of(client, rule, lang)


@pytest.mark.parametrize(
    ("rule", "lang", "said"),
    [
        ("city = Київ", "ru", "неизвестное поле 'Київ'; текст пишут в кавычках: \"Київ\""),
        ("city = Львів", "uk", "невідоме поле 'Львів'; текст пишуть у лапках: \"Львів\""),
        ('gender = "f" and\n  city = Odesa', "en", "unknown field 'Odesa'; text goes in quotes: \"Odesa\""),
    ],
)
def test_a_city_written_without_quotes_is_suggested_in_quotes_as_it_was_typed(client, shop, rule, lang, said):
    """Old code: "неизвестное поле 'київ'; текст пишут в кавычках: "київ"": names are read lower-case, so the
    text to copy was the city in lower case, which then matches no customer (values are compared as typed)."""
    log_in(client, shop.tokens["viewer"])
    shown = status_of(client, rule, lang)
    assert said in shown
    assert "^" in shown.split(said, 1)[1]  # with its caret under the value


def test_a_misspelt_segment_found_when_counting_shows_its_caret_on_a_line_of_its_own(client, shop):
    """in_segment of no segment is found by the count, not the parser. Old code put the caret lines in a
    <p>, where the browser ran them into the message: "… 'Big spenders'? in_segment("Big spendrs") ^"."""
    from segmint.web.pages.counting import next_sequence

    log_in(client, shop.tokens["viewer"])
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', client.get("/ui/builder").text).group(1)
    form = {"csrf": csrf, "rule": 'total_spent > 1 and\n  in_segment("Big spendrs")', "seq": next_sequence()}
    answer = client.post("/ui/builder/count?lang=ru", data=form, headers=ORIGIN)
    box = unescape(answer.text.split('id="count-error">', 1)[1].split("</div>", 1)[0])
    assert "<strong>Строка 2, столбец 3:</strong>" in box
    assert "неизвестный сегмент 'Big spendrs'; возможно, 'Big spenders'?" in box
    assert '<pre class="caret">    in_segment("Big spendrs")\n    ^</pre>' in box
