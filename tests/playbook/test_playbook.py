"""The playbook: every group of every family has a strategy and a channel in English, Ukrainian and Russian
(the tests of the Ukrainian and Russian texts run once per language, on one table of each language's texts;
what only Russian needs is in test_playbook_ru.py); a workspace changes entries with playbook.toml and
[playbook] in segmint.toml; the CLI prints it."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from tests.cli import ok

from segmint import Workspace
from segmint.errors import ConfigError
from segmint.families import families as built_in_families
from segmint.models.clv.features import prediction_families
from segmint.playbook import DEFAULTS, LANGUAGES, language, load_playbook

CYRILLIC = set("абвгґдеєжзиіїйклмнопрстуфхцчшщьюяёъыэ")


@dataclass(frozen=True)
class Texts:
    """A playbook language besides English: its letters and a few built-in texts the tests expect."""

    alphabet: str  # its lower-case letters: a strategy in it holds some
    only: str  # letters the other language has not: that language's texts must not hold them
    apostrophes: bool  # may its texts hold ' or ’ (Russian has none: one there is a Ukrainian leak)
    vip: tuple[str, str]  # rfm_simple:VIP: how the strategy starts, the channel
    churn_high: str  # how churn_risk:high's strategy starts
    hot_channel: str  # temperature:hot's channel


TEXTS = {
    "uk": Texts(
        alphabet="абвгґдеєжзиіїйклмнопрстуфхцчшщьюя",
        only="іїєґ",
        apostrophes=True,
        vip=("Ексклюзивні пропозиції", "персональний менеджер, email"),
        churn_high="Утримання для цінних",
        hot_channel="email, push у застосунку, SMS",
    ),
    "ru": Texts(
        alphabet="абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        only="ёъыэ",
        apostrophes=False,
        vip=("Эксклюзивные предложения", "персональный менеджер, email"),
        churn_high="Удержание ценных клиентов",
        hot_channel="email, push в приложении, SMS",
    ),
}


def foreign(text: str, lang: str) -> set[str]:
    """The letters of `text` that only another playbook language has."""
    return {letter for letter in text.lower() if any(letter in t.only for o, t in TEXTS.items() if o != lang)}


def workspace_in(path: Path, lang: str) -> Workspace:
    """Open the (closed) workspace at `path` with language = `lang` in its segmint.toml."""
    config = path / "segmint.toml"
    text, found = re.subn(
        r'^language = "\w+"$', f'language = "{lang}"', config.read_text(encoding="utf-8"), count=1, flags=re.M
    )
    assert found == 1, "segmint.toml has no language line"
    config.write_text(text, encoding="utf-8")
    return Workspace.open(path)


@pytest.mark.parametrize("lang", TEXTS)
def test_every_group_of_every_family_has_a_strategy_and_channel_in_the_language(workspace, lang):
    texts = TEXTS[lang]
    book = load_playbook(workspace)
    families = {**built_in_families(workspace.settings.families), **prediction_families()}
    assert {"rfm", "rfm_simple", "lifecycle", "activity", "temperature", "churn_risk"} <= set(families)
    # preferences: groups are the data's categories ("Shoes"); DEFAULTS adds the "*" fallbacks and cluster
    entries = {(name, group) for name, family in families.items() for group in family.groups or ("Shoes",)}
    entries |= {(name, group) for name, groups in DEFAULTS.items() for group in groups}
    for name, group in sorted(entries):
        play = book.get(name, group)
        assert play is not None, f"{name}:{group} has no playbook entry"
        for each in LANGUAGES:
            assert len(play.strategy[each]) > 20 and play.channel[each], (name, group, each)
            assert play.channel[each] == play.channel[each].strip(), (name, group, each)
        strategy, channel = play.strategy[lang], play.channel[lang]
        assert set(texts.alphabet) & set(strategy.lower()), (
            f"{name}:{group} {lang} is not in {lang}: {strategy}"
        )
        assert strategy not in [play.strategy[other] for other in LANGUAGES if other != lang], (name, group)
        for text in (strategy, channel):
            assert foreign(text, lang) == set(), f"{name}:{group}: another language's letter in {text!r}"
            assert texts.apostrophes or not {"’", "'"} & set(text), f"{name}:{group}: apostrophe in {text!r}"
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
        ("[rfm.Champions]\nstrategy = { by = 'x' }\n", "languages are en, uk, ru"),
        ("[rfm.Whales]\nstrategy = { uk = 'x' }\nchannel = 'email'\n", "a new group needs strategy.en"),
        (
            "[rfm.Whales]\nstrategy = { uk = 'x', ru = 'y' }\nchannel = 'email'\n",
            "a new group needs strategy.en",
        ),
        ("[rfm.Champions]\nstrategy = { ru = ' ' }\n", "rfm.Champions.strategy: empty text for ru"),
        ("[rfm.Whales]\nstrategy = ''\nchannel = 'email'\n", "rfm.Whales.strategy: empty text"),
        ("[rfm.VIP\n", "not valid TOML"),
    ],
)
def test_bad_playbook_files_say_what_and_where(workspace, text, message):
    (workspace.path / "playbook.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as caught:
        load_playbook(workspace)
    assert "playbook.toml" in str(caught.value)


@pytest.mark.parametrize("lang", TEXTS)
def test_the_language_follows_the_workspace(tmp_path, lang):
    Workspace.init(tmp_path / "ws").close()
    with Workspace.open(tmp_path / "ws") as ws:
        assert language(ws) == "uk"  # the default workspace language
    with workspace_in(tmp_path / "ws", lang) as ws:
        assert language(ws) == lang
        assert [language(ws, each) for each in LANGUAGES] == list(LANGUAGES)
        with pytest.raises(ConfigError, match="en, uk, ru, not 'de'"):
            language(ws, "de")
        vip = load_playbook(ws).get("rfm_simple", "VIP").as_dict(language(ws))
    assert vip["strategy"].startswith(TEXTS[lang].vip[0])
    assert vip["channel"] == TEXTS[lang].vip[1]


@pytest.mark.parametrize("lang", TEXTS)
def test_cli_prints_the_playbook_as_one_json_document(tmp_path, lang):
    """In the language --lang asks (over the workspace's other one), else in the workspace's language."""
    path = tmp_path / "ws"
    Workspace.init(path).close()  # the CLI opens it itself
    workspace_in(path, next(other for other in TEXTS if other != lang)).close()
    asked = json.loads(ok("-w", path, "playbook", "--lang", lang, "--json").stdout)
    workspace_in(path, lang).close()
    own = json.loads(ok("-w", path, "playbook", "--json").stdout)
    texts = TEXTS[lang]
    for document in (asked, own):
        assert document["language"] == lang
        plays = {(p["family"], p["group"]): p for p in document["plays"]}
        assert plays["rfm_simple", "VIP"]["strategy"].startswith(texts.vip[0])
        assert plays["churn_risk", "high"]["strategy"].startswith(texts.churn_high)
        assert plays["temperature", "hot"]["channel"] == texts.hot_channel
        assert [p for p in document["plays"] if foreign(p["strategy"] + p["channel"], lang)] == []


def test_cli_prints_the_playbook_for_people_on_stderr(tmp_path):
    Workspace.init(tmp_path / "ws").close()
    human = ok("-w", tmp_path / "ws", "playbook", "--lang", "en", "--family", "lifecycle")
    assert human.stdout == "" and "lapsing" in human.stderr and "rfm_simple" not in human.stderr
