//! End-to-end tests of the `brink` binary (one integration-test binary per crate).

mod effects;
mod run;
mod strike;
mod util;
