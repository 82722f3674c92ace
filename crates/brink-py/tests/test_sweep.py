"""`brink.sweep`: the command line's sweep, on the local backend and on a local Ray cluster
(bit for bit), and resuming from the journal."""

from __future__ import annotations

import json

import brink
import pytest

GRID = {"actors.russia.response_prob": (0.2, 0.8, 3), "actors.usa.beliefs.russia.bias": (0.0, 1.0, 2)}
GRID_FLAGS = [
    "--grid",
    "actors.russia.response_prob=0.2:0.8:3",
    "--grid",
    "actors.usa.beliefs.russia.bias=0.0:1.0:2",
]


def exact(value: object) -> str:
    """A canonical text of a result, so that equality is bit for bit (floats in round-trip
    form) and not merely ==; `timing` (wall-clock time) aside."""
    if isinstance(value, dict):
        value = {k: v for k, v in value.items() if k != "timing"}
    return json.dumps(value, sort_keys=True, allow_nan=True)


def test_grid_sweep_equals_the_command_line(cli):
    expected = cli.json("sweep", "ukraine-2024", *GRID_FLAGS, "-n", "3000", "--seed", "5")
    got = brink.sweep("ukraine-2024", grid=GRID, runs=3000, seed=5)
    assert len(got) == 6 and got.computed == list(range(6)) and got.skipped == []
    assert exact(got.to_dict()) == exact(expected)


def test_latin_hypercube_equals_the_command_line(cli):
    expected = cli.json(
        "sweep",
        "cuban-1962",
        "--lhs",
        "5",
        "--param",
        "actors.usa.response_prob=0.1:0.9",
        "--param",
        "rules.max_turns=8:20",
        "--set",
        "actors.ussr.lookahead=1",
        "-n",
        "2000",
        "--seed",
        "3",
    )
    scenario = brink.load("cuban-1962").set("actors.ussr.lookahead", 1)
    got = brink.sweep(
        scenario,
        lhs=5,
        params={"actors.usa.response_prob": (0.1, 0.9), "rules.max_turns": (8, 20)},
        runs=2000,
        seed=3,
    )
    assert exact(got.to_dict()) == exact(expected)
    # Integer bounds make an integer parameter, as on the command line.
    assert all(float(row["values"][1]).is_integer() for row in got.rows)


def test_table_has_the_command_lines_columns(cli, tmp_path):
    import pyarrow.csv

    out = tmp_path / "sweep.csv"
    cli.run(
        "sweep",
        "ukraine-2024",
        *GRID_FLAGS,
        "-n",
        "1000",
        "--seed",
        "2",
        "--out",
        str(out),
        "--format",
        "json",
    )
    expected = pyarrow.csv.read_csv(out)
    table = brink.sweep("ukraine-2024", grid=GRID, runs=1000, seed=2).to_arrow()
    assert table.column_names == expected.column_names
    for name in table.column_names:
        assert table.column(name).to_pylist() == pytest.approx(
            expected.column(name).to_pylist(), rel=1e-15
        ), name
    assert len(brink.sweep("ukraine-2024", grid=GRID, runs=1000, seed=2).to_pandas()) == 6


@pytest.fixture(scope="module")
def ray_cluster():
    ray = pytest.importorskip("ray")
    ray.init(num_cpus=2, include_dashboard=False)
    yield ray
    ray.shutdown()


def test_ray_equals_local_bit_for_bit(ray_cluster):
    scenario = brink.load("ukraine-2024").set("rules.max_turns", 20)
    local = brink.sweep(scenario, grid=GRID, runs=5000, seed=11, backend="local")
    on_ray = brink.sweep(scenario, grid=GRID, runs=5000, seed=11, backend="ray")
    assert on_ray.rows == local.rows
    assert exact(on_ray.to_dict()) == exact(local.to_dict())
    assert sorted(on_ray.computed) == list(range(6))
    lhs = {"actors.russia.response_prob": (0.2, 0.8), "actors.usa.beliefs.russia.bias": (0.0, 1.0)}
    local = brink.sweep(scenario, lhs=7, params=lhs, runs=2000, seed=4)
    on_ray = brink.sweep(scenario, lhs=7, params=lhs, runs=2000, seed=4, backend="ray")
    assert exact(on_ray.to_dict()) == exact(local.to_dict())


def test_ray_resumes_a_local_journal(ray_cluster, tmp_path):
    journal = tmp_path / "sweep.jsonl"
    first = []

    def stop_after_two(row):
        first.append(row["point"])
        if len(first) == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        brink.sweep("ukraine-2024", grid=GRID, runs=2000, seed=6, journal=journal, on_point=stop_after_two)
    resumed = brink.sweep("ukraine-2024", grid=GRID, runs=2000, seed=6, journal=journal, backend="ray")
    assert resumed.skipped == [0, 1] and sorted(resumed.computed) == [2, 3, 4, 5]
    fresh = brink.sweep("ukraine-2024", grid=GRID, runs=2000, seed=6)
    assert exact(resumed.to_dict()) == exact(fresh.to_dict())


def test_an_interrupted_sweep_resumes_where_it_stopped(tmp_path):
    journal = tmp_path / "sweep.jsonl"
    seen = []

    def stop_after_three(row):
        seen.append(row["point"])
        if len(seen) == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        brink.sweep("ukraine-2024", grid=GRID, runs=1500, seed=8, journal=journal, on_point=stop_after_three)
    lines = journal.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 + 3  # the header and the three finished points, each on disk
    resumed_rows = []
    resumed = brink.sweep(
        "ukraine-2024", grid=GRID, runs=1500, seed=8, journal=journal, on_point=resumed_rows.append
    )
    assert resumed.skipped == [0, 1, 2] and resumed.computed == [3, 4, 5]
    assert [r["point"] for r in resumed_rows] == [3, 4, 5]
    fresh = brink.sweep("ukraine-2024", grid=GRID, runs=1500, seed=8)
    assert exact(resumed.to_dict()) == exact(fresh.to_dict())
    # A third call finds everything done and computes nothing.
    again = brink.sweep("ukraine-2024", grid=GRID, runs=1500, seed=8, journal=journal)
    assert again.computed == [] and again.skipped == list(range(6))
    assert exact(again.to_dict()) == exact(fresh.to_dict())


def test_a_line_cut_short_is_dropped_and_recomputed(tmp_path):
    journal = tmp_path / "sweep.jsonl"
    full = brink.sweep("ukraine-2024", grid=GRID, runs=1000, seed=3, journal=journal)
    text = journal.read_text(encoding="utf-8")
    journal.write_text(text[: len(text) - 25], encoding="utf-8")  # a crash mid-write
    resumed = brink.sweep("ukraine-2024", grid=GRID, runs=1000, seed=3, journal=journal)
    assert resumed.computed == [5]
    assert exact(resumed.to_dict()) == exact(full.to_dict())
    assert all(json.loads(line) for line in journal.read_text(encoding="utf-8").splitlines())


def test_the_command_lines_journal_resumes_here(cli, tmp_path):
    out = tmp_path / "sweep.csv"
    cli.run("sweep", "ukraine-2024", *GRID_FLAGS, "-n", "1000", "--seed", "9", "--out", str(out))
    resumed = brink.sweep("ukraine-2024", grid=GRID, runs=1000, seed=9, journal=f"{out}.sweep.jsonl")
    assert resumed.computed == [] and resumed.skipped == list(range(6))


def test_a_journal_of_another_sweep_is_refused(tmp_path):
    journal = tmp_path / "sweep.jsonl"
    brink.sweep("ukraine-2024", grid=GRID, runs=500, seed=1, journal=journal)
    with pytest.raises(ValueError, match="different sweep"):
        brink.sweep("ukraine-2024", grid=GRID, runs=500, seed=2, journal=journal)


def test_bad_designs_are_refused():
    with pytest.raises(ValueError):
        brink.sweep("ukraine-2024", runs=10)
    with pytest.raises(ValueError):
        brink.sweep("ukraine-2024", grid=GRID, lhs=3, runs=10)
    with pytest.raises(ValueError, match="backend"):
        brink.sweep("ukraine-2024", grid=GRID, runs=10, backend="spark")
    with pytest.raises(ValueError, match="COUNT"):
        brink.sweep("ukraine-2024", grid={"rules.max_turns": (5, 10, 0)}, runs=10)
    with pytest.raises(brink.ScenarioError) as caught:
        brink.sweep("ukraine-2024", grid={"actors.nobody.response_prob": (0.1, 0.2, 2)}, runs=10)
    assert caught.value.field.startswith("actors.nobody")


def test_a_python_journal_resumes_on_the_command_line(cli, tmp_path):
    out = tmp_path / "sweep.csv"
    journal = tmp_path / "sweep.csv.sweep.jsonl"
    python = brink.sweep("ukraine-2024", grid=GRID, runs=1000, seed=12, journal=journal)
    lines = journal.read_text(encoding="utf-8").splitlines()
    # The command line accepts the header (it refuses a journal of another sweep), computes
    # nothing (it appends a line per point it computes) and reports the same rows.
    expected = cli.json("sweep", "ukraine-2024", *GRID_FLAGS, "-n", "1000", "--seed", "12", "--out", str(out))
    assert journal.read_text(encoding="utf-8").splitlines() == lines
    assert exact(python.to_dict()) == exact(expected)


def test_the_seed_defaults_to_the_scenarios_as_on_the_command_line(cli):
    expected = cli.json("sweep", "cuban-1962", "--grid", "rules.max_turns=5:20:2", "-n", "300")
    assert expected["seed"] == 19621027
    got = brink.sweep("cuban-1962", grid={"rules.max_turns": (5, 20, 2)}, runs=300)
    assert got.seed == 19621027
    assert exact(got.to_dict()) == exact(expected)
