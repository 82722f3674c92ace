//! brink-app's integration tests: every kind's report validates against its JSON Schema
//! (an independent validator, the `jsonschema` crate, on the schemas schemars derives from
//! the types), on every bundled scenario and plan; and the schemas cover every key.

mod crisis;
mod fit;
mod hostile;
mod keys;
mod schemas;
