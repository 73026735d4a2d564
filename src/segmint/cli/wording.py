"""The CLI's human output in the workspace's language (`language` in segmint.toml: en, uk or ru).

One place picks the language and words a message: `open_workspace` (cli/common.py) remembers the language
of the workspace a command opened (or $SEGMINT_LANGUAGE, for a person who reads another one than the
workspace's users); `say(key, ...)` words one of the CLI's own texts in it, and `error(exc)`
words a library error from its code and params by the web UI's tables (web/messages.py), so the two never
differ. English stays for "en", for a command that opened no workspace, and for an error without a worded
code. `--json` documents are never worded: they are data.
"""

from __future__ import annotations

import os

from segmint import localize
from segmint.errors import ConfigError
from segmint.families import labels
from segmint.localize import number, percent
from segmint.web.strings import STRINGS
from segmint.web.strings_ru import STRINGS_RU

LANGUAGES = ("en", "uk", "ru")
LANGUAGE_ENV = "SEGMINT_LANGUAGE"  # chooses the CLI's language over the workspace's
_chosen: dict = {"names": labels.Namer("en"), "opened": False, "workspace": None}

# key -> the web UI's key whose uk and ru texts the CLI shows (its English is the CLI's own, in TEXTS)
WEB: dict[str, str] = {
    "value_not_in_data": "value_not_in_data", "value_field_empty": "value_field_empty",
    "value_not_in_data_hint": "value_not_in_data_hint",
    "col_segment": "segment", "col_kind": "kind", "col_members": "members", "col_rule": "rule",
    "col_group": "group", "col_customers": "customers",
    "kind_dynamic": "kind_dynamic_short", "kind_static": "kind_static_short",
    # import, quarantine, segments show/movements, demo (H1's block of TEXTS)
    "col_file": "file", "col_row": "row", "col_value": "value", "col_members_now": "members_now",
    "col_date": "date", "col_customer": "customer", "demo_customers": "customers", "demo_orders": "orders",
    "demo_events": "events", "demo_event_type": "event_type", "order_cancelled": "order_status_cancelled",
    "order_completed": "order_status_completed", "order_returned": "order_status_returned",
    "order_pending": "order_status_pending", "order_adjustment": "order_status_adjustment",
    # kpis, audit, dedupe, campaigns, triggers, clusters (H2's block of TEXTS)
    "kpi_segment": "segment", "kpi_share": "kpi_share", "kpi_revenue": "kpi_revenue", "kpi_aov": "kpi_aov",
    "kpi_purchase_frequency": "kpi_frequency", "kpi_conversion_rate": "conversion",
    "kpi_churn_rate": "kpi_churn",
    "kpi_predicted_clv": "pred_clv_12m", "kpi_nps": "kpi_nps", "kpi_retention_rate": "kpi_retention",
    "kpi_churn_probability": "pred_churn_probability", "insights": "insights", "playbook": "playbook",
    "col_channel": "channel", "col_column": "column", "col_reason": "reason", "col_count": "count",
    "col_field": "field", "col_customer_id": "col_customer_id", "col_name": "full_name",
    "col_email": "col_email",
    "col_phone": "col_phone", "col_city": "col_city", "excluded_merged": "left_out_merged",
    "excluded_no_consent": "left_out_no_consent", "excluded_no_address": "left_out_no_address",
    "excluded_unsubscribed": "left_out_unsubscribed", "excluded_frequency_cap": "left_out_frequency_cap",
    "excluded_duplicate_address": "left_out_duplicate_address",
    "campaign_status_draft": "campaign_status_draft",
    "campaign_status_sending": "campaign_status_sending", "campaign_status_sent": "campaign_status_sent",
    "col_segment_lower": "segment", "col_arm": "arm", "col_recipients": "recipients",
    "col_conversion": "conversion", "col_p_value": "p_value", "col_p_beat": "probability_to_beat",
    "col_roi": "roi", "col_channel_lower": "channel", "all_segments": "results_all_segments",
    "all_variants": "results_all_variants", "triggers": "nav_triggers", "col_trigger_name": "trigger_name",
    "col_on": "trigger_when", "col_delay": "delay", "col_action": "trigger_action", "on_enter": "on_enter",
    "on_exit": "on_exit", "on_event": "on_event", "action_message": "action_message",
    "action_webhook": "action_webhook", "action_tag": "action_tag",
    "action_static_segment": "action_static_segment", "col_trigger": "trigger_name",
    "col_customer_lower": "customer", "col_occurred": "occurred", "col_due": "due_at",
    "col_detail": "detail", "col_persona": "pred_cluster_name", "col_customers_lower": "customers",
    "w_who": "w_who", "w_what": "w_what", "w_why": "w_why", "w_when": "w_when", "w_where": "w_where",
    "sets_apart": "stands_out", "sets_apart_none": "stands_out_none", "role_viewer": "role_viewer",
    "role_editor": "role_editor", "role_admin": "role_admin",
}  # fmt: skip

# key -> {language: text}; {names} are filled in by say(); an "en" only entry takes uk and ru from WEB
# fmt: off
TEXTS: dict[str, dict[str, str]] = {
    # segmint import
    "import_title": {"en": "{entity} from {file}", "uk": "{entity} з {file}", "ru": "{entity} из {file}"},
    "col_read": {"en": "read", "uk": "прочитано", "ru": "прочитано"},
    "col_inserted": {"en": "inserted", "uk": "додано", "ru": "добавлено"},
    "col_updated": {"en": "updated", "uk": "оновлено", "ru": "обновлено"},
    "col_unchanged": {"en": "unchanged", "uk": "без змін", "ru": "без изменений"},
    "col_quarantined": {"en": "quarantined", "uk": "у карантині", "ru": "в карантине"},
    "col_rejected": {"en": "rejected values", "uk": "відхилені значення", "ru": "отклонённые значения"},
    "col_removed": {"en": "removed", "uk": "вилучено", "ru": "удалено"},
    # what an import's count counts: rows of the file, or records of a table (an orders file's lines
    # are read and quarantined as rows, its orders inserted as orders)
    "unit_rows": {"en": "file rows", "uk": "рядків файлу", "ru": "строк файла"},
    "unit_customers": {"en": "customers", "uk": "клієнтів", "ru": "клиентов"},
    "unit_orders": {"en": "orders", "uk": "замовлень", "ru": "заказов"},
    "unit_order_items": {"en": "order lines", "uk": "рядків замовлень", "ru": "строк заказов"},
    "unit_events": {"en": "events", "uk": "подій", "ru": "событий"},
    "unit_products": {"en": "products", "uk": "товарів", "ru": "товаров"},
    "not_imported": {"en": "columns not imported: {columns}", "uk": "колонки, які не імпортовано: {columns}",
                     "ru": "колонки, которые не импортированы: {columns}"},
    "kept_columns": {"en": "columns that match no field, kept as custom attributes: {columns}",
                     "uk": "колонки без поля, збережені як додаткові атрибути: {columns}",
                     "ru": "колонки без поля, сохранённые как дополнительные атрибуты: {columns}"},
    "preset_hint_online-retail": {
        "en": "the file has the columns of the UCI Online Retail export: with --preset online-retail its C "
              "invoices are read as cancelled and A invoices as adjustments, not quarantined as negative "
              "sales",
        "uk": "файл має колонки експорту UCI Online Retail: з --preset online-retail рахунки з C "
              "читаються як скасовані, а з A як коригування, а не йдуть у карантин як від’ємні продажі",
        "ru": "у файла колонки выгрузки UCI Online Retail: с --preset online-retail счета с C читаются "
              "как отменённые, а с A как корректировки, а не уходят в карантин как отрицательные продажи"},
    "float_ids": {"en": "ids written as floats (13085.0), stored without .0: {columns}",
                  "uk": "ідентифікатори, записані як дробові числа (13085.0), збережено без .0: {columns}",
                  "ru": "идентификаторы, записанные как дробные числа (13085.0), сохранены без .0: "
                        "{columns}"},
    "see_quarantine": {"en": "see the quarantined rows with: segmint quarantine --import {id}",
                       "uk": "рядки в карантині покаже: segmint quarantine --import {id}",
                       "ru": "строки в карантине покажет: segmint quarantine --import {id}"},
    "import_took": {"en": "import {id} took {seconds} s", "uk": "імпорт {id} тривав {seconds} с",
                    "ru": "импорт {id} длился {seconds} с"},
    # segmint refresh (and the refresh after an import)
    "refreshed": {"en": "Refreshed as of [bold]{dates}[/]: {customers} customers, {entered} entries and "
                        "{exited} exits recorded ({seconds} s)",
                  "uk": "Оновлено станом на [bold]{dates}[/]: клієнтів {customers}, записано входів "
                        "{entered} і виходів {exited} ({seconds} с)",
                  "ru": "Обновлено на [bold]{dates}[/]: клиентов {customers}, записано входов {entered} и "
                        "выходов {exited} ({seconds} с)"},
    "dates_span": {"en": "{first} … {last} ({count} {dates})", "uk": "{first} … {last} ({count} {dates})",
                   "ru": "{first} … {last} ({count} {dates})"},
    "removed_after": {"en": "removed the snapshots of {dates}: they are after the reference date {as_of} and "
                            "were computed when it was later (e.g. customers imported before their orders)",
                      "uk": "вилучено знімки за {dates}: вони пізніші за дату відліку {as_of} і були "
                            "обчислені, коли вона була пізнішою (наприклад, клієнтів імпортовано раніше за "
                            "їхні замовлення)",
                      "ru": "удалены снимки за {dates}: они позже даты отсчёта {as_of} и были вычислены, "
                            "когда она была позже (например, клиентов импортировали раньше их заказов)"},
    "nobody_yet": {"en": "nobody (nothing to compute from yet)", "uk": "нікого (ще немає з чого обчислювати)",
                   "ru": "никого (ещё не из чего вычислять)"},
    "churn_no_dropout": {"en": "nobody: the purchases show no one leaving, so the CLV model does not "
                               "estimate churn (docs/clv.md)",
                         "uk": "нікого: покупки не показують, щоб клієнти йшли, тож модель CLV не оцінює "
                               "відтік (docs/clv.md)",
                         "ru": "никого: покупки не показывают, что клиенты уходят, поэтому модель CLV не "
                               "оценивает отток (docs/clv.md)"},
    "churn_too_little_data": {"en": "nobody: too few customers or repeat buyers for the CLV model (at least "
                                    "100 and 30), so churn is not estimated",
                              "uk": "нікого: замало клієнтів чи повторних покупців для моделі CLV (потрібно "
                                    "щонайменше 100 і 30), тож відтік не оцінено",
                              "ru": "никого: слишком мало клиентов или повторных покупателей для модели CLV "
                                    "(нужно не меньше 100 и 30), поэтому отток не оценён"},
    # segmint segments list
    "col_segment": {"en": "segment"},
    "col_kind": {"en": "kind"},
    "col_members": {"en": "members"},
    "col_rule": {"en": "rule"},
    "col_group": {"en": "group"},
    "col_customers": {"en": "customers"},
    "col_as_of": {"en": "as of", "uk": "Станом на", "ru": "На дату"},
    "kind_dynamic": {"en": "dynamic"},
    "kind_static": {"en": "static"},
    "family_title": {"en": "{family} (as of {date})", "uk": "{family} (станом на {date})",
                     "ru": "{family} (на {date})"},
    "no_refresh_yet": {"en": "no refresh yet", "uk": "оновлення ще не було", "ru": "обновления ещё не было"},
    "segments_title": {"en": "segments", "uk": "сегменти", "ru": "сегменты"},
    "list_of_ids": {"en": "(list of ids)", "uk": "(список ідентифікаторів)",
                    "ru": "(список идентификаторов)"},
    "no_segments": {"en": "No segments yet: create one with segmint segments create",
                    "uk": "Сегментів ще немає: створіть сегмент командою segmint segments create",
                    "ru": "Сегментов ещё нет: создайте сегмент командой segmint segments create"},
    "group_warning": {"en": "[yellow]warning:[/] segment {name!r}: {warning}; it matches nobody there",
                      "uk": "[yellow]увага:[/] сегмент {name!r}: {warning}; під нього там ніхто не підпадає",
                      "ru": "[yellow]внимание:[/] сегмент {name!r}: {warning}; под него там никто не "
                            "подходит"},
    # clv: segmint clv fit and validate
    "clv_fitting": {"en": "Fitting the CLV models…", "uk": "Підбираю моделі CLV…",
                    "ru": "Подбираю модели CLV…"},
    "clv_fit_head": {
        "en": "CLV models as of [bold]{as_of}[/], time unit [bold]{unit}[/]: {customers} customers with a "
              "purchase, {repeat} repeat buyers, {purchases} purchases (a customer's orders on one day count "
              "once)",
        "uk": "Моделі CLV на [bold]{as_of}[/], одиниця часу — [bold]{unit}[/]: клієнтів із покупкою — "
              "{customers}, із повторними покупками — {repeat}, покупок — {purchases} (замовлення клієнта "
              "за один день — одна покупка)",
        "ru": "Модели CLV на [bold]{as_of}[/], единица времени — [bold]{unit}[/]: клиентов с покупкой — "
              "{customers}, с повторными покупками — {repeat}, покупок — {purchases} (заказы клиента за "
              "один день — одна покупка)",
    },
    "clv_weeks": {"en": "weeks", "uk": "тижні", "ru": "недели"},
    "clv_days": {"en": "days", "uk": "дні", "ru": "дни"},
    "clv_fit_title": {"en": "{model}: log-likelihood {log_likelihood}",
                      "uk": "{model}: логарифм правдоподібності {log_likelihood}",
                      "ru": "{model}: логарифм правдоподобия {log_likelihood}"},
    "clv_parameter": {"en": "parameter", "uk": "параметр", "ru": "параметр"},
    "clv_estimate": {"en": "estimate", "uk": "оцінка", "ru": "оценка"},
    "clv_std_error": {"en": "std. error", "uk": "станд. похибка", "ru": "станд. ошибка"},
    "clv_mean_spend": {"en": "Mean value per purchase: {value} ({basis})",
                       "uk": "Середня вартість покупки: {value} ({basis})",
                       "ru": "Средняя стоимость покупки: {value} ({basis})"},
    "clv_spend_repeat": {"en": "repeat purchases", "uk": "за повторними покупками",
                         "ru": "по повторным покупкам"},
    "clv_spend_all": {"en": "all purchases", "uk": "за всіма покупками", "ru": "по всем покупкам"},
    "clv_validating": {"en": "Validating on the holdout period…", "uk": "Перевіряю на відкладеному періоді…",
                       "ru": "Проверяю на отложенном периоде…"},
    "clv_holdout_title": {"en": "{model}: purchases in the {length} {unit} {date}",
                          "uk": "{model}: покупки за {length} {unit} {date}",
                          "ru": "{model}: покупки за {length} {unit} {date}"},
    "clv_weeks_after": {"en": "weeks after", "uk": "тиж. після", "ru": "нед. после"},
    "clv_days_after": {"en": "days after", "uk": "дн. після", "ru": "дн. после"},
    "clv_repeats_before": {"en": "repeat purchases before", "uk": "повторних покупок до того",
                           "ru": "повторных покупок до того"},
    "clv_customers": {"en": "customers", "uk": "клієнтів", "ru": "клиентов"},
    "clv_actual": {"en": "actual (mean)", "uk": "фактично (середнє)", "ru": "фактически (среднее)"},
    "clv_predicted": {"en": "predicted (mean)", "uk": "за прогнозом (середнє)",
                      "ru": "по прогнозу (среднее)"},
    "clv_holdout_total": {
        "en": "Total: {actual} actual, {predicted} predicted; correlation per customer {correlation}",
        "uk": "Усього: фактично {actual}, за прогнозом {predicted}; кореляція по клієнтах {correlation}",
        "ru": "Всего: фактически {actual}, по прогнозу {predicted}; корреляция по клиентам {correlation}",
    },
    "clv_chart_written": {"en": "; chart written to {path}", "uk": "; графік записано в {path}",
                          "ru": "; график записан в {path}"},
    "clv_no_dropout": {
        "en": "[yellow]Dropout is not identified:[/] the purchases do not tell customers leaving from "
              "staying (likelihood ratio against no one leaving {statistic}, below {critical}), so churn "
              "(p_alive) is not estimated and the CLV is that of customers who stay.",
        "uk": "[yellow]Відтік не визначено:[/] покупки не відрізняють клієнтів, які пішли, від тих, що "
              "лишаються (відношення правдоподібності проти «ніхто не йде» {statistic}, менше за "
              "{critical}), тож відтік (p_alive) не оцінено, а CLV — це CLV клієнтів, які лишаються.",
        "ru": "[yellow]Отток не определён:[/] покупки не отличают ушедших клиентов от оставшихся "
              "(отношение правдоподобия против «никто не уходит» {statistic}, меньше {critical}), поэтому "
              "отток (p_alive) не оценён, а CLV — это CLV клиентов, которые остаются.",
    },
    "clv_not_stored": {
        "en": "This fit is to look at and is not stored: segmint refresh fits and keeps its own model "
              "(BG/NBD), which the features, rules and KPIs use.",
        "uk": "Цю модель лише показано, її не збережено: segmint refresh підбирає й зберігає власну "
              "(BG/NBD), з якою працюють ознаки, правила та KPI.",
        "ru": "Эта модель только показана и не сохранена: segmint refresh подбирает и сохраняет "
              "собственную (BG/NBD), с которой работают признаки, правила и KPI.",
    },
    # H2: segmint kpis, audit, dedupe, campaigns, triggers, clusters (their headers, titles, confirmations)
    # nouns for counts: their forms apart by "|" (form())
    "n_days": {"en": "day|days", "uk": "день|дні|днів", "ru": "день|дня|дней"},
    "n_points": {"en": "point|points", "uk": "пункт|пункти|пунктів", "ru": "пункт|пункта|пунктов"},
    "n_customers": {"en": "customer|customers", "uk": "клієнт|клієнти|клієнтів",
                    "ru": "клиент|клиента|клиентов"},
    "n_orders": {"en": "order|orders", "uk": "замовлення|замовлення|замовлень", "ru": "заказ|заказа|заказов"},
    "n_events": {"en": "event|events", "uk": "подія|події|подій", "ru": "событие|события|событий"},
    # segmint kpis
    "kpis_title": {"en": "KPIs {start} – {end} ({days} days)",
                   "uk": "KPI за період {start} – {end} ({days} {unit})",
                   "ru": "KPI за период {start} – {end} ({days} {unit})"},
    "kpis_members_on": {"en": "Groups and the base as the refresh of {day} computed them (the last one on "
                               "or before {end}; segmint refresh --as-of {end} computes that day)",
                        "uk": "Групи та база — як їх обчислило оновлення {day} (останнє на {end} чи раніше; "
                              "segmint refresh --as-of {end} обчислить сам цей день)",
                        "ru": "Группы и база — как их вычислило обновление {day} (последнее на {end} или "
                              "раньше; segmint refresh --as-of {end} вычислит сам этот день)"},
    "kpi_segment": {"en": "Segment"},
    "kpi_size": {"en": "Size", "uk": "Розмір", "ru": "Размер"},
    "kpi_share": {"en": "Share"},
    "kpi_revenue": {"en": "Revenue"},
    "kpi_revenue_share": {"en": "Rev. share", "uk": "Частка виручки", "ru": "Доля выручки"},
    "kpi_aov": {"en": "AOV"},
    "kpi_purchase_frequency": {"en": "Orders/buyer"},
    "kpi_days_between_orders": {"en": "Days between", "uk": "Днів між замовленнями",
                                "ru": "Дней между заказами"},
    "kpi_conversion_rate": {"en": "Conversion"},
    "kpi_churn_rate": {"en": "Churn"},
    "kpi_historical_clv": {"en": "CLV to date", "uk": "CLV за весь час", "ru": "CLV за всё время"},
    "kpi_predicted_clv": {"en": "CLV 12m"},
    "kpi_nps": {"en": "NPS"},
    # the rest of --compare's KPIs (English shows their keys)
    "kpi_campaign_conversion_rate": {"en": "campaign_conversion_rate", "uk": "Конверсія кампаній",
                                     "ru": "Конверсия кампаний"},
    "kpi_retention_rate": {"en": "retention_rate"},
    "kpi_discount_share": {"en": "discount_share", "uk": "Частка покупок зі знижкою",
                           "ru": "Доля покупок со скидкой"},
    "kpi_churn_probability": {"en": "churn_probability"},
    "all_customers": {"en": "All customers", "uk": "Усі клієнти", "ru": "Все клиенты"},
    "roi_line": {"en": "ROI: {rois}.", "uk": "ROI: {rois}.", "ru": "ROI: {rois}."},
    "no_roi": {"en": "no campaign aimed at these segments was launched in the period",
               "uk": "за цей період не запускали жодної кампанії на ці сегменти",
               "ru": "за этот период не запускали ни одной кампании на эти сегменты"},
    "playbook": {"en": "Playbook"},
    "col_group_title": {"en": "Group", "uk": "Група", "ru": "Группа"},
    "col_strategy": {"en": "Strategy", "uk": "Стратегія", "ru": "Стратегия"},
    "col_channel": {"en": "Channel"},
    "versus": {"en": "{a} vs {b}", "uk": "{a} проти {b}", "ru": "{a} против {b}"},
    "col_difference": {"en": "Difference", "uk": "Різниця", "ru": "Разница"},
    "col_ratio": {"en": "Ratio", "uk": "Співвідношення", "ru": "Отношение"},
    # the difference of two shares (11.0% − 14.7%): percentage points, not a percentage of anything
    "percentage_points": {"en": "pp", "uk": "п.п.", "ru": "п.п."},
    "cohorts_title": {"en": "Cohort retention (share buying in month k after the first purchase)",
                      "uk": "Утримання когорт (частка тих, хто купив у k-й місяць після першої покупки)",
                      "ru": "Удержание когорт (доля купивших в k-й месяц после первой покупки)"},
    "col_cohort": {"en": "Cohort", "uk": "Когорта", "ru": "Когорта"},
    "col_customers_title": {"en": "Customers", "uk": "Клієнти", "ru": "Клиенты"},
    "month_k": {"en": "M{k}", "uk": "М{k}", "ru": "М{k}"},
    "months_cut": {"en": "  (a wider terminal shows the months up to {last}; --json gives them all)",
                   "uk": "  (ширший термінал покаже місяці до {last}; --json видає всі)",
                   "ru": "  (более широкий терминал покажет месяцы до {last}; --json выдаёт все)"},
    "insights": {"en": "Insights"},
    "nothing_notable": {"en": "nothing notable", "uk": "нічого помітного", "ru": "ничего заметного"},
    # segmint audit
    "auditing": {"en": "Auditing the customer base…", "uk": "Перевіряємо базу клієнтів…",
                 "ru": "Проверяем базу клиентов…"},
    "audit_base": {"en": "[bold]{customers}[/] customers{merged}, [bold]{orders}[/] orders ({guest} guest), "
                         "[bold]{events}[/] events",
                   "uk": "[bold]{customers}[/] {customers_unit}{merged}, [bold]{orders}[/] {orders_unit} "
                         "({guest} гостьових), [bold]{events}[/] {events_unit}",
                   "ru": "[bold]{customers}[/] {customers_unit}{merged}, [bold]{orders}[/] {orders_unit} "
                         "({guest} гостевых), [bold]{events}[/] {events_unit}"},
    "audit_merged": {"en": " (+{merged} merged away)", "uk": " (і ще {merged} об’єднано з іншими)",
                     "ru": " (и ещё {merged} объединено с другими)"},
    "completeness": {"en": "Completeness of customer fields", "uk": "Заповненість полів клієнтів",
                     "ru": "Заполненность полей клиентов"},
    "col_field": {"en": "field"},
    "col_filled": {"en": "filled", "uk": "Заповнено", "ru": "Заполнено"},
    "col_share": {"en": "share", "uk": "Частка", "ru": "Доля"},
    "invalid_values": {"en": "Invalid values", "uk": "Недійсні значення", "ru": "Недопустимые значения"},
    "col_where": {"en": "where", "uk": "Де", "ru": "Где"},
    "col_column": {"en": "column"},
    "col_reason_first": {"en": "reason (first row's)", "uk": "Причина (першого рядка)",
                         "ru": "Причина (первой строки)"},
    "col_reason": {"en": "reason"},
    "col_count": {"en": "count"},
    "col_examples": {"en": "examples", "uk": "Приклади", "ru": "Примеры"},
    "refused_at_import": {"en": "{entity} (refused at import)", "uk": "{entity} (відхилено під час імпорту)",
                          "ru": "{entity} (отклонено при импорте)"},
    "stored": {"en": "{entity} (stored)", "uk": "{entity} (у базі)", "ru": "{entity} (в базе)"},
    "no_invalid": {"en": "[green]No invalid e-mails or phones.[/]",
                   "uk": "[green]Недійсних e-mail і телефонів немає.[/]",
                   "ru": "[green]Недопустимых e-mail и телефонов нет.[/]"},
    "stale": {"en": "Stale contacts: [bold]{stale}[/] ({share}) with no order, event or signup in {days} "
                    "days before {date} ({policy}); {never} never active.",
              "uk": "Неактивні контакти: [bold]{stale}[/] ({share}) без замовлень, подій і реєстрації за "
                    "{days} {unit} до {date} ({policy}); ніколи не були активними: {never}.",
              "ru": "Неактивные контакты: [bold]{stale}[/] ({share}) без заказов, событий и регистрации за "
                    "{days} {unit} до {date} ({policy}); никогда не были активны: {never}."},
    "policy_today": {"en": "today", "uk": "сьогодні", "ru": "сегодня"},
    "policy_fixed": {"en": "reference_date in segmint.toml", "uk": "reference_date у segmint.toml",
                     "ru": "reference_date в segmint.toml"},
    "policy_last_activity": {"en": "last_activity", "uk": "за останньою активністю",
                             "ru": "по последней активности"},
    "unknown_customers": {"en": "[red]Unknown customers:[/] {orders} orders and {events} events name a "
                                "customer id the store does not have (e.g. {examples}).",
                          "uk": "[red]Невідомі клієнти:[/] {orders} {orders_unit} і {events} {events_unit} "
                                "посилаються на код клієнта, якого немає в базі (напр. {examples}).",
                          "ru": "[red]Неизвестные клиенты:[/] {orders} {orders_unit} и {events} "
                                "{events_unit} ссылаются на код клиента, которого нет в базе "
                                "(напр. {examples})."},
    "future_dates": {"en": "Dates in the future (left out of every figure until then)",
                     "uk": "Дати в майбутньому (до того часу не входять у жоден показник)",
                     "ru": "Даты в будущем (до тех пор не входят ни в один показатель)"},
    "col_table": {"en": "table", "uk": "Таблиця", "ru": "Таблица"},
    "quarantined_rows": {"en": "Quarantined rows", "uk": "Рядки в карантині", "ru": "Строки в карантине"},
    "col_entity": {"en": "entity", "uk": "Дані", "ru": "Данные"},
    # segmint dedupe
    "undoing": {"en": "Undoing {merge}…", "uk": "Скасовуємо {merge}…", "ru": "Отменяем {merge}…"},
    "undid": {"en": "Undid [bold]{merge}[/]: {restored} records live again, {orders} orders and {events} "
                    "events returned, {fields} filled fields emptied.",
              "uk": "Скасовано [bold]{merge}[/]: відновлено записів: {restored}; повернуто замовлень: "
                    "{orders}, подій: {events}; очищено заповнених полів: {fields}.",
              "ru": "Отменено [bold]{merge}[/]: восстановлено записей: {restored}; возвращено заказов: "
                    "{orders}, событий: {events}; очищено заполненных полей: {fields}."},
    "finding_duplicates": {"en": "Looking for duplicate customers…", "uk": "Шукаємо дублікати клієнтів…",
                           "ru": "Ищем дубликаты клиентов…"},
    "merging": {"en": "Merging…", "uk": "Об’єднуємо…", "ru": "Объединяем…"},
    "nothing_to_merge": {"en": "Nothing to merge.", "uk": "Нічого об’єднувати.", "ru": "Нечего объединять."},
    "merged": {"en": "Merged {merged} records into {clusters} survivors ({filled} fields filled, {orders} "
                     "orders and {events} events repointed). Undo with "
                     "[bold]segmint dedupe --undo {merge}[/]",
               "uk": "Об’єднано записів: {merged}; основних записів: {clusters} (заповнено полів: {filled}; "
                     "перенесено замовлень: {orders}, подій: {events}). Скасувати: "
                     "[bold]segmint dedupe --undo {merge}[/]",
               "ru": "Объединено записей: {merged}; основных записей: {clusters} (заполнено полей: {filled}; "
                     "перенесено заказов: {orders}, событий: {events}). Отменить: "
                     "[bold]segmint dedupe --undo {merge}[/]"},
    "refreshing_segments": {"en": "Refreshing segments…", "uk": "Оновлюємо сегменти…",
                            "ru": "Обновляем сегменты…"},
    "run_with_apply": {"en": "Run with [bold]--apply[/] to merge them (reversible with --undo).",
                       "uk": "Щоб об’єднати їх, запустіть із [bold]--apply[/] (скасовується через --undo).",
                       "ru": "Чтобы объединить их, запустите с [bold]--apply[/] (отменяется через --undo)."},
    "no_merges": {"en": "No merges yet.", "uk": "Об’єднань ще не було.", "ru": "Объединений ещё не было."},
    "merges": {"en": "Merges", "uk": "Об’єднання", "ru": "Объединения"},
    "col_merge_id": {"en": "merge_id", "uk": "Код об’єднання", "ru": "Код объединения"},
    "col_merged_at": {"en": "merged_at", "uk": "Об’єднано", "ru": "Объединено"},
    "col_clusters": {"en": "clusters", "uk": "Групи", "ru": "Группы"},
    "col_records_merged": {"en": "records merged", "uk": "Записів об’єднано", "ru": "Записей объединено"},
    "col_undone_at": {"en": "undone_at", "uk": "Скасовано", "ru": "Отменено"},
    "suspected": {"en": "Suspected duplicates at p ≥ {threshold}: [bold]{clusters}[/] clusters, {records} "
                        "records ({duplicates} would be merged away) among {compared} customers.",
                  "uk": "Імовірні дублікати при p ≥ {threshold}: груп — [bold]{clusters}[/], записів у них — "
                        "{records} (буде об’єднано {duplicates}), перевірено клієнтів — {compared}.",
                  "ru": "Вероятные дубликаты при p ≥ {threshold}: групп — [bold]{clusters}[/], записей в "
                        "них — {records} (будет объединено {duplicates}), проверено клиентов — {compared}."},
    "dedupe_note_no_pairs": {
        "en": "no two records share an e-mail, or a phone and surname: prior m probabilities used, "
              "u estimated",
        "uk": "жодні два записи не мають спільного e-mail або телефону з прізвищем: ймовірності m — "
              "апріорні, u оцінено",
        "ru": "никакие две записи не имеют общего e-mail или телефона с фамилией: вероятности m — "
              "априорные, u оценены"},
    "dedupe_note_few": {"en": "{n} records: too few to train, prior m/u probabilities used",
                        "uk": "записів — {n}: замало для навчання, ймовірності m/u — апріорні",
                        "ru": "записей — {n}: слишком мало для обучения, вероятности m/u — априорные"},
    "held_back": {"en": "Held back, not merged ({n}): each links to records whose first names differ, so "
                        "whose record it is needs a person to decide.",
                  "uk": "Не об’єднано, залишено для перевірки ({n}): кожен пов’язаний із записами, де імена "
                        "різні, тож чий це запис, має вирішити людина.",
                  "ru": "Не объединено, оставлено для проверки ({n}): каждая связана с записями, где имена "
                        "разные, поэтому чья это запись, должен решить человек."},
    "largest_clusters": {"en": "Largest / most certain clusters", "uk": "Найбільші / найпевніші групи",
                         "ru": "Самые крупные / самые вероятные группы"},
    "col_cluster": {"en": "cluster", "uk": "Група", "ru": "Группа"},
    "col_customer_id": {"en": "customer_id"},
    "col_name": {"en": "name"},
    "col_email": {"en": "email"},
    "col_phone": {"en": "phone"},
    "col_city": {"en": "city"},
    # segmint campaigns
    "campaign_created": {"en": "Created campaign [bold]{name}[/] ({channel}), {recipients} recipients",
                         "uk": "Створено кампанію [bold]{name}[/] ({channel}), одержувачів: {recipients}",
                         "ru": "Создана рассылка [bold]{name}[/] ({channel}), получателей: {recipients}"},
    "arm_holdout": {"en": "holdout", "uk": "контрольна група", "ru": "контрольная группа"},
    "left_out": {"en": "left out", "uk": "не включено", "ru": "не включены"},
    "excluded_merged": {"en": "merged"},
    "excluded_no_consent": {"en": "no consent"},
    "excluded_no_address": {"en": "no address"},
    "excluded_unsubscribed": {"en": "unsubscribed"},
    "excluded_frequency_cap": {"en": "frequency cap"},
    "excluded_duplicate_address": {"en": "duplicate address"},
    "preview_variant": {"en": "[bold]{target}[/], variant {variant}{note}",
                        "uk": "[bold]{target}[/], варіант {variant}{note}",
                        "ru": "[bold]{target}[/], вариант {variant}{note}"},
    "preview_holdout": {"en": " (not sent to this customer: holdout)",
                        "uk": " (у контрольній групі: не надсилається)",
                        "ru": " (в контрольной группе: не отправляется)"},
    "preview_not_recipient": {"en": " (not sent to this customer: not a recipient)",
                              "uk": " (не одержувач цієї кампанії)", "ru": " (не получатель этой рассылки)"},
    "preview_subject": {"en": "Subject: {subject}", "uk": "Тема: {subject}", "ru": "Тема: {subject}"},
    "sending": {"en": "sending…", "uk": "надсилаємо…", "ru": "отправляем…"},
    "sending_done": {"en": "sending… {done} done ({counts})",
                     "uk": "надсилаємо… оброблено {done} ({counts})",
                     "ru": "отправляем… обработано {done} ({counts})"},
    # a message's state (the outbox's) and a send's outcome, as counted in a sentence
    "state_queued": {"en": "queued", "uk": "у черзі", "ru": "в очереди"},
    "state_sending": {"en": "sending", "uk": "надсилаються", "ru": "отправляются"},
    "state_uncertain": {"en": "uncertain", "uk": "без відповіді", "ru": "без ответа"},
    "state_sent": {"en": "sent", "uk": "надіслано", "ru": "отправлено"},
    "state_failed": {"en": "failed", "uk": "з помилкою", "ru": "с ошибкой"},
    "state_skipped": {"en": "skipped", "uk": "пропущено", "ru": "пропущено"},
    "state_retry": {"en": "retry", "uk": "до повтору", "ru": "к повтору"},
    "sent_summary": {"en": "[bold]{name}[/]: queued {queued}, this run {run}",
                     "uk": "[bold]{name}[/]: у черзі {queued}, за цей запуск: {run}",
                     "ru": "[bold]{name}[/]: в очереди {queued}, за этот запуск: {run}"},
    "nothing_to_send": {"en": "nothing to send", "uk": "нічого надсилати", "ru": "нечего отправлять"},
    "resumed": {"en": "  resumed: {count} message(s) a stopped run had not handed over",
                "uk": "  продовжено: повідомлень, яких не передав перерваний запуск: {count}",
                "ru": "  продолжено: сообщений, которые не передал прерванный запуск: {count}"},
    "retried": {"en": "  retried: {count} failed message(s) sent again",
                "uk": "  повторно: ще раз надіслано повідомлень з помилкою: {count}",
                "ru": "  повторно: снова отправлено сообщений с ошибкой: {count}"},
    "outbox_line": {"en": "  outbox: {states}", "uk": "  черга надсилання: {states}",
                    "ru": "  очередь отправки: {states}"},
    # the first send's skips; then why the outbox's 'skipped' messages were taken out of the queue by a
    # later send (outbox.recheck), each skip on one line only
    "skipped_at_send": {"en": "  not messaged when sent (still in their arm): {counts}",
                        "uk": "  не отримали повідомлення під час надсилання (лишаються у своїй групі): "
                              "{counts}",
                        "ru": "  не получили сообщение при отправке (остаются в своей группе): {counts}"},
    "skipped_from_queue": {"en": "  skipped in the outbox (still in their arm): {counts}",
                           "uk": "  пропущені в черзі надсилання (лишаються у своїй групі): {counts}",
                           "ru": "  пропущены в очереди отправки (остаются в своей группе): {counts}"},
    "no_unsubscribe": {"en": "  [yellow]note[/]: no unsubscribe links (set url in "
                             "\\[campaigns.unsubscribe] of segmint.toml; Gmail and Yahoo expect one-click "
                             "unsubscribe from bulk senders)",
                       "uk": "  [yellow]увага[/]: немає посилань для відписки (задайте url у "
                             "\\[campaigns.unsubscribe] файлу segmint.toml; Gmail і Yahoo очікують від "
                             "масових розсилок відписки одним кліком)",
                       "ru": "  [yellow]внимание[/]: нет ссылок для отписки (задайте url в "
                             "\\[campaigns.unsubscribe] файла segmint.toml; Gmail и Yahoo ждут от массовых "
                             "рассылок отписки в один клик)"},
    "uncertain_note": {"en": "  [yellow]{count} uncertain[/]: handed over with no answer; not resent "
                             "(check the server, then --resend-uncertain if they did not arrive)",
                       "uk": "  [yellow]без відповіді: {count}[/] — передано серверу, але відповіді не було; "
                             "повторно не надіслано (перевірте сервер, потім --resend-uncertain, якщо "
                             "повідомлення не дійшли)",
                       "ru": "  [yellow]без ответа: {count}[/] — переданы серверу, но ответа не было; "
                             "повторно не отправлены (проверьте сервер, затем --resend-uncertain, если "
                             "сообщения не дошли)"},
    "col_campaign": {"en": "campaign", "uk": "Кампанія", "ru": "Рассылка"},
    "col_channel_lower": {"en": "channel"},
    "col_status": {"en": "status", "uk": "Статус", "ru": "Статус"},
    "col_queued": {"en": "queued", "uk": "У черзі", "ru": "В очереди"},
    "col_sent": {"en": "sent", "uk": "Надіслано", "ru": "Отправлено"},
    "col_failed": {"en": "failed", "uk": "З помилкою", "ru": "С ошибкой"},
    "col_uncertain": {"en": "uncertain", "uk": "Без відповіді", "ru": "Без ответа"},
    "campaign_status_draft": {"en": "draft"},
    "campaign_status_sending": {"en": "sending"},
    "campaign_status_sent": {"en": "sent"},
    "col_segment_lower": {"en": "segment"},
    "all_segments": {"en": "All segments"},  # experiments.results.OVERALL
    "all_variants": {"en": "All variants"},  # experiments.results.TREATED
    "col_arm": {"en": "arm"},
    "col_recipients": {"en": "recipients"},
    "col_conversion": {"en": "conversion"},
    "col_uplift": {"en": "uplift (95% CI)", "uk": "Приріст (95% інтервал)", "ru": "Прирост (95% интервал)"},
    "col_p_value": {"en": "p-value"},
    "col_p_beat": {"en": "P(beat)"},
    "col_roi": {"en": "ROI"},
    "col_unsubscribed": {"en": "unsubscribed", "uk": "Відписалися", "ru": "Отписались"},
    "wrote_audience": {"en": "Wrote {rows} recipients to {file} ({layout}, {format})",
                       "uk": "Записано одержувачів: {rows} у {file} ({layout}, {format})",
                       "ru": "Записано получателей: {rows} в {file} ({layout}, {format})"},
    # segmint experiments size
    "experiment_size": {"en": "To detect {low} → {high} (alpha {alpha}, power {power}): holdout {holdout}, "
                              "each of {variants} variant(s) {per_variant}; audience of at least {audience} "
                              "with a {share} holdout.",
                        "uk": "Щоб виявити зростання {low} → {high} (альфа {alpha}, потужність {power}): "
                              "контрольна група {holdout}, кожен варіант (усього {variants}) {per_variant}; "
                              "аудиторія щонайменше {audience} за контрольної групи {share}.",
                        "ru": "Чтобы обнаружить рост {low} → {high} (альфа {alpha}, мощность {power}): "
                              "контрольная группа {holdout}, каждый вариант (всего {variants}) "
                              "{per_variant}; аудитория не меньше {audience} при контрольной группе "
                              "{share}."},
    # segmint triggers
    "trigger_created": {"en": "Created trigger {name!r} ({id})", "uk": "Створено тригер «{name}» ({id})",
                        "ru": "Создан триггер «{name}» ({id})"},
    "triggers": {"en": "Triggers"},
    "col_trigger_name": {"en": "name"},
    "col_on": {"en": "on"},
    "col_trigger_target": {"en": "target", "uk": "Сегмент або подія", "ru": "Сегмент или событие"},
    "col_delay": {"en": "delay"},
    "col_action": {"en": "action"},
    "col_since": {"en": "since", "uk": "Діє з", "ru": "Действует с"},
    "on_enter": {"en": "enter"},
    "on_exit": {"en": "exit"},
    "on_event": {"en": "event"},
    "action_message": {"en": "message"},
    "action_webhook": {"en": "webhook"},
    "action_tag": {"en": "tag"},
    "action_static_segment": {"en": "static-segment"},  # as --action takes it
    "trigger_deleted": {"en": "Deleted trigger {name!r} ({dropped} waiting firing(s) dropped)",
                        "uk": "Видалено тригер «{name}» (скасовано спрацювань, що чекали: {dropped})",
                        "ru": "Удалён триггер «{name}» (отменено ожидавших срабатываний: {dropped})"},
    "triggers_ran": {"en": "{recorded} new firing(s); performed: {done}; {waiting} waiting",
                     "uk": "Нових спрацювань: {recorded}; опрацьовано: {done}; чекають: {waiting}",
                     "ru": "Новых срабатываний: {recorded}; обработано: {done}; ожидают: {waiting}"},
    "nothing_due": {"en": "nothing due", "uk": "нічого, час ще не настав",
                    "ru": "ничего, время ещё не пришло"},
    # a firing's state, in a sentence and in the firings table
    "firing_due": {"en": "due", "uk": "чекає", "ru": "ожидает"},
    "firing_done": {"en": "done", "uk": "виконано", "ru": "выполнено"},
    "firing_failed": {"en": "failed", "uk": "з помилкою", "ru": "с ошибкой"},
    "firing_pending": {"en": "pending", "uk": "відкладено", "ru": "отложено"},
    "firings": {"en": "Firings", "uk": "Спрацювання", "ru": "Срабатывания"},
    "col_trigger": {"en": "trigger"},
    "col_customer_lower": {"en": "customer"},
    "col_occurred": {"en": "occurred"},
    "col_due": {"en": "due"},
    "col_state": {"en": "state", "uk": "Стан", "ru": "Состояние"},
    "col_detail": {"en": "detail"},
    "next_try": {"en": " (next try after {at})", "uk": " (наступна спроба після {at})",
                 "ru": " (следующая попытка после {at})"},
    # segmint clusters
    "clustering": {"en": "Clustering customers…", "uk": "Кластеризуємо клієнтів…",
                   "ru": "Кластеризуем клиентов…"},
    "clusters_refreshing": {"en": "Refreshing families and segments…", "uk": "Оновлюємо родини й сегменти…",
                            "ru": "Обновляем семейства и сегменты…"},
    "clustered": {"en": "Clustered [bold]{customers}[/] customers as of {as_of} with {method}: "
                        "k = [bold]{k}[/] ({score}: {scores}) in {seconds} s",
                  "uk": "Кластеризовано клієнтів: [bold]{customers}[/] станом на {as_of}, метод {method}: "
                        "k = [bold]{k}[/] ({score}: {scores}) за {seconds} с",
                  "ru": "Кластеризовано клиентов: [bold]{customers}[/] на {as_of}, метод {method}: "
                        "k = [bold]{k}[/] ({score}: {scores}) за {seconds} с"},
    "clustering_shown": {"en": "Clustering {id} fitted {fitted_at} on data as of {as_of}: {method}, "
                               "k = {k}, {customers} customers",
                         "uk": "Кластеризація {id}, навчена {fitted_at} на даних станом на {as_of}: "
                               "{method}, k = {k}, клієнтів: {customers}",
                         "ru": "Кластеризация {id}, обученная {fitted_at} на данных на {as_of}: {method}, "
                               "k = {k}, клиентов: {customers}"},
    "col_persona": {"en": "persona"},
    "col_customers_lower": {"en": "customers"},
    "col_rule_precision": {"en": "rule precision", "uk": "Точність правила", "ru": "Точность правила"},
    "col_rule_recall": {"en": "rule recall", "uk": "Повнота правила", "ru": "Полнота правила"},
    "w_who": {"en": "Who"},
    "w_what": {"en": "What"},
    "w_why": {"en": "Why"},
    "w_when": {"en": "When"},
    "w_where": {"en": "Where"},
    "sets_apart": {"en": "Sets it apart"},
    "sets_apart_none": {"en": "nothing: every difference from the rest of the base is negligible "
                              "(|d| < {d})"},
    "cluster_rule": {"en": "[bold]Rule[/] (precision {precision}, recall {recall}): {rule}",
                     "uk": "[bold]Правило[/] (точність {precision}, повнота {recall}): {rule}",
                     "ru": "[bold]Правило[/] (точность {precision}, полнота {recall}): {rule}"},
    # segmint playbook
    "playbook_title": {"en": "Playbook ({lang})", "uk": "Рекомендації ({lang})",
                       "ru": "Рекомендации ({lang})"},
    "col_family_title": {"en": "Family", "uk": "Родина", "ru": "Семейство"},
    # segmint tokens
    "token_created": {"en": "Created {role} token {id} (shown once, store it safely):",
                      "uk": "Створено токен {id} з роллю «{role}» (показується один раз, збережіть його в "
                            "надійному місці):",
                      "ru": "Создан токен {id} с ролью «{role}» (показывается один раз, сохраните его в "
                            "надёжном месте):"},
    "role_viewer": {"en": "viewer"},
    "role_editor": {"en": "editor"},
    "role_admin": {"en": "admin"},
    "api_tokens": {"en": "API tokens", "uk": "API-токени", "ru": "API-токены"},
    "col_token_id": {"en": "id", "uk": "Код", "ru": "Код"},
    "col_role": {"en": "role", "uk": "Роль", "ru": "Роль"},
    "col_token_name": {"en": "name", "uk": "Назва", "ru": "Название"},
    "col_created": {"en": "created", "uk": "Створено", "ru": "Создан"},
    "col_revoked": {"en": "revoked", "uk": "Відкликано", "ru": "Отозван"},
    "no_tokens": {"en": "No tokens yet: segmint tokens create --role viewer",
                  "uk": "Токенів ще немає: segmint tokens create --role viewer",
                  "ru": "Токенов ещё нет: segmint tokens create --role viewer"},
    "token_revoked": {"en": "Revoked token {id} ({role})", "uk": "Відкликано токен {id} ({role})",
                      "ru": "Отозван токен {id} ({role})"},
    # H1: import progress, quarantine, segments show/create/edit/delete/export/load/members/movements/
    # transitions, refresh progress, report, demo, init
    "step_import": {"en": "importing {file}", "uk": "імпорт: {file}", "ru": "импорт: {file}"},
    "step_read": {"en": "reading {file}", "uk": "читання: {file}", "ru": "чтение: {file}"},
    "step_check": {"en": "checking {file}", "uk": "перевірка: {file}", "ru": "проверка: {file}"},
    "step_quarantine": {"en": "quarantining {file}", "uk": "перенесення рядків у карантин: {file}",
                        "ru": "перенос строк в карантин: {file}"},
    "step_store": {"en": "storing {file}", "uk": "збереження: {file}", "ru": "сохранение: {file}"},
    "step_commit": {"en": "committing {file}", "uk": "фіксація змін: {file}",
                    "ru": "фиксация изменений: {file}"},
    "step_refresh": {"en": "refreshing the segments after {file}", "uk": "оновлення сегментів після {file}",
                     "ru": "обновление сегментов после {file}"},
    "n_quarantined_rows": {"en": "quarantined row|quarantined rows",
                         "uk": "рядок у карантині|рядки в карантині|рядків у карантині",
                         "ru": "строка в карантине|строки в карантине|строк в карантине"},
    "first_shown": {"en": " (first {n})", "uk": " (показано перші {n})", "ru": " (показаны первые {n})"},
    "col_file": {"en": "file"},
    "col_row": {"en": "row"},
    "col_value": {"en": "value"},
    "refreshing": {"en": "Refreshing segments…", "uk": "Оновлюємо сегменти…", "ru": "Обновляем сегменты…"},
    "refreshing_date": {"en": "Refreshing segments… date {done} of {total}: {date}{left}",
                        "uk": "Оновлюємо сегменти… дата {done} з {total}: {date}{left}",
                        "ru": "Обновляем сегменты… дата {done} из {total}: {date}{left}"},
    "time_left": {"en": ", about {duration} left", "uk": ", лишилося близько {duration}",
                  "ru": ", осталось около {duration}"},
    "seconds": {"en": "{n} s", "uk": "{n} с", "ru": "{n} с"},
    "minutes": {"en": "{n} min", "uk": "{n} хв", "ru": "{n} мин"},
    "built_in_family": {"en": "[bold]{name}[/] (built-in family)", "uk": "[bold]{name}[/] (вбудована родина)",
                        "ru": "[bold]{name}[/] (встроенное семейство)"},
    "field_description": {"en": "description", "uk": "опис", "ru": "описание"},
    "field_rule": {"en": "rule", "uk": "правило", "ru": "правило"},
    "field_created_at": {"en": "created_at", "uk": "створено", "ru": "создан"},
    "field_updated_at": {"en": "updated_at", "uk": "змінено", "ru": "изменён"},
    "rule_warning": {"en": "  [yellow]warning:[/] {warning}; it matches nobody there",
                     "uk": "  [yellow]увага:[/] {warning}; під нього там ніхто не підпадає",
                     "ru": "  [yellow]внимание:[/] {warning}; под него там никто не подходит"},
    "history_dates": {"en": "  history: {dates}", "uk": "  історія: {dates}", "ru": "  история: {dates}"},
    "n_dates": {"en": "date|dates", "uk": "дата|дати|дат", "ru": "дата|даты|дат"},
    "stays_title": {"en": "stays (ongoing ones counted up to the last refresh)",
                    "uk": "перебування (поточні враховано до останнього оновлення)",
                    "ru": "пребывания (текущие учтены до последнего обновления)"},
    "col_members_now": {"en": "members now"},
    "col_stays": {"en": "stays", "uk": "Перебувань", "ru": "Пребываний"},
    "col_ongoing": {"en": "ongoing", "uk": "Тривають", "ru": "Продолжаются"},
    "col_mean_days": {"en": "mean days", "uk": "Днів у середньому", "ru": "Дней в среднем"},
    "col_median_days": {"en": "median days", "uk": "Медіана днів", "ru": "Медиана дней"},
    "col_longest": {"en": "longest", "uk": "Найдовше, днів", "ru": "Дольше всего, дней"},
    # a rule's text value no row has (web/builder/value_check.py), worded as the segment builder words it
    "value_note": {"en": "  [yellow]note:[/] {note}", "uk": "  [yellow]увага:[/] {note}",
                   "ru": "  [yellow]внимание:[/] {note}"},
    **{key: {"en": STRINGS[key]["en"]} for key in ("value_not_in_data", "value_field_empty",
                                                   "value_not_in_data_hint")},
    "created_segment": {"en": "Created {kind} segment [bold]{name}[/]",
                        "uk": "Створено {kind} сегмент [bold]{name}[/]",
                        "ru": "Создан {kind} сегмент [bold]{name}[/]"},
    "updated_segment": {"en": "Updated [bold]{name}[/]", "uk": "Змінено сегмент [bold]{name}[/]",
                        "ru": "Изменён сегмент [bold]{name}[/]"},
    "n_members": {"en": "member|members", "uk": "учасник|учасники|учасників",
                     "ru": "участник|участника|участников"},
    "deleted_segment": {"en": "Deleted segment [bold]{name}[/]", "uk": "Видалено сегмент [bold]{name}[/]",
                        "ru": "Удалён сегмент [bold]{name}[/]"},
    "wrote_definitions": {"en": "Wrote the {definitions} to {file}", "uk": "Записано {definitions} у {file}",
                          "ru": "Записано {definitions} в {file}"},
    "n_definitions": {"en": "segment definition|segment definitions",
                         "uk": "визначення сегмента|визначення сегментів|визначень сегментів",
                         "ru": "определение сегмента|определения сегментов|определений сегментов"},
    "load_created": {"en": "created", "uk": "створено", "ru": "создан"},
    "load_updated": {"en": "updated", "uk": "змінено", "ru": "изменён"},
    "load_unchanged": {"en": "unchanged", "uk": "без змін", "ru": "без изменений"},
    "wrote_members": {"en": "Wrote {members} of {name} to {file} ({format})",
                      "uk": "{name}: записано {members} у {file} ({format})",
                      "ru": "{name}: записано {members} в {file} ({format})"},
    "no_history_then": {"en": "note: no refresh computed {name} on {date}: {since}, so no members are "
                              "recorded then; `segmint refresh --backfill monthly` (or --as-of DATE) "
                              "computes the earlier dates",
                        "uk": "примітка: жодне оновлення не обчислювало {name} на {date}: {since}, тож "
                              "учасників на цю дату не записано; ранніші дати обчислить `segmint refresh "
                              "--backfill monthly` (або --as-of ДАТА)",
                        "ru": "примечание: ни одно обновление не вычисляло {name} на {date}: {since}, "
                              "поэтому участники на эту дату не записаны; более ранние даты вычислит "
                              "`segmint refresh --backfill monthly` (или --as-of ДАТА)"},
    "history_before": {"en": "note: the history of {names} starts now, and the families' goes back {n} more "
                              "{dates} ({span}); `segmint refresh --backfill monthly` (or --as-of DATE) "
                              "computes it on those dates too",
                        "uk": "примітка: історія {names} починається зараз, а в історії родин є ще {n} "
                              "{dates} раніше ({span}); щоб обчислити й на них, запустіть `segmint refresh "
                              "--backfill monthly` (або --as-of ДАТА)",
                        "ru": "примечание: история {names} начинается сейчас, а в истории семейств есть ещё "
                              "{n} {dates} раньше ({span}); чтобы вычислить и на них, запустите `segmint "
                              "refresh --backfill monthly` (или --as-of ДАТА)"},
    "members_as_of": {"en": "note: no refresh computed {name} on {date}: these are its members of "
                             "{before}, the refresh before it; `segmint refresh --as-of {date}` computes "
                             "that date",
                       "uk": "примітка: жодне оновлення не обчислювало {name} на {date}: це учасники на "
                             "{before}, за попереднім оновленням; цю дату обчислить `segmint refresh "
                             "--as-of {date}`",
                       "ru": "примечание: ни одно обновление не вычисляло {name} на {date}: это участники "
                             "на {before}, по предыдущему обновлению; эту дату вычислит `segmint refresh "
                             "--as-of {date}`"},
    # a static list: its history is its changes, from the day it was frozen, and no refresh writes its past
    "static_no_past": {"en": "note: {name} is a static list: its history starts on {start}, when the list "
                             "was frozen, and a static list has no past to compute (refreshes leave it "
                             "alone): {then}",
                       "uk": "примітка: {name} — статичний список: його історія починається {start}, коли "
                             "список зафіксовано, а минулого статичного списку не обчислити (оновлення його "
                             "не змінюють): {then}",
                       "ru": "примечание: {name} — статический список: его история начинается {start}, когда "
                             "список зафиксирован, а прошлое статического списка не вычислить (обновления "
                             "его не меняют): {then}"},
    "static_none_then": {"en": "no members are recorded on {day}", "uk": "учасників на {day} не записано",
                         "ru": "участники на {day} не записаны"},
    "static_outside_then": {"en": "on {day} everyone is (outside)", "uk": "на {day} усі — (поза сегментом)",
                            "ru": "на {day} все — (вне сегмента)"},
    "static_first_entries": {"en": "the entries on {start} are the list as it was frozen, not moves",
                             "uk": "входи {start} — це список, яким його зафіксовано, а не рух",
                             "ru": "входы {start} — это список, каким его зафиксировали, а не движение"},
    "history_starts": {"en": "its history starts on {date}", "uk": "його історія починається {date}",
                       "ru": "его история начинается {date}"},
    "no_history_yet": {"en": "it has no history yet", "uk": "історії в нього ще немає",
                       "ru": "истории у него ещё нет"},
    "history_first_entries": {
        "en": "note: the history of {name} starts on {date}: the entries that day are its first computation, "
              "not moves; `segmint refresh --backfill monthly` (or --as-of DATE) computes earlier dates",
        "uk": "примітка: історія {name} починається {date}: входи того дня — її перше обчислення, а не рух; "
              "раніші дати обчислить `segmint refresh --backfill monthly` (або --as-of ДАТА)",
        "ru": "примечание: история {name} начинается {date}: входы в тот день — её первое вычисление, а не "
              "движение; более ранние даты вычислит `segmint refresh --backfill monthly` (или --as-of ДАТА)"},
    "movements_title": {"en": "{name}: {entered} entered, {left} left",
                        "uk": "{name}: входів {entered}, виходів {left}",
                        "ru": "{name}: входов {entered}, выходов {left}"},
    "col_date": {"en": "date"},
    "col_movement": {"en": "movement", "uk": "Рух", "ru": "Движение"},
    "col_customer": {"en": "customer"},
    "movement_entered": {"en": "entered", "uk": "увійшов", "ru": "вошёл"},
    "movement_left": {"en": "left", "uk": "вийшов", "ru": "вышел"},
    "more_rows": {"en": "  … {n} more (--limit 0 or --json for all)",
                  "uk": "  … ще {n} (усі: --limit 0 або --json)",
                  "ru": "  … ещё {n} (все: --limit 0 или --json)"},
    "after_now": {"en": "note: {day} is after the workspace's reference date {now} (its 'now'): {stands}; no "
                        "refresh computes a later date",
                  "uk": "примітка: {day} пізніше за дату відліку {now} («сьогодні» робочого простору): "
                        "{stands}; пізнішої дати жодне оновлення не обчислює",
                  "ru": "примечание: {day} позже даты отсчёта {now} («сегодня» рабочего пространства): "
                        "{stands}; более позднюю дату ни одно обновление не вычисляет"},
    "members_of": {"en": "these are its members of {date}, the last refresh",
                   "uk": "це учасники на {date}, за останнім оновленням",
                   "ru": "это участники на {date}, по последнему обновлению"},
    "not_computed": {"en": "note: no refresh computed {family} on {day}: {stands}; `segmint refresh --as-of "
                           "{day}` or `--backfill monthly` fills that date in",
                     "uk": "примітка: жодне оновлення не обчислювало {family} на {day}: {stands}; цю дату "
                           "заповнить `segmint refresh --as-of {day}` або `--backfill monthly`",
                     "ru": "примечание: ни одно обновление не вычисляло {family} на {day}: {stands}; эту "
                           "дату заполнит `segmint refresh --as-of {day}` или `--backfill monthly`"},
    "shown_as_of": {"en": "{label} shows it as of {date}, the refresh before",
                    "uk": "{label} показує його стан на {date}, за попереднім оновленням",
                    "ru": "{label} показывает его состояние на {date}, по предыдущему обновлению"},
    "everyone_none": {"en": "everyone is (none)", "uk": "усі — у групі (немає)",
                      "ru": "все — в группе (нет)"},
    "group_none": {"en": "(none)", "uk": "(немає)", "ru": "(нет)"},
    "group_member": {"en": "in the segment", "uk": "у сегменті", "ru": "в сегменте"},
    "group_outside": {"en": "(outside)", "uk": "(поза сегментом)", "ru": "(вне сегмента)"},
    "everyone_outside": {"en": "everyone is (outside)", "uk": "усі — (поза сегментом)",
                         "ru": "все — (вне сегмента)"},
    "transitions_title": {"en": "{family}: customers by group on A = {start} and B = {end}",
                          "uk": "{family}: клієнти за групами на A = {start} і B = {end}",
                          "ru": "{family}: клиенты по группам на A = {start} и B = {end}"},
    "col_share_of_a": {"en": "share of A", "uk": "Частка від A", "ru": "Доля от A"},
    "stayed": {"en": " (stayed)", "uk": " (залишилися)", "ru": " (остались)"},
    "wider_terminal": {"en": "  (a wider terminal shows the matrix; --json gives it whole)",
                       "uk": "  (ширший термінал покаже матрицю; --json видає її повністю)",
                       "ru": "  (более широкий терминал покажет матрицу; --json выдаёт её целиком)"},
    "writing_report": {"en": "Writing the report…", "uk": "Складаємо звіт…", "ru": "Составляем отчёт…"},
    "report_title": {"en": "segmint report, as of {date}", "uk": "Звіт segmint станом на {date}",
                     "ru": "Отчёт segmint на {date}"},
    "report_sections": {"en": "sections with content", "uk": "розділів із вмістом",
                        "ru": "разделов с содержимым"},
    "report_written": {"en": "Written [bold]{path}[/] ({mb} MB); open it in a browser.",
                       "uk": "Записано [bold]{path}[/] ({mb} МБ); відкрийте його в браузері.",
                       "ru": "Записан [bold]{path}[/] ({mb} МБ); откройте его в браузере."},
    "demo_generating": {"en": "Generating {customers} customers and loading them into {directory} ...",
                        "uk": "Генеруємо магазин (клієнтів: {customers}) і завантажуємо його в "
                              "{directory} ...",
                        "ru": "Генерируем магазин (клиентов: {customers}) и загружаем его в "
                              "{directory} ..."},
    "demo_title": {"en": "Demo workspace {path}", "uk": "Демонстраційний робочий простір {path}",
                   "ru": "Демонстрационное рабочее пространство {path}"},
    "demo_customers": {"en": "customers"},
    "demo_duplicates": {"en": "  near-duplicate records", "uk": "  нечіткі дублікати записів",
                        "ru": "  нечёткие дубликаты записей"},
    "demo_orders": {"en": "orders"},
    "order_cancelled": {"en": "cancelled"},
    "order_completed": {"en": "completed"},
    "order_returned": {"en": "returned"},
    "order_pending": {"en": "pending"},
    "order_adjustment": {"en": "adjustment"},
    "demo_guest_orders": {"en": "  guest orders", "uk": "  замовлення гостей", "ru": "  заказы гостей"},
    "demo_order_items": {"en": "order items", "uk": "позиції замовлень", "ru": "позиции заказов"},
    "demo_revenue": {"en": "revenue (completed, {currency})", "uk": "виручка (виконані, {currency})",
                     "ru": "выручка (выполненные, {currency})"},
    "demo_orders_from": {"en": "orders from", "uk": "замовлення від", "ru": "заказы с"},
    "demo_orders_to": {"en": "orders to", "uk": "замовлення до", "ru": "заказы по"},
    "demo_products": {"en": "products", "uk": "товари", "ru": "товары"},
    "demo_in_categories": {"en": "{products} in {count} {categories}",
                           "uk": "{products} у {count} {categories}",
                           "ru": "{products} в {count} {categories}"},
    "n_categories": {"en": "category|categories", "uk": "категорії|категоріях|категоріях",
                        "ru": "категории|категориях|категориях"},
    "demo_categories": {"en": "categories: {names}", "uk": "категорії: {names}", "ru": "категории: {names}"},
    "demo_events": {"en": "Events"},
    "demo_event_type": {"en": "type"},
    "demo_truth": {"en": "True parameters (time unit: {unit})",
                   "uk": "Справжні параметри (одиниця часу: {unit})",
                   "ru": "Истинные параметры (единица времени: {unit})"},
    "demo_model": {"en": "model", "uk": "Модель", "ru": "Модель"},
    "demo_parameters": {"en": "parameters", "uk": "Параметри", "ru": "Параметры"},
    "demo_window": {"en": "window", "uk": "період спостереження", "ru": "период наблюдения"},
    "demo_truth_file": {"en": "Truth recorded in {file} and tables demo_customer_truth, demo_duplicates.",
                        "uk": "Справжні значення записано в {file} і в таблицях demo_customer_truth, "
                              "demo_duplicates.",
                        "ru": "Истинные значения записаны в {file} и в таблицах demo_customer_truth, "
                              "demo_duplicates."},
    "demo_built": {"en": "Built in {seconds} s.", "uk": "Побудовано за {seconds} с.",
                   "ru": "Построено за {seconds} с."},
    "demo_next": {"en": "Next: [bold]segmint audit -w {path}[/]",
                  "uk": "Далі: [bold]segmint audit -w {path}[/]",
                  "ru": "Далее: [bold]segmint audit -w {path}[/]"},
    "init_created": {"en": "Created workspace [bold]{directory}[/] ({currency}, {timezone})",
                     "uk": "Створено робочий простір [bold]{directory}[/] ({currency}, {timezone})",
                     "ru": "Создано рабочее пространство [bold]{directory}[/] ({currency}, {timezone})"},
    # segmint serve (cli/serve.py); "ADMIN TOKEN:" stays as it is in every language, for scripts to find
    "serve_token": {"en": "Created the first admin token {token} (shown once, store it safely):",
                    "uk": "Створено перший токен адміністратора {token} (показано один раз, збережіть його):",
                    "ru": "Создан первый токен администратора {token} (показан один раз, сохраните его):"},
    "serve_serving": {"en": "Serving {path} on {url}", "uk": "Робочий простір {path}: {url}",
                      "ru": "Рабочее пространство {path}: {url}"},
    "serve_ui": {"en": "Web UI: {url}/ui/ (sign in with a token), API docs: {url}/docs",
                 "uk": "Вебінтерфейс: {url}/ui/ (вхід за токеном), документація API: {url}/docs",
                 "ru": "Веб-интерфейс: {url}/ui/ (вход по токену), документация API: {url}/docs"},
    # every command's failure (cli/main.py)
    "error": {"en": "[red]Error:[/]", "uk": "[red]Помилка:[/]", "ru": "[red]Ошибка:[/]"},
    # the command line's own errors (cli/common.py: parse_date, one_of), by their code
    "cli.date": {"en": "{option}: {value!r} is not a date; write YYYY-MM-DD or dd.mm.yyyy",
                 "uk": "{option}: {value!r} — не дата; пишіть РРРР-ММ-ДД або дд.мм.рррр",
                 "ru": "{option}: {value!r} — не дата; пишите ГГГГ-ММ-ДД или дд.мм.гггг"},
    "cli.choice": {"en": "{option} is {allowed}, not {value!r}",
                   "uk": "{option}: {allowed}, а не {value!r}",
                   "ru": "{option}: {allowed}, а не {value!r}"},
    "cli.choice.hint": {"en": "{option} is {allowed}, not {value!r} (did you mean {hint!r}?)",
                        "uk": "{option}: {allowed}, а не {value!r} (можливо, {hint!r}?)",
                        "ru": "{option}: {allowed}, а не {value!r} (возможно, {hint!r}?)"},
    "cli.from_after_to": {"en": "--from {start} is after --to {end}: give the earlier date to --from",
                          "uk": "--from {start} пізніше за --to {end}: ранішу дату вкажіть у --from",
                          "ru": "--from {start} позже, чем --to {end}: более раннюю дату укажите в --from"},
    "cli.transitions.no_history": {
        "en": "no refresh has computed {name} yet: give --to DATE, or run `segmint refresh` first",
        "uk": "жодне оновлення ще не обчислювало {name}: вкажіть --to ДАТА або спершу запустіть "
              "`segmint refresh`",
        "ru": "ни одно обновление ещё не вычисляло {name}: укажите --to ДАТА или сначала запустите "
              "`segmint refresh`"},
    "cli.transitions.from_after_last": {
        "en": "--from {start} is after the last date a refresh computed {name} on ({last}, the default of "
              "--to): give --to DATE",
        "uk": "--from {start} пізніше за останню дату, на яку оновлення обчислювало {name} ({last}, типове "
              "значення --to): вкажіть --to ДАТА",
        "ru": "--from {start} позже последней даты, на которую обновление вычисляло {name} ({last}, значение "
              "--to по умолчанию): укажите --to ДАТА"},
    "cli.refresh.before_customers": {
        "en": "--as-of {as_of} is before the data starts ({first}: the first sign-up, order or event): "
              "nothing to refresh on it",
        "uk": "--as-of {as_of} раніше за початок даних ({first}: перша реєстрація, замовлення чи подія): "
              "оновлювати на цю дату нічого",
        "ru": "--as-of {as_of} раньше начала данных ({first}: первая регистрация, заказ или событие): "
              "обновлять на эту дату нечего"},
    "cli.refresh.after_reference": {
        "en": "--as-of {as_of} is after the reference date {reference_date}, the workspace's 'now' "
              "(reference_date in segmint.toml: {setting}): a refresh computes membership on it or on an "
              "earlier date",
        "uk": "--as-of {as_of} пізніше за дату відліку {reference_date}, «сьогодні» робочого простору "
              "(reference_date у segmint.toml: {setting}): оновлення обчислює членство на цю або ранішу дату",
        "ru": "--as-of {as_of} позже даты отсчёта {reference_date}, «сегодня» рабочего пространства "
              "(reference_date в segmint.toml: {setting}): обновление вычисляет членство на эту или более "
              "раннюю дату"},
    "cli.or": {"en": "or", "uk": "або", "ru": "или"},
    # a mistyped command line (cli/usage.py; English keeps Typer's own box)
    "cli.usage": {"en": "Usage:", "uk": "Використання:", "ru": "Использование:"},
    "cli.usage.help": {"en": "Try '{command} --help' for help.", "uk": "Довідка: {command} --help",
                       "ru": "Справка: {command} --help"},
    "cli.missing.argument": {"en": "missing argument {name}", "uk": "бракує аргументу {name}",
                             "ru": "не хватает аргумента {name}"},
    "cli.missing.option": {"en": "missing option {name}", "uk": "бракує параметра {name}",
                           "ru": "не хватает параметра {name}"},
    "cli.no_option": {"en": "no option {name}", "uk": "немає параметра {name}", "ru": "нет параметра {name}"},
    "cli.no_option.hint": {"en": "no option {name} (did you mean {hint}?)",
                           "uk": "немає параметра {name} (можливо, {hint}?)",
                           "ru": "нет параметра {name} (возможно, {hint}?)"},
    "cli.option_needs_value": {"en": "{name} needs a value", "uk": "параметру {name} потрібне значення",
                               "ru": "параметру {name} нужно значение"},
    "cli.option_needs_values": {"en": "{name} needs {n} values",
                                "uk": "параметру {name} потрібно значень: {n}",
                                "ru": "параметру {name} нужно значений: {n}"},
    "cli.no_command": {"en": "no command {name!r}; the commands: {known}",
                       "uk": "немає команди {name!r}; команди: {known}",
                       "ru": "нет команды {name!r}; команды: {known}"},
    "cli.no_command.hint": {"en": "no command {name!r} (did you mean {hint!r}?)",
                            "uk": "немає команди {name!r} (можливо, {hint!r}?)",
                            "ru": "нет команды {name!r} (возможно, {hint!r}?)"},
    "cli.bad.at_most": {"en": "{name} is at most {limit}, not {value}",
                        "uk": "{name}: щонайбільше {limit}, а не {value}",
                        "ru": "{name}: не больше {limit}, а не {value}"},
    "cli.bad.at_least": {"en": "{name} is at least {limit}, not {value}",
                         "uk": "{name}: щонайменше {limit}, а не {value}",
                         "ru": "{name}: не меньше {limit}, а не {value}"},
    "cli.bad.below": {"en": "{name} is less than {limit}, not {value}",
                      "uk": "{name}: менше за {limit}, а не {value}",
                      "ru": "{name}: меньше {limit}, а не {value}"},
    "cli.bad.above": {"en": "{name} is more than {limit}, not {value}",
                      "uk": "{name}: більше за {limit}, а не {value}",
                      "ru": "{name}: больше {limit}, а не {value}"},
    "cli.bad.between": {"en": "{name} is more than {low} and less than {high}, not {value}",
                        "uk": "{name}: більше за {low} і менше за {high}, а не {value}",
                        "ru": "{name}: больше {low} и меньше {high}, а не {value}"},
    "cli.exclusive": {"en": "use only one of {options}", "uk": "вкажіть лише один із параметрів {options}",
                      "ru": "укажите только один из параметров {options}"},
    "cli.bad.integer": {"en": "{name}: {value!r} is not a whole number",
                        "uk": "{name}: {value!r} — не ціле число",
                        "ru": "{name}: {value!r} — не целое число"},
    "cli.bad.number": {"en": "{name}: {value!r} is not a number; write it with a dot, e.g. 0.05",
                       "uk": "{name}: {value!r} — не число; пишіть його з крапкою, напр. 0.05",
                       "ru": "{name}: {value!r} — не число; пишите его с точкой, напр. 0.05"},
    "cli.extra_arguments": {"en": "unexpected extra arguments: {args}", "uk": "зайві аргументи: {args}",
                            "ru": "лишние аргументы: {args}"},
    "cli.folder_twice": {
        "en": "the folder is given twice, as {directory} and as -w {workspace}: give it once",
        "uk": "теку вказано двічі, як {directory} і як -w {workspace}: вкажіть її один раз",
        "ru": "папка указана дважды, как {directory} и как -w {workspace}: укажите её один раз"},
    "cli.option_as_value": {
        "en": "{option} needs {n} values, and {value} is an option, not a value: write {option} A B",
        "uk": "параметру {option} потрібно значень: {n}, а {value} — параметр, не значення: "
              "пишіть {option} A B",
        "ru": "параметру {option} нужно значений: {n}, а {value} — параметр, не значение: "
              "пишите {option} A B"},
    "cli.option_as_value.comma": {
        "en": "{option} needs {n} values apart, not one with commas, and {value} is an option, not a "
              "value: write {option} {hint}",
        "uk": "параметру {option} потрібно значень: {n}, через пробіл, а не одне з комами, а {value} — "
              "параметр, не значення: пишіть {option} {hint}",
        "ru": "параметру {option} нужно значений: {n}, через пробел, а не одно с запятыми, а {value} — "
              "параметр, не значение: пишите {option} {hint}"},
}
# fmt: on


def use(lang: str, families=None) -> None:
    """Word what follows in `lang` (the workspace the command opened) or in $SEGMINT_LANGUAGE when set;
    an unknown language is English. `families`: the workspace's [families] settings, whose RFM map may
    name groups of its own with built-in names (shown unlabelled, families/labels.own_groups)."""
    lang = os.environ.get(LANGUAGE_ENV) or lang
    _chosen["names"] = labels.Namer(lang if lang in LANGUAGES else "en", families)
    _chosen["opened"] = True


def namer() -> labels.Namer:
    """The chosen language's names of the opened workspace's groups (families/labels.Namer)."""
    return _chosen["names"]


def named_workspace(path) -> None:
    """The workspace the command line names with --workspace (None: $SEGMINT_WORKSPACE, then the current
    folder), for `settle`."""
    if path is not None:
        _chosen["workspace"] = path


def settle() -> None:
    """Before an error is worded, or the output of a command that opens no workspace (`experiments size`):
    when no workspace was opened yet (an option's value refused while the command line is read, or before
    the command opened it), the language of the workspace the command names, as `use` would choose it
    once opened; English when there is none. When its settings are refused (segmint.toml with a bad
    setting or not TOML at all), the `language` its [workspace] table declares when that one line can be
    read and is uk, en or ru (a refusal of the settings file is worded in the language its users set),
    else English."""
    if _chosen["opened"]:
        return
    from segmint.config import CONFIG_FILE, declared_language, load_settings
    from segmint.store.workspace import resolve_path

    path = None
    try:
        path = resolve_path(_chosen["workspace"]) / CONFIG_FILE
        lang = load_settings(path).language
    except ConfigError:  # settings refused (maybe this very error): the language they declare, if readable
        lang = (declared_language(path) if path is not None else None) or "en"
    except Exception:  # no workspace there: not this error's
        lang = "en"
    use(lang)


def language() -> str:
    return _chosen["names"].lang


def text(key: str, lang: str) -> str:
    """The template of `key` in `lang`: the CLI's own, else the web UI's (WEB), else the English."""
    own = TEXTS[key]
    if lang in own:
        return own[lang]
    if lang != "en" and key in WEB:
        return STRINGS_RU[WEB[key]] if lang == "ru" else STRINGS[WEB[key]][lang]
    return own["en"]


def say(key: str, **values) -> str:
    """`key` in the chosen language with {names} filled in (numbers given already written by num())."""
    return text(key, language()).format(**values)


def worded(prefix: str, value: str) -> str:
    """A stored value (a state, an arm, a reason a customer was left out for) in the chosen language: the
    text of `prefix` + the value (spaces as _: "no consent") when TEXTS has one, else the value as stored."""
    key = prefix + value.replace(" ", "_")
    return say(key) if key in TEXTS else value


def group_label(family: str | None, name: str, key: str | None = None) -> str:
    """A family's group as the chosen language's reader reads it, its key beside the label (Чемпіони
    (Champions); `key`: the name as typed, rfm:Champions): what a rule or --group takes
    (families/labels.py)."""
    return namer().shown(family, name, key)


def num(value: float, digits: int = 0, *, signed: bool = False) -> str:
    """A number in the chosen language's way (uk, ru: 1 234,5); English keeps the CLI's 1,234.5."""
    return number(value, digits, language(), group=",", signed=signed)


def whole(value: float) -> str:
    """A number the English CLI writes bare (365 days, p ≥ 0.8): str() in English; num() with the same
    decimals in uk and ru (0,8)."""
    if language() == "en":
        return str(value)
    return num(value, len(str(value).partition(".")[2]) if isinstance(value, float) else 0)


def pct(share: float, digits: int = 1, *, signed: bool = False) -> str:
    """A share as a percentage in the chosen language's way (uk 12,5%, ru 12,5 %); English keeps the CLI's
    Python format (12.5%)."""
    if language() == "en":
        return f"{share:{'+' if signed else ''}.{digits}%}"
    return percent(share, digits, language(), signed=signed)


def sig(value: float | None) -> str:
    """Three significant digits (the English CLI's {:,.3g}: 0.0532, 1.23e+04); uk and ru with their decimal
    comma; no value is empty."""
    return "" if value is None else significant(value, 3)


def significant(value: float, digits: int, *, grouped: bool = True) -> str:
    """`digits` significant digits: English as Python's g format writes them (`grouped`: with its commas
    between thousands), uk and ru as the rest of their CLI writes numbers (num: a decimal comma, a space
    between thousands, NaN as a dash; an exponent keeps its form with the comma)."""
    written = f"{value:{',' if grouped else ''}.{digits}g}"
    if language() == "en":
        return written
    if "e" in written:
        return written.replace(".", ",")
    return num(float(written), len(written.partition(".")[2]))


def form(key: str, count: float) -> str:
    """The form of a noun that goes with `count` in the chosen language: `key`'s text lists the forms
    apart by "|" in the order of CLDR's plural categories (uk, ru: one|few|many, as in 1 день, 2 дні,
    5 днів, 21 день; en: one|other), and Babel's plural rules pick one."""
    return localize.plural(count, text(key, language()), language())


def error(exc: BaseException) -> str:
    """A library error in the chosen language, from its code and params by the web UI's tables (loaded
    only when a command fails); as str(exc) has it in English or when its code is not worded there."""
    if language() == "en":
        return str(exc)
    code = getattr(exc, "code", None) or ""
    if code.startswith("cli.") and code in TEXTS:  # the command line's own (cli/common.py)
        params = dict(exc.params)
        if "allowed" in params:
            quoted = [repr(value) for value in params["allowed"]]
            last = f" {say('cli.or')} "
            params["allowed"] = last.join([", ".join(quoted[:-1]), quoted[-1]] if len(quoted) > 1 else quoted)
        return say(code, **params)
    from segmint.web.messages import translate

    return translate(exc, language(), cli=True)  # an import's names --map, not the page's form field
