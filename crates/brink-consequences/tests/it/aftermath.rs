//! Fires, soot and people without food against Toon et al. 2007 and 2019 and Xia et al. 2022.
//!
//! The published figures come from LandScan's ambient population and the authors' own choice
//! of aim points; brink's from GeoNames resident populations, each city spread by the Clark
//! profile calibrated to published city populations and areas (tests/it/population.rs), and
//! the bundled plans' allocation (two aim points on each of the largest cities). The range is
//! the factor of 2 either way that docs/CONSEQUENCES.md states for the casualties of a given
//! strike and that the Plan A test uses. Before the calibration brink was at about a third of
//! the published values and these tests took 0.25–1.25 times; the factor of 2 was chosen as the
//! documented uncertainty, not to fit the new results (which lie between 0.58 and 1.51).

use brink_consequences::aftermath::{XIA_2022_TABLE_1, people_without_food};
use brink_consequences::{CasualtyModel, Detonation, GridConfig, World, assess};
use brink_effects::Burst;
use brink_scenario::plan::{ResolvedCity, load_plan};

fn bundled(name: &str) -> Vec<Detonation> {
    let no_cities = |q: &str| -> Result<ResolvedCity, String> { Err(format!("no resolver in tests: {q}")) };
    let plan = load_plan(name, &no_cities).unwrap();
    plan.detonations
        .iter()
        .map(|d| {
            let (lat, lon) = d.lat_lon();
            Detonation::new(d.display_label(), lat, lon, Burst::from_kt_m(d.yield_kt, d.hob_m).unwrap(), d.count)
                .unwrap()
        })
        .collect()
}

fn within(what: &str, got: f64, published: f64) {
    eprintln!("{what}: brink {got:.3e}, published {published:.3e} (ratio {:.2})", got / published);
    assert!((0.5 * published..=2.0 * published).contains(&got), "{what}: {got} against {published}");
}

#[test]
fn india_pakistan_plans_against_toon_2019() {
    // Toon et al. 2019 (Sci. Adv. 5, eaay5478): 250 weapons (India 100, Pakistan 150) of 15,
    // 50 or 100 kt give 16, 27 and 36 Tg of soot; direct deaths 52, 97 and 127 M (Xia et al.
    // 2022 Table 1, the same scenarios).
    let mut last = (0.0, 0.0);
    for (kt, soot_tg, deaths) in [(15, 16.0, 52e6), (50, 27.0, 97e6), (100, 36.0, 127e6)] {
        let plan = bundled(&format!("india-pakistan-{kt}kt"));
        assert_eq!(plan.len(), 250);
        let got = assess(World::embedded(), &plan, &CasualtyModel::default(), &GridConfig::default()).unwrap();
        let soot = got.fire.soot_tg().1;
        within(&format!("{kt} kt soot (Tg)"), soot, soot_tg);
        within(&format!("{kt} kt prompt deaths"), got.total.fatalities, deaths);
        // The low value stays below and the high above the central.
        let (lo, mid, hi) = got.fire.soot_tg();
        assert!(lo < mid && mid < hi);
        assert!(soot > last.0 && got.total.fatalities > last.1, "{kt} kt: not above the smaller yield");
        last = (soot, got.total.fatalities);
    }
}

#[test]
fn hundred_fifteen_kt_weapons_near_five_tg() {
    // Toon et al. 2007 / Robock et al. 2007: 100 weapons of 15 kt (50 on each side's largest
    // cities) loft about 5 Tg of soot (Xia et al. 2022 Table 1's 5 Tg case, 27 M direct deaths).
    let plan: Vec<Detonation> = bundled("india-pakistan-15kt")
        .into_iter()
        .filter(|d| d.label.ends_with("(aim point 1)"))
        .fold((Vec::new(), 0, 0), |(mut v, pk, ind), d| {
            let on_pk = d.label.contains(", PK");
            if (on_pk && pk < 50) || (!on_pk && ind < 50) {
                v.push(d);
                if on_pk { (v, pk + 1, ind) } else { (v, pk, ind + 1) }
            } else {
                (v, pk, ind)
            }
        })
        .0;
    assert_eq!(plan.len(), 100);
    let got = assess(World::embedded(), &plan, &CasualtyModel::default(), &GridConfig::default()).unwrap();
    within("100 x 15 kt soot (Tg)", got.fire.soot_tg().1, 5.0);
    within("100 x 15 kt prompt deaths", got.total.fatalities, 27e6);
}

#[test]
fn people_without_food_at_xia_soot_amounts() {
    // Xia et al. 2022 Table 1: at each published soot amount brink's figure is within 10 %.
    for &(soot, _, _, _, hungry) in &XIA_2022_TABLE_1 {
        let (got, _) = people_without_food(soot);
        assert!((got / hungry - 1.0).abs() <= 0.10, "{soot} Tg: {got} against {hungry}");
    }
}

#[test]
fn hiroshima_1945_burns_13_km2_through_the_grid() {
    // USSBS 1946 / Toon et al. 2007: about 13 km² burned. The 1945 city (255 000 people, MED
    // 1946) is far larger than the fire zone, so the whole disc is populated.
    use brink_consequences::Settlement;
    let (lat, lon) = (34.3955, 132.4536);
    let world = World::new(vec![(Settlement::city(lat, lon, 255_000.0).unwrap(), None)]);
    let plan = [Detonation::new("Hiroshima", lat, lon, Burst::from_kt_m(15.0, 580.0).unwrap(), 1).unwrap()];
    let got = assess(&world, &plan, &CasualtyModel::default(), &GridConfig::default()).unwrap();
    let area = got.fire.burned_area_km2();
    assert!((area / 13.0 - 1.0).abs() < 0.05, "{area} km²");
    assert!(got.fire.people_in_burned_area > 0.0 && got.fire.people_in_burned_area < 255_000.0);
    // A second weapon on the same aim point burns the same disc.
    let twice = [Detonation::new("Hiroshima", lat, lon, Burst::from_kt_m(15.0, 580.0).unwrap(), 2).unwrap()];
    let got2 = assess(&world, &twice, &CasualtyModel::default(), &GridConfig::default()).unwrap();
    assert!((got2.fire.burned_area_km2() - area).abs() < 1e-9);
}
