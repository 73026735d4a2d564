"""Ukrainian descriptions of the rule catalogue's filters for the builder's field list (the catalogue,
segmint.rules.fields, describes them in English for docs/filters.md); the Russian ones are in strings_ru.py.
A test checks every filter has one in each."""

from __future__ import annotations

from segmint.rules.fields import Filter
from segmint.web.strings_ru import FIELD_TEXTS as RU

# fmt: off
UK: dict[str, str] = {
    "gender": "Стать: 'f', 'm' або 'other'.",
    "age": "Вік у повних роках на дату розрахунку (з дати народження); коли відомий лише рік народження "
           "(birth_year), рік розрахунку мінус він.",
    "birth_date": "Дата народження.",
    "birth_month": "Місяць народження, 1–12 (для привітань з днем народження).",
    "language": "Бажана мова, ISO 639-1.",
    "income": "Річний дохід, як імпортовано (число).",
    "income_band": "Рівень доходу, як імпортовано (50-75k, high).",
    "occupation": "Рід занять, як імпортовано.",
    "marital_status": "Сімейний стан, як імпортовано.",
    "education": "Освіта, як імпортовано.",
    "city": "Місто.",
    "region": "Регіон (область, штат, графство).",
    "country": "Країна, ISO 3166 alpha-2.",
    "interests": "Інтереси (список).",
    "values": "Цінності клієнта (список).",
    "favourite_category": "Категорія з найбільшою часткою витрат (родина вподобань).",
    "favourite_category_share": "Частка витрат на улюблену категорію, 0–1 (родина вподобань).",
    "buys_on_discount": "Купує переважно зі знижкою (родина вподобань).",
    "device": "Основний пристрій: mobile, desktop або tablet.",
    "os": "Операційна система.",
    "acquisition_channel": "Канал, яким клієнта залучено (web, app, store, …).",
    "orders_count": "Кількість покупок (замовлень).",
    "total_spent": "Загальні витрати: сума всіх покупок.",
    "avg_order_value": "Середній чек: середня сума покупки (порожньо, якщо покупок немає).",
    "first_order_date": "Дата першої покупки.",
    "last_order_date": "Дата останньої покупки.",
    "days_since_last_order": "Днів від останньої покупки до сьогодні.",
    "days_since_first_order": "Днів від першої покупки до сьогодні.",
    "first_order_channel": "Канал першої покупки (з відомим каналом).",
    "last_order_channel": "Канал останньої покупки (з відомим каналом).",
    "acquisition_source": "Джерело, з якого прийшов клієнт (кампанія, партнер, …).",
    "orders": "Кількість покупок, що відповідають фільтрам.",
    "spent": "Витрати: сума покупок, що відповідають фільтрам (0, якщо немає).",
    "avg_order": "Середній чек: середня сума покупки (порожньо, якщо немає).",
    "min_order": "Найменша сума покупки (порожньо, якщо немає).",
    "max_order": "Найбільша сума покупки (порожньо, якщо немає).",
    "first_order": "Дата першої покупки, що відповідає фільтрам.",
    "last_order": "Дата останньої покупки, що відповідає фільтрам.",
    "bought": "Кількість покупок, у яких є хоча б один відповідний рядок замовлення.",
    "units": "Кількість одиниць товару у відповідних рядках замовлень.",
    "spent_on": "Витрати на відповідні рядки замовлень (кількість × ціна − знижка).",
    "returns": "Кількість повернених замовлень.",
    "discounted_orders": "Кількість покупок зі знижкою.",
    "rfm.group": "RFM-група (Champions, Loyal, At Risk, …).",
    "rfm.r": "RFM-оцінка давності (1 = найдавніше).",
    "rfm.f": "RFM-оцінка частоти.",
    "rfm.m": "RFM-оцінка грошової цінності.",
    "rfm.score": "Три RFM-оцінки текстом: R, потім F, потім M.",
    "rfm_simple.group": "Спрощена RFM-група: New, Regular, VIP, Inactive, Lost (No Purchases без покупок).",
    "lifecycle.stage": "Етап життєвого циклу: prospect, new, active, lapsing або lapsed.",
    "lifecycle.tenure_days": "Днів як клієнт: від реєстрації або першої покупки, що було раніше.",
    "events": "Кількість подій, що відповідають фільтрам (type = тип події).",
    "opened_email": "Відкриття email.",
    "clicked_email": "Переходи з email.",
    "unsubscribed": "Відписки від email.",
    "clicked_sms": "Переходи за посиланням з SMS.",
    "visited_site": "Відвідування сайту.",
    "added_to_cart": "Додавання в кошик.",
    "abandoned_cart": "Покинуті кошики.",
    "reviews": "Написані відгуки.",
    "last_event": "Дата останньої події, що відповідає фільтрам.",
    "nps_last": "Остання відповідь NPS, 0–10.",
    "nps_avg": "Середня відповідь NPS (порожньо, якщо немає).",
    "consent_email": "Згода на email-розсилку.",
    "consent_sms": "Згода на SMS.",
    "email": "Адреса email (перевірена, малими літерами).",
    "phone": "Номер телефону, E.164.",
    "activity": "active або passive — за реакцією на комунікації (родина активності).",
    "temperature": "cold, warm або hot (родина «температури»).",
    "clv_12m": "Прогноз витрат на наступні 12 місяців із дисконтуванням (BG/NBD + Gamma-Gamma).",
    "expected_purchases_12m": "Очікувана кількість покупок за наступні 12 місяців.",
    "churn_risk": "Ризик відтоку: low (< 0,3), medium (< 0,7) або high.",
    "churn_probability": "Ймовірність відтоку, 0–1 (1 − p_alive).",
    "p_alive": "Ймовірність, що клієнт ще активний, 0–1.",
    "customer_id": "Код клієнта в segmint.",
    "source": "Система, з якої прийшов запис клієнта.",
    "status": "Статус клієнта, як імпортовано (active, blocked, …).",
    "tags": "Мітки (список).",
    "has_tag": "Має мітку.",
    "in_segment": "Є учасником іншого сегмента.",
    "attribute": "Власний атрибут, який зберіг імпорт (стовпець, що не відповідає жодному полю), за "
    "заголовком стовпця; текст, число чи дата — за тим, із чим його порівнюють.",
    "cluster": "Номер кластера клієнта, 1 = найбільший (segmint clusters fit).",
    "cluster.name": "Назва персони кластера клієнта (segmint clusters fit).",
    "signup_date": "Дата реєстрації клієнта.",
    "tenure_days": "Днів від реєстрації.",
}
# fmt: on


BY_LANGUAGE = {"uk": UK, "ru": RU}


def describe(item: Filter, lang: str) -> str:
    return BY_LANGUAGE.get(lang, {}).get(item.name, item.description)
