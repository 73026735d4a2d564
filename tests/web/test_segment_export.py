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


def test_the_export_and_the_size_chart_match_the_api_from_the_library_calls(client, shop):
    """The page reads the library (segments.export_members, history.queries), not the API's route
    functions: the file, its name and the size chart's figures are the API's, for a segment with members,
    an empty one with a Cyrillic name and quotes, and the sizes are the snapshots' counts in SQL."""
    import json

    import segmint

    log_in(client, shop.tokens["viewer"])
    ws = client.app.state.workspace.ws
    empty = 'Нікого "0"'
    segmint.segments.create(ws, empty, "total_spent > 100000000")
    bearer = {"Authorization": f"Bearer {shop.tokens['viewer']}"}
    for name in (BIG_SPENDERS, empty):
        button = client.get("/ui/segment/export.csv", params={"name": name})
        api = client.get(f"/segments/{name}/members", params={"format": "csv", "bom": "1"}, headers=bearer)
        assert button.status_code == api.status_code == 200
        assert button.content == api.content
        assert button.headers["content-disposition"] == api.headers["content-disposition"]
    assert client.get("/ui/segment/export.csv", params={"name": empty}).content.count(b"\n") == 1

    charts = client.get("/ui/segment/charts", params={"name": BIG_SPENDERS}).text
    figure = json.loads(charts.split('id="figure-sizes">', 1)[1].split("</script>", 1)[0])
    shown = dict(zip(figure["data"][0]["x"], figure["data"][0]["y"], strict=True))
    history = client.get(f"/segments/{BIG_SPENDERS}/history", headers=bearer).json()
    assert shown == {str(row["date"])[:10]: row["size"] for row in history["sizes"]}
    segment_id = segmint.segments.find(ws, BIG_SPENDERS).segment_id
    counted = ws.raw.execute(
        "SELECT s.as_of, count(h.customer_id) FROM membership_snapshots s LEFT JOIN membership_history h "
        "ON h.kind = 'segment' AND h.ref = s.ref AND h.valid_from <= s.as_of "
        "AND (h.valid_to IS NULL OR h.valid_to > s.as_of) "
        "WHERE s.kind = 'segment' AND s.ref = ? GROUP BY s.as_of",
        [segment_id],
    ).fetchall()
    assert shown == {str(day): size for day, size in counted} and len(shown) == 2
