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
