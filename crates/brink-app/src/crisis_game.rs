//! The crisis as a game: `brink game` writes a scenario's first T turns as a Gambit `.efg`
//! game, and `brink equilibrium` solves it and compares equilibrium play with the scenario's
//! own rules. The tree comes from `brink_engine::tree` (which mirrors the run loop); this
//! module turns it into a `brink_games::efg::ExtensiveGame` and reports.
//!
//! Numbers cross from the engine's floating point to the game's exact rationals rounded:
//! payoffs to 1e-9, chance probabilities to 1e-12 (the largest probability of each draw is
//! then set so the draw's probabilities add up to exactly 1).

use std::collections::HashMap;
use std::time::Instant;

use brink_engine::model::Scenario;
use brink_engine::tree::{CrisisTree, TreeConfig, TreeNode, build_tree};
use brink_games::efg::{
    self, BehaviorF64, CfrConfig, ChanceInfoset, EfgOutcome, ExtensiveGame, GameParts, Infoset, Node, NodeKind,
};
use brink_games::{Rational, nfg};
use brink_scenario::{Loaded, Override};
use brink_types::EquilibriumReport;
use brink_types::IndexMap;
use brink_types::tools::{ChoiceDifference, EquilibriumBody, TreeSize};

use crate::AppError;

/// The most nodes a crisis game may have.
pub const MAX_NODES: usize = 2_000_000;

/// The crisis tree and the game built from it, with what the game file cannot hold.
#[derive(Debug, Clone)]
pub struct CrisisGame {
    /// The engine's tree.
    pub tree: CrisisTree,
    /// The game (node `k` is the tree's node `k`).
    pub game: ExtensiveGame,
    /// The scenario's own behaviour, `[player][infoset][action]`, where its rules give it.
    pub scenario_behavior: Option<BehaviorF64>,
}

fn rational(x: f64, digits: i32) -> Rational {
    let scale = 10f64.powi(digits);
    let text = format!("{}/1{}", (x * scale).round() as i128, "0".repeat(digits as usize));
    nfg::parse_number(&text).unwrap_or_default()
}

/// Chance probabilities as exact rationals adding up to 1.
fn exact_probs(probs: &[f64]) -> Vec<Rational> {
    let mut out: Vec<Rational> = probs.iter().map(|&p| rational(p, 12)).collect();
    let largest = (0..probs.len()).max_by(|&a, &b| probs[a].total_cmp(&probs[b])).unwrap_or(0);
    let others: Rational = out.iter().enumerate().filter(|(k, _)| *k != largest).map(|(_, p)| p.clone()).sum();
    out[largest] = Rational::from_integer(1.into()) - others;
    out
}

/// Builds the game of `scenario`'s first `turns` turns.
pub fn crisis_game(loaded: &Loaded, turns: u32) -> Result<CrisisGame, AppError> {
    let tree = build_tree(&loaded.scenario, &TreeConfig { turns, max_nodes: MAX_NODES })
        .map_err(|e| AppError::BadInput(format!("error: {e}")))?;
    game_of_tree(loaded, tree)
}

/// The game of an engine tree of `loaded`'s scenario.
pub fn game_of_tree(loaded: &Loaded, tree: CrisisTree) -> Result<CrisisGame, AppError> {
    let scenario = &loaded.scenario;
    let turns = tree.turns;
    let n = scenario.actors.len();
    let mut parts = GameParts {
        title: format!("{}: the first {turns} turns", scenario.name),
        comment: format!(
            "Written by brink {} from scenario {} (hash {}). Chance draws red lines, events, answers by rule, accidents and the chance hazard; payoffs are per-turn payoffs, audience costs and outcome values, with the continuation value at the truncation (docs/GAMES.md).",
            crate::VERSION,
            scenario.name,
            loaded.hash
        ),
        players: scenario.actors.iter().map(|a| a.name.clone()).collect(),
        infosets: vec![Vec::new(); n],
        ..GameParts::default()
    };
    let mut keys: HashMap<(usize, String), usize> = HashMap::new();
    let mut scenario_probs: Vec<Vec<Option<Vec<f64>>>> = vec![Vec::new(); n];
    let mut nodes = Vec::with_capacity(tree.nodes.len());
    for node in &tree.nodes {
        nodes.push(match node {
            TreeNode::Chance { label, labels, probs, children } => {
                let number = parts.chance_infosets.len() + 1;
                parts.chance_infosets.push(ChanceInfoset {
                    number,
                    // Numbered: Gambit (pygambit 17) refuses a file in which two information
                    // sets of one player, chance included, share a label.
                    name: format!("{label} #{number}"),
                    actions: labels.clone(),
                    probs: exact_probs(probs),
                });
                Node {
                    name: String::new(),
                    kind: NodeKind::Chance { infoset: parts.chance_infosets.len() - 1 },
                    outcome: None,
                    children: children.clone(),
                }
            }
            TreeNode::Decision { actor, infoset, actions, scenario, children } => {
                let next = parts.infosets[*actor].len();
                let index = *keys.entry((*actor, infoset.clone())).or_insert(next);
                if index == next {
                    parts.infosets[*actor].push(Infoset {
                        number: next + 1,
                        name: infoset.clone(),
                        actions: actions.clone(),
                    });
                    scenario_probs[*actor].push(scenario.clone());
                }
                Node {
                    name: String::new(),
                    kind: NodeKind::Decision { player: *actor, infoset: index },
                    outcome: None,
                    children: children.clone(),
                }
            }
            TreeNode::Terminal { payoffs, ending, .. } => {
                parts.outcomes.push(EfgOutcome {
                    number: parts.outcomes.len() + 1,
                    name: ending.name().to_owned(),
                    payoffs: payoffs.iter().map(|&u| rational(u, 9)).collect(),
                });
                Node {
                    name: String::new(),
                    kind: NodeKind::Terminal,
                    outcome: Some(parts.outcomes.len() - 1),
                    children: Vec::new(),
                }
            }
        });
    }
    parts.nodes = nodes;
    let game =
        ExtensiveGame::new(parts).map_err(|e| AppError::Internal(format!("the crisis game is malformed: {e}")))?;
    let scenario_behavior = scenario_probs
        .into_iter()
        .map(|sets| sets.into_iter().collect::<Option<Vec<Vec<f64>>>>())
        .collect::<Option<BehaviorF64>>();
    Ok(CrisisGame { tree, game, scenario_behavior })
}

/// The `.efg` text of the game of `scenario`'s first `turns` turns (`brink game`).
pub fn game_text(loaded: &Loaded, turns: u32) -> Result<(String, TreeSize), AppError> {
    let crisis = crisis_game(loaded, turns)?;
    Ok((efg::write(&crisis.game), tree_size(&crisis.game)))
}

fn tree_size(game: &ExtensiveGame) -> TreeSize {
    TreeSize {
        nodes: game.nodes().len() as u64,
        infosets: game.num_infosets() as u64,
        terminals: game.num_terminals() as u64,
    }
}

/// Which solver `brink equilibrium` uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EquilibriumMethod {
    /// Lemke's algorithm on the sequence-form LCP (two actors; exact).
    Lcp,
    /// CFR+ (any number of actors; approximate).
    Cfr,
}

/// What `brink equilibrium` computes.
#[derive(Debug, Clone, PartialEq)]
pub struct EquilibriumRequest {
    /// Turns before the truncation.
    pub turns: u32,
    /// The solver (default [`EquilibriumMethod::Cfr`]).
    pub method: Option<EquilibriumMethod>,
    /// CFR+ iterations (default 1000).
    pub iterations: Option<u64>,
}

/// Outcome probabilities of a behaviour profile: the reach of every leaf, by ending.
fn outcomes(crisis: &CrisisGame, behavior: &BehaviorF64) -> (IndexMap<String, f64>, Vec<f64>) {
    let game = &crisis.game;
    let mut reach = vec![0.0; game.nodes().len()];
    reach[0] = 1.0;
    let mut totals: IndexMap<String, f64> = IndexMap::new();
    for name in ["nuclear_use", "settlement", "concession", "turn_limit", "continuing"] {
        totals.insert(name.to_owned(), 0.0);
    }
    // Children come after parents, so one pass in index order suffices.
    for k in 0..game.nodes().len() {
        let node = &game.nodes()[k];
        let probs: Vec<f64> = match node.kind {
            NodeKind::Terminal => {
                if let TreeNode::Terminal { ending, .. } = &crisis.tree.nodes[k] {
                    *totals.entry(ending.name().to_owned()).or_insert(0.0) += reach[k];
                }
                continue;
            }
            NodeKind::Chance { infoset } => {
                game.chance_infosets()[infoset].probs.iter().map(brink_games::to_f64).collect()
            }
            NodeKind::Decision { player, infoset } => behavior[player][infoset].clone(),
        };
        for (c, p) in node.children.iter().zip(probs) {
            reach[*c] = reach[k] * p;
        }
    }
    (totals, reach)
}

/// Solves the crisis game and compares equilibrium with the scenario's rules: the report of
/// `brink equilibrium`.
pub fn equilibrium_report(
    loaded: &Loaded,
    _overrides: &[Override],
    request: &EquilibriumRequest,
) -> Result<EquilibriumReport, AppError> {
    let started = Instant::now();
    let crisis = crisis_game(loaded, request.turns)?;
    let game = &crisis.game;
    let Some(scenario_behavior) = crisis.scenario_behavior.clone() else {
        return Err(AppError::bad(
            "brink equilibrium compares with the scenario's rules only when every actor decides by logit expected utility (policy = \"logit\")",
        ));
    };
    let method = request.method.unwrap_or(EquilibriumMethod::Cfr);
    if request.iterations.is_some() && method != EquilibriumMethod::Cfr {
        return Err(AppError::bad("--iterations applies only to --method cfr"));
    }
    let (behavior, method_name, iterations) = match method {
        // Exact for small games, else the sparse floating-point LCP (its regret checked).
        EquilibriumMethod::Lcp => (efg::lcp_f64(game).map_err(AppError::bad)?, "lcp", None),
        EquilibriumMethod::Cfr => {
            let iterations = request.iterations.unwrap_or(1000);
            if !(1..=crate::solve_efg::CFR_MAX_ITERATIONS).contains(&iterations) {
                return Err(AppError::bad(format!(
                    "--iterations must be from 1 to {}",
                    crate::solve_efg::CFR_MAX_ITERATIONS
                )));
            }
            let r = efg::cfr(game, &CfrConfig { iterations: iterations as usize, track_exploitability: false })
                .map_err(AppError::bad)?;
            (r.behavior, "cfr", Some(iterations))
        }
    };
    let equilibrium_eval = efg::evaluate(game, &behavior).map_err(|e| AppError::Internal(e.to_string()))?;
    let scenario_eval = efg::evaluate(game, &scenario_behavior).map_err(|e| AppError::Internal(e.to_string()))?;
    let (outcomes_equilibrium, _) = outcomes(&crisis, &behavior);
    let (outcomes_scenario, reach) = outcomes(&crisis, &scenario_behavior);
    // Reach of each information set under the scenario's rules.
    let mut infoset_reach: Vec<Vec<f64>> = game.infosets().iter().map(|s| vec![0.0; s.len()]).collect();
    for (k, node) in game.nodes().iter().enumerate() {
        if let NodeKind::Decision { player, infoset } = node.kind {
            infoset_reach[player][infoset] += reach[k];
        }
    }
    let mut differences = Vec::new();
    for (player, sets) in game.infosets().iter().enumerate() {
        for (h, set) in sets.iter().enumerate() {
            for (a, action) in set.actions.iter().enumerate() {
                let (eq, sc) = (behavior[player][h][a], scenario_behavior[player][h][a]);
                differences.push(ChoiceDifference {
                    actor: game.players()[player].clone(),
                    infoset: set.name.clone(),
                    action: action.clone(),
                    equilibrium: eq,
                    scenario: sc,
                    reach: infoset_reach[player][h],
                });
            }
        }
    }
    let weight = |d: &ChoiceDifference| (d.equilibrium - d.scenario).abs() * d.reach;
    differences.sort_by(|a, b| weight(b).total_cmp(&weight(a)).then_with(|| a.infoset.cmp(&b.infoset)));
    differences.truncate(10);
    let body = EquilibriumBody {
        scenario: loaded.scenario.name.clone(),
        turns: request.turns,
        tree: tree_size(game),
        method: method_name.to_owned(),
        iterations,
        nash_conv: equilibrium_eval.nash_conv(),
        outcomes_equilibrium,
        outcomes_scenario,
        exploitability: game.players().iter().cloned().zip(scenario_eval.regrets.iter().copied()).collect(),
        largest_differences: differences,
    };
    Ok(crate::report(body, started))
}

/// The report as readable lines.
pub fn equilibrium_text(report: &EquilibriumReport) -> String {
    let b = &report.body;
    let mut out = format!(
        "{}: the first {} turns as a game ({} nodes, {} information sets, {} leaves)\n",
        b.scenario, b.turns, b.tree.nodes, b.tree.infosets, b.tree.terminals
    );
    out += &format!("equilibrium by {} (NashConv {:.2e})\n\n", b.method, b.nash_conv);
    out += &format!("  {:<14} {:>12} {:>12}\n", "outcome", "equilibrium", "scenario");
    for (name, p) in &b.outcomes_equilibrium {
        let s = b.outcomes_scenario.get(name).copied().unwrap_or(0.0);
        out += &format!("  {name:<14} {p:>12.4} {s:>12.4}\n");
    }
    out += "\nexploitability of the scenario's rules (gain from deviating optimally):\n";
    for (actor, gain) in &b.exploitability {
        out += &format!("  {actor:<14} {gain:.4}\n");
    }
    out += "\nlargest differences (weighted by how likely the situation is under the scenario's rules):\n";
    for d in b.largest_differences.iter().take(5) {
        out += &format!(
            "  {} — {}: equilibrium {:.3}, scenario {:.3} (reach {:.3})\n",
            d.infoset, d.action, d.equilibrium, d.scenario, d.reach
        );
    }
    out += "Note: these figures follow from the scenario's stated assumptions (every number in it is one) and from the truncation; they are not a forecast.\n";
    out
}

/// CFR+ iterations for `policy = "equilibrium"` when the game is too large for the exact LCP.
pub const RUN_CFR_ITERATIONS: usize = 1000;

/// Scenarios with their equilibrium strategies filled in, by the scenario they were computed
/// for (after overrides): each run configuration is solved once per process.
static STRATEGY_CACHE: std::sync::LazyLock<std::sync::Mutex<Vec<SolvedScenario>>> =
    std::sync::LazyLock::new(Default::default);

/// A scenario as given, and the same with its equilibrium strategies.
type SolvedScenario = (Scenario, std::sync::Arc<Scenario>);

/// An equilibrium of `crisis`'s game for [`with_equilibrium_strategies`]: with two players
/// the sequence-form LCP (`efg::lcp_f64`: exact up to `efg::EXACT_LCP_F64_SIZE` rows, else
/// floating point with its regret checked), which is what `brink equilibrium --method lcp`
/// reports; with more, or should the floating-point LCP fail, [`RUN_CFR_ITERATIONS`] of CFR+;
/// and the method's name.
fn solve_for_runs(game: &ExtensiveGame) -> Result<(BehaviorF64, &'static str), AppError> {
    if game.num_players() == 2 {
        let floating_point = efg::lcp_size(game) > efg::EXACT_LCP_F64_SIZE;
        match efg::lcp_f64(game) {
            Ok(behavior) => return Ok((behavior, "lcp")),
            // The floating-point path's ray, pivot limit or failed regret check: CFR+ still
            // gives an approximate equilibrium. (The exact path cannot fail on a valid game:
            // an error there is a bug, reported below.)
            Err(brink_games::GameError::Numerical(_)) if floating_point => {}
            Err(e) => return Err(AppError::Internal(format!("the crisis game's LCP failed: {e}"))),
        }
    }
    let r = efg::cfr(game, &CfrConfig { iterations: RUN_CFR_ITERATIONS, track_exploitability: false })
        .map_err(|e| AppError::Internal(format!("CFR+ on the crisis game failed: {e}")))?;
    Ok((r.behavior, "cfr"))
}

/// `loaded`'s scenario with the strategy of every `policy = "equilibrium"` actor computed
/// (docs/GAMES.md, "Playing the equilibrium in runs"): the crisis game truncated at the
/// actor's `turns` is built and solved (`solve_for_runs`: the sequence-form LCP with two
/// players, CFR+ with more or should the floating-point LCP fail), once per scenario after
/// overrides and cached for the process; `None` when no actor needs one. Too large a game is
/// bad input.
pub fn with_equilibrium_strategies(loaded: &Loaded) -> Result<Option<std::sync::Arc<Scenario>>, AppError> {
    use brink_engine::model::PolicyKind;
    use brink_engine::policy::EquilibriumStrategy;
    let needs = |p: &PolicyKind| matches!(p, PolicyKind::Equilibrium { strategy: None, .. });
    if !loaded.scenario.actors.iter().any(|a| needs(&a.policy)) {
        return Ok(None);
    }
    let cache = STRATEGY_CACHE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some((_, solved)) = cache.iter().find(|(s, _)| *s == loaded.scenario) {
        return Ok(Some(solved.clone()));
    }
    drop(cache);
    let mut scenario = loaded.scenario.clone();
    let mut horizons: Vec<u32> = scenario
        .actors
        .iter()
        .filter_map(|a| match a.policy {
            PolicyKind::Equilibrium { turns, strategy: None } => Some(turns),
            _ => None,
        })
        .collect();
    horizons.sort_unstable();
    horizons.dedup();
    for turns in horizons {
        let crisis = crisis_game(loaded, turns).map_err(|e| match e {
            AppError::BadInput(m) => AppError::BadInput(format!("{m} (policy = \"equilibrium\" with turns = {turns})")),
            other => other,
        })?;
        let (behavior, _method) = solve_for_runs(&crisis.game)?;
        for (actor, spec) in scenario.actors.iter_mut().enumerate() {
            if let PolicyKind::Equilibrium { turns: t, strategy } = &mut spec.policy
                && *t == turns
            {
                let table = crisis.game.infosets()[actor]
                    .iter()
                    .zip(&behavior[actor])
                    .map(|(h, probs)| (h.name.clone(), probs.clone()))
                    .collect();
                *strategy = Some(std::sync::Arc::new(EquilibriumStrategy { table }));
            }
        }
    }
    let solved = std::sync::Arc::new(scenario);
    let mut cache = STRATEGY_CACHE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if cache.len() >= 16 {
        cache.remove(0);
    }
    cache.push((loaded.scenario.clone(), solved.clone()));
    Ok(Some(solved))
}
