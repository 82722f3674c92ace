#!/usr/bin/env python3
"""Outcome counts of two classes of ICB crises for `brink fit --outcomes` (docs/EVIDENCE.md).

Reads the ICB v14 system- and actor-level files (International Crisis Behavior project,
Brecher, Wilkenfeld et al.; see ../shared/data/icb/PROVENANCE.md) and writes derived counts
only: records/icb-two-nuclear.toml (crises with at least two crisis actors that possess
nuclear weapons, actor-level `nuclear` >= 3) and records/icb-one-nuclear.toml (exactly one).
Outcome: system-level `subout` 2 (definitive: every actor's outcome is victory or defeat) ->
concession; `subout` 1 (ambiguous: compromise or stalemate) -> settlement; no ICB crisis
ended in nuclear use. Deterministic; standard library only.

    python3 scripts/icb-base-rates.py [ICB_DIR]
"""

import csv
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICB = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data" / "icb"

actors = list(csv.DictReader(open(ICB / "icb2v14.csv", newline="")))
crises = list(csv.DictReader(open(ICB / "icb1v14.csv", newline="")))
armed = defaultdict(int)
for row in actors:
    if row["nuclear"].strip() and int(row["nuclear"]) >= 3:
        armed[row["crisno"]] += 1

CLASSES = {
    "two-nuclear": ("crises with two or more nuclear-armed crisis actors", lambda k: k >= 2),
    "one-nuclear": ("crises with exactly one nuclear-armed crisis actor", lambda k: k == 1),
}
for key, (about, member) in CLASSES.items():
    counts = {"nuclear_use": 0, "settlement": 0, "concession": 0}
    names = []
    for row in crises:
        if not row["subout"].strip() or not member(armed.get(row["crisno"], 0)):
            continue
        counts["concession" if row["subout"].strip() == "2" else "settlement"] += 1
        names.append(f'{row["crisno"]} {row["crisname"].strip()} ({row["yrtrig"].strip()})')
    text = f'''# Derived counts from the International Crisis Behavior data, version 14 (scripts/icb-base-rates.py).
# Cite: Brecher, Michael, and Jonathan Wilkenfeld (and collaborators). International Crisis Behavior
# Project data, version 14 (icb1v14: system level; icb2v14: actor level). https://sites.duke.edu/icbdata/
[outcomes]
name = "icb-{key}"
about = "{about} (ICB v14: actor-level nuclear >= 3 means the actor possesses nuclear weapons)"
sources = ["International Crisis Behavior data, version 14, system level (icb1v14) and actor level (icb2v14)"]
mapping = "subout 2 (definitive: victory or defeat) -> concession; subout 1 (compromise or stalemate) -> settlement; none ended in nuclear use"
crises = {sum(counts.values())}

[outcomes.counts]
nuclear_use = {counts["nuclear_use"]}
settlement = {counts["settlement"]}
concession = {counts["concession"]}

# The crises counted (ICB number, name, year of the trigger):
'''
    text += "".join(f"#   {n}\n" for n in names)
    (ROOT / "records" / f"icb-{key}.toml").write_text(text)
    print(key, counts)
