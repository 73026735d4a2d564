"""Values as Ukrainian and Russian shops' exports spell them: accounting and 1C negatives, dates with "г."
and ISO timestamps with an offset, phones Excel saved as numbers, scores with a decimal comma. Each lands
as what it means, or is refused with a reason that says what is wrong. Real imports into a real
workspace."""

from __future__ import annotations

import json

import pyarrow as pa
import pyarrow.parquet as pq
from tests.ingest.conftest import quarantined, write

from segmint import import_file
from segmint.web.import_errors import stored_reason
from segmint.web.messages import translate


def test_accounting_and_1c_negatives_read_as_negative_amounts(workspace, tmp_path):
    import_file(workspace, "customers", write(tmp_path / "c.csv", "customer_id\nK1\n"))
    path = write(
        tmp_path / "orders.csv",
        "order_id;customer_id;ordered_at;total;discount;status\n"
        "R1;K1;2024-01-02;(50,00);0;returned\n"
        "R2;K1;2024-01-02;50,00-;0;returned\n"
        "R3;K1;2024-01-02;(1 250,50 грн);0;returned\n"
        "R4;K1;2024-01-02;1 250,50-;0;returned\n"
        "P1;K1;2024-01-02;(50,00);0;paid\n"  # a negative total on a paid order: refused as for -50,00
        "P2;K1;2024-01-02;100,00;5,00-;paid\n"  # so is a negative discount
        "P3;K1;2024-01-02;(сто);0;paid\n",
    )
    summary = import_file(workspace, "orders", path)
    totals = {k: float(v) for k, v in workspace.raw.execute("SELECT order_id, total FROM orders").fetchall()}
    assert totals == {"R1": -50, "R2": -50, "R3": -1250.5, "R4": -1250.5}
    found = quarantined(workspace, summary.import_id)
    assert {row: found[row][2] for row in found} == {
        6: "import.negative_total",
        7: "import.negative_discount",
        8: "import.not_a_number",
    }
    assert found[8][3] == {"value": "(сто)"}  # the value as written


def test_a_score_with_a_decimal_comma_reads_when_whole_and_is_refused_as_a_fraction(workspace, tmp_path):
    import_file(workspace, "customers", write(tmp_path / "c.csv", "customer_id\nK1\nK2\nK3\nK4\nK5\nK6\n"))
    path = write(
        tmp_path / "events.csv",
        "customer_id;event_type;occurred_at;nps_score\n"
        "K1;survey_answer;2024-03-14;9,0\n"
        "K2;survey_answer;2024-03-14;10,00\n"
        "K3;survey_answer;2024-03-14;7.0\n"
        "K4;survey_answer;2024-03-14;9,5\n"
        "K5;survey_answer;2024-03-14;9.5\n"  # DuckDB's cast read it as 10
        "K6;survey_answer;2024-03-14;1,000\n",  # a thousands separator? not read as 1
    )
    summary = import_file(workspace, "events", path)
    scores = dict(workspace.raw.execute("SELECT customer_id, nps_score FROM events").fetchall())
    assert scores == {"K1": 9, "K2": 10, "K3": 7, "K4": None, "K5": None, "K6": None}
    refused = {
        value: (code, json.loads(params))
        for value, code, params in workspace.raw.execute(
            "SELECT value, reason_code, reason_params FROM rejected_values WHERE import_id = ?",
            [summary.import_id],
        ).fetchall()
    }
    assert refused == {
        "9,5": ("import.not_whole.value", {"value": "9,5"}),
        "9.5": ("import.not_whole.value", {"value": "9.5"}),
        "1,000": ("import.not_a_number", {"value": "1,000"}),
    }
    reason = workspace.raw.execute("SELECT reason FROM rejected_values WHERE value = '9,5'").fetchone()[0]
    assert reason == "not a whole number: '9,5'"


def test_a_phone_excel_saved_as_a_number_reads_as_its_digits_unless_digits_were_lost(workspace, tmp_path):
    path = write(
        tmp_path / "customers.csv",
        "customer_id;phone\n"
        "K1;380671234567.0\n"
        "K2;3.80671234567E+11\n"
        "K3;671234567.0\n"  # "067 123 45 67" without its leading zero
        "K4;3.80671E+11\n",  # Excel's General format in a narrow column: the last digits are gone
    )
    summary = import_file(workspace, "customers", path)
    phones = dict(workspace.raw.execute("SELECT customer_id, phone FROM customers").fetchall())
    assert phones == {"K1": "+380671234567", "K2": "+380671234567", "K3": "+380671234567", "K4": None}
    refused = workspace.raw.execute(
        "SELECT value, reason, reason_code, reason_params FROM rejected_values WHERE import_id = ?",
        [summary.import_id],
    ).fetchall()
    assert [(value, code, json.loads(params)) for value, _, code, params in refused] == [
        ("3.80671E+11", "import.phone.excel_rounded", {"value": "3.80671E+11"})
    ]
    assert "lost its last digits" in refused[0][1]


def test_a_numeric_phone_column_of_a_parquet_file_lands(workspace, tmp_path):
    path = tmp_path / "customers.parquet"
    pq.write_table(
        pa.table({"customer_id": ["K1", "K2", "K3"], "phone": [380671234567.0, 671234567.0, 12.0]}), path
    )
    summary = import_file(workspace, "customers", path)
    phones = dict(workspace.raw.execute("SELECT customer_id, phone FROM customers").fetchall())
    assert phones == {"K1": "+380671234567", "K2": "+380671234567", "K3": None}  # before: all None
    refused = workspace.raw.execute(
        "SELECT value, reason_code FROM rejected_values WHERE import_id = ?", [summary.import_id]
    ).fetchall()
    assert refused == [("12", "import.phone_country")]  # refused with a reason, not dropped silently


def test_dates_with_the_year_abbreviation_and_iso_timestamps_with_an_offset_land(workspace, tmp_path):
    # the workspace's time zone is Europe/Kyiv (UTC+2 in winter, +3 in summer): times are stored there
    import_file(
        workspace,
        "customers",
        write(tmp_path / "c.csv", "customer_id;signup_date\nK1;2024-03-14T23:30:00Z\n"),
    )
    path = write(
        tmp_path / "orders.csv",
        "order_id;customer_id;ordered_at;total\n"
        "D1;K1;14.03.2024г.;1\n"
        "D2;K1;14.03.2024 р.;1\n"
        "D3;K1;14.03.2024 г;1\n"
        "D4;K1;2024-03-14T10:15:00Z;1\n"
        "D5;K1;2024-03-14T10:15:00+02:00;1\n"
        "D6;K1;2024-07-14 10:15:00.5+0000;1\n"
        "D7;K1;2024-03-14T10:15Z;1\n"
        "B1;K1;2024-02-30T10:15:00Z;1\n"  # a day February has not
        "B2;K1;31.02.2024г.;1\n"
        "B3;K1;14.03.2024 року;1\n",  # a word: no format the import reads
    )
    summary = import_file(workspace, "orders", path)
    stored = {
        k: v.isoformat(sep=" ")
        for k, v in workspace.raw.execute("SELECT order_id, ordered_at FROM orders").fetchall()
    }
    assert stored == {
        "D1": "2024-03-14 00:00:00",
        "D2": "2024-03-14 00:00:00",
        "D3": "2024-03-14 00:00:00",
        "D4": "2024-03-14 12:15:00",
        "D5": "2024-03-14 10:15:00",
        "D6": "2024-07-14 13:15:00.500000",
        "D7": "2024-03-14 12:15:00",
    }
    signup = workspace.raw.execute("SELECT signup_date FROM customers").fetchone()[0]
    assert signup.isoformat() == "2024-03-15"  # 23:30 UTC is past midnight in Kyiv
    found = quarantined(workspace, summary.import_id)
    assert {row: found[row][2] for row in found} == {
        9: "import.date_not_in_calendar",
        10: "import.date_not_in_calendar",
        11: "import.date_unknown_format",
    }
    reason = workspace.raw.execute(
        'SELECT reason FROM quarantine WHERE import_id = ? AND "row" = 11', [summary.import_id]
    ).fetchone()[0]
    assert reason.startswith("not a date in a known format (ISO yyyy-mm-dd, also yyyy-mm-ddThh:mm:ss with Z")
    assert translate(stored_reason(reason, *found[11][2:]), "uk").startswith("не дата у відомому форматі")
    assert translate(stored_reason(reason, *found[11][2:]), "ru").startswith("не дата в известном формате")


def test_a_phone_in_scientific_notation_reads_only_when_its_digits_reach_the_units():
    """'3.8067123456E+11' is 380671234560 written with 11 significant digits, and so is Excel's rounding of
    380671234561..380671234564 (Excel drops a mantissa's trailing zeros): its units digit is not written, so
    it stays refused. '3.80671234560E+11' writes every digit down to the units and reads."""
    from segmint.ingest.normalise import phone

    assert f"{380671234563:.10E}" == "3.8067123456E+11"  # the same text, another number
    for text in ("3.8067123456E+11", "3.80671E+11"):
        landed, refused = phone(text, "UA")
        assert landed is None and refused.code == "import.phone.excel_rounded", text
    assert phone("3.80671234560E+11", "UA") == ("+380671234560", None)
    assert phone("3.80671234567E+11", "UA") == ("+380671234567", None)
