//! Consequences benchmark: 1 000 detonations against every city of the embedded table.
//!
//! Run with `cargo bench -p brink-bench --bench consequences`. Target (issue 7): under 1 s on
//! 2 cores. The detonations are a 300 kt air burst at 1 800 m on each of the 1 000 most
//! populous cities — the dense end, where every disc meets many cities and its neighbours.

use brink_consequences::{CasualtyModel, Detonation, GridConfig, World, assess};
use brink_effects::Burst;
use divan::Bencher;
use divan::counter::ItemsCount;

fn main() {
    divan::main();
}

fn thousand_largest(world: &World) -> Vec<Detonation> {
    let mut order: Vec<usize> = (0..world.len()).collect();
    order.sort_by(|&a, &b| world.settlements()[b].population.total_cmp(&world.settlements()[a].population));
    let burst = Burst::from_kt_m(300.0, 1_800.0).expect("valid burst");
    order[..1000]
        .iter()
        .map(|&i| {
            let s = &world.settlements()[i];
            Detonation::new("bench", s.lat_deg, s.lon_deg, burst, 1).expect("valid detonation")
        })
        .collect()
}

/// 1 000 detonations, every city in the index, default model and grid, all cores (rayon).
#[divan::bench(sample_count = 10)]
fn thousand_detonations_all_cities(bencher: Bencher) {
    let world = World::embedded();
    let plan = thousand_largest(world);
    bencher.counter(ItemsCount::new(plan.len())).bench(|| {
        let result = assess(world, divan::black_box(&plan), &CasualtyModel::default(), &GridConfig::default())
            .expect("assessment");
        divan::black_box(result.total.fatalities)
    });
}
