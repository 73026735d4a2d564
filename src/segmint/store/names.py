"""The checks and look-ups of the names people give segments, campaigns and triggers, written once for the
three (each had its own copy): plain Python, so the light modules that name things import it cheaply."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from segmint.ingest.spelling import group_key

# why a name cannot stand in a REST API path, by the ending of its code (params: name)
UNADDRESSABLE = {
    "slash": "contains '/'",
    "dots": "is a path step ('.' or '..')",
}


def check_addressable(name: str, what: str, *, error: Callable[..., Exception], code: str) -> None:
    """Refuse a name the REST API could not address: it names a segment, campaign or trigger in the URL
    path (/segments/{name}, /campaigns/{name}/send, /triggers/{name}), where a "/" splits the name and
    clients and browsers resolve "." and ".." as path steps (/segments/.. is / before it is sent). `what`
    is the thing named ("segment"), `error` its error class, and `code` the start of its codes: "name."
    gives name.slash and name.dots (the endings are UNADDRESSABLE's)."""
    problem = "slash" if "/" in name else "dots" if name in (".", "..") else None
    if problem is not None:
        raise error(
            f"{what} name {name!r} {UNADDRESSABLE[problem]}: the REST API could not address it",
            code=f"{code}{problem}",
            params={"name": name},
        )


def nearest_name(names: Iterable[str], typed: str) -> str | None:
    """The one of `names` a mistyped name probably meant ("At Rsk" -> "At Risk", "Bgi" -> "Big"), matched
    as a rule matches groups (any case, apostrophe or spacing): the one hint of every refusal of an
    unknown segment, family, group, target or campaign, so each suggests the same name for a typo."""
    import difflib  # (only on a refusal)

    keys = {group_key(name): name for name in names}
    found = difflib.get_close_matches(group_key(typed).lower(), list(keys), n=1, cutoff=0.6)
    return keys[found[0]] if found else None
