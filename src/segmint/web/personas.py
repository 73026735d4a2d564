"""The clusters page's persona cards in Ukrainian. segmint.models.clusters words each card's 5W and the
features that set a cluster apart in English (the CLI, the API, the report); the card also keeps the
figures behind those sentences (demographics, behaviour, channels, effect sizes), so the UI words them
again, as web/insights.py does for the dashboard. English pages show the library's sentences."""

from __future__ import annotations

from segmint.web.render import number

STRONG = 0.5  # |effect size| that sets a cluster apart (segmint.models.clusters.persona.STRONG)
_FEATURES = {
    "orders_count": "покупки",
    "total_spent": "загальні витрати",
    "avg_order_value": "середній чек",
    "days_since_last_order": "днів від останньої покупки",
    "tenure_days": "днів як клієнт",
    "discount_share": "частка покупок зі знижкою",
    "age": "вік",
}
_EVENTS = {
    "email_open": "відкриття email",
    "email_click": "переходи з email",
    "sms_click": "переходи з SMS",
    "site_visit": "відвідування сайту",
    "cart_add": "додавання в кошик",
}
_CHANNELS = {"pos": "у магазині", "online": "онлайн", "offline": "офлайн"}
_CONTACTS = {"email": "email", "sms": "SMS", "site": "сайт"}


def feature_label(feature: str, english: str) -> str:
    """A profiled feature as a person reads it in Ukrainian (the English label for one not known)."""
    if feature in _FEATURES:
        return _FEATURES[feature]
    kind, _, name = feature.partition(":")
    if kind == "share":
        return f"частка витрат на {name}"
    if kind == "channel":
        return f"частка покупок {_CHANNELS.get(name, name)}"
    if kind == "events":
        return f"{_EVENTS.get(name, name.replace('_', ' '))} за останній рік"
    return english


def _share(value) -> str:
    return f"{float(value or 0):.0%}"


def _num(value: float) -> str:
    return number(value) if abs(value) >= 10 else number(value, 2)


def five_w(cluster: dict, currency: str) -> dict[str, str]:
    """Who, What, Why, When, Where in Ukrainian from the card's figures."""
    card = cluster["persona"]
    people, behaviour, channel = card["demographics"], card["behaviour"], card["preferred_channel"]
    who = f"{number(cluster['size'])} клієнтів ({_share(cluster['share'])} бази)"
    if people.get("gender"):
        gender = {"f": "жінки", "m": "чоловіки"}.get(people["gender"], "люди")
        who += f", {_share(people['gender_share'])} — {gender}"
    if people.get("age_band"):
        who += f", найчастіше віком {people['age_band']} ({_share(people['age_band_share'])})"
    if people.get("city"):
        who += f", найчастіше з міста {people['city']} ({_share(people['city_share'])})"
    if not behaviour.get("buyers_share"):
        what = "Ще нічого не купували."
        why = "Зареєструвалися, але ще не знайшли причини купити: вітальна пропозиція може її дати."
        tenure = number(behaviour.get("tenure_days_median"))
        when = f"Зареєструвалися в середньому (медіана) {tenure} днів тому."
    else:
        top = behaviour.get("top_categories") or []
        cats = ", ".join(f"{c['category']} ({_share(c['share'])})" for c in top)
        order_value = number(behaviour.get("avg_order_value") or 0)
        what = (
            f"У середньому {number(behaviour['purchases_mean'], 1)} покупки, "
            f"{order_value} {currency} за замовлення; витрати йдуть на {cats}."
        )
        rows = cluster.get("profile") or []
        drivers = [row for row in rows if abs(row["effect_size"]) >= STRONG][:3] or rows[:1]
        why = (
            "Вирізняються так: "
            + "; ".join(
                f"{feature_label(row['feature'], row['label'])} {_num(row['mean'])} проти "
                f"{_num(row['rest_mean'])} (d = {row['effect_size']:+.2f})"
                for row in drivers
            )
            + "."
        )
        if (behaviour.get("discount_share") or 0) >= 0.4:
            why += f" Важить ціна: {_share(behaviour['discount_share'])} покупок — зі знижкою."
        when = (
            f"Остання покупка — медіана {number(behaviour.get('days_since_last_order_median'))} днів тому; "
            f"клієнти — медіана {number(behaviour.get('tenure_days_median'))} днів."
        )
    contact = channel.get("contact_channel")
    where = f"Найкраще досяжні через {_CONTACTS.get(contact, contact)}" if contact else ""
    bought_in = channel.get("purchase_channel")
    if bought_in and behaviour.get("buyers_share"):
        bought = (
            f"Купують {_CHANNELS.get(bought_in, bought_in)} ({_share(channel.get('purchase_channel_share'))} "
            f"покупок, канал {bought_in})"
        )
        where = f"{bought}; {where[0].lower() + where[1:]}" if where else bought
    if people.get("city"):
        where += f"; найчастіше в місті {people['city']}" if where else f"Найчастіше в місті {people['city']}"
    return {"who": who + ".", "what": what, "why": why, "when": when, "where": (where + ".") if where else ""}
