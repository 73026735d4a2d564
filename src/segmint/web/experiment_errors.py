"""Experiment errors in the interface language, worded from their `code` and `params`
(experiments.ExperimentError), as web/kpi_errors.py words KPI errors: `segmint experiments size` refused an
impossible --baseline, --mde, --alpha or --power in English in a Ukrainian or Russian workspace.
tests/experiments/test_experiment_error_codes.py raises every code and checks both wordings.
"""

from __future__ import annotations

from segmint.web.coded import Table

# fmt: off
UK: dict[str, str] = {
    "experiment.size.baseline": "--baseline — частка конверсії: більше за 0 і менше за 1, а не {baseline}",
    "experiment.size.mde": "--mde не може бути 0, а --baseline + --mde ({baseline} + {mde}) — частка: "
                           "більше за 0 і менше за 1",
    "experiment.size.alpha": "--alpha: більше за 0 і менше за 1, а не {alpha}",
    "experiment.size.power": "--power: більше за --alpha ({alpha}) і менше за 1, а не {power}",
    "experiment.size.ratio": "ratio (одержувачів варіанта на одного з контрольної групи): більше за 0, "
                             "а не {ratio}",
}
RU: dict[str, str] = {
    "experiment.size.baseline": "--baseline — доля конверсии: больше 0 и меньше 1, а не {baseline}",
    "experiment.size.mde": "--mde не может быть 0, а --baseline + --mde ({baseline} + {mde}) — доля: "
                           "больше 0 и меньше 1",
    "experiment.size.alpha": "--alpha: больше 0 и меньше 1, а не {alpha}",
    "experiment.size.power": "--power: больше --alpha ({alpha}) и меньше 1, а не {power}",
    "experiment.size.ratio": "ratio (получателей варианта на одного из контрольной группы): больше 0, "
                             "а не {ratio}",
}
# fmt: on

TABLE = Table({"uk": UK, "ru": RU})


def word(error, lang: str) -> str | None:
    """The ExperimentError in `lang` (uk, ru), or None when the language or its code is not known here."""
    return TABLE.word(error.code, error.params, lang)
