//! Nash equilibria and logit QRE of a strategic-form game (`brink solve`): the solver chosen
//! by name, and the result as JSON and text. Parsing and solving live in brink-games.

use brink_games::{Game, GameError, Profile, Rational, nfg, to_f64};
use std::time::Instant;

use brink_types::SolveReport;
use brink_types::tools::{Probability, SolveBody};

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

/// A QRE branch that cannot be followed to the λ the caller asked for is their input's limit
/// (exit 2, naming --lambda), not brink's failure; the default end is brink's own.
pub(crate) fn too_far(err: GameError, asked: Option<f64>) -> AppError {
    match (&err, asked) {
        (GameError::Numerical(_), Some(lambda)) => {
            AppError::BadInput(format!("--lambda {lambda:?}: {err}; ask for a smaller λ"))
        }
        _ => bad(err),
    }
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
            let point = brink_games::qre::qre_at(game, lambda).map_err(|e| too_far(e, request.lambda))?;
            Solution::Qre { lambda: point.lambda, profile: point.profile }
        }
    };
    Ok((method, solution))
}

fn exact_str(r: &Rational) -> String {
    nfg::format_rational(r)
}

fn probability(p: &Rational, exact: bool) -> Probability {
    if exact { Probability::Exact(exact_str(p)) } else { Probability::Decimal(to_f64(p)) }
}

fn profile(profile: &Profile, exact: bool) -> Vec<Vec<Probability>> {
    profile.iter().map(|probs| probs.iter().map(|p| probability(p, exact)).collect()).collect()
}

/// Parses the game `text` (named `source` in messages) and solves it as `request` asks:
/// the report of `brink solve` and `brink.solve`.
pub fn solve_report(source: &str, text: &str, request: &SolveRequest) -> Result<SolveReport, AppError> {
    let started = Instant::now();
    let game = parse(source, text)?;
    let (method, solution) = solve(&game, request)?;
    Ok(crate::report(body(&game, method, &solution, request.exact), started))
}

/// The body of a solve report.
pub fn body(game: &Game, method: Method, solution: &Solution, exact: bool) -> SolveBody {
    let mut body = SolveBody {
        title: game.title.clone(),
        players: game.players().iter().map(|p| p.name.clone()).collect(),
        strategies: game.players().iter().map(|p| p.strategies.clone()).collect(),
        method: method.name().to_owned(),
        equilibria: Vec::new(),
        value: None,
        lambda: None,
    };
    match solution {
        Solution::Exact(list) => body.equilibria = list.iter().map(|p| profile(p, exact)).collect(),
        Solution::Zerosum { value, strategies } => {
            body.equilibria = vec![profile(strategies, exact)];
            body.value = Some(probability(value, exact));
        }
        Solution::Qre { lambda, profile } => {
            body.equilibria =
                vec![profile.iter().map(|p| p.iter().map(|&x| Probability::Decimal(x)).collect()).collect()];
            body.lambda = Some(*lambda);
        }
    }
    body
}

/// A probability for reading: exact fraction, or a decimal with trailing zeros trimmed.
fn show(p: f64) -> String {
    let s = format!("{p:.6}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.into() }
}

fn shown(p: &Probability) -> String {
    match p {
        Probability::Decimal(x) => show(*x),
        Probability::Exact(text) => text.clone(),
    }
}

fn profile_text(body: &SolveBody, probs: &[Vec<Probability>]) -> String {
    body.players
        .iter()
        .zip(&body.strategies)
        .zip(probs)
        .map(|((player, strategies), ps)| {
            let items: Vec<String> = strategies.iter().zip(ps).map(|(s, p)| format!("{s}={}", shown(p))).collect();
            format!("{player}: {}", items.join(" "))
        })
        .collect::<Vec<_>>()
        .join("   ")
}

/// The solution as readable lines.
pub fn to_text(report: &SolveReport) -> String {
    let body = &report.body;
    let shape: Vec<String> = body.strategies.iter().map(|s| s.len().to_string()).collect();
    let mut out = format!("{} ({} game)\n", body.title, shape.join("x"));
    let method = body.method.as_str();
    if let Some(lambda) = body.lambda {
        out.push_str(&format!("logit QRE at lambda {lambda} (method qre)\n"));
        if let Some(p) = body.equilibria.first() {
            out.push_str(&format!("  1  {}\n", profile_text(body, p)));
        }
    } else if let Some(value) = &body.value {
        out.push_str(&format!("value {} (method zerosum)\n", shown(value)));
        if let Some(p) = body.equilibria.first() {
            out.push_str(&format!("  1  {}\n", profile_text(body, p)));
        }
    } else {
        let list = &body.equilibria;
        let noun = if list.len() == 1 { "equilibrium" } else { "equilibria" };
        let what = match method {
            "lh" => "Lemke-Howson",
            "pure" => "pure-strategy",
            _ => "extreme",
        };
        out.push_str(&format!("{} {what} {noun} (method {method})\n", list.len()));
        for (k, p) in list.iter().enumerate() {
            out.push_str(&format!("{:>3}  {}\n", k + 1, profile_text(body, p)));
        }
    }
    out.push_str("\nNote: these figures follow from the game as written (every number in it is an assumption); they are not a forecast.");
    out
}
