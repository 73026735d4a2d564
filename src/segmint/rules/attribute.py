"""attribute("Kidhome"): a custom attribute the import kept in customers.custom, read by its column header.

The import stores the columns that match no field as a JSON object of texts ({"Kidhome": "0", ...}). A rule
reads one value as text, or as a number or a date by what it is compared with (check.attribute_kind):

- number: text written as digits with an optional minus and a decimal dot (`12`, `-3`, `1500.50`);
- date: text written YYYY-MM-DD;
- anything else (`1,5`, `04-09-2012`, ` 12`) is no number or date, so such a comparison matches nothing.

Both are decided by one regular expression before the cast, so DuckDB and Spark, whose casts accept
different extras (Spark reads `2024-01-01 10:00` as a date and trims spaces from numbers), give the same
members. The key is never SQL: it goes into the engine's JSON lookup as a literal, written in each engine's
quoting (a JSON pointer on DuckDB, `$['key']` on Spark) so a key with a dot, a bracket or a quote is one
key, not a path. Spark cannot write a key that has both a quote or backslash and a dot or bracket, nor `*`
alone, and neither engine finds a key with spaces around it: those keys are refused (key_problem).
"""

from __future__ import annotations

import dataclasses

import ibis
import ibis.expr.datatypes as dt

NUMBER_TEXT = r"\A-?[0-9]+(\.[0-9]+)?\z"
DATE_TEXT = r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}\z"


def key_problem(key: str) -> str | None:
    """The RuleError code for a key no engine can read faithfully, or None."""
    if not key.strip():
        return "attribute.key"
    if key != key.strip():
        return "attribute.key.spaces"
    if key == "*" or (set(key) & set("'\\") and set(key) & set(".[")):
        return "attribute.key.path"
    return None


def json_pointer(key: str) -> str:
    """DuckDB's JSON pointer of one key (RFC 6901: ~ is ~0, / is ~1)."""
    return "/" + key.replace("~", "~0").replace("/", "~1")


def spark_path(key: str) -> str:
    """Spark's get_json_object path of one key: `$['key']`, or `$.key` when the key has a quote or a
    backslash (key_problem refuses those that also have a dot or a bracket)."""
    return f"$.{key}" if set(key) & set("'\\") else f"$['{key}']"


@ibis.udf.scalar.builtin(name="json_extract_string")
def _duckdb_text(doc: str, path: str) -> str: ...


@ibis.udf.scalar.builtin(name="get_json_object")
def _spark_text(doc: str, path: str) -> str: ...


def text(custom: ibis.Value, key: str, engine: str) -> ibis.StringValue:
    """The attribute's text (null when the customer has no such attribute)."""
    doc = custom if custom.type().is_string() else custom.cast("string")
    if engine == "pyspark":
        return _spark_text(doc, ibis.literal(spark_path(key), type=dt.string))
    return _duckdb_text(doc, ibis.literal(json_pointer(key), type=dt.string))


def number(value: ibis.StringValue) -> ibis.NumericValue:
    return value.re_search(NUMBER_TEXT).ifelse(value.try_cast("float64"), ibis.null("float64"))


def date(value: ibis.StringValue) -> ibis.DateValue:
    return value.re_search(DATE_TEXT).ifelse(value.try_cast("date"), ibis.null("date"))


# The rule field that reads an import field which is no filter of its own
RULE_FIELD = {"birth_year": "age"}


def _attribute_calls(node) -> list:
    """Every attribute("...") call of a rule, wherever it stands (either side of a comparison)."""
    from segmint.rules import ast

    found, stack = [], [node]
    while stack:
        item = stack.pop()
        if isinstance(item, ast.Call) and item.name == "attribute":
            found.append(item)
        elif dataclasses.is_dataclass(item) and not isinstance(item, type):
            stack.extend(getattr(item, f.name) for f in dataclasses.fields(item))
        elif isinstance(item, list | tuple):
            stack.extend(item)
    return found


def matching_nobody(raw, tree) -> list:
    """RuleErrors for attribute("...") calls that would match nobody for a reason the user can fix, asked
    where a rule is defined (segments.store.check_rule_groups), never by a refresh, so a stored rule keeps
    refreshing. Only keys no customer holds are looked at, so a workspace whose customers hold the
    attribute reads it as before:

    - attribute("Education") whose header the import stores in a field of its own (ingest/fields.py:
      Education is `education`, Dt_Customer `signup_date`, Year_Birth `birth_year`): the field is named;
    - attribute("kidhome") where the customers hold "Kidhome" (keys are exact, as JSON keys are): the
      key they hold is named (misspelled). A key like no held one passes: its column may come later."""
    from segmint.ingest.fields import header_key
    from segmint.ingest.mapping import recognised
    from segmint.rules.fields import CATALOGUE

    errors, held_keys = [], None
    for call in _attribute_calls(tree):
        key = call.args[0].value if call.args and isinstance(call.args[0].value, str) else None
        if key is None or key_problem(key) is not None or _held(raw, key):
            continue
        field = recognised("customers").get(header_key(key))
        use = RULE_FIELD.get(field, field if field in CATALOGUE else None)
        if use is not None:
            message = (
                f'attribute("{key}") matches nobody: the import stores a column headed {key!r} in the field '
                f"{field}, not as a custom attribute; write {use} instead"
            )
            errors.append(_error(message, call, tree, "attribute.field", key=key, field=field, use=use))
            continue
        held_keys = _held_keys(raw) if held_keys is None else held_keys
        hint = misspelled(key, held_keys)
        if hint is not None:
            message = (
                f'attribute("{key}") matches nobody: no customer has an attribute {key!r} (the column '
                f"header, exactly as imported); did you mean {hint!r}?"
            )
            errors.append(_error(message, call, tree, "attribute.unknown.hint", key=key, hint=hint))
    return errors


def misspelled(key: str, held: list[str]) -> str | None:
    """The held key `key` most likely means: the same but for case, spaces, _ and -, else the closest."""
    import difflib

    def bare(text: str) -> str:
        return "".join(c for c in text.casefold() if c not in " _-")

    same = [name for name in held if bare(name) == bare(key)]
    if same:
        return same[0]
    by_bare = {bare(name): name for name in held}
    close = difflib.get_close_matches(bare(key), list(by_bare), n=1, cutoff=0.8)
    return by_bare[close[0]] if close else None


def _held(raw, key: str) -> bool:
    (held,) = raw.execute(
        "SELECT count(*) FROM (SELECT 1 FROM customers WHERE json_extract_string(custom, ?) IS NOT NULL "
        "LIMIT 1)",
        [json_pointer(key)],
    ).fetchone()
    return bool(held)


def _held_keys(raw) -> list[str]:
    """The attribute keys the customers hold, sorted (the imports keep one set of headers: few keys)."""
    rows = raw.execute(
        "SELECT DISTINCT unnest(json_keys(custom)) AS key FROM customers WHERE custom IS NOT NULL ORDER BY 1"
    ).fetchall()
    return [key for (key,) in rows]


def _error(message: str, call, tree, code: str, **params):
    from segmint.errors import RuleError

    pos = call.pos
    error = RuleError(
        message, pos.line if pos else None, pos.column if pos else None, tree.source, code=code, params=params
    )
    error.node = call
    return error
