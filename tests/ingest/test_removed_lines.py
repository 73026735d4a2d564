"""A re-import where an order lost a line says so: the order_items counts carry the lines removed, in the
summary, `--json` and the CLI's words; and the CLI's counts say what they count (an orders file's rows
are its lines, its orders are orders). Real files, real DuckDB, the real CLI."""

from __future__ import annotations

import json

import pytest
from tests.cli import segmint
from tests.ingest.conftest import write

from segmint import import_file

LINES = (
    "order_id,customer_id,ordered_at,product_id,quantity,unit_price\n"
    "o1,c1,2024-01-02,p1,1,10\n"
    "o1,c1,2024-01-02,p2,1,20\n"
    "o1,c1,2024-01-02,p3,1,30\n"
    "o2,c1,2024-01-03,p1,1,10\n"
)
ONE_LINE_FEWER = "\n".join(line for line in LINES.splitlines() if ",p3," not in line) + "\n"


@pytest.fixture
def known(workspace, tmp_path):
    import_file(workspace, "customers", write(tmp_path / "c.csv", "customer_id\nc1\n"), refresh=False)
    import_file(workspace, "orders", write(tmp_path / "lines.csv", LINES), refresh=False)
    return workspace


def test_an_order_that_lost_a_line_counts_the_line_removed(known, tmp_path):
    summary = import_file(known, "orders", write(tmp_path / "fewer.csv", ONE_LINE_FEWER), refresh=False)
    assert summary.tables["orders"] == {"inserted": 0, "updated": 1, "unchanged": 1}
    assert summary.tables["order_items"] == {"inserted": 0, "updated": 2, "unchanged": 1, "removed": 1}
    assert known.raw.execute("SELECT count(*) FROM order_items").fetchone() == (3,)
    recorded = known.raw.execute("SELECT tables FROM imports WHERE import_id = ?", [summary.import_id])
    assert json.loads(recorded.fetchone()[0])["order_items"]["removed"] == 1
    # and back: the line comes again as a new one, nothing removed
    again = import_file(known, "orders", write(tmp_path / "all.csv", LINES), refresh=False)
    assert again.tables["order_items"] == {"inserted": 1, "updated": 2, "unchanged": 1, "removed": 0}


def test_new_orders_lines_are_not_counted_as_updated(known, tmp_path):
    """Lines of a new order in the same file as a changed one were counted as the changed one's updates."""
    text = ONE_LINE_FEWER + "o3,c1,2024-01-04,p1,1,10\no3,c1,2024-01-04,p2,1,10\n"
    summary = import_file(known, "orders", write(tmp_path / "more.csv", text), refresh=False)
    assert summary.tables["order_items"] == {"inserted": 2, "updated": 2, "unchanged": 1, "removed": 1}


@pytest.mark.parametrize(
    ("lang", "removed", "rows", "orders"),
    [
        ("en", "order_items: inserted 0, updated 2, unchanged 1, removed 1 (order lines)", "file rows",
         "orders"),
        ("uk", "order_items: додано 0, оновлено 2, без змін 1, вилучено 1 (рядків замовлень)", "рядків файлу",
         "замовлень"),
        ("ru", "order_items: добавлено 0, обновлено 2, без изменений 1, удалено 1 (строк заказов)",
         "строк файла", "заказов"),
    ],
)  # fmt: skip
def test_the_cli_says_the_lines_removed_and_what_each_count_counts(
    known, tmp_path, lang, removed, rows, orders
):
    path = write(tmp_path / "fewer.csv", ONE_LINE_FEWER)
    known.close()
    done = segmint("-w", known.path, "import", "orders", path, "--no-refresh", columns=200, language=lang)
    assert done.returncode == 0, done.stderr
    assert removed in done.stderr
    header = done.stderr.split("┡")[0]
    assert rows in header and orders in header


def test_json_gives_the_lines_removed(known, tmp_path):
    path = write(tmp_path / "fewer.csv", ONE_LINE_FEWER)
    known.close()
    done = segmint("-w", known.path, "import", "orders", path, "--no-refresh", "--json")
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert document["tables"]["order_items"]["removed"] == 1
    assert (document["rows_read"], document["updated"], document["unchanged"]) == (3, 1, 1)
