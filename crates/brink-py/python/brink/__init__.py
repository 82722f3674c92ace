"""brink: Monte Carlo simulation of nuclear crisis escalation, from Python.

The engine is Rust (the same crates as the ``brink`` command line); this package is a thin
layer over it. The same scenario, seed and version give bit-identical results here, on the
command line and on any number of threads or Ray workers.

A short tour::

    import brink

    brink.scenarios()                              # the bundled scenarios
    scenario = brink.load("cuban-1962")            # a bundled name or a TOML file
    scenario.set("actors.usa.response_prob", 0.8)  # like `--set PATH=VALUE`
    result = brink.run(scenario, runs=100_000, seed=7)
    result.summary["outcomes"]["nuclear_use"]      # the `brink run --format json` document
    result.runs                                    # pyarrow.Table, one row per run
    result.to_pandas()                             # or .to_polars()

    sweep = brink.sweep(scenario, grid={"actors.russia.response_prob": (0.2, 0.8, 7)},
                        runs=20_000, seed=1, backend="ray", journal="sweep.jsonl")
    sweep.to_pandas()                              # one row per point, with 95% intervals

Decision rules can be written in Python (:class:`Observation` in, an action or a dict of
action → probability out; the hook for language-model players)::

    brink.run(scenario, policies={"red": lambda o: "up" if "up" in o.allowed else "hold"})

In a notebook, a :class:`Scenario`, a :class:`Result`, a :class:`Comparison`
(:func:`compare`: policies on common random numbers), a :class:`SweepResult` and an
:class:`Explanation` display as their section of ``brink report``, with the same SVG charts;
``result.plot()`` returns one chart (:class:`Chart`).

Also: :func:`sensitivity` (Sobol indices of P(nuclear use)), :func:`validate` (the engine
against closed forms; :func:`models` lists them),
:func:`solve` (Nash equilibria of a Gambit ``.nfg`` game), :func:`solve_efg` (of an ``.efg``
game: sequence-form LCP and LP, pure agent form, CFR+, agent QRE), :func:`equilibrium` (a
scenario's first turns as a game, solved and compared with its rules), :func:`effects` and :func:`fallout`
(weapon effects of one detonation), :func:`strike` (casualties of a strike plan), :func:`aftermath` (cooling and hunger after
its soot); each
returns the document ``brink COMMAND --format json`` prints (``kind``, ``brink_version``, the
kind's fields, ``timing``; ``brink schema KIND`` prints its JSON Schema). Long calls
release the GIL and stop on Ctrl-C (``KeyboardInterrupt``). Bad input raises
:class:`ScenarioError` (a scenario, with file, line and field) or ``ValueError``.
"""

from __future__ import annotations

import os

from brink._brink import (
    GENERATOR,
    Observation,
    PolicyError,
    Scenario,
    ScenarioError,
    __version__,
    aftermath,
    effects,
    fallout,
    models,
    scenarios,
    solve,
    solve_efg,
    strike,
    validate,
)
from brink._brink import load as _load
from brink._chart import Chart
from brink._compare import Comparison, compare
from brink._result import Result, run
from brink._equilibrium import equilibrium
from brink._evidence import Fit, fit, likelihood
from brink._explain import Explanation, Story, explain
from brink._sensitivity import sensitivity
from brink._sweep import SweepResult, sweep

__all__ = [
    "GENERATOR",
    "Chart",
    "Comparison",
    "compare",
    "Explanation",
    "Story",
    "Observation",
    "PolicyError",
    "Result",
    "Scenario",
    "ScenarioError",
    "SweepResult",
    "__version__",
    "aftermath",
    "effects",
    "fallout",
    "load",
    "models",
    "run",
    "scenarios",
    "sensitivity",
    "equilibrium",
    "explain",
    "fit",
    "Fit",
    "likelihood",
    "solve",
    "solve_efg",
    "strike",
    "sweep",
    "validate",
]


def load(name_or_path: str | os.PathLike[str] | None = None) -> Scenario:
    """Loads a scenario: a bundled name (see :func:`scenarios`) or a TOML file.

    With no argument, the bundled default scenario (the one ``brink run`` runs). The file is
    read, validated and lowered at once; every problem is reported together in one
    :class:`ScenarioError`, whose ``file``, ``line``, ``column`` and ``field`` name the first.
    """
    if name_or_path is None:
        return _load(None)
    return _load(os.fspath(name_or_path))
