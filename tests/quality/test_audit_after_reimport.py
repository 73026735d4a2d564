"""The audit after real imports of a messy file: a file imported again, or fixed, is counted once, and
one mistyped future order does not move the audit's 'now' (refresh's reference date is capped the same
way). Checked against the file itself with pandas."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
from tests.ingest.conftest import write

from segmint import import_file
from segmint.quality.auditing import audit

CUSTOMERS = (
    "Код клієнта;ПІБ;Телефон;Email;Дата народження\n"
    "K1;Шевченко Тарас;067 123 45 67;taras@gmail.com;09.03.1984\n"
    "K2;Ганна Коваленко;12;hanna@gmial;31.12.1990\n"
    "K3;Анна Коваленко;0677654321;anna@@i.ua;31.02.1990\n"
    ";Без Коду;0501112233;x@y.ua;\n"
)


def _counts(report):
    """{(column, reason up to its first ':' or ' for '): count} of the import refusals, and the quarantine."""
    invalid: dict = {}
    for r in report.invalid:
        if r.source == "import":
            key = (r.column, r.reason.split(":")[0].split(" for ")[0])
            invalid[key] = invalid.get(key, 0) + r.count
    quarantine = {(q.entity, q.reason): q.count for q in report.quarantine}
    return invalid, quarantine


def test_a_file_imported_three_times_is_counted_once(workspace, tmp_path):
    path = write(tmp_path / "crm.csv", CUSTOMERS)
    for _ in range(3):
        import_file(workspace, "customers", path, refresh=False)
    invalid, quarantine = _counts(audit(workspace, duplicates=False))
    frame = pd.read_csv(io.StringIO(CUSTOMERS), sep=";", dtype=str)
    landed = frame[frame["Код клієнта"].notna()]
    # independently: which landed rows have a phone of 2 digits, an address with no dot after @ or two @s
    assert invalid[("Телефон", "invalid phone number")] == int((landed["Телефон"].str.len() < 5).sum()) == 1
    domain = landed["Email"].str.split("@").str[-1]
    bad_mail = landed["Email"].str.count("@").ne(1) | ~domain.str.contains(".", regex=False)
    assert invalid[("Email", "invalid e-mail")] == int(bad_mail.sum()) == 2
    assert invalid[("Дата народження", "not a valid calendar date")] == 1
    assert quarantine == {("customers", "missing customer_id"): int(frame["Код клієнта"].isna().sum())}


def test_a_value_fixed_by_a_later_import_is_no_longer_counted(workspace, tmp_path):
    import_file(workspace, "customers", write(tmp_path / "crm.csv", CUSTOMERS), refresh=False)
    fixed = "customer_id;email\nK2;hanna@gmail.com\n"
    import_file(workspace, "customers", write(tmp_path / "fix.csv", fixed), refresh=False)
    invalid, _ = _counts(audit(workspace, duplicates=False))
    assert invalid[("Email", "invalid e-mail")] == 1  # K3's only


def test_a_future_order_does_not_move_the_audits_now(workspace, tmp_path):
    import_file(workspace, "customers", write(tmp_path / "crm.csv", CUSTOMERS), refresh=False)
    recent = (dt.date.today() - dt.timedelta(days=30)).strftime("%d.%m.%Y")
    orders = f"order_id;customer_id;ordered_at;total\nZ1;K1;{recent};10\nZ2;K2;01.01.2099;10\n"
    import_file(workspace, "orders", write(tmp_path / "o.csv", orders), refresh=False)
    stale = audit(workspace, duplicates=False).stale
    assert stale.reference_policy == "last_activity"
    assert stale.reference_date <= dt.date.today() + dt.timedelta(days=1)  # the workspace's today, not 2099
    assert stale.stale == 1  # K3: no order, no sign-up date (as of 2099, K1 was stale too)


def test_the_audit_lists_dates_in_the_future(workspace, tmp_path, capsys):
    """A mistyped year lands (nothing refuses a date for being late) and then counts nowhere until that
    day: the audit names such records, so they can be fixed."""
    people = CUSTOMERS.replace(
        "K1;Шевченко Тарас;067 123 45 67;taras@gmail.com;09.03.1984", "K1;Т;;;09.03.2084"
    )
    import_file(workspace, "customers", write(tmp_path / "crm.csv", people), refresh=False)
    tomorrow = (dt.date.today() + dt.timedelta(days=2)).strftime("%d.%m.%Y")
    orders = (
        "order_id;customer_id;ordered_at;total\n"
        f"Z1;K1;01.03.2024;10\nZ2;K2;01.01.2099;10\nZ3;K3;{tomorrow};5\n"
    )
    import_file(workspace, "orders", write(tmp_path / "o.csv", orders), refresh=False)
    events = "customer_id;event_type;occurred_at\nK1;email_open;03.03.2024\n"
    import_file(workspace, "events", write(tmp_path / "e.csv", events), refresh=False)
    report = audit(workspace, duplicates=False)
    found = {(f.table, f.column): (f.count, f.examples) for f in report.future_dates}
    assert found == {("orders", "ordered_at"): (2, ["Z2", "Z3"]), ("customers", "birth_date"): (1, ["K1"])}
    from segmint.cli.audit import show

    show(report)
    assert "Dates in the future" in capsys.readouterr().err


def test_an_orders_refused_country_counts_its_buyer_once_while_the_buyer_has_none(workspace, tmp_path):
    """An order's country lands on its buyer (customers.country). The audit counted the refusal per order
    (UCI Online Retail: 'Channel Islands' 79 for 14 customers; H5's hunt) and never cleared it when the
    customer got a country later."""
    lines = (
        "Invoice;StockCode;Quantity;InvoiceDate;Price;Customer ID;Country\n"
        "1;A;1;01.03.2024;10;K1;Channel Islands\n"
        "2;A;1;02.03.2024;10;K1;Channel Islands\n"
        "3;A;1;03.03.2024;10;K1;Channel Islands\n"
        "4;A;1;04.03.2024;10;K2;Unspecified\n"
        "5;A;1;05.03.2024;10;K3;United Kingdom\n"
    )
    orders = write(tmp_path / "invoices.csv", lines)
    import_file(workspace, "orders", orders, refresh=False, create_missing_customers=True)
    invalid, _ = _counts(audit(workspace, duplicates=False))
    assert invalid == {
        ("Country", "unknown country 'Channel Islands'"): 1,
        ("Country", "unknown country 'Unspecified'"): 1,
    }
    import_file(
        workspace, "customers", write(tmp_path / "k1.csv", "customer_id;country\nK1;JE\n"), refresh=False
    )
    invalid, _ = _counts(audit(workspace, duplicates=False))
    assert invalid == {("Country", "unknown country 'Unspecified'"): 1}


def test_a_file_is_told_apart_by_its_absolute_path_however_it_was_typed(workspace, tmp_path, monkeypatch):
    """The audit told files apart by the path as typed: c.csv and $PWD/c.csv counted one duplicate twice,
    and two files called c.csv in two folders hid each other's rows."""
    monkeypatch.chdir(tmp_path)
    duplicate = "customer_id,first_name\nK1,Ann\nK1,Ann B\n"
    write(tmp_path / "c.csv", duplicate)
    import_file(workspace, "customers", "c.csv", refresh=False)
    import_file(workspace, "customers", tmp_path / "c.csv", refresh=False)
    _, quarantine = _counts(audit(workspace, duplicates=False))
    assert quarantine == {("customers", "duplicate key, superseded by row 3"): 1}
    (tmp_path / "other").mkdir()
    write(tmp_path / "other" / "c.csv", "customer_id,first_name\nK2,Bo\nK2,Bob\n")
    import_file(workspace, "customers", tmp_path / "other" / "c.csv", refresh=False)
    _, quarantine = _counts(audit(workspace, duplicates=False))
    assert quarantine == {("customers", "duplicate key, superseded by row 3"): 2}
    # the quarantine names the file as given; the imports row keeps where it is
    given = {file for (file,) in workspace.raw.execute("SELECT file FROM quarantine").fetchall()}
    assert given == {"c.csv", str(tmp_path / "c.csv"), str(tmp_path / "other" / "c.csv")}
    kept = workspace.raw.execute("SELECT file FROM imports ORDER BY started_at").fetchall()
    assert kept == [(str((tmp_path / "c.csv").resolve()),)] * 2 + [
        (str((tmp_path / "other/c.csv").resolve()),)
    ]


def test_a_relative_path_an_older_import_kept_is_replaced_by_the_files_next_import(workspace, tmp_path):
    """Imports before 2026-12-06 kept the path as typed, which cannot be resolved now: the next import of
    a file whose absolute path ends in it replaces what that import left, as an import of the same text."""
    path = write(tmp_path / "c.csv", "customer_id,first_name\nK1,Ann\nK1,Ann B\n")
    import_file(workspace, "customers", path, refresh=False)
    workspace.raw.execute("UPDATE imports SET file = 'c.csv'")  # as an older segmint stored `c.csv`
    import_file(workspace, "customers", path, refresh=False)
    _, quarantine = _counts(audit(workspace, duplicates=False))
    assert quarantine == {("customers", "duplicate key, superseded by row 3"): 1}
