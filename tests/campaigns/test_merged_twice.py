"""A person whose records dedupe merged more than once (A into B, then B into C, then C into D): an
unsubscribe link mailed to A, and A's purchases after a campaign, belong to the live record D, however
long the chain of merges is (segmint.store.survivors)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from tests.experiments.simulate import simulate_campaign

import segmint
from segmint.campaigns.audience import eligibility
from segmint.campaigns.config import FrequencyCap
from segmint.campaigns.unsubscribe import unsubscribe
from segmint.experiments.results import OVERALL, campaign_results
from segmint.quality.merge import merge_duplicates

HEADER = "customer_id,first_name,last_name,email,phone,city,signup_date,consent_email\n"
LAUNCH = dt.datetime(2025, 3, 2, 10, 0)


def _merge_in(ws, tmp_path, customer_id: str, signup: str) -> dict:
    """Import one more record of the same person, signed up earlier, and merge: it survives."""
    path = tmp_path / f"{customer_id}.csv"
    path.write_text(
        HEADER + f"{customer_id},Тарас,Шевченко,taras@gmail.com,0671234567,Київ,{signup},yes\n", "utf-8"
    )
    segmint.import_file(ws, "customers", path, refresh=False)
    return merge_duplicates(ws).survivors


@pytest.fixture
def chain(workspace, tmp_path):
    """A campaign mailed to A, then A merged into B, B into C and C into D."""
    path = tmp_path / "a.csv"
    path.write_text(HEADER + "A,Тарас,Шевченко,taras@gmail.com,0671234567,Київ,2024-05-01,yes\n", "utf-8")
    segmint.import_file(workspace, "customers", path, refresh=False)
    members = pd.DataFrame({"customer_id": ["A"], "segment": ["all"]})
    simulate_campaign(workspace, members, {}, LAUNCH, campaign_id="spring", holdout_share=0.0)
    assert _merge_in(workspace, tmp_path, "B", "2023-05-01") == {"B": ["A"]}
    assert _merge_in(workspace, tmp_path, "C", "2022-05-01") == {"C": ["B"]}
    assert _merge_in(workspace, tmp_path, "D", "2021-05-01") == {"D": ["C"]}
    return workspace


def test_an_unsubscribe_link_of_a_record_merged_twice_stops_the_live_records_mail(chain):
    """Before, the event was recorded on B (one step of merged_into), which is merged away: D stayed
    eligible, and a second press said 'already unsubscribed'."""
    assert unsubscribe(chain, "spring", "A", dt.datetime(2026, 1, 1), "one-click")
    owners = chain.raw.execute("SELECT customer_id FROM events WHERE event_type = 'email_unsubscribe'")
    assert owners.fetchall() == [("D",)]
    assert not unsubscribe(chain, "spring", "A", dt.datetime(2026, 1, 1), "one-click")
    left = eligibility(
        chain, pd.Series(["D"]), "email", FrequencyCap(max_messages=None), dt.datetime(2026, 1, 2)
    )
    assert left.reason.tolist() == ["unsubscribed"]
    row = campaign_results(chain, "spring").row(OVERALL, "A")
    assert row["unsubscribes"] == 1  # counted for the recipient A


def test_a_recipient_merged_three_times_converts_when_the_live_record_buys(chain, tmp_path):
    """Before, campaign results followed merged_into two steps (A to C), while the order of A's person
    is D's: the recipient showed as not converted."""
    orders = tmp_path / "orders.csv"
    when = (LAUNCH + dt.timedelta(days=1)).strftime("%Y-%m-%d %H:%M:%S")
    orders.write_text(f"order_id,customer_id,ordered_at,total\nO1,A,{when},500.00\n", "utf-8")
    segmint.import_file(chain, "orders", orders, refresh=False)
    assert chain.raw.execute("SELECT customer_id FROM orders").fetchall() == [("D",)]
    row = campaign_results(chain, "spring").row(OVERALL, "A")
    assert (row["recipients"], row["conversions"], row["revenue"]) == (1, 1, 500.0)
