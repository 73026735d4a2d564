"""A dynamic segment made after a backfill (or a refresh --as-of an earlier date) has history only from its
creation: `segments create` and `segments load` say so, with the earlier dates and how to compute it on
them, so transitions over those dates do not come as a surprise. A static list, made now, is not told."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests import cli

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def shop(tmp_path_factory):
    """The example shop (English), refreshed on its reference date and on two month ends before it."""
    ws = tmp_path_factory.mktemp("before") / "ws"
    cli.ok("init", ws, "--language", "en")
    cli.ok("-w", ws, "import", "customers", EXAMPLES / "customers_uk.csv")
    cli.ok("-w", ws, "import", "orders", EXAMPLES / "orders_uk.csv")
    for day in ("2024-03-31", "2024-04-30"):
        cli.ok("-w", ws, "refresh", "--as-of", day)
    return ws


def test_create_names_the_earlier_dates_of_the_history(shop):
    said = cli.ok("-w", shop, "segments", "create", "Big", "--rule", "total_spent > 1000", wide=True).stderr
    assert "the history of Big starts now" in said, said
    assert "2 more dates (2024-03-31 … 2024-04-30)" in said, said
    assert "segmint refresh --backfill monthly" in said, said
    # what the note says works: a refresh on those dates computes the new segment there too; a segment
    # made after it is told again, as its own history starts now
    cli.ok("-w", shop, "refresh", "--as-of", "2024-03-31")
    cli.ok("-w", shop, "refresh", "--as-of", "2024-04-30")
    again = cli.ok("-w", shop, "segments", "create", "Big too", "--rule", "total_spent > 1000", wide=True)
    assert "2 more dates" in again.stderr, again.stderr
    dates = json.loads(cli.ok("-w", shop, "segments", "show", "Big", "--json").stdout)["dates"]
    assert dates[:2] == ["2024-03-31", "2024-04-30"], dates


def test_a_static_list_and_json_output_get_no_note(shop):
    static = cli.ok("-w", shop, "segments", "create", "Two", "--members", "C001,C002", wide=True).stderr
    assert "starts now" not in static, static
    done = cli.ok("-w", shop, "segments", "create", "Quiet", "--rule", "total_spent > 1", "--json")
    assert json.loads(done.stdout)["name"] == "Quiet"
    assert "starts now" not in done.stderr, done.stderr


def test_load_says_it_of_the_segments_it_created(shop, tmp_path):
    file = tmp_path / "segments.yaml"
    file.write_text(
        "segments:\n  - name: Loaded\n    kind: dynamic\n    rule: total_spent > 500\n", encoding="utf-8"
    )
    said = cli.ok("-w", shop, "segments", "load", file, wide=True).stderr
    assert "created: Loaded" in said, said
    assert "the history of Loaded starts now" in said, said
    assert "starts now" not in cli.ok("-w", shop, "segments", "load", file, wide=True).stderr  # unchanged


def test_members_on_a_date_no_refresh_computed_say_which_refresh_they_are_of(shop, tmp_path):
    """`segments members --as-of D` between two refreshes reads the one before D, as transitions does:
    it says so (it said nothing) and names the refresh that computes D; a computed date gets no note."""
    shown = json.loads(cli.ok("-w", shop, "segments", "show", "rfm", "--json").stdout)
    group = shown["stays"][0]["group_name"]
    out = tmp_path / "m.csv"
    between = cli.ok("-w", shop, "segments", "members", "rfm", "--group", group, "--as-of", "2024-04-15",
                     "-o", out, wide=True).stderr  # fmt: skip
    assert "note: no refresh computed rfm on 2024-04-15: these are its members of 2024-03-31" in between
    assert "segmint refresh --as-of 2024-04-15" in between, between
    computed = cli.ok("-w", shop, "segments", "members", "rfm", "--group", group, "--as-of", "2024-04-30",
                      "-o", out, wide=True).stderr  # fmt: skip
    assert "note:" not in computed, computed


def test_a_static_list_before_it_was_frozen_is_not_sent_to_a_refresh(shop, tmp_path):
    """transitions, members --as-of and movements over a date before a static list's history starts told
    the user to run `segmint refresh --as-of DATE` or `--backfill monthly`, which never write a static
    list's history: after doing so the same note came again. They say it has no past to compute."""
    cli.ok("-w", shop, "segments", "create", "Frozen", "--members", "C001,C002")
    (start,) = json.loads(cli.ok("-w", shop, "segments", "show", "Frozen", "--json").stdout)["dates"]
    static = f"note: Frozen is a static list: its history starts on {start}, when the list was frozen"
    out = tmp_path / "m.csv"
    before = ("--from", "2024-03-31")
    said = {
        "transitions": cli.ok("-w", shop, "segments", "transitions", "Frozen", *before, wide=True),
        "members": cli.ok("-w", shop, "segments", "members", "Frozen", "--as-of", "2024-03-31", "-o", out,
                          wide=True),
        "movements": cli.ok("-w", shop, "segments", "movements", "Frozen", "--from", "2024-03-01", wide=True),
    }  # fmt: skip
    for command, done in said.items():
        assert static in done.stderr, (command, done.stderr)
        assert "refresh --" not in done.stderr, (command, done.stderr)
    assert "on 2024-03-31 everyone is (outside)" in said["transitions"].stderr
    assert "no members are recorded on 2024-03-31" in said["members"].stderr
    assert f"the entries on {start} are the list as it was frozen, not moves" in said["movements"].stderr
    uk = cli.ok("-w", shop, "segments", "transitions", "Frozen", *before, wide=True, language="uk")
    assert f"Frozen — статичний список: його історія починається {start}" in uk.stderr, uk.stderr
    assert "refresh" not in uk.stderr, uk.stderr


def test_a_refresh_before_the_data_starts_is_refused_and_records_nothing(shop):
    """`refresh --as-of 1990-01-01` recorded an empty snapshot, which then was the history's first date
    (the transition matrix's default `from`) with no way to take it back; the API refused it already.
    Now the library refuses it, in the CLI too, naming the day the data starts."""
    before = json.loads(cli.ok("-w", shop, "segments", "show", "rfm", "--json").stdout)["dates"]
    done = cli.segmint("-w", shop, "refresh", "--as-of", "1990-01-01", wide=True)
    assert done.returncode == 1 and "--as-of 1990-01-01 is before the data starts" in done.stderr, done.stderr
    assert json.loads(cli.ok("-w", shop, "segments", "show", "rfm", "--json").stdout)["dates"] == before
