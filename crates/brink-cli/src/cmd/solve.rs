//! `brink solve`: Nash equilibria and logit QRE of a Gambit strategic-form game (`.nfg`).
//! Parsing and solving live in brink-games; this file maps flags to calls and prints.

use std::io::{Read as _, Write as _};

use brink_games::{Game, GameError, Profile, Rational, nfg, to_f64};
use serde_json::{Value, json};

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

impl Method {
    fn name(self) -> &'static str {
        match self {
            Method::Enum => "enum",
            Method::Vertex => "vertex",
            Method::Lh => "lh",
            Method::Pure => "pure",
            Method::Qre => "qre",
            Method::Zerosum => "zerosum",
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

/// Where the QRE branch is followed to when no λ is given: far enough that play is within
/// rounding of a Nash equilibrium for payoffs of ordinary size.
const QRE_LAMBDA_END: f64 = 1e6;

/// What a solver produced, ready to print.
enum Solution {
    Exact(Vec<Profile>),
    Zerosum { value: Rational, strategies: Profile },
    Qre { lambda: f64, profile: Vec<Vec<f64>> },
}

fn bad(err: GameError) -> CmdError {
    match err {
        GameError::Numerical(_) => CmdError::Internal(anyhow::anyhow!(err)),
        other => CmdError::BadInput(other.to_string()),
    }
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
    let game = nfg::parse(&text).map_err(|e| CmdError::BadInput(format!("{source}: {e}")))?;

    let method = args.method.unwrap_or(if game.num_players() == 2 { Method::Enum } else { Method::Pure });
    if args.label.is_some() && method != Method::Lh {
        return Err(CmdError::BadInput("--label applies only to --method lh".into()));
    }
    if args.lambda.is_some() && method != Method::Qre {
        return Err(CmdError::BadInput("--lambda applies only to --method qre".into()));
    }
    if args.exact && method == Method::Qre {
        return Err(CmdError::BadInput(
            "--exact does not apply to --method qre: quantal response equilibria are irrational in general".into(),
        ));
    }

    let solution = match method {
        Method::Enum => Solution::Exact(brink_games::support_enumeration(&game).map_err(bad)?),
        Method::Vertex => Solution::Exact(brink_games::vertex_enumeration(&game).map_err(bad)?),
        Method::Lh => Solution::Exact(vec![brink_games::lemke_howson(&game, args.label.unwrap_or(0)).map_err(bad)?]),
        Method::Pure => Solution::Exact(brink_games::pure_equilibria(&game)),
        Method::Zerosum => {
            let s = brink_games::solve_zero_sum(&game).map_err(bad)?;
            Solution::Zerosum { value: s.value, strategies: s.strategies }
        }
        Method::Qre => {
            let lambda = args.lambda.unwrap_or(QRE_LAMBDA_END);
            let point = brink_games::qre::qre_at(&game, lambda).map_err(bad)?;
            Solution::Qre { lambda: point.lambda, profile: point.profile }
        }
    };

    let out = match args.format {
        Format::Json => serde_json::to_string_pretty(&to_json(&game, method, &solution, args.exact))
            .map_err(|e| CmdError::Internal(e.into()))?,
        Format::Text => to_text(&game, method, &solution, args.exact),
    };
    let mut stdout = std::io::stdout().lock();
    match writeln!(stdout, "{out}") {
        // A closed pipe (`brink solve … | head`) is the reader's choice, not an error.
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(CmdError::Internal(e.into())),
        _ => Ok(()),
    }
}

fn exact_str(r: &Rational) -> String {
    nfg::format_rational(r)
}

fn json_number(x: f64) -> Value {
    serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number)
}

fn profile_json(profile: &Profile, exact: bool) -> Value {
    Value::Array(
        profile
            .iter()
            .map(|probs| {
                Value::Array(
                    probs
                        .iter()
                        .map(|p| if exact { Value::String(exact_str(p)) } else { json_number(to_f64(p)) })
                        .collect(),
                )
            })
            .collect(),
    )
}

fn to_json(game: &Game, method: Method, solution: &Solution, exact: bool) -> Value {
    let players: Vec<&str> = game.players().iter().map(|p| p.name.as_str()).collect();
    let strategies: Vec<&[String]> = game.players().iter().map(|p| p.strategies.as_slice()).collect();
    let mut out = json!({ "players": players, "strategies": strategies, "method": method.name() });
    match solution {
        Solution::Exact(list) => {
            out["equilibria"] = Value::Array(list.iter().map(|p| profile_json(p, exact)).collect());
        }
        Solution::Zerosum { value, strategies } => {
            out["equilibria"] = Value::Array(vec![profile_json(strategies, exact)]);
            out["value"] = if exact { Value::String(exact_str(value)) } else { json_number(to_f64(value)) };
        }
        Solution::Qre { lambda, profile } => {
            let probs: Vec<Vec<Value>> = profile.iter().map(|p| p.iter().map(|&x| json_number(x)).collect()).collect();
            out["equilibria"] = json!([probs]);
            out["lambda"] = json_number(*lambda);
        }
    }
    out
}

/// A probability for reading: exact fraction, or a decimal with trailing zeros trimmed.
fn show(p: f64) -> String {
    let s = format!("{p:.6}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.into() }
}

fn profile_text(game: &Game, probs: &[Vec<String>]) -> String {
    game.players()
        .iter()
        .zip(probs)
        .map(|(player, ps)| {
            let items: Vec<String> = player.strategies.iter().zip(ps).map(|(s, p)| format!("{s}={p}")).collect();
            format!("{}: {}", player.name, items.join(" "))
        })
        .collect::<Vec<_>>()
        .join("   ")
}

fn to_text(game: &Game, method: Method, solution: &Solution, exact: bool) -> String {
    let strings = |profile: &Profile| -> Vec<Vec<String>> {
        profile
            .iter()
            .map(|ps| ps.iter().map(|p| if exact { exact_str(p) } else { show(to_f64(p)) }).collect())
            .collect()
    };
    let shape: Vec<String> = game.shape().iter().map(ToString::to_string).collect();
    let mut out = format!("{} ({} game)\n", game.title, shape.join("x"));
    match solution {
        Solution::Exact(list) => {
            let noun = if list.len() == 1 { "equilibrium" } else { "equilibria" };
            let what = match method {
                Method::Lh => "Lemke-Howson",
                Method::Pure => "pure-strategy",
                _ => "extreme",
            };
            out.push_str(&format!("{} {what} {noun} (method {})\n", list.len(), method.name()));
            for (k, p) in list.iter().enumerate() {
                out.push_str(&format!("{:>3}  {}\n", k + 1, profile_text(game, &strings(p))));
            }
        }
        Solution::Zerosum { value, strategies } => {
            let v = if exact { exact_str(value) } else { show(to_f64(value)) };
            out.push_str(&format!("value {v} (method zerosum)\n"));
            out.push_str(&format!("  1  {}\n", profile_text(game, &strings(strategies))));
        }
        Solution::Qre { lambda, profile } => {
            out.push_str(&format!("logit QRE at lambda {lambda} (method qre)\n"));
            let probs: Vec<Vec<String>> = profile.iter().map(|ps| ps.iter().map(|&p| show(p)).collect()).collect();
            out.push_str(&format!("  1  {}\n", profile_text(game, &probs)));
        }
    }
    out.trim_end().to_string()
}
