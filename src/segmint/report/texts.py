"""The report's own texts (headings, table headers, chart titles and axes, notes) in English and
Ukrainian; Russian in texts_ru.py (same keys), as the web UI keeps strings.py and strings_ru.py. A text the
web UI already has in the same words is taken from its strings (WEB) rather than written twice; the
English texts are the report's as they were. tests/report/test_report.py checks every key has uk and ru."""

from __future__ import annotations

from functools import cache

from segmint.report.texts_ru import RU
from segmint.web.strings import STRINGS
from segmint.web.strings_ru import STRINGS_RU

LANGUAGES = ("en", "uk", "ru")

# key -> the web UI's key whose uk and ru texts the report shows (its English is in EN_OF_WEB)
WEB: dict[str, str] = {
    "tile_customers": "kpi_customers", "insights_title": "insights", "col_segment": "segment",
    "col_kind": "kind", "col_rule": "rule",
    "col_customers": "customers", "col_group": "group", "col_share": "kpi_share", "col_aov": "kpi_aov",
    "col_frequency": "kpi_frequency", "col_churn": "kpi_churn", "col_channel": "channel",
    "kind_dynamic": "kind_dynamic_short", "kind_static": "kind_static_short", "axis_clv": "pred_clv_12m",
    "card_who": "w_who", "card_what": "w_what", "card_why": "w_why", "card_when": "w_when",
    "card_where": "w_where", "card_channel": "channel",
}  # fmt: skip
EN_OF_WEB: dict[str, str] = {
    "tile_customers": "customers", "insights_title": "Insights", "col_segment": "segment",
    "col_kind": "kind", "col_rule": "rule",
    "col_customers": "customers", "col_group": "group", "col_share": "share", "col_aov": "AOV",
    "col_frequency": "orders/buyer", "col_churn": "churn", "col_channel": "channel",
    "kind_dynamic": "dynamic", "kind_static": "static", "axis_clv": "CLV, 12 months",
    "card_who": "Who", "card_what": "What", "card_why": "Why", "card_when": "When", "card_where": "Where",
    "card_channel": "channel",
}  # fmt: skip

# key -> (English, Ukrainian); {names} are filled in by text(); %{...} are Plotly's hover fields
# fmt: off
TEXTS: dict[str, tuple[str, str]] = {
    "page_title": ("segmint report", "Звіт segmint"),
    "subtitle": ("{workspace} · as of {date} · written {written}",
                 "{workspace} · станом на {date} · складено {written}"),
    "no_refresh": ("No refresh stored yet: run `segmint refresh` (it also runs after every import).",
                   "Оновлення ще не було: запустіть `segmint refresh` (воно запускається й після кожного "
                   "імпорту)."),
    # a refresh ran, but had nothing to score (report/__init__.py, _unscored)
    "no_customers_scored": ("No customers when the last refresh ran: import customers or orders "
                            "(`segmint import customers FILE`; the refresh runs after every import).",
                            "Під час останнього оновлення клієнтів не було: імпортуйте клієнтів або "
                            "замовлення (`segmint import customers ФАЙЛ`; оновлення запускається після "
                            "кожного імпорту)."),
    "no_buyers_scored": ("No purchases when the last refresh ran: RFM scores and CLV need them; import "
                         "orders (`segmint import orders FILE`; the refresh runs after every import).",
                         "Під час останнього оновлення покупок не було: для RFM-оцінок і CLV потрібні "
                         "покупки; імпортуйте замовлення (`segmint import orders ФАЙЛ`; оновлення "
                         "запускається після кожного імпорту)."),
    # summary
    "summary_title": ("The base on {date}", "База станом на {date}"),
    "tile_buyers": ("customers who bought", "клієнтів, що купували"),
    # the summary is to date; "revenue" and "average order value" alone are the KPI period's (web, tables)
    "tile_orders": ("purchases to date", "покупок за весь час"),
    "tile_revenue": ("revenue to date", "виручка за весь час"),
    "tile_aov": ("average order value to date", "середній чек за весь час"),
    "tile_guests": ("guest purchases (not in the KPIs)", "покупки гостей (не в KPI)"),
    "tile_span": ("orders between", "замовлення в період"),
    # insights
    "no_insights": ("Nothing notable flagged.", "Нічого помітного не виявлено."),
    # RFM
    "rfm_title_empty": ("RFM grid", "RFM-сітка"),
    "rfm_title": ("RFM grid and groups", "RFM-сітка та групи"),
    "rfm_bars": ("RFM groups: customers and revenue", "RFM-групи: клієнти та виручка"),
    "rfm_grid": ("RFM grid: customers per recency and frequency score",
                 "RFM-сітка: клієнти за оцінками давності й частоти"),
    "rfm_hover": ("R %{x} · F %{y}<br>%{z:,} customers<br>average spend %{customdata:,.2f}",
                  "R %{x} · F %{y}<br>%{z:,} клієнтів<br>середні витрати %{customdata:,.2f}"),
    "axis_recency": ("recency score (5 = most recent)", "оцінка давності (5 — найнедавніші)"),
    "axis_frequency": ("frequency score", "оцінка частоти"),
    # KPIs
    "kpis_title": ("KPIs and strategy per RFM group", "KPI та стратегія за RFM-групами"),
    "col_revenue": ("revenue, {currency}", "Виручка, {currency}"),
    "col_revenue_share": ("revenue share", "Частка виручки"),
    "col_clv": ("predicted CLV", "Прогнозний CLV"),
    "col_nps": ("NPS", "NPS"),
    "all_customers": ("All customers", "Усі клієнти"),  # the base's row, as the CLI's kpis names it
    "kpis_note": ("Period {start} … {end}; formulas in docs/metrics.md. ROI per group, from the "
                  "campaigns launched in the period: segmint kpis. The strategy for each group is in the "
                  "playbook below.",
                  "Період {start} … {end}; формули в docs/metrics.md. ROI за групами, з кампаній, запущених "
                  "у цей період: segmint kpis. Стратегію для кожної групи наведено в рекомендаціях нижче."),
    # families
    "families_title": ("Segment sizes and revenue", "Розміри сегментів і виручка"),
    "family_bars": ("{family}: customers and revenue per group", "{family}: клієнти та виручка за групами"),
    "bars_revenue": ("revenue to date", "виручка за весь час"),
    "bars_customers": ("customers", "клієнти"),
    # segments
    "segments_title": ("Your segments", "Ваші сегменти"),
    "no_segments": ('No segments yet: `segmint segments create NAME --rule "..."`.',
                    'Сегментів ще немає: `segmint segments create НАЗВА --rule "..."`.'),
    "member_list": ("(member list)", "(список учасників)"),
    "col_as_of": ("as of", "Станом на"),
    # movement
    "transitions_title": ("Movement between RFM groups", "Рух між RFM-групами"),
    "no_snapshot": ("No refresh stored yet: movement needs refreshes on two dates, e.g. `segmint refresh "
                    "--as-of {date}` then `segmint refresh`, or `segmint refresh --backfill monthly`.",
                    "Оновлень ще не було: для руху потрібні оновлення на дві дати, напр. `segmint refresh "
                    "--as-of {date}`, потім `segmint refresh`, або `segmint refresh --backfill monthly`."),
    "one_snapshot": ("One snapshot only: movement needs two dates, e.g. `segmint refresh --as-of {date}` "
                     "then `segmint refresh`, or `segmint refresh --backfill monthly`.",
                     "Є лише один знімок: для руху потрібні дві дати, напр. `segmint refresh --as-of "
                     "{date}`, потім `segmint refresh`, або `segmint refresh --backfill monthly`."),
    "not_yet": ("not a customer yet", "ще не клієнт"),
    "sankey_title": ("How customers moved between {family} groups, {start} → {end}",
                     "Як клієнти переходили між групами {family}, {start} → {end}"),
    # cohorts
    "cohorts_title": ("Cohort retention", "Утримання когорт"),
    "no_purchases": ("No purchases yet.", "Покупок ще немає."),
    "clv_fallback": ("The CLV model could not be fitted on this data (too few customers or repeat buyers): "
                     "there is no predicted CLV, and the refresh's fallback, the historical average, is not "
                     "shown as one (docs/clv.md).",
                     "Модель CLV не вдалося навчити на цих даних (замало клієнтів чи повторних покупців): "
                     "прогнозного CLV немає, а запасне значення оновлення, історичне середнє, не показано як "
                     "прогноз (docs/clv.md)."),
    "cohorts_chart": ("Cohort retention: share of each month's new buyers who bought again N months later",
                      "Утримання когорт: частка нових покупців кожного місяця, які купили знову через N "
                      "місяців"),
    "cohorts_active": ("% active", "% активних"),
    "cohorts_hover": ("cohort %{y}, month %{x}: %{z:.1f}%", "когорта %{y}, місяць %{x}: %{z:.1f}%"),
    "axis_months": ("months since first order", "місяців від першого замовлення"),
    "axis_cohort": ("cohort (first order month)", "когорта (місяць першого замовлення)"),
    # CLV
    "clv_title": ("Customer lifetime value", "Пожиттєва цінність клієнта (CLV)"),
    "clv_chart": ("Predicted CLV over the next 12 months (values above the 99th percentile shown at it)",
                  "Прогнозний CLV на наступні 12 місяців (значення понад 99-й перцентиль показано на ньому)"),
    # clusters
    "clusters_title": ("Clusters and buyer personas", "Кластери та персони покупців"),
    "no_clusters": ("No clustering yet: run `segmint clusters fit` (docs/clusters.md).",
                    "Кластеризації ще немає: запустіть `segmint clusters fit` (docs/clusters.md)."),
    "card_size": ("size", "Розмір"),
    "card_rule": ("as a rule", "Як правило"),
    "card_quality": ("rule precision / recall", "Точність / повнота правила"),
    "clusters_note": ("{method}, k = {k} chosen automatically, seed {seed}, fitted on {customers} customers "
                      "as of {as_of}. Turn a cluster into a dynamic segment with its rule.",
                      "{method}, k = {k} вибрано автоматично, seed {seed}, навчено на {customers} клієнтах "
                      "станом на {as_of}. Кластер можна перетворити на динамічний сегмент за його правилом."),
    "clusters_chart": ("Clusters on a 2-D projection of the behavioural features",
                       "Кластери на двовимірній проєкції поведінкових ознак"),
    "axis_component": ("component {n}", "компонента {n}"),
    # playbook
    "playbook_title": ("Playbook: what to do with each group", "Рекомендації: що робити з кожною групою"),
    "col_family": ("family", "Сімейство"),
    "col_strategy": ("strategy", "Стратегія"),
    "playbook_every_group": ("every group", "кожна група"),
    "playbook_where": ("Change it per workspace in playbook.toml or [playbook] in segmint.toml "
                       "(docs/playbook.md).",
                       "Їх можна змінити для робочого простору в playbook.toml або [playbook] у segmint.toml "
                       "(docs/playbook.md)."),
}
# fmt: on


@cache
def table(lang: str) -> dict[str, str]:
    """Every key's text in `lang` (English for a language the report does not know)."""
    if lang == "en" or lang not in LANGUAGES:
        return {**{k: en for k, (en, _) in TEXTS.items()}, **EN_OF_WEB}
    if lang == "ru":
        web = {k: STRINGS_RU[w] for k, w in WEB.items()}
    else:
        web = {k: STRINGS[w]["uk"] for k, w in WEB.items()}
    own = RU if lang == "ru" else {k: uk for k, (_, uk) in TEXTS.items()}
    return {**own, **web}


def text(key: str, lang: str, **values) -> str:
    """The report's text `key` in `lang`, its {names} filled in."""
    found = table(lang)[key]
    return found.format(**values) if values else found
