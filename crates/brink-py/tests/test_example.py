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


LANGUAGE_MODEL_PLAYER = ROOT / "examples" / "python" / "language_model_player.py"


def test_language_model_player_example_runs_offline_and_matches_the_hawk():
    args = [sys.executable, str(LANGUAGE_MODEL_PLAYER), "--runs", "500"]
    done = subprocess.run(args, capture_output=True, text=True, check=True)
    assert "same runs as the built-in hawk: yes" in done.stdout


def test_language_model_player_parses_replies():
    import importlib.util

    spec = importlib.util.spec_from_file_location("language_model_player", LANGUAGE_MODEL_PLAYER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    allowed = ("concede", "hold", "up")
    assert module.parse_reply('{"hold": 3, "up": 1, "nuke": 5}', allowed) == {"hold": 0.75, "up": 0.25}
    assert module.parse_reply('"Up."', allowed) == "up"
    assert module.parse_reply("I would rather not say", allowed) == "hold"
    assert module.parse_reply("[1, 2]", allowed) == "hold"
