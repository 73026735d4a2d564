"""The playbook of a workspace: the built-in entries, changed by the workspace's playbook file and then by
the [playbook] table of its segmint.toml (later wins). Both have the same shape:

    [playbook.rfm_simple.VIP]                 # in segmint.toml; in playbook.toml: [rfm_simple.VIP]
    strategy = { en = "Invite to the private sale", uk = "Запросіть на закритий розпродаж" }
    channel = "email"                         # one text for every language

A group the built-in playbook does not know (a custom RFM map's group) may be added the same way; it needs
English, and a language it does not give reads its English. A change that gives a text's English but not
another language's makes that language read the new English too: files written before Russian existed
give en and uk, and the built-in Russian would still translate the advice they replaced.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from segmint.config_problems import line_of, read_toml, refusal, written
from segmint.errors import ConfigError
from segmint.playbook.defaults import DEFAULTS, LANGUAGES
from segmint.playbook.defaults_ru import RU

PLAYBOOK_FILE = "playbook.toml"
CONFIG_FILE = "segmint.toml"
FIELDS = ("strategy", "channel")
FALLBACK = "*"


@dataclass(frozen=True)
class Play:
    """What to do with one group: a strategy and a channel, each by language."""

    family: str
    group: str
    strategy: dict[str, str]
    channel: dict[str, str]
    source: str = "built-in"

    def as_dict(self, lang: str) -> dict:
        return {
            "family": self.family,
            "group": self.group,
            "strategy": self.strategy[lang],
            "channel": self.channel[lang],
            "source": self.source,
        }


@dataclass
class Playbook:
    plays: dict[tuple[str, str], Play] = field(default_factory=dict)

    def get(self, family: str, group: str) -> Play | None:
        """The group's play, else its family's fallback ("*"), else None."""
        return self.plays.get((family, group)) or self.plays.get((family, FALLBACK))

    def families(self) -> list[str]:
        return list(dict.fromkeys(family for family, _ in self.plays))


def language(ws=None, lang: str | None = None) -> str:
    """The playbook's language: the one asked for, else the workspace's."""
    chosen = lang or (ws.settings.language if ws is not None else "en")
    if lang is not None and chosen not in LANGUAGES:
        raise ConfigError(f"the playbook is in {', '.join(LANGUAGES)}, not {lang!r}")
    return chosen if chosen in LANGUAGES else "en"


def builtin() -> Playbook:
    """DEFAULTS (en, uk) with RU merged in; an entry RU lacks reads English (the tests catch it)."""
    book = Playbook()
    for family, groups in DEFAULTS.items():
        for group, (strategy_en, strategy_uk, channel_en, channel_uk) in groups.items():
            strategy_ru, channel_ru = RU.get(family, {}).get(group, (strategy_en, channel_en))
            book.plays[(family, group)] = Play(
                family,
                group,
                {"en": strategy_en, "uk": strategy_uk, "ru": strategy_ru},
                {"en": channel_en, "uk": channel_uk, "ru": channel_ru},
            )
    return book


def load_playbook(ws=None) -> Playbook:
    """The built-in playbook with the workspace's changes applied."""
    book = builtin()
    if ws is None:
        return book
    folder = Path(ws.path)
    own = folder / PLAYBOOK_FILE
    if own.exists():
        text, changes = read_toml(own)
        apply(book, changes, str(own), text)
    config = folder / CONFIG_FILE
    if config.exists():
        text, settings = read_toml(config)
        apply(book, settings.get("playbook", {}), str(config), text, table=("playbook",))
    return book


def apply(book: Playbook, changes: dict, source: str, text: str | None = None, table: tuple = ()) -> None:
    """Apply one file's changes, or refuse them all: every problem is a coded one of segmint.toml's
    (segmint.config_problems, worded in uk and ru by web/settings_errors.py) naming the setting as written
    ([playbook.rfm.VIP] strategy; `table` is where the changes sit in the file) and its line in `text`."""
    problems: list[tuple[str, dict]] = []

    def refuse(code: str, path: tuple, key: tuple = (), *, within: tuple = (), **params) -> None:
        """`within`: a key inside, to find the line by when the file writes [rfm_x.VIP] but no [rfm_x]."""
        setting = _header(table + path) + (f" {'.'.join(key)}" if key else "")
        line = line_of(text, table + path + (key or within))
        problems.append((code, {"setting": setting, "line": line, **params}))

    for family, groups in changes.items():
        if family not in DEFAULTS:
            code, params = _unknown(family, list(DEFAULTS), lambda name: _header((*table, name)))
            within = (next(iter(groups)),) if isinstance(groups, dict) and groups else ()
            refuse(code.replace("_key", "_table"), (family,), within=within, **params)
        elif not isinstance(groups, dict):
            refuse("config.type", (family,), expected="table", value=written(groups))
        else:
            for group, entry in groups.items():
                play, found = _play(book, family, group, entry, source + (" [playbook]" if table else ""))
                for code, key, params in found:
                    refuse(code, (family, group), key, **params)
                if play is not None:
                    book.plays[(family, group)] = play
    if problems:
        raise refusal(problems, source)


Problem = tuple[str, tuple, dict]  # code, the keys within the group's table, params


def _play(book: Playbook, family: str, group: str, entry, source: str) -> tuple[Play | None, list[Problem]]:
    """The group's play with `entry`'s changes; None and what is wrong when it cannot be made."""
    if not isinstance(entry, dict):
        return None, [("config.type", (), {"expected": "table", "value": written(entry)})]
    if not entry:
        return None, [("config.play.entry", (), {})]
    problems: list[Problem] = []
    old = book.plays.get((family, group))
    values = {name: dict(getattr(old, name)) if old else {} for name in FIELDS}
    for name, value in entry.items():
        if name not in FIELDS:
            code, params = _unknown(name, FIELDS)
            problems.append((code, (name,), params))
            continue
        given, found = _texts(value, name)
        problems += found
        if "en" in given:  # the other languages' old texts translate the English this replaces
            given = {**dict.fromkeys(LANGUAGES, given["en"]), **given}
        values[name].update(given)
    if problems:
        return None, problems
    missing = [f"{name}.en" for name in FIELDS if not values[name].get("en")]
    if missing:
        return None, [("config.play.new_group", (), {"missing": ", ".join(missing)})]
    for name in FIELDS:  # a new group's languages it does not give read its English
        values[name] = {lang: values[name].get(lang) or values[name]["en"] for lang in LANGUAGES}
    return Play(family, group, values["strategy"], values["channel"], source), []


def _texts(value, name: str) -> tuple[dict[str, str], list[Problem]]:
    """The texts by language, and what is wrong with them: an empty text (a blank card, or a language with
    nothing to read), a language the playbook is not in, a value that is no text."""
    if isinstance(value, str):
        if not value.strip():
            return {}, [("config.empty", (name,), {})]
        return dict.fromkeys(LANGUAGES, value), []
    if not isinstance(value, dict):
        return {}, [("config.type", (name,), {"expected": "texts", "value": written(value)})]
    problems: list[Problem] = []
    for lang, text in value.items():
        if lang not in LANGUAGES:
            code, params = _unknown(lang, LANGUAGES)
            problems.append((code, (name, lang), params))
        elif not isinstance(text, str):
            problems.append(("config.type", (name, lang), {"expected": "text", "value": written(text)}))
        elif not text.strip():
            problems.append(("config.empty", (name, lang), {}))
    return ({} if problems else dict(value)), problems


def _unknown(name: str, known, shown=str) -> tuple[str, dict]:
    """config.unknown_key, with the nearest known name as a hint when one is near."""
    hint = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    params = {"known": ", ".join(shown(each) for each in known)}
    if hint:
        return "config.unknown_key.hint", {**params, "hint": shown(hint[0])}
    return "config.unknown_key", params


def _header(path: tuple) -> str:
    """A table as a TOML header writes it: [playbook.rfm."Big Spenders"]."""
    return "[" + ".".join(key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else f'"{key}"' for key in path) + "]"
