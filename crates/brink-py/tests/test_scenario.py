"""Scenarios: listing, loading, `set`, TOML, pickling, and errors with file, line and field."""

from __future__ import annotations

import pickle
import re
from pathlib import Path

import brink
import pytest
from conftest import without_timing


def test_scenarios_are_the_command_lines(cli):
    listed = cli.run("scenarios").stdout.splitlines()
    names = [line.split()[0] for line in listed]
    got = brink.scenarios()
    assert [s["name"] for s in got] == names
    defaults = [s["name"] for s in got if s["default"]]
    assert defaults == [line.split()[0] for line in listed if line.endswith("(default)")]
    assert all(s["title"] or s["question"] for s in got)


def test_load_by_name_and_by_path(root):
    path = root / "scenarios" / "cuban-1962.toml"
    by_name = brink.load("cuban-1962")
    by_path = brink.load(path)
    assert by_name.name == by_path.name == "cuban-1962"
    assert by_name.origin == "bundled:cuban-1962"
    assert by_path.origin == str(path)
    # The bundled text is the file's, so both hash alike.
    assert by_name.hash == by_path.hash
    assert by_path.to_toml() == path.read_text(encoding="utf-8")
    assert brink.load().name == next(s["name"] for s in brink.scenarios() if s["default"])


def test_set_is_the_command_lines_set(cli):
    scenario = brink.load("cuban-1962")
    before = scenario.hash
    assert scenario.set("actors.usa.response_prob", 0.25) is scenario
    scenario.set("rules.max_turns", 30).set("actors.ussr.rationality", float("inf"))
    assert scenario.overrides == [
        "actors.usa.response_prob=0.25",
        "rules.max_turns=30",
        "actors.ussr.rationality=inf",
    ]
    assert scenario.hash != before
    assert "response_prob = 0.25" in scenario.to_toml()
    expected = cli.json(
        "run",
        "cuban-1962",
        "-n",
        "2000",
        "--seed",
        "4",
        "--set",
        "actors.usa.response_prob=0.25",
        "--set",
        "rules.max_turns=30",
        "--set",
        "actors.ussr.rationality=inf",
    )
    got = brink.run(scenario, runs=2000, seed=4).summary
    assert got["scenario_hash"] == expected["scenario_hash"]
    assert without_timing(got) == without_timing(expected)


def test_copy_is_independent():
    scenario = brink.load("cuban-1962")
    copy = scenario.copy().set("actors.usa.response_prob", 0.1)
    assert scenario.overrides == [] and copy.overrides == ["actors.usa.response_prob=0.1"]


def test_pickle_keeps_text_and_overrides(root):
    scenario = brink.load(root / "scenarios" / "korea-1951.toml").set("rules.max_turns", 12)
    again = pickle.loads(pickle.dumps(scenario))
    assert (again.origin, again.hash, again.overrides, again.to_toml()) == (
        scenario.origin,
        scenario.hash,
        scenario.overrides,
        scenario.to_toml(),
    )
    a = brink.run(scenario, runs=1000, seed=2).summary
    b = brink.run(again, runs=1000, seed=2).summary
    assert without_timing(a) == without_timing(b)


def _broken_copy(root: Path, tmp_path: Path) -> tuple[Path, int]:
    """teaching-symmetric with red's response_prob out of range, and the line it is on."""
    lines = (root / "scenarios" / "teaching-symmetric.toml").read_text(encoding="utf-8").splitlines(True)
    red = next(i for i, line in enumerate(lines) if line.strip() == "[actors.red]")
    target = next(i for i in range(red, len(lines)) if lines[i].startswith("response_prob"))
    lines[target] = "response_prob = 1.7\n"
    path = tmp_path / "broken.toml"
    path.write_text("".join(lines), encoding="utf-8")
    return path, target + 1


def test_errors_name_file_line_and_field(root, tmp_path, cli):
    path, line = _broken_copy(root, tmp_path)
    with pytest.raises(brink.ScenarioError) as caught:
        brink.load(path)
    error = caught.value
    assert isinstance(error, ValueError)
    assert error.file == str(path)
    assert error.line == line
    assert error.column == 17
    assert error.field == "actors.red.response_prob"
    assert error.kind == "scenario"
    assert "1.7" in error.message or "[0, 1]" in error.message
    # The message is the command line's, which names the same place.
    stderr = cli.run("check", str(path), check=False).stderr
    assert f"{path}:{line}:17" in stderr
    assert str(error).strip() in stderr


def test_every_problem_is_reported(root, tmp_path):
    path, _ = _broken_copy(root, tmp_path)
    text = path.read_text(encoding="utf-8").replace("max_turns =", "max_turns = -3 #", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(brink.ScenarioError) as caught:
        brink.load(path)
    fields = [d["field"] for d in caught.value.diagnostics]
    assert "actors.red.response_prob" in fields and "rules.max_turns" in fields
    assert all(d["file"] == str(path) and isinstance(d["line"], int) for d in caught.value.diagnostics)


def test_a_bad_set_raises_and_leaves_the_scenario_unchanged():
    scenario = brink.load("cuban-1962")
    with pytest.raises(brink.ScenarioError) as caught:
        scenario.set("actors.usa.response_prob", 2.5)
    assert caught.value.field == "actors.usa.response_prob"
    # As on the command line, a bad value set by an override is blamed on the override.
    assert caught.value.line is None
    assert caught.value.diagnostics[0]["override"] == "actors.usa.response_prob=2.5"
    assert "--set actors.usa.response_prob=2.5" in str(caught.value)
    with pytest.raises(brink.ScenarioError) as caught:
        scenario.set("actors.nobody.response_prob", 0.5)
    assert caught.value.field.startswith("actors.nobody")
    assert scenario.overrides == [] and scenario.hash == brink.load("cuban-1962").hash


def test_unknown_names_and_syntax_errors(tmp_path):
    with pytest.raises(brink.ScenarioError, match="no bundled scenario"):
        brink.load("no-such-scenario")
    bad = tmp_path / "syntax.toml"
    bad.write_text('[scenario]\nname = "x"\ntitle = \n', encoding="utf-8")
    with pytest.raises(brink.ScenarioError) as caught:
        brink.load(bad)
    assert caught.value.line == 3
    assert re.search(r"invalid TOML", str(caught.value))
    with pytest.raises(brink.ScenarioError):
        brink.load(tmp_path / "missing.toml")


def test_a_path_set_twice_blames_the_value_in_effect():
    scenario = brink.load("cuban-1962").set("actors.usa.response_prob", 0.3)
    with pytest.raises(brink.ScenarioError) as caught:
        scenario.set("actors.usa.response_prob", True)
    assert caught.value.diagnostics[0]["override"] == "actors.usa.response_prob=true"
    assert scenario.overrides == ["actors.usa.response_prob=0.3"]


def test_a_run_of_a_bad_file_raises_the_structured_error(root, tmp_path):
    path, line = _broken_copy(root, tmp_path)
    with pytest.raises(brink.ScenarioError) as caught:
        brink.run(path, runs=10)
    assert (caught.value.file, caught.value.line, caught.value.column) == (str(path), line, 17)
    assert caught.value.field == "actors.red.response_prob"
    # A bad parameter path of a sweep names the override.
    with pytest.raises(brink.ScenarioError) as caught:
        brink.sweep("cuban-1962", grid={"actors.usa.no_such_key": (0, 1, 2)}, runs=10)
    assert caught.value.diagnostics[0]["source"] == "override"
