"""The filter catalogue: every field and function of the rule language, declared once, as data.

The checker reads types and parameters from here, the compiler reads `how` (what to compute), and
docs/filters.md is generated from it. Adding a filter is adding one entry to FILTERS.

Definitions every metric shares (docs/rules.md repeats them for users):
- customers merged away by dedupe (merged_into set) are never members and have no metrics;
- guest orders (is_guest, or no customer_id) are left out of every metric;
- a purchase is an order whose status is in PURCHASE_STATUSES; cancelled, returned and adjustment orders
  are not purchases (returns() counts the returned ones);
- nothing dated after the reference date ("today", or the as-of date) is seen;
- first/last pick by time, ties broken by order_id / event_id (then line_no), so every engine agrees,
  and only rows where the picked value is known (not null) take part.
"""

from __future__ import annotations

from dataclasses import dataclass

TEXT, NUMBER, DATE, BOOLEAN, LIST = "text", "number", "date", "boolean", "list of text"
FAMILIES = (
    "demographic",
    "geographic",
    "psychographic",
    "technographic",
    "behavioural",
    "engagement",
    "predictive",
    "membership",
)
PURCHASE_STATUSES = ("completed", "pending")
WINDOW_PARAMS = ("within", "between", "before", "after")
# Filter keywords of the aggregate functions -> the column of the source rows they match.
SOURCE_PARAMS = {
    "orders": {"channel": "channel", "store": "store"},
    "items": {
        "category": "category",
        "product": "product_name",
        "product_id": "product_id",
        "channel": "channel",
    },
    "events": {"type": "event_type", "channel": "channel", "campaign": "campaign_id"},
}


# -- how a filter compiles ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Column:
    """A column of the customers table."""

    column: str


@dataclass(frozen=True)
class Feature:
    """A column of the customer-level features table that `segmint refresh` writes (families, predictions)."""

    column: str


@dataclass(frozen=True)
class AgeFrom:
    """Full years from a date column to today; where that date is unknown, the reference year minus the
    year column `year` (a file that gives only the year of birth), when there is one."""

    column: str
    year: str | None = None


@dataclass(frozen=True)
class MonthOf:
    column: str


@dataclass(frozen=True)
class DaysSince:
    """Days from a date (a customers column or a measure) to today."""

    of: Column | Measure


@dataclass(frozen=True)
class Measure:
    """An aggregate of a customer's rows in `source` (orders, items = order lines of orders, events).

    stat: count (rows), orders (distinct orders), sum, avg, min, max, first, last (of `value`).
    fixed: conditions every counted row meets, as (column, allowed values).
    """

    source: str
    stat: str
    value: str | None = None
    fixed: tuple[tuple[str, tuple[object, ...]], ...] = ()


@dataclass(frozen=True)
class HasTag:
    """The customer's tags contain the text argument."""


@dataclass(frozen=True)
class InSegment:
    """The customer is a member of the named segment (resolved by the caller)."""


@dataclass(frozen=True)
class Attribute:
    """A custom attribute the import kept in customers.custom (a column matching no field), by its column
    header: text, read as a number or a date by what the rule compares it with (check.attribute_kind)."""

    column: str = "custom"


How = Column | Feature | AgeFrom | MonthOf | DaysSince | Measure | HasTag | InSegment | Attribute


@dataclass(frozen=True)
class Filter:
    name: str
    type: str
    family: str
    description: str
    example: str
    how: How
    function: bool = False  # written with parentheses and may take arguments
    positional: str | None = None  # the one required text argument of a function, described
    unit: str = ""

    @property
    def params(self) -> tuple[str, ...]:
        """Named arguments a function accepts: filters on its source rows, then time windows. A field
        takes none, even when it is an aggregate (total_spent; spent(...) is the form with arguments)."""
        if isinstance(self.how, Measure) and self.function:
            return (*SOURCE_PARAMS[self.how.source], *WINDOW_PARAMS)
        return ()

    @property
    def countlike(self) -> bool:
        """A count: alone in a condition it means 'at least one'."""
        return isinstance(self.how, Measure) and self.how.stat in ("count", "orders")

    @property
    def source(self) -> str:
        how = self.how
        if isinstance(how, DaysSince):
            how = how.of
        if isinstance(how, Measure):
            return {"items": "order_items"}.get(how.source, how.source)
        if isinstance(how, Feature):
            return "features"
        if isinstance(how, InSegment):
            return "segments"
        return "customers"


PURCHASE = (("status", PURCHASE_STATUSES),)
RETURNED = (("status", ("returned",)),)
SURVEY = (("event_type", ("survey_answer",)),)


def _event(event_type: str) -> Measure:
    return Measure("events", "count", fixed=(("event_type", (event_type,)),))


def F(name, type_, family, description, example, how, **options) -> Filter:
    return Filter(name, type_, family, description, example, how, **options)


# A table: one filter per entry reads better than one argument per line.
# fmt: off
FILTERS: tuple[Filter, ...] = (
    # demographic
    F("gender", TEXT, "demographic", "Gender: 'f', 'm' or 'other'.", 'gender = "f"', Column("gender")),
    F("age", NUMBER, "demographic",
      "Age in full years on the reference date (from birth_date); when only the year of birth is known "
      "(birth_year), the reference year minus it.",
      "age between 25 and 34", AgeFrom("birth_date", "birth_year"), unit="years"),
    F("birth_date", DATE, "demographic", "Date of birth.", "birth_date < 1990-01-01", Column("birth_date")),
    F("birth_month", NUMBER, "demographic", "Month of birth, 1-12 (for birthday campaigns).",
      "birth_month = 3", MonthOf("birth_date")),
    F("language", TEXT, "demographic", "Preferred language, ISO 639-1.",
      'language in ("uk", "en")', Column("language")),
    F("income", NUMBER, "demographic", "Yearly income as imported (a number).",
      "income > 50000", Column("income"), unit="currency"),
    F("income_band", TEXT, "demographic", "Income band as imported (50-75k, high).",
      'income_band = "high"', Column("income_band")),
    F("occupation", TEXT, "demographic", "Occupation as imported.",
      'occupation contains "інженер"', Column("occupation")),
    F("marital_status", TEXT, "demographic", "Marital status as imported.",
      'marital_status = "married"', Column("marital_status")),
    F("education", TEXT, "demographic", "Education level as imported.",
      'education = "higher"', Column("education")),
    # geographic
    F("city", TEXT, "geographic", "City.", 'city = "Київ"', Column("city")),
    F("region", TEXT, "geographic", "Region (oblast, state, county).",
      'region starts with "Льв"', Column("region")),
    F("country", TEXT, "geographic", "Country, ISO 3166 alpha-2.", 'country != "UA"', Column("country")),
    # psychographic
    F("interests", LIST, "psychographic", "Interests (a list).",
      'interests contains "спорт"', Column("interests")),
    F("values", LIST, "psychographic", "Values the customer holds (a list).",
      'values contains "екологія"', Column("values")),
    F("favourite_category", TEXT, "psychographic",
      "Category with the largest share of spend (preferences family).",
      'favourite_category = "Shoes"', Feature("favourite_category")),
    F("favourite_category_share", NUMBER, "psychographic",
      "Share of spend that went to the favourite category, 0-1 (preferences family).",
      "favourite_category_share >= 0.5", Feature("favourite_category_share")),
    F("buys_on_discount", BOOLEAN, "psychographic", "Buys mostly on discount (preferences family).",
      "buys_on_discount", Feature("buys_on_discount")),
    # technographic
    F("device", TEXT, "technographic", "Main device: mobile, desktop or tablet.",
      'device = "mobile"', Column("device")),
    F("os", TEXT, "technographic", "Operating system.", 'os in ("iOS", "Android")', Column("os")),
    F("acquisition_channel", TEXT, "technographic",
      "Channel the customer was acquired through (web, app, store, ...).",
      'acquisition_channel = "app"', Column("acquisition_channel")),
    # behavioural
    F("orders_count", NUMBER, "behavioural", "Number of purchases.",
      "orders_count >= 3", Measure("orders", "count", fixed=PURCHASE)),
    F("total_spent", NUMBER, "behavioural", "Sum of purchase totals.",
      "total_spent > 10000", Measure("orders", "sum", "total", PURCHASE), unit="currency"),
    F("avg_order_value", NUMBER, "behavioural", "Average purchase total (null if none).",
      "avg_order_value >= 1500", Measure("orders", "avg", "total", PURCHASE), unit="currency"),
    F("first_order_date", DATE, "behavioural", "Date of the first purchase.",
      "first_order_date >= 2024-01-01", Measure("orders", "min", "date", PURCHASE)),
    F("last_order_date", DATE, "behavioural", "Date of the latest purchase.",
      "last_order_date < today - 1y", Measure("orders", "max", "date", PURCHASE)),
    F("days_since_last_order", NUMBER, "behavioural", "Days from the latest purchase to today.",
      "days_since_last_order > 90", DaysSince(Measure("orders", "max", "date", PURCHASE)), unit="days"),
    F("days_since_first_order", NUMBER, "behavioural", "Days from the first purchase to today.",
      "days_since_first_order < 30", DaysSince(Measure("orders", "min", "date", PURCHASE)), unit="days"),
    F("first_order_channel", TEXT, "behavioural", "Channel of the first purchase (with a known channel).",
      'first_order_channel = "online"', Measure("orders", "first", "channel", PURCHASE)),
    F("last_order_channel", TEXT, "behavioural", "Channel of the latest purchase (with a known channel).",
      'last_order_channel = "pos"', Measure("orders", "last", "channel", PURCHASE)),
    F("acquisition_source", TEXT, "behavioural", "Source the customer came from (campaign, partner, ...).",
      'acquisition_source = "instagram"', Column("acquisition_source")),
    F("orders", NUMBER, "behavioural", "Number of purchases matching the filters.",
      'orders(channel = "pos", within = 6m) >= 2', Measure("orders", "count", fixed=PURCHASE), function=True),
    F("spent", NUMBER, "behavioural", "Sum of purchase totals matching the filters (0 if none).",
      "spent(within = 1y) > 5000",
      Measure("orders", "sum", "total", PURCHASE), function=True, unit="currency"),
    F("avg_order", NUMBER, "behavioural", "Average purchase total (null if none).",
      "avg_order(within = 1y) > 2000",
      Measure("orders", "avg", "total", PURCHASE), function=True, unit="currency"),
    F("min_order", NUMBER, "behavioural", "Smallest purchase total (null if none).",
      "min_order(within = 1y) < 100",
      Measure("orders", "min", "total", PURCHASE), function=True, unit="currency"),
    F("max_order", NUMBER, "behavioural", "Largest purchase total (null if none).",
      "max_order(within = 1y) >= 10000",
      Measure("orders", "max", "total", PURCHASE), function=True, unit="currency"),
    F("first_order", DATE, "behavioural", "Date of the first purchase matching the filters.",
      'first_order(channel = "online") > 2024-06-01',
      Measure("orders", "min", "date", PURCHASE), function=True),
    F("last_order", DATE, "behavioural", "Date of the latest purchase matching the filters.",
      'last_order(channel = "pos") < today - 90d', Measure("orders", "max", "date", PURCHASE), function=True),
    F("bought", NUMBER, "behavioural",
      "Number of purchases; with category or product, those with at least one matching order line.",
      'bought(category = "Shoes", within = 90d) >= 2',
      Measure("items", "orders", fixed=PURCHASE), function=True),
    F("units", NUMBER, "behavioural", "Units bought in matching order lines.",
      'units(product = "Кава зернова") > 10', Measure("items", "sum", "quantity", PURCHASE), function=True),
    F("spent_on", NUMBER, "behavioural", "Spend on matching order lines (quantity x price - discount).",
      'spent_on(category = "Shoes", within = 1y) > 3000',
      Measure("items", "sum", "amount", PURCHASE), function=True, unit="currency"),
    F("returns", NUMBER, "behavioural", "Number of returned orders.",
      "returns(within = 1y) >= 2",
      Measure("orders", "count", fixed=RETURNED), function=True),
    F("discounted_orders", NUMBER, "behavioural", "Number of purchases with a discount.",
      "discounted_orders(within = 6m) >= 3",
      Measure("orders", "count", fixed=(*PURCHASE, ("discounted", (True,)))), function=True),
    F("rfm.group", TEXT, "behavioural", "RFM group (Champions, Loyal, At Risk, ...).",
      "rfm.group in (\"At Risk\", \"Can't Lose Them\")", Feature("rfm_group")),
    F("rfm.r", NUMBER, "behavioural", "RFM recency score (1 = longest ago).", "rfm.r >= 4", Feature("rfm_r")),
    F("rfm.f", NUMBER, "behavioural", "RFM frequency score.", "rfm.f >= 4", Feature("rfm_f")),
    F("rfm.m", NUMBER, "behavioural", "RFM monetary score.", "rfm.m = 5", Feature("rfm_m")),
    F("rfm.score", TEXT, "behavioural", "The three RFM scores as text, R then F then M.",
      'rfm.score in ("555", "554")', Feature("rfm_score")),
    F("rfm_simple.group", TEXT, "behavioural",
      "Simple RFM group: New, Regular, VIP, Inactive, Lost (No Purchases if none).",
      'rfm_simple.group = "VIP"', Feature("rfm_simple_group")),
    F("lifecycle.stage", TEXT, "behavioural", "prospect, new, active, lapsing or lapsed.",
      'lifecycle.stage = "lapsing"', Feature("lifecycle_stage")),
    F("lifecycle.tenure_days", NUMBER, "behavioural",
      "Days as a customer: since the sign-up or the first purchase, whichever came first.",
      "lifecycle.tenure_days >= 365", Feature("tenure_days"), unit="days"),
    # engagement
    F("events", NUMBER, "engagement", "Number of events matching the filters (type = event type).",
      'events(type = "email_click", within = 30d) >= 1', Measure("events", "count"), function=True),
    F("opened_email", NUMBER, "engagement", "Email opens.",
      "not opened_email(within = 30d)", _event("email_open"), function=True),
    F("clicked_email", NUMBER, "engagement", "Email clicks.",
      "clicked_email(within = 30d) >= 2", _event("email_click"), function=True),
    F("unsubscribed", NUMBER, "engagement", "Email unsubscribes.",
      "not unsubscribed()", _event("email_unsubscribe"), function=True),
    F("clicked_sms", NUMBER, "engagement", "SMS link clicks.",
      "clicked_sms(within = 90d)", _event("sms_click"), function=True),
    F("visited_site", NUMBER, "engagement", "Site visits.",
      "visited_site(within = 7d) >= 3", _event("site_visit"), function=True),
    F("added_to_cart", NUMBER, "engagement", "Cart additions.",
      "added_to_cart(within = 7d)", _event("cart_add"), function=True),
    F("abandoned_cart", NUMBER, "engagement", "Abandoned carts.",
      "abandoned_cart(within = 3d)", _event("cart_abandon"), function=True),
    F("reviews", NUMBER, "engagement", "Reviews written.",
      "reviews(within = 1y) >= 1", _event("review"), function=True),
    F("last_event", DATE, "engagement", "Date of the latest event matching the filters.",
      'last_event(type = "site_visit") < today - 30d', Measure("events", "max", "date"), function=True),
    F("nps_last", NUMBER, "engagement", "Latest NPS answer, 0-10 (ties broken by event_id).",
      "nps_last <= 6", Measure("events", "last", "nps_score", SURVEY)),
    F("nps_avg", NUMBER, "engagement", "Average NPS answer (null if none).",
      "nps_avg(within = 1y) >= 9",
      Measure("events", "avg", "nps_score", SURVEY), function=True),
    F("consent_email", BOOLEAN, "engagement", "Agreed to receive email.",
      "consent_email", Column("consent_email")),
    F("consent_sms", BOOLEAN, "engagement", "Agreed to receive SMS.",
      "consent_sms = true", Column("consent_sms")),
    F("email", TEXT, "engagement", "Email address (validated, lower case).",
      'email contains "@gmail."', Column("email")),
    F("phone", TEXT, "engagement", "Phone number, E.164.", 'phone starts with "+38067"', Column("phone")),
    F("activity", TEXT, "engagement", "active or passive, by response to communications (activity family).",
      'activity = "passive"', Feature("activity")),
    F("temperature", TEXT, "engagement", "cold, warm or hot (temperature family).",
      'temperature = "hot"', Feature("temperature")),
    # predictive
    F("clv_12m", NUMBER, "predictive",
      "Predicted spend over the next 12 months, discounted (BG/NBD + Gamma-Gamma; historical average on "
      "thin data).", "clv_12m > 500", Feature("clv_12m"), unit="currency"),
    F("expected_purchases_12m", NUMBER, "predictive", "Expected purchases over the next 12 months.",
      "expected_purchases_12m >= 2", Feature("expected_purchases_12m")),
    F("churn_risk", TEXT, "predictive",
      "Churn risk bucket: low (churn probability < 0.3), medium (< 0.7) or high (churn_risk family).",
      'churn_risk = "high"', Feature("churn_risk")),
    F("churn_probability", NUMBER, "predictive", "Probability of churning, 0-1 (1 - p_alive).",
      "churn_probability >= 0.7", Feature("churn_probability")),
    F("p_alive", NUMBER, "predictive", "Probability the customer is still active, 0-1.",
      "p_alive < 0.3", Feature("p_alive")),
    # membership
    F("customer_id", TEXT, "membership", "segmint's customer id.",
      'customer_id = "C-1001"', Column("customer_id")),
    F("source", TEXT, "membership", "System the customer record came from.",
      'source = "pos"', Column("source")),
    F("status", TEXT, "membership", "Customer status as imported (active, blocked, ...).",
      'status != "blocked"', Column("status")),
    F("tags", LIST, "membership", "Tags (a list).", 'tags contains "vip"', Column("tags")),
    F("has_tag", BOOLEAN, "membership", "Has the tag.",
      'has_tag("vip")', HasTag(), function=True, positional="tag"),
    F("in_segment", BOOLEAN, "membership", "Is a member of another segment.",
      'in_segment("VIP")', InSegment(), function=True, positional="segment name"),
    F("attribute", TEXT, "membership",
      "A custom attribute the import kept (a column matching no field), by its column header; text, a "
      "number or a date by what it is compared with.",
      'attribute("Kidhome") > 0', Attribute(), function=True, positional="column header"),
    F("cluster", NUMBER, "membership", "The customer's cluster number, 1 = largest (segmint clusters fit).",
      "cluster = 2", Feature("cluster")),
    F("cluster.name", TEXT, "membership", "Persona name of the customer's cluster (segmint clusters fit).",
      'cluster.name starts with "Loyal"', Feature("cluster_name")),
    F("signup_date", DATE, "membership", "Date the customer signed up.",
      "signup_date > today - 180d", Column("signup_date")),
    F("tenure_days", NUMBER, "membership", "Days since sign-up.",
      "tenure_days >= 365", DaysSince(Column("signup_date")), unit="days"),

)
# fmt: on

CATALOGUE: dict[str, Filter] = {item.name: item for item in FILTERS}
assert len(CATALOGUE) == len(FILTERS), "a filter name is declared twice"
assert all(item.family in FAMILIES for item in FILTERS)


def windowed_form(item: Filter) -> Filter | None:
    """The function that computes what a field computes but takes filters and time windows
    (total_spent -> spent(...)), if there is one."""
    if item.function:
        return None
    return next((other for other in FILTERS if other.function and other.how == item.how), None)
