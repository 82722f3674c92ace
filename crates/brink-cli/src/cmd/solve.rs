//! `brink solve`: Nash equilibria and logit QRE of a Gambit strategic-form game (`.nfg`), or
//! equilibria, CFR+ and the agent QRE of an extensive-form game (`.efg`), told apart by the
//! file's first word. Solving and the JSON/text results live in brink-app
//! (`brink_app::solve`, `brink_app::solve_efg`); this file maps flags to a request and prints.

use std::io::Read as _;

use brink_app::solve::{self as app, SolveRequest};
use brink_app::solve_efg::{self as app_efg, EfgMethod, SolveEfgRequest};

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
    /// .efg: one equilibrium by Lemke's algorithm on the sequence-form LCP (two players).
    Lcp,
    /// .efg: value and optimal strategies of a constant-sum game, sequence-form LP (two players).
    Lp,
    /// .efg: every pure agent-form equilibrium (any number of players).
    Enumpure,
    /// .efg: CFR+ for --iterations iterations, with NashConv per iteration.
    Cfr,
}

impl Method {
    fn normal_form(self) -> Result<app::Method, CmdError> {
        Ok(match self {
            Method::Enum => app::Method::Enum,
            Method::Vertex => app::Method::Vertex,
            Method::Lh => app::Method::Lh,
            Method::Pure => app::Method::Pure,
            Method::Qre => app::Method::Qre,
            Method::Zerosum => app::Method::Zerosum,
            Method::Lcp | Method::Lp | Method::Enumpure | Method::Cfr => {
                return Err(CmdError::BadInput(
                    "--method lcp, lp, enumpure and cfr apply to extensive-form games (.efg); for a strategic-form game use enum, vertex, lh, pure, qre or zerosum".into(),
                ));
            }
        })
    }

    fn extensive_form(self) -> Result<EfgMethod, CmdError> {
        Ok(match self {
            Method::Lcp => EfgMethod::Lcp,
            Method::Lp => EfgMethod::Lp,
            Method::Enumpure => EfgMethod::Enumpure,
            Method::Cfr => EfgMethod::Cfr,
            Method::Qre => EfgMethod::Qre,
            Method::Enum | Method::Vertex | Method::Lh | Method::Pure | Method::Zerosum => {
                return Err(CmdError::BadInput(
                    "--method enum, vertex, lh, pure and zerosum apply to strategic-form games (.nfg); for an extensive-form game use lcp, lp, enumpure, cfr or qre".into(),
                ));
            }
        })
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
    /// A Gambit strategic-form (.nfg) or extensive-form (.efg) game; `-` reads stdin.
    file: String,
    /// The solver; default for .nfg `enum` (two players) or `pure`, for .efg `lcp` (two
    /// players) or `enumpure`.
    #[arg(long, value_enum)]
    method: Option<Method>,
    /// Lemke–Howson's first dropped label: 0..m are player 1's strategies, m..m+n player 2's.
    #[arg(long, value_name = "K")]
    label: Option<usize>,
    /// CFR+ iterations (--method cfr; default 1000).
    #[arg(long, value_name = "N")]
    iterations: Option<u64>,
    /// The QRE precision λ (>= 0); without it the branch is followed to λ = 1e6 (.nfg) or
    /// 1e4 (.efg).
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
    let format = match args.format {
        Format::Json => super::Format::Json,
        Format::Text => super::Format::Text,
    };
    if app_efg::is_extensive(&text) {
        if args.label.is_some() {
            return Err(CmdError::BadInput("--label applies only to --method lh on a strategic-form game".into()));
        }
        let request = SolveEfgRequest {
            method: args.method.map(Method::extensive_form).transpose()?,
            iterations: args.iterations,
            lambda: args.lambda,
            exact: args.exact,
        };
        let progress = super::progress::Progress::spinner(&format!("solving {source}"));
        let report = app_efg::solve_efg_report(source, &text, &request)?;
        progress.finish();
        return super::print_report(&report, format, app_efg::to_text);
    }
    if args.iterations.is_some() {
        return Err(CmdError::BadInput("--iterations applies only to --method cfr on an extensive-form game".into()));
    }
    let request = SolveRequest {
        method: args.method.map(Method::normal_form).transpose()?,
        label: args.label,
        lambda: args.lambda,
        exact: args.exact,
    };
    let progress = super::progress::Progress::spinner(&format!("solving {source}"));
    let report = app::solve_report(source, &text, &request)?;
    progress.finish();
    super::print_report(&report, format, |r| app::to_text(r) + "\n")
}
