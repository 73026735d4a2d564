"""The clusters page's persona cards in Ukrainian and Russian. segmint.models.clusters words each card's
5W and the features that set a cluster apart in English (the CLI, the API, the report); the card also
keeps the figures behind those sentences (demographics, behaviour, channels, effect sizes), so the UI
words them again, as web/insights.py does for the dashboard. English pages show the library's sentences.
One wording function for both languages; what differs is the phrasebook (WORDS)."""

from __future__ import annotations

import re

from segmint import localize
from segmint.localize import number

STRONG = 0.5  # |effect size| that sets a cluster apart (segmint.models.clusters.persona.STRONG)
LANGUAGES = ("uk", "ru")

WORDS: dict[str, dict] = {
    "uk": {
        "features": {
            "orders_count": "покупки",
            "total_spent": "загальні витрати",
            "avg_order_value": "середній чек",
            "days_since_last_order": "днів від останньої покупки",
            "tenure_days": "днів як клієнт",
            "discount_share": "частка покупок зі знижкою",
            "age": "вік",
        },
        "events": {
            "email_open": "відкриття email",
            "email_click": "переходи з email",
            "sms_click": "переходи з SMS",
            "site_visit": "відвідування сайту",
            "cart_add": "додавання в кошик",
        },
        "channels": {"pos": "у магазині", "online": "онлайн", "offline": "офлайн"},
        "genders": {"f": "жінки", "m": "чоловіки", None: "люди"},
        "share_of_spend": "частка витрат на {name}",
        "share_of_purchases": "частка покупок {channel}",
        "events_a_year": "{event} за останній рік",
        "who": "{size} {customers} ({share} бази)",
        "customers": "клієнт|клієнти|клієнтів",
        "days": "день|дні|днів",
        "gender": ", {share} — {gender}",
        "age": ", найчастіше віком {band} ({share})",
        "city": ", найчастіше з міста {city} ({share})",
        "no_purchases": "Ще нічого не купували.",
        "no_purchases_why": "Зареєструвалися, але ще не знайшли причини купити: вітальна пропозиція може її "
        "дати.",
        "signed_up": "Зареєструвалися в середньому (медіана) {days} тому.",
        "what": "У середньому {purchases} покупки, {value} {currency} за замовлення",
        "categories": "; витрати йдуть на {categories}",
        "why": "Вирізняються так: {drivers}.",
        "why_none": "Нічим не вирізняються від решти бази: кожна відмінність незначна (|d| < {d}).",
        "driver": "{feature} {mean} проти {rest} (d = {d})",
        "price": " Важить ціна: {share} покупок — зі знижкою.",
        "when": "Остання покупка — медіана {last} тому; клієнти — медіана {tenure}.",
        "reached": "Найкраще досяжні через {contact}",
        "bought": "Купують {channel} ({share} покупок, канал {code})",
        "in_city": "найчастіше в місті {city}",
        "where_unknown": "Невідомо: у даних немає подій взаємодії, каналів замовлень і міст",
    },
    "ru": {
        "features": {
            "orders_count": "покупки",
            "total_spent": "общие траты",
            "avg_order_value": "средний чек",
            "days_since_last_order": "дней с последней покупки",
            "tenure_days": "дней в качестве клиента",
            "discount_share": "доля покупок со скидкой",
            "age": "возраст",
        },
        "events": {
            "email_open": "открытия email",
            "email_click": "переходы из email",
            "sms_click": "переходы из SMS",
            "site_visit": "посещения сайта",
            "cart_add": "добавления в корзину",
        },
        "channels": {"pos": "в магазине", "online": "онлайн", "offline": "офлайн"},
        "genders": {"f": "женщины", "m": "мужчины", None: "люди"},
        "share_of_spend": "доля трат на {name}",
        "share_of_purchases": "доля покупок {channel}",
        "events_a_year": "{event} за последний год",
        "who": "{size} {customers} ({share} базы)",
        "customers": "клиент|клиента|клиентов",
        "days": "день|дня|дней",
        "gender": ", {share} — {gender}",
        "age": ", чаще всего в возрасте {band} ({share})",
        "city": ", чаще всего из города {city} ({share})",
        "no_purchases": "Ещё ничего не покупали.",
        "no_purchases_why": "Зарегистрировались, но ещё не нашли причины купить: приветственное предложение "
        "может её дать.",
        "signed_up": "Зарегистрировались в среднем (медиана) {days} назад.",
        "what": "В среднем {purchases} покупки, {value} {currency} за заказ",
        "categories": "; траты идут на {categories}",
        "why": "Выделяются так: {drivers}.",
        "why_none": "Ничем не выделяются на фоне остальной базы: каждое различие незначительно (|d| < {d}).",
        "driver": "{feature} {mean} против {rest} (d = {d})",
        "price": " Важна цена: {share} покупок — со скидкой.",
        "when": "Последняя покупка — медиана {last} назад; клиенты — медиана {tenure}.",
        "reached": "Лучше всего доступны через {contact}",
        "bought": "Покупают {channel} ({share} покупок, канал {code})",
        "in_city": "чаще всего в городе {city}",
        "where_unknown": "Неизвестно: в данных нет событий взаимодействия, каналов заказов и городов",
    },
}
_CONTACTS = {"email": "email", "sms": "SMS", "site": "сайт"}

# A persona's name as segmint.models.clusters.persona builds it ("Loyal home buyers, 35–44, Київ"): the
# word of the behaviour that sets the cluster apart, then the favourite category, the age band and the city.
# The stored name stays English (rules read it: cluster.name starts with "Loyal"); pages in uk/ru word it.
NAME_WORDS: dict[str, dict[str, str]] = {
    "uk": {
        "Loyal": "Постійні покупці",
        "Lapsed": "Неактивні покупці",
        "New": "Нові покупці",
        "In-store": "Покупці в магазині",
        "Offline": "Офлайн-покупці",
        "Online": "Онлайн-покупці",
        "Bargain-hunting": "Мисливці за знижками",
        "Big-basket": "Покупці з великим чеком",
        "Email-engaged": "Покупці, що відгукуються на email",
        "SMS-responsive": "Покупці, що відгукуються на SMS",
        "Browsing": "Покупці, що часто заходять на сайт",
        "High-spending": "Покупці, що витрачають найбільше",
        "Recent": "Нещодавні покупці",
        "Occasional": "Разові покупці",
        "Typical": "Типові покупці",
        "Prospects": "Ще без покупки",
        "category": "категорія {category}",
    },
    "ru": {
        "Loyal": "Постоянные покупатели",
        "Lapsed": "Неактивные покупатели",
        "New": "Новые покупатели",
        "In-store": "Покупатели в магазине",
        "Offline": "Офлайн-покупатели",
        "Online": "Онлайн-покупатели",
        "Bargain-hunting": "Охотники за скидками",
        "Big-basket": "Покупатели с большим чеком",
        "Email-engaged": "Покупатели, откликающиеся на email",
        "SMS-responsive": "Покупатели, откликающиеся на SMS",
        "Browsing": "Покупатели, часто заходящие на сайт",
        "High-spending": "Покупатели, тратящие больше всех",
        "Recent": "Недавние покупатели",
        "Occasional": "Разовые покупатели",
        "Typical": "Типичные покупатели",
        "Prospects": "Ещё без покупки",
        "category": "категория {category}",
    },
}
_NAME = re.compile(
    r"(?:(?P<prospects>Prospects) without a purchase|(?P<word>[A-Za-z-]+) (?:(?P<category>.+) )?buyers)"
)


def persona_name(name: str | None, lang: str) -> str | None:
    """A persona's generated name in `lang`: "Loyal home buyers, 35–44, Київ" -> "Постійні покупці,
    категорія home, 35–44, Київ". A name not built that way (or an English page) is shown as it is."""
    words = NAME_WORDS.get(lang)
    if not name or words is None:
        return name
    head, comma, rest = name.partition(", ")
    found = _NAME.fullmatch(head)
    word = found and (found["prospects"] or found["word"])
    if not found or word not in words:
        return name
    parts = [words[word]]
    if found["category"]:
        parts.append(words["category"].format(category=found["category"]))
    return ", ".join(parts) + comma + rest


def _share(value, lang: str) -> str:
    return localize.percent(float(value or 0), 0, lang, space="")


WHOLE_FEATURES = ("days_since_last_order", "tenure_days")  # a mean of days: whole days
ONE_DECIMAL_FEATURES = ("orders_count", "age")  # a mean of counts or years (and events:*): 6.1, 57.5


def feature_value(feature: str, value: float | None, lang: str) -> str:
    """A profiled feature's mean as its kind is written (the "what sets it apart" list and the card's
    why): days whole, purchases, events and age to one decimal, a share as a percentage as the card's
    other shares, money whole from 10 on. All had two decimals on the list (5 510,00 days, age 57,50)."""
    if value is None or value != value:  # no buyer in it: no share, no order value (NaN)
        return number(None, 0, lang)
    kind = feature.partition(":")[0]
    if feature in WHOLE_FEATURES:
        return number(round(value), 0, lang)
    if feature in ONE_DECIMAL_FEATURES or kind == "events":
        return number(value, 1, lang)
    if feature == "discount_share" or kind in ("share", "channel"):
        return _share(value, lang)
    return number(value, 0, lang) if abs(value) >= 10 else number(value, 2, lang)


def _days(value, lang: str) -> str:
    """A median number of days, whole, with the word for days that goes with it (1 день, 3 дні, 5 днів)."""
    if value is None:
        return number(None, 0, lang)
    days = round(float(value))
    return f"{number(days, 0, lang)} {localize.plural(days, WORDS[lang]['days'], lang)}"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def feature_label(feature: str, english: str, lang: str) -> str:
    """A profiled feature as a person reads it in `lang` (the English label for one not known)."""
    words = WORDS[lang]
    if feature in words["features"]:
        return words["features"][feature]
    kind, _, name = feature.partition(":")
    if kind == "share":
        return words["share_of_spend"].format(name=name)
    if kind == "channel":
        return words["share_of_purchases"].format(channel=words["channels"].get(name, name))
    if kind == "events":
        return words["events_a_year"].format(event=words["events"].get(name, name.replace("_", " ")))
    return english


def five_w(cluster: dict, currency: str, lang: str) -> dict[str, str]:
    """Who, What, Why, When, Where in `lang` from the card's figures."""
    words = WORDS[lang]
    card = cluster["persona"]
    people, behaviour, channel = card["demographics"], card["behaviour"], card["preferred_channel"]
    who = words["who"].format(
        size=number(cluster["size"], 0, lang),
        customers=localize.plural(cluster["size"], words["customers"], lang),
        share=_share(cluster["share"], lang),
    )
    if people.get("gender"):
        gender = words["genders"].get(people["gender"], words["genders"][None])
        who += words["gender"].format(share=_share(people["gender_share"], lang), gender=gender)
    if people.get("age_band"):
        who += words["age"].format(band=people["age_band"], share=_share(people["age_band_share"], lang))
    if people.get("city"):
        who += words["city"].format(city=people["city"], share=_share(people["city_share"], lang))
    if not behaviour.get("buyers_share"):
        what, why = words["no_purchases"], words["no_purchases_why"]
        when = words["signed_up"].format(days=_days(behaviour.get("tenure_days_median"), lang))
    else:
        top = behaviour.get("top_categories") or []
        what = words["what"].format(
            purchases=number(behaviour["purchases_mean"], 1, lang),
            value=number(behaviour.get("avg_order_value") or 0, 0, lang),
            currency=currency,
        )
        if top:  # a shop without categories has none to name
            categories = ", ".join(f"{c['category']} ({_share(c['share'], lang)})" for c in top)
            what += words["categories"].format(categories=categories)
        what += "."
        from segmint.models.clusters.profile import NEGLIGIBLE  # loaded already: the card is the library's

        rows = cluster.get("profile") or []  # what sets it apart: no negligible difference (profile.apart)
        drivers = [row for row in rows if abs(row["effect_size"]) >= STRONG][:3] or rows[:1]
        why = words["why"].format(
            drivers="; ".join(
                words["driver"].format(
                    feature=feature_label(row["feature"], row["label"], lang),
                    mean=feature_value(row["feature"], row["mean"], lang),
                    rest=feature_value(row["feature"], row["rest_mean"], lang),
                    d=localize.number(row["effect_size"], 2, lang, signed=True),
                )
                for row in drivers
            )
        )
        if not drivers:
            why = words["why_none"].format(d=localize.number(NEGLIGIBLE, 1, lang))
        if (behaviour.get("discount_share") or 0) >= 0.4:
            why += words["price"].format(share=_share(behaviour["discount_share"], lang))
        when = words["when"].format(
            last=_days(behaviour.get("days_since_last_order_median"), lang),
            tenure=_days(behaviour.get("tenure_days_median"), lang),
        )
    contact = channel.get("contact_channel")
    where = words["reached"].format(contact=_CONTACTS.get(contact, contact)) if contact else ""
    bought_in = channel.get("purchase_channel")
    if bought_in and behaviour.get("buyers_share"):
        bought = words["bought"].format(
            channel=words["channels"].get(bought_in, bought_in),
            share=_share(channel.get("purchase_channel_share"), lang),
            code=bought_in,
        )
        where = f"{bought}; {where[:1].lower() + where[1:]}" if where else bought
    if people.get("city"):
        city = words["in_city"].format(city=people["city"])
        where = f"{where}; {city}" if where else _capital(city)
    return {
        "who": who + ".",
        "what": what,
        "why": why,
        "when": when,
        "where": (where or words["where_unknown"]) + ".",
    }
