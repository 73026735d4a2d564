"""The playbook: every group of every family has a strategy and a channel in English and Ukrainian (Russian:
test_playbook_ru.py); a workspace changes entries with playbook.toml and [playbook] in segmint.toml; the CLI
prints it."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from segmint import Workspace
from segmint.errors import ConfigError
from segmint.families import families as built_in_families
from segmint.models.clv.features import prediction_families
from segmint.playbook import LANGUAGES, language, load_playbook

CYRILLIC = set("абвгґдеєжзиіїйклмнопрстуфхцчшщьюя")


def test_every_group_of_every_family_has_a_strategy_in_both_languages(workspace):
    book = load_playbook(workspace)
    families = {**built_in_families(workspace.settings.families), **prediction_families()}
    assert {"rfm", "rfm_simple", "lifecycle", "activity", "temperature", "churn_risk"} <= set(families)
    for name, family in families.items():
        groups = family.groups or ("Shoes",)  # preferences: groups are the data's categories
        for group in groups:
            play = book.get(name, group)
            assert play is not None, f"{name}:{group} has no playbook entry"
            for lang in LANGUAGES:
                assert len(play.strategy[lang]) > 20 and play.channel[lang], (name, group, lang)
            assert play.strategy["en"] != play.strategy["uk"]
            assert CYRILLIC & set(play.strategy["uk"].lower()), f"{name}:{group} uk is not Ukrainian"
            assert not CYRILLIC & set(play.strategy["en"].lower())


def test_the_issue_examples():
    book = load_playbook()
    assert book.get("cluster", "3").channel["en"] == "the persona's preferred channel"  # any cluster
    assert "rather than discounts" in book.get("rfm_simple", "VIP").strategy["en"]
    assert "second purchase" in book.get("rfm_simple", "New").strategy["en"]
    inactive = book.get("rfm_simple", "Inactive").strategy["en"]
    assert "reactivation" in inactive.lower() and "survey" in inactive
    assert "archive" in book.get("rfm_simple", "Lost").strategy["en"]


def test_workspace_changes_apply_in_order(workspace):
    (workspace.path / "playbook.toml").write_text(
        "[rfm_simple.VIP]\n"
        'strategy = { en = "Private sale invitation", uk = "Запрошення на закритий розпродаж" }\n'
        '[rfm.Champions]\nchannel = "Telegram"\n'
        '[rfm."Big Spenders"]\nstrategy = "Thank them"\nchannel = "email"\n',
        encoding="utf-8",
    )
    config = workspace.path / "segmint.toml"
    config.write_text(
        config.read_text(encoding="utf-8") + '\n[playbook.rfm_simple.VIP]\nchannel = { uk = "Вайбер" }\n',
        encoding="utf-8",
    )
    book = load_playbook(workspace)
    vip = book.get("rfm_simple", "VIP")
    assert vip.strategy == {
        "en": "Private sale invitation",
        "uk": "Запрошення на закритий розпродаж",
        "ru": "Private sale invitation",  # the file gives no Russian: its English
    }
    assert vip.channel["uk"] == "Вайбер" and vip.channel["en"] == "personal manager, email"
    assert vip.source.endswith("[playbook]")
    champions = book.get("rfm", "Champions")
    assert (
        champions.channel == dict.fromkeys(LANGUAGES, "Telegram") and "exclusive" in champions.strategy["en"]
    )
    assert book.get("rfm", "Big Spenders").strategy["uk"] == "Thank them"  # a custom map's group
    assert book.get("rfm", "Lost").source == "built-in"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[rfm_x.VIP]\nchannel = 'email'\n", "unknown family 'rfm_x'"),
        ("[rfm.VIP]\ntactic = 'x'\n", "rfm.VIP: unknown key tactic"),
        ("[rfm.Champions]\nstrategy = { de = 'x' }\n", "languages are en, uk, ru"),
        ("[rfm.Whales]\nstrategy = { uk = 'x' }\nchannel = 'email'\n", "a new group needs strategy.en"),
        ("[rfm.VIP\n", "not valid TOML"),
    ],
)
def test_bad_playbook_files_say_what_and_where(workspace, text, message):
    (workspace.path / "playbook.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as caught:
        load_playbook(workspace)
    assert "playbook.toml" in str(caught.value)


def test_language_follows_the_workspace(workspace):
    assert language(workspace) == "uk"  # the default workspace language
    assert language(workspace, "en") == "en"
    with pytest.raises(ConfigError, match="not 'de'"):
        language(workspace, "de")


def test_cli_prints_the_playbook_as_one_json_document(tmp_path):
    Workspace.init(tmp_path / "ws").close()  # the CLI opens it itself
    run = subprocess.run(
        [sys.executable, "-m", "segmint", "-w", str(tmp_path / "ws"), "playbook", "--lang", "uk", "--json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    document = json.loads(run.stdout)
    assert document["language"] == "uk"
    vip = next(p for p in document["plays"] if (p["family"], p["group"]) == ("rfm_simple", "VIP"))
    assert vip["strategy"].startswith("Ексклюзивні пропозиції")
    human = subprocess.run(
        [
            sys.executable,
            "-m",
            "segmint",
            "-w",
            str(tmp_path / "ws"),
            "playbook",
            "--lang",
            "en",
            "--family",
            "lifecycle",
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    assert human.stdout == "" and "lapsing" in human.stderr and "rfm_simple" not in human.stderr
