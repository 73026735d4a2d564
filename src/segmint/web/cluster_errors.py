"""Clustering errors in the interface language, worded from their `code` and `params`
(models.clusters.ClusterError), as web/kpi_errors.py words the KPI errors: `segmint clusters fit` in a
Ukrainian or Russian workspace said them in English. Matched by the code's `cluster.` prefix, so wording
an error does not load the clustering's libraries (pandas, scikit-learn). tests/clusters/
test_cluster_error_codes.py raises every code and checks both wordings."""

from __future__ import annotations

from segmint.web.coded import Table

PREFIX = "cluster."

# fmt: off
UK: dict[str, str] = {
    "cluster.method": "--method — одне з: {choices}, а не {method!r}",
    "cluster.k_range": "діапазон k має бути 2 <= k-min <= k-max <= 12, а не {k_min}..{k_max}",
    "cluster.too_few": "замало клієнтів ({customers}), щоб шукати до {k_max} кластерів (потрібно щонайменше "
                       "{needed}); зменште --k-max або імпортуйте більше даних",
    "cluster.no_variation": "клієнти ({customers}) нічим не відрізняються в тому, що читає кластеризація "
                            "(покупки, витрати за категоріями, канали, події взаємодії; з --demographics — "
                            "вік): спершу імпортуйте їхні замовлення або події",
    "cluster.no_customers": "у робочому просторі немає клієнтів для кластеризації; спершу імпортуйте "
                            "клієнтів і замовлення",
    "cluster.none_yet": "у цьому робочому просторі ще немає кластеризації; запустіть `segmint clusters fit`",
    "cluster.after_reference": "{name} {date} пізніше за дату відліку {reference_date}, «сьогодні» "
                               "робочого простору (reference_date у segmint.toml: {setting}): кластеризація "
                               "читає дані на цю або ранішу дату",
    "cluster.before_data": "{name} {date} раніше за початок даних ({first}: перша реєстрація, замовлення "
                           "чи подія): на цю дату ще не було клієнтів, яких можна кластеризувати",
}
RU: dict[str, str] = {
    "cluster.method": "--method — одно из: {choices}, а не {method!r}",
    "cluster.k_range": "диапазон k должен быть 2 <= k-min <= k-max <= 12, а не {k_min}..{k_max}",
    "cluster.too_few": "слишком мало клиентов ({customers}), чтобы искать до {k_max} кластеров (нужно не "
                       "меньше {needed}); уменьшите --k-max или импортируйте больше данных",
    "cluster.no_variation": "клиенты ({customers}) ничем не отличаются в том, что читает кластеризация "
                            "(покупки, траты по категориям, каналы, события взаимодействия; с "
                            "--demographics — возраст): сначала импортируйте их заказы или события",
    "cluster.no_customers": "в рабочем пространстве нет клиентов для кластеризации; сначала импортируйте "
                            "клиентов и заказы",
    "cluster.none_yet": "в этом рабочем пространстве ещё нет кластеризации; запустите "
                        "`segmint clusters fit`",
    "cluster.after_reference": "{name} {date} позже даты отсчёта {reference_date}, «сегодня» рабочего "
                               "пространства (reference_date в segmint.toml: {setting}): кластеризация "
                               "читает данные на эту или более раннюю дату",
    "cluster.before_data": "{name} {date} раньше начала данных ({first}: первая регистрация, заказ или "
                           "событие): на эту дату ещё не было клиентов, которых можно кластеризовать",
}
# fmt: on

TABLE = Table({"uk": UK, "ru": RU})


def word(error, lang: str) -> str | None:
    """The ClusterError in `lang` (uk, ru), or None when the language or its code is not known here."""
    return TABLE.word(error.code, error.params, lang)
