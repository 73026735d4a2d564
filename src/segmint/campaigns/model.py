"""Campaigns as stored: the campaign row, its message templates, read and written in one place."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import asdict, dataclass, field
from decimal import Decimal

from segmint.campaigns.templates import MessageTemplate
from segmint.errors import CodedError
from segmint.store.names import check_addressable, nearest_name

CHANNELS = ("email", "sms", "webhook")


class CampaignError(CodedError, ValueError):
    """A campaign that cannot be created or acted on: unknown name, bad channel, missing message, ...
    Its `code` and `params` word it in the web UI's languages (web/campaign_errors.py)."""


@dataclass(frozen=True)
class Message:
    """The template for one target (segment, or family:group such as rfm:At Risk) and variant."""

    target: str
    variant: str
    body: str
    subject: str | None = None


@dataclass
class Campaign:
    name: str
    channel: str
    messages: list[Message]
    cost_per_message: Decimal = Decimal(0)
    holdout_share: float = 0.10
    variants: list[str] = field(default_factory=lambda: ["A"])
    attribution_days: int = 14
    settings: dict = field(default_factory=dict)
    campaign_id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])
    status: str = "draft"
    created_at: dt.datetime | None = None
    launched_at: dt.datetime | None = None

    @property
    def targets(self) -> list[str]:
        """Targets in the order given: a customer in several is reached through the first."""
        return list(dict.fromkeys(m.target for m in self.messages))

    def templates(self) -> dict[tuple[str, str], tuple[MessageTemplate | None, MessageTemplate]]:
        """(target, variant) -> (subject, body) templates, checked. Email bodies are HTML (autoescaped)."""
        out = {}
        for m in self.messages:
            at = (m.target, m.variant)
            subject = MessageTemplate(m.subject, place=("subject", *at)) if m.subject else None
            body = MessageTemplate(m.body, html=self.channel == "email", place=("body", *at))
            out[(m.target, m.variant)] = (subject, body)
        return out

    def to_dict(self) -> dict:
        out = asdict(self)
        out["cost_per_message"] = float(self.cost_per_message)
        return out


def check(campaign: Campaign) -> Campaign:
    """Refuse what cannot be sent, naming the problem; compiles every template."""
    if not campaign.name or not campaign.name.strip():
        raise CampaignError("a campaign needs a name", code="campaign.no_name")
    # such a campaign, made in the web UI or the CLI, could never be sent, exported or read through the API
    check_addressable(campaign.name.strip(), "campaign", error=CampaignError, code="campaign.name_")
    if campaign.channel not in CHANNELS:
        raise CampaignError(
            f"channel is one of {', '.join(CHANNELS)}, not {campaign.channel!r}",
            code="campaign.channel",
            params={"channel": campaign.channel, "channels": list(CHANNELS)},
        )
    if not campaign.messages:
        raise CampaignError(
            "a campaign needs at least one message (a target and a template)", code="campaign.no_messages"
        )
    if campaign.cost_per_message < 0:
        raise CampaignError("cost_per_message cannot be negative", code="campaign.negative_cost")
    if campaign.attribution_days < 1:
        raise CampaignError("attribution_days must be at least 1", code="campaign.attribution_days")
    _check_split(campaign)
    pairs = [(m.target, m.variant) for m in campaign.messages]
    if len(set(pairs)) != len(pairs):
        raise CampaignError("two messages for the same target and variant", code="campaign.message_twice")
    unknown = sorted({m.variant for m in campaign.messages} - set(campaign.variants))
    if unknown:
        raise CampaignError(
            f"message variant {', '.join(unknown)} is not one of the variants {campaign.variants}",
            code="campaign.unknown_variant",
            params={"unknown": unknown, "variants": list(campaign.variants)},
        )
    missing = [[t, v] for t in campaign.targets for v in campaign.variants if (t, v) not in pairs]
    if missing:
        listed = ", ".join(f"{t!r} variant {v}" for t, v in missing)
        raise CampaignError(
            f"no message for {listed}: every target needs one per variant",
            code="campaign.missing_message",
            params={"missing": missing},
        )
    if campaign.channel == "email" and any(not m.subject for m in campaign.messages):
        raise CampaignError("an email message needs a subject", code="campaign.no_subject")
    campaign.templates()
    return campaign


def _check_split(campaign: Campaign) -> None:
    """The holdout share and the variant names the audience is split by, refused here with a code rather
    than when the audience is assigned. The check is the assignment's own (experiments/assign.check_split,
    which a direct call of `assign` gets the same coded errors from), raised as a CampaignError. `what` is
    the setting as the caller's user wrote it: holdout_share and variants here (the API's fields, a spec
    file's keys), --holdout and --variants in the CLI (cli/campaigns.py)."""
    from segmint.experiments.assign import ExperimentError, check_split

    try:
        check_split(campaign.holdout_share, campaign.variants)
    except ExperimentError as exc:
        raise CampaignError(exc.message, code=exc.code, params=exc.params) from None


def insert(con, campaign: Campaign) -> None:
    """Write the campaign and its messages (inside the caller's transaction)."""
    con.execute(
        "INSERT INTO campaigns (campaign_id, name, channel, status, cost_per_message, holdout_share,"
        " variants, attribution_days, created_at, launched_at, settings)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            campaign.campaign_id,
            campaign.name,
            campaign.channel,
            campaign.status,
            campaign.cost_per_message,
            campaign.holdout_share,
            json.dumps(campaign.variants, ensure_ascii=False),
            campaign.attribution_days,
            campaign.created_at,
            campaign.launched_at,
            json.dumps(campaign.settings, ensure_ascii=False, default=str),
        ],
    )
    con.executemany(
        "INSERT INTO campaign_messages (campaign_id, target, variant, subject, body) VALUES (?, ?, ?, ?, ?)",
        [[campaign.campaign_id, m.target, m.variant, m.subject, m.body] for m in campaign.messages],
    )


_COLUMNS = (
    "campaign_id, name, channel, status, cost_per_message, holdout_share, variants, attribution_days,"
    " created_at, launched_at, settings"
)


def _from_row(ws, row) -> Campaign:
    (cid, name, channel, status, cost, share, variants, days, created, launched, settings) = row
    messages = [
        Message(target, variant, body, subject)
        for target, variant, subject, body in ws.raw.execute(
            "SELECT target, variant, subject, body FROM campaign_messages WHERE campaign_id = ?"
            " ORDER BY rowid",
            [cid],
        ).fetchall()
    ]
    return Campaign(
        name=name,
        channel=channel,
        messages=messages,
        cost_per_message=Decimal(cost),
        holdout_share=share,
        variants=json.loads(variants),
        attribution_days=days,
        settings=json.loads(settings) if settings else {},
        campaign_id=cid,
        status=status,
        created_at=created,
        launched_at=launched,
    )


def all_campaigns(ws) -> list[Campaign]:
    rows = ws.raw.execute(f"SELECT {_COLUMNS} FROM campaigns ORDER BY created_at, name").fetchall()
    return [_from_row(ws, row) for row in rows]


def get(ws, name: str) -> Campaign:
    """A campaign by name (or id); a CampaignError listing the known names otherwise, and the nearest one
    (`hint`) to a typo, as an unknown segment's names it (`campaigns status C11` listed them alone)."""
    row = ws.raw.execute(
        f"SELECT {_COLUMNS} FROM campaigns WHERE name = ? OR campaign_id = ? ORDER BY name = ? DESC LIMIT 1",
        [name, name, name],
    ).fetchone()
    if row is None:
        every = [c.name for c in all_campaigns(ws)]
        known = every[:20]
        if known:
            hint = nearest_name(every, name) if isinstance(name, str) else None
            said = f" (did you mean {hint!r}?)" if hint else ""
            raise CampaignError(
                f"no campaign named {name!r}{said}; known campaigns: {', '.join(known)}",
                code="campaign.unknown",
                params={"name": name, "known": known, **({"hint": hint} if hint else {})},
            )
        raise CampaignError(
            f"no campaign named {name!r}; there are no campaigns yet",
            code="campaign.unknown.none",
            params={"name": name},
        )
    return _from_row(ws, row)


def set_status(con, campaign_id: str, status: str, launched_at: dt.datetime | None = None) -> None:
    con.execute(
        "UPDATE campaigns SET status = ?, launched_at = coalesce(launched_at, ?) WHERE campaign_id = ?",
        [status, launched_at, campaign_id],
    )
