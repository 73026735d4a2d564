"""The segment page's "Export CSV" button gives a file Excel on a Ukrainian or Russian Windows opens as
UTF-8 (TestClient)."""

from __future__ import annotations

import codecs

from tests.web.conftest import BIG_SPENDERS, log_in


def test_the_export_button_gives_utf8_with_a_byte_order_mark(client, shop):
    """hunt-web W13: the button's CSV had no BOM, so Excel on a Cyrillic Windows read a double-clicked file
    as cp1251 ("Олександр" as "РћР»РµРєСЃ..."). It is the API's download with ?bom=1 now; the API's
    default bytes are unchanged. Old code: no BOM."""
    log_in(client, shop.tokens["viewer"])
    page = client.get("/ui/segment", params={"name": BIG_SPENDERS})
    assert 'id="export-csv" href="/ui/segment/export.csv?name=Big+spenders"' in page.text
    button = client.get("/ui/segment/export.csv", params={"name": BIG_SPENDERS})
    assert button.status_code == 200 and button.headers["content-type"].startswith("text/csv")
    assert button.content.startswith(codecs.BOM_UTF8 + b'"customer_id"')
    api = client.get(
        "/segments/Big spenders/members",
        params={"format": "csv"},
        headers={"Authorization": f"Bearer {shop.tokens['viewer']}"},
    )
    assert button.content == codecs.BOM_UTF8 + api.content
