import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from segmint import ConfigError, Workspace, WorkspaceError, build_demo
from segmint.store import migrations
from segmint.store.workspace import TransactionAborted
from segmint.web.messages import translate


def test_init_creates_settings_and_store(tmp_path: Path):
    ws = Workspace.init(tmp_path / "shop")
    assert (tmp_path / "shop" / "segmint.toml").exists()
    assert (tmp_path / "shop" / "segmint.duckdb").exists()
    assert {"customers", "orders", "order_items", "events", "quarantine"} <= set(ws.con.list_tables())
    assert ws.settings.currency == "UAH"
    ws.close()


def test_init_refuses_existing_workspace(tmp_path: Path):
    Workspace.init(tmp_path / "shop").close()
    with pytest.raises(WorkspaceError, match="already a segmint workspace"):
        Workspace.init(tmp_path / "shop")


def test_open_a_folder_that_is_not_a_workspace(tmp_path: Path):
    with pytest.raises(WorkspaceError, match="not a segmint workspace"):
        Workspace.open(tmp_path)


def test_open_uses_environment_variable(tmp_path: Path, monkeypatch):
    Workspace.init(tmp_path / "shop").close()
    monkeypatch.setenv("SEGMINT_WORKSPACE", str(tmp_path / "shop"))
    with Workspace.open() as ws:
        assert ws.path == tmp_path / "shop"


def test_bad_setting_names_file_and_setting(tmp_path: Path):
    Workspace.init(tmp_path / "shop").close()
    config = tmp_path / "shop" / "segmint.toml"
    config.write_text('[workspace]\ncurrency = "hryvnia"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        Workspace.open(tmp_path / "shop")
    assert "segmint.toml" in str(info.value) and "currency" in str(info.value)


def test_duckdb_progress_bar_is_off(tmp_path: Path):
    """DuckDB draws its bar on stdout (where the CLI's --json documents go) for queries over 2 s. Checked
    as the setting, in a process of its own: under pytest DuckDB starts with the bar off anyway, and
    lowering progress_bar_time to make it show sooner switches it back on."""
    Workspace.init(tmp_path / "ws").close()
    for read_only in (False, True):
        script = (
            "import sys, segmint; ws = segmint.Workspace.open(sys.argv[1], read_only=sys.argv[2] == 'True'); "
            "print(ws.raw.execute(\"SELECT current_setting('enable_progress_bar')\").fetchone()[0])"
        )
        done = subprocess.run(
            [sys.executable, "-c", script, str(tmp_path / "ws"), str(read_only)],
            capture_output=True,
            text=True,
            check=True,
        )
        assert done.stdout.strip() == "False", (read_only, done.stdout, done.stderr)


def test_transaction_rolls_back_on_error(workspace: Workspace):
    with pytest.raises(RuntimeError), workspace.transaction() as raw:
        raw.execute("INSERT INTO categories VALUES ('c1', 'Shoes', NULL)")
        raise RuntimeError("midway")
    assert workspace.table("categories").count().execute() == 0


def test_a_joined_transactions_caught_error_rolls_the_whole_back(workspace: Workspace):
    """An inner transaction joins the open one (DuckDB has none nested); its error, even caught, must not
    let the outer commit the inner's half-written change."""
    aborted = pytest.raises(TransactionAborted, match="failed and its error was caught")
    with aborted, workspace.transaction() as raw:
        raw.execute("INSERT INTO categories VALUES ('c1', 'Shoes', NULL)")
        with pytest.raises(ValueError), workspace.transaction() as inner:
            inner.execute("INSERT INTO categories VALUES ('c2', 'Bags', NULL)")
            raise ValueError("midway")
    assert workspace.table("categories").count().execute() == 0
    with workspace.transaction() as raw:  # the next one starts afresh and commits
        raw.execute("INSERT INTO categories VALUES ('c3', 'Hats', NULL)")
        with workspace.transaction() as inner:
            inner.execute("INSERT INTO categories VALUES ('c4', 'Caps', NULL)")
    assert workspace.table("categories").count().execute() == 2


def test_migrations_are_numbered_without_gaps():
    shipped = migrations.available()
    assert [m.version for m in shipped] == list(range(1, len(shipped) + 1))


def test_old_workspace_is_migrated_and_newer_refused(tmp_path: Path):
    ws = Workspace.init(tmp_path / "shop")
    latest = len(migrations.available())
    # Pretend the workspace was made by a version that knew only up to migration 0.
    ws.raw.execute("DELETE FROM schema_migrations")
    assert migrations.current_version(ws.raw) == 0
    ws.raw.execute("INSERT INTO schema_migrations (version, name) VALUES (?, 'future')", [latest + 1])
    ws.close()
    with pytest.raises(WorkspaceError, match="newer than this segmint"):
        Workspace.open(tmp_path / "shop")


def rewind(ws: Workspace, version: int) -> None:
    """Make a new workspace look as segmint left it before migration `version`: the migration and the
    later ones unrecorded, the tables they made gone, the history one named table again (before 0014)."""
    ws.raw.execute("DELETE FROM schema_migrations WHERE version >= ?", [version])
    later = migrations.available()[version - 1 :]
    if any("CREATE TABLE membership_intervals" in migration.sql for migration in later):
        ws.raw.execute("DROP VIEW membership_history")
        ws.raw.execute(
            "CREATE TABLE membership_history (kind VARCHAR NOT NULL, ref VARCHAR NOT NULL, "
            "group_name VARCHAR NOT NULL, customer_id VARCHAR NOT NULL, valid_from DATE NOT NULL, "
            "valid_to DATE)"
        )
    for migration in later:
        for table in re.findall(r"CREATE TABLE (?:IF NOT EXISTS )?(\w+)", migration.sql):
            if table != "membership_history":
                ws.raw.execute(f"DROP TABLE IF EXISTS {table}")


def test_migration_7_rewrites_the_history_in_customer_order(tmp_path: Path):
    """A workspace made before 0007 keeps every history row, now stored in customer order (what lets a
    profile's history lookup skip row groups), and its constraints still hold."""
    ws = Workspace.init(tmp_path / "shop")
    rewind(ws, 7)
    rows = [
        (
            "family",
            "rfm",
            group,
            f"C{n:03d}",
            dt.date(2025, 1 + n % 12, 1),
            None if n % 3 else dt.date(2026, 1, 1),
        )
        for n, group in zip(range(300, 0, -1), ["Lost", "Champions", "At Risk"] * 100, strict=True)
    ]
    ws.raw.executemany("INSERT INTO membership_history VALUES (?, ?, ?, ?, ?, ?)", rows)
    ws.close()

    ws = Workspace.open(tmp_path / "shop")
    assert migrations.current_version(ws.raw) == len(migrations.available())
    stored = ws.raw.execute("SELECT * FROM membership_history").fetchall()
    assert sorted(stored) == sorted(rows)
    in_order = ws.raw.execute("SELECT customer_id FROM membership_intervals ORDER BY rowid").fetchall()
    assert [row[0] for row in in_order] == sorted(row[3] for row in rows)
    with pytest.raises(duckdb.ConstraintException):
        ws.raw.execute("INSERT INTO membership_intervals (group_key) VALUES (1)")
    ws.close()


def test_migration_10_merges_overlapping_history_intervals(tmp_path: Path):
    """Doubled memberships (what a DuckDB 1.5.6 bug let segmint write, see the migration) become one
    interval each; intervals that only touch, and other memberships, stay exactly as they were."""
    ws = Workspace.init(tmp_path / "shop")
    rewind(ws, 10)
    day = dt.date
    kept = [
        ("segment", "s1", "member", "C001", day(2025, 1, 1), None),
        ("segment", "s1", "member", "C002", day(2025, 1, 1), day(2025, 3, 1)),
        ("segment", "s1", "member", "C002", day(2025, 3, 1), None),  # touches the one before: kept
        ("family", "rfm", "Lost", "C001", day(2025, 2, 1), day(2025, 4, 1)),  # another membership
    ]
    overlapping = [
        ("segment", "s1", "member", "C003", day(2025, 1, 1), None),
        ("segment", "s1", "member", "C003", day(2025, 1, 1), None),  # the same interval twice
        ("family", "rfm", "Lost", "C002", day(2025, 1, 1), day(2025, 5, 1)),
        ("family", "rfm", "Lost", "C002", day(2025, 2, 1), day(2025, 6, 1)),  # overlaps: one interval
        ("family", "rfm", "Lost", "C002", day(2025, 6, 1), day(2025, 7, 1)),  # touches it: stays apart
        ("family", "rfm", "Lost", "C003", day(2025, 1, 1), day(2025, 3, 1)),
        ("family", "rfm", "Lost", "C003", day(2025, 2, 1), None),  # open-ended: the union is open
    ]
    ws.raw.executemany("INSERT INTO membership_history VALUES (?, ?, ?, ?, ?, ?)", kept + overlapping)
    ws.close()

    ws = Workspace.open(tmp_path / "shop")
    assert migrations.current_version(ws.raw) == len(migrations.available())
    merged = [
        ("segment", "s1", "member", "C003", day(2025, 1, 1), None),
        ("family", "rfm", "Lost", "C002", day(2025, 1, 1), day(2025, 6, 1)),
        ("family", "rfm", "Lost", "C002", day(2025, 6, 1), day(2025, 7, 1)),
        ("family", "rfm", "Lost", "C003", day(2025, 1, 1), None),
    ]
    stored = ws.raw.execute("SELECT * FROM membership_history").fetchall()
    assert sorted(stored, key=str) == sorted(kept + merged, key=str)
    ws.close()


def test_migration_14_keys_the_history_by_group_and_reads_the_same(tmp_path: Path):
    """The history's rows keep their names through the view membership_history, its intervals are stored
    by group key in customer order, and each (kind, ref, group_name) has one key."""
    ws = Workspace.init(tmp_path / "shop")
    rewind(ws, 14)
    rows = [
        ("segment", "s1", "member", "C003", dt.date(2025, 1, 1), None),
        ("family", "rfm", "Lost", "C001", dt.date(2025, 2, 1), dt.date(2025, 4, 1)),
        ("family", "rfm", "Champions", "C002", dt.date(2025, 1, 1), None),
        ("family", "rfm", "Lost", "C002", dt.date(2024, 1, 1), dt.date(2025, 1, 1)),
    ]
    ws.raw.executemany("INSERT INTO membership_history VALUES (?, ?, ?, ?, ?, ?)", rows)
    ws.raw.execute("INSERT INTO table_order VALUES ('membership_history', 4, current_localtimestamp())")
    ws.close()

    ws = Workspace.open(tmp_path / "shop")
    assert sorted(ws.raw.execute("SELECT * FROM membership_history").fetchall(), key=str) == sorted(
        rows, key=str
    )
    keys = ws.raw.execute("SELECT kind, ref, group_name FROM membership_groups ORDER BY group_key").fetchall()
    assert keys == [("family", "rfm", "Champions"), ("family", "rfm", "Lost"), ("segment", "s1", "member")]
    in_order = ws.raw.execute("SELECT customer_id FROM membership_intervals ORDER BY rowid").fetchall()
    assert [row[0] for row in in_order] == ["C001", "C002", "C002", "C003"]
    assert ws.raw.execute("SELECT table_name FROM table_order").fetchall() == [("membership_intervals",)]
    ws.close()


def test_migration_22_lets_a_message_be_skipped_and_keeps_every_outbox_and_log_row(tmp_path: Path):
    """A message the check before sending stops is kept in the outbox as 'skipped' with a delivery_log row
    saying why (campaigns/outbox.recheck), which neither table's CHECK allowed: both are rebuilt, their rows
    kept (the outbox's in queue order, which is its rowid's) and their keys still enforced."""
    ws = Workspace.init(tmp_path / "shop")
    rewind(ws, 22)
    ws.raw.execute("DROP TABLE outbox")
    ws.raw.execute("DROP TABLE delivery_log")
    made = migrations.available()[4].sql  # the tables as 0005 made them
    for statement in re.findall(r"CREATE TABLE (?:outbox|delivery_log) \(.*?\n\);", made, re.DOTALL):
        ws.raw.execute(statement)
    at = dt.datetime(2026, 12, 1, 10, 0)
    states = ["queued", "sent", "failed", "sending", "queued"]
    rows = [
        (f"m{n}", "c1", f"C{n:03d}", "email", f"a{n}@shop.example", "A", "Hi", "<p>Hi</p>", state, n % 2,
         None, at, None, None)
        for n, state in zip(range(5, 0, -1), states, strict=True)
    ]  # fmt: skip
    ws.raw.executemany(f"INSERT INTO outbox VALUES ({', '.join('?' * 14)})", rows)
    log = [("m4", 1, at, "sent", "250 OK"), ("m3", 1, at, "failed", "550 No such mailbox")]
    ws.raw.executemany("INSERT INTO delivery_log VALUES (?, ?, ?, ?, ?)", log)
    with pytest.raises(duckdb.ConstraintException):
        ws.raw.execute("UPDATE outbox SET state = 'skipped' WHERE message_id = 'm5'")
    ws.close()

    ws = Workspace.open(tmp_path / "shop")
    assert migrations.current_version(ws.raw) == len(migrations.available())
    assert ws.raw.execute("SELECT * FROM outbox ORDER BY rowid").fetchall() == rows
    assert ws.raw.execute("SELECT * FROM delivery_log ORDER BY rowid").fetchall() == [
        (*row, None)
        for row in log  # 0023's address: none before it
    ]
    ws.raw.execute("UPDATE outbox SET state = 'skipped' WHERE message_id = 'm5'")
    ws.raw.execute("INSERT INTO delivery_log VALUES ('m5', 0, ?, 'skipped', 'no address', NULL)", [at])
    for duplicate in ("m5", "m9"):  # the message id, then (campaign, customer), are still keys
        with pytest.raises(duckdb.ConstraintException):
            ws.raw.execute(f"INSERT INTO outbox VALUES ({', '.join('?' * 14)})", (duplicate, *rows[0][1:]))
    with pytest.raises(duckdb.ConstraintException):
        ws.raw.execute("INSERT INTO delivery_log VALUES ('m5', 0, ?, 'dropped', NULL, NULL)", [at])
    ws.close()


def test_migration_23_gives_delivery_log_the_address_each_step_concerned(tmp_path: Path):
    """A queued message goes to its customer's address of the time it is sent (campaigns/outbox.recheck),
    so delivery_log names the address of each step; rows logged before have none, and are kept."""
    ws = Workspace.init(tmp_path / "shop")
    rewind(ws, 23)
    ws.raw.execute("ALTER TABLE delivery_log DROP COLUMN address")
    at = dt.datetime(2026, 12, 1, 10, 0)
    log = [("m4", 1, at, "sent", "250 OK"), ("m3", 0, at, "skipped", "no address")]
    ws.raw.executemany("INSERT INTO delivery_log VALUES (?, ?, ?, ?, ?)", log)
    ws.close()

    ws = Workspace.open(tmp_path / "shop")
    assert migrations.current_version(ws.raw) == len(migrations.available())
    assert ws.raw.execute("SELECT * FROM delivery_log ORDER BY rowid").fetchall() == [(*r, None) for r in log]
    ws.raw.execute(
        "INSERT INTO delivery_log (message_id, attempt, logged_at, outcome, detail, address)"
        " VALUES ('m2', 1, ?, 'sent', '250 OK', 'new@shop.example')",
        [at],
    )
    assert ws.raw.execute("SELECT address FROM delivery_log WHERE message_id = 'm2'").fetchall() == [
        ("new@shop.example",)
    ]
    ws.close()


def test_a_workspace_another_process_holds_is_refused_in_plain_words(tmp_path: Path):
    """hunt-cli L9: `segments list` while a backfill ran in another process printed DuckDB's own 'IO Error:
    Could not set lock on file ... Conflicting lock is held in .../python3.11 (PID 14171). See also
    https://duckdb.org/...'; the message now says the workspace is busy, with whom, and what to do."""
    Workspace.init(tmp_path / "ws").close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, segmint; w = segmint.Workspace.open(sys.argv[1]); print('open', flush=True);"
            " sys.stdin.read()",
            str(tmp_path / "ws"),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(WorkspaceError) as refused:
            Workspace.open(tmp_path / "ws")
    finally:
        holder.communicate("", timeout=60)
    message = str(refused.value)
    assert re.search(
        rf"workspace {re.escape(str(tmp_path / 'ws'))} is in use by another process \(PID {holder.pid}:",
        message,
    ), message
    assert "wait until it ends" in message and "duckdb.org" not in message and "IO Error" not in message
    # coded, so the CLI says it in the workspace's language (it said "Помилка: the workspace … is in use")
    error = refused.value
    assert (error.code, error.params) == (
        "workspace.in_use",
        {"path": str(tmp_path / "ws"), "pid": holder.pid},
    )
    assert translate(error, "uk").startswith(
        f"робочий простір {tmp_path / 'ws'} зайнятий іншим процесом (PID"
    )
    assert translate(error, "ru").startswith(
        f"рабочее пространство {tmp_path / 'ws'} занято другим процессом"
    )
    Workspace.open(tmp_path / "ws").close()  # free again once the other process is gone


@pytest.mark.parametrize(
    ("make", "code", "uk"),
    [
        (lambda p: Workspace.open(p / "none"), "workspace.missing", "не є робочим простором segmint (немає"),
        (lambda p: Workspace.init(p / "ws"), "workspace.exists", "уже є робочим простором segmint"),
        (lambda p: Workspace.init(p / "full"), "workspace.not_empty", "існує і не порожня; виберіть нову"),
        (lambda p: build_demo(p / "full"), "demo.not_empty", "для демо потрібна нова або порожня"),
        (lambda p: build_demo(p / "new", n_customers=5), "demo.too_few", "щонайменше 100 клієнтів, а не 5"),
    ],
)
def test_a_workspace_refusal_is_coded_and_worded(tmp_path: Path, make, code, uk):
    Workspace.init(tmp_path / "ws").close()
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "notes.txt").write_text("mine")
    with pytest.raises(WorkspaceError) as refused:
        make(tmp_path)
    assert refused.value.code == code
    assert uk in translate(refused.value, "uk")
    assert translate(refused.value, "en") == str(refused.value)
    for lang in ("uk", "ru"):  # every param the English quotes is in the worded text too
        assert all(str(v) in translate(refused.value, lang) for v in refused.value.params.values())


def test_the_workspace_clock_is_its_time_zone_not_the_machines(tmp_path):
    """Workspace.now is the one clock for stamps and "today" beside the stored (local) orders and events;
    campaigns, the audit, the rules' reference date and the triggers' run read it."""
    from zoneinfo import ZoneInfo

    from tests.campaigns.test_clock import _zone_far_from_this_machine

    from segmint.config import Settings

    zone = _zone_far_from_this_machine()
    with Workspace.init(tmp_path / "ws", Settings(timezone=zone)) as ws:
        before = dt.datetime.now(ZoneInfo(zone)).replace(tzinfo=None, microsecond=0)
        now, exact = ws.now(), ws.now(whole_seconds=False)
        after = dt.datetime.now(ZoneInfo(zone)).replace(tzinfo=None)
    assert before <= now <= exact <= after and now.microsecond == 0
    assert abs(now - dt.datetime.now()) > dt.timedelta(hours=9)  # not the machine's clock
