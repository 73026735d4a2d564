"""A campaign's audience (the recipients who get a message, holdout left out) as a file a mailing
service imports, in that service's column layout. Each layout names its columns the way the service's
import maps them without manual matching:

- mailchimp: CSV, `Email Address, First Name, Last Name, Phone Number, Tags` (Mailchimp's default audience
  fields; Tags is a comma-separated list: the campaign, the target and the variant).
- brevo (Sendinblue): CSV separated by ';', `EMAIL;FIRSTNAME;LASTNAME;SMS` plus SEGMINT_SEGMENT and
  SEGMINT_VARIANT as custom attributes (Brevo's default attributes; SMS takes +E.164 numbers).
- unisender: CSV, `email, phone, Name` (UniSender's system fields email and phone and its standard Name
  field) plus segment, variant.
- esputnik: CSV, `email, sms, firstname, lastname` (eSputnik's contact fields: sms is the phone) plus
  segment, variant.
- generic: every personalisation field plus email, phone, segment and variant, as CSV or JSON.

Only the campaign channel's address is exported (email for an email campaign, the phone otherwise): the
recipients consented to that channel, checked again at export as a send checks them (consent, address,
unsubscribes, merges, the frequency cap). Every layout is UTF-8 (Cyrillic names stay as they are); CSVs
carry a header row, and a text cell a spreadsheet would run as a formula (`=HYPERLINK(...)`) starts with
' (store.files.spreadsheet_safe: phone numbers stay as they are).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import ibis

from segmint.campaigns.audience import eligibility
from segmint.campaigns.config import campaign_settings
from segmint.campaigns.model import Campaign, CampaignError
from segmint.campaigns.outbox import treated
from segmint.campaigns.personalise import records
from segmint.campaigns.templates import FIELDS
from segmint.store.files import UNWRITABLE, spreadsheet_safe, unwritable

LAYOUTS = ("mailchimp", "brevo", "unisender", "esputnik", "generic")
# the services' names as they write them, for labels; "generic" is no service (the web UI words it)
SERVICE_NAMES = {"mailchimp": "Mailchimp", "brevo": "Brevo", "unisender": "UniSender", "esputnik": "eSputnik"}
FORMATS = ("csv", "json")


def _rows(ws, campaign: Campaign) -> list[dict]:
    """The treated recipients a message may still go to, checked now as `send` checks them when it queues
    (outbox.queue): one who unsubscribed, withdrew consent, lost the address, was merged away or reached
    the frequency cap since the campaign was made is left out. The file is imported by a mailing service
    that then sends: unchecked, it mailed customers who had unsubscribed through segmint's own link."""
    people = treated(ws, campaign)
    cap = campaign_settings(ws.path).frequency_cap
    checked = eligibility(
        ws, people.customer_id, campaign.channel, cap, ws.now(), exclude_campaign=campaign.campaign_id
    )
    allowed = set(checked.customer_id[checked.reason.isna()])
    people = people[people.customer_id.isin(allowed)].reset_index(drop=True)
    fields = {r["customer_id"]: r for r in records(ws, ibis.memtable(people[["customer_id"]])).to_pylist()}
    customers = ws.table("customers")
    contact = (
        ibis.memtable(people[["customer_id"]])
        .join(customers, "customer_id", how="left")
        .select("customer_id", "email", "phone")
        .to_pandas()
        .set_index("customer_id")
    )
    out = []
    for customer_id, segment, arm in zip(people.customer_id, people.segment, people.arm, strict=True):
        row = dict(fields[customer_id])
        row.update(  # only the channel's address: consent to email is no consent to SMS
            email=_clean(contact.at[customer_id, "email"]) if campaign.channel == "email" else None,
            phone=_clean(contact.at[customer_id, "phone"]) if campaign.channel != "email" else None,
            segment=segment,
            variant=arm,
        )
        out.append(row)
    return out


def _clean(value):
    return None if value is None or value != value else value  # NaN from pandas -> None


def _layout(layout: str, row: dict, campaign: Campaign) -> dict:
    if layout == "mailchimp":
        return {
            "Email Address": row["email"],
            "First Name": row["first_name"],
            "Last Name": row["last_name"],
            "Phone Number": row["phone"],
            "Tags": ",".join(t.replace(",", " ") for t in (campaign.name, row["segment"], row["variant"])),
        }
    if layout == "brevo":
        return {
            "EMAIL": row["email"],
            "FIRSTNAME": row["first_name"],
            "LASTNAME": row["last_name"],
            "SMS": row["phone"],
            "SEGMINT_SEGMENT": row["segment"],
            "SEGMINT_VARIANT": row["variant"],
        }
    if layout == "unisender":
        return {
            "email": row["email"],
            "phone": row["phone"],
            "Name": row["name"],
            "segment": row["segment"],
            "variant": row["variant"],
        }
    if layout == "esputnik":
        return {
            "email": row["email"],
            "sms": row["phone"],
            "firstname": row["first_name"],
            "lastname": row["last_name"],
            "segment": row["segment"],
            "variant": row["variant"],
        }
    return row


def export_audience(
    ws, campaign: Campaign, layout: str = "generic", format: str = "csv", path: str | Path | None = None
) -> tuple[int, str]:
    """Write the audience in `layout` to `path` (or return the text); returns (rows, text). A path that
    cannot be written is refused before any work."""
    if layout not in LAYOUTS:
        raise CampaignError(
            f"export layout is one of {', '.join(LAYOUTS)}, not {layout!r}",
            code="export.layout",
            params={"layout": layout, "layouts": list(LAYOUTS)},
        )
    if format not in FORMATS:
        raise CampaignError(
            f"export format is one of {', '.join(FORMATS)}, not {format!r}",
            code="export.format",
            params={"format": format, "formats": list(FORMATS)},
        )
    if path is not None and (found := unwritable(path)):
        reason, params = found  # worded as a segment export's (web/segment_errors.py)
        raise CampaignError(
            f"cannot write {path}: {UNWRITABLE[reason].format(**params)}",
            code=f"file.unwritable.{reason}",
            params=params,
        )
    rows = [_layout(layout, row, campaign) for row in _rows(ws, campaign)]
    if format == "json":
        text = json.dumps(rows, ensure_ascii=False, indent=1, default=str) + "\n"
    else:
        buffer = io.StringIO()
        columns = list(rows[0]) if rows else list(_layout(layout, dict.fromkeys(_EMPTY), campaign))
        writer = csv.DictWriter(
            buffer, columns, delimiter=";" if layout == "brevo" else ",", lineterminator="\n"
        )
        writer.writeheader()
        writer.writerows({key: spreadsheet_safe(value) for key, value in row.items()} for row in rows)
        text = buffer.getvalue()
    if path is not None:
        Path(path).write_text(text, encoding="utf-8")
    return len(rows), text


_EMPTY = (*FIELDS, "email", "phone", "segment", "variant")  # the columns of an export row
