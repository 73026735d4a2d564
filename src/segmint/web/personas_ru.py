"""The clusters page's persona cards in Russian: the counterpart of personas.py (Ukrainian), the same
sentences from the same figures of the card, kept in a module of its own as strings_ru.py is."""

from __future__ import annotations

from segmint.web.personas import STRONG, _num, _share
from segmint.web.render import number

_FEATURES = {
    "orders_count": "покупки",
    "total_spent": "общие траты",
    "avg_order_value": "средний чек",
    "days_since_last_order": "дней с последней покупки",
    "tenure_days": "дней в качестве клиента",
    "discount_share": "доля покупок со скидкой",
    "age": "возраст",
}
_EVENTS = {
    "email_open": "открытия email",
    "email_click": "переходы из email",
    "sms_click": "переходы из SMS",
    "site_visit": "посещения сайта",
    "cart_add": "добавления в корзину",
}
_CHANNELS = {"pos": "в магазине", "online": "онлайн", "offline": "офлайн"}
_CONTACTS = {"email": "email", "sms": "SMS", "site": "сайт"}


def feature_label(feature: str, english: str) -> str:
    """A profiled feature as a person reads it in Russian (the English label for one not known)."""
    if feature in _FEATURES:
        return _FEATURES[feature]
    kind, _, name = feature.partition(":")
    if kind == "share":
        return f"доля трат на {name}"
    if kind == "channel":
        return f"доля покупок {_CHANNELS.get(name, name)}"
    if kind == "events":
        return f"{_EVENTS.get(name, name.replace('_', ' '))} за последний год"
    return english


def five_w(cluster: dict, currency: str) -> dict[str, str]:
    """Who, What, Why, When, Where in Russian from the card's figures."""
    card = cluster["persona"]
    people, behaviour, channel = card["demographics"], card["behaviour"], card["preferred_channel"]
    who = f"{number(cluster['size'])} клиентов ({_share(cluster['share'])} базы)"
    if people.get("gender"):
        gender = {"f": "женщины", "m": "мужчины"}.get(people["gender"], "люди")
        who += f", {_share(people['gender_share'])} — {gender}"
    if people.get("age_band"):
        who += f", чаще всего в возрасте {people['age_band']} ({_share(people['age_band_share'])})"
    if people.get("city"):
        who += f", чаще всего из города {people['city']} ({_share(people['city_share'])})"
    if not behaviour.get("buyers_share"):
        what = "Ещё ничего не покупали."
        why = "Зарегистрировались, но ещё не нашли причины купить: приветственное предложение может её дать."
        tenure = number(behaviour.get("tenure_days_median"))
        when = f"Зарегистрировались в среднем (медиана) {tenure} дней назад."
    else:
        top = behaviour.get("top_categories") or []
        cats = ", ".join(f"{c['category']} ({_share(c['share'])})" for c in top)
        order_value = number(behaviour.get("avg_order_value") or 0)
        what = (
            f"В среднем {number(behaviour['purchases_mean'], 1)} покупки, "
            f"{order_value} {currency} за заказ; траты идут на {cats}."
        )
        rows = cluster.get("profile") or []
        drivers = [row for row in rows if abs(row["effect_size"]) >= STRONG][:3] or rows[:1]
        why = (
            "Выделяются так: "
            + "; ".join(
                f"{feature_label(row['feature'], row['label'])} {_num(row['mean'])} против "
                f"{_num(row['rest_mean'])} (d = {row['effect_size']:+.2f})"
                for row in drivers
            )
            + "."
        )
        if (behaviour.get("discount_share") or 0) >= 0.4:
            why += f" Важна цена: {_share(behaviour['discount_share'])} покупок — со скидкой."
        last = number(behaviour.get("days_since_last_order_median"))
        when = (
            f"Последняя покупка — медиана {last} дней назад; "
            f"клиенты — медиана {number(behaviour.get('tenure_days_median'))} дней."
        )
    contact = channel.get("contact_channel")
    where = f"Лучше всего доступны через {_CONTACTS.get(contact, contact)}" if contact else ""
    bought_in = channel.get("purchase_channel")
    if bought_in and behaviour.get("buyers_share"):
        share = _share(channel.get("purchase_channel_share"))
        bought = f"Покупают {_CHANNELS.get(bought_in, bought_in)} ({share} покупок, канал {bought_in})"
        where = f"{bought}; {where[0].lower() + where[1:]}" if where else bought
    if people.get("city"):
        city = f"чаще всего в городе {people['city']}"
        where = f"{where}; {city}" if where else city[0].upper() + city[1:]
    return {"who": who + ".", "what": what, "why": why, "when": when, "where": (where + ".") if where else ""}
