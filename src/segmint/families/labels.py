"""The built-in families' group names as Ukrainian and Russian readers read them: one catalogue for the CLI,
the HTML report and the web UI.

A group's name stays its English key everywhere it is data: the `features` table and the history, rule
values (`rfm.group = "At Risk"`), --group options, --json documents, the API. Only where a person reads a
summary is it labelled: `shown()` writes "Під загрозою відтоку (At Risk)", the label and the key a rule
needs, `label()` the label alone (a chart's axis). English is the key. A name the catalogue does not have
(a group of one's own RFM map, a product category, a cluster's persona) is shown as it is.
"""

from __future__ import annotations

# family -> group key -> (uk, ru); tests/test_cli_group_labels.py checks every built-in group has one
# fmt: off
LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "rfm": {
        "Champions": ("Чемпіони", "Чемпионы"),
        "Loyal": ("Лояльні", "Лояльные"),
        "Potential Loyalist": ("Потенційно лояльні", "Потенциально лояльные"),
        "New Customers": ("Нові клієнти", "Новые клиенты"),
        "Promising": ("Перспективні", "Перспективные"),
        "Need Attention": ("Потребують уваги", "Требуют внимания"),
        "About to Sleep": ("Засинають", "Засыпающие"),
        "At Risk": ("Під загрозою відтоку", "Под угрозой оттока"),
        "Can't Lose Them": ("Не можна втратити", "Нельзя потерять"),
        "Hibernating": ("Сплячі", "Спящие"),
        "Lost": ("Втрачені", "Потерянные"),
        "No Purchases": ("Без покупок", "Без покупок"),
    },
    "rfm_simple": {
        "New": ("Нові", "Новые"),
        "Regular": ("Постійні", "Постоянные"),
        "VIP": ("VIP", "VIP"),
        "Inactive": ("Неактивні", "Неактивные"),
        "Lost": ("Втрачені", "Потерянные"),
        "No Purchases": ("Без покупок", "Без покупок"),
    },
    "lifecycle": {
        "prospect": ("Потенційні", "Потенциальные"),
        "new": ("Нові", "Новые"),
        "active": ("Активні", "Активные"),
        "lapsing": ("Відходять", "Уходящие"),
        "lapsed": ("Колишні", "Ушедшие"),
    },
    "activity": {
        "active": ("Активні", "Активные"),
        "passive": ("Пасивні", "Пассивные"),
    },
    "preferences": {
        "none": ("Немає", "Нет"),  # the other groups are the data's own categories
    },
    "temperature": {
        "cold": ("Холодні", "Холодные"),
        "warm": ("Теплі", "Тёплые"),
        "hot": ("Гарячі", "Горячие"),
    },
    "churn_risk": {
        "low": ("Низький", "Низкий"),
        "medium": ("Середній", "Средний"),
        "high": ("Високий", "Высокий"),
    },
}
# fmt: on
LANGUAGES = ("uk", "ru")  # the languages of the labels, in the order of LABELS' pairs


def label(family: str | None, group: str, lang: str) -> str:
    """`group` of `family` as a `lang` reader reads it: the catalogue's label, else the group as stored."""
    if lang not in LANGUAGES or not isinstance(group, str):
        return group
    pair = LABELS.get(family or "", {}).get(group)
    return pair[LANGUAGES.index(lang)] if pair else group


def shown(family: str | None, group: str, lang: str, key: str | None = None) -> str:
    """The label and the key, "Чемпіони (Champions)", where a person reads a group and may go on to write
    a rule with it (`key`: as the reader named it, e.g. rfm:Champions; else the group); the key alone when
    the group has no other label (English, VIP, a name of one's own)."""
    worded = label(family, group, lang)
    key = group if key is None else key
    return key if worded == group else f"{worded} ({key})"
