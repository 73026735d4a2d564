"""Delivery settings: the [campaigns] tables of segmint.toml (SMTP server, webhook, unsubscribe
links, retries, frequency cap).

The workspace settings (segmint.config.Settings) read only [workspace] and [families]; campaigns keep their
own tables in the same file, validated here, so a typo names the table and the setting. Secrets need not be
stored in the file: `password_env` / `secret_env` name an environment variable to read them from.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from segmint.config import read_table
from segmint.config_problems import written
from segmint.errors import ConfigError


class SmtpSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    host: str | None = Field(None, description="SMTP server host name.")
    port: int = Field(587, ge=1, le=65535, description="SMTP port (587 STARTTLS, 465 SSL, 25 plain).")
    security: Literal["starttls", "ssl", "none"] = Field("starttls", description="Transport security.")
    username: str | None = Field(None, description="Login name; no login when not set.")
    password: str | None = Field(None, description="Password in the file (prefer password_env).")
    password_env: str | None = Field(None, description="Environment variable holding the password.")
    sender: str | None = Field(None, description="From address, e.g. 'Shop <news@shop.ua>'.")
    ca_file: str | None = Field(
        None, description="PEM file of certificate authorities to trust (default: the system's)."
    )
    timeout: float = Field(30.0, gt=0, description="Seconds to wait for the server.")

    def secret(self) -> str | None:
        return _secret(self.password, self.password_env, "campaigns.smtp.password_env")


class WebhookSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: str | None = Field(None, description="URL each SMS / webhook message is POSTed to.")
    secret: str | None = Field(None, description="HMAC-SHA256 key in the file (prefer secret_env).")
    secret_env: str | None = Field(None, description="Environment variable holding the HMAC key.")
    signature_header: str = Field("X-Segmint-Signature", description="Header carrying 'sha256=<hex>'.")
    timeout: float = Field(30.0, gt=0, description="Seconds to wait for the receiver.")

    def key(self) -> str | None:
        return _secret(self.secret, self.secret_env, "campaigns.webhook.secret_env")


class UnsubscribeSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: str | None = Field(
        None,
        description="Public address of `segmint serve`'s /unsubscribe, e.g. "
        "'https://crm.shop.ua/unsubscribe': every campaign email then carries a one-click unsubscribe "
        "link (List-Unsubscribe).",
    )
    secret: str | None = Field(
        None, description="Key signing the links (default: one segmint keeps in the workspace)."
    )
    secret_env: str | None = Field(None, description="Environment variable holding that key.")

    @field_validator("url")
    @classmethod
    def _absolute(cls, url: str | None) -> str | None:
        if url is not None:
            parts = urlsplit(url)
            if parts.scheme not in ("https", "http") or not parts.netloc or parts.query or parts.fragment:
                raise PydanticCustomError(
                    "config.url",
                    "must be an absolute http(s) address without ?query or #fragment, such as "
                    "https://crm.shop.ua/unsubscribe, not {value}",
                    {"value": written(url)},
                )
        return url

    def key(self) -> str | None:
        return _secret(self.secret, self.secret_env, "campaigns.unsubscribe.secret_env")


class RetrySettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    max_attempts: int = Field(3, ge=1, description="Attempts per message before it is marked failed.")
    backoff_seconds: float = Field(2.0, ge=0, description="Wait before the first retry; doubles each time.")


class FrequencyCap(BaseModel):
    model_config = ConfigDict(extra="forbid")

    max_messages: int | None = Field(
        3, ge=1, description="Messages one customer may get across campaigns in `days` (not set = no cap)."
    )
    days: int = Field(7, ge=1, description="The window of the frequency cap, in days.")


class CampaignSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    smtp: SmtpSettings = Field(default_factory=SmtpSettings)
    webhook: WebhookSettings = Field(default_factory=WebhookSettings)
    unsubscribe: UnsubscribeSettings = Field(default_factory=UnsubscribeSettings)
    retry: RetrySettings = Field(default_factory=RetrySettings)
    frequency_cap: FrequencyCap = Field(default_factory=FrequencyCap)


def _secret(plain: str | None, env: str | None, setting: str) -> str | None:
    if env:
        value = os.environ.get(env)
        if value is None:
            raise ConfigError(
                f"{setting} names the environment variable {env}, which is not set",
                code="settings.env_unset",
                params={"setting": setting, "env": env},
            )
        return value
    return plain


def campaign_settings(workspace_path: Path) -> CampaignSettings:
    """The [campaigns] tables of the workspace's segmint.toml (defaults when there are none). A refusal is
    worded as segmint.toml's own (segmint.config_problems): coded config.*, each problem with its line
    and setting as written ([campaigns.smtp] port), in Ukrainian and Russian by web/settings_errors.py."""
    return read_table(workspace_path, "campaigns", CampaignSettings)
