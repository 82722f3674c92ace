//! Integration tests of the scenario format.

mod bundled;
mod course;
mod errors;
mod fuzz;
mod likelihood;
mod lowering;
mod plan;

/// A small valid scenario used as a base by several tests.
pub(crate) const MINIMAL: &str = r#"
[scenario]
name = "minimal"

[ladder]
preset = "seed9"

[actors.blue]
camp = "west"
red_line = { "direct-clashes" = 0.5, never = 0.5 }

[actors.red]
camp = "east"
start = "arms-supply"
red_line = { "strike-permission" = 1.0 }
response_prob = 0.7
"#;
