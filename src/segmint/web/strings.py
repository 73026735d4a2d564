"""Every interface string of the web UI, in English and Ukrainian (a test checks both are filled in).

Names from the data (segment names, family groups, persona names) are shown as stored; playbook texts
come in both languages from segmint.playbook.
"""

from __future__ import annotations

# fmt: off
STRINGS: dict[str, dict[str, str]] = {
    # layout
    "app_title": {"en": "segmint", "uk": "segmint"},
    "nav_dashboard": {"en": "Dashboard", "uk": "Огляд"},
    "nav_builder": {"en": "Segment builder", "uk": "Конструктор сегментів"},
    "nav_segments": {"en": "Segments", "uk": "Сегменти"},
    "nav_customers": {"en": "Customers", "uk": "Клієнти"},
    "nav_clusters": {"en": "Clusters", "uk": "Кластери"},
    "nav_imports": {"en": "Imports", "uk": "Імпорт"},
    "logout": {"en": "Log out", "uk": "Вийти"},
    "signed_in_as": {"en": "Role: {role}", "uk": "Роль: {role}"},
    "role_viewer": {"en": "viewer", "uk": "перегляд"},
    "role_editor": {"en": "editor", "uk": "редактор"},
    "role_admin": {"en": "admin", "uk": "адміністратор"},
    "language": {"en": "Language", "uk": "Мова"},
    # login
    "login_title": {"en": "Sign in", "uk": "Вхід"},
    "login_help": {"en": "Paste an API token. `segmint serve` prints the first admin token; "
                   "`segmint tokens create --role editor` makes more.",
                   "uk": "Вставте API-токен. `segmint serve` друкує перший токен адміністратора; "
                         "`segmint tokens create --role editor` створює інші."},
    "token": {"en": "API token", "uk": "API-токен"},
    "login_button": {"en": "Sign in", "uk": "Увійти"},
    "login_failed": {"en": "This token is unknown or revoked.", "uk": "Цей токен невідомий або відкликаний."},
    # errors
    "error_title": {"en": "Not allowed", "uk": "Заборонено"},
    "csrf_refused": {"en": "The request was refused: it did not come from this page (CSRF check). "
                     "Reload the page and try again.",
                     "uk": "Запит відхилено: він надійшов не з цієї сторінки (перевірка CSRF). "
                           "Оновіть сторінку й спробуйте ще раз."},
    "needs_editor": {"en": "This needs the editor role; your token has the viewer role.",
                     "uk": "Для цього потрібна роль редактора; ваш токен має роль перегляду."},
    "needs_admin": {"en": "This needs the admin role.", "uk": "Для цього потрібна роль адміністратора."},
    "not_found_title": {"en": "Not found", "uk": "Не знайдено"},
    "back_home": {"en": "Back to the dashboard", "uk": "Повернутися до огляду"},
    "page_not_found": {"en": "There is no page at this address.", "uk": "За цією адресою сторінки немає."},
    "not_a_page": {"en": "This address is not a page: a form sends its data here. Open the page from the "
                         "menu.",
                   "uk": "Ця адреса не є сторінкою: сюди форма надсилає дані. Відкрийте сторінку з меню."},
    "request_failed": {"en": "The request could not be answered.", "uk": "На запит не вдалося відповісти."},
    "server_error_title": {"en": "Something went wrong", "uk": "Сталася помилка"},
    "server_error": {"en": "This page could not be shown: an error occurred on the server. It is written to "
                           "the server's log; try again, and if it happens again, tell the administrator.",
                     "uk": "Цю сторінку не вдалося показати: на сервері сталася помилка. Її записано до "
                           "журналу сервера; спробуйте ще раз, а якщо повториться, "
                           "повідомте адміністратора."},
    "too_large_title": {"en": "Too large", "uk": "Завеликий запит"},
    "body_too_large": {"en": "The file is too large: this server takes at most {max_upload_mb} MB at once. "
                             "Split it into smaller files, or ask the administrator to raise max_upload_mb "
                             "in the [server] table of the workspace's segmint.toml.",
                       "uk": "Файл завеликий: цей сервер приймає щонайбільше {max_upload_mb} МБ за раз. "
                             "Розділіть його на менші файли або попросіть адміністратора збільшити "
                             "max_upload_mb у таблиці [server] файлу segmint.toml робочого простору."},
    "form_too_large": {"en": "This form is larger than a form sent before signing in may be.",
                       "uk": "Ця форма більша, ніж може бути форма, надіслана до входу."},
    "bad_link_title": {"en": "Wrong link", "uk": "Хибне посилання"},
    "bad_parameter": {"en": "The link lacks a value or has one that cannot be used: {names}.",
                      "uk": "У посиланні бракує значення або воно непридатне: {names}."},
    # dashboard
    "dashboard_title": {"en": "Dashboard", "uk": "Огляд"},
    "as_of": {"en": "as of {date}", "uk": "станом на {date}"},
    "kpi_customers": {"en": "Customers", "uk": "Клієнти"},
    "kpi_buyers": {"en": "Buyers in the period", "uk": "Покупці за період"},
    "kpi_revenue": {"en": "Revenue", "uk": "Виручка"},
    "kpi_aov": {"en": "Average order value", "uk": "Середній чек"},
    "kpi_frequency": {"en": "Orders per buyer", "uk": "Замовлень на покупця"},
    "kpi_retention": {"en": "Retention", "uk": "Утримання"},
    "kpi_churn": {"en": "Churn", "uk": "Відтік"},
    "kpi_clv": {"en": "Average predicted CLV", "uk": "Середній прогнозний CLV"},
    "kpi_nps": {"en": "NPS", "uk": "NPS"},
    "kpi_share": {"en": "Share of base", "uk": "Частка бази"},
    # the KPI period counts the days start < d <= end (docs/metrics.md): the label gives the first day counted
    "period": {"en": "Period {first} – {end}, both days included",
               "uk": "Період {first} – {end}, обидва дні включно"},
    "families": {"en": "Families", "uk": "Родини сегментів"},
    "group": {"en": "Group", "uk": "Група"},
    "customers": {"en": "Customers", "uk": "Клієнти"},
    "insights": {"en": "Insights", "uk": "Висновки"},
    "no_insights": {"en": "No insights yet: they compare refreshes on two dates (an editor refreshes on this "
                          "page with a date or earlier dates).",
                    "uk": "Висновків поки немає: вони порівнюють оновлення на дві дати (редактор оновлює на "
                          "цій сторінці з датою або минулими датами)."},
    "no_refresh": {"en": "Nothing computed yet: refresh first (the button on the dashboard).",
                   "uk": "Ще нічого не пораховано: спершу оновіть дані (кнопка на огляді)."},
    "refresh_button": {"en": "Refresh now", "uk": "Оновити зараз"},
    "refresh_help": {"en": "Recomputes every family and dynamic segment with the data stored now, on the "
                           "date given (empty: the workspace's today) and, if chosen, on earlier dates too.",
                     "uk": "Перераховує всі родини й динамічні сегменти з даними, що є зараз, на вказану "
                           "дату (порожньо: «сьогодні» робочого простору) і, якщо вибрано, ще й на минулі "
                           "дати."},
    "refresh_as_of": {"en": "As of", "uk": "На дату"},
    "refresh_as_of_placeholder": {"en": "today (YYYY-MM-DD)", "uk": "сьогодні (РРРР-ММ-ДД)"},
    "refresh_backfill": {"en": "Earlier dates", "uk": "Минулі дати"},
    "backfill_none": {"en": "none", "uk": "ні"},
    "backfill_monthly": {"en": "every month end from the first order",
                         "uk": "кінець кожного місяця від першого замовлення"},
    "backfill_weekly": {"en": "every Sunday from the first order",
                        "uk": "кожна неділя від першого замовлення"},
    "refresh_bad_date": {"en": "“{value}” is not a date: write it as 2011-06-30 or 30.06.2011.",
                         "uk": "«{value}» — не дата: напишіть її як 2011-06-30 або 30.06.2011."},
    "refresh_after_now": {"en": "{as_of} is after {now}, the workspace's today: refresh on it or an "
                                "earlier date.",
                          "uk": "{as_of} пізніше за {now}, «сьогодні» робочого простору: оновіть на цю або "
                                "ранішу дату."},
    "refresh_before_data": {"en": "{as_of} is before the data starts ({first}): there is nothing to compute "
                                  "on it.",
                            "uk": "{as_of} раніше за початок даних ({first}): на цю дату нічого "
                                  "обчислювати."},
    "refresh_queued": {"en": "Families and segments will be refreshed when the refresh running now has "
                             "finished; this page follows it.",
                       "uk": "Родини й сегменти буде оновлено, щойно завершиться оновлення, що триває "
                             "зараз; ця сторінка стежить за ним."},
    "refresh_running": {"en": "Refreshing families and segments (since {started})… Other pages answer "
                              "meanwhile, with the previous refresh's families and segments until this one "
                              "has finished. This page follows it.",
                        "uk": "Оновлюємо родини й сегменти (з {started})… Інші сторінки тим часом працюють, "
                              "з родинами й сегментами попереднього оновлення, доки це не завершиться. Ця "
                              "сторінка стежить за ним."},
    "refresh_finished": {"en": "Families and segments refreshed at {finished} ({seconds} s).",
                         "uk": "Родини й сегменти оновлено о {finished} ({seconds} с)."},
    "refresh_failed": {"en": "The refresh failed: families and segments are as before. Why:",
                       "uk": "Оновлення не вдалося: родини й сегменти такі, як були. Причина:"},
    "loading_kpis": {"en": "Computing the KPIs…", "uk": "Рахуємо показники…"},
    "loading_charts": {"en": "Drawing the history…", "uk": "Малюємо історію…"},
    "your_segments": {"en": "Segments", "uk": "Сегменти"},
    "new_segment": {"en": "New segment", "uk": "Новий сегмент"},
    # segment builder
    "fields": {"en": "Fields", "uk": "Поля"},
    "search_fields": {"en": "Search fields…", "uk": "Пошук полів…"},
    "no_fields": {"en": "No field matches.", "uk": "Жодне поле не підходить."},
    "conditions": {"en": "Conditions", "uk": "Умови"},
    "choose_field": {"en": "— field —", "uk": "— поле —"},
    "raw_condition": {"en": "A condition the form cannot show: edit its text",
                      "uk": "Умова, яку форма не може показати: редагуйте її текст"},
    "add_filter": {"en": "filter", "uk": "фільтр"},
    "add_group": {"en": "group", "uk": "група"},
    "add_here": {"en": "fields from the list go here", "uk": "поля зі списку додаються сюди"},
    "remove": {"en": "Remove", "uk": "Видалити"},
    "remove_group": {"en": "remove group", "uk": "видалити групу"},
    "not_word": {"en": "not", "uk": "не"},
    "logic_and": {"en": "all of (AND)", "uk": "усі умови (І)"},
    "logic_or": {"en": "any of (OR)", "uk": "будь-яка умова (АБО)"},
    "and_word": {"en": "and", "uk": "і"},
    "yes": {"en": "yes", "uk": "так"},
    "no": {"en": "no", "uk": "ні"},
    "comma_separated": {"en": "values, comma-separated", "uk": "значення через кому"},
    "date_placeholder": {"en": "YYYY-MM-DD", "uk": "РРРР-ММ-ДД"},
    "members_now": {"en": "Members now", "uk": "Учасників зараз"},
    "rule_error_at": {"en": "Line {line}, column {column}:", "uk": "Рядок {line}, стовпець {column}:"},
    "add_filters_hint": {"en": "Add filters from the list, or type a rule.",
                         "uk": "Додайте фільтри зі списку або введіть правило текстом."},
    "rule_text": {"en": "Rule as text", "uk": "Правило текстом"},
    "rule_text_help": {"en": "Edit the text and the form follows; edit the form and the text follows. "
                       "docs/rules.md describes the language.",
                       "uk": "Змініть текст — форма оновиться; змініть форму — оновиться текст. "
                             "Мову правил описано в docs/rules.md."},
    "save_segment": {"en": "Save as a segment", "uk": "Зберегти як сегмент"},
    "segment_name": {"en": "Name", "uk": "Назва"},
    "description": {"en": "Description", "uk": "Опис"},
    "kind_dynamic": {"en": "dynamic (re-evaluated on every refresh)",
                     "uk": "динамічний (оновлюється щоразу)"},
    "kind_static": {"en": "static (members frozen now)", "uk": "статичний (склад фіксується зараз)"},
    "save": {"en": "Save", "uk": "Зберегти"},
    "viewer_cannot_save": {"en": "Your token has the viewer role: you can build and count, but saving a "
                           "segment needs the editor role.",
                           "uk": "Ваш токен має роль перегляду: можна будувати й рахувати, "
                                 "але для збереження сегмента потрібна роль редактора."},
    "problem_value": {"en": "{field}: enter a value", "uk": "{field}: введіть значення"},
    "problem_number": {"en": "{field}: {value!r} is not a number", "uk": "{field}: {value!r} — не число"},
    "problem_date": {"en": "{field}: {value!r} is not a date (2024-01-31, 31.01.2024 or today - 90d)",
                     "uk": "{field}: {value!r} — не дата (2024-01-31, 31.01.2024 або today - 90d)"},
    "problem_window": {"en": "{field}: the time window is a number of days, weeks, months or years",
                       "uk": "{field}: часове вікно — це кількість днів, тижнів, місяців або років"},
    "problem_arg": {"en": "{field}: enter the {what}", "uk": "{field}: вкажіть значення ({what})"},
    "problem_unknown_field": {"en": "unknown field {field!r}", "uk": "невідоме поле {field!r}"},
    "op_=": {"en": "=", "uk": "="},
    "op_!=": {"en": "≠", "uk": "≠"},
    "op_<": {"en": "<", "uk": "<"},
    "op_<=": {"en": "≤", "uk": "≤"},
    "op_>": {"en": ">", "uk": ">"},
    "op_>=": {"en": "≥", "uk": "≥"},
    "op_between": {"en": "between", "uk": "між"},
    "op_not between": {"en": "not between", "uk": "не між"},
    "op_in": {"en": "is one of", "uk": "одне з"},
    "op_not in": {"en": "is none of", "uk": "жодне з"},
    "op_contains": {"en": "contains", "uk": "містить"},
    "op_not contains": {"en": "does not contain", "uk": "не містить"},
    "op_starts with": {"en": "starts with", "uk": "починається з"},
    "op_not starts with": {"en": "does not start with", "uk": "не починається з"},
    "op_is null": {"en": "is empty", "uk": "порожнє"},
    "op_is not null": {"en": "is not empty", "uk": "не порожнє"},
    "op_true": {"en": "is true", "uk": "так"},
    "op_count_true": {"en": "at least once", "uk": "хоча б раз"},
    "more_dates": {"en": "dates", "uk": "дати"},
    "param_within": {"en": "in the last", "uk": "за останні"},
    "param_between": {"en": "between", "uk": "між"},
    "param_before": {"en": "before", "uk": "до"},
    "param_after": {"en": "after", "uk": "після"},
    "param_category": {"en": "category", "uk": "категорія"},
    "param_product": {"en": "product", "uk": "товар"},
    "param_product_id": {"en": "product id", "uk": "код товару"},
    "param_channel": {"en": "channel", "uk": "канал"},
    "param_store": {"en": "store", "uk": "магазин"},
    "param_type": {"en": "event type", "uk": "тип події"},
    "param_campaign": {"en": "campaign", "uk": "кампанія"},
    "unit_d": {"en": "days", "uk": "днів"},
    "unit_w": {"en": "weeks", "uk": "тижнів"},
    "unit_m": {"en": "months", "uk": "місяців"},
    "unit_y": {"en": "years", "uk": "років"},
    "family_demographic": {"en": "Demographic", "uk": "Демографічні"},
    "family_geographic": {"en": "Geographic", "uk": "Географічні"},
    "family_psychographic": {"en": "Psychographic", "uk": "Психографічні"},
    "family_technographic": {"en": "Technographic", "uk": "Технографічні"},
    "family_behavioural": {"en": "Behavioural", "uk": "Поведінкові"},
    "family_engagement": {"en": "Engagement", "uk": "Залученість"},
    "family_predictive": {"en": "Predictive", "uk": "Прогнозні"},
    "family_membership": {"en": "Membership", "uk": "Членство"},
    # segments
    "kind": {"en": "Kind", "uk": "Тип"},
    "kind_dynamic_short": {"en": "dynamic", "uk": "динамічний"},
    "kind_static_short": {"en": "static", "uk": "статичний"},
    "members": {"en": "Members", "uk": "Учасники"},
    "rule": {"en": "Rule", "uk": "Правило"},
    "edit": {"en": "edit", "uk": "змінити"},
    "no_segment": {"en": "No segment has this name.", "uk": "Сегмента з такою назвою немає."},
    "no_segments": {"en": "No segments yet.", "uk": "Сегментів ще немає."},
    "playbook": {"en": "Playbook", "uk": "Рекомендації"},
    "channel": {"en": "Channel", "uk": "Канал"},
    "size_history": {"en": "Size over time", "uk": "Розмір у часі"},
    "no_history": {"en": "No history yet.", "uk": "Історії ще немає."},
    "movement": {"en": "Who stayed, left and entered", "uk": "Хто залишився, пішов і прийшов"},
    "movement_summary": {"en": "{stayed} stayed, {left} left, {entered} entered",
                         "uk": "залишилися {stayed}, пішли {left}, прийшли {entered}"},
    "no_movement": {
        "en": "Needs two refresh dates; it has been computed on one so far. A refresh on a later reference "
              "date adds another; the dashboard's refresh with a date (or earlier dates: every month end) "
              "computes it on earlier ones.",
        "uk": "Потрібні дві дати оновлення; поки його обчислено на одну. Оновлення на пізнішу дату "
              "розрахунку додасть ще одну; оновлення на огляді з датою (або минулими датами: кінець кожного "
              "місяця) обчислить його на раніші."},
    "builder_no_segment": {
        "en": "There is no segment named “{name}” (renamed or deleted?): this page makes a new segment.",
        "uk": "Сегмента з назвою «{name}» немає (перейменовано чи видалено?): ця сторінка створює новий "
              "сегмент."},
    "builder_segment_renamed": {
        "en": "Nothing was saved: the segment “{name}” was renamed to “{new_name}” after this page was "
              "opened. Saving again makes a new segment with this rule; to change “{new_name}”, open it in "
              "the builder.",
        "uk": "Нічого не збережено: сегмент «{name}» перейменовано на «{new_name}» після того, як цю "
              "сторінку відкрили. Повторне збереження створить новий сегмент із цим правилом; щоб "
              "змінити «{new_name}», відкрийте його в конструкторі."},
    "builder_segment_gone": {
        "en": "Nothing was saved: the segment “{name}” was deleted after this page was opened. Saving "
              "again makes a new segment with this rule.",
        "uk": "Нічого не збережено: сегмент «{name}» видалено після того, як цю сторінку відкрили. "
              "Повторне збереження створить новий сегмент із цим правилом."},
    "edit_name_description": {"en": "Rename or describe", "uk": "Перейменувати чи описати"},
    "rule_group_gone": {
        "en": "This rule names a group that is gone, so that condition matches nobody: {problem}. Edit the "
              "rule to a group the workspace has.",
        "uk": "Це правило називає групу, якої вже немає, тож ця умова не відбирає нікого: {problem}. Змініть "
              "правило на групу, яка є в робочому просторі."},
    "static_by_ids_note": {
        "en": "This static segment's members were picked by id. Saving with no rule changes only its name "
              "and description; a rule would replace its members.",
        "uk": "Учасників цього статичного сегмента вибрано за кодами. Збереження без правила змінює лише "
              "назву й опис; правило замінило б учасників."},
    "nobody_either_date": {"en": "Nobody was in the segment on {start} or on {end}.",
                           "uk": "У сегменті не було нікого ні {start}, ні {end}."},
    "sankey_in": {"en": "In the segment on {date}", "uk": "У сегменті {date}"},
    "sankey_out": {"en": "Not in it on {date}", "uk": "Поза сегментом {date}"},
    "export_csv": {"en": "Export CSV", "uk": "Експорт CSV"},
    "family": {"en": "Family", "uk": "Родина"},
    "groups_sizes": {"en": "Groups and their customers", "uk": "Групи та їхні клієнти"},
    "no_family": {"en": "No family is named “{name}”.", "uk": "Родини з назвою «{name}» немає."},
    "family_groups": {"en": "Groups now", "uk": "Групи зараз"},
    "transitions": {"en": "Who moved where", "uk": "Хто куди перейшов"},
    "transitions_need_dates": {
        "en": "Transitions need two computed dates; this family has {count}. Refresh on an earlier date "
              "(the dashboard's refresh, with a date or earlier dates) to see who moved.",
        "uk": "Для переходів потрібні дві обчислені дати; у цієї родини їх {count}. Оновіть на ранішу дату "
              "(оновлення на огляді, з датою або минулими датами), щоб побачити, хто куди перейшов."},
    "transitions_from": {"en": "From", "uk": "З"},
    "transitions_to": {"en": "to", "uk": "по"},
    "show": {"en": "Show", "uk": "Показати"},
    "transitions_pick_dates": {"en": "Pick two of the family's computed dates: {dates}.",
                               "uk": "Виберіть дві з обчислених дат родини: {dates}."},
    "transitions_order": {"en": "The first date must be before the second.",
                          "uk": "Перша дата має бути раніше за другу."},
    "transitions_help": {
        "en": "Rows: the group on {start}; columns: the group on {end}. The highlighted diagonal is who "
              "stayed.",
        "uk": "Рядки: група {start}; стовпці: група {end}. Виділена діагональ — ті, хто залишився."},
    "not_in_family": {"en": "(not in it)", "uk": "(поза родиною)"},
    "transitions_total": {"en": "Total", "uk": "Усього"},
    "family_page_link": {"en": "groups and transitions", "uk": "групи й переходи"},
    "members_none": {"en": "Nobody is in the segment now: its rule selects no customer.",
                     "uk": "У сегменті зараз нікого немає: його правило не відбирає жодного клієнта."},
    "members_none_static": {"en": "Nobody is in the segment now.", "uk": "У сегменті зараз нікого немає."},
    "members_none_found": {"en": "No member matches “{q}”.", "uk": "Жоден учасник не відповідає «{q}»."},
    "value_not_in_data": {"en": "No {field} is “{value}” in the data: this condition selects nobody.",
                          "uk": "У даних немає {field} «{value}»: ця умова не відбирає нікого."},
    "value_field_empty": {"en": "The data has no {field} at all: this condition selects nobody.",
                          "uk": "У даних немає жодного значення {field}: ця умова не відбирає нікого."},
    "value_not_in_data_hint": {
        "en": "No {field} is “{value}” in the data: this condition selects nobody. Did you mean “{hint}”?",
        "uk": "У даних немає {field} «{value}»: ця умова не відбирає нікого. Можливо, «{hint}»?"},
    "movers": {"en": "Who entered and who left", "uk": "Хто прийшов і хто пішов"},
    "stay_summary": {"en": "Stays in the segment: {stays} ({ongoing} ongoing), {mean} days on average, the "
                           "longest {longest} days.",
                     "uk": "Перебувань у сегменті: {stays} (триває {ongoing}), у середньому {mean} дн., "
                           "найдовше {longest} дн."},
    "movement_pick_dates": {"en": "Pick two of the dates the segment was computed on: {dates}.",
                            "uk": "Виберіть дві з дат, на які обчислено сегмент: {dates}."},
    "movers_entered": {"en": "Entered: {count}", "uk": "Прийшли: {count}"},
    "movers_left": {"en": "Left: {count}", "uk": "Пішли: {count}"},
    "movers_more": {"en": "…and {count} more.", "uk": "…і ще {count}."},
    "movers_csv": {"en": "All {count} as CSV", "uk": "Усі {count} у CSV"},
    "movers_none": {"en": "Nobody.", "uk": "Ніхто."},
    "change_members": {"en": "Add or remove members", "uk": "Додати чи прибрати учасників"},
    "customer_ids": {"en": "Customer ids", "uk": "Коди клієнтів"},
    "customer_ids_help": {"en": "One a line, or separated by commas, semicolons or spaces.",
                          "uk": "По одному в рядку або через кому, крапку з комою чи пробіл."},
    "add_members": {"en": "Add", "uk": "Додати"},
    "remove_members": {"en": "Remove", "uk": "Прибрати"},
    "no_ids_typed": {"en": "Type or paste at least one customer id.",
                     "uk": "Введіть або вставте хоча б один код клієнта."},
    "member_action_unknown": {"en": "The members are added or removed, not '{action}': nothing was changed.",
                              "uk": "Учасників додають або прибирають, а не '{action}': нічого не змінено."},
    "members_added": {"en": "Members added: {count}.", "uk": "Додано учасників: {count}."},
    "members_removed": {"en": "Members removed: {count}.", "uk": "Прибрано учасників: {count}."},
    "delete_segment": {"en": "Delete this segment", "uk": "Видалити цей сегмент"},
    "delete_confirm": {"en": "Yes, delete the segment, its members and its history",
                       "uk": "Так, видалити сегмент, його учасників та історію"},
    "delete_confirm_missing": {"en": "Nothing was deleted: tick the box to confirm first.",
                               "uk": "Нічого не видалено: спершу поставте позначку підтвердження."},
    "segment_deleted": {"en": "The segment “{name}” was deleted.", "uk": "Сегмент «{name}» видалено."},
    "search_members": {"en": "Search by id, name, email or phone…",
                       "uk": "Пошук за кодом, ім’ям, email або телефоном…"},
    "members_found": {"en": "Members found: {total}", "uk": "Знайдено учасників: {total}"},
    "previous": {"en": "previous", "uk": "попередня"},
    "next": {"en": "next", "uk": "наступна"},
    "page_of": {"en": "page {page} of {pages}", "uk": "сторінка {page} з {pages}"},
    # customers
    "no_customer": {"en": "No customer has this id.", "uk": "Клієнта з таким кодом немає."},
    "customers_found": {"en": "Customers found: {total}", "uk": "Знайдено клієнтів: {total}"},
    "full_name": {"en": "Name", "uk": "Ім’я"},
    "phone": {"en": "Phone", "uk": "Телефон"},
    "city": {"en": "City", "uk": "Місто"},
    "attributes": {"en": "Attributes", "uk": "Атрибути"},
    "current_segments": {"en": "Segments now", "uk": "Сегменти зараз"},
    "none": {"en": "none", "uk": "немає"},
    "predictions": {"en": "Predictions", "uk": "Прогнози"},
    "pred_clv_12m": {"en": "CLV, next 12 months", "uk": "CLV на 12 місяців"},
    "pred_expected_purchases_12m": {"en": "Expected purchases, 12 months",
                                    "uk": "Очікувані покупки за 12 місяців"},
    "pred_p_alive": {"en": "Probability still active", "uk": "Ймовірність, що клієнт активний"},
    "pred_churn_probability": {"en": "Churn probability", "uk": "Ймовірність відтоку"},
    "pred_churn_risk": {"en": "Churn risk", "uk": "Ризик відтоку"},
    "pred_rfm_score": {"en": "RFM score", "uk": "RFM-оцінка"},
    "pred_favourite_category": {"en": "Favourite category", "uk": "Улюблена категорія"},
    "pred_cluster": {"en": "Cluster", "uk": "Кластер"},
    "pred_cluster_name": {"en": "Persona", "uk": "Персона"},
    "orders": {"en": "Orders", "uk": "Замовлення"},
    "orders_summary": {"en": "{count} in all, {completed} completed, {total} spent",
                       "uk": "усього {count}, виконано {completed}, на суму {total}"},
    # number units the builder shows as a value's placeholder (segmint.rules.fields Filter.unit)
    "unit_currency": {"en": "amount", "uk": "сума"},
    "unit_days": {"en": "days", "uk": "днів"},
    "unit_years": {"en": "years", "uk": "років"},
    # customer columns (the profile's attributes, the members table's headings)
    "col_customer_id": {"en": "Customer id", "uk": "Код клієнта"},
    "col_source": {"en": "Source", "uk": "Джерело"},
    "col_first_name": {"en": "First name", "uk": "Ім’я"},
    "col_last_name": {"en": "Last name", "uk": "Прізвище"},
    "col_full_name": {"en": "Name", "uk": "Повне ім’я"},
    "col_email": {"en": "Email", "uk": "Email"},
    "col_phone": {"en": "Phone", "uk": "Телефон"},
    "col_gender": {"en": "Gender", "uk": "Стать"},
    "col_birth_date": {"en": "Birth date", "uk": "Дата народження"},
    "col_birth_year": {"en": "Birth year", "uk": "Рік народження"},
    "col_city": {"en": "City", "uk": "Місто"},
    "col_region": {"en": "Region", "uk": "Регіон"},
    "col_country": {"en": "Country", "uk": "Країна"},
    "col_language": {"en": "Language", "uk": "Мова"},
    "col_income": {"en": "Income", "uk": "Дохід"},
    "col_income_band": {"en": "Income band", "uk": "Рівень доходу"},
    "col_occupation": {"en": "Occupation", "uk": "Рід занять"},
    "col_marital_status": {"en": "Marital status", "uk": "Сімейний стан"},
    "col_education": {"en": "Education", "uk": "Освіта"},
    "col_signup_date": {"en": "Signed up", "uk": "Дата реєстрації"},
    "col_acquisition_source": {"en": "Acquisition source", "uk": "Джерело залучення"},
    "col_acquisition_channel": {"en": "Acquisition channel", "uk": "Канал залучення"},
    "col_device": {"en": "Device", "uk": "Пристрій"},
    "col_os": {"en": "Operating system", "uk": "Операційна система"},
    "col_interests": {"en": "Interests", "uk": "Інтереси"},
    "col_values": {"en": "Values", "uk": "Цінності"},
    "col_consent_email": {"en": "Email consent", "uk": "Згода на email"},
    "col_consent_sms": {"en": "SMS consent", "uk": "Згода на SMS"},
    "col_tags": {"en": "Tags", "uk": "Мітки"},
    "col_status": {"en": "Status", "uk": "Статус"},
    "col_custom": {"en": "Other attributes", "uk": "Інші атрибути"},
    "col_merged_into": {"en": "Merged into", "uk": "Об’єднано з"},
    "col_imported_at": {"en": "Imported", "uk": "Імпортовано"},
    "date": {"en": "Date", "uk": "Дата"},
    "total": {"en": "Total", "uk": "Сума"},
    "discount": {"en": "Discount", "uk": "Знижка"},
    "order_number": {"en": "Order", "uk": "Номер замовлення"},
    # an order's status (segmint.ingest.fields.ORDER_STATUSES) on the customer's page
    "order_status_completed": {"en": "completed", "uk": "виконано"},
    "order_status_pending": {"en": "pending", "uk": "очікує"},
    "order_status_cancelled": {"en": "cancelled", "uk": "скасовано"},
    "order_status_returned": {"en": "returned", "uk": "повернено"},
    "order_status_adjustment": {"en": "adjustment", "uk": "коригування"},
    "status": {"en": "Status", "uk": "Статус"},
    "events": {"en": "Events", "uk": "Події"},
    "event_type": {"en": "Event type", "uk": "Тип події"},
    "count": {"en": "Count", "uk": "Кількість"},
    "last": {"en": "Latest", "uk": "Остання"},
    "segment_history": {"en": "Segment history", "uk": "Історія сегментів"},
    "segment": {"en": "Segment", "uk": "Сегмент"},
    "from": {"en": "From", "uk": "З"},
    "to": {"en": "To", "uk": "По"},
    "now": {"en": "now", "uk": "досі"},
    # clusters
    "no_clusters": {"en": "No clustering yet.", "uk": "Кластеризації ще немає."},
    "fit_clusters": {"en": "Find clusters now", "uk": "Знайти кластери зараз"},
    "fit_clusters_again": {"en": "Fit the clusters again", "uk": "Перерахувати кластери"},
    "fit_clusters_help": {"en": "Runs in the request: seconds on a shop of thousands, minutes at a million "
                                "customers.",
                          "uk": "Виконується в запиті: секунди для тисяч клієнтів, хвилини для мільйона."},
    "fit_needs_editor": {"en": "An editor can fit one on this page.",
                         "uk": "Редактор може запустити її на цій сторінці."},
    "clusters_run": {"en": "{method}, k = {k}, {customers} customers, as of {date}",
                     "uk": "{method}, k = {k}, клієнтів: {customers}, станом на {date}"},
    # a noun's forms after a number, by CLDR's plural categories (the |plural filter: en one|other, uk/ru
    # one|few|many): 1 клієнт, 72 клієнти, 411 клієнтів
    "customers_forms": {"en": "customer|customers", "uk": "клієнт|клієнти|клієнтів"},
    "w_who": {"en": "Who", "uk": "Хто"},
    "w_what": {"en": "What", "uk": "Що"},
    "w_why": {"en": "Why", "uk": "Чому"},
    "w_when": {"en": "When", "uk": "Коли"},
    "w_where": {"en": "Where", "uk": "Де"},
    "stands_out": {"en": "What sets them apart", "uk": "Чим вирізняються"},
    "stands_out_none": {"en": "Nothing: every difference from the rest of the base is negligible "
                              "(|d| < {d}).",
                        "uk": "Нічим: кожна відмінність від решти бази незначна (|d| < {d})."},
    "rest": {"en": "the rest:", "uk": "решта:"},
    "rule_quality": {"en": "precision {precision}, recall {recall}",
                     "uk": "точність {precision}, повнота {recall}"},
    "open_in_builder": {"en": "Open in the segment builder", "uk": "Відкрити в конструкторі"},
    # imports
    "upload": {"en": "Import a file", "uk": "Імпортувати файл"},
    "file": {"en": "File", "uk": "Файл"},
    "entity": {"en": "What the file holds", "uk": "Що містить файл"},
    # what an imported file holds (segmint.ingest.ENTITIES), as the import pages name it
    "entity_customers": {"en": "customers", "uk": "клієнти"},
    "entity_orders": {"en": "orders", "uk": "замовлення"},
    "entity_order-items": {"en": "order-items", "uk": "рядки замовлень"},
    "entity_events": {"en": "events", "uk": "події"},
    "entity_products": {"en": "products", "uk": "товари"},
    "preset": {"en": "Preset", "uk": "Шаблон"},
    "no_preset": {"en": "none: map columns by name", "uk": "без шаблону: колонки за назвою"},
    "mapping": {"en": "Column mapping", "uk": "Відповідність колонок"},
    "mapping_help": {"en": "One SOURCE=FIELD per line; columns not listed are matched by name "
                     "(docs/import.md lists the fields).",
                     "uk": "По одному ДЖЕРЕЛО=ПОЛЕ на рядок; інші колонки зіставляються за назвою "
                           "(поля описано в docs/import.md)."},
    "columns_found": {"en": "The file's columns (encoding {encoding}, delimiter {delimiter!r}) and the field "
                      "each fills; change any:",
                      "uk": "Колонки файлу (кодування {encoding}, роздільник {delimiter!r}) і поле, яке "
                            "заповнює кожна; змініть за потреби:"},
    "columns_text_only": {"en": "Columns are matched by name for this kind of file; use the mapping box to "
                          "change a match.",
                          "uk": "Для такого файлу колонки зіставляються за назвою; змінити відповідність "
                                "можна в полі нижче."},
    "field": {"en": "Field", "uk": "Поле"},
    "automatic": {"en": "— automatic —", "uk": "— автоматично —"},
    # the import form's placeholders: left empty, the encoding, delimiter and date format are detected
    "auto_encoding": {"en": "auto (utf-8, cp1251…)", "uk": "автоматично (utf-8, cp1251…)"},
    "auto_delimiter": {"en": "auto", "uk": "автоматично"},
    "auto_date_format": {"en": "auto (%d.%m.%Y…)", "uk": "автоматично (%d.%m.%Y…)"},
    "ignore_column": {"en": "ignore", "uk": "ігнорувати"},
    "target_fields": {"en": "Fields each kind of file can fill", "uk": "Поля, які може заповнити кожен файл"},
    "required_fields": {"en": "* required", "uk": "* обов’язкове"},
    "encoding": {"en": "Encoding", "uk": "Кодування"},
    "delimiter": {"en": "Delimiter", "uk": "Роздільник"},
    "date_format": {"en": "Date format", "uk": "Формат дат"},
    "import_button": {"en": "Import", "uk": "Імпортувати"},
    "past_imports": {"en": "Past imports", "uk": "Попередні імпорти"},
    "import_running_now": {
        "en": "Importing {file} ({entity}) since {started}: its rows appear here when it has finished. Other "
              "pages answer meanwhile.",
        "uk": "Імпортуємо {file} ({entity}) з {started}: його рядки з’являться тут, щойно він завершиться. "
              "Інші сторінки тим часом працюють."},
    "import_queued_now": {
        "en": "{file} ({entity}) waits for the import before it: one import runs at a time.",
        "uk": "{file} ({entity}) чекає на імпорт перед ним: імпорти йдуть по одному."},
    "import_title": {"en": "Import", "uk": "Імпорт"},
    "rows_read": {"en": "Rows read", "uk": "Прочитано рядків"},
    "inserted": {"en": "New", "uk": "Нових"},
    "updated": {"en": "Updated", "uk": "Оновлено"},
    "unchanged": {"en": "Unchanged", "uk": "Без змін"},
    "quarantined": {"en": "Quarantined", "uk": "У карантині"},
    "finished": {"en": "finished", "uk": "завершено"},
    "running": {"en": "running", "uk": "триває"},
    "quarantine": {"en": "Quarantine: rows that did not land", "uk": "Карантин: рядки, що не завантажилися"},
    "row": {"en": "Row", "uk": "Рядок"},
    "column": {"en": "Column", "uk": "Колонка"},
    "value": {"en": "Value", "uk": "Значення"},
    "reason": {"en": "Reason", "uk": "Причина"},
    "first_rows": {"en": "The first {n} rows are shown.", "uk": "Показано перші {n} рядків."},
    "download_all_csv": {"en": "Download them all as CSV", "uk": "Завантажити всі як CSV"},
    "nothing_quarantined": {"en": "Every row landed.", "uk": "Усі рядки завантажено."},
    "import_refresh_queued": {
        "en": "Families and segments will be refreshed with this import's rows when the refresh running "
              "now has finished; this page follows it.",
        "uk": "Родини й сегменти буде оновлено з рядками цього імпорту, щойно завершиться оновлення, що "
              "триває зараз; ця сторінка стежить за ним."},
    "import_refresh_running": {
        "en": "Refreshing families and segments with this import's rows (since {started})… Other pages "
              "answer meanwhile: they show the imported rows already, and the previous refresh's families "
              "and segments until this one has finished. This page follows it.",
        "uk": "Оновлюємо родини й сегменти з рядками цього імпорту (з {started})… Інші сторінки тим часом "
              "працюють: вони вже показують імпортовані рядки, а родини й сегменти попереднього оновлення, "
              "доки це не завершиться. Ця сторінка стежить за ним."},
    "import_refresh_finished": {
        "en": "Families and segments refreshed with this import's rows at {finished} ({seconds} s).",
        "uk": "Родини й сегменти оновлено з рядками цього імпорту о {finished} ({seconds} с)."},
    "import_refresh_failed": {
        "en": "The refresh after this import failed: families and segments are as before (the imported "
              "rows are kept). Why:",
        "uk": "Оновлення після цього імпорту не вдалося: родини й сегменти такі, як були (імпортовані "
              "рядки збережено). Причина:"},
    "refresh_running_refused": {
        "en": "Refused while families and segments are being refreshed (refresh {refresh_id}): it would "
              "conflict with the refresh's results. Nothing was changed; try again when it has finished.",
        "uk": "Відхилено, поки оновлюються родини й сегменти (оновлення {refresh_id}): це суперечило б "
              "його результатам. Нічого не змінено; спробуйте ще раз, коли воно завершиться."},
    "no_file": {"en": "Choose a file to import.", "uk": "Виберіть файл для імпорту."},
    "choose_file_again": {
        "en": "Your choices are kept below; choose the file again (a browser does not keep it).",
        "uk": "Ваш вибір збережено нижче; виберіть файл ще раз (браузер його не зберігає)."},
    "create_missing_customers": {"en": "Create missing customers", "uk": "Створити відсутніх клієнтів"},
    "create_missing_customers_help": {
        "en": "Orders and events naming a customer the workspace does not know create that customer instead "
              "of going to quarantine.",
        "uk": "Замовлення й події клієнта, якого ще немає, створюють цього клієнта, а не йдуть у карантин."},
    "rejected_values": {"en": "Values left out of rows that landed",
                        "uk": "Значення, пропущені в завантажених рядках"},
    "rejected_values_help": {
        "en": "These rows landed without the value shown (an invalid e-mail, an impossible date): fix them "
              "in the file and import it again.",
        "uk": "Ці рядки завантажено без показаного значення (недійсний e-mail, неможлива дата): виправте їх "
              "у файлі й імпортуйте його ще раз."},
    "record_key": {"en": "Key", "uk": "Ключ"},
    "import_conflict": {
        "en": "{file}: another write changed rows this import writes while it ran (a trigger tagging "
              "customers, say), {attempts} times in a row. Nothing of it was stored: send it again.",
        "uk": "{file}: поки імпорт тривав, інший запис змінив рядки, які він записує (скажімо, тригер, що "
              "додає клієнтам тег), {attempts} рази поспіль. Нічого з нього не збережено: надішліть файл "
              "ще раз."},
    "no_import": {"en": "No import has this id.", "uk": "Імпорту з таким кодом немає."},
    # campaigns
    "nav_campaigns": {"en": "Campaigns", "uk": "Кампанії"},
    "new_campaign": {"en": "New campaign", "uk": "Нова кампанія"},
    "no_campaigns": {"en": "No campaigns yet.", "uk": "Кампаній ще немає."},
    "no_campaign": {"en": "No campaign has this name.", "uk": "Кампанії з такою назвою немає."},
    "campaign_name": {"en": "Campaign", "uk": "Кампанія"},
    "created": {"en": "Created", "uk": "Створено"},
    "campaign_status_draft": {"en": "draft", "uk": "чернетка"},
    "campaign_status_sending": {"en": "sending", "uk": "надсилається"},
    "campaign_status_sent": {"en": "sent", "uk": "надіслано"},
    "outbox_queued": {"en": "Queued", "uk": "У черзі"},
    "outbox_sending": {"en": "Sending", "uk": "Надсилаються"},
    "outbox_uncertain": {"en": "Uncertain", "uk": "Невідомо"},
    "outbox_sent": {"en": "Sent", "uk": "Надіслано"},
    "outbox_failed": {"en": "Failed", "uk": "Помилка"},
    "outbox_skipped": {"en": "Skipped", "uk": "Пропущено"},
    "targets": {"en": "Targets", "uk": "Цілі"},
    "targets_help": {"en": "Segments and family groups; a customer in several is reached through the first.",
                     "uk": "Сегменти та групи родин; клієнт у кількох отримує повідомлення через першу."},
    "campaign_no_target": {"en": "Choose at least one target (a segment or a family group).",
                           "uk": "Виберіть хоча б одну ціль (сегмент або групу родини)."},
    "campaign_holdout_range": {
        "en": "Holdout, %: {value} is not a percentage from 0 to under 100.",
        "uk": "Контрольна група, %: {value} не є відсотком від 0 до менш ніж 100."},
    "campaign_days_range": {
        "en": "Attribution window, days: {value} is not a whole number of days from 1 to {most}.",
        "uk": "Вікно атрибуції, днів: {value} не є цілою кількістю днів від 1 до {most}."},
    "campaign_unreadable": {"en": "{field}: cannot read {value!r}; write a number (a decimal comma is fine).",
                            "uk": "{field}: не вдається прочитати {value!r}; впишіть число (можна з комою)."},
    "no_targets": {"en": "No segments or family groups yet: run a refresh first.",
                   "uk": "Сегментів і груп ще немає: спершу запустіть оновлення."},
    "subject_template": {"en": "Subject (email)", "uk": "Тема (email)"},
    "body_template": {"en": "Message", "uk": "Повідомлення"},
    "template_help": {"en": "Jinja templates with the fields name, first_name, city, favourite_category, "
                      "last_purchase_date, recommended_category… (docs/campaigns.md).",
                      "uk": "Шаблони Jinja з полями name, first_name, city, favourite_category, "
                            "last_purchase_date, recommended_category… (docs/campaigns.md)."},
    "variants": {"en": "Variants (comma-separated)", "uk": "Варіанти (через кому)"},
    "holdout_share": {"en": "Holdout, %", "uk": "Контрольна група, %"},
    "cost_per_message": {"en": "Cost per message", "uk": "Вартість повідомлення"},
    "attribution_days": {"en": "Attribution window, days", "uk": "Вікно атрибуції, днів"},
    "create_campaign": {"en": "Create campaign", "uk": "Створити кампанію"},
    "campaign_facts": {"en": "Holdout {holdout} · cost per message {cost} · attribution {days} · "
                       "variants {variants}",
                       "uk": "Контрольна група {holdout} · вартість повідомлення {cost} · "
                             "атрибуція {days} · варіанти {variants}"},
    "launched_at": {"en": "launched {date}", "uk": "запущено {date}"},
    "audience": {"en": "Audience", "uk": "Аудиторія"},
    "target": {"en": "Target", "uk": "Ціль"},
    "arm": {"en": "Arm", "uk": "Група"},
    "arm_holdout": {"en": "holdout", "uk": "контрольна група"},
    "recipients": {"en": "Recipients", "uk": "Одержувачі"},
    "no_recipients": {"en": "Nobody is targeted.", "uk": "Одержувачів немає."},
    "excluded": {"en": "Left out", "uk": "Не включено"},
    "cannot_do_title": {"en": "Cannot do that", "uk": "Неможливо виконати"},
    "left_out_merged": {"en": "merged", "uk": "об’єднано"},
    "left_out_no_consent": {"en": "no consent", "uk": "немає згоди"},
    "left_out_no_address": {"en": "no address", "uk": "немає адреси"},
    "left_out_unsubscribed": {"en": "unsubscribed", "uk": "відписалися"},
    "left_out_frequency_cap": {"en": "frequency cap", "uk": "ліміт частоти"},
    "left_out_duplicate_address": {"en": "duplicate address", "uk": "повторна адреса"},
    "recent_firings": {"en": "Recent firings", "uk": "Останні спрацювання"},
    "occurred": {"en": "Happened", "uk": "Подія"},
    "due_at": {"en": "Due", "uk": "Час виконання"},
    "detail": {"en": "Detail", "uk": "Подробиці"},
    "outbox": {"en": "Outbox", "uk": "Черга надсилання"},
    "recent_errors": {"en": "Recent errors", "uk": "Останні помилки"},
    "customer": {"en": "Customer", "uk": "Клієнт"},
    "address": {"en": "Address", "uk": "Адреса"},
    "attempts": {"en": "Attempts", "uk": "Спроби"},
    "error": {"en": "Error", "uk": "Помилка"},
    "confirm_send": {"en": "Yes, send this campaign's messages now ({channel})",
                     "uk": "Так, надіслати повідомлення кампанії зараз ({channel})"},
    "confirm_send_missing": {"en": "Tick the confirmation box to send.",
                             "uk": "Позначте підтвердження, щоб надіслати."},
    "send_button": {"en": "Send", "uk": "Надіслати"},
    "send_done": {"en": "Send finished", "uk": "Надсилання завершено"},
    "send_summary": {"en": "Queued now: {queued} · sent: {sent} · failed: {failed} · still queued: {left}",
                     "uk": "Додано в чергу: {queued} · надіслано: {sent} · помилок: {failed} · "
                           "ще в черзі: {left}"},
    "send_running": {"en": "Sending… {done} of {total} messages handled ({failed} failed); "
                           "this page follows it.",
                     "uk": "Надсилається… оброблено {done} з {total} повідомлень (помилок: {failed}); "
                           "сторінка стежить за цим."},
    "send_started_already": {"en": "This campaign is being sent already.",
                             "uk": "Ця кампанія вже надсилається."},
    "skipped": {"en": "Skipped", "uk": "Пропущено"},
    "message_preview": {"en": "Message preview", "uk": "Перегляд повідомлення"},
    "customer_id": {"en": "Customer id", "uk": "Код клієнта"},
    "preview_button": {"en": "Preview", "uk": "Показати"},
    "preview_for": {"en": "Customer {customer}, target {target}, variant {variant}",
                    "uk": "Клієнт {customer}, ціль {target}, варіант {variant}"},
    "preview_gets": {"en": "gets this message", "uk": "отримає це повідомлення"},
    "preview_holdout": {"en": "in the holdout: not sent", "uk": "у контрольній групі: не надсилається"},
    "preview_not_recipient": {"en": "not a recipient of this campaign", "uk": "не одержувач цієї кампанії"},
    "subject": {"en": "Subject", "uk": "Тема"},
    "export_audience": {"en": "Export the audience", "uk": "Експорт аудиторії"},
    "export_generic_csv": {"en": "CSV for Excel", "uk": "CSV для Excel"},
    "export_help": {"en": "Recipients who get a message (holdout left out), in the import layouts of "
                    "mailing services.",
                    "uk": "Одержувачі повідомлення (без контрольної групи) у форматах імпорту "
                          "сервісів розсилок."},
    "results": {"en": "Results", "uk": "Результати"},
    "results_window": {"en": "Purchases from {start} to {end}", "uk": "Покупки з {start} до {end}"},
    "results_after_send": {"en": "Results are measured once the campaign is sent.",
                           "uk": "Результати вимірюються після надсилання кампанії."},
    "conversion": {"en": "Conversion", "uk": "Конверсія"},
    "revenue_per_recipient": {"en": "Revenue per recipient", "uk": "Виручка на одержувача"},
    "uplift": {"en": "Uplift", "uk": "Приріст"},
    "uplift_interval": {"en": "95% interval", "uk": "95% інтервал"},
    "p_value": {"en": "p-value", "uk": "p-значення"},
    "probability_to_beat": {"en": "P(beats holdout)", "uk": "P(краще за контроль)"},
    "cost": {"en": "Cost", "uk": "Вартість"},
    "roi": {"en": "ROI", "uk": "ROI"},
    "control_arm": {"en": "control", "uk": "контроль"},
    "no_holdout_note": {"en": "no holdout in this segment", "uk": "у цьому сегменті немає контрольної групи"},
    "results_all_segments": {"en": "All segments", "uk": "Усі сегменти"},
    "results_all_variants": {"en": "All variants", "uk": "Усі варіанти"},
    # triggers
    "nav_triggers": {"en": "Triggers", "uk": "Тригери"},
    "no_triggers": {"en": "No triggers yet.", "uk": "Тригерів ще немає."},
    "no_trigger": {"en": "No trigger has this name.", "uk": "Тригера з такою назвою немає."},
    "new_trigger": {"en": "New trigger", "uk": "Новий тригер"},
    "trigger_name": {"en": "Trigger", "uk": "Тригер"},
    "trigger_when": {"en": "When", "uk": "Коли"},
    "trigger_target": {"en": "Segment, family group or event type",
                       "uk": "Сегмент, група родини або тип події"},
    "trigger_target_help": {"en": "A segment name or family:group (rfm:At Risk) for enter and exit; an event "
                            "type (cart_abandon) for an event.",
                            "uk": "Назва сегмента або родина:група (rfm:At Risk) для входу й виходу; тип "
                                  "події (cart_abandon) для події."},
    "trigger_action": {"en": "Action", "uk": "Дія"},
    "action_parameter": {"en": "Action parameter", "uk": "Параметр дії"},
    "action_parameter_help": {"en": "message: the campaign's name; webhook: the URL; tag: the tag; static "
                              "segment: the static segment's name.",
                              "uk": "повідомлення: назва кампанії; вебхук: URL; мітка: мітка; статичний "
                                    "сегмент: назва статичного сегмента."},
    "webhook_secret": {"en": "Webhook secret (optional, signs the body)",
                       "uk": "Секрет вебхука (необов’язково, підписує тіло)"},
    "webhook_secret_env": {"en": "…or the environment variable that holds it (read when the webhook is sent, "
                                 "so the key is not stored)",
                           "uk": "…або змінна середовища, у якій він є (читається під час надсилання "
                                 "вебхука, тож ключ не зберігається)"},
    "delay": {"en": "Delay", "uk": "Затримка"},
    "create_trigger": {"en": "Create trigger", "uk": "Створити тригер"},
    "on_enter": {"en": "enters", "uk": "входить у"},
    "on_exit": {"en": "exits", "uk": "виходить з"},
    "on_event": {"en": "event", "uk": "подія"},
    "action_message": {"en": "message", "uk": "повідомлення"},
    "action_webhook": {"en": "webhook", "uk": "вебхук"},
    "action_tag": {"en": "tag", "uk": "мітка"},
    "action_static_segment": {"en": "static segment", "uk": "статичний сегмент"},
    "firing_due": {"en": "Due", "uk": "Очікують"},
    "firing_done": {"en": "Done", "uk": "Виконано"},
    "firing_failed": {"en": "Failed", "uk": "Помилка"},
    "firing_pending": {"en": "Pending", "uk": "Відкладено"},
    "delete": {"en": "Delete", "uk": "Видалити"},
    "run_now": {"en": "Run now", "uk": "Запустити зараз"},
    "run_help": {"en": "Records new firings and carries out the due ones (refreshes and imports do this "
                       "too).",
                 "uk": "Записує нові спрацювання й виконує ті, чий час настав (оновлення та імпорт теж це "
                       "роблять)."},
    "run_summary": {"en": "Run finished: {recorded} new firings, {waiting} waiting",
                    "uk": "Запуск завершено: нових спрацювань {recorded}, очікують {waiting}"},
}
# fmt: on
