#!/usr/bin/env python3
"""Writes the city labels of the web page's maps, `web/src/cities.json`, from the embedded
population table `data/cities1000.tsv` (GeoNames, CC BY 4.0; see data/PROVENANCE.md): every
place of at least 100 000 people, most populous first, as [name, country, lat, lon, population]
with coordinates rounded to 3 decimals (about 100 m). Only the standard library; deterministic.

Usage (from the repository root): python3 scripts/web-cities.py
"""

import json
import os

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
MIN_POPULATION = 100_000


def main():
    rows = []
    with open(os.path.join(ROOT, "data", "cities1000.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or line.startswith("geonameid"):
                continue
            gid, name, cc, _admin1, lat, lon, pop = line.rstrip("\n").split("\t")
            if int(pop) >= MIN_POPULATION:
                rows.append((-int(pop), int(gid), name, cc, round(float(lat), 3), round(float(lon), 3)))
    rows.sort()
    out = [[name, cc, lat, lon, -neg] for neg, _gid, name, cc, lat, lon in rows]
    with open(os.path.join(ROOT, "web", "src", "cities.json"), "w", encoding="utf-8", newline="\n") as f:
        f.write("[\n")
        f.write(",\n".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in out))
        f.write("\n]\n")
    print(f"wrote {len(out)} cities of at least {MIN_POPULATION} people to web/src/cities.json")


if __name__ == "__main__":
    main()
