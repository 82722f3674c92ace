//! Integration tests of the engine: closed forms, hand-computed runs and invariants.

mod decisions;
mod oracles;
mod runs;
