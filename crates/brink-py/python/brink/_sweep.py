"""`brink.sweep`: a scenario over a grid or Latin hypercube of parameter values, on this
machine or on a Ray cluster, resumable through a journal.

Every point is computed by one Rust function (``_brink._sweep_point``) whichever backend
runs it, from the scenario text, the point's overrides, the run count and the seed; a run's
random stream is a pure function of (seed, run index), so a point's row is bit-identical on
any backend and any number of threads. The design (grid or hypercube) is computed in Rust
too, by the code behind ``brink sweep``, and the journal has the command line's format: a
sweep begun with ``brink sweep --out F`` resumes here with ``journal="F.sweep.jsonl"``, and
the other way round.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from brink import _brink
from brink._result import _require, _scenario

if TYPE_CHECKING:
    from brink._chart import Chart
    import pandas
    import polars
    import pyarrow

#: What a grid axis or an LHS range may be given as.
Axis = tuple[float, float, int] | tuple[float, float] | str

BACKENDS = ("local", "ray")


def _number(value: float) -> str:
    """A bound as the command line would write it: ints without a point (integer parameters
    are rounded), floats in their shortest round-trip form."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"a bound must be a number, not {value!r}")
    return repr(value) if isinstance(value, float) else str(int(value))


def _specs(axes: Mapping[str, Axis] | Sequence[str], with_count: bool) -> list[str]:
    """``{"path": (low, high[, count])}`` or ``["path=low:high[:count]"]`` as the command
    line's ``PATH=a:b[:n]`` strings (parsed and checked in Rust)."""
    if isinstance(axes, str):
        return [axes]
    if not isinstance(axes, Mapping):
        return [str(a) for a in axes]
    specs = []
    for path, axis in axes.items():
        if isinstance(axis, str):
            specs.append(f"{path}={axis}")
            continue
        parts = list(axis)
        expected = 3 if with_count else 2
        if len(parts) != expected:
            shape = "(low, high, count)" if with_count else "(low, high)"
            raise ValueError(f"{path}: expected {shape}, got {axis!r}")
        bounds = [_number(p) for p in parts[:2]]
        if with_count:
            count = parts[2]
            if isinstance(count, bool) or not isinstance(count, int):
                raise ValueError(f"{path}: the count must be an integer, got {count!r}")
            bounds.append(str(count))
        specs.append(f"{path}={':'.join(bounds)}")
    return specs


class Journal:
    """The sweep journal of ``brink sweep`` (the same Rust code, ``brink_report::journal``):
    a header line with the sweep's key, then one row per finished point, each appended and
    fsynced as it finishes, so an interrupted sweep loses at most the point being written; a
    line cut short by a crash is dropped when the journal is opened."""

    def __init__(self, path: str | os.PathLike[str], key: str) -> None:
        self._journal = _brink.SweepJournal(os.fspath(path), key)
        self.path = self._journal.path
        self.done: dict[int, dict[str, Any]] = {}
        for line in self._journal.done():
            row = json.loads(line)
            self.done[row["point"]] = row

    def add(self, row_json: str, row: dict[str, Any]) -> None:
        """Appends a finished point."""
        self._journal.add(row_json)
        self.done[row["point"]] = row

    def close(self) -> None:
        """Nothing to do: every row is on disk when :meth:`add` returns."""


def _point_task(
    scenario: _brink.Scenario,
    overrides: list[tuple[str, str]],
    index: int,
    values: list[float],
    runs: int,
    seed: int,
    threads: int | None,
) -> str:
    """One point, as the JSON row ``brink sweep`` journals: the same function on every
    backend (a Ray task runs exactly this in a worker process)."""
    return _brink._sweep_point(scenario, overrides, index, values, runs, seed, threads)


def _local(tasks: list[tuple[Any, ...]], threads: int | None) -> Iterator[tuple[int, str]]:
    """Points one after another in this process, each on every core (or ``threads``)."""
    for scenario, overrides, index, values, runs, seed in tasks:
        yield index, _point_task(scenario, overrides, index, values, runs, seed, threads)


def _ray(tasks: list[tuple[Any, ...]], address: str | None, cpus_per_task: int) -> Iterator[tuple[int, str]]:
    """Points as Ray tasks, yielded as they finish (in any order)."""
    try:
        import ray
    except ImportError as error:
        raise ImportError("backend='ray' needs Ray: pip install 'brink[ray]'") from error
    if not ray.is_initialized():
        # An existing cluster when an address is given (or RAY_ADDRESS is set); otherwise Ray
        # starts a local one on this machine's cores.
        if address is None:
            ray.init(include_dashboard=False)
        else:
            ray.init(address=address)
    remote = ray.remote(num_cpus=cpus_per_task, max_retries=3)(_point_task)
    scenario_ref = ray.put(tasks[0][0])  # sent once, shared by every task
    pending = {
        remote.remote(scenario_ref, overrides, index, values, runs, seed, cpus_per_task): index
        for _, overrides, index, values, runs, seed in tasks
    }
    try:
        while pending:
            ready, _ = ray.wait(list(pending), num_returns=1)
            for ref in ready:
                index = pending.pop(ref)
                yield index, ray.get(ref)
    finally:
        # Interrupted (Ctrl-C, a failed point, a closed generator): stop what is still queued.
        for ref in pending:
            ray.cancel(ref, force=True)


def sweep(
    scenario: _brink.Scenario | str | os.PathLike[str] | None,
    grid: Mapping[str, Axis] | Sequence[str] | None = None,
    lhs: int | None = None,
    *,
    params: Mapping[str, Axis] | Sequence[str] | None = None,
    runs: int = 10_000,
    seed: int | None = None,
    backend: str = "local",
    journal: str | os.PathLike[str] | None = None,
    address: str | None = None,
    threads: int | None = None,
    cpus_per_task: int = 1,
    on_point: Callable[[dict[str, Any]], None] | None = None,
) -> SweepResult:
    """Runs a scenario at every point of a grid or Latin hypercube, like ``brink sweep``.

    Args:
        scenario: a :class:`~brink.Scenario` (its overrides apply to every point), a bundled
            name or a TOML file.
        grid: axes ``{"actors.russia.response_prob": (0.2, 0.8, 7)}`` (low, high, count;
            the grid is their full product) or ``["PATH=a:b:n", ...]`` as on the command line.
        lhs: a Latin hypercube of this many points over ``params``.
        params: ranges for ``lhs``: ``{"PATH": (low, high)}`` or ``["PATH=a:b", ...]``.
            Bounds given as ints make an integer parameter (values are rounded).
        runs: runs per point.
        seed: master seed, the same for every point (common random numbers); it also draws
            the hypercube. Default: the scenario's ``run.seed``, else 1 (as everywhere).
        backend: ``"local"`` (points one after another, each on every core) or ``"ray"``
            (each point a Ray task on ``cpus_per_task`` CPUs; results are bit-identical).
        journal: a JSON-lines file; finished points are appended (and fsynced) as they
            finish, and a rerun with the same design skips the points found there.
        address: the Ray cluster to connect to (``ray.init(address=...)``); by default an
            initialised Ray is used as it is, else a local cluster is started.
        threads: worker threads per point for the local backend (default: every core).
        cpus_per_task: CPUs (and threads) each Ray task takes.
        on_point: called with each finished row, after it is journaled.

    Returns:
        A :class:`SweepResult` with one row per point, in point order.

    Raises:
        ScenarioError: the scenario, or a parameter path or value, is invalid.
        ValueError: a bad design, backend or journal of another sweep.
        KeyboardInterrupt: Ctrl-C; the points already finished stay in the journal.
    """
    if backend not in BACKENDS:
        raise ValueError(f"backend must be one of {', '.join(BACKENDS)}, not {backend!r}")
    if (grid is None) == (lhs is None):
        raise ValueError("give grid=... or lhs=N (with params=...), not both and not neither")
    if cpus_per_task < 1:
        raise ValueError("cpus_per_task must be at least 1")
    base = _scenario(scenario)
    if lhs is not None:
        if params is None:
            raise ValueError("lhs=N needs params={'PATH': (low, high), ...}")
        grid_specs, lhs_n, param_specs = None, lhs, _specs(params, with_count=False)
    else:
        if params is not None:
            raise ValueError("params= goes with lhs=N; a grid gives its ranges in grid=")
        grid_specs, lhs_n, param_specs = _specs(grid, with_count=True), None, []  # type: ignore[arg-type]
    if runs < 1:
        raise ValueError("runs must be at least 1")
    started = time.monotonic()
    # The design, checked as `brink sweep` checks it (every parameter path on the first
    # point) before anything runs; the seed in effect; the journal key.
    design = _brink._sweep_design(base, grid_specs, lhs_n, param_specs, runs, seed)
    seed = int(design["seed"])
    log = Journal(journal, design["key"]) if journal is not None else None
    rows: dict[int, dict[str, Any]] = dict(log.done) if log else {}
    skipped = sorted(rows)
    tasks = [
        (base, overrides, index, values, runs, seed)
        for index, (values, overrides) in enumerate(zip(design["points"], design["overrides"]))
        if index not in rows
    ]
    computed: list[int] = []
    finished: Iterator[tuple[int, str]]
    if not tasks:
        finished = iter(())  # everything is in the journal: no need to start Ray
    elif backend == "local":
        finished = _local(tasks, threads)
    else:
        finished = _ray(tasks, address, cpus_per_task)
    try:
        for index, row_json in finished:
            row = json.loads(row_json)
            if log is not None:
                log.add(row_json, row)
            rows[index] = row
            computed.append(index)
            if on_point is not None:
                on_point(row)
    finally:
        if hasattr(finished, "close"):
            finished.close()
        if log is not None:
            log.close()
    ordered = [rows[i] for i in sorted(rows)]
    report = _brink._sweep_report(
        base,
        grid_specs,
        lhs_n,
        param_specs,
        runs,
        seed,
        [json.dumps(row) for row in ordered],
        time.monotonic() - started,
    )
    return SweepResult(
        base,
        report=json.loads(report),
        design=design["design"],
        params=list(design["params"]),
        rows=ordered,
        runs=runs,
        seed=seed,
        computed=computed,
        skipped=skipped,
    )


class SweepResult:
    """The rows of a sweep, one per point, in point order.

    Attributes:
        scenario: the base :class:`~brink.Scenario`.
        report: the sweep's report (what :meth:`to_dict` returns).
        design: ``"grid"`` or ``"latin-hypercube"``.
        params: the parameter paths, in the order of each row's ``values``.
        rows: per point: ``point``, ``values``, ``nuclear_use`` and ``outcomes`` (count, p,
            Wilson ``ci95``), ``mean_turns`` (the rows of ``brink sweep --format json``).
        computed: the points computed by this call, in the order they finished.
        skipped: the points found in the journal and not computed again.
    """

    def __init__(
        self,
        scenario: _brink.Scenario,
        *,
        report: dict[str, Any],
        design: str,
        params: list[str],
        rows: list[dict[str, Any]],
        runs: int,
        seed: int,
        computed: list[int],
        skipped: list[int],
    ) -> None:
        self.scenario = scenario
        self.report = report
        self.design = design
        self.params = params
        self.rows = rows
        self.runs = runs
        self.seed = seed
        self.computed = computed
        self.skipped = skipped

    def __repr__(self) -> str:
        return (
            f"<brink.SweepResult {self.design} over {', '.join(self.params)}: {len(self.rows)} points, "
            f"{self.runs} runs each, seed {self.seed}>"
        )

    def __len__(self) -> int:
        return len(self.rows)

    def _repr_html_(self) -> str:
        """The sweep's section of ``brink report``: its table and the same SVG charts."""
        from brink._chart import result_html

        return result_html(self.report, f"brink.sweep({self.report['scenario']!r})")

    def plot(self) -> Chart:
        """P(nuclear use) across the sweep, as ``brink report`` draws it."""
        from brink._chart import result_charts

        charts = result_charts(self.report)
        if not charts:
            raise ValueError("this sweep has no chart (the report draws one for one or two parameters)")
        return charts[0]

    def to_dict(self) -> dict[str, Any]:
        """The document ``brink sweep --format json`` prints for the same sweep (built by the
        same Rust code; ``timing`` is this call's)."""
        return dict(self.report)

    def to_arrow(self) -> pyarrow.Table:
        """One row per point, with the columns of ``brink sweep --out FILE``: ``point``, one
        column per parameter, then ``{outcome}_count``, ``_p``, ``_ci95_low``, ``_ci95_high``
        for every outcome, and ``mean_turns``."""
        import pyarrow

        columns: dict[str, Any] = {"point": pyarrow.array([r["point"] for r in self.rows], pyarrow.uint64())}
        for i, path in enumerate(self.params):
            columns[path] = pyarrow.array([r["values"][i] for r in self.rows], pyarrow.float64())
        outcomes = list(self.rows[0]["outcomes"]) if self.rows else []
        for outcome in outcomes:
            cells = [r["outcomes"][outcome] for r in self.rows]
            columns[f"{outcome}_count"] = pyarrow.array([c["count"] for c in cells], pyarrow.uint64())
            columns[f"{outcome}_p"] = pyarrow.array([c["p"] for c in cells], pyarrow.float64())
            columns[f"{outcome}_ci95_low"] = pyarrow.array([c["ci95"][0] for c in cells], pyarrow.float64())
            columns[f"{outcome}_ci95_high"] = pyarrow.array([c["ci95"][1] for c in cells], pyarrow.float64())
        columns["mean_turns"] = pyarrow.array([r["mean_turns"] for r in self.rows], pyarrow.float64())
        return pyarrow.table(columns)

    def to_pandas(self) -> pandas.DataFrame:
        """:meth:`to_arrow` as a pandas DataFrame (needs pandas)."""
        _require("pandas")
        return self.to_arrow().to_pandas()

    def to_polars(self) -> polars.DataFrame:
        """:meth:`to_arrow` as a polars DataFrame (needs polars)."""
        polars = _require("polars")
        return polars.from_arrow(self.to_arrow())
