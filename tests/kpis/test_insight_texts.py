"""The insights' sentences in every language: each code has a text in en, uk and ru with the same
{params}, and the Russian ones no Ukrainian-only letter (as the playbook's and the web strings' tests)."""

from __future__ import annotations

import string

import pytest

from segmint.kpis.insights import LANGUAGES, TEXTS, insights, word
from segmint.kpis.insights_ru import RU

NB = "\u00a0"  # CLDR's thousands in uk and ru, and ru's space before %


def _names(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_code_has_a_text_in_each_language_with_the_same_params():
    assert sorted(RU) == sorted(TEXTS)
    for code, (english, ukrainian) in TEXTS.items():
        assert _names(english) == _names(ukrainian) == _names(RU[code]), code
        assert not set("іїєґІЇЄҐ") & set(RU[code]), code


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_insight_is_worded_from_its_params(lang):
    rows = {
        "Loyal": {"size": 400, "revenue": 942611.0, "revenue_share": 0.39, "churn_probability": None,
                  "churn_rate": 0.2, "active_previous_period": 300, "discount_share": 0.6},
        "Lost": {"size": 300, "revenue": 1200.5, "revenue_share": None, "churn_probability": None,
                 "churn_rate": 0.9, "active_previous_period": 120, "discount_share": 0.1},
    }  # fmt: skip
    changes = {"Lost": {"before": 1200, "now": 1100, "change": -1 / 12, "share_change": -0.2,
                        "since": "2025-09-30"}}  # fmt: skip
    found = insights(rows, changes)
    assert [item["code"] for item in found] == [
        "most_profitable", "highest_churn_risk.rate", "mostly_on_discount", "fastest_shrinking.size"
    ]  # fmt: skip
    worded = [word(item, lang) for item in found]
    figures = {
        "en": ("942,611.00", "39%", "90%", "60%", "1200 → 1100", "-8%"),
        "uk": (f"942{NB}611,00", "39%", "90%", "60%", f"1{NB}200 → 1{NB}100", "-8%"),
        "ru": (f"942{NB}611,00", f"39{NB}%", f"90{NB}%", f"60{NB}%", f"1{NB}200 → 1{NB}100", f"-8{NB}%"),
    }[lang]
    text = " ".join(worded)
    assert all(figure in text for figure in figures), (figures, worded)
    if lang == "en":
        assert worded == [item["message"] for item in found]


@pytest.mark.parametrize(
    ("lang", "count", "members", "repeat", "buyers"),
    [
        ("uk", 21, "21 учасник", "21 повторного покупця", "з 21 покупця попереднього"),
        ("uk", 22, "22 учасники", "22 повторних покупців", "з 22 покупців попереднього"),
        ("uk", 25, "25 учасників", "25 повторних покупців", "з 25 покупців попереднього"),
        ("ru", 21, "21 участник", "21 повторного покупателя", "из 21 покупателя предыдущего"),
        ("ru", 23, "23 участника", "23 повторных покупателей", "из 23 покупателей предыдущего"),
        ("ru", 111, "111 участников", "111 повторных покупателей", "из 111 покупателей предыдущего"),
    ],
)
def test_the_noun_after_a_count_takes_the_form_its_number_takes(lang, count, members, repeat, buyers):
    """uk and ru: "21 учасник", "22 учасники", "25 учасників"; after "серед"/"з" the genitive, "21
    повторного покупця". Before, every count was followed by the form for 5-20 ("21 учасників",
    "22 учасники" written "22 учасників", "21 участников")."""
    rows = {"Lost": {"size": 300, "revenue": 10.0, "revenue_share": 0.1, "churn_probability": 0.6,
                     "churn_probability_customers": count, "churn_rate": 0.9, "active_previous_period": count,
                     "discount_share": 0.0}}  # fmt: skip
    changes = {
        "Lost": {"before": 400, "now": count, "change": -0.5, "share_change": -0.5, "since": "2025-09-30"}
    }
    found = {item["kind"]: item for item in insights(rows, changes)}
    assert members in word(found["fastest_shrinking"], lang)
    assert repeat in word(found["highest_churn_risk"], lang)
    rate = insights({"Lost": {**rows["Lost"], "churn_probability": None}}, {})
    assert buyers in word(rate[-1], lang)
