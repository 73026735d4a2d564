"""The pages through TestClient: login required, sessions, CSRF refusals, roles, escaping, languages (the
language tests run for Ukrainian and Russian from one table, WORDING)."""

from __future__ import annotations

import html
import json
import re
import string
from dataclasses import dataclass
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from tests.web.conftest import ORIGIN, copy_of, log_in
from tests.web.test_campaign_pages import ws_of

import segmint
from segmint.api import create_app
from segmint.families import labels
from segmint.web.field_texts import UK as UK_FIELD_TEXTS
from segmint.web.i18n import LANGUAGES
from segmint.web.strings import STRINGS
from segmint.web.strings_ru import FIELD_TEXTS as RU_FIELD_TEXTS
from segmint.web.strings_ru import STRINGS_RU

PAGES = [
    "/ui/",
    "/ui/dashboard/kpis",
    "/ui/builder",
    "/ui/segments",
    "/ui/segment?name=Big%20spenders",
    "/ui/segment/members?name=Big%20spenders",
    "/ui/segment/kpis?name=Big%20spenders",
    "/ui/segment/charts?name=Big%20spenders",
    "/ui/segment/export.csv?name=Big%20spenders",
    "/ui/customers",
    "/ui/customer?id=C0000001",
    "/ui/clusters",
    "/ui/imports",
]


@pytest.mark.parametrize("path", PAGES)
def test_pages_need_a_login(client, path):
    answer = client.get(path, follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"].startswith("/ui/login?next=")
    client.cookies.set("segmint_session", "sgm_forged")
    assert client.get(path, follow_redirects=False).status_code == 303


def test_htmx_requests_are_sent_to_login_by_header(client):
    answer = client.get("/ui/", headers={"HX-Request": "true"}, follow_redirects=False)
    assert answer.headers["HX-Redirect"].startswith("/ui/login")


def test_login_sets_a_strict_http_only_cookie(client, shop):
    answer = client.post(
        "/ui/login", data={"token": shop.tokens["viewer"]}, headers=ORIGIN, follow_redirects=False
    )
    cookie = answer.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    assert client.get("/ui/", follow_redirects=False).status_code == 200


def test_login_refuses_a_wrong_token_and_a_foreign_origin(client, shop):
    wrong = client.post("/ui/login", data={"token": "sgm_nope"}, headers=ORIGIN, follow_redirects=False)
    assert "segmint_session" not in wrong.headers.get("set-cookie", "")
    foreign = client.post(
        "/ui/login",
        data={"token": shop.tokens["viewer"]},
        headers={"origin": "http://evil.example"},
        follow_redirects=False,
    )
    assert foreign.status_code == 403
    assert "segmint_session" not in foreign.headers.get("set-cookie", "")


def test_login_does_not_redirect_to_another_site(client, shop):
    answer = client.post(
        "/ui/login",
        data={"token": shop.tokens["viewer"], "next": "//evil.example/x"},
        headers=ORIGIN,
        follow_redirects=False,
    )
    assert answer.headers["location"] == "/ui/"


def test_logout_needs_the_csrf_token(client, shop):
    log_in(client, shop.tokens["viewer"])
    refused = client.post("/ui/logout", headers=ORIGIN, follow_redirects=False)
    assert refused.status_code == 403
    assert client.get("/ui/", follow_redirects=False).status_code == 200  # still signed in


def test_revoking_the_token_ends_the_session(client, shop):
    from segmint.api.tokens import list_tokens, revoke_token

    log_in(client, shop.tokens["editor"])
    ws = client.app.state.workspace.ws
    editor = next(t for t in list_tokens(ws) if t.role == "editor")
    revoke_token(ws, editor.token_id)
    assert client.get("/ui/", follow_redirects=False).status_code == 303


@dataclass(frozen=True)
class Wording:
    """One interface language's data for the tests below, which run once per language on this table (as
    tests/web/test_ui_hunt_pages.py's do), so a check added for one language is made for the other too."""

    families: str  # the dashboard's "Families" heading
    accept_language: str  # a browser's Accept-Language asking for the language first
    texts: dict[str, str]  # the interface texts (key -> text) as its own file writes them
    texts_file: str
    field_texts: dict[str, str]  # filter name -> its description
    field_words: str  # words of abandoned_cart's description, which the builder's field search finds


WORDING = {
    "uk": Wording(
        families="Родини сегментів",
        accept_language="uk-UA,uk;q=0.9",
        texts={key: entry["uk"] for key, entry in STRINGS.items() if "uk" in entry},
        texts_file="src/segmint/web/strings.py",
        field_texts=UK_FIELD_TEXTS,
        field_words="покинуті кошики",
    ),
    "ru": Wording(
        families="Семейства сегментов",
        accept_language="ru-RU,ru;q=0.9",
        texts=STRINGS_RU,
        texts_file="src/segmint/web/strings_ru.py",
        field_texts=RU_FIELD_TEXTS,
        field_words="брошенные корзины",
    ),
}


def placeholders(text: str) -> list[str]:
    return sorted(field for _, field, _, _ in string.Formatter().parse(text) if field is not None)


@pytest.mark.parametrize("lang", WORDING)
def test_language_by_query_then_cookie_and_by_accept_language(client, shop, lang):
    families = WORDING[lang].families
    log_in(client, shop.tokens["viewer"])
    assert "Families" in client.get("/ui/").text
    page = client.get(f"/ui/?lang={lang}").text
    assert f'<html lang="{lang}">' in page and families in page
    assert f'id="lang-{lang}"' in page
    assert families in client.get("/ui/").text  # remembered in the cookie
    assert "Families" in client.get("/ui/?lang=en").text
    client.cookies.clear()
    log_in(client, shop.tokens["viewer"])
    assert families in client.get("/ui/", headers={"accept-language": WORDING[lang].accept_language}).text
    assert "Families" in client.get("/ui/", headers={"accept-language": f"en-US,{lang};q=0.5"}).text


@pytest.mark.parametrize("lang", WORDING)
def test_a_browser_whose_first_language_segmint_lacks_gets_its_next_one(client, shop, lang):
    """Accept-Language is a list weighted by q: a German browser that also reads Ukrainian or Russian gets
    that, not English (only the first tag was read), and a language weighted q=0 is not wanted."""
    families = WORDING[lang].families
    log_in(client, shop.tokens["viewer"])
    for header in (f"de-DE,de;q=0.9,{lang};q=0.8,en;q=0.5", f"pl;q=0.7, en;q=0.2 , {lang}-XX ;q=0.6"):
        page = client.get("/ui/", headers={"accept-language": header}).text
        assert f'<html lang="{lang}">' in page and families in page, header
    page = client.get("/ui/", headers={"accept-language": f"{lang};q=0, de"}).text
    own = ws_of(client).settings.language  # none of ours wanted: the workspace's, unless that is refused
    assert f'<html lang="{"en" if lang == own else own}">' in page


@pytest.mark.parametrize("own", LANGUAGES)
def test_a_page_no_browser_language_chose_is_in_the_workspaces_language(shop, tmp_path, own):
    """No ?lang=, no cookie, and no language of ours in Accept-Language (none sent, as by a script or some
    kiosks, or German only): the page is in the workspace's language ([workspace] language). It was
    English, in a Ukrainian shop's workspace too. A browser that refuses that language (q=0) gets English;
    one that asks for one of ours gets it."""
    path = copy_of(shop, tmp_path)
    config = path / "segmint.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r'(?m)^language = "\w+"$', f'language = "{own}"', text), encoding="utf-8")
    with TestClient(create_app(path), raise_server_exceptions=False) as client:
        log_in(client, shop.tokens["viewer"])
        for header in ({}, {"accept-language": "de-DE,de;q=0.9"}, {"accept-language": "de, en;q=x"}):
            assert f'<html lang="{own}">' in client.get("/ui/", headers=header).text, header
        refused = client.get("/ui/", headers={"accept-language": f"de, {own};q=0"}).text
        assert '<html lang="en">' in refused
        for lang in LANGUAGES:
            assert f'<html lang="{lang}">' in client.get("/ui/", headers={"accept-language": lang}).text


def test_the_dashboard_gives_each_family_group_its_strategy_in_the_page_language(client, shop):
    log_in(client, shop.tokens["viewer"])
    book = segmint.playbook.builtin()
    for lang in ("en", "uk", "ru"):
        text = html.unescape(client.get(f"/ui/?lang={lang}").text)
        for family, group in (("rfm", "Champions"), ("lifecycle", "lapsed"), ("rfm_simple", "VIP")):
            play = book.get(family, group)
            shown = labels.shown(family, group, lang)  # uk: Чемпіони (Champions); en: Champions
            assert f"<summary>{shown}</summary>" in text, (lang, group)
            assert play.strategy[lang] in text and play.channel[lang] in text, (lang, group)


@pytest.mark.parametrize("lang", WORDING)
def test_every_string_has_a_text_with_the_same_placeholders(lang):
    wording = WORDING[lang]
    assert lang in LANGUAGES
    missing = [key for key, entry in STRINGS.items() if not entry.get("en") or not entry.get(lang)]
    assert missing == [], f"add these keys to {wording.texts_file}: {missing}"
    wrong = {
        key: (placeholders(entry["en"]), placeholders(entry[lang]))
        for key, entry in STRINGS.items()
        if placeholders(entry["en"]) != placeholders(entry[lang])
    }
    assert wrong == {}
    assert sorted(set(wording.texts) - set(STRINGS)) == []  # no stale texts


def test_scripts_are_served_by_the_app(client):
    for path in ("/ui/vendor/htmx.min.js", "/ui/vendor/plotly.min.js", "/ui/static/app.css"):
        answer = client.get(path)
        assert answer.status_code == 200 and len(answer.content) > 1000, path


def csrf_of(client, path: str = "/ui/builder") -> str:
    return re.search(r'name="csrf" value="([0-9a-f]+)"', client.get(path).text).group(1)


def save(client, csrf: str, name: str, rule: str = "total_spent > 100", origin=ORIGIN):
    return client.post(
        "/ui/builder/save",
        data={"csrf": csrf, "name": name, "rule_text": rule, "kind": "dynamic"},
        headers=origin,
        follow_redirects=False,
    )


def test_a_viewer_cannot_save(client, shop):
    log_in(client, shop.tokens["viewer"])
    page = client.get("/ui/builder").text
    assert 'id="viewer-note"' in page and 'id="save" disabled' in page
    answer = save(client, csrf_of(client), "Viewer's segment")
    assert answer.status_code == 403
    assert "editor role" in answer.text
    assert client.get("/segments").status_code == 401  # (the JSON API wants a bearer token, not the cookie)
    ws = client.app.state.workspace.ws
    from segmint.segments.model import find

    assert find(ws, "Viewer's segment") is None


def test_saving_refuses_a_missing_csrf_token_or_a_foreign_origin(client, shop):
    from segmint.segments.model import find

    log_in(client, shop.tokens["editor"])
    csrf = csrf_of(client)
    assert save(client, "", "No token").status_code == 403
    assert save(client, "0" * 64, "Wrong token").status_code == 403
    assert save(client, csrf, "Foreign", origin={"origin": "http://evil.example"}).status_code == 403
    assert save(client, csrf, "No origin", origin={}).status_code == 403
    ws = client.app.state.workspace.ws
    assert all(find(ws, name) is None for name in ("No token", "Wrong token", "Foreign", "No origin"))
    done = save(client, csrf, "Real")
    assert done.status_code == 303 and find(ws, "Real") is not None


def test_hostile_segment_names_are_escaped(client, shop):
    log_in(client, shop.tokens["editor"])
    hostile = '<script>alert("x")<img src=x onerror=alert(1)>'  # no "/": a segment name cannot have one
    assert save(client, csrf_of(client), hostile).status_code == 303
    for path in ("/ui/", "/ui/segments", f"/ui/segment?name={quote(hostile)}"):
        text = client.get(path).text
        assert "<script>alert" not in text and "<img src=x" not in text, path
        assert "&lt;script&gt;alert" in text, path


def test_builder_updates_text_and_count_from_the_form(client, shop):
    log_in(client, shop.tokens["viewer"])
    csrf = csrf_of(client)
    form = {
        "r.kind": "group", "r.logic": "or",
        "r.0.kind": "cond", "r.0.field": "city", "r.0.op": "in", "r.0.value": "Київ, Львів",
        "r.1.kind": "cond", "r.1.field": "total_spent", "r.1.op": ">=", "r.1.value": "1 000,5",
        "mode": "sync",
    }  # fmt: skip
    answer = client.post("/ui/builder/update", data=form, headers={**ORIGIN, "x-csrf-token": csrf})
    assert answer.status_code == 200
    assert "city in (&#34;Київ&#34;, &#34;Львів&#34;) or total_spent &gt;= 1000.5" in answer.text
    ws = client.app.state.workspace.ws
    from segmint.api.preview import preview

    expected = preview(ws, 'city in ("Київ", "Львів") or total_spent >= 1000.5', 0)["count"]
    asked = json.loads(html.unescape(re.search(r"hx-vals='([^']+)'>…", answer.text).group(1)))
    counted = client.post("/ui/builder/count", data=asked, headers={**ORIGIN, "x-csrf-token": csrf})
    assert f'data-count="{expected}"' in counted.text


def test_only_the_newest_count_is_computed(client, shop):
    log_in(client, shop.tokens["viewer"])
    headers = {**ORIGIN, "x-csrf-token": csrf_of(client)}

    def count(seq: int, page: str = "p1"):
        return client.post(
            "/ui/builder/count", data={"rule": "age > 30", "seq": str(seq), "page_id": page}, headers=headers
        )

    newer, older, other_tab = count(200), count(100), count(50, "p2")
    assert "data-count=" in newer.text and newer.status_code == 200
    assert older.status_code == 204 and older.text == ""
    assert "data-count=" in other_tab.text  # another builder page counts on its own
    refused = client.post("/ui/builder/count", data={"rule": "age > 30", "seq": "300"}, headers=ORIGIN)
    assert refused.status_code == 403  # counting is a POST like the others: it needs the CSRF token


def test_builder_reports_a_bad_value_and_a_rule_error(client, shop):
    log_in(client, shop.tokens["viewer"])
    headers = {**ORIGIN, "x-csrf-token": csrf_of(client)}
    form = {"r.kind": "group", "r.0.kind": "cond", "r.0.field": "age", "r.0.op": ">", "r.0.value": "abc"}
    answer = client.post("/ui/builder/update", data={**form, "mode": "sync"}, headers=headers)
    assert "is not a number" in answer.text
    broken = client.post("/ui/builder/text", data={"rule_text": "city = "}, headers=headers)
    assert "Line 1, column" in broken.text and broken.headers["HX-Reswap"] == "none"


def test_a_viewer_cannot_import(client, shop):
    log_in(client, shop.tokens["viewer"])
    assert 'id="upload-form"' not in client.get("/ui/imports").text
    answer = client.post(
        "/ui/imports",
        data={"csrf": csrf_of(client, "/ui/imports"), "entity": "customers"},
        files={"file": ("c.csv", b"customer_id,full_name\nV1,Viewer\n", "text/csv")},
        headers=ORIGIN,
    )
    assert answer.status_code == 403
    assert client.app.state.workspace.ws.raw.execute("SELECT count(*) FROM imports").fetchone()[0] == 0


def test_an_import_error_is_shown_and_nothing_is_recorded(client, shop):
    log_in(client, shop.tokens["editor"])
    answer = client.post(
        "/ui/imports",
        data={"csrf": csrf_of(client, "/ui/imports"), "entity": "orders", "preset": "online-retail"},
        files={"file": ("o.csv", b"nothing,useful\n1,2\n", "text/csv")},
        headers=ORIGIN,
    )
    assert answer.status_code == 400 and 'id="import-error"' in answer.text


def test_unknown_names_answer_a_page_not_json(client, shop):
    log_in(client, shop.tokens["viewer"])
    for path in ("/ui/segment?name=nope", "/ui/customer?id=nope", "/ui/import?id=nope"):
        answer = client.get(path)
        assert answer.status_code == 404 and answer.headers["content-type"].startswith("text/html"), path


def test_members_partial_pages_sorts_and_searches(client, shop):
    log_in(client, shop.tokens["viewer"])
    first = client.get("/ui/segment/members?name=Big%20spenders&sort=customer_id&order=asc").text
    last = client.get("/ui/segment/members?name=Big%20spenders&sort=customer_id&order=desc").text
    ids = re.findall(r"/ui/customer\?id=(\w+)", first)
    assert ids == sorted(ids) and len(ids) == 25
    assert re.findall(r"/ui/customer\?id=(\w+)", last)[0] > ids[-1]
    one = client.get(f"/ui/segment/members?name=Big%20spenders&q={ids[3]}").text
    assert re.findall(r"/ui/customer\?id=(\w+)", one) == [ids[3]]


@pytest.mark.parametrize("lang", WORDING)
def test_every_filter_is_described_and_found_by_its_words(lang):
    from segmint.rules.fields import FILTERS
    from segmint.web.builder.catalogue import search

    wording = WORDING[lang]
    assert sorted(wording.field_texts) == sorted(f.name for f in FILTERS)
    found = [f.name for _, items in search(wording.field_words) for f in items]
    assert found == ["abandoned_cart"]


def test_the_dashboard_words_insights_in_ukrainian(client, shop):
    log_in(client, shop.tokens["viewer"])
    assert 'hx-get="/ui/dashboard/kpis"' in client.get("/ui/").text  # the KPIs load after the page
    english = client.get("/ui/dashboard/kpis?lang=en").text
    ukrainian = client.get("/ui/dashboard/kpis?lang=uk").text
    assert 'id="insights"' in english and "brings the most revenue" in english
    assert "приносить найбільшу виручку" in ukrainian and "brings the most revenue" not in ukrainian


def test_every_key_the_templates_use_has_a_string():
    """Keys written out in the templates, and the families of keys they build (op_, param_, family_, …)."""
    from pathlib import Path

    import segmint.web
    from segmint.rules.fields import FAMILIES, FILTERS
    from segmint.web.builder.catalogue import OPERATORS, WINDOW_UNITS
    from segmint.web.pages.customers import SHOWN_PREDICTIONS

    folder = Path(segmint.web.__file__).parent
    sources = [p.read_text(encoding="utf-8") for p in (folder / "templates").rglob("*.html")]
    sources += [p.read_text(encoding="utf-8") for p in (folder / "pages").glob("*.py")]
    written = {key for text in sources for key in re.findall(r"""\bt\(\s*["']([a-z_]+)["']""", text)}
    written |= {key for text in sources for key in re.findall(r'"(?:message|title)_key": "([a-z_]+)"', text)}
    built = {f"op_{op}" for ops in OPERATORS.values() for op in ops} | {"op_count_true"}
    built |= {f"param_{p}" for item in FILTERS for p in item.params} | {f"family_{f}" for f in FAMILIES}
    built |= {f"unit_{u}" for u in WINDOW_UNITS} | {f"pred_{p}" for p in SHOWN_PREDICTIONS}
    built |= {f"role_{r}" for r in ("viewer", "editor", "admin")}
    built |= {f"w_{w}" for w in ("who", "what", "why", "when", "where")}
    built |= {f"kind_{k}_short" for k in ("static", "dynamic")}
    built |= {"needs_editor", "needs_admin", "csrf_refused"}
    written = {key for key in written if not key.endswith("_")}  # prefixes of built keys
    assert len(written) > 100
    assert sorted((written | built) - set(STRINGS)) == []


def test_the_dashboard_figures_are_cached_until_the_data_changes(client, shop):
    from segmint.web import cache

    cache.clear()
    log_in(client, shop.tokens["editor"])
    ws = client.app.state.workspace.ws
    before = cache.fingerprint(ws)
    client.get("/ui/dashboard/kpis")
    assert len(cache._entries) == 1
    client.get("/ui/dashboard/kpis")
    assert len(cache._entries) == 1  # the same data: the same entry
    assert save(client, csrf_of(client), "Changes the data").status_code == 303
    assert cache.fingerprint(ws) != before
    client.get("/ui/dashboard/kpis")
    assert len(cache._entries) == 2


def test_a_refresh_on_the_same_date_is_new_data_for_the_cache(client):
    """A refresh repeated on the last date (after a dedupe merge, say) writes no new snapshot date, but may
    move customers between groups: the cached figures must not be reused."""
    from segmint.web import cache

    ws = client.app.state.workspace.ws
    segmint.refresh(ws)  # the fixture fitted clusters after its last refresh: this one adds their family
    before = cache.fingerprint(ws)
    segmint.refresh(ws)
    assert cache.fingerprint(ws) != before


def test_the_segment_page_loads_its_kpis_and_charts_after_it(client, shop):
    log_in(client, shop.tokens["viewer"])
    page = client.get("/ui/segment?name=Big%20spenders").text
    assert 'hx-get="/ui/segment/kpis?name=Big+spenders"' in page
    kpis = client.get("/ui/segment/kpis?name=Big%20spenders").text
    assert 'id="segment-kpis"' in kpis
    figures = client.get("/ui/segment/charts?name=Big%20spenders").text
    assert 'data-figure="figure-sizes"' in figures and 'data-figure="figure-sankey"' in figures
    sizes = json.loads(html.unescape(re.search(r'id="figure-sizes">(.*?)</script>', figures).group(1)))
    assert len(sizes["data"][0]["x"]) == 2  # refreshed a year ago and now


def test_saving_a_static_segment_and_editing_an_existing_one(client, shop):
    from segmint.segments.model import find

    log_in(client, shop.tokens["editor"])
    ws = client.app.state.workspace.ws
    csrf = csrf_of(client)
    frozen = client.post(
        "/ui/builder/save",
        data={"csrf": csrf, "name": "Frozen", "rule_text": "total_spent > 100", "kind": "static"},
        headers=ORIGIN,
        follow_redirects=False,
    )
    assert frozen.status_code == 303 and find(ws, "Frozen").kind == "static"
    page = client.get("/ui/builder?segment=Big%20spenders").text
    assert 'name="original" value="Big spenders"' in page and 'name="r.0.value" value="5000"' in page
    edited = client.post(
        "/ui/builder/save",
        data={
            "csrf": csrf,
            "original": "Big spenders",
            "name": "Bigger spenders",
            "rule_text": "total_spent > 9000",
        },
        headers=ORIGIN,
        follow_redirects=False,
    )
    assert edited.status_code == 303 and edited.headers["location"] == "/ui/segment?name=Bigger+spenders"
    assert find(ws, "Big spenders") is None and find(ws, "Bigger spenders").rule == "total_spent > 9000"


def test_a_rule_error_on_save_is_shown_and_nothing_is_stored(client, shop):
    from segmint.segments.model import find

    log_in(client, shop.tokens["editor"])
    answer = save(client, csrf_of(client), "Broken", rule="total_spent >")
    assert answer.status_code == 400 and 'id="save-error"' in answer.text
    assert find(client.app.state.workspace.ws, "Broken") is None


def test_import_columns_are_matched_and_can_be_remapped(client, shop):
    log_in(client, shop.tokens["editor"])
    csrf = csrf_of(client, "/ui/imports")
    data = "Код;Ім'я;Пошта;Telefon\nM1;Олена;olena@example.com;+380671234567\n".encode("cp1251")
    shown = client.post(
        "/ui/imports/columns",
        data={"csrf": csrf, "entity": "customers"},
        files={"file": ("клієнти.csv", data, "text/csv")},
        headers=ORIGIN,
    )
    assert shown.status_code == 200 and "cp1251" in shown.text.lower()
    sources = re.findall(r'name="map_source\.(\d+)" value="([^"]+)"', shown.text)
    assert [name for _, name in sources] == ["Код", "Ім&#39;я", "Пошта", "Telefon"]
    chosen = {"Код": "customer_id", "Ім'я": "full_name", "Пошта": "email", "Telefon": "phone"}
    form = {"csrf": csrf, "entity": "customers"}
    for index, (_, name) in enumerate(sources):
        name = html.unescape(name)
        form[f"map_source.{index}"], form[f"map.{index}"] = name, chosen[name]
    done = client.post(
        "/ui/imports",
        data=form,
        files={"file": ("клієнти.csv", data, "text/csv")},
        headers=ORIGIN,
        follow_redirects=False,
    )
    assert done.status_code == 303, done.text
    ws = client.app.state.workspace.ws
    row = ws.raw.execute("SELECT full_name, email, phone FROM customers WHERE customer_id = 'M1'").fetchone()
    assert row == ("Олена", "olena@example.com", "+380671234567")
