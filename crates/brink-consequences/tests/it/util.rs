//! Shared helpers.

use brink_consequences::{Assessment, CasualtyModel, Detonation, GridConfig, Profile, Settlement, World, assess};
use brink_effects::Burst;

pub(crate) fn burst(kt: f64, hob_m: f64) -> Burst {
    Burst::from_kt_m(kt, hob_m).unwrap()
}

pub(crate) fn at(lat: f64, lon: f64, b: Burst, count: u32) -> Detonation {
    Detonation::new("test", lat, lon, b, count).unwrap()
}

pub(crate) fn run(world: &World, plan: &[Detonation], model: &CasualtyModel) -> Assessment {
    assess(world, plan, model, &GridConfig::default()).unwrap()
}

pub(crate) fn one_settlement(lat: f64, lon: f64, population: f64, profile: Profile) -> World {
    World::new(vec![(Settlement::new(lat, lon, population, profile).unwrap(), None)])
}

pub(crate) fn blast_only() -> CasualtyModel {
    CasualtyModel { thermal: false, radiation: false, ..CasualtyModel::default() }
}
