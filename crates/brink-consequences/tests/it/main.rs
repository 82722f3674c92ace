//! Tests of brink-consequences against analytic areas, invariants and published figures
//! (one integration-test binary).

mod aftermath;
mod analytic;
mod fallout;
mod invariants;
mod population;
mod published;
mod util;
