"""`segmint kpis` as a user runs it: --json prints exactly one JSON document on stdout (the same figures
the library computes), the human output goes to stderr, and errors say what to do."""

from __future__ import annotations

import json
import shutil

from tests.cli import segmint

from segmint.cli import wording
from segmint.families import labels
from segmint.kpis import kpi_report
from segmint.localize import number

from .conftest import DISCOUNTERS


def test_json_is_one_document_with_the_library_figures(demo, demo_path, tmp_path):
    copy = tmp_path / "ws"
    shutil.copytree(demo_path, copy)
    run = segmint(
        "-w", str(copy), "kpis", DISCOUNTERS, "--family", "rfm_simple", "--compare", "VIP", DISCOUNTERS,
        "--cohorts", "--insights", "--lang", "en", "--json",
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    document = json.loads(run.stdout)  # fails on anything else on stdout
    expected = kpi_report(
        demo, [DISCOUNTERS], "rfm_simple", compare_pair=("VIP", DISCOUNTERS), cohorts=True,
        with_insights=True, lang="en",
    )  # fmt: skip
    assert json.loads(json.dumps(expected, default=str)) == document
    vip = next(s for s in document["segments"] if s["name"] == "VIP")
    assert "rather than discounts" in vip["playbook"]["strategy"]
    assert {"compare", "cohorts", "insights"} <= set(document)

    human = segmint("-w", str(copy), "kpis", "--family", "lifecycle", "--insights")
    assert human.returncode == 0 and human.stdout == ""
    assert "lapsing" in human.stderr and "Insights" in human.stderr and "ROI" in human.stderr

    missing = segmint("-w", str(copy), "kpis", "Nobody")
    assert missing.returncode == 1 and "Nobody" in missing.stderr and missing.stdout == ""


def test_a_group_in_another_case_is_one_group_for_kpis_campaigns_and_triggers(demo_path, tmp_path):
    """`rfm:At risk` is At Risk for all three, as a rule takes `rfm.group = "at risk"` (the one matcher,
    history.spelled_target): KPIs refused it ("did you mean 'At Risk'?") while `campaigns create` and
    `triggers create` took it, the trigger listed as typed. A group the family lacks is refused by all
    three."""
    copy = tmp_path / "ws"
    shutil.copytree(demo_path, copy)
    ws = ("-w", str(copy))
    kpis = segmint(*ws, "kpis", "rfm:At risk", "--json")
    assert kpis.returncode == 0, kpis.stderr
    (row,) = json.loads(kpis.stdout)["segments"]
    exact = json.loads(segmint(*ws, "kpis", "rfm:At Risk", "--json").stdout)["segments"][0]
    assert (row["name"], row["group"], row["size"]) == ("rfm:At Risk", "At Risk", exact["size"])

    trigger_args = ("--on", "enter", "--action", "tag", "--tag", "x")
    made = segmint(*ws, "triggers", "create", "t", "--segment", "rfm:At risk", *trigger_args)
    assert made.returncode == 0, made.stderr
    (trigger,) = json.loads(segmint(*ws, "triggers", "list", "--json").stdout)["triggers"]
    assert (trigger["target"], trigger["group_name"]) == ("rfm:At Risk", "At Risk")

    sent = segmint(*ws, "campaigns", "create", "C", "-t", "rfm:At risk", "--subject", "s", "--body", "b")
    assert sent.returncode == 0, sent.stderr
    assert "rfm:At Risk:" in sent.stdout + sent.stderr

    for refused in (
        ("kpis", "rfm:At Rsk"),
        ("triggers", "create", "u", "--segment", "rfm:At Rsk", *trigger_args),
        ("campaigns", "create", "D", "-t", "rfm:At Rsk", "--subject", "s", "--body", "b"),
    ):
        run = segmint(*ws, *refused)
        assert run.returncode == 1 and "'At Risk'" in run.stderr, (refused, run.stderr)


def test_a_family_in_capitals_is_the_family_for_kpis_campaigns_and_triggers(demo_path, tmp_path):
    """`RFM:champions` is rfm:Champions, as `rfm:champions` is (history.spelled_target spells the family as
    it does the group): KPIs (--compare too), `triggers create` and `campaigns create` refused it as an
    unknown segment."""
    copy = tmp_path / "ws"
    shutil.copytree(demo_path, copy)
    ws = ("-w", str(copy))
    kpis = segmint(*ws, "kpis", "--compare", "RFM:champions", "Rfm:Loyal", "--json")
    assert kpis.returncode == 0, kpis.stderr
    document = json.loads(kpis.stdout)
    assert document["compare"]["segments"] == ["rfm:Champions", "rfm:Loyal"]
    assert [(row["family"], row["group"]) for row in document["segments"]] == [
        ("rfm", "Champions"),
        ("rfm", "Loyal"),
    ]
    trigger_args = ("--on", "enter", "--action", "tag", "--tag", "x")
    made = segmint(*ws, "triggers", "create", "t", "--segment", "RFM:at risk", *trigger_args)
    assert made.returncode == 0, made.stderr
    (trigger,) = json.loads(segmint(*ws, "triggers", "list", "--json").stdout)["triggers"]
    assert (trigger["target"], trigger["group_name"]) == ("rfm:At Risk", "At Risk")
    sent = segmint(*ws, "campaigns", "create", "C", "-t", "RFM:At Risk", "--subject", "s", "--body", "b")
    assert sent.returncode == 0, sent.stderr
    assert "rfm:At Risk:" in sent.stdout + sent.stderr


def test_a_family_named_in_capitals_is_the_family_and_an_unknown_one_is_refused(demo_path, tmp_path):
    """`kpis --family RFM` is rfm, as the family of "RFM:champions" is (history.queries.spelled_family):
    it was refused as an unknown segment ("did you mean 'rfm'?"). A name that is no family is refused as
    one, naming the families; a segment is refused as not a family."""
    copy = tmp_path / "ws"
    shutil.copytree(demo_path, copy)
    ws = ("-w", str(copy))
    exact = json.loads(segmint(*ws, "kpis", "--family", "rfm", "--json").stdout)
    for typed in ("RFM", " Rfm "):
        run = segmint(*ws, "kpis", "--family", typed, "--json")
        assert run.returncode == 0, run.stderr
        assert json.loads(run.stdout) == exact
    compared = segmint(*ws, "kpis", "--family", "RFM", "--compare", "champions", "Loyal", "--json")
    assert compared.returncode == 0, compared.stderr
    assert json.loads(compared.stdout)["compare"]["segments"] == ["Champions", "Loyal"]
    missing = segmint(*ws, "kpis", "--family", "rfmm", wide=True)
    assert missing.returncode == 1 and missing.stdout == ""
    assert "Error: no family named 'rfmm' (did you mean 'rfm'?); families: rfm, " in missing.stderr
    segment = segmint(*ws, "kpis", "--family", DISCOUNTERS, wide=True)
    assert segment.returncode == 1 and f"{DISCOUNTERS!r} is a segment, not a family" in segment.stderr


def test_a_period_between_two_refreshes_names_the_day_of_the_groups(demo, demo_path, tmp_path):
    """The table of --as-of a day no refresh computed said nothing of the groups being those of an earlier
    refresh (and the base was of another day than they were)."""
    import datetime as dt

    copy = tmp_path / "ws"
    shutil.copytree(demo_path, copy)
    today = dt.date.fromisoformat(kpi_report(demo, family="rfm")["as_of"])
    refreshed, end = today - dt.timedelta(days=180), today - dt.timedelta(days=150)
    run = segmint("-w", str(copy), "kpis", "--as-of", end.isoformat(), language="en", wide=True)
    assert run.returncode == 0, run.stderr
    assert f"Groups and the base as the refresh of {refreshed} computed them" in run.stderr
    assert "refresh of" not in segmint("-w", str(copy), "kpis", language="en", wide=True).stderr


def test_compare_writes_each_kpi_as_the_kpi_table_does(demo, demo_path, tmp_path):
    """--compare wrote every cell with three significant digits: revenue 2e+05 against 1.98e+05 (the
    table above: 199,868 and 197,636), shares as fractions (0.11 for 11.0%), and left out the ratio."""
    copy = tmp_path / "ws"
    shutil.copytree(demo_path, copy)
    document = kpi_report(demo, family="rfm", compare_pair=("Champions", "Loyal"))
    kpis = {row["kpi"]: row for row in document["compare"]["kpis"]}
    for language, money, share in (("en", "{:,.0f}", "{:.1%}"), ("uk", None, None)):
        run = segmint("-w", str(copy), "kpis", "--family", "rfm", "--compare", "Champions", "Loyal",
                      language=language, wide=True)  # fmt: skip
        assert run.returncode == 0, run.stderr
        title = "Champions vs Loyal" if language == "en" else "Чемпіони (Champions) проти Лояльні (Loyal)"
        table = run.stderr[run.stderr.index(title) :]
        assert "e+0" not in table
        rows = {line.split("│")[1].strip(): [c.strip() for c in line.split("│")[2:-1]]
                for line in table.splitlines() if line.count("│") == 6}  # fmt: skip
        revenue, shares = kpis["revenue"], kpis["share"]
        if language == "en":
            assert rows["revenue"][:3] == [
                money.format(revenue["Champions"]), money.format(revenue["Loyal"]),
                f"{revenue['difference']:+,.0f}",
            ]  # fmt: skip
            assert rows["share"][:2] == [share.format(shares["Champions"]), share.format(shares["Loyal"])]
            assert rows["revenue"][3] == f"{revenue['ratio']:.2f}"
        else:  # as the language writes numbers: 199 868, 11,0%
            grouped = f"{revenue['Champions']:,.0f}".replace(",", "\u00a0")
            assert rows["Виручка"][0].replace(" ", "\u00a0") == grouped
            assert rows["Частка бази"][0] == f"{shares['Champions']:.1%}".replace(".", ",")


def test_compare_writes_the_difference_of_two_shares_in_percentage_points(demo, demo_path, tmp_path):
    """11.0% − 14.7% was written −3.7%, which reads as Champions' share being 3.7% smaller than Loyal's
    (a relative change); it is 3.7 percentage points: −3.7 pp, п.п. in uk and ru. The JSON keeps the
    difference of the fractions (−0.037)."""
    copy = tmp_path / "ws"
    shutil.copytree(demo_path, copy)
    document = kpi_report(demo, family="rfm", compare_pair=("Champions", "Loyal"))
    kpis = {row["kpi"]: row for row in document["compare"]["kpis"]}
    share, revenue_share = kpis["share"], kpis["revenue_share"]
    assert share["difference"] == share["Champions"] - share["Loyal"]
    for language, unit in (("en", "pp"), ("uk", "п.п."), ("ru", "п.п.")):
        names = ("share", "revenue_share")
        if language != "en":
            names = tuple(wording.text(f"kpi_{name}", language) for name in names)
        run = segmint("-w", str(copy), "kpis", "--family", "rfm", "--compare", "Champions", "Loyal",
                      language=language, wide=True)  # fmt: skip
        assert run.returncode == 0, run.stderr
        a, b = (labels.shown("rfm", group, language) for group in ("Champions", "Loyal"))
        title = wording.text("versus", language).format(a=a, b=b)
        table = run.stderr[run.stderr.index(title) :]
        rows = {line.split("│")[1].strip(): [c.strip() for c in line.split("│")[2:-1]]
                for line in table.splitlines() if line.count("│") == 6}  # fmt: skip
        for name, kpi in zip(names, (share, revenue_share), strict=True):
            points = f"{kpi['difference'] * 100:+.1f}"
            if language != "en":
                points = points.replace(".", ",").replace("-", "\u2212")
            difference = rows[name][2].replace("\u00a0", " ")
            assert "%" not in difference and difference.endswith(f" {unit}"), (language, rows[name])
            assert difference.removesuffix(f" {unit}").replace("-", "\u2212") == points.replace(
                "-", "\u2212"
            ), (language, rows[name])
        assert rows[names[0]][0].endswith("%")  # the shares themselves stay percentages


def test_compare_titles_a_family_group_by_its_label_and_its_canonical_key(demo_path, tmp_path):
    """--compare's columns were titled by the names as typed, English keys in a uk or ru table whose other
    tables name the groups Чемпіони (Champions); a group of the --family listed typed in another case was
    refused as no segment ('champions'). Now both are titled as the KPI table names them, by the
    canonical key, and --json keeps the keys."""
    copy = tmp_path / "ws"
    shutil.copytree(demo_path, copy)
    cases = (
        (("--family", "rfm", "--compare", "champions", "at risk"), ("Champions", "At Risk")),
        (("--compare", "rfm:champions", "rfm:Loyal"), ("rfm:Champions", "rfm:Loyal")),
    )
    for args, keys in cases:
        document = json.loads(segmint("-w", copy, "kpis", *args, "--json").stdout)
        assert document["compare"]["segments"] == list(keys)
        for language in ("en", "uk", "ru"):
            run = segmint("-w", copy, "kpis", *args, language=language, wide=True)
            assert run.returncode == 0, run.stderr
            a, b = (labels.shown("rfm", name.removeprefix("rfm:"), language, name) for name in keys)
            title = wording.text("versus", language).format(a=a, b=b)
            table = run.stderr[run.stderr.index(title) :]
            header = next(line for line in table.splitlines() if "KPI" in line)
            assert [cell.strip() for cell in header.split("┃")[2:4]] == [a, b], header
            if language != "en":
                assert a.startswith(labels.label("rfm", "Champions", language) + " ("), a


def test_an_option_taken_as_a_compare_name_is_a_usage_error_in_the_workspaces_language(tmp_path):
    """`kpis --compare big,St --days 90` (the two names written with a comma) compared 'big,St' with a
    segment named '--days', and 90 was a third segment: an option is never one of --compare's names. The
    refusal says how to write them (status 2, as Click's own usage errors), in uk and ru as well."""
    from segmint import Workspace

    Workspace.init(tmp_path / "ws").close()  # a Ukrainian workspace
    said = {
        "en": "--compare needs 2 values apart, not one with commas, and --days is an option, not a value: "
        "write --compare big St",
        None: "Помилка: параметру --compare потрібно значень: 2, через пробіл, а не одне з комами, "
        "а --days — параметр, не значення: пишіть --compare big St",
        "ru": "Ошибка: параметру --compare нужно значений: 2, через пробел, а не одно с запятыми, а --days — "
        "параметр, не значение: пишите --compare big St",
    }
    for language, words in said.items():
        done = segmint("-w", tmp_path / "ws", "kpis", "--compare", "big,St", "--days", "90",
                       language=language, wide=True)  # fmt: skip
        assert (done.returncode, done.stdout) == (2, ""), done.stderr
        assert words in done.stderr, done.stderr
    done = segmint("-w", tmp_path / "ws", "kpis", "--compare", "Big", "-w", tmp_path / "ws", wide=True)
    assert done.returncode == 2 and "-w is an option, not a value: write --compare A B" in done.stderr


def test_no_ratio_of_nps_scores_of_either_sign():
    """`kpis --compare A B` gave NPS +8 against -33 a ratio of -0.24: a ratio of signed scores says
    nothing. Its ratio is null now, with `no_ratio` saying why ('signed'; 'zero', 'missing' for the
    others), and the table gives the difference in points."""
    from segmint.kpis.report import compare

    rows = {"A": {"nps": 8.0, "size": 10}, "B": {"nps": -33.0, "size": 5}}
    kpis = {row["kpi"]: row for row in compare(rows, "A", "B")["kpis"]}
    nps = kpis["nps"]
    assert (nps["difference"], nps["ratio"], nps["no_ratio"]) == (41.0, None, "signed")
    assert (kpis["size"]["ratio"], kpis["size"]["no_ratio"]) == (2.0, None)
    assert kpis["aov"]["no_ratio"] == "missing"
    both = {row["kpi"]: row for row in compare({"A": {"nps": 40.0}, "B": {"nps": 20.0}}, "A", "B")["kpis"]}
    assert both["nps"]["ratio"] == 2.0


def test_an_80_column_terminal_gets_every_figure_whole_on_a_line(demo_path, tmp_path):
    """In 80 columns the KPI tables did not fit: Rich cut the names and broke a Ukrainian figure at its
    group spaces ("13 017" over "536"). Each group is then a line of its own with its figures named below
    it (cli/common.py print_narrow), every figure whole on one line."""
    copy = tmp_path / "ws"
    shutil.copytree(demo_path, copy)
    document = json.loads(segmint("-w", copy, "kpis", "--family", "rfm", "--json").stdout)
    shown = segmint("-w", copy, "kpis", "--family", "rfm", columns=80, language="uk")
    assert shown.returncode == 0, shown.stderr
    lines = shown.stderr.splitlines()
    assert max(map(len, lines)) <= 80
    for row in document["segments"]:
        name = labels.shown("rfm", row["name"], "uk")
        assert f"  {name}" in lines, name  # whole, on a line of its own
        below = lines[lines.index(f"  {name}") + 1 :][:2]
        aov = "–" if row["aov"] is None else _uk(row["aov"])
        for figure in (f"виручка {_uk(row['revenue'])}", f"середній чек {aov}", f"розмір {_uk(row['size'])}"):
            assert any(figure in line for line in below), (figure, below)


def _uk(value: float) -> str:
    return number(value, 0, "uk", group=",")


def test_the_cohort_grid_keeps_the_months_that_fit_an_80_column_terminal(demo_path, tmp_path):
    """Twelve months of cohorts did not fit 80 columns: Rich cut every cohort to "20…" and broke a Russian
    "14 %" over two lines. The grid now shows the months that fit, whole, and says where the rest are."""
    copy = tmp_path / "ws"
    shutil.copytree(demo_path, copy)
    cohorts = json.loads(segmint("-w", copy, "kpis", "--cohorts", "--json").stdout)["cohorts"]
    shown = segmint("-w", copy, "kpis", "--cohorts", columns=80, language="ru")
    lines = shown.stderr.splitlines()
    assert shown.returncode == 0 and max(map(len, lines)) <= 80
    header = next(line for line in lines if "Когорта" in line)
    months = header.count("М")
    assert 2 <= months < 12 and "М0" in header and f"М{months - 1}" in header
    for cohort in cohorts:
        row = next(line for line in lines if line.startswith(f"│ {cohort['cohort']} │"))
        assert row.count("%") == min(months, len(cohort["retention"])), row
    assert "(более широкий терминал покажет месяцы до М11; --json выдаёт все)" in shown.stderr
