//! End-to-end tests of the `brink` binary.

mod run;
mod util;
