"""Segment KPIs: size, revenue, AOV, frequency, conversion, churn and retention, CLV, NPS (ROI once
campaigns exist), cohort retention, comparisons and automatic insights, as Ibis expressions over the
workspace. The formulas are in docs/metrics.md.

    >>> from segmint.kpis import kpi_report
    >>> kpi_report(ws, family="rfm", with_insights=True)["insights"]   # doctest: +SKIP
"""

from segmint.kpis.cohorts import cohort_retention
from segmint.kpis.inputs import (
    ALL,
    KpiError,
    Period,
    default_period,
    family_members,
    named_members,
    purchases,
)
from segmint.kpis.insights import insights
from segmint.kpis.metrics import segment_kpis
from segmint.kpis.report import compare, kpi_report, size_changes

__all__ = [
    "ALL",
    "KpiError",
    "Period",
    "cohort_retention",
    "compare",
    "default_period",
    "family_members",
    "insights",
    "kpi_report",
    "named_members",
    "purchases",
    "segment_kpis",
    "size_changes",
]
