"""`brink.explain`: why runs end as they do, as ``brink explain``."""

from __future__ import annotations

import json
import os
from typing import Any

from brink import _brink
from brink._result import _scenario


def explain(
    scenario: _brink.Scenario | str | os.PathLike[str] | None = None,
    *,
    runs: int | None = None,
    seed: int | None = None,
    threads: int | None = None,
    outcome: str = "nuclear_use",
    top: int = 10,
    run: int | None = None,
    find: str | None = None,
) -> dict[str, Any]:
    """The most frequent chains of steps behind an outcome, like ``brink explain`` (the same
    Rust code, the same runs as :func:`run`, the same report); or, with ``run`` or ``find``,
    one run told turn by turn (``brink explain --run K`` / ``--find OUTCOME``).

    Args:
        scenario: a :class:`~brink.Scenario`, a bundled name or a TOML file (default: the
            bundled default).
        runs: runs (default: the scenario's ``run.runs``, else 100000).
        seed: master seed (default: the scenario's ``run.seed``, else 1, as everywhere).
        threads: worker threads (default: every core); results do not depend on it.
        outcome: ``nuclear_use``, ``settlement``, ``concession``, ``turn_limit`` or ``all``.
        top: how many paths to list.
        run: tell run ``run`` instead.
        find: tell the first run ending in this outcome instead.

    Returns:
        The report (``kind`` ``"explain"``: ``paths`` with ``steps``; or ``kind`` ``"story"``:
        ``turns`` with decisions, moves and beliefs). ``pandas.json_normalize(report["paths"])``
        gives the paths as a DataFrame.

    Raises:
        ScenarioError: the scenario is invalid.
        ValueError: an unknown outcome, or bad sizes.
        KeyboardInterrupt: Ctrl-C.
    """
    base = _scenario(scenario)
    report = _brink._explain(
        base, runs=runs, seed=seed, threads=threads, outcome=outcome, top=top, run=run, find=find
    )
    result: dict[str, Any] = json.loads(report)
    return result
