"""Refreshes write interval history: entries and exits, as-of splices, backfill, and the queries on it."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import statistics

import pandas as pd
import pytest
from tests.segments.tinyshop import EXPECTED, FEB, JAN, TODAY
from tests.segments.tinyshop import history as stored_history

from segmint import RuleError, SegmentError, Workspace, history, refresh

MID_FEB = dt.date(2024, 2, 14)


def expected_intervals(name: str, dates: list[dt.date]) -> set[tuple]:
    """The intervals an ordered run over `dates` must write, from the known members on each date."""
    members = {day: _members(name, day) for day in dates}
    rows = set()
    for customer in set().union(*members.values()):
        start = None
        for day in dates:
            inside = customer in members[day]
            if inside and start is None:
                start = day
            if not inside and start is not None:
                rows.add((customer, start, day))
                start = None
        if start is not None:
            rows.add((customer, start, None))
    return rows


def _members(name: str, day: dt.date) -> set[str]:
    if day in EXPECTED[name]:
        return EXPECTED[name][day]
    assert (name, day) == ("Recent", MID_FEB)  # orders from 2024-01-15 on: none; total > 250: D
    return set()


def segment_rows(ws, name: str) -> set[tuple]:
    return {(c, start, end) for kind, ref, _, c, start, end in stored_history(ws, "segment") if ref == name}


def test_refreshes_in_order_write_entries_and_exits(make_shop):
    ws = make_shop()
    for day in (JAN, FEB, TODAY):
        summary = refresh(ws, as_of=day)
        assert summary.segments == {"Recent": len(EXPECTED["Recent"][day]), "Big": len(EXPECTED["Big"][day])}
    for name in ("Recent", "Big"):
        assert segment_rows(ws, name) == expected_intervals(name, [JAN, FEB, TODAY])
    # A refresh repeated on the same date changes nothing
    before = stored_history(ws)
    again = refresh(ws, as_of=TODAY)
    assert (again.entered, again.exited) == (0, 0)
    assert stored_history(ws) == before


@pytest.mark.parametrize("order", list(itertools.permutations([JAN, MID_FEB, FEB, TODAY]))[1::6])
def test_as_of_splices_give_the_history_of_an_ordered_run(make_shop, order):
    ordered = make_shop("ordered")
    for day in sorted(order):
        refresh(ordered, as_of=day)
    shuffled = make_shop("shuffled")
    for day in order:
        refresh(shuffled, as_of=day)
    assert stored_history(shuffled) == stored_history(ordered)
    assert segment_rows(ordered, "Recent") == expected_intervals("Recent", sorted(order))


def test_backfill_equals_refreshing_month_by_month(make_shop):
    stepwise = make_shop("stepwise")
    for day in (JAN, FEB, TODAY):
        refresh(stepwise, as_of=day)
    filled = make_shop("filled")
    refresh(filled, as_of=FEB)  # existing history is replaced where the backfill recomputes it
    told = []
    summary = refresh(filled, backfill="monthly", progress=lambda *step: told.append(step))
    assert summary.dates == [JAN, FEB, TODAY]
    assert told == [(0, 3, JAN), (1, 3, FEB), (2, 3, TODAY)]  # before each date, for the CLI's spinner
    assert stored_history(filled) == stored_history(stepwise)
    assert history.backfill_dates(filled, TODAY, "weekly")[:3] == [
        dt.date(2024, 1, 7),
        dt.date(2024, 1, 14),
        dt.date(2024, 1, 21),
    ]


def test_a_failing_refresh_changes_nothing(make_shop):
    ws = make_shop()
    refresh(ws, as_of=FEB)
    before = stored_history(ws), ws.raw.execute("SELECT count(*) FROM refreshes").fetchone()
    # a rule stored behind the library's back that no longer compiles
    ws.raw.execute(
        "INSERT INTO segments VALUES "
        "('broken', 'Broken', NULL, 'dynamic', 'in_segment(\"Gone\")', now(), now())"
    )
    with pytest.raises(RuleError, match="unknown segment 'Gone'"):
        refresh(ws, as_of=TODAY)
    assert (stored_history(ws), ws.raw.execute("SELECT count(*) FROM refreshes").fetchone()) == before


@pytest.mark.parametrize(
    ("rule", "message"),
    [("total_spent >", "the rule ends too early"), ("totl_spent > 5", "unknown field 'totl_spent'")],
)
@pytest.mark.parametrize("incremental", [True, False])
def test_a_stored_rule_that_fails_names_its_segment(make_shop, rule, message, incremental):
    """A refresh evaluates every stored rule: its error said "line 1, column 14: the rule ends too early"
    without saying which segment's rule to fix (found by the server-refresh work, H3 of stop 16)."""
    ws = make_shop()
    refresh(ws)
    ws.raw.execute("UPDATE segments SET rule = ? WHERE name = 'Big'", [rule])
    with pytest.raises(RuleError, match=message) as raised:
        refresh(ws, incremental=incremental)
    assert raised.value.segment == "Big"
    assert str(raised.value).startswith("segment 'Big', line 1, column ")


def test_movements_and_stays(make_shop):
    ws = make_shop()
    refresh(ws, backfill="monthly")
    moves = history.movements(ws, "Recent", FEB, TODAY).to_pyarrow().to_pylist()
    assert [(m["movement"], m["customer_id"], m["date"]) for m in moves] == [
        ("entered", "B", FEB),
        ("left", "A", FEB),
        ("entered", "A", TODAY),
        ("entered", "C", TODAY),
        ("left", "B", TODAY),
    ]
    path = ws.path
    ws.close()
    # the CLI's table: a segment's rows have no group column (all "member"), a family's have one
    from tests.cli import ok

    shown = ok("-w", path, "segments", "movements", "Recent", "--from", FEB, wide=True).stderr
    assert "member" not in shown and "group" not in shown.lower() and "entered" in shown, shown
    shown = ok("-w", path, "segments", "movements", "rfm", "--from", FEB, wide=True).stderr
    assert "group" in shown.lower(), shown
    ws = Workspace.open(path)
    only_entries_in_march = history.movements(ws, "Recent", dt.date(2024, 3, 1)).to_pyarrow().to_pylist()
    assert {(m["movement"], m["customer_id"]) for m in only_entries_in_march} == {
        ("entered", "A"),
        ("entered", "C"),
        ("left", "B"),
    }
    stays = {
        (s["customer_id"], s["valid_from"]): (s["days"], s["ongoing"])
        for s in history.stays(ws, "Recent").to_pyarrow().to_pylist()
    }
    assert stays == {
        ("A", JAN): (29, False),
        ("A", TODAY): (0, True),
        ("B", FEB): (20, False),
        ("C", TODAY): (0, True),
        ("D", JAN): (49, True),
    }
    summary = history.stay_summary(ws, "Recent").to_pyarrow().to_pylist()
    assert summary[0]["stays"] == 5 and summary[0]["ongoing"] == 3 and summary[0]["max_days"] == 49
    ws.close()


def test_the_median_stay_is_exact(make_shop):
    """median_days is the median of the stays (`segments show`, GET …/history): it was DuckDB's
    approx_median, 34 for Big's stays of 20 and 49 days, and days off on the demo shop (98 for 93)."""
    ws = make_shop()
    refresh(ws, backfill="monthly")
    for name in ("Recent", "Big", "rfm", "lifecycle", "temperature"):
        days: dict[str, list[int]] = {}
        for stay in history.stays(ws, name).to_pyarrow().to_pylist():
            days.setdefault(stay["group_name"], []).append(stay["days"])
        summary = history.stay_summary(ws, name).to_pyarrow().to_pylist()
        assert {row["group_name"]: row["median_days"] for row in summary} == {
            group: statistics.median(lengths) for group, lengths in days.items()
        }, name
    assert history.stay_summary(ws, "Big").to_pyarrow().to_pylist()[0]["median_days"] == 34.5


def test_show_prints_the_exact_median_as_json_gives_it(make_shop):
    """`segments show` printed round(median_days): Big's stays of 20 and 49 days (median 34.5, in --json
    too) showed a median of 34 (Python rounds half to even: 29.5 showed 30), where docs/segments.md
    promises the exact median. It prints 34.5, in the language's way (uk: 34,5), and a whole one bare."""
    from tests.cli import ok

    ws = make_shop()
    refresh(ws, backfill="monthly")
    ws.close()
    shown = json.loads(ok("-w", ws.path, "segments", "show", "Big", "--json").stdout)
    (stays,) = shown["stays"]
    assert stays["median_days"] == 34.5
    for lang, median in (("en", "34.5"), ("uk", "34,5")):
        assert _stays_row(ws.path, "Big", lang)[-2:] == [median, "49"]  # median, longest
    recent = json.loads(ok("-w", ws.path, "segments", "show", "Recent", "--json").stdout)["stays"]
    assert recent[0]["median_days"] == 20.0
    assert _stays_row(ws.path, "Recent", "en")[-2:] == ["20", "49"]  # a whole median bare, not 20.0


def test_show_prints_the_mean_stay_as_json_gives_it(make_shop):
    """`segments show` printed the mean stay rounded to whole days, half to even: Big's stays of 20 and 49
    days (a mean of 34.5 in --json) showed 34 beside the median 34.5, Recent's mean of 19.6 showed 20. The
    mean is printed by the median's rule: to the tenth of a day, in the language's way (uk: 34,5)."""
    from tests.cli import ok

    ws = make_shop()
    refresh(ws, backfill="monthly")
    ws.close()
    for name, mean in (("Big", 34.5), ("Recent", 19.6)):
        (stays,) = json.loads(ok("-w", ws.path, "segments", "show", name, "--json").stdout)["stays"]
        assert stays["mean_days"] == pytest.approx(mean), name
    assert _stays_row(ws.path, "Big", "en")[-3:] == ["34.5", "34.5", "49"]  # mean, median, longest
    assert _stays_row(ws.path, "Big", "uk")[-3:] == ["34,5", "34,5", "49"]
    assert _stays_row(ws.path, "Recent", "ru")[-3:] == ["19,6", "20", "49"]


def _stays_row(path, name: str, lang: str) -> list[str]:
    """The cells of the one row of `segments show NAME`'s stays table (a segment's one group)."""
    from tests.cli import ok

    text = ok("-w", path, "segments", "show", name, wide=True, language=lang).stderr
    (row,) = [line for line in text.splitlines() if line.startswith("│")]
    return [cell.strip() for cell in row.strip("│ ").split("│")]


def test_transitions_equal_a_pandas_crosstab(make_shop):
    """Outsiders count too: the customers of the later date in the segment on neither date ("-" -> "-");
    C signs up on 2024-02-01, the others on 2024-01-01 (tests/segments/tinyshop.py)."""
    ws = make_shop()
    refresh(ws, backfill="monthly")
    for name, (start, end) in itertools.product(("Recent", "Big"), [(JAN, TODAY), (JAN, FEB), (FEB, TODAY)]):
        base = pd.Index(["A", "B", "C", "D", "E"] if end >= dt.date(2024, 2, 1) else ["A", "B", "D", "E"])
        before = pd.Series({c: "member" for c in EXPECTED[name][start]}, name="from", dtype=object)
        after = pd.Series({c: "member" for c in EXPECTED[name][end]}, name="to", dtype=object)
        both = pd.concat([before, after], axis=1).reindex(base.union(before.index).union(after.index))
        expected = both.fillna("-").value_counts().to_dict()
        got = {
            (row["from_group"] or "-", row["to_group"] or "-"): row["customers"]
            for row in history.transitions(ws, name, start, end).to_pyarrow().to_pylist()
        }
        assert got == expected, (name, start, end)
    matrix = history.transition_matrix(ws, "Recent", JAN, TODAY)
    assert matrix["groups"] == ["member", None]
    assert matrix["matrix"] == [[2, 0], [1, 2]]  # A, D stay; C comes in; B, E stay out


def test_the_stored_results_and_the_history_find_the_same_movements(make_shop, monkeypatch):
    """A refresh compares with the last refresh's stored results when it can; forgetting them makes it
    compare with the history instead. Both must write the same history, also when a date repeats."""
    import sys

    import segmint
    from segmint.history.evaluate import family_definitions

    state = sys.modules["segmint.history.refresh"].state
    usable, used = state.usable, []
    monkeypatch.setattr(state, "usable", lambda *args: used.append(usable(*args)) or used[-1])
    cheap, thorough = make_shop("cheap"), make_shop("thorough")
    for ws in (cheap, thorough):
        segmint.segments.create(ws, "Reads Recent", 'in_segment("Recent") and not in_segment("Big")')
        ws.raw.execute("DELETE FROM membership_intervals; DELETE FROM membership_snapshots")
    for day in (JAN, MID_FEB, FEB, FEB, TODAY):  # every customer recomputed (test_incremental.py: the rest)
        refresh(cheap, as_of=day, incremental=False)
        thorough.raw.execute("DELETE FROM membership_state")
        refresh(thorough, as_of=day, incremental=False)
    cheap_runs = used[0::2]
    everything = len(family_definitions(cheap)) + 3  # every family and the 3 segments
    assert [len(refs) for refs in cheap_runs] == [0, everything, everything, everything, everything]
    assert not any(used[1::2])
    assert stored_history(cheap) == stored_history(thorough)
    assert segment_rows(cheap, "Recent") == expected_intervals("Recent", [JAN, MID_FEB, FEB, TODAY])


def test_a_refresh_before_the_data_starts_is_refused_and_records_nothing(make_shop):
    """Nobody had signed up, ordered or done anything: it once failed with a TypeError, then recorded an
    empty snapshot that became the history's first date; now it is refused (refresh.before_customers)."""
    ws = make_shop()
    with pytest.raises(SegmentError) as refused:
        refresh(ws, as_of=dt.date(2000, 1, 1))
    assert refused.value.code == "refresh.before_customers"
    assert refused.value.params["as_of"] == "2000-01-01" and refused.value.params["first"] > "2000-01-01"
    assert stored_history(ws, "segment") == []
    assert ws.raw.execute("SELECT count(*) FROM membership_snapshots").fetchone() == (0,)


def test_a_first_refresh_writes_what_the_splice_would(make_shop):
    """Refs computed for the first time skip the history join (splice.first_snapshot). A workspace
    whose refs each have an earlier, empty snapshot goes through the full splice instead: both must
    write the same intervals."""
    from segmint.history.evaluate import family_definitions

    first, spliced = make_shop("first"), make_shop("spliced")
    refs = [("family", name) for name in family_definitions(spliced)]
    refs += [("segment", ref) for (ref,) in spliced.raw.execute("SELECT segment_id FROM segments").fetchall()]
    for kind, ref in refs:
        spliced.raw.execute(
            "INSERT INTO membership_snapshots VALUES (?, ?, ?)", [kind, ref, dt.date(1990, 1, 1)]
        )
    for day in (FEB, TODAY):
        a, b = refresh(first, as_of=day), refresh(spliced, as_of=day)
        assert (a.entered, a.exited) == (b.entered, b.exited)
    assert stored_history(first) == stored_history(spliced)
    assert len(stored_history(first)) > 10
    assert segment_rows(first, "Recent") == expected_intervals("Recent", [FEB, TODAY])


def test_a_refresh_dated_after_the_reference_date_is_refused(make_shop):
    """It would become the latest state for good: every size and page read from it, and a refresh on the
    reference date (the workspace's 'now') could not replace it."""
    ws = make_shop()
    refresh(ws, as_of=FEB)
    before = stored_history(ws), ws.raw.execute("SELECT count(*) FROM refreshes").fetchone()
    later = TODAY + dt.timedelta(days=1)
    with pytest.raises(SegmentError, match=f"as_of {later} is after the reference date {TODAY}"):
        refresh(ws, as_of=later)
    assert (stored_history(ws), ws.raw.execute("SELECT count(*) FROM refreshes").fetchone()) == before


def test_a_transition_matrix_names_the_refresh_each_date_stands_for(make_shop):
    """hunt-cli L5: asked for a date no refresh computed, the matrix showed everyone as "(none)" on it with
    nothing to tell it from a real state; `computed_on` names the refresh each date reads (None: before
    the first one) and the CLI says so under the table."""
    from tests.cli import ok

    ws = make_shop()
    march = dt.date(2024, 3, 10)
    refresh(ws, as_of=FEB)
    refresh(ws, as_of=TODAY)
    matrix = history.transition_matrix(ws, "Recent", JAN, TODAY)
    assert matrix["computed_on"] == {"from": None, "to": TODAY}
    assert matrix["groups"] == ["member", None] and matrix["matrix"] == [[0, 0], [3, 2]]  # nobody on JAN
    assert history.transition_matrix(ws, "Recent", march, TODAY)["computed_on"] == {"from": FEB, "to": TODAY}
    assert history.transition_matrix(ws, "Recent", FEB, TODAY)["computed_on"] == {"from": FEB, "to": TODAY}
    path = ws.path
    ws.close()

    def cli(name, start, *more):
        return ok(
            "-w", path, "segments", "transitions", name, "--from", start, "--to", TODAY, *more, wide=True
        )

    shown = cli("Recent", JAN).stderr
    assert f"note: no refresh computed Recent on {JAN}: everyone is (outside)" in shown, shown
    # a segment's two states are said in words: in it, or outside it ("member" and null in --json)
    assert "in the segment" in shown and "member" not in shown, shown
    shown = cli("rfm", march).stderr
    assert f"no refresh computed rfm on {march}: A shows it as of {FEB}, the refresh before" in shown, shown
    assert f"on {TODAY}" not in shown.split("note:", 1)[1].split("\n", 1)[0]
    shown = cli("rfm", FEB).stderr
    assert "note:" not in shown
    as_json = cli("rfm", JAN, "--json").stdout
    assert '"computed_on"' in as_json and '"from": null' in as_json
