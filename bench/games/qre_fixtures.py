#!/usr/bin/env python3
"""Writes crates/brink-games/tests/data/pygambit/qre.tsv: logit QREs on the principal branch
computed by pygambit (an independent implementation of McKelvey-Palfrey tracing), for the test
`qre::matches_pygambit`. Format: one point per line,
tab-separated: game, lambda, probabilities (comma-separated, players separated by ';'). pygambit lands near, not exactly on, a requested lambda, so the lambda
it reports is stored with its profile.

Usage (pygambit installed, e.g. by bench/games/run.sh): python bench/games/qre_fixtures.py
"""
import os

import pygambit as gbt

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
data = os.path.join(root, "crates", "brink-games", "tests", "data")
cases = [
    ("stengel.nfg", [0.5, 2.0, 5.0]),
    ("degenerate.nfg", [0.5, 2.0, 5.0]),
    # Not bos.nfg: its symmetry puts a bifurcation on the branch (at lambda ~ 1.37), where
    # tracers may legitimately part ways; brink's own test covers it.
    ("chicken.nfg", [0.3]),  # before its symmetric bifurcation at lambda ~ 0.49
    ("three.nfg", [0.5, 2.0]),
    ("lrsnash/random10x10-seed1.nfg", [0.002, 0.01]),
]
out = []
for name, lams in cases:
    game = gbt.read_nfg(os.path.join(data, name))
    for point in gbt.qre.logit_solve_lambda(game, lam=lams):
        profile = [[float(point.profile[s]) for s in player.strategies] for player in game.players]
        out.append({"game": name, "lambda": float(point.lam), "profile": profile})
os.makedirs(os.path.join(data, "pygambit"), exist_ok=True)
with open(os.path.join(data, "pygambit", "qre.tsv"), "w") as f:
    f.write(f"# made by bench/games/qre_fixtures.py with pygambit {gbt.__version__}\n")
    f.write("# game\tlambda\tprobabilities (players separated by ';')\n")
    for p in out:
        probs = ";".join(",".join(repr(x) for x in player) for player in p["profile"])
        f.write(f"{p['game']}\t{p['lambda']!r}\t{probs}\n")
