"""A family's group a rule names must exist: `rfm.group = "Champs"` used to be saved and match nobody,
silently. Defining or changing a rule refuses such a value with a RuleError (line, column, caret, the
family's groups and the nearest one); a stored rule whose group a new RFM map removed keeps refreshing."""

from __future__ import annotations

import json
import re

import pytest
from tests.cli import ok, segmint

import segmint as sm
from segmint import Workspace, segments
from segmint.errors import RuleError
from segmint.kpis import KpiError, kpi_report
from segmint.rules import parse_rule, select_members
from segmint.segments.model import SegmentError

RFM_GROUPS = (
    "Champions, Loyal, Potential Loyalist, New Customers, Promising, Need Attention, About to Sleep, "
    "At Risk, Can't Lose Them, Hibernating, Lost, No Purchases"
)


@pytest.mark.parametrize(
    ("rule", "family", "value", "hint", "column"),
    [
        ('rfm.group = "Champs"', "rfm", "Champs", "'Champions'", 13),
        (
            'total_spent > 1 and rfm.group in ("At Risk", "Cant lose")',
            "rfm",
            "Cant lose",
            '"Can\'t Lose Them"',
            46,
        ),
        ('lifecycle.stage = "lapsd"', "lifecycle", "lapsd", "'lapsed'", 19),
        ('temperature = "warmish"', "temperature", "warmish", "'warm'", 15),
        ('rfm_simple.group != "VPI"', "rfm_simple", "VPI", "'VIP'", 21),
        ('not (churn_risk = "hgh")', "churn_risk", "hgh", "'high'", 19),
        ('activity not in ("pasive")', "activity", "pasive", "'passive'", 18),
        # the label the CLI, report and web UI show beside the key, "Чемпіони (Champions)": the key
        ('rfm.group = "Чемпіони"', "rfm", "Чемпіони", "'Champions'", 13),
        ('rfm.group in ("ПІД ЗАГРОЗОЮ  відтоку")', "rfm", "ПІД ЗАГРОЗОЮ  відтоку", "'At Risk'", 15),
        ('lifecycle.stage = "Уходящие"', "lifecycle", "Уходящие", "'lapsing'", 19),
        ('rfm_simple.group = "втрачені"', "rfm_simple", "втрачені", "'Lost'", 20),
    ],
)
def test_a_value_that_names_no_group_is_a_rule_error(shop, rule, family, value, hint, column):
    with pytest.raises(RuleError) as raised:
        segments.create(shop, "Typo", rule)
    error = raised.value
    assert error.message.startswith(
        f"family {family!r} has no group {value!r}; did you mean {hint}? (its groups: "
    )
    assert (error.line, error.column) == (1, column)
    assert error.caret().splitlines()[-1].index("^") - 2 == column - 1  # under the value (2-space indent)
    assert segments.find(shop, "Typo") is None  # nothing stored


def test_a_group_named_by_its_label_elsewhere_is_told_its_key(shop):
    """A KPI, trigger or history query given "rfm:Чемпіони" (as `segmint demo` lists it) names the key."""
    sm.refresh(shop)
    with pytest.raises(KpiError) as raised:
        kpi_report(shop, ["rfm:Чемпіони"])
    assert raised.value.code == "kpi.unknown_group.hint"
    assert raised.value.params["hint"] == "Champions"
    with pytest.raises(KpiError) as raised:
        kpi_report(shop, ["temperature:горячие"])
    assert raised.value.params["hint"] == "hot"


def test_the_message_lists_the_groups_and_any_spelling_of_one_is_it(shop):
    with pytest.raises(RuleError) as raised:
        segments.create(shop, "Typo", 'rfm.group = "Champs"')
    assert raised.value.message.endswith(f"(its groups: {RFM_GROUPS})")
    with pytest.raises(RuleError, match=r"no group 'Nothing like it'; its groups: Champions, Loyal"):
        segments.create(shop, "Far", 'rfm.group = "Nothing like it"')
    # a group in another case, apostrophe or spacing is that group
    segments.create(
        shop, "Sleepers", 'rfm.group in ("at risk", "CAN’T  LOSE THEM") or lifecycle.stage = "Lapsed"'
    )
    assert segments.get(shop, "Sleepers").rule.startswith("rfm.group in")


def test_editing_to_a_missing_group_is_refused_and_keeps_the_rule(shop):
    segments.create(shop, "Hot", 'temperature = "hot"')
    with pytest.raises(RuleError, match=r"family 'temperature' has no group 'hott'; did you mean 'hot'\?"):
        segments.edit(shop, "Hot", rule='temperature = "hott"')
    assert segments.get(shop, "Hot").rule == 'temperature = "hot"'


def test_loading_a_file_with_a_missing_group_stores_nothing(shop, tmp_path):
    path = tmp_path / "segments.yaml"
    path.write_text(
        "segments:\n  - name: Good\n    rule: total_spent > 1\n"
        '  - name: Typo\n    rule: rfm.group = "Champs"\n',
        encoding="utf-8",
    )
    with pytest.raises(SegmentError) as raised:
        segments.load_yaml(shop, path)
    assert "line 5, column 23: segment 'Typo': family 'rfm' has no group 'Champs'" in str(raised.value)
    assert segments.all_segments(shop) == []


def _rename_at_risk(ws: Workspace) -> Workspace:
    """The workspace reopened after its RFM map renamed "At Risk" to "Slipping"."""
    path = ws.path
    ws.close()
    toml = path / "segmint.toml"
    text = toml.read_text(encoding="utf-8")
    assert '{ name = "At Risk",' in text
    toml.write_text(text.replace('{ name = "At Risk",', '{ name = "Slipping",'), encoding="utf-8")
    return Workspace.open(path)


def test_a_stored_rule_whose_group_is_gone_keeps_refreshing(shop):
    segments.create(shop, "Risky", 'rfm.group = "At Risk" or total_spent > 900')
    segments.create(shop, "Big", "total_spent > 250")
    ws = _rename_at_risk(shop)
    try:
        summary = sm.refresh(ws)  # not blocked: the segment matches by its other condition
        assert summary.segments["Risky"] == 1  # D (1000 spent)
        assert summary.segments["Big"] == 2
        # a new rule naming the removed group is refused, with the map's new group suggested
        with pytest.raises(RuleError, match=r"has no group 'At Risk'.*its groups: .*Slipping"):
            segments.create(ws, "Again", 'rfm.group = "At Risk"')
        # the unchanged rule can still be edited around (description) and exported and loaded back
        segments.edit(ws, "Risky", rule='rfm.group = "At Risk" or total_spent > 900', description="stale")
        path = ws.path.parent / "segments.yaml"
        segments.export_yaml(ws, path)
        assert set(segments.load_yaml(ws, path).values()) == {"unchanged"}
    finally:
        ws.close()


def test_cli_refuses_the_value_and_show_warns_about_a_stored_one(shop, tmp_path):
    path = shop.path
    shop.close()
    done = segmint("-w", path, "segments", "create", "Typo", "--rule", 'lifecycle.stage = "lapsd"', wide=True)
    assert done.returncode == 1
    assert "line 1, column 19: family 'lifecycle' has no group 'lapsd'; did you mean 'lapsed'?" in done.stderr
    assert '  lifecycle.stage = "lapsd"\n                    ^' in done.stderr
    ok("-w", path, "segments", "create", "Risky", "--rule", 'rfm.group = "At Risk"')
    _rename_at_risk(Workspace.open(path)).close()
    ok("-w", path, "refresh")
    shown = ok("-w", path, "segments", "show", "Risky", wide=True)
    assert "warning: family 'rfm' has no group 'At Risk'" in shown.stderr
    document = json.loads(ok("-w", path, "segments", "show", "Risky", "--json").stdout)
    shown_warnings = document["warnings"]
    assert document["warnings"] == [document["warnings"][0]]
    assert document["warnings"][0].startswith("family 'rfm' has no group 'At Risk'; ")
    listed = ok("-w", path, "segments", "list", wide=True)
    assert "warning: segment 'Risky': family 'rfm' has no group 'At Risk'" in listed.stderr
    # segments.overview(ws) is the `list --json` document (docs/segments.md), warnings too: they were the
    # CLI's and the API's own, so a Python caller never saw that the rule matches nobody by that group
    printed = json.loads(ok("-w", path, "segments", "list", "--json").stdout)
    with Workspace.open(path) as ws:
        document = json.loads(json.dumps(segments.overview(ws), default=str))
    assert document == printed
    (risky,) = document["segments"]
    assert risky["warnings"] == shown_warnings  # the rule's one warning, as `show` gives it


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("uk", ("увага: сегмент 'Risky': у родині 'rfm' немає групи 'At Risk'; її групи: Champions",
                "під нього там ніхто не підпадає")),
        ("ru", ("внимание: сегмент 'Risky': в семействе 'rfm' нет группы 'At Risk'; его группы: Champions",
                "под него там никто не подходит")),
    ],
)  # fmt: skip
def test_list_and_show_word_the_warning_in_the_workspaces_language(shop, lang, words):
    """`segments list` and `show` in a uk or ru workspace printed the warning half in English ("увага:
    сегмент 'Ризик': family 'rfm' has no group 'At Risk'; ...; під нього там ніхто не підпадає"); they word
    it as `segments create` words the same error. --json keeps the English message."""
    segments.create(shop, "Risky", 'rfm.group = "At Risk"')
    ws = _rename_at_risk(shop)
    path = ws.path
    ws.close()
    toml = path / "segmint.toml"
    toml.write_text(re.sub(r'language = "\w+"', f'language = "{lang}"', toml.read_text("utf-8")), "utf-8")
    ok("-w", path, "refresh", language=None)
    warning, tail = words
    listed = ok("-w", path, "segments", "list", wide=True, language=None).stderr
    assert warning in listed and tail in listed, listed
    shown = ok("-w", path, "segments", "show", "Risky", wide=True, language=None).stderr
    assert warning.split(": ", 2)[-1] in shown and "has no group" not in shown + listed, shown
    document = json.loads(ok("-w", path, "segments", "show", "Risky", "--json", language=None).stdout)
    assert document["warnings"][0].startswith("family 'rfm' has no group 'At Risk'; its groups: Champions")


def test_select_members_on_a_workspace_refuses_a_missing_group(shop):
    """select_members(ws, ...) selected nobody, silently; on a bare Ibis backend (no workspace, so no
    RFM map to check against) it still does."""
    sm.refresh(shop)
    rule = 'total_spent > 1\n  and rfm.group in ("At Risk", "Champs")'
    with pytest.raises(RuleError) as raised:
        select_members(shop, rule)
    error = raised.value
    assert error.message.startswith(
        "family 'rfm' has no group 'Champs'; did you mean 'Champions'? (its groups: "
    )
    assert (error.line, error.column) == (2, 32)
    assert error.caret().splitlines()[-1].index("^") - 2 == 31
    with pytest.raises(RuleError, match=r"no group 'hott'; did you mean 'hot'\?"):
        select_members(shop, parse_rule('temperature = "hott"'), as_of="2024-02-29")  # a parsed rule too
    # the bare backend is not checked: the value matches nobody there, the group it names anybody
    assert set(select_members(shop.con, rule).to_pandas().customer_id) == set(
        select_members(shop.con, 'rfm.group = "At Risk"').to_pandas().customer_id
    )
    assert select_members(shop.con, 'rfm.group = "Champs"').count().execute() == 0
    assert set(select_members(shop, 'rfm.group = "no purchases"').to_pandas().customer_id) == {"E"}
