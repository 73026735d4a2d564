"""A campaign written as a YAML file (what `segmint campaigns create --spec FILE` reads):

name: Winback November
channel: email                 # email | sms | webhook
cost_per_message: 0.35
holdout_share: 0.1
variants: [A, B]
attribution_days: 14
messages:
  - target: rfm:At Risk        # a segment name, or family:group
    variant: A                 # leave out: the same message for every variant
    subject: "{{ name }}, ми сумуємо"
    body: "<p>Привіт, {{ name }}! ...</p>"   # or body_file: winback-a.html (next to the spec)
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path

from segmint.campaigns.model import Campaign, CampaignError, Message
from segmint.store.files import read_text
from segmint.store.yaml_files import YamlFileError, read_yaml

_KEYS = {
    "name",
    "channel",
    "cost_per_message",
    "holdout_share",
    "variants",
    "attribution_days",
    "messages",
    "seed",
}
_MESSAGE_KEYS = {"target", "variant", "subject", "body", "body_file"}
# a line indented unlike those above it, in a campaign file's layout (store.yaml_files.read_yaml)
INDENT = (
    "the campaign's keys (name, channel, messages) start in one column, each message under messages: "
    "with '- '"
)


def load_spec(path: Path) -> Campaign:
    """Read a campaign YAML file; every problem names the file and the entry."""
    try:  # Windows-1251 too: it crashed the command with a traceback
        _, data = read_yaml(path, indent=INDENT)
    except YamlFileError as exc:  # where and what, worded in the workspace's language (not PyYAML's English)
        raise CampaignError(str(exc), code=f"spec.unreadable.{exc.ending}", params=exc.params) from None
    except OSError as exc:  # another error of the system's (an I/O error): its own text
        raise CampaignError(
            f"{path}: cannot read the campaign: {exc}",
            code="spec.unreadable",
            params={"file": str(path), "reason": str(exc)},
        ) from exc
    if not isinstance(data, dict):
        raise CampaignError(
            f"{path}: a campaign file is a mapping with name, channel and messages",
            code="spec.not_mapping",
            params={"file": str(path)},
        )
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise CampaignError(
            f"{path}: unknown key {', '.join(unknown)}; known: {', '.join(sorted(_KEYS))}",
            code="spec.unknown_key",
            params={"file": str(path), "keys": unknown, "known": sorted(_KEYS)},
        )
    variants = data.get("variants") or ["A"]
    if isinstance(variants, str):  # variants: A, B (a list written without brackets)
        variants = variants.split(",")
    variants = [str(v).strip() for v in variants if str(v).strip()]
    messages = []
    for i, entry in enumerate(data.get("messages") or [], start=1):
        where, place = f"{path}: messages[{i}]", {"file": str(path), "entry": i}
        if not isinstance(entry, dict) or "target" not in entry:
            raise CampaignError(f"{where}: each message needs a target", code="spec.no_target", params=place)
        extra = sorted(set(entry) - _MESSAGE_KEYS)
        if extra:
            raise CampaignError(
                f"{where}: unknown key {', '.join(extra)}",
                code="spec.message_key",
                params={**place, "keys": extra},
            )
        body = entry.get("body")
        if entry.get("body_file"):
            try:
                body = read_text(path.parent / entry["body_file"])
            except (OSError, UnicodeDecodeError) as exc:
                raise CampaignError(
                    f"{where}: cannot read body_file: {exc}",
                    code="spec.body_file",
                    params={**place, "reason": str(exc)},
                ) from exc
        if not body:
            raise CampaignError(
                f"{where}: a message needs a body (or body_file)", code="spec.no_body", params=place
            )
        variant = str(entry["variant"]) if "variant" in entry else None
        messages += expand(str(entry["target"]), variant, body, entry.get("subject"), variants)
    return Campaign(
        name=str(data.get("name") or ""),
        channel=str(data.get("channel") or "email"),
        messages=messages,
        cost_per_message=_decimal(data.get("cost_per_message", 0), path),
        holdout_share=_number(data, "holdout_share", 0.10, path),
        variants=variants,
        attribution_days=int(_number(data, "attribution_days", 14, path, whole=True)),
        settings={"seed": str(data["seed"])} if data.get("seed") else {},
    )


def expand(
    target: str, variant: str | None, body: str, subject: str | None, variants: list[str]
) -> list[Message]:
    """The messages one entry stands for: its variant's, or without one the same message for every variant
    (a spec file's entries and the API's POST /campaigns messages alike; the API took a missing variant as
    "A" only, and refused an A/B campaign the same file was accepted as)."""
    return [Message(target, name, body, subject) for name in ([variant] if variant is not None else variants)]


def _decimal(value, path: Path) -> Decimal:
    return amount(value, f"{path}: cost_per_message")


def amount(value, what: str) -> Decimal:
    """A cost as written (0,35 or 0.35), refused in `what`'s words: Decimal('abc') escaped from
    `campaigns create --cost abc` as a traceback, and NaN or infinity then failed the campaign's checks."""
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        raise CampaignError(
            f"{what} is not a number: {value!r}", code="number.invalid", params={"what": what, "value": value}
        )
    return number


def _number(data: dict, key: str, default: float, path: Path, whole: bool = False) -> float:
    """A number the file gives (or the default), refused in the file's words: float('ten') escaped as a
    traceback."""
    value = data.get(key, default)
    try:
        number = float(str(value).replace(",", ".")) if not isinstance(value, bool) else None
    except ValueError:
        number = None
    if number is None or (whole and not number.is_integer()):
        kind = "a whole number" if whole else "a number"
        raise CampaignError(
            f"{path}: {key} is not {kind}: {value!r}",
            code="spec.not_whole_number" if whole else "spec.not_number",
            params={"file": str(path), "key": key, "value": value},
        )
    return number
