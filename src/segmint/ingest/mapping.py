"""Which source column feeds which field: explicit `--map` pairs, a YAML mapping file, then header aliases.

A mapping file looks like this (every key but `columns` is optional):

    columns:
      Код клієнта: customer_id
      Телефон: phone
      Примітка: null          # ignore this column
    date_format: "%d.%m.%Y"
    delimiter: ";"
    encoding: cp1251
"""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from segmint.errors import MappingError
from segmint.ingest.fields import AMOUNT, ENTITIES, Entity, header_key
from segmint.ingest.normalise import CURRENCY_MARKS, DOLLAR, DOLLAR_CURRENCIES, ISO_CURRENCIES
from segmint.store.yaml_files import YamlFileError, read_yaml

OPTIONS = ("date_format", "delimiter", "encoding", "create_missing_customers")
# a line indented unlike those above it, in a mapping file's layout (store.yaml_files.read_yaml)
INDENT = "columns: and the options start in one column, each column's pair indented under columns:"
IGNORE = {"", "-", "null", "none", "ignore"}


@dataclass
class Mapping:
    columns: dict[str, str]  # source column -> field
    extras: list[str] = field(default_factory=list)  # unmapped source columns (to custom/properties, if any)
    ignored: list[str] = field(default_factory=list)  # unmapped columns the entity has no place for

    def source_of(self, field_name: str) -> str | None:
        return next((src for src, f in self.columns.items() if f == field_name), None)

    def has(self, field_name: str) -> bool:
        return field_name in self.columns.values()


def nearest(word: str, candidates, cutoff: float = 0.5) -> tuple[str, dict]:
    """The "; did you mean ...?" of a message, and its params: {"hint": the nearest name}, or nothing."""
    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=cutoff)
    return (f"; did you mean {close[0]!r}?", {"hint": close[0]}) if close else ("", {})


def hinted(code: str, params: dict) -> str:
    """`code`, or its ".hint" form when `params` name the nearest name."""
    return f"{code}.hint" if "hint" in params else code


def parse_pairs(pairs: list[str] | None) -> dict[str, str]:
    """`--map "Source column=field"` (repeatable)."""
    out: dict[str, str] = {}
    for pair in pairs or []:
        source, sep, target = pair.rpartition("=")
        if not sep or not source.strip():
            raise MappingError(
                f"--map expects SOURCE=FIELD, got {pair!r}", code="import.map_pair", params={"pair": pair}
            )
        out[source.strip()] = target.strip()
    return out


def load_mapping_file(path: str | Path) -> tuple[dict[str, str], dict]:
    """The `columns` pairs and the options of a YAML mapping file."""
    path = Path(path)
    try:
        # UTF-8 or Windows-1251 (Notepad's "ANSI"): a cp1251 file with Cyrillic headers crashed the import
        _, document = read_yaml(path, indent=INDENT)
    except YamlFileError as exc:  # where and what, worded in the workspace's language (not PyYAML's English)
        said = f"{path}: no such mapping file" if exc.ending == "missing" else str(exc)
        raise MappingError(said, code=f"import.mapping_{exc.ending}", params=exc.params) from None
    document = document or {}
    if not isinstance(document, dict):
        raise MappingError(
            f"{path}: expected keys 'columns' and options {', '.join(OPTIONS)}",
            code="import.mapping_not_keys",
            params={"file": str(path), "options": list(OPTIONS)},
        )
    unknown = [k for k in document if k != "columns" and k not in OPTIONS]
    if unknown:
        hint, params = nearest(unknown[0], ["columns", *OPTIONS])
        raise MappingError(
            f"{path}: unknown key {unknown[0]!r}{hint}",
            code=hinted("import.mapping_key", params),
            params={"file": str(path), "key": unknown[0], **params},
        )
    columns = document.get("columns") or {}
    if not isinstance(columns, dict):
        raise MappingError(
            f"{path}: 'columns' must map source column names to fields",
            code="import.mapping_columns",
            params={"file": str(path)},
        )
    pairs = {str(k): ("" if v is None else str(v)) for k, v in columns.items()}
    return pairs, {k: document[k] for k in OPTIONS if k in document}


# "Сума, грн", "Сумма (руб.)", "Amount USD": a header, then its currency after a comma, space or bracket
_CURRENCY_SUFFIX = re.compile(r"^(?P<stem>.*?\w)[\s,;(\[]+(?P<mark>[^\s,;()\[\]]+?)\.?[\s)\]]*$")


def header_currency(header: str) -> tuple[str, str] | None:
    """The header without a trailing currency, and that currency's ISO 4217 code (DOLLAR for "$"), for a
    header that ends in one ("Сума, грн": ("Сума", "UAH")); None for any other."""
    found = _CURRENCY_SUFFIX.match(str(header).strip())
    if not found:
        return None
    mark = found["mark"].lower()
    code = CURRENCY_MARKS.get(mark) or (mark.upper() if mark.upper() in ISO_CURRENCIES else None)
    return (found["stem"], code) if code else None


def _amount_in(entity: Entity, lookup: dict[str, str], header: str, currency: str | None) -> str | None:
    """The amount field a header names with its currency ("Сума, грн": total), when that currency is
    `currency`, the workspace's, in which the import stores amounts. A header naming another currency
    stays unmatched: its amounts would land as the workspace's, never converted."""
    named = header_currency(header)
    if not named or currency is None:
        return None
    stem, code = named
    target = lookup.get(header_key(stem))
    if target is None or entity.by_name[target].kind != AMOUNT:
        return None
    return target if _same_currency(code, currency) else None


def _same_currency(code: str, currency: str) -> bool:
    """Whether a header's currency (DOLLAR for "$") is the workspace's `currency`."""
    return code == currency or (code == DOLLAR and currency in DOLLAR_CURRENCIES)


def foreign_amount(
    entity: Entity, columns: list[str], field: str, currency: str | None
) -> tuple[str, str] | None:
    """The column whose header names the amount `field` in a currency that is not the workspace's
    ("Сумма, руб." for total in a UAH workspace), and that currency: left unmatched by `_amount_in`, it
    is what a user means by the amount, so a refusal names it."""
    if currency is None:
        return None
    lookup = recognised(entity.name)
    for column in columns:
        named = header_currency(column)
        if named and lookup.get(header_key(named[0])) == field and not _same_currency(named[1], currency):
            return column, named[1]
    return None


def resolve(
    entity: Entity,
    source_columns: list[str],
    explicit: dict[str, str],
    *,
    file: str = "",
    currency: str | None = None,
) -> Mapping:
    """Explicit pairs first (checked), then automatic matching of the remaining headers by name and alias
    (an amount's also with the workspace's `currency` after it: "Сума, грн")."""
    columns: dict[str, str] = {}
    skipped: set[str] = set()
    lookup = recognised(entity.name)
    for source, target in explicit.items():
        if source not in source_columns:
            hint, params = nearest(source, source_columns)
            raise MappingError(
                f"{file}: the file has no column {source!r}{hint} (columns: {', '.join(source_columns)})",
                code=hinted("import.no_column", params),
                params={"file": file, "column": source, **params, "columns": list(source_columns)},
            )
        if target.lower() in IGNORE:
            skipped.add(source)
            continue
        # the field side takes a name the field is recognised by as a header ("дата реєстрації")
        target = target if target in entity.by_name else lookup.get(header_key(target), target)
        if target not in entity.by_name:
            hint, params = nearest(target, entity.by_name)
            if not params:  # a misspelt recognised name ("дата реєстраціі") suggests its field
                _, near = nearest(header_key(target), lookup, cutoff=0.8)
                if near:
                    known = lookup[near["hint"]]
                    hint, params = nearest(known, [known], cutoff=0)  # worded as any hint
            raise MappingError(
                f"{entity.name} have no field {target!r}{hint} (fields: {', '.join(entity.by_name)})",
                code=hinted("import.no_field", params),
                params={"entity": entity.name, "field": target, **params, "fields": list(entity.by_name)},
            )
        if target in columns.values():
            other = next(s for s, t in columns.items() if t == target)
            raise MappingError(
                f"both {other!r} and {source!r} are mapped to {target!r}",
                code="import.mapped_twice",
                params={"first": other, "second": source, "field": target},
            )
        columns[source] = target
    taken = set(columns.values())
    for source in source_columns:
        if source in columns or source in skipped:
            continue
        target = lookup.get(header_key(source)) or _amount_in(entity, lookup, source, currency)
        if target and target not in taken:
            columns[source] = target
            taken.add(target)
    unmapped = [c for c in source_columns if c not in columns and c not in skipped]
    _refuse_other_entity(entity, unmapped, file)
    if entity.extras_column:
        return Mapping(columns, extras=unmapped, ignored=sorted(skipped))
    return Mapping(columns, ignored=unmapped + sorted(skipped))


# The fields that give a file away as another entity's: an orders file has order numbers and order dates
_GIVEAWAYS = {"orders": ("order_id", "ordered_at"), "events": ("event_type", "occurred_at")}


def _refuse_other_entity(entity: Entity, unmapped: list[str], file: str | None) -> None:
    """Refuse a file whose columns left unmapped are another entity's giveaway fields (an orders export
    chosen as customers): imported, its customer column and any shared field (status) would overwrite
    stored customers and the rest land as custom attributes. A column mapped by hand is never counted."""
    for other, fields in _GIVEAWAYS.items():
        if other == entity.name:
            continue
        lookup = recognised(other)
        found = {lookup.get(header_key(c)): c for c in unmapped}
        if all(name in found for name in fields):
            columns = [found[name] for name in fields]
            raise MappingError(
                f"{file or 'the file'} looks like {other}, not {entity.name}: its columns "
                f"{', '.join(map(repr, columns))} read as the {other} fields {' and '.join(fields)}; import "
                f"it as {other} (or map those columns with --map if they belong to {entity.name})",
                code="import.other_entity",
                params={"entity": entity.name, "other": other, "columns": columns, "fields": list(fields)},
            )


@functools.cache
def recognised(entity_name: str) -> dict[str, str]:
    """header_key of every field name and alias of an entity -> the field; field names beat aliases,
    earlier declarations beat later ones. What a Ukrainian or Russian user types for a field elsewhere
    (місто, стать) is read through it too (rules.check, segments.membership)."""
    entity = ENTITIES[entity_name]
    lookup: dict[str, str] = {}
    for f in entity.fields:
        lookup.setdefault(header_key(f.name), f.name)
    for f in entity.fields:
        for alias in f.aliases:
            lookup.setdefault(header_key(alias), f.name)
    return lookup


def require(
    entity: Entity,
    mapping: Mapping,
    fields: list[str],
    source_columns: list[str],
    file: str,
    currency: str | None = None,
) -> None:
    """Refuse a mapping without a column for a required field; one that names the amount in another
    currency than the workspace's `currency` is named, since amounts are never converted."""
    for name in fields:
        if mapping.has(name):
            continue
        unmapped = [c for c in source_columns if c not in mapping.columns]
        foreign = foreign_amount(entity, unmapped, name, currency)
        if foreign:
            column, named = foreign
            raise MappingError(
                f"{file}: the column {column!r} holds amounts in {named}, and the workspace's currency is "
                f"{currency}; segmint never converts currencies, so it is not read as {name!r} of "
                f"{entity.name}. If it is the amount all the same, map it: --map '{column}={name}'",
                code="import.required_column.currency",
                params={
                    "file": file,
                    "field": name,
                    "entity": entity.name,
                    "column": column,
                    "currency": named,
                    "workspace_currency": currency,
                },
            )
        raise MappingError(
            f"{file}: no column for the required field {name!r} of {entity.name}; name one with "
            f"--map COLUMN={name} (the file's columns: {', '.join(source_columns)})",
            code="import.required_column",
            params={"file": file, "field": name, "entity": entity.name, "columns": list(source_columns)},
        )
