//! `brink solve`: Nash equilibria and logit QRE of a Gambit strategic-form game (`.nfg`).
//! Solving and the JSON/text results live in brink-app (`brink_app::solve`); this file maps
//! flags to a request and prints.

use std::io::Read as _;

use brink_app::solve::{self as app, SolveRequest};

use super::{CmdError, CmdResult};

/// Which solver `brink solve` runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Method {
    /// All extreme equilibria by support enumeration (two players).
    Enum,
    /// All extreme equilibria by vertex enumeration (two players).
    Vertex,
    /// One equilibrium by Lemke–Howson, dropping label --label (two players).
    Lh,
    /// All pure-strategy equilibria (any number of players).
    Pure,
    /// The logit quantal response equilibrium at --lambda (any number of players).
    Qre,
    /// Value and optimal strategies of a zero-sum game by linear programming (two players).
    Zerosum,
}

impl From<Method> for app::Method {
    fn from(method: Method) -> Self {
        match method {
            Method::Enum => app::Method::Enum,
            Method::Vertex => app::Method::Vertex,
            Method::Lh => app::Method::Lh,
            Method::Pure => app::Method::Pure,
            Method::Qre => app::Method::Qre,
            Method::Zerosum => app::Method::Zerosum,
        }
    }
}

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    /// Readable lines.
    Text,
    /// One JSON object.
    Json,
}

/// Flags of `brink solve`.
#[derive(Debug, clap::Args)]
pub(crate) struct SolveArgs {
    /// A Gambit strategic-form game (.nfg, payoff or outcome version); `-` reads stdin.
    file: String,
    /// The solver; default `enum` for two players, `pure` otherwise.
    #[arg(long, value_enum)]
    method: Option<Method>,
    /// Lemke–Howson's first dropped label: 0..m are player 1's strategies, m..m+n player 2's.
    #[arg(long, value_name = "K")]
    label: Option<usize>,
    /// The QRE precision λ (>= 0); without it the branch is followed to λ = 1e6.
    #[arg(long, value_name = "L")]
    lambda: Option<f64>,
    /// Print probabilities as exact fractions such as "1/3".
    #[arg(long)]
    exact: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

/// Runs `brink solve`.
pub(crate) fn run(args: SolveArgs) -> CmdResult {
    let text = if args.file == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| CmdError::BadInput(format!("cannot read the game from stdin: {e}")))?;
        text
    } else {
        std::fs::read_to_string(&args.file)
            .map_err(|e| CmdError::BadInput(format!("cannot read {}: {e}", args.file)))?
    };
    let source = if args.file == "-" { "<stdin>" } else { args.file.as_str() };
    let request =
        SolveRequest { method: args.method.map(Into::into), label: args.label, lambda: args.lambda, exact: args.exact };
    let report = app::solve_report(source, &text, &request)?;
    let format = match args.format {
        Format::Json => super::Format::Json,
        Format::Text => super::Format::Text,
    };
    super::print_report(&report, format, |r| app::to_text(r) + "\n")
}
