"""The built-in segment families: RFM (standard and simple), lifecycle, activity, preferences, temperature.

    >>> from segmint.families import FAMILIES, compute_features
    >>> features = compute_features(CompileContext.from_workspace(ws))   # doctest: +SKIP

A family is a segmentation: every live customer is in exactly one of its groups. docs/families.md
defines each family, its settings ([families] in segmint.toml) and what a customer without data gets.
"""

from segmint.config import FamilySettings
from segmint.families.features import FAMILIES, Family, compute_features, families

__all__ = ["FAMILIES", "Family", "FamilySettings", "compute_features", "families"]
