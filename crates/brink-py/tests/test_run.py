"""`brink.run` against `brink run`: identical summaries, records and errors."""

from __future__ import annotations

import _thread
import threading
import time

import brink
import pyarrow
import pyarrow.parquet
import pytest
from conftest import without_timing


@pytest.mark.parametrize(
    ("name", "runs", "seed", "sets"),
    [
        ("ukraine-2024", 20_000, 7, []),
        ("cuban-1962", 5_000, 11, [("actors.usa.response_prob", 0.8), ("rules.max_turns", 26)]),
        ("korea-1951", 3_000, 1, []),
        ("autumn-1983", 3_000, 2, []),
        ("india-pakistan-2025", 3_000, 3, []),
        ("teaching-symmetric", 4_000, 123456789, []),
    ],
)
def test_summary_equals_the_command_line(cli, name, runs, seed, sets):
    scenario = brink.load(name)
    for path, value in sets:
        scenario.set(path, value)
    flags = [flag for path, value in sets for flag in ("--set", f"{path}={value}")]
    expected = cli.json("run", name, "-n", str(runs), "--seed", str(seed), *flags)
    got = brink.run(scenario, runs=runs, seed=seed).summary
    assert set(got) == set(expected)
    assert without_timing(got) == without_timing(expected)
    assert got["timing"]["seconds"] > 0


def test_default_scenario_runs_and_seed_follow_the_command_line(cli):
    expected = cli.json("run", "-n", "2000")
    got = brink.run(runs=2000).summary
    assert without_timing(got) == without_timing(expected)


def test_thread_count_does_not_change_the_summary():
    one = brink.run("cuban-1962", runs=6_000, seed=3, threads=1).summary
    two = brink.run("cuban-1962", runs=6_000, seed=3, threads=2).summary
    assert without_timing(one) == without_timing(two)
    assert one["timing"]["threads"] == 1 and two["timing"]["threads"] == 2


def test_records_equal_the_command_lines_parquet(cli, tmp_path):
    out = tmp_path / "runs.parquet"
    cli.run("run", "cuban-1962", "-n", "3000", "--seed", "5", "--out", str(out))
    expected = pyarrow.parquet.read_table(out)
    result = brink.run("cuban-1962", runs=3000, seed=5, records=True)
    table = result.runs
    assert isinstance(table, pyarrow.Table)
    assert table.num_rows == 3000
    assert table.column_names == expected.column_names
    # Same values column by column (Parquet drops nothing: u64, f64, utf8, nulls).
    for name in expected.column_names:
        assert table.column(name).to_pylist() == expected.column(name).to_pylist(), name


def test_records_agree_with_the_summary_and_are_collected_lazily():
    eager = brink.run("ukraine-2024", runs=4096 + 17, seed=9, records=True)
    lazy = brink.run("ukraine-2024", runs=4096 + 17, seed=9)
    assert lazy._runs is None  # a summary-only call keeps no records
    assert lazy.runs.equals(eager.runs)
    outcomes = eager.runs.column("outcome").to_pylist()
    for outcome, stats in eager.summary["outcomes"].items():
        assert outcomes.count(outcome) == stats["count"]
    assert eager.runs.column("run").to_pylist() == list(range(4096 + 17))
    assert sum(eager.runs.column("turns").to_pylist()) == eager.summary["work"]["turns"]


def test_signal_counts_in_the_records_add_up_to_the_summary():
    result = brink.run("india-pakistan-2025", runs=3000, seed=4, records=True)
    runs, signals = result.runs, result.summary["signals"]
    for key in ("sent", "honoured", "contradicted"):
        assert sum(runs.column(f"signals_{key}").to_pylist()) == signals[key]["total"]
    tested = signals["honoured"]["total"] + signals["contradicted"]["total"]
    assert tested > 0
    assert signals["deception"] == pytest.approx(signals["contradicted"]["total"] / tested, rel=1e-15)


def test_trajectories_cover_every_turn_and_actor():
    result = brink.run("teaching-symmetric", runs=200, seed=2, trajectories=True)
    table = result.trajectories
    actors = len(result.scenario.actors)
    assert table.num_rows == sum(result.runs.column("turns").to_pylist()) * actors
    assert set(table.column("actor").to_pylist()) == set(result.scenario.actors)


def test_pandas_and_polars():
    result = brink.run("cuban-1962", runs=1000, seed=1, records=True)
    frame = result.to_pandas()
    assert len(frame) == 1000 and list(frame.columns) == result.runs.column_names
    polars = pytest.importorskip("polars")
    pl_frame = result.to_polars()
    assert isinstance(pl_frame, polars.DataFrame) and pl_frame.height == 1000
    assert pl_frame["outcome"].to_list() == frame["outcome"].to_list()


def test_bad_arguments_are_value_errors():
    with pytest.raises(ValueError, match="runs"):
        brink.run("cuban-1962", runs=0)
    with pytest.raises(ValueError, match="threads"):
        brink.run("cuban-1962", runs=10, threads=0)
    with pytest.raises(OverflowError):
        brink.run("cuban-1962", runs=-1)


def test_the_gil_is_released_during_a_run():
    ticks = []
    stop = threading.Event()

    def count() -> None:
        while not stop.is_set():
            ticks.append(time.perf_counter())
            time.sleep(0.001)

    counter = threading.Thread(target=count)
    counter.start()
    time.sleep(0.05)
    started = time.perf_counter()
    brink.run("ukraine-2024", runs=100_000, seed=1, threads=1)
    ended = time.perf_counter()
    stop.set()
    counter.join()
    during = [t for t in ticks if started < t < ended]
    # With the GIL held for the whole run the counter could not tick in between; released,
    # it ticks about once a millisecond (allow a slow, shared machine a factor of 10).
    assert ended - started > 0.1
    assert len(during) > (ended - started) / 0.001 / 10


def test_ctrl_c_stops_a_long_run():
    # As if Ctrl-C were pressed 0.5 s into a run that would take minutes.
    timer = threading.Timer(0.5, _thread.interrupt_main)
    timer.start()
    started = time.perf_counter()
    with pytest.raises(KeyboardInterrupt):
        brink.run("ukraine-2024", runs=200_000_000, seed=1)
    timer.join()
    assert time.perf_counter() - started < 10


def test_a_result_is_a_snapshot_of_its_scenario():
    """A later `scenario.set(...)` must not change a result: `runs` (simulated again on first
    access) are the runs of the scenario as it was, and agree with the summary."""
    scenario = brink.load("teaching-symmetric")
    result = brink.run(scenario, runs=2000, seed=3)
    before = result.summary["outcomes"]["nuclear_use"]["count"]
    scenario.set("rules.max_turns", 2)
    assert result.scenario.overrides == [] and scenario.overrides == ["rules.max_turns=2"]
    nuclear = sum(1 for o in result.runs.column("outcome").to_pylist() if o == "nuclear_use")
    assert nuclear == before
    assert result.runs.num_rows == 2000
    assert max(result.runs.column("turns").to_pylist()) > 2, "the runs are the unmodified scenario's"
