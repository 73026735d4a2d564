"""What an import did, as the CLI prints it and the `imports` table records it."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any


@dataclass
class ImportSummary:
    import_id: str
    entity: str
    file: str
    rows_read: int  # records in the file (rows_read == landed + quarantined)
    inserted: int  # records of the entity: new keys
    updated: int  # keys that existed with some value changed
    unchanged: int  # keys that existed with every value equal
    quarantined: int  # input rows that did not land (see the quarantine table)
    rejected_values: int  # values refused while their row landed (see the rejected_values table)
    seconds: float
    landed: int = 0  # input rows that landed
    tables: dict[str, dict[str, int]] = field(default_factory=dict)  # counts per table written
    mapping: dict[str, str] = field(default_factory=dict)  # source column -> field
    ignored_columns: list[str] = field(default_factory=list)  # columns the entity has no place for
    # columns that match no field, kept as JSON (customers.custom, events.properties)
    kept_columns: list[str] = field(default_factory=list)
    float_ids: list[str] = field(default_factory=list)  # id columns of whole floats, stored without ".0"
    # date columns with slash dates -> how they read: month-first, day-first, mixed (the dates that read
    # either way refused) or "day-first, assumed" (every one reads either way)
    date_orders: dict[str, str] = field(default_factory=dict)
    preset_hint: str | None = None  # a preset the file's columns match, when imported without one
    refresh: Any = None  # the RefreshSummary of the refresh that followed (segmint.ingest.import_file)
    # the triggers the trigger run after the import skipped (segmint.triggers.run.Skipped), whichever ran
    # it: the refresh (also in refresh.triggers_skipped) or, when none ran, an events import itself
    triggers_skipped: list = field(default_factory=list)

    def to_dict(self) -> dict:
        document = asdict(replace(self, refresh=None, triggers_skipped=[]))  # their errors are no plain data
        document["refresh"] = self.refresh.to_dict() if self.refresh is not None else None
        document["triggers_skipped"] = [skipped.to_dict() for skipped in self.triggers_skipped]
        return document
