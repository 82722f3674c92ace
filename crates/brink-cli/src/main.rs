//! `brink`: the command-line front end. Each subcommand lives in `cmd/<name>.rs`,
//! parses its flags into a validated config and calls library code.

mod cmd;

use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

/// The version `brink --version` prints: the package version and the git commit it was built
/// from (build.rs; `unknown` outside a git checkout).
pub(crate) const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), " (commit ", env!("BRINK_GIT_COMMIT"), ")");

/// brink: an open, fast and reproducible engine for studying nuclear crisis escalation.
#[derive(Debug, Parser)]
#[command(
    name = "brink",
    version = VERSION,
    about = "brink: an open, fast and reproducible engine for studying how nuclear crises escalate"
)]
struct Cli {
    /// No progress display on stderr (it is shown only when stderr is a terminal).
    #[arg(short = 'q', long, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run a scenario many times and summarise the outcomes.
    Run(cmd::run::RunArgs),
    /// Run a scenario over a grid or Latin hypercube of parameter values.
    Sweep(cmd::sweep::SweepArgs),
    /// Compare policies on common random numbers, with paired intervals.
    Compare(cmd::compare::CompareArgs),
    /// Sobol sensitivity indices of P(nuclear use).
    Sensitivity(cmd::sensitivity::SensitivityArgs),
    /// Why runs end as they do: the most frequent chains of steps behind an outcome.
    Explain(cmd::explain::ExplainArgs),
    /// The exact probability that a scenario produces observed crises (record files or runs).
    Likelihood(cmd::likelihood::LikelihoodArgs),
    /// The posterior of one or two scenario parameters given observed crises (exact, on a grid).
    Fit(cmd::likelihood::FitArgs),
    /// Print the JSON Schema of a result kind (`--format json` output), or of all of them.
    Schema(cmd::schema::SchemaArgs),
    /// Write one self-contained HTML report from result files.
    Report(cmd::report::ReportArgs),
    /// Validate a scenario file and explain what it contains.
    Check(cmd::check::CheckArgs),
    /// List the bundled scenarios.
    Scenarios(cmd::scenarios::ScenariosArgs),
    /// List the ladder presets, or the rungs of one.
    Ladders(cmd::scenarios::LaddersArgs),
    /// Blast, thermal and prompt-radiation effects of one detonation.
    Effects(cmd::effects::EffectsArgs),
    /// WSEG-10 fallout: H+1 dose rate, arrival time and 30-day dose downwind of a surface burst.
    Fallout(cmd::fallout::FalloutArgs),
    /// Equilibria of a Gambit game: strategic form (.nfg) or extensive form (.efg).
    Solve(cmd::solve::SolveArgs),
    /// Write a scenario's first T turns as an extensive-form game (Gambit .efg).
    Game(cmd::game::GameArgs),
    /// Equilibrium play of a scenario's first T turns, compared with the scenario's own rules.
    Equilibrium(cmd::game::EquilibriumArgs),
    /// Check the engine against the closed forms of the canonical escalation models.
    Validate(cmd::validate::ValidateArgs),
    /// Fatalities and injuries of a strike plan over the world's cities (estimates).
    Strike(cmd::strike::StrikeArgs),
    /// Write a countervalue strike plan on the most populous cities of some countries, or on
    /// their most densely populated places (`--aim densest`, after Toon et al.).
    Plan(cmd::plan::PlanArgs),
    /// Global cooling and people without food after a war's soot (published runs, interpolated).
    Aftermath(cmd::aftermath::AftermathArgs),
    /// Serve the local web page and its JSON API (loopback only by default).
    #[cfg(feature = "serve")]
    Serve(cmd::serve::ServeArgs),
    /// Print a shell completion script: bash, zsh, fish or powershell.
    Completions(cmd::shell::CompletionsArgs),
    /// Print the man page (roff), or write one page per subcommand with --dir.
    Man(cmd::shell::ManArgs),
}

/// Exit codes: 0 success, 2 bad input, 1 internal error, 3 validation checks failed.
fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            // clap: help and version are successes; usage errors are bad input.
            let code = if err.use_stderr() { 2 } else { 0 };
            let _ = err.print();
            return ExitCode::from(code);
        }
    };
    cmd::progress::set_quiet(cli.quiet);
    let result = match cli.command {
        Command::Run(args) => cmd::run::run(args),
        Command::Check(args) => cmd::check::run(args),
        Command::Sweep(args) => cmd::sweep::run(args),
        Command::Compare(args) => cmd::compare::run(args),
        Command::Sensitivity(args) => cmd::sensitivity::run(args),
        Command::Explain(args) => cmd::explain::run(args),
        Command::Likelihood(args) => cmd::likelihood::run(args),
        Command::Fit(args) => cmd::likelihood::fit(args),
        Command::Report(args) => cmd::report::run(args),
        Command::Schema(args) => cmd::schema::run(args),
        Command::Scenarios(args) => cmd::scenarios::run(args),
        Command::Ladders(args) => cmd::scenarios::ladders(args),
        Command::Effects(args) => cmd::effects::run(args),
        Command::Fallout(args) => cmd::fallout::run(args),
        Command::Solve(args) => cmd::solve::run(args),
        Command::Game(args) => cmd::game::run_game(args),
        Command::Equilibrium(args) => cmd::game::run_equilibrium(args),
        Command::Validate(args) => cmd::validate::run(args),
        Command::Strike(args) => cmd::strike::run(args),
        Command::Aftermath(args) => cmd::aftermath::run(args),
        Command::Plan(args) => cmd::plan::run(args),
        #[cfg(feature = "serve")]
        Command::Serve(args) => cmd::serve::run(args),
        Command::Completions(args) => cmd::shell::completions(args, Cli::command()),
        Command::Man(args) => cmd::shell::man(args, Cli::command()),
    };
    cmd::finish(result)
}
