"""Every KpiError carries a stable code and params, and `segmint kpis` in a Ukrainian (or Russian) workspace
words it in that language (web/kpi_errors.py), as it does the other coded errors; a name that is no
segment keeps the segment error's code and wording. Before, KpiError had no code: a uk workspace printed
"Помилка: family 'rfm' has no group 'Gold'; ..." in English."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from tests.cli import segmint
from tests.coded import assert_worded_in_uk_and_ru, calls, placeholders

from segmint.kpis import KpiError, Period, compare, kpi_report
from segmint.rules.context import reference_date


@pytest.fixture
def uk_copy(demo_path, tmp_path):
    """The demo shop (a uk workspace, as every new one), copied: the CLI opens it itself."""
    copy = tmp_path / "shop"
    shutil.copytree(demo_path, copy)
    return copy


def test_kpis_errors_are_worded_in_the_workspaces_language(demo, uk_copy, workspace):
    """Old code: each of these was printed in English after 'Помилка:'."""
    before = (reference_date(demo) - dt.timedelta(days=400)).isoformat()
    fresh = workspace.path
    workspace.close()
    cases = [  # (arguments, uk, ru)
        (
            ["rfm:Gold"],
            "у родини 'rfm' немає групи 'Gold'; її групи: Champions",
            "у семейства 'rfm' нет группы 'Gold'; его группы: Champions",
        ),
        (
            ["rfm"],
            "'rfm' — родина: вкажіть --family rfm або назвіть групу, наприклад rfm:Champions",
            "'rfm' — семейство: укажите --family rfm или назовите группу, например rfm:Champions",
        ),
        (
            ["--family", "Big spenders"],
            "'Big spenders' — сегмент, а не родина; назвіть його без --family",
            "'Big spenders' — сегмент, а не семейство; назовите его без --family",
        ),
        (["Nobody"], "сегмента з назвою 'Nobody' немає", "сегмента с названием 'Nobody' нет"),
        (  # was refused as no segment (segment.unknown)
            ["--family", "Rfmm"],
            "родини з назвою 'Rfmm' немає (можливо, 'rfm'?); родини: rfm, rfm_simple, lifecycle",
            "семейства с названием 'Rfmm' нет (возможно, 'rfm'?); семейства: rfm, rfm_simple, lifecycle",
        ),
        (
            ["--days", "0"],
            "період — щонайменше 1 день, а не 0 (--days)",
            "период — не меньше 1 дня, а не 0 (--days)",
        ),
        (  # "all time", as an analyst may type it: an OverflowError traceback before
            ["--days", "400000"],
            "період — щонайбільше 3650 днів, а не 400000 (--days)",
            "период — не больше 3650 дней, а не 400000 (--days)",
        ),
        (
            ["--days", "99999999999999999999"],
            "період — щонайбільше 3650 днів, а не 99999999999999999999 (--days)",
            "период — не больше 3650 дней, а не 99999999999999999999 (--days)",
        ),
        (
            ["--as-of", "0001-06-01"],
            "період у 365 дн. до 0001-06-01 разом із попереднім",
            "период в 365 дн. до 0001-06-01 вместе с предыдущим",
        ),
        (
            ["--family", "rfm", "--as-of", before],
            f"для 'rfm' не обчислено учасників на {before} (перше оновлення — ",
            f"для 'rfm' не вычислены участники на {before} (первое обновление — ",
        ),
        (
            ["Big spenders", "Big spenders"],
            "сегмент 'Big spenders' названо двічі",
            "сегмент 'Big spenders' назван дважды",
        ),
    ]
    for arguments, uk, ru in cases:
        for language, words in ((None, uk), ("ru", ru)):
            done = segmint("-w", uk_copy, "kpis", *arguments, language=language, wide=True)
            assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
            assert words in done.stderr, (arguments, language, done.stderr)
    never_refreshed = {
        None: "для 'rfm' ще не обчислено учасників: запустіть segmint refresh",
        "ru": "для 'rfm' ещё не вычислены участники: запустите segmint refresh",
    }
    for language, words in never_refreshed.items():
        done = segmint("-w", fresh, "kpis", language=language, wide=True)
        assert done.returncode == 1 and words in done.stderr, done.stderr


def _nothing_named(ws):
    from segmint.kpis.report import _members  # kpi_report and the CLI ask for rfm when nothing is named

    return _members(ws, [], None, dt.date(2025, 1, 31))


SAMPLES = {  # code -> a real refusal, on the demo shop or (fresh=True) a workspace never refreshed
    "kpi.period": lambda ws: Period.ending(dt.date(2025, 1, 31), 0),
    "kpi.period.long": lambda ws: kpi_report(ws, family="rfm", days=400_000),
    "kpi.period.early": lambda ws: kpi_report(ws, family="rfm", end=dt.date(1, 6, 1)),
    "kpi.not_a_family": lambda ws: kpi_report(ws, family="Big spenders"),
    "kpi.unknown_group": lambda ws: kpi_report(ws, ["rfm:Gold"]),
    "kpi.unknown_group.hint": lambda ws: kpi_report(ws, ["rfm:At Rsk"]),
    "kpi.is_a_family": lambda ws: kpi_report(ws, ["rfm"]),
    "kpi.no_refresh": lambda ws: kpi_report(ws, family="rfm"),
    "kpi.no_membership_on": lambda ws: kpi_report(ws, family="rfm", end=dt.date(2000, 1, 31)),
    "kpi.nothing_named": _nothing_named,
    "kpi.named_twice": lambda ws: kpi_report(ws, ["Big spenders", "Big spenders"]),
    "kpi.compare_missing": lambda ws: compare({}, "Big spenders", "VIP"),
}


@pytest.mark.parametrize("code", sorted(SAMPLES))
def test_every_code_is_raised_and_worded_in_ukrainian_and_russian(code, demo, workspace):
    with pytest.raises(KpiError) as caught:
        SAMPLES[code](workspace if code == "kpi.no_refresh" else demo)
    assert caught.value.code == code
    assert_worded_in_uk_and_ru(caught.value)


def test_every_code_has_both_wordings_and_every_raise_gives_one():
    from segmint.web.kpi_errors import RU, UK

    assert sorted(UK) == sorted(RU) == sorted(SAMPLES)
    assert {
        code: placeholders(UK[code]) for code in UK if placeholders(UK[code]) != placeholders(RU[code])
    } == {}
    sites = calls(("KpiError",), where=lambda path, name: "kpis" in path.parts)
    assert len(sites) >= len(SAMPLES)
    for path, line, _, call in sites:
        assert any(keyword.arg == "code" for keyword in call.keywords), f"{path}:{line}"
