"""A year of birth (Year_Birth, Рік народження) lands in customers.birth_year and `age` rules count from it
when there is no birth date; a date of joining named Dt_Customer lands in signup_date. The Kaggle "Customer
Personality Analysis" file through the real CLI, as Parquet and as the original tab-separated CSV with
dd-mm-yyyy dates."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
from tests.cli import member_ids, ok
from tests.ingest.conftest import write

from segmint import Workspace, import_file
from segmint.rules import CompileContext, compile_rules

FILE = "marketing_campaign/marketing_campaign.parquet"


def members(ws_dir, tmp_path, name: str, rule: str) -> list[str]:
    ok("-w", ws_dir, "segments", "create", name, "--rule", rule)
    return member_ids(ws_dir, name, tmp_path)


def ids(data: pd.DataFrame, mask) -> list[str]:
    return sorted(data.ID[mask].astype(str))


def test_age_and_signup_date_of_the_kaggle_file(tmp_path, shared_data):
    data = pd.read_parquet(shared_data / FILE)
    # the original Kaggle CSV: tab-separated, dates written dd-mm-yyyy (04-09-2012 is 4 September)
    original = data.assign(Dt_Customer=pd.to_datetime(data.Dt_Customer).dt.strftime("%d-%m-%Y"))
    csv = tmp_path / "marketing_campaign.csv"
    original.to_csv(csv, sep="\t", index=False)
    assert "04-09-2012" in csv.read_text()
    joined = pd.to_datetime(data.Dt_Customer)
    for source in (shared_data / FILE, csv):
        ws = tmp_path / source.suffix[1:]
        ok("init", ws)
        summary = json.loads(ok("-w", ws, "import", "customers", source, "--json").stdout)
        assert summary["mapping"]["Year_Birth"] == "birth_year"
        assert summary["mapping"]["Dt_Customer"] == "signup_date"
        assert summary["quarantined"] == 0
        assert summary["rejected_values"] == 2  # born 1893 and 1899: before 1900, as a birth date would be
        age = dt.date.today().year - data.Year_Birth.where(data.Year_Birth >= 1900)
        assert members(ws, tmp_path, "Young", "age between 18 and 40") == ids(data, age.between(18, 40))
        assert members(ws, tmp_path, "Old", "age >= 70") == ids(data, age >= 70)
        assert members(ws, tmp_path, "No age", "age is null") == ids(data, age.isna())
        late = members(ws, tmp_path, "Late", "signup_date > 2014-01-01")
        assert late == ids(data, joined > pd.Timestamp("2014-01-01"))
        september = members(ws, tmp_path, "Sep 2012", "signup_date between 2012-09-01 and 2012-09-30")
        assert september == ids(data, joined.between("2012-09-01", "2012-09-30"))
    assert int((age >= 70).sum()) > 0 and int(age.isna().sum()) == 2


def test_a_birth_date_wins_over_the_year_and_a_bad_year_is_refused(tmp_path):
    ws = Workspace.init(tmp_path / "ws")
    try:
        path = write(
            tmp_path / "clients.csv",
            "Код клієнта;Рік народження;Дата народження\n"
            "K1;1990;\n"
            "K2;1990;31.12.1990\n"
            "K3;57;\n"
            "K4;2090;\n"
            "K5;;\n",
        )
        summary = import_file(ws, "customers", path, refresh=False)
        assert summary.mapping["Рік народження"] == "birth_year"
        assert summary.rejected_values == 2
        refused = ws.raw.execute("SELECT reason_code, reason FROM rejected_values ORDER BY reason").fetchall()
        this_year = dt.date.today().year
        assert refused == [
            ("import.birth_year", f"birth year must be 1900..{this_year}, got 2090"),
            ("import.birth_year", f"birth year must be 1900..{this_year}, got 57"),
        ]
        ctx = CompileContext.from_workspace(ws, as_of=dt.date(2026, 6, 30))
        table = compile_rules({"a36": "age = 36", "a35": "age = 35"}, ctx).to_pandas()
        got = {column: sorted(table.customer_id[table[column]]) for column in ("a36", "a35")}
        # K1: only the year, the age reached in 2026; K2: born 31.12.1990, 35 until their birthday
        assert got == {"a36": ["K1"], "a35": ["K2"]}
    finally:
        ws.close()
