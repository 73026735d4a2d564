"""The import page's cards say what each counts: an orders file's rows (its lines) are read and
quarantined as file rows, its orders are new, updated or unchanged as orders, and its order lines,
removed ones included, have cards of their own. Real app, real uploads, real DuckDB."""

from __future__ import annotations

import re
from html import unescape

import pytest
from tests.web.conftest import log_in
from tests.web.test_import_errors import upload

LINES = (
    "order_id,customer_id,ordered_at,product_id,quantity,unit_price\n"
    "T-1,{c},2024-01-02,p1,1,10\n"
    "T-1,{c},2024-01-02,p2,1,20\n"
    "T-1,{c},2024-01-02,p3,1,30\n"
    "T-2,{c},2024-01-03,p1,1,10\n"
)


def cards(html: str, section: str) -> dict[str, str]:
    part = re.search(rf'<section class="kpis" id="{section}">(.*?)</section>', html, re.S).group(1)
    found = re.findall(r'data-count="(\w+)"><span>([^<]*)</span><strong>([^<]*)</strong>', part)
    return {key: f"{unescape(label)}: {unescape(value)}" for key, label, value in found}


@pytest.mark.parametrize(
    ("lang", "main", "lines"),
    [
        ("uk",
         {"rows_read": "Прочитано рядків файлу: 3", "inserted": "Нових замовлень: 0",
          "updated": "Оновлено замовлень: 1", "unchanged": "Замовлень без змін: 1",
          "quarantined": "Рядків файлу в карантині: 0"},
         {"inserted": "Нових рядків замовлень: 0", "updated": "Оновлено рядків замовлень: 2",
          "unchanged": "Рядків замовлень без змін: 1", "removed": "Вилучено рядків замовлень: 1"}),
        ("ru",
         {"rows_read": "Прочитано строк файла: 3", "inserted": "Новых заказов: 0",
          "updated": "Обновлено заказов: 1", "unchanged": "Заказов без изменений: 1",
          "quarantined": "Строк файла в карантине: 0"},
         {"inserted": "Новых строк заказов: 0", "updated": "Обновлено строк заказов: 2",
          "unchanged": "Строк заказов без изменений: 1", "removed": "Удалено строк заказов: 1"}),
        ("en",
         {"rows_read": "File rows read: 3", "inserted": "New orders: 0", "updated": "Orders updated: 1",
          "unchanged": "Orders unchanged: 1", "quarantined": "File rows quarantined: 0"},
         {"inserted": "New order lines: 0", "updated": "Order lines updated: 2",
          "unchanged": "Order lines unchanged: 1", "removed": "Order lines removed: 1"}),
    ],
)  # fmt: skip
def test_an_orders_import_page_counts_lines_and_orders_apart(client, shop, lang, main, lines):
    log_in(client, shop.tokens["editor"])
    (customer,) = client.app.state.workspace.ws.raw.execute(
        "SELECT min(customer_id) FROM customers"
    ).fetchone()
    text = LINES.format(c=customer)
    assert upload(client, lang, "lines.csv", text.encode(), entity="orders").status_code == 303
    fewer = "\n".join(line for line in text.splitlines() if ",p3," not in line) + "\n"
    answer = upload(client, lang, "lines.csv", fewer.encode(), entity="orders")
    assert answer.status_code == 303, answer.text
    page = client.get(answer.headers["location"] + f"&lang={lang}")
    assert page.status_code == 200
    assert cards(page.text, "import-status") == main
    assert cards(page.text, "import-status-order_items") == lines
