//! Nash equilibria and logit QRE of a strategic-form game (`brink solve`): the solver chosen
//! by name, and the result as JSON and text. Parsing and solving live in brink-games.

use brink_games::{Game, GameError, Profile, Rational, nfg, to_f64};
use serde_json::{Value, json};

use crate::AppError;

/// Which solver to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// All extreme equilibria by support enumeration (two players).
    Enum,
    /// All extreme equilibria by vertex enumeration (two players).
    Vertex,
    /// One equilibrium by Lemke–Howson (two players).
    Lh,
    /// All pure-strategy equilibria (any number of players).
    Pure,
    /// The logit quantal response equilibrium at a given λ (any number of players).
    Qre,
    /// Value and optimal strategies of a zero-sum game by linear programming (two players).
    Zerosum,
}

impl Method {
    /// Every method, in the order the command line lists them.
    pub const ALL: [Method; 6] = [Method::Enum, Method::Vertex, Method::Lh, Method::Pure, Method::Qre, Method::Zerosum];

    /// The method's name, as on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Method::Enum => "enum",
            Method::Vertex => "vertex",
            Method::Lh => "lh",
            Method::Pure => "pure",
            Method::Qre => "qre",
            Method::Zerosum => "zerosum",
        }
    }

    /// The method called `name`.
    pub fn from_name(name: &str) -> Result<Self, AppError> {
        Self::ALL.into_iter().find(|m| m.name() == name).ok_or_else(|| {
            AppError::BadInput(format!(
                "unknown method `{name}`; expected one of: {}",
                Self::ALL.map(Method::name).join(", ")
            ))
        })
    }
}

/// What to solve and how.
#[derive(Debug, Clone, PartialEq)]
pub struct SolveRequest {
    /// The solver; `None`: `enum` for two players, `pure` otherwise.
    pub method: Option<Method>,
    /// Lemke–Howson's first dropped label (only with [`Method::Lh`]).
    pub label: Option<usize>,
    /// The QRE precision λ (only with [`Method::Qre`]); `None`: followed to [`QRE_LAMBDA_END`].
    pub lambda: Option<f64>,
    /// Report probabilities as exact fractions (not with [`Method::Qre`]).
    pub exact: bool,
}

/// Where the QRE branch is followed to when no λ is given: far enough that play is within
/// rounding of a Nash equilibrium for payoffs of ordinary size.
pub const QRE_LAMBDA_END: f64 = 1e6;

/// What a solver produced, ready to print.
#[derive(Debug, Clone)]
pub enum Solution {
    /// Equilibria in exact arithmetic.
    Exact(Vec<Profile>),
    /// The value of a zero-sum game and optimal strategies.
    Zerosum {
        /// The value to the first player.
        value: Rational,
        /// Optimal strategies.
        strategies: Profile,
    },
    /// A logit QRE.
    Qre {
        /// Its precision λ.
        lambda: f64,
        /// Choice probabilities, per player.
        profile: Vec<Vec<f64>>,
    },
}

/// Parses a Gambit `.nfg` game; `source` names it in messages.
pub fn parse(source: &str, text: &str) -> Result<Game, AppError> {
    nfg::parse(text).map_err(|e| AppError::BadInput(format!("{source}: {e}")))
}

fn bad(err: GameError) -> AppError {
    match err {
        GameError::Numerical(_) => AppError::Internal(err.to_string()),
        other => AppError::BadInput(other.to_string()),
    }
}

/// Solves `game` as `request` asks; returns the method used and the solution.
pub fn solve(game: &Game, request: &SolveRequest) -> Result<(Method, Solution), AppError> {
    let method = request.method.unwrap_or(if game.num_players() == 2 { Method::Enum } else { Method::Pure });
    if request.label.is_some() && method != Method::Lh {
        return Err(AppError::BadInput("--label applies only to --method lh".into()));
    }
    if request.lambda.is_some() && method != Method::Qre {
        return Err(AppError::BadInput("--lambda applies only to --method qre".into()));
    }
    if request.exact && method == Method::Qre {
        return Err(AppError::BadInput(
            "--exact does not apply to --method qre: quantal response equilibria are irrational in general".into(),
        ));
    }
    let solution = match method {
        Method::Enum => Solution::Exact(brink_games::support_enumeration(game).map_err(bad)?),
        Method::Vertex => Solution::Exact(brink_games::vertex_enumeration(game).map_err(bad)?),
        Method::Lh => Solution::Exact(vec![brink_games::lemke_howson(game, request.label.unwrap_or(0)).map_err(bad)?]),
        Method::Pure => Solution::Exact(brink_games::pure_equilibria(game)),
        Method::Zerosum => {
            let s = brink_games::solve_zero_sum(game).map_err(bad)?;
            Solution::Zerosum { value: s.value, strategies: s.strategies }
        }
        Method::Qre => {
            let lambda = request.lambda.unwrap_or(QRE_LAMBDA_END);
            let point = brink_games::qre::qre_at(game, lambda).map_err(bad)?;
            Solution::Qre { lambda: point.lambda, profile: point.profile }
        }
    };
    Ok((method, solution))
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

/// The solution as the JSON object of `brink solve --format json`.
pub fn to_json(game: &Game, method: Method, solution: &Solution, exact: bool) -> Value {
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

/// The solution as readable lines.
pub fn to_text(game: &Game, method: Method, solution: &Solution, exact: bool) -> String {
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
