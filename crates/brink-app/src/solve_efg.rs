//! Equilibria of a Gambit extensive-form game (`brink solve FILE.efg`): the solver chosen by
//! name, and the result as a typed report and as text. Parsing and solving live in
//! brink-games (`brink_games::efg`).

use std::time::Instant;

use brink_games::efg::{self, Behavior, BehaviorF64, CfrConfig, ExtensiveGame};
use brink_games::{GameError, Rational, nfg, to_f64};
use brink_types::SolveEfgReport;
use brink_types::tools::{EfgEquilibrium, EfgInfoset, Probability, SolveEfgBody, TreeSize};

use crate::AppError;

/// Which extensive-form solver to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EfgMethod {
    /// One equilibrium by Lemke's algorithm on the sequence-form LCP (two players; exact, or
    /// in floating point on a sparse basis when the LCP exceeds `efg::MAX_LCP_SIZE` rows).
    Lcp,
    /// Value and optimal strategies of a constant-sum game by the sequence-form LPs (two
    /// players, exact).
    Lp,
    /// Every pure agent-form equilibrium (any number of players, exact).
    Enumpure,
    /// CFR+'s average strategy after `--iterations` iterations, with NashConv per iteration.
    Cfr,
    /// The agent logit QRE at `--lambda`, followed along the principal branch from λ = 0.
    Qre,
}

impl EfgMethod {
    /// Every method, in the order the command line lists them.
    pub const ALL: [EfgMethod; 5] =
        [EfgMethod::Lcp, EfgMethod::Lp, EfgMethod::Enumpure, EfgMethod::Cfr, EfgMethod::Qre];

    /// The method's name, as on the command line.
    pub fn name(self) -> &'static str {
        match self {
            EfgMethod::Lcp => "lcp",
            EfgMethod::Lp => "lp",
            EfgMethod::Enumpure => "enumpure",
            EfgMethod::Cfr => "cfr",
            EfgMethod::Qre => "qre",
        }
    }

    /// The method called `name`.
    pub fn from_name(name: &str) -> Result<Self, AppError> {
        Self::ALL.into_iter().find(|m| m.name() == name).ok_or_else(|| {
            AppError::BadInput(format!(
                "unknown method `{name}` for an extensive-form game; expected one of: {}",
                Self::ALL.map(EfgMethod::name).join(", ")
            ))
        })
    }
}

/// What to solve and how.
#[derive(Debug, Clone, PartialEq)]
pub struct SolveEfgRequest {
    /// The solver; `None`: `lcp` for two players, `enumpure` otherwise.
    pub method: Option<EfgMethod>,
    /// CFR+ iterations (only with [`EfgMethod::Cfr`]); `None`: [`CFR_ITERATIONS`].
    pub iterations: Option<u64>,
    /// The QRE precision λ (only with [`EfgMethod::Qre`]); `None`: followed to
    /// [`QRE_LAMBDA_END`].
    pub lambda: Option<f64>,
    /// Report probabilities as exact fractions (only with the exact methods).
    pub exact: bool,
}

/// CFR+ iterations when none are asked for.
pub const CFR_ITERATIONS: u64 = 1000;

/// The most CFR+ iterations one request may ask for.
pub const CFR_MAX_ITERATIONS: u64 = 10_000_000;

/// Where the agent QRE branch is followed to when no λ is given.
pub const QRE_LAMBDA_END: f64 = 1e4;

/// Parses a Gambit `.efg` game; `source` names it in messages.
pub fn parse(source: &str, text: &str) -> Result<ExtensiveGame, AppError> {
    efg::parse(text).map_err(|e| AppError::BadInput(format!("{source}: {e}")))
}

/// Whether `text` is an extensive-form game (`.efg`) rather than a strategic-form one: its
/// first word is `EFG`.
pub fn is_extensive(text: &str) -> bool {
    text.trim_start().starts_with("EFG")
}

fn bad(err: GameError) -> AppError {
    match err {
        GameError::Numerical(_) => AppError::Internal(err.to_string()),
        other => AppError::BadInput(other.to_string()),
    }
}

/// What a solver produced.
#[derive(Debug, Clone)]
pub enum EfgSolution {
    /// Equilibria in exact arithmetic (`lcp`, `enumpure`).
    Exact(Vec<Behavior>),
    /// Equilibria in floating point (`lcp` on games too large for the exact tableau).
    Float(Vec<BehaviorF64>),
    /// A constant-sum game's value and optimal strategies (`lp`).
    Lp {
        /// The value to player 1.
        value: Rational,
        /// Optimal behaviour strategies.
        behavior: Behavior,
    },
    /// CFR+'s average strategy and its NashConv after each iteration.
    Cfr {
        /// The average strategy.
        behavior: BehaviorF64,
        /// NashConv per iteration.
        exploitability: Vec<f64>,
    },
    /// The agent logit QRE at λ.
    Qre {
        /// The precision reached.
        lambda: f64,
        /// The profile.
        behavior: BehaviorF64,
    },
}

/// Solves `game` as `request` asks; returns the method used and the solution.
pub fn solve(game: &ExtensiveGame, request: &SolveEfgRequest) -> Result<(EfgMethod, EfgSolution), AppError> {
    let method = request.method.unwrap_or(if game.num_players() == 2 { EfgMethod::Lcp } else { EfgMethod::Enumpure });
    if request.iterations.is_some() && method != EfgMethod::Cfr {
        return Err(AppError::BadInput("--iterations applies only to --method cfr".into()));
    }
    if request.lambda.is_some() && method != EfgMethod::Qre {
        return Err(AppError::BadInput("--lambda applies only to --method qre".into()));
    }
    if request.exact && matches!(method, EfgMethod::Cfr | EfgMethod::Qre) {
        return Err(AppError::BadInput(format!(
            "--exact does not apply to --method {}: it computes in floating point",
            method.name()
        )));
    }
    let solution = match method {
        EfgMethod::Lcp if game.num_players() == 2 && efg::lcp_size(game) > efg::MAX_LCP_SIZE => {
            if request.exact {
                return Err(AppError::BadInput(format!(
                    "--exact: the sequence-form LCP has {} rows, more than the exact tableau's {}; without --exact it is solved in floating point",
                    efg::lcp_size(game),
                    efg::MAX_LCP_SIZE
                )));
            }
            EfgSolution::Float(vec![efg::lcp_sparse(game).map_err(bad)?.behavior])
        }
        EfgMethod::Lcp => EfgSolution::Exact(vec![efg::lcp(game).map_err(bad)?]),
        EfgMethod::Lp => {
            let s = efg::lp(game).map_err(bad)?;
            EfgSolution::Lp { value: s.value, behavior: s.behavior }
        }
        EfgMethod::Enumpure => EfgSolution::Exact(efg::enumpure(game).map_err(bad)?),
        EfgMethod::Cfr => {
            let iterations = request.iterations.unwrap_or(CFR_ITERATIONS);
            if !(1..=CFR_MAX_ITERATIONS).contains(&iterations) {
                return Err(AppError::BadInput(format!(
                    "--iterations must be from 1 to {CFR_MAX_ITERATIONS}, not {iterations}"
                )));
            }
            let config = CfrConfig { iterations: iterations as usize, track_exploitability: true };
            let r = efg::cfr(game, &config).map_err(bad)?;
            EfgSolution::Cfr { behavior: r.behavior, exploitability: r.exploitability }
        }
        EfgMethod::Qre => {
            let lambda = request.lambda.unwrap_or(QRE_LAMBDA_END);
            let point = efg::qre(game, lambda)
                .map_err(|e| crate::solve::too_far(e, request.lambda))?
                .pop()
                .expect("the branch has a start");
            EfgSolution::Qre { lambda: point.lambda, behavior: point.behavior }
        }
    };
    Ok((method, solution))
}

/// Parses the game `text` (named `source` in messages) and solves it as `request` asks: the
/// report of `brink solve FILE.efg`.
pub fn solve_efg_report(source: &str, text: &str, request: &SolveEfgRequest) -> Result<SolveEfgReport, AppError> {
    let started = Instant::now();
    let game = parse(source, text)?;
    let (method, solution) = solve(&game, request)?;
    Ok(crate::report(body(&game, method, &solution, request.exact)?, started))
}

fn probability(p: &Rational, exact: bool) -> Probability {
    if exact { Probability::Exact(nfg::format_rational(p)) } else { Probability::Decimal(to_f64(p)) }
}

fn exact_equilibrium(game: &ExtensiveGame, behavior: &Behavior, exact: bool) -> Result<EfgEquilibrium, AppError> {
    let payoffs = efg::evaluate_exact(game, behavior).map(|e| e.payoffs).or_else(|_| pure_payoffs(game, behavior))?;
    Ok(EfgEquilibrium {
        behavior: behavior
            .iter()
            .map(|p| p.iter().map(|h| h.iter().map(|x| probability(x, exact)).collect()).collect())
            .collect(),
        payoffs: payoffs.iter().map(|x| probability(x, exact)).collect(),
    })
}

/// Payoffs by walking the tree (games without perfect recall, where the sequence form does
/// not apply).
fn pure_payoffs(game: &ExtensiveGame, behavior: &Behavior) -> Result<Vec<Rational>, AppError> {
    let mut total = vec![Rational::default(); game.num_players()];
    let mut stack = vec![(0usize, Rational::from_integer(1.into()))];
    while let Some((k, prob)) = stack.pop() {
        let node = &game.nodes()[k];
        if let Some(o) = node.outcome {
            for (t, v) in total.iter_mut().zip(&game.outcomes()[o].payoffs) {
                *t += &prob * v;
            }
        }
        let probs: Vec<Rational> = match node.kind {
            efg::NodeKind::Terminal => Vec::new(),
            efg::NodeKind::Chance { infoset } => game.chance_infosets()[infoset].probs.clone(),
            efg::NodeKind::Decision { player, infoset } => behavior[player][infoset].clone(),
        };
        for (c, p) in node.children.iter().zip(probs) {
            if p != Rational::default() {
                stack.push((*c, &prob * p));
            }
        }
    }
    Ok(total)
}

fn float_equilibrium(game: &ExtensiveGame, behavior: &BehaviorF64) -> Result<EfgEquilibrium, AppError> {
    let payoffs = efg::evaluate(game, behavior).map_err(bad)?.payoffs;
    Ok(EfgEquilibrium {
        behavior: behavior
            .iter()
            .map(|p| p.iter().map(|h| h.iter().map(|&x| Probability::Decimal(x)).collect()).collect())
            .collect(),
        payoffs: payoffs.into_iter().map(Probability::Decimal).collect(),
    })
}

/// The body of a solve report.
pub fn body(
    game: &ExtensiveGame,
    method: EfgMethod,
    solution: &EfgSolution,
    exact: bool,
) -> Result<SolveEfgBody, AppError> {
    let mut body = SolveEfgBody {
        title: game.title().to_owned(),
        players: game.players().to_vec(),
        infosets: game
            .infosets()
            .iter()
            .map(|sets| {
                sets.iter()
                    .map(|h| EfgInfoset { number: h.number as u64, name: h.name.clone(), actions: h.actions.clone() })
                    .collect()
            })
            .collect(),
        tree: TreeSize {
            nodes: game.nodes().len() as u64,
            infosets: game.num_infosets() as u64,
            terminals: game.num_terminals() as u64,
        },
        method: method.name().to_owned(),
        equilibria: Vec::new(),
        value: None,
        lambda: None,
        iterations: None,
        exploitability: None,
    };
    match solution {
        EfgSolution::Exact(list) => {
            body.equilibria = list.iter().map(|b| exact_equilibrium(game, b, exact)).collect::<Result<_, _>>()?;
        }
        EfgSolution::Float(list) => {
            body.equilibria = list.iter().map(|b| float_equilibrium(game, b)).collect::<Result<_, _>>()?;
        }
        EfgSolution::Lp { value, behavior } => {
            body.equilibria = vec![exact_equilibrium(game, behavior, exact)?];
            body.value = Some(probability(value, exact));
        }
        EfgSolution::Cfr { behavior, exploitability } => {
            body.equilibria = vec![float_equilibrium(game, behavior)?];
            body.iterations = Some(exploitability.len() as u64);
            body.exploitability = Some(exploitability.clone());
        }
        EfgSolution::Qre { lambda, behavior } => {
            body.equilibria = vec![float_equilibrium(game, behavior)?];
            body.lambda = Some(*lambda);
        }
    }
    Ok(body)
}

/// A number for reading: exact fraction, or a decimal with trailing zeros trimmed.
fn shown(p: &Probability) -> String {
    match p {
        Probability::Decimal(x) => {
            let s = format!("{x:.6}");
            let s = s.trim_end_matches('0').trim_end_matches('.');
            if s == "-0" { "0".into() } else { s.into() }
        }
        Probability::Exact(text) => text.clone(),
    }
}

/// The solution as readable lines.
pub fn to_text(report: &SolveEfgReport) -> String {
    let body = &report.body;
    let mut out = format!(
        "{} (extensive form: {} players, {} information sets, {} nodes)\n",
        body.title,
        body.players.len(),
        body.tree.infosets,
        body.tree.nodes
    );
    let method = body.method.as_str();
    match (method, &body.value, body.lambda, &body.exploitability) {
        (_, Some(value), _, _) => out += &format!("value {} to {} (method lp)\n", shown(value), body.players[0]),
        (_, _, Some(lambda), _) => out += &format!("agent logit QRE at lambda {lambda} (method qre)\n"),
        (_, _, _, Some(curve)) => {
            let last = curve.last().copied().unwrap_or(f64::NAN);
            out +=
                &format!("CFR+ average strategy after {} iterations: NashConv {last:.3e} (method cfr)\n", curve.len());
            let marks: Vec<String> = [1usize, 10, 100, 1000, 10_000, 100_000, 1_000_000]
                .iter()
                .filter(|&&k| k < curve.len())
                .map(|&k| format!("{k}: {:.3e}", curve[k - 1]))
                .collect();
            if !marks.is_empty() {
                out += &format!("  NashConv after {}\n", marks.join(", "));
            }
        }
        _ => {
            let noun = if body.equilibria.len() == 1 { "equilibrium" } else { "equilibria" };
            let what = if method == "enumpure" { "pure agent-form" } else { "sequence-form LCP" };
            out += &format!("{} {what} {noun} (method {method})\n", body.equilibria.len());
        }
    }
    for (k, eq) in body.equilibria.iter().enumerate() {
        let pays: Vec<String> =
            body.players.iter().zip(&eq.payoffs).map(|(p, v)| format!("{p} {}", shown(v))).collect();
        out += &format!("{:>3}  payoffs: {}\n", k + 1, pays.join(", "));
        for ((player, sets), probs) in body.players.iter().zip(&body.infosets).zip(&eq.behavior) {
            out += &format!("     {player}\n");
            for (h, ps) in sets.iter().zip(probs) {
                let items: Vec<String> = h.actions.iter().zip(ps).map(|(a, p)| format!("{a}={}", shown(p))).collect();
                let label = if h.name.is_empty() { String::new() } else { format!(" \"{}\"", h.name) };
                out += &format!("       {}{label}: {}\n", h.number, items.join(" "));
            }
        }
    }
    out += "Note: these figures follow from the game as written (every number in it is an assumption); they are not a forecast.\n";
    out
}
