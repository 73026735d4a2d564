"""Audience exports opened in a spreadsheet: text that would run as a formula is neutralised in CSV (not in
JSON), phone numbers stay as they are, and a path that cannot be written is refused before any work."""

from __future__ import annotations

import csv
import io
import json

import pytest

from segmint.campaigns import Campaign, CampaignError, Message, create_campaign, get
from segmint.campaigns.exports import export_audience

FORMULA = '=HYPERLINK("http://evil.example","click")'


def _sms_campaign(ws) -> tuple[Campaign, str]:
    create_campaign(
        ws,
        Campaign(
            name="Cells",
            channel="sms",
            holdout_share=0.0,
            variants=["A"],
            messages=[Message("rfm:At Risk", "A", "Hi {{ name }}", None)],
        ),
    )
    campaign = get(ws, "Cells")
    (customer,) = ws.raw.execute(
        "SELECT min(customer_id) FROM campaign_recipients WHERE campaign_id = ?", [campaign.campaign_id]
    ).fetchone()
    ws.raw.execute(
        "UPDATE customers SET first_name = ?, last_name = ?, phone = ? WHERE customer_id = ?",
        [FORMULA, "-2+3", "+380671234567", customer],
    )
    return campaign, customer


def test_csv_exports_neutralise_formulas_and_keep_phones(demo_ws):
    """hunt-api B23 / hunt-py B-low-21, for campaign audiences (mailing-service CSVs are opened in Excel)."""
    campaign, _ = _sms_campaign(demo_ws)
    _, text = export_audience(demo_ws, campaign, "mailchimp", "csv")
    (row,) = [r for r in csv.DictReader(io.StringIO(text)) if r["Phone Number"] == "+380671234567"]
    assert (row["First Name"], row["Last Name"]) == ("'" + FORMULA, "'-2+3")
    phones = [r["Phone Number"] for r in csv.DictReader(io.StringIO(text))]
    assert phones and all(p.startswith("+") for p in phones)  # no phone got a '
    _, text = export_audience(demo_ws, campaign, "brevo", "csv")
    (row,) = [r for r in csv.DictReader(io.StringIO(text), delimiter=";") if r["SMS"] == "+380671234567"]
    assert row["FIRSTNAME"] == "'" + FORMULA
    _, as_json = export_audience(demo_ws, campaign, "generic", "json")
    (row,) = [r for r in json.loads(as_json) if r["phone"] == "+380671234567"]
    assert (row["first_name"], row["last_name"]) == (FORMULA, "-2+3")


def test_an_unwritable_path_is_refused_before_any_work(demo_ws, tmp_path):
    campaign, _ = _sms_campaign(demo_ws)
    with pytest.raises(
        CampaignError, match=r"cannot write .*nodir/a\.csv: the folder .*nodir does not exist"
    ):
        export_audience(demo_ws, campaign, "generic", "csv", tmp_path / "nodir" / "a.csv")
    with pytest.raises(CampaignError, match="it is a folder"):
        export_audience(demo_ws, campaign, "generic", "csv", tmp_path)
    assert not (tmp_path / "nodir").exists()
