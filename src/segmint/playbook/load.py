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

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

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
        apply(book, _read(own), str(own))
    config = folder / CONFIG_FILE
    if config.exists():
        apply(book, _read(config).get("playbook", {}), f"{config} [playbook]")
    return book


def _read(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML: {exc}", str(path)) from exc


def apply(book: Playbook, changes: dict, source: str) -> None:
    """Apply one file's changes; every problem names the file and the key."""
    known = set(DEFAULTS)
    for family, groups in changes.items():
        if family not in known:
            raise ConfigError(
                f"unknown family {family!r}; the playbook has: {', '.join(sorted(known))}", source
            )
        if not isinstance(groups, dict):
            raise ConfigError(f"{family}: expected a table of groups", source)
        for group, entry in groups.items():
            where = f"{family}.{group}"
            if not isinstance(entry, dict) or not entry:
                raise ConfigError(f"{where}: expected a table with strategy and/or channel", source)
            unknown = set(entry) - set(FIELDS)
            if unknown:
                raise ConfigError(
                    f"{where}: unknown key {', '.join(sorted(unknown))}; use strategy, channel", source
                )
            old = book.plays.get((family, group))
            values = {name: dict(getattr(old, name)) if old else {} for name in FIELDS}
            for name, value in entry.items():
                given = _texts(value, f"{where}.{name}", source)
                if "en" in given:  # the other languages' old texts translate the English this replaces
                    given = {**dict.fromkeys(LANGUAGES, given["en"]), **given}
                values[name].update(given)
            missing = [f"{name}.en" for name in FIELDS if not values[name].get("en")]
            if missing:
                raise ConfigError(f"{where}: a new group needs {', '.join(missing)}", source)
            for name in FIELDS:  # a new group's languages it does not give read its English
                values[name] = {lang: values[name].get(lang) or values[name]["en"] for lang in LANGUAGES}
            book.plays[(family, group)] = Play(family, group, values["strategy"], values["channel"], source)


def _texts(value, where: str, source: str) -> dict[str, str]:
    """The texts by language; an empty text is refused (a blank card, or a language with nothing to read)."""
    if isinstance(value, str):
        if not value.strip():
            raise ConfigError(f"{where}: empty text", source)
        return dict.fromkeys(LANGUAGES, value)
    if isinstance(value, dict):
        bad = [k for k, v in value.items() if k not in LANGUAGES or not isinstance(v, str)]
        if bad:
            raise ConfigError(f"{where}: languages are {', '.join(LANGUAGES)} with text values", source)
        empty = [k for k, v in value.items() if not v.strip()]
        if empty:
            raise ConfigError(f"{where}: empty text for {', '.join(empty)}", source)
        return dict(value)
    raise ConfigError(f"{where}: expected text or a table of languages ({', '.join(LANGUAGES)})", source)
