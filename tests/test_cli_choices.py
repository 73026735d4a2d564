"""Every option of the command line that takes one of a fixed set of values answers a bad value the same
way: `Error: --backfill is 'monthly' or 'weekly', not 'monthlyx' (did you mean 'monthly'?)`, status 1,
on stdout only the refusal's JSON document under --json, and nothing changed in the workspace. Some
answered with Typer's usage box and status 2 (an Enum-typed option), others with an `Error:` of their
own, `triggers firings --state` not at all.

The options are found by walking the real Typer app: one checked by `segmint.cli.common.one_of` is run with
a bad value in a real subprocess; one left to Typer's own check of an Enum or a Literal fails the test."""

from __future__ import annotations

import enum
import hashlib
import typing
from pathlib import Path

import pytest
import typer
from tests.cli import refused, segmint

from segmint.cli.main import _register_command_groups, app

_register_command_groups()


def _params():
    """(command words, parameter) of every command's options and arguments."""

    def walk(command, words):
        for param in command.params:
            yield words, param
        for name, sub in getattr(command, "commands", {}).items():
            yield from walk(sub, [*words, name])

    return list(walk(typer.main.get_command(app), []))


PARAMS = _params()
CHOICES = [(words, param) for words, param in PARAMS if hasattr(param.callback, "allowed")]

# the fixed-value options there are today: each must stay checked by one_of (a new one is found by the walk)
KNOWN = {
    "refresh --backfill",
    "import ENTITY",
    "import --preset",
    "kpis --lang",
    "playbook --lang",
    "report --lang",
    "campaigns create --channel",
    "campaigns export --layout",
    "campaigns export --format",
    "clusters fit --method",
    "clv fit --model",
    "clv fit --unit",
    "clv fit --spend",
    "clv validate --model",
    "clv validate --unit",
    "segments members --format",
    "tokens create --role",
    "triggers create --on",
    "triggers create --action",
    "triggers firings --state",
}


def _name(param) -> str:
    return next((o for o in param.opts if o.startswith("--")), param.name.upper())


def _where(words, param) -> str:
    return " ".join([*words, _name(param)])


def test_every_fixed_value_option_is_checked_by_the_one_helper():
    assert len(PARAMS) > 100  # every command group is registered
    left_to_typer = []
    for words, param in PARAMS:
        annotation = param.type_descriptor.annotation
        args = typing.get_args(annotation) or (annotation,)
        if (
            any(isinstance(a, type) and issubclass(a, enum.Enum) for a in args)
            or typing.get_origin(annotation) is typing.Literal
        ):
            left_to_typer.append(_where(words, param))
    assert left_to_typer == [], "use segmint.cli.common.choice_option (or choice_argument) for these"
    assert {_where(words, param) for words, param in CHOICES} >= KNOWN


def _command(words):
    command = typer.main.get_command(app)
    for word in words:
        command = command.commands[word]
    return command


def _fingerprint(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def shop(tmp_path_factory) -> Path:
    from segmint import build_demo

    path = tmp_path_factory.mktemp("choices") / "ws"
    build_demo(path, n_customers=200, seed=3)
    (path.parent / "file.csv").write_text("customer_id\nC1\n")
    return path


@pytest.mark.parametrize(("words", "param"), CHOICES, ids=[_where(w, p) for w, p in CHOICES])
def test_a_bad_value_is_one_clear_error_with_status_1_and_changes_nothing(shop, words, param):
    allowed = param.callback.allowed
    bad = allowed[0] + "x"
    if param.param_type_name == "argument":  # `import ENTITY FILE`
        command = [*words, bad, shop.parent / "file.csv"]
    else:
        command = [*words, _name(param), bad]
    json_asked = any(other.name == "json_output" for other in _command(words).params)
    if json_asked:
        command.append("--json")  # the --json contract: the refusal as the document on stdout
    before = _fingerprint(shop)
    done = segmint("-w", shop, *command, wide=True)
    quoted = [repr(v) for v in allowed]
    listed = ", ".join(quoted[:-1]) + " or " + quoted[-1] if len(quoted) > 1 else quoted[0]
    expected = f"Error: {_name(param)} is {listed}, not {bad!r} (did you mean {allowed[0]!r}?)"
    assert (done.returncode, refused(done, json_asked).strip()) == (1, expected)
    assert _fingerprint(shop) == before


def test_the_values_the_commands_offer_are_the_librarys():
    """The CLI lists some values itself, not to load numpy and scikit-learn at every start."""
    from segmint.cli import clusters, clv
    from segmint.models.clusters.fit import METHODS
    from segmint.models.clv.predict import PURCHASE_MODELS, SPEND_BASES
    from segmint.models.clv.summary import UNITS

    assert clusters.METHODS == METHODS
    assert set(clv.MODELS) == set(PURCHASE_MODELS) and set(clv.UNITS) == set(UNITS)
    assert clv.SPEND_BASES == SPEND_BASES


def test_the_checked_value_is_what_the_command_used_before():
    """--model and --method took BG_NBD and KMeans (lowered by the command), and still do; an Enum's
    option gives the command the Enum's member, as Typer did."""
    from segmint.cli.refresh import Every

    def given(words, name, value):
        param = next(p for p in _command(words).params if p.name == name)
        return param.callback(None, param, value)

    assert given(["clv", "fit"], "model", "BG_NBD") == "bg_nbd"
    assert given(["clusters", "fit"], "method", "KMeans") == "kmeans"
    assert given(["refresh"], "backfill", "weekly") is Every.weekly
    assert given(["refresh"], "backfill", None) is None
