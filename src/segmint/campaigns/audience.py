"""Who a campaign may reach: the members of its targets, one row per customer, minus those who must not get
it (merged away, no consent for the channel, no address, unsubscribed, over the frequency cap, or a
second record with an address already reached: near-duplicates dedupe has not merged yet).

A target is a segment name, or `family:group` (rfm:At Risk, lifecycle:lapsed, cluster:3 or
cluster:<persona name>). A customer in several targets is reached through the first target listed, so
nobody is messaged twice in a campaign.
"""

from __future__ import annotations

import datetime as dt

import ibis
import pandas as pd
import pyarrow as pa

from segmint.campaigns.config import FrequencyCap
from segmint.campaigns.model import CampaignError
from segmint.history.evaluate import family_definitions
from segmint.history.queries import unknown_target
from segmint.segments.membership import members
from segmint.segments.model import find

# channel -> (consent column, address column)
CHANNEL_CONTACT = {
    "email": ("consent_email", "email"),
    "sms": ("consent_sms", "phone"),
    "webhook": ("consent_sms", "phone"),
}
SENT_TYPES = ("email_sent", "sms_sent", "webhook_sent")
REASONS = ("merged", "no consent", "no address", "unsubscribed", "frequency cap", "duplicate address")


def target_members(ws, target: str) -> ibis.Table:
    """customer_id of the members of one target."""
    if find(ws, target) is not None:
        return members(ws, target)
    family, sep, group = target.partition(":")
    if sep and family in family_definitions(ws):
        if family == "cluster":
            group = _cluster_number(ws, group)
        return members(ws, family, group=group)
    examples = "rfm:At Risk, lifecycle:lapsed"
    raise unknown_target(ws, target, "target", examples, error=CampaignError, code="campaign.unknown_target")


def _cluster_number(ws, group: str) -> str:
    """The cluster family's groups are cluster numbers: a persona name is turned into its number."""
    from segmint.models.clusters.store import current

    run = current(ws)
    names = {c["name"]: str(c["cluster"]) for c in run.clusters} if run else {}
    return names.get(group, group)


def targeted(ws, targets: list[str]) -> pd.DataFrame:
    """customer_id, segment (the first target each customer is in)."""
    parts = []
    for target in targets:
        ids = target_members(ws, target).to_pyarrow().column("customer_id")
        parts.append(pa.table({"customer_id": ids, "segment": pa.array([target] * len(ids), pa.string())}))
    if not parts:
        return pd.DataFrame({"customer_id": pd.Series(dtype=str), "segment": pd.Series(dtype=str)})
    frame = pa.concat_tables(parts).to_pandas()
    return frame.drop_duplicates("customer_id", keep="first").reset_index(drop=True)


def eligibility(
    ws,
    customer_ids: pd.Series,
    channel: str,
    cap: FrequencyCap,
    now: dt.datetime,
    exclude_campaign: str | None = None,
) -> pd.DataFrame:
    """customer_id, address, reason (None = may be messaged; else the first of REASONS that applies).
    The ids are a registered table the customers and events are joined with, so DuckDB reads only their
    rows (its join filters): `send` asks this for each chunk of 50 (outbox.recheck), where reading every
    unsubscribe of the shop and joining through Ibis took ~95 ms of CPU a chunk at 170,000 customers."""
    consent_col, address_col = CHANNEL_CONTACT[channel]
    ids = customer_ids.astype(str)
    raw = ws.raw
    raw.register("campaign_checked", pa.table({"customer_id": pa.array(ids.tolist(), pa.string())}))
    try:
        frame = raw.execute(
            "SELECT g.customer_id, c.merged_into IS NOT NULL AS merged,"
            f" coalesce(c.{consent_col}, false) AS consent, c.{address_col} AS address"
            " FROM campaign_checked g LEFT JOIN customers c USING (customer_id)"
        ).df()
        unsubscribed = []
        if channel == "email":  # an email unsubscribe is no opt-out of SMS
            unsubscribed = raw.execute(
                "SELECT DISTINCT customer_id FROM events WHERE event_type = 'email_unsubscribe'"
                " AND customer_id IN (SELECT customer_id FROM campaign_checked)"
            ).fetchall()
    finally:
        raw.unregister("campaign_checked")
    frame["unsubscribed"] = frame.customer_id.isin([c for (c,) in unsubscribed])
    frame["over_cap"] = frame.customer_id.isin(_over_cap(ws, ids, cap, now, exclude_campaign))
    conditions = [
        frame.merged.astype(bool),
        ~frame.consent.astype(bool),
        frame.address.isna() | (frame.address == ""),
        frame.unsubscribed,
        frame.over_cap,
    ]
    reason = pd.Series([None] * len(frame), dtype=object)
    for name, hit in reversed(list(zip(REASONS[:-1], conditions, strict=True))):  # the first reason wins
        reason[hit.to_numpy()] = name
    frame["reason"] = reason.to_numpy()
    return frame[["customer_id", "address", "reason"]]


def _over_cap(
    ws, customer_ids: pd.Series, cap: FrequencyCap, now: dt.datetime, exclude_campaign: str | None
) -> pd.Series:
    """Customers who already got (or have queued) cap.max_messages messages in the cap.days up to now: a
    send dated after now (a campaign made as of a past date, a future-dated import) does not count. To the
    second: now is in whole seconds (Workspace.now), a send is stamped to the microsecond."""
    if cap.max_messages is None:
        return pd.Series([], dtype=str)
    ids = ibis.memtable(pd.DataFrame({"customer_id": customer_ids}))
    since = now - dt.timedelta(days=cap.days)
    events = ws.table("events")
    sent = (
        events.filter(
            events.event_type.isin(SENT_TYPES),
            events.occurred_at >= since,
            events.occurred_at.truncate("s") <= now,
        )
        .semi_join(ids, "customer_id")
        .select("customer_id", "campaign_id")
    )
    outbox = ws.table("outbox")
    pending = outbox.filter(outbox.state.isin(["queued", "sending"])).semi_join(ids, "customer_id")
    if exclude_campaign is not None:
        sent = sent.filter(sent.campaign_id.isnull() | (sent.campaign_id != exclude_campaign))
        pending = pending.filter(pending.campaign_id != exclude_campaign)
    contacts = sent.select("customer_id").union(pending.select("customer_id"), distinct=False)
    counts = contacts.group_by("customer_id").agg(n=ibis._.count())
    return counts.filter(counts.n >= cap.max_messages).customer_id.to_pandas()


def address_key(address) -> str | None:
    """An address as a campaign compares them, one message per address (here when the audience is made,
    outbox.recheck just before a queued message goes): without the whitespace around it (any: a tab, a
    line break, a no-break space, as str.strip), in lower case; None for no address. The one definition
    both use: before, the send-time check trimmed in SQL (DuckDB's trim leaves tabs and line breaks), so
    an address stored with one around it was one address to the audience and two to the send."""
    return address.strip().lower() if isinstance(address, str) else None


def left_out(
    ws,
    frame: pd.DataFrame,
    channel: str,
    cap: FrequencyCap,
    now: dt.datetime,
    exclude_campaign: str | None = None,
) -> pd.DataFrame:
    """frame (customer_id first, in priority order) with address and reason: None = may be messaged, else
    why the customer is left out of the campaign. The bulk audience and a trigger's entrants
    (campaigns.automation) pass through this one check, before any arm is drawn."""
    checked = eligibility(ws, frame.customer_id, channel, cap, now, exclude_campaign)
    frame = frame.merge(checked, on="customer_id", how="left")
    # near-duplicate records of one person share an address: the first (target order) gets the message
    key = frame.address.map(address_key)
    repeated = frame.reason.isna() & key.where(frame.reason.isna()).duplicated(keep="first") & key.notna()
    frame.loc[repeated, "reason"] = "duplicate address"
    return frame


def reason_counts(frame: pd.DataFrame) -> dict[str, int]:
    """{reason: customers left out} for every reason, 0 included."""
    return {name: int((frame.reason == name).sum()) for name in REASONS}


def audience(
    ws, targets: list[str], channel: str, cap: FrequencyCap, now: dt.datetime
) -> tuple[pd.DataFrame, dict]:
    """(customer_id, segment, address of everyone who may be messaged; {reason: customers left out})."""
    frame = left_out(ws, targeted(ws, targets), channel, cap, now)
    keep = frame[frame.reason.isna()].reset_index(drop=True)
    return keep[["customer_id", "segment", "address"]], reason_counts(frame)
