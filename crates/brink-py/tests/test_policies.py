"""Decision rules from Python (`brink.run(..., policies=...)`): the same draws and runs as the
built-in rules, reproducible, and clear errors for bad returns."""

from __future__ import annotations

import brink
import pytest

SCENARIO = "teaching-symmetric"
RUNS = 2_000


def python_hawk(observation: brink.Observation) -> str:
    """The built-in `hawk`: one rung up when allowed, else hold."""
    return "up" if "up" in observation.allowed else "hold"


def python_random_walk(up: float, down: float):
    """The built-in `random-walk` as a distribution, entries in its order (up, down, hold),
    a blocked move standing still: the rung's own name is another way to say "hold"."""

    def rule(observation: brink.Observation) -> dict[str, float]:
        up_key = "up" if "up" in observation.allowed else observation.rung
        down_key = "down" if "down" in observation.allowed else "hold"
        hold_key = observation.rung if down_key == "hold" else "hold"
        return {up_key: up, down_key: down, hold_key: 1.0 - up - down}

    return rule


def comparable(summary: dict) -> dict:
    """A summary without what names the scenario's text (its overrides, hash) or the time."""
    dropped = {"timing", "manifest", "overrides", "scenario_hash", "hash", "scenario_toml"}
    return {key: value for key, value in summary.items() if key not in dropped}


def test_a_python_hawk_gives_the_built_in_hawks_records_bit_for_bit():
    built_in = brink.load(SCENARIO).set("actors.red.policy", "hawk")
    expected = brink.run(built_in, runs=RUNS, seed=5, records=True)
    got = brink.run(SCENARIO, runs=RUNS, seed=5, records=True, policies={"red": python_hawk})
    assert got.runs.equals(expected.runs)
    assert comparable(got.summary) == comparable(expected.summary)
    # Not a tautology: the hawk changes the runs.
    assert not got.runs.equals(brink.run(SCENARIO, runs=RUNS, seed=5, records=True).runs)


def test_a_python_distribution_draws_the_built_in_rules_random_number():
    built_in = brink.load(SCENARIO).set("actors.blue.policy", {"kind": "random-walk", "up": 0.3, "down": 0.2})
    expected = brink.run(built_in, runs=RUNS, seed=9, records=True)
    policies = {"blue": python_random_walk(0.3, 0.2)}
    got = brink.run(SCENARIO, runs=RUNS, seed=9, records=True, policies=policies)
    assert got.runs.equals(expected.runs)


def test_one_action_still_consumes_the_draw_so_the_other_actors_see_the_same_numbers():
    # Red's Python hawk answers with one action; blue keeps its logit rule, whose draws come
    # from the same slots as when red was the built-in hawk.
    built_in = brink.load(SCENARIO).set("actors.red.policy", "hawk")
    expected = brink.run(built_in, runs=RUNS, seed=21, records=True).runs
    got = brink.run(SCENARIO, runs=RUNS, seed=21, records=True, policies={"red": python_hawk}).runs
    assert got.column("outcome").equals(expected.column("outcome"))
    assert got.equals(expected)


def test_same_scenario_seed_and_function_give_the_same_runs_on_any_thread_count():
    policies = {"red": python_random_walk(0.4, 0.1), "blue": python_hawk}
    one = brink.run(SCENARIO, runs=RUNS, seed=3, threads=1, records=True, policies=policies)
    two = brink.run(SCENARIO, runs=RUNS, seed=3, threads=2, records=True, policies=policies)
    again = brink.run(SCENARIO, runs=RUNS, seed=3, records=True, policies=policies)
    assert one.runs.equals(two.runs)
    assert one.runs.equals(again.runs)
    assert comparable(one.summary) == comparable(two.summary)


def test_the_function_is_called_in_run_order_so_state_is_reproducible():
    def counting_rule():
        calls = []

        def rule(observation):
            calls.append(observation.turn)
            return {"up": 0.5, "hold": 0.5} if len(calls) % 3 else "hold"

        return rule

    first = brink.run(SCENARIO, runs=500, seed=1, threads=2, records=True, policies={"red": counting_rule()})
    second = brink.run(SCENARIO, runs=500, seed=1, threads=2, records=True, policies={"red": counting_rule()})
    assert first.runs.equals(second.runs)


def test_lazily_collected_records_use_the_same_policies():
    policies = {"red": python_hawk}
    eager = brink.run(SCENARIO, runs=500, seed=2, records=True, policies=policies)
    lazy = brink.run(SCENARIO, runs=500, seed=2, policies=policies)
    assert lazy.runs.equals(eager.runs)


def test_the_observation_shows_what_the_actor_sees():
    seen = []

    def rule(observation):
        if len(seen) < 50:
            seen.append(observation.to_dict())
        return "hold"

    brink.run(SCENARIO, runs=20, seed=1, policies={"red": rule})
    first = seen[0]
    assert first["actor"] == "red"
    assert first["turn"] == 1
    assert set(first["actors"]) == {"blue", "red"}
    assert first["rung"] == first["ladder"][first["rung_index"]]
    assert first["rungs"]["red"] == first["rung"]
    assert "hold" in first["allowed"]
    assert set(first["allowed"]) <= {"concede", "down", "hold", "up", *first["ladder"]}
    belief = first["beliefs"]["blue"]
    assert len(belief) == len(first["ladder"]) + 1
    assert sum(belief) == pytest.approx(1.0)
    assert first["red_line"] is None or first["red_line"] in first["ladder"]
    # Row 0 is the start (both at "calm"); turn 1's event has since moved blue to "protest".
    assert first["history"] == ((0, 0),)
    assert first["rungs"] == {"blue": "protest", "red": "calm"}
    for observation in seen:
        assert len(observation["history"]) == observation["turn"]
        assert all(len(row) == 2 for row in observation["history"])


def test_a_rung_name_is_a_jump_and_hold_is_the_current_rung():
    def rule(observation):
        return observation.rung  # the rung's own name: hold

    held = brink.run(SCENARIO, runs=300, seed=4, records=True, policies={"red": rule})
    holder = brink.load(SCENARIO).set("actors.red.policy", "hold")
    built_in = brink.run(holder, runs=300, seed=4, records=True)
    assert held.runs.equals(built_in.runs)


@pytest.mark.parametrize(
    ("returned", "expected"),
    [
        ("upp", "'upp' is not an action"),
        ({"up": -0.5, "hold": 1.5}, "not a number in [0, 1]"),
        ({"up": 0.5, "hold": 0.4}, "sum to 0.9"),
        ({}, "empty distribution"),
        (None, "returned None"),
        ({"up": "often"}, "not a number"),
    ],
)
def test_bad_returns_raise_a_policy_error_naming_actor_turn_and_what_was_expected(returned, expected):
    with pytest.raises(brink.PolicyError) as raised:
        brink.run(SCENARIO, runs=100, seed=1, policies={"red": lambda observation: returned})
    message = str(raised.value)
    assert "actor 'red'" in message
    assert "turn 1" in message
    assert expected in message
    assert "expected one of" in message and "'hold'" in message


def test_an_action_the_actor_may_not_take_is_refused():
    def rule(observation):
        return observation.ladder[-1]  # a jump to the top rung, beyond its allowed step

    with pytest.raises(brink.PolicyError, match=r"actor 'red' at turn 1 .* is not allowed now"):
        brink.run(SCENARIO, runs=100, seed=1, policies={"red": rule})


def test_an_exception_in_the_rule_is_the_cause_of_the_policy_error():
    def rule(observation):
        if observation.turn == 3:
            raise ZeroDivisionError("the model timed out")
        return "hold"

    with pytest.raises(brink.PolicyError, match="actor 'red' at turn 3 raised ZeroDivisionError") as raised:
        brink.run(SCENARIO, runs=1_000_000, seed=1, policies={"red": rule})
    assert isinstance(raised.value.__cause__, ZeroDivisionError)


def test_policies_must_name_actors_and_be_functions():
    with pytest.raises(ValueError, match="no actor named 'green'"):
        brink.run(SCENARIO, runs=10, policies={"green": python_hawk})
    with pytest.raises(ValueError, match="expected a function"):
        brink.run(SCENARIO, runs=10, policies={"red": "hawk"})


def test_the_engine_gives_the_same_runs_on_two_threads_for_a_pure_rule():
    # brink.run keeps Python rules on one thread; the engine underneath does not depend on it.
    from brink import _brink

    policies = {"red": python_random_walk(0.4, 0.1), "blue": python_hawk}
    scenario = brink.load(SCENARIO)
    _, one, _ = _brink._run(scenario, runs=RUNS, seed=3, threads=1, records=True, policies=policies)
    _, two, _ = _brink._run(scenario, runs=RUNS, seed=3, threads=2, records=True, policies=policies)
    assert one.equals(two)


def test_down_from_the_bottom_rung_is_not_allowed():
    expected = r"actor 'red' at turn 1 returned 'down': 'down' is not allowed now"
    with pytest.raises(brink.PolicyError, match=expected):
        brink.run(SCENARIO, runs=10, seed=1, policies={"red": lambda observation: "down"})
