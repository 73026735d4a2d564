"""Activity: active or passive, by whether the customer responds to communications.

basis "window": at least min_responses response events (opens, clicks) in the last window_days.
basis "campaigns": responses to at least min_responses of the last last_campaigns campaigns sent to the
customer (a campaign is sent by an email_sent / sms_sent event with its campaign_id; a response counts
for the campaign whose id it carries). Judging each customer on their own latest campaigns is fair to
customers who are mailed rarely. A customer nobody wrote to, or who never responded, is passive.
"""

from __future__ import annotations

import ibis

from segmint.config import ActivitySettings
from segmint.families.inputs import Inputs

GROUPS = ("active", "passive")
SEND_TYPES = ("email_sent", "sms_sent")
# a campaign id ordered as a number (both engines' regex dialects read these): digits with an optional
# minus, and a zero fraction as a spreadsheet exports whole ids ("10.0" is 10, after "9.0" and "9")
WHOLE_NUMBER = r"\A-?[0-9]+(\.0+)?\z"
ZERO_FRACTION = r"\.0+\z"


def responses(inputs: Inputs, settings: ActivitySettings) -> ibis.Table:
    """customer_id -> responses: the count that decides activity."""
    events = inputs.events
    answered = events.filter(events.event_type.isin(settings.response_types))
    if settings.basis == "window":
        recent = answered.filter(answered.date >= inputs.days_ago(settings.window_days))
        return recent.group_by("customer_id").aggregate(responses=recent.count())
    sent = events.filter(events.event_type.isin(SEND_TYPES), events.campaign_id.notnull())
    campaigns = sent.group_by("customer_id", "campaign_id").aggregate(sent_at=sent.occurred_at.min())
    # sent at the same moment (exports with a date and no time): the larger id is the later, as numbers
    # when ids are whole numbers (campaign 10 after 9, not "9" > "10" as text), else as text. Whole =
    # written as digits with an optional minus (and a zero fraction), decided by a pattern before the
    # cast: a bare TRY_CAST reads "9.5" as 10 and "1e3", "1_000", "0x1A" as numbers on DuckDB and as
    # nothing on Spark, so the two engines picked different latest campaigns (tests/parity, case
    # activity-last-campaign)
    ids = campaigns.campaign_id
    whole = ids.re_replace(ZERO_FRACTION, "").try_cast("int64")
    as_number = ids.re_search(WHOLE_NUMBER).ifelse(whole, ibis.null("int64"))
    latest_first = [ibis.desc(campaigns.sent_at), ibis.desc(as_number), ibis.desc(campaigns.campaign_id)]
    ranked = campaigns.mutate(
        position=ibis.row_number().over(group_by=campaigns.customer_id, order_by=latest_first)
    )
    latest = ranked.filter(ranked.position < settings.last_campaigns)
    hit = answered.filter(answered.campaign_id.notnull()).select("customer_id", "campaign_id").distinct()
    joined = latest.join(hit, ["customer_id", "campaign_id"])
    return joined.group_by("customer_id").aggregate(responses=joined.count())


def add_activity(table: ibis.Table, inputs: Inputs, settings: ActivitySettings) -> ibis.Table:
    joined = table.left_join(responses(inputs, settings), "customer_id")
    active = joined.responses.fill_null(0) >= settings.min_responses
    return joined.select(*table.columns, activity=ibis.ifelse(active, "active", "passive"))
