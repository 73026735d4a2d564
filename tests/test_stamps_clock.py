"""Every time segmint stamps (a refresh, a segment made or changed, a static member added, a merge and its
undo, a clustering, the report's "written") is the workspace's local time, as orders, events and
campaigns are (Workspace.now), whatever the machine's clock. Before, these used the machine's clock: on a
UTC server a Kyiv shop's segment page said "created 01:38" at 03:38, and a clustering compared its
fitted_at with imports stamped on another clock."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from tests.campaigns.test_clock import _zone_far_from_this_machine

import segmint
from segmint import Workspace, build_demo
from segmint.models.clusters import fit_clusters
from segmint.quality import find_duplicates, merge_duplicates, undo_merge
from segmint.report import write_report


def test_what_segmint_stamps_is_in_the_workspace_time_zone(tmp_path):
    zone = _zone_far_from_this_machine()
    path = tmp_path / "shop"
    build_demo(path, n_customers=300, seed=3)
    config = path / "segmint.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace('timezone = "Europe/Kyiv"', f'timezone = "{zone}"'), encoding="utf-8")

    def there() -> dt.datetime:
        return dt.datetime.now(ZoneInfo(zone)).replace(tzinfo=None)

    with Workspace.open(path) as ws:
        assert ws.settings.timezone == zone
        before = there() - dt.timedelta(seconds=1)
        segmint.refresh(ws)
        segmint.segments.create(ws, "Big", "total_spent > 1000")
        some = [c for (c,) in ws.raw.execute("SELECT customer_id FROM customers LIMIT 3").fetchall()]
        segmint.segments.create(ws, "Hand-picked", kind="static", members=some[:2])
        segmint.segments.add_members(ws, "Hand-picked", some[2:])
        segmint.segments.edit(ws, "Big", description="spent over 1000")
        kept = tmp_path / "segments.yaml"
        segmint.segments.export_yaml(ws, kept)
        segmint.segments.delete(ws, "Big")
        segmint.segments.load_yaml(ws, kept)  # "Big" made again from the file
        merged = merge_duplicates(ws, find_duplicates(ws))
        assert merged.merge_id is not None  # the demo shop has near-duplicate records
        undo_merge(ws, merged.merge_id)
        fit_clusters(ws, k_min=2, k_max=3, seed=0)
        report = tmp_path / "report.html"
        write_report(ws, report, lang="en")
        after = there()
        stamps = ws.raw.execute(
            """SELECT 'refresh started', max(started_at) FROM refreshes
            UNION ALL SELECT 'refresh finished', max(finished_at) FROM refreshes
            UNION ALL SELECT 'segment created', max(created_at) FROM segments
            UNION ALL SELECT 'segment updated', max(updated_at) FROM segments
            UNION ALL SELECT 'member added', max(added_at) FROM segment_members
            UNION ALL SELECT 'merged', max(merged_at) FROM merges
            UNION ALL SELECT 'merge undone', max(undone_at) FROM merges
            UNION ALL SELECT 'clustering fitted', max(fitted_at) FROM cluster_runs"""
        ).fetchall()
    for what, stamp in stamps:
        assert stamp is not None, what
        assert before <= stamp <= after, (what, stamp, before, after)
    assert abs(after - dt.datetime.now()) > dt.timedelta(hours=9)  # the zone is not the machine's
    written = [f"{moment:%Y-%m-%d %H:%M}" for moment in (after - dt.timedelta(minutes=1), after)]
    page = report.read_text(encoding="utf-8")
    assert any(stamp in page for stamp in written)
