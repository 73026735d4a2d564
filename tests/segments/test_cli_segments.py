"""The real CLI as a subprocess: segments, refresh, members exports, YAML, movements, transitions."""

from __future__ import annotations

import json

import pyarrow.parquet as pq
from tests.cli import ok, segmint

from segmint import Workspace, segments

from .tinyshop import BIG, CUSTOMERS, RECENT


def test_segments_from_the_command_line(shop, tmp_path):
    ws = shop.path
    shop.close()
    ok("-w", ws, "segments", "create", "Recent", "--rule", RECENT)
    ok(
        "-w",
        ws,
        "segments",
        "create",
        "Сплячі VIP",
        "--rule",
        f'{BIG} and not in_segment("Recent")',
        "-d",
        "великі, але не нещодавні",
    )
    ok("-w", ws, "segments", "create", "Фокус", "--members", "A,E")
    ok("-w", ws, "refresh", "--backfill", "monthly")
    listed = json.loads(ok("-w", ws, "segments", "list", "--json").stdout)
    assert {f["name"] for f in listed["families"]} >= {"rfm", "lifecycle"}
    rfm = next(f for f in listed["families"] if f["name"] == "rfm")
    assert sum(g["customers"] for g in rfm["groups"]) == 5
    assert [(s["name"], s["kind"], s["size"]) for s in listed["segments"]] == [
        ("Recent", "dynamic", 3),
        ("Сплячі VIP", "dynamic", 1),
        ("Фокус", "static", 2),
    ]
    out = tmp_path / "vip.parquet"
    ok(
        "-w",
        ws,
        "segments",
        "members",
        "Сплячі VIP",
        "-f",
        "parquet",
        "-o",
        out,
        "--columns",
        "customer_id,first_name,city,rfm_group",
    )
    table = pq.read_table(out).to_pylist()
    assert [(r["customer_id"], r["first_name"], r["city"]) for r in table] == [("B", "Іван", "Львів")]
    assert table[0]["rfm_group"]
    as_csv = ok("-w", ws, "segments", "members", "Recent", "--columns", "customer_id,city").stdout
    assert as_csv.splitlines() == ['"customer_id","city"', '"A","Київ"', '"C","Київ"', '"D","Одеса"']
    moves = json.loads(
        ok("-w", ws, "segments", "movements", "Recent", "--from", "01.03.2024", "--json").stdout
    )
    assert (moves["entered"], moves["left"]) == (2, 1)
    matrix = json.loads(
        ok(
            "-w",
            ws,
            "segments",
            "transitions",
            "Recent",
            "--from",
            "2024-01-31",
            "--to",
            "2024-03-20",
            "--json",
        ).stdout
    )
    assert matrix["groups"] == ["member", None] and matrix["matrix"] == [[2, 0], [1, 2]]  # B, E stay out
    # a matrix wider than the terminal is shown as one line per pair of groups, names whole
    args = ("-w", ws, "segments", "transitions", "rfm", "--from", "2024-01-31", "--to", "2024-03-20")
    wide, narrow = ok(*args, wide=True).stderr, ok(*args, columns=100).stderr
    assert "A ↓  B →" in wide and "share of A" not in wide
    assert "share of A" in narrow and "A ↓" not in narrow and "…" not in narrow
    pairs = json.loads(ok(*args, "--json").stdout)
    names = [group or "(none)" for group in pairs["groups"]]
    lines = [" ".join(line.replace("│", " ").split()) for line in narrow.splitlines()]
    for a, row in zip(names, pairs["matrix"], strict=True):
        for b, n in zip(names, row, strict=True):
            if n:
                b = f"{b} (stayed)" if a == b else b
                assert any(line.startswith(f"{a} {b} {n} ") for line in lines), (a, b, n, narrow)
    # definitions to YAML and into another workspace
    exported = tmp_path / "segments.yaml"
    ok("-w", ws, "segments", "export", "-o", exported)
    other = tmp_path / "other"
    ok("init", other)
    (tmp_path / "customers.csv").write_text(CUSTOMERS, encoding="utf-8")
    ok("-w", other, "import", "customers", tmp_path / "customers.csv")
    loaded = json.loads(ok("-w", other, "segments", "load", exported, "--json").stdout)
    assert loaded == {"Recent": "created", "Сплячі VIP": "created", "Фокус": "created"}
    assert ok("-w", other, "segments", "export").stdout == exported.read_text(encoding="utf-8")


def test_errors_exit_1_with_a_clear_message_and_store_nothing(shop, tmp_path):
    ws = shop.path
    shop.close()
    done = segmint("-w", ws, "segments", "create", "Bad", "--rule", "total_spent >> 5")
    assert done.returncode == 1
    assert "Error:" in done.stderr and "line 1, column" in done.stderr and "^" in done.stderr
    # a rule longer than the 80 columns of a pipe: its line and the caret under it are not wrapped
    rule = 'city in ("Київ", "Львів", "Одеса", "Харків", "Дніпро", "Вінниця") and total_spnt > 5000'
    done = segmint("-w", ws, "segments", "create", "Long", "--rule", rule)
    lines = done.stderr.splitlines()
    assert done.returncode == 1 and f"  {rule}" in lines, done.stderr
    caret = lines[lines.index(f"  {rule}") + 1]
    assert caret == " " * (2 + rule.index("total_spnt")) + "^"
    done = segmint("-w", ws, "segments", "members", "Bad")
    assert done.returncode == 1 and "no segment named 'Bad'" in done.stderr
    assert json.loads(ok("-w", ws, "segments", "list", "--json").stdout)["segments"] == []
    done = segmint("-w", ws, "refresh", "--as-of", "31/02/2024")
    assert done.returncode == 1 and "Error: --as-of: '31/02/2024' is not a date" in done.stderr
    done = segmint("-w", ws, "refresh", "--as-of", "2999-12-31", "--json")
    assert done.returncode == 1 and json.loads(done.stdout)["error"]["code"] == "cli.refresh.after_reference"
    assert "Error: --as-of 2999-12-31 is after the reference date" in done.stderr  # the option typed


def test_import_refreshes_unless_told_not_to(shop, tmp_path):
    ws = shop.path
    shop.close()
    ok("-w", ws, "segments", "create", "Big", "--rule", BIG)
    new = tmp_path / "new.csv"
    new.write_text("order_id,customer_id,ordered_at,total,status\no7,E,2024-03-25,1000,completed\n")
    kept = json.loads(ok("-w", ws, "import", "orders", new, "--no-refresh", "--json").stdout)
    assert kept["refresh"] is None
    new.write_text("order_id,customer_id,ordered_at,total,status\no8,C,2024-03-26,400,completed\n")
    done = json.loads(ok("-w", ws, "import", "orders", new, "--json").stdout)
    assert done["refresh"]["as_of"] == "2024-03-26" and done["refresh"]["segments"] == {"Big": 4}


def test_edit_adds_and_removes_members_both_or_neither(shop):
    ws = shop.path
    shop.close()
    ok("-w", ws, "segments", "create", "Фокус", "--members", "A,E")
    refused = segmint("-w", ws, "segments", "edit", "Фокус", "--add", "B", "--remove", "C")  # C: no member
    assert refused.returncode == 1 and "Error:" in refused.stderr
    members = json.loads(ok("-w", ws, "segments", "members", "Фокус", "--json").stdout)
    assert sorted(row["customer_id"] for row in members["members"]) == ["A", "E"]  # B was not added
    edit = ("-w", ws, "segments", "edit", "Фокус", "--add", "B", "--remove", "E", "--json")
    done = json.loads(ok(*edit).stdout)
    assert (done["added"], done["removed"], done["size"]) == (1, 1, 2)


def test_edit_with_the_same_rule_keeps_a_static_list_and_refreeze_freezes_it_again(shop):
    """`edit --rule` with the rule a static segment has (and a new description) re-froze its list, and the
    member added by hand was gone; --refreeze is the way to ask for that."""
    ws = shop.path
    shop.close()
    ok("-w", ws, "segments", "create", "Фокус", "--rule", BIG, "--static")  # B, D
    ok("-w", ws, "segments", "edit", "Фокус", "--add", "E")

    def ids() -> list[str]:
        members = json.loads(ok("-w", ws, "segments", "members", "Фокус", "--json").stdout)["members"]
        return sorted(row["customer_id"] for row in members)

    ok("-w", ws, "segments", "edit", "Фокус", "--rule", BIG.replace(" ", ""), "-d", "new words")
    assert ids() == ["B", "D", "E"]
    done = json.loads(ok("-w", ws, "segments", "edit", "Фокус", "--refreeze", "--json").stdout)
    assert (done["size"], done["description"]) == (2, "new words")
    assert ids() == ["B", "D"]


def test_a_bad_date_is_an_error_with_status_1(shop):
    """hunt-cli L3: a date that is no date (--from 2010-13-01, --as-of 2010-02-30) ended in Typer's usage
    box with status 2, where docs/segments.md says errors print `Error: …` and exit with status 1."""
    ws = shop.path
    shop.close()
    for args in (
        ("segments", "movements", "rfm", "--from", "2010-13-01"),
        ("segments", "members", "rfm", "--group", "Champions", "--as-of", "2010-02-30"),
        ("refresh", "--as-of", "31/12/2023"),
    ):
        done = segmint("-w", ws, *args, wide=True)
        option, bad = args[-2:]
        assert done.returncode == 1, (args, done.stderr)
        expected = f"Error: {option}: '{bad}' is not a date; write YYYY-MM-DD or dd.mm.yyyy"
        assert done.stderr.startswith(expected), done.stderr
        assert "Usage:" not in done.stderr and "Traceback" not in done.stderr


def test_a_rule_and_a_member_list_together_are_refused_in_the_commands_words(shop):
    """hunt-py minor: `segments create X --rule R --members C1` (no --static) answered 'a static segment is
    made from a rule or from a list ...', about a static segment the user never asked for."""
    ws = shop.path
    shop.close()
    done = segmint("-w", ws, "segments", "create", "X", "--rule", BIG, "--members", "A", wide=True)
    assert done.returncode == 1, done.stderr
    expected = "Error: give --rule or --members (or --members-file), not both: "
    assert done.stderr.startswith(expected), done.stderr
    listed = json.loads(ok("-w", ws, "segments", "list", "--json").stdout)
    assert "X" not in [s["name"] for s in listed["segments"]]


def test_members_before_a_segments_history_starts_say_so(shop, tmp_path):
    """A segment made after the backfill has no history before its first refresh: members --as-of an
    earlier date wrote 0 members and said nothing, as if nobody had been a member then (H5's hunt:
    'Wrote 0 members of Сплячі VIP'). It says the history starts later and what fills it in."""
    ws = shop.path
    shop.close()
    ok("-w", ws, "refresh", "--backfill", "monthly")
    ok("-w", ws, "segments", "create", "Recent", "--rule", RECENT)
    first = json.loads(ok("-w", ws, "segments", "show", "Recent", "--json").stdout)["dates"][0]
    done = ok("-w", ws, "segments", "members", "Recent", "--as-of", "2024-01-31", "-o", tmp_path / "r.csv")
    note = " ".join(done.stderr.split())
    assert f"note: no refresh computed Recent on 2024-01-31: its history starts on {first}" in note, note
    assert "`segmint refresh --backfill monthly`" in note and "Wrote 0 members of Recent" in note
    ok("-w", ws, "refresh", "--backfill", "monthly")  # fills it in: the note goes, the members come
    done = ok("-w", ws, "segments", "members", "Recent", "--as-of", "2024-01-31", "--json")
    assert "note:" not in done.stderr and json.loads(done.stdout)["rows"] > 0


def test_show_json_names_every_group_in_the_familys_order(shop):
    """`segments show --json` gave "sizes": {} for a segment with no members (a script's sizes["member"]
    failed) and left a family's empty groups out, in no set order; now every group, 0 when empty, in the
    family's order as `segments list` has it, and the stays in that order too."""
    ws = shop.path
    shop.close()
    ok("-w", ws, "segments", "create", "Nobody", "--rule", "total_spent > 1000000000")
    assert json.loads(ok("-w", ws, "segments", "show", "Nobody", "--json").stdout)["sizes"] == {"member": 0}
    listed = json.loads(ok("-w", ws, "segments", "list", "--json").stdout)
    for family in listed["families"]:
        shown = json.loads(ok("-w", ws, "segments", "show", family["name"], "--json").stdout)
        assert list(shown["sizes"].items()) == [(g["name"], g["customers"]) for g in family["groups"]]
        assert 0 in shown["sizes"].values() or family["name"] != "rfm"  # the tiny shop: empty rfm groups
        stays = [row["group_name"] for row in shown["stays"]]
        assert stays == [group for group in shown["sizes"] if group in stays]


def test_edit_changes_nothing_when_its_member_change_is_refused(shop):
    """`segments edit` stored the rename, description or rule in one transaction and then had the
    --add/--remove of the same command refused in another: exit 1, "Error: …", and half the edit saved.
    It is one transaction now, as the REST PATCH /segments/{name}: all of the edit or none of it."""
    ws = shop.path
    shop.close()
    ok("-w", ws, "segments", "create", "Фокус", "--members", "A,E")
    ok("-w", ws, "segments", "create", "Big", "--rule", BIG)
    refused = (
        ("edit", "Фокус", "--rename", "Focus2", "-d", "new text", "--add", "NOPE"),
        ("edit", "Фокус", "--rule", BIG, "--remove", "E"),  # E: not in the list the rule freezes
        ("edit", "Big", "--rule", RECENT, "--add", "A"),  # a dynamic segment takes no ids
    )
    before = json.loads(ok("-w", ws, "segments", "list", "--json").stdout)["segments"]
    for args in refused:
        done = segmint("-w", ws, "segments", *args, wide=True)
        assert done.returncode == 1 and done.stderr.startswith("Error: "), (args, done.stderr)
        assert json.loads(ok("-w", ws, "segments", "list", "--json").stdout)["segments"] == before, args
    # the same edit with ids it takes is made whole
    edit = ("-w", ws, "segments", "edit", "Фокус", "--rename", "Focus2", "-d", "new text", "--add", "B")
    done = json.loads(ok(*edit, "--json").stdout)
    assert (done["name"], done["description"], done["added"], done["size"]) == ("Focus2", "new text", 1, 3)


def test_a_refused_rename_and_remove_names_the_segment_by_its_current_name(shop):
    """`segments edit Фокус --rename Focus2 --remove C` (C no member) was refused "not a member of
    'Focus2'": the rename was applied first inside the edit, so the error spoke of a segment that, the
    edit being refused whole, does not exist. The rename is made last now, and the error names 'Фокус'."""
    ws = shop.path
    shop.close()
    ok("-w", ws, "segments", "create", "Фокус", "--members", "A,E")
    done = segmint("-w", ws, "segments", "edit", "Фокус", "--rename", "Focus2", "--remove", "C", wide=True)
    assert done.returncode == 1 and "'Фокус'" in done.stderr and "Focus2" not in done.stderr, done.stderr
    shown = json.loads(ok("-w", ws, "segments", "show", "Фокус", "--json").stdout)
    assert shown["name"] == "Фокус"
    done = json.loads(
        ok("-w", ws, "segments", "edit", "Фокус", "--rename", "Focus2", "--remove", "E", "--json").stdout
    )
    assert (done["name"], done["removed"], done["size"]) == ("Focus2", 1, 1)


def test_an_empty_member_id_is_refused_with_its_position(shop, tmp_path):
    """A blank cell of --members-file, or a stray comma in --members, --add or --remove, was dropped
    without a word ("Created static segment Blank: 2 members"), where the Python and REST APIs refuse
    it with its position in the list (docs/segments.md): a row that lost its id went unseen. Now the
    command refuses it in the library's words (ids.empty) and stores nothing."""
    ws = shop.path
    shop.close()
    ids = tmp_path / "ids.csv"
    ids.write_text("customer_id,name\nA,a\n,b\nC,c\n", encoding="utf-8")
    ok("-w", ws, "segments", "create", "Фокус", "--members", "A,E")
    for args, position in (
        (("create", "Blank", "--members-file", ids), 2),
        (("create", "Blank", "--members", "A,,C"), 2),
        (("create", "Blank", "--members", "A,C,"), 3),
        (("create", "Blank", "--members", "B", "--members-file", ids), 3),  # --members first, then the file
        (("edit", "Фокус", "--add", "B,,C"), 2),
        (("edit", "Фокус", "--add", "B", "--remove", ",E"), 1),
        (("edit", "Фокус", "--add", ""), 1),
    ):
        done = segmint("-w", ws, "segments", *args, wide=True)
        expected = f"Error: customer id number {position} of the list is empty"
        assert (done.returncode, done.stderr.strip()) == (1, expected), (args, done.stderr)
    listed = json.loads(ok("-w", ws, "segments", "list", "--json").stdout)["segments"]
    assert [(s["name"], s["size"]) for s in listed] == [("Фокус", 2)]
    ids.write_text("customer_id,name\nA,a\n\nC,c\n", encoding="utf-8")  # a blank line is no row: no id lost
    done = json.loads(ok("-w", ws, "segments", "create", "Blank", "--members-file", ids, "--json").stdout)
    assert done["size"] == 2


def test_transitions_without_to_take_the_last_computed_date(shop):
    """`segments transitions NAME --from D` without --to was Typer's usage box with status 2; the REST
    route takes the last computed date for a missing `to` (docs/api.md), and so does the command now.
    Before any refresh, or with --from after that date, it says what to give, with status 1."""
    ws = shop.path
    shop.close()
    done = segmint("-w", ws, "segments", "transitions", "rfm", "--from", "2024-01-31", wide=True)
    expected = "Error: no refresh has computed rfm yet: give --to DATE, or run `segmint refresh` first"
    assert (done.returncode, done.stdout, done.stderr.strip()) == (1, "", expected)
    ok("-w", ws, "segments", "create", "Recent", "--rule", RECENT)
    ok("-w", ws, "refresh", "--backfill", "monthly")  # 2024-01-31, 2024-02-29 and the reference 2024-03-20
    for name in ("Recent", "rfm"):
        given = ("-w", ws, "segments", "transitions", name, "--from", "2024-01-31", "--json")
        matrix = json.loads(ok(*given).stdout)
        assert matrix == json.loads(ok(*given, "--to", "2024-03-20").stdout), name
        assert (matrix["to"], matrix["computed_on"]["to"]) == ("2024-03-20", "2024-03-20")
    assert "rfm: customers by group on A = 2024-01-31 and B = 2024-03-20" in ok(*given[:-1], wide=True).stderr
    done = segmint("-w", ws, "segments", "transitions", "rfm", "--from", "2024-04-30", wide=True)
    expected = (
        "Error: --from 2024-04-30 is after the last date a refresh computed rfm on (2024-03-20, the default "
        "of --to): give --to DATE"
    )
    assert (done.returncode, done.stderr.strip()) == (1, expected)


def test_create_and_edit_json_carry_the_keys_show_gives(shop):
    """`segments create --json` and `edit --json` had no as_of and no warnings (and show's no size nor
    as_of), so a script that created a segment had to call show for them. All three give the segment as
    segments.summary makes it, their own keys (size, added, removed) kept."""
    ws = shop.path
    shop.close()
    keys = {"name", "kind", "rule", "description", "created_at", "updated_at", "size", "as_of", "warnings"}
    created = json.loads(ok("-w", ws, "segments", "create", "Big", "--rule", BIG, "--json").stdout)
    static = json.loads(ok("-w", ws, "segments", "create", "Ст", "--members", "A,E", "--json").stdout)
    edited = json.loads(ok("-w", ws, "segments", "edit", "Ст", "--add", "B", "--json").stdout)
    assert set(created) == set(static) == keys and set(edited) == keys | {"added"}
    assert created["as_of"] and created["warnings"] == [] and edited["added"] == 1
    listed = {s["name"]: s for s in json.loads(ok("-w", ws, "segments", "list", "--json").stdout)["segments"]}
    for answer in (created, edited):
        shown = json.loads(ok("-w", ws, "segments", "show", answer["name"], "--json").stdout)
        assert {key: shown[key] for key in keys} == {key: answer[key] for key in keys}
        assert (answer["size"], answer["as_of"]) == (
            listed[answer["name"]]["size"],
            listed[answer["name"]]["as_of"],
        )
    assert edited["size"] == 3


def test_a_family_named_in_capitals_is_the_family_in_every_history_command(shop):
    """`segments show/members/movements/transitions RFM` were refused ("no segment named 'RFM' (did you
    mean 'rfm'?)") where `kpis --family RFM` and "RFM:champions" took it: the one lookup of a name
    (history.queries.lookup) takes a family in any case or spacing, and the output names it as stored."""
    ws = shop.path
    shop.close()
    ok("-w", ws, "refresh", "--backfill", "monthly")
    shown = json.loads(ok("-w", ws, "segments", "show", "RFM", "--json").stdout)
    assert shown == json.loads(ok("-w", ws, "segments", "show", "rfm", "--json").stdout)
    assert shown["name"] == "rfm" and shown["kind"] == "family"
    members = ok("-w", ws, "segments", "members", " Rfm ", "--group", "champions", "--json").stdout
    exact = ok("-w", ws, "segments", "members", "rfm", "--group", "Champions", "--json").stdout
    assert (
        json.loads(members)["name"] == "rfm"
        and json.loads(members)["members"] == json.loads(exact)["members"]
    )
    moves = json.loads(ok("-w", ws, "segments", "movements", "RFM", "--from", "2024-01-31", "--json").stdout)
    assert moves == json.loads(
        ok("-w", ws, "segments", "movements", "rfm", "--from", "2024-01-31", "--json").stdout
    )
    assert moves["name"] == "rfm"
    args = ("segments", "transitions", "RFM", "--from", "2024-01-31", "--to", "2024-03-20")
    matrix = json.loads(ok("-w", ws, *args, "--json").stdout)
    assert matrix["name"] == "rfm" and matrix["groups"] and matrix["matrix"]
    assert "rfm: customers by group on A = 2024-01-31" in ok("-w", ws, *args, wide=True).stderr
    missing = segmint("-w", ws, "segments", "show", "rfmm", wide=True)
    assert missing.returncode == 1 and "no segment named 'rfmm' (did you mean 'rfm'?)" in missing.stderr


def test_a_family_group_name_is_the_family_with_that_group_in_members_and_movements(shop):
    """`segments members "rfm:At Risk"` (and movements, segmint.segments.members) were refused as "no
    segment named 'rfm:At Risk'" where campaigns, triggers and KPIs take it: it is now `rfm --group
    "At Risk"` (the family and group in any case), and `show`, which takes no group, says how to name
    one, in the workspace's language too."""
    ws = shop.path
    shop.close()
    ok("-w", ws, "refresh", "--backfill", "monthly")
    grouped = ok("-w", ws, "segments", "members", "rfm", "--group", "At Risk", "--json").stdout
    for spelled in ("rfm:At Risk", "RFM:at risk"):
        named = ok("-w", ws, "segments", "members", spelled, "--json").stdout
        assert json.loads(named)["members"] == json.loads(grouped)["members"]
        assert json.loads(named)["name"] == "rfm"
    args = ("--from", "2024-01-31", "--json")
    moves = ok("-w", ws, "segments", "movements", "rfm:At Risk", *args).stdout
    assert moves == ok("-w", ws, "segments", "movements", "rfm", "--group", "At Risk", *args).stdout
    assert json.loads(grouped)["members"] and json.loads(moves)["movements"]
    opened = Workspace.open(ws)
    try:
        ids = segments.members(opened, "rfm:at  Risk").to_pyarrow()["customer_id"].to_pylist()
    finally:
        opened.close()
    assert sorted(ids) == sorted(row["customer_id"] for row in json.loads(grouped)["members"])
    shown = segmint("-w", ws, "segments", "show", "rfm:Champions", wide=True)
    assert shown.returncode == 1 and "no segment named" not in shown.stderr
    assert "names a group of the family 'rfm'" in shown.stderr and "rfm --group 'Champions'" in shown.stderr
    worded = segmint("-w", ws, "segments", "transitions", "rfm:Champions", "--from", "2024-01-31", wide=True,
                     language="uk")  # fmt: skip
    assert worded.returncode == 1 and "'rfm:Champions' — група родини 'rfm'" in worded.stderr, worded.stderr
