"""numpy-vectorised baseline for `cargo bench -p brink-bench --bench effects`.

Same work as crates/brink-bench/benches/effects.rs, written the way a careful numpy user
would: Brode (1986) overpressure over arrays of points, and the WSEG-10 H+1 dose rate and
30-day dose on a 1000 x 1000 grid with the crosswind-independent terms broadcast from a
column (the same separable algorithm brink uses), and point-wise on a full meshgrid.
Needs numpy (`pip install numpy`). Run: python3 bench/effects/baseline.py
"""

import math
import time

import numpy as np

M_PER_KFT = 304.8
M_PER_MI = 1609.344


def brode_psi(w_kt, hob_m, r_m):
    s = 1.0 / (M_PER_KFT * np.cbrt(w_kt))
    x = r_m * s
    y = hob_m * s
    r = np.hypot(x, y)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.where(x > 0, np.minimum(y / x, 1e3), 1e3)
    a = 1.22 - 3.908 * z**2 / (1 + 810.2 * z**5)
    b = 2.321 + 6.195 * z**18 / (1 + 1.113 * z**18) - 0.03831 * z**17 / (1 + 0.02415 * z**17) + 0.6692 / (1 + 4164 * z**8)
    c = 4.153 - 1.149 * z**18 / (1 + 1.641 * z**18) - 1.1 / (1 + 2.771 * z**2.5)
    d = -4.166 + 25.76 * z**1.75 / (1 + 1.382 * z**18) + 8.257 * z / (1 + 3.219 * z)
    e = 1 - 0.004642 * z**18 / (1 + 0.003886 * z**18)
    f = 0.6096 + 2.879 * z**9.25 / (1 + 2.359 * z**14.5) - 17.5 * z**2 / (1 + 71.66 * z**3)
    g = 1.83 + 5.361 * z**2 / (1 + 0.3139 * z**6)
    h = (8.808 * z**1.5 / (1 + 154.5 * z**3.5) - (0.2905 + 64.67 * z**5) / (1 + 441.5 * z**5)
         - 1.389 * z / (1 + 49.03 * z**5) + 1.094 * r**2 / ((781.2 - 123.4 * r + 37.98 * r**1.5 + r**2) * (1 + 2 * y)))
    y4 = y**4
    with np.errstate(divide="ignore", invalid="ignore"):
        j = np.where(y > 0, 0.000629 * y4 / (3.493e-9 + y4) - 2.67 * y**2 / (1 + 1e7 * y**4.3), 0.0)
        k = np.where(y > 0, 5.18 + 0.2803 * y**3.5 / (3.788e-6 + y4), 5.18)
    return 10.47 / r**a + b / r**c + d * e / (1 + f * r**g) + h + j / r**k


_erf = np.frompyfunc(math.erf, 1, 1)


def phi(v):
    return 0.5 * (1.0 + _erf(np.asarray(v) / math.sqrt(2.0)).astype(float))


def wseg10_grid(y_mt, ff, wind_kmh, shear_kmh_per_km, xs_m, ys_m, full=False):
    v = wind_kmh / 1.609344
    s = shear_kmh_per_km / (1.609344 / 0.3048)
    ly = math.log(y_mt)
    d = ly + 2.42
    hc = 44 + 6.1 * ly - 0.205 * abs(d) * d
    s0 = math.exp(0.7 + ly / 3 - 3.25 / (4 + (ly + 5.4) ** 2))
    sh = 0.18 * hc
    tc = 1.0573203 * (12 * hc / 60 - 2.5 * (hc / 60) ** 2) * (1 - 0.5 * math.exp(-((hc / 25) ** 2)))
    l0 = v * tc
    sx2 = s0**2 * (l0**2 + 8 * s0**2) / (l0**2 + 2 * s0**2)
    sx = math.sqrt(sx2)
    l2 = l0**2 + 2 * sx2
    L = math.sqrt(l2)
    n = (l0**2 + sx2) / (l0**2 + 0.5 * sx2)
    ka = 0.001 * hc * v / s0
    a1 = 1 / (1 + ka)
    x = (xs_m / M_PER_MI)[:, None]
    y = (ys_m / M_PER_MI)[None, :]
    if full:
        # Every term on the full grid, as a point-wise implementation (e.g. glasstone's
        # WSEG10 methods called on meshgrid arrays) does.
        x, y = np.meshgrid(xs_m / M_PER_MI, ys_m / M_PER_MI, indexing="ij")
    g = np.exp(-((np.abs(x) / L) ** n)) / (L * math.gamma(1 + 1 / n))
    fx = 2e6 * y_mt * ff * phi(l0 / L * x / (a1 * sx)) * g
    xs2 = x + 2 * sx
    sy = np.sqrt(s0**2 * (1 + 8 * np.abs(xs2) / L) + 2 * (sx * tc * sh * s) ** 2 / l2 + (xs2 * l0 * tc * sh * s) ** 2 / l2**2)
    a2 = 1 / (1 + ka * (1 - phi(2 * x / v)))
    den = l0**2 + 0.5 * sx2
    ta = np.sqrt(0.25 + l0**2 * xs2**2 * tc**2 / (l2 * den) + 2 * sx2 / den)
    lt = np.log(ta / 31.6)
    bio = np.exp(-(0.287 + 0.52 * lt + 0.04475 * lt**2))
    rate = fx * np.exp(-0.5 * (y / (a2 * sy)) ** 2) / (math.sqrt(2 * math.pi) * sy)
    return rate, rate * bio


def best_of(fn, repeats):
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main():
    n = 1_000_000
    i = np.arange(n)
    ranges = 10.0 + 20_000.0 * ((i * 7919) % n) / n
    hobs = np.where(i % 4 == 0, 0.0, 1000.0 * ((i * 104_729) % n) / n)
    t = best_of(lambda: brode_psi(100.0, hobs, ranges), 5)
    print(f"brode_overpressure: {n / t / 1e6:.2f} M evaluations/s ({t * 1e3:.1f} ms for {n})")
    print(f"  check: 100 kt surface, 1000 m: {brode_psi(100.0, np.array([0.0]), np.array([1000.0]))[0]:.6f} psi")

    xs = np.linspace(-50e3, 750e3, 1000)
    ys = np.linspace(-150e3, 150e3, 1000)
    t = best_of(lambda: wseg10_grid(1.0, 0.5, 25.0, 0.23 * 1.609344 / 0.3048, xs, ys), 5)
    print(f"wseg10_grid 1000x1000 (separable, as brink): {t * 1e3:.1f} ms")
    t = best_of(lambda: wseg10_grid(1.0, 0.5, 25.0, 0.23 * 1.609344 / 0.3048, xs, ys, full=True), 3)
    print(f"wseg10_grid 1000x1000 (point-wise on a meshgrid): {t * 1e3:.1f} ms")
    rate, dose = wseg10_grid(1.0, 1.0, 15 * 1.609344, 0.23 * 1.609344 / 0.3048, np.array([10 * M_PER_MI]), np.array([0.0]))
    print(f"  check: 1 Mt, ff 1, 15 mph, 10 mi: {rate[0, 0]:.1f} R/h, ERD {dose[0, 0]:.1f} R (research note: 2132, 5607)")


if __name__ == "__main__":
    main()
