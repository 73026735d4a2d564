"""An import's refresh (and POST /refresh) does not stop the rest of the API: it runs in the server on a
connection of its own, one at a time, while other requests are answered; writes it would conflict with are
refused (409) and change nothing; a failing refresh is reported and leaves the stored results as they were.

The refresh is held at its first step, inside its transaction (a listener of the real refresh's progress),
so the requests made "during" it are made during it, whatever the machine's speed."""

from __future__ import annotations

import threading
import time

import pytest
from tests.api.conftest import BIG_SPENDERS, _api
from tests.api.test_imports import CUSTOMERS, MAPPING

from segmint import Workspace

DERIVED = ("features", "segment_results", "membership_history")  # what a refresh writes


def upload(api, name: str, content: bytes, wait: bool = True, **form):
    """POST /imports of a CSV with these form fields (refresh=true), wait=... in the query."""
    return api.client.post(
        "/imports",
        files={"file": (name, content, "text/csv")},
        data={"refresh": "true", **form},
        params={"wait": str(wait).lower()},
        headers=api.as_("editor"),
    )


def customers_file(*ids: str) -> bytes:
    rows = "".join(f"{cid};Покупець {cid};Київ\n" for cid in ids)
    return ("Номер картки;ПІБ;Місто\n" + rows).encode("cp1251")


class Hold:
    """Holds every refresh at its first step (inside its transaction) until `release()`."""

    def __init__(self, api):
        self.reached, self.go = threading.Event(), threading.Event()
        api.client.app.state.refreshes.listeners.append(self)

    def __call__(self, run) -> None:
        self.reached.set()
        assert self.go.wait(120), "the test never released the refresh"

    def release(self) -> None:
        self.go.set()


def wait_for(condition, seconds: float = 60.0):
    deadline = time.monotonic() + seconds
    while not (found := condition()):
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)
    return found


def derived(api) -> dict[str, tuple]:
    """A fingerprint of every table a refresh writes."""
    raw = api.client.app.state.workspace.ws.raw
    return {t: raw.execute(f"SELECT count(*), sum(hash(COLUMNS(*))) FROM {t}").fetchone() for t in DERIVED}


def in_background(call) -> tuple[threading.Thread, dict]:
    answer: dict = {}
    thread = threading.Thread(target=lambda: answer.update(response=call()))
    thread.start()
    return thread, answer


def test_other_requests_are_answered_while_an_imports_refresh_runs(fresh):
    editor, viewer, api = fresh.as_("editor"), fresh.as_("viewer"), fresh.client
    hold = Hold(fresh)
    segments_before = api.get("/segments", headers=viewer).json()
    stored = derived(fresh)
    importer, answer = in_background(
        lambda: upload(fresh, "клієнти.csv", CUSTOMERS.encode("cp1251"), entity="customers", mapping=MAPPING)
    )
    assert hold.reached.wait(60)
    try:
        # reads are answered from the data as committed: the imported customers already, the families
        # and segments of the previous refresh
        assert api.get("/segments", headers=viewer).json() == segments_before
        profile = api.get("/customers/N-001", headers=viewer)
        assert profile.status_code == 200 and profile.json()["attributes"]["city"] == "Київ"
        assert profile.json()["families"] == {}  # not refreshed yet
        state = api.get("/refresh", headers=viewer).json()
        running = state["running"]
        assert running["state"] == "running" and running["reason"] == "import" and state["queued"] is None
        # a second import lands, and its refresh waits for the running one (wait=false: answered now)
        second = upload(
            fresh, "ще.csv", customers_file("N-777"), entity="customers", mapping=MAPPING, wait=False
        )
        assert second.status_code == 202, second.text
        queued = second.json()["refresh_status"]
        assert queued["state"] == "queued" and queued["refresh_id"] != running["refresh_id"]
        assert second.json()["inserted"] == 1 and second.json()["refresh"] is None
        # a manual refresh, and every write the refresh would overwrite, is refused and changes nothing
        refused = [
            api.post("/refresh", json={}, headers=editor),
            api.post("/segments", json={"name": "New", "rule": "total_spent > 1"}, headers=editor),
            api.patch(f"/segments/{BIG_SPENDERS}", json={"rule": "total_spent > 1"}, headers=editor),
            api.delete(f"/segments/{BIG_SPENDERS}", headers=editor),
            api.post("/clusters/fit", json={"k_min": 2, "k_max": 3}, headers=editor),
        ]
        for response in refused:
            assert response.status_code == 409, response.text
            error = response.json()["error"]
            assert error["code"] == "refresh_running" and "while a refresh runs" in error["message"]
            assert f"refresh {running['refresh_id']} (after import" in error["message"]
        assert api.get("/segments", headers=viewer).json() == segments_before
        assert derived(fresh) == stored  # nothing written under the running refresh
        assert importer.is_alive()  # the importing request is still waiting for its refresh
    finally:
        hold.release()
    importer.join(120)
    first = answer["response"]
    assert first.status_code == 201, first.text  # wait=true: as before, once the refresh is done
    body = first.json()
    assert body["refresh"]["customers"] > 0 and body["refresh_status"]["state"] == "finished"
    assert body["refresh_status"]["refresh_id"] == running["refresh_id"]
    follow = f"/refresh/{queued['refresh_id']}"
    done = wait_for(lambda: (r := api.get(follow, headers=viewer).json())["state"] == "finished" and r)
    assert done["imports"] == [second.json()["import_id"]] and done["summary"]["customers"] > 0
    raw = fresh.client.app.state.workspace.ws.raw
    assert raw.execute("SELECT count(*) FROM features WHERE customer_id = 'N-777'").fetchone()[0] == 1
    # once it is over, the writes go through
    made = api.post("/segments", json={"name": "New", "rule": "total_spent > 1"}, headers=editor)
    assert made.status_code == 201, made.text


def test_wait_false_answers_after_the_import_and_the_refresh_goes_on(fresh):
    editor, viewer, api = fresh.as_("editor"), fresh.as_("viewer"), fresh.client
    hold = Hold(fresh)
    try:
        started = upload(
            fresh, "клієнти.csv", CUSTOMERS.encode("cp1251"), entity="customers", mapping=MAPPING, wait=False
        )
        assert started.status_code == 202, started.text
        body = started.json()
        assert body["inserted"] == 2 and body["refresh"] is None
        status = body["refresh_status"]
        assert status["state"] in ("queued", "running") and status["imports"] == [body["import_id"]]
        assert hold.reached.wait(60)
        now = api.get(f"/refresh/{status['refresh_id']}", headers=viewer).json()
        assert now["state"] == "running" and now["started_at"] and now["finished_at"] is None
    finally:
        hold.release()
    follow = f"/refresh/{status['refresh_id']}"
    done = wait_for(lambda: (r := api.get(follow, headers=viewer).json())["state"] != "running" and r)
    assert done["state"] == "finished" and done["error"] is None and done["finished_at"]
    assert api.get("/refresh", headers=viewer).json()["last"]["refresh_id"] == status["refresh_id"]
    # a manual refresh, now that none runs: as before with wait=true, and 202 with wait=false
    again = api.post("/refresh", json={}, headers=editor)
    assert again.status_code == 200 and again.json()["mode"] == "refresh"
    later = api.post("/refresh", json={}, headers=editor, params={"wait": "false"})
    assert later.status_code == 202 and later.json()["reason"] == "manual"
    wait_for(lambda: api.get("/refresh", headers=viewer).json()["running"] is None)


@pytest.mark.parametrize("wait", [True, False])
def test_a_failing_refresh_is_reported_and_changes_no_stored_result(fresh, wait):
    editor, viewer, api = fresh.as_("editor"), fresh.as_("viewer"), fresh.client
    raw = fresh.client.app.state.workspace.ws.raw
    # a stored rule that no longer parses (written by hand, as an older version or an edit of the file might)
    raw.execute("UPDATE segments SET rule = 'total_spent >' WHERE name = ?", [BIG_SPENDERS])
    stored = derived(fresh)
    response = upload(
        fresh, "клієнти.csv", CUSTOMERS.encode("cp1251"), entity="customers", mapping=MAPPING, wait=wait
    )
    assert response.status_code == (201 if wait else 202), response.text
    body = response.json()
    assert body["inserted"] == 2 and body["refresh"] is None  # the import itself stands
    follow = f"/refresh/{body['refresh_status']['refresh_id']}"
    failed = wait_for(lambda: (r := api.get(follow, headers=viewer).json())["state"] == "failed" and r)
    assert "the rule ends too early" in failed["error"]
    details = failed["error_details"]  # worded by a client from the code, as the invalid_rule error
    assert details["segment"] == BIG_SPENDERS and details["code"] and details["line"] == 1
    assert details["column"] == len("total_spent >") + 1
    assert failed["finished_at"] and failed["summary"] is None
    if wait:
        assert body["refresh_status"]["error"] == failed["error"]
        assert body["refresh_status"]["error_details"] == details
    assert derived(fresh) == stored  # one transaction: rolled back
    assert raw.execute("SELECT count(*) FROM customers WHERE customer_id = 'N-001'").fetchone()[0] == 1
    manual = api.post("/refresh", json={}, headers=editor)  # and by hand: the error as it was before
    assert manual.status_code == 400 and "the rule ends too early" in manual.json()["error"]["message"]
    assert derived(fresh) == stored


def test_the_server_stops_only_once_the_running_refresh_has_finished(template, tmp_path):
    """Closing the workspace under a running refresh lost it (the thread failed on a closed connection);
    a request in flight is finished before uvicorn stops, and so is a refresh now."""
    api = _api(template, tmp_path)
    api.client.__enter__()
    hold = Hold(api)
    started = upload(
        api, "клієнти.csv", CUSTOMERS.encode("cp1251"), entity="customers", mapping=MAPPING, wait=False
    )
    assert started.status_code == 202, started.text
    assert hold.reached.wait(60)
    stopping = threading.Thread(target=api.client.__exit__, args=(None, None, None))
    stopping.start()
    try:
        stopping.join(1.0)
        assert stopping.is_alive()  # the shutdown waits for the refresh
    finally:
        hold.release()
    stopping.join(120)
    assert not stopping.is_alive()
    run = api.client.app.state.refreshes.get(started.json()["refresh_status"]["refresh_id"])
    assert run.state == "finished", run.error
    with Workspace.open(tmp_path / "ws") as ws:  # what it wrote was committed
        assert ws.raw.execute("SELECT count(*) FROM features WHERE customer_id = 'N-001'").fetchone()[0] == 1


def test_a_cluster_fits_refresh_runs_off_the_request_lock(fresh):
    """POST /clusters/fit refreshed inside its request, holding every other request for the refresh's
    minutes at 1M customers (found by H3 of stop 16); now the refresh after the fit runs in the server
    as POST /refresh does, and the fit answers when it is done, with the date refreshed."""
    editor, viewer, api = fresh.as_("editor"), fresh.as_("viewer"), fresh.client
    hold = Hold(fresh)
    fitter, answer = in_background(
        lambda: api.post("/clusters/fit", json={"k_min": 2, "k_max": 3, "seed": 1}, headers=editor)
    )
    assert hold.reached.wait(120), "the fit's refresh never started (old code: it ran in the request)"
    during = api.get("/segments", headers=viewer)
    busy = api.get("/refresh", headers=viewer).json()
    assert "response" not in answer  # the fit waits for its refresh
    hold.release()
    fitter.join(timeout=300)
    assert during.status_code == 200
    assert busy["running"] is not None and busy["running"]["reason"] == "manual"
    fitted = answer["response"]
    assert fitted.status_code == 201, fitted.text
    assert fitted.json()["refreshed"] is not None
    (clustered,) = fresh.client.app.state.workspace.ws.raw.execute(
        "SELECT count(cluster) FROM features"
    ).fetchone()
    assert clustered > 0  # the refresh read the new clustering


def test_a_refresh_refused_by_the_library_gives_the_code_of_its_error(fresh):
    """A refresh after the reference date is refused by segmint.refresh's checks (a SegmentError), waited
    for or not: a 400 with the error's code and params (error_details was null, and a client could word
    it only from the English)."""
    editor, api = fresh.as_("editor"), fresh.client
    for wait in ("true", "false"):
        refused = api.post("/refresh", json={"as_of": "2100-01-01"}, headers=editor, params={"wait": wait})
        assert refused.status_code == 400, refused.text
        assert refused.json()["error"]["message"].startswith("as_of 2100-01-01 is after")
        details = refused.json()["error"]["details"]
        assert details["code"] == "refresh.after_reference" and details["params"]["as_of"] == "2100-01-01"


@pytest.mark.parametrize("wait", ["true", "false"])
@pytest.mark.parametrize("as_of", ["2100-01-01", "1990-01-01"])
def test_a_refused_refresh_request_makes_no_refresh_run(fresh, wait, as_of):
    """A POST /refresh refused as asked (a date after the workspace's now; one before the data starts was
    checked before already) was queued and run, and stayed as a failed refresh in GET /refresh/{id} and
    as GET /refresh's last: nothing was refreshed, and a client following the runs saw a failure. Now it
    is refused before a run is made; the next refresh is the first."""
    editor, api = fresh.as_("editor"), fresh.client
    refused = api.post("/refresh", json={"as_of": as_of}, headers=editor, params={"wait": wait})
    assert refused.status_code == 400, refused.text
    assert api.get("/refresh", headers=editor).json() == {"running": None, "queued": None, "last": None}
    assert api.get("/refresh/1", headers=editor).status_code == 404
    done = api.post("/refresh", json={}, headers=editor)
    assert done.status_code == 200, done.text
    assert api.get("/refresh", headers=editor).json()["last"]["refresh_id"] == 1
