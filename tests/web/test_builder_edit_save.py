"""Saving an edited segment from the builder as a browser sends the page's form: a new name or description
with the rule left as the page shows it keeps a static segment's members (hand-made changes included),
and an emptied description removes it, as the API's PATCH and the CLI's `-d ""` do."""

from __future__ import annotations

import html
import re

import pytest
from tests.web.conftest import ORIGIN, log_in

import segmint
from segmint.rules import parse_rule
from segmint.web.builder.draft import Cond, Group, to_text


def ws_of(client):
    return client.app.state.workspace.ws


def member_ids(client, name: str) -> set[str]:
    return set(segmint.segments.members(ws_of(client), name).to_pyarrow()["customer_id"].to_pylist())


def save_from_page(client, segment: str, **changes):
    """Open the builder for `segment` and post its save form as the page fills it in, with `changes`."""
    page = client.get("/ui/builder", params={"segment": segment}).text
    form = re.search(r'<form id="text-form".*?</form>', page, re.S).group(0)
    inputs = re.findall(r'<input type="(?:hidden|text)" name="([^"]+)"[^>]*?value="([^"]*)"', form, re.S)
    data = {key: html.unescape(value) for key, value in inputs}
    shown = re.search(r'<textarea[^>]*name="rule_text"[^>]*>(.*?)</textarea>', page, re.S).group(1)
    data["rule_text"] = html.unescape(shown)
    return client.post("/ui/builder/save", data={**data, **changes}, headers=ORIGIN, follow_redirects=False)


def test_a_static_segment_saved_with_a_new_name_or_description_keeps_its_members(client, shop):
    """Old code: the Save re-froze the list from its rule, and the customer added by hand was gone."""
    ws = ws_of(client)
    # written otherwise than the builder writes it back (no spaces): still the same rule
    segmint.segments.create(ws, "Focus", "total_spent>5000", kind="static")
    frozen = member_ids(client, "Focus")
    outsider = ws.raw.execute(
        "SELECT min(customer_id) FROM customers WHERE customer_id NOT IN (SELECT unnest(?))", [list(frozen)]
    ).fetchone()[0]
    segmint.segments.add_members(ws, "Focus", [outsider])
    log_in(client, shop.tokens["editor"])

    saved = save_from_page(client, "Focus", description="only a new description")
    assert saved.status_code == 303, saved.text
    assert member_ids(client, "Focus") == {*frozen, outsider}
    assert segmint.segments.get(ws, "Focus").description == "only a new description"
    renamed = save_from_page(client, "Focus", name="Focus group")
    assert renamed.status_code == 303, renamed.text
    assert member_ids(client, "Focus group") == {*frozen, outsider}
    # another rule typed there does replace them, as the page says
    retyped = save_from_page(client, "Focus group", rule_text="total_spent > 5000 and orders_count >= 1")
    assert retyped.status_code == 303, retyped.text
    assert outsider not in member_ids(client, "Focus group")


def test_an_emptied_description_is_removed(client, shop):
    """Old code: the empty field was read as "unchanged": 303, and the old description stayed."""
    ws = ws_of(client)
    segmint.segments.create(ws, "Big", "total_spent > 20000", description="old text")
    log_in(client, shop.tokens["editor"])
    # a refused save keeps the emptied field empty (it was refilled with the old text)
    refused = save_from_page(client, "Big", description="", rule_text="total_spent >")
    assert refused.status_code == 400
    assert re.search(r'name="description" maxlength="2000"\s+value=""', refused.text)
    saved = save_from_page(client, "Big", description="  ")
    assert saved.status_code == 303, saved.text
    assert segmint.segments.get(ws, "Big").description is None


def test_a_rule_the_builder_writes_in_its_own_shape_keeps_the_members(client, shop):
    """The builder writes a stored rule back in the shape it read: a double negation (which it writes itself
    for a negated group inside a negated one) with its two nots, a whole number written with a point
    (5000.0, as a JSON rule from Python may bring it) with its point. Old code: it dropped the two nots and
    the point, the page showed another rule, and a Save of a new description re-froze the list, dropping
    the customer added by hand (then segments.same_rule forgave those two shapes; now nothing needs to)."""
    negated_twice = Group("and", True, [Group("and", True, [Cond("total_spent", ">", "5000")])])
    assert to_text(negated_twice)[0] == "not (not (total_spent > 5000))"
    ws = ws_of(client)
    log_in(client, shop.tokens["editor"])
    rules = {
        "Twice": "not (not (total_spent > 5000))",
        "Point": "total_spent > 5000.0 and orders_count in (1.0, 2, 3.0, 4, 5, 6, 7, 8, 9, 10)",
    }
    for name, rule in rules.items():
        segmint.segments.create(ws, name, rule, kind="static")
        frozen = member_ids(client, name)
        outsider = ws.raw.execute(
            "SELECT min(customer_id) FROM customers WHERE customer_id NOT IN (SELECT unnest(?))",
            [list(frozen)],
        ).fetchone()[0]
        segmint.segments.add_members(ws, name, [outsider])
        page = client.get("/ui/builder", params={"segment": name}).text
        shown = re.search(r'<textarea[^>]*name="rule_text"[^>]*>(.*?)</textarea>', page, re.S).group(1)
        assert parse_rule(html.unescape(shown)) == parse_rule(rule), name  # the page shows the rule stored
        saved = save_from_page(client, name, description="a new description")
        assert saved.status_code == 303, saved.text
        assert member_ids(client, name) == {*frozen, outsider}, name


def test_a_rule_with_empty_or_spaced_values_is_saved_as_it_was(client, shop):
    """The page writes a segment's rule back as it was read: an empty text value (`city = ""`, an empty
    value of a list) and the spaces around a value are part of the rule. Old code: the page dropped the
    empty conditions and values and trimmed the spaces, so a Save of only a new description stored another
    rule and re-froze the list (the customer added by hand was gone)."""
    ws = ws_of(client)
    log_in(client, shop.tokens["editor"])
    rule = 'total_spent > 5000 or city = "" or city in ("", " Київ") or not unsubscribed()'
    segmint.segments.create(ws, "Typed", rule, kind="static")
    frozen = member_ids(client, "Typed")
    outsider = ws.raw.execute(
        "SELECT min(customer_id) FROM customers WHERE customer_id NOT IN (SELECT unnest(?))", [list(frozen)]
    ).fetchone()[0]
    segmint.segments.add_members(ws, "Typed", [outsider])
    page = client.get("/ui/builder", params={"segment": "Typed"}).text
    shown = re.search(r'<textarea[^>]*name="rule_text"[^>]*>(.*?)</textarea>', page, re.S).group(1)
    assert html.unescape(shown) == rule
    saved = save_from_page(client, "Typed", description="a new description")
    assert saved.status_code == 303, saved.text
    assert segmint.segments.get(ws, "Typed").rule == rule
    assert member_ids(client, "Typed") == {*frozen, outsider}


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("uk", "сегмент буває 'static' або 'dynamic', а не 'bogus'"),
        ("ru", "сегмент бывает 'static' или 'dynamic', а не 'bogus'"),
        ("en", "a segment is 'static' or 'dynamic', not 'bogus'"),
    ],
)
def test_an_unknown_kind_is_refused_not_saved_as_a_dynamic_segment(client, shop, lang, said):
    """Old code: any kind but "static" saved a dynamic segment (303); it is refused as the library, the CLI
    and the API refuse it (kind.unknown, in the page's language), and nothing is saved."""
    log_in(client, shop.tokens["editor"])
    client.cookies.set("segmint_lang", lang)
    page = client.get("/ui/builder").text
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', page).group(1)
    data = {"csrf": csrf, "name": "Odd kind", "rule_text": "total_spent > 5000", "kind": "bogus"}
    answer = client.post("/ui/builder/save", data=data, headers=ORIGIN, follow_redirects=False)
    assert answer.status_code == 400, answer.headers
    error = re.search(r'id="save-error">(.*?)</p>', answer.text, re.S).group(1)
    assert html.unescape(error) == said
    assert segmint.segments.find(ws_of(client), "Odd kind") is None
