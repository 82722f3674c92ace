"""`brink.run` and its :class:`Result`."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Union

from brink import _brink
from brink._chart import Chart, pick, result_charts, result_html

if TYPE_CHECKING:
    import pandas
    import polars
    import pyarrow

#: What a Python decision rule returns: an action name, or action name → probability.
Decision = Union[str, Mapping[str, float]]
#: A Python decision rule: a function of the actor's :class:`~brink.Observation`.
PolicyFunction = Callable[[_brink.Observation], Decision]


def _scenario(scenario: _brink.Scenario | str | os.PathLike[str] | None) -> _brink.Scenario:
    """A :class:`~brink.Scenario` from a scenario, a bundled name, a path or ``None``."""
    if isinstance(scenario, _brink.Scenario):
        return scenario
    return _brink.load(None if scenario is None else os.fspath(scenario))


def run(
    scenario: _brink.Scenario | str | os.PathLike[str] | None = None,
    runs: int | None = None,
    seed: int | None = None,
    threads: int | None = None,
    *,
    records: bool = False,
    trajectories: bool = False,
    policies: Mapping[str, PolicyFunction] | None = None,
) -> Result:
    """Runs a scenario many times and summarises the outcomes, like ``brink run``.

    Args:
        scenario: a :class:`~brink.Scenario`, a bundled name or a TOML file (default: the
            bundled default scenario).
        runs: number of runs (default: the scenario's ``run.runs``, else 100000).
        seed: master seed (default: the scenario's ``run.seed``, else 1).
        threads: worker threads (default: one per core). Results do not depend on it.
        records: keep one record per run now, for :attr:`Result.runs` (otherwise the runs
            are simulated again, with the same seed, the first time ``runs`` is read).
        trajectories: keep every actor's rung per turn, for :attr:`Result.trajectories`.
        policies: decision rules written in Python, ``{actor name: fn}``: ``fn(observation)``
            (a :class:`~brink.Observation`) returns an action (``"concede"``, ``"down"``,
            ``"hold"``, ``"up"`` or a rung name to jump to) or a dict of action →
            probability, drawn with the random number the built-in rule would have used.
            With any, the runs go on one thread, in run order (``threads`` is ignored). See
            docs/PYTHON.md, "Decision rules from Python".

    Returns:
        A :class:`Result`; ``result.summary`` is the document ``brink run --format json``
        prints for the same scenario, overrides and seed (identical but for ``timing``).

    Raises:
        ScenarioError: the scenario is invalid (file, line and field in the exception).
        ValueError: ``runs`` or ``threads`` is zero, or ``policies`` names no actor.
        PolicyError: a Python rule raised, or returned something it may not (the message
            names the actor, the turn and what was expected).
        KeyboardInterrupt: Ctrl-C; the runs stop within one batch.
    """
    # A snapshot: a later ``scenario.set(...)`` changes the caller's scenario, not the one
    # this result was computed from (and re-simulates for ``runs``).
    loaded = _scenario(scenario).copy()
    policies = dict(policies) if policies else None
    if policies:
        # One thread, in run order: the rules are called in the same order every time, so a
        # rule with state is reproducible too (and a second thread only waits for the GIL).
        threads = 1
    summary, runs_table, trajectory_table = _brink._run(
        loaded,
        runs=runs,
        seed=seed,
        threads=threads,
        records=records,
        trajectories=trajectories,
        policies=policies,
    )
    return Result(loaded, json.loads(summary), runs_table, trajectory_table, threads, policies)


class Result:
    """The outcome of :func:`brink.run`.

    Attributes:
        scenario: the :class:`~brink.Scenario` that was run (with its overrides): a copy
            taken when :func:`brink.run` was called, so later ``set`` calls on the scenario
            passed in change neither it nor :attr:`runs`.
        summary: the run summary as a dict: outcome probabilities with Wilson 95% intervals,
            peak rungs, turns, causes of nuclear use, red lines, miscalculations, occupancy,
            the manifest (version, seed, scenario hash, overrides, generator) and ``timing``.
    """

    def __init__(
        self,
        scenario: _brink.Scenario,
        summary: dict[str, Any],
        runs: pyarrow.Table | None,
        trajectories: pyarrow.Table | None,
        threads: int | None,
        policies: dict[str, PolicyFunction] | None = None,
    ) -> None:
        self.scenario = scenario
        self.summary = summary
        self._runs = runs
        self._trajectories = trajectories
        self._threads = threads
        self._policies = policies

    def __repr__(self) -> str:
        nuclear = self.summary["outcomes"]["nuclear_use"]
        low, high = nuclear["ci95"]
        return (
            f"<brink.Result {self.summary['scenario']}: {self.summary['runs']} runs, seed "
            f"{self.summary['seed']}, P(nuclear use) = {nuclear['p']:.5f} [{low:.5f}, {high:.5f}]>"
        )

    def _repr_html_(self) -> str:
        """The run's section of ``brink report``: outcome table and the same SVG charts."""
        return result_html(self.summary, f"brink.run({self.summary['scenario']!r})")

    def charts(self) -> list[Chart]:
        """Every chart ``brink report`` draws for this run: outcome probabilities, rung
        occupancy over time, time to outcome (and, with strike plans, lives at stake)."""
        return result_charts(self.summary)

    def plot(self, which: str | int = "outcomes") -> Chart:
        """One chart of :meth:`charts`: ``"outcomes"`` (probabilities with Wilson 95%
        intervals), ``"occupancy"`` (share of runs at each rung by turn) or ``"survival"``
        (share of runs still in crisis by turn), or an index. Notebooks display it."""
        return pick(self.charts(), ["outcomes", "occupancy", "survival"], which)

    @property
    def seed(self) -> int:
        """The master seed the runs used."""
        return int(self.summary["seed"])

    @property
    def n_runs(self) -> int:
        """How many runs were simulated."""
        return int(self.summary["runs"])

    def _collect(self) -> None:
        """Simulates the same runs again (same scenario, seed and count, hence the same runs)
        and keeps their records and trajectories."""
        _, runs, trajectories = _brink._run(
            self.scenario,
            runs=self.n_runs,
            seed=self.seed,
            threads=self._threads,
            records=True,
            trajectories=True,
            policies=self._policies,
        )
        self._runs, self._trajectories = runs, trajectories

    @property
    def runs(self) -> pyarrow.Table:
        """One row per run (the columns of ``brink run --out runs.parquet``), as a
        ``pyarrow.Table``. Unless :func:`brink.run` was called with ``records=True``, the
        runs are simulated again on first access (same seed: the same runs)."""
        if self._runs is None:
            self._collect()
        assert self._runs is not None
        return self._runs

    @property
    def trajectories(self) -> pyarrow.Table:
        """Every actor's rung at the end of every turn of every run (``run``, ``turn``,
        ``actor``, ``rung``, ``rung_index``), as a ``pyarrow.Table``. Simulated again on
        first access unless :func:`brink.run` was called with ``trajectories=True``."""
        if self._trajectories is None:
            self._collect()
        assert self._trajectories is not None
        return self._trajectories

    def to_pandas(self) -> pandas.DataFrame:
        """The per-run records as a pandas DataFrame (needs pandas)."""
        _require("pandas")
        return self.runs.to_pandas()

    def to_polars(self) -> polars.DataFrame:
        """The per-run records as a polars DataFrame (needs polars)."""
        polars = _require("polars")
        return polars.from_arrow(self.runs)


def _require(module: str) -> Any:
    """Imports an optional dependency, or says how to install it."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as error:
        raise ImportError(f"this needs {module}: pip install {module}") from error
