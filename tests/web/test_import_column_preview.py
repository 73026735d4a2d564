"""The import page's column preview (POST /ui/imports/columns) shows the field the import fills from each
column, through TestClient on real files: a column headed Income holds yearly incomes in the Kaggle
"Customer Personality Analysis" file (../shared/data) and income bands in a CRM's export, and the import
decides income or income_band by the values (ingest/typed.by_content). The preview matched by header only:
it showed income for the bands, and the form sent that choice with the upload, so the bands went to the
numeric field instead of income_band."""

from __future__ import annotations

import html
import json
import re

import duckdb
import pytest
from tests.conftest import KAGGLE
from tests.web.conftest import ORIGIN, log_in
from tests.web.test_pages import csrf_of

# a CRM's customers, exported by Excel in cp1251 with semicolons: Income holds bands, not numbers
BANDS = (
    "customer_id;Ім'я;Income\nB1;Олена;50-75k\nB2;Петро;до 20 000\nB3;Ірина;20-50k\nB4;Остап;\n"
    "B5;Марта;75-100k\n"
).encode("cp1251")
CHOICE = re.compile(r'<select name="map\.(\d+)" data-source="([^"]*)">(.*?)</select>', re.S)


def preview(client, csrf: str, name: str, data: bytes) -> dict[str, str]:
    """Each column the preview lists -> the field it has chosen for it ('' for automatic)."""
    shown = client.post(
        "/ui/imports/columns",
        data={"csrf": csrf, "entity": "customers"},
        files={"file": (name, data, "text/csv")},
        headers=ORIGIN,
    )
    assert shown.status_code == 200 and 'id="column-choices"' in shown.text, shown.text
    chosen = {}
    for _, source, options in CHOICE.findall(shown.text):
        selected = re.findall(r'<option value="([^"]*)" selected>', options)
        assert len(selected) == 1, options
        chosen[html.unescape(source)] = selected[0]
    return chosen


def upload(client, csrf: str, name: str, data: bytes, chosen: dict[str, str] | None = None) -> str:
    """The upload form sent with the preview's choices (as the browser sends them), or with none; the
    import's id."""
    form = {"csrf": csrf, "entity": "customers"}
    for index, (source, target) in enumerate((chosen or {}).items()):
        form[f"map_source.{index}"], form[f"map.{index}"] = source, target
    done = client.post(
        "/ui/imports",
        data=form,
        files={"file": (name, data, "text/csv")},
        headers=ORIGIN,
        follow_redirects=False,
    )
    assert done.status_code == 303, done.text
    return done.headers["location"].split("id=")[1]


def mapping_of(client, import_id: str) -> dict[str, str]:
    ws = client.app.state.workspace.ws
    (stored,) = ws.raw.execute("SELECT mapping FROM imports WHERE import_id = ?", [import_id]).fetchone()
    return json.loads(stored)


def test_the_preview_shows_income_bands_going_to_income_band_as_the_import_puts_them(client, shop):
    """Old code: the preview chose income for Income (its header is income's alias), and the upload with
    that choice put the bands into income, refused as no amounts. Now it chooses income_band, as the
    import without a choice does, and the upload with the preview's choices lands the bands there."""
    log_in(client, shop.tokens["editor"])
    csrf = csrf_of(client, "/ui/imports")
    chosen = preview(client, csrf, "crm.csv", BANDS)
    assert chosen == {"customer_id": "customer_id", "Ім'я": "first_name", "Income": "income_band"}
    automatic = upload(client, csrf, "crm.csv", BANDS)  # no choices: the import decides by itself
    assert mapping_of(client, automatic) == chosen
    again = BANDS.replace(b"B", b"P")  # other customers, sent as the page sends the preview's choices
    landed = upload(client, csrf, "crm.csv", again, chosen)
    assert mapping_of(client, landed)["Income"] == "income_band"
    ws = client.app.state.workspace.ws
    rows = ws.raw.execute(
        "SELECT customer_id, income, income_band FROM customers WHERE customer_id LIKE 'P_' ORDER BY 1"
    ).fetchall()
    assert rows == [
        ("P1", None, "50-75k"),
        ("P2", None, "до 20 000"),
        ("P3", None, "20-50k"),
        ("P4", None, None),
        ("P5", None, "75-100k"),
    ]
    refused = "SELECT count(*) FROM rejected_values WHERE import_id = ?"
    assert ws.raw.execute(refused, [landed]).fetchone() == (0,)


def test_the_preview_of_the_kaggle_file_shows_income_as_its_import_fills_it(
    client, shop, shared_data, tmp_path
):
    """The Kaggle file's Income holds yearly incomes (2,216 of 2,240, the others blank): the preview
    chooses income for it, and every column's field is the one its import records."""
    source = tmp_path / "marketing_campaign.csv"
    duckdb.sql(f"SELECT * FROM '{shared_data / KAGGLE}'").write_csv(str(source), sep="\t")
    data = source.read_bytes()
    log_in(client, shop.tokens["editor"])
    csrf = csrf_of(client, "/ui/imports")
    chosen = preview(client, csrf, source.name, data)
    assert chosen["Income"] == "income" and chosen["ID"] == "customer_id"
    imported = mapping_of(client, upload(client, csrf, source.name, data))
    assert {column: field for column, field in chosen.items() if field} == imported


@pytest.mark.parametrize(
    "data",
    [b"customer_id;Income\n", b"customer_id;Income;Income\nA1;50-75k;20-50k\n"],
    ids=["header-only", "header-twice"],
)
@pytest.mark.parametrize("lang", ["en", "uk", "ru"])
def test_the_preview_refuses_a_file_the_import_refuses_in_its_words(client, shop, data, lang):
    """The preview reads the file's values as the import reads them, so a file the import cannot read (a
    header without data rows, a header twice) is refused by the preview in the words of the upload's
    refusal, in the page's language. Old code: it listed the columns, and the upload was refused."""
    log_in(client, shop.tokens["editor"])
    csrf = csrf_of(client, f"/ui/imports?lang={lang}")
    shown = client.post(
        f"/ui/imports/columns?lang={lang}",
        data={"csrf": csrf, "entity": "customers"},
        files={"file": ("порожній.csv", data, "text/csv")},
        headers=ORIGIN,
    )
    refused = client.post(
        f"/ui/imports?lang={lang}",
        data={"csrf": csrf, "entity": "customers"},
        files={"file": ("порожній.csv", data, "text/csv")},
        headers=ORIGIN,
    )
    assert refused.status_code == 400
    words = re.search(r'id="import-error">([^<]+)<', refused.text).group(1)
    assert shown.status_code == 200 and 'id="column-choices"' not in shown.text
    assert f'<p class="error" role="alert">{words}</p>' in shown.text, shown.text
    assert "порожній.csv" in html.unescape(words)
