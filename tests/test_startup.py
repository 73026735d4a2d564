"""Every `segmint` command starts by importing the package and its command modules; the heavy libraries
only some commands need must load on use, or each start pays for them (scikit-learn alone took ~3 s of
CPU, 16 s under load)."""

import subprocess
import sys

HEAVY = ("sklearn", "pyspark", "fastapi", "uvicorn", "scipy.stats")  # plotly loads its figures lazily: ~3 ms


def test_starting_the_cli_does_not_load_the_heavy_libraries():
    code = (
        "import sys, segmint, segmint.cli.main as m, segmint.history.evaluate\n"
        "m._register_command_groups()\n"
        f"print(','.join(name for name in {HEAVY!r} if name in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""
