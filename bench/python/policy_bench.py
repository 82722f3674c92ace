"""Python decision rules (`brink.run(..., policies=...)`): decisions per second.

Runs a scenario with one actor's rule written in Python and counts the calls, against the
same runs with the built-in rule it reproduces (so the Python part's cost per decision is
the difference). Rules measured, cheapest first:

- `hawk`: reads `observation.allowed` and returns a name (the issue's test rule);
- `walk`: returns a dict of three probabilities (reads `allowed` and `rung`);
- `full`: calls `observation.to_dict()` (every attribute built: what a prompt needs).

Each is timed `--repeat` times at 1 and 2 engine threads (`brink.run` always uses one with a
Python rule; the private `brink._brink._run` takes the thread count as given, to measure
whether a second thread would help); the medians are printed with the decisions/s. No
assertions: timings on a shared machine vary; the figure goes in docs/PYTHON.md.

Usage (a release build of the wheel: `BRINK_PY_PROFILE=release scripts/test-python -x`):

    python bench/python/policy_bench.py [--scenario teaching-symmetric] [--runs 20000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import time

import brink
from brink import _brink


def hawk(observation):
    return "up" if "up" in observation.allowed else "hold"


def walk(observation):
    up_key = "up" if "up" in observation.allowed else observation.rung
    down_key = "down" if "down" in observation.allowed else "hold"
    hold_key = observation.rung if down_key == "hold" else "hold"
    return {up_key: 0.3, down_key: 0.2, hold_key: 0.5}


def full(observation):
    observation.to_dict()
    return hawk(observation)


def counted(rule):
    calls = [0]

    def wrapper(observation):
        calls[0] += 1
        return rule(observation)

    return wrapper, calls


def median_time(call, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", default="teaching-symmetric")
    parser.add_argument("--actor", default="red")
    parser.add_argument("--runs", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    scenario = brink.load(args.scenario)
    built_in = {
        "hawk": scenario.copy().set(f"actors.{args.actor}.policy", "hawk"),
        "walk": scenario.copy().set(
            f"actors.{args.actor}.policy", {"kind": "random-walk", "up": 0.3, "down": 0.2}
        ),
        "full": scenario.copy().set(f"actors.{args.actor}.policy", "hawk"),
    }
    rules = {"hawk": hawk, "walk": walk, "full": full}
    print(f"{args.scenario}, {args.runs} runs, actor {args.actor}'s rule in Python; medians of {args.repeat}")
    print(
        f"{'rule':<6} {'threads':>7} {'decisions':>10} {'python s':>9} {'built-in s':>10} "
        f"{'decisions/s':>12} {'µs/decision over built-in':>26}"
    )
    for name, rule in rules.items():
        for threads in (1, 2):
            wrapper, calls = counted(rule)
            policies = {args.actor: wrapper}
            def with_python(threads=threads, policies=policies):
                _brink._run(scenario, runs=args.runs, seed=args.seed, threads=threads, policies=policies)

            with_python()
            decisions = calls[0]
            python_s = median_time(with_python, args.repeat)
            def native(threads=threads, name=name):
                brink.run(built_in[name], runs=args.runs, seed=args.seed, threads=threads)

            native_s = median_time(native, args.repeat)
            per_decision_us = (python_s - native_s) / decisions * 1e6
            print(
                f"{name:<6} {threads:>7} {decisions:>10} {python_s:>9.3f} {native_s:>10.3f} "
                f"{decisions / python_s:>12,.0f} {per_decision_us:>26.2f}"
            )


if __name__ == "__main__":
    main()
