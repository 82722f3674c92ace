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
) -> dict[str, Any]:
    """The exact probability that ``scenario`` produces the observed record(s), summed over
    everything a record does not show (private red lines, event draws, decision noise,
    answers, accidents): the report of ``brink likelihood --format json`` (docs/EVIDENCE.md).

    Args:
        scenario: a :class:`~brink.Scenario`, a bundled name or a TOML file.
        record: a record file (``.toml``) or a trajectories file of ``brink run
            --trajectories`` (``.csv``, ``.jsonl``, ``.parquet``), or a list of them.
        run: for trajectories files, the run to take (its index) or ``"all"``.

    Returns:
        The report (``kind`` ``"likelihood"``): ``records`` (each ``likelihood``,
        ``log_likelihood``, ``impossible_at_turn``, ``per_turn``) and the total
        ``log_likelihood`` (``None`` when a record is impossible).

    Raises:
        ScenarioError: the scenario, or a record file, is invalid (file, line and field).
        ValueError: a file of another kind, a missing run, or a trajectories file without ``run``.
    """
    base = _scenario(scenario)
    paths = [record] if isinstance(record, (str, os.PathLike)) else list(record)
    report = _brink._likelihood(base, [os.fspath(p) for p in paths], None if run is None else str(run))
    result: dict[str, Any] = json.loads(report)
    return result
