//! Nuclear weapon effects from the public literature: blast, thermal radiation, prompt
//! radiation and fallout, for one detonation at sea level over an ideal surface.
//!
//! # A short tour
//!
//! * [`units`]: the validated inputs. A [`Yield`] cannot be negative or NaN, a
//!   [`FissionFraction`] lies in (0, 1], a [`HeightOfBurst`] is at least 0. A [`Burst`] is a
//!   yield and a height. Everything inside is SI; the imperial units some models are defined
//!   in (kilofeet, statute miles, mph, psi) appear only at those models' edges.
//! * [`blast`]: peak static overpressure against ground range and height of burst, by
//!   Brode's 1986 fit (default) or the DNA 1-kt free-air curve with twice-yield scaling
//!   (surface bursts); the ground range of an overpressure; the height that maximises it.
//! * [`thermal`]: radiant exposure against slant range (a point source with a thermal
//!   partition and a visibility-dependent transmittance), and burn ranges with yield-dependent
//!   thresholds.
//! * [`radiation`]: prompt neutron and gamma dose against slant range (CEX-62.2 fits).
//! * [`fallout`]: the WSEG-10 field of H+1 dose rate, arrival time and 30-day dose, with the
//!   three published corrections to its common open implementation.
//! * [`fireball`]: fireball radius, crater, and t^−1.2 decay with dose integration.
//!
//! Each model has a checked entry point that validates its inputs and returns
//! [`EffectsError`] (never panics), and an `*_unchecked` fast path over raw `f64`s for
//! grids. Ranges for a given level (the radius of the 5 psi ring, of third-degree burns, of
//! 500 rem) are found by Brent's method on the forward model, so a forward model and its
//! inverse can never disagree.
//!
//! ```
//! use brink_effects::{Burst, blast::{self, BlastModel}};
//!
//! // Hiroshima: about 15 kt at 580 m.
//! let hiroshima = Burst::from_kt_m(15.0, 580.0)?;
//! let r5 = blast::ground_range_for_overpressure_m(BlastModel::Brode, &hiroshima, 5.0)?.unwrap();
//! assert!((1_500.0..1_700.0).contains(&r5));
//! # Ok::<(), brink_effects::EffectsError>(())
//! ```
//!
//! Models, equations, validity ranges and sources: `docs/EFFECTS.md`. The crate does no IO,
//! has no serde, and depends on no other brink crate.

#![warn(missing_docs)]

pub mod blast;
mod error;
pub mod fallout;
pub mod fireball;
mod lanes;
pub mod radiation;
mod solve;
pub mod thermal;
pub mod units;

pub use error::EffectsError;
pub use units::{Burst, FissionFraction, HeightOfBurst, Visibility, Yield};
