"""P(nuclear use) against Russia's response probability, with its 95% interval.

Runs the bundled ukraine-2024 scenario over a grid of `actors.russia.response_prob` (the
chance Russia carries out a response once a red line is crossed), on this machine or on Ray,
and plots the probability of nuclear use with its Wilson 95% interval at every point.

    python examples/python/nuclear_use_sweep.py                      # local, 20000 runs a point
    python examples/python/nuclear_use_sweep.py --backend ray        # a local Ray cluster
    python examples/python/nuclear_use_sweep.py --out sweep.png      # needs matplotlib

The sweep is journaled to nuclear_use_sweep.jsonl beside --out: interrupt it (Ctrl-C) and run
the same command again to finish only the missing points.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import brink

PARAM = "actors.russia.response_prob"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20_000, help="runs per point")
    parser.add_argument("--points", type=int, default=9, help="grid points from 0.1 to 0.9")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--backend", choices=["local", "ray"], default="local")
    parser.add_argument("--out", type=Path, default=Path("nuclear_use_sweep.png"))
    parser.add_argument("--no-plot", action="store_true", help="print the table only")
    args = parser.parse_args()

    args.out.parent.mkdir(parents=True, exist_ok=True)
    journal = args.out.with_suffix(".jsonl")
    sweep = brink.sweep(
        "ukraine-2024",
        grid={PARAM: (0.1, 0.9, args.points)},
        runs=args.runs,
        seed=args.seed,
        backend=args.backend,
        journal=journal,
    )
    table = sweep.to_arrow()
    x = table.column(PARAM).to_pylist()
    p = table.column("nuclear_use_p").to_pylist()
    low = table.column("nuclear_use_ci95_low").to_pylist()
    high = table.column("nuclear_use_ci95_high").to_pylist()

    print(f"{PARAM:>30}  P(nuclear use)  95% interval")
    for xi, pi, lo, hi in zip(x, p, low, high):
        print(f"{xi:>30.3f}  {pi:>14.5f}  [{lo:.5f}, {hi:.5f}]")
    print(f"({len(sweep.computed)} points computed, {len(sweep.skipped)} taken from {journal})")

    # The example checks its own figures: every interval holds its estimate, and the
    # estimates are the counts over the runs.
    for row in sweep.rows:
        nuclear = row["nuclear_use"]
        assert nuclear["ci95"][0] <= nuclear["p"] <= nuclear["ci95"][1]
        assert nuclear["count"] == round(nuclear["p"] * args.runs)

    if args.no_plot:
        return
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib is not installed: pip install matplotlib (or use --no-plot)")
        return
    fig, ax = plt.subplots(figsize=(6.4, 4.0))
    ax.fill_between(x, low, high, alpha=0.25, label="Wilson 95% interval")
    ax.plot(x, p, marker="o", label="P(nuclear use)")
    ax.set_xlabel(f"{PARAM} (chance a crossed red line is answered)")
    ax.set_ylabel("P(nuclear use)")
    ax.set_title(f"ukraine-2024: {args.runs} runs per point, seed {args.seed}")
    ax.legend()
    fig.tight_layout()
    fig.savefig(args.out, dpi=120)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
