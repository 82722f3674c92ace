"""Benchmarks of the Python package against its baselines, measured in the same run.

1. `brink.run` against `brink run` (the command line) for the same scenario, seed and run
   count (default 1,000,000 runs of the bundled default scenario): the Python call's wall
   time, and the whole `python -c "import brink; brink.run(...)"` process, each against the
   CLI process (`brink run --format json`). Runs alternate, and the medians are compared.
   Wall time on a shared 2-core machine is noisy (other builds run beside it), so the same
   comparison is also made in instructions (`--callgrind`): valgrind counts every instruction
   of each whole process at two run counts (threads=1), which separates each side's fixed
   cost (process start, imports, scenario load, JSON) from its cost per run, and the ratio is
   extrapolated to the requested run count. Counts are repeatable to a few parts in a million.
2. A sweep of 16 points on the local backend against the Ray backend on a local cluster of
   2 CPUs (started before timing; its start-up is reported apart), same design and seed.

Usage (both builds in release, as scripts/bench-python does):

    python bench/python/bench.py --cli target/release/brink [--runs 1000000] [--repeat 5]
        [--sweep-runs 20000] [--callgrind] [--json out.json]

Needs the brink wheel installed, and Ray for the second part.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def bench_run(cli: str, scenario: str, runs: int, seed: int, repeat: int) -> dict[str, float]:
    import brink

    loaded = brink.load(scenario)
    brink.run(loaded, runs=10_000, seed=seed)  # warm the page cache and the thread pool
    script = f"import brink; brink.run({scenario!r}, runs={runs}, seed={seed})"
    cli_s, call_s, process_s = [], [], []
    for _ in range(repeat):
        cli_s.append(timed([cli, "run", scenario, "-n", str(runs), "--seed", str(seed), "--format", "json"]))
        started = time.perf_counter()
        brink.run(loaded, runs=runs, seed=seed)
        call_s.append(time.perf_counter() - started)
        process_s.append(timed([sys.executable, "-c", script]))
    cli_median = statistics.median(cli_s)
    return {
        "runs": runs,
        "cli_s": cli_median,
        "python_call_s": statistics.median(call_s),
        "python_process_s": statistics.median(process_s),
        "call_over_cli": statistics.median(call_s) / cli_median,
        "process_over_cli": statistics.median(process_s) / cli_median,
        "cli_all_s": cli_s,
        "python_call_all_s": call_s,
        "python_process_all_s": process_s,
    }


def instructions(command: list[str]) -> int:
    """Instructions executed by `command` (valgrind --tool=callgrind), children excluded."""
    import re
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "callgrind.out")
        done = subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", *command],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
    match = re.search(r"Collected : (\d+)", done.stderr)
    if match is None:
        raise RuntimeError(f"no instruction count from valgrind:\n{done.stderr}")
    return int(match.group(1))


def bench_instructions(cli: str, scenario: str, seed: int, target_runs: int) -> dict[str, float]:
    """Fixed and per-run instructions of the CLI and of a Python process, from two run counts."""
    small, large = 10_000, 20_000
    counts: dict[str, dict[int, int]] = {"cli": {}, "python": {}}
    for runs in (small, large):
        counts["cli"][runs] = instructions(
            [cli, "run", scenario, "-n", str(runs), "--seed", str(seed), "--threads", "1", "--format", "json"]
        )
        script = f"import brink; brink.run({scenario!r}, runs={runs}, seed={seed}, threads=1)"
        counts["python"][runs] = instructions([sys.executable, "-c", script])
    out: dict[str, float] = {"target_runs": target_runs}
    for side, by_runs in counts.items():
        per_run = (by_runs[large] - by_runs[small]) / (large - small)
        out[f"{side}_per_run"] = per_run
        out[f"{side}_fixed"] = by_runs[small] - small * per_run
        out[f"{side}_at_target"] = out[f"{side}_fixed"] + target_runs * per_run
    out["python_over_cli"] = out["python_at_target"] / out["cli_at_target"]
    return out


def bench_sweep(scenario: str, runs: int, seed: int, repeat: int) -> dict[str, float]:
    import brink
    import ray

    grid = {"actors.russia.response_prob": (0.2, 0.8, 4), "actors.usa.beliefs.russia.bias": (0.0, 0.9, 4)}
    started = time.perf_counter()
    ray.init(num_cpus=2, include_dashboard=False)
    init_s = time.perf_counter() - started
    try:
        # One untimed Ray sweep starts the two worker processes, as a warm cluster has them.
        brink.sweep(scenario, grid=grid, runs=1000, seed=seed, backend="ray")
        local_s, ray_s = [], []
        for _ in range(repeat):
            started = time.perf_counter()
            local = brink.sweep(scenario, grid=grid, runs=runs, seed=seed, backend="local", threads=2)
            local_s.append(time.perf_counter() - started)
            started = time.perf_counter()
            on_ray = brink.sweep(scenario, grid=grid, runs=runs, seed=seed, backend="ray")
            ray_s.append(time.perf_counter() - started)
            assert on_ray.rows == local.rows, "the Ray sweep differs from the local one"
    finally:
        ray.shutdown()
    local_median, ray_median = statistics.median(local_s), statistics.median(ray_s)
    return {
        "points": 16,
        "runs_per_point": runs,
        "local_s": local_median,
        "ray_s": ray_median,
        "ray_over_local": ray_median / local_median,
        "ray_init_s": init_s,
        "ray_with_init_over_local": (ray_median + init_s) / local_median,
        "local_all_s": local_s,
        "ray_all_s": ray_s,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cli", default=os.environ.get("BRINK_CLI", "target/release/brink"))
    parser.add_argument("--scenario", default="ukraine-2024")
    parser.add_argument("--runs", type=int, default=1_000_000)
    parser.add_argument("--sweep-runs", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--skip-sweep", action="store_true")
    parser.add_argument("--callgrind", action="store_true", help="also count instructions (valgrind)")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()

    figures = {
        "cpus": os.cpu_count(),
        "run": bench_run(args.cli, args.scenario, args.runs, args.seed, args.repeat),
    }
    r = figures["run"]
    print(f"brink.run vs brink run, {r['runs']} runs of {args.scenario} (median of {args.repeat}):")
    print(f"  CLI process       {r['cli_s']:8.3f} s")
    print(
        f"  brink.run call    {r['python_call_s']:8.3f} s   {100 * (r['call_over_cli'] - 1):+.1f}% over the CLI"
    )
    print(
        f"  python process    {r['python_process_s']:8.3f} s   {100 * (r['process_over_cli'] - 1):+.1f}% over the CLI"
    )
    if args.callgrind:
        figures["instructions"] = bench_instructions(args.cli, args.scenario, args.seed, args.runs)
        i = figures["instructions"]
        print(f"instructions (valgrind, threads=1), extrapolated to {args.runs} runs:")
        print(f"  CLI     {i['cli_fixed'] / 1e6:8.1f} M fixed + {i['cli_per_run']:9.0f} per run")
        print(f"  python  {i['python_fixed'] / 1e6:8.1f} M fixed + {i['python_per_run']:9.0f} per run")
        print(
            f"  python process / CLI process: {i['python_over_cli']:.4f} ({100 * (i['python_over_cli'] - 1):+.2f}%)"
        )
    if not args.skip_sweep:
        figures["sweep"] = bench_sweep(args.scenario, args.sweep_runs, args.seed, max(1, args.repeat // 2))
        s = figures["sweep"]
        print(f"sweep of 16 points x {s['runs_per_point']} runs, 2 CPUs (median):")
        print(f"  local backend     {s['local_s']:8.3f} s")
        print(f"  Ray backend       {s['ray_s']:8.3f} s   {s['ray_over_local']:.3f}x the local backend")
        print(
            f"  Ray start-up      {s['ray_init_s']:8.3f} s   ({s['ray_with_init_over_local']:.3f}x with it)"
        )
    if args.json:
        with open(args.json, "w", encoding="utf-8") as file:
            json.dump(figures, file, indent=2)


if __name__ == "__main__":
    main()
