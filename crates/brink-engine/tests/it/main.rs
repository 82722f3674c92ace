//! Integration tests of the engine: closed forms, hand-computed runs and invariants.

mod decisions;
mod diplomacy;
mod external;
mod mechanisms;
mod oracles;
mod paths;
mod runs;
