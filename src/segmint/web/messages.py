"""Library messages (rule, segment, campaign, trigger and import errors) in the interface language.

The library words its errors in English for the CLI, the API and the logs (segmint.rules, segmint.segments,
segmint.campaigns, segmint.triggers, segmint.ingest); the UI shows them to people who chose Ukrainian or
Russian. Each error carries a stable code and params and is worded from them, never from the English
text, by its family's table on the shared helper web/coded.py: rule errors (web/rule_errors.py), segment
errors (web/segment_errors.py; the API's unknown-segment 404 carries its SegmentError), a sample size's
(a coded ExperimentError: web/experiment_errors.py), campaign, template
and trigger errors and a send's delivery and settings errors (segmint.errors.CodedError, a coded
ConfigError: web/campaign_errors.py), and import quarantine reasons,
refused values and uploads refused as a whole (a stored reason's code and params, a DataError or
MappingError: web/import_errors.py), and a refusal of the settings file segmint.toml (a ConfigError coded
config.*: web/settings_errors.py), and a workspace that cannot be made or opened (a coded
WorkspaceError: web/workspace_errors.py), and a dedupe merge's or undo's (web/merge_errors.py), and the
CLV models' (a ClvDataError: web/clv_errors.py). A message without a known code is shown as the library
wrote it.
"""

from __future__ import annotations

from segmint.errors import CodedError, ConfigError, DataError, MappingError, RuleError, WorkspaceError
from segmint.experiments.assign import ExperimentError
from segmint.ingest.reasons import Reason
from segmint.kpis.inputs import KpiError
from segmint.segments.model import SegmentError
from segmint.web import (
    campaign_errors,
    cluster_errors,
    clv_errors,
    experiment_errors,
    import_errors,
    kpi_errors,
    merge_errors,
    rule_errors,
    segment_errors,
    settings_errors,
    workspace_errors,
)


def translate(message, lang: str, *, place: bool = True, cli: bool = False) -> str:
    """`message` (a library error, or its English text) in `lang`; as the library wrote it when English or
    not known here. A SegmentError is worded from its code and params (web/segment_errors.py), a
    campaign, template or trigger error likewise (web/campaign_errors.py), a
    RuleError likewise from its code and params (web/rule_errors.py): with `place`,
    with its "line L, column C: " (or segment) prefix and caret lines, as str(error) has them; without,
    the message alone. An import's reason or error likewise (web/import_errors.py), a KPI request's
    (web/kpi_errors.py), a clustering's (web/cluster_errors.py) and the CLV models'
    (web/clv_errors.py). `cli`: for the terminal, whose import errors name the command's options where
    the page names its form fields."""
    if isinstance(message, RuleError):
        worded = rule_errors.word(message, lang, place=place)
        if worded is not None:
            return worded
        return str(message) if place else message.message
    if isinstance(message, SegmentError):
        worded = segment_errors.word(message, lang)
        if worded is not None:
            return worded
    if isinstance(message, KpiError):  # a KPI request's (web/kpi_errors.py)
        worded = kpi_errors.word(message, lang)
        if worded is not None:
            return worded
    if isinstance(message, CodedError) and (message.code or "").startswith(cluster_errors.PREFIX):
        worded = cluster_errors.word(message, lang)  # a clustering's (web/cluster_errors.py)
        if worded is not None:
            return worded
    if isinstance(message, CodedError) and (message.code or "").startswith(clv_errors.PREFIX):
        worded = clv_errors.word(message, lang)  # the CLV models' (web/clv_errors.py)
        if worded is not None:
            return worded
    if isinstance(message, CodedError) and (message.code or "").startswith(merge_errors.PREFIX):
        worded = merge_errors.word(message, lang)  # a dedupe merge's or undo's (web/merge_errors.py)
        if worded is not None:
            return worded
    if isinstance(message, ExperimentError) and message.code:  # a sample size's (web/experiment_errors.py)
        # or a split's, whose codes are the campaign's (experiments/assign.check_split)
        worded = experiment_errors.word(message, lang) or campaign_errors.word(message, lang)
        if worded is not None:
            return worded
    if isinstance(message, Reason | DataError | MappingError) or (
        isinstance(message, CodedError) and (message.code or "").startswith("import.")  # a past import's
    ):  # an import's: worded from its code
        worded = import_errors.word(message, lang, cli=cli)  # (cli: the options, not the page's fields)
        if worded is not None:
            return worded
    if isinstance(message, ConfigError) and (message.code or "").startswith(settings_errors.PREFIX):
        worded = settings_errors.word(message, lang)  # segmint.toml's (web/settings_errors.py)
        if worded is not None:
            return worded
    if isinstance(message, CodedError | ConfigError):  # a ConfigError: a send's [campaigns] settings
        worded = campaign_errors.word(message, lang)
        if worded is not None:
            return worded
    if isinstance(message, WorkspaceError) and message.code:  # made or opened (web/workspace_errors.py)
        worded = workspace_errors.word(message, lang)
        if worded is not None:
            return worded
    if isinstance(message, BaseException):  # another library error: its text, as the CLI shows it
        return str(message) or type(message).__name__
    return message
