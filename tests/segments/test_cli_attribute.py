"""attribute("...") on real data: the Kaggle "Customer Personality Analysis" file imported as customers keeps
its columns that match no field (Kidhome, Teenhome, MntWines, Response, ...) in customers.custom (its
Dt_Customer is signup_date since 2026-12-05, tests/ingest/test_birth_year.py), and segments made from them
with the real CLI have the members pandas finds in the file."""

from __future__ import annotations

import json

from tests.cli import member_ids, ok, segmint


def test_segments_on_the_custom_attributes_of_a_real_import(tmp_path, kaggle_customers):
    ws, data = kaggle_customers
    expected = {
        "Kids": (
            'attribute("Kidhome") > 0 or attribute("Teenhome") > 0',
            (data.Kidhome > 0) | (data.Teenhome > 0),
        ),
        "Wine": ('attribute("MntWines") between 500 and 5000', data.MntWines.between(500, 5000)),
        "Late": (
            'attribute("NumWebVisitsMonth") >= 7',
            data.NumWebVisitsMonth >= 7,
        ),
        "Answered": ('attribute("Response") = "1" and not attribute("Complain") > 0',
                     (data.Response == 1) & ~(data.Complain > 0)),
    }  # fmt: skip
    for name, (rule, mask) in expected.items():
        created = json.loads(ok("-w", ws, "segments", "create", name, "--rule", rule, "--json").stdout)
        assert member_ids(ws, name, tmp_path) == sorted(data.ID[mask].astype(str)), name
        assert str(int(mask.sum())) in json.dumps(created), (name, created)
    assert int(((data.Kidhome > 0) | (data.Teenhome > 0)).sum()) == 1602  # the count measured in the brief

    alone = segmint("-w", ws, "segments", "create", "Bad", "--rule", 'attribute("Kidhome")', wide=True)
    assert alone.returncode != 0
    assert 'attribute("Kidhome") alone says nothing: compare it' in alone.stderr + alone.stdout
