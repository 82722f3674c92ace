//! Statistics over many runs of many scenario variants: experimental designs for sweeps
//! (grids, Latin hypercubes), paired comparisons of policies run with common random numbers,
//! and Sobol sensitivity indices. Pure numerics; the callers run the scenarios.

pub mod design;
pub mod paired;
pub mod paths;
pub mod sobol;
