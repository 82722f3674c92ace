"""The example script runs, checks its own figures, and resumes from its journal."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT

EXAMPLE = ROOT / "examples" / "python" / "nuclear_use_sweep.py"


def test_example_runs_and_resumes(tmp_path):
    args = [
        sys.executable,
        str(EXAMPLE),
        "--runs",
        "1000",
        "--points",
        "3",
        "--no-plot",
        "--out",
        str(tmp_path / "s.png"),
    ]
    first = subprocess.run(args, capture_output=True, text=True, check=True)
    assert "(3 points computed, 0 taken from" in first.stdout
    again = subprocess.run(args, capture_output=True, text=True, check=True)
    assert "(0 points computed, 3 taken from" in again.stdout
    # The table is the same both times (the second is read back from the journal).
    assert first.stdout.splitlines()[:4] == again.stdout.splitlines()[:4]
