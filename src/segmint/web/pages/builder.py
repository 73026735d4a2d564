"""The segment builder: the visual form and the rule text side by side, a live member count, and saving.

Visual -> text: the posted form becomes a draft tree (builder.draft), written as rule text and parsed by
segmint.rules.parse_rule, which checks it; the canonical text (segmint.rules.render) is shown.
Text -> visual: the text is parsed into the rule tree and the form is rendered from it (builder.from_ast).
The count is segmint.api.preview's, the same the API's POST /segments/preview answers; the status panel
asks for it once drawn (pages/counting.py).
"""

from __future__ import annotations

import secrets

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from segmint import segments as library
from segmint.api.routes.common import WorkspaceDep
from segmint.errors import RuleError, SegmintError
from segmint.rules import parse_rule, render
from segmint.segments.model import SegmentError, check_kind
from segmint.segments.store import check_rule_groups
from segmint.web.builder import catalogue
from segmint.web.builder.draft import Cond, Group, apply, from_form, to_text
from segmint.web.builder.from_ast import draft_of
from segmint.web.builder.value_check import unknown_values
from segmint.web.builder.values import families_of, suggestions
from segmint.web.cache import fingerprint
from segmint.web.i18n import choose_language, translator
from segmint.web.pages.counting import next_sequence
from segmint.web.render import link, page
from segmint.web.session import checked_form, require_role, user

router = APIRouter(prefix="/ui/builder", include_in_schema=False, dependencies=[Depends(user)])


def evaluate(ws, text: str) -> dict:
    """What the status panel shows for a rule text: its canonical form (its count is asked for by the
    panel), or the rule error with line and column (a family group the workspace lacks is one)."""
    if not text.strip():
        return {"text": "", "error": None, "seq": next_sequence()}
    try:
        tree = parse_rule(text)
        check_rule_groups(ws, tree)  # a family's group the workspace does not have matches nobody
        found = {"text": render(tree), "error": None, "seq": next_sequence()}
        return found | {"warnings": unknown_values(ws, tree)}  # a value no row has: valid, counts nobody
    except RuleError as exc:
        return {"text": text, "error": exc, "seq": next_sequence()}


def tree_context(ws, root: Group) -> dict:
    """The draft and the suggestions its text inputs offer (`list_families`: the family of a list of
    group keys, which the page labels)."""
    lists: dict[str, list[str]] = {}
    mark = fingerprint(ws)
    stack: list = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, Group):
            stack.extend(node.items)
        elif isinstance(node, Cond) and (item := catalogue.get(node.field)):
            lists.setdefault(item.name, suggestions(ws, item.name, mark=mark))
            for param in item.params:
                lists.setdefault(f"{item.name}.{param}", suggestions(ws, item.name, param, mark=mark))
    shown = [name for name, values in lists.items() if values]
    return {"root": root, "lists": lists, "list_families": families_of(ws, shown), "catalogue": catalogue}


@router.get("")
def builder_page(
    request: Request,
    ws: WorkspaceDep,
    segment: str | None = None,
    rule: str | None = None,
    name: str | None = None,
    description: str | None = None,
) -> Response:
    """A new segment, an existing one (?segment=NAME), or a rule to start from (?rule=, as the clusters
    page links a cluster's approximating rule; with ?segment= too it replaces the segment's rule). ?name=
    and ?description= fill in the save form (resume_url: the work of a save made after the session
    ended comes back this way)."""
    original = library.find(ws, segment) if segment else None
    start = rule or (original.rule if original is not None else None)
    root = draft_of(parse_rule(start)) if start and _parses(start) else Group("and", False, [Cond()])
    # a rule that does not parse stays as it was typed, with its error: the address keeps the text of every
    # edit (HX-Replace-Url), so a reload, Back or a sign-in after the session ended brings it back as such
    text = to_text(root, ws.settings.currency)[0] if not start or _parses(start) else start
    context = {
        **tree_context(ws, root),
        "status": evaluate(ws, text),
        "problems": [],
        "families": catalogue.by_family(),
        "original": original,
        "save_error": None,
        "page_id": secrets.token_hex(8),
        "form_name": name,
        "form_description": description,
    }
    if segment and original is None:  # a stale link: say so rather than quietly start a new segment
        context["notice"] = translator(choose_language(request)[0])("builder_no_segment", name=segment)
    return page(request, "builder.html", context)


def address(form, text: str) -> str:
    """The page's address from now on: this rule's builder (and the segment edited), given to htmx as
    HX-Replace-Url, so reload, Back and Forward draw the builder with the rule as it was left, its form
    and its count agreeing (the browser alone would restore only the text), and the language links
    (re-drawn out of band) keep the rule too."""
    return link("/ui/builder", segment=form.get("segment") or None, rule=text or None)


@router.get("/fields")
def field_list(request: Request, q: str = "") -> Response:
    return page(request, "builder/_fields.html", {"families": catalogue.search(q)})


@router.post("/update")
def update(request: Request, ws: WorkspaceDep, form=Depends(checked_form)) -> Response:
    """From the visual form: mode=render answers the re-drawn form (after a structural change) and the
    status; mode=sync (typing in a value) answers only the status and the text."""
    root = from_form(form)
    action = str(form.get("action") or "")
    if action:
        apply(root, action.replace("@target", str(form.get("target") or "r")))
    text, problems = to_text(root, ws.settings.currency)
    context = {
        **tree_context(ws, root),
        "status": evaluate(ws, text),
        "problems": problems,
        "oob": True,
        "page_id": form.get("page_id"),
        "address": address(form, text),
    }
    template = "builder/_update.html" if form.get("mode") == "render" else "builder/_sync.html"
    return page(request, template, context, headers={"HX-Replace-Url": context["address"]})


@router.post("/text")
def from_text(request: Request, ws: WorkspaceDep, form=Depends(checked_form)) -> Response:
    """From the rule text: the form re-drawn from the parsed rule, or (on an error) only the status."""
    text = str(form.get("rule_text") or "")
    status = evaluate(ws, text)
    status["text"] = text  # the user's own text stays as typed
    moved = {"address": address(form, text), "oob": True, "page_id": form.get("page_id")}
    headers = {"HX-Replace-Url": moved["address"]}
    if status["error"] is not None or not text.strip():
        context = {"status": status, "problems": [], **moved}
        return page(request, "builder/_status_only.html", context, headers={"HX-Reswap": "none", **headers})
    root = draft_of(parse_rule(text))
    context = {**tree_context(ws, root), "status": status, "problems": [], **moved}
    return page(request, "builder/_from_text.html", context, headers=headers)


@router.post("/save")
def save(request: Request, ws: WorkspaceDep, form=Depends(checked_form)) -> Response:
    require_role(request.state.user, "editor")
    name = str(form.get("name") or "").strip()
    text = str(form.get("rule_text") or "").strip()
    kind = str(form.get("kind") or "dynamic")  # an edit's form sends none (its kind stays)
    # an emptied field removes an edited segment's description, as the API's "" and the CLI's -d "" do
    # (None is "unchanged" to library.edit: the old text stayed, and the page said it was saved)
    description = str(form.get("description") or "").strip() if "description" in form else None
    original = str(form.get("original") or "").strip()
    original_id = str(form.get("original_id") or "").strip()
    editing = library.find(ws, original) if original else None

    def refused(message: str | Exception, editing) -> Response:
        """The builder again with what was typed and why nothing was saved."""
        root = draft_of(parse_rule(text)) if _parses(text) else Group("and", False, [Cond()])
        context = {
            **tree_context(ws, root),
            "status": evaluate(ws, text),
            "problems": [],
            "families": catalogue.by_family(),
            "original": editing,
            "save_error": message,
            "form_name": name,
            "page_id": secrets.token_hex(8),
            "form_description": description,
            "form_kind": kind,
        }
        return page(request, "builder.html", context, status_code=400)

    try:
        check_kind(kind)  # kind.unknown: any other value saved a dynamic segment
    except SegmentError as exc:
        return refused(exc, editing)
    if original and (editing is None or (original_id and editing.segment_id != original_id)):
        # the segment this page edits was renamed or deleted since the page was drawn: saving would
        # have made a new segment under the old name (or changed another one that took it)
        return refused(_gone_message(ws, request, original, original_id), None)
    running = request.app.state.refreshes.busy()  # checked under the request lock (api/refreshing.py)
    if running is not None:  # a refresh would replace the results saving writes, or fail on them
        t = translator(choose_language(request)[0])
        response = refused(t("refresh_running_refused", refresh_id=running.refresh_id), editing)
        response.status_code = 409
        return response
    try:
        if editing is not None:
            # a static segment picked by id has no rule: no text keeps its members (name and description
            # change only); a rule would replace them. Its own rule, sent back as the page shows it, keeps
            # them too (library.edit compares the rules' canonical forms)
            keep = not text and editing.kind == "static" and not editing.rule
            rule = None if keep else text
            segment = library.edit(ws, original, rule=rule, description=description, new_name=name or None)
        else:
            segment = library.create(ws, name, text or None, kind, description=description or None)
    except SegmintError as exc:
        return refused(exc, editing)
    return RedirectResponse(link("/ui/segment", name=segment.name), status_code=303)


def _gone_message(ws, request: Request, original: str, original_id: str) -> str:
    """Why an edit was not saved: its segment has another name now, or is gone."""
    t = translator(choose_language(request)[0])
    now = next((s for s in library.all_segments(ws) if original_id and s.segment_id == original_id), None)
    if now is not None:
        return t("builder_segment_renamed", name=original, new_name=now.name)
    return t("builder_segment_gone", name=original)


def _parses(text: str) -> bool:
    try:
        parse_rule(text)
    except RuleError:
        return False
    return bool(text)


def resume_url(form, currency: str | None = None) -> str:
    """The builder with a posted form's work (rule text, name, description, the segment edited) for a
    request that came without a valid session: after signing in the user goes on where they were, rather
    than to the GET of a form's target. The rule text is the text form's, else the visual form's (its
    amounts read in the workspace's `currency`)."""
    text = str(form.get("rule_text") or "").strip()
    if not text and any(str(key).startswith("r.") for key in form):
        text = to_text(from_form(form), currency)[0]
    if not text:
        text = str(form.get("rule") or "").strip()  # the count's request carries the rule as `rule`
    fields = {"segment": form.get("original"), "rule": text, "name": form.get("name")}
    fields["description"] = form.get("description")
    return link("/ui/builder", **{key: str(value) for key, value in fields.items() if value})
