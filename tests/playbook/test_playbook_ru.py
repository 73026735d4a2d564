"""Russian in the playbook: defaults_ru.py has an entry for every built-in one (their texts are checked with
the Ukrainian ones in test_playbook.py), playbook files written without Russian still load, and the KPI
report, the HTML report and `segmint kpis` of a Russian workspace carry the Russian playbook."""

from __future__ import annotations

import json

import pytest
from tests.cli import ok
from tests.playbook.test_playbook import workspace_in

import segmint
from segmint import Workspace, build_demo
from segmint.kpis import kpi_report
from segmint.playbook import LANGUAGES, load_playbook
from segmint.playbook.defaults import DEFAULTS


@pytest.fixture(scope="module")
def shop_ru(tmp_path_factory):
    """A small refreshed demo shop whose workspace language is Russian."""
    path = tmp_path_factory.mktemp("playbook-ru") / "ws"
    build_demo(path, n_customers=300, seed=5)
    with workspace_in(path, "ru") as ws:
        segmint.refresh(ws)
    return path


def test_every_built_in_entry_has_a_russian_one():
    """defaults_ru.py keeps its own table: an entry added to defaults.py must be translated there."""
    from segmint.playbook.defaults_ru import RU

    assert "ru" in LANGUAGES
    missing = [f"{f}:{g}" for f, groups in DEFAULTS.items() for g in groups if g not in RU.get(f, {})]
    assert missing == [], f"add these entries to src/segmint/playbook/defaults_ru.py: {missing}"
    extra = [f"{f}:{g}" for f, groups in RU.items() for g in groups if g not in DEFAULTS.get(f, {})]
    assert extra == [], f"defaults_ru.py has entries defaults.py does not: {extra}"


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
    document = json.loads(
        ok("-w", shop_ru, "kpis", "--family", "rfm_simple", "--json", "--lang", "ru").stdout
    )
    assert document["language"] == "ru"
    inactive = next(s for s in document["segments"] if s["group"] == "Inactive")
    assert inactive["playbook"]["strategy"].startswith("Реактивационное предложение")
