"""The report's own texts in Russian, for texts.py: each key of texts.TEXTS with its Russian text (the same
{names}), kept apart as the web UI's strings_ru.py is."""

from __future__ import annotations

# fmt: off
RU: dict[str, str] = {
    "page_title": "Отчёт segmint",
    "subtitle": "{workspace} · на {date} · составлен {written}",
    "no_refresh": "Обновления ещё не было: запустите `segmint refresh` (оно запускается и после каждого "
                  "импорта).",
    "no_customers_scored": "Во время последнего обновления клиентов не было: импортируйте клиентов или "
                           "заказы (`segmint import customers ФАЙЛ`; обновление запускается после каждого "
                           "импорта).",
    "no_buyers_scored": "Во время последнего обновления покупок не было: для RFM-оценок и CLV нужны "
                        "покупки; импортируйте заказы (`segmint import orders ФАЙЛ`; обновление "
                        "запускается после каждого импорта).",
    # summary
    "summary_title": "База на {date}",
    "tile_buyers": "клиентов, которые покупали",
    "tile_orders": "покупок за всё время",
    "tile_revenue": "выручка за всё время",
    "tile_aov": "средний чек за всё время",
    "tile_guests": "покупки гостей (не в KPI)",
    "tile_span": "заказы в период",
    # insights
    "no_insights": "Ничего заметного не выявлено.",
    # RFM
    "rfm_title_empty": "RFM-сетка",
    "rfm_title": "RFM-сетка и группы",
    "rfm_bars": "RFM-группы: клиенты и выручка",
    "rfm_grid": "RFM-сетка: клиенты по оценкам давности и частоты",
    "rfm_hover": "R %{x} · F %{y}<br>%{z:,} клиентов<br>средние траты %{customdata:,.2f}",
    "axis_recency": "оценка давности (5 — самые недавние)",
    "axis_frequency": "оценка частоты",
    # KPIs
    "kpis_title": "KPI и стратегия по RFM-группам",
    "col_revenue": "Выручка, {currency}",
    "col_revenue_share": "Доля выручки",
    "col_clv": "Прогнозный CLV",
    "col_nps": "NPS",
    "all_customers": "Все клиенты",
    "kpis_note": "Период {start} … {end}; формулы в docs/metrics.md. ROI по группам, из кампаний, запущенных "
                 "в этот период: segmint kpis. Стратегия для каждой группы — в рекомендациях ниже.",
    # families
    "families_title": "Размеры сегментов и выручка",
    "family_bars": "{family}: клиенты и выручка по группам",
    "bars_revenue": "выручка за всё время",
    "bars_customers": "клиенты",
    # segments
    "segments_title": "Ваши сегменты",
    "no_segments": 'Сегментов ещё нет: `segmint segments create НАЗВАНИЕ --rule "..."`.',
    "member_list": "(список участников)",
    "col_as_of": "На дату",
    # movement
    "transitions_title": "Движение между RFM-группами",
    "no_snapshot": "Обновлений ещё не было: для движения нужны обновления на две даты, напр. `segmint "
                   "refresh --as-of {date}`, затем `segmint refresh`, или `segmint refresh --backfill "
                   "monthly`.",
    "one_snapshot": "Есть только один снимок: для движения нужны две даты, напр. `segmint refresh --as-of "
                    "{date}`, затем `segmint refresh`, или `segmint refresh --backfill monthly`.",
    "not_yet": "ещё не клиент",
    "sankey_title": "Как клиенты переходили между группами {family}, {start} → {end}",
    # cohorts
    "cohorts_title": "Удержание когорт",
    "no_purchases": "Покупок ещё нет.",
    "clv_fallback": "Модель CLV не удалось обучить на этих данных (слишком мало клиентов или повторных "
                    "покупателей): прогнозного CLV нет, а запасное значение обновления, историческое "
                    "среднее, не показано как прогноз (docs/clv.md).",
    "cohorts_chart": "Удержание когорт: доля новых покупателей каждого месяца, купивших снова через N "
                     "месяцев",
    "cohorts_active": "% активных",
    "cohorts_hover": "когорта %{y}, месяц %{x}: %{z:.1f}%",
    "axis_months": "месяцев с первого заказа",
    "axis_cohort": "когорта (месяц первого заказа)",
    # CLV
    "clv_title": "Пожизненная ценность клиента (CLV)",
    "clv_chart": "Прогнозный CLV на следующие 12 месяцев (значения выше 99-го перцентиля показаны на нём)",
    # clusters
    "clusters_title": "Кластеры и персоны покупателей",
    "no_clusters": "Кластеризации ещё нет: запустите `segmint clusters fit` (docs/clusters.md).",
    "card_size": "Размер",
    "card_rule": "Как правило",
    "card_quality": "Точность / полнота правила",
    "clusters_note": "{method}, k = {k} выбрано автоматически, seed {seed}, обучено на {customers} клиентах "
                     "на {as_of}. Кластер можно превратить в динамический сегмент по его правилу.",
    "clusters_chart": "Кластеры на двумерной проекции поведенческих признаков",
    "axis_component": "компонента {n}",
    # playbook
    "playbook_title": "Рекомендации: что делать с каждой группой",
    "col_family": "Семейство",
    "col_strategy": "Стратегия",
    "playbook_every_group": "каждая группа",
    "playbook_where": "Их можно изменить для рабочего пространства в playbook.toml или [playbook] в "
                      "segmint.toml (docs/playbook.md).",
}
# fmt: on
