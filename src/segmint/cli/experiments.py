"""`segmint experiments size`: how many recipients a campaign needs before launch (docs/experiments.md)."""

from __future__ import annotations

import math
from typing import Annotated

import typer

from segmint.cli.common import JsonOption, WorkspaceOption, console, print_json
from segmint.cli.main import app
from segmint.cli.wording import num, pct, say, settle, whole
from segmint.errors import CodedError

experiments_app = typer.Typer(
    name="experiments", help="Holdout experiments: sample sizes before launch.", no_args_is_help=True
)
app.add_typer(experiments_app)


@experiments_app.command("size")
def size_command(
    baseline: Annotated[
        float, typer.Option("--baseline", help="Conversion rate without the message (0.05).")
    ],
    mde: Annotated[
        float, typer.Option("--mde", help="Smallest absolute rise worth detecting (0.01 = 5% to 6%).")
    ],
    alpha: Annotated[float, typer.Option("--alpha", help="Significance level (two-sided).")] = 0.05,
    power: Annotated[float, typer.Option("--power", help="Chance to detect an effect of size mde.")] = 0.8,
    holdout_share: Annotated[
        float, typer.Option("--holdout-share", help="Share of the audience held out (0.5 = even split).")
    ] = 0.1,
    variants: Annotated[
        int, typer.Option("--variants", help="Treated variants sharing the rest.", min=1)
    ] = 1,
    json_output: JsonOption = False,
    workspace: WorkspaceOption = None,  # only its language (its callback names it): -w after the name too
) -> None:
    """Minimum recipients per arm to detect a rise of --mde over --baseline conversion (z-test, Cohen's h)."""
    settle()  # no workspace is opened: words and numbers in the language of the one named (-w) or here
    if not 0 < holdout_share < 1:  # coded (cli/wording.py): Typer's BadParameter was English everywhere
        raise CodedError(
            f"--holdout-share is more than 0 and less than 1, not {holdout_share}",
            code="cli.bad.between",
            params={"name": "--holdout-share", "low": 0, "high": 1, "value": holdout_share},
        )
    ratio = (1 - holdout_share) / variants / holdout_share  # one variant's recipients per holdout recipient
    from segmint.experiments.stats import sample_size  # SciPy's stats: ~0.6 s every start would pay

    size = sample_size(baseline, mde, alpha=alpha, power=power, ratio=ratio)
    # the arm that is short sets the audience: holdout = audience x share, each variant its part of the rest
    audience = max(size.control / holdout_share, size.treated * variants / (1 - holdout_share))
    document = {
        "baseline": baseline,
        "mde": mde,
        "alpha": alpha,
        "power": power,
        "holdout_share": holdout_share,
        "variants": variants,
        "holdout": size.control,
        "per_variant": size.treated,
        "audience": math.ceil(audience - 1e-9),  # not a float error above a whole number
        "effect_size": size.effect_size,
    }
    if json_output:
        print_json(document)
        return
    console.print(  # in the workspace's language, its numbers as its other summaries write them
        say(
            "experiment_size",
            low=pct(baseline, 2),
            high=pct(baseline + mde, 2),
            alpha=whole(alpha),
            power=pct(power, 0),
            holdout=num(size.control),
            variants=num(variants),
            per_variant=num(size.treated),
            audience=num(document["audience"]),
            share=pct(holdout_share, 0),
        ),
        highlight=False,
    )
