#!/usr/bin/env python3
"""Generate plans/plan-a-2019.toml: a strike plan following the publicly described phases of
Princeton SGS's "Plan A" simulation (2019), re-derived from open data.

Only the standard library; reads data/cities1000.tsv. Deterministic.

    python3 scripts/plan-a.py

Every choice below is a brink assumption stated in the generated file's [sources]; Plan A's own
target list and weapon assignments are not public. Aim points of military sites are rounded
public locations (to about 0.01-0.05 degrees) of well-known installations.
"""

import math
import os

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")

NATO = set("US CA GB FR DE IT ES PT NL BE LU DK NO IS TR GR PL CZ SK HU RO BG SI HR AL ME MK EE LV LT FI SE".split())

# Tactical phase. Russia: about 300 warheads on NATO bases and forces in Europe; NATO: about
# 180 on Russian and Belarusian forces near the front (Plan A's published phase description).
TACTICAL_ON_NATO = [  # (label, lat, lon)
    ("Ramstein Air Base, DE", 49.44, 7.60), ("Spangdahlem Air Base, DE", 49.97, 6.69),
    ("Buechel Air Base, DE", 50.17, 7.06), ("Grafenwoehr training area, DE", 49.70, 11.94),
    ("Wiesbaden army airfield, DE", 50.05, 8.33), ("Rzeszow-Jasionka airport, PL", 50.11, 22.02),
    ("Redzikowo missile defence site, PL", 54.48, 17.10), ("Lask Air Base, PL", 51.55, 19.18),
    ("Poznan-Krzesiny Air Base, PL", 52.33, 16.97), ("Orzysz / Bemowo Piskie, PL", 53.80, 21.95),
    ("Amari Air Base, EE", 59.26, 24.21), ("Tapa army base, EE", 59.26, 25.96),
    ("Siauliai Air Base, LT", 55.89, 23.40), ("Rukla, LT", 55.03, 24.37),
    ("Adazi military base, LV", 57.08, 24.33), ("Mihail Kogalniceanu Air Base, RO", 44.36, 28.49),
    ("Deveselu missile defence site, RO", 44.08, 24.41), ("Aviano Air Base, IT", 46.03, 12.60),
    ("Ghedi Air Base, IT", 45.43, 10.27), ("Kleine Brogel Air Base, BE", 51.17, 5.47),
    ("Volkel Air Base, NL", 51.66, 5.71), ("Incirlik Air Base, TR", 37.00, 35.43),
    ("RAF Lakenheath, GB", 52.41, 0.56), ("Orland Air Base, NO", 63.70, 9.60),
    ("Rovaniemi Air Base, FI", 66.56, 25.83),
]
TACTICAL_ON_RUSSIA = [
    ("Chkalovsk Air Base, Kaliningrad, RU", 54.77, 20.40), ("Baltiysk naval base, RU", 54.65, 19.90),
    ("Chernyakhovsk, RU", 54.63, 21.82), ("Baranovichi Air Base, BY", 53.10, 26.03),
    ("Machulishchy Air Base, BY", 53.78, 27.58), ("Lida Air Base, BY", 53.88, 25.38),
    ("Pskov garrison, RU", 57.78, 28.39), ("Luga garrison, RU", 58.73, 29.85),
    ("Kursk Khalino Air Base, RU", 51.75, 36.30), ("Voronezh Baltimor Air Base, RU", 51.61, 39.13),
    ("Millerovo Air Base, RU", 48.95, 40.30), ("Morozovsk Air Base, RU", 48.31, 41.79),
    ("Yelnya garrison, RU", 54.57, 33.18), ("Boguchar garrison, RU", 49.93, 40.56),
    ("Novorossiysk naval base, RU", 44.72, 37.78),
]
# Counterforce phase. NATO: about 600 strategic warheads on Russian nuclear forces; Russia
# retaliates on US and allied nuclear forces.
COUNTERFORCE_ON_RUSSIA = [
    ("Kozelsk missile division, RU", 54.03, 35.78), ("Tatishchevo missile division, RU", 51.67, 45.60),
    ("Dombarovsky missile division, RU", 50.75, 59.50), ("Uzhur missile division, RU", 55.30, 89.80),
    ("Yoshkar-Ola missile division, RU", 56.60, 47.90), ("Teykovo missile division, RU", 56.85, 40.55),
    ("Novosibirsk missile division, RU", 55.15, 83.00), ("Irkutsk missile division, RU", 52.30, 104.30),
    ("Barnaul missile division, RU", 53.30, 83.90), ("Nizhny Tagil missile division, RU", 57.90, 60.00),
    ("Vypolzovo missile division, RU", 57.85, 33.70), ("Engels Air Base, RU", 51.48, 46.21),
    ("Ukrainka Air Base, RU", 51.17, 128.45), ("Gadzhiyevo submarine base, RU", 69.25, 33.32),
    ("Vilyuchinsk submarine base, RU", 52.93, 158.40),
]
COUNTERFORCE_ON_NATO = [
    ("Malmstrom AFB missile field, US", 47.50, -111.18), ("Minot AFB, US", 48.42, -101.36),
    ("F. E. Warren AFB, US", 41.13, -104.87), ("Whiteman AFB, US", 38.73, -93.55),
    ("Barksdale AFB, US", 32.50, -93.66), ("Naval Submarine Base Kings Bay, US", 30.80, -81.52),
    ("Naval Base Kitsap-Bangor, US", 47.73, -122.72), ("HMNB Clyde (Faslane), GB", 56.07, -4.82),
    ("Ile Longue submarine base, FR", 48.30, -4.50), ("Saint-Dizier Air Base, FR", 48.63, 4.90),
    ("Istres Air Base, FR", 43.52, 4.92), ("Offutt AFB, US", 41.12, -95.91),
]


def destination(lat, lon, azimuth_deg, distance_km):
    # Spherical direct problem: aim-point offsets of a few km.
    r = 6371.0088
    d, az = distance_km / r, math.radians(azimuth_deg)
    la1, lo1 = math.radians(lat), math.radians(lon)
    la2 = math.asin(math.sin(la1) * math.cos(d) + math.cos(la1) * math.sin(d) * math.cos(az))
    lo2 = lo1 + math.atan2(math.sin(az) * math.sin(d) * math.cos(la1), math.cos(d) - math.sin(la1) * math.sin(la2))
    return math.degrees(la2), (math.degrees(lo2) + 540) % 360 - 180


def distance_km(a, b):
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    dp, dl = p2 - p1, math.radians(b[1] - a[1])
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def largest_cities(countries, n):
    rows = []
    with open(os.path.join(ROOT, "data", "cities1000.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or line.startswith("geonameid"):
                continue
            gid, name, cc, admin1, lat, lon, pop = line.rstrip("\n").split("\t")
            if cc in countries:
                rows.append((int(pop), int(gid), name, cc, float(lat), float(lon)))
    rows.sort(key=lambda r: (-r[0], r[1]))
    chosen = []
    for r in rows:
        # One metropolis is one target: skip a city within 30 km of a larger chosen one.
        if all(distance_km((r[4], r[5]), (c[4], c[5])) > 30 for c in chosen):
            chosen.append(r)
        if len(chosen) == n:
            break
    return chosen


def spread(label, lat, lon, warheads, ring_km):
    """One aim point at the centre and the rest evenly on a ring."""
    points = [(label, lat, lon)]
    for k in range(warheads - 1):
        la, lo = destination(lat, lon, 360.0 * k / (warheads - 1), ring_km)
        points.append((f"{label} (aim point {k + 2})", la, lo))
    return points


def emit(out, phase, points, yield_kt, hob_m, count=1):
    for label, lat, lon in points:
        out.append(
            f'[[detonation]]\nphase = "{phase}"\nlabel = "{label}"\nlat = {lat:.4f}\nlon = {lon:.4f}\n'
            f"yield_kt = {yield_kt:g}\nhob_m = {hob_m:g}\ncount = {count}\n"
        )


def main():
    out = []
    # Tactical: 12 x 25 kt air bursts per NATO site (300), 12 per Russian/Belarusian site (180),
    # spread over a 3 km ring (a base and the forces dispersed around it).
    for label, lat, lon in TACTICAL_ON_NATO:
        emit(out, "tactical", spread(label, lat, lon, 4, 3.0), 25, 250, count=3)
    for label, lat, lon in TACTICAL_ON_RUSSIA:
        emit(out, "tactical", spread(label, lat, lon, 4, 3.0), 25, 250, count=3)
    # Counterforce: 40 x 300 kt surface bursts per Russian site (600) over a 15 km ring (silo
    # fields and dispersed launchers); Russia retaliates with 25 x 300 kt per site (300).
    for label, lat, lon in COUNTERFORCE_ON_RUSSIA:
        emit(out, "counterforce", spread(label, lat, lon, 8, 15.0), 300, 0, count=5)
    for label, lat, lon in COUNTERFORCE_ON_NATO:
        emit(out, "counterforce", spread(label, lat, lon, 5, 15.0), 300, 0, count=5)
    # Countervalue: each side's 30 largest cities; 10 warheads on each of the 10 largest, 5 on the
    # others; one at the centre, the rest on a ring of 1.5 Clark scale lengths.
    # Yields: each side's most numerous deployed strategic warhead class, W76-1 (about 90 kt,
    # rounded to 100) on Russian cities and 150 kt (Bulava / Yars class, 100-150 kt) on NATO cities;
    # heights about 270 m/kt^(1/3), near the height that maximises the 5 psi range.
    for side, countries, yield_kt, hob_m in (("RU", {"RU"}, 100, 1250), ("NATO", NATO, 150, 1450)):
        for rank, (pop, gid, name, cc, lat, lon) in enumerate(largest_cities(countries, 30)):
            warheads = 10 if rank < 10 else 5
            b_km = 3.0 * (pop / 1e6) ** (1 / 3)
            emit(out, "countervalue", spread(f"{name}, {cc}", lat, lon, warheads, 1.5 * b_km), yield_kt, hob_m)
    header = HEADER.format(n=len(out))
    with open(os.path.join(ROOT, "plans", "plan-a-2019.toml"), "w", encoding="utf-8", newline="\n") as f:
        f.write(header + "\n" + "\n".join(out) + "\n" + SOURCES)


HEADER = '''# brink bundled strike plan: plan-a-2019 (generated by scripts/plan-a.py; do not edit by hand)
# {n} aim points. Re-derived from open data following the publicly described phases of the
# Princeton Science and Global Security "Plan A" simulation (2019); NOT Plan A's own target list,
# which is not public. Every choice is listed in [sources].

[plan]
name = "plan-a-2019"
title = "A NATO-Russia escalation in three phases after Princeton SGS's Plan A (2019), re-derived"
description = """\\
Phases as publicly described (Princeton SGS news page and PAW article on the Plan A video): a \\
tactical phase (Russia about 300 warheads on NATO bases and forces, NATO about 180; published \\
2.6 M casualties), a counterforce phase (NATO about 600 strategic warheads on Russian nuclear \\
forces, Russia retaliates; 3.4 M), and a countervalue phase (each side hits the other's 30 \\
largest cities with 5-10 warheads each; 85.3 M). Published total: about 91.5 M killed and \\
injured (34.1 M dead, 57.4 M injured) within hours, fallout excluded. brink's aim points, \\
yields and heights are its own assumptions from open sources; the population is GeoNames \\
cities >= 1 000 with brink's density model."""
'''

SOURCES = '''
[sources]
phases = "Princeton SGS, Plan A (2019), nuclearprinceton.princeton.edu news page and Princeton Alumni Weekly; phase figures from press transcriptions of the video (research note escalation-models.md section 3)"
tactical = "assumption: 25 NATO and 15 Russian/Belarusian military sites named from public sources, 12 weapons each (4 aim points x 3 over a 3 km ring), 25 kt air bursts at 250 m (non-strategic weapons of a few to tens of kt)"
counterforce = "assumption: 15 Russian ICBM divisions, bomber and submarine bases, 40 x 300 kt surface bursts each over a 15 km ring (silo fields); 12 US/UK/French nuclear-force sites, 25 x 300 kt each"
countervalue = "assumption: the 30 most populous GeoNames cities of Russia and of NATO members (one per 30 km), 10 weapons on each of the 10 largest and 5 on the others; 100 kt at 1 250 m on Russian cities (W76-1, about 90 kt, the most numerous US warhead), 150 kt at 1 450 m on NATO cities (Bulava / Yars class, 100-150 kt); heights near the one maximising the 5 psi range; one aim point at the centre, the rest on a ring of 1.5 Clark scale lengths"
population = "GeoNames cities >= 1 000 (CC BY 4.0), today's populations; see data/PROVENANCE.md"
'''

if __name__ == "__main__":
    main()
