"""Order lines without a category of their own (UCI's invoices) take their product's category from an
imported catalogue: rules, preferences and the incremental refresh all see it (hunt U15)."""

from __future__ import annotations

from tests.ingest.conftest import write

from segmint import import_file, refresh, segments

ORDERS = (
    "order_id,customer_id,ordered_at,product_id,quantity,unit_price\n"
    "O1,K1,2024-03-01,85123A,2,10\n"
    "O1,K1,2024-03-01,22423,1,5\n"
    "O2,K2,2024-03-02,22423,4,5\n"
    "O3,K3,2024-03-03,99999,1,50\n"
)
CATALOGUE = (
    "Артикул;Назва;Категорія\n85123A;WHITE HANGING HEART T-LIGHT HOLDER;Свічники\n22423;CAKESTAND;Посуд\n"
)


def favourites(ws) -> dict[str, str]:
    return dict(ws.raw.execute("SELECT customer_id, favourite_category FROM features ORDER BY 1").fetchall())


def test_a_line_without_a_category_is_of_its_products_category_in_the_catalogue(workspace, tmp_path):
    import_file(workspace, "customers", write(tmp_path / "c.csv", "id\nK1\nK2\nK3\n"), refresh=False)
    import_file(workspace, "orders", write(tmp_path / "o.csv", ORDERS))
    segments.create(workspace, "Candles", 'bought(category = "Свічники") >= 1')
    segments.create(workspace, "Dishes spend", 'spent_on(category = "Посуд") >= 20')
    assert segments.members(workspace, "Candles").count().execute() == 0
    assert set(favourites(workspace).values()) == {"none"}
    # the catalogue import refreshes; the old code left every count and favourite as above
    import_file(workspace, "products", write(tmp_path / "p.csv", CATALOGUE))
    ids = {
        name: set(segments.members(workspace, name).to_pyarrow()["customer_id"].to_pylist())
        for name in ("Candles", "Dishes spend")
    }
    assert ids == {"Candles": {"K1"}, "Dishes spend": {"K2"}}
    assert favourites(workspace) == {"K1": "Свічники", "K2": "Посуд", "K3": "none"}
    # a refresh from scratch agrees with the one the import ran
    before = favourites(workspace)
    refresh(workspace, incremental=False)
    assert favourites(workspace) == before
