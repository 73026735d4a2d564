"""docs/segments.md's and docs/rules.md's examples, run as written on a demo shop, so the docs cannot drift
from the code: every CLI line's options are the command's own (and every option a segments command has is
in the command reference), the documented --json documents have the keys the commands print, the YAML and
Python examples run, the rules of docs/rules.md parse and evaluate, and its error blocks are the errors;
the command lines of the other pages (docs/clv.md, campaigns.md, …) name options their commands take."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main
from tests.cli import ok

import segmint
from segmint.rules import parse_rule, select_members, to_json

REPO = Path(__file__).resolve().parents[1]
SEGMENTS = (REPO / "docs" / "segments.md").read_text(encoding="utf-8")
RULES = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
SKIP = {"--help", "--workspace", "-w"}  # every command has them; the reference leaves them out


def section(text: str, heading: str) -> str:
    """A `## ` or `### ` section's text, up to the next heading of any level."""
    return re.search(rf"^#+ {re.escape(heading)}\n(.*?)(?=^#+ |\Z)", text, re.S | re.M).group(1)


def blocks(text: str, language: str = "") -> list[str]:
    """The fenced code blocks written with that language (`` ``` `` alone for '')."""
    return re.findall(rf"^```{language}\n(.*?)^```", text, re.S | re.M)


def cli_lines(block: str) -> list[str]:
    """The `segmint …` lines of a block, the comment or description after two spaces cut off; a line that
    goes on (indented, after a `segmint` line) is joined to it."""
    lines: list[str] = []
    for raw in block.splitlines():
        line = re.split(r"\s{2,}(?:#|[a-z(])", raw.strip() + "  x", maxsplit=1)[0].strip()
        if raw.startswith("segmint "):
            lines.append(line)
        elif raw.startswith(" ") and line.startswith("[") and lines:
            lines[-1] += " " + line
    return lines


@pytest.fixture(scope="module")
def cli():
    from segmint.cli.main import _register_command_groups, app

    _register_command_groups()
    return typer.main.get_command(app)


def command_of(cli, line: str) -> tuple:
    words = shlex.split(line)[1:]
    command, path = cli, []
    while hasattr(command, "commands"):  # a group (Typer's own click, not click's classes)
        path.append(words[len(path)])
        command = command.commands[path[-1]]
    return " ".join(path), command


def documented_options(line: str) -> dict[str, list[str]]:
    """Each option a synopsis line names, with the values it spells as `a|b|c` (none when it has a
    placeholder such as DATE)."""
    found: dict[str, list[str]] = {}
    for match in re.finditer(r"(?<![\w-])(--?[a-z][\w-]*)(?:[ =]([a-z][\w]*(?:\|[a-z]\w*)+))?", line):
        found.setdefault(match.group(1), match.group(2).split("|") if match.group(2) else [])
    return found


def options_of(command) -> dict:
    return {opt: p for p in command.params for opt in [*p.opts, *p.secondary_opts] if opt.startswith("-")}


def reference_lines() -> list[str]:
    return cli_lines(blocks(section(SEGMENTS, "Command reference"))[0])


def test_the_command_reference_is_the_commands(cli):
    """Every option a line of the reference (or of the Refresh and movement examples) names is one the
    command takes, with the values it takes; every option a segments command (and refresh) has is named
    in the reference."""
    examples = cli_lines(blocks(section(SEGMENTS, "Refresh"), "bash")[0])
    examples += cli_lines(blocks(section(SEGMENTS, "Questions about movement"), "bash")[0])
    reference = reference_lines()
    assert len(reference) >= 12 and len(examples) >= 8
    named: dict[str, set[str]] = {}
    for line in reference + examples:
        path, command = command_of(cli, line)
        takes = options_of(command)
        for option, values in documented_options(line).items():
            assert option in takes, f"docs/segments.md: `{line}`: segmint {path} has no option {option}"
            metavar = takes[option].metavar or ""
            if values and metavar.startswith("["):
                assert values == metavar.strip("[]").split("|"), f"`{line}`: {option} takes {metavar}"
            if line in reference:
                named.setdefault(path, set()).add(takes[option].name)
    for name, command in cli.commands["segments"].commands.items():
        missing = {
            o
            for p in command.params
            for o in p.opts
            if o.startswith("--") and p.name not in named.get(f"segments {name}", set())
        } - SKIP
        assert not missing, f"docs/segments.md's command reference: segments {name} also takes {missing}"
    missing = {
        o
        for p in cli.commands["refresh"].params
        for o in p.opts
        if o.startswith("--") and p.name not in named["refresh"]
    } - SKIP
    assert not missing, f"docs/segments.md's command reference: refresh also takes {missing}"


@pytest.fixture(scope="module")
def shop(tmp_path_factory) -> Path:
    """A refreshed demo shop with the docs' YAML example loaded (its segments, its static list)."""
    folder = tmp_path_factory.mktemp("docs-shop")
    ok("demo", folder / "shop", "--customers", "100", cwd=folder)
    yaml = folder / "segments.yaml"
    yaml.write_text(blocks(section(SEGMENTS, "YAML"), "yaml")[0], encoding="utf-8")
    ok("-w", folder / "shop", "segments", "load", yaml)
    return folder / "shop"


def keys(document, depth: int = 2) -> set[str]:
    """The keys of a JSON document and of its dicts and lists' first dicts, `depth` levels down."""
    if depth < 0:
        return set()
    if isinstance(document, list):
        return keys(document[0], depth) if document and isinstance(document[0], (dict, list)) else set()
    if not isinstance(document, dict):
        return set()
    return set(document) | {k for v in document.values() for k in keys(v, depth - 1)}


def quoted_keys(text: str) -> set[str]:
    """The keys a documented shape such as `{"name", "from": …, "groups": [...]}` names."""
    return {key for colon, key in re.findall(r'(:\s*)?"(\w+)"', text) if not colon}  # not `"format": "yaml"`


def run_json(shop: Path, *args) -> dict:
    return json.loads(ok("-w", shop, *args, "--json").stdout)


def test_list_json_is_the_documented_document(shop):
    text = re.search(r"`list --json` prints one document:\n\n```json\n(.*?)```", SEGMENTS, re.S).group(1)
    documented = json.loads(re.sub(r",\s*…", "", text))
    printed = run_json(shop, "segments", "list")
    for part in ("families", "segments"):
        assert keys(documented[part]) == keys(printed[part]), f"list --json: {part}"
    assert {s["name"] for s in printed["segments"]} == {"Сплячі VIP", "Focus group"}  # the YAML example


def test_the_json_documents_named_in_the_text_are_the_commands(shop, tmp_path):
    movement = section(SEGMENTS, "Questions about movement")
    shape = re.search(r"The JSON form is\s+`(\{.*?\})`", movement, re.S).group(1)
    printed = run_json(shop, "segments", "transitions", "rfm", "--from", "2025-06-30", "--to", "2026-01-01")
    assert quoted_keys(shape) == keys(printed), "transitions --json"

    written = re.search(r"`members -o FILE` prints what it wrote\s+\(`(\{.*?\})`\)", SEGMENTS, re.S).group(1)
    printed = run_json(shop, "segments", "members", "Сплячі VIP", "-o", tmp_path / "m.csv")
    assert quoted_keys(written) == set(printed), "members -o FILE --json"
    alone = re.search(r"the same keys with (.*?)\);", SEGMENTS, re.S).group(1)
    printed = run_json(shop, "segments", "members", "Сплячі VIP")
    assert quoted_keys(written) | quoted_keys(alone) == set(printed), "members --json"

    export = re.search(
        r"`export --json`\s+prints `(\{.*?\})` \(without `-o`, with the YAML text as `\"(\w+)\"`",
        SEGMENTS,
        re.S,
    )
    assert quoted_keys(export.group(1)) == set(
        run_json(shop, "segments", "export", "-o", tmp_path / "s.yaml")
    )
    assert quoted_keys(export.group(1)) | {export.group(2)} == set(run_json(shop, "segments", "export"))


def python_block(text: str, heading: str) -> str:
    return blocks(section(text, heading), "python")[0]


def run_python(code: str, cwd: Path) -> None:
    done = subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr


def test_the_python_examples_run(tmp_path):
    ok("demo", "my-shop", "--customers", "100", cwd=tmp_path)
    run_python(python_block(RULES, "In Python"), tmp_path)
    run_python(python_block(SEGMENTS, "Python"), tmp_path)
    assert (tmp_path / "sleepy.csv").exists()


@pytest.fixture(scope="module")
def ws(shop):
    with segmint.Workspace.open(shop) as workspace:
        yield workspace


def example_rules() -> list[str]:
    """docs/rules.md's rule blocks: the first example (one rule on several lines) and the aggregates'
    block (a rule a line)."""
    found = blocks(RULES)
    first, aggregates = found[0], blocks(section(RULES, "Aggregates and time windows"))[0]
    return [first, *aggregates.strip().splitlines()]


@pytest.mark.parametrize("rule", example_rules())
def test_the_example_rules_parse_and_evaluate(ws, rule):
    select_members(ws, rule).count().execute()


def error_blocks() -> list[str]:
    return [b for b in blocks(section(RULES, "Errors")) if b.startswith("line ")]


@pytest.mark.parametrize("block", error_blocks())
def test_the_error_blocks_are_the_errors(ws, block):
    """Each error block is the message (its first line) of the rule it quotes (the line above the caret)."""
    rule = block.splitlines()[1].strip()
    with pytest.raises(segmint.RuleError) as caught:
        select_members(ws, rule)
    assert str(caught.value) == block.rstrip("\n")


def test_the_quoted_error_messages_are_the_errors(ws):
    """`rule` gives `message` and the other examples of "Errors", in the words its paragraph quotes."""
    errors = section(RULES, "Errors")
    quoted = {
        'місто = "Київ"': r"`місто = \"Київ\"` gives `(.*?)`",
        "signup_date > yesterday": r"(`'yesterday' is not a date.*?)`,",
        "age between 40 and 30": r"`(between 40 and 30.*?)`",
        "total_spent": r"`(total_spent is a number, not a yes/no condition.*?)`",
        "bought(within = 90д)": r"`(unknown time unit 'д' in 90д.*?)`,",
    }
    for rule, pattern in quoted.items():
        message = re.search(pattern, errors, re.S).group(1).strip("`").replace("\n", " ")
        with pytest.raises(segmint.RuleError) as caught:
            select_members(ws, rule)
        assert caught.value.message == message, rule
    assert len(error_blocks()) >= 2


def test_the_json_form_is_the_rule():
    form = section(RULES, "JSON form")
    rule = re.search(r"The rule `(.*?)` is:", form, re.S).group(1).replace("\n", " ")
    rule = re.sub(r"\s+", " ", rule)
    assert to_json(parse_rule(rule)) == json.loads(blocks(form, "json")[0])


def table_rules() -> list[str]:
    """The rules in the first column of docs/rules.md's Conditions and Custom attributes tables, but for
    the operators alone (`contains`, `is not null`) and those elided with `...`."""
    found = []
    for heading in ("Conditions", "Custom attributes"):
        for row in re.findall(r"^\| (.*?) \|", section(RULES, heading), re.M):
            for code in re.findall(r"`([^`]+)`", row):
                operator = code.split()[0] in {"contains", "starts", "is", "in", "not"}
                if not operator and "..." not in code:
                    found.append(code)
    return found


@pytest.mark.parametrize("rule", table_rules())
def test_the_tables_rules_parse_and_evaluate(ws, rule):
    select_members(ws, rule).count().execute()


def documented_codes(text: str) -> set[str]:
    """The codes a list names, `base[.a|.b]` and `base.a|b` spelled out."""
    codes = set()
    for written in re.findall(r"`([a-z_]+(?:\.[a-z0-9_|]+)+(?:\[[.a-z0-9_|]+\])?)`", text):
        base, _, variants = written.partition("[")
        *head, last = base.split(".")
        codes |= {".".join([*head, one]) for one in last.split("|")}
        codes |= {base + variant for variant in variants.rstrip("]").split("|") if variant}
    return codes


def test_the_segment_error_codes_listed_are_the_codes():
    """docs/segments.md's "Codes" names every code a SegmentError has (each one raised by
    tests/segments/test_segment_error_codes.py), and none that is not."""
    from tests.segments.test_segment_error_codes import SAMPLES

    listed = SEGMENTS.split("**Codes.**", 1)[1].split("The codes:", 1)[1].lstrip().split("\n\n", 1)[0]
    assert sorted(documented_codes(listed) ^ set(SAMPLES)) == []


def test_the_python_names_the_docs_give_exist():
    """Every `segmint.…` name of the two pages, and the functions the Python section lists by name, are
    there (`segmint.toml`, a file, aside)."""
    import importlib

    names = set(re.findall(r"`(segmint\.[A-Za-z_.]+?)[(`]", SEGMENTS + RULES)) - {"segmint.toml"}
    also = re.search(r"Also (.*?) Errors are", section(SEGMENTS, "Python"), re.S).group(1)
    listed = {
        f"segmint.segments.{n}" for n in re.findall(r"`(\w+)`", also.split(" in `segmint.segments`")[0])
    }
    listed |= {
        f"segmint.history.{n}" for n in re.findall(r"`(\w+)`", also.split(" in `segmint.segments`")[1])
    }
    assert len(listed) >= 11
    for name in sorted(names | listed):
        module, *rest = name.split(".")
        found = importlib.import_module(module)
        for part in rest:
            found = getattr(found, part, None) or importlib.import_module(f"{found.__name__}.{part}")
        assert found is not None, name


OTHER_DOCS = ["clv", "clusters", "campaigns", "triggers", "playbook", "report", "experiments", "import"]


def doc_cli_lines(text: str) -> list[str]:
    """The `segmint …` lines of every code block of a page (`$ ` prompts and `-w DIR` left out, a line
    continued with `\\` joined), a synopsis of alternatives (`segmint triggers list | run [--now …]`) as
    one line per command."""
    lines = []
    for block in blocks(text, "[a-z]*"):
        block = re.sub(r"^\$ ", "", block.replace("\\\n", " "), flags=re.M)
        for line in cli_lines(block):
            line = re.sub(r"^segmint -w \S+ ", "segmint ", line)
            first, *others = re.split(r" \| (?=[a-z])", line)
            lines.append(first)
            group = " ".join(first.split()[:2])
            lines += [f"{group} {other}" for other in others]
    return lines


@pytest.mark.parametrize("page", OTHER_DOCS)
def test_the_other_pages_command_lines_are_the_commands(cli, page):
    """Every option a command line of docs/clv.md, clusters.md, campaigns.md … names is one the command
    takes, with the values it takes; the synopsis of docs/clv.md names every option of `clv fit` and `clv
    validate` (it left out validate's --model and --unit)."""
    text = (REPO / "docs" / f"{page}.md").read_text(encoding="utf-8")
    lines = doc_cli_lines(text)
    assert lines, f"docs/{page}.md has no command line"
    named: dict[str, set[str]] = {}
    for line in lines:
        path, command = command_of(cli, line)
        takes = options_of(command)
        for option, values in documented_options(line).items():
            assert option in takes, f"docs/{page}.md: `{line}`: segmint {path} has no option {option}"
            metavar = takes[option].metavar or ""
            if values and metavar.startswith("["):
                assert values == metavar.strip("[]").split("|"), f"`{line}`: {option} takes {metavar}"
            named.setdefault(path, set()).add(takes[option].name)
    if page == "clv":
        for name, command in cli.commands["clv"].commands.items():
            missing = {o for p in command.params for o in p.opts if p.name not in named[f"clv {name}"]}
            assert not missing - SKIP, f"docs/clv.md's synopsis: clv {name} also takes {missing - SKIP}"
