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
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from segmint.errors import MappingError
from segmint.ingest.fields import Entity, header_key

OPTIONS = ("date_format", "delimiter", "encoding", "create_missing_customers")
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


def _nearest(word: str, candidates) -> str:
    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.5)
    return f"; did you mean {close[0]!r}?" if close else ""


def parse_pairs(pairs: list[str] | None) -> dict[str, str]:
    """`--map "Source column=field"` (repeatable)."""
    out: dict[str, str] = {}
    for pair in pairs or []:
        source, sep, target = pair.rpartition("=")
        if not sep or not source.strip():
            raise MappingError(f"--map expects SOURCE=FIELD, got {pair!r}")
        out[source.strip()] = target.strip()
    return out


def load_mapping_file(path: str | Path) -> tuple[dict[str, str], dict]:
    """The `columns` pairs and the options of a YAML mapping file."""
    path = Path(path)
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8-sig")) or {}
    except FileNotFoundError as exc:
        raise MappingError(f"{path}: no such mapping file") from exc
    except yaml.YAMLError as exc:
        raise MappingError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(document, dict):
        raise MappingError(f"{path}: expected keys 'columns' and options {', '.join(OPTIONS)}")
    unknown = [k for k in document if k != "columns" and k not in OPTIONS]
    if unknown:
        raise MappingError(f"{path}: unknown key {unknown[0]!r}{_nearest(unknown[0], ['columns', *OPTIONS])}")
    columns = document.get("columns") or {}
    if not isinstance(columns, dict):
        raise MappingError(f"{path}: 'columns' must map source column names to fields")
    pairs = {str(k): ("" if v is None else str(v)) for k, v in columns.items()}
    return pairs, {k: document[k] for k in OPTIONS if k in document}


def resolve(
    entity: Entity, source_columns: list[str], explicit: dict[str, str], *, file: str = ""
) -> Mapping:
    """Explicit pairs first (checked), then automatic matching of the remaining headers by name and alias."""
    columns: dict[str, str] = {}
    skipped: set[str] = set()
    for source, target in explicit.items():
        if source not in source_columns:
            raise MappingError(
                f"{file}: the file has no column {source!r}{_nearest(source, source_columns)} "
                f"(columns: {', '.join(source_columns)})"
            )
        if target.lower() in IGNORE:
            skipped.add(source)
            continue
        if target not in entity.by_name:
            raise MappingError(
                f"{entity.name} have no field {target!r}{_nearest(target, entity.by_name)} "
                f"(fields: {', '.join(entity.by_name)})"
            )
        if target in columns.values():
            other = next(s for s, t in columns.items() if t == target)
            raise MappingError(f"both {other!r} and {source!r} are mapped to {target!r}")
        columns[source] = target
    lookup: dict[str, str] = {}
    for f in entity.fields:  # field names beat aliases; earlier declarations beat later ones
        lookup.setdefault(header_key(f.name), f.name)
    for f in entity.fields:
        for alias in f.aliases:
            lookup.setdefault(header_key(alias), f.name)
    taken = set(columns.values())
    for source in source_columns:
        if source in columns or source in skipped:
            continue
        target = lookup.get(header_key(source))
        if target and target not in taken:
            columns[source] = target
            taken.add(target)
    unmapped = [c for c in source_columns if c not in columns and c not in skipped]
    if entity.extras_column:
        return Mapping(columns, extras=unmapped, ignored=sorted(skipped))
    return Mapping(columns, ignored=unmapped + sorted(skipped))


def require(
    entity: Entity, mapping: Mapping, fields: list[str], source_columns: list[str], file: str
) -> None:
    for name in fields:
        if not mapping.has(name):
            raise MappingError(
                f"{file}: no column for the required field {name!r} of {entity.name}; name one with "
                f"--map COLUMN={name} (the file's columns: {', '.join(source_columns)})"
            )
