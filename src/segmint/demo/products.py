"""The shop's assortment: categories (English key, Ukrainian name) and products with list prices."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from segmint.demo import catalog as cat
from segmint.demo.columns import ids, join, money

PRODUCTS_PER_CATEGORY = 40


@dataclass
class Assortment:
    categories: pa.Table
    products: pa.Table
    category: (
        np.ndarray
    )  # per product, index into catalog.CATEGORIES; products are sorted by (category, price)
    price_cents: np.ndarray
    first_of_category: np.ndarray  # index of each category's first product (plus a final end marker)

    def nearest(self, category: np.ndarray, cents: np.ndarray) -> np.ndarray:
        """The product of `category` whose list price is closest to `cents` (vectorised)."""
        key = self.category.astype(np.int64) * 10**12 + self.price_cents
        start, stop = self.first_of_category[category], self.first_of_category[category + 1] - 1
        pos = np.clip(np.searchsorted(key, category.astype(np.int64) * 10**12 + cents), start, stop)
        below = np.maximum(pos - 1, start)
        closer = np.abs(self.price_cents[below] - cents) < np.abs(self.price_cents[pos] - cents)
        return np.where(closer, below, pos)


def make_assortment(seed: int) -> Assortment:
    """Draw the products: each is a product type of its category, a brand and a model number."""
    rng = np.random.default_rng([seed, 7_000_001])
    n_cat = len(cat.CATEGORIES)
    category = np.repeat(np.arange(n_cat), PRODUCTS_PER_CATEGORY)
    typical = np.array([c[4] for c in cat.CATEGORIES])[category]
    spread = np.array([c[5] for c in cat.CATEGORIES])[category]
    price_cents = np.round(typical * np.exp(rng.normal(0, spread)) / 10) * 1000 - 100  # x99.00 prices
    price_cents = np.maximum(price_cents, 4_900).astype(np.int64)
    order = np.lexsort((price_cents, category))
    category, price_cents = category[order], price_cents[order]

    keys = [c[0] for c in cat.CATEGORIES]
    kinds = np.empty(len(category), dtype=object)
    brands = np.empty(len(category), dtype=object)
    for i, key in enumerate(keys):  # ten categories, not one loop per product
        rows = category == i
        kinds[rows] = np.array(cat.PRODUCT_TYPES[key], dtype=object)[
            rng.integers(0, len(cat.PRODUCT_TYPES[key]), rows.sum())
        ]
        brands[rows] = np.array(cat.BRANDS[key], dtype=object)[
            rng.integers(0, len(cat.BRANDS[key]), rows.sum())
        ]
    model = pa.array(rng.integers(100, 999, len(category)).astype(str), pa.string())
    prefix = np.array([k[:3].upper() for k in keys], dtype=object)[category]
    within = np.arange(len(category)) - np.searchsorted(category, category) + 1
    product_id = join(pa.array(prefix, pa.string()), "-", ids("", within, 4))
    products = pa.table(
        {
            "product_id": product_id,
            "name": join(pa.array(kinds, pa.string()), " ", pa.array(brands, pa.string()), " ", model),
            "category": pa.array(np.array(keys, dtype=object)[category], pa.string()),
            "brand": pa.array(brands, pa.string()),
            "price": money(price_cents),
        }
    )
    categories = pa.table(
        {
            "category_id": pa.array(keys, pa.string()),
            "name": pa.array([c[1] for c in cat.CATEGORIES], pa.string()),
            "parent_id": pa.nulls(n_cat, pa.string()),
        }
    )
    first = np.searchsorted(category, np.arange(n_cat + 1))
    return Assortment(categories, products, category, price_cents, first)


CATEGORY_NAMES_EN = {c[0]: c[2] for c in cat.CATEGORIES}
