"""What sets a cluster apart lists only differences that are not negligible (|d| >= 0.2, Cohen's "small";
models/clusters/profile.apart), in the CLI, the web page, the API and the persona's "why"; when none is
left it says so. Before, the list was padded with features nobody differs in, at d = +0.00 ("добавления в
корзину за последний год (d = +0,00)"), which read as reasons and are none (QA finding 9)."""

from __future__ import annotations

import json
import random
import re

import pandas as pd
from fastapi.testclient import TestClient
from tests.cli import segmint
from tests.web.conftest import log_in

from segmint import Workspace
from segmint.api import create_app
from segmint.api.tokens import create_token
from segmint.models.clusters import persona
from segmint.web import personas

CUSTOMERS = 150


def _customers_with_ages(path) -> None:
    """The QA's customers file (finding 9): gender, city and birth date, no orders or events, so the
    clustering with --demographics reads age alone and nobody differs in anything else."""
    rng = random.Random(1)
    rows = [
        {
            "customer_id": f"C{i:04d}",
            "email": f"c{i}@example.com",
            "signup_date": "2024-01-01",
            "city": rng.choice(["Київ", "Львів", "Одеса", "Харків"]),
            "gender": rng.choice("fm"),
            "birth_date": f"{rng.randint(1960, 2004)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
        }
        for i in range(CUSTOMERS)
    ]
    pd.DataFrame(rows).to_csv(path, index=False)


def test_negligible_differences_are_not_listed_as_what_sets_a_cluster_apart(tmp_path):
    path, file = tmp_path / "crm", tmp_path / "clients.csv"
    assert segmint("init", path, "--language", "ru").returncode == 0
    _customers_with_ages(file)
    assert segmint("-w", path, "import", "customers", file).returncode == 0
    done = segmint("-w", path, "clusters", "fit", "--demographics", "--no-refresh", language=None, wide=True)
    assert done.returncode == 0, done.stderr
    said = done.stdout + done.stderr  # the cards are human output (stderr when stdout is a pipe)
    apart = re.findall(r"Чем выделяются: (.*)", said)
    assert len(apart) >= 2 and all(line.startswith("возраст (d = ") for line in apart), apart
    assert all(re.fullmatch(r"возраст \(d = [-+]\d,\d\d\)\s*│", line) for line in apart), apart
    assert "d = +0,00" not in said and "d = -0,00" not in said
    shown = json.loads(segmint("-w", path, "clusters", "show", "--json").stdout)
    for cluster in shown["clusters"]:
        assert [row["feature"] for row in cluster["profile"]] == ["age"], cluster["profile"]
        assert abs(cluster["profile"][0]["effect_size"]) >= 0.2  # Cohen's small effect
    with Workspace.open(path) as ws:
        token = create_token(ws, "viewer", "viewer")[1]
    with TestClient(create_app(path)) as client:
        api = client.get("/clusters", headers={"Authorization": f"Bearer {token}"}).json()
        log_in(client, token)
        client.cookies.set("segmint_lang", "ru")
        page = client.get("/ui/clusters").text
    assert all(row["feature"] == "age" for c in api["clusters"] for row in c["profile"]), api
    assert "возраст: " in page and "за последний год" not in page and "покупки:" not in page


CARD = {  # a persona card's figures, of a cluster of buyers (web/personas.five_w words them again)
    "cluster": 0,
    "size": 40,
    "share": 0.4,
    "persona": {
        "demographics": {"gender": None, "age_band": None, "city": None},
        "behaviour": {
            "buyers_share": 1.0,
            "purchases_mean": 2.0,
            "avg_order_value": 500.0,
            "top_categories": [],
            "discount_share": 0.1,
            "days_since_last_order_median": 30.0,
            "tenure_days_median": 300.0,
        },
        "preferred_channel": {"purchase_channel": None, "contact_channel": None},
    },
}
BARELY = [  # differences no one would call a reason: the largest |d| is below 0.2
    {"feature": "orders_count", "label": "purchases", "mean": 2.05, "rest_mean": 2.0, "effect_size": 0.12},
    {"feature": "age", "label": "age", "mean": 40.0, "rest_mean": 40.0, "effect_size": 0.0},
]


def test_a_cluster_nothing_sets_apart_says_so_instead_of_a_negligible_reason():
    card = CARD["persona"]
    english = persona.five_w(40, 100, card["demographics"], card["behaviour"], card["preferred_channel"],
                             None, BARELY, "UAH")  # fmt: skip
    assert english["why"] == (
        "Nothing sets them apart from the rest of the base: every difference is negligible (|d| < 0.2)."
    )
    stored = {**CARD, "profile": []}  # the profile keeps no negligible difference (profile.apart)
    assert personas.five_w(stored, "UAH", "uk")["why"] == (
        "Нічим не вирізняються від решти бази: кожна відмінність незначна (|d| < 0,2)."
    )
    assert personas.five_w(stored, "UAH", "ru")["why"] == (
        "Ничем не выделяются на фоне остальной базы: каждое различие незначительно (|d| < 0,2)."
    )
    # one difference that is small but not negligible is still a reason
    small = [{**BARELY[0], "effect_size": 0.31}, *BARELY[1:]]
    english = persona.five_w(40, 100, card["demographics"], card["behaviour"], card["preferred_channel"],
                             None, small, "UAH")  # fmt: skip
    assert english["why"] == "Set apart by purchases 2.05 vs 2.00 (d = +0.31)."
