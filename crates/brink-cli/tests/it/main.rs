//! End-to-end tests of the `brink` binary: one integration-test binary, one module per command.

mod aftermath;
mod effects;
mod likelihood;
mod outputs;
mod run;
#[cfg(feature = "serve")]
mod serve;
mod shell;
mod solve;
mod strike;
mod util;
mod validate;
