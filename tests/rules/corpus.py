# ruff: noqa: E501 - a table of rules and their meaning, one entry per rule
"""The rule corpus: each rule with a hand-written pandas expression of what it means (see oracle.py).

Every expression is relative to `o.today`, so the same corpus checks evaluation "as of" another date.
"""

from __future__ import annotations

import pandas as pd

from .shop import HOSTILE

ISSUE_EXAMPLE = """rfm.group in ("At Risk", "Can't Lose Them") and city = "Київ"
  and bought(category = "Shoes", within = 90d) >= 2
  and not opened_email(within = 30d)"""


def _known(s):
    return s.notna()


def _lines(o, category=None, product=None, since=None):
    lines = o.lines
    if category is not None:
        lines = lines[lines["category"] == category]
    if product is not None:
        lines = lines[lines["product_name"] == product]
    return lines if since is None else lines[lines["day"] >= since]


# fmt: off
CORPUS = [
    # text and lists
    ('city = "Київ"', lambda o: o.c.city == "Київ"),
    ('city != "Київ"', lambda o: _known(o.c.city) & (o.c.city != "Київ")),
    ('not city = "Київ"', lambda o: ~(o.c.city == "Київ")),
    ('city in ("Львів", "Одеса")', lambda o: o.c.city.isin(["Львів", "Одеса"])),
    ('city not in ("Львів", "Одеса")', lambda o: _known(o.c.city) & ~o.c.city.isin(["Львів", "Одеса"])),
    (f'city = "{HOSTILE}"', lambda o: o.c.city == HOSTILE),
    ('city contains "%"', lambda o: o.c.city.str.contains("%", regex=False).fillna(False)),
    ('city starts with "50% off_"', lambda o: o.c.city.str.startswith("50% off_").fillna(False)),
    ('city starts with "_"', lambda o: o.c.city.str.startswith("_").fillna(False)),  # no LIKE wildcards
    ('city starts with "Ки"', lambda o: o.c.city.str.startswith("Ки").fillna(False)),
    ("city is null", lambda o: o.c.city.isna()),
    ('city is not null and country = "UA"', lambda o: _known(o.c.city) & (o.c.country == "UA")),
    ('country != "UA"', lambda o: _known(o.c.country) & (o.c.country != "UA")),
    ('gender = "f" or gender = "other"', lambda o: o.c.gender.isin(["f", "other"])),
    ('language in ("uk", "ru") and not country = "PL"',
     lambda o: o.c.language.isin(["uk", "ru"]) & ~(o.c.country == "PL")),
    ('occupation contains "інженер"', lambda o: o.c.occupation.str.contains("інженер", regex=False).fillna(False)),
    ('interests contains "спорт"', lambda o: o.has("interests", "спорт")),
    ('values not contains "екологія"', lambda o: _known(o.c["values"]) & ~o.has("values", "екологія")),
    ('tags contains "vip"', lambda o: o.has("tags", "vip")),
    ('has_tag("VIP") or has_tag("ВІП")', lambda o: o.has("tags", "VIP") | o.has("tags", "ВІП")),
    ('in_segment("VIP") and city = "Київ"', lambda o: o.has("tags", "vip") & (o.c.city == "Київ")),
    ('not in_segment("Київ")', lambda o: ~(o.c.city == "Київ")),
    ('device = "mobile" and os in ("iOS", "Android")',
     lambda o: (o.c.device == "mobile") & o.c.os.isin(["iOS", "Android"])),
    ('email contains "@gmail." or phone starts with "+38067"',
     lambda o: o.c.email.str.contains("@gmail.", regex=False).fillna(False)
     | o.c.phone.str.startswith("+38067").fillna(False)),
    ('status != "blocked"', lambda o: _known(o.c.status) & (o.c.status != "blocked")),
    ('customer_id in ("C000", "C036", "C001")', lambda o: o.c.customer_id.isin(["C000", "C036", "C001"])),
    ("consent_email", lambda o: o.c.consent_email == True),  # noqa: E712
    ("consent_sms = false", lambda o: o.c.consent_sms == False),  # noqa: E712
    ("not consent_email", lambda o: ~(o.c.consent_email == True)),  # noqa: E712
    # dates and numbers
    ("age between 25 and 34", lambda o: (o.age >= 25) & (o.age <= 34)),
    ("age >= 60 or age < 20", lambda o: (o.age >= 60) | (o.age < 20)),
    ("birth_month = 2", lambda o: o.c.birth_date.dt.month == 2),
    ("birth_date < 1970-01-01", lambda o: o.c.birth_date < "1970-01-01"),
    ("birth_date is null", lambda o: o.c.birth_date.isna()),
    ("signup_date > today - 180d", lambda o: o.c.signup_date > o.days(180)),
    ("signup_date between 2023-01-01 and 2023-12-31",
     lambda o: (o.c.signup_date >= "2023-01-01") & (o.c.signup_date <= "2023-12-31")),
    ('signup_date >= "01.06.2023"', lambda o: o.c.signup_date >= "2023-06-01"),
    ("tenure_days >= 365", lambda o: o.days_since(o.c.signup_date) >= 365),
    # whole-history purchase metrics
    ("orders_count >= 3", lambda o: o.count(o.p) >= 3),
    ("orders_count = 0", lambda o: o.count(o.p) == 0),
    ("total_spent > 5000", lambda o: o.total(o.p) > 5000),
    ("avg_order_value between 1000 and 3000",
     lambda o: o.stat(o.p, "total", "mean").between(1000, 3000)),
    ("first_order_date >= 2024-01-01", lambda o: o.stat(o.p, "day", "min") >= "2024-01-01"),
    ("last_order_date < today - 1y", lambda o: o.stat(o.p, "day", "max") < o.months(12)),
    ("days_since_last_order > 90", lambda o: o.days_since(o.stat(o.p, "day", "max")) > 90),
    ("days_since_first_order < 365", lambda o: o.days_since(o.stat(o.p, "day", "min")) < 365),
    ('first_order_channel = "pos"', lambda o: o.pick(o.p, "channel", last=False) == "pos"),
    ('last_order_channel = "online"', lambda o: o.pick(o.p, "channel", last=True) == "online"),
    ("last_order_date > signup_date", lambda o: o.stat(o.p, "day", "max") > o.c.signup_date),
    # aggregates with filters and windows
    ('orders(channel = "pos", within = 6m) >= 1', lambda o: o.count(o.purchases(o.months(6), "pos")) >= 1),
    ('orders(channel = ("pos", "offline"), within = 1y) >= 2',
     lambda o: o.count(o.purchases(o.months(12), ["pos", "offline"])) >= 2),
    ("orders(within = 1m)", lambda o: o.count(o.purchases(o.months(1))) >= 1),
    ("orders(within = 3w) = 0", lambda o: o.count(o.purchases(o.days(21))) == 0),
    ("spent(within = 1y) > 5000", lambda o: o.total(o.purchases(o.months(12))) > 5000),
    ("spent(between = (2024-01-01, 2024-03-31)) >= 1000",
     lambda o: o.total(o.p[(o.p.day >= "2024-01-01") & (o.p.day <= "2024-03-31")]) >= 1000),
    ("orders(before = 2023-01-01)", lambda o: o.count(o.p[o.p.day < "2023-01-01"]) >= 1),
    ("orders(after = today - 30d)", lambda o: o.count(o.p[o.p.day > o.days(30)]) >= 1),
    ("avg_order(within = 1y) > 2000", lambda o: o.stat(o.purchases(o.months(12)), "total", "mean") > 2000),
    ("min_order(within = 1y) < 500 and max_order(within = 1y) >= 4000",
     lambda o: (o.stat(o.purchases(o.months(12)), "total", "min") < 500)
     & (o.stat(o.purchases(o.months(12)), "total", "max") >= 4000)),
    ('first_order(channel = "online") > 2023-06-01',
     lambda o: o.stat(o.purchases(channel="online"), "day", "min") > "2023-06-01"),
    ('last_order(channel = "pos") < today - 90d',
     lambda o: o.stat(o.purchases(channel="pos"), "day", "max") < o.days(90)),
    # without a line condition bought() counts purchases, also those imported without lines (the shop's
    # "b" orders have none)
    ("bought(within = 1y) >= 2", lambda o: o.count(o.purchases(o.months(12))) >= 2),
    ('bought(channel = "pos") >= 1 and city = "Київ"',
     lambda o: (o.count(o.purchases(channel="pos")) >= 1) & (o.c["city"] == "Київ")),
    ('bought(category = "Shoes", within = 90d) >= 1',
     lambda o: o.n_orders(_lines(o, "Shoes", since=o.days(90))) >= 1),
    ('bought(category = "Shoes") >= 2 and bought(category = "Кава")',
     lambda o: (o.n_orders(_lines(o, "Shoes")) >= 2) & (o.n_orders(_lines(o, "Кава")) >= 1)),
    ('units(product = "Кава зернова") > 5', lambda o: o.total(_lines(o, product="Кава зернова"), "quantity") > 5),
    ('spent_on(category = "Books", within = 1y) > 1000',
     lambda o: o.total(_lines(o, "Books", since=o.months(12)), "amount") > 1000),
    ("returns(within = 1y) >= 1",
     lambda o: o.count(o.all_orders[(o.all_orders.status == "returned") & (o.all_orders.day >= o.months(12))]) >= 1),
    ("discounted_orders(within = 6m) >= 1",
     lambda o: o.count(o.purchases(o.months(6))[lambda p: p.discount > 0]) >= 1),
    # engagement
    ("not opened_email(within = 30d)", lambda o: o.count(o.events("email_open", o.days(30))) == 0),
    ("opened_email(within = 30d) and not clicked_email(within = 30d)",
     lambda o: (o.count(o.events("email_open", o.days(30))) >= 1)
     & (o.count(o.events("email_click", o.days(30))) == 0)),
    ('events(type = "site_visit", within = 2w) >= 2', lambda o: o.count(o.events("site_visit", o.days(14))) >= 2),
    ('events(campaign = "весна", channel = "sms")',
     lambda o: o.count(o.e[(o.e.campaign_id == "весна") & (o.e.channel == "sms")]) >= 1),
    ("visited_site(within = 7d) or added_to_cart(within = 7d)",
     lambda o: (o.count(o.events("site_visit", o.days(7))) >= 1) | (o.count(o.events("cart_add", o.days(7))) >= 1)),
    ("abandoned_cart(within = 30d) and not orders(within = 30d)",
     lambda o: (o.count(o.events("cart_abandon", o.days(30))) >= 1) & (o.count(o.purchases(o.days(30))) == 0)),
    ("unsubscribed", lambda o: o.count(o.events("email_unsubscribe")) >= 1),
    ("clicked_sms(within = 90d) or reviews(within = 1y) >= 2",
     lambda o: (o.count(o.events("sms_click", o.days(90))) >= 1) | (o.count(o.events("review", o.months(12))) >= 2)),
    ("nps_last <= 6", lambda o: o.pick(o.events("survey_answer"), "nps_score", True, ("occurred_at", "event_id")) <= 6),
    ("nps_last >= 9", lambda o: o.pick(o.events("survey_answer"), "nps_score", True, ("occurred_at", "event_id")) >= 9),
    ("nps_avg(within = 1y) >= 7", lambda o: o.stat(o.events("survey_answer", o.months(12)), "nps_score", "mean") >= 7),
    ('last_event(type = "site_visit") < today - 30d', lambda o: o.stat(o.events("site_visit"), "day", "max") < o.days(30)),
    # features (families, predictions)
    ("rfm.group in (\"At Risk\", \"Can't Lose Them\")", lambda o: o.f.rfm_group.isin(["At Risk", "Can't Lose Them"])),
    ("churn_probability >= 0.7 and buys_on_discount", lambda o: (o.f.churn_probability >= 0.7) & (o.f.buys_on_discount == True)),  # noqa: E712
    (ISSUE_EXAMPLE,
     lambda o: o.f.rfm_group.isin(["At Risk", "Can't Lose Them"]) & (o.c.city == "Київ")
     & (o.n_orders(_lines(o, "Shoes", since=o.days(90))) >= 2) & (o.count(o.events("email_open", o.days(30))) == 0)),
    # custom attributes (customers.custom): text, or a number or a date by what they are compared with
    ('attribute("Kidhome") > 0', lambda o: o.attribute_number("Kidhome") > 0),
    ('attribute("Kidhome") = 0', lambda o: o.attribute_number("Kidhome") == 0),
    ('not attribute("Kidhome") <= 0', lambda o: ~(o.attribute_number("Kidhome") <= 0)),
    ('attribute("Kidhome") between 1 and 2', lambda o: o.attribute_number("Kidhome").between(1, 2)),
    ('attribute("Kidhome") = "0"', lambda o: o.attribute("Kidhome") == "0"),
    ('attribute("Kidhome") is null', lambda o: o.attribute("Kidhome").isna()),
    ('attribute("Dt_Customer") > 2014-01-01', lambda o: o.attribute_date("Dt_Customer") > pd.Timestamp("2014-01-01")),
    ('attribute("Dt_Customer") between 2013-01-01 and today',
     lambda o: o.attribute_date("Dt_Customer").between(pd.Timestamp("2013-01-01"), o.today)),
    ('attribute("Dt_Customer") < today - 5y or attribute("Kidhome") >= 2',
     lambda o: (o.attribute_date("Dt_Customer") < o.today - pd.DateOffset(years=5)) | (o.attribute_number("Kidhome") >= 2)),
    ('attribute("Education") = "PhD"', lambda o: o.attribute("Education") == "PhD"),
    ('attribute("Education") != "PhD"', lambda o: _known(o.attribute("Education")) & (o.attribute("Education") != "PhD")),
    ('attribute("Education") in ("PhD", "Master")', lambda o: o.attribute("Education").isin(["PhD", "Master"])),
    ('attribute("Education") contains "h"', lambda o: o.attribute("Education").map(lambda v: isinstance(v, str) and "h" in v)),
    ('attribute("Education") not starts with "Ph"',
     lambda o: o.attribute("Education").map(lambda v: isinstance(v, str) and not v.startswith("Ph"))),
    ('attribute("Acc.No") = "A-1" and city is not null', lambda o: (o.attribute("Acc.No") == "A-1") & _known(o.c.city)),
    (f'attribute("{HOSTILE}") = "1"', lambda o: o.attribute(HOSTILE) == "1"),
    # nesting
    ('(city = "Київ" or city = "Львів") and not (orders_count = 0 or consent_email = false)',
     lambda o: o.c.city.isin(["Київ", "Львів"]) & ~((o.count(o.p) == 0) | (o.c.consent_email == False))),  # noqa: E712
]
# fmt: on
