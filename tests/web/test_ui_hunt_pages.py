"""Web UI bugs from the API/UI bug hunt (notes hunt-api B16, B25, B13/B24, B12, B14, B21) through TestClient:
pages answer pages (never the API's JSON), paging, the Ukrainian texts; the tests of the library's words
(rule errors, save refusals, persona cards) run for Russian too, from one table of texts per language."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient
from tests.web.conftest import BIG_SPENDERS, ENGLISH_BROWSER, ORIGIN, log_in

import segmint
from segmint.api import create_app
from segmint.api.tokens import create_token
from segmint.errors import RuleError
from segmint.rules import parse_rule
from segmint.web.messages import translate


def rows_of(html_text: str, table_id: str) -> int:
    """Data rows (not the header) of the table with this id."""
    table = html_text.split(f'id="{table_id}"', 1)[1].split("</table>", 1)[0]
    return table.count("<tr") - 1


def test_bad_query_parameters_answer_an_html_page(client, shop):
    """B16: /ui/customer without ?id= and a member page 0 answered the API's raw JSON 422."""
    log_in(client, shop.tokens["viewer"])
    for path in ("/ui/customer", "/ui/segment/members?name=Big%20spenders&page=0", "/ui/customers?page=x"):
        answer = client.get(path)
        assert answer.status_code == 400, path
        assert answer.headers["content-type"].startswith("text/html"), path
        assert 'role="alert"' in answer.text
    assert "id" in client.get("/ui/customer").text.split('role="alert">', 1)[1].split("</p>", 1)[0]
    ukrainian = client.get("/ui/customer?lang=uk")
    assert "У посиланні бракує значення" in ukrainian.text
    # the API keeps its JSON errors
    api = client.get("/customers/NOPE/x", headers={"Authorization": f"Bearer {shop.tokens['viewer']}"})
    assert api.headers["content-type"].startswith("application/json")


def test_an_address_that_is_no_page_answers_an_html_page(client, shop):
    log_in(client, shop.tokens["viewer"])
    for path in (
        "/ui/segment/members?name=Nope",
        "/ui/segment/kpis?name=Nope",
        "/ui/segment/export.csv?name=Nope",
    ):
        answer = client.get(path)  # the partials' unknown segment answered the API's JSON 404
        assert answer.status_code == 404 and answer.headers["content-type"].startswith("text/html"), path
        assert "no segment named 'Nope'" in html.unescape(answer.text)
    # worded from the 404's SegmentError (segment.unknown), not by a regex on its English
    assert "сегмента з назвою 'Nope' немає; відомі: " in html.unescape(
        client.get("/ui/segment/kpis?name=Nope&lang=uk").text
    )
    assert "сегмента с названием 'Nope' нет; известные: " in html.unescape(
        client.get("/ui/segment/members?name=Nope&lang=ru").text
    )
    api = client.get("/segments/Nope", headers={"Authorization": f"Bearer {shop.tokens['viewer']}"})
    assert api.status_code == 404 and api.headers["content-type"].startswith("application/json")
    for path, status in (("/ui/builder/save", 405), ("/ui/no-such-page", 404)):
        answer = client.get(path)
        assert answer.status_code == status
        assert answer.headers["content-type"].startswith("text/html")
    assert client.get("/ui/builder/save").headers["allow"] == "POST"


def test_a_page_past_the_last_shows_the_last_page_everywhere(client, shop):
    """B16: /ui/customers?page=99999 said "page 99999 of 20" over an empty table (with a link back to page
    99998), and the segment's members said "page N of N" over an empty table too."""
    log_in(client, shop.tokens["viewer"])
    customers = client.get("/ui/customers?page=99999")
    assert customers.status_code == 200
    last = re.search(r"page (\d+) of (\d+)", customers.text)
    assert last and last.group(1) == last.group(2)
    assert rows_of(customers.text, "results") > 0
    members = client.get("/ui/segment/members", params={"name": BIG_SPENDERS, "page": 999})
    last = re.search(r"page (\d+) of (\d+)", members.text)
    assert last and last.group(1) == last.group(2)
    assert rows_of(members.text, "members") > 0
    bearer = {"Authorization": f"Bearer {shop.tokens['viewer']}"}
    size = client.get("/segments/Big%20spenders", headers=bearer).json()["size"]
    assert rows_of(members.text, "members") == size - (int(last.group(2)) - 1) * 25


BAD_RULES = [
    'city = "Київ" and (',  # ends too early
    'rfm.grop = "Champions"',  # unknown field, with a suggestion
    "total_spent > 1,5",  # comma decimals
    'city = "Київ',  # unclosed text
    "total_spent > 5000 orders_count",  # unexpected token
    "orders_count > 3or city = 1",  # glued number
    "nosuchthing_at_all > 3",  # unknown field, no suggestion
    'total_spent > "abc"',  # type mismatch
    "orders_count between 10 and 2",  # order of between
    'city > "Київ"',  # text compared with >
    "bought(within = 3q) > 0",  # unit
    "last_order_date > yesterday",  # date word
    "",  # empty
]


ENGLISH = re.compile(
    r"\b(the|unexpected|expected|unknown|write|did you mean|is not|cannot|needs|a number|a field)\b"
)


@dataclass(frozen=True)
class Wording:
    """What the UI shows in one interface language: the tests below run once per language on this table,
    so a check added for one language is made for the other too."""

    letters: str  # letters only this language has: the other language's texts must not contain them
    where: str  # a rule error's "line 1, column 1:" prefix
    unknown_field: str  # the error for rfm.grop
    exists: str  # the refusal to save under a taken name
    empty_rule: str  # the refusal to save a dynamic segment without a rule
    empty_name: str  # a segment name in the language
    customers: str  # a persona card's "N customers (S of the base)": the noun's forms, as a regex alternation
    of_the_base: str
    set_apart: str  # "Set apart by …"
    no_purchases: str  # a cluster that bought nothing


WORDING = {
    "uk": Wording(
        letters="іїєґІЇЄҐ",
        where="Рядок 1, стовпець 1:",
        unknown_field="невідоме поле 'rfm.grop'; можливо, 'rfm.group'?",
        exists="уже існує",
        empty_rule="динамічному сегменту потрібне правило",
        empty_name="Порожнє",
        customers="клієнт|клієнти|клієнтів",
        of_the_base="бази",
        set_apart="Вирізняються",
        no_purchases="Ще нічого не купували",
    ),
    "ru": Wording(
        letters="ыэъёЫЭЪЁ",
        where="Строка 1, столбец 1:",
        unknown_field="неизвестное поле 'rfm.grop'; возможно, 'rfm.group'?",
        exists="уже существует",
        empty_rule="динамическому сегменту нужно правило",
        empty_name="Пустое",
        customers="клиент|клиента|клиентов",
        of_the_base="базы",
        set_apart="Выделяются",
        no_purchases="Ещё ничего не покупали",
    ),
}
OTHER = {"uk": "ru", "ru": "uk"}


def foreign_letters(text: str, lang: str) -> list[str]:
    """The letters of `text` that belong to the other interface language only."""
    return [letter for letter in text if letter in WORDING[OTHER[lang]].letters]


@pytest.mark.parametrize("lang", WORDING)
@pytest.mark.parametrize("text", BAD_RULES)
def test_every_common_rule_error_reads_in_the_page_language(text, lang):
    """B13: the builder showed the rule language's English errors inside Ukrainian (and Russian) framing."""
    with pytest.raises(RuleError) as caught:
        parse_rule(text)
    shown = translate(caught.value, lang, place=False)  # worded from its code and params
    assert shown != caught.value.message
    assert not ENGLISH.search(shown), shown
    assert foreign_letters(shown.replace(text, ""), lang) == [], shown  # the rule's own text may be either
    assert translate(caught.value, "en", place=False) == caught.value.message
    # where a message says where it is, the place is worded too
    placed = caught.value.moved(line=1, column=1, text=None)
    assert translate(placed, lang) == f"{WORDING[lang].where} {shown}"


@pytest.mark.parametrize("lang", WORDING)
def test_builder_errors_and_save_refusals_in_the_page_language(client, shop, lang):
    """B13: in the Ukrainian (and Russian) builder the rule error under the text and the save refusal were
    English."""
    wording = WORDING[lang]
    log_in(client, shop.tokens["editor"])
    client.cookies.set("segmint_lang", lang)
    builder = client.get("/ui/builder").text
    csrf = re.search(r'name="csrf" value="([^"]+)"', builder)[1]
    headers = {"origin": "http://testserver", "x-csrf-token": csrf}
    status = client.post("/ui/builder/text", data={"rule_text": "rfm.grop = 1"}, headers=headers).text
    error = html.unescape(status.split('id="rule-error"', 1)[1].split("</div>", 1)[0])
    assert wording.where in error and wording.unknown_field in error, error
    assert foreign_letters(error, lang) == [], error
    saved = client.post(
        "/ui/builder/save",
        data={"csrf": csrf, "name": BIG_SPENDERS, "rule_text": "total_spent > 1", "kind": "dynamic"},
        headers=headers,
    )
    assert saved.status_code == 400
    refusal = html.unescape(saved.text.split('id="save-error">', 1)[1].split("</p>", 1)[0])
    assert wording.exists in refusal and not ENGLISH.search(refusal), refusal
    assert foreign_letters(refusal, lang) == [], refusal
    empty = client.post(
        "/ui/builder/save", data={"csrf": csrf, "name": wording.empty_name, "rule_text": ""}, headers=headers
    )
    refusal = html.unescape(empty.text.split('id="save-error">', 1)[1].split("</p>", 1)[0])
    assert wording.empty_rule in refusal and not ENGLISH.search(refusal), refusal
    assert foreign_letters(refusal, lang) == [], refusal


@pytest.mark.parametrize("lang", WORDING)
def test_a_rule_error_on_an_error_page_reads_in_the_page_language(client, lang):
    """A page whose library call stops with a rule error shows it in the page's language, worded from its
    code (the error page used to show the English message and match it against patterns)."""

    def broken() -> None:
        parse_rule('rfm.grop = "Champions"')

    client.app.add_api_route("/ui/broken-rule", broken, methods=["GET"])
    client.cookies.set("segmint_lang", lang)
    answer = client.get("/ui/broken-rule")
    assert answer.status_code == 400
    shown = html.unescape(answer.text.split('role="alert">', 1)[1].split("</p>", 1)[0])
    assert shown == WORDING[lang].unknown_field, shown


def headings(html_text: str, section: str) -> list[str]:
    part = html_text.split(f'id="{section}"', 1)[1].split("</table>", 1)[0]
    return [
        html.unescape(re.sub(r"<[^>]+>|[▲▼]", "", cell)).strip()
        for cell in re.findall(r"<th.*?</th>", part, re.S)
    ]


def test_customer_profile_and_members_table_in_ukrainian(client, shop):
    """B13: the profile's attributes were raw column names (customer_id, consent_email, …) with Python's
    True/False and an ISO time; the segment's member table headings were raw; the orders heading read
    "Замовлення замовлень 2"; the builder's money fields had the placeholder "currency"."""
    log_in(client, shop.tokens["viewer"])
    client.cookies.set("segmint_lang", "uk")
    profile = client.get("/ui/customer?id=C0000001").text
    labels = headings(profile, "attributes")
    assert "Код клієнта" in labels and "Згода на email" in labels
    assert not [label for label in labels if re.fullmatch(r"[a-z_]+", label)], labels
    cells = html.unescape(profile.split('id="attributes"', 1)[1].split("</table>", 1)[0])
    assert "True" not in cells and "False" not in cells and not re.search(r"\d{4}-\d\d-\d\dT\d", cells)
    assert "Замовлення замовлень" not in re.sub(r"<[^>]+>|\s+", " ", profile).replace("  ", " ")
    members = client.get("/ui/segment", params={"name": BIG_SPENDERS}).text
    assert headings(members, "members") == ["Код клієнта", "Повне ім’я", "Email", "Телефон", "Місто"]
    builder = client.get("/ui/builder", params={"rule": "total_spent > 100"}).text
    assert 'placeholder="currency"' not in builder and 'placeholder="сума"' in builder


ENGLISH_CARD = re.compile(r"\b(customers|of the base|Set apart|purchases|median|days|events|Buy|reached)\b")


@pytest.mark.parametrize("lang", WORDING)
def test_persona_cards_in_the_page_language(client, shop, lang):
    """B24: the Ukrainian clusters page showed the cards' 5W and "what sets them apart" in English
    ("271 customers (54% of the base)…", "Set apart by…", "days as a customer"); the Russian page words
    them in Russian too, and nothing of the other language but the data (city names) shows."""
    wording, other = WORDING[lang], WORDING[OTHER[lang]]
    log_in(client, shop.tokens["viewer"])
    english = html.unescape(client.get("/ui/clusters?lang=en").text)
    assert "of the base" in english  # the English page keeps the library's sentences
    page = html.unescape(client.get(f"/ui/clusters?lang={lang}").text)
    cards = re.findall(r'<article class="card persona".*?</article>', page, re.S)
    assert len(cards) >= 3
    foreign = re.compile(rf"\b({other.customers}|{other.of_the_base}|{other.set_apart})\b")
    for card in cards:
        text = re.sub(r"<code>.*?</code>|<h2>.*?</h2>|<[^>]+>", " ", card, flags=re.S)
        assert re.search(rf"\b({wording.customers})\b", text) and wording.of_the_base in text, text
        assert f"{wording.set_apart} так" in text or wording.no_purchases in text, text
        assert ENGLISH_CARD.findall(text) == [], text
        assert foreign.findall(text) == [], text


def test_an_api_import_shows_its_file_name_and_ukrainian_reasons(client, shop):
    """B21: a file imported through the API was shown on the imports pages as the server's stored path
    (ws/uploads/<id>/name.csv); B24: its quarantine reasons were English on the Ukrainian page."""
    bearer = {"Authorization": f"Bearer {shop.tokens['editor']}"}
    answer = client.post(
        "/imports",
        data={"entity": "customers"},
        files={"file": ("клієнти.csv", "customer_id,full_name\nU1,Олена\n,Без коду\n".encode(), "text/csv")},
        headers=bearer,
    )
    assert answer.status_code in (200, 201), answer.text
    import_id = answer.json()["import_id"]
    stored = client.app.state.workspace.ws.raw.execute(
        "SELECT file FROM imports WHERE import_id = ?", [import_id]
    ).fetchone()[0]
    assert "/" in stored  # the API keeps the upload in the workspace's folder
    log_in(client, shop.tokens["viewer"])
    client.cookies.set("segmint_lang", "uk")
    for path in ("/ui/imports", f"/ui/import?id={import_id}"):
        text = html.unescape(client.get(path).text)
        assert "клієнти.csv" in text and "uploads/" not in text and stored not in text
    quarantine = html.unescape(client.get(f"/ui/import?id={import_id}").text.split('id="quarantine"', 1)[1])
    assert "немає customer_id" in quarantine and "missing" not in quarantine


@pytest.fixture
def unclustered(tmp_path):
    """A demo shop that was refreshed but never clustered, and a token per role."""
    path = tmp_path / "ws"
    segmint.build_demo(path, n_customers=300, seed=5)
    with segmint.Workspace.open(path) as ws:
        segmint.refresh(ws)
        tokens = {role: create_token(ws, role, role)[1] for role in ("viewer", "editor")}
    with TestClient(create_app(path), raise_server_exceptions=False, headers=ENGLISH_BROWSER) as test_client:
        yield test_client, tokens


def test_clusters_are_fitted_from_the_page(unclustered):
    """B12: with no clustering the page said to run `segmint clusters fit`, which cannot open the workspace
    while the server holds it; the page now fits one itself (editor)."""
    client, tokens = unclustered
    log_in(client, tokens["viewer"])
    viewer_page = client.get("/ui/clusters").text
    assert "segmint clusters fit" not in viewer_page and 'id="fit-clusters"' not in viewer_page
    assert "POST /" not in viewer_page
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', client.get("/ui/builder").text)[1]
    refused = client.post("/ui/clusters/fit", data={"csrf": csrf}, headers=ORIGIN, follow_redirects=False)
    assert refused.status_code == 403
    log_in(client, tokens["editor"])
    empty = client.get("/ui/clusters").text
    assert "segmint clusters fit" not in empty and 'id="fit-clusters"' in empty
    # nor the API's route: a marketer on this page has the button (the help said "POST /clusters/fit")
    for lang in ("en", "uk", "ru"):
        assert "POST /" not in client.get("/ui/clusters", params={"lang": lang}).text
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', empty)[1]
    fitted = client.post("/ui/clusters/fit", data={"csrf": csrf}, headers=ORIGIN, follow_redirects=False)
    assert fitted.status_code == 303, fitted.text
    assert client.get("/ui/clusters").text.count('class="card persona"') >= 2
    bearer = {"Authorization": f"Bearer {tokens['viewer']}"}
    assert client.get("/clusters", headers=bearer).status_code == 200


def test_a_static_segment_of_ids_is_renamed_in_the_ui_and_keeps_its_members(client, shop):
    """B14: a static segment made from ids had no edit link, and its builder page refused a Save without a
    rule ("the rule is empty"); typing a rule was the only way, and it replaced the hand-picked members."""
    bearer = {"Authorization": f"Bearer {shop.tokens['editor']}"}
    made = client.post(
        "/segments",
        json={"name": "Picked", "kind": "static", "members": ["C0000001", "C0000002"]},
        headers=bearer,
    )
    assert made.status_code == 201, made.text
    log_in(client, shop.tokens["editor"])
    listing = html.unescape(client.get("/ui/segments").text)
    assert "/ui/builder?segment=Picked" in listing
    builder = client.get("/ui/builder?segment=Picked").text
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', builder)[1]
    assert 'id="static-note"' in builder
    saved = client.post(
        "/ui/builder/save",
        data={"csrf": csrf, "original": "Picked", "name": "Picked by hand", "description": "два"},
        headers=ORIGIN,
        follow_redirects=False,
    )
    assert saved.status_code == 303, saved.text
    after = client.get("/segments/Picked%20by%20hand", headers=bearer).json()
    assert after["size"] == 2 and after["description"] == "два" and after["kind"] == "static"
    members = client.get("/segments/Picked%20by%20hand/members", headers=bearer).json()["members"]
    assert sorted(row["customer_id"] for row in members) == ["C0000001", "C0000002"]


def test_a_form_sent_without_a_session_comes_back_to_its_page(client):
    """B25: a POST without a valid session sent the login page on to the POST's own address (a 405 after
    signing in); a form other than the builder's now comes back to the page it was sent from."""
    answer = client.post(
        "/ui/triggers/run",
        data={"csrf": "x"},
        headers={"origin": "http://testserver", "referer": "http://testserver/ui/triggers?x=1"},
        follow_redirects=False,
    )
    assert answer.status_code == 303
    assert answer.headers["location"] == "/ui/login?next=/ui/triggers%3Fx%3D1"
    foreign = client.post(
        "/ui/triggers/run", data={}, headers={"referer": "http://evil.example/ui/x"}, follow_redirects=False
    )
    assert foreign.headers["location"] == "/ui/login?next=/ui/"
    builder = client.post(
        "/ui/builder/count", data={"rule": "total_spent > 5", "seq": "1"}, headers={"HX-Request": "true"}
    )
    assert builder.headers["HX-Redirect"] == "/ui/login?next=/ui/builder%3Frule%3Dtotal_spent%2B%253E%2B5"
