//! `brink game` and `brink equilibrium`: a scenario's first turns as an extensive-form game
//! (written as Gambit `.efg`), and its equilibrium compared with the scenario's own rules.
//! The tree, the game and the report come from brink-app (`brink_app::crisis_game`).

use std::path::PathBuf;

use brink_app::crisis_game::{EquilibriumMethod, EquilibriumRequest, equilibrium_report, equilibrium_text, game_text};
use brink_scenario::Override;

use super::{CmdError, CmdResult, Format, load_scenario, report_error};

/// Flags of `brink game`.
#[derive(Debug, clap::Args)]
pub(crate) struct GameArgs {
    /// A bundled scenario name or a TOML file (default: the bundled `ukraine-2024`).
    scenario: Option<String>,
    /// Turns before the game is cut off (the continuation value then applies).
    #[arg(long, value_name = "T")]
    turns: u32,
    /// Override any scenario key: PATH=VALUE (repeatable).
    #[arg(long = "set", value_name = "PATH=VALUE")]
    overrides: Vec<Override>,
    /// The .efg file to write (atomically).
    #[arg(short = 'o', long = "out", value_name = "FILE.efg")]
    out: PathBuf,
}

/// Runs `brink game`.
pub(crate) fn run_game(args: GameArgs) -> CmdResult {
    let loaded = load_scenario(args.scenario.as_deref(), &args.overrides)?;
    let (text, size) = game_text(&loaded, args.turns)?;
    brink_report::atomic::write_atomic(&args.out, text.as_bytes()).map_err(report_error)?;
    super::print(&format!(
        "wrote {}: {} players, {} nodes, {} information sets, {} leaves\n",
        args.out.display(),
        loaded.scenario.actors.len(),
        size.nodes,
        size.infosets,
        size.terminals
    ))
}

/// The solver of `brink equilibrium`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Method {
    /// Lemke's algorithm on the sequence-form LCP (two actors, exact).
    Lcp,
    /// CFR+ (approximate; --iterations).
    Cfr,
}

/// Flags of `brink equilibrium`.
#[derive(Debug, clap::Args)]
pub(crate) struct EquilibriumArgs {
    /// A bundled scenario name or a TOML file (default: the bundled `ukraine-2024`).
    scenario: Option<String>,
    /// Turns before the game is cut off.
    #[arg(long, value_name = "T")]
    turns: u32,
    /// Override any scenario key: PATH=VALUE (repeatable).
    #[arg(long = "set", value_name = "PATH=VALUE")]
    overrides: Vec<Override>,
    /// The solver (default cfr).
    #[arg(long, value_enum)]
    method: Option<Method>,
    /// CFR+ iterations (default 1000).
    #[arg(long, value_name = "N")]
    iterations: Option<u64>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// Runs `brink equilibrium`.
pub(crate) fn run_equilibrium(args: EquilibriumArgs) -> CmdResult {
    if args.turns == 0 {
        return Err(CmdError::BadInput("error: --turns must be at least 1".into()));
    }
    let loaded = load_scenario(args.scenario.as_deref(), &args.overrides)?;
    let request = EquilibriumRequest {
        turns: args.turns,
        method: args.method.map(|m| match m {
            Method::Lcp => EquilibriumMethod::Lcp,
            Method::Cfr => EquilibriumMethod::Cfr,
        }),
        iterations: args.iterations,
    };
    let report = equilibrium_report(&loaded, &args.overrides, &request)?;
    match args.format {
        Format::Json => super::print_report(&report, Format::Json, |_| String::new()),
        Format::Text => super::print(&equilibrium_text(&report)),
    }
}
