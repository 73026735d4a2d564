"""An upload's import does not stop the rest of the API: it runs on a connection of its own, off the request
lock (api/importing.py), one import at a time in the order they came, while other requests are answered
from the data as last committed; it answers as before, and a failed one leaves nothing behind.

The import is held at its last step, inside its transaction with its rows written but not committed (a
listener of the real pipeline's steps), so the requests made "during" it are made during it, whatever the
machine's speed."""

from __future__ import annotations

import datetime as dt
import re
import threading

import httpx
import pytest
from tests.api.conftest import BIG_SPENDERS, _api
from tests.api.served import free_port, limited
from tests.api.test_imports import CUSTOMERS, MAPPING, store_counts, upload
from tests.api.test_refresh_in_server import customers_file, in_background, wait_for

from segmint import Workspace
from segmint.api.importing import CONFLICT_ATTEMPTS


class Hold:
    """Holds the import of the file named `file` at `step` (inside its transaction) until `release()`."""

    def __init__(self, api, file: str, step: str = "commit"):
        self.file, self.step = file, step
        self.reached, self.go = threading.Event(), threading.Event()
        api.client.app.state.imports.listeners.append(self)

    def __call__(self, job) -> None:
        if job.file == self.file and job.step == self.step:
            self.reached.set()
            assert self.go.wait(120), "the test never released the import"

    def release(self) -> None:
        self.go.set()


def test_requests_are_answered_while_an_import_runs_and_a_second_import_waits_its_turn(fresh):
    editor, viewer, api = fresh.as_("editor"), fresh.as_("viewer"), fresh.client
    hold = Hold(fresh, "клієнти.csv")
    segments_before = api.get("/segments", headers=viewer).json()
    before = store_counts(fresh)
    importer, answer = in_background(
        lambda: upload(fresh, "клієнти.csv", CUSTOMERS.encode("cp1251"), entity="customers", mapping=MAPPING)
    )
    assert hold.reached.wait(30), "the import never ran off the request lock (old code: in the request)"
    try:
        # reads are answered, from the data as committed: none of the import's rows yet
        assert api.get("/segments", headers=viewer).json() == segments_before
        assert api.get("/customers/N-001", headers=viewer).status_code == 404
        listed = api.get("/imports", headers=viewer).json()
        assert listed["total"] == 0 and listed["imports"] == []
        (running,) = listed["running"]
        assert (running["file"], running["entity"], running["state"], running["step"]) == (
            "клієнти.csv",
            "customers",
            "running",
            "commit",
        )
        assert running["started_at"]
        # a second import waits for the first (its request answers when it is done), listed as queued
        second, second_answer = in_background(
            lambda: upload(fresh, "ще.csv", customers_file("N-777"), entity="customers", mapping=MAPPING)
        )
        queued = wait_for(lambda: len(r := api.get("/imports", headers=viewer).json()["running"]) == 2 and r)
        assert [(job["file"], job["state"]) for job in queued] == [
            ("клієнти.csv", "running"),
            ("ще.csv", "queued"),
        ]
        # a write that touches nothing an import writes goes on meanwhile
        made = api.post("/segments", json={"name": "During", "rule": "total_spent > 1"}, headers=editor)
        assert made.status_code == 201, made.text
        assert store_counts(fresh) == before  # nothing of either import is visible before its commit
        assert importer.is_alive() and second.is_alive()
    finally:
        hold.release()
    importer.join(120)
    second.join(120)
    first = answer["response"]
    assert first.status_code == 201, first.text  # the answer as before: the import's summary
    body = first.json()
    assert (body["status"], body["file"], body["rows_read"], body["inserted"], body["quarantined"]) == (
        "completed",
        "клієнти.csv",
        3,
        2,
        1,
    )
    assert body["refresh"] is None and body["refresh_status"] is None
    later = second_answer["response"]
    assert later.status_code == 201 and later.json()["inserted"] == 1, later.text
    listed = api.get("/imports", headers=viewer).json()
    assert [i["file"] for i in listed["imports"]] == ["ще.csv", "клієнти.csv"]  # one after the other
    assert listed["running"] == []
    after = store_counts(fresh)
    assert after["customers"] == before["customers"] + 3 and after["quarantine"] == before["quarantine"] + 1
    profile = api.get("/customers/N-001", headers=viewer).json()
    assert profile["attributes"]["city"] == "Київ"
    assert api.get(f"/segments/{BIG_SPENDERS}", headers=viewer).status_code == 200


def test_an_import_failing_in_its_transaction_leaves_nothing_and_frees_the_turn(fresh):
    """Broken off inside its transaction, with its rows and quarantine written (as a server error or a
    kill would): nothing is stored, the upload's file is gone, and the next import runs."""
    api, viewer = fresh.client, fresh.as_("viewer")
    before = store_counts(fresh)

    def break_off(job) -> None:
        if job.file == "клієнти.csv" and job.step == "commit":
            raise RuntimeError("broken off before its commit")

    api.app.state.imports.listeners.append(break_off)
    failed = upload(fresh, "клієнти.csv", CUSTOMERS.encode("cp1251"), entity="customers", mapping=MAPPING)
    assert failed.status_code == 500
    assert store_counts(fresh) == before  # no customer, quarantine row or imports row of it
    uploads = fresh.client.app.state.workspace.path / "uploads"
    assert not any(uploads.glob("*/*"))
    assert api.get("/imports", headers=viewer).json()["running"] == []
    landed = upload(fresh, "ще.csv", customers_file("N-777"), entity="customers", mapping=MAPPING)
    assert landed.status_code == 201 and landed.json()["inserted"] == 1, landed.text
    assert store_counts(fresh)["customers"] == before["customers"] + 1


def test_the_server_stops_only_once_the_running_import_has_committed(template, tmp_path):
    """The workspace closed under an import on a connection of its own would break it off; the server's
    shutdown waits for it, as for a refresh."""
    api = _api(template, tmp_path)
    api.client.__enter__()
    hold = Hold(api, "клієнти.csv")
    importer, answer = in_background(
        lambda: upload(api, "клієнти.csv", CUSTOMERS.encode("cp1251"), entity="customers", mapping=MAPPING)
    )
    assert hold.reached.wait(30)
    stopping = threading.Thread(target=api.client.__exit__, args=(None, None, None))
    stopping.start()
    try:
        stopping.join(1.0)
        assert stopping.is_alive()  # the shutdown waits for the import
    finally:
        hold.release()
    stopping.join(120)
    importer.join(120)
    assert not stopping.is_alive()
    assert answer["response"].status_code == 201, answer["response"].text
    with Workspace.open(tmp_path / "ws") as ws:  # what it wrote was committed
        assert ws.raw.execute("SELECT count(*) FROM customers WHERE customer_id = 'N-001'").fetchone()[0] == 1


def test_an_import_whose_rows_a_trigger_changed_meanwhile_runs_again_and_lands(fresh):
    """A tag trigger run meanwhile (POST /triggers/run here; a refresh's triggers in the server, an events
    import's) tags a customer the customers file changes, after the import's transaction began: DuckDB
    then fails the import's update of that row ('Conflict on tuple deletion', a 500 with a traceback).
    Nothing of it was stored, so it runs again from its file and lands, after the tag, as one after the
    other would: its summary, the customer as the file says, the import listed once."""
    api, editor, viewer = fresh.client, fresh.as_("editor"), fresh.as_("viewer")
    ws = api.app.state.workspace.ws
    (customer,) = ws.raw.execute("SELECT min(customer_id) FROM customers").fetchone()
    vip = {"name": "vip", "on": "event", "target": "cart_abandon", "action": "tag", "params": {"tag": "vip"}}
    made = api.post("/triggers", json=vip, headers=editor)
    assert made.status_code == 201, made.text
    # recorded by the events import, done by the run below: due after the events upload has answered (it
    # runs the due firings itself; at 2 s, an upload slowed by a busy machine did, and the run found none)
    due = ws.now() + dt.timedelta(seconds=6)
    events = f"customer_id,event_type,occurred_at\n{customer},cart_abandon,{due:%Y-%m-%d %H:%M:%S}\n"
    assert upload(fresh, "події.csv", events.encode(), entity="events").status_code == 201
    before = store_counts(fresh)
    tagged: dict = {}

    def tag_meanwhile(job) -> None:  # in the import's transaction, before it stores the customers
        if job.file == "клієнти.csv" and job.step == "store" and not tagged:
            wait_for(lambda: ws.now() > due)
            tagged["run"] = api.post("/triggers/run", headers=editor)

    api.app.state.imports.listeners.append(tag_meanwhile)
    file = f"customer_id,city,tags\n{customer},Харків,loyal\nN-900,Львів,\n"
    answer = upload(fresh, "клієнти.csv", file.encode(), entity="customers")
    assert tagged["run"].json()["executed"] == {"done": 1}, tagged["run"].text  # the tag went first
    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert (body["rows_read"], body["inserted"], body["updated"]) == (2, 1, 1)
    stored = ws.raw.execute("SELECT city, tags FROM customers WHERE customer_id = ?", [customer]).fetchone()
    # the file's tags replace those it brought; the tag the trigger gave stays (docs/triggers.md, tag)
    assert stored == ("Харків", ["loyal", "vip"])
    after = store_counts(fresh)
    assert after["customers"] == before["customers"] + 1 and after["imports"] == before["imports"] + 1
    listed = api.get("/imports", headers=viewer).json()
    assert [i["file"] for i in listed["imports"]][:1] == ["клієнти.csv"] and listed["running"] == []
    state = ws.raw.execute("SELECT state FROM trigger_firings").fetchall()
    assert state == [("done",)]


def test_an_import_conflicting_every_time_is_refused_with_a_409_and_stores_nothing(fresh):
    """Another connection tags the customer the file changes at every run of the import, inside its
    transaction (what a trigger's tag action commits): after CONFLICT_ATTEMPTS runs the upload is refused
    with a 409 naming the file and why, nothing of it is stored, and the next upload lands."""
    api, viewer = fresh.client, fresh.as_("viewer")
    handle = api.app.state.workspace
    (customer,) = handle.ws.raw.execute("SELECT min(customer_id) FROM customers").fetchone()
    runs: list[str] = []

    def tag_meanwhile(job) -> None:
        if job.file == "клієнти.csv" and job.step == "store":
            runs.append(job.step)
            with handle.own_connection() as other:
                other.raw.execute(
                    "UPDATE customers SET tags = list_append(coalesce(tags, []), ?) WHERE customer_id = ?",
                    [f"tag {len(runs)}", customer],
                )

    api.app.state.imports.listeners.append(tag_meanwhile)
    before = store_counts(fresh)
    file = f"customer_id,city,tags\n{customer},Харків,loyal\nN-900,Львів,\n".encode()
    refused = upload(fresh, "клієнти.csv", file, entity="customers")
    assert refused.status_code == 409, refused.text
    error = refused.json()["error"]
    assert error["code"] == "import_conflict" and error["message"].startswith("клієнти.csv: another write")
    assert "nothing of it was stored" in error["message"] and "3 times" in error["message"]
    assert len(runs) == CONFLICT_ATTEMPTS == 3
    assert store_counts(fresh) == before
    stored = handle.ws.raw.execute("SELECT city, tags FROM customers WHERE customer_id = ?", [customer])
    assert stored.fetchone()[1][-3:] == ["tag 1", "tag 2", "tag 3"]  # the other writes, none of the file
    assert not any((handle.path / "uploads").glob("*/*"))
    assert api.get("/imports", headers=viewer).json()["running"] == []
    api.app.state.imports.listeners.remove(tag_meanwhile)
    landed = upload(fresh, "клієнти.csv", file, entity="customers")
    assert landed.status_code == 201 and landed.json()["updated"] == 1, landed.text


THREADS = 4  # anyio's worker threads in the served app below (its default is 40)


@pytest.mark.parametrize("via", ["api", "web"])
def test_uploads_waiting_their_turn_hold_no_worker_thread_in_a_real_server(template, tmp_path, via):
    """Each queued upload waited for its turn in a worker thread: with more uploads waiting than the server
    has threads (anyio's 40), no other sync request was answered, every page and API call hung until the
    imports had run. Now a queued upload waits without a thread: a GET is answered with THREADS + 2
    uploads waiting behind a running one, and they land one at a time in the order they came; the same
    for uploads of the web page (POST /ui/imports)."""
    import uvicorn

    api = _api(template, tmp_path)
    app = api.client.app
    hold = Hold(api, "перший.csv")
    started: list[str] = []
    app.state.imports.listeners.append(lambda job: job.step == "read" and started.append(job.file))
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(limited(app, THREADS), host="127.0.0.1", port=port, log_level="warning")
    )
    serving = threading.Thread(target=server.run, daemon=True)
    serving.start()
    wait_for(lambda: server.started or not serving.is_alive(), 30)
    assert server.started, "uvicorn did not start"
    url, viewer = f"http://127.0.0.1:{port}", api.as_("viewer")

    def get(path: str, waiting: int) -> dict:
        try:
            answer = httpx.get(url + path, headers=viewer, timeout=10)
        except httpx.TimeoutException:
            pytest.fail(f"GET {path} unanswered for 10 s with {waiting} uploads waiting ({THREADS} threads)")
        assert answer.status_code == 200, answer.text
        return answer.json()

    if via == "web":  # signed in as an editor, with the page's CSRF token
        browser = httpx.Client(base_url=url, headers={"origin": url}, timeout=120)
        signed_in = browser.post("/ui/login", data={"token": api.tokens["editor"]})
        assert signed_in.status_code in (200, 303), signed_in.text
        csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', browser.get("/ui/imports").text).group(1)

    def send(name: str, customer: str):
        if via == "api":
            return httpx.post(
                url + "/imports",
                files={"file": (name, customers_file(customer), "text/csv")},
                data={"entity": "customers", "mapping": MAPPING},
                headers=api.as_("editor"),
                timeout=120,
            )
        return httpx.post(
            url + "/ui/imports",
            files={"file": (name, f"customer_id,full_name\n{customer},Покупець\n".encode(), "text/csv")},
            data={"csrf": csrf, "entity": "customers"},
            headers={"origin": url},
            cookies=browser.cookies,
            timeout=120,
        )

    names = ["перший.csv"] + [f"черга-{n}.csv" for n in range(THREADS + 2)]
    senders = []
    try:
        senders.append(in_background(lambda: send(names[0], "Q-0")))
        assert hold.reached.wait(30), "the first upload never ran"
        for n, name in enumerate(names[1:], 1):  # one after the other, each queued before the next is sent
            senders.append(in_background(lambda name=name, n=n: send(name, f"Q-{n}")))
            wait_for(lambda n=n: len(get("/imports", n)["running"]) == n + 1, 30)
        listed = get("/imports", len(names) - 1)
        assert [(job["file"], job["state"]) for job in listed["running"]] == [
            (names[0], "running"),
            *((name, "queued") for name in names[1:]),
        ]
        assert get(f"/segments/{BIG_SPENDERS}", len(names) - 1)["name"] == BIG_SPENDERS  # any sync route
    finally:
        hold.release()
        for thread, _ in senders:
            thread.join(120)
        server.should_exit = True
        serving.join(60)
    answers = [answer["response"] for _, answer in senders]
    if via == "api":
        assert [(a.status_code, a.json()["file"], a.json()["inserted"]) for a in answers] == [
            (201, name, 1) for name in names
        ]
    else:
        assert [(a.status_code, a.headers["location"].split("?")[0]) for a in answers] == [
            (303, "/ui/import") for _ in names
        ]
    assert started == names  # one after the other, in the order they came
    with Workspace.open(tmp_path / "ws") as ws:
        stored = ws.raw.execute("SELECT count(*) FROM customers WHERE customer_id LIKE 'Q-%'").fetchone()
        assert stored == (len(names),)
