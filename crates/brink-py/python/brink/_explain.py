"""`brink.explain`: why runs end as they do, as ``brink explain``."""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING, Any

from brink import _brink
from brink._result import _require, _scenario

if TYPE_CHECKING:
    import pandas


class Explanation(dict[str, Any]):
    """The paths behind an outcome: the report of ``brink explain --format json`` (a dict:
    ``paths``, ``outcome_runs``, ``other_runs``, …) with a table view.

    ``print(explanation)`` shows the text ``brink explain`` prints; :meth:`to_pandas` gives
    one row per path.
    """

    def __repr__(self) -> str:
        return (
            f"<brink.Explanation {self['scenario']}: {self['outcome_runs']} of {self['runs']} runs "
            f"ending in {self['outcome']}, {self['distinct_paths']} distinct paths, "
            f"{len(self['paths'])} listed>"
        )

    def __str__(self) -> str:
        return _brink._explain_text(json.dumps(self))

    def _repr_html_(self) -> str:
        """The paths' section of ``brink report``."""
        from brink._chart import result_html

        return result_html(self, f"brink.explain({self['scenario']!r})")

    def rows(self) -> list[dict[str, Any]]:
        """One dict per listed path, most frequent first: ``rank``, ``count``, ``share``,
        ``ci95_low``, ``ci95_high``, ``first_run``, ``steps`` (the steps in words, joined by
        arrows), ``n_steps``, ``miscalculations`` (steps that were a miscalculation in at
        least half of the path's runs), ``ending``, ``nuclear_cause``, ``ending_actor``."""
        out = []
        for rank, path in enumerate(self["paths"], start=1):
            steps = [
                f"{s['actor']}: {s['from']} -> {s['to']} ({s['event'] or s['cause']})"
                if s["cause"] == "event"
                else f"{s['actor']}: {s['from']} -> {s['to']} ({s['cause']})"
                for s in path["steps"]
            ]
            out.append(
                {
                    "rank": rank,
                    "count": path["count"],
                    "share": path["share"],
                    "ci95_low": path["ci95"][0],
                    "ci95_high": path["ci95"][1],
                    "first_run": path["first_run"],
                    "steps": " => ".join(steps),
                    "n_steps": len(steps),
                    "miscalculations": sum(1 for s in path["steps"] if s["miscalculation_share"] >= 0.5),
                    "ending": path["ending"]["outcome"],
                    "nuclear_cause": path["ending"].get("cause"),
                    "ending_actor": path["ending"].get("actor"),
                }
            )
        return out

    def to_pandas(self) -> pandas.DataFrame:
        """The listed paths as a pandas DataFrame, one row per path (the columns of
        :meth:`rows`; needs pandas)."""
        pd = _require("pandas")
        return pd.DataFrame(self.rows())

    def steps_frame(self) -> pandas.DataFrame:
        """Every step of every listed path as a pandas DataFrame: ``rank`` (the path's), the
        step's ``position`` from 1, and its keys (``actor``, ``from``, ``to``, ``cause``,
        ``event``, ``mean_turn``, ``miscalculation_share``, ``crossed_red_line_share``)."""
        pd = _require("pandas")
        rows = [
            {"rank": rank, "position": i, **step}
            for rank, path in enumerate(self["paths"], start=1)
            for i, step in enumerate(path["steps"], start=1)
        ]
        return pd.DataFrame(rows)


class Story(dict[str, Any]):
    """One run told turn by turn: the report of ``brink explain --run K --format json`` (a
    dict: ``run``, ``outcome``, ``true_red_lines``, ``turns`` with decisions, moves and
    beliefs) with table views. ``print(story)`` shows the text ``brink explain --run`` prints.
    """

    def __repr__(self) -> str:
        cause = f" ({self['nuclear_cause']})" if self.get("nuclear_cause") else ""
        return (
            f"<brink.Story {self['scenario']} run {self['run']} (seed {self['seed']}): "
            f"{len(self['turns'])} turns, {self['outcome']}{cause}>"
        )

    def __str__(self) -> str:
        return _brink._explain_text(json.dumps(self))

    @property
    def turns(self) -> list[dict[str, Any]]:
        """The turns played, as dicts (``turn``, ``rungs``, ``events``, ``decisions``,
        ``moves``, ``beliefs``)."""
        turns: list[dict[str, Any]] = self["turns"]
        return turns

    def rungs(self) -> pandas.DataFrame:
        """Every actor's rung at the end of every turn (one row per turn, one column per
        actor; the rows of ``brink run --trajectories`` for this run; needs pandas)."""
        pd = _require("pandas")
        return pd.DataFrame([{"turn": t["turn"], **t["rungs"]} for t in self.turns]).set_index("turn")

    def beliefs(self) -> pandas.DataFrame:
        """Every belief at the end of every turn, beside the truth: ``turn``, ``holder``,
        ``about``, ``mean_red_line``, ``p_respond_next``, ``true_red_line`` (needs pandas)."""
        pd = _require("pandas")
        return pd.DataFrame([{"turn": t["turn"], **b} for t in self.turns for b in t["beliefs"]])

    def moves(self) -> pandas.DataFrame:
        """Every step up: ``turn``, ``actor``, ``from``, ``to``, ``cause``,
        ``miscalculation``, ``crossed_red_line_of`` (needs pandas)."""
        pd = _require("pandas")
        return pd.DataFrame([{"turn": t["turn"], **m} for t in self.turns for m in t["moves"]])

    def decisions(self) -> pandas.DataFrame:
        """Every option of every decision: ``turn``, ``actor``, ``action``, ``to``,
        ``expected_utility``, ``p``, and ``chosen`` (whether it was taken; needs pandas)."""
        pd = _require("pandas")
        rows = []
        for t in self.turns:
            for d in t["decisions"]:
                for o in d["options"]:
                    chosen = o["action"] == d["chosen"] and o.get("to") == d.get("chosen_to")
                    rows.append({"turn": t["turn"], "actor": d["actor"], **o, "chosen": chosen})
        return pd.DataFrame(rows)


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
) -> Explanation | Story:
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
        An :class:`Explanation` (the ``explain`` report, a dict; ``.to_pandas()`` gives one
        row per path) or, with ``run``/``find``, a :class:`Story` (the ``story`` report;
        ``.rungs()``, ``.beliefs()``, ``.moves()``, ``.decisions()`` give DataFrames).
        ``print()`` of either shows the command line's text.

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
    if result["kind"] == "story":
        return Story(result)
    return Explanation(result)
