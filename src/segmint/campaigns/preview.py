"""The message one customer would get (or got): rendered from the same record and templates as a send."""

from __future__ import annotations

import ibis
import pandas as pd

from segmint.campaigns.model import Campaign, CampaignError
from segmint.campaigns.personalise import records
from segmint.campaigns.unsubscribe import link_maker
from segmint.experiments import HOLDOUT


def preview(
    ws, campaign: Campaign, customer_id: str, target: str | None = None, variant: str | None = None
) -> dict:
    """Render the campaign's message for `customer_id`: a recipient's own target and variant (a holdout
    recipient is shown the first variant, marked as not sent); anyone else with the given or first target and
    variant. The personalisation record is returned too."""
    row = ws.raw.execute(
        "SELECT segment, arm FROM campaign_recipients WHERE campaign_id = ? AND customer_id = ?",
        [campaign.campaign_id, customer_id],
    ).fetchone()
    exists = ws.raw.execute("SELECT 1 FROM customers WHERE customer_id = ?", [customer_id]).fetchone()
    if not exists:
        raise CampaignError(
            f"no customer with id {customer_id!r}", code="preview.no_customer", params={"id": customer_id}
        )
    arm = row[1] if row else None
    target = target or (row[0] if row else campaign.targets[0])
    variant = variant or (arm if arm and arm != HOLDOUT else campaign.variants[0])
    templates = campaign.templates()
    if (target, variant) not in templates:
        raise CampaignError(
            f"campaign {campaign.name!r} has no message for target {target!r}, variant {variant!r}; "
            f"targets: {', '.join(campaign.targets)}; variants: {', '.join(campaign.variants)}",
            code="preview.no_message",
            params={
                "campaign": campaign.name,
                "target": target,
                "variant": variant,
                "targets": campaign.targets,
                "variants": list(campaign.variants),
            },
        )
    record = records(ws, ibis.memtable(pd.DataFrame({"customer_id": [customer_id]}))).to_pylist()[0]
    record["unsubscribe_url"] = link_maker(ws, campaign)(customer_id)
    subject, body = templates[(target, variant)]
    return {
        "campaign": campaign.name,
        "customer_id": customer_id,
        "recipient": row is not None,
        "arm": arm,
        "gets_message": arm is not None and arm != HOLDOUT,
        "target": target,
        "variant": variant,
        "subject": subject.render(record) if subject else None,
        "body": body.render(record),
        "fields": record,
    }
