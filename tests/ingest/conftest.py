"""Helpers for import tests: files written in a given encoding, and snapshots of the whole store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

CANONICAL_TABLES = (
    "customers",
    "orders",
    "order_items",
    "events",
    "products",
    "quarantine",
    "rejected_values",
    "imports",
)

CUSTOMERS_UK = """\
Код клієнта;Прізвище;Ім'я;Телефон;E-mail;Дата народження;Місто;Країна;Стать;Улюблена крамниця
C001;ПЕТРЕНКО;оЛЕКСАНДР;067 123 45 67;Oleksandr.Petrenko@Gmail.com;12.03.1985;Київ;Україна;ч;Центр
C002;Коваленко;мар'яна;+380 (50) 765-43-21;maryana.k@ukr.net;05.11.1992;Львів;Україна;ж;
C003;шевчук-бойко;Ірина;0931112233;iryna@@example;30.02.1990;Одеса;Україна;ж;Порт
C004;Petrenko;Oleksandr;+380671234567;o.petrenko@ukr.net;12.03.1985;Kyiv;Ukraine;m;
C005;Новак;Анна;+48 601 234 567;anna.nowak@wp.pl;17.07.1988;Warszawa;Польща;ж;
;Без;Коду;;;;;;;
C006;Мельник;Андрій;0501234567;andriy.melnyk@gmail.com;1.1.1979;Харків;Украина;ч;
"""

ORDERS_UK = """Номер замовлення;Код клієнта;Дата;Сума;Знижка;Канал;Статус
A-1001;C001;14.03.2024 10:15;1 250,50;0;online;completed
A-1002;C002;02.04.2024 18:40;845,00;50,00;pos;виконано
A-1003;C001;20.05.2024 09:05;2 310,00;0;онлайн;completed
A-1004;C004;21.05.2024 12:00;399,90;0;offline;returned
A-1005;;22.05.2024 13:30;120,00;0;pos;completed
A-1006;C999;23.05.2024 14:00;560,00;0;online;completed
A-1007;C005;дата?;310,00;0;online;completed
A-1008;C006;01.06.2024 16:20;-15,00;0;online;completed
"""


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def quarantined(ws, import_id: str) -> dict[int, tuple]:
    """row -> (column, value, reason code, reason params) of an import's quarantined rows."""
    return {
        row: (column, value, code, json.loads(params))
        for row, column, value, code, params in ws.raw.execute(
            'SELECT "row", "column", value, reason_code, reason_params FROM quarantine WHERE import_id = ?',
            [import_id],
        ).fetchall()
    }


def snapshot(ws) -> dict[str, list]:
    """Every row of every canonical table, sorted, for before/after comparisons."""
    out = {}
    for name in CANONICAL_TABLES:
        rows = ws.raw.execute(f"SELECT * FROM {name}").fetchall()
        out[name] = sorted(rows, key=repr)
    return out


@pytest.fixture
def customers_cp1251(tmp_path: Path) -> Path:
    return write(tmp_path / "клієнти.csv", CUSTOMERS_UK, "cp1251")


@pytest.fixture
def orders_cp1251(tmp_path: Path) -> Path:
    return write(tmp_path / "замовлення.csv", ORDERS_UK, "cp1251")
