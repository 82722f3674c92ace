#!/usr/bin/env python3
"""Writes crates/brink-games/tests/data/gambit/efg.tsv: what Gambit's own solvers (pygambit's
`lp_solve`, `lcp_solve` and `enumpure_agent_solve`, all in exact rational arithmetic) report
for the extensive-form games brink is tested on: the `.efg` files in tests/data written for
brink, and the example games of Gambit's catalog (shipped in pygambit's package data, copied to
tests/data/gambit/catalog/ by this script). The test `gambit::agrees_with_gambit` reads both.

Optionally (`--crisis FILE.efg`) it also loads a crisis game exported by `brink game` and
records Gambit's counts of its nodes, information sets and leaves.

Format, tab-separated, one fact per line:
    game  infoset  PLAYER  PATH  ACTIONS      an information set, in Gambit's order for PLAYER
                                              (1-based), named by the child indices from
                                              the root to its first member (joined by '.')
    game  lp  value  V                        the value to player 1 of a constant-sum game
    game  lp  profile  P
    game  lcp  profile  P                     the equilibrium lcp_solve reports
    game  enumpure  profile  P                every pure agent-form equilibrium
    game  SOLVER  error  MESSAGE              the solver refused the game
    game  count  nodes  N / infosets  N / terminals  N
A profile P lists each player's information sets (';' between players, '|' between sets, in
the order of the infoset lines) as comma-separated probabilities.

Usage (pygambit installed; a wheel of 17.0.0b2 exists for CPython 3.11 on x86-64 Linux):
    python3 -m venv venv && venv/bin/pip install --only-binary :all: pygambit
    venv/bin/python bench/games/gambit_fixtures.py [--crisis ts2.efg]
"""
import argparse
import glob
import os
import shutil

import pygambit as gbt

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
data = os.path.join(root, "crates", "brink-games", "tests", "data")
out_dir = os.path.join(data, "gambit")
catalog_src = os.path.join(os.path.dirname(gbt.__file__), "catalog_data")


def q(x):
    return str(gbt.Rational(x)) if not isinstance(x, str) else x


def profile_text(game, prof):
    players = []
    for player in game.players:
        sets = []
        # Iterating a MixedBehavior yields (representative history, {action: probability})
        # in the order of game.get_infosets(player); a mixed action yields (action, probability).
        for _, mixed in prof[player]:
            sets.append(",".join(str(p) for _, p in mixed))
        players.append("|".join(sets))
    return ";".join(players)


def count_nodes(game):
    lines = [ln for ln in game.to_efg().splitlines() if ln[:2] in ("p ", "c ", "t ")]
    return len(lines), sum(1 for ln in lines if ln.startswith("t "))


def describe(name, game, rows):
    for i, player in enumerate(game.players):
        for h in game.get_infosets(player):
            labels = [t.action for t in h]
            # Child indices rather than labels: Gambit renames duplicate labels ("1/2" twice
            # becomes "1/2" and "1/2_1").
            path = ".".join(str(game.get_actions(gbt.H.path(*labels[:d])).index(labels[d])) for d in range(len(labels)))
            rows.append([name, "infoset", str(i + 1), path, ",".join(game.get_actions(gbt.H.path(*labels)))])
    nodes, terminals = count_nodes(game)
    rows.append([name, "count", "nodes", str(nodes)])
    rows.append([name, "count", "terminals", str(terminals)])
    rows.append([name, "count", "infosets", str(sum(len(game.get_infosets(p)) for p in game.players))])


def solve(name, game, rows):
    two = len(game.players) == 2
    if two and game.is_const_sum:
        try:
            r = gbt.nash.lp_solve(game, rational=True)
            p1 = list(game.players)[0]
            rows.append([name, "lp", "value", str(r.equilibrium.payoffs[p1])])
            rows.append([name, "lp", "profile", profile_text(game, r.equilibrium)])
        except Exception as e:  # noqa: BLE001 - recorded, not hidden
            rows.append([name, "lp", "error", str(e).replace("\t", " ").replace("\n", " ")])
    if two:
        try:
            # On the sequence form, lcp_solve follows one Lemke path: one equilibrium.
            r = gbt.nash.lcp_solve(game, rational=True)
            rows.append([name, "lcp", "profile", profile_text(game, r.equilibrium)])
        except Exception as e:  # noqa: BLE001
            rows.append([name, "lcp", "error", str(e).replace("\t", " ").replace("\n", " ")])
    try:
        r = gbt.nash.enumpure_agent_solve(game)
        for eq in r.equilibria:
            rows.append([name, "enumpure", "profile", profile_text(game, eq)])
    except Exception as e:  # noqa: BLE001
        rows.append([name, "enumpure", "error", str(e).replace("\t", " ").replace("\n", " ")])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--crisis", help="a crisis game from `brink game`, to count in Gambit")
    args = ap.parse_args()
    rows = []
    names = sorted(os.path.basename(p) for p in glob.glob(os.path.join(data, "*.efg")))
    catalog = sorted(glob.glob(os.path.join(catalog_src, "**", "*.efg"), recursive=True))
    os.makedirs(os.path.join(out_dir, "catalog"), exist_ok=True)
    for src in catalog:
        rel = os.path.relpath(src, catalog_src).replace(os.sep, "__")
        shutil.copyfile(src, os.path.join(out_dir, "catalog", rel))
        names.append("gambit/catalog/" + rel)
    for name in names:
        game = gbt.read_efg(os.path.join(data, name))
        describe(name, game, rows)
        solve(name, game, rows)
    with open(os.path.join(out_dir, "efg.tsv"), "w") as f:
        f.write(f"# made by bench/games/gambit_fixtures.py with pygambit {gbt.__version__}\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    if args.crisis:
        game = gbt.read_efg(args.crisis)
        nodes, terminals = count_nodes(game)
        infosets = [len(game.get_infosets(p)) for p in game.players]
        with open(os.path.join(out_dir, "crisis.tsv"), "w") as f:
            f.write(f"# pygambit {gbt.__version__} reading {os.path.basename(args.crisis)}\n")
            f.write(f"nodes\t{nodes}\nterminals\t{terminals}\n")
            f.write("infosets\t" + ",".join(map(str, infosets)) + "\n")
            f.write(f"perfect_recall\t{game.is_perfect_recall}\n")


main()
