"""Opening a workspace reads and checks its settings without loading the import or the rule compiler: a
library user's `Workspace.open` stays quick (the settings' checks of names once loaded ~200 modules)."""

import subprocess
import sys

import segmint


def test_opening_a_workspace_loads_neither_the_import_nor_the_rules(tmp_path):
    segmint.Workspace.init(tmp_path / "ws").close()
    script = (
        "import sys, segmint\n"
        f"segmint.Workspace.open({str(tmp_path / 'ws')!r}).close()\n"
        "wanted = ('segmint.ingest.', 'segmint.rules', 'lark')\n"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith(wanted))))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout.split()
    assert "segmint.ingest.pipeline" not in loaded
    assert not [m for m in loaded if m.startswith(("segmint.rules", "lark"))]
    assert "segmint.ingest.fields" in loaded  # the event types were checked
