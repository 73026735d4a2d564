"""Experiments: holdouts and A/B variants for campaigns, uplift statistics and campaign results."""

from segmint.experiments.assign import HOLDOUT, ExperimentError, assign

__all__ = ["HOLDOUT", "ExperimentError", "assign"]
