"""Shared fixtures: the `brink` command line, run as an independent reference.

The tests compare the Python package with the command line built from the same commit (the
path is given by BRINK_CLI, which scripts/test-python sets; otherwise target/release/brink or
target/debug/brink from the repository root).
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def _cli_path() -> Path:
    given = os.environ.get("BRINK_CLI")
    if given:
        return Path(given)
    for profile in ("release", "debug"):
        candidate = ROOT / "target" / profile / "brink"
        if candidate.exists():
            return candidate
    pytest.exit("no brink binary: build it (cargo build -p brink-cli) or set BRINK_CLI", returncode=2)


class Cli:
    """Runs `brink ARGS...` and returns its output."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        done = subprocess.run([str(self.path), *args], capture_output=True, text=True, cwd=ROOT, check=False)
        if check and done.returncode != 0:
            raise AssertionError(f"brink {' '.join(args)} failed ({done.returncode}):\n{done.stderr}")
        return done

    def text(self, *args: str) -> str:
        return self.run(*args).stdout

    def json(self, *args: str) -> object:
        return json.loads(self.run(*args, "--format", "json").stdout)


@pytest.fixture(scope="session")
def cli() -> Cli:
    return Cli(_cli_path())


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


def without_timing(summary: dict) -> dict:
    """Everything but `timing`, which is the only part that is not a pure function of the
    scenario, overrides, seed and run count."""
    return {key: value for key, value in summary.items() if key != "timing"}
