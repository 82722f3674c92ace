"""`brink.sensitivity`: Sobol indices of P(nuclear use), as ``brink sensitivity``."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from typing import Any

from brink import _brink
from brink._result import _scenario
from brink._sweep import Axis, _specs


def sensitivity(
    scenario: _brink.Scenario | str | os.PathLike[str] | None,
    params: Mapping[str, Axis] | Sequence[str],
    *,
    samples: int = 64,
    runs_per_point: int = 2000,
    bootstrap: int = 500,
    seed: int | None = None,
    threads: int | None = None,
) -> dict[str, Any]:
    """Sobol first-order and total indices of P(nuclear use) over parameter ranges, like
    ``brink sensitivity`` (the same Rust code, the same report).

    Args:
        scenario: a :class:`~brink.Scenario` (its overrides apply to every design point), a
            bundled name or a TOML file.
        params: ranges ``{"PATH": (low, high)}`` or ``["PATH=a:b", ...]``.
        samples: base sample size N (the design has N·(k + 2) points).
        runs_per_point: runs at each design point.
        bootstrap: bootstrap resamples for the 95% intervals.
        seed: master seed (default: the scenario's ``run.seed``, else 1, as everywhere).
        threads: worker threads (default: every core).

    Returns:
        The report: the document ``brink sensitivity --format json`` prints.

    Raises:
        ScenarioError: the scenario, or a parameter path or value, is invalid.
        ValueError: bad sizes or ranges.
        KeyboardInterrupt: Ctrl-C.
    """
    base = _scenario(scenario)
    report = _brink._sensitivity(
        base,
        _specs(params, with_count=False),
        samples=samples,
        runs_per_point=runs_per_point,
        bootstrap=bootstrap,
        seed=seed,
        threads=threads,
    )
    result: dict[str, Any] = json.loads(report)
    return result
