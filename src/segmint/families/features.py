"""The customer-level features table: every built-in family for every live customer, in one Ibis expression.

`segmint refresh` writes it as the `features` table the rule language reads (Feature(...) fields), and
records membership of each family's groups (FAMILIES) over time.
"""

from __future__ import annotations

from typing import NamedTuple

import ibis

from segmint.config import FamilySettings
from segmint.families import activity, lifecycle, preferences, rfm, temperature
from segmint.families.inputs import Inputs
from segmint.rules.context import CompileContext


class Family(NamedTuple):
    column: str  # the features column naming the customer's group
    groups: tuple[str, ...] | None  # in display order; None when the groups come from the data


def families(settings: FamilySettings | None = None) -> dict[str, Family]:
    """The families and their groups under these settings (the RFM group names come from its map)."""
    settings = settings or FamilySettings()
    return {
        "rfm": Family("rfm_group", rfm.group_names(settings.rfm)),
        "rfm_simple": Family("rfm_simple_group", rfm.SIMPLE_GROUPS),
        "lifecycle": Family("lifecycle_stage", lifecycle.STAGES),
        "activity": Family("activity", activity.GROUPS),
        "preferences": Family("favourite_category", None),
        "temperature": Family("temperature", temperature.GROUPS),
    }


FAMILIES = families()


def compute_features(ctx: CompileContext, settings: FamilySettings | None = None) -> ibis.Table:
    """One row per live customer with every family's columns, as the data stood on ctx.today."""
    settings = settings or FamilySettings()
    inputs = Inputs(ctx)
    table = rfm.add_scores(inputs.summary, settings.rfm)
    table = rfm.add_simple_group(table, settings.rfm_simple, settings.rfm.bins, inputs.today)
    table = lifecycle.add_stage(table, settings.lifecycle, inputs.today)
    table = activity.add_activity(table, inputs, settings.activity)
    table = preferences.add_preferences(table, inputs, settings.preferences)
    table = temperature.add_temperature(table, inputs, settings.temperature)
    return table.drop("signup_date", "first_purchase", "last_purchase", "discounted_purchases")
