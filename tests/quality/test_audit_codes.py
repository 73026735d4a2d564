"""The audit's invalid values carry a stable code and params beside the English reason, as the import's
refusals do: the stored e-mails and phones that fail validation today (audit.*, quality/validation.py), and
the values an import refused (import.*, kept in rejected_values). `segmint audit --json` as a user runs it."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli import segmint
from tests.coded import placeholders

import segmint as library
from segmint import Workspace
from segmint.quality.validation import email_problem, phone_problem
from segmint.web.import_errors import UK as IMPORT_UK

STORED = {  # a stored value -> the code of its problem and the params the reason quotes
    ("email", "broken@"): ("audit.email", {"detail"}),
    ("phone", "ring me"): ("audit.phone_unreadable", {"detail"}),
    ("phone", "+380001234567"): ("audit.phone_invalid", set()),
    ("phone", "0501234567"): ("audit.phone_not_e164", set()),
}


def test_every_stored_value_problem_has_a_code_and_the_params_it_quotes():
    for (column, value), (code, names) in STORED.items():
        reason = email_problem(value) if column == "email" else phone_problem(value, "UA")
        assert (reason.code, set(reason.params)) == (code, names), (value, reason)
        assert all(str(param) in reason for param in reason.params.values()), reason
    assert email_problem("ann@example.com") is None and phone_problem("+380501234567") is None


def _with_stored_values(path: Path, insert_rows) -> Path:
    """A new workspace at `path` whose customers hold the invalid values of STORED, one per customer."""
    with Workspace.init(path) as ws:
        insert_rows(
            ws,
            "customers",
            [{"customer_id": f"c{i}", column: value} for i, (column, value) in enumerate(STORED)],
        )
    return path


def test_audit_json_gives_the_code_of_every_invalid_value(tmp_path: Path, insert_rows):
    path = _with_stored_values(tmp_path / "shop", insert_rows)
    crm = tmp_path / "crm.csv"
    crm.write_text("customer_id,email\nc9,not-an-email\n", encoding="utf-8")
    with Workspace.open(path) as ws:
        library.import_file(ws, "customers", crm)
    result = segmint("audit", "-w", str(path), "--json", "--no-duplicates")
    assert result.returncode == 0, result.stderr
    invalid = json.loads(result.stdout)["invalid"]
    stored = {
        (row["column"], example): (row["reason_code"], set(row["reason_params"]))
        for row in invalid
        if row["source"] == "stored"
        for example in row["examples"]
    }
    assert stored == STORED
    (refused,) = [row for row in invalid if row["source"] == "import"]
    assert (refused["examples"], refused["reason_code"]) == (["not-an-email"], "import.email.no_at")
    # the validator's English detail is kept, not quoted by the wording
    assert set(refused["reason_params"]) == {"detail", *placeholders(IMPORT_UK["import.email.no_at"])}


def test_the_audit_words_the_stored_values_problems_in_the_workspaces_language(tmp_path: Path, insert_rows):
    """The audit's own codes (audit.*) had no Ukrainian or Russian wording: a uk workspace's audit read
    'not a valid number for its country'. Its completeness table listed the bookkeeping flag
    signup_from_orders as a profile field, 0% filled."""
    from segmint.web.import_errors_ru import RU as IMPORT_RU

    path = _with_stored_values(tmp_path / "shop", insert_rows)
    for lang, table in (("uk", IMPORT_UK), ("ru", IMPORT_RU)):
        shown = segmint("audit", "-w", str(path), "--no-duplicates", language=lang, wide=True)
        assert shown.returncode == 0, shown.stderr
        text = shown.stdout + shown.stderr  # the tables are printed on stderr
        for code, _names in STORED.values():
            assert table[code] in text, (lang, code)
        assert "not a valid number" not in text and "E.164 form" not in text
        assert "signup_from_orders" not in text and "customer_id" not in text


def test_quarantined_rows_are_counted_by_reason_code_with_examples(tmp_path: Path):
    """Hunt U2: the audit grouped the quarantine by reason text, and a reason quotes its value, so UCI's
    cancellations made 1,000 rows of 'negative quantity -88.000 ...' with a count of 1 each, in English in
    a uk workspace. Now one row per code: the count, the first row's reason worded, a few values."""
    path = tmp_path / "shop"
    Workspace.init(path).close()
    lines = tmp_path / "lines.csv"
    lines.write_text(
        "order_id,customer_id,ordered_at,product_id,quantity,unit_price\n"
        "O1,K1,2024-03-01,P1,-2,10\nO2,K1,2024-03-02,P1,-5,10\nO3,K2,2024-03-03,P2,-2,5\n"
        "O4,K2,2024-03-04,P2,1,-7\nO5,K3,2024-03-05,P3,1,10\n",
        encoding="utf-8",
    )
    with Workspace.open(path) as ws:
        library.import_file(ws, "orders", lines, create_missing_customers=True, refresh=False)
        stored = ws.raw.execute("SELECT reason_code, value FROM quarantine ORDER BY row").fetchall()
    assert stored == [
        ("import.negative_quantity", "-2"),
        ("import.negative_quantity", "-5"),
        ("import.negative_quantity", "-2"),
        ("import.negative_price", "-7"),
    ]
    result = segmint("audit", "-w", str(path), "--json", "--no-duplicates")
    counted = {row["reason_code"]: row for row in json.loads(result.stdout)["quarantine"]}
    assert {code: (row["count"], row["examples"]) for code, row in counted.items()} == {
        "import.negative_quantity": (3, ["-2", "-5"]),
        "import.negative_price": (1, ["-7"]),
    }
    assert counted["import.negative_quantity"]["reason_params"]["value"].startswith("-2")
    shown = segmint("audit", "-w", str(path), "--no-duplicates", language="uk", wide=True)
    assert "від’ємна кількість" in shown.stderr and "negative quantity" not in shown.stderr
