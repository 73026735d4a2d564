"""A customer created from orders (--create-missing-customers) signs up on the day of their first order;
that date follows the orders when a corrected export re-imports them (a misread date format moved the
first order), while a sign-up date the user imported stays. Real imports into a real workspace."""

from __future__ import annotations

import datetime as dt

from tests.ingest.conftest import write

from segmint import import_file

# the same orders twice: first misread (the first orders two months early, as a month-first export read
# day-first gives them), then as the shop meant them
ORDERS = "order_id;customer_id;ordered_at;total\nO1;K1;{o1};10\nO2;K1;2024-06-01;10\nO3;K2;{o3};10\n"


def signups(ws) -> dict[str, tuple]:
    return {
        key: (date, flag)
        for key, date, flag in ws.raw.execute(
            "SELECT customer_id, signup_date, signup_from_orders FROM customers"
        ).fetchall()
    }


def test_a_signup_taken_from_the_orders_follows_a_corrected_reimport_and_a_given_one_stays(
    workspace, tmp_path
):
    import_file(workspace, "customers", write(tmp_path / "c.csv", "customer_id;signup_date\nK2;2023-12-01\n"))
    misread = write(tmp_path / "misread.csv", ORDERS.format(o1="2024-01-03", o3="2024-01-03"))
    import_file(workspace, "orders", misread, create_missing_customers=True)
    assert signups(workspace) == {"K1": (dt.date(2024, 1, 3), True), "K2": (dt.date(2023, 12, 1), False)}

    corrected = write(tmp_path / "corrected.csv", ORDERS.format(o1="2024-03-01", o3="2024-03-01"))
    summary = import_file(workspace, "orders", corrected, create_missing_customers=True)
    assert signups(workspace) == {"K1": (dt.date(2024, 3, 1), True), "K2": (dt.date(2023, 12, 1), False)}
    assert summary.tables["customers"] == {"inserted": 0, "updated": 1, "unchanged": 1}

    # a later file of later orders leaves it at the first order the store holds
    later = write(tmp_path / "later.csv", "order_id;customer_id;ordered_at;total\nO9;K1;2024-09-01;10\n")
    import_file(workspace, "orders", later, create_missing_customers=True)
    assert signups(workspace)["K1"] == (dt.date(2024, 3, 1), True)

    # a sign-up date the user imports is theirs from then on
    import_file(
        workspace, "customers", write(tmp_path / "c2.csv", "customer_id;signup_date\nK1;2024-02-15\n")
    )
    import_file(workspace, "orders", corrected, create_missing_customers=True)
    assert signups(workspace)["K1"] == (dt.date(2024, 2, 15), False)
