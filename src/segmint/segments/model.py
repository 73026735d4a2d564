"""What a stored segment is, and reading definitions back from the workspace."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from segmint.errors import CodedError
from segmint.store.files import UNREADABLE, unreadable
from segmint.store.names import check_addressable, nearest_name

KINDS = ("static", "dynamic")
MAX_NAME_LENGTH = 200
MEMBER_GROUP = "member"  # the group_name a segment's rows carry in membership_history
# zero-width spaces and joiners' kin, direction marks and overrides, the BOM: they make two different
# names look the same (ZWJ and ZWNJ are left alone: emoji and Persian text need them)
INVISIBLE = frozenset(
    "\u200b\u2060\ufeff\u00ad"  # zero-width space, word joiner, BOM, soft hyphen
    "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"  # direction marks
)


class SegmentError(CodedError, ValueError):
    """A segment operation that cannot be done: unknown or duplicate name, bad kind, unknown customer ids.
    Its `code` and `params` are worded by web/segment_errors.py (a CodedError). `cause` is the error it
    wraps, when it places another one (a YAML file's segment with a bad rule: the file and line, then the
    rule's error), so the interface words that one too. `problems` are the errors it lists, when it
    refuses several things at once (a YAML file's bad entries: file.several), each worded as it is alone."""

    def __init__(
        self,
        message: str,
        *,
        code: str,
        params: dict | None = None,
        cause: BaseException | None = None,
        problems: list[SegmentError] | None = None,
    ):
        super().__init__(message, code=code, params=params)
        self.cause = cause
        self.problems = list(problems or [])


def unreadable_file(path, exc: OSError) -> Exception:
    """The coded error of a file named to be read that could not be opened: file.missing, file.folder or
    file.permission (store.files.UNREADABLE), worded in the workspace's language where the operating
    system's text ("Is a directory") is English; `exc` itself for another OSError."""
    code = unreadable(exc)
    if code is None:
        return exc
    return SegmentError(f"{path}: {UNREADABLE[code]}", code=f"file.{code}", params={"file": str(path)})


@dataclass(frozen=True)
class Segment:
    segment_id: str
    name: str
    kind: str  # 'static' or 'dynamic'
    rule: str | None
    description: str | None = None
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None

    @property
    def column(self) -> str:
        """The column this segment gets in a frame of many rules (ids are safe identifiers)."""
        return f"s_{self.segment_id}"

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "kind": self.kind,
            "rule": self.rule,
            "description": self.description,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
        }


_COLUMNS = "segment_id, name, kind, rule, description, created_at, updated_at"


def all_segments(ws) -> list[Segment]:
    """Every segment, in the order they were created."""
    rows = ws.raw.execute(f"SELECT {_COLUMNS} FROM segments ORDER BY created_at, name").fetchall()
    return [Segment(*row) for row in rows]


def spelling(name: str) -> str:
    """A name in its one stored spelling: trimmed, NFC, and every Unicode space (no-break, thin,
    ideographic: what a copy from a web page or PDF brings) an ordinary space, so names that look the
    same are the same name."""
    name = "".join(" " if unicodedata.category(ch) == "Zs" else ch for ch in name)
    return unicodedata.normalize("NFC", name.strip())


def stored_name(names: Collection[str], name) -> str | None:
    """The one of `names` (stored segment names, each in its one spelling: check_name, migration 0024)
    that `name` names, as find() looks it up: in_segment("Мій\u00a0сегмент ") reads the segment
    `segments show` finds by that name."""
    if not isinstance(name, str):
        return None
    name = spelling(name)
    return name if name in names else None


def find(ws, name: str) -> Segment | None:
    """The segment called `name` in any spelling of it: names are stored in their one spelling, so the
    spelling of `name` is the one looked up."""
    if not isinstance(name, str):
        return None
    row = ws.raw.execute(f"SELECT {_COLUMNS} FROM segments WHERE name = ?", [spelling(name)]).fetchone()
    return Segment(*row) if row else None


def get(ws, name: str, *, families: Sequence[str] = ()) -> Segment:
    """The segment called `name`; otherwise a SegmentError that names the nearest name (a typo such as
    'rmf') and lists the known ones. `families` are the other names the caller takes (history questions
    take a family too): they are suggested and listed as well."""
    segment = find(ws, name)
    if segment is None:
        raise unknown(name, [s.name for s in all_segments(ws)], families)
    return segment


LISTED = 20  # the known segments an unknown name's error lists


def unknown(name, known: Sequence[str], families: Sequence[str] = ()) -> SegmentError:
    """The error for a name that is no segment (nor one of `families`), with the closest name if any
    (found among all of them; only the first LISTED are listed, and `more` says how many are not)."""
    every, families = list(known), list(families)
    known = every[:LISTED]
    params: dict = {"name": name, "known": known}
    message = f"no segment named {name!r}"
    if isinstance(name, str):
        hint = nearest_name([*every, *families], spelling(name))
        if hint:
            params["hint"] = hint
            message += f" (did you mean {params['hint']!r}?)"
    if families:
        params["families"] = families
        message += f"; families: {', '.join(families)}"
    message += f"; known segments: {', '.join(known)}" if known else "; there are no segments yet"
    if len(every) > len(known):
        params["more"] = len(every) - len(known)
        message += f" and {params['more']} more"
    return SegmentError(message, code="segment.unknown", params=params)


def check_name(name: str) -> str:
    """A segment name: any Unicode text, trimmed and in one spelling (NFC: "й" typed as и + a combining
    breve is the same name; a no-break space is a space), without control or invisible characters (two
    names that look the same are one name), without "/" and other than "." and ".." (the REST API
    addresses a segment by its name in the URL path, where clients resolve those two as path steps)."""
    if not isinstance(name, str) or not name.strip():
        raise SegmentError("a segment needs a name", code="name.empty")
    name = spelling(name)
    if len(name) > MAX_NAME_LENGTH:
        raise SegmentError(
            f"a segment name is at most {MAX_NAME_LENGTH} characters",
            code="name.too_long",
            params={"limit": MAX_NAME_LENGTH},
        )
    if any(unicodedata.category(ch) in ("Cc", "Cs") for ch in name):
        raise SegmentError(
            f"segment name {name!r} contains a control character", code="name.control", params={"name": name}
        )
    hidden = [ch for ch in name if ch in INVISIBLE]
    if hidden:
        character = f"U+{ord(hidden[0]):04X}"
        raise SegmentError(
            f"segment name {name!r} contains an invisible character ({character})",
            code="name.invisible",
            params={"name": name, "character": character},
        )
    check_addressable(name, "segment", error=SegmentError, code="name.")  # name.slash, name.dots
    return name


def check_kind(kind: str) -> str:
    if kind not in KINDS:
        raise SegmentError(
            f"a segment is 'static' or 'dynamic', not {kind!r}", code="kind.unknown", params={"kind": kind}
        )
    return kind
