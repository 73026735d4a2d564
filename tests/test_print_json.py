"""`--json` prints one JSON document (README), and JSON has no NaN or infinity (RFC 8259): cli/common
print_json writes them null. Python's json wrote `NaN`, which JSON.parse and jq refuse (`clv validate
--json` printed `"correlation": NaN`, `clv fit --json` a standard error of NaN)."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from segmint.cli.common import print_json


def test_a_number_that_is_not_one_is_written_null(capsys):
    document = {
        "correlation": float("nan"),
        "standard_errors": {"r": np.float64("nan"), "alpha": 0.5},
        "scores": [math.inf, -math.inf, 1.25, (2.0, float("nan"))],
        "count": 3,
        "name": "NaN",
    }
    print_json(document)
    printed = capsys.readouterr().out
    strict = json.loads(printed, parse_constant=lambda name: pytest.fail(f"{name} is not JSON"))
    assert strict == {
        "correlation": None,
        "standard_errors": {"r": None, "alpha": 0.5},
        "scores": [None, None, 1.25, [2.0, None]],
        "count": 3,
        "name": "NaN",
    }
    assert printed.count("\n") > 1 and printed.endswith("}\n")  # one indented document
