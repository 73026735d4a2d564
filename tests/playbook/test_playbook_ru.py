"""Russian in the playbook: every built-in entry has a Russian strategy and channel (in Russian letters,
not Ukrainian), a Russian workspace reads them, and playbook files written without Russian still load."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

import segmint
from segmint import Workspace, build_demo
from segmint.errors import ConfigError
from segmint.kpis import kpi_report
from segmint.playbook import LANGUAGES, language, load_playbook
from segmint.playbook.defaults import DEFAULTS

UKRAINIAN_ONLY = re.compile("[іїєґІЇЄҐ]")
RUSSIAN = re.compile("[а-яё]", re.IGNORECASE)


@pytest.fixture(scope="module")
def shop_ru(tmp_path_factory):
    """A small refreshed demo shop whose workspace language is Russian."""
    path = tmp_path_factory.mktemp("playbook-ru") / "ws"
    build_demo(path, n_customers=300, seed=5)
    with russian_workspace(path) as ws:
        segmint.refresh(ws)
    return path


def russian_workspace(path) -> Workspace:
    """Open the (closed) workspace at `path` with language = "ru" in its segmint.toml."""
    config = path / "segmint.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace('language = "uk"', 'language = "ru"'), encoding="utf-8"
    )
    return Workspace.open(path)


def test_every_built_in_entry_has_a_russian_strategy_and_channel():
    from segmint.playbook.defaults_ru import RU

    assert "ru" in LANGUAGES
    missing = [f"{f}:{g}" for f, groups in DEFAULTS.items() for g in groups if g not in RU.get(f, {})]
    assert missing == [], f"add these entries to src/segmint/playbook/defaults_ru.py: {missing}"
    extra = [f"{f}:{g}" for f, groups in RU.items() for g in groups if g not in DEFAULTS.get(f, {})]
    assert extra == [], f"defaults_ru.py has entries defaults.py does not: {extra}"
    book = load_playbook()
    for family, groups in DEFAULTS.items():
        for group in groups:
            play = book.get(family, group)
            strategy, channel = play.strategy["ru"], play.channel["ru"]
            assert len(strategy) > 20 and RUSSIAN.search(strategy), (family, group, strategy)
            assert channel and channel == channel.strip(), (family, group)
            assert strategy not in (play.strategy["uk"], play.strategy["en"]), (family, group)
            for text in (strategy, channel):
                assert not UKRAINIAN_ONLY.search(text), f"{family}:{group}: Ukrainian letter in {text!r}"
                assert "’" not in text and "'" not in text, f"{family}:{group}: apostrophe in {text!r}"


def test_russian_is_a_playbook_language(tmp_path):
    Workspace.init(tmp_path / "ws").close()
    with russian_workspace(tmp_path / "ws") as ws:
        assert language(ws) == "ru" and language(ws, "ru") == "ru" and language(ws, "uk") == "uk"
        vip = load_playbook(ws).get("rfm_simple", "VIP").as_dict(language(ws))
        with pytest.raises(ConfigError, match="en, uk, ru, not 'de'"):
            language(ws, "de")
    assert vip["strategy"].startswith("Эксклюзивные предложения")
    assert vip["channel"] == "персональный менеджер, email"


def test_a_playbook_file_without_russian_still_loads_and_russian_reads_its_english(workspace):
    """Files written before Russian existed give en and uk: they stay valid; where a change gives the
    English text and not the Russian one, Russian reads the file's English (the built-in Russian would
    translate the old advice)."""
    (workspace.path / "playbook.toml").write_text(
        "[rfm_simple.VIP]\n"
        'strategy = { en = "Invite to the private sale", uk = "Запросіть на закритий розпродаж" }\n'
        '[rfm_simple.Lost]\nchannel = { uk = "Вайбер" }\n'
        '[rfm."Big Spenders"]\n'
        'strategy = { en = "Thank them personally", uk = "Особисто подякуйте" }\n'
        'channel = { en = "phone call", uk = "дзвінок" }\n'
        '[rfm.Whales]\nstrategy = { en = "Call them" }\nchannel = "phone"\n',
        encoding="utf-8",
    )
    book = load_playbook(workspace)
    vip = book.get("rfm_simple", "VIP")
    assert vip.strategy["ru"] == "Invite to the private sale"
    assert vip.channel["ru"] == "персональный менеджер, email"  # not changed: the built-in Russian
    lost = book.get("rfm_simple", "Lost")
    assert lost.channel == {"en": "email", "uk": "Вайбер", "ru": "email"}
    assert lost.strategy["ru"].startswith("Нет покупок")
    spenders = book.get("rfm", "Big Spenders")  # a new group without ru
    assert spenders.strategy["ru"] == "Thank them personally" and spenders.channel["ru"] == "phone call"
    whales = book.get("rfm", "Whales")  # a new group with English only
    assert whales.strategy == dict.fromkeys(LANGUAGES, "Call them")


def test_a_playbook_file_may_give_russian(workspace):
    config = workspace.path / "segmint.toml"
    config.write_text(
        config.read_text(encoding="utf-8")
        + '\n[playbook.rfm_simple.VIP]\nstrategy = { ru = "Пригласите на закрытую распродажу" }\n',
        encoding="utf-8",
    )
    vip = load_playbook(workspace).get("rfm_simple", "VIP")
    assert vip.strategy["ru"] == "Пригласите на закрытую распродажу"
    assert vip.strategy["en"].startswith("Exclusive offers")  # the other languages stay


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "[rfm.Whales]\nstrategy = { uk = 'x', ru = 'y' }\nchannel = 'email'\n",
            "a new group needs strategy.en",
        ),
        ("[rfm.Champions]\nstrategy = { by = 'x' }\n", "languages are en, uk, ru"),
        ("[rfm.Champions]\nstrategy = { ru = ' ' }\n", "rfm.Champions.strategy: empty text for ru"),
        ("[rfm.Whales]\nstrategy = ''\nchannel = 'email'\n", "rfm.Whales.strategy: empty text"),
    ],
)
def test_bad_russian_era_files_say_what_and_where(workspace, text, message):
    (workspace.path / "playbook.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as caught:
        load_playbook(workspace)
    assert "playbook.toml" in str(caught.value)


def test_cli_prints_the_russian_playbook_for_a_russian_workspace(tmp_path):
    Workspace.init(tmp_path / "ws").close()
    russian_workspace(tmp_path / "ws").close()
    run = subprocess.run(
        [sys.executable, "-m", "segmint", "-w", str(tmp_path / "ws"), "playbook", "--json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    document = json.loads(run.stdout)
    assert document["language"] == "ru"
    plays = {(p["family"], p["group"]): p for p in document["plays"]}
    assert plays["churn_risk", "high"]["strategy"].startswith("Удержание ценных клиентов")
    assert plays["temperature", "hot"]["channel"] == "email, push в приложении, SMS"
    assert not any(UKRAINIAN_ONLY.search(p["strategy"] + p["channel"]) for p in document["plays"])


def test_kpi_report_in_russian(shop_ru):
    with Workspace.open(shop_ru) as ws:
        document = kpi_report(ws, family="rfm_simple")
        asked = kpi_report(ws, ["rfm_simple:VIP"], lang="ru")
    assert document["language"] == "ru"
    vip = next(s for s in document["segments"] if s["group"] == "VIP")
    assert vip["playbook"]["strategy"].startswith("Эксклюзивные предложения")
    assert asked["segments"][0]["playbook"] == vip["playbook"]


def test_the_html_report_of_a_russian_workspace_has_the_russian_playbook(shop_ru, tmp_path):
    from html import escape

    from segmint.report import write_report

    with Workspace.open(shop_ru) as ws:
        write_report(ws, tmp_path / "ru.html")
        write_report(ws, tmp_path / "uk.html", lang="uk")
    russian = (tmp_path / "ru.html").read_text(encoding="utf-8")
    champions = load_playbook().get("rfm", "Champions")
    assert escape(champions.strategy["ru"]) in russian and escape(champions.strategy["en"]) not in russian
    assert escape(champions.strategy["uk"]) in (tmp_path / "uk.html").read_text(encoding="utf-8")


def test_cli_kpis_takes_lang_ru(shop_ru):
    command = ["kpis", "--family", "rfm_simple", "--json", "--lang", "ru"]
    run = subprocess.run(
        [sys.executable, "-m", "segmint", "-w", str(shop_ru), *command],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    document = json.loads(run.stdout)
    assert document["language"] == "ru"
    inactive = next(s for s in document["segments"] if s["group"] == "Inactive")
    assert inactive["playbook"]["strategy"].startswith("Реактивационное предложение")
