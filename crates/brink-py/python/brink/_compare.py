"""`brink.compare`: policies run on common random numbers, as ``brink compare``."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from typing import Any

from brink import _brink
from brink._chart import Chart, result_charts, result_html
from brink._result import _scenario


class Comparison(dict[str, Any]):
    """The report of ``brink compare --format json`` (a dict: ``policies``, each with its
    outcomes and its paired ``difference`` from the baseline with a Newcombe 95% interval,
    ``baseline``, the manifest). Notebooks show the report's table and chart."""

    def __repr__(self) -> str:
        parts = []
        for policy in self["policies"]:
            nuclear = policy["outcomes"]["nuclear_use"]
            parts.append(f"{policy['name']} {nuclear['p']:.5f}")
        return (
            f"<brink.Comparison {self['scenario']}: {self['runs']} runs per policy, "
            f"P(nuclear use): {', '.join(parts)}>"
        )

    def _repr_html_(self) -> str:
        """The comparison's section of ``brink report``: the table and the same SVG chart."""
        return result_html(self, f"brink.compare({self['scenario']!r})")

    def plot(self) -> Chart:
        """The difference in P(nuclear use) from the baseline, with paired 95% intervals."""
        return result_charts(self)[0]


def _value_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    return repr(value)


def compare(
    scenario: _brink.Scenario | str | os.PathLike[str] | None,
    policies: Mapping[str, Mapping[str, Any] | _brink.Scenario | str | os.PathLike[str]],
    runs: int | None = None,
    seed: int | None = None,
    threads: int | None = None,
) -> Comparison:
    """Runs each policy on the same random numbers and reports paired differences from the
    first (the baseline), like ``brink compare`` (the same Rust code, the same report).

    Args:
        scenario: the base :class:`~brink.Scenario`, a bundled name or a TOML file.
        policies: name → overrides of the base (``{"actors.usa.response_prob": 0.8}``; an
            empty dict is the base itself), or a :class:`~brink.Scenario`, a bundled name or a
            TOML file of its own. The first is the baseline.
        runs: runs per policy (default: the base's ``run.runs``, else 100000).
        seed: master seed, the same for every policy (default: the base's ``run.seed``, else 1).
        threads: worker threads (results do not depend on it).

    Raises:
        ScenarioError: a scenario or an override is invalid.
        ValueError: no policies, or zero runs or threads.
        KeyboardInterrupt: Ctrl-C.
    """
    base = _scenario(scenario)
    entries = []
    for name, policy in policies.items():
        if isinstance(policy, Mapping):
            variant = base.copy()
            for path, value in policy.items():
                variant.set(path, value)
            spec = f"{name}=" + ";".join(f"{path}={_value_text(value)}" for path, value in policy.items())
        else:
            variant = _scenario(policy)
            spec = f"{name}={variant.origin}"
        entries.append((name, spec, variant))
    report = _brink._compare(entries, runs=runs, seed=seed, threads=threads)
    return Comparison(json.loads(report))
