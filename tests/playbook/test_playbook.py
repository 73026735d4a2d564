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
from tests.cli import ok, refused, segmint

from segmint import Workspace
from segmint.errors import ConfigError
from segmint.families import families as built_in_families
from segmint.models.clv.features import prediction_families
from segmint.playbook import DEFAULTS, LANGUAGES, language, load_playbook
from segmint.web.messages import translate

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
        ("[rfm_x.VIP]\nchannel = 'email'\n", r"line 1, \[rfm_x\]: unknown table \(did you mean \[rfm\]\?\)"),
        ("[rfm.VIP]\ntactic = 'x'\n", r"line 2, \[rfm.VIP\] tactic: unknown setting; the settings here are "
         r"strategy"),
        ("[rfm.Champions]\nstrategy = { de = 'x' }\n", r"\[rfm.Champions\] strategy.de: unknown setting; the "
         r"settings here are en, uk, ru"),
        ("[rfm.Champions]\nstrategy = { by = 'x' }\n", r"strategy.by: unknown setting"),
        ("[rfm.Whales]\nstrategy = { uk = 'x' }\nchannel = 'email'\n",
         r"line 1, \[rfm.Whales\]: is not a built-in group, so it needs strategy.en"),
        (
            "[rfm.Whales]\nstrategy = { uk = 'x', ru = 'y' }\nchannel = 'email'\n",
            "it needs strategy.en",
        ),
        ("[rfm.Champions]\nstrategy = { ru = ' ' }\n",
         r"line 2, \[rfm.Champions\] strategy.ru: must not be empty"),
        ("[rfm.Whales]\nstrategy = ''\nchannel = 'email'\n",
         r"line 2, \[rfm.Whales\] strategy: must not be empty"),
        ("[rfm.VIP\n", "line 1, column 9: not valid TOML"),
        ('[rfm."Big Spenders"]\n', r'line 1, \[rfm."Big Spenders"\]: is empty: give strategy and/or channel'),
        ("[rfm.Champions]\nstrategy = 5\n",
         r"line 2, \[rfm.Champions\] strategy: must be text in quotes or a table of languages "
         r"\(en, uk, ru\), not 5"),
    ],
)  # fmt: skip
def test_bad_playbook_files_say_what_and_where(workspace, text, message):
    (workspace.path / "playbook.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as caught:
        load_playbook(workspace)
    assert "playbook.toml" in str(caught.value)
    for lang in ("uk", "ru"):  # worded from its code, in full
        worded = translate(caught.value, lang)
        assert worded.startswith(str(workspace.path / "playbook.toml")), worded
        assert (" рядок " if lang == "uk" else " строка ") in worded, worded
        assert not re.search(r"\b(?:unknown|must|needs|line|not valid)\b", worded), worded


def test_every_problem_of_a_playbook_is_said_at_once_on_its_line(workspace):
    """A [playbook] table of segmint.toml with three mistakes is refused once, listing the three as
    segmint.toml's other settings are (the setting as written, its line), in the workspace's language:
    it said the first only, in English ('rfm.VIP: unknown key strategi; use strategy, channel')."""
    config = workspace.path / "segmint.toml"
    config.write_text(
        config.read_text(encoding="utf-8")
        + '\n[playbook.rfm.VIP]\nstrategi = "x"\n[playbook.rfm.Champions]\nchannel = { uk = "" }\n'
        + '[playbook.rfm_simple.VIP]\nstrategy = { ua = "Закритий розпродаж" }\n',
        encoding="utf-8",
    )
    lines = config.read_text(encoding="utf-8").splitlines()
    written = ('strategi = "x"', 'channel = { uk = "" }', 'strategy = { ua = "Закритий розпродаж" }')
    at = [lines.index(text) + 1 for text in written]
    with pytest.raises(ConfigError) as caught:
        load_playbook(workspace)
    error = caught.value
    assert error.code == "config.problems"
    assert [(p["code"], p["params"]["setting"], p["params"]["line"]) for p in error.params["problems"]] == [
        ("config.unknown_key.hint", "[playbook.rfm.VIP] strategi", at[0]),
        ("config.empty", "[playbook.rfm.Champions] channel.uk", at[1]),
        ("config.unknown_key", "[playbook.rfm_simple.VIP] strategy.ua", at[2]),
    ]
    assert str(error).splitlines()[1:] == [
        f"  line {at[0]}, [playbook.rfm.VIP] strategi: unknown setting (did you mean 'strategy'?); the "
        "settings here are strategy, channel",
        f"  line {at[1]}, [playbook.rfm.Champions] channel.uk: must not be empty",
        f"  line {at[2]}, [playbook.rfm_simple.VIP] strategy.ua: unknown setting; the settings here are en, "
        "uk, ru",
    ]
    assert translate(error, "uk").splitlines() == [
        f"{config}: знайдено проблем — 3:",
        f"  рядок {at[0]}, [playbook.rfm.VIP] strategi: невідоме налаштування (можливо, 'strategy'?); тут "
        "можна задати: strategy, channel",
        f"  рядок {at[1]}, [playbook.rfm.Champions] channel.uk: не може бути порожнім",
        f"  рядок {at[2]}, [playbook.rfm_simple.VIP] strategy.ua: невідоме налаштування; тут можна задати: "
        "en, uk, ru",
    ]


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


def test_cli_takes_a_family_in_any_case_and_refuses_one_it_has_not(tmp_path):
    """`playbook --family RFM` (or " Lifecycle ") is rfm's, as the family of "RFM:champions" is
    (history.queries.spelled_family); a family it has not is refused naming the families, the nearest
    too: both printed an empty table (`--json`: no plays) without a word."""
    path = tmp_path / "ws"
    Workspace.init(path).close()
    exact = json.loads(ok("-w", path, "playbook", "--family", "rfm", "--json").stdout)
    assert exact["plays"] and {play["family"] for play in exact["plays"]} == {"rfm"}
    for typed in ("RFM", " Rfm "):
        assert json.loads(ok("-w", path, "playbook", "--family", typed, "--json").stdout) == exact
    human = ok("-w", path, "playbook", "--lang", "en", "--family", " Lifecycle ")
    assert "lapsing" in human.stderr and "rfm_simple" not in human.stderr
    cluster = json.loads(ok("-w", path, "playbook", "--family", "Cluster", "--json").stdout)  # none fitted
    assert {play["family"] for play in cluster["plays"]} == {"cluster"}
    families = ", ".join(load_playbook().families())
    for typed, lang, said in (
        ("nosuch", "en", f"Error: no family named 'nosuch'; families: {families}"),
        ("rfmm", "en", f"Error: no family named 'rfmm' (did you mean 'rfm'?); families: {families}"),
        ("rfmm", None, f"Помилка: родини з назвою 'rfmm' немає (можливо, 'rfm'?); родини: {families}"),
        ("nosuch", "ru", f"Ошибка: семейства с названием 'nosuch' нет; семейства: {families}"),
    ):
        for json_output in ((), ("--json",)):
            done = segmint("-w", path, "playbook", "--family", typed, *json_output, language=lang, wide=True)
            assert done.returncode == 1 and refused(done, bool(json_output)), done
            assert done.stderr.strip() == said, done.stderr
