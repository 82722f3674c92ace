//! Lives at their real scale, end to end: `brink plan` + `brink strike` + `brink aftermath`
//! for a 1 000-warhead plan (issue 17: under 2 s).
//!
//! Run with `cargo bench -p brink-bench --bench aftermath`. The plan is the bundled
//! us-russia-countervalue's: 500 weapons of 100 kt on the 250 largest cities of Russia (an
//! earlier plan, `--add`) and 500 on the 250 largest of the United States, air bursts; each
//! iteration writes the plan text, reads it back, assesses it (prompt effects, fires, soot)
//! and computes the aftermath. `plan_densest_strike_aftermath_1000_warheads` does the same with
//! Toon et al.'s placement (`--aim densest`): 500 weapons of 100 kt on the densest
//! non-overlapping fire zones of Russia (an earlier plan) and 500 on those of the United
//! States, whose greedy ranking of candidate aim points is in every iteration.

use brink_app::aftermath::{SootSource, aftermath};
use brink_app::plan::{Aim, Height, PlanRequest, plan};
use brink_app::strike::{resolve_city, strike_plan};
use brink_scenario::plan::load_plan_str;
use divan::Bencher;

fn main() {
    divan::main();
}

fn request(on: &str, by: &str, add: Vec<String>) -> PlanRequest {
    PlanRequest {
        countries: vec![on.into()],
        cities: Some(250),
        weapons_per_city: 2,
        aim: Aim::PerCity,
        yield_kt: 100.0,
        height: Height::Air,
        by: Some(by.into()),
        add,
        name: "bench".into(),
    }
}

/// plan (1 000 aim points) → read → strike (casualties, fires, soot) → aftermath.
#[divan::bench(sample_count = 10)]
fn plan_strike_aftermath_1000_warheads(bencher: Bencher) {
    plan_strike_aftermath(bencher, "per-city", request);
}

fn densest(on: &str, by: &str, add: Vec<String>) -> PlanRequest {
    PlanRequest { cities: None, weapons_per_city: 1, aim: Aim::Densest { weapons: 500 }, ..request(on, by, add) }
}

/// The same with `--aim densest`: plan (greedy ranking, 1 000 aim points) → read → strike → aftermath.
#[divan::bench(sample_count = 10)]
fn plan_densest_strike_aftermath_1000_warheads(bencher: Bencher) {
    plan_strike_aftermath(bencher, "densest", densest);
}

/// The US's 500 weapons on Russia planned once (written to a temporary file), then, timed:
/// Russia's 500 on the US planned with the first as `--add`, read back, struck, aftermath.
fn plan_strike_aftermath(bencher: Bencher, label: &str, make: fn(&str, &str, Vec<String>) -> PlanRequest) {
    let dir = std::env::temp_dir().join(format!("brink-bench-aftermath-{label}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let first = dir.join("us-on-ru.toml");
    std::fs::write(&first, plan(&make("RU", "United States", vec![])).expect("plan").toml).expect("write");
    let add = vec![first.display().to_string()];
    bencher.bench(|| {
        let generated = plan(&make("US", "Russia", add.clone())).expect("plan");
        assert_eq!(generated.detonations, 1000);
        let read = load_plan_str("bench.toml", "bench", &generated.toml, &resolve_city).expect("read");
        let report = strike_plan(&read).expect("strike");
        let after = aftermath(&SootSource::Given(report.body.fire.soot_tg)).expect("aftermath");
        divan::black_box((report.body.total.fatalities, after.body.people_without_food))
    });
    let _ = std::fs::remove_dir_all(&dir);
}

/// The greedy placement alone: 500 weapons of 100 kt on the United States (`--aim densest`).
#[divan::bench(sample_count = 10)]
fn plan_densest_500_on_us(bencher: Bencher) {
    bencher.bench(|| {
        let generated = plan(&densest("US", "Russia", vec![])).expect("plan");
        divan::black_box(generated.detonations)
    });
}
