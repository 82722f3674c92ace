"""`brink.likelihood`: how probable observed crises are under a scenario, as ``brink likelihood``."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from typing import Any

from brink import _brink
from brink._result import _scenario


def likelihood(
    scenario: _brink.Scenario | str | os.PathLike[str] | None,
    record: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    run: int | str | None = None,
    exact: bool = False,
    tolerance: float | None = None,
    max_error: float | None = None,
) -> dict[str, Any]:
    """The exact probability that ``scenario`` produces the observed record(s), summed over
    everything a record does not show (private red lines, event draws, decision noise,
    answers, accidents): the report of ``brink likelihood --format json`` (docs/EVIDENCE.md).

    Args:
        scenario: a :class:`~brink.Scenario`, a bundled name or a TOML file.
        record: a record file (``.toml``) or a trajectories file of ``brink run
            --trajectories`` (``.csv``, ``.jsonl``, ``.parquet``), or a list of them.
        run: for trajectories files, the run to take (its index) or ``"all"``.
        exact: sum every branch (``--exact``); by default branches below 1e-10 of a turn's
            probability are dropped and each record's ``error_bound`` (at most 1e-6) bounds
            what that leaves out of its log-likelihood.
        tolerance: drop branches below this share of a turn's probability (``--tolerance``;
            default 1e-10, 0 drops none): larger is faster and less precise.
        max_error: the largest ``error_bound`` accepted (``--max-error``, default 1e-6); a
            record whose bound is larger is summed again dropping less, most where the rest
            of the record is improbable (at last exactly).

    Returns:
        The report (``kind`` ``"likelihood"``): ``records`` (each ``likelihood``,
        ``log_likelihood``, ``impossible_at_turn``, ``per_turn``, ``error_bound``) and the total
        ``log_likelihood`` (``None`` when a record is impossible).

    Raises:
        ScenarioError: the scenario, or a record file, is invalid (file, line and field).
        ValueError: a file of another kind, a missing run, or a trajectories file without ``run``.
    """
    base = _scenario(scenario)
    paths = [record] if isinstance(record, (str, os.PathLike)) else list(record)
    report = _brink._likelihood(
        base, [os.fspath(p) for p in paths], None if run is None else str(run), exact, tolerance, max_error
    )
    result: dict[str, Any] = json.loads(report)
    return result


class Fit(dict[str, Any]):
    """The posterior of scenario parameters given records: the report of ``brink fit --format
    json`` (a dict: ``params`` with ``mean``, ``sd``, ``ci95``, ``map``; ``log_evidence``;
    ``diagnostics``; ``posterior_predictive``; ``grid`` or ``draws``). :meth:`to_pandas` gives
    the grid, or the MCMC draws."""

    def __repr__(self) -> str:
        parts = ", ".join(
            f"{p['path']} = {p['mean']:.4g} [{p['ci95'][0]:.4g}, {p['ci95'][1]:.4g}]" for p in self["params"]
        )
        return f"<brink.Fit {self['scenario']}, {len(self['records'])} record(s): {parts}>"

    def to_pandas(self) -> Any:
        """The posterior as a pandas DataFrame (needs pandas): for a grid fit one row per grid
        point (one column per parameter, then ``log_likelihood`` and ``posterior``); for MCMC
        one row per draw (``chain``, ``draw``, one column per parameter, ``log_posterior``),
        the columns of ``brink fit --out``."""
        from brink._result import _require

        pd = _require("pandas")
        names = [p["path"] for p in self["params"]]
        if self.get("draws"):
            counts: dict[int, int] = {}
            draws = []
            for d in self["draws"]:
                index = counts.get(d["chain"], 0)
                counts[d["chain"]] = index + 1
                draws.append({"chain": d["chain"], "draw": index, **dict(zip(names, d["values"])), "log_posterior": d["log_posterior"]})
            return pd.DataFrame(draws)
        rows = [
            {**dict(zip(names, point["values"])), "log_likelihood": point["log_likelihood"], "posterior": point["posterior"]}
            for point in self["grid"]
        ]
        return pd.DataFrame(rows)


def fit(
    scenario: _brink.Scenario | str | os.PathLike[str] | None,
    record: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    params: dict[str, tuple[float, float]],
    *,
    priors: dict[str, str] | None = None,
    run: int | str | None = None,
    method: str = "grid",
    points: int = 21,
    samples: int = 1000,
    chains: int = 4,
    runs_per_point: int = 2000,
    seed: int | None = None,
    outcomes: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] = (),
    outcome_runs: int = 2000,
    exact: bool = False,
    tolerance: float | None = None,
    max_error: float | None = None,
) -> Fit:
    """The posterior of scenario parameters given observed records, like ``brink fit``: exact
    likelihoods on a grid of ``points`` values per parameter (``method="grid"``, one or two
    parameters) or along ``chains`` Metropolis chains keeping ``samples`` draws in all
    (``method="mcmc"``, any number, with R-hat and effective sample sizes).

    Args:
        scenario: a :class:`~brink.Scenario` (its overrides stay fixed), a bundled name or a TOML file.
        record: record file(s), or trajectories file(s) with ``run``.
        params: ``{PATH: (LOW, HIGH)}``, one or two parameters.
        priors: ``{PATH: "uniform" | "normal:M:S" | "beta:A:B"}`` (default uniform).
        run: for trajectories files, a run's index or ``"all"``.
        method: ``"grid"`` or ``"mcmc"``.
        points: grid points per parameter (grid).
        samples: kept draws over all chains (mcmc).
        chains: independent chains (mcmc).
        runs_per_point: runs per grid point for the posterior predictive (0: none).
        seed: seed of the chains, base-rate and predictive runs (default: the scenario's).
        outcomes: outcome-counts file(s) of classes of historical crises (``--outcomes``, e.g.
            ``records/icb-two-nuclear.toml``).
        outcome_runs: runs per parameter point for the outcome-counts term.
        exact: sum every branch of each likelihood (as :func:`likelihood`).
        tolerance, max_error: as for :func:`likelihood` (``tolerance`` is used for each
            record at the middle of the ranges; the fit then sets each record's share of
            its probability to meet ``max_error``); ``tolerance=1e-8, max_error=1e-2``
            saves about a third of a fit's time (docs/EVIDENCE.md, "Cost").

    Returns:
        A :class:`Fit` (the ``fit`` report; ``.to_pandas()`` gives the grid, or the draws).
    """
    base = _scenario(scenario)
    paths = [record] if isinstance(record, (str, os.PathLike)) else list(record)
    counts = [outcomes] if isinstance(outcomes, (str, os.PathLike)) else list(outcomes)
    specs = [f"{path}={low}:{high}" for path, (low, high) in params.items()]
    report = _brink._fit(
        base,
        [os.fspath(p) for p in paths],
        specs,
        list((priors or {}).items()),
        run=None if run is None else str(run),
        method=method,
        points=points,
        samples=samples,
        chains=chains,
        runs_per_point=runs_per_point,
        seed=seed,
        outcomes=[os.fspath(p) for p in counts],
        outcome_runs=outcome_runs,
        exact=exact,
        tolerance=tolerance,
        max_error=max_error,
    )
    return Fit(json.loads(report))
