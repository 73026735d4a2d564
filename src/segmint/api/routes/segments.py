"""Segments: list, create, read, update, delete; and a rule's check and preview before it is saved.

Reading needs the viewer role, changing the editor role. Validate and preview write nothing, so a viewer
may use them.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field, WithJsonSchema

from segmint import segments as library
from segmint.api.auth import AuthFirst, editor, viewer
from segmint.api.errors import CONFLICT, ERROR_RESPONSES, RequestBody
from segmint.api.preview import preview
from segmint.api.routes.common import LocalTime, WorkspaceDep, plain, segment_or_404
from segmint.error_details import rule_details
from segmint.errors import RuleError
from segmint.rules import parse_rule, render
from segmint.rules.compile import check_segment_names
from segmint.rules.json_form import from_json
from segmint.segments.store import check_rule_groups
from segmint.web.builder.value_check import unknown_values
from segmint.web.i18n import translator

router = APIRouter(
    prefix="/segments",
    tags=["segments"],
    dependencies=[viewer],
    responses=ERROR_RESPONSES,
    route_class=AuthFirst,  # the token is checked before the body is read
)


class SegmentOut(BaseModel):
    name: str
    kind: Literal["static", "dynamic"]
    rule: str | None
    description: str | None
    size: int
    as_of: dt.date | None = None
    created_at: LocalTime | None = None
    updated_at: LocalTime | None = None
    warnings: list[str] = Field(
        [],
        description="What may be wrong with the stored rule, e.g. a value naming a group the RFM map no "
        "longer has (that condition matches nobody)",
    )


class SegmentList(BaseModel):
    segments: list[SegmentOut]


# The longest rule the API takes, text or the text a JSON form stands for, refused with the rules' own code
# (rule.too_long, {"limit"}): it was the body model's max_length, a 422 at body.rule.constrained-str with no
# code a client words. Below the library's 100,000 (rules.parse.MAX_LENGTH): compiling grows faster than the
# rule (2,000 or-ed bought(...) conditions, 59,000 characters, took 88 s; 700 of them, 20,000 characters,
# 6 s), and a viewer's preview holds the workspace's turn meanwhile.
MAX_RULE = 20_000
# A rule as text or in its JSON form (docs/rules.md, "JSON form"), which is stored as the text it stands for;
# the text's maxLength is documented for a generated client, and checked by _text.
RuleBody = Annotated[str, WithJsonSchema({"type": "string", "maxLength": MAX_RULE})] | dict[str, Any]


def _text(rule: str | dict[str, Any] | None, ws=None, new_name: str | None = None) -> str | None:
    """The rule as text: its JSON form is read (a RuleError names the JSON path) and written back. With
    the workspace, a JSON rule's values are checked against its family groups and its in_segment names
    against the stored segments (and `new_name`, the one being created) here, so that their errors too
    name the JSON path, as docs/api.md says, not a line and column of the text the library would
    otherwise check. Longer than MAX_RULE: rule.too_long."""
    if isinstance(rule, dict):
        checks = []
        if ws is not None:
            known = {segment.name: segment for segment in library.all_segments(ws)}
            if new_name is not None:
                known.setdefault(new_name, None)  # reading itself is the library's cycle error
            checks = [lambda tree: check_rule_groups(ws, tree), lambda tree: check_segment_names(tree, known)]
        rule = render(from_json(rule, checks=checks))
    if rule is not None and len(rule) > MAX_RULE:
        message = f"the rule is longer than {MAX_RULE} characters"
        raise RuleError(message, code="rule.too_long", params={"limit": MAX_RULE})
    return rule


class SegmentCreate(RequestBody):
    name: str = Field(min_length=1, max_length=200, examples=["Сплячі VIP"])
    rule: RuleBody | None = Field(None, examples=['rfm.group = "At Risk" and total_spent > 5000'])
    kind: Literal["static", "dynamic"] = "dynamic"
    description: str | None = Field(None, max_length=2_000)
    members: list[str] | None = Field(
        None, description="Customer ids of a static segment (instead of a rule)"
    )


class SegmentPatch(RequestBody):
    name: str | None = Field(None, min_length=1, max_length=200, description="A new name (history is kept)")
    rule: RuleBody | None = None
    description: str | None = Field(None, max_length=2_000)
    add: list[str] | None = Field(None, description="Customer ids to add to a static segment")
    remove: list[str] | None = Field(None, description="Customer ids to remove from a static segment")
    refreeze: bool = Field(
        False,
        description="Freeze a static segment's members again from its rule, as of now (its own rule sent "
        "again keeps them)",
    )


class RuleIn(RequestBody):
    rule: RuleBody = Field(examples=['city = "Київ" and orders(within = 90d) >= 2'])


class RuleProblem(BaseModel):
    message: str
    line: int | None
    column: int | None
    caret: str | None = None
    code: str | None = Field(
        None, description="The error's stable code (docs/rules.md), e.g. unknown_name.hint"
    )
    params: dict[str, Any] = Field({}, description="The names and values the message quotes, by name")


class Validation(BaseModel):
    ok: bool
    rule: str | None = Field(None, description="The rule as segmint writes it back, when it is valid")
    errors: list[RuleProblem] = []


class PreviewIn(RuleIn):
    sample: int = Field(10, ge=0, le=100, description="How many members to return as a sample")


class ValueNote(BaseModel):
    """A text value of the rule that no row has (web/builder/value_check.py): valid, but it selects nobody."""

    code: Literal["value_not_in_data", "value_not_in_data_hint", "value_field_empty"]
    params: dict[str, str] = Field(description="field, and value and hint where the code names them")
    message: str


class Preview(BaseModel):
    count: int
    as_of: dt.date
    sample: list[dict[str, Any]]
    notes: list[ValueNote] = Field(
        default_factory=list,
        description="Each text value of the rule that no row has, with the nearest one the data has, as "
        'the web builder names it under the rule (`bought(category = "Fashion")` where the lines say '
        '"fashion")',
    )


def _out(ws, segment) -> SegmentOut:
    """The segment as `segmint segments show --json` gives it (segments.summary), with the warnings of a
    stored rule naming a group the RFM map dropped since it was saved."""
    return SegmentOut(**library.summary(ws, segment.name))


@router.get("", response_model=SegmentList, summary="Every segment with its kind, rule and size")
def list_segments(ws: WorkspaceDep) -> SegmentList:
    created = {s.name: s.created_at for s in library.all_segments(ws)}
    rows = library.overview(ws)["segments"]  # with each one's warnings
    return SegmentList(segments=[{**row, "created_at": created.get(row["name"])} for row in rows])


@router.post(
    "",
    response_model=SegmentOut,
    status_code=201,
    dependencies=[editor],
    summary="Create a segment",
    responses=CONFLICT,
)
def create_segment(body: SegmentCreate, ws: WorkspaceDep, request: Request) -> SegmentOut:
    request.app.state.refreshes.refuse_while_busy("saving a segment")  # its results would be replaced
    segment = library.create(
        ws,
        body.name,
        _text(body.rule, ws, body.name),
        body.kind,
        description=body.description,
        members=body.members,
    )
    return _out(ws, segment)


@router.post(
    "/validate", response_model=Validation, summary="Check a rule: ok, or errors with line and column"
)
def validate_rule(body: RuleIn, ws: WorkspaceDep) -> Validation:
    try:
        tree = parse_rule(_text(body.rule, ws))
        check_rule_groups(ws, tree)  # a family's group the workspace does not have
        check_segment_names(tree, {segment.name: segment for segment in library.all_segments(ws)})
    except RuleError as exc:
        return Validation(ok=False, errors=[RuleProblem(message=exc.message, **rule_details(exc))])
    return Validation(ok=True, rule=render(tree))


@router.post("/preview", response_model=Preview, summary="Count and sample the customers a rule selects now")
def preview_rule(body: PreviewIn, ws: WorkspaceDep) -> Preview:
    text = _text(body.rule, ws)
    found = plain(preview(ws, text, body.sample))
    english = translator("en")
    notes = [
        ValueNote(code=note["key"], params=note["values"], message=english(note["key"], **note["values"]))
        for note in unknown_values(ws, parse_rule(text))
    ]
    return Preview(**found, notes=notes)


@router.get("/{name}", response_model=SegmentOut, summary="One segment")
def get_segment(name: str, ws: WorkspaceDep) -> SegmentOut:
    return _out(ws, segment_or_404(ws, name))


@router.patch(
    "/{name}",
    response_model=SegmentOut,
    dependencies=[editor],
    summary="Change a segment",
    responses=CONFLICT,
)
def edit_segment(name: str, body: SegmentPatch, ws: WorkspaceDep, request: Request) -> SegmentOut:
    request.app.state.refreshes.refuse_while_busy("changing a segment")
    stored = segment_or_404(ws, name)
    rule = _text(body.rule)
    if rule is not None and rule != stored.rule:  # as edit: the rule as stored may name a group since gone
        rule = _text(body.rule, ws)
    # one transaction: a refused add or remove (an unknown id, a dynamic segment) leaves the name,
    # description and rule as they were too, as a 400 says; they were committed before it
    with ws.transaction():
        # "description": null removes it, as "" does (to the library None is "unchanged"): it was a 200
        # that kept the old text
        cleared = body.description is None and "description" in body.model_fields_set
        description = "" if cleared else body.description
        segment = library.edit(ws, name, rule=rule, description=description, refreeze=body.refreeze)
        if body.add or body.remove:  # both or neither
            library.change_members(ws, segment.name, add=body.add, remove=body.remove)
        if body.name is not None:  # last: a refused remove names the segment as it is still called
            segment = library.edit(ws, segment.name, new_name=body.name)
    return _out(ws, library.get(ws, segment.name))  # as stored: updated_at moves with the members too


@router.delete(
    "/{name}",
    status_code=204,
    dependencies=[editor],
    summary="Delete a segment and its history",
    responses=CONFLICT,
)
def delete_segment(name: str, ws: WorkspaceDep, request: Request) -> Response:
    request.app.state.refreshes.refuse_while_busy("deleting a segment")  # the refresh writes its history
    segment_or_404(ws, name)
    library.delete(ws, name)
    return Response(status_code=204)
