"""Random assignment of a campaign's audience to a holdout and A/B variants.

Each customer gets a pseudo-random key from a keyed hash of (seed, customer_id), so the assignment is the
same for the same seed on any machine and does not depend on row order. Within each segment the customers
with the lowest keys form the holdout (exactly round(n * holdout_share) of them: stratified), and the rest,
in key order, are dealt to the variants in turn, so variant sizes differ by at most one per segment.
"""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd

from segmint.errors import SegmintError

HOLDOUT = "holdout"


class ExperimentError(ValueError, SegmintError):
    """An experiment set up with impossible parameters (a share outside [0, 1), no variants, ...). `code`
    and `params`, where given, word `message` in another language (web/experiment_errors.py; a split's,
    coded as the campaign's, web/campaign_errors.py): `experiments size` said its refusals in English in
    a uk or ru workspace."""

    def __init__(self, message: str, *, code: str | None = None, params: dict | None = None):
        self.message, self.code, self.params = message, code, dict(params or {})
        super().__init__(message)


def check_split(holdout_share: float, variants: list[str]) -> None:
    """Refuse a holdout share or variant names no audience can be split by, with coded errors worded in uk
    and ru (web/campaign_errors.py): the one check of them, the assignment's and a campaign's
    (campaigns/model.check raises these as CampaignErrors, with the same codes and params). The codes are
    the campaign's, whose settings they are; `what` names the setting (holdout_share, variants), and
    `campaigns create` words it as typed (--holdout, --variants). Before, a direct call refused them in
    English only ("holdout_share must be in [0, 1), got 1.0"), in a uk or ru workspace too."""
    if not 0 <= holdout_share < 1:  # NaN too: it compares false
        raise ExperimentError(
            f"holdout_share: at least 0 and less than 1, not {holdout_share}",
            code="campaign.holdout_share",
            params={"what": "holdout_share", "value": holdout_share},
        )
    names = list(variants)
    if len(set(names)) != len(names) or HOLDOUT in names:
        raise ExperimentError(
            f"variants: each variant needs its own name, other than {HOLDOUT!r} (the customers held out), "
            f"not {', '.join(map(str, names))}",
            code="campaign.variant_names",
            params={"what": "variants", "variants": names, "reserved": HOLDOUT},
        )


def _keys(seed: str, customer_ids) -> np.ndarray:
    """64-bit keys from blake2b keyed by the seed: stable across processes (Python's hash() is salted)."""
    key = hashlib.blake2b(seed.encode(), digest_size=32).digest()  # any seed length fits blake2b's key
    return np.fromiter(
        (
            int.from_bytes(hashlib.blake2b(str(cid).encode(), key=key, digest_size=8).digest(), "big")
            for cid in customer_ids
        ),
        dtype=np.uint64,
        count=len(customer_ids),
    )


def assign(
    members: pd.DataFrame,
    holdout_share: float = 0.10,
    variants: list[str] | None = None,
    seed: str = "segmint",
) -> pd.DataFrame:
    """Assign every member to 'holdout' or one of `variants`; returns customer_id, segment, arm.

    `members` has one row per customer (columns customer_id, segment). The holdout is stratified: each
    segment keeps round(n_segment * holdout_share) customers back.
    """
    variants = list(variants) if variants is not None else ["A"]
    if not variants:
        raise ExperimentError("an experiment needs at least one variant")
    check_split(holdout_share, variants)
    if not seed:
        raise ExperimentError("a seed is required so the assignment can be reproduced")
    missing = {"customer_id", "segment"} - set(members.columns)
    if missing:
        raise ExperimentError(f"members lacks column(s): {', '.join(sorted(missing))}")
    dupes = members["customer_id"][members["customer_id"].duplicated()]
    if len(dupes):
        raise ExperimentError(
            f"{dupes.nunique()} customer(s) appear more than once, e.g. {dupes.iloc[0]!r}: "
            "give each customer one segment"
        )
    frame = members[["customer_id", "segment"]].reset_index(drop=True)
    codes, _ = pd.factorize(frame["segment"], use_na_sentinel=False)
    order = np.lexsort((_keys(seed, frame["customer_id"].tolist()), codes))  # by segment, then key
    sizes = np.bincount(codes, minlength=codes.max() + 1 if len(codes) else 0)
    held = np.floor(sizes * holdout_share + 0.5).astype(np.int64)  # round half up, not to even
    starts = np.concatenate(([0], np.cumsum(sizes)[:-1])) if len(sizes) else sizes
    sorted_codes = codes[order]
    rank = np.arange(len(order)) - starts[sorted_codes] - held[sorted_codes]  # < 0: held out
    labels = np.array([HOLDOUT, *variants], dtype=object)
    arm_sorted = labels[np.where(rank < 0, 0, 1 + rank % len(variants))]
    arm = np.empty(len(order), dtype=object)
    arm[order] = arm_sorted
    frame["arm"] = arm
    return frame
