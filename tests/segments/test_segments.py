"""Static and dynamic segments stored in a real workspace, on the tiny shop with known members."""

from __future__ import annotations

from functools import partial

import pytest

from segmint import RuleError, refresh, segments
from segmint.rules import from_json, parse_rule, to_json
from segmint.segments import SegmentError

from .tinyshop import BIG, FEB, RECENT, TODAY, import_csv


def names(table) -> set[str]:
    return set(table.to_pyarrow().column("customer_id").to_pylist())


def stored(ws) -> tuple:
    """Everything segments write, to show a refused operation left the workspace as it was."""
    return tuple(
        ws.raw.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()
        for table in ("segments", "segment_members", "membership_history", "membership_snapshots")
    )


def test_dynamic_segment_is_evaluated_on_create_and_sized(shop):
    segment = segments.create(shop, "Сплячі VIP", BIG, description="великі покупці")
    assert segment.kind == "dynamic" and segment.name == "Сплячі VIP"
    assert names(segments.members(shop, "Сплячі VIP")) == {"B", "D"}
    listed = segments.overview(shop)["segments"]
    assert [(s["name"], s["kind"], s["rule"], s["size"]) for s in listed] == [
        ("Сплячі VIP", "dynamic", BIG, 2)
    ]
    assert segments.get(shop, "Сплячі VIP").description == "великі покупці"


def test_static_freezes_while_dynamic_follows_new_orders(shop, tmp_path):
    segments.create(shop, "Big", BIG)
    segments.create(shop, "Big then", BIG, kind="static")
    segments.create(shop, "Recent", RECENT)
    assert names(segments.members(shop, "Big then")) == {"B", "D"}
    # E buys for 1000 five days later: the reference date moves to 2024-03-25
    import_csv(
        shop,
        "orders",
        "order_id,customer_id,ordered_at,total,status\no7,E,2024-03-25,1000,completed\n",
        tmp_path / "new_orders.csv",
    )
    summary = refresh(shop)
    assert summary.as_of.isoformat() == "2024-03-25"
    assert names(segments.members(shop, "Big")) == {"B", "D", "E"}
    assert names(segments.members(shop, "Big then")) == {"B", "D"}
    # within 30 days of 03-25 is from 02-24 on: D's last order (02-20) drops out, E comes in
    assert names(segments.members(shop, "Recent")) == {"A", "C", "E"}
    assert summary.segments == {"Big": 3, "Recent": 3}


def test_static_from_ids_with_members_added_and_removed_by_hand(shop):
    segments.create(shop, "Фокус-група", kind="static", members=["A", "C", "A"])
    assert names(segments.members(shop, "Фокус-група")) == {"A", "C"}
    assert segments.add_members(shop, "Фокус-група", ["E", "C"]) == 1
    before = stored(shop)
    with pytest.raises(SegmentError, match="no customer has the id 'nobody'"):
        segments.remove_members(shop, "Фокус-група", ["A", "nobody"])  # as add refuses it
    with pytest.raises(SegmentError, match="not a member of 'Фокус-група': 'B'; nothing was removed"):
        segments.remove_members(shop, "Фокус-група", ["A", "B"])
    assert stored(shop) == before
    assert segments.remove_members(shop, "Фокус-група", ["A"]) == 1
    assert names(segments.members(shop, "Фокус-група")) == {"C", "E"}
    before = stored(shop)
    with pytest.raises(SegmentError, match="no customer has the id 'Z9'"):
        segments.add_members(shop, "Фокус-група", ["B", "Z9"])
    with pytest.raises(SegmentError, match="no customer has the id"):
        segments.create(shop, "Other", kind="static", members=["Z9"])
    assert stored(shop) == before
    segments.create(shop, "Big", BIG)
    with pytest.raises(SegmentError, match="dynamic"):
        segments.add_members(shop, "Big", ["A"])


def test_one_id_as_text_and_a_parsed_rule_are_taken_as_meant(shop):
    segments.create(shop, "One", kind="static", members="A")  # one id, not the characters of a text
    assert names(segments.members(shop, "One")) == {"A"}
    assert segments.add_members(shop, "One", " C ") == 1
    assert segments.remove_members(shop, "One", "A") == 1
    assert names(segments.members(shop, "One")) == {"C"}
    segments.create(shop, "Parsed", parse_rule(BIG))  # what select_members takes
    assert segments.get(shop, "Parsed").rule == BIG
    assert names(segments.members(shop, "Parsed")) == {"B", "D"}
    segments.edit(shop, "Parsed", rule=parse_rule(RECENT))
    assert names(segments.members(shop, "Parsed")) == {"A", "C", "D"}


_CONSENT = {"op": "true", "left": {"field": "consent_email"}}


@pytest.mark.parametrize(
    ("document", "path", "code"),
    [
        ({"op": "=", "left": {"field": "rfm.group"}, "right": "Champs"}, "$.right", "family.no_group.hint"),
        (
            {"and": [_CONSENT, {"op": "true", "left": {"call": "in_segment", "args": ["nope"]}}]},
            "$.and[1].left",
            "segment.unknown",
        ),
        ({"op": "true", "left": {"call": "in_segment", "args": ["Self"]}}, "$.left.args[0]", "segment.cycle"),
    ],
)
def test_a_rule_in_its_json_form_is_refused_at_its_json_path(shop, document, path, code):
    """A rule read from its JSON form (from_json) was stored as its rendering, and create and edit
    checked and evaluated that text: their errors said "line 1, column 13" of a text no one wrote,
    where select_members (6f6ef2e) and from_json name the JSON path, as docs/rules.md says."""
    segments.create(shop, "Self", 'city = "Одеса"')
    before = stored(shop)
    rule = from_json(document)
    calls = [partial(segments.edit, shop, "Self", rule=rule)]
    if code != "segment.cycle":  # a new segment reading itself is an unknown one (its name is not yet known)
        calls += [partial(segments.create, shop, "N", rule, kind=kind) for kind in ("dynamic", "static")]
    for call in calls:
        with pytest.raises(RuleError) as caught:
            call()
        error = caught.value
        assert (error.code, error.line, error.column, error.params["path"]) == (code, None, None, path)
        assert error.message.startswith(f"{path}: ") and "line" not in str(error)
        assert stored(shop) == before
    segments.create(shop, "J", from_json(to_json(parse_rule(BIG))))  # a good one is taken as it was
    assert names(segments.members(shop, "J")) == {"B", "D"}


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda ws: segments.create(ws, "N", 42), r"a rule is text \(or a parsed Rule\), not int: 42"),
        (lambda ws: segments.edit(ws, "One", rule=[1]), r"a rule is text \(or a parsed Rule\), not list"),
        (lambda ws: segments.create(ws, "N", kind="static", members=["A", ""]), "id number 2 .* is empty"),
        (lambda ws: segments.create(ws, "N", kind="static", members=[" "]), "id number 1 .* is empty"),
        (lambda ws: segments.add_members(ws, "One", ["B", None]), "id number 2 .* is empty"),
        (lambda ws: segments.remove_members(ws, "One", [""]), "id number 1 .* is empty"),
        (lambda ws: segments.add_members(ws, "One", 7), "list of texts, not int"),
    ],
)
def test_a_rule_not_text_and_empty_ids_are_refused(shop, make, message):
    segments.create(shop, "One", kind="static", members=["A"])
    before = stored(shop)
    with pytest.raises(SegmentError, match=message):
        make(shop)
    assert stored(shop) == before


def test_a_static_rule_reading_its_own_segment_is_called_a_cycle(shop):
    segments.create(shop, "St", kind="static", members=["A"])
    segments.create(shop, "D", 'in_segment("St")')
    before = stored(shop)
    with pytest.raises(RuleError, match="cycle: 'St' -> 'St'; the static segment 'St' is frozen from"):
        segments.edit(shop, "St", rule='in_segment("St") or city = "Одеса"')
    with pytest.raises(RuleError, match="cycle: 'St' -> 'D' -> 'St'"):
        segments.edit(shop, "St", rule='in_segment("D")')
    with pytest.raises(RuleError, match="cycle: 'St2' -> 'St2'"):
        segments.create(shop, "St2", 'in_segment("St2")', kind="static")
    assert stored(shop) == before
    segments.edit(shop, "St", rule='city = "Одеса"')  # a rule of its own still re-freezes it
    assert names(segments.members(shop, "D")) == {"D"}


def test_a_name_differing_only_in_capitals_is_taken(shop):
    """ "vip" beside "VIP" named two segments alike in in_segment(...), campaigns and lists; a segment may
    still change the capitals of its own name."""
    segments.create(shop, "VIP", BIG)
    segments.create(shop, "Other", BIG)
    before = stored(shop)
    for make in (
        lambda: segments.create(shop, "vip", BIG),
        lambda: segments.create(shop, "Vip", kind="static", members=["A"]),
        lambda: segments.edit(shop, "Other", new_name="ViP"),
    ):
        with pytest.raises(SegmentError) as caught:
            make()
        assert caught.value.code == "name.taken.case" and caught.value.params["taken"] == "VIP"
    assert stored(shop) == before
    assert segments.edit(shop, "VIP", new_name="Vip").name == "Vip"


def test_a_cycle_points_at_where_the_rule_reads_the_segment_that_closes_it(shop):
    """The rule being written is shown with a caret under the name that makes the circle (the error had
    no line or column: on a long rule the user had to search for which in_segment(...) it was)."""
    segments.create(shop, "A", "orders_count > 1")
    segments.create(shop, "B", 'in_segment("A") and city = "Одеса"')
    with pytest.raises(RuleError) as caught:
        segments.edit(shop, "A", rule='orders_count > 2 or\n  in_segment("B")')
    error = caught.value
    assert (error.code, error.line, error.column) == ("segment.cycle", 2, 14)
    assert error.params == {"cycle": ["A", "B", "A"]}
    assert str(error).endswith('\n    in_segment("B")\n               ^')
    with pytest.raises(RuleError) as caught:
        segments.create(shop, "St", 'city = "Київ" or in_segment("St")', kind="static")
    assert (caught.value.code, caught.value.line, caught.value.column) == ("segment.static_cycle", 1, 29)


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ("total_spent >", "line 1, column"),
        ("totl_spent > 10", "total_spent"),
        ('in_segment("Nope")', "unknown segment 'Nope'"),
    ],
)
def test_a_bad_rule_is_refused_and_nothing_is_stored(shop, rule, message):
    segments.create(shop, "Big", BIG)
    before = stored(shop)
    with pytest.raises(RuleError, match=message):
        segments.create(shop, "Bad", rule)
    with pytest.raises(RuleError, match=message):
        segments.edit(shop, "Big", rule=rule)
    assert stored(shop) == before
    assert segments.find(shop, "Bad") is None


def test_in_segment_reads_other_segments_and_cycles_are_refused(shop):
    segments.create(shop, "Recent", RECENT)
    segments.create(shop, "Big", BIG)
    segments.create(shop, "Big not recent", 'in_segment("Big") and not in_segment("Recent")')
    assert names(segments.members(shop, "Big not recent")) == {"B"}
    before = stored(shop)
    with pytest.raises(RuleError, match="cycle: 'Big' -> 'Big not recent' -> 'Big'"):
        segments.edit(shop, "Big", rule='in_segment("Big not recent")')
    with pytest.raises(RuleError, match="cycle: 'Self' -> 'Self'"):
        segments.create(shop, "Self", 'in_segment("Self") or total_spent > 1')
    assert stored(shop) == before
    # a static segment is a frozen list: reading it is no dependency, and it may read dynamic ones
    segments.create(shop, "Recent then", 'in_segment("Recent")', kind="static")
    assert names(segments.members(shop, "Recent then")) == {"A", "C", "D"}
    refresh(shop)
    assert names(segments.members(shop, "Big not recent")) == {"B"}


def test_rename_keeps_history_and_readers_protect_a_segment(shop):
    segments.create(shop, "Big", BIG)
    segments.create(shop, "Reader", 'in_segment("Big")')
    with pytest.raises(SegmentError, match="read by 'Reader'"):
        segments.delete(shop, "Big")
    with pytest.raises(SegmentError, match="read by 'Reader'"):
        segments.edit(shop, "Big", new_name="Huge")
    with pytest.raises(SegmentError, match="already exists"):
        segments.create(shop, "Reader", BIG)
    segments.delete(shop, "Reader")
    renamed = segments.edit(shop, "Big", new_name="Великі", description="нова назва")
    assert renamed.name == "Великі" and segments.find(shop, "Big") is None
    assert names(segments.members(shop, "Великі")) == {"B", "D"}
    segments.delete(shop, "Великі")
    assert (
        shop.raw.execute("SELECT count(*) FROM membership_history WHERE kind = 'segment'").fetchone()[0] == 0
    )
    with pytest.raises(SegmentError, match="no segment named 'Великі'"):
        segments.get(shop, "Великі")


def test_editing_a_rule_re_evaluates_and_a_static_rule_re_freezes(shop):
    segments.create(shop, "S", BIG, kind="static")
    segments.create(shop, "D", BIG)
    segments.edit(shop, "S", rule="total_spent > 120")
    segments.edit(shop, "D", rule="total_spent > 120")
    assert names(segments.members(shop, "S")) == names(segments.members(shop, "D")) == {"A", "B", "D"}
    assert segments.get(shop, "D").rule == "total_spent > 120"


def test_a_static_segment_given_its_own_rule_again_keeps_its_hand_made_members(shop):
    """The web builder's Save sends the rule text it shows with a new name or description; edit re-froze
    the list from it and the members added by hand were gone (and recorded as leaving). Only a rule that
    is another rule, or refreeze=True, freezes the list again."""
    segments.create(shop, "S", BIG, kind="static")  # B, D
    segments.add_members(shop, "S", ["E"])
    segments.remove_members(shop, "S", ["B"])
    # the same rule in another spelling (as the builder writes it back), with a new name and description
    segments.edit(shop, "S", rule="  TOTAL_SPENT>250 ", description="kept", new_name="S2")
    assert names(segments.members(shop, "S2")) == {"D", "E"}
    stored = segments.get(shop, "S2")
    assert (stored.description, stored.rule) == ("kept", "TOTAL_SPENT>250")
    segments.edit(shop, "S2", rule=BIG)
    assert names(segments.members(shop, "S2")) == {"D", "E"}
    segments.edit(shop, "S2", refreeze=True)  # asked for: frozen again from its rule, as of now
    assert names(segments.members(shop, "S2")) == {"B", "D"}
    segments.add_members(shop, "S2", ["E"])
    segments.edit(shop, "S2", rule="total_spent > 120")  # another rule re-freezes, as it did
    assert names(segments.members(shop, "S2")) == {"A", "B", "D"}
    segments.create(shop, "Ids", kind="static", members=["A"])
    with pytest.raises(SegmentError) as caught:  # nothing to freeze it from
        segments.edit(shop, "Ids", refreeze=True, description="x")
    assert caught.value.code == "refreeze.no_rule"
    assert segments.get(shop, "Ids").description is None


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda ws: segments.create(ws, "", BIG), "needs a name"),
        (lambda ws: segments.create(ws, "X", BIG, kind="sometimes"), "'static' or 'dynamic'"),
        (lambda ws: segments.create(ws, "X"), "needs a rule"),
        (lambda ws: segments.create(ws, "X", BIG, kind="static", members=["A"]), "one of them"),
        (lambda ws: segments.create(ws, "X\x00", BIG), "control character"),
        (lambda ws: segments.create(ws, "VIP\u200b", BIG), "invisible character \\(U\\+200B\\)"),
        (lambda ws: segments.create(ws, "\u202eПІВ", BIG), "invisible character"),
        (lambda ws: segments.create(ws, "a/b", BIG), "contains '/'"),
        # /segments/.. and /segments/. : clients send GET / and GET /segments
        (lambda ws: segments.create(ws, "..", BIG), "is a path step"),
        (lambda ws: segments.create(ws, " . ", BIG), "is a path step"),
        # a campaign or trigger aimed at rfm:At Risk would reach this segment instead of the group
        (lambda ws: segments.create(ws, "rfm:At Risk", BIG), "reads as the built-in family 'rfm'"),
        (lambda ws: segments.create(ws, "RFM", BIG), "reads as the built-in family 'rfm'"),
        (lambda ws: segments.create(ws, "cluster", BIG), "built-in family 'cluster'"),
        (lambda ws: segments.create(ws, "Lifecycle:lapsed", BIG), "built-in family 'lifecycle'"),
        (lambda ws: segments.members(ws, "nothing"), "no segment named"),
    ],
)
def test_clear_errors(shop, call, message):
    with pytest.raises(SegmentError, match=message):
        call(shop)


def test_members_on_a_past_date_come_from_history(shop):
    segments.create(shop, "Recent", RECENT)
    refresh(shop, as_of=TODAY.replace(month=2, day=29))
    assert names(segments.members(shop, "Recent", as_of=TODAY.replace(month=2, day=29))) == {"B", "D"}
    assert names(segments.members(shop, "Recent")) == {"A", "C", "D"}


def test_segments_reading_a_changed_one_are_re_evaluated_at_once(shop):
    """A dynamic segment that reads another through in_segment(...) follows its edits and its hand-made
    member changes at once (and one reading that one too), not only at the next refresh."""
    segments.create(shop, "Big", BIG)  # B, D
    segments.create(shop, "Big reader", 'in_segment("Big")')
    segments.create(shop, "Reader of reader", 'in_segment("Big reader") and city = "Київ"')
    segments.create(shop, "Hand-picked", kind="static", members=["A"])
    segments.create(shop, "Picked reader", 'in_segment("Hand-picked")')
    assert names(segments.members(shop, "Reader of reader")) == set()
    segments.edit(shop, "Big", rule="total_spent > 120")  # A, B, D
    assert names(segments.members(shop, "Big reader")) == {"A", "B", "D"}
    assert names(segments.members(shop, "Reader of reader")) == {"A"}
    sizes = {s["name"]: s["size"] for s in segments.overview(shop)["segments"]}
    assert sizes["Big reader"] == 3 and sizes["Reader of reader"] == 1
    stamped = segments.get(shop, "Hand-picked").updated_at
    assert segments.add_members(shop, "Hand-picked", ["C"]) == 1
    assert names(segments.members(shop, "Picked reader")) == {"A", "C"}
    assert segments.get(shop, "Hand-picked").updated_at > stamped
    segments.remove_members(shop, "Hand-picked", ["A"])
    assert names(segments.members(shop, "Picked reader")) == {"C"}
    segments.edit(shop, "Hand-picked", rule=RECENT)  # re-frozen from a rule: A, C, D
    assert names(segments.members(shop, "Picked reader")) == {"A", "C", "D"}
    # and the history a refresh writes agrees: it records no moves for them
    after = refresh(shop)
    assert names(segments.members(shop, "Reader of reader")) == {"A"}
    assert after.segments["Picked reader"] == 3


def test_select_members_reads_the_families_of_its_date_and_the_workspace_segments(shop):
    """select_members(ws, rule, as_of=D) used the stored features, those of the last refresh, whatever D
    was; and in_segment(...) found no segments although the workspace has them."""
    from segmint.rules import select_members

    refresh(shop, as_of=FEB)
    refresh(shop)  # the stored features are TODAY's
    stages = ("prospect", "new", "active", "lapsing", "lapsed")
    then = {g: names(select_members(shop, f'lifecycle.stage = "{g}"', as_of=FEB)) for g in stages}
    now = {g: names(select_members(shop, f'lifecycle.stage = "{g}"')) for g in stages}
    assert then != now  # the two dates differ, so reading the wrong one shows
    for group in stages:
        assert then[group] == names(segments.members(shop, "lifecycle", as_of=FEB, group=group)), group
        assert now[group] == names(segments.members(shop, "lifecycle", group=group)), group
    segments.create(shop, "Big", BIG)
    assert names(select_members(shop, 'in_segment("Big") and city = "Одеса"')) == {"D"}


def test_names_typed_in_either_spelling_are_one_segment(shop):
    """ "й" typed as и + a combining breve (NFD) is the same name, found either way."""
    import unicodedata

    segments.create(shop, "Київ-й", BIG)
    decomposed = unicodedata.normalize("NFD", "Київ-й")
    with pytest.raises(SegmentError, match="already exists"):
        segments.create(shop, decomposed, BIG)
    assert names(segments.members(shop, decomposed)) == {"B", "D"}
    segments.create(shop, "VIP: Київ", BIG)  # a colon is fine when what precedes it is no family


@pytest.mark.parametrize("space", ["\u00a0", "\u202f", "\u2009", "\u3000"])
def test_a_no_break_or_other_unicode_space_in_a_name_is_an_ordinary_space(shop, space):
    """hunt-api B26: "Nbsp\\u00a0VIP" (a no-break space, as a copy from a web page or PDF brings) was a second
    segment next to "Nbsp VIP", the two shown alike in every list and picker."""
    created = segments.create(shop, f"Nbsp{space}VIP", BIG)
    assert created.name == "Nbsp VIP"
    with pytest.raises(SegmentError, match="a segment named 'Nbsp VIP' already exists"):
        segments.create(shop, "Nbsp VIP", BIG)
    assert names(segments.members(shop, f"Nbsp{space}VIP")) == names(segments.members(shop, "Nbsp VIP"))
    assert [s.name for s in segments.all_segments(shop)].count("Nbsp VIP") == 1


def test_an_order_dated_in_the_future_does_not_move_the_reference_date(shop, tmp_path):
    """reference_date = last_activity: one order mistyped as 2099 made 2099 every refresh's date."""
    import datetime as dt
    from zoneinfo import ZoneInfo

    from segmint.rules.context import reference_date

    assert reference_date(shop) == TODAY
    import_csv(
        shop,
        "orders",
        "order_id,customer_id,ordered_at,total,status\no9,E,2099-01-01,10,completed\n",
        tmp_path / "typo.csv",
    )
    today = dt.datetime.now(ZoneInfo(shop.settings.timezone)).date()
    assert reference_date(shop) == today
    assert refresh(shop).as_of == today
