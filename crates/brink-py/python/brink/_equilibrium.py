"""`brink.equilibrium`: a scenario's first turns as a game, solved, as ``brink equilibrium``."""

from __future__ import annotations

import json
import os
from typing import Any

from brink import _brink
from brink._result import _scenario


def equilibrium(
    scenario: _brink.Scenario | str | os.PathLike[str] | None = None,
    *,
    turns: int,
    method: str | None = None,
    iterations: int | None = None,
) -> dict[str, Any]:
    """Equilibrium play of the scenario's first ``turns`` turns beside its own rules, like
    ``brink equilibrium`` (the same Rust code, the same report).

    Args:
        scenario: a :class:`~brink.Scenario`, a bundled name or a TOML file (default: the
            bundled default).
        turns: turns before the game is cut off (its continuation value then applies).
        method: ``cfr`` (default) or ``lcp`` (exact on small trees, floating point
            on a sparse basis beyond 1,500 LCP rows).
        iterations: CFR+ iterations (default 1000).

    Returns:
        The report (``kind`` ``"equilibrium"``: ``turns``, ``tree``, ``outcomes_equilibrium``,
        ``outcomes_scenario``, ``exploitability``, ``largest_differences``).

    Raises:
        ScenarioError: the scenario is invalid.
        ValueError: an unknown method, or a game the method cannot solve.
        KeyboardInterrupt: Ctrl-C.
    """
    base = _scenario(scenario)
    report = _brink._equilibrium(base, turns, method=method, iterations=iterations)
    result: dict[str, Any] = json.loads(report)
    return result
