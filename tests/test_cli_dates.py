"""Every date option of the command line reads YYYY-MM-DD and dd.mm.yyyy and answers a bad date the same
way: `Error: --as-of: '31/02/2024' is not a date; write YYYY-MM-DD or dd.mm.yyyy`, status 1, on
stdout only the refusal's JSON document under --json. `clv fit --as-of`, `clv validate
--calibration-end/--holdout-end` and `kpis --as-of` were left to Typer's date check: a usage box and
status 2, and a dd.mm.yyyy date (the Ukrainian way) refused.

The options are found by walking the real Typer app, as tests/test_cli_choices.py does."""

from __future__ import annotations

import datetime as dt
import typing
from pathlib import Path

import pytest
from tests.cli import refused, segmint
from tests.test_cli_choices import PARAMS, _command, _name, _where

DATES = [(words, param) for words, param in PARAMS if getattr(param.callback, "date", False)]
KNOWN = {"clv fit --as-of", "clv validate --calibration-end", "clv validate --holdout-end", "kpis --as-of"}
# another option a bad date of the tested one needs beside it to reach the check
BESIDE = {"clv validate --holdout-end": ["--calibration-end", "2025-06-30"]}


def test_no_option_is_left_to_typers_date_check():
    def dated(param) -> bool:
        annotation = param.type_descriptor.annotation
        return any(a in (dt.date, dt.datetime) for a in typing.get_args(annotation) or (annotation,))

    left_to_typer = [_where(words, param) for words, param in PARAMS if dated(param)]
    assert left_to_typer == [], "use segmint.cli.common.date_option for these"
    assert {_where(words, param) for words, param in DATES} >= KNOWN


@pytest.mark.parametrize("written", ["2025-06-30", "30.06.2025", " 2025-06-30 "])
def test_a_date_is_read_in_either_spelling(written):
    for words, param in DATES:
        assert param.callback(None, param, written) == dt.date(2025, 6, 30), _where(words, param)
        assert param.callback(None, param, None) is None


@pytest.fixture(scope="module")
def shop(tmp_path_factory) -> Path:
    from segmint import build_demo

    path = tmp_path_factory.mktemp("dates") / "ws"
    build_demo(path, n_customers=200, seed=3)
    return path


@pytest.mark.parametrize(("words", "param"), DATES, ids=[_where(w, p) for w, p in DATES])
def test_a_bad_date_is_one_clear_error_with_status_1(shop, words, param):
    command = [*words, *BESIDE.get(_where(words, param), []), _name(param), "31/02/2024"]
    json_asked = any(other.name == "json_output" for other in _command(words).params)
    if json_asked:
        command.append("--json")  # the refusal as the document on stdout
    done = segmint("-w", shop, *command, wide=True)
    expected = f"Error: {_name(param)}: '31/02/2024' is not a date; write YYYY-MM-DD or dd.mm.yyyy"
    assert (done.returncode, refused(done, json_asked).strip()) == (1, expected)


# options read as a date by the command itself (parse_date, date_span), not by date_option's callback
READ_AS_DATES = {
    "refresh --as-of",
    "clusters fit --as-of",
    "segments members --as-of",
    "segments movements --from",
    "segments movements --to",
    "segments transitions --from",
    "segments transitions --to",
}


def test_every_date_option_shows_DATE_in_its_help():
    """`clusters fit --help` and `refresh --help` showed `--as-of <str>` where `kpis --help` shows
    `--as-of DATE`: every option that takes a date is shown as one."""
    dated = {_where(words, param): param for words, param in PARAMS if _where(words, param) in READ_AS_DATES}
    assert set(dated) == READ_AS_DATES
    shown = {where: param.metavar for where, param in dated.items()}
    shown |= {_where(words, param): param.metavar for words, param in DATES}
    assert shown == dict.fromkeys(shown, "DATE")
    helped = segmint("clusters", "fit", "--help", wide=True)
    (line,) = [line for line in helped.stdout.splitlines() if "--as-of" in line]
    assert "DATE" in line and "<str>" not in line, line
