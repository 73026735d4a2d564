"""Merge suspected duplicates into one survivor per cluster — in one transaction, and reversibly.

A merge keeps every record: merged ones stay in `customers` with `merged_into` set (so every customer
metric must filter `merged_into IS NULL`), the survivor's empty fields are filled from the others (and a
consent any of them refuses is refused: a "no" must not turn into a "yes"), orders and events are
repointed to the survivor, the merged ids are linked to it in `customer_ids`, and their places in static
segment lists go to the survivor (once). Each merged record gets a row in `merges` holding exactly what
changed, which `undo_merge` reverses.

The statements here are storage statements (UPDATE/INSERT with parameters and quoted identifiers); the
decisions (survivor, donors) are made on an Ibis query of the cluster members.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass, field

import duckdb
import ibis
import pandas as pd

from segmint.errors import CodedError
from segmint.quality.auditing import is_filled
from segmint.quality.dedupe import DEFAULT_THRESHOLD, DuplicateReport, find_duplicates
from segmint.segments.store import static_lists_changed
from segmint.store.workspace import Workspace

# Fields a merge never copies between records: identity and bookkeeping.
_NOT_FILLED = {"customer_id", "source", "merged_into", "imported_at", "signup_from_orders"}
# Marketing consent: a refusal (false) on any merged record wins over the survivor's yes, or a "no" given on
# one record of the person would be mailed through another (campaigns read only the survivor).
_CONSENT = ("consent_email", "consent_sms")


@dataclass
class MergeResult:
    merge_id: str | None  # None when there was nothing to merge
    clusters: int = 0
    merged: int = 0  # records merged away
    fields_filled: int = 0
    orders_repointed: int = 0
    events_repointed: int = 0
    static_members_moved: int = 0  # rows of static segment lists now naming the survivor (or dropped)
    survivors: dict[str, list[str]] = field(default_factory=dict)  # kept_id -> merged ids


@dataclass
class UndoResult:
    merge_id: str
    restored: int  # records live again
    orders_restored: int
    events_restored: int
    fields_cleared: int
    static_members_restored: int = 0


def merge_duplicates(
    ws: Workspace, report: DuplicateReport | None = None, *, threshold: float = DEFAULT_THRESHOLD
) -> MergeResult:
    """Merge every cluster of `report` (found now at `threshold` if not given). All or nothing."""
    report = report or find_duplicates(ws, threshold=threshold)
    if report.clusters.empty:
        return MergeResult(merge_id=None)
    plan = _plan(ws, report)
    merge_id = f"merge-{ws.now():%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:6]}"
    result = MergeResult(merge_id=merge_id, clusters=plan.kept_id.nunique(), merged=len(plan))
    result.survivors = plan.groupby("kept_id").merged_id.agg(sorted).to_dict()
    now = ws.now(whole_seconds=False)
    with ws.transaction() as con:
        live = con.execute(
            "SELECT count(*) FROM customers WHERE customer_id IN (SELECT unnest(?)) AND merged_into IS NULL",
            [sorted(set(plan.kept_id) | set(plan.merged_id))],
        ).fetchone()[0]
        if live != len(plan) + result.clusters:
            raise CodedError(
                "the customer base changed while duplicates were being found; run again",
                code="merge.base_changed",
            )
        con.register("_merge_plan", plan[["kept_id", "merged_id"]])
        try:
            rows = _merge_rows(con, plan, result)
        finally:
            con.unregister("_merge_plan")
        con.executemany(
            "INSERT INTO merges (merge_id, kept_id, merged_id, match_probability, merged_at, record, filled, "
            "order_ids, event_ids, id_links, segment_members) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [[merge_id, r["kept_id"], r["merged_id"], r["p"], now, r["record"], json.dumps(r["filled"]),
              r["order_ids"], r["event_ids"], json.dumps(r["id_links"]), json.dumps(r["segment_members"])]
             for r in rows],
        )  # fmt: skip
        static_lists_changed(ws, {m["segment_id"] for r in rows for m in r["segment_members"]})
    return result


def _merge_rows(con: duckdb.DuckDBPyConnection, plan: pd.DataFrame, result: MergeResult) -> list[dict]:
    """Apply the plan inside the open transaction; returns one undo record per merged customer."""
    rows = {
        merged: {"kept_id": kept, "merged_id": merged, "p": p, "filled": {}, "order_ids": [], "event_ids": []}
        for kept, merged, p in plan[["kept_id", "merged_id", "probability"]].itertuples(index=False)
    }
    for merged, record in con.execute(
        "SELECT c.customer_id, CAST(to_json(c) AS VARCHAR) FROM customers c "
        "JOIN _merge_plan m ON c.customer_id = m.merged_id"
    ).fetchall():
        rows[merged]["record"] = record
    # Fill the survivor's empty fields, each from the donor the plan chose; remember before and after.
    for kept, merged, fields in plan[["kept_id", "merged_id", "fields"]].itertuples(index=False):
        for name in fields:
            column = _quote(name)
            before, after = con.execute(
                f"SELECT CAST(coalesce(to_json(k.{column}), 'null') AS VARCHAR), "
                f"CAST(coalesce(to_json(d.{column}), 'null') AS VARCHAR) "
                "FROM customers k, customers d WHERE k.customer_id = ? AND d.customer_id = ?",
                [kept, merged],
            ).fetchone()
            con.execute(
                f"UPDATE customers SET {column} = (SELECT {column} FROM customers WHERE customer_id = ?) "
                "WHERE customer_id = ?",
                [merged, kept],
            )
            rows[merged]["filled"][name] = {"before": before, "after": after}  # DuckDB to_json text
            result.fields_filled += 1
    for table, key, bucket in (("orders", "order_id", "order_ids"), ("events", "event_id", "event_ids")):
        moved = con.execute(
            f"SELECT t.{key}, t.customer_id FROM {table} t JOIN _merge_plan m ON t.customer_id = m.merged_id "
            f"ORDER BY t.{key}"
        ).fetchall()
        for item, merged in moved:
            rows[merged][bucket].append(item)
        con.execute(
            f"UPDATE {table} SET customer_id = m.kept_id FROM _merge_plan m "
            f"WHERE {table}.customer_id = m.merged_id"
        )
        setattr(result, f"{table}_repointed", len(moved))
    # Link ids: rows that named a merged customer now name the survivor, and each merged id is added.
    links = con.execute(
        "SELECT i.source, i.source_id, i.customer_id FROM customer_ids i "
        "JOIN _merge_plan m ON i.customer_id = m.merged_id ORDER BY ALL"
    ).fetchall()
    for row in rows.values():
        row["id_links"] = [
            {"source": s, "source_id": sid, "before": before}
            for s, sid, before in links
            if before == row["merged_id"]
        ]
    con.execute(
        "UPDATE customer_ids SET customer_id = m.kept_id FROM _merge_plan m "
        "WHERE customer_ids.customer_id = m.merged_id"
    )
    added = con.execute(
        "INSERT INTO customer_ids (source, source_id, customer_id) "
        "SELECT coalesce(c.source, 'segmint'), c.customer_id, m.kept_id FROM customers c "
        "JOIN _merge_plan m ON c.customer_id = m.merged_id "
        "WHERE NOT EXISTS (SELECT 1 FROM customer_ids i WHERE i.source = coalesce(c.source, 'segmint') "
        "AND i.source_id = c.customer_id) RETURNING source, source_id"
    ).fetchall()
    for source, source_id in added:
        rows[source_id]["id_links"].append({"source": source, "source_id": source_id, "before": None})
    result.static_members_moved = _move_static_members(con, rows)
    con.execute(
        "UPDATE customers SET merged_into = m.kept_id FROM _merge_plan m "
        "WHERE customers.customer_id = m.merged_id"
    )
    return list(rows.values())


def _move_static_members(con: duckdb.DuckDBPyConnection, rows: dict[str, dict]) -> int:
    """Give each merged record's places in static segment lists to its survivor, once per list (the
    earliest added_at is kept); remember each row for undo. Returns the rows taken from merged records."""
    found = con.execute(
        "SELECT s.segment_id, s.customer_id, s.added_at, m.kept_id, EXISTS (SELECT 1 FROM segment_members k "
        "WHERE k.segment_id = s.segment_id AND k.customer_id = m.kept_id) "
        "FROM segment_members s JOIN _merge_plan m ON s.customer_id = m.merged_id "
        "ORDER BY s.segment_id, m.kept_id, s.added_at, s.customer_id"
    ).fetchall()
    for row in rows.values():
        row["segment_members"] = []
    given: set[tuple[str, str]] = set()
    for segment_id, merged, added_at, kept, kept_member in found:
        moved = not kept_member and (segment_id, kept) not in given
        if moved:
            given.add((segment_id, kept))
            con.execute("INSERT INTO segment_members VALUES (?, ?, ?)", [segment_id, kept, added_at])
        con.execute(
            "DELETE FROM segment_members WHERE segment_id = ? AND customer_id = ?", [segment_id, merged]
        )
        rows[merged]["segment_members"].append(
            {"segment_id": segment_id, "added_at": added_at.isoformat(), "moved": moved, "kept": kept}
        )
    # the survivor's row each place now counts on: undo restores a place only while that row is there
    for row in rows.values():
        for place in row["segment_members"]:
            (kept_added,) = con.execute(
                "SELECT added_at FROM segment_members WHERE segment_id = ? AND customer_id = ?",
                [place["segment_id"], place.pop("kept")],
            ).fetchone()
            place["kept_added_at"] = kept_added.isoformat()
    return len(found)


def undo_merge(ws: Workspace, merge_id: str) -> UndoResult:
    """Reverse a merge: records live again, orders/events back, filled fields emptied, id links restored.

    Only what the merge changed is reversed; a field changed again since (e.g. by a re-import) is kept.
    Refused while a later merge holds the survivor (merge.superseded): that one is undone first.
    """
    merges = ws.table("merges")
    rows = merges.filter((merges.merge_id == merge_id) & merges.undone_at.isnull()).to_pyarrow().to_pylist()
    if not rows:
        done = int(merges.filter(merges.merge_id == merge_id).count().execute())
        # coded (web/merge_errors.py): a uk or ru workspace said them in English
        if done:
            raise CodedError(
                f"merge {merge_id} was already undone", code="merge.undone", params={"merge": merge_id}
            )
        raise CodedError(
            f"no merge {merge_id}; see `segmint dedupe --history`",
            code="merge.unknown",
            params={"merge": merge_id},
        )
    types = _column_types(ws.raw)
    result = UndoResult(merge_id, restored=0, orders_restored=0, events_restored=0, fields_cleared=0)
    with ws.transaction() as con:
        _refuse_if_merged_again(con, merge_id, rows)
        places = [
            (place, row["kept_id"], row["merged_id"])
            for row in rows
            for place in json.loads(row["segment_members"] or "[]")
        ]
        lists: set[str] = set()
        # places the survivor only shared first: taking out the one it was given would hide them
        for place, kept, merged in sorted(places, key=lambda item: item[0]["moved"]):
            if _restore_static_member(con, place, kept, merged):
                result.static_members_restored += 1
                lists.add(place["segment_id"])
        for row in rows:
            kept, merged = row["kept_id"], row["merged_id"]
            result.restored += con.execute(
                "UPDATE customers SET merged_into = NULL WHERE customer_id = ? AND merged_into = ?",
                [merged, kept],
            ).fetchone()[0]
            for table, key, bucket in (
                ("orders", "order_id", "order_ids"),
                ("events", "event_id", "event_ids"),
            ):
                if row[bucket]:
                    n = con.execute(
                        f"UPDATE {table} SET customer_id = ? "
                        f"WHERE {key} IN (SELECT unnest(?)) AND customer_id = ?",
                        [merged, row[bucket], kept],
                    ).fetchone()[0]
                    setattr(result, f"{table}_restored", getattr(result, f"{table}_restored") + n)
            for name, change in json.loads(row["filled"] or "{}").items():
                column = _quote(name)
                result.fields_cleared += con.execute(
                    f"UPDATE customers SET {column} = from_json(?, ?) WHERE customer_id = ? "
                    f"AND CAST(coalesce(to_json({column}), 'null') AS VARCHAR) = ?",
                    [change["before"], _structure(types[name]), kept, change["after"]],
                ).fetchone()[0]
            for link in json.loads(row["id_links"] or "[]"):
                if link["before"] is None:
                    con.execute(
                        "DELETE FROM customer_ids WHERE source = ? AND source_id = ? AND customer_id = ?",
                        [link["source"], link["source_id"], kept],
                    )
                else:
                    con.execute(
                        "UPDATE customer_ids SET customer_id = ? "
                        "WHERE source = ? AND source_id = ? AND customer_id = ?",
                        [link["before"], link["source"], link["source_id"], kept],
                    )
        con.execute(
            "UPDATE merges SET undone_at = ? WHERE merge_id = ? AND undone_at IS NULL",
            [ws.now(whole_seconds=False), merge_id],
        )
        static_lists_changed(ws, lists)
    return result


def _refuse_if_merged_again(con: duckdb.DuckDBPyConnection, merge_id: str, rows: list[dict]) -> None:
    """Refuse (before anything is written) to undo a merge whose survivor a later merge took into another
    record: that merge moved the orders, events, id links and list places this one would give back, so
    undoing only this one brought the records back empty. The later merge is undone first."""
    later = con.execute(
        "SELECT merge_id, list(DISTINCT merged_id ORDER BY merged_id) FROM merges "
        "WHERE merged_id IN (SELECT unnest(?)) AND undone_at IS NULL AND merge_id <> ? "
        "GROUP BY merge_id ORDER BY merge_id",
        [sorted({row["kept_id"] for row in rows}), merge_id],
    ).fetchall()
    if later:
        merges = [m for m, _ in later]
        customers = sorted({c for _, ids in later for c in ids})
        raise CodedError(
            f"merge {merge_id} cannot be undone yet: {', '.join(customers)}, the record it kept, was merged "
            f"into another since ({', '.join(merges)}); undo {', '.join(merges)} first",
            code="merge.superseded",
            params={"merge": merge_id, "later": merges, "customers": customers},
        )


def _restore_static_member(con: duckdb.DuckDBPyConnection, place: dict, kept: str, merged: str) -> bool:
    """Put a merged record back in a static list, and take out the survivor the merge put there. Only
    while the list still shows the merge (the survivor's row as the merge left it): if that row has gone
    or changed since (the survivor removed by hand, the list re-frozen or deleted), the later change is
    kept and the merged record stays out."""
    added_at = dt.datetime.fromisoformat(place["added_at"])
    kept_added_at = dt.datetime.fromisoformat(place["kept_added_at"])
    if place["moved"]:
        done = con.execute(
            "DELETE FROM segment_members WHERE segment_id = ? AND customer_id = ? AND added_at = ? "
            "RETURNING customer_id",
            [place["segment_id"], kept, kept_added_at],
        ).fetchall()
    else:
        done = con.execute(
            "SELECT customer_id FROM segment_members "
            "WHERE segment_id = ? AND customer_id = ? AND added_at = ?",
            [place["segment_id"], kept, kept_added_at],
        ).fetchall()
    if not done:
        return False
    con.execute(
        "INSERT INTO segment_members VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
        [place["segment_id"], merged, added_at],
    )
    return True


def merge_history(ws: Workspace) -> list[dict]:
    """One row per merge run: id, time, clusters, records merged, whether undone."""
    merges = ws.table("merges")
    return (
        merges.group_by("merge_id")
        .aggregate(
            merged_at=merges.merged_at.min(),
            clusters=merges.kept_id.nunique(),
            merged=merges.count(),
            undone_at=merges.undone_at.max(),
        )
        .order_by([ibis.desc("merged_at"), "merge_id"])
        .to_pyarrow()
        .to_pylist()
    )


def _plan(ws: Workspace, report: DuplicateReport) -> pd.DataFrame:
    """kept_id, merged_id, probability, fields (the survivor's fields this record fills).

    The survivor is the earliest sign-up (unknown sign-up last), then the most complete, then the smallest
    id; each empty field of the survivor is filled from the first member, in that order, that has it. A
    consent the survivor does not refuse is taken from the first member that refuses it, if any does.
    """
    customers = ws.table("customers")
    fields = [name for name in customers.columns if name not in _NOT_FILLED]
    consents = [name for name in _CONSENT if name in fields]
    members = ibis.memtable(report.clusters[["cluster_id", "customer_id"]].astype(str))
    joined = customers.join(members, customers.customer_id == members.customer_id)
    frame = joined.select(
        "cluster_id",
        "customer_id",
        "signup_date",
        **{f"has_{name}": is_filled(joined[name]) for name in fields},
        **{f"refuses_{name}": (joined[name] == ibis.literal(False)).fill_null(False) for name in consents},
    ).to_pandas()
    has = [f"has_{name}" for name in fields]
    frame["completeness"] = frame[has].sum(axis=1)
    frame["no_signup"] = frame.signup_date.isna()
    frame = frame.sort_values(["cluster_id", "no_signup", "signup_date", "completeness", "customer_id"],
                              ascending=[True, True, True, False, True])  # fmt: skip
    probability = _best_probability(report)
    plan = []
    for _, group in frame.groupby("cluster_id", sort=True):
        kept, others = group.iloc[0], group.iloc[1:]
        refused = {
            name: others[others[f"refuses_{name}"].astype(bool)].customer_id.iloc[0]
            for name in consents
            if not kept[f"refuses_{name}"] and others[f"refuses_{name}"].astype(bool).any()
        }
        missing = [name for name in fields if not kept[f"has_{name}"] and name not in refused]
        for _, member in others.iterrows():
            fills = [name for name in missing if member[f"has_{name}"]]
            missing = [name for name in missing if name not in fills]
            fills += [name for name, donor in refused.items() if donor == member.customer_id]
            plan.append(
                {
                    "kept_id": kept.customer_id,
                    "merged_id": member.customer_id,
                    "probability": probability.get(member.customer_id),
                    "fields": fills,
                }
            )
    return pd.DataFrame(plan, columns=["kept_id", "merged_id", "probability", "fields"])


def _best_probability(report: DuplicateReport) -> dict[str, float]:
    pairs = report.pairs_within_clusters  # not a link to a record held back from the cluster
    sides = pd.concat(
        [pairs[["customer_id_l", "match_probability"]].set_axis(["id", "p"], axis=1),
         pairs[["customer_id_r", "match_probability"]].set_axis(["id", "p"], axis=1)]
    )  # fmt: skip
    return {key: float(value) for key, value in sides.groupby("id").p.max().items()}


def _column_types(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    return dict(
        con.execute(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'customers'"
        ).fetchall()
    )


def _structure(data_type: str) -> str:
    """The from_json structure of a column type: VARCHAR[] -> ["VARCHAR"], DATE -> "DATE"."""
    if data_type.endswith("[]"):
        return json.dumps([data_type[:-2]])
    return json.dumps(data_type)


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'
