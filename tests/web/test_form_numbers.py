"""The builder and the campaign form read a typed number as an import reads an amount (web/numbers.py over
segmint.ingest.normalise.parse_amount): each had a reader of its own, and neither took all of what the
import takes (TestClient for the form)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from tests.web.conftest import log_in
from tests.web.test_campaign_pages import FORM, post, ws_of

from segmint.campaigns import all_campaigns
from segmint.web.builder.draft import Problem, literal

# as files write 1234.5: space, no-break space or narrow no-break space thousands, a decimal comma or point,
# dot thousands with a decimal comma, comma thousands with a decimal point
WRITTEN = ["1 234,5", "1\u00a0234,5", "1\u202f234,5", "1234.5", "1234,5", "1.234,5", "1,234.5"]


@pytest.mark.parametrize("text", WRITTEN)
def test_the_builder_reads_a_number_as_an_import_does(text):
    """Old code: '1.234,5' and '1,234.5' were 'not a number' (the builder replaced commas by points)."""
    assert literal(text, "number", "total_spent") == "1234.5"


@pytest.mark.parametrize("text", ["abc", "1 234 грн", "nan", "1,2,3.4.5"])
def test_the_builder_refuses_what_an_import_refuses(text):
    with pytest.raises(Problem):
        literal(text, "number", "total_spent")


def test_the_campaign_form_reads_its_numbers_as_an_import_does(client, shop):
    """Old code: a cost typed "1 234,5" (or "1.234,5", "1,234.5") was refused, "впишіть число": the form
    read float(text with the comma as a point)."""
    log_in(client, shop.tokens["editor"])
    for n, text in enumerate(WRITTEN):
        form = {**FORM, "name": f"Осінь {n}", "cost_per_message": text, "holdout_share": "12,5"}
        made = post(client, "/ui/campaigns", form)
        assert made.status_code == 303, (text, made.text.split('id="campaign-error">')[-1][:200])
    costs = {c.name: c.cost_per_message for c in all_campaigns(ws_of(client))}
    assert set(costs.values()) == {Decimal("1234.5")}, costs
    assert {c.holdout_share for c in all_campaigns(ws_of(client))} == {0.125}
    refused = post(client, "/ui/campaigns", {**FORM, "name": "x", "cost_per_message": "1 234 грн"})
    assert refused.status_code == 400 and "1 234 грн" in refused.text
