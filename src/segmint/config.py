"""Workspace settings, declared once as data: the TOML file, the docs and the CLI help all come from here."""

from __future__ import annotations

import datetime as dt
import difflib
import re
import tomllib
import typing
from functools import cache
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import phonenumbers
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from segmint.config_problems import (
    HEADER,
    keys,
    line_of,
    nearest_zone,
    problems_of,
    read_toml,
    refusal,
    written,
)

CONFIG_FILE = "segmint.toml"
# the tables segmint.toml may have: [workspace] and [families] (Settings, here), [campaigns]
# (campaigns/config.py), [server] (api/limits.py) and [playbook] (playbook/load.py); any other is a typo
TABLES = ("workspace", "families", "campaigns", "server", "playbook")


# -- built-in segment families (segmint.families; docs/families.md explains every setting) ----------------
NO_PURCHASES = "No Purchases"  # the RFM groups' name for customers who never bought (families.rfm)


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
            raise PydanticCustomError(
                "config.score_range",
                "must be [low, high] with 1 <= low <= high <= 5, not {value}",
                {"value": written(list(value))},
            )
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
            raise PydanticCustomError(
                "config.rfm_gap",
                "no group for {cells}: every R x FM cell (scores 1-5) needs one",
                {"cells": ", ".join(missing)},
            )
        return rules

    @field_validator("groups")
    @classmethod
    def _names_apart(cls, rules: list[RfmRule]) -> list[RfmRule]:
        """Names compared as a rule matches them (ingest/spelling.py group_key, the rules' key: any case,
        spacing or apostrophe): `rfm.group = "VIP"` picks "VIP" and "vip" both, and a buyers' group called "no
        purchases", "No  Purchases" or by its label "Без покупок" would be one with (or read as) the customers
        who never bought, in every count and in `rfm.group = "No Purchases"`."""
        from segmint.families.labels import LABELS  # both loaded on use: they import this module
        from segmint.ingest.spelling import group_key

        reserved = {group_key(name) for name in (NO_PURCHASES, *LABELS["rfm"][NO_PURCHASES])}
        seen: dict[str, int] = {}
        for at, rule in enumerate(rules):
            key = group_key(rule.name)
            if key in reserved:
                raise PydanticCustomError(
                    "config.rfm_reserved",
                    "{value} is the group of customers who never bought: name the buyers' group otherwise",
                    {"at": f"{at}.name", "value": written(rule.name)},
                )
            first = rules[seen.setdefault(key, at)].name  # rows of one name are one group (its cells)
            if first != rule.name:
                raise PydanticCustomError(
                    "config.rfm_same_name",
                    "{value} is the same group as groups[{other}] {first} to a rule, where case, spacing and "
                    "apostrophes do not count: name the group otherwise",
                    {"at": f"{at}.name", "value": written(rule.name), "other": seen[key] + 1,
                     "first": written(first)},
                )  # fmt: skip
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


def _event_type(value: str) -> str:
    """An event type, read as the import reads an events file's ("Email Open", "відкриття листа" are
    email_open); one the import cannot store is refused: no imported event could ever be of it, so a typo
    moved everyone to another group, silently."""
    from segmint.ingest.fields import (  # the import's
        EVENT_TYPES,
        PURCHASE_NAMES,
        nearest_event_type,
        stored_event_type,
    )

    stored = stored_event_type(value)
    if stored in EVENT_TYPES:
        return stored
    params = {"value": written(value), "known": ", ".join(EVENT_TYPES)}
    if stored in PURCHASE_NAMES:  # "purchase", "замовлення": looked for among events, are orders
        raise PydanticCustomError(
            "config.event_type.order",
            "unknown event type {value}: purchases are orders (imported as orders), not events; the event "
            "types are {known}",
            params,
        )
    near = nearest_event_type(value)
    if near:
        raise PydanticCustomError(
            "config.event_type.hint",
            "unknown event type {value} (did you mean {hint}?); the event types are {known}",
            {**params, "hint": written(near)},
        )
    raise PydanticCustomError(
        "config.event_type", "unknown event type {value}; the event types are {known}", params
    )


def _first_seen(types: list[str]) -> list[str]:
    """Each type once, in the order first written: "Email Open" and "email_open" are one type, and were
    shown twice wherever the settings are (segmint.toml as written back, the settings page)."""
    return list(dict.fromkeys(types))


# event types of the settings below, as the import stores them (each entry refused with its place), once
EventTypes = typing.Annotated[
    list[typing.Annotated[str, AfterValidator(_event_type)]], AfterValidator(_first_seen)
]


class ActivitySettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    basis: Literal["window", "campaigns"] = Field(
        "window", description="'window': responses in the last window_days; 'campaigns': in last_campaigns."
    )
    window_days: int = Field(90, ge=1, description="Days a response counts for (basis = 'window').")
    last_campaigns: int = Field(
        5, ge=1, description="The customer's latest campaigns that count (basis = 'campaigns')."
    )
    response_types: EventTypes = Field(
        default_factory=lambda: ["email_open", "email_click", "sms_click"],
        description="Event types that are a response to a communication.",
    )
    min_responses: int = Field(1, ge=1, description="Responses needed to be active.")

    @field_validator("response_types")
    @classmethod
    def _some_response(cls, value: list[str]) -> list[str]:
        """Responses are the family's one signal: with no type every customer is passive, whatever the data
        (the temperature lists may be empty: each is one signal of several, and [] turns it off)."""
        if not value:
            raise PydanticCustomError(
                "config.event_types.none",
                "must name at least one event type: with none, every customer is passive",
                {},
            )
        return value


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
    engagement_types: EventTypes = Field(
        default_factory=lambda: [*ENGAGEMENT_TYPES],
        description="Event types that show interest.",
    )
    hot_types: EventTypes = Field(
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
        simple = self.rfm_simple
        for table, low, high in (
            ("rfm_simple", "inactive_days", "lost_days"),
            ("lifecycle", "active_days", "lapsed_days"),
        ):
            values = getattr(self, table)
            if getattr(values, low) > getattr(values, high):  # "at": the setting, under [families]
                raise PydanticCustomError(
                    "config.window_order",
                    "{at}: must not exceed {other} ({limit}), not {value}",
                    {"at": f"{table}.{low}", "other": high, "limit": getattr(values, high),
                     "value": getattr(values, low)},
                )  # fmt: skip
        if (simple.vip_m_score or 0) > self.rfm.bins:
            raise PydanticCustomError(
                "config.vip_score",
                "{at}: cannot exceed [families.rfm] bins ({limit}), not {value}",
                {"at": "rfm_simple.vip_m_score", "limit": self.rfm.bins, "value": simple.vip_m_score},
            )
        return self


@cache
def iso_currencies() -> frozenset[str]:
    """The ISO 4217 codes, as pycountry ships them: the one list the workspace's currency and an order's
    currency column (ingest/normalise.py) are checked against, so a workspace cannot be made in a currency
    its own orders would be quarantined for. Loaded on first use."""
    import pycountry

    return frozenset(currency.alpha_3 for currency in pycountry.currencies)


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
        if len(value) != 3 or not (value.isascii() and value.isalpha()):  # "грн" is no ISO code
            raise PydanticCustomError(
                "config.currency",
                "must be a 3-letter ISO 4217 code such as UAH, EUR, GBP, not {value}",
                {"value": written(value)},
            )
        if value.upper() not in iso_currencies():  # "QQQ": the import would quarantine every order in it
            raise PydanticCustomError(
                "config.currency.unknown",
                "unknown currency {value}; use an ISO 4217 code such as UAH, EUR, GBP",
                {"value": written(value)},
            )
        return value.upper()

    @field_validator("date_format")
    @classmethod
    def _date_format(cls, value: str | None) -> str | None:
        """Read as `--date-format` is (ingest/dateformats.py): `ДД.ММ.РРРР` is %d.%m.%Y, and a directive
        the reader does not know (%Q, a trailing %) is refused here, not a traceback mid-import."""
        from segmint.errors import MappingError
        from segmint.ingest.dateformats import strftime_format

        try:
            return strftime_format(value)
        except MappingError as exc:
            raise PydanticCustomError(
                "config.date_format",
                "must be a date format such as %d.%m.%Y or DD.MM.YYYY, not {value}",
                {"value": written(value)},
            ) from exc

    @field_validator("timezone")
    @classmethod
    def _timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            hint = nearest_zone(value)
            raise PydanticCustomError(
                "config.timezone.hint" if hint else "config.timezone",
                "unknown time zone {value}; use an IANA name such as Europe/Kyiv, Europe/Warsaw or UTC",
                {"value": written(value), **({"hint": written(hint)} if hint else {})},
            ) from exc
        return value

    @field_validator("default_country")
    @classmethod
    def _country(cls, value: str) -> str:
        value = value.upper()
        if value not in phonenumbers.SUPPORTED_REGIONS:
            raise PydanticCustomError(
                "config.country",
                "unknown country code {value}; use ISO 3166 alpha-2 such as UA, PL, GB",
                {"value": written(value)},
            )
        return value


# -- reading segmint.toml (a refusal: segmint.config_problems) -----------------------------------------
def declared_language(path: Path) -> str | None:
    """The `language` the [workspace] table of segmint.toml at `path` sets (uk, en or ru), read even when the
    file is refused (a bad setting, or not TOML at all: then from its `language = "…"` line); None when
    it cannot be read or is no known language. Chooses the language a refusal of the file is worded in."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    try:
        workspace = tomllib.loads(text).get("workspace")
        value = workspace.get("language") if isinstance(workspace, dict) else None
    except tomllib.TOMLDecodeError:
        value, table = None, None
        for line in text.splitlines():
            header = HEADER.match(line)
            if header:
                table = keys(header[1])
            found = re.match(r"\s*language\s*=\s*[\"'](\w+)[\"']\s*(#.*)?$", line)
            if found and table == ("workspace",):
                value = found[1]
                break
    return value if value in typing.get_args(Settings.model_fields["language"].annotation) else None


def load_settings(path: Path) -> Settings:
    """Read segmint.toml; every problem names the file, the setting ([table] key) and its line."""
    text, raw = read_toml(path)
    problems = []
    for name, value in raw.items():
        if name in TABLES:
            continue
        if not isinstance(value, dict):
            problems.append(("config.top_level", {"setting": name, "path": (name,)}))
            continue
        hint = difflib.get_close_matches(name, TABLES, n=1, cutoff=0.6)
        problems.append(
            ("config.unknown_table.hint" if hint else "config.unknown_table",
             {"setting": f"[{name}]", "known": ", ".join(f"[{t}]" for t in TABLES),
              **({"hint": f"[{hint[0]}]"} if hint else {})})
        )  # fmt: skip
        problems[-1][1]["path"] = (name,)
    if problems:
        for _code, params in problems:
            params["line"] = line_of(text, params.pop("path"))
        raise refusal(problems, str(path))
    workspace = raw.get("workspace", {})
    if not isinstance(workspace, dict):
        line = line_of(text, ("workspace",))
        raise refusal([("config.type", {"setting": "[workspace]", "line": line, "expected": "table",
                                          "value": written(workspace)})], str(path))  # fmt: skip
    values = dict(workspace)
    if "families" in raw:
        values["families"] = raw["families"]
    return make_settings(values, source=str(path), text=text)


def make_settings(values: dict, source: str | None = None, text: str | None = None) -> Settings:
    """Validate settings; a problem names the setting (and the file and line, when there is one: `text`
    is the file's)."""
    try:
        return Settings(**values)
    except ValidationError as exc:
        raise refusal(problems_of(exc, Settings, values, text, within=("workspace",)), source) from exc


def read_table(workspace_path: Path, name: str, model: type[BaseModel]) -> Any:
    """The [name] table of the workspace's segmint.toml as `model` (its defaults when there is none), for
    the settings kept beside [workspace]: a problem names the file, the setting and its line."""
    path = Path(workspace_path) / CONFIG_FILE
    text, raw = read_toml(path)
    values = raw.get(name, {})
    try:
        return model(**values) if isinstance(values, dict) else model.model_validate(values)
    except ValidationError as exc:
        raise refusal(problems_of(exc, model, values, text, table=(name,)), str(path)) from exc


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
        lines.append(f"# {key} =   (not set)" if value is None else f"{key} = {toml_value(value)}")
    for sub_name, sub in subtables:
        lines += _dump_table(sub_name, sub)
    return lines


def toml_value(value: Any) -> str:
    """A TOML value; lists of models become one inline table per line."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, BaseModel):
        return "{ " + ", ".join(f"{k} = {toml_value(v)}" for k, v in value.model_dump().items()) + " }"
    if isinstance(value, list | tuple):
        if value and isinstance(value[0], BaseModel):
            return "[\n" + "".join(f"  {toml_value(item)},\n" for item in value) + "]"
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    raise TypeError(f"cannot write {value!r} to TOML")  # pragma: no cover - settings hold nothing else
