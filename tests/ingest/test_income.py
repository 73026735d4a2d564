"""A column of yearly incomes (Income, Дохід) lands in the numeric field `income`, which rules compare
(`income > 50000`); a column of bands under the same names (50-75k, high) still lands in the text field
income_band. A workspace made before migration 0018 keeps working: its plain-number income_band values
move to income, real bands stay. The Kaggle "Customer Personality Analysis" file through the real CLI."""

from __future__ import annotations

import json

import pandas as pd
from tests.cli import member_ids, ok
from tests.ingest.conftest import write
from tests.test_workspace import rewind

from segmint import Workspace, import_file

FILE = "marketing_campaign/marketing_campaign.parquet"


def members(ws_dir, tmp_path, name: str, rule: str) -> tuple[list[str], dict]:
    created = json.loads(ok("-w", ws_dir, "segments", "create", name, "--rule", rule, "--json").stdout)
    return member_ids(ws_dir, name, tmp_path), created


def test_the_kaggle_income_column_is_a_number_rules_compare(tmp_path, shared_data):
    source = shared_data / FILE
    data = pd.read_parquet(source)
    ws = tmp_path / "ws"
    ok("init", ws)
    summary = json.loads(ok("-w", ws, "import", "customers", source, "--json").stdout)
    assert summary["mapping"]["Income"] == "income"
    opened = Workspace.open(ws)
    try:  # every income landed (the file's refused values are two birth years: test_birth_year.py)
        refused = opened.raw.execute("""SELECT count(*) FROM rejected_values WHERE "column" = 'Income'""")
        assert refused.fetchone() == (0,)
        stored = opened.raw.execute("SELECT count(income) FROM customers").fetchone()
        assert stored == (int(data.Income.count()),)
    finally:
        opened.close()
    for name, rule, mask in (
        ("Over 50k", "income > 50000", data.Income > 50000),
        ("Middle", "income between 30000 and 60000", data.Income.between(30000, 60000)),
        ("Unknown", "income is null", data.Income.isna()),
    ):
        got, created = members(ws, tmp_path, name, rule)
        assert got == sorted(data.ID[mask].astype(str)), name
        assert created["size"] == int(mask.sum()), name
    assert int((data.Income > 50000).sum()) == 1156 and int(data.Income.isna().sum()) == 24


def test_a_csv_of_incomes_reads_as_numbers_and_one_of_bands_as_bands(tmp_path):
    ws = tmp_path / "ws"
    ok("init", ws)
    numbers = write(
        tmp_path / "clients.csv",
        "Код клієнта;Дохід\nK1;58 138\nK2;46344,50\nK3;\nK4;n/a\nK5;120000\n",
    )
    summary = json.loads(ok("-w", ws, "import", "customers", numbers, "--json").stdout)
    assert summary["mapping"] == {"Код клієнта": "customer_id", "Дохід": "income"}
    assert summary["rejected_values"] == 1  # n/a: refused and kept, not stored as text
    got, _ = members(ws, tmp_path, "Rich", "income > 50000")
    assert got == ["K1", "K5"]

    bands = write(tmp_path / "bands.csv", "customer_id,Income\nB1,50-75k\nB2,high\nB3,75000\nB4,\n")
    summary = json.loads(ok("-w", ws, "import", "customers", bands, "--json").stdout)
    assert summary["mapping"] == {"customer_id": "customer_id", "Income": "income_band"}
    assert summary["rejected_values"] == 0
    got, _ = members(ws, tmp_path, "Bands", 'income_band in ("50-75k", "75000")')
    assert got == ["B1", "B3"]
    # --map puts a column where it is told, whatever it holds
    mapped = write(tmp_path / "mapped.csv", "customer_id,Income\nM1,58000\n")
    summary = json.loads(
        ok("-w", ws, "import", "customers", mapped, "--map", "Income=income_band", "--json").stdout
    )
    assert summary["mapping"]["Income"] == "income_band"


def test_a_workspace_made_before_moves_its_numeric_income_band_to_income(tmp_path, shared_data):
    source = shared_data / FILE
    data = pd.read_parquet(source)
    made = tmp_path / "kaggle"
    ws = Workspace.init(made)
    import_file(ws, "customers", source, refresh=False)
    # as segmint left it before 0018: no income column, the Income column's numbers as text in income_band
    rewind(ws, 18)
    ws.raw.execute("UPDATE customers SET income_band = CAST(CAST(income AS BIGINT) AS VARCHAR)")
    ws.raw.execute("ALTER TABLE customers DROP COLUMN income")
    ws.close()
    ok("-w", made, "refresh")  # opens, migrates, refreshes
    got, _ = members(made, tmp_path, "Over 50k", "income > 50000")
    assert got == sorted(data.ID[data.Income > 50000].astype(str))
    ws = Workspace.open(made)
    try:
        assert ws.raw.execute("SELECT count(income_band) FROM customers").fetchone() == (0,)
    finally:
        ws.close()

    banded = Workspace.init(tmp_path / "bands")
    rewind(banded, 18)
    banded.raw.execute("ALTER TABLE customers DROP COLUMN income")
    banded.raw.execute(
        "INSERT INTO customers (customer_id, income_band, imported_at) VALUES "
        "('K1', '50-75k', now()), ('K2', '58000', now()), ('K3', NULL, now())"
    )
    banded.close()
    banded = Workspace.open(tmp_path / "bands")
    try:
        stored = banded.raw.execute("SELECT customer_id, income_band, income FROM customers ORDER BY 1")
        assert stored.fetchall() == [("K1", "50-75k", None), ("K2", "58000", None), ("K3", None, None)]
    finally:
        banded.close()
