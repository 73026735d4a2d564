"""What every family reads, as the data stood on ctx.today, with the rule language's definitions.

The rows come from the rule frame (segmint.rules.frame), so a family and a rule can never disagree on
who is a customer or what a purchase is: merged-away customers and customers who signed up after today
are not in the base, guest orders are left out, a purchase is an order whose status is in
PURCHASE_STATUSES, and nothing dated after today is seen.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

import ibis

from segmint.rules.context import CompileContext
from segmint.rules.fields import PURCHASE_STATUSES
from segmint.rules.frame import Frame


@dataclass(frozen=True)
class Inputs:
    ctx: CompileContext

    @property
    def today(self) -> ibis.Value:
        return ibis.literal(self.ctx.today, type="date")

    def days_ago(self, days: int) -> ibis.Value:
        """The first day of a window of `days` days ending today, as rule windows count (`within = Nd`)."""
        return ibis.literal(self.ctx.today - dt.timedelta(days=days), type="date")

    @cached_property
    def customers(self) -> ibis.Table:
        """Live customers: the same base as the rule frame."""
        customers = self.ctx.customers
        return customers.filter(
            customers.merged_into.isnull(),
            customers.signup_date.isnull() | (customers.signup_date <= self.today),
        ).select("customer_id", "signup_date")

    @cached_property
    def purchases(self) -> ibis.Table:
        """Purchase orders of customers, one row each, with `date` and `discounted`."""
        orders = Frame(self.ctx).rows("orders")
        return orders.filter(orders.status.isin(PURCHASE_STATUSES))

    @cached_property
    def purchase_lines(self) -> ibis.Table:
        """Order lines of purchases, with `amount` = quantity x price - discount and `date`."""
        lines = Frame(self.ctx).rows("items")
        return lines.filter(lines.status.isin(PURCHASE_STATUSES))

    @cached_property
    def events(self) -> ibis.Table:
        """Events of customers up to today, with `date`."""
        return Frame(self.ctx).rows("events")

    @cached_property
    def summary(self) -> ibis.Table:
        """Per live customer: frequency (purchases), monetary (their total), first and last purchase day,
        and discounted_purchases (those with an order discount, for preferences.buys_on_discount: counted
        here, a GROUP BY of its own read the orders again, ~1 s of CPU at 10M orders); frequency,
        monetary and discounted_purchases are 0 for a customer who never bought, the days null."""
        purchases = self.purchases
        per_customer = purchases.group_by("customer_id").aggregate(
            frequency=purchases.count(),
            monetary=purchases.total.sum(),
            first_purchase=purchases.date.min(),
            last_purchase=purchases.date.max(),
            discounted_purchases=purchases.count(where=purchases.discounted),
        )
        joined = self.customers.left_join(per_customer, "customer_id")
        return joined.select(
            "customer_id",
            "signup_date",
            "first_purchase",
            "last_purchase",
            frequency=joined.frequency.fill_null(0),
            monetary=joined.monetary.fill_null(0),
            discounted_purchases=joined.discounted_purchases.fill_null(0),
            recency_days=self.today.delta(joined.last_purchase, unit="day"),
        )
