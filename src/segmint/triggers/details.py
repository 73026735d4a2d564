"""What became of a firing, as a stable code with params and its English text.

The text is stored in trigger_firings.detail (and given as is by `--json` and the API), the code and
params beside it, so an interface words the detail in its reader's language (web/firing_details.py)
instead of showing our own English in a Ukrainian workspace. Texts that are not ours (an exception's,
a webhook receiver's HTTP reason) have no code and stay as they came.
"""

from __future__ import annotations

from typing import Any

# fmt: off
ENGLISH: dict[str, str] = {
    "firing.tagged": "tagged {tag!r}",
    "firing.no_customer": "no such customer",
    "firing.in_segment": "in static segment {segment!r}",
    "firing.secret_unset": "environment variable {variable} is not set: the webhook was not sent",
    "firing.not_tried": "not tried: the webhook gave no answer this run ({error})",
    "firing.conflict": "another write changed these customers meanwhile, tried again next run ({error})",
    "firing.campaign.queued": "campaign {campaign!r}: queued (variant {variant})",
    "firing.campaign.holdout": "campaign {campaign!r}: in the holdout: not messaged",
    "firing.campaign.already": "campaign {campaign!r}: already a recipient: not messaged again",
    "firing.campaign.left_out": "campaign {campaign!r}: left out: {reason}",
    "firing.campaign.not_handled": "campaign {campaign!r}: not handled",
}
# fmt: on


def english(code: str, params: dict[str, Any]) -> str:
    """The detail of `code` as stored in trigger_firings.detail."""
    return ENGLISH[code].format(**params)
