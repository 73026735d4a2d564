"""Headers as Ukrainian and Russian exports write them: an amount with its currency after it ("Сума, грн")
and an events file's "Тип події" / "Дата события" are recognised without --map. Real files, real import."""

from __future__ import annotations

import pytest
from tests.ingest.conftest import write

from segmint import Workspace, import_file
from segmint.config import Settings
from segmint.errors import MappingError
from segmint.web.messages import translate

CUSTOMERS = "customer_id,email\nc1,a@x.com\n"


@pytest.fixture
def known(workspace, tmp_path):
    import_file(workspace, "customers", write(tmp_path / "c.csv", CUSTOMERS), refresh=False)
    return workspace


@pytest.mark.parametrize(
    ("header", "id_header"),
    [
        ("Сума, грн", "Номер замовлення"),
        ("Сума, грн.", "Номер замовлення"),
        ("Сумма, грн", "Номер заказа"),
        ("Сумма (грн)", "Номер заказа"),
        ("Amount, UAH", "Order"),
    ],
)
def test_an_amount_header_with_the_workspaces_currency_is_the_total(known, tmp_path, header, id_header):
    text = f'{id_header},Код клієнта,Дата,"{header}"\no1,c1,2024-01-02,"1 250,50"\n'
    summary = import_file(known, "orders", write(tmp_path / "o.csv", text), refresh=False)
    assert summary.mapping[header] == "total"
    assert known.raw.execute("SELECT CAST(total AS DOUBLE) FROM orders").fetchall() == [(1250.5,)]


def test_a_line_price_with_its_currency_is_the_unit_price(known, tmp_path):
    text = 'Замовлення,Клієнт,Дата,Товар,Кількість,"Ціна, грн"\no1,c1,2024-01-02,Чай,2,"50,00"\n'
    summary = import_file(known, "orders", write(tmp_path / "o.csv", text), refresh=False)
    assert summary.mapping["Ціна, грн"] == "unit_price"
    assert known.raw.execute("SELECT CAST(total AS DOUBLE) FROM orders").fetchall() == [(100.0,)]


def test_an_amount_in_another_currency_than_the_workspaces_is_not_taken_for_it(known, tmp_path):
    """Amounts land in the workspace's currency (UAH here), never converted: "Сумма, руб." is no total."""
    text = 'Номер заказа,Код клиента,Дата,"Сумма, руб."\no1,c1,2024-01-02,100\n'
    with pytest.raises(MappingError) as refused:
        import_file(known, "orders", write(tmp_path / "o.csv", text), refresh=False)
    assert (
        refused.value.code == "import.required_column.currency" and refused.value.params["field"] == "total"
    )


def test_a_header_naming_no_currency_after_a_comma_is_not_an_amount(known, tmp_path):
    text = 'Номер замовлення,Код клієнта,Дата,Сума,"Дата, грн"\no1,c1,2024-01-02,10,x\n'
    summary = import_file(known, "orders", write(tmp_path / "o.csv", text), refresh=False)
    assert "Дата, грн" not in summary.mapping and summary.mapping["Сума"] == "total"


@pytest.mark.parametrize(
    ("type_header", "date_header", "customer_header"),
    [
        ("Тип події", "Дата події", "Код клієнта"),
        ("Тип события", "Дата события", "Код клиента"),
        ("Тип события", "Дата и время", "Клиент"),
        ("Тип події", "Дата і час", "Клієнт"),
        ("Вид події", "Час події", "Клієнт"),
        ("Действие", "Время события", "Клиент"),
    ],
)
def test_ukrainian_and_russian_event_headers_are_recognised(
    known, tmp_path, type_header, date_header, customer_header
):
    text = f"{customer_header},{type_header},{date_header}\nc1,page_view,2024-01-02 10:00\n"
    summary = import_file(known, "events", write(tmp_path / "e.csv", text), refresh=False)
    assert summary.mapping == {
        customer_header: "customer_id",
        type_header: "event_type",
        date_header: "occurred_at",
    }
    assert summary.inserted == 1 and summary.kept_columns == []


def test_the_other_event_columns_in_ukrainian_and_russian(known, tmp_path):
    text = (
        "ID події,Клієнт,Тип події,Дата події,Код кампанії,Канал зв'язку,Оцінка NPS\n"
        "e1,c1,survey_answer,2024-01-02 10:00,camp1,email,9\n"
    )
    summary = import_file(known, "events", write(tmp_path / "e.csv", text), refresh=False)
    assert summary.mapping == {
        "ID події": "event_id",
        "Клієнт": "customer_id",
        "Тип події": "event_type",
        "Дата події": "occurred_at",
        "Код кампанії": "campaign_id",
        "Канал зв'язку": "channel",
        "Оцінка NPS": "nps_score",
    }
    assert known.raw.execute("SELECT event_id, campaign_id, nps_score FROM events").fetchall() == [
        ("e1", "camp1", 9)
    ]


WORDED = {
    "uk": (
        "колонка 'Сумма, руб.' містить суми в RUB, а валюта робочого простору — UAH",
        "ніколи не конвертує",
    ),
    "ru": ("колонка 'Сумма, руб.' содержит суммы в RUB, а валюта рабочего пространства — UAH", "никогда не"),
}


def test_an_amount_in_another_currency_is_refused_naming_its_currency_and_the_workspaces(known, tmp_path):
    """The refusal said only that no column is the total, as if the file had no amount at all; it names the
    column, its currency and the workspace's, and says how to take it all the same."""
    text = 'Номер заказа,Код клиента,Дата,"Сумма, руб."\no1,c1,2024-01-02,100\n'
    with pytest.raises(MappingError) as refused:
        import_file(known, "orders", write(tmp_path / "o.csv", text), refresh=False)
    error = refused.value
    assert error.code == "import.required_column.currency"
    assert {k: error.params[k] for k in ("field", "column", "currency", "workspace_currency")} == {
        "field": "total",
        "column": "Сумма, руб.",
        "currency": "RUB",
        "workspace_currency": "UAH",
    }
    assert "never converts currencies" in str(error) and "--map 'Сумма, руб.=total'" in str(error)
    for lang, (said, never) in WORDED.items():
        for cli in (True, False):
            worded = translate(error, lang, cli=cli)
            assert said in worded and never in worded, worded
        assert "--map 'Сумма, руб.=total'" in translate(error, lang, cli=True)
    # mapped by hand it is the total, as the message says
    summary = import_file(
        known, "orders", write(tmp_path / "o.csv", text), mapping={"Сумма, руб.": "total"}, refresh=False
    )
    assert summary.inserted == 1


def test_hryvnias_in_a_workspace_in_euros_are_refused_naming_both_currencies(tmp_path):
    with Workspace.init(tmp_path / "ws", Settings(currency="EUR")) as ws:
        import_file(ws, "customers", write(tmp_path / "c.csv", CUSTOMERS), refresh=False)
        text = 'Номер замовлення,Код клієнта,Дата,"Сума, грн"\no1,c1,2024-01-02,100\n'
        with pytest.raises(MappingError) as refused:
            import_file(ws, "orders", write(tmp_path / "o.csv", text), refresh=False)
    assert refused.value.code == "import.required_column.currency"
    assert (refused.value.params["currency"], refused.value.params["workspace_currency"]) == ("UAH", "EUR")
    assert "суми в UAH, а валюта робочого простору — EUR" in translate(refused.value, "uk", cli=True)
