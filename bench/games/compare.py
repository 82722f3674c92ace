#!/usr/bin/env python3
"""Side-by-side timing of brink, lrsnash and pygambit on the same random games.

For each game: all (extreme) Nash equilibria with
  - lrsnash (lrslib, exact vertex enumeration, a subprocess),
  - pygambit's enummixed_solve (floating point and, with --pygambit-rational, exact),
  - `brink solve --method vertex --exact` and `--method enum --exact` (subprocesses).
Wall-clock times are the best of --repeat runs and include process start-up for the
subprocess tools (about 1 ms). The equilibrium sets of brink and lrsnash are compared
exactly; a mismatch fails the run.

Usage: compare.py --brink target/release/brink [--games 10] [--size 10] [--seed 1]
       compare.py --fixtures DIR   (writes .nfg games with lrsnash's output beside them)
"""
import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from fractions import Fraction

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen import random_game, to_lrs, to_nfg  # noqa: E402


def best_time(cmd, repeat):
    best, out = math.inf, None
    for _ in range(repeat):
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True, check=True)
        best = min(best, time.perf_counter() - t0)
        out = proc.stdout
    return best, out


def parse_lrsnash(text):
    """Equilibria from lrsnash output: each blank-line block pairs every '1' line (x) with
    every '2' line (y); the last number on a line is a payoff, not a probability."""
    eqs, xs, ys = set(), [], []

    def flush():
        for x in xs:
            for y in ys:
                eqs.add((x, y))
        xs.clear()
        ys.clear()

    for line in text.splitlines():
        parts = line.split()
        if not parts or parts[0].startswith("*"):
            if not parts:
                flush()
            continue
        probs = tuple(Fraction(p) for p in parts[1:-1])
        (xs if parts[0] == "1" else ys).append(probs)
    flush()
    return eqs


def parse_brink(text):
    data = json.loads(text)
    return {tuple(tuple(Fraction(p) for p in player) for player in eq) for eq in data["equilibria"]}


def pygambit_time(a, b, repeat, rational):
    import pygambit as gbt  # imported late: optional
    import numpy as np

    game = gbt.Game.from_arrays(np.array(a, dtype=object if rational else float),
                                np.array(b, dtype=object if rational else float))
    best, count = math.inf, None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = gbt.nash.enummixed_solve(game, rational=rational)
        best = min(best, time.perf_counter() - t0)
        count = len(result.equilibria)
    return best, count


def geo_mean(xs):
    return math.exp(statistics.fmean(math.log(x) for x in xs))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--brink", default="target/release/brink")
    ap.add_argument("--games", type=int, default=10)
    ap.add_argument("--size", type=int, default=10)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-pygambit", action="store_true")
    ap.add_argument("--pygambit-rational", action="store_true")
    ap.add_argument("--fixtures", help="write games and lrsnash outputs to this folder and stop")
    args = ap.parse_args()

    if args.fixtures:
        os.makedirs(args.fixtures, exist_ok=True)
        for k in range(args.games):
            seed = args.seed + k
            a, b = random_game(args.size, args.size, seed)
            name = f"random{args.size}x{args.size}-seed{seed}"
            with open(os.path.join(args.fixtures, name + ".nfg"), "w") as f:
                f.write(to_nfg(a, b, name))
            with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
                f.write(to_lrs(a, b))
            out = subprocess.run(["lrsnash", f.name], capture_output=True, text=True, check=True).stdout
            os.unlink(f.name)
            with open(os.path.join(args.fixtures, name + ".lrsnash"), "w") as f:
                f.write(out)
        return

    have_pygambit = not args.no_pygambit
    if have_pygambit:
        try:
            import pygambit  # noqa: F401
        except ImportError:
            print("pygambit not installed: skipping it (bench/games/run.sh installs it)")
            have_pygambit = False

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(args.games):
            seed = args.seed + k
            a, b = random_game(args.size, args.size, seed)
            nfg = os.path.join(tmp, f"g{seed}.nfg")
            lrs = os.path.join(tmp, f"g{seed}.txt")
            open(nfg, "w").write(to_nfg(a, b, f"seed {seed}"))
            open(lrs, "w").write(to_lrs(a, b))
            t_lrs, out = best_time(["lrsnash", lrs], args.repeat)
            lrs_eqs = parse_lrsnash(out)
            t_vertex, out = best_time([args.brink, "solve", nfg, "--method", "vertex", "--exact", "--format", "json"], args.repeat)
            vertex_eqs = parse_brink(out)
            t_enum, out = best_time([args.brink, "solve", nfg, "--method", "enum", "--exact", "--format", "json"], args.repeat)
            enum_eqs = parse_brink(out)
            if not (vertex_eqs == lrs_eqs == enum_eqs):
                sys.exit(f"seed {seed}: equilibria differ: lrsnash {len(lrs_eqs)}, "
                         f"brink vertex {len(vertex_eqs)}, brink enum {len(enum_eqs)}")
            row = {"seed": seed, "eqs": len(lrs_eqs), "lrsnash": t_lrs, "vertex": t_vertex, "enum": t_enum}
            if have_pygambit:
                row["pygambit"], row["pygambit_eqs"] = pygambit_time(a, b, args.repeat, args.pygambit_rational)
            rows.append(row)

    ms = lambda t: f"{1000 * t:9.1f}"
    head = f"{'seed':>5} {'eqs':>4} {'lrsnash ms':>10} {'vertex ms':>10} {'enum ms':>10}"
    if have_pygambit:
        head += f" {'pygambit ms':>12} {'(eqs)':>6}"
    print(f"random {args.size}x{args.size} games, payoffs uniform in 0..999, best of {args.repeat}")
    print(head)
    for r in rows:
        line = f"{r['seed']:>5} {r['eqs']:>4} {ms(r['lrsnash']):>10} {ms(r['vertex']):>10} {ms(r['enum']):>10}"
        if have_pygambit:
            line += f" {ms(r['pygambit']):>12} {r['pygambit_eqs']:>6}"
        print(line)
    print("all equilibrium sets identical (brink vertex = brink enum = lrsnash, exact)")
    ratio = lambda key, base: geo_mean([r[key] / r[base] for r in rows])
    print(f"geometric-mean time ratio brink vertex / lrsnash: {ratio('vertex', 'lrsnash'):.2f}")
    print(f"geometric-mean time ratio brink enum   / lrsnash: {ratio('enum', 'lrsnash'):.2f}")
    if have_pygambit:
        print(f"geometric-mean time ratio brink vertex / pygambit: {ratio('vertex', 'pygambit'):.3f}")
        print(f"geometric-mean time ratio brink enum   / pygambit: {ratio('enum', 'pygambit'):.3f}")


if __name__ == "__main__":
    main()
