"""Workspace settings, declared once as data: the TOML file, the docs and the CLI help all come from here."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import phonenumbers
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from segmint.errors import ConfigError

CONFIG_FILE = "segmint.toml"


# -- built-in segment families (segmint.families; docs/families.md explains every setting) ----------------
class RfmRule(BaseModel):
    """One cell range of the RFM grid: customers whose R and FM scores (1-5) fall in both ranges."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1)
    r: tuple[int, int]
    fm: tuple[int, int]

    @field_validator("r", "fm")
    @classmethod
    def _range(cls, value: tuple[int, int]) -> tuple[int, int]:
        if not 1 <= value[0] <= value[1] <= 5:
            raise ValueError("must be [low, high] with 1 <= low <= high <= 5")
        return value


# The 11 standard groups on R and FM = average of F and M, as a grid on the 1-5 scale (docs/families.md).
STANDARD_RFM_GROUPS = [
    RfmRule(name=name, r=r, fm=fm)
    for name, r, fm in (
        ("Champions", (5, 5), (4, 5)),
        ("Loyal", (3, 4), (4, 5)),
        ("Potential Loyalist", (4, 5), (2, 3)),
        ("New Customers", (5, 5), (1, 1)),
        ("Promising", (4, 4), (1, 1)),
        ("Need Attention", (3, 3), (3, 3)),
        ("About to Sleep", (3, 3), (1, 2)),
        ("At Risk", (1, 2), (3, 4)),
        ("Can't Lose Them", (1, 2), (5, 5)),
        ("Hibernating", (2, 2), (1, 2)),
        ("Lost", (1, 1), (1, 2)),
    )
]


class RfmSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    bins: Literal[3, 4, 5] = Field(5, description="Score bins: 5 = quintiles, 4 = quartiles, 3 = terciles.")
    groups: list[RfmRule] = Field(
        default_factory=lambda: list(STANDARD_RFM_GROUPS),
        description=(
            "Score-to-group map: the first row whose ranges hold the customer's R and FM (scores on the 1-5 "
            "scale, FM = average of F and M rounded half up) names the group; every cell must be covered."
        ),
    )

    @field_validator("groups")
    @classmethod
    def _covers_the_grid(cls, rules: list[RfmRule]) -> list[RfmRule]:
        missing = [
            f"r={r} fm={fm}"
            for r in range(1, 6)
            for fm in range(1, 6)
            if not any(x.r[0] <= r <= x.r[1] and x.fm[0] <= fm <= x.fm[1] for x in rules)
        ]
        if missing:
            raise ValueError(f"no group for {', '.join(missing)}: every R x FM cell needs one")
        return rules


class RfmSimpleSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    new_days: int = Field(90, ge=1, description="New: first purchase at most this many days ago.")
    inactive_days: int = Field(180, ge=1, description="Inactive: last purchase more than this many days ago.")
    lost_days: int = Field(365, ge=1, description="Lost: last purchase more than this many days ago.")
    vip_m_score: int | None = Field(
        None, ge=1, le=5, description="VIP: RFM monetary score at least this (not set = the top bin)."
    )


class LifecycleSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    new_days: int = Field(90, ge=1, description="new: first purchase at most this many days ago.")
    active_days: int = Field(180, ge=1, description="active: last purchase at most this many days ago.")
    lapsed_days: int = Field(365, ge=1, description="lapsed: last purchase more than this many days ago.")


class ActivitySettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    basis: Literal["window", "campaigns"] = Field(
        "window", description="'window': responses in the last window_days; 'campaigns': in last_campaigns."
    )
    window_days: int = Field(90, ge=1, description="Days a response counts for (basis = 'window').")
    last_campaigns: int = Field(
        5, ge=1, description="The customer's latest campaigns that count (basis = 'campaigns')."
    )
    response_types: list[str] = Field(
        default_factory=lambda: ["email_open", "email_click", "sms_click"],
        description="Event types that are a response to a communication.",
    )
    min_responses: int = Field(1, ge=1, description="Responses needed to be active.")


class PreferenceSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    window_days: int | None = Field(
        None, ge=1, description="Only purchases this recent count (not set = all)."
    )
    discount_share: float = Field(
        0.5, ge=0, lt=1, description="buys_on_discount: more than this share of purchases had a discount."
    )
    discount_min_purchases: int = Field(
        2, ge=1, description="buys_on_discount needs at least this many purchases."
    )


ENGAGEMENT_TYPES = ("site_visit", "page_view", "cart_add", "email_open", "email_click", "sms_click")


class TemperatureSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    window_days: int = Field(30, ge=1, description="Days engagement and purchases count as recent.")
    warm_days: int = Field(90, ge=1, description="warm: a purchase at most this many days ago.")
    engagement_types: list[str] = Field(
        default_factory=lambda: [*ENGAGEMENT_TYPES],
        description="Event types that show interest.",
    )
    hot_types: list[str] = Field(
        default_factory=lambda: ["cart_add"], description="One of these in the window makes a customer hot."
    )
    hot_events: int = Field(5, ge=1, description="hot: at least this many engagement events in the window.")


class FamilySettings(BaseModel):
    """Windows, thresholds and maps of the built-in segment families."""

    model_config = ConfigDict(extra="forbid")

    rfm: RfmSettings = Field(default_factory=RfmSettings)
    rfm_simple: RfmSimpleSettings = Field(default_factory=RfmSimpleSettings)
    lifecycle: LifecycleSettings = Field(default_factory=LifecycleSettings)
    activity: ActivitySettings = Field(default_factory=ActivitySettings)
    preferences: PreferenceSettings = Field(default_factory=PreferenceSettings)
    temperature: TemperatureSettings = Field(default_factory=TemperatureSettings)

    @model_validator(mode="after")
    def _ordered_windows(self) -> FamilySettings:
        simple, stage = self.rfm_simple, self.lifecycle
        if not simple.inactive_days <= simple.lost_days:
            raise ValueError("rfm_simple: inactive_days must not exceed lost_days")
        if not stage.active_days <= stage.lapsed_days:
            raise ValueError("lifecycle: active_days must not exceed lapsed_days")
        if (simple.vip_m_score or 0) > self.rfm.bins:
            raise ValueError(f"rfm_simple: vip_m_score cannot exceed rfm.bins ({self.rfm.bins})")
        return self


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
    families: FamilySettings = Field(
        default_factory=FamilySettings, description="The built-in segment families ([families] tables)."
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
    values = dict(raw.get("workspace", {}))
    if "families" in raw:
        values["families"] = raw["families"]
    return make_settings(values, source=str(path))


def make_settings(values: dict, source: str | None = None) -> Settings:
    """Validate settings; a problem names the setting (and the file, when there is one)."""
    try:
        return Settings(**values)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
        )
        raise ConfigError(problems, source) from exc


def read_table(workspace_path: Path, name: str, model: type[BaseModel]) -> Any:
    """The [name] table of the workspace's segmint.toml as `model` (its defaults when there is none), for
    the settings kept beside [workspace]: a problem names the file and the setting."""
    path = Path(workspace_path) / CONFIG_FILE
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8")).get(name, {})
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read the [{name}] settings: {exc}", str(path)) from exc
    try:
        return model(**raw)
    except ValidationError as exc:
        problems = "; ".join(
            f"{name}.{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
        )
        raise ConfigError(problems, str(path)) from exc


def dump_settings(settings: Settings) -> str:
    """Render settings as a commented TOML file a person can edit."""
    lines = ["# segmint workspace settings", "[workspace]"]
    for name, field in Settings.model_fields.items():
        value = getattr(settings, name)
        if isinstance(value, BaseModel):
            continue  # nested models are tables of their own, below
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
    lines += _dump_table("families", settings.families, "The built-in segment families (docs/families.md).")
    return "\n".join(lines) + "\n"


def _dump_table(name: str, model: BaseModel, comment: str | None = None) -> list[str]:
    """A nested settings model as [name] (or [name.sub]) tables, each setting after its description."""
    lines, subtables = ["", *([f"# {comment}"] if comment else []), f"[{name}]"], []
    for key, field in type(model).model_fields.items():
        value = getattr(model, key)
        if isinstance(value, BaseModel):
            subtables.append((f"{name}.{key}", value))
            continue
        lines.append(f"# {field.description}")
        lines.append(f"# {key} =   (not set)" if value is None else f"{key} = {_toml(value)}")
    for sub_name, sub in subtables:
        lines += _dump_table(sub_name, sub)
    return lines


def _toml(value: Any) -> str:
    """A TOML value; lists of models become one inline table per line."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, BaseModel):
        return "{ " + ", ".join(f"{k} = {_toml(v)}" for k, v in value.model_dump().items()) + " }"
    if isinstance(value, list | tuple):
        if value and isinstance(value[0], BaseModel):
            return "[\n" + "".join(f"  {_toml(item)},\n" for item in value) + "]"
        return "[" + ", ".join(_toml(item) for item in value) + "]"
    raise TypeError(f"cannot write {value!r} to TOML")  # pragma: no cover - settings hold nothing else
