"""Workspace settings, declared once as data: the TOML file, the docs and the CLI help all come from here."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import phonenumbers
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from segmint.errors import ConfigError

CONFIG_FILE = "segmint.toml"


class Settings(BaseModel):
    """What a workspace needs to know about the business it models."""

    model_config = ConfigDict(extra="forbid")

    currency: str = Field("UAH", description="ISO 4217 code amounts are stored in.")
    timezone: str = Field("Europe/Kyiv", description="IANA zone that naive timestamps are read in.")
    default_country: str = Field(
        "UA", description="ISO 3166 alpha-2 country for phone numbers written without +code."
    )
    language: Literal["uk", "en", "ru"] = Field("uk", description="Language of names and messages.")
    reference_date: Literal["today", "last_activity"] | dt.date = Field(
        "last_activity",
        description=(
            "The 'now' that recency is measured from: 'today', 'last_activity' (the latest order or "
            "event in the data, right for historic data sets), or a fixed date."
        ),
    )
    stale_after_days: int = Field(365, ge=1, description="A contact with no activity for this long is stale.")
    date_format: str | None = Field(
        None, description="strftime format tried first for dates in imported files, e.g. '%d/%m/%Y'."
    )

    @field_validator("currency")
    @classmethod
    def _currency(cls, value: str) -> str:
        if len(value) != 3 or not value.isalpha():
            raise ValueError("must be a 3-letter ISO 4217 code such as UAH, EUR, GBP")
        return value.upper()

    @field_validator("timezone")
    @classmethod
    def _timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value

    @field_validator("default_country")
    @classmethod
    def _country(cls, value: str) -> str:
        value = value.upper()
        if value not in phonenumbers.SUPPORTED_REGIONS:
            raise ValueError(f"unknown country code {value!r}; use ISO 3166 alpha-2 such as UA, PL, GB")
        return value


def load_settings(path: Path) -> Settings:
    """Read segmint.toml; every problem names the file and the setting."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError("no such file", str(path)) from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML: {exc}", str(path)) from exc
    return make_settings(raw.get("workspace", {}), source=str(path))


def make_settings(values: dict, source: str | None = None) -> Settings:
    """Validate settings; a problem names the setting (and the file, when there is one)."""
    try:
        return Settings(**values)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
        )
        raise ConfigError(problems, source) from exc


def dump_settings(settings: Settings) -> str:
    """Render settings as a commented TOML file a person can edit."""
    lines = ["# segmint workspace settings", "[workspace]"]
    for name, field in Settings.model_fields.items():
        value = getattr(settings, name)
        lines.append(f"# {field.description}")
        if value is None:
            lines.append(f"# {name} =   (not set)")
            continue
        if isinstance(value, bool | int) and not isinstance(value, dt.date):
            rendered = str(value).lower() if isinstance(value, bool) else str(value)
        elif isinstance(value, dt.date):
            rendered = value.isoformat()
        else:
            rendered = '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'
        lines.append(f"{name} = {rendered}")
    return "\n".join(lines) + "\n"
