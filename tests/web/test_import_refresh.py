"""The web import page: the import answers when its rows have landed, the refresh after it goes on in the
server (api/refreshing.py) while every page answers, and the import's page shows it running (polled, as
the campaign send page) and then when it finished or why it failed. Saving a segment or fitting a
clustering meanwhile is refused and stores nothing.

The refresh is held at its first step, inside its transaction (a listener of the real refresh's
progress), so the pages asked for "during" it are asked for during it."""

from __future__ import annotations

import re
import threading
import time
from html import unescape
from types import SimpleNamespace

import pytest
from tests.web.browser import browser_page
from tests.web.conftest import BIG_SPENDERS, ORIGIN, copy_of, free_port, log_in
from tests.web.test_browser import login
from tests.web.test_pages import csrf_of

from segmint.api import create_app

CUSTOMERS = "customer_id,full_name,city\nW1,Олена Web,Київ\nW2,Петро Web,Львів\n".encode()


class Hold:
    """Holds every refresh at its first step (inside its transaction) until `release()`."""

    def __init__(self, client):
        self.reached, self.go = threading.Event(), threading.Event()
        client.app.state.refreshes.listeners.append(self)

    def __call__(self, run) -> None:
        self.reached.set()
        assert self.go.wait(120), "the test never released the refresh"

    def release(self) -> None:
        self.go.set()


def import_customers(client, csrf: str):
    return upload(client, csrf, "customers", "клієнти.csv", CUSTOMERS)


def upload(client, csrf: str, entity: str, name: str, content: bytes) -> str:
    """Send a file through the import page's form: the id of the import its redirect names."""
    answer = client.post(
        "/ui/imports",
        data={"csrf": csrf, "entity": entity},
        files={"file": (name, content, "text/csv")},
        headers=ORIGIN,
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text
    return answer.headers["location"].split("id=")[1]


def refresh_state(html: str) -> str:
    return re.search(r'id="import-refresh-state" data-state="(\w+)"', html).group(1)


def wait_for_state(client, import_id: str, seconds: float = 60.0) -> str:
    """Poll the import's refresh as its page does, until it is no longer queued or running."""
    deadline = time.monotonic() + seconds
    while (html := client.get(f"/ui/import/refresh?id={import_id}").text) and refresh_state(html) in (
        "queued",
        "running",
    ):
        assert 'hx-trigger="every 2s"' in html  # the page keeps polling while it goes on
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)
    return html


def test_pages_answer_while_an_imports_refresh_runs_and_the_import_page_follows_it(client, shop):
    log_in(client, shop.tokens["editor"])
    csrf = csrf_of(client, "/ui/imports")
    ws = client.app.state.workspace.ws
    hold = Hold(client)
    try:
        import_id = import_customers(client, csrf)  # answered with the refresh held: it runs apart
        assert hold.reached.wait(60)
        page = client.get(f"/ui/import?id={import_id}").text
        assert refresh_state(page) == "running" and "/ui/import/refresh?id=" in page
        assert "Other pages answer meanwhile" in page
        for path in ("/ui/", "/ui/segments", f"/ui/segment?name={BIG_SPENDERS}", "/ui/customer?id=W1"):
            assert client.get(path).status_code == 200, path  # answered during the refresh
        saved = client.post(
            "/ui/builder/save",
            data={"csrf": csrf, "name": "During", "rule_text": "total_spent > 100", "kind": "dynamic"},
            headers=ORIGIN,
            follow_redirects=False,
        )
        assert saved.status_code == 409 and "Refused while families and segments are being refreshed" in (
            saved.text
        )
        fitted = client.post("/ui/clusters/fit", data={"csrf": csrf}, headers=ORIGIN, follow_redirects=False)
        assert fitted.status_code == 409 and 'id="fit-error"' in fitted.text
        assert ws.raw.execute("SELECT count(*) FROM segments WHERE name = 'During'").fetchone()[0] == 0
    finally:
        hold.release()
    html = wait_for_state(client, import_id)
    assert refresh_state(html) == "finished" and "hx-trigger" not in html  # polling stops
    assert "Families and segments refreshed with this import" in html
    assert ws.raw.execute("SELECT count(*) FROM features WHERE customer_id = 'W1'").fetchone()[0] == 1
    assert refresh_state(client.get(f"/ui/import?id={import_id}").text) == "finished"


class HoldImport:
    """Holds the import of an upload at its commit step (its rows written, not committed) until
    `release()`: a listener of the real pipeline's steps (api/importing.py)."""

    def __init__(self, client):
        self.reached, self.go = threading.Event(), threading.Event()
        client.app.state.imports.listeners.append(self)

    def __call__(self, job) -> None:
        if job.step == "commit":
            self.reached.set()
            assert self.go.wait(120), "the test never released the import"

    def release(self) -> None:
        self.go.set()


def test_pages_answer_while_an_import_runs(client, shop):
    """The import ran within the request under the one workspace lock: every page waited for its minutes
    on a large file. Now it runs on a connection of its own and pages answer from the data as committed."""
    log_in(client, shop.tokens["editor"])
    csrf = csrf_of(client, "/ui/imports")
    hold = HoldImport(client)
    answer: dict = {}
    importer = threading.Thread(target=lambda: answer.update(id=import_customers(client, csrf)))
    importer.start()
    try:
        assert hold.reached.wait(30), "the import never ran off the request lock (old code: in the request)"
        for path in ("/ui/", "/ui/segments", f"/ui/segment?name={BIG_SPENDERS}", "/ui/customers"):
            assert client.get(path).status_code == 200, path  # answered during the import
        assert client.get("/ui/customer?id=W1").status_code == 404  # its rows: once it has committed
        listing = client.get("/ui/imports")
        assert listing.status_code == 200
        running = re.search(r'class="running-import" data-state="running">([^<]*)<', listing.text)
        assert running and "Importing клієнти.csv (customers) since" in unescape(running.group(1))
        assert importer.is_alive()
    finally:
        hold.release()
    importer.join(120)
    assert client.get(f"/ui/import?id={answer['id']}").status_code == 200
    assert client.get("/ui/customer?id=W1").status_code == 200
    assert 'class="running-import"' not in client.get("/ui/imports").text


def test_a_failed_refresh_is_shown_on_the_import_page_and_changes_no_result(client, shop):
    log_in(client, shop.tokens["editor"])
    ws = client.app.state.workspace.ws
    ws.raw.execute("UPDATE segments SET rule = 'total_spent >' WHERE name = ?", [BIG_SPENDERS])
    history = "SELECT count(*), sum(hash(COLUMNS(*))) FROM membership_history"
    stored = ws.raw.execute(history).fetchone()
    import_id = import_customers(client, csrf_of(client, "/ui/imports"))
    html = wait_for_state(client, import_id)
    assert refresh_state(html) == "failed" and "The refresh after this import failed" in html
    assert f"segment {BIG_SPENDERS!r}, line 1, column 14: the rule ends too early" in unescape(html)
    assert ws.raw.execute(history).fetchone() == stored
    # the library's message in the page's language, naming the segment whose stored rule failed
    places = {"uk": "Сегмент «{}», рядок 1, стовпець 14: ", "ru": "Сегмент «{}», строка 1, столбец 14: "}
    for lang, place in places.items():
        page_html = unescape(client.get(f"/ui/import?id={import_id}&lang={lang}").text)
        assert place.format(BIG_SPENDERS) in page_html
        assert "the rule ends too early" not in page_html
    assert ws.raw.execute("SELECT count(*) FROM features WHERE customer_id = 'W1'").fetchone()[0] == 0
    assert ws.raw.execute("SELECT count(*) FROM customers WHERE customer_id = 'W1'").fetchone()[0] == 1


@pytest.fixture
def served(shop, tmp_path):
    """(url, app): the app on a copy of its own, served by a real uvicorn on loopback in a thread."""
    import uvicorn

    app = create_app(copy_of(shop, tmp_path))
    port = free_port()
    running = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not running.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", app
    running.should_exit = True
    thread.join(timeout=30)


@pytest.mark.xdist_group("web-browser")
def test_the_import_page_in_a_browser_follows_the_refresh_until_it_finished(served, shop, tmp_path):
    url, app = served
    hold = Hold(SimpleNamespace(app=app))
    upload = tmp_path / "клієнти.csv"
    upload.write_bytes(CUSTOMERS)
    with browser_page(url) as (page, watch):
        try:
            login(page, shop.tokens["editor"])
            page.goto("/ui/imports")
            page.set_input_files("input[name=file]", str(upload))
            page.select_option("select[name=entity]", "customers")
            page.wait_for_selector("#column-choices")
            page.click("#upload")
            page.wait_for_url("**/ui/import?id=*")  # answered while the refresh is held
            assert hold.reached.wait(60)
            assert page.get_attribute("#import-refresh-state", "data-state") == "running"
            assert "Other pages answer meanwhile" in page.inner_text("#import-refresh")
        finally:
            hold.release()
        # no reload: the page polls until the refresh has finished
        page.wait_for_selector("#import-refresh-state[data-state=finished]")
        assert "Families and segments refreshed with this import" in page.inner_text("#import-refresh")
    assert watch.console_errors == []


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", "another write changed rows"),
        ("uk", "інший запис змінив рядки"),
        ("ru", "другая запись изменила"),
    ],
)
def test_an_upload_refused_for_conflicting_writes_says_so_in_the_page_language(client, shop, lang, words):
    """Another write of the customer the file changes, at every run of its import (what a trigger's tag
    commits meanwhile in the server): the API refuses it with 409 import_conflict; the page showed the
    API's English error page in every language."""
    log_in(client, shop.tokens["editor"])
    handle = client.app.state.workspace
    (customer,) = handle.ws.raw.execute("SELECT min(customer_id) FROM customers").fetchone()

    def city() -> str:
        sql = "SELECT city FROM customers WHERE customer_id = ?"
        return handle.ws.raw.execute(sql, [customer]).fetchone()[0]

    before = city()
    assert before != "Ужгород"

    def tag_meanwhile(job) -> None:
        if job.step == "store":
            with handle.own_connection() as other:
                other.raw.execute(
                    "UPDATE customers SET tags = list_append(coalesce(tags, []), 'x') WHERE customer_id = ?",
                    [customer],
                )

    client.app.state.imports.listeners.append(tag_meanwhile)
    file = f"customer_id,city,tags\n{customer},Ужгород,loyal\n".encode()
    try:
        answer = client.post(
            f"/ui/imports?lang={lang}",
            data={"csrf": csrf_of(client, f"/ui/imports?lang={lang}"), "entity": "customers"},
            files={"file": ("клієнти.csv", file, "text/csv")},
            headers=ORIGIN,
            follow_redirects=False,
        )
    finally:
        client.app.state.imports.listeners.remove(tag_meanwhile)
    assert answer.status_code == 409, answer.text
    error = unescape(re.search(r'id="import-error">([^<]*)<', answer.text).group(1))
    assert error.startswith("клієнти.csv: ") and words in error and " 3 " in error
    assert city() == before  # nothing of it was stored
