"""Known values to suggest in the builder's text inputs (an HTML datalist): the distinct values of a text
field or of a function's filter (category, channel, event type), when there are few enough to list. A
family field's values are its groups' keys (what the rule compares); families_of names the family, so the
page shows each with its label (Чемпіони (Champions), families/labels.py) while choosing it types the key."""

from __future__ import annotations

from segmint.rules.fields import SOURCE_PARAMS, TEXT, Column, Feature
from segmint.web.builder.catalogue import get
from segmint.web.cache import Cache, fingerprint

MAX_VALUES = 60
# Kept until the data changes (web/cache.py's fingerprint): every builder update lists the values of each
# condition's field and filters, and at 1M customers / 20M order lines one bought(...) condition's
# category, product and product_id took ~1.1 s of GROUP BY (~0.4 s a city). A cache of its own, so the
# KPI reports' few entries are not pushed out by these small ones.
_known = Cache(512)
SOURCE_TABLES = {"orders": "orders", "items": "order_items", "events": "events"}


def suggestions(ws, name: str, param: str | None = None, *, mark: tuple | None = None) -> list[str]:
    """Up to MAX_VALUES distinct values, most common first; [] when there are more or none. `mark`: the
    data's fingerprint when the caller lists several (it is a query of its own)."""
    key = (mark or fingerprint(ws), name, param)
    return _known.get(key, lambda: _listed(ws, name, param))


def families_of(ws, names) -> dict[str, str]:
    """The family whose groups each listed family field holds (rfm.group -> rfm, lifecycle.stage ->
    lifecycle); fields that are no family's are left out."""
    hows = {name: getattr(get(name), "how", None) for name in names}
    columns = {name: how.column for name, how in hows.items() if isinstance(how, Feature)}
    if not columns:
        return {}
    from segmint.history.evaluate import family_groups  # reads the clustering's names: only when asked

    groups = family_groups(ws)
    return {name: groups[column].family for name, column in columns.items() if column in groups}


def _listed(ws, name: str, param: str | None) -> list[str]:
    found = _source(ws, name, param)
    return [] if found is None else _distinct(*found)


def without_values(ws, name: str, param: str | None = None, *, mark: tuple | None = None) -> bool:
    """Whether no row has a value of this text field or function filter at all (a file without cities,
    an orders import without categories): `city = "Київ"` or `bought(category = "…")` then selects nobody
    whatever is typed. False when the field is not one whose values can be listed."""
    key = ("empty", mark or fingerprint(ws), name, param)
    return _known.get(key, lambda: _without_values(ws, name, param))


def _without_values(ws, name: str, param: str | None) -> bool:
    found = _source(ws, name, param)
    if found is None:
        return False
    table, column = found
    if column not in table.columns:
        return True  # the workspace has no such column yet: no row has a value
    # one row is enough to know (a count read every order line's product at 20M lines)
    return table.filter(table[column].notnull()).select(column).limit(1).to_pyarrow().num_rows == 0


def _source(ws, name: str, param: str | None):
    """(table, column) holding the values of a text field or a function's filter, or None."""
    item = get(name)
    if item is None:
        return None
    try:
        if param is not None:
            source = getattr(item.how, "source", None)
            column = SOURCE_PARAMS.get(source, {}).get(param)
            if column is None:
                return None
            return ws.table(SOURCE_TABLES[source]), column
        if item.type != TEXT or not isinstance(item.how, Column | Feature):
            return None
        table_name = "features" if isinstance(item.how, Feature) else "customers"
        if table_name not in ws.con.list_tables():
            return None
        return ws.table(table_name), item.how.column
    except Exception:  # a table a workspace does not have yet: no suggestions, the form still works
        return None


def _distinct(table, column: str) -> list[str]:
    if column not in table.columns:
        return []
    present = table.filter(table[column].notnull())
    # counted on the filtered table: the unfiltered one's count() is of another relation, which ibis refuses
    # (IntegrityError, swallowed by suggestions(): the builder suggested no value at all)
    values = present.group_by(column).aggregate(n=present.count())
    rows = values.order_by([values.n.desc(), column]).limit(MAX_VALUES + 1).to_pyarrow().to_pylist()
    return [] if len(rows) > MAX_VALUES else [str(row[column]) for row in rows]
