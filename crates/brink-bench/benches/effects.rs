//! Effects benchmarks: Brode overpressure throughput and a 1000 × 1000 WSEG-10 grid.
//!
//! Run with `cargo bench -p brink-bench --bench effects`. The numpy baseline for the same
//! work is `bench/effects/baseline.py`.

use brink_effects::Burst;
use brink_effects::blast::{BrodeBurst, brode_overpressure_psi_unchecked};
use brink_effects::fallout::{DEFAULT_SHEAR_KMH_PER_KM, Wseg10};
use brink_effects::{FissionFraction, Yield};
use divan::Bencher;
use divan::counter::ItemsCount;
use rayon::prelude::*;

fn main() {
    divan::main();
}

/// Evaluation points: ground ranges 10 m – 20 km and heights 0 – 1 km on a fixed pattern.
fn brode_points(n: usize) -> (Vec<f64>, Vec<f64>) {
    let ranges = (0..n).map(|i| 10.0 + 20_000.0 * ((i * 7919) % n) as f64 / n as f64).collect();
    let hobs = (0..n).map(|i| if i % 4 == 0 { 0.0 } else { 1000.0 * ((i * 104_729) % n) as f64 / n as f64 }).collect();
    (ranges, hobs)
}

/// Brode (1986) peak overpressure, one core, 100 kt, mixed surface and air bursts.
#[divan::bench]
fn brode_overpressure(bencher: Bencher) {
    const N: usize = 100_000;
    let (ranges, hobs) = brode_points(N);
    let mut out = vec![0.0; N];
    bencher.counter(ItemsCount::new(N)).bench_local(|| {
        let w = divan::black_box(100.0);
        for ((o, &r), &h) in out.iter_mut().zip(&ranges).zip(&hobs) {
            *o = brode_overpressure_psi_unchecked(w, h, r);
        }
        divan::black_box(&out);
    });
}

/// Brode around one burst (100 kt at 500 m), the map/grid use: height terms precomputed.
#[divan::bench]
fn brode_overpressure_one_burst(bencher: Bencher) {
    const N: usize = 100_000;
    let (ranges, _) = brode_points(N);
    let burst = BrodeBurst::new(&Burst::from_kt_m(100.0, 500.0).unwrap());
    let mut out = vec![0.0; N];
    bencher.counter(ItemsCount::new(N)).bench_local(|| {
        let b = divan::black_box(&burst);
        for (o, &r) in out.iter_mut().zip(&ranges) {
            *o = b.overpressure_psi_unchecked(r);
        }
        divan::black_box(&out);
    });
}

/// The same in SIMD lanes, compiled for the x86-64 baseline (SSE2): the reference for the
/// run-time dispatched batch below.
#[divan::bench]
fn brode_overpressure_one_burst_batch_sse2(bencher: Bencher) {
    const N: usize = 100_000;
    let (ranges, _) = brode_points(N);
    let burst = BrodeBurst::new(&Burst::from_kt_m(100.0, 500.0).unwrap());
    let mut out = vec![0.0; N];
    bencher.counter(ItemsCount::new(N)).bench_local(|| {
        divan::black_box(&burst).overpressure_psi_batch_baseline_unchecked(&ranges, &mut out);
        divan::black_box(&out);
    });
}

/// The same in SIMD lanes on the widest vectors the CPU has (AVX-512, AVX2 or SSE2, chosen at
/// run time: `BrodeBurst::overpressure_psi_batch_unchecked`).
#[divan::bench]
fn brode_overpressure_one_burst_batch(bencher: Bencher) {
    const N: usize = 100_000;
    let (ranges, _) = brode_points(N);
    let burst = BrodeBurst::new(&Burst::from_kt_m(100.0, 500.0).unwrap());
    let mut out = vec![0.0; N];
    bencher.counter(ItemsCount::new(N)).bench_local(|| {
        divan::black_box(&burst).overpressure_psi_batch_unchecked(&ranges, &mut out);
        divan::black_box(&out);
    });
}

const GRID: usize = 1000;

fn grid_axes() -> (Vec<f64>, Vec<f64>) {
    // 1 Mt in a 25 km/h wind: -50 .. 750 km downwind, ±150 km across.
    let xs = (0..GRID).map(|i| -50e3 + 800e3 * i as f64 / (GRID - 1) as f64).collect();
    let ys = (0..GRID).map(|j| -150e3 + 300e3 * j as f64 / (GRID - 1) as f64).collect();
    (xs, ys)
}

fn field() -> Wseg10 {
    Wseg10::new(Yield::megatons(1.0).unwrap(), FissionFraction::new(0.5).unwrap(), 25.0, DEFAULT_SHEAR_KMH_PER_KM)
        .unwrap()
}

/// WSEG-10 H+1 dose rate and 30-day dose on a 1000 × 1000 grid, one thread.
#[divan::bench]
fn wseg10_grid_serial(bencher: Bencher) {
    let (xs, ys) = grid_axes();
    let f = field();
    let mut rate = vec![0.0; GRID * GRID];
    let mut dose = vec![0.0; GRID * GRID];
    bencher.counter(ItemsCount::new(GRID * GRID)).bench_local(|| {
        f.fill_grid(&xs, &ys, &mut rate, &mut dose);
        divan::black_box((&rate, &dose));
    });
}

/// The same grid split by rows over rayon's pool (2 cores here). Each row is independent,
/// so the result is identical to the serial grid.
#[divan::bench]
fn wseg10_grid_rayon(bencher: Bencher) {
    let (xs, ys) = grid_axes();
    let f = field();
    let mut rate = vec![0.0; GRID * GRID];
    let mut dose = vec![0.0; GRID * GRID];
    const ROWS: usize = 25;
    bencher.counter(ItemsCount::new(GRID * GRID)).bench_local(|| {
        rate.par_chunks_mut(ROWS * GRID)
            .zip(dose.par_chunks_mut(ROWS * GRID))
            .zip(xs.par_chunks(ROWS))
            .for_each(|((r, d), x)| f.fill_grid(x, &ys, r, d));
        divan::black_box((&rate, &dose));
    });
}
