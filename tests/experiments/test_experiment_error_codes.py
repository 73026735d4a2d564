"""`sample_size` (what `segmint experiments size` computes) refuses an impossible setup with a coded
ExperimentError naming the option to change, worded in uk and ru (web/experiment_errors.py). Before, its
errors had no code: a uk workspace printed "Помилка: need 0 < alpha < power < 1 and ratio > 0 (got 0.05,
0.01, 9.0)", quoting a ratio the user never typed and naming no option."""

from __future__ import annotations

import pytest
from tests.coded import assert_worded_in_uk_and_ru, calls, placeholders

from segmint.experiments import ExperimentError
from segmint.experiments.stats import sample_size

SAMPLES = {  # code -> a real refusal, and the option its English names
    "experiment.size.baseline": (lambda: sample_size(1.05, 0.01), "--baseline"),
    "experiment.size.mde": (lambda: sample_size(0.98, 0.05), "--mde"),
    "experiment.size.alpha": (lambda: sample_size(0.05, 0.01, alpha=0), "--alpha"),
    "experiment.size.power": (lambda: sample_size(0.05, 0.01, power=0.01), "--power"),
    "experiment.size.ratio": (lambda: sample_size(0.05, 0.01, ratio=0), "ratio"),
}


@pytest.mark.parametrize("code", sorted(SAMPLES))
def test_every_size_refusal_is_coded_names_its_option_and_is_worded_in_uk_and_ru(code):
    make, option = SAMPLES[code]
    with pytest.raises(ExperimentError) as caught:
        make()
    assert caught.value.code == code and str(caught.value).startswith(option)
    assert "9.0" not in str(caught.value)  # a default ratio is no value the user gave
    assert_worded_in_uk_and_ru(caught.value)


def test_every_size_code_has_both_wordings_and_every_raise_in_stats_gives_one():
    from segmint.web.experiment_errors import RU, UK

    assert sorted(UK) == sorted(RU) == sorted(SAMPLES)
    assert {
        code: placeholders(UK[code]) for code in UK if placeholders(UK[code]) != placeholders(RU[code])
    } == {}
    sites = calls(("ExperimentError",), where=lambda path, name: path.name == "stats.py")
    for path, _, _, call in sites:
        if not any(keyword.arg == "code" for keyword in call.keywords):  # a result's input, not a setup's
            assert path == "experiments/stats.py" and "conversions" in str(call.args[0].values[0].value)


SPLITS = {  # a split no audience can take, given to `assign` and to a campaign
    "holdout 1": {"holdout_share": 1.0},
    "holdout 1.5": {"holdout_share": 1.5},
    "holdout nan": {"holdout_share": float("nan")},
    "holdout -0.1": {"holdout_share": -0.1},
    "variant holdout": {"variants": ["holdout", "B"]},
    "variant twice": {"variants": ["A", "A"]},
}


@pytest.mark.parametrize("split", sorted(SPLITS))
def test_assign_refuses_a_split_with_the_campaigns_coded_error(split):
    """`assign` (a Python caller's) refused these in English only ("holdout_share must be in [0, 1), got
    1.0"), while a campaign's check refused them with coded errors (campaign.holdout_share,
    campaign.variant_names) worded in uk and ru: two checks, two answers. Now the one check is the
    assignment's, and both give the same coded error."""
    import pandas as pd

    from segmint.campaigns.model import Campaign, CampaignError, Message, check
    from segmint.experiments import assign
    from segmint.web.messages import translate

    members = pd.DataFrame({"customer_id": ["a", "b"], "segment": ["x", "x"]})
    with pytest.raises(ExperimentError) as direct:
        assign(members, seed="s", **SPLITS[split])
    variants = SPLITS[split].get("variants", ["A"])
    messages = [Message("rfm:Lost", v, "<p>b</p>", "s") for v in dict.fromkeys(variants)]
    with pytest.raises(CampaignError) as campaign:
        check(Campaign("H", "email", messages, **SPLITS[split]))
    mine, theirs = direct.value, campaign.value
    assert mine.code in ("campaign.holdout_share", "campaign.variant_names")
    assert (mine.code, str(mine.params), mine.message) == (theirs.code, str(theirs.params), theirs.message)
    for lang in ("uk", "ru"):
        assert translate(mine, lang) == translate(theirs, lang) != str(mine)
