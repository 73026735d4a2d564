"""The insights' sentences in Russian, for insights.py: each code of insights.TEXTS with its Russian text
(the same {names}), kept apart as the playbook's defaults_ru.py is."""

from __future__ import annotations

# fmt: off
RU: dict[str, str] = {
    "most_profitable": "{segment} приносит больше всего выручки за период: {value} ({share} от всей) "
                       "(данных о затратах нет: прибыль оценена по выручке).",
    "most_profitable.no_share": "{segment} приносит больше всего выручки за период: {value} "
                                "(данных о затратах нет: прибыль оценена по выручке).",
    "highest_churn_risk.probability": "{segment}: самый высокий риск оттока — средняя прогнозная "
                                      "вероятность оттока {value} среди {customers}.",
    "highest_churn_risk.rate": "{segment}: самый высокий риск оттока — отток за период {value} из "
                               "{customers} предыдущего периода.",
    "highest_churn_risk.rate_unestimated": "{segment}: самый высокий риск оттока — отток за период {value} "
                                            "из {customers} предыдущего периода (модель CLV "
                                            "не оценивает отток на этих данных).",
    "mostly_on_discount": "{segment} покупает в основном со скидкой: {value} покупок за период.",
    "fastest_shrinking.size": "{segment} сокращается быстрее всех: {before} → {now} ({change}, "
                              "доля {share_change}) с {since}.",
    "fastest_shrinking.share": "{segment} быстрее всех теряет долю базы: {before} → {now} "
                               "({change}, доля {share_change}) с {since}.",
}
# fmt: on
