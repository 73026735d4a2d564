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
    "period": {"en": "Period {start} – {end}", "uk": "Період {start} – {end}"},
    "families": {"en": "Families", "uk": "Родини сегментів"},
    "group": {"en": "Group", "uk": "Група"},
    "customers": {"en": "Customers", "uk": "Клієнти"},
    "insights": {"en": "Insights", "uk": "Висновки"},
    "no_insights": {"en": "No insights yet: run `segmint refresh` on two dates.",
                    "uk": "Висновків поки немає: запустіть `segmint refresh` на дві дати."},
    "no_refresh": {"en": "Nothing computed yet: run `segmint refresh` first.",
                   "uk": "Ще нічого не пораховано: спершу запустіть `segmint refresh`."},
    "your_segments": {"en": "Segments", "uk": "Сегменти"},
    "new_segment": {"en": "New segment", "uk": "Новий сегмент"},
}
# fmt: on
