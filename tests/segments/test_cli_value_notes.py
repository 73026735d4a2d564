"""`segments create` and `edit` name a rule's text value that no row has, as the web builder does under the
rule (web/builder/value_check.py), in the workspace's language: `bought(category = "Fashion")` where the
order lines say "fashion" was created with 0 members and not a word. The rule is still saved (a value may
come with the next import) and --json stays the document the API gives."""

from __future__ import annotations

import functools
import json
import shutil

import pytest
from tests import cli

ok = functools.partial(cli.ok, language=None, wide=True)  # the workspace's own language


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    root = tmp_path_factory.mktemp("notes")
    cli.ok("demo", root / "uk", "--customers", "300")
    shutil.copytree(root / "uk", root / "ru")
    settings = root / "ru" / "segmint.toml"
    settings.write_text(settings.read_text(encoding="utf-8").replace('language = "uk"', 'language = "ru"'))
    return root


def test_create_names_a_category_in_another_case_and_the_one_the_data_has(demo):
    done = ok(
        "-w", demo / "uk", "segments", "create", "Fashion", "--rule", 'bought(category = "Fashion") >= 1'
    )
    assert done.stderr.splitlines() == [
        "Створено динамічний сегмент Fashion: 0 учасників",
        "  увага: У даних немає bought(category = …) «Fashion»: ця умова не відбирає нікого. "
        "Можливо, «fashion»?",
    ]
    shown = json.loads(ok("-w", demo / "uk", "segments", "show", "Fashion", "--json").stdout)
    assert shown["rule"] == 'bought(category = "Fashion") >= 1'  # saved as typed


def test_edit_names_each_value_in_russian(demo):
    ok("-w", demo / "ru", "segments", "create", "Kyiv", "--rule", 'city = "Київ"')
    rule = 'city in ("Киев", "Львів") or spent_on(category = "взуття") > 0'
    said = ok("-w", demo / "ru", "segments", "edit", "Kyiv", "--rule", rule).stderr.splitlines()
    assert said[0].startswith("Изменён сегмент Kyiv: ")
    assert said[1:] == [
        "  внимание: В данных нет city «Киев»: это условие не отберёт никого. Возможно, «Київ»?",
        "  внимание: В данных нет spent_on(category = …) «взуття»: это условие не отберёт никого.",
    ]


def test_values_the_data_has_and_json_get_no_note(demo):
    rule = 'bought(category = " fashion ") >= 1 and city = "київ" and rfm.group = "at risk"'
    done = ok("-w", demo / "uk", "segments", "create", "Held", "--rule", rule)
    assert len(done.stderr.splitlines()) == 1 and "увага" not in done.stderr
    done = ok(
        "-w", demo / "uk", "segments", "create", "Json", "--rule", 'bought(category = "X") > 0', "--json"
    )
    assert json.loads(done.stdout)["name"] == "Json" and "увага" not in done.stderr + done.stdout
