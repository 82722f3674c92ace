//! Integration tests of the engine: closed forms, hand-computed runs and invariants.

mod oracles;
mod runs;
