//! Consequences: who lives where, and how many people a strike plan would kill or injure.
//!
//! # A short tour
//!
//! * [`population`]: GeoNames cities (≥ 1 000 people, CC BY 4.0) embedded at build time, each
//!   spread by Clark's exponential density with a scale ∝ P^(1/3); an R*-tree finds the cities
//!   near a point. Custom settlements (a uniform disc, a 1945 population) can be built too.
//! * [`geo`]: geodesic distance and azimuth on WGS84 (Karney's algorithms via `geographiclib-rs`).
//! * [`casualty`]: from one weapon's effects (`brink-effects`: Brode blast, burn ranges, prompt
//!   dose) to the probability of being killed or injured at a ground range: OTA 1979 blast
//!   rings, burns among the exposed, a lognormal radiation lethality; combined as independent
//!   risks so nobody is counted twice.
//! * [`assess`]: integrates over the population for a whole plan, with overlapping detonations
//!   combined point by point.
//! * [`fallout`]: optional fallout deaths (WSEG-10 30-day dose, shelter, lognormal lethality)
//!   among the survivors of the prompt effects.
//! * [`outcomes`]: maps the nuclear rung an escalation run reached to a plan's casualties and
//!   summarises the distribution over runs.
//!
//! Every figure is an estimate under the assumptions documented in `docs/CONSEQUENCES.md`
//! (population model, shielding, time of day, no fallout, no fire storms, no long-term
//! effects); it is not a prediction.
//!
//! ```
//! use brink_consequences::{assess, CasualtyModel, Detonation, GridConfig, World};
//! use brink_effects::Burst;
//!
//! let world = World::embedded();
//! let hiroshima = world.find_city("Hiroshima, JP")?;
//! let city = &world.settlements()[hiroshima];
//! let burst = Burst::from_kt_m(15.0, 580.0)?;
//! let plan = [Detonation::new("Hiroshima, JP", city.lat_deg, city.lon_deg, burst, 1)?];
//! let result = assess::assess(world, &plan, &CasualtyModel::default(), &GridConfig::default())?;
//! assert!(result.total.fatalities > 50_000.0);
//! assert!(result.total.fatalities + result.total.injuries <= result.total.population_in_reach);
//! # Ok::<(), brink_consequences::ConsequencesError>(())
//! ```
//!
//! The crate does no IO (the city table is compiled in) and never sees TOML: strike plans are
//! read by `brink-scenario` and lowered into [`Detonation`]s by the CLI.

#![warn(missing_docs)]

pub mod aftermath;
pub mod assess;
pub mod casualty;
mod error;
pub mod fallout;
pub mod fire;
pub mod geo;
pub mod outcomes;
pub mod population;

pub use assess::{Assessment, Detonation, DetonationResult, GridConfig, Totals, assess};
pub use casualty::{CasualtyModel, Harm, Ring, WeaponProfile};
pub use error::ConsequencesError;
pub use population::{CityInfo, Profile, Settlement, World};
