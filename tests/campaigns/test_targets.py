"""Targets: a persona (cluster) by its name, and a customer in two targets reached once, through the first."""

from __future__ import annotations

from tests.cli import segmint

from segmint.campaigns import Campaign, Message, create_campaign
from segmint.campaigns.audience import target_members
from segmint.models.clusters.store import current
from segmint.store.workspace import Workspace


def test_a_persona_name_targets_its_cluster(demo_path):
    fitted = segmint("clusters", "fit", "-w", demo_path, "--json")
    assert fitted.returncode == 0, fitted.stderr
    with Workspace.open(demo_path) as ws:
        persona = current(ws).clusters[0]
        by_name = set(target_members(ws, f"cluster:{persona['name']}").to_pandas().customer_id)
        by_number = set(target_members(ws, f"cluster:{persona['cluster']}").to_pandas().customer_id)
        assert by_name == by_number and len(by_name) == persona["size"]
        created = create_campaign(
            ws,
            Campaign(
                name="Persona",
                channel="sms",
                messages=[Message(f"cluster:{persona['name']}", "A", "{{ name }}")],
            ),
        )
        assert set(created["by_target"]) == {f"cluster:{persona['name']}"}


def test_a_customer_in_two_targets_is_reached_once_through_the_first(demo_ws):
    first, second = "lifecycle:lapsed", "rfm:At Risk"
    both = set(target_members(demo_ws, first).to_pandas().customer_id) & set(
        target_members(demo_ws, second).to_pandas().customer_id
    )
    assert both  # the demo's At Risk customers are mostly lapsed too
    created = create_campaign(
        demo_ws,
        Campaign(
            name="Two",
            channel="email",
            holdout_share=0.0,
            messages=[Message(t, "A", "{{ name }}", "s") for t in (first, second)],
        ),
    )
    rows = demo_ws.raw.execute(
        "SELECT customer_id, segment FROM campaign_recipients WHERE campaign_id = ?", [created["campaign_id"]]
    ).fetchall()
    ids = [c for c, _ in rows]
    assert len(ids) == len(set(ids))
    reached = {c: s for c, s in rows if c in both}
    assert reached and set(reached.values()) == {first}


def test_a_family_group_typed_in_another_spelling_is_the_familys_group(demo_path, demo_ws):
    """`-t "rfm:at  risk"` targets At Risk, as a rule or a trigger takes it, and the campaign stores it as
    the family spells it: its recipients, results and the At Risk KPIs' ROI are of "rfm:At Risk". Before,
    the target was stored as typed, so the results were of "rfm:at  risk" and the KPIs of At Risk found no
    campaign for their ROI ("no campaign aimed at this segment was launched in the period")."""
    import datetime as dt

    from tests.campaigns.servers import sent_through_smtp

    from segmint.experiments.results import campaign_results
    from segmint.kpis import kpi_report

    campaign = Campaign(
        name="Lower", channel="email", messages=[Message("rfm:at  risk", "A", "<p>{{ name }}</p>", "Hi")],
        holdout_share=0.2, cost_per_message=0.1,
    )  # fmt: skip
    created, sink = sent_through_smtp(demo_path, demo_ws, campaign)
    assert set(created["by_target"]) == {"rfm:At Risk"} and created["recipients"] > 5
    assert sink.messages
    (segments,) = demo_ws.raw.execute(
        "SELECT list(DISTINCT segment) FROM campaign_recipients WHERE campaign_id = ?", [campaign.campaign_id]
    ).fetchone()
    assert segments == ["rfm:At Risk"]
    result = campaign_results(demo_ws, campaign.campaign_id)
    launched = result.campaign.launched_at.date()
    document = kpi_report(demo_ws, family="rfm", end=launched + dt.timedelta(days=1), days=30)
    at_risk = next(row for row in document["segments"] if row["name"] == "At Risk")
    assert at_risk["roi"] == result.row("rfm:At Risk", "A")["roi"] is not None
    assert at_risk["roi_note"].startswith("1 campaign(s)")


def test_a_family_groups_roi_is_not_that_of_a_segment_with_the_same_name(demo_path, demo_ws):
    """A user segment named VIP and the rfm_simple group VIP: `kpis --family rfm_simple` shows, for its
    VIP row, the campaigns that targeted rfm_simple:VIP (none here), not those of the segment VIP. Before,
    a row's name was looked up among the targets first, so the family's VIP showed the segment's ROI."""
    import datetime as dt

    from tests.campaigns.servers import sent_through_smtp

    from segmint import segments
    from segmint.experiments.results import campaign_results
    from segmint.kpis import kpi_report
    from segmint.kpis.metrics import NO_CAMPAIGN_NOTE

    segments.create(demo_ws, "VIP", "total_spent > 3000")
    campaign = Campaign(
        name="VIP thanks", channel="email", messages=[Message("VIP", "A", "<p>{{ name }}</p>", "Hi")],
        holdout_share=0.3, cost_per_message=0.1,
    )  # fmt: skip
    _, sink = sent_through_smtp(demo_path, demo_ws, campaign)
    assert sink.messages
    result = campaign_results(demo_ws, campaign.campaign_id)
    end = result.campaign.launched_at.date() + dt.timedelta(days=1)
    family = kpi_report(demo_ws, family="rfm_simple", end=end, days=30)
    vip = next(row for row in family["segments"] if row["name"] == "VIP")
    assert vip["family"] == "rfm_simple" and vip["roi"] is None and vip["roi_note"] == NO_CAMPAIGN_NOTE
    named = kpi_report(demo_ws, ["VIP"], end=end, days=30)["segments"][0]
    assert named["roi"] == result.row("VIP", "A")["roi"] is not None


def test_a_mistyped_target_suggests_the_segment_or_group_it_meant(demo_path):
    """A campaign's target and a trigger's segment that name nothing said "unknown target 'Bgi': give a
    segment name or family:group" and suggested nothing, where `segments show Bgi` and `kpis Bgi` say
    "did you mean 'Big'?"; in the workspace's language, as the rest of the error."""
    created = segmint("segments", "create", "Big", "--rule", "total_spent > 5000", "-w", demo_path)
    assert created.returncode == 0, created.stderr
    message = ["-t", "{}", "--subject", "s", "--body", "b"]
    cases = {"Bgi": "Big", "rfmm:At Risk": "rfm:At Risk"}
    for typed, meant in cases.items():
        args = [a.format(typed) if a == "{}" else a for a in message]
        done = segmint("campaigns", "create", "C", *args, "-w", demo_path, wide=True)
        assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
        assert f"Error: unknown target {typed!r}; did you mean {meant!r}?" in done.stderr
        done = segmint("campaigns", "create", "C", *args, "-w", demo_path, wide=True, language="uk")
        assert f"Помилка: невідома ціль {typed!r}; можливо, {meant!r}?" in done.stderr
        trigger = [
            "triggers",
            "create",
            "t",
            "--on",
            "enter",
            "--segment",
            typed,
            "--action",
            "tag",
            "--tag",
            "x",
        ]
        done = segmint(*trigger, "-w", demo_path, wide=True, language="ru")
        assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
        assert f"Ошибка: неизвестный сегмент {typed!r}; возможно, {meant!r}?" in done.stderr
    done = segmint(
        "campaigns", "create", "C", "-t", "zzzzzz", "--subject", "s", "--body", "b", "-w", demo_path
    )
    assert "unknown target 'zzzzzz': give a segment name or family:group" in done.stderr  # nothing near
