#!/usr/bin/env python3
"""Cross-check `brink solve --method vertex` and `--method enum` against lrsnash on many small
random games, degenerate ones included (payoff ranges as narrow as 0..1), comparing the sets of
extreme equilibria exactly. Needs lrsnash (Debian package lrslib) and a built brink.

Usage: bench/games/crosscheck.py [--brink target/release/brink] [--games 400]
"""
import argparse
import os
import random
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compare import parse_brink, parse_lrsnash  # noqa: E402
from gen import to_lrs, to_nfg  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--brink", default="target/release/brink")
    ap.add_argument("--games", type=int, default=400)
    args = ap.parse_args()
    mismatches = 0
    with tempfile.TemporaryDirectory() as tmp:
        nfg, lrs = os.path.join(tmp, "g.nfg"), os.path.join(tmp, "g.txt")
        for seed in range(args.games):
            rng = random.Random(seed)
            m, n = rng.randint(1, 6), rng.randint(1, 6)
            high = rng.choice([1, 2, 3, 9, 999])
            a = [[rng.randint(0, high) for _ in range(n)] for _ in range(m)]
            b = [[rng.randint(0, high) for _ in range(n)] for _ in range(m)]
            open(nfg, "w").write(to_nfg(a, b, f"seed {seed}"))
            open(lrs, "w").write(to_lrs(a, b))
            expected = parse_lrsnash(subprocess.run(["lrsnash", lrs], capture_output=True, text=True, check=True).stdout)
            for method in ("vertex", "enum"):
                out = subprocess.run([args.brink, "solve", nfg, "--method", method, "--exact", "--format", "json"],
                                     capture_output=True, text=True, check=True).stdout
                if parse_brink(out) != expected:
                    mismatches += 1
                    print(f"seed {seed} ({m}x{n}, payoffs 0..{high}): {method} differs from lrsnash")
    print(f"{args.games} games, {mismatches} mismatches")
    sys.exit(1 if mismatches else 0)


if __name__ == "__main__":
    main()
