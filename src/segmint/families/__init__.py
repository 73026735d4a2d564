"""The built-in segment families: RFM (standard and simple), lifecycle, activity, preferences, temperature.

    >>> from segmint.families import FAMILIES, compute_features
    >>> features = compute_features(CompileContext.from_workspace(ws))   # doctest: +SKIP

A family is a segmentation: every live customer is in exactly one of its groups. docs/families.md
defines each family, its settings ([families] in segmint.toml) and what a customer without data gets.
"""

from typing import TYPE_CHECKING

from segmint.config import FamilySettings

if TYPE_CHECKING:
    from segmint.families.features import FAMILIES, Family, compute_features, families

__all__ = ["FAMILIES", "Family", "FamilySettings", "compute_features", "families"]


def __getattr__(name: str):
    """The families' computations on first use: families.labels (the settings' check of the RFM map's
    names) is imported without them and their libraries (ibis: ~1 s of `Workspace.open`)."""
    if name in ("FAMILIES", "Family", "compute_features", "families"):
        from segmint.families import features

        return getattr(features, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
