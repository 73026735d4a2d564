"""`segmint audit` and `segmint dedupe` as a user runs them: a subprocess, one JSON document on stdout."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from tests.cli import segmint

from segmint import Workspace


@pytest.fixture
def shop(tmp_path: Path, insert_rows) -> Path:
    path = tmp_path / "shop"
    with Workspace.init(path) as ws:
        insert_rows(ws, "customers", [
            {"customer_id": "pos-1", "first_name": "Олександр", "last_name": "Петренко",
             "phone": "+380501234567", "city": "Київ", "signup_date": dt.date(2022, 3, 1)},
            {"customer_id": "web-9", "first_name": "Oleksandr", "last_name": "Petrenko",
             "email": "o.petrenko@gmail.com", "phone": "+380501234567", "city": "Kyiv"},
            {"customer_id": "crm-4", "first_name": "Ірина", "last_name": "Коваль", "email": "broken@"},
        ])  # fmt: skip
        insert_rows(ws, "orders", [
            {"order_id": "o1", "customer_id": "web-9", "is_guest": False,
             "ordered_at": dt.datetime(2024, 5, 1), "total": 100, "status": "completed"},
        ])  # fmt: skip
    return path


def test_audit_json_is_one_document(shop: Path):
    result = segmint("audit", "-w", str(shop), "--json", "--stale-days", "30")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["customers"] == 3
    assert report["stale"]["stale_after_days"] == 30
    assert report["stale"]["stale"] == 2  # pos-1 signed up long before, crm-4 never active
    assert [r["examples"] for r in report["invalid"] if r["column"] == "email"] == [["broken@"]]
    assert report["duplicates"]["clusters"] == 1
    ids = {r["customer_id"] for r in report["duplicates"]["examples"][0]["records"]}
    assert ids == {"pos-1", "web-9"}


def test_audit_for_people_goes_to_stderr(shop: Path):
    result = segmint("audit", "-w", str(shop), "--no-duplicates")
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert "Completeness" in result.stderr and "broken@" in result.stderr


def test_dedupe_lists_clusters_as_json(shop: Path):
    result = segmint("dedupe", "-w", str(shop), "--json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["duplicates"]["duplicate_records"] == 1


@pytest.mark.parametrize("columns", [80, 200])
def test_dedupe_shows_the_values_whole_on_a_narrow_terminal(shop: Path, columns):
    """The examples table cut e-mails and phones to "o.petrenk…" and "+3805012…" at 80 columns, the values
    that tell whether two records are one person; there each record gets lines of its own, values whole.
    A wide terminal keeps the table."""
    result = segmint("dedupe", "-w", str(shop), columns=columns)
    assert result.returncode == 0, result.stderr
    for value in ("o.petrenko@gmail.com", "+380501234567", "Oleksandr Petrenko", "pos-1", "web-9"):
        assert value in result.stderr, value
    assert ("┃" in result.stderr) == (columns == 200)  # the table where it fits whole
    assert "…" not in result.stderr


@pytest.mark.parametrize("columns", [80, 200])
def test_dedupe_history_shows_each_merge_id_whole(shop: Path, columns):
    """At 80 columns the history cut every id to "merge-20261206…" (two merges of a day looked alike),
    while --undo takes only the whole id, and its refusal of an unknown one sends people here for it."""
    first = json.loads(segmint("dedupe", "-w", str(shop), "--apply", "--no-refresh", "--json").stdout)
    assert (
        segmint("dedupe", "-w", str(shop), "--undo", first["merged"]["merge_id"], "--no-refresh").returncode
        == 0
    )
    second = json.loads(segmint("dedupe", "-w", str(shop), "--apply", "--no-refresh", "--json").stdout)
    result = segmint("dedupe", "-w", str(shop), "--history", columns=columns)
    assert result.returncode == 0, result.stderr
    for merge in (first, second):
        assert merge["merged"]["merge_id"] in result.stderr
    assert ("┃" in result.stderr) == (columns == 200)  # the table where it fits whole
    assert "…" not in result.stderr and "records merged" in result.stderr


def test_dedupe_apply_then_undo(shop: Path):
    applied = segmint("dedupe", "-w", str(shop), "--apply", "--json")
    assert applied.returncode == 0, applied.stderr
    merged = json.loads(applied.stdout)["merged"]
    assert merged["merged"] == 1 and merged["survivors"] == {"pos-1": ["web-9"]}
    after = json.loads(segmint("audit", "-w", str(shop), "--json").stdout)
    assert after["customers"] == 2 and after["merged_away"] == 1 and after["duplicates"]["clusters"] == 0

    history = json.loads(segmint("dedupe", "-w", str(shop), "--history", "--json").stdout)["merges"]
    assert [h["merge_id"] for h in history] == [merged["merge_id"]]
    undone = segmint("dedupe", "-w", str(shop), "--undo", merged["merge_id"])
    assert undone.returncode == 0, undone.stderr
    assert "records live again" in undone.stderr and undone.stdout == ""
    again = segmint("dedupe", "-w", str(shop), "--undo", merged["merge_id"])
    assert again.returncode == 1 and "already undone" in again.stderr and "Traceback" not in again.stderr


def test_memberships_follow_a_merge_and_its_undo_at_once(shop: Path):
    """Before, families and dynamic segments listed the merged-away record until the next refresh."""
    assert segmint("refresh", "-w", str(shop)).returncode == 0

    def open_memberships() -> set[tuple[str, str]]:
        with Workspace.open(shop) as ws:
            return set(
                ws.raw.execute(
                    "SELECT customer_id, group_name FROM membership_history"
                    " WHERE ref = 'lifecycle' AND valid_to IS NULL"
                ).fetchall()
            )

    assert ("web-9", "new") in open_memberships() and ("pos-1", "prospect") in open_memberships()
    applied = segmint("dedupe", "-w", str(shop), "--apply", "--json")
    assert applied.returncode == 0, applied.stderr
    document = json.loads(applied.stdout)
    assert document["refresh"]["customers"] == 2
    after = open_memberships()
    assert ("pos-1", "new") in after and not any(customer == "web-9" for customer, _ in after)
    undone = segmint("dedupe", "-w", str(shop), "--undo", document["merged"]["merge_id"])
    assert undone.returncode == 0 and "Refreshed as of" in undone.stderr, undone.stderr
    assert ("web-9", "new") in open_memberships() and ("pos-1", "prospect") in open_memberships()
    kept = segmint("dedupe", "-w", str(shop), "--apply", "--no-refresh", "--json")
    assert "refresh" not in json.loads(kept.stdout)
    assert ("web-9", "new") in open_memberships()  # as the user asked: until the next refresh


def test_audit_and_dedupe_of_a_shop_whose_customers_have_only_ids(tmp_path: Path, insert_rows):
    """An invoice export (UCI Online Retail) makes customers with an id and a country, nothing to compare:
    from 500 records on (where splink trains) audit and dedupe stopped with a DuckDB Binder Error traceback
    (the all-empty name columns reached DuckDB as INTEGER)."""
    path = tmp_path / "retail"
    with Workspace.init(path) as ws:
        insert_rows(ws, "customers", [{"customer_id": str(12346 + i), "country": "GB"} for i in range(600)])
    for command in ("audit", "dedupe"):
        result = segmint(command, "-w", str(path), "--json")
        assert result.returncode == 0, result.stderr
        report = json.loads(result.stdout)
        assert report["duplicates"]["records_compared"] == 600
        assert report["duplicates"]["clusters"] == 0


@pytest.mark.parametrize("lang", ["en", "uk"])
def test_dedupe_apply_holds_back_a_record_linking_husband_and_wife_and_says_so(
    tmp_path: Path, insert_rows, lang
):
    """A record with only the family's surname on their phone linked to both, and --apply merged Марія
    Бондаренко into Іван with it. Now it merges only the one person's records; the held back record is in
    the JSON (duplicates.held_back) and the terminal names it with the records it links to."""
    path = tmp_path / "family"
    with Workspace.init(path) as ws:
        insert_rows(ws, "customers", [
            {"customer_id": "F1", "first_name": "Іван", "last_name": "Бондаренко", "phone": "067 555 44 33",
             "city": "Київ"},
            {"customer_id": "F2", "first_name": "Марія", "last_name": "Бондаренко", "phone": "067 555 44 33",
             "city": "Київ"},
            {"customer_id": "F9", "last_name": "Бондаренко", "phone": "+380675554433", "city": "Київ"},
            {"customer_id": "T1", "first_name": "Тарас", "last_name": "Шевченко", "phone": "067 123 45 67",
             "city": "Київ"},
            {"customer_id": "T2", "first_name": "Taras", "last_name": "Shevchenko", "phone": "+380671234567",
             "city": "Kyiv"},
        ])  # fmt: skip
    listed = segmint("dedupe", "-w", str(path), columns=100, language=lang)
    assert listed.returncode == 0, listed.stderr
    said = {"en": "Held back, not merged (1)", "uk": "Не об’єднано, залишено для перевірки (1)"}[lang]
    assert said in listed.stderr
    assert "F9 Бондаренко ↔ F1 Іван Бондаренко · F2 Марія Бондаренко" in listed.stderr

    applied = segmint("dedupe", "-w", str(path), "--apply", "--no-refresh", "--json")
    assert applied.returncode == 0, applied.stderr
    document = json.loads(applied.stdout)
    assert document["merged"]["survivors"] == {"T1": ["T2"]}
    held = document["duplicates"]["held_back"]
    assert [(h["customer_id"], h["linked_to"]) for h in held] == [("F9", ["F1", "F2"])]
