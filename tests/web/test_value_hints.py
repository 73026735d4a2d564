"""A text value no customer, order or event has is named under the builder's rule with the nearest value the
data has: `city = "Киев"` (the Russian spelling, where the shop's customers say "Київ") and
`bought(category = "fashon")` were valid rules that counted 0 without a word."""

from __future__ import annotations

import re
from html import unescape

import pytest
from tests.web.conftest import ORIGIN, log_in


def warnings_of(client, rule: str, lang: str = "ru") -> list[str]:
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', client.get("/ui/builder").text).group(1)
    answer = client.post(
        f"/ui/builder/text?lang={lang}", data={"csrf": csrf, "rule_text": rule}, headers=ORIGIN
    )
    assert answer.status_code == 200 and 'id="rule-error"' not in answer.text
    box = (
        answer.text.split('id="value-warnings">', 1)[1].split("</ul>", 1)[0]
        if "value-warnings" in answer.text
        else ""
    )
    return [unescape(item) for item in re.findall(r"<li>(.*?)</li>", box, re.S)]


@pytest.mark.parametrize(
    ("rule", "lang", "said"),
    [
        ('city = "Киев"', "ru", "В данных нет city «Киев»: это условие не отберёт никого. Возможно, «Київ»?"),
        (
            'orders_count >= 1 and bought(category = "fashon", within = 365d)',
            "ru",
            "В данных нет bought(category = …) «fashon»: это условие не отберёт никого. Возможно, «fashion»?",
        ),
        (
            'city in ("Львів", "Одеса ", "Харьков")',
            "uk",
            "У даних немає city «Харьков»: ця умова не відбирає нікого. Можливо, «Харків»?",
        ),
        ('city = "Atlantis"', "en", "No city is “Atlantis” in the data: this condition selects nobody."),
        # a category is matched as typed (trimmed), not in any case as a city or a group is
        (
            'bought(category = " Fashion ") >= 1',
            "uk",
            "У даних немає bought(category = …) « Fashion »: ця умова не відбирає нікого. "
            "Можливо, «fashion»?",
        ),
        (
            'favourite_category = "Books"',
            "en",
            "No favourite_category is “Books” in the data: this condition selects nobody. "
            "Did you mean “books”?",
        ),
    ],
)
def test_a_value_the_data_does_not_have_is_named_with_the_nearest_one(client, shop, rule, lang, said):
    log_in(client, shop.tokens["viewer"])
    assert warnings_of(client, rule, lang) == [said]


@pytest.mark.parametrize(
    "rule",
    [
        'city = "Київ" or city = "київ"',  # the rule's own normalisation capitalises a city
        'city != "Киев"',  # selects everyone else: nothing to warn about
        'country = "Україна"',  # the rules map a country's name to its code
        'bought(category = "fashion") and gender = "жін"',
        'bought(category = " fashion ") >= 1 and rfm.group = "at risk"',  # trimmed; a group in any case
        "total_spent > 100",
    ],
)
def test_values_the_data_has_or_the_rules_map_are_not_warned_about(client, shop, rule):
    log_in(client, shop.tokens["viewer"])
    assert warnings_of(client, rule) == []
