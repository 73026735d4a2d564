"""Every `segmint` command starts by importing the package and its command modules; the heavy libraries
only some commands need must load on use, or each start pays for them (scikit-learn alone took ~3 s of
CPU, 16 s under load; pandas and SciPy, loaded through segmint.history's CLV and cluster models, another
~2 s)."""

import subprocess
import sys

from tests.cli import ok, segmint

from segmint.quality.dedupe import DEFAULT_THRESHOLD

# plotly loads its figures lazily (~3 ms); NumPy comes with DuckDB's and Ibis's own imports
HEAVY = ("sklearn", "pyspark", "fastapi", "uvicorn", "scipy", "pandas", "plotly")


def test_starting_the_cli_does_not_load_the_heavy_libraries():
    code = (
        "import sys, segmint, segmint.cli.main as m, segmint.history.evaluate\n"
        "m._register_command_groups()\n"
        f"print(','.join(name for name in {HEAVY!r} if name in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""


def test_the_package_still_offers_what_it_loads_on_use():
    code = (
        "import segmint\n"
        "from segmint import history, import_file, refresh, segments, ImportSummary, RefreshSummary\n"
        "print(segmint.rules.parse_rule('total_spent > 1').source, refresh is history.refresh,"
        " import_file.__module__, segments.create.__module__)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == [
        "total_spent",
        ">",
        "1",
        "True",
        "segmint.ingest",
        "segmint.segments.store",
    ]


def test_dedupe_help_names_the_librarys_default_threshold():
    """The CLI option no longer imports the constant (segmint.quality loads the models); its help says it."""
    assert f"default: {DEFAULT_THRESHOLD}," in ok("dedupe", "--help", wide=True).stdout


def test_the_report_reads_the_web_uis_words_without_loading_the_web_app():
    """The report (uk, ru) takes some words from segmint.web.strings; importing them must not start the web
    app's wiring (FastAPI, Starlette, the API and every page: ~3 s per report), so they import normally."""
    code = (
        "import sys\n"
        "from segmint.report.texts import text\n"
        "uk, ru = text('tile_customers', 'uk'), text('tile_customers', 'ru')\n"
        "print('segmint.web.strings' in sys.modules, 'segmint.web.strings_ru' in sys.modules)\n"
        "from segmint.web.strings import STRINGS\n"
        "from segmint.web.strings_ru import STRINGS_RU\n"
        "print(uk == STRINGS['kpi_customers']['uk'], ru == STRINGS_RU['kpi_customers'])\n"
        "print(','.join(n for n in ('fastapi', 'starlette', 'uvicorn', 'segmint.api') if n in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == ["True True", "True True", ""]


def test_each_command_module_is_listed_with_the_names_it_adds():
    """main() imports only the module of the command a line names, by COMMAND_MODULES: a command added to a
    module but not listed there would be 'No such command' when named alone."""
    from segmint.cli.main import COMMAND_MODULES, _register_command_groups, app

    _register_command_groups()
    added: dict[str, set[str]] = {}
    for command in app.registered_commands:
        module = command.callback.__module__.rsplit(".", 1)[-1]
        added.setdefault(module, set()).add(command.name or command.callback.__name__)
    for group in app.registered_groups:
        module = group.typer_instance.registered_commands[0].callback.__module__.rsplit(".", 1)[-1]
        added.setdefault(module, set()).add(group.name or group.typer_instance.info.name)
    assert added.pop("main") == {"init"}
    assert added == {module: set(names) for module, names in COMMAND_MODULES.items()}


def test_a_command_line_loads_only_the_module_of_the_command_it_names():
    from segmint.cli.main import COMMAND_MODULES

    code = (
        "import sys, segmint.cli.main as m\n"
        "m._register_command_groups(sys.argv[1:])\n"
        "print(' '.join(sorted(n[12:] for n in sys.modules if n[12:] in m.COMMAND_MODULES"
        " and n.startswith('segmint.cli.'))))"
    )
    loaded = {}
    for line in (["-w", "ws", "segments", "list"], ["--workspace=ws", "import", "x.csv"], ["init", "ws"]):
        done = subprocess.run([sys.executable, "-c", code, *line], capture_output=True, text=True, check=True)
        loaded[line[-2]] = done.stdout.split()
    assert loaded["segments"] == ["segments"]
    assert loaded["init"] == []
    assert "imports" in loaded["import"] and "campaigns" not in loaded["import"]  # it prints refreshes' lines
    for line in (["--help"], ["-w", "ws"], ["segmnts"]):  # help, nothing named, a typo: every command
        done = subprocess.run([sys.executable, "-c", code, *line], capture_output=True, text=True, check=True)
        assert done.stdout.split() == sorted(COMMAND_MODULES), line


def test_a_mistyped_command_is_matched_against_every_command():
    assert "Did you mean 'segments'?" in segmint("segmnts", wide=True).stderr
