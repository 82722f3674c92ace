//! `brink`: the command-line front end. Each subcommand lives in `cmd/<name>.rs`,
//! parses its flags into a validated config and calls library code.

mod cmd;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// brink: an open, fast and reproducible engine for studying nuclear crisis escalation.
#[derive(Debug, Parser)]
#[command(name = "brink", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run a scenario many times and summarise the outcomes.
    Run(cmd::run::RunArgs),
    /// Nash equilibria and logit QRE of a Gambit strategic-form game (.nfg).
    Solve(cmd::solve::SolveArgs),
}

/// Exit codes: 0 success, 2 bad input, 1 internal error.
fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Run(args) => cmd::run::run(args),
        Command::Solve(args) => cmd::solve::run(args),
    };
    cmd::finish(result)
}
